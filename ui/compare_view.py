"""The compare view: reports A and B side by side in one page whose maps follow each
other in the browser, the difference map, the change table, the timeline and, with a
loaded control layer or history, both reports' claims against it (with a history, each
report against the mapped day nearest its own date)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo.labels import delta_table, verdict_table
from geo.reports import ReportSet
from layers.html import escape_markdown as md
from ui import data, pages
from ui.common import label, show_table, verdict_summary

__all__ = ['compare_view']


def _timeline_chart() -> None:
    import altair as alt

    st.markdown("**Claimed share over time**, one panel per unit (band: the claim's interval; "
                "line and dots: its central value at each report's date)")
    tl = data.atlas(data.reports_dir()).timeline()
    if not len(tl):
        st.caption("No claimed shares to draw.")
        return
    base = alt.Chart(tl).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=4)),
        color=alt.Color("name_en:N", legend=None, scale=alt.Scale(scheme="tableau10")),
    )
    band = base.mark_area(opacity=0.3).encode(
        y=alt.Y("share_low:Q", title="claimed share held (%)", scale=alt.Scale(domain=[0, 100])),
        y2="share_high:Q")
    line = base.mark_line(point=True, strokeWidth=2).encode(
        y="share_central:Q",
        tooltip=[alt.Tooltip("name_en:N", title="unit"), alt.Tooltip("report_id:N", title="report"),
                 alt.Tooltip("date_text:N", title="date"), alt.Tooltip("outlet:N"),
                 alt.Tooltip("share_low:Q", title="low %"),
                 alt.Tooltip("share_high:Q", title="high %"), alt.Tooltip("status:N")])
    chart = (band + line).properties(width=170, height=110).facet(
        facet=alt.Facet("name_en:N", title=None), columns=5)
    st.altair_chart(chart)


def compare_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    ids = list(reports.ids)
    c1, c2 = st.columns(2)
    a = c1.selectbox("Earlier report (A)", ids, format_func=lambda r: label(reports, r),
                     key="cmp_a")
    b = c2.selectbox("Later report (B)", ids, format_func=lambda r: label(reports, r),
                     key="cmp_b")
    (key_a, origin_a), (key_b, origin_b) = data.control_for(a), data.control_for(b)
    if a == b:
        st.info(f"A and B are the same report ({md(a)}): pick another for B to see what changed.")
    elif reports.get(a).sort_key > reports.get(b).sort_key:
        st.warning(f"A ({md(a)}, {md(reports.get(a).date_text)}) is later than B ({md(b)}, "
                   f"{md(reports.get(b).date_text)}): the changes below run from A to B, so a "
                   "rise reads as a fall.")
        st.button("Swap A and B", key="cmp_swap", on_click=_swap_compare)
    with st.spinner("Drawing both reports…"):
        html = data.compare_page(a, b, data.reports_dir(), key_a, key_b, opts["dmz"],
                                 opts["depth"], opts["tiles"])
    st.caption("The two maps follow each other: pan or zoom either one.")
    pages.show_page(html, height=480, prefix="compare")
    delta = data.atlas(data.reports_dir()).compare(a, b)
    st.markdown(
        f"**What changed from {md(a)} to {md(b)}** (claimed shares; *significant* = intervals do not overlap)"
    )
    dcol, tcol = st.columns([2, 3])
    with dcol:
        pages.show_page(data.difference_page(a, b, data.reports_dir(), opts["tiles"]),
                        height=420, prefix="difference")
    with tcol:
        show_table(delta_table(delta, a, b), height=420)
    _timeline_chart()
    for rid, key, origin in ((a, key_a, origin_a), (b, key_b, origin_b)):
        if key is None:
            if key_a or key_b:  # the other one is checked: say why this one is not
                st.caption(f"{md(rid)}: {md(origin)}; its claims are not checked.")
            continue
        ls = data.layerset(rid, data.reports_dir(), key, opts["dmz"], opts["depth"])
        when = f" ({ls.control.date.isoformat()})" if ls.control and ls.control.date else ""
        st.markdown(f"**Claims in force in {md(ls.report.id)} against {md(origin)}: "
                    f"{md(ls.control_name)}{md(when)}**")
        gap = data.atlas(data.reports_dir()).date_gap(rid, ls.control) if ls.control else None
        if gap:
            st.warning(md(gap))
        verdict_summary(ls.verdicts, ls.control_name)
        if len(ls.verdicts):
            show_table(verdict_table(ls.verdicts))


def _swap_compare() -> None:
    st.session_state["cmp_a"], st.session_state["cmp_b"] = (st.session_state["cmp_b"],
                                                            st.session_state["cmp_a"])
