"""Claimed-control choropleth: each unit filled by the share a report claims, with its interval.

Fill colour follows the central value of the claimed interval (percent of the unit
held by its occupier: reds for Russian-held shares of Ukrainian units, blues for
Ukrainian-held shares of Russian units). Claims carried forward from an earlier report
are drawn with a dashed outline and a paler fill. Each claimed unit carries a
permanent label with the claim as worded ("more than 80 %", "about 70 %", "all",
"part"), so an interval is never shown as a bare number. Tooltips give the unit, the
paraphrased claim, the interval, km² and the source (outlet, date, report, claim).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, Figure

from geo.labels import (
    age_text,
    km2_range_text,
    measured_text,
    short_label,
    status_label,
    verdict_label,
)
from geo.snapshot import STALE_AFTER_DAYS
from layers.display import display_geometry
from layers.html import escape_text
from layers.map import CLAIMS_PANE

__all__ = [
    "claims_layer",
    "claim_colour",
    "short_label",
    "claim_tooltip",
    "legend_html",
    "add_legend",
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
        _add_labels(group, rows, gdf.geometry)
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


def _add_labels(group: folium.FeatureGroup, rows: list[dict[str, Any]],
                geoms: gpd.GeoSeries) -> None:
    """A permanent "> 80 %" label inside each claimed unit (``↩`` when carried forward)."""
    for r, geom in zip(rows, geoms, strict=True):
        text = short_label(r)
        if not text or geom is None:
            continue
        pt = geom.representative_point()
        suffix = " ↩" if r["status"] == "carried_forward" else ""
        css = "fa-claim-label"
        if r["status"] == "stale":
            age = r.get("age_days")
            suffix = (f" · {r.get('report_id')}, {age_text(float(age))} old"
                      if age is not None and age == age else f" · {r.get('source_date')}")
            css += " fa-claim-stale"
        folium.Marker(
            [pt.y, pt.x],
            icon=folium.DivIcon(
                html=(f'<div class="{css}">{escape_text(text + suffix)}</div>'),
                icon_size=(110, 18),
                icon_anchor=(55, 9),
                class_name="fa-claim-label-wrap",
            ),
            interactive=False,
        ).add_to(group)


def legend_html(report_id: str, *, schematic: bool = True,
                measured_from: str | None = None, mapped: tuple[str, ...] = (),
                stale: bool = False) -> Element:
    """A fixed legend explaining fills, dashed outlines and labels (escaped); a click on
    its title folds it away. ``schematic``: the held ground drawn is schematic (else
    measured from a loaded layer, named by ``measured_from`` when given); ``mapped``: the
    sides of the mapped layer drawn (``russia``, ``ukraine``, ``contested``), each given
    its swatch; ``stale``: some claim drawn is stale (its swatch is explained)."""
    from layers.control import mapped_legend_lines
    swatches = "".join(
        f'<span style="display:inline-block;width:16px;height:10px;background:{c}"></span>'
        for c in _REDS
    )
    return Element(
        '<details open style="position:absolute;bottom:52px;left:10px;z-index:999;'
        'background:#fff;padding:6px 8px;font:11px sans-serif;border:1px solid #999;'
        'border-radius:4px;max-width:calc(100% - 40px)">'
        f"<summary style=\"cursor:pointer\"><b>Claimed control, as of "
        f"{escape_text(report_id)}</b></summary>"
        f"{swatches} 0 → 100 % held by Russia<br>"
        "solid outline: stated in this report; dashed + ↩: carried forward<br>"
        + (f'<span style="display:inline-block;width:16px;height:10px;background:#9e9e9e44;'
           f'border:1px dotted #6b6b6b"></span> stale: a claim over {STALE_AFTER_DAYS} days '
           "old, not in force<br>" if stale else "")
        +
        "labels give the claim as worded (&gt; 80 % = 'more than 80 %')<br>"
        + mapped_legend_lines(mapped)
        + ("<i>schematic zones are illustrations, not mapped front lines</i>" if schematic
           else "<i>held ground measured from "
           + (escape_text(measured_from) if measured_from else "the loaded control layer")
           + "</i>")
        + "</details>"
        "<style>.fa-claim-label{font:bold 11px sans-serif;color:#3b0f00;text-align:center;"
        "text-shadow:0 0 3px #fff,0 0 3px #fff;white-space:nowrap}"
        ".fa-claim-label-wrap{background:none;border:none}"
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
