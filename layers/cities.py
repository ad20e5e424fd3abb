"""City points layer: GeoNames cities of 15,000+ as circle markers sized by population.

Tooltip: city name, population (people), the unit it lies in. Attribution: GeoNames
(CC BY 4.0).
"""

from __future__ import annotations

import math

import folium
import geopandas as gpd

from layers.html import escape_text

__all__ = ["city_layer", "city_radius"]


def city_radius(population: float) -> float:
    """Marker radius in pixels: 2 px at 15,000 people, growing with the square root."""
    return round(2.0 + 6.0 * math.sqrt(max(population - 15_000, 0) / 3_000_000), 2)


def city_layer(
    cities: gpd.GeoDataFrame,
    *,
    name: str = "Cities (GeoNames, 15,000+)",
    unit_names: dict[str, str] | None = None,
    min_population: int = 15_000,
    show: bool = True,
    colour: str = "#333333",
) -> folium.GeoJson:
    """Cities as one GeoJson layer of circle markers.

    Parameters
    ----------
    cities : GeoDataFrame
        Points with ``name``, ``population`` and ``code`` (from :func:`geo.cities.load_cities`).
    name : str, keyword-only
        Layer name in the layer control.
    unit_names : dict, optional, keyword-only
        Code -> display name of the unit, for the tooltip.
    min_population : int, keyword-only
        Draw only cities at least this large.
    show : bool, keyword-only
        Whether the layer starts visible.
    colour : str, keyword-only
        Marker colour.
    """
    gdf = cities[cities["population"] >= min_population].reset_index()
    unit_names = unit_names or {}
    gdf = gdf.assign(
        label=[
            f"<b>{escape_text(n)}</b><br>{int(p):,} people<br>"
            f"{escape_text(unit_names.get(c, c))} ({escape_text(c)})"
            for n, p, c in zip(gdf["name"], gdf["population"], gdf["code"], strict=True)
        ],
        radius=[city_radius(p) for p in gdf["population"]],
    )[["label", "radius", "geometry"]]
    return folium.GeoJson(
        gdf.to_json(),
        name=name,
        show=show,
        marker=folium.CircleMarker(radius=3, weight=1, fill=True, fill_opacity=0.8),
        style_function=lambda f: {
            "radius": f["properties"]["radius"],
            "color": "#ffffff",
            "fillColor": colour,
            "weight": 0.8,
            "fillOpacity": 0.85,
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    )
