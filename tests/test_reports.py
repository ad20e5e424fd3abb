import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from geo.errors import FrontlineError, ReportFormatError, ValidationError
from geo.reports import (
    REPORTS_DIR,
    SCHEMA_PATH,
    load_report,
    load_reports,
    load_schema,
    parse_report_text,
)

TODAY = dt.date(2026, 1, 1)

# A valid report; line numbers are referenced by the bad-file cases below.
GOOD = """\
id: T1
title: Test report
outlet: Test outlet
date: 2024-11-23
date_precision: day
context: A test.
claims:
  - id: T1-c1
    kind: control_share
    actor: russia
    units: [UA-14]
    figure: 80
    figure_unit: percent
    qualifier: more_than
    paraphrase: A test claim.
"""
SECOND_CLAIM = """\
  - id: T1-c2
    kind: note
    actor: ukraine
    qualifier: none
    paraphrase: Another claim.
"""


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert old in text
    return text.replace(old, new, 1)


# (name, file text, line, field, fragment of the message)
BAD = [
    ("unknown_unit", edit("units: [UA-14]", "units: [UA-99]"), 11, "claims[0].units[0]",
     "unknown unit code 'UA-99'"),
    ("share_above_100", edit("figure: 80", "figure: 180"), 12, "claims[0].figure",
     "at most 100"),
    ("share_below_0", edit("figure: 80", "figure: -5"), 12, "claims[0].figure",
     "cannot be negative"),
    ("negative_km2", edit("figure_unit: percent", "figure_unit: km2",
                          edit("kind: control_share", "kind: controlled_area",
                               edit("figure: 80", "figure: -500"))),
     12, "claims[0].figure", "an area cannot be negative"),
    ("km2_above_unit_area", edit("figure_unit: percent", "figure_unit: km2",
                                 edit("kind: control_share", "kind: controlled_area",
                                      edit("figure: 80", "figure: 30000"))),
     12, "claims[0].figure", "more than the official area"),
    ("inverted_bounds", GOOD + "    low: 90\n    high: 85\n", 16, "claims[0].low",
     "inverted interval"),
    ("bounds_without_pair", GOOD + "    low: 70\n", 16, "claims[0].high", "pairs"),
    ("duplicate_claim_id", GOOD + SECOND_CLAIM.replace("T1-c2", "T1-c1"), 16,
     "claims[1].id", "duplicate claim id 'T1-c1'"),
    ("claim_id_prefix", edit("- id: T1-c1", "- id: X9-c1"), 8, "claims[0].id",
     "must start with the report id"),
    ("future_date", edit("date: 2024-11-23", "date: 2099-01-01"), 4, "date",
     "in the future"),
    ("precision_mismatch", edit("date_precision: day", "date_precision: month"), 5,
     "date_precision", "given to the day"),
    ("month_with_day_precision", edit("date: 2024-11-23", "date: 2024-11"), 5,
     "date_precision", "given to the month"),
    ("not_a_calendar_date", edit("date: 2024-11-23", "date: 2024-02-30"), 4, "date",
     "not a calendar date"),
    ("date_format", edit("date: 2024-11-23", "date: 23.11.2024"), 4, "date",
     "YYYY-MM-DD"),
    ("malformed_yaml", edit("units: [UA-14]", "units: [UA-14"), 12, "",
     "malformed YAML"),
    ("bad_indentation", edit("    actor: russia", "   actor: russia"), 10, "",
     "malformed YAML"),
    ("missing_required", edit("outlet: Test outlet\n", ""), 1, "outlet",
     "required field 'outlet'"),
    ("missing_paraphrase", edit("    paraphrase: A test claim.\n", ""), 8,
     "claims[0].paraphrase", "required field"),
    ("wrong_type", edit("figure: 80", "figure: eighty"), 12, "claims[0].figure",
     "expected a number"),
    ("thousands_separator", edit("figure: 80", "figure: 80,000"), 12, "claims[0].figure",
     "without thousands separators"),
    ("bad_kind", edit("kind: control_share", "kind: controlled"), 9, "claims[0].kind",
     "expected one of control_share"),
    ("bad_actor", edit("actor: russia", "actor: kremlin"), 10, "claims[0].actor",
     "expected one of russia"),
    ("bad_qualifier", edit("qualifier: more_than", "qualifier: mostly"), 14,
     "claims[0].qualifier", "expected one of exact"),
    ("unknown_field", GOOD + "    confidence: high\n", 16, "claims[0].confidence",
     "unknown field 'confidence'"),
    ("qualifier_needs_figure", edit("    figure: 80\n", ""), 8, "claims[0].figure",
     "needs a figure"),
    ("all_takes_no_figure", edit("qualifier: more_than", "qualifier: all"), 12,
     "claims[0].figure", "takes no figure"),
    ("share_claim_in_km2", edit("figure_unit: percent", "figure_unit: km2"), 13,
     "claims[0].figure_unit", "share of the unit"),
    ("units_and_scope", GOOD + "    scope: country\n", 16, "claims[0].scope",
     "not both"),
    ("no_place", edit("    units: [UA-14]\n", ""), 8, "claims[0]", "needs `units"),
    ("combined_of_one_unit", GOOD + "    scope: combined\n", 16, "claims[0].scope",
     "two units or more"),
    ("bad_scope", edit("    units: [UA-14]\n", "    scope: world\n"), 11, "claims[0].scope",
     "expected one of country, combined"),
    ("duplicate_key", edit("    figure_unit: percent\n",
                           "    figure_unit: percent\n    figure: 70\n"), 14,
     "claims[0].figure", "duplicate key 'figure'"),
    ("python_object_tag", edit("paraphrase: A test claim.",
                               "paraphrase: !!python/object/apply:os.system ['echo hacked']"),
     15, "", "malformed YAML"),
    ("empty_claims", GOOD.split("claims:")[0] + "claims: []\n", 7, "claims",
     "at least 1 item"),
    ("top_level_list", "- id: T1\n- title: x\n", 1, "", "expected a mapping"),
    ("empty_file", "# nothing here\n", 1, "", "empty"),
]


def test_good_fixture_is_valid() -> None:
    report = parse_report_text(GOOD, where="good.yaml", today=TODAY)
    assert report.id == "T1" and report.claims[0].units == ("UA-14",)


def test_an_area_a_little_over_the_official_one_is_a_source_s_rounding() -> None:
    # Crimea with Sevastopol: 26,945 km² in units.csv, 26,950 in an article's table
    crimea = edit("units: [UA-14]", "units: [UA-43, UA-40]", edit(
        "figure_unit: percent", "figure_unit: km2", edit(
            "kind: control_share", "kind: controlled_area", edit("figure: 80",
                                                                 "figure: 26950"))))
    report = parse_report_text(crimea, where="crimea.yaml", today=TODAY)
    assert report.claims[0].figure == 26950


@pytest.mark.parametrize(("name", "text", "line", "field", "fragment"), BAD,
                         ids=[b[0] for b in BAD])
def test_bad_report_file(tmp_path: Path, name: str, text: str, line: int, field: str,
                         fragment: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ReportFormatError) as exc:
        load_report(path, today=TODAY)
    err = exc.value
    assert isinstance(err, ValidationError) and isinstance(err, ValueError)
    matching = [p for p in err.problems if fragment in p.message]
    assert matching, f"no problem mentions {fragment!r}: {err}"
    p = matching[0]
    assert p.where == f"{path}:{line}", str(err)
    assert p.field == field, str(err)
    assert f"{path}:{line}" in str(err)
    assert path.read_bytes() == before  # nothing written back


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    text = edit("units: [UA-14]", "units: [UA-99, XX-1]",
                edit("figure: 80", "figure: 120",
                     edit("date: 2024-11-23", "date: 2099-05-05")))
    text += SECOND_CLAIM.replace("T1-c2", "T1-c1")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportFormatError) as exc:
        load_report(path, today=TODAY)
    fields = [p.field for p in exc.value.problems]
    assert fields == ["date", "claims[0].units[0]", "claims[0].units[1]", "claims[0].figure",
                      "claims[1].id"]
    assert str(exc.value).startswith(f"{path} has 5 problems:")


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "was_run"
    text = edit("paraphrase: A test claim.",
                f"paraphrase: !!python/object/apply:os.system ['touch {marker}']")
    with pytest.raises(ReportFormatError):
        parse_report_text(text, today=TODAY)
    assert not marker.exists()


def test_future_is_relative_to_today() -> None:
    text = edit("date: 2024-11-23", "date: 2026-01-02")
    with pytest.raises(ReportFormatError, match="future"):
        parse_report_text(text, today=TODAY)
    assert parse_report_text(text, today=dt.date(2026, 1, 2)).date == dt.date(2026, 1, 2)
    month = edit("date_precision: day", "date_precision: month",
                 edit("date: 2024-11-23", 'date: "2025-10"'))
    rep = parse_report_text(month, today=TODAY)
    assert (rep.date, rep.date_text, rep.date_precision) == (dt.date(2025, 10, 1), "2025-10",
                                                             "month")


def test_load_reports_keeps_good_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(edit("figure: 80", "figure: 180", GOOD.replace(
        "T1", "T2")), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(GOOD, encoding="utf-8")  # duplicate report id
    (tmp_path / "readme.txt").write_text("not a report", encoding="utf-8")
    rs = load_reports(tmp_path, today=TODAY)
    assert rs.ids == ("T1",)
    assert not rs.ok and len(rs.errors) == 2
    dup = rs.errors[1].problems[0]
    assert dup.where == f"{tmp_path / 'c.yaml'}:1" and dup.field == "id"
    assert "duplicate report id 'T1'" in dup.message and "a.yaml" in dup.message
    with pytest.raises(FrontlineError, match="known report ids: T1"):
        rs.get("T9")


def test_a_folder_never_follows_a_link_out_of_itself(tmp_path: Path) -> None:
    """A report file of a folder that links to a file outside it (a secret, another
    user's file) is skipped unread: the note names the link, never the target or its
    content. A link to a file inside the folder is read; a file given by itself is."""
    import os

    folder, elsewhere = tmp_path / "reports", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    secret = elsewhere / "secret.yaml"
    secret.write_text("id: secret value 7f3a\ntitle: secret value 7f3a\n", encoding="utf-8")
    (elsewhere / "T2.yaml").write_text(GOOD.replace("T1", "T2"), encoding="utf-8")
    (folder / "T1.yaml").write_text(GOOD, encoding="utf-8")
    os.symlink(secret, folder / "evil.yaml")
    os.symlink("../elsewhere/T2.yaml", folder / "relative.yaml")
    os.symlink("T1.yaml", folder / "alias.yml")  # inside: read (a duplicate id)
    rs = load_reports(folder, today=TODAY)
    assert rs.ids == ("T1",)
    text = "\n".join(str(e) for e in rs.errors)
    assert "7f3a" not in text and str(elsewhere) not in text
    skipped = [e for e in rs.errors if "outside its folder" in str(e)]
    assert sorted(e.problems[0].where for e in skipped) == [
        f"{folder / 'evil.yaml'}:1", f"{folder / 'relative.yaml'}:1"]
    assert any("duplicate report id 'T1'" in str(e) for e in rs.errors)  # alias.yml, read
    assert load_reports(paths=[secret.parent / "T2.yaml"], today=TODAY).ids == ("T2",)


def test_load_reports_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FrontlineError, match="does not exist"):
        load_reports(paths=[tmp_path / "nope.yaml"])


def test_builtin_reports_load() -> None:
    rs = load_reports()
    assert rs.ok, [str(e) for e in rs.errors]
    assert rs.ids == ("R1", "R2", "R3", "R4", "R5")
    r1, r5 = rs.get("R1"), rs.get("R5")
    assert r1.date == dt.date(2024, 11, 23) and r1.date_precision == "day"
    assert r5.date_text == "2025-10" and r5.date_precision == "month"
    c4 = r1.claim("R1-c4")
    assert (c4.kind, c4.units, c4.figure, c4.qualifier) == ("control_share", ("UA-14",), 80,
                                                            "more_than")
    assert r1.claim("R1-c2").qualifier_as_written == "roughly"
    assert r1.claim("R1-c3").units == ("UA-43", "UA-40")
    kursk = r1.claim("R1-c9")
    assert (kursk.kind, kursk.actor, kursk.units, kursk.figure, kursk.figure_unit) == (
        "held_by_other_side", "ukraine", ("RU-KRS",), 650, "km2")
    npp = rs.get("R2").claim("R2-c1").facility
    assert npp is not None and (npp.lon, npp.lat) == (34.585, 47.512)
    w = r5.claim("R5-c3")
    assert (w.kind, w.target, w.figure, w.qualifier) == ("withdraw_share", "ukraine", 20,
                                                         "exact")
    totals = {(c.kind, c.figure, c.qualifier) for c in r5.claims if c.scope == "country"
              and c.figure is not None}
    assert totals == {("controlled_area", 116_000, "more_than"),
                      ("control_share", 19, "more_than")}
    ids = [c.id for r in rs for c in r.claims]
    assert len(ids) == len(set(ids))
    with pytest.raises(FrontlineError, match="R1-c1"):
        r1.claim("R1-c99")


def test_builtin_files_match_schema_directly() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert load_schema() == schema
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(REPORTS_DIR.glob("*.yaml"))
    assert [f.stem for f in files] == ["R1", "R2", "R3", "R4", "R5"]
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        data["date"] = str(data["date"])
        assert not list(validator.iter_errors(data)), f.name


_BUILT_IN = sorted((Path(__file__).resolve().parent.parent / "data" / "reports").glob("*.yaml"))


@pytest.mark.parametrize("path", _BUILT_IN, ids=lambda p: p.name)
def test_libyaml_and_python_parsers_read_a_report_alike(path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.reports import yamltree

    text = path.read_text(encoding="utf-8")
    broken = text.replace("claims:", "claims: [", 1)  # a syntax error, with its line
    assert yamltree._shallow(text)
    fast = [yamltree.parse_yaml(t, "f") for t in (text, broken, text + "\nid: again\n")]
    monkeypatch.setattr(yamltree, "_shallow", lambda _t: False)  # the pure-Python loader
    slow = [yamltree.parse_yaml(t, "f") for t in (text, broken, text + "\nid: again\n")]
    for (d1, l1, p1), (d2, l2, p2) in zip(fast, slow, strict=True):
        assert d1 == d2 and l1.lines == l2.lines
        assert [(p.where, p.field) for p in p1] == [(p.where, p.field) for p in p2]
    assert fast[0][2] == [] and fast[1][2] and "duplicate key 'id'" in str(fast[2][2])


def test_a_share_of_units_together_loads_with_its_scope() -> None:
    text = edit("units: [UA-14]", "units: [UA-09, UA-14]\n    scope: combined", GOOD)
    report = parse_report_text(text, where="good.yaml", today=TODAY)
    assert (report.claims[0].units, report.claims[0].scope) == (("UA-09", "UA-14"), "combined")


def test_the_schema_s_qualifiers_are_the_interval_rules_qualifiers() -> None:
    # a qualifier geo.intervals reads ("some", a part of unstated size) is one a report
    # file may give, and no other
    from geo.intervals import QUALIFIER_ALIASES, QUALIFIERS

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    found = [node["properties"]["qualifier"]["enum"] for node in _walk(schema)
             if isinstance(node.get("properties"), dict)
             and "enum" in node["properties"].get("qualifier", {})]
    assert found and all(set(e) == set(QUALIFIERS) | set(QUALIFIER_ALIASES) for e in found)


def _walk(node: object) -> list[dict]:  # type: ignore[type-arg]
    if isinstance(node, dict):
        return [node, *(n for v in node.values() for n in _walk(v))]
    if isinstance(node, list):
        return [n for v in node for n in _walk(v)]
    return []



def test_a_report_may_say_nearly_all() -> None:
    """"nearly all of Luhansk" (qualifier nearly_all, or its alias almost_all) loads as
    [90, 100] %; with a figure it is refused, naming the field."""
    figureless = edit("    figure: 80\n    figure_unit: percent\n", "")
    for q in ("nearly_all", "almost_all"):
        report = parse_report_text(edit("qualifier: more_than", f"qualifier: {q}", figureless),
                                   where="good.yaml", today=TODAY)
        iv = report.claims[0].interval
        assert iv is not None and (iv.low, iv.high, iv.qualifier) == (90, 100, "nearly_all")
    with pytest.raises(ValueError, match=r"figure.*takes no figure"):
        parse_report_text(edit("qualifier: more_than", "qualifier: nearly_all"),
                          where="good.yaml", today=TODAY)
