"""The offline basemap: country outlines of the region drawn from the project's own data.

Web tiles need the internet; this layer does not. It is a plain grey land layer with
the sea as the map background colour, drawn under every other layer.
"""

from __future__ import annotations

import functools

import folium
import geopandas as gpd
import shapely

from geo.boundaries import load_countries
from layers.display import round_coordinates

__all__ = ["SEA_COLOUR", "BASEMAP_EXTENT", "basemap_layer"]

#: (west, south, east, north) of the basemap: Ukraine and a wide margin around it.
BASEMAP_EXTENT = (12.0, 38.0, 50.0, 58.0)
#: Display simplification of the basemap's outlines (coverage simplification: vertices
#: whose triangle is under this tolerance squared go; a background, ~2-5 km).
BASEMAP_SIMPLIFY_DEG = 0.2

SEA_COLOUR = "#dbe7ef"
LAND_COLOUR = "#f4f1ea"


@functools.lru_cache(maxsize=1)
def _committed_countries() -> str:
    """The committed country outlines as GeoJSON text (read-only data: made once)."""
    return _outline_json(load_countries())


def _outline_json(countries: gpd.GeoDataFrame) -> str:
    """Countries clipped to :data:`BASEMAP_EXTENT`, simplified, coordinates rounded."""
    frame = countries[["iso_a3", "geometry"]].clip(BASEMAP_EXTENT)
    frame = frame[~frame.geometry.is_empty]
    geoms = frame.geometry.simplify_coverage(BASEMAP_SIMPLIFY_DEG).values
    geoms = round_coordinates(shapely.make_valid(geoms))
    return str(frame.set_geometry(geoms).to_json(drop_id=True))


def basemap_layer(countries: gpd.GeoDataFrame | None = None) -> folium.FeatureGroup:
    """Country outlines as a non-interactive folium layer named "Offline basemap"."""
    text = _committed_countries() if countries is None else _outline_json(countries)
    group = folium.FeatureGroup(name="Offline basemap", control=False, overlay=True)
    folium.GeoJson(
        text,
        name="countries",
        style_function=lambda _f: {
            "fillColor": LAND_COLOUR,
            "color": "#9a9a9a",
            "weight": 0.8,
            "fillOpacity": 1.0,
        },
        interactive=False,
        control=False,
    ).add_to(group)
    return group
