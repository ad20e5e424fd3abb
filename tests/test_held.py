"""Held territory: every unit split between the sides (and mismatch), measured or schematic."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geo.areas import geometry_area_km2
from geo.control import control_from_geometry
from geo.held import HELD_COLUMNS, MISMATCH_OPENING_KM, measured_territory
from geo.layerset import Atlas


@pytest.fixture(scope="module")
def measured(units: gpd.GeoDataFrame, daily_layers: list):  # type: ignore[no-untyped-def,type-arg]
    return measured_territory(control_from_geometry(daily_layers[-1][1], name="day"), units)


def test_sides_add_up_to_each_unit(measured, units) -> None:  # type: ignore[no-untyped-def]
    f = measured.frame
    assert list(f.columns[:-1]) == list(HELD_COLUMNS)
    ua = units.index[units.country == "UA"]
    sums = f[f.code.isin(ua)].groupby("code")["area_km2"].sum()
    for code in ua:
        assert sums[code] == pytest.approx(units.loc[code, "geodesic_area_km2"], rel=1e-9), code
    # Geometry agrees with the figures. Pieces that split a unit's long edges measure a
    # little more or less on the ellipsoid (edges are geodesics), up to ~3e-5 of the unit.
    for _, row in f.iterrows():
        slack = 3e-5 * float(units.loc[row["code"], "geodesic_area_km2"]) + 0.01
        assert geometry_area_km2(row.geometry) == pytest.approx(row["area_km2"], abs=slack)


@pytest.mark.parametrize("codes", [["UA-14"], ["UA-43", "UA-23"], ["UA-65", "RU-KRS"],
                                   ["UA-46"]])
def test_measuring_a_few_units_gives_their_rows_of_the_whole_measure(
        measured, units, daily_layers, codes) -> None:  # type: ignore[no-untyped-def]
    """What a ledger measures (the units its claims name): each of their rows -- held,
    rest and boundary mismatch, found in a window around them -- as the whole measure
    has it (to 0.05 km²: the layer clipped to the window is projected with new vertices,
    which moves the synthetic coast's mismatch by slivers of ~100 m²; on 12 days of the
    real single-class archive, 360 rows agreed to 1e-10 km²), and no row of any other
    unit."""
    part = measured_territory(control_from_geometry(daily_layers[-1][1], name="day"), units,
                              codes=codes)
    assert part.only == tuple(sorted(codes))
    assert set(part.frame["code"]) <= set(codes)
    for code in codes:
        for side in ("russia", "ukraine", "mismatch"):
            assert part.km2(code, side) == pytest.approx(measured.km2(code, side),
                                                         abs=0.05), (code, side)
    assert measured.only is None
    # no known unit: nothing measured, nothing clipped (an empty window cannot be)
    none = measured_territory(control_from_geometry(daily_layers[-1][1], name="day"), units,
                              codes=["XX-00"])
    assert none.only == () and len(none.frame) == 0


def test_wholly_held_coastal_units_are_held_up_to_the_mismatch(measured) -> None:  # type: ignore[no-untyped-def]
    for code in ("UA-43", "UA-40"):
        ru, mm = measured.share(code, "russia"), measured.share(code, "mismatch")
        assert ru < 99.9 and mm > 0.3, code  # the layer's coast runs ~900 m inland
        assert ru + mm == pytest.approx(100.0, abs=0.05), code
    # Mismatch is thin ground against the layer: an opening of MISMATCH_OPENING_KM keeps
    # less than half of each piece, and every piece touches the layer.
    r = MISMATCH_OPENING_KM * 1000
    for piece in shapely.get_parts(measured.mismatch_ea):
        assert piece.buffer(-r, quad_segs=4).buffer(r, quad_segs=4).area < 0.5 * piece.area
        assert piece.distance(measured.russia_ea) <= 10.0
    # Units far from the layer are wholly Ukrainian-held, with no mismatch.
    assert measured.share("UA-46", "ukraine") == pytest.approx(100.0)
    assert measured.km2("UA-46", "mismatch") == 0.0


def test_withdrawal_zone_is_unit_minus_held_without_slivers(atlas: Atlas, units,  # type: ignore[no-untyped-def]
                                                            daily_layers) -> None:
    layer = control_from_geometry(daily_layers[-1][1], name="day.geojson")
    ls = atlas.layerset("R5", control=layer)
    w = ls.zones[ls.zones.kind == "withdrawal"].iloc[0]
    unit = float(units.loc["UA-14", "geodesic_area_km2"])
    held, mismatch = ls.held.km2("UA-14", "russia"), ls.held.km2("UA-14", "mismatch")
    # Within 0.1 % of the unit minus what is held (the mismatch strip belongs to neither).
    assert w["area_km2"] + mismatch == pytest.approx(unit - held, rel=1e-3)
    assert w["area_km2"] == pytest.approx(unit - held, rel=0.02)
    parts = shapely.get_parts(w.geometry)
    assert len(parts) < 10, len(parts)  # no slivers
    assert min(geometry_area_km2(p) for p in parts) > 0.001


def test_hand_made_layer_has_no_mismatch_and_an_exact_zone(atlas: Atlas, units) -> None:  # type: ignore[no-untyped-def]
    don = units.loc["UA-14", "geometry"]
    minx, miny, maxx, maxy = don.bounds
    east = don.intersection(box((minx + maxx) / 2, miny - 1, maxx + 1, maxy + 1))
    ls = atlas.layerset("R5", control=control_from_geometry(east, name="east"))
    assert (ls.held.frame["side"] == "mismatch").sum() == 0
    w = ls.zones[ls.zones.kind == "withdrawal"].iloc[0]
    assert w["area_km2"] == pytest.approx(geometry_area_km2(don) - geometry_area_km2(east),
                                          rel=1e-4)
    assert len(shapely.get_parts(w.geometry)) == 1


def test_schematic_rows_and_cross_border(atlas: Atlas) -> None:
    held = atlas.held("R1")
    assert held.schematic and held.basis == "schematic"
    ru = held.rows("russia")
    assert ru.loc["UA-14", "target_share_pct"] == 84.0
    assert abs(ru.loc["UA-14", "share_pct"] - 84.0) <= 0.5
    kursk = held.rows("ukraine").loc["RU-KRS"]
    assert kursk["area_km2"] == pytest.approx(650, rel=0.005) and kursk["schematic"]
    assert not held.maps("UA-14", "russia")  # schematic ground is not a measurement
