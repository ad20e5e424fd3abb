"""Earlier demands: a demand or offer the text says was replaced or dropped ("down from his
original demand to hand over ...", "Moscow once demanded ...", "has dropped the demand it
set out in June 2024, when it insisted on ..."), kept with ``status`` "earlier" and said in
``review`` (the annotation convention, ``docs/claim-annotation.md``). No units: the
claims keep theirs.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.extract.demanders import RELATIVE
from geo.extract.model import ExtractedClaim
from geo.extract.patterns import led
from geo.extract.text import Sentence

__all__ = ["mark_earlier"]


#: Words before a demand that make it an earlier one, since replaced ("down from his
#: original demand to hand over ...").
_EARLIER = led(r"\b(?:original(?:ly)?|initial(?:ly)?|earlier|previous(?:ly)?|former(?:ly)?|"
               # not "the first direct talks", "since it was first made"
               # (not "must first pull its forces out": first of all)
               r"(?<!must\s)(?<!should\s)(?<!would\s)(?<!will\s)(?<!to\s)"
               r"first(?!\s*[,:]|\s+(?:step|stage|phase|gesture|move|round|"
               r"(?:direct\s+|face-to-face\s+)?(?:talks|meetings?|negotiations|"
               r"contacts?)|made|put|set|voiced|aired|raised|tabled|floated)\b)|"
               # "once demanded" (formerly), not "once Ukraine withdraws" (when)
               r"once(?!\s+(?:again|more)\b)(?!\s+(?:the\s+)?(?:Ukrain\w*|Kyiv|Kiev|Russia\w*|Moscow|Kremlin|it|"
               r"they|its|their)\b)|"
               r"retreat\s+from|climb-?down\s+from|step\s+back\s+from|"
               r"(?:moved|shifted|gone)\s+(?:away\s+)?from|"
               # "stopped demanding that Ukrainian forces leave", "dropped its demand"
               r"(?:stopped|ceased|quit)\s+(?:demanding|insisting|asking)|"

               # "has dropped the demand it set out in June 2024, when it insisted on"
               r"(?:drop(?:s|ped|ping)|abandon(?:s|ed|ing)|shelve[sd]|gives?\s+up|gave\s+up|withdr(?:ew|aws)|replaced)\s+(?:its|the|his|"
               r"their)\s+(?:\w+\s+)?demand\b[^.;]{0,80}?\bwhen\s+(?:it|he|they|Moscow|"
               r"the\s+Kremlin|Putin|Kyiv)\s+(?:\w+\s+)?(?:insisted|demanded|called|asked|"
               r"sought|wanted)|"
               r"(?:drop(?:s|ped|ping)|abandon(?:s|ed|ing)|shelve[sd]|gives?\s+up|gave\s+up|withdr(?:ew|aws))\s+(?:its|the|his|their)\s+"
               r"(?:\w+\s+)?demand|no\s+longer\s+(?:demands?|demanding|insists?|asks?|"
               r"seeks?|wants?))\b"
               r"[^.;]{0,40}$", re.I)


#: A sentence that opens on the time a demand ended: "Until last summer, ...".
_UNTIL_THEN = re.compile(r"\W*until\s+(?:recently|last\s+\w+|(?:early|late|mid-?)?\s*20\d\d|"
                         r"(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December|the\s+(?:spring|summer|autumn|fall|winter))"
                         r"(?:\s+(?:of\s+)?20\d\d)?)\s*,", re.I)


#: Right before a demand word that starts its claim: "dropped its (earlier) (demand for ...)".
_DROPPED_BEFORE = led(r"\b(?:drop(?:s|ped|ping)|abandon(?:s|ed|ing)|shelve[sd]|gives?\s+up|"
                      r"gave\s+up|withdr(?:ew|aws))\s+(?:its|the|his|"
                      r"their)(?:\s+(?:earlier|original|initial|old|former|maximalist))?"
                      r"\s*$", re.I)


def mark_earlier(s: Sentence, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Claims whose verb an "original", "earlier", "once", "stopped demanding", "dropped its
    demand" comes shortly before: an earlier demand, kept with ``status`` "earlier" and said
    in ``review``."""
    out = []
    for c in claims:
        rel = next((m for m in RELATIVE.finditer(s.text)
                    if m.start() <= c.span[0] - s.start < m.end()), None)
        if rel is not None and re.search(r"\b(?:in|since)\s+(?:\w+\s+)?(?:19|20)\d\d\b|"
                                         r"\blast\s+year\b", rel.group(0)) \
                and re.match(r"\s*(?:now|today|has\s+since|since\s+then)\b",
                             s.text[rel.end():], re.I):
            # "Moscow, which in June 2024 demanded that ..., now says ...": then, not now
            c = replace(c, status="earlier",
                        review=c.review + ("an earlier demand, replaced by a later one",))
        elif c.kind.startswith("demand") and _UNTIL_THEN.match(s.text):
            # "Until last summer, Moscow also demanded that ...": a demand of then
            c = replace(c, status="earlier",
                        review=c.review + ("an earlier demand, replaced by a later one",))
        elif _EARLIER.search(s.text[:max(0, c.span[0] - s.start)]) or (
                c.kind.startswith("demand")
                and _DROPPED_BEFORE.search(s.text[:max(0, c.span[0] - s.start)])):
            c = replace(c, status="earlier",
                        review=c.review + ("an earlier demand, replaced by a later one",))
        out.append(c)
    return out
