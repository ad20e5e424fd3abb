"""Control history benchmark: 800 days x 30 units, ours against the naive per-day loop.

Run: ``.venv/bin/python benchmarks/bench_history.py [--days 800]``. Prints figures and
returns them (``benchmarks/run_all.py`` writes them to ``RESULTS.md``); asserts nothing.

1. A realistic series is generated once into ``benchmarks/.data/`` (git-ignored) with
   :mod:`geo.synthetic`: one ~3,000-vertex MultiPolygon a day, 12-14 parts, holes, a
   front moving a few hundred metres a day in a few sectors, 7 gaps of 1-2 days, files
   named ``deepstatemap_data_YYYYMMDD.geojson`` of ~64 KB like the public archives.
2. The naive loop -- per file ``gpd.read_file`` + ``gpd.overlay`` with the 30 units +
   geodesic area of each piece (pyproj) -- and ours (``series_from_files``, what
   ``frontline series`` runs) read the same files, each in a fresh process, in the
   same run.
   Ours runs cold (no parsed-history cache) and warm (the cache of the first run).
3. Accuracy: the largest difference per unit and day between the two.
4. The app: the History view's reruns (a new day on the slider, another unit) measured
   with ``streamlit.testing`` on the same 800 days, and in headless Chromium (needs
   Debian's ``chromium``) from the key press on the slider to the new day's layer drawn.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data"
sys.path.insert(0, str(ROOT))

_NAIVE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import geopandas as gpd
from pathlib import Path
from typing import Any
from pyproj import Geod
from geo.boundaries import load_units
t_import = time.perf_counter() - t0
units = load_units().reset_index()[["code", "geometry"]]
geod = Geod(ellps="WGS84")
files = sorted(Path(sys.argv[1]).glob("*.geojson"))
out = {}
t0 = time.perf_counter()
for f in files:
    layer = gpd.read_file(f)
    ov = gpd.overlay(units, layer[["geometry"]], how="intersection")
    km2 = {}
    for c, g in zip(ov["code"], ov.geometry):
        # per polygon: pyproj's MultiPolygon sum is signed by ring orientation
        parts = getattr(g, "geoms", [g])
        km2[c] = sum(abs(geod.geometry_area_perimeter(p)[0]) for p in parts) / 1e6
    out[f.stem[-8:]] = km2
elapsed = time.perf_counter() - t0
json.dump(out, open(sys.argv[2], "w"))
print(json.dumps({"seconds": elapsed, "imports_s": t_import, "days": len(files),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_OURS = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
from geo.boundaries import load_units
from geo.series import series_from_files
t_import = time.perf_counter() - t0
units = load_units()
t0 = time.perf_counter()
history, series = series_from_files(sys.argv[1], units, cache=sys.argv[3] == "cache")
t1 = time.perf_counter()
wide = series.wide("controlled_km2")
wide.index = [d.strftime("%Y%m%d") for d in wide.index]
json.dump({d: {c: float(v) for c, v in row.items()} for d, row in wide.iterrows()},
          open(sys.argv[2], "w"))
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
print(json.dumps({"end_to_end_s": t1 - t0, "imports_s": t_import, "days": len(history),
                  "from_cache": history.from_cache, "timings": series.timings,
                  "full_days": series.full_days, "peak_mib": peak,
                  "self_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def series_dir(days: int) -> Path:
    """The benchmark series of ``days`` days (generated on first use)."""
    from geo.synthetic import SyntheticSeries, write_history

    folder = DATA / f"history-{days}"
    manifest = DATA / f"history-{days}.manifest.json"  # beside, not in, the folder
    params = {"days": days, "gaps": 7, "seed": 7, "generator": "geo.synthetic v2"}
    if manifest.exists() and json.loads(manifest.read_text()) == params:
        return folder
    t0 = time.perf_counter()
    for old in folder.glob("*.geojson"):
        old.unlink()
    paths = write_history(folder, SyntheticSeries(days=days, gaps=7, seed=7))
    manifest.write_text(json.dumps(params))
    print(f"generated {len(paths)} daily files in {time.perf_counter() - t0:.1f} s")
    return folder


def _run(code: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _shape(folder: Path) -> dict[str, float]:
    from geo.history import read_history
    from geo.synthetic import layer_stats

    files = sorted(folder.glob("*.geojson"))
    h = read_history(folder, cache=False)
    stats = [layer_stats(d.geometry) for d in h.days[:: max(1, len(h) // 40)]]
    return {"files": len(files), "mean_kib": sum(f.stat().st_size for f in files) / len(files)
            / 1024, "vertices_min": min(s["vertices"] for s in stats),
            "vertices_max": max(s["vertices"] for s in stats),
            "parts_max": max(s["parts"] for s in stats),
            "holes_max": max(s["holes"] for s in stats), "gaps": len(h.gaps())}


_BREAKDOWN = r"""
import json, sys, time
from geo.boundaries import load_units
from geo.history import paused_gc
from geo.history.inputs import parse_entry
from geo.history.read import HistorySource
from geo.increment import measure_chunk
from geo.measure import UnitIndex
units = load_units()
index = UnitIndex(units)
src = HistorySource.of(sys.argv[1], cache=False)
with paused_gc():
    t0 = time.perf_counter()
    days = [d for e in src.entries for d in parse_entry(e, digest=True)[0]]
    t1 = time.perf_counter()
    out = measure_chunk(days, index)
    t2 = time.perf_counter()
print(json.dumps({"parse_ms_per_file": 1000 * (t1 - t0) / len(src.entries),
                  "measure_ms_per_day": 1000 * (t2 - t1) / len(days),
                  "serial_s": t2 - t0, "exact_units": int(out["exact"])}))
"""


def _app_reaction(folder: Path) -> dict[str, float]:
    """Server time of the History view's reruns on this history (streamlit.testing)."""
    from streamlit.testing.v1 import AppTest

    os.environ["FRONTLINE_HISTORY_DIR"] = str(folder)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.session_state["mode"] = "History"
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    slider = at.select_slider(key="history_day")
    days = slider.options
    new_day = []
    for d in days[100::150][:5]:
        t0 = time.perf_counter()
        at.select_slider(key="history_day").set_value(d).run()
        new_day.append(time.perf_counter() - t0)
    same_day = []
    for d in days[100::150][:5]:
        t0 = time.perf_counter()
        at.select_slider(key="history_day").set_value(d).run()
        same_day.append(time.perf_counter() - t0)
    units = []
    for code in ("UA-23", "UA-65", "UA-09", "UA-14"):
        t0 = time.perf_counter()
        at.selectbox(key="history_unit").set_value(code).run()
        units.append(time.perf_counter() - t0)
    assert not at.exception, at.exception
    return {"first_s": first, "new_day_median_s": sorted(new_day)[len(new_day) // 2],
            "new_day_max_s": max(new_day), "seen_day_median_s": sorted(same_day)[2],
            "unit_median_s": sorted(units)[len(units) // 2], "unit_max_s": max(units)}


_DATE = "() => (document.body.innerHTML.match(/Mapped control, (\\d{4}-\\d{2}-\\d{2})/) || [])[1]"
# The day's layer is in: the date in the legend differs and the mapped layer has paths.
_CHANGED = """before => {
  const m = document.body.innerHTML.match(/Mapped control, (\\d{4}-\\d{2}-\\d{2})/);
  return m && m[1] !== before &&
         document.querySelector('path.leaflet-interactive[fill="#7b241c"]') !== null;
}"""


def _browser_reaction(folder: Path, presses: int = 9) -> dict[str, Any] | None:
    """In headless Chromium against ``streamlit run app.py`` with this history: the time
    from an arrow key on the History view's day slider to the new day's mapped layer
    drawn in the map's frame (its date in the legend, its paths on the map)."""
    import shutil
    import socket
    import urllib.request

    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "FRONTLINE_HISTORY_DIR": str(folder)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py",
                             "--server.port", str(port), "--server.headless", "true"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.goto(url, wait_until="domcontentloaded")
            page.get_by_test_id("stRadioGroup").get_by_text("History", exact=True).click(
                timeout=120_000)

            frame: Any = None

            def shown() -> str | None:
                nonlocal frame
                for f in page.frames:
                    try:
                        if f.url == "about:srcdoc" and f.locator(
                                'path.leaflet-interactive[fill="#7b241c"]').count():
                            frame = f
                            return str(f.evaluate(_DATE))
                    except Exception:  # noqa: BLE001 - the frame is being replaced
                        pass
                return None

            t0 = time.monotonic()
            while shown() is None:
                if time.monotonic() - t0 > 300:
                    raise RuntimeError("the History view's day map was not drawn")
                page.wait_for_timeout(50)
            opened = time.monotonic() - t0
            slider = page.get_by_test_id("stSlider").filter(has_text="Day").get_by_role(
                "slider")
            times = []
            for _ in range(presses):
                before = shown()
                slider.focus()
                t0 = time.monotonic()
                page.keyboard.press("ArrowLeft")
                if frame is not None:  # polled in the page, each animation frame
                    with contextlib.suppress(Exception):  # the page was replaced: poll below
                        frame.wait_for_function(_CHANGED, arg=before, timeout=30_000)
                while (now := shown()) is None or now == before:
                    if time.monotonic() - t0 > 30:
                        raise RuntimeError("the day map did not follow the slider")
                    page.wait_for_timeout(10)
                times.append(time.monotonic() - t0)
                page.wait_for_timeout(800)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    times.sort()
    return {"open_s": opened, "median_s": times[len(times) // 2], "min_s": times[0],
            "max_s": times[-1], "presses": float(presses), "all_s": times}


def main(days: int = 800) -> dict[str, object]:
    folder = series_dir(days)
    shape = _shape(folder)
    print(f"series: {shape['files']} files of {shape['mean_kib']:.0f} KiB, "
          f"{shape['vertices_min']}-{shape['vertices_max']} vertices, up to "
          f"{shape['parts_max']} parts and {shape['holes_max']} holes, {shape['gaps']} gaps")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FRONTLINE_CACHE_DIR"] = str(Path(tmp) / "cache")
        naive = _run(_NAIVE, str(folder), str(Path(tmp) / "naive.json"))
        colds = [_run(_OURS, str(folder), str(Path(tmp) / "ours.json"), "no-cache")
                 for _ in range(3)]
        colds.sort(key=lambda r: r["end_to_end_s"])
        cold = colds[1]  # the median of three runs
        first = _run(_OURS, str(folder), str(Path(tmp) / "ours.json"), "cache")
        warm = _run(_OURS, str(folder), str(Path(tmp) / "ours.json"), "cache")
        parts = _run(_BREAKDOWN, str(folder))
        ref = json.loads((Path(tmp) / "naive.json").read_text())
        got = json.loads((Path(tmp) / "ours.json").read_text())
    worst = 0.0
    for day, per_unit in ref.items():
        for code, value in got[day].items():
            if code != "UA":
                worst = max(worst, abs(value - per_unit.get(code, 0.0)))
    ratio = naive["seconds"] / cold["end_to_end_s"]
    print(f"naive loop (read_file + overlay + geodesic area): {naive['seconds']:.1f} s for "
          f"{naive['days']} days ({1000 * naive['seconds'] / naive['days']:.0f} ms a day), "
          f"peak {naive['peak_mib']:.0f} MiB")
    print(f"ours cold (no cache; read and measured in one pass), median of 3: "
          f"{cold['end_to_end_s']:.2f} s (runs {colds[0]['end_to_end_s']:.2f}-"
          f"{colds[-1]['end_to_end_s']:.2f}) end to end -> {ratio:.1f}x faster; peak "
          f"{cold['peak_mib']:.0f} MiB (this process {cold['self_peak_mib']:.0f} MiB)")
    print(f"ours first run with the cache (writes it): {first['end_to_end_s']:.2f} s; warm "
          f"(parsed days from the cache, then measured): {warm['end_to_end_s']:.2f} s, of "
          f"which measuring {warm['timings']['measure_s']:.2f} s "
          f"({naive['seconds'] / warm['end_to_end_s']:.0f}x)")
    print(f"where the time goes, on one core: parsing {parts['parse_ms_per_file']:.2f} ms a "
          f"file, measuring {parts['measure_ms_per_day']:.2f} ms a day "
          f"({parts['exact_units']} unit-days measured exactly again for the lens bound): "
          f"{parts['serial_s']:.2f} s in all, {cold['end_to_end_s']:.2f} s in two processes "
          f"({parts['serial_s'] / cold['end_to_end_s']:.2f}x)")
    print(f"imports: naive {naive['imports_s']:.2f} s, ours {cold['imports_s']:.2f} s (not "
          "counted above)")
    print(f"largest difference from the naive loop: {worst:.4f} km² per unit-day "
          f"({cold['full_days']:.0f} of {cold['days']:.0f} days measured in full)")
    app = _app_reaction(folder)
    print(f"app History view on {days} days: first open {app['first_s']:.1f} s; a new day on "
          f"the slider {1000 * app['new_day_median_s']:.0f} ms (max "
          f"{1000 * app['new_day_max_s']:.0f}), a day seen before "
          f"{1000 * app['seen_day_median_s']:.0f} ms; another unit "
          f"{1000 * app['unit_median_s']:.0f} ms (max {1000 * app['unit_max_s']:.0f})")
    browser = _browser_reaction(folder)
    if browser is None:
        print("app in Chromium: skipped (no chromium)")
    else:
        print(f"app in Chromium, {days} days: History view opened in {browser['open_s']:.1f} s "
              f"after the click; arrow key on the day slider -> the new day's layer drawn: "
              f"{1000 * browser['median_s']:.0f} ms median ({1000 * browser['min_s']:.0f}-"
              f"{1000 * browser['max_s']:.0f}, {browser['presses']:.0f} presses)")
    return {"shape": shape, "naive": naive, "cold": cold, "colds": colds, "parts": parts,
            "first": first, "warm": warm, "browser": browser,
            "ratio": ratio, "worst_km2": worst, "app": app,
            "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=800)
    main(parser.parse_args().days)
