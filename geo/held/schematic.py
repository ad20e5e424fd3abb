"""Schematic held territory: zones grown to a report's claimed shares, the rest of each unit.

Russian-held ground in each Ukrainian unit is the schematic zone grown to the claimed
share (:mod:`geo.schematic`); Ukrainian-held ground is the rest of the unit, cut by the
sealed union of the zones; ground Ukraine is claimed to hold in a Russian unit is a
schematic disc from the border. Geometries EPSG:4326, areas km².
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.areas import from_ea, geometry_area_km2, to_ea
from geo.held.model import (
    HeldTerritory,
    make_frame,
    make_row,
    polygonal,
    ukraine_ea,
    unit_km2,
)
from geo.memo import Memo
from geo.schematic import contiguous_shares, holder_territory, schematic_zones

__all__ = ["drawn_shares", "cross_border_zone", "cross_border_rows", "schematic_territory"]

#: Closing radius (m) that seals raster slivers between neighbouring schematic zones.
_SEAL_M = 1000.0
#: Sudzha (51.19 N, 35.27 E), the centre of Ukraine's 2024 incursion into Kursk oblast.
_KURSK_INCURSION_CENTRE = Point(35.27, 51.19)


def drawn_shares(
    snap: gpd.GeoDataFrame, units: gpd.GeoDataFrame, *, end: str = "central",
    memo: Memo | None = None,
) -> tuple[dict[str, float], dict[str, str]]:
    """The Russian-held share to draw for each Ukrainian unit of a snapshot, in percent.

    The ``end`` of each claimed interval, lowered (never below the interval's low end)
    where that share cannot be one part touching held ground
    (:func:`geo.schematic.contiguous_shares`); the notes say where and why.
    """
    ua = units.index[units["country"] == "UA"]
    rows = snap[(snap["held_by"] == "russia") & snap.index.isin(ua)]
    vals = pd.to_numeric(rows[f"share_{end}"], errors="coerce").dropna()
    shares = {str(c): float(v) for c, v in vals.items() if v > 0}
    if not shares:
        return {}, {}
    lows = pd.to_numeric(rows["share_low"], errors="coerce")
    floors = {c: float(lows[c]) for c in shares if pd.notna(lows[c])}
    return contiguous_shares(shares, units, floors=floors, memo=memo)


def cross_border_zone(
    units: gpd.GeoDataFrame, code: str, area_km2: float, *, centre: Point = _KURSK_INCURSION_CENTRE
) -> BaseGeometry:
    """A schematic zone of ``area_km2`` inside unit ``code``, grown from the nearest border.

    The zone is the part of the unit within a radius of the point of its border with
    Ukraine nearest ``centre``; the radius is found by bisection so that the zone's
    geodesic area is ``area_km2`` (within 0.5 %).
    """
    if area_km2 <= 0:
        return Polygon()
    unit = units.loc[code, "geometry"]
    # Ukraine's units beside this one, cut to its box: the border is where they meet it
    frame = shapely.box(*unit.buffer(0.01).bounds)
    ua = np.asarray(units.loc[units["country"] == "UA", "geometry"])
    near = shapely.intersection(ua[shapely.intersects(ua, frame)], frame)
    border = unit.boundary.intersection(shapely.union_all(near).buffer(1e-4)) if len(near) \
        else Polygon()
    border = border if not border.is_empty else unit.boundary
    anchor = shapely.ops.nearest_points(border, centre)[0]
    unit_ea, anchor_ea = to_ea(unit), to_ea(anchor)
    if area_km2 >= geometry_area_km2(unit):
        return unit
    lo, hi = 0.0, 400_000.0
    zone_ea: BaseGeometry = Polygon()
    for _ in range(40):
        mid = (lo + hi) / 2
        zone_ea = unit_ea.intersection(anchor_ea.buffer(mid, quad_segs=16))
        got = zone_ea.area / 1e6
        if abs(got - area_km2) / area_km2 < 0.002:
            break
        lo, hi = (mid, hi) if got < area_km2 else (lo, mid)
    return polygonal(from_ea(zone_ea).intersection(unit))


def cross_border_rows(snap: gpd.GeoDataFrame | None, units: gpd.GeoDataFrame,
                       source: str) -> list[dict[str, object]]:
    """Schematic rows of ground Ukraine is claimed to hold in Russian units."""
    if snap is None:
        return []
    rows = snap[(snap["held_by"] == "ukraine") & snap.index.isin(units.index)]
    out = []
    for code, r in rows.iterrows():
        km2 = pd.to_numeric(pd.Series([r.get("km2_central")]), errors="coerce").iloc[0]
        if not pd.notna(km2) or km2 <= 0:
            continue
        zone = cross_border_zone(units, str(code), float(km2))
        got = geometry_area_km2(zone)
        out.append(make_row(str(code), "ukraine", zone, got, units, unit_km2(units, str(code)),
                        basis="schematic", source=source, target=float(r["share_central"]),
                        method="schematic: a disc from the border near Sudzha clipped to the "
                               "unit", note=f"claim {r['claim_id']} ({r['report_id']})"))
    return out


def _sealed_ea(zones: Sequence[BaseGeometry], units: gpd.GeoDataFrame,
               ua: BaseGeometry) -> BaseGeometry:
    """The schematic zones with Russia's own territory, equal-area CRS, slivers sealed.

    Schematic zones are polygonized from a 1 km raster and clipped to their unit, so two
    zones meeting at a unit border can leave slivers up to a cell wide; a morphological
    closing of :data:`_SEAL_M` seals them. Russia's outline is cut back to Ukraine's
    border (the basemap's generalized outline overlaps the detailed units by a few km).
    """
    minx, miny, maxx, maxy = ua.bounds
    frame = shapely.box(minx - 1, miny - 1, maxx + 1, maxy + 1)
    russia = holder_territory(units).intersection(frame).difference(ua)
    merged = to_ea(shapely.union_all([russia, *zones])).buffer(0)
    return merged.buffer(_SEAL_M, quad_segs=16).buffer(-_SEAL_M, quad_segs=16)


def schematic_territory(
    snap: gpd.GeoDataFrame, units: gpd.GeoDataFrame, *, end: str = "central",
    memo: Memo | None = None,
) -> HeldTerritory:
    """Held territory drawn from a snapshot's claimed shares (schematic).

    Parameters
    ----------
    snap : GeoDataFrame
        A snapshot (:func:`geo.snapshot.snapshot`).
    units : GeoDataFrame
        The unit layer.
    end : {"central", "low", "high"}, keyword-only
        Which end of each claimed interval the zones are grown to.
    memo : Memo, optional, keyword-only
        Reuse growth orders and zones.
    """
    report = str(snap.attrs.get("report_id", ""))
    source = f"schematic zones grown to the claimed shares of {report} ({end} end)"
    shares, notes = drawn_shares(snap, units, end=end, memo=memo)
    zones = schematic_zones(shares, units, memo=memo) if shares else None
    ua_wgs = shapely.union_all(np.asarray(units.loc[units["country"] == "UA", "geometry"]))
    ua_ea = ukraine_ea(units, memo)
    zone_geoms = [] if zones is None else [g for g in zones.geometry if not g.is_empty]
    russia_ea = _sealed_ea(zone_geoms, units, ua_wgs)
    rows: list[dict[str, object]] = []
    if zones is not None:
        for code, z in zones.iterrows():
            if z.geometry.is_empty:
                continue
            rows.append(make_row(str(code), "russia", z.geometry, float(z["area_km2"]), units,
                             unit_km2(units, str(code)), basis="schematic", source=source,
                             target=float(z["target_share_pct"]), method=str(z["method"]),
                             note=notes.get(str(code), "")))
    held_wgs = from_ea(russia_ea)
    for code in units.index[units["country"] == "UA"]:
        unit = units.loc[code, "geometry"]
        ground = unit if zones is None or code not in zones.index else polygonal(
            unit.difference(shapely.make_valid(shapely.snap(held_wgs, unit, 1e-4))))
        km2 = geometry_area_km2(ground)
        if km2 > 0.01:
            rows.append(make_row(str(code), "ukraine", ground, km2, units, unit_km2(units, code),
                             basis="schematic", source=source,
                             method="the rest of the unit (schematic)"))
    rows += cross_border_rows(snap, units, source)
    return HeldTerritory(frame=make_frame(rows), basis="schematic", source=source,
                         russia_ea=russia_ea, ukraine_ea=ua_ea, units=units)

