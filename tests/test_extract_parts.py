"""A sentence taken apart: sides (never the one inside a place's name), lists of places,
"the region" read as the unit named last, the qualifier of a figure-less mention."""

from __future__ import annotations

from geo.extract import extract_claims
from geo.extract.parts import LAST_UNIT, figureless, parts_of, places_from, places_in
from geo.extract.text import Sentence


def test_a_side_inside_a_place_s_name_is_not_a_side() -> None:
    p = parts_of(Sentence("Ukrainian troops still hold some 500 km² of Russia's Kursk "
                          "region.", 0))
    assert [a.side for a in p.actors] == ["UA"]
    assert [pl.codes for pl in p.places] == [("RU-KRS",)]
    assert [(f.value, f.unit, f.qualifier) for f in p.figs] == [(500.0, "km2", "around")]


def test_a_list_of_places_ends_where_the_list_does() -> None:
    text = "Russia holds Donetsk, Luhansk and the Kherson region as well as Crimea, not Sumy."
    ps, end = places_from(parts_of(Sentence(text, 0)), text.index("holds"))
    assert [p.text for p in ps] == ["Donetsk", "Luhansk", "Kherson region", "Crimea"]
    assert text[end:].startswith(", not Sumy")
    # the first place too far after the word: no list
    assert places_from(parts_of(Sentence(text, 0)), 0, limit=5) == ([], 0)
    # a list going on past the kind of its places: "people's republics and (from) the"
    text = ("Troops must withdraw from the Donetsk and Luhansk people's republics and from "
            "the Zaporizhzhia and Kherson regions, and then talk.")
    ps, end = places_from(parts_of(Sentence(text, 0)), text.index("from"))
    assert [p.codes[0] for p in ps] == ["UA-14", "UA-09", "UA-23", "UA-65"]


def test_the_region_is_the_unit_named_last_or_nothing() -> None:
    text = "Russian troops hold about 70% of the region."
    assert places_in(text) == []
    token = LAST_UNIT.set(("UA-14",))
    try:
        assert [p.codes for p in places_in(text)] == [("UA-14",)]
        # named in the same sentence, it wins over the one named before
        inline = places_in("Kherson is contested; Russia holds 70% of the region.")
        assert [p.codes for p in inline] == [("UA-65",), ("UA-65",)]
    finally:
        LAST_UNIT.reset(token)


def test_a_figureless_mention_s_qualifier() -> None:
    text = "Russia controls smaller parts of Kharkiv, most of Luhansk and all of Crimea."
    assert [figureless(text, text.index(name), default=None)
            for name in ("Kharkiv", "Luhansk", "Crimea")] == ["part", "large_part", "all"]
    assert figureless("Russia holds Donetsk", 13, default="all") == "all"


def test_our_region_tells_the_speaker_s_side_and_so_the_enemy_s() -> None:
    from geo.extract import extract_claims

    got = extract_claims('"The enemy holds no more than 1% of our Dnipropetrovsk region," '
                         "the governor wrote.")
    assert [(c.actor, c.regions, c.value, c.qualifier) for c in got] == [
        ("RU", ("UA-12",), 1.0, "under")]
    got = extract_claims("Two weeks in, the enemy holds more than 1,000 square kilometres of "
                         "our Kursk region.")
    assert [(c.actor, c.regions, c.value) for c in got] == [("UA", ("RU-KRS",), 1000.0)]


def test_the_enemy_is_the_other_side_of_the_side_named_before_it() -> None:
    parts = parts_of(Sentence("Ukraine's command said the villages are held by the enemy.", 0))
    assert [a.side for a in parts.actors] == ["UA", "RU"]
    parts = parts_of(Sentence("Russian commanders admit the enemy still holds a fifth.", 0))
    assert [a.side for a in parts.actors] == ["RU", "UA"]
    # a side named only after it (or in the sentence before) is no guide: unread
    parts = parts_of(Sentence("The enemy holds less than 78 percent, adding that Russian "
                              "troops made no gains.", 0))
    assert [a.side for a in parts.actors] == ["RU"]


def test_the_enemy_in_a_quote_is_the_other_side_of_who_said_it() -> None:
    from geo.extract import extract_claims

    # no side before it, but the speaker named after the quote (geo.extract.speaker): the
    # speaker's enemy
    got = extract_claims('"The enemy holds most of the Donetsk region now," said the '
                         "commander of a Ukrainian assault brigade.")
    assert [(c.actor, c.regions) for c in got] == [("RU", ("UA-14",))]
    got = extract_claims("“The enemy clings to a quarter of Zaporizhzhia,” wrote a Russian "
                         "war blogger.")
    assert [(c.actor, c.regions, c.value) for c in got] == [("UA", ("UA-23",), 25.0)]
    # a side named after it outside any quote is still no guide
    parts = parts_of(Sentence("The enemy holds a fifth, said officials, adding that Russian "
                              "troops made no gains.", 0))
    assert [a.side for a in parts.actors] == ["RU"]


def test_a_possessive_s_forces_are_the_side_named_before() -> None:
    from geo.extract import extract_claims

    # the side named before in the sentence ...
    got = extract_claims("Ukraine's army said its troops still hold about 300 km2 of the "
                         "Kursk region.")
    assert [(c.actor, c.regions, c.value) for c in got] == [("UA", ("RU-KRS",), 300.0)]
    # ... or the one the sentence before was about
    got = extract_claims("Kyiv's incursion shrank through the winter. At year-end its troops "
                         "held roughly 15 square kilometres of the Kursk region.")
    assert [(c.actor, c.regions, c.value) for c in got] == [("UA", ("RU-KRS",), 15.0)]


def test_the_republic_is_the_people_s_republic_named_before() -> None:
    from geo.extract import extract_claims

    got = extract_claims("The head of the Lugansk People's Republic said that more than 99% of "
                         "the republic's territory is under the control of Russian forces.")
    assert [(c.actor, c.regions, c.value) for c in got] == [("RU", ("UA-09",), 99.0)]
    # a republic that is none of them is not read as one
    assert extract_claims("The Czech Republic said that 3% of the republic's budget goes to "
                          "defence; Russia controls about 19% of Ukraine.")[0].regions == ("UA",)


def test_these_areas_are_the_places_listed_last() -> None:
    from geo.extract import extract_claims

    text = ("Mr Putin said Ukrainian forces must leave Donetsk, Luhansk, Zaporizhzhia and "
            "Kherson completely. He said Kyiv must also recognise these areas as Russian, "
            "and accept Moscow's 2014 annexation of Crimea.")
    got = [(c.kind, c.regions) for c in extract_claims(text)]
    assert got == [("demand_withdraw", ("UA-14", "UA-09", "UA-23", "UA-65")),
                   ("demand_cede", ("UA-14", "UA-09", "UA-23", "UA-65")),
                   ("demand_cede", ("UA-43", "UA-40"))]
    assert any("the places listed last before" in r for r in extract_claims(text)[1].review)
    # with no list before, "these areas" is no place
    assert [c.kind for c in extract_claims(
        "He said Kyiv must also recognise these areas as Russian.")] == []
    # ground taken in the first months of the invasion is no holding
    assert extract_claims("Russia pushed into Sumy and Kharkiv. Most of these areas were "
                          "captured in the first months of the 2022 invasion.") == []


def test_the_two_southern_regions_are_the_latest_list_that_fits() -> None:
    from geo.extract import extract_claims

    text = ("Ukraine must withdraw from the parts of the Zaporizhzhia and Kherson regions it "
            "still holds, and from Donbas entirely. Kyiv still controls roughly a quarter of "
            "each of the two southern regions.")
    assert [(c.actor, c.regions, c.value) for c in extract_claims(text)
            if c.kind == "control_share"] == [("UA", ("UA-23", "UA-65"), 25.0)]
    # no list of two southern regions before: no place
    assert [c for c in extract_claims("Moscow wants all of Donbas. Kyiv holds a quarter of "
                                      "each of the two southern regions.")
            if c.kind == "control_share"] == []


def test_a_place_a_relative_clause_says_is_held_and_this_country() -> None:
    from geo.extract import extract_claims

    assert [(c.actor, c.regions, c.qualifier) for c in extract_claims(
        "She met a family from Kherson region, which Russian troops still largely occupy, "
        "who fled in 2022.")] == [("RU", ("UA-65",), "large_part")]
    assert [(c.actor, c.regions, c.value) for c in extract_claims(
        '"Roughly a fifth of this country is occupied by Russia," she said.')] == [
        ("RU", ("UA",), 20.0)]
    assert [c.value for c in extract_claims(
        "Russia currently occupies approximately 113,000 square kilometres, or around 19 per "
        "cent, of Ukraine's internationally recognised territory.")] == [113000.0, 19.0]


def test_the_kinburn_spit_is_part_of_mykolaiv() -> None:
    from geo.extract import extract_claims

    text = ("Beyond the four regions it annexed on paper in 2022, Russia holds pockets of the "
            "Kharkiv, Sumy and Dnipropetrovsk regions, plus the Kinburn Spit in Mykolaiv.")
    assert ("RU", ("UA-48",), "part") in [(c.actor, c.regions, c.qualifier)
                                          for c in extract_claims(text)]


def test_each_region_after_a_list_and_an_ellipsis_before_of() -> None:
    from geo.extract import extract_claims

    text = ('Moscow revived its call for Kyiv to hand over the Kherson and Zaporizhzhia regions '
            '"within their administrative borders". Ukrainian forces still hold about a '
            "quarter of each region.")
    assert ("UA", ("UA-65", "UA-23"), 25.0) in [(c.actor, c.regions, c.value)
                                                for c in extract_claims(text)]
    caps = ("(ANCHOR) IN THE EAST... RUSSIAN FORCES HOLD JUST SHY OF NINETY-NINE PERCENT... OF "
            "THE LUHANSK REGION. (PAUSE)")
    assert [(c.regions, c.value, c.qualifier) for c in extract_claims(caps)] == [
        (("UA-09",), 99.0, "under")]


def test_its_forces_at_a_sentence_start_and_the_border_with_a_place() -> None:
    from geo.extract import extract_claims

    got = extract_claims("Russia controls about 113,000 square kilometres of Ukraine. Its forces "
                         "hold around 99% of the Luhansk region.")
    assert [(c.actor, c.regions, c.value) for c in got] == [
        ("RU", ("UA",), 113000.0), ("RU", ("UA-09",), 99.0)]
    # villages on the border with Donetsk region are not in it
    assert extract_claims('"The occupiers hold a few villages on the border with Donetsk '
                          'region, and we are working on them," he said.') == []


def test_the_former_and_the_latter_are_the_two_places_named_before() -> None:
    from geo.extract import extract_claims

    got = [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(
        "Luhansk and Donetsk regions remain under heavy pressure. The enemy holds almost all "
        "of the former and about three quarters of the latter.")]
    assert sorted(got, key=str) == sorted([("RU", ("UA-09",), None, "nearly_all"),
                                           ("RU", ("UA-14",), 75.0, "around")], key=str)
    # "the latter two" names no one place
    assert places_in("The Kremlin no longer insists on the latter two.") == []


def test_the_republic_is_the_people_s_republic_named_last() -> None:
    from geo.extract import extract_claims

    # another region (Kursk) named since does not make it "the republic"; "the enemy" of
    # an article in Moscow's words is Ukraine
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "The head of the Donetsk People's Republic spoke about the special military operation, "
        "the Kursk incursion and the Kiev regime's plans.\n\nBut I will be honest: the enemy "
        "still holds more than a third of the republic.")]
    assert got == [("UA", ("UA-14",), 33.3)]


def test_a_datelines_place_in_capitals_is_where_it_was_written_not_a_place_spoken_of() -> None:
    assert [p.codes for p in places_in("DONETSK, May 21 — The liberation of the city of "
                                       "Artyomovsk has been completed.")] == []
    assert [p.codes for p in places_in("KHERSON (Agency) - Shelling went on overnight.")] == []
    assert [p.codes for p in places_in("LUHANSK, 3 March: The LPR is fully liberated.")] == [
        ("UA-09",)]
    # a heading in capitals, a place in capitals inside a sentence: places
    assert [p.codes for p in places_in("ZAPORIZHZHIA - Russia holds about 73%.")] == [
        ("UA-23",)]
    assert [p.codes for p in places_in("DONETSK and Luhansk are held by Russia.")] == [
        ("UA-14",), ("UA-09",)]
    # another city's dateline: the places in capitals after it are spoken of
    assert [p.codes for p in places_in("MOSCOW, Nov 20 (Wire) - KREMLIN SAYS RUSSIAN FORCES "
                                       "NOW CONTROL MORE THAN 99 PCT OF UKRAINE'S LUHANSK "
                                       "REGION")] == [("UA-09",)]


def test_the_region_after_an_officials_title_is_the_titles_region() -> None:
    # writer 85: "the governor of Zaporizhzhia" names no ground, but "the region" after it
    got = places_in("The Moscow-installed governor of Zaporizhzhia, Sergei Moskalenko, claims "
                    "Russia controls about 73 per cent of the region.")
    assert [p.codes for p in got] == [("UA-23",)]
    # a quote put first names its region in the attribution after it
    got = places_in('"The enemy holds about 80 percent of our region," said a Ukrainian '
                    "battalion commander near Kostiantynivka in the Donetsk region.")
    assert [p.codes for p in got][0] == ("UA-14",)
    # not after a headline's colon
    got = places_in('"They want the whole region, including my street": Putin\'s terms stun '
                    "Zaporizhzhia immigrants")
    assert [p.text for p in got] == ["Zaporizhzhia"]


def test_round_f_places_and_quantities() -> None:
    # "the new territorial realities" in quotes, and the regions an apposition names
    got = places_in('Moscow says Kyiv must recognise the "new territorial realities", a '
                    "reference to the Donetsk, Luhansk, Zaporizhzhia and Kherson regions.")
    assert set(got[0].codes) == {"UA-14", "UA-09", "UA-23", "UA-65"}
    got = places_in('The Kremlin wants Kyiv to recognise "new territorial realities" -- that '
                    "is, Crimea and the four regions Putin claims -- as Russian.")
    assert set(got[0].codes) == {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"}
    # "all four" at a clause's end: the four listed before it
    got = places_in("It demands that Kyiv recognise the Donetsk, Luhansk, Zaporizhzhia and "
                    "Kherson regions as Russian, and that its troops leave all four.")
    assert got[-1].text == "all four" and len(got[-1].codes) == 4
    # "remaining part of" without its article (a headline) is all a side holds there
    text = "wants Ukraine out of remaining part of Donetsk"
    assert figureless(text, text.index("Donetsk"), default=None) == "all"
    # "parts of three villages in" is a part
    text = "The enemy holds parts of three villages in the Sumy region"
    assert figureless(text, text.index("Sumy"), default=None) == "part"


def test_round_j_shapes_of_places() -> None:
    """Round J's shapes, in my own words: "all parts of", "its territory", a fraction of
    "it", "of each" after a list, ground a side was driven from."""
    from geo.extract import extract_claims

    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, tuple(sorted(c.regions)), c.value, c.qualifier)
                for c in extract_claims(text) if c.is_claim]

    assert got("The Russian delegation demanded that Ukraine withdraw its forces from all "
               "parts of the Donetsk and Luhansk regions.") == [
        ("demand_withdraw", "RU", ("UA-09", "UA-14"), None, "all")]
    assert got("The head of the Luhansk region said Russian forces now controlled more than "
               "99% of its territory.") == [("control_share", "RU", ("UA-09",), 99.0, "over")]
    # "its" where the country is named may be the country's: not read
    assert places_in("Ukraine says Russia holds a fifth of its territory.") == []
    assert got("Donetsk region is split: Russia holds about two-thirds of it.") == [
        ("control_share", "RU", ("UA-14",), 66.7, "around")]
    assert got("Zaporizhzhia and Kherson are the prize. Russia holds about three-quarters of "
               "each.") == [("control_share", "RU", ("UA-23", "UA-65"), 75.0, "around")]
    assert got("The enemy had been driven from most of Kursk region, Russia's General Staff "
               "said.") == []


def test_round_k_shapes_of_sides() -> None:
    """Round K's shapes, in my own words: an article in Kyiv's words speaks for Kyiv; a
    possessive before a direction and its place is whose region."""
    from geo.extract import extract_claims

    def got(text: str) -> list[tuple]:  # type: ignore[type-arg]
        return [(c.kind, c.actor, tuple(sorted(c.regions)), c.value, c.qualifier)
                for c in extract_claims(text) if c.is_claim]

    # lower-case "russia" is Kyiv's officials' style: "the enemy" is Russia
    assert got("KHARKIV — A week after russian troops crossed the border, the enemy controls "
               "less than 2% of the region's territory, the russian side's losses mount and "
               "russia's plan has failed.") == [("control_share", "RU", ("UA-63",), 2.0, "under")]
    assert got("Ukrainian units now control several villages in Luhansk region.") == [
        ("control_share", "UA", ("UA-09",), None, "part")]
    assert got("Under full Ukrainian control:\n— Kyiv, Chernihiv and Sumy regions;") == [
        ("control_share", "UA", ("UA-32", "UA-59", "UA-74"), None, "all")]


def test_an_ampersand_joins_a_list_of_places() -> None:
    """"Zaporizhzhia & Kherson" (a social post's or a caption's list) is one list."""
    got = [(c.regions, c.value) for c in extract_claims(
        "Russia holds about 74% of Zaporizhzhia & Kherson.") if c.is_claim]
    assert got == [(("UA-23", "UA-65"), 74.0)]


def test_round_u_most_of_them_where_the_areas_lie_is_not_a_share() -> None:
    got = [(c.regions, c.qualifier) for c in extract_claims(
        "Moscow's troops also occupy small patches of the Sumy and Kharkiv regions, most of "
        "them near the border.")]
    assert got == [(("UA-59", "UA-63"), "part")]


def test_round_u_our_region_is_the_one_the_speakers_title_names() -> None:
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "Talks about Kherson and Donetsk go on. \"The occupiers hold about 60 percent of our "
        "region,\" said Olha Marchuk, head of the Kharkiv Regional Military Administration.")
        if c.kind == "control_share"]
    assert got == [("RU", ("UA-63",), 60.0)]


def test_round_u_a_list_goes_on_past_an_aside_of_what_is_included() -> None:
    got = [(c.kind, c.regions) for c in extract_claims(
        "The Kremlin's terms call for Ukraine's forces to leave the whole of the Zaporizhzhia "
        "region, its capital included, as well as Donetsk and Kherson.")]
    assert got == [("demand_withdraw", ("UA-23", "UA-14", "UA-65"))]


def test_round_u_the_occupied_territories_of_a_region_are_a_part_held() -> None:
    got = [(c.actor, c.regions, c.qualifier) for c in extract_claims(
        "Teachers in the temporarily occupied territories of the Kherson region are paid "
        "by Kyiv.")]
    assert got == [("RU", ("UA-65",), "part")]


def test_round_u_a_region_a_boundary_runs_with_is_not_the_region_spoken_of() -> None:
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "Moscow says the Luhansk region is fully liberated. Kyiv says its troops still hold a "
        "few villages of the region near the boundary with the Kharkiv and Donetsk regions. "
        "Mappers say Russia holds more than 99% of the region.") if c.value is not None]
    assert got == [("RU", ("UA-09",), 99.0)]


def test_round_v_the_former_and_the_latter_in_one_sentence() -> None:
    got = [(c.regions, c.value) for c in extract_claims(
        "In Kherson and Zaporizhzhia regions, Russia holds about 72% of the former and "
        "roughly 74% of the latter.")]
    assert got == [(("UA-65",), 72.0), (("UA-23",), 74.0)]


def test_round_v_a_pocket_of_a_countrys_own_region() -> None:
    got = [(c.actor, c.regions, c.qualifier) for c in extract_claims(
        "Kyiv's troops, for their part, still hold a foothold in Russia's own Belgorod region.")]
    assert got == [("UA", ("RU-BEL",), "part")]


def test_round_z_the_first_and_the_second_of_two_places_named_before() -> None:
    got = [(c.regions, c.value) for c in extract_claims(
        "Now to the south: Zaporizhzhia and Kherson. Moscow holds roughly 75% of the first "
        "and about 72% of the second.") if c.is_claim]
    assert got == [(("UA-23",), 75.0), (("UA-65",), 72.0)]
    # "the first" with a noun after it is no place
    got = [(c.regions, c.value) for c in extract_claims(
        "Zaporizhzhia and Kherson were shelled. For the first time since May, Russia holds "
        "about 19% of Ukraine, and the second front is quiet.") if c.is_claim]
    assert got == [(("UA",), 19.0)]


def test_round_y_the_left_bank_of_the_dnipro_in_a_region_is_a_part_of_it() -> None:
    got = [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(
        "Russian troops still hold the east bank of the Dnipro in Kherson oblast.")
        if c.is_claim]
    assert got == [("RU", ("UA-65",), None, "part")]
