"""One figure, one place: for the same input -- a mapped history around R1's date -- the
CLI, the app's tables, the History chart and the exports give the same verdicts and the
same totals.

Each view is driven as its user drives it (the CLI through ``main``, the app through
``streamlit.testing``, the export through the files it writes); the figures are read from
what each one shows and compared with each other and with Ukraine's official area.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from frontline.cli import main
from geo.labels import verdict_label

ROOT = Path(__file__).resolve().parent.parent
DAY = "2024-11-23"  # R1's date: the history has a map of that very day
UKRAINE_KM2 = 603_543  # the 27 units' official areas summed (State Statistics Service)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, daily_layers: list) -> Path:  # type: ignore[type-arg]
    """The synthetic days moved so that their 2024-07-12 falls on R1's date."""
    from geo.synthetic import write_days

    folder = tmp_path_factory.mktemp("views") / "history"
    write_days(folder, daily_layers, shift=dt.date(2024, 11, 23) - dt.date(2024, 7, 12))
    return folder


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    assert main(args) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _by_claim(records: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(str(r["claim_id"]), str(r["code"])): r for r in records}


def test_every_view_gives_the_same_verdicts_and_totals(
        history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    day_file = history / f"deepstatemap_data_{DAY.replace('-', '')}.geojson"

    # --- the CLI: one layer, and the history (R1 meets the same day)
    one = _by_claim(_json(["verify", "R1", "--control", str(day_file), "--json"],
                          capsys)["verdicts"])
    doc = _json(["verify", "R1", "--history", str(history), "--json"], capsys)
    many = _by_claim(doc["verdicts"])
    assert {r["snapshot_date"] for r in many.values()} == {DAY}
    assert set(one) == set(many) and len(one) >= 10
    for k in one:
        assert one[k]["verdict"] == many[k]["verdict"], k
        assert one[k]["area_km2"] == pytest.approx(many[k]["area_km2"]), k
        if one[k]["verdict"] != "not checkable":
            assert one[k]["measured_km2"] == pytest.approx(many[k]["measured_km2"]), k
    verdicts = {k: v["verdict"] for k, v in one.items()}
    assert "overstated" in verdicts.values() and "consistent" in verdicts.values()

    # --- totals: measure, the series and the country-wide verdict divide by one area
    measured = _json(["measure", str(day_file), "--json"], capsys)
    assert measured["total_area_km2"] == UKRAINE_KM2
    held_km2, held_pct = measured["total_controlled_km2"], measured["total_share_pct"]
    assert held_pct == pytest.approx(100 * held_km2 / UKRAINE_KM2, abs=1e-3)
    series_path = tmp_path / "series.json"
    assert main(["series", str(history), "--json", str(series_path)]) == 0
    capsys.readouterr()
    rows = pd.DataFrame(json.loads(series_path.read_text(encoding="utf-8")))
    ua = rows[(rows["code"] == "UA") & (rows["date"] == DAY)].iloc[0]
    assert ua["controlled_km2"] == pytest.approx(held_km2, abs=0.1)
    assert ua["share_pct"] == pytest.approx(held_pct, abs=1e-3)
    country = one[("R1-c2", "UA")]  # "about 18 % of Ukraine"
    assert country["area_km2"] == UKRAINE_KM2
    assert country["measured_pct"] == pytest.approx(held_pct, abs=1e-3)

    # --- the exports: each claim's verdict in the GeoJSON written
    out = tmp_path / "export"
    assert main(["export", "R1", "--control", str(day_file), "--out", str(out)]) == 0
    capsys.readouterr()
    exported = json.loads((out / "claim_verdicts.geojson").read_text(encoding="utf-8"))
    ex = _by_claim([f["properties"] for f in exported["features"]])
    assert {k: v["verdict"] for k, v in ex.items()} == verdicts
    assert {k: v["verdict_label"] for k, v in ex.items()} == {
        k: verdict_label(v) for k, v in one.items()}

    # --- the History chart: each claim drawn with the CLI's verdict (a claim about
    # Ukraine's ground is drawn as Russia's share, its error the other way round)
    from geo.history import read_history
    from geo.layerset import Atlas
    from geo.reports import load_reports
    from layers.history import claim_marks

    atlas = Atlas(load_reports())
    v = atlas.verify_history(read_history(history), report_ids=["R1"])
    flip = {"overstated": "understated", "understated": "overstated"}
    for code in ("UA-14", "UA-43", "UA", "UA-09"):
        marks = claim_marks(v, code)
        mine = {(c, code): verdicts[(c, code)] for c, cc in one if cc == code}
        assert len(marks) == len(mine) > 0, code
        for (cid, _), verdict in mine.items():
            (mark,) = marks[marks["claim"].str.contains(f" {cid} ")].to_dict("records")
            side = one[(cid, code)]["side"]
            assert mark["verdict"] == (flip.get(verdict, verdict) if side == "ukraine"
                                       else verdict), (cid, code)

    # --- the app, with the same history in use: the report view's table and the
    # History view's totals
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(history))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["report_id"] = "R1"
    at.run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    tables = [t.value for t in at.table if "verdict" in t.value.columns]
    assert tables, [type(e).__name__ for e in at.main]
    table = tables[0]
    for code, row in table.iterrows():
        cid = str(row["claim id"]) if "claim id" in table.columns else None
        key = next(k for k in one if k[1] == code and (cid is None or k[0] == cid))
        assert str(row["verdict"]).endswith(verdict_label(one[key])), code
    at.radio(key="mode").set_value("History").run()
    at.select_slider(key="history_day").set_value(DAY).run()
    assert not at.exception, at.exception
    text = html.unescape(" ".join(m.value for m in at.markdown)).replace("\\", "")
    shown = re.search(rf"{DAY}\*\*: ([\d,]+) km² \(([\d.]+) %\) of Ukraine", text)
    assert shown, text[:500]
    assert shown.group(1) == f"{held_km2:,.0f}" and shown.group(2) == f"{held_pct:.2f}"
