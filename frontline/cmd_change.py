"""``frontline change`` and ``frontline pace``: what changed hands, and how fast.

``frontline change --history INPUT... --from D1 --to D2 [--units UNIT...] [--within DAYS]
[--out FILE.geojson|.gpkg|.parquet] [--json]``
    The ground gained and lost by each side between the mapped days nearest ``D1`` and
    ``D2`` (named; within ``--within`` days, default 7), per unit and transition
    (``ukraine -> russia``, ``russia -> ukraine``, and the grey zone's where the layers
    map it), in km² on the WGS84 ellipsoid, with the Ukraine total and the cities of the
    gazetteer that changed hands (:mod:`geo.change`). ``--out`` writes the polygons
    (EPSG:4326; GeoJSON and GeoParquet with the cities as points, a GeoPackage with a
    layer of each); ``--json`` prints the figures as JSON.

``frontline pace UNIT... --history INPUT... [--window N] [--end DATE] [--to PCT]
[--flow gross|end-to-end] [--csv OUT | --json OUT]``
    For each unit (names, codes, ``UA`` or ``Ukraine``, ``all``): km² gained, lost and
    net per calendar week and month (gaps in the archive spread over the days they
    span), the rate over the window of ``N`` days (default 90) ending on the last mapped
    day or ``--end``, with a band from the week-to-week spread, the rate of the window
    before, where the pace leads (the date the unit would be fully held, or held to
    ``--to``, at the window's rate and at its band's ends: an extrapolation, not a
    forecast) and days with possible map revisions (:mod:`geo.pace`). ``--flow`` says
    which flow the weeks and months are in: ``gross`` (daily gains added up, the
    default) or ``end-to-end`` (the maps at each period's ends compared). ``--csv``
    writes the weeks and months; ``--json`` everything (``-`` for standard output).

Exit status 0, 2 on bad input.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

from frontline.cli import command, print_json, print_table
from frontline.common import (
    NEAR_DAYS,
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

#: What ``--out`` of ``change`` writes, by suffix.
_OUT_SUFFIXES = (".geojson", ".json", ".gpkg", ".parquet")


def _units_arg(names: list[str], argument: str) -> list[str] | None:
    """Unit codes of names as written (comma-separated too); ``UA``/``Ukraine`` for the
    country, ``all`` for Ukraine's units and the country; None for none given."""
    words = [w.strip() for n in names for w in n.split(",") if w.strip()]
    if not words:
        return None
    from geo.gazetteer import resolve_all

    named = [w for w in words if w.casefold() not in ("ua", "ukraine", "all")]
    found = resolve_all(named, argument=argument) if named else {}
    codes: list[str] = []
    for w in words:  # in the order given
        low = w.casefold()
        if low == "all":
            from geo.boundaries import load_units

            units = load_units()
            codes += [str(c) for c in units.index[units["country"] == "UA"]]
        if low in ("ua", "ukraine", "all"):
            codes.append("UA")
        else:
            codes += list(found[w])
    return list(dict.fromkeys(codes))


# ---------------------------------------------------------------- change
@command("change", "what changed hands between two mapped days: polygons, km² per unit, towns")
def _configure_change(p: argparse.ArgumentParser) -> None:
    p.add_argument("--history", nargs="+", metavar="INPUT", required=True,
                   help="a history of control layers (folders of daily files named by date, "
                        "zips, a dated GeoJSON or GeoParquet)")
    p.add_argument("--from", dest="start", type=parse_day, required=True,
                   metavar="YYYY-MM-DD", help="the first date (its nearest mapped day is used)")
    p.add_argument("--to", dest="end", type=parse_day, required=True, metavar="YYYY-MM-DD",
                   help="the second date (its nearest mapped day is used)")
    p.add_argument("--units", nargs="+", default=[], metavar="UNIT",
                   help="only these units (names or codes, e.g. Donetsk UA-23; the Ukraine "
                        "total is always given); default every unit where ground moved")
    p.add_argument("--within", type=int, default=NEAR_DAYS, metavar="DAYS",
                   help="the farthest a mapped day may be from a date asked for (default 7)")
    p.add_argument("--out", metavar="FILE",
                   help="write the polygons (and the cities as points): .geojson (RFC 7946), "
                        ".gpkg or .parquet (GeoParquet); EPSG:4326, km² geodesic")
    p.add_argument("--json", action="store_true",
                   help="print the figures (days, totals, transitions, cities) as JSON")
    p.add_argument("--no-cache", action="store_true",
                   help="do not read or write the parsed-history cache")
    add_reading(p)
    p.set_defaults(func=_cmd_change)


def _cmd_change(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.change import change_from_files

    out = Path(args.out) if args.out else None
    if out is not None:
        if out.suffix.lower() not in _OUT_SUFFIXES:
            raise FrontlineError(f"--out: expected a file ending in {', '.join(_OUT_SUFFIXES)}; "
                                 f"got {args.out!r}. Name the file by the format wanted.")
        check_out(out, "--out")
    if args.within < 0:
        raise FrontlineError(f"--within: expected a number of days >= 0; got {args.within}.")
    if args.start >= args.end:
        raise FrontlineError(f"--from: expected a date before --to ({args.end}); got "
                             f"{args.start}. Swap the two dates.")
    codes = _units_arg(args.units, "--units")
    wanted = [c for c in codes if c != "UA"] if codes is not None else None
    change, history = change_from_files(
        args.history, load_units(), args.start, args.end, within_days=args.within,
        codes=wanted, cache=not args.no_cache, options=read_options(args))
    if history is not None:
        tell_history(history, cmd="change")
    else:
        print("frontline change: read the files of the 2 mapped days nearest the dates "
              "asked (the days between are not needed)", file=sys.stderr)
    for note in change.notes:
        print(f"frontline change: note: {note}", file=sys.stderr)
    if out is not None:
        n = write_file(out, _change_file(change, out.suffix.lower()), "--out")
        print(f"wrote {len(change.frame)} polygon rows and {len(change.cities)} cities to "
              f"{out} ({size_text(n)})", file=sys.stderr)
    if args.json:
        print_json(change.to_dict())
        return 0
    _show_change(change, explicit=codes is not None)
    return 0


def _change_layers(change: Any) -> tuple[Any, Any]:
    """The polygons and the cities (points) as two GeoDataFrames."""
    import geopandas as gpd
    import shapely

    frame = change.frame.assign(kind="change")
    c = change.cities
    cities = gpd.GeoDataFrame(
        c.drop(columns=["lon", "lat"]).assign(
            kind="city", transition=c["from_state"] + " -> " + c["to_state"],
            from_day=change.before.isoformat(), to_day=change.after.isoformat()),
        geometry=shapely.points(c["lon"].to_numpy(), c["lat"].to_numpy()) if len(c) else [],
        crs="EPSG:4326")
    return frame, cities


def _change_file(change: Any, suffix: str) -> bytes | str:
    import geopandas as gpd
    import pandas as pd

    from geo.export import layers_gpkg, to_geojson

    frame, cities = _change_layers(change)
    provenance = {"source": "frontline change", "before_file": change.before_source,
                  "after_file": change.after_source}
    if suffix == ".gpkg":
        return layers_gpkg({"change": frame, "cities": cities}, provenance=provenance)
    both = gpd.GeoDataFrame(pd.concat([frame, cities], ignore_index=True), geometry="geometry",
                            crs="EPSG:4326")
    if suffix == ".parquet":
        buf = io.BytesIO()
        both.assign(**provenance).to_parquet(buf, index=False)
        return buf.getvalue()
    name = f"change {change.before} -> {change.after}"
    return to_geojson(both, provenance=provenance, name=name,
                      members={"before": change.before.isoformat(),
                               "after": change.after.isoformat(),
                               "notes": list(change.notes)})


def _show_change(change: Any, *, explicit: bool) -> None:
    t = change.totals
    rows = []
    for code, r in t.iterrows():
        moved = r["russia_gained_km2"] + r["russia_lost_km2"] + r["contested_gained_km2"] \
            + r["contested_lost_km2"]
        if code != "UA" and not explicit and moved < 0.05:
            continue
        row = {"code": code, "name": r["name"],
               "Russia gained km²": f"{r['russia_gained_km2']:,.1f}",
               "Russia lost km²": f"{r['russia_lost_km2']:,.1f}",
               "net km²": f"{r['net_km2']:+,.1f}",
               f"held {change.before}": f"{r['held_before_km2']:,.1f}",
               f"held {change.after}": f"{r['held_after_km2']:,.1f}"}
        if change.maps_contested:
            row["grey zone +/- km²"] = (f"+{r['contested_gained_km2']:,.1f} / "
                                        f"-{r['contested_lost_km2']:,.1f}")
        rows.append(row)
    print(f"Ground that changed hands, {change.before} ({change.before_source}) -> "
          f"{change.after} ({change.after_source}), {change.days} days:")
    print_table(rows, list(rows[0]))
    towns = change.cities[~change.cities["is_section"]]
    sections = int(change.cities["is_section"].sum())
    if len(towns):
        print(f"\nCities that changed hands ({len(towns)}; GeoNames places of 15,000+):")
        print_table([{"name": c["name"], "population": f"{c['population']:,}",
                      "unit": c["unit"], "from -> to": f"{c['from_state']} -> {c['to_state']}"}
                     for c in towns.to_dict("records")],
                    ["name", "population", "unit", "from -> to"])
    else:
        print("\nNo city of the gazetteer (15,000+ people) changed hands.")
    if sections:
        print(f"({sections} city district{'s' if sections != 1 else ''} changed hands too; "
              "--json lists them)")


# ---------------------------------------------------------------- pace
def _pct(text: str) -> float:
    """An argparse type: ``90%`` or ``90``."""
    try:
        value = float(text.strip().rstrip("%").strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a share in percent, e.g. 90% or 100; got "
                                         f"{text!r}") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"expected a share above 0 and at most 100 %; got "
                                         f"{text!r}")
    return value


#: How ``pace`` prints to standard output (said when an output names ``/dev/stdout``).
_STDOUT = "To print to standard output, give --json - (JSON)."


@command("pace", "how fast held ground changes per unit: weeks, months, a window's rate, "
                 "where it leads")
def _configure_pace(p: argparse.ArgumentParser) -> None:
    p.add_argument("units", nargs="+", metavar="UNIT",
                   help="units: names or codes (Donetsk, UA-14, Donbas), UA or Ukraine for the "
                        "country, all for every Ukrainian unit and the country")
    p.add_argument("--history", nargs="+", metavar="INPUT", required=True,
                   help="a history of control layers (folders of daily files named by date, "
                        "zips, a dated GeoJSON or GeoParquet)")
    p.add_argument("--window", type=int, default=90, metavar="DAYS",
                   help="the window of the rate, in days (e.g. 30, 90, 365; default 90)")
    p.add_argument("--end", type=parse_day, metavar="YYYY-MM-DD",
                   help="the window's last day (default the last mapped day)")
    p.add_argument("--to", dest="to_pct", type=_pct, default=100.0, metavar="PCT",
                   help="project to this share of the unit (e.g. 90%%; default 100: fully held)")
    p.add_argument("--flow", choices=["gross", "end-to-end"], default="gross",
                   help="the weeks' and months' flow: gross (daily gains added up) or "
                        "end-to-end (the maps at each period's ends compared: ground that "
                        "changed hands twice nets out)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="OUT", help="write the weeks and months as CSV")
    out.add_argument("--json", metavar="OUT", help="write everything as JSON ('-' for stdout)")
    p.add_argument("--no-cache", action="store_true",
                   help="do not read or write the parsed-history cache")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes measuring the history (default: the cores, up to 4)")
    add_reading(p)
    p.set_defaults(func=_cmd_pace)


def _cmd_pace(args: argparse.Namespace) -> int:
    from geo.boundaries import load_units
    from geo.measure import UnitIndex
    from geo.pace import pace
    from geo.series import series_from_files

    for flag in ("csv", "json"):
        path = getattr(args, flag)
        if path and path != "-":
            check_out(Path(path), f"--{flag}", _STDOUT)
    if args.window < 7:
        raise FrontlineError(f"--window: expected at least 7 days (the band is made of weeks; "
                             f"e.g. 30, 90 or 365); got {args.window}.")
    if args.workers is not None and args.workers < 1:
        raise FrontlineError(f"--workers: expected at least 1; got {args.workers}.")
    codes = _units_arg(args.units, "UNIT") or []
    units = load_units()
    bar = Progress()
    try:
        history, series = series_from_files(
            args.history, units, cache=not args.no_cache, workers=args.workers,
            progress=bar.update, on_total=bar.start, options=read_options(args))
    finally:
        bar.close()
    tell_history(history, cmd="pace")
    if args.end is not None and not history.dates[0] < args.end <= history.dates[-1]:
        raise FrontlineError(f"--end: expected a day after the first mapped day "
                             f"({history.dates[0]}) up to the last ({history.dates[-1]}); got "
                             f"{args.end}.")
    result = pace(series, codes=codes, window=args.window, end=args.end,
                  to_pct=args.to_pct, flow=args.flow, history=history, units=UnitIndex(units))
    if args.csv:
        import pandas as pd

        table = pd.concat([result.weeks, result.months], ignore_index=True)
        n = write_file(Path(args.csv), table.to_csv(index=False, float_format="%.4f"), "--csv",
                       _STDOUT)
        print(f"wrote {len(table):,} rows (weeks and months) to {args.csv} ({size_text(n)})",
              file=sys.stderr)
    if args.json == "-":
        print_json(result.to_dict())
        return 0
    if args.json:
        n = write_file(Path(args.json), json.dumps(result.to_dict(), ensure_ascii=False),
                       "--json", _STDOUT)
        print(f"wrote the pace of {len(codes)} unit(s) to {args.json} ({size_text(n)})",
              file=sys.stderr)
    _show_pace(result)
    return 0


def _show_pace(result: Any) -> None:
    from geo.pace import window_span

    span = window_span(result.window, result.end, result.last)
    r = result.rates
    print(f"Pace of Russian-held ground, {span} ({r['start'].iloc[0]} to {result.end}); net "
          f"km² a day, the band from the week-to-week spread (95 %):")
    rows = []
    for x in r.to_dict("records"):
        e2e = x["e2e_gained_km2"] == x["e2e_gained_km2"]  # not NaN
        rows.append({
            "code": x["code"], "name": x["name"], "share": f"{x['share_pct']:.2f} %",
            "gained (gross)": f"{x['gained_km2']:,.1f}", "lost (gross)": f"{x['lost_km2']:,.1f}",
            "gained / lost end to end": (f"{x['e2e_gained_km2']:,.1f} / "
                                         f"{x['e2e_lost_km2']:,.1f}" if e2e else ""),
            "net": f"{x['net_km2']:+,.1f}", "km² a day": f"{x['rate_km2_day']:+,.2f}",
            "band": (f"{x['band_low_km2_day']:+,.2f} to {x['band_high_km2_day']:+,.2f}"
                     if x["band_low_km2_day"] == x["band_low_km2_day"] else ""),
            f"the {result.window} days before": (
                f"{x['previous_rate_km2_day']:+,.2f}"
                if x["previous_rate_km2_day"] == x["previous_rate_km2_day"] else ""),
        })
    print_table(rows, list(rows[0]))
    print("\nWhere the pace leads (extrapolations of the mapped pace, not forecasts):")
    for x in r.to_dict("records"):
        print(f"  {x['projection']}")
    weeks = result.weeks
    last = sorted(set(weeks["start"]))[-6:]
    recent = weeks[weeks["start"].isin(last)]
    wide = recent.pivot(index="start", columns="code", values="net_km2")
    flow = "gross" if result.flow == "gross" else "end to end"
    print(f"\nNet km² per calendar week ({flow}; the last six weeks, a partial week marked *):")
    done = recent.groupby("start")["complete"].all()
    print_table([{"week of": f"{w}{'' if done[w] else ' *'}",
                  **{c: f"{wide.loc[w, c]:+,.1f}" for c in wide.columns}} for w in wide.index],
                ["week of", *wide.columns])
    rev = result.revisions
    if len(rev):
        print(f"\nPossible map revisions ({len(rev)} days of unusual size; the largest):")
        for text in rev["text"].head(8):
            print(f"  {text}")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
