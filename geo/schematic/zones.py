"""Schematic control zones: a polygon per unit whose area is a claimed share.

A claim such as "73.6 % of Zaporizhzhia is held by Russia" has no geometry. This module
draws one that is (a) exactly that share of the unit's polygon (geodesic area, within
:data:`SHARE_TOLERANCE_PCT`), (b) one contiguous part touching territory the holder
already holds, and (c) as close as a schematic can be to how control actually spread.
See ``docs/schematic-method.md`` for the method, its data and its limits. In short:

1. The unit is rasterized in :data:`geo.areas.EQUAL_AREA_CRS` (default 1 km cells,
   capped at :data:`geo.raster.MAX_CELLS_PER_SIDE` per side).
2. A *growth level* is computed for every cell: the share of the unit that was held
   when that place changed hands. For the units of the 2014-2025 war
   (:data:`PROFILES`) it is a thin-plate-spline surface through the holder's border
   (level 0), the border with territory the other side kept (level 1) and towns whose
   capture is public record (their approximate level). Other units use the distance
   from the holder's territory. Across a barrier (the lower Dnipro, :data:`DNIPRO_LINE`)
   the level is raised by 1, so the river is crossed only once the near bank is full.
3. A priority flood from one seed cell on the holder's side orders all cells by the
   lowest level at which they are reachable (a minimax path). The zone for share ``s``
   is the first cells of that order: one 4-connected part, nested for growing ``s``.
4. The cells are polygonized (``rasterio.features.shapes``), smoothed by a
   morphological closing and opening of under a cell, clipped to the unit, and the cell
   count is tuned until the geodesic share is within tolerance.

The order depends only on the unit, so zones for a low and a high share of the same
unit are nested and an uncertainty band is ``high - low`` (:func:`schematic_band`).

Every zone is labelled ``schematic=True``. Mapped control (measured from a loaded
layer) is not drawn here: :mod:`geo.held` chooses between the two. Pass a
:class:`~geo.memo.Memo` (``memo=``) to reuse growth orders and zones across calls.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.areas import WGS84, from_ea, geometry_area_km2
from geo.errors import FrontlineError, Problem, UnknownUnitError, ValidationError
from geo.memo import Memo, digest, memoized
from geo.raster import MAX_CELLS_PER_SIDE, check_resolution_m, grid_shape, polygonize
from geo.schematic.growth import (
    MAX_UNIT_CELLS,
    GrowthOrder,
    growth_order,
    holder_territory,
    to_ea,
)
from geo.schematic.profiles import DEFAULT_HELD, iter_codes_in_order
from geo.schematic.shares import validate_shares

__all__ = [
    "SHARE_TOLERANCE_PCT",
    "MAX_CALL_CELLS",
    "check_resolution",
    "DEFAULT_RESOLUTION_M",
    "schematic_zones",
    "schematic_band",
    "contiguous_shares",
]

#: Largest allowed gap between the target and the achieved share, percentage points.
SHARE_TOLERANCE_PCT = 0.5
#: Most raster cells of the units grown in one call (their bounding boxes at the
#: resolution): every unit at the default 1 km is 1.2 million cells (about 8 s); at the
#: limit a call takes about 15 s and 0.5 GB. See also
#: :data:`geo.schematic.growth.MAX_UNIT_CELLS` (one unit).
MAX_CALL_CELLS = 4_000_000
#: Default raster cell side, metres.
DEFAULT_RESOLUTION_M = 1000.0

def _km2(geom: BaseGeometry) -> float:
    """Geodesic area of one geometry, km²."""
    return geometry_area_km2(geom)


def _zone_for_count(order: GrowthOrder, n: int) -> BaseGeometry:
    cells = (order.rank >= 0) & (order.rank < n)
    raw = polygonize(cells, order.grid)
    r = 0.35 * order.grid.resolution_m
    smooth = raw.buffer(r, quad_segs=2).buffer(-2 * r, quad_segs=2).buffer(r, quad_segs=2)
    if smooth.is_empty:
        smooth = raw
    clipped = smooth.intersection(order.unit_ea)
    # No enclaves: a zone is grown from its edge, so a hole inside it (cells whose level
    # was reached late) would be an unheld island deep in held ground. Fill holes, then
    # clip again (a unit's own hole, Kyiv city in Kyiv oblast, stays out).
    clipped = shapely.union_all(
        [Polygon(p.exterior) for p in shapely.get_parts(clipped) if isinstance(p, Polygon)]
    ).intersection(order.unit_ea) if not clipped.is_empty else clipped
    parts = [p for p in getattr(clipped, "geoms", [clipped]) if isinstance(p, Polygon)]
    if len(parts) > 1:
        # The flood is one part; smoothing may split off slivers, but two real parts (a
        # restart after an exhausted part) are both kept.
        parts = [p for p in parts if p.area >= 4 * order.grid.resolution_m**2] or parts
    if len(parts) > 1 and n <= order.first_part:
        # The flood is one part, but smoothing or clipping to the unit cut a narrow neck
        # (a strip along the unit's border): grow the cells by under a cell before
        # clipping, so the neck survives inside the unit.
        for grow in (0.3, 0.6, 0.9):
            joined = raw.buffer(grow * order.grid.resolution_m, quad_segs=2)
            joined = joined.intersection(order.unit_ea)
            joined_parts = [p for p in getattr(joined, "geoms", [joined])
                            if isinstance(p, Polygon) and p.area >= order.grid.resolution_m**2]
            if len(joined_parts) == 1:
                return joined_parts[0]
    return shapely.union_all(parts) if parts else Polygon()


def _tune(order: GrowthOrder, share: float) -> tuple[BaseGeometry, float]:
    """Zone (equal-area metres) whose equal-area share is closest to ``share`` percent.

    Secant steps on the cell count, kept inside a bracket; stops within 0.1 point.
    """
    target = share / 100.0 * order.unit_ea_area
    total = len(order.cum_area)
    if total == 0:
        return Polygon(), 0.0
    cell = order.grid.resolution_m**2
    tol = 0.001 * order.unit_ea_area
    one_part = float(order.cum_area[order.first_part - 1]) if order.first_part > 0 else 0.0
    if one_part < target <= one_part + (SHARE_TOLERANCE_PCT - 0.03) / 100 * order.unit_ea_area:
        # The part reachable in one piece is a little short of the target: keep one part.
        zone = _zone_for_count(order, order.first_part)
        return zone, float(zone.area)
    n = int(np.clip(np.searchsorted(order.cum_area, target) + 1, 1, total))
    lo, hi = 0, total + 1
    best: tuple[float, BaseGeometry, float] | None = None
    for _ in range(16):
        zone = _zone_for_count(order, n)
        area = float(zone.area)
        err = area - target
        if best is None or abs(err) < best[0]:
            best = (abs(err), zone, area)
        if abs(err) <= tol:
            break
        if err > 0:
            hi = n
        else:
            lo = n
        cand = n - int(round(err / cell))
        if not (lo < cand < hi):
            cand = (lo + hi) // 2
        if cand in (lo, hi) or cand == n or cand < 1 or cand > total:
            break
        n = cand
    assert best is not None
    return best[1], best[2]


def _touches(zone: BaseGeometry, held: Mapping[str, BaseGeometry], tol_deg: float) -> list[str]:
    return [name for name, g in held.items()
            if g is not None and not g.is_empty and zone.distance(g) <= tol_deg]


def _cells(bounds: list[tuple[float, float, float, float]], res: float) -> list[int]:
    return [w * h for _, _, w, h in (grid_shape(b, res) for b in bounds)]


def _fits(bounds: list[tuple[float, float, float, float]], res: float) -> bool:
    sides = [max(w, h) for _, _, w, h in (grid_shape(b, res) for b in bounds)]
    cells = _cells(bounds, res)
    return (max(cells) <= MAX_UNIT_CELLS and sum(cells) <= MAX_CALL_CELLS
            and max(sides) <= MAX_CELLS_PER_SIDE)


def check_resolution(shares: Mapping[str, float], units: gpd.GeoDataFrame,
                     resolution_m: float, *, argument: str = "resolution_m") -> None:
    """A clear error, before any raster is made, when the units ``shares`` grows would
    need rasters over the budget at ``resolution_m``: more than
    :data:`~geo.schematic.growth.MAX_UNIT_CELLS` cells for one unit (or
    :data:`geo.raster.MAX_CELLS_PER_SIDE` on a side), more than :data:`MAX_CALL_CELLS`
    together. The message gives the finest resolution allowed for these units."""
    check_resolution_m(resolution_m, argument=argument)
    grown = [c for c, v in shares.items() if 0.0 < float(v) < 100.0 and c in units.index]
    if not grown:
        return
    bounds = [to_ea(units.loc[c, "geometry"]).bounds for c in grown]
    if _fits(bounds, resolution_m):
        return
    lo, hi = max(1, math.ceil(resolution_m / 10)), 10_000  # tens of metres
    while lo < hi:  # the finest resolution that fits, to 10 m
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if _fits(bounds, mid * 10.0) else (mid + 1, hi)
    cells = _cells(bounds, resolution_m)
    big = int(np.argmax(cells))
    name = units.loc[grown[big], "name_en"]
    raise FrontlineError(
        f"{argument}: {resolution_m:g} m rasters of the {len(grown)} unit"
        f"{'s' if len(grown) != 1 else ''} to grow would hold {sum(cells):,} cells ({name} "
        f"alone {cells[big]:,}); the limit is {MAX_UNIT_CELLS:,} cells a unit and "
        f"{MAX_CALL_CELLS:,} in all, so drawing the zones takes seconds, not minutes. The "
        f"finest resolution allowed for {'these units' if len(grown) != 1 else name} is "
        f"{lo * 10:,} m (the default is {DEFAULT_RESOLUTION_M:,.0f} m).")


def schematic_zones(
    shares: Mapping[str, float],
    units: gpd.GeoDataFrame,
    *,
    holder: str = "russia",
    resolution_m: float = DEFAULT_RESOLUTION_M,
    memo: Memo | None = None,
) -> gpd.GeoDataFrame:
    """One zone per unit covering ``shares[code]`` percent of it.

    Parameters
    ----------
    shares : mapping of str to float
        Percent (0-100) of each Ukrainian unit held by ``holder``, by ISO 3166-2 code.
    units : GeoDataFrame
        The unit layer of :func:`geo.boundaries.load_units` (index ``code``, EPSG:4326).
    holder : {"russia"}, keyword-only
        The side holding the share (growth profiles exist for Russia's control).
    resolution_m : float, keyword-only
        Raster cell side in metres (default 1,000; the rasters are capped:
        :func:`check_resolution`).
    memo : Memo, optional, keyword-only
        Reuse growth orders and zones computed before for the same content.

    Returns
    -------
    GeoDataFrame
        Index ``code`` in processing order; columns ``name_en``, ``target_share_pct``,
        ``share_pct`` (achieved, geodesic), ``area_km2``, ``schematic`` (True),
        ``method``, ``touches`` (holder territory the zone touches: ``RU``, unit codes)
        and ``geometry`` (EPSG:4326 Polygon, or empty for 0 %).

    Raises
    ------
    UnknownUnitError, ValidationError
        For unknown codes or shares outside 0-100.
    FrontlineError
        For a resolution whose rasters would exceed the budget (:func:`check_resolution`,
        which names the finest resolution allowed).

    Notes
    -----
    Zones for a lower share of a unit lie inside the zone for a higher share of the same
    unit (same ``resolution_m``), so an uncertainty band is their difference.
    """
    if holder != "russia":
        raise FrontlineError(f"holder: only 'russia' has growth profiles; got {holder!r}.")
    validate_shares(shares)
    key = (tuple(sorted((str(c), float(v)) for c, v in shares.items())), float(resolution_m),
           digest(units))
    zones = memoized(memo, "schematic_zones", key,
                     lambda: _schematic_zones(shares, units, resolution_m=resolution_m,
                                              memo=memo))
    return zones.copy()


def _schematic_zones(
    shares: Mapping[str, float],
    units: gpd.GeoDataFrame,
    *,
    resolution_m: float,
    memo: Memo | None,
) -> gpd.GeoDataFrame:
    missing = [c for c in shares if c not in units.index]
    if missing:
        raise UnknownUnitError(missing, argument="units", known=list(units.index))
    check_resolution(shares, units, resolution_m)  # before any raster is made
    held: dict[str, BaseGeometry] = {"RU": holder_territory(units)}
    for c, v in DEFAULT_HELD.items():
        if c not in shares and c in units.index and v >= 100.0:
            held[c] = units.loc[c, "geometry"]
    rows = []
    for code in iter_codes_in_order(shares):
        row = _grow_one(code, float(shares[code]), units, held, frozenset(shares),
                        resolution_m, memo)
        rows.append(row)
        zone = row["geometry"]
        if isinstance(zone, BaseGeometry) and not zone.is_empty:
            held[code] = zone
    if not rows:
        empty = gpd.GeoDataFrame(
            {c: [] for c in ("code", "name_en", "target_share_pct", "share_pct", "area_km2",
                             "schematic", "method", "touches")},
            geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
        return empty.set_index("code")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84).set_index("code")


def _grow_one(code: str, share: float, units: gpd.GeoDataFrame,
              held: Mapping[str, BaseGeometry], in_call: frozenset[str],
              resolution_m: float, memo: Memo | None) -> dict[str, object]:
    """The row of one unit's zone, grown from ``held`` (the zones grown before it)."""
    unit = units.loc[code, "geometry"]
    unit_area = _km2(unit)
    if share >= 100.0:
        zone, method = unit, "whole unit"
    elif share <= 0.0:
        zone, method = Polygon(), "none"
    else:
        extra = (shapely.union_all([g for k, g in held.items() if k != "RU"])
                 if len(held) > 1 else None)
        order = growth_order(code, units, resolution_m, extra_seed=extra, held=held,
                             in_call=in_call, memo=memo)
        zone_ea, _ = _tune(order, share)
        zone = from_ea(zone_ea).intersection(unit) if not zone_ea.is_empty else Polygon()
        zone = _only_polygons(shapely.make_valid(zone) if not zone.is_valid else zone)
        method = order.method
        if isinstance(zone, MultiPolygon):
            method += (f"; {len(zone.geoms)} parts: the part reachable in one piece "
                       "(e.g. the Kinburn spit) was too small for the share")
    area = _km2(zone) if not zone.is_empty else 0.0
    if 0.0 < share < 100.0 and unit_area:
        got = 100.0 * area / unit_area
        if got < share - SHARE_TOLERANCE_PCT:
            method += (f"; only {got:.2f} % is reachable from held ground, short of the "
                       f"{share:g} % asked")
    touches = _touches(zone, held, 0.02) if not zone.is_empty else []
    return {
        "code": code,
        "name_en": units.loc[code, "name_en"],
        "target_share_pct": share,
        "share_pct": round(100.0 * area / unit_area, 3) if unit_area else 0.0,
        "area_km2": round(area, 1),
        "schematic": True,
        "method": method,
        "touches": ",".join(touches),
        "geometry": zone,
    }


def _only_polygons(geom: BaseGeometry) -> BaseGeometry:
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    polys = [p for g in getattr(geom, "geoms", []) for p in getattr(g, "geoms", [g])
             if isinstance(p, Polygon) and not p.is_empty]
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def schematic_band(
    low: Mapping[str, float],
    high: Mapping[str, float],
    units: gpd.GeoDataFrame,
    *,
    resolution_m: float = DEFAULT_RESOLUTION_M,
    memo: Memo | None = None,
) -> gpd.GeoDataFrame:
    """Zones for the low and high ends of interval claims, and the band between them.

    Parameters
    ----------
    low, high : mapping of str to float
        Percent per unit at the low and the high end (same codes; ``low <= high``).
    units : GeoDataFrame
        The unit layer.
    resolution_m : float, keyword-only
        Raster cell side in metres.
    memo : Memo, optional, keyword-only
        Reuse growth orders and zones.

    Returns
    -------
    GeoDataFrame
        Index ``code``; columns ``low_share_pct``, ``high_share_pct`` (achieved),
        ``low_geometry`` (the low zone, WKB-free shapely objects), ``band_km2`` and
        ``geometry`` (the band: high zone minus low zone), ``schematic=True``.
    """
    problems = [Problem("low", c, f"low end {low[c]!r} is above the high end {high.get(c)!r}; "
                        "swap them.") for c in low if c in high and float(low[c]) > float(high[c])]
    if set(low) != set(high):
        problems.append(Problem("low/high", "", "expected the same unit codes at both ends; "
                                f"got {sorted(low)} and {sorted(high)}."))
    if problems:
        raise ValidationError(problems, what="interval shares")
    z_lo = schematic_zones(low, units, resolution_m=resolution_m, memo=memo)
    z_hi = schematic_zones(high, units, resolution_m=resolution_m, memo=memo)
    rows = []
    for code in z_hi.index:
        lo_g = z_lo.loc[code, "geometry"]
        hi_g = z_hi.loc[code, "geometry"]
        lo_g = lo_g.intersection(hi_g) if not lo_g.is_empty else lo_g  # exact nesting
        band = _only_polygons(hi_g.difference(lo_g)) if not hi_g.is_empty else Polygon()
        rows.append({
            "code": code, "name_en": z_hi.loc[code, "name_en"],
            "low_share_pct": z_lo.loc[code, "share_pct"],
            "high_share_pct": z_hi.loc[code, "share_pct"],
            "band_km2": round(_km2(band) if not band.is_empty else 0.0, 1),
            "schematic": True, "low_geometry": lo_g, "high_geometry": hi_g, "geometry": band,
        })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84).set_index("code")


def contiguous_shares(
    shares: Mapping[str, float],
    units: gpd.GeoDataFrame,
    *,
    floors: Mapping[str, float],
    resolution_m: float = DEFAULT_RESOLUTION_M,
    memo: Memo | None = None,
) -> tuple[dict[str, float], dict[str, str]]:
    """Shares to draw so that every zone is one part, staying inside each claim's interval.

    A claimed share can exceed what is reachable in one piece from held ground: Russia's
    only part of Mykolaiv oblast, the Kinburn spit, is 0.57 % of the oblast, so a zone of
    5 % ("a smaller part", central value) would need a second, detached part. For each
    unit whose zone at ``shares[code]`` has more than one part or falls short of it, this
    takes the share of the part reachable in one piece from held ground, kept between
    ``floors[code]`` (the low end of the claim) and ``shares[code]``, with a note.

    Parameters
    ----------
    shares : mapping of str to float
        Percent per unit to draw (e.g. the central values of the claims).
    units : GeoDataFrame
        The unit layer.
    floors : mapping of str to float, keyword-only
        The lowest share each claim allows (its interval's low end); units without a
        floor are never lowered.
    resolution_m : float, keyword-only
        Raster cell side in metres.
    memo : Memo, optional, keyword-only
        Reuse growth orders and zones.

    Returns
    -------
    (dict, dict)
        The shares to draw, and a note per lowered unit.
    """
    out = {str(c): float(v) for c, v in shares.items()}
    notes: dict[str, str] = {}
    zones = schematic_zones(out, units, resolution_m=resolution_m, memo=memo)

    def parts(z: gpd.GeoDataFrame, code: str) -> int:
        geom = z.loc[code, "geometry"]
        return 0 if geom.is_empty else len(shapely.get_parts(geom))

    def short(code: str) -> bool:  # one part cannot reach the share
        return bool(zones.loc[code, "share_pct"] < out[code] - SHARE_TOLERANCE_PCT)

    for code in [c for c in zones.index if (parts(zones, c) > 1 or short(c)) and c in floors]:
        # The growth order of this unit, seeded as schematic_zones seeded it: by the
        # zones grown before it (and the units held by default).
        order_codes = iter_codes_in_order(out)
        held = {c: zones.loc[c, "geometry"] for c in order_codes[: order_codes.index(code)]
                if not zones.loc[c, "geometry"].is_empty}
        held.update({c: units.loc[c, "geometry"] for c, v in DEFAULT_HELD.items()
                     if c not in out and c in units.index and v >= 100.0})
        extra = shapely.union_all(list(held.values())) if held else None
        order = growth_order(code, units, resolution_m, extra_seed=extra, held=held,
                             in_call=frozenset(out), memo=memo)
        one_part = (100.0 * float(order.cum_area[order.first_part - 1]) / order.unit_ea_area
                    if order.first_part > 0 else 0.0)
        best = max(float(floors[code]), min(out[code], one_part))
        if best >= out[code] - SHARE_TOLERANCE_PCT:
            # one part in the growth order reaches the share: the zone's extra vector
            # parts are islands in its coastal cells (a strait narrower than a cell)
            continue
        name = units.loc[code, "name_en"]
        notes[code] = (
            f"drawn at {best:.2f} %, the largest share of {name} that is one part touching "
            f"held ground; the claim allows {floors[code]:g}–{shares[code]:g} % and more "
            "would need a detached second part"
        )
        out[code] = best
    return out, notes


__all__ += ["contiguous_shares"]
