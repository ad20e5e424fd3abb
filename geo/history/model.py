"""A history of mapped control: days as ragged MultiPolygon arrays, sorted, with problems.

:class:`ParsedDay` holds one day's layer as shapely's ragged-array layout (coordinates,
ring offsets, polygon offsets), cheap to keep, cache and send between processes;
:class:`History` holds the days, oldest first, with every file or day that could not be
used. Coordinates are EPSG:4326 lon/lat degrees.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from geo.errors import HistoryError, Problem
from geo.repair import polygon_parts, polygonal_valid

__all__ = ["ParsedDay", "History", "ragged_arrays", "iter_days", "pack_days", "unpack_days",
           "MAX_HISTORY_VERTICES", "VertexBudget"]

#: Most vertices a history may hold over all its days (held, contested and Ukrainian-held
#: ground together): 800 MB of coordinates. The public archives hold a few tens of
#: millions; a day may hold :data:`geo.control.MAX_VERTICES`.
MAX_HISTORY_VERTICES = 50_000_000


@dataclass(frozen=True)
class ParsedDay:
    """One day of mapped control as ragged MultiPolygon arrays (EPSG:4326).

    Attributes
    ----------
    date : datetime.date
        The day.
    source : str
        Where it came from (``file.geojson`` or ``archive.zip:member``).
    coords : ndarray, shape (n, 2)
        Every vertex, lon/lat.
    ring_offsets, polygon_offsets : ndarray of int64
        Ring starts in ``coords`` and polygon starts in the rings (shapely's ragged
        array layout).
    notes : tuple of str
        What was repaired or ignored.
    others : tuple of (str, bytes)
        Ground of the other states the day maps (``"ukraine"``, ``"contested"``) as
        ``(state, WKB of a MultiPolygon)``; empty for a single-class day.
    date_note : str
        Where the file's name and its features disagree on the date (the features'
        dates are used: :func:`geo.control.read_dates`), or "".
    """

    date: dt.date
    source: str
    coords: NDArray[np.float64]
    ring_offsets: NDArray[np.int64]
    polygon_offsets: NDArray[np.int64]
    notes: tuple[str, ...] = ()
    others: tuple[tuple[str, bytes], ...] = ()
    date_note: str = ""

    def other(self, state: str) -> BaseGeometry | None:
        """Ground of ``state`` (``"ukraine"`` or ``"contested"``), None when not mapped.

        Contested ground is kept ready (the series measures it every day); Ukrainian-held
        ground is kept as read and made here: repaired, less the Russian-held and
        contested ground (held ground wins where classes overlap, as in
        :func:`geo.control.load_control`)."""
        wkb = dict(self.others).get(state)
        if wkb is None:
            return None
        if state != "ukraine":
            return shapely.from_wkb(wkb)
        return self._ukraine(self.valid().geometry)

    def _ukraine(self, held: BaseGeometry) -> BaseGeometry | None:
        """Ukrainian-held ground less ``held`` (the day's valid Russian-held ground) and
        the contested ground."""
        wkb = dict(self.others).get("ukraine")
        if wkb is None:
            return None
        ground = polygonal_valid(shapely.from_wkb(wkb))
        for taken in (held, self.contested):
            if taken is not None and not taken.is_empty:
                ground = shapely.difference(ground, taken)
        return shapely.MultiPolygon(polygon_parts(ground))

    @property
    def contested(self) -> BaseGeometry | None:
        """The day's contested ground (grey zone), None when the day maps none."""
        return self.other("contested")

    def control(self) -> Any:
        """The day as a :class:`~geo.control.ControlLayer` (repaired): Russian-held
        ground, and Ukrainian-held and contested ground where the day maps them -- what
        :func:`geo.control.load_control` gives for the same file."""
        from geo.control import control_from_geometry

        held = self.valid().geometry
        layer = control_from_geometry(held, name=self.source, date=self.date)
        ukraine, contested = self._ukraine(held), self.contested
        if ukraine is None and contested is None:
            return layer
        from dataclasses import replace

        from geo.memo import digest

        sides = dict(layer.sides)
        if ukraine is not None and not ukraine.is_empty:
            sides["ukraine"] = ukraine
        return replace(layer, sides=sides, contested=contested,
                       digest=digest(layer.digest, self.others))

    @property
    def n_vertices(self) -> int:
        """Vertices of the layer."""
        return int(len(self.coords))

    @property
    def all_vertices(self) -> int:
        """Vertices of every ground the day maps (held, and the others' WKB at 16 bytes a
        vertex): what the day weighs against :data:`MAX_HISTORY_VERTICES`."""
        return int(len(self.coords)) + sum(len(w) for _, w in self.others) // 16

    @property
    def geometry(self) -> BaseGeometry:
        """The layer as one shapely MultiPolygon (as read: see :meth:`valid`)."""
        return _from_ragged(self.coords, self.ring_offsets, self.polygon_offsets)

    def valid(self) -> ParsedDay:
        """This day with its geometry valid: itself, or repaired with ``make_valid`` and a
        note saying what was wrong."""
        geom = self.geometry
        if geom.is_valid:
            return self
        reason = shapely.is_valid_reason(geom)
        coords, rings, polys = ragged_arrays(polygonal_valid(geom))
        return ParsedDay(self.date, self.source, coords, rings, polys,
                         (*self.notes, f"repaired with make_valid: {reason}"), self.others,
                         self.date_note)


def _from_ragged(coords: NDArray[np.float64], rings: NDArray[np.int64],
                 polys: NDArray[np.int64]) -> BaseGeometry:
    if not len(coords):
        return shapely.MultiPolygon()
    geoms = shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, coords,
                                      (rings, polys, np.array([0, len(polys) - 1])))
    return geoms[0]


def ragged_arrays(geom: BaseGeometry) -> tuple[NDArray[np.float64], NDArray[np.int64],
                                               NDArray[np.int64]]:
    """The polygons of ``geom`` as (coords, ring offsets, polygon offsets) arrays."""
    polys = polygon_parts(geom)
    mp = shapely.MultiPolygon(polys)
    _, coords, (rings, polyoff, _) = shapely.to_ragged_array([mp])
    return (np.ascontiguousarray(coords, dtype=np.float64), np.asarray(rings, dtype=np.int64),
            np.asarray(polyoff, dtype=np.int64))


@dataclass(frozen=True)
class History:
    """Days of mapped control, sorted, with everything that could not be read.

    Attributes
    ----------
    days : tuple of ParsedDay
        One per date, oldest first.
    problems : tuple of Problem
        Files, features or days that could not be used, each with what is wrong.
    sources : tuple of str
        The inputs read.
    digest : str
        Content digest of the inputs (the key of the cache and of results).
    from_cache : bool
        Whether the parsed days came from the cache.
    """

    days: tuple[ParsedDay, ...]
    problems: tuple[Problem, ...] = ()
    sources: tuple[str, ...] = ()
    digest: str = ""
    from_cache: bool = False
    notes: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.days)

    @property
    def dates(self) -> list[dt.date]:
        """The dates, oldest first."""
        return [d.date for d in self.days]

    @property
    def maps_contested(self) -> bool:
        """Whether any day maps contested ground (a grey zone)."""
        return any(st == "contested" for d in self.days for st, _ in d.others)

    def gaps(self) -> list[tuple[dt.date, dt.date]]:
        """Runs of missing days between the first and last date: (first missing, last)."""
        out = []
        for a, b in itertools.pairwise(self.dates):
            if (b - a).days > 1:
                out.append((a + dt.timedelta(days=1), b - dt.timedelta(days=1)))
        return out

    def gap_text(self) -> str:
        """The gaps in words: ``2024-07-15 (1 day), 2024-08-02 – 2024-08-03 (2 days)``."""
        parts = []
        for a, b in self.gaps():
            n = (b - a).days + 1
            parts.append(f"{a.isoformat()} ({n} day)" if n == 1 else
                         f"{a.isoformat()} – {b.isoformat()} ({n} days)")
        return ", ".join(parts)

    def nearest(self, date: dt.date, *, within_days: int) -> ParsedDay | None:
        """The day nearest ``date`` (an earlier one wins a tie) within ``within_days``."""
        if not self.days:
            return None
        best = min(self.days, key=lambda d: (abs((d.date - date).days), d.date > date))
        return best if abs((best.date - date).days) <= within_days else None

    def day(self, date: dt.date) -> ParsedDay:
        """The day ``date`` (:class:`HistoryError` naming the nearest if it is missing)."""
        for d in self.days:
            if d.date == date:
                return d
        near = self.nearest(date, within_days=10**6)
        hint = f"; the nearest is {near.date.isoformat()}" if near else ""
        raise HistoryError([Problem("--date", "", f"no layer for {date.isoformat()}{hint}.")],
                           what="history")

    def raise_if_empty(self) -> None:
        """:class:`HistoryError` listing every problem when no day could be read."""
        if not self.days:
            problems = list(self.problems) or [Problem("history", "", "no daily layer was "
                                                       "found; expected files named "
                                                       "*_YYYYMMDD.geojson, a zip of them, "
                                                       "or a GeoJSON/GeoParquet with dates.")]
            raise HistoryError(problems, what="history")


class VertexBudget:
    """Vertices read so far against :data:`MAX_HISTORY_VERTICES`: reading stops at the
    first day past it, so a history of days each under the per-layer cap cannot add up
    to more memory than the budget (per reading process).

    Parameters
    ----------
    limit : int
        The budget (default :data:`MAX_HISTORY_VERTICES`).
    shared : multiprocessing.Value, optional, keyword-only
        A count shared by the processes reading one history, so each stops as soon as
        all of them together pass the budget.
    """

    def __init__(self, limit: int | None = None, *, shared: Any = None) -> None:
        self.limit = MAX_HISTORY_VERTICES if limit is None else limit
        self.used = 0
        self.files = 0
        self.past: str = ""  # the day that went past the limit
        self.shared = shared  # a multiprocessing Value: the count of every process
        self.elsewhere = False

    def add(self, days: Sequence[ParsedDay]) -> bool:
        """Count the ``days`` of one file; False once the budget is passed (``past``
        names the day)."""
        self.files += 1
        for d in days:
            n = d.all_vertices
            if self.shared is not None:
                with self.shared.get_lock():
                    self.shared.value += n
                    self.used = int(self.shared.value)
            else:
                self.used += n
            if self.used > self.limit and not self.past:
                self.past = d.source
        if self.shared is not None and self.shared.value > self.limit:
            self.elsewhere = True  # passed in another process (or here): stop too
        return not self.past and not self.elsewhere

    def problem(self) -> Problem:
        """The problem of a history past the budget."""
        from geo.archive import size_text

        return Problem("history", "", (
            f"more than {self.limit:,} vertices over its days (passed at {self.past}, "
            f"{self.files:,} file{'s' if self.files != 1 else ''} read); a history may hold at "
            "most "
            f"{self.limit:,} so reading it keeps to about {size_text(self.limit * 16)} of "
            "coordinates. Simplify the layers (e.g. `ogr2ogr -simplify 0.0001`, a few "
            "metres) or read a year at a time"))


def iter_days(history: History) -> Iterator[tuple[dt.date, BaseGeometry]]:
    """``(date, geometry)`` of every day."""
    for d in history.days:
        yield d.date, d.geometry


def pack_days(days: Sequence[ParsedDay]) -> dict[str, NDArray[Any]]:
    """``days`` as a few flat arrays (for the cache and for sending between processes):
    ``coords``, ``n_vertices``, ``rings``, ``polys`` and ``meta`` (JSON bytes: dates,
    sources, notes, ring and polygon counts)."""
    rings = [d.ring_offsets for d in days]
    polys = [d.polygon_offsets for d in days]
    others = [(st, wkb) for d in days for st, wkb in d.others]
    meta = orjson.dumps({
        "dates": [d.date.isoformat() for d in days], "sources": [d.source for d in days],
        "notes": [list(d.notes) for d in days],
        "n_rings": [len(r) for r in rings], "n_polys": [len(p) for p in polys],
        "others": [[[st, len(wkb)] for st, wkb in d.others] for d in days],
        "date_notes": [d.date_note for d in days],
    })
    return {
        "coords": np.concatenate([d.coords for d in days]) if days else np.zeros((0, 2)),
        "n_vertices": np.array([len(d.coords) for d in days], dtype=np.int64),
        "rings": np.concatenate(rings) if rings else np.zeros(0, dtype=np.int64),
        "polys": np.concatenate(polys) if polys else np.zeros(0, dtype=np.int64),
        "meta": np.frombuffer(meta, dtype=np.uint8),
        "others": np.frombuffer(b"".join(w for _, w in others), dtype=np.uint8),
    }


def unpack_days(arrays: Mapping[str, NDArray[Any]]) -> list[ParsedDay]:
    """The days of :func:`pack_days` arrays (views into them, not copies)."""
    meta = orjson.loads(arrays["meta"].tobytes())
    coords, n_v = arrays["coords"], arrays["n_vertices"]
    rings, polys = arrays["rings"], arrays["polys"]
    blob = arrays["others"].tobytes() if "others" in arrays else b""
    days = []
    v = r = q = o = 0
    date_notes = meta.get("date_notes") or [""] * len(meta["dates"])
    for i, date in enumerate(meta["dates"]):
        nv, nr, nq = int(n_v[i]), meta["n_rings"][i], meta["n_polys"][i]
        others = []
        for st, n in meta.get("others", [[]] * len(meta["dates"]))[i]:
            others.append((str(st), blob[o:o + n]))
            o += n
        days.append(ParsedDay(dt.date.fromisoformat(date), meta["sources"][i],
                              coords[v:v + nv], rings[r:r + nr], polys[q:q + nq],
                              tuple(meta["notes"][i]), tuple(others), str(date_notes[i])))
        v, r, q = v + nv, r + nr, q + nq
    return days
