import datetime as dt
import json
import math

import geopandas as gpd
import pandas as pd
import pytest
from reportkit import make_report, share

from geo.errors import FrontlineError
from geo.reports import ReportSet, load_reports
from geo.snapshot import (
    SNAPSHOT_COLUMNS,
    STALE_AFTER_DAYS,
    snapshot,
    snapshot_records,
    unit_claims,
    unit_readings,
)

AREA = {"UA-14": 26517.0, "UA-09": 26684.0, "UA-43": 26081.0, "UA-40": 864.0,
        "RU-KRS": 29997.0}


@pytest.fixture(scope="module")
def builtin() -> ReportSet:
    return load_reports()


def test_r1_snapshot_is_complete(builtin: ReportSet, units: gpd.GeoDataFrame) -> None:
    snap = snapshot("R1", builtin, units)
    ua = sorted(units.index[units["country"] == "UA"])
    assert list(snap.index) == ua + ["RU-KRS"]
    assert list(snap.columns) == [*SNAPSHOT_COLUMNS, "geometry"]
    assert snap.crs.to_epsg() == 4326
    assert snap.geometry["UA-14"].equals(units.geometry["UA-14"])
    stated = snap[snap["status"] == "stated"]
    assert set(stated.index) == {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65", "UA-63",
                                 "UA-48", "RU-KRS"}
    assert (snap.loc[snap["status"] == "no_claim", "share_low"].isna()).all()
    assert (snap["as_of"] == "R1").all()
    d = snap.loc["UA-14"]
    assert (d.share_low, d.share_high, d.share_central) == (80, 88, 84)
    assert math.isclose(d.km2_low, 0.80 * AREA["UA-14"])
    assert math.isclose(d.km2_high, 0.88 * AREA["UA-14"])
    assert d.interval_text == "80–88 % (more than 80 %)"
    assert (d.claim_id, d.report_id, d.qualifier) == ("R1-c4", "R1", "more_than")
    assert pd.isna(d.carried_from)
    # "all of Crimea" covers the republic and Sevastopol
    for code in ("UA-43", "UA-40"):
        assert snap.loc[code, "share_low"] == 100 == snap.loc[code, "share_high"]
        assert snap.loc[code, "km2_central"] == AREA[code]
    # Kursk: km² claim held by Ukraine, shown as Ukraine's share
    k = snap.loc["RU-KRS"]
    assert k.held_by == "ukraine"
    assert (k.km2_low, k.km2_high, k.km2_central) == pytest.approx((617.5, 682.5, 650))
    assert k.share_central == pytest.approx(650 / AREA["RU-KRS"] * 100)


def test_carry_forward_in_builtin_reports(builtin: ReportSet, units: gpd.GeoDataFrame) -> None:
    r2 = snapshot("R2", builtin, units)
    claimed = r2[r2["status"] != "no_claim"]
    assert (claimed["status"] == "carried_forward").all()
    assert (claimed["carried_from"] == "R1").all() and (claimed["report_id"] == "R1").all()
    assert "R2-c1 (facility_held)" in r2.loc["UA-23", "related_claims"]
    assert "R2-c2 (note)" in r2.loc["RU-KRS", "related_claims"]

    r5 = snapshot("R5", builtin, units)
    d = r5.loc["UA-14"]
    assert (d.status, d.claim_id, d.basis) == ("stated", "R5-c3",
                                                "complement of withdrawal demand")
    assert (d.share_low, d.share_high) == (80, 80)  # 100 - 20
    assert "withdraw" in d.interval_text
    assert d.source_date == "2025-10"
    # R1's claims are 326 days old at R5 (the 15th of October 2025): past the half year
    # they are stale, but keep their report, date and figures
    lu = r5.loc["UA-09"]
    assert (lu.status, lu.carried_from, lu.claim_id, lu.source_date) == (
        "stale", "R1", "R1-c5", "2024-11-23")
    assert lu.age_days == (dt.date(2025, 10, 15) - dt.date(2024, 11, 23)).days == 326
    assert (lu.share_low, lu.share_high) == (80, 88)
    assert r2.loc["UA-09", "age_days"] == (dt.date(2025, 3, 18) - dt.date(2024, 11, 23)).days
    assert d.age_days == 0


def test_claims_go_stale_past_the_stated_age(units: gpd.GeoDataFrame) -> None:
    a = make_report("A", "2024-01-10", [share(["UA-09"], "exact", 60)])
    b = make_report("B", "2024-07-10", [share(["UA-14"], "exact", 55)])  # 182 days later
    c = make_report("C", "2024-07-12", [share(["UA-14"], "exact", 56)])  # 184 days later
    reports = [a, b, c]
    assert STALE_AFTER_DAYS == 183
    assert snapshot("B", reports, units).loc["UA-09", "status"] == "carried_forward"
    assert snapshot("C", reports, units).loc["UA-09", "status"] == "stale"
    # seen from a later day (a history map), a report's own claims age too
    seen = snapshot("B", reports, units, on=dt.date(2025, 1, 10))
    assert seen.loc["UA-14", ["status", "age_days"]].tolist() == ["stale", 184]
    assert seen.loc["UA-09", ["status", "carried_from", "age_days"]].tolist() == [
        "stale", "A", 366]
    fresh = snapshot("B", reports, units, on=dt.date(2024, 8, 1))
    assert fresh.loc["UA-14", "status"] == "stated"


def test_carry_forward_takes_most_recent_earlier_report(units: gpd.GeoDataFrame) -> None:
    a = make_report("A", "2024-01-10", [share(["UA-14"], "about", 50),
                                        share(["UA-09"], "exact", 60)])
    b = make_report("B", "2024-06-01", [share(["UA-14"], "exact", 55)])
    c = make_report("C", "2024-12", [share(["UA-43"], "all")])
    later = make_report("D", "2025-05-05", [share(["UA-14"], "exact", 99)])
    reports = [later, c, a, b]  # order does not matter
    snap = snapshot("C", reports, units)
    assert snap.loc["UA-14", "carried_from"] == "B"
    assert snap.loc["UA-14", "share_central"] == 55
    assert snap.loc["UA-09", "carried_from"] == "A"
    assert snap.loc["UA-43", "status"] == "stated"
    assert snap.loc["UA-40", "status"] == "no_claim"
    # a report's own snapshot ignores later reports
    assert snapshot("A", reports, units).loc["UA-14", "share_central"] == 50
    assert snapshot("D", reports, units).loc["UA-14", "status"] == "stated"


def test_claim_about_other_side_is_complemented(units: gpd.GeoDataFrame) -> None:
    r = make_report("U", "2024-03-03", [
        share(["UA-65"], "about", 30, actor="ukraine"),
        {"kind": "withdraw_share", "units": ["UA-14"], "target": "ukraine", "figure": 25,
         "figure_unit": "percent", "qualifier": "about"},
    ])
    snap = snapshot("U", [r], units)
    k = snap.loc["UA-65"]
    assert (k.share_low, k.share_high, k.share_central) == pytest.approx((68.5, 71.5, 70))
    d = snap.loc["UA-14"]
    # withdraw from about 25 % ([23.75, 26.25]) -> Russia holds [73.75, 76.25]
    assert (d.share_low, d.share_high, d.share_central) == pytest.approx((73.75, 76.25, 75))


def test_unknown_report_id(builtin: ReportSet, units: gpd.GeoDataFrame) -> None:
    with pytest.raises(FrontlineError, match="known report ids: R1, R2, R3, R4, R5"):
        snapshot("R7", builtin, units)


def test_records_are_plain_json(builtin: ReportSet, units: gpd.GeoDataFrame) -> None:
    records = snapshot_records(snapshot("R5", builtin, units))
    text = json.dumps(records, allow_nan=False)
    back = {r["code"]: r for r in json.loads(text)}
    assert len(back) == 28
    assert back["UA-05"]["share_low"] is None and back["UA-05"]["status"] == "no_claim"
    assert back["UA-14"]["share_central"] == 80
    assert back["UA-09"]["carried_from"] == "R1"
    assert "geometry" not in back["UA-14"]


def test_every_reading_of_a_unit_is_kept_the_mapped_one_first(units: gpd.GeoDataFrame) -> None:
    # an area claim written first, two share claims after it: the first share claim is
    # the one the map uses (kind before file order); every reading is listed
    r = make_report("K", "2024-02-02", [
        {"kind": "controlled_area", "units": ["UA-23"], "figure": 19_000,
         "figure_unit": "km2", "qualifier": "exact"},
        share(["UA-23", "UA-65"], "about", 70),
        share(["UA-23"], "exact", 50),
    ])
    areas = {str(k): float(v) for k, v in units["official_area_km2"].items()}
    readings = unit_readings(r, areas)
    assert [u.claim.id for u in readings["UA-23"]] == ["K-c2", "K-c3", "K-c1"]
    assert [u.claim.id for u in readings["UA-65"]] == ["K-c2"]
    assert {k: u.claim.id for k, u in unit_claims(r, areas).items()} == {
        "UA-23": "K-c2", "UA-65": "K-c2"}
    assert readings["UA-23"][2].share.central == pytest.approx(100 * 19_000 / areas["UA-23"])


def test_a_share_of_units_taken_together_is_no_share_of_each() -> None:
    # "about 80 % of Donbas" (scope: combined) gives the map no share of Luhansk or of
    # Donetsk (80 % of each would be wrong); a per-unit claim beside it does
    report = make_report("T9", "2025-01-10", [
        share(["UA-09", "UA-14"], "about", 80.0, scope="combined"),
        share(["UA-14"], "about", 78.0),
    ])
    got = unit_readings(report, AREA)
    assert list(got) == ["UA-14"]
    assert [u.claim.id for u in got["UA-14"]] == ["T9-c2"]
