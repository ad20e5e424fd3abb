"""Demands and offers of a sentence: to withdraw from ground, to cede it, and the ground
asked for by itself ("the Kremlin now seeks only Luhansk and Donetsk").

Who demands of whom is read by :mod:`geo.extract.demanders` (the side named last before
the demand word, "after a summit with the US president, the Kremlin leader demanded
...", or after it, "a demand from Moscow"; its target the side named between it and the
verb); a demand since replaced is marked by :mod:`geo.extract.earlier`. Percent are
shares of the named units; areas km².
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.extract.demanders import (
    RELATIVE,
    SOURCE_ASIDE,
    asked_whether,
    conditional_demand,
    demand_sides,
    last_demand,
    offering_side,
    plan_author,
    summed_up,
)
from geo.extract.lexicon import AS_DEMANDED, CUES, Figure, Place, place_at
from geo.extract.model import ExtractedClaim
from geo.extract.parts import (
    ANNEXED,
    CENTRES_BEFORE,
    SIDE_NAME,
    Parts,
    codes_of,
    figureless,
    group_review,
    make_claim,
    negated,
    other_side,
    places_before,
    places_from,
    subject,
)
from geo.extract.patterns import led
from geo.intervals import interval_from_claim

__all__ = ["as_demanded_claims", "bare_demand_claims", "withdrawal_claims", "cession_claims",
           "FRONT", "ALL_OCCUPIED", "BARE_CESSION"]


#: Right after a side asked to act: "(insistence that Ukraine) surrender", "(for Kyiv to) leave".
_ASKED_ACT = re.compile(r"\s+(?:(?:to|must|should|would|also|first)\s+)*(?:surrender|cede|hand|"
                        r"give|withdraw|pull|leave|quit|abandon|recogni[sz]e|transfer|vacate)\b",
                        re.I)
#: The review line of a demand for ground with no verb of cession.
BARE_CESSION = "a demand for the ground itself, no verb of cession: read as a demand to cede it"
#: A demand word with the ground right after it, no verb of cession: "the Kremlin now seeks
#: only Luhansk and Donetsk", "Moscow wants all of Donbas".
_BARE_DEMAND = led(r"\b(?:wants?|wanted|wanting|seeks?|sought|seeking|"
                   r"demand(?:s|ed|ing)?(?:\s+for)?|"
                   r"insist(?:s|ed|ing)?\s+on|insistence\s+on|"
                   # "In 2024 Moscow's demand was all four regions"
                   r"demand\s+(?:was|is|remains|remained)|"
                   r"(?:asks?|asked|asking|called|calls|pressed|presses)\s+"
                   r"(?:only\s+)?for|(?:(?:would|will|could|might)\s+|['’](?:ll|d)\s+)settle\s+for|price\s+"
                   r"(?:is|was|remains|would\s+be)|"
                   # "offered to withdraw from Sumy ..., in exchange for all of Donetsk"
                   r"in\s+(?:exchange|return)\s+for)"
                   # "demanded, as the price of a ceasefire, the four regions"
                   r"(?:\s*,\s+(?:as|in|at|for|by|during|after|before)\s[^,;:]{1,50},)?"
                   r"\s+(?:only\s+)?(?:(?:all|the\s+whole|the\s+rest|the\s+remainder|control|"
                   r"the\s+(?:Ukrainian|Kyiv)-(?:held|controlled)\s+(?:parts?|rest|"
                   r"remainder))\s+of\s+)?(?:the\s+)?(?:entire\s+|whole\s+|complete\s+|full\s+)?$",
                   re.I)


def as_demanded_claims(parts: Parts, verb: re.Match[str], kind: str) -> list[ExtractedClaim]:
    """A withdrawal or cession (``kind`` "withdraw" or "cede") of the ground after ``verb``
    that a side is said to have demanded in a clause after it, however the sentence puts
    the act itself ("If Kyiv were to pull its troops out of the rest of Donetsk, as Moscow
    has demanded, ..."): that side's demand."""
    text = parts.s.text
    ps, end = places_from(parts, verb.end(), limit=60)
    if not ps or (m := AS_DEMANDED.match(text, end)) is None:
        return []
    who = m.group("side").lower()
    actor = ("RU" if who.startswith(("moscow", "russia", "the kremlin", "putin")) else
             "UA" if who.startswith(("kyiv", "ukraine", "zelensk")) else "US")
    doers = [a.side for a in parts.actors if a.end <= verb.start() and a.side in ("RU", "UA")]
    target = other_side(actor) if actor != "US" else (doers[-1] if doers else None)
    return [make_claim(parts, "demand_withdraw" if kind == "withdraw" else "demand_cede", actor,
                       codes_of(ps), None, figureless(text, ps[0].start, end=end, default="all"),
                       (verb.start(), m.end()),
                       [f"'{m.group(0).strip(' ,')}': {SIDE_NAME[actor]}'s demand"], target)]


def bare_demand_claims(parts: Parts) -> list[ExtractedClaim]:
    """Ground named right after a demand word, asked for as it is (a cession)."""
    text = parts.s.text
    out: list[ExtractedClaim] = []
    for p in parts.places:
        m = _BARE_DEMAND.search(text[max(0, p.start - 60):p.start])
        if m is None or (out and p.start < out[-1].span[1] - parts.s.start):
            continue
        if m.group(0).lower().startswith("asking") and text.rstrip().endswith("?"):
            continue  # "So Russia is still asking for all four regions ...?": a question
        start = max(0, p.start - 60) + m.start()
        if m.group(0).lower().startswith("in ") and not CUES["offer"].search(text, 0, start):
            continue  # "in exchange for" the ground, asked only in return for an offer
        if CUES["negation"].search(text[max(0, start - 24):start]) or (
                (neg := CUES["negation"].search(text[max(0, start - 40):start])) is not None
                and not re.search(r"[,;:]", text[max(0, start - 40) + neg.end():start])):
            continue  # "Nobody in Moscow has yet demanded Chernihiv"
        if _LATER_DEMAND.search(text, max(0, start - 40), start) and _LATER.search(text):
            continue  # "Moscow might next time ask for Sumy and Kharkiv too": a threat
        ps, end = places_from(parts, p.start, limit=0)
        # not a side inside a relative clause ("The Kremlin, which demanded that Ukraine
        # ..., now seeks only ...")
        inside = [(m.start(), m.end()) for m in RELATIVE.finditer(text[:start])]
        # nor a source between commas ("the head of the Russian delegation, according to
        # the Ukrainian side, made the threat: 'Today we demand four regions'")
        inside += [(m.start(), m.end()) for m in SOURCE_ASIDE.finditer(text, 0, start)]
        # not a side in a relative clause, nor one asked ("insistence that Ukraine surrender
        # ... and now demands only the rest of Donbas": Moscow demands)
        actors_before = [a for a in parts.actors if a.end <= start
                         and not any(i <= a.start < j for i, j in inside)
                         and not (re.search(r"\b(?:that|for)\s+$",
                                            text[max(0, a.start - 6):a.start])
                                  and _ASKED_ACT.match(text, a.end))]
        if not actors_before:
            continue
        actor = actors_before[-1].side
        clause = text.rfind(";", 0, start) + 1
        if clause and not any(a.start >= clause for a in actors_before) and re.match(
                r"\s*(?:it|he|she|they)\b", text[clause:], re.I):
            # "Moscow had demanded that Kyiv cede ...; it now says it would settle for
            # Donbas": "it" is the sentence's subject, not the side last named
            actor = actors_before[0].side
        if actor not in ("RU", "UA"):
            continue
        out.append(make_claim(parts, "demand_cede", actor, codes_of(ps), None,
                              figureless(text, p.start, default="all", end=end), (start, end),
                              [BARE_CESSION] + group_review(ps), other_side(actor)))
    return out


#: A demand a side may make later, a threat, not a demand made: "(Moscow) might in future
#: (seek Kharkiv as well)", "would next time (demand Sumy)".
_LATER_DEMAND = re.compile(r"(?:\b(?:might|may|could|would|will)|['’]ll)\s+(?:(?:in\s+(?:the\s+)?"
                           r"future|next\s+time|next|later|eventually|then|also|soon)\s+)*$",
                           re.I)
_LATER = re.compile(r"\b(?:next\s+time|in\s+(?:the\s+)?future|as\s+well|too|later|eventually|"
                    r"if\s+the\s+war\s+(?:goes|went)\s+on)\b", re.I)


#: An offer to pull back along the line, not out of the region: "from the front line",
#: "by up to 10 kilometres", "to create a demilitarised zone".
_PULL_BACK = led(r"\b(?:(?:front|contact|current|frontline)\s+line|line\s+of\s+contact|"
                 r"(?<=the\s)(?:[A-Z]\w+\s+)?line\b(?!\s+of\b)|(?<=of\sthe\s)front\b|"
                 r"by\s+(?:up\s+to\s+|some\s+|about\s+)?\d+\s*(?:km|kilomet)|"
                 r"(?:buffer|demilitari[sz]ed)\s+(?:zone|strip|area)|"
                 # "pull back in Donetsk if Russia does the same": a mutual step
                 r"(?:does|do|did|would\s+do|will\s+do)\s+(?:the\s+)?same\b|"
                 r"the\s+same\s+distance|"
                 r"(?<!its\s)(?<!their\s)(?<!our\s)positions)\b", re.I)
#: Between an offer and a withdrawal it asks of the other side.
_CONDITION = re.compile(r"\b(?:if|unless|provided(?:\s+that)?|in\s+(?:exchange|return)\s+for|"
                        r"on\s+condition\s+that|only\s+if|as\s+long\s+as)\b", re.I)
#: A demand word after the ground: "(Donbas) remained an essential condition".
_DEMAND_AFTER = re.compile(r"[^.;]{0,40}?\b(condition|precondition|requirement|demand|imperative|"
                           r"prerequisite|non-negotiable|no\s+(?:settlement|peace|deal|ceasefire|"
                           r"agreement))\b", re.I)
#: No one asks, right before the demand word: "Nobody is (asking)", "no one has (demanded)".
_NOBODY = re.compile(r"\b(?:nobody|no\s+one)\s+(?:(?:is|was|has|had|will|would)\s+)?(?:ever\s+)?$",
                     re.I)
#: After ground named as Russian: "(the status of Crimea as part of Russia) must be
#: recognised".
_ASKED_TO_BE = re.compile(r"[^.;]{0,80}?\b(must|should|would\s+have\s+to|has\s+to|have\s+to)"
                          r"\s+be\b", re.I)
#: "the remaining (22 %)", "(22 %) ... still under Kyiv's control", "... it still holds".
_REMAINING = re.compile(r"\b(?:remaining|rest\s+of\s+the|last)\b", re.I)
_STILL = re.compile(r"(?:\s+(?:region|oblast|province))?\s*,?\s+(?:(?:that|which)\s+)?(?:(?:it|"
                    r"they|we|Kyiv|Kiev|Ukraine|Moscow|Russia)\s+)?still\s+(?:holds?|controls?|"
                    r"occupies|under\b)", re.I)


#: After a withdrawal verb, a front named by its region: "(pull back) from parts of the
#: Donetsk front", "(withdraw) along the Zaporizhzhia front".
FRONT = led(r"(?:\s+(?:its|their|the|all)?\s*(?:troops|forces|units|soldiers))?"
             r"(?:\s+back)?\s+(?:from|along)\s+(?:(?:parts?|sections?|stretches|segments?)"
             r"\s+of\s+)?the\s+(?P<name>[\w'’-]+)\s+front\b", re.I)


#: A threat: "if the Kiev regime does not withdraw (from Donbass), ..." is the other side's
#: demand.
_IF_NOT = re.compile(r"\bif\s+[^,;:]{0,50}?\s+(?:does|do|did|will|would)\s*(?:not|n['’]t)\s+$",
                     re.I)


def _threat(parts: Parts, verb: re.Match[str]) -> list[ExtractedClaim]:
    """The demand a threat states: "if Kyiv does not withdraw from Donbas, Russia will take
    it by military means" (Russia demands Ukraine withdraw); [] when the negation is none."""
    text = parts.s.text
    threat = _IF_NOT.search(text, 0, verb.start())
    if threat is None:
        return []
    doer = [a for a in parts.actors if threat.start() <= a.start < verb.start()
            and a.side in ("RU", "UA")]
    ps, end = places_from(parts, verb.end(), limit=60)
    if not doer or not ps:
        return []
    target = doer[0].side
    actor = other_side(target)
    return [make_claim(parts, "demand_withdraw", actor, codes_of(ps), None,
                       figureless(text, ps[0].start, end=end, default="all"),
                       (threat.start(), end),
                       [f"a threat ('if ... not') if {SIDE_NAME[target]} does not withdraw: "
                        f"read as {SIDE_NAME[actor]}'s demand", *group_review(ps)], target)]


#: All the ground the other side holds, right after a verb of leaving: "(withdraw) from all
#: occupied territory", "(pull out of) all the occupied territories".
ALL_OCCUPIED = led(r"(?:\s+of)?(?:\s+(?:all\s+(?:of\s+)?(?:its|their|the)|its|their|all|the|"
                    r"every)?\s*"
                    r"(?:(?:Russian|Ukrainian)\s+)?"
                    r"(?:troops|forces|army|units|soldiers?))?\s+"
                    r"(?:(?:from|of|out\s+of)\s+)?(?:(all\s+(?:of\s+)?(?:the\s+)?(?:(?:temporarily|"
                    r"currently|now)\s+)?occupied\s+(?:Ukrainian\s+)?(?:territory|"
                    r"territories|land|lands))|(?:(?:back\s+)?to|behind)\s+(?:the\s+)?("
                    r"(?:internationally\s+recogni[sz]ed\s+)?borders\s+of\s+1991|"
                    r"(?:Ukraine['’]s\s+)?1991\s+borders?|"
                    r"(?:Ukraine['’]s\s+)?internationally\s+recogni[sz]ed\s+borders)|"
                    r"(every\s+(?:inch|metre|meter|square\s+(?:metre|meter|kilomet(?:re|er)))\s+"
                    r"of\s+(?:(?:Ukrainian|our)\s+(?:land|territory|soil)|Ukraine\b(?!['’])))|"
                    # "(withdraw its troops) from Ukraine", "from all of its territory"
                    r"(?<=from\s|t\sof\s|eave\s|quit\s)(?:all\s+(?:of\s+)?|the\s+(?:whole|entirety)\s+of\s+|"
                    r"the\s+entire\s+)?(Ukraine(?!['’])|(?:its|our)\s+(?:own\s+)?"
                    r"(?:territory|land|soil)(?!\s+(?:in|of)\b)|Ukrainian\s+(?:territory|"
                    r"land|soil)))\b", re.I)
#: A verb of another clause between a verb of leaving and the next place: "offers to hand
#: back northern slivers, holds firm on Donetsk".
_OTHER_VERB = re.compile(r",\s+(?:and\s+|but\s+)?(?:holds?|stands?|insists?|refuses?|rejects?|"
                         r"says?|keeps?|digs?\s+in|sticks?|warns?|vows?)\b", re.I)
#: After "would": what a deal would entail, no offer ("it would mean abandoning ...").
_CONSEQUENCE = re.compile(r"\s+(?:also\s+)?(?:mean|require|entail|involve|force|oblige|"
                          r"amount\s+to)\b", re.I)
#: Between a withdrawal's places and a second list it also leaves: "(withdraw from the parts
#: of Zaporizhzhia and Kherson it still holds), and from (Donbas entirely)".
_AND_FROM = re.compile(r"[^,;.]{0,40}?,?\s+and\s+(?:also\s+|then\s+)?(?:from|out\s+of)\s+"
                       r"(?:all\s+of\s+|the\s+whole\s+of\s+|the\s+)?$", re.I)
#: The start of a clause of its own: ", and", ", but", ";".
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but|while)\s|;")
#: A withdrawal matched by the other side's: "a mirror pull-back", "a symmetrical withdrawal".
_MIRROR = re.compile(r"\b(?:mirror(?:ed)?|symmetric(?:al)?|reciprocal|mutual|matching|"
                     r"partial|limited)[\"”’']?\s+(?:\w+\s+)?[\"“‘']?$", re.I)


#: Right before a demand's figure: the share is what the other side holds, all of it ("the
#: 20 %", "the remaining 22 %", "the roughly 25 %").
_THE_FIGURE = re.compile(r"\b(?:the|its|their|what\s+is\s+left\s+of\s+the)\s+(?:(?:remaining|"
                         r"last|rest\s+of\s+the)\s+)?(?:(?:about|roughly|around|some|nearly|"
                         r"almost|approximately|estimated|just\s+over|just\s+under|more\s+than|"
                         r"less\s+than|over|under)\s+)?[~≈]?$", re.I)


def held_share(c: ExtractedClaim, parts: Parts, fig: Figure | None) -> ExtractedClaim:
    """A demand or offer with a share in it, as the annotation convention records it: the
    demand is all of the ground ("withdraw from the 20 % of Donetsk it still holds": all
    Ukraine holds there) or part of it ("cede 10 % of Kharkiv"), value None; the share is
    kept as :attr:`ExtractedClaim.held` (the report format's withdraw_share figure)."""
    if fig is None or fig.unit != "percent" or c.value is None:
        return c
    text = parts.s.text
    whole = bool(_THE_FIGURE.search(text, max(0, fig.start - 40), fig.start)
                 or text[fig.start:fig.start + 4].lower() == "the "  # "the fifth of"
                 or _STILL.match(text, c.span[1] - parts.s.start))
    q = "all" if whole else "part"
    iv = interval_from_claim(q, None, "percent")
    who = SIDE_NAME.get(c.target or "", "the other side")
    return replace(c, value=None, unit=None, qualifier=q, low=iv.low if iv else None,
                   high=iv.high if iv else None, held=(fig.value, str(fig.qualifier)),
                   review=c.review + ((f"the figure ({fig.value:g} %) is the share {who} "
                                       f"holds there: the demand is all of it") if whole else
                                      (f"the figure ({fig.value:g} %) is a share of the region: "
                                       f"the demand is part of it"),))


#: No deal that leaves the other side's troops in a place: "Moscow will accept no deal that
#: leaves Ukrainian troops anywhere in the Donbas" (a demand that they leave it).
_NO_DEAL_LEAVES = re.compile(
    r"\b(?:(?:accept|agree\s+to|sign|consider)\s+no|(?:not|never|n['’]t)\s+(?:\w+\s+)?(?:accept|"
    r"agree\s+to|sign|consider)\s+(?:any|a))\s+(?:\w+\s+)?(?:deal|agreement|settlement|peace|"
    r"ceasefire|plan|arrangement)\s+(?:deal\s+)?(?:that|which)\s+(?:would\s+)?$", re.I)
_TROOPS_IN = re.compile(r"\s+(?:(?P<whose>Ukrainian|Russian)\s+(?:troops|forces|soldiers|units)|"
                        r"(?P<side>Ukraine|Russia|Kyiv|Moscow))\s+(?:anywhere\s+|still\s+)?"
                        r"(?:in|on|inside|with\s+any\s+(?:part|piece)\s+of)\s+(?:the\s+)?$",
                        re.I)


def _no_deal_leaving(parts: Parts, verb: re.Match[str]) -> list[ExtractedClaim] | None:
    """The demand of a side that will accept no deal leaving the other's troops in a
    place (:data:`_NO_DEAL_LEAVES`), or None when the words are not that."""
    text = parts.s.text
    if not verb.group(0).lower().startswith("leav") or not _NO_DEAL_LEAVES.search(
            text, max(0, verb.start() - 90), verb.start()):
        return None
    ps, end = places_from(parts, verb.end(), limit=60)
    if not ps or not (m := _TROOPS_IN.fullmatch(text, verb.end(), ps[0].start)):
        return None
    word = (m.group("whose") or m.group("side")).lower()
    target = "UA" if word.startswith(("ukrain", "kyiv")) else "RU"
    actor = other_side(target)
    return [make_claim(parts, "demand_withdraw", actor, codes_of(ps), None,
                       figureless(text, ps[0].start, end=end, default="all"),
                       (verb.start(), end),
                       [f"no deal that leaves {SIDE_NAME[target]}'s troops there: read as "
                        f"{SIDE_NAME[actor]}'s demand that they leave"] + group_review(ps),
                       target)]


#: A plan, its author named before it: "Under Moscow's proposal", "the proposal relayed by
#: Russian officials".
#: A plan's term, its author not named: "Under the draft,", "It envisaged that".
_UNDER_PLAN = re.compile(r"^\W*(?:under|in)\s+(?:the|a|this|that|such\s+a)\s+(?:[\w-]+\s+){0,3}?"
                         r"(?:draft|plan|proposal|framework|deal|agreement|document|text|version|"
                         r"blueprint)\b|\b(?:envisag|foresee|foresaw|stipulat)\w*\s+that\b", re.I)
_PLAN_WORD = re.compile(r"\b(?:proposal|plan|draft|terms|memorandum|blueprint|formula|offer)s?\b",
                        re.I)


#: A withdrawal in the passive, the ground before it and the side that must leave after
#: it: "the Donbass must be vacated by Ukrainian troops".
_MUST_BE_LEFT = re.compile(r"\b(?:must|should|has\s+to|have\s+to|needs?\s+to|is\s+to|are\s+to)\s+"
                           r"be\s+(?:fully\s+|completely\s+|entirely\s+)?$", re.I)
_BY_SIDE = re.compile(r"\s+by\s+(?:the\s+)?(?=\w)", re.I)


def _left_by(parts: Parts, verb: re.Match[str]) -> list[ExtractedClaim] | None:
    """A demand that ground named before be left by a side: "the Donbass must be vacated
    by Ukrainian troops" (the other side's demand); None when the verb is not such."""
    text = parts.s.text
    if not re.fullmatch(r"vacated|abandoned|left", verb.group(0), re.I) or not (
            must := _MUST_BE_LEFT.search(text, max(0, verb.start() - 40), verb.start())):
        return None
    by = _BY_SIDE.match(text, verb.end())
    doers = [a for a in parts.actors if by and a.start == by.end() and a.side in ("RU", "UA")]
    ps = places_before(parts, must.start() - 1) or places_before(parts, must.start())
    if not doers or not ps:
        return None
    target = doers[0].side
    actor = other_side(target)
    return [make_claim(parts, "demand_withdraw", actor, codes_of(ps), None,
                       figureless(text, ps[0].start, default="all"), (ps[0].start, doers[0].end),
                       [f"the ground must be left by {SIDE_NAME[target]}'s forces: read as "
                        f"{SIDE_NAME[actor]}'s demand"] + group_review(ps), target)]


def withdrawal_claims(parts: Parts, verb: re.Match[str]) -> list[ExtractedClaim]:
    text = parts.s.text
    kept = _no_deal_leaving(parts, verb)
    if kept is not None:
        return kept
    if negated(text, verb):
        return _threat(parts, verb)
    left = _left_by(parts, verb)
    if left is not None:
        return left
    planned, author = plan_author(parts, verb)
    if planned and author is None:
        return []
    whole = ALL_OCCUPIED.match(text, verb.end())
    if whole and whole.group(4) and verb.group(0).lower().startswith(("leav", "left", "quit")) \
            and not re.search(r"\b(?:troops|forces|soldiers?|army|units|military)\b[^.;]{0,40}$",
                              text[:verb.start()], re.I):
        return []  # "millions had to leave Ukraine": people, not an army
    if verb.group(0).lower().startswith(("leav", "left")) and not whole:
        # "leave Donetsk", "leave the rest of Donetsk"; never "leave the Donetsk question
        # open", "leaving the fate of the region to talks"
        # ("leave all of Ukraine's internationally recognised territory": the country)
        nxt = sorted([(p.start, p.end) for p in parts.places if p.start >= verb.end()]
                     + [c for c in parts.country if c[0] >= verb.end()])
        if not nxt or not (re.fullmatch(r"[\"”]?\s+[\"“]?(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:"
                                       # "what remains of Ukrainian-held Donetsk"
                                       r"what\s+(?:remains|is\s+left)\s+of\s+(?:the\s+)?"
                                       r"(?:Ukrainian-(?:held|controlled)\s+)?|(?:remaining\s+|entire\s+|"
                                       r"whole\s+)?"
                                       r"(?:rest|remainder|whole|parts?|territory|territories|"
                                       r"land)\s+"
                                       r"of\s+(?:the\s+|our\s+|its\s+|their\s+)?|"
                                       # "the roughly 18 percent of the DPR it still holds"
                                       # "the roughly one quarter of the Donetsk region"
                                       r"(?:(?:about|roughly|around|some|nearly|almost|"
                                       r"remaining|one|a|just\s+under|just\s+over)\s+)*(?:[\d.,]+\s*"
                                       r"(?:%|percent|per\s+cent)|quarter|fifth|third|tenth|"
                                       r"sixth|half|two[\s-]thirds|three[\s-]quarters)\s+"
                                       r"of\s+(?:the\s+)?|"
                                       # "leave Russian soil in Kursk"
                                       r"(?:Russian|Ukrainian)\s+(?:soil|territory|land)\s+"
                                       r"(?:in|of)\s+(?:the\s+)?|"
                                       # "leave every part of Ukraine they occupy"
                                       r"(?:every|each)\s+(?:part|inch|corner|piece|bit|"
                                       r"metre|meter)\s+(?:of\s+(?:the\s+)?)?|"
                                       # "these pockets in Sumy"
                                       r"(?:these|those|its|their)\s+(?:small\s+)?(?:pockets|"
                                       r"areas|parts|slivers|positions|footholds)\s+in\s+"
                                       r"(?:the\s+)?)?(?:entire\s+)?",
                                       text[verb.end():nxt[0][0]], re.I)
                               # "leave the villages they hold in the Dnipropetrovsk region"
                               or bool(re.fullmatch(r"\s+the\s+(?:small\s+|few\s+)?"
                                                    + _HELD_IN.pattern, text[verb.end():nxt[0][0]],
                                                    re.I))) \
                or re.match(r"\s+(?:question|issue|problem|fate|talks|dispute)\b|"
                            # "leave the Zaporizhzhia grain belt divided along the front"
                            r"(?:\s+(?:region|oblast))?(?:\s+[\w-]+){0,2}\s+(?:divided|split|"
                            r"intact|open|unresolved|frozen|untouched|partitioned|in\s+limbo|"
                            r"exposed|vulnerable|cut\s+off|within\s+(?:range|reach)|in\s+range|"
                            r"at\s+risk)\b", text[nxt[0][1]:], re.I):
            return []
    if _DRIVEN_OUT.search(text, max(0, verb.start() - 40), verb.start()):
        return []  # "it has driven Ukrainian forces out of the region": fighting, no terms
    demand = last_demand(parts, verb)
    if demand is not None and _NOBODY.search(text, max(0, demand.start() - 24), demand.start()):
        return []  # '"Nobody is asking Ukraine to formally give up Crimea"'
    # (the whole text searched: "propose" is an offer by the verb after it)
    offers = [m for m in CUES["offer"].finditer(text) if m.end() <= verb.start()
              # "It would mean abandoning cities ...": a consequence, no offer; "should be
              # prepared to pull back": what is asked, no offer; "there could be no question
              # of talks until ...": no side's word
              and not _CONSEQUENCE.match(text, m.end())
              and not text.endswith(("there ", "There "), 0, m.start())
              # "As soon as Kyiv declares that it is ready for such a decision and begins
              # a real withdrawal ...": readiness the condition asks for, no offer
              and not _IN_CONDITION.search(text, max(0, m.start() - 60), m.start())
              and not re.search(r"\b(?:should|must)\s+be\s+$",
                                text[max(0, m.start() - 12):m.start()])]
    offer = offers[0] if offers else None
    if demand and offers and offers[-1].start() > demand.start() and _NEXT_CLAUSE.search(
            text, demand.end(), offers[-1].start()):
        # "... require Russian troops to leave four regions, and offer a limited pull-back
        # in Donetsk": the clause of the offer is its own
        offer = offers[-1]
    review: list[str] = []
    target: str | None
    qualifier: str | None
    ps, end = places_from(parts, verb.end(), limit=60)
    # the country, unless it names the troops ("withdraw the Armed Forces of Ukraine from")
    country = [c for c in parts.country if 0 <= c[0] - verb.end() <= 60
               and not re.search(r"(?:forces|army|troops|units)\s+of\s+(?:the\s+)?$",
                                 text[:c[0]] + text[c[0]:c[1]].split(" ")[0] + " ", re.I)]
    occupied = ALL_OCCUPIED.match(text, verb.end())
    if occupied and (not ps or occupied.end() <= ps[0].start):
        # "withdraw from all occupied territory, Crimea included", "to the 1991 borders",
        # "leave every inch of Ukrainian land": all it holds in Ukraine
        group = min(i for i in (1, 2, 3, 4) if occupied.group(i))
        country = [(occupied.start(group), occupied.end())]
    if country and (not ps or country[0][1] <= ps[0].start):
        # "the full withdrawal of Russian troops from Ukraine's internationally
        # recognised territory": the whole country
        ps = [Place(("UA",), country[0][0], country[0][1],
                    text[country[0][0]:country[0][1]], False)]
        end = country[0][1]
    if not ps and parts.places and (line := _PULL_BACK.search(text, verb.end(),
                                                             verb.end() + 80)) \
            and re.fullmatch(r"\W*(?:in|across)\s+(?:the\s+)?", text[:parts.places[0].start],
                             re.I):
        # "In the Donetsk region, Ukraine is prepared to withdraw its forces from a zone
        # along the current line of contact": a strip of the place named first
        put_first, first_end = places_from(parts, parts.places[0].start, limit=0)
        if first_end <= verb.start() and re.match(r"(?:\s+(?:regions?|oblasts?|provinces?))?\s*,",
                                                  text[first_end:]):
            ps, end = put_first, line.end()
            review.append(f"the place is named first ('{text[:first_end].strip()}'); "
                          f"'{line.group(0)}' read as a strip of it")
    front = FRONT.match(text, verb.end()) if not ps else None
    if front and (at := place_at(text, front.start("name"))) and at.end == front.end("name"):
        # "pull its troops back from parts of the Donetsk front": a strip of the region
        ps, end = [at], front.end()
        review.append(f"'{front.group(0).strip()}' read as part of {', '.join(at.codes)}")
    if not ps or _OTHER_VERB.search(text, verb.end(), ps[0].start):
        return []
    if _BEYOND.search(text, verb.end(), ps[0].start):
        return []  # "pull back from what we hold beyond the borders of the new regions"
    if CUES["offer"].search(text, 0, verb.start()) and re.search(
            r"\b(?:if|unless|once|provided)\b", text[verb.end():ps[0].start], re.I):
        return []  # "could pull its troops out of those pockets if Ukraine hands over Donetsk"
    fig = next((f for f in parts.figs if verb.end() <= f.start < ps[0].start
                and f.unit == "percent"), None)
    first = subject(parts, verb.start())
    condition = offer and _CONDITION.search(text, offer.end(), verb.start())
    after = None if (demand or offer) else _DEMAND_AFTER.match(text, end)
    if planned and author is not None:
        # "The Russian draft would have Ukraine withdraw from Donetsk": its author's demand
        done_by = [a.side for a in parts.actors if a.side in ("RU", "UA") and a.side != author
                   and a.start < verb.start()]
        actor, target = author, (done_by[-1] if done_by else other_side(author))
        review.append(f"a plan of {SIDE_NAME[author]}'s that would have {SIDE_NAME[target]} "
                      f"withdraw: its demand")
        kind, qualifier = "demand_withdraw", fig.qualifier if fig else "all"
    elif demand and re.match(r"[\"”]?\s*:", text[demand.end():]) and (
            cond := conditional_demand(parts, verb)) is not None:
        # "The headline demand: Putin says Russia will cease fire once Ukraine pulls its
        # troops out of ...": a label; the condition says who asks it of whom
        actor, target, why = cond
        review.append(why)
        kind, qualifier = "demand_withdraw", fig.qualifier if fig else "all"
    elif demand and not (offer and offer.start() > demand.start()):
        if asked_whether(parts, demand):
            return []  # "the question of whether Ukraine should pull out of ..."
        if _BODY_DEMANDS.search(text, 0, demand.end()):
            return []  # "The European Council has repeatedly demanded that the Russian
            # Federation withdraw ...": no side's demand
        actor, target = demand_sides(parts, demand, verb, review)
        kind = "demand_withdraw"
        qualifier = fig.qualifier if fig else "all"
    elif offer and condition:
        # "Ukrainian troops would withdraw from part of Donetsk if Russian forces pulled
        # out of Sumy": what the offer asks of the other side in return
        asked = [a.side for a in parts.actors if condition.end() <= a.start < verb.start()
                 and a.side in ("RU", "UA")]
        # the offer's subject; else the other side of the one the condition asks ("Putin
        # told Trump that the fighting could stop if Ukraine pulled its forces out")
        actor = (first if first in ("RU", "UA") else other_side(asked[0]) if asked else "UA")
        target = other_side(actor)
        review.append(f"a condition of {SIDE_NAME[actor]}'s offer ('{condition.group(0)}'): "
                      f"read as its demand")
        kind, qualifier = "demand_withdraw", fig.qualifier if fig else "all"
    elif offer and (cond := conditional_demand(parts, verb)) is not None:
        # "Russia would order a ceasefire once Ukraine withdraws ...", "there would be no
        # ceasefire until Ukrainian troops leave ...": the condition is a demand
        actor, target, why = cond
        review.append(why)
        kind, qualifier = "demand_withdraw", fig.qualifier if fig else "all"
    elif offer and first == "US":
        return []  # "U.S. envoys have floated a compromise under which Ukrainian forces
        # would pull back ...": a third party's plan, nobody's offer
    elif offer and (doer := offering_side(parts, offer)) is not None and first in ("RU", "UA") \
            and doer != first and _PLAN_WORD.search(text, 0, offer.start()):
        # "Under Moscow's proposal, Ukraine would pull its troops out of the rest of
        # Donetsk": the plan's author asks it of the side that would leave
        actor, target = first, doer
        review.append(f"a proposal of {SIDE_NAME[first]}'s under which {SIDE_NAME[doer]} "
                      f"would withdraw: its demand")
        kind, qualifier = "demand_withdraw", fig.qualifier if fig else "all"
    elif offer and offer.group(0).lower() == "would" and (
            plan := _UNDER_PLAN.search(text, 0, offer.start())) is not None and not any(
            a.side in ("RU", "UA", "US") and a.end <= plan.end() for a in parts.actors) \
            and offering_side(parts, offer) == "UA":
        # "Under the draft, Ukrainian forces would leave the part of the Donetsk region they
        # still hold", "It envisaged that Ukrainian forces would leave ...": Ukraine's part in
        # a plan no side is named as authoring (the US draft of November 2025, as the
        # writers have it), no offer of Ukraine's (0 of 4 counted on the tuned corpora;
        # Russia's part in such a plan was counted as its offer, 2 of 3)
        return []
    elif offer:
        # (doer: the side right before the offer word, read in the branch above)
        actor = doer if doer is not None else first if first in ("RU", "UA") else "RU"
        if first is None and doer is None and (
                cond_on := _IF_OTHER.search(text)) is not None:
            # "our forces are ready to pull back from the line in Donetsk if Russian forces
            # withdraw the same distance": the other side of the one the condition names
            actor = "UA" if cond_on.group(1).lower().startswith(("russ", "mosc")) else "RU"
            review.append(f"the side offering is not named; read as the other side of the "
                          f"one its condition names ('{cond_on.group(0).strip()}')")
        elif doer is None and first in ("RU", "UA") and (
                cond_on := _IF_OTHER.search(text, 0, verb.start())) is not None and next(
                a.start for a in parts.actors if a.side in ("RU", "UA")) == cond_on.start(1):
            # "If Russia pulls back by the same distance, our forces are ready to withdraw
            # ...": the side named first is the condition's; the other one offers
            actor = other_side(first)
            review.append(f"the side named first is the offer's condition "
                          f"('{cond_on.group(0).strip()}'): read as {SIDE_NAME[actor]}'s offer")
        elif first is None and doer is None:
            review.append("the side offering is not named; assumed Russia")
        kind, target = "offer_withdraw", None
        # "pull back from the parts of Sumy it holds": all it holds there (the
        # convention); "from parts of Sumy": part
        qualifier = fig.qualifier if fig else figureless(text, ps[0].start, end=end,
                                                         default="all")
        if re.search(r"\b(?:these|those|its|their)\s+(?:small\s+)?(?:pockets|areas|parts|slivers|"
                     r"positions|footholds)\s+in\s+(?:the\s+)?$", text[:ps[0].start], re.I):
            qualifier = "all"  # "offers to leave these pockets in Sumy": all it holds there
        elif fig is None and re.search(_HELD_IN.pattern[:-1] + r"(?:Ukraine['’]s\s+)?$", text[
                verb.end():ps[0].start], re.I):
            qualifier = "all"  # "out of the small areas they hold in Sumy": all of those
        if fig is None and qualifier == "all" and (
                _PULL_BACK.search(text, verb.end(), end + 40)
                or _MIRROR.search(text, max(0, verb.start() - 30), verb.start())):
            # "pull its troops back from the front line in Donetsk", "by up to 10 km", "a
            # symmetrical pull-back in Donetsk": a strip along the line, not the region
            qualifier = "part"
    elif after:
        # "the withdrawal of Ukrainian troops from Donbas remained an essential condition"
        named = [a for a in parts.actors if a.side in ("RU", "UA") and a.end <= verb.start()]
        whose = [a for a in parts.actors if a.side in ("RU", "UA")
                 and verb.end() <= a.start < ps[0].start]
        if not named and not whose:
            return []
        target = whose[0].side if whose else other_side(named[0].side)
        actor = other_side(target)
        review.append(f"the demand word comes after the ground ('{after.group(1)}')")
        kind, qualifier = "demand_withdraw", fig.qualifier if fig else "all"
    elif (cond := conditional_demand(parts, verb)) is not None:
        # "Russia will order a ceasefire once Ukraine withdraws its troops from ...": the
        # condition one side sets for stopping is its demand of the other
        actor, target, why = cond
        review.append(why)
        kind, qualifier = "demand_withdraw", fig.qualifier if fig else "all"
    else:
        return []
    if fig is None and kind == "demand_withdraw":
        q = figureless(text, ps[0].start, end=end, default="all")
        if q == "all" and _PULL_BACK.search(text, verb.end(), ps[0].start):
            q = "part"  # "pull its forces back from the front line in Donetsk"
        if q == "part" and _OCCUPIED_PARTS.search(text, max(0, ps[0].start - 40), ps[0].start):
            q = "all"  # "pulled its forces out of the occupied parts of the Kharkiv region"
        qualifier = q
    # "withdraw from the 20 % of Donetsk it still holds": the demand keeps its figure (a
    # report's withdraw_share), and what the other side holds is a claim of its own
    if front:  # the place of a front found above: a strip of the region
        qualifier = "part"
    # ("withdraw from the roughly 5,500 km² of Donetsk it still controls": the area too)
    area = next((f for f in parts.figs if verb.end() <= f.start < ps[0].start
                 and f.unit == "km2"), None)
    held = _still_held(parts, fig or area, ps, end, target)
    if not held and fig is None and area is None and target in ("RU", "UA") and (
            aside := _ASIDE_HELD.match(text, end)):
        # "withdraw from the whole of the Donetsk region – roughly the 15% it still holds
        # –": the share set aside after the place is the other side's holding there
        fig_aside = next((f for f in parts.figs if f.start == aside.start("fig")), None)
        if fig_aside is not None:
            held = [make_claim(parts, "control_share" if fig_aside.unit == "percent"
                               else "control_area", target, codes_of(ps), fig_aside,
                               fig_aside.qualifier, (fig_aside.start, fig_aside.end),
                               [f"the figure set aside after the place is what "
                                f"{SIDE_NAME[target]} still holds there"])]
    if not held and fig is None and area is None:
        held_in = _HELD_IN.search(text, verb.end(), ps[0].start)
        if held_in and re.search(r"\ball\s+(?:of\s+)?(?:the\s+)?$",
                                 text[max(0, held_in.start() - 16):held_in.start()], re.I):
            # "withdraw its forces from all the territory it still controls in the Donetsk,
            # ... regions": all it holds, no amount of the regions said
            held_in = None
        where = _WHERE_HELD.match(text, end)
        if where and any(where.end() <= f.start < where.end() + 50 for f in parts.figs):
            where = None  # "where Russian forces hold almost three quarters of the
            # territory": the figure is the holding (read by the control rules)
        side = re.search(r"\b(Russian|Ukrainian)\s", where.group(0)) if where else None
        # (only an offer's: the writers do not count a demand's "the areas it holds" as a
        # holding, 7 of 7 on the tuned corpora; an offer's, 40 of 87)
        held = _holds_there(parts, kind == "offer_withdraw" and (held_in is not None
                                                                   or bool(where)),
                            ps, (verb.end(), end),
                            actor if kind == "offer_withdraw" else target,
                            ("RU" if side.group(1) == "Russian" else "UA") if side else None)
        if held and kind == "offer_withdraw" and where and _THE_PARTS_OF.search(
                text, verb.end(), ps[0].start):
            # "hand back the small patches of Sumy and Kharkiv that Russian troops occupy":
            # all it holds there ("from parts of Sumy, where its forces hold footholds": part)
            qualifier = "all"
        if held and kind == "offer_withdraw" and held_in and not re.search(
                r"\ball\s+(?:of\s+)?(?:the\s+)?$", text[verb.end():held_in.start()], re.I):
            # "pull out of the small areas it holds in Sumy": all it holds there (the
            # annotation convention), and the holding is a claim of its own (part); "some
            # of the border areas it holds" is part of that
            qualifier = "part" if re.search(r"\b(?:some|parts?|a\s+few)\s+of\s+(?:the\s+)?"
                                            r"(?:[\w-]+\s+){0,2}$",
                                            text[verb.end():held_in.start()], re.I) else "all"
    if kind == "offer_withdraw" and qualifier == "part" and fig is None and _pockets_held(
            text, verb.end(), ps[0].start, end):
        # "hand back the small pockets of the Sumy and Kharkiv regions his troops hold",
        # "... held by Russian troops": all it holds there (the convention)
        qualifier = "all"
    if kind == "demand_withdraw" and qualifier == "part" and fig is None and re.search(
            r"\bbank\s+of\s+(?:the\s+)?$", text[:ps[0].start], re.I):
        qualifier = "all"  # "withdraw from the right bank of Kherson": all it holds there
    if kind == "demand_withdraw" and re.match(r"(?:hand|give|gave)\w*(?:\s+back\b|$)",
                                              verb.group(0), re.I):
        # "Kyiv demands that Moscow hand back Crimea": giving ground back is ceding it
        kind = "demand_cede"
    out = [held_share(make_claim(parts, kind, actor, codes_of(ps), fig, qualifier,
                                 (verb.start(), end), review + group_review(ps), target),
                      parts, fig), *held]
    more = [p for p in parts.places if p.start >= end]
    if more and re.fullmatch(r"(?:\s+(?:people['’]s\s+)?(?:republics|regions|oblasts))?,?\s+and\s+"
                             r"(?:from|out\s+of)\s+(?:the\s+)?", text[end:more[0].start], re.I):
        # "withdrew its troops from the Donetsk and Lugansk republics and from the
        # Zaporozhye and Kherson regions": one list
        ps2, end2 = places_from(parts, more[0].start, limit=0)
        ps, end = ps + ps2, end2
        out[0] = replace(out[0], regions=tuple(dict.fromkeys(codes_of(ps))),
                         span=(out[0].span[0], parts.s.start + end))
    elif more and _AND_FROM.fullmatch(text, end, more[0].start):
        # "... and from Donbas entirely": a second list the same verb leaves
        ps2, end2 = places_from(parts, more[0].start, limit=0)
        out.append(make_claim(parts, kind, actor, codes_of(ps2), None,
                              figureless(text, ps2[0].start, end=end2, default="all"),
                              (more[0].start, end2),
                              [*review, "a second place the same verb leaves ('and from')"],
                              target))
    return out


#: A condition opened before an offer word in its clause: "as soon as Kyiv declares that
#: it is (ready)", "if Ukraine says it is (willing)".
_IN_CONDITION = re.compile(r"\b(?:as\s+soon\s+as|if|once|unless|provided(?:\s+that)?)\s+"
                           r"[^,;:]{0,50}?"
                           r"\b(?:declares?|says?|states?|announces?|confirms?|shows?|signals?|is|"
                           r"are)\s+(?:that\s+)?(?:it\s+is\s+|they\s+are\s+)?$", re.I)
#: A side driven from ground by force, right before the withdrawal words: "has driven
#: (Ukrainian forces out of)", "pushed (the enemy out of)".
_DRIVEN_OUT = led(r"\b(?:driven|drove|driving|pushed|forced|expelled|kicked|chased|ousted|"
                  r"knocked|threw|thrown)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?$", re.I)
#: The ground a withdrawal names as what the withdrawing side holds: "(pull out of) the
#: small areas it holds in (Sumy)", "(Sumy and Kharkiv), where it holds small border areas".
_HELD_IN = re.compile(r"(?:areas?|pockets?|villages?|parts?|districts?|territor(?:y|ies)|ground|"
                      r"land|positions?|bits?|slivers?|footholds?|strips?|zones?)\s+(?:that\s+|"
                      r"which\s+)?(?:it|they|we|(?:its|their|his|our|Russian|Ukrainian)\s+(?:troops|forces|units))"
                      r"\s+(?:now\s+|still\s+)?(?:holds?|occup(?:y|ies)|controls?|(?:has|have)\s+"
                      r"(?:seized|taken|captured|occupied))\s+(?:in|of)\s+(?:the\s+)?"
                      # "the small areas it has seized in the northern Sumy and Kharkiv regions"
                      r"(?:(?:northern|southern|eastern|western|north-?eastern|south-?eastern|"
                      r"border|neighbou?ring)\s+)?$", re.I)
_WHERE_HELD = re.compile(r"(?:s|\s+(?:regions?|oblasts?|provinces?))?(?:\s+(?:entirely|"
                         r"altogether|completely|fully))?(?:\s*,?\s+where|"
                         # "(the patches of Sumy and Kharkiv oblasts) that Russian troops
                         # occupy", "(regions) its troops hold"
                         r"(?:\s+(?:that|which))?(?=\s+(?:its|their|Russian|Ukrainian)\s))"
                         r"\s+(?:it|they|(?:its|their|Russian|Ukrainian)\s+(?:troops|forces))\s+"
                         r"(?:now\s+|still\s+|currently\s+)?(?:holds?|occup(?:y|ies)|"
                         r"controls?)\b", re.I)


#: A condition on a side: "if Russian forces withdraw", "provided that Russian troops".
_IF_OTHER = re.compile(r"\b(?:if|provided(?:\s+that)?|once|unless|as\s+long\s+as|on\s+(?:the\s+)?"
                       r"condition\s+that)\s+(?:the\s+)?(Russia|Russians|Russian|Moscow|Ukraine|"
                       r"Ukrainians|Ukrainian|Kyiv)\b", re.I)
#: After the places of an offer: the offering side holds them ("(the small pockets of the
#: Sumy and Kharkiv regions) his troops hold", "held by Russian troops", "they occupy").
_HELD_AFTER = re.compile(r"(?:s|\s+(?:regions?|oblasts?|provinces?))?\s+(?:(?:that|which)\s+)?(?:"
                         r"(?:it|they|(?:its|their|his|Russian)\s+(?:own\s+)?(?:troops|forces))\s+"
                         r"(?:now\s+|still\s+|currently\s+)?(?:holds?|occup(?:y|ies)|controls?)|"
                         r"(?:now\s+|still\s+)?(?:held|occupied|controlled)\s+by\s+(?:its|their|"
                         r"his|Russian)\s+(?:own\s+)?(?:troops|forces))\b", re.I)


#: Right before an offer's places: "the (small) pockets of", "the areas of both".
_THE_PARTS_OF = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:parts?|patches|pockets|slivers|areas|"
                           r"bits|strips)\s+of\s+(?:both\s+)?(?:the\s+)?$", re.I)


def _pockets_held(text: str, start: int, places_start: int, end: int) -> bool:
    """Whether an offer gives back "the small pockets of (the places) his troops hold": the
    parts named before its places (from ``start``) and the holding after them (at ``end``),
    all the offering side holds there (the convention)."""
    return _THE_PARTS_OF.search(text, start, places_start) is not None and \
        _HELD_AFTER.match(text, end) is not None


def _holds_there(parts: Parts, said: bool, ps: list[Place], span: tuple[int, int],
                 holder: str | None, named: str | None = None) -> list[ExtractedClaim]:
    """The withdrawing side's holding a withdrawal describes, when the text ``said`` it
    holds there (:data:`_HELD_IN`, :data:`_WHERE_HELD`): "pull its troops out of the few
    villages it holds in the Dnipropetrovsk region" (Russia holds part of it); the side
    the words name when they name one (``named``: "where Russian forces hold ...")."""
    holder = named or holder
    if holder not in ("RU", "UA") or not said or any(c.startswith("RU-") for c in codes_of(ps)):
        # (not "the territory his troops hold in the Kursk region", which the writers do not
        # count as a holding: 5 of 5 on the tuned corpora)
        return []
    return [make_claim(parts, "control_share", holder, codes_of(ps), None, "part", span,
                       [f"the ground the withdrawal names is what {SIDE_NAME[holder]} holds "
                        f"there"])]


#: After a place: a figure set aside that the side still holds ("– roughly the 15% it still
#: holds –", "(about 6,600 km² it still controls)").
_ASIDE_HELD = re.compile(r"(?:\s+(?:region|oblast|province))?\s*(?:[—–(,]|--|\s-)\s*(?:(?:roughly|"
                         r"about|around|some|nearly|almost|just\s+over|just\s+under|an\s+"
                         r"estimated)\s+)?(?:the\s+)?(?P<fig>[\d.,]+\s*(?:%|per\s*cent|percent|km²|km2|"
                         r"sq\s*km|square\s+kilomet(?:re|er)s))\s+(?:of\s+it\s+)?(?:that\s+|which\s+)?"
                         r"(?:it|they|Kyiv|Ukraine)\s+still\s+(?:holds?|controls?)\b", re.I)


def _still_held(parts: Parts, fig: Figure | None, ps: list[Place], end: int,
                target: str | None) -> list[ExtractedClaim]:
    """The other side's holding a demand states with its figure: "pull out of the
    remaining roughly 22 % of Donetsk still under Kyiv's control" (Ukraine holds 22 %)."""
    text = parts.s.text
    if fig is None or target not in ("RU", "UA") or not (
            _REMAINING.search(text, max(0, fig.start - 30), fig.start)
            or _STILL.match(text, end)):
        return []
    return [make_claim(parts, "control_share" if fig.unit == "percent" else "control_area",
                       target, codes_of(ps), fig, fig.qualifier, (fig.start, end),
                       [f"the ground the demand names is what {SIDE_NAME[target]} still holds"])]


def cession_claims(parts: Parts, verb: re.Match[str]) -> list[ExtractedClaim]:
    text = parts.s.text
    if plan_author(parts, verb) == (True, None):
        return []
    demand = last_demand(parts, verb)
    if demand is not None and _NOBODY.search(text, max(0, demand.start() - 24), demand.start()):
        return []  # '"Nobody is asking Ukraine to formally give up Crimea"'
    cond = None if demand else conditional_demand(parts, verb) or summed_up(parts, verb)
    # a negation in the verb's own clause ("Kyiv will never give up ..."), not one before a
    # colon ("Russia's demand has not changed: Kyiv must cede ..."), nor one before the
    # demand ("Kyiv rejects Moscow's insistence that Ukraine recognise ...")
    clause = max((m.end() for m in _CLAUSE_END.finditer(text, 0, verb.start())), default=0)
    if demand is not None and demand.end() <= verb.start():
        clause = max(clause, demand.end())
    after = None
    sovereignty = "sovereignty" in verb.group(0).lower()
    if not demand and cond is None and re.match(r"transfer|hand-?over|cession|surrender|"
                                                  r"recognition|status", verb.group(0), re.I):
        # "The Kremlin makes the transfer of the whole of Donetsk a precondition": the
        # demand word after the ground, its author the side named before ("recognition of
        # Russia's sovereignty over Crimea is imperative": Russia's, whoever said it)
        named = [a for a in parts.actors if a.side in ("RU", "UA") and a.end <= verb.start()]
        if sovereignty and re.search(r"Russia|Moscow", verb.group(0)):
            named = [a for a in parts.actors if a.side == "RU"] or named
        elif named and verb.group(0).lower().startswith("recogni") and re.fullmatch(
                r"['’]s\s+(?:formal\s+|legal\s+|official\s+)?", text[named[-1].end - 2:
                                                                    verb.start()]):
            # "Kyiv's recognition of Crimea as Russian is non-negotiable": the side that
            # would recognise is asked; the other side asks
            named = [a for a in named if a.side == other_side(named[-1].side)] or named
        ground_end = places_from(parts, verb.end(), limit=60)[1]
        as_russian = _AS_RUSSIAN.match(text, ground_end) \
            if verb.group(0).lower().startswith(("recogni", "status")) else None
        after = _DEMAND_AFTER.match(text, ground_end) if named else None
        if after is None and named and as_russian is not None and (
                after := _DEMAND_AFTER.match(text, as_russian.end())
                or _ASKED_TO_BE.match(text, as_russian.end())) is not None:
            # "Putin said the status of Crimea, Sevastopol and the four regions as parts of
            # Russia must be recognised": the demand word after the ground's new status
            named = [a for a in named if a.side == "RU"] or named
        if after is None and as_russian is not None and not named:
            # "Recognition of the DPR and LPR as part of the Russian Federation is an
            # indispensable condition of any settlement": ground recognised as Russian is
            # asked by Russia, whoever is quoted
            after = _DEMAND_AFTER.match(text, as_russian.end())
            named = [a for a in parts.actors if a.side == "RU"][:1] if after else []
            if after is not None and not named:
                cond = ("RU", "UA", f"recognition of the ground as Russian, then "
                                    f"'{after.group(1)}': read as Russia's demand")
            elif after is None and verb.group(0).lower().startswith(("recognition", "status")) \
                    and not _THIRD_PARTY.search(text, max(0, verb.start() - 60), verb.start()):
                # "First, legal recognition of the Republic of Crimea and the city of
                # Sevastopol as Russian territory": only Russia asks for it
                cond = ("RU", "UA", "recognition of the ground as Russian: read as Russia's "
                                    "demand")
        if after is not None and named:
            cond = (named[-1].side, other_side(named[-1].side),
                    f"the demand word comes after the ground ('{after.group(1)}')")
    if not demand and cond is None and re.match(r"give|gave|giving|hand|cede|ced|surrender|"
                                                  r"exchange|swap|trade|offer", verb.group(0),
                                                  re.I):
        offered = _offered_cession(parts, verb)
        if offered is not None:
            return offered
    if re.match(r"exchange|swap|trade|offer", verb.group(0), re.I):
        return []  # a swap is read only as a side's offer of the ground it holds
    if (not demand and cond is None) or CUES["negation"].search(text, clause, verb.start()):
        return []
    ps, end = places_from(parts, verb.end(), limit=60)
    if ps and CENTRES_BEFORE.search(text, max(0, ps[0].start - 40), ps[0].start):
        # "give up the regional capitals of Zaporizhzhia and Kherson": cities; "recognise
        # them as such, including the regional capitals of ...": the ground named before
        ps, end = [], verb.end()
    span_start = verb.start()
    them = _THEM_AS.match(text, verb.end()) if verb.group(0).lower().startswith("recogni") \
        else None
    if them and (not ps or them.group("with")):
        # "Luhansk, Donetsk, Zaporizhzhia, Kherson: these regions are Russia now, and Kyiv
        # must recognise them as such": the places named before it (and those it names
        # beside them: "recognise them, together with Crimea, as Russian")
        beside = [p for p in ps if them.group("with") and p.end <= them.end()]
        ps = [p for p in parts.places if p.end <= verb.start() and p.codes[0] in ANNEXED]
        ps = ps + beside if ps else []
        span_start, end = (ps[0].start, them.end()) if ps else (span_start, end)
    if not ps and verb.group(0).lower() == "return" and (
            its := [p for p in parts.places if p.text.lower() == "its"
                    and p.end + 1 == verb.start()]):
        ps, span_start, end = its, its[0].start, verb.end()  # "Kyiv demands its return"
    if not ps and _PARTICIPLE.match(verb.group(0)):
        # "wanted all of Zaporizhzhia and Kherson handed over"
        ps = places_before(parts, verb.start())
        if not ps and (_MUST_BE.search(text, 0, verb.start()) or (
                verb.group(0).lower() == "pass" and re.search(
                    r"\b(?:must|should|will|would|has\s+to|have\s+to)\s+$", text[:verb.start()]))):
            # "the Kherson and Zaporizhzhia regions are Russian and must be handed over":
            # the places its clause names before it
            ends = [m for m in _CLAUSE_END.finditer(text, 0, verb.start())]
            if len(ends) >= 2 and ends[-1].group(0).strip() == ends[-2].group(0).strip() and \
                    ends[-1].group(0).strip() in "—–" and _MUST_BE.fullmatch(text, ends[-1].end(),
                                                                        verb.start()):
                # "the four new regions – the DPR, the LPR, and the Zaporozhye and Kherson
                # regions – be recognized as part of Russia": the dashes set a list apart
                ends = ends[:-2]
            clause = max((m.end() for m in ends), default=0)
            last = [p for p in parts.places if clause <= p.start and p.end <= verb.start()]
            ps = places_before(parts, last[-1].end) if last else []
        span_start, end = (ps[0].start, verb.end()) if ps else (span_start, end)
    if not ps:
        return []
    bare_recognition = (verb.group(0).lower().startswith("recogni")
                        and "sovereignty" not in verb.group(0)
                        and not _AS_RUSSIAN.match(text, end)
                        # "recognise as Russian the four regions"
                        and not re.match(r"\s+as\s+(?:Russian|part\s+of\s+(?:Russia|the\s+"
                                         r"Russian))\b", text[verb.end():])
                        # "recognise that the new regions are Russian"
                        and not re.match(r"\s+that\s", text[verb.end():verb.end() + 6])
                        # "recognise the realities on the ground: Crimea, ... are
                        # constituent entities of Russia"
                        and not (re.match(r"\s+(?:the\s+)?(?:new\s+)?(?:territorial\s+)?realit",
                                          text[verb.end():]) and _ARE_RUSSIAN.match(text, end)))
    if bare_recognition and not (set(codes_of(ps)) <= ANNEXED and (re.search(
            r"\b(?:annexation|reunification|incorporation|status)\s+of\s+(?:the\s+)?$",
            text[:ps[0].start], re.I) or re.fullmatch(
            r"\s+(?:the\s+|its\s+|Russia['’]s\s+|Moscow['’]s\s+)?(?:(?:illegal\s+)?(?:annexation|"
            r"reunification|incorporation)\s+of\s+)?[\"“]?",
            text[verb.end():ps[0].start], re.I))):
        return []  # "recognition of Ukraine's borders", "recognise the 1991 line"
    review: list[str] = []
    if demand is None and cond is not None:
        actor, target, why = cond
        review.append(why)
    else:
        assert demand is not None
        if asked_whether(parts, demand):
            return []  # "the question of whether Ukraine should surrender ..."
        actor, target = demand_sides(parts, demand, verb if span_start == verb.start() else
                                      _AT.match(text, ps[0].start) or verb, review)
    if bare_recognition and actor != "RU":
        return []  # "recognise Crimea" asked of Ukraine by Russia only: ground it claims
    # "give up the roughly 6,600 square kilometres of Donetsk it still holds"
    fig = next((f for f in parts.figs if verb.end() <= f.start < ps[0].start), None)
    q = fig.qualifier if fig else figureless(text, ps[0].start, end=end, default="all")
    held = _still_held(parts, fig, ps, end, target)
    if fig is not None and fig.unit == "km2":
        # a demand to cede is a share of its units (the report format's cede_units): an
        # area asked for is all the other side holds there; the area is said in review
        # (and is the other side's holding when the text says it "still holds" it)
        review.append(f"an area to cede ({fig.value:,.0f} km²) read as all of the ground "
                      f"the other side holds there")
        fig, q = None, "all"
    return [held_share(make_claim(parts, "demand_cede", actor, codes_of(ps), fig, q,
                                  (span_start, end), review + group_review(ps), target),
                       parts, fig), *held]


_OFFER_OUTRIGHT = re.compile(r"\b(?:prepared|ready|willing|offer(?:s|ed|ing)?|agreed)\s+to\b",
                             re.I)


#: An offer to swap ground: "would offer to exchange", "is ready to trade".
_OFFER_SWAP = re.compile(r"\b(?:prepared|ready|willing|offer(?:s|ed|ing)?|agreed|propos(?:e|es|ed)|"
                         r"would\s+offer|plans?)\s+to\b", re.I)


def _offered_cession(parts: Parts, verb: re.Match[str]) -> list[ExtractedClaim] | None:
    """A side's offer to give up ground it holds ("Ukraine would be prepared to give up the
    territory it holds in Kursk oblast in exchange for ..."): an offer to withdraw from it,
    the kind the annotation convention has for offers; None when it is no offer."""
    text = parts.s.text
    # an offer said outright ("prepared to", "ready to", "offered to"), no "would" alone
    offer = [verb] if verb.group(0).lower().startswith("offer") else list(
        (_OFFER_SWAP if re.match(r"exchange|swap|trade", verb.group(0), re.I)
         else _OFFER_OUTRIGHT).finditer(text, 0, verb.start()))
    # the side right before the offer word ('claims that "Ukraine is ready to give up ...')
    named = [a.side for a in parts.actors if offer and a.end <= offer[-1].start()]
    first = named[-1] if named else None
    if not offer or first not in ("RU", "UA") or CUES["negation"].search(
            text, offer[-1].start(), verb.start()) or verb.start() - offer[-1].end() > 30 \
            or re.search(r"\bif\b", text[:verb.start()], re.I):
        return None
    ps, end = places_from(parts, verb.end(), limit=60)
    if not ps:
        return None
    held = _HELD_IN.search(text, verb.end(), ps[0].start)
    q = "all" if held or _pockets_held(text, verb.end(), ps[0].start, end) else figureless(
        text, ps[0].start, end=end, default="all")
    # ("hand back the small pockets of the Sumy and Kharkiv regions his troops hold": all
    # it holds there, the convention)
    return [make_claim(parts, "offer_withdraw", first, codes_of(ps), None, q,
                       (verb.start(), end), [f"an offer to give up ground: read as "
                                             f"{SIDE_NAME[first]}'s offer to withdraw from it"]
                       + group_review(ps))]


#: Right before the ground a withdrawal names, ground outside it: "(what we hold) beyond
#: the borders of (the new regions)", "outside (Donbas)".
_BEYOND = re.compile(r"\b(?:beyond|outside)\s+(?:of\s+)?(?:the\s+(?:(?:administrative\s+)?"
                     r"(?:borders|boundaries|limits)\s+of\s+)?)?(?:the\s+)?$", re.I)
#: An international body, or its resolution, as the one who demands: "The European Council
#: has repeatedly demanded that", "(the resolution) reiterates its demand that"; no side
#: named in between. (Not a resolution's bare operative paragraph, "3. Demands that ...":
#: the Verkhovna Rada's resolutions are Ukraine's demands.)
_BODY_DEMANDS = led(r"(?:\b(?:General\s+Assembly|Security\s+Council|European\s+(?:Council|"
                    r"Union|Parliament|Commission)|EU|UN|United\s+Nations|NATO|G7|G-7|"
                    r"OSCE|(?:the|its|this)\s+(?:Council|Assembly|resolution|declaration|"
                    r"communiqu[eé]))(?:['’]s)?(?:\s+(?!Russia|Moscow|Kyiv|Ukrain|Kremlin|"
                    r"Putin|Zelensk|that\b|of\b|the\b)[\w'’-]+){0,4}?\s+"
                    # "The General Assembly, meeting in emergency special session, demands"
                    r"|\b(?:General\s+Assembly|Security\s+Council)\s*,[^,]{1,60},\s+)"
                    r"(?:demands?|demanded|reiterates\s+its\s+"
                    r"demand)(?:\s+that)?\s*$|"
                    # "It reiterates the Assembly's demand that"
                    r"\bthe\s+(?:Assembly|Council|General\s+Assembly|Security\s+Council)['’]s\s+"
                    r"(?:[\w-]+\s+)?demands?(?:\s+that)?\s*$", re.I)
#: Before a recognition that is another party's idea: "a U.S. framework would include
#: American recognition of Crimea as Russian", "one draft floated de facto recognition".
_THIRD_PARTY = re.compile(r"\b(?:American|U\.S\.|US|Washington|European|draft|framework|plan|"
                          r"proposal|floated|would\s+include)\b", re.I)
#: Where a clause ends: a colon, a semicolon, a dash between words.
_CLAUSE_END = re.compile(r"[:;]\s|\s[—–]\s")
#: After the ground: it is Russia's ("(... Kherson regions) are constituent entities of
#: Russia").
_ARE_RUSSIAN = re.compile(r"(?:s|\s+(?:regions?|oblasts?|provinces?))?\s+(?:are|is)\s+(?:now\s+)?"
                          r"(?:Russian\b|(?:parts?|constituent\s+entities|subjects)\s+of\s+(?:Russia|"
                          r"the\s+Russian\s+Federation)\b)", re.I)
#: After the ground to recognise: "as Russian", "as part of Russia", "as Russian territory".
_AS_RUSSIAN = re.compile(r"(?:s|\s+(?:regions?|oblasts?|provinces?|People['’]s\s+Republics?))?"
                         r"(?:\s*[—–(,]\s[^—–()]{0,90}"
                         r"[—–),])?\s*,?\s+(?:as|to\s+be)\s+(?:such\b|"
                         r"(?:(?:legally\s+|de\s+jure\s+)?(?:(?:part|parts|subjects|constituent\s+"
                         r"(?:entities|parts|regions|subjects))\s+of\s+)?"
                         r"(?:Russia|the\s+Russian\s+Federation)\b|Russian\b|"
                         r"territor(?:y|ies)\s+of\s+(?:Russia|the\s+Russian\s+Federation)\b))",
                         re.I)
#: A passive demand: "(the regions) must be (handed over)", "should be ceded", "(insists
#: that the annexation of Crimea) be (recognised)".
_MUST_BE = re.compile(r"\b(?:(?:must|should|have\s+to|has\s+to|need\s+to)\s+)?be\s+"
                      r"(?:\w+\s+)?[\"“]?$",
                      re.I)
#: A cession verb as a participle after the ground it names: "Kherson handed over".
_PARTICIPLE = re.compile(r"(?:handed\s+over|ceded|given\s+up|surrendered|relinquished|pass|"
                         r"recogni[sz]ed|returned|handed\s+back|given\s+back)$", re.I)
#: Right before the ground a withdrawal names: all the other side holds there ("(out of)
#: the occupied parts of (the Kharkiv region)").
_OCCUPIED_PARTS = re.compile(r"\bthe\s+(?:Russian-)?occupied\s+(?:parts?|areas?|"
                             r"territor(?:y|ies))\s+of\s+(?:the\s+)?$", re.I)
#: Recognising ground named before: "(these regions are Russia now, and Kyiv must)
#: recognise them as such", "recognise them as Russian".
_THEM_AS = re.compile(r"\s+(?:them|it|these\s+(?:regions|areas|territories)|"
                      # "(the Donetsk, Luhansk, Zaporizhzhia and Kherson regions ...) and
                      # officials demand that Kyiv recognise all four as part of Russia"
                      r"all\s+(?:four|three|two|of\s+them)|both(?:\s+(?:regions|oblasts|areas|"
                      r"provinces))?)"
                      # "recognise them, together with Crimea, as Russian"
                      r"(?P<with>,?\s+(?:together|along)\s+with\s+[^,;]{2,40}?,)?"
                      r"(?=\s+as\s+(?:such|Russian\b|part\s+of\s+Russia))", re.I)


_AT = re.compile(r"")
