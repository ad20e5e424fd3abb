"""Territorial claims extracted from English news text, by transparent rules and a small
learned reader for what they leave unread (:mod:`geo.extract.learned`).

:func:`extract_claims` reads an article (checked once: empty, binary, too large and
non-English input get an :class:`~geo.errors.ArticleError`) and returns every claim it
found -- kind, side, ISO 3166-2 regions (``UA`` for the whole country), figure, unit,
qualifier, interval (by :mod:`geo.intervals`), the offsets of its words and the
sentence -- each marked unreviewed, with the reasons a person should look at it.
:func:`draft_report` turns them into a report in the report file format.
Percent are shares of the named unit(s) or of Ukraine; areas are km².
"""

from geo.extract.claims import extract_claims
from geo.extract.draft import draft_report, draft_yaml
from geo.extract.model import CANONICAL, KINDS, SIDES, ExtractedClaim, claim_from_fields
from geo.extract.text import (
    MAX_CHARS,
    ambiguous_date,
    article_date,
    check_article,
    decode_article,
)

__all__ = ["ExtractedClaim", "extract_claims", "claim_from_fields", "draft_report",
           "draft_yaml", "KINDS", "SIDES", "CANONICAL", "MAX_CHARS", "check_article",
           "decode_article", "article_date", "ambiguous_date"]
