"""One rule dates every layer (geo.control.read_dates), in measure, series and the app:
the features' own dates win over the file name's (a disagreement is noted), a file of
several feature dates is several days (measure needs --date), times within a day are
that day, an undated feature among dated ones or a date outside 2014 .. a year ahead is
an error naming the file, and a failed series run writes no file."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box, mapping

from frontline.cli import main
from geo.control import date_problem, last_day, load_control, parse_date, read_dates
from geo.errors import ControlLayerError, DatedLayerError
from geo.history import read_history

A, B, C = box(37.0, 48.0, 37.2, 48.2), box(37.3, 48.0, 37.5, 48.2), box(37.6, 48.0, 37.8, 48.2)


def _fc(*feats: tuple[object, dict]) -> str:  # type: ignore[type-arg]
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": p, "geometry": mapping(g)} for g, p in feats]})


def _cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(argv))
    return code, err.getvalue()


def test_a_file_named_for_one_day_with_three_feature_dates_is_three_days(
        tmp_path: Path) -> None:
    path = tmp_path / "layer_20240701.geojson"
    path.write_text(_fc((A, {"date": "2024-07-01"}), (B, {"date": "2024-07-02"}),
                        (C, {"date": "2024-07-03"})))
    h = read_history(path, cache=False)  # it was one day, 2024-07-01, of all three boxes
    assert [d.date.isoformat() for d in h.days] == ["2024-07-01", "2024-07-02", "2024-07-03"]
    assert [d.source for d in h.days][0] == "layer_20240701.geojson#2024-07-01"
    assert h.notes == ("1 file is dated otherwise by its features than by its name; the "
                       "features' dates are used (layer_20240701.geojson: its name dates it "
                       "2024-07-01, its features carry 3 dates, 2024-07-01, 2024-07-02, "
                       "2024-07-03 (property 'date'): the features' dates are used)",)
    with pytest.raises(DatedLayerError, match="carry 3 different dates") as err:
        load_control(path)  # measure: one day is picked with --date
    assert err.value.dates[-1].isoformat() == "2024-07-03"
    one = load_control(path, date=parse_date("2024-07-02"))
    assert one.sides["russia"].equals(B.union(B))


def test_name_and_feature_dates_disagreeing_give_the_same_day_everywhere(
        tmp_path: Path) -> None:
    path = tmp_path / "layer_20240701.geojson"
    path.write_text(_fc((A, {"date": "2024-07-03T10:00:00Z"})))
    layer = load_control(path)
    (day,) = read_history(path, cache=False).days
    assert layer.date == day.date == parse_date("2024-07-03")  # measure chose the feature,
    # series the name (2024-07-01): the feature wins in both, and both say so
    assert ("its name dates it 2024-07-01, its features 2024-07-03 (property 'date'): the "
            "features' dates are used." in layer.notes)
    assert day.date_note.startswith("its name dates it 2024-07-01, its features 2024-07-03")
    code, err = _cli("series", str(path), "--json", str(tmp_path / "out.json"))
    assert code == 0 and "the features' dates are used" in err
    rows = json.loads((tmp_path / "out.json").read_text())
    assert {r["date"] for r in rows} == {"2024-07-03"}


def test_rows_of_one_day_at_different_times_are_that_day(tmp_path: Path) -> None:
    kyiv = pd.to_datetime(["2024-07-01 00:30", "2024-07-01 23:00"]).tz_localize("Europe/Kyiv")
    for name, col, key in (("kyiv", kyiv, "date"),
                           ("text", [t.isoformat() for t in kyiv], "timestamp"),
                           ("naive", pd.to_datetime(["2024-07-01 08:00", "2024-07-01 20:00"]),
                            "datetime")):
        path = tmp_path / f"{name}.parquet"
        gpd.GeoDataFrame({key: col}, geometry=[A, B], crs=4326).to_parquet(path)
        (day,) = read_history(path, cache=False).days  # one day, both rows' ground
        assert day.date.isoformat() == "2024-07-01", name
        assert abs(day.geometry.area - A.area - B.area) < 1e-12, name
        assert load_control(path).date == day.date
    # a GeoParquet's 'timestamp' column dates its rows (it was dropped as KML styling)
    assert read_dates([{"timestamp": "2024-07-01T08:00"}], None).days
    # milliseconds since 1970: the UTC day; far beyond year 9999: not a date, no crash
    assert parse_date(1_719_792_000_000).isoformat() == "2024-07-01"  # type: ignore[union-attr]
    assert parse_date(1e20) is None


def test_an_undated_row_among_dated_ones_is_an_error_with_its_count(tmp_path: Path) -> None:
    path = tmp_path / "days.parquet"
    gpd.GeoDataFrame({"date": ["2024-07-01", None, "2024-07-01", None]},
                     geometry=[A, B, C, box(38, 48, 38.1, 48.1)], crs=4326).to_parquet(path)
    h = read_history(path, cache=False)  # it was one day of half the ground, without a word
    assert not h.days
    (problem,) = h.problems
    assert problem.field == "features[1], features[3]"
    assert problem.message.startswith("2 of 4 features with ground have no date while the "
                                      "others carry one (property 'date')")
    with pytest.raises(ControlLayerError, match="2 of 4 features with ground have no date"):
        load_control(path)
    # points need no date: they hold no ground
    path = tmp_path / "with_a_point.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"date": "2024-07-01"}, "geometry": mapping(A)},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point",
                                                           "coordinates": [37.1, 48.1]}}]}))
    assert load_control(path).date == parse_date("2024-07-01")
    assert [d.date for d in read_history(path, cache=False).days] == [parse_date("2024-07-01")]


def test_dates_outside_2014_to_a_year_ahead_are_refused_where_they_enter(
        tmp_path: Path) -> None:
    assert date_problem(parse_date("2014-01-01"), "x") is None  # type: ignore[arg-type]
    assert date_problem(last_day(), "x") is None
    year1 = tmp_path / "year1.geojson"
    year1.write_text(_fc((A, {"date": "0001-01-01"})))
    with pytest.raises(ControlLayerError, match="features.0.: property 'date' dates it "
                       "0001-01-01, outside the days a layer can show .2014-01-01 to "):
        load_control(year1)
    (tmp_path / "h").mkdir()
    (tmp_path / "h" / "layer_00010101.geojson").write_text(_fc((A, {})))
    (tmp_path / "h" / "layer_20240701.geojson").write_text(_fc((B, {})))
    h = read_history(tmp_path / "h", cache=False)
    assert [d.date.isoformat() for d in h.days] == ["2024-07-01"]
    assert h.problems[0].where == "layer_00010101.geojson"
    assert "its name dates it 0001-01-01, outside the days a layer can show" in \
        h.problems[0].message


def test_a_failed_series_run_writes_no_file(tmp_path: Path) -> None:
    (tmp_path / "h").mkdir()
    (tmp_path / "h" / "layer_00010101.geojson").write_text(_fc((A, {})))
    out = tmp_path / "series.csv"
    code, err = _cli("series", str(tmp_path / "h"), "--csv", str(out))
    assert code == 2 and "layer_00010101.geojson: its name dates it 0001-01-01" in err
    assert not out.exists()  # it was written before the OverflowError
    (tmp_path / "h" / "layer_20240701.geojson").write_text(_fc((B, {})))
    code, err = _cli("series", str(tmp_path / "h"), "--csv", str(out), "--week-ending",
                     "2024-07-09")
    assert code == 2 and "--week-ending: 2024-07-09 is not a day of the history" in err
    assert not out.exists()
    code, err = _cli("series", str(tmp_path / "h"), "--csv", str(out))
    assert code == 0 and out.exists() and "warning: layer_00010101.geojson" in err
