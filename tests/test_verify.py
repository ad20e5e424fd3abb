"""Claims against mapped control, on hand-made layers whose truth is known."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geo.areas import EQUAL_AREA_CRS, WGS84, geometry_area_km2
from geo.control import ControlLayer, control_from_geometry
from geo.layerset import Atlas
from geo.memo import digest
from geo.verify import PRECISION_POINTS, VERDICT_COLUMNS, summary


def _east_share(units: gpd.GeoDataFrame, code: str, share: float) -> shapely.Geometry:
    """The part of unit ``code`` east of the meridian that leaves ``share`` % of it east."""
    unit = units.loc[code, "geometry"]
    minx, miny, maxx, maxy = unit.bounds
    total = geometry_area_km2(unit)
    lo, hi = minx, maxx
    for _ in range(60):
        mid = (lo + hi) / 2
        east = unit.intersection(box(mid, miny - 1, maxx + 1, maxy + 1))
        got = 100 * geometry_area_km2(east) / total
        lo, hi = (mid, hi) if got > share else (lo, mid)
    return unit.intersection(box((lo + hi) / 2, miny - 1, maxx + 1, maxy + 1))


def _verdict(frame: object, key: str) -> dict[str, object]:
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    return dict(frame.loc[key].to_dict())


def test_more_than_80_against_65_is_overstated_by_15(atlas: Atlas,
                                                     units: gpd.GeoDataFrame) -> None:
    layer = control_from_geometry(_east_share(units, "UA-14", 65.0), name="65.geojson")
    v = atlas.verify("R1", layer)
    assert list(v.columns) == list(VERDICT_COLUMNS)
    don = _verdict(v, "R1-c4:UA-14")  # "more than 80 % of Donetsk"
    assert don["measured_pct"] == pytest.approx(65.0, abs=0.01)
    assert don["verdict"] == "overstated"
    assert don["off_by_points"] >= 15.0 - 0.01
    assert don["off_by_km2"] == pytest.approx(0.15 * float(units.loc["UA-14", "geodesic_area_km2"]),
                                              rel=1e-3)
    assert don["tolerance_pct"] < 0.05  # the layer follows the unit's own outline
    # Units the layer leaves out are measured as 0 % held: "about 70 %" is overstated.
    assert _verdict(v, "R1-c6:UA-23")["verdict"] == "overstated"


def test_withdrawal_demand_is_checked_against_ukrainian_ground(atlas: Atlas,
                                                               units: gpd.GeoDataFrame) -> None:
    layer = control_from_geometry(_east_share(units, "UA-14", 80.0), name="80.geojson")
    w = _verdict(atlas.verify("R5", layer), "R5-c3:UA-14")  # Ukraine still holds 20 %
    assert w["side"] == "ukraine"
    assert w["measured_pct"] == pytest.approx(20.0, abs=0.01)
    assert w["verdict"] == "consistent"
    held_70 = control_from_geometry(_east_share(units, "UA-14", 70.0), name="70.geojson")
    w70 = _verdict(atlas.verify("R5", held_70), "R5-c3:UA-14")
    assert w70["verdict"] == "understated" and w70["off_by_points"] == pytest.approx(10, abs=0.02)


def _layer(sides: dict[str, shapely.Geometry], name: str) -> ControlLayer:
    return ControlLayer(name=name, sides=sides, digest=digest(sorted(sides.items())))


def test_held_by_ukraine_is_compared_with_ukrainian_ground_only(atlas: Atlas,
                                                                units: gpd.GeoDataFrame) -> None:
    kursk = units.loc["RU-KRS", "geometry"]
    sumy = units.loc["UA-59", "geometry"]
    # Russian-held ground that spills ~ a few km² over the border into Kursk oblast.
    spill = sumy.buffer(0.01).intersection(kursk).intersection(box(35.0, 51.0, 35.6, 51.4))
    assert 1 < geometry_area_km2(spill) < 200
    russia_only = _layer({"russia": spill}, "spill.geojson")
    v = _verdict(atlas.verify("R1", russia_only), "R1-c9:RU-KRS")
    assert v["side"] == "ukraine" and v["verdict"] == "not checkable"
    assert "Russian-held ground only" in str(v["reason"])
    # A layer that maps Ukrainian-held ground in Kursk: 600 km² against "about 650 km²".
    centre = gpd.GeoSeries([shapely.Point(35.27, 51.19)], crs=WGS84).to_crs(EQUAL_AREA_CRS)
    lo, hi = 1.0, 40_000.0
    for _ in range(50):
        r = (lo + hi) / 2
        disc = gpd.GeoSeries([centre.iloc[0].buffer(r, quad_segs=32)], crs=EQUAL_AREA_CRS)
        held = disc.to_crs(WGS84).iloc[0].intersection(kursk)
        lo, hi = (lo, r) if geometry_area_km2(held) > 600 else (r, hi)
    both = _layer({"russia": spill, "ukraine": held}, "both.geojson")
    v2 = _verdict(atlas.verify("R1", both), "R1-c9:RU-KRS")
    assert v2["verdict"] == "overstated"  # 617.5-682.5 km² claimed, 600 mapped
    assert v2["measured_km2"] == pytest.approx(600, abs=0.5)
    assert v2["off_by_km2"] == pytest.approx(17.5, abs=0.5)


def test_all_of_crimea_against_a_layer_short_of_the_coast(atlas: Atlas,
                                                          units: gpd.GeoDataFrame) -> None:
    """A layer whose coastline runs inland of the project's: 1 % of Crimea missing along
    the coast is boundary mismatch, so "all of Crimea" is consistent within it."""
    crimea = gpd.GeoSeries([units.loc["UA-43", "geometry"]], crs=WGS84).to_crs(EQUAL_AREA_CRS)
    ua = units[units.country == "UA"].to_crs(EQUAL_AREA_CRS).union_all()
    coast = gpd.GeoSeries([ua.boundary], crs=EQUAL_AREA_CRS)  # coast and state border only
    total = float(crimea.area.iloc[0])
    lo, hi = 0.0, 3000.0
    for _ in range(40):
        d = (lo + hi) / 2
        missing = 1 - crimea.difference(coast.buffer(d)).area.iloc[0] / total
        lo, hi = (lo, d) if missing > 0.01 else (d, hi)
    inland = crimea.difference(coast.buffer((lo + hi) / 2)).to_crs(WGS84).iloc[0]
    layer = control_from_geometry(inland, name="inland-coast.geojson")
    v = _verdict(atlas.verify("R1", layer), "R1-c3:UA-43")
    assert v["measured_pct"] == pytest.approx(99.0, abs=0.05)
    assert v["tolerance_pct"] == pytest.approx(1.0, abs=0.1)
    assert v["verdict"] == "consistent" and v["within_tolerance"] is True
    # A real gap inland is not covered by the tolerance.
    holed = control_from_geometry(inland.difference(box(34.0, 45.2, 34.3, 45.4)), name="h")
    vh = _verdict(atlas.verify("R1", holed), "R1-c3:UA-43")
    assert vh["verdict"] == "overstated" and vh["beyond_tolerance_points"] > 1.0


def test_national_totals_and_summary(atlas: Atlas, units: gpd.GeoDataFrame) -> None:
    layer = control_from_geometry(_east_share(units, "UA-14", 65.0), name="65.geojson")
    v = atlas.verify("R1", layer, carried=False)
    total = _verdict(v, "R1-c1:UA")  # more than 100,000 km² of Ukraine
    assert total["code"] == "UA" and total["unit"] == "km2"
    assert total["measured_km2"] == pytest.approx(0.65 * float(units.loc["UA-14",
                                                  "geodesic_area_km2"]), rel=1e-4)
    assert total["verdict"] == "overstated"
    assert total["off_by_km2"] == pytest.approx(100_000 - total["measured_km2"], rel=1e-6)
    counts = summary(v)
    assert sum(counts.values()) == len(v) and counts["not checkable"] == 1  # Kursk
    assert PRECISION_POINTS == 0.05


def test_schematic_territory_checks_nothing(atlas: Atlas) -> None:
    from geo.verify import verify_report

    v = verify_report(atlas.report("R1"), atlas.held("R1"))
    assert (v["verdict"] == "not checkable").all()
    # a row per unit of every claim of held ground (a country-wide one: "UA"), each for the
    # one reason: nothing was mapped
    held_kinds = {"control_share", "controlled_area", "held_by_other_side", "withdraw_share"}
    assert set(v.index) == {f"{c.id}:{u}" for c in atlas.report("R1").claims
                            if c.kind in held_kinds for u in (c.units or ("UA",))}
    assert v["reason"].str.startswith("no mapped control is loaded; schematic zones are drawn "
                                      "from the claims").all()


def test_a_lower_bound_is_true_above_its_interval(atlas: Atlas,
                                                  units: gpd.GeoDataFrame) -> None:
    """"More than 80 %" against a measured 98.1 % is true, not understated; it says how
    loose. Against 65 % it stays overstated."""
    layer = control_from_geometry(_east_share(units, "UA-09", 98.1), name="98.geojson")
    v = _verdict(atlas.verify("R1", layer), "R1-c5:UA-09")  # more than 80 % of Luhansk
    assert v["verdict"] == "consistent" and v["off_by_points"] == 0.0
    assert v["slack_points"] == pytest.approx(98.1 - 88.0, abs=0.02)
    from geo.labels import verdict_label

    assert verdict_label(v) == ("true: the map shows 98.1 %, above the 80–88 % the wording "
                                "suggests (10.1 points looser)")


def test_an_upper_bound_and_a_two_sided_claim(units: gpd.GeoDataFrame) -> None:
    from reportkit import make_report, share

    from geo.verify import verify_report

    report = make_report("T1", "2025-01-10", [
        share(["UA-14"], "less_than", 50.0),   # 45-50 %: true for 30 %
        share(["UA-23"], "less_than", 20.0),   # 18-20 %: false for 30 %
        share(["UA-65"], "about", 20.0),       # 19-21 %: understated for 30 %
    ])
    ground = shapely.union_all([_east_share(units, c, 30.0) for c in ("UA-14", "UA-23",
                                                                       "UA-65")])
    atlas = Atlas([report], units)
    v = verify_report(report, atlas.held("T1", control=control_from_geometry(ground)))
    don, zap, khe = (_verdict(v, f"T1-c{i}:{c}") for i, c in ((1, "UA-14"), (2, "UA-23"),
                                                              (3, "UA-65")))
    assert don["verdict"] == "consistent"
    assert don["slack_points"] == pytest.approx(45.0 - 30.0, abs=0.02)
    assert zap["verdict"] == "understated"
    assert zap["off_by_points"] == pytest.approx(10.0, abs=0.02)
    assert khe["verdict"] == "understated"
    assert khe["off_by_points"] == pytest.approx(9.0, abs=0.02)


def _donetsk_with_grey(atlas: Atlas, units: gpd.GeoDataFrame, held_pct: float,
                       grey_pct: float) -> dict[str, object]:
    """R1's "more than 80 % of Donetsk" against a layer holding ``held_pct`` % of it with
    ``grey_pct`` % more contested."""
    from dataclasses import replace

    from geo.verify import verify_claims

    held = _east_share(units, "UA-14", held_pct)
    grey = _east_share(units, "UA-14", held_pct + grey_pct).difference(held)
    layer = replace(control_from_geometry(held, name="grey.geojson"), contested=grey,
                    digest=f"grey-{held_pct}-{grey_pct}")
    return _verdict(verify_claims([(atlas.report("R1"), atlas.report("R1").claims[3])],
                                  atlas.held("R1", control=layer)), "R1-c4:UA-14")


def test_the_grey_zone_band(atlas: Atlas, units: gpd.GeoDataFrame) -> None:
    """Russia holds 78 % of Donetsk and 3 % more is contested: "more than 80 %" is
    consistent if the grey zone counts; against held ground alone it would not be."""
    held = _east_share(units, "UA-14", 78.0)
    v = _donetsk_with_grey(atlas, units, 78.0, 3.0)
    assert v["measured_pct"] == pytest.approx(78.0, abs=0.01)
    assert v["contested_pct"] == pytest.approx(3.0, abs=0.01)
    assert v["verdict"] == "consistent" and v["reading"] == "held or contested"
    from geo.labels import verdict_label

    assert verdict_label(v) == "consistent if the grey zone counts"
    plain = _verdict(atlas.verify("R1", control_from_geometry(held, name="held.geojson")),
                     "R1-c4:UA-14")
    assert plain["verdict"] == "overstated"
    assert plain["off_by_points"] == pytest.approx(2.0, abs=0.01)


def _slivered(unit: shapely.Geometry, seed: int = 5) -> shapely.Geometry:
    """A layer of all of ``unit`` short of its coast by real-like slivers: strips of
    100-900 m along stretches of the outline and thin lagoon slivers inland, far from
    it (equal-area metres inside)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    u = gpd.GeoSeries([unit], crs=WGS84).to_crs(EQUAL_AREA_CRS).iloc[0]
    ring = max(shapely.get_parts(u), key=lambda p: p.area).exterior
    cut = []
    for start in np.linspace(0, ring.length, 40, endpoint=False):
        stretch = shapely.ops.substring(ring, start, start + ring.length / 80)
        cut.append(stretch.buffer(float(rng.uniform(100, 900)), quad_segs=2))
    c = u.representative_point()
    for k in range(3):  # thin slivers 3+ km inside, like a lagoon's shore
        line = shapely.LineString([(c.x - 2500 + 1500 * k, c.y + 3000),
                                   (c.x - 1500 + 1500 * k, c.y + 6000)])
        cut.append(line.buffer(150, quad_segs=2))
    held = u.difference(shapely.union_all(cut))
    return gpd.GeoSeries([held], crs=EQUAL_AREA_CRS).to_crs(WGS84).iloc[0]


def test_all_of_a_unit_with_coastal_slivers_and_a_real_gap(atlas: Atlas,
                                                            units: gpd.GeoDataFrame) -> None:
    """A layer of all of Sevastopol short of its coast by slivers (some far from the
    outline) reads "all" consistent; the same layer with a 10 km² gap inland reads
    overstated by that gap, which is Ukrainian-held ground, not mismatch."""
    import shapely.ops  # noqa: F401  (substring)

    unit = units.loc["UA-40", "geometry"]
    # as on real days, the neighbouring unit is held too (else its uncovered ground
    # beside the slivers would be a front)
    layer = shapely.union(_slivered(unit), units.loc["UA-43", "geometry"])
    v = _verdict(atlas.verify("R1", control_from_geometry(layer, name="slivers")),
                 "R1-c3:UA-40")
    assert v["measured_pct"] < 99.0  # the slivers are real ground the layer leaves out
    assert v["verdict"] == "consistent" and v["reading"] == "boundary tolerance"
    assert v["measured_pct"] + v["tolerance_pct"] == pytest.approx(100.0, abs=0.05)
    # a square gap of 10 km² well inside the unit
    c = gpd.GeoSeries([unit.representative_point()], crs=WGS84).to_crs(EQUAL_AREA_CRS).iloc[0]
    side = 10_000_000 ** 0.5
    gap_ea = box(c.x - side / 2 - 4000, c.y - side / 2 - 4000, c.x + side / 2 - 4000,
                 c.y + side / 2 - 4000)
    gap = gpd.GeoSeries([gap_ea], crs=EQUAL_AREA_CRS).to_crs(WGS84).iloc[0]
    assert geometry_area_km2(gap.intersection(layer)) == pytest.approx(10.0, abs=0.1)
    holed = control_from_geometry(layer.difference(gap), name="slivers and a gap")
    held = atlas.held("R1", control=holed)
    plain = atlas.held("R1", control=control_from_geometry(layer, name="slivers"))
    # the gap is Ukrainian-held ground: the mismatch does not swallow it
    assert held.km2("UA-40", "mismatch") == pytest.approx(plain.km2("UA-40", "mismatch"),
                                                          abs=0.2)
    vh = _verdict(atlas.verify("R1", holed), "R1-c3:UA-40")
    assert vh["verdict"] == "overstated"
    unit_km2 = float(units.loc["UA-40", "geodesic_area_km2"])
    assert vh["beyond_tolerance_points"] == pytest.approx(100 * 10.0 / unit_km2, abs=0.05)


def test_an_overstated_gap_is_measured_from_held_ground(atlas: Atlas,
                                                        units: gpd.GeoDataFrame) -> None:
    """Held 70 %, contested 3 % more: "more than 80 %" is overstated by 10 points (what a
    reader works out from the map), 7 of them beyond the grey zone; the label says so."""
    from geo.labels import verdict_label

    v = _donetsk_with_grey(atlas, units, 70.0, 3.0)
    assert v["verdict"] == "overstated"
    assert v["off_by_points"] == pytest.approx(10.0, abs=0.02)
    assert v["beyond_tolerance_points"] == pytest.approx(7.0, abs=0.05)
    assert verdict_label(v).endswith("7.0 beyond the grey zone")


def test_each_verdict_states_its_denominator_and_where_the_other_flips_it(
        units: gpd.GeoDataFrame) -> None:
    """Kherson's polygon (27,376 km²) leaves out estuaries its official area (28,461 km²)
    counts: "72 %" against 72 % of the polygon is consistent, but of the official
    area the map shows 69.2 %, understated on that basis; the sentence says so."""
    from reportkit import make_report, share

    from geo.labels import basis_flip_text, verdict_sentence
    from geo.verify import verify_report

    report = make_report("T2", "2025-01-10", [share(["UA-65"], "exact", 72.0),
                                              share(["UA-14"], "about", 50.0)])
    ground = shapely.union_all([_east_share(units, "UA-65", 72.0),
                                _east_share(units, "UA-14", 50.0)])
    atlas = Atlas([report], units)
    v = verify_report(report, atlas.held("T2", control=control_from_geometry(ground)))
    khe, don = _verdict(v, "T2-c1:UA-65"), _verdict(v, "T2-c2:UA-14")
    polygon_km2 = float(units.loc["UA-65", "geodesic_area_km2"])
    assert khe["verdict"] == "consistent" and khe["denominator"] == "unit polygon"
    assert khe["area_km2"] == pytest.approx(polygon_km2)
    assert khe["other_denominator"] == "official area"
    assert khe["other_area_km2"] == 28_461
    held_km2 = 0.72 * polygon_km2
    assert khe["other_measured_pct"] == pytest.approx(100 * held_km2 / 28_461, abs=0.02)
    assert khe["other_verdict"] == "overstated"  # 72 % of the polygon is 69.3 % of 28,461
    flip = basis_flip_text(khe)
    assert flip.startswith("of its official area (28,461 km²) the map shows 69.")
    assert flip in verdict_sentence(khe)
    # Donetsk's polygon is within 0.1 % of its official area: no flip, nothing said.
    assert don["other_verdict"] == don["verdict"] == "consistent"
    assert basis_flip_text(don) == "" and "official area" not in verdict_sentence(don)


def test_a_whole_unit_is_whole_on_either_basis(atlas: Atlas, units: gpd.GeoDataFrame) -> None:
    """Crimea's polygon is a little larger than its official area; all of it held is 100 %
    on both bases, never more (which would read as understating "all")."""
    layer = control_from_geometry(units.loc[["UA-43", "UA-40"]].union_all(), name="c.geojson")
    crimea = _verdict(atlas.verify("R1", layer), "R1-c3:UA-43")
    assert float(units.loc["UA-43", "geodesic_area_km2"]) > 26_081
    assert crimea["verdict"] == crimea["other_verdict"] == "consistent"
    assert crimea["other_measured_pct"] == pytest.approx(100.0)


def test_national_share_is_of_the_official_total(atlas: Atlas, units: gpd.GeoDataFrame) -> None:
    layer = control_from_geometry(_east_share(units, "UA-14", 65.0), name="65.geojson")
    total = _verdict(atlas.verify("R1", layer), "R1-c2:UA")
    assert total["denominator"] == "official area" and total["area_km2"] == 603_543
    assert total["other_denominator"] == "unit polygon"
    assert total["other_area_km2"] == pytest.approx(
        float(units.loc[units.country == "UA", "geodesic_area_km2"].sum()))


def test_russia_holding_a_russian_region_is_the_region_less_ukraine_s_ground(
        atlas: Atlas, units: gpd.GeoDataFrame) -> None:
    # "Russia holds all of the Kursk region" (a claim of 2025): a layer of occupied Ukraine
    # stops at the border, so it cannot say (it said 0 %, "overstated by 100 points");
    # a layer that maps Ukraine's ground in Kursk gives the region less that ground
    from reportkit import make_report, share

    from geo.verify import verify_claims

    report = make_report("K1", "2025-05-01", [share(["RU-KRS"], "all")])
    kursk = units.loc["RU-KRS", "geometry"]
    sumy = units.loc["UA-59", "geometry"]
    occupied = _layer({"russia": sumy.intersection(box(33.0, 50.5, 35.0, 52.5))},
                      "occupied.geojson")
    v = _verdict(verify_claims([(report, report.claims[0])], atlas.held("R1", control=occupied)),
                 "K1-c1:RU-KRS")
    assert v["verdict"] == "not checkable" and "Ukrainian-held ground" in str(v["reason"])
    # Ukraine holds a corner of Kursk: about 1 % of it
    corner = kursk.intersection(box(34.9, 51.0, 35.3, 51.25))
    pct = 100 * geometry_area_km2(corner) / float(units.loc["RU-KRS", "geodesic_area_km2"])
    assert 0.3 < pct < 5
    both = _layer({"russia": occupied.sides["russia"], "ukraine": corner}, "both2.geojson")
    v2 = _verdict(verify_claims([(report, report.claims[0])], atlas.held("R1", control=both)),
                  "K1-c1:RU-KRS")
    assert v2["side"] == "russia"
    assert v2["measured_pct"] == pytest.approx(100 - pct, abs=0.05)


def test_a_share_of_units_taken_together_is_of_their_combined_area(
        units: gpd.GeoDataFrame) -> None:
    """ "About 80 % of Donbas" (scope: combined) against a map of all of Luhansk and half
    of Donetsk: one verdict on the two units' combined area, not one per unit; the same
    figure read per unit ("of each") gets two verdicts, as before."""
    from reportkit import make_report, share

    from geo.verify import verify_report

    lu, do = (float(units.loc[c, "geodesic_area_km2"]) for c in ("UA-09", "UA-14"))
    expected = 100 * (lu + 0.5 * do) / (lu + do)  # by hand: the held km² over the two areas
    report = make_report("T2", "2025-01-10", [
        share(["UA-09", "UA-14"], "about", round(expected), scope="combined"),
        share(["UA-09", "UA-14"], "about", round(expected)),
    ])
    ground = shapely.union_all([units.loc["UA-09", "geometry"],
                                _east_share(units, "UA-14", 50.0)])
    atlas = Atlas([report], units)
    v = verify_report(report, atlas.held("T2", control=control_from_geometry(ground)))
    both = _verdict(v, "T2-c1:UA-09+UA-14")
    assert both["measured_pct"] == pytest.approx(expected, abs=0.05)
    assert both["verdict"] == "consistent"
    assert both["area_km2"] == pytest.approx(lu + do, rel=1e-9)
    assert [k for k in v.index if k.startswith("T2-c1:")] == ["T2-c1:UA-09+UA-14"]
    each = [_verdict(v, f"T2-c2:{c}") for c in ("UA-09", "UA-14")]
    assert [round(e["measured_pct"]) for e in each] == [100, 50]
    assert [e["verdict"] for e in each] == ["understated", "overstated"]
