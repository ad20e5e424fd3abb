"""The extracted claim's record and a claim built from a person's edited fields: every
problem named at once, the interval computed again (:mod:`geo.intervals`' table: "about x"
is [0.95x, 1.05x], "more than x" is [x, 1.10x])."""

from __future__ import annotations

import pytest

from geo.errors import FrontlineError
from geo.extract.model import CANONICAL, KINDS, ExtractedClaim, claim_from_fields


def test_edited_fields_are_checked_all_at_once() -> None:
    with pytest.raises(FrontlineError) as err:
        claim_from_fields(kind="control_shar", actor="XX", regions="UA-99", value=-1,
                          unit="miles", qualifier="lots", where="row 3")
    msg = str(err.value)
    for part in ("row 3", "kind:", "actor:", "regions:", "qualifier:", "unit:", "value:"):
        assert part in msg
    c = claim_from_fields(kind="control_share", actor="RU", regions="UA-14, ua-09",
                          value=70, unit="percent", qualifier="around")
    assert c.regions == ("UA-14", "UA-09") and (c.low, c.high) == (66.5, 73.5)


def test_a_claim_record_is_json_ready_and_names_its_one_region() -> None:
    one = claim_from_fields(kind="control_area", actor="UA", regions=["RU-KRS"], value=500,
                            unit="km2", qualifier="over")
    assert one.region == "RU-KRS" and (one.low, one.high) == (500.0, 550.0)
    record = one.as_dict()
    assert record["regions"] == ["RU-KRS"] and record["unit"] == "km2"
    assert isinstance(record["span"], list) and record["status"] is None
    two = claim_from_fields(kind="demand_cede", actor="RU", regions="UA-14,UA-09",
                            value=None, unit=None, qualifier="all")
    assert two.region is None and two.unit is None
    # every kind the rules make can be saved; every qualifier has a report-format name
    assert set(KINDS) >= {c.kind for c in (one, two)}
    assert set(CANONICAL) == {"over", "under", "around", "exact", "all", "part",
                              "large_part", "some", "nearly_all"}
    assert isinstance(one, ExtractedClaim)


def test_an_unknown_region_names_the_codes_that_are_valid() -> None:
    with pytest.raises(FrontlineError, match=r"regions: expected ISO 3166-2 codes.*UA-99"):
        claim_from_fields(kind="control_share", actor="RU", regions="UA-14, UA-99",
                          value=10, unit="percent", qualifier="exact")



def test_a_demand_in_km2_is_refused_with_the_fix() -> None:
    # a demand or offer is a share of its regions (the report format's cede_units,
    # withdraw_share): an area would make a draft the report loader refuses
    with pytest.raises(FrontlineError, match=r"unit: a demand_cede is a share.*'all'"):
        claim_from_fields(kind="demand_cede", actor="RU", regions="UA-14", value=6600,
                          unit="km2", qualifier="around")
    whole = claim_from_fields(kind="demand_cede", actor="RU", regions="UA-14", value=None,
                              unit=None, qualifier="all")
    assert (whole.low, whole.high) == (100.0, 100.0)


def test_a_demand_s_figure_is_the_share_held_there_and_survives_an_edit() -> None:
    import datetime as dt

    from geo.extract import draft_report, extract_claims

    text = ("The Kremlin demands that Ukraine withdraw from the 20% of the Donetsk region it "
            "still holds.")
    demand = extract_claims(text)[0]
    # as docs/claim-annotation.md records it: all of it, the share kept apart
    assert (demand.value, demand.qualifier, demand.held) == (None, "all", (20.0, "exact"))
    assert demand.as_dict()["held"] == {"value": 20.0, "unit": "percent", "qualifier": "exact"}
    # the review table shows the share as the value; saved again, it is the share held
    edited = claim_from_fields(kind="demand_withdraw", actor="RU", regions="UA-14",
                               value=20.0, unit="percent", qualifier="exact", target="UA")
    assert (edited.value, edited.qualifier, edited.held) == (None, "all", (20.0, "exact"))
    # the report's withdraw_share keeps the figure
    claims = draft_report([demand], report_id="A9", title="t", outlet="o",
                          date=dt.date(2025, 8, 1))["claims"]
    assert (claims[0]["kind"], claims[0]["figure"], claims[0]["qualifier"]) == (
        "withdraw_share", 20.0, "exact")


def test_regions_joined_by_plus_are_a_share_of_them_together() -> None:
    c = claim_from_fields(kind="control_share", actor="RU", regions="UA-09+UA-14", value=80.0,
                          unit="percent", qualifier="around")
    assert (c.regions, c.combined, c.as_dict()["combined"]) == (("UA-09", "UA-14"), True, True)
    assert not claim_from_fields(kind="control_share", actor="RU", regions="UA-09,UA-14",
                                 value=80.0, unit="percent", qualifier="around").combined
    with pytest.raises(FrontlineError, match=r"row 3: regions: units joined by \+ .*separate them"):
        claim_from_fields(kind="demand_cede", actor="RU", regions="UA-09+UA-14", value=None,
                          unit=None, qualifier="all", where="row 3")
