"""Days measured in worker processes: files read and measured in one pass give what
reading then measuring gives, problems included."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

from geo.history import read_history
from geo.history.read import HistorySource
from geo.increment import DRIFT_BUDGET_KM2
from geo.measure import UnitIndex
from geo.parallel import MIN_DAYS_PER_WORKER, measure_days, read_and_measure, spans
from geo.series import control_series, series_from_files


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """90 calendar days of real-shaped daily files (enough for two workers)."""
    from geo.synthetic import SyntheticSeries, write_history

    folder = tmp_path_factory.mktemp("archive")
    write_history(folder, SyntheticSeries(days=90, gaps=2, seed=5))
    return folder


def test_spans_cover_every_day_once() -> None:
    assert spans(10, 3) == [(0, 3), (3, 7), (7, 10)]
    assert spans(2, 4) == [(0, 1), (1, 2)]
    assert sum(b - a for a, b in spans(791, 2)) == 791


def test_one_pass_equals_reading_then_measuring(archive: Path, units: gpd.GeoDataFrame,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    n_files = len(list(archive.glob("*.geojson")))
    assert n_files >= 2 * MIN_DAYS_PER_WORKER
    steps: list[int] = []
    totals: list[tuple[int, str]] = []
    history, series = series_from_files(archive, units, cache=False, workers=2,
                                        progress=steps.append,
                                        on_total=lambda n, what: totals.append((n, what)))
    assert "read_and_measure_s" in series.timings  # the one pass was taken
    assert totals == [(n_files, "reading and measuring")] and sum(steps) == n_files
    plain = read_history(archive, cache=False)
    assert history.dates == plain.dates and history.digest == plain.digest
    ref = control_series(plain, units, workers=1)
    for col in ("controlled_km2", "share_pct"):
        assert np.abs(series.table[col] - ref.table[col]).max() < 0.01
    g = np.nanmax(np.abs(series.table["gained_km2"] - ref.table["gained_km2"]))
    assert g < DRIFT_BUDGET_KM2
    # With the cache on, the one pass fills it and the next run reads it.
    first, _ = series_from_files(archive, units, workers=2)
    again, s2 = series_from_files(archive, units, workers=2)
    assert not first.from_cache and again.from_cache and again.digest == plain.digest
    assert np.abs(s2.table["controlled_km2"] - ref.table["controlled_km2"]).max() < 0.01


def test_one_pass_reports_every_bad_file(archive: Path, units: gpd.GeoDataFrame,
                                         tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    names = sorted(p.name for p in archive.glob("*.geojson"))
    for n in names:
        (folder / n).write_bytes((archive / n).read_bytes())
    (folder / names[0]).write_text("not json")  # the first day: the next has no day before
    (folder / names[50]).write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    history, series = series_from_files(folder, units, cache=False, workers=2)
    assert "read_and_measure_s" in series.timings
    where = {p.where for p in history.problems}
    assert where == {names[0], names[50]}
    assert len(history) == len(names) - 2
    assert series.table["gained_km2"][series.table["date"] == history.dates[0]].isna().all()
    plain = control_series(read_history(folder, cache=False), units, workers=1)
    assert np.abs(series.table["controlled_km2"] - plain.table["controlled_km2"]).max() < 0.01


def test_undated_or_few_files_take_two_steps(archive: Path, units: gpd.GeoDataFrame,
                                             tmp_path: Path) -> None:
    names = sorted(p.name for p in archive.glob("*.geojson"))[:5]
    small = tmp_path / "small"
    small.mkdir()
    for n in names:
        (small / n).write_bytes((archive / n).read_bytes())
    history, series = series_from_files(small, units, cache=False, workers=2)
    assert "measure_s" in series.timings and len(history) == 5


def test_measure_days_in_two_workers_equals_one(archive: Path,
                                                units: gpd.GeoDataFrame) -> None:
    days = read_history(archive, cache=False).days
    index = UnitIndex(units)
    one = measure_days(days, index, units, workers=1, keyframe_every=365)
    two = measure_days(days, index, units, workers=2, keyframe_every=365)
    assert len(one) == 1 and len(two) == 2
    km2 = np.vstack([r["km2"] for r in two])
    assert np.abs(km2 - one[0]["km2"]).max() < 0.01
    src = HistorySource.of(archive, cache=False)
    done = read_and_measure(src.entries, index, units, workers=2, keyframe_every=365,
                            digest=True)
    assert len(done.days) == len(days) and len(done.digests) == len(src.entries)
    assert np.abs(np.vstack([r["km2"] for r in done.results]) - one[0]["km2"]).max() < 0.01
