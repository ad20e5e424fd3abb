"""Who demands what of whom (:mod:`geo.extract.demanders`): the side that demands, not the
first one named; who was told or handed a demand; a condition for stopping; a leader's
proposal; the side that offers; a counterfactual is nobody's demand."""

from __future__ import annotations

import re

from geo.extract import extract_claims
from geo.extract.demanders import conditional_demand, offering_side
from geo.extract.lexicon import CUES
from geo.extract.parts import parts_of
from geo.extract.text import Sentence


def _got(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, tuple(sorted(c.regions))) for c in extract_claims(text)
            if c.kind.startswith(("demand", "offer"))]


def test_the_one_who_demands_is_the_author_not_the_first_name() -> None:
    text = ("After a summit with the US president, the Kremlin leader demanded that Kyiv pull "
            "out of the 30% of the region it still holds.")
    got = extract_claims("Trump and Putin met to discuss Donetsk. " + text)
    # "the region": Donetsk, named before; "the 30 % it still holds" is Ukraine's holding
    # (the demand is all of it, as docs/claim-annotation.md records it; the share is kept)
    assert [(c.kind, c.actor, c.regions, c.value, c.held) for c in got] == [
        ("demand_withdraw", "RU", ("UA-14",), None, (30.0, "exact")),
        ("control_share", "UA", ("UA-14",), 30.0, None)]
    said = extract_claims("Donald Trump said Vladimir Putin wants Ukraine to give up all of "
                          "Donetsk.")
    assert [(c.kind, c.actor) for c in said] == [("demand_cede", "RU")]


def test_he_who_demands_a_side_s_withdrawal_is_the_other_side() -> None:
    # "he" would be Ukraine, the side the sentence before named first; no side demands
    # its own withdrawal
    got = extract_claims("Ukraine's army still holds Kramatorsk. He demanded in June 2024 "
                         "that Ukraine withdraw from all four regions.")
    demand = [c for c in got if c.kind == "demand_withdraw"]
    assert [(c.actor, c.target) for c in demand] == [("RU", "UA")]
    assert any("asked to leave" in r for r in demand[0].review)


def test_a_condition_for_stopping_is_the_other_side_s_demand() -> None:
    from geo.extract import extract_claims

    got = [(c.kind, c.actor, c.regions, c.review[0]) for c in extract_claims(
        "If the Kiev authorities withdraw their troops from the territory of Donbass, "
        "hostilities there will cease, Putin said.")]
    assert got == [("demand_withdraw", "RU", ("UA-14", "UA-09"),
                    "a condition ('If') on Ukraine for stopping: read as Russia's demand")]
    got = [(c.kind, c.actor, c.regions) for c in extract_claims(
        "Moscow is ready to pull its troops out of the small areas it holds in the Sumy and "
        "Kharkiv regions if Kyiv gives up Donetsk, a source said.")]
    assert ("demand_cede", "RU", ("UA-14",)) in got
    # a withdrawal that happened is nobody's demand
    assert extract_claims("Russian troops withdrew from Kherson city in November 2022 after "
                          "Ukraine advanced.") == []


def test_who_was_told_is_not_who_demands() -> None:
    from geo.extract import extract_claims

    got = [(c.kind, c.actor, c.regions) for c in extract_claims(
        "The Kremlin has told US envoys that it wants Kyiv to hand over the remainder of "
        "Donetsk as a condition of any ceasefire.")]
    assert got == [("demand_cede", "RU", ("UA-14",))]


def test_who_is_handed_a_demand_is_not_its_author() -> None:
    text = ("Russia's negotiators handed the Ukrainian delegation a memorandum demanding "
            "that Kyiv withdraw its forces from Donetsk and Luhansk regions.")
    got = extract_claims(text)
    assert [(c.kind, c.actor) for c in got] == [("demand_withdraw", "RU")]
    assert "who was told or handed it" in got[0].review[0]


def test_a_leader_s_proposal_is_a_demand_a_third_party_s_is_none() -> None:
    # writer 72: "the Russian president had proposed that Kiev hand over ..."
    assert _got("Newspapers reported that the Russian president had proposed that Kiev hand "
                "over the rest of the Donetsk People's Republic.") == [
        ("demand_cede", "RU", ("UA-14",))]
    assert _got("European leaders proposed that Russia withdraw from Zaporizhzhia.") == []


def test_telling_and_calling_on_a_side_to_leave_is_a_demand() -> None:
    assert _got("Kremlin tells Kyiv to pull troops out of Donbas as envoys regroup.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"))]
    assert _got("Moscow continues to call on Kyiv to withdraw all of its forces from the "
                "Kherson region.") == [("demand_withdraw", "RU", ("UA-65",))]
    # US officials who tell Kyiv it should cede: the United States' demand (writer 75)
    assert _got("US officials tell Kyiv it should cede the rest of Donbas, people familiar "
                "with the talks say.") == [("demand_cede", "US", ("UA-09", "UA-14"))]
    # allies calling on Russia to leave: nobody's demand of the two sides (writer 6's)
    assert _got("Allies call on Russia to withdraw all of its forces from Ukraine.") == []


def test_a_condition_is_a_demand_but_a_counterfactual_is_not() -> None:
    assert _got("The Kremlin says any cease-fire depends on Ukraine pulling its troops out of "
                "the Donbas.") == [("demand_withdraw", "RU", ("UA-09", "UA-14"))]
    text = "If Ukraine gave up Donetsk without guarantees, the next war would start."
    verb = CUES["cede"].search(text)
    assert verb is not None
    assert conditional_demand(parts_of(Sentence(text, 0)), verb) is None
    assert _got(text) == []


def test_the_side_an_offer_word_follows_offers() -> None:
    # writer 75: "Moscow had signalled it was ready": Moscow offers, not the negotiator
    text = ("A Ukrainian negotiator said Moscow had signalled it was ready to pull back from "
            "the Sumy region.")
    offer = re.search(r"ready", text)
    assert offer is not None
    assert offering_side(parts_of(Sentence(text, 0)), offer) == "RU"
    assert _got(text) == [("offer_withdraw", "RU", ("UA-59",))]


def test_a_source_set_between_commas_is_not_who_demands() -> None:
    # writer 87: the US officials are the source, Putin the one who wants
    assert _got("Putin, according to US officials briefed on his meeting with Donald Trump in "
                "Alaska on Friday, wants Kyiv to give up the rest of Donbas in exchange for a "
                "halt to the fighting.") == [("demand_cede", "RU", ("UA-09", "UA-14"))]
    assert _got("Washington, citing Kremlin sources, says Moscow wants Kyiv to give up the rest"
                " of Donbas.") == [("demand_cede", "RU", ("UA-09", "UA-14"))]


def test_who_was_told_or_talked_with_and_a_speaker_aside_are_not_who_demands() -> None:
    # writers 46, 69, 62, 57: the one told, talked with or conveyed to
    assert _got("Vladimir Putin has told Donald Trump that the war can end only if Ukraine "
                "pulls its troops out of the part of Donetsk it still controls.") == [
        ("demand_withdraw", "RU", ("UA-14",))]
    assert _got("The Kremlin has conveyed to Washington a new set of conditions, the central "
                "one being that Ukraine withdraw its troops from Donetsk.") == [
        ("demand_withdraw", "RU", ("UA-14",))]
    assert _got("Putin spoke to Trump. According to people briefed on his phone call with Mr "
                "Trump, he again demanded that Ukraine surrender the rest of Donetsk.") == [
        ("demand_cede", "RU", ("UA-14",))]
    # writers 42, 49: a speaker between commas
    assert _got("Ukrainian forces, he said, must leave the four regions before any ceasefire "
                "can hold.") == [("demand_withdraw", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"))]
    assert _got("The central demand, a Kremlin foreign-policy aide adds later, remains that "
                "Kyiv withdraw its forces from the Donbas.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"))]
    # writer 58: whose ultimatum the words name
    assert _got("The demand is narrower than Putin's June 2024 ultimatum that Kyiv pull out of"
                " all four oblasts.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"))]
    # writer 84: "the Kiev regime's troops must leave" is asked of Kyiv
    assert _got("Russia holds most of Zaporozhye and Kherson. The Kiev regime's troops must "
                "leave these regions.") == [("demand_withdraw", "RU", ("UA-23", "UA-65"))]


def test_terms_set_out_by_a_leader_are_that_leader_s_sides() -> None:
    # writer 88: a list of terms whose opening line names who set them out
    assert _got("What has Moscow demanded?\nThe terms, first set out by President Putin in "
                "June and repeated by the Foreign Ministry this week, are:\n• the complete "
                "withdrawal of Ukrainian troops from the DPR, the LPR and the Zaporozhye and "
                "Kherson regions;") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14", "UA-23", "UA-65"))]


def test_round_f_who_demands() -> None:
    # "when he called for": "he", the leader the sentence named, not the first demand word
    assert _got("The new demand is narrower than the one Putin set out last year, when he "
                "called for Ukraine to withdraw from the Zaporizhzhia and Kherson regions.") == [
        ("demand_withdraw", "RU", ("UA-23", "UA-65"))]
    # a label "Demands:" is not the demand's word
    assert _got("Demands: the memorandum Russia presented in Istanbul requires Ukraine to "
                "withdraw from the Luhansk region.") == [("demand_withdraw", "RU", ("UA-09",))]
    # the country a war is in is not a plan's author
    assert _got("A US-drafted framework for ending the war in Ukraine would require Kyiv to "
                "pull its forces out of the Donetsk region.") == [
        ("demand_withdraw", "US", ("UA-14",))]
    # an envoy named between commas who told the other side: the United States' demand
    assert _got("A senior U.S. envoy, Mark Ellison, told Ukrainian officials last week that "
                "Ukraine should cede the Donetsk territory it still holds.") == [
        ("demand_cede", "US", ("UA-14",))]


def test_a_reporter_s_question_and_a_headline_above_are_not_the_demand() -> None:
    assert _got("09:40 Kremlin: Kyiv 'knows the conditions'\nAsked about the Berlin meeting, "
                "the Kremlin's spokesman said there would be no ceasefire until Ukrainian "
                'troops "leave the territory of the DPR and LPR".') == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"))]


def test_round_n_a_source_between_commas_is_not_who_demands() -> None:
    got = [(c.kind, c.actor) for c in extract_claims(
        "The Kremlin's paper, as described by diplomats briefed by the Ukrainian side, "
        "demands that Ukraine pull its troops out of the Kherson region.") if c.is_claim]
    assert got == [("demand_withdraw", "RU")]
    # a bare demand for ground in a quotation, a source set between commas before it
    got = [(c.kind, c.actor, tuple(sorted(c.regions))) for c in extract_claims(
        "The head of the Russian team, according to people from the Ukrainian side, "
        "threatened: \"Now we want Donbas, later we will want Odesa.\"") if c.is_claim]
    assert got == [("demand_cede", "RU", ("UA-09", "UA-14"))]


def test_round_n_demanded_from_the_other_side_to_in_translation() -> None:
    """A translation's word order: the subject demands it of the side after "from"."""
    got = [(c.kind, c.actor, tuple(sorted(c.regions))) for c in extract_claims(
        "Moscow demanded from Kiev to withdraw the army from the Zaporozhye region.")
        if c.is_claim]
    assert got == [("demand_withdraw", "RU", ("UA-23",))]
    # a demand (noun) from a side: that side's
    got = [(c.kind, c.actor) for c in extract_claims(
        "A demand from Kyiv that Russia pull its troops out of the Kharkiv region was "
        "read out.") if c.is_claim]
    assert got == [("demand_withdraw", "UA")]


def test_round_r_who_was_told_by_title_and_name_is_not_the_demander() -> None:
    """"Putin told US President Donald Trump that he wants ...": the one who told demands,
    however long the title and name of the one told; "repeated to" tells too."""
    for text in ("Vladimir Putin told US President Donald Trump in Alaska that he wants "
                 "Ukraine to give up all of Donetsk.",
                 "Putin repeated to US Secretary of State Marco Rubio his demand that Kyiv "
                 "hand over the rest of Donetsk."):
        got = [(c.kind, c.actor) for c in extract_claims(text) if c.is_claim]
        assert got == [("demand_cede", "RU")], text
    got = [(c.kind, c.actor) for c in extract_claims(
        "Trump told Putin that he wants Russia to withdraw from Kherson.") if c.is_claim]
    assert got == [("demand_withdraw", "US")]


def test_round_r_the_side_that_would_meet_the_conditions_is_asked() -> None:
    """"Moscow would agree to talks if Kyiv met the following conditions:" + items: the
    side that would meet them is asked; the other side demands."""
    text = ("The Kremlin said it would agree to a truce if Kyiv accepted the following "
            "conditions:\n• Ukrainian forces to leave the Zaporizhzhia and Kherson regions\n"
            "• Ukraine to recognise Crimea as Russian territory")
    got = sorted((c.kind, c.actor) for c in extract_claims(text) if c.is_claim)
    assert got == [("demand_cede", "RU"), ("demand_withdraw", "RU")]


def test_round_u_and_it_must_leave_after_the_sides_own_clause() -> None:
    got = [(c.kind, c.actor) for c in extract_claims(
        "Kyiv still holds about a third of the Zaporizhzhia region, and it must leave that "
        "territory, the Russian envoy said.") if c.kind.startswith("demand")]
    assert got == [("demand_withdraw", "RU")]


def test_round_u_and_it_must_be_recognised_is_not_a_side_to_leave() -> None:
    got = [(c.kind, c.actor) for c in extract_claims(
        "Russia holds Crimea, and it must be recognised as Russian, the Kremlin says.")
        if c.kind.startswith("demand")]
    assert got == [("demand_cede", "RU")]


def test_round_v_the_us_tells_past_an_according_to_aside() -> None:
    got = [(c.kind, c.actor) for c in extract_claims(
        "Washington, according to two diplomats briefed on the talks, has told Kyiv it should "
        "pull its troops out of the rest of the Donetsk region.") if c.kind.startswith("demand")]
    assert got == [("demand_withdraw", "US")]


def test_the_side_a_plan_is_shown_to_is_not_its_author() -> None:
    """"A draft drawn up by Russian negotiators and handed to Kyiv ... would require Ukraine
    to withdraw": Russia's demand, not Ukraine's."""
    got = [(c.kind, c.actor, c.regions) for c in extract_claims(
        "A draft settlement drawn up by Russian negotiators and handed to Kyiv on Tuesday "
        "would require Ukraine to withdraw from the rest of the Donetsk region.")]
    assert got == [("demand_withdraw", "RU", ("UA-14",))]
