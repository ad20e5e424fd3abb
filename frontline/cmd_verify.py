"""``frontline verify``: is the claim true? Every quantitative claim against mapped control.

``frontline verify REPORT --control FILE [--date D] [--json]``
    Each quantitative claim in force in the report (its own, and the earlier claims its
    snapshot carries forward, with ``--own`` only its own) against the control layer:
    the measured share and km² of the side the claim is about, the boundary tolerance,
    and a verdict -- consistent, overstated or understated by N points (km²), or not
    checkable (:mod:`geo.verify`).
``frontline verify REPORT --history INPUT... [--within DAYS]``
    The same against the snapshot of a history nearest the report's date (within
    ``--within`` days; a month-dated report: the 15th, 15 more days of slack).
``frontline verify --all --history INPUT...``
    Every claim of every report, each against the snapshot nearest its own report.

A pace claim ("captured about 500 km² in October") is checked against the days of its
period with ``--history`` (:mod:`geo.pace_claims`), and is not checkable against one layer.

Exit status 0 (the verdicts are the result, not a failure), 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from frontline.cli import command, print_json, print_table
from frontline.common import (
    NEAR_DAYS,
    add_control,
    add_reports_dir,
    load_control_arg,
    make_atlas,
    stale_records,
)

__all__: list[str] = []


@command("verify", "check a report's claims against mapped control: a verdict per claim")
def _configure_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="REPORT", nargs="?", help="report id, e.g. R1")
    add_control(p, history=False)
    p.add_argument("--history", nargs="+", metavar="INPUT",
                   help="a history of control layers (folders, zips, dated GeoJSON or "
                        "GeoParquet): each report against the snapshot nearest its date")
    p.add_argument("--within", type=int, default=NEAR_DAYS, metavar="DAYS",
                   help="with --history: the farthest a snapshot may be from the report's "
                        "date (default 7)")
    p.add_argument("--all", action="store_true",
                   help="with --history: every claim of every report")
    p.add_argument("--own", action="store_true",
                   help="only the report's own claims (not those carried forward)")
    p.add_argument("--no-cache", action="store_true",
                   help="with --history: do not use the parsed-history cache")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_reports_dir(p)
    p.set_defaults(func=_cmd_verify)


def _check_args(args: argparse.Namespace) -> None:
    from geo.errors import FrontlineError

    if args.history and args.control:
        raise FrontlineError("give --control FILE (one layer) or --history INPUT (many "
                             "days), not both.")
    if not args.history and not args.control:
        raise FrontlineError("expected --control FILE or --history INPUT...: `frontline "
                             "verify R1 --control day.geojson` or `frontline verify --all "
                             "--history DIR`.")
    if args.all and not args.history:
        raise FrontlineError("--all checks every report against a history; add --history "
                             "INPUT (one layer has one date).")
    if args.all == (args.report_id is not None):
        raise FrontlineError("give a REPORT id or --all, not both (nor neither).")
    if args.within < 0:
        raise FrontlineError(f"--within: expected a number of days >= 0; got {args.within}.")


def _cmd_verify(args: argparse.Namespace) -> int:
    from geo.labels import verdict_sentence, verdict_table
    from geo.verify import summary

    _check_args(args)
    if args.history:
        return _verify_history(args)
    atlas = make_atlas(args)
    report = atlas.report(args.report_id)
    control = load_control_arg(args, "verify", report_ids=[report.id], atlas=atlas)
    assert control is not None
    verdicts = atlas.verify(report.id, control, carried=not args.own)
    stale = [] if args.own else stale_records(atlas, [report.id])
    counts = summary(verdicts)
    if args.json:
        records: list[dict[str, Any]] = json.loads(verdicts.reset_index(drop=True).to_json(
            orient="records", force_ascii=False, double_precision=6))
        for rec, sentence in zip(records, (verdict_sentence(r) for r in
                                           verdicts.to_dict("records")), strict=True):
            rec["sentence"] = sentence
        print_json({
            "report": {"report_id": report.id, "report_outlet": report.outlet,
                       "report_date": report.date_text, "title": report.title},
            "control": {"name": control.name,
                        "date": control.date.isoformat() if control.date else None,
                        "date_warning": atlas.date_gap(report.id, control),
                        "notes": list(control.notes),
                        "held_notes": list(atlas.held(report.id, control=control).notes)},
            "summary": counts,
            "verdicts": records,
            "stale_claims": stale,
        })
        return 0
    when = f" of {control.date.isoformat()}" if control.date else ""
    print(f"{report.id} ({report.date_text}, {report.outlet}) against {control.name}{when}")
    print("Each claim is compared with the ground the layer shows held by the side it names; "
          "tolerance = the unit's boundary-mismatch strips (coast, state border).")
    print("A unit's share is of its polygon (land and inland water, as maps draw it), "
          "Ukraine's of its official area; the note says where the other basis (a unit's "
          "official area, Ukraine's polygons) would change the verdict.")
    print()
    table = verdict_table(verdicts)
    print_table(table.to_dict("records"), list(table.columns))
    print()
    for v in verdicts.to_dict("records"):
        print(f"  [{v['verdict']}] {verdict_sentence(v)}")
    _print_stale(stale)
    print()
    print(", ".join(f"{n} {k}" for k, n in counts.items()) + f" ({len(verdicts)} checks)")
    return 0




def _print_stale(stale: list[dict[str, Any]]) -> None:
    from geo.labels import age_text
    from geo.snapshot import STALE_AFTER_DAYS

    for s in stale:
        print(f"  stale, not checked: {s['claim_id']} ({s['units']}), from "
              f"{s['claim_report_id']} ({s['claim_date']}), {age_text(s['age_days'])} before "
              f"{s['report_id']}: over {STALE_AFTER_DAYS} days old, so not taken as in force "
              f"(`frontline verify {s['claim_report_id']}` checks it at its own date)")


def _verify_history(args: argparse.Namespace) -> int:
    from frontline.common import read_history_arg, read_options
    from geo.labels import measured_text, verdict_label, verdict_sentence
    from geo.verify import summary

    atlas = make_atlas(args)
    ids = None if args.all else [atlas.report(args.report_id).id]
    history = read_history_arg(args.history, cache=not args.no_cache, cmd="verify",
                               options=read_options(args))
    carried = not args.all and not args.own
    verdicts = atlas.verify_history(history, within_days=args.within, report_ids=ids,
                                    carried=carried)
    stale = stale_records(atlas, ids or []) if carried else []
    counts = summary(verdicts)
    if args.json:
        records: list[dict[str, Any]] = json.loads(verdicts.reset_index(drop=True).to_json(
            orient="records", force_ascii=False, double_precision=6, date_format="iso"))
        for rec, v in zip(records, verdicts.to_dict("records"), strict=True):
            rec["sentence"] = verdict_sentence(v)
            rec["snapshot_date"] = (v["snapshot_date"].isoformat()
                                    if v["snapshot_date"] is not None else None)
        print_json({"history": {"days": len(history), "first": str(history.dates[0]),
                                "last": str(history.dates[-1]), "missing": history.gap_text()},
                    "within_days": args.within, "summary": counts, "verdicts": records,
                    "stale_claims": stale})
        return 0
    rows = []
    for v in verdicts.to_dict("records"):
        snap = v["snapshot_date"]
        rows.append({
            "report": f"{v['report_id']} ({v['report_date']})",
            "snapshot": "no map near" if snap is None else
            f"{snap} ({int(v['days_apart']):+d} d)" if v["days_apart"] else str(snap),
            "claim": v["claim_id"], "where": v["name"], "side": str(v["side"]).title(),
            "claimed": v["claim_text"],
            "measured": "" if v["verdict"] == "not checkable" else
            measured_text(v) if v["kind"] == "pace" else  # km² over a period, no share
            f"{v['measured_pct']:.1f} % ({v['measured_km2']:,.0f} km²)",
            "verdict": verdict_label(v) if v["verdict"] != "not checkable" else
            f"not checkable: {v.get('reason')}",
        })
    print(f"Claims against the snapshot nearest each report's date (within {args.within} "
          "days; a month-dated report: the 15th, with 15 more days):")
    print_table(rows, list(rows[0]) if rows else ["report"])
    for v in verdicts.to_dict("records"):  # a pace verdict's flows and maps, in words
        if v["kind"] == "pace" and v["verdict"] != "not checkable":
            print(f"  [{v['verdict']}] {verdict_sentence(v)}")
    _print_stale(stale)
    print()
    print(", ".join(f"{n} {k}" for k, n in counts.items()) + f" ({len(verdicts)} checks)")
    return 0
