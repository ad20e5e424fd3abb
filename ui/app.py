"""Frontline Atlas, the Streamlit app: UI only, wiring geo/ and layers/ together.

``streamlit run app.py`` (the top-level shim) or ``frontline app`` runs :func:`run`.

Modes: report view, compare two reports, history, the ledger (every claim against mapped
control), export, and your own data (upload a control layer; draw or paste a sketch).
Derived layers and map pages are kept on disk keyed by content (:mod:`geo.store`); maps
are static pages named by their content, drawn with local Leaflet assets over an offline
basemap; panning never reruns the app (only drawing a sketch sends the map's state
back). Libraries a view alone needs (folium, altair, the history engine) load when that
view is first opened.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from geo.reports import ReportSet
from layers.html import escape_markdown as md
from ui import data, urlstate
from ui.compare_view import compare_view
from ui.export_view import export_view
from ui.report_view import report_view
from ui.your_data import your_data_view

__all__ = ["run", "main", "MODES"]

MODES = tuple(urlstate.MODE_SLUGS)
#: (low, high, step) of the two band sliders, km.
DMZ_RANGE = (2, 60, 2)
DEPTH_RANGE = (20, 200, 10)
_log = logging.getLogger("frontline.app")


def _article_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    from ui.article_view import article_view

    article_view(reports, opts)


def _control_in_use() -> None:
    """What every view measures against, said once in the sidebar."""
    from geo.errors import FrontlineError

    key = data.control_key()
    if key:
        day = f" ({md(key[2])})" if key[2] else ""
        st.sidebar.info(f"Control layer in use: {md(key[0])}{day}")
        return
    try:
        h = data.history_in_use()
    except FrontlineError as exc:
        st.sidebar.error(f"The history could not be read: {md(data.public_text(exc))}")
        return
    if h is not None:
        st.sidebar.info(f"History in use: {len(h)} days, {h.dates[0]} to {h.dates[-1]}. Each "
                        "report is drawn and checked against the mapped day nearest its date "
                        f"(within {data.HISTORY_WITHIN_DAYS} days, "
                        f"{data.HISTORY_WITHIN_DAYS + 15} for a report dated to the month).")


def _history_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    from ui.history import history_view

    history_view(reports, opts)


def _ledger_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    from ui.ledger_view import ledger_view

    ledger_view(reports, opts)


def main() -> None:
    """One run of the page: the chosen view, then the sidebar."""
    data.static_assets()
    reports = data.reports(data.reports_dir())
    ids = list(reports.ids)
    notes = urlstate.restore(ids, ranges={"dmz": DMZ_RANGE, "depth": DEPTH_RANGE})
    for k, v in (("dmz", 20), ("depth", 100)):
        st.session_state.setdefault(k, v)
    if ids:
        st.session_state.setdefault("cmp_b", ids[-1])
        st.session_state.setdefault("export_id", ids[-1])
    st.session_state.setdefault("tiles", False)
    # the views are picked on the page itself: on a phone the sidebar starts folded
    # and stays out of the way; it holds only the options
    mode = st.radio("Mode", MODES, key="mode", horizontal=True, label_visibility="collapsed")
    if mode != st.session_state.get("_last_mode"):  # a view opens on the report last seen
        last = st.session_state.get("_last_report")
        if mode == "Export" and last in ids:
            st.session_state["export_id"] = last
        st.session_state["_last_mode"] = mode
    # the options are read from the session (their widgets, in the sidebar, are drawn
    # after the view: the map goes to the browser first)
    opts = {"tiles": bool(st.session_state["tiles"]), "dmz": float(st.session_state["dmz"]),
            "depth": float(st.session_state["depth"])}
    try:
        for note in notes:
            st.caption(md(note))
        if not reports.reports:
            st.error("No report could be loaded; see the errors in the sidebar.")
            return
        {
            "Report view": report_view,
            "Compare reports": compare_view,
            "History": _history_view,
            "Ledger": _ledger_view,
            "Export": export_view,
            "Your data": your_data_view,
            "New article": _article_view,
        }[mode](reports, opts)
        urlstate.publish(mode)
    finally:
        _sidebar(reports)


def _sidebar(reports: ReportSet) -> None:
    """The options and what every view measures against."""
    st.sidebar.title("Frontline Atlas")
    st.sidebar.caption("What a report or a proposal about the Russia–Ukraine war means on the map.")
    st.sidebar.checkbox("Web map tiles (need the internet)", key="tiles")
    st.sidebar.slider("Demilitarized band width (km)", DMZ_RANGE[0], DMZ_RANGE[1],
                      step=DMZ_RANGE[2], key="dmz")
    st.sidebar.slider("Further line behind the front (km)", DEPTH_RANGE[0], DEPTH_RANGE[1],
                      step=DEPTH_RANGE[2], key="depth")
    drafts = [r.id for r in reports if not r.reviewed]
    if drafts:
        st.sidebar.checkbox(
            "Carry unreviewed drafts into later reports", key=data.CARRY_KEY,
            help=f"Off: the drafts nobody has reviewed ({md(', '.join(drafts[:6]))}"
                 f"{', …' if len(drafts) > 6 else ''}) change no other report's map. On: "
                 "later reports carry their claims, each marked 'unreviewed, from <id>' in "
                 "every map, table and export.")
    _control_in_use()
    for err in reports.errors:  # files named by their folder's name, never a server path
        st.sidebar.error(md(data.public_text(err, data.reports_dir())))
    st.sidebar.caption(
        "Boundaries: OCHA COD-AB, SSPE Kartographia (CC BY 3.0 IGO); Natural Earth (public "
        "domain). Cities: GeoNames (CC BY 4.0). "
        "Reports: facts and paraphrases, not article text."
    )


def run() -> None:
    """:func:`main`, with any failure shown as a message and its detail sent to the log."""
    st.set_page_config(page_title="Frontline Atlas", page_icon="🗺️", layout="wide",
                       initial_sidebar_state="auto")
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - the page must say what happened, not crash
        if type(exc).__module__.startswith("streamlit"):  # rerun/stop signals pass through
            raise
        _log.exception("the page failed")
        st.error(
            "Something went wrong while drawing this view "
            f"({md(type(exc).__name__)}: {md(data.public_text(exc)[:300])}). The other views "
            "still work; "
            "pick another mode or report, or reload the page. The full detail is in the "
            "server's log."
        )


if __name__ == "__main__":  # `streamlit run ui/app.py`, as `frontline app` does when installed
    run()
