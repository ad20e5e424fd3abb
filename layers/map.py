"""The map frame: a folium Map with local Leaflet assets, the offline basemap, optional tiles.

Bounds are the lon/lat box of Ukraine; no web tiles by default (they need the internet).
"""

from __future__ import annotations

import folium
from branca.element import Element, Figure

from layers.assets import use_local_assets
from layers.basemap import ATTRIBUTION, SEA_COLOUR, basemap_layer

__all__ = ["new_map", "UKRAINE_BOUNDS"]

#: (south, west), (north, east) of Ukraine.
UKRAINE_BOUNDS = [[44.3, 22.1], [52.4, 40.3]]


def new_map(
    *,
    web_tiles: bool = False,
    local_assets: bool = True,
    height: str = "100%",
) -> folium.Map:
    """A map of Ukraine on the offline basemap.

    Parameters
    ----------
    web_tiles : bool, keyword-only
        Add an OpenStreetMap tile layer (needs the internet; off by default).
    local_assets : bool, keyword-only
        Load Leaflet from the app's ``/app/static`` (see :mod:`layers.assets`);
        ``False`` keeps folium's CDN links (standalone HTML files).
    height : str, keyword-only
        CSS height of the map element.
    """
    m = folium.Map(
        location=[48.6, 31.2],
        zoom_start=6,
        tiles=None,
        min_zoom=4,
        max_zoom=12,
        prefer_canvas=False,
        height=height,
        attribution_control=True,
    )
    if local_assets:
        use_local_assets(m)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(
        Element(f"<style>.leaflet-container {{ background: {SEA_COLOUR}; }}</style>")
    )
    basemap_layer().add_to(m)
    if web_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (web)", overlay=False).add_to(m)
    root.html.add_child(Element(f"<!-- {ATTRIBUTION} -->"))
    m.fit_bounds(UKRAINE_BOUNDS)
    return m
