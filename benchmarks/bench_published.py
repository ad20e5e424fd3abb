"""The mapmakers' own figures, given back from their own layer: how precise are the units?

DeepState published its year-end 2025 figures (national km² and share, seven oblasts,
Crimea) for the map of 2026-01-01 (``benchmarks/data/DS2025.yaml``, facts restated).
Measured on that map's own layer of that day, a tool whose boundaries match the map's
should give them back: national within 0.1 points, each oblast within 0.2 points.

The layer is not in the repository (the archive belongs to its mapmakers): fetch it
(``fetch github:cyterat/deepstate-map-data``; the day is
``data/deepstatemap_data_20260101.geojson``) and name it with ``--layer``. With
``--units-before`` (a units GeoJSON of an earlier build, e.g. ``git show
c41e3aa:data/boundaries/units.geojson > before.geojson``) both are measured side by side.

Usage::

    .venv/bin/python benchmarks/bench_published.py --layer DAY.geojson
        [--units-before UNITS.geojson] [--markdown]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.boundaries import load_units  # noqa: E402
from geo.control import load_control  # noqa: E402
from geo.layerset import Atlas  # noqa: E402
from geo.reports import load_reports  # noqa: E402

REPORT = ROOT / "benchmarks" / "data" / "DS2025.yaml"
#: The targets of issue 21, in percentage points.
NATIONAL_POINTS, OBLAST_POINTS = 0.1, 0.2


def _units(path: Path | None) -> gpd.GeoDataFrame:
    if path is None:
        return load_units()
    units = load_units(path)
    # an older build's layer has the same columns; its areas are its own polygons'
    return units


def measure(layer: Path, units: gpd.GeoDataFrame) -> list[dict[str, object]]:
    """One row per published figure: published, measured (polygon basis), official
    basis, gap and verdict."""
    reports = load_reports(paths=[REPORT])
    atlas = Atlas(reports, units)
    verdicts = atlas.verify("DS2025", load_control(layer), carried=False)
    rows = []
    for _, v in verdicts.iterrows():
        figure = v["claim_central"] if v["unit"] == "percent" else (
            100.0 * v["claim_central"] / v["area_km2"])
        rows.append({
            "claim": v["claim_id"], "where": v["name"], "published": v["claim_text"],
            "published_pct": float(figure),
            "measured_pct": float(v["measured_pct"]),
            "measured_km2": float(v["measured_km2"]),
            "official_basis_pct": float(v["other_measured_pct"]),
            "gap_points": float(v["measured_pct"] - figure),
            "target": NATIONAL_POINTS if v["code"] == "UA" else OBLAST_POINTS,
            "verdict": v["verdict"],
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layer", type=Path, required=True, help="the map's layer of 2026-01-01")
    ap.add_argument("--units-before", type=Path, help="an earlier build's units.geojson")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args(argv)
    runs = [("now", _units(None))]
    if args.units_before:
        runs.insert(0, ("before", _units(args.units_before)))
    results = {name: measure(args.layer, units) for name, units in runs}
    names = [n for n, _ in runs]
    head = ["claim", "where", "published"] + [
        f"{n}: {c}" for n in names for c in ("measured %", "gap (points)", "verdict")]
    head += ["now: of official area %"]
    lines = []
    for i, row in enumerate(results["now"]):
        cells = [str(row["claim"]), str(row["where"]), str(row["published"])]
        for n in names:
            r = results[n][i]
            cells += [f"{r['measured_pct']:.2f}", f"{r['gap_points']:+.2f}", str(r["verdict"])]
        cells.append(f"{row['official_basis_pct']:.2f}")
        lines.append(cells)
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for cells in lines:
            print("| " + " | ".join(cells) + " |")
    else:
        widths = [max(len(h), *(len(c[i]) for c in lines)) for i, h in enumerate(head)]
        print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
        for cells in lines:
            print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    for n in names:
        rows = results[n]
        met = sum(abs(float(str(r["gap_points"]))) <= float(str(r["target"])) for r in rows)
        print(f"\n{n}: {met} of {len(rows)} figures within target (national "
              f"{NATIONAL_POINTS} points, each unit {OBLAST_POINTS}); verdicts: "
              + ", ".join(f"{v} {sum(r['verdict'] == v for r in rows)}"
                          for v in ("consistent", "overstated", "understated")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
