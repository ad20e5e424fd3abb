"""Synthetic daily layers have the shape the notes give for real daily exports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import shapely

from geo.synthetic import SyntheticSeries, layer_stats


def test_each_day_has_the_shape_of_a_daily_export(daily_layers: list) -> None:  # type: ignore[type-arg]
    for _, layer in daily_layers:
        stats = layer_stats(layer)
        assert layer.geom_type == "MultiPolygon" and layer.is_valid
        assert 5 <= stats["parts"] <= 21, stats
        assert 0 <= stats["holes"] <= 2, stats
        assert 2_500 <= stats["vertices"] <= 3_500, stats
        xy = shapely.get_coordinates(layer)
        assert (xy[:, 0].min() > 30) and (xy[:, 0].max() < 41) and (xy[:, 1].min() > 44)


def test_the_front_moves_by_slivers(daily_layers: list) -> None:  # type: ignore[type-arg]
    (_, a), (_, b) = daily_layers[0], daily_layers[1]
    shared = {tuple(p) for p in shapely.get_coordinates(a)} & {
        tuple(p) for p in shapely.get_coordinates(b)}
    # Most of the boundary (borders, coasts) is the same, vertex for vertex.
    assert len(shared) > 0.6 * shapely.get_num_coordinates(a)
    moved = shapely.area(shapely.symmetric_difference(a, b))
    assert 0 < moved < 0.002 * shapely.area(a)


def test_dates_have_gaps_and_files_look_like_the_archive(daily_file: Path) -> None:
    days = SyntheticSeries(days=60, gaps=3, seed=5).dates()
    steps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    # the first and last of the 60 days kept; 3 gaps, each a run of 1 or 2 missing days
    assert (days[0], days[-1]) == (dt.date(2024, 7, 8), dt.date(2024, 7, 8) + dt.timedelta(59))
    gaps = [s - 1 for s in steps if s > 1]
    assert len(gaps) == 3 and set(gaps) <= {1, 2} and len(days) == 60 - sum(gaps)
    doc = json.loads(daily_file.read_text())
    assert doc["type"] == "FeatureCollection" and doc["name"] == daily_file.stem
    assert doc["crs"]["properties"]["name"].endswith("CRS84")
    (feature,) = doc["features"]
    assert feature["properties"] == {} and feature["geometry"]["type"] == "MultiPolygon"
    assert 50_000 < daily_file.stat().st_size < 120_000
