"""Making polygons valid: the polygonal part of :func:`shapely.make_valid`, robustly.

Units and CRS: none; the geometry keeps whatever CRS it is in (EPSG:4326 lon/lat for
control layers, the equal-area CRS of :mod:`geo.areas` inside the computations).

``shapely.make_valid`` (GEOS "linework" method) keeps a self-crossing ring's lobes and
drops nothing but it can fail on a multi-part geometry whose parts collapse to different
dimensions -- a MultiPolygon holding one polygon whose four vertices are the same point
next to a real triangle raises ``GEOSException: Overlay input is mixed-dimension``
(GEOS 3.14). :func:`polygonal_valid` repairs such a geometry part by part instead and
unions the polygonal results, so one degenerate part of a user's layer never stops the
rest from being measured.
"""

from __future__ import annotations

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = ["polygonal_valid", "polygon_parts"]


def polygonal_valid(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """The valid polygonal part of ``geom``.

    Parameters
    ----------
    geom : shapely geometry
        Any geometry, valid or not (points and lines in it have no area and are dropped).

    Returns
    -------
    Polygon or MultiPolygon
        ``geom`` itself when it is a valid Polygon or MultiPolygon; otherwise the polygons
        of its ``make_valid`` repair, an empty Polygon when none are left. When GEOS cannot
        repair the whole geometry at once, each part is repaired alone and the parts are
        unioned.
    """
    if isinstance(geom, Polygon | MultiPolygon) and geom.is_valid:
        return geom
    if geom.is_empty:
        return Polygon()
    try:
        return _polygons(shapely.make_valid(geom))
    except shapely.errors.GEOSException:
        pass
    parts = [_polygons(_valid_part(p)) for p in shapely.get_parts(geom)]
    kept = [p for p in parts if not p.is_empty]
    if not kept:
        return Polygon()
    return _polygons(shapely.union_all(kept)) if len(kept) > 1 else kept[0]


def _valid_part(part: BaseGeometry) -> BaseGeometry:
    try:
        return shapely.make_valid(part)
    except shapely.errors.GEOSException:  # the last resort: shells minus holes
        return shapely.make_valid(part, method="structure", keep_collapsed=False)


def polygon_parts(geom: BaseGeometry | None) -> list[Polygon]:
    """The non-empty polygons of any geometry, however nested (a GeometryCollection from
    an overlay may hold lines and points where edges touch, or a MultiPolygon): the one
    "keep only polygons" rule of the project. Nothing is repaired here (see
    :func:`polygonal_valid`)."""
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return [p for p in geom.geoms if not p.is_empty]
    if geom.geom_type != "GeometryCollection":  # points and lines hold no ground
        return []
    return [p for g in shapely.get_parts(geom) for p in polygon_parts(g)]


def _polygons(geom: BaseGeometry) -> Polygon | MultiPolygon:
    polys = polygon_parts(geom)
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)
