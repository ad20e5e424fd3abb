"""The offline basemap: country outlines of the region drawn from the project's own data.

Web tiles need the internet; this layer does not. It is a plain grey land layer with
the sea as the map background colour, drawn under every other layer.
"""

from __future__ import annotations

import functools

import folium
import geopandas as gpd

from geo.boundaries import load_countries

__all__ = ["SEA_COLOUR", "basemap_layer"]

SEA_COLOUR = "#dbe7ef"
LAND_COLOUR = "#f4f1ea"


@functools.lru_cache(maxsize=1)
def _committed_countries() -> str:
    """The committed country outlines as GeoJSON text (read-only data: made once)."""
    return str(load_countries()[["iso_a3", "geometry"]].to_json())


def basemap_layer(countries: gpd.GeoDataFrame | None = None) -> folium.FeatureGroup:
    """Country outlines as a non-interactive folium layer named "Offline basemap"."""
    text = (_committed_countries() if countries is None
            else str(countries[["iso_a3", "geometry"]].to_json()))
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
