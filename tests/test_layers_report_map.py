"""The whole report map as real folium HTML."""

import pytest

from geo.cities import load_cities
from layers.report_map import report_map


@pytest.fixture(scope="module")
def r5_html(units, atlas) -> str:  # type: ignore[no-untyped-def]
    ls = atlas.layerset("R5")
    return report_map(ls, units, load_cities()).get_root().render()


def test_every_layer_is_on_the_map(r5_html: str) -> None:
    for name in (
        "Oblast boundaries",
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
    # Display simplification keeps the whole map under 2.5 MB of HTML.
    assert len(r5_html.encode()) < 2_500_000
