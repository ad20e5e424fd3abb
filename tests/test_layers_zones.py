import folium
import pytest

from layers.zones import KIND_TITLES, zone_layers, zone_tooltip


@pytest.fixture(scope="module")
def r5_zones(atlas):  # type: ignore[no-untyped-def]
    return atlas.layerset("R5").zones


def test_one_layer_per_kind_named_with_report(r5_zones) -> None:  # type: ignore[no-untyped-def]
    groups = zone_layers(r5_zones)
    names = [g.layer_name for g in groups]
    assert len(groups) == r5_zones["kind"].nunique()
    assert any(n.startswith(KIND_TITLES["withdrawal"]) and n.endswith("R5") for n in names)
    assert all("(schematic)" in n for n in names if not n.startswith(KIND_TITLES["recognition"]))


def test_tooltip_gives_area_cities_and_claims(r5_zones) -> None:  # type: ignore[no-untyped-def]
    row = r5_zones[r5_zones.kind == "withdrawal"].iloc[0]
    tip = zone_tooltip(row)
    assert f"{row['area_km2']:,.0f} km²" in tip
    assert "Kramatorsk (147,145)" in tip
    assert f"people in these cities: {row['people_in_cities']:,}" in tip
    assert "schematic" in tip and "R5-c3" in tip
    # City sections (Sotsmisto is part of Kramatorsk) are not listed as cities.
    assert "Sotsmisto" not in tip


def test_hostile_label_escaped(r5_zones) -> None:  # type: ignore[no-untyped-def]
    z = r5_zones.copy()
    z.loc[z.index[0], "label"] = "<img src=x onerror=alert(1)>${x}"
    m = folium.Map()
    for g in zone_layers(z):
        g.add_to(m)
    html = m.get_root().render()
    assert "<img src=x" not in html and "${x}" not in html


def test_facility_marker(atlas) -> None:  # type: ignore[no-untyped-def]
    z = atlas.layerset("R2").zones
    m = folium.Map()
    for g in zone_layers(z):
        g.add_to(m)
    html = m.get_root().render()
    assert "47.512" in html and "34.585" in html  # the plant at Enerhodar
    assert "Zaporizhzhia nuclear power plant" in html
