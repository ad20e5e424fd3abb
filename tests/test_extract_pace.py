"""Pace claims found in news text (geo.extract.pace), their traps, and the drafts that
carry them. Expected periods are worked out by hand from the datelines."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract import draft_report, draft_yaml, extract_claims
from geo.extract.pace import pace_claims, with_pace
from geo.reports import parse_report_text

TODAY = dt.date(2026, 1, 1)
DATELINE = "KYIV, Nov 3, 2025 (Agency) — "  # a Monday


def _one(text: str, *, dateline: bool = True) -> tuple[object, ...] | None:
    """(actor, regions, value, qualifier, period, measure, per) of the one pace claim."""
    found = pace_claims((DATELINE if dateline else "") + text, today=TODAY)
    assert len(found) <= 1, found
    if not found:
        return None
    c = found[0]
    return (c.actor, c.regions, c.value, c.qualifier, c.period, c.measure, c.per)


OCTOBER = ("2025-10-01", "2025-10-31")


@pytest.mark.parametrize(("text", "want"), [
    ("Russian forces captured about 500 km² in October, the agency said.",
     ("RU", ("UA",), 500.0, "around", OCTOBER, "gained", "period")),
    ("Russia gained 1,200 square kilometres in Donetsk last month, analysts said.",
     ("RU", ("UA-14",), 1200.0, "exact", OCTOBER, "gained", "period")),
    ("Russian troops have been advancing roughly 15 km² a day in the Donetsk region "
     "since the start of October.",  # a rate over October, to the day before the dateline
     ("RU", ("UA-14",), 15.0, "around", OCTOBER, "gained", "day")),
    ("Ukraine lost 300 km² in the past week, the general staff said.",
     ("UA", ("UA",), 300.0, "exact", ("2025-10-27", "2025-11-02"), "lost", "period")),
    ("Ukraine lost 300 km² last week, the general staff said.",  # Monday to Sunday
     ("UA", ("UA",), 300.0, "exact", ("2025-10-27", "2025-11-02"), "lost", "period")),
    ("Russian troops advanced an average of 20 square kilometres per day in October.",
     ("RU", ("UA",), 20.0, "exact", OCTOBER, "gained", "day")),
    ("Ukrainian forces recaptured 50 km² near Kupiansk in the Kharkiv region last month.",
     ("UA", ("UA-63",), 50.0, "exact", OCTOBER, "gained", "period")),
    ("Russia made a net gain of more than 120 km² in Zaporizhzhia over the past 10 days.",
     ("RU", ("UA-23",), 120.0, "over", ("2025-10-24", "2025-11-02"), "net", "period")),
    ("Russia has seized more than 4,000 square kilometres of Ukrainian territory so far "
     "this year.",  # the year up to the day before the dateline
     ("RU", ("UA",), 4000.0, "over", ("2025-01-01", "2025-11-02"), "gained", "period")),
    ("Russia took 4,168 sq km of Ukrainian land in 2024, according to DeepState.",
     ("RU", ("UA",), 4168.0, "exact", ("2024-01-01", "2024-12-31"), "gained", "period")),
    ("Russian forces captured about 500 km² in December.",  # the December before
     ("RU", ("UA",), 500.0, "around", ("2024-12-01", "2024-12-31"), "gained", "period")),
    ("Russian forces have captured 150 km² so far this month.",
     ("RU", ("UA",), 150.0, "exact", ("2025-11-01", "2025-11-02"), "gained", "period")),
    ("In October, Russia captured 500 km² of the Donetsk region, up from 400 km² in "
     "September.",  # the earlier figure is no claim
     ("RU", ("UA-14",), 500.0, "exact", OCTOBER, "gained", "period")),
])
def test_pace_sentences_with_a_dateline(text: str, want: tuple[object, ...]) -> None:
    assert _one(text) == want


@pytest.mark.parametrize("text", [
    "Russian forces captured 500 prisoners in October, the agency said.",
    "Russia gained 500 metres near Pokrovsk in October, the agency said.",
    "In October 2022 Russia held 27% of Ukraine, the agency said.",
    "Russia had taken about 110,000 km² by October 2025, the agency said.",
    "Russia occupies 114,000 km² as of October 2025, the agency said.",
    "Russia has captured about 116,000 km² since 2014, the agency said.",
    "Russia holds about 116,000 km² of Ukraine, the agency said in October.",
    "The United States gained 500 km² of goodwill in October, the agency said.",
    "Russian forces captured about 500 km², the agency said.",  # no period: a total
])
def test_traps_make_no_pace_claim(text: str) -> None:
    assert _one(text) is None


def test_without_a_dateline_only_an_explicit_month_or_year_makes_a_claim() -> None:
    assert _one("Russian forces captured about 500 km² in October, analysts say.",
                dateline=False) is None
    assert _one("Russia gained 1,200 square kilometres in Donetsk last month, analysts say.",
                dateline=False) is None
    assert _one("Ukraine lost 300 km² in the past week, the general staff said.",
                dateline=False) is None
    assert _one("Russian troops are advancing roughly 15 km² a day, the analysts say.",
                dateline=False) is None
    assert _one("Russian forces captured about 500 km² in October 2025, analysts say.",
                dateline=False) == ("RU", ("UA",), 500.0, "around", OCTOBER, "gained",
                                    "period")
    # a rate with no period is read over the 30 days before the dateline, and says so
    found = pace_claims(DATELINE + "Russian troops are advancing roughly 15 km² a day, "
                                   "the analysts say.", today=TODAY)
    assert found[0].period == ("2025-10-04", "2025-11-02") and found[0].per == "day"
    assert any("30 days before the dateline" in r for r in found[0].review)


def test_reviews_say_how_the_period_and_place_were_read() -> None:
    c, = pace_claims(DATELINE + "Russian forces captured about 500 km² in October, the "
                                "agency said.", today=TODAY)
    assert any("'in October' read as 2025-10" in r for r in c.review)
    assert any("no place named: read as the whole of Ukraine" in r for r in c.review)
    text = DATELINE + "Fighting raged in Donetsk. Russia took 90 km² in the region last month."
    c, = pace_claims(text, today=TODAY)
    assert c.regions == ("UA-14",)
    assert any("'the region' read as" in r for r in c.review)
    assert text[c.span[0]:c.span[1]] == "took 90 km² in the region last month"


ARTICLE = DATELINE + """Russian forces captured about 500 km² in October, the agency said.

Russia has seized more than 4,000 square kilometres of Ukrainian territory so far this year. \
Russia now controls about 19% of the country, including more than 80% of Donetsk.

In October 2022 Russia held 27% of Ukraine."""


def test_extract_claims_carries_pace_claims_in_text_order() -> None:
    got = extract_claims(ARTICLE)
    assert [(c.kind, c.value) for c in got] == [
        ("pace", 500.0), ("pace", 4000.0), ("control_share", 19.0), ("control_share", 80.0),
        ("control_share", 27.0)]
    # the figure over a period is not read as ground held as well
    assert not [c for c in got if c.kind == "control_area"]
    assert with_pace("no pace here at all, the agency said.", got[2:]) == got[2:]


def test_drafts_carry_pace_claims_as_report_claims() -> None:
    claims = extract_claims(ARTICLE + "\nRussia gained 1,000 km² in Donbas in October.")
    text = draft_yaml(draft_report(claims, report_id="A1", title="t", outlet="o",
                                   date=dt.date(2025, 11, 3)))
    r = parse_report_text(text, today=TODAY)
    pace = [c for c in r.claims if c.kind == "pace"]
    assert [(c.actor, c.scope, c.figure, c.qualifier, c.measure, c.per, c.period_start,
             c.period_end) for c in pace] == [
        ("russia", "country", 500.0, "about", "gained", "period", dt.date(2025, 10, 1),
         dt.date(2025, 10, 31)),
        ("russia", "country", 4000.0, "more_than", "gained", "period", dt.date(2025, 1, 1),
         dt.date(2025, 11, 2))]
    assert pace[0].paraphrase.startswith("Russia gained about 500 km² nationwide, "
                                         "2025-10-01 to 2025-10-31.")
    assert pace[0].review is not None and "'in October' read as 2025-10" in pace[0].review
    # over two units a pace figure cannot be checked: kept as a note
    donbas = r.claims[-1]
    assert donbas.kind == "note" and donbas.units == ("UA-14", "UA-09")
    assert "not checkable per unit" in donbas.paraphrase
    # a draft dated before a period's end (a page date): the period ends on it
    r = parse_report_text(draft_yaml(draft_report(claims, report_id="A2", title="t",
                                                  outlet="o", date="2025-10-20")),
                          today=TODAY)
    first = r.claims[0]
    assert (first.kind, first.period_end) == ("pace", dt.date(2025, 10, 20))
    assert first.review is not None and "cut to end on the report's date" in first.review
    r = parse_report_text(draft_yaml(draft_report(claims, report_id="A3", title="t",
                                                  outlet="o", date="2024-06")), today=TODAY)
    assert r.claims[0].kind == "note" and "after the report's date" in r.claims[0].paraphrase


def test_a_gain_larger_than_the_place_named_after_it_is_the_country_s() -> None:
    # writer 86's article, ingested against the DeepState archive: 74,000 km² "including all
    # of Kyiv, Chernihiv and Sumy oblasts" was read as Chernihiv's, and the loader refused
    # the whole draft (more than Chernihiv's 31,865 km²)
    from geo.extract import extract_claims

    (c,) = [c for c in extract_claims(
        "KYIV, 24 February 2023. Since February 2022, the Defence Forces have liberated more "
        "than 74,000 km², including all of Kyiv, Chernihiv and Sumy oblasts in spring 2022, "
        "most of Kharkiv oblast in September.")
        if c.kind == "pace"]
    assert (c.actor, c.regions, c.value) == ("UA", ("UA",), 74000.0)
