"""Difference layer: units whose claimed share changed between two reports.

Red: the claimed share held by the occupier rose; blue: it fell; grey: unchanged;
hatched-pale: a claim appeared or was dropped. A thick outline marks a *significant*
change (the two claimed intervals do not overlap). Tooltips give both claims, the
change in points and in km² (from official areas), and the sources.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd

from geo.labels import central_range_text, num, pct_text
from layers.html import escape_text
from layers.map import display_geometry

__all__ = ["difference_layer", "difference_tooltip", "DIRECTION_COLOURS"]

DIRECTION_COLOURS: dict[str, str] = {
    "up": "#cb181d",
    "down": "#2171b5",
    "unchanged": "#969696",
    "new claim": "#fcbba1",
    "claim dropped": "#c6dbef",
    "no claim": "#ffffff",
}


def _claim(row: dict[str, Any], side: str) -> str:
    text = central_range_text(row, f"share_{side}")
    return "no claim" if text == "-" else text


def difference_tooltip(row: dict[str, Any]) -> str:
    """Escaped tooltip of one row of :func:`geo.compare.compare_snapshots`."""
    sig = " (significant: intervals do not overlap)" if row.get("significant") else ""
    dk = num(row.get("delta_km2"))
    dk_text = "" if dk is None else f", {dk:+,.0f} km²"
    dp_text = pct_text(row.get("delta_share_pct"), signed=True)
    return (
        f"<b>{escape_text(row.get('name_en'))}</b> ({escape_text(row.get('code'))})<br>"
        f"{escape_text(row.get('report_a'))}: {escape_text(_claim(row, 'a'))} "
        f"(source {escape_text(row.get('source_a'))})<br>"
        f"{escape_text(row.get('report_b'))}: {escape_text(_claim(row, 'b'))} "
        f"(source {escape_text(row.get('source_b'))})<br>"
        f"change: <b>{escape_text(row.get('direction'))}</b> {escape_text(dp_text)}"
        f"{escape_text(dk_text)}{escape_text(sig)}"
    )


def difference_layer(
    delta: gpd.GeoDataFrame, *, name: str | None = None, simplify_deg: float = 0.01
) -> folium.GeoJson:
    """Choropleth of :func:`geo.compare.compare_snapshots` by direction of change."""
    gdf = delta.reset_index()
    a = str(gdf["report_a"].iloc[0]) if len(gdf) else ""
    b = str(gdf["report_b"].iloc[0]) if len(gdf) else ""
    rows = gdf.drop(columns="geometry").to_dict("records")
    props = gpd.GeoDataFrame(
        {
            "tip": [difference_tooltip(r) for r in rows],
            "fill": [DIRECTION_COLOURS.get(str(r["direction"]), "#ffffff") for r in rows],
            "sig": [bool(r["significant"]) for r in rows],
            "claimed": [r["direction"] != "no claim" for r in rows],
        },
        geometry=display_geometry(gdf.geometry, simplify_deg=simplify_deg).values,
        crs=delta.crs,
    )
    return folium.GeoJson(
        props.to_json(),
        name=escape_text(name or f"Change in claimed share, {a} → {b}"),
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.7 if f["properties"]["claimed"] else 0.05,
            "color": "#000000" if f["properties"]["sig"] else "#666666",
            "weight": 3 if f["properties"]["sig"] else 0.8,
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    )
