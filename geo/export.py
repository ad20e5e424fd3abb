"""Export layers as RFC 7946 GeoJSON, as a zip of GeoJSON files, and as a GeoPackage.

RFC 7946 output: WGS84 lon/lat (EPSG:4326), polygons wound by the right-hand rule
(exterior rings counter-clockwise, holes clockwise), no ``crs`` member, coordinates
rounded to 6 decimals (about 0.1 m). Provenance (source, report, schematic flag...)
goes into every feature's ``properties``. Areas in properties are km².
"""

from __future__ import annotations

import io
import json
import math
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from geo.errors import FrontlineError

__all__ = [
    "to_geojson",
    "to_geojson_dict",
    "layers_zip",
    "layers_gpkg",
    "layers_kml",
    "check_rfc7946",
    "safe_layer_name",
]

COORD_DECIMALS = 6


def _clean_value(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, (np.generic,)):
        v = v.item()
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if isinstance(v, (pd.Timestamp,)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_clean_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _clean_value(x) for k, x in v.items()}
    if isinstance(v, (str, int, float, bool)):
        return v
    if v is pd.NA or v is pd.NaT:
        return None
    return str(v)


def _rfc7946_geometry(geom: shapely.Geometry) -> dict[str, Any] | None:
    if geom is None or geom.is_empty:
        return None
    # Snap to the 1e-6 grid first (drops rings that collapse), then wind, then print
    # the snapped values with exactly 6 decimals.
    geom = shapely.set_precision(geom, 10.0**-COORD_DECIMALS)
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    geom = shapely.transform(geom, lambda c: np.round(c, COORD_DECIMALS))
    out: dict[str, Any] = shapely.geometry.mapping(geom)
    return json.loads(json.dumps(out))  # tuples -> lists


def to_geojson_dict(
    layer: gpd.GeoDataFrame,
    *,
    provenance: Mapping[str, Any] | None = None,
    name: str | None = None,
    members: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A layer as an RFC 7946 FeatureCollection (a dict).

    Parameters
    ----------
    layer : GeoDataFrame
        Any CRS (reprojected to EPSG:4326); a named index (e.g. ``code``) becomes a
        property.
    provenance : mapping, optional, keyword-only
        Added to every feature's properties (feature values win on a clash).
    name : str, optional, keyword-only
        Stored as the collection's ``name`` foreign member.
    members : mapping, optional, keyword-only
        Further foreign members of the collection (``{"schematic": True}``).
    """
    if layer.crs is None:
        raise FrontlineError(
            "layer has no CRS; expected EPSG:4326 (lon/lat). Set it with `layer.set_crs(4326)`."
        )
    if not CRS(layer.crs).equals(CRS.from_epsg(4326)):
        layer = layer.to_crs(4326)
    frame = layer.reset_index() if layer.index.name else layer
    geom_col = frame.geometry.name
    features = []
    for row in frame.to_dict("records"):
        geom = row.pop(geom_col)
        props = {**dict(provenance or {}), **{str(k): _clean_value(v) for k, v in row.items()}}
        features.append(
            {"type": "Feature", "properties": props, "geometry": _rfc7946_geometry(geom)}
        )
    out: dict[str, Any] = {"type": "FeatureCollection"}
    if name:
        out["name"] = name
    for key, value in (members or {}).items():
        if key not in ("type", "features", "crs"):
            out[key] = _clean_value(value)
    out["features"] = features
    return out


def to_geojson(
    layer: gpd.GeoDataFrame,
    *,
    provenance: Mapping[str, Any] | None = None,
    name: str | None = None,
    members: Mapping[str, Any] | None = None,
) -> str:
    """A layer as RFC 7946 GeoJSON text; see :func:`to_geojson_dict`."""
    doc = to_geojson_dict(layer, provenance=provenance, name=name, members=members)
    try:  # NaN is not JSON: a file with it would not be GeoJSON
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        raise FrontlineError(f"{name or 'layer'}: a coordinate is not a finite number; "
                             "the layer cannot be written as GeoJSON.") from None


def safe_layer_name(name: str) -> str:
    """A file- and GeoPackage-safe layer name (``[a-z0-9_]``, at most 60 characters)."""
    cleaned = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")
    return (cleaned or "layer")[:60]


def layers_zip(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    provenance: Mapping[str, Any] | None = None,
) -> bytes:
    """All layers as one zip of RFC 7946 GeoJSON files (``<layer>.geojson``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, layer in layers.items():
            fname = safe_layer_name(name) + ".geojson"
            zf.writestr(fname, to_geojson(layer, provenance=provenance, name=name))
    return buf.getvalue()


def layers_gpkg(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    provenance: Mapping[str, Any] | None = None,
) -> bytes:
    """All layers as one GeoPackage (one table per layer, EPSG:4326)."""
    return _layers_file(layers, provenance=provenance, driver="GPKG", suffix=".gpkg")


def layers_kml(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    provenance: Mapping[str, Any] | None = None,
) -> bytes:
    """All layers as one KML for Google Earth (one folder per layer, EPSG:4326; the
    properties, provenance included, as each placemark's data). Empty layers are left
    out (KML has no empty folder with a schema)."""
    kept = {k: v for k, v in layers.items() if len(v)}
    return _layers_file(kept, provenance=provenance, driver="LIBKML", suffix=".kml")


def _layers_file(layers: Mapping[str, gpd.GeoDataFrame], *,
                 provenance: Mapping[str, Any] | None, driver: str, suffix: str) -> bytes:
    import warnings

    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL's notes on field types it converts
        path = Path(tmp) / f"layers{suffix}"
        for name, layer in layers.items():
            fc = to_geojson_dict(layer, provenance=provenance)
            gdf = (
                gpd.GeoDataFrame.from_features(fc["features"], crs="EPSG:4326")
                if fc["features"]
                else gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
            )
            for col in gdf.columns:
                if col != "geometry" and gdf[col].map(lambda v: isinstance(v, (list, dict))).any():
                    gdf[col] = gdf[col].map(lambda v: json.dumps(v, ensure_ascii=False))
            gdf.to_file(path, layer=safe_layer_name(name), driver=driver, engine="pyogrio",
                        **({"append": True} if driver == "LIBKML" and path.exists() else {}))
        return path.read_bytes()


def _ring_signed_area(coords: list[list[float]]) -> float:
    a = 0.0
    for (x1, y1), (x2, y2) in zip(coords[:-1], coords[1:], strict=True):
        a += x1 * y2 - x2 * y1
    return a / 2.0


def _decimals(x: float) -> int:
    text = repr(float(x))
    if "e" in text:
        return 99
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def check_rfc7946(text: str | dict[str, Any]) -> list[str]:
    """Problems that keep GeoJSON from meeting RFC 7946 as this project writes it.

    Checks: a FeatureCollection, no ``crs`` member, lon/lat ranges, at most 6 decimals,
    closed rings, counter-clockwise exteriors and clockwise holes. Returns ``[]`` when
    conforming.
    """
    doc = json.loads(text) if isinstance(text, str) else text
    problems: list[str] = []
    if doc.get("type") != "FeatureCollection":
        problems.append(f"type is {doc.get('type')!r}, expected 'FeatureCollection'")
    if "crs" in doc:
        problems.append("has a 'crs' member (RFC 7946 section 4: WGS84 only, no crs)")
    for i, feat in enumerate(doc.get("features", [])):
        if "crs" in feat:
            problems.append(f"features[{i}] has a 'crs' member")
        geom = feat.get("geometry")
        if geom is None:
            continue
        polys: list[Any] = []
        if geom["type"] == "Polygon":
            polys = [geom["coordinates"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["coordinates"]
        flat = np.asarray(
            shapely.get_coordinates(shapely.geometry.shape(geom)), dtype=float
        ).reshape(-1, 2)
        if flat.size and (np.abs(flat[:, 0]).max() > 180 or np.abs(flat[:, 1]).max() > 90):
            problems.append(f"features[{i}]: coordinates outside lon/lat range")
        if flat.size and max(_decimals(v) for v in flat.ravel()) > COORD_DECIMALS:
            problems.append(f"features[{i}]: coordinates with more than {COORD_DECIMALS} decimals")
        for j, poly in enumerate(polys):
            for k, ring in enumerate(poly):
                if ring[0] != ring[-1]:
                    problems.append(f"features[{i}] polygon {j} ring {k} is not closed")
                area = _ring_signed_area(ring)
                if k == 0 and area < 0:
                    problems.append(f"features[{i}] polygon {j}: exterior ring is clockwise")
                if k > 0 and area > 0:
                    problems.append(f"features[{i}] polygon {j}: hole {k} is counter-clockwise")
    return problems
