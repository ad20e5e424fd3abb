"""What every sub-command shares: the reports folder, the control layer or history, the
atlas, writing.

Commands reach geo/ only through :class:`geo.layerset.Atlas` (reports, snapshots, layer
sets, verdicts) and the loaders; heavy modules are imported when a command runs, so
``frontline measure`` does not pay for the schematic engine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import FrontlineError

#: ``--within``'s default: geo.layerset.NEAR_DAYS, written here so that ``frontline
#: --help`` does not import the geo stack (tests/test_cmd_history.py checks they agree).
NEAR_DAYS = 7

if TYPE_CHECKING:
    from geo.classes import ClassChoice
    from geo.control import ControlLayer
    from geo.history import History
    from geo.history.inputs import ReadOptions
    from geo.layerset import Atlas
    from geo.reports import ReportSet

__all__ = ["add_reports_dir", "add_control", "load_report_set", "load_control_arg",
           "history_layers", "read_history_arg", "tell_history", "Progress", "make_atlas",
           "write_file", "check_out", "NO_STDOUT", "size_text", "parse_day", "NEAR_DAYS"]


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


def add_reading(p: argparse.ArgumentParser, *, dates: bool = True) -> None:
    """How layer files are read: ``--classes FIELD --map VALUE=STATE ...``, ``--layer``
    and (with ``dates``) ``--date-pattern``."""
    g = p.add_argument_group("reading layers")
    g.add_argument("--classes", metavar="FIELD",
                   help="the property that holds each feature's class, for a file of no known "
                        "schema (known: single-class exports, side, the raw multi-class "
                        "export, ISW class layers)")
    g.add_argument("--map", action="append", default=[], metavar="VALUE=STATE",
                   help="with --classes: what a value means: russia, ukraine, contested or "
                        "out (repeat for each value)")
    g.add_argument("--layer", metavar="NAME",
                   help="the layer of a file that holds several (a GeoPackage)")
    if dates:
        g.add_argument("--date-pattern", metavar="REGEX",
                       help="find each file's date in its name with this expression: a named "
                            "group date (YYYYMMDD), epoch (Unix seconds) or year/month/day")


def class_choice(args: argparse.Namespace) -> ClassChoice | None:
    """The ``--classes``/``--map`` choice (None without ``--classes``)."""
    from geo.classes import ClassChoice

    field, pairs = getattr(args, "classes", None), getattr(args, "map", None) or []
    if field is None:
        if pairs:
            raise FrontlineError("--map says what the values of a property mean; name the "
                                 "property with --classes FIELD.")
        return None
    return ClassChoice.parse(field, pairs)


def read_options(args: argparse.Namespace) -> ReadOptions:
    """The history read options of ``--classes/--map`` and ``--date-pattern``."""
    from geo.control import check_date_pattern
    from geo.history.inputs import ReadOptions

    pattern = getattr(args, "date_pattern", None)
    if pattern is not None:
        check_date_pattern(pattern)
    return ReadOptions(classes=class_choice(args), date_pattern=pattern)


def add_control(p: argparse.ArgumentParser, *, required: bool = False,
                history: bool = True) -> None:
    """``--control FILE`` and ``--date YYYY-MM-DD``; with ``history`` also
    ``--history INPUT...`` and ``--within DAYS`` (the report's nearest mapped day); and
    how the files are read (:func:`add_reading`)."""
    p.add_argument("--control", metavar="FILE", required=required,
                   help="a layer of mapped control (GeoJSON, .geojson.gz, KML, KMZ, Shapefile "
                        ".zip, GeoPackage, FlatGeobuf, GeoParquet), read by class: held by "
                        "Russia, by Ukraine, contested or out of scope; replaces the "
                        "schematic zones")
    p.add_argument("--date", type=parse_day, metavar="YYYY-MM-DD",
                   help="with a control file that holds several days: the day to use")
    add_reading(p)  # --date-pattern too: every command that takes it reads histories
    if history:
        p.add_argument("--history", nargs="+", metavar="INPUT",
                       help="a history of control layers (folders, zips, dated GeoJSON or "
                            "GeoParquet): each report uses the mapped day nearest its date, "
                            "as if that day were given with --control")
        p.add_argument("--within", type=int, default=NEAR_DAYS, metavar="DAYS",
                       help="with --history: the farthest that day may be from the report's "
                            "date (default 7; 15 more for a report dated to the month)")


def load_report_set(directory: Path | None) -> ReportSet:
    """The reports of ``directory`` (default the built-in ones) and the user's saved
    reports (:func:`geo.reports.user_reports_dir`); bad files to stderr."""
    from geo.reports import load_reports, report_paths

    rs = load_reports(paths=report_paths(directory))
    for err in rs.errors:
        print(f"warning: skipped an invalid report file: {err}", file=sys.stderr)
    return rs


def load_control_arg(args: argparse.Namespace, cmd: str, *,
                     report_ids: list[str] | None = None,
                     atlas: Atlas | None = None) -> ControlLayer | None:
    """The control layer of ``--control`` (None without one); its notes go to stderr.

    With ``--history`` (and the ``atlas`` and the one report id the command works on):
    the history's day nearest that report's date. For several reports use
    :func:`history_layers`. With ``--control``, the ``atlas`` and ``report_ids``: a
    warning for each report the layer's date lies far from (:meth:`Atlas.date_gap`).
    """
    if getattr(args, "history", None):
        if report_ids is None or atlas is None or len(report_ids) != 1:
            raise FrontlineError(f"frontline {cmd} does not take --history.")
        return history_layers(args, cmd, report_ids, atlas)[report_ids[0]]
    path = getattr(args, "control", None)
    if path is None:
        if getattr(args, "date", None) is not None:
            raise FrontlineError("--date picks a day of a --control file; give --control too.")
        return None
    from geo.control import load_control

    control = load_control(path, date=getattr(args, "date", None), classes=class_choice(args),
                           layer=getattr(args, "layer", None))
    for note in control.notes:
        print(f"frontline {cmd}: note: {path}: {note}", file=sys.stderr)
    if atlas is not None:
        for rid in report_ids or []:
            gap = atlas.date_gap(rid, control)
            if gap:
                print(f"frontline {cmd}: warning: {gap}", file=sys.stderr)
    return control


def history_layers(args: argparse.Namespace, cmd: str, report_ids: list[str],
                   atlas: Atlas) -> dict[str, ControlLayer | None]:
    """Per report id, the day of ``--history`` nearest its date (read once, cached), or
    None for a report with no mapped day within ``--within`` days: that report is drawn
    schematically, as the app draws it, and a warning on stderr gives the history's first
    and last days and the nearest one.

    Raises
    ------
    FrontlineError
        ``--history`` given with ``--control`` or ``--date``, or a negative ``--within``.
    """
    from geo.layerset import report_target

    if getattr(args, "control", None) or getattr(args, "date", None):
        raise FrontlineError("give --control FILE (one layer) or --history INPUT (each report "
                             "its nearest day), not both; --date goes with --control.")
    if args.within < 0:
        raise FrontlineError(f"--within: expected a number of days >= 0; got {args.within}.")
    history = read_history_arg(args.history, cache=True, cmd=cmd, options=read_options(args))
    out: dict[str, ControlLayer | None] = {}
    for rid in report_ids:
        layer = atlas.history_layer(rid, history, within_days=args.within)
        out[rid] = layer
        if layer is None:
            target, extra = report_target(atlas.report(rid))
            near = history.nearest(target, within_days=10**6)
            print(f"frontline {cmd}: warning: --history: no mapped day within "
                  f"{args.within + extra} days of {rid}'s date ({target.isoformat()}); the "
                  f"history runs {history.dates[0]} to {history.dates[-1]}"
                  + (f", nearest {near.date}" if near else "")
                  + f". {rid} is drawn with schematic zones and its claims are not checked; "
                  "widen --within, or use --control FILE for a layer of your choice.",
                  file=sys.stderr)
            continue
        print(f"frontline {cmd}: {rid} ({atlas.report(rid).date_text}) against the mapped "
              f"day {layer.date} ({layer.name})", file=sys.stderr)
        out[rid] = layer
    return out


def make_atlas(args: argparse.Namespace) -> Atlas:
    """The atlas of ``--reports-dir`` (default the built-in reports); layer sets are kept
    on disk between runs (:mod:`geo.store`); ``--carry-unreviewed`` carries saved drafts'
    claims into later reports."""
    from geo.layerset import Atlas
    from geo.store import DiskStore

    return Atlas(load_report_set(getattr(args, "reports_dir", None)), store=DiskStore(),
                 carry_unreviewed=bool(getattr(args, "carry_unreviewed", False)))


#: What an option that writes files says when given a device, a FIFO or a link such as
#: ``/dev/stdout`` and it has no way of its own to print to standard output.
NO_STDOUT = "This option writes a file only; write to a file and read it from there."


def check_out(path: Path, what: str, hint: str = NO_STDOUT) -> None:
    """Refuse, before any work, an output path that is not a regular file or a free
    name (:func:`geo.safeio.check_write_target`); ``hint`` says how to print to standard
    output where the command can."""
    from geo.errors import WriteTargetError
    from geo.safeio import check_write_target

    try:
        check_write_target(path)
    except WriteTargetError as exc:
        raise exc.naming(what, hint) from None


def write_file(path: Path, data: str | bytes, what: str, hint: str = NO_STDOUT) -> int:
    """Write ``data`` to ``path`` atomically (:func:`geo.safeio.write_atomic`); bytes
    written. A failure names the argument ``what``; a path that is not a regular file
    (``/dev/stdout``, ``/dev/full``, a FIFO, a link, a folder) is refused with ``hint``
    (how this command prints to standard output, if it can)."""
    from geo.errors import WriteTargetError
    from geo.safeio import write_atomic

    try:
        return write_atomic(path, data)
    except WriteTargetError as exc:
        raise exc.naming(what, hint) from None
    except OSError as exc:
        raise FrontlineError(f"{what}: cannot write {str(path)!r}: {exc.strerror}.") from None


def size_text(n: int) -> str:
    """``980 B``, ``28.6 kB``, ``1.2 MB``."""
    return f"{n:,} B" if n < 1024 else (f"{n / 1024:,.1f} kB" if n < 1024**2
                                        else f"{n / 1024**2:,.1f} MB")


# ---------------------------------------------------------------- histories
class Progress:
    """Progress bars on the terminal (tqdm), one per step; none when stderr is not a
    terminal or the step is short."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, total: int, what: str, *, unit: str = "day") -> None:
        self.close()
        if sys.stderr.isatty() and total >= 20:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=what, unit=unit, file=sys.stderr, leave=False)

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def read_history_arg(inputs: list[str], *, cache: bool, cmd: str,
                     options: ReadOptions | None = None) -> History:
    """The history of ``inputs``, with a progress bar; problems and gaps to stderr."""
    from geo.history import read_history
    from geo.history.inputs import DEFAULT_OPTIONS

    bar = Progress()
    history = read_history(inputs, cache=cache, on_total=lambda n: bar.start(n, "reading"),
                           progress=bar.update, options=options or DEFAULT_OPTIONS)
    bar.close()
    history.raise_if_empty()
    tell_history(history, cmd=cmd)
    return history


def tell_history(history: History, *, cmd: str) -> None:
    """Problems, days and gaps of ``history`` to stderr."""
    for p in history.problems:
        print(f"frontline {cmd}: warning: {p}", file=sys.stderr)
    for note in history.notes:
        print(f"frontline {cmd}: note: {note}", file=sys.stderr)
    if history.problems:
        print(f"frontline {cmd}: {len(history.problems)} file(s) or day(s) could not be used "
              "(listed above); the series has the other days.", file=sys.stderr)
    gaps = history.gap_text()
    first, last = history.dates[0], history.dates[-1]
    print(f"frontline {cmd}: {len(history)} day{'s' if len(history) != 1 else ''} from "
          f"{first} to {last}"
          + (" (parsed before: from the cache)" if history.from_cache else "")
          + (f"; missing: {gaps}" if gaps else "; no day missing"), file=sys.stderr)


def stale_records(atlas: Atlas, report_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The stale claims each report no longer carries into its checks (JSON records: the
    ``verify --json`` output and the API's :class:`frontline.api.Verdicts` share them)."""
    out = []
    for rid in report_ids:
        for r in atlas.stale_claims(rid).to_dict("records"):
            out.append({"report_id": rid, "claim_report_id": r["report_id"],
                        "claim_id": r["claim_id"], "claim_date": r["source_date"],
                        "age_days": int(r["age_days"]), "units": r["units"]})
    return out
