"""Pace claims: the report format (kind pace), and verdicts against a history whose gains
are set by construction (geo.pace_claims, Atlas.verify_history, frontline verify).

The history is a band of Donetsk oblast grown westward cell by cell, as in test_pace: a
cell is 0.002 deg of longitude between two parallels with a vertex at every grid line,
so every cell has the same geodesic area, measured here by pyproj.Geod; the km² a claim
is checked against are worked out from the cells alone.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import geopandas as gpd
import pytest
import yaml
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, mapping

from frontline.cli import main
from geo.errors import ReportFormatError
from geo.history import History, ParsedDay, ragged_arrays
from geo.labels import measured_text, verdict_sentence
from geo.layerset import Atlas
from geo.pace import MEASURES, PER
from geo.pace_claims import NEEDS_HISTORY, pace_claim_text
from geo.reports import (
    CLAIM_KINDS,
    PACE_KINDS,
    PACE_MEASURES,
    PACE_PER,
    Report,
    load_schema,
    parse_report_text,
)
from geo.verify import VERDICT_COLUMNS

TODAY = dt.date(2026, 1, 1)
_GEOD = Geod(ellps="WGS84")
S, N, EAST, CELL = 48.50, 48.56, 38.20, 0.002


def _strip(cells: int) -> Polygon:
    xs = [EAST - CELL * k for k in range(cells, -1, -1)]
    return Polygon([*((x, S) for x in xs), *((x, N) for x in reversed(xs))])


CELL_KM2 = abs(_GEOD.geometry_area_perimeter(_strip(1))[0]) / 1e6

# 2025-09-25 .. 2025-11-08: up 3 cells a day, but on every fifth day a cell is lost and
# taken back the next day (gross gains count it twice, end to end it nets out)
START = dt.date(2025, 9, 25)
_BASE = [50 + 3 * k for k in range(45)]
CELLS = [_BASE[k - 1] - 1 if k % 5 == 0 and k else _BASE[k] for k in range(45)]
OCT1, OCT31 = dt.date(2025, 10, 1), dt.date(2025, 10, 31)


def _flows(first: dt.date, last: dt.date) -> tuple[float, float, float]:
    """(gross gains, gross losses, end-to-end gains) in km² from the day before ``first``
    to ``last``, from the cells."""
    k0, k1 = (first - START).days - 1, (last - START).days
    steps = [b - a for a, b in zip(CELLS[k0:k1], CELLS[k0 + 1:k1 + 1], strict=True)]
    return (sum(s for s in steps if s > 0) * CELL_KM2, -sum(s for s in steps if s < 0)
            * CELL_KM2, (CELLS[k1] - CELLS[k0]) * CELL_KM2)


GROSS, LOST, E2E = _flows(OCT1, OCT31)


def _history() -> History:
    days = []
    for k, n in enumerate(CELLS):
        date = START + dt.timedelta(days=k)
        coords, rings, polys = ragged_arrays(MultiPolygon([_strip(n)]))
        days.append(ParsedDay(date, f"deepstatemap_data_{date:%Y%m%d}.geojson", coords,
                              rings, polys))
    return History(tuple(days), digest="pace-claims-strips")


def _doc(claims: list[dict[str, object]], *, rid: str = "R9",
         date: str = "2025-11-05") -> dict[str, object]:
    full = []
    for i, c in enumerate(claims, 1):
        d: dict[str, object] = {"id": f"{rid}-c{i}", "actor": "russia",
                                "paraphrase": "test claim"}
        d.update(c)
        full.append(d)
    return {"id": rid, "title": "t", "outlet": "o", "date": date,
            "date_precision": "day" if len(date) == 10 else "month", "context": "c",
            "claims": full}


def _report(claims: list[dict[str, object]], **kw: str) -> Report:
    return parse_report_text(yaml.safe_dump(_doc(claims, **kw), sort_keys=False,
                                            allow_unicode=True), where="R9.yaml", today=TODAY)


def _pace(figure: float, qualifier: str = "about", **extra: object) -> dict[str, object]:
    c: dict[str, object] = {"kind": "pace", "units": ["UA-14"], "figure": figure,
                            "figure_unit": "km2", "qualifier": qualifier, "period": "2025-10"}
    c.update(extra)
    return {k: v for k, v in c.items() if v is not None}  # units=None: scope country


# ---------------------------------------------------------------- the format
def test_the_kind_and_its_words_match_geo_pace() -> None:
    assert "pace" in CLAIM_KINDS and PACE_KINDS == ("pace",)
    assert PACE_MEASURES == MEASURES and PACE_PER == PER
    claim = load_schema()["$defs"]["claim"]["properties"]
    assert "pace" in claim["kind"]["enum"]
    assert claim["measure"]["enum"] == list(MEASURES) and claim["per"]["enum"] == list(PER)


def test_a_pace_claim_loads_with_its_period_measure_and_rate() -> None:
    text = """\
id: R9
title: t
outlet: o
date: 2025-11-05
date_precision: day
context: c
claims:
  - id: R9-c1
    kind: pace
    actor: russia
    units: [UA-14]
    figure: 500
    figure_unit: km2
    qualifier: roughly
    period: 2025-10
    paraphrase: Russia took about 500 km² of Donetsk in October.
  - id: R9-c2
    kind: pace
    actor: ukraine
    scope: country
    figure: 15
    figure_unit: km2
    qualifier: over
    measure: lost
    per: day
    period: {start: 2025-10-27, end: 2025-11-02}
    paraphrase: Ukraine lost more than 15 km² a day in the week before.
"""
    r = parse_report_text(text, where="R9.yaml", today=TODAY)
    a, b = r.claims
    assert (a.kind, a.units, a.qualifier, a.measure, a.per) == (
        "pace", ("UA-14",), "about", "gained", "period")  # the defaults
    assert (a.period_start, a.period_end) == (OCT1, OCT31)
    assert a.interval is not None and (a.interval.low, a.interval.high) == (475.0, 525.0)
    assert (b.scope, b.measure, b.per, b.qualifier) == ("country", "lost", "day", "more_than")
    assert (b.period_start, b.period_end) == (dt.date(2025, 10, 27), dt.date(2025, 11, 2))
    assert pace_claim_text(a) == "gained 475–525 km² (about 500 km²), 2025-10-01 to 2025-10-31"
    assert pace_claim_text(b).startswith("lost 15–16.5 km² a day (more than 15 km² a day), ")
    # February of a leap year ends on the 29th
    c = _report([_pace(10, period="2024-02")]).claims[0]
    assert (c.period_start, c.period_end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


BAD = """\
id: R9
title: t
outlet: o
date: 2025-11-05
date_precision: day
context: c
claims:
  - id: R9-c1
    kind: pace
    actor: us
    units: [UA-14, UA-09]
    figure: 5
    figure_unit: percent
    qualifier: about
    per: month
    period: {start: 2025-10-31, end: 2025-10-01}
    paraphrase: x
  - id: R9-c2
    kind: control_share
    actor: russia
    units: [UA-14]
    figure: 80
    figure_unit: percent
    qualifier: about
    measure: gained
    paraphrase: x
  - id: R9-c3
    kind: pace
    actor: russia
    scope: country
    figure: 15
    figure_unit: km2
    qualifier: about
    period: 2025-12
    paraphrase: x
  - id: R9-c4
    kind: pace
    actor: russia
    scope: country
    figure: 15
    figure_unit: km2
    qualifier: about
    paraphrase: x
  - id: R9-c5
    kind: pace
    actor: russia
    units: [UA-14]
    figure: 15
    figure_unit: km2
    qualifier: all
    period: 2025-13
    paraphrase: x
  - id: R9-c6
    kind: pace
    actor: russia
    units: [UA-14]
    figure: 15
    figure_unit: km2
    qualifier: about
    low: 10
    high: 20
    period: {start: 2025-10-01, end: 2025-10-32}
    paraphrase: x
  - id: R9-c7
    kind: pace
    actor: russia
    units: [UA-14]
    qualifier: none
    period: {start: 2025-10-01}
    paraphrase: x
"""


def test_invalid_pace_claims_name_the_line_the_field_and_the_fix() -> None:
    with pytest.raises(ReportFormatError) as exc:
        parse_report_text(BAD, where="R9.yaml", today=TODAY)
    got = {(p.where, p.field): p.message for p in exc.value.problems}

    def at(line: int, field: str, *words: str) -> None:
        msg = got.pop((f"R9.yaml:{line}", field))
        assert all(w in msg for w in words), msg

    at(10, "claims[0].actor", "expected actor russia or ukraine, got 'us'")
    at(11, "claims[0].units", "one unit or the whole country", "scope: country")
    at(13, "claims[0].figure_unit", "expected figure_unit km2, got 'percent'")
    at(15, "claims[0].per", "expected one of period, day, week")
    at(16, "claims[0].period.start", "after end 2025-10-01", "swap them")
    at(25, "claims[1].measure", "only for pace claims", "kind: pace")
    at(34, "claims[2].period", "ends on 2025-12-31, after the report's date (2025-11-05)")
    at(36, "claims[3]", "needs its period", "period: 2025-10")
    at(48, "claims[4].figure", "takes no figure")  # the qualifier rules of every kind
    at(50, "claims[4].qualifier", "qualifier 'all' is a share", "about")
    at(51, "claims[4].period", "'2025-13' is not a calendar month")
    at(60, "claims[5].low", "explicit bounds are not used")
    at(61, "claims[5].high", "explicit bounds are not used")
    at(62, "claims[5].period.end", "'2025-10-32' is not a calendar date")
    at(68, "claims[6].qualifier", "a pace claim states a quantity", "(a figure in km²)")
    at(69, "claims[6].period.end", "required field 'end' is missing")
    assert not got, got  # nothing else


def test_a_pace_claim_changes_no_snapshot_finding_zone_or_comparison(
        units: gpd.GeoDataFrame) -> None:
    share = {"kind": "control_share", "units": ["UA-14"], "figure": 80,
             "figure_unit": "percent", "qualifier": "about"}
    total = {"kind": "controlled_area", "scope": "country", "figure": 116000,
             "figure_unit": "km2", "qualifier": "more_than"}
    earlier = _report([share], rid="R8", date="2025-09-01")
    plain = _report([share, total])
    paced = _report([share, total, _pace(500), _pace(9000, scope="country", units=None)])
    with_pace = Atlas([earlier, paced], units)
    without = Atlas([earlier, plain], units)
    a, b = with_pace.snapshot("R9"), without.snapshot("R9")
    cols = ["share_low", "share_high", "share_central", "status", "claim_id", "held_by"]
    assert a[cols].equals(b[cols])
    assert "R9-c3 (pace)" in str(a.loc["UA-14", "related_claims"])  # listed, not used
    assert [f.kind for f in with_pace.findings("R9")] == [f.kind for f in
                                                          without.findings("R9")]
    assert with_pace.compare("R8", "R9")["delta_share_pct"].equals(
        without.compare("R8", "R9")["delta_share_pct"])
    za, zb = with_pace.layerset("R9").zones, without.layerset("R9").zones
    assert list(za["kind"]) == list(zb["kind"])


# ---------------------------------------------------------------- verdicts
@pytest.fixture(scope="module")
def history() -> History:
    return _history()


def test_pace_verdicts_against_a_history_whose_gains_are_set(
        units: gpd.GeoDataFrame, history: History) -> None:
    assert GROSS > E2E > 0 and LOST > 0
    share = {"kind": "control_share", "units": ["UA-14"], "figure": 80,
             "figure_unit": "percent", "qualifier": "about"}
    report = _report([
        _pace(round(GROSS)),                                          # c1 gross agrees
        _pace(E2E, "exact"),                                          # c2 end to end agrees
        _pace(2 * GROSS),                                             # c3 overstated
        _pace(E2E / 2, "less_than"),                                  # c4 understated
        _pace(GROSS / 31, per="day"),                                 # c5 a rate
        _pace(round(GROSS), actor="ukraine", measure="lost"),         # c6 Ukraine's losses
        _pace(E2E, "exact", measure="net", scope="country", units=None),  # c7 net, Ukraine
        _pace(100, period="2025-08"),                                 # c8 before the maps
        _pace(7 * 3 * CELL_KM2, per="week",                           # c9 a week in Nov
              period={"start": "2025-11-02", "end": "2025-11-04"}),
        share,                                                        # c10 a share
    ])
    atlas = Atlas([report], units)
    frame = atlas.verify_history(history)
    assert list(frame.columns) == [*VERDICT_COLUMNS[:1], "report_date", *VERDICT_COLUMNS[1:],
                                   "snapshot_date", "days_apart"]
    v = frame.set_index("claim_id")
    assert v.loc["R9-c1", "verdict"] == "consistent" and "gross" in v.loc["R9-c1", "reading"]
    assert v.loc["R9-c1", "measured_km2"] == pytest.approx(GROSS, rel=1e-6)
    assert (v.loc["R9-c1", "code"], v.loc["R9-c1", "name"]) == ("UA-14", "Donetsk")
    assert v.loc["R9-c1", "snapshot_date"] == OCT31 and v.loc["R9-c1", "days_apart"] == 0
    assert v.loc["R9-c1", "claim_text"].endswith(", 2025-10-01 to 2025-10-31")
    assert "deepstatemap_data_20250930.geojson -> deepstatemap_data_20251031" in \
        v.loc["R9-c1", "source"]
    assert (v.loc["R9-c2", "verdict"], v.loc["R9-c2", "reading"]) == ("consistent",
                                                                      "end to end")
    assert v.loc["R9-c2", "measured_km2"] == pytest.approx(E2E, rel=1e-6)
    # overstated: against all that moved; the gap to the claim's low end
    c3 = v.loc["R9-c3"]
    assert c3["verdict"] == "overstated"
    assert c3["measured_km2"] == pytest.approx(GROSS, rel=1e-6)
    assert c3["off_by_km2"] == pytest.approx(0.95 * 2 * GROSS - GROSS, rel=1e-6)
    assert c3["claim_low"] - c3["measured_km2"] == pytest.approx(c3["off_by_km2"])
    assert "overstated by" in c3["reason"] and "end to end" in c3["reason"]
    # understated: against what changed hands for good
    c4 = v.loc["R9-c4"]
    assert c4["verdict"] == "understated"
    assert c4["measured_km2"] == pytest.approx(E2E, rel=1e-6)
    assert c4["off_by_km2"] == pytest.approx(E2E - E2E / 2, rel=1e-6)
    assert v.loc["R9-c5", "verdict"] == "consistent"
    assert v.loc["R9-c5", "measured_km2"] == pytest.approx(GROSS / 31, rel=1e-6)
    assert v.loc["R9-c6", "verdict"] == "consistent" and v.loc["R9-c6", "side"] == "ukraine"
    assert (v.loc["R9-c7", "code"], v.loc["R9-c7", "verdict"]) == ("UA", "consistent")
    assert v.loc["R9-c7", "measured_km2"] == pytest.approx(GROSS - LOST, rel=1e-6)
    c8 = v.loc["R9-c8"]
    assert c8["verdict"] == "not checkable" and c8["snapshot_date"] is None
    assert "the history runs 2025-09-25 to 2025-11-08" in c8["reason"]
    assert math.isnan(c8["measured_km2"])
    # 2025-11-02..04: days 38-40, +3 cells each (day 40 is a fifth day: -1 then +4 on 41)
    c9 = v.loc["R9-c9"]
    gained = sum(max(CELLS[k] - CELLS[k - 1], 0) for k in (38, 39, 40)) * CELL_KM2
    assert c9["measured_km2"] == pytest.approx(gained * 7 / 3, rel=1e-6)
    assert c9["verdict"] == ("consistent" if abs(7 * 3 * CELL_KM2 - gained * 7 / 3)
                             <= 0.05 * 7 * 3 * CELL_KM2 + 0.05 else "overstated")
    # the share is checked as it was without the pace claims
    alone = Atlas([_report([share])], units).verify_history(history).set_index("claim_id")
    row, ref = v.loc["R9-c10"], alone.loc["R9-c1"]
    for col in ("verdict", "measured_pct", "measured_km2", "off_by_points", "snapshot_date"):
        assert row[col] == ref[col], col
    # in words
    rec = v.reset_index().to_dict("records")
    words = [verdict_sentence(r) for r in rec]
    assert words[0].startswith("R9-c1: \"Russia gained about ")
    assert "km² of daily gains added up" in words[0]
    assert measured_text(rec[4]).endswith(" km² a day")
    assert words[7].startswith("R9-c8: Russia, Donetsk: gained 95–105 km² (about 100 km²), "
                               "2025-08-01 to 2025-08-31; not checkable: the history runs")


def test_one_layer_cannot_check_a_pace_claim(units: gpd.GeoDataFrame,
                                            history: History) -> None:
    report = _report([_pace(500)])
    v = Atlas([report], units).verify("R9", history.days[-1].control())
    row = v.iloc[0]
    assert (row["verdict"], row["reason"], row["code"]) == ("not checkable", NEEDS_HISTORY,
                                                            "UA-14")
    assert "frontline verify REPORT --history DIR" in verdict_sentence(row.to_dict())
    assert row["claim_text"] == "gained 475–525 km² (about 500 km²), 2025-10-01 to 2025-10-31"


# ---------------------------------------------------------------- end to end
def _write_history(folder: Path) -> None:
    folder.mkdir()
    for k, n in enumerate(CELLS):
        date = START + dt.timedelta(days=k)
        doc = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {},
             "geometry": mapping(MultiPolygon([_strip(n)]))}]}
        (folder / f"deepstatemap_data_{date:%Y%m%d}.geojson").write_text(json.dumps(doc))


def test_frontline_verify_history_gives_a_pace_claim_its_verdict(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    days, reports = tmp_path / "days", tmp_path / "reports"
    _write_history(days)
    reports.mkdir()
    doc = _doc([_pace(2 * GROSS), _pace(round(GROSS), "about", per="period")])
    (reports / "R9.yaml").write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    args = ["verify", "R9", "--history", str(days), "--reports-dir", str(reports),
            "--no-cache"]
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    by = {v["claim_id"]: v for v in out["verdicts"]}
    over = by["R9-c1"]
    assert (over["kind"], over["code"], over["verdict"]) == ("pace", "UA-14", "overstated")
    assert over["measured_km2"] == pytest.approx(GROSS, rel=1e-5)
    assert over["off_by_km2"] == pytest.approx(0.95 * 2 * GROSS - GROSS, rel=1e-5)
    assert over["snapshot_date"] == "2025-10-31"
    assert over["sentence"].startswith("R9-c1: \"Russia gained about ")
    assert "overstated by" in over["sentence"]
    assert by["R9-c2"]["verdict"] == "consistent"
    assert out["summary"]["overstated"] == 1 and out["summary"]["consistent"] == 1
    assert main(args) == 0  # the table, and each pace verdict in words
    text = capsys.readouterr().out
    assert "[overstated] R9-c1:" in text and "[consistent] R9-c2:" in text
    assert f"{GROSS:,.1f} km²" in text
    # against one layer: not checkable, and why
    one = days / "deepstatemap_data_20251031.geojson"
    assert main(["verify", "R9", "--control", str(one), "--reports-dir", str(reports),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {v["verdict"] for v in out["verdicts"]} == {"not checkable"}
    assert all("needs a history" in v["sentence"] for v in out["verdicts"])
