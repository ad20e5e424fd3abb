"""CLI: `frontline series` and `frontline verify --history` on a small real-shaped archive."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from frontline.cli import main
from geo.synthetic import write_days


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, daily_layers: list) -> Path:  # type: ignore[type-arg]
    d = tmp_path_factory.mktemp("archive")
    write_days(d, daily_layers)
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
    # the fixture's one gap, from its own dates: the calendar days between its first and
    # last day that have no layer
    dates = [d for d, _ in daily_layers]
    gap = sorted({dates[0] + dt.timedelta(days=i) for i in range((dates[-1] - dates[0]).days)}
                 - set(dates))
    assert [d.isoformat() for d in gap] == ["2024-07-14"]
    assert (f"frontline series: {len(dates)} days from {dates[0]} to {dates[-1]}; "
            f"missing: {gap[0]} (1 day)\n") in cap.err
    assert "no day missing" not in cap.err
    assert "Donetsk" in cap.out and "week gained km²" in cap.out


def test_series_json_and_parquet(archive: Path, tmp_path: Path, daily_layers: list,  # type: ignore[type-arg]
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["series", str(archive), "--json", "-", "--units", "UA-14"]) == 0
    rows = json.loads(capsys.readouterr().out)
    # one row per day for the unit asked for, then the national total, oldest day first
    assert [(r["date"], r["code"]) for r in rows] == [
        (d.isoformat(), code) for d, _ in daily_layers for code in ("UA-14", "UA")]
    pq = tmp_path / "s.parquet"
    assert main(["series", str(archive), "--parquet", str(pq)]) == 0
    assert len(pd.read_parquet(pq)) == len(rows) // 2 * 31


def test_series_by_raion_adds_up_to_the_units(archive: Path, tmp_path: Path,
                                              daily_layers: list,  # type: ignore[type-arg]
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`--level raion`: km² per raion, the unit each lies in, summing to the unit's own
    figure on every day (the raions tile the units); the national total is the same."""
    from shapely.geometry import box

    from geo.boundaries import load_raions
    from geo.measure import measure_control

    units_csv, raions_csv = tmp_path / "u.csv", tmp_path / "r.csv"
    assert main(["series", str(archive), "--units", "UA-14", "--csv", str(units_csv)]) == 0
    assert main(["series", str(archive), "--level", "raion", "--units", "UA-14",
                 "--csv", str(raions_csv)]) == 0
    out = capsys.readouterr().out
    by_unit = pd.read_csv(units_csv)
    by_raion = pd.read_csv(raions_csv)
    raions = load_raions(unit="UA-14")
    assert set(by_raion["code"]) == {*raions.index, "UA"}
    assert set(by_raion["unit"]) == {"UA-14", "UA"}
    assert "Bakhmutskyi" in out and "Pokrovskyi" in out
    donetsk = by_unit[by_unit["code"] == "UA-14"].set_index("date")["controlled_km2"]
    summed = by_raion[by_raion["unit"] == "UA-14"].groupby("date")["controlled_km2"].sum()
    assert (summed - donetsk).abs().max() < 0.05  # km², on every day
    national = by_raion[by_raion["code"] == "UA"].set_index("date")
    assert (national["controlled_km2"] - by_unit[by_unit["code"] == "UA"].set_index(
        "date")["controlled_km2"]).abs().max() < 0.05
    # the same 603,543 km² national denominator at both levels
    assert national["share_pct"].iloc[0] == pytest.approx(
        100 * national["controlled_km2"].iloc[0] / 603_543, abs=1e-4)
    # a raion's share is of its own polygon: a box inside Bakhmutskyi, measured directly
    inner = box(37.9, 48.55, 38.0, 48.62)
    bakhmut = raions.loc["UA1402", "geometry"]
    assert bakhmut.contains(inner)
    t = measure_control(inner, raions).table
    assert t.loc["UA1402", "share_pct"] == pytest.approx(
        100 * t.loc["UA1402", "controlled_km2"] / raions.loc["UA1402", "geodesic_area_km2"])


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


def _report(rdir: Path, rid: str, date: str, precision: str = "day") -> None:
    (rdir / f"{rid}.yaml").write_text(
        f"id: {rid}\ntitle: test\noutlet: test outlet\ndate: {date}\n"
        f"date_precision: {precision}\ncontext: c\nclaims:\n  - id: {rid}-c1\n"
        "    kind: control_share\n    actor: russia\n    units: [UA-14]\n    figure: 80\n"
        "    figure_unit: percent\n    qualifier: more_than\n    paraphrase: p\n",
        encoding="utf-8")


@pytest.fixture()
def dated_reports(tmp_path: Path) -> Path:
    """T1 on a mapped day, T2 on the archive's missing day (2024-07-14: the earlier
    neighbour wins the tie), T3 dated to the month (the 15th, mapped)."""
    rdir = tmp_path / "reports"
    rdir.mkdir()
    _report(rdir, "T1", "2024-07-12")
    _report(rdir, "T2", "2024-07-14")
    _report(rdir, "T3", "2024-07", precision="month")
    return rdir


def test_a_history_stands_in_for_control_in_show_and_zones(
        archive: Path, dated_reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for rid, day in (("T1", "2024-07-12"), ("T2", "2024-07-13"), ("T3", "2024-07-15")):
        assert main(["show", rid, "--history", str(archive), "--reports-dir",
                     str(dated_reports), "--json"]) == 0, rid
        captured = capsys.readouterr()
        doc = json.loads(captured.out)
        assert doc["control"] == {"name": f"deepstatemap_data_{day.replace('-', '')}.geojson",
                                  "date": day, "date_warning": None}, rid
        (v,) = [r for r in doc["verdicts"] if r["claim_id"] == f"{rid}-c1"]
        assert v["verdict"] == "overstated" and v["basis"] == "measured", rid
        assert f"{rid} (" in captured.err and f"against the mapped day {day}" in captured.err
    assert main(["zones", "T1", "--history", str(archive), "--reports-dir", str(dated_reports),
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schematic"] is False and doc["held"]["basis"] == "measured"
    assert doc["control"] == "deepstatemap_data_20240712.geojson"


def test_compare_with_a_history_checks_each_report_against_its_own_day(
        archive: Path, dated_reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "T1", "T3", "--history", str(archive), "--reports-dir",
                 str(dated_reports), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {r: c["date"] for r, c in doc["controls"].items()} == {
        "T1": "2024-07-12", "T3": "2024-07-15"}
    assert set(doc["verdicts"]) == {"T1", "T3"}
    m1, m3 = (next(v["measured_pct"] for v in doc["verdicts"][r] if v["code"] == "UA-14")
              for r in ("T1", "T3"))
    assert m1 != m3  # two different days were measured
    assert main(["compare", "T1", "T3", "--history", str(archive), "--reports-dir",
                 str(dated_reports)]) == 0
    out = capsys.readouterr().out
    assert "against the control layer deepstatemap_data_20240712.geojson of 2024-07-12" in out
    assert "against the control layer deepstatemap_data_20240715.geojson of 2024-07-15" in out


def test_export_with_a_history_writes_the_measured_layers(
        archive: Path, dated_reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["export", "T1", "--out", str(out), "--history", str(archive),
                 "--reports-dir", str(dated_reports)]) == 0
    held = json.loads((out / "held_zones.geojson").read_text(encoding="utf-8"))
    props = [f["properties"] for f in held["features"]]
    assert {p["held_basis"] for p in props if p["code"].startswith("UA-")} == {"measured"}
    assert {p["control_layer"] for p in props} == {"deepstatemap_data_20240712.geojson"}
    assert {p["schematic"] for p in props if p["code"].startswith("UA-")} == {False}


def test_history_arguments_that_cannot_work_are_refused(
        archive: Path, dated_reports: Path, daily_file: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # a report with no mapped day near it is drawn schematically, as the app draws it,
    # and the warning says why (2024-11-23 lies outside the history)
    assert main(["show", "R1", "--history", str(archive), "--json"]) == 0
    captured = capsys.readouterr()
    err = captured.err
    assert "warning: --history: no mapped day within 7 days of R1's date (2024-11-23)" in err
    assert "the history runs 2024-07-08 to 2024-07-21, nearest 2024-07-21" in err
    assert "R1 is drawn with schematic zones" in err and "widen --within" in err
    assert "control" not in json.loads(captured.out)  # no layer: no verdicts
    # compare: A against its day, B schematic -- not a failure of the whole command
    assert main(["compare", "T1", "T2", "--history", str(archive), "--json", "--within",
                 "0", "--reports-dir", str(dated_reports)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["controls"]["T2"] is None  # 2024-07-14 is the archive's missing day
    assert doc["controls"]["T1"]["date"] == "2024-07-12" and list(doc["verdicts"]) == ["T1"]
    assert main(["show", "T1", "--history", str(archive), "--control", str(daily_file),
                 "--reports-dir", str(dated_reports)]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["zones", "T1", "--history", str(archive), "--within", "-1",
                 "--reports-dir", str(dated_reports)]) == 2
    assert "--within: expected a number of days >= 0; got -1" in capsys.readouterr().err
    # T2 (2024-07-14) has no map that day: --within 0 does not use 07-13
    assert main(["show", "T2", "--history", str(archive), "--within", "0",
                 "--reports-dir", str(dated_reports)]) == 0
    assert "no mapped day within 0 days of T2's date (2024-07-14)" in capsys.readouterr().err


def test_the_cli_window_is_the_atlas_window() -> None:
    from frontline.common import NEAR_DAYS as CLI_DAYS
    from geo.layerset import NEAR_DAYS
    from ui.data import HISTORY_WITHIN_DAYS

    assert CLI_DAYS == NEAR_DAYS == HISTORY_WITHIN_DAYS == 7


def test_series_of_raw_exports_named_by_unix_time(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Raw exports named by Unix time, one day with two snapshots: the CSV carries the
    grey zone beside held ground, and the last snapshot of the day is used."""
    import csv
    import json

    from shapely.geometry import box

    from frontline.cli import main
    from geo.areas import geodesic_area_km2
    from geo.boundaries import load_units
    from geo.synthetic import raw_export

    don = load_units().loc["UA-14", "geometry"]
    snaps = [(1754208000, 37.9), (1754251105, 37.8), (1754337600, 37.7)]  # 3, 3 and 4 Aug
    for epoch, west in snaps:
        doc = raw_export({"occupied": box(west, 47.8, 38.5, 48.4),
                          "unknown": box(west - 0.1, 47.8, west, 48.4)})
        (tmp_path / f"{epoch}.geojson").write_text(json.dumps(doc))
    out = tmp_path / "series.csv"
    assert main(["series", str(tmp_path), "--units", "UA-14", "--csv", str(out),
                 "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "1 day has several snapshots; the last of each day is used" in err
    with out.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["code"] == "UA-14"]
    assert [r["date"] for r in rows] == ["2025-08-03", "2025-08-04"]
    for row, west in zip(rows, (37.8, 37.7), strict=True):
        held = geodesic_area_km2(don.intersection(box(west, 47.8, 38.5, 48.4)))
        grey = geodesic_area_km2(don.intersection(box(west - 0.1, 47.8, west, 48.4)))
        assert float(row["controlled_km2"]) == pytest.approx(held, abs=0.01)
        assert float(row["contested_km2"]) == pytest.approx(grey, abs=0.01)
