"""What the views of the app share: report labels, finding boxes, verdict summaries."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from geo.labels import display_frame
from geo.reports import ReportSet
from geo.verify import summary
from layers.html import escape_markdown as md

__all__ = ['label', 'finding_box', 'verdict_summary', 'show_table']


def label(reports: ReportSet, rid: str) -> str:
    r = reports.get(rid)
    return f"{r.id} · {r.date_text} · {r.outlet}" + ("" if r.reviewed else " · unreviewed")


def finding_box(f: Any) -> None:
    text = (f"**{md(f.severity)}** — {md(f.message)}  \n_reports {md(', '.join(f.report_ids))}; "
            f"claims {md(', '.join(f.claim_ids))}_")
    if f.severity == "inconsistent":
        st.error(text)
    elif f.severity == "tension":
        st.warning(text)
    else:
        st.success(text)


def verdict_summary(verdicts: pd.DataFrame, control_name: str) -> None:
    counts = summary(verdicts)
    text = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or \
        "no claim in force to check (older claims are stale)"
    st.caption(f"Against **{md(control_name)}**: {md(text)}. Each claim is compared with the "
               "ground of the side it names; the tolerance is the unit's boundary mismatch "
               "(coast and state border drawn differently by the layer and the boundaries).")


def show_table(frame: pd.DataFrame, *, columns: list[str] | None = None,
               height: int | None = None) -> None:
    """A table as every view shows one: cells as the CLI prints them
    (:func:`geo.labels.cell_text`: thousands separated, nothing for a missing value), no
    index column, text wrapped inside its cell rather than cut (an HTML table); ``height``
    (px) scrolls a long one in a box."""
    shown = frame[[c for c in columns if c in frame.columns]] if columns else frame
    table = display_frame(shown)
    if height is not None and len(table) > 8:
        with st.container(height=height):
            st.table(table, hide_index=True)
    else:
        st.table(table, hide_index=True)
