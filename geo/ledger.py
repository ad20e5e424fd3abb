"""The ledger: every claim of many articles against the mapped day nearest each one's date.

:func:`ingest` makes each article an unreviewed draft report (:mod:`geo.extract`) and
checks its claims against a history of mapped control (or one layer); :func:`ledger`
gives one row per checked claim, :func:`outlet_summary` one row per outlet. Shares are
percent (of the unit's polygon; of Ukraine's official area for the country), areas km².
Drafts stay unreviewed: none of them changes any other report (:mod:`geo.snapshot`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.control import ControlLayer
from geo.errors import FrontlineError
from geo.extract import ambiguous_date, article_date, draft_report, draft_yaml, extract_claims
from geo.extract.inputs import Article
from geo.history import History
from geo.reports import Report, parse_report_text

if TYPE_CHECKING:
    from geo.layerset import Atlas

__all__ = ["Ingested", "ingest", "ledger", "outlet_summary", "LEDGER_COLUMNS",
           "SUMMARY_COLUMNS"]

#: Columns of :func:`ledger`.
LEDGER_COLUMNS: tuple[str, ...] = (
    "article", "outlet", "date", "date_from", "report_id", "claim_id", "kind", "side",
    "code", "name", "claimed", "measured_pct", "measured_km2", "verdict", "off_by_points",
    "off_by_km2", "map_day", "days_apart", "reason")
#: Columns of :func:`outlet_summary`.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "outlet", "articles", "claims", "checked", "consistent", "overstated", "understated",
    "not checkable", "median_points_off")


@dataclass(frozen=True)
class Ingested:
    """The articles read as draft reports: ``reports`` (unreviewed, one per article with
    a date), the YAML of each (``drafts``, by report id), the articles by report id, and
    ``problems`` (articles with no date, or no claim)."""

    reports: tuple[Report, ...]
    drafts: dict[str, str]
    articles: dict[str, Article]
    dates_from: dict[str, str]
    problems: tuple[str, ...]


def _outlet(article: Article) -> str:
    """Who published it: the folder it came in ("reuters/2025-03-18.txt": reuters)."""
    parts = article.name.split("/")
    return parts[-2] if len(parts) >= 2 else "unknown outlet"


#: Articles a worker process reads or checks at a time (and fewer articles than twice this are
#: checked here: a worker's start would cost more than it saves).
CHUNK = 6
# What forked workers read or check: set before the pool forks (inherited, not pickled).
_JOB: dict[str, Any] = {}


def _read_one(i: int, article: Article, today: dt.date
              ) -> tuple[str, Report | None, str, str, str | None]:
    """Article ``i`` (1-based) as ``(report id, its draft report or None, the draft's YAML,
    where its date came from, the problem when it has no date)``."""
    rid = f"A{i:04d}"
    claims = extract_claims(article.text, label=article.name)
    if not claims:
        # a report holds at least one claim: an article without any is listed, not drafted
        # (it once made a draft the loader refused, "please report this")
        return rid, None, "", "", (f"{article.name}: no territorial claim found; nothing to "
                                   "check")
    found = article_date(article.text, today=today)
    if found is not None:
        day, why = found[0], f"dateline '{found[1]}'"
    elif article.page_date is not None and article.page_date <= today:
        day, why = article.page_date, "the page's metadata"
    else:
        unsure = ambiguous_date(article.text)
        why = (f"its dateline '{unsure}' could be day or month first" if unsure
               else "no dateline, no page date")
        return rid, None, "", "", (f"{article.name}: no date ({why}): its {len(claims)} "
                                   "claim(s) are not checked; give it a dateline")
    title = re.sub(r"\s+", " ", article.text.strip().split("\n", 1)[0])[:80] or rid
    doc = draft_report(claims, report_id=rid, title=title, outlet=_outlet(article),
                       date=day, context=f"Draft made by frontline ingest from "
                                         f"{article.name}.")
    try:
        text = draft_yaml(doc, where=article.name)
        return rid, parse_report_text(text, where=article.name, today=today), text, why, None
    except FrontlineError as exc:  # one article's draft the loader refuses: the others go on
        return rid, None, "", "", (f"{article.name}: its draft is not a valid report, so its "
                                   f"claims are not checked ({exc}); please report this")


def _read_chunk(start: int, end: int, today: dt.date
                ) -> list[tuple[str, Report | None, str, str, str | None]]:
    articles: Sequence[Article] = _JOB["articles"]
    return [_read_one(i + 1, articles[i], today) for i in range(start, end)]


def ingest(articles: Sequence[Article], *, today: dt.date,
           progress: Callable[[int], None] | None = None, workers: int = 1) -> Ingested:
    """Every article as an unreviewed draft report, dated by its dateline (or its page's
    date); an article with neither is listed in ``problems`` and not checked. With
    ``workers`` > 1 the articles are read in that many forked processes (where the
    platform forks); the result is the same."""
    from concurrent.futures import ProcessPoolExecutor

    from geo.history.read import process_context

    spans = [(a, min(a + CHUNK, len(articles))) for a in range(0, len(articles), CHUNK)]
    ctx = process_context()
    done: list[tuple[str, Report | None, str, str, str | None]] = []
    if workers <= 1 or len(spans) < 2 or ctx.get_start_method() != "fork":
        for a, b in spans:
            done += [_read_one(i + 1, articles[i], today) for i in range(a, b)]
            if progress:
                progress(b - a)
    else:
        _JOB.update(articles=articles)
        try:
            with ProcessPoolExecutor(max_workers=min(workers, len(spans)),
                                     mp_context=ctx) as pool:
                futures = [pool.submit(_read_chunk, a, b, today) for a, b in spans]
                for (a, b), future in zip(spans, futures, strict=True):
                    done += future.result()
                    if progress:
                        progress(b - a)
        finally:
            _JOB.clear()
    reports: list[Report] = []
    drafts: dict[str, str] = {}
    by_id: dict[str, Article] = {}
    dates_from: dict[str, str] = {}
    problems: list[str] = []
    for (rid, report, text, why, problem), article in zip(done, articles, strict=True):
        if report is None:
            problems.append(str(problem))
            continue
        reports.append(report)
        drafts[rid], by_id[rid], dates_from[rid] = text, article, why
    return Ingested(tuple(reports), drafts, by_id, dates_from, tuple(problems))


def ledger(ingested: Ingested, units: gpd.GeoDataFrame, *, history: History | None = None,
           control: ControlLayer | None = None, within_days: int = 7, workers: int = 1,
           progress: Callable[[int], None] | None = None) -> pd.DataFrame:
    """One row per claim of every draft, checked against the mapped day nearest its
    article's date (``history``) or against ``control``: columns
    :data:`LEDGER_COLUMNS`.

    Each article's day is measured for the units its claims name only (what its verdicts
    need). With ``workers`` > 1 and a history, the articles are checked in that many
    forked processes (where the platform forks; else here); ``progress`` is called with
    the number of articles checked since the last call.
    """
    from geo.layerset import Atlas

    if not ingested.reports:
        return pd.DataFrame(columns=list(LEDGER_COLUMNS))
    atlas = Atlas(list(ingested.reports), units)
    ids = [r.id for r in ingested.reports]
    if history is not None:
        v = _verify_history(atlas, history, ids, within_days=within_days, workers=workers,
                            progress=progress)
    elif control is not None:
        from geo.layerset import report_target

        frames = []
        for rid in ids:
            f = atlas.verify(rid, control, carried=False)
            if not len(f):
                continue
            f["snapshot_date"] = control.date
            # from the day the report speaks of: its date, or the 15th of its month
            f["days_apart"] = (float((control.date - report_target(atlas.report(rid))[0]).days)
                               if control.date else np.nan)
            frames.append(f)
        if not frames:
            return pd.DataFrame(columns=list(LEDGER_COLUMNS))
        v = pd.concat(frames)
    else:
        raise FrontlineError("ledger: expected a history (history=) or one layer "
                             "(control=) to check the claims against; got neither.")
    rows = []
    for r in v.to_dict("records"):
        rid = str(r["report_id"])
        article = ingested.articles[rid]
        report = atlas.report(rid)
        rows.append({
            "article": article.name, "outlet": report.outlet, "date": report.date_text,
            "date_from": ingested.dates_from[rid], "report_id": rid,
            "claim_id": r["claim_id"], "kind": r["kind"], "side": r["side"],
            "code": r["code"], "name": r["name"], "claimed": r["claim_text"],
            "measured_pct": r["measured_pct"], "measured_km2": r["measured_km2"],
            "verdict": r["verdict"], "off_by_points": r["off_by_points"],
            "off_by_km2": r["off_by_km2"],
            "map_day": (r["snapshot_date"].isoformat()
                        if isinstance(r.get("snapshot_date"), dt.date) else None),
            "days_apart": r.get("days_apart"), "reason": r["reason"],
        })
    return pd.DataFrame(rows, columns=list(LEDGER_COLUMNS))


def _verify_chunk(ids: list[str]) -> pd.DataFrame:
    atlas, history, within = _JOB["atlas"], _JOB["history"], _JOB["within_days"]
    frame: pd.DataFrame = atlas.verify_history(history, within_days=within, report_ids=ids)
    return frame


def _verify_history(atlas: Atlas, history: History, ids: list[str], *, within_days: int,
                    workers: int, progress: Callable[[int], None] | None) -> pd.DataFrame:
    """``atlas.verify_history`` of ``ids``, in ``workers`` forked processes when there
    are enough articles, else here; the frames in the order of ``ids``."""
    from concurrent.futures import ProcessPoolExecutor

    from geo.history.read import process_context

    chunks = [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
    ctx = process_context()
    if workers <= 1 or len(chunks) < 2 or ctx.get_start_method() != "fork":
        frames = []
        for chunk in chunks:
            frames.append(atlas.verify_history(history, within_days=within_days,
                                               report_ids=chunk))
            if progress:
                progress(len(chunk))
        return _concat(frames)
    _JOB.update(atlas=atlas, history=history, within_days=within_days)
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)),
                                 mp_context=ctx) as pool:
            futures = [pool.submit(_verify_chunk, chunk) for chunk in chunks]
            for chunk, future in zip(chunks, futures, strict=True):
                future.result()
                if progress:
                    progress(len(chunk))
            return _concat([f.result() for f in futures])
    finally:
        _JOB.clear()


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames one after another, empty ones left out (pandas warns on them)."""
    from geo.verify import VERDICT_COLUMNS

    kept = [f for f in frames if len(f)]
    return pd.concat(kept) if kept else pd.DataFrame(columns=[*VERDICT_COLUMNS,
                                                              "report_date", "snapshot_date",
                                                              "days_apart"])


def outlet_summary(rows: pd.DataFrame, ingested: Ingested | Sequence[Report]) -> pd.DataFrame:
    """Per outlet: articles, claims, checked, each verdict, median points off (of the
    claims found off): columns :data:`SUMMARY_COLUMNS`. ``ingested``: the articles read
    (:func:`ingest`) or the reports the rows are of."""
    reports = ingested.reports if isinstance(ingested, Ingested) else tuple(ingested)
    out = []
    outlets = sorted({r.outlet for r in reports} | set(rows.get("outlet", [])))
    for outlet in outlets:
        mine = rows[rows["outlet"] == outlet]
        counts = mine["verdict"].value_counts()
        off = pd.to_numeric(mine["off_by_points"], errors="coerce")
        off = off[(off > 0)]
        out.append({
            "outlet": outlet,
            "articles": sum(1 for r in reports if r.outlet == outlet),
            "claims": len(mine),
            "checked": int(len(mine) - counts.get("not checkable", 0)),
            "consistent": int(counts.get("consistent", 0)),
            "overstated": int(counts.get("overstated", 0)),
            "understated": int(counts.get("understated", 0)),
            "not checkable": int(counts.get("not checkable", 0)),
            "median_points_off": float(off.median()) if len(off) else np.nan,
        })
    return pd.DataFrame(out, columns=list(SUMMARY_COLUMNS))
