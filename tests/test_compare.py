import math

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.compare import compare_snapshots, timeline
from geo.reports import load_reports
from geo.snapshot import snapshot


def _snap(
    report: str, rows: dict[str, tuple[float, float, float, float] | None]
) -> gpd.GeoDataFrame:
    """A tiny snapshot: code -> (low, high, central, official km²) or None for no claim."""
    recs = []
    for code, v in rows.items():
        low, high, central, area = v if v else (math.nan, math.nan, math.nan, 1000.0)
        recs.append(
            {
                "code": code,
                "name_en": code,
                "held_by": "russia",
                "share_low": low,
                "share_high": high,
                "share_central": central,
                "km2_low": low * area / 100,
                "km2_high": high * area / 100,
                "km2_central": central * area / 100,
                "interval_text": f"{low}-{high} %",
                "status": "stated" if v else "no_claim",
                "report_id": report if v else None,
                "claim_id": f"{report}-c1" if v else None,
                "as_of": report,
            }
        )
    df = pd.DataFrame(recs).set_index("code")
    gdf = gpd.GeoDataFrame(df, geometry=[box(i, 0, i + 1, 1) for i in range(len(df))], crs=4326)
    gdf.attrs["report_id"] = report
    return gdf


def test_deltas_hand_computed() -> None:
    a = _snap(
        "A",
        {"X": (80, 88, 84, 2000), "Y": (66.5, 73.5, 70, 1000), "Z": None, "W": (10, 20, 15, 1000)},
    )
    b = _snap(
        "B", {"X": (90, 99, 94.5, 2000), "Y": (70, 72, 71, 1000), "Z": (5, 5, 5, 1000), "W": None}
    )
    d = compare_snapshots(a, b)
    assert d.loc["X", "delta_share_pct"] == pytest.approx(10.5)
    assert d.loc["X", "delta_km2"] == pytest.approx(210.0)  # 10.5 % of 2,000 km²
    assert d.loc["X", "direction"] == "up" and bool(d.loc["X", "significant"])
    assert d.loc["Y", "direction"] == "up" and not bool(d.loc["Y", "significant"])  # overlap
    assert d.loc["Z", "direction"] == "new claim"
    assert d.loc["W", "direction"] == "claim dropped"
    assert list(d["report_a"].unique()) == ["A"] and list(d["report_b"].unique()) == ["B"]
    assert d.crs.to_epsg() == 4326 and d.geometry.notna().all()


def test_real_reports_r1_to_r5_donetsk_falls() -> None:
    reports = load_reports()
    d = compare_snapshots(snapshot("R1", reports), snapshot("R5", reports))
    don = d.loc["UA-14"]
    assert don["direction"] == "down"
    # R1 "more than 80 %" -> central 84; R5's withdrawal demand -> 80: 4 points of 26,517 km².
    assert don["delta_share_pct"] == pytest.approx(-4.0)
    assert don["delta_km2"] == pytest.approx(-0.04 * 26517, abs=0.1)
    # R1's Luhansk claim is 11 months old by R5: stale there, not in force, so compared
    # with nothing (not "unchanged", as if R5 had said it again)
    lu = d.loc["UA-09"]
    assert (lu["direction"], lu["status_b"], lu["significant"]) == ("stale", "stale", False)
    assert math.isnan(lu["delta_share_pct"]) and math.isnan(lu["delta_km2"])
    assert set(d.loc[d["status_b"] == "stale", "direction"]) == {"stale"}


def test_timeline_has_every_report_in_date_order() -> None:
    t = timeline(load_reports())
    # R3 and R4 state no unit's share and by their dates carry only R1's claims grown
    # stale: no claim of theirs is in force, so they have no point
    assert list(dict.fromkeys(t["report_id"])) == ["R1", "R2", "R5"]
    assert t["date"].is_monotonic_increasing
    don = t[t.code == "UA-14"].set_index("report_id")
    assert don.loc["R1", "share_central"] == pytest.approx(84.0)
    assert don.loc["R2", "status"] == "carried_forward"
    # R5 carries R1's Luhansk claim only as a stale one: no point of R5's line
    lu = t[t.code == "UA-09"].set_index("report_id")
    assert "R1" in lu.index and "R5" not in lu.index
    assert not (t["status"] == "stale").any()
    assert (t["share_low"] <= t["share_central"]).all() and (
        t["share_central"] <= t["share_high"]
    ).all()
