import csv
import itertools
import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.areas import geodesic_area_km2
from geo.boundaries import BOUNDARIES_DIR, area_accuracy, load_countries, validate_codes
from geo.errors import UnknownUnitError

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "oblasts.csv"
UA_CODES = {
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26",
    "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53",
    "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
}


def test_every_code_present_once(units: gpd.GeoDataFrame) -> None:
    assert units.index.is_unique
    assert set(units.index[units.country == "UA"]) == UA_CODES
    assert set(units.index[units.country == "RU"]) == {"RU-KRS", "RU-BEL", "RU-BRY"}


def test_crs_validity_and_type(units: gpd.GeoDataFrame) -> None:
    assert units.crs.to_epsg() == 4326
    assert units.geometry.is_valid.all()
    assert (units.geom_type == "MultiPolygon").all()
    minx, miny, maxx, maxy = units.total_bounds
    assert 22 < minx < 23 and 44 < miny < 45 and 40 < maxx < 42 and 53 < maxy < 55


def test_official_names(units: gpd.GeoDataFrame) -> None:
    assert units.loc["UA-23", "name_en"] == "Zaporizhzhia"
    assert units.loc["UA-48", "name_en"] == "Mykolaiv"
    assert units.loc["UA-51", "name_en"] == "Odesa"
    assert units.loc["UA-30", "name_en"] == "Kyiv"
    assert units.loc["UA-14", "name_uk"] == "Донецька область"
    assert units.loc["UA-43", "kind"] == "autonomous republic"


def test_official_areas_match_reference_table(units: gpd.GeoDataFrame) -> None:
    if not REFERENCE.exists():
        pytest.skip(f"reference table {REFERENCE} not present beside the repository")
    with REFERENCE.open(encoding="utf-8") as f:
        ref = {r["iso"]: float(r["official_area_km2"]) for r in csv.DictReader(f)}
    assert ref == units["official_area_km2"].to_dict()


def test_stored_geodesic_area_is_the_polygons(units: gpd.GeoDataFrame) -> None:
    recomputed = geodesic_area_km2(units)
    assert (recomputed - units["geodesic_area_km2"]).abs().max() < 0.1


def test_area_accuracy_against_official(ua_units: gpd.GeoDataFrame) -> None:
    err = area_accuracy(ua_units).abs()
    # COD-AB polygons: 24 of 27 units within 1 % of the official area (independent
    # figures of the State Statistics Service, units.csv).
    assert (err <= 1.0).sum() >= 24
    # Every larger gap is explained in the provenance note, by code, and is small: the
    # sea water inside the coast the official area counts (estuaries, bays).
    provenance = (BOUNDARIES_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    explained = set(re.findall(r"\*\*(UA-\d\d) [^*]+\*\*", provenance))
    assert set(err[err > 1.0].index) <= explained
    assert err.max() < 4.0
    # Kyiv city is its legal territory now (Natural Earth's polygon was twice as large).
    assert err["UA-30"] < 1.0


def test_national_total_is_official_within_half_a_percent(ua_units: gpd.GeoDataFrame) -> None:
    from geo.boundaries import ukraine_area_km2

    polygons = float(ua_units["geodesic_area_km2"].sum())
    assert ukraine_area_km2(ua_units) == pytest.approx(603_543, abs=1)
    assert polygons == pytest.approx(603_543, rel=0.005)


def test_neighbours_share_borders_without_slivers(units: gpd.GeoDataFrame) -> None:
    geoms = units.geometry
    for a, b in itertools.combinations(units.index, 2):
        if geoms[a].intersects(geoms[b]):
            overlap = geodesic_area_km2(geoms[a].intersection(geoms[b]))
            assert overlap < 1.0, (a, b, overlap)
    union = shapely.union_all(geoms.values)
    holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
    assert all(geodesic_area_km2(h) < 1.0 for h in holes)
    # Known neighbours touch along a real border, not a point.
    for a, b in [("UA-14", "UA-09"), ("UA-23", "UA-65"), ("UA-65", "UA-43"), ("UA-43", "UA-40"),
                 ("UA-63", "RU-BEL"), ("UA-59", "RU-KRS"), ("UA-30", "UA-32")]:
        shared = geoms[a].boundary.intersection(geoms[b].boundary)
        assert shared.length > 0.05, (a, b)


def test_countries_basemap_has_region(units: gpd.GeoDataFrame) -> None:
    countries = load_countries()
    assert {"UKR", "RUS", "BLR", "POL", "ROU", "MDA"} <= set(countries.iso_a3)
    # Crimea is drawn as part of Ukraine only.
    rus = countries.loc[countries.iso_a3 == "RUS"].geometry.iloc[0]
    crimea_pt = shapely.Point(34.1, 45.0)  # Simferopol area
    assert units.loc["UA-43", "geometry"].contains(crimea_pt)
    assert not rus.contains(crimea_pt)


def test_validate_codes_names_every_unknown_code() -> None:
    validate_codes(["UA-14", "RU-KRS"])
    with pytest.raises(UnknownUnitError) as exc:
        validate_codes(["UA-14", "UA-99", "XX"], argument="--shares")
    msg = str(exc.value)
    assert "'UA-99'" in msg and "'XX'" in msg and "--shares" in msg and "frontline regions" in msg
    assert isinstance(exc.value, ValueError)


def _build_script():  # type: ignore[no-untyped-def]
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_boundaries.py"
    spec = importlib.util.spec_from_file_location("build_boundaries", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_committed_layer_matches_its_provenance_detail(units: gpd.GeoDataFrame) -> None:
    provenance = (BOUNDARIES_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    size = (BOUNDARIES_DIR / "units.geojson").stat().st_size
    vertices = int(shapely.get_num_coordinates(units.geometry.values).sum())
    assert size < 1_500_000
    assert "--cod DIR" in provenance and "CC BY 3.0 IGO" in provenance
    assert vertices > 30_000  # COD-AB, coverage-simplified at 0.002 deg
    # Mean absolute area error of the Ukrainian units against the official areas.
    err = area_accuracy(units[units.country == "UA"]).abs()
    assert err.mean() < 0.5
    # The checksums the note gives are the committed files'.
    for name in ("units.geojson", "raions.geojson", "neighbours.geojson"):
        digest = _build_script()._sha256(BOUNDARIES_DIR / name)
        assert f"| `{name}` |" in provenance and digest in provenance, name


def test_raions_tile_their_units(units: gpd.GeoDataFrame) -> None:
    from geo.boundaries import load_raions

    raions = load_raions()
    assert len(raions) == 139 and raions.index.is_unique
    assert raions.geometry.is_valid.all()
    assert set(raions["code"]) == set(units.index[units.country == "UA"])
    assert raions.loc["UA1402", "name_en"] == "Bakhmutskyi"
    assert raions.loc["UA1402", "code"] == "UA-14"
    # Each unit is exactly its raions: their areas add up, their union is the unit.
    sums = raions.groupby("code")["geodesic_area_km2"].sum()
    ua = units[units.country == "UA"]
    assert (sums / ua["geodesic_area_km2"] - 1).abs().max() < 1e-4
    for code in ("UA-14", "UA-65", "UA-43", "UA-40"):
        union = shapely.union_all(raions.loc[raions["code"] == code].geometry.values)
        diff = union.symmetric_difference(units.loc[code, "geometry"])
        assert geodesic_area_km2(diff) < 0.01, code
    # No two raions overlap by more than a speck.
    geoms = raions.geometry.values
    tree = shapely.STRtree(geoms)
    worst = max(float(geodesic_area_km2(geoms[i].intersection(geoms[j])))
                for i, j in zip(*tree.query(geoms, predicate="intersects"), strict=True) if i < j)
    assert worst < 0.01


def test_units_tile_ukraine(units: gpd.GeoDataFrame) -> None:
    """Ukraine's outline (Syvash included) is covered by its units, with no gap inside."""
    ua = units[units.country == "UA"]
    outline = shapely.union_all(ua.geometry.values)
    holes = [shapely.Polygon(r) for p in shapely.get_parts(outline) for r in p.interiors]
    assert sum(float(geodesic_area_km2(h)) for h in holes) < 1.0
    syvash = shapely.Point(34.6, 45.9)  # the middle of the Syvash lagoon
    assert outline.contains(syvash)
    # The sum of the parts is the whole (no overlap).
    assert float(geodesic_area_km2(outline)) == pytest.approx(
        float(ua["geodesic_area_km2"].sum()), abs=1.0)


def test_a_layer_on_the_official_outline_measures_100_percent(units: gpd.GeoDataFrame) -> None:
    """A layer that follows a unit's outline exactly (as a mapmaker tracing the
    official border would) is 100.0 % of it, and nothing outside it."""
    from geo.measure import measure_control

    layer = shapely.union_all(units.loc[["UA-14", "UA-09", "UA-43", "UA-40"]].geometry.values)
    m = measure_control(layer, units).table
    for code in ("UA-14", "UA-09", "UA-43", "UA-40"):
        assert round(float(m.loc[code, "share_pct"]), 1) == 100.0
    assert float(m.loc["UA-23", "controlled_km2"]) < 0.01
    assert float(m.loc["RU-BEL", "controlled_km2"]) < 0.01


def test_neighbours_are_land_outside_the_units(units: gpd.GeoDataFrame) -> None:
    from geo.boundaries import load_neighbours

    land = load_neighbours().set_index("iso_a3")
    assert {"RUS", "BLR", "POL", "ROU", "MDA"} <= set(land.index)
    outline = shapely.union_all(units.geometry.values)
    for iso in ("RUS", "BLR", "MDA"):
        assert float(geodesic_area_km2(land.loc[iso, "geometry"].intersection(outline))) < 1.0
    assert land.loc["RUS", "geometry"].contains(shapely.Point(39.7, 47.23))  # Rostov-on-Don
    assert not any(g.contains(shapely.Point(36.0, 46.3)) for g in land.geometry)  # Azov Sea


def test_10m_faces_take_the_code_of_the_generalized_unit(tmp_path: Path) -> None:
    """Toy run of the 10m rebuild: a country split by an admin-1 line, labelled by overlap."""
    mod = _build_script()
    # "Ukraine" 30-32 E, "Russia" 32-33 E; the 10m admin-1 line runs at 31.03 E, the
    # generalized units meet at 31.0 E; a small island off the coast has no unit.
    ukr = shapely.union(shapely.box(30, 48, 32, 49), shapely.box(30.2, 47.90, 30.3, 47.95))
    countries = gpd.GeoDataFrame({"ADM0_A3": ["UKR", "RUS"]},
                                 geometry=[ukr, shapely.box(32, 48, 33, 49)], crs=4326)
    admin1 = gpd.GeoSeries([shapely.LineString([(31.03, 48), (31.03, 49)])], crs=4326)
    admin0 = gpd.GeoSeries([shapely.LineString([(32, 48), (32, 49)])], crs=4326)
    paths = {"countries": tmp_path / "c.shp", "admin1_lines": tmp_path / "a1.shp",
             "admin0_lines": tmp_path / "a0.shp"}
    countries.to_file(paths["countries"])
    admin1.to_file(paths["admin1_lines"])
    admin0.to_file(paths["admin0_lines"])
    gen = gpd.GeoDataFrame(
        {"code": ["UA-W", "UA-E", "RU-X"], "country": ["UA", "UA", "RU"],
         "geodesic_area_km2": [0.0, 0.0, 0.0]},
        geometry=[shapely.box(30, 48, 31, 49), shapely.box(31, 48, 32, 49),
                  shapely.box(32, 48, 32.97, 49)],
        crs=4326,
    )
    out = mod.build_units_10m(gen, paths).set_index("code")
    assert list(out.index) == ["UA-W", "UA-E", "RU-X"]
    assert out.geometry.is_valid.all()
    west = out.loc["UA-W", "geometry"]
    assert west.bounds == pytest.approx((30, 47.9, 31.03, 49))  # island and the 10m line
    assert out.loc["RU-X", "geometry"].bounds == pytest.approx((32, 48, 33, 49))
    assert west.intersection(out.loc["UA-E", "geometry"]).area == 0
    assert out.loc["UA-E", "geodesic_area_km2"] == pytest.approx(
        geodesic_area_km2(out.loc["UA-E", "geometry"]), abs=0.1)
