"""Schematic control zones: shares hit, one part touching the holder, nested, faithful."""

from __future__ import annotations

import folium
import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point

from geo.cities import load_cities
from geo.control import control_from_geometry
from geo.errors import FrontlineError, UnknownUnitError, ValidationError
from geo.layerset import Atlas
from geo.schematic import (
    SHARE_TOLERANCE_PCT,
    holder_territory,
    parse_shares,
    schematic_band,
    schematic_zones,
)
from geo.schematic.zones import check_resolution
from layers.control import band_layer, schematic_layer

TYPICAL = {
    "UA-14": 80.0,
    "UA-09": 98.0,
    "UA-23": 70.0,
    "UA-65": 70.0,
    "UA-63": 5.0,
    "UA-48": 1.0,
    "UA-43": 100.0,
}


@pytest.fixture(scope="module")
def zones(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return schematic_zones(TYPICAL, units)


@pytest.fixture(scope="module")
def cities() -> gpd.GeoDataFrame:
    return load_cities()


def _city(cities: gpd.GeoDataFrame, name: str) -> Point:
    rows = cities[cities.name == name]
    assert len(rows) >= 1, name
    return rows.geometry.iloc[0]


@pytest.mark.parametrize("code", sorted(TYPICAL))
def test_share_hit(zones: gpd.GeoDataFrame, code: str) -> None:
    row = zones.loc[code]
    assert abs(row.share_pct - TYPICAL[code]) <= SHARE_TOLERANCE_PCT
    assert bool(row.schematic) is True
    assert row.geometry.is_valid


def one_part(zone: shapely.Geometry) -> bool:
    """One part in the growth raster: any other vector part is an island the zone's 1 km
    coastal cells take in, within two cells of the largest part (Kherson's Dzharylhach
    island across a strait narrower than a cell)."""
    parts = sorted(shapely.get_parts(zone), key=lambda g: -g.area)
    return bool(parts) and all(p.distance(parts[0]) < 0.02 for p in parts[1:])


def test_one_part_tells_a_coastal_island_from_a_detached_part() -> None:
    main = shapely.box(0, 0, 1, 1)
    assert one_part(main)
    assert one_part(shapely.union(main, shapely.box(1.01, 0, 1.05, 0.1)))  # 1 km strait
    assert not one_part(shapely.union(main, shapely.box(1.2, 0, 1.3, 0.1)))  # 20 km off


@pytest.mark.parametrize("code", ["UA-14", "UA-09", "UA-23", "UA-65", "UA-63", "UA-48"])
def test_one_part_touching_holder(
    zones: gpd.GeoDataFrame, units: gpd.GeoDataFrame, code: str
) -> None:
    zone = zones.loc[code, "geometry"]
    assert one_part(zone), code
    assert units.loc[code, "geometry"].buffer(1e-9).covers(zone)
    held = {"RU": holder_territory(units)}
    held.update({c: zones.loc[c, "geometry"] for c in zones.index if c != code})
    touching = [k for k, g in held.items() if zone.distance(g) < 0.02]
    assert touching, f"{code} touches no holder territory"
    assert zones.loc[code, "touches"]


def test_nested_low_inside_high(units: gpd.GeoDataFrame) -> None:
    low = schematic_zones({"UA-14": 60.0, "UA-23": 65.0}, units)
    high = schematic_zones({"UA-14": 85.0, "UA-23": 75.0}, units)
    for code in ("UA-14", "UA-23"):
        lo, hi = low.loc[code, "geometry"], high.loc[code, "geometry"]
        outside = lo.difference(hi).area / lo.area
        assert outside < 1e-3, (code, outside)


def test_band(units: gpd.GeoDataFrame) -> None:
    band = schematic_band({"UA-14": 70.0}, {"UA-14": 80.0}, units)
    row = band.loc["UA-14"]
    unit_km2 = units.loc["UA-14", "geodesic_area_km2"]
    assert row.band_km2 == pytest.approx(0.10 * unit_km2, rel=0.08)
    assert row.low_geometry.difference(row.high_geometry).area < 1e-9
    with pytest.raises(ValidationError, match="above the high end"):
        schematic_band({"UA-14": 90.0}, {"UA-14": 80.0}, units)


def test_deterministic(units: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> None:
    again = schematic_zones({"UA-14": 80.0}, units)
    assert shapely.equals_exact(
        again.loc["UA-14", "geometry"], zones.loc["UA-14", "geometry"], tolerance=0.0
    )


def test_whole_and_none(zones: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> None:
    assert zones.loc["UA-43", "share_pct"] == pytest.approx(100.0)
    none = schematic_zones({"UA-59": 0.0}, units)
    assert none.loc["UA-59", "geometry"].is_empty and none.loc["UA-59", "share_pct"] == 0.0


def test_generic_unit_grows_from_russia(units: gpd.GeoDataFrame) -> None:
    z = schematic_zones({"UA-59": 3.0}, units)  # Sumy: no profile, distance from Russia
    assert abs(z.loc["UA-59", "share_pct"] - 3.0) <= SHARE_TOLERANCE_PCT
    assert "RU" in z.loc["UA-59", "touches"]
    assert z.loc["UA-59", "method"].startswith("distance")


@pytest.mark.parametrize(
    "code,inside,outside",
    [
        ("UA-14", ["Donetsk", "Mariupol", "Horlivka", "Makiivka"], ["Kramatorsk", "Sloviansk"]),
        ("UA-23", ["Melitopol", "Berdiansk", "Enerhodar"], ["Zaporizhzhia"]),
        ("UA-65", ["Nova Kakhovka", "Henichesk"], ["Kherson"]),
        ("UA-09", ["Luhansk", "Alchevsk", "Lysychansk"], []),
        ("UA-63", [], ["Kharkiv", "Izium", "Chuhuiv"]),
    ],
)
def test_faithful_cities(
    zones: gpd.GeoDataFrame,
    cities: gpd.GeoDataFrame,
    code: str,
    inside: list[str],
    outside: list[str],
) -> None:
    zone = zones.loc[code, "geometry"]
    for name in inside:
        assert zone.covers(_city(cities, name)), f"{name} should be inside the {code} zone"
    for name in outside:
        assert not zone.covers(_city(cities, name)), f"{name} should be outside the {code} zone"


def test_kherson_stays_on_left_bank(zones: gpd.GeoDataFrame, cities: gpd.GeoDataFrame) -> None:
    # At 70 % the Dnipro is the front: the zone keeps clear of the right-bank towns.
    zone = zones.loc["UA-65", "geometry"]
    assert zone.distance(_city(cities, "Kherson")) > 0.005
    assert zone.bounds[3] < 47.35  # nothing of the north-west (right bank) steppe


def test_bad_shares(units: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValidationError, match="UA-14.*between 0 and 100"):
        schematic_zones({"UA-14": 101.0}, units)
    with pytest.raises(UnknownUnitError, match="UA-99"):
        schematic_zones({"UA-99": 5.0}, units)
    with pytest.raises(ValidationError, match="RU-KRS"):
        schematic_zones({"RU-KRS": 5.0}, units)
    with pytest.raises(ValidationError, match="UA-9"):
        parse_shares("UA-14=80,UA-9")
    with pytest.raises(ValidationError, match="'abc'"):
        parse_shares("UA-14=abc")
    assert parse_shares(" ua-14=80.5 , UA-23=70 ") == {"UA-14": 80.5, "UA-23": 70.0}


def test_raster_cap(units: gpd.GeoDataFrame) -> None:
    # before any raster is made: the cells of each unit and of the call, with the finest
    # resolution that fits (200 m for every unit took 74 s and 0.95 GB)
    import re

    from geo.areas import to_ea

    with pytest.raises(FrontlineError, match="resolution_m: 50 m rasters of the 1 unit to "
                       "grow would hold [0-9,]+ cells .Donetsk alone [0-9,]+.; the limit is "
                       "2,000,000 cells a unit and 4,000,000 in all.* The finest resolution "
                       "allowed for Donetsk is 160 m") as exc:
        schematic_zones({"UA-14": 50.0}, units, resolution_m=50.0)
    # the count is Donetsk's box in the equal-area CRS in 50 m cells (about 410 x 490 km)
    x0, y0, x1, y1 = to_ea(units.loc["UA-14", "geometry"]).bounds
    said = int(re.search(r"hold ([0-9,]+) cells", str(exc.value)).group(1).replace(",", ""))
    assert said == pytest.approx((x1 - x0) * (y1 - y0) / 50**2, rel=0.02)
    every = {c: 50.0 for c in units.index if c.startswith("UA-")}
    with pytest.raises(FrontlineError, match="200 m rasters of the 27 units to grow would "
                       "hold [0-9,]+ cells .Odesa alone [0-9,]+.*The finest resolution "
                       "allowed for these units is 540 m .the default is 1,000 m") as exc:
        schematic_zones(every, units, resolution_m=200.0)
    boxes = [to_ea(units.loc[c, "geometry"]).bounds for c in every]
    said = int(re.search(r"hold ([0-9,]+) cells", str(exc.value)).group(1).replace(",", ""))
    assert said == pytest.approx(sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes) / 200**2,
                                 rel=0.02)
    check_resolution(every, units, 540.0)  # fits: no error
    check_resolution({"UA-14": 0.0, "UA-23": 100.0}, units, 10.0)  # nothing is grown
    with pytest.raises(FrontlineError, match="--resolution: expected a positive number"):
        check_resolution(every, units, float("nan"), argument="--resolution")
    from geo.schematic.growth import growth_order  # one unit, called directly: its own cap

    with pytest.raises(FrontlineError, match="([0-9,]+) x ([0-9,]+) = ([0-9,]+) cells; the cap "
                       "is 2,000,000 cells so nothing hangs. Use a coarser resolution_m .at "
                       "least 210 m") as exc:
        growth_order("UA-51", units, 200.0)
    w, h, n = (int(v.replace(",", "")) for v in re.search(
        r"([0-9,]+) x ([0-9,]+) = ([0-9,]+) cells", str(exc.value)).groups())
    x0, y0, x1, y1 = to_ea(units.loc["UA-51", "geometry"]).bounds  # Odesa's box
    assert w * h == n and w == pytest.approx((x1 - x0) / 200, abs=10)  # a margin of cells
    assert h == pytest.approx((y1 - y0) / 200, abs=10)


def test_control_replaces_schematic(units: gpd.GeoDataFrame, atlas: Atlas) -> None:
    west = units.loc["UA-14", "geometry"].intersection(shapely.box(36, 46, 37.5, 50))
    held = atlas.held("R1", control=control_from_geometry(west, name="west"))
    z = held.rows("russia")
    assert bool(z.loc["UA-14", "schematic"]) is False
    assert z.loc["UA-14", "target_share_pct"] == 84.0  # R1's central claim for Donetsk
    assert z.loc["UA-14", "method"].startswith("the layer's intersection")


def test_layers_say_schematic(zones: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> None:
    m = folium.Map()
    schematic_layer(zones).add_to(m)
    band_layer(schematic_band({"UA-23": 65.0}, {"UA-23": 75.0}, units)).add_to(m)
    html = m.get_root().render()
    assert "schematic zone, not a mapped front line" in html
    assert "schematic uncertainty band" in html


def test_every_builtin_report_hits_its_shares(units: gpd.GeoDataFrame, atlas: Atlas) -> None:
    """Each end of every claim is drawn within 0.5 points, as one part.

    The share drawn is the claim's end, or (Mykolaiv: only the Kinburn spit, 0.57 % of
    the oblast, touches held ground) the largest one-part share inside the claim's
    interval (:func:`geo.held.drawn_shares`).
    """
    from geo.held import drawn_shares

    checked = 0
    for rep in atlas.reports:
        snap = atlas.snapshot(rep.id)
        for end in ("low", "central", "high"):
            shares, notes = drawn_shares(snap, units, end=end, memo=atlas.memo)
            if not shares:
                continue
            z = schematic_zones(shares, units, memo=atlas.memo)
            err = (z["share_pct"] - z["target_share_pct"]).abs()
            assert (err <= SHARE_TOLERANCE_PCT).all(), (rep.id, end, err.to_dict())
            assert z["schematic"].all()
            for code, drawn in shares.items():
                low, high = snap.loc[code, "share_low"], snap.loc[code, "share_high"]
                assert low <= drawn <= high, (rep.id, end, code, drawn)
                zone = z.loc[code, "geometry"]
                whole = zone.symmetric_difference(units.loc[code, "geometry"]).area < 1e-6
                assert whole or one_part(zone), (rep.id, end, code)
                if drawn != snap.loc[code, f"share_{end}"]:
                    assert code in notes
            checked += len(z)
    assert checked > 0
