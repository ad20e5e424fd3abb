"""What the views of the app share: report labels, finding boxes, verdict summaries."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from geo.labels import display_frame
from geo.reports import ReportSet
from geo.verify import summary
from layers.html import escape_markdown as md

__all__ = ['label', 'finding_box', 'verdict_summary', 'show_table', 'cell_markdown']


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


# "_" inside a word (zone_withdrawal) is no emphasis, and is left as it is
_INLINE = re.compile(r"([\\`*\[\]<>&$~|]|(?<!\w)_|_(?!\w))")
_BLOCK = re.compile(r"^(\s*)([#+*-]|\d+)([.)]?)(?=\s|$)", re.M)


def cell_markdown(text: object) -> str:
    """``text`` for a cell of ``st.table``, which reads markdown, so that it shows as
    written: what markdown would read -- emphasis, code, links, HTML, formulas, a quote
    (``> 80 %``), a heading or a list item at a line's start -- backslash-escaped; the
    rest as it is, so ``-4``, ``0.5–15 %``, ``2024-11-23`` and ``zone_withdrawal`` read
    the same.

    Examples
    --------
    >>> print(cell_markdown("> 80 %"), cell_markdown("-4"), cell_markdown("1. *x*"))
    \\> 80 % -4 1\\. \\*x\\*
    """
    def block(m: re.Match[str]) -> str:  # "1." and "1)" escape their dot or bracket
        if m.group(2).isdigit():
            return m.group(0) if not m.group(3) else f"{m.group(1)}{m.group(2)}\\{m.group(3)}"
        return f"{m.group(1)}\\{m.group(2)}{m.group(3)}"
    return _BLOCK.sub(block, _INLINE.sub(r"\\\1", str(text)))


def show_table(frame: pd.DataFrame, *, columns: list[str] | None = None,
               height: int | None = None) -> None:
    """A table as every view shows one: cells as the CLI prints them
    (:func:`geo.labels.cell_text`: thousands separated, nothing for a missing value), no
    index column, text wrapped inside its cell rather than cut (an HTML table), shown as
    written (escaped, so no markdown is read from it: ``> 80 %`` is no quote); ``height``
    (px) scrolls a long one in a box."""
    shown = frame[[c for c in columns if c in frame.columns]] if columns else frame
    # st.table reads every cell and heading as markdown ("> 80 %" was a quote of "80 %")
    table = display_frame(shown).map(cell_markdown)
    table.columns = pd.Index([cell_markdown(c) for c in table.columns])
    if height is not None and len(table) > 8:
        with st.container(height=height):
            st.table(table, hide_index=True)
    else:
        st.table(table, hide_index=True)
