"""New article: paste or upload an English news article, review the claims the rules
find (edit or drop any), and save them as a new report that every view uses at once;
above the form, the user's saved reports, each to edit or delete (:mod:`ui.drafts`).

The report is checked by the report loader's own validation, written atomically to the
user's reports folder (:func:`geo.reports.user_reports_dir`) and marked
``review: unreviewed`` until a person sets it otherwise in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import FrontlineError
from geo.reports import Report, ReportSet
from layers.html import escape_markdown as md

__all__ = ["article_view"]

_COLUMNS = ["keep", "kind", "actor", "regions", "value", "unit", "qualifier", "low", "high",
            "period", "review", "sentence", "start", "end", "target", "measure", "per"]


@st.cache_data(max_entries=8, show_spinner=False)
def _extract(text: str) -> pd.DataFrame:
    from geo.extract import extract_claims

    rows = []
    for c in extract_claims(text, label="the article"):
        d = c.as_dict()
        if d["held"] is not None:  # a demand's share held there shows as its figure
            d.update(value=d["held"]["value"], unit="percent", qualifier=d["held"]["qualifier"])
        rows.append({"keep": True, "kind": d["kind"], "actor": d["actor"],
                     # "UA-09+UA-14": a share of them together (saved as scope: combined)
                     "regions": ("+" if c.combined else ",").join(d["regions"]),
                     "value": d["value"], "unit": d["unit"],
                     "qualifier": d["qualifier"], "low": d["low"], "high": d["high"],
                     "review": "; ".join(d["review"]) or "extracted by rule",
                     "sentence": d["sentence"], "start": d["span"][0], "end": d["span"][1],
                     "target": d["target"],
                     # a pace claim's period (first/last day), what and per what
                     "period": "/".join(c.period) if c.period else None,
                     "measure": c.measure, "per": c.per})
    return pd.DataFrame(rows, columns=_COLUMNS)


def _next_id(reports: ReportSet) -> str:
    n = 1
    while f"A{n}" in reports.ids:
        n += 1
    return f"A{n}"


def article_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    from geo.extract import KINDS, SIDES, article_date, decode_article
    from ui.drafts import saved_drafts

    saved_drafts(reports)
    st.caption("Paste an English news article (or upload it as a .txt file). The rules, and a "
               "small learned reader for what they leave unread, look for territorial claims: "
               "control shares and areas, demands to cede or withdraw, offers to withdraw. On "
               "text they were not written for they find about 9 in 10 of the claims a "
               "careful reader records, and about 9 in 10 of what they find is right (README), "
               "so review them below, then save a new report: it is marked **unreviewed** "
               "and used at once by every view.")
    up = st.file_uploader("Upload the article (.txt)", type=["txt"], key="article_upload")
    text = st.text_area("…or paste it here", key="article_text", height=200)
    if up is not None and not text.strip():
        try:
            text = decode_article(up.getvalue(), label=up.name)
        except FrontlineError as exc:
            st.error(md(exc))
            return
    if not text.strip():
        return
    try:
        found = _extract(text)
    except FrontlineError as exc:
        st.error(md(exc))
        return
    st.markdown(f"**{len(found)} claim(s) found**: untick *keep* to drop one; edit any "
                "field. *review* says why a claim needs a person's eye.")
    edited = st.data_editor(
        found, key="article_claims", hide_index=True, width="stretch", num_rows="dynamic",
        column_config={
            "keep": st.column_config.CheckboxColumn(),
            "kind": st.column_config.SelectboxColumn(options=[*KINDS, "pace"], required=True),
            "actor": st.column_config.SelectboxColumn(options=list(SIDES), required=True),
            "unit": st.column_config.SelectboxColumn(options=["percent", "km2"]),
            "qualifier": st.column_config.SelectboxColumn(
                options=["over", "under", "around", "exact", "all", "nearly_all", "part",
                         "large_part", "some"]),
            "low": st.column_config.NumberColumn(disabled=True),
            "high": st.column_config.NumberColumn(disabled=True),
            "sentence": st.column_config.TextColumn(disabled=True, width="large"),
            "period": st.column_config.TextColumn(
                help="Pace claims: the first and last day, YYYY-MM-DD/YYYY-MM-DD"),
            "start": None, "end": None, "target": None, "measure": None, "per": None,
        })
    c1, c2, c3, c4 = st.columns(4)
    rid = c1.text_input("Report id", value=_next_id(reports), key="article_id")
    title = c2.text_input("Title (your own words)", value="Draft from an article",
                          key="article_title")
    outlet = c3.text_input("Outlet", value="unknown outlet", key="article_outlet")
    dateline = article_date(text, today=dt.date.today())
    date = c4.date_input("Date (the article's)", value=dateline[0] if dateline else None,
                         max_value=dt.date.today(), key="article_date",
                         help="From the article's dateline when it has one; never today by "
                              "default (a draft's claims are placed in time by it).")
    c4.caption(f"from the dateline '{md(dateline[1])}'" if dateline else
               "the article gives no date: enter the day it was published")
    rid = rid.strip()
    mine = _saved_report(reports, rid)
    # the user's own saved report may be replaced on purpose; any other id is refused
    replace = mine is not None and st.checkbox(
        f"Replace my saved report {rid}", key="article_replace",
        help="You saved a report with this id before: tick to replace it with this one.")
    if st.button("Save as a new report (unreviewed)", key="article_save", type="primary"):
        st.session_state.pop("article_saved", None)  # no earlier save's message after this
        if date is None:
            st.error("Date: the article gives none; enter the day it was published (a "
                     "draft never takes today's date by default).")
        elif _id_free(reports, rid, replace=replace):
            _save(edited, rid=rid, title=title.strip(), outlet=outlet.strip(), date=date,
                  replace=mine.path if replace and mine is not None else None)
    if st.session_state.get("article_saved"):
        st.success(md(st.session_state["article_saved"]))


def _saved_report(reports: ReportSet, rid: str) -> Report | None:
    """The report ``rid`` when it is one the user saved (a file of
    :func:`geo.reports.user_reports_dir`), else None."""
    import os

    from geo.reports import user_reports_dir

    if rid not in reports.ids:
        return None
    rep = reports.get(rid)
    if rep.path is None or os.path.realpath(rep.path.parent) != os.path.realpath(
            user_reports_dir()):
        return None
    return rep


def _id_free(reports: ReportSet, rid: str, *, replace: bool) -> bool:
    """Whether a report may be saved as ``rid``: an id no report has, or the user's own
    saved report with *Replace* ticked. A built-in report's id (or one of the reports
    folder) is never taken: the saved file would be refused beside it and the picker
    would go on showing the other report. Says why not (an error)."""
    from ui.data import report_file, reports_dir

    if rid not in reports.ids:
        return True
    rep, free = reports.get(rid), _next_id(reports)
    where = report_file(rep, reports_dir())
    if _saved_report(reports, rid) is None:
        st.error(md(f"Not saved: {rid} is the id of a report already in the picker "
                    f"({where}), which a saved report never replaces. Pick another id: "
                    f"{free} is free."))
        return False
    if not replace:
        st.error(md(f"Not saved: you saved a report {rid} before ({where}). Tick "
                    f"*Replace my saved report {rid}* to replace it, or pick another id: "
                    f"{free} is free."))
        return False
    return True


def _pace(claim: Any, row: Mapping[Any, Any], i: int) -> Any:
    """An edited row of kind ``pace`` as a pace claim: ``claim`` (its fields read as an
    area's) with the row's period ``YYYY-MM-DD/YYYY-MM-DD``, measure and rate."""
    from dataclasses import replace

    text = "" if pd.isna(row.get("period")) else str(row["period"]).strip()
    days = text.split("/")
    try:
        first, last = (dt.date.fromisoformat(d.strip()) for d in days) if len(days) == 2 \
            else (None, None)
    except ValueError:
        first = last = None
    if first is None or last is None or first > last:
        raise FrontlineError(f"row {i}: period: expected the first and last day of a pace "
                             f"claim, YYYY-MM-DD/YYYY-MM-DD (2025-10-01/2025-10-31); got "
                             f"{text!r}.")
    measure = None if pd.isna(row.get("measure")) else str(row["measure"])
    per = None if pd.isna(row.get("per")) else str(row["per"])
    return replace(claim, kind="pace", period=(first.isoformat(), last.isoformat()),
                   measure=measure or "gained", per=per or "period")


def _save(rows: pd.DataFrame, *, rid: str, title: str, outlet: str, date: dt.date,
          replace: Path | None = None) -> None:
    from geo.extract import claim_from_fields, draft_report, draft_yaml
    from geo.reports import save_report_text, user_reports_dir

    claims, problems = [], []
    for i, r in enumerate(rows.to_dict("records"), 1):
        if not r.get("keep"):
            continue
        value = None if pd.isna(r.get("value")) else float(r["value"])
        kind = str(r.get("kind") or "")
        try:
            claim = claim_from_fields(  # a pace claim's fields are an area's, and a period
                kind="control_area" if kind == "pace" else kind, actor=str(r.get("actor") or ""),
                regions=str(r.get("regions") or ""), value=value,
                unit=None if pd.isna(r.get("unit")) else str(r["unit"]),
                qualifier=None if pd.isna(r.get("qualifier")) else str(r["qualifier"]),
                span=(int(r.get("start") or 0), int(r.get("end") or 0)),
                sentence=str(r.get("sentence") or ""),
                target=None if pd.isna(r.get("target")) else str(r["target"]),
                review=(str(r.get("review") or ""),), where=f"row {i}")
            claims.append(_pace(claim, r, i) if kind == "pace" else claim)
        except FrontlineError as exc:
            problems.append(str(exc))
    if problems:
        st.error(md("Not saved: " + " ".join(problems)))
        return
    if not claims:
        st.error("Not saved: no claim is kept; tick *keep* for at least one.")
        return
    try:
        text = draft_yaml(draft_report(claims, report_id=rid, title=title or "Draft",
                                       outlet=outlet or "unknown outlet", date=date),
                          where="the new report")
        if replace is not None:  # the user's own report, on purpose: its file, replaced
            path = save_report_text(text, replace.parent, overwrite=True, name=replace.name)
        else:
            path = save_report_text(text, user_reports_dir())
    except FrontlineError as exc:
        from ui.data import public_text, reports_dir

        st.error(md(f"Not saved: {public_text(exc, reports_dir())}"))
        return
    from ui.data import report_file, reports_dir

    st.session_state["article_saved"] = (
        f"{'Replaced' if replace is not None else 'Saved'} {rid} ({len(claims)} claim(s), "
        "unreviewed) as "
        f"{report_file(path, reports_dir())}. It is in the report picker of every view now.")
    st.rerun()  # the reports read afresh: the saved list above the form shows it
