"""Qualified figures as intervals: one rule set for every claim in every report.

A news report rarely gives an exact number: it says "more than 80 %", "about 70 %",
"all of Crimea" or "a smaller part of Kharkiv". Frontline Atlas keeps the words
(the *qualifier*) and turns them into an :class:`Interval` with a low bound, a high
bound and a central value (used wherever a single number must be shown). These are
the rules, and the only place they are defined:

==============================================  ==================  =================
qualifier (aliases)                             interval            central
==============================================  ==================  =================
``exact``                                       [x, x]              x
``about`` (``roughly``, ``around``,             [0.95 x, 1.05 x]    x
``approximately``)
``more_than`` (``over``, ``at_least``)          [x, 1.10 x]         midpoint (1.05 x)
``less_than`` (``under``, ``at_most``)          [0.90 x, x]         midpoint (0.95 x)
``all`` (no figure)                             [100, 100] %        100
``nearly_all`` (``almost_all``,                 [90, 100] %         97
``virtually_all``; no figure)
``part`` (``smaller_part``; no figure)          [0.5, 15] %         5
``large_part`` (no figure)                      [50, 100] %         75
``some`` (``some_part``, ``unstated_part``;     [0.5, 99.5] %       50
no figure)
``none`` (the claim carries no quantity)        no interval         --
==============================================  ==================  =================

* Percent intervals are capped to [0, 100]; a midpoint central value is taken after
  capping ("more than 95 %" is [95, 100], central 97.5), any other central value is
  clamped into the capped interval.
* ``all``, ``part`` and ``large_part`` are shares of the named unit(s), so they are
  only defined for percent. ``part`` is the reading of "a smaller part": at least a
  sliver (0.5 %), at most 15 %; its central value 5 % is deliberately low.
* ``nearly_all`` is "almost all", "nearly all", "virtually all", "almost entirely": what
  the words allow is a little less than all (a map's 99.1 % of Luhansk is consistent with
  "nearly all of Luhansk", and overstates nothing), down to 90 %.
* ``some`` is a part whose size the words leave open: "the occupied part of the
  Zaporizhzhia region", "the part of Donetsk Ukraine still holds". It is anything from a
  sliver to almost all, so a map can only show the side holds ground there; its central
  value 50 % is a placeholder, never a reading.
* A report file may instead give explicit ``low`` / ``high`` (and ``central``)
  bounds; :func:`explicit_interval` checks them.
* km² follow from shares and a unit's official area (:func:`share_to_km2`), and
  shares from km² (:func:`km2_to_share`); the bounds map one to one.

Numbers are rounded to 9 decimals after each rule, so that ``1.10 * 80`` is ``88.0``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from geo.errors import FrontlineError

__all__ = [
    "Interval",
    "Unit",
    "QUALIFIERS",
    "QUALIFIER_ALIASES",
    "FIGURE_QUALIFIERS",
    "NO_FIGURE_QUALIFIERS",
    "SHARE_QUALIFIERS",
    "RULES",
    "canonical_qualifier",
    "interval_from_claim",
    "explicit_interval",
    "share_to_km2",
    "km2_to_share",
    "sum_intervals",
    "format_number",
]

Unit = Literal["percent", "km2"]

#: Canonical qualifiers that need a figure.
FIGURE_QUALIFIERS: tuple[str, ...] = ("exact", "about", "more_than", "less_than")
#: Canonical qualifiers that take no figure.
NO_FIGURE_QUALIFIERS: tuple[str, ...] = ("all", "nearly_all", "part", "large_part", "some",
                                         "none")
#: Canonical qualifiers that are shares of the named unit(s) with no figure: percent only.
SHARE_QUALIFIERS: tuple[str, ...] = ("all", "nearly_all", "part", "large_part", "some")
#: Every canonical qualifier.
QUALIFIERS: tuple[str, ...] = FIGURE_QUALIFIERS + NO_FIGURE_QUALIFIERS
#: Spellings accepted in report files, mapped to their canonical qualifier.
QUALIFIER_ALIASES: dict[str, str] = {
    "roughly": "about",
    "around": "about",
    "approximately": "about",
    "over": "more_than",
    "at_least": "more_than",
    "under": "less_than",
    "at_most": "less_than",
    "smaller_part": "part",
    "some_part": "some",
    "unstated_part": "some",
    "almost_all": "nearly_all",
    "virtually_all": "nearly_all",
}

#: Human-readable rule per canonical qualifier (for docs and ``--help``).
RULES: dict[str, str] = {
    "exact": "[x, x], central x",
    "about": "[0.95x, 1.05x], central x",
    "more_than": "[x, 1.10x], central the midpoint 1.05x",
    "less_than": "[0.90x, x], central the midpoint 0.95x",
    "all": "[100, 100] %, central 100 (no figure)",
    "nearly_all": "[90, 100] %, central 97 (no figure; 'almost all', 'nearly all')",
    "part": "[0.5, 15] %, central 5 (no figure; 'a smaller part')",
    "large_part": "[50, 100] %, central 75 (no figure; 'large parts')",
    "some": "[0.5, 99.5] %, central 50 (no figure; a part of unstated size)",
    "none": "no interval (the claim states no quantity)",
}

_PHRASES: dict[str, str] = {
    "exact": "",
    "about": "about ",
    "more_than": "more than ",
    "less_than": "less than ",
    "all": "all",
    "nearly_all": "nearly all",
    "part": "a smaller part",
    "large_part": "large parts",
    "some": "a part of unstated size",
}

_UNIT_SUFFIX: dict[str, str] = {"percent": " %", "km2": " km²"}
_EPS = 1e-9


def _r(x: float) -> float:
    return round(float(x), 9)


def format_number(x: float, unit: str) -> str:
    """Format ``x`` for display: km² with thousands separators, percent with one decimal,
    or two where it has them (a figure stated as 19.25 % is not shown as 19.2 %).

    Whole numbers print without decimals: ``80``, ``105,000``, ``66.5``, ``19.25``.
    """
    if unit == "km2":
        return f"{x:,.0f}" if abs(x - round(x)) < 0.05 or abs(x) >= 1000 else f"{x:,.1f}"
    if abs(x - round(x)) < 0.05:
        return f"{x:.0f}"
    return f"{x:.1f}" if abs(x - round(x, 1)) < 0.005 else f"{x:.2f}"


@dataclass(frozen=True)
class Interval:
    """A closed interval with a central value, in percent or km².

    Parameters
    ----------
    low, high : float
        Bounds, ``low <= high``.
    central : float
        The single value to show; ``low <= central <= high``.
    unit : {"percent", "km2"}, keyword-only
        Unit of all three numbers. Default ``"percent"``.
    qualifier : str or None, keyword-only
        Canonical qualifier the interval came from (for display), if any.
    figure : float or None, keyword-only
        The figure as stated in the report, if any.

    Raises
    ------
    FrontlineError
        If a number is not finite, the bounds are inverted, the central value lies
        outside them, or the unit is unknown.
    """

    low: float
    high: float
    central: float
    unit: Unit = "percent"
    qualifier: str | None = None
    figure: float | None = None

    def __post_init__(self) -> None:
        for name in ("low", "high", "central"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                raise FrontlineError(f"Interval.{name}: expected a finite number, got {v!r}.")
        if self.unit not in _UNIT_SUFFIX:
            raise FrontlineError(
                f"Interval.unit: expected 'percent' or 'km2', got {self.unit!r}."
            )
        if self.low > self.high + _EPS:
            raise FrontlineError(
                f"Interval: low bound {self.low} is above high bound {self.high}; "
                "swap them so that low <= high."
            )
        if not (self.low - _EPS <= self.central <= self.high + _EPS):
            raise FrontlineError(
                f"Interval: central value {self.central} lies outside [{self.low}, "
                f"{self.high}]; give a central value between the bounds."
            )

    # ------------------------------------------------------------ arithmetic
    def __add__(self, other: Interval) -> Interval:
        """Sum of two intervals of the same unit (bounds and central values add)."""
        if not isinstance(other, Interval):
            return NotImplemented
        if other.unit != self.unit:
            raise FrontlineError(
                f"cannot add an interval in {other.unit} to one in {self.unit}; convert "
                "first with share_to_km2() or km2_to_share()."
            )
        return Interval(
            _r(self.low + other.low),
            _r(self.high + other.high),
            _r(self.central + other.central),
            unit=self.unit,
        )

    def complement(self) -> Interval:
        """``100 - x`` of a percent interval: the share the other side holds.

        "Withdraw from the 20 % still held" is Russia holding the complement, 80 %.
        """
        if self.unit != "percent":
            raise FrontlineError(
                "complement(): only a percent interval has a complement (100 - x); "
                f"this one is in {self.unit}."
            )
        return Interval(_r(100 - self.high), _r(100 - self.low), _r(100 - self.central))

    def overlaps(self, other: Interval, *, tolerance: float = 1e-6) -> bool:
        """Whether the two intervals share at least one value (touching counts)."""
        self._same_unit(other)
        return self.low <= other.high + tolerance and other.low <= self.high + tolerance

    def gap(self, other: Interval) -> float:
        """Distance between the intervals; 0 when they overlap."""
        self._same_unit(other)
        return _r(max(0.0, other.low - self.high, self.low - other.high))

    def contains(self, value: float, *, tolerance: float = 1e-6) -> bool:
        """Whether ``value`` lies within ``[low, high]``."""
        return self.low - tolerance <= value <= self.high + tolerance

    @property
    def width(self) -> float:
        """``high - low``."""
        return _r(self.high - self.low)

    def _same_unit(self, other: Interval) -> None:
        if other.unit != self.unit:
            raise FrontlineError(
                f"cannot compare an interval in {other.unit} with one in {self.unit}."
            )

    # ------------------------------------------------------------ display
    def range_text(self) -> str:
        """Bounds only: ``"80–88 %"``, or ``"80 %"`` when low equals high."""
        suffix = _UNIT_SUFFIX[self.unit]
        lo, hi = format_number(self.low, self.unit), format_number(self.high, self.unit)
        return f"{lo}{suffix}" if lo == hi else f"{lo}–{hi}{suffix}"

    def qualifier_text(self) -> str:
        """The claim as worded: ``"more than 80 %"``, ``"all"``; ``""`` if unknown."""
        if self.qualifier is None:
            return ""
        phrase = _PHRASES.get(self.qualifier, self.qualifier.replace("_", " ") + " ")
        if self.figure is None:
            return phrase.strip()
        return f"{phrase}{format_number(self.figure, self.unit)}{_UNIT_SUFFIX[self.unit]}"

    def __str__(self) -> str:
        """``"80–88 % (more than 80 %)"``; the bracket is left out when it adds nothing."""
        rng = self.range_text()
        words = self.qualifier_text()
        return f"{rng} ({words})" if words and words != rng else rng


def canonical_qualifier(qualifier: str) -> str:
    """The canonical name of a qualifier or alias (``"roughly"`` -> ``"about"``).

    Raises
    ------
    FrontlineError
        If the qualifier is not known; the message lists the valid ones.
    """
    q = qualifier.strip().lower().replace(" ", "_").replace("-", "_")
    q = QUALIFIER_ALIASES.get(q, q)
    if q not in QUALIFIERS:
        raise FrontlineError(
            f"qualifier: unknown qualifier {qualifier!r}; expected one of "
            f"{', '.join(QUALIFIERS + tuple(QUALIFIER_ALIASES))}."
        )
    return q


def _cap(low: float, high: float, central: float, midpoint: bool) -> tuple[float, float, float]:
    low, high = min(max(low, 0.0), 100.0), min(max(high, 0.0), 100.0)
    central = (low + high) / 2 if midpoint else min(max(central, low), high)
    return low, high, central


def interval_from_claim(qualifier: str, figure: float | None, unit: Unit) -> Interval | None:
    """Turn a qualified figure into an :class:`Interval` by the module's rules.

    Parameters
    ----------
    qualifier : str
        A qualifier or alias (``"more_than"``, ``"roughly"``, ``"all"`` ...).
    figure : float or None
        The stated number; ``None`` for ``all``, ``part``, ``large_part``, ``some``,
        ``none``.
    unit : {"percent", "km2"}
        Unit of the figure (percent of the unit(s), or km²).

    Returns
    -------
    Interval or None
        ``None`` only for qualifier ``none``.

    Raises
    ------
    FrontlineError
        Unknown qualifier, a figure missing or superfluous, a negative figure, a
        percentage above 100, or a figure-less share qualifier given in km².

    Examples
    --------
    >>> str(interval_from_claim("more_than", 80, "percent"))
    '80–88 % (more than 80 %)'
    """
    q = canonical_qualifier(qualifier)
    if unit not in _UNIT_SUFFIX:
        raise FrontlineError(f"figure_unit: expected 'percent' or 'km2', got {unit!r}.")
    if q == "none":
        return None
    if q in NO_FIGURE_QUALIFIERS:
        if figure is not None:
            raise FrontlineError(
                f"qualifier {q!r} takes no figure, got {figure!r}; remove the figure or "
                "use qualifier 'exact', 'about', 'more_than' or 'less_than'."
            )
        if unit != "percent":
            raise FrontlineError(
                f"qualifier {q!r} is a share of the unit and needs figure_unit 'percent', "
                f"got {unit!r}."
            )
        low, high, central = {"all": (100.0, 100.0, 100.0), "nearly_all": (90.0, 100.0, 97.0),
                              "part": (0.5, 15.0, 5.0),
                              "large_part": (50.0, 100.0, 75.0),
                              "some": (0.5, 99.5, 50.0)}[q]
        return Interval(low, high, central, unit=unit, qualifier=q)
    if figure is None:
        raise FrontlineError(f"qualifier {q!r} needs a figure; none was given.")
    if isinstance(figure, bool) or not math.isfinite(float(figure)):
        raise FrontlineError(f"figure: expected a finite number, got {figure!r}.")
    x = float(figure)
    if x < 0:
        raise FrontlineError(f"figure: expected a number >= 0, got {figure!r}.")
    if unit == "percent" and x > 100:
        raise FrontlineError(f"figure: a share is at most 100 %, got {figure!r}.")
    if q == "exact":
        low, high, central, mid = x, x, x, False
    elif q == "about":
        low, high, central, mid = 0.95 * x, 1.05 * x, x, False
    elif q == "more_than":
        low, high, central, mid = x, 1.10 * x, 1.05 * x, True
    else:  # less_than
        low, high, central, mid = 0.90 * x, x, 0.95 * x, True
    if unit == "percent":
        low, high, central = _cap(low, high, central, mid)
    return Interval(_r(low), _r(high), _r(central), unit=unit, qualifier=q, figure=x)


def explicit_interval(
    low: float,
    high: float,
    central: float | None = None,
    *,
    unit: Unit = "percent",
    qualifier: str | None = None,
    figure: float | None = None,
) -> Interval:
    """An interval from bounds given explicitly in a report file.

    ``central`` defaults to the midpoint. Percent bounds must lie in [0, 100], km²
    bounds must be >= 0.

    Raises
    ------
    FrontlineError
        Inverted bounds, a central value outside them, or bounds out of range.
    """
    if low < 0 or high < 0:
        raise FrontlineError(f"bounds must be >= 0, got low={low!r}, high={high!r}.")
    if unit == "percent" and (low > 100 or high > 100):
        raise FrontlineError(f"share bounds must be <= 100, got low={low!r}, high={high!r}.")
    c = (low + high) / 2 if central is None else central
    return Interval(_r(low), _r(high), _r(c), unit=unit, qualifier=qualifier, figure=figure)


def share_to_km2(interval: Interval, area_km2: float) -> Interval:
    """Convert a percent interval of a unit to km², using the unit's official area.

    Examples
    --------
    >>> share_to_km2(Interval(80, 88, 84), 1000.0).range_text()
    '800–880 km²'
    """
    if interval.unit != "percent":
        raise FrontlineError(f"share_to_km2(): expected a percent interval, got {interval.unit}.")
    if not area_km2 > 0:
        raise FrontlineError(f"area_km2: expected a positive area, got {area_km2!r}.")
    f = area_km2 / 100.0
    figure = None if interval.figure is None else _r(interval.figure * f)
    return Interval(_r(interval.low * f), _r(interval.high * f), _r(interval.central * f),
                    unit="km2", qualifier=interval.qualifier, figure=figure)


def km2_to_share(interval: Interval, area_km2: float) -> Interval:
    """Convert a km² interval to percent of a unit (or country) of ``area_km2``.

    Bounds are not capped: a result above 100 % means the figure cannot fit the area.
    """
    if interval.unit != "km2":
        raise FrontlineError(f"km2_to_share(): expected a km2 interval, got {interval.unit}.")
    if not area_km2 > 0:
        raise FrontlineError(f"area_km2: expected a positive area, got {area_km2!r}.")
    f = 100.0 / area_km2
    figure = None if interval.figure is None else _r(interval.figure * f)
    return Interval(_r(interval.low * f), _r(interval.high * f), _r(interval.central * f),
                    unit="percent", qualifier=interval.qualifier, figure=figure)


def sum_intervals(intervals: Iterable[Interval], *, unit: Unit = "km2") -> Interval:
    """Sum of intervals (all in ``unit``); the empty sum is ``[0, 0]``."""
    total = Interval(0.0, 0.0, 0.0, unit=unit)
    for iv in intervals:
        total = total + iv
    return total
