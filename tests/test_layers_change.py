"""layers.change: the map of ground that changed hands, filled from a template per pair of
days, on a change whose pieces and towns are known (boxes of Donetsk oblast, as in
tests/test_change.py)."""

from __future__ import annotations

import datetime as dt
import json
import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon

from geo.change import Change, change_between
from geo.history import History, ParsedDay, ragged_arrays
from geo.measure import UnitIndex
from layers.change import (
    CHANGE_COLOURS,
    change_bounds,
    change_features,
    change_map_template,
    change_page,
    held_features,
    town_features,
)

S, N = 48.50, 48.56
HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> ${window.__xss=3}'


def _box(w: float, e: float) -> Polygon:
    return Polygon([(w, S), (e, S), (e, N), (w, N)])


def _day(date: dt.date, geom: MultiPolygon) -> ParsedDay:
    coords, rings, polys = ragged_arrays(geom)
    return ParsedDay(date, f"deepstatemap_data_{date:%Y%m%d}.geojson", coords, rings, polys)


@pytest.fixture(scope="module")
def change(units: gpd.GeoDataFrame) -> Change:
    """Russia gains 37.60-37.75 (Kostiantynivka's point lies there) and loses 37.90-38.00."""
    d0, d1 = dt.date(2025, 8, 15), dt.date(2025, 9, 1)
    h = History((_day(d0, MultiPolygon([_box(37.75, 38.00)])),
                 _day(d1, MultiPolygon([_box(37.60, 37.90)]))))
    return change_between(h, UnitIndex(units), d0, d1)


def test_features_carry_each_piece_its_colour_and_an_escaped_tip(change: Change) -> None:
    fc = change_features(change.frame, before="2025-08-15", after="2025-09-01")
    assert len(fc["features"]) == len(change.frame) == 2
    by = {f["properties"]["russia"]: f for f in fc["features"]}
    assert by["gained"]["properties"]["fill"] == CHANGE_COLOURS["gained"]
    assert by["lost"]["properties"]["fill"] == CHANGE_COLOURS["lost"]
    tip = by["gained"]["properties"]["tip"]
    km2 = change.frame.set_index("russia").loc["gained", "area_km2"]
    assert "<b>Donetsk</b> (UA-14)" in tip and f"{km2:,.2f} km²" in tip
    assert "ukraine &rarr; russia" in tip and "2025-08-15 &rarr; 2025-09-01" in tip
    # drawn as measured, only snapped to 1e-4 degree: the same box
    drawn = shapely.geometry.shape(by["gained"]["geometry"])
    assert drawn.symmetric_difference(_box(37.60, 37.75)).area < 1e-9
    towns = town_features(change.cities, before="2025-08-15", after="2025-09-01")
    (town,) = towns["features"]
    assert town["properties"]["fill"] == CHANGE_COLOURS["gained"]  # Russia took it
    assert "<b>Kostiantynivka</b><br>67,350 people" in town["properties"]["tip"]


def test_hostile_names_are_escaped_in_every_tip(change: Change) -> None:
    frame = change.frame.assign(name=HOSTILE, code=HOSTILE)
    cities = change.cities.assign(name=HOSTILE, unit=HOSTILE, from_state=HOSTILE)
    tips = [f["properties"]["tip"] for f in
            change_features(frame, before=HOSTILE, after="2025-09-01")["features"]
            + town_features(cities, before=HOSTILE, after="2025-09-01")["features"]]
    assert tips
    for tip in tips:
        assert "<script" not in tip and "<img" not in tip and "${" not in tip, tip
        assert "&lt;script&gt;" in tip


def test_the_filled_template_holds_the_change_and_no_placeholder(
        change: Change, units: gpd.GeoDataFrame) -> None:
    template = change_map_template(units)
    held = gpd.GeoDataFrame(geometry=[_box(37.60, 37.90)], crs=4326)
    page = template.fill(change.frame, change.cities, before="2025-08-15", after="2025-09-01",
                         held=held)
    assert "@@" not in page
    assert "Changed hands, 2025-08-15 → 2025-09-01" in page  # the legend and layer control
    assert "Held by Russia on 2025-09-01 (mapped)" in page
    # the three layers' data are in the page as a script may hold them: no raw tag
    script = page[page.index("<script>", page.index("</head>")):]
    assert "<b>Donetsk" not in script and "\\u003cb\\u003eDonetsk" in script
    # framed on the change (padded), not on the placeholder's frame
    (s, w), (n, e) = change_bounds(change.frame)
    assert json.dumps([[s, w], [n, e]]) in page and "-179.25" not in page
    assert (s, w, n, e) == pytest.approx((S - 0.15, 37.60 - 0.15, N + 0.15, 38.00 + 0.15))
    # two pairs from one template differ only where the pair is
    other = template.fill(change.frame.iloc[:1], change.cities.iloc[:0], before="2025-08-20",
                          after="2025-09-01")
    assert other != page and "Changed hands, 2025-08-20 → 2025-09-01" in other
    assert change_page(change.frame, change.cities, units, before="2025-08-15",
                       after="2025-09-01", held=held).count("FeatureCollection") == \
        page.count("FeatureCollection")


def test_nothing_changed_opens_on_the_front_and_draws_nothing(units: gpd.GeoDataFrame) -> None:
    empty = gpd.GeoDataFrame(pd.DataFrame(columns=["code", "name", "russia"]),
                             geometry=[], crs=4326)
    assert change_features(empty, before="a", after="b")["features"] == []
    assert held_features(None)["features"] == []
    assert change_bounds(empty) == [[46.0, 34.0], [50.5, 40.3]]
    page = change_map_template(units).fill(
        empty, pd.DataFrame(columns=["name", "population", "unit", "from_state", "to_state",
                                     "is_section", "lon", "lat"]),
        before="2025-08-15", after="2025-09-01")
    assert re.search(r'"features":\[\]', page)
