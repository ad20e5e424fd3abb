"""A whole unit said to be liberated: "Chernihiv oblast has been fully liberated", "The
entire Chernihiv region has been liberated from Russian troops", "the Kursk region is
entirely free of the enemy", "its forces had completed the 'liberation' of the Kursk
region".

Such a sentence says the liberating side holds all of the unit: ``control_share`` with
qualifier ``all``. The liberator is rarely named; it is read from the unit and the words:

- liberated "from Russian troops" (or "the occupiers", "the invaders"): Ukraine;
- a unit of Russia (Kursk, Belgorod): Russia;
- a unit Russia claims as its own (Crimea, the four regions): Russia, whose word it is
  ("the liberation of the Luhansk People's Republic is complete");
- any other unit of Ukraine (Chernihiv, Sumy, Kyiv): Ukraine, the only side that speaks
  of liberating it.

A share of a unit said to be liberated ("More than 90% of Kharkiv region is liberated",
"About a third of the Kherson region is now liberated territory, Ukraine's military said")
is held by the liberating side: the side of the words' speaker, or of the one side named
as saying it, else the side read from the unit as above.

Offsets are characters into the sentence. Only sentences no other rule read are read here.
"""

from __future__ import annotations

import re

from geo.extract.model import ExtractedClaim
from geo.extract.parts import (
    ANNEXED,
    SIDE_NAME,
    Parts,
    make_claim,
    parts_of,
    places_from,
    voice_side,
)
from geo.extract.text import Sentence

__all__ = ["liberated_claims"]


#: After a unit: it is wholly liberated ("has been fully liberated", "is entirely free of
#: the enemy", "has been liberated from Russian troops" after "the entire").
_AFTER = re.compile(
    r"(?:s|\s+(?:regions?|oblasts?|provinces?))?\s+(?:has|have|had)\s+(?:now\s+)?been\s+"
    r"(?P<how>fully|completely|entirely|totally)?\s*liberated(?P<from>\s+from\s+(?:the\s+)?"
    r"(?:Russian|occupiers|invaders|enemy|occupation))?\b|"
    # "The republic is fully liberated"
    r"(?:s|\s+(?:regions?|oblasts?|provinces?))?\s+(?:is|are|was|were)\s+(?:now\s+)?"
    # "Mykolaiv region is almost fully liberated": almost all, read as all
    r"(?:(?:almost|nearly|virtually)\s+)?"
    r"(?P<how3>fully|completely|entirely|totally)\s+liberated\b|"
    # "Sumy region is also liberated — the whole region, to the last village!"
    r"(?:s|\s+(?:regions?|oblasts?|provinces?))?\s+(?:is|are|was|were|has\s+been)\s+"
    r"(?:(?:also|now)\s+)*liberated\s*(?:[—–-]+|,)\s*(?P<how4>the\s+(?:whole|entire)\s+"
    r"(?:region|oblast|province))\b|"
    r"(?:s|\s+(?:regions?|oblasts?|provinces?))?,?\s+(?:of\s+course,\s+)?(?:is|was|are|were)\s+"
    r"(?:now\s+)?"
    r"(?P<how2>fully|completely|entirely|totally)?\s*(?:free\s+of|cleared\s+of)\s+(?:the\s+)?"
    r"(?:enemy|occupiers|invaders|Russian\s+(?:troops|forces)|Ukrainian\s+(?:troops|forces)|"
    r"Ukrainian\s+formations)\b", re.I)
#: Before a unit: the whole of it ("The entire (Chernihiv region)").
_WHOLE_BEFORE = re.compile(r"\b(?:the\s+)?(?:entire|whole)\s+(?:of\s+(?:the\s+)?)?$", re.I)
#: Before a unit: its liberation completed ("completed the 'liberation' of (the Kursk
#: region)").
_COMPLETED = re.compile(r"\b(?:complet(?:ed|es|ing)|finish(?:ed|es)?)\s+(?:the\s+)?[\"“'‘]?"
                        r"liberation[\"”'’]?\s+of\s+(?:the\s+)?$", re.I)
#: Right after a unit whose liberation was named before it: "(the liberation of the
#: Luhansk People's Republic) is complete".
_IS_COMPLETE = re.compile(r"[\"”'’]?\s+(?:is|was|has\s+been|had\s+been)\s+(?:now\s+)?(?:fully\s+)?"
                          r"(?:complete|completed|over)\b", re.I)
#: Right before such a unit: "the liberation of (the)".
_LIBERATION_OF = re.compile(r"\bliberation[\"”'’]?\s+of\s+(?:the\s+)?$", re.I)
#: Not what is so now: a wish, a plan, a question, a negation, an event a later one
#: follows ("after the Kursk region was cleared of Ukrainian formations").
_NOT_SO = re.compile(r"\b(?:not|never|will|would|could|must|should|until|if|when|yet\s+to|after|"
                     r"before|following)\b|\?", re.I)


#: Right after "<share> of <unit>": that share is liberated ("is now liberated territory",
#: "has been liberated").
_SHARE_FREED = re.compile(
    r"[\"”'’]?\s+(?:is|are|has\s+been|have\s+been)\s+(?:now\s+)?(?:already\s+)?"
    r"(?:(?:fully|completely|entirely)\s+)?liberated(?:\s+(?:territory|land))?\b"
    r"(?!\s+(?:by|in|since)\b)", re.I)
#: Before a unit: one bank or half of it ("the right bank of (Kherson oblast)").
_BANK_OF = re.compile(r"\bthe\s+(?:left|right|east(?:ern)?|west(?:ern)?|north(?:ern)?|"
                      r"south(?:ern)?)\s+(?:bank|half)\s+of\s+(?:the\s+)?$", re.I)
#: After a side's name: it says so ("(Ukraine's) military said", "(Russian) officials say").
_SAID = re.compile(r"(?:['’]s)?(?:\s+[a-z]+){0,3}\s+(?:says?|said|reported|reports|announced|"
                   r"told|claims?|claimed)\b")
#: Before a side's name: "according to".
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)
#: Between a share and its unit: "of (the)".
_OF = re.compile(r"\s+of\s+(?:the\s+)?(?:[\"“'‘])?$", re.I)


def _liberator(parts: Parts, codes: tuple[str, ...], at: int, *,
               default: str | None = None) -> str | None:
    """The side that liberates ``codes`` (see the module): the speaker's, the one side
    named in the sentence outside the claim, else ``default``, else the unit's."""
    spoken = voice_side(parts, at)
    if spoken in ("RU", "UA"):
        return spoken
    named = {a.side for a in parts.actors if a.side in ("RU", "UA")}
    sayers = {a.side for a in parts.actors if a.side in ("RU", "UA") and (
        _SAID.match(parts.s.text, a.end) or _ACCORDING.search(
            parts.s.text, max(0, a.start - 16), a.start))}
    if len(sayers) == 1:
        return sayers.pop()
    if len(named) == 1:
        return named.pop()
    if default is not None:
        return default
    if all(c.startswith("RU-") for c in codes):
        return "RU"
    if all(c.startswith("UA") and c not in ANNEXED for c in codes):
        return "UA"
    return "RU" if set(codes) <= ANNEXED and not named else None


def _liberated_shares(parts: Parts) -> list[ExtractedClaim]:
    """The claims that a share of a unit is liberated (see the module)."""
    text = parts.s.text
    out: list[ExtractedClaim] = []
    for f in parts.figs:
        if f.unit != "percent":
            continue
        after = [p for p in parts.places if p.start >= f.end and p.start - f.end <= 12]
        if not after or not _OF.search(text, f.end, after[0].start):
            continue
        ps, end = places_from(parts, after[0].start, limit=0)
        freed = _SHARE_FREED.match(text, end)
        if freed is None or _NOT_SO.search(text, max(0, f.start - 40), f.start) or (
                _NOT_SO.search(text, freed.end(), min(len(text), freed.end() + 25))):
            continue
        codes = tuple(dict.fromkeys(c for q in ps for c in q.codes))
        side = _liberator(parts, codes, f.start)
        if side is None:
            continue
        out.append(make_claim(parts, "control_share", side, codes, f, f.qualifier,
                              (f.start, freed.end()),
                              [f"a share said to be liberated: read as held by "
                               f"{SIDE_NAME[side]}, the side that liberates it"]))
    for p in parts.places if "bank" in text or "half" in text else ():
        # "the right bank of Kherson oblast is now fully liberated": part of the unit
        bank = _BANK_OF.search(text, max(0, p.start - 40), p.start)
        if bank is None:
            continue
        ps, end = places_from(parts, p.start, limit=0)
        freed = _SHARE_FREED.match(text, end)
        if freed is None or _NOT_SO.search(text, max(0, bank.start() - 40), bank.start()):
            continue
        codes = tuple(dict.fromkeys(c for q in ps for c in q.codes))
        # (the Dnipro's right bank is the one Ukraine retook; its left bank Moscow calls
        # liberated)
        side = _liberator(parts, codes, bank.start(), default="UA" if re.match(
            r"the\s+(?:right|west|north)", bank.group(0), re.I) else "RU")
        if side is None:
            continue
        out.append(make_claim(parts, "control_share", side, codes, None, "part",
                              (bank.start(), freed.end()),
                              [f"one bank of the unit said to be liberated: part of it, held "
                               f"by {SIDE_NAME[side]}, the side that liberates it"]))
    return out


def liberated_claims(s: Sentence) -> list[ExtractedClaim]:
    """The claims of sentence ``s`` that a unit is wholly liberated (none when it says no
    such thing)."""
    low = s.text.lower()
    if "liberat" not in low and "free of" not in low and "cleared of" not in low:
        return []
    parts: Parts = parts_of(s)
    text = s.text
    out: list[ExtractedClaim] = []
    if "liberated" in low and (parts.figs or "bank" in low or "half" in low):
        out = _liberated_shares(parts)
        if out:
            return out
    for p in parts.places:
        if out and p.start < out[-1].span[1] - s.start:
            continue
        ps, end = places_from(parts, p.start, limit=0)
        after = _AFTER.match(text, end)
        completed = _COMPLETED.search(text, max(0, p.start - 50), p.start) or (
            _LIBERATION_OF.search(text, max(0, p.start - 30), p.start)
            if _IS_COMPLETE.match(text, end) else None)
        whole = _WHOLE_BEFORE.search(text, max(0, p.start - 20), p.start)
        wholly = after is not None and bool(
            after.group("how") or after.group("how2") or after.group("how3")
            or after.group("how4") or whole
            or re.search(r"free\s+of|cleared\s+of", after.group(0), re.I))
        if not (wholly or completed):
            continue  # "has been liberated" alone: a town's word, or a part's
        if _NOT_SO.search(text, max(0, p.start - 40), p.start) or (
                after is not None and _NOT_SO.search(after.group(0))):
            continue
        codes = tuple(dict.fromkeys(c for q in ps for c in q.codes))
        said = (after.group(0) if after is not None else "") + (completed.group(0) if completed
                                                                 else "")
        freed_of = re.search(r"\b(?:from|of)\s+(?:the\s+)?(?P<who>Russian|Ukrainian|occupiers|"
                             r"invaders|occupation|enemy)", said, re.I)
        who = freed_of.group("who").lower() if freed_of else ""
        freed_from_russia = who in ("russian", "occupiers", "invaders", "occupation")
        if who == "ukrainian" or all(c.startswith("RU-") for c in codes):
            side = "RU"
        elif freed_from_russia or all(c.startswith("UA") and c not in ANNEXED for c in codes):
            side = "UA"
        elif set(codes) <= ANNEXED:
            side = "RU"
        else:
            continue
        start = whole.start() if whole else ps[0].start  # (positions in the sentence)
        stop = after.end() if after is not None else (
            m.end() if (m := _IS_COMPLETE.match(text, end)) else end)
        out.append(make_claim(parts, "control_share", side, codes, None, "all",
                              (min(start, completed.start()) if completed else start, stop),
                              [f"the whole unit said to be liberated: read as held in full by "
                               f"{SIDE_NAME[side]}, the side that liberates it"]))
    return out
