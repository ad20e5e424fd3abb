"""How big a figure-less part is said to be: small, or left unstated.

"A sliver of Kharkiv", "a few villages in Sumy" and "parts of Kharkiv along the border"
say the part is small: qualifier ``part``, the report format's "a smaller part", [0.5, 15]
% of the unit (:mod:`geo.intervals`). "The occupied part of the Zaporizhzhia region",
"Ukrainian-held parts of Donetsk" and "the part of Donetsk that Ukraine still holds" name
a part without sizing it. Read as a smaller part, they were checked against the 60-97 %
the maps show and called understated by up to 82 points (``frontline ingest`` of real
articles against the DeepState history). Such a part is qualifier ``some``: anything
from a sliver to almost all ([0.5, 99.5] %), so a map tests only that the side holds
ground there.

A part is ``some`` when the words that lead to its place are "part(s) of" after a
definite word ("the", "its", "this") or a word of holding ("occupied", "Russian-held",
"controlled", "remaining"), with no word of size ("small", "tiny", "a few"). Shares are
percent of the named unit(s); nothing here touches a figure.

"Almost all of Luhansk", "nearly the entire region", "Luhansk is virtually entirely
occupied" say a little less than all: qualifier ``nearly_all``, [90, 100] %
(:func:`nearly_whole`). Read as ``all``, [100, 100] %, they were called overstated by the
0.6-0.9 points of Luhansk a real map leaves to Ukraine.

The annotation convention (``docs/claim-annotation.md``) records ``some`` as ``part`` and
``nearly_all`` as ``all``; the scores count them so (:func:`annotated_qualifier`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.extract.model import ExtractedClaim
from geo.intervals import interval_from_claim

__all__ = ["unstated_parts", "nearly_whole", "annotated_qualifier"]

#: "part(s) of".
_PART_OF = re.compile(r"\bparts?\s+of\s+", re.I)
#: What may stand between "part(s) of" and the end of the claim's place.
_PLACE = re.compile(r"[^.;:!?,()\n]{0,60}", re.I)
#: The word just before "part(s) of" names the part by who holds it.
_HOLDING = re.compile(r"^(?:occupied|unoccupied|held|controlled|remaining|liberated|free|"
                      r"\w+-(?:held|controlled|occupied))$", re.I)
#: A definite word: "the part of Donetsk that Ukraine still holds", "this part of".
_DEFINITE = re.compile(r"^(?:the|its|their|this|that|these|those)$", re.I)
#: Words that may stand between it and "part": "the northern part", "the now occupied".
_BETWEEN = re.compile(r"^(?:\w+ern|ukrainian|russian|now|still|currently|same|other)$",
                      re.I)
#: Words after which "occupied", "held" is an adjective, not a verb ("in occupied parts").
_BEFORE_ADJECTIVE = (r"in|of|from|to|into|across|throughout|within|for|and|or|all|every|"
                     r"each|both|temporarily|illegally|still|now|currently")
#: A word of size, large or small: the part is sized (the rules read "most of", "the bulk
#: of" as large parts already).
_SIZED = re.compile(r"\b(?:small|smaller|smallest|tiny|little|narrow|thin|minor|few|"
                    r"sliver|fraction|large|larger|largest|big|bigger|biggest|greater|"
                    r"better|major|lion'?s|lion’s|main|most|bulk|vast|considerable|"
                    r"significant|substantial|sizeable|sizable|good|much)\b", re.I)


def _unstated(text: str, c: ExtractedClaim) -> bool:
    # the last "part(s) of" before the end of the claim's span (its last place)
    read = text[max(0, c.span[0] - 80):c.span[1]]
    last = max(_PART_OF.finditer(read), key=lambda m: m.start(), default=None)
    if last is None or not _PLACE.fullmatch(read[last.end():]):
        return False
    words = re.findall(r"[\w'’-]+", read[:last.start()].rsplit("\n", 1)[-1])[-4:]
    if not words or _SIZED.search(" ".join(words)):
        return False
    if _DEFINITE.match(words[-1]):
        return True  # "the part of Donetsk that Ukraine still holds"
    if _HOLDING.match(words[-1]):
        # "the occupied part of", "in Ukrainian-held parts of"; not a verb: "Russian troops
        # occupied parts of the region", "the Russians held part of our region"
        return len(words) == 1 or "-" in words[-1] or bool(
            _DEFINITE.match(words[-2]) or _BETWEEN.match(words[-2])
            or re.fullmatch(_BEFORE_ADJECTIVE, words[-2], re.I))
    at = max((i for i, w in enumerate(words) if _DEFINITE.match(w)), default=None)
    return at is not None and all(_HOLDING.match(w) or _BETWEEN.match(w)
                                  for w in words[at + 1:])


def unstated_parts(text: str, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """``claims`` of ``text`` with each figure-less ``part`` holding whose words leave its
    size open made ``some`` (its interval [0.5, 99.5] %); the rest as they are.

    Parameters
    ----------
    text : str
        The article the claims were read from (their spans index it).
    claims : list of ExtractedClaim
        The claims, in text order.

    Returns
    -------
    list of ExtractedClaim
        The same claims, in the same order.

    Examples
    --------
    >>> from geo.extract import extract_claims
    >>> [c.qualifier for c in extract_claims(
    ...     "Melitopol, in the occupied part of the Zaporizhzhia region, is quiet.")]
    ['some']
    >>> [c.qualifier for c in extract_claims("Russia holds a sliver of Kharkiv region.")]
    ['part']
    """
    iv = interval_from_claim("some", None, "percent")
    assert iv is not None
    return [replace(c, qualifier="some", low=iv.low, high=iv.high)
            if c.kind == "control_share" and c.qualifier == "part" and c.value is None
            and _unstated(text, c) else c for c in claims]


#: A word of wholeness: "all", "the entire", "the whole", "entirely", "fully".
_WHOLE = re.compile(r"\b(?:all|entire(?:ly)?|whole|wholly|fully|completely|totally)\b", re.I)
#: Right before it, a word of "not quite": "almost (all)", "nearly (the entire)",
#: "virtually (entirely)", "practically (all)".
_NEARLY = re.compile(r"\b(?:almost|nearly|virtually|practically|near-)\s*(?:the\s+)?$", re.I)


#: After the place: "(Luhansk) is almost entirely occupied", "(Luhansk), now virtually all
#: in Russian hands".
_NEARLY_AFTER = re.compile(r"\s*,?\s+(?:(?:is|are|was|were|remains?|has\s+been|have\s+been)\s+)?"
                           r"(?:now\s+|still\s+)?((?:almost|nearly|virtually|practically)\s+"
                           r"(?:entirely|completely|fully|wholly|all))\b", re.I)


def _nearly(text: str, c: ExtractedClaim) -> str | None:
    """The words that say "not quite all" of the claim's place ("almost all", "nearly the
    entire"), or None."""
    # the last word of wholeness before the end of the claim's span (its last place)
    read = text[max(0, c.span[0] - 40):c.span[1]]
    last = max(_WHOLE.finditer(read), key=lambda m: m.start(), default=None)
    if last is not None and (m := _NEARLY.search(read, max(0, last.start() - 24),
                                                 last.start())) is not None:
        return read[m.start():last.end()]
    after = _NEARLY_AFTER.match(text, c.span[1])
    return after.group(1) if after is not None else None


def nearly_whole(text: str, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """``claims`` with each share "almost all" or "nearly the entire" of its place made
    qualifier ``nearly_all`` ([90, 100] %) rather than ``all`` ([100, 100] %).

    Parameters
    ----------
    text : str
        The article the claims were read from (their spans are offsets into it).
    claims : list of ExtractedClaim
        The claims, in text order.

    Returns
    -------
    list of ExtractedClaim
        The same claims, in the same order.

    Examples
    --------
    >>> from geo.extract import extract_claims
    >>> [c.qualifier for c in extract_claims("Russia holds almost all of Luhansk.")]
    ['nearly_all']
    >>> [c.qualifier for c in extract_claims("Russia holds all of Crimea.")]
    ['all']
    """
    iv = interval_from_claim("nearly_all", None, "percent")
    assert iv is not None
    out = []
    for c in claims:
        words = (_nearly(text, c) if c.kind == "control_share" and c.qualifier == "all"
                 and c.value is None else None)
        if words is None:
            out.append(c)
            continue
        # (the rules' note "'almost all' read as all" said what this reads more closely)
        review = tuple(r for r in c.review if not _READ_AS_ALL.match(r))
        out.append(replace(c, qualifier="nearly_all", low=iv.low, high=iv.high,
                           review=(*review, f"'{' '.join(words.split())}' read as nearly all "
                                            f"(90-100 %)")))
    return out


#: The rules' note on a share read as all though the words said "almost".
_READ_AS_ALL = re.compile(r"'(?:almost|nearly|virtually|practically)\s+all' read as all$")


def annotated_qualifier(qualifier: str | None) -> str | None:
    """The qualifier as the annotation convention records it: ``some`` is ``part``,
    ``nearly_all`` is ``all``."""
    return {"some": "part", "nearly_all": "all"}.get(str(qualifier), qualifier)
