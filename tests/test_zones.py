"""Proposal zones: hand-computed cases on tiny boxes, then the real reports."""

from __future__ import annotations

import math

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point, box

from geo.areas import geodesic_area_km2
from geo.control import control_from_geometry
from geo.errors import ValidationError
from geo.held import HeldTerritory, cross_border_zone, measured_territory
from geo.reports import load_reports
from geo.zones import (
    ZoneOptions,
    demilitarized_band,
    depth_line,
    describe_zone,
    line_of_contact,
    withdrawal_zone,
)

# WGS84 meridian arc: 1 degree of latitude near 48.5 N is 111.2 km.
KM_PER_DEG_LAT = 111.2


def _dense(geom: shapely.Geometry) -> shapely.Geometry:
    return shapely.segmentize(geom, 0.01)


@pytest.fixture()
def toy_units() -> gpd.GeoDataFrame:
    """Two 1 deg x 1 deg 'Ukrainian' units side by side at 48-49 N.

    Edges are densified to 0.01 deg like real boundaries (a single 1-degree edge would
    be a geodesic that bulges off the parallel and skews the geodesic areas).
    """
    geoms = [
        _dense(box(30, 48, 31, 49)),
        _dense(box(31, 48, 32, 49)),
    ]
    gdf = gpd.GeoDataFrame(
        {"name_en": ["West", "East"], "country": ["UA", "UA"], "official_area_km2": [0, 0]},
        geometry=geoms,
        crs=4326,
        index=gpd.pd.Index(["UA-W", "UA-E"], name="code"),
    )
    gdf["geodesic_area_km2"] = geodesic_area_km2(gdf)
    return gdf


@pytest.fixture()
def east_half_held(toy_units: gpd.GeoDataFrame) -> HeldTerritory:
    """Russia holds the eastern half of the East unit (31.5-32 E), as a mapped layer."""
    layer = control_from_geometry(_dense(box(31.5, 48, 32, 49)), name="east-half")
    return measured_territory(layer, toy_units)


def test_withdrawal_is_the_rest_of_the_unit(toy_units, east_half_held) -> None:  # type: ignore[no-untyped-def]
    rest = withdrawal_zone(east_half_held, ["UA-E"])
    assert geodesic_area_km2(rest) == pytest.approx(
        geodesic_area_km2(_dense(box(31, 48, 31.5, 49))), rel=1e-5
    )
    both = withdrawal_zone(east_half_held, ["UA-W", "UA-E"])
    assert geodesic_area_km2(both) == pytest.approx(
        geodesic_area_km2(_dense(box(30, 48, 31.5, 49))), rel=1e-5
    )


def test_line_of_contact_is_the_split_meridian(toy_units, east_half_held) -> None:  # type: ignore[no-untyped-def]
    loc = line_of_contact(east_half_held)
    # The meridian 31.5 E from 48 to 49 N, less 200 m trimmed at each end (the border).
    xs = shapely.get_coordinates(loc)[:, 0]
    assert xs.min() == pytest.approx(31.5, abs=1e-6) and xs.max() == pytest.approx(31.5, abs=1e-6)
    desc = describe_zone(
        loc, toy_units, kind="line_of_contact", label="l", schematic=True, basis="test"
    )
    assert desc["length_km"] == pytest.approx(KM_PER_DEG_LAT - 0.4, abs=0.5)
    assert desc["area_km2"] == 0


def test_demilitarized_band_halves(toy_units, east_half_held) -> None:  # type: ignore[no-untyped-def]
    loc = line_of_contact(east_half_held)
    ru, ua = demilitarized_band(loc, east_half_held, width_km=20)
    # 10 km either side of a ~111 km line, clipped at the border: ~1,110 km² each half.
    assert geodesic_area_km2(ru) == pytest.approx(10 * KM_PER_DEG_LAT, rel=0.01)
    assert geodesic_area_km2(ua) == pytest.approx(10 * KM_PER_DEG_LAT, rel=0.01)
    assert ru.within(box(31.5, 48, 32, 49).buffer(1e-3))
    assert ua.within(box(31, 48, 31.5, 49).buffer(1e-3))


def test_depth_line_runs_parallel_inside_free_land(toy_units, east_half_held) -> None:  # type: ignore[no-untyped-def]
    line = depth_line(east_half_held, depth_km=30)
    xs = shapely.get_coordinates(line)[:, 0]
    # 30 km west of 31.5 E at 48.5 N: 30 / (111.32 * cos 48.5 deg) = 0.406 deg.
    expected = 31.5 - 30 / (111.32 * math.cos(math.radians(48.5)))
    assert xs.mean() == pytest.approx(expected, abs=0.01)
    assert line.within(box(30, 48, 31.5, 49))


def test_cross_border_zone_in_kursk(units: gpd.GeoDataFrame) -> None:
    zone = cross_border_zone(units, "RU-KRS", 650)
    assert geodesic_area_km2(zone) == pytest.approx(650, rel=0.005)
    assert zone.within(units.loc["RU-KRS", "geometry"].buffer(1e-6))
    assert zone.distance(units.loc["UA-59", "geometry"]) < 1e-3  # grown from the border
    assert zone.distance(Point(35.27, 51.19)) < 0.3  # around Sudzha


def test_options_validated_together() -> None:
    with pytest.raises(ValidationError) as exc:
        ZoneOptions(dmz_width_km=-1, deterrence_depth_km=0, end="middle").validate()
    msg = str(exc.value)
    assert "dmz_width_km" in msg and "deterrence_depth_km" in msg and "'middle'" in msg


@pytest.fixture(scope="module")
def reports():  # type: ignore[no-untyped-def]
    return load_reports()


def test_r5_withdrawal_from_donetsk(atlas, units) -> None:  # type: ignore[no-untyped-def]
    z = atlas.layerset("R5").zones
    w = z[z.kind == "withdrawal"].iloc[0]
    # R5: Ukraine holds 20 % of Donetsk -> withdrawal zone is 20 % of the polygon.
    assert w["unit_shares"]["UA-14"] == pytest.approx(20.0, abs=0.5)
    assert w["area_km2"] == pytest.approx(0.2 * units.loc["UA-14", "geodesic_area_km2"], rel=0.03)
    names = {c["name"] for c in w["cities"]}
    assert {"Kramatorsk", "Sloviansk"} <= names and "Donetsk" not in names
    assert w["schematic"] and w["claim_ids"] == "R5-c3"
    assert w["people_in_cities"] == sum(c["population"] for c in w["cities"] if not c["is_section"])
    assert {"cede", "recognition", "line_of_contact"} <= set(z.kind)


def test_r3_cede_four_oblasts(atlas, units) -> None:  # type: ignore[no-untyped-def]
    z = atlas.layerset("R3").zones
    cede = z[z.kind == "cede"].iloc[0]
    assert set(cede["units"].split(",")) == {"UA-14", "UA-09", "UA-23", "UA-65"}
    # R3 carries R1's central shares: Donetsk 84, Luhansk 84, Zaporizhzhia 70, Kherson 70.
    expected = sum(
        (100 - s) / 100 * units.loc[c, "geodesic_area_km2"]
        for c, s in {"UA-14": 84, "UA-09": 84, "UA-23": 70, "UA-65": 70}.items()
    )
    assert cede["area_km2"] == pytest.approx(expected, rel=0.03)
    names = {c["name"] for c in cede["cities"]}
    assert {"Zaporizhzhia", "Kherson", "Kramatorsk"} <= names  # 2010 romanization
    assert "Melitopol" not in names and "Luhansk" not in names


def test_r4_demilitarized_zone_and_r2_facility(atlas, units) -> None:  # type: ignore[no-untyped-def]
    z = atlas.layerset("R4", options=ZoneOptions(dmz_width_km=10)).zones
    kinds = set(z.kind)
    assert {"line_of_contact", "dmz_russian_side", "dmz_ukrainian_side", "deterrence_line"} <= kinds
    loc_len = z[z.kind == "line_of_contact"].iloc[0]["length_km"]
    halves = z[z.kind.str.startswith("dmz_")]["area_km2"].sum()
    assert halves == pytest.approx(loc_len * 10, rel=0.25)  # ~width x length, less overlaps
    f = atlas.layerset("R2").zones
    fac = f[f.kind == "facility"].iloc[0]
    assert fac.geometry.equals(Point(34.585, 47.512))
    assert units.loc["UA-23", "geometry"].contains(fac.geometry)


def test_control_layer_replaces_schematic(atlas, units) -> None:  # type: ignore[no-untyped-def]
    don = units.loc["UA-14", "geometry"]
    minx, miny, maxx, maxy = don.bounds
    east = box((minx + maxx) / 2, miny, maxx + 1, maxy)  # Russia holds Donetsk east of mid
    z = atlas.layerset("R5", control=control_from_geometry(east)).zones
    w = z[z.kind == "withdrawal"].iloc[0]
    west = don.difference(east)
    assert w["area_km2"] == pytest.approx(geodesic_area_km2(west), rel=1e-3)
    assert not w["schematic"]


@pytest.mark.parametrize("end", ["low", "central", "high"])
def test_held_zones_of_every_report_are_one_part_inside_the_claim(atlas, units, end) -> None:  # type: ignore[no-untyped-def]
    from geo.schematic import holder_territory

    for rid in atlas.reports.ids:
        snap = atlas.snapshot(rid)
        rows = atlas.held(rid, end=end).rows("russia")
        held = rows[rows.index.str.startswith("UA-")]
        russia = holder_territory(units)
        for code, row in held.iterrows():
            # One part, but for islands its coastal cells take in (within two 1 km cells
            # of the largest part), or the whole unit with every island of it.
            parts = sorted(shapely.get_parts(row.geometry), key=lambda g: -g.area)
            whole = row.geometry.symmetric_difference(units.loc[code, "geometry"]).area < 1e-6
            assert whole or all(p.distance(parts[0]) < 0.02 for p in parts[1:]), (
                rid, end, code, len(parts))
            # Drawn share lies inside the claimed interval (0.5-point tolerance).
            low, high = snap.loc[code, "share_low"], snap.loc[code, "share_high"]
            assert low - 0.5 <= row["share_pct"] <= high + 0.5, (rid, code, row["share_pct"])
            # And touches ground the holder already holds (Russia or another held zone).
            others = shapely.union_all([russia, *held.drop(index=code).geometry])
            # Within two 1 km raster cells (0.02 deg), as geo.schematic reports "touches".
            assert row.geometry.distance(others) < 0.02, (rid, end, code)
        if "UA-48" in held.index and end != "low":
            assert "one part" in held.loc["UA-48", "note"]  # Mykolaiv: the Kinburn spit
