"""geo.raster: grids, rasterize and polygonize, also from many threads at once (the app
derives in one thread per browser session)."""

from __future__ import annotations

import threading
import warnings

import numpy as np
from shapely.geometry import Point, box

from geo.raster import Grid, polygonize, rasterize


def test_rasterize_and_polygonize_round_trip_on_the_grid() -> None:
    grid = Grid(x0=100_000.0, y0=5_000_000.0, resolution_m=1_000.0, width=50, height=40)
    square = box(115_000, 4_975_000, 125_000, 4_985_000)  # 10 x 10 km, on cell edges
    mask = rasterize(square, grid)
    assert mask.shape == (40, 50) and mask.sum() == 100
    assert polygonize(mask, grid).equals(square)


def test_threads_rasterizing_at_once_leak_no_warning_and_agree() -> None:
    # rasterio hides a NotGeoreferencedWarning of its own (an in-memory raster opened
    # before its transform is set) with warnings.catch_warnings, which is not per thread:
    # unserialized, threads let it out (an error here: filterwarnings = error) and leave
    # the warning filters changed.
    grid = Grid(x0=100_000.0, y0=5_000_000.0, resolution_m=500.0, width=600, height=600)
    disc = Point(250_000, 4_850_000).buffer(100_000, quad_segs=64)
    expected = rasterize(disc, grid, all_touched=True)
    expected_km2 = polygonize(expected, grid).area / 1e6
    assert 31_400 < expected_km2 < 32_400  # the disc is 31,416 km², cells touched added
    filters = list(warnings.filters)
    failures: list[str] = []

    def work() -> None:
        try:
            for i in range(80):
                mask = rasterize(disc, grid, all_touched=True)
                if not np.array_equal(mask, expected):
                    failures.append(f"rasterize {i}: {int(mask.sum())} cells")
                if i % 20 == 0 and polygonize(mask, grid).area / 1e6 != expected_km2:
                    failures.append(f"polygonize {i}")
        except Exception as exc:  # noqa: BLE001 - a leaked warning is raised as an error
            failures.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert warnings.filters == filters
