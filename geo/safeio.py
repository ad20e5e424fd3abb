"""Reading the files users give, safely, and writing files so no reader sees half of one.

Reading: only regular files, size capped before reading. Writing: atomic, and with the
permissions any other program would give the file (``0o666`` less the umask, or the mode
of the file replaced), so exports and reports can be shared as the user's umask says;
only to a regular file or a free name (:func:`check_write_target`): a rename would
replace a device node (``/dev/full``) or a symbolic link (``/dev/stdout``) itself.

A FIFO with no writer would block a read forever, ``/dev/zero`` never ends, a folder or
a symlink loop raises errors that name nothing useful. :func:`read_user_file` checks
the path first and reads at most the cap, and every failure is a
:class:`~geo.errors.FrontlineError` that names the file, what it is, and what would do.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from geo.errors import FrontlineError, WriteTargetError

__all__ = ["read_user_file", "write_atomic", "check_write_target", "size_text"]


def size_text(n: float) -> str:
    """Bytes for people, in MB (10^6) as the docs write them: ``210 MB``, ``48.2 kB``."""
    if n >= 1e6:
        return f"{n / 1e6:,.0f} MB" if n >= 1e8 else f"{n / 1e6:,.1f} MB"
    return f"{n / 1e3:,.1f} kB" if n >= 1e3 else f"{n:,.0f} B"


def read_user_file(path: str | Path, *, label: str | None = None, max_bytes: int,
                   what: str = "file", error: type[ValueError] = FrontlineError) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them.

    Raises
    ------
    FrontlineError (or ``error``)
        Missing, a folder, a FIFO, a device or socket, a symlink loop, unreadable, or
        larger than ``max_bytes`` (said before reading it).
    """
    p = Path(path)
    name = label or str(p)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise error(f"{name}: not found; give the path of a {what}.") from None
    except OSError as exc:
        why = "a symbolic link loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
        raise error(f"{name}: cannot be read ({why}); give the path of a {what}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{name}: a folder, not a {what}; give the path of the file itself.")
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{name}: {_kind(st.st_mode)}, not a {what}; save the data to a regular "
                    "file first.")
    if st.st_size > max_bytes:
        raise error(f"{name}: {size_text(st.st_size)} is more than the {size_text(max_bytes)} "
                    f"a {what} may be; give a smaller one.")
    try:
        with open(p, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except PermissionError:
        raise error(f"{name}: permission denied; make the file readable "
                    f"(chmod +r) or copy it somewhere you can read.") from None
    except OSError as exc:
        raise error(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    if len(raw) > max_bytes:
        raise error(f"{name}: more than the {size_text(max_bytes)} a {what} may be (it grew "
                    "while being read); give a smaller one.")
    return raw


def _kind(mode: int) -> str:
    """What a file of ``mode`` is, for messages (``"a device"``, ``"a folder"`` ...)."""
    return ("a folder" if stat.S_ISDIR(mode) else
            "a symbolic link" if stat.S_ISLNK(mode) else
            "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "not a regular file")


def check_write_target(path: str | Path) -> None:
    """Refuse to write ``path`` unless nothing is there or a regular file is.

    A symbolic link is refused whatever it points to (``/dev/stdout`` links to the
    process's output; a link to a regular file would be replaced by a file, not written
    through): give the file's own path.

    Raises
    ------
    WriteTargetError
        ``path`` is a symbolic link, a device, a FIFO, a socket or a folder.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # e.g. a folder on the way cannot be searched: the write says so
    if not stat.S_ISREG(st.st_mode):
        raise WriteTargetError(str(path), _kind(st.st_mode))


def write_atomic(path: str | Path, data: str | bytes, *, overwrite: bool = True) -> int:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never
    a mix: a temporary file in the same folder, flushed and fsynced, then renamed into
    place (``os.replace``) -- or, with ``overwrite=False``, hard-linked into place, which
    fails if the name is taken, so two writers of one name cannot both win.

    A new file gets ``0o666`` less the process umask, as ``open(path, "w")`` would give
    it (``0o644`` under the usual umask ``022``); a replaced regular file keeps its
    permission bits (``0o640`` stays ``0o640``). The temporary file is created with those
    permissions, so it is never more open than the file it becomes.

    Returns
    -------
    int
        Bytes written.

    Raises
    ------
    WriteTargetError
        ``path`` is not a regular file: a symbolic link, a device, a FIFO, a socket or
        a folder (:func:`check_write_target`; checked before and again just before the
        rename).
    FileExistsError
        ``overwrite=False`` and ``path`` exists.
    OSError
        The folder cannot be written.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(path)
    check_write_target(target)
    mode = _kept_mode(target) if overwrite else None
    fd, tmp = _create_temp(target, 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is not None:  # the umask may have taken bits the replaced file had
                if hasattr(os, "fchmod"):
                    os.fchmod(fh.fileno(), mode)
                else:  # pragma: no cover - Windows before Python 3.13
                    os.chmod(tmp, mode)
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            check_write_target(target)  # again: it may have been put there meanwhile
            os.replace(tmp, target)
        else:
            os.link(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return len(raw)


def _kept_mode(target: Path) -> int | None:
    """The permission bits of the regular file ``target`` replaces, or None for none."""
    try:
        st = os.stat(target)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) & 0o777 if stat.S_ISREG(st.st_mode) else None


def _create_temp(target: Path, mode: int) -> tuple[int, str]:
    """A new file ``.<name>.<random>.tmp`` beside ``target``, open for writing.

    Created by ``os.open(..., O_CREAT | O_EXCL, mode)``, so the kernel applies the umask
    (``tempfile.mkstemp`` would make it ``0o600`` whatever the umask).
    """
    folder = target.parent if str(target.parent) else Path(".")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(
        os, "O_BINARY", 0)
    for _ in range(100):
        tmp = str(folder / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file",
                          str(folder / f".{target.name}.*.tmp"))
