"""CLI: `frontline series` and `frontline verify --history` on a small real-shaped archive."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from frontline.cli import main
from geo.synthetic import feature_collection


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, daily_layers: list) -> Path:  # type: ignore[type-arg]
    d = tmp_path_factory.mktemp("archive")
    for date, layer in daily_layers:
        stem = f"deepstatemap_data_{date:%Y%m%d}"
        (d / f"{stem}.geojson").write_text(json.dumps(feature_collection(layer, name=stem)))
    (d / "deepstatemap_data_20240999.geojson").write_text("{broken")
    return d


def test_series_csv_and_summary(archive: Path, tmp_path: Path, daily_layers: list,  # type: ignore[type-arg]
                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.csv"
    assert main(["series", str(archive), "--units", "UA-14,UA-23", "--csv", str(out),
                 "--no-cache"]) == 0
    cap = capsys.readouterr()
    rows = pd.read_csv(out)
    assert set(rows["code"]) == {"UA-14", "UA-23", "UA"}
    assert len(rows) == 3 * len(daily_layers)
    assert list(rows.columns[:6]) == ["date", "code", "name", "side", "controlled_km2",
                                      "share_pct"]
    assert "deepstatemap_data_20240999.geojson" in cap.err and "not JSON" in cap.err
    assert "missing:" in cap.err or "no day missing" in cap.err
    assert "Donetsk" in cap.out and "week gained km²" in cap.out


def test_series_json_and_parquet(archive: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["series", str(archive), "--json", "-", "--units", "UA-14"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["date"] == "2024-07-08" and rows[0]["code"] in ("UA-14", "UA")
    pq = tmp_path / "s.parquet"
    assert main(["series", str(archive), "--parquet", str(pq)]) == 0
    assert len(pd.read_parquet(pq)) == len(rows) // 2 * 31


def test_series_bad_arguments(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["series", str(archive), "--units", "UA-99"]) == 2
    assert "UA-99" in capsys.readouterr().err
    assert main(["series", str(archive), "--scheduler", "tcp://x:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err
    assert main(["series", "/nonexistent/folder"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_verify_against_a_history(archive: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    # A report dated within the synthetic archive (2024-07-08 ...): more than 80 % of
    # Donetsk, which the maps put near 67 %.
    rdir = tmp_path / "reports"
    rdir.mkdir()
    (rdir / "T1.yaml").write_text(
        "id: T1\ntitle: test\noutlet: test outlet\ndate: 2024-07-12\ndate_precision: day\n"
        "context: c\nclaims:\n  - id: T1-c1\n    kind: control_share\n    actor: russia\n"
        "    units: [UA-14]\n    figure: 80\n    figure_unit: percent\n"
        "    qualifier: more_than\n    paraphrase: p\n", encoding="utf-8")
    assert main(["verify", "--all", "--history", str(archive), "--reports-dir", str(rdir),
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (v,) = doc["verdicts"]
    assert v["snapshot_date"] == "2024-07-12" and v["verdict"] == "overstated"
    assert v["off_by_points"] == pytest.approx(80 - v["measured_pct"], abs=1e-6)
    assert v["off_by_points"] > 10
    assert main(["verify", "T1", "--history", str(archive), "--within", "0",
                 "--reports-dir", str(rdir)]) == 0
    assert "overstated" in capsys.readouterr().out
    assert main(["verify", "R1", "--history", str(archive)]) == 0  # 2024-11-23: no snapshot
    out = capsys.readouterr().out
    assert "not checkable: no mapped snapshot within 7 days of 2024-11-23" in out
    assert "no map near" in out
    assert main(["verify", "--all", "--control", str(archive / "x.geojson")]) == 2
    assert "--all checks every report against a history" in capsys.readouterr().err
