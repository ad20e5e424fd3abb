"""The growth engine of schematic zones: a growth order over the cells of one unit.

For one unit the engine rasterizes the unit in :data:`geo.areas.EQUAL_AREA_CRS` (metres),
computes a growth level per cell (a thin-plate-spline surface through the profile's
anchors and borders, :mod:`geo.schematic.profiles`; the distance from held ground for
units without a profile), raises it across the Dnipro, and orders the cells by a
priority flood from the holder's side. The zone for a share is the first cells of that
order (:mod:`geo.schematic.zones`). Orders are pure functions of the unit, the seed
territory and the resolution; pass a :class:`~geo.memo.Memo` to reuse them.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry import LineString, Polygon, box
from shapely.geometry.base import BaseGeometry

from geo.areas import EQUAL_AREA_CRS, WGS84, from_ea, to_ea
from geo.boundaries import load_countries
from geo.memo import Memo, digest, memoized
from geo.raster import Grid, coverage_fraction, grid_for, rasterize
from geo.schematic.profiles import DNIPRO_LINE, PROFILES

__all__ = ["GrowthOrder", "growth_order", "holder_territory", "to_ea", "from_ea",
           "MAX_UNIT_CELLS"]

#: Most cells of one unit's raster (its bounding box at the resolution): Odesa, the
#: largest unit, is 84,000 cells at 1 km and 2 million at about 205 m. A unit's order
#: takes about 2 s and 0.2 GB a million cells.
MAX_UNIT_CELLS = 2_000_000

_REGION_BOX = box(20.0, 43.0, 42.0, 53.5)


@functools.lru_cache(maxsize=1)
def _russia_outline() -> BaseGeometry:
    countries = load_countries()
    rus = countries.loc[countries["iso_a3"] == "RUS", "geometry"]
    geom = shapely.union_all(list(rus.values)) if len(rus) else Polygon()
    return geom.intersection(_REGION_BOX)


def holder_territory(
    units: gpd.GeoDataFrame, held: Mapping[str, BaseGeometry] | None = None
) -> BaseGeometry:
    """Russia (outline and the RU-* units of ``units``) plus ``held`` geometries (EPSG:4326)."""
    parts = [_russia_outline()]
    parts += list(units.loc[units["country"] == "RU"].geometry.values)
    if held:
        parts += [g for g in held.values() if g is not None and not g.is_empty]
    return shapely.union_all(parts)


_TO_EA = Transformer.from_crs(WGS84, EQUAL_AREA_CRS, always_xy=True)


@dataclass
class GrowthOrder:
    """The cells of one unit in the order the holder takes them.

    Attributes
    ----------
    grid : Grid
        The raster grid (equal-area metres).
    unit_ea : shapely geometry
        The unit in the equal-area CRS.
    unit_ea_area : float
        Its area, m².
    rank : ndarray of int
        Position of each cell in the order; -1 outside the unit.
    cum_area : ndarray of float
        Equal-area m² of the first k+1 cells in order.
    method : str
        How the levels were made (for tooltips and exports).
    first_part : int
        Cells reachable from the origin as one part.
    """

    grid: Grid
    unit_ea: BaseGeometry
    unit_ea_area: float
    rank: NDArray[np.int64]  # -1 outside the unit
    cum_area: NDArray[np.float64]  # equal-area m² of the first k+1 cells in order
    method: str
    first_part: int  # cells reachable from the origin as one part



def _block_sample(mask: NDArray[np.bool_], block: int) -> NDArray[np.int64]:
    """Row/col indices of one cell of ``mask`` per ``block`` x ``block`` block."""
    rows, cols = np.nonzero(mask)
    if rows.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    keys = (rows // block) * 100_000 + (cols // block)
    _, first = np.unique(keys, return_index=True)
    return np.stack([rows[first], cols[first]], axis=1).astype(np.int64)


def _level_field(
    code: str,
    grid: Grid,
    mask: NDArray[np.bool_],
    seed: NDArray[np.bool_],
    units: gpd.GeoDataFrame,
    seed_by_source: Mapping[str, NDArray[np.bool_]] | None = None,
) -> tuple[NDArray[np.float64], str]:
    """Growth level per cell (lower = taken earlier) and a method label."""
    res = grid.resolution_m
    profile = PROFILES.get(code)
    if profile is None:
        from scipy import ndimage  # scipy loads when growth runs, not at import

        dist = ndimage.distance_transform_edt(~seed) * res
        inside = dist[mask]
        scale = float(inside.max()) if inside.size and inside.max() > 0 else 1.0
        return np.asarray(dist / scale, dtype=np.float64), "distance from holder territory"
    gx, gy = grid.cell_centres()
    far = np.zeros(grid.shape, dtype=bool)
    far_geoms = [units.loc[c, "geometry"] for c in profile.far if c in units.index]
    if far_geoms:
        far_ea = to_ea(shapely.union_all(far_geoms))
        far = rasterize(far_ea.buffer(2 * res), grid) & mask & ~seed
    block = max(1, int(round(8000 / res)))
    pts: list[NDArray[np.float64]] = []
    vals: list[NDArray[np.float64]] = []
    levels = dict(profile.seed_levels)
    sources = dict(seed_by_source) if seed_by_source else {"": seed}
    samples = [(_block_sample(m & seed, block), levels.get(s, 0.0)) for s, m in sources.items()]
    samples.append((_block_sample(far, block), 1.0))
    for cells, lv in samples:
        if len(cells):
            pts.append(np.stack([gx[cells[:, 0], cells[:, 1]], gy[cells[:, 0], cells[:, 1]]], 1))
            vals.append(np.full(len(cells), lv))
    ax, ay = _TO_EA.transform([a.lon for a in profile.anchors], [a.lat for a in profile.anchors])
    pts.append(np.stack([np.asarray(ax), np.asarray(ay)], 1))
    vals.append(np.asarray([a.level for a in profile.anchors], dtype=np.float64))
    p = np.concatenate(pts) / 1000.0  # km
    v = np.concatenate(vals)
    from scipy.interpolate import RBFInterpolator

    rbf = RBFInterpolator(p, v, kernel="thin_plate_spline", smoothing=0.5)
    level = np.full(grid.shape, 2.0)
    rows, cols = np.nonzero(mask)
    q = np.stack([gx[rows, cols], gy[rows, cols]], 1) / 1000.0
    level[rows, cols] = np.clip(rbf(q), -0.1, 1.5)
    return level, "front-history surface (anchors, borders)"


def _flood_order(
    level: NDArray[np.float64],
    mask: NDArray[np.bool_],
    origin_cells: NDArray[np.bool_],
    seed: NDArray[np.bool_],
) -> tuple[NDArray[np.int64], int]:
    """Priority-flood rank of each cell of ``mask`` (4-connected), -1 outside.

    The flood starts from the lowest-level cell of ``origin_cells``; when its part is
    exhausted, it restarts from the lowest-level remaining ``seed`` cell. Also returns
    the number of cells of the first part.
    """
    h, w = mask.shape
    flat_level = level.ravel()
    flat_mask = mask.ravel()
    rank = np.full(h * w, -1, dtype=np.int64)
    queued = np.zeros(h * w, dtype=bool)
    n = 0
    first_part = -1

    def start_from(cells: NDArray[np.bool_]) -> int:
        idx = np.flatnonzero(cells.ravel() & flat_mask & ~queued)
        if idx.size == 0:
            return -1
        best = idx[np.lexsort((idx, flat_level[idx]))[0]]
        return int(best)

    heap: list[tuple[float, int]] = []
    first = start_from(origin_cells)
    if first < 0:
        first = start_from(seed)
    if first < 0:
        first = start_from(mask)
    while first >= 0:
        heapq.heappush(heap, (float(flat_level[first]), first))
        queued[first] = True
        while heap:
            lv, i = heapq.heappop(heap)
            rank[i] = n
            n += 1
            r, c = divmod(i, w)
            for j in (i - w if r > 0 else -1, i + w if r < h - 1 else -1,
                      i - 1 if c > 0 else -1, i + 1 if c < w - 1 else -1):
                if j >= 0 and flat_mask[j] and not queued[j]:
                    queued[j] = True
                    heapq.heappush(heap, (max(lv, float(flat_level[j])), j))
        if first_part < 0:
            first_part = n
        first = start_from(seed)
    return rank.reshape(h, w), max(first_part, 0)


def _seed_geometries(
    code: str,
    units: gpd.GeoDataFrame,
    held: Mapping[str, BaseGeometry] | None = None,
    in_call: frozenset[str] = frozenset(),
) -> dict[str, BaseGeometry]:
    """Seed territory per source (``RU`` or a unit code), EPSG:4326.

    A neighbouring unit seeds with the zone actually grown for it in this call
    (``held``); a unit of the call with no zone seeds nothing; a unit outside the call
    is taken as wholly held (the profile's assumption).
    """
    profile = PROFILES.get(code)
    sources = profile.seeds if profile else ("RU",)
    out: dict[str, BaseGeometry] = {}
    for s in sources:
        if s == "RU":
            out[s] = shapely.union_all(
                [_russia_outline(), *units.loc[units["country"] == "RU"].geometry.values])
        elif held is not None and s in held:
            out[s] = held[s]
        elif s in in_call:
            continue  # in this call, and nothing of it is held
        elif s in units.index:
            out[s] = units.loc[s, "geometry"]
    return out


def _seed_cells(
    unit_ea: BaseGeometry, seed_ea: BaseGeometry, grid: Grid, mask: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """Unit cells along the border with the seed territory (nearest border if none touch)."""
    res = grid.resolution_m
    if seed_ea.is_empty:
        return np.zeros(grid.shape, dtype=bool)
    gap = float(unit_ea.distance(seed_ea))
    reach = max(2.0 * res, gap + 2.0 * res)
    strip = unit_ea.boundary.intersection(seed_ea.buffer(reach))
    cells = rasterize(strip, grid, all_touched=True) & mask
    return cells


def growth_order(
    code: str, units: gpd.GeoDataFrame, resolution_m: float, *,
    extra_seed: BaseGeometry | None = None,
    held: Mapping[str, BaseGeometry] | None = None,
    in_call: frozenset[str] = frozenset(),
    memo: Memo | None = None,
) -> GrowthOrder:
    """The growth order of unit ``code`` seeded by the holder's territory.

    Parameters
    ----------
    code : str
        The unit (ISO 3166-2).
    units : GeoDataFrame
        The unit layer.
    resolution_m : float
        Raster cell side, metres.
    extra_seed : shapely geometry, optional, keyword-only
        Further held ground to seed from (units without a profile).
    held : mapping of str to geometry, optional, keyword-only
        Zones already grown in this call, by unit code (they seed their neighbours).
    in_call : frozenset of str, keyword-only
        Units of the call (a neighbour of the call with no zone seeds nothing).
    memo : Memo, optional, keyword-only
        Reuse orders computed before for the same unit, seeds and resolution.
    """
    unit = units.loc[code, "geometry"]
    seed_geoms = _seed_geometries(code, units, held, in_call)
    if code not in PROFILES and extra_seed is not None and not extra_seed.is_empty:
        seed_geoms["held"] = extra_seed
    seed_geoms = {k: g.difference(unit) for k, g in seed_geoms.items()}  # never the unit
    profile = PROFILES.get(code)
    far = [units.loc[c, "geometry"] for c in (profile.far if profile else ()) if c in units.index]
    key = (code, float(resolution_m), digest(unit, sorted(seed_geoms.items()), far))
    return memoized(memo, "growth_order", key,
                    lambda: _compute_order(code, unit, seed_geoms, units, resolution_m))


def _compute_order(code: str, unit: BaseGeometry, seed_geoms: Mapping[str, BaseGeometry],
                   units: gpd.GeoDataFrame, resolution_m: float) -> GrowthOrder:
    unit_ea = to_ea(unit)
    grid = grid_for(unit_ea, resolution_m, max_total=MAX_UNIT_CELLS)
    mask = rasterize(unit_ea, grid, all_touched=True)
    by_source = {k: _seed_cells(unit_ea, to_ea(g), grid, mask)
                 for k, g in seed_geoms.items() if not g.is_empty}
    seed = np.zeros(grid.shape, dtype=bool)
    for cells in by_source.values():
        seed |= cells
    profile = PROFILES.get(code)
    origin = seed
    if profile is not None and profile.seed_box is not None:
        box_ea = to_ea(box(*profile.seed_box))
        origin = seed & rasterize(box_ea, grid, all_touched=True)
    level, method = _level_field(code, grid, mask, origin if origin.any() else seed, units,
                                 by_source)
    level, method = _dnipro_barrier(level, method, grid, mask, origin if origin.any() else seed)
    rank, first_part = _flood_order(level, mask, origin, seed)
    cover = coverage_fraction(unit_ea, grid) * resolution_m**2
    order = np.argsort(np.where(rank >= 0, rank, np.iinfo(np.int64).max), axis=None)
    n_cells = int((rank >= 0).sum())
    cum = np.cumsum(cover.ravel()[order[:n_cells]])
    return GrowthOrder(grid=grid, unit_ea=unit_ea, unit_ea_area=float(unit_ea.area),
                       rank=rank, cum_area=cum, method=method, first_part=first_part)


def _dnipro_barrier(level: NDArray[np.float64], method: str, grid: Grid,
                    mask: NDArray[np.bool_], start: NDArray[np.bool_],
                    ) -> tuple[NDArray[np.float64], str]:
    """Raise the level by 1 across the lower Dnipro from where growth starts."""
    barrier = rasterize(to_ea(LineString(DNIPRO_LINE)), grid, all_touched=True) & mask
    if not barrier.any():
        return level, method
    from scipy import ndimage

    labels, _ = ndimage.label(mask & ~barrier)
    near = set(np.unique(labels[start & (labels > 0)]).tolist())
    if near:
        far_side = (labels > 0) & ~np.isin(labels, list(near))
        far_side |= barrier
        if far_side.any() and (mask & ~far_side).any():
            return level + np.where(far_side, 1.0, 0.0), method + "; Dnipro barrier"
    return level, method

