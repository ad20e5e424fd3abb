"""The unit boundary layer: Ukraine's oblasts (and three Russian border oblasts).

Tooltip: name, code, kind, official and geodesic area in km².
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd

from layers.html import escape_text
from layers.map import display_geometry

__all__ = ["boundary_layer", "describe_unit"]


def describe_unit(row: dict[str, Any]) -> str:
    """Escaped one-line description of a unit for tooltips."""
    return (
        f"<b>{escape_text(row.get('name_en'))}</b> ({escape_text(row.get('code'))})<br>"
        f"{escape_text(row.get('kind'))}<br>"
        f"official area {float(row.get('official_area_km2') or 0):,.0f} km²; "
        f"polygon {float(row.get('geodesic_area_km2') or 0):,.0f} km²"
    )


def boundary_layer(
    units: gpd.GeoDataFrame, *, name: str = "Oblast boundaries", simplify_deg: float = 0.01
) -> folium.GeoJson:
    """Unit outlines with a tooltip per unit.

    Parameters
    ----------
    units : GeoDataFrame
        The unit layer of :func:`geo.boundaries.load_units` (index ``code``).
    name : str, keyword-only
        Layer name in the layer control.
    simplify_deg : float, keyword-only
        Display-only simplification tolerance in degrees (shared borders are
        simplified alike); 0 keeps the full geometry.
    """
    gdf = units.reset_index()[
        ["code", "name_en", "kind", "country", "official_area_km2", "geodesic_area_km2", "geometry"]
    ].copy()
    gdf["geometry"] = display_geometry(gdf.geometry, simplify_deg=simplify_deg)
    gdf["label"] = [describe_unit(r) for r in gdf.drop(columns="geometry").to_dict("records")]
    return folium.GeoJson(
        gdf[["code", "label", "country", "geometry"]].to_json(),
        name=name,
        style_function=lambda f: {
            "fillColor": "#ffffff" if f["properties"]["country"] == "UA" else "#e8e3da",
            "fillOpacity": 0.15,
            "color": "#555555",
            "weight": 1.0,
        },
        highlight_function=lambda _f: {"weight": 2.5, "color": "#222222"},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    )
