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
                         r"rest\s+of)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|eastern|western|"
                         r"southern|northern)\s+)?$", re.I)
_PART_BEFORE = re.compile(r"\b(?:(?:smaller\s+parts?\s+of|small\s+parts?\s+of|parts?\s+of|"
                          r"small\s+areas\s+of|areas\s+of|pockets\s+of|a\s+sliver\s+of)\s+"
                          r"(?:the\s+)?|(?:a\s+(?:few|handful\s+of)\s+(?:villages|settlements|"
                          r"hamlets)|a\s+(?:small\s+|narrow\s+|thin\s+)?(?:pocket|foothold|sliver|strip|"
                          r"bridgehead|salient))\s+(?:[\w-]+\s+){0,4}?(?:in|on|of|inside|near|"
                          r"along)\s+"
                          r"(?:the\s+)?(?:(?:Russia|Ukraine)(?:'s|’s)\s+)?)$", re.I)
_MOST_BEFORE = re.compile(r"\b(?:most\s+of|much\s+of|the\s+bulk\s+of|large\s+parts\s+of)\s+"
                          r"(?:the\s+)?(?:(?:neighbou?ring|nearby|eastern|western|southern|"
                          r"northern)\s+)?$", re.I)
_ALMOST = re.compile(r"\b(?:almost|nearly|virtually)\s+all", re.I)
_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+as\s+well\s+as\s+)(?:the\s+)?$",
                       re.I)
_OF_GAP = re.compile(r"^\s+(?:of\s+)?(?:the\s+)?(?:(?:neighbou?ring|nearby|eastern|western|"
                     r"southern|northern|south-eastern|southeastern|north-eastern|"
                     r"northeastern)\s+)?(?:(?:Russia|Ukraine)(?:'s|’s)\s+)?"
                     r"(?:(?:region|oblast)s?\s+of\s+)?$", re.I)
#: Between a place and its figure in a table-like line: "Luhansk — 99%", "Donetsk: about
#: 79%", "Kherson (74%)".
_TABLE_GAP = re.compile(r"^(?:\s+(?:region|oblast|province))?"
                        r"(?:\s*(?:[—–:(-]|--|\.{2,}|…+)|\s*(?=\S*\d))\s*~?\s*"
                        r"(?:(?:about|roughly|around|some|nearly|almost|"
                        r"over|more\s+than|less\s+than|under|just\s+over|just\s+under|"
                        r"an\s+estimated|approximately|close\s+to|at\s+least)\s+)?$", re.I)
#: "the figure", "that share": a figure of the clause before, again.
_FIGURE_ANAPHOR = re.compile(r"\b(?:(?:the|that|this)\s+(?:figure|share|number|proportion|"
                             r"percentage)|the\s+(?:remainder|rest))\b", re.I)
#: An earlier figure given with the current one: "up from 70 % in the spring".
_EARLIER_FIGURE = re.compile(r"\b(?:up|down)\s+from\s+(?:(?:about|roughly|around|some|"
                             r"nearly|almost|just\s+over|just\s+under|more\s+than|less\s+than|"
                             r"an\s+estimated)\s+)?$", re.I)
#: "holds there", "the territory it controls there": the unit named last.
_THERE = re.compile(r"\b(?:holds?|held|controls?|controlled|occup(?:y|ies|ied))\s+(there)\b",
                    re.I)
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
    #: kind "pace" (geo.extract.pace): the period, ISO first and last day (both included),
    #: what the figure is (gained, lost, net) and per what (period, day, week)
    period: tuple[str, str] | None = None
    measure: str | None = None
    per: str | None = None

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
    # "the territory it holds, Crimea included, amounts to 114,000 km²": all its ground
    return [c for c in _control(parts, verb=re.match(r"", s.text), holder=actor,
                                national_area=True)
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
    for s in _heading_lines(_lines_apart(sentences(text))):
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
        intro = s if _INTRO.search(s.text) or _is_heading(s) else None
        found = _sentence_claims(s)
        if not found and out and _AREAS.search(s.text):
            found = _areas_claims(s, out[-1].actor)
        if not found and out and _FIGURE_ANAPHOR.match(s.text.lstrip("\"“ ")):
            found = _figure_again(s, out[-1])
        out += found
        if named:
            _LAST.set(named[-1].codes)
    from geo.extract.pace import with_pace  # it imports this module: imported late

    out = with_pace(text, out)  # claims about pace ("captured 500 km² in October")
    return out


#: A line that opens a list: it ends with a colon, "including" or "such as".
_INTRO = re.compile(r"(?::|\bincluding|\bsuch\s+as)\s*$", re.I)
#: A list item's marker: a bullet or a number.
_ITEM = re.compile(r"^\s*(?:[-*•·–—]|\d{1,2}[.)])\s+")


def _is_heading(s: Sentence) -> bool:
    """A short line without a full stop that names a control, cession or withdrawal and
    heads the lines under it: "Territory occupied by Russia"."""
    return ("\n" not in s.text and len(s.text) <= 80 and not re.search(r"[.!?\"”]\s*$", s.text)
            and any(CUES[k].search(s.text) for k in ("control", "cede", "withdraw"))
            and not figures(s.text))


def _heading_lines(ss: list[Sentence]) -> list[Sentence]:
    """A sentence that is a heading line and short lines under it (no full stop between
    them), as one sentence a line."""
    out: list[Sentence] = []
    for s in ss:
        lines = s.text.split("\n")
        if len(lines) > 1 and _is_heading(Sentence(lines[0], s.start)) and all(
                len(line) <= 160 for line in lines[1:]):
            pos = s.start
            for line in lines:
                if line.strip():
                    out.append(Sentence(line, pos))
                pos += len(line) + 1
            continue
        out.append(s)
    return out


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
    passive = _PASSIVE.search(head)
    if passive and passive.start() >= verb.end() and CUES["control"].search(lead):
        # "Territory occupied by Russia": the holder comes after the verb the items take
        pl = _places(joined.text)
        country = countries(joined.text)
        parts = _Parts(joined, figures(joined.text), pl, country,
                       actors(joined.text, skip=[(p.start, p.end) for p in pl] + country))
        side, _ = _holder(_Parts(Sentence(head, 0), [], [], [], []), len(head))
        claims = _control(parts, holder=side, holder_review=[]) if pl or country else []
    else:
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
    for m in _THERE.finditer(text):
        before = [p for p in found if p.end <= m.start() and len(p.codes) == 1]
        codes = before[-1].codes if before else last
        if codes:
            found.append(Place(codes, m.start(1), m.end(1), m.group(1), False))
    return sorted(found, key=lambda p: p.start)


def _there(p: Place) -> bool:
    return p.text.lower() == "there"

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
            or CUES["cede"].search(text) or CUES["demand"].search(text)):
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
        if out:
            # "... cede the rest of Donetsk, where Ukraine still holds about 30 % of the
            # region": the relative clause states control of its own
            where = _WHERE.search(text)
            if where and where.start() > verbs[-1][1].end():
                sub = Sentence(text[where.end():], s.start + where.end())
                _LAST.set(out[-1].regions if len(out[-1].regions) == 1 else _LAST.get())
                out += [c for c in _sentence_claims(sub) if c.kind.startswith("control")]
            return _earlier(s, out)
        if not CUES["control"].search(text):
            return []
        # no demand or offer after all ("we hold a quarter of Donetsk and will not
        # leave it"): read it as a statement of control, of ground other than what the
        # verbs name
        objects = {p.start for _, m in verbs for p in _places_from(parts, m.end(), limit=60)[0]}
        return [c for c in _control(parts) if c.span[0] - s.start not in objects]
    bare = _bare_demands(parts)
    if bare:
        return _earlier(s, bare)
    if not CUES["control"].search(text):
        return []
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
        named = [p for p in cpl if len(p.codes) == 1 and not _there(p)]
        if named:  # "the region" in the next clause is the unit named last
            _LAST.set(named[-1].codes)
        if not (cpl or ccountry):
            found += _elliptic(cparts, found)
            continue
        verb = CUES["control"].search(clause.text)
        if verb is None and not any(a.side in ("RU", "UA") for a in cparts.actors):
            continue
        found += _control(cparts, verb=verb)
    return found


#: A demand word with the ground right after it, no verb of cession: "the Kremlin now seeks
#: only Luhansk and Donetsk", "Moscow wants all of Donbas".
_BARE_DEMAND = re.compile(r"\b(?:wants?|wanted|seeks?|sought|demand(?:s|ed|ing)?|insist(?:s|ed)?"
                          r"\s+on)\s+(?:only\s+)?(?:(?:all|the\s+whole|the\s+rest|control)\s+"
                          r"of\s+)?(?:the\s+)?$", re.I)


def _bare_demands(parts: _Parts) -> list[ExtractedClaim]:
    """Ground named right after a demand word, asked for as it is (a cession)."""
    text = parts.s.text
    out: list[ExtractedClaim] = []
    for p in parts.places:
        m = _BARE_DEMAND.search(text[max(0, p.start - 60):p.start])
        if m is None or (out and p.start < out[-1].span[1] - parts.s.start):
            continue
        start = max(0, p.start - 60) + m.start()
        if CUES["negation"].search(text[max(0, start - 24):start]):
            continue
        ps, end = _places_from(parts, p.start, limit=0)
        actors_before = [a for a in parts.actors if a.end <= start]
        if not actors_before:
            continue
        actor = actors_before[-1].side
        if actor not in ("RU", "UA"):
            continue
        out.append(_claim(parts, "demand_cede", actor, _codes(ps), None,
                          _figureless(text, p.start, default="all"), (start, end),
                          ["a demand for the ground itself, no verb of cession: read as a "
                           "demand to cede it"] + _group_review(ps), _other(actor)))
    return out


#: Words that make a figure given with "the figure" an earlier one.
_THEN = re.compile(r"\b(?:compares?\s+with|compared\s+with|up\s+from|down\s+from|a\s+year\s+"
                   r"(?:earlier|ago|before)|at\s+the\s+(?:start|beginning|end)\s+of|was|stood\s+at)"
                   r"\b", re.I)


def _figure_again(s: Sentence, last: ExtractedClaim) -> list[ExtractedClaim]:
    """A sentence that opens on "The figure" / "That share" and gives another figure of the
    ground the claim before named: "The figure compares with about two-thirds of the
    region at the start of 2024" (an earlier figure, marked so)."""
    if not last.kind.startswith("control"):
        return []
    pl = _places(s.text)
    parts = _Parts(s, figures(s.text), pl, [], [])
    out = []
    for fig in parts.figs:
        if fig.unit != (last.unit or "percent"):
            continue
        ps, _ = _of_places(parts, fig)
        regions = _codes(ps) if ps else last.regions
        earlier = _THEN.search(s.text) is not None
        c = _claim(parts, last.kind, last.actor, regions, fig, fig.qualifier,
                   (fig.start, fig.end), [f"'the figure' is the one of the claim before "
                                          f"({', '.join(last.regions)})"])
        out.append(replace(c, status="earlier") if earlier else c)
    return out


def _elliptic(parts: _Parts, before: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """A clause with a figure and no place, of the ground the clause before named:
    "Ukrainian forces control 25 % of the region, and Russia about 75 %"; "Russia held 27 %
    of Ukraine; today the figure is closer to 19 %". Its holder is the side it names, else
    the one before."""
    holders = [a.side for a in parts.actors if a.side in ("RU", "UA")]
    if not before or not parts.figs or not (holders or _FIGURE_ANAPHOR.search(parts.s.text)):
        return []
    last = before[-1]
    if not last.kind.startswith("control"):
        return []
    out = []
    for fig in parts.figs:
        if fig.unit != last.unit:
            continue
        kind = "control_share" if fig.unit == "percent" else "control_area"
        out.append(_claim(parts, kind, holders[0] if holders else last.actor, last.regions, fig,
                          fig.qualifier, (fig.start, fig.end),
                          [f"no place in this clause: the ground of the clause before "
                           f"({', '.join(last.regions)})"]))
    return out


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
    of = re.match(r"\s+of\s+(?:the\s+|all\s+)?", parts.s.text[verb.end():])
    if target is None and of:
        # "the withdrawal of Russian forces from ...": whose forces leave
        whose = [a for a in parts.actors if a.start == verb.end() + of.end()]
        if whose and whose[0].side in ("RU", "UA"):
            target = whose[0].side
            if not before:
                review.append(f"the demanding side is not named; read as the other side "
                              f"of {_NAME[target]}, whose forces would leave")
                return _other(target), target
    by = _DEMAND_BY.match(parts.s.text, demand.end())
    if by:
        # "a demand from Moscow that ...", "the demand voiced by the Russian side"
        named = [a for a in parts.actors if by.start() <= a.start < by.end() + 2]
        if named:
            actor = named[0].side
            rest = [a for a in between if a.start >= by.end()]
            target = rest[0].side if rest else None
            if target is None or target == actor:
                target = _other(actor)
            return actor, target
    if demand.group(0).lower() in ("must", "has to", "have to") and before:
        # "Ukrainian forces must quit the Donbas": who must is the target; the author is
        # the other side (named or not)
        target = before[-1].side
        if target in ("RU", "UA"):
            review.append(f"'{demand.group(0)}' read as the other side's demand of "
                          f"{_NAME[target]}")
            return _other(target), target
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
#: After a demand word, who made it: "a demand from Moscow", "voiced by the Russian side".
_DEMAND_BY = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:from|by)\s+(?:the\s+)?(?=[A-Z])")


def _withdrawal(parts: _Parts, verb: re.Match[str]) -> list[ExtractedClaim]:
    text = parts.s.text
    if _negated(text, verb):
        return []
    if verb.group(0).lower().startswith("leav"):
        # "leave Donetsk", "leave the rest of Donetsk"; never "leave the Donetsk question
        # open", "leaving the fate of the region to talks"
        nxt = [p for p in parts.places if p.start >= verb.end()]
        if not nxt or not re.fullmatch(r"\s+(?:all\s+of\s+)?(?:the\s+)?(?:(?:rest|remainder|"
                                       r"whole)\s+of\s+(?:the\s+)?)?(?:entire\s+)?",
                                       text[verb.end():nxt[0].start], re.I) \
                or re.match(r"\s+(?:question|issue|problem|fate|talks|dispute)\b",
                            text[nxt[0].end:], re.I):
            return []
    demand = CUES["demand"].search(text[:verb.start()])
    offer = CUES["offer"].search(text[:verb.start()])
    review: list[str] = []
    target: str | None
    qualifier: str | None
    ps, end = _places_from(parts, verb.end(), limit=60)
    country = [c for c in parts.country if 0 <= c[0] - verb.end() <= 60]
    if not ps and country:
        # "the full withdrawal of Russian troops from Ukraine's internationally
        # recognised territory": the whole country
        ps = [Place(("UA",), country[0][0], country[0][1],
                    text[country[0][0]:country[0][1]], False)]
        end = country[0][1]
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
        # "pull all of its troops out of ...": all of the ground held there
        every = re.search(r"\ball\b", text[verb.start():ps[0].start], re.I) is not None
        qualifier = fig.qualifier if fig else _figureless(text, ps[0].start,
                                                          default="all" if every else None)
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
    span_start = verb.start()
    if not ps and _PARTICIPLE.match(verb.group(0)):
        # "wanted all of Zaporizhzhia and Kherson handed over"
        ps = _places_before(parts, verb.start())
        span_start, end = (ps[0].start, verb.end()) if ps else (span_start, end)
    if not ps:
        return []
    review: list[str] = []
    actor, target = _demand_sides(parts, demand, verb if span_start == verb.start() else
                                  _AT.match(text, ps[0].start) or verb, review)
    # "give up the roughly 6,600 square kilometres of Donetsk it still holds"
    fig = next((f for f in parts.figs if verb.end() <= f.start < ps[0].start), None)
    q = fig.qualifier if fig else _figureless(text, ps[0].start, default="all")
    return [_claim(parts, "demand_cede", actor, _codes(ps), fig, q, (span_start, end),
                   review + _group_review(ps), target)]


#: A cession verb as a participle after the ground it names: "Kherson handed over".
_PARTICIPLE = re.compile(r"(?:handed\s+over|ceded|given\s+up|surrendered|relinquished)$", re.I)
_AT = re.compile(r"")


def _places_before(parts: _Parts, pos: int) -> list[Place]:
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


def _figureless(text: str, start: int, *, default: str | None) -> str | None:
    before = text[:start]
    if _MOST_BEFORE.search(before):  # before "parts of": "large parts of"
        return "large_part"
    if _PART_BEFORE.search(before):
        return "part"
    if _ALL_BEFORE.search(before):
        return "all"
    return default


#: Between a side's speakers and a control verb: "Ukrainian officials say it now (controls)".
_SAY_IT = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:officials|sources|analysts|authorities|"
                     r"commanders|officers|bloggers|media|experts|observers|intelligence)\s+"
                     r"(?:say|said|believe|believes|estimate|claim|claimed|report|reported|"
                     r"think)\s+(?:that\s+)?(?:it|the\s+enemy)\s+(?:\w+\s+)?$", re.I)


def _holder(parts: _Parts, verb_start: int) -> tuple[str, list[str]]:
    m = _PASSIVE.search(parts.s.text)
    if m:
        word = next(g for g in m.groups() if g).lower()
        return ("RU" if word.startswith(("russia", "moscow")) else "UA"), []
    side = _subject(parts, verb_start, holders=True)
    if side:
        subj = [a for a in parts.actors if a.end <= verb_start and a.side == side][-1]
        if _SAY_IT.match(parts.s.text[subj.end:verb_start]):
            # "Ukrainian officials say it now controls ...": the speakers' side reports
            # what the other one holds
            return _other(side), [f"'it' after a statement by {_NAME[side]}'s officials "
                                  f"read as {_NAME[_other(side)]}"]
        return side, []
    later = [a for a in parts.actors if a.side in ("RU", "UA")]
    if later:
        return later[0].side, ["the holder is named after the verb; check the side"]
    return "RU", ["the holder is not named; assumed Russia"]


def _control(parts: _Parts, *, verb: re.Match[str] | None = None,
             holder: str | None = None, holder_review: list[str] | None = None,
             national_area: bool = False) -> list[ExtractedClaim]:
    text = parts.s.text
    verb = verb or CUES["control"].search(text)
    if verb is None:  # a clause that takes its verb from the one before it
        verb = re.match(r"", text)
    assert verb is not None
    actor, why = _holder(parts, verb.start() if verb.end() else len(text))
    if holder is not None:
        actor, why = holder, (holder_review if holder_review is not None
                              else ["the holder is the one named in the sentence before"])
    out: list[ExtractedClaim] = []
    used: set[int] = set()
    for fig in parts.figs:
        review = list(why)
        if _EARLIER_FIGURE.search(text[:fig.start]) and out and out[-1].unit == fig.unit:
            # "72 % of the region, up from 70 % in the spring": the same ground, earlier
            last = out[-1]
            out.append(replace(
                _claim(parts, last.kind, last.actor, last.regions, fig, fig.qualifier,
                       (fig.start, fig.end), [*review, "an earlier figure, given with the "
                                              "current one"]), status="earlier"))
            continue
        ps, end = _of_places(parts, fig)
        if not ps:
            ps, end = _table_place(parts, fig)
            if ps:
                review.append(f"a table-like line: '{ps[0].text}' and its figure")
        if not ps and parts.places and _FRONTED.search(text[:parts.places[0].start]) \
                and _FRONTED_AFTER.match(text, parts.places[0].end) \
                and fig.start > parts.places[0].end:
            # "Of the Kherson region, Kyiv controls around 27 per cent"
            ps, end = [parts.places[0]], fig.end
            review.append(f"the place is named first: '{text[:parts.places[0].end]}'")
        if not ps:
            there = [p for p in parts.places if _there(p)]
            if there and fig.unit == "km2":
                ps, end = there[:1], max(fig.end, there[0].end)
                review.append(f"'there' read as {', '.join(there[0].codes)}, named before")
        if ps:
            used.update(id(p) for p in ps)
            regions = _codes(ps)
            review += _group_review(ps)
        elif _of_country(parts, fig):
            regions, end = ("UA",), _of_country(parts, fig)
        elif fig.unit == "km2" and parts.country:
            regions, end = ("UA",), fig.end
        elif fig.unit == "km2" and (not parts.places or national_area):
            regions, end = ("UA",), fig.end
            review.append("no place named for the area; read as a national total")
        else:
            continue  # a share of something that is not a place
        kind = "control_share" if fig.unit == "percent" else "control_area"
        out.append(_claim(parts, kind, actor, regions, fig, fig.qualifier,
                          (min(fig.start, verb.start()), end), review))
    for p in parts.places:
        if id(p) in used or _there(p):
            continue
        q = _figureless(text, p.start, default=None)
        if q is None and _direct_object(text, verb, p):
            q = "all"
        after = _HELD_AFTER.match(text, _places_from(parts, p.start, limit=0)[1])
        if q is None and after:
            # "Crimea ... remains entirely under Russian control"
            q = "part" if after.group(1) else "all"
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
    return p.start >= verb.end() and re.fullmatch(r"\s+(?:only\s+|fully\s+|now\s+)?(?:the\s+)?",
                                                  gap, re.I) is not None


def _of_places(parts: _Parts, fig: Figure) -> tuple[list[Place], int]:
    text = parts.s.text
    after = [p for p in parts.places if p.start >= fig.end]
    if not after:
        return [], fig.end
    gap = text[fig.end:after[0].start]
    # "600 km² in the Kursk region" (an area lies in a place; a share is of one)
    inside = fig.unit == "km2" and _IN_GAP.match(gap) is not None
    if not inside and (not _OF_GAP.match(gap) or "of" not in gap.lower()):
        return [], fig.end
    return _places_from(parts, after[0].start, limit=0)


#: A place as the subject of its holding: "(Crimea) remains entirely under Russian control",
#: "(Luhansk) is occupied by Russia", "(Kherson) is partly occupied".
_HELD_AFTER = re.compile(r"(?:\s*,[^,]{0,50},)?\s+(?:remains|is|are|has\s+been|have\s+been|"
                         r"was|were)\s+(?:now\s+|still\s+)?(?:(partly|partially|in\s+part)\s+|"
                         r"(?:entirely|fully|completely|wholly|almost\s+entirely)\s+)?"
                         r"(?:under\s+(?:russian|ukrainian)\s+(?:control|occupation)|occupied|"
                         r"held|controlled)\b", re.I)
_WHERE = re.compile(r",\s+where\s+", re.I)
_FRONTED = re.compile(r"(?:^|,\s*)\W*(?:of|in)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|eastern|"
                      r"western|southern|northern)\s+)?$", re.I)
_FRONTED_AFTER = re.compile(r"(?:\s+(?:region|oblast|province))?\s*,")
_IN_GAP = re.compile(r"^\s+(?:in|inside|within)\s+(?:the\s+)?(?:(?:Russia|Ukraine)(?:'s|’s)\s+)?$",
                     re.I)


def _table_place(parts: _Parts, fig: Figure) -> tuple[list[Place], int]:
    """The place a figure follows in a table-like line ("Luhansk — 99%")."""
    before = [p for p in parts.places if p.end <= fig.start]
    if before and _TABLE_GAP.match(parts.s.text[before[-1].end:fig.start]):
        return [before[-1]], fig.end
    return [], fig.end


def _of_country(parts: _Parts, fig: Figure) -> int:
    text = parts.s.text
    for a, b in parts.country:
        if a >= fig.end and re.fullmatch(r"\s*", text[fig.end:a]):
            return b
    return 0
