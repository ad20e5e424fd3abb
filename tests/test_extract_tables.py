"""Tables in articles: found whatever their dividers, read by their header (who holds
each column), never read as prose; offsets point into the article."""

from __future__ import annotations

from geo.extract import extract_claims
from geo.extract.tables import mask_tables, table_claims, tables

MARKDOWN = """How the map looks now:

| Oblast        | People (2001) | Russian-held | Ukrainian-held |
|:--------------|--------------:|-------------:|---------------:|
| Luhansk       | 2.5m          | 99%          | 1%             |
| Zaporizhzhia  | 1.9m          | ~74%         | ~26%           |

Source: the paper's own count.
"""


def _rows(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.actor, c.regions, c.value, c.unit, c.qualifier)
            for t in tables(text) for c in table_claims(t)]


def test_a_markdown_table_is_read_by_its_header() -> None:
    found = tables(MARKDOWN)
    assert len(found) == 1 and len(found[0].rows) == 3  # the rule line is no row
    assert found[0].caption == "How the map looks now:"
    # the population column names no holding: never read
    assert _rows(MARKDOWN) == [
        ("RU", ("UA-09",), 99.0, "percent", "exact"), ("UA", ("UA-09",), 1.0, "percent", "exact"),
        ("RU", ("UA-23",), 74.0, "percent", "around"),
        ("UA", ("UA-23",), 26.0, "percent", "around")]
    claim = table_claims(found[0])[2]
    assert MARKDOWN[claim.span[0]:claim.span[1]].startswith("Zaporizhzhia")
    assert "column 'Russian-held'" in claim.review[0]


def test_tables_without_outer_bars_with_tabs_or_without_a_header() -> None:
    bare = "Region | Held by Ukraine (km2)\nKursk | 150\nBelgorod | about 40\n"
    assert _rows(bare) == [("UA", ("RU-KRS",), 150.0, "km2", "exact"),
                           ("UA", ("RU-BEL",), 40.0, "km2", "around")]
    tabbed = "Region\tOccupied (%)\nKherson\t73\n"
    got = [c for t in tables(tabbed) for c in table_claims(t)]
    assert [(c.actor, c.regions, c.value) for c in got] == [("RU", ("UA-65",), 73.0)]
    assert "'occupied' read as held by Russia" in got[0].review[0]
    headless = "Share of each oblast under Russian control:\nDonetsk | 79%\nSumy | 2%\n"
    assert _rows(headless) == [("RU", ("UA-14",), 79.0, "percent", "exact"),
                               ("RU", ("UA-59",), 2.0, "percent", "exact")]


def test_what_is_not_a_table_or_names_no_holder() -> None:
    # one line with bars (share buttons), and a table of losses: nothing
    assert tables("Share: Facebook | X | Email\nThe talks went on.") == []
    losses = "Oblast | Homes destroyed\nKharkiv | 40%\nSumy | 12%\n"
    assert len(tables(losses)) == 1 and _rows(losses) == []


def test_a_table_is_never_read_as_prose_and_offsets_stay() -> None:
    masked = mask_tables(MARKDOWN, tables(MARKDOWN))
    assert len(masked) == len(MARKDOWN) and masked.count("\n") == MARKDOWN.count("\n")
    assert "Russian-held" not in masked and masked.startswith("How the map looks now:")
    # the article reads the table once, by its columns, and the prose around it
    claims = extract_claims("Russia holds about 19% of Ukraine.\n\n" + MARKDOWN)
    assert [(c.actor, c.regions, c.value) for c in claims] == [
        ("RU", ("UA",), 19.0), ("RU", ("UA-09",), 99.0), ("UA", ("UA-09",), 1.0),
        ("RU", ("UA-23",), 74.0), ("UA", ("UA-23",), 26.0)]


def test_a_share_column_takes_the_side_of_its_table_and_a_total_is_the_country() -> None:
    text = ("What we found\n\n"
            "| Region | Russian-held (km²) | Share of region |\n"
            "|---|---|---|\n"
            "| Luhansk | 26,550 | 99.5% |\n"
            "| Kharkiv | 1,160 | 3.7% |\n"
            "| Total | 115,800 | 19.2% |\n")
    assert _rows(text) == [("RU", ("UA-09",), 26550.0, "km2", "exact"),
                           ("RU", ("UA-09",), 99.5, "percent", "exact"),
                           ("RU", ("UA-63",), 1160.0, "km2", "exact"),
                           ("RU", ("UA-63",), 3.7, "percent", "exact"),
                           ("RU", ("UA",), 115800.0, "km2", "exact"),
                           ("RU", ("UA",), 19.2, "percent", "exact")]
    # a table with columns for both sides: a share column naming neither stays unread
    both = ("| Region | Russian-held | Ukrainian-held | Share of front |\n"
            "| Donetsk | 79% | 21% | 40% |\n")
    assert [r[:3] for r in _rows(both)] == [("RU", ("UA-14",), 79.0), ("UA", ("UA-14",), 21.0)]
    # a total under places that are not Ukraine's is not the country's
    kursk = "| Region | Held by Ukraine (km²) |\n| Kursk | 500 |\n| Total | 500 |\n"
    assert _rows(kursk) == [("UA", ("RU-KRS",), 500.0, "km2", "exact")]


def test_a_table_aligned_with_spaces_is_read_by_its_columns() -> None:
    text = ("Share of each region held by Russian forces, as of Oct 20:\n\n"
            "Region            Russian-held\n"
            "Luhansk           at least 99%\n"
            "Donetsk           about 78%\n"
            "Sumy              a few villages\n"
            "Ukraine overall   about 19%\n\n"
            "Russian forces have taken about 3,800 km² so far this year.")
    found = tables(text)
    assert len(found) == 1 and len(found[0].rows) == 5
    assert _rows(text) == [("RU", ("UA-09",), 99.0, "percent", "over"),
                           ("RU", ("UA-14",), 78.0, "percent", "around"),
                           ("RU", ("UA-59",), None, None, "part"),
                           ("RU", ("UA",), 19.0, "percent", "around")]
    # read once, as a table: no row is also a list item claiming all of its region
    claims = [c for c in extract_claims(text) if c.is_claim]
    assert len(claims) == 4 and all(c.qualifier != "all" for c in claims)
    # prose with two spaces after a full stop, or lines not in one column, is no table
    assert tables("Russia holds 19%.  Kyiv disputes it.\nTalks resume.  Nobody expects "
                  "much.\nThe end.  Really.") == []
    assert tables("Luhansk   99%\nDonetsk  78%\nKherson       73%") == []


def test_a_table_whose_columns_are_times_holds_its_latest_column() -> None:
    # the holder from the caption; the latest date is what is held, the other column an
    # earlier figure (a note); "Ukraine (total, incl. Crimea)" is the country, not Crimea
    text = ("Table 2. Share of each oblast held by Russia\n\n"
            "Oblast        | 31 Dec 2024 | 30 Jun 2025\n"
            "Donetsk       | 66.0%       | 73.5%\n"
            "Kharkiv       | 3.1%        | 4.2%\n"
            "Ukraine (total, incl. Crimea) | 18.2% | 18.9%\n")
    claims = [c for c in extract_claims(text) if c.kind != "pace"]
    assert [(c.actor, c.regions, c.value, c.status) for c in claims] == [
        ("RU", ("UA-14",), 66.0, "earlier"), ("RU", ("UA-14",), 73.5, None),
        ("RU", ("UA-63",), 3.1, "earlier"), ("RU", ("UA-63",), 4.2, None),
        ("RU", ("UA",), 18.2, "earlier"), ("RU", ("UA",), 18.9, None)]
    assert [c.value for c in claims if c.is_claim] == [73.5, 4.2, 18.9]
    assert "the table's latest" in claims[1].review[-1]


def test_rows_that_name_their_holder_under_times_said_in_words() -> None:
    # "This week" beside "Previous week"; each row names its holder and place; a gain row
    # is no holding
    text = ("Key figures, week to 9 April\n\n"
            "Measure                                  | This week  | Previous week\n"
            "Territory held by Russia in Ukraine      | 116,310 km2 | 116,220 km2\n"
            "Ukrainian-held territory in Kursk Oblast | ~80 km2     | ~210 km2\n"
            "Russian net gain in Ukraine              | 90 km2      | 140 km2\n")
    claims = [c for c in extract_claims(text) if c.is_claim]
    assert [(c.kind, c.actor, c.regions, c.value, c.qualifier) for c in claims] == [
        ("control_area", "RU", ("UA",), 116310.0, "exact"),
        ("control_area", "UA", ("RU-KRS",), 80.0, "around")]
    # a table of times and something else (casualties) names no holding: nothing
    other = ("Losses by month\n\nMonth | Jan 2025 | Feb 2025\nDonetsk | 1,200 | 1,350\n"
             "Kharkiv | 300 | 280\n")
    assert [c for c in extract_claims(other) if c.kind != "pace"] == []


def test_an_occupied_column_is_russia_s_whatever_the_caption_s_adjective() -> None:
    # "Ukrainian regions" says whose regions, not who holds the occupied share
    text = ("Occupied share of Ukrainian regions, per our maps:\n\n"
            "| Region | Occupied share |\n|---|---|\n| Luhansk | 99.5% |\n| Kherson | 73% |\n")
    assert _rows(text) == [("RU", ("UA-09",), 99.5, "percent", "exact"),
                           ("RU", ("UA-65",), 73.0, "percent", "exact")]


def test_the_latest_of_day_first_numeric_columns() -> None:
    from geo.extract.tables import _latest

    # "03.01.2025" and "14.02.2025": February is the later, read day first
    assert _latest(["14.02.2025", "03.01.2025"]) == {0}
    assert _latest(["Previous week", "This week"]) == {1}


def _fields(text: str) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.actor, c.regions, c.value, c.unit, c.qualifier) for c in extract_claims(text)
            if c.kind.startswith("control")]


def test_field_lines_of_a_label_and_a_figure() -> None:
    # a social post's lines: label first, a second figure in brackets; a change is no holding
    post = ("Weekly update, 12 Sep 2025\n"
            "Russian-held territory in Ukraine: 115,900 km² (19.2%)\n"
            "Change over the past 30 days: +410 km²\n"
            "Donetsk oblast under RU control: 77.6%\n")
    assert _fields(post) == [("RU", ("UA",), 115900.0, "km2", "exact"),
                             ("RU", ("UA",), 19.2, "percent", "exact"),
                             ("RU", ("UA-14",), 77.6, "percent", "exact")]
    # a key-numbers box, figure first behind a bullet: the side after "by" or "under", not
    # the country named as the place; gains, drones and opinion polls are no holdings
    box = ("KEY NUMBERS THIS WEEK\n"
           "• 19.5% | share of Ukraine's territory under Russian occupation\n"
           "• 80.5% | share held by Kyiv's forces\n"
           "• 18% – share of Ukraine occupied by Russia\n"
           "• 312 km² | ground Russia gained in February\n"
           "• 62% – share of EU citizens backing support for Ukraine\n"
           "• 0.3% – share of Ukraine's territory Russia added between January and March\n"
           "• ~75% - Russian-held share of both Zaporizhzhia and Kherson\n"
           "• 19.4% — share of Ukraine under Russian control, incl. Crimea (est.)\n")
    assert _fields(box) == [("RU", ("UA",), 19.5, "percent", "exact"),
                            ("UA", ("UA",), 80.5, "percent", "exact"),
                            ("RU", ("UA",), 18.0, "percent", "exact"),
                            ("RU", ("UA-23", "UA-65"), 75.0, "percent", "around"),
                            ("RU", ("UA",), 19.4, "percent", "around")]
    claim = extract_claims(box)[0]
    assert box[claim.span[0]:claim.span[1]].startswith("19.5% | share")
    assert "its holder named in the line" in claim.review[0]


def test_a_field_without_a_place_takes_the_box_s_heading() -> None:
    box = ("The front barely moved this month.\n\n"
           "KHERSON REGION AT A GLANCE\n"
           "• Area: 28,461 km²\n"
           "• Under Russian occupation: approx. 20,000 km² (≈70%)\n"
           "• Pre-war population: about 1 million\n")
    found = extract_claims(box)
    assert _fields(box) == [("RU", ("UA-65",), 20000.0, "km2", "around"),
                            ("RU", ("UA-65",), 70.0, "percent", "around")]
    assert any("KHERSON REGION AT A GLANCE" in r for r in found[0].review)
    # no heading with a place: the country, and the review says so
    bare = "Share held by Kyiv's forces: 80.5%\n"
    assert _fields(bare) == [("UA", ("UA",), 80.5, "percent", "exact")]
    assert "read as Ukraine as a whole" in extract_claims(bare)[0].review[-1]


def test_a_figure_restated_without_its_hedge_is_one_claim() -> None:
    text = ("Russia ends 2025 holding about 19.3% of Ukraine.\n\n"
            "THE YEAR IN NUMBERS\n"
            "19.3% | share of Ukraine held by Russia on 31 December\n")
    assert _fields(text) == [("RU", ("UA",), 19.3, "percent", "around")]


def test_an_area_column_under_a_caption_of_held_ground() -> None:
    text = ("Russian-held territory, as of 15 November 2026\n"
            "| Region | Share of region (%) | Area (km²) | Change vs 30 Sep (km²) |\n"
            "|---|---|---|---|\n"
            "| Luhansk | 99.6 | 26,577 | 0 |\n"
            "| Donetsk | 79.8 | 21,161 | 140 |\n")
    assert _rows(text) == [("RU", ("UA-09",), 99.6, "percent", "exact"),
                           ("RU", ("UA-09",), 26577.0, "km2", "exact"),
                           ("RU", ("UA-14",), 79.8, "percent", "exact"),
                           ("RU", ("UA-14",), 21161.0, "km2", "exact")]
    # a region's own area beside what is held is no holding
    total = text.replace("Area (km²)", "Total area (km²)")
    assert [r[2] for r in _rows(total)] == [99.6, 79.8]


def test_a_box_s_first_line_names_the_holding_of_its_lines() -> None:
    # the lines name only places; "Russian-held share" in the box's first line is whose
    box = ("KEY FIGURES | January 2026 (Russian-held share, rounded)\n"
           "- Ukraine overall: ~19.4%\n"
           "- Zaporizhzhia and Kherson: ~74% each\n"
           "- Sumy: <1%\n"
           "- Dnipropetrovsk: pockets near the Donetsk border\n")
    assert _fields(box) == [("RU", ("UA",), 19.4, "percent", "around"),
                            ("RU", ("UA-23", "UA-65"), 74.0, "percent", "around"),
                            ("RU", ("UA-59",), 1.0, "percent", "under"),
                            ("RU", ("UA-12",), None, None, "part")]
    assert "box's first line" in extract_claims(box)[0].review[0]
    # a first line that names no holding lends none ("population" is no ground held)
    people = ("The war has emptied the east of the country.\n\n"
              "KEY FIGURES (share of the population that has left, by region)\n"
              "- Ukraine overall: ~21%\n- Kharkiv: ~14%\n")
    assert not any("box's first line" in r for c in extract_claims(people) for r in c.review)


def test_a_column_of_a_side_s_positions_gives_its_demands_and_offers() -> None:
    text = ("Where the two sides stand:\n\n"
            "| Region | Russian-held share | Moscow's position | Kyiv's position |\n"
            "|---|---|---|---|\n"
            "| Crimea | 100% | Recognition as Russian | No recognition |\n"
            "| Donetsk | ~80% | Full Ukrainian withdrawal | Offers mirror pull-back from the "
            "front |\n"
            "| Kherson | ~73% | Freeze (withdrawal demand dropped in 2025) | Freeze |\n"
            "| Sumy | ~1% | Ready to withdraw | Russian withdrawal |\n")
    got = [(c.kind, c.actor, c.regions, c.qualifier, c.status) for c in extract_claims(text)
           if not c.kind.startswith("control")]
    assert got == [("demand_cede", "RU", ("UA-43", "UA-40"), "all", None),
                   ("demand_withdraw", "RU", ("UA-14",), "all", None),
                   ("offer_withdraw", "UA", ("UA-14",), "part", None),
                   ("demand_withdraw", "RU", ("UA-65",), "all", "earlier"),
                   ("offer_withdraw", "RU", ("UA-59",), "all", None),
                   ("demand_withdraw", "UA", ("UA-59",), "all", None)]
    # the held column is still read, and a column naming no side gives nothing
    assert [c.value for c in extract_claims(text) if c.kind == "control_share"] == [
        100.0, 80.0, 73.0, 1.0]
    anonymous = text.replace("Moscow's position", "Position").replace("Kyiv's position",
                                                                       "Other position")
    assert all(c.kind == "control_share" for c in extract_claims(anonymous))


def test_an_infobox_s_holder_is_no_place_and_its_position_lines() -> None:
    box = ("ZAPORIZHZHIA OBLAST · quick facts (as of 1 January 2026)\n"
           "Capital: Zaporizhzhia (Ukrainian-controlled)\n"
           "Occupied by Russia: ~74% of the oblast\n"
           "Held by Ukraine: ~26%, including the regional capital\n"
           "Russian position: demands that Kyiv cede the entire oblast, capital included\n"
           "Ukrainian position: rejects any cession\n")
    got = extract_claims(box)
    assert [(c.kind, c.actor, c.regions, c.value) for c in got] == [
        ("control_share", "RU", ("UA-23",), 74.0),
        ("control_share", "UA", ("UA-23",), 26.0),
        ("demand_cede", "RU", ("UA-23",), None)]
    assert "a line of Russia's position: 'Russian position'" in got[2].review
    assert got[2].sentence.startswith("Russian position:")


def test_a_field_of_a_change_or_contested_ground_is_no_holding() -> None:
    box = ("FRONTLINE TRACKER — last updated 03 Feb 2026\n"
           "Russian-controlled territory: 117,140 km² (19.4% of Ukraine)\n"
           "Change, last 30 days: +382 km²\n"
           "Contested (grey zone, not counted): 1,030 km²\n")
    assert _fields(box) == [("RU", ("UA",), 117140.0, "km2", "exact"),
                            ("RU", ("UA",), 19.4, "percent", "exact")]


def test_an_approximate_caption_and_a_total_row_named_for_the_country() -> None:
    text = ("Area under Russian control by region (approx., km2)\n"
            "Luhansk                       26,400\n"
            "Donetsk                       20,700\n"
            "Ukraine, total               116,300\n")
    assert _rows(text) == [("RU", ("UA-09",), 26400.0, "km2", "around"),
                           ("RU", ("UA-14",), 20700.0, "km2", "around"),
                           ("RU", ("UA",), 116300.0, "km2", "around")]


def test_columns_headed_by_a_side_s_name_under_a_caption_of_texts_side_by_side() -> None:
    text = ("The competing texts, side by side\n\n"
            "| Issue | Moscow | Kyiv | European counter-draft |\n"
            "|---|---|---|---|\n"
            "| Donetsk | Ukrainian troops withdraw from the whole region | Freeze on the current "
            "line; ready to pull back a set distance from it | Talks start from the line |\n"
            "| Crimea | Recognised as Russian de jure | No recognition | Status deferred |\n"
            "| Sumy, Kharkiv | Russian troops leave, in exchange for Donetsk | Russian troops "
            "must leave | Russian troops withdraw |\n")
    got = [(c.kind, c.actor, set(c.regions), c.qualifier) for c in extract_claims(text)]
    assert got == [
        ("demand_withdraw", "RU", {"UA-14"}, "all"),
        ("offer_withdraw", "UA", {"UA-14"}, "part"),
        ("demand_cede", "RU", {"UA-43", "UA-40"}, "all"),
        ("offer_withdraw", "RU", {"UA-59", "UA-63"}, "all"),
        ("demand_withdraw", "UA", {"UA-59", "UA-63"}, "all")]
    # the same columns with no caption of texts and no position word name no positions
    bare = text.replace("The competing texts, side by side", "Notes").replace(
        "European counter-draft", "Europe")
    assert [c for c in extract_claims(bare) if c.kind != "control_share"] == []


def test_a_field_of_ukrainian_land_crimea_included_is_the_country() -> None:
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "KEY NUMBERS\n- ~110,000 km2: Ukrainian land held by Russian forces, Crimea included.\n")]
    assert got == [("RU", ("UA",), 110000.0)]


def test_a_table_dated_long_past_gives_notes() -> None:
    # round M's shape, in my own words: a table of the first year, its caption dated
    text = ("Area under Russian occupation by oblast, 24 February 2023\n"
            "Oblast | Occupied (km²) | Share of oblast\n"
            "Luhansk | c. 25,900 | 97%\n"
            "Kherson | c. 20,100 | 71%\n")
    got = [c for c in extract_claims(text) if c.kind.startswith("control")]
    assert got and all(c.status == "past" and not c.is_claim for c in got)
    # the same table dated this year is current
    got = [c for c in extract_claims(text.replace("2023", "2025"))
           if c.kind.startswith("control")]
    assert got and all(c.status is None for c in got)


def test_round_o_a_columns_place_and_a_table_of_scenarios() -> None:
    """Round O's tables (academic papers), in my own words: a column whose header names
    its place gives that place; a scenario's row is what might be, but for the baseline."""
    got = {(c.regions, c.value) for c in extract_claims(
        "Table 2. Outcomes\n"
        "Scenario | Russian-held share of Ukraine | Russian-held share of Kherson | Notes\n"
        "Baseline (current line) | c. 19% | c. 73% | Russia also holds a sliver of Sumy\n"
        "B. Russian advance to the Dnipro | c. 21% | 100% | Kherson city lost\n") if c.is_claim}
    assert got == {(("UA",), 19.0), (("UA-65",), 73.0)}
    got = {(c.regions, c.value) for c in extract_claims(
        "Date | Russian-held share of Ukraine | Russian-held share of Luhansk\n"
        "1 March 2025 | 18.9% | 99.6%\n") if c.is_claim}
    assert got == {(("UA",), 18.9), (("UA-09",), 99.6)}


def test_round_r_a_bare_share_under_a_line_of_a_holding() -> None:
    """A dashboard's "Share of Ukraine" under "Russian-controlled area": the same holding."""
    text = ("MONITOR DASHBOARD\nData as of 31 July 2025\n\nRussian-controlled area: "
            "114,100 km²\nShare of Ukraine: 18.9%\nNet change in July: +400 km²\n")
    assert _fields(text) == [("RU", ("UA",), 114100.0, "km2", "exact"),
                             ("RU", ("UA",), 18.9, "percent", "exact")]


def test_round_s_a_label_of_another_measure_is_no_holding() -> None:
    assert _fields("~50%: share of Ukraine's generating capacity damaged or occupied\n") == []


def test_round_v_a_dated_table_with_a_change_column_and_a_peak_column() -> None:
    text = ("Russian-held share of each region\n\n"
            "| Region | 30 Jun 2025 | 31 Dec 2024 | Change |\n|---|---|---|---|\n"
            "| Luhansk | ~99% | ~98% | +1 pt |\n| Kherson | ~72% | ~72% | – |\n\n"
            "Ukrainian-held ground in Russia\n\n"
            "| Region | 30 Jun 2025 | Peak |\n|---|---|---|\n"
            "| Kursk | ~90 km² | ~1,250 km² (Aug 2024) |\n")
    got = [(c.actor, c.regions, c.value, c.is_claim) for c in extract_claims(text)]
    assert got == [("RU", ("UA-09",), 99.0, True), ("RU", ("UA-09",), 98.0, False),
                   ("RU", ("UA-65",), 72.0, True), ("RU", ("UA-65",), 72.0, False),
                   ("UA", ("RU-KRS",), 90.0, True)]


def test_round_v_a_boxs_these_areas_and_the_rest_still_held() -> None:
    text = ("THE SOUTH IN NUMBERS\n\n"
            "2 — regions Moscow claims: the Zaporizhzhia region and the Kherson region\n"
            "~48,000 sq km — their combined area\n"
            "~35,000 sq km — the part of these areas under Russian control\n"
            "~13,000 sq km — still held by Kyiv\n")
    got = [(c.actor, c.regions, c.value) for c in extract_claims(text)]
    assert got == [("RU", ("UA-23", "UA-65"), 35000.0), ("UA", ("UA-23", "UA-65"), 13000.0)]


def test_round_v_a_field_whose_label_says_a_side_occupies() -> None:
    got = [(c.actor, c.regions, c.value) for c in extract_claims(
        "In figures:\n• 19% — the share of Ukraine that Russia occupies, Crimea included.")]
    assert got == [("RU", ("UA",), 19.0)]


def test_a_column_of_sides_holds_the_amount_columns_of_its_row() -> None:
    """"| Region | Who holds most of it | How much (roughly) |": each row's side holds its
    amount; a notes column beside them is no figure."""
    text = ("Who has what, for readers who came in late:\n\n"
            "| Region | Who holds most of it | How much (roughly) | Our note |\n"
            "|---|---|---|---|\n"
            "| Luhansk | Russia | ~99% | practically all of it |\n"
            "| Kharkiv | Ukraine | ~97% | a few border villages lost |\n"
            "| Crimea | Russia | all of it | since 2014 |\n")
    got = [(c.actor, c.regions, c.value, c.qualifier) for c in extract_claims(text)]
    assert got == [("RU", ("UA-09",), 99.0, "around"), ("UA", ("UA-63",), 97.0, "around"),
                   ("RU", ("UA-43", "UA-40"), None, "all")]
    # a column of sides under another header is not read as the holder
    other = ("| Region | Mentioned by | Share |\n|---|---|---|\n| Luhansk | Russia | 99% |\n")
    assert extract_claims(other) == []


def test_numbered_figure_lines_and_a_sides_share() -> None:
    """"1. 19.0% - the share of Ukraine Russia occupies today" (a numbered list of figures
    with their labels after), and "Russia's share of Donetsk oblast" as a label of holding."""
    text = ("The war in four numbers, as our map shows them this week.\n\n"
            "1. 19.1% - the share of Ukraine Russia occupies today, Crimea included.\n"
            "2. 77% - Russia's share of Donetsk oblast, up from 63% a year ago.\n"
            "3. 3,100 km² - ground Russian forces took between May and July.\n"
            "4. 6 - reactors at the Zaporizhzhia plant, all shut down.\n")
    got = [(c.actor, c.regions, c.value) for c in extract_claims(text) if c.is_claim]
    assert got == [("RU", ("UA",), 19.1), ("RU", ("UA-14",), 77.0)]
