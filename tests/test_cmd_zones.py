"""CLI: `frontline zones`, `frontline compare` and `frontline export` on the real reports.

Each heavy command runs once per module (the zone computation takes seconds per
report); outcomes are checked against independent references: geodesic unit areas,
official areas, GeoNames populations, a re-read of the written files.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import pytest
import shapely
from shapely.geometry import box, mapping

from frontline.cli import main
from geo.areas import geodesic_area_km2
from geo.cities import load_cities
from geo.export import check_rfc7946, safe_layer_name
from geo.layerset import Atlas


def run(argv: list[str]) -> tuple[int, str, str]:
    """``frontline ARGV``: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _zone(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(z for z in doc["zones"] if z["kind"] == kind)


# ---------------------------------------------------------------- zones
@pytest.fixture(scope="module")
def r5_zones() -> dict[str, Any]:
    code, out, _ = run(["zones", "R5", "--json"])
    assert code == 0
    doc: dict[str, Any] = json.loads(out)
    return doc


@pytest.fixture(scope="module")
def r3_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, Path]:
    path = tmp_path_factory.mktemp("zones") / "r3.geojson"
    code, out, err = run(["zones", "R3", "--out", str(path)])
    assert code == 0
    return out, err, path


def test_zones_r5_withdrawal(r5_zones: dict[str, Any], units: gpd.GeoDataFrame) -> None:
    assert r5_zones["report"]["report_id"] == "R5"
    assert r5_zones["schematic"] is True
    w = _zone(r5_zones, "withdrawal")
    # R5 demands Ukraine leave the ~20 % of Donetsk it still holds (80 % claimed held).
    assert w["unit_shares"]["UA-14"] == pytest.approx(20.0, abs=0.5)
    donetsk_km2 = float(units.loc["UA-14", "geodesic_area_km2"])
    assert w["area_km2"] == pytest.approx(0.20 * donetsk_km2, abs=0.005 * donetsk_km2)
    names = {c["name"] for c in w["cities"]}
    assert {"Kramatorsk", "Sloviansk"} <= names
    assert "Donetsk" not in names and "Mariupol" not in names  # Russian-held
    cities = load_cities()
    # people = GeoNames populations of the listed cities, city sections not counted twice
    expected = sum(int(cities.loc[cities["name"] == c["name"], "population"].iloc[0])
                   for c in w["cities"] if not c["is_section"])
    assert w["people_in_cities"] == expected > 300_000
    assert w["schematic"] is True and w["claim_ids"] == "R5-c3"
    loc = _zone(r5_zones, "line_of_contact")
    assert loc["length_km"] > 500 and loc["area_km2"] == 0
    crimea = _zone(r5_zones, "recognition")
    official = float(units.loc[["UA-43", "UA-40"], "geodesic_area_km2"].sum())
    assert crimea["area_km2"] == pytest.approx(official, rel=1e-3)


def test_zones_r3_table_and_geojson(r3_run: tuple[str, str, Path],
                                    units: gpd.GeoDataFrame) -> None:
    out, err, path = r3_run
    cede_line = next(line for line in out.splitlines() if line.startswith("cede:"))
    assert set(cede_line.split()[2].split(",")) == {"UA-14", "UA-09", "UA-23", "UA-65"}
    assert "km²" in cede_line
    assert "cities: Zaporizhzhia" in out and "Kramatorsk" in out
    assert f"to {path}" in err
    text = path.read_text(encoding="utf-8")
    assert check_rfc7946(text) == []
    doc = json.loads(text)
    props = [f["properties"] for f in doc["features"]]
    assert {p["kind"] for p in props} == {"cede", "line_of_contact"}
    for p in props:
        assert p["report_id"] == "R3" and p["report_outlet"] and p["report_date"]
        assert p["schematic"] is True
    cede = next(f for f in doc["features"] if f["properties"]["kind"] == "cede")
    geom = shapely.geometry.shape(cede["geometry"])
    assert geodesic_area_km2(geom) == pytest.approx(cede["properties"]["area_km2"], rel=1e-3)
    # the ceded parts lie inside the four units
    four = shapely.union_all([units.loc[c, "geometry"] for c in ("UA-14", "UA-09", "UA-23",
                                                                  "UA-65")])
    assert geodesic_area_km2(geom.difference(four)) < 1.0
    assert cede["properties"]["people_in_cities"] > 1_000_000
    reread = gpd.read_file(path)
    assert len(reread) == len(doc["features"])


@pytest.fixture(scope="module")
def control_file(tmp_path_factory: pytest.TempPathFactory, units: gpd.GeoDataFrame) -> Path:
    """Russian-held: everything east of the middle meridian of Donetsk's bounding box,
    as two boxes (load_control merges them, with a note)."""
    minx, miny, maxx, maxy = units.loc["UA-14", "geometry"].bounds
    mid, cut = (miny + maxy) / 2, (minx + maxx) / 2
    east = [box(cut, miny - 1, maxx + 1, mid), box(cut, mid, maxx + 1, maxy + 1)]
    path = tmp_path_factory.mktemp("control") / "control.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": mapping(g)} for g in east]}))
    return path


def test_zones_with_control(control_file: Path, units: gpd.GeoDataFrame) -> None:
    path = control_file
    donetsk = units.loc["UA-14", "geometry"]
    minx, miny, maxx, maxy = donetsk.bounds
    cut = (minx + maxx) / 2
    code, out, err = run(["zones", "R5", "--control", str(path), "--json"])
    assert code == 0
    assert "note" in err and "merged 2 polygons" in err and str(path) in err
    doc = json.loads(out)
    assert doc["schematic"] is False
    w = _zone(doc, "withdrawal")
    assert w["schematic"] is False
    west_km2 = geodesic_area_km2(donetsk.difference(box(cut, miny - 1, maxx + 1, maxy + 1)))
    assert w["area_km2"] == pytest.approx(west_km2, rel=0.01)
    assert w["unit_shares"]["UA-14"] == pytest.approx(
        100 * west_km2 / float(units.loc["UA-14", "geodesic_area_km2"]), abs=0.5)


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["zones", "R9"], "R1, R2, R3, R4, R5"),
        (["compare", "R1", "X7"], "R1, R2, R3, R4, R5"),
        (["export", "R0", "--out", "{tmp}/o"], "R1, R2, R3, R4, R5"),
        (["zones", "R5", "--dmz-width", "0"], "dmz_width_km"),
        (["zones", "R5", "--control", "{tmp}/bad.geojson"], "bad.geojson: not GeoJSON"),
        (["export", "R5", "--out", "{tmp}/o", "--control", "{tmp}/bad.geojson"],
         "bad.geojson: not GeoJSON"),
        (["zones", "R5", "--control", "{tmp}/missing.geojson"], "missing.geojson"),
        (["export", "R5", "--out", "{tmp}/bad.geojson"], "not a directory"),
    ],
)
def test_bad_input(argv: list[str], needle: str, tmp_path: Path) -> None:
    (tmp_path / "bad.geojson").write_text("this is not json")
    code, out, err = run([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 2
    assert err.startswith(f"frontline {argv[0]}: error:") and needle in err
    assert out == ""
    assert not (tmp_path / "o").exists()


# ---------------------------------------------------------------- compare
def test_compare_json() -> None:
    code, out, _ = run(["compare", "R1", "R5", "--json"])
    assert code == 0
    doc = json.loads(out)
    assert doc["a"]["report_id"] == "R1" and doc["b"]["report_id"] == "R5"
    rows = {r["code"]: r for r in doc["units"]}
    d = rows["UA-14"]
    assert d["delta_share_pct"] == pytest.approx(-4.0)
    assert d["delta_km2"] == pytest.approx(-0.04 * 26517, abs=0.1)  # official area of Donetsk
    assert d["direction"] == "down" and d["significant"] is False  # 80 lies in 80-88
    assert d["share_a_low"] == 80 and d["share_a_high"] == 88 and d["share_b"] == 80
    assert (d["source_a"], d["source_b"]) == ("R1", "R5")
    assert rows["UA-09"]["direction"] == "stale"  # R1's claim, 11 months old by R5
    assert rows["UA-09"]["delta_share_pct"] is None and rows["UA-09"]["source_b"] == "R1 (stale)"
    assert rows["UA-05"]["direction"] == "no claim" and rows["UA-05"]["share_a"] is None


def test_compare_table() -> None:
    code, out, _ = run(["compare", "R1", "R5"])
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "-4.00" in lines["UA-14"] and "-1,060.7" in lines["UA-14"]
    assert "84 % (80–88)" in lines["UA-14"] and "R1 -> R5" in lines["UA-14"]
    assert "RU-KRS" in lines
    assert "UA-05" not in lines and "UA-46" not in lines  # no claim in either
    assert "19 units without a claim" in out


# ---------------------------------------------------------------- export
@pytest.fixture(scope="module")
def r5_layers(atlas: Atlas) -> dict[str, gpd.GeoDataFrame]:
    return atlas.layerset("R5").export_layers()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("export")
    out_dir = root / "nested" / "dir"
    code, out, _ = run(["export", "R5", "--out", str(out_dir), "--format", "geojson"])
    assert code == 0
    return out_dir, out


def test_export_geojson(exported: tuple[Path, str],
                        r5_layers: dict[str, gpd.GeoDataFrame]) -> None:
    out_dir, out = exported
    expected = {safe_layer_name(n) + ".geojson" for n in r5_layers}
    assert {p.name for p in out_dir.iterdir()} == expected | {"R5-layers.zip",
                                                              ".frontline-export.json"}
    # nothing written beside DIR
    assert [p.name for p in out_dir.parent.parent.iterdir()] == ["nested"]
    for name, layer in r5_layers.items():
        path = out_dir / (safe_layer_name(name) + ".geojson")
        text = path.read_text(encoding="utf-8")
        assert check_rfc7946(text) == [], name
        reread = gpd.read_file(path)
        assert len(reread) == len(layer), name
        assert (reread["report_id"] == "R5").all()
        assert str(path) in out and f"{path.stat().st_size / 1024:,.1f} kB" in out
    with zipfile.ZipFile(out_dir / "R5-layers.zip") as zf:
        assert set(zf.namelist()) == expected
    w = gpd.read_file(out_dir / "zone_withdrawal.geojson")
    assert geodesic_area_km2(w.geometry.iloc[0]) == pytest.approx(w["area_km2"].iloc[0],
                                                                  rel=1e-3)
    assert "Kramatorsk" in w["cities"].iloc[0]


def test_export_gpkg_with_control(tmp_path: Path, control_file: Path, atlas: Atlas) -> None:
    code, out, err = run(["export", "R5", "--out", str(tmp_path), "--format", "gpkg",
                          "--control", str(control_file)])
    assert code == 0
    assert "merged 2 polygons" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".frontline-export.json", "R5.gpkg"]
    from geo.control import load_control

    control = load_control(control_file)
    reference = atlas.layerset("R5", control=control).export_layers()
    assert "uncertainty_band" not in reference  # measured, not schematic
    gpkg = tmp_path / "R5.gpkg"
    listed = {str(name): int(pyogrio.read_info(gpkg, layer=name)["features"])
              for name, _ in pyogrio.list_layers(gpkg)}
    assert listed == {safe_layer_name(n): len(v) for n, v in reference.items()}
    held = gpd.read_file(gpkg, layer="held_zones")
    assert (~held["schematic"]).all() and held["basis"].str.contains("control.geojson").all()
    assert "R5.gpkg" in out and "kB" in out and "control layer" in out


def test_render_writes_svg_png_and_html_and_keeps_what_exists(tmp_path: Path) -> None:
    svg = tmp_path / "map.svg"
    code, _out, err = run(["render", "R5", "--out", str(svg)])
    assert code == 0 and "schematic" in err, err
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Planned Budapest summit" in text  # the title is in the picture
    code, _out, err = run(["render", "R5", "--out", str(svg)])
    assert code == 2 and "exists; pass --force" in err
    assert svg.read_text(encoding="utf-8") == text  # untouched
    html = tmp_path / "map.html"
    assert run(["render", "R1", "--out", str(html)])[0] == 0
    assert "/app/static/" not in html.read_text(encoding="utf-8")
    code, _out, err = run(["render", "R1", "--out", str(tmp_path / "map.pdf")])
    assert code == 2 and "map.png, map.svg or map.html" in err
    assert not (tmp_path / "map.pdf").exists()


_STEPS = """
import json, os, sys
from frontline.cli import main
for step in json.loads(sys.argv[1]):
    if step[0] == "chmod":
        os.chmod(step[2], int(step[1], 8))
    elif main(step) != 0:
        raise SystemExit(f"frontline {step} failed")
"""


@pytest.mark.parametrize("umask,expected", [(0o022, 0o644), (0o077, 0o600)])
def test_exports_and_renders_follow_the_umask_and_keep_a_replaced_files_mode(
        tmp_path: Path, umask: int, expected: int) -> None:
    out, png = tmp_path / "out", tmp_path / "map.png"
    layer = out / "zone_recognition.geojson"
    steps = [["export", "R1", "--out", str(out)], ["render", "R1", "--out", str(png)],
             ["chmod", "640", str(layer)], ["chmod", "640", str(png)],
             # written again: the two files changed by hand keep 0o640
             ["export", "R1", "--out", str(out)], ["render", "R1", "--out", str(png), "--force"]]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run([sys.executable, "-c", _STEPS, json.dumps(steps)], env=env, umask=umask,
                   check=True, capture_output=True)
    modes = {p.name: p.stat().st_mode & 0o777 for p in [*out.iterdir(), png]}
    assert len(modes) > 5 and "R1-layers.zip" in modes and ".frontline-export.json" in modes
    kept = {layer.name: 0o640, png.name: 0o640}
    # every other file: 0o666 less the umask, as open() would give it
    assert modes == {name: kept.get(name, expected) for name in modes}


def test_export_leaves_no_stale_layers_and_keeps_foreign_files(tmp_path: Path,
                                                              atlas: Atlas) -> None:
    def expected(rid: str) -> set[str]:  # each layer the report has, its zip, the manifest
        return {safe_layer_name(n) + ".geojson" for n in atlas.layerset(rid).export_layers()
                } | {f"{rid}-layers.zip", ".frontline-export.json"}

    out = tmp_path / "out"
    assert run(["export", "R1", "--out", str(out)])[0] == 0
    r1 = {p.name for p in out.iterdir()}
    assert r1 == expected("R1") and "zone_recognition.geojson" in r1
    code, _, err = run(["export", "R3", "--out", str(out)])
    assert code == 0
    r3 = {p.name for p in out.iterdir()}
    # only R3's layers (and its zip) are there now; R1's zip and zones are gone
    assert r3 == expected("R3") and r1 - r3 >= {"R1-layers.zip", "zone_recognition.geojson"}
    import json as _json

    listed = set(_json.loads((out / ".frontline-export.json").read_text())["files"])
    assert r3 - {".frontline-export.json"} == listed
    assert "removed" in err
    # a file no export wrote is never replaced unasked
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "claimed_control.geojson").write_text("my own notes")
    code, _, err = run(["export", "R3", "--out", str(mine)])
    assert code == 2 and "--force" in err
    assert (mine / "claimed_control.geojson").read_text() == "my own notes"


def test_a_planted_manifest_authorizes_no_delete_and_no_replace(tmp_path: Path) -> None:
    """A manifest put in the folder by someone else names the user's own files, files
    outside the folder and files the export writes: none is deleted or replaced; the
    files the export would replace are named and --force is asked for."""
    import hashlib

    out, outside = tmp_path / "out", tmp_path / "outside.geojson"
    out.mkdir()
    outside.write_text("outside the folder")
    mine = {"zone_withdrawal.geojson": "my own withdrawal zone",
            "notes.geojson": "my own notes", "R9-layers.zip": "my own zip"}
    for name, text in mine.items():
        (out / name).write_text(text)

    def sha(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    planted = {"zone_withdrawal.geojson": sha("what the export wrote"),
               "notes.geojson": sha("something else"),  # a stale layer, says the manifest
               "R9-layers.zip": "not a digest",
               "../outside.geojson": sha("outside the folder"),
               str(outside): sha("outside the folder")}
    (out / ".frontline-export.json").write_text(json.dumps({"report_id": "R9",
                                                            "files": planted}))
    code, _, err = run(["export", "R5", "--out", str(out)])
    assert code == 2 and "zone_withdrawal.geojson" in err and "--force" in err, err
    assert "changed since" in err
    assert {n: (out / n).read_text() for n in mine} == mine
    assert outside.read_text() == "outside the folder"
    # an older manifest (names without digests) authorizes nothing either
    (out / ".frontline-export.json").write_text(json.dumps(
        {"report_id": "R5", "files": list(mine)}))
    assert run(["export", "R5", "--out", str(out)])[0] == 2
    # with --force the export's own names are replaced; what it does not write stays
    code, _, err = run(["export", "R5", "--out", str(out), "--force"])
    assert code == 0, err
    assert (out / "notes.geojson").read_text() == "my own notes"
    assert (out / "R9-layers.zip").read_text() == "my own zip"
    assert outside.read_text() == "outside the folder"
    manifest = json.loads((out / ".frontline-export.json").read_text())["files"]
    assert manifest["zone_withdrawal.geojson"] == hashlib.sha256(
        (out / "zone_withdrawal.geojson").read_bytes()).hexdigest()
    # a layer the export wrote and the user edited since is neither replaced nor removed
    (out / "zone_withdrawal.geojson").write_text("edited by hand")
    code, _, err = run(["export", "R5", "--out", str(out)])
    assert code == 2 and "zone_withdrawal.geojson" in err
    code, _, err = run(["export", "R1", "--out", str(out), "--force"])
    assert code == 0 and "kept 1 file(s)" in err and "zone_withdrawal.geojson" in err, err
    assert (out / "zone_withdrawal.geojson").read_text() == "edited by hand"


def test_an_export_writes_no_layer_through_a_link(tmp_path: Path) -> None:
    """A layer's name in the folder is a link to a file elsewhere (or the manifest is a
    FIFO): refused before anything is written, even with --force."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.txt"
    out.mkdir()
    elsewhere.write_text("elsewhere")
    os.symlink(elsewhere, out / "claimed_control.geojson")
    code, _, err = run(["export", "R5", "--out", str(out), "--force"])
    assert code == 2 and "claimed_control.geojson' is a symbolic link" in err, err
    assert elsewhere.read_text() == "elsewhere" and os.path.islink(out / "claimed_control.geojson")
    assert sorted(p.name for p in out.iterdir()) == ["claimed_control.geojson"]
    (out / "claimed_control.geojson").unlink()
    os.mkfifo(out / ".frontline-export.json")
    code, _, err = run(["export", "R5", "--out", str(out)])
    assert code == 2 and "FIFO" in err
    assert sorted(p.name for p in out.iterdir()) == [".frontline-export.json"]
