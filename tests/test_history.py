"""Reading histories: folders, gz, zips, dated GeoJSON, GeoParquet; problems and gaps."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box, mapping

from geo.errors import HistoryError
from geo.history import read_history
from geo.synthetic import feature_collection


@pytest.fixture()
def folder(tmp_path: Path, daily_layers: list) -> Path:  # type: ignore[type-arg]
    d = tmp_path / "archive"
    d.mkdir()
    for date, layer in daily_layers:
        stem = f"deepstatemap_data_{date:%Y%m%d}"
        (d / f"{stem}.geojson").write_text(json.dumps(feature_collection(layer, name=stem)))
    return d


def test_a_folder_of_daily_files(folder: Path, daily_layers: list,  # type: ignore[type-arg]
                                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    h = read_history(folder)
    assert len(h) == len(daily_layers) and not h.problems
    assert h.dates == [d for d, _ in daily_layers]
    first = h.days[0]
    assert shapely.equals_exact(first.geometry, daily_layers[0][1], tolerance=1e-9)
    # The series generator left a gap: it is listed, days are not invented.
    assert h.gaps() and all((b - a).days >= 0 for a, b in h.gaps())
    assert "day" in h.gap_text()
    again = read_history(folder)  # second run: from the cache, same content
    assert again.from_cache and again.digest == h.digest
    assert [d.n_vertices for d in again.days] == [d.n_vertices for d in h.days]
    (folder / next(iter(sorted(p.name for p in folder.iterdir())))).write_text("{}")
    changed = read_history(folder)  # a changed file is a new history, not a stale hit
    assert not changed.from_cache and changed.digest != h.digest


def test_every_unreadable_day_is_reported(folder: Path, tmp_path: Path) -> None:
    names = sorted(p.name for p in folder.iterdir())
    (folder / names[1]).write_text("this is not json")
    (folder / names[2]).write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": mapping(box(-100, 30, -99, 31))}]}))
    (folder / "notes_without_date.geojson").write_text(json.dumps(
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": mapping(box(37, 48, 37.1, 48.1))}]}))
    h = read_history(folder, cache=False)
    by_source = {p.where: p.message for p in h.problems}
    assert "not JSON" in by_source[names[1]]
    assert "outside the region" in by_source[names[2]]
    assert "has no date" in next(m for w, m in by_source.items() if "notes_without" in w)
    assert len(h) == len(names) - 2  # the two bad days are missing, and said to be


def test_gzip_zip_dated_geojson_and_parquet(tmp_path: Path,
                                            daily_layers: list) -> None:  # type: ignore[type-arg]
    (d0, a), (d1, b), (d2, c) = daily_layers[:3]
    gz = tmp_path / f"layer_{d0:%Y-%m-%d}.geojson.gz"
    gz.write_bytes(gzip.compress(json.dumps(feature_collection(a, name="a")).encode()))
    zpath = tmp_path / "days.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr(f"x/deepstatemap_data_{d1:%Y%m%d}.geojson",
                    json.dumps(feature_collection(b, name="b")))
    dated = tmp_path / "merged.geojson"
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"date": d2.isoformat()},
         "geometry": json.loads(shapely.to_geojson(c))}]}
    dated.write_text(json.dumps(doc))
    h = read_history([gz, zpath, dated], cache=False)
    assert h.dates == [d0, d1, d2] and not h.problems
    assert h.days[1].source.startswith("days.zip:")
    pq = tmp_path / "days.parquet"
    gpd.GeoDataFrame({"date": [d0.isoformat(), d1.isoformat()]}, geometry=[a, b],
                     crs=4326).to_parquet(pq)
    hp = read_history(pq, cache=False)
    assert hp.dates == [d0, d1]
    assert shapely.area(shapely.symmetric_difference(hp.days[1].geometry, b)) < 1e-12


def test_duplicate_dates_and_nothing_readable(tmp_path: Path,
                                              daily_layers: list) -> None:  # type: ignore[type-arg]
    d0, a = daily_layers[0]
    for name in (f"one_{d0:%Y%m%d}.geojson", f"two_{d0:%Y-%m-%d}.geojson"):
        (tmp_path / name).write_text(json.dumps(feature_collection(a, name=name)))
    h = read_history(tmp_path, cache=False)
    assert len(h) == 1 and "also given by" in h.problems[0].message
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(HistoryError, match="holds no"):
        read_history(empty, cache=False).raise_if_empty()
    assert h.nearest(d0 + dt.timedelta(days=3), within_days=2) is None
    assert h.nearest(d0 + dt.timedelta(days=3), within_days=3) is not None
