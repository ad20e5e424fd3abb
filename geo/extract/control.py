"""Control claims of a sentence: who holds how much of which place.

Each share (percent of the named units or of Ukraine) or area (km²) figure is bound to
the places it is "of" (or "in", for an area; a table line's place; a place named first),
and figure-less mentions ("all of Luhansk", "smaller parts of Kharkiv", a place as the
verb's object, "Crimea remains under Russian control") get a qualifier. The holder is
the side of a passive ("occupied by Russia", "in Russian hands") or the subject before
the verb.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.extract.asserted import UNITS_SIZE, region_size
from geo.extract.lexicon import CUES, Figure, Place, cue, official_areas
from geo.extract.model import ExtractedClaim
from geo.extract.parts import (
    ALMOST,
    CENTRES_BEFORE,
    DRIVEN_FROM,
    HELD_PART,
    SIDE_NAME,
    Parts,
    codes_of,
    figureless,
    first_person,
    group_review,
    is_rest,
    is_there,
    make_claim,
    other_side,
    places_before,
    places_from,
    pronoun_side,
    subject,
    unit_of_small_area,
    voice_side,
    voice_why,
)
from geo.extract.patterns import led

__all__ = ["PASSIVE", "holder_of", "control_claims", "of_places", "fronted_places", "LABEL_AMOUNT",
           "EARLIER_FIGURE", "NOT_HELD", "DENIED_PLACE", "NO_PART_OF", "GAINED", "GAIN_VERB",
           "PERIOD"]


_OF_GAP = led(r"^[\"”’']?(?:\.{2,}|…)?\s+(?:of\s+)?(?:(?:each|both)\s+(?:of\s+)?)?"
              r"(?:the\s+|our\s+|their\s+|his\s+|her\s+|its\s+)?"
              # "two-thirds of the combined territory of Zaporizhzhia and Kherson"
              r"(?:(?:(?:combined|total|whole|entire)\s+)?(?:territory|land|area|"
              r"home\s+(?:region|oblast))\s+of\s+(?:the\s+)?)?"
              r"(?:(?:wider|broader|greater|whole|entire|neighbou?ring|nearby|eastern|western|"
              r"southern|northern|south-eastern|southeastern|north-eastern|"
              r"northeastern)\s+)?(?:(?:Russia|Ukraine)(?:'s|’s)\s+(?:own\s+)?"
              r"(?:(?:eastern|western|southern|northern|north-eastern|northeastern|"
              r"south-eastern|southeastern|border)\s+)?)?"
              r"(?:(?:region|oblast)s?\s+of\s+)?[\"“]?$", re.I)


#: "(, and) in (the)" right before a place.
_IN_BEFORE = re.compile(r"\b(?:and\s+|while\s+)?in\s+(?:the\s+)?$", re.I)
#: Between that place and its figure: a comma, a hedge.
_HEDGE_GAP = re.compile(r"^(?:\s+(?:region|oblast|province))?\s*,?\s*(?:(?:about|roughly|around|"
                        r"some|nearly|almost|over|more\s+than|less\s+than|under|approximately|"
                        r"an\s+estimated|close\s+to|at\s+least|just\s+over|just\s+under)\s+)?"
                        r"[~≈]?$", re.I)


#: Between a place and its figure in a table-like line: "Luhansk — 99%", "Donetsk: about
#: 79%", "Kherson (74%)".
_TABLE_GAP = re.compile(r"^(?:\s+(?:region|oblast|province))?"
                        # "(the area of the oblast) remaining under Ukrainian control amounts
                        # to (less than 1%)"
                        r"(?:\s+(?:(?:still\s+)?(?:remaining|left)|that\s+remains|which\s+"
                        r"remains|still)\s+(?:under\s+(?:Ukrainian|Russian|Kyiv['’]s|Moscow['’]s)"
                        r"\s+control|in\s+(?:Ukrainian|Russian)\s+hands)(?=\s+(?:is|was|stands|"
                        r"stood|totals|totalled|amounts|comes)\b))?"
                        r"(?:\s*(?:[—–:(-]|--|\.{2,}|…+)|\s*(?=\S*\d)|,\s+(?:now|currently|still)|"
                        r"\s+(?:is|was|stands\s+at|"
                        r"stood\s+at|totals|totalled|amounts\s+to|comes\s+to)\s+(?:now\s+|"
                        r"currently\s+|still\s+|just\s+)?)\s*[~≈<>≥≤]?\s*"
                        r"(?:(?:about|roughly|around|some|nearly|almost|"
                        r"over|more\s+than|less\s+than|under|just\s+over|just\s+under|"
                        r"an\s+estimated|approximately|close\s+to|at\s+least)\s+)?$", re.I)


#: A figure set beside the one before it: "3,950 km² -- roughly 0.65 %", "(about 0.7 %)".
_APPOSED = led(r"(?:[—–(,]|--|\bor)\s*(?:(?:about|roughly|around|some|nearly|almost|"
               r"approximately|just\s+over|just\s+under)\s+)?$", re.I)
#: An earlier figure given with the current one: "up from 70 % in the spring".
EARLIER_FIGURE = led(r"\b(?:(?:up|down)\s+from(?:\s+(?:a|an|its|their|the)\s+(?:peak|high|"
                      # "down from a peak of roughly 1,300 km²"
                      r"high\s+point|maximum|high-water\s+mark)\s+of)?|compared\s+(?:with|to)|"
                      r"against|versus|"
                      # "Donetsk: then 33%, now 79%"
                      r"vs\.?|from|(?<![,;]\s)(?<!\band\s)then|"
                      # "– a year ago the figure was still just under 60 %"
                      r"(?:ago|earlier|previously)\b[^.;]{0,30}?\b(?:was|were|stood\s+at|"
                      r"had\s+been)(?:\s+(?:still|only|just))?)\s+(?:(?:about|roughly|around|some|"
                      r"nearly|almost|just\s+over|just\s+under|more\s+than|less\s+than|"
                      r"an\s+estimated)\s+)?[~≈]?$"
                      # "Donetsk — 73.8% (73.0%)" under "(in brackets — as at 31.05)":
                      # the figure in brackets after one of its unit
                      r"|(?<=\d)(?:%|\s*km²|\s*km2)\s*\(\s*(?:about\s+|around\s+|~\s*)?$",
                      re.I)
#: A control verb denied: "does not control", "no longer holds", "never held".
NOT_HELD = led(r"\b(?:(?:does|do|did)\s+not|doesn't|don't|didn't|no\s+longer|never|not|"
               r"failed\s+to|fails\s+to|unable\s+to|could\s+not|couldn't|cannot|"
               # "has not claimed to hold the whole oblast"
               r"not\s+(?:even\s+)?claimed\s+to)"
                r"\s+(?:[\w-]+\s+)?$", re.I)
#: A verb of holding denied right before a place: "(has still) failed to occupy (these
#: areas)", "has not taken the whole of (Donetsk)".
DENIED_PLACE = led(r"(?:\bnot|n['’]t|\bnever|\bno\s+longer|\bfail(?:ed|s)?\s+to|"
                    r"\bunable\s+to)\s+(?:yet\s+|fully\s+|even\s+|still\s+)?(?:taken|"
                    r"captured|seized|occupied|held|controlled|control|hold|take|capture|"
                    r"occupy|seize)\s+(?:all\s+of\s+|the\s+whole\s+of\s+|the\s+entire\s+)?"
                    # "does not fully control Donetsk, Zaporizhzhia or (Kherson)": a
                    # list's later places too
                    r"(?:the\s+)?(?:(?-i:[A-Z])[\w'’-]+(?:\s+(?:region|oblast)s?)?,\s+){0,4}"
                    r"(?:(?:(?-i:[A-Z])[\w'’-]+\s+)?(?:or|and|nor)\s+)?(?:the\s+)?$", re.I)
#: Right before a place a holding is meant to protect, not held: "(a security zone ...) to
#: protect (the Belgorod and Kursk regions)", "in response to Ukrainian strikes on
#: (Belgorod)", "(push artillery) away from (Belgorod)".
_GUARDED = re.compile(r"\b(?:protect(?:s|ed|ing)?|shield(?:s|ed|ing)?|away\s+from|shelling\s+of|"
                      r"(?:strikes|attacks|shelling)\s+(?:on|of|against)|"
                      # "(is being created) after the liberation of the Kursk region"
                      r"(?:after|since|following)\s+the\s+liberation\s+of)"
                      r"\s+(?:the\s+)?(?:(?:population|people|residents|towns|villages)\s+of\s+"
                      r"(?:the\s+)?)?(?:(?:Russian|Russia['’]s|border|neighbou?ring)\s+)?"
                      # "to protect the Belgorod and (Kursk regions)"
                      r"(?:(?-i:[A-Z])[\w'’-]+(?:\s*,\s*|\s+and\s+))*$", re.I)
#: Verbs of taking ground and a period: what was gained, not what is held.
GAIN_VERB = led(r"captur|seiz|tak|took|gain|overr|retak|retook|recaptur|regain", re.I)
#: After "liberated": a period it was gained in ("more than 800 km² ... since August").
_SINCE = re.compile(r"\b(?:since\s+(?:the\s+)?(?:start|beginning|January|February|March|April|"
                    r"May|June|July|August|September|October|November|December|\d{4}|last)|"
                    r"(?:over|in|during)\s+the\s+(?:past|last)\s)", re.I)
PERIOD = led(r"\bsince\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:"
             r"counter-?offensive|"
             # "since the counteroffensive began on 4 June"
             r"offensive|invasion|operation|incursion)\s+(?:began|started|was\s+launched)\b|"
             r"\b(?:in|during|since|over|last|this|past|between)\s+(?:the\s+)?"
              r"(?:(?:whole|course|first\s+half|second\s+half|rest|start|beginning|end)\s+of\s+|"
              r"\d{1,2}\s+)?"
              r"(?:past\s+|last\s+|first\s+|early\s+|mid-?|late\s+)?(?:January|February|March|April|May|June|July|August|September|"
              r"October|November|December|months?|weeks?|years?|summer|autumn|spring|winter|"
              r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
              r"(?:days|weeks|months)|\d{4})\b|"
              # "lost roughly half of its Kursk bridgehead in a week"
              r"\b(?:in|within|over)\s+a\s+(?:single\s+)?(?:day|week|fortnight|month)\b",
              re.I)
#: A figure of ground gained or lost, not held: "a gain of roughly 4,900 sq km", "up 412 sq
#: km in a month" (pace claims, :mod:`geo.extract.pace`).
GAINED = led(r"\b(?:gain(?:ed|s)?|los(?:s|ses|t)|advance[sd]?|increase[sd]?|rise|rose|"
              r"gr[eo]w(?:n)?|added|(?:re)?captur(?:ed|ing)|retook|retaken|regain(?:ed|ing)|"
              r"recover(?:ed|ing)|"
              r"seiz(?:ed|ing)|took|taken|up|down|"
              # "in the whole of 2024 it managed to take only some 4,000 square km"
              r"(?:managed|able|failed|sought|tried)\s+to\s+(?:take|capture|seize)|"
              r"another|additional|further)\s+(?:of\s+|by\s+)?(?:(?:only|just)\s+)?(?:(?:about|roughly|around|"
              r"some|nearly|almost|just\s+over|more\s+than|less\s+than|an\s+estimated|"
              r"well\s+over|well\s+above|over)\s+)?$", re.I)


PASSIVE = led(r"\b(?:(?:(?:occupied|held|controlled|seized|captured|taken|annexed|"
               r"retained|kept|liberated|overrun|run)\s+(?:[\w-]+\s+){0,2}?by|under\s+(?:the\s+)?"
               # "Under control of Ukraine remain about 22%" (translated)
               r"(?:temporary\s+|full\s+|effective\s+)?control\s+of)\s+(?:the\s+)?"
               # "under the control of the Defence Forces of Ukraine"
               r"(?:(?:Defen[cs]e|Armed)\s+Forces\s+of\s+(?:the\s+)?)?(Russia|Russian|"
               r"Moscow|Ukraine|Ukrainian|Kyiv|Kiev|enemy|adversary)"
               # not people of a side: "a mapping project run by Ukrainian volunteers"
               r"(?!\s+(?:volunteers|analysts|researchers|journalists|activists|mappers|"
               r"bloggers|experts|scholars|reporters|media|monitors|project|group|team|"
               r"think\s+tank|outlets?|channels?)\b)|"
               r"in\s+(Russian|Ukrainian)\s+hands|under\s+(Russian|Ukrainian)\s+"
               r"(?:military\s+)?(?:control|occupation|rule)|"
               # the UN's words for Ukraine's side: "the area under Government control"
               r"under\s+(?-i:(Government))\s+control|(?-i:(Government))-controlled|"
               # the speaker's side (geo.extract.speaker): "is under our control"
               r"under\s+(our)\s+(?:full\s+|complete\s+)?control|"
               r"(?:is|are)\s+(?:now\s+|already\s+)?(ours)\b|"
               r"behind\s+(Russian|Ukrainian)\s+lines)", re.I)


#: Right before "under the control of": a negation ("not under the control of Ukraine").
_NOT_UNDER = re.compile(r"\b(?:not|no\s+longer|never)\s+(?:(?:currently|now|yet|fully|been)\s+)?$",
                        re.I)
#: "has lost control of", "lost": the holder is the other side.
_LOST = led(r"\blost\s+(?:[\w-]+\s+){0,2}$", re.I)
#: Between a side's speakers and a control verb: "Ukrainian officials say it now (controls)".
_SAY_IT = led(r"^\s+(?:[\w-]+\s+){0,2}?(?:officials|sources|analysts|authorities|"
              r"commanders|officers|bloggers|media|experts|observers|intelligence)\s+"
              r"(?:say|said|believe|believes|estimate|claim|claimed|report|reported|"
              r"think)\s+(?:that\s+)?(?:it|the\s+enemy)\s+(?:\w+\s+)?$", re.I)


_LIBERATED = led(r"liberat", re.I)
#: Whose occupation: "Russia's occupation of", "the Ukrainian occupation of".
_WHOSE_OCCUPATION = re.compile(r"\b(Russian|Russia['’]s|Moscow['’]s|Ukrainian|Ukraine['’]s|"
                               r"Kyiv['’]s)\s+(?:military\s+|illegal\s+|temporary\s+)?$", re.I)
#: Right before a figure: the side it is left to ("leaving Ukraine with (8,000 sq km)").
_LEFT_WITH = re.compile(r"\bleaving\s+(?P<side>Ukraine|Kyiv|Russia|Moscow|(?:Ukrainian|Russian)\s+"
                        r"(?:forces|troops))\s+(?:with|in\s+control\s+of|holding)\s+(?:only\s+|"
                        r"just\s+)?(?:about\s+|roughly\s+|some\s+|a\s+little\s+(?:under|over|more\s+"
                        r"than|less\s+than)\s+|around\s+|nearly\s+|almost\s+)?$", re.I)
#: After a place: one bank of the river ("(all of Kherson) on the left bank").
_ON_BANK = re.compile(r"(?:\s+(?:region|oblast|province))?\s+(?:on|along)\s+the\s+(?:left|right|"
                      r"east(?:ern)?|west(?:ern)?|south(?:ern)?)\s+bank\b", re.I)
#: The start of another clause: ", but", ", while", "; ", " -- ".
_NEXT_CLAUSE = re.compile(r",\s*(?:but|while|whereas|though|although|and|yet|leaving|since|because|"
                          # "..., with only a handful of villages ... still in Ukrainian hands"
                          r"with\s+only|"
                          # "..., where only a few positions remain under Ukrainian control"
                          r"where)\b|;|\s[—–]\s|"
                          # "(the governor said that Russian forces control ...) and that the
                          # regional capital, still held by Kyiv, ..."
                          r"\sand\s+that\s|"
                          # "(occupy most of the four regions) but not the regional capitals
                          # ..., which remain under Ukrainian control"
                          r"\s--\s|\s(?:apart\s+from|except(?:\s+for)?|save\s+for|other\s+than|"
                          r"but\s+not)\s")
#: A security zone's words, where a control verb starts.
_ZONE_VERB = led(r"(?:establish|creat|set|security|buffer|sanitary)\w*\s+(?:up\s+)?"
                 r"(?:a\s+)?[\"“'‘]?(?:security|buffer|sanitary|zone)", re.I)
#: Right before an area: "(have) liberated (more than)".
_LIBERATED_AREA = re.compile(r"\bliberated\s+(?:(?:about|roughly|around|some|nearly|almost|over|"
                             r"more\s+than|less\s+than|an\s+estimated|approximately|a\s+further|"
                             r"another)\s+)?$", re.I)
#: After an area: "of territory (and 93 settlements) in (Russia's) ..." (the place next).
_OF_TERRITORY_IN = re.compile(r"\s+of\s+(?:the\s+)?(?:territory|land|ground)(?:\s+and\s+(?:\d+\s+)?"
                              r"[\w-]+(?:\s+[\w-]+)?)?\s+in\s+(?:the\s+)?(?:(?:Russia|Ukraine)['’]s\s+"
                              r")?", re.I)
#: Before a figure the one before it leaves to a side: "(78 percent of Donetsk), leaving
#: (some 5,800 km² in Ukrainian hands)".
_LEAVING = re.compile(r"\bleaving\s+(?:only\s+|just\s+)?(?:(?:about|roughly|around|some|nearly|"
                      r"almost|over|under|more\s+than|less\s+than|an\s+estimated|"
                      r"approximately)\s+)?$", re.I)
#: After such a figure: whose hands it is left in.
_LEFT_IN_HANDS = re.compile(r"\s+(?:of\s+(?:it|land|territory)\s+)?(?:in\s+(Ukrainian|Russian|"
                            r"Kyiv['’]s|Moscow['’]s)\s+hands|under\s+(Ukrainian|Russian|Kyiv['’]s|"
                            r"Moscow['’]s)\s+control)", re.I)
#: A relative clause after a place that says a side holds it: ", which Russian troops still
#: largely occupy".
_WHICH_HELD = re.compile(r"(?:\s+(?:region|oblast|province))?\s*,\s+(?:which|that)\s+(?P<side>(?:"
                         r"Russian|Ukrainian|Russia['’]s|Ukraine['’]s|Kyiv['’]s|Moscow['’]s)\s+"
                         r"(?:troops|forces|army|units)|the\s+(?:occupiers|invaders)|"
                         # "Crimea, which Moscow has held in its entirety since 2014"
                         r"Russia|Moscow|the\s+Kremlin|Ukraine|Kyiv)\s+(?:still\s+|now\s+|also\s+)?"
                         r"(?P<not>do\s+not\s+|don['’]t\s+|does\s+not\s+|doesn['’]t\s+|"
                         r"no\s+longer\s+)?(?P<how>largely|mostly|partly|partially|fully|"
                         r"entirely|completely)?\s*(?:occupy|hold|control|occupies|holds|controls|"
                         r"(?:has|have)\s+(?:held|controlled|occupied))\b", re.I)
#: A clause after a place that says a side holds a little of it: ", where Russian troops
#: hold a handful of villages", ", where Kyiv still clings to a foothold".
_WHERE_HELD = re.compile(r"(?:\s+(?:region|oblast|province))?\s*,\s+where\s+(?P<side>(?:Russian|"
                         r"Ukrainian|Russia['’]s|Ukraine['’]s|Kyiv['’]s|Moscow['’]s)\s+(?:troops|"
                         r"forces|army|units|soldiers)|Russia|Moscow|Ukraine|Kyiv|the\s+(?:occupiers|"
                         r"invaders)|(?P<pron>they|it))\s+(?:still\s+|now\s+|already\s+)?(?:holds?|"
                         r"controls?|occup(?:y|ies)|(?:is|are)\s+holding|cling\s+to|clings\s+to|"
                         r"keeps?|(?:have|has)\s+(?:held|taken|occupied))\s+"
                         r"(?:on\s+to\s+|onto\s+)?(?:only\s+|just\s+)?(?:an?\s+(?:few|handful|couple|"
                         r"small|narrow|thin|tiny|sliver|strip|pocket|foothold|bridgehead|number\s+of)|"
                         r"(?:several|some|small)\s+(?:villages|settlements|pockets|areas|parts)|"
                         r"(?:parts?|pockets?|villages)\b)", re.I)
#: A relative clause after a place that says how much of it a side holds: ", of which
#: Russia holds most", ", most of which Russian troops now occupy".
_OF_WHICH_HELD = re.compile(r"(?:s|\s+(?:regions?|oblasts?|provinces?))?\s*,\s+(?:(?P<most>most|"
                            r"much|the\s+bulk)\s+of\s+which|(?P<whole>all|the\s+whole|the\s+entirety)"
                            r"\s+of\s+which|of\s+which)\s+(?P<side>Russia|Moscow|"
                            r"Ukraine|Kyiv|(?:Russian|Ukrainian)\s+(?:troops|forces)|the\s+(?:enemy|"
                            r"occupiers|invaders|aggressor))\s+(?:now\s+|"
                            r"still\s+|already\s+)?(?:holds?|controls?|occup(?:y|ies)|has\s+(?:held|"
                            r"controlled|occupied))\b(?:\s+"
                            r"(?P<amount>(?:almost\s+|nearly\s+|virtually\s+)?all\b|most\b|much\b|"
                            r"the\s+bulk\b|(?:a\s+)?(?:small\s+)?parts?\b|some\b))?", re.I)
#: After an area: Russia's territory, no region named ("of the territory of the Russian
#: Federation", "of Russian territory", "inside Russia").
_OF_RUSSIA = re.compile(r"\s+(?:of|inside|in)\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+Russian\s+"
                        r"Federation|Russia)|Russian\s+(?:territory|soil|land)|Russia\b(?!['’]))",
                        re.I)
#: After a figure's place, a relative clause naming who holds it, past an aside: "(the
#: roughly 25% of Donetsk Oblast) — about 6,600 square kilometers — that remains under
#: Ukrainian control".
_REL_HELD = led(r"(?:\s+(?:region|oblast|province))?(?:\s*[—–(]\s*[^—–()]{1,60}[—–)])?"
                r"\s*[,—–]?\s*(?:that|which)\s+(?:still\s+)?(?:remains?|is|are)\s+(?:still\s+)?"
                r"(?:under\s+(?P<a>Ukrainian|Russian)\s+control|in\s+(?P<b>Ukrainian|"
                r"Russian)\s+hands)", re.I)
#: Right after a side: it says so ("Kyiv says (some 95% ... has now been liberated)").
_SAYS = re.compile(r"(?:['’]s\s+\w+)?\s+(?:says|said|claims|claimed|announced|reported|reports)\b",
                   re.I)
#: "Occupied" as the adjective of a share or an area: "put the occupied share at 19%".
_OCCUPIED_SHARE = led(r"occupied\s+(?:share|area|territory|part|portion|land)\s+(?:at|to|is|"
                      r"was|stands|stood|comes|came|amount(?:s|ed)?|totall?(?:s|ed)|"
                      r"covers|covered|measures|measured)\b", re.I)
#: A supposition right before the verb: "(if Russia) were to (capture)".
_WERE_TO = re.compile(r"\b(?:were|was)\s+(?:ever\s+)?to\s+$", re.I)
#: The future right before the verb: "(we) will (liberate)", "is going to (take)".
_WILL = led(r"\b(?:will|shall|(?:is|are)\s+going\s+to)\s+(?:(?:soon|eventually|"
            r"certainly|inevitably|then|also)\s+)?(?:(?:be\s+able|manage|continue|want)\s+"
            # "will be able to hold any part of Kursk oblast by the summer"
            r"to\s+)?$|['’]ll\s+$", re.I)
#: Ground called occupied, no holder named: "is temporarily occupied", "the occupied part".
_OCCUPIED = led(r"\b(?:temporarily\s+)?occupied\b(?!\s+by\b)|\boccupation\b", re.I)


#: Ground the government holds, no side named: "the government-controlled part of".
_GOVERNMENT_HELD = led(r"\b(non[- ])?government[- ](?:controlled|held)\b", re.I)
#: An unnamed speaker's side holding on: "we still hold", "our forces still control".
_WE_STILL = re.compile(r"\b(?:we|our\s+(?:forces|troops|units|army|defenders|soldiers))\s+"
                       r"(?:are\s+)?still\s+(?:hold|control|keep|have|retain)", re.I)


def _government_held(text: str, start: int = 0, end: int | None = None
                     ) -> tuple[str, list[str]] | None:
    """The holder "government-controlled" (Ukraine) or "non-government-controlled" (Russia,
    the UN's and aid groups' words) names in ``text[start:end]``, with why; or None."""
    m = _GOVERNMENT_HELD.search(text, start, len(text) if end is None else end)
    if m is None:
        return None
    side = "RU" if m.group(1) else "UA"
    return side, [f"'{m.group(0)}': read as held by {SIDE_NAME[side]}"]


def holder_of(parts: Parts, verb_start: int) -> tuple[str, list[str]]:
    near = _government_held(parts.s.text, max(0, verb_start - 40), verb_start + 40)
    if near is not None:
        # "access in the remaining government-controlled part of Donetska oblast": the
        # ground's own words name its holder, whoever the sentence is about
        return near
    if _ZONE_VERB.match(parts.s.text, verb_start) and not any(
            a.side in ("RU", "UA") and a.end <= verb_start for a in parts.actors):
        # "In these areas, a security buffer zone is being created ... to protect the
        # Kursk, Belgorod and Bryansk regions from Ukrainian shelling": no side named
        # before it; Russia's, which makes them along its border
        return "RU", ["a security zone, no side named before it: read as Russia's"]
    if re.match(r"(?:red|shading)\b", parts.s.text[verb_start:verb_start + 8], re.I):
        # "the red shading covers virtually all of Luhansk region", "The shading covers all
        # of Crimea": a map's Russian-held colour (the convention of the maps the news
        # reproduces)
        return "RU", ["a map's red or shading read as held by Russia"]
    if (occupied := _OCCUPIED_SHARE.match(parts.s.text, verb_start)) is not None:
        # "monitoring groups put the occupied share at about 19%": Russia's, whoever puts it
        noun = occupied.group(0).split()[1]
        return "RU", [f"'the occupied {noun}' is Russia's"]
    if parts.s.text.startswith("occupation", verb_start):
        # "would not recognise the occupation of Crimea": the occupier, not the subject
        whose = _WHOSE_OCCUPATION.search(parts.s.text, max(0, verb_start - 24), verb_start)
        if whose:
            return ("UA" if whose.group(1).lower().startswith(("ukrain", "kyiv")) else "RU"), []
        return "RU", ["'the occupation of' with no occupier named: read as Russia's"]
    m = PASSIVE.search(parts.s.text)
    if m is None and _LIBERATED.match(parts.s.text, verb_start) and voice_side(
            parts, verb_start) == "RU":
        # "The DPR is more than 80% liberated", in Moscow's words: by Russia
        return "RU", ["'liberated' in the words of Russia's side: held by Russia"]
    if m is None and _LIBERATED.match(parts.s.text, verb_start) and (sayers := [
            a for a in parts.actors if a.end <= verb_start and a.side in ("RU", "UA")
            and _SAYS.match(parts.s.text, a.end)]):
        # "Kyiv says some 95% of the Kharkiv region has now been liberated": by the side
        # whose words they are
        side = sayers[-1].side
        return side, [f"'liberated' in the words of {SIDE_NAME[side]}: held by {SIDE_NAME[side]}"]
    if m and m.end() <= verb_start and (side := subject(parts, verb_start, holders=True)) \
            and any(m.end() <= a.start and a.end <= verb_start and a.side == side
                    for a in parts.actors) \
            and not _NEXT_CLAUSE.search(parts.s.text, m.end(), verb_start):
        # "According to a project run by Ukrainian volunteers, Russia occupied ...": the
        # subject right before the verb holds, not the passive's agent before it
        m = None
    if m and m.start() > verb_start and subject(parts, verb_start, holders=True) and (
            _NEXT_CLAUSE.search(parts.s.text, verb_start, m.start())
            # "..., the largest cities still under Ukrainian control": other places'
            or _OF_OTHER_PLACES.search(parts.s.text, max(0, m.start() - 40), m.start())):
        # "Russian forces hold about three quarters of Kherson, but the capital remains in
        # Ukrainian hands": the passive is another clause's; the subject holds
        m = None
    if m:
        word = next(g for g in m.groups() if g).lower()
        at = m.start(next(i for i, g in enumerate(m.groups(), 1) if g))
        if word in ("our", "ours"):
            speaker = [a for a in parts.actors if a.start <= at < a.end]
            if speaker:
                return speaker[0].side, [f"'{word}' read as {SIDE_NAME[speaker[0].side]}, "
                                         f"the speaker's side: {voice_why(parts, at)}"]
        elif word not in ("enemy", "adversary"):
            side = "RU" if word.startswith(("russia", "moscow")) else "UA"
            if _NOT_UNDER.search(parts.s.text, max(0, m.start() - 24), m.start()) and (
                    m.group(0).lower().startswith("under")):
                # "territory ... not under the control of the Ukrainian government": the
                # other side's
                return other_side(side), [f"'not under {SIDE_NAME[side]}'s control' read as "
                                          f"held by {SIDE_NAME[other_side(side)]}"]
            return side, []
        enemy = [a for a in parts.actors if a.start <= at < a.end]
        if enemy:
            return enemy[0].side, [f"'the {word}' read as {SIDE_NAME[enemy[0].side]}, the side "
                                   "the speaker fights"]
    side = subject(parts, verb_start, holders=True)
    if side and _LOST.search(parts.s.text[:verb_start]):
        # "Ukraine has lost control of about 78 % of Donetsk": the other side holds it
        return other_side(side), [f"'lost control' read as held by "
                                  f"{SIDE_NAME[other_side(side)]}"]
    if side:
        subj = [a for a in parts.actors if a.end <= verb_start and a.side == side][-1]
        if _SAY_IT.match(parts.s.text[subj.end:verb_start]):
            # "Ukrainian officials say it now controls ...": the speakers' side reports
            # what the other one holds
            return other_side(side), [f"'it' after a statement by {SIDE_NAME[side]}'s officials "
                                  f"read as {SIDE_NAME[other_side(side)]}"]
        said = parts.s.text[subj.start:subj.end]
        if "enem" in said.lower() or "adversar" in said.lower():
            why = voice_why(parts, subj.start)
            return side, [f"'{said}' read as {SIDE_NAME[side]}, the side the speaker fights"
                          + (f": {why}" if why else "")]
        if first_person(parts, subj):
            return side, [f"'{parts.s.text[subj.start:subj.end]}' read as {SIDE_NAME[side]}, "
                          f"the speaker's side: {voice_why(parts, subj.start)}"]
        if said.lower() == "they" and voice_side(parts, subj.start) not in (None, side):
            return side, [f"'{said}' read as {SIDE_NAME[side]}, the side the speaker fights: "
                          f"{voice_why(parts, subj.start)}"]
        if pronoun_side(parts, subj):
            return side, [f"'{parts.s.text[subj.start:subj.end]}' read as "
                          f"{SIDE_NAME[side]}, named in the sentence before"]
        return side, []
    if _OCCUPIED.search(parts.s.text):
        # "73 % of the region's territory is temporarily occupied, but the region was,
        # is and will be Ukrainian": occupied ground is Russia's (the annotation convention)
        return "RU", ["'occupied' with no holder named: read as held by Russia (check the side)"]
    later = [a for a in parts.actors if a.side in ("RU", "UA")]
    if later:
        return later[0].side, ["the holder is named after the verb; check the side"]
    held_by = _government_held(parts.s.text)  # further off in the sentence, no side named
    if held_by is not None:
        return held_by
    still = _WE_STILL.search(parts.s.text, max(0, verb_start - 30), verb_start + 12)
    if still is not None:
        # '"We still hold about a fifth of the Donetsk region," said a battalion commander':
        # the side holding on (over the corpora, 4 of 4 such unnamed speakers were Kyiv's)
        return "UA", [f"'{still.group(0)}', the speaker's side not named: read as Ukraine, "
                      "the side holding on (check the side)"]
    ours = _OURS_BEFORE.search(parts.s.text, max(0, verb_start - 30), verb_start)
    if ours is not None:
        # "(the enemy occupies 78.2% of Donetsk oblast;) our forces hold roughly 5,700 km² of
        # it" (a Ukrainian mapping project's post, its speaker not named): over the tuned
        # corpora such unnamed speakers' "our forces" were Kyiv's 8 times in 13 that changed
        return "UA", [f"'{ours.group(0).strip()}', the speaker's side not named: read as "
                      "Ukraine (check the side)"]
    return "RU", ["the holder is not named; assumed Russia"]


#: The speaker's own side right before a verb of holding: "our forces (hold)", "we (hold)".
_OURS_BEFORE = re.compile(r"\b(?:we|our\s+(?:forces|troops|army|units|defenders|soldiers))\s+"
                          r"(?:still\s+|now\s+|currently\s+)?$", re.I)


def control_claims(parts: Parts, *, verb: re.Match[str] | None = None,
                   holder: str | None = None, holder_review: list[str] | None = None,
                   national_area: bool = False) -> list[ExtractedClaim]:
    text = parts.s.text
    verb = verb or cue("control", text)
    if verb is None:  # a clause that takes its verb from the one before it
        verb = re.match(r"", text)
    assert verb is not None
    if not verb.group(0) and (UNITS_SIZE.search(text) or region_size(text)):
        return []  # "these four regions make up about 15 percent of Ukraine's territory"
    if verb.group(0) and NOT_HELD.search(text, max(0, verb.start() - 30), verb.start()):
        return []  # "Russia does not control half of Kharkiv"
    if verb.group(0) and NO_PART_OF.search(text, 0, verb.start()):
        return []  # "No part of the Chernihiv region has been under Russian occupation since"
    if verb.group(0).lower().startswith("occupation") and re.search(
            r"\brecogni[sz](?:e|es|ed|ing)\s+(?:the\s+)?(?:Russian\s+|Russia['’]s\s+)?$",
            text[max(0, verb.start() - 40):verb.start()], re.I):
        return []  # "Ukraine will not recognise the occupation of Crimea": a legal stance
    if verb.group(0) and _WERE_TO.search(text, max(0, verb.start() - 20), verb.start()):
        return []  # "If Russia were to capture all of Zaporizhzhia region, ...": a supposition
    if verb.group(0) and _WILL.search(text, max(0, verb.start() - 30), verb.start()):
        return []  # "or we will liberate that territory by military means": not held yet
    if verb.group(0) and (GAIN_VERB.match(verb.group(0)) or verb.group(0).lower() in (
            "held", "controlled", "occupied")) and re.search(
            r"\bif\s+(?:[\w'’-]+\s+){0,3}$", text[max(0, verb.start() - 40):verb.start()], re.I):
        return []  # "If Russia captured the rest of Donetsk region, ...", "If Moscow held the
        # whole of the Donbas tomorrow, ...": a supposition
    if verb.group(0) and (GAIN_VERB.match(verb.group(0)) or _LIBERATED.match(verb.group(0))) \
            and re.search(r"\bto\s+(?:(?:fully|finally|completely)\s+)?$",
                          text[max(0, verb.start() - 20):verb.start()], re.I):
        # "unlikely to capture the whole of Donetsk", "would take a decade to capture the
        # four oblasts", "neither the troops nor the equipment to capture Sumy": a goal
        return []
    if verb.group(0).lower() == "occupied" and _MONTH_SPAN.search(text) and re.match(
            r"\s+(?:(?:about|roughly|around|some|nearly|almost|over|more\s+than|another)\s+)?"
            r"\d[\d,.]*\s*(?:km|sq|square)", text[verb.end():], re.I) and not re.search(
            r"\b(?:has|have|had|is|are|was|were|been|being|remains?|remained)\s+(?:[\w-]+\s+)?$",
            text[:verb.start()], re.I):
        # "Russian forces occupied 461 square kilometres ... in October" (a monitoring
        # project's monthly tally): ground gained in the month
        return _total_after_gain(parts, verb)
    if verb.group(0) and ((GAIN_VERB.match(verb.group(0)) and PERIOD.search(text)) or (
            _LIBERATED.match(verb.group(0)) and (_SINCE.search(text, verb.end()) or re.match(
                r"\W*since\b", text, re.I)))):
        # "captured about 505 km² in November": ground gained (a pace claim); the total it
        # brings a side to is held ("..., bringing the land under Moscow's control to
        # roughly 116,000 square kilometres")
        return _total_after_gain(parts, verb)
    if verb.group(0) and _ATTRIBUTIVE.search(text, max(0, verb.start() - 24), verb.end() + 40) \
            and _NEXT_CLAUSE.search(text, 0, verb.start()) and not any(
                f.start > verb.start() for f in parts.figs):
        # "around 70 per cent of Donetsk, where Russian forces have been advancing towards
        # the remaining Ukrainian-held cities of ...": the cities' holder, in a clause of its
        # own, holds none of the figures before it
        return []
    actor, why = holder_of(parts, verb.start() if verb.end() else len(text))
    if verb.group(0).lower().startswith("liberat") and holder is None and (
            why or actor != "RU") and voice_side(parts, verb.start()) != "RU":
        # "liberated" is holding only in Moscow's words of its own forces ("Russian forces
        # have liberated 99 % of the LPR"); a Ukrainian gain or "liberated territory" is not
        # -- another verb of holding may follow ("Kherson city was liberated ..., but
        # Russian forces hold about 70 % of the region")
        other = [m for m in CUES["control"].finditer(text, verb.end())
                 if not m.group(0).lower().startswith("liberat")]
        if not other or not any(
                at >= other[0].start() or at < verb.start()
                for at in [f.start for f in parts.figs] + [p.start for p in parts.places]):
            # "have liberated more than 74,000 km² ..., about 54 % of the land Moscow
            # seized": no figure or place of the later verb's own
            return []
        verb = other[0]
        actor, why = holder_of(parts, verb.start())
    if holder is not None:
        actor, why = holder, (holder_review if holder_review is not None
                              else ["the holder is the one named in the sentence before"])
    out, used = _figure_claims(parts, verb, actor, why, holder=holder,
                               national_area=national_area)
    out = _figureless_claims(parts, verb, actor, why, out, used)
    return [_in_russia(c) for c in out]


def _figure_claims(parts: Parts, verb: re.Match[str], actor: str, why: list[str], *,
                   holder: str | None, national_area: bool
                   ) -> tuple[list[ExtractedClaim], set[int]]:
    """The claims of each figure of the sentence (a share or an area) with its place and
    holder, and the places used by them (ids; a place with an area set after it between
    commas not among them: it is held as a whole too)."""
    text = parts.s.text
    out: list[ExtractedClaim] = []
    used: set[int] = set()
    apposed: set[int] = set()  # places with an area between commas after them
    fronted = fronted_places(parts)
    carried: dict[int, str] = {}  # a hedge carried along a list of figures
    for fig in parts.figs:
        review = list(why)
        # each figure after the first, or every one when there is no verb ("Donetsk
        # oblast: RU 81.2% / UA 18.8%")
        side = (_side_before(parts, fig) if (out or not verb.group(0)) and holder is None
                else None)
        if side is not None and side != actor:
            # "Kyiv controls around 27 % and Moscow about 73": each figure its own side
            fig_actor, review = side, ["the side named just before this figure"]
        else:
            fig_actor = actor
        if out and holder is None and out[-1].unit != fig.unit and out[-1].status is None \
                and fig.start - (out[-1].span[1] - parts.s.start) <= 40 \
                and _APPOSED.search(text, max(0, fig.start - 30), fig.start):
            # "Ukraine still controls around a quarter, about 6,600 km²": the figure before,
            # said again in another unit, and its side
            if out[-1].actor != fig_actor:
                review = [*review, f"the figure before, said again in another unit: held by "
                                   f"{SIDE_NAME[out[-1].actor]}"]
            fig_actor = out[-1].actor
        if GAINED.search(text, max(0, fig.start - 40), fig.start) \
                and (fig.unit == "km2" or PERIOD.search(text)) \
                and not EARLIER_FIGURE.search(text, max(0, fig.start - 40), fig.start):
            continue  # ground gained or lost over a time, not held ("added 0.7 % in 2026")
        if fig.unit == "km2" and _LIBERATED_AREA.search(text, max(0, fig.start - 40), fig.start):
            continue  # "Russian troops have liberated 1,100 square kilometres in the Kursk
            # region": ground retaken, not all that is held ("liberated 99% of the LPR" is)
        if _APPOSED.search(text, max(0, fig.start - 30), fig.start) and any(
                GAINED.search(text, max(0, g.start - 40), g.start) and g.end <= fig.start
                and fig.start - g.end <= 60 for g in parts.figs):
            continue  # "captured about 3,950 km² -- roughly 0.65 % of the country"
        if EARLIER_FIGURE.search(text, max(0, fig.start - 40), fig.start) and out \
                and out[-1].unit == fig.unit:
            # "72 % of the region, up from 70 % in the spring": the same ground, earlier
            last = out[-1]
            out.append(replace(
                make_claim(parts, last.kind, last.actor, last.regions, fig, fig.qualifier,
                           (fig.start, fig.end), [*review, "an earlier figure, given with the "
                                                  "current one"]), status="earlier"))
            continue
        ps, end = of_places(parts, fig)
        if not ps and (territory := _OF_TERRITORY_IN.match(text, fig.end)) and (
                at := [p for p in parts.places if p.start == territory.end()]):
            # "control 1,263 square kilometres of territory and 93 settlements in Russia's
            # Kursk region": the place the territory is in
            ps, end = places_from(parts, at[0].start, limit=0)
        held_by = _held_after(text, end) if ps and holder is None else None
        if held_by is not None and held_by != fig_actor:
            # "Russian forces hold nearly all of Luhansk, but about a quarter of Donetsk
            # remains under Ukrainian control": the words after the figure's place say
            fig_actor, review = held_by, [f"the words after the figure's place say it is "
                                          f"held by {SIDE_NAME[held_by]}"]
        if not ps and out and not out[-1].status and (
                hands := _LEFT_IN_HANDS.match(text, fig.end)) and _LEAVING.search(
                text, max(0, fig.start - 40), fig.start):
            # "Russia controls around 78 percent of the Donetsk region, leaving some 5,800
            # square kilometres in Ukrainian hands": the rest of the ground just named
            whose = (hands.group(1) or hands.group(2)).lower()
            left_to = "UA" if whose.startswith(("ukrain", "kyiv")) else "RU"
            out.append(make_claim(parts, "control_share" if fig.unit == "percent"
                                  else "control_area", left_to, out[-1].regions, fig,
                                  fig.qualifier, (fig.start, hands.end()),
                                  [*review, f"what the figure before leaves, in "
                                            f"{SIDE_NAME[left_to]}'s hands: of the same "
                                            f"ground ({', '.join(out[-1].regions)})"]))
            continue
        if _OTHER_STATE.match(text, max(end, fig.end, _of_country(parts, fig))):
            continue  # "139,000 km² of the country may be contaminated by mines": not held
        if not ps and fig.unit == "km2" and re.match(r"\s*,", text[fig.end:]) and \
                (held := [
                    p for p in parts.places if p.end <= fig.start and not is_rest(p)
                    and re.fullmatch(
                        r"\s*,\s*(?:about|roughly|around|some|nearly|almost|over|more\s+than|"
                        r"less\s+than|under|approximately|just\s+over|just\s+under)?\s*",
                        text[p.end:fig.start], re.I)]) and _HELD_AFTER.match(text, held[-1].end):
            # "Crimea, about 27,000 km², has been under Russian control since 2014": a
            # figure between commas after the place the clause says is held
            ps, end = held[-1:], fig.end
            review.append(f"a figure set after '{held[-1].text}', between commas")
            apposed.add(id(held[-1]))  # the place is held as a whole too
        # "Russia occupies roughly 18 percent of Ukraine, including Crimea -- about 42,000
        # square miles": the area of the whole the share was of
        whole = not ps and fig.unit == "km2" and bool(parts.country) and bool(
            _INCLUDING_CRIMEA.search(text, max(0, fig.start - 60), fig.start))
        if not ps and not whole:
            ps, end = _table_place(parts, fig)
            if ps and re.search(r"\b(?:control|hands)\b", text[ps[-1].end:fig.start]):
                review.append(f"the figure of the part of '{' and '.join(p.text for p in ps)}' "
                              "the words before it say is held")
            elif ps:
                review.append(f"a table-like line: '{' and '.join(p.text for p in ps)}' and "
                              "its figure")
        if not ps and out:
            # "Russian units control about 75 percent of Zaporizhzhia, and in the Kherson
            # region about 73 percent": a place after the figure before, right before this
            inner = [p for p in parts.places if out[-1].span[1] - parts.s.start <= p.start
                     and p.end <= fig.start and _IN_BEFORE.search(text, 0, p.start)
                     and _HEDGE_GAP.match(text[p.end:fig.start])]
            if inner:
                ps, end = inner[-1:], fig.end
                review.append(f"the place named just before this figure: '{inner[-1].text}'")
        if not ps and fronted and fig.start > fronted[-1].end:
            # "Of the Kherson region, Kyiv controls around 27 per cent"; "Zaporizhzhia and
            # Kherson: Russia holds roughly three quarters of each"
            ps, end = fronted, fig.end
            review.append(f"the place is named first: '{text[:fronted[-1].end]}'")
        if not ps:
            there = [p for p in parts.places if is_there(p)]
            if there and fig.unit == "km2":
                ps, end = there[:1], max(fig.end, there[0].end)
                review.append(f"'there' read as {', '.join(there[0].codes)}, named before")
        if ps:
            used.update(id(p) for p in ps)
            regions = codes_of(ps)
            review += group_review(ps)
        elif whole:
            regions, end = ("UA",), fig.end
            review.append("the area set after 'including Crimea': of the country, as the "
                          "share before it")
        elif _of_country(parts, fig):
            regions, end = ("UA",), _of_country(parts, fig)
        elif _country_label(parts, fig):
            regions, end = ("UA",), fig.end
            review.append("a table-like line: the country and its figure")
        elif fig.unit == "percent" and (inc := _INCLUDES_CRIMEA.match(text, fig.end)):
            # "it holds about 18% -- a figure that includes Crimea and the parts of Donbas
            # its proxies seized in 2014": a share of the country, Crimea inside it
            regions, end = ("UA",), inc.end()
            review.append("a share with no place that 'includes Crimea': of the country")
        elif fig.unit == "km2" and parts.country:
            regions, end = ("UA",), fig.end
        elif side is not None and out and out[-1].unit == fig.unit and not out[-1].status:
            # "Russia holds 70 % of Donetsk and Ukraine 30 %": the ground just named
            regions, end = out[-1].regions, fig.end
            review.append(f"no place for this figure: the ground named before "
                          f"({', '.join(regions)})")
        elif fig.unit == "km2" and _OF_RUSSIA.match(text, fig.end) and (
                russian := [p for p in parts.places if p.codes[0].startswith("RU-")]):
            # "approximately 1,000 square kilometres of the territory of the Russian
            # Federation ..., referring to the offensive in the Kursk region"
            regions, end = russian[0].codes, fig.end
            review.append(f"an area of Russia's territory: the Russian region the sentence "
                          f"names ({russian[0].text})")
        elif fig.unit == "km2" and (not parts.places or national_area or all(
                p.start > fig.end and re.search(r"\bincluding\b", text[fig.end:p.start])
                for p in parts.places)) and not (
                _SIZE_OF.search(text, max(0, fig.start - 30), fig.start)
                or fig.value >= 0.95 * official_areas()["UA"]):
            if (named := unit_of_small_area(fig.value)) is not None:
                regions, end = named, fig.end
                review.append(f"no place named for an area too small for a national total: "
                              f"of {', '.join(named)}, named before")
            else:
                regions, end = ("UA",), fig.end
                review.append("no place named for the area; read as a national total")
        else:
            continue  # a share of something that is not a place
        kind = "control_share" if fig.unit == "percent" else "control_area"
        qualifier = fig.qualifier
        before = [f for f in parts.figs if f.end <= fig.start]
        hedge = carried.get(id(before[-1]), before[-1].qualifier) if before else "exact"
        if qualifier == "exact" and hedge != "exact" and before[-1].unit == fig.unit \
                and _SHARED_HEDGE.fullmatch(text, before[-1].end, fig.start):
            # "roughly 74 percent of Zaporizhzhia and 73 percent of Kherson": the hedge
            # before the first figure of a list is each one's
            qualifier = carried[id(fig)] = hedge
            review.append(f"the hedge of the figure before ('{qualifier}') read as this "
                          f"one's too")
        rel = _REL_HELD.match(text, end)
        if rel is not None:
            # "the roughly 25% of Donetsk Oblast — about 6,600 square kilometers — that
            # remains under Ukrainian control": the relative clause names the holder
            said = "UA" if (rel.group("a") or rel.group("b")).lower().startswith("ukr") else "RU"
            if said != fig_actor:
                review.append(f"a relative clause after the figure names the holder: "
                              f"{SIDE_NAME[said]}")
            fig_actor = said
        left = _LEFT_WITH.search(text, max(0, fig.start - 50), fig.start) if "leaving" in text \
            else None
        if left is not None:
            # "Russia controls roughly 70 per cent of Donetsk, leaving Ukraine with a little
            # under 8,000 sq km of the region": the side left with it holds it
            said = "UA" if left.group("side").lower().startswith(("ukr", "kyiv")) else "RU"
            if said != fig_actor:
                review.append(f"'{left.group(0).strip()}': held by {SIDE_NAME[said]}")
            fig_actor = said
        if fig_actor == "RU" and all(r.startswith("RU-") for r in regions) and any(
                "not named" in w for w in review):
            # "the remaining militants hold less than 200 km² of the region's territory"
            # (Kursk): ground in Russia held by a side not named is Ukraine's
            fig_actor = "UA"
            review = [w for w in review if "not named" not in w] + [
                "the holder is not named; ground in Russia: read as Ukraine's"]
        out.append(make_claim(parts, kind, fig_actor, regions, fig, qualifier,
                              (min(fig.start, verb.start()), end), review))
    used -= apposed
    return out, used


def _figureless_claims(parts: Parts, verb: re.Match[str], actor: str, why: list[str],
                       found: list[ExtractedClaim], used: set[int]) -> list[ExtractedClaim]:
    """``found`` (the figures' claims) and after them the claims of the places the
    sentence names without a figure ("all of Luhansk", "parts of Sumy"), but those
    ``used`` by a figure."""
    text = parts.s.text
    out, used = list(found), set(used)
    fronted = fronted_places(parts)
    for p in parts.places:
        if id(p) in used or is_there(p) or is_rest(p):
            continue
        if re.search(r"\bhow\s+much\s+of\s+(?:the\s+)?$", text[max(0, p.start - 20):p.start],
                     re.I):
            continue  # "Asked how much of the region remains under occupation": a question
        if DRIVEN_FROM.search(text, max(0, p.start - 50), p.start):
            continue  # "the enemy had been driven from most of Kursk region": ground lost
        if CENTRES_BEFORE.search(text, max(0, p.start - 40), p.start):
            # "(the Defence Forces hold ...) and the regional centres of Zaporizhzhia and
            # Kherson": the cities, not the regions
            used.update(id(x) for x in places_from(parts, p.start, limit=0)[0])
            continue
        q = figureless(text, p.start, default=None)
        label = LABEL_AMOUNT.match(text, places_from(parts, p.start, limit=0)[1])
        if q is None and label:
            # "Dnipropetrovsk: pockets near the Donetsk border", "Luhansk -- all of it"
            q = ("all" if label.group("all") else "large_part" if label.group("most")
                 else "part")
        colon = re.match(r"(?:\s+(?:region|oblast|province))?\s*[:|]\s", text[
            places_from(parts, p.start, limit=0)[1]:])
        if q is None and colon and re.match(r"\s*(?:[\w-]+\s+){0,3}?[~≈]?\d", text[
                places_from(parts, p.start, limit=0)[1] + colon.end():]):
            continue  # "held: ... Dnipropetrovsk: upwards of 300 km²": the figure's claim
        if q is None and re.search(r"zone|belt|strip", verb.group(0), re.I):
            q = "part"  # "established a security zone ... in the Sumy region": part of it
        if q is None and colon and colon.group(0).strip() == "|":
            # a table's cell: "Crimea | entire peninsula" all of it, "Kharkov region |
            # border districts" part, else what the cell says is no amount
            cell = text[places_from(parts, p.start, limit=0)[1] + colon.end():]
            if re.match(r"\s*(?:(?:virtually|almost|nearly|practically)\s+)?(?:all|entire|"
                        r"whole|fully|completely)\b", cell, re.I):
                q = "all"
            elif re.match(r"\s*(?:(?:a\s+)?(?:few|small|some)\b|border\b|parts?\b|"
                          r"pockets?\b|slivers?\b|villages?\b|strips?\b)", cell, re.I):
                q = "part"
            else:
                continue
        if q is None and _direct_object(text, verb, p) and not (colon and re.match(
                r"\s*(?:the\s+Kinburn|an?\s+(?:sliver|strip|pocket|few|handful|small)|small|"
                r"parts?\b|pockets?|some\b|slivers?|strips?)", text[
                    places_from(parts, p.start, limit=0)[1] + colon.end():], re.I)):
            # (not "Mykolaiv: the Kinburn Spit, a sliver of the region": a part of it)
            # "holds the Krynky bridgehead", "clings to the Kursk foothold": part
            q = ("part" if _PART_NOUN_AFTER.match(text, places_from(parts, p.start, limit=0)[1])
                 else "all")
        actor_here = actor
        if verb.group(0).lower() == "occupied" and p.start - verb.end() <= 1 and re.search(
                r"\b(?:the|of|in|from)\s+(?:temporarily\s+)?$",
                text[max(0, verb.start() - 24):verb.start()], re.I):
            # "the head of the occupied Luhansk region said ... still in Ukrainian hands":
            # the adjective names the holder, Russia, whatever the rest of the sentence says
            actor_here = "RU"
        after = _HELD_AFTER.match(text, places_from(parts, p.start, limit=0)[1])
        which = _WHICH_HELD.match(text, places_from(parts, p.start, limit=0)[1])
        if q is None and which and not which.group("not"):
            # "Kherson region, which Russian troops still largely occupy"
            adverb = (which.group("how") or "").lower()
            q = ("large_part" if adverb in ("largely", "mostly") else "part"
                 if adverb in ("partly", "partially") else "all")
            # the side the relative clause names holds it ("the Kinburn Spit, which the
            # occupiers still hold")
            actor_here = "UA" if which.group("side").lower().startswith(("ukrain", "kyiv")) \
                else "RU"
        ofwhich = _OF_WHICH_HELD.match(text, places_from(parts, p.start, limit=0)[1])
        if q is None and ofwhich and (ofwhich.group("most") or ofwhich.group("amount")
                                      or ofwhich.group("whole")):
            # "the Zaporizhzhia and Kherson regions, of which Russia holds most", "Crimea,
            # the whole of which Russia has controlled since 2014"
            amount = (ofwhich.group("most") or ofwhich.group("amount") or "all").lower()
            q = ("large_part" if amount in ("most", "much", "the bulk") or ofwhich.group("most")
                 else "all" if amount.endswith("all") else "part")
            said = ofwhich.group("side").lower()
            actor_here = "RU" if said.startswith(("russia", "moscow", "the occ", "the inv",
                                                  "the agg")) else "UA"
            if said == "the enemy":
                # "Donetsk region, most of which the enemy holds": the side the speaker fights
                enemy = [a.side for a in parts.actors if a.side in ("RU", "UA")
                         and a.start <= ofwhich.end("side") and ofwhich.start("side") < a.end]
                if not enemy:
                    continue
                actor_here = enemy[0]
        where = _WHERE_HELD.match(text, places_from(parts, p.start, limit=0)[1])
        if q is None and where:
            # "near the border in Sumy region, where Russian troops hold a handful of
            # villages": part of it, the side the clause names
            q = "part"
            if not where.group("pron"):
                # ("where they hold ...": the sentence's holder, the side that moved in)
                actor_here = "UA" if where.group("side").lower().startswith(("ukrain", "kyiv")) \
                    else "RU"
        if q is None and after:
            # "Crimea ... remains entirely under Russian control"
            q = "part" if after.group(1) else "all"
            if re.search(r"\b(?:occupied|occupation|russian\s+(?:control|hands))\b", after.group(0),
                         re.I) and not re.search(r"\bby\b", text[after.end():after.end() + 4]):
                # "(the part of Donetsk still under Ukrainian control), since Luhansk region is
                # almost entirely occupied": occupied ground is Russia's, whoever the
                # sentence's first holder
                actor_here = "RU"
        if q is None and p in fronted and verb.group(0):
            # "In Belgorod region, Ukrainian forces still hold a foothold around two border
            # villages"; "Kharkiv oblast: RU holds small parts"
            amount = _AMOUNT.match(text, verb.end())
            if amount:
                q = ("all" if amount.group("all") else "large_part" if amount.group("most")
                     else "part")
        if q is None:
            continue
        review = list(why)
        if re.search(r"\bnot\s+(?:a\s+single|one|an?)\s+(?:metre|meter|inch|square\s+\w+)\W*\s+"
                     r"of\s+(?:the\s+)?$", text[max(0, p.start - 40):p.start], re.I):
            continue  # '"not a single metre" of the Belgorod region was under Ukrainian control'
        if _GUARDED.search(text, max(0, p.start - 100), p.start):
            continue  # 'creating a "security zone" in Kharkiv region to protect Belgorod'
        if re.search(r"\b(?:for|against)\s+the\s+(?:rest|remainder)\s+of\s+(?:the\s+)?$",
                     text[max(0, p.start - 40):p.start], re.I):
            continue  # "the small border areas it holds for the rest of Donetsk": a swap's
            # other half, asked for, not held
        if q == "all" and verb.group(0) and GAIN_VERB.match(verb.group(0)) and re.search(
                r"\b(?:rest|remainder)\s+of\s+(?:the\s+)?$", text[max(0, p.start - 20):p.start]):
            continue  # "to capture the rest of Donetsk": what the side does not hold
        if q == "all" and re.search(r"\brest\s+of\s+(?:the\s+)?$",
                                    text[max(0, p.start - 20):p.start]):
            # "Kyiv holds the rest of the region": the part the other side does not hold; a
            # share set beside it (", roughly a quarter of it") says how much
            if any(0 <= f.start - places_from(parts, p.start, limit=0)[1] <= 30
                   for f in parts.figs):
                continue
            q = "part"
            review.append("'the rest of' a place one side holds: part of it")
        if q == "all" and HELD_PART.search(text, max(0, p.start - 60), p.start):
            # "the Ukrainian-held part of Donetsk" names ground (a demand's, a city's) and
            # says no amount: no holding stated (read as "all" it would check Ukraine
            # against the whole region)
            continue
        if q == "all" and _ON_BANK.match(text, places_from(parts, p.start, limit=0)[1]):
            # "about 70% of Kherson oblast, all of the latter on the left bank of the
            # Dnipro": all of one bank, part of the unit (said by its figure, when given)
            if any(c.regions == codes_of(places_from(parts, p.start, limit=0)[0])
                   and c.value is not None for c in out):
                continue
            q = "part"
            review.append("all of it on one bank of the river: part of it")
        if q == "all" and ALMOST.search(text[max(0, p.start - 30):p.start]):
            review.append("'almost all' read as all")
        ps, end = places_from(parts, p.start, limit=0)
        used.update(id(x) for x in ps)
        if actor_here != actor:
            review.append("'occupied' read as held by Russia")
        out.append(make_claim(parts, "control_share", actor_here, codes_of(ps), None, q,
                              (min(p.start, verb.start()), end), review + group_review(ps)))
    return out


def _in_russia(c: ExtractedClaim) -> ExtractedClaim:
    """``c``, or -- part of a Russian region held by a side not named ("part of the region
    remains under the temporary control of the enemy", a Kursk governor) -- Ukraine's: no
    one reports Russia holding part of its own region."""
    if c.actor == "RU" and c.qualifier != "all" and c.regions \
            and all(r.startswith("RU-") for r in c.regions) \
            and "the holder is not named; assumed Russia" in c.review:
        return replace(c, actor="UA", review=tuple(
            "the holder is not named; part of a Russian region: read as held by Ukraine"
            if r == "the holder is not named; assumed Russia" else r for r in c.review))
    return c


#: Right after a figure and its place, a state of the ground that is not holding: "(139,000
#: km² of the country) may be contaminated by mines", "(30 %) is mined", "was flooded".
_OTHER_STATE = re.compile(r"(?:\s+of\s+(?:land|territory|ground|farmland))?"
                          r"\s+(?:(?:may|might|could|would|will|is|are|was|were|has|have|had|"
                          r"be|been|being|now|still|likely|thought\s+to\s+be|need\s+to\s+be)\s+){1,3}"
                          r"(?:contaminated|mined|polluted|flooded|burn(?:ed|t)|deforested|"
                          r"littered|strewn|surveyed|demined|cleared|"
                          r"affected\s+by\s+(?:mines|fighting|flooding))\b",
                          re.I)
#: Between two figures of one list: "(roughly 74 percent) of Zaporizhzhia and (73 percent)".
_SHARED_HEDGE = re.compile(r"\s+of\s+(?:the\s+)?[\w'’-]+(?:\s+(?:region|oblast|province))?"
                           r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)", re.I)
#: Before an area: the size of something, not ground held ("of a country of 603,500 km²").
_SIZE_OF = re.compile(r"\b(?:country|state|territory|area|size|island|region)\s+of\s+(?:some\s+|"
                      r"about\s+|roughly\s+|around\s+|nearly\s+|almost\s+)?$", re.I)


#: After a gain, the total it brings a side's holding to: "bringing the land under Moscow's
#: control to", "taking the total Russia holds to", "raising Russian-held territory to".
_TOTAL_TO = re.compile(
    r"\b(?:bringing|bring|brings|taking|takes|raising|raises|pushing|lifting)\s+(?:the\s+|its\s+|"
    r"their\s+)?(?:total\s+(?:area\s+|territory\s+|land\s+)?|(?:land|territory|area|ground|share)\s+)"
    r"(?:(?:it|they|Russia|Moscow|Ukraine|Kyiv)\s+(?:now\s+)?(?:holds?|controls?|occupies)\s+|"
    r"under\s+(?P<under>Moscow['’]s|Russian|Russia['’]s|Kyiv['’]s|Ukrainian|Ukraine['’]s)\s+"
    r"(?:control|occupation)\s+|held\s+by\s+(?P<by>Russia|Moscow|Russian\s+forces|Ukraine|Kyiv)\s+|"
    r"(?:of\s+)?(?P<adj>Russian|Ukrainian)-(?:held|controlled|occupied)\s+(?:territory|land)\s+)?"
    r"(?:(?:in|of)\s+Ukraine\s+)?to\s+", re.I)


def _total_after_gain(parts: Parts, verb: re.Match[str]) -> list[ExtractedClaim]:
    """The total holding a gain is said to bring a side to (see :data:`_TOTAL_TO`)."""
    text = parts.s.text
    m = _TOTAL_TO.search(text, verb.end())
    if m is None:
        return []
    fig = next((f for f in parts.figs if 0 <= f.start - m.end() <= 30), None)
    if fig is None:
        return []
    named = m.group("under") or m.group("by") or m.group("adj")
    actor = (("RU" if named.lower().startswith(("moscow", "russia")) else "UA") if named
             else holder_of(parts, verb.start())[0])
    if actor not in ("RU", "UA"):
        return []
    ps, end = of_places(parts, fig)
    if ps:
        regions = codes_of(ps)
    elif fig.unit == "km2" or _of_country(parts, fig):
        regions, end = ("UA",), max(fig.end, _of_country(parts, fig))
    else:
        return []
    kind = "control_share" if fig.unit == "percent" else "control_area"
    return [make_claim(parts, kind, actor, regions, fig, fig.qualifier, (m.start(), end),
                       [f"the total a gain brought {SIDE_NAME[actor]}'s holding to "
                        f"('{m.group(0).strip()}')"])]


#: An amount of ground right after a verb of holding, the place named first.
_AMOUNT = re.compile(r"\s+(?:still\s+|now\s+|only\s+)?(?:(?P<all>all\s+of\s+it|the\s+whole|"
                     r"(?:almost|nearly|virtually)\s+all|all)(?!\s+of\s+(?!it\b))|(?P<most>most|"
                     r"much|the\s+bulk|the\s+majority)(?!\s+of\s+(?!it\b))|"
                     r"(?:an?\s+(?:small\s+|narrow\s+|tiny\s+|thin\s+)?(?:foothold|"
                     r"sliver|strip|pocket|bridgehead|corner|patch|few\s+villages|handful)|"
                     r"(?:small\s+|several\s+)?(?:parts|pockets|patches|villages|footholds)))\b",
                     re.I)


def fronted_places(parts: Parts) -> list[Place]:
    """The places a sentence names first, before what it says of them: "Of the Kherson
    region, ...", "In Zaporizhzhia and Kherson, ...", "Donetsk oblast: RU 81 %", "4/
    Luhansk: ..."; none when the sentence does not open so."""
    if not parts.places:
        return []
    text = parts.s.text
    first = parts.places[0]
    ps, end = places_from(parts, first.start, limit=0)
    if len(ps) > 1 and ps[-1].codes == ps[-2].codes and re.match(
            r"the\s+(?:region|oblast|province)\b", ps[-1].text, re.I) and (
            apposed := re.match(r"[^,;:.]{0,80}(?=,)", text[end:])):
        # "In Donetsk, the region at the centre of US-brokered talks, Ukraine still holds
        # ...": the place and an aside on it, not two places
        ps, end = ps[:-1], end + apposed.end()
    if (_FRONTED.search(text[:first.start]) and _FRONTED_AFTER.match(text, end)) or (
            _LABEL.fullmatch(text[:first.start]) and _LABEL_AFTER.match(text, end)):
        return ps
    return []


#: Before a passive that describes other places than the figure's: "(, the largest)
#: cities still (under Ukrainian control)".
#: A side's "-held" before towns: an attribute of other places ("the remaining
#: Ukrainian-held cities of Kramatorsk and Sloviansk"), no predicate of the ground before.
_ATTRIBUTIVE = led(r"\b(?:Russian|Ukrainian|Kyiv|Moscow|government)-(?:held|controlled|"
                   r"occupied)\s+(?:[\w-]+\s+)?(?:cities|towns|city|town|villages?|"
                   r"settlements?|strongholds?|hubs?|capitals?)\b", re.I)
_OF_OTHER_PLACES = re.compile(r"\b(?:cities|towns|city|town|capital|villages?|settlements?|"
                              r"hubs?|strongholds?)\s+(?:(?:that|which)\s+(?:are|is|remain)\s+)?"
                              r"(?:still\s+|now\s+)?$", re.I)
#: Right after a figure's place, its holder: "(a quarter of Donetsk) remains under
#: Ukrainian control", "(one-quarter of Donetsk region) still in Kyiv's hands".
_HELD_BY_AFTER = re.compile(r"(?:\s+(?:region|oblast|province))?,?\s+(?:that\s+|which\s+)?"
                            r"(?:(?:still\s+)?(?:remains?|is|are|stays?)\s+|still\s+)(?:(?:firmly|"
                            r"still)\s+)?(?:under\s+(?P<a>Ukrainian|Russian|Kyiv['’]s|Moscow['’]s)"
                            r"\s+control|in\s+(?P<b>Ukrainian|Russian|Kyiv['’]s|Moscow['’]s|"
                            r"Ukraine['’]s|Russia['’]s)\s+hands|"
                            # "(the roughly 6,000 km2 of Donetsk) still held by Ukraine"
                            r"held\s+by\s+(?:the\s+)?(?P<c>Ukraine|Russia|Kyiv|Moscow|"
                            r"Ukrainian|Russian)\b)", re.I)


def _held_after(text: str, end: int) -> str | None:
    """The side the words right after a figure's place (ending at ``end``) say holds it, or
    None."""
    m = _HELD_BY_AFTER.match(text, end)
    if m is None:
        return None
    word = (m.group("a") or m.group("b") or m.group("c")).lower()
    return "RU" if word.startswith(("russia", "moscow")) else "UA"


def _side_before(parts: Parts, fig: Figure) -> str | None:
    """The side named just before a figure, nothing but a verb of holding and a qualifier
    between ("and Moscow about 73", "while Ukraine holds 25 %")."""
    for a in parts.actors:
        if a.side in ("RU", "UA") and a.end <= fig.start and _SIDE_GAP.fullmatch(
                parts.s.text, a.end, fig.start):
            return a.side
    return None


#: Between a side and its figure: "(Moscow) about (73)", "(Ukraine) holds roughly (25 %)".
_SIDE_GAP = re.compile(r"(?:\s+(?:forces|troops|army))?\s+(?:(?:still\s+)?(?:holds?|controls?|"
                       r"occupies|has|in\s+(?:charge|control|possession)\s+of|with)\s+)?"
                       r"(?:(?:about|roughly|around|some|nearly|almost|over|"
                       r"more\s+than|less\s+than|under|approximately|an\s+estimated)\s+)?",
                       re.I)


def _direct_object(text: str, verb: re.Match[str], p: Place) -> bool:
    """``p`` is the object of the control verb: "controls Crimea", "occupies the entire
    Crimean peninsula" (nothing but an article or "all"/"entire" between)."""
    gap = text[verb.end():p.start]
    return p.start >= verb.end() and re.fullmatch(r"\s+(?:only\s+|fully\s+|now\s+)?(?:the\s+)?",
                                                  gap, re.I) is not None


def of_places(parts: Parts, fig: Figure) -> tuple[list[Place], int]:
    text = parts.s.text
    after = [p for p in parts.places if p.start >= fig.end]
    if not after:
        return [], fig.end
    gap = text[fig.end:after[0].start]
    # "3,870 km² (14.6%) of Donetsk": past the other figure in brackets, or its bracket
    gap = _BRACKETED.sub("", gap, count=1)
    # "600 km² in the Kursk region" (an area lies in a place; a share is of one)
    inside = fig.unit == "km2" and _IN_GAP.match(gap) is not None
    if not inside and (not _OF_GAP.match(gap) or "of" not in gap.lower()):
        return [], fig.end
    return places_from(parts, after[0].start, limit=0)


#: A part named right after its place: "(a) Kursk foothold", "the Krynky bridgehead".
_PART_NOUN_AFTER = re.compile(r"(?:\s+(?:region|oblast|border))?\s+(?:foothold|bridgehead|pocket|"
                              r"salient|sliver|enclave|strip)s?\b", re.I)
#: An amount after a place and a colon or a dash, as a label's value: "Dnipropetrovsk: pockets
#: near the Donetsk border", "Sumy -- a few border villages", "Luhansk: all of it".
LABEL_AMOUNT = re.compile(r"(?:\s+(?:region|oblast|province))?\s*(?::|\s[—–-]|--)\s*"
                           r"(?:(?P<all>all\b|"
                           r"the\s+whole|(?:almost|nearly|virtually|effectively|practically|"
                           r"essentially)\s+all|entire(?:ly)?\b|"
                           r"fully\b)|(?P<most>most\b|much\b|the\s+bulk|large\s+parts?\b)|"
                           r"(?:a\s+few\s+|several\s+|some\s+|small\s+|tiny\s+|scattered\s+|"
                           r"isolated\s+)*(?:pockets?|parts?(?!\s+of\s+(?:the\s+)?(?:Russia|Ukraine))|"
                           r"slivers?|a\s+sliver|footholds?|"
                           r"a\s+foothold|border\s+villages|villages|fringes?|edges?|patch(?:es)?|"
                           r"a\s+strip|strips|a\s+corner|corners|a\s+bridgehead|bridgeheads)\b)",
                           re.I)
#: A place as the subject of its holding: "(Crimea) remains entirely under Russian control",
#: "(Luhansk) is occupied by Russia", "(Kherson) is partly occupied".
_HELD_AFTER = led(r"(?:\s*,(?:[^,]|,(?=\d{3}\b)){0,90},)?\s+(?:remains|is|are|has\s+been|"
                  r"have\s+been|had\s+been|"
                  r"was|were)\s+[\"“]?(?:now\s+|still\s+)?(?:(partly|partially|in\s+part)\s+|"
                  r"(?:entirely|fully|completely|wholly|(?:almost|nearly|virtually)\s+"
                  r"entirely)\s+)?"
                  r"(?:under\s+(?:(?:russian|ukrainian)\s+(?:control|occupation)|"
                  r"(?:temporary\s+)?occupation)|"
                  # "is fully under the control of the Defence Forces of Ukraine"
                  r"under\s+the\s+(?:full\s+)?control\s+of\s+(?:the\s+)?(?:(?:Defen[cs]e|"
                  r"Armed)\s+Forces\s+of\s+(?:the\s+)?)?(?:Russia|Russian|Ukraine|Ukrainian)|"
                  r"occupied|"
                  r"in\s+(?:russian|ukrainian|Moscow['’]s|Kyiv['’]s|Russia['’]s|"
                  r"Ukraine['’]s)\s+hands\s+in\s+(?:its|their)\s+entirety|"
                  # "has been entirely in Ukrainian hands since April 2022"
                  r"(?<=entirely\s)in\s+(?:russian|ukrainian)\s+hands|"
                  r"(?<=fully\s)in\s+(?:russian|ukrainian)\s+hands|"
                  r"held|controlled|liberated)\b", re.I)


#: "No part of", "not an inch of": none of the place it names is held.
NO_PART_OF = led(r"\b(?:no|not\s+(?:a|one))\s+(?:part|parts|piece|inch|square\s+(?:"
                  r"kilomet\w+|"
                  r"mile|metre|meter))\s+of\b", re.I)
#: A month as the span of a tally: "in October", "In September", "last month".
_MONTH_SPAN = re.compile(r"\b(?:in|during|over|through)\s+(?:the\s+month\s+of\s+)?(?:January|"
                         r"February|March|April|May|June|July|August|September|October|"
                         r"November|December)\b|\blast\s+month\b", re.I)
#: Before an area that restates a share of the country: "(18 % of Ukraine,) including
#: Crimea -- about (42,000 square miles)".
_INCLUDING_CRIMEA = re.compile(r"\bincluding\s+(?:the\s+)?Crimea(?:n\s+peninsula)?(?:\s+and\s+"
                               r"Sevastopol)?\s*(?:[—–,:]|--|\s-)\s*(?:(?:about|roughly|around|"
                               r"some|nearly|almost|approximately|over|more\s+than)\s+)?$", re.I)
_INCLUDES_CRIMEA = re.compile(r"\s*(?:[—–,(]|--|\s-)\s*(?:(?:a|the)\s+(?:figure|share|total|"
                              r"number|estimate)\s+)?(?:(?:that|which)\s+)?(?:includes?|including)\s+"
                              r"(?:the\s+)?(?:annexed\s+)?Crimea", re.I)
_FRONTED = led(r"(?:^|,\s*|:\s+)\W*(?:of|in|across)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|"
               r"eastern|western|southern|northern)\s+|"
               # "in the east of Dnipropetrovsk region, Russian troops hold ..."
               r"(?:far\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|"
               r"south-?west)\s+of\s+(?:the\s+)?)?$", re.I)


_FRONTED_AFTER = re.compile(r"(?:s|\s+(?:region|oblast|province)s?)?(?:\s+(?:taken\s+together|"
                            r"combined|together))?(?:\s*,|\s+(?=the\s+(?:figure|"
                            r"share|proportion)\b)|"
                            # "In the Kharkov region we hold a strip along the border"
                            # "In Donetsk region the Ukrainian army holds about 25 percent"
                            r"\s+(?=(?:we|they|our\s+\w+|(?:the\s+)?(?:Russian|Ukrainian)\s+"
                            r"(?:troops|forces|units|army|military)|the\s+enemy|Russia|Ukraine|Kyiv|"
                            r"Moscow|the\s+occupiers|the\s+invaders)\s+(?:still\s+|now\s+|only\s+|"
                            r"currently\s+)?(?:hold|control|occup(?:y|ie))s?\b))", re.I)
#: A place as a label at the start of a line: "Donetsk oblast: ...", "- Luhansk: ...".
_LABEL = led(r"\W*(?:\d{1,2}\s*[/.)]\s*)?", re.I)
_LABEL_AFTER = re.compile(r"(?:s|\s+(?:region|oblast|province)s?)?\s*:", re.I)


#: A figure's bracketed twin at the start of the gap to its place: " (14.6%)", ")".
_BRACKETED = led(r"^\s*\([^()]{1,24}\)|^\)")
_IN_GAP = re.compile(r"^\s*,?\s+(?:of\s+(?:territory|land|ground)\s+)?"
                     # "1,150 square kilometres of territory and 82 settlements in (Kursk)"
                     r"(?:and\s+(?:about\s+|some\s+|over\s+|more\s+than\s+)?\d+\s+(?:settlements|"
                     r"villages|towns|localities)\s+)?(?:along\s+the\s+(?:border|"
                     r"front(?:\s+line)?|frontier)\s+)?(?:(?:scattered|spread|"
                     r"split|divided)\s+)?(?:in|inside|within|across|among|over)\s+(?:the\s+)?"
                     r"(?:(?:Russia|Ukraine)(?:'s|’s)\s+)?$", re.I)


def _table_place(parts: Parts, fig: Figure) -> tuple[list[Place], int]:
    """The place a figure follows in a table-like line ("Luhansk — 99%"), or in a list of
    them ("Luhansk 99%; Donetsk 78%", "Luhansk 99% / Donetsk 78%": a figure that ends its
    item)."""
    text = parts.s.text
    before = [p for p in parts.places if p.end <= fig.start]
    if not before or _of_country(parts, fig):
        # ("including Crimea — about 18.7% of the country": the figure is the country's)
        return [], fig.end
    gap = text[before[-1].end:fig.start]
    if _TABLE_GAP.match(gap) or (re.fullmatch(r"[ \t]+", gap)
                                 # ("Luhansk 99% / Donetsk 78% / ...", "· ", "| ")
                                 and re.match(r"\s*(?:[;,.)/|·•]|$)", text[fig.end:])):
        # "Zaporizhzhia and Kherson: ~74% each": every place of the label
        return places_before(parts, before[-1].end), fig.end
    return [], fig.end


#: A table-like line's label that is the whole country: "Ukraine overall: ~19.4%", "Total
#: (Ukraine) -- 19.3%".
_COUNTRY_LABEL = re.compile(r"(?:^|\n)[^\w\n]*(?:(?:the\s+)?whole\s+of\s+|all\s+of\s+|"
                            r"total\s*\(?\s*)?"
                            r"(?P<c>Ukraine|the\s+country)(?:\s+(?:overall|in\s+total|total|"
                            r"as\s+a\s+whole)|\s*\((?:total|overall|whole\s+country|"
                            r"incl\.?[^)]{0,20})\))?\)?\s*(?:[—–:|]|--)\s*"
                            r"(?:[~≈<>≥≤]\s*|(?:about|roughly|around|approx\.?|nearly|almost|"
                            r"over|more\s+than|less\s+than|under|just\s+over|just\s+under)\s+)?$",
                            re.I)


def _country_label(parts: Parts, fig: Figure) -> bool:
    """Whether the figure follows a label naming the whole country on its line."""
    text = parts.s.text
    start = text.rfind("\n", 0, fig.start) + 1
    return bool(_COUNTRY_LABEL.match(text[start:fig.start]))


#: Between a figure and "of Ukraine": nothing, or an aside between dashes or brackets (after
#: the quote a quoted figure ends with: 'occupies "just under 20 per cent" of Ukraine').
_ASIDE = re.compile(r"[\"”’']?(?:\s*(?:[—–(]\s*[^—–()]{0,60}?[—–)])?\s*|\s*[—–),]\s*)")


def _of_country(parts: Parts, fig: Figure) -> int:
    text = parts.s.text
    for a, b in parts.country:
        # "19 percent — roughly 114,000 square kilometers — of Ukraine": past an aside
        if a >= fig.end and _ASIDE.fullmatch(text, fig.end, a):
            return b
    return 0
