"""Checking GeoJSON geometries as they come from users, before any geometry is built.

One pass over a geometry's JSON (iterative, so no nesting breaks the stack) finds what
GEOS would choke on or silently misread: unknown geometry types (``"Circle"``), a
geometry given as a WKT string or under ``"geometries"`` in a type that has
``"coordinates"``, positions that are not two or three finite numbers (numeric
strings, booleans, NaN), lon/lat out of range, rings that are not closed or too short,
and rings that cross the antimeridian (a jump of more than 180° of longitude between
two vertices: the ring would wrap the globe the other way). It also counts vertices, so
a layer is refused before it is built when it is too large. Coordinates are lon/lat
degrees (EPSG:4326) unless the document declares another CRS (then the range checks
are skipped here and done after reprojection).
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["GEOMETRY_TYPES", "SKETCH_BOUNDS", "MAX_SKETCH_VERTICES", "check_geometry",
           "check_sketch"]

#: (west, south, east, north) a sketched proposal must lie in, degrees: Ukraine, its
#: neighbours and the seas around, so a whole-world or wrapped polygon is refused.
SKETCH_BOUNDS = (10.0, 35.0, 60.0, 65.0)
#: Most vertices a drawn or pasted sketch may have.
MAX_SKETCH_VERTICES = 100_000

#: GeoJSON geometry types (RFC 7946) and the nesting depth of their coordinates.
GEOMETRY_TYPES: dict[str, int] = {"Point": 1, "MultiPoint": 2, "LineString": 2,
                                  "MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4}
_MAX_MEMBERS = 10_000


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def check_geometry(g: Any, *, lonlat: bool = True, max_vertices: int) -> tuple[list[str], int]:
    """Problems of GeoJSON geometry ``g`` (empty when it can be built) and its vertex count.

    ``lonlat``: check the lon/lat range and the antimeridian (False when the document
    declares a projected CRS). Counting stops past ``max_vertices``.
    """
    problems: list[str] = []
    vertices = 0
    stack: list[tuple[Any, int]] = [(g, 0)]
    members = 0
    while stack:
        geom, depth = stack.pop()
        if isinstance(geom, str):
            problems.append("the geometry is a string (WKT?); expected a GeoJSON geometry "
                            "object such as {\"type\": \"Polygon\", \"coordinates\": [...]}")
            continue
        if not isinstance(geom, dict):
            problems.append(f"the geometry is {type(geom).__name__}; expected a GeoJSON "
                            "geometry object")
            continue
        kind = geom.get("type")
        if kind == "GeometryCollection":
            parts = geom.get("geometries")
            if not isinstance(parts, list) or depth > 2:
                problems.append("a GeometryCollection needs a \"geometries\" list (and may "
                                "not nest deeper than 2)")
                continue
            members += len(parts)
            if members > _MAX_MEMBERS:
                problems.append(f"more than {_MAX_MEMBERS:,} geometries in collections")
                break
            stack += [(p, depth + 1) for p in parts]
            continue
        if kind not in GEOMETRY_TYPES:
            problems.append(f"unknown geometry type {kind!r}; expected one of "
                            f"{', '.join(GEOMETRY_TYPES)} or GeometryCollection")
            continue
        coords = geom.get("coordinates")
        if coords is None:
            extra = " (it has \"geometries\", which only a GeometryCollection has)" \
                if "geometries" in geom else ""
            problems.append(f"{kind} without \"coordinates\"{extra}")
            continue
        found, n = _positions(coords, kind, lonlat=lonlat, budget=max_vertices - vertices)
        vertices += n
        problems += found
        if vertices > max_vertices:
            break
    return problems, vertices


def _positions(coords: Any, kind: str, *, lonlat: bool, budget: int) -> tuple[list[str], int]:
    """Check the coordinate arrays of one geometry; problems (at most a few) and count."""
    want = GEOMETRY_TYPES[kind]
    problems: list[str] = []
    count = 0
    # (array, depth, is the array a ring)
    stack: list[tuple[Any, int]] = [(coords, want)]
    while stack and len(problems) < 3:
        arr, level = stack.pop()
        if not isinstance(arr, list):
            problems.append(f"{kind} coordinates hold {type(arr).__name__} where a list is "
                            "expected")
            continue
        if level == 1:
            count += 1
            if count > budget:
                return problems, count
            if len(arr) not in (2, 3) or not all(_number(v) for v in arr):
                shown = repr(arr)[:60]
                why = ("numbers given as strings" if any(isinstance(v, str) for v in arr) else
                       "not finite numbers" if any(isinstance(v, float) for v in arr) else
                       "not two or three numbers")
                problems.append(f"position {shown}: {why}; expected [lon, lat]")
                continue
            if lonlat and not (-180 <= arr[0] <= 180 and -90 <= arr[1] <= 90):
                problems.append(f"position {arr[:2]!r} is outside lon -180..180, lat -90..90; "
                                "is the layer projected without a \"crs\" member?")
            continue
        if level == 2 and kind in ("Polygon", "MultiPolygon"):
            problems += _ring(arr, lonlat=lonlat)
        stack += [(a, level - 1) for a in arr] if isinstance(arr, list) else []
    return problems, count


def _ring(ring: list[Any], *, lonlat: bool) -> list[str]:
    pts = [p for p in ring if isinstance(p, list) and len(p) >= 2 and _number(p[0])
           and _number(p[1])]
    if len(pts) != len(ring):
        return []  # the positions report it
    if len(pts) < 4:
        return [f"a ring of {len(pts)} positions; a closed ring needs at least 4"]
    if pts[0][:2] != pts[-1][:2]:
        return ["a ring that is not closed (its last position differs from its first)"]
    if lonlat and any(abs(b[0] - a[0]) > 180 for a, b in zip(pts, pts[1:], strict=False)):
        return ["a ring crosses the antimeridian (180° of longitude between two vertices); "
                "split it at 180° (RFC 7946 §3.1.9)"]
    return []


def check_sketch(g: Any) -> list[str]:
    """Problems of a drawn or pasted sketch (a line or polygon of a proposal): those of
    :func:`check_geometry`, lines and polygons only, and inside :data:`SKETCH_BOUNDS`."""
    problems, n = check_geometry(g, max_vertices=MAX_SKETCH_VERTICES)
    if n > MAX_SKETCH_VERTICES:
        return [f"more than {MAX_SKETCH_VERTICES:,} vertices; simplify the sketch"]
    if problems:
        return problems
    kind = g.get("type") if isinstance(g, dict) else None
    if kind not in ("Polygon", "MultiPolygon", "LineString", "MultiLineString"):
        return [f"a {kind} is not a sketch; draw or paste a line or a polygon"]
    xs: list[float] = []
    ys: list[float] = []
    stack = [g["coordinates"]]
    while stack:
        a = stack.pop()
        if a and isinstance(a[0], int | float):
            xs.append(float(a[0]))
            ys.append(float(a[1]))
        else:
            stack += a
    if not xs:
        return ["the sketch has no vertices"]
    w, s_, e, n_ = SKETCH_BOUNDS
    if min(xs) < w or max(xs) > e or min(ys) < s_ or max(ys) > n_:
        return [f"the sketch reaches lon {min(xs):.1f}..{max(xs):.1f}, lat {min(ys):.1f}.."
                f"{max(ys):.1f}, outside the region (lon {w:g}..{e:g}, lat {s_:g}..{n_:g}); "
                "sketch a line or area in and around Ukraine, in lon/lat"]
    return []
