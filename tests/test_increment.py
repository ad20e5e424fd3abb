"""The day-to-day engine: boundary hashing finds every change, and a day measured from
its change equals the same day measured in full."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon

from geo.history import ParsedDay, ragged_arrays
from geo.increment import DRIFT_BUDGET_KM2, boundary, changed_segments, measure_chunk
from geo.measure import UnitIndex


def _day(geom: object, day: int, name: str = "d") -> ParsedDay:
    coords, rings, polys = ragged_arrays(geom)
    return ParsedDay(dt.date(2025, 1, day), f"{name}_{day}.geojson", coords, rings, polys)


_SQUARE = [(37.0, 48.0), (37.4, 48.0), (37.4, 48.3), (37.0, 48.3), (37.0, 48.0)]
_ISLAND = [(38.0, 47.2), (38.1, 47.2), (38.1, 47.3), (38.0, 47.2)]


def test_unchanged_segments_match_and_moved_ones_do_not() -> None:
    a = _day(MultiPolygon([Polygon(_SQUARE), Polygon(_ISLAND)]), 1)
    moved = [*_SQUARE[:2], (37.45, 48.0), *_SQUARE[2:]]  # one vertex added on an edge
    moved[2] = (37.45, 48.1)
    b = _day(MultiPolygon([Polygon(moved), Polygon(_ISLAND)]), 2)
    new, old = changed_segments(boundary(b), boundary(a))
    # Square: 4 edges before; after, edge 2 is replaced by two new segments.
    assert int(old.sum()) == 1 and int(new.sum()) == 2
    # The row between the square's last vertex and the island's first is no segment.
    bd = boundary(a)
    assert int(bd.valid.sum()) == len(bd.keys) == 4 + 3


def test_a_reversed_ring_reads_as_changed_never_as_unchanged() -> None:
    a = _day(MultiPolygon([Polygon(_SQUARE)]), 1)
    b = _day(MultiPolygon([Polygon(_SQUARE[::-1])]), 2)
    new, old = changed_segments(boundary(b), boundary(a))
    assert new.sum() == 4 and old.sum() == 4


def test_incremental_days_equal_days_measured_in_full(units: gpd.GeoDataFrame,
                                                      daily_layers: list) -> None:  # type: ignore[type-arg]
    index = UnitIndex(units)
    days = [_day(g, i + 1, "s") for i, (_, g) in enumerate(daily_layers)]
    out = measure_chunk(days, index)
    assert out["full"].sum() == 1
    same = [shapely.equals_exact(a.geometry, b.geometry, 0)
            for a, b in zip(days, days[1:], strict=False)]
    assert any(same) and not all(same)  # quiet days and moving days both
    assert ((out["changed"][1:] == 0) == np.asarray(same)).all()
    full = np.vstack([index.measure(d.geometry) for d in days])
    assert np.abs(out["km2"] - full).max() < DRIFT_BUDGET_KM2
    ticks: list[int] = []
    again = measure_chunk(iter(days), index, tick=lambda: ticks.append(1))  # a generator too
    assert len(ticks) == len(days) and np.array_equal(again["km2"], out["km2"])


def test_a_day_stored_the_other_way_round_is_measured_right(units: gpd.GeoDataFrame,
                                                             daily_layers: list) -> None:  # type: ignore[type-arg]
    index = UnitIndex(units)
    g0, g1 = daily_layers[0][1], daily_layers[1][1]
    flipped = shapely.MultiPolygon([shapely.Polygon(p.exterior.coords[::-1],
                                                    [r.coords[::-1] for r in p.interiors])
                                    for p in shapely.get_parts(g1)])
    out = measure_chunk([_day(g0, 1), _day(flipped, 2)], index)
    assert out["km2"][1] == pytest.approx(index.measure(g1), abs=DRIFT_BUDGET_KM2)
    assert out["full"][1]  # every segment changed: measured in full, not from a diff


def test_no_days_give_empty_arrays(units: gpd.GeoDataFrame) -> None:
    out = measure_chunk([], UnitIndex(units))
    assert out["km2"].shape == (0, len(units)) and not out["notes"]
