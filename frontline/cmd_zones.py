"""Sub-commands on what a report implies: ``zones``, ``compare`` and ``export``.

``frontline zones REPORT_ID [--control FILE] [--dmz-width KM] [--depth KM] [--end E] [--json]
[--out FILE]``
    Every zone the report implies (:func:`geo.zones.implied_zones`): kind, units, km²
    (km for lines), people in cities and the largest cities; ``--out`` writes the zones
    as an RFC 7946 GeoJSON FeatureCollection with the report's provenance.
``frontline compare A B [--json]``
    Per-unit change of the claimed share from report A to report B
    (:func:`geo.compare.compare_snapshots`).
``frontline export REPORT_ID --out DIR [--format geojson|gpkg] [--control FILE]``
    Every layer of the report (:meth:`geo.layerset.LayerSet.export_layers`) as GeoJSON
    files plus a zip of them, or as one GeoPackage, inside ``DIR``.

All computation is in ``geo/``; this module only loads, calls and formats.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontline.cli import command, print_json, print_table
from frontline.cmd_reports import _add_dir, _load
from geo.errors import FrontlineError

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.reports import Report

__all__: list[str] = []


# ---------------------------------------------------------------- shared helpers
def _add_control(p: argparse.ArgumentParser) -> None:
    p.add_argument("--control", metavar="FILE",
                   help="GeoJSON of Russian-held territory (EPSG:4326); replaces the "
                        "schematic zones")


def _load_control(path: str | None, cmd: str) -> gpd.GeoDataFrame | None:
    """The control layer of ``--control`` (None without one); repair notes to stderr."""
    if path is None:
        return None
    from geo.control import load_control

    control, notes = load_control(path)
    for note in notes:
        print(f"frontline {cmd}: note: {path}: {note}", file=sys.stderr)
    return control


def _provenance(report: Report) -> dict[str, Any]:
    return {"report_id": report.id, "report_outlet": report.outlet,
            "report_date": report.date_text}


def _write(path: Path, data: str | bytes, what: str) -> int:
    """Write ``data`` to ``path``; the number of bytes written."""
    try:
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
    except OSError as exc:
        raise FrontlineError(f"{what}: cannot write {str(path)!r}: {exc.strerror}.") from None
    return len(data)


def _size(n: int) -> str:
    return f"{n:,} B" if n < 1024 else (f"{n / 1024:,.1f} kB" if n < 1024**2
                                        else f"{n / 1024**2:,.1f} MB")


# ---------------------------------------------------------------- zones
@command("zones", "every zone a report implies: kind, units, km², people in cities")
def _configure_zones(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="REPORT_ID", help="report id, e.g. R5")
    _add_control(p)
    p.add_argument("--dmz-width", type=float, default=20.0, metavar="KM",
                   help="total width of a demilitarized band (default 20)")
    p.add_argument("--depth", type=float, default=100.0, metavar="KM",
                   help="distance of the deterrence line behind the line of contact "
                        "(default 100)")
    p.add_argument("--end", choices=["central", "low", "high"], default="central",
                   help="which end of each claimed interval the held zones are grown to")
    p.add_argument("--cities", type=int, default=5, metavar="N",
                   help="cities listed per zone in the table output (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", metavar="FILE", help="also write the zones as GeoJSON here")
    _add_dir(p)
    p.set_defaults(func=_cmd_zones)


def _cmd_zones(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.export import to_geojson
    from geo.zones import ZoneOptions, implied_zones, zone_records

    rs = _load(args.reports_dir)
    report = rs.get(args.report_id)  # FrontlineError naming the known ids
    control = _load_control(args.control, "zones")
    options = ZoneOptions(dmz_width_km=args.dmz_width, deterrence_depth_km=args.depth,
                          end=args.end)
    zones = implied_zones(report.id, rs, load_units(), control=control, options=options)
    records = zone_records(zones)
    schematic = bool(zones.attrs.get("schematic", control is None))
    if args.out:
        provenance = {**_provenance(report), "schematic": schematic}
        text = to_geojson(zones, provenance=provenance, name=f"{report.id} implied zones")
        _write(Path(args.out), text, "--out")
        print(f"wrote {len(zones)} zone(s) of {report.id} to {args.out}", file=sys.stderr)
    if args.json:
        print_json({
            "report": {**_provenance(report), "title": report.title},
            "schematic": schematic,
            "control": args.control,
            "options": {"dmz_width_km": options.dmz_width_km,
                        "deterrence_depth_km": options.deterrence_depth_km, "end": options.end},
            "zones": records,
        })
        return 0
    print(f"{report.id} ({report.date_text}, {report.outlet}): {report.title}")
    basis = ("schematic held zones grown from the claimed shares "
             f"({options.end} end of each interval; illustrative, not a mapped front)"
             if schematic else f"held zones measured from the control layer {args.control}")
    print(f"Basis: {basis}")
    print()
    rows: list[dict[str, object]] = []
    for r in records:
        if r["area_km2"]:
            size = f"{r['area_km2']:,.1f} km²"
        elif r["length_km"]:
            size = f"{r['length_km']:,.1f} km"
        else:
            size = "point" if r["kind"] == "facility" else "-"
        rows.append({**r, "size": size, "people_in_cities": f"{r['people_in_cities']:,}",
                     "schematic": "yes" if r["schematic"] else "no"})
    print_table(rows, ["zone_id", "kind", "units", "size", "city_count", "people_in_cities",
                       "schematic", "claim_ids"])
    print()
    for r in records:
        print(f"{r['zone_id']}: {r['label']}")
        cities = sorted(r["cities"], key=lambda c: -int(c["population"]))
        if cities and args.cities > 0:
            shown = "; ".join(
                f"{c['name']} {int(c['population']):,}" + (" (city section)"
                                                           if c["is_section"] else "")
                for c in cities[: args.cities])
            more = len(cities) - args.cities
            print(f"    cities: {shown}" + (f"; +{more} more" if more > 0 else ""))
    return 0


# ---------------------------------------------------------------- compare
@command("compare", "per-unit change in claimed share from report A to report B")
def _configure_compare(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_a", metavar="A", help="the earlier report id, e.g. R1")
    p.add_argument("report_b", metavar="B", help="the later report id, e.g. R5")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_dir(p)
    p.set_defaults(func=_cmd_compare)


def _pct(x: object) -> str:
    return "" if not isinstance(x, int | float) else f"{x:.2f}".rstrip("0").rstrip(".")


def _share_text(r: dict[str, Any], side: str) -> str:
    c, lo, hi = r[f"share_{side}"], r[f"share_{side}_low"], r[f"share_{side}_high"]
    if c is None:
        return "-"
    return f"{_pct(c)} %" if _pct(lo) == _pct(hi) else f"{_pct(c)} % ({_pct(lo)}–{_pct(hi)})"


def _cmd_compare(args: argparse.Namespace) -> int:
    import pandas as pd

    from geo.boundaries import load_units
    from geo.compare import DELTA_COLUMNS, compare_snapshots
    from geo.snapshot import snapshot

    rs = _load(args.reports_dir)
    rep_a, rep_b = rs.get(args.report_a), rs.get(args.report_b)
    units = load_units()
    delta = compare_snapshots(snapshot(rep_a.id, rs, units), snapshot(rep_b.id, rs, units))
    frame = pd.DataFrame(delta[list(DELTA_COLUMNS)]).reset_index()
    records: list[dict[str, Any]] = json.loads(
        frame.to_json(orient="records", force_ascii=False, double_precision=6))
    if args.json:
        doc: dict[str, Any] = {"a": {**_provenance(rep_a), "title": rep_a.title},
                               "b": {**_provenance(rep_b), "title": rep_b.title},
                               "units": records}
        print_json(doc)
        return 0
    print(f"A = {rep_a.id} ({rep_a.date_text}, {rep_a.outlet}); "
          f"B = {rep_b.id} ({rep_b.date_text}, {rep_b.outlet})")
    print("Shares are percent held by the occupying side (held_by); delta = B - A.")
    print()
    shown = [r for r in records if r["direction"] != "no claim"]
    rows: list[dict[str, object]] = []
    for r in shown:
        d_pts, d_km2 = r["delta_share_pct"], r["delta_km2"]
        rows.append({
            "code": r["code"], "name": r["name_en"], "held_by": r["held_by"],
            f"share {rep_a.id}": _share_text(r, "a"), f"share {rep_b.id}": _share_text(r, "b"),
            "delta_pts": "" if d_pts is None else f"{d_pts:+.2f}",
            "delta_km2": "" if d_km2 is None else f"{d_km2:+,.1f}",
            "direction": r["direction"], "significant": "yes" if r["significant"] else "no",
            "sources": f"{r['source_a'] or '-'} -> {r['source_b'] or '-'}",
        })
    print_table(rows, ["code", "name", "held_by", f"share {rep_a.id}", f"share {rep_b.id}",
                       "delta_pts", "delta_km2", "direction", "significant", "sources"])
    left_out = len(records) - len(shown)
    print()
    print("significant = the two claimed intervals do not overlap; "
          f"{sum(1 for r in shown if r['significant'])} of {len(shown)} units.")
    if left_out:
        print(f"({left_out} units without a claim in either report are left out; "
              "--json lists every unit)")
    return 0


# ---------------------------------------------------------------- export
@command("export", "write every layer of a report as GeoJSON (+ zip) or a GeoPackage")
def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="REPORT_ID", help="report id, e.g. R5")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="directory to write into (created if needed)")
    p.add_argument("--format", choices=["geojson", "gpkg"], default="geojson",
                   help="geojson: one <layer>.geojson per layer plus <REPORT_ID>-layers.zip; "
                        "gpkg: one <REPORT_ID>.gpkg (default geojson)")
    _add_control(p)
    _add_dir(p)
    p.set_defaults(func=_cmd_export)


def _stem(report_id: str) -> str:
    """A file-name-safe form of a report id (ids are ``[A-Za-z][A-Za-z0-9_]*`` already)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", report_id).strip("_") or "report"


def _inside(directory: Path, name: str) -> Path:
    """``directory / name``, refusing anything that would land outside ``directory``."""
    path = directory / name
    if path.resolve().parent != directory.resolve():  # pragma: no cover - names are sanitized
        raise FrontlineError(f"--out: refusing to write {name!r} outside {str(directory)!r}.")
    return path


def _cmd_export(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.export import layers_gpkg, layers_zip, safe_layer_name, to_geojson
    from geo.layerset import build_layerset

    rs = _load(args.reports_dir)
    report = rs.get(args.report_id)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise FrontlineError(f"--out: {str(out)!r} exists and is not a directory; "
                             "give a directory (it is created if needed).")
    control = _load_control(args.control, "export")
    layerset = build_layerset(report.id, rs, load_units(), control=control,
                              control_name=Path(args.control).name if args.control else "")
    layers = layerset.export_layers()
    names = {name: safe_layer_name(name) for name in layers}
    if len(set(names.values())) != len(names):  # pragma: no cover - fixed layer names
        raise FrontlineError(f"layer names collide after sanitizing: {sorted(names)}.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FrontlineError(f"--out: cannot create {str(out)!r}: {exc.strerror}.") from None
    written: list[dict[str, object]] = []
    if args.format == "geojson":
        for name, layer in layers.items():
            path = _inside(out, names[name] + ".geojson")
            n = _write(path, to_geojson(layer, name=name), "--out")
            written.append({"file": str(path), "layer": name, "features": len(layer),
                            "size": _size(n)})
        path = _inside(out, f"{_stem(report.id)}-layers.zip")
        n = _write(path, layers_zip(layers), "--out")
        written.append({"file": str(path), "layer": f"all {len(layers)} layers",
                        "features": sum(len(v) for v in layers.values()), "size": _size(n)})
    else:
        path = _inside(out, f"{_stem(report.id)}.gpkg")
        n = _write(path, layers_gpkg(layers), "--out")
        for i, (name, layer) in enumerate(layers.items()):
            written.append({"file": str(path) if i == 0 else "", "layer": names[name],
                            "features": len(layer), "size": _size(n) if i == 0 else ""})
    kind = "schematic zones" if layerset.schematic else f"control layer {args.control}"
    print(f"{report.id} ({report.date_text}, {report.outlet}): {len(layers)} layers, {kind}")
    print_table(written, ["file", "layer", "features", "size"])
    return 0
