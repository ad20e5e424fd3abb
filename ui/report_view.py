"""The report view: one report's map, its claims (with verdicts against a loaded layer),
the consistency findings that name it, the zones it implies, and its map to publish."""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd
import streamlit as st

from geo.labels import claims_table
from geo.layerset import LayerSet
from geo.reports import ReportSet
from layers.html import escape_markdown as md
from ui import data, pages
from ui.common import finding_box, label, show_table, verdict_summary

__all__ = ['report_view']


def _zones_table(ls: LayerSet) -> pd.DataFrame:
    z = ls.zones
    return pd.DataFrame(
        {
            "zone": z["label"],
            "km²": z["area_km2"].where(z["area_km2"] > 0),
            "km long": z["length_km"].where(z["length_km"] > 0),
            "units": z["units"],
            "cities": z["city_count"],
            "people in cities": z["people_in_cities"],
            "largest cities": [
                ", ".join([c["name"] for c in cs if not c["is_section"]][:6]) for cs in z["cities"]
            ],
            "drawn": ["schematic" if x else "measured" for x in z["schematic"]],
            "claims": z["claim_ids"],
        },
        index=z.index,
    )


# ------------------------------------------------------------------ modes
def report_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    rid = st.selectbox("Report", reports.ids, format_func=lambda r: label(reports, r),
                       key="report_id")
    st.session_state["_last_report"] = rid  # Export opens on it
    rep = reports.get(rid)
    key, origin = data.control_for(rid)
    with st.spinner("Deriving zones…"):
        ls = data.layerset(rid, data.reports_dir(), key, opts["dmz"], opts["depth"])
    st.subheader(md(rep.title))
    if not rep.reviewed:
        st.warning("**Unreviewed draft**: its claims were extracted from an article by rule "
                   "and no person has checked them yet (each claim's `review` in the file "
                   f"says why). File: {md(data.report_file(rep, data.reports_dir()))}")
    st.caption(
        f"{md(rep.outlet)} · {md(rep.date_text)} ({md(rep.date_precision)} precision) · {md(rep.context)}"
    )
    if not ls.schematic:
        when = f" ({ls.control.date.isoformat()})" if ls.control and ls.control.date else ""
        if ls.control is not None and ls.control.schematic:
            st.warning(
                f"Held ground is taken from {md(origin)}: **{md(ls.control_name)}**{md(when)}, "
                "a **schematic** layer (its features say `schematic: true`: zones drawn from "
                "a report's claims, not a mapped front line). The claims below are checked "
                "against it, which tests claims against claims, not against a map."
            )
        else:
            st.info(
                f"Held ground is **measured** from {md(origin)}: **{md(ls.control_name)}**"
                f"{md(when)}; every claim below is checked against it, and the zones are cut "
                "from it."
            )
        gap = data.atlas(data.reports_dir()).date_gap(rid, ls.control) if ls.control else None
        if gap:
            st.warning(md(gap))
        for note in ls.held.notes:
            st.caption(md(note))
    else:
        st.caption(
            f"Control zones are **schematic** ({md(origin)}): grown to the claimed share of each "
            "unit, not mapped front lines. Upload a mapped control layer under *Your data*, or "
            "a history under *History*, to use it instead."
        )
    col_map, col_side = st.columns([3, 2])
    with col_map:
        html = data.report_page(rid, data.reports_dir(), key, opts["dmz"],
                                opts["depth"], opts["tiles"])
        pages.show_page(html, height=640)
        _publish_buttons(rid, opts)
    with col_side:
        st.markdown("**Claims per unit** (stated here or carried forward; scroll sideways "
                    "or widen for source and claim id)")
        verdicts = ls.verdicts if ls.control is not None else None
        table = claims_table(ls.snapshot, verdicts)
        first = (["unit", "claim", "verdict", "measured", "status"] if verdicts is not None
                 else ["unit", "claim", "claimed share", "km² low", "km² high", "status"])
        show_table(table, columns=first, height=420)
        with st.expander("Every column (source, claim id, intervals)"):
            show_table(table, columns=[*first, *[c for c in table.columns if c not in first]])
        if verdicts is not None:
            verdict_summary(verdicts, ls.control_name)
        if not ls.findings:
            st.caption("**Consistency findings**: none names this report.")
        else:
            counts: dict[str, int] = {}
            for f in ls.findings:
                counts[f.severity] = counts.get(f.severity, 0) + 1
            title = ", ".join(f"{n} {k}" for k, n in counts.items())
            with st.expander(f"Consistency findings: {title}",
                             expanded="inconsistent" in counts):
                for f in ls.findings:
                    finding_box(f)
    st.markdown("**Zones this report implies**")
    if len(ls.zones):
        show_table(_zones_table(ls))
    else:
        st.caption("This report makes no claim that implies a zone.")


def _publish_buttons(rid: str, opts: dict[str, Any]) -> None:
    """Downloads of the map to publish (made when clicked)."""
    args = (rid, data.reports_dir(), data.control_for(rid)[0], opts["dmz"], opts["depth"])
    c1, c2, c3 = st.columns(3)
    for col, fmt, text, mime in (
        (c1, "png", "Map for an article (PNG)", "image/png"),
        (c2, "svg", "Map for an article (SVG)", "image/svg+xml"),
        (c3, "html", "Standalone HTML map", "text/html"),
    ):
        col.download_button(text, data=functools.partial(data.published_map, *args, fmt),
                            file_name=f"{rid}-map.{fmt}", mime=mime, key=f"pub-{fmt}-{rid}")
