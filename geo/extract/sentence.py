"""The claims of one sentence: its withdrawal and cession verbs each make a demand or an
offer (:mod:`geo.extract.demands`); failing those, the ground itself after a demand word;
failing that, control (:mod:`geo.extract.control`), clause by clause when clauses name
their own holders ("Moscow holds two-thirds of Zaporizhzhia, while Ukrainian troops still
occupy some 500 km² of Kursk").

Percent are shares of the named units or of Ukraine; areas km².
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.extract.asserted import GAIN_TIME, POLL
from geo.extract.control import EARLIER_FIGURE, PASSIVE, control_claims, fronted_places
from geo.extract.demands import (
    ALL_OCCUPIED,
    FRONT,
    as_demanded_claims,
    bare_demand_claims,
    cession_claims,
    withdrawal_claims,
)
from geo.extract.earlier import mark_earlier
from geo.extract.lexicon import CUES, Figure, cue
from geo.extract.model import ExtractedClaim
from geo.extract.parts import (
    LAST_GROUP,
    LAST_SIDE,
    LAST_UNIT,
    SIDE_NAME,
    Parts,
    clause_side,
    codes_of,
    is_landmark,
    is_there,
    make_claim,
    parts_of,
    places_before,
    places_from,
    remember_group,
    unit_of_small_area,
)
from geo.extract.patterns import led
from geo.extract.text import Sentence

__all__ = ["sentence_claims", "FIGURE_ANAPHOR"]


#: "the figure", "that share": a figure of the clause before, again.
FIGURE_ANAPHOR = re.compile(r"\b(?:(?:the|that|this)\s+(?:figure|share|number|proportion|"
                             r"percentage)|the\s+(?:remainder|rest))\b", re.I)


def sentence_claims(s: Sentence) -> list[ExtractedClaim]:
    claims = _sentence_claims(s)
    if claims and "respectively" in s.text:
        return _respectively(s, claims)
    return claims


#: An area larger than any region (the largest, Odesa, is 33,310 km²): with no place named,
#: "Russian forces hold roughly 114,000 square kilometres" is of the whole country.
NATIONAL_AREA = 40_000
#: A word ALL_OCCUPIED needs, looked for first.
_ALL_WORDS = re.compile(r"occupied|1991|borders|every\s|"
                        r"(?:from|leave|quit)\s+(?:all\s+(?:of\s+)?|the\s+\w+\s+of\s+)?"
                        r"(?:Ukraine|its|our|Ukrainian)\b", re.I)
#: Sides listed before a verb: "Russia and Ukraine (hold)".
_SIDE_LIST = re.compile(r"\b(Russia|Moscow|Ukraine|Kyiv|Russian\s+forces|Ukrainian\s+forces)\s+"
                        r"and\s+(Russia|Moscow|Ukraine|Kyiv|Russian\s+forces|Ukrainian\s+forces)"
                        r"\b", re.I)


def _respectively(s: Sentence, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Figures paired in order with the places, or the sides, listed "respectively": "In
    Zaporizhzhia and Kherson, Russian control stands at 73% and 72% respectively";
    "roughly 73% and 72% of Zaporizhzhia and Kherson oblasts respectively"; "Russia and
    Ukraine hold about 80% and 20% of Donetsk respectively"."""
    parts = parts_of(s)
    control = [c for c in claims if c.kind.startswith("control") and c.value is not None]
    for regions in dict.fromkeys(c.regions for c in control):
        group = [c for c in control if c.regions == regions]
        run = _run(s, parts.figs, {c.value for c in group})
        sides = _SIDE_LIST.search(s.text)
        first = group[0]
        if len(regions) >= 2 and len(run) == len(regions):
            pairs = [(f, (code,), first.actor, f"'respectively': the figure paired with {code}")
                     for f, code in zip(run, regions, strict=True)]
        elif len(regions) == 1 and sides and len(run) == 2:
            named = [("RU" if w.lower().startswith(("russia", "moscow")) else "UA")
                     for w in sides.groups()]
            pairs = [(f, regions, side, f"'respectively': the figure paired with "
                      f"{SIDE_NAME[side]}") for f, side in zip(run, named, strict=True)]
        else:
            continue
        paired = [make_claim(parts, "control_share" if f.unit == "percent" else "control_area",
                             actor, codes, f, f.qualifier, (f.start, f.end),
                             [*first.review, why]) for f, codes, actor, why in pairs]
        claims = sorted([c for c in claims if c not in group] + paired,
                        key=lambda c: c.span[0])
    return claims


def _run(s: Sentence, figs: list[Figure], values: set[float | None]) -> list[Figure]:
    """The figures listed together ("73% and 72%", "80%, 15% and 5%") that hold one of
    ``values``."""
    runs: list[list[Figure]] = []
    for f in figs:
        if runs and runs[-1][-1].unit == f.unit and _LIST_JOIN.fullmatch(
                s.text, runs[-1][-1].end, f.start):
            runs[-1].append(f)
        else:
            runs.append([f])
    return next((r for r in runs if len(r) > 1 and any(f.value in values for f in r)), [])


#: Between two figures of one list: ", ", " and ", ", and ".
_LIST_JOIN = re.compile(r"\s*(?:,\s*)?(?:and\s+|,\s*)")


def _demanded_after_poll(parts: Parts, poll_end: int, verb: re.Match[str]) -> bool:
    """Whether ``verb``, after a poll's word, is a side's demand: "The poll was published as
    Moscow continued to insist that Ukraine pull its forces out of the Donbas" (the side
    the subject of the demand word; not "61 per cent of Ukrainians would reject ...")."""
    text = parts.s.text
    for d in CUES["demand"].finditer(text, poll_end, verb.start()):
        for a in parts.actors:
            if (poll_end < a.start and a.end <= d.start() and a.side in ("RU", "UA", "US")
                    and re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}", text[a.end:d.start()])
                    and not re.search(r"\bof\s+(?:the\s+)?$",
                                      text[max(0, a.start - 10):a.start])):
                return True
    return False


def _sentence_claims(s: Sentence) -> list[ExtractedClaim]:
    text = s.text
    if not (cue("control", text) or cue("withdraw", text)
            or cue("cede", text) or cue("demand", text)):
        return _labelled(s) or _side_figures(s) or _shared(s)
    if _QUESTION_MARK.search(text) and _ASKS.match(re.split(r"[:;]\s+|\n|\s[|/]\s",
                                                            text)[-1]):
        return []  # a question states nothing ("Can the minister confirm that ...?")
    parts = parts_of(s)
    if not (parts.places or parts.country or FRONT.search(text) or (
            _ALL_WORDS.search(text) and ALL_OCCUPIED.search(text))
            or (any(f.unit == "km2" and f.value >= NATIONAL_AREA for f in parts.figs)
                and any(a.side in ("RU", "UA") for a in parts.actors))):
        return _shared(s)
    # every withdrawal and cession verb, each with the places after it ("demanded that Kyiv
    # withdraw from the rest of Donetsk and cede the four regions": two demands); none in a
    # poll's findings ("54% reject a plan under which Ukraine would withdraw from Donbas":
    # what respondents think, not what a side asks or offers)
    polled = POLL.search(text)
    poll = polled is not None
    # (from the first of each, found by the cheaper cue: most sentences have none)
    verbs = sorted([(kind, m) for kind in ("withdraw", "cede")
                    if (first := cue(kind, text)) is not None
                    for m in CUES[kind].finditer(text, first.start())],
                   key=lambda kv: kv[1].start())
    if polled is not None:
        verbs = [(k, m) for k, m in verbs if _demanded_after_poll(parts, polled.end(), m)]
    if verbs:
        out: list[ExtractedClaim] = []
        for kind, m in verbs:
            out += (withdrawal_claims(parts, m) if kind == "withdraw" else cession_claims(parts, m)
                    ) or as_demanded_claims(parts, m, kind) or (
                        _joined_cession(parts, m, out) if kind == "cede" else [])
        # "now seeks only the whole of Donbas" beside a demand with a verb
        out += [b for b in bare_demand_claims(parts)
                if not any(b.span[0] < c.span[1] and c.span[0] < b.span[1] for c in out)]
        # "would order a ceasefire once Ukraine began pulling its troops out of the four
        # regions, adding that the withdrawal must cover all of them": the side that asks
        # for the withdrawal does not offer its own from the same ground
        asked = {(c.actor, c.regions) for c in out if c.kind == "demand_withdraw"}
        out = [c for c in out if not (c.kind == "offer_withdraw" and (c.actor, c.regions) in asked)]
        if out:
            out.sort(key=lambda c: c.span[0])
            # "... cede the rest of Donetsk, where Ukraine still holds about 30 % of the
            # region": the relative clause states control of its own
            where = _WHERE.search(text)
            if where and where.start() > verbs[-1][1].end():
                # read from the place the clause is about ("Donetsk region, where Kyiv
                # holds 14 % of the territory"): "the territory" is that place
                named = [p for p in parts.places if p.end <= where.start()]
                # from the list the place ends ("the Zaporizhzhia and Kherson regions,
                # where Russian forces hold almost three quarters of the territory")
                listed = places_before(parts, named[-1].end) if named else []
                at = (listed or named)[0].start if named else where.end()
                sub = Sentence(text[at:], s.start + at)
                LAST_UNIT.set(out[-1].regions if len(out[-1].regions) == 1 else LAST_UNIT.get())
                held = [c for c in sentence_claims(sub) if c.kind.startswith("control")]
                pronoun = _HOLD_THERE.match(text, where.end())
                if pronoun and named and len(held) == 1 and (
                        held[0].value is not None or held[0].qualifier == "part"):
                    # "withdraw its forces from Russia's Kursk region, where they still hold
                    # about 500 square kilometres": the figure is of that place, held by
                    # the side that would withdraw (or is asked to)
                    last = out[-1]
                    holder = last.actor if last.kind == "offer_withdraw" else last.target
                    codes = tuple(dict.fromkeys(c for p in (listed or named[-1:])
                                                for c in p.codes))
                    if holder in ("RU", "UA"):
                        held = [replace(held[0], actor=holder, regions=codes, review=(
                            f"'{pronoun.group(1)}' in the clause after the place: the side "
                            f"that would withdraw from it",))]
                out += held
            else:
                # a clause of its own that states control ("They now control roughly 78 %
                # of it, and Moscow wants the remainder handed over"), or the words before
                # the first demand or verb ("Russia holds 80 % of Donetsk and wants ...")
                clauses = _clauses(s)
                if len(clauses) == 1:
                    cut = min([m.start() for k in ("demand", "withdraw", "cede")
                               for m in [CUES[k].search(text)] if m] or [0])
                    out += _control_before(s, cut)
                for clause in clauses if len(clauses) > 1 else []:
                    if cue("control", clause.text) and not (
                            cue("withdraw", clause.text)
                            or cue("cede", clause.text)
                            or cue("demand", clause.text)):
                        # "..., even though Russian troops hold only about three quarters
                        # of the two regions": the lists of the clauses before it too
                        token = LAST_GROUP.set(LAST_GROUP.get())
                        remember_group(text[:clause.start - s.start])
                        out += control_claims(parts_of(clause))
                        LAST_GROUP.reset(token)
                out.sort(key=lambda c: c.span[0])
            return mark_earlier(s, out)
        if not cue("control", text):
            return []
        # no demand or offer after all ("we hold a quarter of Donetsk and will not
        # leave it"): read it as a statement of control, of ground other than what the
        # verbs name
        objects = {p.start for _, m in verbs for p in places_from(parts, m.end(), limit=60)[0]}
        return [c for c in _control_clauses(s, parts) if c.span[0] - s.start not in objects]
    bare = [] if poll else bare_demand_claims(parts)
    if bare:
        # "Russia holds almost all of Luhansk and most of Donetsk - and Moscow says it wants
        # the rest": the holding stated before the demand stands too
        held = _control_before(s, bare[0].span[0] - s.start)
        return sorted(held + mark_earlier(s, bare), key=lambda c: c.span[0])
    if not cue("control", text):
        return []
    return _control_clauses(s, parts)


#: Between a demand to withdraw and a cession verb joined to it: "(withdrew its troops from
#: Donetsk) and (recognised)", "(..., Luhansk regions), (recognised)".
_JOINED = re.compile(r"[^.;:!?()\n]{0,80}?(?:,|\band\b|\bas\s+well\s+as\b)\s*$", re.I)


#: The ground just named, again: "(recognised) these territories", "them".
_SAME_GROUND = re.compile(r"\s+(?:(?:these|those|the\s+same|all\s+these)\s+(?:territories|regions|"
                          r"areas|lands|oblasts|provinces)|them|it)\b", re.I)


def _joined_cession(parts: Parts, verb: re.Match[str], before: list[ExtractedClaim]
                    ) -> list[ExtractedClaim]:
    """A cession joined to a demand to withdraw the sentence made just before it, with no
    demand word of its own: "a ceasefire if Ukraine withdrew its troops from Donetsk and
    recognised the four regions as Russian territory" asks both; the withdrawal's author
    asks the cession of the same side."""
    text = parts.s.text
    asked = [c for c in before if c.kind == "demand_withdraw" and c.actor in ("RU", "UA")
             and c.span[1] - parts.s.start <= verb.start()]
    if not asked or not _JOINED.fullmatch(text, asked[-1].span[1] - parts.s.start, verb.start()):
        return []
    if not verb.group(0).lower().startswith(("recogni", "cede", "ced", "hand", "give",
                                             "surrender", "transfer")):
        return []
    first = asked[-1]
    same = _SAME_GROUND.match(text, verb.end())
    ps, end = places_from(parts, verb.end(), limit=60)
    if same:  # "... and recognised these territories as part of Russia": the same ground
        regions, end = first.regions, same.end()
    elif ps:
        regions = codes_of(ps)
    else:
        return []
    return [make_claim(parts, "demand_cede", first.actor, regions, None, "all",
                       (verb.start(), end), [
                           f"joined to {SIDE_NAME[first.actor]}'s demand to withdraw before "
                           f"it ('{verb.group(0)}'): {SIDE_NAME[first.actor]}'s demand too"],
                       target=first.target)]


#: A clause that opens with a pronoun for a side: "they now hold ...", "it controls ...".
_OPENS_WITH_PRONOUN = re.compile(r"[\"“]?(?:they|it)\b", re.I)


def _control_clauses(s: Sentence, parts: Parts) -> list[ExtractedClaim]:
    """The control claims of ``s``, clause by clause when clauses name their own holders."""
    clauses = _clauses(s)
    if len(clauses) == 1:
        return control_claims(parts) or _share_statement(parts) or _of_which(parts)
    found: list[ExtractedClaim] = []
    # Each clause has its own holder ("Moscow holds two-thirds of Zaporizhzhia, while
    # Ukrainian troops occupy 500 km² of Kursk"); one without a verb takes the one before
    # ("Ukrainian forces control 25 % of the region, and Russia about 75 %").
    for clause in clauses:
        side = (clause_side(parts, clause.start - s.start)
                if clause.start > s.start and _OPENS_WITH_PRONOUN.match(clause.text) else None)
        # "...; they now hold a strip of it": the side the clauses before named, not the
        # sentence before's
        token = LAST_SIDE.set(side) if side else None
        try:
            cparts = parts_of(clause)
        finally:
            if token is not None:
                LAST_SIDE.reset(token)
        named = [p for p in cparts.places if len(p.codes) == 1 and not is_there(p)
                 and not is_landmark(clause.text, p)]
        if named:  # "the region" in the next clause is the unit named last
            LAST_UNIT.set(named[-1].codes)
        if not (cparts.places or cparts.country):
            found += _elliptic(cparts, found)
            continue
        verb = cue("control", clause.text)
        if verb is None and not any(a.side in ("RU", "UA") for a in cparts.actors):
            if found and found[-1].kind.startswith("control") and cparts.figs:
                # "...: Luhansk 99%; Donetsk 78%": the items of the clause before
                found += [c for c in control_claims(
                    cparts, holder=found[-1].actor,
                    holder_review=["an item of the list before; its holder"])
                    if c.value is not None]
            continue
        found += control_claims(cparts, verb=verb)
    return found or _share_statement(parts)


#: A share named by its holder and then given: "the occupied share is about 18%", "Russian
#: control stands at roughly 73%", "Ostmark puts the Russian-held share at 19.3 per cent",
#: "analysts put current Russian control at about 19%", "put the Russian-held area at roughly
#: 108,000 sq km".
_SHARE_STATEMENT = re.compile(
    r"\b(?:(?P<put>puts?|putting|estimates?|estimated|places?|placed|pegs?|pegged)\s+)?"
    r"(?:the\s+|its\s+)?(?:current\s+|overall\s+|total\s+)?"
    r"(?P<adj>Russian-held|Russian-occupied|Russian|occupied|Ukrainian-held|Ukrainian|Kyiv-held|"
    r"Moscow['’]s|Russia['’]s|Kyiv['’]s|Ukraine['’]s)\s+"
    r"(?P<what>share|portion|proportion|control|footprint|holding|area|territory)"
    r"(?:\s+of\s+(?P<of>[^,;]{1,60}?))?\s*,?\s+"
    r"(?(put)at|(?:now\s+|currently\s+)?(?:is|was|stands\s+at|stood\s+at|has\s+reached|reached|"
    r"rose\s+to|ticked\s+up\s+to|amounts\s+to|comes\s+to|is\s+now|now\s+stands\s+at))"
    r"\s+(?:now\s+|currently\s+)?", re.I)


def _shared(s: Sentence) -> list[ExtractedClaim]:
    """:func:`_share_statement` of a sentence no other rule reads, when it names a share."""
    low = s.text.lower()
    if "share" not in low and "portion" not in low and "control" not in low and \
            "-held" not in low and "-occupied" not in low:
        return []
    return _share_statement(parts_of(s))


#: After a place: a share of it a side holds, in a relative clause (", about 72 percent of
#: which Moscow's forces occupy", ", 70% of which is occupied by Russia").
_OF_WHICH = re.compile(
    r"(?:\s+(?:region|oblast|province))?\s*,\s+(?:about\s+|roughly\s+|around\s+|some\s+|nearly\s+|"
    r"almost\s+|more\s+than\s+|less\s+than\s+|over\s+|just\s+over\s+|just\s+under\s+)?"
    r"(?P<fig>[^,;]{1,25}?)\s+of\s+which\s+(?:(?P<side>(?:Russian|Ukrainian|Russia['’]s|"
    r"Ukraine['’]s|Moscow['’]s|Kyiv['’]s)\s+(?:troops|forces|army)|Russia|Moscow|Ukraine|Kyiv|"
    r"the\s+(?:occupiers|invaders))\s+(?:now\s+|still\s+)?(?:occup(?:y|ies)|holds?|controls?)|"
    r"(?:is|are)\s+(?:now\s+|still\s+)?(?:(?:occupied|held|controlled)\s+by\s+(?P<by>Russia|Russian\s+"
    r"(?:troops|forces)|Moscow|Ukraine|Ukrainian\s+(?:troops|forces)|Kyiv)|under\s+(?P<under>"
    r"Russian|Ukrainian)\s+control|(?P<occupied>occupied)))\b", re.I)


def _of_which(parts: Parts) -> list[ExtractedClaim]:
    """A share of a place a relative clause after it says a side holds: "The region, about
    72 percent of which Moscow's forces occupy, ...", "Kherson, 70% of which is occupied by
    Russia"."""
    text = parts.s.text
    if "of which" not in text:
        return []
    out: list[ExtractedClaim] = []
    for p in parts.places:
        ps, end = places_from(parts, p.start, limit=0)
        m = _OF_WHICH.match(text, end)
        fig = next((f for f in parts.figs if m and m.start("fig") <= f.start < m.end("fig")),
                   None) if m else None
        if m is None or fig is None or fig.unit != "percent":
            continue
        who = (m.group("side") or m.group("by") or m.group("under") or "").lower()
        side = "UA" if who.startswith(("ukrain", "kyiv")) else "RU"
        out.append(make_claim(parts, "control_share", side, codes_of(ps), fig, fig.qualifier,
                              (p.start, m.end()),
                              [f"a share of the place in a relative clause after it ('"
                               f"{m.group(0).strip(' ,')}'): held by {SIDE_NAME[side]}"]))
    return out


def _share_statement(parts: Parts) -> list[ExtractedClaim]:
    """The claims of a share named by its holder and then given (:data:`_SHARE_STATEMENT`):
    the holder from the adjective ("occupied": Russia's), the unit from "of ..." or the
    places the sentence names, else Ukraine as a whole; figures listed together ("73% and
    72% respectively") each."""
    text = parts.s.text
    m = _SHARE_STATEMENT.search(text)
    if m is None:
        return []
    adj = m.group("adj").lower()
    if m.group("what").lower() in ("control", "holding", "footprint") and adj in (
            "occupied",):
        return []
    side = "UA" if adj.startswith(("ukrain", "kyiv")) else "RU"
    figs = [f for f in parts.figs if f.start >= m.end()]
    what = m.group("what").lower()
    if what in ("area", "territory") and not (m.group("put") or adj.endswith(("-held",
                                                                              "-occupied"))):
        return []  # "Russian territory is ...": Russia's own land
    if not figs or figs[0].start - m.end() > 20 or figs[0].unit != "percent" and \
            what not in ("control", "area", "territory"):
        return []
    named = [p for p in parts.places if not is_there(p)]
    if m.group("of") and not any(m.start("of") <= p.start < m.end("of") for p in named) \
            and not any(a < m.end("of") and m.start("of") < b for a, b in parts.country) \
            and not re.match(r"(?:the\s+)?(?:country|territory|land)\b", m.group("of"), re.I):
        return []  # "Ukraine's share of world grain exports": no ground
    # "about 4% in Kharkiv, under 1% in Sumy and roughly 0.5% in Dnipropetrovsk"
    each = [(f, p) for f in figs for p in named if p.start > f.end
            and re.fullmatch(r"\s+in\s+(?:the\s+)?", text[f.end:p.start], re.I)]
    if each and each[0][0] is figs[0]:
        one = (f"the share named by its holder ('{m.group(0).strip()}'), each figure of the "
               f"place after it")
        return [make_claim(parts, "control_share", side, p.codes, f, f.qualifier,
                           (f.start, p.end), [one]) for f, p in each if f.unit == "percent"]
    run = [figs[0]]
    for f in figs[1:]:
        if f.unit == run[-1].unit and _LIST_JOIN.fullmatch(text, run[-1].end, f.start):
            run.append(f)
    of = [p for p in named if m.group("of") and m.start("of") <= p.start < m.end("of")]
    after = [p for p in named if p.start >= run[-1].end and re.fullmatch(
        r"\s+of\s+(?:the\s+)?", text[run[-1].end:p.start], re.I)]
    ps = of or after or [p for p in named if p.end <= m.start()]
    codes = tuple(dict.fromkeys(c for p in ps for c in p.codes))
    small = None if ps or run[0].unit != "km2" else unit_of_small_area(run[0].value)
    why = [f"the {'share' if what == 'control' else what} named by its holder "
           f"('{m.group(0).strip()}')"] + (
        [] if ps else [f"no place named for an area too small for a national total: of "
                       f"{', '.join(small)}, named before"] if small else
        ["no place named: read as Ukraine as a whole"])
    codes = codes or small or ("UA",)
    if not ps and run[0].unit == "percent" and (
            (side == "RU" and run[0].value > 35) or (side == "UA" and run[0].value < 55)):
        # "puts the Russian-held share at around 75%": no share of the whole country that
        # size (about a fifth is Russia's); the region named before it
        last = LAST_UNIT.get()
        if not last:
            return []
        codes = last
        why = why[:1] + [f"no place named, and no share of Ukraine as a whole that side "
                         f"holds: read as {', '.join(last)}, named before"]
    if not ps and run[0].unit == "km2" and side == "UA" and run[0].value < 40_000:
        # "put the Ukrainian-held area at under 400 square kilometres": Ukraine's holding
        # that small is of a Russian region, the one named before, or of none known
        last = LAST_UNIT.get()
        if not last or not all(c.startswith("RU-") for c in last):
            return []
        codes = last
        why = why[:1] + [f"no place named; Ukraine's small area read as "
                         f"{', '.join(last)}, named before"]
    return [make_claim(parts, "control_share" if f.unit == "percent" else "control_area",
                       side, codes, f, f.qualifier, (m.start(), f.end), why) for f in run]


def _control_before(s: Sentence, cut: int) -> list[ExtractedClaim]:
    """Control stated in the words before offset ``cut`` (a demand's first word)."""
    head = Sentence(s.text[:cut], s.start)
    return control_claims(parts_of(head)) if cue("control", head.text) else []


def _elliptic(parts: Parts, before: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """A clause with a figure and no place, of the ground the clause before named:
    "Ukrainian forces control 25 % of the region, and Russia about 75 %"; "Russia held 27 %
    of Ukraine; today the figure is closer to 19 %". Its holder is the side it names, else
    the one before."""
    if not before or not parts.figs:
        return []
    # the side named before the figure ("and Russia about 75 %"), not a source after it
    # ("..., according to Ukrainian analysts"); "it" / "they" hold for the side before
    passive = PASSIVE.search(parts.s.text)  # "the remainder, about 19 %, is occupied by Russia"
    holders = [a.side for a in parts.actors if a.side in ("RU", "UA") and (
        a.end <= parts.figs[0].start or (passive and passive.start() <= a.start < passive.end()))]
    if not (holders or FIGURE_ANAPHOR.search(parts.s.text) or _PRONOUN.search(parts.s.text)):
        return []
    last = before[-1]
    if not last.kind.startswith("control"):
        return []
    if _PUTS_FIGURE.search(parts.s.text):
        # "...; Ukraine's regional administration puts the figure at 72 per cent": the
        # side named is the source of another estimate of the same holding
        holders = []
    out: list[ExtractedClaim] = []
    for fig in parts.figs:
        if fig.unit != last.unit and not (
                fig.unit == "km2" and holders and list(last.regions) != ["UA"]
                and cue("control", parts.s.text) is not None):
            # "Russia holds 78 % of the region, while Ukraine keeps about 5,800 sq km": an
            # area its side is said to hold, of the region the share was of
            continue
        if _TAKEN_BEFORE.search(parts.s.text, max(0, fig.start - 40), fig.start) \
                or GAIN_TIME.search(parts.s.text):
            continue  # 'had "liberated" more than 800 km² since the autumn': ground taken
        kind = "control_share" if fig.unit == "percent" else "control_area"
        claim = make_claim(parts, kind, holders[0] if holders else last.actor,
                           last.regions, fig, fig.qualifier, (fig.start, fig.end),
                           [f"no place in this clause: the ground of the clause before "
                            f"({', '.join(last.regions)})"])
        if out and out[-1].unit == fig.unit and EARLIER_FIGURE.search(
                parts.s.text, max(0, fig.start - 40), fig.start):
            # "Ukraine holds ~400 km², down from ~1,300 km² in August 2024"
            claim = replace(claim, status="earlier",
                            review=(*claim.review, "an earlier figure, given with the "
                                    "current one"))
        out.append(claim)
    return out


#: A verb of taking ground right before a figure: "liberated", "captured", "seized".
_TAKEN_BEFORE = re.compile(r"\b(?:liberat|captur|seiz|took|taken|gain|overr[au]n|retook|"
                           r"recaptur|advanc)\w*[\"”’']?\s+(?:(?:more\s+than|over|about|"
                           r"around|roughly|some|nearly|almost|another|a\s+further)\s+)?$", re.I)
#: Another source's estimate of the figure just given: "puts the figure at", "estimates it at".
_PUTS_FIGURE = re.compile(r"\b(?:puts?|put|places?|placed|estimates?|estimated|gives?|gave|"
                          r"pegs?|pegged)\s+(?:the|that|this)\s+(?:(?:real|true|actual|correct)\s+)?"
                          r"(?:figure|share|number|proportion|percentage)\s+(?:closer\s+to|nearer|at|"
                          r"as)\b|\b(?:puts?|places?|estimates?|pegs?|pegged|placed|estimated)\s+it\s+"
                          r"at\b|"
                          # "...; Ukraine's General Staff says the real figure is about 90 km²"
                          r"\bthe\s+(?:real|true|actual|correct)\s+(?:figure|share|number|total)\s+"
                          r"(?:is|was|stands\s+at)\b", re.I)
_QUESTION_MARK = re.compile(r"\?[\"”’')]*\s*$")
_ASKS = re.compile(r"\W*(?:can|could|does|do|did|is|are|was|were|will|would|has|have|should|"
                   r"shall|may|might|must|what|which|who|how|why|where|when)\b", re.I)


#: A side's short name right before its figure, as posts and tables write it: "RU 76.2%
#: of Donetsk, so UA ~23.8%", "DeepState had RU at 81.1%", "UA is under 19%".
_SIDE_FIGURE = re.compile(r"\b(?P<side>RU|UA)(?:\s+(?:is|was|has|had|holds?|held))?"
                          r"(?:\s+(?:at|on|with))?\s*[:=]?\s+(?=[~≈<>]?\s*(?:(?:about|roughly|"
                          r"around|under|over|nearly|almost|just\s+(?:over|under)|some|c\.|"
                          r"approx\.?)\s+)?\d)")


def _side_figures(s: Sentence) -> list[ExtractedClaim]:
    """Shares written after a side's short name ("RU 76.2% of Donetsk, so UA ~23.8%"): of
    the place after "of", else of the place named last before the name."""
    text = s.text
    if "RU" not in text and "UA" not in text:
        return []
    found = list(_SIDE_FIGURE.finditer(text))
    if not found:
        return []
    parts = parts_of(s)
    out: list[ExtractedClaim] = []
    for m in found:
        fig = next((f for f in parts.figs if 0 <= f.start - m.end() <= 16), None)
        if fig is None or fig.unit != "percent":
            continue
        after = [p for p in parts.places if p.start >= fig.end and re.fullmatch(
            r"\s+of\s+(?:the\s+)?", text[fig.end:p.start], re.I)]
        before = [p for p in parts.places if p.end <= m.start()]
        ps = after[:1] or before[-1:]
        if not ps:
            continue
        side = m.group("side")
        out.append(make_claim(parts, "control_share", side, ps[0].codes, fig, fig.qualifier,
                              (m.start(), max(fig.end, ps[0].end) if after else fig.end),
                              [f"a share written after the side's short name ('{side}')"]))
    return out


def _labelled(s: Sentence) -> list[ExtractedClaim]:
    """A line with no verb that names its place first and a side before each figure:
    "Donetsk oblast: RU 81.2% / UA 18.8%"."""
    parts = parts_of(s)
    if not parts.figs or not fronted_places(parts):
        return []
    if not all(_SIDE_RIGHT_BEFORE.search(s.text[:f.start]) for f in parts.figs):
        return []
    return [c for c in control_claims(parts, verb=re.match(r"", s.text)) if c.value is not None]


#: A side right before a figure: "RU 81.2%", "Russia: 74%", "Ukraine ~26%".
_SIDE_RIGHT_BEFORE = re.compile(r"\b(?:RU|UA|Russia|Ukraine|Moscow|Kyiv)\s*[:\-–]?\s*~?\s*$")


#: "it holds", "they now control": the side of the clause before.
_PRONOUN = re.compile(r"\b(?:it|they)\s+(?:\w+\s+)?(?:holds?|held|controls?|controlled|"
                      r"occup(?:y|ies|ied)|has|had)\b", re.I)


#: Where a sentence divides into clauses that each name their own holder.
_CLAUSE = led(r",\s+(?:while|whereas|but|and)\s+(?:that\s+)?"
              r"(?=(?:the\s+)?(?:Russia|Ukraine|Moscow|"
              r"Kyiv|Kremlin|Russian|Ukrainian)\b)|;\s+|"
              # "... posts going round: Ukraine still holds about 8,500 km²"
              # (or a few words before the side: ": its analysts estimate Kyiv still
              # holds roughly 28 percent of Donetsk")
              r":\s+(?=(?:[\w'’]+\s+){0,4}?(?:the\s+)?(?:Russia|Ukraine|Moscow|Kyiv|Kremlin|"
              r"Russian|Ukrainian)\b[^:]{0,40}?\b(?:holds?|controls?|occupies|still)\b)|"
              r",?\s+(?:while|whereas|even\s+as|even\s+though|although|though)"
              r"\s+", re.I)


def _clauses(s: Sentence) -> list[Sentence]:
    """The sentence's clauses (itself when it has one), with their offsets."""
    out: list[Sentence] = []
    pos = 0
    for m in _CLAUSE.finditer(s.text):
        if m.group(0).startswith(":") and (len(s.text[pos:m.start()].split()) < 4
                                            or _PLACES_LABEL.fullmatch(s.text, pos, m.start())):
            continue  # "• Donetsk: Ukraine holds roughly one-fifth": a label, not a clause
        if m.start() > pos:
            out.append(Sentence(s.text[pos:m.start()], s.start + pos))
        pos = m.end()
    if pos == 0:
        return [s]
    out.append(Sentence(s.text[pos:], s.start + pos))
    return out


#: A label of places before a colon: "- Kharkiv and Sumy", "Zaporizhzhia, Kherson".
_PLACES_LABEL = re.compile(r"\W*(?:the\s+)?[A-Z][\w'’-]+(?:(?:\s*,\s*|\s+(?:and|&)\s+)(?:the\s+)?"
                           r"[A-Z][\w'’-]+){1,3}(?:\s+(?:regions|oblasts|provinces))?\s*")
#: A pronoun holding a figure of no place, at the start of a "where" clause: "(where) they
#: still hold about 500 square kilometres".
_HOLD_THERE = re.compile(r"(it|they)\s+(?:still\s+|now\s+|currently\s+)?(?:holds?|controls?|"
                         r"occup(?:y|ies)|(?:have|has)\s+held)\s+(?:(?:(?:about|roughly|around|some|"
                         r"nearly|almost|over|more\s+than|less\s+than|under|just\s+over|just\s+"
                         r"under|an\s+estimated)\s+)*[\d.,]+\s*(?:%|per\s*cent|percent|km²|km2|"
                         r"sq\.?\s*km|square\s+kilomet(?:re|er)s)(?!\s+of\b)|"
                         # "(where) they have held a few villages since the summer"
                         r"(?:only\s+)?(?:a\s+(?:few|handful\s+of|couple\s+of)|several|some)\s+"
                         r"(?:villages|settlements|positions|pockets)\b)", re.I)
_WHERE = re.compile(r",\s+(?:where|(?:most\s+|much\s+)?of\s+which)\s+", re.I)
