"""Synthetic control layers and histories of the shape real daily exports have.

No real occupied-territory data ships with Frontline Atlas, yet tests and benchmarks
need layers of the shape users bring (``shared notes: control layers``): one
MultiPolygon a day of ~3,000 vertices, 5-21 parts, 0-2 holes, valid, lon/lat, covering
Russian-held ground in Ukraine (Crimea included), spilling a little over the state
border and following a coastline of its own, so that a wholly held unit measures a few
percent short of 100 against the project's boundaries; day to day the
front moves by slivers and the rest of the boundary stays the same, vertex for vertex.

This module draws such layers. **They are synthetic, not mapped control**: the front is
a polyline through approximate public positions of late 2024, moved by smooth random
advances of a few hundred metres a day in a few sectors; islands, pockets and holes are
invented. Geometry is EPSG:4326 (lon/lat degrees); distances are km.

* :func:`synthetic_layer` -- one day as a shapely MultiPolygon;
* :func:`synthetic_history` -- ``(date, MultiPolygon)`` for a run of days with gaps;
* :func:`write_history` -- GeoJSON files named ``<prefix>_YYYYMMDD.geojson`` like the
  public daily archives (a ``name``, the obsolete ``crs`` member naming CRS84, one
  Feature with empty properties).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.areas import WGS84
from geo.boundaries import load_neighbours, load_units
from geo.errors import FrontlineError
from geo.safeio import write_atomic

__all__ = [
    "FRONT_2024",
    "SyntheticSeries",
    "synthetic_layer",
    "synthetic_history",
    "write_history",
    "write_days",
    "feature_collection",
]

#: Approximate line of contact in late 2024 (lon, lat), north to south: from the state
#: border north of Kupiansk, along the Oskil, past Lyman, Siversk, Chasiv Yar, Toretsk,
#: Pokrovsk, Kurakhove, Velyka Novosilka, Huliaipole, Robotyne and Kamianske, then down
#: the Dnipro and out through the Dnipro-Buh estuary north of the Kinburn spit.
FRONT_2024: tuple[tuple[float, float], ...] = (
    (37.55, 50.75), (37.56, 50.23), (37.62, 49.98), (37.66, 49.84), (37.70, 49.72),
    (37.78, 49.56), (37.86, 49.40), (37.96, 49.24), (38.04, 49.10), (37.96, 48.99),
    (38.06, 48.90), (38.08, 48.80), (38.00, 48.68), (37.90, 48.60), (37.86, 48.48),
    (37.74, 48.40), (37.58, 48.31), (37.40, 48.29), (37.26, 48.21), (37.20, 48.06),
    (37.24, 47.96), (37.12, 47.86), (36.96, 47.83), (36.80, 47.78), (36.62, 47.68),
    (36.38, 47.60), (36.10, 47.55), (35.86, 47.46), (35.62, 47.49), (35.40, 47.52),
    (35.18, 47.52), (35.00, 47.50), (34.78, 47.52), (34.58, 47.49), (34.36, 47.44),
    (34.12, 47.26), (33.90, 47.10), (33.62, 46.91), (33.40, 46.79), (33.10, 46.71),
    (32.76, 46.63), (32.48, 46.56), (32.20, 46.53), (31.90, 46.56), (31.62, 46.58),
    (31.40, 46.52), (31.10, 46.30),
)

#: Sectors that advance: (name, km along the front from its north end, spread km).
_SECTORS: tuple[tuple[str, float, float], ...] = (
    ("Kupiansk", 75.0, 22.0), ("Lyman", 175.0, 20.0), ("Siversk", 220.0, 16.0),
    ("Chasiv Yar", 265.0, 15.0), ("Toretsk", 305.0, 16.0), ("Pokrovsk", 350.0, 25.0),
    ("Kurakhove", 405.0, 22.0), ("Velyka Novosilka", 455.0, 20.0),
    ("Huliaipole", 510.0, 24.0), ("Kamianske", 600.0, 15.0),
)

_LAEA = "+proj=laea +lat_0=48.5 +lon_0=33.0 +ellps=WGS84 +units=m +no_defs"
_CRS84 = "urn:ogc:def:crs:OGC:1.3:CRS84"


@dataclass(frozen=True)
class SyntheticSeries:
    """Parameters of a synthetic history.

    Attributes
    ----------
    start : datetime.date
        First day.
    days : int
        Calendar days covered (files are fewer: see ``gaps``).
    gaps : int
        Number of missing runs of 1-2 days, spread over the period.
    seed : int
        Random seed; the same parameters give the same layers.
    advance_m : float
        Typical daily advance of an active sector, metres (a few hundred).
    front_spacing_m : float
        Vertex spacing of the front line, metres (sets the vertex count).
    """

    start: dt.date = dt.date(2024, 7, 8)
    days: int = 30
    gaps: int = 2
    seed: int = 7
    advance_m: float = 250.0
    front_spacing_m: float = 400.0

    def dates(self) -> list[dt.date]:
        """The days that have a file: ``days`` from ``start`` minus the gaps."""
        rng = np.random.default_rng(self.seed + 1)
        all_days = [self.start + dt.timedelta(days=i) for i in range(self.days)]
        missing: set[int] = set()
        if self.gaps and self.days > 4:
            starts = np.linspace(2, self.days - 3, self.gaps + 2)[1:-1]
            for s in starts:
                i = int(s) + int(rng.integers(-1, 2))
                missing.update(range(i, i + int(rng.integers(1, 3))))
        return [d for i, d in enumerate(all_days) if i not in missing and 0 < i < self.days - 1
                or i in (0, self.days - 1)]


class _Frame:
    """The fixed parts of a synthetic layer: projected outline, front geometry, extras."""

    def __init__(self, spacing_m: float, seed: int) -> None:
        units = load_units()
        self.to_m = _transformer(WGS84, _LAEA)
        self.to_deg = _transformer(_LAEA, WGS84)
        ua = shapely.union_all(list(units.loc[units["country"] == "UA", "geometry"].values))
        russia = load_neighbours().loc[lambda c: c["iso_a3"] == "RUS", "geometry"]
        ru = shapely.union_all(list(russia.values) + list(
            units.loc[units["country"] == "RU", "geometry"].values))
        ua_m, ru_m = self.to_m(ua), self.to_m(ru)
        # A coastline of its own: ~900 m inland of the units', simplified at 150 m;
        # along the state border it spills ~60 m into Russia instead.
        border = ua_m.boundary.intersection(ru_m.buffer(2_000))
        spill = ua_m.buffer(60).intersection(border.buffer(3_000))
        own = shapely.union_all([ua_m.buffer(-900), spill]).simplify(150)
        self.outline = shapely.make_valid(own)
        rng = np.random.default_rng(seed)
        line = LineString(self.to_m(LineString(FRONT_2024)).coords)
        n = max(int(line.length / spacing_m), 50)
        s = np.linspace(0.0, line.length, n)
        pts = shapely.get_coordinates(shapely.line_interpolate_point(line, s))
        normal = _normals(pts)
        # A jagged front: a few km of wiggle made of waves of 3-40 km.
        wiggle = np.zeros(n)
        for wl, amp in ((40e3, 900.0), (13e3, 450.0), (5e3, 220.0), (2.2e3, 90.0)):
            wiggle += amp * np.sin(2 * math.pi * s / wl + rng.uniform(0, 2 * math.pi))
        taper = np.clip(np.minimum(s, line.length - s) / 25e3, 0.0, 1.0)
        self.s = s
        # Advances move the smooth line along its smooth normals (bends of tens of km do
        # not fold under a few tens of km of advance); the wiggle rides on top of it.
        self.base = pts
        self.wiggle = wiggle * taper
        self.normal = normal
        self.taper = np.clip(np.minimum(s, line.length - s - 60e3) / 30e3, 0.0, 1.0)
        x0, y0, x1, y1 = self.outline.bounds
        self.east_tail = [(pts[-1][0], y0 - 300e3), (x1 + 300e3, y0 - 300e3),
                          (x1 + 300e3, y1 + 300e3), (pts[0][0], y1 + 300e3)]
        self.islands = _islands(self.to_m, rng)
        self.pockets = _pockets(self.to_m, self.outline)

    def polygon(self, offset: NDArray[np.float64], day: int) -> MultiPolygon:
        """The layer of one day in lon/lat, given the front's offsets (metres)."""
        front = self.base + (offset * self.taper + self.wiggle)[:, None] * self.normal
        east = Polygon([*map(tuple, front), *self.east_tail])
        if not east.is_valid:
            east = shapely.make_valid(east)
        held = self.outline.intersection(east)
        parts: list[BaseGeometry] = [held, *self.islands]
        for start, end, pocket in self.pockets:
            if start <= day < end:
                parts.append(pocket)
        merged = shapely.union_all(parts)
        for k, (cx, cy, r) in enumerate(_HOLES):
            if (day // 60) % 3 == k:  # encircled pockets come and go, one at a time
                centre = self.to_m(Point(cx, cy))
                merged = merged.difference(centre.buffer(r, quad_segs=6))
        out = self.to_deg(merged)
        out = shapely.set_precision(out, 1e-6)
        polys = [p for p in shapely.get_parts(out) if isinstance(p, Polygon) and p.area > 0]
        return MultiPolygon(polys)


_HOLES = ((37.45, 48.05, 2_200.0), (38.55, 48.20, 1_600.0))


def _transformer(src: object, dst: object):  # type: ignore[no-untyped-def]
    from pyproj import Transformer

    t = Transformer.from_crs(src, dst, always_xy=True)

    def apply(geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))

    return apply


def _normals(pts: NDArray[np.float64], window: int = 101) -> NDArray[np.float64]:
    """Unit normals of a polyline pointing to its right (west/north of a southward front),
    from tangents smoothed over ``window`` vertices (~40 km) so the line moves smoothly."""
    tangent = np.gradient(pts, axis=0)
    k = np.ones(window) / window
    half = window // 2
    tx = np.convolve(np.pad(tangent[:, 0], half, mode="edge"), k, mode="valid")
    ty = np.convolve(np.pad(tangent[:, 1], half, mode="edge"), k, mode="valid")
    norm = np.hypot(tx, ty)
    norm[norm == 0] = 1.0
    # Right of a line heading south is west: (ty, -tx) turned to point away from the east.
    return np.column_stack([-ty / norm, tx / norm]) * -1.0


def _islands(to_m, rng: np.random.Generator) -> list[BaseGeometry]:  # type: ignore[no-untyped-def]
    """Sand islands and spits off the held coasts (invented, 10-12 vertices each)."""
    centres = ((32.40, 46.02), (32.05, 46.20), (31.70, 46.36), (35.45, 46.42),
               (36.05, 46.52), (36.95, 46.68), (33.30, 45.95))
    out = []
    for lon, lat in centres:
        c = to_m(Point(lon, lat))
        k = 11
        ang = np.linspace(0, 2 * math.pi, k, endpoint=False)
        rad = rng.uniform(300, 900, k)
        ring = [(c.x + 3 * r * math.cos(a), c.y + r * math.sin(a)) for a, r in zip(ang, rad,
                                                                             strict=True)]
        out.append(Polygon(ring))
    return out


def _pockets(to_m, outline: BaseGeometry) -> list[tuple[int, int, BaseGeometry]]:  # type: ignore[no-untyped-def]
    """Held pockets along the northern border (Vovchansk, Lyptsi, Hlyboke), each held for
    a span of days."""
    spans = (((36.94, 50.30), 0, 10_000, 4_000.0), ((36.43, 50.28), 60, 400, 3_000.0),
             ((36.28, 50.36), 200, 520, 2_500.0), ((35.80, 50.42), 90, 150, 1_800.0))
    out = []
    for (lon, lat), start, end, r in spans:
        blob = to_m(Point(lon, lat)).buffer(r, quad_segs=5)
        out.append((start, end, blob.intersection(outline.buffer(800))))
    return out


def _advances(n_days: int, frame: _Frame, advance_m: float, seed: int) -> Iterator[
        NDArray[np.float64]]:
    """Cumulative offsets of the front (metres) for each calendar day."""
    rng = np.random.default_rng(seed + 2)
    offset = np.zeros(len(frame.s))
    profiles = [np.exp(-0.5 * ((frame.s - km * 1e3) / (sd * 1e3)) ** 2) for _, km, sd in _SECTORS]
    profiles = [np.where(p > 0.03, p, 0.0) for p in profiles]  # compact: the rest stays put
    active = rng.random((n_days, len(_SECTORS))) < 0.12
    push = rng.gamma(2.0, advance_m / 2.0, (n_days, len(_SECTORS)))
    back = rng.random((n_days, len(_SECTORS))) < 0.08  # a local retreat now and then
    for day in range(n_days):
        if day:
            for k, p in enumerate(profiles):
                if active[day, k]:
                    offset = offset + (-0.4 if back[day, k] else 1.0) * push[day, k] * p
        yield offset


def synthetic_history(series: SyntheticSeries = SyntheticSeries()) -> Iterator[
        tuple[dt.date, MultiPolygon]]:
    """``(date, layer)`` for every day of ``series`` that has a file (see the module doc).

    Raises
    ------
    FrontlineError
        If ``series.days`` is not positive.
    """
    if series.days < 1:
        raise FrontlineError(f"days: expected at least 1 day; got {series.days!r}.")
    frame = _Frame(series.front_spacing_m, series.seed)
    keep = set(series.dates())
    for day, offset in enumerate(_advances(series.days, frame, series.advance_m, series.seed)):
        date = series.start + dt.timedelta(days=day)
        if date in keep:
            yield date, frame.polygon(offset, day)


def synthetic_layer(*, day: int = 0, seed: int = 7) -> MultiPolygon:
    """One synthetic daily layer (the ``day``-th of the default series)."""
    series = SyntheticSeries(days=day + 1, gaps=0, seed=seed)
    last = None
    for _, layer in synthetic_history(series):
        last = layer
    assert last is not None
    return last


def feature_collection(layer: BaseGeometry, *, name: str,
                       properties: dict[str, object] | None = None) -> dict[str, object]:
    """The GeoJSON document of one daily export: ``name``, legacy ``crs``, one Feature."""
    return {
        "type": "FeatureCollection",
        "name": name,
        "crs": {"type": "name", "properties": {"name": _CRS84}},
        "features": [{"type": "Feature", "properties": dict(properties or {}),
                      "geometry": json.loads(shapely.to_geojson(layer))}],
    }


def write_history(directory: str | Path, series: SyntheticSeries = SyntheticSeries(), *,
                  prefix: str = "deepstatemap_data") -> list[Path]:
    """Write one ``<prefix>_YYYYMMDD.geojson`` per day of ``series`` into ``directory``.

    Returns
    -------
    list of Path
        The files written, oldest first.
    """
    return write_days(directory, synthetic_history(series), prefix=prefix)


def write_days(directory: str | Path, days: Iterable[tuple[dt.date, BaseGeometry]], *,
               prefix: str = "deepstatemap_data",
               shift: dt.timedelta = dt.timedelta(0)) -> list[Path]:
    """Write each ``(date, layer)`` as ``<prefix>_YYYYMMDD.geojson`` (the date moved by
    ``shift``) into ``directory``, created if needed; the files written, in order."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for date, layer in days:
        stem = f"{prefix}_{date + shift:%Y%m%d}"
        path = out / f"{stem}.geojson"
        write_atomic(path, json.dumps(feature_collection(layer, name=stem), separators=(",", ":")))
        paths.append(path)
    return paths


#: Class names of the raw multi-class export, keyed (from April 2024) and as 2022 files
#: wrote them (Ukrainian only), with the fill colour each class is drawn in.
RAW_CLASSES: dict[str, tuple[str, str, str]] = {
    "occupied": ("Окуповано /// Occupied /// geoJSON.status.occupied\n", "Окуповано",
                 "#a52714"),
    "unknown": ("Статус невідомий /// Unknown status\xa0/// geoJSON.status.unknown",
                "Під питанням", "#bcaaa4"),
    "dismissed": ("Звільнено /// Liberated\xa0/// geoJSON.status.dismissed",
                  "Звільнено 25.03", "#0f9d58"),
    "crimea": ("Окупований Крим /// Occupied Crimea\xa0/// geoJSON.territories.crimea",
               "Окупований Крим", "#880e4f"),
    "ordlo": ("ОРДЛО /// CADR and CALR\xa0/// geoJSON.territories.ordlo", "ОРДЛО", "#880e4f"),
    "transnistria": ("Придністров'я/// Transnistria /// geoJSON.territories.transnistria",
                     "Придністров'я", "#ff5252"),
    "unlabelled": ("Багатокутник 11", "Багатокутник 11", "#a52714"),
}
#: The state each class of :data:`RAW_CLASSES` stands for.
RAW_STATES: dict[str, str] = {
    "occupied": "russia", "unknown": "contested", "dismissed": "ukraine", "crimea": "russia",
    "ordlo": "russia", "transnistria": "out", "unlabelled": "russia",
}


def _geojson_3d(geom: BaseGeometry) -> dict[str, object]:
    doc: dict[str, object] = json.loads(shapely.to_geojson(shapely.force_3d(geom, 0.0)))
    return doc


def raw_export(classes: dict[str, BaseGeometry], *, keys: bool = True, points: int = 40,
               collections: int = 2, seed: int = 3) -> dict[str, object]:
    """A GeoJSON document shaped like the map's raw multi-class export (its KML turned
    into GeoJSON): points with notes, GeometryCollections, and one Polygon feature per
    part of each class's ground, with the class in ``name`` (keyed, or 2022 names without
    keys when ``keys`` is False), KML styling properties and 3D coordinates (z = 0).

    Parameters
    ----------
    classes : dict of str to geometry
        Ground per class of :data:`RAW_CLASSES` (``occupied``, ``unknown``, ...).
    keys, points, collections, seed
        Keyed names or not; how many point features and GeometryCollections to add.
    """
    rng = np.random.default_rng(seed)
    feats: list[dict[str, object]] = []
    for cls, geom in classes.items():
        keyed, bare, fill = RAW_CLASSES[cls]
        for part in shapely.get_parts(geom):
            if part.is_empty:
                continue
            props = {"name": keyed if keys else bare, "styleUrl": f"#poly-{fill[1:].upper()}",
                     "stroke": fill, "fill": fill, "fill-opacity": 0.3}
            feats.append({"type": "Feature", "properties": props,
                          "geometry": _geojson_3d(part)})
    for i in range(points):  # camps, airbases, notes
        lon, lat = 30 + 8 * rng.random(), 46 + 4 * rng.random()
        feats.append({"type": "Feature", "properties": {"name": f"note {i}",
                                                        "styleUrl": "#icon-1"},
                      "geometry": {"type": "Point", "coordinates": [lon, lat, 0.0]}})
    for i in range(collections):  # a line and a point, no ground
        lon, lat = 31 + rng.random(), 47 + rng.random()
        feats.append({"type": "Feature", "properties": {"name": f"route {i}"},
                      "geometry": {"type": "GeometryCollection", "geometries": [
                          {"type": "Point", "coordinates": [lon, lat, 0.0]},
                          {"type": "LineString", "coordinates": [[lon, lat, 0.0],
                                                                 [lon + 0.1, lat, 0.0]]}]}})
    order = rng.permutation(len(feats))
    return {"type": "FeatureCollection", "features": [feats[i] for i in order]}


#: ISW's class layers as the public archive merges a day of them (``properties.layer``).
ISW_LAYERS: dict[str, str] = {
    "control": "VIEW_RussiaCoTinUkraine_V3",
    "advance": "MDS_AssessedRussianAdvanceInUkraine_view",
    "claimed_russian": "VIEW_ClaimedRussianTerritoryinUkraine_V2",
    "claimed_ukrainian": "VIEW_ClaimedUkrainianCounteroffensives_V2",
}


def isw_layers(classes: dict[str, BaseGeometry], *, null_geometries: int = 2
               ) -> dict[str, object]:
    """A GeoJSON document shaped like a day of ISW class layers merged into one
    FeatureCollection: the legacy ``crs`` member, one feature per part with its class in
    ``layer`` (keys of :data:`ISW_LAYERS`), and a few features with a null geometry."""
    feats: list[dict[str, object]] = []
    for cls, geom in classes.items():
        for part in shapely.get_parts(geom):
            feats.append({"type": "Feature", "properties": {"layer": ISW_LAYERS[cls]},
                          "geometry": json.loads(shapely.to_geojson(part))})
    feats += [{"type": "Feature", "properties": {"layer": ISW_LAYERS["advance"]},
               "geometry": None} for _ in range(null_geometries)]
    return {"type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": _CRS84}}, "features": feats}


def write_raw_history(directory: str | Path, series: SyntheticSeries = SyntheticSeries(), *,
                      second_snapshot_every: int = 7) -> list[Path]:
    """Write a history of raw multi-class exports named by Unix time, as the public raw
    archive is: each day's held ground split into Crimea and occupied ground (their
    polygons overlap along Crimea's border), a grey band along part of the front,
    liberated ground and Transnistria; every ``second_snapshot_every``-th day has an
    earlier snapshot too (a different front, to be left out). The files written."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    crimea = box_ = shapely.box(32.4, 44.3, 36.7, 46.25)
    front_box = shapely.box(36.0, 47.3, 38.2, 49.0)
    liberated = shapely.box(29.6, 50.3, 31.0, 51.2)
    transnistria = shapely.box(29.0, 46.5, 29.9, 47.9)
    paths = []
    for i, (date, layer) in enumerate(synthetic_history(series)):
        held = shapely.make_valid(layer)
        grey = held.buffer(0.03, quad_segs=2).difference(held).intersection(front_box)
        doc = raw_export({"occupied": held.difference(crimea.buffer(-0.05)),
                          "crimea": held.intersection(box_), "unknown": grey,
                          "dismissed": liberated, "transnistria": transnistria},
                         points=20, seed=i)
        noon = int(dt.datetime(date.year, date.month, date.day, 18, tzinfo=dt.UTC).timestamp())
        if second_snapshot_every and i % second_snapshot_every == 0:
            early = raw_export({"occupied": held.buffer(0.05)}, points=5, seed=i)
            path = out / f"{noon - 36_000}.geojson"
            write_atomic(path, json.dumps(early, separators=(",", ":")))
            paths.append(path)
        path = out / f"{noon}.geojson"
        write_atomic(path, json.dumps(doc, separators=(",", ":")))
        paths.append(path)
    return paths


__all__ += ["RAW_CLASSES", "RAW_STATES", "raw_export", "ISW_LAYERS", "isw_layers",
            "write_raw_history"]


def layer_stats(layer: BaseGeometry) -> dict[str, int]:
    """Parts, holes and vertices of a layer (for checking the shape)."""
    parts = list(shapely.get_parts(layer))
    return {"parts": len(parts),
            "holes": int(sum(shapely.get_num_interior_rings(p) for p in parts)),
            "vertices": int(shapely.get_num_coordinates(layer))}


__all__ += ["layer_stats"]

