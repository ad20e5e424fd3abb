"""The Ledger view, driven by streamlit.testing: every claim of the app's reports (a saved
draft among them) against a generated history or one layer, as the atlas checks them."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd
import pytest
from appkit import DRAFT, ROOT, run_app
from streamlit.testing.v1 import AppTest

from geo.control import load_control
from geo.history import read_history
from geo.layerset import Atlas
from geo.reports import load_reports
from geo.synthetic import write_days


def _text(at: AppTest) -> str:
    """What a reader sees: markdown, captions, notes (escapes and entities undone)."""
    parts = [*at.markdown, *at.caption, *at.info, *at.warning, *at.error]
    return html.unescape("\n".join(str(p.value) for p in parts).replace("\\", ""))


def _ledger(at: AppTest) -> pd.DataFrame:
    (table,) = [d.value for d in at.dataframe]
    return table


@pytest.fixture()
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's folder with the draft A1 saved in it."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "A1.yaml").write_text(DRAFT, encoding="utf-8")
    monkeypatch.setenv("FRONTLINE_USER_REPORTS", str(folder))
    monkeypatch.delenv("FRONTLINE_HISTORY_DIR", raising=False)
    return folder


@pytest.fixture()
def r1_history(tmp_path: Path, daily_layers: list) -> Path:  # type: ignore[type-arg]
    """The synthetic days moved so that their 2024-07-12 falls on R1's date."""
    folder = tmp_path / "r1-history"
    write_days(folder, daily_layers, shift=dt.date(2024, 11, 23) - dt.date(2024, 7, 12))
    return folder


def test_without_mapped_control_no_verdict_is_given(saved: Path) -> None:
    at = run_app(mode="Ledger")
    assert not at.exception, at.exception
    text = _text(at)
    assert "Claims can only be checked against a mapped layer" in text.replace("**", "")
    assert "Your data" in text and "History" in text
    assert not at.dataframe and not at.get("download_button")


def test_every_claim_against_the_history_as_the_atlas_checks_it(
        saved: Path, r1_history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(r1_history))
    at = run_app(mode="Ledger")
    assert not at.exception, at.exception
    rows = _ledger(at)
    # the truth: the same reports (built-in and the saved draft) and history, checked
    # by an atlas of their own
    reports = load_reports(paths=[ROOT / "data" / "reports", saved])
    truth = Atlas(reports).verify_history(read_history(r1_history, cache=False))
    assert len(rows) == len(truth) and {"R1", "R5", "A1"} <= set(rows["report_id"])
    keys = ["report_id", "claim_id", "code"]
    both = rows.merge(truth.reset_index(drop=True), on=keys, suffixes=("", "_atlas"))
    assert len(both) == len(rows)  # every row is one of the atlas's
    assert both["verdict"].tolist() == both["verdict_atlas"].tolist()
    assert both["measured_pct"].astype(float).tolist() == pytest.approx(
        both["measured_pct_atlas"].astype(float).tolist(), nan_ok=True)
    assert set(rows.loc[rows["report_id"] == "A1", "verdict"]) == {"understated"}  # ~67 %
    assert set(rows.loc[rows["report_id"] == "R1", "map_day"]) == {"2024-11-23"}
    # the draft's rows say so; each row links to its report's view
    assert set(rows.loc[rows["report_id"] == "A1", "review"]) == {"unreviewed draft"}
    assert set(rows.loc[rows["report_id"] != "A1", "review"]) == {"reviewed"}
    assert (rows["link"] == "?mode=report&report=" + rows["report_id"]).all()
    assert f"{len(rows)} of {len(rows)} claim(s)" in _text(at)
    assert "1 from unreviewed drafts" in _text(at)
    assert len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart")) == 1
    summary = next(t.value for t in at.table if "outlet" in t.value.columns)
    assert "Wire" in set(summary["outlet"])
    csv = next(b for b in at.get("download_button") if "CSV" in b.proto.label)
    assert csv.proto.label == "Download these rows (CSV)"
    assert at.query_params["mode"] == "ledger"  # the address says the view


def test_filters_change_the_rows(saved: Path, r1_history: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(r1_history))
    at = run_app(mode="Ledger")
    every = _ledger(at)
    at.multiselect(key="ledger_outlet").set_value(["Wire"]).run()
    assert not at.exception, at.exception
    assert _ledger(at)["report_id"].tolist() == ["A1"]
    at.multiselect(key="ledger_outlet").set_value([]).run()
    at.multiselect(key="ledger_unit").set_value(["UA-14"]).run()
    don = _ledger(at)
    assert set(don["code"]) == {"UA-14"} and len(don) == (every["code"] == "UA-14").sum()
    at.multiselect(key="ledger_verdict").set_value(["overstated"]).run()
    both = _ledger(at)
    assert set(both["verdict"]) == {"overstated"} and set(both["code"]) == {"UA-14"}
    assert both["report_id"].tolist() == ["R1"]  # "more than 80 %" of ~67 %
    assert f"1 of {len(every)} claim(s)" in _text(at)
    at.multiselect(key="ledger_verdict").set_value(["not checkable"]).run()
    assert set(_ledger(at)["report_id"]) == {"R5"}  # no day near October 2025


def test_every_claim_against_a_loaded_layer(saved: Path, daily_file: Path) -> None:
    at = run_app(mode="Ledger", control=(daily_file.name, daily_file.read_bytes(), None, None))
    assert not at.exception, at.exception
    rows = _ledger(at)
    layer = load_control(daily_file.read_bytes(), name=daily_file.name)
    atlas = Atlas(load_reports(paths=[ROOT / "data" / "reports", saved]))
    for rid in ("R1", "R5", "A1"):
        mine = rows[rows["report_id"] == rid]
        truth = atlas.verify(rid, layer, carried=False)
        assert mine["verdict"].tolist() == truth["verdict"].tolist(), rid
        assert set(mine["map_day"]) == {"2024-07-21"}, rid
    assert "Against the loaded control layer" in _text(at)


def test_the_csv_keeps_a_formula_as_text() -> None:
    from ui.ledger_view import csv_bytes, report_link

    frame = pd.DataFrame({"article": ["=HYPERLINK(\"x\")", "@SUM(1)", "-cmd", "plain"],
                          "off_by_points": [-4.0, 1.5, None, 0.0], "claimed": ["-4", "+1",
                                                                               "80 %", "a"]})
    text = csv_bytes(frame).decode()
    assert text.splitlines() == ["article,off_by_points,claimed",
                                 "\"'=HYPERLINK(\"\"x\"\")\",-4.0000,-4",
                                 "'@SUM(1),1.5000,'+1", "'-cmd,,80 %", "plain,0.0000,a"]
    assert report_link("A 1") == "?mode=report&report=A+1"


def test_a_hostile_outlet_is_shown_as_text(saved: Path, daily_file: Path) -> None:
    hostile = "<script>window.__xss=1</script> *W* [x](javascript:alert(1))"
    (saved / "A1.yaml").write_text(DRAFT.replace("outlet: Wire", f"outlet: '{hostile}'"),
                                   encoding="utf-8")
    at = run_app(mode="Ledger", control=(daily_file.name, daily_file.read_bytes(), None, None))
    assert not at.exception, at.exception
    assert hostile in set(_ledger(at)["outlet"])  # the grid draws text, never HTML
    assert hostile in at.multiselect(key="ledger_outlet").options
    page = "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info])
    assert "<script>" not in page and "](javascript" not in page
    # the summary's cells are read as markdown: each character markdown would read, escaped
    (outlet,) = [str(o) for t in at.table if "outlet" in t.value.columns
                 for o in t.value["outlet"] if "script" in str(o)]
    assert outlet == ("\\<script\\>window.\\__xss=1\\</script\\> \\*W\\* "
                      "\\[x\\](javascript:alert(1))")
