import geopandas as gpd
import pandas as pd
import pytest
from reportkit import make_report, share

from geo.consistency import (
    Finding,
    check_all,
    check_changes,
    check_combined,
    check_same_unit,
    check_totals,
    check_withdrawals,
    classify,
    findings_for,
    ukraine_area_km2,
)
from geo.intervals import Interval
from geo.reports import ReportSet, load_reports

# Official areas (km²) of the units R1 gives figures for; Ukraine's total.
A = {"UA-43": 26081, "UA-40": 864, "UA-14": 26517, "UA-09": 26684, "UA-23": 27183,
     "UA-65": 28461, "UA-63": 31415, "UA-48": 24598}
UKRAINE = 603_543

# R1 by hand: all of Crimea+Sevastopol; >80 % -> [80, 88]; about 70 % -> [66.5, 73.5];
# smaller part -> [0.5, 15] central 5.
R1_LOW = (A["UA-43"] + A["UA-40"] + 0.80 * (A["UA-14"] + A["UA-09"])
          + 0.665 * (A["UA-23"] + A["UA-65"]) + 0.005 * (A["UA-63"] + A["UA-48"]))
R1_HIGH = (A["UA-43"] + A["UA-40"] + 0.88 * (A["UA-14"] + A["UA-09"])
           + 0.735 * (A["UA-23"] + A["UA-65"]) + 0.15 * (A["UA-63"] + A["UA-48"]))
R1_CENTRAL = (A["UA-43"] + A["UA-40"] + 0.84 * (A["UA-14"] + A["UA-09"])
              + 0.70 * (A["UA-23"] + A["UA-65"]) + 0.05 * (A["UA-63"] + A["UA-48"]))
# R5: Donetsk is 100 - 20 = 80 % exactly, everything else carried from R1.
R5_LOW = R1_LOW
R5_HIGH = R1_HIGH - 0.88 * A["UA-14"] + 0.80 * A["UA-14"]
R5_CENTRAL = R1_CENTRAL - 0.84 * A["UA-14"] + 0.80 * A["UA-14"]


@pytest.fixture(scope="module")
def builtin() -> ReportSet:
    return load_reports()


def by_claim(findings: list[Finding], kind: str, claim_id: str) -> Finding:
    hits = [f for f in findings if f.kind == kind and f.claim_ids[0] == claim_id]
    assert len(hits) == 1, findings
    return hits[0]


def test_ukraine_area(units: gpd.GeoDataFrame) -> None:
    assert ukraine_area_km2(units) == UKRAINE


def test_classify() -> None:
    assert classify(Interval(0, 10, 5), Interval(4, 20, 12)) == "consistent"
    assert classify(Interval(0, 10, 2), Interval(8, 20, 15)) == "tension"
    assert classify(Interval(0, 10, 5), Interval(11, 20, 15)) == "inconsistent"
    assert classify(Interval(80, 88, 84), Interval(80, 80, 80)) == "consistent"


def test_r1_totals(builtin: ReportSet, units: gpd.GeoDataFrame) -> None:
    found = check_totals("R1", builtin, units)
    km = by_claim(found, "total_vs_units", "R1-c1")
    n = km.numbers
    assert (n["units_low_km2"], n["units_high_km2"], n["units_central_km2"]) == pytest.approx(
        (R1_LOW, R1_HIGH, R1_CENTRAL))
    assert (n["stated_low_km2"], n["stated_high_km2"]) == (100_000, 110_000)
    # overlap [106,789, 110,000]; stated central 105,000 < R1_LOW, sum central > 110,000
    assert km.severity == "tension"
    assert n["central_difference_km2"] == pytest.approx(105_000 - R1_CENTRAL)
    assert km.report_ids == ("R1",)
    assert {"R1-c3", "R1-c4", "R1-c5", "R1-c6", "R1-c7", "R1-c8"} <= set(km.claim_ids)
    assert "106,789–123,062 km²" in km.message

    pct = by_claim(found, "total_vs_units", "R1-c2")
    assert (pct.numbers["stated_low_km2"], pct.numbers["stated_high_km2"]) == pytest.approx(
        (0.171 * UKRAINE, 0.189 * UKRAINE))
    assert pct.severity == "consistent"  # R1_CENTRAL (113,385) is inside [103,206, 114,070]

    both = by_claim(found, "km2_vs_percent", "R1-c1")
    assert both.severity == "consistent" and both.claim_ids == ("R1-c1", "R1-c2")


def test_r5_totals_use_carried_claims(builtin: ReportSet, units: gpd.GeoDataFrame) -> None:
    found = check_totals("R5", builtin, units)
    km = by_claim(found, "total_vs_units", "R5-c1")
    n = km.numbers
    assert (n["units_low_km2"], n["units_high_km2"], n["units_central_km2"]) == pytest.approx(
        (R5_LOW, R5_HIGH, R5_CENTRAL))
    assert (n["stated_low_km2"], n["stated_high_km2"]) == pytest.approx((116_000, 127_600))
    assert km.severity == "tension"
    assert set(km.report_ids) == {"R5", "R1"}
    assert "7 carried forward from R1" in km.message
    pct = by_claim(found, "total_vs_units", "R5-c2")
    assert pct.numbers["stated_low_km2"] == pytest.approx(0.19 * UKRAINE)
    assert pct.severity == "consistent"


def test_reports_without_totals_have_no_total_findings(builtin: ReportSet,
                                                       units: gpd.GeoDataFrame) -> None:
    for rid in ("R2", "R3", "R4"):
        assert check_totals(rid, builtin, units) == []


def test_total_inconsistent_by_gap(units: gpd.GeoDataFrame) -> None:
    r = make_report("X", "2024-05-05", [
        {"kind": "controlled_area", "scope": "country", "figure": 20_000, "figure_unit": "km2",
         "qualifier": "less_than"},
        share(["UA-43", "UA-40"], "all"),
    ])
    (f,) = check_totals("X", [r], units)
    # stated [18,000, 20,000]; units exactly 26,081 + 864 = 26,945 -> gap 6,945
    assert f.severity == "inconsistent"
    assert f.numbers["gap_km2"] == pytest.approx(26_945 - 20_000)
    assert "6,945 km² apart" in f.message
    assert f.claim_ids == ("X-c1", "X-c2")


def test_donetsk_tension_between_r1_and_r5(builtin: ReportSet, units: gpd.GeoDataFrame) -> None:
    changes = check_changes(builtin, units)
    assert len(changes) == 1
    (f,) = changes
    assert (f.kind, f.severity) == ("share_change", "tension")
    assert f.report_ids == ("R1", "R5") and f.claim_ids == ("R1-c4", "R5-c3")
    assert f.numbers["central_drop_points"] == pytest.approx(84 - 80)
    assert f.numbers["central_drop_km2"] == pytest.approx(0.04 * A["UA-14"])
    assert f.message.startswith("Donetsk (UA-14)")
    assert "more than 80 %" in f.message and "20 %" in f.message


def test_fall_beyond_uncertainty_is_inconsistent(units: gpd.GeoDataFrame) -> None:
    a = make_report("A", "2024-01-01", [share(["UA-09"], "more_than", 80)])  # [80, 88]
    b = make_report("B", "2024-06-01", [share(["UA-09"], "about", 70)])  # [66.5, 73.5]
    c = make_report("C", "2024-09-01", [share(["UA-09"], "exact", 75)])  # rise: no finding
    (f,) = check_changes([c, b, a], units)
    assert f.severity == "inconsistent" and f.report_ids == ("A", "B")
    assert f.numbers["gap_points"] == pytest.approx(80 - 73.5)
    assert f.numbers["central_drop_points"] == pytest.approx(84 - 70)


def test_withdrawal_checked_against_control(builtin: ReportSet,
                                            units: gpd.GeoDataFrame) -> None:
    # R5's demand (Donetsk, 2025-10) against R1's claim (2024-11) is a change over time,
    # judged once, by check_changes (tension: the share falls): no withdrawal finding
    found = [f for f in check_withdrawals(builtin, units) if f.kind == "withdrawal_vs_control"]
    assert found == []
    (change,) = [f for f in check_all(builtin, units) if set(f.claim_ids) == {"R1-c4", "R5-c3"}]
    assert (change.kind, change.severity) == ("share_change", "tension")
    # same report: withdraw from about 40 % vs a stated 80 % -> [57, 63] vs [80, 80]
    r = make_report("W", "2024-02-02", [
        share(["UA-23"], "exact", 80),
        {"kind": "withdraw_share", "units": ["UA-23"], "target": "ukraine", "figure": 40,
         "figure_unit": "percent", "qualifier": "about"},
    ])
    (g,) = check_withdrawals([r], units)
    assert g.severity == "inconsistent"
    assert g.numbers["gap_points"] == pytest.approx(80 - 62)
    assert g.claim_ids == ("W-c2", "W-c1")


def test_offer_to_withdraw_more_than_held(units: gpd.GeoDataFrame) -> None:
    r = make_report("O", "2024-02-02", [
        share(["UA-63"], "part"),
        {"kind": "offer_withdraw", "units": ["UA-63"], "figure": 40, "figure_unit": "percent",
         "qualifier": "exact"},
    ])
    (f,) = check_withdrawals([r], units)
    assert (f.kind, f.severity) == ("offer_vs_control", "inconsistent")


def test_check_all_and_findings_for(builtin: ReportSet, units: gpd.GeoDataFrame) -> None:
    every = check_all(builtin, units)
    assert all(f.report_ids and f.claim_ids for f in every)
    assert {f.severity for f in every} <= {"consistent", "tension", "inconsistent"}
    r5 = findings_for("R5", every)
    assert any(f.kind == "share_change" for f in r5)
    assert findings_for("R3", every) == []
    assert every[0].as_dict()["report_ids"] == ["R1"]
    # one finding per pair of claims: a pair never reads two ways
    pairs = [frozenset(f.claim_ids) for f in every if len(f.claim_ids) == 2]
    assert len(pairs) == len(set(pairs))
    # R5's totals sum claims carried from R1, but they are R5's finding, not R1's
    r5_totals = [f for f in every if f.kind == "total_vs_units" and f.report_ids[0] == "R5"]
    assert r5_totals and all("R1" in f.report_ids for f in r5_totals)
    assert not set(map(id, r5_totals)) & set(map(id, findings_for("R1", every)))
    assert all(f in r5 for f in r5_totals)


def test_a_report_read_against_its_own_and_an_earlier_claim(units: gpd.GeoDataFrame) -> None:
    # A (January): 70 %; B (March): 80 % stated, and a demand to withdraw from the 30 %
    # still held -> 70 %. Within B the demand meets B's own claim (inconsistent: 70 vs
    # 80); across reports the only finding is A -> B's stated share (a rise: none).
    a = make_report("A", "2024-01-10", [share(["UA-09"], "exact", 70)])
    b = make_report("B", "2024-03-10", [
        share(["UA-09"], "exact", 80),
        {"kind": "withdraw_share", "units": ["UA-09"], "target": "ukraine", "figure": 30,
         "figure_unit": "percent", "qualifier": "exact"},
    ])
    every = check_all([a, b], units)
    assert [(f.kind, f.claim_ids, f.severity) for f in every] == [
        ("withdrawal_vs_control", ("B-c2", "B-c1"), "inconsistent")]
    assert every[0].numbers["gap_points"] == pytest.approx(10)


def test_two_claims_of_one_report_on_one_unit_are_compared(units: gpd.GeoDataFrame) -> None:
    # "about 70 %" and "more than two thirds" of Zaporizhzhia in one report: the map
    # uses the first; the other is compared with it, never dropped unseen
    r = make_report("Z", "2024-02-02", [
        share(["UA-23"], "about", 70),  # 66.5-73.5
        share(["UA-23"], "over", 66.7),  # 66.7-73.37
        share(["UA-23"], "exact", 50),  # 16.5 points below 66.5
        share(["UA-23"], "under", 67),  # 60.3-67: meets 66.5-73.5 at its edge only
        {"kind": "controlled_area", "units": ["UA-23"], "figure": 19_000,
         "figure_unit": "km2", "qualifier": "exact"},  # 69.9 %: after every share claim
    ])
    found = check_same_unit([r], units)
    assert [(f.claim_ids, f.severity) for f in found] == [
        (("Z-c1", "Z-c2"), "consistent"), (("Z-c1", "Z-c3"), "inconsistent"),
        (("Z-c1", "Z-c4"), "tension"), (("Z-c1", "Z-c5"), "consistent")]
    assert found[1].numbers["gap_points"] == pytest.approx(66.5 - 50)
    assert all(f.kind == "same_unit" and f.about == ("Z",) for f in found)
    assert "Zaporizhzhia (UA-23): Z gives Russia's share twice" in found[0].message
    assert "The map and the checks use Z-c1 (the first of the two in the file)" in \
        found[0].message
    assert "(a control_share claim comes before a controlled_area claim)" in found[3].message
    # they are Z's findings, and the snapshot maps Z-c1
    assert findings_for("Z", check_all([r], units)) == found
    from geo.snapshot import snapshot

    assert snapshot("Z", [r], units).loc["UA-23", "claim_id"] == "Z-c1"
    # one claim per unit: no such finding
    assert check_same_unit([make_report("Y", "2024-02-02", [share(["UA-23"], "about", 70)])],
                           units) == []


def test_an_unreviewed_draft_changes_no_other_report(builtin: ReportSet,
                                                     units: gpd.GeoDataFrame) -> None:
    """A saved, unreviewed draft (2025-03-03, all of Luhansk, 90 % of Donetsk, a demand to
    cede four regions) leaves every built-in report's snapshot, findings, comparison and
    map as they were; its own snapshot holds its claims, checked against the others."""
    from dataclasses import replace

    from reportkit import make_report, share

    from geo.compare import compare_snapshots
    from geo.consistency import check_all
    from geo.layerset import Atlas
    from geo.snapshot import snapshot

    draft = replace(make_report("A2", "2025-03-03", [
        share(["UA-09"], "all"), share(["UA-14"], "exact", 90.0),
        {"kind": "cede_units", "units": ["UA-14", "UA-09", "UA-23", "UA-65"],
         "qualifier": "all", "target": "ukraine"}]), review="unreviewed")
    assert not draft.reviewed
    before, after = list(builtin), [*builtin, draft]
    ids = [r.id for r in before]
    for rid in ids:
        a, b = snapshot(rid, before, units), snapshot(rid, after, units)
        pd.testing.assert_frame_equal(pd.DataFrame(a.drop(columns="geometry")),
                                      pd.DataFrame(b.drop(columns="geometry")))
    # ... unless asked for: then R5 carries the draft's Luhansk
    carried = snapshot("R5", after, units, carry_unreviewed=True)
    assert carried.loc["UA-09", "carried_from"] == "A2"
    assert carried.loc["UA-09", "interval_text"].endswith("(unreviewed, from A2)")
    assert "unreviewed" not in str(carried.loc["UA-14", "interval_text"])  # R5's own
    # findings of the built-in reports, the comparison R1 -> R5 and R5's layers
    mine = [f for f in check_all(after, units) if "A2" not in f.report_ids]
    assert [f.message for f in mine] == [f.message for f in check_all(before, units)]
    assert any("A2" in f.report_ids for f in check_all(after, units))  # checked itself
    pd.testing.assert_frame_equal(
        pd.DataFrame(compare_snapshots(snapshot("R1", before, units),
                                       snapshot("R5", before, units)).drop(columns="geometry")),
        pd.DataFrame(compare_snapshots(snapshot("R1", after, units),
                                       snapshot("R5", after, units)).drop(columns="geometry")))
    # saving the draft re-derives only its own layers: every other report's key is the
    # same, so its layer set is read from the store as it was
    atlas_before, atlas_after = Atlas(before, units), Atlas(after, units)
    for rid in ids:
        assert atlas_after.layerset_key(rid) == atlas_before.layerset_key(rid), rid
    carrying = Atlas(after, units, carry_unreviewed=True)
    assert carrying.layerset_key("R5") != atlas_before.layerset_key("R5")
    assert carrying.layerset_key("R1") != atlas_before.layerset_key("R1")  # all, when on
    held = carrying.layerset("R5").snapshot
    assert held.loc["UA-09", "interval_text"].endswith("(unreviewed, from A2)")
    zones_before = atlas_before.layerset("R5").zones
    zones_after = atlas_after.layerset("R5").zones
    assert list(zones_before["kind"]) == list(zones_after["kind"])
    assert list(zones_before["area_km2"].round(3)) == list(zones_after["area_km2"].round(3))
    own = snapshot("A2", after, units)
    assert own.loc["UA-09", "status"] == "stated" and own.loc["UA-09", "share_central"] == 100


def test_a_share_of_units_together_against_the_report_s_share_of_each(
        units: gpd.GeoDataFrame) -> None:
    # all of Luhansk and half of Donetsk, by hand: (26,684 + 0.5 x 26,517) / 53,201
    together = (A["UA-09"] + 0.5 * A["UA-14"]) / (A["UA-09"] + A["UA-14"]) * 100
    assert together == pytest.approx(75.08, abs=0.01)

    def report(q: str, figure: float) -> list[Finding]:
        r = make_report("D", "2025-06-01", [
            share(["UA-09"], "all"), share(["UA-14"], "exact", 50),
            share(["UA-14", "UA-09"], q, figure, scope="combined")])
        return check_combined([r], units)

    (f,) = report("about", 75)  # 71.25-78.75 holds 75.08
    assert (f.kind, f.severity, f.claim_ids) == ("combined", "consistent",
                                                  ("D-c3", "D-c2", "D-c1"))
    assert f.numbers["units_central"] == pytest.approx(together)
    (f,) = report("about", 86)  # 81.7-90.3: 6.6 points above 75.08
    assert f.severity == "inconsistent"
    assert f.numbers["gap_points"] == pytest.approx(86 * 0.95 - together)
    assert "UA-14 + UA-09 taken together" in f.message and "D-c2, D-c1" in f.message
    # Ukraine's share of them together is read as Russia's complement
    r = make_report("E", "2025-06-01", [
        share(["UA-09"], "all"), share(["UA-14"], "exact", 50),
        share(["UA-14", "UA-09"], "about", 25, scope="combined", actor="ukraine")])
    (f,) = check_combined([r], units)
    assert f.severity == "consistent" and f.numbers["stated_central"] == pytest.approx(75)
    # a unit without its own share in the report: nothing to compare; check_all has it
    r = make_report("F", "2025-06-01", [
        share(["UA-09"], "all"), share(["UA-14", "UA-09"], "about", 86, scope="combined")])
    assert check_combined([r], units) == []
    assert [f.kind for f in check_all([make_report("G", "2025-06-01", [
        share(["UA-09"], "all"), share(["UA-14"], "exact", 50),
        share(["UA-14", "UA-09"], "about", 86, scope="combined")])], units)
        if f.kind == "combined"] == ["combined"]


def test_one_claim_giving_several_of_the_units_is_named_once(units: gpd.GeoDataFrame) -> None:
    # "three quarters of each of Zaporizhzhia and Kherson" beside "about 75 % of the two
    # together": the same claim is not listed twice
    r = make_report("K", "2025-06-01", [
        share(["UA-23", "UA-65"], "exact", 75),
        share(["UA-23", "UA-65"], "about", 75, scope="combined")])
    (f,) = check_combined([r], units)
    assert f.claim_ids == ("K-c2", "K-c1") and f.severity == "consistent"
    assert f.numbers["units_central"] == pytest.approx(75)
