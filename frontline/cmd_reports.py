"""Sub-commands on report files: ``reports``, ``show`` and ``check``.

``frontline reports [--json]``
    Every built-in report: id, date, outlet, number of claims.
``frontline show ID [--control FILE [--date D]] [--json]``
    The snapshot of report ``ID`` (share and km² intervals, provenance), the
    consistency findings that name it and, with a control layer, each claim's verdict.
``frontline check [PATH ...]``
    Validate report files or directories (default: the built-in reports); every
    problem with file:line and field. Exit status 1 when a file is invalid, 0 when
    all are valid.
``frontline warm``
    Derive every report's layer set, timeline and map page once and keep them on disk
    (:mod:`geo.store`), so the app's first view and the CLI read them back. The set-up
    command runs it; it is quick when nothing changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from frontline.cli import command, print_json, print_table
from frontline.common import (
    add_control,
    add_reports_dir,
    load_control_arg,
    load_report_set,
    make_atlas,
)
from geo.errors import FrontlineError

if TYPE_CHECKING:
    from geo.reports import ReportSet

__all__: list[str] = []


# ---------------------------------------------------------------- reports
@command("reports", "list the report files: id, date, outlet, claim count")
def _configure_reports(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_reports_dir(p)
    p.set_defaults(func=_cmd_reports)


def _cmd_reports(args: argparse.Namespace) -> int:
    rs = load_report_set(args.reports_dir)
    rows: list[dict[str, object]] = [
        {"id": r.id, "date": r.date_text, "date_precision": r.date_precision,
         "outlet": r.outlet, "claims": len(r.claims), "title": r.title,
         "review": r.review}
        for r in rs
    ]
    if args.json:
        print_json(rows)
    else:
        print_table(rows, ["id", "date", "outlet", "claims", "review", "title"])
    return 0


# ---------------------------------------------------------------- show
@command("show", "snapshot of one report (intervals, km², provenance), findings, verdicts")
def _configure_show(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="ID", help="report id, e.g. R1")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--all-units", action="store_true",
                   help="also list units without any claim (table output)")
    add_control(p)
    add_reports_dir(p)
    p.set_defaults(func=_cmd_show)


def _cmd_show(args: argparse.Namespace) -> int:
    from frontline.common import make_atlas
    from geo.labels import claims_table, verdict_sentence
    from geo.snapshot import snapshot_records

    atlas = make_atlas(args)
    report = atlas.report(args.report_id)  # FrontlineError naming the known ids
    control = load_control_arg(args, "show", report_ids=[report.id], atlas=atlas)
    snap = atlas.snapshot(report.id)
    findings = atlas.findings(report.id)
    verdicts = atlas.verify(report.id, control) if control is not None else None
    if args.json:
        doc: dict[str, object] = {
            "report": {"id": report.id, "title": report.title, "outlet": report.outlet,
                       "date": report.date_text, "date_precision": report.date_precision,
                       "context": report.context, "claims": len(report.claims),
                       "review": report.review},
            "units": snapshot_records(snap),
            "findings": [f.as_dict() for f in findings],
        }
        if verdicts is not None:
            doc["control"] = {"name": control.name if control else None,
                              "date": control.date.isoformat() if control and control.date
                              else None,
                              "date_warning": atlas.date_gap(report.id, control)
                              if control else None}
            doc["verdicts"] = _records(verdicts)
        print_json(doc)
        return 0
    print(f"{report.id} ({report.date_text}, {report.outlet}): {report.title}")
    if not report.reviewed:
        print("UNREVIEWED draft: its claims were extracted by rule and no person has checked "
              "them (see each claim's `review` in the file).")
    print()
    table = claims_table(snap, verdicts).reset_index()
    print_table(table.to_dict("records"), list(table.columns))
    missing = int((snap["status"] == "no_claim").sum())
    if args.all_units and missing:
        print()
        print("Units without any claim up to " + report.id + ": " + ", ".join(
            f"{n} ({c})" for c, n in snap.loc[snap["status"] == "no_claim", "name_en"].items()))
    elif missing:
        print(f"({missing} units without any claim up to {report.id}; --all-units lists them)")
    print()
    print(f"Findings ({len(findings)}):")
    for f in findings:
        print(f"  [{f.severity}] {f.message}")
    if verdicts is not None and control is not None:
        print()
        print(f"Claims against the control layer {control.name}"
              + (f" ({control.date.isoformat()})" if control.date else "") + ":")
        for v in verdicts.to_dict("records"):
            print(f"  [{v['verdict']}] {verdict_sentence(v)}")
    return 0


def _records(frame: object) -> list[dict[str, object]]:
    import json

    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    out: list[dict[str, object]] = json.loads(
        frame.reset_index(drop=True).to_json(orient="records", force_ascii=False,
                                             double_precision=6))
    return out


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
    if not len(rs) and not n_bad:
        raise FrontlineError(f"no report files (.yaml) in {', '.join(map(str, paths))}; give "
                             "report files or folders that hold them.")
    # an id that the built-in (or saved) reports already use would be refused next to them
    if args.paths:
        from geo.reports import report_paths

        others = {r.id: r for r in load_reports(paths=report_paths(None))}
        for r in rs:
            o = others.get(r.id)
            if o is not None and o.path is not None and r.path is not None and \
                    o.path.resolve() != r.path.resolve():
                print(f"{r.path}: id {r.id} is already used by {o.path}; it would be "
                      "refused beside it. Pick another id.", file=sys.stderr)
                n_bad += 1
    _same_unit_notes(rs)
    valid = f"; valid: {', '.join(rs.ids)}" if len(rs) else ""
    print(f"{len(rs)} report file{'s' if len(rs) != 1 else ''} valid"
          f"{'' if not n_bad else f', {n_bad} invalid (problems listed above)'}{valid}")
    return 1 if n_bad else 0


def _same_unit_notes(reports: ReportSet) -> None:
    """A note (stderr) for each unit a valid report gives a share of in two or more
    claims: the claims, the unit and the one the map uses (not an error: news language
    often says it twice; ``show`` prints the finding that compares them)."""
    from geo.boundaries import load_units
    from geo.snapshot import occupier, unit_readings

    units = load_units()
    areas = {str(k): float(v) for k, v in units["official_area_km2"].items()}
    for r in reports:
        try:
            readings = unit_readings(r, areas)
        except FrontlineError:  # a unit or figure the report checks already refused
            continue
        for code, found in readings.items():
            if len(found) < 2:
                continue
            ids = ", ".join(u.claim.id for u in found)
            print(f"{r.path}: note: {len(found)} claims give {occupier(code).capitalize()}'s "
                  f"share of {units.loc[code, 'name_en']} ({code}): {ids}; the map uses "
                  f"{found[0].claim.id}. `frontline show {r.id}` compares them.",
                  file=sys.stderr)


# ---------------------------------------------------------------- warm
@command("warm", "derive and keep every report's layers and map page, so the app starts at once")
def _configure_warm(p: argparse.ArgumentParser) -> None:
    add_reports_dir(p)
    p.set_defaults(func=_cmd_warm)


def _cmd_warm(args: argparse.Namespace) -> int:
    import time

    from layers.report_map import report_page

    t0 = time.perf_counter()
    atlas = make_atlas(args)
    for rid in atlas.reports.ids:
        report_page(atlas, rid)
    atlas.timeline()
    store = atlas.store
    assert store is not None
    print(f"frontline warm: {len(atlas.reports.ids)} report(s) ready in {store.folder} "
          f"({store.misses} results derived, {store.hits} read back: layer sets, map pages, "
          f"the timeline) in "
          f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0
