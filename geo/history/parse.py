"""Parsing one daily layer: GeoJSON (orjson and NumPy) or GeoParquet, checked.

A document becomes :class:`~geo.history.model.ParsedDay` objects or
:class:`~geo.errors.Problem` entries naming the file, the feature and what is wrong:
lon/lat in range and in the region, finite, rings closed. Validity is left to where
geometry is computed on (``ParsedDay.valid`` repairs). Coordinates are EPSG:4326.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import shapely
import simdjson
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from geo.classes import STATES, ClassChoice, classify
from geo.control import REGION_BOUNDS, read_dates
from geo.errors import Problem
from geo.formats import gdal_features, is_geojson, reprojected_from
from geo.history.model import ParsedDay, ragged_arrays
from geo.repair import polygon_parts, polygonal_valid

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


_Polys = list[list[NDArray[np.float64]]]
_Feats = list[tuple[_Polys, dict[str, Any]]]


def _ring_buffer(ring: Any) -> NDArray[np.float64] | None:
    """A simdjson ring as an (n, 2) array (3D positions: lon/lat kept); None if ragged."""
    flat = np.frombuffer(ring.as_buffer(of_type="d"), dtype=np.float64)
    n = len(ring)
    if len(flat) == 2 * n:
        return flat.reshape(-1, 2)
    if len(flat) == 3 * n:
        return np.ascontiguousarray(flat.reshape(-1, 3)[:, :2])
    return None


def _fast_geometry(g: Any) -> _Polys | None:
    """The polygons of a simdjson geometry (points and lines: none); None when it is not
    a well-formed geometry the fast reader takes."""
    kind = g["type"]
    if kind in ("Point", "MultiPoint", "LineString", "MultiLineString"):
        return []
    if kind == "GeometryCollection":
        out: _Polys = []
        for sub in g["geometries"]:
            polys = _fast_geometry(sub)
            if polys is None:
                return None
            out += polys
        return out
    coords = [g["coordinates"]] if kind == "Polygon" else \
        g["coordinates"] if kind == "MultiPolygon" else None
    if coords is None:
        return None
    polygons: _Polys = []
    for poly in coords:
        rings = []
        for ring in poly:
            arr = _ring_buffer(ring)
            if arr is None:
                return None
            rings.append(arr)
        polygons.append(rings)
    return polygons


def _fast_features(raw: bytes) -> _Feats | None:
    """The polygon features of a daily layer as ``(rings, properties)``, read without
    making a Python object per number (simdjson hands each ring over as one buffer of
    doubles): a FeatureCollection with an EPSG:4326 (or no) ``crs``, 2D or 3D positions,
    points, lines and GeometryCollections as the raw exports have them. None for any other
    document: :func:`parse_geojson` then reads it in full and says what is wrong.
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
        out: _Feats = []
        for f in doc["features"]:
            g = f.get("geometry")
            if g is None:
                continue
            polys = _fast_geometry(g)
            if polys is None:
                return None
            if polys:
                props = f.get("properties")
                out.append((polys, props.as_dict() if props is not None and len(props)
                            else {}))
        return out
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _rings_of(geom: Any) -> _Polys:
    """The rings of every polygon of a GeoJSON geometry dict or a shapely geometry."""
    if isinstance(geom, dict):
        return _polygons_of(geom)
    return [[np.asarray(r.coords, dtype=np.float64)[:, :2] for r in (p.exterior, *p.interiors)]
            for p in polygon_parts(geom)]


def _polygons(polys: _Polys, *, valid: bool = True) -> list[Any]:
    """Shapely polygons of rings, each made valid where it is not (with ``valid``)."""
    out = []
    for rings in polys:
        p = shapely.Polygon(rings[0], rings[1:])
        out += [p] if not valid or p.is_valid else polygon_parts(polygonal_valid(p))
    return out


def _grey(polys: _Polys, held: BaseGeometry) -> BaseGeometry:
    """Contested ground: its polygons (unioned only where their boxes meet), less the
    held ground they overlap, cut part by part with the held ground clipped to the part's
    box (held ground wins where classes overlap)."""
    parts = np.asarray(_polygons(polys), dtype=object)
    if not len(parts):
        return shapely.MultiPolygon()
    a, b = shapely.STRtree(parts).query(parts)
    if (a < b).any():
        parts = shapely.get_parts(shapely.union_all(parts))
    held_parts = shapely.get_parts(held)
    if len(held_parts):
        gi, hi = shapely.STRtree(held_parts).query(parts)
        for i in np.unique(gi):
            box = shapely.bounds(parts[i])
            near = [q if q.is_valid else polygonal_valid(q) for h in held_parts[hi[gi == i]]
                    for q in polygon_parts(shapely.clip_by_rect(h, *box))]
            if not near:
                continue
            try:
                cut = near[0] if len(near) == 1 else shapely.union_all(near)
                rest = shapely.difference(parts[i], cut)
            except shapely.errors.GEOSException:  # pieces that only just disagree
                rest = shapely.difference(parts[i], polygonal_valid(
                    shapely.MultiPolygon([q for g in near for q in polygon_parts(g)])))
            parts[i] = shapely.MultiPolygon(polygon_parts(rest))
    return shapely.MultiPolygon([q for p in parts for q in polygon_parts(p)])


def _merged(parsed: ParsedDay) -> ParsedDay:
    """A day whose Russian-held ground came from several features (classes such as
    occupied, Crimea and ORDLO overlap) as one valid MultiPolygon: their union, made
    once here so that day-to-day measuring compares like with like."""
    parts = shapely.get_parts(parsed.geometry)
    if len(parts) < 2:
        return parsed
    pairs = shapely.STRtree(parts).query(parts)
    if not (pairs[0] < pairs[1]).any():  # no two parts' boxes meet: nothing to merge
        return parsed
    bad = ~shapely.is_valid(parts)
    if bad.any():  # repair the self-intersecting parts alone (far cheaper than the whole)
        parts = np.asarray([polygonal_valid(p) if b else p for p, b in zip(parts, bad,
                                                                          strict=True)])
    try:
        merged = shapely.union_all(parts)
    except shapely.errors.GEOSException:
        merged = polygonal_valid(shapely.MultiPolygon(
            [q for p in parts for q in polygon_parts(p)]))
    coords, rings, polys = ragged_arrays(merged)
    return replace(parsed, coords=coords, ring_offsets=rings, polygon_offsets=polys)


def _day_of(date: dt.date, source: str, feats: _Feats, choice: ClassChoice | None
            ) -> tuple[ParsedDay | None, Problem | None]:
    """One day from its polygon features, read by class (:mod:`geo.classes`) as a single
    layer is: Russian-held ground as the day's arrays; contested ground (held ground wins
    where classes overlap) and Ukrainian-held ground beside them."""
    if not feats:
        return None, Problem(source, "", "no polygons; expected a Polygon or MultiPolygon "
                             "of held ground")
    read = classify([p for _, p in feats], choice=choice)
    if read.unplaced:
        found: dict[str, int] = {}
        for i in read.unplaced:
            found[read.labels[i]] = found.get(read.labels[i], 0) + 1
        listed = ", ".join(f"{k!r} ({v})" for k, v in sorted(found.items(), key=lambda x: -x[1]))
        return None, Problem(source, "class", f"read as {read.schema}, {len(read.unplaced)} "
                             f"polygon(s) have classes the tool cannot place: {listed}; say "
                             "what each means with --classes FIELD --map VALUE=STATE")
    by_state: dict[str, _Polys] = {}
    n_russia = 0
    for (polys, _), st in zip(feats, read.states, strict=True):
        by_state.setdefault(str(st), []).extend(polys)
        n_russia += st == "russia"
    parsed, problem = _day(date, source, by_state.get("russia", []))
    if parsed is None:
        return parsed, problem
    if n_russia > 1:
        parsed = _merged(parsed)
    others: list[tuple[str, bytes]] = []
    if by_state.get("ukraine"):  # kept as read; ParsedDay.other repairs it and takes the
        others.append(("ukraine", shapely.to_wkb(shapely.MultiPolygon(  # held ground out
            _polygons(by_state["ukraine"], valid=False)))))
    if by_state.get("contested"):
        others.append(("contested", shapely.to_wkb(_grey(by_state["contested"],
                                                         parsed.geometry))))
    if others or len(set(read.labels)) > 1:
        note = (f"read as {read.schema}: " + ", ".join(
            f"{st} {sum(1 for s in read.states if s == st)}" for st in STATES
            if st in read.states))
        parsed = replace(parsed, others=tuple(others), notes=(*parsed.notes, note))
    return parsed, None


def _one_line(source: str, problems: list[Problem]) -> list[Problem]:
    """A file's problems as one: its first, and how many more."""
    if len(problems) <= 1:
        return problems
    first = problems[0]
    return [Problem(first.where if first.where.startswith(source) else source,
                    first.field, f"{first.message} (and {len(problems) - 1} more problem"
                    f"{'s' if len(problems) > 2 else ''} in this file)")]


def parse_geojson(raw: bytes, source: str, *, date: dt.date | None = None,
                  classes: ClassChoice | None = None
                  ) -> tuple[list[ParsedDay], list[Problem]]:
    """The days of one layer file, dated by :func:`geo.control.read_dates` (the rule of
    every reader): the features' own dates win over ``date`` (the date in the file's
    name; a disagreement is noted on the day), a file whose features carry several dates
    is several days, and undated features take ``date``. GeoJSON is read by the fast
    reader; other formats (KML, GeoPackage, ...) through GDAL."""
    raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    fast = _fast_features(raw)
    if fast is not None:
        return _dated_days(fast, source, date, classes)
    if not is_geojson(raw):
        try:
            read = gdal_features(raw, source, error=ValueError)
        except ValueError as exc:
            return [], [Problem(source, "", str(exc).removeprefix(f"{source}: "))]
        reprojected_from(read)  # the marker off: a day's notes are its repairs
        return _built_days(read, source, date, classes)
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
    feats: list[Any] = (doc.get("features") or [] if doc["type"] == "FeatureCollection"
                        else [doc] if doc["type"] == "Feature"
                        else [{"geometry": doc, "properties": {}}])
    pairs: list[tuple[Any, dict[str, Any]]] = [
        (f["geometry"], f.get("properties") or {}) for f in feats
        if isinstance(f, dict) and isinstance(f.get("geometry"), dict)]
    return _built_days(pairs, source, date, classes)


def _built_days(feats: list[tuple[Any, dict[str, Any]]], source: str, date: dt.date | None,
                classes: ClassChoice | None) -> tuple[list[ParsedDay], list[Problem]]:
    """:func:`_dated_days` of features whose geometries are GeoJSON dicts or shapely."""
    polys: _Feats = []
    for i, (g, props) in enumerate(feats):
        try:
            rings = _rings_of(g)
        except (TypeError, ValueError, IndexError, AttributeError, KeyError) as exc:
            return [], [Problem(source, f"features[{i}]", f"malformed geometry ({exc})")]
        if rings:
            polys.append((rings, props if isinstance(props, dict) else {}))
    return _dated_days(polys, source, date, classes)


def _dated_days(feats: _Feats, source: str, date: dt.date | None,
                classes: ClassChoice | None) -> tuple[list[ParsedDay], list[Problem]]:
    """The days of a file's polygon features, dated by :func:`geo.control.read_dates`."""
    if not feats:
        return [], [Problem(source, "", "no polygons; expected a Polygon or MultiPolygon "
                            "of held ground")]
    reading = read_dates([p for _, p in feats], date)
    if reading.problems:
        return [], _one_line(source, [Problem(source, f, m) for f, m in reading.problems])
    days, problems = [], []
    for day, idx in reading.days.items():
        where = source if len(reading.days) == 1 else f"{source}#{day.isoformat()}"
        try:
            parsed, problem = _day_of(day, where, [feats[i] for i in idx], classes)
        except (TypeError, ValueError, IndexError, AttributeError, KeyError) as exc:
            parsed, problem = None, Problem(where, "", f"malformed geometry ({exc})")
        if parsed is not None:
            days.append(replace(parsed, date_note=reading.note) if reading.note else parsed)
        if problem is not None:
            problems.append(problem)
    return days, _one_line(source, problems)


def parse_parquet(path: Path, *, options: Any = None) -> tuple[list[ParsedDay], list[Problem]]:
    """The days of a GeoParquet file: one per date of its date column (else the date in
    its name), dated and read by class like every other layer (:func:`parse_geojson`)."""
    from geo.control import date_from_name
    from geo.safeio import read_user_file

    source = path.name
    classes = getattr(options, "classes", None)
    pattern = getattr(options, "date_pattern", None)
    try:
        raw = read_user_file(path, max_bytes=_MAX_PARQUET, what="GeoParquet file",
                             error=ValueError)
        feats = gdal_features(raw, source, error=ValueError)
        reprojected_from(feats)
    except (OSError, ValueError) as exc:
        return [], [Problem(source, "", str(exc).removeprefix(f"{source}: "))]
    return _built_days(feats, source, date_from_name(source, pattern=pattern), classes)


_MAX_PARQUET = 200 * 1024 * 1024
