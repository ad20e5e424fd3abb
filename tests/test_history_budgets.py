"""A history's budgets: the vertices of all its days together (each day under the
per-layer cap can still add up to hundreds of millions), read in order and stopped at
the first day past the budget, in this process, in parsing workers and in the series'
one pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from shapely.geometry import box

import geo.history.model as model
from geo.boundaries import load_units
from geo.errors import HistoryError
from geo.history import read_history
from geo.series import series_from_files
from geo.synthetic import write_days


def _days(folder: Path, n: int) -> Path:
    """``n`` days of a box in Donetsk (5 vertices each)."""
    start = dt.date(2024, 1, 1)
    write_days(folder, [(start + dt.timedelta(days=i), box(37.0, 48.0, 37.5 + i / 1000, 48.5))
                        for i in range(n)])
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_reading_stops_at_the_first_day_past_the_vertex_budget(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    folder = _days(tmp_path / "days", 60)  # 60 files: parsed in workers from 48 on
    assert len(read_history(folder, cache=False, workers=workers)) == 60  # within budget
    monkeypatch.setattr(model, "MAX_HISTORY_VERTICES", 100)  # 20 days' worth
    with pytest.raises(HistoryError) as err:
        read_history(folder, cache=False, workers=workers)
    text = str(err.value)
    assert "more than 100 vertices over its days (passed at " in text
    assert "a history may hold at most 100 so reading it keeps to about 1.6 kB" in text
    if workers == 1:  # read in order: the 21st day is the first past it
        assert "passed at deepstatemap_data_20240121.geojson, 21 files read" in text


def test_the_series_one_pass_stops_at_the_budget_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _days(tmp_path / "days", 90)  # two runs of 45 days, read and measured apart
    monkeypatch.setattr(model, "MAX_HISTORY_VERTICES", 300)
    with pytest.raises(HistoryError, match="more than 300 vertices over its days"):
        series_from_files(folder, load_units(), cache=False, workers=2)
    monkeypatch.setattr(model, "MAX_HISTORY_VERTICES", 450)  # 90 days x 5 vertices: within
    history, series = series_from_files(folder, load_units(), cache=False, workers=2)
    assert len(history) == 90 and series.timings.get("read_and_measure_s") is not None


def test_a_day_counts_its_contested_and_ukrainian_ground_too() -> None:
    import numpy as np
    import shapely

    coords = np.zeros((5, 2))
    grey = shapely.to_wkb(shapely.MultiPolygon([box(37, 48, 37.1, 48.1)]))
    day = model.ParsedDay(dt.date(2024, 1, 1), "d", coords, np.array([0, 5]),
                          np.array([0, 1]), others=(("contested", grey),))
    assert day.n_vertices == 5 and day.all_vertices == 5 + len(grey) // 16
    budget = model.VertexBudget(limit=5)
    assert not budget.add([day]) and budget.past == "d" and budget.files == 1
