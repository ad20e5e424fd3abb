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

Entries are Python pickles, and a pickle runs code when it is read, so every entry is
**sealed** (:func:`seal`): an HMAC-SHA256 over its file name and bytes, with a key of
the user's own (:func:`cache_key`, kept in the user's config folder with mode ``0600``,
never in the cache folder, which ``FRONTLINE_CACHE_DIR`` may put on a shared disk). An
entry whose seal does not verify -- planted, written by another user or an older
version, or cut short -- is never unpickled: it is logged, computed again and
rewritten. Entries are written through a temporary file and a rename, so a reader never
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
import hmac
import logging
import os
import pickle
import secrets
import stat
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from geo.memo import digest
from geo.safeio import write_atomic

__all__ = ["cache_dir", "code_version", "DiskStore", "DEFAULT_MAX_MB", "cache_limit_bytes",
           "prune", "touch", "config_dir", "cache_key", "seal", "unseal", "read_sealed"]

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


def config_dir() -> Path:
    """The user's own settings folder: ``$FRONTLINE_CONFIG_DIR``, else
    ``$XDG_CONFIG_HOME/frontline-atlas``, else ``~/.config/frontline-atlas``. It holds the
    key that seals cache entries (:func:`cache_key`), so it is never the cache folder."""
    root = os.environ.get("FRONTLINE_CONFIG_DIR")
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "frontline-atlas"


#: The first bytes of a sealed entry; the 32 bytes of its HMAC-SHA256 follow.
_SEAL = b"frontline-sealed-v1\n"
_KEY_FILE = "cache.key"


def cache_key() -> bytes:
    """This user's key for sealing cache entries (32 random bytes).

    Read from ``config_dir()/cache.key``, or created there on first use: mode ``0600``
    in a folder of mode ``0700``, written whole before it is linked into place (two
    processes starting at once agree on one key). A key file that is not a regular file
    of this user, is not 64 hex digits, or cannot be made (a read-only home) is not
    used: the key is then this process's own, logged once, and entries of other runs
    are computed again. A key file that others may read is made ``0600`` (logged).
    """
    return _key_at(str(config_dir() / _KEY_FILE))


class _UnusableKey(Exception):
    """The key file is there but is not a key this tool wrote (the reason)."""


@functools.lru_cache(maxsize=4)
def _key_at(where: str) -> bytes:
    path = Path(where)
    try:
        for _ in range(3):  # read it, else make it (another process may make it first)
            key = _read_key(path)
            if key is not None:
                return key
            _make_key(path)
    except _UnusableKey as exc:
        _log.warning("cache key: %s %s (expected a regular file of this user holding 64 "
                     "hex digits); it is left as it is and this run seals its cache "
                     "entries with a key of its own; remove the file to get a new key",
                     path, exc)
    except OSError as exc:
        _log.warning("cache key: cannot create %s (%s); this run seals its cache entries "
                     "with a key of its own", path, exc.strerror or exc)
    return secrets.token_bytes(32)


def _make_key(path: Path) -> None:
    """Write a new key to ``path`` (mode 0600, folder 0700), unless one is there by then."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):  # another process won: its key is used
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _read_key(path: Path) -> bytes | None:
    """The key in ``path``, or None when there is no file yet.

    Raises
    ------
    _UnusableKey
        A link, not a regular file, another user's, or not 64 hex digits.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _UnusableKey(f"cannot be read ({exc.strerror or exc})") from None
    uid = os.getuid() if hasattr(os, "getuid") else st.st_uid
    if not stat.S_ISREG(st.st_mode):
        raise _UnusableKey("is not a regular file")
    if st.st_uid != uid:
        raise _UnusableKey(f"belongs to another user (uid {st.st_uid})")
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip()) \
            if st.st_size <= 200 else b""
    except (OSError, ValueError):
        key = b""
    if len(key) != 32:
        raise _UnusableKey("does not hold a key")
    if stat.S_IMODE(st.st_mode) & 0o077:
        _log.warning("cache key: %s could be read by other users (mode %o); made 0600",
                     path, stat.S_IMODE(st.st_mode))
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    return key


def _mac(name: str, payload: bytes) -> bytes:
    return hmac.new(cache_key(), name.encode("utf-8") + b"\0" + payload, hashlib.sha256).digest()


def seal(name: str, payload: bytes) -> bytes:
    """``payload`` sealed for the cache file named ``name``: a header, an HMAC-SHA256
    over the name and the payload with :func:`cache_key`, then the payload."""
    return _SEAL + _mac(name, payload) + payload


def unseal(name: str, raw: bytes) -> bytes | None:
    """The payload of a sealed cache file named ``name``, or None when ``raw`` is not
    sealed by this user's key for that name (planted, another user's, copied from
    another entry, older, cut short): such bytes must not be unpickled or trusted."""
    head = len(_SEAL) + 32
    if len(raw) < head or not raw.startswith(_SEAL):
        return None
    payload = raw[head:]
    if not hmac.compare_digest(raw[len(_SEAL):head], _mac(name, payload)):
        return None
    return payload


def read_sealed(path: Path, *, what: str) -> bytes | None:
    """The verified payload of the sealed cache file ``path``; None when it is missing.

    Only a regular file within the cache size limit is read (a planted link to
    ``/dev/zero`` or a FIFO is not). A file that is there but not sealed by this user is
    logged (``what`` names the cache) and ignored: None, so the caller computes the
    result again and rewrites the entry.
    """
    from geo.safeio import read_user_file

    if not os.path.lexists(path):
        return None
    try:
        raw = read_user_file(path, max_bytes=cache_limit_bytes(), what="cache entry")
    except ValueError as exc:  # FrontlineError: not a regular file, too large, unreadable
        _log.warning("%s: %s ignored (%s); computing again", what, path.name, exc)
        return None
    payload = unseal(path.name, raw)
    if payload is None:
        _log.warning("%s: %s is not sealed by this user's cache key (planted, written by "
                     "another user or version, or cut short); ignored, not read, and "
                     "computed again", what, path.name)
    return payload


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
        payload = read_sealed(path, what="derived-result cache")
        if payload is not None:  # sealed by this user: written by this tool
            try:
                value: T = pickle.loads(payload)  # noqa: S301 - verified above
            except Exception as exc:  # noqa: BLE001 - any unreadable entry is recomputed
                _log.warning("derived-result cache: %s unreadable (%s); computing again",
                             path.name, exc)
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
            write_atomic(path, seal(path.name,
                                    pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
            prune(self.folder, pattern="*.pickle", keep=path)
        except Exception as exc:  # noqa: BLE001 - the result stands; only keeping it failed
            _log.warning("derived-result cache: cannot keep %s (%s)", path.name, exc)
