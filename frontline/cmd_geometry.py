"""``frontline measure`` and ``frontline schematic``: the geometry engine from a shell.

``measure CONTROL.geojson [--json]``
    Controlled km² and share per unit of a real control layer, and totals for Ukraine.
``schematic --shares UA-14=75.5,UA-23=73.6 [--out FILE]``
    Schematic control zones as a GeoJSON FeatureCollection (``schematic: true``).
``schematic REPORT_ID [--end central|low|high] [--out FILE]``
    The same for the Russian-held shares of Ukrainian units in the report's snapshot
    (the chosen end of each claimed interval), with the report's provenance.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from frontline.cli import command, print_json, print_table
from frontline.cmd_reports import _add_dir, _load
from geo.errors import FrontlineError


@command("measure", "measure a control layer (GeoJSON): controlled km² and share per unit")
def _configure_measure(p: argparse.ArgumentParser) -> None:
    p.add_argument("control", help="GeoJSON of controlled territory (EPSG:4326)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--all", action="store_true",
                   help="list every unit (default: units with controlled area)")
    p.set_defaults(func=_cmd_measure)


def _cmd_measure(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.control import load_control, measure_control

    control, notes = load_control(args.control)
    result = measure_control(control, load_units())
    for note in notes:
        print(f"frontline measure: note: {note}", file=sys.stderr)
    out = result.to_dict()
    for rec in out["units"]:
        for key in ("area_km2", "controlled_km2"):
            rec[key] = round(float(rec[key]), 1)
        rec["share_pct"] = round(float(rec["share_pct"]), 3)
    out["notes"] = notes
    if args.json:
        print_json(out)
        return 0
    rows = out["units"] if args.all else [r for r in out["units"] if r["controlled_km2"] > 0]
    print_table(rows, ["code", "name", "area_km2", "controlled_km2", "share_pct"])
    print(f"\ntotal_controlled_km2 {out['total_controlled_km2']:,.1f}  "
          f"total_share_pct {out['total_share_pct']:.2f} (of Ukraine's 27 units, "
          f"{out['total_area_km2']:,.0f} km²)")
    return 0


@command("schematic", "schematic control zones for shares per unit (or a report), as GeoJSON")
def _configure_schematic(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", nargs="?", metavar="REPORT_ID",
                   help="take the shares from this report's snapshot (e.g. R1); "
                        "give either REPORT_ID or --shares")
    p.add_argument("--shares",
                   help="percent held per unit, e.g. UA-14=75.5,UA-23=73.6")
    p.add_argument("--end", choices=["central", "low", "high"], default=None,
                   help="with REPORT_ID: which end of each claimed interval (default central)")
    p.add_argument("--out", help="write the GeoJSON here instead of stdout")
    p.add_argument("--resolution", type=float, default=1000.0,
                   help="raster cell side in metres (default 1000)")
    _add_dir(p)
    p.set_defaults(func=_cmd_schematic)


def _report_shares(args: argparse.Namespace) -> tuple[dict[str, float], dict[str, Any],
                                                       dict[str, dict[str, Any]]]:
    """Shares from the snapshot of ``args.report_id``: (shares, provenance, per-unit extras)."""

    from geo.boundaries import load_units
    from geo.snapshot import snapshot
    from geo.zones import drawn_shares

    rs = _load(args.reports_dir)
    report = rs.get(args.report_id)  # FrontlineError naming the known ids
    units = load_units()
    snap = snapshot(report.id, rs, units)
    end = args.end or "central"
    ua = units.index[units["country"] == "UA"]
    rows = snap[(snap["held_by"] == "russia") & snap.index.isin(ua)]
    shares, notes = drawn_shares(snap, units, end=end)
    provenance = {"report_id": report.id, "report_outlet": report.outlet,
                  "report_date": report.date_text, "share_end": end}
    extras = {
        code: {"claim_id": rows.loc[code, "claim_id"],
               "claim_report_id": rows.loc[code, "report_id"],
               "claim_status": rows.loc[code, "status"],
               "interval_text": rows.loc[code, "interval_text"],
               "note": notes.get(code, "")}
        for code in shares
    }
    return shares, provenance, extras


def _cmd_schematic(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.schematic import parse_shares, schematic_zones

    if args.report_id is not None and args.shares is not None:
        raise FrontlineError(f"give either REPORT_ID ({args.report_id!r}) or --shares, not "
                             "both: `frontline schematic R1` or `frontline schematic --shares "
                             "UA-14=75.5`.")
    if args.report_id is None and args.shares is None:
        raise FrontlineError("expected a REPORT_ID or --shares: `frontline schematic R1` or "
                             "`frontline schematic --shares UA-14=75.5,UA-23=73.6`.")
    provenance: dict[str, Any] = {}
    extras: dict[str, dict[str, Any]] = {}
    if args.shares is not None:
        if args.end is not None:
            raise FrontlineError("--end applies to REPORT_ID only; --shares gives one share "
                                 "per unit.")
        shares = parse_shares(args.shares)
    else:
        shares, provenance, extras = _report_shares(args)
    zones = schematic_zones(shares, load_units(), resolution_m=args.resolution)
    features = []
    for code, row in zones.iterrows():
        geom = row.geometry
        features.append({
            "type": "Feature",
            "properties": {
                "code": code, "name": row["name_en"],
                "target_share_pct": float(row["target_share_pct"]),
                "share_pct": float(row["share_pct"]), "area_km2": float(row["area_km2"]),
                "schematic": True, "method": row["method"], "touches": row["touches"],
                "label": f"schematic zone, not a mapped front line: {row['share_pct']:.1f}% "
                         f"of {row['name_en']}",
                **provenance, **extras.get(str(code), {}),
            },
            "geometry": None if geom is None or geom.is_empty else geom.__geo_interface__,
        })
    doc = {"type": "FeatureCollection", "schematic": True, "features": features}
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, ensure_ascii=False)
        except OSError as exc:
            raise FrontlineError(f"--out: cannot write {args.out!r}: {exc.strerror}.") from None
        print(f"wrote {len(features)} schematic zone(s) to {args.out}", file=sys.stderr)
    else:
        print_json(doc)
    return 0
