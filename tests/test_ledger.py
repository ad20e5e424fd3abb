"""The ledger: articles as drafts, each claim against the mapped day nearest its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from geo.extract.inputs import Article
from geo.history import read_history
from geo.ledger import LEDGER_COLUMNS, ingest, ledger, outlet_summary
from geo.measure import measure_control
from geo.synthetic import write_days

TODAY = dt.date(2026, 1, 10)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, daily_layers: list):  # type: ignore[no-untyped-def,type-arg]
    d = tmp_path_factory.mktemp("hist")
    write_days(d, daily_layers)
    return read_history(d, cache=False)


def _articles() -> list[Article]:
    return [
        Article("wire/a1.txt", "KYIV, July 10, 2024 (Wire) — Russia controls more than 80% "
                "of the Donetsk region, officials said.", "text"),
        Article("wire/a2.txt", "MOSCOW, July 12, 2024 (Wire) — Russia holds roughly 40% of "
                "the Donetsk region, analysts say.", "text"),
        Article("daily/p.html", "Moscow holds about 67% of the Zaporizhzhia region, while "
                "Ukrainian troops occupy some 500 km² of Russia's Kursk region.", "html",
                dt.date(2024, 7, 11)),
        Article("daily/undated.txt", "Russia holds about 70% of the Kherson region.", "text"),
    ]


def test_each_claim_meets_the_day_nearest_its_article(history, units) -> None:  # type: ignore[no-untyped-def]
    done = ingest(_articles(), today=TODAY)
    assert [r.review for r in done.reports] == ["unreviewed"] * 3  # drafts, never reviewed
    assert len(done.problems) == 1 and "daily/undated.txt: no date" in done.problems[0]
    rows = ledger(done, units, history=history)
    assert list(rows.columns) == list(LEDGER_COLUMNS)
    # the truth: the layer of each article's day, measured directly
    for _, r in rows.iterrows():
        day = dt.date.fromisoformat(str(r["date"]))
        assert r["map_day"] == day.isoformat() and r["days_apart"] == 0
        if r["verdict"] == "not checkable":
            assert r["code"] == "RU-KRS" and "Russian-held ground only" in r["reason"]
            continue
        truth = measure_control(history.day(day).control(), units).table.loc[r["code"]]
        assert r["measured_pct"] == pytest.approx(truth["share_pct"], abs=1e-6)
    by = rows.set_index("article")
    don = float(by.loc["wire/a1.txt", "measured_pct"])
    assert 60 < don < 80  # the synthetic front holds about two thirds of Donetsk
    assert by.loc["wire/a1.txt", "verdict"] == "overstated"  # "more than 80 %"
    assert by.loc["wire/a1.txt", "off_by_points"] == pytest.approx(80 - don, abs=1e-6)
    assert by.loc["wire/a2.txt", "verdict"] == "understated"  # "roughly 40 %"
    assert by.loc["wire/a1.txt", "date_from"] == "dateline 'July 10, 2024'"
    assert set(rows.loc[rows["article"] == "daily/p.html", "date_from"]) == {
        "the page's metadata"}
    summary = outlet_summary(rows, done).set_index("outlet")
    assert summary.loc["wire", ["articles", "claims", "checked", "overstated",
                                "understated"]].tolist() == [2, 2, 2, 1, 1]
    assert summary.loc["daily", "not checkable"] == 1
    off = rows.loc[rows["outlet"] == "wire", "off_by_points"].astype(float)
    assert summary.loc["wire", "median_points_off"] == pytest.approx(off.median())


def test_no_day_near_an_article_is_said(history, units) -> None:  # type: ignore[no-untyped-def]
    late = [Article("x/late.txt", "KYIV, March 3, 2025 — Russia holds about 70% of the "
                    "Donetsk region.", "text")]
    rows = ledger(ingest(late, today=TODAY), units, history=history)
    assert rows["verdict"].tolist() == ["not checkable"]
    assert "no mapped snapshot within 7 days of 2025-03-03" in rows["reason"].iloc[0]


def test_html_and_text_articles_are_read_alike(tmp_path: Path) -> None:
    from geo.extract.inputs import read_articles

    body = ("KYIV, July 10, 2024 (Wire) — Russia controls more than 80% of the Donetsk "
            "region, officials said.")
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "w" / "b.html").write_text(
        f"<html><body><nav>Home › World</nav><article><p>{body}</p></article>"
        "<aside>Read also: Russia holds 99% of Luhansk</aside></body></html>",
        encoding="utf-8")
    (tmp_path / "w" / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "w" / "d.txt").write_bytes(b"\x00\x01binary")
    got, problems = read_articles([str(tmp_path / "w")])
    assert [a.name for a in got] == ["w/a.txt", "w/b.html"]
    assert got[1].kind == "html" and "Read also" not in got[1].text and body in got[1].text
    assert len(problems) == 1 and problems[0].startswith("w/d.txt: binary data")


def test_worker_processes_give_the_same_ledger(history, units) -> None:  # type: ignore[no-untyped-def]
    """Checked in forked workers (chunks of CHUNK articles) or here: the same rows, in
    the same order, and the progress counts every article once."""
    arts = [Article(f"wire/a{i}.txt", f"KYIV, July {8 + i % 5}, 2024 (Wire) — Russia controls "
                    f"about {40 + i}% of the Donetsk region and more than {10 + i}% of "
                    "Zaporizhzhia.", "text") for i in range(20)]
    done = ingest(arts, today=TODAY)
    read_forked = ingest(arts, today=TODAY, workers=2)
    assert read_forked.drafts == done.drafts and read_forked.reports == done.reports
    seen: list[int] = []
    here = ledger(done, units, history=history, workers=1, progress=seen.append)
    assert sum(seen) == 20
    seen.clear()
    forked = ledger(done, units, history=history, workers=2, progress=seen.append)
    assert sum(seen) == 20 and len(here) == 40
    pd.testing.assert_frame_equal(here.reset_index(drop=True), forked.reset_index(drop=True))


def test_an_area_to_cede_is_drafted_and_checked_in_forked_workers() -> None:
    """"Give up the 6,600 km² of Donetsk it still holds" once made a draft the report
    loader refused (cede_units is a share), and the loader's error, pickled back from a
    worker, lost its problems; now every article of the batch is drafted, here and in
    workers alike, and the other side's holding is a claim of its own."""
    arts = [Article(f"wire/c{i}.txt", f"MOSCOW, July {8 + i % 5}, 2024 (Wire) — Moscow is "
                    "pressing Kyiv to give up the roughly 6,600 square kilometres of Donetsk "
                    "it still holds, officials said.", "text") for i in range(20)]
    for workers in (1, 2):
        done = ingest(arts, today=TODAY, workers=workers)
        assert done.problems == () and len(done.reports) == 20
        kinds = [(c.kind, c.qualifier, c.figure) for c in done.reports[0].claims]
        assert kinds == [("cede_units", "all", None), ("controlled_area", "about", 6600.0)]


def test_an_ambiguous_dateline_is_named_in_the_warning(tmp_path: Path) -> None:
    from geo.ledger import _read_one

    art = Article("folder/post.txt", "Brasília, 12/09/2024 — 18h40\n\nRussia holds about 19% "
                  "of Ukraine, the envoy said.", "txt")
    _, report, _, _, problem = _read_one(1, art, dt.date(2026, 12, 5))
    assert report is None and problem is not None
    assert "'12/09/2024' could be day or month first" in problem


def test_an_article_without_a_claim_is_listed_not_drafted() -> None:
    # found ingesting writer 81's wire copy: an article with no claim at all made a draft
    # the report loader refused ("the list is empty"), reported as a bug
    arts = [Article("wire/none.txt", "KYIV, July 10, 2024 (Wire) — Power was restored to "
                    "200,000 homes after an overnight strike, the grid operator said.", "text"),
            Article("wire/one.txt", "KYIV, July 10, 2024 (Wire) — Russia controls more than "
                    "80% of the Donetsk region, officials said.", "text")]
    done = ingest(arts, today=TODAY)
    assert len(done.reports) == 1
    assert done.problems == ("wire/none.txt: no territorial claim found; nothing to check",)


def test_an_area_beyond_its_units_size_is_a_note_and_the_run_goes_on(history, units) -> None:  # type: ignore[no-untyped-def]
    """An extracted area larger than its unit ("about 30,000 km² of Kursk": the region is
    29,997 km²) cannot be mapped: the draft keeps it as a note, saying why, and the other
    articles are checked (before, the whole ingest stopped on it)."""
    arts = [Article("x/big.txt", "KYIV, July 10, 2024 (Wire) — Ukraine holds about 30,000 km² "
                    "of Russia's Kursk region, a blogger claimed.", "text"),
            _articles()[0]]
    done = ingest(arts, today=TODAY)
    big = next(r for r in done.reports if r.id == done.reports[0].id)
    notes = [c for c in big.claims if c.kind == "note"]
    assert notes and "larger than the official area of Kursk (29,997 km²)" in notes[0].paraphrase
    rows = ledger(done, units, history=history)
    assert "wire/a1.txt" in set(rows["article"]) and (rows["verdict"] == "overstated").any()
