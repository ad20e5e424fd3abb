"""Who speaks (geo.extract.speaker): transcript turns, quotations with their speaker named,
paragraphs introduced as a side's words -- and the sides "we", "our troops", "they" and
"the enemy" take in the claims. Passages of my own."""

from __future__ import annotations

from geo.extract import extract_claims
from geo.extract.speaker import voice_at, voices


def _got(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.kind, c.actor, c.regions, c.value) for c in extract_claims(text)
            if c.kind != "pace" and c.is_claim]


_TRANSCRIPT = """\
KYIV EVENING -- full transcript, translated from Ukrainian
Guest: Deputy Defence Minister Olena Hrytsenko

PRESENTER: Good evening. How much of Donetsk do we still hold?
HRYTSENKO: About a fifth of the region. The enemy controls the rest, and they pay for every
metre.
PRESENTER: And in the south?
HRYTSENKO: Our troops hold the right bank of the Dnipro. The occupiers hold about 73 per cent
of the Kherson region.
"""


def test_a_transcript_s_turns_speak_for_the_speaker_s_side() -> None:
    vs = voices(_TRANSCRIPT)
    # the presenter asks; the minister speaks for Ukraine (the transcript's language: no
    # side is named beside her)
    assert {v.side for v in vs} == {"UA"}
    minister = _TRANSCRIPT.index("About a fifth")
    v = voice_at(vs, minister)
    assert v is not None and v.side == "UA" and "translated from ukrainian" in v.why
    assert v.end <= _TRANSCRIPT.index("PRESENTER: And")
    got = _got(_TRANSCRIPT)
    assert ("control_share", "RU", ("UA-65",), 73.0) in got
    # the answer read with its question: "we" is Ukraine
    assert ("control_share", "UA", ("UA-14",), 20.0) in got


def test_a_label_s_description_names_the_side() -> None:
    text = ("EVENING FRONT\n\nHOST: Where does the line run now?\n"
            "COL. IVAN PETRENKO (Ukrainian brigade commander): We still hold roughly 4,300 km2 "
            "of Donetsk, and the enemy holds less than a quarter of Kharkiv region.\n"
            "HOST: Thank you, colonel.\n")
    got = _got(text)
    assert ("control_area", "UA", ("UA-14",), 4300.0) in got
    assert ("control_share", "RU", ("UA-63",), 25.0) in got
    # the review says how the speaker's side was known
    (we,) = [c for c in extract_claims(text) if c.actor == "UA"]
    assert "the speaker's label 'COL. IVAN PETRENKO (Ukrainian brigade commander)'" in \
        " ".join(we.review)
    # the host has no side: no span of his
    assert all(text[v.start:v.end].startswith("We still") for v in voices(text))


def test_a_quotation_speaks_for_the_speaker_named_beside_it() -> None:
    assert _got('"Our troops control more than 80 per cent of the Donetsk region," a Russian '
                "general told reporters.") == [("control_share", "RU", ("UA-14",), 80.0)]
    assert _got('"We still hold about 4,000 square kilometres of Donetsk," said a Ukrainian '
                "battalion commander.") == [("control_area", "UA", ("UA-14",), 4000.0)]
    # the speaker before the quotation, and a speaker known by name
    assert _got('Russia\'s deputy foreign minister said: "The enemy holds less than 1% of '
                'the Luhansk region."') == [("control_share", "UA", ("UA-09",), 1.0)]
    assert _got('"Every metre of Luhansk is under our control," Peskov told reporters.') == [
        ("control_share", "RU", ("UA-09",), None)]


def test_a_paragraph_introduced_as_a_side_s_words() -> None:
    text = ("Posts of the week.\n\n"
            "Ukrainian MP, on Telegram (translated from Ukrainian):\n"
            '"The enemy holds around 83% of Donetsk oblast. We will not give up the rest."\n\n'
            "Russian war blogger, on Telegram:\n"
            '"The enemy still holds about a fifth of the Donetsk People\'s Republic."\n')
    assert _got(text) == [("control_share", "RU", ("UA-14",), 83.0),
                          ("control_share", "UA", ("UA-14",), 20.0)]


def test_they_is_the_side_the_speaker_fights() -> None:
    # a Ukrainian speech: "they" want "us" to leave (read as Ukraine before: the side the
    # heading named)
    text = ("From the President's address to Ukrainian ambassadors (translated):\n"
            '"They want us to leave Donbas and call it a compromise. We will not do it."')
    got = [(c.kind, c.actor, c.target) for c in extract_claims(text)]
    assert got == [("demand_withdraw", "RU", "UA")]
    # "our territory" is Ukraine's, said for Ukraine
    assert _got('"The occupiers hold roughly 19 per cent of our territory," a Ukrainian '
                "minister said.") == [("control_share", "RU", ("UA",), 19.0)]


def test_a_side_only_named_near_the_speaker_is_not_the_speaker_s() -> None:
    # a press conference "on Ukraine" by a third country's minister: no side, no span
    text = ("Press conference by Foreign Minister Anna de Wit after the meeting on Ukraine\n\n"
            "MINISTER DE WIT: We have heard that Russia would pull its troops out of Sumy. "
            "We agreed to keep our sanctions in place.\n"
            "Q (Radio Noord): And Crimea?\n"
            "MINISTER DE WIT: Our position has not changed since 2014.\n")
    assert voices(text) == ()
    # an analyst's "they" keeps the side the sentence before named
    text = ("ANCHOR: Russian television says Russian troops control half of the Kharkiv "
            "region. Is that right?\nANALYST: No. They hold under five percent of Kharkiv "
            "region.\n")
    assert ("control_share", "RU", ("UA-63",), 5.0) in _got(text)


def test_no_speaker_no_side_for_we() -> None:
    # a columnist's "we" is no side of the war
    assert _got("We now know that Russia controls about 19% of Ukraine.") == [
        ("control_share", "RU", ("UA",), 19.0)]
    assert voices("We still hold the line, our readers write.") == ()


def test_he_said_is_the_one_the_sentence_before_names() -> None:
    text = ("Zelensky has been speaking to journalists in Kyiv. \"We are ready to withdraw "
            "our troops from the part of Donbas we hold, but only if Russian troops also "
            "step back,\" he said.")
    got = [(c.kind, c.actor, c.regions, c.qualifier) for c in extract_claims(text)]
    assert got == [("offer_withdraw", "UA", ("UA-14", "UA-09"), "all")]
    v = voices(text)
    assert len(v) == 1 and v[0].side == "UA" and "named before" in v[0].why


def test_a_text_translated_from_one_side_s_language_speaks_for_it() -> None:
    post = ("[Translated from Russian. Telegram channel of a war correspondent, 3 May 2026]\n"
            "Evening summary. The DPR is more than 85% liberated now. The enemy holds less "
            "than 15% of the DPR: the Slavyansk-Kramatorsk agglomeration and a strip "
            "around it.\n")
    got = [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(post)]
    assert got == [("RU", ("UA-14",), 85.0, "over"), ("UA", ("UA-14",), 15.0, "under")]
    # "liberated" in a Ukrainian text is no holding claim (a gain), as before
    ua = post.replace("Russian", "Ukrainian").replace("DPR is more than 85% liberated",
                                                      "Kherson city was liberated in 2022")
    assert [c.kind for c in extract_claims(ua) if c.kind == "control_share"
            and c.actor == "UA" and c.regions == ("UA-65",)] == []
    # the heading must say so near the top: a translation note at the foot is no speaker
    foot = "Russia holds about 19% of Ukraine.\n" + "Filler line.\n" * 8 + \
        "Translated from Russian by our desk."
    assert voices(foot) == ()


def test_a_regional_military_administration_is_ukraine_s() -> None:
    from geo.extract import extract_claims

    text = ('The Dnipro splits the Kherson region in two. "We control the right bank - about '
            '30% of the region - and we will return the rest," the head of the regional '
            'military administration said.')
    assert [(c.actor, c.regions, c.value) for c in extract_claims(text)] == [
        ("UA", ("UA-65",), 30.0)]


def test_a_speaker_introduced_by_the_side_right_before_the_name() -> None:
    from geo.extract import extract_claims

    text = ("A week after Vladimir Putin set out his conditions for peace, we spoke to the "
            "Ukrainian MP Taras Bondarenko about ultimatums.\n\n"
            "Horyzont: What is your position?\n\n"
            "Bondarenko: We demand the full withdrawal of Russian forces to the borders of "
            "1991.\n")
    assert [(c.kind, c.actor, c.regions) for c in extract_claims(text)] == [
        ("demand_withdraw", "UA", ("UA",))]


def test_they_first_in_a_speaker_s_words_is_the_other_side() -> None:
    from geo.extract import extract_claims

    got = extract_claims('"They have a foothold in Dnipropetrovsk region, yes, a few '
                         'villages," a Ukrainian brigade officer admitted on 24 September.')
    assert [(c.actor, c.regions, c.qualifier) for c in got] == [("RU", ("UA-12",), "part")]
    assert "the side the speaker fights" in got[0].review[0]


def test_round_n_a_quotation_after_made_the_threat_is_its_speakers() -> None:
    text = ('A Russian negotiator made the threat: "Today we ask for Donbas, tomorrow we '
            'will ask for more."')
    v = voice_at(voices(text), text.index("we ask"))
    assert v is not None and v.side == "RU"


def test_round_u_a_quotations_speaker_on_the_line_after_a_dash() -> None:
    text = ('"We hold roughly a quarter of the Zaporizhzhia region. Not one metre more '
            'will go."\n- Maj. Ihor Sokil, a Ukrainian battalion commander')
    got = [(c.actor, c.regions, c.value) for c in extract_claims(text)]
    assert got == [("UA", ("UA-23",), 25.0)]
