"""Claims about pace in news text: ground a side gained or lost over a period, or a day.

"Russian forces captured about 500 km² in October", "Russia gained 1,200 square
kilometres in Donetsk last month", "advancing roughly 15 km² a day", "Ukraine lost 300 km²
in the past week": :func:`pace_claims` finds them, sentence by sentence, by rules:

* an **area figure** (km², square kilometres, sq km: :func:`geo.extract.lexicon.figures`;
  prisoners, metres and shares are not areas);
* a **gain or loss verb** before it, after the figure before it (or the sentence's
  start): captured, seized, took, gained, advanced, recaptured, liberated ... (``gained``)
  or lost, losses (``lost``); "net" before the figure makes it the net change;
* a **period**: a month ("in October", "October 2025"), a year ("in 2024"), "last month",
  "this month", "last week", "in the past week", "the past 10 days", "this year", "so far
  this year"; or a **rate** after the figure ("a day", "per week", "daily") over the
  period the sentence gives (else the 30 days before the article's date). Without a
  period a figure is a total held, not a pace, and is left to the control rules;
* the **side**: the actor named nearest before the verb ("Russian forces", "Ukraine"),
  else "by Russian forces" after it;
* the **place**: the unit named after the figure in its clause, else before it ("the
  region" is the unit named last), else the whole country (``UA``), said in ``review``.

Periods relative to the article ("last month", "in the past week", a month without a
year) are read from the date its dateline gives (:func:`geo.extract.text.article_date`);
without one only a month with its year, or a year, makes a claim. A period that runs past
the article's date ends the day before it (the last day the article's writers could see
mapped); "the past week" is the seven days before the dateline, "last week" the calendar
week (Monday to Sunday) before the dateline's.

Each claim is an :class:`~geo.extract.model.ExtractedClaim` of kind ``pace`` with
``period`` (ISO start and end, both included), ``measure`` and ``per``; :func:`with_pace`
adds them to the control claims of an article, dropping the control reading of a pace
figure ("seized 4,000 km² of Ukraine so far this year" is not a total held).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.extract.lexicon import Figure, actors, countries, figures, official_areas, places
from geo.extract.model import CANONICAL, ExtractedClaim
from geo.extract.patterns import led
from geo.extract.text import Sentence, article_date, sentences
from geo.intervals import interval_from_claim

__all__ = ["pace_claims", "with_pace", "Period"]

#: Verbs (and nouns) of ground taken: the figure after them is a gain.
_GAIN = led(
    r"\b(captur(?:e|ed|es|ing)|seiz(?:e|ed|es|ing)|t(?:ook|aken|akes?|aking)|"
    r"gain(?:s|ed|ing)?|advanc(?:e|ed|es|ing)|overr(?:an|un|uns|unning)|"
    r"conquer(?:s|ed|ing)?|grabb(?:ed|ing)|grabs?|recaptur(?:e|ed|es|ing)|"
    r"ret(?:ook|aken|akes?|aking)|liberat(?:e|ed|es|ing)|add(?:ed|s|ing)?|w(?:on|ins?))\b",
    re.I)
#: Verbs (and nouns) of ground lost.
_LOSS = re.compile(r"\b(los(?:e|es|t|ing)|loss(?:es)?)\b", re.I)
#: "net" before the figure: gains minus losses.
_NET = re.compile(r"\bnet\b", re.I)
#: A rate right after the figure.
_RATE = re.compile(r"^\s*(?:(?:(?:a|per|each|every)\s+(day|week))|(daily|weekly)\b|/\s*(day|week))"
                   r"\b", re.I)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTH_OF = {**{m.lower(): i for i, m in enumerate(_MONTHS, 1)},
             **{m[:3].lower(): i for i, m in enumerate(_MONTHS, 1)}, "sept": 9}
# capitalised, as a month is written ("may" the verb is not one)
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|" \
         r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
# "in October", never "by October" (held by then: a total, not a pace)
_LEAD = r"(?:(?:in|during|over|throughout|through|for|across)\s+(?:the\s+month\s+of\s+)?|" \
        r"(?:so\s+far\s+in|since\s+the\s+(?:start|beginning)\s+of|last)\s+)"
_NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14,
              "twenty": 20, "thirty": 30}
#: Period expressions, by the reading each gets (:func:`_resolve`).
_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month", led(rf"(?i:\b{_LEAD}){_MONTH}\b(?:,?\s+(\d{{4}}))?(?!\s*\d{{1,2}}\b)")),
    ("year", led(r"\b(?i:in|during|throughout|over|through)\s+(\d{4})\b(?!\s*[-–/]\d)")),
    ("last_month", led(r"\b(?:last|the\s+previous)\s+month\b", re.I)),
    ("this_month", led(r"\b(?:so\s+far\s+)?this\s+month\b", re.I)),
    ("last_week", led(r"(?<!past\s)(?<!the\s)\blast\s+week\b", re.I)),
    ("this_week", led(r"\b(?:so\s+far\s+)?this\s+week\b", re.I)),
    ("past_days", led(
        r"\b(?:in|over|during|within)?\s*the\s+(?:past|last|previous)\s+(?:(\d{1,3}|"
        + "|".join(_NUM_WORDS) + r"|a|one)\s+)?(days?|weeks?|fortnight|month)\b", re.I)),
    ("this_year", led(r"\b(?:(?:so\s+far\s+)?this\s+year|since\s+the\s+(?:start|"
                      r"beginning)\s+of\s+(?:the|this)\s+year|year\s+to\s+date)\b",
                      re.I)),
    ("last_year", led(r"\b(?:last|the\s+previous)\s+year\b", re.I)),
)
#: Words that take up the unit named before: "in the region", "there".
_ANAPHOR = re.compile(r"\b(?:in|of)\s+the\s+(?:region|oblast|province)\b(?!\s+of\b)|\bthere\b",
                      re.I)
#: How far before its figure a verb may be (characters).
_VERB_WINDOW = 90


@dataclass(frozen=True)
class Period:
    """A period read from the text: its first and last day, where its words are in the
    sentence, and how it was read (for ``review``; empty when the words say it all)."""

    start: dt.date
    end: dt.date
    span: tuple[int, int]
    note: str = ""


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _resolve(kind: str, m: re.Match[str], day: dt.date | None) -> Period | None:
    """The period of a matched expression (``day``: the article's date, or None)."""
    span = (m.start(), m.end())
    if kind == "month":
        month = _MONTH_OF[m.group(1).lower().rstrip(".")]
        if m.group(2):
            year = int(m.group(2))
            return Period(dt.date(year, month, 1), _month_end(year, month), span)
        if day is None:
            return None
        year = day.year if month <= day.month else day.year - 1
        return Period(dt.date(year, month, 1), _month_end(year, month), span,
                      f"'{m.group(0).strip()}' read as {year}-{month:02d}, the latest such "
                      f"month by the dateline ({day})")
    if kind == "year":
        year = int(m.group(1))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), span)
    if day is None:
        return None
    words = m.group(0).strip()
    if kind == "last_month":
        first = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return Period(first, _month_end(first.year, first.month), span,
                      f"'{words}' read as {first:%Y-%m}, the calendar month before the "
                      f"dateline ({day})")
    if kind == "this_month":
        return Period(day.replace(day=1), day, span,
                      f"'{words}' read as the month of the dateline ({day}) up to it")
    monday = day - dt.timedelta(days=day.weekday())
    if kind == "last_week":
        first = monday - dt.timedelta(days=7)
        return Period(first, first + dt.timedelta(days=6), span,
                      f"'{words}' read as the calendar week (Monday to Sunday) before the "
                      f"dateline's ({day})")
    if kind == "this_week":
        return Period(monday, day, span,
                      f"'{words}' read as the week of the dateline ({day}) up to it")
    if kind == "past_days":
        n_raw, what = (m.group(1) or "one").lower(), m.group(2).lower()
        n = int(n_raw) if n_raw.isdigit() else _NUM_WORDS.get(n_raw, 1)
        days = {"fortnight": 14, "month": 30}.get(what, n * (7 if what.startswith("week")
                                                           else 1))
        if days < 1:
            return None
        end = day - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=days - 1), end, span,
                      f"'{words}' read as the {days} days before the dateline ({day})")
    if kind == "this_year":
        return Period(dt.date(day.year, 1, 1), day, span,
                      f"'{words}' read as {day.year} up to the dateline ({day})")
    if kind == "last_year":
        return Period(dt.date(day.year - 1, 1, 1), dt.date(day.year - 1, 12, 31), span,
                      f"'{words}' read as {day.year - 1}, the year before the dateline's")
    return None


def _periods(text: str, day: dt.date | None) -> list[Period]:
    out = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PERIODS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # "October 2025" is one month, not a month and a year
            p = _resolve(kind, m, day)
            if p is not None:
                out.append(p)
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda p: p.span)


def _nearest(periods: list[Period], fig: Figure) -> Period | None:
    """The period closest to the figure (one after it wins a tie)."""
    def gap(p: Period) -> tuple[int, int]:
        a, b = p.span
        return (a - fig.end if a >= fig.end else fig.start - b if b <= fig.start else 0,
                0 if a >= fig.end else 1)
    return min(periods, key=gap, default=None)


def _clip(p: Period, day: dt.date | None) -> Period | None:
    """``p`` ending by the day before the article's date (None when it starts after)."""
    if day is None or p.end < day:
        return p
    end = day - dt.timedelta(days=1)
    if end < p.start:
        return None
    note = "; " if p.note else ""
    return Period(p.start, end, p.span, f"{p.note}{note}ends {end}, the day before the "
                                        f"dateline ({day})")


def _place(s: Sentence, fig: Figure, verb_start: int, last: tuple[str, ...] | None
           ) -> tuple[tuple[str, ...], str]:
    """The units the figure is about, and why (empty when named plainly)."""
    text = s.text
    named = places(text)
    clause_end = len(text)
    for stop in (re.compile(r"[;]|,\s+(?:while|whereas|but|and)\b"),):
        m = stop.search(text, fig.end)
        if m:
            clause_end = m.start()
    after = [p for p in named if fig.end <= p.start < clause_end]
    if after and fig.unit == "km2" and fig.value > sum(official_areas().get(c, 0.0)
                                                       for c in after[0].codes):
        # "liberated more than 74,000 km², including all of Kyiv, Chernihiv and Sumy
        # oblasts": more than the place named after it holds, so the places are examples
        # of the ground, not its unit (found ingesting writer 86's articles)
        return ("UA",), (f"{fig.value:,.0f} km² is more than {after[0].text} holds: read as "
                         f"the whole of Ukraine")
    if after:
        return after[0].codes, ""
    for a, _b in countries(text):
        if fig.end <= a < clause_end:
            return ("UA",), ""
    before = [p for p in named if p.end <= fig.start]
    if before:
        return before[-1].codes, ""
    anaphor = _ANAPHOR.search(text, fig.end)
    if anaphor and anaphor.start() < clause_end and last:
        return last, "'the region' read as the unit the article named last"
    if any(a < clause_end for a, _ in countries(text)):
        return ("UA",), ""
    return ("UA",), "no place named: read as the whole of Ukraine"


def _actor(s: Sentence, verb: re.Match[str]) -> str | None:
    text = s.text
    skip = [(p.start, p.end) for p in places(text)] + countries(text)
    found = actors(text, skip=skip)
    before = [a for a in found if a.end <= verb.start()]
    if before:
        return before[-1].side
    by = re.compile(r"\bby\s+(?:the\s+)?(Russia|Russian|Moscow|Ukraine|Ukrainian|Kyiv)", re.I
                    ).search(text, verb.end())
    if by:
        return "RU" if by.group(1).lower().startswith(("russia", "moscow")) else "UA"
    return None


def _verb(text: str, fig: Figure, floor: int) -> tuple[re.Match[str], str] | None:
    """The gain or loss verb nearest before ``fig`` (after ``floor``) and its measure."""
    lo = max(floor, fig.start - _VERB_WINDOW)
    best: tuple[re.Match[str], str] | None = None
    for pattern, measure in ((_GAIN, "gained"), (_LOSS, "lost")):
        for m in pattern.finditer(text, lo, fig.start):
            if best is None or m.start() > best[0].start():
                best = (m, measure)
    return best


def _sentence_claims(s: Sentence, day: dt.date | None, last: tuple[str, ...] | None
                     ) -> list[ExtractedClaim]:
    figs = figures(s.text)
    areas = [f for f in figs if f.unit == "km2"]
    if not areas:
        return []
    periods = _periods(s.text, day)
    out: list[ExtractedClaim] = []
    floor = 0
    for fig in areas:
        found = _verb(s.text, fig, floor)
        floor = fig.end
        if found is None:
            continue
        verb, measure = found
        rate = _RATE.match(s.text[fig.end:])
        per = "period"
        if rate:
            per = next(g for g in rate.groups() if g).lower().replace("daily", "day").replace(
                "weekly", "week")
        period = _nearest(periods, fig)
        review: list[str] = []
        if period is None:
            if not rate or day is None:
                continue  # no period: a total held, the control rules' to read
            end = day - dt.timedelta(days=1)
            period = Period(end - dt.timedelta(days=29), end, (fig.end, fig.end),
                            f"no period given for the rate: read as the 30 days before the "
                            f"dateline ({day})")
        period = _clip(period, day)
        if period is None:
            continue
        actor = _actor(s, verb)
        if actor not in ("RU", "UA"):
            continue
        if _NET.search(s.text, verb.start() - 12 if verb.start() >= 12 else 0, fig.start):
            measure = "net"
        regions, why = _place(s, fig, verb.start(), last)
        review += [r for r in (period.note, why) if r]
        if len(regions) > 1:
            review.append("a figure over several units: a pace claim is checked per unit "
                          "or for the country")
        q = fig.qualifier
        iv = interval_from_claim(CANONICAL[q], fig.value, "km2")
        first = min(verb.start(), period.span[0], fig.start)
        last_char = max(fig.end + (rate.end() if rate else 0), period.span[1])
        out.append(ExtractedClaim(
            "pace", actor, regions, fig.value, "km2", q,
            iv.low if iv else None, iv.high if iv else None,
            (s.start + first, s.start + last_char), s.text,
            review=(*review, "a pace claim (ground gained or lost over a period): check "
                             "the period, the side and the place against the article"),
            period=(period.start.isoformat(), period.end.isoformat()), measure=measure,
            per=per))
    return out


def pace_claims(text: str, *, today: dt.date | None = None) -> list[ExtractedClaim]:
    """Every claim about pace in an article, in text order (see the module doc).

    Parameters
    ----------
    text : str
        The article.
    today : datetime.date, optional, keyword-only
        The day it is read on (a dateline without a year is taken in the latest year
        not after it); default today.

    Returns
    -------
    list of ExtractedClaim
        Kind ``pace``: ``value`` km² (over the period, or a day or a week with ``per``),
        ``period`` the ISO first and last day, ``measure`` gained, lost or net.
    """
    found = article_date(text, today=today or dt.date.today())
    day = found[0] if found else None
    out: list[ExtractedClaim] = []
    last: tuple[str, ...] | None = None
    for s in sentences(text):
        out += _sentence_claims(s, day, last)
        named = [p for p in places(s.text) if len(p.codes) == 1]
        if named:
            last = named[-1].codes
    return out


def with_pace(text: str, claims: Sequence[ExtractedClaim], *,
              today: dt.date | None = None) -> list[ExtractedClaim]:
    """``claims`` (of :func:`geo.extract.claims.extract_claims`) with the article's pace
    claims among them in text order; a control claim of a pace figure (the same km² in
    the same words) is dropped: a figure over a period is not ground held."""
    pace = pace_claims(text, today=today)
    if not pace:
        return list(claims)

    def taken(c: ExtractedClaim) -> bool:
        return c.unit == "km2" and c.kind != "pace" and any(
            p.value == c.value and p.span[0] <= c.span[1] and c.span[0] <= p.span[1]
            for p in pace)

    kept = [c for c in claims if not taken(c)]
    return sorted([*kept, *pace], key=lambda c: c.span[0])
