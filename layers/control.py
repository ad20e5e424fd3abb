"""Map layers of control: schematic zones (with their uncertainty band) and measured layers.

Schematic zones are always labelled *schematic* in their tooltip: they are drawn from a
share, not mapped. Every displayed string is escaped with :func:`layers.html.escape_text`.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.classes import HELD_WORDS
from geo.control import ControlLayer
from geo.repair import polygon_parts
from layers.display import DISPLAY_SIMPLIFY_DEG
from layers.html import escape_text
from layers.map import display_geometry, legend_box

__all__ = [
    "SCHEMATIC_STYLE",
    "BAND_STYLE",
    "CONTROL_STYLE",
    "describe_schematic",
    "schematic_layer",
    "band_layer",
    "control_layer",
    "mismatch_layer",
    "control_legend_html",
]

#: Style of a schematic zone: dashed outline, so it never reads as a mapped front line.
SCHEMATIC_STYLE: dict[str, Any] = {
    "fillColor": "#c0392b",
    "fillOpacity": 0.35,
    "color": "#922b21",
    "weight": 1.5,
    "dashArray": "6 4",
}
#: Style of the uncertainty band (high-end zone minus low-end zone).
BAND_STYLE: dict[str, Any] = {
    "fillColor": "#e59866",
    "fillOpacity": 0.3,
    "color": "#ba4a00",
    "weight": 1.0,
    "dashArray": "2 4",
}
#: Style of a measured (real) control layer.
CONTROL_STYLE: dict[str, Any] = {
    "fillColor": "#7b241c",
    "fillOpacity": 0.4,
    "color": "#641e16",
    "weight": 1.0,
}
#: Style of mapped Ukrainian-held ground (features marked ``side: ukraine``).
UKRAINE_STYLE: dict[str, Any] = {
    "fillColor": "#1f5fa8",
    "fillOpacity": 0.4,
    "color": "#0b3a6e",
    "weight": 1.0,
}
#: Style of contested ground (grey zone, unknown status, unverified claims): grey with a
#: dashed outline (the static maps hatch it).
CONTESTED_STYLE: dict[str, Any] = {
    "fillColor": "#8c8c8c",
    "fillOpacity": 0.45,
    "color": "#4d4d4d",
    "weight": 1.2,
    "dashArray": "3 3",
}
_SIDE_STYLES: dict[str, dict[str, Any]] = {"ukraine": UKRAINE_STYLE,
                                           "contested": CONTESTED_STYLE}
#: Style of boundary-mismatch strips.
MISMATCH_STYLE: dict[str, Any] = {
    "fillColor": "#9b59b6",
    "fillOpacity": 0.6,
    "color": "#6c3483",
    "weight": 0.5,
}


def _display(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    return display_geometry(geoms, simplify_deg=0)


def describe_schematic(row: dict[str, Any]) -> str:
    """Escaped tooltip of a schematic zone; always says it is schematic."""
    return (
        f"<b>{escape_text(row.get('name_en'))}</b> ({escape_text(row.get('code'))})<br>"
        f"<i>schematic zone, not a mapped front line</i><br>"
        f"target {float(row.get('target_share_pct') or 0):.1f}%; drawn "
        f"{float(row.get('share_pct') or 0):.1f}% = {float(row.get('area_km2') or 0):,.0f} km²"
        f"<br>method: {escape_text(row.get('method'))}"
        + (f"<br><b>note</b>: {escape_text(row.get('note'))}" if row.get("note") else "")
    )


def _features(gdf: gpd.GeoDataFrame, label_col: str) -> str:
    out = gdf[~gdf.geometry.is_empty & gdf.geometry.notna()]
    return str(out[[label_col, "geometry"]].to_json(drop_id=True))


def schematic_layer(
    zones: gpd.GeoDataFrame, *, name: str = "Control (schematic)",
    simplify_deg: float = DISPLAY_SIMPLIFY_DEG,
) -> folium.GeoJson:
    """Schematic zones of :func:`geo.schematic.schematic_zones` as a folium layer.

    Parameters
    ----------
    zones : GeoDataFrame
        Index ``code``; columns ``name_en``, ``target_share_pct``, ``share_pct``,
        ``area_km2``, ``method``; EPSG:4326.
    name : str, keyword-only
        Layer name in the layer control (always contains "schematic").
    simplify_deg : float, keyword-only
        Display-only simplification tolerance, degrees.
    """
    if "schematic" not in name.lower():
        name = f"{name} (schematic)"
    gdf = zones.reset_index().copy()
    if simplify_deg > 0:
        gdf["geometry"] = _display(gdf.geometry.simplify(simplify_deg))
    gdf["label"] = [describe_schematic(r) for r in gdf.drop(columns="geometry").to_dict("records")]
    return folium.GeoJson(
        _features(gdf, "label"),
        name=escape_text(name),
        style_function=lambda _f: dict(SCHEMATIC_STYLE),
        highlight_function=lambda _f: {"weight": 3.0},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    )


def band_layer(
    band: gpd.GeoDataFrame,
    *,
    name: str = "Uncertainty band (schematic)",
    simplify_deg: float = DISPLAY_SIMPLIFY_DEG,
) -> folium.GeoJson:
    """The band between the low- and high-end zones of :func:`geo.schematic.schematic_band`."""
    if "schematic" not in name.lower():
        name = f"{name} (schematic)"
    gdf = band.reset_index().copy()
    if simplify_deg > 0:
        gdf["geometry"] = _display(gdf.geometry.simplify(simplify_deg))
    gdf["label"] = [
        f"<b>{escape_text(r.get('name_en'))}</b> ({escape_text(r.get('code'))})<br>"
        f"<i>schematic uncertainty band</i>: {float(r.get('low_share_pct') or 0):.1f}% to "
        f"{float(r.get('high_share_pct') or 0):.1f}% ({float(r.get('band_km2') or 0):,.0f} km²)"
        for r in gdf.drop(columns=[c for c in gdf.columns if c.endswith("geometry")]).to_dict(
            "records"
        )
    ]
    gdf = gdf.drop(columns=[c for c in ("low_geometry", "high_geometry") if c in gdf.columns])
    return folium.GeoJson(
        _features(gdf, "label"),
        name=escape_text(name),
        style_function=lambda _f: dict(BAND_STYLE),
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    )


def _polygonal(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """Only polygons, so Leaflet gets no GeometryCollection it cannot bound."""
    out = []
    for g in geoms:
        parts = polygon_parts(g)
        out.append(shapely.MultiPolygon(parts) if parts else shapely.Polygon())
    return gpd.GeoSeries(out, index=geoms.index, crs=geoms.crs)


def drawn_sides(control: ControlLayer) -> tuple[str, ...]:
    """The sides :func:`control_layer` draws for ``control``: Russian-held ground,
    Ukrainian-held ground outside Ukraine (inside it, it is the rest of the map), and
    contested ground."""
    sides = ["russia"] if control.maps("russia") else []
    if control.maps("ukraine") and not _outside_ukraine(control.geometry("ukraine")).is_empty:
        sides.append("ukraine")
    if control.contested is not None and not control.contested.is_empty:
        sides.append("contested")
    return tuple(sides)


def mapped_legend_lines(sides: tuple[str, ...]) -> str:
    """Legend lines (HTML) for the sides of a mapped layer drawn on a map."""
    def swatch(style: dict[str, Any]) -> str:
        dash = "border:1px dashed #4d4d4d;" if style.get("dashArray") else ""
        return (f'<span style="display:inline-block;width:16px;height:10px;{dash}'
                f'background:{style["fillColor"]};opacity:0.8"></span>')
    words = {"russia": (CONTROL_STYLE, "held by Russia (mapped layer)"),
             "ukraine": (UKRAINE_STYLE, "held by Ukraine outside Ukraine (mapped layer)"),
             "contested": (CONTESTED_STYLE, "contested: grey zone (mapped layer)")}
    return "".join(f"{swatch(words[s][0])} {escape_text(words[s][1])}<br>" for s in sides
                   if s in words)


def _outside_ukraine(geom: BaseGeometry) -> BaseGeometry:
    from geo.boundaries import ukraine_outline

    return geom.difference(ukraine_outline()) if not geom.is_empty else geom


def control_legend_html(title: str, *, ukraine: bool = True, top: bool = False,
                        contested: bool = False, schematic: bool = False) -> str:
    """A legend for a mapped control layer: what the dark red (and, with ``ukraine``,
    the blue; with ``contested``, the grey) fill means, under ``title`` (escaped).
    Bottom right above the credits, or with ``top`` top right beside the layer control
    (where another legend holds the bottom); folded to its title on a small map
    (:func:`layers.map.legend_box`). ``schematic``: the layer is a schematic one (its
    features say so) and the legend says that instead."""
    def swatch(style: dict[str, Any]) -> str:
        return (f'<span style="display:inline-block;width:16px;height:10px;'
                f'background:{style["fillColor"]};opacity:0.8"></span>')
    body = (f"{swatch(CONTROL_STYLE)} held by Russia (mapped)<br>"
            + (f"{swatch(UKRAINE_STYLE)} held by Ukraine (mapped)<br>" if ukraine else "")
            + (f"{swatch(CONTESTED_STYLE)} contested: grey zone (mapped)<br>" if contested
               else "")
            + ("<i>schematic: zones drawn from a report's claims, not mapped</i>"
               if schematic else "<i>measured from a mapped layer, not schematic</i>"))
    return legend_box(f"<b>{escape_text(title)}</b>", body,
                      corner="top-right" if top else "bottom-right")


def control_layer(
    control: ControlLayer | gpd.GeoDataFrame,
    *,
    name: str = "Control (mapped layer)",
    source: str | None = None,
    simplify_deg: float = 0.001,
) -> folium.GeoJson:
    """A mapped control layer (:class:`geo.control.ControlLayer`), one feature per side.

    Russian-held ground is drawn dark red, Ukrainian-held ground (features marked
    ``side: ukraine``) blue, contested ground grey with a dashed outline; the tooltip
    names the layer and its date.
    """
    if isinstance(control, ControlLayer):
        frame = control.frame
        source = source or control.name
    else:
        frame = control.reset_index(drop=True).copy()
        if "side" not in frame.columns:
            frame["side"] = "russia"
    gdf = frame[["side", "geometry"]].copy()
    # Ukrainian-held ground inside Ukraine is the rest of the map (a raw export's
    # liberated areas of 2022): only ground held across the border is drawn
    ukr = (gdf["side"] == "ukraine").to_numpy()
    if ukr.any():
        gdf.loc[ukr, "geometry"] = [_outside_ukraine(g) for g in gdf.geometry[ukr]]
    gdf["geometry"] = _polygonal(gdf.geometry)
    if simplify_deg > 0:
        gdf["geometry"] = _display(gdf.geometry.simplify(simplify_deg))
    when = ""
    if "date" in frame.columns and frame["date"].notna().any():
        when = f" ({escape_text(frame['date'].dropna().iloc[0])})"
    gdf["label"] = [
        f"<b>mapped control layer</b>: {HELD_WORDS.get(str(side), escape_text(side))} ground<br>"
        f"{escape_text(source or 'uploaded file')}{when}<br><i>measured, not schematic</i>"
        for side in gdf["side"]]
    shown = gdf[~gdf.geometry.is_empty][["side", "label", "geometry"]]
    if shown["side"].is_unique:  # one feature per side: its id is the side (styles key on it)
        shown = shown.set_axis(shown["side"].astype(str).to_numpy())
    return folium.GeoJson(
        str(shown.to_json()),
        name=escape_text(name),
        style_function=lambda f: dict(_SIDE_STYLES.get(f["properties"]["side"],
                                                       CONTROL_STYLE)),
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    )


def mismatch_layer(
    held: gpd.GeoDataFrame, *, name: str = "Boundary mismatch (held by neither side)",
) -> folium.GeoJson:
    """The boundary-mismatch strips of measured held territory (``side == "mismatch"``)."""
    rows = held[held["side"] == "mismatch"].copy()
    rows["geometry"] = _display(_polygonal(rows.geometry))
    rows["label"] = [
        f"<b>boundary mismatch</b> in {escape_text(n)}: {float(km2):,.1f} km² "
        f"({float(pct):.2f} % of the unit)<br>between the layer's coast or border and the "
        "project's boundaries; counted for neither side, stated as the unit's boundary "
        "tolerance" for n, km2, pct in zip(rows["name_en"], rows["area_km2"], rows["share_pct"],
                                           strict=True)]
    return folium.GeoJson(
        str(rows[["label", "geometry"]].to_json()),
        name=escape_text(name),
        style_function=lambda _f: dict(MISMATCH_STYLE),
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        show=False,
    )
