"""Schematic control zones: a polygon per unit whose area is a claimed share.

A claim such as "73.6 % of Zaporizhzhia is held by Russia" has no geometry. This module
draws one that is (a) exactly that share of the unit's polygon (geodesic area, within
:data:`SHARE_TOLERANCE_PCT`), (b) one contiguous part touching territory the holder
already holds, and (c) as close as a schematic can be to how control actually spread.
See ``docs/schematic-method.md`` for the method, its data and its limits. In short:

1. The unit is rasterized in :data:`geo.areas.EQUAL_AREA_CRS` (default 1 km cells,
   capped at :data:`geo.raster.MAX_CELLS_PER_SIDE` per side).
2. A *growth level* is computed for every cell: the share of the unit that was held
   when that place changed hands. For the units of the 2014-2025 war
   (:data:`PROFILES`) it is a thin-plate-spline surface through the holder's border
   (level 0), the border with territory the other side kept (level 1) and towns whose
   capture is public record (their approximate level). Other units use the distance
   from the holder's territory. Across a barrier (the lower Dnipro, :data:`DNIPRO_LINE`)
   the level is raised by 1, so the river is crossed only once the near bank is full.
3. A priority flood from one seed cell on the holder's side orders all cells by the
   lowest level at which they are reachable (a minimax path). The zone for share ``s``
   is the first cells of that order: one 4-connected part, nested for growing ``s``.
4. The cells are polygonized (``rasterio.features.shapes``), smoothed by a
   morphological closing and opening of under a cell, clipped to the unit, and the cell
   count is tuned until the geodesic share is within tolerance.

The order depends only on the unit, so zones for a low and a high share of the same
unit are nested and an uncertainty band is ``high - low`` (:func:`schematic_band`).

Every zone is labelled ``schematic=True``; with a real control layer
(``control=``), zones are the measured intersections instead (``schematic=False``).
"""

from __future__ import annotations

import functools
import hashlib
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from scipy import ndimage
from scipy.interpolate import RBFInterpolator
from shapely.geometry import LineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from geo.areas import EQUAL_AREA_CRS, WGS84, geodesic_area_km2, to_equal_area
from geo.boundaries import load_countries
from geo.errors import FrontlineError, Problem, UnknownUnitError, ValidationError
from geo.raster import Grid, coverage_fraction, grid_for, polygonize, rasterize

__all__ = [
    "SHARE_TOLERANCE_PCT",
    "DEFAULT_RESOLUTION_M",
    "DEFAULT_HELD",
    "PROCESSING_ORDER",
    "DNIPRO_LINE",
    "Anchor",
    "GrowthProfile",
    "PROFILES",
    "parse_shares",
    "validate_shares",
    "schematic_zones",
    "schematic_band",
    "holder_territory",
]

#: Largest allowed gap between the target and the achieved share, percentage points.
SHARE_TOLERANCE_PCT = 0.5
#: Default raster cell side, metres.
DEFAULT_RESOLUTION_M = 1000.0
#: Units counted as held by Russia when a call gives no share for them (since 2014).
DEFAULT_HELD: Mapping[str, float] = {"UA-43": 100.0, "UA-40": 100.0}
#: Units are grown in this order, so the zones they touch exist first; others follow
#: in code order.
PROCESSING_ORDER = ("UA-40", "UA-43", "UA-09", "UA-14", "UA-65", "UA-23", "UA-63", "UA-48")

#: The lower Dnipro and the former Kakhovka reservoir as a line (lon, lat), from the
#: estuary west of the delta, between Kherson (right bank) and Oleshky (left bank),
#: Nova Kakhovka/Kakhovka and Beryslav, Kamianka-Dniprovska and Nikopol, Enerhodar and
#: Marhanets, up to Zaporizhzhia; points are midpoints between those GeoNames towns
#: (see docs/schematic-method.md). Approximate: no river data ships with the project.
DNIPRO_LINE: tuple[tuple[float, float], ...] = (
    (32.05, 46.555), (32.30, 46.57), (32.45, 46.59), (32.60, 46.62), (32.72, 46.66),
    (32.80, 46.68), (33.05, 46.72), (33.30, 46.75), (33.40, 46.79), (33.45, 46.83),
    (33.60, 46.92), (33.80, 47.08), (34.05, 47.28), (34.25, 47.43), (34.41, 47.525),
    (34.64, 47.56), (34.85, 47.62), (35.05, 47.72), (35.10, 47.85), (35.15, 48.00),
)

_REGION_BOX = box(20.0, 43.0, 42.0, 53.5)


@dataclass(frozen=True)
class Anchor:
    """A place whose change of hands is public record.

    Attributes
    ----------
    name : str
        Place name (for documentation and debugging).
    lon, lat : float
        Position, degrees (EPSG:4326).
    level : float
        Approximate share of its unit (0-1) held by the holder when the place was
        taken; places still held by the other side get a level above the latest share.
    """

    name: str
    lon: float
    lat: float
    level: float


@dataclass(frozen=True)
class GrowthProfile:
    """How control spread in one unit.

    Attributes
    ----------
    seeds : tuple of str
        Where the holder came from: ``"RU"`` (Russia) or unit codes.
    far : tuple of str
        Neighbouring units the other side kept (their border gets level 1).
    anchors : tuple of Anchor
        Towns with their level.
    seed_box : tuple of float, optional
        ``(west, south, east, north)`` limiting the seed border (degrees).
    seed_levels : tuple of (str, float)
        Level of the border with a seed source when not 0 (a border the holder reached
        only later, such as Kharkiv's border with Russia outside the 2024 salients).
    """

    seeds: tuple[str, ...]
    far: tuple[str, ...]
    anchors: tuple[Anchor, ...]
    seed_box: tuple[float, float, float, float] | None = None
    seed_levels: tuple[tuple[str, float], ...] = ()


def _a(*rows: tuple[str, float, float, float]) -> tuple[Anchor, ...]:
    return tuple(Anchor(n, x, y, lv) for n, x, y, lv in rows)


#: Growth profiles of the units fought over since 2014. Levels are approximate shares of
#: the unit held when each place was taken (public reporting, rounded); see the doc.
PROFILES: Mapping[str, GrowthProfile] = {
    "UA-14": GrowthProfile(  # Donetsk
        seeds=("RU",), far=("UA-12", "UA-63"),
        anchors=_a(
            ("Novoazovsk", 38.15, 47.11, 0.03), ("Shakhtarsk", 38.45, 48.05, 0.05),
            ("Makiivka", 37.97, 48.05, 0.08), ("Donetsk", 37.80, 48.00, 0.10),
            ("Yenakiieve", 38.20, 48.23, 0.10), ("Starobesheve", 38.02, 47.75, 0.15),
            ("Horlivka", 38.05, 48.30, 0.15), ("Boikivske", 38.03, 47.55, 0.20),
            ("Dokuchaievsk", 37.75, 47.75, 0.25), ("Debaltseve", 38.41, 48.34, 0.30),
            ("Volnovakha", 37.50, 47.60, 0.42), ("Manhush", 37.30, 47.05, 0.44),
            ("Nikolske", 37.30, 47.20, 0.45), ("Mariupol", 37.55, 47.10, 0.47),
            ("Svitlodarsk", 38.24, 48.44, 0.50), ("Soledar", 38.09, 48.68, 0.56),
            ("Bakhmut", 38.00, 48.60, 0.58), ("Marinka", 37.50, 47.94, 0.60),
            ("Avdiivka", 37.75, 48.14, 0.60), ("Krasnohorivka", 37.50, 48.00, 0.62),
            ("Ocheretyne", 37.60, 48.27, 0.62), ("Niu-York", 37.86, 48.32, 0.63),
            ("Vuhledar", 37.25, 47.78, 0.64), ("Selydove", 37.30, 48.15, 0.65),
            ("Novohrodivka", 37.34, 48.20, 0.65), ("Hirnyk", 37.37, 48.05, 0.66),
            ("Kurakhove", 37.28, 47.98, 0.68), ("Velyka Novosilka", 36.84, 47.84, 0.71),
            ("Toretsk", 37.85, 48.40, 0.71), ("Komar", 36.95, 47.99, 0.74),
            ("Chasiv Yar", 37.86, 48.59, 0.75), ("Dnipropetrovsk border S", 36.70, 47.95, 0.78),
            ("Pokrovsk", 37.18, 48.28, 0.79), ("Myrnohrad", 37.26, 48.30, 0.79),
            ("Siversk", 38.10, 48.87, 0.80), ("Dnipropetrovsk border", 36.75, 48.15, 0.82),
            ("Kostiantynivka", 37.70, 48.53, 0.84), ("Dobropillia", 37.08, 48.47, 0.86),
            ("Lyman", 37.80, 48.99, 0.87), ("Bilozerske", 37.06, 48.50, 0.88),
            ("Druzhkivka", 37.52, 48.62, 0.90), ("Sviatohirsk", 37.57, 49.03, 0.93),
            ("Kramatorsk", 37.56, 48.72, 0.95), ("Sloviansk", 37.60, 48.85, 0.97),
        ),
    ),
    "UA-09": GrowthProfile(  # Luhansk
        seeds=("RU",), far=("UA-63",), seed_levels=(("RU", 0.15),),
        anchors=_a(
            ("Dovzhansk", 39.65, 48.08, 0.02), ("Luhansk", 39.31, 48.57, 0.03),
            ("Antratsyt", 39.09, 48.12, 0.04), ("Khrustalnyi", 38.94, 48.12, 0.05),
            ("Alchevsk", 38.80, 48.47, 0.10), ("Kadiivka", 38.65, 48.57, 0.12),
            ("Brianka", 38.64, 48.51, 0.12), ("Pervomaisk", 38.55, 48.63, 0.20),
            ("Stanytsia Luhanska", 39.48, 48.65, 0.33), ("Shchastia", 39.23, 48.74, 0.35),
            ("Milove", 40.13, 49.37, 0.36), ("Bilovodsk", 39.58, 49.20, 0.38),
            ("Markivka", 39.55, 49.61, 0.38), ("Novoaidar", 39.01, 48.96, 0.40),
            ("Starobilsk", 38.92, 49.28, 0.40), ("Novopskov", 39.09, 49.55, 0.40),
            ("Svatove", 38.15, 49.41, 0.50), ("Popasna", 38.38, 48.63, 0.75),
            ("Kreminna", 38.22, 49.05, 0.80), ("Rubizhne", 38.37, 49.01, 0.80),
            ("Hirske", 38.49, 48.75, 0.85), ("Zolote", 38.52, 48.70, 0.85),
            ("Sievierodonetsk", 38.49, 48.95, 0.88), ("Lysychansk", 38.43, 48.92, 0.94),
            ("Bilohorivka", 38.27, 48.93, 0.995),
        ),
    ),
    "UA-65": GrowthProfile(  # Kherson
        seeds=("UA-43",), far=("UA-12",),
        anchors=_a(
            ("Henichesk", 34.81, 46.17, 0.02), ("Chaplynka", 33.53, 46.36, 0.05),
            ("Skadovsk", 32.91, 46.11, 0.10), ("Kinburn peninsula", 31.85, 46.50, 0.05),
            ("Kinburn peninsula E", 32.10, 46.47, 0.08), ("Oleshky sands", 32.35, 46.45, 0.12),
            ("Nyzhni Sirohozy", 34.39, 46.84, 0.30),
            ("Nova Kakhovka", 33.36, 46.76, 0.30), ("Kakhovka", 33.48, 46.82, 0.30),
            ("Hornostaivka", 33.73, 47.00, 0.35), ("Oleshky", 32.72, 46.63, 0.35),
            ("Hola Prystan", 32.52, 46.53, 0.25), ("Velyka Lepetykha", 33.93, 47.16, 0.40),
            ("Krynky", 33.08, 46.73, 0.60),
            ("Beryslav", 33.42, 46.84, 0.85), ("Kherson", 32.62, 46.64, 0.90),
            ("Novovorontsovka", 33.92, 47.50, 0.95), ("Vysokopillia", 33.52, 47.48, 0.99),
        ),
    ),
    "UA-23": GrowthProfile(  # Zaporizhzhia
        seeds=("UA-65",), far=("UA-12",),
        anchors=_a(
            ("Yakymivka", 35.17, 46.70, 0.04), ("Melitopol", 35.38, 46.85, 0.05),
            ("Pryazovske", 35.64, 46.73, 0.06), ("Prymorsk", 36.35, 46.73, 0.12),
            ("Berdiansk", 36.79, 46.76, 0.15), ("Kamianka-Dniprovska", 34.42, 47.48, 0.20),
            ("Enerhodar", 34.66, 47.49, 0.22), ("Dniprorudne", 35.00, 47.39, 0.25),
            ("Mykhailivka", 35.22, 47.27, 0.25), ("Rozivka", 36.71, 47.15, 0.25),
            ("Molochansk", 35.60, 47.20, 0.28), ("Chernihivka", 36.20, 47.20, 0.30),
            ("Tokmak", 35.71, 47.26, 0.30), ("Vasylivka", 35.28, 47.44, 0.35),
            ("Bilmak", 36.65, 47.35, 0.35), ("Polohy", 36.26, 47.48, 0.38),
            ("Robotyne", 35.85, 47.45, 0.72), ("Kamianske", 35.40, 47.50, 0.74),
            ("Huliaipole", 36.26, 47.66, 0.76), ("Donetsk border N", 36.60, 47.75, 0.76),
            ("Stepnohirsk", 35.50, 47.58, 0.78), ("Orikhiv", 35.79, 47.57, 0.80),
            ("Komyshuvakha", 35.95, 47.75, 0.90), ("Zaporizhzhia", 35.12, 47.85, 1.00),
            ("Vilniansk", 35.44, 47.95, 1.00),
        ),
    ),
    "UA-63": GrowthProfile(  # Kharkiv
        seeds=("RU", "UA-09"), far=("UA-53", "UA-12"), seed_levels=(("RU", 0.08),),
        anchors=_a(
            ("Luhansk border N", 38.00, 49.80, 0.01), ("Oskil east bank S", 37.95, 49.55, 0.02),
            ("Vovchansk", 36.94, 50.29, 0.02), ("Dvorichna", 37.67, 49.85, 0.03),
            ("Lyptsi", 36.43, 50.20, 0.04), ("Oskil east bank", 37.85, 49.40, 0.04),
            ("Synkivka", 37.57, 49.82, 0.06), ("Kupiansk", 37.61, 49.71, 0.07),
            ("Kupiansk-Vuzlovyi", 37.68, 49.65, 0.07), ("Velykyi Burluk", 37.39, 50.06, 0.08),
            ("Kozacha Lopan", 36.21, 50.34, 0.10), ("Borova", 37.63, 49.38, 0.12),
            ("Staryi Saltiv", 36.79, 50.08, 0.25), ("Izium", 37.26, 49.21, 0.25),
            ("Balakliia", 36.84, 49.46, 0.25), ("Shevchenkove", 37.17, 49.70, 0.30),
            ("Pechenihy", 36.93, 49.87, 0.30), ("Chuhuiv", 36.69, 49.84, 0.50),
            ("Zolochiv", 35.98, 50.28, 0.50), ("Barvinkove", 37.02, 48.91, 0.60),
            ("Derhachi", 36.12, 50.11, 0.70), ("Zmiiv", 36.36, 49.68, 0.80),
            ("Kharkiv", 36.25, 50.00, 0.90), ("Lozova", 36.27, 48.89, 0.95),
            ("Bohodukhiv", 35.53, 50.16, 0.95), ("Valky", 35.62, 49.84, 1.00),
            ("Krasnohrad", 35.45, 49.37, 1.00),
        ),
    ),
    "UA-48": GrowthProfile(  # Mykolaiv: the Kinburn spit first
        seeds=("UA-65",), far=("UA-51", "UA-35", "UA-12"),
        seed_box=(31.4, 46.3, 32.2, 46.65),
        anchors=_a(
            ("Kinburn spit", 31.60, 46.53, 0.00), ("Snihurivka", 32.80, 47.08, 0.30),
            ("Bashtanka", 32.44, 47.41, 0.60), ("Ochakiv", 31.54, 46.61, 1.00),
            ("Mykolaiv", 31.99, 46.98, 0.95), ("Voznesensk", 31.34, 47.56, 1.00),
        ),
    ),
}


# --------------------------------------------------------------------- shares input
def parse_shares(text: str, *, argument: str = "--shares") -> dict[str, float]:
    """Parse ``"UA-14=75.5,UA-23=73.6"`` into ``{code: percent}`` and validate it.

    Raises
    ------
    ValidationError
        Listing every malformed pair, non-number, share outside 0-100 and unknown code.
    """
    problems: list[Problem] = []
    out: dict[str, float] = {}
    pairs = [p.strip() for p in text.split(",") if p.strip()]
    if not pairs:
        problems.append(Problem(argument, "", "expected CODE=PERCENT pairs such as "
                                "UA-14=75.5,UA-23=73.6; got nothing."))
    for pair in pairs:
        code, sep, value = pair.partition("=")
        code = code.strip().upper()
        if not sep or not code:
            problems.append(Problem(argument, pair, "expected CODE=PERCENT (e.g. UA-14=75.5); "
                                    f"got {pair!r}."))
            continue
        try:
            out[code] = float(value)
        except ValueError:
            problems.append(Problem(argument, code, f"expected a number of percent; got "
                                    f"{value.strip()!r}."))
    if problems:
        # Report range and code problems of the well-formed pairs in the same message.
        try:
            validate_shares(out, argument=argument)
        except UnknownUnitError as exc:
            problems += [Problem(argument, c, "unknown unit code; expected an ISO 3166-2 code "
                                 "of a Ukrainian unit such as UA-14 (`frontline regions`).")
                         for c in exc.codes]
        except ValidationError as exc:
            problems += exc.problems
        raise ValidationError(problems, what=argument)
    validate_shares(out, argument=argument)
    return out


def validate_shares(shares: Mapping[str, float], *, argument: str = "shares") -> None:
    """Check codes (ISO 3166-2, Ukrainian units) and shares (finite, 0-100).

    Raises
    ------
    UnknownUnitError
        Naming every unknown code.
    ValidationError
        Naming every code whose share is not a finite number in 0-100.
    """
    from geo.boundaries import load_unit_table

    table = load_unit_table()
    known = list(table.index)
    unknown = [c for c in shares if c not in known]
    problems: list[Problem] = []
    for code, value in shares.items():
        if code in unknown:
            continue
        if str(table.loc[code, "country"]) != "UA":
            problems.append(Problem(argument, code, f"{code} is a Russian oblast; schematic "
                                    "zones are drawn for Ukrainian units (UA-*)."))
            continue
        try:
            v = float(value)
        except (TypeError, ValueError):
            problems.append(Problem(argument, code, f"expected a percentage; got {value!r}."))
            continue
        if not (0.0 <= v <= 100.0):
            problems.append(Problem(argument, code, f"share must be between 0 and 100 percent; "
                                    f"got {value!r}."))
    if unknown and not problems:
        raise UnknownUnitError(unknown, argument=argument, known=known)
    if unknown:
        problems += [Problem(argument, c, "unknown unit code; expected an ISO 3166-2 code of a "
                             "Ukrainian unit such as UA-14 (`frontline regions`).")
                     for c in unknown]
    if problems:
        raise ValidationError(problems, what=argument)


# --------------------------------------------------------------------- territory
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


def _ea(geom: BaseGeometry) -> BaseGeometry:
    series = gpd.GeoSeries([geom], crs=WGS84)
    out = to_equal_area(series)
    return out.iloc[0]


def _from_ea(geom: BaseGeometry) -> BaseGeometry:
    return gpd.GeoSeries([geom], crs=EQUAL_AREA_CRS).to_crs(WGS84).iloc[0]


# --------------------------------------------------------------------- growth order
@dataclass
class _Order:
    grid: Grid
    unit_ea: BaseGeometry
    unit_ea_area: float
    rank: NDArray[np.int64]  # -1 outside the unit
    cum_area: NDArray[np.float64]  # equal-area m² of the first k+1 cells in order
    method: str
    first_part: int  # cells reachable from the origin as one part


_ORDER_CACHE: dict[str, _Order] = {}


def _geom_key(*geoms: BaseGeometry) -> str:
    h = hashlib.sha1()
    for g in geoms:
        h.update(shapely.to_wkb(g))
    return h.hexdigest()


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
        dist = ndimage.distance_transform_edt(~seed) * res
        inside = dist[mask]
        scale = float(inside.max()) if inside.size and inside.max() > 0 else 1.0
        return np.asarray(dist / scale, dtype=np.float64), "distance from holder territory"
    gx, gy = grid.cell_centres()
    far = np.zeros(grid.shape, dtype=bool)
    far_geoms = [units.loc[c, "geometry"] for c in profile.far if c in units.index]
    if far_geoms:
        far_ea = _ea(shapely.union_all(far_geoms))
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


def _growth_order(
    code: str, units: gpd.GeoDataFrame, resolution_m: float,
    extra_seed: BaseGeometry | None = None,
    held: Mapping[str, BaseGeometry] | None = None,
    in_call: frozenset[str] = frozenset(),
) -> _Order:
    unit = units.loc[code, "geometry"]
    seed_geoms = _seed_geometries(code, units, held, in_call)
    if code not in PROFILES and extra_seed is not None and not extra_seed.is_empty:
        seed_geoms["held"] = extra_seed
    seed_geoms = {k: g.difference(unit) for k, g in seed_geoms.items()}  # never the unit
    seed_geom = shapely.union_all(list(seed_geoms.values())) if seed_geoms else Polygon()
    key = f"{code}|{resolution_m}|{_geom_key(unit, seed_geom)}"
    cached = _ORDER_CACHE.get(key)
    if cached is not None:
        return cached
    unit_ea = _ea(unit)
    grid = grid_for(unit_ea, resolution_m)
    mask = rasterize(unit_ea, grid, all_touched=True)
    by_source = {k: _seed_cells(unit_ea, _ea(g), grid, mask)
                 for k, g in seed_geoms.items() if not g.is_empty}
    seed = np.zeros(grid.shape, dtype=bool)
    for cells in by_source.values():
        seed |= cells
    profile = PROFILES.get(code)
    origin = seed
    if profile is not None and profile.seed_box is not None:
        box_ea = _ea(box(*profile.seed_box))
        origin = seed & rasterize(box_ea, grid, all_touched=True)
    level, method = _level_field(code, grid, mask, origin if origin.any() else seed, units,
                                 by_source)
    barrier = rasterize(_ea(LineString(DNIPRO_LINE)), grid, all_touched=True) & mask
    if barrier.any():
        labels, _ = ndimage.label(mask & ~barrier)
        start = origin if origin.any() else seed
        near = set(np.unique(labels[start & (labels > 0)]).tolist())
        if near:
            far_side = (labels > 0) & ~np.isin(labels, list(near))
            far_side |= barrier
            if far_side.any() and (mask & ~far_side).any():
                level = level + np.where(far_side, 1.0, 0.0)
                method += "; Dnipro barrier"
    rank, first_part = _flood_order(level, mask, origin, seed)
    cover = coverage_fraction(unit_ea, grid) * resolution_m**2
    order = np.argsort(np.where(rank >= 0, rank, np.iinfo(np.int64).max), axis=None)
    n_cells = int((rank >= 0).sum())
    cum = np.cumsum(cover.ravel()[order[:n_cells]])
    result = _Order(grid=grid, unit_ea=unit_ea, unit_ea_area=float(unit_ea.area),
                    rank=rank, cum_area=cum, method=method, first_part=first_part)
    if len(_ORDER_CACHE) > 64:
        _ORDER_CACHE.clear()
    _ORDER_CACHE[key] = result
    return result


# --------------------------------------------------------------------- zones
def _km2(geom: BaseGeometry) -> float:
    """Geodesic area of one geometry, km²."""
    value = geodesic_area_km2(geom)
    return float(value) if isinstance(value, float | int) else float(value.sum())


def _zone_for_count(order: _Order, n: int) -> BaseGeometry:
    cells = (order.rank >= 0) & (order.rank < n)
    raw = polygonize(cells, order.grid)
    r = 0.35 * order.grid.resolution_m
    smooth = raw.buffer(r, quad_segs=2).buffer(-2 * r, quad_segs=2).buffer(r, quad_segs=2)
    if smooth.is_empty:
        smooth = raw
    clipped = smooth.intersection(order.unit_ea)
    # No enclaves: a zone is grown from its edge, so a hole inside it (cells whose level
    # was reached late) would be an unheld island deep in held ground. Fill holes, then
    # clip again (a unit's own hole, Kyiv city in Kyiv oblast, stays out).
    clipped = shapely.union_all(
        [Polygon(p.exterior) for p in shapely.get_parts(clipped) if isinstance(p, Polygon)]
    ).intersection(order.unit_ea) if not clipped.is_empty else clipped
    parts = [p for p in getattr(clipped, "geoms", [clipped]) if isinstance(p, Polygon)]
    if len(parts) > 1:
        # The flood is one part; smoothing may split off slivers, but two real parts (a
        # restart after an exhausted part) are both kept.
        parts = [p for p in parts if p.area >= 4 * order.grid.resolution_m**2] or parts
    if len(parts) > 1 and n <= order.first_part:
        # The flood is one part, but smoothing or clipping to the unit cut a narrow neck
        # (a strip along the unit's border): grow the cells by under a cell before
        # clipping, so the neck survives inside the unit.
        for grow in (0.3, 0.6, 0.9):
            joined = raw.buffer(grow * order.grid.resolution_m, quad_segs=2)
            joined = joined.intersection(order.unit_ea)
            joined_parts = [p for p in getattr(joined, "geoms", [joined])
                            if isinstance(p, Polygon) and p.area >= order.grid.resolution_m**2]
            if len(joined_parts) == 1:
                return joined_parts[0]
    return shapely.union_all(parts) if parts else Polygon()


def _tune(order: _Order, share: float) -> tuple[BaseGeometry, float]:
    """Zone (equal-area metres) whose equal-area share is closest to ``share`` percent.

    Secant steps on the cell count, kept inside a bracket; stops within 0.1 point.
    """
    target = share / 100.0 * order.unit_ea_area
    total = len(order.cum_area)
    if total == 0:
        return Polygon(), 0.0
    cell = order.grid.resolution_m**2
    tol = 0.001 * order.unit_ea_area
    one_part = float(order.cum_area[order.first_part - 1]) if order.first_part > 0 else 0.0
    if one_part < target <= one_part + (SHARE_TOLERANCE_PCT - 0.03) / 100 * order.unit_ea_area:
        # The part reachable in one piece is a little short of the target: keep one part.
        zone = _zone_for_count(order, order.first_part)
        return zone, float(zone.area)
    n = int(np.clip(np.searchsorted(order.cum_area, target) + 1, 1, total))
    lo, hi = 0, total + 1
    best: tuple[float, BaseGeometry, float] | None = None
    for _ in range(16):
        zone = _zone_for_count(order, n)
        area = float(zone.area)
        err = area - target
        if best is None or abs(err) < best[0]:
            best = (abs(err), zone, area)
        if abs(err) <= tol:
            break
        if err > 0:
            hi = n
        else:
            lo = n
        cand = n - int(round(err / cell))
        if not (lo < cand < hi):
            cand = (lo + hi) // 2
        if cand in (lo, hi) or cand == n or cand < 1 or cand > total:
            break
        n = cand
    assert best is not None
    return best[1], best[2]


def _touches(zone: BaseGeometry, held: Mapping[str, BaseGeometry], tol_deg: float) -> list[str]:
    return [name for name, g in held.items()
            if g is not None and not g.is_empty and zone.distance(g) <= tol_deg]


def schematic_zones(
    shares: Mapping[str, float],
    units: gpd.GeoDataFrame,
    *,
    holder: str = "russia",
    control: gpd.GeoDataFrame | BaseGeometry | None = None,
    resolution_m: float = DEFAULT_RESOLUTION_M,
) -> gpd.GeoDataFrame:
    """One zone per unit covering ``shares[code]`` percent of it.

    Parameters
    ----------
    shares : mapping of str to float
        Percent (0-100) of each Ukrainian unit held by ``holder``, by ISO 3166-2 code.
    units : GeoDataFrame
        The unit layer of :func:`geo.boundaries.load_units` (index ``code``, EPSG:4326).
    holder : {"russia"}, keyword-only
        The side holding the share (growth profiles exist for Russia's control).
    control : GeoDataFrame or shapely geometry, optional, keyword-only
        A real control layer (:func:`geo.control.load_control`); when given, each zone is
        the unit's intersection with it (``schematic=False``) and the shares only fill
        ``target_share_pct``.
    resolution_m : float, keyword-only
        Raster cell side in metres (default 1,000; capped at 2,000 x 2,000 cells).

    Returns
    -------
    GeoDataFrame
        Index ``code`` in processing order; columns ``name_en``, ``target_share_pct``,
        ``share_pct`` (achieved, geodesic), ``area_km2``, ``schematic``, ``method``,
        ``touches`` (holder territory the zone touches: ``RU``, unit codes) and
        ``geometry`` (EPSG:4326 Polygon, or empty for 0 %).

    Raises
    ------
    UnknownUnitError, ValidationError
        For unknown codes or shares outside 0-100.

    Notes
    -----
    Zones for a lower share of a unit lie inside the zone for a higher share of the same
    unit (same ``resolution_m``), so an uncertainty band is their difference.
    """
    if holder != "russia":
        raise FrontlineError(f"holder: only 'russia' has growth profiles; got {holder!r}.")
    validate_shares(shares)
    if control is None:  # the same request recurs (held zones, bands, checks): reuse it
        key = (tuple(sorted((str(c), float(v)) for c, v in shares.items())), resolution_m,
               tuple(units.index), tuple(np.round(units.total_bounds, 6)))
        cached = _ZONES_CACHE.get(key)
        if cached is None:
            cached = _schematic_zones(shares, units, control=None, resolution_m=resolution_m)
            if len(_ZONES_CACHE) > 128:
                _ZONES_CACHE.clear()
            _ZONES_CACHE[key] = cached
        return cached.copy()
    return _schematic_zones(shares, units, control=control, resolution_m=resolution_m)


_ZONES_CACHE: dict[tuple[object, ...], gpd.GeoDataFrame] = {}


def _schematic_zones(
    shares: Mapping[str, float],
    units: gpd.GeoDataFrame,
    *,
    control: gpd.GeoDataFrame | BaseGeometry | None,
    resolution_m: float,
) -> gpd.GeoDataFrame:
    missing = [c for c in shares if c not in units.index]
    if missing:
        raise UnknownUnitError(missing, argument="units", known=list(units.index))
    codes = sorted(shares, key=lambda c: (
        PROCESSING_ORDER.index(c) if c in PROCESSING_ORDER else len(PROCESSING_ORDER), c))
    held: dict[str, BaseGeometry] = {"RU": holder_territory(units)}
    for c, v in DEFAULT_HELD.items():
        if c not in shares and c in units.index and v >= 100.0:
            held[c] = units.loc[c, "geometry"]
    control_geom = None
    if control is not None:
        control_geom = (control if isinstance(control, BaseGeometry)
                        else shapely.union_all(list(control.geometry.values)))
    rows = []
    for code in codes:
        share = float(shares[code])
        unit = units.loc[code, "geometry"]
        unit_area = _km2(unit)
        method = ""
        if control_geom is not None:
            zone: BaseGeometry = unit.intersection(control_geom)
            method = "control layer (measured)"
        elif share >= 100.0:
            zone, method = unit, "whole unit"
        elif share <= 0.0:
            zone, method = Polygon(), "none"
        else:
            extra = shapely.union_all([g for k, g in held.items() if k != "RU"]) if len(
                held) > 1 else None
            order = _growth_order(code, units, resolution_m, extra_seed=extra, held=held,
                                  in_call=frozenset(shares))
            zone_ea, _ = _tune(order, share)
            zone = _from_ea(zone_ea).intersection(unit) if not zone_ea.is_empty else Polygon()
            zone = shapely.make_valid(zone) if not zone.is_valid else zone
            zone = _only_polygons(zone)
            method = order.method
            if isinstance(zone, MultiPolygon):
                method += (f"; {len(zone.geoms)} parts: the part reachable in one piece "
                           "(e.g. the Kinburn spit) was too small for the share")
        area = _km2(zone) if not zone.is_empty else 0.0
        if control_geom is None and 0.0 < share < 100.0 and unit_area:
            got = 100.0 * area / unit_area
            if got < share - SHARE_TOLERANCE_PCT:
                method += (f"; only {got:.2f} % is reachable from held ground, short of the "
                           f"{share:g} % asked")
        touches = _touches(zone, held, 0.02) if not zone.is_empty else []
        rows.append({
            "code": code,
            "name_en": units.loc[code, "name_en"],
            "target_share_pct": share,
            "share_pct": round(100.0 * area / unit_area, 3) if unit_area else 0.0,
            "area_km2": round(area, 1),
            "schematic": control_geom is None,
            "method": method,
            "touches": ",".join(touches),
            "geometry": zone,
        })
        if not zone.is_empty:
            held[code] = zone
    if not rows:
        empty = gpd.GeoDataFrame(
            {c: [] for c in ("code", "name_en", "target_share_pct", "share_pct", "area_km2",
                             "schematic", "method", "touches")},
            geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
        return empty.set_index("code")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84).set_index("code")


def _only_polygons(geom: BaseGeometry) -> BaseGeometry:
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    polys = [p for g in getattr(geom, "geoms", []) for p in getattr(g, "geoms", [g])
             if isinstance(p, Polygon) and not p.is_empty]
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def schematic_band(
    low: Mapping[str, float],
    high: Mapping[str, float],
    units: gpd.GeoDataFrame,
    *,
    resolution_m: float = DEFAULT_RESOLUTION_M,
) -> gpd.GeoDataFrame:
    """Zones for the low and high ends of interval claims, and the band between them.

    Parameters
    ----------
    low, high : mapping of str to float
        Percent per unit at the low and the high end (same codes; ``low <= high``).
    units : GeoDataFrame
        The unit layer.
    resolution_m : float, keyword-only
        Raster cell side in metres.

    Returns
    -------
    GeoDataFrame
        Index ``code``; columns ``low_share_pct``, ``high_share_pct`` (achieved),
        ``low_geometry`` (the low zone, WKB-free shapely objects), ``band_km2`` and
        ``geometry`` (the band: high zone minus low zone), ``schematic=True``.
    """
    problems = [Problem("low", c, f"low end {low[c]!r} is above the high end {high.get(c)!r}; "
                        "swap them.") for c in low if c in high and float(low[c]) > float(high[c])]
    if set(low) != set(high):
        problems.append(Problem("low/high", "", "expected the same unit codes at both ends; "
                                f"got {sorted(low)} and {sorted(high)}."))
    if problems:
        raise ValidationError(problems, what="interval shares")
    z_lo = schematic_zones(low, units, resolution_m=resolution_m)
    z_hi = schematic_zones(high, units, resolution_m=resolution_m)
    rows = []
    for code in z_hi.index:
        lo_g = z_lo.loc[code, "geometry"]
        hi_g = z_hi.loc[code, "geometry"]
        lo_g = lo_g.intersection(hi_g) if not lo_g.is_empty else lo_g  # exact nesting
        band = _only_polygons(hi_g.difference(lo_g)) if not hi_g.is_empty else Polygon()
        rows.append({
            "code": code, "name_en": z_hi.loc[code, "name_en"],
            "low_share_pct": z_lo.loc[code, "share_pct"],
            "high_share_pct": z_hi.loc[code, "share_pct"],
            "band_km2": round(_km2(band) if not band.is_empty else 0.0, 1),
            "schematic": True, "low_geometry": lo_g, "high_geometry": hi_g, "geometry": band,
        })
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84).set_index("code")


def iter_codes_in_order(codes: Iterable[str]) -> list[str]:
    """``codes`` in :data:`PROCESSING_ORDER`, others after in code order."""
    return sorted(codes, key=lambda c: (
        PROCESSING_ORDER.index(c) if c in PROCESSING_ORDER else len(PROCESSING_ORDER), c))


__all__ += ["iter_codes_in_order"]


def contiguous_shares(
    shares: Mapping[str, float],
    units: gpd.GeoDataFrame,
    *,
    floors: Mapping[str, float],
    resolution_m: float = DEFAULT_RESOLUTION_M,
) -> tuple[dict[str, float], dict[str, str]]:
    """Shares to draw so that every zone is one part, staying inside each claim's interval.

    A claimed share can exceed what is reachable in one piece from held ground: Russia's
    only part of Mykolaiv oblast, the Kinburn spit, is 0.57 % of the oblast, so a zone of
    5 % ("a smaller part", central value) would need a second, detached part. For each
    unit whose zone at ``shares[code]`` has more than one part or falls short of it, this
    takes the share of the part reachable in one piece from held ground, kept between
    ``floors[code]`` (the low end of the claim) and ``shares[code]``, with a note.

    Parameters
    ----------
    shares : mapping of str to float
        Percent per unit to draw (e.g. the central values of the claims).
    units : GeoDataFrame
        The unit layer.
    floors : mapping of str to float, keyword-only
        The lowest share each claim allows (its interval's low end); units without a
        floor are never lowered.
    resolution_m : float, keyword-only
        Raster cell side in metres.

    Returns
    -------
    (dict, dict)
        The shares to draw, and a note per lowered unit.
    """
    out = {str(c): float(v) for c, v in shares.items()}
    notes: dict[str, str] = {}
    zones = schematic_zones(out, units, resolution_m=resolution_m)

    def parts(z: gpd.GeoDataFrame, code: str) -> int:
        geom = z.loc[code, "geometry"]
        return 0 if geom.is_empty else len(shapely.get_parts(geom))

    def short(code: str) -> bool:  # one part cannot reach the share
        return bool(zones.loc[code, "share_pct"] < out[code] - SHARE_TOLERANCE_PCT)

    for code in [c for c in zones.index if (parts(zones, c) > 1 or short(c)) and c in floors]:
        # The growth order of this unit, seeded as schematic_zones seeded it: by the
        # zones grown before it (and the units held by default).
        order_codes = iter_codes_in_order(out)
        held = {c: zones.loc[c, "geometry"] for c in order_codes[: order_codes.index(code)]
                if not zones.loc[c, "geometry"].is_empty}
        held.update({c: units.loc[c, "geometry"] for c, v in DEFAULT_HELD.items()
                     if c not in out and c in units.index and v >= 100.0})
        extra = shapely.union_all(list(held.values())) if held else None
        order = _growth_order(code, units, resolution_m, extra_seed=extra, held=held,
                              in_call=frozenset(out))
        one_part = (100.0 * float(order.cum_area[order.first_part - 1]) / order.unit_ea_area
                    if order.first_part > 0 else 0.0)
        best = max(float(floors[code]), min(out[code], one_part))
        name = units.loc[code, "name_en"]
        notes[code] = (
            f"drawn at {best:.2f} %, the largest share of {name} that is one part touching "
            f"held ground; the claim allows {floors[code]:g}–{shares[code]:g} % and more "
            "would need a detached second part"
        )
        out[code] = best
    return out, notes


__all__ += ["contiguous_shares"]
