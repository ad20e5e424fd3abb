"""The Streamlit app driven by streamlit.testing (no browser): every mode, real data."""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from appkit import ROOT, run_app
from shapely.geometry import box, mapping
from streamlit.testing.v1 import AppTest

from geo.areas import geometry_area_km2
from geo.boundaries import load_units

HOSTILE = (
    '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> '
    "${window.__xss=3} [x](javascript:alert(1))"
)


def _read_back(frame: pd.DataFrame) -> pd.DataFrame:
    """A shown table read as a person reads it: a column whose every filled cell is a
    number ("21,214", "-4", "10,825.6") becomes numbers (empty cells NaN)."""
    out = frame.copy()
    for col in out.columns:
        text = out[col].astype(str).str.replace(",", "", regex=False)
        filled = text[text != ""]
        nums = pd.to_numeric(filled, errors="coerce")
        if len(filled) and nums.notna().all():
            out[col] = pd.to_numeric(text.replace("", None), errors="coerce")
    return out


def _table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table shown that has ``column``."""
    return next(f for f in _frames(at) if column in f.columns)


def _frames(at: AppTest) -> list:  # type: ignore[type-arg]
    """Every table shown (the views show HTML tables, cells as text), read back."""
    return [_read_back(d.value) for d in at.table] + [d.value for d in at.dataframe]


def _markdown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += (
        [e.value for e in at.warning] + [e.value for e in at.success] + [e.value for e in at.error]
    )
    parts += [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def test_report_view_r1_shows_claims_findings_and_zones() -> None:
    at = run_app()
    assert not at.exception, at.exception
    claims, zones = _frames(at)[0], _table_with(at, "zone")
    assert claims.loc["UA-14", "claimed share"] == "80–88 % (more than 80 %)"
    assert claims.loc["UA-43", "claimed share"] == "100 % (all)"
    # km² bounds come from the official area of Donetsk (26,517 km²).
    assert claims.loc["UA-14", "km² low"] == round(0.80 * 26517)
    assert set(zones["zone"]) >= {
        "Line of contact",
        "Crimea and Sevastopol (recognition as Russian)",
    }
    # R1's total "more than 100,000 km²" vs the per-unit sum is flagged as tension.
    assert any("tension" in w.value and "100,000" in w.value for w in at.warning)


def test_report_view_r5_withdrawal_zone() -> None:
    at = run_app()
    at.selectbox(key="report_id").set_value("R5").run()
    assert not at.exception, at.exception
    zones = _table_with(at, "zone")
    w = zones[zones.index.str.startswith("withdrawal")].iloc[0]
    donetsk = load_units().loc["UA-14", "geodesic_area_km2"]
    assert w["km²"] == pytest.approx(0.20 * donetsk, rel=0.03)
    assert "Kramatorsk" in w["largest cities"]
    assert "Donetsk" in w["zone"]


def test_compare_r1_r5() -> None:
    at = run_app(mode="Compare reports")
    assert not at.exception, at.exception
    assert at.selectbox(key="cmp_a").value == "R1" and at.selectbox(key="cmp_b").value == "R5"
    delta = _frames(at)[0]
    don = delta.loc["UA-14"]
    assert don["direction"] == "down" and don["change (points)"] == pytest.approx(-4.0)
    assert don["change (km²)"] == pytest.approx(-0.04 * 26517, abs=0.1)
    assert don["R1 claim"] == "80–88 %" and don["R5 claim"] == "80 %"
    # R1's Luhansk claim is 11 months old by R5: shown as stale, compared with nothing
    assert delta.loc["UA-09", "sources"] == "R1 → R1 (stale)"
    assert delta.loc["UA-09", "direction"] == "stale"
    assert len(at.get("vega_lite_chart")) + len(at.get("arrow_vega_lite_chart")) >= 1


def test_export_offers_every_layer() -> None:
    at = run_app(mode="Export")
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "All layers (zip of GeoJSON)" in labels and "All layers (GeoPackage)" in labels
    assert any(lab.startswith("zone_withdrawal") for lab in labels)
    table = _frames(at)[0]
    assert {"claimed_control", "held_zones", "zone_withdrawal"} <= set(table["layer"])
    assert (table["bytes"] > 0).all()


def test_export_opens_on_the_report_last_viewed() -> None:
    at = run_app()
    at.selectbox(key="report_id").set_value("R2").run()
    at.radio(key="mode").set_value("Export").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="export_id").value == "R2"  # was R5 whatever was viewed
    at.selectbox(key="export_id").set_value("R3").run()  # a choice made there stays
    at.selectbox(key="export_id").set_value("R3").run()
    assert at.selectbox(key="export_id").value == "R3"


def test_uploaded_control_layer_is_measured_and_used() -> None:
    don = load_units().loc["UA-14", "geometry"]
    minx, miny, maxx, maxy = don.bounds
    east = box(
        (minx + maxx) / 2, miny, maxx + 2, maxy
    )  # the part of Donetsk east of its mid-longitude
    data = json.dumps({"type": "Feature", "properties": {}, "geometry": mapping(east)}).encode()
    at = run_app(mode="Your data")
    at.file_uploader(key="control_upload").set_value(
        ("east-half.geojson", data, "application/geo+json")).run()
    assert not at.exception, at.exception
    assert at.session_state["control"] == ("east-half.geojson", data, None, None)
    held = geometry_area_km2(don.intersection(east))
    table = _frames(at)[0]
    assert table.loc["UA-14", "km² held"] == pytest.approx(held, rel=1e-3)
    assert any("east-half.geojson" in s.value.replace("\\", "") for s in at.success)
    # The report view now uses the measured layer, not schematic zones.
    at.radio(key="mode").set_value("Report view").run()
    assert not at.exception, at.exception
    assert any("east-half.geojson" in i.value.replace("\\", "") for i in at.info)


def test_an_uploaded_file_of_several_days_asks_for_one(daily_layers: list) -> None:  # type: ignore[type-arg]
    from geo.synthetic import feature_collection

    feats = []
    for date, layer in daily_layers[:3]:
        feats += feature_collection(layer, name="x", properties={"date": date.isoformat()})[
            "features"]  # type: ignore[operator]
    doc = json.dumps({"type": "FeatureCollection", "features": feats}).encode()
    at = run_app(mode="Your data")
    at.file_uploader(key="control_upload").set_value(("three-days.geojson", doc,
                                                      "application/geo+json")).run()
    assert not at.exception, at.exception
    assert any("holds 3 days" in w.value for w in at.warning)
    day = at.selectbox(key="control_day")
    assert day.value == daily_layers[2][0].isoformat()
    day.set_value(daily_layers[0][0].isoformat()).run()
    assert not at.exception, at.exception
    assert at.session_state["control"][2] == daily_layers[0][0].isoformat()


def test_an_uploaded_raw_export_is_read_by_class() -> None:
    """The map's raw multi-class export: what was read per class, held and contested km²
    per unit; liberated ground in Kyiv oblast is not counted as Russian-held."""
    from geo.synthetic import raw_export

    don = load_units().loc["UA-14", "geometry"]
    occupied, grey = box(37.5, 47.8, 38.3, 48.4), box(37.3, 47.8, 37.5, 48.4)
    doc = json.dumps(raw_export({"occupied": occupied, "unknown": grey,
                                 "dismissed": box(29.6, 50.3, 31.0, 51.2)})).encode()
    at = run_app(mode="Your data")
    at.file_uploader(key="control_upload").set_value(("1754251105.geojson", doc,
                                                      "application/geo+json")).run()
    assert not at.exception, at.exception
    table, classes = _frames(at)[0], _frames(at)[1]
    assert set(classes["read as"]) == {"held by Russia", "contested (grey zone)",
                                       "held by Ukraine"}
    assert table.loc["UA-14", "km² held"] == pytest.approx(
        geometry_area_km2(don.intersection(occupied)), abs=0.1)
    assert table.loc["UA-14", "km² contested"] == pytest.approx(
        geometry_area_km2(don.intersection(grey)), abs=0.1)
    assert "UA-32" not in table.index  # Kyiv oblast: liberated, not held by Russia
    assert any("raw multi-class export" in m.replace("\\", "")
               for m in (x.value for x in at.markdown))


def test_an_upload_of_unknown_classes_asks_what_they_mean() -> None:
    a, b = box(37.0, 48.0, 37.2, 48.2), box(37.2, 48.0, 37.3, 48.2)
    doc = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"status": "red"}, "geometry": mapping(a)},
        {"type": "Feature", "properties": {"status": "hatched"}, "geometry": mapping(b)}]}
    ).encode()
    at = run_app(mode="Your data")
    at.file_uploader(key="control_upload").set_value(("classes.geojson", doc,
                                                      "application/geo+json")).run()
    assert not at.exception, at.exception
    assert "control" not in at.session_state  # nothing taken as Russian-held
    assert any("cannot place" in e.value for e in at.error)
    assert at.text_input(key="control_class_field").value == "status"
    at.selectbox(key="control_class_red").set_value("russia")
    at.selectbox(key="control_class_hatched").set_value("contested")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.session_state["control"][3] is not None
    table = _frames(at)[0]
    assert table.loc["UA-14", "km² held"] == pytest.approx(geometry_area_km2(a), abs=0.1)
    assert table.loc["UA-14", "km² contested"] == pytest.approx(geometry_area_km2(b), abs=0.1)


def test_pasted_sketch_gives_area_units_and_cities() -> None:
    at = run_app(mode="Your data")
    sketch = box(37.3, 48.4, 37.9, 48.9)  # around Kramatorsk and Sloviansk
    at.text_area(key="sketch_text").set_value(json.dumps(mapping(sketch))).run()
    assert not at.exception, at.exception
    area = [m for m in at.metric if m.label == "Area"][0].value
    assert float(area.replace(",", "").split()[0]) == pytest.approx(
        geometry_area_km2(sketch), abs=1
    )
    units, cities = _frames(at)[-2], _frames(at)[-1]
    assert list(units["unit"]) == ["Donetsk (UA-14)"]
    # the table's km² add up to the metric above (it showed 4,921 km² over 4,918.2)
    assert units["km²"].sum() == pytest.approx(float(area.replace(",", "").split()[0]), abs=1)
    assert {"Kramatorsk", "Sloviansk"} <= set(cities["name"])
    assert set(cities.columns) == {"name", "population", "unit"}  # no internal flags
    at.text_area(key="sketch_text").set_value("{not json").run()
    assert not at.exception
    assert any("not JSON" in e.value for e in at.error)


def test_hostile_report_text_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for f in (ROOT / "data" / "reports").glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    text = (tmp_path / "R1.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: Kremlin sets out conditions for talks after the US election", f"title: '{HOSTILE}'"
    )
    (tmp_path / "R1.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("FRONTLINE_REPORTS_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception, at.exception
    shown = _markdown_text(at)
    assert "<script>" not in shown and "<img" not in shown and "](javascript" not in shown
    assert "&lt;script&gt;" in shown  # shown as text


@pytest.mark.parametrize("layer", ["readme-example", "daily"])
def test_every_view_uses_a_loaded_layer(layer: str, daily_file: Path,
                                        tmp_path: Path) -> None:
    """The README's own example (schematic zones as a layer) and a real-shaped daily
    export: every report's view and compare draw the layer and show verdicts."""
    if layer == "readme-example":
        from frontline.cli import main

        path = tmp_path / "my-control.geojson"
        assert main(["schematic", "R5", "--out", str(path)]) == 0
    else:
        path = daily_file
    at = run_app(control=(path.name, path.read_bytes(), None))
    assert not at.exception, at.exception
    for rid in ("R1", "R2", "R3", "R4", "R5"):
        at.selectbox(key="report_id").set_value(rid).run()
        assert not at.exception, (rid, at.exception)
        if layer == "readme-example":  # its features say schematic: true, and it says so
            assert any("**schematic** layer" in w.value and path.name in
                       w.value.replace("\\", "") for w in at.warning), rid
            assert not any("measured" in i.value for i in at.info), rid
        else:
            assert any("measured" in i.value and path.name in i.value.replace("\\", "")
                       for i in at.info), rid
        claims = _frames(at)[0]
        assert {"measured", "verdict"} <= set(claims.columns), rid
        assert claims["verdict"].str.len().gt(0).any(), rid
    at.radio(key="mode").set_value("Compare reports").run()
    for rid in ("R1", "R2", "R3", "R4"):
        at.selectbox(key="cmp_a").set_value(rid).run()
        assert not at.exception, (rid, at.exception)
        text = _markdown_text(at)
        assert "against the loaded control layer" in text, rid
        verdict_tables = [f for f in _frames(at) if "verdict" in f.columns]
        if rid in ("R1", "R2"):  # A's and B's claims against the layer
            assert len(verdict_tables) == 2, rid
        else:  # R3, R4 state no figure of held ground, and R1's are stale by then:
            # B's table alone, and A's summary says why it has none
            assert len(verdict_tables) == 1, rid
            assert "no claim in force to check (older claims are stale)" in _unescaped(at), rid


@pytest.fixture()
def history_folder(tmp_path: Path, daily_layers: list) -> Path:  # type: ignore[type-arg]
    from geo.synthetic import write_days

    folder = tmp_path / "history"
    write_days(folder, daily_layers)
    return folder


def test_history_view_from_a_folder(history_folder: Path, monkeypatch: pytest.MonkeyPatch,
                                    tmp_path: Path) -> None:
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(history_folder))
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    at = run_app(mode="History")
    assert not at.exception, at.exception
    text = _markdown_text(at)
    assert "days, 2024-07-08 to" in text and "History folder" in text
    # the unit's share, and its pace beneath (tests/test_history_change.py)
    assert len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart")) == 2
    slider = at.select_slider(key="history_day")
    days = slider.options
    slider.set_value(days[3]).run()
    assert not at.exception, at.exception
    assert f"**{days[3]}**".replace("-", "\\-") in _markdown_text(at)
    at.selectbox(key="history_unit").set_value("UA-23").run()
    assert not at.exception
    assert "Zaporizhzhia" in _markdown_text(at)
    # the unit's raions, on request: one row each, with the share the raion series gives
    from geo.boundaries import load_raions

    assert not any("raion" in t.value.columns for t in at.table)  # not measured unasked
    at.toggle(key="history_raions").set_value(True).run()
    assert not at.exception, at.exception
    raions = load_raions(unit="UA-23")
    shown = next(t.value for t in at.table if "raion" in t.value.columns)
    assert sorted(shown["raion"]) == sorted(raions["name_en"])
    assert "Raions of Zaporizhzhia on" in _markdown_text(at)
    assert any(b.proto.label.startswith("Download every raion") for b in at.get("download_button"))


def test_a_history_outside_every_unit_says_where_its_ground_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ground in Belarus, inside the region's bounds and outside every unit: the page had
    # failed on codes[0] (IndexError) with no unit to chart
    import datetime as dt

    from geo.synthetic import write_days

    folder = tmp_path / "belarus"
    write_days(folder, [(dt.date(2024, 7, d), box(27.4, 52.9, 27.6 + d / 100, 53.1))
                        for d in (1, 2, 3)])
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(folder))
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    at = run_app(mode="History")
    assert not at.exception, at.exception
    text = _unescaped(at)
    assert ("No unit holds as much as 0.5 km² of ground on any of the history's 3 days, so "
            "there is no share to chart: its ground lies at lon 27.40..27.63, lat 52.90..53.10"
            in text)
    assert not at.get("vega_lite_chart") and not at.get("arrow_vega_lite_chart")


def test_history_view_asks_for_a_history_and_reads_a_zip(history_folder: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    monkeypatch.delenv("FRONTLINE_HISTORY_DIR", raising=False)
    at = run_app(mode="History")
    assert not at.exception
    assert any("Load a history" in i.value for i in at.info)
    zpath = tmp_path / "days.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for f in sorted(history_folder.iterdir()):
            zf.write(f, f.name)
    from geo.history import read_history

    history = read_history(zpath, cache=False)
    assert len(history) > 10 and not history.problems


def test_a_dated_article_s_draft_takes_its_dateline(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_USER_REPORTS", str(tmp_path / "reports"))
    at = run_app(mode="New article")
    at.text_area(key="article_text").set_value(
        "KYIV, March 18, 2025 (Wire) — Russia controls more than 80% of the Donetsk "
        "region, officials said.").run()
    assert not at.exception, at.exception
    assert at.date_input(key="article_date").value == dt.date(2025, 3, 18)
    assert "from the dateline 'March 18, 2025'" in _markdown_text(at)


def test_a_pasted_article_becomes_a_report_every_view_uses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_USER_REPORTS", str(tmp_path / "reports"))
    article = ("Russia controls more than 80% of the Donetsk region, officials said. "
               "Officials met near the Zaporizhzhia nuclear power plant. Moscow insists that "
               "Kyiv hand over all of Donbas.")
    at = run_app(mode="New article")
    at.text_area(key="article_text").set_value(article).run()
    assert not at.exception, at.exception
    assert any("2 claim(s) found" in m.value for m in at.markdown)
    at.text_input(key="article_id").set_value("A7").run()
    # no dateline: no date is assumed, and nothing is saved without one
    assert at.date_input(key="article_date").value is None
    at.button(key="article_save").click().run()
    assert any("Date: the article gives none" in e.value for e in at.error)
    assert not (tmp_path / "reports" / "A7.yaml").exists()
    at.date_input(key="article_date").set_value(dt.date(2025, 3, 18)).run()
    at.button(key="article_save").click().run()
    assert not at.exception, at.exception
    assert any("Saved A7" in s.value for s in at.success), [e.value for e in at.error]
    saved = tmp_path / "reports" / "A7.yaml"
    assert "review: unreviewed" in saved.read_text(encoding="utf-8")
    assert "date: '2025-03-18'" in saved.read_text(encoding="utf-8")
    # listed, drawn and checked at once, marked unreviewed
    at.radio(key="mode").set_value("Report view").run()
    assert any(o.startswith("A7 ·") and o.endswith("unreviewed")
               for o in at.selectbox(key="report_id").options)
    at.selectbox(key="report_id").set_value("A7").run()
    assert not at.exception, at.exception
    assert any("Unreviewed draft" in w.value for w in at.warning)
    claims = _frames(at)[0]
    assert claims.loc["UA-14", "claimed share"] == "80–88 % (more than 80 %)"
    at.radio(key="mode").set_value("Compare reports").run()
    assert not at.exception, at.exception
    assert any(o.startswith("A7 ·") for o in at.selectbox(key="cmp_b").options)


HOSTILE_SKETCHES = {
    "NaN vertex": '{"type":"Polygon","coordinates":[[[37,48],[NaN,48],[38,49],[37,48]]]}',
    "latitude 500": '{"type":"Polygon","coordinates":[[[37,48],[38,500],[38,49],[37,48]]]}',
    "whole world": '{"type":"Polygon","coordinates":[[[-180,-90],[180,-90],[180,90],'
                   '[-180,90],[-180,-90]]]}',
    "antimeridian box": '{"type":"Polygon","coordinates":[[[170,48],[-170,48],[-170,49],'
                        '[170,49],[170,48]]]}',
    "numeric strings": '{"type":"Polygon","coordinates":[[["37","48"],["38","48"],'
                       '["38","49"],["37","48"]]]}',
    "unknown type": '{"type":"Circle","coordinates":[37,48],"radius":5}',
    "WKT": '"POLYGON((37 48, 38 48, 38 49, 37 48))"',
    "deep nesting": "[" * 50_000 + "]" * 50_000,
    "5,000 digits": '{"type":"Point","coordinates":[' + "9" * 5000 + ",48]}",
    "open ring": '{"type":"Polygon","coordinates":[[[37,48],[38,48],[38,49],[37,49]]]}',
    "a point": '{"type":"Point","coordinates":[37,48]}',
    "not JSON": "this is not json",
    "booleans": '{"type":"LineString","coordinates":[[true,true],[38,48]]}',
}


@pytest.mark.parametrize("name", list(HOSTILE_SKETCHES))
def test_a_hostile_pasted_sketch_gets_a_message(name: str) -> None:
    at = run_app(mode="Your data")
    at.text_area(key="sketch_text").set_value(HOSTILE_SKETCHES[name]).run()
    assert not at.exception, at.exception
    assert at.error, "no message"
    assert not [m for m in at.metric if "nan" in str(m.value).lower()]
    assert not at.metric  # no figure for an input that was refused


def test_one_poisoned_report_file_never_stops_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.reports import REPORTS_DIR

    for f in REPORTS_DIR.glob("R*.yaml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    poison = {"alias.yaml": "a: &n [*n]\n", "digits.yaml": "id: " + "9" * 5000 + "\n",
              "inf.yaml": (REPORTS_DIR / "R1.yaml").read_text().replace("id: R1", "id: R8")
              .replace("R1-c", "R8-c").replace("figure: 100000", "figure: .inf", 1),
              "nul.yaml": "id: R7\x00\n",
              "laughs.yaml": "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
                  f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n"
                  for p, c in zip("abcdefgh", "bcdefghi", strict=True))}
    for name, text in poison.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("FRONTLINE_REPORTS_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.sidebar.error)
    for name in poison:
        assert name in errors.replace("\\", ""), name
    assert at.selectbox(key="report_id").options[0].startswith("R1 ·")
    assert _frames(at)[0].loc["UA-14", "claimed share"] == "80–88 % (more than 80 %)"


@pytest.fixture()
def r1_history(tmp_path: Path, daily_layers: list) -> Path:  # type: ignore[type-arg]
    """The synthetic days moved so that 2024-07-12 falls on R1's date (2024-11-23): a
    history around R1, with none of the later reports within a week of it."""
    import datetime as dt

    from geo.synthetic import write_days

    folder = tmp_path / "r1-history"
    write_days(folder, daily_layers, shift=dt.date(2024, 11, 23) - dt.date(2024, 7, 12))
    return folder


def _unescaped(at: AppTest) -> str:
    """The page's text as a reader sees it: markdown escapes, entities and bold undone."""
    import html

    text = (_markdown_text(at) + "\n" + "\n".join(i.value for i in at.info)
            + "\n" + "\n".join(i.value for i in at.sidebar.info))
    return html.unescape(text.replace("\\", "").replace("**", ""))


def test_a_history_in_use_changes_the_report_compare_and_export_views(
        r1_history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(r1_history))
    at = run_app(report_id="R1")
    assert not at.exception, at.exception
    text = _unescaped(at)
    assert "History in use: 13 days, 2024-11-19 to 2024-12-02" in text
    assert ("measured from the history's day nearest R1's date: "
            "deepstatemap_data_20241123.geojson (2024-11-23)") in text
    verdicts = [f for f in _frames(at) if "verdict" in f.columns]
    assert verdicts and str(verdicts[0].loc["UA-14", "verdict"]).startswith(
        "overstated by ")  # "more than 80 %" of Donetsk; the synthetic map shows ~67 %
    # R2 (2025-03-18) is months from any mapped day: schematic, and it says why
    at.selectbox(key="report_id").set_value("R2").run()
    assert not at.exception, at.exception
    text = _unescaped(at)
    assert "schematic" in text
    assert ("the history in use (2024-11-19 to 2024-12-02) has no day within 7 days of "
            "R2's date (2025-03-18)") in text
    # R5 is dated to the month: the window is the CLI's, 22 days around the 15th
    at.selectbox(key="report_id").set_value("R5").run()
    assert ("has no day within 22 days of R5's date (2025-10-15, the middle of the month "
            "it is dated to)") in _unescaped(at)
    at.selectbox(key="report_id").set_value("R2").run()
    at.radio(key="mode").set_value("Compare reports").run()
    at.selectbox(key="cmp_b").set_value("R2").run()
    assert not at.exception, at.exception
    text = _unescaped(at)
    assert "Claims in force in R1 against the history's day nearest R1's date" in text
    assert "R2: no mapped control" in text and "its claims are not checked" in text
    assert len([f for f in _frames(at) if "verdict" in f.columns]) == 1
    at.radio(key="mode").set_value("Export").run()
    at.selectbox(key="export_id").set_value("R1").run()
    assert not at.exception, at.exception
    assert ("Held ground: the history's day nearest R1's date: "
            "deepstatemap_data_20241123.geojson (2024-11-23).") in _unescaped(at)
    at.radio(key="mode").set_value("Your data").run()
    assert not at.exception, at.exception
    assert "A history is in use" in _unescaped(at)


def test_an_uploaded_history_is_kept_for_every_view_until_dropped(
        r1_history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    monkeypatch.delenv("FRONTLINE_HISTORY_DIR", raising=False)
    zpath = tmp_path / "r1-days.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for f in sorted(r1_history.iterdir()):
            zf.write(f, f.name)
    at = run_app(mode="History")
    at.file_uploader(key="history_upload_0").set_value(
        ("r1-days.zip", zpath.read_bytes(), "application/zip")).run()
    assert not at.exception, at.exception
    assert "13 days, 2024-11-19 to 2024-12-02" in _unescaped(at)
    at.radio(key="mode").set_value("Report view").run()
    at.selectbox(key="report_id").set_value("R1").run()
    assert not at.exception, at.exception
    assert "measured from the history's day nearest R1's date" in _unescaped(at)
    at.radio(key="mode").set_value("History").run()
    at.button(key="history_clear").click().run()
    assert not at.exception, at.exception
    assert "history_zip" not in at.session_state
    at.radio(key="mode").set_value("Report view").run()
    assert "schematic" in _unescaped(at) and "History in use" not in _unescaped(at)


def test_a_loaded_layer_of_another_time_is_flagged_in_report_and_compare(
        daily_file: Path) -> None:
    at = run_app(control=(daily_file.name, daily_file.read_bytes(), None), report_id="R1")
    assert not at.exception, at.exception
    warnings = " ".join(html.unescape(w.value.replace("\\", "")) for w in at.warning)
    assert f"{daily_file.name} maps 2024-07-21, 125 days before R1's date" in warnings
    at.radio(key="mode").set_value("Compare reports").run()
    assert not at.exception, at.exception
    warnings = " ".join(html.unescape(w.value.replace("\\", "")) for w in at.warning)
    assert "125 days before R1's date" in warnings and "451 days before R5's date" in warnings


def test_export_warns_of_a_layer_of_another_time(daily_file: Path) -> None:
    # the daily file maps 2024-07-21: 125 days before R1, 451 before R5's 15th
    at = run_app(mode="Export", control=(daily_file.name, daily_file.read_bytes(), None, None))
    at.selectbox(key="export_id").set_value("R1").run()
    assert not at.exception, at.exception
    warned = [w.value for w in at.warning]
    assert any("125 days before R1" in html.unescape(w).replace("\\", "") for w in warned)


def _page_text(at: AppTest) -> str:
    """Every text of the page, main area and sidebar: each element's whole message
    (markdown, captions, info, warnings, errors, labels, options, table cells)."""
    out: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def test_a_visitor_sees_no_server_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a shared app, a fresh visitor's page -- the sidebar's report errors, a history
    that cannot be read, an unreviewed report's file, the New article page's saved
    message -- names files by their folder's name (``reports/...``, ``saved
    reports/...``), never by the server's paths: not the reports folder, not the
    project folder, not the home folder."""
    from geo.reports import REPORTS_DIR

    folder, saved, history = tmp_path / "reports", tmp_path / "user", tmp_path / "history"
    for d in (folder, saved, history):
        d.mkdir()
    for f in REPORTS_DIR.glob("R*.yaml"):
        shutil.copy(f, folder / f.name)
    (folder / "bad.yaml").write_text("id: R7\x00\n", encoding="utf-8")
    shutil.copy(REPORTS_DIR / "R1.yaml", folder / "again.yaml")  # a duplicate id
    (tmp_path / "secret.yaml").write_text("id: secret value 7f3a\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    draft = (REPORTS_DIR / "R1.yaml").read_text(encoding="utf-8").replace(
        "id: R1", "id: A1").replace("R1-c", "A1-c") + "review: unreviewed\n"
    (saved / "A1.yaml").write_text(draft, encoding="utf-8")
    (saved / "broken.yaml").write_text("claims: [\n", encoding="utf-8")
    (history / "notes.txt").write_text("no layer here", encoding="utf-8")
    monkeypatch.setenv("FRONTLINE_REPORTS_DIR", str(folder))
    monkeypatch.setenv("FRONTLINE_USER_REPORTS", str(saved))
    monkeypatch.setenv("FRONTLINE_HISTORY_DIR", str(history))
    server = {"the test's folder": str(tmp_path), "the project": str(ROOT),
              "the home folder": str(Path.home())}

    def leaks(at: AppTest) -> dict[str, str]:
        text = _page_text(at)
        return {what: text[max(0, text.find(p) - 80):text.find(p) + 80]
                for what, p in server.items() if p in text}

    at = run_app()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.sidebar.error).replace("\\", "")
    for shown in ("reports/bad.yaml", "reports/again.yaml", "reports/link.yaml",
                  "saved reports/broken.yaml", "already used by reports/R1.yaml",
                  "The history could not be read"):
        assert shown in errors, shown
    assert "7f3a" not in _page_text(at)
    assert not leaks(at), leaks(at)
    at.selectbox(key="report_id").set_value("A1").run()
    assert any("File: saved reports/A1.yaml" in w.value.replace("\\", "")
               for w in at.warning), [w.value for w in at.warning]
    assert not leaks(at), leaks(at)
    at.radio(key="mode").set_value("History").run()
    assert not at.exception and at.error and not leaks(at), leaks(at)
    at.radio(key="mode").set_value("New article").run()
    at.text_area(key="article_text").set_value(  # dated by its dateline
        "KYIV, March 18, 2025 — Russia controls more than 80% of the Donetsk region, "
        "officials said.").run()
    at.text_input(key="article_id").set_value("A2").run()
    at.button(key="article_save").click().run()
    assert any("Saved A2" in s.value and "saved reports/A2.yaml" in s.value.replace("\\", "")
               for s in at.success), [e.value for e in at.error]
    assert not leaks(at), leaks(at)


def test_a_draft_never_takes_another_reports_id(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving a draft as R1 (a built-in report's id) had said "Saved R1 ... in the
    picker" while the picker went on showing the built-in R1 (the saved file was
    refused beside it). A taken id is refused, naming a free one; the user's own saved
    report is replaced only when *Replace* is ticked; a built-in one never."""
    saved = tmp_path / "reports"
    monkeypatch.setenv("FRONTLINE_USER_REPORTS", str(saved))
    at = run_app(mode="New article")
    at.text_area(key="article_text").set_value(  # dated by its dateline
        "KYIV, March 18, 2025 — Russia controls more than 80% of the Donetsk region, "
        "officials said.").run()
    at.text_input(key="article_id").set_value("R1").run()
    assert "article_replace" not in [c.key for c in at.checkbox]  # a built-in id: no tick
    at.button(key="article_save").click().run()
    assert not at.exception, at.exception
    (err,) = [e.value.replace("\\", "") for e in at.error]
    assert "Not saved: R1 is the id of a report already in the picker (reports/R1.yaml)" in err
    assert "A1 is free" in err and not at.success
    assert not saved.exists() or not list(saved.iterdir())
    at.text_input(key="article_id").set_value("A7").run()
    at.button(key="article_save").click().run()
    assert any("Saved A7" in s.value for s in at.success)
    first = (saved / "A7.yaml").read_text(encoding="utf-8")
    # the same id again: refused until Replace is ticked, then that file is replaced
    at.text_input(key="article_title").set_value("Second thoughts").run()
    at.button(key="article_save").click().run()
    assert any("you saved a report A7 before" in e.value and "A1 is free" in e.value
               for e in at.error) and not at.success
    assert (saved / "A7.yaml").read_text(encoding="utf-8") == first
    at.checkbox(key="article_replace").check().run()
    at.button(key="article_save").click().run()
    assert any("Replaced A7" in s.value for s in at.success), [e.value for e in at.error]
    assert "title: Second thoughts" in (saved / "A7.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in saved.iterdir()) == ["A7.yaml"]
    at.radio(key="mode").set_value("Report view").run()
    assert [o for o in at.selectbox(key="report_id").options if o.startswith("A7")]
    assert not at.sidebar.error  # no duplicate id refused beside another


def test_a_report_edited_in_place_is_read_again_by_a_new_session(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that rewrites a report file in place changes the file's time and size,
    not its folder's: the reports are keyed by each file, so the next visitor sees it."""
    import os

    from geo.reports import REPORTS_DIR

    for f in REPORTS_DIR.glob("R*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    monkeypatch.setenv("FRONTLINE_REPORTS_DIR", str(tmp_path))
    at = run_app()
    title = at.subheader[0].value
    assert title.startswith("Kremlin sets out conditions")
    folder_time = tmp_path.stat().st_mtime_ns
    path = tmp_path / "R1.yaml"
    with open(path, "r+", encoding="utf-8") as fh:  # in place: same file, same folder
        text = fh.read().replace(title, "Edited in place")
        fh.seek(0)
        fh.write(text)
        fh.truncate()
    assert tmp_path.stat().st_mtime_ns == folder_time
    fresh = run_app()
    assert not fresh.exception, fresh.exception
    assert fresh.subheader[0].value == "Edited in place"
    os.utime(path, ns=(folder_time, folder_time))  # even with the old time put back
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("# a comment\n")
    os.utime(path, ns=(folder_time, folder_time))
    assert run_app().subheader[0].value == "Edited in place"


def test_the_history_map_ages_the_claims_to_the_day_shown() -> None:
    import datetime as dt

    from ui.history import stale_units

    # R5 speaks of 2025-10-15; R1's claims it carries are 326 days older
    near = stale_units("R5", None, dt.date(2025, 10, 20))
    assert "UA-09" in near and "RU-KRS" in near and "UA-14" not in near
    # 2026-04-16 is R5's 183rd day after: its own Donetsk claim goes stale the day after
    assert "UA-14" not in stale_units("R5", None, dt.date(2026, 4, 16))
    assert "UA-14" in stale_units("R5", None, dt.date(2026, 4, 17))


def test_carrying_unreviewed_drafts_is_a_marked_choice(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A saved draft (2025-03-03, all of Luhansk) changes nothing in Compare R1 -> R5 until
    the sidebar's switch is on; then R5's Luhansk comes from it, marked unreviewed."""
    import datetime as dt

    from geo.extract import draft_report, draft_yaml, extract_claims

    folder = tmp_path / "saved"
    folder.mkdir()
    doc = draft_report(extract_claims("Russia controls all of the Luhansk region."),
                       report_id="A2", title="A draft", outlet="Wire",
                       date=dt.date(2025, 3, 3), context="A test draft.")
    (folder / "A2.yaml").write_text(draft_yaml(doc, where="A2"), encoding="utf-8")
    monkeypatch.setenv("FRONTLINE_USER_REPORTS", str(folder))

    def luhansk(at: AppTest) -> str:
        return str(_frames(at)[0].loc["UA-09", "sources"])

    at = run_app(mode="Compare reports", cmp_a="R1", cmp_b="R5")
    assert not at.exception, at.exception
    assert "carry_unreviewed" in {c.key for c in at.checkbox}
    off = luhansk(at)
    assert off == "R1 → R1 (stale)"  # as without the draft
    at.checkbox(key="carry_unreviewed").check().run()
    assert not at.exception, at.exception
    assert luhansk(at) == "R1 → A2 (unreviewed) (stale)"  # (7 months before R5)
