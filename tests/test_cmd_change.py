"""CLI: `frontline change` and `frontline pace` end to end, on histories written to disk in
the public archives' shapes (single-class daily files; raw multi-class exports named by
Unix time), with figures known by construction (boxes and cells measured by pyproj.Geod).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon

from frontline.cli import main
from geo.export import check_rfc7946
from geo.synthetic import raw_export, write_days

_GEOD = Geod(ellps="WGS84")
S, N, EAST, CELL = 48.50, 48.56, 38.20, 0.002
START = dt.date(2025, 6, 2)
DAYS = 100


def _strip(cells: int) -> Polygon:
    """A band of Donetsk oblast, ``cells`` cells of 0.002 deg wide west of 38.2 E."""
    xs = [EAST - CELL * k for k in range(cells, -1, -1)]
    return Polygon([*((x, S) for x in xs), *((x, N) for x in reversed(xs))])


def _km2(geom: Polygon) -> float:
    return abs(_GEOD.geometry_area_perimeter(geom)[0]) / 1e6


CELL_KM2 = _km2(_strip(1))


def _cells(k: int) -> int:
    return 20 + 3 * k  # three cells a day


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100 single-class daily files, the held band growing three cells a day, one day
    missing (2025-07-01)."""
    d = tmp_path_factory.mktemp("strips")
    days = [(START + dt.timedelta(days=k), MultiPolygon([_strip(_cells(k))]))
            for k in range(DAYS) if START + dt.timedelta(days=k) != dt.date(2025, 7, 1)]
    write_days(d, days)
    return d


def test_change_json_gives_the_ground_and_towns(archive: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["change", "--history", str(archive), "--from", "2025-06-10", "--to",
                 "2025-08-20", "--units", "Donetsk", "--json"]) == 0
    cap = capsys.readouterr()
    out = json.loads(cap.out)
    assert (out["before"], out["after"], out["days"]) == ("2025-06-10", "2025-08-20", 71)
    assert "read the files of the 2 mapped days" in cap.err
    k0, k1 = 8, 79
    gained = _km2(_strip(_cells(k1)).difference(_strip(_cells(k0))))
    assert gained == pytest.approx((_cells(k1) - _cells(k0)) * CELL_KM2, rel=1e-9)
    totals = {r["code"]: r for r in out["totals"]}
    assert set(totals) == {"UA-14", "UA"}
    for code in totals:
        assert totals[code]["russia_gained_km2"] == pytest.approx(gained, abs=1e-3)
        assert totals[code]["russia_lost_km2"] == 0
    assert [t["transition"] for t in out["transitions"]] == ["ukraine -> russia"]
    # towns: every city of Donetsk oblast whose point lies in the ground gained
    west, east = EAST - CELL * _cells(k1), EAST - CELL * _cells(k0)
    from geo.cities import load_cities

    c = load_cities()
    p = c["point_in_unit"]
    won = c[(c["code"] == "UA-14") & (p.x > west) & (p.x < east) & (p.y > S) & (p.y < N)]
    assert {r["name"] for r in out["cities"]} == set(won["name"]) == {"Kostiantynivka"}
    assert out["cities"][0]["from_state"] == "ukraine"


def test_change_table_and_files(archive: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    gj, gpkg, pq = tmp_path / "c.geojson", tmp_path / "c.gpkg", tmp_path / "c.parquet"
    for out in (gj, gpkg, pq):
        assert main(["change", "--history", str(archive), "--from", "2025-06-10", "--to",
                     "2025-07-01", "--out", str(out), "--no-cache"]) == 0
    cap = capsys.readouterr()
    # 2025-07-01 has no file: the nearest day (an earlier one wins a tie) is used, named
    assert "asked for 2025-07-01, the nearest mapped day is 2025-06-30" in cap.err
    assert "Ground that changed hands, 2025-06-10" in cap.out and "Donetsk" in cap.out
    assert "Kostiantynivka" not in cap.out  # not reached by 2025-06-30
    gained = (_cells(28) - _cells(8)) * CELL_KM2
    doc = json.loads(gj.read_text())
    assert check_rfc7946(doc) == []
    feats = [f for f in doc["features"] if f["properties"]["kind"] == "change"]
    assert [f["properties"]["code"] for f in feats] == ["UA-14"]
    assert feats[0]["properties"]["area_km2"] == pytest.approx(gained, abs=1e-3)
    assert doc["before"] == "2025-06-10" and doc["after"] == "2025-06-30"
    layers = gpd.list_layers(gpkg)["name"].tolist()
    assert layers == ["change", "cities"]
    g = gpd.read_file(gpkg, layer="change")
    assert g["area_km2"].iloc[0] == pytest.approx(gained, abs=1e-3)
    parquet = gpd.read_parquet(pq)
    assert parquet.crs.to_epsg() == 4326
    assert parquet.loc[parquet["kind"] == "change", "area_km2"].sum() == pytest.approx(
        gained, abs=1e-3)


def test_change_of_raw_exports_has_the_grey_zone(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Raw multi-class exports named by Unix time: ground taken from the grey zone and
    ground that became grey are their own transitions."""
    held = [(37.75, 38.00), (37.60, 37.90)]
    grey = [(37.60, 37.75), (37.90, 38.10)]
    for epoch, (h, g) in zip((1754251105, 1754942400), zip(held, grey, strict=True),
                             strict=True):  # 2025-08-03 and 2025-08-11
        doc = raw_export({"occupied": shapely.box(h[0], S, h[1], N),
                          "unknown": shapely.box(g[0], S, g[1], N)})
        (tmp_path / f"{epoch}.geojson").write_text(json.dumps(doc))
    assert main(["change", "--history", str(tmp_path), "--from", "2025-08-03", "--to",
                 "2025-08-11", "--units", "UA-14", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    got = {t["transition"]: t["area_km2"] for t in out["transitions"]}
    box_km2 = {k: _km2(shapely.box(a, S, b, N)) for k, (a, b) in {
        "contested -> russia": (37.60, 37.75), "russia -> contested": (37.90, 38.00),
        "ukraine -> contested": (38.00, 38.10)}.items()}
    assert set(got) == set(box_km2)
    for k, v in box_km2.items():
        assert got[k] == pytest.approx(v, abs=1e-3), k
    assert out["maps_contested"]
    assert {c["name"]: (c["from_state"], c["to_state"]) for c in out["cities"]} == {
        "Kostiantynivka": ("contested", "russia")}


def test_change_refuses_what_cannot_work(archive: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    base = ["change", "--history", str(archive)]
    assert main([*base, "--from", "2025-08-01", "--to", "2025-07-01"]) == 2
    assert "--from: expected a date before --to" in capsys.readouterr().err
    assert main([*base, "--from", "2024-01-01", "--to", "2025-07-01"]) == 2
    err = capsys.readouterr().err
    assert "start: expected a date with a mapped day within 7 days; got 2024-01-01" in err
    assert "nearest day 2025-06-02" in err
    assert main([*base, "--from", "2025-06-10", "--to", "2025-07-01", "--out",
                 str(tmp_path / "c.shp")]) == 2
    assert "--out: expected a file ending in .geojson" in capsys.readouterr().err
    assert main([*base, "--from", "2025-06-10", "--to", "2025-07-01", "--units",
                 "Narnia"]) == 2
    assert "'Narnia'" in capsys.readouterr().err


def test_pace_projection_weeks_and_files(archive: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from geo.boundaries import load_units

    area = load_units().loc["UA-14", "geodesic_area_km2"]
    rate = 3 * CELL_KM2
    end = START + dt.timedelta(days=DAYS - 1)
    held = _cells(DAYS - 1) * CELL_KM2
    days = 250
    pct = 100 * (held + (days + 0.5) * rate) / area
    out = tmp_path / "pace.json"
    assert main(["pace", "Donetsk", "UA", "--history", str(archive), "--window", "30",
                 "--to", f"{pct:.9f}%", "--json", str(out)]) == 0
    cap = capsys.readouterr()
    doc = json.loads(out.read_text())
    rates = {r["code"]: r for r in doc["rates"]}
    assert set(rates) == {"UA-14", "UA"}
    r = rates["UA-14"]
    assert r["rate_km2_day"] == pytest.approx(rate, rel=1e-5)
    assert r["date"] == (end + dt.timedelta(days=days + 1)).isoformat()
    assert r["status"] == "projected" and "not a forecast" in r["projection"]
    assert "at the last 30 days' pace" in cap.out and "Where the pace leads" in cap.out
    assert "Net km² per calendar week (gross" in cap.out
    # the missing day: its change and the next day's spread over both, as every day's
    july = [w for w in doc["months"] if w["code"] == "UA-14" and w["start"] == "2025-07-01"][0]
    assert july["gained_km2"] == pytest.approx(31 * rate, rel=1e-5)
    assert july["spread_days"] == 2
    csv = tmp_path / "pace.csv"
    assert main(["pace", "UA-14", "--history", str(archive), "--flow", "end-to-end",
                 "--csv", str(csv)]) == 0
    rows = pd.read_csv(csv)
    assert set(rows["period"]) == {"week", "month"} and set(rows["flow"]) == {"end-to-end"}
    whole = rows[(rows["period"] == "week") & rows["complete"]]
    assert (whole["gained_km2"] - 21 * CELL_KM2).abs().max() < 1e-3
    capsys.readouterr()
    assert main(["pace", "Donetsk", "--history", str(archive), "--json", "-"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["window_days"] == 90 and printed["rates"][0]["days"] == 90


def test_pace_refuses_what_cannot_work(archive: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    base = ["pace", "Donetsk", "--history", str(archive)]
    assert main([*base, "--window", "3"]) == 2
    assert "--window: expected at least 7 days" in capsys.readouterr().err
    assert main([*base, "--end", "2030-01-01"]) == 2
    assert "--end: expected a day after the first mapped day" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*base, "--to", "120%"])
    assert "expected a share above 0 and at most 100" in capsys.readouterr().err
