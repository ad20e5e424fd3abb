"""Shares per unit as input: parsing ``UA-14=75.5,UA-23=73.6`` and checking codes and range.

Shares are percent (0-100) of a Ukrainian unit, keyed by ISO 3166-2 code.
"""

from __future__ import annotations

from collections.abc import Mapping

from geo.errors import Problem, UnknownUnitError, ValidationError

__all__ = ["parse_shares", "validate_shares"]


def parse_shares(text: str, *, argument: str = "--shares") -> dict[str, float]:
    """Parse ``"UA-14=75.5,UA-23=73.6"`` into ``{code: percent}`` and validate it.

    Raises
    ------
    ValidationError
        Listing every malformed pair, non-number, share outside 0-100 and unknown code.
    """
    problems: list[Problem] = []
    out: dict[str, float] = {}
    pairs = [p.strip() for p in text.split(",") if p.strip()]
    if not pairs:
        problems.append(Problem(argument, "", "expected CODE=PERCENT pairs such as "
                                "UA-14=75.5,UA-23=73.6; got nothing."))
    for pair in pairs:
        code, sep, value = pair.partition("=")
        code = code.strip().upper()
        if not sep or not code:
            problems.append(Problem(argument, pair, "expected CODE=PERCENT (e.g. UA-14=75.5); "
                                    f"got {pair!r}."))
            continue
        if code in out:
            problems.append(Problem(argument, code, f"{code} is given twice ({out[code]:g} and "
                                    f"{value.strip()}); give each unit once."))
            continue
        try:
            out[code] = float(value)
        except ValueError:
            problems.append(Problem(argument, code, f"expected a number of percent; got "
                                    f"{value.strip()!r}."))
    if problems:
        # Report range and code problems of the well-formed pairs in the same message.
        try:
            validate_shares(out, argument=argument)
        except UnknownUnitError as exc:
            problems += [Problem(argument, c, "unknown unit code; expected an ISO 3166-2 code "
                                 "of a Ukrainian unit such as UA-14 (`frontline regions`).")
                         for c in exc.codes]
        except ValidationError as exc:
            problems += exc.problems
        raise ValidationError(problems, what=argument)
    validate_shares(out, argument=argument)
    return out


def validate_shares(shares: Mapping[str, float], *, argument: str = "shares") -> None:
    """Check codes (ISO 3166-2, Ukrainian units) and shares (finite, 0-100).

    Raises
    ------
    UnknownUnitError
        Naming every unknown code.
    ValidationError
        Naming every code whose share is not a finite number in 0-100.
    """
    from geo.boundaries import load_unit_table

    table = load_unit_table()
    known = list(table.index)
    unknown = [c for c in shares if c not in known]
    problems: list[Problem] = []
    for code, value in shares.items():
        if code in unknown:
            continue
        if str(table.loc[code, "country"]) != "UA":
            problems.append(Problem(argument, code, f"{code} is a Russian oblast; schematic "
                                    "zones are drawn for Ukrainian units (UA-*)."))
            continue
        try:
            v = float(value)
        except (TypeError, ValueError):
            problems.append(Problem(argument, code, f"expected a percentage; got {value!r}."))
            continue
        if not (0.0 <= v <= 100.0):
            problems.append(Problem(argument, code, f"share must be between 0 and 100 percent; "
                                    f"got {value!r}."))
    if unknown and not problems:
        raise UnknownUnitError(unknown, argument=argument, known=known)
    if unknown:
        problems += [Problem(argument, c, "unknown unit code; expected an ISO 3166-2 code of a "
                             "Ukrainian unit such as UA-14 (`frontline regions`).")
                     for c in unknown]
    if problems:
        raise ValidationError(problems, what=argument)
