"""CLI: `frontline measure` and `frontline schematic --shares`."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box, mapping, shape

from frontline.cli import main
from geo.areas import geodesic_area_km2


def test_measure_json(
    tmp_path: Path, units: gpd.GeoDataFrame, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = units.loc["UA-23", "geometry"]
    minx, miny, maxx, maxy = unit.bounds
    west = unit.intersection(box(minx - 1, miny - 1, (minx + maxx) / 2, maxy + 1))
    path = tmp_path / "control.geojson"
    path.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": mapping(west)}))
    assert main(["measure", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    row = next(r for r in out["units"] if r["code"] == "UA-23")
    assert set(row) >= {"code", "name", "area_km2", "controlled_km2", "share_pct"}
    assert row["controlled_km2"] == pytest.approx(geodesic_area_km2(west), rel=1e-3)
    assert out["total_controlled_km2"] == pytest.approx(geodesic_area_km2(west), rel=1e-3)
    assert 0 < out["total_share_pct"] < 5


def test_measure_table_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.geojson"
    path.write_text(
        json.dumps(
            {"type": "Polygon", "coordinates": mapping(box(37.0, 48.0, 37.2, 48.2))["coordinates"]}
        )
    )
    assert main(["measure", str(path)]) == 0
    out = capsys.readouterr().out
    assert "UA-14" in out and "total_share_pct" in out
    bad = tmp_path / "bad.geojson"
    bad.write_text("not json")
    assert main(["measure", str(bad)]) == 2
    assert "not GeoJSON" in capsys.readouterr().err
    assert main(["measure", str(tmp_path / "missing.geojson")]) == 2


def test_schematic_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "zones.geojson"
    assert main(["schematic", "--shares", "UA-14=75.5,UA-23=73.6", "--out", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 2
    for f in doc["features"]:
        p = f["properties"]
        assert p["schematic"] is True and "schematic" in p["label"]
        assert abs(p["share_pct"] - p["target_share_pct"]) <= 0.5
        assert f["geometry"]["type"] == "Polygon"
    assert {f["properties"]["code"] for f in doc["features"]} == {"UA-14", "UA-23"}


def test_schematic_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schematic", "--shares", "UA-63=5"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["features"][0]["properties"]["code"] == "UA-63"


@pytest.mark.parametrize(
    "shares,named",
    [
        ("UA-14=120", "UA-14"),
        ("UA-14=-3", "UA-14"),
        ("UA-99=5", "UA-99"),
        ("UA-14", "UA-14"),
        ("UA-14=80,UA-23=abc", "UA-23"),
        ("", "--shares"),
    ],
)
def test_schematic_bad_shares(shares: str, named: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schematic", "--shares", shares]) == 2
    err = capsys.readouterr().err
    assert named in err and err.startswith("frontline schematic: error:")


def test_schematic_report(
    tmp_path: Path, units: gpd.GeoDataFrame, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.reports import load_reports
    from geo.snapshot import snapshot

    out = tmp_path / "r1.geojson"
    assert main(["schematic", "R1", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().err
    doc = json.loads(out.read_text())
    assert doc["type"] == "FeatureCollection" and doc["schematic"] is True
    snap = snapshot("R1", load_reports(), units)
    claimed = snap[(snap["held_by"] == "russia") & snap["share_central"].notna()]
    props = {f["properties"]["code"]: f["properties"] for f in doc["features"]}
    # one feature per Ukrainian unit with a claim; RU-KRS (held by Ukraine) is not one
    assert (
        set(props)
        == set(claimed.index)
        == {"UA-09", "UA-14", "UA-23", "UA-40", "UA-43", "UA-48", "UA-63", "UA-65"}
    )
    for code, p in props.items():
        # The central value, or (with a note) the largest one-part share inside the claim.
        if p["note"]:
            assert (
                claimed.loc[code, "share_low"]
                <= p["target_share_pct"]
                < float(claimed.loc[code, "share_central"])
            )
        else:
            assert p["target_share_pct"] == pytest.approx(float(claimed.loc[code, "share_central"]))
        assert abs(p["share_pct"] - p["target_share_pct"]) <= 0.5, code
        assert p["schematic"] is True and p["report_id"] == "R1" and p["share_end"] == "central"
        assert p["report_outlet"] and p["report_date"] == "2024-11-23"
        assert p["claim_report_id"] == "R1" and p["claim_id"].startswith("R1-c")
    assert props["UA-14"]["target_share_pct"] == 84.0
    # Mykolaiv's claimed "smaller part" (central 5 %) cannot be one part touching held
    # ground (the held ground there is the Kinburn spit, across the estuary): it alone is
    # lowered, and its note gives the share drawn and the claim's range as the snapshot has it
    assert {c for c, p in props.items() if p["note"]} == {"UA-48"}
    m = props["UA-48"]
    low, central = float(claimed.loc["UA-48", "share_low"]), float(
        claimed.loc["UA-48", "share_central"])
    assert low <= m["target_share_pct"] < central
    assert m["note"] == (
        f"drawn at {m['target_share_pct']:.2f} %, the largest share of "
        f"{units.loc['UA-48', 'name_en']} that is one part touching held ground; the claim "
        f"allows {low:g}–{central:g} % and more would need a detached second part")
    f14 = next(f for f in doc["features"] if f["properties"]["code"] == "UA-14")
    unit_km2 = float(units.loc["UA-14", "geodesic_area_km2"])
    assert geodesic_area_km2(shape(f14["geometry"])) == pytest.approx(
        0.84 * unit_km2, abs=0.005 * unit_km2
    )


def test_schematic_report_end_high(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schematic", "R5", "--end", "high"]) == 0
    doc = json.loads(capsys.readouterr().out)
    props = {f["properties"]["code"]: f["properties"] for f in doc["features"]}
    # R5 states 80 % of Donetsk; Luhansk is carried from R1's 80-88 %
    assert props["UA-14"]["target_share_pct"] == 80.0
    assert props["UA-09"]["target_share_pct"] == 88.0
    # ... 326 days before R5: stale, still drawn at R1's figure, and labelled so
    assert props["UA-09"]["claim_status"] == "stale"
    assert props["UA-09"]["claim_report_id"] == "R1" and props["UA-09"]["report_id"] == "R5"
    assert all(p["share_end"] == "high" for p in props.values())


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["schematic", "R1", "--shares", "UA-14=50"], "not both"),
        (["schematic"], "expected a REPORT_ID or --shares"),
        (["schematic", "R42"], "R1, R2, R3, R4, R5"),
        (["schematic", "--shares", "UA-14=50", "--end", "low"], "--end"),
    ],
)
def test_schematic_report_bad_input(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("frontline schematic: error:") and needle in captured.err
    assert captured.out == ""


def test_measure_a_raw_multiclass_export(tmp_path: Path, units: gpd.GeoDataFrame,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Occupied, grey zone, liberated and Transnistria polygons, points and 3D positions:
    only the occupied ground is Russian-held, the grey zone is its own column."""
    from geo.synthetic import raw_export

    occupied, grey = box(37.5, 47.8, 38.3, 48.4), box(37.3, 47.8, 37.5, 48.4)
    kyiv, odesa = box(29.6, 50.3, 31.0, 51.2), box(29.0, 46.5, 29.9, 47.9)
    path = tmp_path / "1754251105.geojson"
    path.write_text(json.dumps(raw_export({"occupied": occupied, "unknown": grey,
                                           "dismissed": kyiv, "transnistria": odesa})))
    assert main(["measure", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = {r["code"]: r for r in out["units"]}
    assert out["date"] == "2025-08-03" and out["schema"].startswith("raw multi-class")
    don = units.loc["UA-14", "geometry"]
    assert rows["UA-14"]["controlled_km2"] == pytest.approx(
        geodesic_area_km2(don.intersection(occupied)), abs=0.1)
    assert rows["UA-14"]["contested_km2"] == pytest.approx(
        geodesic_area_km2(don.intersection(grey)), abs=0.1)
    assert rows["UA-32"]["controlled_km2"] == 0 and rows["UA-51"]["controlled_km2"] == 0
    assert {c["state"] for c in out["classes"]} == {"russia", "contested", "ukraine", "out"}
    assert main(["measure", str(path)]) == 0
    table = capsys.readouterr().out
    assert "contested_km2" in table and "read as raw multi-class export" in table


def test_measure_with_the_users_classes(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    a, b = box(37.0, 48.0, 37.2, 48.2), box(37.2, 48.0, 37.3, 48.2)
    path = tmp_path / "classes.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"Status": "held"}, "geometry": mapping(a)},
        {"type": "Feature", "properties": {"Status": "fighting"}, "geometry": mapping(b)}]}))
    assert main(["measure", str(path)]) == 2
    err = capsys.readouterr().err
    assert "held: 1 feature" in err and "fighting: 1 feature" in err and "--classes" in err
    assert main(["measure", str(path), "--classes", "status", "--map", "held=russia",
                 "--map", "fighting=contested", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total_controlled_km2"] == pytest.approx(geodesic_area_km2(a), abs=0.1)
    assert out["total_contested_km2"] == pytest.approx(geodesic_area_km2(b), abs=0.1)
    assert main(["measure", str(path), "--map", "held=russia"]) == 2
    assert "name the property with --classes" in capsys.readouterr().err
