"""Territorial claims in news text, by rules: control shares and areas, demands to cede or
withdraw, offers to withdraw -- the article as a whole.

:func:`extract_claims` reads the article's structure: page furniture ("Read also",
"Most read" and its items) yields nothing; tables are read by their header
(:mod:`geo.extract.tables`); a line that opens a list (a colon, "including", a heading
such as "Territory occupied by Russia") lends its holder and verb to the items under it,
unless an item is a sentence of its own; list lines that name a place and its figure
after a statement of control ("- Luhansk: 99%") take its holder; an answer is read with
its question ("How much of Ukraine does Russia occupy?"); "these areas", "That includes",
"the territory it holds" and "The figure ..." take up the ground just named; "the region"
is the unit named last, and "They" at the head of a clause the side the sentence before
named first. Each sentence is read by :mod:`geo.extract.sentence` (control in
:mod:`geo.extract.control`, demands and offers in :mod:`geo.extract.demands`, over the
parts of :mod:`geo.extract.parts`), and the pace claims of :mod:`geo.extract.pace` are
added.

The holder of a control claim is the side named by the passive ("occupied by
Russia", "in Russian hands") or the subject before the verb. Claims that needed a
guess carry the reasons in ``review``; nothing is marked reviewed here. Percent are
shares of the named units or of Ukraine (``UA``); areas are km².
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from geo.extract.asserted import (
    GAIN_TIME,
    OTHER_MEASURE,
    UNITS_SIZE,
    asserted,
    checked_false,
    mark_dated_lines,
    mark_past,
    region_size,
)
from geo.extract.control import (
    GAINED,
    LABEL_AMOUNT,
    PASSIVE,
    control_claims,
    fronted_places,
    holder_of,
    of_places,
)
from geo.extract.demands import BARE_CESSION
from geo.extract.extent import nearly_whole, unstated_parts
from geo.extract.learned import learned_claims
from geo.extract.lexicon import CHANGED_BY, CUES, actors, cue, figures, official_areas, places
from geo.extract.liberated import liberated_claims
from geo.extract.model import ExtractedClaim
from geo.extract.parts import (
    LAST_GROUP,
    LAST_REPUBLIC,
    LAST_SIDE,
    LAST_UNIT,
    SIDE_NAME,
    STILL_HELD,
    VOICES,
    Parts,
    codes_of,
    first_person,
    is_landmark,
    make_claim,
    other_side,
    parts_of,
    places_from,
    places_in,
    remember_group,
)
from geo.extract.patterns import led
from geo.extract.remnant import remnant_claims
from geo.extract.sentence import FIGURE_ANAPHOR, sentence_claims
from geo.extract.speaker import FIRST_PERSON, voice_at, voices
from geo.extract.status import declared, status_claims
from geo.extract.tables import fields, mask_spans, mask_tables, table_claims, tables
from geo.extract.text import Sentence, article_date, check_article, sentences, unwrapped
from geo.intervals import interval_from_claim

__all__ = ["extract_claims"]


def extract_claims(text: str, *, label: str = "input") -> list[ExtractedClaim]:
    """Every territorial claim of an English news article, in text order.

    Raises
    ------
    ArticleError
        Empty, binary, too large or non-English input (:func:`geo.extract.text.check_article`).
    """
    check_article(text, label=label)
    text = unwrapped(text)  # "three\nquarters of Zaporizhzhia": one sentence's words
    token, side = LAST_UNIT.set(None), LAST_SIDE.set(None)
    group, republic = LAST_GROUP.set(None), LAST_REPUBLIC.set(None)
    spoken = VOICES.set((text, voices(text), {}))
    try:
        return nearly_whole(text, unstated_parts(text, _without_parts_figured(
            _article_claims(text))))
    finally:
        LAST_UNIT.reset(token)
        LAST_GROUP.reset(group)
        LAST_REPUBLIC.reset(republic)
        LAST_SIDE.reset(side)
        VOICES.reset(spoken)


#: A line of a web page around the article, never a claim ("Read also: ...", a
#: breadcrumb, "Most read", a newsletter prompt, share and comment buttons, copyright).
_BOILERPLATE = led(
    r"^\W{0,3}(?:read\s+(?:also|more)|see\s+also|related\b|most\s+(?:read|popular)|"
    r"trending|sign\s+up|subscribe|newsletter|comments?\b|follow\s+us|"
    r"share(?:\s+(?:this|on|via|the|article|story|page)\b|\s*[:|]|\s*$)|"
    r"advertisement|©|copyright|all\s+rights\s+reserved|home\s*[›>»|/]|"
    # "Tags: Kherson, Kherson Oblast, Mykolaiv Oblast", "Filed under: ...", "Topics: ..."
    r"tags?\s*:|topics?\s*:|filed\s+under\b|more\s+on\s*:)", re.I)


#: Words that take up the ground just named: "these areas make up about 19 % of
#: Ukraine", "together", "the territory it holds".
_AREAS = led(r"\b(?:(?:these|those)\s+(?:areas|territories|regions|lands)|"
             r"together|the\s+territory\s+(?:it|they)\s+(?:holds?|controls?|occupies)"
             r"|in\s+all|in\s+total|altogether|(?:this|that|which)\s+(?:is\s+)?"
             r"(?:equivalent|equal|equals|amounts|represents|accounts|corresponds|"
             r"makes\s+up|comes\s+to)|(?:that|this|which|it|the\s+(?:figure|share|number|"
             r"total))(?:'s|’s|\s+is|\s+was|\s+stands\s+at)\s+(?:now\s+)?(?=(?:about|"
             r"roughly|around|some|nearly|almost|just|more|less|over|under|~|\d)))", re.I)


#: Another source's figure for the ground just named: "Russia's General Staff gave a
#: smaller figure, saying Ukrainian units held no more than 500 square kilometers".
_OTHER_FIGURE = led(r"\b(?:(?:gave|gives|put\s+forward|cited|cites|offered)\s+(?:a|an|its\s+"
                    r"own)\s+(?:(?:much|far|slightly)\s+)?(?:smaller|larger|lower|higher|"
                    r"different|bigger)\s+(?:figure|estimate|number)|"
                    # "Ukrainian officials put the figure at about 73 percent"
                    r"put(?:s|ting)?\s+(?:the|that|this|its|their)\s+(?:own\s+|real\s+|true\s+|"
                    r"actual\s+|correct\s+)?"
                    r"(?:figure|share|number|total|estimate)\s+"
                    # "put the figure lower, at about 77%"
                    r"(?:(?:(?:much|slightly|far|a\s+little|somewhat)\s+)?(?:lower|higher|"
                    r"smaller|larger)\s*,?\s+)?(?:at|closer\s+to|nearer(?:\s+to)?|"
                    # "Russian officers put the figure below 500 sq km"
                    r"below|above|under|over|"
                    r"as\s+(?:high|low)\s+as)|"
                    # "Ukraine's General Staff says the real figure is about 90 km²" (a
                    # source's own; not a fact-checker's "The correct figure is ...")
                    r"(?:says?|said|insists?|insisted|argues?|argued|counters?|countered)\s+"
                    r"(?:that\s+)?(?:the|its|their)\s+(?:real|true|actual|correct)\s+(?:figure|"
                    r"share|number|total)\s+(?:is|was|stands\s+at))\b", re.I)
#: "The figure of 90% appears to have been invented": a figure called made up.
_MADE_UP = re.compile(r"\b(?:invented|made\s+up|fabricated|false|fake|untrue|wrong|baseless|"
                      r"(?:has|had)\s+no\s+basis)\b", re.I)


#: The country's own size: "Ukraine is (more than 600,000 km²)", "the country covers".
_COUNTRY_SIZE = re.compile(r"\b(?:Ukraine|the\s+country)\s+(?:as\s+a\s+whole\s+)?(?:is|covers|"
                           r"spans|measures|has\s+(?:an\s+)?(?:total\s+)?area\s+of)\b", re.I)


def _held_by(c: ExtractedClaim) -> tuple[str, list[str] | None]:
    """The side holding the ground ``c`` named, for a figure of it in the next sentence:
    the one asked to withdraw from or cede what it still holds ("Putin wants Ukraine to
    pull its troops out of the part of the Donetsk region that Ukraine still controls.
    That is about a quarter of the region"), else ``c``'s own side; and the reason, when
    it is not ``c``'s side."""
    if c.kind in ("demand_withdraw", "demand_cede") and c.actor in ("RU", "UA") \
            and STILL_HELD.search(c.sentence):
        side = other_side(c.actor)
        return side, [f"held by {SIDE_NAME[side]}, the side the demand before asks to give up "
                      "the ground it still holds"]
    return c.actor, None


def _areas_claims(s: Sentence, actor: str, why: list[str] | None = None
                  ) -> list[ExtractedClaim]:
    """A share or area of the country (or of places) for the ground the sentence before
    named, held by the same side."""
    parts = parts_of(s)
    if not parts.figs or _COUNTRY_SIZE.search(s.text) or UNITS_SIZE.search(s.text) \
            or region_size(s.text):
        # "Ukraine is more than 600,000 square kilometres in total", "The four regions
        # together cover about 109,000 sq km": their size, not what is held
        return []
    # "the territory it holds, Crimea included, amounts to 114,000 km²": all its ground
    return [c for c in control_claims(parts, verb=re.match(r"", s.text), holder=actor,
                                      holder_review=why, national_area=True)
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


def _article_claims(original: str) -> list[ExtractedClaim]:
    # a field line ("Russian-held territory in Ukraine: 115,900 km² (19.2%)") and a table
    # are read by their labels, rows and columns (geo.extract.tables), never as prose
    found_fields = fields(original) + _position_lines(original)
    text = mask_spans(original, [span for span, _ in found_fields]) if found_fields \
        else original
    found_tables = tables(text)
    text = mask_tables(text, found_tables) if found_tables else text
    out: list[ExtractedClaim] = []
    # the rules' claims so far: what a list line or "the figure" takes up is the last of
    # these, never a claim of the learned reader (which could change what the rules read)
    ruled: list[ExtractedClaim] = []
    intro: Sentence | None = None
    skipping = False  # the items of a boilerplate list ("Most read:" and its lines)
    question: re.Match[str] | None = None  # "How much of Ukraine does Russia occupy?"
    asker: str | None = None  # the side of the question's speaker
    ss = _heading_lines(_lines_apart(sentences(text)))
    voice = None  # the speaker of the sentence before (geo.extract.speaker)
    for i, s in enumerate(ss):
        after = ss[i + 1] if i + 1 < len(ss) else None
        now = voice_at(VOICES.get()[1], s.start)
        if now is not None and now != voice:
            # a new speaker: "they" is the side the speaker fights, until a side is named
            LAST_SIDE.set(other_side(now.side))
        voice = now
        if _BOILERPLATE.match(s.text) or (skipping and (_ITEM.match(s.text)
                                                        or _after_item(text, s))):
            # a furniture line that heads a list ("Most read:", "Related") takes its
            # items along; a breadcrumb or a "Read also" line only itself
            skipping = skipping or bool(_INTRO.search(s.text[-24:]) or _LIST_HEAD.match(s.text))
            intro = None
            continue
        skipping = False
        named = [p for p in places(s.text) if len(p.codes) == 1
                 and not is_landmark(s.text, p)]
        item = _ITEM.match(s.text)
        if intro is not None and (item or s.start <= _line_end(text, intro.end) + 1
                                  or _after_item(text, s)):
            got = _item_claims(s, intro, item)
            if not got and ruled and ruled[-1].kind.startswith("control"):
                got = _continued(s, ruled[-1])  # "Key judgements:" + "- Kherson: 73%"
            got, every = _read_on(s, after, got)
            ruled += got
            out += every
            _remember_side(s)  # (first: the sentence's parts are still those read)
            if named:
                LAST_UNIT.set(named[-1].codes)
            remember_group(s.text)
            continue
        # (the end of the line only: the pattern ends there)
        intro = s if _INTRO.search(s.text[-24:]) or _is_heading(s) else None
        if intro is not None and i and "\n" not in text[ss[i - 1].end:s.start] and \
                _says_figures_follow(s) and _holding_stated(ss[i - 1]):
            # "Russian forces hold ground in seven Ukrainian regions. Our estimates at
            # end-September 2025:" + "- Luhansk: virtually all": the opening line's holder
            # and verb are the sentence's before it
            intro = Sentence(text[ss[i - 1].start:s.end], ss[i - 1].start)
        if intro is None and (bare := _BARE_SIDE.fullmatch(s.text)) is not None and \
                _WANTS_BEFORE.search(text, max(0, s.start - 300), s.start):
            # "What each side actually wants:" / "🇷🇺 Moscow" / "- Ukrainian troops out of
            # ...": a side's name over its list, under a line about what the sides want
            intro = Sentence(f"What {bare.group('side')} wants:", s.start)
        found = sentence_claims(s)
        if not found and question is not None:
            found = _answer_claims(s, question, asker)
        question = _QUESTION.search(s.text) if "?" in s.text else None
        asker = None if now is None else now.side  # "How much do we still hold?"
        other = _OTHER_FIGURE.search(s.text) if found and ruled else None
        if other is not None and not _MADE_UP.search(s.text) and not any(
                p.start < other.start() for p in places_in(s.text)):
            # "Ukrainian and Western analysts put the figure closer to 65%": the figure
            # before's ground and holder, not the analysts' side
            found = _figure_again(s, ruled[-1]) or found
        # (a figure of what came before, not after a sentence measuring something else:
        # "... 139,000 square kilometres may be contaminated with mines. That's roughly a
        # quarter of the country")
        # (tried last: most sentences never get that far)
        if not found and ruled and _AREAS.search(s.text) and not GAIN_TIME.search(s.text) \
                and _refers_back(s, ss[i - 1] if i else None, ruled[-1]):
            found = _areas_claims(s, *_held_by(ruled[-1]))
        if not found and ruled and ((FIGURE_ANAPHOR.match(s.text.lstrip("\"“ "))
                                     or _OTHER_FIGURE.search(s.text))
                                    and not _MADE_UP.search(s.text)
                                    or _IT_IS.match(s.text)
                                    or (ruled[-1].status and _IT_HOLDS.match(s.text))) \
                and _refers_back(s, ss[i - 1] if i else None, ruled[-1]):
            found = _figure_again(s, ruled[-1])
        if not found and ruled and ruled[-1].kind.startswith("control"):
            base = ruled[-1]
            if _ITEM.match(s.text):
                # "• Donetsk: roughly 55 per cent" after "• Luhansk: about 94 per cent.
                # Ukrainian forces ... still hold villages ...": the holder of the item line
                # before, not of a sentence after it
                base = next((c for c in reversed(ruled) if c.kind.startswith("control")
                             and c.value is not None and _ITEM.match(c.sentence)
                             and s.start - c.span[1] <= 400), base)
            found = _continued(s, base)
        if not found and ruled and ruled[-1].kind == "control_share":
            found = _same_ground(s, ruled[-1])
        if (not found and ruled and ruled[-1].kind.startswith("control")
                and _INCLUDES.match(s.text)):
            # "That includes all of Crimea ... and almost all of Luhansk."
            found = control_claims(parts_of(s), verb=_INCLUDES.match(s.text),
                                   holder=ruled[-1].actor,
                                   holder_review=["what the figure before includes: its holder"])
        if not found:
            found = status_claims(s)  # '"Lugansk, Donetsk ... -- these are Russian regions"'
        if not found:
            found = liberated_claims(s)  # "Chernihiv oblast has been fully liberated"
        # "..., though Ukrainian troops still cling to a handful of villages on its edge"
        # (or after a holding of the sentence just before: "Luhansk is almost entirely
        # occupied. Ukrainian forces hold only a few villages near the border.")
        found = found + remnant_claims(s, found or [
            c for c in ruled[-1:] if i and c.sentence == ss[i - 1].text])
        found, every = _read_on(s, after, found, ask_reader=not _points_at_a_measure(
            s, ss[i - 1] if i else None, ruled))
        ruled += found
        out += every
        _remember_side(s)  # (first: the sentence's parts are still those read)
        if named:
            LAST_UNIT.set(named[-1].codes)
        remember_group(s.text)
    from geo.extract.pace import with_pace  # it imports this module: imported late

    if found_tables or found_fields:
        out = sorted(out + [c for tb in found_tables for c in table_claims(tb)]
                     + [c for _, got in found_fields for c in got], key=lambda c: c.span[0])
    out = [c for c in out if not (declared(c) and any(
        d.kind.startswith("demand") and not declared(d) and set(c.regions) <= set(d.regions)
        for d in out))]  # "The Donbass is Russian under the Constitution": said with a demand
    out = [c for c in out if not (BARE_CESSION in c.review and any(
        d.kind in ("demand_withdraw", "demand_cede") and d.actor == c.actor
        and set(d.regions) == set(c.regions) and d.span[0] < c.span[0] for d in out))]
    # "(June 2024 -- Putin demands that Ukraine withdraw from all four regions.) ...,
    # replacing his earlier demand for all four regions", '(Putin ... would halt his
    # offensive if Kyiv withdrew its troops from Donetsk.) "He is asking for the rest of
    # Donetsk"': the demand told before, again
    dated = article_date(original, today=dt.date.today())
    # (a dateline without a year is a guess at one: not a reason to make a timeline past)
    out = mark_dated_lines(original, out, day=dated[0] if dated and re.search(
        r"\d{4}", dated[1]) else None)
    out = with_pace(original, out)  # claims about pace ("captured 500 km² in October")
    # a fact check's quoted claim rated false, and that claim again further on
    out = checked_false(text, out)
    return _once(out)


def _read_on(s: Sentence, after: Sentence | None, found: list[ExtractedClaim], *,
             ask_reader: bool = True) -> tuple[list[ExtractedClaim], list[ExtractedClaim]]:
    """The rules' claims of ``s`` the text asserts (not denied, asked, called false or a
    myth, a poll's answers; a past peak marked: :mod:`geo.extract.asserted`), and those
    with the learned reader's own claims after them (unless ``ask_reader`` is false), held
    to the same test."""
    kept = asserted(found, s, after)
    more = asserted(learned_claims(s, kept)[len(kept):], s, after) if ask_reader else []
    # together: a past peak marks the claim nearest it, the rules' or the reader's
    both = mark_past(kept + more, s)
    return both[:len(kept)], both


def _once(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Each claim of a sentence once: two rules may reach the same claim from different
    words ("small parts of Sumy ... a few villages there"), and a draft or a ledger must
    not count it twice."""
    seen: dict[tuple[object, ...], list[int]] = {}
    out: list[ExtractedClaim] = []
    for c in claims:
        key = (c.kind, c.actor, c.regions, c.value, c.unit, c.qualifier, c.status,
               c.period, c.measure, c.per, c.sentence)
        starts = seen.setdefault(key, [])
        # the same sentence where it stands (an article may repeat a sentence elsewhere)
        if not any(abs(c.span[0] - at) <= len(c.sentence) for at in starts):
            starts.append(c.span[0])
            out.append(c)
    # a figure given again without its hedge ("about 19.3%" in the text, "19.3% | share of
    # Ukraine held by Russia" in its box) is the same claim: the hedged one stands
    hedged = {(c.kind, c.actor, c.regions, c.value, c.unit, c.status) for c in out
              if c.value is not None and c.qualifier not in ("exact", None)}
    # a part given its figure in the same sentence ("the left bank of the Kherson region --
    # about 73% of that region's territory") is that figure's claim; so is a whole or a most
    # ("Occupied Kherson -- the left bank, about three quarters of the region --")
    figured = {(c.actor, c.regions, c.sentence) for c in out
               if c.kind == "control_share" and c.value is not None and not c.status
}
    areas = official_areas()
    return [c for c in out if not _too_large(c, areas)
            and (c.qualifier != "exact" or c.kind == "pace"
            or (c.kind, c.actor, c.regions, c.value, c.unit, c.status) not in hedged)
            and not (c.kind == "control_share" and c.value is None
                     and c.qualifier in ("part", "all", "large_part")
                     and (c.actor, c.regions, c.sentence) in figured)]


def _too_large(c: ExtractedClaim, areas: dict[str, float]) -> bool:
    """Whether ``c`` holds more ground than its places cover: "the country's total area of
    603,550 km²" is the size of Ukraine, no side's holding (5 % over the official area is
    allowed for rounding and other boundaries)."""
    if c.kind != "control_area" or c.value is None or c.unit != "km2" or c.status:
        return False
    total = sum(areas.get(r, float("inf")) for r in c.regions)
    return c.value > 1.05 * total or (c.regions == ("UA",) and c.value >= 0.95 * total)


#: A line of a side's name alone (a flag, a bullet, bold around it): "🇷🇺 Moscow".
_BARE_SIDE = led(r"[^\w\n]*(?P<side>Russia|Moscow|the\s+Kremlin|Ukraine|Kyiv)[^\w\n]*")
#: Words of a side's terms or plan: "the memorandum", "the conditions", "the points".
_TERMS_WORDS = (r"memorandum|conditions?|terms|demands?|ultimatum|requirements?|points?|"
                r"framework|plan|proposals?|draft")
#: Before it: what the sides want ("What each side actually wants", "The two positions"),
#: or their terms.
_WANTS_BEFORE = re.compile(r"\b(?:wants?|positions?|red\s+lines|" + _TERMS_WORDS + r")\b", re.I)
#: A line that opens a list: it ends with a colon, "including" or "such as".
_INTRO = led(r"(?::|\bincluding|\bsuch\s+as)\s*$", re.I)


#: A list item's marker: a bullet or a number.
_ITEM = led(r"^\s*(?:[-*•·–—]|\d{1,2}[.)])\s+")


def _is_heading(s: Sentence) -> bool:
    """A short line without a full stop that names a control, cession or withdrawal and
    heads the lines under it: "Territory occupied by Russia" (not a list's item: "• Kremlin
    repeats demand for Ukrainian pull-out")."""
    return ("\n" not in s.text and len(s.text) <= 80
            and not re.search(r"[.!?\"”][*_]{0,2}\s*$", s.text)  # (a bold question too)
            and not _ITEM.match(s.text)
            and (any(CUES[k].search(s.text) for k in ("control", "cede", "withdraw"))
                 or _SIDE_HEADING.match(s.text) is not None)
            and not figures(s.text))


#: A heading over a side's list of terms: "What Russia wants", "Kyiv's conditions".
_SIDE_HEADING = re.compile(
    r"\W*(?:what\s+(?:Russia|Moscow|the\s+Kremlin|Putin|Ukraine|Kyiv|Zelensk[iy]y?|the\s+US|"
    r"the\s+United\s+States|Washington|Trump)\s+(?:wants|demands|is\s+asking\s+for|asks\s+for|"
    r"insists\s+on|offers|is\s+offering|would\s+give)|(?:Russia|Moscow|the\s+Kremlin|Ukraine|"
    r"Kyiv)['’]s\s+(?:demands|terms|conditions|red\s+lines))\W*$", re.I)


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
    roughly a fifth of the country, including:" + "- All of the peninsula". An item that
    is a sentence of its own (its side and verb named) is read alone, and so is every
    item of an opening line that names no verb ("Key takeaways:"); one that names only
    a demand ("Conditions the Kremlin set out:") lends it whole."""
    head = _INTRO.sub("", intro.text).rstrip(" ,")
    body = item.text[marker.end():] if marker else item.text
    start = item.start + (marker.end() if marker else 0)
    alone = sentence_claims(Sentence(body, start))  # where it stands: its speaker is known
    if alone and not any("not named" in r for c in alone for r in c.review):
        lead, claims = "", alone
    else:
        verb = None
        for kind in ("withdraw", "cede", "control"):
            verb = verb or CUES[kind].search(head)
        if verb is None and (CUES["demand"].search(head) or _CONDITION_HEAD.search(head)):
            # ("Russia will order a ceasefire ... as soon as Kyiv does the following:")
            verb = re.match(r".*", head)
        if verb is None and not alone and _NOMINAL_ACT.match(body) and (
                terms := _TERMS.search(intro.text)) is not None:
            # "According to the memorandum handed to the Ukrainian delegation ..., the key
            # ones are:" + "- the complete withdrawal of the Armed Forces of Ukraine from the
            # DPR, ...": an item of a side's terms, named as an act, is a demand of it
            claims = [replace(c, review=c.review + (
                          f"an item of a list of terms ('{terms.group(0)}')",))
                      for c in sentence_claims(Sentence(f"Conditions: {body}", 0))
                      if c.kind.startswith("demand")]
            lead = ""
        elif verb is None and not alone and (leaver := _FINITE_LEAVE.match(body)) and (
                author := _plan_author(intro.text)) is not None and author != (
                "RU" if leaver.group("who").lower().startswith(("russia", "moscow")) else "UA"):
            # "The points on territory, as outlined by President Zelensky:" + "15. Russia
            # withdraws its troops from the Dnipropetrovsk, ... regions.": the author's terms
            # for the other side, its demand
            name = "Russia" if author == "RU" else "Ukraine"
            claims = [replace(c, review=c.review + (
                          f"an item of {SIDE_NAME[author]}'s plan: its demand",))
                      for c in sentence_claims(Sentence(f"{name} demands that {body}", 0))
                      if c.kind == "demand_withdraw" and c.actor == author]
            lead = ""
        elif verb is None:
            lead, claims = "", alone
        else:
            lead = head[:verb.end()]
            # a claim that ends in the opening line's words is that line's, not the item's
            claims = [c for c in _joined_claims(head, lead, verb, body)
                      if c.span[1] > len(lead)]
            if _ITEM_FIGURED.search(body) or any(f.unit in ("percent", "km2")
                                                 for f in figures(body)):
                # "Estimated Russian-held area by oblast:" + "- Kharkiv: approx. 1,350 km²",
                # "- Kherson: no change": the item gives an amount (or none), not all of it
                claims = [c for c in claims if not (c.value is None and c.qualifier == "all")]
    why = (f"a list item, read with its opening line: '{lead} ...'" if lead
           else "a list item, read on its own")
    if _APPROX_HEAD.search(intro.text):
        # "Share of each region held by Russian forces (approx.):" + "- Luhansk: 99%"
        claims = [_hedged(c) if c.value is not None and c.qualifier == "exact" else c
                  for c in claims]
    return [replace(c, span=(start, item.end), sentence=item.text, review=c.review + (why,))
            for c in claims]


#: An item that says its amount did not change: "- Kherson: no change".
_ITEM_FIGURED = re.compile(r"^[^:]{1,40}:\s*(?:no\s+change|unchanged|n/?a|none|nil|[—–-]\s*$)",
                           re.I)


#: A list item that names an act of a side as a noun: "the complete withdrawal of the Armed
#: Forces of Ukraine from ...", "recognition of Crimea ... as part of Russia".
_NOMINAL_ACT = re.compile(r"\W*(?:the\s+)?(?:(?:complete|full|total|immediate|unconditional)\s+)?"
                          r"(?:withdrawal|pull-?out)\s+of\b", re.I)
#: An opening line about a side's terms or plan: "the memorandum", "the conditions", "the
#: points on territory".
_TERMS = re.compile(r"\b(?:" + _TERMS_WORDS + r")\b", re.I)


#: A list item whose subject is a side that leaves: "Russia withdraws its troops from".
_FINITE_LEAVE = re.compile(r"\W*(?P<who>Russia|Moscow|Russian\s+(?:troops|forces)|Ukraine|Kyiv|"
                           r"Ukrainian\s+(?:troops|forces))\s+(?:withdraws?|pulls?\s+(?:its\s+|"
                           r"their\s+)?(?:troops|forces)\s+out|leaves?)\b")


def _plan_author(intro: str) -> str | None:
    """The one side an opening line about a plan or terms names (its author), or None."""
    if not _TERMS.search(intro):
        return None
    sides = {a.side for a in actors(intro, skip=[]) if a.side in ("RU", "UA")}
    return sides.pop() if len(sides) == 1 else None


#: An opening line that sets its items as a condition: "(Russia will order a ceasefire) as
#: soon as Kyiv does the following".
_CONDITION_HEAD = re.compile(r"\b(?:as\s+soon\s+as|once|provided(?:\s+that)?|on\s+condition\s+that|"
                             r"if|when)\s+[^.;]{0,40}?\bthe\s+following\b", re.I)
#: An opening line that calls its list's figures approximate.
_APPROX_HEAD = led(r"\(\s*approx(?:\.|imate(?:ly)?)?\s*\)|\bapproximate(?:ly)?\b|"
                   r"\bapprox\.|\b(?:figures|numbers)\s+(?:are\s+)?rounded\b", re.I)


def _hedged(c: ExtractedClaim) -> ExtractedClaim:
    """``c`` with its exact figure read as "around" (the list's heading hedges it)."""
    iv = interval_from_claim("around", c.value, c.unit or "percent")  # type: ignore[arg-type]
    return replace(c, qualifier="around", low=iv.low if iv else c.low,
                   high=iv.high if iv else c.high,
                   review=c.review + ("the list's opening line calls its figures approximate",))


def _joined_claims(head: str, lead: str, verb: re.Match[str], body: str
                   ) -> list[ExtractedClaim]:
    """The claims of an item read after its opening line's words up to the verb."""
    joined = Sentence(f"{lead} {body}", 0)
    passive = PASSIVE.search(head)
    if passive and passive.start() >= verb.end() and CUES["control"].search(lead):
        # "Territory occupied by Russia": the holder comes after the verb the items take
        parts = parts_of(joined)
        side, _ = holder_of(Parts(Sentence(head, 0), [], [], [], []), len(head))
        return (control_claims(parts, holder=side, holder_review=[])
                if parts.places or parts.country else [])
    return sentence_claims(joined)


#: A question the next sentence answers without repeating it: "How much of Ukraine does
#: Russia occupy?" -> "A: Roughly 19 per cent, including all of Crimea".
_QUESTION = led(
    r"(?:^|\b)(?:how\s+much(?:\s+(?:of\s+(?P<place>[^?]{2,60}?)|(?:ukrainian\s+)?territory|"
    r"land|ground))?\s+(?:does|do|did|has|have)\s+(?P<actor>[^?]{2,40}?)\s+(?:still\s+)?"
    r"(?P<verb>control|hold|"
    r"occupy|seize|capture)\w*(?:\s+(?:now|today|so\s+far|right\s+now|at\s+(?:the\s+)?"
    r"(?:moment|present)|currently|at\s+this\s+point))?|what\s+(?:does|do|did)\s+"
    r"(?P<asker>[^?]{2,40}?)\s+(?P<ask>want|demand|ask\s+for|insist\s+on|hold|control|"
    r"occupy)|"
    # "How much of Ukraine is under Russian occupation?", "... is occupied?"
    r"how\s+much\s+of\s+(?P<pplace>[^?]{2,60}?)\s+(?:is|remains)\s+(?:now\s+|still\s+|"
    r"currently\s+)?(?:under\s+(?P<pside>Russian|Ukrainian)\s+(?:control|occupation)|"
    r"in\s+(?P<hands>Russian|Ukrainian)\s+hands|(?P<occupied>occupied)(?:\s+by\s+"
    r"(?P<by>Russia|Ukraine))?)(?:\s+(?:now|today|right\s+now|at\s+the\s+moment))?|"
    # "How much of the republic's territory has been liberated today?" (the speaker's side)
    r"how\s+much\s+of\s+(?P<lplace>[^?]{2,60}?)\s+(?:has|have)\s+(?:now\s+|so\s+far\s+)?"
    r"been\s+(?P<lib>liberated|freed)(?:\s+(?:so\s+far|now|today|to\s+date|already))?)"
    r"\s*\?[*_]{0,2}\s*$", re.I)  # (a bold question: "**How much ...?**")
#: An answer that opens on a fraction without "of": "Just under a fifth".
_LONE_FRACTION = re.compile(r"^\W*(?:(?:just\s+)?(?:under|over)|about|roughly|around|nearly|"
                            r"almost|some|more\s+than|less\s+than)?\s*(?:a|one|two|three|four|"
                            r"nine)[\s-](?:half|thirds?|quarters?|fifths?|tenths?)\b(?!\s+of\b)",
                            re.I)
_ANSWER = re.compile(r"^\s*(?:A\s*[:.]|Answer\s*:|[—–]|--)?\s*", re.I)


def _answer_claims(s: Sentence, q: re.Match[str], asker: str | None) -> list[ExtractedClaim]:
    """The answer to a question, read with the question's side, verb and place:
    "How much of Ukraine does Russia occupy?" + "A: Roughly 19 per cent" is "Russia
    occupy roughly 19 per cent of Ukraine"; "we" in the question is the side of its
    speaker (``asker``)."""
    body = s.text[_ANSWER.match(s.text).end():]  # type: ignore[union-attr]
    if q.group("lib"):
        # "has been liberated": the side whose words the article uses holds it (read as
        # the figure's own sentence, "About 63 percent of the republic has been liberated")
        figs = figures(body)
        if not figs or re.match(r"\s+of\b", body[figs[0].end:]):
            return []
        said = f"{body[:figs[0].end]} of {q.group('lplace')} has been {q.group('lib')}."
        why = f"an answer, read with its question: '{q.group(0).strip()}'"
        read = Sentence(said, s.start)
        return [replace(c, span=(s.start, s.end), sentence=s.text, review=c.review + (why,))
                for c in sentence_claims(read) or learned_claims(read, [])]
    actor, verb = q.group("actor") or q.group("asker"), q.group("verb") or q.group("ask")
    place = q.group("place") or q.group("pplace")
    if q.group("pplace"):
        # "How much of Ukraine is under Russian occupation?": the side of the adjective,
        # Russia's when only "occupied" is said
        side = q.group("pside") or q.group("hands") or q.group("by") or "Russia"
        actor, verb = ("Russia" if side.lower().startswith("russia") else "Ukraine"), "holds"
    if FIRST_PERSON.fullmatch(actor):
        if asker is None:
            return []  # "How much do we hold?" asked by no side
        actor = SIDE_NAME[asker]
    figs = figures(body)
    lone = _LONE_FRACTION.match(body)  # "Just under a fifth, Crimea included."
    it = re.match(r"\s+of\s+it\b", body[figs[0].end:]) if figs else None
    if place and figs and it:
        # "Just under a fifth of it."
        body = f"{body[:figs[0].end]} of {place}{body[figs[0].end + it.end():]}"
    elif place and figs and not re.match(r"\s+of\b", body[figs[0].end:]):
        body = f"{body[:figs[0].end]} of {place}{body[figs[0].end:]}"
    elif place and lone:
        body = f"{body[:lone.end()]} of {place}{body[lone.end():]}"
    lead = f"{actor} {verb}"
    claims = sentence_claims(Sentence(f"{lead} {body}", 0))
    why = f"an answer, read with its question: '{q.group(0).strip()}'"
    return [replace(c, span=(s.start, s.end), sentence=s.text, review=c.review + (why,))
            for c in claims]


#: A line of a side's position, its verb with no subject: "Russian position: demands that
#: Kyiv cede the entire oblast", "Kyiv's stance - offers a mirror pull-back".
_POSITION_LINE = led(
    r"\W*(?P<side>Russian|Ukrainian|Moscow['’]s|Kyiv['’]s|Kremlin['’]s|Russia['’]s|"
    r"Ukraine['’]s|US|U\.S\.|American|Washington['’]s)\s+(?:official\s+|current\s+|"
    r"stated\s+)?(?:position|stance|line|view|ask|terms)\s*(?::|\s[—–-])\s*"
    r"(?=(?:\w+\s+){0,2}?(?:demands?|wants?|insists?|seeks?|offers?|proposes?|is\s+ready|"
    r"would|rejects?|refuses?)\b)", re.I)


#: A line of a place and who holds it: "- Crimea: held by Russia since 2014", "Luhansk:
#: almost entirely occupied by Russian forces".
_HELD_LINE = led(
    r"\W{0,3}(?P<place>[A-Z][\w'’ -]{2,40}?)\s*:\s+(?:(?P<most>mostly|largely)\s+|"
    r"(?:(?:almost|nearly|virtually)\s+)?(?:entirely|fully|wholly|completely)\s+)?"
    r"(?:held|controlled|occupied)\s+by\s+(?P<side>Russia|Moscow|Russian\s+(?:forces|"
    r"troops)|Ukraine|Kyiv|Ukrainian\s+(?:forces|troops))\b")


#: A line of a side's terms as nouns after its name: "Moscow: Ukraine's withdrawal from the
#: whole of the Donbas, and recognition of Crimea as Russian" (read as its demands).
_TERMS_LINE = led(
    r"\W*(?P<side>Russia|Moscow|(?:the\s+)?Kremlin|Ukraine|Kyiv)(?:['’]s\s+(?:terms|demands?|"
    r"conditions))?\s*:\s+(?=(?:(?:Ukraine|Kyiv|Russia|Moscow)['’]s\s+|(?:a\s+)?(?:full\s+|"
    r"complete\s+|total\s+)?)(?:withdrawal|recognition|handover|transfer|cession)\b)", re.I)


def _position_lines(text: str) -> list[tuple[tuple[int, int], list[ExtractedClaim]]]:
    """Each line of a side's position (:data:`_POSITION_LINE`) read as a sentence with the
    side as its subject, "the region" the one the lines before it name (an infobox's
    heading): as (span, claims)."""
    out: list[tuple[tuple[int, int], list[ExtractedClaim]]] = []
    if "position" not in text and "stance" not in text and "terms" not in text and not (
            ":" in text and ("withdrawal" in text or "recognition" in text or " by " in text)):
        return out
    pos = 0
    for line in text.split("\n"):
        at, pos = pos, pos + len(line) + 1
        held = _HELD_LINE.match(line) if ": " in line else None
        if held is not None and (named := places(held.group("place"))):
            # "- Crimea: held by Russia since 2014": the line's place, all of it
            side = "Russia" if held.group("side").lower().startswith(("russia", "moscow")) \
                else "Ukraine"
            how = "most of" if held.group("most") else "all of"
            claims = sentence_claims(Sentence(f"{side} holds {how} {named[0].text}.", 0))
            span = (at, at + len(line))
            out.append((span, [replace(c, span=span, sentence=line, review=c.review + (
                f"a line of a place and who holds it: '{line.strip()[:60]}'",))
                for c in claims]))
            continue
        m = _POSITION_LINE.match(line) if len(line) <= 300 else None
        if m is None and (m := _TERMS_LINE.match(line)) is not None:
            # (its first sentence: "Moscow: Ukraine's withdrawal from ... In return, ...")
            line = re.split(r"(?<=[.;])\s+(?=[A-Z])", line, maxsplit=1)[0]
        if m is None:
            continue
        word = m.group("side").lower()
        name = ("Russia" if word.startswith(("russia", "moscow", "kremlin")) else "Ukraine"
                if word.startswith(("ukrain", "kyiv")) else "the United States")
        box = text[max(text.rfind("\n\n", 0, at), 0):at]
        named = [p for p in places(box) if len(p.codes) == 1]
        token = LAST_UNIT.set(named[-1].codes if named else LAST_UNIT.get())
        verb = " demands" if m.re is _TERMS_LINE else ""
        try:
            claims = sentence_claims(Sentence(f"{name}{verb} {line[m.end():]}", 0))
        finally:
            LAST_UNIT.reset(token)
        why = f"a line of {name}'s position: '{line[:m.end()].strip(' :-–—')}'"
        span = (at, at + len(line))
        if claims:
            out.append((span, [replace(c, span=span, sentence=line,
                                       review=c.review + (why,)) for c in claims]))
    return out


#: A sentence whose subject is a pronoun: the side it stands for runs on.
_PRONOUN_SUBJECT = led(r"\W*(?:It|He|She|They)\s+(?:\w+\s+){0,2}?(?:demand|want|insist|"
                       r"seek|ask|call|press|offer|propose)\w*\b")


def _remember_side(s: Sentence) -> None:
    """The first side the sentence names (its subject, mostly), for "They" after it."""
    if _PRONOUN_SUBJECT.match(s.text):
        return  # "It demands ... It demands ...": the subject runs on, not the side named
    parts = parts_of(s)
    # "we" is never "they" in the next sentence
    # nor a dateline's or an outlet's name in capitals ("KYIV DISPATCH | 14 October 2025 |
    # Russian troops hold ...", "MOSCOW, Nov 23 --")
    sides = [a.side for a in parts.actors if a.side in ("RU", "UA")
             and not first_person(parts, a)
             and not (s.text[a.start:a.end].isupper() and a.end - a.start > 2)
             # nor a capital as a place ("He's not in Kyiv.": "he" is not Kyiv)
             and not (s.text[a.start:a.end] in ("Kyiv", "Kiev", "Moscow")
                      and _TO_PLACE.search(s.text, max(0, a.start - 12), a.start))]
    if sides:
        LAST_SIDE.set(sides[0])


#: Right before a capital: it is a place here, not a side ("in Kyiv", "to Moscow").
_TO_PLACE = led(r"\b(?:in|into|to|from|near|outside|around|towards?|reach(?:ed)?|"
                r"entered)\s+$")


#: A time that sets a figure against one before it: "Two years on", "Today", "Now".
_NOW_THEN = re.compile(r"\b(?:today|now|currently|these\s+days|at\s+present|(?:a|one|two|three|"
                       r"four|\d+)\s+years?\s+(?:on|later))\b", re.I)


def _same_ground(s: Sentence, last: ExtractedClaim) -> list[ExtractedClaim]:
    """A share a side holds now, no place named, after a share of some ground: of that
    ground ("... held about 7 percent of Ukraine. ... Two years on, Russian forces hold
    roughly 18 percent."), or the rest of it, held by the other side ("Russian troops hold
    ~72% of the region. Ukraine holds ~28%")."""
    parts = parts_of(s)
    if parts.places or parts.country or len(parts.figs) != 1 or parts.figs[0].unit != "percent":
        return []
    verb = cue("control", s.text)
    fig = parts.figs[0]
    if verb is None or not 0 <= fig.start - verb.end() <= 25 or not _FIGURE_ENDS.match(
            s.text, fig.end) or not re.fullmatch(r"\s+(?:(?:about|roughly|around|some|nearly|"
                                                  r"almost|just\s+over|just\s+under|more\s+"
                                                  r"than|less\s+than|over|under)\s+)?[~≈]?",
                                                  s.text[verb.end():fig.start], re.I):
        return []
    sides = [a.side for a in parts.actors if a.side in ("RU", "UA") and a.end <= verb.start()]
    if not sides:
        return []
    rest = (sides[-1] != last.actor and last.value is not None and last.status is None
            and abs(last.value + fig.value - 100) <= 3)
    if not (rest or _NOW_THEN.search(s.text, 0, verb.start())):
        return []
    return [make_claim(parts, "control_share", sides[-1], last.regions, fig, fig.qualifier,
                       (verb.start(), fig.end),
                       [f"no place named: the ground of the share before "
                        f"({', '.join(last.regions)})"
                        + (", the rest of it, held by the other side" if rest else "")])]


def _continued(s: Sentence, last: ExtractedClaim) -> list[ExtractedClaim]:
    """A line that names a place first and gives its figure, no verb, after a statement
    of control ("Russia controls about 19 % of Ukraine." + "- Luhansk - about 99 %";
    "Dnipropetrovsk: about 1,250 km²."): held by the same side. The figure ends its
    clause ("Kharkiv: 40 % of homes damaged" is no claim)."""
    parts = parts_of(s)
    if not parts.figs and parts.places and _LINE_START.fullmatch(
            s.text[:parts.places[0].start]):
        # "- Luhansk: virtually all of it." after "Crimea ... under Russian control"
        ps, end = places_from(parts, parts.places[0].start, limit=0)
        amount = LABEL_AMOUNT.match(s.text, end)
        if amount is None or not _AMOUNT_ENDS.match(s.text, amount.end()):
            return []
        q = ("all" if amount.group("all") else "large_part" if amount.group("most")
             else "part")
        return [make_claim(parts, "control_share", last.actor, codes_of(ps), None, q,
                           (s.start + ps[0].start, s.start + amount.end()),
                           [f"a line after a statement of {SIDE_NAME[last.actor]}'s control: "
                            f"its holder", f"'{amount.group(0).strip(' :-–—')}' read as {q}"])]
    if not parts.figs or not fronted_places(parts) and not _LINE_START.fullmatch(
            s.text[:parts.places[0].start] if parts.places else "x"):
        return []
    if any(CHANGED_BY.search(s.text, max(0, f.start - 40), f.start) for f in parts.figs):
        return []  # "Luhansk: cropland fell by 9%": a change of something else
    claims = control_claims(parts, verb=re.match(r"", s.text), holder=last.actor,
                            holder_review=[f"a line after a statement of "
                                           f"{SIDE_NAME[last.actor]}'s control: its holder"])
    return [c for c in claims if c.value is not None
            and _FIGURE_ENDS.match(s.text, c.span[1] - s.start)]


def _without_parts_figured(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """``claims`` without a side's figureless "part" of a place when its sentence gives that
    side's figure for the same place ("The area of the Kursk region still held by Ukrainian
    formations has shrunk to less than 500 square kilometres": the 500 km², which the part
    only repeats)."""
    figured = {(c.sentence, c.actor, c.regions) for c in claims
               if c.kind.startswith("control") and c.value is not None and c.is_claim}
    return [c for c in claims if not (c.kind == "control_share" and c.value is None
                                      and c.qualifier == "part"
                                      and (c.sentence, c.actor, c.regions) in figured)]


def _refers_back(s: Sentence, before: Sentence | None, last: ExtractedClaim) -> bool:
    """Whether a figure of ``s`` may be one of the claim before (``last``): not after a
    sentence (``before``) that measured something else and gave no claim ("... 139,000
    square kilometres may be contaminated with mines. That's roughly a quarter of the
    country"), and not a rate ("less than one per cent of the country in a year")."""
    return not (before is not None and last.sentence != before.text
                and OTHER_MEASURE.search(before.text)) and not _A_RATE.search(s.text)


#: An opening that points back at the sentence before: "That's roughly a quarter of ...".
_POINTS_BACK = led(r"\W*(?:that|this|it|which)(?:'s|’s|\s+is|\s+was|\s+amounts?\s+to|"
                   r"\s+equals|\s+represents|\s+makes?\s+up)\b", re.I)


def _points_at_a_measure(s: Sentence, before: Sentence | None,
                         ruled: list[ExtractedClaim]) -> bool:
    """Whether ``s`` opens by pointing back at a sentence (``before``) that measured
    something other than ground held and gave no claim: "... some 140,000 square kilometres
    may be contaminated with mines. That's roughly a quarter of the country" (its figure is
    the mined land's, which the learned reader, reading one sentence, cannot see)."""
    return before is not None and _POINTS_BACK.match(s.text) is not None \
        and OTHER_MEASURE.search(before.text) is not None \
        and not any(c.sentence == before.text for c in ruled[-3:])


#: An opening line that only says figures follow: "Our estimates at end-September 2025:".
_ESTIMATES_HEAD = re.compile(r"\b(?:estimates?|figures|assessment|breakdown|by\s+region|"
                             r"as\s+follows|numbers|picture)\b", re.I)


def _says_figures_follow(s: Sentence) -> bool:
    """Whether ``s`` opens a list and only says figures follow ("Our estimates at
    end-September 2025:"): no verb, side or figure of its own."""
    return bool(_INTRO.search(s.text[-24:]) and _ESTIMATES_HEAD.search(s.text)) \
        and not any(CUES[k].search(s.text) for k in ("control", "withdraw", "cede", "demand")) \
        and not figures(s.text)


def _holding_stated(s: Sentence) -> bool:
    """Whether ``s`` says that a named side holds ground, with no figure and no negation
    ("Russian forces hold ground in seven Ukrainian regions.")."""
    return cue("control", s.text) is not None and not figures(s.text) \
        and not re.search(r"\b(?:not|no|never)\b", s.text, re.I) \
        and any(a.side in ("RU", "UA") for a in actors(s.text, skip=[]))

#: A rate of change: "(it is less than one per cent of the country) in a year", "per month".
_A_RATE = re.compile(r"\b(?:in\s+a|per|each|every)\s+(?:year|month|week|day)\b", re.I)
#: After an amount that is a line's value: "all of it.", "small parts near the border".
_AMOUNT_ENDS = re.compile(r"(?:\s+of\s+(?:it|them|the\s+(?:region|oblast)))?\s*(?:[.;,)]|$|"
                          r"\s+(?:near|along|around|in|on|close\s+to|by)\b)", re.I)
#: "Today it is roughly 19.5%": the figure of the claim before, again.
_IT_IS = led(r"\W*(?:(?:today|now|currently|by\s+now|these\s+days|this\s+year),?\s+)?"
             r"(?:it|that)(?:'s|’s|\s+is|\s+stands\s+at)\s+(?:now\s+)?(?:about|roughly|"
             r"around|some|nearly|almost|just|more|less|over|under|closer|~|\d)", re.I)
#: "Today it holds about 18%." after a past figure ("Before 2022, Russia held about 7% of
#: Ukraine."): the side and the ground of that figure, now.
_IT_HOLDS = re.compile(r"\W*(?:today|now|currently|these\s+days|this\s+year),?\s+(?:it|they)\s+"
                       r"(?:now\s+|still\s+)?(?:holds?|controls?|occup(?:y|ies))\s+(?:about|"
                       r"roughly|around|some|nearly|almost|just|more|less|over|under|~|\d)", re.I)
#: A sentence that lists what the figure before takes in.
_INCLUDES = led(r"\W*(?:that|this|it|which|the\s+(?:figure|total|area))\s+(?:also\s+)?"
                r"(?:includes|included|takes\s+in|covers|comprises)\b", re.I)
#: Before a line's first place: a bullet or a number at most.
_LINE_START = re.compile(r"\W*(?:\d{1,2}\s*[/.)]\s*)?")
#: After a figure that ends its clause: punctuation, the end, or a word of holding.
_FIGURE_ENDS = re.compile(r"\s*(?:[.;,)(/]|$|each\b|apiece\b|"
                          r"(?:of\s+(?:it|each|both|the\s+(?:region|oblast)))?\s*"
                          r"(?:under|held|occupied|controlled|in\s+(?:russian|ukrainian)|[.;,)]|$))",
                          re.I)


#: Words that make a figure given with "the figure" an earlier one.
_THEN = re.compile(r"\b(?:compares?\s+with|compared\s+with|up\s+from|down\s+from|a\s+year\s+"
                   r"(?:earlier|ago|before)|at\s+the\s+(?:start|beginning|end)\s+of|was|stood\s+at)"
                   r"\b", re.I)


#: The words that set an earlier figure after the current one.
_UP_FROM = re.compile(r"\b(?:up|down)\s+from\b", re.I)


def _figure_again(s: Sentence, last: ExtractedClaim) -> list[ExtractedClaim]:
    """A sentence that opens on "The figure" / "That share" and gives another figure of the
    ground the claim before named: "The figure compares with about two-thirds of the
    region at the start of 2024" (an earlier figure, marked so)."""
    if not last.kind.startswith("control"):
        return []
    pl = places_in(s.text)
    parts = Parts(s, figures(s.text), pl, [], [])
    out = []
    for fig in parts.figs:
        if fig.unit != (last.unit or "percent"):
            continue
        if GAINED.search(s.text, max(0, fig.start - 40), fig.start):
            continue  # "That figure has grown by roughly 4,500 sq km over the past 12
            # months": a change of the figure, not the figure
        ps, _ = of_places(parts, fig)
        regions = codes_of(ps) if ps else last.regions
        earlier = _THEN.search(s.text) is not None
        if earlier and (then := _UP_FROM.search(s.text)) is not None and fig.end <= then.start():
            # "puts the figure at about 77%, up from around 67% a year ago": the figure
            # before "up from" is the current one
            earlier = False
        c = make_claim(parts, last.kind, last.actor, regions, fig, fig.qualifier,
                       (fig.start, fig.end), [f"'the figure' is the one of the claim before "
                                              f"({', '.join(last.regions)})"])
        out.append(replace(c, status="earlier") if earlier else c)
    return out
