"""History layers: a unit's measured share over time with every report's claim laid over it,
and the map of one day's mapped control beside the report in force then.

The chart (Altair) draws the share measured on each day of a history as a line, and each
report's claim about the unit at the report's date as a vertical bar from the claim's
low to its high bound -- green where the maps agree, red (overstated) or orange
(understated) with a ✕ where they contradict it, grey where it could not be checked.
The day map is a folium map of the day's layer over the unit boundaries and the claims
of the report in force that day. The pace chart (:func:`pace_chart`) draws a unit's net
km² per calendar week or month (:func:`geo.pace.period_flows`) as bars with the rolling
rate over a window as a line; :func:`with_projection` extends the share line, dashed, to
the date the window's pace leads to (:func:`geo.pace.project`).
Every displayed string is escaped (:func:`layers.html.escape_text`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import altair as alt
import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, Figure
from jinja2.utils import htmlsafe_json_dumps

from geo.cities import load_cities
from geo.labels import verdict_label
from layers.boundaries import boundary_layer
from layers.cities import city_layer
from layers.claims import add_legend, claims_layer
from layers.control import control_layer, control_legend_html
from layers.html import escape_text
from layers.map import fit_clear, new_map

__all__ = ["VERDICT_COLOURS", "claim_marks", "history_chart", "with_day", "day_map",
           "DayMapTemplate", "day_map_template", "day_layer_data", "PACE_COLUMNS",
           "pace_rows", "pace_chart", "with_projection", "projection_points"]

#: Colour of a claim's bar by verdict.
VERDICT_COLOURS: dict[str, str] = {
    "consistent": "#1a7f37",
    "overstated": "#b42318",
    "understated": "#d9730d",
    "not checkable": "#8c8c8c",
}


#: The chart legend's words for :data:`VERDICT_COLOURS` (a Vega expression).
_LEGEND_LABELS = ("datum.label == 'overstated' ? 'too high (above the maps)' : "
                  "datum.label == 'understated' ? 'too low (below the maps)' : "
                  "datum.label == 'consistent' ? 'agrees with the maps' : datum.label")
#: The verdict of a claim about Ukraine's share, read as Russia's (its complement).
_AS_RUSSIA = {"overstated": "understated", "understated": "overstated"}


def claim_marks(verdicts: pd.DataFrame, code: str) -> pd.DataFrame:
    """The claims about unit ``code`` checked against a map, as rows for the chart: date,
    low, high, central (percent of the unit, as Russia's share), verdict. A km² claim is
    drawn as the share of the unit it is, over the same area the verdict divided by; the
    claims with no map near their date are left off the chart (their row says so)."""
    v = verdicts[(verdicts["code"] == code) & verdicts["snapshot_date"].notna()]
    v = v[(v["unit"] == "percent") | ((v["unit"] == "km2") & (v["area_km2"] > 0))]
    if not len(v):
        return pd.DataFrame(columns=["date", "low", "high", "central", "claim", "verdict",
                                     "label", "contradicted", "snapshot"])
    dates = pd.to_datetime(v["snapshot_date"])
    # km² claims as the share of the unit they are (the verdict's own denominator)
    scale = np.where(v["unit"] == "km2", 100.0 / v["area_km2"].to_numpy(dtype=float), 1.0)
    low = v["claim_low"].to_numpy(dtype=float) * scale
    high = v["claim_high"].to_numpy(dtype=float) * scale
    mid = v["claim_central"].to_numpy(dtype=float) * scale
    # The chart shows Russia's share: a claim about Ukraine's ground ("Ukraine still holds
    # 20 %", "Ukraine holds 650 km² of Kursk") is drawn as its complement.
    flip = (v["side"] == "ukraine").to_numpy()
    as_pct = [f" = {lo:.2f}–{hi:.2f} % of the unit" if u == "km2" else ""
              for lo, hi, u in zip(low, high, v["unit"], strict=True)]
    text = [f"{r} {c} ({d}): {side.title()} holds {t}{p}"
            + (" (drawn as Russia's share)" if f else "")
            for r, c, d, side, t, p, f in zip(v["report_id"], v["claim_id"], v["report_date"]
                                              if "report_date" in v else v["report_id"],
                                              v["side"], v["claim_text"], as_pct, flip,
                                              strict=True)]
    return pd.DataFrame({
        "date": dates.to_numpy(),
        "low": np.where(flip, 100 - high, low).round(3),
        "high": np.where(flip, 100 - low, high).round(3),
        "central": np.where(flip, 100 - mid, mid).round(3),
        "claim": text,
        # drawn as Russia's share, the claim's error runs the other way: Ukraine's 20 %
        # "understated" (it holds more) is Russia's 80 % drawn above the line
        "verdict": [_AS_RUSSIA.get(x, x) if f else x
                    for x, f in zip(v["verdict"], flip, strict=True)],
        "label": [(f"{side.title()}'s {t}: " if f else "") + verdict_label(r)
                  for r, side, t, f in zip(v.to_dict("records"), v["side"], v["claim_text"],
                                           flip, strict=True)],
        "contradicted": v["verdict"].isin(["overstated", "understated"]).to_numpy(),
        "snapshot": v["snapshot_date"].astype(str).to_numpy(),
    })


def _axis(dates: pd.Series) -> alt.Axis:
    """A time axis whose ticks fall on whole days (a history of a few months or less) or
    whole months, so no label repeats however wide the chart is drawn; labels that
    would overlap are dropped."""
    span = (dates.max() - dates.min()).days if len(dates) else 0
    if span <= 120:
        return alt.Axis(format="%d %b %Y", labelAngle=0, labelOverlap=True,
                        tickCount={"interval": "day", "step": max(1, span // 8 or 1)})
    return alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True,
                    tickCount={"interval": "month", "step": max(1, span // 240 or 1)})


def _runs(dates: pd.Series) -> np.ndarray:
    """A run number per day: a new run starts after each missing day, so the line breaks
    at a gap instead of drawing straight across it."""
    d = pd.to_datetime(dates).to_numpy(dtype="datetime64[D]")
    if not len(d):
        return np.zeros(0, dtype=int)
    step = np.diff(d).astype(int)
    return np.r_[0, np.cumsum(step > 1)]


def history_chart(series: pd.DataFrame, marks: pd.DataFrame, *, name: str,
                  day: dt.date | None = None, height: int = 320) -> alt.LayerChart | alt.FacetChart:
    """Measured share of one unit over time, claims as interval bars, the chosen day.

    The line breaks where days are missing and marks each mapped day; each claim is a
    bar from its low to its high bound with a dot at its central value (an exact figure
    is the dot alone). Text goes to Vega as plain text (its tooltips escape it).

    Parameters
    ----------
    series : pandas.DataFrame
        Rows of :attr:`geo.series.ControlSeries.table` for one unit (``date``,
        ``share_pct``, ``controlled_km2``; with ``contested_pct`` the grey zone is drawn
        as a band from held to held-or-contested).
    marks : pandas.DataFrame
        From :func:`claim_marks`.
    name : str
        The unit's name, for the title.
    day : datetime.date, optional, keyword-only
        Marks the day shown on the map.
    """
    grey = (series["contested_pct"] if "contested_pct" in series.columns
            else pd.Series(0.0, index=series.index))
    data = pd.DataFrame({"date": pd.to_datetime(series["date"]),
                         "share": series["share_pct"].round(3),
                         "km2": series["controlled_km2"].round(1),
                         "with_grey": (series["share_pct"] + grey).round(3),
                         "grey": grey.round(3),
                         "run": _runs(series["date"])})
    axis = _axis(pd.concat([data["date"], pd.to_datetime(marks["date"])]) if len(marks)
                 else data["date"])
    base = alt.Chart(data).encode(x=alt.X("date:T", title=None, axis=axis))
    day_tips = [alt.Tooltip("date:T", format="%Y-%m-%d"),
                alt.Tooltip("share:Q", title="measured %", format=".2f"),
                alt.Tooltip("km2:Q", title="km²", format=",.0f")]
    y = alt.Y("share:Q", title=f"{name}: share held by Russia (%)",
              scale=alt.Scale(zero=False, padding=14))
    line = base.mark_line(color="#7b241c", strokeWidth=2).encode(
        y=y, detail="run:N", tooltip=day_tips)
    dots = base.mark_point(color="#7b241c", filled=True, size=22).encode(
        y="share:Q", tooltip=day_tips)
    layers: list[Any] = [line, dots]
    if float(grey.max() if len(grey) else 0.0) > 0:  # the band: held or contested
        layers.insert(0, base.mark_area(color="#8c8c8c", opacity=0.35).encode(
            y="share:Q", y2="with_grey:Q", detail="run:N",
            tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"),
                     alt.Tooltip("share:Q", title="held %", format=".2f"),
                     alt.Tooltip("with_grey:Q", title="held or contested %", format=".2f"),
                     alt.Tooltip("grey:Q", title="contested (grey zone) %", format=".2f")]))
    if len(marks):
        m = alt.Chart(marks)
        # the legend says where a bar stands against the line, in the chart's terms: a
        # claim of Ukraine's 20 % "understated" (the table's word) is Russia's 80 % drawn
        # above the line, "Russia's share too high" (not "overstated", which the table
        # contradicted)
        colour = alt.Color("verdict:N", title="claim, as Russia's share",
                           scale=alt.Scale(domain=list(VERDICT_COLOURS),
                                           range=list(VERDICT_COLOURS.values())),
                           legend=alt.Legend(labelExpr=_LEGEND_LABELS))
        tips = [alt.Tooltip("claim:N"), alt.Tooltip("label:N", title="verdict"),
                alt.Tooltip("snapshot:N", title="map of")]
        layers.append(m.mark_rule(strokeWidth=7, opacity=0.7).encode(
            x="date:T", y="low:Q", y2="high:Q", color=colour, tooltip=tips))
        layers.append(m.mark_point(filled=True, size=90, opacity=0.95, stroke="#ffffff",
                                   strokeWidth=1).encode(
            x="date:T", y="central:Q", color=colour, tooltip=tips))
        layers.append(m.transform_filter(alt.datum.contradicted).mark_point(
            shape="cross", angle=45, size=140, filled=True, color="#3b0f00").encode(
            x="date:T", y=alt.Y("high:Q"), tooltip=tips))
    if day is not None:
        rule = alt.Chart(pd.DataFrame({"date": [pd.Timestamp(day)]})).mark_rule(
            color="#333333", strokeDash=[4, 3]).encode(x="date:T")
        layers.append(rule)
    return alt.layer(*layers).properties(height=height)


def with_day(spec: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """A Vega-Lite spec of :func:`history_chart` with a dashed rule at ``day`` added
    (cheap: the chart of a unit is built once, the day moves). The day is a named
    dataset, ``fa_day``, so the spec itself is the same for every day and the browser
    updates the chart's data instead of drawing it anew."""
    out = dict(spec)
    out["datasets"] = {**spec.get("datasets", {}), "fa_day": [{"date": day.isoformat()}]}
    out["layer"] = [*spec.get("layer", []), {
        "data": {"name": "fa_day"},
        "mark": {"type": "rule", "color": "#333333", "strokeDash": [4, 3]},
        "encoding": {"x": {"field": "date", "type": "temporal"}},
    }]
    return out


#: Columns of :func:`pace_rows`: the period's flows (:data:`geo.pace.PERIOD_COLUMNS`) and
#: the rolling rate at its end.
PACE_COLUMNS: tuple[str, ...] = (
    "code", "name", "period", "start", "end", "flow", "gained_km2", "lost_km2", "net_km2",
    "days", "complete", "spread_days", "window_days", "rate_end", "rate_days",
    "rolling_rate_km2_day", "rolling_km2_per_period",
)


def pace_rows(periods: pd.DataFrame, daily: pd.DataFrame, *, window: int) -> pd.DataFrame:
    """One unit's periods with the rolling rate over ``window`` days at each one's end.

    Parameters
    ----------
    periods : pandas.DataFrame
        :func:`geo.pace.period_flows` rows of one unit (weeks or months).
    daily : pandas.DataFrame
        :func:`geo.pace.daily_flows` rows of the same unit.
    window : int, keyword-only
        Days of the rolling window.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PACE_COLUMNS`. ``rate_end``: the period's last day the series
        covers; ``rolling_rate_km2_day``: net km² a day over the days of the window
        ending on it that the series covers (``rate_days``), as
        :func:`geo.pace.window_rates` works it out; ``rolling_km2_per_period``: that
        rate over the whole period's days (a full week or month at the rolling rate).
    """
    out = periods.reset_index(drop=True).copy()
    d = daily.sort_values("date", kind="stable")
    day = d["date"].to_numpy(dtype="datetime64[D]")
    net = np.r_[0.0, np.cumsum(d["net_km2"].to_numpy(dtype=float))]
    ends = np.asarray(pd.to_datetime(out["end"]).to_numpy(dtype="datetime64[D]"))
    if len(day):
        ends = np.minimum(ends, day[-1])
    hi = np.searchsorted(day, ends, side="right")
    lo = np.searchsorted(day, ends - np.timedelta64(window, "D"), side="right")
    n = hi - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(n > 0, (net[hi] - net[lo]) / np.maximum(n, 1), np.nan)
    length = (pd.to_datetime(out["end"]) - pd.to_datetime(out["start"])).dt.days + 1
    out["window_days"] = window
    out["rate_end"] = pd.to_datetime(ends).date if len(out) else []
    out["rate_days"] = n
    out["rolling_rate_km2_day"] = rate
    out["rolling_km2_per_period"] = rate * length.to_numpy(dtype=float)
    return out[list(PACE_COLUMNS)]


#: Bar colours of the pace chart: net gain by Russia, net loss.
PACE_COLOURS: dict[str, str] = {"Russia gained": "#d7301f", "Russia lost": "#2171b5"}


def pace_chart(rows: pd.DataFrame, *, name: str, period: str, window: int,
               height: int = 220) -> alt.LayerChart | alt.FacetChart:
    """Net km² per period as bars (red: Russia's net gain; blue: its net loss; pale: a
    period the series covers in part) and the rolling rate as a line (km² over a whole
    period at the rate of the ``window`` days to its end). ``rows``: :func:`pace_rows`."""
    start = pd.to_datetime(rows["start"])
    stop = pd.to_datetime(rows["end"]) + pd.Timedelta(days=1)
    data = pd.DataFrame({
        "start": start, "stop": stop, "mid": start + (stop - start) / 2,
        "net": rows["net_km2"].astype(float).round(2),
        "gained": rows["gained_km2"].astype(float).round(2),
        "lost": rows["lost_km2"].astype(float).round(2),
        "days": rows["days"].astype(int),
        "spread": rows["spread_days"].astype(int),
        "whole": np.where(rows["complete"].astype(bool), "whole", "in part"),
        "way": np.where(rows["net_km2"].astype(float) >= 0, "Russia gained", "Russia lost"),
        "rolling": rows["rolling_km2_per_period"].astype(float).round(2),
        "rate": rows["rolling_rate_km2_day"].astype(float).round(3),
        "period": [f"{a:%Y-%m-%d} to {b:%Y-%m-%d}" for a, b in
                   zip(pd.to_datetime(rows["start"]), pd.to_datetime(rows["end"]),
                       strict=True)],
    })
    axis = _axis(data["start"])
    tips = [alt.Tooltip("period:N", title=period), alt.Tooltip("net:Q", title="net km²",
                                                               format="+,.1f"),
            alt.Tooltip("gained:Q", title="gained km²", format=",.1f"),
            alt.Tooltip("lost:Q", title="lost km²", format=",.1f"),
            alt.Tooltip("days:Q", title="days covered"),
            alt.Tooltip("spread:Q", title="days spread from a gap"),
            alt.Tooltip("rate:Q", title=f"{window}-day rate, km² a day", format="+,.2f")]
    base = alt.Chart(data)
    bars = base.mark_bar(stroke="#ffffff", strokeWidth=1).encode(
        x=alt.X("start:T", title=None, axis=axis), x2="stop:T",
        # from zero: with x2 set, a bar is ranged along x and y needs its own two ends
        y=alt.Y("net:Q", title=f"{name}: net km² a {period}"), y2=alt.datum(0),
        color=alt.Color("way:N", title=None, scale=alt.Scale(
            domain=list(PACE_COLOURS), range=list(PACE_COLOURS.values())),
            legend=alt.Legend(orient="top", direction="horizontal")),
        opacity=alt.Opacity("whole:N", title=None, scale=alt.Scale(
            domain=["whole", "in part"], range=[0.9, 0.4]), legend=None),
        tooltip=tips)
    line = base.mark_line(color="#222222", strokeWidth=2, interpolate="monotone").encode(
        x="mid:T", y=alt.Y("rolling:Q"), tooltip=tips)
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#666666",
                                                          strokeWidth=0.8).encode(y="y:Q")
    return alt.layer(bars, zero, line).properties(height=height)


def projection_points(rate: Mapping[Any, Any], *, horizon: dt.date) -> list[dict[str, Any]]:
    """The dashed extension of the share line: from the window's end (its share) to the
    projected date and share (:func:`geo.pace.project` row ``rate``), cut at ``horizon``
    where the date lies beyond (the point there on the same straight line). None to draw
    (``[]``) where nothing is projected."""
    if rate.get("status") != "projected" or rate.get("date") is None:
        return []
    end = rate["end"]
    s0, s1 = float(rate["share_pct"]), float(rate["target_pct"])
    to = rate["date"]
    if to > horizon:
        frac = (horizon - end).days / max((to - end).days, 1)
        to, s1 = horizon, s0 + frac * (s1 - s0)
    return [{"date": end.isoformat(), "share": round(s0, 3)},
            {"date": to.isoformat(), "share": round(s1, 3)}]


def with_projection(spec: dict[str, Any], points: list[dict[str, Any]]) -> dict[str, Any]:
    """A spec of :func:`history_chart` with the share line extended, dashed, through
    ``points`` (:func:`projection_points`; none: nothing drawn). The points are a named
    dataset, ``fa_projection``, so the spec is the same whatever the pace."""
    out = dict(spec)
    out["datasets"] = {**spec.get("datasets", {}), "fa_projection": list(points)}
    out["layer"] = [*spec.get("layer", []), {
        "data": {"name": "fa_projection"},
        "mark": {"type": "line", "color": "#7b241c", "strokeDash": [6, 4], "strokeWidth": 2,
                 "opacity": 0.8},
        "encoding": {"x": {"field": "date", "type": "temporal"},
                     "y": {"field": "share", "type": "quantitative"},
                     "tooltip": [{"field": "date", "type": "temporal", "format": "%Y-%m-%d",
                                  "title": "at the window's pace"},
                                 {"field": "share", "type": "quantitative", "format": ".1f",
                                  "title": "share %"}]},
    }]
    return out


def day_map(layer: gpd.GeoDataFrame, snap: gpd.GeoDataFrame | None, units: gpd.GeoDataFrame,
            *, day: dt.date, report_label: str, shares: pd.Series | None = None,
            source: str | None = None, web_tiles: bool = False,
            simplified: bool = False, contested: bool = False) -> folium.Map:
    """The map of one day: its mapped control over the claims of the report in force.

    Parameters
    ----------
    layer : GeoDataFrame
        The day's layer (one row per side, as :attr:`geo.control.ControlLayer.frame`).
    snap : GeoDataFrame or None
        The snapshot of the report in force that day (None before the first report).
    units : GeoDataFrame
        The unit layer.
    day : datetime.date, keyword-only
        The day shown.
    report_label : str, keyword-only
        How the report in force is named in the layer control.
    shares : pandas.Series, optional, keyword-only
        Measured share per unit code that day, shown in the claim tooltips' titles.
    source : str, optional, keyword-only
        The file the day's layer came from (named in its tooltip).
    simplified : bool, keyword-only
        ``snap`` and ``layer`` already hold display geometry (see
        :func:`layers.map.display_geometry`): do not simplify again.
    """
    def share_text(code: str) -> str:
        return f"{shares.get(code, 0.0):.1f}" if shares is not None else ""

    m, _ = _build(layer, snap, day_text=day.isoformat(),
                  share_text=share_text if shares is not None else None, source=source,
                  report_label=report_label, web_tiles=web_tiles, simplified=simplified,
                  contested=contested, units=units)
    return m


def _build(layer: gpd.GeoDataFrame, snap: gpd.GeoDataFrame | None, *, day_text: str,
           share_text: Callable[[str], str] | None, report_label: str, web_tiles: bool,
           simplified: bool, source: str | None = None, contested: bool = False,
           units: gpd.GeoDataFrame | None = None) -> tuple[folium.Map, folium.GeoJson]:
    m = new_map(web_tiles=web_tiles)
    cities = load_cities(min_population=100_000)
    if snap is None and units is not None:  # before the first report: the units alone
        boundary_layer(units, simplify_deg=0 if simplified else 0.01).add_to(m)
    if snap is not None:
        shown = snap.copy()
        if share_text is not None:
            shown["name_en"] = [f"{n} — mapped {day_text}: {share_text(c)} %"
                                for c, n in zip(shown.index, shown["name_en"], strict=True)]
        shown.attrs = dict(snap.attrs)
        # the claims a pale wash with their outlines, so the mapped layer (dark red,
        # opacity 0.4) is what reads as ground
        claims_layer(shown, opacity=0.15, simplify_deg=0 if simplified else 0.01,
                     name=f"Claims in force: {escape_text(report_label)}",
                     cities=cities).add_to(m)
        add_legend(m, str(snap.attrs.get("report_id", "")), schematic=False,
                   measured_from="the day's mapped layer (top right)",
                   stale=bool((snap["status"] == "stale").any()))
    ctl = control_layer(layer, name=f"Mapped control, {day_text}", source=source,
                        simplify_deg=0 if simplified else 0.001)
    ctl.add_to(m)
    names = units["name_en"] if units is not None else snap["name_en"] if snap is not None \
        else None
    city_layer(cities, min_population=100_000, name="Cities (100,000+)",
               unit_names=None if names is None else {str(k): str(v) for k, v in names.items()}
               ).add_to(m)
    root = m.get_root()
    assert isinstance(root, Figure)
    # a history's day is Russian-held ground (and, where the history maps it, contested
    # ground); the claims legend holds the bottom of the map
    root.html.add_child(Element(control_legend_html(f"Mapped control, {day_text}",
                                                    ukraine=False, top=True,
                                                    contested=contested)))
    folium.LayerControl(collapsed=True).add_to(m)
    fit_clear(m, [[44.3, 30.0], [52.4, 40.3]])  # clear of both legends
    return m, ctl


_DAY = "@@DAY@@"
_SHARE = re.compile(r"@@SHARE:([A-Z]{2}-[0-9A-Z]+)@@")


def _data_text(layer: folium.GeoJson) -> str:
    """A GeoJson layer's data as folium writes it into the page (``tojson``, with the
    template engine's JSON settings: see :mod:`layers.map`)."""
    settings = folium.GeoJson._template.environment.policies["json.dumps_kwargs"]
    return str(htmlsafe_json_dumps(layer.data, **settings))


def day_layer_data(layer: gpd.GeoDataFrame, *, source: str | None = None,
                   simplified: bool = False) -> dict[str, Any]:
    """A day's mapped layer as GeoJSON for the day map: the data of
    :func:`layers.control.control_layer` (``simplified``: ``layer`` already holds display
    geometry)."""
    ctl = control_layer(layer, name="", source=source, simplify_deg=0 if simplified else 0.001)
    data: dict[str, Any] = ctl.data
    return data


@dataclass(frozen=True)
class DayMapTemplate:
    """A day map rendered once per report, filled in for each day in a few milliseconds.

    Rendering a folium map compiles a template per element and serializes every layer:
    ~150 ms. The day changes only the mapped layer, the day in two labels and the
    measured share in each claim tooltip, so the page is rendered once with placeholders
    and :meth:`fill` puts the day's values in (the layer as folium itself writes it).
    """

    html: str
    placeholder: str
    simplified: bool
    map_var: str = ""
    layer_var: str = ""

    def day_data(self, layer: gpd.GeoDataFrame, *, source: str | None = None) -> dict[str, Any]:
        """The day's mapped layer as GeoJSON, as folium itself would write it into the page
        (for :meth:`live_page`'s ``__faDay``; see :func:`day_layer_data`)."""
        return day_layer_data(layer, source=source, simplified=self.simplified)

    def live_page(self) -> str:
        """The page with no day in it and a script, ``window.__faDay(data, day, shares)``,
        that puts a day in: the layer (from :meth:`day_data`), the date in the legend and
        the layer control, the measured shares in the claim tooltips. Loaded once per
        report; a new day then costs one layer, not a page (see ``ui/daymap``)."""
        empty = str(htmlsafe_json_dumps({"type": "FeatureCollection", "features": []}))
        html = self.html.replace(self.placeholder, empty, 1)
        script = _LIVE.replace("MAP", self.map_var).replace("LAYER", self.layer_var)
        return html.replace("</body>", f"<script>{script}</script>\n</body>", 1)

    def fill(self, layer: gpd.GeoDataFrame, *, day: dt.date, shares: pd.Series | None = None,
             source: str | None = None) -> str:
        """The page of ``day``: its layer (from file ``source``), its date, its measured
        shares."""
        ctl = control_layer(layer, name="", source=source,
                            simplify_deg=0 if self.simplified else 0.001)
        html = self.html.replace(self.placeholder, _data_text(ctl), 1)
        html = html.replace(_DAY, day.isoformat())
        return _SHARE.sub(lambda mt: f"{shares.get(mt.group(1), 0.0):.1f}"
                          if shares is not None else "", html)


def day_map_template(snap: gpd.GeoDataFrame | None, *, report_label: str,
                     web_tiles: bool = False, simplified: bool = False,
                     contested: bool = False,
                     units: gpd.GeoDataFrame | None = None) -> DayMapTemplate:
    """The day map of the report in force (``snap``) with the day left open (see
    :class:`DayMapTemplate`; the arguments are those of :func:`day_map`)."""
    dummy = gpd.GeoDataFrame(  # every side a day can show, so each has its style (boxes
        # larger than the display simplification, so none vanishes)
        {"side": ["russia", "ukraine", "contested"], "date": [None, None, None]},
        geometry=[shapely.box(30.0, 44.0, 30.05, 44.05),
                  shapely.box(30.1, 44.0, 30.15, 44.05),
                  shapely.box(30.2, 44.0, 30.25, 44.05)], crs=4326)
    m, ctl = _build(dummy, snap, day_text=_DAY, share_text=lambda c: f"@@SHARE:{c}@@",
                    report_label=report_label, web_tiles=web_tiles, simplified=simplified,
                    contested=contested, units=units)
    html = str(m.get_root().render())
    placeholder = _data_text(ctl)
    if html.count(placeholder) != 1:  # folium writes layers otherwise: no template
        raise RuntimeError("the day map's layer data was not found once in the page")
    return DayMapTemplate(html, placeholder, simplified, map_var=m.get_name(),
                          layer_var=ctl.get_name())


# The day filled in the browser: the layer replaced, "@@DAY@@" in the text of the page
# (legend, layer control) and "@@DAY@@"/"@@SHARE:code@@" in the claims' feature
# properties (the tooltips read them when they open) replaced from the templates kept at
# the first call.
_LIVE = """
window.__faDay = function (data, day, shares) {
  var layer = LAYER, map = MAP;
  layer.clearLayers();
  layer.addData(data);
  if (!window.__faText) {
    window.__faText = [];
    var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      if (walk.currentNode.nodeValue.indexOf("@@DAY@@") >= 0) {
        window.__faText.push([walk.currentNode, walk.currentNode.nodeValue]);
      }
    }
  }
  window.__faText.forEach(function (t) { t[0].nodeValue = t[1].split("@@DAY@@").join(day); });
  map.eachLayer(function (l) {
    var p = l.feature && l.feature.properties;
    if (!p) { return; }
    if (p.__tpl === undefined) {
      p.__tpl = {};
      Object.keys(p).forEach(function (k) {
        if (typeof p[k] === "string" && p[k].indexOf("@@") >= 0) { p.__tpl[k] = p[k]; }
      });
    }
    Object.keys(p.__tpl).forEach(function (k) {
      p[k] = p.__tpl[k].split("@@DAY@@").join(day).replace(
        /@@SHARE:([A-Z]{2}-[0-9A-Z]+)@@/g,
        function (m, c) { return (typeof shares[c] === "number" ? shares[c] : 0).toFixed(1); });
    });
  });
  document.documentElement.setAttribute("data-day", day);
};
"""
