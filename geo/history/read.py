"""Reading a history: every input parsed (in parallel processes when there are many),
merged by date, cached by content (see :mod:`geo.history`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from geo.archive import OpenZips
from geo.errors import HistoryError, Problem
from geo.history.cache import cache_dir, content_digest, load_pack, save_pack
from geo.history.inputs import (
    DEFAULT_OPTIONS,
    Entry,
    ReadOptions,
    history_inputs,
    parse_entry,
)
from geo.history.model import History, ParsedDay, VertexBudget
from geo.history.parse import parse_parquet
from geo.store import prune, touch

__all__ = ["read_history", "HistorySource", "paused_gc", "merge_days", "date_notes",
           "process_context"]

#: Parsing runs in worker processes from this many files on.
_PARALLEL_FROM = 48


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block (and restored).

    Parsing creates millions of short-lived lists of floats and no reference cycles; the
    collector scanning them doubled the parse time (1.3 ms a file instead of 0.6).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()

_Parsed = tuple[list[ParsedDay], list[Problem], bytes | None]


#: In a parsing worker: the count of vertices every worker has read (set at its start).
_SHARED: dict[str, Any] = {}


def _init_parser(vertices: Any) -> None:
    _SHARED["vertices"] = vertices


def _parse_chunk(entries: list[Entry], digest: bool) -> list[_Parsed]:
    """The entries parsed in order (each zip opened once), up to the first day past the
    vertex budget (:class:`~geo.history.model.VertexBudget`), counted with every other
    worker's days."""
    budget = VertexBudget(shared=_SHARED.get("vertices"))
    out: list[_Parsed] = []
    with paused_gc(), OpenZips() as zips:
        for e in entries:
            out.append(parse_entry(e, digest=digest, zips=zips))
            if not budget.add(out[-1][0]):
                break
    return out


def _over_budget(results: list[_Parsed], budget: VertexBudget) -> HistoryError:
    return HistoryError([*(p for _, probs, _ in results for p in probs), budget.problem()],
                        what="history")


def _parse_all(entries: list[Entry], *, digest: bool, workers: int | None,
               progress: Callable[[int], None] | None) -> list[_Parsed]:
    """Every entry parsed (in worker processes from :data:`_PARALLEL_FROM` entries), or
    :class:`HistoryError` as soon as the days read pass the vertex budget."""
    n_workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    budget = VertexBudget()
    results: list[_Parsed] = []
    if n_workers <= 1 or len(entries) < _PARALLEL_FROM:
        with paused_gc(), OpenZips() as zips:
            for e in entries:
                results.append(parse_entry(e, digest=digest, zips=zips))
                if not budget.add(results[-1][0]):
                    raise _over_budget(results, budget)
                if progress:
                    progress(1)
        return results
    size = max(8, len(entries) // (n_workers * 4))
    chunks = [entries[i:i + size] for i in range(0, len(entries), size)]
    ctx = process_context()
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx, initializer=_init_parser,
                             initargs=(ctx.Value("q", 0),)) as pool:
        # at most one chunk a worker in flight, taken back in order: the budget stops the
        # reading after the chunks running then, not after every chunk queued
        flight: deque[tuple[Future[list[_Parsed]], int]] = deque(
            (pool.submit(_parse_chunk, c, digest), len(c)) for c in chunks[:n_workers])
        for nxt in range(n_workers, len(chunks) + n_workers):
            future, size = flight.popleft()
            chunk_result = future.result()
            results += chunk_result
            counted = all([budget.add(days) for days, _, _ in chunk_result])
            if not counted or len(chunk_result) < size:  # a worker stopped at the budget
                for f, _ in flight:
                    f.cancel()
                budget.past = budget.past or next(
                    (days[-1].source for days, _, _ in reversed(results) if days), "?")
                raise _over_budget(results, budget)
            if nxt < len(chunks):
                flight.append((pool.submit(_parse_chunk, chunks[nxt], digest),
                               len(chunks[nxt])))
            if progress:
                progress(len(chunk_result))
    return results


def process_context() -> Any:
    """A multiprocessing context: ``fork`` where the platform has it (workers inherit
    what the parent prepared), else ``spawn``."""
    import multiprocessing as mp

    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def _last_of_each_day(entries: list[Entry]) -> tuple[list[Entry], list[str]]:
    """Of items dated by their names (in snapshot order), the last of each day, and a
    note naming the others: an archive that kept several snapshots a day is read once a
    day (the raw exports: 1,359 files over 1,123 days)."""
    last: dict[dt.date, int] = {}
    for i, e in enumerate(entries):
        if e.name_date is not None:
            last[e.name_date] = i
    dropped: dict[dt.date, list[str]] = {}
    keep = []
    for i, e in enumerate(entries):
        d = e.name_date
        if d is not None and last[d] != i:
            dropped.setdefault(d, []).append(e.source)
        else:
            keep.append(e)
    return keep, ([_snapshot_note(dropped, {d: entries[last[d]].source for d in dropped})]
                  if dropped else [])


def _snapshot_note(dropped: dict[dt.date, list[str]], used: dict[dt.date, str]) -> str:
    few = sorted(dropped)[:3]
    return (f"{len(dropped)} day{'s have' if len(dropped) != 1 else ' has'} several "
            "snapshots; the last of each day is used (e.g. " + "; ".join(
                f"{k.isoformat()}: {used[k]}, not {', '.join(dropped[k])}" for k in few)
            + ("; ..." if len(dropped) > 3 else "") + ")")


def date_notes(days: Sequence[ParsedDay]) -> list[str]:
    """One note for the files whose names and features disagree on the date (the
    features' dates are used), naming the first few."""
    noted = {d.source.split("#")[0]: d.date_note for d in days if d.date_note}
    if not noted:
        return []
    few = list(noted.items())[:3]
    return [f"{len(noted)} file{'s are' if len(noted) != 1 else ' is'} dated otherwise by "
            "{} features than by {} name{}; the features' dates are used (".format(
                *(("their", "their", "s") if len(noted) != 1 else ("its", "its", "")))
            + "; ".join(f"{src}: {note}" for src, note in few)
            + ("; ..." if len(noted) > 3 else "") + ")"]


def merge_days(results: Iterable[tuple[Sequence[ParsedDay], Sequence[Problem]]]
               ) -> tuple[list[ParsedDay], list[Problem], list[str]]:
    """Days by date, and notes: where a date has several snapshots (an archive that kept
    several a day, or two inputs holding the same day), the last one (in the order the
    snapshots were given: by time, then name) is used and a note names them."""
    by_date: dict[dt.date, ParsedDay] = {}
    dropped: dict[dt.date, list[str]] = {}
    problems: list[Problem] = []
    for days, probs in results:
        problems += probs
        for d in days:
            if d.date in by_date:
                dropped.setdefault(d.date, []).append(by_date[d.date].source)
            by_date[d.date] = d
    notes = [_snapshot_note(dropped, {k: by_date[k].source for k in dropped})] if dropped else []
    return [by_date[k] for k in sorted(by_date)], problems, notes


@dataclass
class HistorySource:
    """What a history is read from (:func:`geo.history.inputs.history_inputs`), and its
    place in the cache.

    Attributes
    ----------
    paths : tuple of str
        The inputs as given.
    entries : list of Entry
        Daily GeoJSON items, in name order.
    parquet : list of Path
        GeoParquet files.
    problems : list of Problem
        Problems of the paths themselves.
    key : str
        Content digest of every item (computed on demand where ``cache`` is off).
    cache : bool
        Whether the parsed days are kept in and read from :func:`cache_dir`.
    """

    paths: tuple[str, ...]
    entries: list[Entry]
    parquet: list[Path]
    problems: list[Problem]
    key: str = ""
    cache: bool = True
    options: ReadOptions = DEFAULT_OPTIONS
    notes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, inputs: str | Path | Sequence[str | Path], *, cache: bool = True,
           options: ReadOptions = DEFAULT_OPTIONS) -> HistorySource:
        """The items of ``inputs`` in snapshot order (date, time, name); their digest is
        taken now when the cache is on (it names the cache entry), else while parsing."""
        paths = [inputs] if isinstance(inputs, str | Path) else list(inputs)
        entries, parquet, problems = history_inputs(paths, options=options)
        entries.sort(key=lambda e: e.order)
        entries, notes = _last_of_each_day(entries)
        src = cls(tuple(map(str, paths)), entries, parquet, problems, cache=cache,
                  options=options, notes=notes)
        if cache and (entries or parquet):
            src.key = content_digest(entries, parquet, options=options.key)
        return src

    @property
    def n_items(self) -> int:
        """Files (and zip members) to parse."""
        return len(self.entries) + len(self.parquet)

    @property
    def pack(self) -> Path | None:
        """The cache file of this source (None with the cache off)."""
        return cache_dir() / f"{self.key}.npz" if self.cache and self.key else None

    def cached(self) -> History | None:
        """The history from the cache, or None when it is not there (or unreadable)."""
        pack = self.pack
        if pack is None or not pack.exists():
            return None
        try:
            days, probs, notes = load_pack(pack)
        except (OSError, ValueError, KeyError, orjson.JSONDecodeError):
            return None
        touch(pack)
        return History(tuple(days), tuple(self.problems + probs), self.paths, self.key,
                       from_cache=True, notes=tuple(notes))

    def history(self, days: Sequence[ParsedDay], problems: Sequence[Problem],
                known: Mapping[int, bytes] | None = None, notes: Sequence[str] = ()
                ) -> History:
        """The history of parsed ``days`` (kept in the cache when it is on); ``known``:
        digests of the entries taken while parsing."""
        if not self.key and (self.entries or self.parquet):
            self.key = content_digest(self.entries, self.parquet, known,
                                      options=self.options.key)
        pack = self.pack
        if pack is not None and days:
            try:
                pack.parent.mkdir(parents=True, exist_ok=True)
                save_pack(pack, days, problems, [*self.notes, *notes])
                prune(pack.parent, pattern="*.npz", keep=pack)
            except OSError:
                pass  # a read-only cache folder only costs speed
        return History(tuple(days), tuple(self.problems) + tuple(problems), self.paths,
                       self.key, notes=tuple(self.notes) + tuple(notes))

    def with_date_notes(self, days: Sequence[ParsedDay]) -> None:
        """Add the note of the files dated otherwise by their features than by their
        names (before :meth:`history`, so the cache keeps it)."""
        self.notes = [*self.notes, *date_notes(days)]


def read_history(
    inputs: str | Path | Sequence[str | Path],
    *,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> History:
    """Read a history of mapped control from folders, zips, dated GeoJSON or GeoParquet.

    Parameters
    ----------
    inputs : path or sequence of paths
        What to read (see the module docstring).
    cache : bool, keyword-only
        Keep the parsed days in :func:`cache_dir`, keyed by the inputs' content, and
        reuse them when the same files are read again.
    workers : int, optional, keyword-only
        Parsing processes (default: up to 4 on a machine with more than one core).
    progress : callable, optional, keyword-only
        Called with the number of files parsed since the last call.
    on_total : callable, optional, keyword-only
        Called once with the number of files to parse.
    options : ReadOptions, keyword-only
        The class choice and date pattern (:class:`geo.history.inputs.ReadOptions`).

    Returns
    -------
    History
        Its ``problems`` list every file, feature or day that could not be used.
    """
    src = HistorySource.of(inputs, cache=cache, options=options)
    hit = src.cached()
    if hit is not None:
        return hit
    if on_total:
        on_total(src.n_items)
    parsed = _parse_all(src.entries, digest=not src.key, workers=workers, progress=progress)
    known = {i: key for i, (_, _, key) in enumerate(parsed) if key is not None}
    results: list[tuple[Sequence[ParsedDay], Sequence[Problem]]] = [
        (days, probs) for days, probs, _ in parsed]
    for p in src.parquet:
        results.append(parse_parquet(p, options=options))
        if progress:
            progress(1)
    days, probs, notes = merge_days(results)
    src.with_date_notes(days)
    return src.history(days, probs, known, notes)
