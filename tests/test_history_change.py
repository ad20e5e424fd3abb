"""ui/history_change: the History view's two-date map and pace, driven by streamlit.testing
on a generated history whose change is set by construction.

Donetsk: a band (48.50-48.56 N) grown westward from 38.20 E by 5 cells of 0.002 degree a
day; Zaporizhzhia: a box (35.60-35.80 E, 47.30-47.35 N) cut back from the east by
0.001 degree a day after day 20. 2025-08-01 is missing. The km² expected are the two
days' geometry differenced whole and measured by pyproj.Geod; the towns are found by
their coordinates; the weeks and the projection are geo.pace's own.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, box
from streamlit.testing.v1 import AppTest

from geo.boundaries import load_units

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
START = dt.date(2025, 6, 2)  # a Monday
DAYS = 70
MISSING = dt.date(2025, 8, 1)
S, N, EAST, CELL = 48.50, 48.56, 38.20, 0.002
_GEOD = Geod(ellps="WGS84")


def _strip(k: int) -> Polygon:
    cells = 10 + 5 * k
    xs = [EAST - CELL * i for i in range(cells, -1, -1)]
    return Polygon([*((x, S) for x in xs), *((x, N) for x in reversed(xs))])


def _zap(k: int) -> Polygon:
    return box(35.60, 47.30, 35.80 - 0.001 * max(0, k - 20), 47.35)


def _km2(geom: object) -> float:
    parts = getattr(geom, "geoms", [geom])
    return sum(abs(_GEOD.geometry_area_perimeter(p)[0]) for p in parts) / 1e6


def _k(day: dt.date) -> int:
    return (day - START).days


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from geo.synthetic import write_days

    units = load_units()
    assert units.loc["UA-14", "geometry"].contains(_strip(DAYS))
    assert units.loc["UA-23", "geometry"].contains(_zap(0))
    d = tmp_path_factory.mktemp("two-days")
    write_days(d, [(START + dt.timedelta(days=k), MultiPolygon([_strip(k), _zap(k)]))
                   for k in range(DAYS) if START + dt.timedelta(days=k) != MISSING])
    return d


@pytest.fixture()
def app(folder: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["mode"] = "History"
    return at.run()


def _text(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.error])


def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The first table shown with ``column``, its number cells read as numbers."""
    frame = next(t.value for t in at.table if column in t.value.columns)
    out = frame.copy()
    for col in out.columns:
        text = out[col].astype(str).str.replace(",", "", regex=False)
        nums = pd.to_numeric(text, errors="coerce")
        if nums.notna().all():
            out[col] = nums
    return out


def _span(at: AppTest):  # type: ignore[no-untyped-def]
    return next(s for s in at.select_slider if s.label.startswith("…or slide"))


def test_two_typed_days_give_the_change_s_km2_and_towns(app: AppTest, folder: Path) -> None:
    from geo.change import change_between
    from geo.cities import load_cities
    from geo.history import read_history
    from geo.measure import UnitIndex

    at = app
    assert not at.exception, at.exception
    # the defaults: the last mapped day and the one nearest a month before
    last = START + dt.timedelta(days=DAYS - 1)
    assert _span(at).value == ((last - dt.timedelta(days=30)).isoformat(), last.isoformat())
    at.date_input(key="history_from_date").set_value(dt.date(2025, 6, 3)).run()
    at.date_input(key="history_to_date").set_value(MISSING).run()  # not mapped: snapped
    assert not at.exception, at.exception
    before, after = dt.date(2025, 6, 3), dt.date(2025, 7, 31)  # a tie: the earlier day
    assert at.session_state["history_from"] == before.isoformat()
    assert at.session_state["history_to"] == after.isoformat()
    assert _span(at).value == (before.isoformat(), after.isoformat())  # the slider follows
    text = _text(at)
    assert ("To\\: 2025\\-08\\-01 is not a mapped day; the nearest, 2025\\-07\\-31 \\(1 day "
            "earlier\\), is used\\.") in text
    # the days are in the address
    assert at.query_params["from"] == before.isoformat()
    assert at.query_params["to"] == after.isoformat()

    # the table: as geo.change measures it, and as a naive difference of the two days'
    # geometry measured by pyproj.Geod
    units = _table(at, "gained km²").set_index("unit")
    history = read_history(folder)
    change = change_between(history, UnitIndex(load_units()), before, after)
    gained = _km2(_strip(_k(after)).difference(_strip(_k(before))))
    lost = _km2(_zap(_k(before)).difference(_zap(_k(after))))
    assert gained > 100 and lost > 10
    don, zap, ua = (units.loc["Donetsk (UA-14)"], units.loc["Zaporizhzhia (UA-23)"],
                    units.loc["Ukraine (all units)"])
    t = change.totals
    for row, code in ((don, "UA-14"), (zap, "UA-23"), (ua, "UA")):
        for col, key in (("gained km²", "russia_gained_km2"), ("lost km²", "russia_lost_km2"),
                         ("net km²", "net_km2")):
            assert row[col] == pytest.approx(t.loc[code, key], abs=0.051), (code, col)
    assert don["gained km²"] == pytest.approx(gained, abs=0.051) and don["lost km²"] == 0
    assert zap["lost km²"] == pytest.approx(lost, abs=0.051) and zap["gained km²"] == 0
    assert ua["net km²"] == pytest.approx(gained - lost, abs=0.051)
    assert len(units) == 3  # no other unit moved
    # the towns: every city whose point lies in the ground gained (by its coordinates)
    c = load_cities()
    p = c["point_in_unit"]
    west, east = _strip(_k(after)).bounds[0], _strip(_k(before)).bounds[0]
    won = c[(c["code"] == "UA-14") & (p.x > west) & (p.x < east) & (p.y > S) & (p.y < N)]
    assert "Kostiantynivka" in set(won["name"])
    towns = _table(at, "town")
    assert sorted(towns["town"].str.replace(" (district)", "", regex=False)) == sorted(
        won["name"])
    k = towns.set_index("town").loc["Kostiantynivka"]
    assert (k["population"], k["unit"], k["from → to"]) == (67350, "Donetsk",
                                                             "ukraine → russia")
    moved = t.loc["UA", "russia_gained_km2"]
    assert f"**{before} → {after}** (58 days): Russia gained **{moved:,.1f} km²**" in text
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the change (GeoJSON)" in labels


def test_the_geojson_of_the_change_holds_its_pieces_and_towns(folder: Path) -> None:
    from geo.change import change_between
    from geo.export import check_rfc7946
    from geo.history import read_history
    from geo.measure import UnitIndex
    from ui.history_change import change_geojson

    history = read_history(folder)
    change = change_between(history, UnitIndex(load_units()), dt.date(2025, 6, 3),
                            dt.date(2025, 7, 31))
    text = change_geojson(change)
    assert check_rfc7946(text) == []
    doc = json.loads(text)
    kinds = [f["properties"]["kind"] for f in doc["features"]]
    assert kinds.count("change") == len(change.frame) == 2
    assert kinds.count("town") == len(change.cities) >= 1
    assert (doc["before"], doc["after"]) == ("2025-06-03", "2025-07-31")
    gained = next(f for f in doc["features"] if f["properties"].get("russia") == "gained")
    assert gained["properties"]["area_km2"] == pytest.approx(
        change.frame.set_index("russia").loc["gained", "area_km2"])


def test_weekly_bars_and_the_projection_are_geo_pace_s(app: AppTest, folder: Path) -> None:
    import pyarrow as pa

    from geo.history import read_history
    from geo.pace import pace, period_flows
    from geo.series import control_series
    from layers.html import escape_markdown as md

    at = app
    at.radio(key="pace_window").set_value("30").run()
    assert not at.exception, at.exception
    history = read_history(folder)
    series = control_series(history, load_units(), workers=1)

    def bars() -> pd.DataFrame:
        charts = at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")
        assert len(charts) == 2  # the share chart, then the pace
        for d in charts[1].proto.datasets:
            frame = pa.ipc.open_stream(d.data.data).read_pandas()
            if "net" in frame.columns:
                return frame
        raise AssertionError("no bars")

    weeks = period_flows(series, period="week", codes=["UA-14"])
    got = bars()
    assert got["net"].tolist() == pytest.approx(weeks["net_km2"].round(2).tolist(), abs=1e-9)
    assert pd.to_datetime(got["start"]).dt.date.tolist() == weeks["start"].tolist()
    # 5 cells a day: every whole week's net is 35 cells (the missing day's spread too)
    cell = (_km2(_strip(1)) - _km2(_strip(0))) / 5
    whole = got[got["whole"] == "whole"]
    assert len(whole) >= 8 and whole["net"].tolist() == pytest.approx([35 * cell] * len(whole),
                                                                      abs=0.01)
    p = pace(series, codes=["UA-14"], window=30)
    sentence = str(p.rates["projection"].iloc[0])
    assert "An extrapolation of the mapped pace, not a forecast" in sentence
    assert "at the last 30 days' pace" in sentence
    assert md(sentence) in _text(at)
    # the dashed extension of the share line: from the last day's share up
    share = at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")
    spec = json.loads(share[0].proto.spec)
    assert spec["layer"][-1]["data"] == {"name": "fa_projection"}
    # by month: the months' net
    at.radio(key="pace_period").set_value("month").run()
    months = period_flows(series, period="month", codes=["UA-14"])
    assert bars()["net"].tolist() == pytest.approx(months["net_km2"].round(2).tolist(),
                                                   abs=1e-9)
    assert at.query_params["per"] == "month" and at.query_params["window"] == "30"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the monthly pace (CSV)" in labels
    # Zaporizhzhia loses ground: no date to extrapolate, said so
    at.selectbox(key="history_unit").set_value("UA-23").run()
    assert not at.exception, at.exception
    assert "did not grow" in _text(at) and "no date can be extrapolated" in _text(at)


def test_a_link_s_days_are_snapped_and_swapped(folder: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params.update({"mode": "history", "from": "2025-08-01", "to": "2025-06-10"})
    at.run()
    assert not at.exception, at.exception
    assert (at.session_state["history_from"], at.session_state["history_to"]) == (
        "2025-06-10", "2025-07-31")
    text = _text(at)
    assert "From\\: 2025\\-08\\-01 is not a mapped day" in text
    assert "was after To" in text and "swapped" in text
    # the same day twice: said, no map
    at.date_input(key="history_from_date").set_value(dt.date(2025, 7, 31)).run()
    assert "Both dates fall on the mapped day 2025-07-31" in _text(at)
