"""``frontline extract``: JSON claims, a table, a draft report; bad input refused clearly."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import pytest

from frontline.cli import main
from geo.reports import load_report

ARTICLE = ("KYIV, Oct 18 — Russia controls more than 80% of the Donetsk region, officials "
           "said. The Kremlin demands that Ukraine withdraw from the 20% of the Donetsk region "
           "it still holds.\n\nOfficials met near the Zaporizhzhia nuclear power plant. Ukraine "
           "holds about 650 km² of Russia's Kursk region.")


def run(argv: list[str], stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_json_claims_with_spans_into_the_file(article: Path) -> None:
    code, out, _ = run(["extract", str(article), "--json"])
    assert code == 0
    claims = json.loads(out)["claims"]
    assert [(c["kind"], c["actor"], c["region"], c["value"], c["qualifier"]) for c in claims] == [
        ("control_share", "RU", "UA-14", 80.0, "over"),
        ("demand_withdraw", "RU", "UA-14", None, "all"),
        ("control_share", "UA", "UA-14", 20.0, "exact"),  # "the 20 % ... it still holds"
        ("control_area", "UA", "RU-KRS", 650.0, "around"),
    ]
    start, end = claims[3]["span"]
    assert ARTICLE[start:end] == "holds about 650 km² of Russia's Kursk region"
    assert claims[1]["target"] == "UA" and (claims[0]["low"], claims[0]["high"]) == (80, 88)
    # the demand keeps the share it names as held there
    assert claims[1]["held"] == {"value": 20.0, "unit": "percent", "qualifier": "exact"}


def test_stdin_and_the_table(article: Path) -> None:
    code, out, err = run(["extract", "-"], stdin=ARTICLE.encode())
    assert code == 0 and "demand_withdraw" in out and "4 claim(s), all unreviewed" in err


def test_a_draft_report_is_written_once(article: Path, tmp_path: Path) -> None:
    draft = tmp_path / "A5.yaml"
    args = ["extract", str(article), "--draft", str(draft), "--id", "A5", "--date",
            "2025-10-18", "--outlet", "Test wire"]
    code, _, err = run(args)
    assert code == 0 and "unreviewed" in err
    report = load_report(draft)
    assert report.id == "A5" and report.review == "unreviewed" and len(report.claims) == 4
    before = draft.read_text(encoding="utf-8")
    code, _, err = run(args)
    assert code == 2 and "--force" in err and draft.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("content", "needle"), [
    (b"", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    ("Россия контролирует более 80% Донецкой области по данным чиновников.".encode(),
     "English"),
])
def test_bad_input_exits_2_with_a_message(tmp_path: Path, content: bytes, needle: str) -> None:
    p = tmp_path / "in.txt"
    p.write_bytes(content)
    code, out, err = run(["extract", str(p)])
    assert code == 2 and needle in err and out == "" and "Traceback" not in err


def test_a_folder_is_not_an_article(tmp_path: Path) -> None:
    code, _, err = run(["extract", str(tmp_path)])
    assert code == 2 and "a folder" in err


def test_a_draft_takes_the_dateline_s_date_never_today(article: Path, tmp_path: Path) -> None:
    import datetime as dt

    from geo.extract import article_date

    draft = tmp_path / "A6.yaml"
    code, _, err = run(["extract", str(article), "--draft", str(draft), "--id", "A6"])
    assert code == 0, err
    # "KYIV, Oct 18" has no year: the latest Oct 18 not after today
    want = article_date(ARTICLE, today=dt.date.today())
    assert want is not None and want[1] == "Oct 18"
    assert load_report(draft).date.isoformat() == want[0].isoformat()
    assert (want[0].month, want[0].day) == (10, 18) and want[0] <= dt.date.today()
    assert f"the draft's date is {want[0].isoformat()}, from the article's 'Oct 18'" in err
    # no dateline: no draft without --date, and nothing written
    bare = tmp_path / "bare.txt"
    bare.write_text(ARTICLE.split("— ", 1)[1], encoding="utf-8")
    out = tmp_path / "A7.yaml"
    code, _, err = run(["extract", str(bare), "--draft", str(out), "--id", "A7"])
    assert code == 2 and "--date" in err and "never takes today's date" in err
    assert not out.exists()


def test_a_pace_claim_is_listed_with_its_period(tmp_path: Path) -> None:
    p = tmp_path / "pace.txt"
    p.write_text("KYIV, Nov 3, 2025 — Russian forces captured about 500 km² of the Donetsk "
                 "region in October, and were advancing roughly 15 km² a day, analysts said.",
                 encoding="utf-8")
    code, out, _ = run(["extract", str(p), "--json"])
    assert code == 0
    got = [(c["kind"], c["region"], c["value"], c["period"], c["measure"], c["per"])
           for c in json.loads(out)["claims"]]
    october = ["2025-10-01", "2025-10-31"]
    assert got == [("pace", "UA-14", 500.0, october, "gained", "period"),
                   ("pace", "UA-14", 15.0, october, "gained", "day")]
    code, out, _ = run(["extract", str(p)])
    assert code == 0 and "15 km² a day gained, 2025-10-01 to 2025-10-31" in out


def test_an_article_without_a_claim_writes_no_draft(tmp_path: Path) -> None:
    # it once failed on its own output ("/tmp/x.yaml: claims: ... the list is empty")
    out = tmp_path / "draft.yaml"
    code, _, err = run(["extract", "-", "--draft", str(out)],
                       stdin=b"KYIV, July 10, 2024 - Power was restored to 200,000 homes after "
                             b"an overnight strike on the grid, the operator said.")
    assert code == 2 and "no territorial claim found" in err and not out.exists()
