"""Consistency checks: do a report's figures agree with each other and with other reports?

Every comparison is between two intervals (:class:`~geo.intervals.Interval`) and has
one of three outcomes (:func:`classify`):

``consistent``
    The intervals overlap and at least one central value lies inside the other
    interval.
``tension``
    The intervals overlap, but neither central value lies inside the other interval
    (both can hold only at the edges), or, across reports, a unit's central share
    falls while the intervals still overlap.
``inconsistent``
    The intervals do not overlap; the finding gives the gap (km² or points).

Checks (each :class:`Finding` names its reports and claims):

(a) per report (:func:`check_totals`): every stated total -- ``controlled_area``
    (km², ``scope: country``) and ``control_share`` (percent of Ukraine, converted to
    km² with Ukraine's official area, the sum of its 27 units) -- against the sum of
    the km² intervals of the report's snapshot (stated and carried-forward units of
    Ukraine held by Russia); and the km² total against the percent total.
(b) across reports (:func:`check_changes`): for each unit, consecutive reports that
    state a share; a fall by more than the uncertainty (later high < earlier low) is
    ``inconsistent``, a fall of the central value within the uncertainty is
    ``tension``. Rises are not findings (control can grow).
(c) withdrawals (:func:`check_withdrawals`): a withdrawal demand read as control
    (the complement) against the control claims for the unit in the same report (an
    earlier report's claim is a change over time, check (b)); an offer to withdraw
    against the offering side's control (it cannot offer more than it holds).
(d) one report, one unit, several claims (:func:`check_same_unit`): news language
    often gives a share twice ("about 70 %... more than two thirds"); the map uses one
    (:func:`geo.snapshot.unit_readings`), and each other one is compared with it, the
    finding naming both claims, the unit and the one the map uses.
(e) a share of several units taken together (``scope: combined``: "about 80 % of
    Donbas") against the same report's own share of each of them ("99 % of Luhansk and
    76 % of Donetsk"), as their area-weighted sum (:func:`check_combined`).

Each pair of claims is judged once: no two findings compare the same two claims.
A finding is *about* the reports whose figures it judges (:attr:`Finding.about`): a
report's totals check is about that report alone, though it sums claims carried from
earlier ones; a change or a withdrawal is about both reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import geopandas as gpd

from geo.boundaries import ukraine_area_km2
from geo.intervals import Interval, format_number, share_to_km2, sum_intervals
from geo.reports import Report, find_report
from geo.snapshot import (
    STALE_AFTER_DAYS,
    UnitClaim,
    interval_of_row,
    occupier,
    snapshot,
    unit_claims,
    unit_readings,
)

__all__ = [
    "SEVERITIES",
    "Finding",
    "classify",
    "check_totals",
    "check_changes",
    "check_withdrawals",
    "check_same_unit",
    "check_combined",
    "check_all",
    "findings_for",
]

#: Severities, mildest first.
SEVERITIES: tuple[str, ...] = ("consistent", "tension", "inconsistent")


@dataclass(frozen=True)
class Finding:
    """One result of a consistency check.

    Attributes
    ----------
    kind : str
        ``total_vs_units``, ``km2_vs_percent``, ``share_change``,
        ``withdrawal_vs_control``, ``offer_vs_control``, ``same_unit`` or ``combined``.
    severity : str
        ``consistent``, ``tension`` or ``inconsistent``.
    message : str
        A sentence with the numbers, the reports and the claims.
    report_ids, claim_ids : tuple of str
        Where the compared figures come from.
    numbers : dict of str to float
        The figures compared (bounds, central values, gap), for machines.
    """

    kind: str
    severity: str
    message: str
    report_ids: tuple[str, ...]
    claim_ids: tuple[str, ...]
    numbers: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    @property
    def about(self) -> tuple[str, ...]:
        """The reports this finding judges: a totals check is about its own report only
        (the first of ``report_ids``; the others lent carried-forward claims)."""
        if self.kind in ("total_vs_units", "km2_vs_percent"):
            return self.report_ids[:1]
        return self.report_ids

    def as_dict(self) -> dict[str, object]:
        """Plain dict for JSON."""
        return {"kind": self.kind, "severity": self.severity, "message": self.message,
                "report_ids": list(self.report_ids), "about": list(self.about),
                "claim_ids": list(self.claim_ids), "numbers": dict(self.numbers)}


def classify(a: Interval, b: Interval) -> str:
    """``consistent``, ``tension`` or ``inconsistent`` for two intervals (see module doc)."""
    if not a.overlaps(b):
        return "inconsistent"
    if a.contains(b.central) or b.contains(a.central):
        return "consistent"
    return "tension"


def _load_units(units: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    if units is None:
        from geo.boundaries import load_units

        return load_units()
    return units


def _km(x: float) -> str:
    return f"{format_number(x, 'km2')} km²"


def _verdict(sev: str, a: Interval, b: Interval, unit: str) -> str:
    fmt = _km if unit == "km2" else (lambda x: f"{format_number(x, 'percent')} points")
    if sev == "inconsistent":
        return f"inconsistent: the intervals are {fmt(a.gap(b))} apart"
    lo, hi = max(a.low, b.low), min(a.high, b.high)
    overlap = Interval(lo, hi, lo, unit=a.unit).range_text()
    if sev == "tension":
        diff = fmt(abs(a.central - b.central))
        return (f"tension: the intervals overlap only on {overlap}, and neither central value "
                f"lies in the other interval (centrals differ by {diff})")
    return f"consistent: the intervals overlap on {overlap}"


def check_totals(report_id: str, reports: Iterable[Report],
                 units: gpd.GeoDataFrame | None = None) -> list[Finding]:
    """Check (a): a report's stated totals against the sum of its per-unit claims.

    Parameters
    ----------
    report_id : str
    reports : iterable of Report
        All reports (for carried-forward unit claims).
    units : GeoDataFrame, optional
        Boundary layer; default :func:`geo.boundaries.load_units`.

    Returns
    -------
    list of Finding
        One ``total_vs_units`` finding per stated total, one ``km2_vs_percent`` per
        pair of km² and percent totals; none if the report states no total.
    """
    units = _load_units(units)
    reports = list(reports)
    report = find_report(reports, report_id)
    ua_area = ukraine_area_km2(units)
    totals: list[tuple[str, Interval, Interval]] = []  # (claim id, stated, stated in km²)
    for c in report.claims:
        if c.scope != "country" or c.actor != "russia":
            continue
        iv = c.interval
        if iv is None:
            continue
        if c.kind == "controlled_area" and iv.unit == "km2":
            totals.append((c.id, iv, iv))
        elif c.kind == "control_share" and iv.unit == "percent":
            totals.append((c.id, iv, share_to_km2(iv, ua_area)))
    if not totals:
        return []

    snap = snapshot(report_id, reports, units)
    rows = snap[(snap.index.str.startswith("UA-")) & (snap["status"] != "no_claim")]
    parts = [iv for _, row in rows.iterrows()
             if (iv := interval_of_row(row, unit="km2")) is not None]
    per_unit = sum_intervals(parts, unit="km2")
    stated_n = int((rows["status"] == "stated").sum())
    carried_rows = rows[rows["carried_from"].notna()]
    carried = sorted(set(carried_rows["carried_from"]))
    unit_claim_ids = tuple(sorted(set(rows["claim_id"])))
    src = f"{len(rows)} units: {stated_n} stated in {report_id}"
    for rid in carried:  # each lender with its date and the claims' age
        lent = carried_rows[carried_rows["carried_from"] == rid]
        age = int(lent["age_days"].max())
        old = int((lent["status"] == "stale").sum())
        src += (f", {len(lent)} carried forward from {rid} ({lent['source_date'].iloc[0]}, "
                f"{age:,} days older" + (f"; {old} stale, older than {STALE_AFTER_DAYS} days"
                                         if old else "") + ")")
    findings = []
    for cid, stated, stated_km2 in totals:
        sev = classify(stated_km2, per_unit)
        as_km2 = "" if stated.unit == "km2" else f" = {stated_km2.range_text()} of Ukraine's " \
                                                   f"{_km(ua_area)}"
        msg = (f"{report_id}: stated total {stated} ({cid}){as_km2} vs the sum of per-unit "
               f"claims {per_unit.range_text()} (central {_km(per_unit.central)}; {src}): "
               f"{_verdict(sev, stated_km2, per_unit, 'km2')}.")
        findings.append(Finding(
            "total_vs_units", sev, msg,
            (report_id, *[r for r in carried if r != report_id]), (cid, *unit_claim_ids),
            {"stated_low_km2": stated_km2.low, "stated_high_km2": stated_km2.high,
             "stated_central_km2": stated_km2.central, "units_low_km2": per_unit.low,
             "units_high_km2": per_unit.high, "units_central_km2": per_unit.central,
             "gap_km2": stated_km2.gap(per_unit),
             "central_difference_km2": round(stated_km2.central - per_unit.central, 6)},
        ))
    km2_totals = [t for t in totals if t[1].unit == "km2"]
    pct_totals = [t for t in totals if t[1].unit == "percent"]
    for kid, kiv, _ in km2_totals:
        for pid, piv, piv_km2 in pct_totals:
            sev = classify(kiv, piv_km2)
            msg = (f"{report_id}: the km² total {kiv} ({kid}) vs the share total {piv} ({pid}) "
                   f"= {piv_km2.range_text()} of Ukraine's {_km(ua_area)}: "
                   f"{_verdict(sev, kiv, piv_km2, 'km2')}.")
            findings.append(Finding(
                "km2_vs_percent", sev, msg, (report_id,), (kid, pid),
                {"km2_low": kiv.low, "km2_high": kiv.high, "percent_low_km2": piv_km2.low,
                 "percent_high_km2": piv_km2.high, "gap_km2": kiv.gap(piv_km2),
                 "ukraine_area_km2": ua_area},
            ))
    return findings


def _describe(uc: UnitClaim) -> str:
    if uc.claim.kind == "withdraw_share":
        stated = uc.claim.interval
        assert stated is not None
        return (f"{uc.share.range_text()} (the complement of {uc.claim.id}'s demand to "
                f"withdraw from the {stated.qualifier_text() or stated.range_text()} still held)")
    return f"{uc.share} ({uc.claim.id})"


def check_changes(reports: Iterable[Report],
                  units: gpd.GeoDataFrame | None = None) -> list[Finding]:
    """Check (b): units whose stated share falls between consecutive reports.

    Only shares *stated* by a report are compared (carried-forward rows repeat the
    earlier claim). A later high bound below the earlier low bound is
    ``inconsistent`` (a fall larger than the uncertainty); a lower central value with
    overlapping intervals is ``tension``.
    """
    units = _load_units(units)
    areas = {str(k): float(v) for k, v in units["official_area_km2"].items()}
    names = {str(k): str(v) for k, v in units["name_en"].items()}
    ordered = sorted(reports, key=lambda r: r.sort_key)
    series: dict[str, list[UnitClaim]] = {}
    for rep in ordered:
        for code, uc in unit_claims(rep, areas).items():
            series.setdefault(code, []).append(uc)
    findings = []
    for code in sorted(series):
        for a, b in zip(series[code], series[code][1:], strict=False):
            drop = a.share.central - b.share.central
            if b.share.high < a.share.low - 1e-6:
                sev = "inconsistent"
            elif drop > 1e-6:
                sev = "tension"
            else:
                continue
            km2_drop = drop * areas[code] / 100
            who = occupier(code).capitalize()
            head = (f"{names.get(code, code)} ({code}): {who}'s share falls from "
                    f"{_describe(a)} in {a.report.id} ({a.report.date_text}) to {_describe(b)} "
                    f"in {b.report.id} ({b.report.date_text}); the central value drops by "
                    f"{format_number(drop, 'percent')} points (about {_km(km2_drop)})")
            if sev == "inconsistent":
                gap = format_number(a.share.gap(b.share), "percent")
                tail = (f", and the later interval lies {gap}"
                        " points below the earlier one: both cannot hold unless "
                        f"{who} lost ground, which neither report states")
            else:
                lo, hi = max(a.share.low, b.share.low), min(a.share.high, b.share.high)
                overlap = Interval(lo, hi, lo).range_text()
                tail = (f", although neither report says {who} lost ground there. The two "
                        f"intervals share only {overlap}, so both claims hold only if the "
                        f"share was {overlap} at both dates")
            findings.append(Finding(
                "share_change", sev, head + tail + f": {sev}.",
                (a.report.id, b.report.id), (a.claim.id, b.claim.id),
                {"earlier_low": a.share.low, "earlier_high": a.share.high,
                 "earlier_central": a.share.central, "later_low": b.share.low,
                 "later_high": b.share.high, "later_central": b.share.central,
                 "central_drop_points": round(drop, 6), "central_drop_km2": round(km2_drop, 6),
                 "gap_points": a.share.gap(b.share)},
            ))
    return findings


def check_withdrawals(reports: Iterable[Report],
                      units: gpd.GeoDataFrame | None = None) -> list[Finding]:
    """Check (c): withdrawal demands and offers against the control claims.

    A ``withdraw_share`` demand, read as control (its complement), is compared with
    the direct control claims (control_share, controlled_area, held_by_other_side) for
    the same unit in the same report (against an earlier report it is a change over
    time: :func:`check_changes`).
    An ``offer_withdraw`` is compared with the offering side's control in the same
    snapshot: the offered share cannot exceed the share held.
    """
    units = _load_units(units)
    areas = {str(k): float(v) for k, v in units["official_area_km2"].items()}
    names = {str(k): str(v) for k, v in units["name_en"].items()}
    ordered = sorted(reports, key=lambda r: r.sort_key)
    direct: list[dict[str, UnitClaim]] = []
    for rep in ordered:
        stripped = replace(rep, claims=tuple(c for c in rep.claims
                                             if c.kind != "withdraw_share"))
        found = unit_claims(stripped, areas)
        direct.append({k: UnitClaim(k, v.share, v.claim, rep, v.basis, v.km2)
                       for k, v in found.items()})
    findings: list[Finding] = []
    for i, rep in enumerate(ordered):
        for claim in rep.claims:
            if claim.kind == "withdraw_share":
                demand = replace(rep, claims=(claim,))
                for code, w in unit_claims(demand, areas).items():
                    # the same report only: against an earlier report the pair is a
                    # change over time, judged once, by check_changes
                    refs = [direct[i][code]] if code in direct[i] else []
                    for ref in refs:
                        sev = classify(w.share, ref.share)
                        msg = (f"{names.get(code, code)} ({code}): {rep.id}'s withdrawal "
                               f"demand read as control, {_describe(w)}, vs {ref.report.id}'s "
                               f"control claim {_describe(ref)}: "
                               f"{_verdict(sev, w.share, ref.share, 'percent')}.")
                        findings.append(Finding(
                            "withdrawal_vs_control", sev, msg,
                            tuple(dict.fromkeys((rep.id, ref.report.id))), (claim.id, ref.claim.id),
                            {"implied_low": w.share.low, "implied_high": w.share.high,
                             "implied_central": w.share.central, "control_low": ref.share.low,
                             "control_high": ref.share.high,
                             "control_central": ref.share.central,
                             "gap_points": w.share.gap(ref.share)},
                        ))
            elif claim.kind == "offer_withdraw" and claim.interval is not None:
                offered = claim.interval
                if offered.unit != "percent":
                    continue
                for code in claim.units:
                    held = next((d[code] for d in reversed(direct[: i + 1]) if code in d), None)
                    if held is None or occupier(code) != claim.actor:
                        continue
                    sev = "inconsistent" if offered.low > held.share.high + 1e-6 else "consistent"
                    rel = "more than" if sev == "inconsistent" else "no more than"
                    msg = (f"{names.get(code, code)} ({code}): {rep.id}'s offer to withdraw "
                           f"from {offered} ({claim.id}) is {rel} the share held, "
                           f"{_describe(held)} in {held.report.id}: {sev}.")
                    findings.append(Finding(
                        "offer_vs_control", sev, msg,
                        tuple(dict.fromkeys((rep.id, held.report.id))), (claim.id, held.claim.id),
                        {"offered_low": offered.low, "offered_high": offered.high,
                         "held_low": held.share.low, "held_high": held.share.high},
                    ))
    return findings


def _why_first(used: UnitClaim, other: UnitClaim) -> str:
    """Why the map uses ``used`` rather than ``other`` (:func:`unit_readings`' order)."""
    if used.claim.kind == other.claim.kind:
        return "the first of the two in the file"
    return f"a {used.claim.kind} claim comes before a {other.claim.kind} claim"


def check_same_unit(reports: Iterable[Report],
                    units: gpd.GeoDataFrame | None = None) -> list[Finding]:
    """Check (d): two or more claims of one report that give a share of the same unit.

    The map uses the first reading (:func:`geo.snapshot.unit_readings`); every other is
    compared with it, as intervals (:func:`classify`): ``consistent`` when they agree,
    ``tension`` when they meet only at the edges, ``inconsistent`` when they do not
    overlap (the gap in points). The finding names both claims, the unit and the claim
    the map uses, so the other one is never dropped unseen.
    """
    units = _load_units(units)
    areas = {str(k): float(v) for k, v in units["official_area_km2"].items()}
    names = {str(k): str(v) for k, v in units["name_en"].items()}
    findings: list[Finding] = []
    for rep in sorted(reports, key=lambda r: r.sort_key):
        for code, found in unit_readings(rep, areas).items():
            used = found[0]
            for other in found[1:]:
                sev = classify(used.share, other.share)
                who = occupier(code).capitalize()
                msg = (f"{names.get(code, code)} ({code}): {rep.id} gives {who}'s share "
                       f"twice, {_describe(used)} and {_describe(other)}: "
                       f"{_verdict(sev, used.share, other.share, 'percent')}. The map and "
                       f"the checks use {used.claim.id} ({_why_first(used, other)}).")
                findings.append(Finding(
                    "same_unit", sev, msg, (rep.id,), (used.claim.id, other.claim.id),
                    {"used_low": used.share.low, "used_high": used.share.high,
                     "used_central": used.share.central, "other_low": other.share.low,
                     "other_high": other.share.high, "other_central": other.share.central,
                     "gap_points": used.share.gap(other.share)},
                ))
    return findings


def check_combined(reports: Iterable[Report],
                   units: gpd.GeoDataFrame | None = None) -> list[Finding]:
    """Check (e): a share of units taken together against the report's own shares of each.

    A claim with ``scope: combined`` ("about 80 % of Donbas") is compared, as intervals
    (:func:`classify`), with the share the same report gives each of its units (the
    reading the map uses, :func:`geo.snapshot.unit_readings`), summed in km² and divided
    by the units' combined official area. Only when the report gives every one of the
    units a share, and all of them have the same occupier; the finding names the combined
    claim first, then the unit claims.
    """
    units = _load_units(units)
    areas = {str(k): float(v) for k, v in units["official_area_km2"].items()}
    findings: list[Finding] = []
    for rep in sorted(reports, key=lambda r: r.sort_key):
        readings = unit_readings(rep, areas)
        for claim in rep.claims:
            iv = claim.interval
            codes = tuple(dict.fromkeys(claim.units))
            if (claim.kind != "control_share" or claim.scope != "combined" or len(codes) < 2
                    or iv is None or iv.unit != "percent"
                    or any(c not in readings or c not in areas for c in codes)
                    or len({occupier(c) for c in codes}) != 1):
                continue
            whole = occupier(codes[0])
            stated = iv if claim.actor == whole else iv.complement()
            used = [readings[c][0] for c in codes]
            # one claim may give several of the units ("three quarters of each")
            ids = tuple(dict.fromkeys(u.claim.id for u in used))
            total = sum(areas[c] for c in codes)
            km2 = sum_intervals(u.km2 for u in used)
            summed = Interval(100 * km2.low / total, 100 * km2.high / total,
                              100 * km2.central / total)
            sev = classify(stated, summed)
            names = " + ".join(codes)
            msg = (f"{rep.id}: {claim.id} gives {whole.capitalize()}'s share of {names} taken "
                   f"together as {stated.range_text()}; its own shares of each "
                   f"({', '.join(ids)}) add up to "
                   f"{summed.range_text()} of their {_km(total)}: "
                   f"{_verdict(sev, stated, summed, 'percent')}.")
            findings.append(Finding(
                "combined", sev, msg, (rep.id,), (claim.id, *ids),
                {"stated_low": stated.low, "stated_high": stated.high,
                 "stated_central": stated.central, "units_low": summed.low,
                 "units_high": summed.high, "units_central": summed.central,
                 "gap_points": stated.gap(summed)},
            ))
    return findings


def check_all(reports: Iterable[Report],
              units: gpd.GeoDataFrame | None = None) -> list[Finding]:
    """Every check: totals of each report, share changes, withdrawals, several claims
    of one report on one unit; date order."""
    units = _load_units(units)
    ordered = sorted(reports, key=lambda r: r.sort_key)
    # An unreviewed draft is checked against the reviewed reports, and no reviewed
    # report is ever checked against a draft (its findings stay as they were).
    reviewed = [r for r in ordered if r.reviewed]

    def with_draft(rep: Report) -> list[Report]:
        return sorted([*reviewed, rep], key=lambda r: r.sort_key)

    findings: list[Finding] = []
    for rep in ordered:
        findings += check_totals(rep.id, reviewed if rep.reviewed else with_draft(rep), units)
    findings += check_changes(reviewed, units)
    findings += check_withdrawals(reviewed, units)
    for rep in (r for r in ordered if not r.reviewed):
        pool = with_draft(rep)
        findings += [f for f in check_changes(pool, units) + check_withdrawals(pool, units)
                     if rep.id in f.report_ids]
    findings += check_same_unit(ordered, units)
    findings += check_combined(ordered, units)
    return _one_per_pair(findings)


def _one_per_pair(findings: list[Finding]) -> list[Finding]:
    """Keep the first finding for each pair of claims (changes come before withdrawals),
    so a pair never reads both "tension" and "consistent"."""
    seen: set[frozenset[str]] = set()
    out = []
    for f in findings:
        key = frozenset(f.claim_ids) if len(f.claim_ids) == 2 else None
        if key is not None and f.kind != "km2_vs_percent":
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out


def findings_for(report_id: str, findings: Iterable[Finding]) -> list[Finding]:
    """The findings about report ``report_id`` (:attr:`Finding.about`): its own totals,
    and the changes and withdrawals that involve one of its claims."""
    return [f for f in findings if report_id in f.about]
