"""What a history is read from: files, zip members and GeoParquet files, by name.

:func:`history_inputs` turns the paths a user gives (folders, zips, files) into
:class:`Entry` items -- one daily GeoJSON each, dated by its name where it is
``*_YYYYMMDD`` or ``*_YYYY-MM-DD`` -- plus GeoParquet files and the problems of the
paths themselves (missing, empty, unreadable).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.control import date_from_name
from geo.errors import Problem
from geo.history.model import ParsedDay
from geo.history.parse import parse_geojson

__all__ = ["HISTORY_SUFFIXES", "MAX_FILE_BYTES", "Entry", "history_inputs", "parse_entry"]

#: File name endings read as daily GeoJSON files.
HISTORY_SUFFIXES: tuple[str, ...] = (".geojson", ".json", ".geojson.gz", ".json.gz")

#: Largest single file read, bytes (200 MiB).
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One readable item: a file, or a member of a zip."""

    source: str
    path: Path
    member: str | None = None

    @property
    def name_date(self) -> dt.date | None:
        """The date in the item's name (``*_YYYYMMDD``, ``*_YYYY-MM-DD``), if any."""
        return date_from_name(self.source)

    def stored(self) -> bytes:
        """The item's bytes as stored (a zip member unzipped, a ``.gz`` still packed)."""
        if self.member is None:
            from geo.safeio import read_user_file

            return read_user_file(self.path, max_bytes=MAX_FILE_BYTES, what="GeoJSON file",
                                  error=ValueError)
        with zipfile.ZipFile(self.path) as zf:
            info = zf.getinfo(self.member)
            if info.file_size > MAX_FILE_BYTES:
                raise ValueError(f"{info.file_size / 2**20:,.0f} MiB unpacked; the limit "
                                 f"is {MAX_FILE_BYTES / 2**20:,.0f} MiB")
            return zf.read(self.member)

    def unpack(self, raw: bytes) -> bytes:
        """``raw`` gunzipped where the name ends in ``.gz``."""
        if not self.source.endswith(".gz"):
            return raw
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
            out = gz.read(MAX_FILE_BYTES + 1)
        if len(out) > MAX_FILE_BYTES:
            raise ValueError(f"more than {MAX_FILE_BYTES / 2**20:,.0f} MiB unpacked")
        return out

    def read(self) -> bytes:
        """The GeoJSON text's bytes."""
        return self.unpack(self.stored())


def _is_layer_name(name: str) -> bool:
    return name.lower().endswith(HISTORY_SUFFIXES) and not Path(name).name.startswith(".")


def history_inputs(inputs: Sequence[str | Path]) -> tuple[list[Entry], list[Path], list[Problem]]:
    """Readable items (files, zip members), GeoParquet files, and input problems."""
    entries: list[Entry] = []
    parquet: list[Path] = []
    problems: list[Problem] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and _is_layer_name(f.name))
            if not files:
                problems.append(Problem(str(p), "", "the folder holds no *.geojson (or "
                                        ".geojson.gz) files"))
            entries += [Entry(f.name, f) for f in files]
        elif not p.exists():
            problems.append(Problem(str(p), "", "no such file or folder"))
        elif not p.is_file():  # a FIFO or a device would block or never end
            problems.append(Problem(str(p), "", "not a regular file (a FIFO, a device or a "
                                    "socket); save the layers to files first"))
        elif p.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(p) as zf:
                    names = sorted(n for n in zf.namelist() if _is_layer_name(n))
            except zipfile.BadZipFile:
                problems.append(Problem(str(p), "", "not a readable zip file"))
                continue
            if not names:
                problems.append(Problem(str(p), "", "the zip holds no *.geojson files"))
            entries += [Entry(f"{p.name}:{n}", p, n) for n in names]
        elif p.suffix.lower() in (".parquet", ".geoparquet"):
            parquet.append(p)
        elif _is_layer_name(p.name):
            entries.append(Entry(p.name, p))
        else:
            problems.append(Problem(str(p), "", "expected a folder, a .zip, a .geojson(.gz) "
                                    "or a .parquet file"))
    return entries, parquet, problems


def parse_entry(entry: Entry, *, digest: bool = False
                ) -> tuple[list[ParsedDay], list[Problem], bytes | None]:
    """The days and problems of one item, and (with ``digest``, for a file that is not a
    zip member) the SHA-256 digest of its stored bytes, as the cache key uses it."""
    try:
        stored = entry.stored()
        raw = entry.unpack(stored)
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        return [], [Problem(entry.source, "", f"cannot be read ({exc})")], None
    key = hashlib.sha256(stored).digest() if digest and entry.member is None else None
    days, problems = parse_geojson(raw, entry.source, date=entry.name_date)
    return days, problems, key
