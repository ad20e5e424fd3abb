"""Archives from others, read within budgets: zips and gzip streams that cannot run away.

A zip bomb (a small file that unpacks to gigabytes), a zip of 50,000 entries or a header
that lies about a member's size ends in a clear message at once, with memory bounded:

* a zip's end record is read before anything else: at most :data:`MAX_ENTRIES` entries
  in a central directory of at most :data:`MAX_DIRECTORY_BYTES` (so listing it is
  bounded too), else the zip is refused unlisted;
* from the central directory, before any member is read: a member may unpack to at
  most :data:`MAX_MEMBER_BYTES`, and above :data:`RATIO_FROM_BYTES` be packed at most
  :data:`MAX_RATIO`:1 (:func:`member_problem`); callers add up the declared sizes
  against :data:`MAX_UNPACKED_BYTES` (:func:`check_zip`, a history's inputs);
* while a member is read, it never gives more than its declared size (``zipfile``
  stops there and checks the CRC, so a header that understates the size fails as
  damaged) and never more than :data:`MAX_MEMBER_BYTES` (:func:`read_member`);
* a gzip stream is unpacked a mebibyte at a time and stopped at its limit, or as soon
  as, above :data:`RATIO_FROM_BYTES`, it has unpacked :data:`MAX_RATIO` times its packed
  size (:func:`gunzip`).

:class:`OpenZips` keeps zips open while many of their members are read: opening a zip
reads its whole central directory, so opening it once per member made reading *n*
members take *n²* steps.
"""

from __future__ import annotations

import gzip
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from geo.errors import ArchiveError

__all__ = [
    "MAX_ENTRIES",
    "MAX_DIRECTORY_BYTES",
    "MAX_MEMBER_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_RATIO",
    "RATIO_FROM_BYTES",
    "OpenZips",
    "open_zip",
    "zip_members",
    "member_problem",
    "check_zip",
    "read_member",
    "gunzip",
    "unpacked_problem",
    "size_text",
]

#: Most entries a zip may hold (and a history may list, files and members together):
#: 800+ days with a few snapshots each fit many times over.
MAX_ENTRIES = 20_000
#: Largest central directory read, bytes (a zip of :data:`MAX_ENTRIES` entries with
#: names of 1,000 characters).
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 1_100
#: Most bytes one member (or one gzip stream) may unpack to: a control layer's limit.
MAX_MEMBER_BYTES = 200_000_000
#: Most bytes the members of a zip (or every item of a history) may unpack to together.
MAX_UNPACKED_BYTES = 4_000_000_000
#: Highest compression ratio of a member larger than :data:`RATIO_FROM_BYTES` unpacked
#: (GeoJSON packs 3-15:1; zeros pack 1,000:1).
MAX_RATIO = 100
#: Members up to this size unpacked may be packed at any ratio.
RATIO_FROM_BYTES = 10_000_000

_CHUNK = 1 << 20
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"


def size_text(n: float) -> str:
    """Bytes for people, in decimal units: ``4.3 GB``, ``210 MB``, ``48.2 kB``."""
    if n >= 1e9:
        return f"{n / 1e9:,.1f} GB"
    if n >= 1e6:
        return f"{n / 1e6:,.0f} MB" if n >= 1e8 else f"{n / 1e6:,.1f} MB"
    return f"{n / 1e3:,.1f} kB" if n >= 1e3 else f"{n:,.0f} B"


def _end_record(fh: BinaryIO) -> tuple[int, int] | None:
    """``(entries, central directory bytes)`` from a zip's end record (zip64 too), None
    where the file has none."""
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    tail_len = min(size, 22 + 0xFFFF)  # the record, and a comment of up to 64 kB
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    entries, cd_size = struct.unpack("<HI", tail[at + 10:at + 16])
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:  # zip64: the real counts are further
        loc = at - 20
        if loc >= 0 and tail[loc:loc + 4] == _EOCD64_LOCATOR:
            (offset,) = struct.unpack("<Q", tail[loc + 8:loc + 16])
            if offset < size:
                fh.seek(offset)
                rec = fh.read(56)
                if len(rec) == 56 and rec[:4] == _EOCD64:
                    entries, cd_size = struct.unpack("<QQ", rec[32:48])
    return int(entries), int(cd_size)


def _check_end(fh: BinaryIO, label: str, error: type[Exception]) -> None:
    end = _end_record(fh)
    if end is None:
        raise error(f"{label}: not a readable zip file (no end-of-directory record: "
                    "truncated or not a zip); expected a zip of layer files.")
    entries, cd_size = end
    if entries > MAX_ENTRIES:
        raise error(f"{label}: the zip holds {entries:,} entries; the limit is "
                    f"{MAX_ENTRIES:,} (800+ days with a few snapshots each fit), so reading "
                    "it cannot hang. Split it into several zips of whole years, or keep "
                    "one snapshot a day.")
    if cd_size > MAX_DIRECTORY_BYTES:
        raise error(f"{label}: the zip's directory is {size_text(cd_size)}; the limit is "
                    f"{size_text(MAX_DIRECTORY_BYTES)} ({MAX_ENTRIES:,} entries with long "
                    "names), so listing it cannot run away with memory. Split the zip.")


def open_zip(source: str | Path | bytes, label: str, *,
             error: type[Exception] = ArchiveError) -> zipfile.ZipFile:
    """``source`` (a path, or a zip's bytes) opened as a zip once its end record allows
    it (at most :data:`MAX_ENTRIES` entries, a directory of at most
    :data:`MAX_DIRECTORY_BYTES`); ``error`` names what is wrong otherwise."""
    try:
        if isinstance(source, bytes):
            _check_end(io.BytesIO(source), label, error)
            zf = zipfile.ZipFile(io.BytesIO(source))
        else:
            with open(source, "rb") as fh:
                _check_end(fh, label, error)
            zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, struct.error) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise error(f"{label}: not a readable zip file ({why}); expected a zip of layer "
                    "files.") from None
    if len(zf.infolist()) > MAX_ENTRIES:  # an end record that undercounts
        zf.close()
        raise error(f"{label}: the zip holds more than {MAX_ENTRIES:,} entries; the limit is "
                    f"{MAX_ENTRIES:,}. Split it into several zips.")
    return zf


def zip_members(source: str | Path | bytes, label: str, *,
                error: type[Exception] = ArchiveError) -> list[zipfile.ZipInfo]:
    """The members of a zip (folders left out), from its central directory."""
    with open_zip(source, label, error=error) as zf:
        return [i for i in zf.infolist() if not i.is_dir()]


def member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member is refused unread, by what its header declares (unpacked size,
    compression ratio), or None."""
    if info.file_size > MAX_MEMBER_BYTES:
        return (f"unpacks to {size_text(info.file_size)}; a member may unpack to at most "
                f"{size_text(MAX_MEMBER_BYTES)} (a control layer's limit)")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
        return (f"packed {ratio:,.0f}:1 ({size_text(info.compress_size)} unpacking to "
                f"{size_text(info.file_size)}); above {size_text(RATIO_FROM_BYTES)} a member "
                f"may be packed at most {MAX_RATIO}:1 (GeoJSON packs 3-15:1): a zip bomb? "
                "Not read")
    return None


def unpacked_problem(total: int, what: str) -> str | None:
    """Why members declaring ``total`` bytes unpacked are refused together, or None."""
    if total <= MAX_UNPACKED_BYTES:
        return None
    return (f"{what} unpack to {size_text(total)} together; the limit is "
            f"{size_text(MAX_UNPACKED_BYTES)}, so reading cannot run away with time and "
            "disk. Read fewer days at once (a year at a time), or drop what is not a layer.")


def check_zip(source: str | Path | bytes, label: str, *,
              error: type[Exception] = ArchiveError) -> list[zipfile.ZipInfo]:
    """Every member of a zip within the budgets, or ``error`` listing each one that is
    not (and the total): for a zip read whole (a KMZ, a zipped Shapefile)."""
    members = zip_members(source, label, error=error)
    problems = [f"{i.filename}: {p}" for i in members if (p := member_problem(i))]
    total = unpacked_problem(sum(i.file_size for i in members), f"its {len(members):,} "
                             "members")
    if total:
        problems.insert(0, total)
    if problems:
        shown = problems[:10] + ([f"... and {len(problems) - 10} more"]
                                 if len(problems) > 10 else [])
        raise error(f"{label}: " + ("; ".join(shown) if len(shown) == 1
                                    else "\n  - " + "\n  - ".join(shown)))
    return members


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, *,
                error: type[Exception] = ArchiveError) -> bytes:
    """The unpacked bytes of a member, within :func:`member_problem`'s budget and never
    more than its header declares (a lying header reads as damaged)."""
    problem = member_problem(info)
    if problem:
        raise error(f"{label}: {problem}.")
    try:
        with zf.open(info) as fh:
            data = fh.read(min(info.file_size, MAX_MEMBER_BYTES) + 1)
    except zipfile.BadZipFile as exc:  # a CRC mismatch: zipfile stopped at the declared size
        raise error(f"{label}: its data does not match its header ({exc}): damaged, or a "
                    "header that understates what it unpacks to; not read further.") from None
    except (EOFError, zlib.error, OSError) as exc:
        raise error(f"{label}: a damaged member ({exc}).") from None
    except NotImplementedError as exc:
        raise error(f"{label}: packed in a way this tool cannot unpack ({exc}); re-zip it "
                    "with deflate.") from None
    except RuntimeError as exc:  # encrypted
        raise error(f"{label}: cannot be unpacked ({exc}); zip it without a password.") \
            from None
    if len(data) > min(info.file_size, MAX_MEMBER_BYTES):  # zipfile never gives more
        raise error(f"{label}: unpacks to more than its header declares; not read.")
    return data


def gunzip(raw: bytes, label: str, *, limit: int = MAX_MEMBER_BYTES,
           error: type[Exception] = ArchiveError) -> bytes:
    """``raw`` (a gzip stream) unpacked a mebibyte at a time: at most ``limit`` bytes, and
    above :data:`RATIO_FROM_BYTES` at most :data:`MAX_RATIO` times ``len(raw)``."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
            while chunk := gz.read(_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise error(f"{label}: unpacks to more than {size_text(limit)}; the "
                                f"limit is {size_text(limit)} (a control layer's). Simplify "
                                "or clip the layer first.")
                if len(out) > RATIO_FROM_BYTES and len(out) > MAX_RATIO * len(raw):
                    raise error(f"{label}: {size_text(len(raw))} packed unpacks to more "
                                f"than {size_text(len(out))} (over {MAX_RATIO}:1; GeoJSON "
                                "packs 3-15:1): a gzip bomb? Not read further.")
    except (OSError, EOFError, zlib.error) as exc:
        raise error(f"{label}: a damaged gzip file ({exc}); expected a gzipped GeoJSON.") \
            from None
    return bytes(out)


class OpenZips:
    """Zips kept open while many of their members are read (a context manager).

    Opening a zip reads its whole central directory; opening it once per member made a
    zip of *n* members take *n²* steps (20,000 members: over half an hour). Each zip is
    opened once here (its end record checked, :func:`open_zip`) and closed on exit. Not
    shared across processes: each worker opens its own.
    """

    def __init__(self) -> None:
        self._open: dict[Path, zipfile.ZipFile] = {}

    def __enter__(self) -> OpenZips:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def get(self, path: Path, label: str, *, error: type[Exception] = ArchiveError
            ) -> zipfile.ZipFile:
        """The zip at ``path``, opened once."""
        zf = self._open.get(path)
        if zf is None:
            zf = self._open[path] = open_zip(path, label, error=error)
        return zf

    def close(self) -> None:
        """Close every zip opened."""
        for zf in self._open.values():
            zf.close()
        self._open.clear()

