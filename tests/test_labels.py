"""Labels: intervals, measurements and verdicts as text (hand-checked strings)."""

from __future__ import annotations

import math

import pandas as pd

from geo.labels import (
    age_text,
    central_range_text,
    claims_table,
    km2_text,
    measured_text,
    pct_text,
    status_label,
    verdict_label,
    verdict_sentence,
)


def test_numbers() -> None:
    assert km2_text(26517) == "26,517 km²" and km2_text(None) == ""
    assert km2_text(-1060.7, signed=True) == "-1,060.7 km²"
    assert pct_text(65.04) == "65.0 %" and pct_text(-4, signed=True) == "-4.0 points"
    assert pct_text(math.nan) == ""
    assert central_range_text({"share": 84, "share_low": 80, "share_high": 88}) == "84 % (80–88)"
    assert central_range_text({"share": 80, "share_low": 80, "share_high": 80}) == "80 %"
    assert central_range_text({"share": None}) == "-"


def _v(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "claim_id": "R1-c4", "side": "russia", "name": "Donetsk", "code": "UA-14",
        "claim_text": "80–88 % (more than 80 %)", "claim_low": 80.0, "claim_high": 88.0,
        "measured_pct": 65.0, "measured_km2": 17288.9, "tolerance_pct": 0.0,
        "tolerance_km2": 0.0, "verdict": "overstated", "off_by_points": 15.0,
        "off_by_km2": 3989.8, "beyond_tolerance_points": 15.0, "within_tolerance": False,
        "reason": "",
    }
    base.update(kw)
    return base


def test_verdicts() -> None:
    assert verdict_label(_v()) == "overstated by 15.0 points (3,990 km²)"
    assert verdict_sentence(_v()) == (
        "R1-c4: Russia holds 80–88 % (more than 80 %) of Donetsk; measured 65.0 % "
        "(17,289 km²): overstated by at least 15.0 points (3,990 km²).")
    tol = _v(tolerance_pct=0.6, tolerance_km2=150.0, beyond_tolerance_points=14.4)
    assert verdict_label(tol).endswith(", 14.4 beyond the boundary tolerance")
    assert measured_text(tol) == ("65.0 % (17,289 km²), boundary tolerance +0.6 points "
                                  "(150 km²)")
    ok = _v(verdict="consistent", within_tolerance=True)
    assert verdict_label(ok) == "consistent within the boundary tolerance"
    nc = _v(verdict="not checkable", reason="the layer maps Russian-held ground only")
    assert verdict_sentence(nc).endswith("not checkable: the layer maps Russian-held ground "
                                         "only.")


def test_claims_table_joins_verdicts_by_claim_and_unit() -> None:
    snap = pd.DataFrame({
        "name_en": ["Donetsk", "Lviv"], "held_by": ["russia", "russia"],
        "share_low": [80.0, math.nan], "share_high": [88.0, math.nan],
        "share_central": [84.0, math.nan], "km2_low": [21213.6, math.nan],
        "km2_high": [23335.0, math.nan], "km2_central": [22274.3, math.nan],
        "interval_text": ["80–88 % (more than 80 %)", None], "qualifier": ["more_than", None],
        "basis": ["control claim", None], "claim_id": ["R1-c4", None], "status": ["stated",
                                                                                 "no_claim"],
        "carried_from": [None, None], "source_outlet": ["V7N", None],
        "source_date": ["2024-11-23", None],
    }, index=pd.Index(["UA-14", "UA-46"], name="code"))
    t = claims_table(snap, pd.DataFrame([_v()]))
    assert list(t.index) == ["UA-14"]  # units with a claim only
    row = t.loc["UA-14"]
    assert row["claim"] == "> 80 %" and row["km² low"] == 21214 and row["km² high"] == 23335
    assert row["verdict"] == "overstated by 15.0 points (3,990 km²)"


def test_ages_and_statuses_read_as_words() -> None:
    assert age_text(1) == "1 day" and age_text(59) == "59 days"
    assert age_text(326) == "11 months"  # 326 / 30.44 = 10.7
    assert age_text(365) == "1 year" and age_text(430) == "1 year 2 months"
    row = {"status": "carried_forward", "report_id": "R1", "source_date": "2024-11-23",
           "age_days": 115.0}
    assert status_label(row) == "carried from R1 (2024-11-23), 4 months old"
    assert status_label({**row, "status": "stale", "age_days": 326.0}) == (
        "stale: R1 (2024-11-23), 11 months old")
    assert status_label({**row, "status": "stale", "age_days": float("nan")}) == (
        "stale: R1 (2024-11-23)")
    assert status_label({"status": "stated"}) == "stated"


def test_cells_read_the_same_in_every_view() -> None:
    from geo.labels import cell_text, display_frame

    assert [cell_text(v) for v in (None, float("nan"), True, 21347, 1554220.46, "x")] == [
        "", "", "yes", "21,347", "1,554,220.5", "x"]
    frame = pd.DataFrame({"km²": [21347.0, None], "note": [None, "a"]}, index=["UA-14", "UA-9"])
    shown = display_frame(frame)
    assert shown.to_dict("index") == {"UA-14": {"km²": "21,347", "note": ""},
                                      "UA-9": {"km²": "", "note": "a"}}
