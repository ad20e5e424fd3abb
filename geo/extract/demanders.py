"""Who demands what of whom: the side a demand word belongs to and the side it is made
of ("after a summit with the US president, the Kremlin leader demanded ..."; "a demand
from Moscow"; "has been told by Russian negotiators"), a condition one side sets for
stopping ("Russia will order a ceasefire once Ukraine withdraws ..."), a plan's author
("under Moscow's proposal, Ukraine would ..."), terms summed up before a colon, and the
side an offer word follows. Sides are ``RU``, ``UA`` or ``US``; no units or figures
here (the claims themselves are made in :mod:`geo.extract.demands`).
"""

from __future__ import annotations

import re

from geo.extract.lexicon import CUES, cue
from geo.extract.parts import (
    BEFORE_PERSON,
    SIDE_NAME,
    Parts,
    other_side,
    pronoun_side,
)
from geo.extract.patterns import led

__all__ = ["asked_whether", "demand_sides", "last_demand", "conditional_demand", "plan_author",
           "summed_up",
           "offering_side", "RELATIVE", "SOURCE_ASIDE"]


def demand_sides(parts: Parts, demand: re.Match[str], verb: re.Match[str],
                  review: list[str]) -> tuple[str, str]:
    """Who demands (named before the demand word) and of whom (named between it and
    the verb: "requires Ukraine to withdraw")."""
    text = parts.s.text
    # not a side inside a relative clause the demand is not in ("Moscow, which demanded
    # that Ukraine ..., now says it would accept ...")
    inside = [(m.start(), m.end()) for m in RELATIVE.finditer(text, 0, demand.start())]
    # nor a source set between commas ("Putin, according to US officials briefed on his
    # meeting with Donald Trump, wants Kyiv to give up ...": Putin's demand)
    inside += [(m.start(), m.end()) for m in SOURCE_ASIDE.finditer(text, 0, demand.start())]
    # nor a speaker set between commas ("Ukrainian forces, he said, must leave ...")
    said = [(m.start(), m.end()) for m in _SAID_ASIDE.finditer(text, 0, verb.start())]
    inside += said
    # nor the side the talks were with ("used the first direct talks with Ukraine to
    # restate a demand"), nor one that rejects the demand ("a demand Kyiv has rejected")
    before = [a for a in parts.actors if a.end <= demand.start()
              and not any(i <= a.start < j for i, j in inside)
              and not _TALKS_WITH.search(text, max(0, a.start - 40), a.start)
              # "recognise any of its land as Russian": what the land would be, no side
              # ("the status of the four regions as parts of Russia must be recognised")
              and not (text.endswith(("as ", "as\n"), 0, a.start)
                       and re.match(r"(?:Russian|Ukrainian)\b(?!\s+(?:troops|forces|army|side|"
                                    r"government|officials?|delegation))", text[a.start:]))
              # ("the status of the four regions as parts of Russia must be recognised")
              and not (_PART_OF.search(text, max(0, a.start - 30), a.start)
                       and re.match(r"(?:the\s+)?Russia(?:n\s+Federation)?\b(?!['’])",
                                    text[a.start:]))]
    meets = [a for a in before if a.side in ("RU", "UA")
             and (_MEETS.fullmatch(text, a.end, demand.start())
                  # "if Kyiv accepted the following conditions": "accepted" the demand word
                  or re.fullmatch(r"\s+(?:(?:would|will|must|to)\s+)?", text[a.end:demand.start()])
                  and re.match(r"accept", demand.group(0), re.I) and _THE_CONDITIONS.match(
                      text, demand.end()))]
    if meets:
        # "Moscow would agree to a ceasefire if Kyiv met the following conditions:": the
        # side that would meet them is asked; the other side sets them
        target = meets[-1].side
        review.append(f"{SIDE_NAME[target]} would meet the conditions: the other side's demand")
        return other_side(target), target
    between = [a for a in parts.actors if demand.end() <= a.start and a.end <= verb.start()
               and not _REJECTS.match(text, a.end)
               and not any(i <= a.start < j for i, j in said)]
    own = [a for a in between if a.side in ("RU", "UA") and (
        _WHOSE_DEMAND.match(text, a.end)
        # "The terms, first set out by President Putin in June, are: ... withdrawal of
        # Ukrainian troops ...": who set them out
        or _SET_OUT_BY.search(text, max(0, a.start - 40), a.start))]
    if own:
        # "narrower than Putin's June 2024 ultimatum that Kyiv pull out of ...": whose
        # demand the words name, later in the sentence than the first demand word
        actor = own[-1].side
        review.append(f"'{text[own[-1].start:own[-1].end]}' named as the demand's author: "
                      f"{SIDE_NAME[actor]}'s demand")
        return actor, other_side(actor)
    told = [a for a in before if a.side in ("RU", "UA")
            and _TOLD_BY.search(text[max(0, a.start - 30):a.start])]
    if told:
        # "Kyiv has been told by Russian negotiators that it must cede ...": who told
        actor = told[-1].side
        review.append(f"the demand was told by {SIDE_NAME[actor]}")
        return actor, other_side(actor)
    lead = _SET_BY.match(text, demand.end())
    author = [a for a in between if lead and a.side in ("RU", "UA")
              # "the demand (Vladimir) Putin set out": a first name may come before
              and re.fullmatch(r"(?:[Tt]he\s+)?(?:[A-Z][a-z]+\s+)?", text[lead.end():a.start])
              and _SET_VERB.match(text, a.end)]
    if author:
        # "Conditions the Kremlin set out: ... Ukrainian troops out of Donetsk"
        actor = author[0].side
        return actor, other_side(actor)
    target = between[0].side if between else None
    of = re.match(r"\s+of\s+(?:the\s+|all\s+)?", parts.s.text[verb.end():])
    leaving = None
    if target is None and of:
        # "the withdrawal of Russian forces from ...": whose forces leave
        whose = [a for a in parts.actors if a.start == verb.end() + of.end()]
        if whose and whose[0].side in ("RU", "UA"):
            target = leaving = whose[0].side
            if not before:
                review.append(f"the demanding side is not named; read as the other side "
                              f"of {SIDE_NAME[target]}, whose forces would leave")
                return other_side(target), target
    by = _DEMAND_BY.match(parts.s.text, demand.end())
    if by and before and demand.group(0).lower() in ("demands", "demanded") and re.fullmatch(
            r"(?:['’]s)?(?:\s+[\w-]+){0,3}?\s+(?:has\s+|had\s+|have\s+|again\s+|also\s+)*",
            text[before[-1].end:demand.start()]):
        # "Moscow demanded from Kiev to recognise ...": whom the subject demands it of, in
        # a translation's word order (not "a demand from Moscow that")
        by = None
    if by:
        # "a demand from Moscow that ...", "the demand voiced by the Russian side"
        named = [a for a in parts.actors if by.start() <= a.start < by.end() + 2]
        if named:
            actor = named[0].side
            rest = [a for a in between if a.start >= by.end()]
            target = rest[0].side if rest else None
            if target is None or target == actor:
                target = other_side(actor)
            return actor, target
    if (" ".join(demand.group(0).lower().split()) in ("must", "has to", "have to", "had to",
                                                      "should", "need to", "needs to")
            or _OPPORTUNITY.fullmatch(demand.group(0))
            # "Ukraine was still required to pull its troops out of ...": as "must"
            or demand.group(0).lower() == "required" and re.search(
                r"\b(?:is|was|are|were|be|been)\s+(?:still\s+|also\s+|now\s+)?$",
                text[:demand.start()], re.I)) \
            and before and (_SUBJECT_GAP.fullmatch(text, before[-1].end, demand.start())
                            or (_AND_IT.search(text, before[-1].end, demand.start())
                                and _LEAVE_NEXT.match(text, demand.end()))) \
            and not _BE_CEDED.match(text, demand.end()):
        # "Ukrainian forces must quit the Donbas": who must is the target; the author is
        # the other side (named or not); not "Moscow insists (the ground) must be handed
        # over", where the ground must
        target = before[-1].side
        tellers = [a for a in before[:-1] if a.side == "US" and (re.match(
            # ("Washington, according to three officials ..., has told Kyiv")
            r"(?:['’]s)?(?:,\s+according\s+to\s+[^,;.]{1,80},)?(?:\s+[\w.'’-]+){0,3}?\s+"
            r"(?:has\s+|have\s+|had\s+)?(?:told|tells?|informed|"
            r"warned|"
            r"said|says|insisted|urged|conveyed|stressed|made\s+clear)\b",
            text[a.end:before[-1].start]) or re.match(
            # "A senior U.S. envoy, Thomas Kerrigan, told Ukrainian officials in Kyiv last
            # week that Ukraine should cede ...": a name set between commas
            r"(?:['’]s)?(?:\s+[\w.'’-]+){0,3}?,\s+(?:[A-Z][\w.'’-]*\s+){1,3}?[A-Z][\w'’-]+,\s+"
            r"(?:has\s+|had\s+)?(?:told|informed|warned|urged|pressed)\b[^.;]{0,80}?\bthat\s+$",
            text[a.end:before[-1].start]))]
        if target in ("RU", "UA") and tellers:
            # "Washington has told Kyiv it should withdraw": who tells is who demands
            review.append(f"'{demand.group(0)}', told by the United States: its demand")
            return "US", target
        if target in ("RU", "UA"):
            review.append(f"'{demand.group(0)}' read as the other side's demand of "
                          f"{SIDE_NAME[target]}")
            return other_side(target), target
    if before:
        # the one who demands is named last before the demand ("Trump said Putin wants
        # Ukraine to give up ..."; "after a summit with the US president, the Kremlin
        # leader demanded ..."), not the one told ("the Kremlin has told US envoys that
        # it wants Kyiv to ...": the Kremlin)
        last, k = before[-1], len(before) - 1
        while k > 0 and before[k - 1].side == last.side and _ONE_NAME.fullmatch(
                text, before[k - 1].end, before[k].start):
            k -= 1  # "US President Donald Trump": one name, its first word told
        if k > 0 and _TOLD.search(text, max(0, before[k].start - 30), before[k].start):
            last = before[k - 1]
            review.append(f"'{text[before[k].start:before[-1].end]}' is who was told or "
                          f"handed it: the demand read as {SIDE_NAME[last.side]}'s")
        actor = last.side
        if (pronoun_side(parts, last) and between and between[-1].side == actor
                and actor in ("RU", "UA")):
            # "He demanded that Ukraine withdraw" ("he": the side the sentence before
            # named): no side demands its own withdrawal; the other side asks it
            actor = other_side(actor)
            review.append(f"'{text[last.start:last.end]}' is the side asked to leave: the "
                          f"demand read as {SIDE_NAME[actor]}'s")
    elif target in ("RU", "UA"):
        actor = other_side(target)
        review.append(f"the demanding side is not named; assumed {SIDE_NAME[actor]}")
    else:
        actor = "RU"
        review.append("the demanding side is not named; assumed Russia")
    if leaving is not None and actor == leaving:
        # "Putin's proposal ... his own peace formula still required the withdrawal of all
        # Russian troops": no side demands its own forces leave
        actor = other_side(leaving)
        review.append(f"{SIDE_NAME[leaving]}'s forces would leave: the demand read as "
                      f"{SIDE_NAME[actor]}'s")
    if actor in ("RU", "UA") and between and between[0].side == actor and re.search(
            r"(?:^|[\"“\s])(?:we|I)\s+(?:(?:also|again|still|now)\s+)?$", text[:demand.start()],
            re.I):
        # '"We demand that Russia withdraw its troops from every inch of Ukrainian soil"'
        # ("we" read as Russia): no side demands its own withdrawal; the other side does
        actor = other_side(actor)
        review.append(f"'{text[demand.start():demand.end()]}' by 'we', of "
                      f"{SIDE_NAME[between[0].side]}: read as {SIDE_NAME[actor]}'s demand")
    if target is None or target == actor:
        target = "UA" if actor != "UA" else "RU"
    return actor, target


#: A speaker set between commas: ", he said,", ", a Kremlin foreign-policy aide adds later,".
_SAID_ASIDE = re.compile(r",\s+(?:he|she|they|officials?|sources?|(?:an?|the)\s+"
                         r"(?:[\w'’-]+\s+){0,4}?"
                         r"(?:aide|official|spokes(?:man|woman|person)|minister|source|adviser|"
                         r"advisor|diplomat|negotiator))\s+(?:said|says|added|adds|insisted|"
                         r"insists|argued|argues|claimed|claims|warned|warns|stressed|stresses)"
                         r"(?:\s+(?:later|on\s+\w+|today|again))?,", re.I)
#: Before a side: it set the demand out ("first set out by President Putin").
_SET_OUT_BY = led(r"\b(?:set\s+out|put\s+forward|laid\s+out|spelled\s+out|issued|voiced|"
                  r"presented|tabled|made)\s+by\s+(?:the\s+)?" + BEFORE_PERSON + "$", re.I)
#: After a side: its own demand named ("Putin's June 2024 ultimatum", "Moscow's demand").
_WHOSE_DEMAND = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+){0,3}?(?:ultimatum|demands?|terms|"
                           r"conditions?)\s+(?:that|for)\b", re.I)


#: A source set between commas or brackets: ", according to US officials ...,", "(citing
#: Kremlin sources)".
SOURCE_ASIDE = re.compile(r"[,(]\s*(?:according\s+to|citing|as\s+(?:reported|quoted|described|"
                           r"outlined|summari[sz]ed|relayed|seen)\s+by|"
                           r"in\s+the\s+words\s+of)\s[^,()]{1,160}[,)]", re.I)


#: Before a side: the talks were with it ("the first direct talks with Ukraine").
_TALKS_WITH = re.compile(r"\b(?:talks|negotiations|meetings?|summit|contacts?|dialogue|calls?|"
                         r"conversation)\s+with\s+(?:the\s+)?" + BEFORE_PERSON + "$", re.I)


#: After a side: it rejects the demand ("a demand Kyiv has rejected since ...").
_REJECTS = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:long\s+|repeatedly\s+|always\s+|"
                      r"flatly\s+)?(?:rejected|rejects|refused|refuses|dismissed|dismisses|"
                      r"ruled\s+out|rules\s+out|turned\s+down|turns\s+down)\b", re.I)


#: Between a side and the demand word: it would meet or accept them ("(Kyiv) met the
#: following (conditions)").
_MEETS = re.compile(r"(?:['’]s\s+\w+)?\s+(?:(?:has|had|have|would|will|must|to)\s+)?(?:met|meets?|"
                    r"accepts?|accepted|fulfil+s?|fulfil+ed|satisf(?:y|ies|ied)|compl(?:y|ies|ied)\s+"
                    r"with)\s+(?:all\s+)?(?:the\s+|these\s+|those\s+|its\s+|his\s+|their\s+)?"
                    r"(?:following\s+)?", re.I)
_THE_CONDITIONS = re.compile(r"\s+(?:all\s+)?(?:the\s+|these\s+|those\s+|its\s+|his\s+|their\s+)?"
                             r"(?:following\s+)?(?:conditions|terms|demands)\b", re.I)
#: A verb of telling just before a side: that side is told, not telling.
_TOLD = re.compile(r"\b(?:told|tells|informed|informs|assured|assures|warned|warns|briefed|"
                   r"notified|reminded|"
                   # "handed the Ukrainian delegation a memorandum demanding ...": the one given
                   r"handed|hands|gave|gives|presented|sent|sends|passed|delivered|"
                   r"(?:submitted|presented|sent|passed|delivered|handed|conveyed|repeated|"
                   r"reiterated|restated|stressed|explained|made\s+clear)\s+to)\s+"
                   # "Putin has told Donald Trump", "told Mr Trump"
                   r"(?:the\s+)?" + BEFORE_PERSON + "$", re.I)


#: Between two words of one side that name one person: "US (President Donald) Trump".
_ONE_NAME = re.compile(r"(?:['’]s)?\s+(?:(?:President|Secretary|Minister|Envoy|envoy|leader|"
                       r"Special|special|Foreign|Prime|of\s+State|Mr\.?|Mrs\.?|Ms\.?)\s+)*"
                       r"(?-i:[A-Z][a-z]+\s+)?")


def last_demand(parts: Parts, verb: re.Match[str]) -> re.Match[str] | None:
    """The demand word of the verb: the one nearest before it with a side just before
    it ("The core demand is unchanged: Moscow wants Kyiv to cede ...": "wants"), else the
    first ("Putin would now accept ..., down from his original demand to ...")."""
    text = parts.s.text
    # the whole text is searched: "pressing Kyiv to give up" looks ahead to the verb; not
    # a demand in a relative clause the verb is not in ("Moscow, which in June 2024
    # demanded that ..., now says it would accept a deal in which Kyiv pulls out of ...")
    inside = [(m.start(), m.end()) for m in RELATIVE.finditer(text, 0, verb.start())]
    first = cue("demand", text)  # (the cheaper look first: most verbs have no demand word)
    found = [m for m in (CUES["demand"].finditer(text, first.start()) if first else ())
             if m.start() < verb.start() and not any(i <= m.start() < j for i, j in inside)]
    # "Asked about the meeting, the Kremlin's spokesman said ...": a reporter's question,
    # no demand
    found = [m for m in found if not (m.group(0).lower().startswith("ask") and re.match(
        r"\s+(?:about|whether|if|how|why|what|when|to\s+comment)\b", text[m.end():], re.I))]
    # not a word of a line before ("Kremlin: Kyiv 'knows the conditions'" over the story)
    found = [m for m in found if "\n" not in text[m.end():verb.start()]] or found
    if len(found) > 1 and re.match(r"\s*:", text[found[0].end():]):
        # "Demands: the memorandum Russia presented ... requires Ukraine to withdraw": a
        # label, not the demand's word
        found = found[1:]
    if found and re.match(r"(?:demanding|insisting|calling|urging|asking)\b", found[-1].group(0),
                          re.I) and re.search(r",\s*$", text[:found[-1].start()]):
        # "..., Russian Foreign Ministry spokeswoman Yelena Voronova said, demanding that
        # Kyiv recognise ...": the speaker's demand, not the word of the clause before
        return found[-1]
    for m in reversed(found):
        if any(a.side in ("RU", "UA") and a.end <= m.start()
               and re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}", text[a.end:m.start()])
               for a in parts.actors):
            return m
        if _HE_BEFORE.search(text, max(0, m.start() - 30), m.start()) and any(
                a.side in ("RU", "UA") and a.end <= m.start() for a in parts.actors):
            # "narrower than the one Putin laid out in June 2024, when he called for
            # Ukraine to withdraw": "he", a side named before in the sentence
            return m
    return found[0] if found else None


#: A pronoun right before a demand word: "when he (called for)".
_HE_BEFORE = re.compile(r"\b(?:he|she)\s+(?:(?:had|has|again|also|then|first|publicly)\s+)?$",
                        re.I)


#: Between the subject and "must": "(Ukrainian) forces (must)", "(Kyiv) now (must)".
#: The side named last again, as a pronoun after its clause: "The Kyiv regime holds less
#: than a fifth of the DPR, and it (must leave that territory too)".
_AND_IT = re.compile(r"(?:,\s+and|;)\s+(?:it|they)\s+$")
#: (After "and it must":) a verb of leaving, the pronoun's side the one to go.
_LEAVE_NEXT = re.compile(r"\s+(?:also\s+)?(?:leave|withdraw|pull|quit|vacate|get\s+out|abandon)\b",
                         re.I)
_SUBJECT_GAP = re.compile(r"(?:'s|’s)?(?:\s+(?:forces|troops|army|units|soldiers|side))?"
                          r"(?:,\s+(?:he|she|they|officials?|the\s+\w+)\s+(?:said|says|"
                          r"added|insisted|argued|told\s+\w+),)?"
                          # "Kyiv and its sponsors (will have to)"
                          r"(?:\s+and\s+(?:its|his|their)\s+(?:Western\s+)?(?:sponsors|allies|"
                          r"backers|patrons|partners|handlers|masters))?"
                          r"[\"”]?\s+[\"“]?(?:[\w'’-]+[\"”]?\s+){0,2}[\"“]?",
                          re.I)


#: Right before a side that is what ground would be, not who acts: "(the four regions) as
#: parts of (Russia)".
_PART_OF = re.compile(r"\bas\s+(?:an?\s+)?(?:parts?|subjects?|territory|territories|regions?)\s+"
                      r"of(?:\s+the)?\s+$", re.I)
#: A relative clause between commas: ", which in 2024 demanded that Ukraine ...,".
RELATIVE = led(r",\s+(?:which|who|whose)\b[^,]*,", re.I)


#: Before the side that told another of a demand: "has been told by (Russian negotiators)".
_TOLD_BY = re.compile(r"\b(?:told|informed|warned|notified|advised)\s+by\s+(?:the\s+)?$", re.I)


#: The author right after a demand word ("conditions (the Kremlin) set out", "terms that
#: (Moscow) put forward").
_SET_BY = re.compile(r"\s+(?:that\s+|which\s+)?")


_SET_VERB = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+)?(?:has\s+|had\s+|have\s+)?(?:set|laid|put|"
                       r"spelled|listed|outlined|presented|tabled|issued|sent|relayed|"
                       r"handed)\b", re.I)


#: After a demand word, who made it: "a demand from Moscow", "voiced by the Russian side".
_DEMAND_BY = re.compile(r"[\s,]+(?:(?:made|voiced|relayed|issued|put\s+forward|coming|sent|"
                        r"set(?:\s+"
                        r"out)?|laid\s+down|reiterated|repeated|presented)\s+)?(?:from|by)\s+(?:the\s+)?"
                        r"(?:(?:President|Prime\s+Minister|Foreign\s+Minister)\s+)?"
                        r"(?:(?-i:[A-Z][a-z]+)\s+(?=(?-i:[A-Z])))?(?=[A-Z]|(?-i:russia))|"
                        r"(?<=\bthe\sdemand)\s+of\s+(?:the\s+)?(?=[A-Z]|aggressor\b|occupiers?\b)")


#: A clause of condition just before a side and its verb: "once Ukraine (withdraws)",
#: "if the Kiev authorities (withdraw)", "if Kyiv (gives up)".
_IF_SIDE = re.compile(r"\b(?:if|unless|once|provided(?:\s+that)?|on\s+condition\s+that|"
                      r"as\s+soon\s+as|[\"“]?the\s+(?:(?:same|very)\s+)?(?:moment|minute|day|hour)"
                      r"[\"”]?|immediately\s+after|"
                      r"as\s+long\s+as|after|when|until)\s+(?:the\s+)?[\w\s'’\"“-]{0,40}?$", re.I)


#: What the other side offers for it: a ceasefire, an end to fighting.
_STOPPING = re.compile(r"\b(?:ceasefire|cease-fire|truce|peace|hostilities|fighting|war|"
                       # "Russia will take Donbas by military means unless ...": the threat
                       r"military\s+means|"
                       r"offensive|halt|stop|end|cease|freeze|talks|settlement|deal|"
                       r"negotiation)"
                       r"(?:s|es|ed|d|ing|ped|ping|ful)?\b", re.I)  # not "Warsaw", "endorsed"


def conditional_demand(parts: Parts, verb: re.Match[str]) -> tuple[str, str, str] | None:
    """(author, target, review) when the verb is a side's act in a condition another side
    sets for stopping ("hostilities will cease if the Kiev authorities withdraw ...",
    "Russia will order a ceasefire once Ukraine withdraws ..."); None otherwise."""
    text = parts.s.text
    before = text[:verb.start()]
    cond = _IF_SIDE.search(before)
    if cond is not None and cond.group(0).lower().startswith("until") and re.match(
            r"(?:withdrew|left|\w+ed)\b", verb.group(0), re.I) and not re.search(
            r"\b(?:has|have)\s+$", before) and not (
            # reported: "there could be no question of talks until all Ukrainian troops had
            # left the Kursk region"
            re.search(r"\bhad\s+$", before) and re.search(r"\bno\b", before[:cond.start()])):
        return None  # "fighting went on until Ukrainian forces withdrew": a past, no demand
    if cond is None or not (_STOPPING.search(text) or CUES["offer"].search(before, 0,
                                                                             cond.start())):
        return None  # "if Kyiv gives up Donetsk" after an offer, or a ceasefire in return
    if cond.group(0).lower().startswith("if") and re.match(
            r"gave|withdrew|ceded|handed|pulled|quit|surrendered|abandoned|left", verb.group(0),
            re.I) and re.search(r"\bwould\b", text[verb.end():]):
        return None  # "If Ukraine gave up Donetsk, the next war would start": a counterfactual
    doer = [a for a in parts.actors if cond.start() <= a.start < verb.start()
            and a.side in ("RU", "UA")]
    if not doer:
        return None
    target = doer[0].side
    word = re.match(r"[\"“]?the\s+(?:(?:same|very)\s+)?\w+[\"”]?|as\s+(?:soon|long)\s+as|"
                    r"immediately\s+after|"
                    r"on\s+condition\s+that|provided(?:\s+that)?|\w+", cond.group(0), re.I)
    return (other_side(target), target,
            f"a condition ('{(word.group(0) if word else cond.group(0)).strip(_QUOTES)}') on "
            f"{SIDE_NAME[target]} for stopping: read as {SIDE_NAME[other_side(target)]}'s "
            "demand")


#: Before the country a war is in: "the war in (Ukraine)", "Russia's invasion of".
_WAR_IN = re.compile(r"\b(?:war|invasion|conflict|fighting|aggression)\s+(?:in|on|of|against)\s+"
                     r"$", re.I)
#: A plan that "would have" a side do something: whose plan is named between.
_PLAN = led(r"\b(?:proposal|plan|draft|framework|blueprint|initiative|version|text|"
            r"document|memorandum|counter-?proposal|counter-?plan|roadmap|points?)\b"
            r"(?P<mid>[^.;]{0,100}?)\bwould\s+(?:also\s+|then\s+|further\s+)?(?:have|require|"
            r"see|oblige|make|let)\b|"
            # "a European plan under which Ukraine would pull back 15 km"
            r"\b(?:proposal|plan|draft|framework|blueprint|initiative|scenario)(?P<mid2>)"
            r"\s+(?:under|in|by)\s+which\b[^.;]{0,80}?\bwould\b", re.I)


def plan_author(parts: Parts, verb: re.Match[str]) -> tuple[bool, str | None]:
    """Whether the verb is what a plan "would have" a side do, and the plan's author: the
    side named before "would" ("The Russian draft would have Ukraine withdraw": Russia's
    demand), None for a plan of no side ("A proposal published by the Helsinki Forum would
    have Russia withdraw from ...", "The latest version, circulated in draft form, would
    have required Ukraine to pull out ...": nobody's demand or offer)."""
    text = parts.s.text
    if "would" not in text:
        return False, None
    plan = None
    for m in _PLAN.finditer(text, 0, verb.start()):
        plan = m
    if plan is None:
        return False, None
    mid = plan.end("mid") if plan.group("mid") is not None else plan.end("mid2")
    # not the country the war is in ("A US-drafted framework for ending the war in
    # Ukraine would require Kyiv to ...": the United States' plan)
    named = [a.side for a in parts.actors if a.side in ("RU", "UA", "US") and a.start < mid
             and not _WAR_IN.search(text, max(0, a.start - 24), a.start)
             # not the one pressed to accept it ("The Trump administration is pressing
             # Volodymyr Zelensky to accept a peace plan that would require Ukraine to
             # withdraw ...": the presser's plan)
             and not _PRESSED_TO.match(text, a.end)
             # nor the one it was shown to ("A draft drawn up by American and Russian envoys
             # and presented to Kyiv ... would require Ukraine to withdraw")
             and not _SHOWN_TO.search(text, max(0, a.start - 30), a.start)]
    return True, (named[-1] if named else None)


def asked_whether(parts: Parts, demand: re.Match[str]) -> bool:
    """The demand word is a "should" asked about: "the question of whether Ukraine should
    surrender the remainder of the Donetsk region" (no one's demand)."""
    if demand.group(0).lower() != "should":
        return False
    text = parts.s.text
    before = [a for a in parts.actors if a.end <= demand.start()
              and _SUBJECT_GAP.fullmatch(text, a.end, demand.start())]
    return bool(before) and _WHETHER.search(text, max(0, before[-1].start - 30),
                                            before[-1].start) is not None


#: A demand word that, like "must", names who is asked, not who asks: "(the Kiev regime
#: still) had the opportunity (to withdraw)".
_OPPORTUNITY = re.compile(r"(?:has|have|had)\s+(?:the|a|an|every)\s+(?:opportunity|chance)", re.I)


#: Right before a side a "should" follows: a question of it ("whether (Ukraine) should").
_WHETHER = re.compile(r"\b(?:whether|if)\s+(?:or\s+not\s+)?(?:the\s+)?$", re.I)


#: Right before a side: a plan was shown or handed to it ("presented to (Kyiv)").
_SHOWN_TO = re.compile(r"\b(?:presented|shown|handed|delivered|given|sent|submitted|passed|"
                       r"put)\s+to\s+(?:the\s+)?$", re.I)
#: After a side: it is pressed to take a plan up ("(Zelensky) to accept a peace plan").
_PRESSED_TO = re.compile(r"(?:['’]s\s+\w+)?\s+to\s+(?:accept|sign|agree\s+to|back|endorse|embrace|"
                         r"take\s+up)\b", re.I)


_QUOTES = "\"“”'’‘"


def offering_side(parts: Parts, offer: re.Match[str]) -> str | None:
    """The side right before an offer word, as its subject ("Ukraine would pull ...",
    "Russian troops could ..."), or None."""
    text = parts.s.text
    near = [a for a in parts.actors if a.side in ("RU", "UA") and a.end <= offer.start()
            and re.fullmatch(r"(?:['’]s)?\s+(?:(?:troops|forces|army|units|soldiers|"
                             r"government|officials|negotiators|side)\s+)?(?:\w+ly\s+)?"
                             # "Moscow had signalled it was (ready to pull back)"
                             r"(?:(?:has|had|have)\s+)?(?:(?:signall?ed|said|indicated|hinted|"
                             r"stated|made\s+clear|let\s+it\s+be\s+known)\s+(?:that\s+)?(?:it|they)"
                             r"\s+(?:was|were|is|are|would\s+be|might\s+be|could\s+be)\s+)?",
                             text[a.end:offer.start()])]
    return near[-1].side if near else None


#: A side's terms summed up before a colon, the other side the subject after it: "Putin's
#: idea of 'peace': (Ukraine hands over ...)", "the Kremlin's 'peace offer': (Ukraine ...)".
_SUMMED_UP = re.compile(r"\b(?P<side>Putin|Moscow|(?:the\s+)?Kremlin|Russia|Kyiv|Zelensk\w+|"
                        r"Ukraine)(?:['’]s)?\s+(?:[\w\"“”'‘’-]+\s+){0,3}?(?:idea\s+of\s+"
                        r"[\"“'‘]?(?:peace|a\s+deal|compromise)[\"”'’]?|(?:[\"“'‘]?peace\s+)?"
                        r"(?:offer|plan|terms|proposal|price|formula)[\"”'’]?)\s*:\s*[\"“]?"
                        r"(?P<other>Ukraine|Kyiv|Russia|Moscow)\s+$", re.I)


def summed_up(parts: Parts, verb: re.Match[str]) -> tuple[str, str, str] | None:
    """(author, target, review) when the verb's clause sums up a side's terms after a
    colon ("Putin's idea of 'peace': Ukraine hands over all of Donbas"); None otherwise."""
    m = _SUMMED_UP.search(parts.s.text, 0, verb.start())
    if m is None:
        return None
    word = m.group("side").lower()
    author = "RU" if word.startswith(("putin", "moscow", "the kremlin", "kremlin", "russia")) \
        else "UA"
    target = "RU" if m.group("other").lower() in ("russia", "moscow") else "UA"
    if author == target:
        return None
    return (author, target, f"{SIDE_NAME[author]}'s terms summed up before a colon: read as "
                            f"its demand")


#: "must be handed over": the ground must, not a side ("Ukrainian troops must be
#: withdrawn" is the troops').
_BE_CEDED = re.compile(r"\s+be\s+(?:\w+\s+)?(?:handed|ceded|given|surrendered|transferred|"
                       r"relinquished)\b", re.I)
