"""The map frame: a folium Map with local Leaflet assets, the offline basemap, optional tiles.

Bounds are the lon/lat box of Ukraine; no web tiles by default (they need the internet).
"""

from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from layers.assets import use_local_assets
from layers.basemap import SEA_COLOUR, basemap_layer

__all__ = [
    "new_map",
    "UKRAINE_BOUNDS",
    "display_geometry",
    "DISPLAY_DECIMALS",
    "DATA_ATTRIBUTION",
]

#: Sources of the data drawn on every map, shown in Leaflet's attribution control.
DATA_ATTRIBUTION = "Boundaries: Natural Earth (public domain) | Cities: GeoNames (CC BY 4.0)"


class _Attribution(MacroElement):
    """Adds a fixed text to the map's attribution control."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = text

#: (south, west), (north, east) of Ukraine.
UKRAINE_BOUNDS = [[44.3, 22.1], [52.4, 40.3]]


def new_map(
    *,
    web_tiles: bool = False,
    local_assets: bool = True,
    height: str = "100%",
) -> folium.Map:
    """A map of Ukraine on the offline basemap.

    Parameters
    ----------
    web_tiles : bool, keyword-only
        Add an OpenStreetMap tile layer (needs the internet; off by default).
    local_assets : bool, keyword-only
        Load Leaflet from the app's ``/app/static`` (see :mod:`layers.assets`);
        ``False`` keeps folium's CDN links (standalone HTML files).
    height : str, keyword-only
        CSS height of the map element.
    """
    m = folium.Map(
        location=[48.6, 31.2],
        zoom_start=6,
        tiles=None,
        min_zoom=4,
        max_zoom=12,
        prefer_canvas=False,
        height=height,
        attribution_control=True,
    )
    if local_assets:
        use_local_assets(m)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(
        Element(
            f"<style>.leaflet-container {{ background: {SEA_COLOUR}; }}"
            ".leaflet-tooltip { min-width: 260px; max-width: 360px; white-space: normal; }"
            # one line of credits under the legends (Leaflet's own is 0.75rem, two lines)
            ".leaflet-container .leaflet-control-attribution { font-size: 10px; "
            "line-height: 1.4; }</style>"
        )
    )
    basemap_layer().add_to(m)
    if web_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (web)", overlay=False).add_to(m)
    _Attribution(DATA_ATTRIBUTION).add_to(m)
    m.fit_bounds(UKRAINE_BOUNDS)
    return m


#: Decimals kept in displayed coordinates (1e-4 degree is about 10 m).
DISPLAY_DECIMALS = 4


def display_geometry(geoms: gpd.GeoSeries, *, simplify_deg: float = 0.005) -> gpd.GeoSeries:
    """Geometry for display only: coverage-simplified and snapped to a 1e-4 degree grid.

    Neighbouring polygons are simplified together (``simplify_coverage``) and snapped to
    the same grid, so shared borders stay shared on the map. Never use the result for
    computation: areas are always measured on the full geometry.
    """
    out = geoms.simplify_coverage(simplify_deg) if simplify_deg > 0 else geoms
    snapped = shapely.set_precision(out.values, 10.0**-DISPLAY_DECIMALS)
    # Print short: the nearest double to each 4-decimal value (37.1234, not 37.123400000000004).
    short = shapely.transform(snapped, lambda c: np.round(c, DISPLAY_DECIMALS))
    return gpd.GeoSeries(short, index=geoms.index, crs=geoms.crs)
