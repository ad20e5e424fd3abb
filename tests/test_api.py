"""``import frontline as fa``: every verb gives what its command's ``--json`` gives for the
same input, as frames indexed by unit code or date, EPSG:4326, dates datetime64.

The input is generated (:mod:`geo.synthetic`): a run of daily layers around R1's date
(2024-11-23) written as an archive of daily files, one of them a broken file, and one
day's layer as a file. Each CLI run is ``frontline.cli.main`` with stdout captured.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

import frontline as fa
from frontline.cli import main
from geo.errors import FrontlineError
from geo.synthetic import SyntheticSeries, synthetic_history, write_days

CLI = Callable[..., Any]
R1_DAY = dt.date(2024, 11, 23)


@pytest.fixture(scope="module")
def days() -> list[tuple[dt.date, Any]]:
    """12 days around R1's date, with a gap."""
    return list(synthetic_history(SyntheticSeries(start=dt.date(2024, 11, 17), days=12,
                                                  gaps=1, seed=11)))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, days: list[tuple[dt.date, Any]]) -> Path:
    d = tmp_path_factory.mktemp("api-archive")
    write_days(d, days)
    (d / "deepstatemap_data_20241199.geojson").write_text("{broken")
    return d


@pytest.fixture(scope="module")
def day_file(archive: Path) -> Path:
    return archive / f"deepstatemap_data_{R1_DAY:%Y%m%d}.geojson"


@pytest.fixture(scope="module")
def history(archive: Path) -> gpd.GeoDataFrame:
    return fa.read_history(archive, cache=False)


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str]) -> CLI:
    """Run ``frontline ARGS`` and return its JSON on stdout (exit status 0 checked)."""

    def run(*args: str) -> Any:
        capsys.readouterr()
        assert main(list(args)) == 0
        return json.loads(capsys.readouterr().out)

    return run


def _close(a: object, b: object, tol: float = 1e-3, atol: float = 0.0) -> bool:
    if a is None or b is None or (isinstance(a, float) and np.isnan(a)):
        return (a is None or (isinstance(a, float) and np.isnan(a))) and (
            b is None or (isinstance(b, float) and np.isnan(b)))
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return bool(abs(float(a) - float(b)) <= atol + tol * max(1.0, abs(float(b))))
    return a == b


def _same_records(api: list[dict[str, Any]], cli: list[dict[str, Any]], keys: list[str],
                  tol: float = 1e-3, atol: float = 0.0) -> None:
    """The same rows, each key equal (numbers within ``tol`` relative, ``atol`` absolute:
    the CLI rounds some)."""
    assert len(api) == len(cli)
    for a, c in zip(api, cli, strict=True):
        bad = {k: (a.get(k), c.get(k)) for k in keys
               if not _close(a.get(k), c.get(k), tol, atol)}
        assert not bad, bad


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = json.loads(pd.DataFrame(frame).to_json(
        orient="records", force_ascii=False, double_precision=10, date_format="iso"))
    return out


# ---------------------------------------------------------------- reports
def test_reports_are_the_clis(cli: CLI) -> None:
    frame = fa.reports()
    rows = cli("reports", "--json")
    assert list(frame.index) == [r["id"] for r in rows]
    assert frame.index.name == "report_id"
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    for rid, r in zip(frame.index, rows, strict=True):
        row = frame.loc[rid]
        assert (row["date_text"], row["date_precision"], row["outlet"], row["claims"],
                row["title"], row["review"]) == (r["date"], r["date_precision"], r["outlet"],
                                                 r["claims"], r["title"], r["review"])
        assert row["date"].strftime("%Y-%m" if r["date_precision"] == "month"
                                    else "%Y-%m-%d") == r["date"]


def test_report_is_frontline_show(cli: CLI, capsys: pytest.CaptureFixture[str]) -> None:
    r1 = fa.report("R1")
    doc = cli("show", "R1", "--json")
    assert (r1.id, r1.title, r1.outlet, r1.date_text, r1.review) == (
        doc["report"]["id"], doc["report"]["title"], doc["report"]["outlet"],
        doc["report"]["date"], doc["report"]["review"])
    assert r1.date == pd.Timestamp("2024-11-23")
    claims = r1.claims
    assert claims.index.name == "code" and claims.crs.to_epsg() == 4326
    back = claims.rename(columns={"share_low_pct": "share_low", "share_high_pct": "share_high",
                                  "share_central_pct": "share_central"})
    api_rows = _records(back.drop(columns="geometry").reset_index())
    _same_records(api_rows, doc["units"], list(doc["units"][0]), tol=1e-6)
    assert r1.findings.to_dict("records") == doc["findings"]
    # printed, the report is the line `frontline show` starts with
    main(["show", "R1"])
    assert capsys.readouterr().out.splitlines()[0] == str(r1)


def test_an_unknown_report_is_the_clis_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(FrontlineError) as err:
        fa.report("R99")
    assert main(["show", "R99"]) == 2
    assert str(err.value) in capsys.readouterr().err


# ---------------------------------------------------------------- control layers, measure
def test_read_control_is_a_frame_by_side(day_file: Path, cli: CLI) -> None:
    layer = fa.read_control(day_file)
    assert list(layer.index) == ["russia"] and layer.index.name == "side"
    assert layer.crs.to_epsg() == 4326
    assert layer["date"].iloc[0] == pd.Timestamp(R1_DAY)
    doc = cli("measure", str(day_file), "--json")
    assert layer.attrs["classes"] == doc["classes"]
    assert layer.attrs["schema"] == doc["schema"] and layer.attrs["notes"] == doc["notes"]
    assert abs(layer["area_km2"].iloc[0] - doc["classes"][0]["km2_total"]) < 0.1


@pytest.mark.parametrize("given", ["frame", "path", "read_file"])
def test_measure_is_frontline_measure(given: str, day_file: Path, cli: CLI) -> None:
    """The same numbers from read_control's frame, the path, or the file as any
    GeoDataFrame (geopandas' own reader)."""
    source: Any = {"frame": lambda: fa.read_control(day_file), "path": lambda: day_file,
                   "read_file": lambda: gpd.read_file(day_file)}[given]()
    frame = fa.measure(source)
    doc = cli("measure", str(day_file), "--json")
    assert frame.index.name == "code" and frame.crs.to_epsg() == 4326
    assert {"controlled_km2", "share_pct", "area_km2"} <= set(frame.columns)
    api_rows = _records(frame.drop(columns="geometry").reset_index())
    # the CLI rounds km² to 0.1 and percent to 0.001
    _same_records(api_rows, doc["units"], list(doc["units"][0]), tol=1e-9, atol=0.05001)
    for key in ("total_controlled_km2", "total_area_km2", "total_share_pct",
                "total_contested_km2", "outside_units_km2", "side"):
        assert frame.attrs[key] == doc[key], key
    # a frame read by geopandas has lost the file's name, which dates the layer
    assert frame.attrs["date"] == (doc["date"] if given != "read_file" else None)


def test_a_geodataframe_goes_wherever_a_layer_does(day_file: Path) -> None:
    """The facade takes a frame of held ground (was "truth value is ambiguous")."""
    from geo.control import load_control
    from geo.layerset import Atlas
    from geo.reports import load_reports

    atlas = Atlas(load_reports())
    by_layer = atlas.layerset("R1", control=load_control(day_file))
    by_frame = atlas.layerset("R1", control=fa.read_control(day_file))
    by_file = atlas.layerset("R1", control=gpd.read_file(day_file))
    assert not by_frame.schematic and by_frame.control is not None
    for ls in (by_frame, by_file):
        pd.testing.assert_series_equal(ls.verdicts["verdict"], by_layer.verdicts["verdict"])
        np.testing.assert_allclose(ls.verdicts["measured_km2"].astype(float),
                                   by_layer.verdicts["measured_km2"].astype(float), rtol=1e-9)


def test_measure_refuses_a_side_it_does_not_know(day_file: Path) -> None:
    with pytest.raises(FrontlineError, match="side"):
        fa.measure(day_file, side="nato")


# ---------------------------------------------------------------- verify
def _verdicts_match(v: fa.Verdicts, doc: dict[str, Any]) -> None:
    api_rows = _records(v.table.drop(columns="geometry"))
    for row in api_rows:
        if row.get("snapshot_date"):
            row["snapshot_date"] = row["snapshot_date"][:10]
    keys = ["report_id", "claim_id", "code", "verdict", "measured_pct", "measured_km2",
            "off_by_points", "tolerance_pct", "reading", "sentence", "snapshot_date",
            "days_apart", "report_date"]
    _same_records(api_rows, doc["verdicts"],
                  [k for k in keys if k in doc["verdicts"][0]], tol=1e-6)
    assert v.summary == doc["summary"]
    assert v.stale.to_dict("records") == doc["stale_claims"]


def test_verify_against_a_layer_is_the_clis(day_file: Path, cli: CLI,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    layer = fa.read_control(day_file)
    v = fa.verify("R1", layer)
    doc = cli("verify", "R1", "--control", str(day_file), "--json")
    _verdicts_match(v, doc)
    assert v.table.index.name == "verdict_id" and v.table.crs.to_epsg() == 4326
    assert v.warning == doc["control"]["date_warning"] is None
    # printed, each verdict is the CLI's line
    main(["verify", "R1", "--control", str(day_file)])
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("  [")]
    assert lines == [f"  {x}" for x in v] and all(ln in str(v) for ln in lines)
    assert str(v[0]) == lines[0].strip() and v[v[0].verdict_id] == v[0]
    assert "overstated" in {x.verdict for x in v}
    # own claims only, as --own
    _verdicts_match(fa.verify("R1", layer, own=True),
                    cli("verify", "R1", "--control", str(day_file), "--own", "--json"))


def test_verify_a_report_far_from_the_layer_warns_as_the_cli(day_file: Path,
                                                             cli: CLI) -> None:
    v = fa.verify(fa.report("R5"), day_file)
    doc = cli("verify", "R5", "--control", str(day_file), "--json")
    _verdicts_match(v, doc)
    assert v.warning == doc["control"]["date_warning"] and v.warning
    assert "stale, not checked" in str(v)


def test_verify_against_a_history_is_the_clis(archive: Path, history: gpd.GeoDataFrame,
                                              cli: CLI) -> None:
    v = fa.verify("R1", history)
    doc = cli("verify", "R1", "--history", str(archive), "--json", "--no-cache")
    _verdicts_match(v, doc)
    assert pd.api.types.is_datetime64_any_dtype(v.table["snapshot_date"])
    every = fa.verify(None, history)
    _verdicts_match(every, cli("verify", "--all", "--history", str(archive), "--json"))
    assert {"R1", "R5"} <= set(every.table["report_id"]) <= set(fa.reports().index)


def test_verify_without_a_history_needs_a_report(day_file: Path) -> None:
    with pytest.raises(FrontlineError, match="history"):
        fa.verify(None, day_file)
    with pytest.raises(FrontlineError, match="within_days"):
        fa.verify("R1", day_file, within_days=-1)


# ---------------------------------------------------------------- histories, series
def test_read_history_is_one_row_a_day(history: gpd.GeoDataFrame,
                                       days: list[tuple[dt.date, Any]]) -> None:
    assert isinstance(history.index, pd.DatetimeIndex) and history.index.name == "date"
    assert [d.date() for d in history.index] == [d for d, _ in days]
    assert history.crs.to_epsg() == 4326
    assert history.geometry.iloc[0].equals(days[0][1])
    assert any("deepstatemap_data_20241199.geojson" in p for p in history.attrs["problems"])
    assert history.attrs["missing"]  # the gap, in words


def test_a_slice_or_an_edited_history_stands_for_those_days(history: gpd.GeoDataFrame,
                                                           cli: CLI, archive: Path) -> None:
    """A slice keeps its days as read; rows whose geometry was replaced are read as that
    ground (here the same ground, so the same verdicts)."""
    whole = fa.verify("R1", history)
    week = history.loc["2024-11-20":"2024-11-26"]
    assert len(week) < len(history)
    edited = history.copy()
    edited["geometry"] = [g.buffer(0) for g in edited.geometry]
    for frame in (week, edited):
        v = fa.verify("R1", frame)
        assert list(v.table["verdict"]) == list(whole.table["verdict"])
        np.testing.assert_allclose(v.table["measured_km2"], whole.table["measured_km2"],
                                   rtol=1e-6)
    far = history.loc[:"2024-11-15"]
    with pytest.raises(FrontlineError):
        fa.verify("R1", far)  # no day at all: an empty history


def test_series_is_frontline_series(history: gpd.GeoDataFrame, archive: Path,
                                    cli: CLI) -> None:
    s = fa.series(history, units=["UA-14", "UA-23"])
    rows = cli("series", str(archive), "--json", "-", "--units", "UA-14,UA-23")
    assert isinstance(s.index, pd.DatetimeIndex) and s.index.name == "date"
    api_rows = _records(s.reset_index())
    for r in api_rows:
        r["date"] = r["date"][:10]
    _same_records(api_rows, rows, list(rows[0]), tol=1e-3)
    # datetime64 dates: resampling and one column a unit work as in any time series
    weekly = s[s["code"] == "UA-14"]["share_pct"].resample("W").last()
    assert len(weekly) >= 2
    wide = s.pivot(columns="code", values="share_pct")
    assert list(wide.columns) == ["UA", "UA-14", "UA-23"]


def test_series_by_raion_and_from_paths(history: gpd.GeoDataFrame, archive: Path,
                                        cli: CLI) -> None:
    s = fa.series(archive, units=["UA-23"], level="raion")
    rows = cli("series", str(archive), "--json", "-", "--units", "UA-23", "--level", "raion")
    api_rows = _records(s.reset_index())
    for r in api_rows:
        r["date"] = r["date"][:10]
    _same_records(api_rows, rows, list(rows[0]), tol=1e-3)
    with pytest.raises(FrontlineError, match="level"):
        fa.series(history, level="oblast")


# ---------------------------------------------------------------- change, pace
def _days_of(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows with their datetime64 columns as the CLI writes dates (``YYYY-MM-DD``)."""
    for r in rows:
        for k in keys:
            if isinstance(r.get(k), str):
                r[k] = r[k][:10]
    return rows


def _change_matches(c: fa.Change, doc: dict[str, Any]) -> None:
    assert (c.before.date().isoformat(), c.after.date().isoformat(),
            c.asked_before.date().isoformat(), c.asked_after.date().isoformat(),
            c.before_source, c.after_source, c.days, c.maps_contested, list(c.notes)) == (
        doc["before"], doc["after"], doc["asked_before"], doc["asked_after"],
        doc["before_source"], doc["after_source"], doc["days"], doc["maps_contested"],
        doc["notes"])
    # the CLI rounds km² to 0.001
    _same_records(_records(c.totals.reset_index()), doc["totals"], list(doc["totals"][0]),
                  tol=1e-9, atol=0.0005001)
    trans = _days_of(_records(c.frame.drop(columns="geometry").reset_index()),
                     ("from_day", "to_day"))
    assert doc["transitions"]
    _same_records(trans, doc["transitions"], list(doc["transitions"][0]), tol=1e-9,
                  atol=0.0005001)
    assert _records(c.cities.drop(columns="geometry").reset_index()) == doc["cities"]


def test_change_is_frontline_change(history: gpd.GeoDataFrame, archive: Path, cli: CLI,
                                    tmp_path: Path) -> None:
    c = fa.change(history, "2024-11-17", "2024-11-28")
    doc = cli("change", "--history", str(archive), "--from", "2024-11-17", "--to",
              "2024-11-28", "--json", "--no-cache")
    _change_matches(c, doc)
    assert c.frame.index.name == "code" and c.frame.crs.to_epsg() == 4326
    assert pd.api.types.is_datetime64_any_dtype(c.frame["to_day"])
    assert c.totals.index[-1] == "UA" and "UA-14" in set(c.frame.index)
    gained = c.frame[c.frame["russia"] == "gained"]
    assert gained["area_km2"].sum() == pytest.approx(c.totals.loc["UA", "russia_gained_km2"])
    # printed: Ukraine's sentence first, then each unit where ground moved
    assert str(c).splitlines()[0] == c.sentence() and c.sentence("UA-14") in str(c)
    # written, every polygon carries the two days' files
    out = json.loads(fa.write_geojson(c.frame, tmp_path / "change.geojson").read_text())
    assert len(out["features"]) == len(c.frame)
    assert out["features"][0]["properties"]["after_file"] == c.after_source


def test_change_of_some_units_from_paths_names_the_days_used(archive: Path,
                                                            cli: CLI) -> None:
    """2024-11-22 is not mapped: the day before it is used, and said so."""
    c = fa.change(archive, "2024-11-22", "2024-11-28", units=["Donetsk", "UA-23"])
    doc = cli("change", "--history", str(archive), "--from", "2024-11-22", "--to",
              "2024-11-28", "--units", "Donetsk", "UA-23", "--json")
    _change_matches(c, doc)
    assert list(c.totals.index) == ["UA-14", "UA-23", "UA"]
    assert c.before == pd.Timestamp("2024-11-21") and "2024-11-22" in c.notes[0]


def test_change_names_the_cities_that_changed_hands(days: list[tuple[dt.date, Any]],
                                                    tmp_path: Path, cli: CLI) -> None:
    """A day that takes the largest free city of Donetsk oblast (a box around it)."""
    import shapely

    from geo.cities import load_cities

    (d0, g0), (d1, g1) = days[0], days[1]
    towns = load_cities()
    towns = towns[(towns["code"] == "UA-14") & ~towns["is_section"].astype(bool)]
    free = [(n, p) for n, p in zip(towns["name"], towns["point_in_unit"], strict=True)
            if not g1.contains(p)]
    assert free
    name, point = max(free, key=lambda f: int(towns.loc[towns["name"] == f[0],
                                                        "population"].iloc[0]))
    taken = shapely.union(g1, point.buffer(0.03))
    folder = tmp_path / "taken"
    write_days(folder, [(d0, g0), (d1, taken)])
    c = fa.change(fa.read_history(folder, cache=False), d0, d1, units="Donetsk")
    doc = cli("change", "--history", str(folder), "--from", d0.isoformat(), "--to",
              d1.isoformat(), "--units", "Donetsk", "--json")
    _change_matches(c, doc)
    assert name in set(c.cities["name"]) and c.cities.crs.to_epsg() == 4326
    assert c.cities.index.name == "geonameid"
    row = c.cities[c.cities["name"] == name].iloc[0]
    assert (row["from_state"], row["to_state"]) == ("ukraine", "russia")
    assert row.geometry.equals(point)
    assert f"{name} (ukraine -> russia)" in c.sentence("UA-14")


def test_change_errors_are_the_clis(history: gpd.GeoDataFrame, archive: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(FrontlineError) as err:
        fa.change(history, "2024-06-01", "2024-11-20")
    assert main(["change", "--history", str(archive), "--from", "2024-06-01", "--to",
                 "2024-11-20", "--json"]) == 2
    assert str(err.value) in capsys.readouterr().err
    for bad in ({"start": "2024-11-28", "end": "2024-11-17"},
                {"start": "2024-11-17", "end": "2024-11-28", "within_days": -1},
                {"start": "2024-11-17", "end": "2024-11-28", "units": ["Narnia"]},
                {"start": "2024-11-17", "end": "late November"}):
        with pytest.raises(FrontlineError):
            fa.change(history, **bad)


_RATE_DATES = ("start", "end", "e2e_from_day", "e2e_to_day", "date", "date_early",
               "date_late")
_PERIOD_DATES = ("start", "end", "from_day", "to_day")


@pytest.mark.parametrize("flow", ["gross", "end-to-end"])
def test_pace_is_frontline_pace(flow: str, history: gpd.GeoDataFrame, archive: Path,
                                cli: CLI, capsys: pytest.CaptureFixture[str]) -> None:
    p = fa.pace(history, ["Donetsk", "UA"], window=7, flow=flow, to="90%")
    args = ["pace", "Donetsk", "UA", "--history", str(archive), "--window", "7", "--flow",
            flow, "--to", "90", "--no-cache"]
    doc = cli(*args, "--json", "-")
    assert (p.window, p.end.date().isoformat(), p.flow, p.to_pct, p.first.date().isoformat(),
            p.last.date().isoformat(), list(p.notes)) == (
        doc["window_days"], doc["end"], doc["flow"], doc["to_pct"], doc["first_day"],
        doc["last_day"], doc["notes"])
    # the CLI writes 4 decimals
    tol = {"tol": 1e-9, "atol": 0.00005001}
    assert list(p.rates.index) == ["UA-14", "UA"] and p.rates.index.name == "code"
    _same_records(_days_of(_records(p.rates.reset_index()), _RATE_DATES), doc["rates"],
                  list(doc["rates"][0]), **tol)
    for got, key in ((p.weeks, "weeks"), (p.months, "months")):
        assert isinstance(got.index, pd.DatetimeIndex) and got.index.name == "start"
        _same_records(_days_of(_records(got.reset_index()), _PERIOD_DATES), doc[key],
                      list(doc[key][0]), **tol)
    _same_records(_days_of(_records(p.revisions.reset_index()), ("date",)),
                  doc["revisions"], list(doc["revisions"][0]) if doc["revisions"] else [],
                  **tol)
    assert p.rates["e2e_gained_km2"].notna().all()
    assert pd.api.types.is_datetime64_any_dtype(p.rates["date"])
    # printed: the projection sentences `frontline pace` prints
    main(args)
    printed = capsys.readouterr().out.split("Where the pace leads")[1].split("\n\n")[0]
    lines = [ln for ln in printed.splitlines() if ln.startswith("  ")]
    assert len(lines) == 2
    assert lines == [ln for ln in str(p).splitlines() if ln.startswith("  ")]
    assert str(p.rates.loc["UA-14", "projection"]) in p.sentence("UA-14")
    # weekly pace, one column a unit
    wide = p.weeks.pivot(columns="code", values="net_km2")
    assert list(wide.columns) == ["UA", "UA-14"] and len(wide) == 2


def test_pace_from_paths_is_the_same(history: gpd.GeoDataFrame, archive: Path) -> None:
    a = fa.pace(history, "UA-14", window=7, end="2024-11-26")
    b = fa.pace(archive, ["Donetsk"], window=7, end=dt.date(2024, 11, 26))
    pd.testing.assert_frame_equal(a.rates, b.rates)
    pd.testing.assert_frame_equal(a.weeks, b.weeks)
    assert a.end == pd.Timestamp("2024-11-26")


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"units": "Narnia"}, "Narnia"), ({"units": []}, "units"),
    ({"units": "UA", "window": 5}, "window"), ({"units": "UA", "end": "2030-01-01"}, "end"),
    ({"units": "UA", "to": 150}, "to"), ({"units": "UA", "flow": "net"}, "flow"),
])
def test_pace_refuses_what_cannot_work(kwargs: dict[str, Any], match: str,
                                       history: gpd.GeoDataFrame) -> None:
    with pytest.raises(FrontlineError, match=match):
        fa.pace(history, **kwargs)


# ---------------------------------------------------------------- zones
def test_zones_are_frontline_zones(cli: CLI, tmp_path: Path) -> None:
    from geo.zones import zone_records

    z = fa.zones("R5", dmz_width_km=30)
    doc = cli("zones", "R5", "--dmz-width", "30", "--json", "--out",
              str(tmp_path / "cli.geojson"))
    assert zone_records(z) == doc["zones"]
    assert z.index.name == "zone_id" and z.crs.to_epsg() == 4326
    assert z.attrs["held_basis"] == doc["held"]["basis"]
    # written, the zones are the file `frontline zones --out` writes, byte for byte
    out = fa.write_geojson(z, tmp_path / "api.geojson")
    assert out.read_bytes() == (tmp_path / "cli.geojson").read_bytes()


def test_zones_cut_from_a_history_are_the_clis(history: gpd.GeoDataFrame, archive: Path,
                                               cli: CLI) -> None:
    from geo.zones import zone_records

    z = fa.zones("R1", control=history)
    doc = cli("zones", "R1", "--history", str(archive), "--json")
    assert zone_records(z) == doc["zones"]
    assert not doc["schematic"] and z.attrs["held_source"] == doc["held"]["source"]
    with pytest.raises(FrontlineError):
        fa.zones("R1", dmz_width_km=-5)


# ---------------------------------------------------------------- articles
ARTICLE = ("KYIV, Nov 22, 2024 (Agency) — Russia controls more than 80% of the Donetsk region, "
           "officials said. The Kremlin demands that Ukraine withdraw from the 20% of the "
           "Donetsk region it still holds, and Russia holds about 70% of Zaporizhzhia.\n")


def test_extract_is_frontline_extract(tmp_path: Path, cli: CLI) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    frame = fa.extract(ARTICLE)
    doc = cli("extract", str(path), "--json")
    assert _records(frame) == doc["claims"]
    assert _records(fa.extract(path)) == doc["claims"]
    assert len(frame) >= 2 and frame.index.name == "claim"


def test_ingest_is_frontline_ingest(tmp_path: Path, archive: Path,
                                    history: gpd.GeoDataFrame, cli: CLI) -> None:
    folder = tmp_path / "articles" / "agency"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text("No dateline here. Russia holds about 18% of Ukraine.\n",
                                  encoding="utf-8")
    out = tmp_path / "ledger.json"
    assert main(["ingest", str(folder.parent), "--history", str(archive), "--json",
                 str(out)]) == 0
    doc = json.loads(out.read_text())
    led = fa.ingest(folder.parent, control=history)
    _same_records(_records(led.table), doc["ledger"], list(doc["ledger"][0]), tol=1e-4)
    _same_records(_records(led.outlets.reset_index()), doc["outlets"],
                  list(doc["outlets"][0]), tol=1e-4)
    assert any("b.txt" in p for p in led.problems) and len(led.drafts) == 1
    assert "overstated" in set(led.table["verdict"])


# ---------------------------------------------------------------- the package
def test_every_name_is_exported_and_documented() -> None:
    from frontline import api

    assert fa.__all__ == api.__all__
    for name in fa.__all__:
        assert getattr(fa, name) is getattr(api, name)
    assert "reports" in dir(fa)
    with pytest.raises(AttributeError):
        fa.no_such_verb  # noqa: B018
    assert isinstance(fa.__version__, str)


def test_importing_frontline_loads_no_geometry_stack() -> None:
    """``frontline --help`` imports the package: it must stay cheap."""
    code = ("import sys, frontline, frontline.cli; "
            "print(sorted(m for m in ('pandas', 'geopandas', 'shapely', 'numpy', "
            "'frontline.api', 'geo.layerset') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    assert out.strip() == "[]"
