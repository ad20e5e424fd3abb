"""What the views of the app share: report labels, finding boxes, verdict summaries."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from geo.reports import ReportSet
from geo.verify import summary
from layers.html import escape_markdown as md

__all__ = ['label', 'finding_box', 'verdict_summary']


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
