import folium

from geo.cities import load_cities
from layers.cities import city_layer, city_radius


def test_radius_grows_with_population() -> None:
    assert city_radius(15_000) == 2.0
    assert city_radius(100_000) < city_radius(1_000_000) < city_radius(3_000_000)
    assert city_radius(3_015_000) == 8.0


def test_city_layer_html_escapes_and_filters() -> None:
    cities = load_cities(country="UA").copy()
    cities.iloc[0, cities.columns.get_loc("name")] = "<script>x()</script>${1}"
    cities.iloc[0, cities.columns.get_loc("population")] = 500_000
    layer = city_layer(cities, min_population=100_000, unit_names={"UA-14": "Donetsk"})
    feats = layer.data["features"]
    assert len(feats) == int((cities.population >= 100_000).sum())
    m = folium.Map()
    layer.add_to(m)
    html = m.get_root().render()
    assert "<script>x()" not in html and "${1}" not in html
    label = layer.data["features"][0]["properties"]["label"]
    assert label.startswith("<b>&lt;script&gt;x()&lt;/script&gt;&#36;&#123;1&#125;</b>")
    assert "Donetsk (UA-14)" in html
