"""The view in the URL: mode, reports, unit, day and options in the query string.

On a session's first run the query string (``?mode=compare&a=R1&b=R5``) sets the
widgets; after every run the widgets' values are written back, so the address bar
always holds a link that opens the same view. A value that does not fit (an unknown
report, a day outside the history) is left out with a note, never an error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

__all__ = ["MODE_SLUGS", "FIELDS", "restore", "publish", "apply_choice", "linked"]

#: Parameters checked later, by the view that knows their choices (:func:`apply_choice`,
#: :func:`linked`).
_IN_VIEW = ("unit", "day", "from", "to", "window", "per")

#: URL word of each mode.
MODE_SLUGS: dict[str, str] = {
    "Report view": "report",
    "Compare reports": "compare",
    "History": "history",
    "Ledger": "ledger",
    "Export": "export",
    "Your data": "data",
    "New article": "article",
}

#: Query parameter -> widget key, and the modes it belongs to (None: every mode).
FIELDS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "mode": ("mode", None),
    "report": ("report_id", ("report",)),
    "a": ("cmp_a", ("compare",)),
    "b": ("cmp_b", ("compare",)),
    "unit": ("history_unit", ("history",)),
    "day": ("history_day", ("history",)),
    "from": ("history_from", ("history",)),
    "to": ("history_to", ("history",)),
    "window": ("pace_window", ("history",)),
    "per": ("pace_period", ("history",)),
    "export": ("export_id", ("export",)),
    "dmz": ("dmz", None),
    "depth": ("depth", None),
    "tiles": ("tiles", None),
}

_PENDING = "_url_pending"  # values for widgets of other views, set when they appear


def restore(report_ids: Sequence[str], *, ranges: Mapping[str, tuple[int, int, int]]) -> list[str]:
    """Set the widgets from the query string, once per session; the notes on values left out.

    ``ranges`` gives (low, high, step) of the integer sliders (``dmz``, ``depth``).
    Unit and days are checked later, by :func:`apply_choice` or :func:`linked`, when their
    view knows them.
    """
    if st.session_state.get("_url_restored"):
        return []
    st.session_state["_url_restored"] = True
    params = st.query_params
    notes: list[str] = []
    slugs = {v: k for k, v in MODE_SLUGS.items()}
    checks: dict[str, Callable[[str], Any]] = {
        "mode": lambda v: slugs[v],
        "report": lambda v: _one_of(v, report_ids),
        "a": lambda v: _one_of(v, report_ids),
        "b": lambda v: _one_of(v, report_ids),
        "export": lambda v: _one_of(v, report_ids),
        "tiles": lambda v: {"1": True, "0": False, "true": True, "false": False}[v.lower()],
    }
    for name, r in ranges.items():
        checks[name] = functools.partial(_in_range, r=r)
    pending: dict[str, str] = {}
    for name, (key, _modes) in FIELDS.items():
        if name not in params:
            continue
        value = params[name]
        if name in _IN_VIEW:
            pending[key] = value
            continue
        try:
            st.session_state[key] = checks[name](value)
        except (KeyError, ValueError):
            notes.append(f"link: {name}={value!r} is not one of this app's choices; left out.")
    st.session_state[_PENDING] = pending
    return notes


def apply_choice(key: str, options: Sequence[str], default: str) -> None:
    """Before a widget whose options are known only in its view: take the linked value
    if it is one of ``options``, keep a valid current value, else ``default``."""
    value = linked(key)
    if value in options:
        st.session_state[key] = value
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default


def linked(key: str) -> str | None:
    """The value the link gave widget ``key`` (once: taken, so a later run keeps what the
    reader picked), for a view that checks it itself (a date snapped to a mapped day)."""
    pending = st.session_state.get(_PENDING, {})
    value = pending.pop(key, None)
    return None if value is None else str(value)


def publish(mode: str) -> None:
    """Write the current view's widget values into the query string (only what changed)."""
    slug = MODE_SLUGS.get(mode, "report")
    want: dict[str, str] = {}
    for name, (key, modes) in FIELDS.items():
        if modes is not None and slug not in modes:
            continue
        value = slug if name == "mode" else st.session_state.get(key)
        if value is None:
            continue
        want[name] = ("1" if value else "0") if isinstance(value, bool) else str(value)
    current = dict(st.query_params)
    if current != want:
        st.query_params.from_dict(want)


def _one_of(value: str, options: Sequence[str]) -> str:
    if value not in options:
        raise ValueError(value)
    return value


def _in_range(value: str, r: tuple[int, int, int]) -> int:
    low, high, step = r
    v = int(value)
    if not low <= v <= high or (v - low) % step:
        raise ValueError(value)
    return v
