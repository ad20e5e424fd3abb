"""Snapshots: the state of the map as of one report, with provenance per unit.

A snapshot answers, for every unit: which share is claimed to be held, by which
report and claim, and whether that report stated it or it is carried forward from
an earlier report. Shares are always of the *occupying side* of the unit: Russia
for a Ukrainian unit (``UA-*``), Ukraine for a Russian one (``RU-KRS``); the column
``held_by`` says which.

Reading claims as per-unit shares (:func:`unit_claims`):

* ``control_share`` with ``units``: the interval applies to *each* unit listed
  ("all of Crimea" with ``units: [UA-43, UA-40]`` is 100 % of both) -- unless it has
  ``scope: combined``, a share of the units taken together ("about 80 % of Donbas"),
  which says nothing of each and gives no per-unit reading (it is checked against the
  units' combined area: :mod:`geo.verify`).
* ``controlled_area`` / ``held_by_other_side`` in km² naming one unit: the km²
  interval divided by the unit's official area.
* ``withdraw_share``: a demand that the target side withdraws from the share it still
  holds; the demanding side is read as holding the complement (100 - x). Such rows
  have ``basis = "complement of withdrawal demand"``.
* A claim about the side that is not the occupier is turned into the occupier's
  share by its complement.
* If one report has several such claims for a unit, the first of control_share,
  controlled_area, held_by_other_side, withdraw_share wins, each kind in file order
  (:func:`unit_readings` lists them all; :mod:`geo.consistency` compares each other
  one with it, and a report's findings say which one the map uses).

Totals (``scope: country``), demands, offers, facilities and notes do not set shares;
claims of the report that name a unit are listed in ``related_claims``.

Reports are ordered by date (a month-precision date counts as the first of its month),
then id. A unit without a claim in the report carries the claim of the most recent
earlier report that has one (``status = "carried_forward"``, ``carried_from``);
without any, ``status = "no_claim"`` and the numbers are NaN.

Claims age: ``age_days`` counts the days from the claim's report to the day of the view
(the report's own date, or the ``on`` day of a history map; a month-dated report speaks
of its 15th). A claim older than :data:`STALE_AFTER_DAYS` is ``status = "stale"``: it
keeps its report, claim and figures (``carried_from`` when carried), but it is not in
force -- drawn as stale, left out of the claims a map verifies, named as old wherever
it is summed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.errors import FrontlineError
from geo.intervals import Interval, km2_to_share, share_to_km2
from geo.reports import Claim, Report, find_report

__all__ = [
    "UnitClaim",
    "SNAPSHOT_COLUMNS",
    "occupier",
    "unit_claims",
    "unit_readings",
    "snapshot",
    "snapshot_records",
    "interval_of_row",
    "STALE_AFTER_DAYS",
]

#: Columns of a snapshot, in order (plus ``geometry``).
SNAPSHOT_COLUMNS: tuple[str, ...] = (
    "name_en", "held_by", "share_low", "share_high", "share_central", "km2_low", "km2_high",
    "km2_central", "interval_text", "qualifier", "basis", "claim_text", "claim_id",
    "report_id", "status", "carried_from", "source_outlet", "source_date", "related_claims",
    "as_of", "age_days",
)

#: A claim older than this (days from its report's date to the day of the view) is
#: ``stale``: shown with its age and report, drawn as stale, no longer in force.
STALE_AFTER_DAYS = 183

_PRIORITY = {"control_share": 0, "controlled_area": 1, "held_by_other_side": 2,
             "withdraw_share": 3}
_BASIS = {"control_share": "control claim", "controlled_area": "area claim",
          "held_by_other_side": "area held by the other side",
          "withdraw_share": "complement of withdrawal demand"}


def occupier(code: str) -> str:
    """The side whose share of unit ``code`` a snapshot shows: ``russia`` or ``ukraine``."""
    return "russia" if code.startswith("UA-") else "ukraine"


@dataclass(frozen=True)
class UnitClaim:
    """A claim read as the occupier's share of one unit.

    Attributes
    ----------
    code : str
        The unit.
    share : Interval
        Percent of the unit held by :func:`occupier` ``(code)``.
    claim : Claim
        The claim it comes from.
    report : Report
        The report that stated the claim.
    basis : str
        How the share was read (``control claim``, ``complement of withdrawal demand``...).
    km2 : Interval
        The same in km² of the unit's official area.
    """

    code: str
    share: Interval
    claim: Claim
    report: Report
    basis: str
    km2: Interval


def _holder(claim: Claim) -> str:
    if claim.kind == "withdraw_share":
        # The target still holds the share it is asked to leave.
        if claim.target is not None:
            return claim.target
        return "ukraine" if claim.actor == "russia" else "russia"
    return claim.actor


def unit_claims(report: Report, areas: dict[str, float]) -> dict[str, UnitClaim]:
    """Per-unit shares stated in ``report`` (see the module docstring for the rules).

    Parameters
    ----------
    report : Report
    areas : dict of str to float
        Official area (km²) per unit code.

    Returns
    -------
    dict
        Unit code -> :class:`UnitClaim`, for units the report gives a share for: the
        first reading of :func:`unit_readings`, the one the map uses.
    """
    return {code: found[0] for code, found in unit_readings(report, areas).items()}


def unit_readings(report: Report, areas: dict[str, float]) -> dict[str, list[UnitClaim]]:
    """Every claim of ``report`` that gives a share of a unit, per unit, the one the map
    uses first: control_share, then controlled_area, held_by_other_side, withdraw_share,
    each kind in file order. A unit with two or more readings is one the report makes
    two claims on ("about 70 %" and "more than two thirds"):
    :func:`geo.consistency.check_same_unit` compares them.

    Parameters
    ----------
    report : Report
    areas : dict of str to float
        Official area (km²) per unit code.

    Returns
    -------
    dict
        Unit code -> its :class:`UnitClaim` readings, the one the map uses first.

    Raises
    ------
    FrontlineError
        A claim names a unit not in ``areas``, or claims more km² than the unit has.
    """
    out: dict[str, list[UnitClaim]] = {}
    ranked = sorted(
        (c for c in report.claims if c.kind in _PRIORITY and c.units),
        key=lambda c: _PRIORITY[c.kind],
    )
    for claim in ranked:
        iv = claim.interval
        if iv is None:
            continue
        if iv.unit == "km2" and len(claim.units) != 1:
            continue  # a km² total over several units has no per-unit reading
        if claim.scope == "combined" and len(claim.units) > 1:
            continue  # nor a share of them together ("80 % of Donbas" is not 80 % of each)
        for code in dict.fromkeys(claim.units):
            if code not in areas:
                raise FrontlineError(
                    f"claim {claim.id} of report {report.id} names unit {code!r}, which is "
                    "not in the units layer given; pass the full layer (load_units())."
                )
            if iv.unit == "km2":
                bare = Interval(iv.low, iv.high, iv.central, unit="km2")
                share = km2_to_share(bare, areas[code])
            else:
                share = iv
            if share.high > 100 + 1e-6:
                raise FrontlineError(
                    f"claim {claim.id}: {iv.range_text()} exceeds the official area of "
                    f"{code} ({areas[code]:,.0f} km²)."
                )
            basis = _BASIS[claim.kind]
            if _holder(claim) != occupier(code):
                share = share.complement()
                if claim.kind != "withdraw_share":
                    basis += " (complement)"
            if iv.unit == "km2" and _holder(claim) == occupier(code):
                km2 = Interval(iv.low, iv.high, iv.central, unit="km2")
            else:
                bare = Interval(share.low, share.high, share.central)
                km2 = share_to_km2(bare, areas[code])
            out.setdefault(code, []).append(UnitClaim(code, share, claim, report, basis, km2))
    return out


def _sorted(reports: Iterable[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: r.sort_key)


def _related(report: Report, code: str, used: str | None) -> str | None:
    ids = [f"{c.id} ({c.kind})" for c in report.claims
           if (code in c.units or code in c.includes) and c.id != used]
    return "; ".join(ids) or None


def snapshot(report_id: str, reports: Iterable[Report],
             units: gpd.GeoDataFrame | None = None, *,
             on: dt.date | None = None, carry_unreviewed: bool = False) -> gpd.GeoDataFrame:
    """The map as of report ``report_id``: one row per unit, with provenance.

    Parameters
    ----------
    report_id : str
        The report whose state is wanted.
    reports : iterable of Report
        All reports (any order; sorted by date here). A :class:`~geo.reports.ReportSet`
        works.
    units : GeoDataFrame, optional
        Boundary layer indexed by code with ``name_en``, ``country`` and
        ``official_area_km2``; default :func:`geo.boundaries.load_units`.
    on : datetime.date, optional, keyword-only
        The day the snapshot is seen from (a history map's day): claims' ages count to
        it. Default: the report's own date.
    carry_unreviewed : bool, keyword-only
        Carry claims forward from unreviewed drafts too (``review: unreviewed``), their
        ``interval_text`` ending "(unreviewed, from A2)". Off by default: a draft no
        person has checked changes no other report's map; its own snapshot always holds
        its claims.

    Returns
    -------
    GeoDataFrame
        Index ``code``: the Ukrainian units (``country == "UA"``) plus every other
        unit with a claim up to this report; columns :data:`SNAPSHOT_COLUMNS` and
        ``geometry`` (EPSG:4326). Shares are percent held by ``held_by``; km² come
        from the official area. Missing values are pandas' missing marker (test
        with :func:`pandas.isna`); :func:`snapshot_records` gives ``None``.
        ``attrs["report_id"]`` is ``report_id``.

    Raises
    ------
    FrontlineError
        If ``report_id`` is not among ``reports`` (the message lists the known ids).
    """
    if units is None:
        from geo.boundaries import load_units

        units = load_units()
    ordered = _sorted(reports)
    target = find_report(ordered, report_id)
    areas = {str(k): float(v) for k, v in units["official_area_km2"].items()}
    history = [r for r in ordered[: ordered.index(target) + 1]
               if r is target or r.reviewed or carry_unreviewed]

    latest: dict[str, UnitClaim] = {}
    for rep in history:
        latest.update(unit_claims(rep, areas))

    ua = sorted(str(c) for c in units.index[units["country"] == "UA"])
    extra = sorted(c for c in latest if c not in ua)
    day = on if on is not None else target.target[0]
    rows = [_row(code, latest.get(code), target, units, day) for code in ua + extra]
    frame = pd.DataFrame(rows).set_index("code")
    frame = frame[list(SNAPSHOT_COLUMNS)]
    gdf = gpd.GeoDataFrame(frame, geometry=units.loc[frame.index, "geometry"].values,
                           crs=units.crs)
    gdf.index.name = "code"
    gdf.attrs["report_id"] = target.id
    return gdf


def _row(code: str, uc: UnitClaim | None, target: Report,
         units: gpd.GeoDataFrame, day: dt.date) -> dict[str, object]:
    """One snapshot row: the unit's claim as of ``target`` (stated, carried or none)."""
    row: dict[str, object] = {
        "code": code, "name_en": units.loc[code, "name_en"], "held_by": occupier(code),
        "related_claims": _related(target, code, uc.claim.id if uc else None),
        "as_of": target.id,
    }
    if uc is None:
        row.update({k: math.nan for k in ("share_low", "share_high", "share_central",
                                          "km2_low", "km2_high", "km2_central")})
        row.update({k: None for k in ("interval_text", "qualifier", "basis", "claim_text",
                                      "claim_id", "report_id", "carried_from",
                                      "source_outlet", "source_date")})
        row["status"] = "no_claim"
        row["age_days"] = math.nan
        return row
    km2 = uc.km2
    stated = uc.report.id == target.id
    age = (day - uc.report.target[0]).days
    row.update({
        "share_low": uc.share.low, "share_high": uc.share.high,
        "share_central": uc.share.central,
        "km2_low": km2.low, "km2_high": km2.high, "km2_central": km2.central,
        # a claim carried from a draft no person has checked says so wherever it shows
        "interval_text": _interval_text(uc) + (
            "" if stated or uc.report.reviewed else f" (unreviewed, from {uc.report.id})"),
        "qualifier": uc.claim.qualifier_as_written, "basis": uc.basis,
        "claim_text": uc.claim.paraphrase, "claim_id": uc.claim.id,
        "report_id": uc.report.id,
        "status": ("stale" if age > STALE_AFTER_DAYS
                   else "stated" if stated else "carried_forward"),
        "age_days": age,
        "carried_from": None if stated else uc.report.id,
        "source_outlet": uc.report.outlet, "source_date": uc.report.date_text,
    })
    return row


def _interval_text(uc: UnitClaim) -> str:
    stated = uc.claim.interval
    assert stated is not None
    if uc.claim.kind == "withdraw_share":
        words = stated.qualifier_text() or stated.range_text()
        return (f"{uc.share.range_text()} (complement of a demand to withdraw from the "
                f"{words} still held)")
    if uc.claim.figure_unit == "km2":
        return f"{uc.share.range_text()} (from {stated.qualifier_text() or stated})"
    if uc.basis.endswith("(complement)"):
        return f"{uc.share.range_text()} (complement of {stated})"
    return str(uc.share)


def interval_of_row(row: pd.Series, *, unit: str = "percent") -> Interval | None:
    """The share (``unit="percent"``) or km² interval of one snapshot row; None if no claim."""
    prefix = "share" if unit == "percent" else "km2"
    low = row[f"{prefix}_low"]
    if low is None or (isinstance(low, float) and math.isnan(low)):
        return None
    return Interval(float(low), float(row[f"{prefix}_high"]), float(row[f"{prefix}_central"]),
                    unit="percent" if unit == "percent" else "km2")


def snapshot_records(snap: gpd.GeoDataFrame,
                     columns: Sequence[str] | None = None) -> list[dict[str, object]]:
    """A snapshot as plain JSON-ready records (no geometry; NaN becomes ``None``).

    Parameters
    ----------
    snap : GeoDataFrame
        From :func:`snapshot`.
    columns : sequence of str, optional
        Columns to keep (default all of :data:`SNAPSHOT_COLUMNS`); ``code`` is always
        the first key.
    """
    cols = list(columns) if columns is not None else list(SNAPSHOT_COLUMNS)
    frame = pd.DataFrame(snap[cols]).reset_index()
    records: list[dict[str, object]] = json.loads(
        frame.to_json(orient="records", force_ascii=False, double_precision=6)
    )
    return records
