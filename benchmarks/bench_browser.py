"""The app as a user meets it, in headless Chromium against ``streamlit run app.py``.

Run: ``.venv/bin/python benchmarks/bench_browser.py``. Prints figures; asserts nothing.
A map counts as drawn when a Leaflet path exists in its frame. Bytes are what the
browser received for the view: websocket frames plus the map pages it fetched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_WARM = "from frontline.cli import main; main(['warm'])"


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str, float]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port",
                             str(port), "--server.headless", "true"], cwd=ROOT,
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url, t0
        except OSError:
            time.sleep(0.05)


class _Meter:
    """Bytes received and websocket frames sent by a page, from a mark on."""

    def __init__(self, page: Any) -> None:
        self.received = 0
        self.sent = 0
        page.on("websocket", self._ws)
        page.on("response", self._response)

    def _ws(self, ws: Any) -> None:
        ws.on("framereceived", lambda p: setattr(self, "received", self.received + len(p)))
        ws.on("framesent", lambda _p: setattr(self, "sent", self.sent + 1))

    def _response(self, r: Any) -> None:
        if "/app/static/generated/" in r.url:
            with contextlib.suppress(Exception):  # a cached or aborted response
                self.received += len(r.body())

    def mark(self) -> tuple[int, int]:
        return self.received, self.sent


def _drawn(page: Any, prefix: str, count: int = 1, timeout: float = 120.0,
           old: set[str] | None = None) -> float:
    """Seconds until ``count`` map pages named ``prefix``... (not in ``old``) have paths."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        ok = 0
        for f in page.frames:
            if f"/generated/{prefix}" in f.url and (old is None or f.url not in old):
                with contextlib.suppress(Exception):  # a frame replaced by a rerun
                    ok += f.locator("path.leaflet-interactive").count() > 0
        if ok >= count:
            return time.monotonic() - t0
        page.wait_for_timeout(25)
    raise RuntimeError(f"no drawn {prefix} map within {timeout} s")


def _urls(page: Any) -> set[str]:
    return {f.url for f in page.frames}


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("browser benchmark: skipped (no chromium)")
        return
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as cache, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for label in ("first start, nothing kept yet (R1 derived on the way)",
                      "cold start after the set-up (kept layers read back)"):
            if "set-up" in label:  # what ./dev.sh setup does: frontline warm
                t_w = time.monotonic()
                subprocess.run([sys.executable, "-c", _WARM], cwd=ROOT,
                               env={**os.environ, "FRONTLINE_CACHE_DIR": cache}, check=True,
                               capture_output=True)
                rows.append(("set-up step `frontline warm` (5 reports, first time)",
                             f"{time.monotonic() - t_w:.1f} s", "once"))
            proc, url, t0 = _serve({"FRONTLINE_CACHE_DIR": cache})
            try:
                ctx = browser.new_context(viewport={"width": 1500, "height": 1100})
                page = ctx.new_page()
                meter = _Meter(page)
                page.goto(url, wait_until="domcontentloaded")
                _drawn(page, "map-")
                cold = time.monotonic() - t0
                rows.append((f"launch to first map, {label}", f"{cold:.1f} s", "≤ 3 s"))
                if "read back" not in label:
                    continue
                rows.append(("report view payload (websocket + map page)",
                             f"{meter.received / 1000:.0f} kB", "≤ 250 kB"))
                page2 = browser.new_page(viewport={"width": 1500, "height": 1100})
                t1 = time.monotonic()
                page2.goto(url, wait_until="domcontentloaded")
                _drawn(page2, "map-")
                rows.append(("second visit, server warm (a new browser: nothing cached)",
                             f"{time.monotonic() - t1:.1f} s", "≤ 1.5 s"))
                page3 = ctx.new_page()  # the same browser: its HTTP cache kept
                t1 = time.monotonic()
                page3.goto(url, wait_until="domcontentloaded")
                _drawn(page3, "map-")
                rows.append(("second visit, server warm, same browser (a returning reader)",
                             f"{time.monotonic() - t1:.1f} s", "≤ 1.5 s"))
                page3.close()
                times, sizes = [], []
                for rid in ("R2", "R3", "R4", "R5"):
                    old = _urls(page)
                    b0, _ = meter.mark()
                    page.get_by_role("combobox", name="Report").click()
                    t2 = time.monotonic()
                    page.get_by_role("option").filter(has_text=f"{rid} ·").first.click()
                    _drawn(page, "map-", old=old)
                    times.append(time.monotonic() - t2)
                    page.wait_for_timeout(500)
                    sizes.append(meter.mark()[0] - b0)
                rows.append(("switching report (R2-R5, first time each in the session)",
                             f"{min(times):.1f}-{max(times):.1f} s, "
                             f"{min(sizes) / 1000:.0f}-{max(sizes) / 1000:.0f} kB", "≤ 1 s"))
                b0, s0 = meter.mark()
                t3 = time.monotonic()
                page.get_by_test_id("stRadioGroup").get_by_text("Compare reports",
                                                                exact=True).click()
                _drawn(page, "compare-")
                _drawn(page, "difference-")
                entered = time.monotonic() - t3
                page.wait_for_timeout(1500)
                b1, s1 = meter.mark()
                rows.append(("entering Compare", f"{entered:.1f} s, {s1 - s0} run(s), "
                             f"{(b1 - b0) / 1000:.0f} kB", "1 run, ≤ 3 s"))
                pair = next(f for f in page.frames if "/generated/compare-" in f.url)
                box = pair.locator(".folium-map").first.bounding_box()
                page.mouse.move(box["x"] + 200, box["y"] + 200)
                page.mouse.down()
                page.mouse.move(box["x"] + 80, box["y"] + 140, steps=10)
                page.mouse.up()
                page.mouse.wheel(0, -300)
                page.wait_for_timeout(1500)
                b2, s2 = meter.mark()
                views = pair.evaluate("window.__faMaps.map(m => [m.getZoom(), m.getCenter()"
                                      ".lat.toFixed(4), m.getCenter().lng.toFixed(4)])")
                same = "the other follows" if views[0] == views[1] else "NOT in step"
                rows.append(("panning and zooming one compare map",
                             f"{s2 - s1} rerun(s), {(b2 - b1) / 1000:.0f} kB; {same}",
                             "0 reruns"))
            finally:
                proc.terminate()
                proc.wait(timeout=20)
        browser.close()
    width = max(len(r[0]) for r in rows)
    for what, value, target in rows:
        print(f"{what:<{width}}  {value:<34} target {target}")


if __name__ == "__main__":
    main()
