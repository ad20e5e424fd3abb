import io
import json
import zipfile

import geopandas as gpd
import pytest
import shapely

from geo.areas import geodesic_area_km2
from geo.control import control_from_geometry
from geo.export import check_rfc7946, layers_zip, to_geojson
from geo.layerset import PROVENANCE_KEYS, Atlas
from geo.memo import Memo
from geo.reports import load_reports


@pytest.fixture(scope="module")
def r5(atlas):  # type: ignore[no-untyped-def]
    return atlas.layerset("R5")


def test_layers_of_r5(r5) -> None:  # type: ignore[no-untyped-def]
    layers = r5.export_layers()
    assert {
        "claimed_control",
        "held_zones",
        "uncertainty_band",
        "zone_withdrawal",
        "zone_cede",
        "zone_recognition",
        "zone_line_of_contact",
        "cities_in_zones",
    } <= set(layers)
    for name, layer in layers.items():
        missing = [k for k in PROVENANCE_KEYS if k not in layer.columns]
        assert not missing, (name, missing)
        assert (layer["report_id"] == "R5").all()
    assert layers["held_zones"]["schematic"].all()
    assert not layers["claimed_control"]["schematic"].any()
    assert any(f.kind == "share_change" for f in r5.findings)


def test_every_exported_layer_round_trips(r5) -> None:  # type: ignore[no-untyped-def]
    layers = r5.export_layers()
    with zipfile.ZipFile(io.BytesIO(layers_zip(layers))) as zf:
        for name, layer in layers.items():
            text = zf.read(f"{name}.geojson").decode()
            assert check_rfc7946(text) == [], name
            back = gpd.read_file(io.StringIO(text))
            assert len(back) == len(layer), name
            polys = layer.geometry.geom_type.str.endswith("Polygon")
            if polys.any():
                a0 = geodesic_area_km2(layer[polys]).to_numpy()
                a1 = geodesic_area_km2(back[polys.to_numpy()]).to_numpy()
                assert abs(a1 - a0).max() < 0.05 + 1e-4 * a0.max(), name


def test_control_layer_replaces_schematic(atlas, units) -> None:  # type: ignore[no-untyped-def]
    crimea = units.loc[["UA-43", "UA-40"]].dissolve().geometry.iloc[0]  # Russia holds Crimea
    control = control_from_geometry(crimea, name="test.geojson")
    ls = atlas.layerset("R5", control=control)
    assert not ls.schematic and len(ls.band) == 0
    assert set(ls.held_zones.index) == {"UA-43", "UA-40"}
    w = ls.zones[ls.zones.kind == "withdrawal"].iloc[0]
    # Nothing of Donetsk is held in this layer: the withdrawal zone is all of Donetsk.
    assert w["area_km2"] == pytest.approx(units.loc["UA-14", "geodesic_area_km2"], rel=1e-3)
    props = json.loads(to_geojson(ls.export_layers()["held_zones"]))["features"][0]["properties"]
    assert props["schematic"] is False and "test.geojson" in props["basis"]


def test_computed_once_per_report_layer_and_options(units) -> None:  # type: ignore[no-untyped-def]
    atlas = Atlas(load_reports(), units, memo=Memo())
    first = atlas.layerset("R3")
    misses = atlas.memo.misses
    assert atlas.layerset("R3") is first  # the same object: nothing recomputed
    assert atlas.memo.misses == misses
    # Another report reuses the growth orders and snapshots it shares with R3.
    atlas.layerset("R5")
    assert atlas.memo.hits > 0
    # A different control layer is a different layer set; the same content is the same.
    # A layer's content is its ground, name and date: a layer set names its layer, so the
    # same ground under another name (a day the front did not move) is its own set.
    box_a = control_from_geometry(units.loc["UA-43", "geometry"], name="a.geojson")
    again = control_from_geometry(units.loc["UA-43", "geometry"], name="a.geojson")
    box_b = control_from_geometry(units.loc["UA-43", "geometry"], name="b.geojson")
    assert atlas.layerset("R3", control=box_a) is atlas.layerset("R3", control=again)
    assert atlas.layerset("R3", control=box_a) is not first
    ls_b = atlas.layerset("R3", control=box_b)
    assert ls_b is not atlas.layerset("R3", control=box_a)
    assert ls_b.control_name == "b.geojson" and atlas.layerset(
        "R3", control=box_a).control_name == "a.geojson"


def test_a_loaded_layer_changes_every_layer(atlas, units) -> None:  # type: ignore[no-untyped-def]
    """Held zones, zones, verdicts and exports all come from the one held territory."""
    don = units.loc["UA-14", "geometry"]
    minx, miny, maxx, maxy = don.bounds
    east = don.intersection(shapely.box((minx + maxx) / 2, miny - 1, maxx + 1, maxy + 1))
    ls = atlas.layerset("R5", control=control_from_geometry(east, name="east.geojson"))
    held_km2 = float(ls.held.km2("UA-14", "russia"))
    assert held_km2 == pytest.approx(geodesic_area_km2(east), rel=1e-6)
    w = ls.zones[ls.zones.kind == "withdrawal"].iloc[0]
    assert w["area_km2"] == pytest.approx(units.loc["UA-14", "geodesic_area_km2"] - held_km2,
                                          rel=1e-3)
    # measured from the loaded layer, where without it the zone is schematic
    assert bool(w["schematic"]) is False and ls.zones["schematic"].dtype == bool
    schematic = atlas.layerset("R5").zones
    assert bool(schematic.loc[schematic.kind == "withdrawal", "schematic"].iloc[0]) is True
    v = ls.verdicts.set_index("claim_id").loc["R5-c3"]  # "Ukraine still holds 20 %"
    assert v["side"] == "ukraine" and v["verdict"] == "understated"
    layers = ls.export_layers()
    assert "claim_verdicts" in layers and "uncertainty_band" not in layers
    assert layers["claimed_control"].set_index("claim_id").loc["R5-c3", "verdict"] == "understated"


def test_history_layer_is_the_day_nearest_the_report(atlas, units, daily_layers,  # type: ignore[no-untyped-def]
                                                     tmp_path) -> None:
    from geo.history import read_history
    from geo.synthetic import write_days

    write_days(tmp_path, daily_layers)  # 2024-07-08 ... 2024-07-21, 2024-07-14 missing
    history = read_history(tmp_path, cache=False)
    dates = {str(d) for d in history.dates}
    assert "2024-07-14" not in dates and len(dates) == 13
    # R1 is dated 2024-11-23: 125 days after the last map
    assert atlas.history_layer("R1", history, within_days=7) is None
    assert atlas.history_layer("R1", history, within_days=125).date.isoformat() == "2024-07-21"
    assert atlas.history_layer("R1", history, within_days=124) is None
    layer = atlas.history_layer("R1", history, within_days=200)
    day = history.day(layer.date)
    # the layer is the day's own geometry: the same area to the m²
    assert geodesic_area_km2(layer.sides["russia"]) == pytest.approx(
        geodesic_area_km2(day.valid().geometry), abs=1e-6)
    v = atlas.verify_history(history, within_days=200, report_ids=["R1"])
    assert set(v["snapshot_date"]) == {layer.date}
    # R2 (2025-03-18) carries R1's claims: each row keeps its own report's date; with no
    # map near R2 every claim is "not checkable", and no schematic zones were drawn
    fresh = Atlas(load_reports(), units)
    v2 = fresh.verify_history(history, within_days=7, report_ids=["R2"], carried=True)
    assert (v2["verdict"] == "not checkable").all()
    assert set(zip(v2["report_id"], v2["report_date"], strict=True)) == {("R1", "2024-11-23")}
    assert "held" not in fresh.memo._store


@pytest.mark.parametrize(("report_id", "day", "expected"), [
    ("R1", "2024-11-30", None),  # 7 days after R1 (2024-11-23): near enough
    ("R1", "2024-12-01", "8 days after R1's date (2024-11-23)"),
    ("R1", "2024-07-09", "137 days before R1's date (2024-11-23)"),
    # R5 is dated to October 2025: the 15th, with 15 more days of slack (22 in all)
    ("R5", "2025-11-06", None),
    ("R5", "2025-11-07", "23 days after R5's date (2025-10-15, the middle of the month"),
    ("R5", "2024-07-09", "463 days before R5's date"),
])
def test_a_layer_far_from_the_report_date_is_named(atlas, report_id, day, expected) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    layer = control_from_geometry(shapely.box(37.5, 47.5, 38.0, 48.0), name="day.geojson",
                                  date=dt.date.fromisoformat(day))
    gap = atlas.date_gap(report_id, layer)
    if expected is None:
        assert gap is None
    else:
        assert gap is not None and expected in gap and gap.startswith(f"day.geojson maps {day}")
    undated = control_from_geometry(shapely.box(37.5, 47.5, 38.0, 48.0), name="x.geojson")
    assert atlas.date_gap(report_id, undated) is None
