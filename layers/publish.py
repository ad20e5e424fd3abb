"""Maps to publish: a static PNG/SVG for an article, and a standalone HTML map.

:func:`static_map` draws a report's layer set with matplotlib (through geopandas) in
an equal-area projection (Lambert azimuthal, centred on Ukraine, metres: the
scale bar is true): the offline
basemap, the claimed-control choropleth, the held ground (measured or schematic, said in
the subtitle and the legend), the proposal zones, the largest cities; with a title,
the source, a legend, a scale bar and the credits. :func:`standalone_html` is the app's
report map with Leaflet written into the page (script, style sheet and its images as
data URIs): it opens from disk with no server and no internet.
"""

from __future__ import annotations

import base64
import re
import textwrap
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import box

from geo.labels import short_label
from geo.layerset import LayerSet
from geo.snapshot import STALE_AFTER_DAYS
from layers.assets import LEAFLET_FILES, _leaflet_dir
from layers.basemap import LAND_COLOUR, SEA_COLOUR
from layers.claims import claim_colour
from layers.control import CONTESTED_STYLE, CONTROL_STYLE, MISMATCH_STYLE, SCHEMATIC_STYLE
from layers.html import escape_text
from layers.map import DATA_ATTRIBUTION, page_html
from layers.report_map import focus_bounds, report_map
from layers.zones import KIND_TITLES, ZONE_STYLES

__all__ = ["static_map", "standalone_html", "render", "FORMATS"]

#: A labelled city closer than this (m) to a larger labelled one is taken as its district.
_DISTRICT_M = 15_000.0
#: Area zones drawn hatched, so that one lying over another still shows.
_HATCH = {"recognition": "//", "withdrawal": "\\\\", "cede": "xx"}

#: Output formats by file suffix.
FORMATS = {".png": "png", ".svg": "svg", ".html": "html"}
#: Lambert azimuthal equal-area centred on Ukraine: north is up across the map, and
#: metres are true, so the scale bar holds.
_CRS = "+proj=laea +lat_0=48.5 +lon_0=32 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"


def render(ls: LayerSet, units: gpd.GeoDataFrame, cities: gpd.GeoDataFrame, fmt: str) -> bytes:
    """The report's map to publish as bytes: ``png`` or ``svg`` (:func:`static_map`, 150
    dpi) or ``html`` (:func:`standalone_html`)."""
    import io

    if fmt == "html":
        return standalone_html(ls, units, cities).encode("utf-8")
    if fmt not in ("png", "svg"):
        raise ValueError(f"fmt: expected png, svg or html; got {fmt!r}")
    fig = static_map(ls, units, cities)
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=150)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buf.getvalue()


def standalone_html(ls: LayerSet, units: gpd.GeoDataFrame, cities: gpd.GeoDataFrame) -> str:
    """The report map as one self-contained HTML file (no server, no internet), under a
    heading: the report's title, outlet, date and what the held ground is."""
    html = page_html(report_map(ls, units, cities))
    rep = ls.report
    basis = ("held ground measured from " + ls.control_name) if not ls.schematic else (
        "held ground schematic: grown to the claimed shares, not mapped front lines")
    head = (f"<title>{escape_text(rep.title)} — Frontline Atlas</title>"
            "<style>html,body{height:100%;margin:0}.fa-heading{height:58px;box-sizing:"
            "border-box;padding:6px 12px;font:13px sans-serif;border-bottom:1px solid #999;"
            "background:#fff}.fa-heading h1{font-size:17px;margin:0 0 2px}"
            ".folium-map{height:calc(100% - 58px)!important}</style>")
    heading = (f'<header class="fa-heading"><h1>{escape_text(rep.title)}</h1>'
               f"{escape_text(rep.outlet)}, {escape_text(rep.date_text)} (report "
               f"{escape_text(rep.id)}) — {escape_text(basis)}</header>")
    html, n_head = re.subn(r"<head>", lambda _m: "<head>" + head, html, count=1)
    html, n_body = re.subn(r"<body>", lambda _m: "<body>" + heading, html, count=1)
    if n_head != 1 or n_body != 1:
        raise RuntimeError("the map page has no <head> or <body> to put its heading in")
    src = _leaflet_dir()
    script = (src / LEAFLET_FILES[0]).read_text(encoding="utf-8")
    css = _inline_images((src / LEAFLET_FILES[1]).read_text(encoding="utf-8"), src)
    html, n_js = re.subn(r'<script src="/app/static/leaflet\.js"></script>',
                         lambda _m: f"<script>{script}</script>", html)
    html, n_css = re.subn(r'<link rel="stylesheet" href="/app/static/leaflet\.css"\s*/?>',
                          lambda _m: f"<style>{css}</style>", html)
    if n_js != 1 or n_css != 1 or "/app/static/" in html:
        raise RuntimeError("the map page links assets it cannot carry inline")
    return html


def _inline_images(css: str, folder: Path) -> str:
    def data_uri(m: re.Match[str]) -> str:
        path = folder / m.group(1)
        if not path.is_file():
            return m.group(0)
        raw = base64.b64encode(path.read_bytes()).decode()
        return f"url(data:image/png;base64,{raw})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def static_map(ls: LayerSet, units: gpd.GeoDataFrame, cities: gpd.GeoDataFrame,
               *, width_in: float = 10.0) -> Any:
    """A matplotlib Figure of the report's layer set, ready for ``savefig``.

    Parameters
    ----------
    ls : LayerSet
        From :meth:`geo.layerset.Atlas.layerset`.
    units, cities : GeoDataFrame
        The unit and city layers.
    width_in : float, keyword-only
        Width of the figure in inches (height follows the map).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from geo.boundaries import load_countries

    focus = focus_bounds(ls) or [[44.3, 22.1], [52.4, 40.3]]
    (s, w), (n, e) = focus
    frame = gpd.GeoSeries([box(w, s, e, n).segmentize(0.1)], crs=4326).to_crs(_CRS)
    x0, y0, x1, y1 = (float(v) for v in frame.total_bounds)
    pad = 0.06 * max(x1 - x0, y1 - y0)
    aspect = (y1 - y0 + 2 * pad) / (x1 - x0 + 2 * pad)
    fig, ax = plt.subplots(figsize=(width_in, min(max(width_in * aspect, 5.0), 14.0) + 1.0),
                           dpi=150)
    ax.set_facecolor(SEA_COLOUR)
    load_countries().to_crs(_CRS).plot(ax=ax, color=LAND_COLOUR, edgecolor="#9a9a9a",
                                       linewidth=0.5)
    snap = ls.snapshot.to_crs(_CRS)
    # a unit's fill is Russia's claimed share of it; a claim about a Russian oblast
    # ("Ukraine holds about 650 km² of Kursk") is an outline and a label, not a fill of
    # the whole oblast; a stale claim (over half a year old) is no fill at all
    filled = snap[(snap["status"].isin(["stated", "carried_forward"]))
                  & (snap["held_by"] == "russia")]
    fills = [claim_colour(float(v) if v == v and v is not None else None)
             for v in filled["share_central"]]
    if len(filled):
        filled.plot(ax=ax, color=fills, edgecolor="#7f2704", linewidth=0.6, alpha=0.55)
    units.to_crs(_CRS).boundary.plot(ax=ax, color="#666666", linewidth=0.4)
    handles = [Patch(facecolor=claim_colour(85.0), edgecolor="#7f2704", alpha=0.55,
                     label="claimed share held by Russia (darker: more)")]
    ua_claims = snap[(snap["held_by"] == "ukraine") & (snap["status"].isin(
        ["stated", "carried_forward"]))]
    if len(ua_claims):  # R1's "Ukraine holds about 650 km² of Kursk"
        ua_claims.boundary.plot(ax=ax, color=claim_colour(90.0, held_by="ukraine"),
                                linewidth=1.6, linestyle="--", zorder=4)
        for _, r in ua_claims.iterrows():
            pt = r.geometry.representative_point()
            ax.annotate(f"Ukraine: {short_label(r.to_dict())}", (pt.x, pt.y), ha="center",
                        xytext=(0, -14), textcoords="offset points",
                        fontsize=7, color=claim_colour(90.0, held_by="ukraine"), zorder=6)
        handles.append(Patch(facecolor="none", edgecolor=claim_colour(90.0, held_by="ukraine"),
                             linestyle="--", label="claim of ground held by Ukraine in a "
                             "Russian oblast (figure in the label)"))
    stale = snap[snap["status"] == "stale"]
    if len(stale):
        stale.plot(ax=ax, facecolor="none", edgecolor="#6b6b6b", linewidth=0.8,
                   linestyle=":", hatch="..", alpha=0.7)
        ages = sorted({str(r) for r in stale["report_id"]})
        handles.append(Patch(facecolor="none", edgecolor="#6b6b6b", hatch="..",
                             label=f"stale claim, over {STALE_AFTER_DAYS} days old "
                             f"({', '.join(ages)}): not drawn as in force"))
    held = ls.held_zones[~ls.held_zones.geometry.is_empty]
    if len(held):
        style = CONTROL_STYLE if not ls.schematic else SCHEMATIC_STYLE
        held.to_crs(_CRS).plot(ax=ax, color=style["fillColor"], alpha=0.6, linewidth=0)
        handles.append(Patch(facecolor=style["fillColor"], alpha=0.6, label=(
            f"held by Russia, measured ({ls.control_name})" if not ls.schematic
            else "held by Russia, schematic (grown to the claimed share)")))
    mism = ls.held.frame[ls.held.frame["side"] == "mismatch"]
    if len(mism):
        gpd.GeoDataFrame(mism, geometry="geometry", crs=4326).to_crs(_CRS).plot(
            ax=ax, color=MISMATCH_STYLE["fillColor"], alpha=0.6, linewidth=0)
        handles.append(Patch(facecolor=MISMATCH_STYLE["fillColor"], alpha=0.6,
                             label="boundary mismatch (coast drawn differently)"))
    grey = ls.control.contested if ls.control is not None else None
    if grey is not None and not grey.is_empty:  # hatched: it lies beside held ground
        gpd.GeoSeries([grey], crs=4326).to_crs(_CRS).plot(
            ax=ax, facecolor=CONTESTED_STYLE["fillColor"], alpha=0.45,
            edgecolor=CONTESTED_STYLE["color"], hatch="////", linewidth=0.3)
        handles.append(Patch(facecolor=CONTESTED_STYLE["fillColor"], alpha=0.45,
                             edgecolor=CONTESTED_STYLE["color"], hatch="////",
                             label=f"contested: grey zone, measured ({ls.control_name})"))
    # the withdrawal zone is drawn over the ceded parts it lies in (R5: Donetsk's rest is
    # both), hatched, so it stays visible; lines and points on top of every area
    order = {"withdrawal": 1, "line_of_contact": 2, "deterrence_line": 2, "facility": 3}
    groups = sorted(ls.zones.groupby("kind", sort=False), key=lambda kg: order.get(str(kg[0]), 0))
    for kind, group in groups:
        group = group[~group.geometry.is_empty]
        if not len(group):  # e.g. a band along a line of contact the report never draws
            continue
        style = ZONE_STYLES.get(str(kind), {"color": "#444444"})
        g = group.to_crs(_CRS)
        title = KIND_TITLES.get(str(kind), str(kind).replace("_", " "))
        tag = " (schematic)" if bool(group["schematic"].any()) else ""
        if str(kind) in ("line_of_contact", "deterrence_line"):
            g.plot(ax=ax, color=style["color"], linewidth=1.6,
                   linestyle="--" if "dashArray" in style else "-")
            handles.append(Patch(facecolor="none", edgecolor=style["color"], label=title + tag))
        elif str(kind) == "facility":
            g.plot(ax=ax, color="#fed976", edgecolor="#b10026", markersize=30)
            handles.append(Patch(facecolor="#fed976", edgecolor="#b10026", label=title))
        else:
            g.plot(ax=ax, color=style.get("fillColor", "#999999"),
                   alpha=float(style.get("fillOpacity", 0.4)), edgecolor=style.get("color"),
                   linewidth=0.8, hatch=_HATCH.get(str(kind)))
            handles.append(Patch(facecolor=style.get("fillColor", "#999999"),
                                 alpha=float(style.get("fillOpacity", 0.4)),
                                 edgecolor=style.get("color"), hatch=_HATCH.get(str(kind)),
                                 label=title + tag))
    big = cities[cities["population"] >= 400_000].to_crs(_CRS)
    big = big.sort_values("population", ascending=False)
    big.plot(ax=ax, color="#222222", markersize=8, zorder=5)
    labelled: list[Any] = []
    for (_, c), pt in zip(big.iterrows(), big.geometry, strict=True):
        # a place within 15 km of a larger labelled one is a district of it (GeoNames
        # lists Saltivka, 409,300, beside Kharkiv): its label would print over the city's
        if not (x0 - pad < pt.x < x1 + pad and y0 - pad < pt.y < y1 + pad) or any(
                pt.distance(q) < _DISTRICT_M for q in labelled):
            continue
        labelled.append(pt)
        ax.annotate(str(c["name"]), (pt.x, pt.y), xytext=(3, 3), textcoords="offset points",
                    fontsize=7, color="#222222", zorder=6)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    _scale_bar(ax, x0 - pad, y0 - pad, x1 - x0 + 2 * pad)
    rep = ls.report
    basis = ("held ground MEASURED from " + ls.control_name) if not ls.schematic else (
        "held ground SCHEMATIC: grown to the claimed shares, not mapped front lines")
    fig.suptitle(rep.title, fontsize=12, fontweight="bold", x=0.02, ha="left")
    ax.set_title(textwrap.fill(f"{rep.outlet}, {rep.date_text} (report {rep.id}) — {basis}",
                               120), fontsize=8, loc="left")
    ax.legend(handles=handles, loc="upper left", fontsize=7, framealpha=0.92)
    # wrapped to the figure's width: the boundaries' licence asks for the whole credit
    fig.text(0.02, 0.005, textwrap.fill(
        f"Frontline Atlas. {DATA_ATTRIBUTION}. Claims as reported; shapes are unit "
        "boundaries. Lambert azimuthal equal-area projection.", 150), fontsize=6,
        color="#444444", va="bottom")
    fig.tight_layout(rect=(0, 0.035, 1, 0.97))
    return fig


def _scale_bar(ax: Any, x: float, y: float, span: float) -> None:
    """A true scale bar (the axes are in metres of an equal-area projection)."""
    km = next(k for k in (500, 200, 100, 50, 20, 10) if k * 1000 <= span / 4)
    x0, y0 = x + span - km * 1000 - 0.04 * span, y + 0.04 * span
    ax.plot([x0, x0 + km * 1000], [y0, y0], color="#222222", linewidth=3, zorder=7)
    ax.text(x0, y0 + 0.012 * span, f"{km} km", fontsize=7, zorder=7)
