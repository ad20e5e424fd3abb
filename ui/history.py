"""The History view: every day of mapped control, with every report's claims laid over it.

A history comes from the folder named by ``FRONTLINE_HISTORY_DIR`` or from an uploaded
zip of daily files; once loaded it is the history in use of every view
(:func:`ui.data.control_for`). It is read, measured (:mod:`geo.series`) and checked against every
report (the snapshot nearest each report's date) once, then kept; moving the unit or
the day only draws.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import FrontlineError
from geo.history import History
from geo.labels import verdict_table
from geo.series import ControlSeries
from layers.history import (
    DayMapTemplate,
    claim_marks,
    day_layer_data,
    day_map_template,
    history_chart,
    with_day,
    with_projection,
)
from layers.html import escape_markdown as md
from layers.map import display_geometry
from ui import data, daymap, history_change, pages, urlstate
from ui.common import show_table

__all__ = ["history_view"]


@st.cache_resource(max_entries=2, show_spinner="Checking every report against the maps…")
def _verdicts(_history: History, digest: str, reports_dir: str | None) -> pd.DataFrame:
    return data.atlas(reports_dir).verify_history(_history,
                                                  within_days=data.HISTORY_WITHIN_DAYS)


@st.cache_resource(max_entries=64)
def _day_frame(_history: History, digest: str, day: str) -> Any:
    """The day's layer as a frame, in display geometry (computed once per day shown)."""
    d = _history.day(dt.date.fromisoformat(day))
    frame = d.control().frame
    # the day map shows Russian-held and contested ground (a raw export's liberated
    # polygons of 2022 are Ukrainian-held like the rest of the map)
    frame = frame[frame["side"].isin(["russia", "contested"])].copy()
    frame["geometry"] = display_geometry(frame.geometry.simplify(0.001), simplify_deg=0)
    return frame


@st.cache_resource(max_entries=2)
def _display_units(reports_dir: str | None) -> dict[str, Any]:
    """Every unit's display geometry (simplified together, once), by code."""
    units = data.atlas(reports_dir).units
    return dict(zip((str(c) for c in units.index),
                    display_geometry(units.geometry, simplify_deg=0.01).values, strict=True))


@st.cache_resource(max_entries=8)
def _display_snapshot(report_id: str, reports_dir: str | None,
                      stale: tuple[str, ...] = ()) -> Any:
    """The report's snapshot in display geometry (simplified once per report), with the
    claims of units ``stale`` marked stale (their age depends on the day shown, so it is
    left out: the label and tooltip give the claim's report and date)."""
    snap = data.atlas(reports_dir).snapshot(report_id)
    out = snap.copy()
    # a snapshot's rows are its units' polygons: their display geometry, simplified once
    shown = _display_units(reports_dir)
    out["geometry"] = [shown.get(str(c), g) for c, g in zip(snap.index, snap.geometry,
                                                            strict=True)]
    out["age_days"] = float("nan")
    out.loc[list(stale), "status"] = "stale"
    out.attrs = dict(snap.attrs)
    return out


def stale_units(report_id: str, reports_dir: str | None, day: dt.date) -> tuple[str, ...]:
    """The units whose claim in force (in ``report_id``'s snapshot) is stale on ``day``:
    the snapshot seen from that day says so (:data:`geo.snapshot.STALE_AFTER_DAYS`)."""
    snap = data.atlas(reports_dir).snapshot(report_id, on=day)
    return tuple(sorted(str(c) for c in snap.index[snap["status"] == "stale"]))


@st.cache_data(max_entries=64)
def _chart_spec(_series: ControlSeries, _verdicts: pd.DataFrame, digest: str, code: str,
                name: str) -> dict[str, Any]:
    """The Vega-Lite spec of a unit's chart (built once per unit; the day is added after)."""
    rows = _series.table[_series.table["code"] == code]
    spec: dict[str, Any] = history_chart(rows, claim_marks(_verdicts, code), name=name).to_dict()
    return spec


@st.cache_resource(max_entries=16, show_spinner=False)
def _day_template(report_id: str | None, reports_dir: str | None,
                  tiles: bool, contested: bool = False,
                  stale: tuple[str, ...] = ()) -> DayMapTemplate:
    """The day map of a report in force, rendered once with the day left open (once per
    set of stale units)."""
    snap = _display_snapshot(report_id, reports_dir, stale) if report_id else None
    report = data.atlas(reports_dir).report(report_id) if report_id else None
    label = f"{report.id} ({report.date_text})" if report else "no report yet"
    return day_map_template(snap, report_label=label, web_tiles=tiles, simplified=True,
                            contested=contested, units=data.atlas(reports_dir).units)


@st.cache_resource(max_entries=16, show_spinner=False)
def _day_page(report_id: str | None, reports_dir: str | None, tiles: bool,
              contested: bool = False, stale: tuple[str, ...] = ()) -> str:
    """The day map page of a report in force, with the day left to the browser."""
    return _day_template(report_id, reports_dir, tiles, contested, stale).live_page()


@st.cache_data(max_entries=256, show_spinner=False)
def _day_data(_history: History, digest: str, day_text: str) -> dict[str, Any]:
    """The day's mapped layer as the page takes it (once per day shown)."""
    day = dt.date.fromisoformat(day_text)
    return day_layer_data(_day_frame(_history, digest, day_text),
                          source=_history.day(day).source, simplified=True)


def _history() -> tuple[History, ControlSeries] | None:
    """The history in use (:func:`ui.data.history_in_use`): the folder in the
    environment, or a zip uploaded here, kept for every view of the session."""
    folder = data.history_dir()
    if folder:
        st.caption("History folder (FRONTLINE_HISTORY_DIR): "
                   f"**{md(os.path.basename(os.path.normpath(folder)))}**")
    else:
        gen = int(st.session_state.get("history_upload_gen", 0))
        up = st.file_uploader("Upload a zip of daily control layers (*_YYYYMMDD.geojson)",
                              type=["zip"], key=f"history_upload_{gen}")
        if up is not None:
            st.session_state["history_zip"] = (up.name, up.getvalue())
        held = st.session_state.get("history_zip")
        if not held:
            st.info("Load a history: a zip of daily GeoJSON files named with their date "
                    "(`deepstatemap_data_20241123.geojson`), or start the app with "
                    "`FRONTLINE_HISTORY_DIR=/path/to/folder`. `frontline series` does the "
                    "same from a shell. Once loaded, every view draws and checks each report "
                    "against the mapped day nearest its date.")
            return None
        if st.button(f"Stop using {held[0]}", key="history_clear"):
            st.session_state.pop("history_zip", None)
            st.session_state["history_upload_gen"] = gen + 1
            st.rerun()
    try:
        history = data.history_in_use()
        return None if history is None else (history, data.history_series(history))
    except FrontlineError as exc:  # the server's paths left out
        st.error(md(data.public_text(exc, data.reports_dir())))
        if not folder:
            st.session_state.pop("history_zip", None)  # a bad upload is not kept
        return None


def outside_every_unit(history: History) -> str:
    """What to say of a history that holds no ground in any unit on any day: where its
    ground lies, where the units lie, and what to check."""
    import numpy as np

    lo = np.min([d.coords.min(axis=0) for d in history.days if len(d.coords)], axis=0)
    hi = np.max([d.coords.max(axis=0) for d in history.days if len(d.coords)], axis=0)
    w, s, e, n = data.units().total_bounds
    return (f"No unit holds as much as 0.5 km² of ground on any of the history's "
            f"{len(history)} days, so there is no share to chart: its ground lies at lon "
            f"{lo[0]:.2f}..{hi[0]:.2f}, lat {lo[1]:.2f}..{hi[1]:.2f}; Ukraine's units and the "
            f"Russian border oblasts lie at lon {w:.1f}..{e:.1f}, lat {s:.1f}..{n:.1f}. Check "
            "that the layers map this war's front in lon/lat (EPSG:4326), longitude first.")


def _in_force(reports: Any, day: dt.date) -> Any:
    """The latest report dated on or before ``day`` (None before the first)."""
    earlier = [r for r in reports if r.date <= day]
    return earlier[-1] if earlier else None


def history_view(reports: Any, opts: dict[str, Any]) -> None:
    """Measured share over time per unit, claims at their dates, a day's map."""
    loaded = _history()
    if loaded is None:
        return
    history, series = loaded
    verdicts = _verdicts(history, history.digest, data.reports_dir())
    gaps = history.gap_text()
    st.caption(f"{len(history)} days, {history.dates[0]} to {history.dates[-1]}"
               + (f"; missing: {md(gaps)}" if gaps else "; no day missing")
               + f". Measured in {sum(series.timings.values()):.1f} s.")
    for note in history.notes:  # several snapshots a day: which one is used
        st.caption(md(note))
    if history.problems:
        with st.expander(f"{len(history.problems)} file(s) or day(s) could not be used"):
            for p in history.problems:
                st.caption(md(p))
    table = series.table
    held = table.groupby("code")["controlled_km2"].max()
    codes = [c for c in held.index if held[c] > 0.5]
    if not codes:  # nothing to chart: say where the ground is instead
        st.warning(md(outside_every_unit(history)))
        return
    names = table.drop_duplicates("code").set_index("code")["name"]
    urlstate.apply_choice("history_unit", codes, "UA-14" if "UA-14" in codes else codes[0])
    code = st.selectbox("Unit", codes, key="history_unit",
                        format_func=lambda c: f"{names[c]} ({c})")
    days = [d.isoformat() for d in history.dates]
    urlstate.apply_choice("history_day", days, days[-1])
    day_text = st.select_slider("Day", options=days, key="history_day")
    day = dt.date.fromisoformat(day_text)
    chart = st.container()  # drawn after the map, so the map's update is sent first
    report = _in_force(reports, day)
    on = series.on(day)
    left, right = st.columns([3, 2])
    with left:
        # written (once: named by its content) on every run, so a cleared static folder
        # is filled again
        stale = stale_units(report.id, data.reports_dir(), day) if report else ()
        url = pages.page_url(_day_page(report.id if report else None, data.reports_dir(),
                                      bool(opts["tiles"]), history.maps_contested, stale),
                             prefix="daymap")
        shares = on["share_pct"]
        daymap.day_map(url, _day_data(history, history.digest, day_text), day_text=day_text,
                       shares={str(c): round(float(v), 3) for c, v in shares.items()})
    with chart:
        share = st.container()  # the share chart, drawn once the pace says where it leads
        st.markdown(f"**Pace in {md(names[code])}**: net km² a week or month, and where "
                    "the pace leads")
        points = history_change.pace_panel(history, series, code, str(names[code]))
    with share:
        marks = claim_marks(verdicts, code)
        spec = _chart_spec(series, verdicts, history.digest, code, str(names[code]))
        st.vega_lite_chart(with_projection(with_day(spec, day), points), width="stretch")
        n_bad = int(marks["contradicted"].sum()) if len(marks) else 0
        off = int(((verdicts["code"] == code) & verdicts["snapshot_date"].isna()).sum())
        st.caption(f"Line: the share of {md(names[code])} held by Russia on each mapped day "
                   "(a dot per day; it breaks where days are missing). Bars: each report's "
                   "claim at its date, as Russia's share, from its low to its high bound, the "
                   f"dot at its central figure (green: the maps agree; ✕ on red: above what "
                   f"was mapped, on orange: below; {len(marks)} drawn, {n_bad} contradicted "
                   "here). A km² claim is drawn as the share of the unit it is; a claim about "
                   "Ukraine's ground as its complement; each tooltip keeps its own wording."
                   + (f" {off} claim(s) about {md(names[code])} have no mapped day near their "
                      "date and are not drawn." if off else "")
                   + (" Grey band: contested ground (grey zone) above held ground; a claim "
                      "that reaches only into it is consistent if the grey zone counts."
                      if history.maps_contested else ""))
    with right:
        ua_km2 = float(str(on.loc["UA", "controlled_km2"]))
        ua_pct = float(str(on.loc["UA", "share_pct"]))
        unit_pct = float(str(on.loc[code, "share_pct"]))
        grey = (f" Contested (grey zone): {float(str(on.loc['UA', 'contested_km2'])):,.0f} km² "
                f"of Ukraine, {float(str(on.loc[code, 'contested_pct'])):.2f} % of "
                f"{md(names[code])}." if history.maps_contested else "")
        st.markdown(f"**{md(day_text)}**: {ua_km2:,.0f} km² ({ua_pct:.2f} %) of Ukraine held "
                    f"by Russia; {md(names[code])} {unit_pct:.2f} %.{grey}")
        if report is None:
            st.caption("No report is dated on or before this day.")
        else:
            st.markdown(f"**In force: {md(report.id)}** · {md(report.date_text)} · "
                        f"{md(report.outlet)}")
            mine = verdicts[verdicts["report_id"] == report.id]
            if len(mine):
                snap_day = mine["snapshot_date"].dropna()
                st.caption("Its claims against the map nearest its date"
                           + (f" ({md(snap_day.iloc[0])})" if len(snap_day) else "")
                           + ": the table under the map.")
            else:
                st.caption("It makes no quantitative claim about held ground.")
    if code.startswith("UA-"):
        _raions(history, code, str(names[code]), day)
    if report is not None and len(mine):  # the page's width: no column cut or squeezed
        show_table(verdict_table(mine), columns=["verdict", "where", "claimed", "measured",
                                                 "claim", "side", "note"])
    history_change.two_days(history, lambda d: _day_frame(history, history.digest, d),
                            bool(opts["tiles"]))


def _raions(history: History, code: str, name: str, day: dt.date) -> None:
    """On request, the raions of the unit on the day: km², share, change over the
    history's previous week; and the whole raion series as CSV (made when downloaded).
    Off by default: measuring 139 raions on every day is done once, when first asked."""
    if not st.toggle(f"Raions of {md(name)}", key="history_raions",
                     help="Ukraine's second-level units (COD-AB: the 136 raions of 2020, "
                          "the Chornobyl zone, Kyiv, Sevastopol), measured on every day"):
        return
    series = data.raion_series(history)
    parent = data.raion_units()
    on = series.on(day)
    on = on[[parent.get(str(c)) == code for c in on.index]]
    week = series.change(day - dt.timedelta(days=7), day)
    rows = pd.DataFrame({
        "raion": on["name"], "held km²": on["controlled_km2"].round(1),
        "share %": on["share_pct"].round(2),
        "net km² over 7 days": week["net_km2"].reindex(on.index).round(1),
    }).sort_values("share %", ascending=False)
    show_table(rows.reset_index(drop=True))

    def csv() -> bytes:
        table = series.table.assign(unit=series.table["code"].map(parent).fillna("UA"))
        return table.to_csv(index=False, float_format="%.4f").encode()

    st.download_button("Download every raion's series (CSV)", csv,
                       file_name="frontline-raion-series.csv", mime="text/csv",
                       key="raion_series_csv", on_click="ignore")
    st.caption(f"Raions of {md(name)} on {day.isoformat()}: share of each raion's polygon. "
               "The CSV holds every raion on every day, with the unit each lies in.")
