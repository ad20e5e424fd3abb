"""The report model: a news report and its claims as validated, immutable data.

:class:`Report` holds one report; :class:`Claim` one of its claims, whose figure becomes
an :class:`~geo.intervals.Interval` by the rules of :mod:`geo.intervals` (percent of a
unit or km²); :class:`ReportSet` the reports of a folder and the errors of the files that
did not load. Reading and checking files is :mod:`geo.reports.load`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo import DATA_DIR
from geo.errors import FrontlineError, ReportFormatError
from geo.intervals import Interval, Unit, explicit_interval, interval_from_claim

__all__ = [
    "REPORTS_DIR",
    "SCHEMA_PATH",
    "CLAIM_KINDS",
    "CONTROL_KINDS",
    "DEMAND_KINDS",
    "PACE_KINDS",
    "PACE_MEASURES",
    "PACE_PER",
    "ACTORS",
    "Facility",
    "Claim",
    "Report",
    "ReportSet",
    "find_report",
]

#: Directory of the built-in report files.
REPORTS_DIR = DATA_DIR / "reports"
#: JSON Schema of a report file.
SCHEMA_PATH = REPORTS_DIR / "schema.json"

#: Every claim kind.
CLAIM_KINDS: tuple[str, ...] = (
    "control_share", "controlled_area", "held_by_other_side", "cede_units", "withdraw_share",
    "offer_withdraw", "facility_held", "security_proposal", "recognition_demand",
    "other_demand", "note", "pace",
)
#: Kinds that say who holds how much of a unit (they feed snapshots).
CONTROL_KINDS: tuple[str, ...] = (
    "control_share", "controlled_area", "held_by_other_side", "withdraw_share",
)
#: Kinds that are demands or offers about units.
DEMAND_KINDS: tuple[str, ...] = (
    "cede_units", "withdraw_share", "offer_withdraw", "recognition_demand", "other_demand",
)
#: Kinds that state how fast held ground changed over a period ("captured about 500 km²
#: in October"): checked against a history (:mod:`geo.pace_claims`), never a snapshot.
PACE_KINDS: tuple[str, ...] = ("pace",)
#: What a pace claim's figure is: ground gained (taken), lost, or the net change
#: (:data:`geo.pace.MEASURES`).
PACE_MEASURES: tuple[str, ...] = ("gained", "lost", "net")
#: Per what a pace claim's figure is: the whole period, a day or a week (:data:`geo.pace.PER`).
PACE_PER: tuple[str, ...] = ("period", "day", "week")
#: Sides a claim can be about.
ACTORS: tuple[str, ...] = ("russia", "ukraine", "us", "europe", "uk", "france", "unspecified")

# ------------------------------------------------------------------ data classes
@dataclass(frozen=True)
class Facility:
    """A named place a claim is about (a power plant, a dam), as a lon/lat point."""

    name: str
    lon: float
    lat: float
    place: str | None = None
    condition: str | None = None


@dataclass(frozen=True)
class Claim:
    """One claim of a report, validated.

    Attributes
    ----------
    id : str
        ``<report id>-<suffix>``, unique across reports.
    kind : str
        One of :data:`CLAIM_KINDS`.
    actor : str
        For control and area claims the side that holds; for demands, offers and
        proposals the side that makes them. One of :data:`ACTORS`.
    qualifier : str
        Canonical qualifier (:data:`geo.intervals.QUALIFIERS`).
    paraphrase : str
        The claim in the encoder's own words.
    units : tuple of str
        ISO 3166-2 codes the claim is about (empty with ``scope: country``).
    scope : str or None
        ``"country"`` for the whole of Ukraine; ``"combined"`` for a share of the listed
        ``units`` taken together ("80 % of Donbas": of their combined area, not of each).
    figure, figure_unit
        The stated number and its unit (``percent`` or ``km2``), or ``None``.
    qualifier_as_written : str
        The qualifier as spelled in the file (``roughly``).
    low, high, central : float or None
        Explicit bounds from the file, overriding the qualifier rule.
    target : str or None
        Side a demand or offer is addressed to.
    includes : tuple of str
        Units a total is said to include.
    facility : Facility or None
    zone : dict
        Free-form parameters of a security proposal.
    notes : str or None
    review : str or None
        Why the claim should be checked by a person (drafts from the extractor).
    measure, per : str or None
        Pace claims: what the figure is (:data:`PACE_MEASURES`, default ``gained``) and
        per what (:data:`PACE_PER`, default ``period``); None for other kinds.
    period_start, period_end : datetime.date or None
        Pace claims: the period the figure is over, both days included (a month given as
        ``2025-10`` is its first to its last day).
    line : int
        Line of the claim in its file.
    """

    id: str
    kind: str
    actor: str
    qualifier: str
    paraphrase: str
    units: tuple[str, ...] = ()
    scope: str | None = None
    figure: float | None = None
    figure_unit: str | None = None
    qualifier_as_written: str = ""
    low: float | None = None
    high: float | None = None
    central: float | None = None
    target: str | None = None
    includes: tuple[str, ...] = ()
    facility: Facility | None = None
    zone: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    notes: str | None = None
    review: str | None = None
    measure: str | None = None
    per: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    line: int = 0

    @property
    def interval(self) -> Interval | None:
        """The claim's figure as an interval (explicit bounds win over the rule)."""
        unit: Unit = "km2" if self.figure_unit == "km2" else "percent"
        if self.low is not None and self.high is not None:
            return explicit_interval(self.low, self.high, self.central, unit=unit,
                                     qualifier=self.qualifier, figure=self.figure)
        return interval_from_claim(self.qualifier, self.figure, unit)


@dataclass(frozen=True)
class Report:
    """One news report and its claims, validated.

    ``date`` is a :class:`datetime.date`; a month-precision date is the first day of
    its month (``date_text`` keeps ``"2025-10"``). ``digest`` is a SHA-256 of the text the
    report was read from: two reports with the same digest are the same report, which is
    what results derived from a report are keyed by. ``review`` is ``"unreviewed"`` for
    a draft no person has checked (see :attr:`reviewed`).
    """

    id: str
    title: str
    outlet: str
    date: dt.date
    date_text: str
    date_precision: str
    context: str
    claims: tuple[Claim, ...]
    notes: str | None = None
    path: Path | None = None
    digest: str = ""
    review: str = "reviewed"

    @property
    def reviewed(self) -> bool:
        """False for a draft whose claims no person has checked (``review: unreviewed``)."""
        return self.review != "unreviewed"

    @property
    def target(self) -> tuple[dt.date, int]:
        """The day the report speaks of, and the days of slack its date precision allows:
        its day (0), or the 15th of its month (15)."""
        if self.date_precision == "month":
            return self.date.replace(day=15), 15
        return self.date, 0

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        """Chronological order: date (first day of the month for month precision), id."""
        return (self.date, self.id)

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; :class:`FrontlineError` naming the valid ids if none."""
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise FrontlineError(
            f"report {self.id} has no claim {claim_id!r}; its claims are "
            f"{', '.join(c.id for c in self.claims)}."
        )


@dataclass(frozen=True)
class ReportSet:
    """Reports that loaded, sorted by date, and the errors of files that did not."""

    reports: tuple[Report, ...]
    errors: tuple[ReportFormatError, ...] = ()

    def __iter__(self) -> Iterator[Report]:
        return iter(self.reports)

    def __len__(self) -> int:
        return len(self.reports)

    @property
    def ok(self) -> bool:
        """``True`` when every file loaded."""
        return not self.errors

    @property
    def digest(self) -> str:
        """A digest of every report's content (the key of results that depend on all)."""
        h = hashlib.sha256()
        for r in self.reports:
            h.update(f"{r.id}:{r.digest};".encode())
        return h.hexdigest()

    @property
    def ids(self) -> tuple[str, ...]:
        """Report ids in date order."""
        return tuple(r.id for r in self.reports)

    def get(self, report_id: str) -> Report:
        """The report with this id; :class:`FrontlineError` naming the known ids if none."""
        return find_report(self.reports, report_id)


def find_report(reports: Iterable[Report], report_id: str) -> Report:
    """The report with id ``report_id`` among ``reports``.

    Raises
    ------
    FrontlineError
        If there is none; the message lists the known ids.
    """
    reports = list(reports)
    for r in reports:
        if r.id == report_id:
            return r
    known = ", ".join(r.id for r in sorted(reports, key=lambda r: r.sort_key)) or "(none)"
    raise FrontlineError(f"unknown report id {report_id!r}; known report ids: {known}.")
