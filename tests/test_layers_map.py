"""Real folium HTML of the map frame and the boundary layer."""

import re

import folium

from layers.boundaries import boundary_layer
from layers.map import new_map


def test_offline_map_loads_only_local_leaflet(units) -> None:  # type: ignore[no-untyped-def]
    m = new_map()
    boundary_layer(units).add_to(m)
    folium.LayerControl().add_to(m)
    html = m.get_root().render()
    assert "/app/static/leaflet.js" in html and "/app/static/leaflet.css" in html
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html
    # Every unit is in the GeoJSON with its tooltip label, which folium writes as JSON
    # with non-ASCII escaped (² as \u00b2) and its markup too (< as \u003c).
    assert set(re.findall(r'"code": ?"([A-Z]{2}-[A-Z0-9]+)"', html)) == set(units.index)
    for code, row in units.iterrows():
        assert f"official area {row['official_area_km2']:,.0f} km\\u00b2" in html, code
    assert "km²" not in html and "<b>Donetsk" not in html


def test_web_tiles_are_optional(units) -> None:  # type: ignore[no-untyped-def]
    assert "tile.openstreetmap.org" not in new_map().get_root().render()
    assert "tile.openstreetmap.org" in new_map(web_tiles=True).get_root().render()


def test_display_simplification_keeps_units_and_shrinks(units) -> None:  # type: ignore[no-untyped-def]
    full = boundary_layer(units, simplify_deg=0).data
    simple = boundary_layer(units, simplify_deg=0.01).data
    assert len(simple["features"]) == len(full["features"]) == 30
    count = lambda d: sum(len(str(f["geometry"])) for f in d["features"])  # noqa: E731
    assert count(simple) < count(full)


def test_data_sources_are_attributed() -> None:
    html = new_map().get_root().render()
    assert "addAttribution" in html
    assert "Natural Earth" in html and "GeoNames (CC BY 4.0)" in html
    assert "COD-AB" in html and "CC BY 3.0 IGO" in html  # the boundaries' licence asks for it
