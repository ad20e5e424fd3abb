"""Pace claims of reports checked against a history: a verdict row for each.

A pace claim (``kind: pace`` in a report file, ``docs/report-format.md``) says how fast
held ground changed: "Russian forces captured about 500 km² of Donetsk in October",
"advancing roughly 15 km² a day". It never feeds a snapshot and cannot be checked against
one layer (one date says nothing of a period): :func:`geo.verify.verify_claims` gives it a
``not checkable`` row saying a history is needed (:data:`NEEDS_HISTORY`), and
:meth:`geo.layerset.Atlas.verify_history` fills that row from :func:`pace_verdicts`,
:func:`geo.pace.check_pace_claim` on the days of the history around the claim's period.

A row keeps :data:`geo.verify.VERDICT_COLUMNS`; what differs from a share's row:

* ``unit`` is ``km2`` and ``claim_text`` says the flow, the rate and the period
  ("gained 475–525 km² (about 500 km²), 2025-10-01 to 2025-10-31");
* ``measured_km2`` is the figure the verdict rests on, in the claim's unit (km², or km²
  a day or a week): for gains and losses the measured band runs from what changed hands
  for good (end to end) to all that moved (the daily flows added up, gross); an
  overstated claim is measured against the gross figure, an understated one against the
  end-to-end one, a consistent one by the flow that agrees (gross when both or neither
  do); a net claim against the net. ``off_by_km2`` is the gap to the claim's nearest
  bound, so ``|claim bound - measured_km2| == off_by_km2`` for a claim that is off;
* ``measured_pct``, ``off_by_points`` and the tolerance columns are NaN (no share is
  stated); ``reading`` names the agreeing flow; ``reason`` is the verdict in words,
  both flows and the maps used.

Areas are km² on the WGS84 ellipsoid (:mod:`geo.series`); periods are calendar days,
both ends included.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.errors import FrontlineError
from geo.history import History
from geo.measure import UnitIndex
from geo.memo import Memo, memoized
from geo.pace import PaceVerdict, check_pace_claim
from geo.reports import PACE_KINDS, Claim, Report

__all__ = ["NEEDS_HISTORY", "WITHIN_DAYS", "pace_unit", "pace_claim_text", "pace_verdicts",
           "fill_pace_rows"]

#: Why a pace claim is not checkable against one layer.
NEEDS_HISTORY = ("a pace claim needs a history of mapped days (the maps of its period's two "
                 "ends and the days between); one layer has one date. Check it with "
                 "`frontline verify REPORT --history DIR`")
#: How far the maps used end to end may lie from the day before a period and its last day.
WITHIN_DAYS = 3

_RATE = {"period": "", "day": " a day", "week": " a week"}
_FLOW = {"gained": "gained", "lost": "lost", "net": "net"}


def pace_unit(claim: Claim) -> str:
    """The unit a pace claim is about: its one unit, or ``UA`` for the country."""
    if claim.scope == "country" or not claim.units:
        return "UA"
    return str(claim.units[0])


def pace_claim_text(claim: Claim) -> str:
    """The claim's flow, figure, rate and period: ``gained 475–525 km² (about 500 km²),
    2025-10-01 to 2025-10-31`` or ``net 14.2–15.8 km² a day (about 15 km² a day), ...``."""
    iv = claim.interval
    rate = _RATE.get(str(claim.per or "period"), "")
    text = _FLOW.get(str(claim.measure or "gained"), "")
    if iv is not None:
        text += f" {iv.range_text()}{rate} ({iv.qualifier_text()}{rate})"
    if claim.period_start:
        text += f", {claim.period_start} to {claim.period_end}"
    return text


def _slice(history: History, start: dt.date, end: dt.date, within_days: int) -> History:
    """The days of ``history`` a claim over ``start``..``end`` needs: from the last mapped
    day on or before the day before ``start`` (and ``within_days`` before it, for the
    end-to-end map) to the first mapped day on or after ``end`` (and ``within_days``
    after it), so the flows of the period are those of the whole history."""
    dates = history.dates
    before = start - dt.timedelta(days=1)
    i = bisect.bisect_right(dates, before) - 1
    j = bisect.bisect_left(dates, end)
    lo = min(dates[max(i, 0)], before - dt.timedelta(days=within_days))
    hi = max(dates[min(j, len(dates) - 1)], end + dt.timedelta(days=within_days))
    days = tuple(d for d in history.days if lo <= d.date <= hi)
    return History(days=days, sources=history.sources,
                   digest=f"{history.digest}[{lo}:{hi}]" if history.digest else "")


def pace_verdicts(
    claims: Iterable[tuple[Report, Claim]],
    history: History,
    units: gpd.GeoDataFrame,
    *,
    index: UnitIndex | None = None,
    memo: Memo | None = None,
    within_days: int = WITHIN_DAYS,
) -> dict[str, PaceVerdict | str]:
    """Each pace claim of ``claims`` checked against ``history``.

    Parameters
    ----------
    claims : iterable of (Report, Claim)
        Claims with their report; those not of a pace kind are left out.
    history : History
        The mapped days.
    units : GeoDataFrame
        The unit layer the days are measured with.
    index : UnitIndex, optional, keyword-only
        ``units`` prepared for measuring (built when not given).
    memo : Memo, optional, keyword-only
        Where the measured days around each period are kept (keyed by the history's
        digest and the days), so claims about the same period measure them once.
    within_days : int, keyword-only
        How far the maps used end to end may lie from the period's ends.

    Returns
    -------
    dict of str to PaceVerdict or str
        By claim id: the verdict (:func:`geo.pace.check_pace_claim`), or why none could
        be given (the history does not reach the period; a unit the series lacks).
    """
    from geo.series import control_series

    out: dict[str, PaceVerdict | str] = {}
    index = index if index is not None else UnitIndex(units)
    for _report, claim in claims:
        if claim.kind not in PACE_KINDS:
            continue
        start, end = claim.period_start, claim.period_end
        if start is None or end is None or claim.figure is None:
            out[claim.id] = "the claim states no period or no figure"
            continue
        if not len(history):
            out[claim.id] = "the history holds no mapped day"
            continue
        first, last = history.dates[0], history.dates[-1]
        before = start - dt.timedelta(days=1)
        if before < first or end > last:
            out[claim.id] = (f"the history runs {first} to {last}; the period {start} to "
                             f"{end} needs the maps of {before} to {end}")
            continue
        part = _slice(history, start, end, within_days)
        key = (part.digest, part.dates[0], part.dates[-1], len(part))
        series = memoized(memo if part.digest else None, "pace_series", key,
                          lambda part=part: control_series(part, units, index=index,  # type: ignore[misc]
                                                           workers=1))
        try:
            out[claim.id] = check_pace_claim(
                series, pace_unit(claim), km2=float(claim.figure), start=start, end=end,
                side=claim.actor, qualifier=claim.qualifier, measure=claim.measure or "gained",
                per=claim.per or "period", history=part, units=index, within_days=within_days)
        except FrontlineError as exc:
            out[claim.id] = str(exc)
    return out


def _measured(v: PaceVerdict) -> float:
    """The measured figure the verdict rests on (see the module doc)."""
    lo, hi = v.measured_low, v.measured_high
    if v.verdict == "understated" or (v.verdict == "consistent" and v.reading == "end to end"):
        return lo
    return hi


def _row(v: PaceVerdict, history: History) -> dict[str, Any]:
    """The verdict columns of one checked pace claim."""
    sources = {d.date: d.source for d in history.days}
    ends = [sources.get(d) for d in (v.from_day, v.to_day) if d is not None]
    source = (" -> ".join(str(s) for s in ends) if len(ends) == 2
              else f"the history's days, {v.start - dt.timedelta(days=1)} to {v.end}")
    checked = v.verdict != "not checkable"
    reason = v.sentence + "".join(f" ({n})" for n in v.notes)
    nan = math.nan
    return {
        "side": v.side, "code": v.code, "name": v.name, "unit": "km2",
        "claim_low": v.claim.low, "claim_high": v.claim.high,
        "claim_central": v.claim.central,
        "measured_km2": _measured(v) if checked else nan, "measured_pct": nan,
        "tolerance_km2": nan, "tolerance_pct": nan, "area_km2": nan,
        "verdict": v.verdict, "off_by_points": nan,
        "off_by_km2": v.off_by_km2 if checked else nan, "beyond_tolerance_points": nan,
        "within_tolerance": False, "basis": "measured" if checked else "schematic",
        "source": source, "reason": reason, "contested_km2": nan, "contested_pct": nan,
        "reading": v.reading, "slack_points": nan, "denominator": "",
        "other_denominator": "", "other_area_km2": nan, "other_measured_pct": nan,
        "other_verdict": "",
    }


def fill_pace_rows(
    frame: pd.DataFrame,
    claims: Sequence[tuple[Report, Claim]],
    history: History,
    units: gpd.GeoDataFrame,
    *,
    index: UnitIndex | None = None,
    memo: Memo | None = None,
    within_days: int = WITHIN_DAYS,
) -> pd.DataFrame:
    """``frame`` (:func:`geo.verify.verify_claims` of ``claims``, with ``snapshot_date``
    and ``days_apart``) with its pace claims' rows checked against ``history``.

    A checked row's ``snapshot_date`` is the map of the period's end used end to end (or
    the last mapped day), ``days_apart`` its days from the period's last day; a claim the
    history cannot check keeps ``not checkable``, its reason saying why. Other rows are
    left as they are.
    """
    if not len(frame):
        return frame
    pace = frame["kind"].isin(PACE_KINDS).to_numpy()
    if not pace.any():
        return frame
    verdicts = pace_verdicts(claims, history, units, index=index, memo=memo,
                             within_days=within_days)
    out = frame.copy()
    if "snapshot_date" in out.columns:
        out["snapshot_date"] = out["snapshot_date"].astype(object)
    dates = history.dates
    cols = {str(c): k for k, c in enumerate(out.columns)}

    def col(name: str) -> int:
        return cols[name]

    for pos in [k for k, p in enumerate(pace) if p]:
        cid = str(out["claim_id"].iloc[pos])
        got = verdicts.get(cid)
        if got is None:
            continue
        if isinstance(got, str):
            out.iloc[pos, col("reason")] = got
            if "snapshot_date" in out.columns:
                out.iloc[pos, col("snapshot_date")] = None
                out.iloc[pos, col("days_apart")] = math.nan
            continue
        for name, value in _row(got, history).items():
            out.iloc[pos, col(name)] = value
        if "snapshot_date" in out.columns:
            day = got.to_day
            if day is None:
                i = bisect.bisect_right(dates, got.end) - 1
                day = dates[i] if i >= 0 else None
            out.iloc[pos, col("snapshot_date")] = day
            out.iloc[pos, col("days_apart")] = (float((day - got.end).days) if day
                                                else math.nan)
    return out
