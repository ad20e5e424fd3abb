"""Tests for geo.extract.status: units declared Russian, read as Russia's demand to cede."""

from __future__ import annotations

import pytest

from geo.extract import extract_claims


def _demands(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, tuple(sorted(c.regions)), c.qualifier)
            for c in extract_claims(text) if c.kind.startswith("demand")]


FOUR = ("UA-09", "UA-14", "UA-23", "UA-65")


@pytest.mark.parametrize(("text", "regions"), [
    # writers 31, 32, 47
    ('"Lugansk, Donetsk, Zaporozhye, Kherson – these are Russian regions, fixed in our '
     'Constitution."', FOUR),
    ('"Crimea, Sevastopol, the DPR, the LPR and the Zaporizhzhia and Kherson regions are '
     'Russia, and this is not up for discussion."', ("UA-40", "UA-43", *FOUR)),
    ('"The Zaporozhye and Kherson regions are constituent entities of the Russian '
     'Federation."', ("UA-23", "UA-65")),
])
def test_units_declared_russian_are_russias_demand_to_cede_them(
        text: str, regions: tuple[str, ...]) -> None:
    assert _demands(text) == [("demand_cede", "RU", tuple(sorted(regions)), "all")]


@pytest.mark.parametrize("text", [
    "Crimea is not Russia.",
    "Donetsk and Luhansk were Russian regions in 1920.",
    "Zelensky said Donetsk and Luhansk are Ukrainian and will remain so.",
])
def test_no_declaration_when_denied_past_or_ukrainian(text: str) -> None:
    assert _demands(text) == []


def test_a_declaration_beside_a_demand_for_the_same_units_is_that_demands_reason() -> None:
    # writers 84, 29: said with a withdrawal demand, it is no second demand
    got = _demands('"The Zaporozhye and Kherson regions are constituent entities of the Russian'
                   ' Federation, enshrined in our Constitution. The Kiev regime\'s troops must '
                   'leave these regions."')
    assert got == [("demand_withdraw", "RU", ("UA-23", "UA-65"), "all")]
