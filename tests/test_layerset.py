import io
import json
import zipfile

import geopandas as gpd
import pytest

from geo.areas import geodesic_area_km2
from geo.export import check_rfc7946, layers_zip, to_geojson
from geo.layerset import PROVENANCE_KEYS, build_layerset
from geo.reports import load_reports


@pytest.fixture(scope="module")
def reports():  # type: ignore[no-untyped-def]
    return load_reports()


@pytest.fixture(scope="module")
def r5(reports, units):  # type: ignore[no-untyped-def]
    return build_layerset("R5", reports, units)


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


def test_control_layer_replaces_schematic(reports, units) -> None:  # type: ignore[no-untyped-def]
    control = units.loc[["UA-43", "UA-40"]].dissolve()  # Russia holds Crimea only
    ls = build_layerset("R5", reports, units, control=control, control_name="test.geojson")
    assert not ls.schematic and len(ls.band) == 0
    assert set(ls.held.index) == {"UA-43", "UA-40"}
    w = ls.zones[ls.zones.kind == "withdrawal"].iloc[0]
    # Nothing of Donetsk is held in this layer: the withdrawal zone is all of Donetsk.
    assert w["area_km2"] == pytest.approx(units.loc["UA-14", "geodesic_area_km2"], rel=1e-3)
    props = json.loads(to_geojson(ls.export_layers()["held_zones"]))["features"][0]["properties"]
    assert props["schematic"] is False and "test.geojson" in props["basis"]
