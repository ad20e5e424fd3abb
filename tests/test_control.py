"""Control layers: loading, repair, rejection, and measuring against hand-computed areas."""

from __future__ import annotations

import json
import math
from pathlib import Path

import folium
import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon, box, mapping

from geo.areas import geodesic_area_km2
from geo.control import load_control
from geo.errors import ControlLayerError, UnknownClassError
from geo.measure import measure_control
from layers.control import control_layer

A_WGS84 = 6378137.0
F_WGS84 = 1 / 298.257223563


def _fc(*geoms: object, **extra: object) -> bytes:
    doc = {"type": "FeatureCollection",
           "features": [{"type": "Feature", "properties": {}, "geometry": g} for g in geoms]}
    doc.update(extra)
    return json.dumps(doc).encode()


def _box_km2(west: float, south: float, east: float, north: float) -> float:
    """Area of a lon/lat rectangle on the WGS84 ellipsoid (authalic formula), km²."""
    e2 = F_WGS84 * (2 - F_WGS84)
    e = math.sqrt(e2)
    b2 = (A_WGS84 * (1 - F_WGS84)) ** 2

    def q(phi: float) -> float:
        s = math.sin(phi)
        return s / (1 - e2 * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    dlam = math.radians(east - west)
    return dlam * b2 / 2 * (q(math.radians(north)) - q(math.radians(south))) / 1e6


def test_western_half_of_a_unit(units: gpd.GeoDataFrame) -> None:
    unit = units.loc["UA-14", "geometry"]
    minx, miny, maxx, maxy = unit.bounds
    mid = (minx + maxx) / 2
    west = unit.intersection(box(minx - 1, miny - 1, mid, maxy + 1))
    expected = geodesic_area_km2(west)
    assert isinstance(expected, float)
    gdf = load_control(_fc(mapping(west)))
    result = measure_control(gdf, units)
    row = result.table.loc["UA-14"]
    assert row.controlled_km2 == pytest.approx(expected, rel=1e-3)
    assert row.share_pct == pytest.approx(100 * expected / geodesic_area_km2(unit), rel=1e-3)
    assert row["name"] == "Donetsk"
    # Neighbours only share a border with it: nothing of them is counted.
    assert result.table.loc["UA-12", "controlled_km2"] < 0.01
    assert result.total_controlled_km2 == pytest.approx(expected, rel=1e-3)
    assert result.total_share_pct == pytest.approx(100 * expected / result.total_area_km2)
    # a share of Ukraine is of its official area (the 27 units' official figures summed)
    assert result.total_area_km2 == 603_543


def test_tiny_box_against_the_authalic_formula(units: gpd.GeoDataFrame) -> None:
    # A 0.1 deg box inside Kharkiv oblast, edges densified so they follow the parallels.
    b = box(36.5, 49.5, 36.6, 49.6)
    assert units.loc["UA-63", "geometry"].contains(b)
    gdf = load_control(_fc(mapping(shapely.segmentize(b, 0.001))))
    got = measure_control(gdf, units).table.loc["UA-63", "controlled_km2"]
    assert got == pytest.approx(_box_km2(36.5, 49.5, 36.6, 49.6), rel=1e-3)


def test_whole_unit_and_feature_input(units: gpd.GeoDataFrame) -> None:
    crimea = units.loc["UA-43", "geometry"]
    doc = json.dumps({"type": "Feature", "properties": {}, "geometry": mapping(crimea)})
    gdf = load_control(doc.encode())
    table = measure_control(gdf, units).table
    assert table.loc["UA-43", "share_pct"] == pytest.approx(100.0, abs=1e-6)


def test_bow_tie_is_repaired(units: gpd.GeoDataFrame) -> None:
    bow = Polygon([(37.0, 48.0), (37.2, 48.2), (37.2, 48.0), (37.0, 48.2), (37.0, 48.0)])
    assert not bow.is_valid
    gdf = load_control(_fc(mapping(bow)))
    notes = gdf.notes
    geom = gdf.geometry("russia")
    assert geom.is_valid and geom.geom_type == "MultiPolygon"
    assert any("repaired 1 invalid polygon" in n and "Self-intersection" in n for n in notes)
    expected = geodesic_area_km2(shapely.make_valid(bow))
    got = measure_control(gdf, units).table.loc["UA-14", "controlled_km2"]
    assert got == pytest.approx(expected, rel=1e-3)


def test_file_path_and_legacy_crs(tmp_path: Path, units: gpd.GeoDataFrame) -> None:
    b = box(37.0, 48.0, 37.1, 48.1)
    path = tmp_path / "c.geojson"
    path.write_bytes(_fc(mapping(b)))
    gdf = load_control(path)
    assert gdf.notes == () and gdf.frame.crs.to_epsg() == 4326
    projected = gpd.GeoSeries([b], crs=4326).to_crs(3857).iloc[0]
    doc = _fc(mapping(projected), crs={"type": "name", "properties": {"name": "EPSG:3857"}})
    gdf2 = load_control(doc)
    assert any("reprojected" in n for n in gdf2.notes)
    assert gdf2.geometry("russia").symmetric_difference(b).area < 1e-8


@pytest.mark.parametrize(
    "content,match",
    [
        (b"", "empty"),
        (b"this is not json", "not GeoJSON: the content is not JSON"),
        (b"[1, 2, 3]", "not GeoJSON"),
        (b'{"type": "Topology"}', "not GeoJSON"),
        (_fc({"type": "Point", "coordinates": [37.0, 48.0]}), "no polygons"),
        (_fc(), "no polygons"),
        (_fc(mapping(box(4_100_000, 6_100_000, 4_200_000, 6_200_000))), "projected"),
        (_fc(mapping(box(-100, 30, -99, 31))), "outside the region"),
        (_fc(mapping(box(48.0, 37.0, 48.1, 37.1))), "outside the region"),  # lat/lon swapped
    ],
)
def test_rejections(content: bytes, match: str) -> None:
    with pytest.raises(ControlLayerError, match=match):
        load_control(content)


def test_vertex_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.control

    monkeypatch.setattr(geo.control, "MAX_VERTICES", 10)
    with pytest.raises(ControlLayerError, match="vertices; the limit is 10"):
        load_control(_fc(mapping(shapely.segmentize(box(37, 48, 38, 49), 0.1))))


def test_control_layer_renders(units: gpd.GeoDataFrame) -> None:
    gdf = load_control(_fc(mapping(box(37.0, 48.0, 37.1, 48.1))))
    m = folium.Map()
    control_layer(gdf, source="<script>x</script>").add_to(m)
    html = m.get_root().render()
    assert "mapped control layer" in html and "<script>x</script>" not in html


def _dated_collection(n: int) -> bytes:
    feats = []
    for i in range(n):
        b = box(37.0, 48.0, 37.1 + 0.01 * i, 48.1)
        feats.append({"type": "Feature", "properties": {"date": f"2024-07-{8 + i:02d}"},
                      "geometry": mapping(b)})
    return json.dumps({"type": "FeatureCollection", "features": feats}).encode()


def test_a_history_in_one_file_is_refused_with_how_to_pick_a_day() -> None:
    from geo.errors import DatedLayerError

    with pytest.raises(DatedLayerError) as exc:
        load_control(_dated_collection(20), name="history.geojson")
    msg = str(exc.value)
    assert "20 different dates (2024-07-08 … 2024-07-27" in msg
    assert "--date 2024-07-27" in msg and "frontline series" in msg
    assert exc.value.dates[0].isoformat() == "2024-07-08" and len(exc.value.dates) == 20
    # Picking a day keeps that day's feature only.
    import datetime as dt

    one = load_control(_dated_collection(20), name="history.geojson", date=dt.date(2024, 7, 10))
    assert one.date == dt.date(2024, 7, 10)
    assert one.geometry("russia").bounds[2] == pytest.approx(37.12)
    with pytest.raises(DatedLayerError, match="nearest dates in the file are 2024-07-27"):
        load_control(_dated_collection(20), date=dt.date(2024, 9, 1))


def test_one_date_is_kept_and_a_date_in_the_name_too(tmp_path: Path) -> None:
    import datetime as dt

    c = load_control(_dated_collection(1))
    assert c.date == dt.date(2024, 7, 8)
    path = tmp_path / "deepstatemap_data_20241123.geojson"
    path.write_bytes(_fc(mapping(box(37.0, 48.0, 37.1, 48.1))))
    assert load_control(path).date == dt.date(2024, 11, 23)


def test_sides_from_properties_and_every_problem_at_once() -> None:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"side": "UA"},
         "geometry": mapping(box(35.0, 51.1, 35.2, 51.3))},
        {"type": "Feature", "properties": {"held_by": "Russia"},
         "geometry": mapping(box(37.0, 48.0, 37.1, 48.1))},
    ]}
    c = load_control(json.dumps(doc).encode())
    assert set(c.sides) == {"russia", "ukraine"}
    assert c.geometry("ukraine").bounds[1] == pytest.approx(51.1)
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"side": "grey zone"},
         "geometry": mapping(box(37.0, 48.0, 37.1, 48.1))},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
                                                          "coordinates": [[1, 2]]}},
        {"type": "Feature", "properties": {}, "geometry": "POLYGON((0 0,1 0,1 1,0 0))"},
    ]}
    with pytest.raises(ControlLayerError) as exc:
        load_control(json.dumps(bad).encode(), name="bad.geojson")
    msg = str(exc.value)
    # the two malformed geometries together; "grey zone" is a side now (contested)
    assert msg.startswith("bad.geojson has 2 problems")
    assert "feature 1: Polygon coordinates hold int where a list is expected" in msg
    assert "feature 2: the geometry is a string (WKT?)" in msg
    unknown = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"Side": "nobody"},
         "geometry": mapping(box(37.0, 48.0, 37.1, 48.1))},
        {"type": "Feature", "properties": {"SIDE": "RU"},
         "geometry": mapping(box(38.0, 48.0, 38.1, 48.1))},
    ]}
    with pytest.raises(UnknownClassError) as exc2:
        load_control(json.dumps(unknown).encode(), name="sides.geojson")
    msg = str(exc2.value)
    # keys in any case; the unplaced value is listed with its count, never taken as held
    assert "side: nobody: 1 feature" in msg and "-> not placed" in msg
    assert "side: RU: 1 feature" in msg and "-> held by Russia" in msg


def test_the_same_ground_on_two_days_is_two_layers() -> None:
    import datetime as dt

    from shapely.geometry import box as _box

    from geo.control import control_from_geometry

    g = _box(37.5, 47.5, 38.0, 48.0)
    a = control_from_geometry(g, name="day_20240708.geojson", date=dt.date(2024, 7, 8))
    b = control_from_geometry(g, name="day_20240709.geojson", date=dt.date(2024, 7, 9))
    # derived results are keyed by the digest and name their layer and date: no front
    # moved, but a layer set of the second day must not be served the first day's
    assert a.digest != b.digest
    assert a.digest == control_from_geometry(g, name="day_20240708.geojson",
                                             date=dt.date(2024, 7, 8)).digest


def test_a_schematic_export_loaded_as_a_layer_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from frontline.cli import main

    path = tmp_path / "mine.geojson"
    assert main(["schematic", "R5", "--out", str(path)]) == 0
    ctl = load_control(path)
    assert ctl.schematic is True
    assert "every feature says schematic: true" in ctl.notes[0]
    feats = json.loads(path.read_text(encoding="utf-8"))["features"]
    for f in feats:  # one feature without the flag: a mapped layer after all
        f["properties"].pop("schematic", None)
        break
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    again = load_control(path)
    assert again.schematic is False and again.digest != ctl.digest
