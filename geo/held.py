"""Held territory: what each side holds in each unit as of a report, mapped or schematic.

Every view, command and export asks the same question -- who holds what where -- and
this module is the one place that answers it, as a :class:`HeldTerritory`: one row per
unit and side with its ground (geometry), km², share of the unit, basis and source.

``measured`` (a mapped control layer is given, :func:`measured_territory`)
    Russian-held ground is the layer's intersection with each unit (exact, as
    :mod:`geo.measure` measures it); Ukrainian-held ground in a Ukrainian unit is the
    rest of the unit. Where the layer's coastline or border runs within
    :data:`BOUNDARY_BAND_KM` of the project's own outline, the strip between the two
    lines belongs to neither side: it is the **boundary mismatch** of the two sources
    (rows with side ``mismatch``), and its share of each unit is that unit's
    *boundary tolerance* beside every verdict (:mod:`geo.verify`). Russian units get
    Ukrainian-held ground only from features of the layer marked ``side: ukraine``;
    otherwise they fall back to the report's schematic claim (labelled so).
``schematic`` (no layer, :func:`schematic_territory`)
    Zones grown to the claimed shares (:mod:`geo.schematic`), Ukrainian-held ground is
    the rest of each unit, ground held across the border is a schematic disc.

Geometries are EPSG:4326; areas are km² (geodesic); shares percent of the unit polygon.
Buffers and bands are computed in :data:`geo.areas.EQUAL_AREA_CRS` (metres).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.areas import WGS84, geodesic_areas_km2, geometry_area_km2
from geo.control import ControlLayer
from geo.errors import FrontlineError
from geo.measure import UnitIndex
from geo.memo import Memo, digest, memoized
from geo.schematic import contiguous_shares, holder_territory, schematic_zones
from geo.schematic.growth import from_ea, to_ea

__all__ = [
    "BOUNDARY_BAND_KM",
    "HELD_COLUMNS",
    "HELD_SIDES",
    "HeldTerritory",
    "held_territory",
    "measured_territory",
    "schematic_territory",
    "drawn_shares",
    "cross_border_zone",
]

#: Half-width (km) of the band along Ukraine's coast and state border within which a
#: control layer's line and the project's boundaries are taken to trace the same coast
#: or border; the ground between them is boundary mismatch, held by neither side.
BOUNDARY_BAND_KM = 2.5
#: The sides of a row: the two holders, and the mismatch strip of a measured layer.
HELD_SIDES: tuple[str, ...] = ("russia", "ukraine", "mismatch")
#: Columns of :attr:`HeldTerritory.frame` (plus ``geometry``).
HELD_COLUMNS: tuple[str, ...] = (
    "code", "name_en", "side", "basis", "schematic", "area_km2", "share_pct",
    "unit_area_km2", "target_share_pct", "method", "note", "source",
)

#: Closing radius (m) that seals raster slivers between neighbouring schematic zones.
_SEAL_M = 1000.0
#: Parts smaller than this (km²) are overlay debris, not ground.
_SPECK_KM2 = 0.001
#: Sudzha (51.19 N, 35.27 E), the centre of Ukraine's 2024 incursion into Kursk oblast.
_KURSK_INCURSION_CENTRE = Point(35.27, 51.19)


@dataclass(frozen=True)
class HeldTerritory:
    """Who holds what in every unit, with the geometry that the zones are cut from.

    Attributes
    ----------
    frame : GeoDataFrame
        One row per unit and side with ground, index ``code:side``, columns
        :data:`HELD_COLUMNS` and ``geometry`` (EPSG:4326).
    basis : {"measured", "schematic"}
        ``measured`` when a control layer was given (its rows are measured; fallback
        rows say ``schematic`` in their own ``basis``).
    source : str
        The layer's name, or what the schematic zones were grown from.
    russia_ea : shapely geometry
        Everything Russia holds near Ukraine in the equal-area CRS: the layer, or the
        schematic zones with Russia itself, slivers sealed (for contact lines, bands).
    ukraine_ea : shapely geometry
        Ukraine's units, equal-area CRS.
    mismatch_ea : shapely geometry
        The boundary-mismatch strips, equal-area CRS (empty for schematic).
    units : GeoDataFrame
        The unit layer the rows refer to.
    sides : tuple of str
        The sides a measured layer maps (empty for schematic).
    notes : tuple of str
        What the reader should know (mismatch found, spill over the border, fallbacks).
    """

    frame: gpd.GeoDataFrame
    basis: str
    source: str
    russia_ea: BaseGeometry
    ukraine_ea: BaseGeometry
    units: gpd.GeoDataFrame
    mismatch_ea: BaseGeometry = field(default_factory=Polygon)
    sides: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def schematic(self) -> bool:
        """True when no mapped layer was used."""
        return self.basis == "schematic"

    def rows(self, side: str) -> gpd.GeoDataFrame:
        """The rows of one side, indexed by unit code."""
        if side not in HELD_SIDES:
            raise FrontlineError(f"side: expected one of {', '.join(HELD_SIDES)}; got {side!r}.")
        out = self.frame[self.frame["side"] == side]
        return out.set_index("code")

    def ground(self, codes: Sequence[str], side: str) -> BaseGeometry:
        """The ground ``side`` holds in units ``codes`` as one geometry (EPSG:4326)."""
        rows = self.rows(side)
        geoms = [rows.loc[c, "geometry"] for c in codes if c in rows.index]
        if not geoms:
            return Polygon()
        return geoms[0] if len(geoms) == 1 else _polygonal(shapely.union_all(geoms))

    def zone_ground(self, codes: Sequence[str], side: str) -> BaseGeometry:
        """The ground ``side`` holds in ``codes``, cut for a proposal zone (EPSG:4326).

        Measured: the rows themselves (exact: unit minus layer minus mismatch, or the
        layer's part). Schematic: the units' union cut by the sealed schematic union
        (snapped onto the units' edges), so zones meeting at a unit border leave no
        raster slivers between them.
        """
        codes = [c for c in codes if c in self.units.index]
        if not codes:
            return Polygon()
        if not self.schematic:
            return self.ground(codes, side)
        area = shapely.union_all(np.asarray(self.units.loc[codes, "geometry"]))
        held = shapely.make_valid(shapely.snap(from_ea(self.russia_ea), area, 1e-4))
        if side == "russia":
            return _polygonal(_intersection(held, area))
        if side == "ukraine" and all(c.startswith("UA-") for c in codes):
            return _polygonal(area.difference(held))
        return self.ground(codes, side)

    def km2(self, code: str, side: str) -> float:
        """km² ``side`` holds in unit ``code`` (0 when it holds nothing there)."""
        rows = self.rows(side)
        return float(rows.loc[code, "area_km2"]) if code in rows.index else 0.0

    def share(self, code: str, side: str) -> float:
        """Percent of unit ``code`` held by ``side``."""
        rows = self.rows(side)
        return float(rows.loc[code, "share_pct"]) if code in rows.index else 0.0

    def maps(self, code: str, side: str) -> bool:
        """Whether ``side``'s ground in unit ``code`` is known from the layer (measured).

        Russian-held ground needs a layer of it; Ukrainian-held ground in a Ukrainian
        unit is the rest of the unit, so it needs the same; Ukrainian-held ground in a
        Russian unit needs features marked ``side: ukraine``.
        """
        if self.schematic:
            return False
        in_ukraine = code in self.units.index and self.units.loc[code, "country"] == "UA"
        if side == "ukraine" and not in_ukraine:
            return "ukraine" in self.sides
        return "russia" in self.sides

    def basis_of(self, code: str, side: str) -> str:
        """``measured`` or ``schematic`` for the ground of ``side`` in ``code``."""
        return "measured" if self.maps(code, side) else "schematic"


# ---------------------------------------------------------------- shared helpers
def _polygonal(geom: BaseGeometry | None) -> BaseGeometry:
    """Only the polygonal parts of a geometry, specks dropped (empty Polygon when none)."""
    if geom is None or geom.is_empty:
        return Polygon()
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    if len(parts) > 1:
        areas = geodesic_areas_km2(np.asarray(parts, dtype=object))
        parts = [p for p, a in zip(parts, areas, strict=True) if a >= _SPECK_KM2] or parts
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _intersection(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """``a & b``, retried on a 1e-7 degree grid when GEOS meets a non-noded edge."""
    try:
        return a.intersection(b)
    except shapely.errors.GEOSException:
        return shapely.intersection(a, b, grid_size=1e-7)


def _ukraine_ea(units: gpd.GeoDataFrame, memo: Memo | None) -> BaseGeometry:
    def compute() -> BaseGeometry:
        ua = shapely.union_all(np.asarray(units.loc[units["country"] == "UA", "geometry"]))
        return to_ea(ua)
    return memoized(memo, "ukraine_ea", digest(units), compute)


def _row(code: str, side: str, geom: BaseGeometry, km2: float, units: gpd.GeoDataFrame,
         unit_km2: float, *, basis: str, source: str, target: float = math.nan,
         method: str = "", note: str = "") -> dict[str, object]:
    return {
        "code": code, "name_en": units.loc[code, "name_en"], "side": side, "basis": basis,
        "schematic": basis == "schematic", "area_km2": km2,
        "share_pct": 100.0 * km2 / unit_km2 if unit_km2 else 0.0, "unit_area_km2": unit_km2,
        "target_share_pct": target, "method": method, "note": note, "source": source,
        "geometry": geom,
    }


def _frame(rows: list[dict[str, object]]) -> gpd.GeoDataFrame:
    if not rows:
        empty: dict[str, list[object]] = {c: [] for c in HELD_COLUMNS}
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    frame.index = pd.Index([f"{r['code']}:{r['side']}" for r in rows], name="held_id")
    return frame[[*HELD_COLUMNS, "geometry"]]


def _unit_km2(units: gpd.GeoDataFrame, code: str) -> float:
    if "geodesic_area_km2" in units.columns:
        return float(units.loc[code, "geodesic_area_km2"])
    return geometry_area_km2(units.loc[code, "geometry"])


# ---------------------------------------------------------------- schematic
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
    ua = shapely.union_all(np.asarray(units.loc[units["country"] == "UA", "geometry"]))
    border = unit.boundary.intersection(ua.buffer(1e-6).boundary.buffer(1e-4))
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
    return _polygonal(from_ea(zone_ea).intersection(unit))


def _cross_border_rows(snap: gpd.GeoDataFrame | None, units: gpd.GeoDataFrame,
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
        out.append(_row(str(code), "ukraine", zone, got, units, _unit_km2(units, str(code)),
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
    ua_ea = _ukraine_ea(units, memo)
    zone_geoms = [] if zones is None else [g for g in zones.geometry if not g.is_empty]
    russia_ea = _sealed_ea(zone_geoms, units, ua_wgs)
    rows: list[dict[str, object]] = []
    if zones is not None:
        for code, z in zones.iterrows():
            if z.geometry.is_empty:
                continue
            rows.append(_row(str(code), "russia", z.geometry, float(z["area_km2"]), units,
                             _unit_km2(units, str(code)), basis="schematic", source=source,
                             target=float(z["target_share_pct"]), method=str(z["method"]),
                             note=notes.get(str(code), "")))
    held_wgs = from_ea(russia_ea)
    for code in units.index[units["country"] == "UA"]:
        unit = units.loc[code, "geometry"]
        ground = unit if zones is None or code not in zones.index else _polygonal(
            unit.difference(shapely.make_valid(shapely.snap(held_wgs, unit, 1e-4))))
        km2 = geometry_area_km2(ground)
        if km2 > 0.01:
            rows.append(_row(str(code), "ukraine", ground, km2, units, _unit_km2(units, code),
                             basis="schematic", source=source,
                             method="the rest of the unit (schematic)"))
    rows += _cross_border_rows(snap, units, source)
    return HeldTerritory(frame=_frame(rows), basis="schematic", source=source,
                         russia_ea=russia_ea, ukraine_ea=ua_ea, units=units)


# ---------------------------------------------------------------- measured
def _mismatch_ea(layer_ea: BaseGeometry, ua_ea: BaseGeometry, *, band_km: float
                 ) -> BaseGeometry:
    """Strips of Ukraine between the layer's coast or border and the project's outline.

    The layer's boundary within ``band_km`` of Ukraine's outline is its coast or state
    border (``coast``); the rest is the line of contact (``front``). Ground of Ukraine
    outside the layer that lies within ``band_km`` of both the outline and the layer's
    coast, and more than twice that from the front, is mismatch: the two sources
    disagree about where the coast runs, not about who holds it.
    """
    w = band_km * 1000.0
    outline_band = ua_ea.boundary.buffer(w, quad_segs=4)
    edge = layer_ea.boundary
    front = edge.difference(outline_band)
    near_front = front.buffer(2 * w, quad_segs=4) if not front.is_empty else Polygon()
    coast = edge.intersection(outline_band).difference(near_front)
    if coast.is_empty:
        return Polygon()
    candidates = ua_ea.intersection(outline_band).intersection(coast.buffer(w, quad_segs=4))
    strip = _polygonal_ea(candidates.difference(layer_ea).difference(near_front))
    # Only strips that lie against the layer: ground across water from it is not between
    # the two lines.
    parts = [p for p in shapely.get_parts(strip) if p.distance(layer_ea) <= 10.0]
    return shapely.union_all(parts) if parts else Polygon()


def _valid_ea(geom: BaseGeometry) -> BaseGeometry:
    """A projected polygon made valid: densifying and projecting two parts that nearly
    touch can make their edges cross by a few millimetres."""
    if geom.is_valid:
        return geom
    return _polygonal_ea(shapely.make_valid(geom)) or Polygon()


def _polygonal_ea(geom: BaseGeometry) -> BaseGeometry:
    if geom.is_empty:
        return Polygon()
    parts = [g for g in shapely.get_parts(shapely.make_valid(geom))
             if g.geom_type == "Polygon" and g.area >= _SPECK_KM2 * 1e6]
    return shapely.union_all(parts) if parts else Polygon()


def measured_territory(
    control: ControlLayer,
    units: gpd.GeoDataFrame,
    *,
    snap: gpd.GeoDataFrame | None = None,
    index: UnitIndex | None = None,
    band_km: float = BOUNDARY_BAND_KM,
    memo: Memo | None = None,
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
    band_km : float, keyword-only
        Half-width of the boundary-mismatch band, km.
    memo : Memo, optional, keyword-only
        Reuse the projected outline of Ukraine.
    """
    if not control.maps("russia") and not control.maps("ukraine"):
        raise FrontlineError(f"control layer {control.name!r} maps no side.")
    index = index or UnitIndex(units)
    source = f"measured from the control layer {control.name}"
    ua_ea = _ukraine_ea(units, memo)
    layer = control.geometry("russia")
    layer_ea = _valid_ea(to_ea(layer)) if not layer.is_empty else Polygon()
    mismatch_ea = (_mismatch_ea(layer_ea, ua_ea, band_km=band_km) if not layer.is_empty
                   else Polygon())
    mismatch = _polygonal(from_ea(mismatch_ea)) if not mismatch_ea.is_empty else Polygon()
    targets = _targets(snap)
    rows: list[dict[str, object]] = []
    notes: list[str] = []
    if control.maps("russia"):
        rows += _measured_side(control, "russia", units, index, mismatch, targets, source)
    if control.maps("ukraine"):
        rows += _measured_side(control, "ukraine", units, index, mismatch, targets, source)
    else:
        fallback = _cross_border_rows(snap, units, f"schematic: {control.name} maps no "
                                      "Ukrainian-held ground")
        rows += fallback
        if fallback:
            notes.append(f"{control.name} maps Russian-held ground only; Ukrainian-held "
                         "ground in Russia is drawn schematically from the claims.")
    spill = [r for r in rows if r["side"] == "russia" and str(r["code"]).startswith("RU-")]
    if spill:
        km2 = sum(float(str(r["area_km2"])) for r in spill)
        notes.append(f"the layer reaches {km2:,.1f} km² into Russia's border oblasts, where "
                     "its line and the boundary data differ; not counted for Ukraine.")
    mm = [r for r in rows if r["side"] == "mismatch"]
    if mm:
        km2 = sum(float(str(r["area_km2"])) for r in mm)
        notes.append(f"{km2:,.1f} km² along coasts and the state border lie between the "
                     "layer's line and the project's boundaries (boundary mismatch): held by "
                     "neither side, stated as each unit's boundary tolerance.")
    return HeldTerritory(frame=_frame(rows), basis="measured", source=source,
                         russia_ea=layer_ea, ukraine_ea=ua_ea, units=units,
                         mismatch_ea=mismatch_ea, sides=tuple(control.sides),
                         notes=tuple(notes))


def _targets(snap: gpd.GeoDataFrame | None) -> Mapping[str, float]:
    if snap is None:
        return {}
    vals = pd.to_numeric(snap["share_central"], errors="coerce")
    return {str(c): float(v) for c, v in vals.items() if pd.notna(v)}


def _measured_side(control: ControlLayer, side: str, units: gpd.GeoDataFrame,
                   index: UnitIndex, mismatch: BaseGeometry, targets: Mapping[str, float],
                   source: str) -> list[dict[str, object]]:
    """Rows of ``side`` (held ground), and for Russia also the rest and the mismatch."""
    layer = control.geometry(side)
    km2 = index.measure(layer)
    rows: list[dict[str, object]] = []
    shapely.prepare(layer)
    for i, code in enumerate(index.codes):
        code = str(code)
        unit = index.geoms[i]
        unit_km2 = float(index.area_km2[i])
        is_ua = bool(index.is_ukraine[i])
        if side == "ukraine" and is_ua:
            continue  # Ukrainian-held ground in Ukraine is the rest of the unit
        target = targets.get(code, math.nan) if (side == "russia") == is_ua else math.nan
        if km2[i] > 0.01:
            held = unit if km2[i] >= unit_km2 else _polygonal(unit.intersection(layer))
            rows.append(_row(code, side, held, float(km2[i]), units, unit_km2,
                             basis="measured", source=source, target=target,
                             method="the layer's intersection with the unit"))
        if side != "russia" or not is_ua:
            continue
        rest = unit if km2[i] <= 0 else _polygonal(unit.difference(layer))
        lost = _polygonal(rest.intersection(mismatch)) if not mismatch.is_empty else Polygon()
        # Pieces split a unit's long edges, so their geodesic areas can sum to a little more
        # than the unit's (~1e-5): keep the three sides summing to the unit.
        lost_km2 = min(geometry_area_km2(lost), max(unit_km2 - float(km2[i]), 0.0))
        if lost_km2 > 0.01:
            rest = _polygonal(rest.difference(lost))
            rows.append(_row(code, "mismatch", lost, lost_km2, units, unit_km2,
                             basis="measured", source=source,
                             method=f"within {BOUNDARY_BAND_KM:g} km of the coast or state "
                                    "border, between the layer's line and the boundaries"))
        rest_km2 = max(unit_km2 - float(km2[i]) - (lost_km2 if lost_km2 > 0.01 else 0.0), 0.0)
        if rest_km2 > 0.01:
            rows.append(_row(code, "ukraine", rest, rest_km2, units, unit_km2,
                             basis="measured", source=source,
                             method="the rest of the unit (not in the layer)"))
    return rows


def held_territory(
    snap: gpd.GeoDataFrame | None,
    units: gpd.GeoDataFrame,
    *,
    control: ControlLayer | None = None,
    end: str = "central",
    index: UnitIndex | None = None,
    memo: Memo | None = None,
) -> HeldTerritory:
    """Held territory as of a snapshot: measured from ``control`` if given, else schematic.

    Parameters
    ----------
    snap : GeoDataFrame or None
        The snapshot of the report (:func:`geo.snapshot.snapshot`); may be None only
        with a control layer.
    units : GeoDataFrame
        The unit layer.
    control : ControlLayer, optional, keyword-only
        A mapped control layer; replaces the schematic zones everywhere.
    end : {"central", "low", "high"}, keyword-only
        Which end of each claimed interval schematic zones are grown to.
    index : UnitIndex, optional, keyword-only
        The units prepared for measuring.
    memo : Memo, optional, keyword-only
        Reuse derived geometry across calls.
    """
    if control is not None:
        return measured_territory(control, units, snap=snap, index=index, memo=memo)
    if snap is None:
        raise FrontlineError("snap: a snapshot is needed to draw schematic held territory; "
                             "give the report's snapshot or a control layer.")
    return schematic_territory(snap, units, end=end, memo=memo)
