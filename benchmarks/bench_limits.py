"""Hostile inputs at their worst, each timed with its peak memory: they must end in
seconds with a clear message (README, *Bad input*).

Every case is generated here (nothing is downloaded) and run in a fresh process, which
reports its wall time and the peak resident memory of itself and its workers:

* a zip of 20,000 tiny snapshots named by Unix time (5,000 days), read and measured as
  the History page does with an upload; a zip of 50,000 entries;
* a zip bomb of 200 members of 199 MiB of zeros, a ``.geojson.gz`` of 190 MiB of zeros;
* 90 days of 1.9 million vertices each (hard links of one 42 MB file), by ``frontline
  series`` and by ``read_history``;
* schematic zones for every unit at 200 m.

Usage: ``.venv/bin/python benchmarks/bench_limits.py [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

_RUN = """
import json, resource, sys, time
t = time.monotonic()
outcome = "ok"
try:
{body}
except ValueError as exc:
    outcome = str(exc).splitlines()[-1].strip()[:160]
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({{"s": time.monotonic() - t, "mb": peak / 1024, "outcome": outcome}}))
"""


def _run(body: str, env: dict[str, str]) -> dict[str, object]:
    code = _RUN.format(body="\n".join("    " + line for line in body.strip().splitlines()))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _snapshots(path: Path, n: int) -> Path:
    box = [[37.0, 48.0], [37.5, 48.0], [37.5, 48.5], [37.0, 48.5], [37.0, 48.0]]
    doc = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
                      "properties": {}, "geometry": {"type": "Polygon",
                                                     "coordinates": [box]}}]})
    t0 = int(dt.datetime(2014, 1, 2, tzinfo=dt.UTC).timestamp())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(n):
            zf.writestr(f"geojsons/{t0 + i * 6 * 3600}.geojson", doc)
    return path


def _heavy_days(folder: Path, days: int, vertices: int) -> Path:
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    t = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    r = 0.5 + 0.02 * np.sin(t * 5000)  # star-shaped: a valid ring
    xy = np.column_stack([37.5 + 1.2 * r * np.cos(t), 48.2 + 0.8 * r * np.sin(t)])
    xy = np.vstack([xy, xy[:1]])
    body = ",".join(f"[{a:.6f},{b:.6f}]" for a, b in xy)
    first = folder / "layer_20240101.geojson"
    first.write_text('{"type":"FeatureCollection","features":[{"type":"Feature",'
                     '"properties":{},"geometry":{"type":"Polygon","coordinates":[['
                     + body + "]]}}]}")
    for i in range(1, days):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i)
        os.link(first, folder / f"layer_{day:%Y%m%d}.geojson")
    return folder


def _generate(work: Path) -> None:
    from zipkit import gzip_zeros, zeros_bomb

    work.mkdir(parents=True, exist_ok=True)
    _snapshots(work / "u20k.zip", 20_000)
    _snapshots(work / "u50k.zip", 50_000)
    (work / "bomb.zip").write_bytes(zeros_bomb(200, 199))
    (work / "layer_20240101.geojson.gz").write_bytes(gzip_zeros(190))
    if not (work / "heavy").exists():
        _heavy_days(work / "heavy", 90, 1_900_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="generate the inputs here and keep them")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        _generate(args.generate)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-limits-"))
    # generated in another process: a process's peak memory counts what its parent held
    # when it was forked, so this one stays small
    subprocess.run([sys.executable, __file__, "--generate", str(work)], check=True)
    env = {**os.environ, "FRONTLINE_CACHE_DIR": str(work / "cache"), "PYTHONPATH": str(ROOT)}
    heavy, u20k, u50k = work / "heavy", work / "u20k.zip", work / "u50k.zip"
    shares = ",".join(f"{c}=50" for c in ("UA-05", "UA-07", "UA-09", "UA-12", "UA-14",
                                          "UA-18", "UA-21", "UA-23", "UA-26", "UA-30",
                                          "UA-32", "UA-35", "UA-40", "UA-43", "UA-46",
                                          "UA-48", "UA-51", "UA-53", "UA-56", "UA-59",
                                          "UA-61", "UA-63", "UA-65", "UA-68", "UA-71",
                                          "UA-74", "UA-77"))
    upload = """
from geo.boundaries import load_units
from geo.history import read_history
from geo.series import control_series
h = read_history({path!r}, cache=False)
h.raise_if_empty()
control_series(h, load_units())
"""
    cases = {
        "zip of 20,000 snapshots, read and measured": upload.format(path=str(u20k)),
        "zip of 50,000 entries": upload.format(path=str(u50k)),
        "zip bomb, 200 x 199 MiB": upload.format(path=str(work / "bomb.zip")),
        ".geojson.gz of 190 MiB of zeros": "from geo.control import load_control\n"
        f"load_control({str(work / 'layer_20240101.geojson.gz')!r})",
        "90 days x 1.9 M vertices, read_history": "from geo.history import read_history\n"
        f"read_history({str(heavy)!r}, cache=False)",
        "90 days x 1.9 M vertices, frontline series": "from frontline.cli import main\n"
        f"code = main(['series', {str(heavy)!r}, '--no-cache', '--csv', "
        f"{str(work / 'heavy.csv')!r}])\nassert code == 2, code\nraise ValueError('exit 2')",
        "schematic, every unit at 200 m": "from geo.boundaries import load_units\n"
        "from geo.schematic import parse_shares, schematic_zones\n"
        f"schematic_zones(parse_shares({shares!r}), load_units(), resolution_m=200.0)",
    }
    print("| case | time | peak memory | outcome |\n|---|---:|---:|---|")
    for name, body in cases.items():
        r = _run(body, env)
        print(f"| {name} | {r['s']:.1f} s | {r['mb']:,.0f} MB | {r['outcome']} |", flush=True)


if __name__ == "__main__":
    main()
