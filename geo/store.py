"""Derived results kept on disk between runs, keyed by content and by the code that made them.

A layer set of a built-in report takes seconds to derive (schematic growth, zones,
checks) and is the same on every start of the app or the CLI until a report, the
boundaries, the options or the code change. :class:`DiskStore` keeps such results as
files under :func:`cache_dir`, named by the SHA-1 of the namespace, the content key
(report digests, unit digest, control-layer digest, options: see
:class:`geo.layerset.Atlas`) and :func:`code_version`, the digest of every source file
of ``geo/``. A changed input or a changed computation is a new name, so a stored
result is never stale; an entry that cannot be read (cut short, another version of a
library) is computed again and rewritten.

Entries are Python pickles: they are read only from the user's own cache folder,
never from input, and written through a temporary file and a rename, so a reader never
sees half an entry.

Every cache of the project is bounded (this one, the parsed histories of
:mod:`geo.history`, the app's map pages): each write calls :func:`prune`, which removes
the least recently used files (a read refreshes a file's time, :func:`touch`) once the
folder passes its limit -- ``FRONTLINE_CACHE_MAX_MB`` megabytes per folder, default
:data:`DEFAULT_MAX_MB`. Sizes are bytes unless named ``_mb``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from geo.memo import digest
from geo.safeio import write_atomic

__all__ = ["cache_dir", "code_version", "DiskStore", "DEFAULT_MAX_MB", "cache_limit_bytes",
           "prune", "touch"]

#: Default size limit of each cache folder, MB (``FRONTLINE_CACHE_MAX_MB`` overrides).
DEFAULT_MAX_MB = 512
#: After pruning a folder holds at most this fraction of its limit (room for new entries).
_PRUNE_TO = 0.8

T = TypeVar("T")
_log = logging.getLogger(__name__)
_GEO = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Where derived results are kept: ``$FRONTLINE_CACHE_DIR`` or ``~/.cache/frontline-atlas``."""
    root = os.environ.get("FRONTLINE_CACHE_DIR")
    return Path(root) if root else Path.home() / ".cache" / "frontline-atlas"


def cache_limit_bytes() -> int:
    """The size limit of a cache folder, bytes: ``FRONTLINE_CACHE_MAX_MB`` (a positive
    number of megabytes) or :data:`DEFAULT_MAX_MB`. A value that is not a positive number
    is logged and the default used."""
    text = os.environ.get("FRONTLINE_CACHE_MAX_MB", "").strip()
    if text:
        try:
            mb = float(text)
            if mb > 0:
                return int(mb * 1024 * 1024)
        except ValueError:
            pass
        _log.warning("FRONTLINE_CACHE_MAX_MB: expected a positive number of megabytes; got "
                     "%r; using %d", text, DEFAULT_MAX_MB)
    return DEFAULT_MAX_MB * 1024 * 1024


def touch(path: Path) -> None:
    """Mark ``path`` as just used (its modification time: :func:`prune` keeps the most
    recently used files). Best effort: a read-only folder only loses the ordering."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(folder: Path, *, pattern: str = "*", max_bytes: int | None = None,
          keep: Path | None = None) -> tuple[int, int]:
    """Remove the least recently used files of ``folder`` matching ``pattern`` once
    together they pass ``max_bytes`` (default :func:`cache_limit_bytes`), down to 80 % of
    it.

    Files being written (``.name.tmp`` of :func:`geo.safeio.write_atomic`) and ``keep``
    are never removed; a file another process removed first is skipped.

    Returns
    -------
    (int, int)
        Files removed and bytes freed.
    """
    limit = cache_limit_bytes() if max_bytes is None else max_bytes
    files: list[tuple[float, int, Path]] = []
    try:
        for p in folder.glob(pattern):
            if p.name.startswith(".") or (keep is not None and p == keep):
                continue
            try:
                st = p.stat()
            except OSError:
                continue
            if p.is_file():
                files.append((st.st_mtime, st.st_size, p))
    except OSError:
        return 0, 0
    total = sum(size for _, size, _ in files)
    if keep is not None:
        with contextlib.suppress(OSError):
            total += keep.stat().st_size
    if total <= limit:
        return 0, 0
    removed = freed = 0
    for _, size, p in sorted(files, key=lambda f: f[0]):
        if total - freed <= limit * _PRUNE_TO:
            break
        try:
            p.unlink()
        except OSError:
            continue
        removed += 1
        freed += size
    if removed:
        _log.info("cache %s: removed %d least recently used file(s), %.1f MB", folder,
                  removed, freed / 1e6)
    return removed, freed


@functools.lru_cache(maxsize=8)
def code_version(folder: Path = _GEO) -> str:
    """SHA-1 of the source of every module under ``folder`` (default ``geo/``, with the
    boundary and city files under ``data/boundaries``; read once per process). Results
    made by other code (map pages by ``layers/``) put that code's version in their keys
    as well."""
    h = hashlib.sha1()
    for path in sorted(folder.rglob("*.py")):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    if folder == _GEO:  # the boundaries and cities results are made of are part of it
        from geo import DATA_DIR

        for path in sorted((DATA_DIR / "boundaries").glob("*.*")):
            h.update(path.name.encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


class DiskStore:
    """Results on disk, one file per (namespace, content key, code version).

    Parameters
    ----------
    folder : path-like, optional
        Where entries go; default ``cache_dir() / "derived"``.

    Examples
    --------
    >>> import tempfile
    >>> store = DiskStore(tempfile.mkdtemp())
    >>> store.get_or_compute("square", 3, compute=lambda: 9)
    9
    >>> store.get_or_compute("square", 3, compute=lambda: 0)  # read back, not computed
    9
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else cache_dir() / "derived"
        self.hits = 0
        self.misses = 0

    def path(self, namespace: str, key: Hashable) -> Path:
        """The file of ``(namespace, key)`` under the current code version."""
        return self.folder / f"{namespace}-{digest(namespace, key, code_version())}.pickle"

    def get_or_compute(self, namespace: str, key: Hashable, *, compute: Callable[[], T]) -> T:
        """The stored result of ``(namespace, key)``, or ``compute()`` stored for next time."""
        path = self.path(namespace, key)
        try:
            with open(path, "rb") as fh:
                value: T = pickle.load(fh)
        except FileNotFoundError:
            pass
        except Exception as exc:  # noqa: BLE001 - any unreadable entry is recomputed
            _log.warning("derived-result cache: %s unreadable (%s); computing again", path, exc)
        else:
            self.hits += 1
            touch(path)
            return value
        self.misses += 1
        value = compute()
        self._write(path, value)
        return value

    def _write(self, path: Path, value: object) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            prune(self.folder, pattern="*.pickle", keep=path)
        except Exception as exc:  # noqa: BLE001 - the result stands; only keeping it failed
            _log.warning("derived-result cache: cannot keep %s (%s)", path.name, exc)
