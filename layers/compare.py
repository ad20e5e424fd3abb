"""Comparing two reports: the two maps side by side, and the difference map.

:func:`compare_page` puts report A's and report B's maps in one page whose maps
follow each other in the browser (a pan or zoom of one moves the other, with no
server round trip). :func:`difference_map` is the map of :func:`difference_layer`
with its legend.

Difference layer: units whose claimed share changed between two reports.

Red: the claimed share held by the occupier rose; blue: it fell; grey: unchanged;
hatched-pale: a claim appeared or was dropped. A thick outline marks a *significant*
change (the two claimed intervals do not overlap). Tooltips give both claims, the
change in points and in km² (from official areas), and the sources.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
from branca.element import Element, Figure

from geo.labels import central_range_text, num, pct_text
from geo.layerset import LayerSet
from layers.claims import add_legend, claims_layer
from layers.control import control_layer, schematic_layer
from layers.display import display_geometry
from layers.html import escape_text
from layers.map import fit_clear, legend_box, new_map, side_by_side
from layers.report_map import focus_bounds

__all__ = ["difference_layer", "difference_tooltip", "difference_map", "difference_legend",
           "compare_page", "DIRECTION_COLOURS", "DIRECTION_WORDS"]

DIRECTION_COLOURS: dict[str, str] = {
    "up": "#cb181d",
    "down": "#2171b5",
    "unchanged": "#969696",
    "new claim": "#fcbba1",
    "claim dropped": "#c6dbef",
    "stale": "#e7e1d6",
    "no claim": "#ffffff",
}


#: What each colour of the difference map means.
DIRECTION_WORDS: dict[str, str] = {
    "up": "claimed share rose",
    "down": "claimed share fell",
    "unchanged": "unchanged",
    "new claim": "a claim in B only",
    "claim dropped": "a claim in A only",
    "stale": "B has only an old (stale) claim",
    "no claim": "no claim in either",
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


def difference_legend(a: str, b: str) -> Element:
    """The difference map's legend: each colour, and what a thick outline means (bottom
    left, folded to its title on a small map: :func:`layers.map.legend_box`)."""
    rows = "".join(
        f'<span style="display:inline-block;width:14px;height:10px;background:{c};'
        f'border:1px solid #888;margin-right:4px"></span>{escape_text(DIRECTION_WORDS[k])}<br>'
        for k, c in DIRECTION_COLOURS.items())
    return Element(legend_box(
        f"<b>Claimed share held by the occupier, {escape_text(a)} → {escape_text(b)}</b>",
        f"{rows}<b>thick black outline</b>: significant (the intervals do not overlap)"))


def difference_map(delta: gpd.GeoDataFrame, *, web_tiles: bool = False) -> folium.Map:
    """The map of :func:`difference_layer`, framed on the units with a claim clear of its
    legend (:func:`layers.map.fit_clear`)."""
    m = new_map(web_tiles=web_tiles)
    difference_layer(delta).add_to(m)
    a = str(delta["report_a"].iloc[0]) if len(delta) else "A"
    b = str(delta["report_b"].iloc[0]) if len(delta) else "B"
    root = m.get_root()
    assert isinstance(root, Figure)
    root.html.add_child(difference_legend(a, b))
    claimed = delta[delta["direction"] != "no claim"]
    if len(claimed):
        minx, miny, maxx, maxy = claimed.total_bounds
        fit_clear(m, [[float(miny), float(minx)], [float(maxy), float(maxx)]])
    return m


def _side(ls: LayerSet, *, left: str, web_tiles: bool, legend: bool) -> folium.Map:
    m = new_map(web_tiles=web_tiles, width="50%", left=left, position="absolute")
    claims_layer(ls.snapshot, opacity=0.35, verdicts=ls.verdicts if len(ls.verdicts) else None,
                 units=ls.held.units, zones=ls.zones).add_to(m)
    if ls.control is not None:
        control_layer(ls.control, name=f"Control — {ls.control_name} (mapped)").add_to(m)
    else:
        schematic_layer(ls.held_zones, name=f"Control zones — {ls.report.id} (schematic)").add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    if legend:
        add_legend(m, "A and B", schematic=ls.schematic,
                   measured_from="the mapped layer dated in each map's title",
                   stale=bool((ls.snapshot["status"] == "stale").any()))
    return m


def compare_page(a: LayerSet, b: LayerSet, *, web_tiles: bool = False) -> Figure:
    """Report A's map (left) and B's (right) in one page, following each other's view.

    Each map draws the claims as of its report and the held ground: measured from the
    control layer when the layer sets have one, schematic otherwise (so labelled).
    """
    left = _side(a, left="0%", web_tiles=web_tiles, legend=True)
    right = _side(b, left="50%", web_tiles=web_tiles, legend=False)
    focus = focus_bounds(a, b)
    if focus is not None:  # one view for both, clear of A's legend and the titles
        fit_clear([left, right], focus)
    fig = side_by_side([left, right])
    fig.header.add_child(Element(
        "<style>.folium-map + .folium-map{border-left:2px solid #fff}"
        ".fa-side-title{position:absolute;top:8px;z-index:1000;background:#fff;"
        "padding:3px 8px;font:bold 12px sans-serif;border:1px solid #999;border-radius:4px;"
        "pointer-events:none}.fa-legend{max-width:calc(50% - 40px)}</style>"),
        name="fa_compare_css")
    for ls, x in ((a, "calc(0% + 56px)"), (b, "calc(50% + 56px)")):
        day = ls.control.date if ls.control is not None else None
        basis = ("schematic" if ls.schematic
                 else f"measured, map of {day.isoformat()}" if day else "measured")
        fig.html.add_child(Element(
            f'<div class="fa-side-title" style="left:{x}">{escape_text(ls.report.id)} · '
            f"{escape_text(ls.report.date_text)} · {escape_text(basis)}</div>"))
    return fig
