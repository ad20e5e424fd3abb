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
"""

from __future__ import annotations

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

__all__ = ["cache_dir", "code_version", "DiskStore"]

T = TypeVar("T")
_log = logging.getLogger(__name__)
_GEO = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Where derived results are kept: ``$FRONTLINE_CACHE_DIR`` or ``~/.cache/frontline-atlas``."""
    root = os.environ.get("FRONTLINE_CACHE_DIR")
    return Path(root) if root else Path.home() / ".cache" / "frontline-atlas"


@functools.lru_cache(maxsize=8)
def code_version(folder: Path = _GEO) -> str:
    """SHA-1 of the source of every module under ``folder`` (default ``geo/``; read once
    per process). Results made by other code (map pages by ``layers/``) put that
    code's version in their keys as well."""
    h = hashlib.sha1()
    for path in sorted(folder.rglob("*.py")):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
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
            return value
        self.misses += 1
        value = compute()
        self._write(path, value)
        return value

    def _write(self, path: Path, value: object) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as exc:  # noqa: BLE001 - the result stands; only keeping it failed
            _log.warning("derived-result cache: cannot keep %s (%s)", path.name, exc)
