import math

import pytest

from geo.reports import load_reports
from geo.snapshot import snapshot
from layers.claims import claim_colour, claim_tooltip, claims_layer, legend_html, short_label
from layers.map import new_map


@pytest.fixture(scope="module")
def r5():  # type: ignore[no-untyped-def]
    return snapshot("R5", load_reports())


def test_short_labels_keep_the_qualifier(r5) -> None:  # type: ignore[no-untyped-def]
    row = lambda c: {**r5.loc[c].to_dict(), "code": c}  # noqa: E731
    assert short_label(row("UA-09")) == "> 80 %"  # "more than 80 %", carried from R1
    assert short_label(row("UA-23")) == "~70 %"
    assert short_label(row("UA-43")) == "all"
    assert short_label(row("UA-63")) == "part"
    assert short_label(row("UA-14")) == "≈80 % (implied)"  # complement of withdrawal demand
    assert short_label(row("RU-KRS")) == "~650 km²"
    assert short_label(row("UA-46")) == ""  # Lviv: no claim


def test_tooltip_gives_claim_interval_km2_and_source(r5) -> None:  # type: ignore[no-untyped-def]
    tip = claim_tooltip({**r5.loc["UA-09"].to_dict(), "code": "UA-09"})
    assert "80–88 % (more than 80 %)" in tip
    # 326 days after R1 the claim is stale: it says so, with its report, date and age
    assert "stale: R1 (2024-11-23), 11 months old (no newer claim)" in tip
    assert "no longer taken as in force" in tip
    r2 = snapshot("R2", load_reports())  # 115 days after R1: carried, not stale
    tip2 = claim_tooltip({**r2.loc["UA-09"].to_dict(), "code": "UA-09"})
    assert "carried from R1 (2024-11-23), 4 months old" in tip2  # 115 days
    assert "no longer taken" not in tip2
    assert "V7N" in tip and "2024-11-23" in tip
    # km² from the official area 26,684: 80 % and 88 %
    assert f"{0.8 * 26684:,.0f}–{0.88 * 26684:,.0f} km²" in tip
    assert "no claim" in claim_tooltip({**r5.loc["UA-46"].to_dict(), "code": "UA-46"})


def test_colours_by_share_and_side() -> None:
    assert claim_colour(None) == "#ffffff"
    assert claim_colour(100) != claim_colour(50) != claim_colour(5)
    assert claim_colour(50, held_by="ukraine") != claim_colour(50)


def test_layer_renders_escaped_hostile_text(r5) -> None:  # type: ignore[no-untyped-def]
    snap = r5.copy()
    snap.loc["UA-14", "claim_text"] = (
        "<script>alert(1)</script> <img src=x onerror=alert(2)> ${alert(3)}"
    )
    snap.attrs = dict(r5.attrs)
    m = new_map()
    claims_layer(snap).add_to(m)
    m.get_root().html.add_child(legend_html("<b>R5</b>"))
    html = m.get_root().render()
    for bad in ("<script>alert(1)", "<img src=x", "${alert(3)}", "<b>R5</b>"):
        assert bad not in html
    # R5's own claim is stated; R1's, 11 months older, are stale (grey, dotted, aged)
    assert '"stale":true' in html and '"stale":false' in html
    assert html.count('fa-claim-label') >= 9  # a label per claimed unit
    assert html.count(" (R1)\\u003c/div") == 8  # each stale unit's label names its report



def test_the_legend_names_the_layer_held_ground_was_measured_from() -> None:
    assert "schematic zones are illustrations" in legend_html("R1").render()
    measured = legend_html("R1", schematic=False,
                           measured_from="day_20241123.geojson <i>(2024-11-23)</i>").render()
    assert "held ground measured from day_20241123.geojson &lt;i&gt;(2024-11-23)" in measured
    assert "schematic zones" not in measured
    assert "the loaded control layer" in legend_html("R1", schematic=False).render()


def _boxes(points: list[tuple[float, float]], sizes: list[tuple[int, int]],
           zoom: float = 5.5) -> list[tuple[float, float, float, float]]:
    """Each label's box (left, top, right, bottom) in Web Mercator pixels at ``zoom``."""
    from pyproj import Transformer

    to_m = Transformer.from_crs(4326, 3857, always_xy=True)
    res = 156543.03392804097 / 2**zoom  # metres a pixel
    out = []
    for (lon, lat), (w, h) in zip(points, sizes, strict=True):
        x, y = to_m.transform(lon, lat)
        out.append((x / res - w / 2, -y / res - h / 2, x / res + w / 2, -y / res + h / 2))
    return out


def _dots(cities, zoom: float = 5.5):  # type: ignore[no-untyped-def]
    """City markers (x, y, radius) in the same pixels."""
    from pyproj import Transformer

    from layers.cities import city_radius

    to_m = Transformer.from_crs(4326, 3857, always_xy=True)
    res = 156543.03392804097 / 2**zoom
    xs, ys = to_m.transform(cities.geometry.x.to_numpy(), cities.geometry.y.to_numpy())
    return [(x / res, -y / res, city_radius(p))
            for x, y, p in zip(xs, ys, cities["population"], strict=True)]


def _on_a_dot(box, dots) -> bool:  # type: ignore[no-untyped-def]
    left, top, right, bottom = box
    return any(math.hypot(max(left - x, 0, x - right), max(top - y, 0, y - bottom)) < r
               for x, y, r in dots)


def test_labels_sit_clear_of_the_city_markers_and_each_other() -> None:
    from geo.cities import load_cities
    from layers.claims import label_points, label_size

    r1 = snapshot("R1", load_reports())
    cities = load_cities(min_population=50_000)  # what the report map draws
    texts = [short_label({**r1.loc[c].to_dict(), "code": c}) for c in r1.index]
    claimed = [(t, g) for t, g in zip(texts, r1.geometry, strict=True) if t]
    sizes = [label_size(t) for t, _g in claimed]
    geoms = [g for _t, g in claimed]
    dots = _dots(cities)
    placed = _boxes(label_points(geoms, sizes, cities), sizes)
    assert len(placed) == 9
    assert [t for (t, _g), b in zip(claimed, placed, strict=True) if _on_a_dot(b, dots)] == []
    for i, a in enumerate(placed):  # no two labels overlap
        for b in placed[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    # at each unit's representative point (where labels were), three sat on a dot:
    # Donetsk's '> 80 %', Sevastopol's 'all' on its own city, Kursk's '~650 km²'
    old = _boxes([(g.representative_point().x, g.representative_point().y) for g in geoms],
                 sizes)
    assert {t for (t, _g), b in zip(claimed, old, strict=True) if _on_a_dot(b, dots)} >= {
        "> 80 %", "all", "~650 km²"}


def test_a_label_box_is_as_wide_as_its_text() -> None:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    from layers.claims import label_size

    font = FontProperties(family="DejaVu Sans", weight="bold", size=11)  # Chromium's here
    texts = {short_label({**row.to_dict(), "code": code}) + suffix
             for rid in ("R1", "R2", "R3", "R4", "R5")
             for code, row in snapshot(rid, load_reports()).iterrows()
             for suffix in ("", " ↩", " (R1)")} - {"", " ↩", " (R1)"}
    assert len(texts) == 18  # 6 wordings, each stated, carried or stale
    for text in texts:
        width = TextToPath().get_text_width_height_descent(text, font, ismath=False)[0]
        w, h = label_size(text)
        assert width <= w <= 1.15 * width + 8, (text, width, w)  # was 110 px for every one
        assert h == 15
