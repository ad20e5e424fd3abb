"""Proposal-zone layers: withdrawal, ceded parts, demilitarized band, line of contact, facilities.

One folium layer per kind of zone (so the layer control toggles each), styled by
kind. Tooltips give the zone's label, area (km²) or length (km), the share of each
unit it touches, the largest cities inside with their population, the people in
cities (city districts not counted twice), the claims it comes from, and a
"schematic" mark when it was derived from schematic control zones.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.display import DISPLAY_SIMPLIFY_DEG, round_coordinates
from layers.html import escape_text

__all__ = ["ZONE_STYLES", "KIND_TITLES", "zone_tooltip", "zone_layers"]

#: Leaflet path style per zone kind.
ZONE_STYLES: dict[str, dict[str, Any]] = {
    "withdrawal": {"fillColor": "#6a3d9a", "color": "#3f007d", "fillOpacity": 0.45, "weight": 2},
    # magenta: no claimed share is drawn in that hue (claims run white-orange-brown), so a
    # unit to be ceded never reads as a unit with a small claimed share
    "cede": {"fillColor": "#c51b7d", "color": "#8e0152", "fillOpacity": 0.3, "weight": 2.5,
             "dashArray": "10 4"},
    "other_side_withdrawal": {
        "fillColor": "#33a02c",
        "color": "#006d2c",
        "fillOpacity": 0.45,
        "weight": 2,
    },
    "recognition": {
        "fillColor": "#969696",
        "color": "#252525",
        "fillOpacity": 0.25,
        "weight": 2,
        "dashArray": "8 4",
    },
    "cross_border": {"fillColor": "#1f78b4", "color": "#08306b", "fillOpacity": 0.5, "weight": 2},
    "dmz_russian_side": {
        "fillColor": "#fdbf6f",
        "color": "#b15928",
        "fillOpacity": 0.5,
        "weight": 1,
    },
    "dmz_ukrainian_side": {
        "fillColor": "#ffff99",
        "color": "#b15928",
        "fillOpacity": 0.5,
        "weight": 1,
    },
    "line_of_contact": {"color": "#111111", "weight": 3.5, "opacity": 0.9},
    "deterrence_line": {"color": "#1f78b4", "weight": 3, "dashArray": "10 6", "opacity": 0.9},
}

#: Layer-control titles per zone kind.
KIND_TITLES: dict[str, str] = {
    "withdrawal": "Withdrawal zone",
    "cede": "Parts to be ceded",
    "other_side_withdrawal": "Offered withdrawal",
    "recognition": "Recognition demand",
    "cross_border": "Held across the border",
    "dmz_russian_side": "Demilitarized band, Russian-held half",
    "dmz_ukrainian_side": "Demilitarized band, Ukrainian-held half",
    "line_of_contact": "Line of contact",
    "deterrence_line": "Further line (deterrence force)",
    "facility": "Facilities",
}


def zone_tooltip(row: pd.Series | dict[str, Any], *, max_cities: int = 8) -> str:
    """Escaped HTML describing one zone row of :func:`geo.zones.implied_zones`."""
    kind = str(row.get("kind"))
    parts = [f"<b>{escape_text(row.get('label'))}</b>"]
    if row.get("schematic"):
        parts.append("<i>schematic: derived from schematic control zones, not a mapped front</i>")
    area = float(row.get("area_km2") or 0)
    length = float(row.get("length_km") or 0)
    if area > 0:
        parts.append(f"{area:,.0f} km²")
    elif length > 0:
        parts.append(f"{length:,.0f} km long")
    shares = row.get("unit_shares") or {}
    if shares:
        parts.append(
            "share of units: "
            + ", ".join(f"{escape_text(c)} {float(v):.1f} %" for c, v in shares.items())
        )
    cities = [c for c in (row.get("cities") or []) if not c.get("is_section")]
    if cities:
        top = ", ".join(
            f"{escape_text(c['name'])} ({int(c['population']):,})" for c in cities[:max_cities]
        )
        more = f" and {len(cities) - max_cities} more" if len(cities) > max_cities else ""
        parts.append(f"cities: {top}{more}")
        parts.append(f"people in these cities: {int(row.get('people_in_cities') or 0):,}")
    elif area > 0:
        parts.append("no city of 15,000+ inside")
    params = row.get("params") or {}
    if kind == "facility" and params:
        parts.append(
            f"held by {escape_text(params.get('held_by'))}; condition: "
            f"{escape_text(params.get('condition') or 'not stated')}"
        )
    claims = row.get("claim_ids") or "none (drawn for reference)"
    parts.append(f"report {escape_text(row.get('report_id'))}, claims {escape_text(claims)}")
    return "<br>".join(parts)


def zone_layers(
    zones: gpd.GeoDataFrame, *, simplify_deg: float = DISPLAY_SIMPLIFY_DEG
) -> list[folium.FeatureGroup]:
    """One folium FeatureGroup per kind of zone, named with its report id.

    Parameters
    ----------
    zones : GeoDataFrame
        From :func:`geo.zones.implied_zones`.
    simplify_deg : float, keyword-only
        Display-only simplification in degrees.
    """
    report = zones.attrs.get("report_id", "")
    groups: list[folium.FeatureGroup] = []
    for kind, frame in zones.groupby("kind", sort=False):
        kind = str(kind)
        title = KIND_TITLES.get(kind, kind.replace("_", " "))
        schematic = " (schematic)" if bool(frame["schematic"].any()) else ""
        group = folium.FeatureGroup(name=escape_text(f"{title}{schematic} — {report}"), show=True)
        for _, row in frame.iterrows():
            tip = zone_tooltip(row)
            geom = row.geometry
            if geom is None or geom.is_empty:
                continue
            if kind == "facility":
                folium.CircleMarker(
                    [geom.y, geom.x],
                    radius=8,
                    color="#b10026",
                    weight=2,
                    fill=True,
                    fill_color="#fed976",
                    fill_opacity=0.95,
                    tooltip=folium.Tooltip(tip, sticky=True),
                ).add_to(group)
                folium.Marker(
                    [geom.y, geom.x],
                    icon=folium.DivIcon(
                        html='<div style="font:bold 12px sans-serif;color:#b10026;'
                        'text-shadow:0 0 3px #fff">☢</div>',
                        icon_size=(14, 14),
                        icon_anchor=(6, 8),
                        class_name="fa-nolabel",
                    ),
                    interactive=False,
                ).add_to(group)
                continue
            shown = shapely.simplify(geom, simplify_deg) if simplify_deg > 0 else geom
            shown = round_coordinates(np.asarray([shown], dtype=object))[0]
            style = dict(ZONE_STYLES.get(kind, {"color": "#444444", "weight": 2}))
            gj = gpd.GeoDataFrame({"tip": [tip]}, geometry=[shown], crs=zones.crs
                                  ).to_json(drop_id=True)
            folium.GeoJson(
                gj,
                style_function=lambda _f, s=style: s,
                highlight_function=lambda _f: {"weight": 4},
                tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
            ).add_to(group)
        groups.append(group)
    return groups
