"""Real control layers: mapped occupied territory, loaded, repaired and measured.

A control layer is a GeoJSON file (typically a daily export of occupied territory: one
MultiPolygon in EPSG:4326). :func:`load_control` reads and checks it and repairs invalid
geometry with a note of what was repaired; :func:`measure_control` gives the controlled
km² and share of every unit and the totals for Ukraine. Areas are geodesic (WGS84).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import MultiPolygon, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from geo.areas import WGS84, geodesic_area_km2
from geo.errors import ControlLayerError

__all__ = [
    "MAX_VERTICES",
    "MAX_FILE_BYTES",
    "REGION_BOUNDS",
    "ControlMeasure",
    "load_control",
    "measure_control",
]

#: Largest number of vertices accepted in one control layer.
MAX_VERTICES = 2_000_000
#: Largest control file accepted, bytes (200 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: (west, south, east, north) of the region a control layer must overlap, degrees.
REGION_BOUNDS = (20.0, 43.0, 42.0, 53.5)

_GEOJSON_TYPES = {
    "FeatureCollection", "Feature", "Polygon", "MultiPolygon", "GeometryCollection",
    "Point", "MultiPoint", "LineString", "MultiLineString",
}


@dataclass(frozen=True)
class ControlMeasure:
    """Controlled area per unit and totals for Ukraine.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per unit, index ``code``; columns ``name``, ``area_km2`` (geodesic area
        of the unit polygon), ``controlled_km2`` and ``share_pct``.
    total_controlled_km2 : float
        Controlled km² summed over the Ukrainian units.
    total_area_km2 : float
        Geodesic area of the Ukrainian units, km².
    total_share_pct : float
        ``total_controlled_km2`` as percent of ``total_area_km2``.
    """

    table: pd.DataFrame
    total_controlled_km2: float
    total_area_km2: float
    total_share_pct: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: ``units`` (records) and the totals."""
        records = json.loads(self.table.reset_index().to_json(orient="records",
                                                              force_ascii=False))
        return {
            "units": records,
            "total_controlled_km2": round(self.total_controlled_km2, 1),
            "total_area_km2": round(self.total_area_km2, 1),
            "total_share_pct": round(self.total_share_pct, 3),
        }


def _read(source: str | Path | bytes, name: str) -> Any:
    if isinstance(source, bytes | bytearray):
        raw = bytes(source)
    else:
        path = Path(source)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ControlLayerError(
                f"{name}: the file is {size / 1e6:,.0f} MB; the limit is "
                f"{MAX_FILE_BYTES / 1e6:,.0f} MB. Simplify or clip the layer to Ukraine first."
            )
        raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ControlLayerError(f"{name}: more than {MAX_FILE_BYTES / 1e6:,.0f} MB of data; "
                                "simplify or clip the layer first.")
    if not raw.strip():
        raise ControlLayerError(f"{name}: the file is empty; expected a GeoJSON "
                                "FeatureCollection, Feature or (Multi)Polygon.")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ControlLayerError(
            f"{name}: not GeoJSON: the content is not JSON ({exc}); expected a GeoJSON "
            "FeatureCollection, Feature or (Multi)Polygon in EPSG:4326, such as a daily "
            "export of occupied territory."
        ) from None


def _geometries(doc: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(doc, dict) or doc.get("type") not in _GEOJSON_TYPES:
        got = type(doc).__name__ if not isinstance(doc, dict) else repr(doc.get("type"))
        raise ControlLayerError(
            f"{name}: not GeoJSON: expected an object whose \"type\" is FeatureCollection, "
            f"Feature or a geometry type; got {got}."
        )
    kind = doc["type"]
    if kind == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise ControlLayerError(f"{name}: FeatureCollection without a \"features\" list.")
        out: list[dict[str, Any]] = []
        for f in feats:
            g = f.get("geometry") if isinstance(f, dict) else None
            if isinstance(g, dict):
                out.append(g)
        return out
    if kind == "Feature":
        g = doc.get("geometry")
        return [g] if isinstance(g, dict) else []
    return [doc]


def _source_crs(doc: Any, name: str) -> CRS | None:
    """The legacy GeoJSON ``crs`` member, if it names something other than lon/lat."""
    crs = doc.get("crs") if isinstance(doc, dict) else None
    if not isinstance(crs, dict):
        return None
    props = crs.get("properties") or {}
    label = props.get("name") if isinstance(props, dict) else None
    if not label:
        return None
    try:
        parsed = CRS.from_user_input(str(label))
    except CRSError:
        raise ControlLayerError(
            f"{name}: the \"crs\" member names {label!r}, which is not a known CRS; "
            "expected EPSG:4326 lon/lat (RFC 7946) or a valid EPSG code."
        ) from None
    if parsed.equals(WGS84) or parsed.to_epsg() in (4326,) or "CRS84" in str(label):
        return None
    return parsed


def _polygon_parts(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    if isinstance(geom, MultiPolygon):
        return [p for p in geom.geoms if not p.is_empty]
    return [p for g in getattr(geom, "geoms", []) for p in _polygon_parts(g)]


def load_control(
    source: str | Path | bytes, *, name: str | None = None
) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Load a control layer (GeoJSON polygons of territory held by one side).

    Parameters
    ----------
    source : str, Path or bytes
        A GeoJSON file path or its content.
    name : str, optional, keyword-only
        Name for messages (default: the path, or ``"control layer"``).

    Returns
    -------
    (GeoDataFrame, list of str)
        One row (index ``0``) with a single MultiPolygon in EPSG:4326 and a column
        ``source``; and notes on what was repaired or converted.

    Raises
    ------
    ControlLayerError
        Not JSON or not GeoJSON, empty, no polygons, more than :data:`MAX_VERTICES`
        vertices, projected coordinates without a CRS, or outside the region.
    """
    label = name or (str(source) if not isinstance(source, bytes | bytearray)
                     else "control layer")
    doc = _read(source, label)
    raw_geoms = _geometries(doc, label)
    notes: list[str] = []
    polys: list[Polygon] = []
    n_other = 0
    for i, g in enumerate(raw_geoms):
        try:
            geom = shape(g)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
            raise ControlLayerError(f"{label}: geometry {i} is malformed GeoJSON ({exc}).") \
                from None
        parts = _polygon_parts(geom)
        if not parts and not geom.is_empty:
            n_other += 1
        polys += parts
    if not polys:
        raise ControlLayerError(
            f"{label}: no polygons found ({len(raw_geoms)} geometries"
            f"{', only points or lines' if n_other else ''}); expected Polygon or "
            "MultiPolygon features of controlled territory."
        )
    if n_other:
        notes.append(f"ignored {n_other} non-polygon geometr{'y' if n_other == 1 else 'ies'}.")
    n_vertices = int(sum(shapely.get_num_coordinates(p) for p in polys))
    if n_vertices > MAX_VERTICES:
        raise ControlLayerError(
            f"{label}: {n_vertices:,} vertices; the limit is {MAX_VERTICES:,} so measuring "
            "cannot hang. Simplify the layer first (e.g. `ogr2ogr -simplify 0.0001`)."
        )
    crs = _source_crs(doc, label)
    if crs is not None:
        series = gpd.GeoSeries(polys, crs=crs).to_crs(WGS84)
        polys = [p for g in series for p in _polygon_parts(g)]
        notes.append(f"reprojected from {crs.to_string()} to EPSG:4326.")
    minx, miny, maxx, maxy = shapely.union_all(
        [shapely.envelope(p) for p in polys]).bounds
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        raise ControlLayerError(f"{label}: coordinates are not finite numbers.")
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise ControlLayerError(
            f"{label}: coordinates reach ({minx:,.0f}, {miny:,.0f}) - ({maxx:,.0f}, "
            f"{maxy:,.0f}), outside the lon/lat range: the layer looks projected (metres) "
            "but declares no CRS. Reproject it to EPSG:4326 (e.g. `ogr2ogr -t_srs "
            "EPSG:4326`) or add its \"crs\" member."
        )
    if not box(*REGION_BOUNDS).intersects(box(minx, miny, maxx, maxy)):
        raise ControlLayerError(
            f"{label}: the polygons lie at lon {minx:.2f}..{maxx:.2f}, lat {miny:.2f}.."
            f"{maxy:.2f}, outside the region (lon {REGION_BOUNDS[0]}..{REGION_BOUNDS[2]}, "
            f"lat {REGION_BOUNDS[1]}..{REGION_BOUNDS[3]}). Check that coordinates are "
            "lon/lat in that order and that this is a layer of Ukraine."
        )
    repaired: list[str] = []
    fixed: list[Polygon] = []
    for i, p in enumerate(polys):
        if p.is_valid:
            fixed.append(p)
            continue
        reason = shapely.is_valid_reason(p)
        parts = _polygon_parts(shapely.make_valid(p))
        after = sum(_km2(q) for q in parts)
        repaired.append(f"polygon {i}: {reason} ({after:,.1f} km² after repair)")
        fixed += parts
    if repaired:
        notes.append(f"repaired {len(repaired)} invalid polygon"
                     f"{'s' if len(repaired) != 1 else ''} with make_valid: "
                     + "; ".join(repaired[:5]) + (" ..." if len(repaired) > 5 else ""))
    merged = shapely.union_all(fixed) if fixed else Polygon()
    parts = _polygon_parts(merged)
    if not parts:
        raise ControlLayerError(f"{label}: the polygons have no area after repair; expected "
                                "polygons of controlled territory.")
    if len(fixed) > 1:
        notes.append(f"merged {len(fixed)} polygons into one MultiPolygon.")
    gdf = gpd.GeoDataFrame({"source": [label]}, geometry=[MultiPolygon(parts)], crs=WGS84)
    return gdf, notes


def _km2(geom: BaseGeometry) -> float:
    value = geodesic_area_km2(geom)
    return float(value) if isinstance(value, float | int) else float(value.sum())


def measure_control(
    control: gpd.GeoDataFrame | BaseGeometry, units: gpd.GeoDataFrame
) -> ControlMeasure:
    """Controlled km² and share of each unit, and totals for Ukraine's 27 units.

    Parameters
    ----------
    control : GeoDataFrame or shapely geometry
        The control layer (EPSG:4326), e.g. from :func:`load_control`.
    units : GeoDataFrame
        The unit layer of :func:`geo.boundaries.load_units`.

    Returns
    -------
    ControlMeasure
        ``table`` per unit (all units of ``units``, Russian ones included) and totals
        over the units whose ``country`` is ``UA``.
    """
    if isinstance(control, BaseGeometry):
        geom = control
    else:
        if control.crs is not None and not CRS(control.crs).equals(WGS84):
            control = control.to_crs(WGS84)
        geom = shapely.union_all(list(control.geometry.values))
    shapely.prepare(geom)
    rows = []
    for code, row in units.iterrows():
        unit = row.geometry
        area = _km2(unit)
        if not geom.intersects(unit):
            inter = 0.0
        elif geom.covers(unit):
            inter = area
        else:
            inter = _km2(unit.intersection(geom))
        rows.append({"code": code, "name": row.get("name_en"), "country": row.get("country"),
                     "area_km2": area, "controlled_km2": inter,
                     "share_pct": 100.0 * inter / area if area else 0.0})
    table = pd.DataFrame(rows).set_index("code")
    ua = table[table["country"] == "UA"]
    total_c = float(ua["controlled_km2"].sum())
    total_a = float(ua["area_km2"].sum())
    table = table.drop(columns="country")
    return ControlMeasure(table=table, total_controlled_km2=total_c, total_area_km2=total_a,
                          total_share_pct=100.0 * total_c / total_a if total_a else 0.0)
