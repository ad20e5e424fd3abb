"""History layers: the unit chart with claims, and the day map (template filled per day
equals the map rendered in full)."""

from __future__ import annotations

import datetime as dt
import re

import geopandas as gpd
import pandas as pd
import pytest

from geo.control import control_from_geometry
from layers.control import CONTROL_STYLE, UKRAINE_STYLE
from layers.history import (
    claim_marks,
    day_map,
    day_map_template,
    history_chart,
    with_day,
)

_ID = re.compile(r"([a-z]+(?:_[a-z]+)*)_[0-9a-f]{32}(?![0-9a-f])")


def _norm(html: str) -> str:
    """Folium names every element with a random hex id: number them in order instead."""
    seen: dict[str, str] = {}

    def sub(m: re.Match[str]) -> str:
        return seen.setdefault(m.group(0), f"{m.group(1)}_{len(seen)}")

    return _ID.sub(sub, html)


@pytest.fixture(scope="module")
def day_layer(daily_layers: list) -> tuple[dt.date, gpd.GeoDataFrame]:  # type: ignore[type-arg]
    date, geom = daily_layers[4]
    return date, control_from_geometry(geom, name="day.geojson", date=date).frame


def test_the_filled_template_is_the_map_rendered_in_full(
        atlas, units: gpd.GeoDataFrame, day_layer) -> None:  # type: ignore[no-untyped-def]
    date, frame = day_layer
    snap = atlas.snapshot("R1")
    shares = pd.Series({"UA-14": 67.25, "UA-43": 99.43})
    full = day_map(frame, snap, units, day=date, report_label="R1 (2024-11-23)",
                   shares=shares, source="day.geojson").get_root().render()
    template = day_map_template(snap, report_label="R1 (2024-11-23)", units=units)
    filled = template.fill(frame, day=date, shares=shares, source="day.geojson")
    # Equal but for the mapped layer's style switch: the template's names every side a day
    # can show, a day of Russian-held ground only has one.
    styler = re.compile(r"function (geo_json_\d+)_styler\(feature\) \{.*?\n        \}", re.S)
    a, b = _norm(filled), _norm(full)
    assert styler.sub("", a) == styler.sub("", b)
    # the mapped layer's styler: the one that switches on the side
    (switch,) = [m.group(0) for m in styler.finditer(a) if 'case "contested"' in
                 m.group(0)]
    # every side a day can show has its style (one of them is the switch's default)
    from layers.control import CONTESTED_STYLE, UKRAINE_STYLE

    assert all(st["fillColor"] in switch for st in (CONTROL_STYLE, UKRAINE_STYLE,
                                                    CONTESTED_STYLE))
    assert 'case "contested"' in switch
    assert UKRAINE_STYLE["fillColor"] in switch.split("default:")[1]
    assert f"Mapped control, {date.isoformat()}" in filled
    assert f"mapped {date.isoformat()}: 67.2 %" in filled  # Donetsk's tooltip title
    assert "@@" not in filled
    other = template.fill(frame.iloc[:0], day=date + dt.timedelta(days=1))  # nothing held
    assert "@@" not in other and (date + dt.timedelta(days=1)).isoformat() in other


def test_before_the_first_report_the_day_map_has_no_claims(units: gpd.GeoDataFrame,
                                                           day_layer) -> None:  # type: ignore[no-untyped-def]
    date, frame = day_layer
    html = day_map_template(None, report_label="no report yet", units=units).fill(frame,
                                                                                 day=date)
    assert "Claims in force" not in html and "Mapped control" in html
    # ... but the units and the cities are there to read the layer by
    assert "Oblast boundaries" in html and "Donetsk (UA-14)" in html
    assert "Cities (100,000+)" in html and "Kharkiv" in html


def test_the_day_map_explains_its_colours(day_layer) -> None:  # type: ignore[no-untyped-def]
    date, frame = day_layer
    html = day_map_template(None, report_label="none").fill(frame, day=date)
    title = html.index(f"<b>Mapped control, {date.isoformat()}</b>")
    legend = html[html.rindex("<details", 0, title):]
    legend = legend[:legend.index("</details>")]
    assert CONTROL_STYLE["fillColor"] in legend and "held by Russia" in legend
    # a history's day is one layer of Russian-held ground: the legend offers no blue
    # "held by Ukraine" the map never draws (the new-user trial read it as a contradiction)
    assert UKRAINE_STYLE["fillColor"] not in legend and "held by Ukraine" not in legend
    assert 'class="fa-legend" style="top:10px' in legend  # clear of the claims legend


def test_chart_marks_claims_and_the_day() -> None:
    verdicts = pd.DataFrame({
        "code": ["UA-14", "UA-14", "UA-23", "UA-14"],
        "unit": ["percent", "percent", "percent", "km2"],
        "snapshot_date": ["2024-11-23", "2025-10-15", "2024-11-23", "2025-10-15"],
        "side": ["russia", "ukraine", "russia", "russia"], "claim_low": [80.0, 20.0, 66.5, 5000],
        "claim_high": [88.0, 20.0, 73.5, 5000], "claim_central": [84.0, 20.0, 70.0, 5000],
        "report_id": ["R1", "R5", "R1", "R9"], "report_date": ["2024-11-23", "2025-10"] * 2,
        "claim_id": ["R1-c4", "R5-c3", "R1-c6", "R9-c1"],
        "claim_text": ["> 80 %", "20 %", "~70 %", "5,000 km²"],
        "verdict": ["overstated", "understated", "consistent", "consistent"],
        "measured_pct": [69.2, 24.1, 70.0, 75.9], "gap_points": [10.8, 4.1, 0.0, 0.0],
        "area_km2": [26599.0, 26599.0, 27080.6, 20000.0],
    })
    marks = claim_marks(verdicts, "UA-14")
    assert list(marks["contradicted"]) == [True, True, False]
    # "Ukraine holds 20 %" of a Ukrainian unit is drawn as Russia's 80 %.
    assert marks.iloc[1]["low"] == 80.0 and marks.iloc[1]["high"] == 80.0
    assert marks.iloc[1]["central"] == 80.0  # an exact figure is drawn as its dot
    # a km² claim is drawn as the share of the area its verdict divided by: 5,000 of 20,000
    assert marks.iloc[2][["low", "high", "central"]].tolist() == [25.0, 25.0, 25.0]
    assert "= 25.00–25.00 % of the unit" in marks.iloc[2]["claim"]
    # ... and its error read as Russia's: Ukraine's 20 % understated (24.1 % measured) is
    # Russia's 80 % drawn above the measured 75.9 %, coloured overstated; the tooltip keeps
    # the claim's own wording
    assert list(marks["verdict"]) == ["overstated", "overstated", "consistent"]
    assert marks.iloc[1]["label"].startswith("Ukraine's 20 %: understated")
    series = pd.DataFrame({"date": [dt.date(2024, 11, 23), dt.date(2025, 10, 15)],
                           "share_pct": [69.2, 75.9], "controlled_km2": [18417.0, 20200.0]})
    spec = history_chart(series, marks, name="Donetsk's <b>").to_dict()
    # text goes to Vega as text: its tooltips escape it themselves (escaped here too, an
    # apostrophe read "&#x27;"), and titles are drawn as text, never parsed as HTML
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Donetsk's <b>: share held by " \
        "Russia (%)"
    assert "&#x27;" not in str(spec) and "&lt;" not in str(spec)
    # Overstated and understated are told apart by colour, and both from agreeing.
    scale = next(lay["encoding"]["color"]["scale"] for lay in spec["layer"]
                 if "color" in lay.get("encoding", {}))
    colour = dict(zip(scale["domain"], scale["range"], strict=True))
    assert len({colour["overstated"], colour["understated"], colour["consistent"]}) == 3
    day = with_day(spec, dt.date(2025, 1, 1))
    assert len(day["layer"]) == len(spec["layer"]) + 1
    assert day["datasets"][day["layer"][-1]["data"]["name"]] == [{"date": "2025-01-01"}]
    # Only the day's dataset differs from one day to the next: the spec is the same.
    other = with_day(spec, dt.date(2025, 2, 1))
    assert {k: v for k, v in other.items() if k != "datasets"} == \
        {k: v for k, v in day.items() if k != "datasets"}
    # 327 days: months on the axis, a tick a month; 12 days: days, a tick a day at most,
    # so no label repeats however wide the chart is drawn
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert (axis["format"], axis["tickCount"]["interval"]) == ("%b %Y", "month")
    short = series.assign(date=[dt.date(2024, 11, 20), dt.date(2024, 12, 1)])
    fmt = history_chart(short, marks.iloc[:0], name="Donetsk").to_dict()["layer"][0][
        "encoding"]["x"]
    assert (fmt["axis"]["format"], fmt["axis"]["tickCount"]) == (
        "%d %b %Y", {"interval": "day", "step": 1})
    # the line breaks at a missing day: one run per stretch of consecutive days
    gappy = pd.DataFrame({"date": [dt.date(2024, 11, d) for d in (1, 2, 3, 6, 7, 9)],
                          "share_pct": [1.0] * 6, "controlled_km2": [1.0] * 6})
    gspec = history_chart(gappy, marks.iloc[:0], name="X").to_dict()
    (rows,) = [d for d in gspec["datasets"].values() if d and "run" in d[0]]
    runs = [r["run"] for r in rows]
    assert runs == [0, 0, 0, 1, 1, 2]
    assert gspec["layer"][0]["encoding"]["detail"]["field"] == "run"


def test_the_live_page_takes_its_day_from_the_browser(atlas, day_layer) -> None:  # type: ignore[no-untyped-def]
    from jinja2.utils import htmlsafe_json_dumps

    date, frame = day_layer
    template = day_map_template(atlas.snapshot("R1"), report_label="R1")
    page = template.live_page()
    # No day in it: the dummy layer is gone, the placeholders wait for __faDay.
    assert template.placeholder not in page and "@@DAY@@" in page
    assert "window.__faDay" in page
    assert f"var layer = {template.layer_var}, map = {template.map_var};" in page
    assert page.count(f"var {template.layer_var} = ") == 1  # the mapped layer exists once
    # The day's data is the layer folium would have written for that day.
    data = str(htmlsafe_json_dumps(template.day_data(frame, source="day.geojson"),
                                   sort_keys=True, separators=(",", ":")))
    assert data in template.fill(frame, day=date, source="day.geojson")


# ---------------------------------------------------------------- pace
def _strip_series(cells: list[int], start: dt.date, units: gpd.GeoDataFrame):  # type: ignore[no-untyped-def]
    """A band of Donetsk oblast grown (or cut back) westward cell by cell, one day a cell
    count (as tests/test_pace.py builds it); the control series measured from it."""
    from shapely.geometry import MultiPolygon, Polygon

    from geo.history import History, ParsedDay, ragged_arrays
    from geo.series import control_series

    def strip(n: int) -> Polygon:
        xs = [38.20 - 0.002 * k for k in range(n, -1, -1)]
        return Polygon([*((x, 48.50) for x in xs), *((x, 48.56) for x in reversed(xs))])

    days = []
    for k, n in enumerate(cells):
        date = start + dt.timedelta(days=k)
        coords, rings, polys = ragged_arrays(MultiPolygon([strip(n)]))
        days.append(ParsedDay(date, f"d_{date:%Y%m%d}.geojson", coords, rings, polys))
    h = History(tuple(days), digest="strips")
    return h, control_series(h, units, workers=1)


def test_pace_rows_give_the_window_rate_at_each_period_s_end(units: gpd.GeoDataFrame) -> None:
    from geo.pace import daily_flows, period_flows, window_rates
    from layers.history import PACE_COLUMNS, pace_rows

    # 3 cells a day for 60 days, then 1 a day back for 40: the rate turns
    cells = [10 + 3 * k for k in range(60)] + [187 - k for k in range(40)]
    _, series = _strip_series(cells, dt.date(2025, 6, 2), units)
    daily = daily_flows(series, codes=["UA-14"])
    for period in ("week", "month"):
        periods = period_flows(series, period=period, codes=["UA-14"])
        rows = pace_rows(periods, daily, window=30)
        assert list(rows.columns) == list(PACE_COLUMNS) and len(rows) == len(periods)
        assert rows["net_km2"].tolist() == periods["net_km2"].tolist()
        for r in rows.itertuples():
            if r.rate_end <= series.dates[0]:
                continue
            want = window_rates(series, window=30, end=r.rate_end, codes=["UA-14"])
            assert r.rolling_rate_km2_day == pytest.approx(
                float(want["rate_km2_day"].iloc[0]), rel=1e-9, abs=1e-12), (period, r.rate_end)
            length = (r.end - r.start).days + 1
            assert r.rolling_km2_per_period == pytest.approx(r.rolling_rate_km2_day * length)
    last = rows.iloc[-1]
    assert last["rate_end"] == series.dates[-1] and last["rolling_rate_km2_day"] < 0


def test_the_pace_chart_draws_bars_by_sign_and_the_rolling_line(units: gpd.GeoDataFrame) -> None:
    from geo.pace import daily_flows, period_flows
    from layers.history import PACE_COLOURS, pace_chart, pace_rows

    cells = [10 + 3 * k for k in range(30)] + [97 - 2 * k for k in range(20)]
    _, series = _strip_series(cells, dt.date(2025, 6, 2), units)
    rows = pace_rows(period_flows(series, codes=["UA-14"]),
                     daily_flows(series, codes=["UA-14"]), window=30)
    spec = pace_chart(rows, name="Donetsk", period="week", window=30).to_dict()
    data = next(iter(spec["datasets"].values()))
    assert [round(d["net"], 2) for d in data] == rows["net_km2"].round(2).tolist()
    assert {d["way"] for d in data} == set(PACE_COLOURS)  # gains, then losses
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
             for layer in spec["layer"]]
    assert marks == ["bar", "rule", "line"]
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Donetsk: net km² a week"


def test_the_projection_extends_the_share_line_to_its_date_or_the_horizon() -> None:
    from layers.history import projection_points, with_projection

    end = dt.date(2025, 10, 1)
    rate = {"status": "projected", "end": end, "share_pct": 80.0, "target_pct": 100.0,
            "date": dt.date(2026, 10, 1)}
    assert projection_points(rate, horizon=dt.date(2027, 1, 1)) == [
        {"date": "2025-10-01", "share": 80.0}, {"date": "2026-10-01", "share": 100.0}]
    cut = projection_points(rate, horizon=dt.date(2026, 4, 1))  # halfway (182 of 365 days)
    assert cut[1]["date"] == "2026-04-01"
    assert cut[1]["share"] == pytest.approx(80 + 20 * 182 / 365, abs=1e-3)
    assert projection_points({**rate, "status": "no projection", "date": None},
                             horizon=dt.date(2027, 1, 1)) == []
    spec = with_projection({"layer": [{"mark": "line"}], "datasets": {"a": []}}, cut)
    assert spec["datasets"]["fa_projection"] == cut and spec["datasets"]["a"] == []
    dashed = spec["layer"][-1]
    assert dashed["data"] == {"name": "fa_projection"} and dashed["mark"]["strokeDash"]
    assert dashed["encoding"]["y"]["field"] == "share"  # the share line's own scale


def test_the_legend_names_where_a_bar_stands_not_the_table_s_verdict() -> None:
    """A claim of Ukraine's 20 % understated (the table's word) is drawn as Russia's 80 %,
    above the line: its legend entry says "too high (above the maps)", so the chart does
    not call "overstated" what the table calls understated."""
    series = pd.DataFrame({"date": pd.to_datetime(["2025-01-01", "2025-01-02"]),
                           "share_pct": [75.9, 76.0], "controlled_km2": [20000.0, 20010.0]})
    marks = pd.DataFrame({"date": pd.to_datetime(["2025-01-02"]), "low": [80.0],
                          "high": [80.0], "central": [80.0], "claim": ["R5 c3"],
                          "verdict": ["overstated"], "label": ["Ukraine's 20 %: understated"],
                          "contradicted": [True], "snapshot": ["2025-01-02"]})
    spec = history_chart(series, marks, name="Donetsk").to_dict()
    legends = [enc["color"]["legend"] for layer in spec["layer"]
               for enc in [layer.get("encoding", {})] if "legend" in enc.get("color", {})]
    assert legends and all("too high (above the maps)" in lg["labelExpr"]
                           and "'overstated' ?" in lg["labelExpr"] for lg in legends)
    assert all("Russia" in layer["encoding"]["color"]["title"] for layer in spec["layer"]
               if "legend" in layer.get("encoding", {}).get("color", {}))
