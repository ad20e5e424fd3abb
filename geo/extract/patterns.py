"""Faster searches for the extractor's word patterns, matching exactly what they match.

Most of the extractor's patterns open with a word boundary and a list of words
(``\\b(control|occupies|holds|...)``). Python's engine then tries the whole list at every
character of a sentence. :func:`led` puts a look-ahead for the letters the pattern can
start with in front of it: at most characters the search fails on that one class and moves
on. The pattern matches the same spans and groups; only the search is quicker (the cue
patterns of :data:`geo.extract.lexicon.CUES` 35-45 % on the benchmark article's sentences).

It leads the patterns a profile of ``benchmarks/bench_extract.py`` found searching for at
least 0.05 ms an article (about 180 of some 480), not every one: the class is read from a
second parse of the pattern, and parsing all of them would add about 0.3 s to every import.

No units or CRS: text only.
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _parser
from typing import Any

__all__ = ["first_characters", "led"]

#: The classes a set may use that can be written back into a character class.
_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_SPACE: r"\s"}
#: Nodes that match nothing themselves (a boundary, an anchor, a look-around).
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


def _chars(node_items: list[tuple[Any, Any]]) -> list[str] | None:
    """The character-class items of an ``IN`` node, or None when one cannot be written back
    (a negated set, a category other than ``\\d``, ``\\w``, ``\\s``)."""
    out: list[str] = []
    for op, av in node_items:
        if op is _c.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _c.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            return None
    return out


def _firsts(items: Any) -> list[str] | None:
    """What the sequence ``items`` (a parsed pattern) can start with, as character-class
    items; None when it may match nothing or the start cannot be told."""
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue  # "\\b", "^", "(?<!no )": the next node gives the first character
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] == 0:
            # "(?:the\\s+)?Kremlin": the optional part's start, or what follows it
            optional, rest = _firsts(av[2]), _firsts(items[i + 1:])
            return None if optional is None or rest is None else optional + rest
        return _node_firsts(op, av)
    return None  # nothing but zero-width nodes: it may match the empty string


def _node_firsts(op: Any, av: Any) -> list[str] | None:
    """What one node that matches at least one character can start with."""
    if op is _c.LITERAL:
        return [re.escape(chr(av))]
    if op is _c.IN:
        return _chars(av)
    if op is _c.SUBPATTERN:
        # a group that folds case or widens classes where the rest does not ("(?i:we)")
        # would need a class of its own; one that stops folding ("(?-i:RU)") is only
        # matched more widely by the look-ahead
        return None if av[1] & (re.I | re.U | re.L) else _firsts(av[3])
    if op is _c.ATOMIC_GROUP:
        return _firsts(av)
    if op is _c.BRANCH:
        out: list[str] = []
        for alternative in av[1]:
            got = _firsts(alternative)
            if got is None:
                return None
            out += got
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _firsts(av[2])  # (at least once)
    return None  # a back-reference, ".", a negated literal ...: the start is not known


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class (``"[cohd]"``) of every character a match of ``pattern`` can
    start with, or None when that cannot be told (an optional first part, "." ...).

    Parameters
    ----------
    pattern : str
        A regular expression.
    flags : int, keyword
        Its ``re`` flags (``re.I``: the class is used with the same flags, so case is
        folded by the engine).

    Returns
    -------
    str or None
    """
    got = _firsts(_parser.parse(pattern, flags))
    if not got:
        return None
    return "[" + "".join(dict.fromkeys(got)) + "]"


def led(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, led by a look-ahead for its first characters when
    they can be told (:func:`first_characters`): the same matches, found sooner.

    Parameters
    ----------
    pattern : str
        A regular expression; one opening with inline global flags (``"(?i)..."``) is
        compiled as it is.
    flags : int, keyword
        Its ``re`` flags.

    Returns
    -------
    re.Pattern
    """
    first = None if pattern.startswith("(?") and re.match(r"\(\?[aiLmsux]+\)", pattern) \
        else first_characters(pattern, flags)
    if first is None:
        return re.compile(pattern, flags)
    end = "\n)" if flags & re.X else ")"  # (a verbose pattern may end in a comment)
    return re.compile(f"(?={first})(?:{pattern}{end}", flags)
