"""The Ledger view: every claim of the saved reports checked against mapped control.

The reports are the app's (the built-in ones and the user's saved drafts); the control
is what every view uses: the layer loaded under *Your data*, else the history in use
(each report against the mapped day nearest its date). With neither, no verdict is
given: the schematic zones are drawn from the claims themselves and prove nothing.
Rows are :func:`geo.report_ledger.report_ledger`'s, with a link to each report's view.
"""

from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from geo.errors import FrontlineError
from geo.report_ledger import SUMMARY_COLUMNS, report_ledger, report_summary
from geo.reports import ReportSet
from geo.verify import CHECKED_KINDS, VERDICTS
from layers.html import escape_markdown as md
from ui import data
from ui.common import show_table

if TYPE_CHECKING:
    from geo.history import History

__all__ = ["ledger_view", "ledger_table", "report_link", "csv_bytes", "UNREVIEWED"]

#: The ``review`` cell of a row from a draft no person has checked.
UNREVIEWED = "unreviewed draft"


def report_link(report_id: str) -> str:
    """The app's address of a report's view, relative to the page (its query string).

    Examples
    --------
    >>> report_link("R1")
    '?mode=report&report=R1'
    """
    return "?" + urllib.parse.urlencode({"mode": "report", "report": report_id})


@st.cache_resource(max_entries=2, show_spinner="Checking every claim against the maps…")
def _history_rows(_history: History, digest: str, directory: str | None,
                  reports_digest: str) -> pd.DataFrame:
    return report_ledger(data.atlas(directory), history=_history,
                         within_days=data.HISTORY_WITHIN_DAYS)


@st.cache_resource(max_entries=4, show_spinner="Checking every claim against the layer…")
def _control_rows(key: data.ControlKey, directory: str | None,
                  reports_digest: str) -> pd.DataFrame:
    layer = data.control_layer(key)
    assert layer is not None  # a key always names a layer
    return report_ledger(data.atlas(directory), control=layer)


def ledger_table(rows: pd.DataFrame, reports: ReportSet) -> pd.DataFrame:
    """The ledger's rows as the view shows them: ``review`` (``reviewed`` or
    :data:`UNREVIEWED`) and ``link`` (:func:`report_link`) added, a copy."""
    out = rows.copy()
    reviewed = {r.id: r.reviewed for r in reports}
    out["review"] = ["reviewed" if reviewed.get(str(r), True) else UNREVIEWED
                     for r in out["report_id"]]
    out["link"] = [report_link(str(r)) for r in out["report_id"]]
    return out.reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV, text cells a spreadsheet would run as a formula (``=``, ``+``,
    ``@``, a tab, or ``-`` before no digit) prefixed with ``'``."""
    def cell(v: object) -> object:
        if isinstance(v, str) and v and (v[0] in "=+@\t\r" or (
                v[0] == "-" and not v[1:2].isdigit())):
            return "'" + v
        return v
    safe = frame.copy()
    for col in safe.columns:
        safe[col] = safe[col].map(cell)
    return safe.to_csv(index=False, float_format="%.4f").encode("utf-8")


def _no_control(reports: ReportSet) -> None:
    waiting = sum(1 for r in reports for c in r.claims if c.kind in CHECKED_KINDS)
    st.info("Claims can only be checked against a **mapped** layer of control, and none is "
            "loaded. Load a layer under **Your data** (one day's map: every report is "
            "checked against it), or a history of daily layers under **History** (each "
            "report is checked against the mapped day nearest its date). The schematic "
            "zones the report maps draw are grown from the claims themselves, so no "
            f"verdict is drawn from them. {waiting} claim(s) of {len(reports)} report(s) "
            "state a quantity of held ground to check.")


def _rows(reports: ReportSet) -> pd.DataFrame | None:
    """The ledger against the control in use, saying which; None (said why) for none."""
    directory = data.reports_dir()
    key = data.control_key()
    if key is not None:
        day = f" ({md(key[2])})" if key[2] else ""
        st.caption(f"Against the loaded control layer **{md(key[0])}**{day}: every "
                   "report's claims against this one map (*days apart* says how far it "
                   "lies from each report's date; load a history so each report meets the "
                   "day nearest it).")
        return _control_rows(key, directory, reports.digest)
    try:
        history = data.history_in_use()
    except FrontlineError as exc:
        st.error(f"The history could not be read: {md(data.public_text(exc, directory))}")
        return None
    if history is None:
        _no_control(reports)
        return None
    st.caption(f"Against the history in use ({len(history)} days, {history.dates[0]} to "
               f"{history.dates[-1]}): each report's claims against the mapped day nearest "
               f"its date, within {data.HISTORY_WITHIN_DAYS} days "
               f"({data.HISTORY_WITHIN_DAYS + 15} for a report dated to the month); a "
               "report with no day that near is *not checkable*, and its row says why.")
    return _history_rows(history, history.digest, directory, reports.digest)


def _chart(summary: pd.DataFrame) -> None:
    """Stacked bars of the verdicts of each outlet's claims."""
    import altair as alt

    from layers.history import VERDICT_COLOURS

    long = summary[["outlet", *VERDICTS]].melt(id_vars="outlet", var_name="verdict",
                                               value_name="count")
    long = long[long["count"] > 0].assign(
        order=lambda f: f["verdict"].map({v: i for i, v in enumerate(VERDICTS)}))
    chart = alt.Chart(long, title="Verdicts per outlet").mark_bar().encode(
        y=alt.Y("outlet:N", title=None, sort="-x", axis=alt.Axis(labelLimit=280)),
        x=alt.X("sum(count):Q", title="claims", stack="zero",
                axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("verdict:N", title="verdict",
                        scale=alt.Scale(domain=list(VERDICTS),
                                        range=[VERDICT_COLOURS[v] for v in VERDICTS]),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=["outlet:N", "verdict:N", alt.Tooltip("count:Q", title="claims")],
    ).properties(height=alt.Step(28))
    st.altair_chart(chart, width="stretch")


def ledger_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    """Every claim of the reports with its verdict: filters, the table (each row linked
    to its report's view), a CSV of the rows shown, and the verdicts per outlet."""
    st.caption("Every claim of the saved reports (the built-in ones and your drafts) that "
               "states a quantity of held ground, checked against mapped control. Click a "
               "column's heading to sort; the *report* link opens that report's view.")
    rows = _rows(reports)
    if rows is None:
        return
    table = ledger_table(rows, reports)
    if table.empty:
        st.info("No claim of the reports states a quantity of held ground to check.")
        return
    names = dict(zip(table["code"].astype(str), table["name"].astype(str), strict=False))
    c1, c2, c3 = st.columns(3)
    outlets = c1.multiselect("Outlet", sorted(set(table["outlet"].astype(str))),
                             key="ledger_outlet", placeholder="every outlet")
    codes = c2.multiselect("Unit", sorted(names, key=lambda c: (names[c], c)),
                           format_func=lambda c: f"{names[c]} ({c})", key="ledger_unit",
                           placeholder="every unit")
    verdicts = c3.multiselect("Verdict", [v for v in VERDICTS if v in set(table["verdict"])],
                              key="ledger_verdict", placeholder="every verdict")
    keep = pd.Series(True, index=table.index)
    if outlets:
        keep &= table["outlet"].isin(outlets)
    if codes:
        keep &= table["code"].isin(codes)
    if verdicts:
        keep &= table["verdict"].isin(verdicts)
    shown = table[keep]
    drafts = int((shown["review"] == UNREVIEWED).sum())
    st.markdown(f"**{len(shown)} of {len(table)} claim(s)** shown"
                + (f"; {drafts} from unreviewed drafts (*review*: {UNREVIEWED}: no person "
                   "has checked what the rules read)" if drafts else "") + ".")
    cfg = st.column_config
    st.dataframe(
        shown, hide_index=True, key="ledger_table",
        column_order=["link", "verdict", "off_by_points", "name", "code", "claimed",
                      "measured_pct", "date", "map_day", "review", "outlet", "off_by_km2",
                      "measured_km2", "days_apart", "kind", "side", "reason", "article"],
        column_config={
            "link": cfg.LinkColumn("report", display_text=r"report=([^&]*)$",
                                   help="Open the report's view", width="small"),
            "name": cfg.TextColumn("unit"),
            "review": cfg.TextColumn("review", width="medium"),
            "measured_pct": cfg.NumberColumn("measured %", format="%.2f",
                                             help="Share of the unit's polygon (Ukraine: "
                                                  "of its official area)"),
            "measured_km2": cfg.NumberColumn("measured km²", format="%.0f"),
            "off_by_points": cfg.NumberColumn("points off", format="%.2f"),
            "off_by_km2": cfg.NumberColumn("km² off", format="%.0f"),
            "map_day": cfg.TextColumn("map day"),
            "days_apart": cfg.NumberColumn("days apart", format="%d",
                                           help="From the report's date (the 15th for a "
                                                "month) to the mapped day"),
            "article": cfg.TextColumn("title", width="large"),
            "reason": cfg.TextColumn("reason", width="large"),
        })
    st.download_button("Download these rows (CSV)", csv_bytes(shown.drop(columns="link")),
                       file_name="frontline-ledger.csv", mime="text/csv", key="ledger_csv",
                       on_click="ignore")
    summary = report_summary(shown, [r for r in reports if r.outlet in set(shown["outlet"])])
    if len(summary):
        _chart(summary)
        show_table(summary[list(SUMMARY_COLUMNS)].rename(
            columns={"articles": "reports", "median_points_off": "median points off"}))
        st.caption("Per outlet, of the rows shown: its reports, claims and verdicts; "
                   "*median points off* is the median of the claims found off, in points.")
