import io
import json
import zipfile

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon, box

from geo.areas import geodesic_area_km2
from geo.export import check_rfc7946, layers_gpkg, layers_zip, safe_layer_name, to_geojson


@pytest.fixture()
def clockwise_with_hole() -> gpd.GeoDataFrame:
    # Exterior clockwise and hole counter-clockwise: the opposite of RFC 7946.
    ext = [(30, 48), (30, 49), (31, 49), (31, 48), (30, 48)]
    hole = [(30.2, 48.2), (30.4, 48.2), (30.4, 48.4), (30.2, 48.4), (30.2, 48.2)]
    poly = Polygon(ext, [hole])
    return gpd.GeoDataFrame(
        {"name": ["<b>x</b>"], "share": [float("nan")]},
        geometry=[poly],
        crs=4326,
        index=gpd.pd.Index(["UA-99"], name="code"),
    )


def test_geojson_is_rfc7946(clockwise_with_hole: gpd.GeoDataFrame) -> None:
    assert check_rfc7946(clockwise_with_hole.to_json()) != []  # geopandas output is not
    text = to_geojson(clockwise_with_hole, provenance={"source": "test", "schematic": True})
    assert check_rfc7946(text) == []
    doc = json.loads(text)
    assert "crs" not in doc
    props = doc["features"][0]["properties"]
    assert props == {
        "source": "test",
        "schematic": True,
        "code": "UA-99",
        "name": "<b>x</b>",
        "share": None,
    }


def test_rounding_to_six_decimals() -> None:
    gdf = gpd.GeoDataFrame(geometry=[box(30.123456789, 48.1, 30.9876543219, 48.7)], crs=4326)
    doc = json.loads(to_geojson(gdf))
    xs = [c[0] for c in doc["features"][0]["geometry"]["coordinates"][0]]
    assert 30.123457 in xs and 30.987654 in xs


def test_projected_input_is_reprojected() -> None:
    gdf = gpd.GeoDataFrame(geometry=[box(30, 48, 31, 49)], crs=4326).to_crs(3857)
    doc = json.loads(to_geojson(gdf))
    assert check_rfc7946(doc) == []
    x, y = doc["features"][0]["geometry"]["coordinates"][0][0]
    assert 29.9 < x < 31.1 and 47.9 < y < 49.1


def test_round_trip_keeps_features_and_areas(units: gpd.GeoDataFrame) -> None:
    layer = units.loc[["UA-14", "UA-09", "UA-43"]]
    back = gpd.read_file(io.StringIO(to_geojson(layer)))
    assert list(back["code"]) == ["UA-14", "UA-09", "UA-43"]
    a0 = geodesic_area_km2(layer).to_numpy()
    a1 = geodesic_area_km2(back).to_numpy()
    assert abs(a1 - a0).max() < 0.01


def test_zip_and_gpkg_hold_every_layer(units: gpd.GeoDataFrame) -> None:
    layers = {
        "Donetsk zone": units.loc[["UA-14"]],
        "Crimea + Sevastopol": units.loc[["UA-43", "UA-40"]],
    }
    with zipfile.ZipFile(io.BytesIO(layers_zip(layers, provenance={"report": "R1"}))) as zf:
        assert sorted(zf.namelist()) == ["crimea_sevastopol.geojson", "donetsk_zone.geojson"]
        doc = json.loads(zf.read("crimea_sevastopol.geojson"))
        assert check_rfc7946(doc) == [] and len(doc["features"]) == 2
        assert doc["features"][0]["properties"]["report"] == "R1"
    gpkg = layers_gpkg(layers)
    assert gpkg[:16] == b"SQLite format 3\x00"
    import pyogrio

    with __import__("tempfile").NamedTemporaryFile(suffix=".gpkg") as f:
        f.write(gpkg)
        f.flush()
        names = sorted(n for n, _ in pyogrio.list_layers(f.name))
        assert names == ["crimea_sevastopol", "donetsk_zone"]
        back = gpd.read_file(f.name, layer="donetsk_zone")
        assert geodesic_area_km2(back).iloc[0] == pytest.approx(
            units.loc["UA-14", "geodesic_area_km2"], abs=0.1
        )


def test_checker_finds_crs_and_precision() -> None:
    doc = {
        "type": "FeatureCollection",
        "crs": {},
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": shapely.geometry.mapping(box(30.1234567, 48, 31, 49)),
            }
        ],
    }
    problems = check_rfc7946(json.loads(json.dumps(doc)))
    assert any("crs" in p for p in problems) and any("decimals" in p for p in problems)


def test_safe_layer_name() -> None:
    assert safe_layer_name("Withdrawal: Donetsk (R5)") == "withdrawal_donetsk_r5"
    assert safe_layer_name("../../etc") == "etc"
    assert safe_layer_name("!!!") == "layer"
