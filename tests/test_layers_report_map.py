"""The whole report map as real folium HTML."""

import json
import re

import pytest

from geo.cities import load_cities
from layers.map import page_html
from layers.report_map import report_map


@pytest.fixture(scope="module")
def r5_html(units, atlas) -> str:  # type: ignore[no-untyped-def]
    ls = atlas.layerset("R5")
    return page_html(report_map(ls, units, load_cities()))


def _layers(html: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(m.group(1)) for m in re.finditer(r"_add\((\{.*?\})\);", html, re.S)]


def test_the_claims_layer_is_every_unit_and_lies_on_top(r5_html: str, units) -> None:  # type: ignore[no-untyped-def]
    claims = next(d for d in _layers(r5_html) if d["features"]
                  and "claimed" in d["features"][0]["properties"])
    assert sorted(f["properties"]["code"] for f in claims["features"]) == sorted(units.index)
    assert 'createPane("fa-claims").style.zIndex = 450' in r5_html
    assert '"pane": "fa-claims"' in r5_html
    # Hovering Donetsk shows its claim, and the claim names the zones that lie in it.
    don = next(f["properties"]["tip"] for f in claims["features"]
               if f["properties"]["code"] == "UA-14")
    assert don.startswith("<b>Donetsk</b>") and "zones here" in don
    # R5: Ukraine holds 20 % of Donetsk, the zone it is to withdraw from
    assert "Ukraine withdraws from the rest of Donetsk: 20 % of the unit" in don


def test_every_layer_is_on_the_map(r5_html: str) -> None:
    for name in (
        "Claimed control (R5)",
        "(schematic)",
        "Uncertainty band",
        "Withdrawal zone",
        "Parts to be ceded",
        "Line of contact",
        "Cities (GeoNames",
    ):
        assert name in r5_html, name
    assert "L.control.layers" in r5_html
    assert "Claimed control, as of R5" in r5_html  # legend


def test_payload_stays_small_and_offline(r5_html: str) -> None:
    assert "cdn.jsdelivr" not in r5_html and "/app/static/leaflet.js" in r5_html
    # Display geometry (simplified, 3 decimals, compact JSON): a report's page is what a
    # screen needs, under the 250 kB the app aims at.
    assert len(r5_html.encode()) < 250_000
    coords = re.findall(r"\[(-?\d+\.\d+),(-?\d+\.\d+)\]", r5_html)
    assert coords and max(len(x.split(".")[1]) for pair in coords[:2000] for x in pair) <= 3
    assert "\n " not in r5_html  # indentation taken out


def test_the_map_has_a_scale_and_a_full_screen_button(r5_html: str) -> None:
    (map_var,) = re.findall(r"var (map_[0-9a-f]+) = L\.map\(", r5_html)
    assert f"L.control.scale().addTo({map_var});" in r5_html
    assert "requestFullscreen" in r5_html and "fa-fullscreen" in r5_html
