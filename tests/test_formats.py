"""Layer files as users bring them: classes, grey zone, formats, one reader for every path.

Reference values are computed independently of the project's measuring code: the
classes' ground is unioned with shapely, cut by each unit and measured on the WGS84
ellipsoid with pyproj's ``Geod`` (a naive overlay).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import box

from geo.control import load_control
from geo.errors import ControlLayerError, UnknownClassError
from geo.history import read_history
from geo.history.inputs import ReadOptions
from geo.history.parse import parse_geojson
from geo.measure import UnitIndex, measure_control
from geo.synthetic import RAW_STATES, isw_layers, raw_export, synthetic_layer

_GEOD = Geod(ellps="WGS84")
DAY = dt.date(2025, 8, 3)
EPOCH = 1754251105  # 2025-08-03 19:58 UTC, as the raw archive names its files


def _km2(geom: shapely.Geometry) -> float:
    return abs(_GEOD.geometry_area_perimeter(geom)[0]) / 1e6 if not geom.is_empty else 0.0


def _naive(units: gpd.GeoDataFrame, ground: shapely.Geometry) -> dict[str, float]:
    """km² of ``ground`` in every unit, by a plain intersection and pyproj areas."""
    return {str(c): _km2(g.intersection(ground)) for c, g in units.geometry.items()}


@pytest.fixture(scope="module")
def classes(units: gpd.GeoDataFrame) -> dict[str, shapely.Geometry]:
    """Ground per raw class: occupied and Crimea from a real-shaped layer, a grey band
    beside the front, liberated ground in Kyiv oblast, Transnistria over Odesa oblast."""
    layer = synthetic_layer()
    crimea = units.loc["UA-43", "geometry"].buffer(0.05)
    held = shapely.make_valid(layer)
    front = box(36.0, 47.3, 38.2, 49.0)
    grey = held.buffer(0.03).difference(held).intersection(front)
    return {
        "occupied": held.difference(crimea),
        "crimea": held.intersection(crimea),
        "unknown": grey,
        "dismissed": box(29.6, 50.3, 31.0, 51.2).union(box(33.0, 50.6, 34.0, 51.0)),
        "transnistria": box(29.0, 46.5, 29.9, 47.9),
    }


@pytest.fixture(scope="module")
def expected(units: gpd.GeoDataFrame, classes: dict[str, shapely.Geometry]
             ) -> tuple[dict[str, float], dict[str, float]]:
    russia = shapely.union_all([g for c, g in classes.items() if RAW_STATES[c] == "russia"])
    ukraine = shapely.union_all([g for c, g in classes.items() if RAW_STATES[c] == "ukraine"])
    grey = classes["unknown"].difference(russia).difference(ukraine)
    return _naive(units, russia), _naive(units, grey)


@pytest.fixture(scope="module")
def raw_file(tmp_path_factory: pytest.TempPathFactory,
             classes: dict[str, shapely.Geometry]) -> Path:
    path = tmp_path_factory.mktemp("raw") / f"{EPOCH}.geojson"
    path.write_text(json.dumps(raw_export(classes)), encoding="utf-8")
    return path


def _figures(layer: object, index: UnitIndex) -> dict[str, tuple[float, float]]:
    m = measure_control(layer, index)  # type: ignore[arg-type]
    # the layer's ground in each unit: held, or (in a Russian unit) thin overhang past
    # the border
    return {str(c): (float(r.controlled_km2 + r.overhang_km2), float(r.contested_km2))
            for c, r in m.table.iterrows()}


def test_a_raw_export_is_read_by_class(raw_file: Path, units: gpd.GeoDataFrame,
                                       expected: tuple[dict[str, float], dict[str, float]]
                                       ) -> None:
    layer = load_control(raw_file)
    assert layer.date == DAY  # from the Unix time in the name
    assert layer.schema.startswith("raw multi-class export (keys")
    assert set(layer.sides) == {"russia", "ukraine"} and layer.contested is not None
    got = _figures(layer, UnitIndex(units))
    held, grey = expected
    for code in units.index:
        assert got[code][0] == pytest.approx(held[code], abs=0.01), code
        assert got[code][1] == pytest.approx(grey[code], abs=0.01), code
    # the occupied class's strip past Kharkiv's border is overhang in Belgorod, not a hold
    bel = measure_control(layer, UnitIndex(units)).table.loc["RU-BEL"]
    assert held["RU-BEL"] > 1.0
    assert bel["controlled_km2"] == pytest.approx(0.0, abs=1e-9)
    assert bel["overhang_km2"] == pytest.approx(held["RU-BEL"], abs=0.01)
    # liberated ground is not Russian-held; Transnistria is out of scope
    assert got["UA-32"][0] == 0.0 and got["UA-51"][0] == 0.0
    assert held["UA-32"] == 0.0 and held["UA-51"] == 0.0
    states = {c.label.split(" (")[0]: c.state for c in layer.classes}
    assert states["Liberated"] == "ukraine" and states["Transnistria"] == "out"
    assert states["Unknown status"] == "contested"
    # each class's ground inside Ukraine's units beside its own area: Transnistria lies
    # over Odesa oblast's outline in part, liberated ground wholly inside
    odesa = units.loc["UA-51", "geometry"]
    tr = next(c for c in layer.classes if c.label.startswith("Transnistria"))
    assert tr.km2 == pytest.approx(_km2(odesa.intersection(box(29.0, 46.5, 29.9, 47.9))),
                                   abs=0.05)
    assert tr.km2_total == pytest.approx(_km2(box(29.0, 46.5, 29.9, 47.9)), abs=0.05)
    assert layer.notes[0].startswith("read as raw multi-class export")
    assert "left out 42 non-polygon geometries" in " ".join(layer.notes)


def test_the_same_file_as_a_layer_a_history_day_and_an_upload(
        raw_file: Path, units: gpd.GeoDataFrame, tmp_path: Path) -> None:
    index = UnitIndex(units)
    as_layer = _figures(load_control(raw_file), index)
    as_upload = _figures(load_control(raw_file.read_bytes(), name=raw_file.name), index)
    days, problems = parse_geojson(raw_file.read_bytes(), raw_file.name, date=DAY)
    assert not problems
    as_day = _figures(days[0].control(), index)
    hist = read_history(raw_file.parent, cache=False)
    as_history = _figures(hist.day(DAY).control(), index)
    for code in as_layer:
        for other in (as_upload, as_day, as_history):
            assert other[code] == pytest.approx(as_layer[code], abs=1e-6), code


def test_isw_class_layers(units: gpd.GeoDataFrame, tmp_path: Path) -> None:
    control = shapely.make_valid(synthetic_layer())
    advance = box(37.3, 48.0, 37.6, 48.3).difference(control)
    claimed_ua = box(35.5, 47.35, 35.9, 47.6)  # inside assessed control: still Russian-held
    path = tmp_path / "20230824.geojson"
    path.write_text(json.dumps(isw_layers({"control": control, "advance": advance,
                                           "claimed_ukrainian": claimed_ua})))
    layer = load_control(path)
    assert layer.schema.startswith("ISW class layers")
    got = _figures(layer, UnitIndex(units))
    held = _naive(units, control)
    grey = _naive(units, shapely.union(advance, claimed_ua).difference(control))
    for code in ("UA-14", "UA-23", "UA-65", "UA-09"):
        assert got[code][0] == pytest.approx(held[code], abs=0.01), code
        assert got[code][1] == pytest.approx(grey[code], abs=0.01), code
    assert "left out 2 features without a geometry" in " ".join(layer.notes)


def test_an_unknown_class_is_refused_with_every_value(tmp_path: Path) -> None:
    a, b = box(37.0, 48.0, 37.2, 48.2), box(38.0, 48.0, 38.1, 48.1)
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"status": "red"},
         "geometry": shapely.geometry.mapping(a)},
        {"type": "Feature", "properties": {"status": "hatched"},
         "geometry": shapely.geometry.mapping(b)},
    ]}
    path = tmp_path / "classes.geojson"
    path.write_text(json.dumps(doc))
    with pytest.raises(UnknownClassError) as exc:
        load_control(path)
    msg = str(exc.value)
    # both boxes lie inside Donetsk oblast: all of their ground is in Ukraine's units
    assert f"red: 1 feature, {_km2(a):,.1f} km² in Ukraine's units -> not placed" in msg
    assert f"hatched: 1 feature, {_km2(b):,.1f} km² in Ukraine's units -> not placed" in msg
    # the same file, mapped by the user
    from geo.classes import ClassChoice

    layer = load_control(path, classes=ClassChoice.parse("status", ["red=russia",
                                                                    "hatched=contested"]))
    assert _km2(layer.geometry("russia")) == pytest.approx(_km2(a), rel=1e-9)
    assert _km2(layer.geometry("contested")) == pytest.approx(_km2(b), rel=1e-9)
    # and as a history: one line for the file, naming the classes
    days, problems = parse_geojson(path.read_bytes(), "classes_20250101.geojson",
                                   date=dt.date(2025, 1, 1))
    assert not days and len(problems) == 1
    # the classes by feature count, ties in the order the file has them
    assert "cannot place: 'red' (1), 'hatched' (1);" in problems[0].message


# ---------------------------------------------------------------- formats through GDAL
def _frame(classes: dict[str, shapely.Geometry]) -> gpd.GeoDataFrame:
    from geo.synthetic import RAW_CLASSES

    rows = [(RAW_CLASSES[c][0].strip(), RAW_CLASSES[c][2], p) for c, g in classes.items()
            for p in shapely.get_parts(g)]
    return gpd.GeoDataFrame({"name": [r[0] for r in rows], "fill": [r[1] for r in rows]},
                            geometry=[r[2] for r in rows], crs=4326)


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _write_all(frame: gpd.GeoDataFrame, folder: Path) -> dict[str, Path]:
    """The same ground in every format the tool reads."""
    out: dict[str, Path] = {}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "shp").mkdir()
    frame.to_file(folder / "shp" / "day.shp")
    out["shp"] = folder / "shp" / "day.shp"
    out["shp.zip"] = folder / "day_shp.zip"
    out["shp.zip"].write_bytes(_zip({p.name: p.read_bytes()
                                     for p in (folder / "shp").iterdir()}))
    out["gpkg"] = folder / "day.gpkg"
    frame.to_file(out["gpkg"], layer="control")
    out["fgb"] = folder / "day.fgb"
    frame.to_file(out["fgb"])
    out["parquet"] = folder / "day.parquet"
    frame.to_parquet(out["parquet"])
    out["kml"] = folder / "day.kml"
    frame.rename(columns={"name": "Name"})[["Name", "geometry"]].to_file(out["kml"],
                                                                        driver="KML")
    out["kmz"] = folder / "day.kmz"
    out["kmz"].write_bytes(_zip({"doc.kml": out["kml"].read_bytes()}))
    out["geojson.gz"] = folder / "day.geojson.gz"
    out["geojson.gz"].write_bytes(gzip.compress(frame.to_json().encode()))
    out["gpkg-3857"] = folder / "day-3857.gpkg"
    frame.to_crs(3857).to_file(out["gpkg-3857"])
    return out


@pytest.fixture(scope="module")
def format_files(tmp_path_factory: pytest.TempPathFactory,
                 classes: dict[str, shapely.Geometry]) -> dict[str, Path]:
    keep = {c: classes[c] for c in ("occupied", "crimea", "unknown", "dismissed")}
    return _write_all(_frame(keep), tmp_path_factory.mktemp("formats"))


@pytest.mark.parametrize("kind", ["shp", "shp.zip", "gpkg", "fgb", "parquet", "kml", "kmz",
                                  "geojson.gz", "gpkg-3857"])
def test_every_format_gives_the_same_ground(kind: str, format_files: dict[str, Path],
                                            units: gpd.GeoDataFrame,
                                            expected: tuple[dict[str, float],
                                                            dict[str, float]]) -> None:
    path = format_files[kind]
    layer = load_control(path)
    # KML keeps the class names but not the fill colours; every name here has words
    assert layer.schema.startswith("raw multi-class export"), layer.schema
    got = _figures(layer, UnitIndex(units))
    held, grey = expected
    for code in ("UA-14", "UA-43", "UA-65", "UA-32"):
        assert got[code][0] == pytest.approx(held[code], abs=0.01), (kind, code)
        assert got[code][1] == pytest.approx(grey[code], abs=0.01), (kind, code)
    assert any("reprojected from EPSG:3857" in n for n in layer.notes) == (kind == "gpkg-3857")


def test_formats_as_history_days(format_files: dict[str, Path], tmp_path: Path,
                                 units: gpd.GeoDataFrame) -> None:
    folder = tmp_path / "days"
    folder.mkdir()
    names = {"kml": "day_20250801.kml", "gpkg": "day_20250802.gpkg",
             "fgb": "day_20250803.fgb", "geojson.gz": "day_20250804.geojson.gz",
             "kmz": "day_20250805.kmz"}
    for kind, name in names.items():
        (folder / name).write_bytes(format_files[kind].read_bytes())
    (folder / "day_20250806.zip").write_bytes(format_files["shp.zip"].read_bytes())
    hist = read_history([folder, folder / "day_20250806.zip"], cache=False)
    assert not hist.problems, hist.problems
    assert [d.isoformat() for d in hist.dates] == [f"2025-08-0{i}" for i in range(1, 7)]
    index = UnitIndex(units)
    first = _figures(hist.days[0].control(), index)
    for day in hist.days[1:]:
        other = _figures(day.control(), index)
        assert other["UA-14"] == pytest.approx(first["UA-14"], abs=0.01), day.source


def test_a_geopackage_of_several_layers_asks_which(format_files: dict[str, Path],
                                                   tmp_path: Path) -> None:
    path = tmp_path / "two.gpkg"
    path.write_bytes(format_files["gpkg"].read_bytes())
    gpd.read_file(format_files["gpkg"]).iloc[:1].to_file(path, layer="other")
    with pytest.raises(ControlLayerError, match="2 layers .'control', 'other'.; pick one "
                                                "with --layer NAME"):
        load_control(path)
    assert load_control(path, layer="control").maps("russia")
    with pytest.raises(ControlLayerError, match="no layer 'nope'"):
        load_control(path, layer="nope")


def test_broken_files_say_what_they_lack(tmp_path: Path) -> None:
    shp = tmp_path / "lonely.shp"
    shp.write_bytes(b"\x00\x00\x27\x0a" + b"\x00" * 96)
    with pytest.raises(ControlLayerError, match=r"needs its \.shx and \.dbf"):
        load_control(shp)
    junk = tmp_path / "junk.kmz"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ControlLayerError, match="junk.kmz: not a readable zip file .no "
                       "end-of-directory record: truncated or not a zip"):
        load_control(junk)


def test_history_read_options_change_the_cache_key(tmp_path: Path, raw_file: Path) -> None:
    from geo.classes import ClassChoice
    from geo.history.read import HistorySource

    plain = HistorySource.of(raw_file.parent)
    mapped = HistorySource.of(raw_file.parent, options=ReadOptions(
        classes=ClassChoice.parse("name", ["x=russia"])))
    assert plain.key and mapped.key and plain.key != mapped.key
