"""Sub-commands on what a report implies: ``zones``, ``compare`` and ``export``.

``frontline zones REPORT_ID [--control FILE] [--dmz-width KM] [--depth KM] [--end E] [--json]
[--out FILE]``
    Every zone the report implies (:func:`geo.zones.implied_zones`): kind, units, km²
    (km for lines), people in cities and the largest cities; ``--out`` writes the zones
    as an RFC 7946 GeoJSON FeatureCollection with the report's provenance.
``frontline compare A B [--control FILE] [--json]``
    Per-unit change of the claimed share from report A to report B
    (:func:`geo.compare.compare_snapshots`); with a control layer, both reports'
    claims against it.
``frontline render REPORT_ID --out map.png|map.svg|map.html [--control FILE] [--force]``
    A publishable map (:mod:`layers.publish`): a static map for an article, or a
    standalone HTML map that opens from disk with no server and no internet.
``frontline export REPORT_ID --out DIR [--format geojson|gpkg|kml] [--control FILE]``
    Every layer of the report (:meth:`geo.layerset.LayerSet.export_layers`) as GeoJSON
    files plus a zip of them, or as one GeoPackage, inside ``DIR``.

Everything goes through :class:`geo.layerset.Atlas`; this module only parses, calls and
formats.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from frontline.cli import command, print_json, print_table
from frontline.common import (
    add_control,
    add_reports_dir,
    check_out,
    history_layers,
    load_control_arg,
    make_atlas,
    size_text,
    write_file,
)
from geo.errors import FrontlineError

__all__: list[str] = []

_FLAGS = {"dmz_width_km": "--dmz-width (dmz_width_km)",
          "deterrence_depth_km": "--depth (deterrence_depth_km)", "end": "--end"}


def _records(frame: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = json.loads(frame.to_json(orient="records", force_ascii=False,
                                                         double_precision=6))
    return out


# ---------------------------------------------------------------- zones
@command("zones", "every zone a report implies: kind, units, km², people in cities")
def _configure_zones(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="REPORT_ID", help="report id, e.g. R5")
    add_control(p)
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
    add_reports_dir(p)
    p.set_defaults(func=_cmd_zones)


def _size(r: dict[str, Any]) -> str:
    if r["area_km2"]:
        return f"{r['area_km2']:,.1f} km²"
    if r["length_km"]:
        return f"{r['length_km']:,.1f} km"
    return "point" if r["kind"] == "facility" else "-"


def _cmd_zones(args: argparse.Namespace) -> int:
    from geo.export import to_geojson
    from geo.zones import ZoneOptions, zone_records

    if args.out:
        check_out(Path(args.out), "--out")
    atlas = make_atlas(args)
    report = atlas.report(args.report_id)  # FrontlineError naming the known ids
    options = ZoneOptions(dmz_width_km=args.dmz_width, deterrence_depth_km=args.depth,
                          end=args.end)
    options.validate(names=_FLAGS)
    control = load_control_arg(args, "zones", report_ids=[report.id], atlas=atlas)
    ls = atlas.layerset(report.id, control=control, options=options)
    records = zone_records(ls.zones)
    if args.out:
        text = to_geojson(ls.zones, provenance=ls.provenance(), name=f"{report.id} implied zones")
        write_file(Path(args.out), text, "--out")
        print(f"wrote {len(ls.zones)} zone(s) of {report.id} to {args.out}", file=sys.stderr)
    if args.json:
        print_json({
            "report": {"report_id": report.id, "report_outlet": report.outlet,
                       "report_date": report.date_text, "title": report.title},
            "schematic": ls.schematic,
            "control": ls.control_name or None,
            "held": {"basis": ls.held.basis, "source": ls.held.source,
                     "notes": list(ls.held.notes)},
            "options": {"dmz_width_km": options.dmz_width_km,
                        "deterrence_depth_km": options.deterrence_depth_km, "end": options.end},
            "zones": records,
        })
        return 0
    print(f"{report.id} ({report.date_text}, {report.outlet}): {report.title}")
    basis = ("schematic held zones grown from the claimed shares "
             f"({options.end} end of each interval; illustrative, not a mapped front)"
             if ls.schematic else ls.held.source)
    print(f"Basis: {basis}")
    for note in ls.held.notes:
        print(f"  note: {note}")
    print()
    rows = [{**r, "size": _size(r), "people_in_cities": f"{r['people_in_cities']:,}",
             "schematic": "yes" if r["schematic"] else "no"} for r in records]
    print_table(rows, ["zone_id", "kind", "units", "size", "city_count", "people_in_cities",
                       "schematic", "claim_ids"])
    print()
    for r in records:
        print(f"{r['zone_id']}: {r['label']}")
        cities = sorted(r["cities"], key=lambda c: -int(c["population"]))
        if cities and args.cities > 0:
            shown = "; ".join(
                f"{c['name']} {int(c['population']):,}"
                + (" (city section)" if c["is_section"] else "") for c in cities[: args.cities])
            more = len(cities) - args.cities
            print(f"    cities: {shown}" + (f"; +{more} more" if more > 0 else ""))
    return 0


# ---------------------------------------------------------------- compare
@command("compare", "per-unit change in claimed share from report A to report B")
def _configure_compare(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_a", metavar="A", help="the earlier report id, e.g. R1")
    p.add_argument("report_b", metavar="B", help="the later report id, e.g. R5")
    add_control(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_reports_dir(p)
    p.set_defaults(func=_cmd_compare)


def _cmd_compare(args: argparse.Namespace) -> int:
    import pandas as pd

    from geo.compare import DELTA_COLUMNS
    from geo.labels import central_range_text, verdict_table

    atlas = make_atlas(args)
    rep_a, rep_b = atlas.report(args.report_a), atlas.report(args.report_b)
    ids = [rep_a.id, rep_b.id]
    controls = (history_layers(args, "compare", ids, atlas) if args.history
                else dict.fromkeys(ids, load_control_arg(args, "compare", report_ids=ids,
                                                          atlas=atlas)))
    control = controls[rep_b.id] or controls[rep_a.id]
    delta = atlas.compare(rep_a.id, rep_b.id)
    records = _records(pd.DataFrame(delta[list(DELTA_COLUMNS)]).reset_index())
    # each report against its own layer; one with none (no mapped day near it) is drawn
    # schematically and has no verdicts, as in the app
    verdicts = {rid: atlas.verify(rid, layer) for rid, layer in controls.items()
                if layer is not None}
    later = "" if rep_a.sort_key <= rep_b.sort_key else (
        f"note: A ({rep_a.id}, {rep_a.date_text}) is later than B ({rep_b.id}, "
        f"{rep_b.date_text}); deltas run from A to B all the same.")
    if args.json:
        doc: dict[str, Any] = {
            "a": {"report_id": rep_a.id, "report_outlet": rep_a.outlet,
                  "report_date": rep_a.date_text, "title": rep_a.title},
            "b": {"report_id": rep_b.id, "report_outlet": rep_b.outlet,
                  "report_date": rep_b.date_text, "title": rep_b.title},
            "units": records,
        }
        if control is not None:
            doc["control"] = control.name
            doc["controls"] = {rid: None if layer is None else
                               {"name": layer.name,
                                "date": layer.date.isoformat() if layer.date else None}
                               for rid, layer in controls.items()}
            doc["verdicts"] = {rid: _records(v.reset_index(drop=True))
                               for rid, v in verdicts.items()}
        print_json(doc)
        return 0
    if later:
        print(later, file=sys.stderr)
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
            f"share {rep_a.id}": central_range_text(r, "share_a"),
            f"share {rep_b.id}": central_range_text(r, "share_b"),
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
    for rid, v in verdicts.items():
        print()
        layer = controls[rid]
        when = f" of {layer.date}" if layer is not None and layer.date else ""
        print(f"Claims in force in {rid} against the control layer "
              f"{layer.name if layer else ''}{when}:")
        table = verdict_table(v)
        print_table(table.to_dict("records"), list(table.columns))
    return 0


# ---------------------------------------------------------------- export
@command("export", "write every layer of a report as GeoJSON (+ zip) or a GeoPackage")
def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="REPORT_ID", help="report id, e.g. R5")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="directory to write into (created if needed)")
    p.add_argument("--format", choices=["geojson", "gpkg", "kml"], default="geojson",
                   help="geojson: one <layer>.geojson per layer plus <REPORT_ID>-layers.zip; "
                        "gpkg: one <REPORT_ID>.gpkg; kml: one <REPORT_ID>.kml for Google Earth, "
                        "a folder per layer (default geojson)")
    p.add_argument("--force", action="store_true",
                   help="replace files in DIR that an earlier export did not write")
    add_control(p)
    add_reports_dir(p)
    p.set_defaults(func=_cmd_export)


#: The file in an export folder that lists what the last export wrote there: each file's
#: name and the SHA-256 of the bytes written (``{"report_id": ..., "files": {name:
#: sha256}}``).
MANIFEST = ".frontline-export.json"
#: The most a manifest is read of (one written by an export is a few hundred bytes).
_MANIFEST_MAX_BYTES = 1 << 20
#: What an export writes: only such names in a manifest are ever removed or replaced.
_EXPORT_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\.geojson|-layers\.zip|\.gpkg|\.kml)")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _sha256(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _previous(out: Path) -> dict[str, str]:
    """What the manifest of ``out`` says an earlier export wrote: file name -> SHA-256.

    The manifest is not trusted: an entry counts only if it is a plain name of the kind
    an export writes (no folder, no ``..``, no path separator) with a SHA-256, and a
    file is taken as the export's own only while its content still has that digest
    (:func:`_own`). A manifest that cannot be read (missing, not a regular file, not
    JSON, of an older version without digests) lists nothing.
    """
    from geo.safeio import read_user_file

    try:
        raw = read_user_file(out / MANIFEST, max_bytes=_MANIFEST_MAX_BYTES,
                             what="export manifest")
        files = json.loads(raw.decode("utf-8")).get("files", {})
    except (ValueError, AttributeError):  # FrontlineError is a ValueError
        return {}
    if not isinstance(files, dict):
        return {}
    return {name: digest for name, digest in files.items()
            if isinstance(name, str) and isinstance(digest, str)
            and _EXPORT_NAME.fullmatch(name) and _SHA256.fullmatch(digest)}


def _own(path: Path, digest: str | None) -> bool:
    """Whether ``path`` is a regular file (not a link) whose content has ``digest``: the
    file an earlier export wrote, unchanged since."""
    import stat

    if digest is None:
        return False
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest() == digest
    except OSError:
        return False


def _stem(report_id: str) -> str:
    """A file-name-safe form of a report id (ids are ``[A-Za-z][A-Za-z0-9_]*`` already)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", report_id).strip("_") or "report"


def _cmd_export(args: argparse.Namespace) -> int:
    from geo.export import layers_gpkg, layers_kml, layers_zip, safe_layer_name, to_geojson

    atlas = make_atlas(args)
    report = atlas.report(args.report_id)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise FrontlineError(f"--out: {str(out)!r} exists and is not a directory; "
                             "give a directory (it is created if needed).")
    control = load_control_arg(args, "export", report_ids=[report.id], atlas=atlas)
    layerset = atlas.layerset(report.id, control=control)
    layers = layerset.export_layers()
    names = {name: safe_layer_name(name) for name in layers}
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FrontlineError(f"--out: cannot create {str(out)!r}: {exc.strerror}.") from None
    targets = ([names[n] + ".geojson" for n in layers] + [f"{_stem(report.id)}-layers.zip"]
               if args.format == "geojson" else [f"{_stem(report.id)}.{args.format}"])
    for name in [*targets, MANIFEST]:  # a device, FIFO, link or folder: never, even --force
        check_out(out / name, "--out")
    earlier = _previous(out)
    own = {t for t in {*targets, *earlier} if _own(out / t, earlier.get(t))}
    foreign = [t for t in targets if (out / t).exists() and t not in own]
    if foreign and not args.force:
        raise FrontlineError(
            f"--out: {str(out)!r} holds {', '.join(foreign[:5])}"
            + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
            + ", which no export wrote there or which changed since (the folder's "
            f"{MANIFEST} does not list their present content); pass --force to replace "
            "them, or export into another directory.")
    written: list[dict[str, object]] = []
    digests: dict[str, str] = {}

    def put(name: str, data: str | bytes) -> int:
        digests[name] = _sha256(data)
        return write_file(out / name, data, "--out")

    if args.format == "geojson":
        for name, layer in layers.items():
            path = out / (names[name] + ".geojson")
            n = put(path.name, to_geojson(layer, name=name))
            written.append({"file": str(path), "layer": name, "features": len(layer),
                            "size": size_text(n)})
        path = out / f"{_stem(report.id)}-layers.zip"
        n = put(path.name, layers_zip(layers))
        written.append({"file": str(path), "layer": f"all {len(layers)} layers",
                        "features": sum(len(v) for v in layers.values()), "size": size_text(n)})
    else:
        path = out / f"{_stem(report.id)}.{args.format}"
        n = put(path.name, (layers_gpkg if args.format == "gpkg" else layers_kml)(layers))
        for i, (name, layer) in enumerate(layers.items()):
            written.append({"file": str(path) if i == 0 else "", "layer": names[name],
                            "features": len(layer), "size": size_text(n) if i == 0 else ""})
    # layers of the earlier export that this one does not have: removed only while they
    # are as that export wrote them; a file changed since (or never written) is kept
    stale = sorted(f for f in own if f not in targets)
    for f in stale:
        (out / f).unlink(missing_ok=True)
    kept = sorted(f for f in earlier if f not in targets and f not in own
                  and os.path.lexists(out / f))
    write_file(out / MANIFEST, json.dumps({"report_id": report.id, "files": digests},
                                          indent=1), "--out")
    kind = "schematic zones" if layerset.schematic else f"control layer {layerset.control_name}"
    print(f"{report.id} ({report.date_text}, {report.outlet}): {len(layers)} layers, {kind}")
    print_table(written, ["file", "layer", "features", "size"])
    if stale:
        print(f"removed {len(stale)} file(s) of the earlier export that this one does not "
              f"have: {', '.join(stale)}", file=sys.stderr)
    if kept:
        print(f"kept {len(kept)} file(s) the folder's {MANIFEST} lists whose content is not "
              "what it says an export wrote (changed since, or never written by one): "
              f"{', '.join(kept)}", file=sys.stderr)
    return 0


# ---------------------------------------------------------------- render
@command("render", "a publishable map of a report: PNG or SVG for an article, or a "
                   "standalone HTML map that opens from disk with no server and no internet")
def _configure_render(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id", metavar="REPORT_ID", help="report id, e.g. R5")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="map.png, map.svg or map.html (the suffix picks the format)")
    p.add_argument("--dmz-width", type=float, default=20.0, metavar="KM",
                   help="demilitarized band width (default 20)")
    p.add_argument("--depth", type=float, default=100.0, metavar="KM",
                   help="distance of the further line behind the front (default 100)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_control(p)
    add_reports_dir(p)
    p.set_defaults(func=_cmd_render)


def _cmd_render(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.cities import load_cities
    from geo.zones import ZoneOptions
    from layers.publish import FORMATS, render

    out = Path(args.out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise FrontlineError(f"--out: expected a file ending in {', '.join(FORMATS)}; got "
                             f"{str(out)!r}. Name the file map.png, map.svg or map.html.")
    check_out(out, "--out")  # a device, FIFO, link or folder: never, even with --force
    if out.exists() and not args.force:
        raise FrontlineError(f"--out: {str(out)!r} exists; pass --force to replace it.")
    if not out.parent.is_dir():
        raise FrontlineError(f"--out: the folder {str(out.parent)!r} does not exist; create "
                             "it first or write elsewhere.")
    atlas = make_atlas(args)
    report = atlas.report(args.report_id)
    options = ZoneOptions(dmz_width_km=args.dmz_width, deterrence_depth_km=args.depth)
    options.validate(names=_FLAGS)
    control = load_control_arg(args, "render", report_ids=[report.id], atlas=atlas)
    ls = atlas.layerset(report.id, control=control, options=options)
    n = write_file(out, render(ls, load_units(), load_cities(), fmt), "--out")
    basis = "schematic" if ls.schematic else f"measured from {ls.control_name}"
    print(f"wrote {report.id} ({basis}) to {out} ({size_text(n)})", file=sys.stderr)
    return 0
