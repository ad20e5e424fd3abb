"""Claimed-control choropleth: each unit filled by the share a report claims, with its interval.

Fill colour follows the central value of the claimed interval (percent of the unit
held by its occupier: reds for Russian-held shares of Ukrainian units, blues for
Ukrainian-held shares of Russian units). Claims carried forward from an earlier report
are drawn with a dashed outline and a paler fill. Each claimed unit carries a
permanent label with the claim as worded ("more than 80 %", "about 70 %", "all",
"part"), so an interval is never shown as a bare number; it sits at a point of the unit
clear of the city markers and of the other labels, in a box as wide as its text.
Tooltips give the unit, the paraphrased claim, the interval, km² and the source (outlet,
date, report, claim).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops
from branca.element import Element, Figure
from shapely.geometry.base import BaseGeometry

from geo.labels import (
    km2_range_text,
    measured_text,
    short_label,
    status_label,
    verdict_label,
)
from geo.repair import polygon_parts
from geo.snapshot import STALE_AFTER_DAYS
from layers.display import display_geometry
from layers.html import escape_text
from layers.map import CLAIMS_PANE, legend_box

__all__ = [
    "claims_layer",
    "claim_colour",
    "short_label",
    "claim_tooltip",
    "legend_html",
    "add_legend",
    "label_points",
    "label_size",
]

_REDS = ["#fff5eb", "#fdd0a2", "#fd8d3c", "#e6550d", "#a63603", "#6b1d02"]
_BLUES = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c", "#08306b"]


def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def claim_colour(share: float | None, *, held_by: str = "russia") -> str:
    """Fill colour for a central share in percent (grey-white for no claim)."""
    if share is None or math.isnan(share):
        return "#ffffff"
    ramp = _BLUES if held_by == "ukraine" else _REDS
    idx = min(int(share / 100 * (len(ramp) - 1) + 0.5), len(ramp) - 1)
    if share > 0 and idx == 0:
        idx = 1
    return ramp[idx]


def claim_tooltip(row: Mapping[Any, Any],
                  verdict: Mapping[Any, Any] | None = None, *,
                  zones: list[str] | None = None) -> str:
    """Escaped HTML tooltip for one snapshot row, with the claim's verdict if given and
    the zones that lie in the unit (``zones``: one line each, plain text)."""
    name = escape_text(row.get("name_en"))
    code = escape_text(row.get("code"))
    here = ("<br><b>zones here</b>: " + "; ".join(escape_text(z) for z in zones)
            if zones else "")
    if row.get("status") == "no_claim" or _num(row.get("share_central")) is None:
        return f"<b>{name}</b> ({code})<br>no claim in this or any earlier report{here}"
    km_text = km2_range_text(row)
    holder = "Russia" if row.get("held_by") == "russia" else "Ukraine"
    status = (
        f"stated in {escape_text(row.get('report_id'))}"
        if row.get("status") == "stated"
        else escape_text(status_label(row)) + " (no newer claim)"
    )
    stale = (f"<br><i>older than {STALE_AFTER_DAYS} days: no longer taken as in force</i>"
             if row.get("status") == "stale" else "")
    return (
        f"<b>{name}</b> ({code})<br>"
        f"claimed held by {holder}: <b>{escape_text(row.get('interval_text'))}</b><br>"
        f"{escape_text(km_text)}<br>"
        f"<i>{escape_text(row.get('claim_text'))}</i><br>"
        f"source: {escape_text(row.get('source_outlet'))}, {escape_text(row.get('source_date'))}"
        f" — claim {escape_text(row.get('claim_id'))}, {status}{stale}"
        + (_verdict_html(verdict) if verdict is not None else "")
        + here
    )


def _verdict_html(v: Mapping[Any, Any]) -> str:
    colour = {"consistent": "#1a7f37", "overstated": "#b42318", "understated": "#b42318"}.get(
        str(v.get("verdict")), "#555555")
    why = f"<br>{escape_text(v.get('reason'))}" if v.get("reason") else ""
    source = str(v.get("source") or "the layer").removeprefix("measured from ")
    return (f"<br><b>against {escape_text(source)}</b>: "
            f"{escape_text(measured_text(v))}<br>"
            f"<b style=\"color:{colour}\">{escape_text(verdict_label(v))}</b>{why}")


def claims_layer(
    snap: gpd.GeoDataFrame,
    *,
    name: str | None = None,
    simplify_deg: float = 0.03,
    labels: bool = True,
    opacity: float = 0.75,
    verdicts: pd.DataFrame | None = None,
    units: gpd.GeoDataFrame | None = None,
    zones: gpd.GeoDataFrame | None = None,
    cities: gpd.GeoDataFrame | None = None,
    label_zoom: float = 5.5,
) -> folium.FeatureGroup:
    """Choropleth of a snapshot's claimed shares with interval labels.

    Parameters
    ----------
    snap : GeoDataFrame
        From :func:`geo.snapshot.snapshot` (index ``code``).
    name : str, optional, keyword-only
        Layer name (default "Claimed control (<report>)").
    simplify_deg : float, keyword-only
        Display-only coverage simplification (:func:`layers.display.display_geometry`).
    labels : bool, keyword-only
        Add the permanent "more than 80 %" labels.
    opacity : float, keyword-only
        Fill opacity of stated claims (carried-forward ones get 60 % of it); lower it
        when zones are drawn on top.
    verdicts : pandas.DataFrame, optional, keyword-only
        Verdicts against a control layer (:mod:`geo.verify`), shown in the tooltips.
    units : GeoDataFrame, optional, keyword-only
        The unit layer: units the snapshot leaves out are drawn as outlines with no
        claim, so this one layer is the map's boundaries too.
    zones : GeoDataFrame, optional, keyword-only
        Proposal zones (:func:`geo.zones.implied_zones`): each unit's tooltip names the
        zones in it. The layer lies in :data:`layers.map.CLAIMS_PANE`, above the zones,
        so a unit's claim is what hovering shows.
    cities : GeoDataFrame, optional, keyword-only
        The city markers drawn on the same map (points with ``population``): labels are
        placed clear of them (:func:`label_points`).
    label_zoom : float, keyword-only
        The zoom the map opens at, about, at which labels are placed clear of the
        markers and of each other.
    """
    report = snap.attrs.get("report_id", "")
    group = folium.FeatureGroup(name=name or f"Claimed control ({report})", show=True)
    gdf = snap.reset_index()
    if units is not None:
        missing = units.loc[~units.index.isin(snap.index), ["name_en", "geometry"]]
        if len(missing):
            extra = missing.reset_index().assign(status="no_claim", held_by="russia",
                                                 share_central=None)
            gdf = pd.concat([gdf, extra], ignore_index=True)
    in_unit = _zones_by_unit(zones)
    rows = gdf.drop(columns="geometry").to_dict("records")
    found: dict[tuple[str, str], Mapping[Any, Any]] = {}
    if verdicts is not None:
        for v in verdicts.to_dict("records"):
            found[(str(v["claim_id"]), str(v["code"]))] = v
    props = pd.DataFrame(
        {
            "code": gdf["code"],
            "tip": [claim_tooltip(r, found.get((str(r.get("claim_id")), str(r["code"]))),
                                  zones=in_unit.get(str(r["code"])))
                    for r in rows],
            "fill": [
                claim_colour(_num(r["share_central"]), held_by=str(r["held_by"])) for r in rows
            ],
            "carried": [r["status"] == "carried_forward" for r in rows],
            "stale": [r["status"] == "stale" for r in rows],
            "claimed": [r["status"] != "no_claim" for r in rows],
        }
    )
    geoms = display_geometry(gpd.GeoSeries(gdf.geometry, crs=snap.crs),
                             simplify_deg=simplify_deg)
    layer = gpd.GeoDataFrame(props, geometry=geoms.values, crs=snap.crs)
    folium.GeoJson(
        layer.to_json(),
        name="claims",
        pane=CLAIMS_PANE,
        style_function=lambda f: _claim_style(f["properties"], opacity),
        highlight_function=lambda _f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(group)
    if labels:
        _add_labels(group, rows, gdf.geometry, cities, label_zoom)
    return group


#: How a stale claim is drawn: no share colour (it is no longer taken as in force), a
#: grey wash and a dotted outline.
STALE_STYLE = {"fillColor": "#9e9e9e", "fillOpacity": 0.18, "color": "#6b6b6b",
               "weight": 1.2, "dashArray": "2 4"}


def _claim_style(p: Mapping[str, Any], opacity: float) -> dict[str, Any]:
    """Leaflet style of one unit: stated solid, carried dashed and paler, stale grey."""
    if p.get("stale"):
        return dict(STALE_STYLE)
    claimed = bool(p["claimed"])
    return {
        "fillColor": p["fill"],
        "fillOpacity": (0.6 * opacity if p["carried"] else opacity) if claimed else 0.05,
        "color": "#7f2704" if claimed else "#888888",
        "weight": 1.6 if claimed else 0.5,
        "dashArray": "6 4" if p["carried"] else None,
    }


def _zones_by_unit(zones: gpd.GeoDataFrame | None) -> dict[str, list[str]]:
    """Unit code -> "Withdrawal zone (schematic): 20 % of the unit, 5,300 km²" lines."""
    out: dict[str, list[str]] = {}
    if zones is None or not len(zones):
        return out
    for _, z in zones.iterrows():
        label = str(z.get("label") or z.get("kind"))
        for code, share in dict(z.get("unit_shares") or {}).items():
            out.setdefault(str(code), []).append(f"{label}: {float(share):.0f} % of the unit")
        if not z.get("unit_shares"):
            for code in str(z.get("units") or "").split(","):
                if code:
                    out.setdefault(code, []).append(label)
    return out


# Em widths of DejaVu Sans Bold (the sans-serif of Debian's Chromium; others are close):
# a label's box is sized from its text so that none is cut and none is wider than it is.
_EM_WIDTHS = {**dict.fromkeys(" il.,:;·'|!", 0.36), **dict.fromkeys("()[]trf", 0.48),
              **dict.fromkeys("%mwMW", 1.02), **dict.fromkeys("<>~=≈+−±↩", 0.84),
              **dict.fromkeys("²³", 0.44)}
#: Font size (px) of a claim's label.
LABEL_PX = 11


def text_width_px(text: str, size: float = LABEL_PX) -> float:
    """Estimated width (CSS px) of ``text`` in bold sans-serif of ``size`` px."""
    return size * sum(_EM_WIDTHS.get(ch, 0.70) for ch in text)


def label_size(text: str) -> tuple[int, int]:
    """(width, height) in CSS px of a claim label's box, ``text`` on one line."""
    return math.ceil(text_width_px(text)) + 6, 15


_EARTH = 6378137.0  # the Web Mercator sphere (m)


def _pixels(x: np.ndarray, y: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat (degrees) as Web Mercator pixels at ``zoom`` (y grows southwards)."""
    scale = 256 * 2**zoom / (2 * math.pi * _EARTH)
    lat = np.radians(np.clip(y, -85, 85))
    mx = _EARTH * np.radians(x)
    my = _EARTH * np.log(np.tan(math.pi / 4 + lat / 2))
    return mx * scale, -my * scale


def _lonlat(px: np.ndarray, py: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    scale = 256 * 2**zoom / (2 * math.pi * _EARTH)
    lon = np.degrees(px / scale / _EARTH)
    lat = np.degrees(2 * np.arctan(np.exp(-py / scale / _EARTH)) - math.pi / 2)
    return lon, lat


def _gaps(cx: np.ndarray, cy: np.ndarray, w: float, h: float,
          boxes: list[tuple[float, float, float, float]],
          dots: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """For label boxes ``w`` x ``h`` centred at each (cx, cy): the gap (px) to the nearest
    obstacle, negative by how deep it overlaps one. Obstacles: boxes (centre x, y,
    width, height) of labels placed already, and dots (x, y, radius) of city markers."""
    gap = np.full(len(cx), np.inf)
    dx0, dy0, r = dots
    if len(dx0):
        dx = np.maximum(np.abs(cx[:, None] - dx0[None, :]) - w / 2, 0)
        dy = np.maximum(np.abs(cy[:, None] - dy0[None, :]) - h / 2, 0)
        gap = np.minimum(gap, (np.hypot(dx, dy) - r[None, :]).min(axis=1))
    for bx, by, bw, bh in boxes:
        ox = np.abs(cx - bx) - (w + bw) / 2  # > 0: apart along x
        oy = np.abs(cy - by) - (h + bh) / 2
        apart = np.where((ox > 0) | (oy > 0),
                         np.hypot(np.maximum(ox, 0), np.maximum(oy, 0)), np.maximum(ox, oy))
        gap = np.minimum(gap, apart)
    return gap


def label_points(geoms: list[BaseGeometry], sizes: list[tuple[int, int]],
                 cities: gpd.GeoDataFrame | None = None, *,
                 zoom: float = 5.5) -> list[tuple[float, float]]:
    """Where each unit's label goes (lon, lat): a point of the unit whose label box, at
    ``zoom``, lies clear of the city markers drawn (``cities``: points with a
    ``population``; each marker is :func:`layers.cities.city_radius` px) and of the
    labels placed before it.

    Candidates are the unit's pole of inaccessibility (:func:`shapely.ops.polylabel`),
    its representative point, its centroid when inside, and a grid of points inside it.
    Of those whose box clears every obstacle by 3 px and lies inside the unit, the one
    deepest inside wins; failing that, the clear one with most of its box inside; when
    none is clear, the one with the widest gap. A unit too small to hold its
    label (Sevastopol at the zooms the app opens at) also tries points just outside it,
    beside it, within the extent of the units labelled (which a map frames). Small units
    are placed first: they have the fewest places.
    """
    from layers.cities import city_radius

    if cities is not None and len(cities):
        pts = cities.geometry
        cx, cy = _pixels(pts.x.to_numpy(float), pts.y.to_numpy(float), zoom)
        radii = np.array([city_radius(p) for p in cities["population"]]) + 1.0
        dots = (cx, cy, radii)
    else:
        dots = (np.zeros(0), np.zeros(0), np.zeros(0))
    out: list[tuple[float, float]] = [(0.0, 0.0)] * len(geoms)
    placed: list[tuple[float, float, float, float]] = []
    order = sorted(range(len(geoms)), key=lambda i: float(geoms[i].area))
    # the labelled units' extent (a map frames it): a label beside a unit keeps inside it
    west, south, east, north = gpd.GeoSeries(geoms).total_bounds if geoms else (0, 0, 0, 0)
    (left, right), (bottom, top) = _pixels(np.array([west, east]), np.array([south, north]),
                                           zoom)
    for i in order:
        w, h = sizes[i]
        unit = shapely.transform(geoms[i].simplify(0.005),
                                 lambda xy: np.column_stack(_pixels(xy[:, 0], xy[:, 1], zoom)))
        parts = polygon_parts(unit)
        if not parts:
            out[i] = (geoms[i].representative_point().x, geoms[i].representative_point().y)
            continue
        main = max(parts, key=lambda g: g.area)
        cands = [shapely.ops.polylabel(main, tolerance=1.0), unit.representative_point()]
        centroid = unit.centroid
        if unit.contains(centroid):
            cands.append(centroid)
        minx, miny, maxx, maxy = unit.bounds
        step = max(min(maxx - minx, maxy - miny) / 8, 4.0)
        gx, gy = np.meshgrid(np.arange(minx + step / 2, maxx, step),
                             np.arange(miny + step / 2, maxy, step))
        grid = shapely.points(gx.ravel(), gy.ravel())
        cands += list(grid[shapely.contains(unit, grid)])
        if unit.area < 2 * w * h:  # too small to hold its label: beside it too
            c = cands[0]
            for ang in np.radians(np.arange(0, 360, 30)):
                reach = (w / 2 + (maxx - minx) / 2 + 4, h / 2 + (maxy - miny) / 2 + 4)
                cands.append(shapely.Point(c.x + reach[0] * math.cos(ang),
                                           c.y + reach[1] * math.sin(ang)))
        px = np.array([p.x for p in cands])
        py = np.array([p.y for p in cands])
        gap = np.minimum(_gaps(px, py, w, h, placed, dots),
                         np.minimum.reduce([px - w / 2 - left, right - px - w / 2,
                                            py - h / 2 - top, bottom - py - h / 2]))
        depth = np.array([p.distance(unit.boundary) if unit.contains(p) else -p.distance(unit)
                          for p in cands])
        boxes = shapely.box(px - w / 2, py - h / 2, px + w / 2, py + h / 2)
        inside = shapely.area(shapely.intersection(boxes, unit)) / (w * h)
        clear = gap >= 3
        if (clear & (inside >= 0.97)).any():  # clear, and the whole box in the unit
            best = int(np.argmax(np.where(clear & (inside >= 0.97), depth, -np.inf)))
        elif clear.any():  # clear, as much of the box in the unit as can be
            best = int(np.argmax(np.where(clear, inside + 1e-4 * depth, -np.inf)))
        else:
            best = int(np.argmax(gap + 1e-3 * depth))
        placed.append((float(px[best]), float(py[best]), float(w), float(h)))
        lon, lat = _lonlat(px[best:best + 1], py[best:best + 1], zoom)
        out[i] = (float(lon[0]), float(lat[0]))
    return out


def _add_labels(group: folium.FeatureGroup, rows: list[dict[str, Any]],
                geoms: gpd.GeoSeries, cities: gpd.GeoDataFrame | None = None,
                zoom: float = 5.5) -> None:
    """A permanent "> 80 %" label inside each claimed unit (``↩`` when carried forward;
    a stale claim's report in brackets, its age in the tooltip), placed clear of the
    city markers and of each other (:func:`label_points`)."""
    shown: list[tuple[str, str, BaseGeometry]] = []
    for r, geom in zip(rows, geoms, strict=True):
        text = short_label(r)
        if not text or geom is None or geom.is_empty:
            continue
        css = "fa-claim-label"
        if r["status"] == "carried_forward":
            text += " ↩"
        elif r["status"] == "stale":
            text += f" ({r.get('report_id')})"
            css += " fa-claim-stale"
        shown.append((text, css, geom))
    sizes = [label_size(text) for text, _css, _g in shown]
    where = label_points([g for *_rest, g in shown], sizes, cities, zoom=zoom)
    for (text, css, _g), (w, h), (lon, lat) in zip(shown, sizes, where, strict=True):
        folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(
                html=f'<div class="{css}">{escape_text(text)}</div>',
                icon_size=(w, h),
                icon_anchor=(w // 2, h // 2),
                class_name="fa-claim-label-wrap",
            ),
            interactive=False,
        ).add_to(group)


def legend_html(report_id: str, *, schematic: bool = True,
                measured_from: str | None = None, mapped: tuple[str, ...] = (),
                stale: bool = False) -> Element:
    """A legend explaining fills, dashed outlines and labels (escaped), bottom left
    (:func:`layers.map.legend_box`: folded to its title on a small map, a click unfolds
    it). ``schematic``: the held ground drawn is schematic (else
    measured from a loaded layer, named by ``measured_from`` when given); ``mapped``: the
    sides of the mapped layer drawn (``russia``, ``ukraine``, ``contested``), each given
    its swatch; ``stale``: some claim drawn is stale (its swatch is explained)."""
    from layers.control import mapped_legend_lines
    swatches = "".join(
        f'<span style="display:inline-block;width:16px;height:10px;background:{c}"></span>'
        for c in _REDS
    )
    body = (
        f"{swatches} 0 → 100 % held by Russia<br>"
        "solid outline: stated in this report; dashed + ↩: carried forward<br>"
        + (f'<span style="display:inline-block;width:16px;height:10px;background:#9e9e9e44;'
           f'border:1px dotted #6b6b6b"></span> stale: a claim over {STALE_AFTER_DAYS} days '
           "old, not in force (its label names its report; the tooltip, its age)<br>"
           if stale else "")
        + "labels give the claim as worded (&gt; 80 % = 'more than 80 %')<br>"
        + mapped_legend_lines(mapped)
        + ("<i>schematic zones are illustrations, not mapped front lines</i>" if schematic
           else "<i>held ground measured from "
           + (escape_text(measured_from) if measured_from else "the loaded control layer")
           + "</i>"))
    return Element(
        legend_box(f"<b>Claimed control, as of {escape_text(report_id)}</b>", body)
        + "<style>.fa-claim-label-wrap{background:none;border:none;overflow:visible}"
        ".fa-claim-label{display:flex;flex-direction:column;align-items:center;"
        "justify-content:center;height:100%;overflow:visible;white-space:nowrap;"
        f"font:bold {LABEL_PX}px/1.25 sans-serif;color:#3b0f00;"
        "text-shadow:0 0 3px #fff,0 0 3px #fff}"
        ".fa-claim-stale{color:#555;font-weight:normal;font-style:italic}</style>"
    )


def add_legend(m: folium.Map, report_id: str, *, schematic: bool = True,
               measured_from: str | None = None, mapped: tuple[str, ...] = (),
               stale: bool = False) -> folium.Map:
    """Add :func:`legend_html` for ``report_id`` to map ``m``; returns ``m``."""
    root = m.get_root()
    assert isinstance(root, Figure)
    root.html.add_child(legend_html(report_id, schematic=schematic,
                                    measured_from=measured_from, mapped=mapped, stale=stale))
    return m
