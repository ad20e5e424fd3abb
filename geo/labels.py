"""Labels and tables: intervals, measurements and verdicts as text people read.

The one place where numbers become words, for the app, the CLI and the map layers
alike: a claim's short map label (``> 80 %``), its interval (``80–88 % (more than
80 %)``), a km² range, a measurement with its boundary tolerance, a verdict
(``overstated by 15.0 points (3,990 km²)``), and the display tables built from them
(:func:`claims_table`, :func:`verdict_table`, :func:`delta_table`). Nothing here is
HTML: callers escape for their medium (:mod:`layers.html`). Shares are percent, areas
km².
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any

import pandas as pd

from geo.intervals import Interval, format_number

__all__ = [
    "basis_flip_text",
    "cell_text",
    "display_frame",
    "age_text",
    "status_label",
    "num",
    "km2_text",
    "pct_text",
    "range_text",
    "row_interval",
    "short_label",
    "central_range_text",
    "km2_range_text",
    "measured_text",
    "verdict_label",
    "verdict_sentence",
    "claims_table",
    "verdict_table",
    "delta_table",
]


def num(value: Any) -> float | None:
    """A finite float, or None for missing, NaN and non-numbers."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def km2_text(x: Any, *, signed: bool = False) -> str:
    """``26,517 km²`` (``+1,060.7 km²`` when signed); ``""`` when missing."""
    v = num(x)
    if v is None:
        return ""
    text = f"{v:+,.1f}" if signed else format_number(v, "km2")
    return f"{text} km²"


def pct_text(x: Any, *, signed: bool = False, digits: int = 1) -> str:
    """``65.2 %`` (``-4.0 points`` when signed); ``""`` when missing."""
    v = num(x)
    if v is None:
        return ""
    if signed:
        return f"{v:+.{digits}f} points"
    return f"{v:.{digits}f} %"


def row_interval(row: Mapping[Any, Any], prefix: str = "share", *,
                 unit: str = "percent") -> Interval | None:
    """The interval stored flat in a row as ``<prefix>_low/_high/_central``, if any."""
    low, high = num(row.get(f"{prefix}_low")), num(row.get(f"{prefix}_high"))
    if low is None or high is None:
        return None
    central = num(row.get(f"{prefix}_central"))
    if central is None:
        central = (low + high) / 2
    return Interval(low, high, min(max(central, low), high),
                    unit="km2" if unit == "km2" else "percent")


def range_text(row: Mapping[Any, Any], prefix: str = "share", *, unit: str = "percent") -> str:
    """``80–88 %`` from a flat row (``""`` when the row has no interval)."""
    iv = row_interval(row, prefix, unit=unit)
    return iv.range_text() if iv is not None else ""


def central_range_text(row: Mapping[Any, Any], prefix: str = "share") -> str:
    """``84 % (80–88)``: the central share with its bounds; ``-`` without a claim."""
    c = num(row.get(prefix))
    lo, hi = num(row.get(f"{prefix}_low")), num(row.get(f"{prefix}_high"))
    if c is None:
        return "-"

    def fmt(x: float | None) -> str:
        return "" if x is None else f"{x:.2f}".rstrip("0").rstrip(".")

    return f"{fmt(c)} %" if fmt(lo) == fmt(hi) else f"{fmt(c)} % ({fmt(lo)}–{fmt(hi)})"


def km2_range_text(row: Mapping[Any, Any]) -> str:
    """A snapshot row's km²: ``21,214–23,335 km² (central 22,274 km²)`` or one figure."""
    iv = row_interval(row, "km2", unit="km2")
    if iv is None:
        return ""
    if format_number(iv.low, "km2") == format_number(iv.high, "km2"):
        return km2_text(iv.central)
    return f"{iv.range_text()} (central {km2_text(iv.central)})"


def short_label(row: Mapping[Any, Any]) -> str:
    """The claim as worded, short, for a permanent map label (``> 80 %``, ``all``)."""
    q = str(row.get("qualifier") or "")
    basis = str(row.get("basis") or "")
    low, high = num(row.get("share_low")), num(row.get("share_high"))
    central = num(row.get("share_central"))
    if central is None or low is None or high is None:
        return ""

    def fmt(x: float) -> str:
        return f"{x:.1f}".rstrip("0").rstrip(".")

    if "withdrawal" in basis:
        return f"≈{fmt(central)} % (implied)"
    if "area" in basis:
        km2 = num(row.get("km2_central"))
        return f"~{km2:,.0f} km²" if km2 is not None else f"~{fmt(central)} %"
    words = {"all": "all", "part": "part", "smaller_part": "part", "large_part": "large part",
             "some": "some (size unstated)", "some_part": "some (size unstated)",
             "unstated_part": "some (size unstated)", "nearly_all": "nearly all",
             "almost_all": "nearly all", "virtually_all": "nearly all"}
    if q in words:
        return words[q]
    if q in ("more_than", "over", "at_least"):
        return f"> {fmt(low)} %"
    if q in ("less_than", "under", "at_most"):
        return f"< {fmt(high)} %"
    if q in ("about", "roughly", "around", "approximately"):
        return f"~{fmt(central)} %"
    return f"{fmt(central)} %"


def measured_text(v: Mapping[Any, Any]) -> str:
    """A verdict row's measurement: ``65.0 % (17,300 km²), tolerance +0.4 points``."""
    m_pct, m_km2 = num(v.get("measured_pct")), num(v.get("measured_km2"))
    if v.get("kind") == "pace" and m_km2 is not None:  # km² over a period: no share
        return km2_text(m_km2) + _pace_rate(v)
    if m_pct is None or m_km2 is None:
        return "not measured"
    text = f"{m_pct:.1f} % ({km2_text(m_km2)})"
    grey = num(v.get("contested_pct"))
    if grey is not None and grey >= 0.05:
        text += (f", contested +{grey:.1f} points ({km2_text(v.get('contested_km2'))}: held or "
                 f"contested {m_pct + grey:.1f} %)")
    tol = num(v.get("tolerance_pct"))
    if tol is not None and tol >= 0.05:
        text += f", boundary tolerance +{tol:.1f} points ({km2_text(v.get('tolerance_km2'))})"
    return text


def _pace_rate(v: Mapping[Any, Any]) -> str:
    """`` a day`` or `` a week`` for a pace claim's row stating a rate, else ``""``."""
    rate = str(v.get("claim_text") or "").split("(")[0]
    return " a day" if " a day" in rate else " a week" if " a week" in rate else ""


def verdict_label(v: Mapping[Any, Any]) -> str:
    """Short verdict: ``overstated by 15.0 points (3,990 km²)``, ``consistent``,
    ``consistent within the boundary tolerance``, ``not checkable``; a pace claim's
    ``overstated by 91.4 km²`` (``a day``, ``a week`` for a rate)."""
    verdict = str(v.get("verdict") or "not checkable")
    if v.get("kind") == "pace" and verdict in ("overstated", "understated"):
        km2 = num(v.get("off_by_km2"))
        return verdict + (f" by {km2_text(km2)}{_pace_rate(v)}" if km2 is not None else "")
    if verdict in ("overstated", "understated"):
        pts, km2 = num(v.get("off_by_points")), num(v.get("off_by_km2"))
        by = f" by {pts:.1f} points" if pts is not None else ""
        text = f"{verdict}{by}" + (f" ({km2_text(km2)})" if km2 is not None else "")
        beyond, tol = num(v.get("beyond_tolerance_points")), num(v.get("tolerance_pct"))
        grey = num(v.get("contested_pct")) or 0.0
        if beyond is not None and pts is not None and beyond < pts - 0.05:
            what = ("the grey zone and the boundary tolerance" if grey >= 0.05 and tol
                    and tol >= 0.05 else "the grey zone" if grey >= 0.05
                    else "the boundary tolerance")
            text += f", {beyond:.1f} beyond {what}"
        return text
    slack = num(v.get("slack_points"))
    if verdict == "consistent" and slack:
        return _true_loosely(v, slack)
    reading = v.get("reading")
    if verdict == "consistent" and reading == "held or contested":
        return "consistent if the grey zone counts"
    if verdict == "consistent" and reading == "held or contested, boundary tolerance":
        return "consistent if the grey zone counts, within the boundary tolerance"
    if verdict == "consistent" and v.get("within_tolerance"):
        return "consistent within the boundary tolerance"
    return verdict


def _true_loosely(v: Mapping[Any, Any], slack: float) -> str:
    """A claim its wording leaves open on one side, and the map beyond its interval there:
    ``true: the map shows 98.1 %, above the 80–88 % the wording suggests``."""
    lo, hi = num(v.get("claim_low")), num(v.get("claim_high"))
    above = str(v.get("claim_text") or "").find("less than") < 0
    if v.get("unit") == "km2":
        shown = km2_text(v.get("measured_km2"))
        bounds = f"{format_number(lo or 0, 'km2')}–{format_number(hi or 0, 'km2')} km²"
    else:
        shown = f"{num(v.get('measured_pct')) or 0:.1f} %"
        bounds = f"{lo:g}–{hi:g} %" if lo != hi else f"{lo:g} %"
    return (f"true: the map shows {shown}, {'above' if above else 'below'} the {bounds} the "
            f"wording suggests ({slack:.1f} points looser)")


def verdict_sentence(v: Mapping[Any, Any]) -> str:
    """One sentence: the claim, the measurement of that side, the verdict and why."""
    side = str(v.get("side") or "").title()
    where = str(v.get("name") or v.get("code") or "")
    claim = str(v.get("claim_text") or "")
    if v.get("kind") == "pace":  # its reason is the whole verdict (geo.pace_claims)
        if v.get("verdict") == "not checkable":
            return (f"{v.get('claim_id')}: {side}, {where}: {claim}; not checkable: "
                    f"{v.get('reason')}.")
        return f"{v.get('claim_id')}: {v.get('reason')}"
    head = f"{v.get('claim_id')}: {side} holds {claim} of {where}" if claim else \
        f"{v.get('claim_id')}: {where}"
    if v.get("verdict") == "not checkable":
        return f"{head}; not checkable: {v.get('reason')}."
    lead = "at least " if v.get("verdict") == "overstated" and num(v.get("claim_high")) != \
        num(v.get("claim_low")) else ""
    label = verdict_label(v)
    label = label.replace(" by ", f" by {lead}", 1) if v.get("verdict") != "consistent" \
        else label
    flip = basis_flip_text(v)
    return f"{head}; measured {measured_text(v)}: {label}" + (f" ({flip})" if flip else "") + "."


def cell_text(value: object) -> str:
    """A table cell as people read it, in every view (CLI tables and the app's): nothing
    for a missing value, "yes"/"no", integers with thousands separators (21,347), other
    numbers to one decimal (1,554,220.5)."""
    if value is None or (isinstance(value, numbers.Real) and value != value):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{value:,}"
    if isinstance(value, numbers.Real):
        return f"{value:,.1f}"
    return str(value)


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every cell as :func:`cell_text` (index kept; a float column whose
    values are whole numbers reads as integers)."""
    out = {}
    for col in frame.columns:
        values = frame[col]
        if values.dtype.kind == "f" and bool(((values.dropna() % 1) == 0).all()):
            out[col] = [cell_text(int(v)) if v == v else "" for v in values]
        else:
            out[col] = [cell_text(v) for v in values]
    return pd.DataFrame(out, index=frame.index, columns=frame.columns)


def age_text(days: float) -> str:
    """An age in words: "12 days", "5 months", "1 year 2 months"."""
    d = int(round(days))
    if d < 60:
        return f"{d} day{'s' if d != 1 else ''}"
    months = round(d / 30.44)
    years, months = divmod(months, 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + \
        ([f"{months} month{'s' if months != 1 else ''}"] if months else [])
    return " ".join(parts)


def status_label(row: Mapping[Any, Any]) -> str:
    """A snapshot row's status for people: "stated", "carried from R1 (2024-11-23, 40 days
    old)", "stale: R1 (2024-11-23), 11 months old"."""
    status = row.get("status")
    if status == "no_claim":
        return "no claim"
    age = row.get("age_days")
    old = age_text(float(age)) + " old" if age is not None and age == age else ""
    where = f"{row.get('report_id')} ({row.get('source_date')})"
    if status == "stale":
        return f"stale: {where}" + (f", {old}" if old else "")
    if status == "stated":
        return "stated"
    return f"carried from {where}" + (f", {old}" if old else "")


def claims_table(snap: pd.DataFrame, verdicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """A snapshot as a readable table of the units with a claim, index ``code``.

    Columns: unit, held by, claim (as worded), claimed share (the interval), km² low,
    km² high, status, source, claim; with verdicts: measured and verdict.
    """
    found: dict[tuple[str, str], Mapping[Any, Any]] = {}
    if verdicts is not None and len(verdicts):
        for rec in verdicts.to_dict("records"):
            found[(str(rec["claim_id"]), str(rec["code"]))] = rec
    rows, index = [], []
    for code, r in snap.iterrows():
        if r.get("status") == "no_claim":
            continue
        row = r.to_dict()
        km2 = row_interval(row, "km2", unit="km2")
        out: dict[str, Any] = {
            "unit": row.get("name_en"),
            "held by": str(row.get("held_by") or "").title(),
            "claim": short_label(row),
            "claimed share": str(row.get("interval_text") or ""),
            "km² low": round(km2.low) if km2 else None,
            "km² high": round(km2.high) if km2 else None,
            "status": status_label(row),
            "source": f"{row.get('source_outlet')}, {row.get('source_date')}",
            "claim id": row.get("claim_id") or "",
        }
        if verdicts is not None:
            v = found.get((str(row.get("claim_id")), str(code)))
            # a claim about the other side's ground (R5: "withdraw from the 20 % Ukraine
            # still holds", drawn as Russia's 80 %) is checked as worded: say whose share
            # the measured figure and the verdict are about
            side = str(v.get("side") or "") if v else ""
            other = bool(v) and side not in ("", str(row.get("held_by") or ""))
            whose = f"{side.title()} holds " if other else ""
            out["measured"] = (whose + measured_text(v)) if v else ""
            out["verdict"] = ((f"{side.title()}'s {v['claim_text']}: " if other else "")
                              + verdict_label(v)) if v else (
                "not checked: stale (no longer in force)" if row.get("status") == "stale"
                else "")
        rows.append(out)
        index.append(code)
    return pd.DataFrame(rows, index=pd.Index(index, name="code"))


def basis_flip_text(v: Mapping[Any, Any]) -> str:
    """Where the other denominator changes a verdict: ``"of its official area (28,461
    km²) the map shows 67.6 %: overstated on that basis"``; empty where it does not (or
    the row was not judged). A unit's share is of its polygon, Ukraine's of its official
    area (:data:`geo.verify.DENOMINATORS`)."""
    other = str(v.get("other_verdict") or "")
    area, pct = num(v.get("other_area_km2")), num(v.get("other_measured_pct"))
    if not other or other == v.get("verdict") or area is None or pct is None:
        return ""
    return (f"of its {v.get('other_denominator')} ({area:,.0f} km²) the map shows "
            f"{pct:.1f} %: {other} on that basis")


def verdict_table(verdicts: pd.DataFrame) -> pd.DataFrame:
    """Verdicts as a readable table: claim, where, side, claimed, measured, verdict, why."""
    rows = []
    for _, v in verdicts.iterrows():
        d = v.to_dict()
        rows.append({
            "claim": d["claim_id"],
            "where": f"{d['name']} ({d['code']})" if d["code"] != "UA" else "Ukraine",
            "side": str(d["side"]).title(),
            "claimed": d["claim_text"],
            "measured": measured_text(d) if d["verdict"] != "not checkable" else "",
            "verdict": verdict_label(d),
            "note": d["reason"] or basis_flip_text(d),
        })
    return pd.DataFrame(rows, columns=["claim", "where", "side", "claimed", "measured",
                                       "verdict", "note"])


def delta_table(delta: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Per-unit change between two snapshots as a readable table (units with a claim),
    index ``code``; the change is numeric (points and km²) so it sorts."""
    d = delta[delta["direction"] != "no claim"]
    rows, index = [], []
    for code, r in d.iterrows():
        row = r.to_dict()
        rows.append({
            "unit": row["name_en"],
            "held by": str(row["held_by"]).title(),
            f"{a} claim": range_text(row, "share_a"),
            f"{b} claim": range_text(row, "share_b"),
            "change (points)": num(row["delta_share_pct"]),
            "change (km²)": num(row["delta_km2"]),
            "direction": row["direction"],
            "significant": "yes" if row["significant"] else "no",
            "sources": f"{row['source_a'] or '–'} → {row['source_b'] or '–'}",
        })
        index.append(code)
    return pd.DataFrame(rows, index=pd.Index(index, name="code"))
