"""Units declared Russian, read as Russia's demand that Ukraine cede them: '"Lugansk,
Donetsk, Zaporozhye, Kherson -- these are Russian regions, fixed in our Constitution"';
'"The Zaporozhye and Kherson regions are constituent entities of the Russian Federation"';
'"Crimea, Sevastopol, the DPR, the LPR and the Zaporizhzhia and Kherson regions are Russia,
and this is not up for discussion."'

The units are named first, the sentence (or a quotation) opening with them, and declared
Russia's in the present ("are", "remain", "will forever be"); a negation, a past ("were")
or a side's name before them (what Ukraine or Moscow says they are, read by other rules)
makes no claim. ``demand_cede`` by Russia of Ukraine, qualifier ``all``, no figure.
Offsets are characters into the sentence.
"""

from __future__ import annotations

import re

from geo.extract.model import ExtractedClaim
from geo.extract.parts import codes_of, group_review, make_claim, parts_of, places_from
from geo.extract.text import Sentence

__all__ = ["status_claims", "declared"]


#: Before the first unit: the sentence's or a quotation's start (a list item's bullet).
_OPENING = re.compile(r"^\W{0,4}(?:the\s+)?$", re.I)
#: After the units: declared Russia's, now.
_DECLARED = re.compile(
    r"(?:s|\s+(?:regions?|oblasts?|provinces?))?\s*(?:[-–—,:]\s*|--\s*)?(?:(?:these|they|all\s+of\s+"
    r"them|this|it)\s+)?(?:are|is|remain|remains|will\s+(?:always\s+|forever\s+)?(?:be|remain)|"
    r"have\s+become|has\s+become)\s+(?:now\s+|forever\s+|already\s+|and\s+will\s+(?:always|"
    r"forever)\s+(?:be|remain)\s+)?(?:Russian(?:\s+(?:regions|territory|territories|land|soil))?"
    r"\b|Russia\b|part\s+of\s+(?:the\s+)?Russia(?:n\s+Federation)?\b|(?:constituent\s+)?"
    r"(?:entities|subjects|regions)\s+of\s+(?:the\s+)?Russian\s+Federation\b)", re.I)


_WHY = "units declared Russian, read as Russia's demand that Ukraine cede them"


def declared(c: ExtractedClaim) -> bool:
    """Whether claim ``c`` is a declaration of this module. An article that also states a
    demand for the same units (a withdrawal from them, usually) is read as that demand
    alone: the declaration is its reason, not a second demand."""
    return c.kind == "demand_cede" and any(r.endswith(_WHY) for r in c.review)


def status_claims(s: Sentence) -> list[ExtractedClaim]:
    """The units sentence ``s`` declares Russian, as Russia's demand to cede them."""
    if "Russia" not in s.text:
        return []
    parts = parts_of(s)
    if not parts.places:
        return []
    first = parts.places[0]
    if not _OPENING.match(s.text[:first.start]):
        return []
    ps, end = places_from(parts, first.start, limit=0)
    declared = _DECLARED.match(s.text, end)
    if declared is None:
        return []
    return [make_claim(parts, "demand_cede", "RU", codes_of(ps), None, "all",
                       (first.start, declared.end()),
                       [f"'{s.text[first.start:declared.end()].strip()}': {_WHY}"]
                       + group_review(ps), "UA")]
