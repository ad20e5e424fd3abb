"""Publishable maps: a static PNG/SVG with its title, legend, credits and basis; a
standalone HTML map with nothing to fetch."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from geo.cities import load_cities
from geo.control import control_from_geometry
from layers.publish import standalone_html, static_map


def _texts(fig) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(t.get_text() for t in fig.findobj(
        lambda a: hasattr(a, "get_text") and callable(a.get_text)))


def test_static_map_carries_title_basis_legend_credits_and_scale(atlas, units) -> None:  # type: ignore[no-untyped-def]
    ls = atlas.layerset("R5")
    fig = static_map(ls, units, load_cities())
    text = _texts(fig)
    assert ls.report.title in text
    assert "SCHEMATIC" in text and "not mapped front lines" in text
    assert "Natural Earth" in text and "GeoNames (CC BY 4.0)" in text
    assert "CC BY 3.0 IGO" in text  # the boundaries' licence asks for the credit
    # ... and all of it is on the page (it ran off the right edge when it grew)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    (credit,) = [t for t in fig.texts if "Frontline Atlas." in t.get_text()]
    box = credit.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width and box.y0 >= 0
    assert re.search(r"\b(10|20|50|100|200|500) km\b", text)  # the scale bar
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any("Withdrawal zone" in t for t in legend) and any("schematic" in t for t in legend)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60)
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_static_map_from_a_control_layer_says_measured(atlas, units, daily_layers) -> None:  # type: ignore[no-untyped-def]
    layer = control_from_geometry(daily_layers[-1][1], name="day.geojson")
    fig = static_map(atlas.layerset("R1", control=layer), units, load_cities())
    text = _texts(fig)
    assert "MEASURED from day.geojson" in text and "SCHEMATIC" not in text


def test_city_labels_skip_districts_and_the_withdrawal_zone_is_hatched(atlas, units) -> None:  # type: ignore[no-untyped-def]
    import matplotlib.pyplot as plt

    cities = load_cities()
    fig = static_map(atlas.layerset("R5"), units, cities)
    labels = {t.get_text() for t in fig.axes[0].texts}
    # GeoNames lists Saltivka (409,300) 8 km from Kharkiv's centre: a district, unlabelled
    assert "Kharkiv" in labels and "Saltivka" not in labels
    assert {"Donetsk", "Zaporizhzhia", "Dnipro"} <= labels
    legend = {t.get_text(): h for t, h in zip(fig.axes[0].get_legend().get_texts(),
                                              fig.axes[0].get_legend().legend_handles,
                                              strict=True)}
    withdrawal = next(h for t, h in legend.items() if t.startswith("Withdrawal zone"))
    assert withdrawal.get_hatch()
    plt.close(fig)


def test_standalone_html_links_nothing(atlas, units) -> None:  # type: ignore[no-untyped-def]
    html = standalone_html(atlas.layerset("R1"), units, load_cities())
    assert "/app/static/" not in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=", html)  # every asset inline
    assert "L.map(" in html and "Leaflet" in html and "data:image/png;base64," in html


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium on PATH")
def test_standalone_html_draws_from_disk_with_no_network(atlas, units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    path = tmp_path / "map.html"
    path.write_text(standalone_html(atlas.layerset("R1"), units, load_cities()), encoding="utf-8")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=shutil.which("chromium"),
                               args=["--no-sandbox", "--disable-gpu"])
        ctx = b.new_context(offline=True)
        page = ctx.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_selector("path.leaflet-interactive", timeout=20_000)
        assert page.locator("path.leaflet-interactive").count() >= 30
        assert [u for u in asked if not u.startswith(("file:", "data:"))] == []
        b.close()


def test_a_claim_of_ukrainian_held_ground_has_its_legend_entry(atlas, units) -> None:  # type: ignore[no-untyped-def]
    import matplotlib.pyplot as plt

    fig = static_map(atlas.layerset("R1"), units, load_cities())  # Kursk: ~650 km² by Ukraine
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    ukr = "claim of ground held by Ukraine in a Russian oblast (figure in the label)"
    assert ukr in legend
    # ... drawn as an outline with the figure, not by filling the whole oblast
    assert "Ukraine: ~650 km²" in [t.get_text() for t in ax.texts]
    plt.close(fig)
    from geo.layerset import Atlas

    alone = Atlas([atlas.report("R4")], units)  # R4 alone: nothing carried from R1
    fig = static_map(alone.layerset("R4"), units, load_cities())
    assert ukr not in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    plt.close(fig)
    # at R5, 326 days on, R1's claims are stale: named in the legend, not filled
    fig = static_map(atlas.layerset("R5"), units, load_cities())
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "stale claim, over 183 days old (R1): not drawn as in force" in legend
    assert ukr not in legend and "Ukraine: ~650 km²" not in [t.get_text()
                                                              for t in fig.axes[0].texts]
    plt.close(fig)


def test_the_standalone_map_has_a_heading(atlas, units) -> None:  # type: ignore[no-untyped-def]
    html = standalone_html(atlas.layerset("R5"), units, load_cities())
    rep = atlas.report("R5")
    assert "<title>Planned Budapest summit and Putin&#x27;s demand for Donetsk — " \
        "Frontline Atlas</title>" in html
    heading = html[html.index('<header class="fa-heading">'):html.index("</header>")]
    assert rep.outlet in heading and "2025-10" in heading and "schematic" in heading


def test_ceded_ground_is_not_the_colour_of_a_claimed_share() -> None:
    from layers.claims import _BLUES, _REDS
    from layers.zones import ZONE_STYLES

    def rgb(h: str) -> tuple[int, int, int]:
        return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)

    cede = rgb(ZONE_STYLES["cede"]["fillColor"])
    # far from every step of both claim ramps (Euclidean distance in RGB, of 441 max)
    nearest = min(sum((a - b) ** 2 for a, b in zip(cede, rgb(c), strict=True)) ** 0.5
                  for c in _REDS + _BLUES)
    assert nearest > 120


def test_contested_ground_is_drawn_hatched_with_its_legend_entry(atlas, units) -> None:  # type: ignore[no-untyped-def]
    """A layer with a grey zone: the map for an article draws it hatched and names it;
    a layer without one has no such entry."""
    from dataclasses import replace

    import matplotlib.pyplot as plt
    from shapely.geometry import box

    held, grey = box(37.6, 47.8, 38.3, 48.4), box(37.4, 47.8, 37.6, 48.4)
    plain = control_from_geometry(held, name="held.geojson")
    layer = replace(plain, contested=grey, digest="publish-grey")
    for ctl, expected in ((layer, True), (plain, False)):
        fig = static_map(atlas.layerset("R1", control=ctl), units, load_cities())
        legend = {t.get_text(): h for t, h in zip(fig.axes[0].get_legend().get_texts(),
                                                  fig.axes[0].get_legend().legend_handles,
                                                  strict=True)}
        entry = [h for t, h in legend.items() if t.startswith("contested: grey zone")]
        assert bool(entry) == expected
        if expected:
            assert entry[0].get_hatch() == "////"
        plt.close(fig)
