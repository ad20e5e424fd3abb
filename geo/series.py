"""Control series: the held km² and share of every unit on every day of a history, fast.

:func:`control_series` measures a :class:`~geo.history.History` against the units and
returns a :class:`ControlSeries`: one row per date and unit (and the national total)
with the km² held, the share, and the km² gained and lost since the previous snapshot.
Areas are km² on the WGS84 ellipsoid, equal to a plain per-day ``gpd.overlay`` with
geodesic areas within 0.01 km² per unit and day (a test checks it); shares are percent
of the unit's polygon.

How it is fast (per chunk of consecutive days; chunks run in parallel processes, or on
a dask cluster with ``engine="dask"``):

1. The chunk's first day (its *keyframe*) is measured in full, as
   :func:`geo.measure.measure_control` does: units the boundary does not cross are
   wholly in or out, the crossed ones are intersected in one vectorized call.
2. Each next day is compared with the one before by its boundary: directed segments
   (rings oriented exterior-counter-clockwise) are hashed, and the segments found in
   one day only are the change -- day to day the front moves by slivers while borders
   and coasts stay the same, vertex for vertex. Every region where the two days differ
   is bounded by changed segments, so it lies inside the box of a run of them (boxes
   that touch are merged). Inside each box the two days are clipped and differenced
   into *gained* and *lost* pieces (small GEOS overlays); one bulk spatial query
   assigns the pieces to units; a piece inside a unit counts whole, the others are cut
   by the unit clipped to the piece's box. Pieces are measured in an equal-area
   projection (for pieces this small, planar equal-area and geodesic areas agree to
   1e-6).
3. km² held = the previous day's + gained - lost. A day whose boundary changed by more
   than half, and every :data:`KEYFRAME_EVERY` days, is measured in full again.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from geo.errors import FrontlineError
from geo.history import History, ParsedDay, paused_gc
from geo.measure import UnitIndex

__all__ = [
    "KEYFRAME_EVERY",
    "DRIFT_BUDGET_KM2",
    "SERIES_COLUMNS",
    "ENGINES",
    "ControlSeries",
    "control_series",
    "measure_chunk",
]

#: A day is measured in full again at least this often (bounds rounding drift).
KEYFRAME_EVERY = 365
#: A day whose boundary changed by more than this fraction is measured in full.
_FULL_ABOVE = 0.5
#: A unit is measured exactly once the bound of its accumulated error passes this (km²).
DRIFT_BUDGET_KM2 = 0.004
#: tan(50 deg) / (4 x 6,371 km): the lens a moved split point leaves, per km³.
_LENS_PER_KM3 = 4.7e-5
#: Columns of :attr:`ControlSeries.table`.
SERIES_COLUMNS: tuple[str, ...] = (
    "date", "code", "name", "side", "controlled_km2", "share_pct", "gained_km2", "lost_km2",
    "net_km2", "days_since_previous", "source",
)
#: Engines :func:`control_series` can run on.
ENGINES: tuple[str, ...] = ("local", "dask")
_PAD_DEG = 1e-5
_LAEA = "+proj=laea +lat_0=48.5 +lon_0=31.5 +ellps=WGS84 +units=m +no_defs"


# ---------------------------------------------------------------- one day's boundary
@dataclass
class _Boundary:
    """A day's directed boundary segments (x1, y1, x2, y2), their ring and their keys."""

    seg: NDArray[np.float64]
    ring: NDArray[np.int64]
    keys: NDArray[np.uint64]
    order: NDArray[np.int64]  # argsort of keys


def _boundary(day: ParsedDay) -> _Boundary:
    c, ring_off, poly_off = day.coords, day.ring_offsets, day.polygon_offsets
    n = len(c)
    if n < 2:
        empty = np.zeros((0, 4))
        return _Boundary(empty, np.zeros(0, np.int64), np.zeros(0, np.uint64),
                         np.zeros(0, np.int64))
    valid = np.ones(n - 1, dtype=bool)
    valid[ring_off[1:-1] - 1] = False  # no segment from one ring's end to the next start
    s = np.flatnonzero(valid)
    x1, y1, x2, y2 = c[s, 0], c[s, 1], c[s + 1, 0], c[s + 1, 1]
    ring = np.repeat(np.arange(len(ring_off) - 1), np.diff(ring_off) - 1)
    area2 = np.bincount(ring, weights=x1 * y2 - x2 * y1, minlength=len(ring_off) - 1)
    exterior = np.zeros(len(ring_off) - 1, dtype=bool)
    exterior[poly_off[:-1]] = True
    flip = np.where(exterior, area2 < 0, area2 > 0)[ring]  # exteriors CCW, holes CW
    seg = np.column_stack([np.where(flip, x2, x1), np.where(flip, y2, y1),
                           np.where(flip, x1, x2), np.where(flip, y1, y2)])
    bits = np.ascontiguousarray(seg).view(np.uint64)
    keys = (bits[:, 0] * np.uint64(0x9E3779B97F4A7C15)
            ^ bits[:, 1] * np.uint64(0xC2B2AE3D27D4EB4F)
            ^ bits[:, 2] * np.uint64(0x165667B19E3779F9)
            ^ bits[:, 3] * np.uint64(0x27D4EB2F165667C5))
    return _Boundary(seg, ring, keys, np.argsort(keys, kind="stable"))


def _changes(cur: _Boundary, prev: _Boundary) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Segments only in ``cur`` (gained boundary) and only in ``prev`` (lost boundary).

    Both key arrays are searched sorted; a key match is confirmed coordinate by
    coordinate, so a hash collision can never hide a change.
    """
    new = np.ones(len(cur.keys), dtype=bool)
    old = np.ones(len(prev.keys), dtype=bool)
    if not len(cur.keys) or not len(prev.keys):
        return new, old
    sc, sp = cur.keys[cur.order], prev.keys[prev.order]
    pos = np.minimum(np.searchsorted(sp, sc), len(sp) - 1)
    hit = np.flatnonzero(sp[pos] == sc)
    ic, ip = cur.order[hit], prev.order[pos[hit]]
    same = (cur.seg[ic] == prev.seg[ip]).all(axis=1)
    new[ic[same]] = False
    old[ip[same]] = False
    return new, old


def _runs(bd: _Boundary, changed: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Boxes (minx, miny, maxx, maxy) of runs of consecutive changed segments."""
    idx = np.flatnonzero(changed)
    if not len(idx):
        return np.zeros((0, 4))
    brk = np.r_[True, (np.diff(idx) != 1) | (np.diff(bd.ring[idx]) != 0)]
    starts = np.flatnonzero(brk)
    s = bd.seg[idx]
    lo_x, hi_x = np.minimum(s[:, 0], s[:, 2]), np.maximum(s[:, 0], s[:, 2])
    lo_y, hi_y = np.minimum(s[:, 1], s[:, 3]), np.maximum(s[:, 1], s[:, 3])
    return np.column_stack([np.minimum.reduceat(lo_x, starts), np.minimum.reduceat(lo_y, starts),
                            np.maximum.reduceat(hi_x, starts), np.maximum.reduceat(hi_y, starts)])


def _merge_boxes(boxes: NDArray[np.float64]) -> NDArray[np.float64]:
    """Boxes merged until no two touch (the loops of a changed region chain together)."""
    b = boxes
    while len(b) > 1:
        touch = ((b[:, None, 0] <= b[None, :, 2]) & (b[None, :, 0] <= b[:, None, 2])
                 & (b[:, None, 1] <= b[None, :, 3]) & (b[None, :, 1] <= b[:, None, 3]))
        if int(touch.sum()) == len(b):  # each box touches only itself
            break
        reach = touch.astype(np.int32)
        while True:  # transitive closure by squaring (a few dozen boxes at most)
            nxt = np.minimum(reach @ reach, 1)
            if np.array_equal(nxt, reach):
                break
            reach = nxt
        label = reach.argmax(axis=1)  # the first box of each group
        order = np.argsort(label, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(label[order]) != 0])
        s = b[order]
        b = np.column_stack([np.minimum.reduceat(s[:, 0], starts),
                             np.minimum.reduceat(s[:, 1], starts),
                             np.maximum.reduceat(s[:, 2], starts),
                             np.maximum.reduceat(s[:, 3], starts)])
    return b


class _InvalidDay(Exception):
    """A day's geometry turned out invalid where it changed: repair it, measure in full."""


def _clip(geom: BaseGeometry, box: Sequence[float], *, check: bool = False) -> BaseGeometry:
    """``geom`` cut to ``box`` (fast rectangle clipping, exact overlay as fallback).

    With ``check``, an invalid clip that comes from invalid input (not from the fast
    clipper's own caveats) raises :class:`_InvalidDay`.
    """
    out = shapely.clip_by_rect(geom, *box)
    if out.is_valid:
        return out
    if check and not geom.is_valid:
        raise _InvalidDay
    return shapely.intersection(geom, shapely.box(*box))


def _pieces(cur: BaseGeometry, prev: BaseGeometry, boxes: NDArray[np.float64]
            ) -> tuple[NDArray[np.object_], NDArray[np.float64]]:
    """Gained (+1) and lost (-1) pieces of ground between two days, inside ``boxes``."""
    pieces: list[BaseGeometry] = []
    for box in boxes:
        padded = (box[0] - _PAD_DEG, box[1] - _PAD_DEG, box[2] + _PAD_DEG, box[3] + _PAD_DEG)
        a, b = _clip(cur, padded, check=True), _clip(prev, padded)
        sym = shapely.symmetric_difference(a, b)
        pieces += [p for p in shapely.get_parts(sym) if p.geom_type == "Polygon"
                   and not p.is_empty]
    if not pieces:
        return np.zeros(0, dtype=object), np.zeros(0)
    out = np.asarray(pieces, dtype=object)
    # A piece of the symmetric difference is ground gained if it lies in today's layer.
    inside = shapely.point_on_surface(out)
    gained = shapely.contains_xy(cur, *shapely.get_coordinates(inside).T)
    return out, np.where(gained, 1.0, -1.0)


class _Areas:
    """Planar area in an equal-area projection (pieces are small: equals geodesic to 1e-6)."""

    def __init__(self) -> None:
        self._t = Transformer.from_crs("EPSG:4326", _LAEA, always_xy=True)

    def km2(self, geoms: NDArray[np.object_]) -> NDArray[np.float64]:
        if not len(geoms):
            return np.zeros(0)

        def project(c: NDArray[np.float64]) -> NDArray[np.float64]:
            x, y = self._t.transform(c[:, 0], c[:, 1])
            return np.column_stack([x, y])

        return np.asarray(shapely.area(shapely.transform(geoms, project)), dtype=float) / 1e6


def _step(index: UnitIndex, areas: _Areas, cur: BaseGeometry, prev: BaseGeometry,
          boxes: NDArray[np.float64]
          ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """km² gained and lost per unit from ``prev`` to ``cur`` (changes inside ``boxes``),
    and a bound of the error the change adds to each unit (km², see below)."""
    gained, lost = np.zeros(len(index)), np.zeros(len(index))
    pieces, signs = _pieces(cur, prev, boxes)
    if not len(pieces):
        return gained, lost, np.zeros(len(index))
    pi, ui = index.tree.query(pieces)  # boxes first; the prepared units then decide
    touch = shapely.intersects(index.geoms[ui], pieces[pi])
    pi, ui = pi[touch], ui[touch]
    if not len(pi):
        return gained, lost, np.zeros(len(index))
    inside = shapely.contains_properly(index.geoms[ui], pieces[pi])
    cut = np.asarray(pieces[pi], dtype=object).copy()
    for k in np.flatnonzero(~inside):
        unit = _clip(index.geoms[ui[k]], shapely.bounds(pieces[pi[k]]))
        cut[k] = shapely.intersection(pieces[pi[k]], unit)
    km2 = areas.km2(cut)
    plus = signs[pi] > 0
    np.add.at(gained, ui[plus], km2[plus])
    np.add.at(lost, ui[~plus], km2[~plus])
    # On the ellipsoid, measuring piece by piece splits a unit's edges where the front
    # crosses them, and the geodesics through a split point leave a lens against the
    # edge (~tan(lat)/4R x L² x l): bound what it can add up to, per unit.
    drift = np.zeros(len(index))
    for k in np.flatnonzero(~inside):
        drift[ui[k]] += index.edges[ui[k]].lens_bound(pieces[pi[k]], _LENS_PER_KM3)
    return gained, lost, drift


def measure_chunk(days: Sequence[ParsedDay], index: UnitIndex, *,
                  before: ParsedDay | None = None,
                  keyframe_every: int = KEYFRAME_EVERY) -> dict[str, Any]:
    """km² held, gained and lost per unit for consecutive ``days`` (one chunk).

    Validity is established once and kept: each keyframe is checked (and repaired), and a
    later day differs from a valid one only inside the change boxes, whose clipped pieces
    are checked; a day found invalid there is repaired and measured in full.

    Parameters
    ----------
    days : sequence of ParsedDay
        Consecutive days, oldest first.
    index : UnitIndex
        The units prepared for measuring.
    before : ParsedDay, optional, keyword-only
        The day before the chunk: gained and lost of the chunk's first day are measured
        against it (NaN without one).
    keyframe_every : int, keyword-only
        Measure in full again after this many days.

    Returns
    -------
    dict
        ``km2``, ``gained``, ``lost`` (arrays of days x units), ``full`` (bool per day:
        measured in full), ``changed`` (changed segments per day) and ``notes``
        (``(date, note)`` of every repair).
    """
    n, u = len(days), len(index)
    out: dict[str, Any] = {"km2": np.zeros((n, u)), "gained": np.full((n, u), np.nan),
                           "lost": np.full((n, u), np.nan), "full": np.zeros(n, dtype=bool),
                           "changed": np.zeros(n, dtype=np.int64), "notes": [], "exact": 0}
    if not n:
        return out
    areas = _Areas()
    prev: tuple[BaseGeometry, _Boundary] | None = None
    km2: NDArray[np.float64] | None = None
    if before is not None:
        before = before.valid()
        prev = (before.geometry, _boundary(before))
        km2 = index.measure(prev[0])
    since_full = 0
    drift = np.zeros(u)  # bound of the error accumulated per unit since measured exactly
    for i, day in enumerate(days):
        full = prev is None or km2 is None or since_full + 1 >= keyframe_every
        if full:
            day = _checked(day, out)
        geom, bd = day.geometry, _boundary(day)
        shapely.prepare(geom)
        if prev is not None and km2 is not None:
            try:
                gained, lost, step_drift, n_changed = _compare(index, areas, geom, bd, *prev)
            except _InvalidDay:
                day = _checked(day, out)
                geom, bd = day.geometry, _boundary(day)
                gained, lost, step_drift, n_changed = _compare(index, areas, geom, bd, *prev)
                full = True
            out["gained"][i], out["lost"][i], out["changed"][i] = gained, lost, n_changed
            full = full or n_changed > _FULL_ABOVE * (len(bd.keys) + len(prev[1].keys))
            if not full:
                km2 = np.clip(km2 + gained - lost, 0.0, index.area_km2)
                drift += step_drift
                exact = np.flatnonzero(drift > DRIFT_BUDGET_KM2)
                if len(exact):  # measure those units exactly before the error could matter
                    km2[exact] = index.measure_units(geom, exact)
                    drift[exact] = 0.0
                    out["exact"] += len(exact)
        if full or km2 is None:
            km2 = index.measure(geom)
            drift = np.zeros(u)
            out["full"][i] = True
            since_full = 0
        else:
            since_full += 1
        out["km2"][i] = km2
        prev = (geom, bd)
    return out


def _checked(day: ParsedDay, out: dict[str, Any]) -> ParsedDay:
    """``day`` made valid; a repair is noted."""
    fixed = day.valid()
    if fixed is not day:
        out["notes"].append((day.date, f"{day.source}: {fixed.notes[-1]}"))
    return fixed


def _compare(index: UnitIndex, areas: _Areas, geom: BaseGeometry, bd: _Boundary,
             prev_geom: BaseGeometry, prev_bd: _Boundary
             ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], int]:
    """Gained and lost km² per unit from the previous day, the error bound the change
    adds per unit, and the segments changed."""
    new, old = _changes(bd, prev_bd)
    boxes = _merge_boxes(np.concatenate([_runs(bd, new), _runs(prev_bd, old)]))
    gained, lost, drift = _step(index, areas, geom, prev_geom, boxes)
    return gained, lost, drift, int(new.sum() + old.sum())


# ---------------------------------------------------------------- parallel chunks
# What worker processes work on: set before the pool forks (inherited, not pickled), or
# by the initializer where processes are spawned.
_WORK: dict[str, Any] = {}


def _init_worker(units: gpd.GeoDataFrame | None, days: Sequence[ParsedDay] | None) -> None:
    if units is not None:
        _WORK["index"] = UnitIndex(units)
    if days is not None:
        _WORK["days"] = days


def _run_chunk(args: tuple[int, int, int]) -> dict[str, Any]:
    start, end, every = args
    days = _WORK["days"]
    before = days[start - 1] if start > 0 else None
    with paused_gc():
        return measure_chunk(days[start:end], _WORK["index"], before=before,
                             keyframe_every=every)


def _chunks(n: int, parts: int) -> list[tuple[int, int]]:
    edges = np.linspace(0, n, parts + 1).round().astype(int)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True) if b > a]


def _local(history: History, index: UnitIndex, units: gpd.GeoDataFrame, *, workers: int,
           keyframe_every: int, progress: Callable[[int], None] | None
           ) -> list[dict[str, Any]]:
    days = history.days
    parts = max(1, min(workers, len(days) // 40))
    spans = _chunks(len(days), parts)
    jobs = [(a, b, keyframe_every) for a, b in spans]
    if parts <= 1:
        results = []
        with paused_gc():
            for a, b, every in jobs:
                results.append(measure_chunk(days[a:b], index,
                                             before=days[a - 1] if a else None,
                                             keyframe_every=every))
                if progress:
                    progress(b - a)
        return results
    import multiprocessing as mp

    fork = "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork" if fork else "spawn")
    _WORK.update(index=index, days=days)  # forked workers inherit them
    results = []
    try:
        with ProcessPoolExecutor(max_workers=parts, mp_context=ctx, initializer=_init_worker,
                                 initargs=(None, None) if fork else (units, days)) as pool:
            for (a, b, _), res in zip(jobs, pool.map(_run_chunk, jobs), strict=True):
                results.append(res)
                if progress:
                    progress(b - a)
    finally:
        _WORK.clear()
    return results


# ---------------------------------------------------------------- the result
@dataclass(frozen=True)
class ControlSeries:
    """Held ground of every unit on every day of a history.

    Attributes
    ----------
    table : pandas.DataFrame
        Columns :data:`SERIES_COLUMNS`, one row per date and unit plus a national total
        per date (``code == "UA"``: the 27 Ukrainian units), oldest first. ``gained_km2``
        and ``lost_km2`` are the change since the previous snapshot (NaN on the first
        day), ``net_km2`` their difference.
    side : str
        The side measured (``russia``).
    history_digest : str
        The history measured (its content digest).
    engine : str
        ``local`` or ``dask``.
    timings : dict of str to float
        Seconds spent, by step.
    full_days : int
        Days measured in full (keyframes); the others were measured from the change.
    notes : tuple of str
        Days whose geometry was repaired (``date: file: what``).
    """

    table: pd.DataFrame
    side: str = "russia"
    history_digest: str = ""
    engine: str = "local"
    timings: dict[str, float] = field(default_factory=dict)
    full_days: int = 0
    notes: tuple[str, ...] = ()

    @property
    def dates(self) -> list[dt.date]:
        """The dates measured."""
        return sorted(set(self.table["date"]))

    def wide(self, value: str = "share_pct") -> pd.DataFrame:
        """One column per unit code (and ``UA``), one row per date."""
        return self.table.pivot(index="date", columns="code", values=value)

    def on(self, date: dt.date) -> pd.DataFrame:
        """The rows of one date, indexed by code."""
        return self.table[self.table["date"] == date].set_index("code")

    def change(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """km² gained, lost and net per unit over the snapshots after ``start`` up to
        ``end`` (a week's gains in one call)."""
        t = self.table
        span = t[(t["date"] > start) & (t["date"] <= end)]
        out = span.groupby("code")[["gained_km2", "lost_km2", "net_km2"]].sum(min_count=1)
        names = t.drop_duplicates("code").set_index("code")["name"]
        out.insert(0, "name", names.reindex(out.index))
        return out


def _table(history: History, index: UnitIndex, results: list[dict[str, Any]],
           side: str) -> pd.DataFrame:
    km2 = np.concatenate([r["km2"] for r in results])
    gained = np.concatenate([r["gained"] for r in results])
    lost = np.concatenate([r["lost"] for r in results])
    dates = np.asarray(history.dates, dtype="datetime64[D]")
    n, u = km2.shape
    ua = index.is_ukraine
    total_area = float(index.area_km2[ua].sum())
    codes = np.r_[index.codes, ["UA"]].astype(object)
    names = np.r_[index.names, ["Ukraine"]].astype(object)
    areas = np.r_[index.area_km2, [total_area]]
    all_km2 = np.column_stack([km2, km2[:, ua].sum(axis=1)])
    all_gained = np.column_stack([gained, gained[:, ua].sum(axis=1)])
    all_lost = np.column_stack([lost, lost[:, ua].sum(axis=1)])
    step = np.r_[np.nan, np.diff(dates).astype(float)]
    sources = np.asarray([d.source for d in history.days], dtype=object)
    frame = pd.DataFrame({
        "date": np.repeat([d for d in history.dates], u + 1),
        "code": np.tile(codes, n),
        "name": np.tile(names, n),
        "side": side,
        "controlled_km2": all_km2.ravel(),
        "share_pct": (100.0 * all_km2 / areas).ravel(),
        "gained_km2": all_gained.ravel(),
        "lost_km2": all_lost.ravel(),
        "net_km2": (all_gained - all_lost).ravel(),
        "days_since_previous": np.repeat(step, u + 1),
        "source": np.repeat(sources, u + 1),
    })
    return frame[list(SERIES_COLUMNS)]


def control_series(
    history: History,
    units: gpd.GeoDataFrame,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    index: UnitIndex | None = None,
    keyframe_every: int = KEYFRAME_EVERY,
    progress: Callable[[int], None] | None = None,
) -> ControlSeries:
    """Held km² and share of every unit on every day of ``history`` (see the module doc).

    Parameters
    ----------
    history : History
        Days of mapped (Russian-held) ground (:func:`geo.history.read_history`).
    units : GeoDataFrame
        The unit layer.
    engine : {"local", "dask"}, keyword-only
        ``local``: chunks of days in parallel processes on this machine. ``dask``: the
        same computation on dask-geopandas (``pip install .[scale]``), on a local
        cluster or on ``scheduler``.
    workers : int, optional, keyword-only
        Processes (local) or partitions (dask); default the machine's cores, up to 4.
    scheduler : str, optional, keyword-only
        Address of a dask scheduler (``tcp://host:8786``); default a local cluster.
    index : UnitIndex, optional, keyword-only
        The units prepared for measuring (built when not given).
    keyframe_every : int, keyword-only
        Measure a day in full at least this often.
    progress : callable, optional, keyword-only
        Called with the number of days measured since the last call.
    """
    if engine not in ENGINES:
        raise FrontlineError(f"engine: expected one of {', '.join(ENGINES)}; got {engine!r}.")
    if keyframe_every < 1:
        raise FrontlineError(f"keyframe_every: expected at least 1; got {keyframe_every!r}.")
    history.raise_if_empty()
    t0 = time.perf_counter()
    index = index or UnitIndex(units)
    n_workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if engine == "dask":
        from geo.series_dask import dask_chunks

        results = dask_chunks(history, units, partitions=max(1, n_workers),
                              scheduler=scheduler, keyframe_every=keyframe_every)
        if progress:
            progress(len(history))
    else:
        results = _local(history, index, units, workers=n_workers,
                         keyframe_every=keyframe_every, progress=progress)
    t1 = time.perf_counter()
    table = _table(history, index, results, "russia")
    notes = sorted({(d, n) for r in results for d, n in r["notes"]})
    return ControlSeries(table=table, history_digest=history.digest, engine=engine,
                         timings={"measure_s": t1 - t0, "table_s": time.perf_counter() - t1},
                         full_days=int(sum(int(r["full"].sum()) for r in results)),
                         notes=tuple(f"{d.isoformat()}: {n}" for d, n in notes))
