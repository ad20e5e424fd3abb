"""The app's first map against a bare Streamlit page showing the same map, side by side.

Run: ``.venv/bin/python benchmarks/bench_first_map.py [--runs N]``. Both servers run at
once, warm (each is visited once first); then each run opens a new browser context on
each, alternately, and times ``goto`` until the map page has drawn a Leaflet path. The
bare page is three lines of Streamlit: a wide page and an ``st.iframe`` of the very map
page the app showed (the same static file). Prints the medians and their ratio; the
target is 1.3x or less. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BARE = """import streamlit as st
st.set_page_config(page_title="bare", layout="wide")
st.iframe({url!r}, height=640)
"""


def _serve(script: Path, cwd: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script),
                             "--server.port", str(port), "--server.headless", "true",
                             "--server.enableStaticServing", "true"], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{script} did not start")


def _first_map(browser: Any, url: str) -> tuple[float, str]:
    """Seconds from ``goto`` to a drawn map in a new context, and the map page's URL."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1100})
    page = ctx.new_page()
    t0 = time.monotonic()
    page.goto(url, wait_until="commit")
    while time.monotonic() - t0 < 120:
        for f in page.frames:
            if "/app/static/generated/map-" in f.url:
                try:
                    if f.locator("path.leaflet-interactive").count() > 0:
                        took = time.monotonic() - t0
                        src = f.url
                        ctx.close()
                        return took, src
                except Exception:  # noqa: BLE001 - a frame replaced by a rerun
                    pass
        page.wait_for_timeout(10)  # lets playwright pump its events
    raise RuntimeError(f"no map drawn at {url}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None:
        print("first-map benchmark: skipped (no chromium)")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        app, app_url = _serve(ROOT / "app.py", ROOT)
        try:
            _, map_url = _first_map(browser, app_url)  # warms the app; the map it shows
            bare_dir = Path(tmp)
            (bare_dir / "static").symlink_to(ROOT / "static", target_is_directory=True)
            script = bare_dir / "bare.py"
            script.write_text(BARE.format(url=map_url[map_url.index("/app/static/"):]))
            bare, bare_url = _serve(script, bare_dir)
            try:
                _first_map(browser, bare_url)
                ours, theirs = [], []
                for _ in range(args.runs):
                    ours.append(_first_map(browser, app_url)[0])
                    theirs.append(_first_map(browser, bare_url)[0])
            finally:
                bare.terminate()
                bare.wait(timeout=20)
        finally:
            app.terminate()
            app.wait(timeout=20)
        browser.close()
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"first map, app (median of {args.runs}):        {a:.2f} s "
          f"({min(ours):.2f}-{max(ours):.2f})")
    print(f"first map, bare Streamlit page, same map:  {b:.2f} s "
          f"({min(theirs):.2f}-{max(theirs):.2f})")
    print(f"ratio: {a / b:.2f}x (target 1.3x or less)")


if __name__ == "__main__":
    main()
