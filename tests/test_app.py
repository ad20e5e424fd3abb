"""The Streamlit app driven by streamlit.testing (no browser)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_app_runs_and_lists_units() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Frontline Atlas"
    frames = [df.value for df in at.dataframe]
    units = next(f for f in frames if "official_area_km2" in f.columns)
    assert len(units) == 30
    assert units.loc["UA-14", "name_en"] == "Donetsk"
