"""Ingest benchmark: `frontline ingest` of 100 articles against an 800-day history.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--articles 100] [--days 800]``.
Prints figures and returns them; asserts nothing. The issue's target: under 10 s from a
shell.

1. The series of ``bench_history.py`` (generated once into ``benchmarks/.data/``: 790
   daily files of ~3,000 vertices named ``deepstatemap_data_YYYYMMDD.geojson``).
2. ``--articles`` articles written here into a temporary folder (two outlets, one
   sub-folder each): a dateline on a day drawn at random from the history's span, two
   claims on two of the units the front crosses, and filler to ``--words`` words (800 by
   default, a wire story; 3,600 for long features). Every article lands on its own
   mapped day (about 95 different days for 100 articles): nothing is shared between them
   but the history.
3. ``frontline ingest FOLDER --history SERIES --csv OUT`` from a shell (each run a fresh
   process: imports, reading the articles and the history, extracting, checking every
   claim against its day), with the parsed-history cache warm (a user who has read the
   history once) and cold (``--no-cache``), and with ``--workers 1`` (one process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

UNITS = ("Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Kharkiv")
FILLER = "Diplomats met again on Tuesday to discuss the next round of talks. "  # 12 words


def _frontline() -> str:
    exe = Path(sys.executable).with_name("frontline")
    return str(exe) if exe.exists() else "frontline"


def write_articles(folder: Path, n: int, first: dt.date, last: dt.date, *,
                   words: int = 800, seed: int = 1) -> None:
    """``n`` dated articles with two claims each, in two outlets' folders."""
    rng = random.Random(seed)
    for i in range(n):
        day = first + dt.timedelta(days=rng.randrange((last - first).days))
        outlet = ("wire", "agency")[i % 2]
        a, b = rng.sample(UNITS, 2)
        text = (f"KYIV, {day:%B} {day.day}, {day.year} ({outlet}) — Russia controls about "
                f"{rng.randint(20, 99)}% of the {a} region, officials said. Moscow also "
                f"holds more than {rng.randint(5, 90)}% of {b}.\n\n"
                f"{FILLER * max(0, (words - 40) // 12)}")
        (folder / outlet).mkdir(parents=True, exist_ok=True)
        (folder / outlet / f"a{i:03d}.txt").write_text(text, encoding="utf-8")


def _shell(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([_frontline(), *args], capture_output=True, text=True, env=env, cwd=ROOT,
                   check=True)
    return time.perf_counter() - t0


def main(articles: int = 100, days: int = 800, words: int = 800) -> dict[str, Any]:
    from bench_history import series_dir

    folder = series_dir(days)
    files = sorted(folder.glob("*.geojson"))
    first, last = (dt.date.fromisoformat(f"{f.stem[-8:-4]}-{f.stem[-4:-2]}-{f.stem[-2:]}")
                   for f in (files[0], files[-1]))
    with tempfile.TemporaryDirectory() as tmp:
        arts = Path(tmp) / "articles"
        write_articles(arts, articles, first, last, words=words)
        words = sum(len(p.read_text().split()) for p in arts.rglob("*.txt"))
        env = {**os.environ, "PYTHONPATH": str(ROOT),
               "FRONTLINE_CACHE_DIR": str(Path(tmp) / "cache")}
        base = ["ingest", str(arts), "--history", str(folder), "--csv", str(Path(tmp) / "l.csv")]
        cold = _shell([*base, "--no-cache"], env)
        _shell(base, env)  # writes the parsed-history cache
        warm = sorted(_shell(base, env) for _ in range(3))
        one = _shell([*base, "--workers", "1"], env)
        rows = (Path(tmp) / "l.csv").read_text().count("\n") - 1
    out = {"articles": articles, "words": words, "days": len(files), "ledger_rows": rows,
           "ingest_warm_median_s": round(warm[1], 2), "ingest_warm_max_s": round(warm[-1], 2),
           "ingest_cold_s": round(cold, 2), "ingest_one_worker_s": round(one, 2),
           "cores": os.cpu_count()}
    print(f"ingest: {articles} articles ({words:,} words), {len(files)} mapped days, "
          f"{rows} ledger rows")
    print(f"  from a shell, history cache warm: median {warm[1]:.2f} s (max {warm[-1]:.2f}); "
          f"cold: {cold:.2f} s; one worker: {one:.2f} s ({os.cpu_count()} cores); target "
          "< 10 s")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--days", type=int, default=800)
    ap.add_argument("--words", type=int, default=800, help="words an article")
    a = ap.parse_args()
    main(a.articles, a.days, a.words)
