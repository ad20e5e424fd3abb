"""Raster helpers for derived geometry: grids in the equal-area CRS, rasterize, polygonize.

Every grid here is in :data:`geo.areas.EQUAL_AREA_CRS` (metres), so one cell is
``resolution_m²`` of ground wherever it lies. Grid sizes are capped
(:data:`MAX_CELLS_PER_SIDE`) so no computation can run away with memory or time.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np
import shapely
from affine import Affine
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from geo.errors import FrontlineError

__all__ = [
    "MAX_CELLS_PER_SIDE",
    "Grid",
    "grid_for",
    "grid_shape",
    "check_resolution_m",
    "rasterize",
    "coverage_fraction",
    "polygonize",
]

#: Largest raster side, in cells (2,000 x 2,000 = 4 million cells at most).
MAX_CELLS_PER_SIDE = 2_000

#: rasterio runs one call at a time in a process (the app derives in one thread per
#: browser session). Each call wraps the array in a GDAL in-memory raster (rasterio's
#: ``MemoryDataset``), opened before our transform is set: rasterio hides that open's
#: ``NotGeoreferencedWarning`` ("Dataset has no geotransform") with
#: ``warnings.catch_warnings``, and enables the open with a GDAL option; neither is per
#: thread. Two threads at once let the warning out into the server log and can leave the
#: process's warning filters changed (seen: ``ignore`` for every warning). Every grid here
#: has its transform (:attr:`Grid.transform`); the lock takes the race away.
_RASTERIO_LOCK = threading.Lock()


@dataclass(frozen=True)
class Grid:
    """A north-up raster grid in the equal-area CRS.

    Attributes
    ----------
    x0, y0 : float
        Upper-left corner, metres.
    resolution_m : float
        Cell side, metres.
    width, height : int
        Columns and rows.
    """

    x0: float
    y0: float
    resolution_m: float
    width: int
    height: int

    @property
    def transform(self) -> Affine:
        """The rasterio affine transform of the grid."""
        return Affine(self.resolution_m, 0.0, self.x0, 0.0, -self.resolution_m, self.y0)

    @property
    def shape(self) -> tuple[int, int]:
        """``(height, width)``, the numpy shape of a raster on this grid."""
        return (self.height, self.width)

    def cell_centres(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """x and y (metres) of every cell centre, as two ``shape`` arrays."""
        xs = self.x0 + (np.arange(self.width) + 0.5) * self.resolution_m
        ys = self.y0 - (np.arange(self.height) + 0.5) * self.resolution_m
        gx, gy = np.meshgrid(xs, ys)
        return gx, gy


def grid_shape(bounds: tuple[float, float, float, float], resolution_m: float, *,
               pad_cells: int = 2) -> tuple[float, float, int, int]:
    """``(x0, y0, width, height)`` of the grid :func:`grid_for` lays over ``bounds``."""
    minx, miny, maxx, maxy = bounds
    x0 = math.floor(minx / resolution_m) * resolution_m - pad_cells * resolution_m
    y1 = math.ceil(maxy / resolution_m) * resolution_m + pad_cells * resolution_m
    width = int(math.ceil((maxx - x0) / resolution_m)) + pad_cells
    height = int(math.ceil((y1 - miny) / resolution_m)) + pad_cells
    return x0, y1, width, height


def check_resolution_m(resolution_m: float, *, argument: str = "resolution_m") -> None:
    """A clear error unless ``resolution_m`` is a positive, finite number of metres."""
    if isinstance(resolution_m, bool) or not isinstance(resolution_m, int | float) or not (
            resolution_m > 0 and math.isfinite(resolution_m)):
        raise FrontlineError(
            f"{argument}: expected a positive number of metres (e.g. 1000); got "
            f"{resolution_m!r}.")


def grid_for(
    geometry: BaseGeometry, resolution_m: float, *, pad_cells: int = 2,
    max_cells: int = MAX_CELLS_PER_SIDE, max_total: int | None = None,
) -> Grid:
    """A grid covering ``geometry`` (equal-area metres) with ``pad_cells`` of margin.

    Raises
    ------
    FrontlineError
        If the resolution is not positive or the grid would exceed ``max_cells`` per side
        (or ``max_total`` cells in all).
    """
    check_resolution_m(resolution_m)
    x0, y1, width, height = grid_shape(geometry.bounds, resolution_m, pad_cells=pad_cells)
    if max_total is not None and width * height > max_total:
        raise FrontlineError(
            f"resolution_m: a {resolution_m:g} m raster of this area would be {width:,} x "
            f"{height:,} = {width * height:,} cells; the cap is {max_total:,} cells so nothing "
            f"hangs. Use a coarser resolution_m (at least "
            f"{math.ceil(resolution_m * math.sqrt(width * height / max_total) / 10) * 10:,} m)."
        )
    if width > max_cells or height > max_cells:
        raise FrontlineError(
            f"resolution_m: a {resolution_m:g} m raster of this area would be {width:,} x "
            f"{height:,} cells; the cap is {max_cells:,} x {max_cells:,} cells so nothing "
            f"hangs. Use a coarser resolution_m (at least "
            f"{resolution_m * max(width, height) / max_cells:,.0f} m)."
        )
    return Grid(x0=x0, y0=y1, resolution_m=float(resolution_m), width=width, height=height)


def rasterize(
    geometries: BaseGeometry | list[BaseGeometry], grid: Grid, *, all_touched: bool = False
) -> NDArray[np.bool_]:
    """Boolean mask of the cells covered by ``geometries`` (equal-area metres)."""
    geoms = [geometries] if isinstance(geometries, BaseGeometry) else list(geometries)
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        return np.zeros(grid.shape, dtype=bool)
    import rasterio.features  # here, not at import: most runs read derived layers back

    with _RASTERIO_LOCK:
        out = rasterio.features.rasterize(
            [(g, 1) for g in geoms], out_shape=grid.shape, transform=grid.transform,
            fill=0, all_touched=all_touched, dtype="uint8",
        )
    return np.asarray(out, dtype=bool)


def coverage_fraction(
    geometry: BaseGeometry, grid: Grid, *, factor: int = 4
) -> NDArray[np.float64]:
    """Fraction (0-1) of each cell inside ``geometry``, by ``factor``² supersampling."""
    fine = Grid(grid.x0, grid.y0, grid.resolution_m / factor, grid.width * factor,
                grid.height * factor)
    mask = rasterize(geometry, fine)  # counted as bytes: a float copy was 8 bytes a fine cell
    blocks = mask.reshape(grid.height, factor, grid.width, factor)
    counts = blocks.sum(axis=(1, 3), dtype=np.uint16)
    return np.asarray(counts, dtype=np.float64) / (factor * factor)


def polygonize(mask: NDArray[np.bool_], grid: Grid) -> BaseGeometry:
    """Union of the cells of ``mask`` as (Multi)Polygon in equal-area metres."""
    import rasterio.features

    if not mask.any():
        return Polygon()
    with _RASTERIO_LOCK:  # shapes() is a generator: read it whole under the lock
        found = list(rasterio.features.shapes(
            mask.astype(np.uint8), mask=mask, transform=grid.transform, connectivity=4
        ))
    polys = [shape(geom) for geom, value in found if value == 1]
    if len(polys) == 1:
        return polys[0]
    merged = shapely.union_all(polys)
    return merged if isinstance(merged, Polygon | MultiPolygon) else Polygon()
