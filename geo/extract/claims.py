"""Territorial claims in news text, by rules: control shares and areas, demands to cede or
withdraw, offers to withdraw.

Sentence by sentence: the figures, places, sides and cue words are found
(:mod:`geo.extract.lexicon`), then

* a **withdrawal** verb makes a demand (with a demand cue: "demands that Ukraine
  withdraw from ...") or an offer ("willing to pull back from ..."); its places follow
  the verb;
* a **cede** verb with a demand cue makes a demand to cede ("hand over all of Donbas");
  "never give up" makes nothing;
* otherwise a **control** cue makes control claims: each share or area figure bound to
  the places (or the whole country) it is "of", and figure-less ones ("all of Luhansk",
  "smaller parts of Kharkiv", "most of Luhansk", a place as the verb's object).

The holder of a control claim is the side named by the passive ("occupied by
Russia", "in Russian hands") or the subject before the verb. Claims that needed a
guess carry the reasons in ``review``; nothing is marked reviewed here.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from geo.extract.lexicon import CUES, Figure, Place, actors, countries, figures, places
from geo.extract.text import Sentence, check_article, sentences
from geo.intervals import interval_from_claim

__all__ = ["ExtractedClaim", "extract_claims", "claim_from_fields", "KINDS", "CANONICAL",
           "SIDES"]

#: Sides an extracted claim may name.
SIDES = ("RU", "UA", "US")

#: Kinds of extracted claims.
KINDS = ("control_share", "control_area", "demand_cede", "demand_withdraw", "offer_withdraw")
#: Extractor qualifier -> the report format's canonical qualifier (:mod:`geo.intervals`).
CANONICAL = {"over": "more_than", "under": "less_than", "around": "about", "exact": "exact",
             "all": "all", "part": "part", "large_part": "large_part"}

_ALL_BEFORE = re.compile(r"\b(?:(?:almost|nearly|virtually)\s+)?(?:all\s+of|all|the\s+entire|"
                         r"entire|the\s+whole\s+of|the\s+whole|whole|the\s+rest\s+of|"
                         r"rest\s+of)\s+(?:the\s+)?$", re.I)
_PART_BEFORE = re.compile(r"\b(?:smaller\s+parts?\s+of|small\s+parts?\s+of|parts?\s+of|"
                          r"small\s+areas\s+of|areas\s+of|pockets\s+of|a\s+sliver\s+of)\s+"
                          r"(?:the\s+)?$", re.I)
_MOST_BEFORE = re.compile(r"\b(?:most\s+of|much\s+of|the\s+bulk\s+of|large\s+parts\s+of)\s+"
                          r"(?:the\s+)?$", re.I)
_ALMOST = re.compile(r"\b(?:almost|nearly|virtually)\s+all", re.I)
_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+as\s+well\s+as\s+)(?:the\s+)?$",
                       re.I)
_OF_GAP = re.compile(r"^\s+(?:of\s+)?(?:the\s+)?(?:(?:Russia|Ukraine)(?:'s|’s)\s+)?"
                     r"(?:(?:region|oblast)s?\s+of\s+)?$", re.I)
_PASSIVE = re.compile(r"\b(?:by\s+(?:the\s+)?(Russia|Russian|Moscow|Ukraine|Ukrainian|Kyiv)|"
                      r"in\s+(Russian|Ukrainian)\s+hands|under\s+(Russian|Ukrainian)\s+control)",
                      re.I)


@dataclass(frozen=True)
class ExtractedClaim:
    """One territorial claim found in the text.

    ``regions`` are ISO 3166-2 codes (``["UA"]`` for the whole country); ``value`` and
    ``unit`` the figure as written (None for "all of", "parts of"); ``low``/``high`` its
    interval by :mod:`geo.intervals`; ``span`` the [start, end) offsets of the words
    the claim came from; ``review`` why it should be checked by a person (empty: the
    rules had no guess to make -- still unreviewed); ``status`` "earlier" for a demand the
    text says was replaced ("down from his original demand to ...").
    """

    kind: str
    actor: str
    regions: tuple[str, ...]
    value: float | None
    unit: str | None
    qualifier: str | None
    low: float | None
    high: float | None
    span: tuple[int, int]
    sentence: str
    target: str | None = None
    review: tuple[str, ...] = field(default=())
    status: str | None = None

    @property
    def region(self) -> str | None:
        """The one region of the claim, or None when it names several."""
        return self.regions[0] if len(self.regions) == 1 else None

    def as_dict(self) -> dict[str, Any]:
        """The claim as JSON-ready data (the ``frontline extract --json`` record)."""
        return {"kind": self.kind, "actor": self.actor, "target": self.target,
                "region": self.region, "regions": list(self.regions), "value": self.value,
                "unit": self.unit, "qualifier": self.qualifier, "low": self.low,
                "high": self.high, "span": list(self.span), "sentence": self.sentence,
                "review": list(self.review), "status": self.status}


def extract_claims(text: str, *, label: str = "input") -> list[ExtractedClaim]:
    """Every territorial claim of an English news article, in text order.

    Raises
    ------
    ArticleError
        Empty, binary, too large or non-English input (:func:`geo.extract.text.check_article`).
    """
    check_article(text, label=label)
    token = _LAST.set(None)
    try:
        return _article_claims(text)
    finally:
        _LAST.reset(token)


#: A line of a web page around the article, never a claim ("Read also: ...", a
#: breadcrumb, "Most read", a newsletter prompt, share and comment buttons, copyright).
_BOILERPLATE = re.compile(
    r"^\W{0,3}(?:read\s+(?:also|more)|see\s+also|related\b|most\s+(?:read|popular)|"
    r"trending|sign\s+up|subscribe|newsletter|comments?\b|share\b|follow\s+us|"
    r"advertisement|©|copyright|all\s+rights\s+reserved|home\s*[›>»|/])", re.I)


#: Words that take up the ground just named: "these areas make up about 19 % of
#: Ukraine", "together", "the territory it holds".
_AREAS = re.compile(r"\b(?:(?:these|those)\s+(?:areas|territories|regions|lands)|"
                    r"together|the\s+territory\s+(?:it|they)\s+(?:holds?|controls?|occupies)"
                    r"|in\s+all|in\s+total|altogether)\b", re.I)


def _areas_claims(s: Sentence, actor: str) -> list[ExtractedClaim]:
    """A share or area of the country (or of places) for the ground the sentence before
    named, held by the same side."""
    pl = _places(s.text)
    country = countries(s.text)
    parts = _Parts(s, figures(s.text), pl, country,
                   actors(s.text, skip=[(p.start, p.end) for p in pl] + country))
    if not parts.figs:
        return []
    return [c for c in _control(parts, verb=re.match(r"", s.text), holder=actor)
            if c.value is not None]


_LIST_HEAD = re.compile(r"^\W{0,3}(?:related|most\s+(?:read|popular)|trending)\b", re.I)


def _lines_apart(ss: list[Sentence]) -> list[Sentence]:
    """Sentences whose first line is page furniture (a breadcrumb, "Read also"), that
    line set apart from the rest (a headline and a dateline may follow on the next
    lines without a blank line)."""
    out: list[Sentence] = []
    for s in ss:
        while _BOILERPLATE.match(s.text) and "\n" in s.text:
            cut = s.text.index("\n")
            out.append(Sentence(s.text[:cut].rstrip(), s.start))
            rest = s.text[cut + 1:]
            s = Sentence(rest.lstrip(), s.start + cut + 1 + (len(rest) - len(rest.lstrip())))
        out.append(s)
    return out


def _article_claims(text: str) -> list[ExtractedClaim]:
    out: list[ExtractedClaim] = []
    intro: Sentence | None = None
    skipping = False  # the items of a boilerplate list ("Most read:" and its lines)
    for s in _lines_apart(sentences(text)):
        if _BOILERPLATE.match(s.text) or (skipping and (_ITEM.match(s.text)
                                                        or _after_item(text, s))):
            # a furniture line that heads a list ("Most read:", "Related") takes its
            # items along; a breadcrumb or a "Read also" line only itself
            skipping = skipping or bool(_INTRO.search(s.text) or _LIST_HEAD.match(s.text))
            intro = None
            continue
        skipping = False
        named = [p for p in places(s.text) if len(p.codes) == 1]
        item = _ITEM.match(s.text)
        if intro is not None and (item or s.start <= _line_end(text, intro.end) + 1
                                  or _after_item(text, s)):
            out += _item_claims(s, intro, item)
            if named:
                _LAST.set(named[-1].codes)
            continue
        intro = s if _INTRO.search(s.text) else None
        found = _sentence_claims(s)
        if not found and out and _AREAS.search(s.text):
            found = _areas_claims(s, out[-1].actor)
        out += found
        if named:
            _LAST.set(named[-1].codes)
    return out


#: A line that opens a list: it ends with a colon, "including" or "such as".
_INTRO = re.compile(r"(?::|\bincluding|\bsuch\s+as)\s*$", re.I)
#: A list item's marker: a bullet or a number.
_ITEM = re.compile(r"^\s*(?:[-*•·–—]|\d{1,2}[.)])\s+")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _after_item(text: str, s: Sentence) -> bool:
    """``s`` is the next line of a list without markers (no blank line before it and a
    short line, like the lines before it)."""
    i = s.start  # the characters just before it, not a copy of the text before it
    return (i >= 1 and text[i - 1] == "\n" and not (i >= 2 and text[i - 2] == "\n")
            and len(s.text) <= 160 and "\n" not in s.text)


def _item_claims(item: Sentence, intro: Sentence, marker: re.Match[str] | None
                 ) -> list[ExtractedClaim]:
    """Claims of a list item, read with its opening line's holder and verb: "Moscow holds
    roughly a fifth of the country, including:" + "- All of the peninsula"."""
    head = _INTRO.sub("", intro.text).rstrip(" ,")
    verb = None
    for kind in ("withdraw", "cede", "control"):
        verb = verb or CUES[kind].search(head)
    if verb is None:
        return []
    body = item.text[marker.end():] if marker else item.text
    lead = head[:verb.end()]
    joined = Sentence(f"{lead} {body}", 0)
    claims = _sentence_claims(joined)
    start = item.start + (marker.end() if marker else 0)
    return [replace(c, span=(start, item.end), sentence=item.text,
                    review=c.review + (f"a list item, read with its opening line: '{lead} ...'",))
            for c in claims]


def claim_from_fields(*, kind: str, actor: str, regions: str | list[str] | tuple[str, ...],
                      value: float | None, unit: str | None, qualifier: str | None,
                      span: tuple[int, int] = (0, 0), sentence: str = "",
                      target: str | None = None, review: tuple[str, ...] = (),
                      where: str = "claim") -> ExtractedClaim:
    """A claim from edited fields (a person's review), checked, its interval computed
    again. Every problem is named in one :class:`~geo.errors.FrontlineError`."""
    from geo.boundaries import load_unit_table
    from geo.errors import FrontlineError

    codes = tuple(r.strip().upper() for r in (regions.split(",") if isinstance(regions, str)
                                              else regions) if r and r.strip())
    known = set(load_unit_table().index) | {"UA"}
    problems = []
    if kind not in KINDS:
        problems.append(f"kind: expected one of {', '.join(KINDS)}; got {kind!r}")
    if actor not in SIDES:
        problems.append(f"actor: expected one of {', '.join(SIDES)}; got {actor!r}")
    bad = [c for c in codes if c not in known]
    if not codes or bad:
        problems.append(f"regions: expected ISO 3166-2 codes such as UA-14 (or UA for the "
                        f"whole country), comma-separated; got {', '.join(bad) or 'none'}")
    if qualifier is not None and qualifier not in CANONICAL:
        problems.append(f"qualifier: expected one of {', '.join(CANONICAL)} or empty; got "
                        f"{qualifier!r}")
    if unit not in (None, "percent", "km2"):
        problems.append(f"unit: expected percent, km2 or empty; got {unit!r}")
    if value is not None and (value != value or value < 0):
        problems.append(f"value: expected a number of at least 0 or empty; got {value!r}")
    low = high = None
    if not problems and qualifier is not None and (value is not None or qualifier in (
            "all", "part", "large_part")):
        try:
            iv = interval_from_claim(CANONICAL[qualifier], value,
                                     "km2" if unit == "km2" else "percent")
        except FrontlineError as exc:
            problems.append(f"value/qualifier: {exc}")
        else:
            if iv is not None:
                low, high = iv.low, iv.high
    if problems:
        raise FrontlineError(f"{where}: " + "; ".join(problems) + ".")
    return ExtractedClaim(kind, actor, codes, value, unit if value is not None else None,
                          qualifier, low, high, span, sentence, target, review)


# ------------------------------------------------------------------ per sentence
#: "the region", "the oblast": the unit named last before it (anaphora), never "the
#: region of X" (named there) nor a plural.
_ANAPHOR = re.compile(r"\bthe\s+(?:region|oblast|province)(?:'s|’s)?\b(?!\s+of\b)", re.I)
#: The unit the article named last (one ISO code), for "the region" in a later sentence:
#: per call of :func:`extract_claims` (a context variable: threads do not share it).
_LAST: ContextVar[tuple[str, ...] | None] = ContextVar("last_unit", default=None)


def _places(text: str) -> list[Place]:
    """Places of ``text``, with "the region" read as the unit named last before it."""
    found = places(text)
    last = _LAST.get()
    for m in _ANAPHOR.finditer(text):
        before = [p for p in found if p.end <= m.start() and len(p.codes) == 1]
        codes = before[-1].codes if before else last
        if codes and not any(p.start <= m.start() < p.end for p in found):
            found.append(Place(codes, m.start(), m.end(), m.group(0), False))
    return sorted(found, key=lambda p: p.start)

@dataclass
class _Parts:
    s: Sentence
    figs: list[Figure]
    places: list[Place]
    country: list[tuple[int, int]]
    actors: list[Any]


def _sentence_claims(s: Sentence) -> list[ExtractedClaim]:
    text = s.text
    if not (CUES["control"].search(text) or CUES["withdraw"].search(text)
            or CUES["cede"].search(text)):
        return []
    pl = _places(text)
    country = countries(text)
    parts = _Parts(s, figures(text), pl, country,
                   actors(text, skip=[(p.start, p.end) for p in pl] + country))
    if not (pl or country):
        return []
    # every withdrawal and cession verb, each with the places after it ("demanded that Kyiv
    # withdraw from the rest of Donetsk and cede the four regions": two demands)
    verbs = sorted([("withdraw", m) for m in CUES["withdraw"].finditer(text)]
                   + [("cede", m) for m in CUES["cede"].finditer(text)],
                   key=lambda kv: kv[1].start())
    if verbs:
        out: list[ExtractedClaim] = []
        for kind, m in verbs:
            out += _withdrawal(parts, m) if kind == "withdraw" else _cession(parts, m)
        return _earlier(s, out)
    clauses = _clauses(s)
    if len(clauses) == 1:
        return _control(parts)
    found: list[ExtractedClaim] = []
    # Each clause has its own holder ("Moscow holds two-thirds of Zaporizhzhia, while
    # Ukrainian troops occupy 500 km² of Kursk"); one without a verb takes the one before
    # ("Ukrainian forces control 25 % of the region, and Russia about 75 %").
    for clause in clauses:
        cpl = _places(clause.text)
        ccountry = countries(clause.text)
        cparts = _Parts(clause, figures(clause.text), cpl, ccountry,
                        actors(clause.text, skip=[(p.start, p.end) for p in cpl] + ccountry))
        if not (cpl or ccountry):
            continue
        verb = CUES["control"].search(clause.text)
        if verb is None and not any(a.side in ("RU", "UA") for a in cparts.actors):
            continue
        found += _control(cparts, verb=verb)
    return found


#: Words before a demand that make it an earlier one, since replaced ("down from his
#: original demand to hand over ...").
_EARLIER = re.compile(r"\b(?:original|initial|earlier|previous|former|first|once)\b"
                      r"[^.;]{0,30}$", re.I)


def _earlier(s: Sentence, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Claims whose verb an "original", "earlier", "once" comes shortly before: an earlier
    demand, kept with ``status`` "earlier" and said in ``review``."""
    out = []
    for c in claims:
        if _EARLIER.search(s.text[:max(0, c.span[0] - s.start)]):
            c = replace(c, status="earlier",
                        review=c.review + ("an earlier demand, replaced by a later one",))
        out.append(c)
    return out


#: Where a sentence divides into clauses that each name their own holder.
_CLAUSE = re.compile(r",\s+(?:while|whereas|but|and)\s+(?=(?:the\s+)?(?:Russia|Ukraine|Moscow|"
                     r"Kyiv|Kremlin|Russian|Ukrainian)\b)|;\s+|,?\s+(?:while|whereas|even\s+as)"
                     r"\s+", re.I)


def _clauses(s: Sentence) -> list[Sentence]:
    """The sentence's clauses (itself when it has one), with their offsets."""
    out: list[Sentence] = []
    pos = 0
    for m in _CLAUSE.finditer(s.text):
        if m.start() > pos:
            out.append(Sentence(s.text[pos:m.start()], s.start + pos))
        pos = m.end()
    if pos == 0:
        return [s]
    out.append(Sentence(s.text[pos:], s.start + pos))
    return out


def _claim(parts: _Parts, kind: str, actor: str, regions: tuple[str, ...],
           fig: Figure | None, qualifier: str | None, span: tuple[int, int],
           review: list[str], target: str | None = None) -> ExtractedClaim:
    value = fig.value if fig else None
    unit = fig.unit if fig else ("percent" if qualifier in ("all", "part", "large_part")
                                 else None)
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
    return ExtractedClaim(kind, actor, regions, value, unit, qualifier, low, high,
                          (parts.s.start + start, parts.s.start + end), parts.s.text,
                          target, tuple(dict.fromkeys(review)))


def _places_from(parts: _Parts, pos: int, *, limit: int = 40) -> tuple[list[Place], int]:
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


def _codes(ps: list[Place]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for p in ps for c in p.codes))


def _group_review(ps: list[Place]) -> list[str]:
    return [f"'{p.text}' read as {', '.join(p.codes)}" for p in ps if p.group
            and "four" in p.text.lower()]


def _subject(parts: _Parts, before: int, *, holders: bool = False) -> str | None:
    subj = [a for a in parts.actors if a.end <= before
            and (not holders or a.side in ("RU", "UA"))]
    return subj[-1].side if holders and subj else subj[0].side if subj else None


def _other(side: str) -> str:
    return "UA" if side != "UA" else "RU"


def _negated(text: str, verb: re.Match[str]) -> bool:
    """"would not withdraw", "refuses to cede", "will never give up"."""
    return CUES["negation"].search(text[max(0, verb.start() - 24):verb.start()]) is not None


def _demand_sides(parts: _Parts, demand: re.Match[str], verb: re.Match[str],
                  review: list[str]) -> tuple[str, str]:
    """Who demands (named before the demand word) and of whom (named between it and
    the verb: "requires Ukraine to withdraw")."""
    before = [a for a in parts.actors if a.end <= demand.start()]
    between = [a for a in parts.actors if demand.end() <= a.start and a.end <= verb.start()]
    target = between[0].side if between else None
    if before:
        # the one who demands is named last before the demand ("Trump said Putin wants
        # Ukraine to give up ..."; "after a summit with the US president, the Kremlin
        # leader demanded ...")
        actor = before[-1].side
    elif target in ("RU", "UA"):
        actor = _other(target)
        review.append(f"the demanding side is not named; assumed {_NAME[actor]}")
    else:
        actor = "RU"
        review.append("the demanding side is not named; assumed Russia")
    if target is None or target == actor:
        target = "UA" if actor != "UA" else "RU"
    return actor, target


_NAME = {"RU": "Russia", "UA": "Ukraine", "US": "the United States"}


def _withdrawal(parts: _Parts, verb: re.Match[str]) -> list[ExtractedClaim]:
    text = parts.s.text
    if _negated(text, verb):
        return []
    demand = CUES["demand"].search(text[:verb.start()])
    offer = CUES["offer"].search(text[:verb.start()])
    review: list[str] = []
    target: str | None
    qualifier: str | None
    ps, end = _places_from(parts, verb.end(), limit=60)
    if not ps:
        return []
    fig = next((f for f in parts.figs if verb.end() <= f.start < ps[0].start
                and f.unit == "percent"), None)
    first = _subject(parts, verb.start())
    if demand and not (offer and offer.start() > demand.start()):
        actor, target = _demand_sides(parts, demand, verb, review)
        kind = "demand_withdraw"
        qualifier = fig.qualifier if fig else "all"
    elif offer:
        actor = first if first in ("RU", "UA") else "RU"
        if first is None:
            review.append("the side offering is not named; assumed Russia")
        kind, target = "offer_withdraw", None
        qualifier = fig.qualifier if fig else _figureless(text, ps[0].start, default=None)
    else:
        return []
    if fig is None and kind == "demand_withdraw":
        q = _figureless(text, ps[0].start, default="all")
        qualifier = q
    return [_claim(parts, kind, actor, _codes(ps), fig, qualifier, (verb.start(), end),
                   review + _group_review(ps), target)]


def _cession(parts: _Parts, verb: re.Match[str]) -> list[ExtractedClaim]:
    text = parts.s.text
    demand = CUES["demand"].search(text[:verb.start()])
    if not demand or CUES["negation"].search(text[:verb.start()]):
        return []
    ps, end = _places_from(parts, verb.end(), limit=60)
    if not ps:
        return []
    review: list[str] = []
    actor, target = _demand_sides(parts, demand, verb, review)
    q = _figureless(text, ps[0].start, default="all")
    return [_claim(parts, "demand_cede", actor, _codes(ps), None, q, (verb.start(), end),
                   review + _group_review(ps), target)]


def _figureless(text: str, start: int, *, default: str | None) -> str | None:
    before = text[:start]
    if _PART_BEFORE.search(before):
        return "part"
    if _MOST_BEFORE.search(before):
        return "large_part"
    if _ALL_BEFORE.search(before):
        return "all"
    return default


def _holder(parts: _Parts, verb_start: int) -> tuple[str, list[str]]:
    m = _PASSIVE.search(parts.s.text)
    if m:
        word = next(g for g in m.groups() if g).lower()
        return ("RU" if word.startswith(("russia", "moscow")) else "UA"), []
    side = _subject(parts, verb_start, holders=True)
    if side:
        return side, []
    later = [a for a in parts.actors if a.side in ("RU", "UA")]
    if later:
        return later[0].side, ["the holder is named after the verb; check the side"]
    return "RU", ["the holder is not named; assumed Russia"]


def _control(parts: _Parts, *, verb: re.Match[str] | None = None,
             holder: str | None = None) -> list[ExtractedClaim]:
    text = parts.s.text
    verb = verb or CUES["control"].search(text)
    if verb is None:  # a clause that takes its verb from the one before it
        verb = re.match(r"", text)
    assert verb is not None
    actor, why = _holder(parts, verb.start() if verb.end() else len(text))
    if holder is not None:
        actor, why = holder, ["the holder is the one named in the sentence before"]
    out: list[ExtractedClaim] = []
    used: set[int] = set()
    for fig in parts.figs:
        review = list(why)
        ps, end = _of_places(parts, fig)
        if ps:
            used.update(id(p) for p in ps)
            regions = _codes(ps)
            review += _group_review(ps)
        elif _of_country(parts, fig):
            regions, end = ("UA",), _of_country(parts, fig)
        elif fig.unit == "km2" and parts.country:
            regions, end = ("UA",), fig.end
        elif fig.unit == "km2" and not parts.places:
            regions, end = ("UA",), fig.end
            review.append("no place named for the area; read as a national total")
        else:
            continue  # a share of something that is not a place
        kind = "control_share" if fig.unit == "percent" else "control_area"
        out.append(_claim(parts, kind, actor, regions, fig, fig.qualifier,
                          (min(fig.start, verb.start()), end), review))
    for p in parts.places:
        if id(p) in used:
            continue
        q = _figureless(text, p.start, default=None)
        if q is None and _direct_object(text, verb, p):
            q = "all"
        if q is None:
            continue
        review = list(why)
        if q == "all" and _ALMOST.search(text[max(0, p.start - 30):p.start]):
            review.append("'almost all' read as all")
        ps, end = _places_from(parts, p.start, limit=0)
        used.update(id(x) for x in ps)
        out.append(_claim(parts, "control_share", actor, _codes(ps), None, q,
                          (min(p.start, verb.start()), end), review + _group_review(ps)))
    return out


def _direct_object(text: str, verb: re.Match[str], p: Place) -> bool:
    """``p`` is the object of the control verb: "controls Crimea", "occupies the entire
    Crimean peninsula" (nothing but an article or "all"/"entire" between)."""
    gap = text[verb.end():p.start]
    return p.start >= verb.end() and re.fullmatch(r"\s+(?:the\s+)?", gap) is not None


def _of_places(parts: _Parts, fig: Figure) -> tuple[list[Place], int]:
    text = parts.s.text
    after = [p for p in parts.places if p.start >= fig.end]
    if not after or not _OF_GAP.match(text[fig.end:after[0].start]) or \
            "of" not in text[fig.end:after[0].start].lower():
        return [], fig.end
    return _places_from(parts, after[0].start, limit=0)


def _of_country(parts: _Parts, fig: Figure) -> int:
    text = parts.s.text
    for a, b in parts.country:
        if a >= fig.end and re.fullmatch(r"\s*", text[fig.end:a]):
            return b
    return 0
