"""A figure-less part whose size the words leave open (``some``) or state as small
(``part``): read from my own sentences, drafted, and checked against a generated history
whose truth is known."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract import draft_report, draft_yaml, extract_claims
from geo.extract.extent import annotated_qualifier
from geo.extract.inputs import Article
from geo.history import read_history
from geo.ledger import ingest, ledger
from geo.reports import parse_report_text
from geo.synthetic import write_days


def _parts(text: str) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(c.actor, c.regions, c.qualifier) for c in extract_claims(text)
            if c.kind == "control_share" and c.value is None]


@pytest.mark.parametrize(("text", "want"), [
    # named, not sized: "the occupied part", "X-held parts", "the part of X that ... holds"
    ("The new rail link runs through the occupied part of the Kherson region.",
     [("RU", ("UA-65",), "some")]),
    ("About 3,000 residents in Ukrainian-held parts of Luhansk were moved west in May.",
     [("UA", ("UA-09",), "some")]),
    ("Shelling of towns in the part of Zaporizhzhia that Ukraine still holds went on.",
     [("UA", ("UA-23",), "some")]),
    ("Schools reopened in Russian-controlled parts of Zaporizhzhia and Kherson this week.",
     [("RU", ("UA-23", "UA-65"), "some")]),
    # sized, or a verb of holding with its subject: a smaller part, as before
    ("Russia holds a small part of the Kharkiv region near the border.",
     [("RU", ("UA-63",), "part")]),
    ("Russian troops hold a few villages in the Sumy region.",
     [("RU", ("UA-59",), "part")]),
    ("Russia occupies parts of Kharkiv region along the border.",
     [("RU", ("UA-63",), "part")]),
])
def test_a_part_named_but_not_sized_is_some(text: str, want: list[tuple]) -> None:  # type: ignore[type-arg]
    assert _parts(text) == want


def test_a_verb_of_holding_before_part_is_no_name_for_it() -> None:
    # "Russian troops occupied parts of ...": what they did, not "the occupied parts"
    got = [c for c in extract_claims("Russian troops occupied parts of the Chernihiv region "
                                     "in 2022 before they withdrew.") if c.value is None]
    assert got and all(c.qualifier == "part" for c in got)


def test_some_is_a_part_of_any_size_and_the_convention_s_part() -> None:
    (c,) = [c for c in extract_claims("Trains run through the occupied part of the Kherson "
                                      "region.") if c.kind == "control_share"]
    assert (c.qualifier, c.low, c.high) == ("some", 0.5, 99.5)
    assert annotated_qualifier(c.qualifier) == "part" and annotated_qualifier("all") == "all"
    # drafted, it is the report format's "some", read by the loader as [0.5, 99.5] %
    report = parse_report_text(draft_yaml(draft_report(
        [c], report_id="A7", title="T", outlet="O", date=dt.date(2025, 5, 1))))
    (claim,) = report.claims
    assert claim.qualifier == "some"
    assert claim.interval is not None
    assert (claim.interval.low, claim.interval.high) == (0.5, 99.5)


def test_the_ledger_checks_a_part_of_unstated_size_only_for_ground_held(
        tmp_path_factory: pytest.TempPathFactory, daily_layers: list, units) -> None:  # type: ignore[no-untyped-def,type-arg]
    d = tmp_path_factory.mktemp("hist")
    write_days(d, daily_layers)
    history = read_history(d, cache=False)
    day = history.days[len(history.days) // 2].date
    when = f"{day:%B} {day.day}, {day.year}"
    articles = [
        Article("wire/some.txt", f"KYIV, {when} (Wire) — Power cuts hit towns in the occupied "
                "part of the Donetsk region, officials said.", "text"),
        Article("wire/small.txt", f"KYIV, {when} (Wire) — Russian troops hold a sliver of the "
                "Donetsk region, officials said.", "text"),
    ]
    rows = ledger(ingest(articles, today=dt.date(2026, 1, 10)), units,
                  history=history).set_index("article")
    held = float(rows.loc["wire/some.txt", "measured_pct"])
    assert 15 < held < 99.5  # the generated front holds about two thirds of Donetsk
    # "the occupied part": Russia holds ground there, of a size the words leave open
    assert rows.loc["wire/some.txt", "verdict"] == "consistent"
    assert rows.loc["wire/some.txt", "off_by_points"] == 0
    # "a sliver": a smaller part, at most 15 %, so the same ground is more than it said
    assert rows.loc["wire/small.txt", "verdict"] == "understated"
    assert rows.loc["wire/small.txt", "off_by_points"] == pytest.approx(held - 15, abs=1e-6)


@pytest.mark.parametrize(("text", "want"), [
    ("Russia holds nearly all of Luhansk and all of Crimea.",
     [(("UA-09",), "nearly_all"), (("UA-43", "UA-40"), "all")]),
    ("Luhansk is almost entirely occupied.", [(("UA-09",), "nearly_all")]),
    ("Russian forces control virtually the entire Luhansk region.", [(("UA-09",), "nearly_all")]),
    ("| Region | Russian-held |\n|---|---|\n| Luhansk | practically all |\n| Crimea | all |",
     [(("UA-09",), "nearly_all"), (("UA-43", "UA-40"), "all")]),
    # "almost" of something else, or before another place's "all"
    ("Almost a year on, Russia holds all of Luhansk.", [(("UA-09",), "all")]),
])
def test_almost_all_is_nearly_all(text: str, want: list[tuple]) -> None:  # type: ignore[type-arg]
    got = [c for c in extract_claims(text) if c.kind == "control_share"]
    assert [(c.regions, c.qualifier) for c in got] == want
    for c in got:
        if c.qualifier == "nearly_all":
            assert (c.low, c.high) == (90.0, 100.0)
            assert not any("read as all" in r for r in c.review)
            assert any("read as nearly all (90-100 %)" in r for r in c.review)
            assert annotated_qualifier(c.qualifier) == "all"  # as the convention records it


def test_the_ledger_leaves_nearly_all_a_little_short_of_all(
        tmp_path_factory: pytest.TempPathFactory, daily_layers: list, units) -> None:  # type: ignore[no-untyped-def,type-arg]
    d = tmp_path_factory.mktemp("hist_nearly")
    write_days(d, daily_layers)
    history = read_history(d, cache=False)
    day = history.days[len(history.days) // 2].date
    when = f"{day:%B} {day.day}, {day.year}"
    articles = [Article(f"wire/{name}.txt", f"KYIV, {when} (Wire) — Russian troops hold {words} "
                        f"of the {place} region, officials said.", "text")
                for name, words, place in (("nearly", "nearly all", "Luhansk"),
                                           ("all", "all", "Luhansk"),
                                           ("donetsk", "almost all", "Donetsk"))]
    rows = ledger(ingest(articles, today=dt.date(2026, 1, 10)), units,
                  history=history).set_index("article")
    luhansk = float(rows.loc["wire/all.txt", "measured_pct"])
    donetsk = float(rows.loc["wire/donetsk.txt", "measured_pct"])
    assert 99 < luhansk < 100 and 50 < donetsk < 80  # the generated front
    # "all of Luhansk" is more than the map shows; "nearly all" is what it shows
    assert rows.loc["wire/all.txt", "verdict"] == "overstated"
    assert rows.loc["wire/all.txt", "off_by_points"] == pytest.approx(100 - luhansk, abs=1e-6)
    assert rows.loc["wire/nearly.txt", "verdict"] == "consistent"
    # "almost all of Donetsk" is at least 90 %: overstated by the rest
    assert rows.loc["wire/donetsk.txt", "verdict"] == "overstated"
    assert rows.loc["wire/donetsk.txt", "off_by_points"] == pytest.approx(90 - donetsk, abs=1e-6)
