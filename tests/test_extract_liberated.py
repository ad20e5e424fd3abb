"""Tests for geo.extract.liberated: a whole unit said to be liberated is held in full by
the side that liberates it."""

from __future__ import annotations

import pytest

from geo.extract import extract_claims


def _got(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, tuple(sorted(c.regions)), c.qualifier)
            for c in extract_claims(text) if c.is_claim]


@pytest.mark.parametrize(("text", "side", "regions"), [
    # round H's and earlier writers' shapes, in my own words
    ("CHERNIHIV, 4 April 2022 — Chernihiv oblast has been fully liberated, the head of the "
     "regional military administration said.", "UA", ("UA-74",)),
    # "from Russian troops" names the side it was freed from, not the holder
    ("The entire Chernihiv region has been liberated from Russian troops, the governor said.",
     "UA", ("UA-74",)),
    ("The defence ministry said the Chernihiv and Sumy regions had been fully liberated.",
     "UA", ("UA-59", "UA-74")),
    ("And the Kursk region, of course, is entirely free of the enemy.", "RU", ("RU-KRS",)),
    ('The General Staff said its forces had completed the "liberation" of the Kursk region.',
     "RU", ("RU-KRS",)),
    # a unit Russia claims as its own: its word
    ('The minister told Putin that the "liberation of the Luhansk People\'s Republic" was '
     "complete.", "RU", ("UA-09",)),
])
def test_a_unit_wholly_liberated_is_held_in_full(text: str, side: str,
                                                 regions: tuple[str, ...]) -> None:
    assert ("control_share", side, regions, "all") in _got(text)
    assert not [c for c in _got(text) if c[1] != side and c[2] == regions]


@pytest.mark.parametrize("text", [
    "The village of Novenke has been liberated, the ministry said.",  # a village, not a unit
    'He orders the "complete liberation" of the Kursk region in the shortest possible time.',
    "Putin ordered a buffer zone after the Kursk region was cleared of Ukrainian formations.",
    "Russia will not stop until the Kherson region has been fully liberated.",
])
def test_no_whole_unit_liberated_now(text: str) -> None:
    assert not [c for c in extract_claims(text)
                if any("the whole unit said to be liberated" in r for r in c.review)]


def test_the_claim_s_span_is_the_words_that_say_it() -> None:
    text = ("CHERNIHIV, 4 April 2022 — The entire Chernihiv region has been liberated from "
            "Russian troops, the governor said.")
    (c,) = [c for c in extract_claims(text) if c.is_claim]
    assert text[c.span[0]:c.span[1]] == ("The entire Chernihiv region has been liberated from "
                                         "Russian")
    text = 'The General Staff said its forces had completed the "liberation" of the Kursk region.'
    (c,) = [c for c in extract_claims(text) if c.is_claim]
    assert text[c.span[0]:c.span[1]] == 'completed the "liberation" of the Kursk region'


def _full(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.actor, tuple(sorted(c.regions)), c.value, c.qualifier)
            for c in extract_claims(text) if c.is_claim and c.kind == "control_share"]


@pytest.mark.parametrize(("text", "want"), [
    # round J's shapes, in my own words: a share liberated is the liberator's, the side of
    # the one who says so, else the unit's
    ('"Over 85% of the Kharkiv region is liberated," the governor told reporters.',
     ("UA", ("UA-63",), 85.0, "over")),
    ("DNIPRO, Nov 3 (Agencies): Roughly a third of the Kherson region is now liberated "
     "territory, Ukraine's army said on Monday.", ("UA", ("UA-65",), 33.3, "around")),
    ("About 60 percent of the Zaporozhye region is liberated, Russian officials said.",
     ("RU", ("UA-23",), 60.0, "around")),
    # one bank of the river: part of the unit; the right bank is the one Ukraine retook
    ("Kyiv's General Staff said the right bank of the Kherson region is now fully liberated.",
     ("UA", ("UA-65",), None, "part")),
    ("Moscow says the left bank of Kherson region has been liberated.",
     ("RU", ("UA-65",), None, "part")),
])
def test_a_share_or_a_bank_liberated_is_held_by_the_liberator(text: str, want: tuple) -> None:  # type: ignore[type-arg]
    assert _full(text) == [want]


def test_a_share_liberated_in_a_plan_or_a_wish_is_no_claim() -> None:
    assert _full("Putin says 90% of the Kharkiv region will be liberated by spring.") == []


@pytest.mark.parametrize("text", [
    '"Chernihiv region is almost fully liberated," the governor said.',
    "Chernihiv region is also liberated — the whole region, down to the last village!",
])
def test_round_v_almost_fully_and_the_whole_region_after_a_dash(text: str) -> None:
    got = [(c.actor, c.regions, c.qualifier) for c in extract_claims(text)]
    # ("almost fully": a little less than all)
    assert got == [("UA", ("UA-74",), "nearly_all" if "almost" in text else "all")]
