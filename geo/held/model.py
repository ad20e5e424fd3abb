"""The held-territory model: who holds what in every unit, with the geometry zones are cut from.

:class:`HeldTerritory` is one row per unit and side (``russia``, ``ukraine``, and
``mismatch`` for a measured layer's boundary-mismatch strips) with its ground, km², share
of the unit, basis (``measured`` or ``schematic``) and source, plus the equal-area
unions that contact lines and bands are traced on. The builders are
:mod:`geo.held.measured` and :mod:`geo.held.schematic`. Geometries are EPSG:4326; areas
km² (geodesic); shares percent of the unit polygon.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.areas import WGS84, from_ea, geodesic_areas_km2, geometry_area_km2, to_ea
from geo.errors import FrontlineError
from geo.measure import MISMATCH_OPENING_KM
from geo.memo import Memo, digest, memoized
from geo.repair import polygon_parts, polygonal_valid

__all__ = ["MISMATCH_OPENING_KM", "HELD_COLUMNS", "HELD_SIDES", "HeldTerritory"]

#: The sides of a row: the two holders, and the mismatch strip of a measured layer.
HELD_SIDES: tuple[str, ...] = ("russia", "ukraine", "mismatch")
#: Columns of :attr:`HeldTerritory.frame` (plus ``geometry``).
HELD_COLUMNS: tuple[str, ...] = (
    "code", "name_en", "side", "basis", "schematic", "area_km2", "share_pct",
    "unit_area_km2", "target_share_pct", "method", "note", "source",
)

#: Closing radius (m) that seals raster slivers between neighbouring schematic zones.

#: Parts smaller than this (km²) are overlay debris, not ground.
SPECK_KM2 = 0.001
#: Sudzha (51.19 N, 35.27 E), the centre of Ukraine's 2024 incursion into Kursk oblast.


@dataclass(frozen=True)
class HeldTerritory:
    """Who holds what in every unit, with the geometry that the zones are cut from.

    Attributes
    ----------
    frame : GeoDataFrame
        One row per unit and side with ground, index ``code:side``, columns
        :data:`HELD_COLUMNS` and ``geometry`` (EPSG:4326).
    basis : {"measured", "schematic"}
        ``measured`` when a control layer was given (its rows are measured; fallback
        rows say ``schematic`` in their own ``basis``).
    source : str
        The layer's name, or what the schematic zones were grown from.
    russia_ea : shapely geometry
        Everything Russia holds near Ukraine in the equal-area CRS: the layer, or the
        schematic zones with Russia itself, slivers sealed (for contact lines, bands).
    ukraine_ea : shapely geometry
        Ukraine's units, equal-area CRS.
    mismatch_ea : shapely geometry
        The boundary-mismatch strips, equal-area CRS (empty for schematic).
    units : GeoDataFrame
        The unit layer the rows refer to.
    sides : tuple of str
        The sides a measured layer maps (empty for schematic).
    notes : tuple of str
        What the reader should know (mismatch found, spill over the border, fallbacks).
    contested : mapping of str to float
        Contested km² (the grey zone) per unit code, for a layer that maps it; the
        ground lies in neither side's rows but in the Ukrainian rest of a unit.
    only : tuple of str or None
        The units measured when not all were (``measured_territory(..., codes=...)``,
        what checking a few claims needs): rows exist for these units only, and the
        layer geometry is clipped to a window around them. None: every unit.
    """

    frame: gpd.GeoDataFrame
    basis: str
    source: str
    russia_ea: BaseGeometry
    ukraine_ea: BaseGeometry
    units: gpd.GeoDataFrame
    mismatch_ea: BaseGeometry = field(default_factory=Polygon)
    sides: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    contested: Mapping[str, float] = field(default_factory=dict)
    only: tuple[str, ...] | None = None

    def contested_km2(self, code: str) -> float:
        """Contested km² in unit ``code`` (0 where the layer maps none)."""
        return float(self.contested.get(code, 0.0))

    @property
    def schematic(self) -> bool:
        """True when no mapped layer was used."""
        return self.basis == "schematic"

    @cached_property
    def _by_side(self) -> dict[str, gpd.GeoDataFrame]:
        """Each side's rows indexed by code (split once: claims ask per unit, many times)."""
        return {side: self.frame[self.frame["side"] == side].set_index("code")
                for side in HELD_SIDES}

    @cached_property
    def _figures(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(code, side) -> (km², share %)."""
        return {(code, side): (float(a), float(p)) for side, rows in self._by_side.items()
                for code, a, p in zip(rows.index, rows["area_km2"], rows["share_pct"],
                                      strict=True)}

    def rows(self, side: str) -> gpd.GeoDataFrame:
        """The rows of one side, indexed by unit code."""
        if side not in HELD_SIDES:
            raise FrontlineError(f"side: expected one of {', '.join(HELD_SIDES)}; got {side!r}.")
        return self._by_side[side]

    def ground(self, codes: Sequence[str], side: str) -> BaseGeometry:
        """The ground ``side`` holds in units ``codes`` as one geometry (EPSG:4326)."""
        rows = self.rows(side)
        geoms = [rows.loc[c, "geometry"] for c in codes if c in rows.index]
        if not geoms:
            return Polygon()
        return geoms[0] if len(geoms) == 1 else polygonal(shapely.union_all(geoms))

    def zone_ground(self, codes: Sequence[str], side: str) -> BaseGeometry:
        """The ground ``side`` holds in ``codes``, cut for a proposal zone (EPSG:4326).

        Measured: the rows themselves (exact: unit minus layer minus mismatch, or the
        layer's part). Schematic: the units' union cut by the sealed schematic union
        (snapped onto the units' edges), so zones meeting at a unit border leave no
        raster slivers between them.
        """
        codes = [c for c in codes if c in self.units.index]
        if not codes:
            return Polygon()
        if not self.schematic:
            return self.ground(codes, side)
        area = shapely.union_all(np.asarray(self.units.loc[codes, "geometry"]))
        held = shapely.make_valid(shapely.snap(from_ea(self.russia_ea), area, 1e-4))
        if side == "russia":
            return polygonal(intersection(held, area))
        if side == "ukraine" and all(c.startswith("UA-") for c in codes):
            return polygonal(area.difference(held))
        return self.ground(codes, side)

    def km2(self, code: str, side: str) -> float:
        """km² ``side`` holds in unit ``code`` (0 when it holds nothing there)."""
        self.rows(side)  # checks the side
        return self._figures.get((code, side), (0.0, 0.0))[0]

    def share(self, code: str, side: str) -> float:
        """Percent of unit ``code`` held by ``side``."""
        self.rows(side)
        return self._figures.get((code, side), (0.0, 0.0))[1]

    def maps(self, code: str, side: str) -> bool:
        """Whether ``side``'s ground in unit ``code`` is known from the layer (measured).

        Russian-held ground needs a layer of it; Ukrainian-held ground in a Ukrainian
        unit is the rest of the unit, so it needs the same; Ukrainian-held ground in a
        Russian unit needs features marked ``side: ukraine``.
        """
        if self.schematic:
            return False
        in_ukraine = code in self.units.index and self.units.loc[code, "country"] == "UA"
        if side == "ukraine" and not in_ukraine:
            return "ukraine" in self.sides
        return "russia" in self.sides

    def basis_of(self, code: str, side: str) -> str:
        """``measured`` or ``schematic`` for the ground of ``side`` in ``code``."""
        return "measured" if self.maps(code, side) else "schematic"


def polygonal(geom: BaseGeometry | None) -> BaseGeometry:
    """Only the polygonal parts of a geometry, specks dropped (empty Polygon when none)."""
    if geom is None or geom.is_empty:
        return Polygon()
    if not geom.is_valid:
        geom = polygonal_valid(geom)
    parts = polygon_parts(geom)
    if len(parts) > 1:
        areas = geodesic_areas_km2(np.asarray(parts, dtype=object))
        parts = [p for p, a in zip(parts, areas, strict=True) if a >= SPECK_KM2] or parts
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def intersection(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """``a & b``, retried on a 1e-7 degree grid when GEOS meets a non-noded edge."""
    try:
        return a.intersection(b)
    except shapely.errors.GEOSException:
        return shapely.intersection(a, b, grid_size=1e-7)


def ukraine_ea(units: gpd.GeoDataFrame, memo: Memo | None) -> BaseGeometry:
    def compute() -> BaseGeometry:
        ua = shapely.union_all(np.asarray(units.loc[units["country"] == "UA", "geometry"]))
        return to_ea(ua)
    # the units' digest (3 ms) once per frame a memo sees: an atlas's memo lives no longer
    # than the atlas, which holds its units, so the frame's id names it
    key = memoized(memo, "units_digest", id(units), lambda: digest(units))
    return memoized(memo, "ukraine_ea", key, compute)


def make_row(code: str, side: str, geom: BaseGeometry, km2: float, units: gpd.GeoDataFrame,
         unit_km2: float, *, basis: str, source: str, target: float = math.nan,
         method: str = "", note: str = "") -> dict[str, object]:
    return {
        "code": code, "name_en": units.loc[code, "name_en"], "side": side, "basis": basis,
        "schematic": basis == "schematic", "area_km2": km2,
        "share_pct": 100.0 * km2 / unit_km2 if unit_km2 else 0.0, "unit_area_km2": unit_km2,
        "target_share_pct": target, "method": method, "note": note, "source": source,
        "geometry": geom,
    }


def make_frame(rows: list[dict[str, object]]) -> gpd.GeoDataFrame:
    if not rows:
        empty: dict[str, list[object]] = {c: [] for c in HELD_COLUMNS}
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    frame.index = pd.Index([f"{r['code']}:{r['side']}" for r in rows], name="held_id")
    return frame[[*HELD_COLUMNS, "geometry"]]


def unit_km2(units: gpd.GeoDataFrame, code: str) -> float:
    if "geodesic_area_km2" in units.columns:
        return float(units.loc[code, "geodesic_area_km2"])
    return geometry_area_km2(units.loc[code, "geometry"])

