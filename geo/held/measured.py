"""Measured held territory: a mapped control layer cut by the units, with boundary mismatch.

Russian-held ground is the layer's intersection with each unit (as :mod:`geo.measure`
measures it); Ukrainian-held ground in a Ukrainian unit is the rest of the unit; thin
ground beside the layer that it leaves out, away from any front (what an opening of
:data:`~geo.held.MISMATCH_OPENING_KM` removes: where the layer's coast or border and the
project's outline disagree), belongs to neither side and is each unit's boundary
tolerance. Geometries EPSG:4326, areas km²; bands in the equal-area CRS (metres).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from geo.areas import from_ea, geometry_area_km2, to_ea
from geo.control import ControlLayer
from geo.errors import FrontlineError
from geo.held.model import (
    MISMATCH_OPENING_KM,
    SPECK_KM2,
    HeldTerritory,
    make_frame,
    make_row,
    polygonal,
    ukraine_ea,
)
from geo.held.schematic import cross_border_rows
from geo.measure import SEA, UnitIndex, outside_units, split_overhang
from geo.memo import Memo
from geo.repair import polygon_parts, polygonal_valid

__all__ = ["measured_territory", "WINDOW_MARGIN_KM"]


def _mismatch_ea(layer_ea: BaseGeometry, ua_ea: BaseGeometry, *, opening_km: float,
                 within: Sequence[BaseGeometry] | None = None) -> BaseGeometry:
    """Thin ground of Ukraine beside the layer that the layer leaves out: where its coast
    or border and the project's outline disagree.

    Ground of Ukraine outside the layer and within ``4 * opening_km`` of it falls into
    pieces. A morphological opening of radius ``opening_km`` (erode, then dilate) keeps
    the thick part of each: a piece it mostly removes (keeps less than half of) is
    **thin** -- a coastal or border sliver, wherever it lies, along a lagoon as well as
    the open coast -- and is mismatch. A piece it mostly keeps is held ground: the other
    side of a front (the band along a front is one piece with the ground behind it), or a
    gap in the layer of several km², such as a bridgehead; only the thin strips hanging
    off it farther than ``2 * opening_km`` from its thick part (a coast running on from a
    front) are mismatch.

    ``within`` (polygons, equal-area CRS): only the mismatch in them is wanted; pieces that do not
    reach it are skipped, and a thick piece's strips are sought near it only.
    """
    r = opening_km * 1000.0
    near = ua_ea.intersection(layer_ea.buffer(4 * r, quad_segs=4)).difference(layer_ea)
    pieces = shapely.get_parts(__polygonal_ea(near))
    # Only pieces that lie against the layer: ground across water from it is not between
    # the two lines.
    shapely.prepare(layer_ea)
    pieces = pieces[shapely.dwithin(pieces, layer_ea, 10.0)] if len(pieces) else pieces
    if within is not None and len(pieces):
        pieces = pieces[np.any([shapely.intersects(pieces, g) for g in within], axis=0)
                        if within else np.zeros(len(pieces), dtype=bool)]
    if not len(pieces):
        return Polygon()
    opened = shapely.buffer(shapely.buffer(pieces, -r, quad_segs=4), r, quad_segs=4)
    mostly_thin = shapely.area(opened) < 0.5 * shapely.area(pieces)
    found = list(pieces[mostly_thin])
    near_within = None
    if within is not None:
        x0, y0, x1, y1 = shapely.total_bounds(np.asarray(within, dtype=object))
        near_within = shapely.box(x0 - 3 * r, y0 - 3 * r, x1 + 3 * r, y1 + 3 * r)
    for piece, thick in zip(pieces[~mostly_thin], opened[~mostly_thin], strict=True):
        # a thin strip hanging off thick ground (a coast running on from a front): its
        # part beyond 2 * opening_km from the thick ground is a sliver as well
        if near_within is not None:  # within it, the thick ground near it is enough
            piece = piece.intersection(near_within)
            thick = thick.intersection(near_within)
        rest = __polygonal_ea(piece.difference(thick.buffer(2 * r, quad_segs=4)))
        found += [q for q in shapely.get_parts(rest) if q.distance(layer_ea) <= 10.0]
    return shapely.union_all(found) if found else Polygon()


def _valid_ea(geom: BaseGeometry) -> BaseGeometry:
    """A projected polygon made valid: densifying and projecting two parts that nearly
    touch can make their edges cross by a few millimetres."""
    if geom.is_valid:
        return geom
    return __polygonal_ea(polygonal_valid(geom)) or Polygon()


def __polygonal_ea(geom: BaseGeometry) -> BaseGeometry:
    if geom.is_empty:
        return Polygon()
    parts = [g for g in polygon_parts(polygonal_valid(geom)) if g.area >= SPECK_KM2 * 1e6]
    return shapely.union_all(parts) if parts else Polygon()


def measured_territory(
    control: ControlLayer,
    units: gpd.GeoDataFrame,
    *,
    snap: gpd.GeoDataFrame | None = None,
    index: UnitIndex | None = None,
    opening_km: float = MISMATCH_OPENING_KM,
    memo: Memo | None = None,
    codes: Collection[str] | None = None,
) -> HeldTerritory:
    """Held territory measured from a mapped control layer.

    Parameters
    ----------
    control : ControlLayer
        The layer (:func:`geo.control.load_control`).
    units : GeoDataFrame
        The unit layer.
    snap : GeoDataFrame, optional, keyword-only
        The report's snapshot: its claims fill ``target_share_pct`` and, for sides the
        layer does not map (Ukrainian-held ground in Russia), the schematic fallback.
    index : UnitIndex, optional, keyword-only
        The units prepared for measuring (built when not given).
    opening_km : float, keyword-only
        Radius of the opening that tells thin boundary mismatch from held ground, km.
    memo : Memo, optional, keyword-only
        Reuse the projected outline of Ukraine.
    codes : collection of str, optional, keyword-only
        Measure these units only (what checking a few claims needs: a ledger of articles
        checks two or three units a day). Their rows are those of the whole measure; the
        boundary mismatch is found within :data:`WINDOW_MARGIN_KM` of them (a piece of
        ground beside the layer reaching farther is judged on its part in the window),
        and the result's ``russia_ea`` is the layer in that window only
        (:attr:`HeldTerritory.only` says so). Default: every unit.
    """
    if not control.maps("russia") and not control.maps("ukraine"):
        raise FrontlineError(f"control layer {control.name!r} maps no side.")
    index = index or UnitIndex(units)
    source = f"measured from the control layer {control.name}"
    ua_ea = ukraine_ea(units, memo)
    layer = control.geometry("russia")
    only = _known_codes(codes, index) if codes is not None else None
    if only is not None and not only:  # no unit to measure: no layer to look at
        layer_ea = Polygon()
    elif only is not None and not layer.is_empty:
        window = _window(only, index)
        layer_ea = _valid_ea(to_ea(shapely.clip_by_rect(layer, *window)))
        ua_ea = ua_ea.intersection(shapely.box(*to_ea(shapely.box(*window)).bounds))
    else:
        layer_ea = _valid_ea(to_ea(layer)) if not layer.is_empty else Polygon()
    within = ([g for c, g in zip(index.codes, index.geoms_ea, strict=True) if str(c) in only]
              if only is not None else None)
    mismatch_ea = (_mismatch_ea(layer_ea, ua_ea, opening_km=opening_km, within=within)
                   if not layer_ea.is_empty else Polygon())
    mismatch = polygonal(from_ea(mismatch_ea)) if not mismatch_ea.is_empty else Polygon()
    targets = _targets(snap)
    rows: list[dict[str, object]] = []
    notes: list[str] = []
    if control.maps("russia"):
        rows += _measured_side(control, "russia", units, index, mismatch, targets, source,
                               only=only)
    if control.maps("ukraine"):
        rows += _measured_side(control, "ukraine", units, index, mismatch, targets, source,
                               only=only)
    else:
        fallback = cross_border_rows(snap, units, f"schematic: {control.name} maps no "
                                      "Ukrainian-held ground")
        rows += [r for r in fallback if only is None or r["code"] in only]
        if fallback:
            notes.append(f"{control.name} maps Russian-held ground only; Ukrainian-held "
                         "ground in Russia is drawn schematically from the claims.")
    rows = _merge_mismatch(rows)
    spill = [r for r in rows if r["side"] == "mismatch" and str(r["code"]).startswith("RU-")]
    if spill:
        km2 = sum(float(str(r["area_km2"])) for r in spill)
        notes.append(f"the layer reaches {km2:,.1f} km² into Russia's border oblasts in thin "
                     "strips along the border, where its line and the boundary data differ: "
                     "boundary mismatch, not a hold, and not counted for Ukraine.")
    # where the layer lies outside every unit: a note on the whole layer, not wanted
    # when a few units are measured
    outside = outside_units(layer, index) if not layer.is_empty and only is None else {}
    if outside:
        parts = ", ".join(f"{v:,.1f} km² over {'the sea' if k == SEA else k}"
                          for k, v in outside.items())
        notes.append(f"outside every unit the layer covers {parts}: counted for no unit.")
    mm = [r for r in rows if r["side"] == "mismatch" and str(r["code"]).startswith("UA-")]
    if mm:
        km2 = sum(float(str(r["area_km2"])) for r in mm)
        notes.append(f"{km2:,.1f} km² along coasts and the state border lie between the "
                     "layer's line and the project's boundaries (boundary mismatch): held by "
                     "neither side, stated as each unit's boundary tolerance.")
    contested: dict[str, float] = {}
    if control.contested is not None and not control.contested.is_empty:
        grey = index.measure(control.contested)
        contested = {str(c): float(a) for c, a in zip(index.codes, grey, strict=True) if a > 0}
        total = sum(a for c, a in contested.items() if c.startswith("UA-"))
        notes.append(f"{total:,.1f} km² of Ukraine are contested (grey zone) on this layer: "
                     "verdicts judge each claim against held ground and against held or "
                     "contested ground, and say which reading it matches.")
    return HeldTerritory(frame=make_frame(rows), basis="measured", source=source,
                         russia_ea=layer_ea, ukraine_ea=ua_ea, units=units,
                         mismatch_ea=mismatch_ea, sides=tuple(control.sides),
                         notes=tuple(notes), contested=contested,
                         only=tuple(sorted(only)) if only is not None else None)


#: How far around the units measured alone (``measured_territory(..., codes=...)``) the
#: layer is kept to find the boundary mismatch, km: forty times the opening (on 16 days of
#: the real single-class archive, 480 unit rows equal the whole measure to 1e-10 km²).
WINDOW_MARGIN_KM = 40.0


def _known_codes(codes: Collection[str], index: UnitIndex) -> frozenset[str]:
    known = {str(c) for c in index.codes}
    return frozenset(str(c) for c in codes if str(c) in known)


def _window(only: Collection[str], index: UnitIndex) -> tuple[float, float, float, float]:
    """Lon/lat bounds of the units ``only``, widened by :data:`WINDOW_MARGIN_KM` (at
    least; a degree of longitude is shorter than one of latitude)."""
    picked = [g for c, g in zip(index.codes, index.geoms, strict=True) if str(c) in only]
    if not picked:
        return (0.0, 0.0, 0.0, 0.0)
    x0, y0, x1, y1 = shapely.total_bounds(np.asarray(picked))
    dlat = WINDOW_MARGIN_KM / 111.0
    dlon = WINDOW_MARGIN_KM / (111.32 * math.cos(math.radians(max(abs(y0), abs(y1)) + dlat)))
    return (x0 - dlon, y0 - dlat, x1 + dlon, y1 + dlat)


def _targets(snap: gpd.GeoDataFrame | None) -> Mapping[str, float]:
    if snap is None:
        return {}
    vals = pd.to_numeric(snap["share_central"], errors="coerce")
    return {str(c): float(v) for c, v in vals.items() if pd.notna(v)}


def _measured_side(control: ControlLayer, side: str, units: gpd.GeoDataFrame,
                   index: UnitIndex, mismatch: BaseGeometry, targets: Mapping[str, float],
                   source: str, *, only: Collection[str] | None = None
                   ) -> list[dict[str, object]]:
    """Rows of ``side`` (held ground), and for Russia also the rest and the mismatch; of
    the units ``only`` when given."""
    layer = control.geometry(side)
    if only is None:
        km2 = index.measure(layer)
    else:
        at = np.flatnonzero([str(c) in only for c in index.codes])
        km2 = np.zeros(len(index.codes))
        km2[at] = index.measure_units(layer, at)
    rows: list[dict[str, object]] = []
    shapely.prepare(layer)
    for i, code in enumerate(index.codes):
        code = str(code)
        if only is not None and code not in only:
            continue
        unit = index.geoms[i]
        unit_km2 = float(index.area_km2[i])
        is_ua = bool(index.is_ukraine[i])
        if side == "ukraine" and is_ua:
            continue  # Ukrainian-held ground in Ukraine is the rest of the unit
        target = targets.get(code, math.nan) if (side == "russia") == is_ua else math.nan
        if km2[i] > 0.01 and not is_ua:
            rows += _overhang_rows(code, side, polygonal(unit.intersection(layer)),
                                   float(km2[i]), units, unit_km2, source, target)
        elif km2[i] > 0.01:
            held = unit if km2[i] >= unit_km2 else polygonal(unit.intersection(layer))
            rows.append(make_row(code, side, held, float(km2[i]), units, unit_km2,
                             basis="measured", source=source, target=target,
                             method="the layer's intersection with the unit"))
        if side != "russia" or not is_ua:
            continue
        rest = unit if km2[i] <= 0 else polygonal(unit.difference(layer))
        lost = polygonal(rest.intersection(mismatch)) if not mismatch.is_empty else Polygon()
        # Pieces split a unit's long edges, so their geodesic areas can sum to a little more
        # than the unit's (~1e-5): keep the three sides summing to the unit.
        lost_km2 = min(geometry_area_km2(lost), max(unit_km2 - float(km2[i]), 0.0))
        if lost_km2 > 0.01:
            rest = polygonal(rest.difference(lost))
            rows.append(make_row(code, "mismatch", lost, lost_km2, units, unit_km2,
                             basis="measured", source=source,
                             method="thin ground beside the layer that an opening of "
                                    f"{MISMATCH_OPENING_KM:g} km removes, away from any "
                                    "front: the layer's coast or border and the "
                                    "boundaries disagree"))
        rest_km2 = max(unit_km2 - float(km2[i]) - (lost_km2 if lost_km2 > 0.01 else 0.0), 0.0)
        if rest_km2 > 0.01:
            rows.append(make_row(code, "ukraine", rest, rest_km2, units, unit_km2,
                             basis="measured", source=source,
                             method="the rest of the unit (not in the layer)"))
    return rows



def _overhang_rows(code: str, side: str, piece: BaseGeometry, km2: float,
                   units: gpd.GeoDataFrame, unit_km2: float, source: str,
                   target: float = math.nan) -> list[dict[str, object]]:
    """Rows of a layer's ground where it reaches into a Russian unit.

    A layer of ground in Ukraine that runs past the border lies along it in thin strips:
    that is where its border line and the boundaries' disagree, not a hold, and it is
    boundary mismatch. Only ground an opening of :data:`~geo.held.MISMATCH_OPENING_KM`
    keeps (thick ground, a real cross-border hold the layer maps: Ukraine's in Kursk
    oblast in 2024-25) is held by ``side``.
    """
    thick, thin = split_overhang(piece)
    thick_km2 = min(geometry_area_km2(thick), km2) if not thick.is_empty else 0.0
    rows: list[dict[str, object]] = []
    if thick_km2 > 0.01:
        rows.append(make_row(code, side, thick, thick_km2, units, unit_km2,
                             basis="measured", source=source, target=target,
                             method="the layer's thick ground in the unit (a hold across "
                                    "the border)"))
    thin_km2 = km2 - thick_km2
    if thin_km2 > 0.01:
        rows.append(make_row(code, "mismatch", thin, thin_km2, units, unit_km2,
                             basis="measured", source=source,
                             method="thin strips of the layer past the state border, which "
                                    f"an opening of {MISMATCH_OPENING_KM:g} km removes: the "
                                    "layer's border line and the boundaries disagree"))
    return rows


def _merge_mismatch(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """One mismatch row per unit: both sides' strips past the border in a Russian unit
    (a layer of Russian-held and of liberated ground) are one unit's boundary mismatch."""
    out: list[dict[str, object]] = []
    seen: dict[str, dict[str, object]] = {}
    for row in rows:
        key = str(row["code"])
        if row["side"] != "mismatch":
            out.append(row)
        elif key not in seen:
            seen[key] = row
            out.append(row)
        else:
            first = seen[key]
            km2 = float(str(first["area_km2"])) + float(str(row["area_km2"]))
            unit_km2 = float(str(first["unit_area_km2"]))
            first.update(area_km2=km2, share_pct=100.0 * km2 / unit_km2 if unit_km2 else 0.0,
                         geometry=polygonal(shapely.union(first["geometry"], row["geometry"])))
    return out
