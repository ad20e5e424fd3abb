"""Layers read by class: the raw multi-class archive, ours against the naive per-file loop.

Run: ``.venv/bin/python benchmarks/bench_classes.py [--archive DIR] [--days 400]``.
Prints figures and returns them (``benchmarks/run_all.py`` writes them to
``RESULTS.md``); asserts nothing.

* Input: a folder of raw multi-class exports named by Unix time -- the public archive
  if you have it (``--archive``; fetched for a trial, never committed), else a history
  of the same shape generated with :func:`geo.synthetic.write_raw_history` into
  ``benchmarks/.data/`` (points, 3D positions, occupied, Crimea, grey zone, liberated
  ground and Transnistria, a second snapshot on some days).
* The naive loop, in a fresh process: per file ``gpd.read_file``, GeometryCollections
  exploded (2022 files keep Crimea in one), the polygons whose class is Russian-held
  (:func:`geo.classes.classify` on their properties: reading classes is not what is
  timed), their union, ``gpd.overlay`` with the 30 units and
  geodesic areas (pyproj ``Geod``).
* Ours, in a fresh process: ``series_from_files`` (what ``frontline series`` runs) with
  no cache, its wall time and peak memory (the process and its workers).
* Accuracy: the largest difference per unit and day between the two, on the days both
  measured (ours uses the last snapshot of each day; so does the comparison).
* ``frontline measure`` on the last file from a shell, against the naive reading of it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data"
sys.path.insert(0, str(ROOT))

_NAIVE = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
import geopandas as gpd, pandas as pd
from pathlib import Path
from pyproj import Geod
from geo.boundaries import load_units
from geo.classes import classify
units = load_units().reset_index()[["code", "geometry"]]
geod = Geod(ellps="WGS84")
files = sorted(Path(sys.argv[1]).glob("*.geojson"))
out = {}
t0 = time.perf_counter()
for f in files:
    try:
        df = gpd.read_file(f)
    except Exception:  # a damaged file: ours lists it as a problem
        continue
    # polygons inside GeometryCollections too: 2022 files keep Crimea in one
    df = df[df.geometry.notna()].explode(index_parts=False)
    df = df[df.geom_type.isin(["Polygon", "MultiPolygon"])]
    cols = [c for c in df.columns if c != "geometry"]
    props = df[cols].to_dict("records") if cols else [{} for _ in range(len(df))]
    states = classify([{k: v for k, v in p.items() if v is not None and v == v}
                       for p in props]).states
    held = df[[s == "russia" for s in states]][["geometry"]]
    held["geometry"] = held.geometry.force_2d().make_valid()
    held = held.dissolve()
    ov = gpd.overlay(units, held, how="intersection", keep_geom_type=True)
    km2 = {}
    for c, g in zip(ov["code"], ov.geometry):
        parts = getattr(g, "geoms", [g])
        km2[c] = km2.get(c, 0.0) + sum(abs(geod.geometry_area_perimeter(p)[0])
                                       for p in parts) / 1e6
    out[f.name] = km2
print(json.dumps({"seconds": time.perf_counter() - t0, "files": len(files), "km2": out}))
"""

_OURS = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from geo.boundaries import load_units
from geo.series import series_from_files
h, s = series_from_files(sys.argv[1], load_units(), cache=False)
sec = time.perf_counter() - t0
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
t = s.table
rows = {f"{d}|{c}": [k, g] for d, c, k, g in zip(t["date"].astype(str), t["code"],
                                                 t["controlled_km2"], t["contested_km2"])}
src = {str(d.date): d.source for d in h.days}
print(json.dumps({"seconds": sec, "days": len(h), "problems": [str(p) for p in h.problems],
                  "peak_mb": peak, "rows": rows, "sources": src, "notes": list(h.notes)}))
"""


def _run(code: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def raw_dir(days: int) -> Path:
    """A generated raw-export history of ``days`` days (made once)."""
    from geo.synthetic import SyntheticSeries, write_raw_history

    folder = DATA / f"raw-{days}"
    if not (folder / ".done").exists():
        folder.mkdir(parents=True, exist_ok=True)
        for f in folder.glob("*.geojson"):
            f.unlink()
        write_raw_history(folder, SyntheticSeries(days=days))
        (folder / ".done").write_text("ok")
    return folder


def main(archive: str | None = None, days: int = 400) -> dict[str, object]:
    folder = Path(archive) if archive else raw_dir(days)
    files = sorted(folder.glob("*.geojson"))
    size = sum(f.stat().st_size for f in files)
    print(f"input: {folder} ({'public archive' if archive else 'generated'}), "
          f"{len(files):,} files, {size / 1e6:,.0f} MB")
    naive = _run(_NAIVE, str(folder))
    print(f"naive loop: {naive['seconds']:.1f} s ({1000 * naive['seconds'] / len(files):.0f} "
          "ms a file)")
    ours = _run(_OURS, str(folder))
    ratio = naive["seconds"] / ours["seconds"]
    print(f"series_from_files: {ours['seconds']:.2f} s for {ours['days']:,} days, "
          f"{ratio:.1f}x the naive loop; peak memory {ours['peak_mb']:,.0f} MB "
          "(process + workers)")
    for p in ours["problems"][:5]:
        print(f"  could not be used: {p[:160]}")
    worst, n = 0.0, 0
    for date, source in ours["sources"].items():
        ref = naive["km2"].get(Path(source).name)
        if ref is None:
            continue
        for key, (km2, _) in ours["rows"].items():
            d, code = key.split("|")
            if d == date and code != "UA":
                worst = max(worst, abs(km2 - ref.get(code, 0.0)))
                n += 1
    print(f"largest difference from the naive loop: {worst:.4f} km² over {n:,} unit-days")
    last = next(f for f in reversed(files) if f.name in naive["km2"])  # the last readable
    t0 = time.perf_counter()
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "frontline"), "measure", str(last),
                          "--json"], capture_output=True, text=True, check=True)
    shell = time.perf_counter() - t0
    measured = json.loads(out.stdout)
    ref_ua = sum(v for c, v in naive["km2"][last.name].items() if c.startswith("UA-"))
    off = 100 * abs(measured["total_controlled_km2"] - ref_ua) / ref_ua
    print(f"frontline measure {last.name}: {shell:.2f} s from a shell; "
          f"{measured['total_controlled_km2']:,.1f} km² held, the naive class-aware reading "
          f"{ref_ua:,.1f} ({off:.3f} % apart); grey zone "
          f"{measured['total_contested_km2']:,.1f} km²")
    return {"files": len(files), "days": ours["days"], "naive_s": naive["seconds"],
            "ours_s": ours["seconds"], "ratio": ratio, "peak_mb": ours["peak_mb"],
            "worst_km2": worst, "measure_s": shell, "measure_off_pct": off}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", help="a folder of raw exports (the public archive)")
    parser.add_argument("--days", type=int, default=400)
    a = parser.parse_args()
    main(a.archive, a.days)
