"""Whether the text asserts a claim it states: what the annotation convention
(``docs/claim-annotation.md``) says is not a claim, read from the words around it.

A control claim is dropped when, in its sentence, it comes after a denial ("denied that
Russian troops control half of ..."), a question ("a reader asks whether ..."), or a
label that calls it a myth or a false claim ("MYTH:", "CLAIM 1:", "❌"); when the
sentence reports it and this or the next sentence calls it false ("... This is false.");
when its sentence is a hypothetical ("under this scenario ... would rise to"); and any
claim when its sentence reports a poll's answers ("81% said no"). The control claim
nearest a past time ("at the height of the incursion, 1,300 km²", "before February 2022",
"when Russian forces held ...", "Last August we held", "a year earlier"; a part "seized in
2014") is kept, marked ``status: past`` (:func:`mark_past`),
unless a word of the present is nearer it: a draft keeps it as a note, not checked
against the article's day, and it is not a claim (:attr:`ExtractedClaim.is_claim`). These
patterns are also what the learned reader skips (:func:`not_a_holding`). A denial
reaches to the end of its clause (a line, a bar, a semicolon or a dash ends it).
Demands and offers after a denial stay: "Kyiv rejected Moscow's demand that it withdraw
from Donetsk" still reports the demand. Offsets are characters into the sentence.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import replace

from geo.extract.lexicon import AS_DEMANDED, Figure, figures, places
from geo.extract.model import ExtractedClaim
from geo.extract.patterns import led
from geo.extract.text import MONTHS, Sentence

__all__ = ["asserted", "mark_past", "OF_EARLIER", "mark_dated_lines", "rated_false", "DENIAL",
           "PAST_PEAK",
           "POLL", "POLL_ANSWER",
           "GAIN_TIME",
           "OTHER_MEASURE", "UNITS_SIZE", "region_size", "not_a_holding", "past_times",
           "checked_false"]


#: A denial, a rejection, a question about it: what follows is not asserted.
DENIAL = led(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?(?:\s+as\s+\W?\w+\W?)?|"
              r"dismiss(?:es|ed|ing)?|refut(?:es|ed|ing)|debunk\w*|disput(?:es|ed|ing)|"
              r"rubbish(?:es|ed|ing)?|"
              # "called it \"categorically untrue\" that Russian forces hold half of"
              r"call(?:s|ed|ing)?\s+it\s+[\"“]?(?:(?:categorically|completely|totally|"
              r"simply|patently)\s+)?(?:untrue|false|a\s+lie|fake|nonsense|baseless)"
              r"[\"”]?\s+that|"
              r"asks?\s+whether|asked\s+whether|wonders?\s+whether|is\s+it\s+true\s+(?:that\s+)?|"
              # "Ukrainian public pages are spreading the claim that the AFU ..."
              r"spread(?:s|ing)?\s+(?:the|a)\s+(?:claim|story|rumou?r|narrative)\s+that|"
              # what a post or map claims, passed on: "A map claiming that Russian
              # forces control half of the Kharkiv region has been shared ..."
              r"\b(?:maps?|videos?|posts?|images?|graphics?|memes?)\s+(?:claiming|"
              r"suggesting|purporting)|"
              # a correction: "An earlier version of this column stated that ..."
              r"earlier\s+version\s+of\s+this\s+[\w-]+\s+(?:[\w-]+\s+)?(?:stated|said|"
              r"reported|"
              r"described|gave|put)|(?:incorrectly|wrongly|mistakenly|erroneously)\s+"
              r"(?:stated|said|reported|described|gave|put)|"
              # "Posts falsely claim Russia controls 40% of Ukraine"
              r"falsely\s+(?:claim(?:s|ed|ing)?|say(?:s|ing)?|said|state[sd]?|report(?:s|ed)?|"
              r"suggest(?:s|ed)?|assert(?:s|ed)?)|"
              # "The occupiers are again spreading a fake that 'three-quarters of ...'"
              r"(?<=\s)(?:fake|hoax|falsehood|canard)\s+that)"
              r"\b", re.I)
#: The words every :data:`DENIAL` match has (lower case), looked for first.
_DENIAL_WORDS = ("den", "reject", "call", "dismiss", "refut", "debunk", "disput", "rubbish",
                 "whether", "spread",
                 "true", "claiming", "suggesting", "purporting", "earlier",
                 "incorrectly", "wrongly", "mistakenly", "erroneously", "falsely", "fake",
                 "hoax", "falsehood", "canard")
#: A label calling what follows a myth or a claim under check.
_LABEL = led(r"\bMYTH\b|\bCLAIM\s*\d*\s*:|❌|\bmyth\s*:|\btrue\s+or\s+false\b|"
             # a live page's correction: "An earlier entry (17:15) said Putin had ..."
             # a newsletter's correction: "Yesterday's edition said Russian forces ..."
             r"\b(?:yesterday|last\s+week|monday|tuesday|wednesday|thursday|friday|"
             r"saturday|sunday)['’]s\s+(?:edition|newsletter|episode|issue|bulletin|briefing|"
             r"update)\s+(?:wrongly\s+|incorrectly\s+|mistakenly\s+)?(?:said|stated|"
             r"reported|gave|put)\b|"
             r"\bearlier\s+(?:entry|post|update|item|version\s+of\s+this\s+(?:entry|"
             r"post|update|item|story|article))\s+(?:\([^)]{1,20}\)\s+)?(?:wrongly\s+|"
             r"incorrectly\s+|mistakenly\s+)?(?:said|stated|reported|wrote|claimed)\b|"
             # a fact-checker's heading: "FAKE: 'The Russian army controls half ...'"
             r"^\W*(?-i:FAKE|FALSE|DISINFORMATION|DEBUNKED)\s*[:!—–-]|^\W*(?-i:Fake|False)\s*:|"
             # "A common error is to write that Russia has demanded Kharkiv"
             r"\b(?:error|mistake|misconception|myth)\s+is\s+to\s+(?:write|say|claim|"
             r"think|assume|believe)\s+that\b", re.I)
#: The words every :data:`_LABEL` match has (lower case), looked for first.
_LABEL_WORDS = ("myth", "claim", "❌", "true or false", "earlier", "fake", "false",
                "disinformation", "debunked", "error", "mistake", "misconception", "edition",
                "newsletter", "episode", "issue", "bulletin", "briefing", "update")
#: The looks for those words, one pattern each (a plain substring search, in C).
_DENIAL_LOOK = led("|".join(re.escape(w) for w in _DENIAL_WORDS))
_LABEL_LOOK = led("|".join(re.escape(w) for w in _LABEL_WORDS))
#: A past time: the claim nearest it is about then, kept (writers 1-11 recorded such
#: figures, with ``status: earlier``), marked ``status: past`` so that a draft keeps it as a
#: note, never checked against the map of the article's day.
PAST_PEAK = led(r"\b(?:peak(?:ed|s)?|at\s+(?:its|their|the)\s+(?:height|peak)"
                # "at the height of the incursion held some 1,300 km²"
                r"(?:\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:incursion|"
                r"invasion|offensive|advance|war|occupation|operation))?|"
                # "on the eve of the full-scale invasion Russia and its proxies held"
                r"on\s+the\s+eve\s+of\s+(?:the\s+)?(?:full-scale\s+)?(?:invasion|war)|"
                # "before the 24th of February, Russia and its proxies held", "Before
                # the Ukrainian counter-offensive of September 2022, ... had been"
                r"\bbefore\s+(?:the\s+)?(?:24(?:th)?\s+(?:of\s+)?February|February\s+24(?:th)?)"
                r"\b|\bbefore\s+(?:the\s+)?(?:Ukrainian\s+|Ukraine['’]s\s+)?counter-?offensive\s+"
                r"(?:of|in)\s+(?:(?:late|early|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?20(?:2[2-4])\b|"
                # "the area of Kursk region then under their control"
                r"\bthen\s+(?:still\s+)?under\s+(?:their|its|Ukrainian|Russian|Kyiv['’]s|"
                r"Moscow['’]s)\s+(?:control|occupation)|"
                # "The Russian occupation of Chernihiv Oblast lasted from 24 February"
                r"lasted\s+(?:from|until|till|for)|"
                # "Russia did briefly occupy more than a quarter of the country"
                r"briefly\s+(?:occup(?:y|ied)|h[eo]ld|control(?:led)?|seized?)|"
                # "At the start of the year the figure was 113,100 km²", "By the end
                # of that year ... the share was about 55%"
                # (not "By the end of the year, Russian forces controlled ...": a
                # year-end review's now)
                r"(?:at\s+the\s+(?:start|beginning|end)|by\s+the\s+(?:start|beginning))\s+of\s+"
                r"(?:the|that|last)\s+year(?=[^.;]{0,60}\b(?:was|were|stood|had\s+been|held|"
                r"controlled|occupied)\b)|by\s+the\s+end\s+of\s+(?:that|last)\s+year"
                r"(?=[^.;]{0,60}\b(?:was|were|stood|had\s+been|held|controlled|occupied)\b)|"
                # "At the end of 2023 the figure was 107,980 km²", "The end-2023 share
                # of Donetsk oblast is unchanged at 56.2%"
                r"(?:at|by)\s+the\s+(?:start|beginning|end)\s+of\s+20(?:1\d|2[0-4])\b"
                r"(?=[^.;]{0,60}\b(?:was|were|stood|had\s+been)\b)|"
                # (not "has controlled ... since mid-2022": a span up to now)
                r"(?<!since\s)\b(?:end|mid|start)-20(?:1\d|2[0-4])\b|"
                # "Russian forces held parts of the region until November 2022"
                r"(?<=held\s)(?:[\w-]+\s+){0,6}?until\s+(?:(?:early|late|mid-?)\s*)?"
                r"(?:(?:January|February|March|April|May|June|July|August|September|"
                r"October|November|December)\s+)?20(?:1\d|2[0-3])\b|"
                # "(the 'LPR',) which held about a third of the region until Russia's
                # full-scale invasion"
                r"(?<=held\s)(?:[\w-]+\s+){0,8}?until\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?"
                r"(?:full-scale\s+)?(?:invasion|counter-?offensive|withdrawal|retreat)\b|"
                # "the share of the country Moscow held at the start of 2024"
                r"(?<=held\s)at\s+the\s+(?:start|beginning|end)\s+of\s+20\d\d\b|"
                # a timeline's "On day 100, Zelensky said Russia controlled ...", "For
                # the period from 2015 to February 2022, ... holding about 43,000 km²"
                r"\bon\s+day\s+\d+\b|for\s+the\s+period\s+(?:from\s+)?20(?:0\d|1\d|2[0-2])\b|"
                # "At this point they held about 27 per cent": a narrative's then
                r"at\s+this\s+(?:point|stage)(?=,?\s+(?:[\w'’-]+\s+){0,4}?(?:held|"
                r"controlled|occupied)\b)|"
                # "Before the February 2022 invasion, Russia ... held about 7%"
                r"before\s+the\s+(?:(?:February|Feb\.?)\s+)?(?:2022\s+)?(?:full[\s-]scale\s+)?"
                r"invasion|"
                # "Between 2014 and February 2022, Russia's proxy forces held ..."
                r"between\s+20(?:0\d|1\d|2[0-2])\s+and\s+(?:(?:early|late|mid-?)\s*)?"
                r"(?:(?:January|February|March|April|May|June|July|August|September|"
                r"October|November|December)\s+)?20(?:1\d|2[0-2])\b|"
                # "when Russian troops did hold a much larger part of Kharkiv region"
                r"\bdid\s+(?:once\s+|then\s+)?(?:hold|control|occupy)\b|"
                r"high-water\s+mark|at\s+(?:one|that)\s+point|at\s+(?:that|the)\s+time|"
                # "In the first weeks of the full-scale invasion, Russia held much more"
                r"in\s+the\s+(?:first|opening)\s+(?:days|weeks|months)\s+of\s+the\s+"
                r"(?:full-scale\s+)?(?:invasion|war)|"
                # "Before 24 February, Russia and its proxies held ...", "Before 2022, ..."
                r"before\s+(?:24\s+Feb(?:ruary|\.)?|Feb(?:ruary|\.)?\s+24)(?!,?\s+20)|"
                # "held about 7% of Ukraine ... before it launched its full-scale
                # invasion in February 2022"
                r"before\s+(?:it|Russia|Moscow|the\s+Kremlin|Putin)\s+(?:launched|began|"
                r"started|ordered)\s+(?:its|the|his)?\s*(?:full[\s-]scale\s+)?invasion|"
                r"(?<![\w,]\s)before\s+20(?:1\d|2[0-2])(?=\s*,)|"
                # a past perfect: "Until then, the entire region had been under Russian
                # control"
                r"had\s+(?:(?:long|previously|once)\s+)?(?:been\s+(?:under|in)\s+(?:Russian|"
                r"Ukrainian)|held|controlled|occupied)|"
                # "In the morning hours of 24 February 2022, Russia already held ..."
                r"(?<!since\s)(?<!from\s)\b(?:24\s+February|February\s+24,?)\s+2022|"
                r"back\s+then|remember\s+when|"
                # "areas of Kherson then under Russian control", "then held by"
                r"(?<!since\s)(?<!and\s)\bthen\s+(?:under\s+(?:Russian|Ukrainian|"
                r"(?:the\s+)?(?:enemy|occupation|control))|held\s+by|occupied\s+by|"
                r"controlled\s+by)|"
                # "At the start of the special military operation, the LPR held ..."
                r"at\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the\s+)?(?:special\s+"
                r"military\s+operation|SMO|full-scale\s+invasion|invasion|war)|"
                # "was under Russian control from early March to November 2022": a
                # span that has ended
                r"from\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|"
                r"June|July|August|September|October|November|December)(?:\s+20\d\d)?\s+"
                r"(?:to|until|till|through)\s+(?:(?:early|late|mid-?)\s*)?(?:January|"
                r"February|March|April|May|June|July|August|September|October|November|"
                r"December)\s+20\d\d|"
                r"(?:its|their|the)\s+(?:furthest|farthest|greatest|fullest|maximum)\s+"
                r"extent|"
                r"an\s+earlier\s+(?:version|figure)|high\s+point|"
                # "At the lowest point, in late 2022, Russian forces held ..."
                r"at\s+(?:its|their|the)\s+lowest(?:\s+(?:point|ebb))?|"
                # "before the start of the special military operation (we held ...)"
                r"before\s+(?:the\s+(?:start|beginning|launch|outbreak)\s+of\s+)?"
                r"the\s+(?:special\s+military\s+operation|SMO)\b|"
                # a time before the full-scale invasion, or a "when" of the past
                r"before\s+(?:Russia['’]s\s+|Moscow['’]s\s+)(?:full-scale\s+)?(?:invasion|war)|"
                r"before\s+(?:(?:24\s+)?February\s+(?:24,?\s+)?2022|the\s+(?:full-scale\s+)?"
                r"invasion|the\s+(?:full-scale\s+)?war)|between\s+2014\s+and\s+2022|"
                # "Before the autumn counteroffensive, Russia occupied ...": an event
                # long past, its holdings then's
                r"before\s+(?:the\s+|Ukraine['’]s\s+|Kyiv['’]s\s+)(?:[\w-]+\s+){0,2}?"
                r"(?:counter-?offensive|offensive|retreat|withdrawal|liberation|"
                r"incursion)\b(?=[^.;]{0,30},\s+(?:[\w'’-]+\s+){0,5}?(?:held|occupied|controlled))|"
                # "Before the counteroffensive began on 6 September it held about a third"
                r"before\s+(?:the\s+|Ukraine['’]s\s+|Kyiv['’]s\s+)(?:[\w-]+\s+){0,2}?"
                r"(?:counter-?offensive|offensive|retreat|withdrawal|incursion)\s+(?:began|"
                r"started)\b(?=[^.;]{0,40}?\b(?:held|occupied|controlled)\b)|"
                r"when\s+(?:[\w'’-]+\s+){1,7}?(?:held|occupied|controlled)|"
                # "When the special military operation began, our republic held ..."
                r"when\s+the\s+(?:special\s+military\s+operation|(?:full-scale\s+)?"
                r"invasion|war)\s+(?:began|started)|"

                # "and for several months held more than 1,000 km²": a span now over
                r"for\s+(?:several|a\s+few|some|many|two|three|four|five|six|\d+)\s+"
                r"(?:weeks|months)\s+(?:(?:it|they|he|she)\s+)?(?:held|occupied|"
                r"controlled))\b", re.I)
#: A dated past and a verb in the past: "Last August we held", "in March 2024 Russian
#: troops occupied"; an earlier time: "up from 72 % a year earlier", "Two years ago Russia
#: held ~60 %" (searched only where its words are: :func:`past_times`).
_DATED_PAST = led(
    r"\b(?:(?:last|in|until|till|by|by\s+the\s+end\s+of)\s+(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December|spring|summer|"
    r"autumn|fall|winter)(?:(?:\s*[-–]\s*|\s+(?:and|to)\s+)(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December))?(?:\s+(?:of\s+)?20\d\d|\s+of\s+(?:that|"
    r"the\s+same)\s+year)?,?\s+"
    # "In the spring of 2022, before Ukraine's counteroffensive, they held most of it"
    r"(?:(?!that\b)[\w'’%.-]+,?\s+){0,12}?"
    r"(?:held|holding|occupied|controlled|had\s+(?:held|taken|seized|captured)|(?:was|were)\s+"
    r"(?:under\s+(?:occupation|(?:russian|ukrainian)\s+control)|occupied|in\s+(?:russian|"
    r"ukrainian)\s+hands|present\s+(?:on|in))))\b|"
    # "At the end of March 2022, before the enemy withdrew from Kyiv, ..., Russian troops
    # held about 27%" (a month of a year long past; "At the end of December, Russia held"
    # is the latest figure)
    r"\bat\s+the\s+(?:end|start|beginning)\s+of\s+(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\s+20(?:1\d|2[0-3]),?\s+"
    r"(?:(?!that\b)[\w'’%.-]+,?\s+){0,12}?(?:held|occupied|controlled)\b|"
    # "In 2022 they held almost a third of the region", "In 2014, Moscow-backed separatists
    # seized parts of both regions", "Until 2022 they controlled about a third"
    # ("by the end of 2025", in an article of early 2026, is the latest figure: only an
    # end long past)
    # ("In April 2014 Russian-backed armed groups took control of parts of ...")
    r"\b(?:(?:in|until|till|at\s+the\s+(?:start|beginning)\s+of)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?20[12]\d|(?:by|at)\s+the\s+end\s+of\s+"
    r"20(?:1\d|2[0-4])),?\s+"
    # "At the start of 2025 analysts assessed that Russian forces held about two-thirds"
    r"(?:(?!that\b|since\b)[\w'’-]+\s+){0,5}?(?:(?:assessed|estimated|reckoned|said)\s+that\s+"
    r"(?:[\w'’-]+\s+){1,3}?)?(?:held|occupied|controlled|"
    # "In 2015, the Minsk agreements left roughly a third of the Donbas in Russian hands"
    r"left(?=\s+[^.;]{0,60}?\bin\s+(?:Russian|Ukrainian|Moscow['’]s|Kyiv['’]s)\s+hands)|"
    r"seized|captured|took|grabbed|could\s+(?:only\s+)?(?:hold|control))\b|"
    # "the parts of the Chernihiv region under Russian occupation in mid-March 2022"
    r"\bunder\s+(?:Russian|Ukrainian)\s+(?:occupation|control)\s+in\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?20(?:1\d|2[0-3])\b|"
    # "They held parts of Chernihiv and Kyiv regions in 2022 too, and they left."
    r"\b(?:held|occupied|controlled)\s+(?:(?!since\b)[\w'’%.,-]+\s+){1,8}?(?:in|(?:at|by)\s+the\s+"
    r"(?:start|beginning|end)\s+of)\s+(?:(?:early|late|spring|"
    r"summer|autumn|winter|March|April)\s+(?:of\s+)?)?20(?:1\d|2[0-3])\b(?!\s*[-–]\s*20)|"
    # "Before the regrouping, Russian troops held almost the entire region"
    r"(?:^\W*|[;:]\s+)before\s+(?:the\s+|its\s+|their\s+|this\s+|that\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"[\w'’-]+,\s+(?:(?!that\b)[\w'’-]+\s+){1,5}?(?:held|occupied|controlled|had\s+(?:held|"
    r"taken))\b|"
    # (not behind the \b above: "- A year earlier" opens on a bullet)
    r"(?:\bfrom\s+[^,;]{1,30}?\s+|^\W*|,\s+)(?:a|one|two|three|four|five|six|nine|twelve|"
    r"eighteen|\d+)\s+(?:years?|months?)\s+"
    r"(?:ago|earlier|before)\b", re.I)
_DATED_WORDS = led(r"held|holding|occupied|controlled|\bhad\b|\bago\b|earlier|before|"
                   r"\bleft\b|could\s|seized|captured|\btook\b|grabbed|\b(?:was|were)\s+(?:under|"
                   r"occupied|present|in\s+(?:Russian|Ukrainian|russian|ukrainian)\s)|"
                   r"(?:occupation|control)\s+in\s")


def past_times(text: str) -> list[re.Match[str]]:
    """The past times of sentence ``text`` (:data:`PAST_PEAK`, and a dated past), in
    text order."""
    found = list(PAST_PEAK.finditer(text))
    if _DATED_WORDS.search(text):
        # not a time something has lasted since ("Since a cross-border push in May 2024,
        # Russian troops have held pockets of ...": held now)
        found = sorted(found + [m for m in _DATED_PAST.finditer(text) if not (
            "ince " in text and _SINCE_BEFORE.search(text, max(0, m.start() - 60), m.start()))],
                       key=lambda m: m.start())
    return found


#: Before a dated past: it is when a holding began ("Since a cross-border push (in May").
_SINCE_BEFORE = re.compile(r"\bsince\b[^,;.]*$", re.I)


#: A hypothetical: not what is held now.
_HYPOTHETICAL = led(r"\b(?:(?:under\s+(?:this|that|the|such\s+a)\s+)?scenario|would\s+"
                    r"(?:rise|grow|fall|shrink|increase|reach|climb|drop)\s+to|"
                    # "Russia would then hold the whole of Donbas", "would need until
                    # 2027 to capture all of Donetsk"
                    # "Had Kiev signed ..., it would today still control Kherson"
                    r"would\s+(?:(?:then|still|now|today|by\s+now)\s+){0,2}(?:hold|"
                    r"control|sit\s+on|retain|occupy|be\s+left\s+(?:with|holding))|"
                    r"would\s+(?:then|still|now)\s+have|"
                    r"would\s+need\b[^.;]{0,60}?\bto\s+(?:capture|take|seize|occupy)|"
                    # "Russia would end up holding just over a fifth of Ukraine"
                    r"would\s+end\s+up\s+(?:holding|controlling|occupying|with)|"
                    # "A third of Ukraine would be more than 200,000 square kilometers"
                    r"would\s+(?:be|amount\s+to|equal|cover)\s+(?:more|less|over|under|"
                    r"about|roughly|around|some|nearly|almost|close|well|just|\d))\b",
                    re.I)
#: A sentence about what might be or might have been: its demands and offers too.
_SUPPOSED = led(r"\b(?:in\s+(?:this|that|such\s+a|the\s+(?:first|second|third|worst|"
                r"best))\s+scenario|(?:might|could|would)\s+(?:then\s+)?have\s+been\s+(?:forced|"
                r"pressed|obliged)|speculat(?:ed|es|e|ing)\s+that|"
                # "Suppose Kyiv agreed to cede the Donbas", "What if Moscow offered"
                r"^\W*(?:\d{1,2}[.)]\s*)?(?:suppose|supposing|imagine|what\s+if)|"
                # "General, what if Ukraine had to give up Zaporizhzhia as part of a deal?"
                r"^(?:[^,.;:?]{1,40}[,:]\s+){1,2}what\s+if\b|"
                # "If Kyiv were to accept Moscow's memorandum, it would have to abandon"
                r"\bif\s+(?:[\w'’-]+\s+){1,4}?were\s+to\b|"
                # "the question of whether Kyiv would ever agree to leave Donetsk"
                r"\bwhether\s+(?:[\w'’-]+\s+){1,4}?(?:would|will|could|might|can)\s+"
                r"(?:ever\s+|really\s+)?(?:agree|accept|offer|consent|be\s+(?:ready|"
                r"willing|prepared))|"
                # "Ukraine should offer to pull back ...": advice, no side's offer
                r"(?:should|ought\s+to)\s+(?:now\s+|simply\s+)?offer|"
                # "Kyiv could offer to hand back Kursk": a possibility, no offer
                r"(?:could|might)\s+(?:(?:then|also|perhaps|in\s+theory)\s+)?offer|"
                # "Kyiv was hoping Moscow would pull its best units out of the Donbas"
                r"hop(?:ed|ing|es)\s+(?:that\s+)?(?:[\w'’-]+\s+){1,3}?would)\b", re.I)
#: "There was no suggestion that", "no sign that": what follows is not said to be so.
_NO_SIGN = led(r"\bno\s+(?:suggestion|sign|indication|hint)\s+(?:yet\s+)?that\b", re.I)
#: A holding projected into the future: "could control up to 80% of Donetsk by the summer",
#: "might hold all of it within a year" (a modal and a time to come).
_PROJECTED = re.compile(r"\b(?:could|might)\s+(?:soon\s+|then\s+|eventually\s+)?(?:hold|control|"
                        # "Russian troops could liberate the whole of Donbass by the end of
                        # the year"
                        r"occupy|have|liberate|capture|seize|take)\b[^.;]{0,80}?\b(?:by\s+(?:the\s+)?(?:end\s+of|summer|spring|"
                        r"autumn|winter|year-end|next|20\d\d|(?:mid|early|late)-?\s?20\d\d|"
                        r"January|February|March|April|May|June|"
                        r"July|August|September|October|November|December)|within\s+(?:a|the\s+"
                        r"next|\d+|two|three|six)\s|next\s+(?:year|month|spring|summer))", re.I)
#: After a claim's place: the speaker takes it back ("-- sorry, Kherson", ", I mean Sumy").
_PLACE_CORRECTED = re.compile(r"(?:\s+(?:region|oblast|province))?\s*(?:[—–-]+\s*|,\s*)"
                              r"(?:sorry|I\s+mean|rather)\s*,?\s+", re.I)


def _place_corrected(c: ExtractedClaim, s: Sentence) -> ExtractedClaim:
    """``c`` with the place its speaker names instead right after it, if any."""
    m = _PLACE_CORRECTED.match(s.text, c.span[1] - s.start)
    named = places(s.text[m.end():m.end() + 60]) if m is not None else ()
    if m is None or not named or named[0].start != 0:
        return c
    return replace(c, regions=named[0].codes, span=(c.span[0], s.start + m.end() + named[0].end),
                   review=c.review + (f"the place taken back and put right: "
                                      f"'{s.text[m.start():m.end() + named[0].end].strip()}'",))


#: Right after a claim's place (or its figure): its possessive and the words after it ("'s
#: coal mines", "(half) of Ukraine's generating capacity").
_PLACES_THING = re.compile(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*)?['’]s\s+(?:[\w-]+\s+){0,3}[\w-]+")
#: A word of ground among them: "'s territory", "'s internationally recognised land".
_GROUND_WORD = re.compile(r"\b(?:territor|land|area|soil|ground|surface|east|south|north|west|"
                          r"centre|center|border|frontier|km|square|sq|\d|oblast|region|"
                          r"province|steppe|coast|shore|bank|part|portion|share)", re.I)
#: After a share: an earlier amount it is of ("(45%) of the area it seized in August",
#: "(a third) of what it took").
OF_EARLIER = led(r"\s+of\s+(?:what\b(?!\s+(?:[\w'’-]+\s+){0,2}(?:calls?|called|terms))|"
                 r"(?:the\s+)?(?:area|territory|ground|land)\s+(?:that\s+)?(?:it|they|Ukraine|"
                 r"Kyiv|Russia|Moscow|(?:its|their|Ukrainian|Russian)\s+(?:troops|forces|units))"
                 r"\s+(?:had\s+|has\s+|have\s+|once\s+|first\s+)*(?:seized|took|taken|captured|"
                 r"held|occupied|gained|won)\b)", re.I)
#: Before a figure: a share of people it is ("the share of the oblast's pre-war population
#: living there (at about 40%)").
_PEOPLE_SHARE = re.compile(r"\b(?:share|proportion|percentage|part)\s+of\s+(?:[\w'’-]+\s+){0,4}?"
                           r"(?:population|people|residents|inhabitants)\b[^.;%]{0,60}$", re.I)
#: A holding on a condition: "if Pokrovsk falls, the occupiers may control up to 85% of
#: Donetsk", "If the enemy breaks through ..., then they would be able to hold up to 80%".
_IF_THEN = re.compile(r"\bif\b[^.;?!]{0,200}?\b(?:may|might|could|would|will)\s+(?:(?:then|soon|"
                      r"eventually|already|be\s+able\s+to)\s+){0,2}(?:hold|control|occupy|"
                      r"take)\b", re.I)
#: A denied report of a side's demand or offer: "the Kremlin denied a newspaper report that
#: it had offered ...", "called 'pure fiction' a report that Russia had offered ...".
_DENIED_REPORT = led(
    r"\b(?:(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|refut(?:es|ed|ing)|rejected)\s+"
    # "dismissed as 'pure fiction' a report by a US news agency claiming that"
    r"(?:as\s+[\"“]?[\w\s]{0,20}?[\"”]?\s+)?|"
    r"called\s+[\"“]?[\w\s]{0,20}?(?:fiction|fabrication|fake|false|lie)[\"”]?\s+)"
    r"(?:(?:a|an|the|media|press)\s+)*(?:[\w'’-]+\s+){0,3}?(?:reports?|claims?|stor(?:y|ies)|"
    r"rumou?rs?)\s+(?:(?:by|from|in|on)\s+(?:[\w'’-]+\s+){1,6}?(?:(?:claiming|saying|alleging|"
    r"suggesting)\s+)?)?(?:that\b|(?=(?:it|Moscow|Russia|the\s+Kremlin|Kyiv|Ukraine|he|she|they)\s+"
    r"(?:had\s+|has\s+|ever\s+)*(?:offered|demanded|proposed|asked|agreed)\b))|"
    r"\bden(?:y|ies|ied|ying)\s+(?:that\s+)?(?:it|Moscow|Russia|the\s+Kremlin|Kyiv|Ukraine)\s+"
    r"(?:had\s+|has\s+|ever\s+)*(?:offered|demanded|proposed|asked)\b", re.I)
#: A quoted claim the writer waves away: 'please ignore the "Russia has taken all of
#: Donetsk" posts', 'don't believe the "half of Kharkiv" videos' (the quote's span).
_DISMISSED = re.compile(r"\b(?:ignore|disregard|(?:don['’]t|do\s+not|never)\s+(?:believe|trust|"
                        r"share))\s+(?:the\s+|those\s+|these\s+|any\s+|all\s+)?"
                        r"(?P<quote>[\"“][^\"”]{3,120}[\"”])", re.I)
#: A quiz's question of which place: its options follow.
_WHICH_ASKED = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:region|oblast|province|city|"
                          r"area|territory|part)s?\b[^?]{0,100}\?", re.I)
#: A correction: what was said, reported or shaded in error before it.
_RETRACTED = re.compile(
    r"\b(?:an?\s+|the\s+)?(?:earlier|previous|original)\s+version\s+of\s+(?:this|the|our)\s+"
    r"(?:article|story|report|post|piece|item|blog|map)\b|"
    r"\b(?:correction|clarification|editor['’]s\s+note)\b[^\n]{0,160}?\b(?:we|I|it|(?:the|an?|our)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:article|report|story|post|update|map|item|ticker|caption|piece|"
    r"graphic))\s+(?:had\s+)?(?:previously\s+|wrongly\s+|incorrectly\s+|mistakenly\s+)?"
    r"(?:reported|said|stated|wrote|quoted|shaded|misstated|claimed|described)\b|"
    r"\bin\s+(?:this\s+\w+['’]s|an?\s+earlier|the\s+earlier|my|yesterday['’]s)\s+(?:debate|update|"
    r"post|speech|remarks?|video|answer)\b[^.]{0,30}?\bI\s+said\b|"
    # 'In last week's World page ("What a frozen front means", 9 November 2023), we said
    # Russia controls "about 90% of Zaporizhzhia region"'
    r"\bin\s+(?:last\s+(?:week|month)['’]s|yesterday['’]s|an?\s+earlier|the\s+earlier|our\s+"
    r"(?:last|previous))\s+(?:[\w'’-]+\s+){0,3}?(?:page|edition|issue|article|story|report|column|"
    r"post|episode|newsletter|bulletin|broadcast)\b[^.]{0,80}?\b(?:we|I)\s+(?:said|wrote|stated|"
    r"reported)\b", re.I)
#: A parliamentary question: what it asks about is not asserted.
_ASKED = re.compile(r"\bwhether\s+(?:it\s+is\s+true|(?:the\s+)?(?:government|minister|ministry)\s+"
                    r"(?:can\s+)?confirms?)\s+that\b|"
                    # "Asked whether Russia still held 'all of Luhansk', she said it did not"
                    r"\bwhether\s+(?:Russia|Moscow|Ukraine|Kyiv|(?:Russian|Ukrainian)\s+(?:troops|"
                    r"forces))\s+(?:still\s+|now\s+|really\s+)?(?:holds?|held|controls?|"
                    r"controlled|occupie[sd]|occupy)\b|"
                    r"\bwhat\s+(?:recent\s+)?assessment\s+(?:he|she|they|the\s+\w+|(?:His|Her)\s+"
                    r"Majesty['’]s\s+Government)\s+(?:has|have)\s+made\s+of\s+(?:the\s+)?(?:claims|"
                    # "what recent assessment the Department has made of the area of the Kursk
                    # region held by Ukrainian forces"
                    r"area|extent|share|size|amount)\b", re.I)
#: A poll or its findings: what respondents think, not what a side holds, asks or offers.
POLL = led(r"\b(?:poll(?:s|ed|ing)?|survey(?:s|ed)?|respondents|pollsters?)\b", re.I)
#: A poll's answers: "81% said no", "asked whether ...".
POLL_ANSWER = led(r"\b(?:said\s+(?:no|yes)(?!\s+(?:\w+\s+){0,2}(?:is|are|was|were|would|"
                  r"will|could|can)\b)|asked\s+(?:whether|if))\b|(?:%|\bper\s*cent)"
                   r"\s+(?:of\s+\w+\s+)?(?:said|answered|replied)\b", re.I)
#: Figures that measure something other than ground held (the convention's list: mined
#: land, money, people, power, harvests, ...).
OTHER_MEASURE = led(
    r"\b(?:mine[ds]?|minefields?|contaminat\w*|unexploded|ordnance|ERW|hazardous\s+area|casualt\w*|killed|"
    r"wounded|injur\w*|prisoners?|POWs?|refugees?|displac\w*|evacuat\w*|population|"
    r"residents|voters|turnout|ballots?|voted|opposed|support(?:ed)?\s+for|"
    r"budget|funds?|earmarked|billion|electricity|power\s+(?:plants?|grid)|energy|gas|grid|"
    r"generating|harvest|grain|crops?|schools?|hospitals?|housing|children|incidents|funded|"
    # "About 600 square kilometres of Kherson region were flooded"
    r"flooded|inundated|under\s+water|"
    # "20% of the region's farmland under Ukrainian control (will need to be checked)"
    r"(?:farmland|arable\s+land)\s+(?:under|held|controlled)|"
    r"funding|financed|fertili[sz]ers?|imported|imports|"
    # a commodity's grade and price: "FOB Odesa 12.5% pro wheat"
    r"FOB|CPT|per\s+tonne)\b", re.I)
#: A claim reported as someone's ("claims that", "a viral post", "Claim:") ...
_REPORTED = led(r"\b(?:claim(?:s|ed)?|assert(?:s|ed|ions?)?|alleg(?:es|ed)|rumou?rs?|viral|"
                r"says|said|telling|reports?|"
                r"I\s+(?:say|said|wrote|stated)|"
                r"(?:keep|kept|keeps)\s+(?:repeating|saying)|"
                r"shared\s+(?:more\s+than\s+)?[\d,.]+\s*(?:million\s+)?times|"
                r"circulating|posts?|video|statements?)\b", re.I)
#: ... and called false in the same or the next sentence ("This is false", "Our rating:
#: FALSE", "debunked").
_FALSE = led(r"^\W*(?:it|that|they)\s+(?:has|have|did|does|is|do|are)(?:n['’]t|\s+not)\W*$|"
             r"\b(?:(?:this|that|it|the\s+claim)\s+(?:is|was)\s+(?:(?:simply|pure|"
             r"an\s+outright|outright|a\s+complete)\s+)?(?:false|untrue|not\s+true|"
             r"fake|wrong|baseless|fabricated|a\s+lie|(?:a\s+)?fabrication|fiction|"
             r"disinformation)|rating:\s*false|debunk\w*|"
             r"(?:found|find|is)\s+no\s+(?:record|evidence|trace)\s+of\s+(?:any\s+)?such|"
             # "called Russian statements that ... 'pure fantasy'"
             r"\bcalled\b[^.]{0,240}?[\"“'‘]?(?:pure|a|complete|utter|sheer)\s+"
             r"(?:fantasy|fiction|nonsense|invention|fabrication)\b|"
             # "is not supported by any independent mapping"
             r"(?:is|was)\s+not\s+supported\s+by\s+(?:any\s+)?(?:independent\s+|"
             r"available\s+)?(?:evidence|mapping|maps|data|imagery|sources?)|"

             r"(?:is|are|was|were)\s+(?:also\s+|simply\s+|completely\s+|patently\s+|"
             r"plainly\s+)?(?:false|untrue|not\s+true|fake)\b|"
             # "Claims that the occupiers control a third of Kharkiv region are fantasy"
             # ('... control "under 18 percent" of Ukraine's territory are "wishful thinking"')
             r"(?:is|are|was|were)\s+[\"“'‘]?(?:(?:pure|sheer|utter|complete|simply)\s+)?"
             r"(?:a\s+)?(?:fantasy|fantasies|fiction|nonsense|lies?|fabrications?|"
             r"wishful\s+thinking)\b|"
             # "Kiev's assertions that it has a bridgehead ... do not correspond to reality"
             r"(?:do|does|did)\s+not\s+correspond\s+to\s+(?:reality|the\s+facts|the\s+truth))|"
             r"^\W*false\b|—\s*FALSE\b", re.I)


#: A verdict before the fact checker's own figure: "The claim is false: Ukrainian forces
#: still control around 18 per cent of the region".
_FALSE_COLON = re.compile(r"\b(?:is|was)\s+(?:false|untrue|wrong|incorrect|misleading)\s*[:—–-]\s",
                          re.I)
#: A word every form of _FALSE has, looked for first.
_FALSE_WORD = led(r"false|untrue|true|fake|wrong|baseless|fabricat|lies?\b|debunk|supported|"
                  r"fantasy|fiction|nonsense|invention|correspond|wishful|"
                  r"no\s+(?:record|evidence|trace)|n['’]t\b|"
                  r"\b(?:does|do|is|are)\s+not\W*$", re.I)
#: A verdict on a line of its own: "RATING: FALSE", "VERDICT: FALSE".
_VERDICT_LINE = re.compile(r"^\W*(?:rating|verdict|our\s+rating)\s*:\s*(?:false|misleading|"
                           r"mostly\s+false|wrong)\W*$", re.I | re.M)


#: Ground gained over a time, no holding: an area or share right before "since January",
#: "in a year", "over the past year" ("About 2,900 km² since January").
GAIN_TIME = led(r"\d\s*(?:km²|km2|sq\.?\s*km|square\s+kilomet(?:re|er)s|%|per\s*cent)\s+"
                r"(?:since\s+(?:January|February|March|April|May|June|July|August|"
                r"September|October|November|December|the\s+(?:start|beginning)\s+of|"
                r"the\s+(?:autumn|spring|summer|winter|new\s+year))|"
                r"in\s+(?:a|one|the\s+past|the\s+last)\s+(?:year|month|week)|"
                r"over\s+the\s+(?:past|last)\s+(?:year|month|week|\d+\s+(?:months|weeks)))\b",
                re.I)


#: Whole regions' size: "The four regions together cover (about 109,000 sq km)".
UNITS_SIZE = led(r"\b(?:the\s+)?(?:two|three|four|five|these|those)\s+(?:(?:two|three|four|"
                 r"five)\s+)?(?:regions|oblasts|provinces)\s+(?:together\s+|combined\s+)?"
                 r"(?:cover|span|measure|total|amount\s+to|add\s+up\s+to|make\s+up)\b", re.I)
#: A region's own size: "The oblast's total area is 31,415 km²", "the region covers 26,517
#: km²" (not "the occupied part of the region covers ...").
_REGION_SIZE = led(r"(?<!of\s)(?<!of\sthe\s)(?<!of\sthis\s)(?<!of\sthat\s)"
                   r"\b(?:region|oblast|province|peninsula)(?:'s|’s)?\s+(?:(?:total|overall|"
                   r"entire)\s+)?(?:area\s+(?:is|was|of|stands\s+at)|covers|spans|measures|"
                   # "The peninsula has an area of about 10,400 square miles"
                   r"has\s+an?\s+(?:total\s+)?area\s+of)\b|"
                   r"\b(?:total|overall)\s+area\s+(?:of\s+(?:the\s+)?(?:region|oblast|"
                   r"province|peninsula)\s+)?(?:is|was)\b|"
                   # "~108,800 sq km — their combined area" (of the regions)
                   r"\b(?:their|its)\s+(?:combined|total|overall)\s+(?:area|size)\b"
                   r"(?!\s+(?:of\s+(?:territory|land|ground)|under|held|controlled|"
                   r"occupied))|"
                   # "Kursk region is about 30,000 square kilometres"
                   r"(?<!of\s)(?<!of\sthe\s)(?<!of\sthis\s)(?<!of\sthat\s)"
                   r"\b(?:region|oblast|province|peninsula)\s+is\s+(?:about\s+|around\s+|"
                   r"roughly\s+|some\s+|nearly\s+|almost\s+|just\s+(?:over|under)\s+|"
                   r"more\s+than\s+|less\s+than\s+|~\s*)?[\d,.]+\s*(?:square\s+(?:kilomet(?:re|er)s|"
                   r"miles)|sq\.?\s*(?:km|mi)|km²|km2)", re.I)


def region_size(text: str) -> bool:
    """Whether sentence ``text`` gives a region's own size (searched only where its words
    are)."""
    return ("area" in text or "cover" in text or "span" in text or "measure" in text
            or " is " in text) \
        and _REGION_SIZE.search(text) is not None


@functools.lru_cache(maxsize=4096)
def not_a_holding(text: str) -> bool:
    """Whether sentence ``text`` is about what the convention says is not a holding as a
    whole: a measure of something else, a poll, a denial, ground gained over a time. The
    learned reader reads no figure of such a sentence (a past peak marks its nearest
    claim instead)."""
    low = text.lower()
    return any(p.search(text) for p in (OTHER_MEASURE, POLL, GAIN_TIME, UNITS_SIZE)) or (
        _DENIAL_LOOK.search(low) is not None and DENIAL.search(text) is not None) \
        or region_size(text)


def _reads(c: ExtractedClaim, s: Sentence, figs: list[Figure]) -> bool:
    """Whether claim ``c`` is the reading of one of ``figs`` (figures of sentence ``s``):
    the figure stands inside the claim's span and gives its value."""
    return c.value is not None and any(
        c.span[0] - s.start <= f.start < c.span[1] - s.start and abs(f.value - c.value) < 0.05
        for f in figs)


def _figure_at(c: ExtractedClaim, s: Sentence) -> int:
    """Where claim ``c``'s figure starts in sentence ``s`` (its span's start when it has no
    figure, or the figure is not found in the span)."""
    start, end = c.span[0] - s.start, c.span[1] - s.start
    if c.value is None:
        return start
    return next((f.start for f in reversed(figures(s.text)) if start <= f.start < end
                 and abs(f.value - c.value) < 0.05 * max(c.value, 1)), start)


def rated_false(s: Sentence, after: Sentence | None) -> bool:
    """``s`` reports a claim that it, or the sentence after it, calls false."""
    if not _REPORTED.search(s.text):
        return False
    return bool((_FALSE_WORD.search(s.text) and _FALSE.search(s.text)) or (
        after is not None and _FALSE_WORD.search(after.text) and (
            _FALSE.search(after.text) or _TREAT_FALSE.search(after.text)
            # 'the caption says: "Russia now controls half of Ukraine."' / "RUBEN: False."
            or _ANSWERED_FALSE.match(after.text))
        # not a verdict on a claim the next sentence reports itself ("Russian claims that
        # Kursk region has been 'fully liberated' are false")
        and not _OWN_CLAIM.search(after.text)))


#: A yes-or-no question (a Q&A box's "Q:" first, or a list's number: "2. Does ..."): "Does
#: Russia control all of Luhansk?".
_YES_NO = led(r"\W*(?:\d{1,2}[.)]\s*)?(?:Q\s*[:.]\s*|Re\s*:\s*)?(?:[^?\n]{0,60},\s+)?"
              r"(?:(?:does|do|did|is|are|has|have|can|will|could|would)\s+|"
              # "**Q: What share of Kherson region is occupied?**"
              r"(?:what\s+(?:share|part|percentage|proportion|portion)|how\s+much)\s+of\s+)"
              # a question set in bold, or a headline's site after it ("? | The Files")
              r"[^?\n]{3,200}\?+[*_\s]*(?:\|[^?|\n]{1,60})?$", re.I)
#: A heading that asks: "Who holds the region now", "Which side controls Kupiansk?"
_WHO_HOLDS = led(r"\W*(?:who|which\s+side|which\s+army)\s+(?:now\s+|really\s+)?"
                 r"(?:holds?|controls?|occupies|runs|has)\b[^.!\n]{0,80}\??\s*$", re.I)
#: A statement asked back: "HOST: So Russia has — what — three quarters of Kherson region?"
_ASKED_BACK = re.compile(r"(?:[^:\n]{1,40}:\s+)?(?:So|And)\s+[^?\n]{3,200}\?\s*$")
#: A claim reported as a noun and what it says: "claims by russian propaganda channels
#: that", "claims about".
_CLAIMS_THAT = re.compile(r"\b(?:claims?|reports?|assertions?|allegations?|rumou?rs?)\s+"
                          r"(?:(?:by|from|of|on)\s+[^,.;:]{1,60}?\s+)?(?:that|about)\b|"
                          # "..., and a presenter on state television claimed on Sunday that"
                          r",\s+and\s+[^,;:]{1,80}?\bclaimed\s+(?:(?:on|last)\s+\w+\s+)?that\b",
                          re.I)
#: A sentence that reports a claim of its own: "Russian claims that ...", "Moscow's
#: assertion that ...".
_OWN_CLAIM = re.compile(r"\b(?:claims?|assertions?|allegations?|statements?|reports?)\s+that\b",
                        re.I)


#: A sentence that is one quotation, nothing of its own: '"Russia controls all of Luhansk."'.
_WHOLLY_QUOTED = led(r"\s*[\"“][^\"“”]{5,300}[\"”]\s*")
#: The answer after it, first word false (a speaker's label first): "RUBEN: False, and it
#: was never true.", "Wrong."
_ANSWERED_FALSE = re.compile(r"\W*(?:[A-Z][\w.' -]{0,30}:\s*)?(?:false|wrong|untrue|not\s+true|"
                             r"fake|incorrect|nope)\s*[.,;:!—–-]", re.I)
#: A sentence that denies a holding: "Nor does Russia hold 30 percent of Ukraine."
#: A taking supposed: "Were the Occupying Power to extend its control to the whole of
#: Donetsk region, ..." (the place it would take is no holding; a figure beside it, "(they
#: currently control about 79% of it)", is).
_WERE_TO = led(r"\W*(?:were|should)\s+(?:the\s+)?(?:[\w-]+\s+){1,4}?to\s+(?:extend|take|"
               r"capture|seize|occupy|hold|gain|win|push|reach)\b", re.I)
#: No place of some kind said to be held: "maintains that no settlement in the region is
#: under Russian control".
_NONE_HELD = led(r"\bno\s+(?:settlements?|villages?|towns?|cities|city|territory)\s+"
                 r"(?:in|of)\s+[^.;]{1,60}?\s+(?:is|are|was|were|has\s+been|have\s+been)"
                 r"\s+(?:now\s+|yet\s+)?(?:under|in)\s+(?:Russian|Ukrainian|enemy)\s+"
                 r"(?:control|hands|occupation)", re.I)
_NOR = led(r"(?:\W*|[^\n]*\n\W*)Nor\s+(?:does|do|did|is|are|was|were|has|have|had|can|"
           r"could)\b")
#: A statement called false in its own sentence: "The senator's statement that Russia
#: controls all of Donetsk is false".
_CALLED_FALSE = re.compile(r"\b(?:statement|claim|assertion|suggestion|contention|argument|"
                           r"figure|idea|notion|report|story|headline|article)s?"
                           # "Your report (15 December) that ..."
                           r"(?:\s+\([^)]{1,40}\))?\s+(?P<that>that)\b[^;:\n]{5,160}?\s"
                           r"(?P<verdict>(?:is|was|are|were)\s+(?:simply\s+|also\s+|plainly\s+|"
                           r"demonstrably\s+)?(?:false|wrong|incorrect|untrue|inaccurate|"
                           # 'Russian claims that its forces hold a third of ... are "pure
                           # fantasy"'
                           r"misleading|[\"“]?(?:pure\s+|sheer\s+|a\s+)?(?:fantasy|fiction|nonsense|"
                           r"lies?|fabrications?|propaganda)))\b", re.I)


#: A verdict in the sentence after a claim: "(...,) and the claim should be treated as
#: false" (in the claim's own sentence it may follow a holding the checker states).
_TREAT_FALSE = re.compile(r"\b(?:should|must)\s+be\s+(?:treated|regarded|considered|seen)\s+as\s+"
                          r"(?:false|untrue|fabricated|disinformation)\b", re.I)


#: A rumour as the source of what follows: viral posts, a video or map circulating, a fake.
_HEARSAY = led(
    r"\b(?:(?:viral|circulating|doctored|fake|faked|manipulated)\s+(?:social[- ]media\s+)?"
    r"(?:posts?|videos?|clips?|maps?|messages?|claims?|images?|screenshots?)|"
    r"(?:posts?|videos?|clips?|maps?|messages?|images?)\s+(?:that\s+(?:is|are|was|were|went|"
    r"have\s+been|has\s+been)\s+)?(?:circulating|going\s+viral|went\s+viral)|"
    r"rumou?rs?\s+(?:that|say|said|claim|suggest)|"
    # "One video, viewed more than 4 million times, claims that ..."
    r"(?:one|a|the|another|some|many|several)\s+(?:posts?|videos?|clips?|messages?)\b[^.;:\n]{0,60}?"
    r"\b(?:claim(?:s|ed|ing)?|says\s+that|said\s+that)|"
    # "We also regularly see claims on social media that Ukraine holds less than 10%"
    r"claims?\s+(?:circulating\s+)?on\s+social\s+media\s+that|"
    # "Telegram channels are spreading the message that the army allegedly controls ..."
    r"spread(?:s|ing)?\s+(?:the\s+|a\s+)?(?:message|claim|narrative|story|rumou?r|"
    r"information|news)\s+that|"
    # a reader's question: "Q: I keep seeing posts saying Russia now controls half of ...",
    # "Q: A friend insists Ukraine holds part of Belgorod."
    r"(?:posts?|videos?|people|someone|a\s+(?:friend|colleague|relative|neighbou?r))\s+"
    r"(?:keeps?\s+)?(?:saying|say|says|insists?|insisting|claim(?:s|ing)?|told\s+me)\s+(?:that\s+)?|"
    # "Posts on social media claim Russia has seized half of ...", "I keep reading that
    # Russia controls a quarter of Ukraine"
    r"(?:posts?|videos?|clips?|messages?)\s+on\s+social\s+media\s+(?:claim(?:s|ed|ing)?|"
    r"say(?:s|ing)?|insist(?:s|ed|ing)?)\s+(?:that\s+)?|"
    r"I\s+keep\s+(?:reading|seeing|hearing)\s+(?:that\s+)?)\b",
    re.I)


def asserted(claims: list[ExtractedClaim], s: Sentence,
             after: Sentence | None) -> list[ExtractedClaim]:
    """The claims of sentence ``s`` (``after``: the sentence that follows) that the text
    asserts (see the module docstring)."""
    if not claims:
        return claims
    text = s.text
    low0 = text.lower()
    if POLL_ANSWER.search(text):
        return []
    if _YES_NO.match(text) or _WHO_HOLDS.match(text):
        # "Q: After the withdrawal from Avdiivka, does russia now hold most of Donetsk
        # region?": a question asks, it states nothing
        return [c for c in claims if not c.kind.startswith("control")]
    if "?" in text and _ASKED_BACK.match(text):
        claims = [c for c in claims if not c.kind.startswith("control")]
    if _SUPPOSED.search(text):
        # "In this scenario Kyiv might be pressed to give up ...", "Moscow might then have
        # been forced to ... offering to withdraw", "analysts have speculated that Moscow
        # could pull back": nothing asserted -- but a demand the sentence says a side made
        # ("If Kyiv were to pull its troops out of the rest of Donetsk, as Moscow has
        # demanded, ...")
        return [c for c in claims if c.kind.startswith("demand") and AS_DEMANDED.search(text)]
    if _WERE_TO.match(text) or _NONE_HELD.search(text):
        # (a figure the sentence gives, "(they currently control about 79% of it)", or a
        # footnote's before it, stays)
        claims = [c for c in claims if not (c.kind.startswith("control") and c.value is None)]
    if _NOR.match(text):
        # "Nor does Russia hold 30 percent of Ukraine.": a holding denied
        claims = [c for c in claims if not c.kind.startswith("control")]
    if ("false" in low0 or "wrong" in low0 or "incorrect" in low0 or "untrue" in low0
            or "fantasy" in low0 or "fiction" in low0 or "nonsense" in low0 or " lie" in low0
            or "fabricat" in low0 or "propaganda" in low0 or "misleading" in low0) and (
            called := _CALLED_FALSE.search(text)) is not None:
        # "The senator's statement that Russia controls all of Donetsk is false": what the
        # statement says, called false
        claims = [c for c in claims if not (
            (c.kind.startswith("control") or c.kind.startswith("offer"))
            and called.start("that") <= c.span[0] - s.start < called.start("verdict"))]
    if (no_sign := _NO_SIGN.search(text)) is not None:
        # "There was no suggestion that Russian forces would withdraw from any of the
        # territory they hold": nothing after it asserted
        claims = [c for c in claims if c.span[0] - s.start < no_sign.start()]
    if "'s " in text or "’s " in text:
        # "about 80% of Luhansk's coal mines", "half of Ukraine's generating capacity": a
        # share of something of the place's, not of its ground
        claims = [c for c in claims if not (
            c.kind.startswith("control") and c.value is not None
            and (thing := _PLACES_THING.match(text, c.span[1] - s.start)) is not None
            and not _GROUND_WORD.search(thing.group(0)))]
    if "population" in low0:
        # "puts the share of the oblast's pre-war population living there at about 40%": a
        # share of people, not of ground
        people = [f for f in figures(text) if _PEOPLE_SHARE.search(text, max(0, f.start - 90),
                                                                   f.start)]
        claims = [c for c in claims if not (c.kind.startswith("control")
                                            and _reads(c, s, people))]
    if " of the " in text and any(c.value is not None and c.unit == "percent" for c in claims):
        # "roughly 45% of the area it seized in August": a share of an earlier amount, not
        # of a place
        earlier = [f for f in figures(text)
                   if f.unit == "percent" and OF_EARLIER.match(text, f.end)]
        claims = [c for c in claims if not _reads(c, s, earlier)]
    if "sorry" in low0 or "i mean" in low0:
        # "Russia holds about three quarters of Kharkiv region -- sorry, Kherson.": the place
        # the speaker puts right
        claims = [_place_corrected(c, s) for c in claims]
    if ("would" in text or "scenario" in text) and _HYPOTHETICAL.search(text):
        return [c for c in claims if not c.kind.startswith("control")]
    if ("could" in text or "might" in text) and _PROJECTED.search(text):
        # "if Pokrovsk falls, Russia could control up to 80% of Donetsk by the summer"
        return [c for c in claims if not c.kind.startswith("control")]
    if "if" in text.lower() and _IF_THEN.search(text):
        return [c for c in claims if not c.kind.startswith("control")]
    low = text.lower()
    denied = [m.end() for m in _DENIED_REPORT.finditer(text)] if any(
        w in low for w in ("den", "dismiss", "refut", "reject", "called")) else []
    if denied:
        # (where the claim's figure stands: "hold no more than 2 per cent of Kharkiv oblast,
        # and rejected social media claims that Russia controls a third of the region" reads
        # the third with the first verb)
        claims = [c for c in claims if not any(at <= _figure_at(c, s) for at in denied)]
    if after is not None and _WHOLLY_QUOTED.fullmatch(text) and _ANSWERED_FALSE.match(after.text):
        # 'HOST: Number two. "Ukraine still controls most of Kursk region."' / 'GUEST:
        # False, and it was never true.': a statement put up to be answered, answered false
        return [c for c in claims if not (c.kind.startswith("control")
                                          or c.kind.startswith("offer"))]
    if rated_false(s, after):
        # a reported holding called false; a reported offer too ("Posts say Putin 'has
        # offered to withdraw' ... FALSE"), not a demand another side rejects; what comes
        # on a line after the verdict ("RATING: FALSE" / "Russian forces hold roughly 3%")
        # is the fact checker's own
        verdict = _VERDICT_LINE.search(text) or _FALSE_COLON.search(text)
        # what comes before "claims (by ...) that" is the speaker's own: "The occupiers
        # hold less than 3 % of the region, ... dismissing claims ... that russian troops
        # now control 'half of the region'"
        told = _CLAIMS_THAT.search(text)
        return [c for c in claims if not (c.kind.startswith("control") or
                                          c.kind.startswith("offer"))
                or (verdict is not None and c.span[0] - s.start >= verdict.end())
                or (told is not None and c.span[1] - s.start <= told.start())]
    hearsay = _HEARSAY.search(text) if ("viral" in low or "circulat" in low or "rumo" in low
                                        or "fake" in low or "doctored" in low
                                        or "claim" in low or "post" in low or "video" in low
                                        or "spread" in low or "insist" in low
                                        or "saying" in low or "told me" in low
                                        or "i keep" in low) else None
    if hearsay is not None:
        # "Viral posts claim Moscow's troops now hold a third of Ukraine", "A video
        # circulating on Telegram that claims Russian troops 'now control half of ...'":
        # what rumours say is reported, not asserted
        claims = [c for c in claims if not (c.kind.startswith("control")
                                            and c.span[0] - s.start >= hearsay.end()
                                            and "\n" not in text[hearsay.end():
                                                                  c.span[0] - s.start])]
    dismissed = [m.span("quote") for m in _DISMISSED.finditer(text)] if (
        "ignore" in low or "disregard" in low or "believe" in low or "trust" in low
        or "share" in low) else []
    if dismissed:
        claims = [c for c in claims if not any(a <= c.span[0] - s.start < b
                                               for a, b in dismissed)]
    if ("version" in low or "correction" in low or "clarification" in low or "note" in low
            or "i said" in low or "we said" in low or "we wrote" in low
            or "we reported" in low) and (retracted := _RETRACTED.search(text)) is not None:
        # "Correction: An earlier version of this article said Russia controlled 'about half'
        # of Donetsk", "Editor's note: a previous version ... quoted ...", "In this
        # afternoon's debate I said that Russia holds 40 per cent": what was said in error
        claims = [c for c in claims if c.span[0] - s.start < retracted.start()]
    if ("whether" in low or "assessment" in low) and _ASKED.search(text):
        # a member's question of a claim ("what assessment he has made of claims in Russian
        # state media that ...", "whether it is true that Russian forces now control a third
        # of the Kharkiv region"): nothing asserted
        claims = [c for c in claims if not (c.kind.startswith("control")
                                            or c.kind.startswith("offer"))]
    quiz = _WHICH_ASKED.search(text) if "?" in text else None
    if quiz:
        # "Moscow demanded that Ukraine withdraw its troops from which region? a) Odesa
        # b) Kharkiv": the options are no claim
        claims = [c for c in claims if c.span[1] - s.start <= quiz.start()]
    # (each pattern only where one of its words is: most sentences have none)
    labels = [m.end() for m in _LABEL.finditer(text)] if _LABEL_LOOK.search(low) else []
    cuts = [m.end() for m in DENIAL.finditer(text)] + labels if _DENIAL_LOOK.search(low) \
        else labels
    if not cuts:
        return claims
    # a denial leaves a demand it reports ("Kyiv rejected Moscow's demand that ..."); a
    # label calling it a myth does not ("MYTH: 'Russia has offered to hand back ...'")
    return [c for c in claims if not any(
        cut <= c.span[0] - s.start and not _BREAK.search(text, cut, c.span[0] - s.start)
        for cut in (cuts if c.kind.startswith("control") else labels))]


#: A timeline's line of a date long past: "2014 – The Lugansk People's Republic is
#: proclaimed; ... the militia holds only about a third of its territory", "Feb. 2014:
#: Russia seizes Crimea." (years up to 2023: a later one may be the article's own).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TIMELINE = led(r"\W*((?:(?i:early|late|mid-?)\s*)?(?:\d{1,2}\s+)?(?:(?:" + _MONTH
                + r"\s*[–-]\s*)?" + _MONTH
                + r"\s+(?:\d{1,2},?\s+)?)?20(?:0\d|1\d|2[0-3]))\s*[:–—-]\s")


#: A revision of a figure published before: "has been revised to", "revises the April
#: figure ... from 112,660 km² to 112,641 km²".
_REVISED = re.compile(r"\b(?:has\s+been|was|were|have\s+been)\s+revised\b|"
                      r"\brevises\s+(?:the|its|our)\s+(?:[\w-]+\s+){0,2}?(?:figure|estimate|"
                      r"total|series)\b", re.I)
#: Right before a figure: the one a change is measured from ("up from about").
_UP_FROM = re.compile(r"\b(?:up|down)\s+from\s+(?:about\s+|around\s+|roughly\s+|some\s+|"
                      r"just\s+(?:over|under)\s+|nearly\s+|almost\s+|an\s+estimated\s+)?$", re.I)
#: A figure a change started from: "(the occupied share grew over the year) from 58% to
#: about 66%": the 58 % was then's.
_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|some\s+|just\s+)?$", re.I)
_TO_FIGURE = re.compile(r"\s*(?:%|per\s*cent|percent|km²|km2|sq(?:uare)?\.?\s+(?:km|"
                        r"kilomet(?:re|er)s|miles))?\s+(?:to|up\s+to)\s+(?:about\s+|around\s+|roughly\s+|some\s+|"
                        r"nearly\s+|almost\s+|more\s+than\s+|over\s+|just\s+)?[\d~]", re.I)


#: A sentence that opens on a day long past: "On 3 July 2022", "On July 3, 2022," (years up
#: to 2023, as for a timeline's line).
_ON_DATE = re.compile(r"\W*On\s+((?:\d{1,2}\s+" + _MONTH + r"|" + _MONTH
                      + r"\s+\d{1,2},?)\s+20(?:1\d|2[0-3]))\b")


#: A sentence that sets earlier figures against the ones before it: "That compares with".
_COMPARED = re.compile(r"\W*(?:that|this|it|these|those|the\s+(?:figure|share|total)s?)\s+"
                       r"(?:compares?|compared)\s+(?:with|to)\b", re.I)


def mark_past(claims: list[ExtractedClaim], s: Sentence) -> list[ExtractedClaim]:
    """``claims`` with the control claim nearest each past peak ("at the height of the
    incursion, some 1,300 km²") marked ``status: past``, of those that have no word of the
    present ("still", "now", "today") nearer than the peak in their clause: "still hold
    roughly 500 km², down from about 1,300 at the peak" marks the 1,300 only."""
    if not any(c.kind.startswith("control") for c in claims):
        return claims
    when = _TIMELINE.match(s.text) or _ON_DATE.match(s.text)
    if when is not None:
        # a timeline's line of a year long past: all its holdings are then's; so for a
        # sentence that opens on such a day ("On 3 July 2022 the then defence minister
        # reported to Putin that the LPR had been 'completely liberated'")
        return [replace(c, status="past", review=c.review + (
                    f"a past figure ('{when.group(1)}', a timeline's line or a day long "
                    "past): kept as a note, not checked against the map of the article's day",))
                if c.kind.startswith("control") and c.status is None else c for c in claims]
    if "from " in s.text and " to " in s.text:
        started = [f for f in figures(s.text) if _FROM_TO.search(s.text, max(0, f.start - 16),
                                                                   f.start)
                   and _TO_FIGURE.match(s.text, f.end)]
        if started:
            claims = [replace(c, status="past", review=c.review + (
                "a past figure (the one a change started from: 'from ... to'): kept as a "
                "note, not checked against the map of the article's day",))
                if c.kind.startswith("control") and c.status is None
                and _reads(c, s, started) else c
                for c in claims]
    if "revis" in s.text and _REVISED.search(s.text):
        # "The figure for 1 August 2023 published in Bulletin No. 8/2023 (108,100 km²) has
        # been revised to 107,950 km²": a release's figures for an earlier day
        return [replace(c, status="past", review=c.review + (
                    "a past figure (a revision of an earlier release's): kept as a note, not "
                    "checked against the map of the article's day",))
                if c.kind.startswith("control") and c.status is None else c for c in claims]
    if " from " in s.text:
        # "That is up from about 41,000 square miles in the weeks after ...": the figure a
        # change is measured from, the sentence giving no current one
        ups = [f for f in figures(s.text) if _UP_FROM.search(s.text, max(0, f.start - 40),
                                                              f.start)]
        if ups and not any(f.unit == ups[0].unit and f.end <= ups[0].start
                           for f in figures(s.text)):
            claims = [replace(c, status="past", review=c.review + (
                "a past figure (the one a change is measured from: 'up from'): kept as a "
                "note, not checked against the map of the article's day",))
                if c.kind.startswith("control") and c.status is None and _reads(c, s, ups)
                else c for c in claims]
    peaks = past_times(s.text)
    if not peaks and not ("201" in s.text or "2022" in s.text or "before" in s.text):
        return claims
    if _COMPARED.match(s.text) and not _NOW.search(s.text):
        # "That compares with about 43,000 sq km, or 7 %, held ... before the full-scale
        # invasion": a sentence of the figures then, set against the one before
        return [replace(c, status="past", review=c.review + (
                    f"a past figure ('{peaks[0].group(0) if peaks else 'compares with'}', "
                    "set against the figure before): kept as a note, not checked against the "
                    "map of the article's day",))
                if c.kind.startswith("control") and c.status is None else c for c in claims]
    nows = list(_NOW.finditer(s.text))

    def gap(c: ExtractedClaim, m: re.Match[str]) -> float:
        start, end = c.span[0] - s.start, c.span[1] - s.start
        lo, hi = min(end, m.end()), max(start, m.start())  # (the words between them)
        if lo < hi and _BREAK.search(s.text, lo, hi):
            return math.inf  # another clause
        return max(0, m.start() - end, start - m.end())

    past: dict[int, str] = {}
    first = peaks[0] if peaks else None
    # the words before it, past a label or a bracket ("(Textbook sidebar, 20 March 2024)
    # Before February 2022, ...")
    lead = re.sub(r"^.*[)\]:\n]\s*", "", s.text[:first.start()]) if first is not None else ""
    if first is not None and (first.re is PAST_PEAK or re.match(r"\W*before\b", first.group(0),
                                                                re.I)) and not nows \
            and len(lead.split()) <= 6:
        # "Before the full-scale invasion began, Russia and its proxies held about 7 % of
        # Ukraine: Crimea and roughly a third of Donbas": a past put first is the figures'
        # of its clause
        for c in claims:
            if c.kind.startswith("control") and gap(c, first) < math.inf:
                past[id(c)] = first.group(0).lstrip(" ,-–—•*")
    for c in claims:
        # "the parts of Donbas (its proxies) seized in 2014": that part as it was then,
        # not all Russia holds of Donbas now
        seized = (_SEIZED_THEN.match(s.text, c.span[1] - s.start)
                  or _HELD_BEFORE.match(s.text, c.span[1] - s.start)) \
            if c.qualifier == "part" and c.kind.startswith("control") else None
        if seized:
            # (the words after the place: not the "s" of "oblasts" the claim's span stops at)
            past[id(c)] = re.sub(r"^s\s+", "", (seized.groupdict().get("said")
                                                or seized.group(0)).strip())
    for m in peaks:
        if _FROM_A.search(s.text, 0, m.start()):
            continue  # "hold 500 km², down from a peak of 1,300": the figure after it
        # an earlier figure ("down from a peak of 1,300") may be the one the peak is about
        then = [c for c in claims if c.kind.startswith("control")
                and c.status in (None, "earlier", "past")
                and gap(c, m) < min((gap(c, n) for n in nows), default=math.inf)]
        if then and (near := _unclaimed_figure(s, claims, m)) is not None and \
                near < min(gap(c, m) for c in then):
            # "still held only a narrow sliver of Kursk region, far from the 1,300 km² Kyiv
            # claimed at the peak": the peak is the figure's, which is no claim
            continue
        if then and re.match(r"before\s+(?:it|Russia|Moscow|the\s+Kremlin|Putin)\s", m.group(0),
                             re.I):
            # "Russia held about 7% of Ukraine, including Crimea and parts of Donbas,
            # before it launched its full-scale invasion": every figure of its clause
            past.update((id(c), m.group(0)) for c in then)
        elif then:
            past[id(min(then, key=lambda c: gap(c, m)))] = m.group(0).lstrip(" ,-–—•*")
    return [replace(c, status="past", review=c.review + (
        f"a past figure ('{past[id(c)]}'): kept as a note, not checked against the map of "
        "the article's day",)) if id(c) in past and c.status is None else c for c in claims]


def _unclaimed_figure(s: Sentence, claims: list[ExtractedClaim],
                      m: re.Match[str]) -> float | None:
    """How far from peak ``m`` the nearest figure of ground in ``s`` stands that is no
    claim's (None: there is none in the peak's clause)."""
    best: float | None = None
    for f in figures(s.text):
        if f.unit not in ("percent", "km2"):
            continue
        if any(c.span[0] - s.start <= f.start < c.span[1] - s.start for c in claims):
            continue
        lo, hi = min(f.end, m.start()), max(f.start, m.end())
        if lo < hi and _BREAK.search(s.text, lo, hi):
            continue
        d = max(0, m.start() - f.end, f.start - m.end())
        best = d if best is None else min(best, d)
    return best


#: Where a part's claim ends, the rest of its place's name and what follows it: "(the parts
#: of Donetsk and Luhansk oblast)s seized in 2014" (the span stops before a plural's "s").
_AFTER_PART = r"(?:s|\s+(?:regions?|oblasts?))?\s*,?\s+"
#: Right after a part of a place: when it was seized ("(parts of Donbas) seized in 2014",
#: "(the areas) its proxies held before February 2022").
_SEIZED_THEN = re.compile(_AFTER_PART + r"(?:(?:that\s+|which\s+)?"
                          r"(?:(?:its|their|Russia['’]s|Moscow['’]s)\s+proxies\s+|(?:it|they)\s+|"
                          r"(?:Russia|Moscow)\s+and\s+"
                          r"(?:its|their)\s+proxies\s+|(?:Russia|Moscow|"
                          r"separatists|proxies)\s+)?(?:had\s+)?(?:seized|captured|occupied|"
                          r"taken|held|controlled)\s+(?:by\s+(?:[\w-]+\s+){1,3}?)?)?(?:(?:in|before|by|"
                          # ("since 2022" only after a verb of taking: not "(no access to
                          # the areas of Donetsk) since February 2022"; "since 2014" alone)
                          r"since(?=\s+(?:(?:early|late|mid-?)\s*)?201[45])|(?<=seized\s)since|"
                          r"(?<=captured\s)since|(?<=occupied\s)since|(?<=taken\s)since|"
                          r"(?<=held\s)since|(?<=controlled\s)since)\s+(?:(?:early|late|"
                          r"mid-?)\s*)?(?:2014|2015|February\s+2022|2022)|"
                          # "the areas of Donbas held by Moscow-backed forces before February"
                          r"before\s+(?:February|the\s+(?:full[\s-]scale\s+)?(?:invasion|war)))\b",
                          re.I)
#: After a part, any holder's holding before a time long past: "(the parts of the Donetsk
#: and Luhansk regions) that Moscow-backed forces held before the full-scale invasion",
#: "(the areas of Donbas) it held before last February".
_HELD_BEFORE = re.compile(_AFTER_PART + r"(?P<said>(?:that\s+|which\s+)?"
                          r"(?:[\w'’-]+\s+){1,4}?(?:had\s+)?(?:seized|captured|occupied|taken|"
                          r"held|controlled)\s+before\s+(?:last\s+February|this\s+year|"
                          r"(?:the\s+)?(?:full[\s-]scale\s+)?(?:invasion|war)|(?:24\s+)?February\s+"
                          r"(?:24,?\s+)?2022)\b)", re.I)
#: "down from a" before a peak: the peak is an earlier figure's, not a claim's.
_FROM_A = re.compile(r"\bfrom\s+(?:a|an|its|their|the)\s+$", re.I)
#: A word of the present: a claim nearer one than a past peak is what is held now.
_NOW = re.compile(r"\b(?:now|still(?!\s+(?:held|controlled|occupied|had)\b)|currently|today|"
                  r"continues?\s+to|remains?|as\s+of|"
                  r"at\s+present|presently|holds|controls|occupies)\b", re.I)
#: Where a denial's reach ends: a line, a bar, a semicolon, a dash; and where the denier
#: says what it holds instead ("rejected the claim, saying its units still hold ...").
_BREAK = re.compile(r"[\n|;]|\s[—–]\s|,\s+(?:saying|insisting|adding|stressing|and\s+said)\b|"
                    r"\.\s+")


#: A line that starts with its date: "12 August - Kyiv says ...", "March 2025 - Russian
#: forces retake Sudzha.", "Aug. 6, 2024: ...", "2014 – ...".
_DATED_LINE = led(
    r"^[ \t•*-]*(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Z][a-z]{2,8})\.?|"
    r"(?:[A-Z][a-z]{2,8}\.?[–-])?(?P<m2>[A-Z][a-z]{2,8})"
    r"\.?(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?)?,?\s*(?P<y>(?:19|20)\d\d)?\s*[:–—-]\s", re.M)
#: A timeline's line of now: "Today — Russian forces hold ...", "Now: ...".
_NOW_LINE = re.compile(r"^[ \t•*-]*(?:today|now|at\s+present|currently|as\s+of\s+today)"
                       r"(?:\s*\([^)\n]{0,30}\))?\s*[:–—-]\s",
                       re.I | re.M)
#: How long before the last date of a timeline a line's holdings are then's, not now's.
TIMELINE_DAYS = 31


def _line_dates(text: str) -> list[tuple[int, dt.date]]:
    """The start and date of every line of ``text`` that starts with one, a missing year
    taken from the line before (a timeline runs in order), a missing day as the 1st."""
    out: list[tuple[int, dt.date]] = []
    year: int | None = None
    for m in _DATED_LINE.finditer(text):
        month_word = m.group("m1") or m.group("m2")
        month = MONTHS.get(month_word.lower().rstrip(".")) if month_word else None
        if month_word and month is None or not (month or m.group("y")):
            continue  # "Kyiv - ...", a bare dash
        if m.group("y"):
            year = int(m.group("y"))
        if year is None:
            continue
        day = int(m.group("d1") or m.group("d2") or 1)
        try:
            when = dt.date(year, month or 1, day)
        except ValueError:
            continue
        if out and when < out[-1][1] and not m.group("y"):
            try:
                when = dt.date(year + 1, month or 1, day)  # "November", "March" after it
            except ValueError:
                continue
            year += 1
        out.append((m.start(), when))
    return out


def mark_dated_lines(text: str, claims: list[ExtractedClaim], *,
                     day: dt.date | None = None) -> list[ExtractedClaim]:
    """``claims`` with the holdings of a timeline's dated lines more than
    :data:`TIMELINE_DAYS` before its last date (or before ``day``, the article's, when it
    is later) marked ``status: past``: "12 August - Kyiv says it controls 1,000 sq km" in a
    timeline that runs to April is then's; "26 April - ... completely liberated" is now's.
    A timeline is three dated lines or more."""
    dates = _line_dates(text) if len(text) > 40 else []
    if len(dates) < 3 or not any(c.kind.startswith("control") for c in claims):
        return claims
    last = max(max(d for _, d in dates), day or dt.date.min)
    if _NOW_LINE.search(text, dates[-1][0]):
        last = dt.date.max  # "Today — Russian forces hold ...": every dated line is history
    starts = [a for a, _ in dates]
    out = []
    for c in claims:
        i = next((j for j in range(len(starts) - 1, -1, -1) if starts[j] <= c.span[0]), None)
        if (i is not None and c.kind.startswith("control") and c.status is None
                and "\n" not in text[starts[i]:c.span[0]].strip("\n")
                and (last - dates[i][1]).days > TIMELINE_DAYS):
            words = text[starts[i]:starts[i] + 24].split(" -")[0].split(":")[0].strip()
            c = replace(c, status="past", review=c.review + (
                f"a past figure (a timeline's line of {dates[i][1].isoformat()}, '{words}'): "
                "kept as a note, not checked against the map of the article's day",))
        out.append(c)
    return out


#: A fact check's line that gives the claim it checks: "What was claimed", "STATEMENTS WE
#: CHECKED", "✅ CHECKED:", "Claim:", "One version of the claim, posted on X ..., reads:", a
#: quiz's "True or false?".
_CHECKED_CLAIM = led(r"^\W*(?:(?:quiz|question|q\d*)\s*[:.]\s*)?(?:what\s+was\s+claimed|"
                     r"what\s+(?:they|he|she)\s+said|"
                     r"(?:the\s+)?claim\s*(?:\d+\s*)?:|(?:statements?|what)\s+we\s+checked|"
                     r"checked\s*:|true\s+or\s+false\s*[?:]?)|\b(?:version|copy)\s+of\s+"
                     r"the\s+claim\b[^\n]{0,120}?\breads?\s*:", re.I | re.M)
#: A word every :data:`_CHECKED_CLAIM` match has (lower case).
_CLAIM_WORD = led("claim|checked|true or false")
#: A fact check's verdict of false: "RATING: FALSE", "Our verdict / Incorrect.", "❌ FALSE",
#: "The claim is false", "This is a fake", a quiz's "Answer: False".
_FALSE_VERDICT = re.compile(r"\b(?:rating|verdict)\W{0,3}(?:\n\s*)?(?:false|incorrect|wrong|"
                            r"mostly\s+false|pants\s+on\s+fire|fake)\b|❌\s*(?:false|fake|"
                            r"incorrect|wrong)\b|\banswer\s*:\s*(?:false|wrong)\b|"
                            r"\b(?:the|this)\s+claims?\s+(?:is|are)\s+"
                            r"(?:false|untrue|fake|wrong)\b|\bthis\s+is\s+(?:a\s+)?fake\b", re.I)
#: How far from a fact check's claim line its verdict may stand (characters).
_VERDICT_REACH = 1500


def checked_false(text: str, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """``claims`` without those a fact check quotes as the claim it checks and rates
    false, wherever the article repeats them ("STATEMENTS WE CHECKED / "Russia only holds
    about 10% of Ukraine." / RATING: FALSE", and "..., the senator said" further on).

    The claim is the rest of its claim line ("CLAIM: ...", "... reads: ...") or, when that
    line holds nothing more, the next line; its verdict of false stands after it, within
    1,500 characters and before the next claim line, or else before it (a rating at the
    top), after the claim line before. A holding, an offer or a demand so quoted is no
    claim; the figure the fact check gives instead stands.
    """
    low = text.lower()
    lines: list[re.Match[str]] = []
    at = 0
    while (hit := _CLAIM_WORD.search(low, at)) is not None:
        # (only the lines with the words: the pattern is not tried across the article)
        start = low.rfind("\n", 0, hit.start()) + 1
        end = low.find("\n", hit.end())
        end = len(low) if end < 0 else end
        lines += _CHECKED_CLAIM.finditer(text, start, end)
        at = end + 1
    if not lines:
        return claims
    quoted: list[tuple[int, int]] = []
    for k, m in enumerate(lines):
        nxt = lines[k + 1].start() if k + 1 < len(lines) else len(text)
        prev = lines[k - 1].end() if k else 0
        verdict = (_FALSE_VERDICT.search(text, m.end(), min(nxt, m.end() + _VERDICT_REACH))
                   or _FALSE_VERDICT.search(text, max(prev, m.start() - _VERDICT_REACH),
                                            m.start()))
        if verdict is None:
            continue
        start = m.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if len(text[start:end].strip()) < 10:  # a heading: the claim is the next line
            start = end
            while start < len(text) and text[start] in " \t\r\n":
                start += 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
        if verdict.start() > m.end():
            end = min(end, verdict.start())  # "Claim: ... Verdict: FALSE. (the facts)"
        quoted.append((m.start(), end))
    if not quoted:
        return claims
    # (the same figure again, hedged or not: "barely a tenth" quoted, "a tenth" repeated)
    false = {(c.kind, c.actor, c.regions, c.value, c.unit) for c in claims
             if not c.status and any(a <= c.span[0] < b for a, b in quoted)}
    return [c for c in claims if (c.kind, c.actor, c.regions, c.value, c.unit) not in false]
