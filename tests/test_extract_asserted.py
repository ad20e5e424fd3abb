"""What the text does not assert (geo.extract.asserted): denials, questions, myths and
claims under check, claims called false, hypotheticals, a poll's answers -- passages of
my own, and the claims of the same sentences that stay."""

from __future__ import annotations

import pytest

from geo.extract import extract_claims


def _got(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, c.regions, c.value) for c in extract_claims(text)
            if c.kind != "pace"]


@pytest.mark.parametrize("text", [
    "Ukraine's General Staff on Thursday denied that Russian troops control half of the "
    "Dnipropetrovsk region.",
    "A spokesman dismissed a blogger's assertion that 90% of Zaporizhzhia is under Russian "
    "control.",
    "A reader asks whether Russia holds half of Kharkiv region, as a widely shared video said.",
    'MYTH: "Russia already controls all of Donetsk region."',
    'CLAIM 1: "Russia now controls half of the Kharkiv region."',
    "Under this scenario Russian-held territory would rise to roughly 20.4% of Ukraine.",
    "Asked whether Ukraine should ever recognise Crimea as Russian, 81% said no.",
    "A video shared two million times claims Russia controls 40% of Ukraine. This is false.",
])
def test_what_the_text_does_not_assert_is_no_claim(text: str) -> None:
    assert _got(text) == []


def test_what_comes_before_a_denial_or_after_its_clause_stays() -> None:
    # before the denial
    assert _got("Russia holds about 80% of Donetsk, but Kyiv denied that it controls half "
                "of Kharkiv.") == [("control_share", "RU", ("UA-14",), 80.0)]
    # a line ends the denial's reach (a wire flash's slugs on one line)
    assert ("control_share", "UA", ("UA-14",), 25.0) in _got(
        "ZELENSKIY REJECTS RUSSIAN DEMAND | ZELENSKIY SAYS UKRAINE HOLDS AROUND A QUARTER "
        "OF DONETSK REGION")
    # a demand a side rejects is still the other side's demand
    assert _got("Kyiv rejected Moscow's demand that Ukraine withdraw from Donetsk.") == [
        ("demand_withdraw", "RU", ("UA-14",), None)]
    # someone's claim not called false stays
    assert _got("Russia claims it controls 99% of Luhansk. Kyiv calls that an "
                "exaggeration.") == [("control_share", "RU", ("UA-09",), 99.0)]


def test_a_past_peak_is_kept_as_a_note_never_checked_as_current() -> None:
    from geo.extract import draft_report

    text = ("KYIV, 14 January 2025 — Ukrainian units still hold roughly 500 square "
            "kilometres of Russia's Kursk region. At the height of the incursion last "
            "August, Ukraine held about 1,300 sq km of the region, the General Staff said.")
    claims = extract_claims(text)
    assert [(c.value, c.status) for c in claims] == [(500.0, None), (1300.0, "past")]
    report = draft_report(claims, report_id="A9", title="t", outlet="o", date="2025-01-14")
    kinds = [c["kind"] for c in report["claims"]]
    assert len(kinds) == 2 and kinds[1] == "note"
    assert report["claims"][1]["paraphrase"].startswith("A past figure")
