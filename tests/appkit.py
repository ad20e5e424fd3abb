"""Shared pieces of the app and ledger tests: the app run by ``streamlit.testing`` with a
session, and one saved, unreviewed draft report."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

#: A saved, unreviewed draft four days after R1 (a mapped day of the synthetic histories):
#: "roughly 40 %" of Donetsk (38-42 %).
DRAFT = """id: A1
title: Draft from an article
outlet: Wire
date: '2024-11-27'
date_precision: day
context: A draft made from an article.
review: unreviewed
claims:
  - id: A1-c1
    kind: control_share
    actor: russia
    units: [UA-14]
    figure: 40
    figure_unit: percent
    qualifier: roughly
    paraphrase: Russia holds roughly 40 % of Donetsk.
"""


def run_app(**session: object) -> AppTest:
    """The app run once with ``session`` set first (widget keys and their values)."""
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in session.items():
        at.session_state[k] = v
    return at.run()
