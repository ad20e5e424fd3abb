import folium

from geo.compare import compare_snapshots
from geo.reports import load_reports
from geo.snapshot import snapshot
from layers.compare import DIRECTION_COLOURS, difference_layer, difference_tooltip


def test_difference_layer_r1_r5() -> None:
    reports = load_reports()
    delta = compare_snapshots(snapshot("R1", reports), snapshot("R5", reports))
    layer = difference_layer(delta)
    feats = layer.data["features"]
    assert len(feats) == len(delta)
    fills = [f["properties"]["fill"] for f in feats]
    assert fills.count(DIRECTION_COLOURS["down"]) == 1  # Donetsk only
    tip = difference_tooltip({**delta.loc["UA-14"].to_dict(), "code": "UA-14"})
    assert "down" in tip and "-4.0 points" in tip and "-1,061 km²" in tip
    assert layer.layer_name == "Change in claimed share, R1 → R5"
    m = folium.Map()
    layer.add_to(m)
    assert DIRECTION_COLOURS["down"] in m.get_root().render()


def test_compare_titles_say_which_map_each_side_was_measured_from(atlas, daily_layers) -> None:  # type: ignore[no-untyped-def]
    from geo.control import control_from_geometry
    from layers.compare import compare_page

    (d1, g1), (d2, g2) = daily_layers[0], daily_layers[-1]
    a = atlas.layerset("R1", control=control_from_geometry(g1, name="a.geojson", date=d1))
    b = atlas.layerset("R5", control=control_from_geometry(g2, name="b.geojson", date=d2))
    html = compare_page(a, b).render()
    assert f"R1 · 2024-11-23 · measured, map of {d1.isoformat()}" in html
    assert f"R5 · 2025-10 · measured, map of {d2.isoformat()}" in html
    assert "held ground measured from the mapped layer dated in each map&#x27;s title" in html
    schematic = compare_page(atlas.layerset("R1"), atlas.layerset("R5")).render()
    assert "R1 · 2024-11-23 · schematic" in schematic and "map of" not in schematic
