"""geo.repair: the polygonal part of make_valid, also where GEOS refuses the whole geometry.

Areas are planar (degrees², the shapes' own coordinates), worked out by hand.
"""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

from geo.control import load_control
from geo.repair import polygonal_valid

#: A point-collapsed part (four times the same vertex) next to a triangle of base 0.5 and
#: height 1 (area 0.25): GEOS 3.14's make_valid raises "Overlay input is mixed-dimension"
#: on the pair; it is the input that failed CI on 2026-12-02.
COLLAPSED_AND_TRIANGLE = {"type": "MultiPolygon", "coordinates": [
    [[[21.0, 44.0], [21.0, 44.0], [21.0, 44.0], [21.0, 44.0]]],
    [[[21.0, 45.0], [22.0, 44.0], [21.5, 44.0], [21.0, 45.0]]]]}


def test_a_valid_polygon_is_returned_as_it_is() -> None:
    square = Polygon([(0, 0), (2, 0), (2, 2), (0, 2)])
    assert polygonal_valid(square) is square


def test_a_bowtie_keeps_both_lobes() -> None:
    # (0,0)-(2,2)-(2,0)-(0,2): two triangles meeting at (1,1), each of area 1
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    fixed = polygonal_valid(bowtie)
    assert fixed.is_valid and isinstance(fixed, MultiPolygon)
    assert len(fixed.geoms) == 2 and fixed.area == pytest.approx(2.0)


def test_the_collapsed_part_is_dropped_and_the_triangle_kept() -> None:
    geom = shape(COLLAPSED_AND_TRIANGLE)
    with pytest.raises(shapely.errors.GEOSException):  # why the helper exists
        shapely.make_valid(geom)
    fixed = polygonal_valid(geom)
    assert fixed.is_valid and isinstance(fixed, Polygon)
    assert fixed.area == pytest.approx(0.25)


def test_overlapping_parts_repaired_alone_are_unioned_once() -> None:
    # two 2x2 squares overlapping in a 1x2 strip (union 6), plus the collapsed part
    # that makes GEOS fall back to the part-by-part repair (it fails only when the
    # collapsed part comes first)
    geom = MultiPolygon([Polygon([(5, 5), (5, 5), (5, 5), (5, 5)]),
                         Polygon([(0, 0), (2, 0), (2, 2), (0, 2)]),
                         Polygon([(1, 0), (3, 0), (3, 2), (1, 2)])])
    with pytest.raises(shapely.errors.GEOSException):
        shapely.make_valid(geom)
    fixed = polygonal_valid(geom)
    assert fixed.is_valid and fixed.area == pytest.approx(6.0)


def test_nothing_polygonal_gives_an_empty_polygon() -> None:
    assert polygonal_valid(shapely.LineString([(0, 0), (1, 1)])).is_empty
    assert polygonal_valid(Polygon([(1, 1), (1, 1), (1, 1), (1, 1)])).is_empty


def test_a_layer_with_a_collapsed_part_loads_with_a_note() -> None:
    raw = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": COLLAPSED_AND_TRIANGLE}]}).encode()
    layer = load_control(raw, name="collapsed.geojson")
    geom = layer.sides["russia"]
    assert geom.is_valid and geom.area == pytest.approx(0.25)
    assert any("Too few points" in n for n in layer.notes), layer.notes


def test_polygon_parts_of_any_geometry() -> None:
    """The one "keep only polygons" rule: nested collections opened, lines, points and
    empty parts dropped, nothing repaired."""
    from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon, box

    from geo.repair import polygon_parts

    a, b, c = box(0, 0, 1, 1), box(2, 0, 3, 1), box(5, 5, 6, 6)
    nested = GeometryCollection([MultiPolygon([a, b]), LineString([(0, 0), (1, 1)]),
                                 Point(3, 3), GeometryCollection([c]), Polygon()])
    assert [p.bounds for p in polygon_parts(nested)] == [a.bounds, b.bounds, c.bounds]
    assert polygon_parts(LineString([(0, 0), (1, 1)])) == []
    assert polygon_parts(Point(1, 1)) == [] and polygon_parts(None) == []
    assert polygon_parts(a) == [a]
