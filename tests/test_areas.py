import math

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from geo.areas import EQUAL_AREA_CRS, densify, equal_area_km2, geodesic_area_km2, to_equal_area

# WGS84 ellipsoid, for an independent closed-form reference.
A = 6378137.0
F = 1 / 298.257223563
E2 = F * (2 - F)
E = math.sqrt(E2)


def _band_area_km2(lon_deg: float, lat1: float, lat2: float) -> float:
    """Exact area of a lon/lat rectangle on the WGS84 ellipsoid (authalic formula)."""

    def q(phi: float) -> float:
        s = math.sin(math.radians(phi))
        return s / (1 - E2 * s * s) + (1 / (2 * E)) * math.log((1 + E * s) / (1 - E * s))

    return math.radians(lon_deg) * A * A * (1 - E2) / 2 * (q(lat2) - q(lat1)) / 1e6


@pytest.mark.parametrize("lat1,lat2", [(0, 1), (44, 45), (50, 51.5), (45, 52)])
def test_geodesic_area_matches_closed_form(lat1: float, lat2: float) -> None:
    # A lon/lat rectangle: geodesic edges along meridians are exact; parallels are not
    # geodesics, so densify the box first to follow the parallels.
    g = gpd.GeoSeries([box(30, lat1, 32, lat2)], crs=4326)
    got = geodesic_area_km2(densify(g, max_segment_deg=0.001)).iloc[0]
    assert got == pytest.approx(_band_area_km2(2, lat1, lat2), rel=2e-5)


def test_one_degree_cell_at_equator() -> None:
    # Reference value: a 1 deg x 1 deg cell at the equator is 12,308.8 km² on WGS84.
    assert geodesic_area_km2(box(0, 0, 1, 1)) == pytest.approx(12308.8, abs=0.5)


def test_series_aligned_and_named(two_boxes: gpd.GeoDataFrame) -> None:
    s = geodesic_area_km2(two_boxes)
    assert s.name == "geodesic_area_km2"
    assert list(s.index) == ["W", "E"]
    assert s["W"] == pytest.approx(s["E"])


def test_points_and_empty_have_zero_area() -> None:
    s = geodesic_area_km2(gpd.GeoSeries([Point(30, 50), box(0, 0, 0, 0).buffer(0)], crs=4326))
    assert s.tolist() == [0.0, 0.0]


def test_equal_area_agrees_with_geodesic_on_every_unit(units: gpd.GeoDataFrame) -> None:
    geo = geodesic_area_km2(units)
    eq = equal_area_km2(units)
    rel = ((eq - geo) / geo).abs()
    assert rel.max() < 2e-4, rel.sort_values().tail(3)


def test_densify_fixes_projected_box_area() -> None:
    # A ~2,000 km² box far from the projection's centre: long straight lon/lat edges
    # become curves after projection; without densifying the area is off.
    g = gpd.GeoSeries([box(37.5, 50.4, 38.8, 50.6)], crs=4326)
    truth = _band_area_km2(1.3, 50.4, 50.6)
    dense = to_equal_area(g).area.iloc[0] / 1e6
    raw = g.to_crs(EQUAL_AREA_CRS).area.iloc[0] / 1e6
    assert 1500 < truth < 2500
    assert dense == pytest.approx(truth, rel=1e-4)
    assert abs(raw - truth) > abs(dense - truth)


def test_to_equal_area_requires_crs() -> None:
    with pytest.raises(ValueError, match="no CRS"):
        to_equal_area(gpd.GeoSeries([box(0, 0, 1, 1)]))


def test_densify_rejects_bad_step() -> None:
    with pytest.raises(ValueError, match="max_segment_deg"):
        densify(gpd.GeoSeries([box(0, 0, 1, 1)], crs=4326), max_segment_deg=0)
