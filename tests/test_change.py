"""geo.change: ground that changed hands between two mapped days, against references
made apart from it (boxes measured by pyproj.Geod, a naive whole-layer difference cut by
gpd.overlay, the towns found by their coordinates)."""

from __future__ import annotations

import datetime as dt
import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon

from geo.change import (
    CHANGE_COLUMNS,
    NEAR_DAYS,
    TOTAL_COLUMNS,
    TRANSITIONS,
    change_between,
    change_from_files,
    change_of_days,
    moved_km2,
)
from geo.cities import load_cities
from geo.errors import FrontlineError, UnknownUnitError
from geo.history import History, ParsedDay, ragged_arrays
from geo.measure import UnitIndex

_GEOD = Geod(ellps="WGS84")
# A band of Donetsk oblast (all of it inside the unit) through Kostiantynivka.
S, N = 48.50, 48.56
X = (37.30, 37.40, 37.60, 37.75, 37.90, 38.00, 38.10)


def _box(*xs: float) -> Polygon:
    """The band between the first and last of ``xs``, with a vertex at every x on both
    edges (so two boxes sharing an x share their edge exactly)."""
    return Polygon([*((x, S) for x in xs), *((x, N) for x in reversed(xs))])


def _km2(geom: Polygon) -> float:
    """Geodesic area by pyproj's own polygon routine (the reference)."""
    return abs(_GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def _day(date: dt.date, held: object, *, grey: object = None) -> ParsedDay:
    coords, rings, polys = ragged_arrays(held)
    others = () if grey is None else (("contested", shapely.to_wkb(MultiPolygon(
        [grey] if isinstance(grey, Polygon) else list(grey.geoms)))),)
    return ParsedDay(date, f"day_{date:%Y%m%d}.geojson", coords, rings, polys, others=others)


@pytest.fixture(scope="module")
def index(units: gpd.GeoDataFrame) -> UnitIndex:
    return UnitIndex(units)


def _towns_in(box: tuple[float, float, float, float], code: str = "UA-14") -> set[str]:
    """Cities whose point lies in a lon/lat box, by comparing coordinates."""
    c = load_cities()
    c = c[c["code"] == code]
    p = c["point_in_unit"]
    inside = (p.x > box[0]) & (p.x < box[2]) & (p.y > box[1]) & (p.y < box[3])
    return set(c.loc[inside, "name"])


def test_gained_and_lost_boxes_with_their_towns(index: UnitIndex) -> None:
    d0, d1 = dt.date(2025, 8, 15), dt.date(2025, 9, 1)
    before = _box(X[3], X[4], X[5])  # 37.75-38.00
    after = _box(X[2], X[3], X[4])  # 37.60-37.90
    h = History((_day(d0, MultiPolygon([before])), _day(d1, MultiPolygon([after]))))
    ch = change_between(h, index, d0, d1)
    assert (ch.before, ch.after, ch.days) == (d0, d1, 17)
    assert list(ch.frame.columns) == [*CHANGE_COLUMNS, "geometry"]
    assert ch.frame.crs.to_epsg() == 4326
    gained, lost = _box(X[2], X[3]), _box(X[4], X[5])
    rows = ch.frame.set_index("transition")
    assert set(rows.index) == {"ukraine -> russia", "russia -> ukraine"}
    assert rows.loc["ukraine -> russia", "area_km2"] == pytest.approx(_km2(gained), abs=1e-6)
    assert rows.loc["russia -> ukraine", "area_km2"] == pytest.approx(_km2(lost), abs=1e-6)
    assert rows.loc["ukraine -> russia", "geometry"].symmetric_difference(gained).area < 1e-12
    assert rows.loc["russia -> ukraine", "russia"] == "lost"
    t = ch.totals
    assert list(t.columns) == list(TOTAL_COLUMNS)
    assert list(t.index) == [c for c in index.codes if c.startswith("UA-")] + ["UA"]
    for code in ("UA-14", "UA"):
        assert t.loc[code, "russia_gained_km2"] == pytest.approx(_km2(gained), abs=1e-6)
        assert t.loc[code, "russia_lost_km2"] == pytest.approx(_km2(lost), abs=1e-6)
        assert t.loc[code, "held_after_km2"] - t.loc[code, "held_before_km2"] == pytest.approx(
            t.loc[code, "net_km2"], abs=1e-6)
    assert t.loc["UA-23", ["russia_gained_km2", "russia_lost_km2"]].sum() == 0
    # towns: Kostiantynivka lies in the gained box, no town in the lost one
    won = _towns_in((X[2], S, X[3], N))
    assert won == {"Kostiantynivka"} and not _towns_in((X[4], S, X[5], N))
    assert list(ch.cities["name"]) == sorted(won)
    row = ch.cities.iloc[0]
    assert (row["from_state"], row["to_state"], row["code"], row["population"]) == (
        "ukraine", "russia", "UA-14", 67350)
    assert "Kostiantynivka (ukraine -> russia)" in ch.sentence("UA-14")
    json.dumps(ch.to_dict())  # JSON-ready


def _naive(before: object, after: object, units: gpd.GeoDataFrame) -> dict[str, list[float]]:
    """Per unit: km² of the whole-layer differences cut by gpd.overlay, areas by Geod."""
    out: dict[str, list[float]] = {}
    for k, diff in enumerate((shapely.difference(after, before),
                              shapely.difference(before, after))):
        ov = gpd.overlay(units.reset_index()[["code", "geometry"]],
                         gpd.GeoDataFrame(geometry=[diff], crs=4326), how="intersection")
        for code, geom in zip(ov["code"], ov.geometry, strict=True):
            km2 = sum(_km2(p) for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon")
            out.setdefault(code, [0.0, 0.0])[k] += km2
    return out


def test_real_shaped_days_equal_the_naive_overlay(units: gpd.GeoDataFrame, index: UnitIndex,
                                                  daily_layers: list) -> None:  # type: ignore[type-arg]
    days = [_day(d, g) for d, g in daily_layers]
    h = History(tuple(days))
    a, b = days[0], days[-1]
    ch = change_between(h, index, a.date, b.date, codes=list(index.codes))
    ref = _naive(shapely.make_valid(a.geometry), shapely.make_valid(b.geometry), units)
    assert ref, "the synthetic front moved"
    t = ch.totals
    for code in index.codes:
        g, lo = ref.get(code, [0.0, 0.0])
        assert t.loc[code, "russia_gained_km2"] == pytest.approx(g, abs=0.01), code
        assert t.loc[code, "russia_lost_km2"] == pytest.approx(lo, abs=0.01), code
    # the per-unit rows add up to the totals, the geometry to its area
    by = ch.frame.groupby(["code", "russia"])["area_km2"].sum()
    for (code, way), km2 in by.items():
        assert t.loc[code, f"russia_{way}_km2"] == pytest.approx(km2)
    geo_km2 = np.asarray([_km2(p) for g in ch.frame.geometry for p in g.geoms])
    assert geo_km2.sum() == pytest.approx(ch.frame["area_km2"].sum(), abs=0.01)
    # end to end by unit, as the pace measures it
    gained, lost = moved_km2(a, b, index)
    np.testing.assert_allclose(gained, t.loc[list(index.codes), "russia_gained_km2"], atol=1e-9)
    np.testing.assert_allclose(lost, t.loc[list(index.codes), "russia_lost_km2"], atol=1e-9)
    # a day to itself moved nothing
    assert moved_km2(a, a, index)[0].sum() == 0


def test_contested_ground_is_its_own_transition(index: UnitIndex) -> None:
    d0, d1 = dt.date(2024, 5, 1), dt.date(2024, 5, 8)
    held0, grey0 = _box(X[3], X[4], X[5]), MultiPolygon([_box(X[2], X[3]), _box(X[0], X[1])])
    held1, grey1 = _box(X[2], X[3], X[4]), _box(X[4], X[5], X[6])
    h = History((_day(d0, MultiPolygon([held0]), grey=grey0),
                 _day(d1, MultiPolygon([held1]), grey=grey1)))
    ch = change_between(h, index, d0, d1)
    assert ch.maps_contested
    want = {"contested -> russia": _box(X[2], X[3]), "russia -> contested": _box(X[4], X[5]),
            "ukraine -> contested": _box(X[5], X[6]), "contested -> ukraine": _box(X[0], X[1])}
    got = ch.frame.set_index("transition")["area_km2"]
    assert set(got.index) == set(want)
    for trans, geom in want.items():
        assert got[trans] == pytest.approx(_km2(geom), abs=1e-6), trans
    assert list(ch.frame["transition"]) == [t for t in TRANSITIONS if t in want]
    t = ch.totals.loc["UA-14"]
    assert t["contested_gained_km2"] == pytest.approx(
        _km2(want["russia -> contested"]) + _km2(want["ukraine -> contested"]), abs=1e-6)
    assert t["contested_after_km2"] - t["contested_before_km2"] == pytest.approx(
        t["contested_gained_km2"] - t["contested_lost_km2"], abs=1e-6)
    town = ch.cities.set_index("name").loc["Kostiantynivka"]
    assert (town["from_state"], town["to_state"]) == ("contested", "russia")
    assert "grey zone" in ch.sentence("UA-14")


def test_nearest_days_are_named_and_bad_requests_refused(index: UnitIndex) -> None:
    days = [_day(dt.date(2025, 1, d), MultiPolygon([_box(X[3] - 0.01 * d, X[5])]))
            for d in (1, 2, 10, 20)]
    h = History(tuple(days))
    ch = change_between(h, index, dt.date(2024, 12, 29), dt.date(2025, 1, 14))
    assert (ch.before, ch.after) == (dt.date(2025, 1, 1), dt.date(2025, 1, 10))
    assert (ch.asked_before, ch.asked_after) == (dt.date(2024, 12, 29), dt.date(2025, 1, 14))
    assert any("asked for 2024-12-29, the nearest mapped day is 2025-01-01" in n
               for n in ch.notes)
    assert any("2025-01-14" in n and "2025-01-10 (-4 days)" in n for n in ch.notes)
    with pytest.raises(FrontlineError, match=r"start: expected a date with a mapped day within "
                                             r"7 days; got 2024-12-01.*nearest day 2025-01-01"):
        change_between(h, index, dt.date(2024, 12, 1), dt.date(2025, 1, 10))
    with pytest.raises(FrontlineError, match="both have 2025-01-10"):
        change_between(h, index, dt.date(2025, 1, 9), dt.date(2025, 1, 11))
    with pytest.raises(FrontlineError, match="Swap the dates"):
        change_between(h, index, dt.date(2025, 1, 10), dt.date(2025, 1, 2))
    with pytest.raises(FrontlineError, match="within_days"):
        change_between(h, index, dt.date(2025, 1, 1), dt.date(2025, 1, 10), within_days=-1)
    with pytest.raises(UnknownUnitError, match="codes"):
        change_of_days(days[0], days[1], index, codes=["UA-99"])
    assert NEAR_DAYS == __import__("geo.layerset", fromlist=["NEAR_DAYS"]).NEAR_DAYS


def test_from_files_reads_two_files_or_the_whole_history(tmp_path, index: UnitIndex,  # type: ignore[no-untyped-def]
                                                         daily_layers: list) -> None:  # type: ignore[type-arg]
    from geo.synthetic import write_days

    write_days(tmp_path, daily_layers)
    first, last = daily_layers[0][0], daily_layers[-1][0]
    quick, none = change_from_files(tmp_path, index, first, last, cache=False)
    assert none is None
    days = [_day(d, g) for d, g in daily_layers]
    full = change_between(History(tuple(days)), index, first, last)
    np.testing.assert_allclose(quick.totals.drop(columns="name").to_numpy(dtype=float),
                               full.totals.drop(columns="name").to_numpy(dtype=float),
                               atol=1e-9)
    # a broken file nearest the first date: the whole history is read, the day after used
    (tmp_path / f"deepstatemap_data_{first:%Y%m%d}.geojson").write_text("{broken")
    slow, history = change_from_files(tmp_path, index, first, last, cache=False)
    assert history is not None and history.problems
    assert slow.before == daily_layers[1][0]
