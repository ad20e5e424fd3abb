"""Describing a zone: its size, the units it touches and the cities inside it.

:func:`describe_zone` turns one geometry into a row of a zone table: area (km²,
geodesic on WGS84) or length (km, in :data:`geo.areas.EQUAL_AREA_CRS`), the share of
each unit it covers (percent of the unit's polygon), and the GeoNames cities inside
(people; city sections are listed but not counted twice). :func:`zone_frame` gathers
rows into the zone table; :func:`zone_records` makes it JSON-ready.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.areas import WGS84, geodesic_areas_km2, geometry_area_km2, to_ea
from geo.cities import cities_within, load_cities, population_total

__all__ = ["ZONE_COLUMNS", "describe_zone", "zone_frame", "zone_records"]

#: Columns of every zone table (plus ``geometry``).
ZONE_COLUMNS: tuple[str, ...] = (
    "kind",
    "label",
    "units",
    "area_km2",
    "length_km",
    "unit_shares",
    "cities",
    "city_count",
    "people_in_cities",
    "schematic",
    "basis",
    "report_id",
    "claim_ids",
    "params",
)

#: Unit shares below this (percent) are not listed for a zone.
_MIN_UNIT_SHARE = 0.05


def _intersection(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """``a & b``, retried on a 1e-7 degree grid when GEOS meets a non-noded edge."""
    try:
        return a.intersection(b)
    except shapely.errors.GEOSException:
        return shapely.intersection(a, b, grid_size=1e-7)


def _unit_parts(geom: BaseGeometry, units: gpd.GeoDataFrame
                ) -> tuple[dict[str, float], dict[str, float]]:
    """Per unit the zone touches (share at least :data:`_MIN_UNIT_SHARE`): its share of
    the unit (percent, 2 decimals) and its km² there (exact, 1 decimal)."""
    cand = units[units.geometry.intersects(geom)]
    if not len(cand):
        return {}, {}
    pieces = np.asarray([_intersection(g, geom) for g in cand.geometry], dtype=object)
    km2 = geodesic_areas_km2(pieces)
    unit_km2 = np.asarray(cand["geodesic_area_km2"], dtype=float)
    pct = 100 * km2 / unit_km2
    keep = [(str(c), float(p), float(k)) for c, p, k in zip(cand.index, pct, km2, strict=True)
            if p >= _MIN_UNIT_SHARE]
    return ({c: round(p, 2) for c, p, _ in keep}, {c: round(k, 1) for c, _, k in keep})


def describe_zone(
    geom: BaseGeometry,
    units: gpd.GeoDataFrame,
    *,
    kind: str,
    label: str,
    cities: gpd.GeoDataFrame | None = None,
    schematic: bool,
    basis: str,
    report_id: str = "",
    claim_ids: Iterable[str] = (),
    params: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One zone as a row: area, length, shares of the units it touches, cities inside.

    Returns
    -------
    dict
        Keys :data:`ZONE_COLUMNS` and ``geometry``, and ``unit_km2``: the zone's km² in
        each unit of ``unit_shares`` (measured, not the share times the unit's area, so
        they and the ground outside every unit add up to ``area_km2``).
    """
    if cities is None:
        cities = load_cities()
    area = geometry_area_km2(geom) if geom.geom_type.endswith("Polygon") else 0.0
    length = 0.0
    if "Line" in geom.geom_type and not geom.is_empty:
        length = float(to_ea(geom).length / 1000)
    shares: dict[str, float] = {}
    unit_km2: dict[str, float] = {}
    touched: list[str] = []
    if area > 0:
        shares, unit_km2 = _unit_parts(geom, units)
        touched = list(shares)
    elif not geom.is_empty:
        touched = [str(c) for c in units.index[units.geometry.intersects(geom)]]
    inside = cities_within(geom, cities) if area > 0 else cities.iloc[0:0]
    city_list = [
        {
            "name": str(r["name"]),
            "population": int(r["population"]),
            "code": str(r["code"]),
            "is_section": bool(r.get("is_section", False)),
        }
        for _, r in inside.iterrows()
    ]
    return {
        "kind": kind,
        "label": label,
        "units": ",".join(touched),
        "area_km2": round(area, 1),
        "length_km": round(length, 1),
        "unit_shares": shares,
        "unit_km2": unit_km2,
        "cities": city_list,
        "city_count": sum(1 for c in city_list if not c["is_section"]),
        "people_in_cities": population_total(inside),
        "schematic": schematic,
        "basis": basis,
        "report_id": report_id,
        "claim_ids": ",".join(claim_ids),
        "params": dict(params or {}),
        "geometry": geom,
    }


def zone_frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Zone rows as the zone table: index ``zone_id`` (``<kind>:<n>``), EPSG:4326."""
    if not rows:
        return gpd.GeoDataFrame(
            {c: [] for c in ZONE_COLUMNS}, geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    gdf.index = pd.Index([f"{r['kind']}:{i}" for i, r in enumerate(rows)], name="zone_id")
    return gdf[[*ZONE_COLUMNS, "geometry"]]


def zone_records(zones: gpd.GeoDataFrame, *, geometry: bool = False) -> list[dict[str, Any]]:
    """Zones as JSON-ready records (optionally with GeoJSON geometry)."""
    out = []
    for zid, row in zones.iterrows():
        rec = {"zone_id": zid, **{c: row[c] for c in ZONE_COLUMNS}}
        if geometry:
            rec["geometry"] = shapely.geometry.mapping(row.geometry)
        out.append(json.loads(json.dumps(rec, default=str)))
    return out
