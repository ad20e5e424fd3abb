"""Change between two mapped days: the ground that changed hands, per unit, with towns.

:func:`change_between` takes a :class:`~geo.history.History` and two dates, uses the
mapped day nearest each (within ``within_days``; the days used are named), and returns a
:class:`Change`: the polygons of ground that changed hands between them, per unit and
transition, their geodesic km², totals per unit and for Ukraine, and the cities of the
gazetteer (:func:`geo.cities.load_cities`) whose point changed hands.

States of ground on a day: ``russia`` (mapped as Russian-held), ``contested`` (the grey
zone, where the layers map it) and ``ukraine`` (neither: in Ukraine's units, ground held
by Ukraine). A day of a single-class layer maps no contested ground, so its ground is
Russian-held or not. Transitions are ``FROM -> TO`` (:data:`TRANSITIONS`); ``russia``
gained ground in ``ukraine -> russia`` and ``contested -> russia`` and lost it in the
reverse ones.

Exact: the polygons are the two days' differences (``after - before`` and ``before -
after`` of each state), cut by the units; nothing is simplified or dropped but pieces
under :data:`NOISE_KM2` (floating-point crumbs where two layers share an edge).
Coordinates are EPSG:4326 lon/lat; areas are km² on the WGS84 ellipsoid (Karney's
algorithm, :func:`geo.areas.geodesic_areas_km2`).

How it is fast: day to day the front moves by slivers while borders and coasts repeat
vertex for vertex, so the boundary segments found in one day only are the change; the
two days are clipped to the boxes of runs of such segments and differenced there (the
idea :mod:`geo.increment` measures a series with). A pair of days whose boundaries
differ by more than half is differenced whole.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from geo.areas import geodesic_areas_km2
from geo.errors import FrontlineError
from geo.history import History, ParsedDay, read_history
from geo.history.inputs import DEFAULT_OPTIONS, ReadOptions, parse_entry
from geo.history.read import HistorySource
from geo.increment import boundary, changed_segments, clip_box, merge_boxes, run_boxes
from geo.measure import UnitIndex
from geo.repair import polygon_parts, polygonal_valid

__all__ = ["STATES", "TRANSITIONS", "CHANGE_COLUMNS", "TOTAL_COLUMNS", "CITY_COLUMNS",
           "NEAR_DAYS", "NOISE_KM2", "Change", "change_between", "change_of_days",
           "change_from_files", "moved_km2"]

#: States of ground on a mapped day.
STATES: tuple[str, ...] = ("russia", "contested", "ukraine")
#: Transitions between two days, ``FROM -> TO``: Russia's gains, its losses, then the
#: grey zone's (these only where the layers map contested ground).
TRANSITIONS: tuple[str, ...] = (
    "ukraine -> russia", "contested -> russia", "russia -> ukraine", "russia -> contested",
    "ukraine -> contested", "contested -> ukraine",
)
#: Columns of :attr:`Change.frame` (with ``geometry``).
CHANGE_COLUMNS: tuple[str, ...] = (
    "code", "name", "transition", "from_state", "to_state", "russia", "area_km2", "parts",
    "from_day", "to_day",
)
#: Columns of :attr:`Change.totals` (index ``code``).
TOTAL_COLUMNS: tuple[str, ...] = (
    "name", "russia_gained_km2", "russia_lost_km2", "net_km2", "contested_gained_km2",
    "contested_lost_km2", "held_before_km2", "held_after_km2", "contested_before_km2",
    "contested_after_km2",
)
#: Columns of :attr:`Change.cities`.
CITY_COLUMNS: tuple[str, ...] = ("geonameid", "name", "population", "code", "unit",
                                 "from_state", "to_state", "is_section", "lon", "lat")
#: The mapped day may lie this many days from the date asked for (every view's window:
#: :data:`geo.layerset.NEAR_DAYS`).
NEAR_DAYS = 7
#: Pieces smaller than this (km²: a square metre) are floating-point crumbs, dropped.
NOISE_KM2 = 1e-6
#: A pair of days whose boundaries differ by more than this fraction is differenced whole.
_WHOLE_ABOVE = 0.5
_PAD_DEG = 1e-5


@dataclass(frozen=True)
class Change:
    """Ground that changed hands between two mapped days.

    Attributes
    ----------
    frame : GeoDataFrame
        One row per unit and transition that moved ground (EPSG:4326), columns
        :data:`CHANGE_COLUMNS` and ``geometry`` (a MultiPolygon); ``russia`` is
        ``gained``, ``lost`` or ``""`` (a grey-zone transition); ``area_km2`` geodesic.
    totals : DataFrame
        Index ``code``: every unit asked for and ``UA`` (Ukraine's units), columns
        :data:`TOTAL_COLUMNS`, km². ``net_km2`` is Russia's gain less its loss, equal to
        ``held_after_km2 - held_before_km2``.
    cities : DataFrame
        Cities of the gazetteer whose point changed hands (:data:`CITY_COLUMNS`), largest
        first; ``is_section`` marks a district of a larger city.
    before, after : datetime.date
        The mapped days used.
    asked_before, asked_after : datetime.date
        The dates asked for.
    before_source, after_source : str
        The files of the two days.
    maps_contested : bool
        Whether either day maps contested ground.
    notes : tuple of str
        What the reader should know (a day other than the one asked for, a day that maps
        no grey zone beside one that does).
    """

    frame: gpd.GeoDataFrame
    totals: pd.DataFrame
    cities: pd.DataFrame
    before: dt.date
    after: dt.date
    asked_before: dt.date
    asked_after: dt.date
    before_source: str = ""
    after_source: str = ""
    maps_contested: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def days(self) -> int:
        """Calendar days between the two mapped days."""
        return (self.after - self.before).days

    def sentence(self, code: str = "UA") -> str:
        """The change of one unit (or ``UA``) in words."""
        if code not in self.totals.index:
            raise FrontlineError(f"code: expected one of {', '.join(self.totals.index)}; got "
                                 f"{code!r}. Ask change_between for that unit with codes=.")
        t = self.totals.loc[code]
        moved = [c for c in self.cities.itertuples() if (code == "UA" or c.code == code)
                 and not c.is_section]
        towns = ""
        if moved:
            few = ", ".join(f"{c.name} ({c.from_state} -> {c.to_state})" for c in moved[:5])
            towns = f"; towns that changed hands: {few}" + (
                f" and {len(moved) - 5} more" if len(moved) > 5 else "")
        grey = ""
        if self.maps_contested:
            grey = (f"; the grey zone grew by {t['contested_gained_km2']:,.1f} km² and "
                    f"shrank by {t['contested_lost_km2']:,.1f} km²")
        return (f"{t['name']}, {self.before} to {self.after} ({self.days} days): Russia "
                f"gained {t['russia_gained_km2']:,.1f} km² and lost "
                f"{t['russia_lost_km2']:,.1f} km², net {t['net_km2']:+,.1f} km²{grey}{towns}.")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the days, totals per unit, transitions (no geometry), cities."""
        totals = self.totals.reset_index().round(3)
        trans = pd.DataFrame(self.frame.drop(columns="geometry")).round({"area_km2": 3})
        return {
            "before": self.before.isoformat(), "after": self.after.isoformat(),
            "asked_before": self.asked_before.isoformat(),
            "asked_after": self.asked_after.isoformat(),
            "before_source": self.before_source, "after_source": self.after_source,
            "days": self.days, "maps_contested": self.maps_contested,
            "notes": list(self.notes),
            "totals": _records(totals), "transitions": _records(trans),
            "cities": _records(self.cities.drop(columns=["lon", "lat"])),
        }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    import json

    return list(json.loads(frame.to_json(orient="records", force_ascii=False,
                                         date_format="iso")))


# ---------------------------------------------------------------- the moved ground
def _moved(before: ParsedDay, after: ParsedDay, *, valid: bool = False
           ) -> tuple[BaseGeometry, BaseGeometry, BaseGeometry, BaseGeometry]:
    """``(gained, lost, before, after)``: Russian-held ground of ``after`` not held on
    ``before`` and the reverse (MultiPolygons), and the two days' valid geometries
    (``valid``: the days are known valid, not checked again)."""
    a, b = (before, after) if valid else (before.valid(), after.valid())
    ga, gb = a.geometry, b.geometry
    # the changed boundary segments and the boxes around them, as the series finds them
    # from one day to the next (geo.increment)
    ba, bb = boundary(a), boundary(b)
    new, old = changed_segments(bb, ba)
    n_changed = int(new.sum() + old.sum())
    if not n_changed:
        empty = shapely.MultiPolygon()
        return empty, empty, ga, gb
    if n_changed > _WHOLE_ABOVE * (int(ba.valid.sum()) + int(bb.valid.sum())):
        return (_multi(shapely.difference(gb, ga)), _multi(shapely.difference(ga, gb)), ga, gb)
    gained: list[BaseGeometry] = []
    lost: list[BaseGeometry] = []
    boxes = np.concatenate([run_boxes(bb, new), run_boxes(ba, old)])
    # padded, so that no change lies on a box's edge
    for box in merge_boxes(boxes + np.array([-_PAD_DEG, -_PAD_DEG, _PAD_DEG, _PAD_DEG])):
        pa, pb = clip_box(ga, box), clip_box(gb, box)
        gained += polygon_parts(shapely.difference(pb, pa))
        lost += polygon_parts(shapely.difference(pa, pb))
    return shapely.MultiPolygon(gained), shapely.MultiPolygon(lost), ga, gb


def _multi(geom: BaseGeometry) -> BaseGeometry:
    return shapely.MultiPolygon(polygon_parts(geom))


def _cut(pieces: NDArray[np.object_], index: UnitIndex
         ) -> tuple[NDArray[np.object_], NDArray[np.int64], NDArray[np.float64]]:
    """``pieces`` cut by the units: the cut pieces, the unit (position) of each, and
    each one's geodesic km² (pieces under :data:`NOISE_KM2` left out)."""
    if not len(pieces):
        return np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64), np.zeros(0)
    pi, ui = index.tree.query(pieces)
    touch = shapely.intersects(index.geoms[ui], pieces[pi])
    pi, ui = pi[touch], ui[touch]
    if not len(pi):
        return np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64), np.zeros(0)
    inside = shapely.contains_properly(index.geoms[ui], pieces[pi])
    cut = pieces[pi].copy()
    cross = np.flatnonzero(~inside)
    if len(cross):  # each unit clipped to its piece's box, then one vectorized overlay
        clipped = np.empty(len(cross), dtype=object)
        clipped[:] = [clip_box(index.geoms[ui[k]], shapely.bounds(pieces[pi[k]])) for k in cross]
        cut[cross] = shapely.intersection(pieces[pi[cross]], clipped)
    km2 = geodesic_areas_km2(cut)
    keep = km2 >= NOISE_KM2
    return cut[keep], ui[keep], km2[keep]


def _parts(geom: BaseGeometry | None) -> NDArray[np.object_]:
    if geom is None or geom.is_empty:
        return np.zeros(0, dtype=object)
    return np.asarray(polygon_parts(geom), dtype=object)


def _pieces_by_transition(before: ParsedDay, after: ParsedDay
                          ) -> tuple[dict[str, BaseGeometry], BaseGeometry, BaseGeometry]:
    """The ground of each transition (:data:`TRANSITIONS`), and the two days' Russian-held
    ground (valid)."""
    gained, lost, ga, gb = _moved(before, after)
    ca, cb = before.contested, after.contested
    out: dict[str, BaseGeometry] = {}
    if ca is None and cb is None:
        out["ukraine -> russia"], out["russia -> ukraine"] = gained, lost
        return out, ga, gb
    empty = shapely.MultiPolygon()
    ca = polygonal_valid(ca) if ca is not None else empty
    cb = polygonal_valid(cb) if cb is not None else empty
    # Held ground wins where classes overlap (as parsed), so a day's grey zone and its
    # Russian-held ground do not overlap, and:
    #   contested -> russia = gained & grey before;  russia -> contested = lost & grey after
    #   ukraine -> contested = (grey after - grey before) - (russia -> contested)
    #   contested -> ukraine = (grey before - grey after) - (contested -> russia)
    c_to_r = shapely.intersection(gained, ca)
    r_to_c = shapely.intersection(lost, cb)
    out["ukraine -> russia"] = shapely.difference(gained, ca)
    out["contested -> russia"] = c_to_r
    out["russia -> ukraine"] = shapely.difference(lost, cb)
    out["russia -> contested"] = r_to_c
    out["ukraine -> contested"] = shapely.difference(shapely.difference(cb, ca), r_to_c)
    out["contested -> ukraine"] = shapely.difference(shapely.difference(ca, cb), c_to_r)
    return out, ga, gb


def moved_km2(before: ParsedDay, after: ParsedDay, index: UnitIndex, *, valid: bool = False
              ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Russian-held km² gained and lost end to end from ``before`` to ``after``, per unit
    of ``index`` (in its order): the areas of ``after - before`` and ``before - after``
    (ground that changed hands and back in between counts in neither). ``valid``: the
    days are known valid (:meth:`~geo.history.ParsedDay.valid`), not checked again."""
    gained, lost, _, _ = _moved(before, after, valid=valid)
    out = []
    for geom in (gained, lost):
        _, ui, km2 = _cut(_parts(geom), index)
        per = np.zeros(len(index))
        np.add.at(per, ui, km2)
        out.append(np.minimum(per, index.area_km2))
    return out[0], out[1]


# ---------------------------------------------------------------- the change
def _pick(history: History, date: dt.date, within_days: int, what: str) -> ParsedDay:
    day = history.nearest(date, within_days=within_days)
    if day is None:
        near = history.nearest(date, within_days=10**6)
        raise FrontlineError(
            f"{what}: expected a date with a mapped day within {within_days} days; got "
            f"{date.isoformat()}, and the history runs {history.dates[0]} to "
            f"{history.dates[-1]}" + (f" (nearest day {near.date})" if near else "")
            + ". Give a date nearer a mapped day, or widen the window (within_days).")
    return day


def change_between(
    history: History,
    units: gpd.GeoDataFrame | UnitIndex,
    start: dt.date,
    end: dt.date,
    *,
    within_days: int = NEAR_DAYS,
    codes: Sequence[str] | None = None,
    cities: gpd.GeoDataFrame | None = None,
) -> Change:
    """The ground that changed hands between the mapped days nearest ``start`` and ``end``.

    Parameters
    ----------
    history : History
        Days of mapped control (:func:`geo.history.read_history`).
    units : GeoDataFrame or UnitIndex
        The unit layer (:func:`geo.boundaries.load_units`), or it prepared.
    start, end : datetime.date
        The two dates; the mapped day nearest each is used (an earlier one wins a tie).
    within_days : int, keyword-only
        How far the mapped day may lie from the date asked for.
    codes : sequence of str, optional, keyword-only
        Units to report (default: Ukraine's units); the ``UA`` total is always there.
    cities : GeoDataFrame, optional, keyword-only
        City points (default :func:`geo.cities.load_cities`).

    Returns
    -------
    Change

    Raises
    ------
    FrontlineError
        No mapped day near a date, ``start`` not before ``end``, both dates on one
        mapped day, a negative ``within_days``, or an unknown unit code.
    """
    if within_days < 0:
        raise FrontlineError(f"within_days: expected a number of days >= 0; got {within_days}.")
    if start >= end:
        raise FrontlineError(f"start: expected a date before end ({end}); got {start}. Swap "
                             "the dates: the change runs from the earlier to the later.")
    history.raise_if_empty()
    before = _pick(history, start, within_days, "start")
    after = _pick(history, end, within_days, "end")
    if before.date >= after.date:
        raise FrontlineError(
            f"start and end: expected two different mapped days; {start} and {end} both "
            f"have {before.date} as their nearest. Give dates farther apart.")
    notes = [f"{what}: asked for {asked}, the nearest mapped day is {day.date} "
             f"({(day.date - asked).days:+d} days)"
             for what, asked, day in (("start", start, before), ("end", end, after))
             if day.date != asked]
    out = change_of_days(before, after, units, codes=codes, cities=cities)
    from dataclasses import replace

    return replace(out, asked_before=start, asked_after=end, notes=(*notes, *out.notes))


def change_from_files(
    inputs: str | Path | Sequence[str | Path],
    units: gpd.GeoDataFrame | UnitIndex,
    start: dt.date,
    end: dt.date,
    *,
    within_days: int = NEAR_DAYS,
    codes: Sequence[str] | None = None,
    cities: gpd.GeoDataFrame | None = None,
    cache: bool = True,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> tuple[Change, History | None]:
    """:func:`change_between` on a history given as files, reading no more than it needs.

    Daily files dated by their names (one a day: an archive's extra snapshots of a day
    are left out as :func:`geo.history.read_history` leaves them): only the files of the
    mapped days nearest ``start`` and ``end`` are parsed. Where that cannot be trusted --
    a file dated otherwise by its features, one that cannot be read, files with no date
    in their names, GeoParquet, a date with no file near it -- the whole history is read
    (:func:`geo.history.read_history`, with ``cache``), so every problem is reported.

    Returns
    -------
    (Change, History or None)
        The change, and the history where it was read whole (None when only the two
        files were).
    """
    quick = _two_days(inputs, start, end, within_days, options)
    if quick is not None:
        return change_between(quick, units, start, end, within_days=within_days, codes=codes,
                              cities=cities), None
    history = read_history(inputs, cache=cache, options=options)
    return change_between(history, units, start, end, within_days=within_days, codes=codes,
                          cities=cities), history


def _two_days(inputs: str | Path | Sequence[str | Path], start: dt.date, end: dt.date,
              within_days: int, options: ReadOptions) -> History | None:
    """A history of the two days nearest ``start`` and ``end``, read from their files
    alone; None where the whole history must be read."""
    if within_days < 0 or start >= end:
        return None
    src = HistorySource.of(inputs, cache=False, options=options)
    dated = [e.name_date for e in src.entries]
    if src.parquet or src.problems or not dated or None in dated \
            or len(set(dated)) != len(dated):
        return None
    by_date = {d: e for d, e in zip(dated, src.entries, strict=True) if d is not None}
    dates = sorted(by_date)
    picks = []
    for when in (start, end):
        i = bisect.bisect_left(dates, when)
        near = min((k for k in (i - 1, i) if 0 <= k < len(dates)),
                   key=lambda k: (abs((dates[k] - when).days), dates[k] > when))
        if abs((dates[near] - when).days) > within_days:
            return None
        picks.append(dates[near])
    if picks[0] >= picks[1]:
        return None
    days = []
    for d in picks:
        parsed, problems, _ = parse_entry(by_date[d])
        if problems or len(parsed) != 1 or parsed[0].date != d or parsed[0].date_note:
            return None
        days.append(parsed[0])
    n = len(dates)
    return History(tuple(days), sources=src.paths, notes=(
        f"read the files of the 2 mapped days nearest the dates asked, of {n:,} files dated "
        "by their names (the days between are not read)",))


def change_of_days(
    before: ParsedDay,
    after: ParsedDay,
    units: gpd.GeoDataFrame | UnitIndex,
    *,
    codes: Sequence[str] | None = None,
    cities: gpd.GeoDataFrame | None = None,
) -> Change:
    """The ground that changed hands from day ``before`` to day ``after`` (see
    :func:`change_between`, which picks the days by date)."""
    index = units if isinstance(units, UnitIndex) else UnitIndex(units)
    wanted = _codes(index, codes)
    ground, ga, gb = _pieces_by_transition(before, after)
    maps_contested = before.contested is not None or after.contested is not None
    notes = []
    if maps_contested and (before.contested is None or after.contested is None):
        none = before if before.contested is None else after
        notes.append(f"{none.date} ({none.source}) maps no contested ground; the other day "
                     "does, so its grey zone reads as changing hands with Ukrainian-held "
                     "ground")
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry] = []
    u = len(index)
    by = {t: np.zeros(u) for t in TRANSITIONS}
    for trans in TRANSITIONS:
        if trans not in ground:
            continue
        cut, ui, km2 = _cut(_parts(ground[trans]), index)
        np.add.at(by[trans], ui, km2)
        src, dst = trans.split(" -> ")
        for i in np.unique(ui):
            code = str(index.codes[i])
            if code not in wanted:
                continue
            mine = ui == i
            parts = [q for g in cut[mine] for q in polygon_parts(g)]
            rows.append({"code": code, "name": str(index.names[i]), "transition": trans,
                         "from_state": src, "to_state": dst,
                         "russia": "gained" if dst == "russia" else
                         "lost" if src == "russia" else "",
                         "area_km2": float(km2[mine].sum()), "parts": len(parts),
                         "from_day": before.date.isoformat(), "to_day": after.date.isoformat()})
            geoms.append(shapely.MultiPolygon(parts))
    order = {c: k for k, c in enumerate(index.codes)}
    frame = gpd.GeoDataFrame(pd.DataFrame(rows, columns=list(CHANGE_COLUMNS)),
                             geometry=geoms, crs="EPSG:4326")
    if len(frame):
        frame = frame.iloc[np.lexsort((frame["transition"].map(TRANSITIONS.index),
                                       frame["code"].map(order)))].reset_index(drop=True)
    totals = _totals(index, wanted, by, (ga, gb), (before.contested, after.contested))
    towns = _cities(index, wanted, (ga, before.contested), (gb, after.contested), cities)
    return Change(frame=frame, totals=totals, cities=towns, before=before.date,
                  after=after.date, asked_before=before.date, asked_after=after.date,
                  before_source=before.source, after_source=after.source,
                  maps_contested=maps_contested, notes=tuple(notes))


def _codes(index: UnitIndex, codes: Sequence[str] | None) -> list[str]:
    if codes is None:
        return [str(c) for c, ua in zip(index.codes, index.is_ukraine, strict=True) if ua]
    known = set(index.codes)
    unknown = [c for c in codes if c not in known]
    if unknown:
        from geo.errors import UnknownUnitError

        raise UnknownUnitError(unknown, argument="codes", known=[str(c) for c in index.codes])
    return list(dict.fromkeys(codes))


def _totals(index: UnitIndex, wanted: list[str], by: dict[str, NDArray[np.float64]],
            held: tuple[BaseGeometry, BaseGeometry],
            grey: tuple[BaseGeometry | None, BaseGeometry | None]) -> pd.DataFrame:
    gained = by["ukraine -> russia"] + by["contested -> russia"]
    lost = by["russia -> ukraine"] + by["russia -> contested"]
    c_gained = by["ukraine -> contested"] + by["russia -> contested"]
    c_lost = by["contested -> ukraine"] + by["contested -> russia"]
    h0, h1 = index.measure(held[0]), index.measure(held[1])
    g0, g1 = (index.measure_parts(g) if g is not None and not g.is_empty
              else np.zeros(len(index)) for g in grey)
    cols = [gained, lost, gained - lost, c_gained, c_lost, h0, h1, g0, g1]
    table = pd.DataFrame(np.column_stack(cols), index=pd.Index(index.codes, name="code"),
                         columns=list(TOTAL_COLUMNS[1:]))
    table.insert(0, "name", index.names)
    ua = table[index.is_ukraine].drop(columns="name").sum()
    out = table.loc[wanted]
    out.loc["UA"] = ["Ukraine", *ua.to_numpy()]
    return out


def _state(x: NDArray[np.float64], y: NDArray[np.float64], held: BaseGeometry,
           grey: BaseGeometry | None) -> NDArray[np.object_]:
    shapely.prepare(held)
    out = np.full(len(x), "ukraine", dtype=object)
    if grey is not None and not grey.is_empty:
        shapely.prepare(grey)
        out[shapely.contains_xy(grey, x, y)] = "contested"
    out[shapely.contains_xy(held, x, y)] = "russia"
    return out


def _cities(index: UnitIndex, wanted: list[str], a: tuple[BaseGeometry, BaseGeometry | None],
            b: tuple[BaseGeometry, BaseGeometry | None],
            cities: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """The cities of the ``wanted`` units whose point is in another state on day ``b``."""
    if cities is None:
        from geo.cities import load_cities

        cities = load_cities()
    mine = cities[cities["code"].isin(wanted)]
    points = mine["point_in_unit"] if "point_in_unit" in mine.columns else mine.geometry
    xy = shapely.get_coordinates(np.asarray(gpd.GeoSeries(points).values))
    s0 = _state(xy[:, 0], xy[:, 1], *a)
    s1 = _state(xy[:, 0], xy[:, 1], *b)
    moved = np.flatnonzero(s0 != s1)
    names = dict(zip(index.codes, index.names, strict=True))
    pick = mine.iloc[moved]
    out = pd.DataFrame({
        "geonameid": pick.index.to_numpy(), "name": pick["name"].to_numpy(),
        "population": pick["population"].to_numpy(), "code": pick["code"].to_numpy(),
        "unit": [names.get(c, c) for c in pick["code"]], "from_state": s0[moved],
        "to_state": s1[moved],
        "is_section": (pick["is_section"].to_numpy(dtype=bool) if "is_section" in pick
                       else np.zeros(len(pick), dtype=bool)),
        "lon": xy[moved, 0], "lat": xy[moved, 1]}, columns=list(CITY_COLUMNS))
    return out.sort_values("population", ascending=False, kind="stable").reset_index(drop=True)
