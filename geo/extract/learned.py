"""A learned second reader for control claims the rules leave unread.

The rules (:mod:`geo.extract.control`) read a figure or an "all of"/"parts of" mention
as a claim only when its sentence has a shape they know. This module takes every such
mention the rules did not turn into a claim -- a figure with the place after it ("of
Donetsk"), before it ("In Donetsk oblast, ... around 20%") or named last, a place with
"all of", "most of", "parts of" before it, or a place named bare where the sentence
speaks of holding -- and asks a multinomial logistic regression, trained on the
annotated corpora under ``tests/data``, whether the words around it state that Russia
holds it, that Ukraine does, or neither. Sentences about what the annotation convention
(``docs/claim-annotation.md``) says are not claims -- mined land, polls, money, people,
power, a denial, ground gained in a period, a share "of the drones" -- give it no
candidates at all; a claim it adds near a past time is marked past like a rule's
(:func:`geo.extract.asserted.mark_past`).

The model is plain numbers in ``learned_model.json`` (feature -> one weight per class),
rebuilt by ``scripts/train_extract_model.py``; reading it runs no code. Every claim it
adds says so in ``review`` with its probability. Percent are shares of the named
unit(s) or of Ukraine (``UA``); areas km².
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path

from geo.extract.asserted import OF_EARLIER, not_a_holding
from geo.extract.control import (
    DENIED_PLACE,
    EARLIER_FIGURE,
    GAIN_VERB,
    GAINED,
    NO_PART_OF,
    NOT_HELD,
    PERIOD,
    holder_of,
    of_places,
)
from geo.extract.lexicon import ANY_FIGURE, CHANGED_BY, Figure, cue, official_areas
from geo.extract.model import ExtractedClaim
from geo.extract.parts import (
    DRIVEN_FROM,
    LAST_SIDE,
    LAST_UNIT,
    Parts,
    codes_of,
    figureless,
    is_landmark,
    make_claim,
    parts_of,
    places_before,
    places_from,
)
from geo.extract.patterns import led
from geo.extract.text import Sentence

__all__ = ["Candidate", "candidates", "features", "classify", "learned_claims", "collecting",
           "MODEL_PATH", "CLASSES", "THRESHOLD"]


#: Where the weights live (JSON: ``classes``, ``bias``, ``weights``).
MODEL_PATH = Path(__file__).with_name("learned_model.json")
#: The classes the model tells apart: not a claim, held by Russia, held by Ukraine.
CLASSES = ("none", "RU", "UA")
#: The least probability of a side for a claim to be added.
THRESHOLD = 0.6


@dataclass(frozen=True)
class Candidate:
    """A mention that may be a control claim: a figure (or a figure-less quantifier) and
    the units it is about, and where the units were found relative to it."""

    regions: tuple[str, ...]
    fig: Figure | None
    qualifier: str
    start: int
    end: int
    #: "after", "before", "last" (the unit named last), "country", "quantifier" ("all of",
    #: "parts of"), "bare" (a place named where the sentence speaks of holding)
    where: str
    place_start: int
    place_end: int


_COUNTRY_GAP = re.compile(r"\s*(?:of\s+|in\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?$", re.I)
#: A verb of taking ground just before a figure (with a period in the sentence, the
#: figure is what was gained then, not what is held).
_GAIN_STEMS = (r"liberat|captur|seiz|took|taken|tak(?:es|ing)|gain|advanc|retook|retaken|"
               r"recaptur|reclaim|regain|overr")
_GAIN_BEFORE = led(r"\b(?:" + _GAIN_STEMS + r"|occupied)\w*\s+(?:[\w-]+\s+){0,3}$", re.I)
#: A sentence that opens on the start of a period, and a verb of gain before a figure.
_SINCE_GAINED = re.compile(r"\W*since\b", re.I)
#: A period's start right after a figure: "(about 180 km²) in the oblast since May".
_SINCE_AFTER = led(r"[^.;]{0,40}?\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|"
                   r"March|April|May|June|July|August|September|October|November|"
                   r"December|the\s+(?:start|beginning|summer|spring|autumn|winter)|"
                   r"last\b|\d{4})", re.I)
_GAINED_ANY = re.compile(r"\b(?:" + _GAIN_STEMS + r")\w*", re.I)
#: The word after "of" following a figure ("80 % of the drones"), and the words for
#: ground (or a place named further on) that it may be.
_OF_WHAT = led(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+|that\s+|this\s+)?([\w'’-]+)",
               re.I)
_LAND = frozenset((
    "territory", "territories", "land", "lands", "ground", "area", "areas", "region",
    "regions", "oblast", "oblasts", "province", "provinces", "country", "it", "them", "each",
    "both", "which", "what", "those", "these", "occupied", "ukrainian", "russian",
    "internationally", "pre-war", "prewar", "remaining", "eastern", "western", "southern",
    "northern", "entire", "whole", "so-called", "self-proclaimed", "annexed", "four",
    "two", "three", "neighbouring", "neighboring", "nearby", "donbas", "donbass"))


#: Right before a place: a side came to its edge, no ground of it said held ("its troops had
#: reached the western edge of (Donetsk region)").
_REACHED_EDGE = led(r"\b(?:reach(?:ed|es|ing)?|approach(?:ed|es|ing)?|near(?:ed|s|ing)|"
                    r"advanc(?:ed|es|ing)\s+(?:to|towards?))\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                    r"(?:edge|edges|outskirts|approaches)\s+of\s+(?:the\s+)?$",
                    re.I)
#: Right before a figure in brackets: what it is compared with ("less than in July (").
_THAN_THEN = led(r"\b(?:than|compared\s+with|against)\s+(?:in\s+|during\s+)?"
                 r"(?:[\w-]+\s+){0,3}?[\w-]+\s*\(\s*(?:about\s+|some\s+|around\s+)?$", re.I)
#: Right after a place: it is said not to be something ("Dnipropetrovsk is not one of ...").
_IS_NOT = re.compile(r"(?:\s+(?:region|oblast|province))?\s+(?:is|was|are|were)\s+not\b", re.I)


def _fitting(c: Candidate) -> Candidate | None:
    """``c``, or -- an area larger than its units ("Call it 116,000 km²" after Lviv was
    named) -- the same area of Ukraine as a whole when it fits there, else None."""
    if c.fig is None or c.fig.unit != "km2":
        return c
    areas = official_areas()
    if sum(areas.get(u, math.inf) for u in c.regions) >= c.fig.value:
        return c
    if c.regions != ("UA",) and areas["UA"] >= c.fig.value:
        return replace(c, regions=("UA",), where="country")
    return None


def candidates(parts: Parts) -> list[Candidate]:
    """Every figure of ``parts`` with the units it is most likely about, and every place
    with "all of", "most of" or "parts of" before it (an area never larger than its
    units)."""
    text = parts.s.text
    return [f for c in _candidates(parts) if (f := _fitting(c)) is not None
            and not _denied_or_gained(text, f)]


def _denied_or_gained(text: str, c: Candidate) -> bool:
    """A candidate the words right before it deny or call ground gained."""
    if c.fig is not None and _DENIED_FIGURE.search(text, max(0, c.fig.start - 50), c.fig.start):
        return True  # "does not control even 3 per cent of the region": a denial
    if c.fig is not None and c.fig.unit == "km2" and _GAIN_BEFORE.search(
            text, max(0, c.fig.start - 40), c.fig.start):
        return True  # "have liberated 1,100 square kilometres in the Kursk region": gained
    # "... but has still failed to occupy these areas fully"
    return c.fig is None and DENIED_PLACE.search(text, max(0, c.place_start - 60),
                                                 c.place_start) is not None


#: After a figure: a share of something said to lie in a place ("38% of which is located
#: in Mykolaiv").
_LIES_IN = re.compile(r"\s+of\s+(?:which|whom|it|them|this|these)\s+(?:is|are|was|were|lies|"
                      r"lie)\s+(?:located|situated|based|found)\b", re.I)


def _candidates(parts: Parts) -> list[Candidate]:
    text = parts.s.text
    out: list[Candidate] = []
    if not_a_holding(text):
        return out  # mines, polls, money, people; a denial (not claims)
    named = [(p.start, p.end) for p in parts.places] + parts.country
    for f in parts.figs:
        if EARLIER_FIGURE.search(text, 0, f.start) or GAINED.search(text, 0, f.start):
            continue  # "up from 75 % in January", "gained about 500 km²"
        if CHANGED_BY.search(text, max(0, f.start - 40), f.start):
            continue  # "Luhansk: cropland fell by 9%": how much something changed
        if _THAN_THEN.search(text, max(0, f.start - 40), f.start):
            continue  # "less than in July (634 km2)": the figure compared with, another
            # month's
        if _COMPARED_TO.match(text, f.end):
            continue  # "almost 40 % less than in August", "less than half of what it held
            # in August": a change, no share
        if _GAIN_BEFORE.search(text, 0, f.start) and PERIOD.search(text):
            continue  # "liberated some 400 km² ... last autumn": ground gained in a period
        if _SINCE_AFTER.match(text, f.end) and _GAINED_ANY.search(
                text, max(0, f.start - 120), f.start):
            continue  # "Its advances this spring and summer -- about 180 km² in the oblast
            # since May": gained in a period
        if _SINCE_GAINED.match(text) and _GAINED_ANY.search(text, 0, f.start):
            continue  # "Since 6 September, ... have liberated ... over 3,800 km²"
        if NOT_HELD.search(text, max(0, f.start - 60), f.start) or text[f.start - 1:f.start] == "+":
            continue  # "does not control half of ...", "+118 km²" (a change)
        if _GREY.search(text, max(0, f.start - 60), f.start):
            continue  # "the grey zone in Donetsk alone now covers about 1,000 km²": no side's
        if OF_EARLIER.match(text, f.end):
            continue  # "around a third of what it took last August", "45% of the area it
            # seized": of an earlier amount
        if _LIES_IN.match(text, f.end):
            continue  # "our farmland, approximately 38% of which is located in Mykolaiv
            # and Odesa oblasts": where something lies, not who holds it
        of = _OF_WHAT.match(text, f.end)
        if (of and of.group(1).lower() not in _LAND
                and not any(a <= of.start(1) < b for a, b in named)):
            continue  # "80 % of the drones", "99 % of voters": a share of something else
        ps, end = of_places(parts, f)
        if not ps:
            ps, end = places_from(parts, f.end, limit=40)
            if ps and re.search(r"[;,.:()|\n]", text[f.end:ps[0].start]):
                ps, end = [], f.end
        country = [c for c in parts.country if c[0] >= f.end and c[0] - f.end <= 40
                   and _COUNTRY_GAP.match(text[f.end:c[0]])]
        if country and (not ps or country[0][0] < ps[0].start):
            out.append(Candidate(("UA",), f, f.qualifier, f.start, country[0][1], "country",
                                 country[0][0], country[0][1]))
            continue
        if ps:
            out.append(Candidate(codes_of(ps), f, f.qualifier, f.start, end, "after",
                                 ps[0].start, end))
            continue
        before = [p for p in parts.places if p.end <= f.start and f.start - p.end <= 150]
        cbefore = [c for c in parts.country if c[1] <= f.start and f.start - c[1] <= 150]
        if before and (not cbefore or before[-1].end > cbefore[-1][1]):
            group = places_before(parts, before[-1].end) or [before[-1]]
            out.append(Candidate(codes_of(group), f, f.qualifier, f.start, f.end, "before",
                                 group[0].start, group[-1].end))
        elif cbefore:
            out.append(Candidate(("UA",), f, f.qualifier, f.start, f.end, "country",
                                 cbefore[-1][0], cbefore[-1][1]))
        elif LAST_UNIT.get() is not None:
            out.append(Candidate(tuple(LAST_UNIT.get() or ()), f, f.qualifier, f.start,
                                 f.end, "last", f.start, f.start))
    for i, p in enumerate(parts.places):
        cut = max(0, p.start - 80)  # the words just before: not the whole sentence again
        q = figureless(text[cut:], p.start - cut, default=None, end=p.end - cut)
        if q is None or _DENIED_BEFORE.search(text, cut, p.start) or DRIVEN_FROM.search(
                text, cut, p.start) or is_landmark(text, p) or _REACHED_EDGE.search(
                text, cut, p.start):
            continue  # "The enemy has not taken the whole oblast", "was driven from most of
            # Kursk region": no holding of it
        if i and any(c.fig is None and c.place_end >= p.start for c in out):
            continue  # a later place of a list already taken
        group, end = places_from(parts, p.start, limit=0)
        start = max(0, text.rfind(" ", 0, max(0, p.start - 12)))
        out.append(Candidate(codes_of(group or [p]), None, q, start, end, "quantifier",
                             p.start, end))
    if cue("control", text) or _HELD_WORD.search(text):
        # a place named bare where the sentence speaks of holding: "the LPR has been
        # fully liberated", "Russian troops hold a few villages there"
        for p in parts.places:
            if any(c.place_start <= p.start < max(c.place_end, c.place_start + 1)
                   for c in out):
                continue
            if _TAKEN_SINCE.search(text):
                continue  # 'have "liberated" 11 settlements in the oblast since July': gains
            if is_landmark(text, p) or _IS_NOT.match(text, p.end) or _REACHED_EDGE.search(
                    text, max(0, p.start - 60), p.start):
                continue  # "(held a small part of the region) near its boundary with the
                # Kharkiv region": where that ground lies; "Dnipropetrovsk is not one of the
                # four regions Moscow says it has annexed": a place said to be not so
            if _DENIED_ANY.search(text) or NO_PART_OF.search(text, max(0, p.start - 40), p.start):
                continue  # 'LUHANSK OVA: "The enemy has not taken the whole oblast"'; "No
                # part of the region has been under Russian occupation since April 2022"
            group, end = places_from(parts, p.start, limit=0)
            # the words around it, up to the next place ("Crimea and parts of Donetsk":
            # the parts are Donetsk's)
            after = min([q.start for q in parts.places if q.start >= end] + [end + 60])
            window = text[max(0, p.start - 60):end] + _OF_NEXT.sub("", text[end:after])
            lo = max((m.end() for m in _CONTRAST.finditer(text, 0, p.start)), default=0)
            hi = next((m.start() for m in _CONTRAST.finditer(text, end)), len(text))
            if lo or hi < len(text):
                clause = text[lo:hi]
                if not (cue("control", clause) or _HELD_WORD.search(clause)):
                    continue  # "the LPR has been fully liberated, while in the DPR Russian
                    # units are advancing": no word of holding in the place's own clause
            if _LOST_SHARE.search(window):
                continue  # "had lost most of their positions in the region": ground lost
            q = ("part" if _PART_WORD.search(window) else "large_part"
                 if _MOST_WORD.search(window) else "all")
            out.append(Candidate(codes_of(group or [p]), None, q, p.start, end, "bare",
                                 p.start, end))
    return out


#: Ground held by neither side, before a figure: "the grey zone ... covers".
_GREY = led(r"\b(?:gr[ae]y[\s-]zone|contested\s+(?:ground|area|land|zone)|"
            r"no[\s-]man['’]s[\s-]land)\b", re.I)
#: A holding verb denied in the words before a place: "has not taken the whole (oblast)".
_DENIED_BEFORE = re.compile(r"\b(?:not|never|no\s+longer)\s+(?:yet\s+|fully\s+|even\s+)?"
                            r"(?:claimed\s+to\s+)?(?:taken|"
                            r"captured|seized|occupied|held|controlled|liberated|control|hold|"
                            r"take|capture|occupy|liberate)\b[^,.;:]*$", re.I)
#: A holding verb denied right before a figure: "(the enemy) does not control even (3 %)".
_DENIED_FIGURE = led(r"(?:\bnot|n['’]t|\bnever|\bno\s+longer)\s+(?:(?:yet|even|really|"
                     r"actually|now)\s+)?(?:control|hold|occupy|controls|holds|occupies|"
                     r"controlled|held|occupied)\s+(?:(?:even|more\s+than|over|as\s+much\s+"
                     r"as|so\s+much\s+as)\s+)?$", re.I)
_DENIED_ANY = re.compile(r"\b(?:has|have|had)\s+not\s+(?:yet\s+|fully\s+)?(?:taken|captured|seized|"
                         r"occupied)\s+(?:the\s+)?(?:whole|entire|all)\b", re.I)
_HELD_WORD = led(r"\b(?:liberat\w*|under\s+(?:russian|ukrainian)\s+control|"
                 r"in\s+(?:russian|ukrainian)\s+hands)\b", re.I)
#: Settlements taken since a time: ground gained, not a holding's extent.
_TAKEN_SINCE = led(r"\b(?:" + _GAIN_STEMS + r")\w*[\"”’']?\s+(?:\d+|a\s+dozen|"
                   r"several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                   r"(?:more\s+)?(?:settlements|villages|towns|localities)\b[^.;]{0,80}?"
                   r"\b(?:since|in\s+the\s+past|over\s+the\s+past|this\s+(?:week|month))\b",
                   re.I)
#: After a figure that compares: "(40 %) less than in August", "more than a year ago".
_COMPARED_TO = led(r"\s+(?:less|more|fewer|lower|higher|smaller|larger|bigger)\s+than\b|"
                   r"\s+of\s+what\s+(?:it|they|Ukraine|Russia|Kyiv|Moscow)\s+(?:had\s+)?"
                   r"(?:held|had|controlled|occupied)\b", re.I)
#: Where a contrasting clause begins: ", while", ", whereas", ", but" (not ";": "in Sumy,
#: a strip of border villages; in Dnipropetrovsk, a foothold" shares the verb before).
_CONTRAST = led(r",\s*(?:while|whereas|but)\b")
#: A quantifier of the place that follows: "(Crimea and) parts of (Donetsk)".
_OF_NEXT = re.compile(r"\b(?:(?:small|large|tiny)\s+)?(?:parts?|most|much|all|pockets?|slivers?|"
                      r"strips?)\s+of\s+(?:the\s+)?$", re.I)
#: Ground lost, not held: "Ukrainian troops had lost most of their positions in the region".
_LOST_SHARE = re.compile(r"\blos(?:t|es|e|ing)\s+(?:most|much|the\s+bulk|the\s+majority|part|"
                         r"parts|all)\b", re.I)
# "part", but not "took part in (the liberation of the Kursk region)"
_PART_WORD = led(r"\b(?<!took\s)(?<!take\s)(?<!takes\s)(?<!taken\s)(?<!taking\s)"
                 r"(?:part(?:s|ly|ially)?|pockets?|strip|sliver|villages?|"
                 r"settlements?|footholds?|bridgeheads?|edge|corner|fringe|salient|few|"
                 r"handful)\b",
                 re.I)
#: A share of something named after it, with no figure: "(it's got) most of (the Donbas)".
_SHARE_OF = led(r"\b(?:most|much|all|parts?|bulk|majority|rest|remainder|whole|entirety|"
                r"chunk|slice|piece|sliver|swathe?|strip|pocket|corner)\s+of\b", re.I)
_MOST_WORD = re.compile(r"\b(?:most|much|bulk|lion's\s+share|majority)\b", re.I)


_WORD = led(r"[a-z]+(?:['’][a-z]+)?|%|\d+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def features(parts: Parts, c: Candidate) -> list[str]:
    """The words and sides around ``c``, as feature names (a word and the side named
    nearest before the mention together, so that "still holds" after Ukraine and after
    Russia can weigh differently)."""
    text = parts.s.text
    lo, hi = min(c.start, c.place_start), max(c.end, c.place_end)
    left = _words(text[max(0, lo - 80):lo])[-7:]
    mid = _words(text[min(c.end, c.place_end):max(c.start, c.place_start)])[:8] \
        if c.where == "before" else _words(text[c.fig.end if c.fig else c.start:c.place_start])[:6]
    right = _words(text[hi:hi + 60])[:6]
    rest = _words(text)
    sides_before = [a.side for a in parts.actors if a.end <= lo and a.side in ("RU", "UA")]
    sides_after = [a.side for a in parts.actors if a.start >= hi and a.side in ("RU", "UA")]
    near = sides_before[-1] if sides_before else "none"
    holder, why = holder_of(parts, lo)
    f = ["bias", f"where:{c.where}", f"q:{c.qualifier}",
         f"unit:{c.fig.unit if c.fig else 'none'}", f"near:{near}",
         f"first:{sides_before[0] if sides_before else 'none'}",
         f"after:{sides_after[0] if sides_after else 'none'}",
         f"holder:{holder}{'?' if why else ''}", f"last:{LAST_SIDE.get()}",
         f"n:{min(len(c.regions), 3)}", f"ua:{c.regions == ('UA',)}",
         f"big:{bool(c.fig and c.fig.unit == 'percent' and c.fig.value > 100)}"]
    f += [f"L:{w}" for w in left] + [f"L:{w}@{near}" for w in left]
    f += [f"M:{w}" for w in mid] + [f"R:{w}" for w in right]
    f += [f"S:{w}" for w in set(rest)]
    before = text[:lo]
    if NOT_HELD.search(before[-40:]):
        f.append("denied")
    if PERIOD.search(text) and GAIN_VERB.search(text):
        f.append("gain_period")
    return f


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    ex = [math.exp(s - top) for s in scores]
    total = sum(ex)
    return [e / total for e in ex]


@functools.lru_cache(maxsize=1)
def _model() -> tuple[tuple[str, ...], list[float], dict[str, list[float]]] | None:
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{MODEL_PATH}: the learned reader's weights are missing from "
                                "this installation; reinstall Frontline Atlas, or rebuild "
                                "them with scripts/train_extract_model.py") from None
    return tuple(data["classes"]), list(data["bias"]), dict(data["weights"])


def classify(feats: list[str]) -> dict[str, float]:
    """Probability of each class (:data:`CLASSES`) for a candidate's features; all on
    "none" when there is no model."""
    model = _model()
    if model is None:
        return {"none": 1.0, "RU": 0.0, "UA": 0.0}
    classes, bias, weights = model
    scores = list(bias)
    for name in feats:
        w = weights.get(name)
        if w is not None:
            scores = [s + x for s, x in zip(scores, w, strict=True)]
    return dict(zip(classes, _softmax(scores), strict=True))


#: While training (:func:`collecting`): every candidate and its features, as read.
_TRACE: ContextVar[list[tuple[Sentence, Candidate, list[str], bool]] | None] = ContextVar(
    "learned_trace", default=None)


@contextmanager
def collecting() -> Iterator[list[tuple[Sentence, Candidate, list[str], bool]]]:
    """Collect every candidate read inside the block (sentence, candidate, features,
    whether the rules already made that claim): the training script's data."""
    out: list[tuple[Sentence, Candidate, list[str], bool]] = []
    token = _TRACE.set(out)
    try:
        yield out
    finally:
        _TRACE.reset(token)


def _covering(c: Candidate, found: list[ExtractedClaim], offset: int) -> int | None:
    """The index of the claim of ``found`` the rules made of ``c`` or of its figure (a
    figure is read once), or None."""
    for i, claim in enumerate(found):
        if (c.fig is not None and claim.value is not None and claim.span[0] <= c.fig.start
                + offset < claim.span[1] and abs(claim.value - c.fig.value) < 0.05):
            return i
        if set(claim.regions) & set(c.regions) and (
                (c.fig is not None and claim.value is not None
                 and abs(claim.value - c.fig.value) < 0.05)
                or (c.fig is None and claim.value is None)):
            return i
    return None


def learned_claims(s: Sentence, found: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """The claims of ``s``: the rules' (``found``) and the control claims the model reads
    that the rules did not."""
    if not (ANY_FIGURE.search(s.text) or cue("control", s.text)
            or _HELD_WORD.search(s.text) or _SHARE_OF.search(s.text)):
        return found  # most sentences have no figure, no word of holding, no "most of"
    parts = parts_of(s)
    if not (parts.figs or parts.places):
        return found
    trace = _TRACE.get()
    out: list[ExtractedClaim] = []
    for c in candidates(parts):
        at = _covering(c, found, s.start)
        if at is not None and trace is None:
            continue  # the rules made it (changing their side was tried: no better)
        feats = features(parts, c)
        if trace is not None:
            trace.append((s, c, feats, at is not None))
            if at is not None:
                continue
        probs = classify(feats)
        side = max(("RU", "UA"), key=lambda k: probs[k])
        if probs[side] < THRESHOLD or probs[side] <= probs["none"]:
            continue
        if c.fig is None and any(
                f.kind == "control_share" and f.value is not None and f.actor == side
                and f.regions == c.regions and f.span[0] - 80 <= c.place_start + s.start
                < f.span[1] for f in found):
            # a place a rule gave the side's share of ("the area of the oblast remaining
            # under Ukrainian control amounts to less than 1%") is not read again without one
            continue
        if c.fig is None and c.qualifier == "all" and any(
                f.kind == "control_area" and f.actor == side and f.regions == c.regions
                for f in found):
            # "Russian troops control about 90 square kilometers of Ukraine's Sumy region":
            # an area of a place, not all of it
            continue
        kind = "control_area" if c.fig is not None and c.fig.unit == "km2" else "control_share"
        out.append(make_claim(parts, kind, side, c.regions, c.fig,
                              c.qualifier if c.fig is None else c.fig.qualifier,
                              (min(c.start, c.place_start), max(c.end, c.place_end)),
                              [f"read by the learned reader (P = {probs[side]:.2f}), not by a "
                               "rule: check the side, the figure and the place"]))
    return found + out
