"""Who speaks: the side of first-person text, so that "we", "our troops", "they" and "the
enemy" in a transcript, a quotation or a post can be given a side.

Three shapes name a speaker:

- a transcript's turn, a line opening on its speaker's label ("TKACHUK: We still hold
  ..."), the side read from the label's description ("COL. DANYLIUK (Ukrainian brigade
  commander):"), from the line that introduces the speaker elsewhere in the text
  ("Guest: Russian senator Viktor Gorbunov"), or from the language the transcript was
  translated from; hosts, presenters and interviewers have no side;
- a quotation whose speaker is named next to it ('"We still hold Kramatorsk," said a
  Ukrainian commander'; 'Russia's foreign minister said: "..."');
- a paragraph introduced as one side's words, on a line ending in a colon ("Ukrainian MP,
  on Telegram (translated from Ukrainian):", "From the President's address to Ukrainian
  ambassadors:").

A span's side is only ``RU`` or ``UA``; a speaker with no side (an analyst, a host, a
diplomat of a third country) gives no span. Offsets are characters of the article.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from geo.extract.patterns import led

__all__ = ["Voice", "voices", "voice_at", "FIRST_PERSON", "OUR_COUNTRY"]


@dataclass(frozen=True)
class Voice:
    """A span of the article (``start``..``end``) spoken for ``side``; ``why`` says how
    the speaker was known (shown in a claim's review)."""

    start: int
    end: int
    side: str
    why: str


#: A first-person mention of the speaker's side: "we", "us", "our troops".
FIRST_PERSON = led(r"\b(?:(?i:we)(?!['’]d\b)|us|(?i:our)\s+(?:troops|forces|army|soldiers|"
                   r"defenders|units|side|boys|lads|guys|military|brigades?|fighters|men)|"
                   r"(?i:our)(?=\s+(?:full\s+|complete\s+)?control\b)|(?i:ours))\b")
#: The speaker's country: "of our territory", "of our country".
OUR_COUNTRY = led(r"\b(?:of\s+)?our\s+(?:country|territory|land|state|homeland)(?:['’]s\s+"
                  r"territory)?\b", re.I)

#: Speakers without a side of the war: the people asking the questions.
_HOST = led(r"\b(?:host|co-host|presenter|anchor|interviewer|moderator|chair(?:man|woman)?|"
            r"reporter|correspondent|journalist|caller|narrator|announcer|editor|Q)\b", re.I)

#: A transcript turn: a line opening on a label in capitals ("TKACHUK:", "COL. MYKOLA
#: DANYLIUK (brigade commander):") or on a name used as a label more than once.
_LABEL = led(r"^[ \t]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]*)?"
             r"(?P<label>[A-Z][A-Z.'’\- ]{0,40}[A-Z.]|"
             r"[A-Z][a-z'’\-]+(?:[ \t][A-Z][a-z'’\-]+)"
             r"{0,3}|Q|A)"
             r"(?P<desc>(?:[ \t]*\([^)\n]{1,120}\))?(?:,[ \t]*[^:\n]{2,80}?)?)[ \t]*:[ \t]+"
             r"(?=\S)", re.M)
#: Labels that are page furniture or a list's heading, not a speaker.
_NOT_SPEAKER = re.compile(r"^(?:BREAKING|UPDATE|UPDATED|NOTE|EDITOR|PHOTO|CAPTION|IMAGE|WATCH|"
                          r"READ|RELATED|KEY|MAP|SOURCE|SOURCES|CORRECTION|CLARIFICATION|"
                          r"TIMELINE|ANALYSIS|CONTEXT|BACKGROUND|FACT|CLAIM|VERDICT|RATING|"
                          r"UPSHOT|BOTTOM|TL|TLDR|PS|NB|EDIT|LIVE|FLASH|URGENT|DEVELOPING|"
                          r"OPINION|COMMENT|WHY|WHAT|HOW|WHO|WHERE|WHEN|EXCLUSIVE)\b", re.I)

#: Words that say the line introduces what someone said or wrote.
_SAYS = led(r"\b(?:said|says|told|wrote|writes|posted|posts?|tweet(?:ed)?|address|"
            r"speech|statement|remarks|message|appeal|interview|briefing|telegram|"
            r"channel|on\s+X|facebook|instagram|video|caption|translated|spokes\w+|"
            r"minister|official|commander|officer|MP|deputy|senator|blogger|"
            r"president|governor|ambassador|envoy|negotiator|veterans?|soldier|"
            r"volunteer|resident)\b", re.I)

#: A quotation (straight or curly quotes, one paragraph).
_QUOTE = led(r"\"(?P<a>[^\"\n]{12,}?)\"|“(?P<b>[^”\n]{12,}?)”")
_SPEECH_VERB = (r"(?:said|says|told|tells|added|adds|wrote|writes|insisted|insists|declared|"
                r"stressed|warned|argued|asked|replied|answered|posted|tweeted|continued|"
                r"explained|noted|claimed|claims|admitted|admits|acknowledged|conceded|"
                r"recalled|remarked|announced|stated|threatened|made\s+the\s+threat|"
                r"according\s+to)")
#: The speaker after a quotation: '," said a Ukrainian commander' / '," the minister said'.
#: A character of a speaker's words: no sentence's end, but a title's point ("Col. Viktor
#: Sytnyk, a spokesman for ...").
_WHO_CHAR = (r"(?:[^.;:\"“”\n]|(?<=\bCol)\.|(?<=\bGen)\.|(?<=\bLt)\.|(?<=\bMaj)\.|"
             r"(?<=\bCapt)\.|(?<=\bSgt)\.|(?<=\bDr)\.|(?<=\bMr)\.|(?<=\bMs)\.|(?<=\bMrs)\.)")
_WHO_AFTER = led(r"\s*,?\s*(?:" + _SPEECH_VERB + r"\s+(?P<w1>" + _WHO_CHAR + r"{2,100})|"
                 r"(?P<w2>" + _WHO_CHAR + r"{2,80}?)\s+" + _SPEECH_VERB + r"\b)", re.I)
#: The speaker on the line after a quotation, after a dash: "- Col. Andriy Vashchuk,
#: commander of a Ukrainian brigade".
_WHO_LINE = re.compile(r"[ \t]*\n[ \t]*[-–—―]+[ \t]*(?P<w>[^\n]{2,160})")
#: The verb before a quotation: 'Russia's foreign minister (said: ")' / '(told reporters, ")'.
_VERB_BEFORE = re.compile(r"\s" + _SPEECH_VERB + r"(?:\s+[\w’'-]+){0,3}?\s*[:,]\s*$", re.I)

#: Officials whose side the text may not state ("Peskov said"): a short, stable list.
_OFFICIALS = {
    "RU": ("peskov", "lavrov", "zakharova", "shoigu", "medvedev", "ushakov", "gerasimov",
           "belousov", "medinsky", "nebenzya", "dmitriev", "volodin", "matviyenko"),
    "UA": ("sybiha", "kuleba", "yermak", "syrskyi", "umerov", "budanov", "podolyak",
           "shmyhal", "svyrydenko", "stefanchuk", "zaluzhnyi", "lubinets", "tykhyi",
           "zelenska", "kyslytsya"),
}


#: A speaker's side, said of the speaker: "a Ukrainian commander", "Russia's foreign
#: minister", "Moscow-installed governor", "translated from Russian", "Peskov". A side
#: merely named near the speaker ("a meeting on Ukraine") is not the speaker's.
_CUE = {
    "UA": led(r"\b(?:Ukrainian|Ukraine['’]s|Kyiv['’]s|Kyiv-(?:based|appointed)|"
              r"Zelensk(?:y|yy|iy)|(?:president|armed\s+forces|parliament|government|"
              r"ministry|minister|general\s+staff|ombudsman|people)\s+of\s+Ukraine|"
              r"Verkhovna\s+Rada|Rada|"
              # Ukraine's wartime regional authorities (Moscow's appointees run
              # "military-civilian administrations")
              r"(?<!civilian\s)(?<!-)(?:regional|oblast|city)\s+military\s+administration)\b",
              re.I),
    "RU": led(r"\b(?:Russian|Russia['’]s|Moscow['’]s|Moscow-(?:installed|appointed|based)|"
              r"Kremlin|Putin|State\s+Duma|Duma|(?:president|armed\s+forces|government|"
              r"ministry|minister|general\s+staff|people)\s+of\s+(?:Russia|the\s+Russian\s+"
              r"Federation)|(?:Lugansk|Luhansk|Donetsk)\s+People['’]s|LPR|DPR)\b", re.I),
}


def _side_of(words: str, *, nearest: bool = False) -> str | None:
    """The side a speaker's description names first ("a Ukrainian commander",
    "Russian-installed official", "translated from Russian", "Peskov"), or last with
    ``nearest`` (the words right before a name), or None (also for a host, a reporter)."""
    low = words.lower()
    if _HOST.search(words) and not re.search(r"\b(?:minister|official|commander|MP)\b", words):
        return None
    found = [(m.start(), side) for side, cue in _CUE.items() for m in cue.finditer(words)]
    found += [(m.start(), side) for side, names in _NAMED.items() for m in names.finditer(low)]
    return (max(found) if nearest else min(found))[1] if found else None


_NAMED = {side: led(r"\b(?:" + "|".join(names) + r")\b")
          for side, names in _OFFICIALS.items()}


def voices(text: str) -> tuple[Voice, ...]:
    """The spans of ``text`` spoken for a side, in text order (nested quotes inside a
    turn are the quote's own speaker's)."""
    out = _turns(text) + _introduced(text) + _translated(text)
    for q in _QUOTE.finditer(text):
        body = q.group("a") or q.group("b")
        if not _WANTS_SIDE.search(body):
            continue
        voice = _quoted(text, q)
        if voice is not None:
            out.append(voice)
    # the narrowest span speaks: a quotation inside a turn is the quote's speaker's
    return tuple(sorted(out, key=lambda v: (v.start, -v.end)))


def voice_at(voices_: tuple[Voice, ...], pos: int) -> Voice | None:
    """The narrowest voice that covers ``pos``."""
    best: Voice | None = None
    for v in voices_:
        if v.start <= pos < v.end and (best is None or v.end - v.start < best.end - best.start):
            best = v
    return best


#: Words a speaker's side decides: first person, "they", "the enemy".
_WANTS_SIDE = re.compile(r"\b(?:we|us|our|ours|they|them|their|enemy|adversary)\b", re.I)


def _turns(text: str) -> list[Voice]:
    labels = [m for m in _LABEL.finditer(text) if _is_speaker(text, m)]
    if not labels:
        return []
    mixed = [m for m in labels if not m.group("label").isupper()]
    counts: dict[str, int] = {}
    for m in mixed:
        counts[m.group("label")] = counts.get(m.group("label"), 0) + 1
    # a name in mixed case is a label only when it opens two turns or more ("Marchenko:")
    labels = [m for m in labels if m.group("label").isupper() or counts[m.group("label")] > 1]
    if len(labels) < 2 and not any(m.group("desc") for m in labels):
        return []
    low = text.lower()
    language = _language(low)
    spoken = _language_side(language) if language else None
    known: dict[str, tuple[str | None, str]] = {}  # label -> its introduction, read once
    guest: tuple[str | None, str] | None = None
    out: list[Voice] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else _paragraph_end(text, m.end())
        label, desc = m.group("label"), m.group("desc").strip(" \t,()") or ""
        if label in ("Q",) or _HOST.search(label) or _HOST.search(desc):
            # a host speaks for no side, unless for the side of the broadcast's language
            # ("translated from Ukrainian": "How much do we still hold?")
            if language and spoken and label != "Q":
                out.append(Voice(m.end(), end, spoken, f"the host of a transcript "
                                                       f"{language.group(0)}"))
            continue
        side = _side_of(desc) if desc else None
        why = f"the speaker's label '{label} ({desc})'" if side else ""
        if side is None and not desc:
            if label not in known:
                known[label] = _introduced_as(text, low, label, labels)
            side, line = known[label]
            why = f"the speaker, introduced as '{line}'" if side else ""
            if side == "host":
                if language and spoken:
                    out.append(Voice(m.end(), end, spoken, f"the host of a transcript "
                                                           f"{language.group(0)}"))
                continue
        if side is None and language and label != "A":
            side, why = spoken, f"the speaker of a transcript {language.group(0)}"
        elif side is None and label == "A":
            guest = guest or _guest_side(text)
            side, why = guest
        if side in ("RU", "UA"):
            out.append(Voice(m.end(), end, side, why))
    return out


#: A transcript's language: "Translated from Ukrainian".
_TRANSLATED = re.compile(r"(?:translated\s+from|(?:given|spoken|delivered|conducted)\s+in)\s+"
                         r"(?:the\s+)?(ukrainian|russian)\b")  # searched in lower case


def _language_side(m: re.Match[str]) -> str:
    """The side of a transcript's language (:data:`_TRANSLATED`)."""
    return "UA" if m.group(1) == "ukrainian" else "RU"


def _language(low: str) -> re.Match[str] | None:
    """The first "translated from Ukrainian" (or "given in Russian") of text ``low`` (in
    lower case), found by its literal words first: a pattern run over the whole text
    costs more than the rest of the speaker's reading."""
    found = [i for i in (low.find(w) for w in _LANGUAGE_WORDS) if i >= 0]
    for i in sorted(found):
        m = _TRANSLATED.match(low, i)
        if m:
            return m
    return None


_LANGUAGE_WORDS = ("translated from", "given in", "spoken in", "delivered in", "conducted in")


def _is_speaker(text: str, m: re.Match[str]) -> bool:
    label = m.group("label")
    if _NOT_SPEAKER.match(label) or len(label) > 44:
        return False
    eol = text.find("\n", m.end())
    rest = text[m.end():eol if eol >= 0 else len(text)]
    # a speaker says words; a list line gives a figure ("LUHANSK: 99%")
    return len(rest.split()) >= 2 and not re.match(r"[~≈<>]?\s*\d", rest)


def _introduced_as(text: str, low: str, label: str, labels: list[re.Match[str]]
                   ) -> tuple[str | None, str]:
    """The side of the line that introduces the speaker ``label`` ("Guest: Deputy Defence
    Minister Oleh Tkachuk", "Hosts: ..."): 'host' for a host (``low``: ``text`` in lower
    case)."""
    name = label.split()[-1].strip(".").lower()
    if len(name) < 3:
        return None, ""
    spans = [(m.start("label"), m.end("desc")) for m in labels]
    for start in itertools.islice(_mentions(low, name, spans), 4):
        # the sentence that names the speaker ("Guest: Russian senator Viktor Gorbunov")
        back = text[max(0, start - 300):start]
        a = start - len(back) + max(back.rfind(c) for c in ".!?\n") + 1
        end = _SENTENCE_END.search(text, start + len(name), start + len(name) + 300)
        line = text[a:end.start() if end else min(len(text), start + len(name) + 300)]
        if _HOST.search(line[:max(0, start - a)][-60:]):
            return "host", line.strip()
        # the side said right before the name ("we spoke to the Ukrainian MP Taras
        # Bondarenko"), not one named earlier in the line ("A week after Vladimir Putin
        # set out his conditions, ...")
        side = _side_of(text[max(a, start - 50):start], nearest=True) or _side_of(line)
        if side:
            return side, line.strip()[:80]
    return None, ""


def _mentions(low: str, name: str, skip: list[tuple[int, int]]) -> Iterator[int]:
    """Where the word ``name`` stands in ``low`` outside the spans ``skip``."""
    at = low.find(name)
    while at >= 0:
        end = at + len(name)
        if ((at == 0 or not low[at - 1].isalnum()) and (end == len(low) or not low[end].isalnum())
                and not any(a <= at < b for a, b in skip)):
            yield at
        at = low.find(name, end)


#: The end of a sentence.
_SENTENCE_END = re.compile(r"[.!?\n]")


def _guest_side(text: str) -> tuple[str | None, str]:
    """An interview's "A:" is the guest: the side of the line naming the guest."""
    low = text.lower()
    at = min([i for i in (low.find(w) for w in ("guest", "interviewee", "spoke to",
                                                 "interview with")) if i >= 0], default=-1)
    m = _GUEST.search(text, at) if at >= 0 else None
    if m is None:
        return None, ""
    end = text.find("\n", m.end())
    line = text[text.rfind("\n", 0, m.start()) + 1:end if end >= 0 else len(text)]
    side = _side_of(line)
    return side, (f"the guest, introduced as '{line.strip()[:80]}'" if side else "")


_GUEST = re.compile(r"\b(?:[Gg]uest|[Ii]nterviewee|spoke\s+to|[Ii]nterview\s+with)\b")


def _paragraph_end(text: str, pos: int) -> int:
    """The end of the paragraph (a blank line) or of the text."""
    m = _BLANK_LINE.search(text, pos)
    return m.start() if m else len(text)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _translated(text: str) -> list[Voice]:
    """A text whose heading says it was translated from Ukrainian or Russian ("[Translated
    from Russian. Telegram channel ...]"): the whole text speaks for that side (its own
    quotations and turns for their speakers)."""
    head = text[:400].lower()
    m = _language(head)
    if m is None or head.count("\n", 0, m.start()) > 4:
        return []
    return [Voice(0, len(text), _language_side(m), f"a text {m.group(0)}")]


def _introduced(text: str) -> list[Voice]:
    """Paragraphs after a line that introduces a side's words and ends in a colon."""
    out: list[Voice] = []
    at = text.find(":")
    while at >= 0:
        # a colon that ends its line (spaces may follow): found by str.find, not a pattern
        # run from every line start
        m = _LINE_END.match(text, at + 1)
        start = text.rfind("\n", 0, at) + 1
        line = text[start:at]
        if m and 8 <= len(line) <= 240 and _SAYS.search(line):
            side = _side_of(line)
            if side:
                out.append(Voice(m.end(), _paragraph_end(text, m.end()), side,
                                 f"introduced as '{line.strip()[:80]}'"))
        at = text.find(":", at + 1)
    return out


_LINE_END = re.compile(r"[ \t]*\n")


def _quoted(text: str, q: re.Match[str]) -> Voice | None:
    """The quotation ``q`` with its speaker's side, when the speaker is named beside it."""
    after = _WHO_AFTER.match(text, q.end())
    who = ""
    if after:
        who = after.group("w1") or after.group("w2") or ""
    elif (line := _WHO_LINE.match(text, q.end())) is not None:
        who = line.group("w")  # '"We hold maybe a third of ..."' / '- Col. ..., commander of
        # a Ukrainian mechanised brigade'

    chunk = text[max(0, q.start() - 160):q.start()]
    verb = _VERB_BEFORE.search(chunk) if chunk.rstrip().endswith((":", ",")) else None
    # the speaker: the words before the verb, back to the end of the sentence before
    said = re.split(r"[.;:\"“”\n]", chunk[:verb.start()])[-1] if verb else ""
    for words in (who, said):
        side = _side_of(words) if words else None
        if side:
            return Voice(q.start(), q.end(), side, f"a quotation of '{words.strip()[:60]}'")
    if re.fullmatch(r"\s*(?:he|she)\s*", who, re.I):
        # '"We are ready ...," he said': the one the sentence before the quotation names
        # first ("Zelensky has been speaking to journalists.")
        back = text[max(0, q.start() - 300):q.start()]
        back = back[back.rfind("\n\n") + 1:] if "\n\n" in back else back
        before = [x for x in re.split(r"(?<=[.!?])\s+", back.strip()) if x][-1:]
        side = _side_of(before[0]) if before else None
        if side:
            return Voice(q.start(), q.end(), side,
                         f"a quotation of '{who.strip()}', named before: '{before[0][:60]}'")
    return None
