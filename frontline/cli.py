"""``frontline``: Frontline Atlas from a shell.

Each sub-command lives in a function ``_cmd_<name>`` registered in :func:`build_parser`.
Errors on bad input (:class:`geo.errors.FrontlineError`) print one clear message to
stderr and exit with status 2; so does every other failure (a file-system error, a
resource limit, a bug), with no traceback unless ``FRONTLINE_DEBUG=1``. Control
characters in anything printed (a report title with an ANSI escape or a BEL) are shown
escaped, so text from files cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from geo.errors import FrontlineError

Configure = Callable[[argparse.ArgumentParser], None]
_COMMANDS: list[tuple[str, str, Configure]] = []


def command(name: str, help_text: str) -> Callable[[Configure], Configure]:
    """Register ``configure(parser)`` for sub-command ``name``.

    ``configure`` adds the arguments and sets ``func`` (the handler, returning the
    exit status) with ``parser.set_defaults``.
    """

    def deco(configure: Configure) -> Configure:
        _COMMANDS.append((name, help_text, configure))
        return configure

    return deco


#: C0 controls (but tab and newline), DEL and the C1 range, shown as \\xNN.
_UNSAFE = {c: f"\\x{c:02x}" for c in [*range(0, 9), *range(11, 32), *range(127, 160)]}


class _SafeStream:
    """A text stream that writes control characters escaped (``\\x1b``)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return int(self._stream.write(text.translate(_UNSAFE)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def print_json(obj: object) -> None:
    """Print JSON (UTF-8, indented) to stdout."""
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(rows: Sequence[Mapping[Any, object]], columns: Sequence[str]) -> None:
    """Print rows as an aligned plain-text table."""
    cells = [[_fmt(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


def _fmt(v: object) -> str:
    from geo.labels import cell_text

    return cell_text(v)


# ---------------------------------------------------------------- regions
@command("regions", "list every unit with code, names, official and geodesic area (km²)")
def _configure_regions(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--country", choices=["UA", "RU"], help="only units of this country")
    p.set_defaults(func=_cmd_regions)


def _cmd_regions(args: argparse.Namespace) -> int:
    from geo.boundaries import area_accuracy, load_units

    units = load_units(country=args.country)
    units["area_error_pct"] = area_accuracy(units).round(2)
    units = units.sort_values("country", ascending=False, kind="stable")  # UA first
    cols = ["code", "name_en", "name_uk", "kind", "country", "official_area_km2",
            "geodesic_area_km2", "area_error_pct"]
    records = json.loads(units.reset_index()[cols].to_json(orient="records", force_ascii=False))
    if args.json:
        print_json(records)
    else:
        print_table(records, cols)
    return 0


# ---------------------------------------------------------------- resolve
@command("resolve", "resolve place names as written in the news to unit codes")
def _configure_resolve(p: argparse.ArgumentParser) -> None:
    p.add_argument("names", nargs="+", help='place names, e.g. "Zaporozhye" "Donbas"; every '
                   "name is resolved, unknown ones are listed together (exit status 2)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_resolve)


def _cmd_resolve(args: argparse.Namespace) -> int:
    """Print the codes of every name that resolves; then, if any did not, one error
    naming every unknown name with its suggestions (stderr, status 2)."""
    from geo.errors import UnknownPlacesError
    from geo.gazetteer import resolve_all

    unknown: UnknownPlacesError | None = None
    try:
        out = resolve_all(args.names)
    except UnknownPlacesError as exc:
        out, unknown = exc.resolved, exc
    if args.json:
        print_json({n: list(codes) for n, codes in out.items()})
    else:
        for n, codes in out.items():
            print(f"{n}\t{' '.join(codes)}")
    if unknown is not None:
        sys.stdout.flush()
        raise unknown
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="frontline",
        description="Frontline Atlas: territorial-control claims as map layers.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, help_text, configure in _COMMANDS:
        p = sub.add_parser(name, help=help_text, description=help_text)
        configure(p)
        if name in CARRYING_COMMANDS:
            p.add_argument("--carry-unreviewed", action="store_true",
                           help="carry the claims of saved drafts nobody has reviewed into "
                                "later reports (marked 'unreviewed, from <id>'); off: a "
                                "draft changes no other report")
    return parser


#: Commands whose reports' snapshots carry claims forward from earlier reports.
CARRYING_COMMANDS = frozenset({"show", "verify", "zones", "compare", "export", "render",
                               "schematic", "warm"})


def _load_plugins() -> None:
    """Import the modules that register further sub-commands."""
    import importlib
    import pkgutil

    import frontline

    for mod in pkgutil.iter_modules(frontline.__path__):
        if mod.name.startswith("cmd_"):
            importlib.import_module(f"frontline.{mod.name}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``frontline`` console script."""
    _load_plugins()
    parser = build_parser()
    out, err = sys.stdout, sys.stderr
    if not isinstance(out, _SafeStream):
        sys.stdout, sys.stderr = _SafeStream(out), _SafeStream(err)
    try:
        args = parser.parse_args(argv)
        return _run(args)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except FrontlineError as exc:
        print(f"frontline {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `frontline regions | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except FileNotFoundError as exc:
        print(f"frontline {args.command}: error: file not found: {exc.filename}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"frontline {args.command}: interrupted", file=sys.stderr)
        return 130
    except (OSError, RecursionError, MemoryError, OverflowError, ValueError) as exc:
        if os.environ.get("FRONTLINE_DEBUG") == "1":
            raise
        print(f"frontline {args.command}: error: {type(exc).__name__}: {str(exc)[:300]}. "
              "Check the input files; FRONTLINE_DEBUG=1 shows the detail.", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug: say so, no traceback
        if os.environ.get("FRONTLINE_DEBUG") == "1":
            raise
        print(f"frontline {args.command}: internal error ({type(exc).__name__}: "
              f"{str(exc)[:300]}); this is a bug. Run again with FRONTLINE_DEBUG=1 for the "
              "traceback and report it.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
