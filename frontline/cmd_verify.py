"""``frontline verify``: is the claim true? Every quantitative claim against mapped control.

``frontline verify REPORT --control FILE [--date D] [--json]``
    Each quantitative claim in force in the report (its own, and the earlier claims its
    snapshot carries forward, with ``--own`` only its own) against the control layer:
    the measured share and km² of the side the claim is about, the boundary tolerance,
    and a verdict -- consistent, overstated or understated by N points (km²), or not
    checkable (:mod:`geo.verify`). Exit status 0 (the verdicts are the result, not a
    failure), 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from frontline.cli import command, print_json, print_table
from frontline.common import add_control, add_reports_dir, load_control_arg, make_atlas

__all__: list[str] = []


@command("verify", "check a report's claims against a mapped control layer: verdict per claim")
def _configure_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="REPORT", help="report id, e.g. R1")
    add_control(p, required=True)
    p.add_argument("--own", action="store_true",
                   help="only the report's own claims (not those carried forward)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_reports_dir(p)
    p.set_defaults(func=_cmd_verify)


def _cmd_verify(args: argparse.Namespace) -> int:
    from geo.labels import verdict_sentence, verdict_table
    from geo.verify import summary

    atlas = make_atlas(args)
    report = atlas.report(args.report_id)
    control = load_control_arg(args, "verify")
    assert control is not None
    verdicts = atlas.verify(report.id, control, carried=not args.own)
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
                        "notes": list(control.notes),
                        "held_notes": list(atlas.held(report.id, control=control).notes)},
            "summary": counts,
            "verdicts": records,
        })
        return 0
    when = f" of {control.date.isoformat()}" if control.date else ""
    print(f"{report.id} ({report.date_text}, {report.outlet}) against {control.name}{when}")
    print("Each claim is compared with the ground the layer shows held by the side it names; "
          "tolerance = the unit's boundary-mismatch strips (coast, state border).")
    print()
    table = verdict_table(verdicts)
    print_table(table.to_dict("records"), list(table.columns))
    print()
    for v in verdicts.to_dict("records"):
        print(f"  [{v['verdict']}] {verdict_sentence(v)}")
    print()
    print(", ".join(f"{n} {k}" for k, n in counts.items()) + f" ({len(verdicts)} checks)")
    return 0
