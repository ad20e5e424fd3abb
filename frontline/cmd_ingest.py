"""``frontline ingest``: many articles, each claim checked against the mapped day nearest it.

``frontline ingest PATH... (--history INPUT... | --control FILE) [--within DAYS]
[--csv|--json|--parquet OUT] [--drafts DIR]``
    Every article (``.txt``, ``.md``, saved ``.html``, folders and zips of them, ``-``)
    becomes an unreviewed draft report dated by its dateline (:mod:`geo.ledger`); each
    claim gets its verdict. Prints the per-outlet summary; the ledger (one row per
    claim) goes to OUT; ``--drafts`` writes each draft's YAML there (never over a file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from frontline.cli import command, print_table
from frontline.common import Progress, check_out, read_history_arg, write_file
from geo.errors import FrontlineError

__all__: list[str] = []


@command("ingest", "many articles as unreviewed drafts, every claim checked against the "
                   "mapped day nearest its article: a ledger, and a summary per outlet")
def _configure_ingest(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="articles: .txt, .md, saved .html pages, folders or zips of them, "
                        "- for stdin; an article's outlet is the folder it is in")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--history", nargs="+", metavar="INPUT",
                     help="a history of control layers (folders, zips, dated GeoJSON)")
    src.add_argument("--control", metavar="FILE", help="one layer for every article")
    p.add_argument("--within", type=int, default=7, metavar="DAYS",
                   help="with --history: the farthest a map day may be from an article's "
                        "date (default 7)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="OUT", help="write the ledger as CSV")
    out.add_argument("--json", metavar="OUT", help="write the ledger and summary as JSON")
    out.add_argument("--parquet", metavar="OUT", help="write the ledger as Parquet")
    p.add_argument("--drafts", metavar="DIR", help="write each draft report's YAML here")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="read and check the articles in N processes (default: one per "
                        "core)")
    p.add_argument("--no-cache", action="store_true",
                   help="do not read or write the parsed-history cache")
    p.set_defaults(func=_cmd_ingest)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.control import load_control
    from geo.extract.inputs import read_articles
    from geo.ledger import ingest, ledger, outlet_summary

    for flag in ("csv", "json", "parquet"):
        if getattr(args, flag) and getattr(args, flag) != "-":
            check_out(Path(getattr(args, flag)), f"--{flag}")
    if args.workers < 1:
        raise FrontlineError(f"--workers: expected a number of processes >= 1; got "
                             f"{args.workers}.")
    if args.within < 0:
        raise FrontlineError(f"--within: expected a number of days >= 0; got {args.within}.")
    drafts_dir = Path(args.drafts) if args.drafts else None
    if drafts_dir is not None and drafts_dir.exists() and not drafts_dir.is_dir():
        raise FrontlineError(f"--drafts: {args.drafts!r} is a file; give a folder.")
    articles, problems = read_articles(args.paths)
    for p in problems:
        print(f"frontline ingest: warning: {p}", file=sys.stderr)
    if not articles:
        raise FrontlineError("no article could be read (listed above); give .txt, .md or "
                             ".html files, folders or zips of them.")
    history = control = None
    if args.history:
        history = read_history_arg(args.history, cache=not args.no_cache, cmd="ingest")
    else:
        control = load_control(args.control)
    bar = Progress()
    bar.start(len(articles), "reading articles", unit="article")
    done = ingest(articles, today=dt.date.today(), progress=bar.update, workers=args.workers)
    bar.close()
    for p in done.problems:
        print(f"frontline ingest: warning: {p}", file=sys.stderr)
    bar.start(len(done.reports), "checking claims", unit="article")
    rows = ledger(done, load_units(), history=history, control=control,
                  within_days=args.within, workers=args.workers, progress=bar.update)
    bar.close()
    summary = outlet_summary(rows, done)
    if drafts_dir is not None:
        drafts_dir.mkdir(parents=True, exist_ok=True)
        for rid, text in done.drafts.items():
            target = drafts_dir / f"{rid}.yaml"
            if target.exists():
                print(f"frontline ingest: warning: {target} exists; kept", file=sys.stderr)
                continue
            write_file(target, text, "--drafts")
    _write(args, rows, summary)
    if args.json != "-":  # JSON on stdout is the whole output
        print_table(summary.round({"median_points_off": 2}).to_dict("records"),
                    list(summary.columns))
    print(f"{len(articles)} article(s), {len(done.reports)} dated and checked, "
          f"{len(rows)} claim(s) in the ledger", file=sys.stderr)
    return 0


def _write(args: argparse.Namespace, rows: object, summary: object) -> None:
    import io
    import json

    import pandas as pd

    assert isinstance(rows, pd.DataFrame) and isinstance(summary, pd.DataFrame)
    if args.csv:
        write_file(Path(args.csv), rows.to_csv(index=False, float_format="%.4f"), "--csv")
    elif args.parquet:
        buf = io.BytesIO()
        rows.to_parquet(buf, index=False)
        write_file(Path(args.parquet), buf.getvalue(), "--parquet")
    elif args.json:
        doc = {"ledger": json.loads(rows.to_json(orient="records", double_precision=4)),
               "outlets": json.loads(summary.to_json(orient="records", double_precision=4))}
        text = json.dumps(doc, ensure_ascii=False, indent=1)
        if args.json == "-":
            print(text)
        else:
            write_file(Path(args.json), text, "--json")
