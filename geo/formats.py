"""Layer file formats: which one a file is, and reading the ones GDAL reads.

GeoJSON (and ``.geojson.gz``) is read by the project's fast JSON reader
(:mod:`geo.control`, :mod:`geo.history.parse`); every other format is read through
GDAL (pyogrio): KML and KMZ (every folder of a Google My Maps export), a Shapefile's
``.zip`` (or the ``.shp`` beside its sidecars), GeoPackage (one layer, picked by name
when there are several), FlatGeobuf; GeoParquet through pyarrow. A file is recognised by
its content, not its name, so uploads and renamed files read the same. Geometries come
back as shapely objects in EPSG:4326 (reprojected from the file's CRS), Z dropped.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from geo.errors import FrontlineError

__all__ = [
    "LAYER_SUFFIXES",
    "GDAL_SUFFIXES",
    "is_geojson",
    "unpack_gzip",
    "format_of",
    "gdal_features",
    "reprojected_from",
]

#: File name endings of the formats read through GDAL (GeoParquet through pyarrow).
GDAL_SUFFIXES: tuple[str, ...] = (".kml", ".kmz", ".shp", ".gpkg", ".fgb", ".parquet",
                                  ".geoparquet")
#: File name endings read as a control layer. A history's folder takes all but ``.shp``
#: (a day in a Shapefile needs its sidecars: zip them, one zip a day).
LAYER_SUFFIXES: tuple[str, ...] = (".geojson", ".json", ".geojson.gz", ".json.gz",
                                   *GDAL_SUFFIXES)

_MAGIC: Sequence[tuple[bytes, str]] = (
    (b"PK\x03\x04", "zip"), (b"SQLite format 3\x00", "gpkg"), (b"PAR1", "parquet"),
    (b"fgb\x03", "fgb"),
)


def unpack_gzip(raw: bytes, label: str, *, limit: int,
                error: type[Exception] = FrontlineError) -> bytes:
    """``raw`` gunzipped when it is gzip (by its magic bytes): at most ``limit`` bytes, a
    mebibyte at a time, and stopped once it unpacks to more than
    :data:`geo.archive.MAX_RATIO` times its packed size above
    :data:`geo.archive.RATIO_FROM_BYTES` (a gzip bomb), :func:`geo.archive.gunzip`."""
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    from geo.archive import gunzip

    return gunzip(raw, label, limit=limit, error=error)


def format_of(raw: bytes) -> str:
    """``geojson``, ``zip`` (a zipped Shapefile or a KMZ), ``gpkg``, ``parquet``, ``fgb``,
    ``kml`` or ``shp`` by the content's first bytes; ``unknown`` otherwise."""
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "geojson"
    if head.startswith(b"<") and b"kml" in raw[:2048].lower():
        return "kml"
    if raw[:4] == b"\x00\x00\x27\x0a":
        return "shp"
    return "unknown"


def is_geojson(raw: bytes) -> bool:
    """Whether ``raw`` is read as GeoJSON (JSON text, or anything no other format claims:
    the JSON reader then says what is wrong)."""
    return format_of(raw) in ("geojson", "unknown")


def gdal_features(raw: bytes | Path, label: str, *, layer: str | None = None,
                  error: type[Exception] = FrontlineError
                  ) -> list[tuple[Any, dict[str, Any]]]:
    """The ``(shapely geometry, properties)`` of every feature of a non-GeoJSON file.

    Parameters
    ----------
    raw : bytes or Path
        The file's content, or the path of a ``.shp`` (read with its sidecars).
    label : str
        The file's name, for messages.
    layer : str, optional, keyword-only
        The layer to read where the file holds several of different kinds (a GeoPackage);
        a KML's folders are all read, each feature keeping its folder as ``folder``.
    error : exception class, keyword-only
        Raised with the message when the file cannot be read.
    """
    if isinstance(raw, Path):
        return _shp_features(raw, label, error)
    kind = format_of(raw)
    if kind == "parquet":
        return _parquet_features(raw, label, error)
    if kind == "unknown":
        raise error(f"{label}: not a layer file this tool reads; expected GeoJSON (also "
                    ".geojson.gz), KML, KMZ, a Shapefile (.zip with its .shp, .shx, .dbf, "
                    ".prj), GeoPackage, FlatGeobuf or GeoParquet.")
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    if kind == "zip":  # a KMZ or a zipped Shapefile: GDAL would unpack it unbounded
        from geo.archive import check_zip

        check_zip(raw, label, error=error)
    kml = _is_kml(raw, kind)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL's notes on names and extensions
        try:
            layers = [str(row[0]) for row in pyogrio.list_layers(io.BytesIO(raw))]
        except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
            raise error(f"{label}: GDAL cannot read it as {kind.upper()} ({exc}); check the "
                        "file is complete (a Shapefile zip needs its .shp, .shx and .dbf)."
                        ) from None
        if layer is not None:
            if layer not in layers:
                raise error(f"{label}: no layer {layer!r}; the file's layers are "
                            f"{', '.join(map(repr, layers))}.")
            chosen = [layer]
        elif kind in ("kml", "zip") and len(layers) > 1 and kml:
            chosen = layers  # a My Maps export: one folder a class
        elif len(layers) > 1:
            raise error(f"{label}: {len(layers)} layers ({', '.join(map(repr, layers))}); "
                        "pick one with --layer NAME (or in the app's layer box).")
        else:
            chosen = layers
        feats: list[tuple[Any, dict[str, Any]]] = []
        for name in chosen:
            try:
                frame = pyogrio.read_dataframe(io.BytesIO(raw), layer=name)
            except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
                raise error(f"{label}: layer {name!r} cannot be read ({exc}).") from None
            feats += _frame_features(frame, label, error, kml=kml,
                                     folder=name if len(chosen) > 1 else None)
    return feats


def _shp_features(path: Path, label: str, error: type[Exception]
                  ) -> list[tuple[Any, dict[str, Any]]]:
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    missing = [s for s in (".shx", ".dbf") if not path.with_suffix(s).exists()
               and not path.with_suffix(s.upper()).exists()]
    if missing:
        raise error(f"{label}: a Shapefile needs its {' and '.join(missing)} beside the .shp "
                    "(and its .prj for the CRS); put them in the same folder, or zip them.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            frame = pyogrio.read_dataframe(path)
        except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
            raise error(f"{label}: GDAL cannot read the Shapefile ({exc}).") from None
    return _frame_features(frame, label, error)


def _is_kml(raw: bytes, kind: str) -> bool:
    if kind == "kml":
        return True
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            return any(n.lower().endswith(".kml") for n in zf.namelist())
    except zipfile.BadZipFile:
        return False


_KML_NOISE = {"id", "description", "timestamp", "begin", "end", "altitudeMode", "tessellate",
              "extrude", "visibility", "drawOrder", "icon"}


def _frame_features(frame: Any, label: str, error: type[Exception], *, kml: bool = False,
                    folder: str | None = None) -> list[tuple[Any, dict[str, Any]]]:
    """The features of a frame GDAL read, in EPSG:4326; a KML's styling fields (and its
    empty ``timestamp``, ``begin``, ``end``) left out, every other format's kept (a
    GeoParquet's ``timestamp`` column dates its rows)."""
    import shapely
    from pyproj import CRS

    reprojected = None
    if len(frame) and frame.crs is None:
        bounds = frame.total_bounds
        if np.isfinite(bounds).all() and (abs(bounds) > 360).any():
            raise error(f"{label}: coordinates reach {bounds[0]:,.0f}, {bounds[1]:,.0f} but "
                        "the file declares no CRS: add its .prj (or reproject to EPSG:4326).")
    elif len(frame) and not CRS(frame.crs).equals(CRS.from_epsg(4326)):
        reprojected = CRS(frame.crs).to_string()
        frame = frame.to_crs(4326)
    cols = [c for c in frame.columns if c != frame.geometry.name
            and not (kml and c in _KML_NOISE)]
    geoms = shapely.force_2d(np.asarray(frame.geometry.values, dtype=object))
    records = frame[cols].to_dict("records") if cols else [{} for _ in range(len(frame))]
    out = []
    for g, rec in zip(geoms, records, strict=True):
        props = {k: (None if _isnull(v) else v) for k, v in rec.items()}
        if folder is not None:
            props["folder"] = folder
        out.append((g, props))
    if reprojected and out:  # said once, on the first feature (see reprojected_from)
        out[0][1][REPROJECTED] = reprojected
    return out


#: Property set on the first feature of a layer GDAL reprojected: the source CRS.
REPROJECTED = "__reprojected_from__"


def reprojected_from(feats: Sequence[tuple[Any, dict[str, Any]]]) -> str | None:
    """The CRS a GDAL-read layer was reprojected from (and the marker taken off)."""
    if feats and REPROJECTED in feats[0][1]:
        return str(feats[0][1].pop(REPROJECTED))
    return None


def _isnull(value: Any) -> bool:
    try:
        return bool(value is None or (isinstance(value, float) and np.isnan(value)))
    except TypeError:
        return False


def _parquet_features(raw: bytes, label: str, error: type[Exception]
                      ) -> list[tuple[Any, dict[str, Any]]]:
    import geopandas as gpd

    try:
        frame = gpd.read_parquet(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - any reader failure is this file's problem
        raise error(f"{label}: not a readable GeoParquet ({exc}).") from None
    return _frame_features(frame, label, error)
