"""Real-browser tests: `streamlit run app.py` on a free port, driven by headless Chromium.

They skip (with the reason) only where no Chromium exists; `.ci/run` installs Debian's.
Every view is shot at 1600 px wide into ``test-artifacts/`` and checked in the page: no
map legend over a claim's label or a claimed unit (:func:`_check_maps`), no table cell
cut, empty-worded ("None", "nan") or read as markdown (:func:`_check_tables`).

They wait on what the page shows (an element, a text, the app's run state, a map's view),
never for a set time: the only pauses are the health poll of the server starting.
"""

from __future__ import annotations

import datetime as dt
import os
import re
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
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: The width every view is shot and checked at (px): a laptop's browser, full screen.
WIDTH = 1600
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
                # the server is not listening yet: a refused connection returns at once,
                # so the poll pauses (no page exists to wait on)
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


# Every same-origin iframe of the page, nested ones too (the History day map is a page in
# a component's frame), for the conditions the page is polled on; and the app's state.
_IFRAMES = """const iframes = (w, out = []) => {
  for (const f of w.document.querySelectorAll('iframe')) {
    let d = null;
    try { d = f.contentDocument; } catch (e) { d = null; }
    if (d) { out.push(f); iframes(f.contentWindow, out); }
  }
  return out;
};
// drawn, and framed (a map with a legend is framed once its page has loaded)
const drawn = f => { const d = f.contentDocument;
  return !!d.querySelector('path.leaflet-interactive') &&
    (!d.querySelector('.fa-legend') || !!d.documentElement?.hasAttribute('data-fa-fitted')); };
const idle = () => document.querySelector('[data-testid=stApp]')
  ?.getAttribute('data-test-script-state') === 'notRunning';
"""
_MAPS_JS = r"(/\/app\/static\/generated\/|streamlit_folium/)"


def _idle(page: Any, timeout_s: float = 120.0) -> None:
    """Wait until the app's script is not running (Streamlit marks its root element)."""
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(
        timeout=timeout_s * 1000)


def _view(page: Any, label: str) -> None:
    """Open the view ``label`` with the radio buttons; wait until the address says so
    (the app writes the view into it as its run starts)."""
    from ui.urlstate import MODE_SLUGS

    page.get_by_test_id("stRadioGroup").get_by_text(label, exact=True).click()
    page.wait_for_function("m => new URLSearchParams(location.search).get('mode') === m",
                           arg=MODE_SLUGS[label], timeout=60_000)


def _map_frames(page: Any, count: int, timeout_s: float = 90.0) -> list[Any]:
    """The first ``count`` map frames, once the app's run is over and each has drawn."""
    deadline = time.monotonic() + timeout_s
    while True:
        page.wait_for_function(
            "n => { " + _IFRAMES + "return idle() && iframes(window).filter("
            f"f => {_MAPS_JS}.test(f.src) && drawn(f)).length >= n; }}",
            arg=count, timeout=max(deadline - time.monotonic(), 1) * 1000, polling=100)
        frames = _frames_of(page, "iframe[src*='/app/static/generated/'], "
                                    "iframe[src*='streamlit_folium']")
        if len(frames) >= count:
            return frames[:count]
        # a run began between the two looks and took the maps away: wait for its maps
        assert time.monotonic() < deadline, [f.url for f in page.frames]


def _frames_of(page: Any, selector: str) -> list[Any]:
    """The frames of the iframes ``selector`` finds, in the page's order (taken from the
    elements: a frame's URL may not be updated yet when its page has drawn)."""
    found = [h.content_frame() for h in page.locator(selector).element_handles()]
    return [f for f in found if f is not None]


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


def _hover_latlng(page: Any, frame: Any, lat: float, lon: float, *,
                  want: str | None = None) -> str:
    """Move the mouse over (lat, lon) of the folium map in ``frame``; return the tooltip text.

    The move is made again (off the point and back) while no tooltip shows, or, with
    ``want``, while the tooltip shown does not hold it (another layer's, under the mouse
    before the map has all its layers), up to 15 s in all: a map still being drawn, or
    redrawn by a rerun, misses a single move (seen in fresh-clone CI runs under load).
    The text last shown is returned either way, for the caller to assert on."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    tip = frame.locator(".leaflet-tooltip:not(.fa-city-label)")  # not a city's name
    deadline = time.monotonic() + 15.0
    while True:
        x, y = _page_point(frame, lat, lon)
        page.mouse.move(x + 40, y + 40)
        page.mouse.move(x, y)
        try:
            tip.first.wait_for(timeout=3_000)
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
            continue
        text = str(tip.last.inner_text())
        if want is None or want in text or time.monotonic() > deadline:
            return text
        time.sleep(0.5)


def _page(browser: Any) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": WIDTH, "height": 1150})
    failed: list[str] = []
    dialogs: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))

    def on_dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    return page, failed, dialogs


# In a map page: every legend (.fa-legend), every claim label's text (a Range round it)
# and the data drawn (claimed units: the claims pane's paths drawn as a claim, a unit
# with none is outlined #888888; the difference map's, filled at 0.7; or ``extra``); which
# legend lies over which.
_OVERLAPS = """extra => {
  const meets = (a, b) => a.width > 0 && a.height > 0 && b.width > 0 && b.height > 0 &&
    a.left < b.right - 1 && a.right > b.left + 1 && a.top < b.bottom - 1 && a.bottom > b.top + 1;
  const legends = [...document.querySelectorAll('.fa-legend')].map(e => ({
    name: e.querySelector('summary').textContent.trim(), open: e.open,
    r: e.getBoundingClientRect()}));
  const labels = [...document.querySelectorAll('.fa-claim-label')].map(e => {
    const g = document.createRange(); g.selectNodeContents(e);
    return {name: e.textContent, r: g.getBoundingClientRect()}; });
  const data = [...document.querySelectorAll(
    '.leaflet-fa-claims-pane path.leaflet-interactive:not([stroke="#888888"]),' +
    'path.leaflet-interactive[fill-opacity="0.7"]' + (extra ? ',' + extra : ''))]
    .map(e => e.getBoundingClientRect());
  const covered = [];
  for (const l of legends) {
    for (const b of labels) if (meets(l.r, b.r)) covered.push(l.name + ' over the label ' + b.name);
    data.forEach((d, i) => { if (meets(l.r, d)) covered.push(l.name + ' over data ' + i); });
  }
  return {legends: legends.map(l => [l.name, l.open]), labels: labels.map(b => b.name),
          data: data.length, covered: covered};
}"""


def _map_name(frame: Any) -> str:
    """A map frame's page by kind: ``map``, ``compare``, ``difference``, ``uploaded``,
    ``sketch`` (the app's pages, by name), ``day`` (History's), ``draw`` (st_folium)."""
    if "/generated/" in frame.url:
        return str(frame.url.split("/generated/")[1].split("-")[0])
    return "day" if frame.url == "about:srcdoc" else "draw"


def _check_maps(page: Any, *, extra: str = "") -> dict[str, dict[str, Any]]:
    """In every map frame of the page, once framed: no legend over a claim's label or the
    data (claimed units; ``extra``: a selector of more paths). Returns, by
    :func:`_map_name`, each map's legends (name, unfolded), labels and count of data
    paths."""
    found = {}
    for f in page.frames:
        if not (_is_map_frame(f) or f.url == "about:srcdoc"):
            continue
        f.wait_for_function("() => !document.querySelector('.fa-legend') || "
                            "document.documentElement.hasAttribute('data-fa-fitted')",
                            timeout=30_000)
        got = f.evaluate(_OVERLAPS, extra)
        assert got["covered"] == [], (f.url, got)
        found[_map_name(f)] = got
        print(f"\n{_map_name(f)} map: {len(got['legends'])} legend(s) clear of "
              f"{len(got['labels'])} label(s) and {got['data']} data path(s)")
    return found


# Every st.table of the page: a cell whose text is wider or taller than the cell (cut),
# a cell reading "None"/"nan", a cell holding markdown's output (a quote, emphasis, a
# link...: its text was read as markdown), and a table wider than a box that clips it
# with no scroll bar between them.
_TABLES = """() => {
  const out = {tables: 0, cells: 0, cut: [], empty: [], markup: [], clipped: []};
  for (const t of document.querySelectorAll('[data-testid=stTable] table')) {
    out.tables++;
    for (const c of t.querySelectorAll('th, td')) {
      out.cells++;
      const text = c.innerText.trim();
      if (c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1) {
        out.cut.push(text);
      }
      if (/^(None|nan|NaN|NaT|null|undefined)$/.test(text)) { out.empty.push(text); }
      if (c.querySelector('blockquote, a, em, strong, code, ul, ol, h1, h2, h3, h4, h5, h6, img')) {
        out.markup.push(c.innerHTML.slice(0, 120));
      }
    }
    let shown = t;  // what must fit: the table, or the box that scrolls it
    for (let a = t.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') { shown = a; continue; }
      if (o === 'visible') { continue; }
      const r = shown.getBoundingClientRect(), box = a.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1) {
        out.clipped.push(t.querySelector('th')?.innerText + ' by ' + a.className);
      }
    }
  }
  return out;
}"""


def _check_tables(page: Any) -> dict[str, Any]:
    """Every table of the page: no cell cut, none reading None or nan, none read as
    markdown, none cut off by its container (a wide table scrolls)."""
    got = page.evaluate(_TABLES)
    assert (got["cut"], got["empty"], got["markup"], got["clipped"]) == ([], [], [], []), got
    return dict(got)


def _shoot(page: Any, name: str) -> Path:
    """The whole view as ``test-artifacts/<name>.png``, once its maps are framed and
    show no tooltip: the
    window made as tall as the app's scrolling main area for the shot (its width, and so
    the layout, kept)."""
    path = ARTIFACTS / f"{name}.png"
    page.mouse.move(0, 0)  # off every map: its tooltip closes
    page.wait_for_function(  # every map with a legend framed (see layers.map.fit_clear)
        "() => { " + _IFRAMES + "return iframes(window).every(f => { "
        "const d = f.contentDocument; return (!d.querySelector('.fa-legend') || "
        "!!d.documentElement?.hasAttribute('data-fa-fitted')) && "
        "!d.querySelector('.leaflet-tooltip:not(.fa-city-label)'); }); }", timeout=30_000)
    size = page.viewport_size
    tall = int(page.evaluate("() => document.querySelector('[data-testid=stMain]')"
                             "?.scrollHeight ?? 0"))
    if tall > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(tall, 6000)})
        page.wait_for_function("h => document.querySelector('[data-testid=stMain]')"
                               ".clientHeight >= Math.min(h, 6000) - 2", arg=tall)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


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
    _shoot(page, "report-view")
    found = _check_maps(page)["map"]
    # R1's map at 1600 px (676 x 640): its legend folded, each of its 9 claims labelled
    assert found["legends"] == [["Claimed control, as of R1", False]], found
    assert len(found["labels"]) == 9 and found["data"] >= 9, found
    tables = _check_tables(page)
    assert tables["tables"] >= 2 and tables["cells"] >= 50, tables  # claims, zones
    # the claim as worded, '> 80 %', not read as a markdown quote of '80 %'
    claims = page.get_by_test_id("stTable").first
    assert claims.locator("tr", has_text="Donetsk").locator("td").nth(1).inner_text() == "> 80 %"
    # no label on a city's dot (Donetsk's '> 80 %' and Sevastopol's 'all' sat on theirs)
    on_dots = frame.evaluate("""() => {
      const dots = [...document.querySelectorAll('path.leaflet-interactive[fill="#333333"]')]
        .map(e => e.getBoundingClientRect());
      return [...document.querySelectorAll('.fa-claim-label')].filter(e => {
        const g = document.createRange(); g.selectNodeContents(e);
        const r = g.getBoundingClientRect();
        return dots.some(d => d.left < r.right && d.right > r.left && d.top < r.bottom &&
                         d.bottom > r.top); }).map(e => e.textContent); }""")
    assert frame.locator('path.leaflet-interactive[fill="#333333"]').count() >= 100  # dots
    assert on_dots == [], on_dots
    # The same map page alone in a window of 1600 x 1150 is large: its legend unfolds,
    # and the claims are framed clear of it.
    alone = browser.new_page(viewport={"width": WIDTH, "height": 1150})
    alone.goto(frame.url, wait_until="load")
    alone.wait_for_function("() => document.documentElement.hasAttribute('data-fa-fitted')")
    big = alone.evaluate(_OVERLAPS, "")
    assert big["legends"] == [["Claimed control, as of R1", True]] and big["covered"] == [], big
    # the claims' tooltip opened over the legend: the legend fades while it is open
    faded = alone.evaluate(f"""() => {{ const m = {_MAP};
      const lg = document.querySelector('.fa-legend'), r = lg.getBoundingClientRect();
      let unit = null;
      m.eachLayer(l => {{ if (l.options?.pane === 'fa-claims' && l.getTooltip?.()) unit = l; }});
      unit.openTooltip(m.containerPointToLatLng([r.left + 40, r.top + 10]));
      const under = lg.classList.contains('fa-legend-under');
      unit.closeTooltip();
      return [under, lg.classList.contains('fa-legend-under')]; }}""")
    assert faded == [True, False]
    alone.close()
    assert not [u for u in failed if "leaflet" in u or "/app/static" in u], failed
    page.close()


def _pages_named(page: Any, *prefixes: str, timeout_s: float = 90.0) -> list[Any]:
    """The drawn map frames whose page name (``static/generated/<prefix>...``) starts so."""
    page.wait_for_function(
        "ps => { " + _IFRAMES + "return ps.every(p => iframes(window).some("
        "f => f.src.includes('/generated/' + p) && drawn(f))); }",
        arg=list(prefixes), timeout=timeout_s * 1000, polling=100)
    return [next(f for f in reversed(_frames_of(page, f"iframe[src*='/generated/{p}']"))
                 if f.locator("path.leaflet-interactive").count()) for p in prefixes]


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
    _view(page, "Compare reports")
    pair, diff = _pages_named(page, "compare-", "difference-")  # A and B in one; difference
    assert pair.evaluate("window.__faMaps.length") == 2
    assert pair.locator("path.leaflet-interactive").count() >= 60  # both sides drawn
    assert diff.locator("path.leaflet-interactive").count() >= 28  # every unit of a snapshot
    _idle(page)
    _shoot(page, "compare-view")
    maps = _check_maps(page)
    # maps A and B (570 x 480 each) and the difference map: legends folded, 9 labels a map
    assert maps["compare"]["legends"] == [["Claimed control, as of A and B", False]], maps
    assert maps["difference"]["legends"] == [
        ["Claimed share held by the occupier, R1 → R5", False]], maps
    assert len(maps["compare"]["labels"]) == 18 and maps["difference"]["data"] >= 9, maps
    tables = _check_tables(page)
    assert tables["tables"] >= 1 and tables["cells"] >= 90, tables  # the delta table
    before = sent["frames"]
    # Drag map A with the mouse, then zoom it: map B takes the same view, in the page.
    start = pair.evaluate("() => { window.__faMoveEnds = 0; window.__faMaps[0].on('moveend', "
                          "() => { window.__faMoveEnds += 1; }); "
                          "return window.__faMaps[0].getCenter().lng; }")
    box = pair.locator(".folium-map").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 120, box["y"] + box["height"] / 2 - 60,
                    steps=10)
    page.mouse.up()
    # the drag (and the glide after it, when it has one) has ended: Leaflet says moveend
    pair.wait_for_function("() => window.__faMoveEnds > 0")
    assert pair.evaluate("() => window.__faMaps[0].getCenter().lng") > start + 0.2  # moved
    (za, lat_a, lon_a), (zb, lat_b, lon_b) = pair.evaluate(_VIEWS)
    assert (za, lat_a, lon_a) == pytest.approx((zb, lat_b, lon_b), abs=1e-6)
    pair.evaluate("window.__faMaps[0].setView([48.3, 37.7], 8, {animate: false})")
    pair.wait_for_function("() => window.__faMaps[1].getZoom() === 8")
    (_, _, _), (zb, lat_b, lon_b) = pair.evaluate(_VIEWS)
    assert zb == 8 and lat_b == pytest.approx(48.3, abs=1e-3) and lon_b == pytest.approx(37.7,
                                                                                       abs=1e-3)
    # a message the pan or zoom sent would have gone out while it was handled: a round
    # trip to the page after it is reported after any such message
    page.evaluate("() => 0")
    assert sent["frames"] == before, "panning a compare map sent something to the server"
    # the difference map's legend unfolds on a click, and says what its colours mean
    legend = diff.locator("details.fa-legend")
    assert "claimed share fell" not in diff.locator("body").inner_text()  # folded
    legend.locator("summary").click()
    assert legend.evaluate("e => e.open") is True
    assert "claimed share fell" in diff.locator("body").inner_text()
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
    page.wait_for_function("() => location.search.includes('b=R5')", timeout=30_000)
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
    _view(page, "Your data")
    (frame,) = _map_frames(page, 1)
    page.locator("input[type=file]").set_input_files(str(upload))
    banner = page.get_by_text("Using", exact=False).first
    banner.wait_for(timeout=60_000)
    got_km2 = float(re.search(r"([\d,]+) km²", banner.inner_text()).group(1).replace(",", ""))
    # Within 0.1 %: splitting the long box edges at oblast borders moves geodesic edges.
    assert got_km2 == pytest.approx(expected_km2, rel=1e-3)
    (layer_map,) = _pages_named(page, "uploaded-")  # the uploaded layer, drawn
    assert _control_paths(layer_map) >= 1
    _idle(page)
    _shoot(page, "your-data-layer")
    # the layer's map (full width, 420 px high): its legend folded, over no held ground
    found = _check_maps(page, extra='path.leaflet-interactive[fill="#7b241c"]')["uploaded"]
    assert found["legends"] == [["east-half.geojson", False]] and found["data"] >= 1, found
    tables = _check_tables(page)
    assert tables["tables"] >= 2 and tables["cells"] >= 20, tables  # per unit; per class

    # Draw a polygon around Kramatorsk and Sloviansk with the Leaflet.draw toolbar.
    _map_frames(page, 2)
    (frame,) = _frames_of(page, "iframe[title='streamlit_folium.st_folium']")
    tool = frame.locator(".leaflet-draw-draw-polygon")
    tool.wait_for(timeout=30_000)
    # Bring the map into the viewport, and zoom so that a pixel is ~200 m and the
    # box (~220 px a side) sits well inside the map.
    draw_map = page.locator("iframe[title='streamlit_folium.st_folium']").last
    draw_map.scroll_into_view_if_needed()
    expect(draw_map).to_be_in_viewport(ratio=0.9)
    _set_view(frame, 48.75, 37.6, 9)
    frame.wait_for_function(f"() => {_MAP}.getZoom() === 9")
    tool.click()
    # Leaflet.draw shows its own tooltip once the polygon tool is listening.
    frame.locator(".leaflet-draw-tooltip").first.wait_for(timeout=15_000)
    corners = [(48.95, 37.3), (48.95, 37.9), (48.55, 37.9), (48.55, 37.3)]
    pts = [_page_point(frame, lat, lon) for lat, lon in corners]
    vertices = frame.locator(".leaflet-marker-icon.leaflet-editing-icon")
    for i, (x, y) in enumerate([*pts, pts[0]]):
        # Leaflet.draw takes no new vertex for 50 ms after one (a double click's guard):
        # wait until its polygon tool takes clicks again
        frame.wait_for_function(
            "() => { const c = window[Object.keys(window).find(k => k.startsWith("
            "'draw_control_'))]; const m = c && c._toolbars.draw._activeMode; "
            "return !!m && m.handler.enabled() && !m.handler._disableMarkers; }")
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        # each click adds a vertex (a marker of the shape being drawn); a click on the
        # first closes the shape, and the markers go
        expect(vertices).to_have_count(i + 1 if i < len(pts) else 0)
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
    _idle(page)
    _shoot(page, "your-data")
    _check_maps(page)
    tables = _check_tables(page)
    assert tables["tables"] >= 4, tables  # the layer's two, the sketch's units and cities
    page.close()


def _choose(page: Any, label: str, rid: str) -> None:
    """Pick the option of report ``rid`` in the selectbox (a combobox) labelled ``label``."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    page.get_by_role("option").filter(has_text=f"{rid} ·").first.click()
    _chosen(page, label, rid)


def _chosen(page: Any, label: str, rid: str, timeout_s: float = 60.0) -> None:
    """Wait until the combobox ``label`` shows report ``rid``."""
    expect(page.get_by_role("combobox", name=label)).to_have_value(
        re.compile(rf"^{re.escape(rid)} ·"), timeout=timeout_s * 1000)


def _control_paths(frame: Any) -> int:
    """Paths drawn in the mapped control layer's style (Russian-held, dark red)."""
    return int(frame.locator('path.leaflet-interactive[fill="#7b241c"]').count())


def _maps_with_control(page: Any, count: int, which: tuple[int, ...],
                       timeout_s: float = 90.0) -> list[Any]:
    """The ``count`` drawn map frames once maps ``which`` show the mapped control layer
    (a rerun may still be replacing an earlier map)."""
    deadline = time.monotonic() + timeout_s
    while True:
        page.wait_for_function(
            "([n, which]) => { " + _IFRAMES + "if (!idle()) return false; "
            f"const maps = iframes(window).filter(f => {_MAPS_JS}.test(f.src) && drawn(f)); "
            "return maps.length >= n && which.every(i => maps[i].contentDocument."
            "querySelector('path.leaflet-interactive[fill=\"#7b241c\"]')); }",
            arg=[count, list(which)], timeout=timeout_s * 1000, polling=100)
        frames = _map_frames(page, count, timeout_s=timeout_s)
        # the page's frames once stable: a map replaced between the two looks (a rerun
        # after the report changed) is looked at again, until the deadline
        if all(_control_paths(frames[i]) >= 1 for i in which):
            return frames
        assert time.monotonic() < deadline, [f.url for f in frames]


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
    _view(page, "Your data")
    _map_frames(page, 1)
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("Using", exact=False).first.wait_for(timeout=90_000)
    _view(page, "Report view")
    for rid in ("R1", "R2", "R3", "R4", "R5"):
        if rid != "R1":
            _choose(page, "Report", rid)
        _chosen(page, "Report", rid)
        (frame,) = _maps_with_control(page, 1, (0,))
        page.get_by_text("Against", exact=False).first.wait_for(timeout=60_000)
        assert page.get_by_test_id("stException").count() == 0, (layer, rid)
    _shoot(page, f"report-with-{layer}")
    _check_maps(page)
    _check_tables(page)
    _view(page, "Compare reports")
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
    _shoot(page, f"compare-with-{layer}")
    _check_maps(page)
    _check_tables(page)
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
    _view(page, "History")
    page.locator("input[type=file]").set_input_files(str(zpath))
    page.get_by_text("days, 2024-11-20 to", exact=False).first.wait_for(timeout=120_000)

    # the day map: a page in the component's frame, with a day's layer put in
    page.wait_for_function(
        "() => { " + _IFRAMES + "return iframes(window).some(f => f.getAttribute('srcdoc') "
        "!== null && f.contentDocument.documentElement?.hasAttribute('data-day') && "
        "f.contentDocument.querySelector('path.leaflet-interactive[fill=\"#7b241c\"]')); }",
        timeout=60_000, polling=100)
    frame = next(f for f in page.frames if f.url == "about:srcdoc" and _control_paths(f) >= 1)
    last_day = frame.evaluate("() => document.body.innerHTML.match(/Mapped control, "
                              "(\\d{4}-\\d{2}-\\d{2})/)[1]")
    assert frame.evaluate("() => document.documentElement.getAttribute('data-day')") == last_day
    chart = page.get_by_test_id("stVegaLiteChart").filter(
        has=page.locator("[aria-label*='share held by Russia']"))
    chart.locator("svg").first.wait_for(timeout=60_000)  # drawn after the map
    _idle(page)
    _shoot(page, "history-view")
    found = _check_maps(page)["day"]
    # the day map: the claims' legend (bottom) and the mapped layer's (top), both folded
    assert [name for name, _open in found["legends"]] == [
        "Claimed control, as of R1", f"Mapped control, {last_day}"], found
    assert not any(is_open for _name, is_open in found["legends"]), found
    assert len(found["labels"]) >= 8, found
    tables = _check_tables(page)
    assert tables["tables"] >= 1 and tables["cells"] >= 20, tables  # R1's verdicts
    labels = _axis_labels(chart)
    assert len(labels) >= 3 and len(set(labels)) == len(labels), labels
    # At 3000 px the chart is drawn twice as wide: each day is still labelled once (Vega's
    # own ticks, 12 hours apart, repeated each date).
    width = chart.locator("svg").first.bounding_box()["width"]
    page.set_viewport_size({"width": 3000, "height": 1150})
    page.wait_for_function(
        "w => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg')]"
        ".some(s => s.getBoundingClientRect().width > 1.6 * w)", arg=width, timeout=30_000)
    wide = _axis_labels(chart)
    assert len(wide) >= 8 and len(set(wide)) == len(wide), wide  # 12 days, 2024-11-20 on
    _shoot(page, "history-view-3000px")
    page.set_viewport_size({"width": WIDTH, "height": 1150})
    slider = page.get_by_test_id("stSlider").filter(has_text="Day").get_by_role("slider")
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    # the component puts the new day into the page it keeps (no new page)
    frame.wait_for_function("d => document.documentElement.getAttribute('data-day') !== d",
                            arg=last_day, timeout=60_000)
    shown = frame.evaluate("() => document.body.innerHTML.match(/Mapped control, "
                           "(\\d{4}-\\d{2}-\\d{2})/)[1]")
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
    _idle(page)
    _shoot(page, "history-view-earlier-day")
    # The uploaded history is now in use in every view: R1's report map is drawn from
    # the day nearest its date, and says so.
    _view(page, "Report view")
    page.get_by_text("from the history's day nearest R1's date", exact=False).first.wait_for(
        timeout=120_000)
    assert page.get_by_text("History in use: ", exact=False).count() >= 1
    (frame,) = _maps_with_control(page, 1, (0,))
    frame.locator("details.fa-legend summary").click()  # folded on this map: unfold it
    legend = " ".join(frame.evaluate("() => document.body.innerText").split())
    assert ("held ground measured from archive.zip:deepstatemap_data_20241123.geojson "
            "(2024-11-23)") in legend, legend[:400]
    assert page.get_by_test_id("stException").count() == 0 and dialogs == []
    _shoot(page, "report-view-with-history")
    _check_tables(page)
    page.close()


def _axis_labels(chart: Any) -> list[str]:
    """The x-axis labels of a Vega chart, as drawn (Vega draws SVG here: its text)."""
    return [str(t) for t in chart.locator(
        "g.role-axis[aria-label^='X-axis'] g.role-axis-label text").all_text_contents()]


def test_export_and_new_article_views(app_url: str, browser: Any) -> None:
    """The Export and New article views at 1600 px: shot, their tables whole."""
    page, _, dialogs = _page(browser)
    page.goto(app_url + "/?mode=export&export=R5", wait_until="domcontentloaded")
    _chosen(page, "Report", "R5")
    page.get_by_role("button", name=re.compile(r"^zone_withdrawal \(GeoJSON")).wait_for(
        timeout=60_000)
    _idle(page)
    _shoot(page, "export-view")
    tables = _check_tables(page)
    assert tables["tables"] == 1 and tables["cells"] >= 3 * 8, tables  # layer, features, bytes
    assert "zone_withdrawal" in page.get_by_test_id("stTable").inner_text()  # no '\\_'
    page.goto(app_url + "/?mode=article", wait_until="domcontentloaded")
    area = page.get_by_label("…or paste it here")
    area.fill("Russia controls more than 80% of the Donetsk region and about 70% of "
              "Zaporizhzhia, officials said on Tuesday.")
    area.press("Control+Enter")
    page.get_by_text("2 claim(s) found", exact=False).first.wait_for(timeout=60_000)
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=30_000)  # the claims to edit
    _idle(page)
    _shoot(page, "new-article")
    _check_tables(page)
    assert page.get_by_test_id("stException").count() == 0 and dialogs == []
    page.close()


@pytest.fixture(scope="module")
def ledger_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with a generated history around R1's date in use and one saved draft."""
    from geo.synthetic import SyntheticSeries, synthetic_history, write_days
    from tests.test_ledger_view import DRAFT

    history = tmp_path_factory.mktemp("ledger-history")
    write_days(history, list(synthetic_history(SyntheticSeries(days=14, gaps=1, seed=11))),
               shift=dt.date(2024, 11, 23) - dt.date(2024, 7, 12))
    saved = tmp_path_factory.mktemp("ledger-saved")
    (saved / "A1.yaml").write_text(DRAFT, encoding="utf-8")
    with _serve("ledger", {"FRONTLINE_HISTORY_DIR": str(history),
                           "FRONTLINE_USER_REPORTS": str(saved)}) as url:
        yield url


def _grid_rows(page: Any) -> int:
    """Rows of the page's st.dataframe (its grid says how many, for screen readers)."""
    return int(page.get_by_test_id("stDataFrame").first.locator("table[role=grid]")
               .get_attribute("aria-rowcount")) - 1


def test_the_ledger_view_filters_and_links_each_row_to_its_report(
        ledger_url: str, browser: Any) -> None:
    """Every claim with its verdict against the history in use; a filter by verdict
    leaves the draft's claim; its row's link opens the draft's report view."""
    page, _, dialogs = _page(browser)
    page.goto(ledger_url + "/?mode=ledger", wait_until="domcontentloaded")
    grid = page.get_by_test_id("stDataFrame").first
    grid.locator("table[role=grid]").wait_for(state="attached", timeout=120_000)
    _idle(page)
    every = _grid_rows(page)
    assert every >= 12, every  # R1's 11 claims and units, R5's, the draft's
    page.get_by_text(f"{every} of {every} claim(s)", exact=False).first.wait_for()
    cells = grid.locator("td[role=gridcell]")
    verdicts = {c for c in cells.all_inner_texts() if c in
                ("consistent", "overstated", "understated", "not checkable")}
    assert {"consistent", "overstated"} <= verdicts, verdicts
    page.get_by_test_id("stVegaLiteChart").locator("svg").first.wait_for(timeout=30_000)
    _shoot(page, "ledger-view")
    _check_tables(page)  # the per-outlet summary
    # filter: the understated claims alone (the draft's "roughly 40 %" of ~67 %)
    page.get_by_test_id("stMultiSelect").filter(has_text="Verdict").click()
    page.get_by_role("option", name="understated", exact=True).click()
    page.keyboard.press("Escape")
    page.get_by_text(f"1 of {every} claim(s)", exact=False).first.wait_for(timeout=60_000)
    _idle(page)
    page.wait_for_function("() => document.querySelector('[data-testid=stDataFrame] "
                           "table[role=grid]')?.getAttribute('aria-rowcount') === '2'")
    row = [grid.locator(f"#glide-cell-{i}-0").inner_text() for i in range(4)]
    assert row[:2] == ["?mode=report&report=A1", "understated"], row
    _shoot(page, "ledger-view-filtered")
    # the row's link (drawn in the grid's canvas: clicked where its text is) opens the
    # report's view in a new tab
    box = grid.locator("canvas").first.bounding_box()
    x, y = box["x"] + 14, box["y"] + 35 + 17  # the grid's header and rows are 35 px high
    with page.context.expect_page(timeout=30_000) as opened:
        page.mouse.move(x, y)  # a link cell takes a click once hovered
        page.mouse.click(x, y)
    report = opened.value
    report.wait_for_load_state("domcontentloaded")
    assert "mode=report" in report.url and "report=A1" in report.url, report.url
    _chosen(report, "Report", "A1")
    report.get_by_text("Unreviewed draft", exact=False).first.wait_for(timeout=60_000)
    report.get_by_text("from the history's day nearest A1's date", exact=False).first.wait_for(
        timeout=120_000)
    assert report.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stException").count() == 0 and dialogs == []
    report.close()
    page.close()


@pytest.fixture(scope="module")
def change_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with a history whose change is set by construction in use (a band of
    Donetsk gained westward, a box of Zaporizhzhia lost; see tests/test_history_change)."""
    from shapely.geometry import MultiPolygon

    from geo.synthetic import write_days
    from tests.test_history_change import DAYS, MISSING, START, _strip, _zap

    folder = tmp_path_factory.mktemp("change-history")
    write_days(folder, [(START + dt.timedelta(days=k), MultiPolygon([_strip(k), _zap(k)]))
                        for k in range(DAYS) if START + dt.timedelta(days=k) != MISSING])
    with _serve("history-change", {"FRONTLINE_HISTORY_DIR": str(folder)}) as url:
        yield url


def _type_date(page: Any, label: str, digits: str) -> None:
    """Type a date into the date input ``label`` (its year, month and day fields take the
    digits in turn) and leave it: the input gives the app its date when a click lands
    outside it (a blur from the keyboard or a script does not)."""
    page.get_by_role("spinbutton", name=f"year, {label}").click()
    page.keyboard.type(digits)
    page.get_by_text("What changed hands between two days", exact=True).click()


def _url_param(page: Any, name: str, value: str, timeout_s: float = 60.0) -> None:
    page.wait_for_function("([n, v]) => new URLSearchParams(location.search).get(n) === v",
                           arg=[name, value], timeout=timeout_s * 1000)


def test_history_two_typed_days_draw_the_change_and_the_pace(change_url: str,
                                                            browser: Any) -> None:
    """Two dates typed (one not mapped: the nearest day is used, and said): the change
    map draws the ground gained (red) and lost (blue) with its legend and the town taken;
    the unit and town tables are whole; the weekly pace bars are drawn beneath the share
    chart with the projection sentence."""
    page, _, dialogs = _page(browser)
    page.goto(change_url + "/?mode=history", wait_until="domcontentloaded")
    page.get_by_text("What changed hands between two days", exact=True).wait_for(
        timeout=120_000)
    _idle(page)
    _type_date(page, "From (type a date)", "20250603")
    _url_param(page, "from", "2025-06-03")
    _idle(page)
    t0 = time.monotonic()
    _type_date(page, "To (type a date)", "20250801")  # not mapped: 2025-07-31 is used
    _url_param(page, "to", "2025-07-31")
    legend = "Changed hands, 2025-06-03 → 2025-07-31"
    page.wait_for_function(
        "t => { " + _IFRAMES + "return iframes(window).some(f => /\\/generated\\/change-/"
        ".test(f.src) && f.contentDocument.body?.innerText.includes(t) && "
        "f.contentDocument.querySelector('path.leaflet-interactive[fill=\"#2171b5\"]')); }",
        arg=legend, timeout=60_000, polling=50)
    print(f"\nsecond date typed -> the change map drawn: {time.monotonic() - t0:.2f} s")
    page.get_by_text("2025-08-01 is not a mapped day; the nearest, 2025-07-31 (1 day "
                     "earlier), is used.", exact=False).first.wait_for(timeout=30_000)
    (frame,) = _frames_of(page, "iframe[src*='/generated/change-']")
    # gained: Donetsk's band and Kostiantynivka's circle; lost: Zaporizhzhia's strip
    gained = frame.locator('path.leaflet-interactive[fill="#d7301f"]').count()
    lost = frame.locator('path.leaflet-interactive[fill="#2171b5"]').count()
    assert (gained, lost) == (2, 1), (gained, lost)
    page.locator("iframe[src*='/generated/change-']").scroll_into_view_if_needed()
    frame.wait_for_function("() => document.documentElement.hasAttribute('data-fa-fitted')",
                            timeout=30_000)  # framed on the change (it opens on Ukraine)
    _hover_latlng(page, frame, 48.53, 37.95)  # inside the band gained (over its unit)
    # the piece's tooltip (the unit's, or the town's passed on the way, may show first)
    tip = frame.locator(".leaflet-tooltip").filter(has_text="Donetsk (UA-14)").filter(
        has_text="ukraine → russia").first
    tip.wait_for(timeout=15_000)
    text = tip.inner_text()
    assert "km² in 1 piece" in text and "2025-06-03 → 2025-07-31" in text, text
    # the pace: weekly bars beneath the share chart, and where the pace leads
    chart = page.get_by_test_id("stVegaLiteChart").filter(
        has=page.locator("[aria-label*='net km² a week']"))
    chart.locator("svg").first.wait_for(timeout=60_000)
    bars = chart.locator("g.mark-rect path").count()
    assert bars == 10, bars  # the weeks of 2025-06-02 to 2025-08-10
    page.get_by_text("An extrapolation of the mapped pace, not a forecast.",
                     exact=False).first.wait_for(timeout=30_000)
    _idle(page)
    _shoot(page, "history-two-days")
    found = _check_maps(page, extra='path.leaflet-interactive[fill="#d7301f"],'
                                    'path.leaflet-interactive[fill="#2171b5"]')["change"]
    assert [name for name, _open in found["legends"]] == [legend], found
    assert found["data"] >= 3, found
    tables = _check_tables(page)
    assert tables["tables"] >= 2, tables  # the units, the towns
    towns = page.get_by_test_id("stTable").filter(has_text="Kostiantynivka")
    assert "ukraine → russia" in towns.inner_text()
    assert page.get_by_test_id("stException").count() == 0 and dialogs == []
    page.close()
