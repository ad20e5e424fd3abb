"""Real-browser test: `streamlit run app.py` on a free port, driven by headless Chromium.

Skips (with the reason) only where no Chromium exists; `.ci/run` installs Debian's.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "streamlit-server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            proc.kill()
            pytest.fail(f"streamlit did not start within 60 s; see {log.name}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic",
                  "--no-first-run"],
        )
        yield b
        b.close()


def _map_frame(page: object, timeout_s: float = 60.0, index: int = 0) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        frames = [f for f in page.frames if "streamlit_folium" in f.url]  # type: ignore[attr-defined]
        if len(frames) > index:
            return frames[index]
        page.wait_for_timeout(250)  # type: ignore[attr-defined]  # lets playwright process events
    raise AssertionError("no streamlit_folium map iframe appeared")


def test_map_draws_units_and_tooltip(app_url: str, browser: object) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(app_url, wait_until="domcontentloaded")
    frame = _map_frame(page)
    frame.wait_for_selector("path.leaflet-interactive", timeout=60_000)
    # Leaflet is defined in the map iframe: it came from /app/static, not a CDN.
    assert frame.evaluate("typeof L") == "object"
    paths = frame.locator("path.leaflet-interactive")
    assert paths.count() >= 30  # 27 Ukrainian + 3 Russian units (plus other layers)
    # Hover Donetsk oblast's polygon area and read the tooltip.
    box = frame.locator(".leaflet-container").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.first.wait_for(timeout=15_000)
    text = tooltip.first.inner_text()
    assert "km²" in text and "UA-" in text
    page.screenshot(path=str(ARTIFACTS / "app-map.png"), full_page=False)
    assert not [u for u in failed if "leaflet" in u], failed
    page.close()
