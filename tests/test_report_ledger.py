"""The ledger of loaded reports: rows as geo.ledger's, verdicts as the atlas gives them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from appkit import DRAFT

from geo.control import load_control
from geo.errors import FrontlineError
from geo.history import History, read_history
from geo.layerset import Atlas
from geo.measure import measure_control
from geo.report_ledger import LEDGER_COLUMNS, SUMMARY_COLUMNS, report_ledger, report_summary
from geo.reports import Report, load_reports, parse_report_text
from geo.synthetic import write_days


def _reports() -> list[Report]:
    return [*load_reports().reports, parse_report_text(DRAFT, where="A1.yaml")]


@pytest.fixture(scope="module")
def r1_history(tmp_path_factory: pytest.TempPathFactory, daily_layers: list) -> History:  # type: ignore[type-arg]
    """The synthetic days moved so that their 2024-07-12 falls on R1's date."""
    folder = tmp_path_factory.mktemp("r1-history")
    write_days(folder, daily_layers, shift=dt.date(2024, 11, 23) - dt.date(2024, 7, 12))
    return read_history(folder, cache=False)


def _same(a: Any, b: Any) -> bool:
    """Equal, floats to pytest's tolerance; missing (None, NaN) equals missing."""
    if pd.isna(a) and pd.isna(b):
        return True
    return bool(a == pytest.approx(b)) if isinstance(a, float) else bool(a == b)


def test_rows_are_the_atlas_verdicts_against_a_history(r1_history: History, units) -> None:  # type: ignore[no-untyped-def]
    rows = report_ledger(Atlas(_reports(), units), history=r1_history)
    assert list(rows.columns) == list(LEDGER_COLUMNS)
    # the same reports checked by another atlas (its own memo), directly
    truth = Atlas(_reports(), units).verify_history(r1_history)
    assert len(rows) == len(truth) and len(rows) > 10
    by = truth.set_index(["report_id", "claim_id", "code"])
    for r in rows.to_dict("records"):
        t = by.loc[(r["report_id"], r["claim_id"], r["code"])]
        for mine, theirs in (("verdict", "verdict"), ("measured_pct", "measured_pct"),
                             ("measured_km2", "measured_km2"), ("claimed", "claim_text"),
                             ("off_by_points", "off_by_points"), ("off_by_km2", "off_by_km2"),
                             ("days_apart", "days_apart"), ("reason", "reason")):
            assert _same(r[mine], t[theirs]), (r["report_id"], r["claim_id"], mine)
    # the draft's claim, against its own day measured directly
    a1 = rows[rows["report_id"] == "A1"].iloc[0]
    assert (a1["map_day"], a1["days_apart"], a1["date"]) == ("2024-11-27", 0.0, "2024-11-27")
    day = r1_history.day(dt.date(2024, 11, 27)).control()
    don = float(measure_control(day, units).table.loc["UA-14", "share_pct"])
    assert a1["measured_pct"] == pytest.approx(don) and 60 < don < 80
    assert a1["verdict"] == "understated" and a1["off_by_points"] == pytest.approx(don - 42)
    assert (a1["article"], a1["outlet"]) == ("Draft from an article", "Wire")
    # R5 is dated to the month: no day within 22 days of its 15th, said in every row
    r5 = rows[rows["report_id"] == "R5"]
    assert len(r5) and set(r5["verdict"]) == {"not checkable"}
    assert r5["map_day"].isna().all() and r5["date_from"].eq("the report's date (month)").all()
    assert r5["reason"].str.contains("no mapped snapshot within 22 days of 2025-10-15").all()
    # only the reports asked for, in their order
    only = report_ledger(Atlas(_reports(), units), history=r1_history, report_ids=["A1"])
    assert only["report_id"].tolist() == ["A1"]


def test_rows_against_one_layer(daily_file: Path, units) -> None:  # type: ignore[no-untyped-def]
    layer = load_control(daily_file)  # maps 2024-07-21
    rows = report_ledger(Atlas(_reports(), units), control=layer)
    atlas = Atlas(_reports(), units)
    for rid in ("R1", "R5", "A1"):
        mine = rows[rows["report_id"] == rid].set_index(["claim_id", "code"])
        truth = atlas.verify(rid, layer, carried=False).set_index(["claim_id", "code"])
        assert list(mine.index) == list(truth.index) and len(mine), rid
        assert mine["verdict"].tolist() == truth["verdict"].tolist(), rid
        assert mine["measured_pct"].astype(float).tolist() == pytest.approx(
            truth["measured_pct"].astype(float).tolist(), nan_ok=True)
        assert set(mine["map_day"]) == {"2024-07-21"}
    # days from the day each report speaks of: R1's date, R5's 15th of October
    assert set(rows.loc[rows["report_id"] == "R1", "days_apart"]) == {-125.0}
    assert set(rows.loc[rows["report_id"] == "R5", "days_apart"]) == {-451.0}


def test_summary_per_outlet(r1_history: History, units) -> None:  # type: ignore[no-untyped-def]
    reports = _reports()
    rows = report_ledger(Atlas(reports, units), history=r1_history)
    summary = report_summary(rows, reports)
    assert list(summary.columns) == list(SUMMARY_COLUMNS)
    by = summary.set_index("outlet")
    assert len(by) == len({r.outlet for r in reports})  # an outlet with no claim too
    for outlet, mine in rows.groupby("outlet"):
        counts = mine["verdict"].value_counts()
        assert by.loc[outlet, "claims"] == len(mine)
        for verdict in ("consistent", "overstated", "understated", "not checkable"):
            assert by.loc[outlet, verdict] == counts.get(verdict, 0), (outlet, verdict)
    assert by.loc["Wire", ["articles", "claims", "understated"]].tolist() == [1, 1, 1]


def test_no_mapped_control_is_refused(units) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FrontlineError, match="history.*or one layer"):
        report_ledger(Atlas(_reports(), units))
    with pytest.raises(FrontlineError, match="R99"):
        report_ledger(Atlas(_reports(), units), control=None, report_ids=["R99"])


def test_no_claim_to_check_gives_the_columns(daily_file: Path, units) -> None:  # type: ignore[no-untyped-def]
    layer = load_control(daily_file)
    rows = report_ledger(Atlas(_reports(), units), control=layer, report_ids=["R2", "R4"])
    assert rows.empty and list(rows.columns) == list(LEDGER_COLUMNS)
    assert isinstance(rows, pd.DataFrame)
