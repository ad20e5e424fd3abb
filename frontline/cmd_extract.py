"""``frontline extract``: territorial claims in a news article, and a draft report of them.

``frontline extract FILE|- [--json] [--draft OUT.yaml [--force] --id R6 --title T --outlet O
--date D]``
    Every claim the rules find (:mod:`geo.extract`): kind, side, region(s), figure, unit,
    qualifier, interval, the offsets of its words and the sentence; ``--json`` prints
    ``{"claims": [...]}``. ``--draft`` writes them as a report file marked unreviewed
    (checked by the report loader first; an existing file is kept unless ``--force``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from frontline.cli import command, print_json, print_table
from frontline.common import check_out, write_file
from geo.errors import FrontlineError

__all__: list[str] = []


@command("extract", "territorial claims in an English news article (a file or - for stdin), "
                    "and a draft report of them")
def _configure_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="FILE", help="the article as UTF-8 text, or - for stdin")
    p.add_argument("--json", action="store_true", help='print {"claims": [...]} as JSON')
    p.add_argument("--draft", metavar="OUT.yaml", help="write a draft report (unreviewed)")
    p.add_argument("--force", action="store_true", help="replace OUT.yaml if it exists")
    p.add_argument("--id", default="D1", help="the draft's report id (default D1)")
    p.add_argument("--title", default="Draft from an article", help="the draft's title")
    p.add_argument("--outlet", default="unknown outlet", help="who published the article")
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                   help="the article's date (default: its dateline; a draft of an article "
                        "that gives none needs --date)")
    p.set_defaults(func=_cmd_extract)


def _read(source: str) -> tuple[str, str]:
    from geo.extract import MAX_CHARS, decode_article

    if source == "-":
        raw = sys.stdin.buffer.read(4 * MAX_CHARS + 1)
        return decode_article(raw, label="stdin"), "stdin"
    path = Path(source)
    if not path.is_file():
        what = "a folder" if path.is_dir() else "not found"
        raise FrontlineError(f"{source}: {what}; give the article as a text file, or - to "
                             "read standard input.")
    with open(path, "rb") as fh:
        raw = fh.read(4 * MAX_CHARS + 1)
    return decode_article(raw, label=source), source


def _record(c: Any) -> dict[str, Any]:
    """A claim's JSON record; a pace claim's with its period, measure and rate."""
    out: dict[str, Any] = c.as_dict()
    if c.kind == "pace":
        out.update(period=list(c.period) if c.period else None, measure=c.measure, per=c.per)
    return out


def _pace_words(c: Any) -> str:
    """`` a day gained, 2025-10-01 to 2025-10-31`` after a pace claim's figure."""
    if c.kind != "pace" or not c.period:
        return ""
    rate = {"day": " a day", "week": " a week"}.get(str(c.per), "")
    return f"{rate} {c.measure}, {c.period[0]} to {c.period[1]}"


def _cmd_extract(args: argparse.Namespace) -> int:
    from geo.extract import article_date, draft_report, draft_yaml, extract_claims

    text, label = _read(args.article)
    claims = extract_claims(text, label=label)
    if args.draft:
        out = Path(args.draft)
        check_out(out, "--draft")
        if out.exists() and not args.force:
            raise FrontlineError(f"--draft: {str(out)!r} exists; pass --force to replace it.")
        if not claims:
            raise FrontlineError(f"--draft: {label}: no territorial claim found, so no draft "
                                 "was written (a report holds at least one claim).")
        date = args.date
        if date is None:
            found = article_date(text, today=dt.date.today())
            if found is None:
                raise FrontlineError(
                    "--date: the article gives no date in its first lines (a dateline such "
                    "as 'MOSCOW, Nov 23 (Agency) -'); give the day it was published, "
                    "--date YYYY-MM-DD. A draft never takes today's date by default.")
            date = found[0].isoformat()
            print(f"the draft's date is {date}, from the article's '{found[1]}'",
                  file=sys.stderr)
        report = draft_report(claims, report_id=args.id, title=args.title,
                              outlet=args.outlet, date=date)
        write_file(out, draft_yaml(report, where=str(out)), "--draft")
        print(f"wrote a draft report {args.id} with {len(claims)} claim(s) to {out} "
              "(unreviewed: check each claim, then set `review: reviewed`)", file=sys.stderr)
    if args.json:
        print_json({"claims": [_record(c) for c in claims]})
        return 0
    rows = [{"kind": c.kind, "actor": c.actor, "regions": ",".join(c.regions),
             "figure": (f"({c.held[0]:,g} % held there)" if c.held is not None else "")
             if c.value is None else
             f"{c.value:,g} {'%' if c.unit == 'percent' else 'km²'}" + _pace_words(c),
             "qualifier": c.qualifier or "", "interval": "" if c.low is None else
             f"{c.low:,g}-{c.high:,g}", "span": f"{c.span[0]}-{c.span[1]}",
             "review": "; ".join(c.review)} for c in claims]
    if rows:
        print_table(rows, list(rows[0]))
    print(f"{len(claims)} claim(s), all unreviewed", file=sys.stderr)
    return 0
