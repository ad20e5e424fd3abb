"""What the extractor recognises in a sentence: figures, qualifiers, places, sides, cues.

Each finder returns mentions with character offsets into the sentence. Figures are
shares (``19%``, ``19 percent``, ``19 per cent``, ``a fifth``) and areas (``116,000
square kilometers``, ``100,000 sq km``, ``650 km²``, ``116 thousand square kilometres``,
numbers in words); anything else (people, money, days, countries) is not a figure.
Places come from the unit table and the gazetteer's spellings and groups; a place
that names a facility, a city's residents or a battle is not a territorial mention.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from geo.extract.patterns import led

__all__ = ["Figure", "Place", "Actor", "figures", "places", "titled_places", "countries", "actors",
           "official_areas", "cue", "AS_DEMANDED",
           "QUALIFIER_WORDS", "QUALIFIER_OF", "CUES", "ANY_FIGURE", "CHANGED_BY", "clear_caches"]

#: Right before a figure: it is how much something changed ("fell by (9%)", "up (3%)").
CHANGED_BY = led(r"\b(?:fell|falls?|rose|rises?|dropped|drops?|declined|declines?|"
                 r"decreased|increased|grew|grows?|shrank|shrunk|jumped|climbed|"
                 r"plunged|slumped|down|up|cut|reduced)\s+(?:by\s+)?(?:(?:about|some|"
                 r"nearly|almost|around|roughly|over|more\s+than|less\s+than)\s+)?$",
                 re.I)

_UNITS_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_NUMWORD = "|".join([*_UNITS_WORDS, *_TENS, *_SCALES, "a", "and"])
_WORDNUM = (rf"(?:(?:(?:a|one|two|three|four|five|six|seven|eight|nine)[\s-]+hundred"
            rf"(?:[\s-]+(?:and[\s-]+)?)?)?(?:{'|'.join([*_UNITS_WORDS, *_TENS])})"
            rf"(?:[\s-]+(?:{_NUMWORD}))*"
            # "nineteen point four (per cent)"
            rf"(?:\s+point\s+(?:zero|one|two|three|four|five|six|seven|eight|nine))?)")
#: Digits, with thousands separators, Indian grouping ("1,16,000") or a decimal point;
#: as Europe and machine translation write them: a space or a thin space between thousands
#: ("113 100 km²"), a point between thousands before an area's unit ("116.000 km2"), a
#: decimal comma ("19,2 %": a comma before one or two digits is never a thousands comma).
_DIGITS = (r"\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)|"
           r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![.,]?\d)|"
           r"\d{1,3}(?:\.\d{3})+(?=\s*(?:km|sq\b|square))|\d{1,3},\d{1,2}(?!,?\d)|"
           r"\d+(?:\.\d+)?")
#: "116k km²": thousands
_NUMBER = (rf"(?P<num>{_DIGITS}|{_WORDNUM})(?:\s+(?P<scale>thousand|million)|"
           rf"(?P<k>k)(?=\s*(?:sq|km)))?(?P<orso>\s+or\s+so)?")
#: (and the British press's "19pc", "19 p.c.")
_PERCENT = led(rf"\b{_NUMBER}\s*(?:%|percent\b|per\s+cent\b|pct\b|pc\b|p\.c\.)", re.I)
#: (and "sq kms", "square kms", "km sq", "sq. kilometres")
_AREA = led(rf"\b{_NUMBER}\s*(?:square\s+(?:kilomet(?:er|re)s?|kms?)\b|sq\.?\s*kms?\b|"
            r"sq\.?\s+kilomet(?:er|re)s?\b|km²|km2\b|kms?\s+sq\b)", re.I)
#: A word every fraction has, looked for first (in lower case).
_FRACTION_HINT = led(r"half|third|quarter|fifth|tenth|fourth|sixth|eighth|\d/\d")
#: An area in square miles ("45,000 square miles", "2,300 sq mi"): read in km².
_AREA_MI = led(rf"\b{_NUMBER}\s*(?:square\s+miles?\b|sq\.?\s*mi(?:les?)?\b|mi²)", re.I)
KM2_PER_SQ_MI = 2.589988110336
#: The factor news desks use (three significant figures): what a square mile is read as.
KM2_PER_SQ_MI_PRESS = 2.59
#: After a figure, words that make it approximate: "116,000 sq km, give or take".
_AFTER_ABOUT = led(r"\s*,?\s*(?:or\s+so|give\s+or\s+take|or\s+thereabouts|-odd|"
                   r"\(\s*approx(?:\.|imately)?\s*\)|approx\.)", re.I)
_FRACTIONS = {"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3,
              "one third": 100 / 3, "two thirds": 200 / 3, "two-thirds": 200 / 3,
              "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
              "three-quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0, "one-fifth": 20.0,
              "two fifths": 40.0, "a tenth": 10.0, "one tenth": 10.0, "one-third": 100 / 3,
              "one-quarter": 25.0, "a fourth": 25.0, "two-fifths": 40.0, "three fifths": 60.0,
              "three-fifths": 60.0, "four fifths": 80.0, "four-fifths": 80.0,
              "nine tenths": 90.0, "nine-tenths": 90.0, "one-tenth": 10.0,
              "a sixth": 100 / 6, "one sixth": 100 / 6, "one-sixth": 100 / 6,
              "an eighth": 12.5, "one eighth": 12.5, "one-eighth": 12.5,
              # as threads and tickers write them: "1/5 of Ukraine"
              "1/2": 50.0, "1/3": 100 / 3, "2/3": 200 / 3, "1/4": 25.0, "3/4": 75.0,
              "1/5": 20.0, "4/5": 80.0, "1/10": 10.0}
# tenths and fourths written out: "about seven-tenths of Zaporizhzhia", "three-fourths"
for _n, _w in enumerate(("two", "three", "four", "five", "six", "seven", "eight"), 2):
    _FRACTIONS[f"{_w} tenths"] = _FRACTIONS[f"{_w}-tenths"] = _n * 10.0
_FRACTIONS.update({"three fourths": 75.0, "three-fourths": 75.0})
# "the remaining fifth of Donetsk region that they hold"
_FRACTIONS.update({f"remaining {w}": v for w, v in (("fifth", 20.0), ("quarter", 25.0),
                                                   ("third", 100 / 3), ("tenth", 10.0))})
# "hand over the fifth of Donetsk we still hold" (not "the third of": an ordinal as often)
_FRACTIONS.update({f"the {w}": v for w, v in (("fifth", 20.0), ("quarter", 25.0),
                                               ("tenth", 10.0))})
_FRACTION_WORDS = "|".join(sorted(map(re.escape, _FRACTIONS), key=len, reverse=True))
_FRACTION = led(r"\b(" + _FRACTION_WORDS + r")(\s+or\s+so)?(?:\s+each)?[\"”’']?\s+of\b",
                re.I)  # "three-quarters each of Zaporizhzhia and Kherson"
#: "one in every five square kilometres of", "one in four": a fraction.
_ONE_IN_N = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "2": 2, "3": 3, "4": 4,
             "5": 5, "10": 10}
_ONE_IN = re.compile(r"\bone\s+in\s+(?:every\s+)?(two|three|four|five|ten|2|3|4|5|10)\s+"
                     r"(?:(?:square\s+(?:kilomet(?:er|re)s?|miles?)|km²|km2|sq\.?\s*km|"
                     r"acres?|hectares?)\s+)?of\b", re.I)
#: A fraction as an earlier figure, without "of": "down from about a third".
_FRACTION_FROM = led(r"\b(?:up|down)\s+from\s+(?:(?:about|roughly|around|nearly|almost|"
                     r"some|just\s+over|just\s+under|more\s+than|less\s+than)\s+)?"
                     r"(" + _FRACTION_WORDS + r")\b(?!\s+of\b)", re.I)

#: A fraction as a value, without "of": "(the share) is put at just under four-fifths",
#: "amounts to around three-quarters", "Zaporizhzhia and Kherson: about three quarters each",
#: "Donetsk: Ukraine holds roughly one-fifth", "Kherson region — just under three quarters".
_FRACTION_AT = led(r"(?:\b(?:at|to|is|was|are|were|remains?|remained|holds?|held|"
                   r"controls?|controlled|"
                   r"occup(?:y|ies|ied)|retains?|keeps?)|:|\s[—–])\s+(?:(?:now|already|still|"
                   r"currently)\s+)?[\"“]?(?:(?:about|roughly|around|"
                   r"nearly|almost|some|just\s+over|just\s+under|more\s+than|less\s+than|"
                   r"over|under|approximately|upwards?\s+of|at\s+least|well\s+over)\s+)?("
                   + _FRACTION_WORDS + r")\b"
                   r"(?![\"”’']?\s+(?:of|or)\b|-|\s+an?\s+(?:percent|per\s+cent|percentage))",
                   re.I)  # not "half a percent"

#: Words before a figure and the qualifier they give (the extractor's names).
QUALIFIER_WORDS: tuple[tuple[str, str], ...] = (
    ("more than", "over"), ("over", "over"), ("in excess of", "over"),
    ("upwards of", "over"), ("upward of", "over"), ("at least", "over"), ("just over", "over"),
    ("just under", "under"), ("nearly", "under"), ("almost", "under"), ("up to", "under"),
    ("less than", "under"), ("under", "under"), ("no more than", "under"),
    ("at most", "under"), ("fewer than", "under"),
    ("roughly", "around"), ("about", "around"), ("around", "around"),
    ("approximately", "around"), ("some", "around"), ("an estimated", "around"),
    ("estimated", "around"), ("close to", "under"), ("an approximate", "around"),
    ("something like", "around"), ("maybe", "around"), ("perhaps", "around"),
    ("call it", "around"), ("something over", "over"), ("something under", "under"),
    ("below", "under"), ("exceeds", "over"), ("exceeding", "over"), ("exceed", "over"),
    ("above", "over"),
    ("just shy of", "under"), ("shy of", "under"), ("a little under", "under"),
    ("a little less than", "under"), ("slightly less than", "under"), ("a bit under", "under"),
    ("a little over", "over"), ("a little more than", "over"), ("slightly more than", "over"),
    ("well over", "over"), ("well above", "over"), ("north of", "over"),
    ("a shade over", "over"), ("a shade under", "under"), ("a touch over", "over"),
    ("a touch under", "under"),
    ("closer to", "around"), ("roughly about", "around"), ("an estimated", "around"),
    ("nearer", "around"), ("nearer to", "around"), ("in the order of", "around"),
    ("on the order of", "around"), ("of the order of", "around"),
    ("approx.", "around"), ("approx", "around"), ("ca.", "around"),
)
_QUAL = led(r"\b(" + "|".join(re.escape(w) for w, _ in sorted(
    QUALIFIER_WORDS, key=lambda x: -len(x[0]))) + r"),?\s+(?:(?:uh|um|er|erm)[,.…]*\s+)?"
    # (a transcript's "roughly, uh, nineteen percent")
    r"(?:the\s+)?$", re.I)
#: A qualifier word (lower case) -> the extractor's qualifier.
QUALIFIER_OF = dict(QUALIFIER_WORDS)

def _said_by(more: tuple[str, ...], aux: tuple[str, ...], forms: tuple[str, ...]) -> str:
    """Look-behinds, after a word in one of its ``forms``, for a side's name (or one of
    ``more``) right before it, perhaps with one of ``aux`` between ("Putin had proposed",
    "Moscow continues to call"): the word first, so that the look costs only where it is."""
    names = ("Putin", "Zelensky", "Zelenskyy", "Kremlin", "Moscow", "Kyiv", "Kiev", "Russia",
             "Ukraine") + more
    gaps = ("",) + tuple(a.replace(" ", "\\s") + "\\s" for a in aux)
    return "(?:" + "|".join(f"(?<={w}\\s{g}{f})" for w in names for g in gaps
                            for f in forms) + ")"


#: Cue words by role, as regular expressions.
CUES: dict[str, re.Pattern[str]] = {
    "control": led(
        r"\b(control(?:s|led|ling)?|occup(?:y|ies|ied|ying)|hold(?:s|ing)?(?!\s+(?:out|firm|talks)\b)|"
        r"held(?!\s+(?:out|talks)\b)|seiz(?:e|ed|es)|"
        r"cling(?:s|ing)?\s+to|clung\s+to|retain(?:s|ed)?|footholds?|bridgeheads?|"
        # "have established a security zone covering several border villages in Sumy"
        # 'were creating a "security zone" in Kharkiv region'
        # (not "spoke of creating a buffer zone": an intent)
        r"(?<!of\s)(?<!about\s)(?:establish(?:ed|es|ing)|creat(?:ed|es|ing)|set(?:ting)?\s+up)\s+"
        r"(?:a\s+)?[\"“'‘]?"
        r"(?:security|buffer|sanitary)\s+(?:zone|belt|strip)|"
        r"(?:security|buffer|sanitary)\s+(?:buffer\s+)?(?:zone|belt|strip)[\"”'’]?\s+(?:has|had|"
        r"have|is|was|were)\s+(?:been|being)\s+"
        r"(?:created|established|set\s+up)|"
        # a map's Russian-held colour: "the red shading covers virtually all of Luhansk
        # region", "Red covers most of Zaporizhzhia region"
        r"(?:red(?:\s+(?:shading|block|area|zone|colou?r|hatching))?|shading)(?:\s+there)?\s+"
        r"(?:covers|takes\s+in|spans)|"
        # "Russian forces maintain a small pocket in eastern Dnipropetrovsk", "keep a sliver"
        r"(?:keeps?|kept|maintains?|maintained)(?=\s+(?:a\s+|its\s+|their\s+)?(?:(?:small|tiny|"
        r"thin|narrow)\s+)?(?:slivers?|pockets?|footholds?|bridgeheads?|strips?|positions)\b)|"
        # "while Ukraine keeps about 5,800 sq km in the north and west"
        r"(?:keeps?|kept)(?=\s+(?:(?:about|roughly|around|some|over|more\s+than|less\s+than|"
        r"under|almost|nearly|just|only)\s+)?\d)|"
        r"sits?\s+on|sat\s+on|sitting\s+on|under\s+(?:russian\s+|ukrainian\s+|temporary\s+)?occupation|"
        r"captur(?:e|ed|es)|taken|liberat(?:ed|es|e|ing)|"
        r"in (?:russian|ukrainian|Moscow['’]s|Kyiv['’]s|Russia['’]s|Ukraine['’]s) hands|"
        r"(?<!de-)(?<!de)occupation\s+of|(?:has|have|had)(?=\s+(?:(?:almost|nearly|virtually|just)\s+)?(?:all|"
        r"most|much|about|roughly|around|some|over|more\s+than|less\s+than|under|a\s+(?:third|"
        r"quarter|fifth|sliver|strip|foothold)|half|two-thirds|three|one\s+fifth|\d+(?:\.\d+)?\s*"
        r"(?:%|per|km|sq|square)))|"
        r"under (?:russian|ukrainian) "
        r"control)\b", re.I),
    "demand": led(
        r"\b(demand(?:s|ed|ing)?|wants?|wanted|insist(?:s|ed|ing|ence)?|calls? for|called for|"
        r"seek(?:s|ing)?|sought|push(?:es|ed|ing)?\s+for|only\s+if|only\s+after|"
        r"on\s+condition\s+that|(?<=\bno\s)(?:ceasefire|truce|peace)\s+until|"
        r"precondition|only\s+once|only\s+when|settle\s+for|price\s+(?:is|was|would\s+be)|"
        # (not "push people to leave Kharkiv": civilians driven out)
        r"(?:press(?:es|ed|ing)?|expect(?:s|ed|ing)?|push(?:es|ed|ing)?)\b(?!\s+(?:people|residents|"
        r"civilians|families|the\s+population)\b)(?=[^.]{0,60}\bto\s+(?:make|force|get|"
        r"give|cede|hand|withdraw|pull|leave|abandon|surrender|quit|recogni[sz]e)\b)|"
        r"asks?|asked|asking|urg(?:e|es|ed|ing)|requir(?:e|es|ed)|must|(?:has|have|had)\s+to|"
        r"needs?\s+to(?=\s+(?:withdraw|pull|leave|cede|hand|give\s+up|quit|abandon|surrender|"
        r"recogni[sz]e|vacate)\b)|"
        # "Washington has told Kyiv that it should withdraw": a side should leave or cede
        r"(?:is\s+)?(?:only\s+possible|possible\s+only)\s+(?:with|after|if)|"
        r"should(?=\s+(?:(?:now|first|also|then|eventually|simply)\s+)?(?:be\s+(?:prepared|ready|"
        r"willing)\s+to\s+)?(?:withdraw|pull|leave|"
        r"cede|hand|give\s+up|quit|abandon|surrender|recogni[sz]e|transfer|vacate)\b)|"
        # (not "under certain conditions": an offer's hedge)
        r"(?<!under\scertain\s)(?<!under\ssome\s)conditions?|unless|"
        # "any cease-fire depends on Ukraine pulling its troops out of the Donbas"
        r"(?:depends?|depended|contingent|conditional)\s+on(?=\s+(?:the\s+)?(?:Ukrain|Kyiv|Kiev|"
        r"Russia|Moscow))|"
        # "the only subject for discussion is the withdrawal of Ukrainian formations ..."
        r"only\s+(?:subject|question|issue|topic|thing)\s+(?:(?:for|of|up\s+for)\s+(?:discussion|"
        r"negotiations?|talks)|to\s+(?:discuss|negotiate|talk\s+about))\s+(?:is|was|remains)|"
        # "the Kiev regime still had the opportunity to withdraw its units from ...": a
        # side's offer of terms to the other, as "must"
        r"(?:has|have|had)\s+(?:the|a|an|every)\s+(?:opportunity|chance)(?=\s+to\s+(?:withdraw|"
        r"pull|leave|quit|vacate)\b)|"
        # "Kremlin tells Kyiv to pull troops out of Donbas"
        r"(?:tells?|told)(?=\s+(?:the\s+)?(?:Kyiv|Kiev|Ukraine|Ukrainians|Russia|Moscow)\s+"
        r"(?:(?:it|that\s+it)\s+(?:must|should|has\s+to|will\s+have\s+to)|to)\s)|"
        # "the Russian president had proposed that Kiev hand over the rest of Donetsk" (a
        # side's leader proposes, not "European leaders")
        # (the word first, then who said it, looked behind: cheap where it is not)
        r"propos(?:es|ed|e)" + _said_by(("president", "leader"), ("had", "has"),
                                 ("propose", "proposes", "proposed")) +
        r"\s+that(?=\s+(?:the\s+)?(?:Kiev|Kyiv|Ukraine|Ukrainian|Russia|Moscow|Russian)\b)|"
        # an ultimatum: "Either its formations leave Donbass, or we will liberate it by force"
        r"either(?=\s[^.;?]{0,80}?\b(?:leave|withdraw|pull|get\s+out|quit|hand|cede|give\s+up)\b"
        r"[^.;?]{0,120}?,?\s+or\s+(?:else\s+)?(?:we|Russia|Moscow|the\s+Russian|Ukraine|Kyiv)\b)|"
        # "the only way to peace is for Russian troops to leave our land"
        r"only\s+(?:way|path|road|route)\s+to\s+(?:peace|end\s+(?:the|this)\s+war)\s+(?:is|was)\s+"
        r"(?:for|if|that)|"
        # "There is only one formula for peace: Russia takes its troops out of Kherson"
        r"(?:only\s+(?:one\s+)?|single\s+)(?:formula|path|way|road)\s+(?:for|to)\s+peace"
        r"(?=\s*(?::|\s[—–]\s|is\b|was\b))|"
        r"(?<!in\s)terms|accept(?:s|ed)?|request(?:s|ed)?|"
        # "The Russian position, as I understand it, is: Kyiv hands over ..."
        # "Moscow's price for a ceasefire, as its envoys have made plain, is that Kyiv ..."
        r"(?:position|formulation|stance|price)(?=(?:\s+for\s+(?:a\s+|any\s+)?(?:ceasefire|truce|"
        r"peace|deal|settlement))?(?:\s*,[^,]{0,80},)?\s+(?:is|was|remains)\b)|"
        # "Moscow's formal position hasn't moved since June: Ukrainian troops out of ..."
        r"(?:position|stance)(?=[^.:;?!\n]{0,40}:\s)|"
        # "The Kremlin's memorandum calls on Kyiv to recognise ..." (a side's, not "Allies
        # call on Russia to withdraw")
        r"call(?:s|ed)?" + _said_by(("memorandum", "document", "Peskov", "Lavrov"),
                             ("also", "again", "continues to", "continued to"),
                             ("call", "calls", "called"))
        + r"\s+on(?=\s+(?:the\s+)?(?:Kyiv|Kiev|Ukraine|Ukrainian|Russia|Moscow|"
        r"Russian)\b[^.;]{0,40}?\bto\b))\b",
        re.I),
    "offer": led(
        r"\b(willing|prepared|ready|readiness|offer(?:s|ed|ing)?|would|could|might|agreed to|"
        r"proposed to|float(?:s|ed|ing)?|"
        # "Moscow will propose withdrawing its troops from ...": the side's own pull-back
        r"propos(?:e|es|ed|ing)(?=\s+(?:withdrawing|pulling|handing\s+back|returning)\b)|"
        # "Kyiv has proposed that both armies pull back from the current line": its offer
        r"propos(?:e|es|ed|ing)(?=\s+that\s+both\s+(?:sides|armies|forces|parties)\b))\b",
        re.I),
    "withdraw": led(
        r"\b(withdraw(?:s|n|ing|al)?|withdrew|pull(?:s|ed|ing)?\s+(?:(?:its|their|his|her|the|"
        r"our|own|all|of|remaining|last|troops|forces|army|units|soldiers|Russian|Ukrainian)\s+"
        r"){0,4}(?:back|out)|"
        r"(?:hand(?:s|ed|ing)?|give|gives|giving|gave)\s+back|"
        # "prepared to consider returning certain areas of the Kharkov region"
        r"return(?:s|ed|ing)?(?=\s+(?:(?:certain|some|the|these|those|its|small|several)\s+){0,2}"
        r"(?:areas|parts|territories|pockets|villages|districts)(?:\s+(?:it|they|Russia|Moscow|"
        r"Ukraine|Kyiv)\s+(?:still\s+)?(?:holds?|controls?|occup(?:y|ies)))?\s+(?:of|in)\b)|"
        # "hand the peninsula back"
        r"(?:hand(?:s|ed|ing)?|give|gives|giving|gave)(?=\s+(?!back\b)(?:[\w'’-]+\s+){1,4}?back\b)|"
        r"quit(?:s|ting)?|vacate[sd]?|abandon(?:s|ed|ing)?|"
        r"retreat(?:s|ed)?\s+from(?!\s+(?:its|his|her|their)\b)|leave|leaves|leaving|left(?![\s-]+bank)|"
        r"(?:troops|forces|army|soldiers|units)\s+out\s+of|walk(?:s|ed|ing)?\s+out\s+of|"
        r"get(?:s|ting)?\s+out\s+of|got\s+out\s+of|"
        # "(Putin) still wants Ukraine out of Donbas"
        r"out(?:(?<=Ukraine\sout)|(?<=Kyiv\sout)|(?<=Russia\sout)|(?<=Moscow\sout)|"
        r"(?<=them\sout))\s+of|"
        r"pull-?backs?|pull-?outs?)\b", re.I),
    "cede": led(
        r"\b(cede[sd]?|ceding|hand(?:s|ed|ing)?\s+over|handover\s+of|hand-over\s+of|"
        # "would offer Moscow the parts of Russia's Kursk region that Ukrainian troops hold in
        # exchange for ...": an offer of the ground
        r"offer(?:s|ed|ing)?(?=\s+(?:Moscow|Russia|the\s+Kremlin|Kyiv|Ukraine)\s+(?:the\s+)?(?:parts?|"
        r"territory|land|areas?|ground)\b[^.;]{0,90}?\bin\s+(?:exchange|return)\s+for\b)|"
        # "offer to exchange the territory its forces hold in Kursk (for ...)": an offer's
        r"(?<=\bto\s)(?:exchange|swap|trade)(?=\s+(?:the\s+|its\s+|all\s+)?(?:territory|land|"
        r"ground|areas?|parts?|(?-i:[A-Z])))|"
        # "hand the region over", "hand the rest of Donetsk over"
        r"hand(?:s|ed|ing)?(?=\s+(?!over\b)(?:[\w'’-]+\s+){1,5}?over\b)|"
        r"transfer\s+of|transfer(?:s|red)?(?=\s+(?:the\s+)?(?:rest|remainder|remaining|all|(?-i:[A-Z])))|"
        r"surrender(?:s|ed)?|give\s+up|given\s+up|(?<=be\s)returned|(?<=be\s[\"“])returned|"
        # "(the Zaporizhzhia and Kherson regions) must pass fully under Russian control"
        r"pass(?=\s+(?:fully\s+|entirely\s+|completely\s+)?(?:under|into)\s+(?:Russian|"
        r"Russia['’]s|Moscow['’]s)\s+(?:control|sovereignty|jurisdiction))|"
        r"accept(?:s|ed|ing)?(?=\s+(?:the\s+)?(?:(?-i:[A-Z])|peninsula\b|four\s+regions\b)"
        r"[^.;]{0,60}?\s+as\s+(?:Russian|part\s+of\s+Russia))|"
        # "They want us to simply hand them Donbas", "Handing Putin the Donbas"
        r"hand(?:s|ed|ing)?(?=\s+(?:them|Russia|Moscow|the\s+Kremlin|Putin)\s+(?:all\s+of\s+|"
        r"the\s+(?:rest\s+of\s+(?:the\s+)?)?)?(?-i:[A-Z]))|"
        # "accept that these regions are part of Russia"
        r"(?:accept|recogni[sz]e)(?:s|ed|ing)?(?=\s+that\s+[^.;]{0,80}?\s+(?:are|is|were|was)\s+(?:now\s+)?"
        r"(?:part\s+of\s+Russia|Russian)\b)|"
        # "Kyiv must finally recognise the realities on the ground: Crimea, Sevastopol, the
        # DPR, ... are constituent entities of Russia"
        r"(?:accept|recogni[sz]e)(?:s|ed|ing)?(?=\s+(?:the\s+)?(?:new\s+)?(?:territorial\s+)?"
        r"realit(?:y|ies)(?:\s+on\s+the\s+ground)?\s*:)|"
        # "(these regions are Russia;) Kiev must accept this reality"
        r"accept(?:s|ed|ing)?(?=\s+(?:the\s+)?(?:this|these|that|new|the\s+new)\s+"
        r"(?:territorial\s+)?realit)|"
        # "demanded that Kyiv accept the loss of Donetsk, Luhansk, ..."
        r"accept(?:s|ed|ing)?(?=\s+(?:the\s+)?(?:permanent\s+|formal\s+|final\s+)?loss\s+of\b)|"
        # "accept Moscow's 2014 annexation of Crimea"
        r"accept(?:s|ed|ing)?(?=\s+(?:the\s+|Moscow['’]s\s+|Russia['’]s\s+)?(?:\d{4}\s+)?"
        r"(?:illegal\s+)?(?:annexation|incorporation)\s+of\b)|"
        r"return\s+of(?=\s+(?:the\s+)?(?:(?-i:[A-Z])|all\b|occupied\b|peninsula\b))|"
        # "Russia must return every occupied village of Zaporizhzhia"
        r"(?<=\s)return(?=\s+(?:every|all(?:\s+the)?)\s+(?:occupied\s+)?(?:villages?|towns?|"
        r"inch|territor(?:y|ies)|land)\b)|"
        # "Kyiv demands its return" (the place named last)
        r"(?<=\bits\s)return\b(?!\s+(?:to|of)\b)|"
        # 'demanded that Russia "return" Crimea'
        r"(?<=\s[\"“])return(?=[\"”]\s+(?:the\s+)?(?-i:[A-Z]))|"
        # "demands that the aggressor state return Crimea"
        r"(?<=\s)return(?=\s+(?:the\s+)?(?-i:[A-Z])\w+(?:\s+(?:and|region|oblast|peninsula)\b|"
        r"[\s,.;]))|"
        r"gives\s+up|gave\s+up|relinquish(?:es|ed)?|renounce[sd]?|renouncing|"
        # "the status of those four regions and of Crimea as part of Russia must be enshrined"
        r"status\s+of(?=[^.;]{0,120}?\s+as\s+(?:parts?\s+of\s+(?:Russia|the\s+Russian)|constituent\s+"
        r"entit|subjects?\s+of\s+the\s+Russian|Russian\b)[^.;]{0,80}?\b(?:must|should|would\s+have\s+"
        r"to|has\s+to|have\s+to|to)\s+be\b)|"
        # "a settlement must enshrine Crimea, Sevastopol and the four regions as Russian"
        r"enshrin(?:e|es|ed|ing)(?=\s[^.;]{0,100}?\s+as\s+(?:Russian|part\s+of\s+(?:Russia|the\s+"
        r"Russian)|subjects\s+of\s+the\s+Russian)\b)|"
        # "recognise Crimea as Russian", "recognition of Russia's sovereignty over Crimea"
        r"(?<!internationally\s)recogni(?:[sz](?:e|es|ed|ing)|tion)(?:\s+of)?"
        r"(?:\s+(?:Russia's|Russia’s|Russian|"
        r"Moscow's|Moscow’s)\s+sovereignty\s+over)?)\b", re.I),
    # ("nobody is asking Ukraine to give up Crimea", "no longer insists on the rest", "rules
    # out any recognition of")
    "negation": led(r"\b(never|not|refuses?|refused|won't|rejects?|rejected|nobody|"
                    r"no\s+one|no\s+longer|rul(?:es|ed|ing)\s+out)\b", re.I),
}


@dataclass(frozen=True)
class Figure:
    """A share or area figure in a sentence."""

    value: float
    unit: str  # "percent" or "km2"
    qualifier: str  # over / under / around / exact
    start: int
    end: int
    fraction: bool = False


@dataclass(frozen=True)
class Place:
    """A place mention: the units it names (several for a group)."""

    codes: tuple[str, ...]
    start: int
    end: int
    text: str
    group: bool = False


@dataclass(frozen=True)
class Actor:
    """A mention of a side: ``RU``, ``UA`` or ``US`` (a demand's author only)."""

    side: str
    start: int
    end: int


def _word_number(text: str) -> float | None:
    whole, _, tenth = text.lower().partition(" point ")
    if tenth:
        units = _word_number(whole)
        digit = _UNITS_WORDS.get(tenth.strip())
        return None if units is None or digit is None or digit > 9 else units + digit / 10
    total, current = 0.0, 0.0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if w in ("and", ""):
            continue
        if w == "a":
            current = max(current, 1)
            continue
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


#: A figure written the European way (see :data:`_DIGITS`).
_EUROPEAN = led(r"\d{1,3},\d{1,2}|\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+")
_NO_SEPARATOR = str.maketrans("", "", " .\u00a0\u202f\u2009")


def _number(m: re.Match[str]) -> float | None:
    raw = m.group("num")
    if _EUROPEAN.fullmatch(raw):  # "19,2", "113 100", "116.000" (before km², see _DIGITS)
        raw = (raw.replace(",", ".") if "," in raw else
               raw.translate(_NO_SEPARATOR) if m.re is not _PERCENT else raw)
    value = float(raw.replace(",", "")) if raw[0].isdigit() else _word_number(raw)
    if value is None:
        return None
    if m.group("scale"):
        value *= _SCALES[m.group("scale").lower()]
    if m.group("k"):
        value *= 1_000
    return value


def _qualifier(sentence: str, start: int) -> str:
    # "~73%", "(c. 5,700 km²"; ">99%" (no space: "> " opens a quoted line); "<1%"
    sign = _SIGN.search(sentence, max(0, start - 8), start)
    if sign:
        return sign.lastgroup  # type: ignore[return-value]
    window = sentence[max(0, start - 24):start]
    m = _QUAL.search(window)
    if m and m.group(1).lower() == "up to" and _ROSE.search(window, 0, m.start()):
        return "exact"  # "ticked up to 19.6 %": where it rose to, no hedge
    return QUALIFIER_OF[m.group(1).lower()] if m else "exact"


#: A verb of rising right before "up to": "ticked up to", "crept up to".
_ROSE = re.compile(r"\b(?:ticked|crept|crawled|edged|inched|went|moved|risen|rose|climbed|"
                   r"grown|grew|gone)\s*$", re.I)


#: A hedge written as a sign right before a figure.
_SIGN = led(r"(?P<around>[~≈]\s*|\bca?\.\s*|\bapprox\.?\s*)$|(?P<over>>|≥\s*)$|"
            r"(?P<under><|≤\s*)$")


def _after(sentence: str, end: int) -> str | None:
    """A qualifier written after a figure: "99%+" over; "117,000 km² (approx.)", "or so"
    around."""
    if sentence.startswith("+", end):
        return "over"
    if sentence.startswith(" or ", end) and (more := _OR_MORE.match(sentence, end)):
        return "over" if more.group(1).lower() in ("more", "above", "over") else "under"
    if _AFTER_ABOUT.match(sentence, end):
        return "around"
    return None


#: After a figure: "(99%) or more", "(1%) or less".
_OR_MORE = re.compile(r"\s+or\s+(more|above|over|less|fewer|below|under)\b", re.I)


#: After a figure: the speaker takes it back ("— sorry, square miles", ", I mean").
_CORRECTED = led(r"\s*(?:[—–-]\s*|,\s*)(?:sorry|I\s+mean|correction)\b", re.I)


#: Something every figure has: a digit, a unit word or a fraction's word.
ANY_FIGURE = led(r"\d|%|half|third|quarter|fifth|tenth|fourth|sixth|eighth|per\s*cent|"
                 r"square|km|sq", re.I)
#: A range of shares: "between 18 and 20 per cent", "18-20%", "between 73% and 75%" ("73% and
#: 75%" without "between" is two figures).
_RANGE = led(r"\b(?:(?P<between>between)\s+)?(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|"
             r"per\s+cent\b|pct\b)?\s*(?P<join>and|to|-|–)\s*(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b|pct\b)",
             re.I)
#: Right before a share: the low end of a speaker's range ("seventy-six, (seventy-seven
#: percent)", "seventy to (seventy-five percent)").
_SPOKEN_LOW = led(rf"(?<![\w.,])({_WORDNUM}|\d{{1,2}})"
                  r"(\s*,|\s*(?:\.\.\.|…)|\s+or|\s+to)\s+$", re.I)
#: A range of areas: "5,000-6,000 sq km", "between 5,000 and 6,000 square kilometres".
_AREA_RANGE = led(r"\b(?:between\s+)?(\d{1,3}(?:,\d{3})+|\d+)\s*(?:and|to|-|–)\s*"
                  r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:square\s+(?:kilomet(?:er|re)s?|km)\b|"
                  r"sq\.?\s*km\b|km²|km2\b)", re.I)


#: For a cue kind, words one of which (lower case) every match of its pattern holds: a
#: cheap look before the full pattern, which costs at every word (most sentences have no
#: cede, withdraw or offer word). tests/test_extract_lexicon.py checks them on every
#: corpus sentence.
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "demand": ("demand", "want", "insist", "call", "seek", "sought", "push", "only",
               "condition", "until", "settle", "price", "press", "expect", "ask", "urg",
               "requir", "must", "to", "need", "possible", "should", "unless", "depend",
               "contingent", "subject", "question", "issue", "topic", "tell", "told", "propos",
               "either", "formula", "terms", "accept", "request", "position", "formulation",
               "stance", "single"),
    "cede": ("cede", "ceding", "hand", "exchange", "swap", "trade", "transfer", "surrender",
             "give", "gave", "given", "return", "pass", "accept", "recogni", "relinquish",
             "renounc", "status", "enshrin"),
    "withdraw": ("withdr", "pull", "back", "return", "quit", "vacate", "abandon", "retreat",
                 "leav", "left", "out"),
    "offer": ("willing", "prepared", "ready", "readiness", "offer", "would", "could", "might",
              "agreed", "propos", "float"),
}


@functools.lru_cache(maxsize=8192)
def cue(kind: str, text: str) -> re.Match[str] | None:
    """The first word of :data:`CUES` ``kind`` in ``text``, or None: several rules ask it of
    the same sentence, and it is searched once (and only where one of its
    :data:`CUE_WORDS` is)."""
    words = CUE_WORDS.get(kind)
    if words is not None:
        low = text.lower()
        if not any(w in low for w in words):
            return None
    return CUES[kind].search(text)


def clear_caches() -> None:
    """Forget the figures and places of sentences read so far (benchmarks read afresh)."""
    cue.cache_clear()
    _figures.cache_clear()
    _places.cache_clear()
    _countries.cache_clear()


def _signed(sentence: str, start: int) -> bool:
    """The figure at ``start`` has a sign right before it ("+87 km²", "(−0.3%)"): a change."""
    before = sentence[max(0, start - 2):start]
    return before[-1:] in ("+", "−") or (before[-1:] == "-" and before[:1] in (" ", "("))


def figures(sentence: str) -> list[Figure]:
    """Share and area figures of ``sentence`` (a new list: the caller may extend it)."""
    return list(_figures(sentence))


@functools.lru_cache(maxsize=8192)
def _figures(sentence: str) -> tuple[Figure, ...]:  # a sentence is read by several rules
    """The figures, in order (a range of shares as its middle, "about")."""
    if not ANY_FIGURE.search(sentence):
        return ()  # most sentences have none: one cheap look before the full patterns
    out: list[Figure] = []
    ranges = []
    for m in _RANGE.finditer(sentence):
        low, high = float(m.group(2)), float(m.group(4))
        if m.group("join").lower() == "and" and not m.group("between"):
            continue  # "some 74% and 75% of the territory respectively": two figures
        if low < high <= 100:
            out.append(Figure(round((low + high) / 2, 1), "percent", "around", m.start(),
                              m.end()))
            ranges.append((m.start(), m.end()))
    for m in _AREA_RANGE.finditer(sentence):
        low, high = (float(g.replace(",", "")) for g in m.groups())
        if 0 < low < high:
            out.append(Figure(round((low + high) / 2, 1), "km2", "around", m.start(), m.end()))
            ranges.append((m.start(), m.end()))
    for m in (_ONE_IN.finditer(sentence) if "ne in " in sentence else ()):
        # "one in every five square kilometres of Donetsk": a fifth
        n = _ONE_IN_N[m.group(1).lower()]
        out.append(Figure(round(100 / n, 1), "percent", _qualifier(sentence, m.start()),
                          m.start(), m.end(1), fraction=True))
        ranges.append((m.start(), m.end()))
    lowered = sentence.lower()
    # each pattern only where its unit's words are (a full pattern costs at every word)
    for pattern, unit in ((_PERCENT, "percent") if "%" in lowered or "per" in lowered
                          or "pct" in lowered or "pc" in lowered or "p.c." in lowered
                          else (None, ""),
                          (_AREA, "km2") if "km" in lowered or "sq" in lowered else (None, "")):
        for m in (pattern.finditer(sentence) if pattern is not None else ()):
            if any(a <= m.start() < b for a, b in ranges):
                continue
            value = _number(m)
            if value is None:
                continue
            if unit == "percent" and value > 100:
                continue
            if _signed(sentence, m.start()):
                continue  # "Net change past 7 days: +87 km²": a change, no holding
            if _CORRECTED.match(sentence, m.end()):
                continue  # "44,000 square kilometres — sorry, square miles": taken back
            q = ("around" if m.group("orso") else _after(sentence, m.end())
                 or _qualifier(sentence, m.start()))
            out.append(Figure(value, unit, q, m.start(), m.end()))
    km2 = [f for f in out if f.unit == "km2"]
    miles = (_AREA_MI.finditer(sentence) if ("mile" in lowered or "sq" in lowered
                                              or "mi²" in lowered) else ())
    for m in miles:
        value = _number(m)
        if value is None or any(abs(f.value - value * KM2_PER_SQ_MI) <= 0.05 * f.value
                                for f in km2):
            # "116,000 km² (about 45,000 sq mi)": the same area given twice; "some 44,700
            # square miles (116,000 square kilometers)": the hedge is the km² figure's too;
            # "about 116,000 square kilometers of Ukrainian territory -- roughly 45,000
            # square miles": further off, the same area (within 5 %, the writers' rounding);
            # "116,000 km²; Ukraine holds some 2,000 square miles": near, another area
            q = _qualifier(sentence, m.start())
            for j, f in enumerate(out):
                if 0 <= f.start - m.end() <= 25 and f.qualifier == "exact" and q != "exact":
                    out[j] = Figure(f.value, f.unit, q, f.start, f.end, f.fraction)
            km2 = [f for f in out if f.unit == "km2"]
            continue
        q = ("around" if m.group("orso") or _AFTER_ABOUT.match(sentence, m.end())
             else _qualifier(sentence, m.start()))
        # as news desks convert, at 2.59 km² a square mile, to the whole km² ("44,000 square
        # miles" is 113,960; 113,959 at the exact factor): writers 1-59 split between the
        # two (60 annotated conversions agree with the exact factor, 64 with 2.59); writers
        # 84-91 gave 2.59's in 8 of 8
        out.append(Figure(float(round(value * KM2_PER_SQ_MI_PRESS)), "km2", q, m.start(),
                          m.end()))
    fractions = _FRACTION_HINT.search(lowered) is not None  # (every fraction has a hint)
    for m in (_FRACTION.finditer(sentence) if fractions else ()):
        if sentence[max(0, m.start() - 6):m.start()].lower() == "other ":
            continue  # "Luhansk, the other half of Donbas": no figure
        value = round(_FRACTIONS[m.group(1).lower()], 1)
        end = m.end(2) if m.group(2) else m.end(1)  # "a quarter or so" of ...
        q = "around" if m.group(2) else "exact" if m.group(1).lower().startswith("the ") \
            else _qualifier(sentence, m.start())  # "or so"; "hand over the fifth of": no hedge
        out.append(Figure(value, "percent", q, m.start(), end, fraction=True))
    for m in ((*_FRACTION_FROM.finditer(sentence), *_FRACTION_AT.finditer(sentence))
              if fractions else ()):
        out.append(Figure(round(_FRACTIONS[m.group(1).lower()], 1), "percent",
                          _qualifier(sentence, m.start(1)), m.start(1), m.end(1), fraction=True))
    out.sort(key=lambda f: f.start)
    for i, f in enumerate(out):
        if f.unit == "percent" and not f.fraction and (
                lo := _SPOKEN_LOW.search(sentence, max(0, f.start - 40), f.start)) is not None:
            # a speaker's range: "seventy-six, seventy-seven percent", "ninety-five,
            # ninety-six percent", "seventy to seventy-five percent": its middle, "about"
            raw = lo.group(1)
            v = float(raw) if raw.isdigit() else _word_number(raw)
            join = lo.group(2).strip().lower()
            if v is not None and 0 < f.value - v <= (5 if join == "," else 10) and not any(
                    g.end > lo.start(1) and g is not f and g.start < f.start for g in out):
                out[i] = Figure(round((v + f.value) / 2, 1), "percent", "around",
                                lo.start(1), f.end)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if b.qualifier == "exact" and a.qualifier != "exact" and (
                (a.unit == b.unit and _SHARED_HEDGE.fullmatch(sentence, a.end, b.start))
                or (a.unit != b.unit and _RESTATED.fullmatch(sentence, a.end, b.start))):
            # "roughly 73% and 72%": the hedge before the first is the second's too; so
            # for the same ground restated ("approximately 116,800 sq km, or 19.4%")
            out[i] = Figure(b.value, b.unit, a.qualifier, b.start, b.end, b.fraction)
    return tuple(out)


#: Between two figures that share the hedge before the first: "73% and (72%)".
_SHARED_HEDGE = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s*")
#: Between an area and its share (or the reverse), one figure said twice: "(116,800 sq
#: km), or (19.4%)", "(19.4%), i.e. (116,800 km²)".
_RESTATED = re.compile(r"\s*\)?\s*,\s*(?:or|that\s+is|i\.e\.)\s*")


# ------------------------------------------------------------------ places
_SUFFIX = r"(?:\s+(?:region|regions|oblast|oblasts|province|provinces|area))?"
_TRAP_AFTER = led(r"^\s*(?:'s\s+)?(?:nuclear\s+)?(?:power\s+(?:plant|station)|plant|npp|"
                  r"dam|airport|port|residents|governor|mayor|city\s+council|"
                  r"offensive|direction|front|counteroffensive|city|operation)\b", re.I)
_TRAP_BEFORE = led(r"\b(?:residents\s+of|battle\s+(?:of|for)|governor\s+of|mayor\s+of|"
                   r"people\s+of|city\s+of|near|outside|in\s+the\s+city\s+of|"
                   # "(a few villages) on the border with Donetsk region": the ground
                   # is the neighbour's
                   r"border\s+(?:with|from)|"
                   # "within a few kilometres of the border or of Donetsk oblast"
                   r"within\s+(?:a\s+few|several|\d+)\s+(?:kilomet(?:re|er)s?|km|miles?)\s+"
                   r"(?:of|from)(?:\s+the\s+border\s+or(?:\s+of)?)?)\s+(?:the\s+)?$",
                   re.I)
_CRIMEA = ("UA-43", "UA-40")  # "Crimea" is the republic and Sevastopol (report format)
_NOT_PLACES = {"UA-30"}  # "Kyiv" alone is the government, not the city as territory


@functools.lru_cache(maxsize=1)
def _place_pattern() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, ...], bool]]]:
    from geo.boundaries import load_unit_table
    from geo.gazetteer import _EXTRA_VARIANTS, GROUPS

    forms: dict[str, tuple[tuple[str, ...], bool]] = {}
    table = load_unit_table()
    for code, row in table.iterrows():
        if code in _NOT_PLACES:
            continue
        names = [row["name_en"], *str(row.get("variants", "")).split("|"),
                 *_EXTRA_VARIANTS.get(str(code), ())]
        for n in names:
            if n and n.isascii():
                forms.setdefault(n.lower(), ((str(code),), False))
    for name, codes in GROUPS.items():
        if name.isascii():
            forms[name.lower()] = (tuple(codes), True)
    forms["crimea"] = (_CRIMEA, True)
    forms["the crimean peninsula"] = (_CRIMEA, True)
    forms["the peninsula"] = (_CRIMEA, True)  # in this war's news, Crimea
    forms["the whole peninsula"] = forms["the entire peninsula"] = (_CRIMEA, True)
    forms["the four regions"] = (GROUPS["four regions"], True)
    for form in ("four annexed regions", "the four annexed regions", "four annexed oblasts",
                 "the four annexed oblasts", "the four oblasts", "four new regions",
                 "all four regions", "all four oblasts", "all four provinces",
                 "the four new regions",
                 # Moscow's name for them: "the Kiev regime must withdraw its formations from
                 # the new regions of Russia"
                 "the new regions", "the new regions of russia", "russia's new regions",
                 "russia’s new regions", "the new russian regions", "new russian regions",
                 # in Moscow's officials' words: "the territories of our new regions"
                 "our new regions", "our four new regions",
                 "the new regions of the russian federation", "all the new regions",
                 "all four new regions", "the four provinces", "four provinces",
                 # "all four Ukrainian regions it claimed to annex", "Crimea and the same
                 # four regions"
                 "all four ukrainian regions", "the four ukrainian regions",
                 "the same four regions"):
        forms[form] = (GROUPS["four regions"], True)
    for quote in "\"“'‘":
        # 'the "new regions" -- Moscow's term for ...': the name in quotes (the match ends
        # before the closing quote)
        forms[f"the {quote}new regions"] = (GROUPS["four regions"], True)
    # the names as a trie (shared beginnings written once): a flat alternation of some
    # 400 names is tried name by name at every word; the trie reads each letter once
    pattern = led(r"\b(" + _trie_pattern(list(forms)) + r")\b" + _SUFFIX, re.I)
    return pattern, forms


def _trie_pattern(words: list[str]) -> str:
    """One pattern matching each of ``words``, the longest where several begin alike (a
    longer name is tried before the shorter one it starts with)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # the end of a word

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def places(sentence: str) -> list[Place]:
    """Territorial place mentions of ``sentence`` (facilities, residents, battles left out);
    a new list each call."""
    return list(_places(sentence))


def place_at(sentence: str, start: int) -> Place | None:
    """The place whose name begins at ``start`` of ``sentence`` (the words around it not
    checked: "the Donetsk front" is Donetsk here), or None."""
    pattern, forms = _place_pattern()
    m = pattern.match(sentence, start)
    if m is None:
        return None
    codes, group = forms[m.group(1).lower()]
    return Place(codes, m.start(), m.end(), m.group(0), group)


@functools.lru_cache(maxsize=8192)
def _places(sentence: str) -> tuple[Place, ...]:
    pattern, forms = _place_pattern()
    out: list[Place] = []
    for m in pattern.finditer(sentence):
        codes, group = forms[m.group(1).lower()]
        if _TRAP_AFTER.match(sentence[m.end():]) or (
                _TRAP_BEFORE.search(sentence[:m.start()])
                # "the city of Sevastopol" is a unit of its own
                and not (codes == ("UA-40",) and sentence[:m.start()].lower().rstrip().endswith(
                    "city of"))):
            continue
        out.append(Place(codes, m.start(), m.end(), m.group(0), group))
    if ("Kyiv, " in sentence or "Kiev, " in sentence) and (kyiv := _KYIV_IN_LIST.search(sentence)):
        # "Kyiv, Chernihiv and Sumy regions": the region of Kyiv, in a list of regions
        out.append(Place(("UA-32",), kyiv.start(), kyiv.end(), kyiv.group(0), False))
        out.sort(key=lambda p: p.start)
    return tuple(out)


#: "Kyiv" first in a list of places that ends on "regions" or "oblasts".
_KYIV_IN_LIST = re.compile(r"\b(?:Kyiv|Kiev)(?=,\s+(?:[A-Z][\w'’-]+,\s+)*[A-Z][\w'’-]+,?\s+and\s+"
                           r"[A-Z][\w'’-]+\s+(?:regions|oblasts|provinces)\b)")


#: An official's title around a place: "the governor of Zaporizhzhia", "Kherson governor".
_TITLE_BEFORE = re.compile(r"\b(?:governor|head|mayor|administration|authorities)\s+of\s+"
                           r"(?:the\s+)?$", re.I)
_TITLE_AFTER = re.compile(r"^\s*(?:region(?:al)?\s+|oblast\s+)?(?:governor|head|administration)\b",
                          re.I)


def titled_places(sentence: str) -> list[Place]:
    """The places of ``sentence`` named in an official's title ("the governor of
    Zaporizhzhia", "Zaporozhye Region Governor"): no ground spoken of, but the unit "the
    region" after them refers to."""
    pattern, forms = _place_pattern()
    out: list[Place] = []
    low = sentence.lower()
    if not ("governor" in low or "head" in low or "mayor" in low or "administration" in low
            or "authorities" in low):
        return out
    for m in pattern.finditer(sentence):
        if _TITLE_AFTER.match(sentence[m.end():]) or _TITLE_BEFORE.search(sentence[:m.start()]):
            codes, group = forms[m.group(1).lower()]
            out.append(Place(codes, m.start(), m.end(), m.group(0), group))
    return out


# "of Ukraine's" is the country only before its land or nothing: "a fifth of Ukraine's
# electricity" is not ground
#: Words between "Ukraine's" and its territory: "internationally recognised", "sovereign".
_TERRITORY_ADJ = (r"(?:(?:internationally\s+recogni[sz]ed|sovereign|whole|entire|total|"
                  r"pre-war|pre-2014|former)\s+)?")
_COUNTRY = led(
    r"\b(?:(?:of\s+|from\s+)?(?:the\s+)?(?:whole\s+|entire\s+)?" + _TERRITORY_ADJ +
    r"(?:territory|land|landmass)\s+of\s+Ukraine\b|"
    r"(?:of\s+(?:the\s+)?)?Ukraine(?:'s|’s)\s+" + _TERRITORY_ADJ +
    r"(?:territory|land(?:mass)?|soil)\b|"
    r"of\s+(?:the\s+)?Ukraine(?:(?:'s|’s)(?!\s+[A-Za-z])|(?!['’]))\b|"
    r"of\s+(?:the\s+)?country(?:(?:'s|’s)\s+" + _TERRITORY_ADJ + r"territory\b|(?!['’]))|"
    r"(?:of\s+(?:the\s+)?)?Ukrainian\s+" + _TERRITORY_ADJ + r"(?:territory|land)\b|"
    r"of\s+UA\s+territory\b|"
    # "RU-held: 113,500 km² (18.8% of UA)": the country's code
    r"(?-i:of\s+UA)\b(?![-‐])|"
    # "(Russia holds 19 %) of our land", "of the Ukrainian state territory"
    r"of\s+our\s+(?:land|territory|country|state|homeland)\b|"
    # "(a fifth) of my country" (said of the country occupied), "of its own country"
    # (said of Ukraine), "of the territory of the former Ukrainian SSR"
    r"of\s+(?:my|its\s+own|this|his|her)\s+country\b|"
    # "(Russia occupies a fifth) of a sovereign European country"
    r"of\s+a\s+(?:sovereign\s+|European\s+|neighbouring\s+|independent\s+)+country\b|"
    r"of\s+(?:the\s+)?(?:territory\s+of\s+the\s+)?former\s+Ukrainian\s+SSR\b|"
    r"of\s+the\s+Ukrainian\s+state(?:\s+territory)?\b|"
    # a statistical bulletin's "(about 17.9%) of the territory of the state"
    r"of\s+the\s+(?:total\s+)?territory\s+of\s+the\s+state\b|"
    # "(Russian forces control 18%) of the territory Kiev claims as its own"
    r"of\s+the\s+territory\s+(?:that\s+)?(?:Kiev|Kyiv|Ukraine)\s+(?:claims|considers)\s+"
    r"(?:as\s+)?its\s+own\b|"
    # "(Ukraine holds 81 %) of its internationally recognised territory"
    r"of\s+(?:its|the\s+country(?:'s|’s)|(?:their|our)\s+country(?:'s|’s))\s+"
    r"internationally\s+recogni[sz]ed\s+territory\b)",
    re.I)


def countries(sentence: str) -> list[tuple[int, int]]:
    """Spans of mentions of the whole of Ukraine ("of Ukraine", "Ukraine's territory")."""
    return list(_countries(sentence))


@functools.lru_cache(maxsize=8192)
def _countries(sentence: str) -> tuple[tuple[int, int], ...]:
    if not _COUNTRY_WORD.search(sentence):
        return ()  # a word each form of the pattern has, looked for first
    found = [(m.start(), m.end()) for m in _COUNTRY.finditer(sentence)]
    if "its" in sentence and "Ukraine" in sentence and not places(sentence):
        # "Russian forces control 108,310 km² of Ukraine, or 17.94% of its territory": no
        # region named, so "its" is the country's
        found += [(m.start(), m.end()) for m in _ITS_TERRITORY.finditer(sentence)]
    return tuple(sorted(found))


_COUNTRY_WORD = led(r"krain|country|our\s|UA\b|SSR|its\s+own|the\s+state\b", re.I)
_ITS_TERRITORY = re.compile(r"\bof\s+its\s+(?:total\s+|entire\s+|whole\s+)?territory\b", re.I)


_ACTOR = led(r"\b(Russia(?:n|ns)?|Moscow|(?:the\s+)?Kremlin|Putin|occupiers?|invaders?|"
             r"rashists?|ruscists?|"
             r"(?:the\s+)?aggressor|(?-i:RU)|(?-i:UA)|Ukrain(?:e|ian|ians)|"
             r"Kyiv|Kiev|Zelensk(?:y|yy|iy)|U\.S\.|US|United\s+States|Washington|"
             r"Trump|American|(?:the\s+)?White\s+House|"
             # a US readout's "The Secretary" (not the UN's Secretary-General)
             r"(?-i:[Tt]he\s+Secretary)(?![\s-]*(?:General|of\s+the\s+Security))|"
             # Ukraine's forces by their own names: "the Defence Forces", "the AFU"
             r"Defen[cs]e\s+Forces(?:\s+of\s+Ukraine)?|Armed\s+Forces\s+of\s+Ukraine|"
             # a UN report's "under the control of the Government of Ukraine"
             r"(?-i:Government)\s+of\s+Ukraine|"
             r"armed\s+forces\s+of\s+the\s+Russian\s+Federation|"
             r"(?-i:AFU|ZSU))(?:'s|’s)?(?!\w|\.\w)", re.I)
_US = ("u.s.", "us", "united", "washington", "trump", "american", "the secretary", "white",
       "the white")


#: After the ground a verb of leaving or cession names: the side that demanded it ("(if
#: Kyiv were to pull its troops out of the rest of Donetsk), as Moscow has demanded").
AS_DEMANDED = re.compile(
    r"(?:\s+(?:regions?|oblasts?|provinces?))?\s*,\s+as\s+(?P<side>Moscow|Russia|the\s+Kremlin|"
    r"Putin|Kyiv|Ukraine|Zelensk[iy]y?|Washington|the\s+(?:United\s+States|US|U\.S\.)|Trump)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:long\s+|repeatedly\s+|always\s+)?(?:demanded|demands|wants|"
    r"wanted|insisted|insists|asked|asks)\b", re.I)


#: After a city in capitals that opens a sentence: a dateline's date or agency.
_DATELINE_AFTER = re.compile(r"(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}"
                             r"|[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]+day\b)"
                             r"|\s*\((?:[A-Z][\w .&-]{1,30})\)|\s+[—–-]\s)")


#: Right before "Ukraine": the war or a peace in it ("a ceasefire in (Ukraine)").
_WAR_IN_BEFORE = led(r"\b(?:war|ceasefire|cease-fire|truce|peace|conflict|fighting|"
                     r"settlement|hostilities|invasion|aggression)\s+(?:in|on|against)\s+$",
                     re.I)
#: Between a possessive and its place: a direction ("Ukraine's southern (Kherson region)").
_DIRECTION_WORD = re.compile(r"\s+(?:southern|northern|eastern|western|south-?eastern|"
                             r"north-?eastern|south-?western|north-?western|border|occupied)\s+",
                             re.I)


def actors(sentence: str, *, skip: list[tuple[int, int]]) -> list[Actor]:
    """Mentions of a side, except inside the spans ``skip`` (places, "of Ukraine") and
    a possessive before a place ("Russia's Kursk region": whose region, not who acts)."""
    out: list[Actor] = []
    for m in _ACTOR.finditer(sentence):
        if any(a <= m.start() < b for a, b in skip):
            continue
        if m.group(0).lower().endswith(("'s", "’s")) and any(
                0 <= a - m.end() <= 2 or (0 <= a - m.end() <= 20 and _DIRECTION_WORD.fullmatch(
                    sentence, m.end(), a)) for a, _b in skip):
            continue  # "Ukraine's (southern) Kherson region": whose region
        word = m.group(1).lower()
        if word == "us" and m.group(1) != "US":
            continue  # "us", the pronoun
        if sentence.startswith("-", m.end()) and re.match(
                r"-(?:mediated|brokered|hosted|sponsored|facilitated|based)\b",
                sentence[m.end():]):
            continue  # "US-mediated talks", "the Kyiv-based project": not who acts
        if word == "ukraine" and _WAR_IN_BEFORE.search(sentence, max(0, m.start() - 30),
                                                       m.start()):
            continue  # "a ceasefire in Ukraine", "the war in Ukraine": the country, no side
        if m.group(1).isupper() and len(m.group(1)) > 2 and _DATELINE_AFTER.match(
                sentence, m.end()) and not sentence[:m.start()].strip(" \t\n*•-—–"):
            continue  # "KYIV, June 2 (Obriy) —", "MOSCOW (Reuters) -": a dateline's city
        side = ("RU" if word.startswith(("russia", "moscow", "kremlin", "the kremlin", "putin",
                                         "occupier", "invader", "aggressor", "the aggressor",
                                         "rashist", "ruscist", "ru"))
                or word.endswith("russian federation")
                else "US" if word.startswith(_US) else "UA")
        out.append(Actor(side, m.start(), m.end()))
    return out


@functools.lru_cache(maxsize=1)
def official_areas() -> dict[str, float]:
    """Official area (km²) of every unit, and of Ukraine as ``UA``."""
    from geo.boundaries import load_unit_table

    table = load_unit_table()
    areas = {str(k): float(v) for k, v in table["official_area_km2"].items()}
    areas["UA"] = sum(a for k, a in areas.items() if k.startswith("UA-"))
    return areas
