"""Cutting an article into sentences (geo.extract.text): list lines as users paste them
from messaging apps and live pages -- passages of my own."""

from __future__ import annotations

from geo.extract import extract_claims
from geo.extract.text import sentences


def test_keycap_numbers_and_arrow_bullets_start_list_items() -> None:
    text = ("*📌 SUMMARY – 14 Nov*\n"
            "1️⃣ Russia now holds 20% of Ukraine (analysts)\n"
            "2️⃣ Putin again: Ukr army must leave Donbas \"or we take it by force\"\n"
            "3️⃣ Zelensky says ready to pull troops out of part of Donbas IF peacekeepers come\n"
            "▶ ANALYSTS: RUSSIA HOLDS ~19% OF UKRAINE")
    got = [s.text[:2] for s in sentences(text)]
    assert got == ["*📌", "1️", "2️", "3️", "▶ "]
    # each line its own sentence: the offer is Zelensky's, not Putin's of the line before
    claims = [(c.kind, c.actor) for c in extract_claims(text)]
    assert ("offer_withdraw", "UA") in claims and ("offer_withdraw", "RU") not in claims
    # a line that merely starts with a number (a wrapped line) is no list item
    assert len(sentences("Russian troops hold about\n3 percent of the Sumy region.")) == 1


def test_numeric_datelines_of_european_and_asian_outlets() -> None:
    import datetime as dt

    from geo.extract.text import article_date

    today = dt.date(2026, 12, 5)
    # day first, as Ukrainian, Russian, Polish and German outlets write it
    assert article_date("Oksana Melnychuk | Translated from Ukrainian\n14.02.2025, 18:42 | "
                        "Kyiv", today=today) == (dt.date(2025, 2, 14), "14.02.2025")
    # year first with slashes ("2026/02/19 21:07 JST")
    assert article_date("2026/02/19 21:07 JST | By R. Matsukawa",
                        today=today) == (dt.date(2026, 2, 19), "2026/02/19")
    # not a date: a version number, a month past 12, a date after today
    assert article_date("Version 1.2.3 of the map, 2025 edition", today=today) is None
    assert article_date("12.31.2025 is how the US writes it", today=today) is None
    assert article_date("Published 14.02.2027", today=today) is None


def test_slashed_datelines_are_read_only_when_the_numbers_tell_day_from_month() -> None:
    import datetime as dt

    from geo.extract.text import ambiguous_date, article_date

    today = dt.date(2026, 12, 5)
    # day first (Brazil, Britain) and month first (the US), each plain from a part above 12
    assert article_date("Brasília, 25/09/2024 — 18h40", today=today) == (
        dt.date(2024, 9, 25), "25/09/2024")
    assert article_date("Houston, 09/25/2024 6:40 PM", today=today) == (
        dt.date(2024, 9, 25), "09/25/2024")
    # "12/09/2024" is 12 September or 9 December: not guessed, and said so
    head = "Brasília, 12/09/2024 — 18h40\n\nUkraine's envoy spoke."
    assert article_date(head, today=today) is None
    assert ambiguous_date(head) == "12/09/2024"
    assert ambiguous_date("Brasília, 25/09/2024") is None


def test_abbreviations_do_not_end_a_sentence() -> None:
    # AP-style months, titles, hedges and times are read inside their sentence (writer
    # 64's "Jan. 22, 2025" dates and "approx. 19.4%" figures were cut in two before)
    from geo.extract.text import sentences

    def cut(text: str) -> list[str]:
        return [s.text for s in sentences(text)]

    for text in ("On Jan. 22, 2025 Russia held 19% of Ukraine.",
                 "Sen. Graham said Russia holds 19% of Ukraine.",
                 "Russia holds approx. 19.4% of Ukraine.",
                 "Lt. Gen. Budanov said Russia holds about 19%.",
                 "At 9 a.m. Moscow time Russia held 19% of Ukraine."):
        assert cut(text) == [text]
    # a real end still ends: after a time with no zone, after a month's full name
    assert cut("He spoke at 3 p.m. Then Russia said it holds 19%.") == [
        "He spoke at 3 p.m.", "Then Russia said it holds 19%."]
    assert cut("Talks resumed in May. Russia holds 19%.") == [
        "Talks resumed in May.", "Russia holds 19%."]


def test_a_published_line_under_a_long_headline_dates_the_article() -> None:
    # writer 63's page: headline, standfirst and byline fill the first 400 characters; its
    # "Published on November 12, 2024 at 5:30 pm" line dated nothing before
    import datetime as dt

    from geo.extract.text import article_date

    head = ("LE JOURNAL | English edition | International\nA long headline about a land for "
            "peace deal\n" + "A standfirst that runs on and on about the war. " * 6
            + "\nBy A. Writer and B. Writer\n")
    assert len(head) > 400
    got = article_date(head + "Published on November 12, 2024 at 5:30 pm (Paris)\n\nText.",
                       today=dt.date(2026, 12, 5))
    assert got == (dt.date(2024, 11, 12), "November 12, 2024")
    # a date in the body, with no such line, is no article's date
    assert article_date(head + "\nRussia invaded on 24 February 2022.",
                        today=dt.date(2026, 12, 5)) is None


def test_a_bold_question_ends_its_sentence() -> None:
    # an interview's question in bold, its answer on the next line
    got = [s.text for s in sentences("**How much of Kherson do you hold?**\nAbout a quarter.")]
    assert got == ["**How much of Kherson do you hold?**", "About a quarter."]


def test_a_footnote_mark_after_a_full_stop_ends_the_sentence() -> None:
    # academic papers and encyclopedias: "... of each.³ Ukraine ...", "... region.[12] Kyiv"
    assert [s.text for s in sentences("Russia holds most of each.³ Ukraine holds a sliver.")] \
        == ["Russia holds most of each.³", "Ukraine holds a sliver."]
    assert [s.text for s in sentences("Russia holds most of it.[12] Kyiv holds the rest.")] \
        == ["Russia holds most of it.[12]", "Kyiv holds the rest."]


def test_hard_wrapped_text_is_read_as_its_sentences() -> None:
    """A plain-text newsletter wrapped at ~80 characters breaks lines inside figures and
    names; the claims are those of the unwrapped text, their spans in the text as given."""
    from geo.extract.text import unwrapped

    text = ("Kestrel's analysts sketched the bigger picture for clients. Russian forces hold "
            "roughly three\nquarters of Zaporizhzhia oblast, the briefing says, and in Donetsk "
            "they hold about 79 per\ncent of the region. Ukrainian troops, it adds, still hold "
            "a sliver of the Kursk\nregion near Sudzha.")
    got = [(c.actor, c.regions, c.value, c.qualifier, text[c.span[0]:c.span[1]])
           for c in extract_claims(text) if c.is_claim]
    assert [g[:4] for g in got] == [("RU", ("UA-23",), 75.0, "around"),
                                    ("RU", ("UA-14",), 79.0, "around"),
                                    ("UA", ("RU-KRS",), None, "part")]
    assert "three\nquarters" in got[0][4]  # the span is of the text as given
    assert len(unwrapped(text)) == len(text)


def test_unwrapping_keeps_the_breaks_of_lists_tables_and_short_lines() -> None:
    from geo.extract.text import unwrapped

    listed = ("Moscow holds roughly a fifth of the country, by our count, including:\n"
              "all of the peninsula since 2014\nmost of the Donetsk and Luhansk regions")
    assert unwrapped(listed) == listed  # after a colon, and after a short line
    table = ("| Region | Russian-held share of the region, per the tracker |\n"
             "|---|---|\n| Donetsk | 79% |")
    assert unwrapped(table) == table
    sentence_end = ("Russian forces hold most of the Luhansk region, officials said today.\n"
                    "then the session closed.")
    assert unwrapped(sentence_end) == sentence_end
    wrapped = ("Officials said that Russian forces now hold about seventy per cent  \n"
               "  of the region.")
    assert unwrapped(wrapped) == wrapped.replace("\n", " ")
