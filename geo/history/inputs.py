"""What a history is read from: files, zip members and GeoParquet files, by name.

:func:`history_inputs` turns the paths a user gives (folders, zips, files) into
:class:`Entry` items -- one daily GeoJSON each, dated by its name where it is
``*_YYYYMMDD`` or ``*_YYYY-MM-DD`` -- plus GeoParquet files and the problems of the
paths themselves (missing, empty, unreadable).

Within budgets (:mod:`geo.archive`): a history lists at most :data:`MAX_ENTRIES` items
(files and zip members together) that unpack to at most :data:`MAX_UNPACKED_BYTES`
together, each zip is listed once from its central directory, and a member that
declares more than :data:`~geo.archive.MAX_MEMBER_BYTES` or a zip bomb's ratio is
refused unread. Reading many members of a zip goes through :class:`~geo.archive.OpenZips`
(the zip opened once, not once per member).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from geo.archive import (
    MAX_ENTRIES,
    MAX_UNPACKED_BYTES,
    OpenZips,
    gunzip,
    member_problem,
    read_member,
    unpacked_problem,
    zip_members,
)
from geo.classes import ClassChoice
from geo.control import date_from_name, name_time
from geo.errors import ArchiveError, Problem
from geo.formats import LAYER_SUFFIXES
from geo.history.model import ParsedDay
from geo.history.parse import parse_geojson

__all__ = ["HISTORY_SUFFIXES", "MAX_FILE_BYTES", "MAX_ENTRIES", "MAX_UNPACKED_BYTES", "Entry",
           "ReadOptions", "DEFAULT_OPTIONS", "history_inputs", "parse_entry"]

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

    @cached_property  # read for sorting, the snapshots of a day and the one-pass check
    def name_date(self) -> dt.date | None:
        """The date in the item's name (``*_YYYYMMDD``, ``*_YYYY-MM-DD``, Unix seconds, or
        the options' date pattern), if any."""
        return date_from_name(self.member or self.source, pattern=self.options.date_pattern)

    @cached_property
    def order(self) -> tuple[dt.date, int, str]:
        """Where the item stands among the snapshots: its date, then its time where the
        name gives one (Unix seconds), then its name."""
        return (self.name_date or dt.date.min, name_time(self.member or self.source) or 0,
                self.source)

    def stored(self, zips: OpenZips | None = None) -> bytes:
        """The item's bytes as stored (a zip member unpacked, a ``.gz`` still packed),
        within the budgets of :mod:`geo.archive`; ``zips`` keeps the zip open for the
        next member (else it is opened for this one)."""
        if self.member is None or self.member == "":  # a file ("": a zipped Shapefile)
            from geo.safeio import read_user_file

            return read_user_file(self.path, max_bytes=MAX_FILE_BYTES, what="GeoJSON file",
                                  error=ValueError)
        if zips is not None:
            zf = zips.get(self.path, self.path.name, error=ValueError)
            return read_member(zf, zf.getinfo(self.member), self.source, error=ValueError)
        with OpenZips() as own:
            return self.stored(own)

    def unpack(self, raw: bytes) -> bytes:
        """``raw`` gunzipped where the name ends in ``.gz`` (within
        :func:`geo.archive.gunzip`'s bounds)."""
        if not self.source.endswith(".gz") or self.member == "":
            return raw
        return gunzip(raw, self.source, limit=MAX_FILE_BYTES, error=ValueError)

    def read(self, zips: OpenZips | None = None) -> bytes:
        """The GeoJSON text's bytes."""
        return self.unpack(self.stored(zips))


def _is_layer_name(name: str) -> bool:
    return name.lower().endswith(HISTORY_SUFFIXES) and not Path(name).name.startswith(".")


def _zip_entries(p: Path, options: ReadOptions, problems: list[Problem]
                 ) -> tuple[list[Entry], int]:
    """The layer members of the zip ``p`` (listed once, from its central directory) and
    the bytes they declare unpacked; a member refused by its header is a problem."""
    try:
        members = zip_members(p, p.name)
    except ArchiveError as exc:
        problems.append(Problem(str(p), "", str(exc).removeprefix(f"{p.name}: ")))
        return [], 0
    layers = sorted((i for i in members if _is_layer_name(i.filename)),
                    key=lambda i: i.filename)
    if not layers and any(i.filename.lower().endswith(".shp") for i in members):
        # one day: a zipped Shapefile (read whole by GDAL, checked there)
        return [Entry(p.name, p, "", options)], sum(i.file_size for i in members)
    if not layers:
        problems.append(Problem(str(p), "", "the zip holds no layer files (*.geojson, "
                                ".kml, ...) and no Shapefile"))
    too_much = unpacked_problem(sum(i.file_size for i in layers),
                                f"its {len(layers):,} layer files")
    if too_much:  # a zip bomb, or more than a history may read
        problems.append(Problem(str(p), "", too_much))
        return [], 0
    entries, total, refused = [], 0, []
    for info in layers:
        why = member_problem(info)
        if why:
            refused.append(Problem(f"{p.name}:{info.filename}", "", why))
            continue
        entries.append(Entry(f"{p.name}:{info.filename}", p, info.filename, options))
        total += info.file_size
    if len(refused) > 10:  # one line for the lot
        refused = [Problem(str(p), "", f"{len(refused):,} of its {len(layers):,} layer files "
                           f"are refused unread, e.g. {refused[0].where}: "
                           f"{refused[0].message}")]
    problems += refused
    return entries, total


def _names(inputs: Sequence[str | Path]) -> str:
    return ", ".join(Path(x).name or str(x) for x in inputs)


def history_inputs(inputs: Sequence[str | Path], *, options: ReadOptions = DEFAULT_OPTIONS
                   ) -> tuple[list[Entry], list[Path], list[Problem]]:
    """Readable items (files, zip members), GeoParquet files, and input problems.

    At most :data:`MAX_ENTRIES` items unpacking to at most :data:`MAX_UNPACKED_BYTES`
    together (declared sizes; files by their size): over either, no item is read and
    one problem says so."""
    entries: list[Entry] = []
    parquet: list[Path] = []
    problems: list[Problem] = []
    unpacked = 0
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files = []
            for f in p.iterdir():
                if _is_layer_name(f.name) and f.is_file():
                    files.append(f)
                    if len(entries) + len(files) > MAX_ENTRIES:
                        break  # listing a folder of millions stops here
            if not files:
                problems.append(Problem(str(p), "", "the folder holds no layer files (*."
                                        "geojson, .geojson.gz, .kml, .kmz, .gpkg, .fgb, .shp)"))
            entries += [Entry(f.name, f, None, options) for f in sorted(files)]
            unpacked += sum(f.stat().st_size for f in files)
        elif not p.exists():
            problems.append(Problem(str(p), "", "no such file or folder"))
        elif not p.is_file():  # a FIFO or a device would block or never end
            problems.append(Problem(str(p), "", "not a regular file (a FIFO, a device or a "
                                    "socket); save the layers to files first"))
        elif p.suffix.lower() == ".zip":
            found, size = _zip_entries(p, options, problems)
            entries += found
            unpacked += size
        elif p.suffix.lower() in (".parquet", ".geoparquet"):
            parquet.append(p)
            unpacked += p.stat().st_size
        elif _is_layer_name(p.name):
            entries.append(Entry(p.name, p, None, options))
            unpacked += p.stat().st_size
        else:
            problems.append(Problem(str(p), "", "expected a folder, a .zip, a .geojson(.gz) "
                                    "or a .parquet file"))
        if len(entries) + len(parquet) > MAX_ENTRIES:
            break  # the rest is not listed
    n_items = len(entries) + len(parquet)
    if n_items > MAX_ENTRIES:
        return [], [], [*problems, Problem(_names(inputs), "", (
            f"more than {MAX_ENTRIES:,} layer files and zip members; a history may hold at "
            f"most {MAX_ENTRIES:,} (800+ days with a few snapshots each fit), so reading it "
            "cannot hang. Read a year at a time, or keep one snapshot a day"))]
    too_much = unpacked_problem(unpacked, f"its {n_items:,} files and zip members")
    if too_much:
        return [], [], [*problems, Problem(_names(inputs), "", too_much)]
    return entries, parquet, problems


def parse_entry(entry: Entry, *, digest: bool = False, zips: OpenZips | None = None
                ) -> tuple[list[ParsedDay], list[Problem], bytes | None]:
    """The days and problems of one item, and (with ``digest``, for a file that is not a
    zip member) the SHA-256 digest of its stored bytes, as the cache key uses it;
    ``zips`` keeps the zips open from one member to the next (:class:`OpenZips`)."""
    try:
        stored = entry.stored(zips)
        raw = entry.unpack(stored)
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        why = str(exc).removeprefix(f"{entry.source}: ")
        return [], [Problem(entry.source, "", f"cannot be read ({why})")], None
    key = hashlib.sha256(stored).digest() if digest and entry.member is None else None
    days, problems = parse_geojson(raw, entry.source, date=entry.name_date,
                                   classes=entry.options.classes)
    return days, problems, key
