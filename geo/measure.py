"""Measuring mapped control: the controlled km² and share of every unit, fast.

:class:`UnitIndex` prepares the unit layer once (geometries, geodesic areas, a spatial
index, a point inside each unit); :meth:`UnitIndex.measure` then measures one layer:

* units whose box the layer does not reach hold nothing;
* units the layer's boundary does not cross are wholly in or out of it (one
  point-in-polygon test);
* only the crossed units are intersected, all in one vectorized call, and their pieces
  measured on the WGS84 ellipsoid.

Topology is computed in EPSG:4326, as a plain ``geopandas.overlay`` of the layer with the
units does, and areas are geodesic (Karney's algorithm, edges as geodesics), so the
figures equal that overlay's to rounding. Areas are km²; shares are percent of the
unit's polygon (its geodesic area).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from geo.areas import WGS84, from_ea, geodesic_areas_km2, to_ea
from geo.boundaries import ukraine_area_km2
from geo.control import ControlLayer
from geo.errors import FrontlineError

__all__ = ["UnitIndex", "UnitEdges", "ControlMeasure", "measure_control", "outside_units",
           "split_overhang", "SHORT_EDGE_KM", "SEA", "MISMATCH_OPENING_KM"]

#: Key of :func:`outside_units` for ground over no country's land.
SEA = "sea"
#: Radius (km) of the morphological opening that tells boundary mismatch from held
#: ground: thin ground beside a control layer that the opening removes, away from any
#: front, is where the layer's coast or border and the project's boundaries disagree
#: (held by neither side); so is a layer's thin overhang past the state border. On real
#: daily layers eroding the uncovered coastal slivers by 1 km leaves ~1 % of them, while
#: a bridgehead of several km² survives it.
MISMATCH_OPENING_KM = 1.0


class UnitIndex:
    """The unit layer prepared for measuring many layers.

    Parameters
    ----------
    units : GeoDataFrame
        The unit layer of :func:`geo.boundaries.load_units` (index ``code``, EPSG:4326,
        columns ``name_en``, ``country``; ``geodesic_area_km2`` is computed if absent).

    Attributes
    ----------
    codes : ndarray of str
        Unit codes, in the layer's order.
    geoms : ndarray of shapely geometries
        Unit polygons (prepared).
    area_km2 : ndarray of float
        Geodesic area of each unit polygon.
    is_ukraine : ndarray of bool
        ``country == "UA"``.
    ukraine_area_km2 : float
        Ukraine's area, the denominator of a share of Ukraine
        (:func:`geo.boundaries.ukraine_area_km2`: the official areas of its units).
    """

    def __init__(self, units: gpd.GeoDataFrame) -> None:
        if units.crs is not None and not CRS(units.crs).equals(WGS84):
            units = units.to_crs(WGS84)
        self.units = units
        self.codes = np.asarray(units.index, dtype=object)
        self.names = np.asarray(units["name_en"], dtype=object) if "name_en" in units else \
            self.codes.copy()
        self.is_ukraine = np.asarray(units["country"] == "UA") if "country" in units else \
            np.ones(len(units), dtype=bool)
        self.geoms = np.asarray(units.geometry.values, dtype=object)
        if "geodesic_area_km2" in units:
            self.area_km2 = np.asarray(units["geodesic_area_km2"], dtype=float)
        else:
            self.area_km2 = geodesic_areas_km2(self.geoms)
        self.ukraine_area_km2 = ukraine_area_km2(
            units.assign(geodesic_area_km2=self.area_km2, country=np.where(self.is_ukraine,
                                                                           "UA", "RU")))
        shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms)
        inner = shapely.point_on_surface(self.geoms)
        self.inner_xy = shapely.get_coordinates(inner)

    @cached_property
    def outline(self) -> BaseGeometry:
        """Union of every unit (prepared): ground outside it is outside the units."""
        union = shapely.union_all(self.geoms, grid_size=1e-6)
        shapely.prepare(union)
        return union

    @cached_property
    def geoms_ea(self) -> NDArray[np.object_]:
        """The units in :data:`geo.areas.EQUAL_AREA_CRS` (edges densified), prepared."""
        from geo.areas import to_equal_area

        out = np.asarray(to_equal_area(gpd.GeoSeries(self.geoms, crs=WGS84)).values,
                         dtype=object)
        shapely.prepare(out)
        return out

    def __len__(self) -> int:
        return len(self.codes)

    @cached_property
    def edges(self) -> UnitEdges:
        """The units' edges, indexed (built on first use: only a series needs them)."""
        return UnitEdges(self.geoms)

    def position(self, code: str) -> int:
        """Index of unit ``code`` in the arrays."""
        hits = np.flatnonzero(self.codes == code)
        if not len(hits):
            raise FrontlineError(f"unit code {code!r} is not in the unit layer.")
        return int(hits[0])

    def measure_units(self, geom: BaseGeometry, which: NDArray[np.int64]) -> NDArray[np.float64]:
        """Controlled km² of units ``which`` only (positions), as :meth:`measure` would."""
        out = np.zeros(len(which))
        for k, i in enumerate(which):
            unit = self.geoms[i]
            part = shapely.clip_by_rect(geom, *shapely.bounds(unit))
            if not part.is_valid:
                part = geom
            out[k] = min(float(geodesic_areas_km2(np.asarray([unit.intersection(part)]))[0]),
                         float(self.area_km2[i]))
        return out

    def measure_parts(self, geom: BaseGeometry) -> NDArray[np.float64]:
        """km² of every unit for a geometry of many small, disjoint parts (a grey zone):
        a part a unit properly contains counts whole (its own geodesic area), only the
        parts that cross a unit's edge are cut. Equal to :meth:`measure`, faster there."""
        parts = shapely.get_parts(geom) if geom is not None else np.asarray([])
        if len(parts) < 2:
            return self.measure(geom)
        pi, ui = self.tree.query(parts)
        out = np.zeros(len(self.codes))
        if not len(pi):
            return out
        inside = shapely.contains_properly(self.geoms[ui], parts[pi])
        if inside.any():
            np.add.at(out, ui[inside], geodesic_areas_km2(parts[pi[inside]]))
        cross = ~inside
        if cross.any():
            pieces = shapely.intersection(self.geoms[ui[cross]], parts[pi[cross]])
            np.add.at(out, ui[cross], geodesic_areas_km2(pieces))
        return np.minimum(out, self.area_km2)

    def measure(self, geom: BaseGeometry) -> NDArray[np.float64]:
        """Controlled km² of every unit for one layer geometry (EPSG:4326)."""
        out = np.zeros(len(self.codes))
        if geom is None or geom.is_empty:
            return out
        shapely.prepare(geom)
        cand = self.tree.query(geom)
        if not len(cand):
            return out
        crossed = shapely.intersects(self.geoms[cand], geom.boundary)
        whole = cand[~crossed]
        inside = shapely.contains_xy(geom, self.inner_xy[whole, 0], self.inner_xy[whole, 1])
        out[whole[inside]] = self.area_km2[whole[inside]]
        cut = cand[crossed]
        if len(cut):
            pieces = shapely.intersection(self.geoms[cut], geom)
            out[cut] = np.minimum(geodesic_areas_km2(pieces), self.area_km2[cut])
        return out


#: Boundary edges shorter than this (km) split without a measurable geodesic effect.
SHORT_EDGE_KM = 0.2


class UnitEdges:
    """Every unit's boundary edges longer than :data:`SHORT_EDGE_KM`, in one spatial index.

    Measuring a unit's area change piece by piece splits its edges where the front
    crosses them; on the ellipsoid the geodesics through such a split point differ from
    the edge by a lens of about ``tan(lat) / 4R x L² x l`` (edge length L, length of the
    edge the piece runs along l): :meth:`lens_bounds` adds these up per unit, and
    :mod:`geo.series` measures a unit exactly before they could matter.

    Attributes
    ----------
    unit : ndarray of int
        The unit (position) of each edge.
    km : ndarray of float
        Geodesic length of each edge, km.
    """

    def __init__(self, geoms: NDArray[np.object_]) -> None:
        from pyproj import Geod

        geod = Geod(ellps="WGS84")
        segs, lengths, owner = [], [], []
        for u, geom in enumerate(geoms):
            for ring in shapely.get_rings(shapely.get_parts(geom)):
                c = shapely.get_coordinates(ring)
                if len(c) < 2:
                    continue
                _, _, dist = geod.inv(c[:-1, 0], c[:-1, 1], c[1:, 0], c[1:, 1])
                km = np.asarray(dist) / 1000.0
                keep = np.flatnonzero(km > SHORT_EDGE_KM)
                segs += [c[i:i + 2] for i in keep]
                lengths.append(km[keep])
                owner.append(np.full(len(keep), u, dtype=np.int64))
        self.km = np.concatenate(lengths) if lengths else np.zeros(0)
        self.unit = np.concatenate(owner) if owner else np.zeros(0, dtype=np.int64)
        self.lines = shapely.linestrings(segs) if segs else np.zeros(0, dtype=object)
        self._deg = shapely.length(self.lines) if segs else np.zeros(0)
        self._tree = shapely.STRtree(self.lines)

    def lens_bounds(self, pieces: NDArray[np.object_], units: NDArray[np.int64],
                    per_km3: float, n_units: int) -> NDArray[np.float64]:
        """Bound (km², per unit) of the lens error of measuring each piece on its own
        inside its unit: for each of that unit's edges the piece runs along, ``per_km3`` x
        L² x the length of edge it runs along."""
        out = np.zeros(n_units)
        if not len(pieces) or not len(self.km):
            return out
        pk, e = self._tree.query(pieces)  # boxes; the unit's own edges; then the piece
        own = self.unit[e] == units[pk]
        pk, e = pk[own], e[own]
        shapely.prepare(pieces)
        hit = shapely.intersects(pieces[pk], self.lines[e])
        pk, e = pk[hit], e[hit]
        if not len(e):
            return out
        km = self.km[e]
        bound = per_km3 * km**3  # the piece runs along at most the whole edge
        long = np.flatnonzero(km > 1.0)  # for those, how much of the edge it runs along
        if len(long):
            along = shapely.length(shapely.intersection(self.lines[e[long]], pieces[pk[long]]))
            bound[long] = per_km3 * km[long] ** 3 * along / self._deg[e[long]]
        np.add.at(out, units[pk], bound)
        return out


@dataclass(frozen=True)
class ControlMeasure:
    """Controlled area per unit and totals for Ukraine.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per unit, index ``code``; columns ``name``, ``area_km2`` (geodesic area
        of the unit polygon), ``controlled_km2`` and ``share_pct`` (ground held by
        ``side``, percent of the polygon), ``contested_km2`` and ``contested_pct`` (the
        grey zone), ``overhang_km2`` (in a Russian unit, the layer's thin strips past
        the border: :func:`split_overhang`; not in ``controlled_km2``),
        and where the units give it ``official_area_km2`` and ``share_official_pct``
        (the share of the official area).
    side : str
        The side measured (``russia`` or ``ukraine``).
    total_controlled_km2 : float
        Controlled km² summed over the Ukrainian units.
    total_area_km2 : float
        Ukraine's area, km² (:func:`geo.boundaries.ukraine_area_km2`, the official
        figure a reported share of Ukraine is of).
    total_share_pct : float
        ``total_controlled_km2`` as percent of ``total_area_km2``.
    source : str
        The layer measured.
    total_contested_km2 : float
        Contested km² (grey zone) summed over the Ukrainian units; the table's
        ``contested_km2`` and ``contested_pct`` give it per unit (zeros for a layer that
        maps none).
    outside_km2 : dict of str to float
        The layer's ground outside every unit (:func:`outside_units`): over the sea
        (key :data:`SEA`) and over each neighbouring country's land (its name), km².
    """

    table: pd.DataFrame
    side: str
    total_controlled_km2: float
    total_area_km2: float
    total_share_pct: float
    source: str = ""
    total_contested_km2: float = 0.0
    outside_km2: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: ``units`` (records, rounded) and the totals."""
        frame = self.table.reset_index().round(
            {"area_km2": 1, "controlled_km2": 1, "share_pct": 3, "contested_km2": 1,
             "contested_pct": 3, "overhang_km2": 1, "official_area_km2": 1,
             "share_official_pct": 3})
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        return {
            "source": self.source,
            "side": self.side,
            "units": records,
            "total_controlled_km2": round(self.total_controlled_km2, 1),
            "total_area_km2": round(self.total_area_km2, 1),
            "total_share_pct": round(self.total_share_pct, 3),
            "total_contested_km2": round(self.total_contested_km2, 1),
            "total_contested_pct": round(100.0 * self.total_contested_km2 / self.total_area_km2
                                         if self.total_area_km2 else 0.0, 3),
            "outside_units_km2": {k: round(v, 1) for k, v in self.outside_km2.items()},
        }


def _geometry(control: ControlLayer | gpd.GeoDataFrame | BaseGeometry, side: str
              ) -> tuple[BaseGeometry, str]:
    if isinstance(control, ControlLayer):
        if not control.maps(side):
            raise FrontlineError(
                f"control layer {control.name!r} maps ground held by "
                f"{' and '.join(control.sides) or 'nobody'}, not by {side}; give a layer "
                f"with features whose `side` is {side!r}.")
        return control.geometry(side), control.name
    if isinstance(control, BaseGeometry):
        return control, "geometry"
    if control.crs is not None and not CRS(control.crs).equals(WGS84):
        control = control.to_crs(WGS84)
    return shapely.union_all(np.asarray(control.geometry.values)), "layer"


def measure_control(
    control: ControlLayer | gpd.GeoDataFrame | BaseGeometry,
    units: gpd.GeoDataFrame | UnitIndex,
    *,
    side: str = "russia",
) -> ControlMeasure:
    """Controlled km² and share of each unit, and totals for Ukraine's 27 units.

    Parameters
    ----------
    control : ControlLayer, GeoDataFrame or shapely geometry
        The layer (EPSG:4326), e.g. from :func:`geo.control.load_control`.
    units : GeoDataFrame or UnitIndex
        The unit layer (a :class:`UnitIndex` is reused; a frame is indexed first).
    side : {"russia", "ukraine"}, keyword-only
        Whose ground to measure (a :class:`ControlLayer` must map it).

    Returns
    -------
    ControlMeasure
        ``table`` per unit (all units, Russian ones included) and totals over the units
        whose ``country`` is ``UA``.
    """
    index = units if isinstance(units, UnitIndex) else UnitIndex(units)
    geom, source = _geometry(control, side)
    km2 = index.measure(geom)
    overhang = np.zeros(len(index))
    # in a Russian unit, thin ground past the border is the layer's line, not a hold
    for i in np.flatnonzero(~index.is_ukraine & (km2 > 0.01)):
        thick, thin = split_overhang(shapely.intersection(geom, index.geoms[i]))
        overhang[i] = float(geodesic_areas_km2(np.asarray([thin]))[0])
        km2[i] = 0.0 if thick.is_empty else max(km2[i] - overhang[i], 0.0)
    grey_geom = control.contested if isinstance(control, ControlLayer) else None
    grey = (index.measure(grey_geom) if grey_geom is not None and not grey_geom.is_empty
            else np.zeros(len(index)))
    area = index.area_km2
    safe = np.where(area > 0, area, 1.0)
    table = pd.DataFrame(
        {"name": index.names, "area_km2": area, "controlled_km2": km2,
         "share_pct": np.where(area > 0, 100.0 * km2 / safe, 0.0),
         "contested_km2": grey, "contested_pct": np.where(area > 0, 100.0 * grey / safe, 0.0)},
        index=pd.Index(index.codes, name="code"))
    table["overhang_km2"] = overhang
    if "official_area_km2" in index.units.columns:
        official = pd.to_numeric(index.units["official_area_km2"], errors="coerce").to_numpy()
        table["official_area_km2"] = official
        table["share_official_pct"] = np.where(official > 0, 100.0 * km2 / np.where(
            official > 0, official, 1.0), np.nan)
    total_c = float(km2[index.is_ukraine].sum())
    total_a = index.ukraine_area_km2
    return ControlMeasure(table=table, side=side, total_controlled_km2=total_c,
                          total_area_km2=total_a,
                          total_share_pct=100.0 * total_c / total_a if total_a else 0.0,
                          source=source,
                          total_contested_km2=float(grey[index.is_ukraine].sum()),
                          outside_km2=outside_units(geom, index))


def outside_units(geom: BaseGeometry, index: UnitIndex, *,
                  neighbours: gpd.GeoDataFrame | None = None) -> dict[str, float]:
    """Where a layer's ground outside every unit lies: over the sea or over whose land.

    Parameters
    ----------
    geom : shapely geometry
        The layer's ground (EPSG:4326).
    index : UnitIndex
        The units.
    neighbours : GeoDataFrame, optional, keyword-only
        Land of the countries around (columns ``name``, EPSG:4326); default
        :func:`geo.boundaries.load_neighbours`.

    Returns
    -------
    dict of str to float
        km² over each country's land (by name) and over the sea (:data:`SEA`); pieces
        under 0.05 km² are left out. Empty when the layer stays inside the units.
    """
    if geom.is_empty:
        return {}
    rest = shapely.difference(geom, index.outline)
    if rest.is_empty:
        return {}
    from geo.boundaries import load_neighbours

    land = neighbours if neighbours is not None else load_neighbours()
    total = float(geodesic_areas_km2(np.asarray([rest]))[0])
    if total < 0.05:
        return {}
    near = land[land.intersects(shapely.box(*rest.bounds))]
    out: dict[str, float] = {}
    for name, country in zip(near["name"], near.geometry.values, strict=True):
        km2 = float(geodesic_areas_km2(np.asarray([shapely.intersection(rest, country)]))[0])
        if km2 >= 0.05:
            out[str(name)] = out.get(str(name), 0.0) + km2
    sea = total - sum(out.values())
    if sea >= 0.05:
        out[SEA] = sea
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def split_overhang(piece: BaseGeometry, *, opening_km: float = MISMATCH_OPENING_KM
                   ) -> tuple[BaseGeometry, BaseGeometry]:
    """``(thick, thin)``: ground of a layer past the state border, as a hold and as an
    overhang.

    A layer of ground in Ukraine (Russian-held, or liberated) that runs past the border
    lies along it in thin strips, where its border line and the boundaries disagree. Each
    connected piece is opened (eroded, then dilated, by ``opening_km`` in the equal-area
    CRS): a piece the opening mostly removes (keeps less than half of) is a strip, an
    overhang; a piece it mostly keeps is a hold across the border, whole but for strips
    hanging off it farther than ``2 * opening_km`` from its thick core (as
    :mod:`geo.held` tells boundary mismatch from held ground). Both EPSG:4326.
    """
    from geo.repair import polygonal_valid

    if piece.is_empty:
        return piece, piece
    r = opening_km * 1000.0
    pieces = shapely.get_parts(polygonal_valid(to_ea(piece)))
    pieces = pieces[shapely.area(pieces) > 0]
    opened = shapely.buffer(shapely.buffer(pieces, -r, quad_segs=4), r, quad_segs=4)
    thick_ea: list[BaseGeometry] = []
    for p, core in zip(pieces, opened, strict=True):
        if core.area >= 0.5 * p.area:  # a hold; strips far from its core are overhang
            thick_ea.append(p.intersection(core.buffer(2 * r, quad_segs=4)))
    if not thick_ea:
        return shapely.Polygon(), piece
    thick = polygonal_valid(from_ea(polygonal_valid(shapely.union_all(thick_ea))))
    return thick, polygonal_valid(piece.difference(thick))
