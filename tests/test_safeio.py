"""Writes that cannot lose data or leave a mix, and reads that refuse what is not a file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from geo.errors import FrontlineError
from geo.reports import load_reports, parse_report_text, save_report_text
from geo.safeio import read_user_file, size_text, write_atomic

REPORT = """id: {rid}
title: Report {rid}
outlet: Test wire
date: 2025-01-10
date_precision: day
context: {context}
claims:
  - id: {rid}-c1
    kind: control_share
    actor: russia
    units: [UA-14]
    figure: 70
    figure_unit: percent
    qualifier: about
    paraphrase: Russia holds about 70 % of Donetsk.
"""


def _save(args: tuple[str, str]) -> str:
    folder, rid = args
    save_report_text(REPORT.format(rid=rid, context="x" * 2000), Path(folder))
    return rid


def test_200_threads_and_4_processes_save_reports_with_none_lost(tmp_path: Path) -> None:
    stop = threading.Event()
    partial: list[str] = []

    def reader() -> None:  # reads every saved file while the writers run
        while not stop.is_set():
            for f in tmp_path.glob("*.yaml"):
                text = f.read_text(encoding="utf-8")
                if not text.rstrip().endswith("70 % of Donetsk."):
                    partial.append(f.name)

    readers = [threading.Thread(target=reader) for _ in range(2)]
    for r in readers:
        r.start()
    with ThreadPoolExecutor(max_workers=32) as pool:
        threads = list(pool.map(_save, [(str(tmp_path), f"T{i}") for i in range(200)]))
    with ProcessPoolExecutor(max_workers=4) as pool:
        procs = list(pool.map(_save, [(str(tmp_path), f"P{i}") for i in range(100)]))
    stop.set()
    for r in readers:
        r.join()
    rs = load_reports(tmp_path)
    print(f"\nsaved {len(threads)} by threads and {len(procs)} by processes; loaded "
          f"{len(rs)}; partial reads {len(partial)}; invalid {len(rs.errors)}")
    assert sorted(rs.ids) == sorted(threads + procs) and not rs.errors and not partial
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left


def test_writers_of_one_id_cannot_both_win(tmp_path: Path) -> None:
    texts = [REPORT.format(rid="S1", context=f"writer {i}") for i in range(50)]
    won, refused = [], []

    def one(text: str) -> None:
        try:
            save_report_text(text, tmp_path)
            won.append(text)
        except FrontlineError:
            refused.append(text)

    with ThreadPoolExecutor(max_workers=50) as pool:
        list(pool.map(one, texts))
    assert len(won) == 1 and len(refused) == 49
    assert (tmp_path / "S1.yaml").read_text(encoding="utf-8") == won[0]


_WRITER = """
import sys
from geo.safeio import write_atomic
path, n = sys.argv[1], int(sys.argv[2])
big = ("new " * 250_000).encode()
write_atomic(path, big)
print("done", flush=True)
"""


def test_100_interrupted_writes_leave_old_or_new(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    old = b"old " * 250_000
    target.write_bytes(old)
    seen = {"old": 0, "new": 0}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for i in range(100):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(i)], env=env,
                                stdout=subprocess.DEVNULL)
        time.sleep(0.002 * (i % 40))  # kill at a different moment each time
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        raw = target.read_bytes()
        assert raw in (old, b"new " * 250_000), (i, len(raw))
        seen["old" if raw == old else "new"] += 1
        target.write_bytes(old)
    print(f"\n100 killed writers: {seen['old']} left the old file, {seen['new']} the new one, "
          "0 a mix")


_MODES = """
import os, sys
from geo.safeio import write_atomic
folder = sys.argv[1]
with open(os.path.join(folder, "by_open.txt"), "w") as fh:  # what any program would get
    fh.write("reference")
write_atomic(os.path.join(folder, "new.txt"), "new")
write_atomic(os.path.join(folder, "linked.txt"), b"new", overwrite=False)
for name, mode in (("old640.txt", 0o640), ("old600.txt", 0o600), ("old755.txt", 0o755)):
    with open(os.path.join(folder, name), "w") as fh:
        fh.write("old")
    os.chmod(os.path.join(folder, name), mode)
    write_atomic(os.path.join(folder, name), "replaced")
"""


@pytest.mark.parametrize("umask,expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_follow_the_umask_and_a_replaced_file_keeps_its_mode(
        tmp_path: Path, umask: int, expected: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run([sys.executable, "-c", _MODES, str(tmp_path)], env=env, umask=umask,
                   check=True)

    def mode(name: str) -> int:
        return (tmp_path / name).stat().st_mode & 0o7777

    assert mode("by_open.txt") == expected  # the reference: open() under that umask
    assert (mode("new.txt"), mode("linked.txt")) == (expected, expected)
    assert (mode("old640.txt"), mode("old600.txt"), mode("old755.txt")) == (
        0o640, 0o600, 0o755)
    assert (tmp_path / "old640.txt").read_text() == "replaced"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["by_open.txt", "new.txt", "linked.txt", "old640.txt", "old600.txt", "old755.txt"])


def test_the_temporary_file_is_never_more_open_than_the_file_it_replaces(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "secret.json"
    target.write_text("old")
    target.chmod(0o600)
    seen: list[int] = []
    real_fdopen = os.fdopen

    def spy(fd: int, *args: object, **kw: object) -> object:
        seen.append(os.fstat(fd).st_mode & 0o777)  # the temporary file as created
        return real_fdopen(fd, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "fdopen", spy)
    write_atomic(target, "new")
    assert seen == [0o600] and target.stat().st_mode & 0o777 == 0o600


def test_an_existing_name_is_not_overwritten_unless_asked(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    write_atomic(p, "first")
    with pytest.raises(FileExistsError):
        write_atomic(p, "second", overwrite=False)
    assert p.read_text() == "first"
    write_atomic(p, "third")
    assert p.read_text() == "third"


@pytest.mark.parametrize("special", ["fifo", "dir", "loop", "missing", "device", "big"])
def test_what_is_not_a_regular_small_file_is_refused_before_reading(tmp_path: Path,
                                                                     special: str) -> None:
    p = tmp_path / "x"
    if special == "fifo":
        os.mkfifo(p)
    elif special == "dir":
        p.mkdir()
    elif special == "loop":
        os.symlink(tmp_path / "y", p)
        os.symlink(p, tmp_path / "y")
    elif special == "device":
        os.symlink("/dev/zero", p)
    elif special == "big":
        p.write_bytes(b"x" * 2001)
    t0 = time.monotonic()
    with pytest.raises(FrontlineError) as err:
        read_user_file(p, max_bytes=2000, what="report file")
    assert time.monotonic() - t0 < 1
    words = {"fifo": "FIFO", "dir": "folder", "loop": "loop", "missing": "not found",
             "device": "device", "big": "2.0 kB"}
    assert words[special] in str(err.value)


def test_sizes_are_written_in_decimal_units() -> None:
    assert size_text(220_000_000) == "220 MB" and size_text(48_200) == "48.2 kB"


def test_a_saved_report_reads_back_whole(tmp_path: Path) -> None:
    text = REPORT.format(rid="W1", context="whole")
    path = save_report_text(text, tmp_path)
    assert parse_report_text(path.read_text(encoding="utf-8")).id == "W1"


@pytest.mark.parametrize("special", ["device", "fifo", "dir", "link to a file",
                                     "link to a device", "dangling link", "socket"])
@pytest.mark.parametrize("overwrite", [True, False])
def test_a_write_never_replaces_what_is_not_a_regular_file(tmp_path: Path, special: str,
                                                           overwrite: bool) -> None:
    """``--out /dev/full`` or ``/dev/stdout`` run as root: the rename would replace the
    device node or the link itself. Refused, naming the path and what is there, and
    what was there is still there, unchanged."""
    import socket
    import stat

    from geo.errors import WriteTargetError

    p = tmp_path / "out.geojson"
    mine = tmp_path / "mine.txt"
    mine.write_text("the user's own")
    sock = None
    if special == "device":
        if os.geteuid() != 0:
            pytest.skip("only root can make a device node (as /dev/full is)")
        os.mknod(p, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a /dev/full of our own
    elif special == "fifo":
        os.mkfifo(p)
    elif special == "dir":
        p.mkdir()
    elif special == "link to a file":
        os.symlink(mine, p)
    elif special == "link to a device":
        os.symlink("/dev/zero", p)
    elif special == "dangling link":
        os.symlink(tmp_path / "nowhere", p)
    elif special == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(p))
    before = os.lstat(p)
    try:
        with pytest.raises(WriteTargetError) as err:
            write_atomic(p, "new", overwrite=overwrite)
    finally:
        if sock is not None:
            sock.close()
    kind = {"device": "a device", "fifo": "a FIFO", "dir": "a folder", "socket": "a socket"}
    assert str(p) in str(err.value) and "not a regular file" in str(err.value)
    assert kind.get(special, "a symbolic link") in str(err.value)
    after = os.lstat(p)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)  # not replaced
    assert mine.read_text() == "the user's own" and not (tmp_path / "nowhere").exists()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["mine.txt", "out.geojson"]


def test_the_cli_names_the_option_and_its_way_to_standard_output(tmp_path: Path) -> None:
    """``schematic --out /dev/stdout``: the option, the path, and how this command prints
    to standard output (leave out --out); an option with no such way says so."""
    import contextlib
    import io

    from frontline.cli import main

    link = tmp_path / "stdout"
    os.symlink("/proc/self/fd/1", link)
    for argv, option, hint in (
            (["schematic", "--shares", "UA-14=50", "--out", str(link)], "--out",
             "leave out --out"),
            (["series", str(tmp_path), "--csv", str(link)], "--csv", "give --json -"),
            (["render", "R1", "--out", str(tmp_path / "m.png"), "--force"], "--out",
             "writes a file only")):
        if argv[0] == "render":
            os.symlink(link, tmp_path / "m.png")
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            assert main(argv) == 2
        assert f"{option}: '{argv[-1] if argv[0] != 'render' else argv[3]}' is a symbolic " \
               "link, not a regular file" in err.getvalue(), err.getvalue()
        assert hint in err.getvalue()
    assert os.path.islink(link) and os.path.islink(tmp_path / "m.png")
