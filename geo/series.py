"""Control series: the held km² and share of every unit on every day of a history, fast.

:func:`control_series` measures a :class:`~geo.history.History` against the units and
returns a :class:`ControlSeries`: one row per date and unit (and the national total)
with the km² held, the share, and the km² gained and lost since the previous snapshot.
Areas are km² on the WGS84 ellipsoid, equal to a plain per-day ``gpd.overlay`` with
geodesic areas within 0.01 km² per unit and day (a test checks it); shares are percent
of the unit's polygon.

How it is fast: :mod:`geo.increment` measures each day from its change since the day
before; runs of days are measured in parallel processes (:mod:`geo.parallel`) or on a
dask cluster (:mod:`geo.series_dask`); :func:`series_from_files` reads and measures
files in one pass.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import FrontlineError
from geo.history import History, read_history
from geo.history.inputs import DEFAULT_OPTIONS, ReadOptions
from geo.history.read import HistorySource, merge_days
from geo.increment import KEYFRAME_EVERY
from geo.measure import UnitIndex
from geo.parallel import MIN_DAYS_PER_WORKER, measure_days, read_and_measure

__all__ = ["SERIES_COLUMNS", "ENGINES", "ControlSeries", "control_series", "series_from_files"]

#: Columns of :attr:`ControlSeries.table`.
SERIES_COLUMNS: tuple[str, ...] = (
    "date", "code", "name", "side", "controlled_km2", "share_pct", "contested_km2",
    "contested_pct", "gained_km2", "lost_km2", "net_km2", "days_since_previous", "source",
)
#: Engines :func:`control_series` can run on.
ENGINES: tuple[str, ...] = ("local", "dask")


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
        """km² gained, lost and net per unit over the calendar days after ``start`` up to
        ``end`` (a week's gains in one call).

        A snapshot's change since the previous one is spread evenly over the days it
        spans (:func:`geo.pace.daily_flows`): after a 10-day gap, a week gets 7 tenths of
        it, never the whole; the days before the first snapshot count nothing.
        """
        t = self.table
        day = np.asarray(t["date"], dtype="datetime64[D]")
        n = t["days_since_previous"].to_numpy(dtype=float)
        lo = np.datetime64(start, "D") + 1
        hi = np.datetime64(end, "D")
        first = day - (np.nan_to_num(n, nan=1.0).astype(np.int64) - 1)  # first day spanned
        overlap = (np.minimum(day, hi) - np.maximum(first, lo)).astype(np.int64) + 1
        frac = np.clip(overlap, 0, None) / np.where(n > 0, n, 1.0)
        keep = (overlap > 0) & (n > 0)
        cols = ["gained_km2", "lost_km2", "net_km2"]
        span = t.loc[keep, ["code", *cols]]
        span[cols] = span[cols].mul(frac[keep], axis=0)
        out = span.groupby("code")[cols].sum(min_count=1)
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
    total_area = index.ukraine_area_km2
    codes = np.r_[index.codes, ["UA"]].astype(object)
    names = np.r_[index.names, ["Ukraine"]].astype(object)
    areas = np.r_[index.area_km2, [total_area]]
    all_km2 = np.column_stack([km2, km2[:, ua].sum(axis=1)])
    all_gained = np.column_stack([gained, gained[:, ua].sum(axis=1)])
    all_lost = np.column_stack([lost, lost[:, ua].sum(axis=1)])
    step = np.r_[np.nan, np.diff(dates).astype(float)]
    sources = np.asarray([d.source for d in history.days], dtype=object)
    grey = np.concatenate([r["grey"] for r in results])  # measured with the days
    all_grey = np.column_stack([grey, grey[:, ua].sum(axis=1)])
    frame = pd.DataFrame({
        "date": np.repeat([d for d in history.dates], u + 1),
        "code": np.tile(codes, n),
        "name": np.tile(names, n),
        "side": side,
        "controlled_km2": all_km2.ravel(),
        "share_pct": (100.0 * all_km2 / areas).ravel(),
        "contested_km2": all_grey.ravel(),
        "contested_pct": (100.0 * all_grey / areas).ravel(),
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
    _check_options(engine, keyframe_every)
    history.raise_if_empty()
    t0 = time.perf_counter()
    index = index or UnitIndex(units)
    n_workers = _workers(workers)
    if engine == "dask":
        from geo.series_dask import dask_chunks

        results = dask_chunks(history, units, partitions=n_workers, scheduler=scheduler,
                              keyframe_every=keyframe_every)
        if progress:
            progress(len(history))
    else:
        results = measure_days(history.days, index, units, workers=n_workers,
                               keyframe_every=keyframe_every, progress=progress)
    return _series(history, index, results, engine, {"measure_s": time.perf_counter() - t0})


def series_from_files(
    inputs: str | Path | Sequence[str | Path],
    units: gpd.GeoDataFrame,
    *,
    cache: bool = True,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    keyframe_every: int = KEYFRAME_EVERY,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int, str], None] | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> tuple[History, ControlSeries]:
    """Read a history from files and measure it: :func:`geo.history.read_history` then
    :func:`control_series`, in one pass where that pays.

    Daily files dated by their names (a folder, several folders, zips) are read and
    measured in the same worker processes, each a run of files (:mod:`geo.parallel`); a
    cached history, GeoParquet, dated GeoJSON collections, a date given twice, few
    files, one worker or ``engine="dask"`` take the two steps. Results are the same
    either way.

    Parameters
    ----------
    inputs : path or sequence of paths
        What to read (see :mod:`geo.history`).
    units : GeoDataFrame
        The unit layer.
    cache : bool, keyword-only
        Read and keep the parsed days in the cache (:func:`geo.history.cache_dir`).
    engine, workers, scheduler, keyframe_every
        As for :func:`control_series`.
    progress : callable, optional, keyword-only
        Called with the number of days done since the last call (reading, then
        measuring, in two steps; both at once in one pass).
    on_total : callable, optional, keyword-only
        Called with ``(total, what)`` before each step: the number of items and
        ``"reading"``, ``"measuring"`` or ``"reading and measuring"``.
    options : ReadOptions, keyword-only
        The class choice and date pattern the files are read with.

    Returns
    -------
    (History, ControlSeries)
        The days read (with every problem and gap) and their measures.
    """
    _check_options(engine, keyframe_every)
    src = HistorySource.of(inputs, cache=cache, options=options)
    n_workers = _workers(workers)
    history = src.cached()
    entries = src.entries
    dated = [e.name_date for e in entries]
    one_pass = (history is None and engine == "local" and not src.parquet
                and None not in dated and len(set(dated)) == len(dated)
                and min(n_workers, len(entries) // MIN_DAYS_PER_WORKER) > 1)
    if not one_pass:
        if history is None:
            if on_total:
                on_total(src.n_items, "reading")
            history = read_history(inputs, cache=cache, workers=workers, progress=progress,
                                   options=options)
        history.raise_if_empty()
        if on_total:
            on_total(len(history), "measuring")
        return history, control_series(history, units, engine=engine, workers=workers,
                                        scheduler=scheduler, keyframe_every=keyframe_every,
                                        progress=progress)
    if on_total:
        on_total(len(entries), "reading and measuring")
    t0 = time.perf_counter()
    index = UnitIndex(units)
    order = sorted(range(len(entries)), key=lambda i: dated[i])  # type: ignore[arg-type,return-value]
    done = read_and_measure([entries[i] for i in order], index, units, workers=n_workers,
                            keyframe_every=keyframe_every, digest=not src.key,
                            progress=progress)
    known = {order[i]: key for i, key in done.digests.items()}
    if any(d.date_note for d in done.days):  # a file's features date it otherwise than
        # its name (or as several days): the run of days measured is not the history's
        days, probs, notes = merge_days([(done.days, done.problems)])
        src.with_date_notes(days)
        history = src.history(days, probs, known, notes)
        history.raise_if_empty()
        return history, control_series(history, units, engine=engine, workers=workers,
                                        keyframe_every=keyframe_every)
    history = src.history(done.days, done.problems, known)
    history.raise_if_empty()
    return history, _series(history, index, done.results, engine,
                            {"read_and_measure_s": time.perf_counter() - t0})


def _check_options(engine: str, keyframe_every: int) -> None:
    if engine not in ENGINES:
        raise FrontlineError(f"engine: expected one of {', '.join(ENGINES)}; got {engine!r}.")
    if keyframe_every < 1:
        raise FrontlineError(f"keyframe_every: expected at least 1; got {keyframe_every!r}.")


def _workers(workers: int | None) -> int:
    """Worker processes: as asked, else the machine's cores, up to 4."""
    return max(1, workers if workers is not None else min(os.cpu_count() or 1, 4))


def _series(history: History, index: UnitIndex, results: list[dict[str, Any]], engine: str,
            timings: dict[str, float]) -> ControlSeries:
    t1 = time.perf_counter()
    table = _table(history, index, results, "russia")
    notes = sorted({(d, n) for r in results for d, n in r["notes"]})
    return ControlSeries(table=table, history_digest=history.digest, engine=engine,
                         timings={**timings, "table_s": time.perf_counter() - t1},
                         full_days=int(sum(int(r["full"].sum()) for r in results)),
                         notes=tuple(f"{d.isoformat()}: {n}" for d, n in notes))
