"""``frontline series``: every day of a history of mapped control, measured per unit.

``frontline series INPUT... [--units UA-14,UA-23] [--csv|--parquet|--json OUT]
[--engine local|dask] [--workers N] [--scheduler ADDR] [--no-cache]``
    Reads a history (folders of ``*_YYYYMMDD.geojson``, ``.geojson.gz``, zips, a dated
    GeoJSON or GeoParquet: :mod:`geo.history`), measures every day
    (:mod:`geo.series`) and writes one row per date and unit -- date, code, name, side,
    controlled_km2, share_pct, and the km² gained and lost since the previous snapshot
    -- with the national total (code ``UA``). The terminal gets a summary: the first
    and latest day per unit and the last week's change. Days that cannot be read are
    listed (never dropped in silence), and so are the gaps between dates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frontline.cli import command, print_json, print_table
from frontline.common import (
    Progress,
    add_reading,
    check_out,
    parse_day,
    read_options,
    size_text,
    tell_history,
    write_file,
)
from geo.errors import FrontlineError

__all__: list[str] = []


@command("series", "measure every day of a history of control layers: km² and share per unit")
def _configure_series(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="folders of daily layers named by date (*_YYYYMMDD, *_YYYY-MM-DD or "
                        "Unix time: GeoJSON, .geojson.gz, KML, KMZ, GeoPackage, FlatGeobuf), "
                        "zips of them, or a GeoJSON / GeoParquet whose features have a date")
    p.add_argument("--units", metavar="CODES",
                   help="only these units, e.g. UA-14,UA-23 (the national total is kept); "
                        "with --level raion, the raions of these units")
    p.add_argument("--level", choices=["unit", "raion"], default="unit",
                   help="unit: the 27 first-level units and 3 Russian oblasts (default); "
                        "raion: Ukraine's 139 second-level units (136 raions, the Chornobyl "
                        "zone, Kyiv, Sevastopol), with the unit each lies in")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="OUT", help="write the rows as CSV")
    out.add_argument("--parquet", metavar="OUT", help="write the rows as Parquet")
    out.add_argument("--json", metavar="OUT", help="write the rows as JSON ('-' for stdout)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: processes on this machine; dask: dask-geopandas "
                        "(pip install .[scale])")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes (local) or partitions (dask); default: the cores, up to 4")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: a dask scheduler (tcp://host:8786); default a "
                        "local cluster")
    p.add_argument("--week-ending", type=parse_day, metavar="YYYY-MM-DD",
                   help="the summary's weekly change ends here (default the last day)")
    p.add_argument("--no-cache", action="store_true",
                   help="do not read or write the parsed-history cache")
    add_reading(p)
    p.set_defaults(func=_cmd_series)


def _codes(text: str | None) -> list[str] | None:
    if not text:
        return None
    from geo.boundaries import validate_codes

    codes = [c.strip().upper() for c in text.split(",") if c.strip()]
    validate_codes(codes, argument="--units")
    return codes


#: How ``series`` prints its rows to standard output (said when an output option names
#: ``/dev/stdout`` or another path that is not a regular file).
_STDOUT = "To print the rows to standard output, give --json - (JSON)."


def _outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(option, path) of each file ``series`` writes (``--json -`` prints instead)."""
    return [(f"--{k}", v) for k in ("csv", "parquet", "json")
            if (v := getattr(args, k)) and v != "-"]


def _cmd_series(args: argparse.Namespace) -> int:
    from geo.boundaries import load_raions, load_units
    from geo.series import series_from_files

    for flag, path in _outputs(args):  # before the history is read, not after
        check_out(Path(path), flag, _STDOUT)
    if args.scheduler and args.engine != "dask":
        raise FrontlineError("--scheduler is for --engine dask; add --engine dask.")
    if args.workers is not None and args.workers < 1:
        raise FrontlineError(f"--workers: expected at least 1; got {args.workers}.")
    codes = _codes(args.units)
    options = read_options(args)
    if args.layer is not None:
        raise FrontlineError("--layer picks a layer of one file; a history reads every day's "
                             "file whole (give each day its own file).")
    units = load_units() if args.level == "unit" else load_raions()
    bar = Progress()
    try:
        history, series = series_from_files(
            args.inputs, units, cache=not args.no_cache, engine=args.engine,
            workers=args.workers, scheduler=args.scheduler, progress=bar.update,
            on_total=bar.start, options=options)
    finally:
        bar.close()
    tell_history(history, cmd="series")
    for note in series.notes:
        print(f"frontline series: note: {note}", file=sys.stderr)
    table = series.table
    if args.level == "raion":  # the unit each raion lies in, beside it
        parent = units["code"].to_dict()
        table = table.assign(unit=table["code"].map(parent).fillna("UA"))
        if codes is not None:
            table = table[table["unit"].isin([*codes, "UA"])]
    elif codes is not None:
        table = table[table["code"].isin([*codes, "UA"])]
    summary = _summary(series, table, args.week_ending) if args.json != "-" else None
    _write(args, table)  # once everything else has worked: a failed run writes nothing
    if summary is not None:
        summary()
    return 0


def _write(args: argparse.Namespace, table: Any) -> None:
    import json

    if args.csv:
        n = write_file(Path(args.csv), table.to_csv(index=False, float_format="%.4f"), "--csv",
                       _STDOUT)
        print(f"wrote {len(table):,} rows to {args.csv} ({size_text(n)})", file=sys.stderr)
    elif args.parquet:
        import io

        buf = io.BytesIO()
        table.to_parquet(buf, index=False)
        n = write_file(Path(args.parquet), buf.getvalue(), "--parquet", _STDOUT)
        print(f"wrote {len(table):,} rows to {args.parquet} ({size_text(n)})", file=sys.stderr)
    elif args.json:
        records = json.loads(table.to_json(orient="records", date_format="iso",
                                           double_precision=4))
        for r in records:
            r["date"] = str(r["date"])[:10]
        if args.json == "-":
            print_json(records)
        else:
            n = write_file(Path(args.json), json.dumps(records, ensure_ascii=False), "--json",
                           _STDOUT)
            print(f"wrote {len(table):,} rows to {args.json} ({size_text(n)})",
                  file=sys.stderr)


def _summary(series: Any, table: Any, week_ending: dt.date | None) -> Callable[[], None]:
    """The terminal summary, worked out now (so a failure comes before any file is
    written) and printed by the function returned."""
    dates = sorted(set(table["date"]))
    first, last = dates[0], week_ending or dates[-1]
    if last not in set(dates):
        raise FrontlineError(f"--week-ending: {last} is not a day of the history; the days "
                             f"run from {dates[0]} to {dates[-1]}.")
    week = series.change(last - dt.timedelta(days=7), last)
    a = table[table["date"] == first].set_index("code")
    b = table[table["date"] == last].set_index("code")
    rows = []
    for code in b.index:
        if b.loc[code, "controlled_km2"] <= 0 and a.loc[code, "controlled_km2"] <= 0:
            continue
        w = week.loc[code] if code in week.index else None
        rows.append({
            "code": code, "name": b.loc[code, "name"],
            f"share {first}": f"{a.loc[code, 'share_pct']:.2f} %",
            f"share {last}": f"{b.loc[code, 'share_pct']:.2f} %",
            f"km² {last}": f"{b.loc[code, 'controlled_km2']:,.1f}",
            "week gained km²": "" if w is None else f"{w['gained_km2']:,.1f}",
            "week lost km²": "" if w is None else f"{w['lost_km2']:,.1f}",
        })
    full = f"{series.full_days} day{'' if series.full_days == 1 else 's'}"

    def show() -> None:
        print(f"Russian-held ground per unit, {first} → {last} ({len(dates)} days); "
              f"the week to {last}:")
        print_table(rows, list(rows[0]) if rows else ["code"])
        print(f"({full} measured in full, the others from the day-to-day "
              f"change; {sum(series.timings.values()):.2f} s to "
              + ("read and measure)" if "read_and_measure_s" in series.timings
                 else "measure)"))

    return show
