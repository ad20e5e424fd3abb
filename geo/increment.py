"""The day-to-day engine: measure consecutive days of mapped control from their change.

:func:`measure_chunk` measures a run of consecutive days against the units (a
:class:`~geo.measure.UnitIndex`). Areas are km² on the WGS84 ellipsoid; coordinates
EPSG:4326; pieces are measured in an equal-area (LAEA) projection.

How (per chunk of consecutive days):

1. The chunk's first day (its *keyframe*) is measured in full, as
   :func:`geo.measure.measure_control` does: units the boundary does not cross are
   wholly in or out, the crossed ones are intersected in one vectorized call.
2. Each next day is compared with the one before by its boundary: directed segments
   (as stored, read as a zero-copy view of the vertices) are hashed and sorted, and the
   segments found in one day only are the change -- day to day the front moves by
   slivers while borders and coasts stay the same, vertex for vertex. Every region
   where the two days differ is bounded by changed segments, so it lies inside the box
   of a run of them (boxes that touch are merged). Inside each box the two days are
   clipped and differenced into *gained* and *lost* pieces (small GEOS overlays); one
   bulk spatial query assigns the pieces to units; a piece inside a unit counts whole,
   the others are cut by the unit clipped to the piece's box. Pieces are measured in
   an equal-area projection (for pieces this small, planar equal-area and geodesic
   areas agree to 1e-6).
3. km² held = the previous day's + gained - lost. A day whose boundary changed by more
   than half, and every :data:`KEYFRAME_EVERY` days, is measured in full again.
4. Measuring piece by piece on the plane leaves a small lens where a piece splits a
   long unit edge (the reference's edges are geodesics): its bound is added up per
   unit, and a unit is measured exactly again before it reaches
   :data:`DRIFT_BUDGET_KM2`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from geo.areas import EQUAL_AREA_CRS
from geo.history import ParsedDay
from geo.measure import UnitIndex
from geo.repair import polygon_parts

__all__ = ["KEYFRAME_EVERY", "DRIFT_BUDGET_KM2", "measure_chunk", "boundary", "changed_segments",
           "run_boxes", "merge_boxes", "clip_box"]

#: A day is measured in full again at least this often (bounds rounding drift).
KEYFRAME_EVERY = 365
#: A day whose boundary changed by more than this fraction is measured in full.
_FULL_ABOVE = 0.5
#: A unit is measured exactly once the bound of its accumulated error passes this (km²).
DRIFT_BUDGET_KM2 = 0.004
#: ... or once this much ground (km², gained plus lost) has changed hands in it since it
#: was last measured exactly: on the raw archive's 2022 days the lens bound alone let
#: Kherson drift by 0.034 km² over a few weeks of large changes.
MOVED_BUDGET_KM2 = 25.0
#: tan(50 deg) / (4 x 6,371 km): the lens a moved split point leaves, per km³.
_LENS_PER_KM3 = 4.7e-5
_PAD_DEG = 1e-5


@dataclass
class _Boundary:
    """A day's directed boundary segments, their keys sorted, and where each key's
    segment is.

    ``seg`` row ``i`` is ``(x_i, y_i, x_i+1, y_i+1)``: a zero-copy view of the day's
    vertices, so the row from a ring's last vertex to the next ring's first is no
    segment (``valid`` is False there).
    """

    seg: NDArray[np.float64]
    z: NDArray[np.complex128]  # the vertices as complex numbers (a view), for comparing
    valid: NDArray[np.bool_]
    keys: NDArray[np.uint64]  # sorted, valid segments only
    order: NDArray[np.int64]  # the row of each sorted key


#: Low bits of a segment's packed sort key that carry its row (16M vertices a day).
_ROW_BITS = 24
_HASH = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                  0x27D4EB2F165667C5], dtype=np.uint64)


def boundary(day: ParsedDay) -> _Boundary:
    """The day's boundary segments, hashed (40 bits) and sorted.

    Segments are keyed as stored, direction included: a ring stored the other way round
    the next day only reads as changed everywhere (and is measured in full), never the
    reverse, so no change can hide. Key and row are packed in one 64-bit word, so one
    plain sort orders both.
    """
    c = np.ascontiguousarray(day.coords, dtype=np.float64)
    n = len(c)
    if n >= 1 << _ROW_BITS:
        raise ValueError(f"{day.source}: {n:,} vertices in one day; at most "
                         f"{(1 << _ROW_BITS) - 1:,} can be measured")
    if n < 2:
        return _Boundary(np.zeros((0, 4)), np.zeros(0, np.complex128), np.zeros(0, dtype=bool),
                         np.zeros(0, np.uint64), np.zeros(0, np.int64))
    seg = np.lib.stride_tricks.as_strided(c, shape=(n - 1, 4), strides=(c.strides[0], 8),
                                          writeable=False)
    valid = np.ones(n - 1, dtype=bool)
    valid[day.ring_offsets[1:-1] - 1] = False
    bits = seg.view(np.uint64)
    h = bits[:, 0] * _HASH[0]
    h ^= bits[:, 1] * _HASH[1]
    h ^= bits[:, 2] * _HASH[2]
    h ^= bits[:, 3] * _HASH[3]
    shift = np.uint64(_ROW_BITS)
    packed = np.sort(((h >> shift << shift) | np.arange(n - 1, dtype=np.uint64))[valid])
    rows = (packed & np.uint64((1 << _ROW_BITS) - 1)).astype(np.int64)
    return _Boundary(seg, c.view(np.complex128)[:, 0], valid, packed >> shift, rows)


def changed_segments(cur: _Boundary, prev: _Boundary
                     ) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Rows of segments only in ``cur`` (gained boundary) and only in ``prev`` (lost).

    The sorted keys are searched; a key match is confirmed coordinate by coordinate, so
    a hash collision can never hide a change (at worst it shows one that is not).
    """
    new, old = cur.valid.copy(), prev.valid.copy()
    if not len(cur.keys) or not len(prev.keys):
        return new, old
    sc, sp = cur.keys, prev.keys
    pos = np.minimum(np.searchsorted(sp, sc), len(sp) - 1)
    hit = np.flatnonzero(sp[pos] == sc)
    ic, ip = cur.order[hit], prev.order[pos[hit]]
    same = (cur.z[ic] == prev.z[ip]) & (cur.z[ic + 1] == prev.z[ip + 1])
    new[ic[same]] = False
    old[ip[same]] = False
    return new, old


def run_boxes(bd: _Boundary, changed: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Boxes (minx, miny, maxx, maxy) of runs of consecutive changed segments (a run
    never crosses from one ring to the next: the row between them is no segment)."""
    idx = np.flatnonzero(changed)
    if not len(idx):
        return np.zeros((0, 4))
    starts = np.flatnonzero(np.r_[True, np.diff(idx) != 1])
    s = bd.seg[idx]
    lo_x, hi_x = np.minimum(s[:, 0], s[:, 2]), np.maximum(s[:, 0], s[:, 2])
    lo_y, hi_y = np.minimum(s[:, 1], s[:, 3]), np.maximum(s[:, 1], s[:, 3])
    return np.column_stack([np.minimum.reduceat(lo_x, starts), np.minimum.reduceat(lo_y, starts),
                            np.maximum.reduceat(hi_x, starts), np.maximum.reduceat(hi_y, starts)])


def merge_boxes(boxes: NDArray[np.float64]) -> NDArray[np.float64]:
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


def clip_box(geom: BaseGeometry, box: Sequence[float], *, check: bool = False) -> BaseGeometry:
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
    signs: list[float] = []
    for box in boxes:
        padded = (box[0] - _PAD_DEG, box[1] - _PAD_DEG, box[2] + _PAD_DEG, box[3] + _PAD_DEG)
        a, b = clip_box(cur, padded, check=True), clip_box(prev, padded)
        # the two differences apart: a gained and a lost piece that share an edge would be
        # one polygon of the symmetric difference, with one sign
        for diff, sign in ((shapely.difference(a, b), 1.0), (shapely.difference(b, a), -1.0)):
            parts = polygon_parts(diff)
            pieces += parts
            signs += [sign] * len(parts)
    if not pieces:
        return np.zeros(0, dtype=object), np.zeros(0)
    return np.asarray(pieces, dtype=object), np.asarray(signs)


class _Areas:
    """Planar area in :data:`geo.areas.EQUAL_AREA_CRS` (pieces are small: equals geodesic
    to 1e-6)."""

    def __init__(self) -> None:
        self._t = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)

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
    cut = pieces[pi]
    cross = np.flatnonzero(~inside)
    if len(cross):  # each unit cut to its piece's box first, then one vectorized overlay
        units = np.empty(len(cross), dtype=object)
        units[:] = [clip_box(index.geoms[ui[k]], shapely.bounds(pieces[pi[k]])) for k in cross]
        cut = cut.copy()
        cut[cross] = shapely.intersection(pieces[pi[cross]], units)
    km2 = areas.km2(cut)
    plus = signs[pi] > 0
    np.add.at(gained, ui[plus], km2[plus])
    np.add.at(lost, ui[~plus], km2[~plus])
    # On the ellipsoid, measuring piece by piece splits a unit's edges where the front
    # crosses them, and the geodesics through a split point leave a lens against the
    # edge (~tan(lat)/4R x L² x l): bound what it can add up to, per unit.
    drift = index.edges.lens_bounds(pieces[pi[cross]], ui[cross], _LENS_PER_KM3, len(index))
    return gained, lost, drift


class _Tracker:
    """The running state of a chunk: the previous day, km² held per unit, and the bound
    of the error accumulated per unit since it was last measured exactly."""

    def __init__(self, index: UnitIndex, keyframe_every: int, notes: list[Any]) -> None:
        self.index, self.every, self.notes = index, keyframe_every, notes
        self.areas = _Areas()
        self.prev: tuple[BaseGeometry, _Boundary] | None = None
        self.km2 = np.zeros(len(index))
        self.drift = np.zeros(len(index))
        self.moved = np.zeros(len(index))
        self.since_full = 0
        self.exact = 0

    def start(self, before: ParsedDay) -> None:
        """Begin after ``before`` (measured in full, for the next day's change)."""
        before = before.valid()
        self.prev = (before.geometry, boundary(before))
        self.km2 = self.index.measure(self.prev[0])

    def step(self, day: ParsedDay) -> tuple[NDArray[np.float64], NDArray[np.float64],
                                           NDArray[np.float64], bool, int]:
        """Measure the next day: km² held, gained, lost, whether in full, segments changed."""
        u = len(self.index)
        gained, lost = np.full(u, np.nan), np.full(u, np.nan)
        n_changed = 0
        full = self.prev is None or self.since_full + 1 >= self.every
        if full:
            day = _checked(day, self.notes)
        geom, bd = day.geometry, boundary(day)
        shapely.prepare(geom)
        if self.prev is not None:
            try:
                gained, lost, step_drift, n_changed = _compare(
                    self.index, self.areas, geom, bd, *self.prev)
            except _InvalidDay:
                day = _checked(day, self.notes)
                geom, bd = day.geometry, boundary(day)
                gained, lost, step_drift, n_changed = _compare(
                    self.index, self.areas, geom, bd, *self.prev)
                full = True
            full = full or n_changed > _FULL_ABOVE * (len(bd.keys) + len(self.prev[1].keys))
            if not full:
                self._add(geom, gained, lost, step_drift)
        if full:
            self.km2 = self.index.measure(geom)
            self.drift = np.zeros(u)
            self.moved = np.zeros(u)
            self.since_full = 0
        else:
            self.since_full += 1
        self.prev = (geom, bd)
        return self.km2.copy(), gained, lost, full, n_changed

    def _add(self, geom: BaseGeometry, gained: NDArray[np.float64],
             lost: NDArray[np.float64], step_drift: NDArray[np.float64]) -> None:
        self.km2 = np.clip(self.km2 + gained - lost, 0.0, self.index.area_km2)
        self.drift += step_drift
        self.moved += gained + lost
        exact = np.flatnonzero((self.drift > DRIFT_BUDGET_KM2)
                               | (self.moved > MOVED_BUDGET_KM2))
        if len(exact):  # measure those units exactly before the error could matter
            self.km2[exact] = self.index.measure_units(geom, exact)
            self.drift[exact] = 0.0
            self.moved[exact] = 0.0
            self.exact += len(exact)


def measure_chunk(days: Iterable[ParsedDay], index: UnitIndex, *,
                  before: ParsedDay | None = None,
                  keyframe_every: int = KEYFRAME_EVERY,
                  tick: Callable[[], None] | None = None) -> dict[str, Any]:
    """km² held, gained and lost per unit for consecutive ``days`` (one chunk).

    Validity is established once and kept: each keyframe is checked (and repaired), and a
    later day differs from a valid one only inside the change boxes, whose clipped pieces
    are checked; a day found invalid there is repaired and measured in full.

    Parameters
    ----------
    days : iterable of ParsedDay
        Consecutive days, oldest first (a generator may parse them as they are needed).
    index : UnitIndex
        The units prepared for measuring.
    before : ParsedDay, optional, keyword-only
        The day before the chunk: gained and lost of the chunk's first day are measured
        against it (NaN without one).
    keyframe_every : int, keyword-only
        Measure in full again after this many days.
    tick : callable, optional, keyword-only
        Called after each day (progress).

    Returns
    -------
    dict
        ``km2``, ``gained``, ``lost`` (arrays of days x units), ``full`` (bool per day:
        measured in full), ``changed`` (changed segments per day), ``notes``
        (``(date, note)`` of every repair), ``exact`` (units measured exactly when
        their error bound reached :data:`DRIFT_BUDGET_KM2`) and ``grey`` (contested km²,
        days x units: the grey zone is small, so each day's is measured whole).
    """
    notes: list[tuple[Any, str]] = []
    track = _Tracker(index, keyframe_every, notes)
    if before is not None:
        track.start(before)
    rows = []
    grey = []
    for day in days:
        rows.append(track.step(day))
        contested = day.contested
        grey.append(index.measure_parts(contested) if contested is not None
                    else np.zeros(len(index)))
        if tick is not None:
            tick()
    u = len(index)
    if not rows:
        return {"km2": np.zeros((0, u)), "gained": np.zeros((0, u)), "lost": np.zeros((0, u)),
                "full": np.zeros(0, dtype=bool), "changed": np.zeros(0, dtype=np.int64),
                "notes": notes, "exact": 0, "grey": np.zeros((0, u))}
    km2, gained, lost, full, changed = zip(*rows, strict=True)
    return {"km2": np.vstack(km2), "gained": np.vstack(gained), "lost": np.vstack(lost),
            "full": np.asarray(full, dtype=bool), "changed": np.asarray(changed, np.int64),
            "notes": notes, "exact": track.exact, "grey": np.vstack(grey)}


def _checked(day: ParsedDay, notes: list[tuple[Any, str]]) -> ParsedDay:
    """``day`` made valid; a repair is noted."""
    fixed = day.valid()
    if fixed is not day:
        notes.append((day.date, f"{day.source}: {fixed.notes[-1]}"))
    return fixed


def _compare(index: UnitIndex, areas: _Areas, geom: BaseGeometry, bd: _Boundary,
             prev_geom: BaseGeometry, prev_bd: _Boundary
             ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], int]:
    """Gained and lost km² per unit from the previous day, the error bound the change
    adds per unit, and the segments changed."""
    new, old = changed_segments(bd, prev_bd)
    boxes = merge_boxes(np.concatenate([run_boxes(bd, new), run_boxes(prev_bd, old)]))
    gained, lost, drift = _step(index, areas, geom, prev_geom, boxes)
    return gained, lost, drift, int(new.sum() + old.sum())
