import json

import pytest

from frontline.cli import main
from geo.gazetteer import resolve


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


def test_resolve_prints_every_good_name_and_names_every_bad_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    names = ["Luhansk People's Republic", "Kharkof", "DNR", "Atlantis", "Zaporizhzhia oblast",
             "Zaporozhia region", "Republic of Crimea"]
    good = {"Luhansk People's Republic": "UA-09", "DNR": "UA-14",
            "Zaporizhzhia oblast": "UA-23", "Republic of Crimea": "UA-43"}
    assert main(["resolve", *names]) == 2
    cap = capsys.readouterr()
    assert cap.out.splitlines() == [f"{n}\t{c}" for n, c in good.items()]
    err = cap.err.splitlines()
    assert err[0].startswith("frontline resolve: error: names: 3 of 7 place names are not")
    # one line per unknown name, in order; each suggestion is a name of the unit meant
    assert [line.split("'")[1] for line in err[1:]] == ["Kharkof", "Atlantis",
                                                         "Zaporozhia region"]
    assert err[2] == "  - 'Atlantis': run `frontline regions` for every known unit."
    for line, code in ((err[1], "UA-63"), (err[3], "UA-23")):
        offered = line.split("did you mean: ")[1].rstrip("?").split(", ")
        assert offered and {resolve(o.strip("'")) for o in offered} == {(code,)}, line
    assert main(["resolve", "--json", *names]) == 2
    cap = capsys.readouterr()
    assert json.loads(cap.out) == {n: [c] for n, c in good.items()}
    assert "'Kharkof'" in cap.err and "'Atlantis'" in cap.err and "'Zaporozhia region'" in cap.err
