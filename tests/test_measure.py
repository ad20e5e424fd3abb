"""Measuring a layer: the same figures as a plain geopandas overlay with geodesic areas."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from pyproj import Geod
from shapely.geometry import box

from geo.control import control_from_geometry
from geo.measure import UnitIndex, measure_control

_GEOD = Geod(ellps="WGS84")


def _overlay_km2(layer: object, units: gpd.GeoDataFrame) -> dict[str, float]:
    """The straightforward reference: gpd.overlay + pyproj's geodesic area per piece."""
    frame = gpd.GeoDataFrame(geometry=[layer], crs=4326)
    ov = gpd.overlay(units.reset_index()[["code", "geometry"]], frame, how="intersection")
    out: dict[str, float] = {}
    for code, geom in zip(ov["code"], ov.geometry, strict=True):
        for poly in getattr(geom, "geoms", [geom]):
            if poly.geom_type != "Polygon":
                continue
            rings = [poly.exterior, *poly.interiors]
            a = [abs(_GEOD.polygon_area_perimeter(*np.asarray(r.coords).T[:2])[0]) for r in rings]
            out[code] = out.get(code, 0.0) + (a[0] - sum(a[1:])) / 1e6
    return out


def test_real_shaped_layer_equals_the_overlay(units: gpd.GeoDataFrame,
                                              daily_layers: list) -> None:  # type: ignore[type-arg]
    index = UnitIndex(units)
    for _, layer in daily_layers[::4]:
        got = measure_control(layer, index).table["controlled_km2"]
        ref = _overlay_km2(layer, units)
        for code in units.index:
            assert got[code] == pytest.approx(ref.get(code, 0.0), abs=0.01), code
        assert set(ref) >= {"UA-14", "UA-09", "UA-23", "UA-65", "UA-43", "UA-40"}


def test_whole_units_untouched_units_and_totals(units: gpd.GeoDataFrame) -> None:
    crimea = units.loc["UA-43", "geometry"]
    extra = box(37.0, 48.0, 37.1, 48.1)  # inside Donetsk
    m = measure_control(control_from_geometry(crimea.union(extra)), units)
    t = m.table
    assert t.loc["UA-43", "share_pct"] == pytest.approx(100.0, abs=1e-9)
    assert t.loc["UA-46", "controlled_km2"] == 0.0  # Lviv: far from the layer
    assert t.loc["UA-14", "controlled_km2"] == pytest.approx(
        _overlay_km2(extra, units)["UA-14"], rel=1e-9)
    ua = t.index.str.startswith("UA-")
    assert m.total_controlled_km2 == pytest.approx(t.loc[ua, "controlled_km2"].sum())
    # a share of Ukraine is of its official area: the 27 units' official figures summed
    assert m.total_area_km2 == 603_543
    assert m.total_share_pct == pytest.approx(100 * m.total_controlled_km2 / 603_543)
    assert m.side == "russia" and m.to_dict()["units"][0].keys() >= {"code", "share_pct"}


def test_a_side_the_layer_does_not_map_is_refused(units: gpd.GeoDataFrame) -> None:
    from geo.errors import FrontlineError

    layer = control_from_geometry(box(37.0, 48.0, 37.1, 48.1))
    with pytest.raises(FrontlineError, match="not by ukraine"):
        measure_control(layer, units, side="ukraine")
