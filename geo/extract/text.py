"""Article text: checked once where it enters, then cut into sentences with offsets.

Offsets are character positions in the text as given (after decoding), so a claim's
``span`` points at the words it came from.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from geo.errors import ArticleError
from geo.extract.patterns import led

__all__ = ["MAX_CHARS", "Sentence", "check_article", "sentences", "decode_article", "unwrapped",
           "article_date", "ambiguous_date", "DATELINE_CHARS", "MONTHS", "clear_caches"]

#: Longest article read, in characters (a 5,000-word article is ~30,000).
MAX_CHARS = 1_000_000
_COMMON = frozenset((
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "at",
    "from", "was", "were", "has", "have", "it", "its", "said", "are", "be", "this", "which",
    "would", "will", "an", "or", "not",
    # the words of a table of control: "Donetsk: about 79 %", "Kherson oblast ... 74 percent"
    "about", "roughly", "around", "percent", "per", "cent", "region", "regions", "oblast",
    "oblasts", "km", "square", "kilometres", "kilometers", "held", "controlled", "occupied",
    "control", "share", "each", "own", "estimate", "all", "entire", "most", "part", "parts",
    # the words of headlines and tickers, which drop "the" and "of" ("KREMLIN: UKRAINIAN
    # TROOPS MUST LEAVE KURSK REGION BEFORE ANY CEASEFIRE TALKS")
    "must", "leave", "before", "after", "any", "more", "into", "over", "under", "near", "than",
    "but", "says", "say", "claims", "talks", "troops", "forces", "villages", "missiles",
    "fires", "war", "peace", "ceasefire", "withdraw", "holds", "hold", "takes", "new", "they",
    "he", "she", "we", "our", "his", "their"))
#: Function words of the other languages news comes in (French, German, Spanish, Italian,
#: Portuguese, Polish, Dutch), none of them an English word.
_FOREIGN = frozenset((
    "der", "die", "das", "und", "nicht", "mit", "den", "dem", "des", "ist", "sich", "auf",
    "les", "le", "la", "et", "du", "une", "est", "pour", "dans", "sur", "selon", "qui", "pas",
    "el", "los", "las", "que", "por", "una", "del", "con", "il", "di", "che", "della",
    "sono", "nel", "os", "em", "uma", "nao", "nie", "jest", "oraz", "przez", "het", "een",
    "niet", "van"))
_WORD = led(r"[A-Za-z]+")
_CONTROL = led(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters but tab, LF, CR
_LETTER = led(r"[^\W\d_]")  # a letter of any script
# A sentence ends at . ! ? (then a space and a capital, a quote or a digit) or a line
# break between paragraphs; "U.S.", "No. 5" and leader dots ("Kherson ..... 73%") do not
# end one.
_END = led(r"(?=[.!?\n \t])(?:"  # (a look first: most characters end nothing)
           r"(?=[.!?])(?<!\bU\.S)(?<!\bNo)(?<!\bMr)(?<!\bDr)(?<!\bSt)(?<!\.\.)"
           # abbreviations: AP-style months ("Jan. 22"), titles ("Sen. Graham"),
           # hedges ("approx. 19.4%")
           + "".join(rf"(?<!\b{w})" for w in (
               "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
               "Mrs", "Ms", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Maj",
               "Prof", "Capt", "Adm", "approx", "ca", "c", "vs", "est"))
           # "at 9 a.m. Moscow time" (a time zone after a.m./p.m., no sentence end)
           + r"(?!(?<=[ap]\.m)\.\s+(?:Kyiv|Kiev|Moscow|London|Washington|Brussels|local|"
           r"GMT|BST|CET|CEST|EST|EDT|ET|UTC|Eastern|Central|Pacific)\b)"
           + r"(?<!^\d)(?<!\n\d)(?<!^\d\d)(?<!\n\d\d)"  # "1. " numbering a list item
           # a closing quote, bracket or emphasis, or a footnote's mark ("of each.³
           # Ukraine", "Kherson.[12] Kyiv")
           r"[.!?](?:['\"”’)]|\*{1,2}|_{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])?"
           r"(?=\s+[\"“‘(]?[A-Z0-9])|\n\s*\n"
           # a line break before a list item (a bullet or a number), or after a line
           # that opens a list, or ends a line of a list
           r"|\n(?=[ \t]*(?:[-*•·–—▶►▸➤➡→👉🔹🔸✅📍📌]\ufe0f?|\d{1,2}[.)]|"
           r"\d\ufe0f?\u20e3)[ \t]+)"  # keycap numbers ("1️⃣ Russia holds ...")
           r"|(?<=:)[ \t]*\n|(?<=including)[ \t]*\n|(?<=such as)[ \t]*\n)")
#: A line that opens a list (the lines after it, up to a blank line, are its items).
_OPENS_LIST = led(r"(?::|\bincluding|\bsuch\s+as)\s*$", re.I)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: its text and where it starts."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def decode_article(raw: bytes, *, label: str = "input") -> str:
    """Bytes of an article as text: UTF-8 (a BOM is dropped); anything else is refused
    with a message that says what came."""
    if len(raw) > 4 * MAX_CHARS:
        raise ArticleError(f"{label}: {len(raw) / 1e6:.1f} MB is too large for an article; "
                           f"expected at most {MAX_CHARS:,} characters. Give one article.")
    if b"\x00" in raw[:65536]:
        raise ArticleError(f"{label}: binary data (NUL bytes), not text; expected an "
                           "English news article as plain UTF-8 text.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{label}: not UTF-8 text (byte {exc.start}); expected an "
                           "English news article as plain UTF-8 text.") from None


#: A line break inside a sentence of hard-wrapped text (a saved page, an e-mail, a plain-text
#: newsletter wrapped at ~70-100 characters): after a line of at least 45 characters that
#: ends no sentence, clause list or table row, before a line going on in lower case ("...
#: hold roughly three\nquarters of Zaporizhzhia", "about 70 per\ncent").
_HARD_WRAP = re.compile(r"(?<=[^\n]{45})(?<![.!?:;|])[ \t]*\n(?=[ \t]*[a-z])")


def unwrapped(text: str) -> str:
    """``text`` with the line breaks of hard wrapping inside a sentence made spaces (each
    break and the spaces before it, so every offset stays that of ``text``); the breaks of
    lists, tables, headings and paragraphs stay."""
    return _HARD_WRAP.sub(lambda m: " " * len(m.group(0)), text) if "\n" in text else text


def check_article(text: str, *, label: str = "input") -> str:
    """``text`` if it can be read as English news text, else :class:`ArticleError`."""
    if not isinstance(text, str):
        raise ArticleError(f"{label}: expected text, got {type(text).__name__}.")
    if len(text) > MAX_CHARS:
        raise ArticleError(f"{label}: {len(text):,} characters is too large for an article; "
                           f"expected at most {MAX_CHARS:,}. Give one article.")
    if not text.strip():
        raise ArticleError(f"{label}: empty; paste or give the text of an English news "
                           "article.")
    controls = len(_CONTROL.findall(text, 0, 20000))
    if controls > 0.01 * min(len(text), 20000):
        raise ArticleError(f"{label}: binary data ({controls} control characters), not "
                           "text; expected an English news article.")
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    latin = len("".join(_WORD.findall(sample)))
    words = [w.lower() for w in _WORD.findall(sample)]
    english = sum(w in _COMMON for w in words)
    foreign = sum(w in _FOREIGN for w in words)
    if letters >= 10 and (latin < 0.6 * letters
                          or (foreign >= 2 and foreign > english)
                          # a short text in capitals (a ticker, lower thirds) drops "the" and
                          # "of": few common words is no sign of another language there, nor
                          # none in a headline ("Putin demands Kyiv quit Donetsk")
                          or (english < 0.08 * max(len(words), 1)
                              and (len(words) >= 60 or foreign > 0))):
        raise ArticleError(f"{label}: does not read as English ({latin} of {letters} letters "
                           "Latin; few common English words); the extractor reads English "
                           "news text only.")
    return text


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their start offsets (whitespace trimmed); a new list
    (the claim rules and the pace rules both read an article's sentences: cut once)."""
    return list(_sentences(text))


def clear_caches() -> None:
    """Forget the articles cut so far (benchmarks read afresh)."""
    _sentences.cache_clear()


@functools.lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    pos = 0
    for m in _END.finditer(text):
        _add(out, text, pos, m.end())
        pos = m.end()
    _add(out, text, pos, len(text))
    # after a line that opens a list, each line is an item (a list without markers)
    split: list[Sentence] = []
    for s in out:
        if split and "\n" in s.text and _OPENS_LIST.search(split[-1].text[-24:]):
            offset = 0
            for line in s.text.split("\n"):
                _add(split, s.text, offset, offset + len(line), base=s.start)
                offset += len(line) + 1
        else:
            split.append(s)
    return tuple(split)


def _add(out: list[Sentence], text: str, start: int, end: int, *, base: int = 0) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        out.append(Sentence(stripped, base + start + chunk.index(stripped)))


MONTHS = {m: i for i, names in enumerate((
    (), ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
    ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=0) for m in names}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
#: A dateline or a date line at the top of an article: "MOSCOW, Nov 23 (Agency) —",
#: "Washington, 4 March:", "Published: 18 March 2025", "2025-03-18", "2026/02/19 21:07
#: JST", and the day-first numeric dates of European outlets, "14.02.2025, 18:42".
_DATES = (
    re.compile(r"\b(\d{4})([-/.])(\d{2})\2(\d{2})\b"),
    led(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I),
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b", re.I),
    re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    # "12/09/2024": day first (Brazil, Britain) or month first (the US); read only when the
    # numbers tell which (a part above 12 is the day)
    re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\b"),
)
#: How far into the article a dateline may be (characters): its first lines.
DATELINE_CHARS = 400


def ambiguous_date(text: str) -> str | None:
    """The words of a numeric date at the top of ``text`` that could be day or month first
    ("12/09/2024": 12 September or 9 December), or None."""
    for m in _DATES[4].finditer(text[:DATELINE_CHARS]):
        if 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 12 \
                and m.group(1) != m.group(2):
            return m.group(0)
    return None


#: A page's "Published on ..." line further down than a dateline may be (under a long
#: headline and standfirst): its date is the article's (characters searched).
_PUBLISHED = re.compile(r"\b(?:Published|Posted|First\s+published|Updated)(?:\s+on)?[:\s]+",
                        re.I)
PUBLISHED_CHARS = 1200


def article_date(text: str, *, today: dt.date) -> tuple[dt.date, str] | None:
    """The date an article gives at its top (a dateline, a date line), and the words it
    came from; None when its first lines give none.

    A date without a year is taken in the latest year that does not put it after
    ``today`` ("Nov 23" read on 2026-03-01 is 2025-11-23). A full date after ``today``
    is not an article's date and is left out.
    """
    head = text[:DATELINE_CHARS]
    found: list[tuple[int, dt.date, str]] = []
    for i, pattern in enumerate(_DATES):
        for m in pattern.finditer(head):
            g = m.groups()
            try:
                if i == 0:
                    year, month, day = int(g[0]), int(g[2]), int(g[3])
                elif i == 3:  # day first: 14.02.2025
                    day, month, year = int(g[0]), int(g[1]), int(g[2])
                elif i == 4:  # 25/11/2024 or 11/25/2024; 12/09/2024 says neither
                    a, b, year = int(g[0]), int(g[1]), int(g[2])
                    if a > 12 >= b:
                        day, month = a, b
                    elif b > 12 >= a:
                        day, month = b, a
                    else:
                        continue
                elif i == 1:
                    month, day = MONTHS[g[0].lower().rstrip(".")], int(g[1])
                    year = int(g[2]) if g[2] else 0
                else:
                    day, month = int(g[0]), MONTHS[g[1].lower().rstrip(".")]
                    year = int(g[2]) if g[2] else 0
                if not year:
                    year = today.year
                    if dt.date(year, month, day) > today:
                        year -= 1
                when = dt.date(year, month, day)
            except (ValueError, KeyError):
                continue
            if when <= today:
                found.append((m.start(), when, m.group(0)))
    if not found:
        published = _PUBLISHED.search(text, 0, PUBLISHED_CHARS)
        if published is not None and published.start() >= DATELINE_CHARS - 40:
            # "Published on November 12, 2024 at 5:30 pm" under a long headline and
            # standfirst, below the first lines
            return article_date(text[published.end():published.end() + 40], today=today)
        return None
    _, when, words = min(found)
    return when, words
