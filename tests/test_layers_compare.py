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
