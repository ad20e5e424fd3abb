"""The record of one extracted claim, the kinds and sides it may name, and a claim built
from a person's edited fields.

Percent are shares of the named unit(s) or of Ukraine (``["UA"]``); areas are km². Regions
are ISO 3166-2 codes. Intervals come from :mod:`geo.intervals`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from geo.intervals import SHARE_QUALIFIERS, interval_from_claim

__all__ = ["SIDES", "KINDS", "CANONICAL", "ExtractedClaim", "claim_from_fields"]


#: Sides an extracted claim may name.
SIDES = ("RU", "UA", "US")


#: Kinds of extracted claims.
KINDS = ("control_share", "control_area", "demand_cede", "demand_withdraw", "offer_withdraw")


#: Extractor qualifier -> the report format's canonical qualifier (:mod:`geo.intervals`).
CANONICAL = {"over": "more_than", "under": "less_than", "around": "about", "exact": "exact",
             "all": "all", "part": "part", "large_part": "large_part", "some": "some",
             "nearly_all": "nearly_all"}


@dataclass(frozen=True)
class ExtractedClaim:
    """One territorial claim found in the text.

    ``regions`` are ISO 3166-2 codes (``["UA"]`` for the whole country); ``value`` and
    ``unit`` the figure as written (None for "all of", "parts of"); ``low``/``high`` its
    interval by :mod:`geo.intervals`; ``span`` the [start, end) offsets of the words
    the claim came from; ``review`` why it should be checked by a person (empty: the
    rules had no guess to make -- still unreviewed); ``status`` "earlier" for a demand the
    text says was replaced ("down from his original demand to ..."), "past" for a
    holding at a past peak ("at the height of the incursion, some 1,300 km²").
    """

    kind: str
    actor: str
    regions: tuple[str, ...]
    value: float | None
    unit: str | None
    qualifier: str | None
    low: float | None
    high: float | None
    span: tuple[int, int]
    sentence: str
    target: str | None = None
    review: tuple[str, ...] = field(default=())
    status: str | None = None
    #: a demand or offer that names the share the other side holds there ("withdraw from
    #: the 20 % of Donetsk it still holds"): that share and its qualifier; the demand
    #: itself is all of it (value None, qualifier "all"), as the annotation convention
    #: records it, and the share is the report format's withdraw_share figure
    held: tuple[float, str] | None = None
    #: kind "pace" (geo.extract.pace): the period, ISO first and last day (both included),
    #: what the figure is (gained, lost, net) and per what (period, day, week)
    period: tuple[str, str] | None = None
    measure: str | None = None
    per: str | None = None
    #: a share of several units taken together ("80 % of Donbas", "of the four regions"),
    #: checked against their combined area; else a share of each ("three quarters of
    #: Zaporizhzhia and Kherson")
    combined: bool = False

    @property
    def is_claim(self) -> bool:
        """Whether the annotation convention (``docs/claim-annotation.md``) counts it as a
        claim: any but a pace figure and a holding given as earlier or past ("down from
        1,300 km² at the peak"), which a draft keeps as a note and never checks."""
        return self.kind != "pace" and not (self.kind.startswith("control")
                                            and self.status in ("earlier", "past"))

    @property
    def region(self) -> str | None:
        """The one region of the claim, or None when it names several."""
        return self.regions[0] if len(self.regions) == 1 else None

    def as_dict(self) -> dict[str, Any]:
        """The claim as JSON-ready data (the ``frontline extract --json`` record)."""
        return {"kind": self.kind, "actor": self.actor, "target": self.target,
                "region": self.region, "regions": list(self.regions), "value": self.value,
                "unit": self.unit, "qualifier": self.qualifier, "low": self.low,
                "high": self.high, "span": list(self.span), "sentence": self.sentence,
                "review": list(self.review), "status": self.status,
                "combined": self.combined,
                "held": None if self.held is None else {"value": self.held[0], "unit": "percent",
                                                        "qualifier": self.held[1]}}


def claim_from_fields(*, kind: str, actor: str, regions: str | list[str] | tuple[str, ...],
                      value: float | None, unit: str | None, qualifier: str | None,
                      span: tuple[int, int] = (0, 0), sentence: str = "",
                      target: str | None = None, review: tuple[str, ...] = (),
                      where: str = "claim") -> ExtractedClaim:
    """A claim from edited fields (a person's review), checked, its interval computed
    again. Every problem is named in one :class:`~geo.errors.FrontlineError`."""
    from geo.boundaries import load_unit_table
    from geo.errors import FrontlineError

    # "UA-09+UA-14": a share of the units taken together (the review table's spelling)
    combined = isinstance(regions, str) and "+" in regions
    codes = tuple(r.strip().upper() for r in (regions.replace("+", ",").split(",")
                                              if isinstance(regions, str) else regions)
                  if r and r.strip())
    known = set(load_unit_table().index) | {"UA"}
    problems = []
    if kind not in KINDS:
        problems.append(f"kind: expected one of {', '.join(KINDS)}; got {kind!r}")
    if actor not in SIDES:
        problems.append(f"actor: expected one of {', '.join(SIDES)}; got {actor!r}")
    bad = [c for c in codes if c not in known]
    if not codes or bad:
        problems.append(f"regions: expected ISO 3166-2 codes such as UA-14 (or UA for the "
                        f"whole country), comma-separated (joined by + for a share of them "
                        f"together); got {', '.join(bad) or 'none'}")
    elif combined and (kind != "control_share" or len(codes) < 2 or "UA" in codes):
        problems.append(f"regions: units joined by + are a share of them together, for a "
                        f"control_share of two units or more; got {regions!r} for a {kind} "
                        f"(separate them with commas)")
    if qualifier is not None and qualifier not in CANONICAL:
        problems.append(f"qualifier: expected one of {', '.join(CANONICAL)} or empty; got "
                        f"{qualifier!r}")
    if unit not in (None, "percent", "km2"):
        problems.append(f"unit: expected percent, km2 or empty; got {unit!r}")
    elif unit == "km2" and value is not None and kind in ("demand_cede", "demand_withdraw",
                                                           "offer_withdraw"):
        problems.append(f"unit: a {kind} is a share of its regions; expected percent or no "
                        f"figure, got km2 (for the whole of what a side holds there, leave "
                        f"the figure empty and the qualifier 'all')")
    if value is not None and (value != value or value < 0):
        problems.append(f"value: expected a number of at least 0 or empty; got {value!r}")
    low = high = None
    if not problems and qualifier is not None and (value is not None
                                                   or qualifier in SHARE_QUALIFIERS):
        try:
            iv = interval_from_claim(CANONICAL[qualifier], value,
                                     "km2" if unit == "km2" else "percent")
        except FrontlineError as exc:
            problems.append(f"value/qualifier: {exc}")
        else:
            if iv is not None:
                low, high = iv.low, iv.high
    if problems:
        raise FrontlineError(f"{where}: " + "; ".join(problems) + ".")
    if kind in ("demand_cede", "demand_withdraw", "offer_withdraw") and value is not None \
            and qualifier in ("over", "under", "around", "exact"):
        # a demand's figure is the share the other side holds there: the demand is all of
        # it (the review table shows that share in the value column)
        return ExtractedClaim(kind, actor, codes, None, None, "all", 100.0, 100.0, span,
                              sentence, target, review, held=(value, qualifier))
    return ExtractedClaim(kind, actor, codes, value, unit if value is not None else None,
                          qualifier, low, high, span, sentence, target, review,
                          combined=combined)
