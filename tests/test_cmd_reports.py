import json
from pathlib import Path

import pytest

from frontline.cli import main
from geo.reports import REPORTS_DIR


def test_reports_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reports"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["id", "date", "outlet", "claims"]
    assert [ln.split()[0] for ln in lines[2:]] == ["R1", "R2", "R3", "R4", "R5"]
    assert main(["reports", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by = {r["id"]: r for r in rows}
    assert by["R1"]["date"] == "2024-11-23" and by["R5"]["date"] == "2025-10"
    assert by["R1"]["claims"] == 14 and by["R4"]["claims"] == 3


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "R5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["report"]["id"] == "R5"
    units = {u["code"]: u for u in out["units"]}
    assert len(units) == 28
    assert units["UA-14"]["status"] == "stated" and units["UA-14"]["share_low"] == 80
    assert units["UA-09"]["carried_from"] == "R1"
    kinds = {f["kind"] for f in out["findings"]}
    assert {"total_vs_units", "km2_vs_percent", "share_change"} <= kinds
    assert all("R5" in f["report_ids"] for f in out["findings"])


@pytest.mark.parametrize("rid", ["R1", "R2", "R3", "R4", "R5"])
def test_show_table_for_every_report(rid: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", rid]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{rid} (")
    assert "UA-14" in out and "Findings (" in out


def test_show_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "R42"]) == 2
    err = capsys.readouterr().err
    assert "R42" in err and "R1, R2, R3, R4, R5" in err


def test_check_valid_and_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "5 report files valid" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Z1\ntitle: t\noutlet: o\ndate: 2024-01-01\ndate_precision: day\n"
                   "context: c\nclaims:\n  - id: Z1-c1\n    kind: control_share\n"
                   "    actor: russia\n    units: [UA-77, UA-00]\n    figure: 101\n"
                   "    figure_unit: percent\n    qualifier: about\n    paraphrase: p\n",
                   encoding="utf-8")
    assert main(["check", str(bad), str(REPORTS_DIR)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}:11: claims[0].units[1]: unknown unit code 'UA-00'" in captured.err
    assert f"{bad}:12: claims[0].figure:" in captured.err
    assert "5 report files valid, 1 invalid" in captured.out
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2


def test_two_claims_on_one_unit_are_noted_by_check_and_compared_by_show(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = (
        "id: R9\ntitle: Two figures\noutlet: Test wire\ndate: 2025-01-10\n"
        "date_precision: day\ncontext: A report for the tests.\nclaims:\n"
        + "".join(f"  - id: R9-c{i}\n    kind: control_share\n    actor: russia\n"
                  f"    units: [UA-23]\n    figure: {fig}\n    figure_unit: percent\n"
                  f"    qualifier: {q}\n    paraphrase: Russia holds {q} {fig} %.\n"
                  for i, (fig, q) in enumerate([(70, "about"), (50, "exact")], 1)))
    (tmp_path / "R9.yaml").write_text(doc, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0  # legitimate: a note, not an error
    err = capsys.readouterr().err
    assert ("note: 2 claims give Russia's share of Zaporizhzhia (UA-23): R9-c1, R9-c2; "
            "the map uses R9-c1") in err
    assert main(["show", "R9", "--reports-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert ("[inconsistent] Zaporizhzhia (UA-23): R9 gives Russia's share twice, "
            "66.5–73.5 % (about 70 %) (R9-c1) and 50 % (R9-c2)") in out
    assert "The map and the checks use R9-c1" in out
