"""The claims of one sentence: demands before control, clauses with their own holders,
a clause without a place taking the ground of the one before."""

from __future__ import annotations

from geo.extract import extract_claims
from geo.extract.parts import LAST_UNIT
from geo.extract.sentence import sentence_claims
from geo.extract.text import Sentence


def _claims(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, tuple(sorted(c.regions)), None if c.value is None
             else round(c.value, 1), c.unit, c.qualifier) for c in extract_claims(text)]


def test_the_kursk_clause_has_its_own_holder() -> None:
    text = ("Moscow holds two-thirds of Zaporizhzhia, while Ukrainian troops still occupy "
            "some 500 km² of Russia's Kursk region.")
    assert _claims(text) == [
        ("control_share", "RU", ("UA-23",), 66.7, "percent", "exact"),
        ("control_area", "UA", ("RU-KRS",), 500.0, "km2", "around"),
    ]


def test_a_clause_without_a_place_takes_the_ground_of_the_one_before() -> None:
    token = LAST_UNIT.set(("UA-23",))  # "the region": Zaporizhzhia, named earlier
    try:
        got = sentence_claims(Sentence("Ukrainian forces control 25% of the region, and "
                                       "Russia about 75%.", 0))
    finally:
        LAST_UNIT.reset(token)
    assert [(c.actor, c.regions, c.value, c.qualifier) for c in got] == [
        ("UA", ("UA-23",), 25.0, "exact"), ("RU", ("UA-23",), 75.0, "around")]
    assert any("no place in this clause" in r for r in got[1].review)


def test_a_demand_is_not_read_as_control_and_a_refusal_makes_nothing() -> None:
    # the demand's ground is not also a control claim of the demanding side
    assert _claims("Russia demands that Ukraine withdraw from all of Donetsk.") == [
        ("demand_withdraw", "RU", ("UA-14",), None, None, "all")]
    # "will never withdraw from it": no demand; the control statement stands on its own
    assert _claims("We hold a quarter of Donetsk and will never withdraw from it, "
                   "Ukraine's commander said.") == [
        ("control_share", "UA", ("UA-14",), 25.0, "percent", "exact")]
    # no cue word at all: nothing, whatever the figures and places
    assert sentence_claims(Sentence("Donetsk lost 40% of its power supply.", 0)) == []


def test_figures_listed_respectively_pair_in_order() -> None:
    from geo.extract import extract_claims

    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(text)]

    # with the places (the hedge before the first figure is the second's too) ...
    assert got("Russia controlled virtually all of Luhansk Oblast, an estimated 77% of "
               "Donetsk Oblast, and roughly 73% and 72% of Zaporizhzhia and Kherson oblasts "
               "respectively.") == [("RU", ("UA-14",), 77.0, "around"),
                                    ("RU", ("UA-09",), None, "nearly_all"),
                                    ("RU", ("UA-23",), 73.0, "around"),
                                    ("RU", ("UA-65",), 72.0, "around")]
    # ... and with the sides
    assert got("Russia and Ukraine hold about 80% and 20% of Donetsk respectively.") == [
        ("RU", ("UA-14",), 80.0, "around"), ("UA", ("UA-14",), 20.0, "around")]
    # without "respectively" two figures for two places stay one statement each
    assert len(got("Russian forces hold 74% and 73% of Zaporizhzhia and Kherson.")) == 2


def test_a_share_named_by_its_holder_then_given() -> None:
    from geo.extract import extract_claims

    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.actor, c.regions, c.value, c.qualifier, c.status) for c in
                extract_claims(text)]

    assert got("Now the occupied share is about 18%, and Moscow's flag flies over "
               "Mariupol.") == [("RU", ("UA",), 18.0, "around", None)]
    assert got("Across Ukraine as a whole, Ostmark puts the Russian-held share at 19.3 per "
               "cent, Crimea included.") == [("RU", ("UA",), 19.3, "exact", None)]
    assert got("In Zaporizhzhia and Kherson oblasts, Russian control stands at roughly 73% "
               "and 72% respectively.") == [("RU", ("UA-23",), 73.0, "around", None),
                                            ("RU", ("UA-65",), 72.0, "around", None)]
    assert got("By the institute's estimate, Russia's share is about 4% in Kharkiv, under 1% "
               "in Sumy and roughly 0.5% in Dnipropetrovsk.") == [
        ("RU", ("UA-63",), 4.0, "around", None), ("RU", ("UA-59",), 1.0, "under", None),
        ("RU", ("UA-12",), 0.5, "around", None)]
    # a share of something that is no ground; a past share, after a bullet
    assert got("Ukraine's share of world grain exports is 10%.") == []
    assert got("- A year earlier, the occupied share stood at 18.6 percent.") == [
        ("RU", ("UA",), 18.6, "exact", "past")]
    # rising "up to" a figure is no hedge
    assert got("Russia's share of Ukraine ticked up to 19.6% this week.")[0][2:4] == (
        19.6, "exact")


def test_our_land_is_ukraine_and_we_are_its_side() -> None:
    from geo.extract import extract_claims

    got = extract_claims("The occupier holds approximately 19% of our land.")
    assert [(c.actor, c.regions, c.value) for c in got] == [("RU", ("UA",), 19.0)]
    got = extract_claims('"Today we control a little over 80 percent of our country."')
    assert [(c.actor, c.regions, c.qualifier) for c in got] == [("UA", ("UA",), "over")]
    assert "'of our country' names Ukraine" in got[0].review[0]


def test_the_left_bank_is_no_withdrawal_and_clauses_keep_their_holders() -> None:
    from geo.extract import extract_claims

    got = extract_claims("Ukraine holds the right bank of the Kherson region, while Russian "
                         "troops occupy the left bank — about 73% of the region.")
    # (the right bank of a region is part of it: Ukraine's)
    assert [(c.actor, c.regions, c.value, c.qualifier) for c in got] == [
        ("UA", ("UA-65",), None, "part"), ("RU", ("UA-65",), 73.0, "around")]
    # "at that point" after a past event: a past figure, a note
    got = extract_claims("Russian troops withdrew from the Kyiv region in early April 2022. "
                         "At that point Moscow's forces had held as much as 27 per cent of "
                         "Ukraine.")
    assert [(c.value, c.status) for c in got] == [(27.0, "past")]
    # "a 10-kilometre strip along the border in" a region: part of it
    got = extract_claims("Russian negotiators demanded that Ukraine pull its troops back from "
                         "a 10-kilometre strip along the border in the Sumy region.")
    assert [(c.kind, c.regions, c.qualifier) for c in got] == [
        ("demand_withdraw", ("UA-59",), "part")]


def test_an_area_named_by_its_holder_and_then_given() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.value) for c in extract_claims(text)]

    assert read("Analysts put the Russian-held area at roughly 108,000 sq km, or about "
                "42,000 square miles.") == [("control_area", "RU", ("UA",), 108000.0)]
    assert read("The Russian-occupied territory is about 116,000 km².") == [
        ("control_area", "RU", ("UA",), 116000.0)]
    # Russia's own territory is no holding
    assert read("Russian territory is some 17,100,000 km².") == []


def test_a_side_s_demand_after_a_poll_is_the_side_s() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, set(c.regions)) for c in extract_claims(text)]

    assert read("The poll was published as Moscow continued to insist that Ukraine pull its "
                "forces out of the Donbas as the price of a ceasefire.") == [
        ("demand_withdraw", "RU", {"UA-09", "UA-14"})]
    # what respondents would accept or reject is no side's demand
    assert read("A new poll found that 61 per cent of Ukrainians would reject a peace deal "
                "that required withdrawing troops from the Donbas.") == []
    assert read("A poll found 63% of Ukrainians would back a ceasefire, but only 11% would "
                "accept withdrawing from Donetsk to get one.") == []


def test_a_share_named_by_its_holder_too_large_for_the_whole_country() -> None:
    got = extract_claims("Russia holds about three-quarters of Zaporizhzhia region. Every "
                         "independent mapping project puts the Russian-held share at around "
                         "75%.")
    assert [(c.regions, c.value) for c in got] == [(("UA-23",), 75.0), (("UA-23",), 75.0)]
    assert [(c.regions, c.value) for c in extract_claims(
        "Mapping projects put the Russian-held share at around 19%.")] == [(("UA",), 19.0)]


def _read(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, tuple(sorted(c.regions)), c.value, c.status)
            for c in extract_claims(text)]


def test_an_area_after_a_share_of_the_clause_before_is_of_the_same_ground() -> None:
    # round F: "while Ukraine keeps about 5,800 sq km" after a share of Donetsk
    assert _read("Russia holds about 78% of the Luhansk region, while Ukraine holds about "
                 "450 sq km.") == [("control_share", "RU", ("UA-09",), 78.0, None),
                                   ("control_area", "UA", ("UA-09",), 450.0, None)]
    # an earlier figure beside it is a note, as in a clause with its own place
    assert _read("Ukraine still holds about 22% of the Donetsk region, while Russia holds "
                 "about 20,500 sq km, up from 19,000 sq km in the spring.") == [
        ("control_share", "UA", ("UA-14",), 22.0, None),
        ("control_area", "RU", ("UA-14",), 20500.0, None),
        ("control_area", "RU", ("UA-14",), 19000.0, "earlier")]


def test_a_clause_after_even_though_reads_the_lists_before_it() -> None:
    assert _claims("In Zaporizhzhia and Kherson, Moscow insists that Kyiv withdraw its forces "
                   "from these areas entirely, even though Russian troops hold only about "
                   "three quarters of the two regions.") == [
        ("demand_withdraw", "RU", ("UA-23", "UA-65"), None, None, "all"),
        ("control_share", "RU", ("UA-23", "UA-65"), 75.0, "percent", "around")]


def test_they_are_the_forces_the_sentence_named_before() -> None:
    text = ("Ukraine's border bends south-east. Since the spring, Russian units have pushed "
            "a few kilometres over the frontier into Sumy region, and they now hold a strip "
            "of the region.")
    assert ("control_share", "RU", ("UA-59",), None, None, "part") in _claims(text)
    assert not [c for c in _claims(text) if c[1] == "UA"]


def test_a_clause_after_a_colon_names_its_own_holder() -> None:
    assert _claims("The outlet notes that the four regions are not fully under Moscow's "
                   "control: its analysts estimate Kyiv still holds roughly 28 percent of "
                   "Donetsk and about a quarter of both Zaporizhzhia and Kherson.") == [
        ("control_share", "UA", ("UA-14",), 28.0, "percent", "around"),
        ("control_share", "UA", ("UA-23", "UA-65"), 25.0, "percent", "around")]


def test_a_share_in_a_relative_clause_after_its_place() -> None:
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "Kherson region, about 72 percent of which Moscow's forces occupy, has lost half of its "
        "people.")]
    assert got == [("RU", ("UA-65",), 72.0)]
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "Kharkiv region, 3% of which is occupied by Russia, is rebuilding.")]
    assert got == [("RU", ("UA-63",), 3.0)]


def test_round_p_shares_after_a_sides_short_name() -> None:
    """Round P's shape (social media threads), in my own words."""
    got = [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(
        "Map update: RU 74.1% of Zaporizhzhia, so UA ~25.9%.") if c.is_claim]
    assert got == [("RU", ("UA-23",), 74.1, "exact"), ("UA", ("UA-23",), 25.9, "around")]
    # "UA" as the country after "of" is a place, not a side
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "RU holds about 19% of UA, per the latest map.") if c.is_claim]
    assert got == [("RU", ("UA",), 19.0)]


def test_a_pronoun_opening_a_clause_is_the_side_the_clauses_before_named() -> None:
    # a real-shaped article (round Y's arts page, read by `frontline ingest` against the
    # DeepState history): "they" after a semicolon was the sentence before's side,
    # Ukraine, and the ledger said Ukraine held a strip of Kharkiv (97 % mapped)
    text = ("Odesa, Ukraine's port, has been shelled all autumn. In June Russian units opened "
            "a push towards the city; they now hold a strip of the Mykolaiv region on the "
            "Kinburn spit.")
    assert [(c.actor, c.regions) for c in extract_claims(text)] == [("RU", ("UA-48",))]
    # and the side the clause before names, not its forces alone
    text = ("Kyiv calls the front stable. Russia says it has seized two more villages; it now "
            "controls about 76% of the Donetsk region.")
    assert [(c.actor, c.value) for c in extract_claims(text)] == [("RU", 76.0)]
    # with no side in the clauses before, the sentence before's, as before
    text = ("Ukrainian troops pushed back near Kupiansk. Fighting went on all night; they "
            "still hold about 20% of the Donetsk region.")
    assert [(c.actor, c.value) for c in extract_claims(text)] == [("UA", 20.0)]


def test_a_cession_joined_to_a_condition_to_withdraw_is_a_demand_too() -> None:
    # round AB (writer 186): "if Ukraine began withdrawing its troops from ..., recognised
    # the four regions as Russian territory and ..." asks both; the cession was dropped
    got = [(c.kind, c.actor, set(c.regions)) for c in extract_claims(
        "The Kremlin said the fighting would stop if Kyiv pulled its forces out of the "
        "Donetsk region, recognised Crimea as Russian and gave up its NATO ambitions.")]
    assert got == [("demand_withdraw", "RU", {"UA-14"}),
                   ("demand_cede", "RU", {"UA-40", "UA-43"})]
    # "these territories": the ground of the withdrawal, again
    got = [(c.kind, c.actor, set(c.regions)) for c in extract_claims(
        "Putin said the war could end if Kyiv withdrew its troops from the Zaporizhzhia and "
        "Kherson regions and recognised these territories as part of Russia.")]
    assert got == [("demand_withdraw", "RU", {"UA-23", "UA-65"}),
                   ("demand_cede", "RU", {"UA-23", "UA-65"})]
    # a verb that hands over no ground stays out
    assert [c.kind for c in extract_claims(
        "Ukraine will withdraw from Donetsk and then hand over the keys of Kramatorsk to the "
        "UN.")] == []
