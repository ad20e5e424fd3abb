"""geo.pace on histories whose gains are set by construction.

The held ground is a band of Donetsk oblast grown westward cell by cell: a cell is
0.002 deg of longitude between two parallels, with a vertex at every grid line, so every
cell has the same geodesic area (measured here by pyproj.Geod) and a day's km² are its
cells times that. Expected weeks, rates, dates and verdicts are worked out from the
cells alone.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon

from geo.errors import FrontlineError
from geo.history import History, ParsedDay, ragged_arrays
from geo.measure import UnitIndex
from geo.pace import (
    PERIOD_COLUMNS,
    RATE_COLUMNS,
    check_pace_claim,
    daily_flows,
    duration_words,
    pace,
    period_flows,
    project,
    revisions,
    t_quantile,
    window_rates,
)
from geo.series import SERIES_COLUMNS, ControlSeries, control_series

_GEOD = Geod(ellps="WGS84")
S, N, EAST, CELL = 48.50, 48.56, 38.20, 0.002


def _strip(cells: int) -> Polygon:
    xs = [EAST - CELL * k for k in range(cells, -1, -1)]
    return Polygon([*((x, S) for x in xs), *((x, N) for x in reversed(xs))])


CELL_KM2 = abs(_GEOD.geometry_area_perimeter(_strip(1))[0]) / 1e6


def _history(cells: list[int], start: dt.date, *, skip: set[int] = frozenset()) -> History:  # type: ignore[assignment]
    days = []
    for k, n in enumerate(cells):
        if k in skip:
            continue
        date = start + dt.timedelta(days=k)
        coords, rings, polys = ragged_arrays(MultiPolygon([_strip(n)]))
        days.append(ParsedDay(date, f"deepstatemap_data_{date:%Y%m%d}.geojson", coords, rings,
                              polys))
    return History(tuple(days), digest="strips")


@pytest.fixture(scope="module")
def index(units: gpd.GeoDataFrame) -> UnitIndex:
    return UnitIndex(units)


@pytest.fixture(scope="module")
def donetsk_km2(units: gpd.GeoDataFrame) -> float:
    """The denominator of a Donetsk share: its polygon, measured by pyproj."""
    geom = units.loc["UA-14", "geometry"]
    return sum(abs(_GEOD.geometry_area_perimeter(p)[0]) for p in getattr(geom, "geoms", [geom])
               ) / 1e6


LINEAR_START = dt.date(2025, 6, 2)  # a Monday
LINEAR = [10 + 2 * k for k in range(120)]  # two cells a day


@pytest.fixture(scope="module")
def linear(units: gpd.GeoDataFrame, index: UnitIndex) -> tuple[History, ControlSeries]:
    h = _history(LINEAR, LINEAR_START)
    return h, control_series(h, units, index=index, workers=1)


def test_daily_flows_are_the_cells_gained(linear) -> None:  # type: ignore[no-untyped-def]
    _, series = linear
    daily = daily_flows(series, codes=["UA-14", "UA"])
    d = daily[daily["code"] == "UA-14"]
    assert len(d) == len(LINEAR) - 1 and (d["step_days"] == 1).all()
    np.testing.assert_allclose(d["gained_km2"], 2 * CELL_KM2, rtol=1e-6)
    np.testing.assert_allclose(d["lost_km2"], 0.0, atol=1e-9)
    ua = daily[daily["code"] == "UA"]
    np.testing.assert_allclose(ua["net_km2"].to_numpy(), d["net_km2"].to_numpy())


# ---------------------------------------------------------------- gaps
GAP_START = dt.date(2025, 9, 1)  # a Monday
GAP_CELLS = [20 + sum((j % 3) + 1 for j in range(k)) for k in range(60)]  # +1, +2, +3, ...
GAP = set(range(20, 29))  # days 20-28 missing: day 29's change spans 10 days


@pytest.fixture(scope="module")
def gapped(units: gpd.GeoDataFrame, index: UnitIndex) -> tuple[History, ControlSeries]:
    h = _history(GAP_CELLS, GAP_START, skip=GAP)
    return h, control_series(h, units, index=index, workers=1)


def _expected_daily() -> dict[dt.date, float]:
    """km² gained on each calendar day: the day's cells, or over the gap its even share."""
    out = {}
    k = 1
    while k < len(GAP_CELLS):
        if k in GAP or k == max(GAP) + 1:
            first, last = min(GAP), max(GAP) + 1
            share = (GAP_CELLS[last] - GAP_CELLS[first - 1]) / (last - first + 1)
            for j in range(first, last + 1):
                out[GAP_START + dt.timedelta(days=j)] = share * CELL_KM2
            k = last + 1
            continue
        out[GAP_START + dt.timedelta(days=k)] = (GAP_CELLS[k] - GAP_CELLS[k - 1]) * CELL_KM2
        k += 1
    return out


def test_a_ten_day_gap_is_spread_over_ten_days(gapped) -> None:  # type: ignore[no-untyped-def]
    history, series = gapped
    step = series.table[(series.table["code"] == "UA-14")
                        & (series.table["date"] == GAP_START + dt.timedelta(days=29))]
    assert int(step["days_since_previous"].iloc[0]) == 10
    want = _expected_daily()
    daily = daily_flows(series, codes=["UA-14"]).set_index("date")["gained_km2"]
    assert len(daily) == len(want) == 59
    for day, km2 in want.items():
        assert daily[pd.Timestamp(day)] == pytest.approx(km2, rel=1e-6), day
    weeks = period_flows(series, period="week", codes=["UA-14"])
    assert list(weeks.columns) == list(PERIOD_COLUMNS)
    for w in weeks.itertuples():
        days = [w.start + dt.timedelta(days=i) for i in range(7)]
        ref = sum(want.get(d, 0.0) for d in days)
        assert w.gained_km2 == pytest.approx(ref, rel=1e-6), w.start
        assert w.days == sum(d in want for d in days)
    # the gap: days 20-29 (Sep 21-30); the week of Sep 22 lies wholly in it
    week = weeks.set_index("start").loc[dt.date(2025, 9, 22)]
    assert week["spread_days"] == 7 and week["complete"]
    one_step = series.change(dt.date(2025, 9, 28), dt.date(2025, 10, 5)).loc["UA-14"]
    assert one_step["gained_km2"] == pytest.approx(
        sum(want[dt.date(2025, 9, 29) + dt.timedelta(days=i)] for i in range(7)), rel=1e-6)
    whole_gap = (GAP_CELLS[29] - GAP_CELLS[19]) * CELL_KM2
    assert one_step["gained_km2"] < whole_gap  # never the whole gap in one week
    months = period_flows(series, period="month", codes=["UA-14"]).set_index("start")
    sept = sum(v for d, v in want.items() if d.month == 9)
    assert months.loc[dt.date(2025, 9, 1), "gained_km2"] == pytest.approx(sept, rel=1e-6)
    assert not months.loc[dt.date(2025, 10, 1), "complete"]
    # a window over the gap counts its 10 days as 10
    r = window_rates(series, window=30, codes=["UA-14"]).iloc[0]
    last = GAP_START + dt.timedelta(days=59)
    in_window = [v for d, v in want.items() if d > last - dt.timedelta(days=30)]
    assert r["days"] == 30 == len(in_window)
    assert r["rate_km2_day"] == pytest.approx(sum(in_window) / 30, rel=1e-6)


def test_end_to_end_weeks_need_the_geometry_and_net_out_ground_taken_back(
        units: gpd.GeoDataFrame, index: UnitIndex) -> None:
    # up 5 cells a day, but each Wednesday 3 cells are lost, and retaken on Thursday
    start = dt.date(2025, 3, 3)  # a Monday
    base = [40 + 5 * k for k in range(28)]
    back = [base[k - 1] - 3 if k % 7 == 2 else base[k] for k in range(28)]
    h = _history(back, start)
    series = control_series(h, units, index=index, workers=1)
    gross = period_flows(series, codes=["UA-14"]).set_index("start")
    e2e = period_flows(series, codes=["UA-14"], flow="end-to-end", history=h, units=index
                       ).set_index("start")
    for wk in gross.index[1:]:  # whole weeks: the map of the Sunday before to the Sunday
        k0 = (wk - start).days - 1
        k1 = k0 + 7
        assert e2e.loc[wk, "gained_km2"] == pytest.approx((back[k1] - back[k0]) * CELL_KM2,
                                                          rel=1e-6)
        assert e2e.loc[wk, "lost_km2"] == pytest.approx(0.0, abs=1e-9)
        assert gross.loc[wk, "lost_km2"] == pytest.approx(3 * CELL_KM2, rel=1e-6)
        assert gross.loc[wk, "gained_km2"] - e2e.loc[wk, "gained_km2"] == pytest.approx(
            3 * CELL_KM2, rel=1e-6)
        assert gross.loc[wk, "net_km2"] == pytest.approx(e2e.loc[wk, "net_km2"], abs=1e-6)
        assert e2e.loc[wk, "from_day"] == wk - dt.timedelta(days=1)
    with pytest.raises(FrontlineError, match="needs their geometry"):
        period_flows(series, flow="end-to-end")


# ---------------------------------------------------------------- projection
def test_projection_of_a_linear_series_lands_on_the_day(linear, donetsk_km2) -> None:  # type: ignore[no-untyped-def]
    history, series = linear
    end = LINEAR_START + dt.timedelta(days=len(LINEAR) - 1)
    rate = 2 * CELL_KM2
    held = LINEAR[-1] * CELL_KM2
    days = 300  # reached halfway through day 301 after the end
    pct = 100.0 * (held + (days + 0.5) * rate) / donetsk_km2
    result = pace(series, codes=["UA-14"], window=90, to_pct=pct, history=history)
    r = result.rates.iloc[0]
    assert list(result.rates.columns[:len(RATE_COLUMNS)]) == list(RATE_COLUMNS)
    assert r["rate_km2_day"] == pytest.approx(rate, rel=1e-6)
    assert r["band_low_km2_day"] == pytest.approx(rate, rel=1e-6)  # no spread: no width
    assert r["weeks"] == 12 and r["days"] == 90
    assert r["previous_rate_km2_day"] == pytest.approx(rate, rel=1e-6)
    assert r["held_km2"] == pytest.approx(held, rel=1e-6)
    assert r["e2e_gained_km2"] == pytest.approx(180 * CELL_KM2, rel=1e-6)
    assert r["status"] == "projected"
    assert r["date"] == end + dt.timedelta(days=days + 1)
    assert r["date_early"] == r["date"] == r["date_late"]
    assert "at the last 90 days' pace" in r["projection"]
    assert "not a forecast" in r["projection"] and "10 months" in r["projection"]
    words = result.sentence("UA-14")
    assert words.startswith("Donetsk, the last 90 days (") and "the same every week" in words
    assert f"net +{180 * CELL_KM2:,.1f} km²" in words and "end to end" in words
    # fully held: the same rate over what is left of the unit
    full = project(result.rates, to_pct=100.0).iloc[0]
    assert full["days_to_target"] == pytest.approx((donetsk_km2 - held) / rate, rel=1e-5)
    assert "all of Donetsk" in full["projection"]
    # already held to the share asked for
    assert project(result.rates, to_pct=0.001).iloc[0]["status"] == "reached"


def test_no_projection_when_the_pace_is_not_positive(units, index) -> None:  # type: ignore[no-untyped-def]
    cells = [300 - k for k in range(40)]  # a cell lost a day
    series = control_series(_history(cells, dt.date(2024, 1, 1)), units, index=index,
                            workers=1)
    r = pace(series, codes=["UA-14"], window=30).rates.iloc[0]
    assert r["rate_km2_day"] == pytest.approx(-CELL_KM2, rel=1e-6)
    assert r["status"] == "no projection" and r["date"] is None
    assert "did not grow" in r["projection"] and "no date can be extrapolated" in r["projection"]


def _noisy_cells(seed: int, days: int = 120) -> tuple[list[int], float]:
    """Cells per day: -1 to +4 (a loss now and then), mean 1.5; and that true mean."""
    rng = np.random.default_rng(seed)
    steps = rng.choice([-1, 0, 1, 2, 3, 4], size=days - 1, p=[.1, .2, .2, .2, .2, .1])
    mean = float(np.dot([-1, 0, 1, 2, 3, 4], [.1, .2, .2, .2, .2, .1]))
    return [40, *(40 + np.cumsum(steps)).tolist()], mean


def test_the_band_of_a_noisy_series_holds_the_true_pace(units, index, donetsk_km2) -> None:  # type: ignore[no-untyped-def]
    cells, mean = _noisy_cells(5)
    series = control_series(_history(cells, dt.date(2025, 1, 6)), units, index=index,
                            workers=1)
    truth = mean * CELL_KM2
    r = pace(series, codes=["UA-14"], window=90, to_pct=50.0).rates.iloc[0]
    assert r["band_low_km2_day"] < truth < r["band_high_km2_day"]
    assert r["band_low_km2_day"] < r["rate_km2_day"] < r["band_high_km2_day"]
    true_date = r["end"] + dt.timedelta(days=math.ceil((0.5 * donetsk_km2 - r["held_km2"])
                                                       / truth))
    assert r["date_early"] <= true_date <= r["date_late"]
    assert r["date_early"] < r["date"] < r["date_late"]


def _table_series(held: np.ndarray, start: dt.date) -> ControlSeries:
    """A one-unit series from held km² per day (the table the series module makes)."""
    n = len(held)
    diff = np.r_[np.nan, np.diff(held)]
    t = pd.DataFrame({
        "date": [start + dt.timedelta(days=k) for k in range(n)], "code": "UA-14",
        "name": "Donetsk", "side": "russia", "controlled_km2": held,
        "share_pct": 100 * held / 26_500.0, "contested_km2": 0.0, "contested_pct": 0.0,
        "gained_km2": np.clip(diff, 0, None), "lost_km2": np.clip(-diff, 0, None),
        "net_km2": diff, "days_since_previous": np.r_[np.nan, np.ones(n - 1)], "source": "x"})
    return ControlSeries(table=t[list(SERIES_COLUMNS)])


def test_the_band_covers_the_true_pace_as_often_as_it_says() -> None:
    """Over 200 series of independent daily noise around a set pace, the 95 % band of a
    90-day window holds the true pace in about 95 % of them."""
    rng = np.random.default_rng(23)
    hits = 0
    for _ in range(200):
        held = 5_000 + np.cumsum(rng.normal(4.0, 6.0, 91))
        r = window_rates(_table_series(held, dt.date(2025, 1, 1)), window=84).iloc[0]
        hits += r["band_low_km2_day"] <= 4.0 <= r["band_high_km2_day"]
    assert 0.89 <= hits / 200 <= 0.99, hits


def test_t_quantile_is_students() -> None:
    from scipy.stats import t

    for df in (1, 2, 3, 7, 12, 51):
        for level in (0.8, 0.95, 0.99):
            assert t_quantile(level, df) == pytest.approx(t.ppf(0.5 + level / 2, df), rel=1e-9)


def test_durations_and_settings_in_words() -> None:
    assert duration_words(12.2) == "13 days"
    assert duration_words(426) == "14 months"
    assert duration_words(5 * 365.25) == "5.0 years"
    with pytest.raises(FrontlineError, match="window: expected a whole number of days, at "
                                             "least 7"):
        window_rates(_table_series(np.arange(20.0), dt.date(2025, 1, 1)), window=5)
    with pytest.raises(FrontlineError, match="end: expected a day after"):
        window_rates(_table_series(np.arange(20.0), dt.date(2025, 1, 1)),
                     end=dt.date(2026, 1, 1))
    with pytest.raises(FrontlineError, match="to_pct"):
        project(window_rates(_table_series(np.arange(20.0), dt.date(2025, 1, 1)),
                             window=14), to_pct=120)


# ---------------------------------------------------------------- revisions
def test_a_sudden_jump_is_flagged_with_its_place(units, index) -> None:  # type: ignore[no-untyped-def]
    cells = [10 + 2 * k + (60 if k >= 30 else 0) for k in range(50)]  # +60 cells on day 30
    series = control_series(_history(cells, dt.date(2025, 2, 1)), units, index=index,
                            workers=1)
    rev = revisions(series)
    assert set(rev["code"]) == {"UA-14", "UA"}
    assert (rev["date"] == dt.date(2025, 3, 3)).all() and (rev["flow"] == "gained").all()
    row = rev.set_index("code").loc["UA"]
    assert row["km2"] == pytest.approx(62 * CELL_KM2, rel=1e-6)
    assert row["where"] == f"Donetsk {62 * CELL_KM2:,.1f}"
    assert "a possible map revision" in row["text"] and "deepstatemap_data_20250303" in row["text"]


# ---------------------------------------------------------------- pace claims
def test_pace_claims_get_verdicts(units, index) -> None:  # type: ignore[no-untyped-def]
    # up 3 cells a day through October, but every fifth day a cell is lost, and taken
    # back the next day: gross gains count it again, end to end it nets out
    start = dt.date(2025, 9, 25)
    base = [50 + 3 * k for k in range(45)]
    cells = [base[k - 1] - 1 if k % 5 == 0 and k else base[k] for k in range(45)]
    h = _history(cells, start)
    series = control_series(h, units, index=index, workers=1)
    oct1, oct31 = dt.date(2025, 10, 1), dt.date(2025, 10, 31)
    k0, k1 = (oct1 - start).days - 1, (oct31 - start).days
    e2e = (cells[k1] - cells[k0]) * CELL_KM2
    steps = np.diff(cells[k0:k1 + 1])
    gross = steps[steps > 0].sum() * CELL_KM2
    lost = -steps[steps < 0].sum() * CELL_KM2
    assert gross > e2e

    def check(km2: float, qualifier: str = "about", **kw) -> object:  # type: ignore[no-untyped-def]
        return check_pace_claim(series, "UA-14", km2=km2, start=oct1, end=oct31,
                                qualifier=qualifier, history=h, units=index, **kw)

    v = check(round(gross))
    assert v.verdict == "consistent" and "gross" in v.reading  # type: ignore[attr-defined]
    assert v.gross_gained_km2 == pytest.approx(gross, rel=1e-6)  # type: ignore[attr-defined]
    assert v.e2e_gained_km2 == pytest.approx(e2e, rel=1e-6)  # type: ignore[attr-defined]
    assert (v.from_day, v.to_day) == (dt.date(2025, 9, 30), oct31)  # type: ignore[attr-defined]
    v = check(e2e, "exact")
    assert v.verdict == "consistent" and v.reading == "end to end"  # type: ignore[attr-defined]
    v = check(2 * gross)
    assert v.verdict == "overstated"  # type: ignore[attr-defined]
    assert v.off_by_km2 == pytest.approx(0.95 * 2 * gross - gross, rel=1e-6)  # type: ignore[attr-defined]
    assert "overstated by" in v.sentence and "end to end" in v.sentence  # type: ignore[attr-defined]
    v = check(gross / 2, "more than")
    assert v.verdict == "consistent"  # type: ignore[attr-defined]
    assert v.slack_km2 == pytest.approx(e2e - 1.1 * gross / 2, rel=1e-6)  # type: ignore[attr-defined]
    v = check(e2e / 2, "less than")
    assert v.verdict == "understated"  # type: ignore[attr-defined]
    assert v.off_by_km2 == pytest.approx(e2e - e2e / 2, rel=1e-6)  # type: ignore[attr-defined]
    v = check(gross / 31, per="day")
    assert v.verdict == "consistent" and v.claim.unit == "km2"  # type: ignore[attr-defined]
    v = check(lost, side="ukraine")  # Ukraine's gross gains are Russia's losses
    assert v.verdict == "consistent" and v.reading == "gross"  # type: ignore[attr-defined]
    v = check(e2e, measure="net")
    assert v.verdict == "consistent" and v.net_km2 == pytest.approx(e2e, rel=1e-6)  # type: ignore[attr-defined]
    v = check_pace_claim(series, "UA", km2=round(gross), start=oct1, end=oct31)
    assert v.verdict == "consistent" and v.name == "Ukraine"
    assert math.isnan(v.e2e_gained_km2)  # no history given: gross only
    v = check_pace_claim(series, "UA-14", km2=100, start=dt.date(2025, 9, 1), end=oct31)
    assert v.verdict == "not checkable" and "history runs 2025-09-25" in v.sentence
    v = check_pace_claim(h, "UA-14", km2=round(gross), start=oct1, end=oct31, units=index)
    assert v.verdict == "consistent" and v.reading  # a History is measured first
    assert json.loads(json.dumps(v.to_dict()))["verdict"] == "consistent"
    with pytest.raises(FrontlineError, match="qualifier"):
        check(100, "roughly-ish")
    with pytest.raises(FrontlineError, match="side"):
        check(100, side="nato")
