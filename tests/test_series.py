"""The control series equals the straightforward per-day overlay, on a small real-shaped series."""

from __future__ import annotations

import datetime as dt
import importlib.util

import geopandas as gpd
import numpy as np
import pytest
from pyproj import Geod

from geo.errors import FrontlineError
from geo.history import History, ParsedDay, ragged_arrays
from geo.increment import DRIFT_BUDGET_KM2, measure_chunk
from geo.measure import UnitIndex
from geo.series import SERIES_COLUMNS, control_series

_GEOD = Geod(ellps="WGS84")


def _history(layers: list) -> History:  # type: ignore[type-arg]
    days = []
    for date, geom in layers:
        coords, rings, polys = ragged_arrays(geom)
        days.append(ParsedDay(date, f"day_{date:%Y%m%d}.geojson", coords, rings, polys))
    return History(tuple(days), digest="test")


def _naive(layer: object, units: gpd.GeoDataFrame) -> dict[str, float]:
    """Per day: gpd.overlay with the units + geodesic area of each piece (the reference)."""
    ov = gpd.overlay(units.reset_index()[["code", "geometry"]],
                     gpd.GeoDataFrame(geometry=[layer], crs=4326), how="intersection")
    out: dict[str, float] = {}
    for code, geom in zip(ov["code"], ov.geometry, strict=True):
        for p in getattr(geom, "geoms", [geom]):
            if p.geom_type == "Polygon":
                rings = [p.exterior, *p.interiors]
                a = [abs(_GEOD.polygon_area_perimeter(*np.asarray(r.coords).T[:2])[0])
                     for r in rings]
                out[code] = out.get(code, 0.0) + (a[0] - sum(a[1:])) / 1e6
    return out


@pytest.fixture(scope="module")
def series(units: gpd.GeoDataFrame, daily_layers: list):  # type: ignore[no-untyped-def,type-arg]
    return control_series(_history(daily_layers), units, workers=1)


def test_equals_the_per_day_overlay_within_001_km2(series, units,  # type: ignore[no-untyped-def]
                                                   daily_layers) -> None:
    assert series.full_days == 1  # one keyframe; every other day from the change alone
    worst = 0.0
    for date, layer in daily_layers:
        ref = _naive(layer, units)
        got = series.on(date)["controlled_km2"]
        for code in units.index:
            worst = max(worst, abs(got[code] - ref.get(code, 0.0)))
    assert worst < 0.01, worst
    print(f"\nlargest difference from the per-day overlay: {worst:.5f} km² per unit-day")


def test_rows_totals_and_changes(series, units, daily_layers) -> None:  # type: ignore[no-untyped-def]
    t = series.table
    assert list(t.columns) == list(SERIES_COLUMNS)
    assert len(t) == len(daily_layers) * (len(units) + 1)
    day = series.on(daily_layers[5][0])
    ua = [c for c in day.index if c.startswith("UA-")]
    assert day.loc["UA", "controlled_km2"] == pytest.approx(day.loc[ua, "controlled_km2"].sum())
    assert day.loc["UA", "share_pct"] == pytest.approx(
        100 * day.loc["UA", "controlled_km2"] / 603_543)  # Ukraine's official area
    # Held today = held the day before + gained - lost, for every unit and day (up to the
    # lens a unit measured exactly again corrects, bounded by the drift budget).
    wide, gained, lost = series.wide("controlled_km2"), series.wide("gained_km2"), \
        series.wide("lost_km2")
    step = (wide.diff() - (gained - lost)).iloc[1:].abs().to_numpy().max()
    assert step < DRIFT_BUDGET_KM2
    assert t[t["date"] == daily_layers[0][0]]["gained_km2"].isna().all()  # no day before
    moved = t[(t["code"] == "UA") & t["gained_km2"].notna()]
    assert (moved["gained_km2"] > 0).any() and (moved["gained_km2"] < 200).all()
    week = series.change(daily_layers[0][0], daily_layers[0][0] + dt.timedelta(days=7))
    # a week of steps, each within the bound asserted above
    assert week.loc["UA", "net_km2"] == pytest.approx(
        wide["UA"].asof(daily_layers[0][0] + dt.timedelta(days=7)) - wide["UA"].iloc[0],
        abs=7 * DRIFT_BUDGET_KM2)


def test_parallel_chunks_and_keyframes_agree(series, units, daily_layers) -> None:  # type: ignore[no-untyped-def]
    h = _history(daily_layers)
    two = control_series(h, units, workers=2)
    every3 = control_series(h, units, workers=1, keyframe_every=3)
    for other in (two, every3):
        d = np.abs(other.table["controlled_km2"] - series.table["controlled_km2"]).max()
        assert d < 0.01
    assert every3.full_days > series.full_days


def test_invalid_day_is_repaired_and_noted(units: gpd.GeoDataFrame,
                                           daily_layers: list) -> None:  # type: ignore[type-arg]
    import shapely

    days = list(_history(daily_layers[:4]).days)
    bow = shapely.Polygon([(37.0, 48.0), (37.2, 48.2), (37.2, 48.0), (37.0, 48.2), (37.0, 48.0)])
    bad = shapely.MultiPolygon([*shapely.get_parts(days[2].geometry), bow])
    coords, rings, polys = ragged_arrays(bad)
    days[2] = ParsedDay(days[2].date, "bad.geojson", coords, rings, polys)
    out = measure_chunk(days, UnitIndex(units))
    assert out["notes"] and "bad.geojson" in out["notes"][0][1]
    assert out["full"][2]  # measured in full after the repair


def test_engine_choices_are_checked(units: gpd.GeoDataFrame,
                                    daily_layers: list) -> None:  # type: ignore[type-arg]
    with pytest.raises(FrontlineError, match="engine"):
        control_series(_history(daily_layers[:2]), units, engine="spark")


@pytest.mark.skipif(importlib.util.find_spec("dask_geopandas") is None,
                    reason="the scale extra (dask-geopandas) is not installed")
def test_dask_engine_gives_the_same_series(series, units, daily_layers) -> None:  # type: ignore[no-untyped-def]
    dask = control_series(_history(daily_layers), units, engine="dask", workers=3)
    assert dask.engine == "dask"
    d = np.abs(dask.table["controlled_km2"] - series.table["controlled_km2"]).max()
    assert d < 0.01
    g = np.nanmax(np.abs(dask.table["gained_km2"] - series.table["gained_km2"]))
    assert g < 0.01


def test_every_engine_measures_the_grey_zone(units, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Raw exports with a grey band: local processes, one process and dask give the same
    contested km², and Donetsk's equals a plain intersection of that day's grey zone."""
    from geo.areas import geometry_area_km2
    from geo.history import read_history
    from geo.synthetic import SyntheticSeries, write_raw_history

    write_raw_history(tmp_path, SyntheticSeries(days=6, gaps=0), second_snapshot_every=0)
    h = read_history(tmp_path, cache=False)
    assert h.maps_contested
    runs = [control_series(h, units, workers=2), control_series(h, units, workers=1),
            control_series(h, units, engine="dask", workers=2)]
    last = h.days[-1]
    don = units.loc["UA-14", "geometry"]
    expected = geometry_area_km2(don.intersection(last.contested))
    assert expected > 1.0
    for s in runs:
        row = s.on(last.date).loc["UA-14"]
        assert float(row["contested_km2"]) == pytest.approx(expected, abs=0.01), s.engine
        assert np.allclose(s.table["contested_km2"], runs[0].table["contested_km2"], atol=1e-6)
