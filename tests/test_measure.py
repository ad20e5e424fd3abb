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
        table = measure_control(layer, index).table
        # in a Russian unit, thin strips past the border are overhang, not held ground
        got = table["controlled_km2"] + table["overhang_km2"]
        ref = _overlay_km2(layer, units)
        for code in units.index:
            assert got[code] == pytest.approx(ref.get(code, 0.0), abs=0.01), code
        assert (table.loc[table.index.str.startswith("UA-"), "overhang_km2"] == 0).all()
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


def _km2(geom: object) -> float:
    from geo.areas import geometry_area_km2

    return float(geometry_area_km2(geom))  # type: ignore[arg-type]


def test_ground_outside_the_units_is_over_the_sea_or_over_russia(
        units: gpd.GeoDataFrame) -> None:
    """A layer reaching past Luhansk's border into Russia and off Berdiansk into the Sea
    of Azov: what no unit holds is stated, by where it lies."""
    from geo.boundaries import load_neighbours
    from geo.measure import SEA, outside_units

    ua = units[units["country"] == "UA"].union_all()
    russia = box(40.0, 48.3, 40.4, 48.6)  # east of Luhansk's border, Rostov oblast
    sea = box(36.6, 46.3, 36.8, 46.45)  # the Sea of Azov south of Berdiansk
    inside = box(38.8, 48.4, 39.0, 48.6)  # Luhansk
    layer = russia.union(sea).union(inside)
    index = UnitIndex(units)
    got = outside_units(layer, index)
    land = load_neighbours().set_index("iso_a3").loc["RUS", "geometry"]
    outside = layer.difference(units.union_all())
    assert got["Russia"] == pytest.approx(_km2(outside.intersection(land)), rel=1e-6)
    assert got[SEA] == pytest.approx(_km2(outside) - got["Russia"], rel=1e-6)
    # the two boxes, less what Ukraine's coast and border take of them
    assert got[SEA] == pytest.approx(_km2(sea.difference(ua)), rel=1e-6)
    assert got[SEA] > 200 and got["Russia"] > 500
    m = measure_control(layer, index)
    assert m.outside_km2 == pytest.approx(got)
    assert m.to_dict()["outside_units_km2"] == {k: round(v, 1) for k, v in got.items()}
    # held + outside = the layer
    in_units = float(m.table["controlled_km2"].sum() + m.table["overhang_km2"].sum())
    assert in_units + sum(got.values()) == pytest.approx(_km2(layer), rel=1e-6)
    assert outside_units(inside, index) == {}


def test_thin_overhang_past_the_border_is_not_a_hold(units: gpd.GeoDataFrame) -> None:
    """A strip 300 m wide past Kharkiv's border into Belgorod oblast is the layer's border
    line (overhang); a 10 km bridgehead there is a hold."""
    from geo.areas import from_ea, to_ea

    border = units.loc["UA-63", "geometry"].intersection(units.loc["RU-BEL", "geometry"])
    assert border.length > 1.0  # they share a long border
    strip = from_ea(to_ea(border).buffer(300)).intersection(units.loc["RU-BEL", "geometry"])
    bridgehead = box(36.60, 50.42, 36.75, 50.52).intersection(units.loc["RU-BEL", "geometry"])
    t = measure_control(strip, units).table
    assert t.loc["RU-BEL", "controlled_km2"] == pytest.approx(0.0, abs=0.01)
    assert t.loc["RU-BEL", "overhang_km2"] == pytest.approx(_km2(strip), rel=1e-3)
    t = measure_control(strip.union(bridgehead), units).table
    assert t.loc["RU-BEL", "controlled_km2"] == pytest.approx(_km2(bridgehead), rel=0.02)
    assert t.loc["RU-BEL", "controlled_km2"] + t.loc["RU-BEL", "overhang_km2"] == \
        pytest.approx(_km2(strip.union(bridgehead)), rel=1e-6)


def test_share_of_the_official_area_beside_the_polygon(units: gpd.GeoDataFrame) -> None:
    kherson = units.loc["UA-65", "geometry"]
    t = measure_control(kherson, units).table.loc["UA-65"]
    assert t["share_pct"] == pytest.approx(100.0)
    # the polygon leaves out estuaries the official 28,461 km² counts
    assert t["official_area_km2"] == 28_461
    assert t["share_official_pct"] == pytest.approx(100.0 * t["area_km2"] / 28_461)
    assert 95.0 < t["share_official_pct"] < 97.0
