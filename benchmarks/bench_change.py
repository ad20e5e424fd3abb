"""Change and pace benchmark: `frontline change` and `frontline pace` on an 800-day history.

Run: ``.venv/bin/python benchmarks/bench_change.py [--days 800]``. Prints figures and
returns them; asserts nothing.

1. The series of ``bench_history.py`` (generated once into ``benchmarks/.data/``: 790
   daily files of ~3,000 vertices named ``deepstatemap_data_YYYYMMDD.geojson``).
2. ``frontline change --history FOLDER --from D1 --to D2 --json`` from a shell, for pairs
   of days from a week to two years apart (each run a fresh process: imports, reading,
   measuring, printing); then the change alone on a history already read (what the
   app's two-date map costs), and its largest difference from the naive reference (the
   two days differenced whole, cut by ``gpd.overlay``, areas by pyproj).
3. ``frontline pace all --history FOLDER`` from a shell: every Ukrainian unit and the
   country over the 800 days (read, measure the series, weeks, months, the 90-day rate,
   projections, revisions), with the parsed-history cache cold and warm, and with
   ``--flow end-to-end`` (the maps at every week's and month's ends compared).
4. The app: the History view's rerun when the second of two days is picked (the range
   slider moved to a new pair, a date typed, a pair seen before), measured with
   ``streamlit.testing`` on the same history: the two-date map's change, its page and
   tables (target: within 300 ms). ``--app-only`` runs this part alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _frontline() -> str:
    exe = Path(sys.executable).with_name("frontline")
    return str(exe) if exe.exists() else "frontline"


def _shell(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Wall time of ``frontline ARGS`` as a user runs it, and what it printed."""
    t0 = time.perf_counter()
    out = subprocess.run([_frontline(), *args], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True)
    return time.perf_counter() - t0, out.stdout


def _naive_worst(folder: Path, a: dt.date, b: dt.date, got: dict[str, Any]) -> float:
    """Largest difference (km² per unit and direction) from the whole-layer reference."""
    import geopandas as gpd
    import shapely
    from pyproj import Geod

    from geo.boundaries import load_units

    geod = Geod(ellps="WGS84")
    units = load_units().reset_index()[["code", "geometry"]]
    days = [shapely.make_valid(gpd.read_file(folder / f"deepstatemap_data_{d:%Y%m%d}.geojson"
                                             ).geometry.iloc[0]) for d in (a, b)]
    worst = 0.0
    totals = {r["code"]: r for r in got["totals"]}
    for key, diff in (("russia_gained_km2", days[1].difference(days[0])),
                      ("russia_lost_km2", days[0].difference(days[1]))):
        ov = gpd.overlay(units, gpd.GeoDataFrame(geometry=[diff], crs=4326), how="intersection")
        ref: dict[str, float] = {}
        for code, g in zip(ov["code"], ov.geometry, strict=True):
            ref[code] = ref.get(code, 0.0) + sum(abs(geod.geometry_area_perimeter(p)[0])
                                                 for p in getattr(g, "geoms", [g])
                                                 if p.geom_type == "Polygon") / 1e6
        for code, row in totals.items():
            if code != "UA":
                worst = max(worst, abs(row[key] - ref.get(code, 0.0)))
    return worst


def app_two_days(folder: Path, pairs: int = 6) -> dict[str, Any]:
    """Server time of the History view's rerun when the second day is picked
    (``streamlit.testing``): a new pair on the range slider, a typed date (new pairs),
    and a pair seen before (cached)."""
    from streamlit.testing.v1 import AppTest

    os.environ["FRONTLINE_HISTORY_DIR"] = str(folder)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.session_state["mode"] = "History"
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0

    def span() -> Any:
        return next(s for s in at.select_slider if s.label.startswith("…or slide"))

    days = list(span().options)
    start = days[100]
    ends = days[130::(len(days) - 130) // pairs][:pairs]
    slid, seen, typed = [], [], []
    for d in ends:  # a new pair each time: its change, page and tables made
        t0 = time.perf_counter()
        span().set_value((start, d)).run()
        slid.append(time.perf_counter() - t0)
    for d in ends:  # the same pairs again: from the caches
        t0 = time.perf_counter()
        span().set_value((start, d)).run()
        seen.append(time.perf_counter() - t0)
    for d in ends:  # a date typed the day after each (snapped where it is not mapped)
        when = dt.date.fromisoformat(d) + dt.timedelta(days=1)
        t0 = time.perf_counter()
        at.date_input(key="history_to_date").set_value(when).run()
        typed.append(time.perf_counter() - t0)
    assert not at.exception, at.exception
    assert at.session_state["history_from"] == start
    new = sorted(slid + typed)
    return {"first_s": first, "new_median_s": new[len(new) // 2], "new_max_s": new[-1],
            "seen_median_s": sorted(seen)[len(seen) // 2], "slid_s": slid, "typed_s": typed,
            "seen_s": seen, "spans_days": [(dt.date.fromisoformat(d)
                                            - dt.date.fromisoformat(start)).days
                                           for d in ends]}


def _print_app(app: dict[str, Any], days: int) -> None:
    print(f"app History view on {days} days, the second of two days picked -> the two-date "
          f"map, its tables and the page around them (server, streamlit.testing): a new "
          f"pair {1000 * app['new_median_s']:.0f} ms median, {1000 * app['new_max_s']:.0f} "
          f"ms max ({len(app['slid_s'])} slid, {len(app['typed_s'])} typed; spans "
          f"{min(app['spans_days'])}-{max(app['spans_days'])} days); a pair seen before "
          f"{1000 * app['seen_median_s']:.0f} ms; first open {app['first_s']:.1f} s")


def main(days: int = 800) -> dict[str, Any]:
    from bench_history import series_dir

    folder = series_dir(days)
    files = sorted(folder.glob("*.geojson"))
    dates = [dt.date.fromisoformat(f"{f.stem[-8:-4]}-{f.stem[-4:-2]}-{f.stem[-2:]}")
             for f in files]
    pairs = [(dates[-8], dates[-1]), (dates[-31], dates[-1]), (dates[-366], dates[-1]),
             (dates[0], dates[-1]), (dates[100], dates[500])]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT),
               "FRONTLINE_CACHE_DIR": str(Path(tmp) / "cache")}
        change_s = []
        outs = []
        for a, b in pairs:
            s, out = _shell(["change", "--history", str(folder), "--from", a.isoformat(),
                             "--to", b.isoformat(), "--json"], env)
            change_s.append(s)
            outs.append(json.loads(out))
        worst = _naive_worst(folder, pairs[2][0], pairs[2][1], outs[2])
        pace_cold = [_shell(["pace", "all", "--history", str(folder), "--no-cache"], env)[0]
                     for _ in range(3)]
        _shell(["pace", "all", "--history", str(folder)], env)  # writes the parse cache
        pace_warm = [_shell(["pace", "all", "--history", str(folder)], env)[0]
                     for _ in range(3)]
        pace_e2e = _shell(["pace", "all", "--history", str(folder), "--flow", "end-to-end"],
                          env)[0]
        os.environ["FRONTLINE_CACHE_DIR"] = str(Path(tmp) / "cache")
        from geo.boundaries import load_units
        from geo.change import change_between
        from geo.history import read_history
        from geo.measure import UnitIndex

        history = read_history(folder)
        index = UnitIndex(load_units())
        change_between(history, index, *pairs[0])  # the city layer, loaded once
        inproc = []
        for a, b in pairs:
            t0 = time.perf_counter()
            change_between(history, index, a, b)
            inproc.append(time.perf_counter() - t0)
    change_s_sorted = sorted(change_s)
    spans = ", ".join(f"{(b - a).days} d: {s:.2f} s" for (a, b), s in zip(pairs, change_s,
                                                                          strict=True))
    moved = ", ".join(f"{(b - a).days} d {o['totals'][-1]['russia_gained_km2']:,.0f}/"
                      f"{o['totals'][-1]['russia_lost_km2']:,.0f} km²"
                      for (a, b), o in zip(pairs, outs, strict=True))
    print(f"history: {len(files)} daily files, {dates[0]} to {dates[-1]}")
    print(f"frontline change --json from a shell (fresh process each, only the 2 files "
          f"read): median {change_s_sorted[len(change_s) // 2]:.2f} s, max "
          f"{change_s_sorted[-1]:.2f} s ({spans})")
    print(f"  Russia gained/lost in Ukraine over those spans: {moved}")
    print(f"change_between on a history already read (the app's two-date map): median "
          f"{1000 * sorted(inproc)[len(inproc) // 2]:.0f} ms, max {1000 * max(inproc):.0f} ms")
    apart = (pairs[2][1] - pairs[2][0]).days
    print(f"largest difference from the naive whole-layer overlay ({apart} days apart): "
          f"{worst:.5f} km² per unit and direction")
    print(f"frontline pace all (27 units + Ukraine, {days} days) from a shell: no cache "
          f"median {sorted(pace_cold)[1]:.2f} s ({min(pace_cold):.2f}-{max(pace_cold):.2f}); "
          f"parsed days cached {sorted(pace_warm)[1]:.2f} s ({min(pace_warm):.2f}-"
          f"{max(pace_warm):.2f}); --flow end-to-end (cached) {pace_e2e:.2f} s")
    app = app_two_days(folder)
    _print_app(app, days)
    return {"files": len(files), "change_s": change_s, "change_inproc_s": inproc,
            "worst_km2": worst, "pace_cold_s": pace_cold, "pace_warm_s": pace_warm,
            "pace_e2e_s": pace_e2e, "app": app}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=800)
    parser.add_argument("--app-only", action="store_true",
                        help="only the History view's two-date map (part 4)")
    ns = parser.parse_args()
    if ns.app_only:
        from bench_history import series_dir

        _print_app(app_two_days(series_dir(ns.days)), ns.days)
    else:
        main(ns.days)
