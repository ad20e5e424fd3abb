"""The user's saved reports in the New article view: edit and delete, driven by
streamlit.testing; built-in reports are never offered, an invalid edit never written."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import yaml
from appkit import DRAFT, run_app


def _said(elements: object) -> str:
    return html.unescape("\n".join(str(e.value) for e in elements).replace("\\", ""))  # type: ignore[attr-defined]


@pytest.fixture()
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's folder with drafts A1 and A2 saved in it."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "A1.yaml").write_text(DRAFT, encoding="utf-8")
    (folder / "A2.yaml").write_text(DRAFT.replace("A1", "A2"), encoding="utf-8")
    monkeypatch.setenv("FRONTLINE_USER_REPORTS", str(folder))
    return folder


def test_only_the_users_reports_are_listed(saved: Path) -> None:
    at = run_app(mode="New article")
    assert not at.exception, at.exception
    keys = {b.key for b in at.button}
    assert {"draft_edit_A1", "draft_delete_A1", "draft_edit_A2", "draft_delete_A2"} <= keys
    assert not [k for k in keys if k.startswith("draft_") and "_R" in k]  # no built-in
    assert "Your saved reports (2)" in _said(at.markdown)
    assert "saved reports/A1.yaml" in _said(at.markdown)


def test_a_draft_is_deleted_once_confirmed(saved: Path) -> None:
    at = run_app(mode="New article", report_id="A1")
    at.button(key="draft_delete_A1").click().run()
    assert not at.exception, at.exception
    assert "Delete A1 (saved reports/A1.yaml)?" in _said(at.warning)
    assert (saved / "A1.yaml").exists()  # asked first
    at.button(key="draft_delete_no").click().run()  # not now
    assert (saved / "A1.yaml").exists() and not at.warning
    at.button(key="draft_delete_A1").click().run()
    at.button(key="draft_delete_yes").click().run()
    assert not at.exception, at.exception
    assert not (saved / "A1.yaml").exists() and (saved / "A2.yaml").exists()
    assert "Deleted A1 (saved reports/A1.yaml)" in _said(at.success)
    assert "draft_edit_A1" not in {b.key for b in at.button}  # the list read afresh
    assert "Your saved reports (1)" in _said(at.markdown)
    # no view goes on showing it: the report picker opens on another report
    at.radio(key="mode").set_value("Report view").run()
    assert not at.exception, at.exception
    assert not [o for o in at.selectbox(key="report_id").options if o.startswith("A1")]


def test_an_edit_is_checked_then_saved(saved: Path) -> None:
    at = run_app(mode="New article")
    at.button(key="draft_edit_A1").click().run()
    assert not at.exception, at.exception
    assert at.text_area(key="draft_text").value == DRAFT  # the file as saved
    edited = DRAFT.replace("review: unreviewed", "review: reviewed").replace(
        "figure: 40", "figure: 45")
    at.text_area(key="draft_text").set_value(edited).run()
    at.button(key="draft_edit_save").click().run()
    assert not at.exception, at.exception
    assert "Saved your changes to A1 (saved reports/A1.yaml)" in _said(at.success)
    assert (saved / "A1.yaml").read_text(encoding="utf-8") == edited
    assert "draft_text" not in [t.key for t in at.text_area]  # the editor closed
    # every view reads it at once: reviewed now, its figure 45 %
    at.radio(key="mode").set_value("Report view").run()
    at.selectbox(key="report_id").set_value("A1").run()
    assert not at.exception, at.exception
    assert not any("Unreviewed draft" in w.value for w in at.warning)
    claims = at.table[0].value
    assert str(claims.loc["UA-14", "claimed share"]).startswith("42.75–47.25 %")  # about 45 %


@pytest.mark.parametrize("edit, says", [
    (DRAFT.replace("figure: 40", "figure: 140"), "saved reports/A1.yaml:13: claims[0].figure"),
    (DRAFT.replace("kind: control_share", "kind: guess"), "claims[0].kind"),
    (DRAFT.replace("units: [UA-14]", "units: [UA-14"), "saved reports/A1.yaml"),
    (DRAFT.replace("A1", "A9"), "keep `id: A1`"),
    ("", "empty"),
])
def test_an_invalid_edit_leaves_the_file_as_it_was(saved: Path, edit: str, says: str) -> None:
    before = (saved / "A1.yaml").read_bytes()
    at = run_app(mode="New article")
    at.button(key="draft_edit_A1").click().run()
    at.text_area(key="draft_text").set_value(edit).run()
    at.button(key="draft_edit_save").click().run()
    assert not at.exception, at.exception
    error = _said(at.error)
    assert error.startswith("Not saved") and says in error, error
    assert (saved / "A1.yaml").read_bytes() == before
    assert at.text_area(key="draft_text").value == edit  # kept to be fixed
    assert not [p for p in saved.iterdir() if p.name.startswith(".")]  # no temporary left


def test_an_edit_over_a_file_changed_meanwhile_is_refused(saved: Path) -> None:
    at = run_app(mode="New article")
    at.button(key="draft_edit_A1").click().run()
    other = DRAFT.replace("Draft from an article", "Changed elsewhere")
    (saved / "A1.yaml").write_text(other, encoding="utf-8")
    at.text_area(key="draft_text").set_value(DRAFT.replace("figure: 40", "figure: 45")).run()
    at.button(key="draft_edit_save").click().run()
    assert "was changed since you opened it" in _said(at.error)
    assert (saved / "A1.yaml").read_text(encoding="utf-8") == other


def test_a_new_draft_is_listed_once_saved(saved: Path) -> None:
    at = run_app(mode="New article")
    at.text_area(key="article_text").set_value(
        "KYIV, March 18, 2025 — Russia controls more than 80% of the Donetsk region, "
        "officials said.").run()
    at.text_input(key="article_id").set_value("A7").run()
    at.button(key="article_save").click().run()
    assert not at.exception, at.exception
    assert any("Saved A7" in s.value for s in at.success)
    assert "draft_delete_A7" in {b.key for b in at.button}
    # deleted at once, the "Saved A7 ... in the report picker" below the form goes too
    at.button(key="draft_delete_A7").click().run()
    at.button(key="draft_delete_yes").click().run()
    assert not at.exception, at.exception
    said = _said(at.success)
    assert "Deleted A7" in said and "Saved A7" not in said


def test_a_hostile_title_in_the_list_is_shown_as_text(saved: Path) -> None:
    hostile = "<img src=x onerror=alert(1)> **B** [x](javascript:alert(1))"
    (saved / "A2.yaml").write_text(DRAFT.replace("A1", "A2").replace(
        "outlet: Wire", f"outlet: '{hostile}'"), encoding="utf-8")
    at = run_app(mode="New article")
    assert not at.exception, at.exception
    listed = [m.value for m in at.markdown if "A2 ·" in m.value]
    assert listed and all("<img" not in m and "](javascript" not in m for m in listed)
    at.button(key="draft_delete_A2").click().run()
    assert all("<img" not in w.value for w in at.warning)


def test_a_withdrawal_demand_keeps_the_held_share_from_paste_to_draft(saved: Path) -> None:
    """The demand to leave "the 20% it still holds" is for all of that ground: the review
    table shows the 20 the article gives, the interval as the whole, and the saved draft
    keeps the 20 as a withdraw_share figure (docs/claim-annotation.md)."""
    at = run_app(mode="New article")
    at.text_area(key="article_text").set_value(
        "MOSCOW, Aug. 20, 2025 — The Kremlin demands that Ukraine withdraw from the 20% "
        "of the Donetsk region it still holds.").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    demand = table[table["kind"] == "demand_withdraw"]
    assert len(demand) == 1
    row = demand.iloc[0]
    assert (row["actor"], row["regions"], row["target"]) == ("RU", "UA-14", "UA")
    assert (row["value"], row["low"], row["high"]) == (20.0, 100.0, 100.0)
    held = table[table["kind"] == "control_share"].iloc[0]
    assert (held["actor"], held["low"], held["high"]) == ("UA", 20.0, 20.0)
    at.text_input(key="article_id").set_value("A9").run()
    at.button(key="article_save").click().run()
    assert not at.exception, at.exception
    draft = yaml.safe_load((saved / "A9.yaml").read_text(encoding="utf-8"))
    claims = {c["kind"]: c for c in draft["claims"]}
    assert claims["withdraw_share"]["figure"] == 20.0
    assert claims["withdraw_share"]["actor"] == "russia"
    assert claims["withdraw_share"]["units"] == ["UA-14"]
    assert claims["control_share"]["actor"] == "ukraine"
