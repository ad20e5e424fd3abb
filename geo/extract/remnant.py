"""A side's remnant of a unit, its place left unsaid: "In neighbouring Luhansk, Russia
controls all but a sliver of the region, though Ukrainian troops still cling to a handful of
villages on its western edge"; "Almost the entire Luhansk region is occupied; Ukrainian
units hold only a few positions near the administrative border".

The remnant is part of the unit of a holding the sentence gives the other side before it,
or of the unit the side moved into before it ("have crossed into Sumy oblast and now sit in
a few villages"); without one, the unit named last is too loose a guess ("Russian troops
hold a few villages" after Kharkiv was named may be anywhere). No figure, no area:
``control_share`` with qualifier ``part``. Offsets are characters into the sentence.
"""

from __future__ import annotations

import re

from geo.extract.model import ExtractedClaim
from geo.extract.parts import SIDE_NAME, Parts, make_claim, parts_of
from geo.extract.patterns import led
from geo.extract.text import Sentence

__all__ = ["remnant_claims"]


#: A side keeping a little ground, no place after it: "(Ukrainian troops) still cling to a
#: handful of villages", "hold only a few positions", "still has a chunk of it".
_REMNANT = led(
    # ("held" only after "still": reported speech, "said its troops still held a few
    # villages there"; "held a small foothold" for eight months is then's)
    r"\b(?:still\s+|only\s+|now\s+)?(?:holds?|(?<=still\s)held|controls?|retains?|keeps?|sits?\s+in|cling(?:s|ing)?\s+"
    r"(?:on\s+)?to|still\s+(?:has|have)|hang(?:s|ing)?\s+on\s+to|maintains?)\s+(?:on(?:to)?\s+)?"
    r"(?:only\s+|just\s+|still\s+|on\s+to\s+)?(?P<what>(?:a\s+(?:few|handful\s+of|couple\s+of|small\s+"
    r"number\s+of|number\s+of)|several|some|two|three|four|five|\d+)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:villages|settlements|positions|hamlets|pockets|footholds|strongholds)|a\s+(?:small\s+|"
    r"narrow\s+|thin\s+)?(?:sliver|chunk|pocket|strip|foothold|toehold|corner|bridgehead)"
    r"(?:\s+of\s+(?:it|the\s+(?:region|oblast|province|territory)))?)\b", re.I)
#: Right before a unit a side moved into: "(have) crossed into", "pushed across the border
#: into (Russia's)", "moved onto the territory of".
_ENTERED = re.compile(r"\b(?:into|onto\s+the\s+territory\s+of|entered)\s+(?:the\s+)?"
                      r"(?:(?:Russia|Ukraine)['’]s\s+)?$", re.I)
#: After the remnant: a place of its own ("a few villages in Kharkiv region"): not this rule's.
_PLACE_AFTER = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?(?:neighbou?ring\s+)?[A-Z]")


def remnant_claims(s: Sentence, found: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """The remnant claims of sentence ``s`` (``found``: the claims read from it so far)."""
    low = s.text.lower()
    if not any(w in low for w in _REMNANT_WORDS):
        return []
    parts: Parts | None = None
    out: list[ExtractedClaim] = []
    for m in _REMNANT.finditer(s.text):
        if _PLACE_AFTER.match(s.text, m.end()):
            continue
        parts = parts or parts_of(s)
        if any(m.start() <= p.start < m.end() + 3 for p in parts.places):
            continue  # "a few villages of Sumy": a place named, read by the control rules
        sides = [a for a in parts.actors if a.end <= m.start() and a.side in ("RU", "UA")
                 and m.start() - a.end <= 60]
        if not sides:
            continue
        side = sides[-1].side
        other = [c for c in found if c.kind.startswith("control") and c.actor != side
                 and c.span[0] - s.start < m.start() and c.status is None]
        # (after the side that moved, which may come before the one nearest the remnant:
        # "Russian troops have crossed into the Dnipropetrovsk region, which Moscow has
        # never formally claimed, and now hold a handful of villages there")
        movers = [a for a in parts.actors if a.end <= m.start() and a.side == side]
        entered = [p for p in parts.places if movers[0].end <= p.start and p.end <= m.start()
                   and len(p.codes) == 1 and _ENTERED.search(s.text, max(0, p.start - 50),
                                                            p.start)]
        if other:
            regions = other[-1].regions
        elif entered:
            # "Russian troops have crossed into Sumy oblast and now sit in a few villages on
            # the Ukrainian side of the border": part of the unit the side moved into
            regions = entered[-1].codes
        else:
            continue  # the unit named last, with no holding of the other side: too loose
        if any(c.actor == side and c.regions == regions for c in found):
            continue
        whose = ("the unit the other side's holding names before it" if other else
                 "the unit the side moved into before it")
        out.append(make_claim(parts, "control_share", side, tuple(regions), None, "part",
                              (m.start("what"), m.end("what")),
                              [f"'{m.group('what')}' with no place named: read as part of "
                               f"{', '.join(regions)}, {whose}, held by {SIDE_NAME[side]}"]))
    return out


#: The words every remnant has, looked for first.
_REMNANT_WORDS = ("village", "settlement", "position", "hamlet", "pocket", "foothold",
                  "stronghold", "sliver", "chunk", "strip", "toehold", "corner", "bridgehead")
