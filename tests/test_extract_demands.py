"""Demands and offers: two demands in one clause, the ground asked for by itself,
refusals, withdrawals named in the passive, ground beyond a place (who demands is
tested in test_extract_demanders, earlier demands in test_extract_earlier)."""

from __future__ import annotations

from geo.extract import extract_claims
from geo.extract.demands import bare_demand_claims, withdrawal_claims
from geo.extract.lexicon import CUES
from geo.extract.parts import parts_of
from geo.extract.text import Sentence


def _withdrawals(text: str) -> list[tuple]:  # type: ignore[type-arg]
    verb = CUES["withdraw"].search(text)
    assert verb is not None
    return [(c.kind, c.actor, c.regions, c.qualifier, c.target)
            for c in withdrawal_claims(parts_of(Sentence(text, 0)), verb)]


def test_two_demands_in_one_clause_are_two_claims() -> None:
    text = ("At the talks, Putin demanded that Kyiv withdraw its troops from the rest of "
            "Donetsk and cede the four regions.")
    got = extract_claims(text)
    assert [(c.kind, c.actor, tuple(sorted(c.regions)), c.target) for c in got] == [
        ("demand_withdraw", "RU", ("UA-14",), "UA"),
        ("demand_cede", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"), "UA"),
    ]


def test_a_withdrawal_verb_makes_a_demand_an_offer_or_nothing() -> None:
    assert _withdrawals("Russia demands that Ukraine leave Donetsk.") == [
        ("demand_withdraw", "RU", ("UA-14",), "all", "UA")]
    assert _withdrawals("Zelensky said Ukraine was ready to pull back from parts of "
                        "Zaporizhzhia.") == [("offer_withdraw", "UA", ("UA-23",), "part", None)]
    # a refusal, and "leave" that is not about ground
    assert _withdrawals("Ukraine will never withdraw from Donetsk.") == []
    assert _withdrawals("Russia insists that Kyiv leave the Donetsk question open.") == []


def test_the_ground_asked_for_by_itself_is_a_demand_to_cede_it() -> None:
    got = bare_demand_claims(parts_of(Sentence("The Kremlin now seeks only Luhansk and "
                                               "Donetsk.", 0)))
    assert [(c.kind, c.actor, sorted(c.regions), c.qualifier) for c in got] == [
        ("demand_cede", "RU", ["UA-09", "UA-14"], "all")]
    assert "no verb of cession" in got[0].review[0]
    assert bare_demand_claims(parts_of(Sentence("Moscow does not want Donetsk.", 0))) == []


def test_a_pull_back_from_the_line_is_part_of_the_region() -> None:
    from geo.extract import extract_claims

    got = [(c.kind, c.actor, c.qualifier) for c in extract_claims(
        "Kyiv is prepared to pull its troops back by up to 10 kilometers from the current "
        "line in Donetsk, but only if a full ceasefire holds.")]
    assert got == [("offer_withdraw", "UA", "part")]


def test_recognising_crimea_is_ceding_it_only_when_russia_asks() -> None:
    from geo.extract import extract_claims

    got = [(c.kind, c.actor, c.regions) for c in extract_claims(
        "Moscow wants Kyiv to hand over the rest of Donbas and recognise Crimea.")]
    assert ("demand_cede", "RU", ("UA-43", "UA-40")) in got
    assert extract_claims("Kyiv insists that the world recognise Ukraine's borders of "
                          "1991, including Crimea.") == []


def test_ground_to_be_recognised_as_russian_is_ground_to_cede() -> None:
    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, tuple(sorted(c.regions))) for c in extract_claims(text)]

    # the passive: the ground must be recognised as Russia's
    assert got("Russia's deputy foreign minister said the Zaporizhzhia and Kherson regions "
               "must be recognised as subjects of the Russian Federation.") == [
        ("demand_cede", "RU", ("UA-23", "UA-65"))]
    # "them as such": the places named before, said to be Russia
    assert got('"Luhansk, Donetsk, Zaporizhzhia, Kherson: these regions are Russia now, and '
               'Kyiv must recognise them as such," the Kremlin spokesman said.') == [
        ("demand_cede", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"))]
    # a border to be recognised as it was is no ground to cede
    assert got("Ukraine insists its borders must be recognised as they were in 1991.") == []
    assert got("Kyiv will never recognise Crimea as Russian.") == []


def test_a_side_s_request_or_stated_position_is_its_demand() -> None:
    from geo.extract import extract_claims

    got = [(c.kind, c.actor, c.regions) for c in extract_claims(
        "The Russian position, as I understand it, is: Kyiv hands over the rest of Donbas "
        "and recognises Crimea.")]
    assert got == [("demand_cede", "RU", ("UA-14", "UA-09")),
                   ("demand_cede", "RU", ("UA-43", "UA-40"))]
    assert [(c.kind, c.actor) for c in extract_claims(
        "Kyiv requested that Russian troops leave Kharkiv region.")] == [
        ("demand_withdraw", "UA")]
    # a military position is no demand
    assert extract_claims("Ukrainian positions near Pokrovsk were shelled, and troops "
                          "withdrew from two villages in Donetsk.") == []


def test_a_third_party_urging_a_withdrawal_is_its_demand() -> None:
    got = [(c.kind, c.actor, c.regions, c.value, c.unit) for c in extract_claims(
        "Washington has urged Kyiv to pull its troops out of Donetsk in exchange for "
        "security guarantees, two officials said.")]
    assert got == [("demand_withdraw", "US", ("UA-14",), None, None)]
    # the area the demand names, which the other side still holds, is a claim of its own
    got = [(c.kind, c.actor, c.regions, c.value, c.unit) for c in extract_claims(
        "Moscow urged Kyiv to withdraw from the roughly 5,000-6,000 km² of Donetsk it still "
        "controls.")]
    assert got == [("demand_withdraw", "RU", ("UA-14",), None, None),
                   ("control_area", "UA", ("UA-14",), 5500.0, "km2")]


def test_a_pull_back_from_a_named_front_is_part_of_its_region() -> None:
    got = [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(
        "Kyiv would be prepared to pull its troops back from parts of the Donetsk front, a "
        "negotiator said, but only if Russian forces withdraw the same distance.")]
    assert got == [("offer_withdraw", "UA", ("UA-14",), "part")]
    assert [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(
        "Russia demands that Ukraine withdraw from the Zaporizhzhia front.")] == [
        ("demand_withdraw", "RU", ("UA-23",), "part")]
    # a front named in passing is no ground
    assert extract_claims("Fighting raged along the Zaporizhzhia front.") == []
    assert extract_claims("Ukrainian troops withdrew from the Donetsk front town of "
                          "Siversk.") == []


def test_the_ground_a_withdrawal_names_as_held_is_a_holding_too() -> None:
    got = [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(
        "The Kremlin said Moscow would pull its troops out of the few villages it holds in "
        "the Dnipropetrovsk region.")]
    # all it holds there (docs/claim-annotation.md: "pull back from the parts of Sumy it
    # holds"), and what it holds is part of the region
    assert got == [("offer_withdraw", "RU", ("UA-12",), "all"),
                   ("control_share", "RU", ("UA-12",), "part")]
    got = [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(
        "Moscow is ready to pull its troops out of the Sumy and Kharkiv regions entirely, "
        "where they hold several border districts.")]
    assert ("control_share", "RU", ("UA-59", "UA-63"), "part") in got
    # no holding said: none read
    assert [c.kind for c in extract_claims(
        "Moscow is ready to pull its troops out of the Sumy region.")] == ["offer_withdraw"]


def test_the_subject_comes_after_a_fronted_phrase() -> None:
    got = [(c.kind, c.actor) for c in extract_claims(
        "In exchange for a Ukrainian withdrawal from Donbas, Moscow has signalled that it "
        "could pull its forces back from some of the border areas it holds in the Sumy "
        "region.")]
    assert ("offer_withdraw", "RU") in got and ("offer_withdraw", "UA") not in got


def test_more_ways_a_demand_is_put() -> None:
    def got(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
        return [(c.kind, c.actor, c.regions) for c in extract_claims(text)]

    # a negation before a colon is not the cession's ("has not changed: Kyiv must cede")
    assert got("Russia's core demand has not changed: Kyiv must cede the rest of "
               "Donetsk.") == [("demand_cede", "RU", ("UA-14",))]
    assert got("Zelensky said Kyiv would never cede Donetsk.") == []
    # "leave all four regions", "leave the territory of Donbas"
    assert got("Putin demanded that Ukrainian troops leave all four regions.") == [
        ("demand_withdraw", "RU", ("UA-14", "UA-09", "UA-23", "UA-65"))]
    assert got("Putin demanded that Ukrainian troops leave the territory of Donbas.") == [
        ("demand_withdraw", "RU", ("UA-14", "UA-09"))]
    # a side that expects the other to pull out; a ceasefire "only after" a withdrawal
    assert got("Washington expects Ukrainian forces to pull out of the Donbas.") == [
        ("demand_withdraw", "US", ("UA-14", "UA-09"))]
    assert got("A Kremlin aide said a ceasefire could be discussed only after Ukrainian "
               "units leave the territory of the Donetsk People's Republic.") == [
        ("demand_withdraw", "RU", ("UA-14",))]
    assert got("Analysts expect Russian forces to take the rest of Donetsk.") == []


def test_a_withdrawal_from_all_a_side_holds_there_is_all() -> None:
    # the convention: all a side holds of the unit; "parts of" alone, or a strip along the
    # line, is part
    for text, q in [
        ("Kyiv could withdraw its troops from the part of the Donetsk region it still "
         "controls if the area were demilitarised.", "all"),
        ("Russia must withdraw its forces from the areas of Kharkiv and Sumy regions it has "
         "occupied since 2024.", "all"),
        ("Moscow insists that Ukraine withdraw its forces from the remaining Ukrainian-held "
         "part of Donetsk Oblast.", "all"),
        ("Ukraine could pull its troops back from parts of the Donetsk region.", "part"),
    ]:
        got = [c for c in extract_claims(text) if c.kind.endswith("withdraw")]
        assert [c.qualifier for c in got] == [q], text
    # "As a first step" is no earlier demand
    got = extract_claims("As a first step, Russia must withdraw its forces from the Sumy "
                         "region.")
    assert [(c.kind, c.actor, c.status) for c in got] == [("demand_withdraw", "UA", None)]


def test_ground_that_must_be_handed_over_is_a_demand_to_cede_it() -> None:
    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions) for c in extract_claims(text)
                if c.kind.startswith("demand")]

    assert got("Russia's deputy foreign minister said that the Kherson and Zaporizhzhia "
               "regions are Russian and must be handed over in full.") == [
        ("demand_cede", "RU", ("UA-65", "UA-23"))]
    assert got("Kyiv still holds a fifth of the Donetsk region -- territory Moscow insists "
               "must be handed over before any ceasefire.") == [
        ("demand_cede", "RU", ("UA-14",))]
    # "troops must be withdrawn": the troops' side is asked; "as well as of" lists on
    assert got("Ukrainian troops must be withdrawn from the territories of Donbas, as well as "
               "of the Zaporizhzhia and Kherson regions.") == [
        ("demand_withdraw", "RU", ("UA-14", "UA-09", "UA-23", "UA-65"))]


def test_leaving_the_country_walking_out_and_returning_ground() -> None:
    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, tuple(sorted(c.regions))) for c in extract_claims(text)]

    # the country right after "leave", before a place named later
    assert got("Zelensky told parliament that Ukraine's position had not changed: Russian "
               "troops must leave all of Ukraine's territory, and Crimea must be returned.") == [
        ("demand_withdraw", "UA", ("UA",)), ("demand_cede", "UA", ("UA-40", "UA-43"))]
    assert got("He said he would leave Ukraine on Friday.") == []
    assert got('"They demand that we simply walk out of Donetsk region," the president '
               "said.") == [("demand_withdraw", "RU", ("UA-14",))]
    assert got("Kyiv demands the return of Crimea.") == [("demand_cede", "UA", ("UA-40", "UA-43"))]
    # the return of people is no ground
    assert got("Ukraine demands the return of prisoners held in Donetsk.") == []
    assert got("Kyiv wants displaced people to return to Kherson.") == []
    # "the Armed Forces of Ukraine" are the troops, not the ground to leave
    assert got("Russia demands that Ukraine withdraw the Armed Forces of Ukraine from the "
               "territory of the Donetsk and Luhansk oblasts.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"))]


def test_more_ways_of_asking_for_ground_to_be_recognised_or_handed_over() -> None:
    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, tuple(sorted(c.regions))) for c in extract_claims(text)]

    assert got("The Kiev regime must recognise the reunification of Crimea and Sevastopol "
               "with Russia.") == [("demand_cede", "RU", ("UA-40", "UA-43"))]
    assert got("Peace would require Kyiv to accept Crimea as Russian territory.") == [
        ("demand_cede", "RU", ("UA-40", "UA-43"))]
    assert got("Kyiv accepted Western aid as part of the deal.") == []
    assert got("Moscow's position is that Ukraine must transfer the remainder of Donetsk "
               "region to the Russian Federation.") == [("demand_cede", "RU", ("UA-14",))]
    # a rejection before the demand word still reports the demand; the demand "of" a side
    # is that side's
    assert got("Kyiv firmly rejects the demand of the Russian Federation that Ukraine "
               "withdraw from Donetsk, as well as Moscow's insistence that Ukraine recognise "
               "the illegal annexation of Crimea.") == [
        ("demand_withdraw", "RU", ("UA-14",)), ("demand_cede", "RU", ("UA-40", "UA-43"))]
    # "demanded the withdrawal of Russian troops": whose troops, not who demands
    assert got("Kyiv demanded the withdrawal of Russian troops from Donetsk.") == [
        ("demand_withdraw", "UA", ("UA-14",))]


def test_offers_to_hand_back_or_pull_back_ground() -> None:
    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, tuple(sorted(c.regions)), c.qualifier)
                for c in extract_claims(text)]

    assert got("Vladimir Putin told the US president that he would hand back parts of the "
               "Zaporizhzhia and Kherson regions if Ukraine ceded the whole of Donetsk.") == [
        ("offer_withdraw", "RU", ("UA-23", "UA-65"), "part"),
        ("demand_cede", "RU", ("UA-14",), "all")]
    # "its own forces", "border areas": part of the regions
    assert got("The Kremlin signaled it could pull its own forces back from border areas in "
               "Ukraine's Sumy and Kharkiv regions.") == [
        ("offer_withdraw", "RU", ("UA-59", "UA-63"), "part")]
    assert got("The Kremlin was offering to pull its troops back from the Sumy and Kharkiv "
               "border areas.") == [("offer_withdraw", "RU", ("UA-59", "UA-63"), "part")]
    # who mediates is not who offers
    assert got("According to people briefed on the US-mediated talks, Russian negotiators are "
               "ready to pull their troops out of the Sumy and Kharkiv regions.") == [
        ("offer_withdraw", "RU", ("UA-59", "UA-63"), "all")]
    # all the ground a side holds there, all its positions: all of it
    assert got("Moscow has floated withdrawing from all the ground it holds in Kharkiv and "
               "Sumy regions.")[0] == ("offer_withdraw", "RU", ("UA-59", "UA-63"), "all")
    assert got("Kyiv is ready to hand back its positions in the Kursk region.") == [
        ("offer_withdraw", "UA", ("RU-KRS",), "all")]
    # an offer called a myth is none
    assert got('MYTH: "Russia has offered to hand back its gains in Kharkiv and Sumy."') == []


def test_threats_tellers_and_the_remaining_part() -> None:
    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, tuple(sorted(c.regions)), c.qualifier)
                for c in extract_claims(text)]

    # a threat: "if ... does not withdraw" is the other side's demand; a refusal is none
    assert got("If the Kiev regime does not withdraw its formations from Donbass, the "
               "objectives will be achieved by military means.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"), "all")]
    assert got("Zelensky said Ukraine would not withdraw from Donbas.") == []
    # the United States telling Ukraine it must: Washington's demand
    assert got("The US envoy told Ukrainian negotiators this week that Ukraine must withdraw "
               "its forces from the rest of the Donetsk region.") == [
        ("demand_withdraw", "US", ("UA-14",), "all")]
    # the remaining part is all the other side holds; a "buffer strip" of a region is part
    assert got("Moscow has demanded that Ukraine pull out its forces from the remaining part "
               "of Donetsk.") == [("demand_withdraw", "RU", ("UA-14",), "all")]
    assert got('Russian negotiators demanded that Ukraine pull its troops back from a "buffer '
               'strip" of Kharkiv region along the border.') == [
        ("demand_withdraw", "RU", ("UA-63",), "part")]


def test_conditions_plans_and_whose_he() -> None:
    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, tuple(sorted(c.regions)), c.status)
                for c in extract_claims(text)]

    # an offer of peace on a condition: the condition is the demand ("until", "once")
    assert got("The Kremlin said there could be no talk of negotiations until Ukrainian "
               "forces leave Kursk region.") == [("demand_withdraw", "RU", ("RU-KRS",), None)]
    assert got('There would be no ceasefire until Ukrainian troops "leave the territory of '
               'the DPR and LPR", the spokesman said.') == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"), None)]
    assert got("Russia would order an immediate ceasefire once Ukraine withdraws its troops "
               "from Donetsk.") == [("demand_withdraw", "RU", ("UA-14",), None)]
    # "once demanded" is earlier; "once Ukraine withdraws" is not
    assert got("Putin once demanded that Ukraine withdraw from Zaporizhzhia.")[0][3] == "earlier"
    # a plan: its author's demand, or nobody's
    assert got("The Russian draft would have Ukraine withdraw from Donetsk.") == [
        ("demand_withdraw", "RU", ("UA-14",), None)]
    assert got("A proposal published by the Helsinki Forum for Security Studies would have "
               "Russia withdraw from Kharkiv and Sumy regions.") == []
    # "he" after a leader named in the sentence is the leader
    assert got("Putin met Ukraine's envoy on Tuesday, but he wants all of Donbas.") == [
        ("demand_cede", "RU", ("UA-09", "UA-14"), None)]


def test_until_a_past_withdrawal_is_no_condition() -> None:
    assert extract_claims("Fighting raged in the Kursk region until Ukrainian forces withdrew "
                          "from the Kursk region in March.") == []


def test_a_pull_back_as_a_noun_and_a_mirrored_one_is_part() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(text)]

    assert read("Moscow demands a full Ukrainian pullout from Donetsk.") == [
        ("demand_withdraw", "RU", ("UA-14",), "all")]
    for text in ("Kyiv's offer of a symmetrical pull-back in Donetsk.",
                 'Kyiv has floated a "mirror withdrawal" from Donetsk.'):
        assert read(text) == [("offer_withdraw", "UA", ("UA-14",), "part")], text
    # the offer's clause is its own after the demand's ("..., and offer ...")
    assert read("Ukraine's counter-draft would freeze the front, require Russian troops to "
                "leave Sumy, and offer a limited, reciprocal pull-back in Donetsk.") == [
        ("demand_withdraw", "UA", ("UA-59",), "all"),
        ("offer_withdraw", "UA", ("UA-14",), "part")]


def test_a_list_s_item_heads_no_list() -> None:
    # a bullet of headlines is no opening line of the bullets after it
    text = ("Key events\n\n"
            "• Kremlin repeats demand for Ukrainian pull-out\n"
            "• Overnight drone strike leaves 300,000 homes in Odesa without power\n")
    assert [(c.kind, c.regions) for c in extract_claims(text)] == []


def test_a_split_hand_over_and_a_said_between_subject_and_must() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions) for c in extract_claims(text)]

    assert read("Moscow wants Kyiv to hand the rest of Donetsk over.") == [
        ("demand_cede", "RU", ("UA-14",))]
    assert read("Russia's deputy foreign minister spoke about Donetsk on Sunday. Kyiv, he "
                "said, must hand the region over in full.") == [
        ("demand_cede", "RU", ("UA-14",))]
    assert read("Ukraine handed the prisoners over to Russia.") == []


def test_a_demand_in_a_relative_clause_is_earlier_and_its_side_not_the_author() -> None:
    text = ("GENEVA, Oct. 27, 2025 - Moscow, which in June 2024 demanded that Ukraine "
            "withdraw from all four annexed regions, now says it would accept a deal in "
            "which Kyiv pulls its troops out of Donbas alone.")
    got = [(c.kind, c.actor, c.regions, c.status) for c in extract_claims(text)]
    assert got == [("demand_withdraw", "RU", ("UA-14", "UA-09", "UA-23", "UA-65"), "earlier"),
                   ("demand_withdraw", "RU", ("UA-14", "UA-09"), None)]
    # "initially demanded ...; it now says ...": "it" is the subject
    text = ("Moscow had initially demanded that Kyiv cede all four annexed regions; it now "
            "says it would settle for Donbas.")
    got = [(c.kind, c.actor, c.regions, c.status) for c in extract_claims(text)]
    assert got == [("demand_cede", "RU", ("UA-14", "UA-09", "UA-23", "UA-65"), "earlier"),
                   ("demand_cede", "RU", ("UA-14", "UA-09"), None)]


def test_conditions_fronted_talks_and_all_occupied_territory() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.status) for c in extract_claims(text)]

    # "the moment" Ukraine withdraws: a condition for stopping, Russia's demand
    got = extract_claims('Putin said Russia would order a ceasefire "the moment" Ukraine '
                         "announced it was withdrawing its troops from the Donetsk region.")
    assert [(c.kind, c.actor) for c in got] == [("demand_withdraw", "RU")]
    assert "a condition ('the moment')" in got[0].review[0]
    # a US envoy in a fronted phrase is not who offers
    assert read("In talks with a US envoy, Moscow signals it is ready to pull its forces "
                "back from Sumy.") == [("offer_withdraw", "RU", ("UA-59",), None)]
    # "all occupied territory" is the country; "moved from a demand" is an earlier one
    assert read("Kyiv has moved from a demand that Russia withdraw from all occupied "
                "territory, Crimea included, to a ceasefire on the line.") == [
        ("demand_withdraw", "UA", ("UA",), "earlier")]
    # a place after another clause's verb is not the one left
    assert read("Putin offers to hand back northern slivers, holds firm on Donetsk") == []


def test_how_much_of_the_ground_an_offer_names() -> None:
    def q(text: str) -> list[str | None]:
        return [c.qualifier for c in extract_claims(text) if c.kind == "offer_withdraw"]

    # some of what it holds is part; a condition after the place is no strip
    assert q("Moscow signalled it could pull its forces back from some of the border areas "
             "it holds in the Sumy region.") == ["part"]
    assert q("Zelensky said Ukraine was prepared to withdraw its troops from the Donetsk "
             "region, but only if the area became a demilitarised zone under international "
             "monitoring.") == ["all"]
    # "the line in Donetsk" is a strip along it
    assert q("Kyiv has said it could pull troops back from the line in Donetsk as part of a "
             "demilitarised zone.") == ["part"]


def test_who_demands_named_after_the_demand_word() -> None:
    def who(text: str) -> list[str]:
        return [c.actor for c in extract_claims(text)]

    assert who("The Commission rejects the demand of the aggressor state that Ukraine "
               "withdraw the Defence Forces from Donetsk region.") == ["RU"]
    assert who("This narrows the demand Vladimir Putin set out in June 2024, when he called "
               "for Ukraine to withdraw from the four oblasts.") == ["RU"]


def test_a_withdrawal_from_everything_is_the_country() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions) for c in extract_claims(text)]

    every = [("demand_withdraw", "UA", ("UA",))]
    assert read("Ukraine demands the withdrawal of all Russian forces to the internationally "
                "recognised borders of 1991.") == every
    assert read("Kyiv demands that Russian troops eventually leave all occupied "
                "territory.") == every
    assert read("Its position is that Russian troops must leave every inch of Ukrainian "
                "land.") == every
    assert read('"The only way to peace is for Russian troops to leave our land," the '
                "Ukrainian president said.") == every
    # a withdrawal to a border in the past is no demand
    assert read("Russian troops pulled back to the border in 2022.") == []


def test_a_dropped_demand_for_ground_a_return_and_a_transfer_made_a_precondition() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.status) for c in extract_claims(text)]

    assert read("Moscow had quietly dropped its demand for the whole of the Zaporizhzhia and "
                "Kherson regions and now seeks only the Ukrainian-held part of Donetsk.") == [
        ("demand_cede", "RU", ("UA-23", "UA-65"), "earlier"),
        ("demand_cede", "RU", ("UA-14",), None)]
    assert read("The Kremlin has dropped its earlier insistence on the whole of Zaporizhzhia "
                "and Kherson regions.") == [("demand_cede", "RU", ("UA-23", "UA-65"), "earlier")]
    crimea = ("UA-43", "UA-40")
    assert ("demand_cede", "UA", crimea, None) in read(
        "Moscow insists the peninsula is not up for discussion; Kyiv demands its return.")
    assert read('"Ukraine demands that the aggressor state return Crimea," the statement '
                "read.") == [("demand_cede", "UA", crimea, None)]
    assert read("The Kremlin continues to make the transfer of the whole of Donetsk a "
                "precondition for any settlement.") == [("demand_cede", "RU", ("UA-14",), None)]
    # no demand: a past transfer, a return to a place, a claim to drop
    assert read("The transfer of Crimea in 1954 was a Soviet decision.") == []
    assert read("The army planned its return to the front near Kherson.") == []
    assert all(c[1] == "RU" for c in read("Moscow wants Kyiv to drop its claim to Crimea."))


def test_second_lists_consequences_and_ground_never_captured() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(text)]

    # "and from" right after the list: one list; after a clause: a claim of its own
    assert read('Putin said the war could end "tomorrow" if Kiev withdrew its troops from the '
                "Donetsk and Lugansk republics and from the Zaporozhye and Kherson regions.") \
        == [("demand_withdraw", "RU", ("UA-14", "UA-09", "UA-23", "UA-65"), "all")]
    assert read("Moscow's negotiators repeated: Ukraine must withdraw from the parts of the "
                "Zaporizhzhia and Kherson regions it still holds, and from Donbas "
                "entirely.") == [("demand_withdraw", "RU", ("UA-23", "UA-65"), "all"),
                                 ("demand_withdraw", "RU", ("UA-14", "UA-09"), "all")]
    # what a deal would mean is no offer
    assert read("It would mean abandoning cities like Zaporizhzhia and Kramatorsk.") == []
    # the parts its army failed to capture are all Ukraine holds; "It" runs on
    assert read("It demands that Ukraine hand over even those parts of the Donetsk region "
                "that its army has failed to capture. It demands that the world recognise its "
                "annexation of Crimea.") == [("demand_cede", "RU", ("UA-14",), "all"),
                                             ("demand_cede", "RU", ("UA-43", "UA-40"), "all")]


def test_should_said_by_a_side_and_a_plan_under_which() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions) for c in extract_claims(text)]

    assert read("Washington has told Kyiv that it should withdraw its forces from Donetsk.") \
        == [("demand_withdraw", "US", ("UA-14",))]
    assert read('The US special envoy said on Tuesday that Russia "should pull its forces out '
                'of Sumy and Kharkiv regions," officials said.') == [
        ("demand_withdraw", "US", ("UA-59", "UA-63"))]
    assert read('"Russia should withdraw from Kherson," the Ukrainian foreign minister '
                "said.") == [("demand_withdraw", "UA", ("UA-65",))]
    assert read("Analysts say Ukraine should hold Kramatorsk.") == []
    # a third party's plan "under which" a side would pull back is nobody's offer
    assert read("It also assesses a European plan under which Ukraine would pull back 15 km "
                "from the line in Donetsk.") == []


def test_accepting_that_regions_are_russia_s_and_a_list_ending_in_those() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions) for c in extract_claims(text)]

    assert read("Kyiv must also accept that the Donetsk and Luhansk regions are part of "
                "Russia, he told diplomats.") == [("demand_cede", "RU", ("UA-14", "UA-09"))]
    assert read("The memorandum calls for international recognition of Crimea, Sevastopol "
                "and those four regions as Russian.") == [
        ("demand_cede", "RU", ("UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"))]


def test_giving_ground_back_offered_or_demanded() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(text)]

    crimea = ("UA-43", "UA-40")
    # demanded: handing ground back is ceding it (split or not)
    assert read("Kyiv insists that Russia must hand the peninsula back.") == [
        ("demand_cede", "UA", crimea, "all")]
    assert read("Kyiv still demands that Moscow hand back Crimea.") == [
        ("demand_cede", "UA", crimea, "all")]
    # offered: an offer to withdraw, all it holds there
    assert read("Ukraine would be prepared to give up the territory it holds in Kursk oblast in "
                "exchange for Ukrainian territory.") == [("offer_withdraw", "UA", ("RU-KRS",),
                                                          "all")]
    assert read("Putin offers to hand back northern slivers of Sumy.") == [
        ("offer_withdraw", "RU", ("UA-59",), "part")]
    # a supposition, a refusal and a claim called a lie are none
    assert read("If Ukraine agreed to hand over the rest of Donetsk, Russia would hold more.") \
        == []
    assert read("Kyiv will never give up Donetsk.") == []
    assert read('Kremlin propaganda claims that "Ukraine is ready to give up Crimea and '
                'Donbas". This is a lie.') == []
    # pushed to withdraw; the annexation to be recognised
    assert read("WASHINGTON is pushing Kyiv to withdraw its troops from the rest of the "
                "Donetsk region.") == [("demand_withdraw", "US", ("UA-14",), "all")]
    assert read("Moscow insists that the annexation of Crimea be recognised.") == [
        ("demand_cede", "RU", crimea, "all")]


def test_a_demand_until_then_and_where_the_list_holds() -> None:
    got = [(c.kind, c.regions, c.value, c.status) for c in extract_claims(
        "Until last summer, Moscow also demanded that Ukraine's troops leave the Zaporizhzhia "
        "and Kherson regions, where Russian forces hold almost three quarters of the "
        "territory.")]
    assert got == [("demand_withdraw", ("UA-23", "UA-65"), None, "earlier"),
                   ("control_share", ("UA-23", "UA-65"), 75.0, None)]


def test_lists_past_regions_as_well_as_quotes_and_need_to() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions) for c in extract_claims(text)]

    assert read("In June 2024 Putin demanded that Ukraine withdraw from the whole of the "
                "Zaporizhzhia and Kherson regions as well as Donbas.") == [
        ("demand_withdraw", "RU", ("UA-23", "UA-65", "UA-14", "UA-09"))]
    assert read('The Russian side had asked for Ukrainian troops to leave "the whole of Donetsk '
                'oblast".') == [("demand_withdraw", "RU", ("UA-14",))]
    assert read("Moscow says Ukrainian forces need to withdraw from Donetsk.") == [
        ("demand_withdraw", "RU", ("UA-14",))]
    assert read("Ukraine needs to rebuild Kharkiv.") == []


def test_official_wording_of_demands() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(text)]

    assert read('"A just and lasting peace is only possible with the full withdrawal of Russian '
                'troops from the entire territory of Ukraine," the ministry said.') == [
        ("demand_withdraw", "UA", ("UA",), "all")]
    assert read("The Secretary conveyed the view of the United States that Kyiv should be "
                "prepared to pull its forces back from the front line in Donetsk.") == [
        ("demand_withdraw", "US", ("UA-14",), "part")]
    assert read("The Rada demands the complete withdrawal of the armed forces of the Russian "
                "Federation from the Autonomous Republic of Crimea and the city of "
                "Sevastopol.") == [("demand_withdraw", "UA", ("UA-43", "UA-40"), "all")]


def test_both_regions_a_share_to_leave_and_these_pockets() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(text)]

    assert read('"The Kherson and Zaporizhzhia regions are ours," he said, adding that the '
                '"Kyiv regime" must withdraw its units from both regions.') == [
        ("demand_withdraw", "RU", ("UA-65", "UA-23"), "all")]
    assert read("The readout no longer mentions Zaporizhzhia or Kherson: Russian negotiators "
                "have dropped their earlier demand that Kyiv hand over all of both "
                "regions.") == [("demand_cede", "RU", ("UA-23", "UA-65"), "all")]
    assert read("The Ukrainian army must leave the roughly 18 percent of the Donetsk People's "
                "Republic that it still holds.")[0] == ("demand_withdraw", "RU", ("UA-14",), "all")
    assert read("In return, Moscow offers to leave these pockets in Sumy and Kharkiv.") == [
        ("offer_withdraw", "RU", ("UA-59", "UA-63"), "all")]


def test_wants_ukraine_out_of_and_the_parts_that_remain_free() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.regions, c.qualifier, c.status) for c in extract_claims(text)]

    assert read("Putin has dropped his earlier demand for all of Zaporizhzhia and Kherson but "
                "still wants Ukraine out of Donbas entirely.") == [
        ("demand_cede", "RU", ("UA-23", "UA-65"), "all", "earlier"),
        ("demand_withdraw", "RU", ("UA-14", "UA-09"), "all", None)]
    assert read("Moscow's demand that Kyiv hand over the parts of the Zaporizhzhia and Kherson "
                "regions that remain free is an ultimatum.") == [
        ("demand_cede", "RU", ("UA-23", "UA-65"), "all", None)]
    assert read("Moscow is prepared to withdraw its troops from the parts of the Sumy and "
                "Kharkiv regions that they occupy.") == [
        ("offer_withdraw", "RU", ("UA-59", "UA-63"), "all", None)]


def test_who_demands_past_an_asked_side_a_relayed_demand_and_a_formulation() -> None:
    def who(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, c.status) for c in extract_claims(text)]

    assert who("Moscow has dropped its earlier insistence that Ukraine surrender all four "
               "regions and now demands only the rest of Donbas.") == [
        ("demand_cede", "RU", "earlier"), ("demand_cede", "RU", None)]
    assert who("The talk is of the demand, relayed from Moscow through American envoys, that "
               "Ukraine give up the rest of the Donetsk region.") == [("demand_cede", "RU", None)]
    assert who("Moscow would now settle for Ukraine withdrawing from Donetsk alone.") == [
        ("demand_withdraw", "RU", None)]
    assert who("The Kremlin's current formulation, as relayed by several negotiators, is that "
               "Ukrainian forces withdraw from the Donbas.") == [("demand_withdraw", "RU", None)]
    # a subject after "that" is still who demands
    assert who("A Ukrainian negotiator said that Moscow now seeks only the Ukrainian-held part "
               "of Donetsk.") == [("demand_cede", "RU", None)]


def test_slivers_it_holds_and_part_of_the_front() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.regions, c.qualifier) for c in extract_claims(text)
                if c.kind == "offer_withdraw"]

    assert read("Moscow would give back the slivers of the Sumy and Kharkiv regions that its "
                "forces hold.") == [("offer_withdraw", ("UA-59", "UA-63"), "all")]
    assert read("Kyiv's negotiators said Ukrainian troops would pull back from part of the "
                "front in the Donetsk region.") == [("offer_withdraw", ("UA-14",), "part")]


def test_recognising_this_reality_and_an_offer_to_swap() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, set(c.regions), c.qualifier) for c in extract_claims(text)]

    assert read('"Kherson and Zaporozhye regions are subjects of the Russian Federation, '
                'enshrined in our Constitution. The Kyiv regime will have to recognise this '
                'reality sooner or later," the Russian foreign ministry spokeswoman said.') == [
        ("demand_cede", "RU", {"UA-23", "UA-65"}, "all")]
    # no ground Russia claims named before: nothing to recognise
    assert read("Kyiv must recognise this reality, Peskov said.") == []
    assert read("Zelensky said Ukraine would offer to exchange the territory its forces hold "
                "in Russia's Kursk region for occupied Ukrainian land.") == [
        ("offer_withdraw", "UA", {"RU-KRS"}, "all")]
    # a swap that no side offers is not read
    assert read("Russia wants to trade Zaporizhzhia for Kharkiv.") == []


def test_the_side_that_rejects_a_demand_or_was_talked_with_does_not_make_it() -> None:
    got = extract_claims(
        "Russia's delegation used the first direct talks with Ukraine since the spring of 2022 "
        "to restate a demand Kyiv has rejected since it was first made last June: that "
        "Ukrainian forces pull out of the whole of the Donetsk, Luhansk, Zaporizhzhia and "
        "Kherson regions before any ceasefire takes hold.")
    # Russia's, and current ("first made last June" is when it began, not an earlier one)
    assert [(c.kind, c.actor, c.target, len(c.regions), c.status) for c in got] == [
        ("demand_withdraw", "RU", "UA", 4, None)]


def test_recognising_the_reality_the_same_sentence_names_and_a_demander_s_withdrawal() -> None:
    got = extract_claims(
        "The Donetsk and Luhansk People's Republics and the Zaporozhye and Kherson regions "
        "are Russia, and Kyiv and its sponsors will have to recognise this reality.")
    assert [(c.kind, c.actor, len(c.regions)) for c in got] == [("demand_cede", "RU", 4)]
    # the side that asks for the withdrawal does not offer its own from the same ground
    got = extract_claims(
        'Moscow would order a ceasefire "immediately" once Ukraine began pulling its troops '
        "out of the Donetsk, Luhansk, Zaporizhzhia and Kherson regions, adding that the "
        "withdrawal must cover the entire territory of those regions.")
    assert [(c.kind, c.actor) for c in got] == [("demand_withdraw", "RU")]


def test_no_deal_that_leaves_the_other_side_s_troops_there_and_leave_them() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, set(c.regions), c.qualifier) for c in extract_claims(text)]

    assert read("Moscow will accept no deal that leaves Ukrainian troops anywhere in the "
                "Donbas.") == [("demand_withdraw", "RU", {"UA-09", "UA-14"}, "all")]
    assert read("Zelensky said Kyiv would never sign any agreement that leaves Russian troops "
                "in Zaporizhzhia.") == [("demand_withdraw", "UA", {"UA-23"}, "all")]
    assert read("The plan leaves Ukrainian troops in Kramatorsk.") == []
    assert read("The Kremlin's spokesman said that the Zaporizhzhia and Kherson regions are "
                "part of Russia and that Ukrainian troops must leave them before any "
                "ceasefire.") == [("demand_withdraw", "RU", {"UA-23", "UA-65"}, "all")]


def test_a_proposal_s_author_the_side_that_would_leave_and_a_list_together_with() -> None:
    def read(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, set(c.regions), c.qualifier) for c in extract_claims(text)]

    assert read("Under Moscow's proposal, Ukraine would pull its troops out of the rest of "
                "Donetsk.") == [("demand_withdraw", "RU", {"UA-14"}, "all")]
    assert read("Russia would withdraw from parts of Kharkiv, the official said.") == [
        ("offer_withdraw", "RU", {"UA-63"}, "part")]
    assert read("The memorandum demands that Ukrainian forces leave the Kherson region "
                "entirely, together with Zaporizhzhia, Donetsk and Luhansk.") == [
        ("demand_withdraw", "RU", {"UA-65", "UA-23", "UA-14", "UA-09"}, "all")]
    # leaving a place in a state is no withdrawal
    assert read("Analysts said the shift would leave the Zaporizhzhia grain belt divided along "
                "the current front.") == []


def test_the_share_set_aside_after_the_ground_to_leave() -> None:
    got = extract_claims("Russia's delegation insists Ukraine withdraw from the whole of the "
                         "Donetsk region – roughly the 15% it still holds – and recognise "
                         "Crimea as Russian.")
    assert [(c.kind, c.actor, c.regions, c.value) for c in got] == [
        ("demand_withdraw", "RU", ("UA-14",), None),
        ("control_share", "UA", ("UA-14",), 15.0),
        ("demand_cede", "RU", ("UA-43", "UA-40"), None)]


def _demands(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, tuple(sorted(c.regions)), c.qualifier)
            for c in extract_claims(text) if c.kind.startswith(("demand", "offer"))]


def test_ground_recognised_as_russian_is_russia_s_demand() -> None:
    four = ("UA-09", "UA-14", "UA-23", "UA-65")
    # no side named: only Russia asks that its ground be recognised as Russian (writers
    # 72, 76, 77), unless it is another party's draft
    assert _demands("Recognition of the Donetsk and Lugansk People's Republics as part of the "
                    "Russian Federation is an indispensable condition of any settlement.") == [
        ("demand_cede", "RU", ("UA-09", "UA-14"), "all")]
    assert _demands("First, legal recognition of the Republic of Crimea and the city of "
                    "Sevastopol as Russian territory.") == [
        ("demand_cede", "RU", ("UA-40", "UA-43"), "all")]
    assert _demands("Reports say a U.S. framework would include American recognition of "
                    "Crimea as Russian.") == []
    assert _demands("Putin demanded Donetsk, Luhansk, Zaporizhzhia and Kherson. He said the "
                    "status of those four regions and of Crimea as part of Russia must be "
                    "enshrined in international agreements.")[-1] == (
        "demand_cede", "RU", tuple(sorted(four + ("UA-40", "UA-43"))), "all")


def test_more_shapes_of_a_demand_to_withdraw() -> None:
    donbas = ("UA-09", "UA-14")
    # an ultimatum; a withdrawal in the passive; "the only formula for peace" with a list of
    # "out of"; all of its troops out of the country; back to the 1991 borders
    assert _demands('"Either its formations leave the territory of Donbass, or we will '
                    'liberate that territory by military means," Putin said.') == [
        ("demand_withdraw", "RU", donbas, "all")]
    assert _demands("Zaporizhzhia must be fully vacated by Russian forces, Zelensky said.") == [
        ("demand_withdraw", "UA", ("UA-23",), "all")]
    assert _demands('"There is only one formula for peace: Russia takes its troops out of '
                    'Kherson and Zaporizhzhia, out of Donbas and out of Crimea," the minister '
                    "said.") == [("demand_withdraw", "UA", ("UA-09", "UA-14", "UA-23", "UA-40",
                                                         "UA-43", "UA-65"), "all")]
    assert _demands('"Kyiv\'s position has not changed: Russia must withdraw all its troops '
                    'from Ukraine," the minister said.') == [("demand_withdraw", "UA", ("UA",),
                                                               "all")]
    assert _demands("Russia must withdraw its forces to Ukraine's 1991 borders.") == [
        ("demand_withdraw", "UA", ("UA",), "all")]
    # ground beyond a place is not the place
    assert _demands('"In return we are prepared to pull back from what we hold beyond the '
                    'borders of the new regions," the aide said.') == []


def test_the_part_a_side_still_holds_is_all_it_holds_and_a_border_strip_a_part() -> None:
    # writers 84, 87: "the part of (the eastern) X (that) Kiev/it still holds" is all of it
    assert _demands("The United States is pressing Ukraine to pull its troops out of the part "
                    "of the eastern Donetsk region it still controls.") == [
        ("demand_withdraw", "US", ("UA-14",), "all")]
    assert _demands("Putin demanded that Ukraine withdraw its troops from the part of the "
                    "Donetsk People's Republic that Kiev still holds.") == [
        ("demand_withdraw", "RU", ("UA-14",), "all")]
    # writer 86: back from the border in two regions is a strip of each
    assert _demands("Putin has repeatedly demanded that Ukraine pull its forces back from the "
                    "border in Kharkiv and Sumy oblasts to create such a zone.") == [
        ("demand_withdraw", "RU", ("UA-59", "UA-63"), "part")]


def test_the_fifth_we_still_hold_is_all_of_it_and_ukraine_s_holding() -> None:
    # writers 19, 10, 66: "the fifth of" is a figure; "we still hold" who holds it
    got = [(c.kind, c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(
        "The Russians want us to hand over the fifth of Donetsk we still hold, for nothing.")]
    assert got == [("demand_cede", "RU", ("UA-14",), None, "all"),
                   ("control_share", "UA", ("UA-14",), 20.0, "exact")]


def test_a_condition_on_one_side_is_the_other_s_demand_when_the_offer_has_no_subject() -> None:
    # writers 88, 95: "Putin told Trump that the fighting could stop if Ukraine pulled ..."
    assert _demands("According to two European officials briefed on Donald Trump's weekend "
                    "calls with allies, Putin told Trump that the fighting could stop if Ukraine "
                    "pulled its forces out of what remains of Donetsk region.") == [
        ("demand_withdraw", "RU", ("UA-14",), "all")]


def test_round_f_demands() -> None:
    # "leave the entire territory of"
    assert _demands("Putin demanded that Ukrainian troops leave the entire territory of the "
                    "four new regions.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"), "all")]
    # "all the territory it still controls in": all it holds, and no part claimed
    got = [(c.kind, c.actor) for c in extract_claims(
        "Russia demanded that Ukraine withdraw from all the territory it still controls in "
        "the Donetsk and Luhansk regions.")]
    assert got == [("demand_withdraw", "RU")]
    # "the areas of ... they have entered" is all a side holds there
    assert _demands("Kyiv's position is that Russian troops must pull out of the areas of the "
                    "Sumy and Kharkiv regions they have entered.") == [
        ("demand_withdraw", "UA", ("UA-59", "UA-63"), "all")]
    # the status of places "be recognised"; "all four as part of Russia"
    assert _demands("Russia demands that the status of Crimea and the four new regions be "
                    "recognised.") == [
        ("demand_cede", "RU", ("UA-09", "UA-14", "UA-23", "UA-40", "UA-43", "UA-65"), "all")]
    assert _demands("Moscow's constitution lists the Donetsk, Luhansk, Zaporizhzhia and "
                    "Kherson regions as Russian, and officials demand that Kyiv recognise all "
                    "four as part of Russia.") == [
        ("demand_cede", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"), "all")]


def test_ground_left_in_range_or_a_side_driven_out_is_no_withdrawal() -> None:
    assert _demands("Commanders fear that a ceasefire along the current line would leave "
                    "Kharkiv permanently within range of Russian artillery.") == []
    assert _demands("The offer lapsed after Russia said it had driven Ukrainian forces out of "
                    "the Kursk region.") == []
    # "there could be no question of talks until ...": a condition, Russia's demand
    assert _demands("Russia's Foreign Ministry said there could be no question of talks with "
                    "Kyiv until all Ukrainian troops had left the Kursk region.") == [
        ("demand_withdraw", "RU", ("RU-KRS",), "all")]


def test_round_g_conditions_offers_and_exchanges() -> None:
    # readiness inside the condition is what the condition asks, not an offer; the
    # condition is the speaker's demand
    assert _demands('"As soon as Kyiv declares that it is ready for such a decision and '
                    "begins a real withdrawal of troops from the Donetsk region, we will give "
                    'the order to cease fire," Putin said.') == []
    # a label "The headline demand:" and a condition after it
    assert _demands("1/ The headline demand: Putin says Russia will cease fire once Ukraine "
                    "pulls its troops out of the Donetsk and Luhansk regions.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"), "all")]
    # "in exchange for" the ground, after an offer: the offerer asks for it
    assert _demands("Russia's negotiators offered to withdraw from the Sumy region in exchange "
                    "for all of Donetsk.") == [
        ("offer_withdraw", "RU", ("UA-59",), "all"), ("demand_cede", "RU", ("UA-14",), "all")]
    # "asking only for", and "some Ukrainian territory" is a part
    assert ("demand_cede", "RU", ("UA-14",), "all") in _demands(
        "Moscow once wanted all four regions; it is now asking only for Donetsk.")
    assert ("demand_withdraw", "UA", ("UA",), "part") in _demands(
        "Zelensky said Ukraine was ready to leave the Kursk region on condition that Russia "
        "pull its forces out of some Ukrainian territory in return.")
    # a condition "set by President Vladimir Putin"
    assert _demands("The message reflects a condition set by President Vladimir Putin, who has "
                    "said his forces will take the Donbas unless Ukrainian troops leave it.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"), "all")]


def test_round_h_shapes_of_demands() -> None:
    # "leave the roughly one quarter of the Donetsk region it still holds"
    assert _demands("Putin wants Ukraine to leave the roughly one quarter of the Donetsk "
                    "region it still holds.") == [("demand_withdraw", "RU", ("UA-14",), "all")]
    # "leave every part of Ukraine"
    assert _demands("Zelensky repeated that Russian troops must leave every part of Ukraine "
                    "they occupy before peace talks can begin.") == [
        ("demand_withdraw", "UA", ("UA",), "all")]
    # "was still required to": the other side's demand, as "must"
    assert _demands("The foreign ministry's spokeswoman told a briefing in Moscow that Ukraine "
                    "was still required to pull its troops out of the four regions.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"), "all")]
    # the status of ground "as parts of Russia must be recognised", said by a named leader
    six = ("UA-09", "UA-14", "UA-23", "UA-40", "UA-43", "UA-65")
    assert _demands("Putin said the status of Crimea, Sevastopol and the four regions as parts "
                    "of Russia must be recognised and fixed in international agreements.") == [
        ("demand_cede", "RU", six, "all")]
    assert _demands("Putin said the status of Crimea, Sevastopol, the Donetsk and Lugansk "
                    "People's Republics and the Kherson and Zaporozhye regions as subjects of "
                    "the Russian Federation must be enshrined in international agreements.") == [
        ("demand_cede", "RU", six, "all")]
    # "even as Russia" names the demand's author, not what ground would be
    assert _demands("Bonds rallied, even as Russia stuck to its demand that Kyiv cede the "
                    "remainder of the Donetsk region.") == [
        ("demand_cede", "RU", ("UA-14",), "all")]
    # "these areas" after a list the sentence put first
    assert _demands("In Zaporizhzhia and Kherson, Moscow insists that Kyiv withdraw its forces "
                    "from these areas entirely.") == [
        ("demand_withdraw", "RU", ("UA-23", "UA-65"), "all")]


def test_round_h_bare_demands_and_offers() -> None:
    four = ("UA-09", "UA-14", "UA-23", "UA-65")
    assert _demands("Moscow, he said, was still insisting on all of Donbas.") == [
        ("demand_cede", "RU", ("UA-09", "UA-14"), "all")]
    assert _demands("In 2024 Moscow's demand was all four regions it claims to have "
                    "annexed.") == [("demand_cede", "RU", four, "all")]
    assert _demands("Moscow once demanded all four Ukrainian regions it claimed to annex in "
                    "2022.") == [("demand_cede", "RU", four, "all")]
    assert _demands("The document demands international legal recognition of Crimea and the "
                    "same four regions as part of Russia.") == [
        ("demand_cede", "RU", tuple(sorted(four + ("UA-40", "UA-43"))), "all")]
    # "propose withdrawing" is the side's own offer; its condition its demand
    assert _demands("Moscow will propose withdrawing its troops from the areas it holds in the "
                    "Sumy and Kharkiv regions in return for Ukrainian forces leaving the "
                    "Donetsk region entirely.") == [
        ("offer_withdraw", "RU", ("UA-59", "UA-63"), "all"),
        ("demand_withdraw", "RU", ("UA-14",), "all")]
    # the quoted "new regions"; "every Russian soldier" is an army, not people
    assert _demands('The Kremlin repeated that Ukrainian troops must leave the territory of the '
                    '"new regions" before any ceasefire can take effect.') == [
        ("demand_withdraw", "RU", four, "all")]
    assert _demands("Zelensky insisted that every Russian soldier must leave Ukraine.") == [
        ("demand_withdraw", "UA", ("UA",), "all")]


def test_round_h_demands_nobody_makes() -> None:
    # "Nobody is asking", "no longer insists on the rest", "rules out any recognition"
    assert _demands('"Nobody is asking Ukraine to formally give up Crimea," a US official '
                    "said.") == []
    assert _demands("Nobody has demanded that Ukraine withdraw from Kherson.") == []
    assert _demands("By August his demand had narrowed: he now wants Ukraine to pull its troops "
                    "out of the remaining Ukrainian-held part of Donetsk, and no longer insists "
                    "on the rest.") == [("demand_withdraw", "RU", ("UA-14",), "all")]
    assert _demands("The Ukrainian side presented its own document, which insists on a 30-day "
                    "ceasefire and rules out any recognition of the new regions as "
                    "Russian.") == []
    # a report rejected ("rejected reports in British media that ...")
    assert _demands("The Kremlin spokesman rejected reports in British media that Moscow had "
                    "demanded the Odessa and Kharkov regions as a condition for a "
                    "ceasefire.") == []


def test_round_h_offers_to_return_and_to_pull_back_both() -> None:
    assert _demands("In a spirit of goodwill, the Russian side is prepared to consider returning "
                    "certain areas of the Kharkov region, provided that reliable guarantees are "
                    "given.") == [("offer_withdraw", "RU", ("UA-63",), "part")]
    assert ("offer_withdraw", "RU", ("UA-59", "UA-63"), "all") in _demands(
        "Moscow could return the small areas it holds in the Kharkiv and Sumy regions as part "
        "of a final settlement.")
    # "proposed that both armies pull back from the current line": the proposer's offer
    assert _demands("Kyiv has proposed that both armies pull back from the current line in "
                    "Donetsk to create a demilitarised buffer zone.") == [
        ("offer_withdraw", "UA", ("UA-14",), "part")]
    # a strip along the line of a region named first
    assert _demands("In the Donetsk region, Ukraine is prepared to withdraw its forces from a "
                    "zone along the current line of contact.") == [
        ("offer_withdraw", "UA", ("UA-14",), "part")]
    # "return" of ground named by its places is not a pull-back cue of its own
    assert _demands("The museum will return the paintings of the Kherson collection.") == []


def test_round_i_demands() -> None:
    four = ("UA-09", "UA-14", "UA-23", "UA-65")
    six = tuple(sorted(four + ("UA-40", "UA-43")))
    # "recognise as Russian the four regions"; "must enshrine ... as Russian"
    assert _demands("Moscow has also demanded that Kyiv recognise as Russian the four regions "
                    "it claims to have annexed.") == [("demand_cede", "RU", four, "all")]
    assert _demands("Putin said a settlement must enshrine Crimea, Sevastopol and the four "
                    "regions as Russian in international agreements.") == [
        ("demand_cede", "RU", six, "all")]
    # ", ... said, demanding that": the speaker's demand, not the word of the clause before;
    # a list through 'the so-called "DPR" and "LPR"'
    assert _demands('Moscow will only talk to Kyiv if Ukraine accepts "the new territorial '
                    'realities", Russian Foreign Ministry spokeswoman Yelena Voronova said, '
                    "demanding that Kyiv recognise Crimea, Sevastopol, the so-called \"DPR\" "
                    'and "LPR", and Zaporizhzhia and Kherson oblasts as part of Russia.') == [
        ("demand_cede", "RU", six, "all")]
    # "the part of the Donbas still in Ukrainian hands" is all Ukraine holds there
    assert _demands("Putin now demands only that Kyiv hand over the part of the Donbas still "
                    "in Ukrainian hands.") == [("demand_cede", "RU", ("UA-09", "UA-14"), "all")]
    # a third party's text "would also have Russia withdraw": nobody's offer
    assert _demands("The European text would also have Russia withdraw from the Kharkiv and "
                    "Sumy regions.") == []


def test_a_list_of_conditions_after_as_soon_as_the_following() -> None:
    text = ("Russia will order a ceasefire and begin negotiations, Putin said, as soon as Kyiv "
            "does the following:\n- withdraws all its troops from the Donetsk, Luhansk, "
            "Zaporizhzhia and Kherson regions;\n- formally abandons its plans to join NATO.")
    assert _demands(text) == [("demand_withdraw", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"),
                               "all")]


def _all(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return sorted((c.kind, c.actor, tuple(sorted(c.regions)), c.qualifier)
                  for c in extract_claims(text) if c.is_claim)


def test_round_j_demand_shapes() -> None:
    """Round J's demand shapes, in my own words."""
    # a plan a side is pressed to accept is the presser's
    assert _all("Washington is pressing Kyiv to accept a plan that would have Ukraine "
                "withdraw from Donetsk.") == [("demand_withdraw", "US", ("UA-14",), "all")]
    # a question whether a side should cede is no one's demand
    assert _all("Since the summit, the question of whether Ukraine should surrender the "
                "remainder of the Donetsk region has dominated the talks.") == []
    # out of the occupied parts of a unit: all the other side holds there
    assert ("demand_withdraw", "UA", ("UA-63",), "all") in _all(
        "Zelensky said Ukraine was ready to withdraw its troops from Russia's Kursk region if "
        "Moscow pulled its forces out of the occupied parts of the Kharkiv region.")
    # recognise them, together with another place: both
    assert ("demand_cede", "RU", ("UA-09", "UA-14", "UA-40", "UA-43"), "all") in _all(
        "Ukraine, he said, must leave the Donetsk and Luhansk regions and recognise them, "
        "together with Crimea, as Russian.")
    assert ("demand_cede", "RU", ("UA-09", "UA-14"), "all") in _all(
        "A Kremlin spokesman said Kyiv must pull its troops out of the Donetsk and Luhansk "
        "regions and recognise both regions as Russian.")
    # a list set apart by dashes, then the passive
    assert _all("Moscow insists that the new regions – the DPR, the LPR, and the Zaporozhye "
                "and Kherson regions – be recognized as part of Russia.") == [
        ("demand_cede", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"), "all")]
    assert _all('"Kyiv must recognise the realities on the ground: Crimea, the DPR and the LPR '
                'are subjects of Russia," he said.') == [
        ("demand_cede", "RU", ("UA-09", "UA-14", "UA-40", "UA-43"), "all")]
    # like "must": who is asked, not who asks
    assert _all("Peskov said the Kiev regime still had the opportunity to withdraw its units "
                "from the remaining territory of Donbass.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"), "all")]
    assert _all("Moscow is now seeking only the remainder of Donetsk.") == [
        ("demand_cede", "RU", ("UA-14",), "all")]
    # "pull Russian units back": the side's word between the verb and "back"
    assert _all("Putin offered to pull Russian units back from the Sumy and Kharkiv "
                "regions.") == [("offer_withdraw", "RU", ("UA-59", "UA-63"), "all")]


def test_a_list_of_terms_names_demands() -> None:
    text = ("According to the memorandum presented in Istanbul, the key points are:\n"
            "- the complete withdrawal of the Armed Forces of Ukraine from the DPR and the LPR;\n"
            "- a ban on foreign bases.")
    assert _all(text) == [("demand_withdraw", "RU", ("UA-09", "UA-14"), "all")]
    text = ("The points on territory, as outlined by President Zelensky:\n"
            "7. Russia withdraws its troops from the Sumy and Kharkiv regions.\n"
            "8. A ceasefire along the line of contact.")
    assert _all(text) == [("demand_withdraw", "UA", ("UA-59", "UA-63"), "all")]


def test_round_k_demand_shapes() -> None:
    """Round K's demand shapes, in my own words."""
    assert _all("The White House is pressing Ukraine to pull its troops out of the rest of "
                "Donetsk.") == [("demand_withdraw", "US", ("UA-14",), "all")]
    assert ("demand_withdraw", "RU", ("UA-14",), "all") in _all(
        "Zelensky rejected a demand by russian leader Vladimir Putin that Ukraine withdraw its "
        "troops from the part of Donetsk region still under Ukrainian control.")
    assert _all("Zelensky said he would offer Moscow the parts of Russia's Kursk region that "
                "Ukrainian troops hold in exchange for occupied Ukrainian land.") == [
        ("offer_withdraw", "UA", ("RU-KRS",), "all")]
    # the regional capitals to give up are cities; "them" is the ground named before
    assert _all("Moscow demands that Kyiv recognise the four regions as Russian, including the "
                "regional capitals of Zaporizhzhia and Kherson.") == [
        ("demand_cede", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"), "all")]


def test_round_l_demand_shapes() -> None:
    """Round L's demand shapes, in my own words."""
    assert _all("The Kremlin says a ceasefire in Ukraine is possible only if Ukrainian troops "
                "leave the Donbas.") == [("demand_withdraw", "RU", ("UA-09", "UA-14"), "all")]
    assert _all("Russia says it would withdraw from the bits of Sumy and Kharkiv it has grabbed "
                "since last year.") == [("offer_withdraw", "RU", ("UA-59", "UA-63"), "all")]
    assert _all("Nobody in Moscow has yet demanded Chernihiv at a negotiating table.") == []


def test_round_n_an_international_bodys_demand_is_no_sides() -> None:
    """A demand of the UN's or the EU's is no side's (the convention's third parties)."""
    assert _all("The EU Council has again demanded that the Russian Federation pull all its "
                "forces out of Ukraine.") == []
    assert _all("The General Assembly demanded that Russia withdraw its troops from the "
                "territory of Ukraine.") == []
    # a body told, not demanding: the side named before it still demands
    assert _all("Kyiv told members of the European Parliament that its core demand is the "
                "withdrawal of Russian troops from all of Ukraine.") == [
        ("demand_withdraw", "UA", ("UA",), "all")]


def test_round_p_offer_and_demand_shapes() -> None:
    """Round P's shapes (European papers in translation), in my own words."""
    # "under certain conditions" hedges an offer; it is no demand
    assert _all("Kyiv is ready, under certain conditions, to pull its troops back from the "
                "line in Zaporizhzhia oblast.") == [("offer_withdraw", "UA", ("UA-23",), "part")]
    # an aside between the demand and the ground
    assert _all("Last year Moscow demanded, as the price of a truce, the whole of the "
                "Donbass.") == [("demand_cede", "RU", ("UA-09", "UA-14"), "all")]


def test_a_sides_position_before_a_colon_is_its_demand() -> None:
    assert _all("Kyiv's stated position has not changed since spring: Russian troops out of "
                "Zaporizhzhia.") == [("demand_withdraw", "UA", ("UA-23",), "all")]


def test_round_q_an_offer_of_the_pockets_its_troops_hold_is_all_of_them() -> None:
    """An offer to hand back "the small pockets of X and Y his troops hold" is all it holds
    there (the convention); "parts of X" alone stays part."""
    for text in ("In exchange, Moscow offered to hand back the small pockets of the Sumy and "
                 "Kharkiv regions its troops hold.",
                 "Putin is said to have offered to give back the few slivers of Sumy and "
                 "Kharkiv regions held by Russian forces."):
        got = [c for c in _all(text) if c[0] == "offer_withdraw"]
        assert got == [("offer_withdraw", "RU", ("UA-59", "UA-63"), "all")], text
    assert [c for c in _all("Russia offered to hand back parts of the Sumy region.")
            if c[0] == "offer_withdraw"] == [("offer_withdraw", "RU", ("UA-59",), "part")]


def test_round_r_a_mutual_pullback_offer_is_the_other_side_of_its_condition() -> None:
    """An offer whose side is not named, or named only in its condition ("if Russian forces
    pull back the same distance"), is the other side's."""
    for text in ("We are prepared to pull our troops back from the line in Zaporizhzhia, by "
                 "an agreed distance, if Russian forces do the same on their side.",
                 "If Russia steps back the same distance, our units are ready to pull back "
                 "from the front line in Donetsk."):
        got = [(c.kind, c.actor) for c in extract_claims(text) if c.is_claim]
        assert got == [("offer_withdraw", "UA")], text


def test_round_r_a_demand_threatened_for_later_is_no_demand() -> None:
    """"Moscow might next ask for Sumy and Kharkiv as well", "next time they'll ask for
    ...": a threat of a later demand, not one made."""
    for text in ("An official said Russia's negotiator had warned that Moscow might next ask "
                 "for the Sumy and Kharkiv regions as well.",
                 "The Russian side said that next time they'll ask for Kharkiv region too."):
        assert _all(text) == [], text
    assert _all("Moscow now asks for the Sumy region as well.") == [
        ("demand_cede", "RU", ("UA-59",), "all")]


def test_only_an_offer_names_a_holding_and_not_in_russia() -> None:
    """"offers to hand back the small areas it holds in Sumy": an offer and Russia's holding
    there; a demand to leave "the areas it holds" and an offer of Kursk name no holding
    (the writers count neither)."""
    got = _all("Moscow offered to pull its troops out of the small areas it holds in the Sumy "
               "region.")
    assert ("control_share", "RU", ("UA-59",), "part") in got
    got = _all("Zelensky said Ukraine was ready to hand back the territory its forces hold in "
               "the Kursk region.")
    assert all(c[0] != "control_share" for c in got)


def test_accepting_the_loss_of_regions_is_ceding_them() -> None:
    assert _all("The Kremlin wants Kyiv to accept the loss of the Zaporizhzhia and Kherson "
                "regions.") == [("demand_cede", "RU", ("UA-23", "UA-65"), "all")]
    assert _all("Kyiv will never accept the loss of Crimea, its foreign minister said.") == []


def test_ukraines_part_in_a_plan_no_side_authors_is_no_offer() -> None:
    """"Under the draft, Ukrainian forces would leave the part of Donetsk they hold": a term
    of a plan whose author is not named, no offer of Ukraine's; Russia's part in such a plan
    and a plan a side is named as authoring stay read."""
    assert [c for c in _all("Under the draft, Ukrainian forces would leave the part of the "
                            "Donetsk region they still hold.") if c[0] != "control_share"] == []
    assert _all("Under the plan, Russia would pull back from parts of the Sumy region.") == [
        ("offer_withdraw", "RU", ("UA-59",), "part")]
    assert _all("Under Moscow's proposal, Ukraine would pull its troops out of the rest of "
                "Donetsk.") == [("demand_withdraw", "RU", ("UA-14",), "all")]


def test_round_t_an_assemblys_demand_and_we_demand_that_russia_withdraw() -> None:
    """A General Assembly's demand (an aside between commas, "the Assembly's demand") is no
    side's; "We demand that Russia withdraw" is never Russia's demand of itself."""
    assert _all("The General Assembly, meeting in an emergency session, demands that the "
                "Russian Federation withdraw its forces from Ukraine.") == []
    assert _all("It reiterates the Assembly's demand that the Russian Federation withdraw all "
                "of its forces from Ukraine.") == []
    got = _all('The Russian delegate left the hall. The minister added: "We demand that '
               'Russia withdraw its troops from every inch of Ukrainian soil."')
    assert got == [("demand_withdraw", "UA", ("UA",), "all")]
