import json

import pytest

from frontline.cli import main


def test_regions_json_lists_every_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)) == 30
    by = {r["code"]: r for r in rows}
    assert by["UA-14"]["name_en"] == "Donetsk"
    assert by["UA-14"]["official_area_km2"] == 26517
    assert abs(by["UA-14"]["geodesic_area_km2"] - 26517) / 26517 < 0.02


def test_regions_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "--country", "UA"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["code", "name_en"]
    assert len(out) == 2 + 27


def test_resolve_and_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "Zaporozhye", "Donbas"]) == 0
    assert capsys.readouterr().out.split("\n")[:2] == ["Zaporozhye\tUA-23", "Donbas\tUA-14 UA-09"]
    assert main(["resolve", "Kharkof"]) == 2
    err = capsys.readouterr().err
    assert "Kharkof" in err and "Kharkov" in err
