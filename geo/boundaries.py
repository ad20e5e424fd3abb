"""The boundary layer: Ukraine's 27 first-level units and three Russian border oblasts.

Geometries are EPSG:4326 MultiPolygons; areas are km². The layer is indexed by ISO
3166-2 code (index name ``code``: ``UA-14`` is Donetsk oblast). Columns:

``name_en``, ``name_uk``, ``name_ru``
    English (official 2010 romanization), Ukrainian and Russian names.
``kind``
    ``oblast``, ``autonomous republic``, ``city with special status`` or
    ``oblast of Russia``.
``country``
    ``UA`` or ``RU`` (Crimea and Sevastopol are ``UA``).
``official_area_km2``
    Official area (State Statistics Service of Ukraine; Rosstat), including inland water.
``geodesic_area_km2``
    Area of the polygon on the WGS84 ellipsoid (computed from the polygon at load, so a
    layer that covers a unit exactly measures 100 % of it).

The files and how they were made are described in ``data/boundaries/PROVENANCE.md``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo import DATA_DIR
from geo.errors import FrontlineError, UnknownUnitError

__all__ = [
    "ukraine_outline",
    "ukraine_area_km2",
    "BOUNDARIES_DIR",
    "load_units",
    "load_countries",
    "load_raions",
    "load_neighbours",
    "load_unit_table",
    "ukraine_units",
    "ukraine_codes",
    "validate_codes",
    "area_accuracy",
]

BOUNDARIES_DIR = DATA_DIR / "boundaries"


@functools.lru_cache(maxsize=4)
def _read_layer(path: Path) -> gpd.GeoDataFrame:
    if not path.exists():
        raise FrontlineError(
            f"boundary file {path} is missing; expected the committed data of the "
            "repository. Rebuild it with `python scripts/build_boundaries.py`."
        )
    gdf = gpd.read_file(path, engine="pyogrio")
    if gdf.crs is None:
        gdf = gdf.set_crs(4326)
    return gdf


def load_units(path: Path | None = None, *, country: str | None = None) -> gpd.GeoDataFrame:
    """Load the unit boundary layer, indexed by ISO 3166-2 code.

    Parameters
    ----------
    path : Path, optional
        A units GeoJSON; default ``data/boundaries/units.geojson``.
    country : {"UA", "RU"}, optional, keyword-only
        Keep only units of this country.

    Returns
    -------
    GeoDataFrame
        A fresh copy (safe to modify), EPSG:4326, index ``code``.
    """
    gdf = _read_layer(Path(path) if path else BOUNDARIES_DIR / "units.geojson").copy()
    gdf = gdf.set_index("code")
    if "geodesic_area_km2" in gdf.columns:  # the file rounds it to 0.1 km²: use the polygon's
        gdf["geodesic_area_km2"] = _areas(Path(path) if path else BOUNDARIES_DIR / "units.geojson")
    if country is not None:
        if country not in ("UA", "RU"):
            raise FrontlineError(f"country: expected 'UA' or 'RU', got {country!r}.")
        gdf = gdf[gdf["country"] == country]
    return gdf


@functools.lru_cache(maxsize=4)
def _areas(path: Path) -> list[float]:
    from geo.areas import geodesic_areas_km2

    layer = _read_layer(path)
    return [float(a) for a in geodesic_areas_km2(layer.geometry.to_numpy())]


def ukraine_units() -> gpd.GeoDataFrame:
    """The 27 Ukrainian units (24 oblasts, Crimea, Kyiv, Sevastopol)."""
    return load_units(country="UA")


@functools.lru_cache(maxsize=1)
def ukraine_outline() -> BaseGeometry:
    """The union of Ukraine's 27 units (EPSG:4326), prepared; computed once."""
    import shapely

    outline = shapely.union_all(np.asarray(ukraine_units().geometry.values))
    shapely.prepare(outline)
    return outline


def ukraine_area_km2(units: pd.DataFrame) -> float:
    """Ukraine's area: the denominator of every "percent of Ukraine" (km²).

    The sum of the official areas of the units whose ``country`` is ``UA`` (603,543 km²
    for the built-in layer): the figure a report's "19 % of Ukraine" is a share of, so a
    claim, a measured layer, a series, a verdict and a consistency finding all divide by
    the same number. For raions (:func:`load_raions`, column ``code`` naming the unit
    each lies in), the official areas of the units they tile. A unit layer without
    ``official_area_km2`` (a test's own units) falls back to the sum of its polygons'
    geodesic areas.

    Parameters
    ----------
    units : DataFrame
        The unit table or layer (:func:`load_units`), columns ``country`` and
        ``official_area_km2`` (or ``geodesic_area_km2``, or a geometry).
    """
    ua = units["country"] == "UA" if "country" in units.columns else \
        pd.Series(True, index=units.index)
    if "official_area_km2" not in units.columns and "code" in units.columns:
        # second-level units (load_raions): the official areas of the units they tile
        table = _unit_table()
        parents = pd.Index(units.loc[ua, "code"].unique())
        if len(parents) and parents.isin(table.index).all():
            return float(table.loc[parents, "official_area_km2"].sum())
    if "official_area_km2" in units.columns:
        official = units.loc[ua, "official_area_km2"].astype(float)
        if len(official) and bool((official > 0).all()):
            return float(official.sum())
    if "geodesic_area_km2" in units.columns:
        return float(units.loc[ua, "geodesic_area_km2"].sum())
    from geo.areas import geodesic_areas_km2

    return float(geodesic_areas_km2(np.asarray(units.loc[ua].geometry.values)).sum())


@functools.lru_cache(maxsize=1)
def _ukraine_codes() -> tuple[str, ...]:
    return tuple(load_unit_table().query("country == 'UA'").index)


def ukraine_codes() -> tuple[str, ...]:
    """ISO 3166-2 codes of the 27 Ukrainian units, sorted."""
    return _ukraine_codes()


def load_raions(path: Path | None = None, *, unit: str | None = None) -> gpd.GeoDataFrame:
    """Load Ukraine's second-level units (raions), indexed by COD-AB P-code.

    The 136 raions of the 2020 reform, the Chornobyl exclusion zone (UA3200), and the
    cities of Kyiv (UA8000) and Sevastopol (UA8500): 139 polygons that tile the 27
    Ukrainian units (EPSG:4326). Columns ``name_en``, ``name_uk``, ``code`` (the unit's
    ISO 3166-2 code), ``geodesic_area_km2``.

    Parameters
    ----------
    path : Path, optional
        A raions GeoJSON; default ``data/boundaries/raions.geojson``.
    unit : str, optional, keyword-only
        Keep only the raions of this unit (ISO 3166-2 code).
    """
    gdf = _read_layer(Path(path) if path else BOUNDARIES_DIR / "raions.geojson").copy()
    gdf = gdf.set_index("raion_code")
    gdf["geodesic_area_km2"] = _areas(Path(path) if path else BOUNDARIES_DIR / "raions.geojson")
    gdf["country"] = "UA"
    if unit is not None:
        validate_codes([unit], argument="unit")
        gdf = gdf[gdf["code"] == unit]
    return gdf


def load_neighbours(path: Path | None = None) -> gpd.GeoDataFrame:
    """Land of the countries around Ukraine outside the units (EPSG:4326).

    Columns ``iso_a3``, ``name``: what a control layer covers outside the units lies
    over this land or over the sea (:mod:`geo.measure`).
    """
    return _read_layer(Path(path) if path else BOUNDARIES_DIR / "neighbours.geojson").copy()


def load_countries(path: Path | None = None) -> gpd.GeoDataFrame:
    """Country outlines of the region, for the offline basemap (display only)."""
    return _read_layer(Path(path) if path else BOUNDARIES_DIR / "countries.geojson").copy()


@functools.lru_cache(maxsize=1)
def _unit_table() -> pd.DataFrame:
    table = pd.read_csv(BOUNDARIES_DIR / "units.csv", dtype=str, keep_default_na=False)
    table["official_area_km2"] = table["official_area_km2"].astype(float)
    table["country"] = table["code"].str[:2]
    return table.set_index("code")


def load_unit_table() -> pd.DataFrame:
    """Names, kinds, official areas and spelling variants of every unit (no geometry)."""
    return _unit_table().copy()


def validate_codes(codes: list[str] | tuple[str, ...], *, argument: str = "codes") -> None:
    """Raise :class:`~geo.errors.UnknownUnitError` naming every unknown code.

    Parameters
    ----------
    codes : sequence of str
        ISO 3166-2 codes to check.
    argument : str, keyword-only
        Name of the argument or field the codes came from, for the message.
    """
    known = list(_unit_table().index)
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UnknownUnitError(unknown, argument=argument, known=known)


def area_accuracy(units: gpd.GeoDataFrame) -> pd.Series:
    """Relative difference of geodesic to official area, in percent.

    Returns
    -------
    pandas.Series
        Named ``area_error_pct``, aligned to ``units.index``.
    """
    err = (units["geodesic_area_km2"] / units["official_area_km2"] - 1.0) * 100.0
    return err.rename("area_error_pct")
