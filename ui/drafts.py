"""The user's saved reports (drafts from articles), listed in the New article view: edit
one's YAML or delete it.

Only reports saved in the user's folder (:func:`geo.reports.user_reports_dir`) are
listed; a built-in report, or one of the reports folder, is never edited or deleted here.
An edit is checked by the report loader's own validation before anything is written; a
problem is shown with its line and field and the saved file is left as it was. The file
is replaced atomically (:func:`geo.reports.save_report_text`), and only if nobody
changed it since it was opened. A delete asks to be confirmed. After either, the page
runs again and every view reads the reports afresh.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import streamlit as st

from geo.errors import FrontlineError
from geo.reports import Report, ReportSet, parse_report_text, save_report_text, user_reports_dir
from layers.html import escape_markdown as md
from ui import data
from ui.common import label

__all__ = ["saved_drafts", "saved_reports", "read_saved"]

#: Session keys: the report being edited, its text in the editor, and what was read
#: ((id, path, SHA-256 of the file when opened)); the report asked to be deleted; the
#: message of the last edit or delete (shown once, after the page runs again).
EDITING, TEXT, OPENED, DELETING, MESSAGE = ("draft_editing", "draft_text", "draft_opened",
                                            "draft_deleting", "draft_message")
#: Widget keys that may hold a report id (a deleted report's id is taken out of them).
_REPORT_KEYS = ("report_id", "cmp_a", "cmp_b", "export_id", "_last_report")


def saved_reports(reports: ReportSet) -> list[Report]:
    """The reports of ``reports`` that are files of the user's folder, in date order."""
    mine = os.path.realpath(user_reports_dir())
    return [r for r in reports if r.path is not None
            and os.path.realpath(r.path.parent) == mine]


def read_saved(path: Path) -> str:
    """The text of a saved report file (UTF-8, at most the loader's size cap).

    Raises
    ------
    FrontlineError
        The file cannot be read, is too large, or is not UTF-8 text.
    """
    from geo.reports.yamltree import MAX_TEXT_CHARS
    from geo.safeio import read_user_file

    name = data.report_file(path, data.reports_dir())
    raw = read_user_file(path, label=name, max_bytes=MAX_TEXT_CHARS,
                         what="report file (.yaml)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FrontlineError(f"{name}: not UTF-8 text ({exc.reason} at byte "
                             f"{exc.start}).") from None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _find(reports: ReportSet, rid: str | None) -> Report | None:
    """The user's saved report ``rid`` (None when it is not one: built-in, or gone)."""
    return next((r for r in saved_reports(reports) if r.id == rid), None)


def _done(message: str) -> None:
    """Say ``message`` after the page runs again (the reports read afresh)."""
    for k in (EDITING, TEXT, OPENED, DELETING):
        st.session_state.pop(k, None)
    st.session_state[MESSAGE] = message
    st.rerun()


def _open(rep: Report) -> None:
    """Put the saved file's text into the editor."""
    assert rep.path is not None
    try:
        text = read_saved(rep.path)
    except FrontlineError as exc:
        st.error(md(data.public_text(exc, data.reports_dir())))
        return
    st.session_state[EDITING] = rep.id
    st.session_state[TEXT] = text
    st.session_state[OPENED] = (rep.id, str(rep.path), _digest(text))
    st.session_state.pop(DELETING, None)


def _save(reports: ReportSet, text: str) -> None:
    """Check the edited text and replace the saved file with it, or say why not (the
    file left as it was)."""
    rid, path_text, opened = st.session_state[OPENED]
    rep = _find(reports, rid)
    if rep is None or rep.path is None or str(rep.path) != path_text:
        st.error(md(f"Not saved: {rid} is no longer one of your saved reports."))
        return
    where = data.report_file(rep, data.reports_dir())
    try:
        edited = parse_report_text(text, where=where)
    except FrontlineError as exc:  # every problem, with its line and field
        st.error(md(f"Not saved; the file is left as it was. "
                    f"{data.public_text(exc, data.reports_dir())}"))
        return
    except (RecursionError, MemoryError, TypeError, OverflowError) as exc:
        st.error(md(f"Not saved; the file is left as it was. {where}: cannot be read as a "
                    f"report ({type(exc).__name__})."))
        return
    if edited.id != rid:
        st.error(md(f"Not saved: {where} holds report {rid}; keep `id: {rid}` (a report "
                    "under another id is saved from a new article)."))
        return
    try:
        now = read_saved(rep.path)
    except FrontlineError as exc:
        st.error(md(f"Not saved: {data.public_text(exc, data.reports_dir())}"))
        return
    if _digest(now) != opened:
        st.error(md(f"Not saved: {where} was changed since you opened it. Cancel and edit "
                    "it again to start from what is saved now."))
        return
    try:  # checked again by the saver, then written to a temporary file renamed in place
        save_report_text(text, rep.path.parent, overwrite=True, name=rep.path.name)
    except (FrontlineError, OSError) as exc:
        st.error(md(f"Not saved: {data.public_text(exc, data.reports_dir())}"))
        return
    _done(f"Saved your changes to {rid} ({where}). Every view uses them now.")


def _delete(reports: ReportSet, rid: str) -> None:
    """Delete the user's saved report ``rid`` (never any other)."""
    rep = _find(reports, rid)
    if rep is None or rep.path is None:
        st.error(md(f"Not deleted: {rid} is not one of your saved reports."))
        return
    where = data.report_file(rep, data.reports_dir())
    try:
        rep.path.unlink()
    except FileNotFoundError:
        pass  # gone already: what was asked
    except OSError as exc:
        st.error(md(f"Not deleted: {where}: {exc.strerror or exc}."))
        return
    for key in _REPORT_KEYS:  # no widget keeps an id that is gone
        if st.session_state.get(key) == rid:
            st.session_state.pop(key, None)
    # nor the form below its "Saved A1 ... in the report picker of every view now"
    st.session_state.pop("article_saved", None)
    _done(f"Deleted {rid} ({where}).")


def saved_drafts(reports: ReportSet) -> None:
    """The user's saved reports, each with *Edit* and *Delete*; the editor of the one
    being edited; the confirmation of a delete."""
    mine = saved_reports(reports)
    message = st.session_state.pop(MESSAGE, None)
    if message:
        st.success(md(message))
    if not mine:
        return
    st.markdown(f"**Your saved reports ({len(mine)})**: review, edit or delete them. The "
                "built-in reports are not changed here.")
    for rep in mine:
        c1, c2, c3 = st.columns([6, 1, 1], vertical_alignment="center")
        c1.markdown(md(f"{label(reports, rep.id)} · {len(rep.claims)} claim(s) · "
                       f"{data.report_file(rep, data.reports_dir())}"))
        if c2.button("Edit", key=f"draft_edit_{rep.id}"):
            _open(rep)
        if c3.button("Delete", key=f"draft_delete_{rep.id}"):
            st.session_state[DELETING] = rep.id
            st.session_state.pop(EDITING, None)
    deleting = _find(reports, st.session_state.get(DELETING))
    if deleting is not None:
        where = data.report_file(deleting, data.reports_dir())
        st.warning(md(f"Delete {deleting.id} ({where})? Its file is removed and every view "
                      "stops using it; this cannot be undone."))
        y, n, _ = st.columns([1, 1, 4])
        if y.button(f"Yes, delete {deleting.id}", key="draft_delete_yes", type="primary"):
            _delete(reports, deleting.id)
        if n.button("Cancel", key="draft_delete_no"):
            st.session_state.pop(DELETING, None)
            st.rerun()
    editing = _find(reports, st.session_state.get(EDITING))
    if editing is not None and TEXT in st.session_state:
        where = data.report_file(editing, data.reports_dir())
        text = st.text_area(md(f"{editing.id} as YAML ({where})"), key=TEXT, height=420,
                            help="The report's file as written (docs/report-format.md). "
                                 "It is checked before it is saved; set `review: "
                                 "reviewed` once you have checked every claim.")
        s, c, _ = st.columns([1, 1, 4])
        if s.button("Save changes", key="draft_edit_save", type="primary"):
            _save(reports, text)
        if c.button("Cancel", key="draft_edit_cancel"):
            for k in (EDITING, TEXT, OPENED):
                st.session_state.pop(k, None)
            st.rerun()
    st.divider()
