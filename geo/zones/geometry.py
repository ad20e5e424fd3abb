"""Proposal geometry: the ground a demand or a security proposal means, cut from held territory.

Every function takes a :class:`~geo.held.HeldTerritory` (measured or schematic) and
returns EPSG:4326 geometry:

* :func:`withdrawal_zone` -- the part of units the target side still holds ("withdraw
  from the 20 % of Donetsk Ukraine still holds"); the same cut serves ceded parts;
* :func:`held_part` -- the part of units a side holds (offers, recognition);
* :func:`line_of_contact` -- where the two sides' ground meets inside Ukraine (a line),
  leaving out the state border, the coast and the boundary-mismatch strips;
* :func:`demilitarized_band` -- a band along the line of contact, split into each side's
  half; :func:`depth_line` -- a line a given depth behind it on the Ukrainian side.

With a measured layer the cuts are exact (unit minus layer); with schematic zones they
use the sealed union of the zones (:mod:`geo.held`). Buffers and lengths are computed
in :data:`geo.areas.EQUAL_AREA_CRS` (metres).
"""

from __future__ import annotations

from collections.abc import Sequence

import shapely
from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.geometry.base import BaseGeometry

from geo.areas import from_ea, to_ea
from geo.held import HeldTerritory
from geo.repair import polygonal_valid

__all__ = [
    "MIN_LINE_KM",
    "withdrawal_zone",
    "held_part",
    "line_of_contact",
    "demilitarized_band",
    "depth_line",
]

#: Pieces of a line shorter than this (km) are dropped as raster or overlay noise.
MIN_LINE_KM = 2.0
#: Lines within this distance (m) of Ukraine's outline are the state border or coast.
_OUTLINE_M = 200.0


def _polygons(geom: BaseGeometry | None) -> BaseGeometry:
    """Only the polygonal parts of a geometry (empty Polygon when none)."""
    if geom is None or geom.is_empty:
        return Polygon()
    parts = [g for g in shapely.get_parts(polygonal_valid(geom))
             if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else Polygon()


def _drop_specks(geom_ea: BaseGeometry, min_m2: float = 10_000.0) -> BaseGeometry:
    """An equal-area geometry without zero-width spikes (a 1 m opening) and without parts
    smaller than ``min_m2``: the debris overlays leave where two edges run together."""
    opened = geom_ea.buffer(-1.0, join_style="mitre").buffer(1.0, join_style="mitre")
    parts = [g for g in shapely.get_parts(opened) if g.area >= min_m2]
    return shapely.union_all(parts) if parts else Polygon()


def _long_lines(edge_ea: BaseGeometry) -> BaseGeometry:
    """The pieces of a linework at least :data:`MIN_LINE_KM` long, merged, in EPSG:4326."""
    if edge_ea is None or edge_ea.is_empty:
        return MultiLineString()
    parts = [LineString(g.coords) for g in shapely.get_parts(edge_ea)
             if g.geom_type in ("LineString", "LinearRing")]
    if not parts:
        return MultiLineString()
    merged = shapely.line_merge(shapely.union_all(parts))
    keep = [g for g in shapely.get_parts(merged) if g.length >= MIN_LINE_KM * 1000]
    return from_ea(MultiLineString(keep)) if keep else MultiLineString()


def withdrawal_zone(held: HeldTerritory, codes: Sequence[str], *,
                    side: str = "ukraine") -> BaseGeometry:
    """The part of units ``codes`` that ``side`` holds and would leave (EPSG:4326)."""
    return held.zone_ground(codes, side)


def held_part(held: HeldTerritory, codes: Sequence[str], *, side: str = "russia") -> BaseGeometry:
    """The part of units ``codes`` held by ``side`` (EPSG:4326)."""
    return held.zone_ground(codes, side)


def _free_ea(held: HeldTerritory) -> BaseGeometry:
    """Ukrainian-held ground in Ukraine, equal-area CRS (mismatch left out)."""
    free = held.ukraine_ea.difference(held.russia_ea)
    return free.difference(held.mismatch_ea) if not held.mismatch_ea.is_empty else free


def line_of_contact(held: HeldTerritory) -> BaseGeometry:
    """Where Russian-held and Ukrainian-held ground meet inside Ukraine (EPSG:4326).

    The boundary of the Russian-held ground, minus the state border and the coast
    (anything within 200 m of Ukraine's outline), minus where it borders a
    boundary-mismatch strip (a coast the layer draws elsewhere), minus pieces shorter
    than :data:`MIN_LINE_KM`.
    """
    if held.russia_ea.is_empty:
        return MultiLineString()
    ua_ea = held.ukraine_ea
    exclude = ua_ea.boundary.buffer(_OUTLINE_M)
    if not held.mismatch_ea.is_empty:
        exclude = exclude.union(held.mismatch_ea.buffer(50.0))
    edge = held.russia_ea.boundary.difference(exclude).intersection(ua_ea)
    return _long_lines(edge)


def demilitarized_band(line: BaseGeometry, held: HeldTerritory, *,
                       width_km: float) -> tuple[BaseGeometry, BaseGeometry]:
    """A band of ``width_km`` centred on ``line``, split into (Russian half, Ukrainian half).

    Both halves are clipped to Ukraine (EPSG:4326); mismatch strips belong to neither.
    """
    if line.is_empty:
        return Polygon(), Polygon()
    band = to_ea(line).buffer(width_km * 1000 / 2, quad_segs=4).intersection(held.ukraine_ea)
    ru_half = _drop_specks(_polygons(band.intersection(held.russia_ea)))
    ua_half = _drop_specks(_polygons(band.intersection(_free_ea(held))))
    return _polygons(from_ea(ru_half)), _polygons(from_ea(ua_half))


def depth_line(held: HeldTerritory, *, depth_km: float,
               line: BaseGeometry | None = None) -> BaseGeometry:
    """A line ``depth_km`` behind the line of contact, inside Ukrainian-held ground.

    Traced as the edge of the zone within ``depth_km`` of the line of contact, kept where
    it runs through Ukrainian-held land (EPSG:4326).
    """
    if line is None:
        line = line_of_contact(held)
    if line.is_empty:
        return MultiLineString()
    ring = to_ea(line).buffer(depth_km * 1000, quad_segs=8).boundary
    edge = ring.intersection(_free_ea(held)).difference(
        held.ukraine_ea.boundary.buffer(_OUTLINE_M))
    return _long_lines(edge)
