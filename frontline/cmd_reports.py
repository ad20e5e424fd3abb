"""Sub-commands on report files: ``reports``, ``show`` and ``check``.

``frontline reports [--json]``
    Every built-in report: id, date, outlet, number of claims.
``frontline show ID [--json]``
    The snapshot of report ``ID`` (share and km² intervals, provenance) and the
    consistency findings that name it.
``frontline check [PATH ...]``
    Validate report files or directories (default: the built-in reports); every
    problem with file:line and field. Exit status 1 when a file is invalid, 0 when
    all are valid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from frontline.cli import command, print_json, print_table

if TYPE_CHECKING:
    from geo.reports import ReportSet

__all__: list[str] = []


def _add_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reports-dir", type=Path, default=None, metavar="DIR",
                   help="directory of report files (default: the built-in data/reports)")


def _load(directory: Path | None) -> ReportSet:
    from geo.reports import load_reports

    rs = load_reports(directory)
    for err in rs.errors:
        print(f"warning: skipped an invalid report file: {err}", file=sys.stderr)
    return rs


# ---------------------------------------------------------------- reports
@command("reports", "list the report files: id, date, outlet, claim count")
def _configure_reports(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_dir(p)
    p.set_defaults(func=_cmd_reports)


def _cmd_reports(args: argparse.Namespace) -> int:
    rs = _load(args.reports_dir)
    rows: list[dict[str, object]] = [
        {"id": r.id, "date": r.date_text, "date_precision": r.date_precision,
         "outlet": r.outlet, "claims": len(r.claims), "title": r.title}
        for r in rs
    ]
    if args.json:
        print_json(rows)
    else:
        print_table(rows, ["id", "date", "outlet", "claims", "title"])
    return 0


# ---------------------------------------------------------------- show
@command("show", "snapshot of one report (intervals, km², provenance) and its findings")
def _configure_show(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="ID", help="report id, e.g. R1")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--all-units", action="store_true",
                   help="also list units without any claim (table output)")
    _add_dir(p)
    p.set_defaults(func=_cmd_show)


def _cmd_show(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.consistency import check_all, findings_for
    from geo.snapshot import snapshot, snapshot_records

    rs = _load(args.reports_dir)
    report = rs.get(args.report_id)  # FrontlineError naming the known ids
    units = load_units()
    snap = snapshot(report.id, rs, units)
    records = snapshot_records(snap)
    findings = findings_for(report.id, check_all(rs, units))
    if args.json:
        print_json({
            "report": {"id": report.id, "title": report.title, "outlet": report.outlet,
                       "date": report.date_text, "date_precision": report.date_precision,
                       "context": report.context, "claims": len(report.claims)},
            "units": records,
            "findings": [f.as_dict() for f in findings],
        })
        return 0
    print(f"{report.id} ({report.date_text}, {report.outlet}): {report.title}")
    print()
    shown = [r for r in records if args.all_units or r["status"] != "no_claim"]
    for r in shown:
        if r["status"] == "carried_forward":
            r["status"] = f"carried from {r['carried_from']}"
        lo, hi = r["km2_low"], r["km2_high"]
        if isinstance(lo, float | int) and isinstance(hi, float | int):
            r["km2"] = f"{lo:,.0f}" if f"{lo:,.0f}" == f"{hi:,.0f}" else f"{lo:,.0f}–{hi:,.0f}"
        else:
            r["km2"] = ""
    print_table(shown, ["code", "name_en", "interval_text", "km2", "claim_id", "status",
                        "source_date"])
    missing = sum(1 for r in records if r["status"] == "no_claim")
    if missing and not args.all_units:
        print(f"({missing} units without any claim up to {report.id}; --all-units lists them)")
    print()
    print(f"Findings ({len(findings)}):")
    for f in findings:
        print(f"  [{f.severity}] {f.message}")
    return 0


# ---------------------------------------------------------------- check
@command("check", "validate report files: every problem with file:line and field")
def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="report files or directories (default: the built-in reports)")
    p.set_defaults(func=_cmd_check)


def _cmd_check(args: argparse.Namespace) -> int:
    from geo.reports import REPORTS_DIR, load_reports

    paths = args.paths or [REPORTS_DIR]
    rs = load_reports(paths=paths)
    for err in rs.errors:
        print(err, file=sys.stderr)
    n_bad = len(rs.errors)
    valid = f"; valid: {', '.join(rs.ids)}" if len(rs) else ""
    print(f"{len(rs)} report file{'s' if len(rs) != 1 else ''} valid"
          f"{'' if not n_bad else f', {n_bad} invalid (problems listed above)'}{valid}")
    return 1 if n_bad else 0
