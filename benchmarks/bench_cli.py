"""Wall time of ``frontline`` commands from a shell, as a user runs them. Not a test.

Run: ``.venv/bin/python benchmarks/bench_cli.py``. Each command runs three times in a
fresh process (imports included); the median is printed. The inputs are the benchmark
history of :mod:`bench_history` (800 days of real-shaped daily files) and its last day
as one layer (~2,900 vertices, 14 parts, holes, a ``crs`` member, empty properties).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_history import series_dir  # noqa: E402


def _frontline() -> str:
    exe = Path(sys.executable).with_name("frontline")
    return str(exe) if exe.exists() else "frontline"


def _time(args: list[str], env: dict[str, str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([_frontline(), *args], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(days: int = 800) -> dict[str, float]:
    folder = series_dir(days)
    layer = sorted(folder.glob("*.geojson"))[-1]
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "FRONTLINE_CACHE_DIR": str(Path(tmp) / "cache")}
        csv = str(Path(tmp) / "series.csv")
        commands = {
            "frontline --help": ["--help"],
            "frontline measure LAYER": ["measure", str(layer)],
            "frontline verify R5 --control LAYER": ["verify", "R5", "--control", str(layer)],
            f"frontline series FOLDER --csv OUT --no-cache ({days} days)":
                ["series", str(folder), "--csv", csv, "--no-cache"],
            f"frontline series FOLDER --csv OUT, parsed days cached ({days} days)":
                ["series", str(folder), "--csv", csv],
            f"frontline verify --all --history FOLDER ({days} days, cached)":
                ["verify", "--all", "--history", str(folder)],
            f"frontline show R5 --history FOLDER ({days} days, cached)":
                ["show", "R5", "--history", str(folder)],
            f"frontline compare R1 R5 --history FOLDER ({days} days, cached)":
                ["compare", "R1", "R5", "--history", str(folder)],
        }
        for label, args in commands.items():
            out[label] = _time(args, env)
            print(f"{label}: {out[label]:.2f} s")
    return out


if __name__ == "__main__":
    main()
