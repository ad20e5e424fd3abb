"""The hostile-input corpus (tests/hostile_cases.py) replayed through the CLI.

Every case must end as expected within its time limit: a clear error (exit 2, or 1 for
``check``; a message on stderr; no traceback; never "internal error") or a success. A
crash, a hang or a success where an error was due (a silent wrong answer) fails the
test, which prints the outcome of every kind.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import stat
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_cases import Case, cases  # noqa: E402

from frontline.cli import main  # noqa: E402

LIMIT_S = 30
#: What a file outside a reports folder holds (a link in the folder points to it): never
#: to be quoted.
SECRET = b"id: secret value 7f3a\ntitle: secret value 7f3a\n"


class _Hang(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Hang


def _prepare(case: Case, folder: Path) -> list[str]:
    for name, raw in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(raw)
    target = folder / case.at
    if case.special == "fifo":
        os.mkfifo(target)
    elif case.special == "dir":
        target.mkdir()
    elif case.special == "symlink-loop":
        os.symlink(folder / "loop2", folder / "loop1")
        os.symlink(folder / "loop1", folder / "loop2")
        os.symlink(folder / "loop1", target)
    elif case.special == "device":
        os.symlink("/dev/zero", target)
    elif case.special == "char-device":  # as /dev/full is; a link to it where not root
        if os.geteuid() == 0:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        else:
            os.symlink("/dev/full", target)
    elif case.special == "link":  # a link to the user's own file, which must stay as it is
        (folder / "mine.txt").write_bytes(b"the user's own")
        os.symlink(folder / "mine.txt", target)
    elif case.special == "outside-link":  # a link out of a folder to a file it must not quote
        (folder / "secret.yaml").write_bytes(SECRET)
        os.symlink(folder / "secret.yaml", target)
    elif case.special == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
        sock.close()  # the node stays
    return [a.replace("{dir}", str(folder)) for a in case.argv]


def _node(path: Path) -> tuple[int, int] | None:
    """(inode, mode) of what is at ``path`` itself (a link not followed), or None."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mode


def _run(case: Case, folder: Path) -> tuple[str, int, str, float]:
    argv = _prepare(case, folder)
    before = _node(folder / case.at) if case.kind == "output" else None
    out, err = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT_S)
    t0 = time.monotonic()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except SystemExit as exc:  # argparse: a usage error
        code = int(exc.code or 0)
    except _Hang:
        return "hang", -1, err.getvalue(), time.monotonic() - t0
    except BaseException as exc:  # noqa: BLE001 - a crash is what is being counted
        return "crash", -1, f"{type(exc).__name__}: {exc}", time.monotonic() - t0
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    text = err.getvalue()
    dt = time.monotonic() - t0
    if case.special == "outside-link" and "7f3a" in text + out.getvalue():
        return "quoted a file outside the folder", code, text, dt
    if before is not None and (_node(folder / case.at) != before or (
            (folder / "mine.txt").exists()
            and (folder / "mine.txt").read_bytes() != b"the user's own")):
        return "replaced the output's device, link or file", code, text, dt
    # the user's own files (named "mine...") are never removed or changed
    for name, raw in case.files.items():
        if Path(name).name.startswith("mine") and (
                not (folder / name).is_file() or (folder / name).read_bytes() != raw):
            return f"removed or changed the user's file {name}", code, text, dt
    if "Traceback" in text or "internal error" in text:
        return "crash", code, text, dt
    if case.says and case.says not in text + out.getvalue():
        return f"did not say {case.says!r}", code, text + out.getvalue()[-600:], dt
    if case.expect == "ok":
        return ("ok" if code == 0 else "refused a valid input"), code, text, dt
    if code == 0:
        return "silent wrong answer", code, text + out.getvalue()[:300], dt
    if not text.strip():
        return "error without a message", code, text, dt
    return "clear error", code, text, dt


def test_the_hostile_corpus(tmp_path: Path) -> None:
    results: Counter[tuple[str, str]] = Counter()
    bad: list[str] = []
    slowest = (0.0, "")
    all_cases = cases()
    assert len(all_cases) >= 250
    for i, case in enumerate(all_cases):
        folder = tmp_path / f"c{i}"
        folder.mkdir()
        outcome, code, text, dt = _run(case, folder)
        results[(case.kind, outcome)] += 1
        slowest = max(slowest, (dt, case.name))
        if outcome not in ("ok", "clear error"):
            bad.append(f"[{case.kind}] {case.name}: {outcome} (exit {code}): {text[:240]}")
    print(f"\n{len(all_cases)} hostile inputs; slowest {slowest[0]:.2f} s ({slowest[1]})")
    for (kind, outcome), n in sorted(results.items()):
        print(f"  {kind:<11} {outcome:<24} {n}")
    assert not bad, "\n".join(bad)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; permission cannot be denied")
def test_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "locked.geojson"
    p.write_text("{}")
    p.chmod(0)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["measure", str(p)]) == 2
    assert "permission denied" in err.getvalue()
