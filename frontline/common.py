"""What every sub-command shares: the reports folder, the control layer, the atlas, writing.

Commands reach geo/ only through :class:`geo.layerset.Atlas` (reports, snapshots, layer
sets, verdicts) and the loaders; heavy modules are imported when a command runs, so
``frontline measure`` does not pay for the schematic engine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from geo.errors import FrontlineError

if TYPE_CHECKING:
    from geo.control import ControlLayer
    from geo.layerset import Atlas
    from geo.reports import ReportSet

__all__ = ["add_reports_dir", "add_control", "load_report_set", "load_control_arg",
           "make_atlas", "write_file", "size_text", "parse_day"]


def add_reports_dir(p: argparse.ArgumentParser) -> None:
    """``--reports-dir DIR``."""
    p.add_argument("--reports-dir", type=Path, default=None, metavar="DIR",
                   help="directory of report files (default: the built-in data/reports)")


def parse_day(text: str) -> dt.date:
    """An argparse type: ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date YYYY-MM-DD (e.g. 2024-11-23); got {text!r}") from None


def add_control(p: argparse.ArgumentParser, *, required: bool = False) -> None:
    """``--control FILE`` and ``--date YYYY-MM-DD``."""
    p.add_argument("--control", metavar="FILE", required=required,
                   help="GeoJSON of mapped control (Russian-held ground, EPSG:4326; features "
                        "with side: ukraine are Ukrainian-held); replaces the schematic zones")
    p.add_argument("--date", type=parse_day, metavar="YYYY-MM-DD",
                   help="with a control file that holds several days: the day to use")


def load_report_set(directory: Path | None) -> ReportSet:
    """The reports of ``directory`` (default the built-in ones) and the user's saved
    reports (:func:`geo.reports.user_reports_dir`); bad files to stderr."""
    from geo.reports import load_reports, report_paths

    rs = load_reports(paths=report_paths(directory))
    for err in rs.errors:
        print(f"warning: skipped an invalid report file: {err}", file=sys.stderr)
    return rs


def load_control_arg(args: argparse.Namespace, cmd: str) -> ControlLayer | None:
    """The control layer of ``--control`` (None without one); its notes go to stderr."""
    path = getattr(args, "control", None)
    if path is None:
        if getattr(args, "date", None) is not None:
            raise FrontlineError("--date picks a day of a --control file; give --control too.")
        return None
    from geo.control import load_control

    control = load_control(path, date=getattr(args, "date", None))
    for note in control.notes:
        print(f"frontline {cmd}: note: {path}: {note}", file=sys.stderr)
    return control


def make_atlas(args: argparse.Namespace) -> Atlas:
    """The atlas of ``--reports-dir`` (default the built-in reports); layer sets are kept
    on disk between runs (:mod:`geo.store`)."""
    from geo.layerset import Atlas
    from geo.store import DiskStore

    return Atlas(load_report_set(getattr(args, "reports_dir", None)), store=DiskStore())


def write_file(path: Path, data: str | bytes, what: str) -> int:
    """Write ``data`` to ``path`` atomically (:func:`geo.safeio.write_atomic`); bytes
    written. A failure names the argument ``what``."""
    from geo.safeio import write_atomic

    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise FrontlineError(f"{what}: cannot write {str(path)!r}: {exc.strerror}.") from None


def size_text(n: int) -> str:
    """``980 B``, ``28.6 kB``, ``1.2 MB``."""
    return f"{n:,} B" if n < 1024 else (f"{n / 1024:,.1f} kB" if n < 1024**2
                                        else f"{n / 1024**2:,.1f} MB")
