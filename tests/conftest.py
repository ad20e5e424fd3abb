"""Shared fixtures: the real boundary layer (once per session) and tiny hand-checkable shapes."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.boundaries import load_units
from geo.layerset import Atlas
from geo.reports import load_reports


def pytest_configure(config: pytest.Config) -> None:
    """Derived results and parsed histories go to a folder of this run, not ~/.cache
    (the app and CLI started by the tests inherit it)."""
    import os
    import tempfile

    os.environ.setdefault("FRONTLINE_CACHE_DIR", tempfile.mkdtemp(prefix="frontline-cache-"))
    # the key that seals cache entries (geo.store.cache_key) too: not ~/.config
    os.environ.setdefault("FRONTLINE_CONFIG_DIR", tempfile.mkdtemp(prefix="frontline-config-"))
    # reports saved by the tests (drafts from articles) stay out of the user's folder
    os.environ.setdefault("FRONTLINE_USER_REPORTS",
                          str(Path(tempfile.mkdtemp(prefix="frontline-user-")) / "reports"))


@pytest.fixture(scope="session")
def units() -> gpd.GeoDataFrame:
    """The committed boundary layer, loaded once (tests must not modify it)."""
    return load_units()


@pytest.fixture(scope="session")
def atlas(units: gpd.GeoDataFrame) -> Atlas:
    """The built-in reports on the real units, one memo for the whole session."""
    return Atlas(load_reports(), units)


@pytest.fixture(scope="session")
def ua_units(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return units[units["country"] == "UA"]


@pytest.fixture()
def two_boxes() -> gpd.GeoDataFrame:
    """Two 1 deg x 1 deg boxes on the equator sharing an edge (12,308.78 km² each)."""
    return gpd.GeoDataFrame(
        {"name": ["west", "east"]},
        geometry=[box(30, 0, 31, 1), box(31, 0, 32, 1)],
        crs="EPSG:4326",
        index=["W", "E"],
    )


@pytest.fixture(scope="session")
def daily_layers() -> list[tuple[object, object]]:
    """A synthetic run of 12 daily layers of the shape real exports have (see geo.synthetic)."""
    from geo.synthetic import SyntheticSeries, synthetic_history

    return list(synthetic_history(SyntheticSeries(days=14, gaps=1, seed=11)))


@pytest.fixture(scope="session")
def daily_file(tmp_path_factory: pytest.TempPathFactory, daily_layers: list) -> object:  # type: ignore[type-arg]
    """One real-shaped daily export on disk: ``deepstatemap_data_YYYYMMDD.geojson``."""
    import json

    from geo.synthetic import feature_collection

    date, layer = daily_layers[-1]
    stem = f"deepstatemap_data_{date:%Y%m%d}"
    path = tmp_path_factory.mktemp("daily") / f"{stem}.geojson"
    path.write_text(json.dumps(feature_collection(layer, name=stem)), encoding="utf-8")
    return path
