"""Cutting an article into sentences (geo.extract.text): list lines as users paste them
from messaging apps and live pages -- passages of my own."""

from __future__ import annotations

from geo.extract import extract_claims
from geo.extract.text import sentences


def test_keycap_numbers_and_arrow_bullets_start_list_items() -> None:
    text = ("*📌 SUMMARY – 14 Nov*\n"
            "1️⃣ Russia now holds 20% of Ukraine (analysts)\n"
            "2️⃣ Putin again: Ukr army must leave Donbas \"or we take it by force\"\n"
            "3️⃣ Zelensky says ready to pull troops out of part of Donbas IF peacekeepers come\n"
            "▶ ANALYSTS: RUSSIA HOLDS ~19% OF UKRAINE")
    got = [s.text[:2] for s in sentences(text)]
    assert got == ["*📌", "1️", "2️", "3️", "▶ "]
    # each line its own sentence: the offer is Zelensky's, not Putin's of the line before
    claims = [(c.kind, c.actor) for c in extract_claims(text)]
    assert ("offer_withdraw", "UA") in claims and ("offer_withdraw", "RU") not in claims
    # a line that merely starts with a number (a wrapped line) is no list item
    assert len(sentences("Russian troops hold about\n3 percent of the Sumy region.")) == 1
