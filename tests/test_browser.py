"""Real-browser tests: `streamlit run app.py` on a free port, driven by headless Chromium.

They skip (with the reason) only where no Chromium exists; `.ci/run` installs Debian's.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> ${window.__xss=3}'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serve(name: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run app.py` until the block ends; yield its URL."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / f"streamlit-{name}.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail(f"streamlit did not start within 90 s; see {log.name}")
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
def app_url() -> Iterator[str]:
    with _serve("default") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def _is_map_frame(frame: Any) -> bool:
    """A folium map: a page the app wrote to its static files, or an st_folium map."""
    return "/app/static/generated/" in frame.url or "streamlit_folium" in frame.url


def _map_frames(page: Any, count: int, timeout_s: float = 90.0) -> list[Any]:
    """Wait until ``count`` map iframes have drawn paths and stay so for 1.5 s (no rerun)."""
    deadline = time.monotonic() + timeout_s
    stable_since: float | None = None
    last: list[Any] = []
    while time.monotonic() < deadline:
        frames = [f for f in page.frames if _is_map_frame(f)]
        ok = False
        if len(frames) >= count:
            try:
                ok = all(f.locator("path.leaflet-interactive").count() > 0 for f in frames[:count])
            except Exception:  # a frame detached by a rerun  # noqa: BLE001
                ok = False
        if ok and frames[:count] == last:
            stable_since = stable_since or time.monotonic()
            if time.monotonic() - stable_since >= 1.5:
                return frames[:count]
        else:
            stable_since = None
        last = frames[:count] if ok else []
        page.wait_for_timeout(250)  # lets playwright process events
    raise AssertionError(f"fewer than {count} drawn map iframes after {timeout_s:.0f} s")


# folium names its map variable map_<id>; this finds it inside the map iframe.
_MAP = 'window[Object.keys(window).find(k => k.startsWith("map_") && window[k].getZoom)]'


def _map_view(frame: Any) -> list[float]:
    """[zoom, lat, lon] of the folium map in ``frame``."""
    return list(
        frame.evaluate(
            f"() => {{ const m = {_MAP}; "
            "return [m.getZoom(), m.getCenter().lat, m.getCenter().lng]; }"
        )
    )


def _set_view(frame: Any, lat: float, lon: float, zoom: int) -> None:
    frame.evaluate(
        f"([lat, lon, z]) => {_MAP}.setView([lat, lon], z, {{animate: false}})", [lat, lon, zoom]
    )


def _page_point(frame: Any, lat: float, lon: float) -> tuple[float, float]:
    """Page coordinates (px) of (lat, lon) on the folium map in ``frame``."""
    x, y = frame.evaluate(
        f"([lat, lon]) => {{ const p = {_MAP}.latLngToContainerPoint([lat, lon]); "
        "return [p.x, p.y]; }",
        [lat, lon],
    )
    box = frame.locator(".leaflet-container").first.bounding_box()  # the first map of a page
    return box["x"] + x, box["y"] + y


def _hover_latlng(page: Any, frame: Any, lat: float, lon: float) -> str:
    """Move the mouse over (lat, lon) of the folium map in ``frame``; return the tooltip text."""
    page.mouse.move(*_page_point(frame, lat, lon))
    tip = frame.locator(".leaflet-tooltip:not(.fa-city-label)")  # not a city's name
    tip.first.wait_for(timeout=15_000)
    page.wait_for_timeout(200)
    return str(tip.last.inner_text())


def _page(browser: Any) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1500, "height": 1150})
    failed: list[str] = []
    dialogs: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))

    def on_dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    return page, failed, dialogs


def test_report_view_draws_map_and_tooltip(app_url: str, browser: Any) -> None:
    page, failed, _ = _page(browser)
    t0 = time.monotonic()
    page.goto(app_url, wait_until="domcontentloaded")
    (frame,) = _map_frames(page, 1)
    print(f"\nfirst drawn map {time.monotonic() - t0:.1f} s after opening the page")
    assert frame.evaluate("typeof L") == "object"  # Leaflet came from /app/static
    paths = frame.locator("path.leaflet-interactive").count()
    assert paths >= 30, paths  # 30 units, claims, zones...
    # Sloviansk, in the part of Donetsk no zone covers: the claim tooltip of Donetsk.
    text = _hover_latlng(page, frame, 48.87, 37.6)
    assert "Donetsk (UA-14)" in text and "80–88 % (more than 80 %)" in text, text
    assert "V7N" in text and "km²" in text
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "report-view.png"))
    assert not [u for u in failed if "leaflet" in u or "/app/static" in u], failed
    page.close()


def _pages_named(page: Any, *prefixes: str, timeout_s: float = 90.0) -> list[Any]:
    """The drawn map frames whose page name (``static/generated/<prefix>...``) starts so."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = []
        for prefix in prefixes:
            f = next((f for f in page.frames if f"/generated/{prefix}" in f.url), None)
            try:
                if f is not None and f.locator("path.leaflet-interactive").count() > 0:
                    found.append(f)
            except Exception:  # noqa: BLE001 - replaced by a rerun
                pass
        if len(found) == len(prefixes):
            return found
        assert time.monotonic() < deadline, f"no drawn map pages {prefixes}"
        page.wait_for_timeout(250)


def _ws_counter(page: Any) -> dict[str, int]:
    """Counts of websocket frames the page sends to the server (a rerun is one)."""
    sent = {"frames": 0}

    def on_ws(ws: Any) -> None:
        ws.on("framesent", lambda _payload: sent.__setitem__("frames", sent["frames"] + 1))

    page.on("websocket", on_ws)
    return sent


_VIEWS = ("() => window.__faMaps.map(m => [m.getZoom(), m.getCenter().lat, "
          "m.getCenter().lng])")


def test_compare_maps_follow_each_other_without_a_rerun(app_url: str, browser: Any) -> None:
    page, failed, _ = _page(browser)
    sent = _ws_counter(page)
    page.goto(app_url, wait_until="domcontentloaded")
    _map_frames(page, 1)
    page.get_by_text("Compare reports", exact=True).click()
    pair, diff = _pages_named(page, "compare-", "difference-")  # A and B in one; difference
    assert pair.evaluate("window.__faMaps.length") == 2
    assert pair.locator("path.leaflet-interactive").count() >= 60  # both sides drawn
    assert diff.locator("path.leaflet-interactive").count() >= 28  # every unit of a snapshot
    assert "claimed share fell" in diff.locator("body").inner_text()  # its legend
    page.wait_for_timeout(2000)
    page.screenshot(path=str(ARTIFACTS / "compare-view.png"))
    before = sent["frames"]
    # Drag map A with the mouse, then zoom it: map B takes the same view, in the page.
    box = pair.locator(".folium-map").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 120, box["y"] + box["height"] / 2 - 60,
                    steps=10)
    page.mouse.up()
    page.wait_for_timeout(400)
    (za, lat_a, lon_a), (zb, lat_b, lon_b) = pair.evaluate(_VIEWS)
    assert (za, lat_a, lon_a) == pytest.approx((zb, lat_b, lon_b), abs=1e-6)
    pair.evaluate("window.__faMaps[0].setView([48.3, 37.7], 8, {animate: false})")
    page.wait_for_timeout(400)
    (_, _, _), (zb, lat_b, lon_b) = pair.evaluate(_VIEWS)
    assert zb == 8 and lat_b == pytest.approx(48.3, abs=1e-3) and lon_b == pytest.approx(37.7,
                                                                                       abs=1e-3)
    page.wait_for_timeout(1500)
    assert sent["frames"] == before, "panning a compare map sent something to the server"
    assert [u for u in failed if "/app/static/" in u] == []
    page.close()


def test_the_map_for_an_article_downloads_as_png(app_url: str, browser: Any) -> None:
    page, _, _ = _page(browser)
    page.goto(app_url + "/?mode=report&report=R5", wait_until="domcontentloaded")
    _chosen(page, "Report", "R5")
    _pages_named(page, "map-")
    with page.expect_download(timeout=120_000) as dl:
        page.get_by_role("button", name="Map for an article (PNG)").click()
    path = ARTIFACTS / "R5-article-map.png"
    dl.value.save_as(str(path))
    raw = path.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 50_000
    assert dl.value.suggested_filename == "R5-map.png"
    page.close()


def test_a_shared_link_opens_the_same_view(app_url: str, browser: Any) -> None:
    page, _, _ = _page(browser)
    page.goto(app_url + "/?mode=compare&a=R2&b=R4&dmz=30", wait_until="domcontentloaded")
    _chosen(page, "Earlier report (A)", "R2")
    _chosen(page, "Later report (B)", "R4")
    (pair,) = _pages_named(page, "compare-")
    assert "R2 ·" in pair.locator("body").inner_text()
    # The address follows the user: pick another B, and the link says so.
    _choose(page, "Later report (B)", "R5")
    deadline = time.monotonic() + 30
    while "b=R5" not in page.url and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert "mode=compare" in page.url and "a=R2" in page.url and "b=R5" in page.url
    assert "dmz=30" in page.url
    # A link with a report that does not exist says so and opens the default.
    page.goto(app_url + "/?mode=report&report=R99", wait_until="domcontentloaded")
    _map_frames(page, 1)
    page.get_by_text("report='R99' is not one of", exact=False).first.wait_for(timeout=30_000)
    assert page.get_by_test_id("stException").count() == 0
    page.close()


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile-reports")
    for f in (ROOT / "data" / "reports").glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    text = (folder / "R1.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "paraphrase: Russia controls over 80 % of Donetsk oblast.", f"paraphrase: '{HOSTILE}'"
    )
    text = text.replace(
        "title: Kremlin sets out conditions for talks after the US election", f"title: '{HOSTILE}'"
    )
    assert HOSTILE in text
    (folder / "R1.yaml").write_text(text, encoding="utf-8")
    with _serve("hostile", {"FRONTLINE_REPORTS_DIR": str(folder)}) as url:
        yield url


def test_hostile_report_text_shows_as_text(hostile_url: str, browser: Any) -> None:
    page, _, dialogs = _page(browser)
    page.goto(hostile_url, wait_until="domcontentloaded")
    (frame,) = _map_frames(page, 1)
    # The title is shown as text in the page.
    page.get_by_text("window.__xss=1", exact=False).first.wait_for(timeout=20_000)
    seen = _hover_latlng(page, frame, 48.87, 37.6)  # Donetsk claim tooltip
    assert "<script>window.__xss=1</script>" in seen  # rendered as literal text
    assert "${window.__xss=3}" in seen
    for f in [page.main_frame, *page.frames]:
        assert f.evaluate("typeof window.__xss") == "undefined"
    assert frame.locator("img[src='x']").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    page.screenshot(path=str(ARTIFACTS / "hostile-report.png"))
    page.close()


def test_upload_control_layer_and_draw_a_sketch(app_url: str, browser: Any, tmp_path: Path) -> None:
    import json
    import re

    import shapely
    from shapely.geometry import box, mapping

    from geo.areas import geometry_area_km2
    from geo.boundaries import load_units

    units = load_units()
    don = units.loc["UA-14", "geometry"]
    minx, miny, maxx, maxy = don.bounds
    east = box((minx + maxx) / 2, miny, maxx + 2, maxy)
    upload = tmp_path / "east-half.geojson"
    upload.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": mapping(east)}))
    ua = shapely.union_all(list(units.loc[units.country == "UA", "geometry"]))
    expected_km2 = geometry_area_km2(ua.intersection(east))

    page, _, dialogs = _page(browser)
    page.goto(app_url, wait_until="domcontentloaded")
    _map_frames(page, 1)
    page.get_by_test_id("stRadioGroup").get_by_text("Your data", exact=True).click()
    (frame,) = _map_frames(page, 1)
    page.locator("input[type=file]").set_input_files(str(upload))
    banner = page.get_by_text("Using", exact=False).first
    banner.wait_for(timeout=60_000)
    got_km2 = float(re.search(r"([\d,]+) km²", banner.inner_text()).group(1).replace(",", ""))
    # Within 0.1 %: splitting the long box edges at oblast borders moves geodesic edges.
    assert got_km2 == pytest.approx(expected_km2, rel=1e-3)
    (layer_map,) = _pages_named(page, "uploaded-")  # the uploaded layer, drawn
    assert _control_paths(layer_map) >= 1

    # Draw a polygon around Kramatorsk and Sloviansk with the Leaflet.draw toolbar.
    frame = next(f for f in _map_frames(page, 2) if "streamlit_folium" in f.url)
    tool = frame.locator(".leaflet-draw-draw-polygon")
    tool.wait_for(timeout=30_000)
    # Bring the map into the viewport, and zoom so that a pixel is ~200 m and the
    # box (~220 px a side) sits well inside the map.
    page.locator("iframe[title='streamlit_folium.st_folium']").last.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    _set_view(frame, 48.75, 37.6, 9)
    page.wait_for_timeout(500)
    tool.click()
    # Leaflet.draw shows its own tooltip once the polygon tool is listening.
    frame.locator(".leaflet-draw-tooltip").first.wait_for(timeout=15_000)
    corners = [(48.95, 37.3), (48.95, 37.9), (48.55, 37.9), (48.55, 37.3)]
    pts = [_page_point(frame, lat, lon) for lat, lon in corners]
    for i, (x, y) in enumerate([*pts, pts[0]]):
        page.mouse.move(x, y)
        page.wait_for_timeout(150)
        page.mouse.click(x, y)
        page.wait_for_timeout(400)
        if 0 < i < len(pts):  # each click adds a vertex (markers of the shape being drawn)
            assert frame.locator(".leaflet-marker-icon.leaflet-editing-icon").count() == i + 1
    # wait for the sketch's figures themselves: the words "units it touches" also stand
    # in the view's caption, so waiting on them raced the rerun (strict-mode violation
    # in CI once the table's heading appeared beside the caption)
    metric = page.get_by_test_id("stMetric").filter(has_text="Area").first
    metric.wait_for(timeout=60_000)
    area = float(re.search(r"([\d,]+) km²", metric.inner_text()).group(1).replace(",", ""))
    # The box drawn, 0.6 deg x 0.4 deg at 48.75 N: ~1,960 km²; clicks land within a pixel.
    assert area == pytest.approx(geometry_area_km2(box(37.3, 48.55, 37.9, 48.95)), rel=0.03)
    people = page.get_by_test_id("stMetric").filter(has_text="People in cities").first.inner_text()
    assert (
        int(re.search(r"([\d,]+)\s*$", people).group(1).replace(",", "")) >= 147_145
    )  # Kramatorsk
    assert dialogs == []
    page.screenshot(path=str(ARTIFACTS / "your-data.png"), full_page=True)
    page.close()


def _choose(page: Any, label: str, rid: str) -> None:
    """Pick the option of report ``rid`` in the selectbox (a combobox) labelled ``label``."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    page.get_by_role("option").filter(has_text=f"{rid} ·").first.click()
    _chosen(page, label, rid)


def _chosen(page: Any, label: str, rid: str, timeout_s: float = 60.0) -> None:
    """Wait until the combobox ``label`` shows report ``rid``."""
    box = page.get_by_role("combobox", name=label)
    deadline = time.monotonic() + timeout_s
    while not str(box.input_value()).startswith(f"{rid} ·"):
        assert time.monotonic() < deadline, (label, rid, box.input_value())
        page.wait_for_timeout(200)


def _control_paths(frame: Any) -> int:
    """Paths drawn in the mapped control layer's style (Russian-held, dark red)."""
    return int(frame.locator('path.leaflet-interactive[fill="#7b241c"]').count())


def _maps_with_control(page: Any, count: int, which: tuple[int, ...],
                       timeout_s: float = 90.0) -> list[Any]:
    """The ``count`` drawn map frames once maps ``which`` show the mapped control layer
    (a rerun may still be replacing an earlier map)."""
    deadline = time.monotonic() + timeout_s
    while True:
        frames = _map_frames(page, count, timeout_s=timeout_s)
        try:
            if all(_control_paths(frames[i]) >= 1 for i in which):
                return frames
        except Exception:  # a frame detached by a rerun  # noqa: BLE001
            pass
        assert time.monotonic() < deadline, "the mapped control layer was never drawn"
        page.wait_for_timeout(500)


@pytest.mark.parametrize("layer", ["readme-example", "daily"])
def test_loaded_layer_in_every_report_and_compare(app_url: str, browser: Any, tmp_path: Path,
                                                  layer: str) -> None:
    """Upload the README's example layer or a real-shaped daily export; then every report
    view and every compare draws the measured layer and shows verdicts, no exception."""
    import json

    from geo.synthetic import SyntheticSeries, feature_collection, synthetic_history

    if layer == "readme-example":
        from frontline.cli import main

        upload = tmp_path / "my-control.geojson"
        assert main(["schematic", "R5", "--out", str(upload)]) == 0
    else:
        day, geom = list(synthetic_history(SyntheticSeries(days=3, gaps=0)))[-1]
        upload = tmp_path / f"deepstatemap_data_{day:%Y%m%d}.geojson"
        upload.write_text(json.dumps(feature_collection(geom, name=upload.stem)))
    page, _, dialogs = _page(browser)
    page.goto(app_url, wait_until="domcontentloaded")
    _map_frames(page, 1)
    page.get_by_test_id("stRadioGroup").get_by_text("Your data", exact=True).click()
    _map_frames(page, 1)
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("Using", exact=False).first.wait_for(timeout=90_000)
    page.get_by_test_id("stRadioGroup").get_by_text("Report view", exact=True).click()
    for rid in ("R1", "R2", "R3", "R4", "R5"):
        if rid != "R1":
            _choose(page, "Report", rid)
        _chosen(page, "Report", rid)
        (frame,) = _maps_with_control(page, 1, (0,))
        page.get_by_text("Against", exact=False).first.wait_for(timeout=60_000)
        assert page.get_by_test_id("stException").count() == 0, (layer, rid)
    page.screenshot(path=str(ARTIFACTS / f"report-with-{layer}.png"))
    page.get_by_test_id("stRadioGroup").get_by_text("Compare reports", exact=True).click()
    for rid in ("R1", "R2", "R3", "R4"):
        if rid != "R1":
            _choose(page, "Earlier report (A)", rid)
        _chosen(page, "Earlier report (A)", rid)
        _maps_with_control(page, 2, (0,))
        (pair,) = _pages_named(page, "compare-")
        assert _control_paths(pair) >= 2  # maps A and B both draw the loaded layer
        page.get_by_text("against the loaded control layer", exact=False).first.wait_for(
            timeout=60_000)
        assert page.get_by_test_id("stException").count() == 0, (layer, rid)
    page.screenshot(path=str(ARTIFACTS / f"compare-with-{layer}.png"), full_page=True)
    assert dialogs == []
    page.close()


def test_history_upload_chart_and_day_slider(app_url: str, browser: Any, tmp_path: Path) -> None:
    """Upload a zip of daily layers; the chart and the day's map draw; moving the day
    slider redraws the map with that day's layer."""
    import json
    import zipfile

    from geo.synthetic import SyntheticSeries, feature_collection, synthetic_history

    zpath = tmp_path / "archive.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        # 2024-11-20 to -12-01: R1 (2024-11-23) is in force on the later days
        for date, layer in synthetic_history(SyntheticSeries(days=12, gaps=1, seed=3,
                                                             start=dt.date(2024, 11, 20))):
            stem = f"deepstatemap_data_{date:%Y%m%d}"
            zf.writestr(f"{stem}.geojson", json.dumps(feature_collection(layer, name=stem)))
    page, _, dialogs = _page(browser)
    page.goto(app_url, wait_until="domcontentloaded")
    _map_frames(page, 1)
    page.get_by_test_id("stRadioGroup").get_by_text("History", exact=True).click()
    page.locator("input[type=file]").set_input_files(str(zpath))
    page.get_by_text("days, 2024-11-20 to", exact=False).first.wait_for(timeout=120_000)

    def day_frame() -> Any:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for f in page.frames:
                try:
                    if f.url == "about:srcdoc" and _control_paths(f) >= 1:
                        return f
                except Exception:  # noqa: BLE001 - replaced by a rerun
                    pass
            page.wait_for_timeout(250)
        raise AssertionError("the day map was not drawn")

    frame = day_frame()
    last_day = frame.evaluate("() => document.body.innerHTML.match(/Mapped control, "
                              "(\\d{4}-\\d{2}-\\d{2})/)[1]")
    assert page.locator("[data-testid='stVegaLiteChart'], .vega-embed").count() >= 1
    slider = page.get_by_test_id("stSlider").filter(has_text="Day").get_by_role("slider")
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    deadline = time.monotonic() + 60
    while True:
        frame = day_frame()
        shown = frame.evaluate("() => document.body.innerHTML.match(/Mapped control, "
                               "(\\d{4}-\\d{2}-\\d{2})/)[1]")
        if shown != last_day:
            break
        assert time.monotonic() < deadline, "the map did not follow the slider"
        page.wait_for_timeout(250)
    assert shown < last_day
    # The day was put into the page loaded once (a component), not a new page: Donetsk's
    # claim tooltip gives that day's measured share.
    tips = frame.evaluate("""() => { const out = [];
      for (const k of Object.keys(window)) { const v = window[k];
        if (v instanceof L.Map) v.eachLayer(l => { const p = l.feature && l.feature.properties;
          if (p && p.code === 'UA-14' && typeof p.tip === 'string') out.push(p.tip); }); }
      return out; }""")
    assert tips and all(f"mapped {shown}: " in t and "@@" not in t for t in tips), tips
    assert page.get_by_test_id("stException").count() == 0 and dialogs == []
    page.screenshot(path=str(ARTIFACTS / "history-view.png"), full_page=True)
    # The uploaded history is now in use in every view: R1's report map is drawn from
    # the day nearest its date, and says so.
    page.get_by_test_id("stRadioGroup").get_by_text("Report view", exact=True).click()
    page.get_by_text("from the history's day nearest R1's date", exact=False).first.wait_for(
        timeout=120_000)
    assert page.get_by_text("History in use: ", exact=False).count() >= 1
    (frame,) = _maps_with_control(page, 1, (0,))
    legend = " ".join(frame.evaluate("() => document.body.innerText").split())
    assert ("held ground measured from archive.zip:deepstatemap_data_20241123.geojson "
            "(2024-11-23)") in legend, legend[:400]
    assert page.get_by_test_id("stException").count() == 0 and dialogs == []
    page.screenshot(path=str(ARTIFACTS / "report-view-with-history.png"), full_page=True)
    page.close()
