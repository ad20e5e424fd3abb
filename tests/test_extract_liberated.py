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
