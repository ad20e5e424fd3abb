"""Parsing one daily layer: GeoJSON (orjson and NumPy) or GeoParquet, checked.

A document becomes :class:`~geo.history.model.ParsedDay` objects or
:class:`~geo.errors.Problem` entries naming the file, the feature and what is wrong:
lon/lat in range and in the region, finite, rings closed. Validity is left to where
geometry is computed on (``ParsedDay.valid`` repairs). Coordinates are EPSG:4326.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import shapely
import simdjson
from numpy.typing import NDArray

from geo.control import DATE_KEYS, REGION_BOUNDS, feature_date, parse_date
from geo.errors import Problem
from geo.history.model import ParsedDay

__all__ = ["parse_geojson", "parse_parquet"]


def _ring_array(ring: Any) -> NDArray[np.float64]:
    n = len(ring)
    if n and len(ring[0]) != 2:  # 3D positions: keep lon/lat
        return np.asarray([p[:2] for p in ring], dtype=np.float64)
    return np.fromiter(itertools.chain.from_iterable(ring), dtype=np.float64,
                       count=2 * n).reshape(n, 2)


def _polygons_of(geom: Any) -> list[list[NDArray[np.float64]]]:
    """The rings of every polygon of a GeoJSON geometry dict (lines and points: none)."""
    kind = geom.get("type")
    coords = geom.get("coordinates")
    if kind == "Polygon":
        return [[_ring_array(r) for r in coords]]
    if kind == "MultiPolygon":
        return [[_ring_array(r) for r in poly] for poly in coords]
    if kind == "GeometryCollection":
        return [p for g in geom.get("geometries", []) for p in _polygons_of(g)]
    return []


def _check_coords(coords: NDArray[np.float64]) -> str | None:
    lon, lat = coords[:, 0], coords[:, 1]  # (min(axis=0) is ten times slower)
    lon0, lon1, lat0, lat1 = lon.min(), lon.max(), lat.min(), lat.max()
    if not np.isfinite([lon0, lon1, lat0, lat1]).all():  # NaN and inf show in these
        return "coordinates are not all finite numbers"
    if lon0 < -180 or lon1 > 180 or lat0 < -90 or lat1 > 90:
        return ("coordinates are outside the lon/lat range: the layer looks projected; "
                "reproject it to EPSG:4326")
    w, s, e, n = REGION_BOUNDS
    if lon1 < w or lon0 > e or lat1 < s or lat0 > n:
        return (f"the polygons lie at lon {lon0:.2f}..{lon1:.2f}, lat "
                f"{lat0:.2f}..{lat1:.2f}, outside the region; check lon/lat order")
    return None


def _day(date: dt.date, source: str, polygons: list[list[NDArray[np.float64]]]
         ) -> tuple[ParsedDay | None, Problem | None]:
    """A :class:`ParsedDay` from rings, checked (or the problem)."""
    rings = [r for poly in polygons for r in poly]
    if not rings:
        return None, Problem(source, "", "no polygons; expected a Polygon or MultiPolygon of "
                             "held ground")
    coords = np.concatenate(rings)
    bad = _check_coords(coords)
    if bad:
        return None, Problem(source, "", bad)
    sizes = np.fromiter((len(r) for r in rings), dtype=np.int64, count=len(rings))
    ring_off = np.zeros(len(rings) + 1, dtype=np.int64)
    np.cumsum(sizes, out=ring_off[1:])
    poly_off = np.zeros(len(polygons) + 1, dtype=np.int64)
    poly_off[1:] = np.cumsum([len(p) for p in polygons])
    if sizes.min() < 4:
        return None, Problem(source, "", f"a ring has {sizes.min()} positions; a polygon "
                             "ring needs at least 4 (closed)")
    open_rings = int((coords[ring_off[:-1]] != coords[ring_off[1:] - 1]).any(axis=1).sum())
    if open_rings:
        return None, Problem(source, "", f"{open_rings} ring(s) are not closed (the last "
                             "position must repeat the first)")
    jumps = np.abs(np.diff(coords[:, 0])) > 180
    jumps[ring_off[1:-1] - 1] = False  # from one ring's end to the next ring's start
    if jumps.any():
        return None, Problem(source, "", "a ring crosses the antimeridian (180° of longitude "
                             "between two vertices); split it at 180° (RFC 7946 §3.1.9)")
    # Validity is checked where geometry is computed on (geo.increment checks each
    # keyframe and every changed region; ParsedDay.valid() repairs): parsing stays cheap.
    return ParsedDay(date, source, coords, ring_off, poly_off), None


def _fast_polygons(raw: bytes) -> list[list[NDArray[np.float64]]] | None:
    """The polygons of a plain daily layer, read without making a Python object per
    number (simdjson hands each ring over as one buffer of doubles): a FeatureCollection
    of (Multi)Polygon features in 2D with an EPSG:4326 (or no) ``crs``. None for any
    other document: :func:`parse_geojson` then reads it in full and says what is wrong.
    """
    try:
        doc: Any = simdjson.Parser().parse(raw)
        if not hasattr(doc, "get") or doc.get("type") != "FeatureCollection":
            return None
        crs = doc.get("crs")
        if crs is not None:
            name = str(crs.at_pointer("/properties/name"))
            if "CRS84" not in name and not name.endswith("4326"):
                return None
        polygons: list[list[NDArray[np.float64]]] = []
        for f in doc["features"]:
            g = f["geometry"]
            kind = g["type"]
            polys = [g["coordinates"]] if kind == "Polygon" else \
                g["coordinates"] if kind == "MultiPolygon" else None
            if polys is None:
                return None
            for poly in polys:
                rings = []
                for ring in poly:
                    flat = np.frombuffer(ring.as_buffer(of_type="d"), dtype=np.float64)
                    if len(flat) != 2 * len(ring):  # 3D or ragged positions
                        return None
                    rings.append(flat.reshape(-1, 2))
                polygons.append(rings)
        return polygons
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def parse_geojson(raw: bytes, source: str, *, date: dt.date | None = None
                  ) -> tuple[list[ParsedDay], list[Problem]]:
    """The days of one GeoJSON document: one (its features merged) when ``date`` is given
    (from the file name), else one per date its features carry."""
    raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if date is not None:
        fast = _fast_polygons(raw)
        if fast is not None:
            parsed, problem = _day(date, source, fast)
            return ([parsed] if parsed else []), ([problem] if problem else [])
    problems: list[Problem] = []
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return [], [Problem(source, "", f"not JSON ({exc}); expected a GeoJSON "
                            "FeatureCollection of held ground")]
    crs = doc.get("crs") if isinstance(doc, dict) else None
    name = ((crs or {}).get("properties") or {}).get("name") if isinstance(crs, dict) else None
    if name and "CRS84" not in str(name) and not str(name).endswith(("4326", "EPSG::4326")):
        return [], [Problem(source, "crs", f"the crs member names {name!r}; a history must be "
                            "EPSG:4326 lon/lat (reproject with `ogr2ogr -t_srs EPSG:4326`)")]
    if not isinstance(doc, dict) or doc.get("type") not in ("FeatureCollection", "Feature",
                                                            "Polygon", "MultiPolygon"):
        return [], [Problem(source, "", "not a GeoJSON FeatureCollection, Feature or "
                            "(Multi)Polygon")]
    feats = (doc.get("features") or [] if doc["type"] == "FeatureCollection"
             else [doc] if doc["type"] == "Feature" else [{"geometry": doc, "properties": {}}])
    by_date: dict[dt.date, list[list[NDArray[np.float64]]]] = {}
    for i, f in enumerate(feats):
        if not isinstance(f, dict) or not isinstance(f.get("geometry"), dict):
            continue
        day = date
        if day is None:
            found = feature_date(f.get("properties") or {})
            if found is None:
                problems.append(Problem(source, f"features[{i}]", "has no date (a property "
                                        f"{' or '.join(DATE_KEYS[:3])} ...) and the file name "
                                        "has none; name files *_YYYYMMDD.geojson"))
                continue
            day = found[1]
        try:
            polys = _polygons_of(f["geometry"])
        except (TypeError, ValueError, IndexError, AttributeError) as exc:
            problems.append(Problem(source, f"features[{i}]", f"malformed geometry ({exc})"))
            continue
        by_date.setdefault(day, []).extend(polys)
    days = []
    for day, polys in sorted(by_date.items()):
        parsed, problem = _day(day, source if date is not None or len(by_date) == 1
                               else f"{source}#{day.isoformat()}", polys)
        if parsed is not None:
            days.append(parsed)
        if problem is not None:
            problems.append(problem)
    if not days and not problems:
        problems.append(Problem(source, "", "no features with polygons"))
    return days, problems


def parse_parquet(path: Path) -> tuple[list[ParsedDay], list[Problem]]:
    import geopandas as gpd

    source = path.name
    try:
        frame = gpd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - any reader failure is this file's problem
        return [], [Problem(source, "", f"not a readable GeoParquet ({exc})")]
    col = next((c for c in DATE_KEYS if c in frame.columns), None)
    if col is None:
        return [], [Problem(source, "", f"no date column; expected one of {', '.join(DATE_KEYS)}")]
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    days, problems = [], []
    for value, group in frame.groupby(frame[col].astype(str), sort=True):
        day = parse_date(value)
        if day is None:
            problems.append(Problem(source, col, f"{value!r} is not a date"))
            continue
        polys = [[np.asarray(r.coords)[:, :2] for r in (p.exterior, *p.interiors)]
                 for g in group.geometry if g is not None for p in shapely.get_parts(g)
                 if p.geom_type == "Polygon"]
        parsed, problem = _day(day, f"{source}#{day.isoformat()}", polys)
        if parsed is not None:
            days.append(parsed)
        if problem is not None:
            problems.append(problem)
    return days, problems
