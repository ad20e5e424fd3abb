"""Proposal zones: what a demand or a security proposal means on the ground.

Given who holds what (schematic zones grown from a snapshot's claimed shares, or a real
control layer), this module derives the zones that proposals imply, each with its area
(km², geodesic on WGS84), the share of each unit it touches (percent of the unit's
polygon area) and the GeoNames cities inside it (people; city sections are listed but
not counted twice):

``withdrawal``
    the part of a unit the target side still holds ("withdraw from the 20 % of Donetsk
    Ukraine still holds");
``cede``
    the parts of several units the ceding side holds ("cede four regions");
``other_side_withdrawal``
    the holder's own parts of units it offers to leave (Russian-held Kharkiv, Mykolaiv);
``line_of_contact``
    where the two sides' zones meet inside Ukraine (a line; ``length_km``);
``dmz_russian_side`` / ``dmz_ukrainian_side``
    a demilitarized band of ``dmz_width_km`` along the line of contact, split into each
    side's half;
``deterrence_line``
    a line ``deterrence_depth_km`` behind the line of contact on the Ukrainian side;
``cross_border``
    territory held across the state border (about 650 km² of Kursk oblast in R1);
``recognition``
    Crimea and Sevastopol (or the held parts of other units) to be recognised;
``facility``
    a point (the Zaporizhzhia nuclear plant at Enerhodar).

All geometries are EPSG:4326; buffers and offsets are computed in
:data:`geo.areas.EQUAL_AREA_CRS` (metres). Zones built on schematic control are
labelled ``schematic=True``: their shape is an illustration of the claimed shares, not
a mapped front line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.areas import EQUAL_AREA_CRS, WGS84, geometry_area_km2, to_equal_area
from geo.cities import cities_within, load_cities, population_total
from geo.errors import Problem, ValidationError
from geo.reports import Claim, Report, find_report
from geo.schematic import contiguous_shares, holder_territory, schematic_zones
from geo.snapshot import snapshot

__all__ = [
    "ZONE_COLUMNS",
    "ZoneOptions",
    "held_zones",
    "drawn_shares",
    "ukraine_held",
    "withdrawal_zone",
    "line_of_contact",
    "demilitarized_band",
    "depth_line",
    "cross_border_zone",
    "describe_zone",
    "implied_zones",
    "zone_records",
]

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

#: Sudzha (51.19 N, 35.27 E), the centre of Ukraine's 2024 incursion into Kursk oblast.
_KURSK_INCURSION_CENTRE = Point(35.27, 51.19)
#: Pieces of the line of contact shorter than this (km) are dropped as raster noise.
_MIN_LINE_KM = 2.0
#: Unit shares below this (percent) are not listed for a zone.
_MIN_UNIT_SHARE = 0.05


@dataclass(frozen=True)
class ZoneOptions:
    """Parameters of the derived zones (the reports give none).

    Attributes
    ----------
    dmz_width_km : float
        Total width of a demilitarized band, half on each side of the line of contact.
    deterrence_depth_km : float
        Distance behind the line of contact of a further line on the Ukrainian side.
    end : {"central", "low", "high"}
        Which end of each claimed interval the held zones are grown to.
    """

    dmz_width_km: float = 20.0
    deterrence_depth_km: float = 100.0
    end: str = "central"

    def validate(self) -> None:
        """Raise :class:`~geo.errors.ValidationError` listing every bad parameter."""
        problems = []
        if not (0 < self.dmz_width_km <= 200):
            problems.append(
                Problem(
                    "options",
                    "dmz_width_km",
                    f"expected a width in km in (0, 200]; got {self.dmz_width_km!r}",
                )
            )
        if not (0 < self.deterrence_depth_km <= 500):
            problems.append(
                Problem(
                    "options",
                    "deterrence_depth_km",
                    f"expected a depth in km in (0, 500]; got {self.deterrence_depth_km!r}",
                )
            )
        if self.end not in ("central", "low", "high"):
            problems.append(
                Problem("options", "end", f"expected 'central', 'low' or 'high'; got {self.end!r}")
            )
        if problems:
            raise ValidationError(problems, what="zone options")


# ---------------------------------------------------------------- projections
def _ea(geom: BaseGeometry) -> BaseGeometry:
    out: BaseGeometry = to_equal_area(gpd.GeoSeries([geom], crs=WGS84)).iloc[0]
    return out


def _wgs(geom: BaseGeometry) -> BaseGeometry:
    out: BaseGeometry = gpd.GeoSeries([geom], crs=EQUAL_AREA_CRS).to_crs(WGS84).iloc[0]
    return out if out.is_valid else shapely.make_valid(out)


def _intersection(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """``a & b``, retried on a 1e-7 degree grid when GEOS meets a non-noded edge."""
    try:
        return a.intersection(b)
    except shapely.errors.GEOSException:
        return shapely.intersection(a, b, grid_size=1e-7)


def _polygons(geom: BaseGeometry | None) -> BaseGeometry:
    """Only the polygonal parts of a geometry (empty Polygon when none)."""
    if geom is None or geom.is_empty:
        return Polygon()
    parts = [
        g
        for g in shapely.get_parts(shapely.make_valid(geom))
        if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    return shapely.union_all(parts) if parts else Polygon()


def _drop_specks(geom_ea: BaseGeometry, min_m2: float = 10_000.0) -> BaseGeometry:
    """An equal-area geometry without zero-width spikes (a 1 m opening) and without parts
    smaller than ``min_m2``: the debris overlays leave where two edges run together."""
    opened = geom_ea.buffer(-1.0, join_style="mitre").buffer(1.0, join_style="mitre")
    parts = [g for g in shapely.get_parts(opened) if g.area >= min_m2]
    return shapely.union_all(parts) if parts else Polygon()


def _lines(geom: BaseGeometry | None) -> BaseGeometry:
    if geom is None or geom.is_empty:
        return MultiLineString()
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("LineString", "LinearRing")]
    parts = [LineString(g.coords) for g in parts]
    if not parts:
        return MultiLineString()
    merged = shapely.line_merge(shapely.union_all(parts))
    return merged


# ---------------------------------------------------------------- who holds what
def held_zones(
    snap: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame,
    *,
    control: gpd.GeoDataFrame | BaseGeometry | None = None,
    end: str = "central",
) -> gpd.GeoDataFrame:
    """The Russian-held zone of every Ukrainian unit, as of a snapshot.

    Parameters
    ----------
    snap : GeoDataFrame
        A snapshot (:func:`geo.snapshot.snapshot`).
    units : GeoDataFrame
        The unit layer (index ``code``).
    control : GeoDataFrame or geometry, optional, keyword-only
        A real control layer; when given, every Ukrainian unit's zone is its measured
        intersection with it (``schematic=False``) and the claims are not used.
    end : {"central", "low", "high"}, keyword-only
        Which end of each claimed interval to grow schematic zones to.

    Returns
    -------
    GeoDataFrame
        Index ``code`` (units with a zone), columns ``share_pct``, ``area_km2``,
        ``schematic`` and ``geometry`` (EPSG:4326).
    """
    ua = units[units["country"] == "UA"]
    if control is not None:
        shares = {str(c): 0.0 for c in ua.index}
        z = schematic_zones(shares, units, control=control)
    else:
        shares, notes = drawn_shares(snap, units, end=end)
        if not shares:
            return gpd.GeoDataFrame(
                {"share_pct": [], "area_km2": [], "schematic": [], "note": []},
                geometry=gpd.GeoSeries([], crs=WGS84),
                crs=WGS84,
            )
        z = schematic_zones(shares, units)
        z["note"] = [notes.get(str(c), "") for c in z.index]
    if "note" not in z.columns:
        z["note"] = ""
    # Drop empty zones and the line or sliver left where a control layer only touches a unit.
    z = z[~z.geometry.is_empty & (pd.to_numeric(z["area_km2"]) > 0.01)]
    return gpd.GeoDataFrame(
        z[["name_en", "target_share_pct", "share_pct", "area_km2", "schematic", "method", "note"]],
        geometry=z.geometry,
        crs=WGS84,
    )


def drawn_shares(
    snap: gpd.GeoDataFrame, units: gpd.GeoDataFrame, *, end: str = "central"
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
    return contiguous_shares(shares, units, floors=floors)


def ukraine_held(
    held: gpd.GeoDataFrame, units: gpd.GeoDataFrame, codes: Sequence[str]
) -> BaseGeometry:
    """The parts of ``codes`` not in ``held`` (EPSG:4326)."""
    if not codes:
        return Polygon()
    area = shapely.union_all([units.loc[c, "geometry"] for c in codes])
    if not len(held):
        return _polygons(area)
    return _polygons(area.difference(_snapped_held(held, units, area)))


def withdrawal_zone(
    held: gpd.GeoDataFrame, units: gpd.GeoDataFrame, codes: Sequence[str]
) -> BaseGeometry:
    """Where the side that does not hold ``held`` must withdraw from: its part of ``codes``."""
    return ukraine_held(held, units, codes)


#: Closing radius (m) that seals raster slivers between neighbouring held zones.
_SEAL_M = 1000.0


_SEALED_CACHE: dict[tuple[object, ...], BaseGeometry] = {}


def _held_union_ea(held: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> BaseGeometry:
    """Everything the holder holds near Ukraine, in the equal-area CRS, slivers sealed.

    The union of the held zones and Russia's own territory (so zones meet the state
    border without gaps). Schematic zones are polygonized from a 1 km raster and
    clipped to their unit, so two held zones meeting at a unit border can leave slivers
    up to a cell wide; a morphological closing of :data:`_SEAL_M` seals them.
    """
    key = (tuple(held.index), tuple(g.wkb for g in held.geometry), len(units))
    if key in _SEALED_CACHE:
        return _SEALED_CACHE[key]
    ua = shapely.union_all(list(units.loc[units["country"] == "UA", "geometry"].values))
    minx, miny, maxx, maxy = ua.bounds
    # Russia's own territory, cut back to Ukraine's border: the basemap's generalized
    # outline of Russia overlaps the detailed unit polygons by up to a few km.
    frame = shapely.box(minx - 1, miny - 1, maxx + 1, maxy + 1)
    russia = holder_territory(units).intersection(frame).difference(ua)
    parts = [russia, *[g for g in held.geometry.values if g is not None and not g.is_empty]]
    merged = _ea(shapely.union_all(parts)).buffer(0)
    sealed = merged.buffer(_SEAL_M, quad_segs=16).buffer(-_SEAL_M, quad_segs=16)
    if len(_SEALED_CACHE) > 16:
        _SEALED_CACHE.clear()
    _SEALED_CACHE[key] = sealed
    return sealed


def _held_in(held: gpd.GeoDataFrame, units: gpd.GeoDataFrame, codes: Sequence[str]) -> BaseGeometry:
    """The sealed held territory inside units ``codes`` (EPSG:4326)."""
    if not len(held):
        return Polygon()
    area = shapely.union_all([units.loc[c, "geometry"] for c in codes])
    return _polygons(_intersection(_snapped_held(held, units, area), area))


def _snapped_held(
    held: gpd.GeoDataFrame, units: gpd.GeoDataFrame, area: BaseGeometry
) -> BaseGeometry:
    """The sealed held territory back in EPSG:4326, its vertices snapped onto ``area``'s
    edges within 1e-4 degrees (about 10 m), so that overlays with unit polygons leave
    no zero-width spikes where the two follow the same border."""
    held_wgs = _wgs(_held_union_ea(held, units))
    return shapely.make_valid(shapely.snap(held_wgs, area, 1e-4))


def _ua_ea(units: gpd.GeoDataFrame) -> BaseGeometry:
    return _ea(shapely.union_all(list(units.loc[units["country"] == "UA", "geometry"].values)))


def line_of_contact(held: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> BaseGeometry:
    """Where Russian-held and Ukrainian-held territory meet inside Ukraine (EPSG:4326).

    The boundary of the held zones, minus the state border and the coast (anything
    within 200 m of Ukraine's outline), minus pieces shorter than 2 km.
    """
    if not len(held):
        return MultiLineString()
    ua_ea = _ua_ea(units)
    held_ea = _held_union_ea(held, units)
    edge = held_ea.boundary.difference(ua_ea.boundary.buffer(200))
    edge = edge.intersection(ua_ea)
    merged = _lines(edge)
    keep = [g for g in shapely.get_parts(merged) if g.length >= _MIN_LINE_KM * 1000]
    return _wgs(MultiLineString(keep)) if keep else MultiLineString()


def demilitarized_band(
    line: BaseGeometry, held: gpd.GeoDataFrame, units: gpd.GeoDataFrame, *, width_km: float
) -> tuple[BaseGeometry, BaseGeometry]:
    """A band of ``width_km`` centred on ``line``, split into (Russian half, Ukrainian half).

    Both halves are clipped to Ukraine (EPSG:4326).
    """
    if line.is_empty:
        return Polygon(), Polygon()
    ua_ea = _ua_ea(units)
    held_ea = _held_union_ea(held, units)
    band = _ea(line).buffer(width_km * 1000 / 2, quad_segs=4).intersection(ua_ea)
    ru_half = _drop_specks(_polygons(band.intersection(held_ea)))
    ua_half = _drop_specks(_polygons(band.difference(held_ea)))
    return _polygons(_wgs(ru_half)), _polygons(_wgs(ua_half))


def depth_line(
    held: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame,
    *,
    depth_km: float,
    line: BaseGeometry | None = None,
) -> BaseGeometry:
    """A line ``depth_km`` behind the line of contact, inside Ukrainian-held territory.

    Traced as the edge of the zone within ``depth_km`` of the line of contact, kept where
    it runs through Ukrainian-held land (EPSG:4326).
    """
    if line is None:
        line = line_of_contact(held, units)
    if line.is_empty:
        return MultiLineString()
    ua_ea = _ua_ea(units)
    held_ea = _held_union_ea(held, units)
    free = ua_ea.difference(held_ea)
    ring = _ea(line).buffer(depth_km * 1000, quad_segs=8).boundary
    edge = ring.intersection(free).difference(ua_ea.boundary.buffer(200))
    merged = _lines(edge)
    keep = [g for g in shapely.get_parts(merged) if g.length >= _MIN_LINE_KM * 1000]
    return _wgs(MultiLineString(keep)) if keep else MultiLineString()


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
    ua = shapely.union_all(list(units.loc[units["country"] == "UA", "geometry"].values))
    border = unit.boundary.intersection(ua.buffer(1e-6).boundary.buffer(1e-4))
    border = border if not border.is_empty else unit.boundary
    anchor = shapely.ops.nearest_points(border, centre)[0]
    unit_ea, anchor_ea = _ea(unit), _ea(anchor)
    unit_area = geometry_area_km2(unit)
    if area_km2 >= unit_area:
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
    return _polygons(_wgs(zone_ea)).intersection(unit)


# ---------------------------------------------------------------- description
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
        Keys :data:`ZONE_COLUMNS` and ``geometry``.
    """
    if cities is None:
        cities = load_cities()
    area = geometry_area_km2(geom) if geom.geom_type.endswith("Polygon") else 0.0
    length = 0.0
    if "Line" in geom.geom_type and not geom.is_empty:
        length = float(_ea(geom).length / 1000)
    shares: dict[str, float] = {}
    touched: list[str] = []
    if area > 0:
        cand = units[units.geometry.intersects(geom)]
        for code, row in cand.iterrows():
            part = geometry_area_km2(_intersection(row.geometry, geom))
            pct = 100 * part / float(row["geodesic_area_km2"])
            if pct >= _MIN_UNIT_SHARE:
                shares[str(code)] = round(pct, 2)
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


def _frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
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


# ---------------------------------------------------------------- from a report
def _is_crimea(codes: Sequence[str]) -> bool:
    return bool(codes) and set(codes) <= {"UA-43", "UA-40"}


def _names(units: gpd.GeoDataFrame, codes: Sequence[str]) -> str:
    names = [str(units.loc[c, "name_en"]) for c in codes if c in units.index]
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""


def implied_zones(
    report_id: str,
    reports: Iterable[Report],
    units: gpd.GeoDataFrame | None = None,
    *,
    control: gpd.GeoDataFrame | BaseGeometry | None = None,
    options: ZoneOptions | None = None,
    with_line_of_contact: bool = True,
    held: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Every zone a report's claims imply, as of that report.

    Parameters
    ----------
    report_id : str
        The report.
    reports : iterable of Report
        All reports (for the snapshot's carried-forward claims).
    units : GeoDataFrame, optional
        The unit layer; default :func:`geo.boundaries.load_units`.
    control : GeoDataFrame or geometry, optional, keyword-only
        A real control layer; when given it replaces the schematic zones everywhere.
    options : ZoneOptions, optional, keyword-only
        Band width, depth and interval end.
    with_line_of_contact : bool, keyword-only
        Add the line of contact even when no claim refers to it (the map draws it).
    held : GeoDataFrame, optional, keyword-only
        Held zones already computed with :func:`held_zones` for this report, control
        layer and ``options.end`` (saves recomputing them).

    Returns
    -------
    GeoDataFrame
        Index ``zone_id`` (``<kind>:<n>``), columns :data:`ZONE_COLUMNS`, EPSG:4326.
    """
    if units is None:
        from geo.boundaries import load_units

        units = load_units()
    options = options or ZoneOptions()
    options.validate()
    reps = list(reports)
    report = find_report(reps, report_id)
    snap = snapshot(report_id, reps, units)
    if held is None:
        held = held_zones(snap, units, control=control, end=options.end)
    schematic = control is None
    basis = (
        "schematic zones grown from the claimed shares (illustrative, not a mapped front)"
        if schematic
        else "measured from the loaded control layer"
    )
    cities = load_cities()
    rows: list[dict[str, Any]] = []

    def add(
        geom: BaseGeometry,
        kind: str,
        label: str,
        claims: Sequence[Claim],
        params: Mapping[str, Any] | None = None,
        *,
        is_schematic: bool = schematic,
        why: str = basis,
    ) -> None:
        rows.append(
            describe_zone(
                geom,
                units,
                kind=kind,
                label=label,
                cities=cities,
                schematic=is_schematic,
                basis=why,
                report_id=report.id,
                claim_ids=[c.id for c in claims],
                params=params,
            )
        )

    loc: BaseGeometry | None = None
    for claim in report.claims:
        codes = [c for c in claim.units if c in units.index]
        if claim.kind == "withdraw_share" and codes:
            side = claim.target or "ukraine"
            add(
                withdrawal_zone(held, units, codes),
                "withdrawal",
                f"{side.title()} withdraws from the rest of {_names(units, codes)}",
                [claim],
            )
        elif claim.kind == "cede_units" and codes:
            add(
                ukraine_held(held, units, codes),
                "cede",
                f"Parts of {_names(units, codes)} that Ukraine holds, to be ceded",
                [claim],
            )
        elif claim.kind == "offer_withdraw" and codes:
            add(
                _held_in(held, units, codes),
                "other_side_withdrawal",
                f"{claim.actor.title()} leaves its parts of {_names(units, codes)}",
                [claim],
            )
        elif claim.kind in ("recognition_demand", "other_demand") and _is_crimea(codes):
            add(
                _polygons(shapely.union_all([units.loc[c, "geometry"] for c in codes])),
                "recognition",
                "Crimea and Sevastopol (recognition as Russian)",
                [claim],
                is_schematic=False,
                why="whole units",
            )
        elif claim.kind == "recognition_demand" and codes:
            add(
                _held_in(held, units, codes),
                "recognition",
                f"Held parts of {_names(units, codes)} (recognition as Russian)",
                [claim],
            )
        elif claim.kind == "held_by_other_side" and codes and claim.interval is not None:
            iv = claim.interval
            km2 = (
                iv.central
                if claim.figure_unit == "km2"
                else (iv.central / 100 * float(units.loc[codes[0], "official_area_km2"]))
            )
            add(
                cross_border_zone(units, codes[0], km2),
                "cross_border",
                f"{claim.actor.title()} holds about {km2:,.0f} km² of {_names(units, codes)}",
                [claim],
                {"target_km2": km2},
                is_schematic=True,
                why="schematic: a disc from the border near Sudzha clipped to the unit",
            )
        elif claim.kind == "facility_held" and claim.facility is not None:
            f = claim.facility
            add(
                Point(f.lon, f.lat),
                "facility",
                f"{f.name}" + (f" ({f.place})" if f.place else ""),
                [claim],
                {"condition": f.condition, "held_by": claim.actor},
                is_schematic=False,
                why="facility location",
            )
        elif claim.kind == "security_proposal" and _mentions_line_of_contact(claim):
            loc = line_of_contact(held, units) if loc is None else loc
            ru_half, ua_half = demilitarized_band(loc, held, units, width_km=options.dmz_width_km)
            p = {"dmz_width_km": options.dmz_width_km}
            add(loc, "line_of_contact", "Line of contact", [claim])
            add(
                ru_half,
                "dmz_russian_side",
                f"Demilitarized band, Russian-held half ({options.dmz_width_km / 2:g} km)",
                [claim],
                p,
            )
            add(
                ua_half,
                "dmz_ukrainian_side",
                f"Demilitarized band, Ukrainian-held half ({options.dmz_width_km / 2:g} km)",
                [claim],
                p,
            )
            add(
                depth_line(held, units, depth_km=options.deterrence_depth_km, line=loc),
                "deterrence_line",
                f"Further line {options.deterrence_depth_km:g} km behind the line of contact",
                [claim],
                {"deterrence_depth_km": options.deterrence_depth_km},
            )
    if with_line_of_contact and not any(r["kind"] == "line_of_contact" for r in rows):
        loc = line_of_contact(held, units) if loc is None else loc
        if not loc.is_empty:
            add(loc, "line_of_contact", "Line of contact", [])
    zones = _frame(rows)
    zones.attrs["report_id"] = report.id
    zones.attrs["schematic"] = schematic
    return zones


def _mentions_line_of_contact(claim: Claim) -> bool:
    text = " ".join([claim.paraphrase, *map(str, claim.zone.values())]).lower()
    return "line of contact" in text or "front line" in text or "demilitari" in text
