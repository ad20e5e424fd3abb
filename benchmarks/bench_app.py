"""Speed and size figures for the app: map payload per report, time to the first drawn map.

Run: ``.venv/bin/python benchmarks/bench_app.py``. Prints figures; asserts nothing.
The second part needs Debian's chromium (``apt-get install chromium``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def payloads() -> None:
    from geo.boundaries import load_units
    from geo.cities import load_cities
    from geo.layerset import Atlas
    from geo.reports import load_reports
    from layers.report_map import report_map

    units, cities, reports = load_units(), load_cities(), load_reports()
    atlas = Atlas(reports, units)
    for rid in reports.ids:
        t0 = time.perf_counter()
        ls = atlas.layerset(rid)
        t1 = time.perf_counter()
        html = report_map(ls, units, cities).get_root().render()
        t2 = time.perf_counter()
        print(
            f"{rid}: layer set {1000 * (t1 - t0):,.0f} ms, map HTML {1000 * (t2 - t1):,.0f} ms, "
            f"payload {len(html.encode()) / 1024:,.0f} KiB"
        )


def first_map() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("time to first map: skipped (no chromium)")
        return
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        t_up = time.perf_counter() - t0
        with sync_playwright() as pw:
            b = pw.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = b.new_page(viewport={"width": 1500, "height": 1100})
            page.goto(url)
            while True:
                frames = [f for f in page.frames if "streamlit_folium" in f.url]
                if frames and frames[0].locator("path.leaflet-interactive").count() > 0:
                    break
                page.wait_for_timeout(100)
            t_map = time.perf_counter() - t0
            b.close()
        print(
            f"streamlit run -> server up {t_up:.1f} s -> first drawn map {t_map:.1f} s "
            "(cold caches: reports, boundaries, schematic zones of R1)"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    payloads()
    first_map()
