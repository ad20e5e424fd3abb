"""Display geometry: what a map page carries, simplified to what a screen shows.

Display geometry is for drawing only; areas are always measured on the full geometry.
Coordinates are lon/lat degrees (EPSG:4326).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

__all__ = ["DISPLAY_DECIMALS", "DISPLAY_SIMPLIFY_DEG", "display_geometry", "round_coordinates"]

#: Decimals kept in displayed coordinates (1e-3 degree is 111 m of latitude, 74 m of
#: longitude here: well under the 1 km display simplification and under a pixel up to
#: zoom 10).
DISPLAY_DECIMALS = 3


#: Coverage simplification of display geometry (``simplify_coverage`` tolerance, deg):
#: removes bends of under ~0.25 km², finer than a pixel at the zooms the maps open at
#: (the COD-AB coast's lagoons and spits doubled a page at 0.005).
DISPLAY_SIMPLIFY_DEG = 0.007


def display_geometry(geoms: gpd.GeoSeries, *, simplify_deg: float = DISPLAY_SIMPLIFY_DEG
                     ) -> gpd.GeoSeries:
    """Geometry for display only: coverage-simplified and snapped to a 1e-4 degree grid.

    Neighbouring polygons are simplified together (``simplify_coverage``) and snapped to
    the same grid, so shared borders stay shared on the map. Never use the result for
    computation: areas are always measured on the full geometry.
    """
    out = geoms.simplify_coverage(simplify_deg) if simplify_deg > 0 else geoms
    snapped = shapely.set_precision(out.values, 10.0**-DISPLAY_DECIMALS)
    return gpd.GeoSeries(round_coordinates(snapped), index=geoms.index, crs=geoms.crs)


def round_coordinates(geoms: np.ndarray) -> np.ndarray:
    """Coordinates rounded to :data:`DISPLAY_DECIMALS`, printed short (the nearest double
    to each 3-decimal value: 37.123, not 37.123000000000005)."""
    out: np.ndarray = shapely.transform(geoms, lambda c: np.round(c, DISPLAY_DECIMALS))
    return out
