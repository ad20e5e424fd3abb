"""The hostile-input corpus: malformed or hostile inputs for the CLI and the loaders, each
with its expected outcome (used by tests/test_hostile.py).

A case is (kind, name, argv, files, expect): ``files`` maps names to bytes written into
a fresh folder (``{dir}`` in ``argv`` is that folder); ``expect`` is ``"error"`` (exit 2,
or 1 for ``check``, with a message and no traceback) or ``"ok"`` (exit 0).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    argv: tuple[str, ...]
    files: dict[str, bytes] = field(default_factory=dict)
    expect: str = "error"
    special: str = ""  # fifo / dir / symlink-loop / device / char-device / link / socket
    at: str = "x.geojson"  # the name the special file is made at, in the case's folder
    says: str = ""  # what the output (stdout and stderr) must hold


BOX = [[37.0, 48.0], [37.5, 48.0], [37.5, 48.5], [37.0, 48.5], [37.0, 48.0]]
HOLE = [[37.1, 48.1], [37.2, 48.1], [37.2, 48.2], [37.1, 48.2], [37.1, 48.1]]


def _fc(*geoms: object, props: dict | None = None) -> bytes:  # type: ignore[type-arg]
    feats = [{"type": "Feature", "properties": props or {}, "geometry": g} for g in geoms]
    return json.dumps({"type": "FeatureCollection", "features": feats}).encode()


def _poly(ring: list) -> dict:  # type: ignore[type-arg]
    return {"type": "Polygon", "coordinates": [ring]}


def _geojson_cases() -> Iterator[Case]:
    good = _poly(BOX)
    valid = {
        "bare polygon": json.dumps(good).encode(),
        "feature": json.dumps({"type": "Feature", "properties": {}, "geometry": good}).encode(),
        "collection": _fc(good),
        "with a hole": _fc({"type": "Polygon", "coordinates": [BOX, HOLE]}),
        "multipolygon": _fc({"type": "MultiPolygon", "coordinates": [[BOX]]}),
        "crs member 4326": json.dumps({"type": "FeatureCollection", "crs": {
            "type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
            "features": [{"type": "Feature", "properties": None, "geometry": good}]}).encode(),
        "side ukraine": _fc(good, props={"side": "ukraine"}),
        "BOM": b"\xef\xbb\xbf" + _fc(good),
        "a null geometry beside a good one": json.dumps({"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": None},
                         {"type": "Feature", "properties": {}, "geometry": good}]}).encode(),
        "a point beside a polygon": _fc(good, {"type": "Point", "coordinates": [37.2, 48.2]}),
        "3D positions": _fc(_poly([[x, y, 100.0] for x, y in BOX])),
        "bow-tie (repaired)": _fc(_poly([[37, 48], [37.5, 48.5], [37.5, 48], [37, 48.5],
                                         [37, 48]])),
    }
    for name, raw in valid.items():
        side = ("--side", "ukraine") if name == "side ukraine" else ()
        yield Case("geojson", f"valid: {name}", ("measure", "{dir}/in.geojson", *side),
                   {"in.geojson": raw}, "ok")
    yield Case("geojson", "only Ukrainian ground, measured for Russia",
               ("measure", "{dir}/in.geojson"), {"in.geojson": valid["side ukraine"]})
    bad_positions = {
        "NaN token": b'{"type":"Polygon","coordinates":[[[37,48],[NaN,48],[37.5,48.5],[37,48]]]}',
        "Infinity token": b'{"type":"Polygon","coordinates":[[[37,48],[Infinity,48],[37.5,48.5],[37,48]]]}',
        "-Infinity": b'{"type":"Polygon","coordinates":[[[37,48],[-Infinity,48],[37.5,48.5],[37,48]]]}',
        "1e400": b'{"type":"Polygon","coordinates":[[[37,48],[1e400,48],[37.5,48.5],[37,48]]]}',
        "5,000 digits": b'{"type":"Polygon","coordinates":[[[37,48],[' + b"9" * 5000 + b',48],[37.5,48.5],[37,48]]]}',
        "numeric strings": _fc(_poly([[str(x), str(y)] for x, y in BOX])),
        "booleans": _fc(_poly([[True, True], [37.5, 48], [37.5, 48.5], [True, True]])),
        "nulls": _fc(_poly([[None, None], [37.5, 48], [37.5, 48.5], [None, None]])),
        "one number": _fc(_poly([[37.0], [37.5, 48], [37.5, 48.5], [37.0]])),
        "four numbers": _fc(_poly([[37, 48, 1, 2], [37.5, 48], [37.5, 48.5], [37, 48, 1, 2]])),
        "lon 500": _fc(_poly([[500, 48], [501, 48], [501, 49], [500, 48]])),
        "lon -200": _fc(_poly([[-200, 48], [-199, 48], [-199, 49], [-200, 48]])),
        "lat 91": _fc(_poly([[37, 91], [38, 91], [38, 92], [37, 91]])),
        "antimeridian box": _fc(_poly([[170, 48], [-170, 48], [-170, 49], [170, 49], [170, 48]])),
        "open ring": _fc(_poly(BOX[:-1])),
        "ring of 3": _fc(_poly([[37, 48], [37.5, 48], [37, 48]])),
        "empty ring": _fc(_poly([])),
        "coordinates a number": _fc({"type": "Polygon", "coordinates": 5}),
        "coordinates a string": _fc({"type": "Polygon", "coordinates": "37 48"}),
        "coordinates too shallow": _fc({"type": "Polygon", "coordinates": BOX}),
        "coordinates too deep": _fc({"type": "Polygon", "coordinates": [[BOX]]}),
        "no coordinates": _fc({"type": "Polygon"}),
        "geometries in a polygon": _fc({"type": "Polygon", "geometries": [good]}),
        "WKT string": _fc("POLYGON((37 48, 37.5 48, 37.5 48.5, 37 48))"),
        "geometry a number": _fc(42),
        "geometry a list": _fc([good]),
        "type Circle": _fc({"type": "Circle", "coordinates": [37, 48], "radius": 1000}),
        "type lower-case": _fc({"type": "polygon", "coordinates": [BOX]}),
        "type missing": _fc({"coordinates": [BOX]}),
        "type null": _fc({"type": None, "coordinates": [BOX]}),
        "type a number": _fc({"type": 7, "coordinates": [BOX]}),
        "nested collection 5 deep": _fc({"type": "GeometryCollection", "geometries": [
            {"type": "GeometryCollection", "geometries": [{"type": "GeometryCollection",
             "geometries": [{"type": "GeometryCollection", "geometries": [good]}]}]}]}),
        "NaN mixed with a good feature": b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":' + json.dumps(good).encode() + b'},{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[NaN,NaN],[NaN,NaN],[NaN,NaN],[NaN,NaN]]]}}]}',
        "strings mixed with a good feature": _fc(good, _poly([["37", "48"]] * 4)),
        "projected without crs": _fc(_poly([[4_000_000, 6_000_000], [4_100_000, 6_000_000],
                                            [4_100_000, 6_100_000], [4_000_000, 6_000_000]])),
        "outside the region": _fc(_poly([[0, 0], [1, 0], [1, 1], [0, 0]])),
        "only a point": _fc({"type": "Point", "coordinates": [37, 48]}),
        "only lines": _fc({"type": "LineString", "coordinates": [[37, 48], [38, 49]]}),
        "empty polygon": _fc({"type": "Polygon", "coordinates": []}),
        "unknown crs": json.dumps({"type": "FeatureCollection", "crs": {"type": "name",
            "properties": {"name": "EPSG:999999"}}, "features": []}).encode(),
        "side 'grey zone'": _fc(good, props={"side": "grey zone"}),
        "dated features (a history)": json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"date": f"2024-07-0{d}"}, "geometry": good}
            for d in (1, 2, 3)]}).encode(),
    }
    for name, raw in bad_positions.items():
        yield Case("geojson", name, ("measure", "{dir}/in.geojson"), {"in.geojson": raw})
    deep = b'{"type":"Polygon","coordinates":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    deep_props = (b'{"type":"Feature","properties":{"a":' + b"[" * 100_000 + b"]" * 100_000
                  + b'},"geometry":' + json.dumps(good).encode() + b"}")
    docs = {
        "nested 100,000 deep": deep, "properties nested 100,000 deep": deep_props,
        "empty file": b"", "whitespace": b"  \n\t ", "BOM only": b"\xef\xbb\xbf", "null": b"null",
        "[]": b"[]", "{}": b"{}", "true": b"true", "a number": b"42", "a string": b'"x"',
        "truncated": _fc(good)[:50], "trailing garbage": _fc(good) + b"}}}",
        "not JSON": b"this is not json", "binary": bytes(range(256)) * 4,
        "UTF-16": _fc(good).decode().encode("utf-16"), "latin-1 junk": "ÿþý".encode("latin-1"),
        "features not a list": b'{"type":"FeatureCollection","features":{"a":1}}',
        "features null": b'{"type":"FeatureCollection","features":null}',
        "features of numbers": b'{"type":"FeatureCollection","features":[1,2,3]}',
        "no features": b'{"type":"FeatureCollection","features":[]}',
        "type Topology": b'{"type":"Topology","objects":{}}',
        "HTML": b"<html><script>alert(1)</script></html>",
        "YAML": b"type: FeatureCollection\nfeatures: []\n",
        "too many features": _fc(*[_poly([[37 + i * 1e-4, 48], [37 + i * 1e-4 + 5e-5, 48],
                                          [37 + i * 1e-4, 48 + 5e-5], [37 + i * 1e-4, 48]])
                                  for i in range(20_001)]),
    }
    for name, raw in docs.items():
        yield Case("geojson", name, ("measure", "{dir}/in.geojson"), {"in.geojson": raw})
    # the same layers through the other commands that take --control
    for cmd in (("zones", "R5"), ("verify", "R1"), ("show", "R1"), ("export", "R5", "--out",
                                                                    "{dir}/exp")):
        for name in ("NaN token", "antimeridian box", "type Circle", "WKT string"):
            yield Case("geojson", f"{cmd[0]} --control: {name}",
                       (*cmd, "--control", "{dir}/in.geojson"),
                       {"in.geojson": bad_positions[name]})
        yield Case("geojson", f"{cmd[0]} --control: valid", (*cmd, "--control",
                   "{dir}/in.geojson"), {"in.geojson": valid["collection"]}, "ok")


def _fs_cases() -> Iterator[Case]:
    for cmd in (("measure", "{dir}/x.geojson"), ("check", "{dir}/x.geojson"),
                ("extract", "{dir}/x.geojson"), ("zones", "R5", "--control", "{dir}/x.geojson"),
                ("series", "{dir}/x.geojson")):
        for special in ("fifo", "dir", "symlink-loop", "missing", "device"):
            expect = "error"
            yield Case("filesystem", f"{cmd[0]}: {special}", cmd, {}, expect, special)
    # where a file is to be written: /dev/full, /dev/stdout (a link), a FIFO, a folder, a
    # link to the user's own file; the atomic rename would replace the node or the link
    article = {"a.txt": b"Russia controls more than 80% of the Donetsk region."}
    outputs: list[tuple[tuple[str, ...], tuple[str, ...], str, dict[str, bytes]]] = [
        (("schematic", "--shares", "UA-14=50", "--out", "{dir}/x.geojson"),
         ("char-device", "device", "fifo", "dir", "link", "socket"), "x.geojson", {}),
        (("zones", "R5", "--out", "{dir}/x.geojson"), ("char-device", "link"), "x.geojson", {}),
        (("render", "R1", "--out", "{dir}/x.png", "--force"), ("char-device", "link", "fifo"),
         "x.png", {}),
        (("series", "{dir}/day_20240713.geojson", "--csv", "{dir}/x.csv"), ("device", "link"),
         "x.csv", {"day_20240713.geojson": _fc(_poly(BOX))}),
        (("extract", "{dir}/a.txt", "--draft", "{dir}/x.yaml", "--force"), ("link", "dir"),
         "x.yaml", article),
    ]
    for argv, specials, at, files in outputs:
        for special in specials:
            flag = argv[argv.index("{dir}/" + at) - 1]
            yield Case("output", f"{argv[0]} {flag} to {special}", argv, files, "error",
                       special, at)


REPORT = """id: R9
title: A test report
outlet: Test wire
date: 2025-01-10
date_precision: day
context: A report for the tests.
claims:
  - id: R9-c1
    kind: control_share
    actor: russia
    units: [UA-14]
    figure: {figure}
    figure_unit: {unit}
    qualifier: {qualifier}
    paraphrase: Russia holds part of Donetsk.
"""


def _manifest_cases() -> Iterator[Case]:
    """A manifest planted in an export folder: it authorizes no delete and no replace."""
    import hashlib

    def manifest(files: object) -> bytes:
        return json.dumps({"report_id": "R9", "files": files}).encode()

    def sha(raw: bytes) -> str:
        return hashlib.sha256(raw).hexdigest()

    mine = b"the user's own"
    plants = {  # name: (the files, the expected outcome)
        "claims the user's zone_withdrawal.geojson": (
            {"exp/zone_withdrawal.geojson": mine,
             "exp/.frontline-export.json": manifest({"zone_withdrawal.geojson": sha(b"x")})},
            "error"),
        "an older manifest, names without digests": (
            {"exp/zone_withdrawal.geojson": mine,
             "exp/.frontline-export.json": manifest(["zone_withdrawal.geojson"])}, "error"),
        "names a file outside the folder by '..'": (
            {"mine-outside.geojson": mine,
             "exp/.frontline-export.json": manifest({"../mine-outside.geojson": sha(mine)})},
            "ok"),
        "names a file by its absolute path": (
            {"exp/.frontline-export.json": manifest({"/etc/hostname": sha(b"x")})}, "ok"),
        "names the user's notes as a stale layer": (
            {"exp/mine-notes.geojson": mine,
             "exp/.frontline-export.json": manifest({"mine-notes.geojson": sha(b"x")})}, "ok"),
        "files a list of numbers": (
            {"exp/.frontline-export.json": manifest({"a.geojson": 5})}, "ok"),
        "not JSON": ({"exp/.frontline-export.json": b"\x00\xff not json"}, "ok"),
    }
    for name, (files, expect) in plants.items():
        yield Case("manifest", name, ("export", "R5", "--out", "{dir}/exp"), files, expect)
    yield Case("manifest", "the manifest is a FIFO", ("export", "R5", "--out", "{dir}/exp"),
               {"exp/mine.txt": mine}, "error", "fifo", "exp/.frontline-export.json")


def _yaml_cases() -> Iterator[Case]:
    def report(figure: str = "70", unit: str = "percent", qualifier: str = "about") -> bytes:
        return REPORT.format(figure=figure, unit=unit, qualifier=qualifier).encode()

    yield Case("yaml", "valid report", ("check", "{dir}/R9.yaml"), {"R9.yaml": report()}, "ok")
    yield Case("yaml", "figure 017 read as 17 (YAML 1.2)", ("check", "{dir}/R9.yaml"),
               {"R9.yaml": report("017")}, "ok")
    for fig in (".inf", "-.inf", ".nan", ".NaN", "1.0e+400", "1e309", "1:20", "0x1F", "0o17",
                "1_000", "yes", "eighty", "'80'", "[80]", "{a: 1}", "9" * 5000, "-5", "101",
                "80 %", "~", "null", "true"):
        yield Case("yaml", f"figure {fig[:20]}", ("check", "{dir}/R9.yaml"),
                   {"R9.yaml": report(fig)})
    # Donetsk is 26,517 km²; a source's rounding may add 2 % (AREA_TOLERANCE): 27,047
    for fig in ("1e308", "30000", "1.0e+20", "27048"):
        yield Case("yaml", f"km2 figure {fig} over Donetsk's area", ("check", "{dir}/R9.yaml"),
                   {"R9.yaml": report(fig, "km2", "about").replace(b"control_share",
                                                                    b"controlled_area")})
    yield Case("yaml", "km2 figure 26518 within a source's rounding of Donetsk's area",
               ("check", "{dir}/R9.yaml"),
               {"R9.yaml": report("26518", "km2", "about").replace(b"control_share",
                                                                   b"controlled_area")}, "ok")
    base = report().decode()
    bad = {
        "NUL byte": base.replace("A test", "A\x00test"),
        "BEL in title": base.replace("A test", "A\x07test"),
        "ANSI escape raw": base.replace("A test", "A\x1b[31mtest"),
        "recursive alias": base + "extra: &n [*n]\n",
        "billion laughs": "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)) + base,
        "10,000-deep nesting": "a: " + "[" * 10_000 + "]" * 10_000 + "\n" + base,
        "10,000-deep mappings": "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 300)),
        "duplicate key": base.replace("outlet: Test wire", "outlet: Test wire\noutlet: Other"),
        "missing claims": base.split("claims:")[0],
        "claims a string": base.split("claims:")[0] + "claims: none\n",
        "unknown field": base.replace("context:", "colour: red\ncontext:"),
        "future date": base.replace("2025-01-10", "2099-01-01"),
        "month 13": base.replace("2025-01-10", "2025-13-01"),
        "date a number": base.replace("2025-01-10", "20250110"),
        "unknown unit code": base.replace("UA-14", "UA-99"),
        "unknown kind": base.replace("kind: control_share", "kind: conquest"),
        "unknown actor": base.replace("actor: russia", "actor: martians"),
        "tab indentation": base.replace("  - id", "\t- id"),
        "python tag": base.replace("figure: 70", "figure: !!python/object/apply:os.system [ls]"),
        "top-level list": "- " + base.replace("\n", "\n  "),
        "top-level string": "just a string\n",
        "empty": "",
        "only a comment": "# nothing\n",
        "paraphrase 5,000 chars": base.replace("Russia holds part of Donetsk.", "x" * 5000),
        "low above high": base.replace("qualifier: about", "qualifier: about\n    low: 80\n"
                                       "    high: 60"),
        "low .inf": base.replace("qualifier: about", "qualifier: about\n    low: 60\n"
                                 "    high: .inf"),
        "km2 bound 1e308": base.replace("figure: 70\n    figure_unit: percent", "figure: 700\n"
                                        "    figure_unit: km2").replace(
            "control_share", "controlled_area").replace(
            "qualifier: about", "qualifier: about\n    low: 600\n    high: 1.0e+308"),
        "id clash with R1": base.replace("id: R9", "id: R1").replace("R9-c1", "R1-c1"),
        "claim id of another report": base.replace("R9-c1", "R8-c1"),
    }
    for name, text in bad.items():
        yield Case("yaml", name, ("check", "{dir}/R9.yaml"), {"R9.yaml": text.encode()})
    big = (base + "notes: |\n" + "  " + "x" * 100 + "\n") * 1
    yield Case("yaml", "600 kB file", ("check", "{dir}/R9.yaml"),
               {"R9.yaml": (big + "# " + "y" * 600_000 + "\n").encode()})
    yield Case("yaml", "not UTF-8", ("check", "{dir}/R9.yaml"),
               {"R9.yaml": base.encode("utf-16")})
    # one poisoned file among the built-in ones: show still works, the file is named
    for name in ("recursive alias", "billion laughs", "NUL byte", "10,000-deep nesting"):
        files = {p.name: p.read_bytes() for p in (ROOT / "data" / "reports").glob("R*.yaml")}
        files["bad.yaml"] = bad[name].encode()
        yield Case("yaml", f"show R1 beside a poisoned file ({name})",
                   ("show", "R1", "--reports-dir", "{dir}"), files, "ok")
    yield Case("yaml", "show a report id that does not exist", ("show", "R99"))
    # two claims of one report on one unit ("about 70 %" and "50 %"): valid, and never
    # silently one of them -- check names both and the one the map uses, show compares
    two = base.replace("claims:\n", "claims:\n  - id: R9-c2\n    kind: control_share\n"
                       "    actor: russia\n    units: [UA-14]\n    figure: 50\n"
                       "    figure_unit: percent\n    qualifier: exact\n"
                       "    paraphrase: Russia holds half of Donetsk.\n")
    yield Case("yaml", "check: two claims on one unit", ("check", "{dir}/R9.yaml"),
               {"R9.yaml": two.encode()}, "ok", says="R9-c2, R9-c1; the map uses R9-c2")
    yield Case("yaml", "show: two claims on one unit", ("show", "R9", "--reports-dir",
               "{dir}"), {"R9.yaml": two.encode()}, "ok",
               says="[inconsistent] Donetsk (UA-14): R9 gives Russia's share twice")
    # a report of a folder that links to a file outside it: skipped, never quoted
    # (test_hostile fails a case whose output holds the linked file's content)
    yield Case("yaml", "check a folder with a link out of it", ("check", "{dir}/rep"),
               {"rep/R9.yaml": report()}, "error", "outside-link", "rep/evil.yaml")
    files = {f"rep/{p.name}": p.read_bytes() for p in (ROOT / "data" / "reports").glob("R*.yaml")}
    yield Case("yaml", "show R1 beside a link out of the folder",
               ("show", "R1", "--reports-dir", "{dir}/rep"), files, "ok", "outside-link",
               "rep/evil.yaml")


def _article_cases() -> Iterator[Case]:
    texts: dict[str, bytes] = {
        "empty": b"", "whitespace": b" \n\n\t", "NUL bytes": b"Russia\x00holds 80%",
        "binary": bytes(range(256)) * 10, "UTF-16": "Russia holds 80% of Donetsk.".encode(
            "utf-16"), "latin-1": "Russia holds 80\xa0% of Donetsk \xe9".encode("latin-1"),
        "Russian": "Россия контролирует более 80% Донецкой области, заявили чиновники.".encode(),
        "Ukrainian": "Росія контролює понад 80% Донецької області, заявили посадовці.".encode(),
        "German": b"Russland kontrolliert mehr als 80 Prozent der Region Donezk, sagten "
                  b"Beamte am Montag nach Angaben aus Moskau.",
        "French": "La Russie contrôle plus de 80 % de la région de Donetsk, selon des "
                  "responsables cités lundi par des agences de presse.".encode(),
        "Chinese": "俄罗斯控制了顿涅茨克州百分之八十以上的领土，官员们周一表示。".encode(),
        "1.5 MB": b"Russia holds 80% of Donetsk. " * 52_000,
        "control characters": b"Russia\x01\x02\x03\x04\x05 holds" * 100,
        # 20,000 times the same word does not read as prose: refused, not parsed
        "one word 20,000 times": b"Russia holds " + b"very " * 20_000 + b"much of Donetsk.",
    }
    for name, raw in texts.items():
        yield Case("article", name, ("extract", "{dir}/a.txt"), {"a.txt": raw})
    ok = {
        "a plain claim": b"Russia controls more than 80% of the Donetsk region.",
        "HTML markup": b"<p>Russia controls <b>70%</b> of Zaporizhzhia.</p><script>x</script>",
        "no claim at all": b"The talks lasted six hours and ended without a statement.",
        "numbers only": b"1 2 3 4 5 6 7 8 9 10 " * 100 + b" The report said little.",
        "CRLF line ends": b"Russia controls about 70% of Kherson.\r\n\r\nKyiv disagrees.\r\n",
        "a BOM": b"\xef\xbb\xbfRussia controls all of Crimea, officials said.",
    }
    for name, raw in ok.items():
        yield Case("article", f"valid: {name}", ("extract", "{dir}/a.txt", "--json"),
                   {"a.txt": raw}, "ok")
    yield Case("article", "draft over an existing file", ("extract", "{dir}/a.txt", "--draft",
               "{dir}/a.txt"), {"a.txt": ok["a plain claim"]})
    yield Case("article", "draft with a bad id", ("extract", "{dir}/a.txt", "--draft",
               "{dir}/d.yaml", "--id", "not an id!"), {"a.txt": ok["a plain claim"]})
    yield Case("article", "draft with a future date", ("extract", "{dir}/a.txt", "--draft",
               "{dir}/d.yaml", "--date", "2099-01-01"), {"a.txt": ok["a plain claim"]})


def _argument_cases() -> Iterator[Case]:
    bad: list[tuple[str, ...]] = [
        ("show", "R99"), ("zones", "R99"), ("compare", "R1", "R99"), ("export", "R99",
                                                                      "--out", "{dir}/o"),
        ("render", "R99", "--out", "{dir}/m.png"), ("render", "R1", "--out", "{dir}/m.pdf"),
        ("render", "R1", "--out", "{dir}/missing/m.png"),
        ("render", "R1", "--out", "{dir}"),
        ("zones", "R5", "--out", "{dir}/missing/z.geojson"),
        ("export", "R5", "--out", "{dir}/f.txt"),
        ("schematic", "--shares", "UA-14=50,UA-14=60"), ("schematic", "--shares", "UA-99=5"),
        ("schematic", "--shares", "UA-14=101"), ("schematic", "--shares", "UA-14=nan"),
        ("schematic", "--shares", "UA-14=inf"), ("schematic", "--shares", "="),
        ("schematic", "--shares", ",,,"), ("schematic", "--shares", "UA-14"),
        ("schematic", "--shares", "UA-14=-5"), ("schematic", "R1", "--shares", "UA-14=5"),
        ("schematic",), ("measure", "{dir}/none.geojson", "--date", "2024-13-45"),
        ("resolve", "Atlantis"), ("series", "{dir}"), ("verify",),
        ("verify", "R1"), ("verify", "--all"),
    ]
    for v in ("nan", "inf", "-inf", "-1", "0", "1e9", "abc", "1e400"):
        bad.append(("zones", "R5", "--dmz-width", v))
        bad.append(("zones", "R5", "--depth", v))
    for argv in bad:
        files = {"f.txt": b"x"} if "{dir}/f.txt" in argv else {}
        yield Case("arguments", " ".join(argv).replace("{dir}", "DIR")[:60], argv, files)
    for argv in (("regions", "--json"), ("resolve", "Zaporozhye", "Donbas"),
                 ("zones", "R5", "--dmz-width", "0.5"), ("schematic", "--shares",
                                                         "UA-14=75.5,UA-23=73.6")):
        yield Case("arguments", "valid: " + " ".join(argv), argv, {}, "ok")


def _budget_cases() -> Iterator[Case]:
    """Archives, dates and rasters past their budgets: each ends at once, and says why."""
    from zipkit import MIB, Member, build_zip, deflated_zeros, gzip_zeros, zeros_bomb

    day = _fc(_poly(BOX))
    one = Member.of("layer_20240101.geojson", day)
    many = build_zip([one], aliases=[Member(f"d/{i}.geojson", one.data, one.crc, len(day))
                                     for i in range(20_000)])  # 20,001 entries in 1.4 MB
    zeros, crc = deflated_zeros(12)
    liar, liar_crc = deflated_zeros(50)
    archives = {
        "a zip of 20,001 entries": (many, "the zip holds 20,001 entries; the limit is 20,000"),
        "a zip bomb: 200 members of 199 MiB": (zeros_bomb(200, 199), "unpack to 41.7 GB "
                                               "together; the limit is 4.0 GB"),
        "a member packed 1,011:1": (build_zip([Member("layer_20240101.geojson", zeros, crc,
                                                      12 * MIB)]), "a zip bomb?"),
        "a header understating its member": (build_zip([Member(
            "layer_20240101.geojson", liar, liar_crc, len(liar) * 50)]),
            "does not match its header"),
    }
    for name, (raw, says) in archives.items():
        yield Case("archive", name, ("series", "{dir}/h.zip"), {"h.zip": raw}, says=says)
    bomb = gzip_zeros(190)  # 190 MiB of zeros in 197 kB
    yield Case("archive", "a .geojson.gz bomb", ("measure", "{dir}/layer_20240101.geojson.gz"),
               {"layer_20240101.geojson.gz": bomb}, says="a gzip bomb?")
    yield Case("archive", "a .geojson.gz bomb in a history", ("series", "{dir}/h"),
               {"h/layer_20240101.geojson.gz": bomb}, says="a gzip bomb?")
    yield Case("archive", "a KMZ bomb", ("measure", "{dir}/map.kmz"),
               {"map.kmz": build_zip([Member("doc.kml", *deflated_zeros(40), 40 * MIB)])},
               says="a zip bomb?")

    def dated(*dates: str | None) -> bytes:
        return json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"date": d} if d else {},
             "geometry": _poly([[x + i / 10, y] for x, y in BOX])}
            for i, d in enumerate(dates)]}).encode()

    yield Case("dates", "a feature dated year 1", ("measure", "{dir}/in.geojson"),
               {"in.geojson": dated("0001-01-01")}, says="outside the days a layer can show")
    yield Case("dates", "a history day named for year 1", ("series", "{dir}/h", "--csv",
               "{dir}/out.csv"), {"h/layer_00010101.geojson": day},
               says="its name dates it 0001-01-01")
    yield Case("dates", "a day named for year 1 beside a good one", ("series", "{dir}/h"),
               {"h/layer_00010101.geojson": day, "h/layer_20240102.geojson": day}, "ok",
               says="warning: layer_00010101.geojson: its name dates it 0001-01-01")
    three = dated("2024-07-01", "2024-07-02", "2024-07-03")
    yield Case("dates", "named for one day, features of three: measure",
               ("measure", "{dir}/layer_20240701.geojson"), {"layer_20240701.geojson": three},
               says="carry 3 different dates")
    yield Case("dates", "named for one day, features of three: series",
               ("series", "{dir}/layer_20240701.geojson"), {"layer_20240701.geojson": three},
               "ok", says="its features carry 3 dates")
    yield Case("dates", "the name and the feature disagree",
               ("measure", "{dir}/layer_20240701.geojson"),
               {"layer_20240701.geojson": dated("2024-07-03")}, "ok",
               says="the features' dates are used")
    yield Case("dates", "an undated feature among dated ones",
               ("measure", "{dir}/in.geojson"), {"in.geojson": dated("2024-07-01", None)},
               says="have no date while the others carry one")
    every = ",".join(f"UA-{c}=50" for c in ("05", "07", "09", "12", "14", "18", "21", "23",
                                            "26", "30", "32", "35", "40", "43", "46", "48",
                                            "51", "53", "56", "59", "61", "63", "65", "68",
                                            "71", "74", "77"))
    yield Case("arguments", "schematic: every unit at 200 m",
               ("schematic", "--shares", every, "--resolution", "200"),
               says="The finest resolution allowed for these units is 540 m")
    yield Case("arguments", "schematic: Donetsk at 50 m",
               ("schematic", "--shares", "UA-14=50", "--resolution", "50"),
               says="The finest resolution allowed for Donetsk is 160 m")
    yield Case("arguments", "schematic: a resolution with a report (it was ignored)",
               ("schematic", "R5", "--resolution", "200"),
               says="--resolution applies to --shares only")


def cases() -> list[Case]:
    """Every case of the corpus."""
    return [*_geojson_cases(), *_fs_cases(), *_manifest_cases(), *_yaml_cases(),
            *_article_cases(), *_argument_cases(), *_budget_cases()]
