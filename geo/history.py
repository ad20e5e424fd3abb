"""Control histories: many days of mapped control, read fast, every problem reported.

A history is what analysts keep: one layer of mapped (Russian-held) ground a day, often
800+ days. :func:`read_history` reads any of

* a folder of daily files named with their date -- ``*_YYYYMMDD.geojson`` or
  ``*_YYYY-MM-DD.geojson``, also ``.json`` and gzipped ``.geojson.gz``;
* a ``.zip`` of such files;
* one GeoJSON whose features carry a date property (``date``, ``day``, ``as_of`` ...);
* one GeoParquet with a date column;

and several of them at once. Every file is parsed (fast: ``orjson`` and NumPy, in
parallel processes when there are many), checked (lon/lat, finite, in the region,
valid -- repaired with a note) and either becomes a :class:`ParsedDay` or a
:class:`~geo.errors.Problem` naming the file and what is wrong: a day that cannot be
read is reported, never silently dropped. Gaps between the dates are listed. A parsed
history is cached on disk keyed by the content of its files, so a second run starts at
once. Coordinates are EPSG:4326 lon/lat degrees.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import gzip
import hashlib
import io
import itertools
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from geo.control import DATE_KEYS, REGION_BOUNDS, date_from_name, feature_date, parse_date
from geo.errors import HistoryError, Problem

__all__ = [
    "HISTORY_SUFFIXES",
    "ParsedDay",
    "History",
    "read_history",
    "parse_geojson",
    "cache_dir",
    "paused_gc",
    "ragged_arrays",
]

#: File name endings read as daily GeoJSON files.
HISTORY_SUFFIXES: tuple[str, ...] = (".geojson", ".json", ".geojson.gz", ".json.gz")
#: Largest single file read, bytes (200 MiB).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Parsing runs in worker processes from this many files on.
_PARALLEL_FROM = 48
_CACHE_VERSION = "history-v1"


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
    """

    date: dt.date
    source: str
    coords: NDArray[np.float64]
    ring_offsets: NDArray[np.int64]
    polygon_offsets: NDArray[np.int64]
    notes: tuple[str, ...] = ()

    @property
    def n_vertices(self) -> int:
        """Vertices of the layer."""
        return int(len(self.coords))

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
        coords, rings, polys = ragged_arrays(shapely.make_valid(geom))
        return ParsedDay(self.date, self.source, coords, rings, polys,
                         (*self.notes, f"repaired with make_valid: {reason}"))


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
    polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
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


# ---------------------------------------------------------------- parsing one document
def _ring_array(ring: Any) -> NDArray[np.float64]:
    n = len(ring)
    if n and len(ring[0]) != 2:  # 3D positions: keep lon/lat
        return np.asarray([p[:2] for p in ring], dtype=np.float64)
    return np.fromiter(itertools.chain.from_iterable(ring), dtype=np.float64,
                       count=2 * n).reshape(n, 2)


def _polygons_of(geom: Any) -> list[list[NDArray[np.float64]]]:
    """The rings of every polygon of a GeoJSON geometry dict (lines and points: none)."""
    kind = geom.get("type")
    coords = geom.get("coordinates")
    if kind == "Polygon":
        return [[_ring_array(r) for r in coords]]
    if kind == "MultiPolygon":
        return [[_ring_array(r) for r in poly] for poly in coords]
    if kind == "GeometryCollection":
        return [p for g in geom.get("geometries", []) for p in _polygons_of(g)]
    return []


def _check_coords(coords: NDArray[np.float64]) -> str | None:
    if not np.isfinite(coords).all():
        return "coordinates are not all finite numbers"
    lon, lat = coords[:, 0], coords[:, 1]
    if lon.min() < -180 or lon.max() > 180 or lat.min() < -90 or lat.max() > 90:
        return ("coordinates are outside the lon/lat range: the layer looks projected; "
                "reproject it to EPSG:4326")
    w, s, e, n = REGION_BOUNDS
    if lon.max() < w or lon.min() > e or lat.max() < s or lat.min() > n:
        return (f"the polygons lie at lon {lon.min():.2f}..{lon.max():.2f}, lat "
                f"{lat.min():.2f}..{lat.max():.2f}, outside the region; check lon/lat order")
    return None


def _day(date: dt.date, source: str, polygons: list[list[NDArray[np.float64]]]
         ) -> tuple[ParsedDay | None, Problem | None]:
    """A :class:`ParsedDay` from rings, checked and repaired (or the problem)."""
    rings = [r for poly in polygons for r in poly]
    if not rings:
        return None, Problem(source, "", "no polygons; expected a Polygon or MultiPolygon of "
                             "held ground")
    coords = np.concatenate(rings)
    bad = _check_coords(coords)
    if bad:
        return None, Problem(source, "", bad)
    ring_off = np.zeros(len(rings) + 1, dtype=np.int64)
    ring_off[1:] = np.cumsum([len(r) for r in rings])
    poly_off = np.zeros(len(polygons) + 1, dtype=np.int64)
    poly_off[1:] = np.cumsum([len(p) for p in polygons])
    short = [len(r) for r in rings if len(r) < 4]
    if short:
        return None, Problem(source, "", f"a ring has {short[0]} positions; a polygon ring "
                             "needs at least 4 (closed)")
    open_rings = sum(1 for r in rings if not (r[0] == r[-1]).all())
    if open_rings:
        return None, Problem(source, "", f"{open_rings} ring(s) are not closed (the last "
                             "position must repeat the first)")
    # Validity is checked where geometry is computed on (geo.series checks each keyframe
    # and every changed region; ParsedDay.valid() repairs): parsing stays cheap.
    return ParsedDay(date, source, coords, ring_off, poly_off), None


def parse_geojson(raw: bytes, source: str, *, date: dt.date | None = None
                  ) -> tuple[list[ParsedDay], list[Problem]]:
    """The days of one GeoJSON document: one (its features merged) when ``date`` is given
    (from the file name), else one per date its features carry."""
    problems: list[Problem] = []
    try:
        doc = orjson.loads(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw)
    except orjson.JSONDecodeError as exc:
        return [], [Problem(source, "", f"not JSON ({exc}); expected a GeoJSON "
                            "FeatureCollection of held ground")]
    crs = doc.get("crs") if isinstance(doc, dict) else None
    name = ((crs or {}).get("properties") or {}).get("name") if isinstance(crs, dict) else None
    if name and "CRS84" not in str(name) and not str(name).endswith(("4326", "EPSG::4326")):
        return [], [Problem(source, "crs", f"the crs member names {name!r}; a history must be "
                            "EPSG:4326 lon/lat (reproject with `ogr2ogr -t_srs EPSG:4326`)")]
    if not isinstance(doc, dict) or doc.get("type") not in ("FeatureCollection", "Feature",
                                                            "Polygon", "MultiPolygon"):
        return [], [Problem(source, "", "not a GeoJSON FeatureCollection, Feature or "
                            "(Multi)Polygon")]
    feats = (doc.get("features") or [] if doc["type"] == "FeatureCollection"
             else [doc] if doc["type"] == "Feature" else [{"geometry": doc, "properties": {}}])
    by_date: dict[dt.date, list[list[NDArray[np.float64]]]] = {}
    for i, f in enumerate(feats):
        if not isinstance(f, dict) or not isinstance(f.get("geometry"), dict):
            continue
        day = date
        if day is None:
            found = feature_date(f.get("properties") or {})
            if found is None:
                problems.append(Problem(source, f"features[{i}]", "has no date (a property "
                                        f"{' or '.join(DATE_KEYS[:3])} ...) and the file name "
                                        "has none; name files *_YYYYMMDD.geojson"))
                continue
            day = found[1]
        try:
            polys = _polygons_of(f["geometry"])
        except (TypeError, ValueError, IndexError, AttributeError) as exc:
            problems.append(Problem(source, f"features[{i}]", f"malformed geometry ({exc})"))
            continue
        by_date.setdefault(day, []).extend(polys)
    days = []
    for day, polys in sorted(by_date.items()):
        parsed, problem = _day(day, source if date is not None or len(by_date) == 1
                               else f"{source}#{day.isoformat()}", polys)
        if parsed is not None:
            days.append(parsed)
        if problem is not None:
            problems.append(problem)
    if not days and not problems:
        problems.append(Problem(source, "", "no features with polygons"))
    return days, problems


def _parse_parquet(path: Path) -> tuple[list[ParsedDay], list[Problem]]:
    import geopandas as gpd

    source = path.name
    try:
        frame = gpd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - any reader failure is this file's problem
        return [], [Problem(source, "", f"not a readable GeoParquet ({exc})")]
    col = next((c for c in DATE_KEYS if c in frame.columns), None)
    if col is None:
        return [], [Problem(source, "", f"no date column; expected one of {', '.join(DATE_KEYS)}")]
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    days, problems = [], []
    for value, group in frame.groupby(frame[col].astype(str), sort=True):
        day = parse_date(value)
        if day is None:
            problems.append(Problem(source, col, f"{value!r} is not a date"))
            continue
        polys = [[np.asarray(r.coords)[:, :2] for r in (p.exterior, *p.interiors)]
                 for g in group.geometry if g is not None for p in shapely.get_parts(g)
                 if p.geom_type == "Polygon"]
        parsed, problem = _day(day, f"{source}#{day.isoformat()}", polys)
        if parsed is not None:
            days.append(parsed)
        if problem is not None:
            problems.append(problem)
    return days, problems


# ---------------------------------------------------------------- inputs
@dataclass(frozen=True)
class _Entry:
    """One readable item: a file, or a member of a zip."""

    source: str
    path: Path
    member: str | None = None

    def read(self) -> bytes:
        if self.member is None:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ValueError(f"{size / 2**20:,.0f} MiB; the limit is "
                                 f"{MAX_FILE_BYTES / 2**20:,.0f} MiB")
            raw = self.path.read_bytes()
        else:
            with zipfile.ZipFile(self.path) as zf:
                info = zf.getinfo(self.member)
                if info.file_size > MAX_FILE_BYTES:
                    raise ValueError(f"{info.file_size / 2**20:,.0f} MiB unpacked; the limit "
                                     f"is {MAX_FILE_BYTES / 2**20:,.0f} MiB")
                raw = zf.read(self.member)
        if self.source.endswith(".gz"):
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
                raw = gz.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise ValueError(f"more than {MAX_FILE_BYTES / 2**20:,.0f} MiB unpacked")
        return raw


def _is_layer_name(name: str) -> bool:
    return name.lower().endswith(HISTORY_SUFFIXES) and not Path(name).name.startswith(".")


def _entries(inputs: Sequence[str | Path]) -> tuple[list[_Entry], list[Path], list[Problem]]:
    """Readable items (files, zip members), GeoParquet files, and input problems."""
    entries: list[_Entry] = []
    parquet: list[Path] = []
    problems: list[Problem] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and _is_layer_name(f.name))
            if not files:
                problems.append(Problem(str(p), "", "the folder holds no *.geojson (or "
                                        ".geojson.gz) files"))
            entries += [_Entry(f.name, f) for f in files]
        elif not p.exists():
            problems.append(Problem(str(p), "", "no such file or folder"))
        elif p.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(p) as zf:
                    names = sorted(n for n in zf.namelist() if _is_layer_name(n))
            except zipfile.BadZipFile:
                problems.append(Problem(str(p), "", "not a readable zip file"))
                continue
            if not names:
                problems.append(Problem(str(p), "", "the zip holds no *.geojson files"))
            entries += [_Entry(f"{p.name}:{n}", p, n) for n in names]
        elif p.suffix.lower() in (".parquet", ".geoparquet"):
            parquet.append(p)
        elif _is_layer_name(p.name):
            entries.append(_Entry(p.name, p))
        else:
            problems.append(Problem(str(p), "", "expected a folder, a .zip, a .geojson(.gz) "
                                    "or a .parquet file"))
    return entries, parquet, problems


def _parse_entry(entry: _Entry) -> tuple[list[ParsedDay], list[Problem]]:
    try:
        raw = entry.read()
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        return [], [Problem(entry.source, "", f"cannot be read ({exc})")]
    return parse_geojson(raw, entry.source, date=date_from_name(entry.source))


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


def _parse_chunk(entries: list[_Entry]) -> list[tuple[list[ParsedDay], list[Problem]]]:
    with paused_gc():
        return [_parse_entry(e) for e in entries]


def _parse_all(entries: list[_Entry], *, workers: int | None,
               progress: Callable[[int], None] | None
               ) -> list[tuple[list[ParsedDay], list[Problem]]]:
    n_workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if n_workers <= 1 or len(entries) < _PARALLEL_FROM:
        out = []
        with paused_gc():
            for e in entries:
                out.append(_parse_entry(e))
                if progress:
                    progress(1)
        return out
    size = max(8, len(entries) // (n_workers * 4))
    chunks = [entries[i:i + size] for i in range(0, len(entries), size)]
    results: list[tuple[list[ParsedDay], list[Problem]]] = []
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=_context()) as pool:
        for chunk_result in pool.map(_parse_chunk, chunks):
            results += chunk_result
            if progress:
                progress(len(chunk_result))
    return results


def _context() -> Any:
    import multiprocessing as mp

    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


# ---------------------------------------------------------------- cache
def cache_dir() -> Path:
    """Where parsed histories are kept: ``$FRONTLINE_CACHE_DIR`` or ``~/.cache/frontline-atlas``."""
    root = os.environ.get("FRONTLINE_CACHE_DIR")
    return Path(root) if root else Path.home() / ".cache" / "frontline-atlas"


def _digest(entries: list[_Entry], parquet: list[Path]) -> str:
    """Content digest of every input item (names and bytes)."""
    h = hashlib.blake2b(_CACHE_VERSION.encode(), digest_size=20)
    seen_zips: set[Path] = set()
    for e in entries:
        h.update(e.source.encode() + b"\0")
        if e.member is None:
            with open(e.path, "rb") as fh:
                h.update(hashlib.file_digest(fh, "blake2b").digest())
        elif e.path not in seen_zips:
            seen_zips.add(e.path)
            with open(e.path, "rb") as fh:
                h.update(hashlib.file_digest(fh, "blake2b").digest())
    for p in parquet:
        h.update(p.name.encode())
        with open(p, "rb") as fh:
            h.update(hashlib.file_digest(fh, "blake2b").digest())
    return h.hexdigest()


def _save_pack(path: Path, days: Sequence[ParsedDay], problems: Sequence[Problem]) -> None:
    coords = np.concatenate([d.coords for d in days]) if days else np.zeros((0, 2))
    n_v = np.array([len(d.coords) for d in days], dtype=np.int64)
    rings = [d.ring_offsets for d in days]
    polys = [d.polygon_offsets for d in days]
    meta = orjson.dumps({
        "dates": [d.date.isoformat() for d in days], "sources": [d.source for d in days],
        "notes": [list(d.notes) for d in days],
        "n_rings": [len(r) for r in rings], "n_polys": [len(p) for p in polys],
        "problems": [[p.where, p.field, p.message] for p in problems],
    })
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, coords=coords, n_vertices=n_v,
             rings=np.concatenate(rings) if rings else np.zeros(0, dtype=np.int64),
             polys=np.concatenate(polys) if polys else np.zeros(0, dtype=np.int64),
             meta=np.frombuffer(meta, dtype=np.uint8))
    os.replace(tmp, path)


def _load_pack(path: Path) -> tuple[list[ParsedDay], list[Problem]]:
    with np.load(path) as pack:
        meta = orjson.loads(pack["meta"].tobytes())
        coords, n_v = pack["coords"], pack["n_vertices"]
        rings, polys = pack["rings"], pack["polys"]
    days = []
    v = r = q = 0
    for i, date in enumerate(meta["dates"]):
        nv, nr, nq = int(n_v[i]), meta["n_rings"][i], meta["n_polys"][i]
        days.append(ParsedDay(dt.date.fromisoformat(date), meta["sources"][i],
                              coords[v:v + nv], rings[r:r + nr], polys[q:q + nq],
                              tuple(meta["notes"][i])))
        v, r, q = v + nv, r + nr, q + nq
    problems = [Problem(*p) for p in meta["problems"]]
    return days, problems


# ---------------------------------------------------------------- reading
def _merge(results: Iterable[tuple[list[ParsedDay], list[Problem]]]
           ) -> tuple[list[ParsedDay], list[Problem]]:
    """Days by date; a date given twice is a problem (the first source is kept)."""
    by_date: dict[dt.date, ParsedDay] = {}
    problems: list[Problem] = []
    for days, probs in results:
        problems += probs
        for d in days:
            if d.date in by_date:
                problems.append(Problem(d.source, "date", f"{d.date.isoformat()} is also given "
                                        f"by {by_date[d.date].source}; kept that one"))
                continue
            by_date[d.date] = d
    return [by_date[k] for k in sorted(by_date)], problems


def read_history(
    inputs: str | Path | Sequence[str | Path],
    *,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
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

    Returns
    -------
    History
        Its ``problems`` list every file, feature or day that could not be used.
    """
    paths = [inputs] if isinstance(inputs, str | Path) else list(inputs)
    entries, parquet, problems = _entries(paths)
    key = _digest(entries, parquet) if (entries or parquet) else ""
    pack = cache_dir() / f"{key}.npz" if cache and key else None
    if pack is not None and pack.exists():
        try:
            days, probs = _load_pack(pack)
        except (OSError, ValueError, KeyError, orjson.JSONDecodeError):
            pass
        else:
            return History(tuple(days), tuple(problems + probs), tuple(map(str, paths)), key,
                           from_cache=True)
    if on_total:
        on_total(len(entries) + len(parquet))
    results = _parse_all(entries, workers=workers, progress=progress)
    for p in parquet:
        results.append(_parse_parquet(p))
        if progress:
            progress(1)
    days, probs = _merge(results)
    if pack is not None and days:
        try:
            pack.parent.mkdir(parents=True, exist_ok=True)
            _save_pack(pack, days, probs)
        except OSError:
            pass  # a read-only cache folder only costs speed
    return History(tuple(days), tuple(problems + probs), tuple(map(str, paths)), key)


def iter_days(history: History) -> Iterator[tuple[dt.date, BaseGeometry]]:
    """``(date, geometry)`` of every day."""
    for d in history.days:
        yield d.date, d.geometry


__all__ += ["iter_days", "MAX_FILE_BYTES"]

