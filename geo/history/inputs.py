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

from geo.classes import ClassChoice
from geo.control import date_from_name, name_time
from geo.errors import Problem
from geo.formats import LAYER_SUFFIXES
from geo.history.model import ParsedDay
from geo.history.parse import parse_geojson

__all__ = ["HISTORY_SUFFIXES", "MAX_FILE_BYTES", "Entry", "ReadOptions", "DEFAULT_OPTIONS",
           "history_inputs", "parse_entry"]

#: File name endings read as daily layers (GeoJSON, gzipped GeoJSON, and the formats GDAL
#: reads: KML, KMZ, Shapefile, GeoPackage, FlatGeobuf). GeoParquet files are read apart.
HISTORY_SUFFIXES: tuple[str, ...] = tuple(s for s in LAYER_SUFFIXES
                                          if s not in (".parquet", ".geoparquet", ".shp"))


@dataclass(frozen=True)
class ReadOptions:
    """How a history's files are read: the user's class choice and date pattern.

    Attributes
    ----------
    classes : ClassChoice or None
        How to read classes in files of no known schema (:mod:`geo.classes`).
    date_pattern : str or None
        A regular expression finding the date in a file's name
        (:func:`geo.control.date_from_name`).
    """

    classes: ClassChoice | None = None
    date_pattern: str | None = None

    @property
    def key(self) -> str:
        """These options as text for the cache key ("" for the defaults)."""
        if self.classes is None and self.date_pattern is None:
            return ""
        mapping = sorted(self.classes.mapping.items()) if self.classes else None
        return repr((self.classes.field if self.classes else None, mapping, self.date_pattern))


DEFAULT_OPTIONS = ReadOptions()

#: Largest single file read, bytes (200 MiB).
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One readable item: a file, or a member of a zip."""

    source: str
    path: Path
    member: str | None = None
    options: ReadOptions = DEFAULT_OPTIONS

    @property
    def name_date(self) -> dt.date | None:
        """The date in the item's name (``*_YYYYMMDD``, ``*_YYYY-MM-DD``, Unix seconds, or
        the options' date pattern), if any."""
        return date_from_name(self.member or self.source, pattern=self.options.date_pattern)

    @property
    def order(self) -> tuple[dt.date, int, str]:
        """Where the item stands among the snapshots: its date, then its time where the
        name gives one (Unix seconds), then its name."""
        return (self.name_date or dt.date.min, name_time(self.member or self.source) or 0,
                self.source)

    def stored(self) -> bytes:
        """The item's bytes as stored (a zip member unzipped, a ``.gz`` still packed)."""
        if self.member is None or self.member == "":  # a file ("": a zipped Shapefile)
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
        if not self.source.endswith(".gz") or self.member == "":
            return raw
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
            out = gz.read(MAX_FILE_BYTES + 1)
        if len(out) > MAX_FILE_BYTES:
            raise ValueError(f"more than {MAX_FILE_BYTES / 2**20:,.0f} MiB unpacked")
        return out

    def read(self) -> bytes:
        """The GeoJSON text's bytes."""
        return self.unpack(self.stored())


def _is_shapefile_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return any(n.lower().endswith(".shp") for n in zf.namelist())
    except zipfile.BadZipFile:
        return False


def _is_layer_name(name: str) -> bool:
    return name.lower().endswith(HISTORY_SUFFIXES) and not Path(name).name.startswith(".")


def history_inputs(inputs: Sequence[str | Path], *, options: ReadOptions = DEFAULT_OPTIONS
                   ) -> tuple[list[Entry], list[Path], list[Problem]]:
    """Readable items (files, zip members), GeoParquet files, and input problems."""
    entries: list[Entry] = []
    parquet: list[Path] = []
    problems: list[Problem] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and _is_layer_name(f.name))
            if not files:
                problems.append(Problem(str(p), "", "the folder holds no layer files (*."
                                        "geojson, .geojson.gz, .kml, .kmz, .gpkg, .fgb, .shp)"))
            entries += [Entry(f.name, f, None, options) for f in files]
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
            if not names and _is_shapefile_zip(p):  # one day: a zipped Shapefile
                entries.append(Entry(p.name, p, "", options))
                continue
            if not names:
                problems.append(Problem(str(p), "", "the zip holds no layer files (*.geojson, "
                                        ".kml, ...) and no Shapefile"))
            entries += [Entry(f"{p.name}:{n}", p, n, options) for n in names]
        elif p.suffix.lower() in (".parquet", ".geoparquet"):
            parquet.append(p)
        elif _is_layer_name(p.name):
            entries.append(Entry(p.name, p, None, options))
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
    days, problems = parse_geojson(raw, entry.source, date=entry.name_date,
                                   classes=entry.options.classes)
    return days, problems, key
