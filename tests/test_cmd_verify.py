"""CLI: `frontline verify` on layers whose truth is known, and dated files refused."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box, mapping

from frontline.cli import main
from geo.areas import geometry_area_km2


def _write(path: Path, geom: object, **props: object) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": mapping(geom)}]}))
    return path


def test_verify_json_gives_each_claim_a_verdict(tmp_path: Path, units: gpd.GeoDataFrame,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    don = units.loc["UA-14", "geometry"]
    minx, miny, maxx, maxy = don.bounds
    east = don.intersection(box((minx + maxx) / 2, miny - 1, maxx + 1, maxy + 1))
    path = _write(tmp_path / "east.geojson", east)
    assert main(["verify", "R1", "--control", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    by = {(v["claim_id"], v["code"]): v for v in doc["verdicts"]}
    share = 100 * geometry_area_km2(east) / geometry_area_km2(don)
    d = by[("R1-c4", "UA-14")]
    assert d["measured_pct"] == pytest.approx(share, abs=0.01)
    assert d["verdict"] == "overstated" and d["off_by_points"] == pytest.approx(80 - share,
                                                                                abs=0.01)
    assert "overstated by at least" in d["sentence"]
    assert by[("R1-c9", "RU-KRS")]["verdict"] == "not checkable"
    assert doc["summary"]["not checkable"] == 1 and doc["control"]["name"] == "east.geojson"


def test_verify_table_on_a_real_shaped_daily_layer(daily_file: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "R5", "--control", str(daily_file)]) == 0
    out = capsys.readouterr().out
    assert "R5 (2025-10" in out and daily_file.name in out
    assert "boundary tolerance" in out  # the layer's own coastline
    # R1's claims, 326 days older than R5, are stale: named, not checked
    assert "stale, not checked: R1-c3 (Sevastopol, Crimea), from R1 (2024-11-23), " \
        "11 months before R5" in out
    assert "R1-c5" not in out.split("stale, not checked")[0]
    assert "checks)" in out.splitlines()[-1]
    assert main(["verify", "R1", "--control", str(daily_file)]) == 0
    out = capsys.readouterr().out  # at its own date R1 checks Sevastopol on the coast
    assert "R1-c3" in out and "consistent within the boundary tolerance" in out


def test_measure_and_verify_refuse_a_history_in_one_file(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    feats = [{"type": "Feature", "properties": {"date": f"2024-08-{d:02d}"},
              "geometry": mapping(box(37.0, 48.0, 37.2 + 0.01 * d, 48.2))} for d in range(1, 31)]
    path = tmp_path / "days.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    assert main(["measure", str(path)]) == 2
    err = capsys.readouterr().err
    assert "30 different dates" in err and "--date 2024-08-30" in err
    assert main(["verify", "R1", "--control", str(path)]) == 2
    assert "frontline series" in capsys.readouterr().err
    assert main(["measure", str(path), "--date", "2024-08-03", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["date"] == "2024-08-03"
    one = geometry_area_km2(box(37.0, 48.0, 37.23, 48.2))
    assert doc["total_controlled_km2"] == pytest.approx(one, rel=1e-3)
    with pytest.raises(SystemExit) as exc:  # argparse: exit status 2 and usage
        main(["measure", str(path), "--date", "03-08-2024"])
    assert exc.value.code == 2
    assert "expected a date YYYY-MM-DD" in capsys.readouterr().err


def test_show_and_compare_take_a_control_layer(daily_file: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "R1", "--control", str(daily_file)]) == 0
    out = capsys.readouterr().out
    assert "measured" in out and "verdict" in out and "Claims against the control layer" in out
    assert main(["compare", "R1", "R5", "--control", str(daily_file), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc["verdicts"]) == {"R1", "R5"} and doc["control"] == daily_file.name
    assert main(["zones", "R5", "--control", str(daily_file), "--json"]) == 0
    zones = json.loads(capsys.readouterr().out)
    assert zones["schematic"] is False and zones["held"]["basis"] == "measured"
    assert any("boundary mismatch" in n for n in zones["held"]["notes"])


def test_a_layer_of_another_time_is_flagged_with_each_report(
        daily_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the daily file maps 2024-07-21: 125 days before R1 (2024-11-23), 451 days before
    # R5's October 2025 (its 15th)
    assert main(["verify", "R1", "--control", str(daily_file), "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert "maps 2024-07-21, 125 days before R1's date (2024-11-23)" in \
        doc["control"]["date_warning"]
    assert "warning: " + doc["control"]["date_warning"] in captured.err
    assert main(["compare", "R1", "R5", "--control", str(daily_file)]) == 0
    err = capsys.readouterr().err
    assert "125 days before R1's date" in err and "451 days before R5's date" in err
    # a layer of the report's own date: no warning
    near = tmp_path / "deepstatemap_data_20241123.geojson"
    near.write_bytes(daily_file.read_bytes())
    assert main(["show", "R1", "--control", str(near), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["control"]["date_warning"] is None
    assert "warning" not in captured.err
