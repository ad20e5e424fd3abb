"""A sentence taken apart for the claim rules: its figures, places (with "the region" and
"there" read as the unit named last), sides, and the helpers every rule shares (the list
of places after a word, the qualifier of a figure-less mention, the sentence's subject).

Offsets are characters into the sentence; a claim's span is made absolute by
:func:`make_claim`. Percent are shares, areas km² (:mod:`geo.extract.lexicon`).
"""

from __future__ import annotations

import functools
import re
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from geo.extract.lexicon import (
    CUES,
    QUALIFIER_OF,
    Actor,
    Figure,
    Place,
    actors,
    countries,
    figures,
    places,
    titled_places,
)
from geo.extract.lexicon import clear_caches as lexicon_clear_caches
from geo.extract.model import CANONICAL, ExtractedClaim
from geo.extract.patterns import led
from geo.extract.speaker import FIRST_PERSON, OUR_COUNTRY, Voice
from geo.extract.text import Sentence
from geo.extract.text import clear_caches as text_clear_caches
from geo.intervals import SHARE_QUALIFIERS, interval_from_claim

__all__ = ["Parts", "parts_of", "clear_caches", "places_in", "is_there", "is_rest",
           "make_claim", "places_from", "places_before", "codes_of", "group_review", "subject",
           "other_side", "negated", "figureless", "pronoun_side", "clause_side", "ALMOST",
           "LAST_UNIT", "LAST_GROUP", "LAST_REPUBLIC", "remember_group", "ANNEXED", "HELD_PART",
           "STILL_HELD",
           "DRIVEN_FROM", "CENTRES_BEFORE", "is_landmark",
           "LAST_SIDE", "SIDE_NAME", "BEFORE_PERSON", "VOICES", "spoken_side", "first_person",
           "voice_side", "voice_why", "unit_of_small_area"]


_ALL_BEFORE = led(r"\b(?:(?:almost|nearly|virtually)\s+)?(?:all\s+parts\s+of|"
                  r"every\s+part\s+of|all\s+of|all|the\s+entire|"
                  r"the\s+entirety\s+of|the\s+(?:whole|entire)\s+(?:territory|area)\s+of|"
                  r"(?:the\s+)?"
                  r"remaining\s+(?:parts?\s+of\s+|territory\s+of\s+|areas?\s+of\s+)?|"
                  r"entire|the\s+whole\s+of|the\s+whole|whole|the\s+rest\s+of|"
                  r"every\s+(?:square\s+)?(?:metre|meter|inch|kilometre|km)\s+of|"
                  r"rest\s+of)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|eastern|western|"
                  r"southern|northern)\s+)?$", re.I)


_DIRECTION = (r"(?:(?:neighbou?ring|nearby|eastern|western|southern|northern|north-eastern|"
              r"south-eastern|northeastern|southeastern|north-western|south-western)\s+)?")
_PART_BEFORE = led(r"\b(?<!\bno\s)(?<!\ball\s)(?<!\bevery\s)"
                   r"(?:(?:(?:some\s+|small(?:er)?\s+|tiny\s+|several\s+)?"
                   r"(?:parts?|"
                   r"areas?|pockets|corners?|patches|bits?)\s+of|a\s+sliver\s+of|"
                   # "the left bank of the region": the part of it across the river
                   r"(?:the\s+)?(?:left|right|east(?:ern)?|west(?:ern)?)[\s-]bank\s+of|"
                   # "the east bank of the Dnipro in (Kherson oblast)"
                   r"(?:the\s+)?(?:left|east(?:ern)?)[\s-]bank\s+of\s+the\s+(?:Dnipro|"
                   r"Dnieper)(?:\s+river)?\s+in)\s+"
                   r"(?:both\s+)?(?:the\s+)?" + _DIRECTION
                   + r"|(?:(?:a\s+(?:few|handful\s+of|number\s+of)|"
                   # "(the enemy holds) parts of three villages in"
                   r"parts\s+of\s+(?:a\s+few|several|two|three|four|five|\d)|"
                   r"(?<=holds\s)several|(?<=hold\s)several|(?<=control\s)several|"
                   r"(?<=controls\s)several|(?<=occupy\s)several|(?<=occupies\s)several)\s+"
                   r"(?:border\s+)?(?:villages|settlements|hamlets)|a\s+(?:small\s+|narrow\s+|thin\s+|"
                   r"tiny\s+|\d+-(?:kilomet(?:re|er)|km|mile)\s+)?[\"“]?"
                   r"(?:(?:buffer|border|security)\s+)?(?:pocket|foothold|"
                   r"sliver|strip|bridgehead|salient|area|patch|corner|piece|section|"
                   r"portion|zone)[\"”]?|(?:small\s+|tiny\s+|narrow\s+)?"
                   r"(?:footholds|pockets|patches|slivers|strips|bridgeheads)|"
                   r"(?<=hold\s)ground|(?<=holds\s)ground|(?:small|tiny|narrow)\s+(?:border\s+)?"
                   r"areas|"
                   r"(?<!its\s)(?<!their\s)(?<!our\s)(?:(?:defensive|some|several)\s+)?"
                   r"positions|(?:the\s+)?border\s+"
                   r"(?:areas|districts|villages)|"
                   # "the Kinburn Spit in Mykolaiv", Russia's one foothold there
                   r"(?:the\s+)?Kinburn\s+(?:spit|peninsula))\s+"
                   r"(?:[\w-]+\s+){0,4}?(?:(?:near|around)\s+(?:the\s+)?(?:village|town|"
                   r"settlement)\s+of\s+[\w-]+\s+|on\s+the\s+(?:left|right|east(?:ern)?)\s+"
                   r"bank\s+(?:of\s+the\s+(?:Dnipro|Dnieper)\s+(?:river\s+)?)?)?"
                   r"(?:in|on|of|inside|near|along)\s+"
                   # ("a pocket of Russia's own Kursk region")
                   r"(?:the\s+)?(?:(?:Russia|Ukraine)(?:'s|’s)\s+(?:own\s+)?)?" + _DIRECTION
                   + r")$|"
                   # "the Kinburn Spit, a thin sandy strip of (Mykolaiv region)"
                   r"\b(?:the\s+)?Kinburn\s+(?:spit|peninsula)\b[^.;]{0,60}?\s(?:in|on|of)\s+"
                   r"(?:the\s+)?$",
                   re.I)


_MOST_BEFORE = led(r"\b(?:most\s+of|(?<!\bhow\s)much\s+of|the\s+bulk\s+of|"
                   r"large\s+parts\s+of|"
                   r"the\s+(?:greater|better|larger|biggest|largest)\s+part\s+of|"
                   r"the\s+majority\s+of)\s+"
                   r"(?:the\s+)?(?:(?:neighbou?ring|nearby|eastern|western|southern|"
                   r"northern)\s+)?$", re.I)


ALMOST = re.compile(r"\b(?:almost|nearly|virtually)\s+all", re.I)


_LIST_GAP = led(r"^[\"”]?(?:s|\s+(?:[\"“]?people['’]s\s+republics[\"”]?|regions|oblasts|"
                r"provinces))?"
                r"(?:\s*,\s*(?:and\s+)?(?:out\s+of\s+)?|\s+and\s+(?:of\s+|from\s+|out\s+of\s+)?|"
                r"\s*&\s*|"  # "Zaporizhzhia & Kherson"
                # "the whole of Kherson region, Kherson city included, as well as
                # from Donetsk"
                r"(?:\s+(?:region|oblast|province))?(?:\s*,\s*(?:[\w'’-]+\s+){1,3}?"
                r"included)?\s*,?\s+as\s+well\s+as\s+(?:of\s+|from\s+)?|"
                # "leave the Kherson region entirely, together with Zaporizhzhia"
                r"(?:\s+(?:region|oblast|province))?(?:\s+(?:entirely|completely|fully|"
                r"in\s+full))?\s*,?\s+(?:together|along)\s+with\s+)"
                # ('Sevastopol, the so-called "DPR" and "LPR"')
                r"(?:the\s+|those\s+|these\s+)?(?:so-called\s+)?(?:city\s+of\s+)?[\"“]?$",
                re.I)


#: "holds there", "the territory it controls there": the unit named last.
_UNIT_WORD = r"km²|\bkm2|\bsq\.?\s*km|\bkilomet(?:er|re)s|%|\bper\s+cent|\bpercent"
_THERE = led(r"(?:\b(?:holds?|held|holding|controls?|controlled|occup(?:y|ies|ied))|"
             + _UNIT_WORD + r")\s+(there)\b", re.I)
#: "the remainder", "the rest" (not "the rest of ..."): all that is left of the unit named
#: last -- ground to demand, never a holding (control rules skip it: :func:`is_rest`).
_REMAINDER = re.compile(r"\bthe\s+(?:remainder|rest)\b(?!\s+of\b)", re.I)
#: "out of them", "from them", "(three quarters) of each": the places named before.
_THEM = led(r"\b(?:out\s+of|from|of|leave|quit|vacate|"
            r"(?:hand|give|cede|surrender)(?:s|ed)?)\s+"
            # not people: "most of them Crimean Tatars", "many of them civilians"
            # "unless Ukrainian troops leave it": the ground named before
            r"((?<=leave\s)it(?=\s*[.,;]|\s+(?:and|by|before|within|first)\b)|"
            r"them(?!\s+(?:(?-i:[A-Z])|(?:over|under|aged)\s+\d|civilians|children|people|soldiers|women|men|"
            r"residents|prisoners|pensioners|volunteers|"
            # "(small areas of the Kharkiv and Sumy regions,) most of them along the
            # border": where the areas lie, not how much of the places
            r"(?:along|near|next\s+to|close\s+to|around|by|on\s+the)\b))|"
            r"those\s+(?:areas|regions|patches|pockets)|"
            r"both\s+(?:regions|oblasts|provinces|areas)|"
            r"each(?=\s*(?:[.,;:)—–]|$|and\b|but\b))|both(?=\s*(?:[.,;:)—–]|$|and\b|"
            r"but\b))|"
            # "(recognise the Donetsk, ... regions as Russian,) and that Ukrainian troops
            # withdraw from all four."
            r"all\s+(?:four|three|two)(?:\s+of\s+them)?(?=\s*(?:[.,;:)—–]|$)))\b", re.I)
#: "the territory" (not "the territory of ..."): the unit named before in the sentence.
_TERRITORY = led(r"\bthe\s+territory\b(?!\s+of\b)", re.I)
#: "the rest of it", "1,000 square kilometres of it": the unit named last.
_OF_IT = led(r"(?:\b(?:rest|remainder|parts?|strip|sliver|foothold|pocket|corner)|"
             # "wants every square mile of it handed over"
             r"\bevery\s+(?:square\s+)?(?:mile|kilomet(?:re|er)|inch|metre|meter)(?=\s+of\s+"
             r"it\s+(?:handed|ceded|given|surrendered|returned|transferred)\b)|"
             r"\b(?:demand\w*|wants?|seeks?|holds?|controls?|occup\w+)\s+(?:all|most|much)|"
             # "Russia holds about two-thirds of it" (after a verb of holding: not
             # "have retaken more than half of it", of a foothold named before)
             r"\b(?:holds?|held|controls?|controlled|occup(?:y|ies|ied)|has|have|had|"
             r"got)\s+(?:(?:about|roughly|around|some|nearly|almost|just\s+over|just\s+"
             r"under|over|more\s+than|less\s+than|perhaps|only|what,?)\s+)*(?:half|"
             r"(?:one|two)[\s-]thirds?|(?:one|three)[\s-]quarters?|a\s+third|"
             r"a\s+quarter|(?:a|one|two|three|four)[\s-]fifths?)|"
             + _UNIT_WORD
             # ('"no more than 110 square kilometres" of it': a quote closed first)
             + r")[\"”]?\s+of\s+(it)\b(?!\s+(?:is|was|has|had|will|would)\b)", re.I)
#: The words _OF_IT needs, looked for first (lower case): most sentences have none.
_OF_IT_WORDS = led(r"of\s+it\b")


# ------------------------------------------------------------------ per sentence
#: "the region", "that oblast": the unit named last before it (anaphora), never "the
#: region of X" (named there) nor a plural.
_ANAPHOR = led(r"\b(?:(?:the|that|this|our)\s+(?:(?:entire|whole|same)\s+)?(?:region|oblast|"
               r"province|republic)(?:'s|’s)?|"
               r"(?:this|that)\s+(?:territory|land|area))\b(?!\s+of\b)", re.I)


#: "its territory": the unit named before it in the sentence.
_ITS_TERRITORY = led(r"\bits\s+(?:entire\s+|whole\s+)?(?:territory|land)\b(?!\s+of\b)",
                     re.I)
#: Words naming the country or its government: "its territory" may be the country's.
_COUNTRY_WORD = re.compile(r"\b(?:Ukrain\w*|Kyiv|Kiev|Zelensk\w*|country|nation)", re.I)


#: "the former", "the latter": one of two places named together before.
_FORMER = re.compile(r"\bthe\s+(former|latter)\b(?!\s+(?:two|three|ones|group|Soviet|"
                     r"Ukrainian\s+SSR|USSR|president|minister|commander|head|chief|governor|"
                     r"republic)\b)|"
                     # "about 74% of the first and about 73% of the second" (no noun after)
                     r"\bof\s+the\s+(first|second)(?=\s*(?:[.,;:)]|and\b|$))", re.I)


#: What "the republic" may stand for: the "people's republics", Crimea.
_REPUBLICS = {("UA-09",), ("UA-14",), ("UA-43", "UA-40"), ("UA-43",)}


#: The unit the article named last (one ISO code), for "the region" in a later sentence:
#: per call of :func:`extract_claims` (a context variable: threads do not share it).
LAST_UNIT: ContextVar[tuple[str, ...] | None] = ContextVar("last_unit", default=None)

#: An area (km²) smaller than any national total of this war's held ground (Crimea and the
#: Donbas before 2022 were some 42,000 km²): one with no place named is of a region.
SMALL_AREA = 30_000.0


def unit_of_small_area(value: float) -> tuple[str, ...] | None:
    """The unit named last in the article, for an area too small to be a national total
    and named with no place ("The project puts the Russian-held area at 1,800 km²" after a
    sentence on Kharkiv oblast), or None."""
    return LAST_UNIT.get() if value < SMALL_AREA else None



#: The places the article listed last together ("Donetsk, Luhansk, Zaporizhzhia and
#: Kherson", "the four regions"), for "these areas" in a later sentence.
LAST_GROUP: ContextVar[tuple[tuple[str, ...], ...] | None] = ContextVar("last_group",
                                                                        default=None)
#: The "people's republic" (or Crimea) the article named last, for "the republic" when
#: another unit was named since ("the head of the DPR spoke about ... the Kursk incursion";
#: "the enemy still holds more than a third of the republic").
LAST_REPUBLIC: ContextVar[tuple[str, ...] | None] = ContextVar("last_republic", default=None)
#: Regions a direction word names ("the two southern regions").
_DIRECTION_CODES = {"southern": {"UA-23", "UA-65", "UA-43", "UA-40", "UA-48", "UA-51"},
                    "eastern": {"UA-14", "UA-09", "UA-63", "UA-12"},
                    "northern": {"UA-59", "UA-63", "UA-74", "UA-18", "UA-32", "UA-30"},
                    "border": {"UA-59", "UA-63", "UA-74", "UA-12"}}
#: "its (return)": the place named last.
_ITS_RETURN = re.compile(r"\bits(?=\s+return\b(?!\s+(?:to|of)\b))", re.I)
#: "these areas", "those regions": the places listed together last.
_THESE = led(r"\b(?:these|those|the\s+(?=two\b|three\b)|each(?=\s+(?:of\s+the\s+"
             r"(?:two|three)\s+)?(?:region|oblast|province)s?\b)(?:\s+of\s+the)?)\s*"
             r"(?:two\s+|three\s+|(?<=these\s)four\s+|(?<=those\s)four\s+)?"
             r"(?:(?:southern|northern|eastern|southeastern|south-eastern|annexed|"
             r"occupied|border)\s+)?(?:areas|regions|oblasts|provinces|territories|"
             r"lands|(?<=each\s)(?:region|oblast|province))\b", re.I)


#: "recognise this reality": the ground the sentence before called Russia's ("Kherson and
#: Zaporozhye regions are subjects of the Russian Federation. Kyiv will have to recognise
#: this reality").
_REALITY = re.compile(r"\b(?:recogni[sz](?:e|es|ed|ing)|recognition\s+of|accept(?:s|ed|ing)?)\s+"
                      r"(?:the\s+)?[\"“]?((?:this|these|that|the\s+new|"
                      r"new|(?:the\s+)?(?:new\s+)?territorial)\s+realit(?:y|ies)|"
                      # "(... are Russian regions, and Kiev must) recognise this."
                      r"(?<=recognise\s)this(?=\s*[.;\"”]|\s*$)|"
                      r"(?<=recognize\s)this(?=\s*[.;\"”]|\s*$))\b", re.I)
#: After "the new realities", the words that say which ground they are: '", a reference
#: to the', " — the illegal annexation of Ukraine's".
_REALITY_IS = re.compile(r"[\"”]?\s*(?:,\s*(?:a\s+reference\s+to|meaning|i\.\s?e\.|that\s+is|"
                         r"namely)|"
                         r"(?:[—–:]|\s--?)\s*(?:(?:that\s+is|i\.\s?e\.|namely),?\s+|that\s+)?)\s*"
                         r"(?:the\s+)?"
                         r"(?:(?:illegal\s+)?(?:annexation|incorporation)\s+"
                         r"of\s+)?(?:Ukraine['’]s\s+)?(?:the\s+)?", re.I)
#: Ground Russia claims as its own (Crimea, Sevastopol and the four regions): recognising
#: it is ceding it.
ANNEXED = frozenset(("UA-40", "UA-43", "UA-09", "UA-14", "UA-23", "UA-65"))


def remember_group(text: str) -> None:
    """Keep the lists of places ``text`` names (two or more, or one name of several: "the
    four regions") in :data:`LAST_GROUP`, the latest last."""
    found = places(text)
    republics = [p.codes for p in found if p.codes in _REPUBLICS]
    if republics:
        LAST_REPUBLIC.set(republics[-1])
    groups: list[tuple[str, ...]] = []
    i = 0
    while i < len(found):
        group = [found[i]]
        while i + 1 < len(found) and _LIST_GAP.match(text[group[-1].end:found[i + 1].start]):
            i += 1
            group.append(found[i])
        codes = tuple(dict.fromkeys(c for q in group for c in q.codes))
        if len(codes) >= 2:
            groups.append(codes)
        i += 1
    if groups:
        LAST_GROUP.set((*(LAST_GROUP.get() or ()), *groups)[-3:])


def places_in(text: str) -> list[Place]:
    """Places of ``text``, with "the region" read as the unit named last before it and
    "these areas" as the places listed last."""
    return list(_places_in(text, LAST_UNIT.get(), LAST_GROUP.get(), LAST_REPUBLIC.get()))


#: A dateline's place in capitals at the start of a sentence: "DONETSK, May 21 —",
#: "KHERSON (Agency) -", "LUHANSK, 3 March:" (not "ZAPORIZHZHIA - Russia holds ...", a
#: heading).
_DATELINE_PLACE = re.compile(r"\s*[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}\s*"
                             r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d|\d{1,2}\s+[A-Z][a-z]{2,8})|\((?!UPDATE|LIVE|VIDEO)[^)]{1,30}\)\s*[—–-])")


@functools.lru_cache(maxsize=8192)
def _places_in(text: str, last: tuple[str, ...] | None,
               listed: tuple[tuple[str, ...], ...] | None = None,
               republic: tuple[str, ...] | None = None) -> tuple[Place, ...]:
    found = places(text)
    if found and found[0].text.isupper() and found[0].start == len(text) - len(text.lstrip()) \
            and _DATELINE_PLACE.match(text):
        found = found[1:]  # "DONETSK, May 21 — The liberation of ...": where it was written
    low = text.lower()
    # each pattern only where its word is: most sentences have none of them
    anaphor = _ANAPHOR.finditer(text) if ("region" in low or "oblast" in low or "province"
                                          in low or "territory" in low or "land" in low
                                          or "area" in low or "republic" in low) else ()
    for m in anaphor:
        # (or a region named as one, "the Donbas ... must leave the region")
        before = [p for p in found if p.end <= m.start() and (len(p.codes) == 1 or (
            p.group and " " not in p.text.strip() and p.text[:1].isupper()))]
        if not before and last is None:
            # "The governor of Zaporizhzhia says Russia controls about 73 per cent of the
            # region": a title names the region, at an article's start
            before = [p for p in titled_places(text) if p.end <= m.start() and len(p.codes) == 1]
        codes = before[-1].codes if before else last
        if not before and m.group(0)[:3].lower() == "our":
            # '"... the enemy occupies about 72 percent of our region," said the head of the
            # Zaporizhzhia Regional Military Administration': the speaker's title names it
            titled = [p for p in titled_places(text) if len(p.codes) == 1]
            codes = titled[0].codes if titled else codes
        close = text.find('"' if text[:1] == '"' else "”", 1) if (
            codes is None and text[:1] in "\"“") else -1
        if m.start() < close:
            # '"We have liberated nearly three-quarters of the region," Zaporozhye Region
            # Governor Yevgeny Saltykov told the forum': a quote put first, at an article's
            # start, names its region in the attribution after it (not after a colon: a
            # headline's '"They want the whole region": Putin's terms stun Zaporizhzhia ...')
            after = [p for p in found if close < p.start <= close + 120 and len(p.codes) == 1
                     and not text[close + 1:].lstrip().startswith((":", "|", "-", "–", "—"))]
            codes = after[0].codes if after else None
        if "republic" in m.group(0).lower() and codes not in _REPUBLICS:
            # "the republic" is Luhansk's or Donetsk's "people's republic", Crimea: the one
            # named last
            codes = None if before else republic
            if codes is None:
                continue
        if codes and not any(p.start <= m.start() < p.end for p in found):
            found.append(Place(codes, m.start(), m.end(), m.group(0), False))
    for m in (_ITS_TERRITORY.finditer(text) if "its " in low else ()):
        # "The head of the Luhansk region said Russian forces now controlled more than 99%
        # of its territory": the unit named before in the sentence (never one of a
        # sentence before, nor where the country or its capital is named: "Ukraine says
        # Russia occupies 19% of its territory")
        before = [p for p in found if p.end <= m.start() and len(p.codes) == 1]
        if before and not _COUNTRY_WORD.search(text, 0, m.start()) and not any(
                p.start <= m.start() < p.end for p in found):
            found.append(Place(before[-1].codes, m.start(), m.end(), m.group(0), False))
    for m in (_FORMER.finditer(text) if "former" in low or "latter" in low or (
            "the first" in low and "the second" in low) else ()):
        # "Luhansk and Donetsk remain under pressure. The enemy holds almost all of the
        # former and about three quarters of the latter": the first or the second of two
        # places named together (in the sentence, else the group named last)
        # (not "the former" read just before: "99% of the former and 77% of the latter")
        named: list[tuple[str, ...]] = [p.codes for p in found
                                         if p.end <= m.start() and len(p.codes) == 1
                                         and not _FORMER.fullmatch(p.text)]
        pair: list[tuple[str, ...]] = named[-2:]
        if len(named) < 2:
            pair = [listed[-1][:1], listed[-1][1:]] if listed and len(listed[-1]) == 2 else []
        if len(pair) == 2:
            which = (m.group(1) or m.group(2)).lower()
            one = pair[0] if which in ("former", "first") else pair[1]
            at = m.start(1) - 4 if m.group(1) else m.start(2) - 4  # "the ..."
            found.append(Place(one, at, m.end(), text[at:m.end()], False))
    for m in (_REMAINDER.finditer(text) if "remainder" in low or "rest" in low else ()):
        # "Moscow wants the remainder handed over": the rest of the unit named last (or of
        # the group named last: "hold most of both oblasts and want the rest")
        before = [p for p in found if p.end <= m.start() and len(p.codes) == 1]
        codes = before[-1].codes if before else last
        grouped = [p for p in found if p.end <= m.start() and len(p.codes) > 1]
        if grouped and (not before or grouped[-1].end > before[-1].end):
            codes = grouped[-1].codes
        if codes:
            found.append(Place(codes, m.start(), m.end(), m.group(0), False))
    for m in (_THEM.finditer(text) if "them" in low or "those" in low or "each" in low
              or "both" in low or "leave it" in low or "all " in low else ()):
        # "pull its troops out of them": the list of places named last before it
        before = [p for p in found if p.end <= m.start(1)]
        if before:
            group = [before[-1]]
            for p in reversed(before[:-1]):
                if _LIST_GAP.match(text[p.end:group[0].start]) or (
                        m.group(1).lower().startswith("both") and len(group) == 1
                        and re.fullmatch(r"\s+or\s+(?:the\s+)?", text[p.end:group[0].start])):
                    # "no longer mentions Zaporizhzhia or Kherson ... all of both regions"
                    group.insert(0, p)
                else:
                    break
            codes = tuple(dict.fromkeys(c for p in group for c in p.codes))
            found.append(Place(codes, m.start(1), m.end(1), m.group(1), len(codes) > 1))
        elif listed and m.group(1).lower() == "each" and re.match(r"of\s", m.group(0), re.I):
            # "Zaporizhzhia and Kherson are the prize. Russia holds about three-quarters of
            # each": the list the sentence before named
            found.append(Place(listed[-1], m.start(1), m.end(1), m.group(1), True))
        elif listed and m.group(1).lower().startswith("both"):
            # "... all of Zaporizhzhia and Kherson oblasts. They already hold most of both
            # oblasts": the list of two the sentence before named
            pairs = [g for g in listed if len(g) == 2]
            if pairs:
                found.append(Place(pairs[-1], m.start(1), m.end(1), m.group(1), True))
        elif listed and m.group(1).lower() == "them" and not found and re.match(
                r"leave|quit|vacate|out", m.group(0), re.I):
            # "The Donetsk and Luhansk people's republics, the Zaporizhzhia and Kherson
            # regions are written into our constitution. ... Ukrainian units must leave
            # them": the list the sentence before named
            found.append(Place(listed[-1], m.start(1), m.end(1), m.group(1), True))
    for m in (_ITS_RETURN.finditer(text) if "its return" in low else ()):
        # "Moscow insists the peninsula is not up for discussion; Kyiv demands its return"
        before = [p for p in found if p.end <= m.start()]
        codes = before[-1].codes if before else last
        wider = [p.codes for p in before if codes and set(codes) < set(p.codes)]
        if wider:
            codes = wider[-1]  # "the peninsula, including the city of Sevastopol, ... its"
        if codes:
            found.append(Place(codes, m.start(), m.end(), m.group(0), False))
    for m in (_THESE.finditer(text) if ("these" in low or "those" in low
                                        or "the two" in low or "the three" in low
                                        or "each" in low)
              else ()):
        here = [p for p in found if p.end <= m.start()]
        group = _list_ending(found, here[-1], text) if here and len(here) > 1 else []
        if len(group) > 1 and m.group(0).lower().startswith(("these", "those")) and not any(
                p.start < m.end() and m.start() < p.end for p in found):
            # "In Zaporizhzhia and Kherson, Moscow insists that Kyiv withdraw its forces
            # from these areas entirely": the list the sentence named before
            found.append(Place(tuple(dict.fromkeys(c for q in group for c in q.codes)),
                               m.start(), m.end(), m.group(0), True))
            continue
        # "He said Kyiv must also recognise these areas as Russian": the places listed last
        # (in the sentence before: a list in this sentence is read by _THEM)
        if listed and not [p for p in found if p.start < m.end()]:
            # the latest list that fits the words: "the two southern regions" is a list of
            # two southern ones
            words = m.group(0).lower().split()
            n = 2 if "two" in words else 3 if "three" in words else None
            where = next((_DIRECTION_CODES[w] for w in words if w in _DIRECTION_CODES), None)
            fit = [g for g in listed if (n is None or len(g) == n)
                   and (where is None or set(g) <= where)]
            if fit:
                found.append(Place(fit[-1], m.start(), m.end(), m.group(0), True))
    for m in (_REALITY.finditer(text) if "realit" in low or "recogni" in low else ()):
        # the places listed last, or the unit named last, if Russia claims them as its own
        here = [p for p in found if p.start < m.start()]
        if not here and m.group(1).lower() in ("this", "that"):
            continue  # "recognise this" reads only the places its own sentence calls Russian
        if here:
            # "The Donetsk and Luhansk People's Republics and the Zaporozhye and Kherson
            # regions are Russia, and Kyiv will have to recognise this reality": the places
            # of this sentence, Russia's claim
            codes = tuple(dict.fromkeys(c for p in here for c in p.codes))
            if not (set(codes) <= ANNEXED and re.search(
                    r"\b(?:are|is)\s+(?:now\s+)?(?:(?:an?\s+)?(?:inalienable|integral|"
                    r"constituent)\s+)?(?:Russia|Russian|(?:part|parts|subjects|entities)\s+of\s+"
                    r"(?:Russia|the\s+Russian\s+Federation))\b", text[:m.start()], re.I)):
                continue
        else:
            fit = [g for g in (listed or ()) if set(g) <= ANNEXED]
            codes = fit[-1] if fit else last if last and set(last) <= ANNEXED else ()
            told = _REALITY_IS.match(text, m.end())
            after = [p for p in found if p.start >= m.end()]
            if told and after and after[0].start == told.end():
                # 'recognize the "new territorial realities", a reference to the Donetsk,
                # Luhansk, Zaporizhzhia and Kherson regions': the places the words name
                run = after[:1]
                for q in after[1:]:
                    if not _LIST_GAP.match(text[run[-1].end:q.start]):
                        break
                    run.append(q)
                apposed = tuple(dict.fromkeys(c for q in run for c in q.codes))
                if set(apposed) <= ANNEXED:
                    codes = apposed
        if codes:
            found.append(Place(codes, m.start(1), m.end(1), m.group(1), len(codes) > 1))
    for m in (_TERRITORY.finditer(text) if "territory" in low else ()):
        # "the rest of Donetsk, where Kyiv holds 14 % of the territory": named before in
        # the same sentence only (elsewhere "the territory" may be the whole country)
        before = [p for p in found if p.end <= m.start() and len(p.codes) == 1]
        if before and not any(p.start <= m.start() < p.end for p in found):
            codes = before[-1].codes
            group = _list_ending(found, before[-1], text)
            if len(group) > 1 and (re.search(r",\s+where\b", text[before[-1].end:m.start()])
                                   or re.fullmatch(r"\W*(?:in|across)\s+(?:the\s+)?",
                                                   text[:group[0].start], re.I)):
                # "the Zaporizhzhia and Kherson regions, where it holds three-quarters of
                # the territory", "In the Zaporozhye and Kherson regions, three-quarters of
                # the territory is ...": of each place the list names
                codes = tuple(dict.fromkeys(c for q in group for c in q.codes))
            found.append(Place(codes, m.start(), m.end(), m.group(0), len(codes) > 1))
    for m in [*(_THERE.finditer(text) if "there" in low else ()),
              *(_OF_IT.finditer(text) if _OF_IT_WORDS.search(low) else ())]:
        before = [p for p in found if p.end <= m.start() and len(p.codes) == 1]
        codes = before[-1].codes if before else last
        if before and m.group(1).lower() == "there":
            # "parts of both Sumy and Kharkiv regions ... the small areas it holds there":
            # the list the unit named last is in
            codes = tuple(dict.fromkeys(c for q in _list_ending(found, before[-1], text)
                                        for c in q.codes))
        if codes:
            found.append(Place(codes, m.start(1), m.end(1), m.group(1), len(codes) > 1))
    return tuple(sorted(found, key=lambda p: p.start))


def _list_ending(found: list[Place], last: Place, text: str) -> list[Place]:
    """The places of ``found`` that make one list with ``last``, the list's last ("Sumy and
    Kharkiv regions": Sumy, Kharkiv)."""
    group = [last]
    for q in reversed([p for p in found if p.end <= last.start]):
        if _LIST_GAP.match(text[q.end:group[0].start]):
            group.insert(0, q)
        else:
            break
    return group


def is_there(p: Place) -> bool:
    return p.text.lower() == "there"


@dataclass
class Parts:
    """A sentence and what the lexicon found in it (offsets into ``s.text``)."""

    s: Sentence
    figs: list[Figure]
    places: list[Place]
    #: spans of words naming the whole country ("Ukraine's territory")
    country: list[tuple[int, int]]
    actors: list[Any]


def clear_caches() -> None:
    """Forget what was read of sentences so far (benchmarks read afresh)."""
    from geo.extract.asserted import not_a_holding

    not_a_holding.cache_clear()
    _places_in.cache_clear()
    _parts_of.cache_clear()
    lexicon_clear_caches()
    text_clear_caches()


def parts_of(s: Sentence) -> Parts:
    """The figures, places (anaphora read), country mentions and sides of ``s``; a side's
    word inside a place's name ("Russia's Kursk region") is not a side. Several rules read
    a sentence: it is taken apart once (the parts are not to be changed)."""
    return _parts_of(s, LAST_UNIT.get(), LAST_SIDE.get(), _voices_in(s), LAST_GROUP.get(),
                     article_side())


def _voices_in(s: Sentence) -> tuple[tuple[int, int, str, str], ...]:
    """The spans of ``s`` spoken for a side (offsets into ``s.text``), narrowest first."""
    article, vs, seen = VOICES.get()
    if not vs:
        return ()
    if s in seen:  # several rules take a sentence apart: its voices are read once
        return seen[s]
    end = s.start + len(s.text)
    inside = [v for v in vs if v.start < end and v.end > s.start]
    if not inside or not article.startswith(s.text, s.start):
        seen[s] = ()  # no voice, or a sentence the rules put together (a list item read on)
        return ()
    if len(inside) > 1:
        inside.sort(key=lambda v: v.end - v.start)
    seen[s] = tuple((max(0, v.start - s.start), min(len(s.text), v.end - s.start), v.side,
                     v.why) for v in inside)
    return seen[s]


def spoken_side(voices_: tuple[tuple[int, int, str, str], ...], pos: int) -> str | None:
    """The side of the narrowest voice over ``pos`` (offsets into the sentence)."""
    return next((side for a, b, side, _ in voices_ if a <= pos < b), None)


#: Words only one side's media use of the war: Moscow's ("the Kiev regime", "Donbass",
#: "special military operation") and Kyiv's ("the occupiers", "temporarily occupied").
_MOSCOW_WORDS = re.compile(r"\b(?:Kiev|Lugansk|Donbass|Zaporozhye|Kharkov|Dnepropetrovsk|Nikolaev|"
                           r"Artemovsk|Konstantinovka|Slavyansk|Krasnoarmeysk|Novorossiya|"
                           r"special\s+military\s+operation|armed\s+formations|neo-Nazis?|"
                           r"DPR|LPR|new\s+regions)\b")
_KYIV_WORDS = re.compile(r"\b(?:occupiers?|invaders?|ruscists?|rashists?|orcs|temporarily\s+"
                         r"occupied|temporary\s+occupation|de-occupation|the\s+aggressor|Defen[cs]e\s+Forces|"
                         r"glory\s+to\s+(?:Ukraine|the\s+heroes)|slava\s+ukraini|our\s+defenders|"
                         r"Russian\s+aggression)\b", re.I)


#: Kyiv's officials write "russia" in lower case ("russian troops", "russia's Kursk
#: region"); not a web address or a hashtag.
_LOWER_RUSSIA = re.compile(r"(?<![/#\w-])russia(?:n|ns|['’]s)?\b(?![-./]\w)")


@functools.lru_cache(maxsize=64)
def _words_side(article: str) -> str | None:
    moscow, kyiv = len(_MOSCOW_WORDS.findall(article)), len(_KYIV_WORDS.findall(article))
    kyiv += len(_LOWER_RUSSIA.findall(article)) if "russia" in article else 0
    # (one word of the other side's may be quoted: "the so-called 'DPR'")
    if moscow >= 2 and kyiv <= moscow // 4:
        return "RU"
    if kyiv >= 2 and moscow <= kyiv // 4:
        return "UA"
    return None


def article_side() -> str | None:
    """The side whose media the article's words are (two of one side's words, none of
    the other's), for "we" and "the enemy" no speaker accounts for; None if mixed."""
    return _words_side(VOICES.get()[0])


def voice_why(parts: Parts, pos: int) -> str:
    """How the speaker at ``pos`` of the sentence was known ("the speaker's label ..."),
    for a claim's review; "" when no speaker is known."""
    why = next((why for a, b, _, why in _voices_in(parts.s) if a <= pos < b), "")
    if not why and (ours := OUR_COUNTRY.search(parts.s.text)):
        why = f"'{ours.group(0)}' names Ukraine as the speaker's country"
    elif not why and any(p.codes[0].startswith("RU-") for p in parts.places):
        why = "first-person troops holding ground in Russia: Ukraine's"
    return why


#: The article, its spans spoken for a side (:mod:`geo.extract.speaker`) and each
#: sentence's share of them as read so far: per call of extract_claims.
VOICES: ContextVar[tuple[str, tuple[Voice, ...], dict[Sentence, tuple[tuple[int, int, str, str],
                                                                     ...]]]] = ContextVar(
    "voices", default=("", (), {}))


@functools.lru_cache(maxsize=4096)
def _parts_of(s: Sentence, _unit: tuple[str, ...] | None, _side: str | None,
              voices_: tuple[tuple[int, int, str, str], ...] = (),
              _group: tuple[str, ...] | None = None, words_side: str | None = None) -> Parts:
    pl = places_in(s.text)
    country = countries(s.text)
    if voices_ and "our" in s.text:
        # "roughly 19.4 per cent of our territory", said for Ukraine ("of our land" is the
        # country for every speaker already: geo.extract.lexicon)
        country += [(m.start(), m.end()) for m in OUR_COUNTRY.finditer(s.text)
                    if spoken_side(voices_, m.start()) == "UA"
                    and not any(a < m.end() and m.start() < b for a, b in country)]
    figs = figures(s.text)
    if any(f.unit == "percent" for f in figs):
        # "Kyiv controls around 27 per cent and Moscow about 73": the unit said once
        for m in _BARE_SHARE.finditer(s.text):
            if not any(f.start <= m.start("num") < f.end for f in figs):
                q = m.group("q")
                figs.append(Figure(float(m.group("num")), "percent",
                                   QUALIFIER_OF[q.lower()] if q else "exact",
                                   m.start("num"), m.end("num")))
        figs.sort(key=lambda f: f.start)
    for m in _BARE_FROM.finditer(s.text):
        # "400 km² of Kursk, down from some 1,300 at the peak": the unit of the figure before
        before = [f for f in figs if f.end <= m.start()]
        if before and not any(f.start <= m.start("num") < f.end for f in figs):
            q = m.group("q")
            figs.append(Figure(float(m.group("num").replace(",", "")), before[-1].unit,
                               QUALIFIER_OF[q.lower()] if q else "exact",
                               m.start("num"), m.end("num")))
            figs.sort(key=lambda f: f.start)
    sides = actors(s.text, skip=[(p.start, p.end) for p in pl] + country)
    last = LAST_SIDE.get()
    if voices_ or words_side:
        # "We still hold Kramatorsk", "our troops": the speaker's side
        # (geo.extract.speaker), or the side whose words the article uses ("Today our guys
        # hold 76% of Zaporozhye oblast" on a channel writing "Novorossiya", "Orekhov")
        for m in FIRST_PERSON.finditer(s.text):
            side = spoken_side(voices_, m.start()) or words_side
            if side is not None:
                sides.append(Actor(side, m.start(), m.end()))
        sides.sort(key=lambda a: a.start)
    if ("our " in s.text or "Our " in s.text) and (OUR_COUNTRY.search(s.text) or (
            not voices_ and any(p.codes[0].startswith("RU-") for p in pl)
            and not any(p.codes[0].startswith("UA") for p in pl))):
        # "Today we control a little over 80 percent of our country", "Our soldiers still
        # hold about 500 km² of the Kursk region" (holding in Russia): the speaker is
        # Ukraine's, where no speaker's side is known
        for m in FIRST_PERSON.finditer(s.text):
            if not any(a.start <= m.start() < a.end for a in sides):
                sides.append(Actor("UA", m.start(), m.end()))
        sides.sort(key=lambda a: a.start)
    if "enem" in s.text or "adversar" in s.text:
        # "the enemy" is the side the speaker fights: the other side of the speaker's
        # (a quotation's, a turn's: geo.extract.speaker), or of the first side named
        # before it in the sentence ("Ukraine's command said
        # villages are held by the enemy"); unread when neither is known (a side named
        # after it, or in the sentence before, was tried: wrong more often than right)
        ours = _our_place_side(s.text, pl)
        for m in _ENEMY.finditer(s.text):
            spoken = spoken_side(voices_, m.start()) or ours
            if spoken is None and words_side is not None:
                # "One week after russian troops launched a new offensive ..., the enemy
                # controls less than 3%": an article in one side's words speaks for it
                spoken = words_side
            if spoken is None and not any(a.side in ("RU", "UA") and a.end <= m.start()
                                          for a in sides):
                # "By my estimate, the enemy now retains no more than 15% of the DPR" on a
                # channel that writes "Konstantinovka", "Slavyansk": Moscow's side writes
                spoken = words_side
            named = ([spoken] if spoken else
                     [a.side for a in sides if a.side in ("RU", "UA") and a.end <= m.start()])
            if named:
                sides.append(Actor(other_side(named[0]), m.start(1), m.end(1)))
        sides.sort(key=lambda a: a.start)
    if voices_ and ("They " in s.text or "they " in s.text):
        # '"They have a foothold in Dnipropetrovsk region," a Ukrainian brigade officer
        # admitted': "they", first in a speaker's words, is the side the speaker fights
        for m in re.finditer(r"\b[Tt]hey\b", s.text):
            span = next(((a, b, side) for a, b, side, _ in voices_ if a <= m.start() < b), None)
            if span is None or any(a.start <= m.start() < a.end for a in sides):
                continue
            if any(span[0] <= a.start < m.start() for a in sides) or FIRST_PERSON.search(
                    s.text, span[0], m.start()):
                continue  # a side or "we" named before it in the same words
            sides.append(Actor(other_side(span[2]), m.start(), m.end()))
        sides.sort(key=lambda a: a.start)
    if ("its " in s.text or "their " in s.text or "his " in s.text or "Its " in s.text
            or "Their " in s.text or "His " in s.text):
        # "Russia said its troops hold ...", "at year-end its troops held ...": the side
        # named before in the sentence, else the one the sentence before was about
        for m in _POSSESSIVE.finditer(s.text):
            if any(a.start <= m.start() < a.end for a in sides):
                continue
            prior = [a for a in sides if a.end <= m.start() and a.side in ("RU", "UA")]
            if m.group(0)[:3].lower() == "its":
                # "Russia holds ..., according to a Ukrainian open-source tracker, and its
                # troops ...": "its" is a country's, not the source's (a Ukrainian tracker)
                prior = [a for a in prior if not (_ADJECTIVE.fullmatch(s.text, a.start, a.end)
                                                  and _SOURCE_BEFORE.search(
                                                      s.text, max(0, a.start - 40), a.start))]
            side = prior[-1].side if prior else last
            if side is not None:
                sides.append(Actor(side, m.start(), m.end()))
        sides.sort(key=lambda a: a.start)
    persons = [a for a in sides if _PERSON.match(s.text, a.start)
               # not the one talked with: "his phone call with Mr Trump ..., he demanded"
               and not _WITH_PERSON.search(s.text, max(0, a.start - 30), a.start)] if (
        "he " in s.text or "He " in s.text) else []
    if last is not None or persons:
        # "He now wants only the Donbas", "They now control roughly 78 % of it": the side
        # the sentence before was about; "he" after a leader named in the sentence
        # ("Putin once demanded ...; now he wants only Donbas"): the leader's
        for m in _PRONOUN.finditer(s.text):
            if any(a.start <= m.start(1) < a.end for a in sides):
                continue
            led = [a for a in persons if a.end <= m.start(1)]
            side = (led[-1].side if led and m.group(1).lower() in ("he", "she") else last)
            if m.group(1).lower() == "they" and (forces := [
                    a for a in sides if a.end <= m.start(1) and a.side in ("RU", "UA")
                    and (_FORCES.match(s.text, a.start) or _POSSESSIVE.match(s.text, a.start))]):
                # "Russian units have pushed into Sumy region, ..., and they now hold a strip
                # of it", "Russia ..., and its troops have crossed into Dnipropetrovsk region,
                # where they hold a few villages": the forces the sentence named before it
                side = forces[-1].side
            if side is not None:
                sides.append(Actor(side, m.start(1), m.end(1)))
        sides.sort(key=lambda a: a.start)
    return Parts(s, figs, pl, country, sides)


#: A share of each unit, not of them together: "three quarters of each".
_EACH = re.compile(r"\beach\b", re.I)
#: A place's words that list several units: "Zaporizka and Khersonska oblasts".
_LISTED = re.compile(r"\s(?:and|&)\s|,")
#: After the units: taken together ("these four regions combined").
_TOGETHER = re.compile(r"\s+(?:combined|together|taken\s+together|as\s+a\s+whole|in\s+total)\b",
                       re.I)
#: Right before a person: the one talked with ("a call with Mr Trump").
#: Right before a side named by a person: a title and a first name, both optional ("Mr
#: Trump", "President Vladimir Putin", "Donald Trump").
BEFORE_PERSON = r"(?:(?:Mr|Mrs|Ms|President)\.?\s+)?(?-i:[A-Z][a-z]+\s+)?"
_WITH_PERSON = re.compile(r"\bwith\s+" + BEFORE_PERSON + "$", re.I)


def is_rest(p: Place) -> bool:
    """``p`` is "the rest" / "the remainder" of a unit named before."""
    return p.text.lower().startswith(("the rest", "the remainder"))


def first_person(parts: Parts, actor: Actor) -> bool:
    """``actor`` is the speaker's own side ("we", "our troops")."""
    return FIRST_PERSON.fullmatch(parts.s.text[actor.start:actor.end]) is not None


def voice_side(parts: Parts, pos: int) -> str | None:
    """The side of the speaker at ``pos`` of the sentence (:mod:`geo.extract.speaker`)."""
    return spoken_side(_voices_in(parts.s), pos)


def clause_side(parts: Parts, pos: int) -> str | None:
    """The side a pronoun opening a clause at ``pos`` of the sentence refers to ("Russian
    forces opened a new offensive ...; they now hold a strip of Kharkiv region"): the
    forces the sentence named last before it, else the first side it named before it;
    None when it named none (then it is the side of the sentence before)."""
    before = [a for a in parts.actors if a.end <= pos and a.side in ("RU", "UA")
              and not first_person(parts, a)
              and parts.s.text[a.start:a.end].lower() not in ("he", "she", "they", "it")]
    forces = [a for a in before if _FORCES.match(parts.s.text, a.start)
              or _POSSESSIVE.match(parts.s.text, a.start)]
    return forces[-1].side if forces else before[0].side if before else None


def pronoun_side(parts: Parts, actor: Actor) -> bool:
    """``actor`` is a pronoun read as the side of the sentence before ("They")."""
    return parts.s.text[actor.start:actor.end].lower() in ("he", "she", "they", "it")


#: The side the sentence before was about (its first side named), for a pronoun that
#: opens a clause and does something with ground: per call of extract_claims.
LAST_SIDE: ContextVar[str | None] = ContextVar("last_side", default=None)
#: A pronoun opening a sentence or clause, a verb of holding or asking within three words.
_PRONOUN = led(r"(?:^|[;:]\s+|,\s+(?:and\s+|but\s+|when\s+|while\s+|where\s+)?|"
               r"\b(?:and|but|when|while)\s+)[\"“]?((?i:he|she|they|it))"
               r"(?:['’](?:ll|d|s))?\s+(?:[\w-]+\s+){0,3}?"
               r"(?=(?:control|occup|hold|held|seiz|captur|want|demand|insist|seek|sought|"
               r"ask|requir|took|has\s+taken|retain|settle)\w*\b)")


#: A side named by its forces: "they" after them are they.
_FORCES = re.compile(r"(?:Russian|Ukrainian|Moscow['’]s|Kyiv['’]s)\s+(?:troops|forces|units|"
                     r"soldiers|army)\b", re.I)
#: A side named by its leader: "he" after it is the leader.
_PERSON = led(r"(?:Putin|Zelensk|Trump)", re.I)


#: A side named by an adjective alone ("a Ukrainian tracker"), after "according to": a
#: source, no country "its" refers to.
_ADJECTIVE = re.compile(r"(?:Russian|Ukrainian|pro-Russian|pro-Kremlin)", re.I)
#: Right before such an adjective: it names a source ("according to a (Ukrainian) tracker").
_SOURCE_BEFORE = re.compile(r"\baccording\s+to\s+(?:an?\s+|the\s+|one\s+)?(?:[\w-]+\s+){0,2}$",
                            re.I)
#: A side's forces by a possessive: "its troops", "their forces", "his soldiers".
_POSSESSIVE = led(r"\b(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:own\s+)?(?:troops|forces|army|"
                  r"units|soldiers|military)\b")


def _our_place_side(text: str, pl: list[Place]) -> str | None:
    """The speaker's side told by "our" before a region ("the enemy holds 1% of our
    Dnipropetrovsk region": Ukraine's; "of our Kursk region": Russia's), None if none."""
    for p in pl:
        if re.search(r"\bour\s+(?:own\s+)?$", text[max(0, p.start - 10):p.start], re.I):
            return "UA" if p.codes[0].startswith("UA") else "RU"
    return None


#: "the enemy", "enemy forces", "the adversary" (a side by the speaker's side).
_ENEMY = re.compile(r"\b((?:the\s+)?(?:enemy|adversary)(?:\s+(?:forces|troops|army))?)\b")


#: An earlier figure without its unit: "down from some 1,300".
_BARE_FROM = led(
    r"\b(?:up|down)\s+from\s+(?:(?P<q>about|roughly|around|some|nearly|almost|over|more\s+than|"
    r"less\s+than|approximately)\s+)?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b(?![.,]?\d|\s*"
    r"(?:%|per|percent|km|sq|square|thousand|million|billion|years?|days?|troops|soldiers))",
    re.I)
#: A side and a figure without its unit after a share: "and Moscow about 73".
_BARE_SHARE = led(
    r"\b(?:and|while|with|but|whereas)\s+(?:the\s+)?(?:Russia|Moscow|Ukraine|Kyiv|Kremlin|"
    r"(?:Russian|Ukrainian)\s+(?:forces|troops|army))\s+(?:(?:holds?|controls?|has)\s+)?"
    r"(?:(?P<q>about|roughly|around|some|nearly|almost|over|more\s+than|less\s+than|under|"
    r"approximately)\s+)?(?P<num>\d{1,2}(?:\.\d)?)\b(?![.,]?\d|\s*(?:%|per|percent|km|"
    r"sq|square|thousand|million|billion|years?|days?|troops|soldiers))", re.I)


def make_claim(parts: Parts, kind: str, actor: str, regions: tuple[str, ...],
               fig: Figure | None, qualifier: str | None, span: tuple[int, int],
               review: list[str], target: str | None = None) -> ExtractedClaim:
    value = fig.value if fig else None
    unit = fig.unit if fig else ("percent" if qualifier in SHARE_QUALIFIERS else None)
    low = high = None
    if qualifier is not None and (fig is not None or unit == "percent"):
        iv = interval_from_claim(CANONICAL[qualifier], value, unit or "percent")  # type: ignore[arg-type]
        if iv is not None:
            low, high = iv.low, iv.high
    if fig is None:
        unit = None
    if fig is not None and fig.fraction:
        review.append(f"the share was written as a fraction; read as {fig.value:g} %")
    start, end = span
    # "about 80 % of Donbas", "of the four regions": one name for several units, the share
    # of them together
    text = parts.s.text
    combined = (kind == "control_share" and fig is not None and fig.unit == "percent"
                and len(regions) > 1 and not _EACH.search(text, fig.end, end + 12) and any(
                    p.group and set(p.codes) == set(regions) and start <= p.start <= end + 2
                    # one name ("Donbas", "the four regions"), not a list ("Zaporizka and
                    # Khersonska oblasts": of each), unless the words say "combined"
                    and (not _LISTED.search(p.text) or _TOGETHER.match(text, p.end))
                    for p in parts.places))
    if combined:
        review = [*review, f"a share of {' + '.join(regions)} taken together (one name for "
                           "them): checked against their combined area"]
    return ExtractedClaim(kind, actor, regions, value, unit, qualifier, low, high,
                          (parts.s.start + start, parts.s.start + end), parts.s.text,
                          target, tuple(dict.fromkeys(review)), combined=combined)


def places_from(parts: Parts, pos: int, *, limit: int = 40) -> tuple[list[Place], int]:
    """The list of places starting within ``limit`` characters after ``pos``, and the end."""
    text = parts.s.text
    after = [p for p in parts.places if p.start >= pos]
    if not after or after[0].start - pos > limit:
        return [], pos
    out = [after[0]]
    for p in after[1:]:
        if _LIST_GAP.match(text[out[-1].end:p.start]):
            out.append(p)
        else:
            break
    return out, out[-1].end


def codes_of(ps: list[Place]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for p in ps for c in p.codes))


def group_review(ps: list[Place]) -> list[str]:
    return [f"'{p.text}' read as {', '.join(p.codes)}"
            + (", the places listed last before" if _THESE.fullmatch(p.text) else "")
            for p in ps if p.group and ("four" in p.text.lower() or _THESE.fullmatch(p.text))]


def subject(parts: Parts, before: int, *, holders: bool = False) -> str | None:
    subj = [a for a in parts.actors if a.end <= before
            and (not holders or a.side in ("RU", "UA"))]
    fronted = _FRONTED_PHRASE.match(parts.s.text)
    if fronted and not holders and any(a.start >= fronted.end() for a in subj):
        # "In exchange for a Ukrainian withdrawal from Donbas, Moscow could pull ...": the
        # subject comes after the fronted phrase
        subj = [a for a in subj if a.start >= fronted.end()]
    return subj[-1].side if holders and subj else subj[0].side if subj else None


#: A phrase put before the subject: "In exchange for a Ukrainian withdrawal, (Moscow ...)".
_FRONTED_PHRASE = led(r"\W*(?:[\w ,.]{1,25}:\s+)?(?:in\s+(?:exchange|return)\s+for|after|"
                      r"following|unlike|"
                      r"despite|besides|beyond|"
                      # "In talks with a US envoy, Moscow ...", "At a meeting with ..."
                      r"(?:in|at|during)\s+(?:(?:the|a|an|his|her|their|its)\s+)?"
                      r"(?:talks|meeting|call|phone\s+call|summit|conversation|contacts)"
                      r"\s+with|speaking\s+(?:to|with)|addressing)\b[^,;:]{0,140},", re.I)


def other_side(side: str) -> str:
    return "UA" if side != "UA" else "RU"


def negated(text: str, verb: re.Match[str]) -> bool:
    """"would not withdraw", "refuses to cede", "will never give up"; not a negation
    before a colon ("Kyiv's position has not changed: Russia must withdraw ...")."""
    window = text[max(0, verb.start() - 24):verb.start()]
    window = re.split(r"[:;]\s|\s[—–]\s", window)[-1]
    return CUES["negation"].search(window) is not None


SIDE_NAME = {"RU": "Russia", "UA": "Ukraine", "US": "the United States"}


def places_before(parts: Parts, pos: int) -> list[Place]:
    """The list of places that ends just before ``pos`` ("all of X and Y handed over")."""
    text = parts.s.text
    before = [p for p in parts.places if p.end <= pos]
    if not before or not re.fullmatch(r"\s*", text[before[-1].end:pos]):
        return []
    out = [before[-1]]
    for p in reversed(before[:-1]):
        if _LIST_GAP.match(text[p.end:out[0].start]):
            out.insert(0, p)
        else:
            break
    return out


#: "the part of", "the parts of": the part a side still holds, all of it.
_THE_PART = led(r"\b(?:the|those|these|every(?:\s+other)?)\s+(?:remaining\s+)?"
                r"(?:(?:small|few|last)\s+)?"
                r"(?:parts?|areas?|pockets?|bits?|slivers?|strips?|footholds?)\s+of\s+"
                r"(?:the\s+)?(?:(?:eastern|western|southern|northern|neighbou?ring)\s+)?$|"
                # "the temporarily occupied territories of the Zaporizhzhia region"
                r"\bthe\s+(?:temporarily\s+)?occupied\s+(?:territor(?:y|ies)|lands?|"
                r"districts)\s+of\s+(?:the\s+)?$",
                re.I)
#: "the remaining part(s) of": all that is left to the side holding it.
_REMAINING_PART = re.compile(r"(?:\bthe\s+|^|(?<=\sof\s))remaining\s+(?:parts?|areas?|"
                             r"territory)\s+of\s+(?:the\s+)?$",
                             re.I)
#: Right before a place: its capital city is meant ("the regional centres of").
CENTRES_BEFORE = re.compile(r"\bregional\s+(?:centres?|centers?|capitals?)\s+of\s+(?:the\s+)?$",
                            re.I)
#: Right before a place: a side was driven out of it ("driven from most of (Kursk region)").
DRIVEN_FROM = led(r"\b(?:(?:driven|pushed|forced|expelled|ousted|thrown|kicked|cleared|"
                  r"chased|flushed)|(?:drove|drive|drives|driving|pushed|forced|threw|"
                  r"kicked|chased|expelled|ousted)\s+(?:[\w'’-]+\s+){1,3}?)\s*(?:back\s+)?"
                  r"(?:out\s+)?(?:of|from)\s+(?:most\s+of|much\s+of|all\s+of|almost\s+all\s+of|"
                  r"nearly\s+all\s+of|parts?\s+of|the\s+(?:rest|bulk)\s+of|"
                  r"the\s+whole\s+of)?\s*(?:the\s+)?$", re.I)
#: Right before a place: it marks where other ground lies ("near its boundary with the
#: Kharkiv region"), it is not the ground spoken of.
_LANDMARK_BEFORE = led(r"\b(?:(?:border|boundary|frontier)s?\s+with|bordering)\s+"
                       # (or a later place of a list there: "the boundary with the
                       # Kharkiv and Donetsk regions")
                       r"(?:the\s+)?(?:(?-i:[A-Z])[\w'’-]+(?:,\s*|\s+and\s+|\s+or\s+))*$",
                       re.I)


def is_landmark(text: str, p: Place) -> bool:
    """Whether place ``p`` of ``text`` only marks where other ground lies: "(a small part
    of the region) near its boundary with the Kharkiv region"."""
    return ("bo" in text or "fronti" in text) and \
        _LANDMARK_BEFORE.search(text, max(0, p.start - 40), p.start) is not None


#: "the (remaining) Ukrainian-held part of" right before a place: all the side holds there
#: (a demand's ground), naming no amount of the place.
HELD_PART = led(r"\bthe\s+(?:remaining\s+)?(?:Ukrainian|Russian|Kyiv|Moscow)-(?:held|"
                 r"controlled)\s+(?:parts?|areas?|territory)\s+of\s+(?:the\s+)?$", re.I)
#: Right after a place: the side that still holds it ("(the part of Donetsk) that Ukraine
#: still controls", "(..., which) it still holds", "still in Ukrainian hands").
STILL_HELD = led(r"(?:s|\s+(?:region|oblast|province)s?)?\s+(?:that\s+|which\s+)?"
                  r"(?:(?:it|they|we|Kyiv|Kiev|(?:the\s+)?Kiev\s+regime|Ukraine|"
                  r"Ukrainian\s+(?:forces|troops)|Moscow|Russia|"
                  r"Russian\s+(?:forces|troops)|(?:its|their)\s+(?:troops|forces))\s+"
                  r"(?:still\s+|currently\s+|now\s+)?"
                  r"(?:controls?|holds?|occup(?:y|ies)|retains?|(?:has|have)\s+(?:occupied|"
                  r"taken|seized|held|entered|grabbed|captured))|(?:still\s+)?under\s+(?:Ukrainian|Russian|Kyiv['’]s|"
                  r"Moscow['’]s|its|their)\s+control|"
                  # "the parts of the Zaporizhzhia and Kherson regions that remain free"
                  r"(?:still\s+)?remains?\s+(?:free|(?:in\s+Ukrainian|in\s+Kyiv['’]s)\s+hands|"
                  r"under\s+Ukrainian\s+control)|"
                  # "(the part of the Donbas) still in Ukrainian hands"
                  r"still\s+in\s+(?:Ukrainian|Kyiv['’]s|Russian|Moscow['’]s)\s+hands|"
                  # "(those parts of Donetsk) that its army has failed to capture"
                  r"(?:its|their|the\s+Russian|Russia['’]s)\s+(?:army|forces|troops)\s+"
                  r"(?:has|have)\s+(?:failed\s+to|never\s+been\s+able\s+to|not\s+been\s+able\s+to)\s+"
                  r"(?:capture|take|seize|occupy)|"
                  r"(?:its|their)\s+(?:army|forces|troops)\s+(?:has|have)\s+never\s+"
                  r"(?:captured|taken|seized|occupied|entered))\b", re.I)


#: "all but a sliver of", "all but a few villages of": almost all.
_ALL_BUT = led(r"\ball\s+but\s+(?:a|the|some)\s+(?:[\w-]+\s+){0,3}?of\s+(?:the\s+)?$",
               re.I)
#: After places, the part of them along the border: "(Sumy and Kharkiv) border areas".
#: "(pull back) from the border in", "back from the front line in": a strip, not the unit.
_BACK_FROM_LINE = re.compile(r"\b(?:back|away)\s+from\s+the\s+(?:(?:state\s+)?border|frontier|"
                             r"front(?:\s+line)?|line\s+of\s+contact|contact\s+line)\s+"
                             r"(?:in|of|with|along)\s+(?:the\s+)?$", re.I)
_BORDER_AFTER = re.compile(r"(?:\s+(?:regions?|oblasts?))?\s+(?:border|frontier)\s+(?:areas|"
                           r"districts|villages|zones?|strips?)\b", re.I)


def figureless(text: str, start: int, *, default: str | None, end: int | None = None
               ) -> str | None:
    """The qualifier of a place named without a figure, from the words before it (at
    ``start``): "most of" large_part, "parts of" part, "all of" all, else ``default``.
    "The part of Donetsk it still holds" (the words after ``end``) is all of that part."""
    # the words just before it (the patterns end at it; a window cut at a space, so that
    # no word is read from its middle)
    before = text[:start]
    if start > 160:
        cut = text.find(" ", start - 160, start)
        before = text[cut + 1 if cut >= 0 else start - 160:start]
    # 'the entire territory of the so-called "Luhansk People's Republic"': the words before
    before = re.sub(r"(?:so-called\s+)?[\"“'‘]$", "", before)
    before = re.sub(r"so-called\s+$", "", before)
    if end is not None and ("border" in text or "frontier" in text) \
            and _BORDER_AFTER.match(text, end):
        return "part"  # "the Sumy and Kharkiv border areas"
    if ("border" in before or "front" in before or "contact" in before) \
            and _BACK_FROM_LINE.search(before):
        return "part"  # "pull its forces back from the border in Kharkiv and Sumy oblasts"
    if _ALL_BUT.search(before):
        return "all"  # "all but a sliver of the region": almost all, read as all
    if _MOST_BEFORE.search(before):  # before "parts of": "large parts of"
        return "large_part"
    if HELD_PART.search(before) or ("remaining" in before
                                      and _REMAINING_PART.search(before)):
        return "all"  # "the remaining Ukrainian-held part of Donetsk", "the remaining parts of"
    if re.search(r"\bsome\s+(?:of\s+(?:the\s+)?)?$", before, re.I):
        return "part"  # "pull its forces out of some Ukrainian territory in return"
    if _PART_BEFORE.search(before) or _THE_PART.search(before):
        if (end is not None and _THE_PART.search(before) and STILL_HELD.match(text, end)):
            return "all"
        return "part"
    if _ALL_BEFORE.search(before):
        return "all"
    return default
