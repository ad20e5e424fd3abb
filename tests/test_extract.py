"""Claims extracted from news text: scored on the project's own corpus (tune and held-out
parts reported apart), spans, intervals, hostile input, drafts through the loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from geo.errors import ArticleError, FrontlineError
from geo.extract import (
    check_article,
    claim_from_fields,
    decode_article,
    draft_report,
    draft_yaml,
    extract_claims,
)
from geo.reports import parse_report_text, save_report_text

CORPUS = Path(__file__).parent / "data" / "extract_corpus.yaml"


def _key(c: dict) -> tuple:  # type: ignore[type-arg]
    value = None if c["value"] is None else round(float(c["value"]), 1)
    return (c["kind"], c["actor"], tuple(sorted(c["regions"])), value, c["unit"],
            c["qualifier"])


def _score(part: str) -> tuple[int, int, int, int]:
    passages = [p for p in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["passages"]
                if p["part"] == part]
    tp = fp = fn = 0
    for p in passages:
        got = [_key(c.as_dict()) for c in extract_claims(p["text"])]
        want = [_key(c) for c in p["claims"]]
        hit = sum(1 for g in got if g in want)
        tp, fp, fn = tp + hit, fp + len(got) - hit, fn + len(want) - hit
    return len(passages), tp, fp, fn


@pytest.mark.parametrize("part", ["tune", "heldout"])
def test_precision_and_recall_on_the_corpus(part: str) -> None:
    n, tp, fp, fn = _score(part)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"\n{part}: {n} passages, {tp + fn} claims expected; precision {precision:.2f}, "
          f"recall {recall:.2f}, F1 {f1:.2f} (tp {tp}, fp {fp}, fn {fn})")
    assert n >= (25 if part == "tune" else 15)
    assert f1 >= 0.9, (part, tp, fp, fn)


def test_the_corpus_has_forty_passages_with_traps() -> None:
    passages = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["passages"]
    assert len(passages) >= 40
    assert sum(1 for p in passages if not p["claims"]) >= 8  # traps: no claim at all


def test_a_claim_points_at_its_words_and_carries_the_interval() -> None:
    text = ("Talks resumed on Monday. Russia controls more than 80% of the Donetsk region, "
            "officials said.")
    (c,) = extract_claims(text)
    assert text[c.span[0]:c.span[1]] == "controls more than 80% of the Donetsk region"
    assert c.sentence == "Russia controls more than 80% of the Donetsk region, officials said."
    assert (c.low, c.high) == (80.0, 88.0)  # the report model's rule for "more than"
    assert c.region == "UA-14" and c.review == ()


def test_guesses_are_marked_for_review() -> None:
    (c,) = extract_claims("Moscow insists that Kyiv cede the four regions.")
    assert c.regions == ("UA-14", "UA-09", "UA-23", "UA-65")
    assert any("four regions" in r for r in c.review)
    (c,) = extract_claims("About 60 percent of the Kherson region is occupied.")
    assert c.actor == "RU" and any("not named" in r for r in c.review)


@pytest.mark.parametrize(("text", "needle"), [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("Россия контролирует более 80% Донецкой области, заявили чиновники в понедельник.",
     "English"),
    ("Russland kontrolliert mehr als 80 Prozent der Region Donezk, sagten Beamte am Montag "
     "nach Angaben aus Moskau.", "English"),
    ("x" * 1_000_001, "too large"),
    ("ok \x01\x02\x03\x04" * 50, "binary"),
])
def test_bad_input_gets_a_clear_message(text: str, needle: str) -> None:
    with pytest.raises(ArticleError, match=needle):
        extract_claims(text)


def test_bytes_are_decoded_or_refused() -> None:
    assert decode_article("\ufeffRussia holds 5% of Sumy.".encode()) == "Russia holds 5% of Sumy."
    with pytest.raises(ArticleError, match="NUL"):
        decode_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ArticleError, match="not UTF-8"):
        decode_article(b"Russia \xff\xfe holds")
    with pytest.raises(ArticleError, match="too large"):
        decode_article(b"a" * 10_000_000)


def test_a_five_thousand_word_article_is_read_whole() -> None:
    passages = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["passages"]
    body = " ".join(p["text"] for p in passages)
    filler = "The talks continued late into the evening as officials met the press. "
    text = ""
    while len(text.split()) < 5000:
        text += body + " " + filler * 20
    claims = extract_claims(check_article(text))
    per_copy = sum(len(p["claims"]) for p in passages)
    assert len(claims) >= per_copy * (len(text.split()) // (len(body.split()) + 240))


def test_a_draft_goes_through_the_report_loader_unreviewed() -> None:
    article = ("Russia controls more than 80% of the Donetsk region, officials said. "
               "Moscow insists that Kyiv hand over all of Donbas. Ukraine holds about 650 km² "
               "of Russia's Kursk region.")
    claims = extract_claims(article)
    text = draft_yaml(draft_report(claims, report_id="A9", title="Test", outlet="Test outlet",
                                   date=dt.date(2025, 10, 18)))
    report = parse_report_text(text)
    assert report.review == "unreviewed" and not report.reviewed
    kinds = {c.kind for c in report.claims}
    assert kinds == {"control_share", "cede_units", "held_by_other_side"}
    don = next(c for c in report.claims if c.kind == "control_share")
    assert (don.interval.low, don.interval.high) == (80.0, 88.0)
    assert all(c.review for c in report.claims)
    # the project keeps facts and its own paraphrases, never the article's sentences
    assert "officials said" not in text and "Moscow insists" not in text


def test_edited_fields_are_checked_all_at_once() -> None:
    with pytest.raises(FrontlineError) as err:
        claim_from_fields(kind="control_shar", actor="XX", regions="UA-99", value=-1,
                          unit="miles", qualifier="lots", where="row 3")
    msg = str(err.value)
    for part in ("row 3", "kind:", "actor:", "regions:", "qualifier:", "unit:", "value:"):
        assert part in msg
    c = claim_from_fields(kind="control_share", actor="RU", regions="UA-14, ua-09",
                          value=70, unit="percent", qualifier="around")
    assert c.regions == ("UA-14", "UA-09") and (c.low, c.high) == (66.5, 73.5)


def test_saving_is_atomic_and_never_overwrites(tmp_path: Path) -> None:
    claims = extract_claims("Russia controls about 70% of Zaporizhzhia.")
    text = draft_yaml(draft_report(claims, report_id="A2", title="T", outlet="O",
                                   date="2025-10-18"))
    path = save_report_text(text, tmp_path)
    assert path.name == "A2.yaml" and path.read_text(encoding="utf-8") == text
    with pytest.raises(FrontlineError, match="already saved"):
        save_report_text(text.replace("title: T", "title: Other"), tmp_path)
    assert path.read_text(encoding="utf-8") == text
    with pytest.raises(FrontlineError):
        save_report_text("id: [unclosed", tmp_path)  # the loader's own validation
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A2.yaml"]
