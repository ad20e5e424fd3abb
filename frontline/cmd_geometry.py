"""``frontline measure`` and ``frontline schematic``: the geometry engine from a shell.

``measure CONTROL.geojson [--date D] [--json] [--all]``
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
from pathlib import Path

from frontline.cli import command, print_json, print_table
from frontline.common import (
    add_reading,
    add_reports_dir,
    check_out,
    load_control_arg,
    parse_day,
    write_file,
)
from geo.errors import FrontlineError


@command("measure", "measure a control layer: held and contested km² and share per unit")
def _configure_measure(p: argparse.ArgumentParser) -> None:
    p.add_argument("control", help="a layer of mapped control: GeoJSON (also .geojson.gz), "
                                   "KML, KMZ, Shapefile (.zip or .shp), GeoPackage, FlatGeobuf "
                                   "or GeoParquet; read by class (see --classes)")
    p.add_argument("--date", type=parse_day, metavar="YYYY-MM-DD",
                   help="for a file that holds several days: the day to measure")
    p.add_argument("--side", choices=["russia", "ukraine"], default="russia",
                   help="whose ground to measure (default russia)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--all", action="store_true",
                   help="list every unit (default: units with controlled area)")
    add_reading(p, dates=False)
    p.set_defaults(func=_cmd_measure)


def _cmd_measure(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.measure import SEA, measure_control

    control = load_control_arg(argparse.Namespace(
        control=args.control, date=args.date, classes=args.classes, map=args.map,
        layer=args.layer), "measure")
    assert control is not None
    result = measure_control(control, load_units(), side=args.side)
    out = result.to_dict()
    out["date"] = control.date.isoformat() if control.date else None
    out["notes"] = list(control.notes)
    out["schema"] = control.schema
    out["classes"] = [{"class": c.label, "state": c.state, "features": c.features,
                       "km2_in_ukraine": round(c.km2, 1), "km2_total": round(c.km2_total, 1)}
                      for c in control.classes]
    if args.json:
        print_json(out)
        return 0
    grey = control.contested is not None
    rows = out["units"] if args.all else [
        r for r in out["units"] if r["controlled_km2"] > 0 or r["contested_km2"] > 0]
    print(f"{control.name}" + (f" ({control.date.isoformat()})" if control.date else "")
          + f": ground held by {args.side.title()}" + (" and contested ground" if grey else "")
          + f"; read as {control.schema}")
    print_table(rows, ["code", "name", "area_km2", "controlled_km2", "share_pct",
                       "official_area_km2", "share_official_pct"]
                + (["contested_km2", "contested_pct"] if grey else []))
    print(f"\ntotal_controlled_km2 {out['total_controlled_km2']:,.1f}  "
          f"total_share_pct {out['total_share_pct']:.2f} (of Ukraine's "
          f"{out['total_area_km2']:,.0f} km², the official areas of its 27 units)"
          + (f"\ntotal_contested_km2 {out['total_contested_km2']:,.1f}  total_contested_pct "
             f"{out['total_contested_pct']:.2f}  (held or contested: "
             f"{out['total_controlled_km2'] + out['total_contested_km2']:,.1f} km²)"
             if grey else ""))
    overhang = sum(float(r.get("overhang_km2") or 0.0) for r in out["units"])
    if overhang > 0:
        print(f"past the state border, in Russia's border oblasts: {overhang:,.1f} km² of thin "
              "strips (the layer's border line, not a hold; overhang_km2 per unit)")
    outside = out["outside_units_km2"]
    if outside:
        print("outside every unit (counted for none): " + ", ".join(
            f"{v:,.1f} km² over {'the sea' if k == SEA else k}" for k, v in outside.items()))
    print("share_pct is of the unit's polygon (land and inland water, as maps draw it); "
          "share_official_pct of its official area (statistics, which also count the "
          "estuaries and bays a polygon leaves out).")
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
    p.add_argument("--resolution", type=float, default=None,
                   help="raster cell side in metres (default 1000; with --shares only)")
    add_reports_dir(p)
    p.set_defaults(func=_cmd_schematic)


#: How ``schematic`` prints to standard output (said when --out names /dev/stdout).
_STDOUT = "To print the GeoJSON to standard output, leave out --out."


def _cmd_schematic(args: argparse.Namespace) -> int:
    import geopandas as gpd

    from geo.export import to_geojson
    from geo.provenance import provenance

    if args.report_id is not None and args.shares is not None:
        raise FrontlineError(f"give either REPORT_ID ({args.report_id!r}) or --shares, not "
                             "both: `frontline schematic R1` or `frontline schematic --shares "
                             "UA-14=75.5`.")
    if args.report_id is None and args.shares is None:
        raise FrontlineError("expected a REPORT_ID or --shares: `frontline schematic R1` or "
                             "`frontline schematic --shares UA-14=75.5,UA-23=73.6`.")
    if args.out:
        check_out(Path(args.out), "--out", _STDOUT)
    basis = "schematic zone grown to a share (illustrative, not a mapped front line)"
    if args.shares is not None:
        from geo.boundaries import load_units
        from geo.schematic import parse_shares, schematic_zones

        if args.end is not None:
            raise FrontlineError("--end applies to REPORT_ID only; --shares gives one share "
                                 "per unit.")
        args.resolution = 1000.0 if args.resolution is None else args.resolution
        from geo.schematic.zones import check_resolution

        shares, units = parse_shares(args.shares), load_units()
        check_resolution(shares, units, args.resolution, argument="--resolution")
        zones: gpd.GeoDataFrame = schematic_zones(shares, units, resolution_m=args.resolution)
        props = provenance(None, schematic=True, basis=basis)
    else:
        if args.resolution is not None:  # a report's zones are the atlas's, at 1 km
            raise FrontlineError(f"--resolution applies to --shares only; got "
                                 f"{args.resolution:g} with REPORT_ID {args.report_id!r}, whose "
                                 "zones are drawn at 1,000 m (use --shares for another "
                                 "resolution).")
        from frontline.common import make_atlas
        from geo.zones import ZoneOptions

        atlas = make_atlas(args)
        end = args.end or "central"
        ls = atlas.layerset(atlas.report(args.report_id).id, options=ZoneOptions(end=end))
        zones = ls.held_zones.copy()
        snap = ls.snapshot
        for col, src in (("claim_id", "claim_id"), ("claim_report_id", "report_id"),
                         ("claim_status", "status"), ("interval_text", "interval_text")):
            zones[col] = [snap.loc[c, src] if c in snap.index else None for c in zones.index]
        zones = zones.drop(columns=["side", "basis", "source", "unit_area_km2"],
                           errors="ignore")
        props = ls.provenance(basis=basis) | {"share_end": end}
    zones = zones[~zones.geometry.is_empty].copy()
    zones["label"] = [f"schematic zone, not a mapped front line: {s:.1f}% of {n}"
                      for s, n in zip(zones["share_pct"], zones["name_en"], strict=True)]
    zones = zones.rename(columns={"name_en": "name"})
    text = to_geojson(zones, provenance=props, name="schematic control zones",
                      members={"schematic": True})
    if args.out:
        write_file(Path(args.out), text, "--out", _STDOUT)
        print(f"wrote {len(zones)} schematic zone(s) to {args.out}", file=sys.stderr)
    else:
        print_json(json.loads(text))
    return 0
