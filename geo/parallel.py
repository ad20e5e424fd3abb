"""Runs of days measured in parallel worker processes on this machine.

Two ways in, both splitting the days into one run of consecutive days per worker, each
measured by :func:`geo.increment.measure_chunk` (areas km² on the WGS84 ellipsoid,
coordinates EPSG:4326):

* :func:`measure_days` measures a parsed :class:`~geo.history.History`;
* :func:`read_and_measure` reads and measures daily files in one pass: each worker
  parses its own run of files, then measures them, so parsing is parallel too and a
  day is measured in the process that parsed it; the parsed days come back once, packed
  in a few flat arrays, for the :class:`~geo.history.History`. The workers count the
  vertices they read together and stop, before measuring, once the history passes
  :data:`geo.history.model.MAX_HISTORY_VERTICES`.

Workers are forked where the platform allows (they inherit the prepared units and the
inputs: nothing is pickled on the way in), spawned elsewhere. A shared counter carries
progress, day by day, back to the caller.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np

from geo.archive import OpenZips
from geo.errors import HistoryError, Problem
from geo.history import ParsedDay, paused_gc
from geo.history.inputs import Entry, parse_entry
from geo.history.model import VertexBudget, pack_days, unpack_days
from geo.history.read import process_context
from geo.increment import measure_chunk
from geo.measure import UnitIndex

__all__ = ["measure_days", "read_and_measure", "spans", "OnePass", "MIN_DAYS_PER_WORKER"]

#: Fewer days than this a worker are measured in this process (a worker's start-up and
#: its first day, measured in full, would cost more than they save).
MIN_DAYS_PER_WORKER = 40

# What worker processes work on: set before the pool forks (inherited, not pickled), or
# by the initializer where processes are spawned.
_WORK: dict[str, Any] = {}


def _init_worker(state: dict[str, Any] | None) -> None:
    if state is not None:
        units = state.pop("units", None)
        if units is not None:
            state["index"] = UnitIndex(units)
        _WORK.update(state)


def _tick() -> None:
    counter = _WORK.get("counter")
    if counter is not None:
        with counter.get_lock():
            counter.value += 1


def spans(n: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` runs ``(start, end)`` covering ``range(n)`` as evenly as can be."""
    edges = np.linspace(0, n, parts + 1).round().astype(int)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True) if b > a]


def _pool(parts: int, state: dict[str, Any], units: gpd.GeoDataFrame,
          task: Callable[..., dict[str, Any]], jobs: Sequence[tuple[Any, ...]],
          progress: Callable[[int], None] | None) -> list[dict[str, Any]]:
    """Run ``task(*job)`` for every job in ``parts`` processes; results in job order."""
    ctx = process_context()
    fork = ctx.get_start_method() == "fork"
    counter = ctx.Value("q", 0)
    state = {**state, "counter": counter, "vertices": ctx.Value("q", 0)}
    _WORK.update(state)  # forked workers inherit it
    try:
        with ProcessPoolExecutor(max_workers=parts, mp_context=ctx, initializer=_init_worker,
                                 initargs=(None,) if fork else
                                 ({**state, "index": None, "units": units},)) as pool:
            futures: list[Future[dict[str, Any]]] = [pool.submit(task, *job) for job in jobs]
            shown = 0
            pending: set[Future[dict[str, Any]]] = set(futures)
            while pending:
                _, pending = wait(pending, timeout=0.1, return_when=FIRST_EXCEPTION)
                if progress is not None and counter.value > shown:
                    progress(counter.value - shown)
                    shown = counter.value
                if any(f.done() and f.exception() is not None for f in futures):
                    break
            return [f.result() for f in futures]
    finally:
        _WORK.clear()


# ---------------------------------------------------------------- a parsed history
def _measure_span(start: int, end: int, every: int) -> dict[str, Any]:
    days = _WORK["days"]
    with paused_gc():
        return measure_chunk(days[start:end], _WORK["index"],
                             before=days[start - 1] if start > 0 else None,
                             keyframe_every=every, tick=_tick)


def measure_days(days: Sequence[ParsedDay], index: UnitIndex, units: gpd.GeoDataFrame, *,
                 workers: int, keyframe_every: int,
                 progress: Callable[[int], None] | None = None) -> list[dict[str, Any]]:
    """:func:`geo.increment.measure_chunk` results for ``days``, one per run of days.

    Parameters
    ----------
    days : sequence of ParsedDay
        Consecutive days, oldest first.
    index : UnitIndex
        The units prepared (inherited by forked workers).
    units : GeoDataFrame
        The unit layer (sent to spawned workers, which prepare their own index).
    workers : int
        Processes at most (one run of days each); with too few days, none.
    keyframe_every : int
        Measure a day in full at least this often.
    progress : callable, optional
        Called with the number of days measured since the last call.
    """
    parts = max(1, min(workers, len(days) // MIN_DAYS_PER_WORKER))
    runs = spans(len(days), parts)
    if parts <= 1:
        with paused_gc():
            tick = (lambda: progress(1)) if progress else None
            return [measure_chunk(days, index, keyframe_every=keyframe_every, tick=tick)]
    return _pool(parts, {"index": index, "days": days}, units, _measure_span,
                 [(a, b, keyframe_every) for a, b in runs], progress)


# ---------------------------------------------------------------- files, in one pass
@dataclass
class OnePass:
    """What :func:`read_and_measure` gives back.

    Attributes
    ----------
    days : list of ParsedDay
        Every day read, oldest first (as parsed: repairs are made for measuring only).
    problems : list of Problem
        Every file that could not be used, with what is wrong.
    digests : dict of int to bytes
        SHA-256 digests of the files read (by position in the entries), for the cache key.
    results : list of dict
        :func:`geo.increment.measure_chunk` results, one per run of days.
    seconds : float
        Wall time of the pass.
    """

    days: list[ParsedDay]
    problems: list[Problem]
    digests: dict[int, bytes]
    results: list[dict[str, Any]]
    seconds: float


def _parsed(entries: Sequence[Entry], start: int, end: int, digest: bool,
            problems: list[Problem], digests: dict[int, bytes], days: list[ParsedDay],
            zips: OpenZips, budget: VertexBudget) -> Iterator[ParsedDay]:
    """The days of ``entries[start:end]`` parsed one by one (problems and digests noted),
    up to the first day past the vertex ``budget``."""
    for i in range(start, end):
        parsed, probs, key = parse_entry(entries[i], digest=digest, zips=zips)
        problems += probs
        if key is not None:
            digests[i] = key
        if not budget.add(parsed):
            return  # the caller refuses the history
        for day in parsed:
            days.append(day)
            yield day


def _day_before(entries: Sequence[Entry], start: int, zips: OpenZips) -> ParsedDay | None:
    """The last readable day before ``entries[start]``."""
    for i in range(start - 1, -1, -1):
        parsed, _, _ = parse_entry(entries[i], zips=zips)
        if parsed:
            return parsed[-1]
    return None


def _read_and_measure_span(start: int, end: int, every: int, digest: bool) -> dict[str, Any]:
    entries = _WORK["entries"]
    problems: list[Problem] = []
    digests: dict[int, bytes] = {}
    days: list[ParsedDay] = []
    budget = VertexBudget(shared=_WORK.get("vertices"))  # every worker's days together
    with paused_gc(), OpenZips() as zips:
        before = _day_before(entries, start, zips)
        # the run parsed whole first (its days are kept for the pack either way), so a
        # history past the vertex budget stops before any of its days is measured
        parsed = list(_parsed(entries, start, end, digest, problems, digests, days, zips,
                              budget))
        stopped = budget.past != "" or budget.elsewhere
        out = None if stopped else measure_chunk(parsed, _WORK["index"], before=before,
                                                 keyframe_every=every, tick=_tick)
        return {"measure": out, "pack": pack_days([] if stopped else days),
                "digests": digests,
                "problems": [(p.where, p.field, p.message) for p in problems],
                "past": budget.past, "stopped": stopped, "files": budget.files}


def read_and_measure(entries: Sequence[Entry], index: UnitIndex, units: gpd.GeoDataFrame, *,
                     workers: int, keyframe_every: int, digest: bool,
                     progress: Callable[[int], None] | None = None) -> OnePass:
    """Parse and measure daily files in one pass, a run of files per worker process.

    Parameters
    ----------
    entries : sequence of Entry
        One daily GeoJSON each, dated by its name, in date order with no date twice (the
        caller checks: :func:`geo.series.series_from_files`).
    index : UnitIndex
        The units prepared (inherited by forked workers).
    units : GeoDataFrame
        The unit layer (for spawned workers).
    workers : int
        Processes (one run of files each).
    keyframe_every : int
        Measure a day in full at least this often.
    digest : bool
        Take each file's digest while it is read (when the cache key is not known yet).
    progress : callable, optional
        Called with the number of days read and measured since the last call.

    Raises
    ------
    HistoryError
        The days read pass the vertex budget (each worker stops at its first day past
        it: :class:`~geo.history.model.VertexBudget`).
    """
    t0 = time.perf_counter()
    parts = max(1, min(workers, len(entries) // MIN_DAYS_PER_WORKER))
    jobs = [(a, b, keyframe_every, digest) for a, b in spans(len(entries), parts)]
    got = _pool(parts, {"index": index, "entries": entries}, units, _read_and_measure_span,
                jobs, progress)
    days = [d for g in got for d in unpack_days(g["pack"])]
    problems = [Problem(*p) for g in got for p in g["problems"]]
    budget = VertexBudget()
    if not budget.add(days) or any(g["stopped"] for g in got):
        budget.past = next((g["past"] for g in got if g["past"]), budget.past)
        budget.files = sum(g["files"] for g in got)
        raise HistoryError([*problems, budget.problem()], what="history")
    digests = {i: k for g in got for i, k in g["digests"].items()}
    return OnePass(days, problems, digests, [g["measure"] for g in got],
                   time.perf_counter() - t0)
