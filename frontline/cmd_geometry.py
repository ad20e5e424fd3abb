"""``frontline measure`` and ``frontline schematic --shares``: the geometry engine from a shell.

``measure CONTROL.geojson [--json]``
    Controlled km² and share per unit of a real control layer, and totals for Ukraine.
``schematic --shares UA-14=75.5,UA-23=73.6 [--out FILE]``
    Schematic control zones as a GeoJSON FeatureCollection (``schematic: true``).
"""

from __future__ import annotations

import argparse
import json
import sys

from frontline.cli import command, print_json, print_table
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


@command("schematic", "schematic control zones for shares per unit, as GeoJSON")
def _configure_schematic(p: argparse.ArgumentParser) -> None:
    p.add_argument("--shares", required=True,
                   help="percent held per unit, e.g. UA-14=75.5,UA-23=73.6")
    p.add_argument("--out", help="write the GeoJSON here instead of stdout")
    p.add_argument("--resolution", type=float, default=1000.0,
                   help="raster cell side in metres (default 1000)")
    p.set_defaults(func=_cmd_schematic)


def _cmd_schematic(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.schematic import parse_shares, schematic_zones

    shares = parse_shares(args.shares)
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
