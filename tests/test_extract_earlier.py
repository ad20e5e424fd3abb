"""Earlier demands (:mod:`geo.extract.earlier`): kept, marked ``status: earlier`` and said
in review; a demand made again, or a first step, is no earlier one."""

from __future__ import annotations

from geo.extract import extract_claims
from geo.extract.earlier import mark_earlier
from geo.extract.model import ExtractedClaim
from geo.extract.text import Sentence


def test_an_earlier_demand_is_kept_and_marked() -> None:
    got = extract_claims("Putin would now accept a deal in which Ukraine cedes the rest of "
                         "Donetsk, down from his original demand to hand over all of Donbas, "
                         "Kherson and Zaporizhzhia.")
    assert [(c.kind, c.status) for c in got] == [("demand_cede", None),
                                                 ("demand_cede", "earlier")]
    assert "earlier demand" in " ".join(got[1].review)
    assert got[1].as_dict()["status"] == "earlier"


def test_an_enumeration_is_no_earlier_demand() -> None:
    got = extract_claims("Moscow has two conditions. First, the Ukrainian army must leave "
                         "Donbas.")
    assert [(c.kind, c.actor, c.status) for c in got] == [("demand_withdraw", "RU", None)]


def test_a_demand_stopped_or_dropped_is_an_earlier_one() -> None:
    for text in ("In 2025 Moscow stopped demanding that Ukrainian forces leave Kherson.",
                 "Russia has dropped its demand that Kyiv withdraw from Kherson.",
                 "The Kremlin no longer demands that Ukraine withdraw from Kherson."):
        got = [(c.kind, c.actor, c.regions, c.status) for c in extract_claims(text)]
        assert got == [("demand_withdraw", "RU", ("UA-65",), "earlier")], text


def test_a_demand_dropped_long_before_its_verb_is_earlier() -> None:
    # writer 72: the demand word comes long after "dropped the demand"
    got = extract_claims("The reports suggest that Moscow has dropped the demand it set out in "
                         "June 2024, when it insisted on the withdrawal of Ukrainian troops from "
                         "all four new regions within their administrative borders.")
    assert [(c.kind, c.actor, len(c.regions), c.status) for c in got] == [
        ("demand_withdraw", "RU", 4, "earlier")]


def test_a_demand_made_once_again_or_first_of_all_is_current() -> None:
    # "once again" is again, not formerly; "must first" is first of all (writers 61, 72)
    for text in ('Zelensky has once again demanded that Russia "return" Crimea.',
                 "Putin said the Kiev regime must first pull its forces out of Russia's new "
                 "regions."):
        got = extract_claims(text)
        assert len(got) == 1 and got[0].status is None, text


def test_mark_earlier_leaves_a_sentence_without_such_words_alone() -> None:
    s = Sentence("Moscow demands that Kyiv withdraw from Donetsk.", 0)
    claims = extract_claims(s.text)
    assert mark_earlier(s, claims) == claims
    assert all(isinstance(c, ExtractedClaim) and c.status is None for c in claims)


def test_a_demand_dropped_in_the_present_tense_is_earlier() -> None:
    # round G: "Putin drops his demand for Zaporizhzhia and Kherson and instead insists ..."
    got = [(c.kind, tuple(sorted(c.regions)), c.status) for c in extract_claims(
        "At the summit, Putin drops his demand for Zaporizhzhia and Kherson and instead "
        "insists that Ukraine withdraw from Donetsk alone.")]
    assert ("demand_cede", ("UA-23", "UA-65"), "earlier") in got
    assert ("demand_withdraw", ("UA-14",), None) in got
