"""Checking claims against mapped control: is the claim true, by how much is it off?

For every quantitative claim of a report -- the share or km² of a unit held by a side,
a national total, ground held by the other side, or the share a withdrawal demand says
the target still holds -- :func:`verify_report` reads the measured value of **the
side the claim is about** from a measured :class:`~geo.held.HeldTerritory` and gives a
verdict:

``consistent``
    the claimed interval meets the measured range;
``overstated`` / ``understated``
    the claim lies above / below the measured range, by ``off_by_points`` (and
    ``off_by_km2``): the distance from the measured value to the claim's nearest bound
    ("more than 80 %" against a measured 65 % is overstated by 15 points), of which
    ``beyond_tolerance_points`` lie beyond the boundary tolerance;
``not checkable``
    the layer does not map that side there (a layer of Russian-held ground says nothing
    of Ukrainian-held ground in Kursk oblast, nor so of how much of Kursk Russia holds:
    Russia's ground in a Russian unit is the unit less Ukraine's ground there), or the
    claim has no figure.

The measured range is ``[held, held + contested + tolerance]``: ground the side surely
holds, then the **grey zone** (contested ground, where the layer maps it) that a reading
may count to it, then the **boundary tolerance**
of a unit is the share of it in boundary-mismatch strips (where the layer's coast or
border and the project's boundaries disagree, :mod:`geo.held`), ground that may belong
to either side. A claim that meets the range only thanks to the grey zone is consistent
*if the grey zone counts*, only thanks to the tolerance *within the boundary tolerance*
(``reading``; ``within_tolerance``), and says so. The qualifier is read as worded: "more
than 80 %" is a lower bound, true against a map of 98 % (``slack_points`` says how
loose), "less than" an upper bound, "about" and exact figures two-sided. Gaps under
:data:`PRECISION_POINTS` (the precision figures are shown with) do not count. Shares are
percent of the unit's polygon, and of Ukraine's official area for Ukraine as a whole
(:func:`geo.boundaries.ukraine_area_km2`, the figure reports divide by); km² are geodesic.
Every verdict states its ``denominator`` and is also judged on the other one
(``other_denominator``, ``other_area_km2``, ``other_measured_pct``, ``other_verdict``):
:func:`geo.labels.basis_flip_text` says where the other basis would flip it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from geo.boundaries import ukraine_area_km2
from geo.classes import HELD_WORDS
from geo.held import HeldTerritory
from geo.intervals import Interval
from geo.reports import PACE_KINDS, Claim, Report

__all__ = ["VERDICTS", "VERDICT_COLUMNS", "CHECKED_KINDS", "PRECISION_POINTS", "DENOMINATORS",
           "verify_report", "verify_claims"]

#: Verdicts, from agreeing to not checkable.
VERDICTS: tuple[str, ...] = ("consistent", "overstated", "understated", "not checkable")
#: Claim kinds that state a quantity of held ground.
CHECKED_KINDS: tuple[str, ...] = (
    "control_share", "controlled_area", "held_by_other_side", "withdraw_share",
)
#: Columns of the verdict table.
VERDICT_COLUMNS: tuple[str, ...] = (
    "report_id", "claim_id", "kind", "side", "code", "name", "unit", "claim_low",
    "claim_high", "claim_central", "claim_text", "measured_km2", "measured_pct",
    "tolerance_km2", "tolerance_pct", "area_km2", "verdict", "off_by_points", "off_by_km2",
    "beyond_tolerance_points", "within_tolerance", "basis", "source", "reason",
    "contested_km2", "contested_pct", "reading", "slack_points", "denominator",
    "other_denominator", "other_area_km2", "other_measured_pct", "other_verdict",
)
#: The two denominators of a share: the unit's polygon (its land and inland water, the
#: basis maps and mapmakers' figures use) and its official area (statistics, which also
#: count estuaries and bays the polygon leaves out).
DENOMINATORS: tuple[str, ...] = ("unit polygon", "official area")
#: Gaps smaller than this (percentage points of the unit) are not counted: figures are
#: shown to 0.1 points.
PRECISION_POINTS = 0.05


def _side(claim: Claim) -> str:
    """The side whose ground a claim states."""
    if claim.kind == "withdraw_share":
        if claim.target in ("russia", "ukraine"):
            return str(claim.target)
        return "ukraine" if claim.actor == "russia" else "russia"
    return claim.actor


def _targets(claim: Claim, held: HeldTerritory) -> list[tuple[str, list[str]]]:
    """``(code, units)`` to check: one per unit for shares, the sum for km², totals and
    shares of units taken together (``scope: combined``)."""
    if claim.scope == "country":
        ua = [str(c) for c in held.units.index[held.units["country"] == "UA"]]
        return [("UA", ua)]
    codes = [c for c in claim.units if c in held.units.index]
    if not codes:
        return []
    if (claim.figure_unit == "km2" or claim.scope == "combined") and len(codes) > 1:
        # an area of several units is their sum; a share of them taken together ("80 % of
        # Donbas") is of their combined area
        return [("+".join(codes), codes)]
    return [(c, [c]) for c in codes]


def _is_russian(held: HeldTerritory, code: str) -> bool:
    units = held.units
    return bool("country" in units.columns and code in units.index
                and units.loc[code, "country"] == "RU")


def _maps(held: HeldTerritory, code: str, side: str) -> bool:
    """Whether the layer tells how much ``side`` holds of unit ``code``: Russia's ground in
    a Russian unit is the unit less what Ukraine holds there, so it needs Ukraine's ground
    mapped ("Russia holds all of Kursk" cannot be checked against a layer of occupied
    Ukraine only: its Russian-held ground stops at the border)."""
    if side == "russia" and _is_russian(held, code):
        return held.maps(code, "ukraine")
    return held.maps(code, side)


def _held_km2(held: HeldTerritory, code: str, side: str) -> float:
    """km² ``side`` holds in unit ``code``; for Russia in a Russian unit, the unit less
    Ukraine's ground there."""
    if side == "russia" and _is_russian(held, code):
        return float(held.units.loc[code, "geodesic_area_km2"]) - held.km2(code, "ukraine")
    return held.km2(code, side)


def _name(held: HeldTerritory, code: str, codes: list[str]) -> str:
    if code == "UA":
        return "Ukraine"
    return " + ".join(str(held.units.loc[c, "name_en"]) for c in codes)


def _unit_km2(held: HeldTerritory, code: str, codes: list[str]) -> float:
    """The denominator of a share: Ukraine's area for the country (the one figure every
    view divides by), else the units' polygons (so a unit mapped whole is 100 %)."""
    if code == "UA":
        return ukraine_area_km2(held.units)
    return float(held.units.loc[codes, "geodesic_area_km2"].sum())


def _other_km2(held: HeldTerritory, code: str, codes: list[str]) -> tuple[str, str, float]:
    """``(denominator, other denominator, its km²)``: Ukraine is divided by its official
    area, the other basis being its units' polygons; a unit by its polygon, the other
    basis its official area (NaN where the layer has none)."""
    units = held.units
    if code == "UA":
        ua = units[units["country"] == "UA"] if "country" in units.columns else units
        return DENOMINATORS[1], DENOMINATORS[0], float(ua["geodesic_area_km2"].sum())
    if "official_area_km2" not in units.columns:
        return DENOMINATORS[0], DENOMINATORS[1], math.nan
    official = pd.to_numeric(units.loc[codes, "official_area_km2"], errors="coerce")
    return DENOMINATORS[0], DENOMINATORS[1], float(official.sum()) if bool(
        (official > 0).all()) else math.nan


def _row(report: Report, claim: Claim, side: str, code: str, name: str,
         iv: Interval | None, held: HeldTerritory) -> dict[str, object]:
    return {
        "report_id": report.id, "claim_id": claim.id, "kind": claim.kind, "side": side,
        "code": code, "name": name, "unit": iv.unit if iv else None,
        "claim_low": iv.low if iv else math.nan, "claim_high": iv.high if iv else math.nan,
        "claim_central": iv.central if iv else math.nan, "claim_text": str(iv) if iv else "",
        "measured_km2": math.nan, "measured_pct": math.nan, "tolerance_km2": math.nan,
        "tolerance_pct": math.nan, "area_km2": math.nan, "verdict": "not checkable",
        "off_by_points": math.nan, "off_by_km2": math.nan, "beyond_tolerance_points": math.nan,
        "within_tolerance": False,
        "basis": held.basis, "source": held.source, "reason": "",
        "contested_km2": math.nan, "contested_pct": math.nan, "reading": "",
        "slack_points": math.nan, "denominator": "", "other_denominator": "",
        "other_area_km2": math.nan, "other_measured_pct": math.nan, "other_verdict": "",
    }


def _judge(row: dict[str, object], iv: Interval, measured_km2: float, tol_km2: float,
           area_km2: float, *, grey_km2: float = 0.0) -> None:
    """Fill the measured figures and the verdict of one row (compared in points).

    ``measured_km2`` is the ground the side surely holds, ``grey_km2`` the contested
    ground that may be counted to it: the measured band is ``[held, held + contested]``,
    and the boundary tolerance widens its top. The claim is read as worded: "more than"
    is a lower bound (a map above the interval makes it true, looser than its wording
    suggests: ``slack_points``), "less than" an upper bound, "about", exact figures and
    "all" two-sided.
    """
    to_pct = 100.0 / area_km2 if area_km2 else 0.0
    m, tol, grey = measured_km2 * to_pct, tol_km2 * to_pct, grey_km2 * to_pct
    band_top = m + grey
    row.update(measured_km2=measured_km2, measured_pct=m, tolerance_km2=tol_km2,
               tolerance_pct=tol, area_km2=area_km2, contested_km2=grey_km2,
               contested_pct=grey)
    lo, hi = (iv.low * to_pct, iv.high * to_pct) if iv.unit == "km2" else (iv.low, iv.high)
    eps = PRECISION_POINTS
    lower_bound_only = iv.qualifier == "more_than"
    upper_bound_only = iv.qualifier == "less_than"
    slack, reading = 0.0, "held"
    if lo > band_top + tol + eps:
        if upper_bound_only:  # "less than 20 %" and the map shows 10 %: true
            verdict, off, beyond, slack = "consistent", 0.0, 0.0, lo - band_top
        else:  # the gap from held ground, as a reader works it out; what the grey zone
            # and the tolerance cannot explain beside it
            verdict, off, beyond = "overstated", lo - m, lo - band_top - tol
    elif hi < m - eps:
        if lower_bound_only:  # "more than 80 %" and the map shows 98 %: true
            verdict, off, beyond, slack = "consistent", 0.0, 0.0, m - hi
        else:
            verdict, off, beyond = "understated", m - hi, m - hi
    else:
        verdict, off, beyond = "consistent", 0.0, 0.0
    if verdict == "consistent" and not slack:
        if lo <= m + eps:
            reading = "held"
        elif lo <= band_top + eps:
            reading = "held or contested"
        elif lo <= m + tol + eps:
            reading = "boundary tolerance"
        else:
            reading = "held or contested, boundary tolerance"
    elif verdict != "consistent":
        reading = ""
    row.update(verdict=verdict, off_by_points=off, off_by_km2=off / 100.0 * area_km2,
               beyond_tolerance_points=beyond,
               within_tolerance=reading.endswith("boundary tolerance"), reading=reading,
               slack_points=slack)


def _pace_row(report: Report, claim: Claim, held: HeldTerritory) -> dict[str, object]:
    """A pace claim's row against one layer: ``not checkable``, a history is needed
    (:meth:`geo.layerset.Atlas.verify_history` checks it, :mod:`geo.pace_claims`)."""
    from geo.pace_claims import NEEDS_HISTORY, pace_claim_text, pace_unit

    code = pace_unit(claim)
    name = ("Ukraine" if code == "UA" else str(held.units.loc[code, "name_en"])
            if code in held.units.index else code)
    row = _row(report, claim, claim.actor, code, name, claim.interval, held)
    row.update(claim_text=pace_claim_text(claim), reason=NEEDS_HISTORY)
    return row


def verify_claims(claims: Iterable[tuple[Report, Claim]], held: HeldTerritory) -> pd.DataFrame:
    """Verdicts of claims against measured held territory (see the module doc).

    Parameters
    ----------
    claims : iterable of (Report, Claim)
        The claims to check, with their report.
    held : HeldTerritory
        Measured held territory (:func:`geo.held.measured_territory`). Against schematic
        territory every claim is ``not checkable``: schematic zones are drawn from the
        claims themselves.

    Returns
    -------
    pandas.DataFrame
        One row per claim and unit (per claim for totals and multi-unit km²), index
        ``claim_id:code``, columns :data:`VERDICT_COLUMNS`. A pace claim (km² gained over
        a period) gets one ``not checkable`` row: one layer cannot check it, a history
        can (:mod:`geo.pace_claims`).
    """
    rows: list[dict[str, object]] = []
    for report, claim in claims:
        if claim.kind in PACE_KINDS:  # a period's flows: judged against a history only
            rows.append(_pace_row(report, claim, held))
            continue
        if claim.kind not in CHECKED_KINDS:
            continue
        iv = claim.interval
        side = _side(claim)
        for code, codes in _targets(claim, held):
            row = _row(report, claim, side, code, _name(held, code, codes), iv, held)
            row["area_km2"] = _unit_km2(held, code, codes)  # the denominator, checked or not
            rows.append(row)
            if iv is None:
                row["reason"] = "the claim states no figure"
            elif held.schematic:
                row["reason"] = ("no mapped control is loaded; schematic zones are drawn from "
                                 "the claims, so they cannot test them")
            elif not all(_maps(held, c, side) for c in codes):
                row["reason"] = (f"the layer maps {_mapped(held)} ground only; it says nothing "
                                 f"of {HELD_WORDS.get(side, side)} ground in {row['name']}")
                if side == "russia" and any(_is_russian(held, c) for c in codes):
                    row["reason"] = (f"the layer maps {_mapped(held)} ground only; it says "
                                     f"nothing of {HELD_WORDS.get('ukraine', 'ukraine')} ground "
                                     f"in {row['name']}, so not how much of it Russia holds")
            else:
                grey = sum(held.contested_km2(c) for c in codes)
                km2 = sum(_held_km2(held, c, side) for c in codes)
                if side == "ukraine":  # Ukraine's rest of a unit holds the grey zone:
                    km2 -= sum(held.contested_km2(c) for c in codes  # surely held is less
                               if c in held.units.index
                               and held.units.loc[c, "country"] == "UA")
                # a Russian unit's mismatch is the Russian-held layer's overhang past the
                # border: no uncertainty of Ukrainian-held ground there
                tol = sum(held.km2(c, "mismatch") for c in codes
                          if not (side == "ukraine" and _is_russian(held, c)))
                _judge(row, iv, max(km2, 0.0), tol, _unit_km2(held, code, codes), grey_km2=grey)
                basis, other_basis, other_km2 = _other_km2(held, code, codes)
                row.update(denominator=basis, other_denominator=other_basis,
                           other_area_km2=other_km2)
                if other_km2 > 0:
                    other = dict(row)
                    # a polygon a little larger than the official area must not make
                    # a whole unit more than whole
                    held_km2 = min(max(km2, 0.0), other_km2)
                    _judge(other, iv, held_km2, tol, other_km2,
                           grey_km2=min(grey, other_km2 - held_km2))
                    row.update(other_measured_pct=other["measured_pct"],
                               other_verdict=other["verdict"])
    frame = pd.DataFrame(rows, columns=list(VERDICT_COLUMNS))
    frame.index = pd.Index([f"{r['claim_id']}:{r['code']}" for r in rows], name="verdict_id")
    for col in ("measured_km2", "measured_pct", "tolerance_km2", "tolerance_pct",
                "off_by_points", "off_by_km2", "beyond_tolerance_points", "claim_low",
                "claim_high", "claim_central", "contested_km2", "contested_pct",
                "slack_points", "other_area_km2", "other_measured_pct"):
        frame[col] = pd.to_numeric(frame[col]).astype(float)
    frame["within_tolerance"] = frame["within_tolerance"].astype(bool)
    return frame


def _mapped(held: HeldTerritory) -> str:
    return " and ".join(HELD_WORDS.get(s, s) for s in held.sides) or "no"


def verify_report(report: Report, held: HeldTerritory) -> pd.DataFrame:
    """Verdicts of every quantitative claim of ``report`` (:func:`verify_claims`)."""
    return verify_claims(((report, c) for c in report.claims), held)


def summary(verdicts: pd.DataFrame) -> dict[str, int]:
    """Count of each verdict (all of :data:`VERDICTS`, zeros included)."""
    counts = verdicts["verdict"].value_counts() if len(verdicts) else pd.Series(dtype=int)
    return {v: int(counts.get(v, 0)) for v in VERDICTS}


def worst_gap(verdicts: pd.DataFrame) -> float:
    """The largest ``off_by_points`` of the table (0 for none)."""
    vals = pd.to_numeric(verdicts.get("off_by_points", pd.Series(dtype=float)), errors="coerce")
    return float(np.nanmax(vals)) if len(vals) and vals.notna().any() else 0.0


__all__ += ["summary", "worst_gap"]

