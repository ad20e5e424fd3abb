"""Claims extracted from news text: scored on the project's own corpus (tune and held-out
parts reported apart), spans, intervals, hostile input, drafts through the loader."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from geo.errors import ArticleError, FrontlineError
from geo.extract import (
    check_article,
    decode_article,
    draft_report,
    draft_yaml,
    extract_claims,
)
from geo.extract.extent import annotated_qualifier
from geo.reports import parse_report_text, save_report_text

CORPUS = Path(__file__).parent / "data" / "extract_corpus.yaml"


def _key(c: dict) -> tuple:  # type: ignore[type-arg]
    # (the convention records a part of unstated size, the extractor's "some", as "part")
    value = None if c["value"] is None else round(float(c["value"]), 1)
    return (c["kind"], c["actor"], tuple(sorted(c["regions"])), value, c["unit"],
            annotated_qualifier(c["qualifier"]))


def _is_claim(c: dict[str, Any]) -> bool:
    """An annotated record is a claim (the convention): writers 1-11 also recorded
    holdings at a past time, marked ``status: earlier``; they are notes, as the
    extractor's are (:attr:`~geo.extract.model.ExtractedClaim.is_claim`)."""
    return not (c["kind"].startswith("control") and c.get("status") in ("earlier", "past"))


def _score(part: str, path: Path = CORPUS) -> tuple[int, int, int, int]:
    """(passages, true positives, false positives, false negatives) of a corpus part."""
    passages = [p for p in yaml.safe_load(path.read_text(encoding="utf-8"))["passages"]
                if p["part"] == part]
    tp = fp = fn = 0
    for p in passages:
        # pace claims ("captured 500 km² in October") are scored by test_extract_pace; the
        # corpora's writers were asked to record what a side holds, demands or offers, and
        # (the convention) not a holding given as earlier or past, kept as a note
        got = [_key(c.as_dict()) for c in extract_claims(p["text"]) if c.is_claim]
        # distinct claims on both sides: a claim the article says twice (headline and
        # body) is one claim found, as the writers record it once
        got = list(dict.fromkeys(got))
        want = list(dict.fromkeys(_key(c) for c in p["claims"] if _is_claim(c)))
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
    assert c.actor == "RU" and any("no holder named" in r for r in c.review)


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


def test_a_ticker_in_capitals_reads_as_english_and_french_does_not() -> None:
    # headlines and tickers drop "the" and "of"; a writer's ticker was refused as not
    # English (found when writers 32-35 were scored)
    ticker = ("TICKER · 20 NOV 2024 · 14:05\nKREMLIN: UKRAINIAN TROOPS MUST LEAVE KURSK "
              "REGION BEFORE ANY CEASEFIRE TALKS • RUSSIAN MOD CLAIMS THREE MORE VILLAGES "
              "NEAR KURAKHOVE")
    assert [(c.kind, c.actor, c.regions) for c in extract_claims(ticker)] == [
        ("demand_withdraw", "RU", ("RU-KRS",))]
    with pytest.raises(ArticleError, match="English"):
        extract_claims("Les troupes russes contrôlent environ 19 % du territoire de "
                       "l'Ukraine selon les cartes publiées lundi par les analystes.")
    # lower thirds in capitals, with hardly a common word, are English too (writer 49's)
    thirds = ("LOWER THIRDS - EVENING EDITION - 27 APRIL 2024\n"
              "LT1: KHARKIV - OVERNIGHT STRIKE CUTS POWER TO 200,000 HOMES\n"
              "LT2: THERMAL PLANT \"DESTROYED\", REGIONAL GOVERNOR SAYS\n"
              "LT3: REPAIR CREWS WARN OUTAGES COULD LAST WEEKS\n")
    assert extract_claims(thirds) == []
    # a headline alone has no common word at all: still English
    assert [(c.kind, c.actor, c.regions) for c in extract_claims(
        "Putin demands Kyiv abandon Kherson")] == [("demand_withdraw", "RU", ("UA-65",))]


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


def test_a_share_of_one_name_for_several_units_is_drafted_as_a_share_of_them_together(
) -> None:
    # "about 80 % of Donbas" is of Luhansk and Donetsk together; "three quarters of
    # Zaporizhzhia and Kherson" of each
    claims = extract_claims("Russia holds about 80% of Donbas. Russian forces hold about "
                            "three quarters of Zaporizhzhia and Kherson.")
    assert [c.combined for c in claims] == [True, False]
    # "of each", a list of names: a share of each; "these four regions combined": together
    # (writers 94 and 93, found ingesting their articles)
    assert [c.combined for c in extract_claims(
        "Zaporizka and Khersonska oblasts: Russian forces hold roughly three quarters of "
        "each.")] == [False]
    assert [c.combined for c in extract_claims(
        "Russia holds the four regions' capitals in part; it holds roughly three-quarters of "
        "the land in these four regions combined.")][-1:] == [True]
    report = parse_report_text(draft_yaml(draft_report(
        claims, report_id="A8", title="T", outlet="O", date=dt.date(2025, 10, 18))))
    assert [(c.units, c.scope) for c in report.claims] == [
        (("UA-14", "UA-09"), "combined"), (("UA-23", "UA-65"), None)]
    # a past share of them together is a note, which has no scope (writer 94's article)
    past = extract_claims("Before 24 February, Russia and the armed groups it backed held about "
                          "a third of the Donbas.")
    assert [(c.combined, c.status) for c in past] == [(True, "past")]
    report = parse_report_text(draft_yaml(draft_report(
        past, report_id="A7", title="T", outlet="O", date=dt.date(2025, 10, 18))))
    assert [(c.kind, c.units, c.scope) for c in report.claims] == [
        ("note", ("UA-14", "UA-09"), None)]


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


# ------------------------------------------------------------------ article structure
STRUCTURES = Path(__file__).parent / "data" / "extract_corpus_structures.yaml"


@pytest.mark.parametrize("part,floor", [("tune", 0.95), ("heldout", 0.9)])
def test_scores_on_passages_shaped_like_articles(part: str, floor: float) -> None:
    """Lists, anaphora, third-party demands, earlier demands, two holders or two demands in
    a sentence, page furniture, traps: 60 passages written before the rules changed (the
    rules scored F1 0.60 tune / 0.57 held out on them then; the held-out part has since
    been read, so it is no longer blind: see the fresh corpus below). Scores printed."""
    n, tp, fp, fn = _score(part, STRUCTURES)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"\nstructures {part}: {n} passages, {tp + fn} claims expected; precision "
          f"{precision:.2f}, recall {recall:.2f}, F1 {f1:.2f} (tp {tp}, fp {fp}, fn {fn})")
    assert n >= 20
    assert f1 >= floor, (part, tp, fp, fn)


def _claims(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [_key(c.as_dict()) for c in extract_claims(text)]


def test_a_verbless_list_takes_its_opening_line_s_holder_and_verb() -> None:
    text = ("Moscow holds roughly a fifth of the country, including:\n"
            "- All of the peninsula since 2014.\n"
            "- Over 75% of the Donetsk and Luhansk regions.\n"
            "- Small parts of Sumy and Dnipropetrovsk.\n")
    got = extract_claims(text)
    assert [_key(c.as_dict()) for c in got] == [
        ("control_share", "RU", ("UA",), 20.0, "percent", "around"),
        ("control_share", "RU", ("UA-40", "UA-43"), None, None, "all"),
        ("control_share", "RU", ("UA-09", "UA-14"), 75.0, "percent", "over"),
        ("control_share", "RU", ("UA-12", "UA-59"), None, None, "part"),
    ]
    # an item's span is its own line; its review names the line it was read with
    item = got[2]
    assert text[item.span[0]:item.span[1]] == "Over 75% of the Donetsk and Luhansk regions."
    assert any("opening line" in r for r in item.review)
    numbered = ("The Kremlin demands that Ukraine give up:\n1. The rest of Zaporizhzhia.\n"
                "2. Kherson.\n")
    assert _claims(numbered) == [("demand_cede", "RU", ("UA-23",), None, None, "all"),
                                 ("demand_cede", "RU", ("UA-65",), None, None, "all")]


def test_the_region_and_these_areas_refer_back() -> None:
    text = ("Donetsk has been the war's main battleground. Ukrainian troops still hold roughly "
            "a fifth of the oblast. Russian forces occupy Crimea and most of Luhansk. These "
            "areas make up about 15% of Ukraine.")
    assert _claims(text) == [
        ("control_share", "UA", ("UA-14",), 20.0, "percent", "around"),
        ("control_share", "RU", ("UA-40", "UA-43"), None, None, "all"),
        ("control_share", "RU", ("UA-09",), None, None, "large_part"),
        ("control_share", "RU", ("UA",), 15.0, "percent", "around"),
    ]
    # nothing named before: "the region" is no place, and no claim is made up
    assert _claims("Russian troops hold about 70% of the region.") == []


def test_page_furniture_yields_no_claim() -> None:
    text = ("Home › World › Russia-Ukraine war\n"
            "Russia holds over 80% of Donetsk, officials say\n\n"
            "Read also: Russia says it now controls 99% of Luhansk\n\n"
            "Most read:\n1. Moscow holds 90% of Zaporizhzhia, blogger claims\n"
            "2. Kyiv controls all of Kherson, rumour says\n")
    assert _claims(text) == [("control_share", "RU", ("UA-14",), 80.0, "percent", "over")]


def test_the_region_is_resolved_per_call_even_across_threads() -> None:
    """The unit named last is the article's own: calls in parallel threads (the app's
    sessions) do not see each other's."""
    from concurrent.futures import ThreadPoolExecutor

    a = "Donetsk is the main battleground. Russia holds 70% of the region."
    b = "Kherson was shelled again. Russia holds 70% of the region."
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: _claims(t)[0][2], [a, b] * 20))
    assert got == [("UA-14",), ("UA-65",)] * 20
    assert _claims("Russia holds 70% of the region.") == []  # nothing left from before


def test_an_earlier_demand_goes_into_a_draft_as_a_note_not_a_cession() -> None:
    claims = extract_claims("Putin would now accept a deal in which Ukraine cedes the rest of "
                            "Donetsk, down from his original demand to hand over all of Donbas, "
                            "Kherson and Zaporizhzhia.")
    report = draft_report(claims, report_id="A9", title="t", outlet="o", date="2025-08-20")
    kinds = [(c["kind"], sorted(c.get("units", []))) for c in report["claims"]]
    assert kinds == [("cede_units", ["UA-14"]),
                     ("note", ["UA-09", "UA-14", "UA-23", "UA-65"])]
    assert report["claims"][1]["paraphrase"].startswith(
        "An earlier demand, since replaced: Russia demands that Ukraine cede all of")
    parse_report_text(draft_yaml(report), where="draft")  # the loader takes it


@pytest.mark.parametrize("head,want", [
    ("MOSCOW, Nov 23 (Agency) — The Kremlin said", dt.date(2025, 11, 23)),
    ("Washington, 4 March: A senior official", dt.date(2025, 3, 4)),
    ("KYIV, December 2, 2025 (Wire) - Officials", dt.date(2025, 12, 2)),
    ("Published 2025-10-16 08:30\nRussia holds", dt.date(2025, 10, 16)),
    ("By Staff | Dec. 19\nAnalysis", dt.date(2025, 12, 19)),
])
def test_the_article_date_comes_from_its_dateline(head: str, want: dt.date) -> None:
    from geo.extract import article_date

    got = article_date(head + " text follows.", today=dt.date(2026, 1, 10))
    assert got is not None and got[0] == want
    assert got[1] in head


def test_no_dateline_no_date_and_no_date_from_the_future() -> None:
    from geo.extract import article_date

    today = dt.date(2026, 1, 10)
    assert article_date("Russia holds 80% of Donetsk, officials said.", today=today) is None
    assert article_date("Talks are set for 2026-05-01 in Geneva.", today=today) is None
    # a date deep in the text is not a dateline
    assert article_date("x " * 300 + "On 4 March 2025 the talks began.", today=today) is None


# ------------------------------------------------------------------ more structures
@pytest.mark.parametrize(("text", "want"), [
    # a table-like line per unit, under a line that names the holder
    ("Ground held by Russian forces, by oblast:\nLuhansk — 98%\nDonetsk: about 78%\n",
     [("control_share", "RU", ("UA-09",), 98.0, "percent", "exact"),
      ("control_share", "RU", ("UA-14",), 78.0, "percent", "around")]),
    # ellipsis: the second clause has a holder and a figure, the ground is the first's
    ("Kyiv's troops hold roughly 30% of the Donetsk region, and Russia about 70%.",
     [("control_share", "UA", ("UA-14",), 30.0, "percent", "around"),
      ("control_share", "RU", ("UA-14",), 70.0, "percent", "around")]),
    ("In spring 2022 Russia held about 26% of Ukraine; now the share is closer to 19%.",
     [("control_share", "RU", ("UA",), 26.0, "percent", "around"),
      ("control_share", "RU", ("UA",), 19.0, "percent", "around")]),
    # a heading line and lines under it, the holder after the verb
    ("Land seized by Russia\nthe Crimean peninsula\nmost of Luhansk\n",
     [("control_share", "RU", ("UA-40", "UA-43"), None, None, "all"),
      ("control_share", "RU", ("UA-09",), None, None, "large_part")]),
    # the speakers' side reports what the other holds
    ("Moscow's offensive in the Kharkiv region began in May. Ukrainian commanders say it "
     "now holds about 150 square kilometres of the region.",
     [("control_area", "RU", ("UA-63",), 150.0, "km2", "around")]),
    # "there": the unit named last
    ("Ukrainian units crossed into Russia's Belgorod region in March. Kyiv says the ground "
     "it holds there is roughly 40 square kilometres.",
     [("control_area", "UA", ("RU-BEL",), 40.0, "km2", "around")]),
    # a few villages: part of the unit
    ("Russian troops hold a few villages on the eastern edge of the Dnipropetrovsk region.",
     [("control_share", "RU", ("UA-12",), None, None, "part")]),
    # a cession as a participle after the ground it names
    ("Last year the Kremlin wanted all of Kherson and Zaporizhzhia handed over.",
     [("demand_cede", "RU", ("UA-65", "UA-23"), None, None, "all")]),
    ("The Kremlin keeps pushing for the handover of Donetsk.",
     [("demand_cede", "RU", ("UA-14",), None, None, "all")]),
    # an earlier figure beside the current one
    ("Russian forces hold about 76% of Zaporizhzhia, up from 72% in January.",
     [("control_share", "RU", ("UA-23",), 76.0, "percent", "around"),
      ("control_share", "RU", ("UA-23",), 72.0, "percent", "exact")]),
    # a refusal to leave is not a demand; the ground held is still said
    ('Zelensky: "We still hold a fifth of Luhansk and we will not leave it."',
     [("control_share", "UA", ("UA-09",), 20.0, "percent", "exact")]),
    # the holder named last in the sentence, before its full stop
    ("Kyiv holds roughly 81% of the country; the remainder, about 19%, is occupied by Russia.",
     [("control_share", "UA", ("UA",), 81.0, "percent", "around"),
      ("control_share", "RU", ("UA",), 19.0, "percent", "around")]),
    # a table with leader dots, and one with few common words (still English)
    ("OCCUPIED SOUTH AT A GLANCE\nKherson oblast ........ ~71%\nZaporizhzhia oblast ... 75%\n",
     [("control_share", "RU", ("UA-65",), 71.0, "percent", "around"),  # "~"
      ("control_share", "RU", ("UA-23",), 75.0, "percent", "exact")]),
    # who must is the target of the demand; the author is the other side
    ("After the talks Putin was unmoved: Ukrainian units must vacate the Luhansk region.",
     [("demand_withdraw", "RU", ("UA-09",), None, None, "all")]),
    # the demand's author named after it
    ("Kyiv turned down a new demand from the Kremlin that it pull its troops back from "
     "Zaporizhzhia.",
     [("demand_withdraw", "RU", ("UA-23",), None, None, "all")]),
    # the ground asked for itself, no verb of cession
    ("Moscow now wants only Donetsk, officials in Kyiv say.",
     [("demand_cede", "RU", ("UA-14",), None, None, "all")]),
    # the place named first, the figures after
    ("In the Zaporizhzhia region, Russia holds about 74 percent.",
     [("control_share", "RU", ("UA-23",), 74.0, "percent", "around")]),
    # a withdrawal from the whole country; an offer to take all troops out
    ("Kyiv insists on the withdrawal of Russian forces from Ukraine's territory.",
     [("demand_withdraw", "UA", ("UA",), None, None, "all")]),
    ("Ukraine said it could pull all of its units out of the Belgorod region.",
     [("offer_withdraw", "UA", ("RU-BEL",), None, None, "all")]),
    # items that are sentences of their own, under a line that names no verb
    ("Main points:\n- Russian troops occupy roughly 330 km² of Dnipropetrovsk oblast.\n"
     "- Ukraine's army still holds under 10% of Donetsk, reports say.\n",
     [("control_area", "RU", ("UA-12",), 330.0, "km2", "around"),
      ("control_share", "UA", ("UA-14",), 10.0, "percent", "under")]),
    # a demand list whose opening line names its author and no verb
    ("The terms Moscow laid out this week:\n1) Ukrainian forces out of the Donbas\n"
     "2) no foreign troops\n",
     [("demand_withdraw", "RU", ("UA-09", "UA-14"), None, None, "all")]),
    # the side that told another of a demand
    ("Kyiv was told by Russian envoys that it has to give up Kherson.",
     [("demand_cede", "RU", ("UA-65",), None, None, "all")]),
    # "the part it still holds" is all of that part; "that region" is Donetsk
    ("The Kremlin wants Ukraine to leave the part of Donetsk it still controls. Ukrainian "
     "units hold around a fifth of that region.",
     [("demand_withdraw", "RU", ("UA-14",), None, None, "all"),
      ("control_share", "UA", ("UA-14",), 20.0, "percent", "around")]),
    # a list after a colon, items divided by semicolons, the unit said once per item
    ("Russian-held share by oblast, per open-source maps: Kherson 73%; Luhansk 99%.",
     [("control_share", "RU", ("UA-65",), 73.0, "percent", "exact"),
      ("control_share", "RU", ("UA-09",), 99.0, "percent", "exact")]),
    ("In Zaporizhzhia, Kyiv holds some 26 per cent and Moscow roughly 74.",
     [("control_share", "UA", ("UA-23",), 26.0, "percent", "around"),
      ("control_share", "RU", ("UA-23",), 74.0, "percent", "around")]),
    # the other side of a loss; Moscow's "liberated"; never a Ukrainian gain
    ("Ukraine has lost control of nearly 99% of Luhansk.",
     [("control_share", "RU", ("UA-09",), 99.0, "percent", "under")]),
    ("Russian troops have liberated about 80% of the territory of the DPR, the ministry said.",
     [("control_share", "RU", ("UA-14",), 80.0, "percent", "around")]),
    ("Ukrainian brigades liberated some 400 km² of Kharkiv region last autumn.", []),
    # "the rest of it", an area "of territory in", "there"; "This is equivalent to"
    ("Moscow says Kyiv must abandon Zaporizhzhia, or at least the rest of it.",
     [("demand_withdraw", "RU", ("UA-23",), None, None, "all")]),
    ("Ukrainian units hold roughly 60 sq km of territory in the Bryansk region.",
     [("control_area", "UA", ("RU-BRY",), 60.0, "km2", "around")]),
    ("Russian forces occupy about 114,000 km² of Ukraine's sovereign territory. This "
     "amounts to roughly 19% of the country.",
     [("control_area", "RU", ("UA",), 114000.0, "km2", "around"),
      ("control_share", "RU", ("UA",), 19.0, "percent", "around")]),
    # a source named after the figure is not its holder
    ("Russia held 60% of Donetsk in 2023; now it holds about 80%, according to Ukrainian "
     "analysts.",
     [("control_share", "RU", ("UA-14",), 60.0, "percent", "exact"),
      ("control_share", "RU", ("UA-14",), 80.0, "percent", "around")]),
    # a side inside a relative clause is not the one who asks for the ground
    ("Moscow, which once insisted that Ukraine surrender four regions, now wants only the "
     "whole of Donetsk.",
     [("demand_cede", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"), None, None, "all"),
      ("demand_cede", "RU", ("UA-14",), None, None, "all")]),
    # recognition asked for is a demand to cede; "internationally recognised" is not
    ("Moscow also insists that Kyiv recognise Crimea and Sevastopol as part of Russia.",
     [("demand_cede", "RU", ("UA-40", "UA-43"), None, None, "all")]),
    ("Ukraine holds about 81% of its internationally recognised territory.",
     [("control_share", "UA", ("UA",), 81.0, "percent", "around")]),
    # a pronoun opening a sentence is the side the sentence before named first
    ("Russian troops hold most of Luhansk. They now hold about 99% of it.",
     [("control_share", "RU", ("UA-09",), None, None, "large_part"),
      ("control_share", "RU", ("UA-09",), 99.0, "percent", "around")]),
    # "the remainder" is ground to demand, never a holding
    ("Russia holds roughly 80% of Donetsk and wants the remainder handed over.",
     [("control_share", "RU", ("UA-14",), 80.0, "percent", "around"),
      ("demand_cede", "RU", ("UA-14",), None, None, "all")]),
    # a thread's labelled line, and list lines after a statement of control
    ("3/ Kherson oblast: RU 73% / UA 27%.",
     [("control_share", "RU", ("UA-65",), 73.0, "percent", "exact"),
      ("control_share", "UA", ("UA-65",), 27.0, "percent", "exact")]),
    ("Russian forces hold about 116,000 km² of Ukraine.\n\n- Luhansk: 99%\n- Sumy: roughly "
     "200 km²\n",
     [("control_area", "RU", ("UA",), 116000.0, "km2", "around"),
      ("control_share", "RU", ("UA-09",), 99.0, "percent", "exact"),
      ("control_area", "RU", ("UA-59",), 200.0, "km2", "around")]),
    # an answer read with its question
    ("Q: How much of Ukraine does Russia hold?\nA: Just under a fifth, Crimea included.",
     [("control_share", "RU", ("UA",), 20.0, "percent", "under")]),
    # a condition of an offer is the offerer's demand; a poll's plan is nobody's
    ("Kyiv could pull back from parts of Donetsk in return for a Russian withdrawal from "
     "Kharkiv, Zelensky said.",
     [("offer_withdraw", "UA", ("UA-14",), None, None, "part"),
      ("demand_withdraw", "UA", ("UA-63",), None, None, "all")]),
    ("A poll found 60% of Ukrainians reject a deal under which Kyiv would leave Donbas.", []),
    # a demand's figure of what the other side still holds; an earlier figure "compared
    # with"; ground gained is no holding
    ("Moscow demands that Kyiv withdraw from the remaining 20% of Donetsk.",
     [("demand_withdraw", "RU", ("UA-14",), None, None, "all"),
      ("control_share", "UA", ("UA-14",), 20.0, "percent", "exact")]),
    ("Russia held 19.3% of Ukraine in November, compared with 18.5% a year before.",
     [("control_share", "RU", ("UA",), 19.3, "percent", "exact"),
      ("control_share", "RU", ("UA",), 18.5, "percent", "exact")]),
    ("Russia holds about 116,000 km² of Ukraine after a gain of some 4,500 km² this year.",
     [("control_area", "RU", ("UA",), 116000.0, "km2", "around")]),
    # traps: a share of the country's electricity, of a list of drones
    ("The Zaporizhzhia plant once produced a fifth of Ukraine's electricity.", []),
    ("Russia said 80% of the 120 drones it launched at Kharkiv hit their targets.", []),
    # a claim reported to be called false, in the sentence after or its own
    ("FACT CHECK: A video shared two million times claims that Ukrainian forces \"now "
     "control 40 percent of Crimea\". This is false. Russia holds all of Crimea.",
     [("control_share", "RU", ("UA-43", "UA-40"), None, None, "all")]),
    ("Claim: \"Russia now controls half of Kharkiv region\", shared 40,000 times. Our "
     "rating: FALSE. Maps show Russian forces hold less than 5 percent of the region.",
     [("control_share", "RU", ("UA-63",), 5.0, "percent", "under")]),
    # wire abbreviations, square miles (km² given too: the same area once), ranges
    ("KREMLIN SAYS RUSSIAN FORCES CONTROL MORE THAN 99 PCT OF UKRAINE'S LUHANSK REGION",
     [("control_share", "RU", ("UA-09",), 99.0, "percent", "over")]),
    ("Ukraine still holds about 2,300 square miles of the Donetsk region.",
     [("control_area", "UA", ("UA-14",), 5957.0, "km2", "around")]),
    ("Russia occupied approximately 116,000 km² (45,000 sq mi) of Ukraine.",
     [("control_area", "RU", ("UA",), 116000.0, "km2", "around")]),
    ("Between 73% and 75% of the Zaporizhzhia region is under Russian control.",
     [("control_share", "RU", ("UA-23",), 74.0, "percent", "around")]),
    # ... but a claim someone makes, not called false, stays
    ("Russia claims it controls 99% of Luhansk. Kyiv calls that an exaggeration.",
     [("control_share", "RU", ("UA-09",), 99.0, "percent", "exact")]),
])
def test_article_structures(text: str, want: list[tuple]) -> None:  # type: ignore[type-arg]
    assert sorted(_claims(text), key=str) == sorted(
        [(k, a, tuple(sorted(r)), v, u, q) for k, a, r, v, u, q in want], key=str)


def test_an_earlier_figure_is_marked_earlier() -> None:
    got = extract_claims("Russian forces hold about 76% of Zaporizhzhia, up from 72% in "
                         "January.")
    assert [c.status for c in got] == [None, "earlier"]
    assert any("earlier figure" in r for r in got[1].review)


# ------------------------------------------------------------------ other writers' text
#: Corpora by 75 separate writers who had seen neither the code nor the other corpora
#: (whole articles with headlines, datelines, boilerplate and quotes; short passages by
#: many hands; traps); writers 12-75 were given the annotation convention
#: (docs/claim-annotation.md). Each was scored blind once, when it came (its header gives
#: that score), then used to change the rules and (except writers 60-63) to train the
#: learned reader (geo/extract/learned.py) -- except writers 72-75, held out: not yet used
#: for either. Blind scores by round, pooled: writers 1-2
#: 0.61, 3 0.81, 4-5 0.74, 6-7 0.74, 8-9 0.745, 10-11 0.72 (rules only); 14-17 0.72, 12-13
#: 0.73, 18-19 0.72 (with the learned reader; the rules alone 0.70); 20-23 0.75 (rules alone
#: 0.69); 24-27 0.76 (rules alone 0.72); 28-31 0.72 (rules alone 0.68; from 28-31 on, a
#: holding given as earlier or past is a note, not a claim, on both sides of the score:
#: _is_claim); 32-35 0.79 (rules alone 0.75); 36-39 0.80 (rules alone 0.77); 44-47 0.84,
#: 48-51 0.85, 52-55 0.87 (commissioned to tune on, scored on arrival); 40-43, held out
#: until the rules were done, 0.84; 56-59, held out, 0.88 (rules alone 0.86); 64-67 0.89,
#: 68-71 0.91 (commissioned to tune on, scored on arrival); 60-63, held out, 0.855 (rules
#: alone 0.82; sides right on 322 of 331 found claims): Moscow's English-language state
#: media (writer 61) 0.72, digital-native and European news (63) 0.84, Kyiv's outlets (62)
#: 0.90, map-led online news (60) 0.94. After that score the rules were tuned on 60-63
#: too (their annotations read; the reader still not trained on them): 0.89 then, no
#: longer blind. 72-75, commissioned after the session's last change and scored once on
#: arrival, held out: 0.867 (rules alone 0.84; sides right on 271 of 274): Moscow's state
#: media again 0.81, Kyiv's state and regional media 0.92, wire copy 0.87, live pages
#: 0.88; the rules were then tuned on 72-75 (0.93 then, no longer blind). 76-79,
#: commissioned at the next session's start, committed unread and scored once after its
#: last change, held out: 0.837 (rules alone 0.80; sides right on 288 of 291): Moscow's
#: state media 0.80, British and American broadsheets 0.83, Kyiv's independent outlets
#: 0.82, international broadcasters 0.88; the rules were then tuned on 76-79 (0.89 then,
#: no longer blind). 80-83, commissioned mid-session, committed unread and scored once
#: after its last change, held out: 0.844 (rules alone 0.80; sides right on 285 of 293):
#: Moscow's state media 0.85, wire copy 0.88, Ukrainian outlets in English 0.83, opinion
#: and explainers 0.82; the rules were then tuned on 80-83 (0.88 then, no longer blind).
#: 84-87, commissioned while that tuning went on, committed unread and scored once after
#: its last change, held out: 0.869 (rules alone 0.835; sides right on 281 of 285): Moscow's
#: state media 0.77, American and British news sites 0.87, Ukrainian outlets and officials
#: 0.88, European and international outlets 0.91; the rules were then tuned on 84-87
#: (0.92 then, no longer blind). 88-91, commissioned at the next session's start, before
#: any change, committed unread and scored once after its last change (8d95676), held
#: out: 0.872 (P 0.860, R 0.884; rules alone 0.837; sides right on 283 of 286): Moscow's
#: state media 0.90, analysts and open-source researchers 0.865, broadcast and live
#: coverage 0.89, Ukrainian and Central/Eastern European outlets 0.84; the rules were then
#: tuned on 88-91 (0.89 then, no longer blind). 92-95, commissioned right after that score
#: and before that tuning, committed unread and scored once after its last change
#: (e078840), held out: 0.860 (P 0.884, R 0.836; rules alone 0.806; sides right on 245 of
#: 253): Moscow's state media 0.80, syndicated and regional news 0.91, humanitarian, UN
#: and NGO reports 0.83, political newsletters and podcasts 0.885; the rules were then
#: tuned on 92-95 (0.874 then, no longer blind). 96-99, commissioned right after that
#: score and before that tuning, committed unread and scored once after its last change
#: (d050013), held out: 0.873 (P 0.869, R 0.878; rules alone 0.855; sides right on 258 of
#: 264): wire copy 0.91, Ukrainian government and military communications 0.88,
#: non-Western English-language outlets 0.89, Moscow's state media 0.81; the rules were then
#: tuned on 96-99 (0.932 then, no longer blind). 100-103, commissioned right after that
#: score and before that tuning, committed unread and scored once after its last change
#: (031963e), held out: 0.878 (P 0.866, R 0.891; rules alone 0.855; sides right on 285 of
#: 294): British and American broadsheets 0.844, think-tank and open-source daily
#: assessments 0.899, business and financial press 0.893, Ukrainian English-language sites
#: and Telegram digests 0.892; the rules were then tuned on 100-103 (0.933 then, no longer
#: blind). 104-107, commissioned right after that score and before that tuning, committed
#: unread and scored once after its last change (07cf0e3), held out: 0.887 (P 0.910,
#: R 0.865; rules alone 0.844; sides right on 282 of 287): regional and local newspapers
#: 0.930, Moscow's state media and Kremlin readouts 0.864, news agencies of Asia, the
#: Middle East and Africa 0.899, long-form magazines and data journalism 0.856; the rules
#: were then tuned on 104-107 (0.926 then, no longer blind). 108-111, commissioned before
#: that tuning, committed unread and scored once after its last change (90b2d4d), held
#: out: 0.871 (P 0.882, R 0.860; rules alone 0.845; sides right on 276 of 280): wire copy
#: 0.910, Kyiv's English-language outlets and officials 0.853, Moscow's state media 0.903,
#: international broadcasters' websites and live pages 0.821; the rules were then tuned on
#: 108-111 (0.906 then, no longer blind). 112-115, commissioned while the rules were tuned
#: on 104-107 (before 108-111 was scored), committed unread and scored once after the last
#: change for 108-111 (1c941b7), held out: 0.839 (P 0.832, R 0.846; rules alone 0.815;
#: sides right on 303 of 316): British and American broadsheets 0.794, analysts and
#: open-source researchers 0.840, non-Western English-language outlets 0.909, Russian
#: exiled media and Ukrainian regional communication 0.821; the rules were then tuned on
#: 112-115 (0.900 then, no longer blind). 116-119, commissioned while the rules were tuned
#: on 108-111 (before 112-115 was scored), committed unread and scored once after the last
#: change for 112-115 (2ea8d8d), held out: 0.892 (P 0.896, R 0.888; rules alone 0.878;
#: sides right on 309 of 322): Ukrainian government and military communication 0.824,
#: popular online news and tabloids 0.891, US television networks' websites 0.909,
#: Central and Eastern European outlets 0.930; the rules were then tuned on 116-119 (0.920
#: then, no longer blind). 120-123, commissioned while the rules were tuned on 112-115
#: (before 116-119 was scored), committed unread and scored once after the last change
#: for 116-119 (ba0707b), held out: 0.890 (P 0.882, R 0.899; rules alone 0.862; sides
#: right on 313 of 321): business and financial press 0.903, opinion columns and
#: editorials 0.870, humanitarian and UN/NGO situation reports 0.942, radio and podcast
#: transcripts and newsletters 0.876; the rules were then tuned on 120-123 (0.909 then, no
#: longer blind). 124-127, commissioned while the rules were tuned on 116-119 (before
#: 120-123 was scored), committed unread and scored once after the last change for
#: 120-123 (48880b6), held out: 0.819 (P 0.797, R 0.842; rules alone 0.793; sides right
#: on 294 of 303): Western governments' statements and parliamentary debates 0.851,
#: Russian military bloggers in translation 0.797, encyclopedia-style reference text 0.766
#: (40 claims found wrong: rows of region tables, historical sections), diaspora and
#: community papers 0.886; the rules were then tuned on 124-127 (0.843 then, no longer
#: blind). 128-131, commissioned after 124-127 was scored, while the rules were tuned on
#: it, committed unread and scored once after the last change for 124-127 (911a4b5), held
#: out: 0.795 (P 0.748, R 0.850; rules alone 0.754; sides right on 243 of 251):
#: fact-checking organisations 0.805, legal, sanctions and official documents 0.787,
#: political speeches and rallies 0.831, machine-translated local news and Telegram posts
#: 0.759; the rules were then tuned on 128-131 (0.855 then, no longer blind). 132-135,
#: commissioned after 128-131 was scored, and 136-139, commissioned later, while the rules
#: were tuned on 128-131, both committed unread and scored once after the last change for
#: 128-131 (81d1d20), held out: 132-135 0.763 (P 0.779, R 0.747; rules alone 0.730;
#: sides right on 286 of 299): academic
#: journal articles and think-tank papers 0.704, television captions, teletext and news
#: tickers 0.714, educational explainers and school materials 0.831, sports, culture and
#: travel pages 0.921; 136-139 0.844 (P 0.857, R 0.832; rules alone 0.804; sides right on
#: 282 of 287): social media threads and forum posts 0.837, interviews and Q&A transcripts
#: 0.828, trade and industry press 0.915, European newspapers in English translation
#: 0.814; the eight pooled 0.801 (P 0.816, R 0.787; rules alone 0.765); the rules were then
#: tuned on 132-139 (0.797 and 0.869 then, no longer blind). 140-143, commissioned after
#: 132-139 were scored, while the rules were tuned on them, committed unread and scored
#: once after the last change for 132-139 (4a58e7c), held out: 0.875 (P 0.880, R 0.871;
#: rules alone 0.858; sides right on 249 of 254): travel advisories, embassy and insurance
#: notices 0.891, anniversary retrospectives and timelines 0.804, charity appeals and donor
#: newsletters 0.930, English-language press of Africa, Latin America and the Gulf 0.931.
#: 144-147, commissioned after 140-143 was scored, committed unread and scored once with
#: the same rules and reader (aed22da: the claims of 4a58e7c, identical on every passage),
#: held out: 0.846 (P 0.845, R 0.847; rules alone 0.817; sides right on 288 of 296): local
#: British and Irish papers 0.902, Russian opposition and diaspora channels summarised in
#: English 0.753, Asian and Pacific press 0.901, data releases and statistical bulletins
#: 0.834; 140-147 pooled 0.859 (P 0.861, R 0.858; rules alone 0.835); the rules were
#: then tuned on 140-147 (0.920 and 0.903 then, no longer blind). 148-151, commissioned
#: after 144-147 was scored, before the first change for 140-147, committed unread and
#: scored once after the last change for 140-147 (314ff08), held out: 0.877 (P 0.860, R
#: 0.895; rules alone 0.864; sides right on 282 of 285): live blogs and rolling coverage
#: 0.874, morning newsletters and email briefings 0.933, parliamentary debates and
#: committee hearings 0.899, letters to the editor, reader comments and corrections
#: 0.809; the rules were then tuned on 148-151 (0.903 then, no longer blind). 152-155,
#: commissioned after 148-151 was scored, before the first change for it, committed
#: unread and scored once after the last change for 148-151 (8f39607), held out: 0.869 (P
#: 0.869, R 0.869; rules alone 0.833; sides right on 284 of 292): United Nations meeting
#: records 0.866, long-form magazine features and book reviews 0.859, defence journals and
#: military analysis newsletters 0.851, US local and regional newspapers 0.897; the rules
#: were then tuned on 152-155 (0.874 then, no longer blind). 156-159, commissioned after
#: 152-155 was scored, before the first change for it, committed unread and scored once
#: after the last change for 152-155 (6c289b7; at bbc2a28), held out: 0.868 (P 0.883, R
#: 0.854; rules alone 0.837; sides right on 264 of 267): podcast and video explainer
#: transcripts 0.856, Ukrainian regional and city news sites 0.878, wire-service factboxes
#: and explainers 0.849, human-interest features, profiles and obituaries 0.919; the rules
#: were then tuned on 156-159 (0.910 then, no longer blind). 160-163, commissioned after
#: 156-159 was scored, before the first change for it, committed unread at the next
#: session's start and scored once after that session's first tuning on 156-159 and a
#: retrain (9f51868), held out: 0.877 (P 0.892, R 0.862; rules alone 0.848; sides right on
#: 281 of 285): Russian state outlets' English sites and the Defence Ministry's briefings
#: 0.848, investor and risk-consultancy explainers 0.903, student papers and campus radio
#: 0.904, Ukrainian officials' Telegram and X posts in translation 0.836; the rules were
#: then tuned on 160-163 (0.935 then, no longer blind). 164-167, commissioned at that
#: session's start, before the first change for 156-159, committed unread and scored once
#: after the last change for 160-163 (dd8e76e), held out: 0.831 (P 0.817, R 0.845; rules
#: alone 0.806; sides right on 273 of 279): OSINT map maintainers' update posts and
#: changelogs 0.782, press-conference and briefing transcripts 0.892, energy, agriculture
#: and shipping trade press 0.836, push alerts, tickers and headline roundups 0.844; the
#: rules were then tuned on 164-167 (0.848 then, no longer blind). 168-171, commissioned
#: while the rules were tuned on 156-159 (before 160-163 was scored), committed unread after
#: 164-167 was scored and scored once after the last change for 164-167 (4fac189), held
#: out: 0.860 (P 0.863, R 0.857; rules alone 0.837; sides right on 252 of 261): think-tank
#: daily campaign assessments 0.873, Russian border regions' news sites in translation
#: 0.811, Western election campaigns 0.835, diplomatic communiqués and their coverage
#: 0.906. The rules and the reader gain on each writer they are tuned or trained on; on
#: writers they have not seen they stay short of the 0.9 the issue sets (0.839, 0.892,
#: 0.890, 0.819, 0.795, 0.763, 0.844, 0.875, 0.846, 0.877, 0.869, 0.868, 0.877, 0.831 and
#: 0.860 in the last fifteen blind rounds), and the farther a style is from those tuned on,
#: the lower. The reader was then trained on all scored writers (1-171; 15c9c88: its
#: leave-one-round-out F1 0.911, 0.908 before) and 168-171 became training data too.
#: 172-175, commissioned after 164-167 was scored, before the first change for it, and
#: 176-179, commissioned at the next session's start, before any change, were committed
#: unread and scored once after that retrain, the session's only change, held out: 0.845
#: (P 0.844, R 0.847; rules alone 0.810; sides right on 454 of 458; the code before the
#: retrain 0.832): religious and church press 0.881, environmental and satellite
#: remote-sensing reports 0.814, arts and culture pages 0.905, AI-assistant answers as users
#: paste them 0.837, human-rights NGO and UN monitoring-mission reports 0.877, podcast and
#: video-explainer transcripts 0.779, local Ukrainian city and oblast sites in translation
#: 0.813, sports, travel and lifestyle press 0.928; the rules were then tuned on 172-179 and
#: the reader trained on them (0.878 then, no longer blind). 180-183, commissioned after
#: 172-179 was scored, before the first change for it, committed unread and scored once
#: after the last change for 172-179 and a retrain (e16bdfe), held out: 0.869 (P 0.873,
#: R 0.865; rules alone 0.840; sides right on 282 of 285; the session's first code 0.860):
#: online forum threads and Q&A sites 0.811, financial-market flashes and analyst notes
#: 0.909, military-history magazine retrospectives 0.885, Ukrainian diaspora community
#: press in English 0.904; the reader was then trained on them, with writers 1-179.
#: 184-187, commissioned after 180-183 was scored, after that session's last
#: change, committed unread and scored once after that retrain, held out: 0.858 (P 0.881,
#: R 0.837; rules alone 0.829; sides right on 251 of 254; the code before the retrain
#: 0.857): court judgments and legal commentary 0.841, children's and educational
#: explainers and museum texts 0.860, insurance, shipping and aviation war-risk bulletins
#: 0.873, regional European opinion columns and letters pages in translation 0.853; the
#: rules were then tuned on 185 and 186 and the reader trained on 184-187. 188-191,
#: commissioned at the next session's start, before any change, committed unread and scored
#: once after the last change and that retrain, held out: 0.900 (P 0.910, R 0.891; rules
#: alone 0.880; sides right on 212 of 214; the session's first code, ee7a8bf, 0.900 too):
#: corporate disclosures and earnings calls 0.844, documentary narration and subtitles
#: 0.879, government briefing notes and policy memos 0.914, the English-language press of
#: Turkey, Israel, the Caucasus and Central Asia 0.947; the reader was then trained on
#: them. 192-195, commissioned after 188-191 was scored, after that session's last
#: change, committed unread and scored once at the next session's start, before any
#: change (fa452a5), held out: 0.908 (P 0.943, R 0.876; rules alone 0.883; sides right on
#: 198 of 198); after a retrain on writers 1-191, 0.906 (P 0.943, R 0.872): satirical and
#: humour columns and political sketches 0.866, technology, video-game and app press 0.906
#: (0.916 before the retrain), medical and public-health journals 0.889, the Chinese and
#: Indian English-language press 0.964; the rules were then tuned on the round (hard-wrapped
#: lines, a quoted figure, a column of sides, numbered figure lines: 0.934 after), and on
#: writer 188 (a share of something located in a place), and the reader trained on them
#: (0.939). 196-199, commissioned at the start of the session that scored 192-195, before
#: any change, committed unread and scored once after the last change and that retrain,
#: held out: 0.936 (P 0.943, R 0.929; rules alone 0.921; sides right on 247 of 250; the
#: session's first code, fa452a5, the same): news web pages copied out of a browser with
#: their clutter 0.954, parliamentary and congressional records 0.913, East and Southeast
#: Asian English-language press 0.941, defence trade press and military journals 0.933; the
#: rules were then tuned on 196 and 198 (a holder after "but not", a plan's recipient) and
#: the reader trained on them. 200-203, commissioned after 196-199 was scored, committed
#: unread and scored once after the session's last change (df63412), held out: 0.902
#: (P 0.901, R 0.904; rules alone 0.888; sides right on 236 of 236; the session's first
#: code, fa452a5, 0.904): Nordic, Dutch and Baltic public broadcasters' English news sites
#: 0.933, African and Latin American English-language outlets 0.851, student and
#: university newspapers 0.919, opinion-polling and survey writing 0.908.
WRITERS = {
    # name: (file, passages, floor); each corpus's first, blind score is in its header
    # (writers 1-9 scored then with repeated claims counted each time: up to 0.03 higher).
    # "tuned on": rules changed on it; "trained on": the learned reader's training data
    # (scripts/train_extract_model.py); "held out": committed unread, scored once blind and
    # never trained on (HELD_OUT); "then tuned on": the rules were changed on it after that
    # one score; "then trained on": the reader learned from it after a newer round was due.
    "writer 1 (tuned and trained on)": ("extract_corpus_fresh.yaml", 45, 0.92),
    "writer 2 (tuned and trained on)": ("extract_corpus_fresh2.yaml", 40, 0.84),
    "writer 3 (tuned and trained on)": ("extract_corpus_fresh3.yaml", 40, 0.97),
    "writer 4 (tuned and trained on)": ("extract_corpus_fresh4.yaml", 40, 0.97),
    "writer 5 (tuned and trained on)": ("extract_corpus_fresh5.yaml", 40, 0.92),
    "writer 6 (tuned and trained on)": ("extract_corpus_fresh6.yaml", 40, 0.91),
    "writer 7 (tuned and trained on)": ("extract_corpus_fresh7.yaml", 40, 0.94),
    "writer 8 (tuned and trained on)": ("extract_corpus_fresh8.yaml", 40, 0.89),
    "writer 9 (tuned and trained on)": ("extract_corpus_fresh9.yaml", 40, 0.91),
    "writer 10 (tuned and trained on)": ("extract_corpus_fresh10.yaml", 40, 0.91),
    "writer 11 (tuned and trained on)": ("extract_corpus_fresh11.yaml", 40, 0.88),
    "writer 14 (scored once, then tuned and trained on)": ("extract_corpus_fresh14.yaml", 40, 0.90),
    "writer 15 (scored once, then tuned and trained on)": ("extract_corpus_fresh15.yaml", 40, 0.91),
    "writer 16 (scored once, then tuned and trained on)": ("extract_corpus_fresh16.yaml", 40, 0.94),
    "writer 17 (scored once, then tuned and trained on)": ("extract_corpus_fresh17.yaml", 40, 0.96),
    "writer 12 (scored once, then tuned and trained on)": ("extract_corpus_fresh12.yaml", 40, 0.93),
    "writer 13 (scored once, then tuned and trained on)": ("extract_corpus_fresh13.yaml", 40, 0.89),
    "writer 18 (scored once, then tuned and trained on)": ("extract_corpus_fresh18.yaml", 40, 0.89),
    "writer 19 (scored once, then tuned and trained on)": ("extract_corpus_fresh19.yaml", 40, 0.91),
    "writer 20 (scored once, then tuned and trained on)": ("extract_corpus_fresh20.yaml", 40, 0.90),
    "writer 21 (scored once, then tuned and trained on)": ("extract_corpus_fresh21.yaml", 40, 0.89),
    "writer 22 (scored once, then tuned and trained on)": ("extract_corpus_fresh22.yaml", 40, 0.93),
    "writer 23 (scored once, then tuned and trained on)": ("extract_corpus_fresh23.yaml", 40, 0.87),
    "writer 24 (scored once, then tuned and trained on)": ("extract_corpus_fresh24.yaml", 40, 0.88),
    "writer 25 (scored once, then tuned and trained on)": ("extract_corpus_fresh25.yaml", 40, 0.90),
    "writer 26 (scored once, then tuned and trained on)": ("extract_corpus_fresh26.yaml", 40, 0.87),
    "writer 27 (scored once, then tuned and trained on)": ("extract_corpus_fresh27.yaml", 40, 0.92),
    "writer 28 (scored once, then tuned and trained on)": ("extract_corpus_fresh28.yaml", 40, 0.95),
    "writer 29 (scored once, then tuned and trained on)": ("extract_corpus_fresh29.yaml", 40, 0.91),
    "writer 30 (scored once, then tuned and trained on)": ("extract_corpus_fresh30.yaml", 40, 0.90),
    "writer 31 (scored once, then tuned and trained on)": ("extract_corpus_fresh31.yaml", 40, 0.90),
    "writer 32 (scored once, then tuned and trained on)": ("extract_corpus_fresh32.yaml", 40, 0.91),
    "writer 33 (scored once, then tuned and trained on)": ("extract_corpus_fresh33.yaml", 40, 0.91),
    "writer 34 (scored once, then tuned and trained on)": ("extract_corpus_fresh34.yaml", 40, 0.91),
    "writer 35 (scored once, then tuned and trained on)": ("extract_corpus_fresh35.yaml", 40, 0.93),
    "writer 36 (scored once, then tuned and trained on)": ("extract_corpus_fresh36.yaml", 40, 0.95),
    "writer 37 (scored once, then tuned and trained on)": ("extract_corpus_fresh37.yaml", 40, 0.93),
    "writer 38 (scored once, then tuned and trained on)": ("extract_corpus_fresh38.yaml", 40, 0.90),
    "writer 39 (scored once, then tuned and trained on)": ("extract_corpus_fresh39.yaml", 40, 0.93),
    "writer 44 (scored once, then tuned and trained on)": ("extract_corpus_fresh44.yaml", 40, 0.95),
    "writer 45 (scored once, then tuned and trained on)": ("extract_corpus_fresh45.yaml", 40, 0.93),
    "writer 46 (scored once, then tuned and trained on)": ("extract_corpus_fresh46.yaml", 40, 0.93),
    "writer 47 (scored once, then tuned and trained on)": ("extract_corpus_fresh47.yaml", 40, 0.91),
    "writer 48 (scored once, then tuned and trained on)": ("extract_corpus_fresh48.yaml", 40, 0.90),
    "writer 49 (scored once, then tuned and trained on)": ("extract_corpus_fresh49.yaml", 40, 0.93),
    "writer 50 (scored once, then tuned and trained on)": ("extract_corpus_fresh50.yaml", 40, 0.90),
    "writer 51 (scored once, then tuned and trained on)": ("extract_corpus_fresh51.yaml", 40, 0.95),
    "writer 52 (scored once, then tuned and trained on)": ("extract_corpus_fresh52.yaml", 40, 0.89),
    "writer 53 (scored once, then tuned and trained on)": ("extract_corpus_fresh53.yaml", 40, 0.93),
    "writer 54 (scored once, then tuned and trained on)": ("extract_corpus_fresh54.yaml", 40, 0.92),
    "writer 55 (scored once, then tuned and trained on)": ("extract_corpus_fresh55.yaml", 40, 0.95),
    "writer 40 (scored once, then tuned and trained on)": ("extract_corpus_fresh40.yaml", 40, 0.96),
    "writer 41 (scored once, then tuned and trained on)": ("extract_corpus_fresh41.yaml", 40, 0.94),
    "writer 42 (scored once, then tuned and trained on)": ("extract_corpus_fresh42.yaml", 40, 0.94),
    "writer 43 (scored once, then tuned and trained on)": ("extract_corpus_fresh43.yaml", 40, 0.86),
    "writer 56 (scored once, then tuned and trained on)": ("extract_corpus_fresh56.yaml", 40, 0.97),
    "writer 57 (scored once, then tuned and trained on)": ("extract_corpus_fresh57.yaml", 40, 0.91),
    "writer 58 (scored once, then tuned and trained on)": ("extract_corpus_fresh58.yaml", 40, 0.92),
    "writer 59 (scored once, then tuned and trained on)": ("extract_corpus_fresh59.yaml", 40, 0.95),
    "writer 60 (held out, then tuned and trained on)": ("extract_corpus_fresh60.yaml", 40, 0.93),
    "writer 61 (held out, then tuned and trained on)": ("extract_corpus_fresh61.yaml", 40, 0.85),
    "writer 62 (held out, then tuned and trained on)": ("extract_corpus_fresh62.yaml", 40, 0.91),
    "writer 63 (held out, then tuned and trained on)": ("extract_corpus_fresh63.yaml", 40, 0.89),
    "writer 64 (scored once, then tuned and trained on)": ("extract_corpus_fresh64.yaml", 40, 0.94),
    "writer 65 (scored once, then tuned and trained on)": ("extract_corpus_fresh65.yaml", 40, 0.93),
    "writer 66 (scored once, then tuned and trained on)": ("extract_corpus_fresh66.yaml", 40, 0.92),
    "writer 67 (scored once, then tuned and trained on)": ("extract_corpus_fresh67.yaml", 40, 0.96),
    "writer 68 (scored once, then tuned and trained on)": ("extract_corpus_fresh68.yaml", 40, 0.97),
    "writer 69 (scored once, then tuned and trained on)": ("extract_corpus_fresh69.yaml", 40, 0.95),
    "writer 70 (scored once, then tuned and trained on)": ("extract_corpus_fresh70.yaml", 40, 0.95),
    "writer 71 (scored once, then tuned and trained on)": ("extract_corpus_fresh71.yaml", 40, 0.88),
    "writer 72 (held out, then tuned and trained on)": ("extract_corpus_fresh72.yaml", 40, 0.90),
    "writer 73 (held out, then tuned and trained on)": ("extract_corpus_fresh73.yaml", 40, 0.94),
    "writer 74 (held out, then tuned and trained on)": ("extract_corpus_fresh74.yaml", 40, 0.93),
    "writer 75 (held out, then tuned and trained on)": ("extract_corpus_fresh75.yaml", 40, 0.92),
    "writer 76 (held out, then tuned and trained on)": ("extract_corpus_fresh76.yaml", 40, 0.82),
    "writer 77 (held out, then tuned and trained on)": ("extract_corpus_fresh77.yaml", 40, 0.89),
    "writer 78 (held out, then tuned and trained on)": ("extract_corpus_fresh78.yaml", 40, 0.87),
    "writer 79 (held out, then tuned and trained on)": ("extract_corpus_fresh79.yaml", 40, 0.92),
    "writer 80 (held out, then tuned and trained on)": ("extract_corpus_fresh80.yaml", 40, 0.86),
    "writer 81 (held out, then tuned and trained on)": ("extract_corpus_fresh81.yaml", 40, 0.90),
    "writer 82 (held out, then tuned and trained on)": ("extract_corpus_fresh82.yaml", 40, 0.87),
    "writer 83 (held out, then tuned and trained on)": ("extract_corpus_fresh83.yaml", 40, 0.86),
    "writer 84 (held out, then tuned and trained on)": ("extract_corpus_fresh84.yaml", 40, 0.83),
    "writer 85 (held out, then tuned and trained on)": ("extract_corpus_fresh85.yaml", 40, 0.91),
    "writer 86 (held out, then tuned and trained on)": ("extract_corpus_fresh86.yaml", 40, 0.91),
    "writer 87 (held out, then tuned and trained on)": ("extract_corpus_fresh87.yaml", 40, 0.96),
    "writer 88 (held out, then tuned and trained on)": ("extract_corpus_fresh88.yaml", 40, 0.92),
    "writer 89 (held out, then tuned and trained on)": ("extract_corpus_fresh89.yaml", 40, 0.91),
    "writer 90 (held out, then tuned and trained on)": ("extract_corpus_fresh90.yaml", 40, 0.91),
    "writer 91 (held out, then tuned and trained on)": ("extract_corpus_fresh91.yaml", 40, 0.82),
    "writer 92 (held out, then tuned and trained on)": ("extract_corpus_fresh92.yaml", 40, 0.79),
    "writer 93 (held out, then tuned and trained on)": ("extract_corpus_fresh93.yaml", 40, 0.90),
    "writer 94 (held out, then tuned and trained on)": ("extract_corpus_fresh94.yaml", 40, 0.88),
    "writer 95 (held out, then tuned and trained on)": ("extract_corpus_fresh95.yaml", 40, 0.89),
    "writer 96 (held out, then tuned and trained on)": ("extract_corpus_fresh96.yaml", 40, 0.93),
    "writer 97 (held out, then tuned and trained on)": ("extract_corpus_fresh97.yaml", 40, 0.93),
    "writer 98 (held out, then tuned and trained on)": ("extract_corpus_fresh98.yaml", 40, 0.96),
    "writer 99 (held out, then tuned and trained on)": ("extract_corpus_fresh99.yaml", 40, 0.87),
    "writer 100 (held out, then tuned and trained on)": ("extract_corpus_fresh100.yaml", 40, 0.92),
    "writer 101 (held out, then tuned and trained on)": ("extract_corpus_fresh101.yaml", 40, 0.95),
    "writer 102 (held out, then tuned and trained on)": ("extract_corpus_fresh102.yaml", 40, 0.94),
    "writer 103 (held out, then tuned and trained on)": ("extract_corpus_fresh103.yaml", 40, 0.91),
    "writer 104 (held out, then tuned and trained on)": ("extract_corpus_fresh104.yaml", 40, 0.94),
    "writer 105 (held out, then tuned and trained on)": ("extract_corpus_fresh105.yaml", 40, 0.91),
    "writer 106 (held out, then tuned and trained on)": ("extract_corpus_fresh106.yaml", 40, 0.94),
    "writer 107 (held out, then tuned and trained on)": ("extract_corpus_fresh107.yaml", 40, 0.88),
    "writer 108 (held out, then tuned and trained on)": ("extract_corpus_fresh108.yaml", 40, 0.95),
    "writer 109 (held out, then tuned and trained on)": ("extract_corpus_fresh109.yaml", 40, 0.87),
    "writer 110 (held out, then tuned and trained on)": ("extract_corpus_fresh110.yaml", 40, 0.92),
    "writer 111 (held out, then tuned and trained on)": ("extract_corpus_fresh111.yaml", 40, 0.87),
    "writer 112 (held out, then tuned and trained on)": ("extract_corpus_fresh112.yaml", 40, 0.86),
    "writer 113 (held out, then tuned and trained on)": ("extract_corpus_fresh113.yaml", 40, 0.89),
    "writer 114 (held out, then tuned and trained on)": ("extract_corpus_fresh114.yaml", 40, 0.93),
    "writer 115 (held out, then tuned and trained on)": ("extract_corpus_fresh115.yaml", 40, 0.90),
    "writer 116 (held out, then tuned and trained on)": ("extract_corpus_fresh116.yaml", 40, 0.89),
    "writer 117 (held out, then tuned and trained on)": ("extract_corpus_fresh117.yaml", 40, 0.90),
    "writer 118 (held out, then tuned and trained on)": ("extract_corpus_fresh118.yaml", 40, 0.92),
    "writer 119 (held out, then tuned and trained on)": ("extract_corpus_fresh119.yaml", 40, 0.94),
    "writer 120 (held out, then tuned and trained on)": ("extract_corpus_fresh120.yaml", 40, 0.91),
    "writer 121 (held out, then tuned and trained on)": ("extract_corpus_fresh121.yaml", 40, 0.89),
    "writer 122 (held out, then tuned and trained on)": ("extract_corpus_fresh122.yaml", 40, 0.96),
    "writer 123 (held out, then tuned and trained on)": ("extract_corpus_fresh123.yaml", 40, 0.89),
    "writer 124 (held out, then tuned and trained on)": ("extract_corpus_fresh124.yaml", 40, 0.85),
    "writer 125 (held out, then tuned and trained on)": ("extract_corpus_fresh125.yaml", 40, 0.82),
    "writer 126 (held out, then tuned and trained on)": ("extract_corpus_fresh126.yaml", 40, 0.82),
    "writer 127 (held out, then tuned and trained on)": ("extract_corpus_fresh127.yaml", 40, 0.88),
    "writer 128 (held out, then tuned and trained on)": ("extract_corpus_fresh128.yaml", 40, 0.87),
    "writer 129 (held out, then tuned and trained on)": ("extract_corpus_fresh129.yaml", 40, 0.82),
    "writer 130 (held out, then tuned and trained on)": ("extract_corpus_fresh130.yaml", 40, 0.86),
    "writer 131 (held out, then tuned and trained on)": ("extract_corpus_fresh131.yaml", 40, 0.85),
    "writer 132 (held out, then tuned and trained on)": ("extract_corpus_fresh132.yaml", 40, 0.77),
    "writer 133 (held out, then tuned and trained on)": ("extract_corpus_fresh133.yaml", 40, 0.72),
    "writer 134 (held out, then tuned and trained on)": ("extract_corpus_fresh134.yaml", 40, 0.85),
    "writer 135 (held out, then tuned and trained on)": ("extract_corpus_fresh135.yaml", 40, 0.92),
    "writer 136 (held out, then tuned and trained on)": ("extract_corpus_fresh136.yaml", 40, 0.88),
    "writer 137 (held out, then tuned and trained on)": ("extract_corpus_fresh137.yaml", 40, 0.83),
    "writer 138 (held out, then tuned and trained on)": ("extract_corpus_fresh138.yaml", 40, 0.91),
    "writer 139 (held out, then tuned and trained on)": ("extract_corpus_fresh139.yaml", 40, 0.84),
    "writer 140 (held out, then tuned and trained on)": ("extract_corpus_fresh140.yaml", 40, 0.91),
    "writer 141 (held out, then tuned and trained on)": ("extract_corpus_fresh141.yaml", 40, 0.88),
    "writer 142 (held out, then tuned and trained on)": ("extract_corpus_fresh142.yaml", 40, 0.93),
    "writer 143 (held out, then tuned and trained on)": ("extract_corpus_fresh143.yaml", 40, 0.94),
    "writer 144 (held out, then tuned and trained on)": ("extract_corpus_fresh144.yaml", 40, 0.96),
    "writer 145 (held out, then tuned and trained on)": ("extract_corpus_fresh145.yaml", 40, 0.78),
    "writer 146 (held out, then tuned and trained on)": ("extract_corpus_fresh146.yaml", 40, 0.96),
    "writer 147 (held out, then tuned and trained on)": ("extract_corpus_fresh147.yaml", 40, 0.89),
    "writer 148 (held out, then tuned and trained on)": ("extract_corpus_fresh148.yaml", 40, 0.89),
    "writer 149 (held out, then tuned and trained on)": ("extract_corpus_fresh149.yaml", 40, 0.93),
    "writer 150 (held out, then tuned and trained on)": ("extract_corpus_fresh150.yaml", 40, 0.94),
    "writer 151 (held out, then tuned and trained on)": ("extract_corpus_fresh151.yaml", 40, 0.83),
    "writer 152 (held out, then tuned and trained on)": ("extract_corpus_fresh152.yaml", 40, 0.88),
    "writer 153 (held out, then tuned and trained on)": ("extract_corpus_fresh153.yaml", 40, 0.85),
    "writer 154 (held out, then tuned and trained on)": ("extract_corpus_fresh154.yaml", 40, 0.85),
    "writer 155 (held out, then tuned and trained on)": ("extract_corpus_fresh155.yaml", 40, 0.89),
    "writer 156 (held out, then tuned and trained on)": ("extract_corpus_fresh156.yaml", 40, 0.89),
    "writer 157 (held out, then tuned and trained on)": ("extract_corpus_fresh157.yaml", 40, 0.92),
    "writer 158 (held out, then tuned and trained on)": ("extract_corpus_fresh158.yaml", 40, 0.89),
    "writer 159 (held out, then tuned and trained on)": ("extract_corpus_fresh159.yaml", 40, 0.94),
    "writer 160 (held out, then tuned and trained on)": ("extract_corpus_fresh160.yaml", 40, 0.91),
    "writer 161 (held out, then tuned and trained on)": ("extract_corpus_fresh161.yaml", 40, 0.96),
    "writer 162 (held out, then tuned and trained on)": ("extract_corpus_fresh162.yaml", 40, 0.93),
    "writer 163 (held out, then tuned and trained on)": ("extract_corpus_fresh163.yaml", 40, 0.88),
    "writer 164 (held out, then tuned and trained on)": ("extract_corpus_fresh164.yaml", 40, 0.82),
    "writer 165 (held out, then tuned and trained on)": ("extract_corpus_fresh165.yaml", 40, 0.89),
    "writer 166 (held out, then tuned and trained on)": ("extract_corpus_fresh166.yaml", 40, 0.83),
    "writer 167 (held out, then tuned and trained on)": ("extract_corpus_fresh167.yaml", 40, 0.84),
    "writer 168 (held out, then trained on)": ("extract_corpus_fresh168.yaml", 40, 0.87),
    "writer 169 (held out, then trained on)": ("extract_corpus_fresh169.yaml", 40, 0.81),
    "writer 170 (held out, then trained on)": ("extract_corpus_fresh170.yaml", 40, 0.83),
    "writer 171 (held out, then trained on)": ("extract_corpus_fresh171.yaml", 40, 0.90),
    "writer 172 (held out, then tuned and trained on)": ("extract_corpus_fresh172.yaml", 40, 0.90),
    "writer 173 (held out, then tuned and trained on)": ("extract_corpus_fresh173.yaml", 40, 0.87),
    "writer 174 (held out, then tuned and trained on)": ("extract_corpus_fresh174.yaml", 40, 0.94),
    "writer 175 (held out, then tuned and trained on)": ("extract_corpus_fresh175.yaml", 40, 0.86),
    "writer 176 (held out, then tuned and trained on)": ("extract_corpus_fresh176.yaml", 40, 0.92),
    "writer 177 (held out, then tuned and trained on)": ("extract_corpus_fresh177.yaml", 40, 0.81),
    "writer 178 (held out, then tuned and trained on)": ("extract_corpus_fresh178.yaml", 40, 0.82),
    "writer 179 (held out, then tuned and trained on)": ("extract_corpus_fresh179.yaml", 40, 0.92),
    "writer 180 (held out, then trained on)": ("extract_corpus_fresh180.yaml", 40, 0.81),
    "writer 181 (held out, then trained on)": ("extract_corpus_fresh181.yaml", 40, 0.90),
    "writer 182 (held out, then trained on)": ("extract_corpus_fresh182.yaml", 40, 0.88),
    "writer 183 (held out, then trained on)": ("extract_corpus_fresh183.yaml", 40, 0.90),
    "writer 184 (held out, then trained on)": ("extract_corpus_fresh184.yaml", 40, 0.84),
    "writer 185 (held out, then tuned and trained on)": ("extract_corpus_fresh185.yaml", 40, 0.86),
    "writer 186 (held out, then tuned and trained on)": ("extract_corpus_fresh186.yaml", 40, 0.87),
    "writer 187 (held out, then trained on)": ("extract_corpus_fresh187.yaml", 40, 0.85),
    "writer 188 (held out, then tuned and trained on)": ("extract_corpus_fresh188.yaml", 40, 0.84),
    "writer 189 (held out, then trained on)": ("extract_corpus_fresh189.yaml", 40, 0.87),
    "writer 190 (held out, then trained on)": ("extract_corpus_fresh190.yaml", 40, 0.91),
    "writer 191 (held out, then trained on)": ("extract_corpus_fresh191.yaml", 40, 0.94),
    "writer 192 (held out, then tuned and trained on)": ("extract_corpus_fresh192.yaml", 40, 0.91),
    "writer 193 (held out, then tuned and trained on)": ("extract_corpus_fresh193.yaml", 40, 0.96),
    "writer 194 (held out, then tuned and trained on)": ("extract_corpus_fresh194.yaml", 40, 0.90),
    "writer 195 (held out, then tuned and trained on)": ("extract_corpus_fresh195.yaml", 40, 0.97),
    "writer 196 (held out, then tuned and trained on)": ("extract_corpus_fresh196.yaml", 40, 0.96),
    "writer 197 (held out, then tuned and trained on)": ("extract_corpus_fresh197.yaml", 40, 0.91),
    "writer 198 (held out, then tuned and trained on)": ("extract_corpus_fresh198.yaml", 40, 0.94),
    "writer 199 (held out, then tuned and trained on)": ("extract_corpus_fresh199.yaml", 40, 0.93),
    "writer 200 (held out)": ("extract_corpus_fresh200.yaml", 40, 0.93),
    "writer 201 (held out)": ("extract_corpus_fresh201.yaml", 40, 0.85),
    "writer 202 (held out)": ("extract_corpus_fresh202.yaml", 40, 0.91),
    "writer 203 (held out)": ("extract_corpus_fresh203.yaml", 40, 0.90),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_scores_on_other_writers_articles(writer: str) -> None:
    """Each writer's corpus scored (printed), at least its floor (:data:`WRITERS`)."""
    name, passages, floor = WRITERS[writer]
    n, tp, fp, fn = _score("heldout", Path(__file__).parent / "data" / name)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"\n{writer}: {n} passages, {tp + fn} claims expected; precision "
          f"{precision:.2f}, recall {recall:.2f}, F1 {f1:.2f} (tp {tp}, fp {fp}, fn {fn})")
    assert n == passages and f1 >= floor, (tp, fp, fn)


def test_the_readme_states_the_held_out_scores() -> None:
    """The README's "how far to trust them" figures are what the held-out writers never
    tuned on score now (pooled), so they cannot go stale."""
    tp = fp = fn = 0
    for name, (path, _, _) in WRITERS.items():
        if name.endswith("(held out)"):
            _, t, f, n = _score("heldout", Path(__file__).parent / "data" / path)
            tp, fp, fn = tp + t, fp + f, fn + n
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(
        encoding="utf-8").split())
    m = re.search(r"they find (\d+) % of the claims a careful reader records, and (\d+) % of "
                  r"what they find is right \(F1 ([\d.]+);", readme)
    assert m is not None
    assert (int(m.group(1)), int(m.group(2)), float(m.group(3))) == (
        round(100 * recall), round(100 * precision), round(f1, 2)), (tp, fp, fn)
    # the New article view says the same in words ("about 9 in 10 of the claims ...")
    view = " ".join((Path(__file__).parent.parent / "ui" / "article_view.py").read_text(
        encoding="utf-8").replace('"\n', "").replace('"', "").split())
    said = re.search(r"find about (\d+) in (\d+) of the claims .*? and about (\d+) in (\d+) "
                     r"of what they find is right", view)
    assert said is not None
    a, b, c, d = (int(x) for x in said.groups())
    assert abs(100 * a / b - 100 * recall) < 3 and abs(100 * c / d - 100 * precision) < 3


def test_a_claim_two_rules_reach_is_listed_once() -> None:
    # "a foothold in Dnipropetrovsk" and "a handful of villages in ... the region": one
    # claim (two rows in a draft, two in a ledger, before)
    text = ("Russian troops pressed on. And they now have a foothold in Dnipropetrovsk, a "
            "handful of villages in the east of the region.")
    got = [(c.kind, c.regions, c.qualifier) for c in extract_claims(text)]
    assert got == [("control_share", ("UA-12",), "part")]
    # the same sentence said again further on is its own mention
    twice = text + " Officials met the press. " + text
    assert len(extract_claims(twice)) == 2


def test_a_question_of_what_is_under_a_side_s_control_and_its_answer() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(text)]

    assert read("How much of Ukraine is under Russian occupation?\n\nJust under a fifth of "
                "it. Readers keep asking.") == [("RU", ("UA",), 20.0, "under")]
    assert read("How much of Kherson region remains in Ukrainian hands?\n\nAbout a "
                "quarter.") == [("UA", ("UA-65",), 25.0, "around")]
    assert read("Q: How much of Ukraine does Russia hold right now?\nA: About 19 per "
                "cent.") == [("RU", ("UA",), 19.0, "around")]


def test_a_line_s_amount_after_a_statement_of_control() -> None:
    text = ("The picture, region by region:\n\n"
            "- Crimea: the whole peninsula has been under Russian control since 2014.\n"
            "- Luhansk: virtually all of it.\n"
            "- Sumy: a few villages near the border.\n"
            "- Kharkiv: 40 schools shut.\n")
    assert [(c.actor, c.regions, c.qualifier) for c in extract_claims(text)] == [
        ("RU", ("UA-43", "UA-40"), "all"), ("RU", ("UA-09",), "all"),
        ("RU", ("UA-59",), "part")]


def test_a_share_now_with_no_place_is_of_the_ground_before_and_get_out_of() -> None:
    text = ("Before the full-scale invasion, Russia and its proxies held about 7 percent of "
            "Ukraine, counting Crimea. Two years on, Russian forces hold roughly 18 percent.")
    assert [(c.actor, c.regions, c.value, c.status) for c in extract_claims(text)] == [
        ("RU", ("UA",), 7.0, "past"), ("RU", ("UA",), 18.0, None)]
    # with no time set against the one before, no ground is guessed
    assert [c.value for c in extract_claims(
        "Russia holds about 19 percent of Ukraine. Russian forces hold roughly 18 percent.")] \
        == [19.0]
    assert [(c.kind, c.actor, c.regions) for c in extract_claims(
        '"Russia must get out of all of Ukraine, Crimea included," the minister said.')] == [
        ("demand_withdraw", "UA", ("UA",))]


def test_a_side_s_list_under_a_heading_of_what_it_wants() -> None:
    got = extract_claims(
        "What Russia wants\n"
        "- Ukrainian troops out of all four regions Moscow claimed to annex in 2022\n"
        "- A written guarantee that Ukraine will never join NATO\n\n"
        "What Ukraine wants\n"
        "- A full ceasefire along the current line of contact for at least 30 days\n"
        "- Russian troops out of Zaporizhzhia\n")
    assert [(c.kind, c.actor, set(c.regions)) for c in got] == [
        ("demand_withdraw", "RU", {"UA-09", "UA-14", "UA-23", "UA-65"}),
        ("demand_withdraw", "UA", {"UA-23"})]


def _kinds(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, tuple(sorted(c.regions)), c.value, c.qualifier)
            for c in extract_claims(text) if c.is_claim]


def test_an_interview_answer_to_how_much_has_been_liberated() -> None:
    # writer 72: a dash before question and answer; "liberated" in Moscow's words
    got = _kinds("The head of the Donetsk People's Republic spoke about the special military "
                 "operation and the Kiev regime.\n\n— How much of the republic's territory has "
                 "been liberated today?\n\n— About 63 percent. Every week the figure grows.")
    assert got == [("control_share", "RU", ("UA-14",), 63.0, "around")]


def test_lines_of_terms_and_of_who_holds_a_place() -> None:
    got = _kinds("What each side wants:\nMoscow: Ukraine's withdrawal from the whole of the "
                 "Donbas, and recognition of Crimea as Russian. In return, nothing.")
    assert got == [("demand_withdraw", "RU", ("UA-09", "UA-14"), None, "all"),
                   ("demand_cede", "RU", ("UA-40", "UA-43"), None, "all")]
    got = _kinds("Who holds what:\n- Crimea: held by Russia since 2014\n- Luhansk: almost "
                 "entirely occupied by Russian forces")
    assert got == [("control_share", "RU", ("UA-40", "UA-43"), None, "all"),
                   ("control_share", "RU", ("UA-09",), None, "nearly_all")]


def test_another_figure_for_the_ground_just_named() -> None:
    got = _kinds("Ukraine's top commander said his forces still held about 800 square "
                 "kilometers of the Kursk region. Russia's General Staff gave a smaller figure, "
                 "saying Ukrainian units held no more than 500 square kilometers.")
    assert got == [("control_area", "UA", ("RU-KRS",), 800.0, "around"),
                   ("control_area", "UA", ("RU-KRS",), 500.0, "under")]
    got = _kinds("The Russian-installed governor said that Moscow's forces controlled \"more "
                 "than 70 percent\" of the Zaporizhzhia region. Ukrainian officials put the "
                 "figure at about 73 percent.")
    assert got == [("control_share", "RU", ("UA-23",), 70.0, "over"),
                   ("control_share", "RU", ("UA-23",), 73.0, "around")]
    # the speakers' side is not the figure's holder, and "closer to" another figure too
    # (writer 85); a place before "puts the figure" is that sentence's own (writer 81)
    got = _kinds("Russia's Defence Ministry says its troops control about 75% of Donetsk "
                 "region. Ukrainian and Western analysts put the figure closer to 65%, noting "
                 "that Moscow has repeatedly announced the capture of villages.")
    assert got == [("control_share", "RU", ("UA-14",), 75.0, "around"),
                   ("control_share", "RU", ("UA-14",), 65.0, "around")]
    got = _kinds("Russia holds all of Luhansk. Moscow says its forces now control about 70% of "
                 "neighbouring Donetsk region, while the Halden Institute puts the figure at "
                 "68%.")
    assert got == [("control_share", "RU", ("UA-09",), None, "all"),
                   ("control_share", "RU", ("UA-14",), 70.0, "around"),
                   ("control_share", "RU", ("UA-14",), 68.0, "exact")]
    # a figure called made up is taken up by no claim (writer 73)
    got = _kinds("Claim: \"Russian troops now control 90% of Zaporizhzhia region,\" say "
                 "posts.\nVerdict: FALSE. The occupiers hold about 74% of the region. The "
                 "figure of 90% appears to have been invented to spread panic.")
    assert got == [("control_share", "RU", ("UA-23",), 74.0, "around")]


def test_whole_regions_size_is_no_holding() -> None:
    assert _kinds("The four regions together cover about 109,000 sq km, nearly 18 per cent "
                  "of Ukraine.") == []


def test_a_part_given_its_figure_in_the_same_sentence_is_that_figures_claim() -> None:
    # writer 84: the figure read by the learned reader replaces the part too
    got = _kinds('Kherson Region head Andrei Lisovsky said the administration had moved. '
                 '"Russian forces firmly hold the left-bank part of the region, about 70% of '
                 'its territory," he said.\nThe right-bank part of the region, roughly 30% of '
                 'its territory, is now under the control of Ukrainian formations.')
    assert got == [("control_share", "RU", ("UA-65",), 70.0, "around"),
                   ("control_share", "UA", ("UA-65",), 30.0, "around")]


def test_a_whole_given_its_figure_in_the_same_sentence_is_that_figures_claim() -> None:
    # round N: "occupied Kherson" then its share, between dashes: one claim, the figure
    assert _kinds("Occupied Zaporizhzhia -- the south of it, about two-thirds of the region -- "
                  "is where the plant stands.") == [
        ("control_share", "RU", ("UA-23",), 66.7, "around")]
    # a whole of one region beside a figure for another: both stand
    assert set(_kinds("Russia holds all of Luhansk and about 70% of Donetsk.")) == {
        ("control_share", "RU", ("UA-09",), None, "all"),
        ("control_share", "RU", ("UA-14",), 70.0, "around")}


def test_he_after_a_sentence_that_names_a_capital_as_a_place() -> None:
    # round N: "He's not in Kyiv." names no side for "he" (Putin, named before)
    assert _kinds("Putin was meant to take the city in three days. He's not in Kyiv. He "
                  "holds less than a fifth of Ukraine.") == [
        ("control_share", "RU", ("UA",), 20.0, "under")]


def test_an_interviews_bold_question_and_its_answer() -> None:
    assert _kinds("**How much of the Kursk region do Ukrainian troops still hold?**\n"
                  "Perhaps 300 square kilometres.") == [
        ("control_area", "UA", ("RU-KRS",), 300.0, "around")]


def test_a_sides_name_alone_over_its_list_of_wants() -> None:
    # round P (social media): a flag and a side's name head each side's list
    got = _kinds("Where the two sides stand on territory (their demands, in short):\n\n"
                 "🇷🇺 Moscow\n- Ukrainian troops out of the Kherson region.\n\n"
                 "🇺🇦 Kyiv\n- Russian troops out of the Zaporizhzhia region.")
    assert set(got) == {("demand_withdraw", "RU", ("UA-65",), None, "all"),
                        ("demand_withdraw", "UA", ("UA-23",), None, "all")}


def test_a_pages_tags_line_is_furniture() -> None:
    assert _kinds("Russian forces occupy around 73% of Kherson Oblast.\n\nTags: Kherson, "
                  "Kherson Oblast, Mykolaiv Oblast, Kinburn Spit, liberation anniversary") == [
        ("control_share", "RU", ("UA-65",), 73.0, "around")]


def test_an_earlier_demand_told_again_is_one_claim() -> None:
    # round F: a timeline's line gives the demand; a later line calls it "his earlier
    # demand for" the same ground (no verb of cession): the same demand, not a second one
    text = ("Timeline\nJune 2024 — Putin demands that Ukraine withdraw its troops from all "
            "four regions.\nAugust 2025 — Putin now asks only that Ukraine pull out of the rest "
            "of Donetsk, replacing his earlier demand for all four regions.")
    got = [(c.kind, c.actor, tuple(sorted(c.regions))) for c in extract_claims(text)
           if c.kind.startswith("demand")]
    assert got == [("demand_withdraw", "RU", ("UA-09", "UA-14", "UA-23", "UA-65")),
                   ("demand_withdraw", "RU", ("UA-14",))]


def test_a_list_item_with_an_amount_and_the_rest_held_by_the_other_side() -> None:
    """Round J's shapes, in my own words: an item giving an amount (or none) is not all of
    its unit; the other side's share of the same ground, its place unsaid."""
    text = ("Estimated Russian-held area by oblast, end of month:\n"
            "- Kharkiv: approx. 1,350 km² (+41 km²)\n"
            "- Kherson: no change")
    assert not [c for c in extract_claims(text) if c.qualifier == "all"]
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "In Donetsk, Russian troops hold ~72% of the region. Ukraine holds ~28%.")]
    assert got == [("RU", ("UA-14",), 72.0), ("UA", ("UA-14",), 28.0)]
    # not when the two do not add up: another ground
    assert len(extract_claims("In Donetsk, Russian troops hold ~72% of the region. Ukraine "
                              "holds about 40%.")) == 1


def test_the_countrys_whole_area_is_no_holding() -> None:
    """An area as large as the country (its total, 603,550 km²) or larger than the regions
    it is of is a size, not ground held."""
    got = _claims("Russian forces control 113,090 km² of Ukraine, or 18.7% of the country's "
                  "total area of 603,550 km².")
    assert ("control_area", "RU", ("UA",), 113090.0, "km2", "exact") in got
    assert all(c[3] != 603550.0 for c in got)
    assert _claims("The bulletin's figures are computed against Ukraine's boundaries (total "
                   "area 603,550 km²).") == []
    assert _claims("Russia holds 30,000 km² of Kherson.") == []  # the region is 28,461 km²


def test_another_sources_figure_below_for_the_ground_just_named() -> None:
    """"Russian officers put the figure below 500 sq km": the ground and holder of the claim
    before (Ukraine's in Kursk), not the source's side."""
    got = _claims("Kyiv says its troops still hold about 900 sq km of Kursk. Russian officers "
                  "put the figure below 400 sq km.")
    assert got == [("control_area", "UA", ("RU-KRS",), 900.0, "km2", "around"),
                   ("control_area", "UA", ("RU-KRS",), 400.0, "km2", "under")]


def test_another_sources_figure_put_lower_for_the_ground_just_named() -> None:
    """"Ukrainian analysts put the figure lower, at about 77%": the holder and ground of the
    claim before (Russia's in Donetsk), not the analysts' side."""
    got = _claims("Russia's defence ministry says its forces hold more than 80% of Donetsk. "
                  "Ukrainian military analysts put the figure lower, at about 77%.")
    assert got == [("control_share", "RU", ("UA-14",), 80.0, "percent", "over"),
                   ("control_share", "RU", ("UA-14",), 77.0, "percent", "around")]


def test_a_list_line_takes_the_holder_of_the_list_line_before_not_of_a_sentence_after_it(
) -> None:
    text = ("Today Russia holds about 18 per cent of Ukraine. Its holdings are uneven:\n\n"
            "• Luhansk: about 95 per cent. Ukrainian forces still hold villages in the west.\n"
            "• Donetsk: roughly 60 per cent.\n• Kherson: about 72 per cent.")
    got = [(c.actor, c.regions, c.value) for c in extract_claims(text)
           if c.is_claim and c.value is not None]
    assert ("RU", ("UA-14",), 60.0) in got and ("RU", ("UA-65",), 72.0) in got
    assert all(a == "RU" for a, _, _ in got)


def test_round_u_a_figure_of_another_measure_before_is_no_holding() -> None:
    got = [(c.regions, c.value, c.qualifier) for c in extract_claims(
        "Russia holds all of Luhansk. Officials say some 140,000 square kilometres may be "
        "contaminated with mines. That's roughly a quarter of the country.") if c.is_claim]
    assert got == [(("UA-09",), None, "all")]


def test_the_learned_reader_is_not_asked_about_a_figure_of_a_measure_before() -> None:
    """The reader sees one sentence; "That is roughly 5 per cent of the country" after
    mined land points back at it, so it is not asked (the rules already hold back)."""
    def read(text: str) -> list[tuple[str, tuple[str, ...], float | None]]:
        return [(c.actor, c.regions, c.value) for c in extract_claims(text) if c.is_claim]

    assert read("Moscow controls all of Crimea. Some 30,000 square kilometres of Ukraine are "
                "contaminated with unexploded ordnance. That is roughly 5 per cent of the "
                "country.") == [("RU", ("UA-43", "UA-40"), None)]
    assert read("Russian troops hold most of Donetsk. Officials say 174,000 square kilometres "
                "were contaminated by mines. That's nearly 30% of Ukraine.") == [
        ("RU", ("UA-14",), None)]
    # the same opening after a holding is the holding's figure
    assert read("Russian forces hold much of Zaporizhzhia. That is about three quarters of "
                "the region.") == [("RU", ("UA-23",), None), ("RU", ("UA-23",), 75.0)]


def test_round_u_a_figure_of_the_holding_before_stays() -> None:
    got = [(c.regions, c.value) for c in extract_claims(
        "Russia holds about 114,000 square kilometres of Ukraine. That's roughly a fifth of "
        "the country.") if c.is_claim]
    assert got == [(("UA",), 114000.0), (("UA",), 20.0)]


def test_round_t_a_rate_referring_back_is_no_holding() -> None:
    got = [(c.regions, c.value) for c in extract_claims(
        "Russia holds some 113,000 square kilometres of Ukraine. It sounds like a lot, but it "
        "is less than one per cent of the country in a year.") if c.is_claim]
    assert got == [(("UA",), 113000.0)]


def test_round_v_a_list_after_an_estimates_line_takes_the_sentence_before() -> None:
    text = ("Moscow's troops hold ground in five regions. Our figures at end-June:\n\n"
            "- Luhansk: almost all\n- Kherson: about 72%\n"
            "- Sumy: a few villages on the border\n")
    got = [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(text)]
    assert got == [("RU", ("UA-09",), None, "nearly_all"), ("RU", ("UA-65",), 72.0, "around"),
                   ("RU", ("UA-59",), None, "part")]


def test_round_v_a_part_its_sentence_gives_a_figure_for_is_not_read_twice() -> None:
    got = [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(
        "The area of the Belgorod region still held by Ukrainian units has shrunk to less "
        "than 40 square kilometres, a Russian source said.")]
    assert got == [("UA", ("RU-BEL",), 40.0, "under")]


def test_round_y_a_lines_change_after_a_holding_is_no_holding() -> None:
    text = ("Russia controls about 19% of Ukraine, satellite surveys show.\n"
            "Donetsk: sown wheat down by 27%.\n"
            "Luhansk: orchards fell by 9%.\n"
            "Kherson: irrigated land shrank by about 40%.")
    got = [(c.regions, c.value) for c in extract_claims(text) if c.is_claim]
    assert got == [(("UA",), 19.0)]
    # a line with the holding's own figure is still read
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "Russia controls about 19% of Ukraine.\nLuhansk: about 99%.") if c.is_claim]
    assert ("RU", ("UA-09",), 99.0) in got


def test_a_figure_of_the_ground_a_demand_asks_the_other_side_to_give_up_is_that_side_s() -> None:
    # round AB (writer 185, a children's explainer): "That is about a quarter of the region"
    # after Moscow's demand was read as Russia's quarter; the ground is what Ukraine holds
    got = _kinds("Officials say the Kremlin wants Kyiv to withdraw from the part of Luhansk "
                 "region that Ukraine still holds. That is about 1 percent of the region.")
    assert got == [("demand_withdraw", "RU", ("UA-09",), None, "all"),
                   ("control_share", "UA", ("UA-09",), 1.0, "around")]
    # in the words of the side asked ("the part of Luhansk region we hold"): the same
    got = _kinds("Moscow's envoy repeated the Kremlin's terms. They demand that we leave the "
                 "part of Luhansk region we hold. It is roughly 400 square kilometres, the "
                 "general staff says.")
    assert got == [("demand_withdraw", "RU", ("UA-09",), None, "all"),
                   ("control_area", "UA", ("UA-09",), 400.0, "around")]
    # a demand for ground named without who holds it: the figure stays the demander's
    got = _kinds("Moscow holds most of Donetsk and Luhansk. These areas make up about 9% of "
                 "Ukraine.")
    assert got[-1] == ("control_share", "RU", ("UA",), 9.0, "around")
