"""Validating a report document: the JSON Schema, then the checks a schema cannot say.

:func:`validate` takes the parsed YAML data with its line table (:mod:`geo.reports.yamltree`)
and returns every problem, each with ``file:line`` and field (``claims[2].figure``):

* the JSON Schema (``data/reports/schema.json``): required fields, types, enums, unknown
  fields, each turned into a sentence that says what to write instead;
* unit codes against the unit table (:func:`geo.boundaries.load_unit_table`);
* shares outside [0, 100], negative km², km² larger than the named units;
* explicit ``low``/``high`` bounds that are inverted or do not enclose the figure;
* claim ids (unique within the report, prefixed by the report id);
* the date: a real calendar date, matching ``date_precision``, not in the future;
* pace claims (``kind: pace``): one unit or the country, Russia or Ukraine, a figure in
  km², and a period (a month or two days) that ends by the report's date; ``measure``,
  ``per`` and ``period`` on no other kind.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Mapping
from typing import Any

import jsonschema

from geo.errors import FrontlineError, Problem
from geo.intervals import (
    FIGURE_QUALIFIERS,
    NO_FIGURE_QUALIFIERS,
    SHARE_QUALIFIERS,
    canonical_qualifier,
)
from geo.reports.model import SCHEMA_PATH
from geo.reports.yamltree import Lines, Path_, field_name

__all__ = ["load_schema", "validate", "period_bounds", "AREA_TOLERANCE"]

#: Kinds that must name units or the country.
_PLACE_KINDS = ("control_share", "controlled_area", "held_by_other_side", "cede_units",
                "withdraw_share", "offer_withdraw", "facility_held", "recognition_demand",
                "pace")
#: Kinds whose figure must be a share (percent).
_PERCENT_KINDS = ("control_share", "withdraw_share", "offer_withdraw", "cede_units",
                  "recognition_demand")
#: Kinds that must carry a quantity (qualifier other than ``none``).
_QUANTITY_KINDS = ("control_share", "controlled_area", "held_by_other_side", "withdraw_share",
                   "pace")
#: Fields only a pace claim has.
_PACE_FIELDS = ("measure", "per", "period")

_DATE_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_MONTH = re.compile(r"^\d{4}-\d{2}$")
_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{2,3}$")


@functools.lru_cache(maxsize=1)
def _schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The JSON Schema of a report file (a fresh copy)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


_JSON_TYPES = {"string": "text", "number": "a number", "integer": "a whole number",
               "array": "a list", "object": "a mapping", "boolean": "true or false"}
_PATTERN_HINTS = {
    "id": "a report id such as R1 (a letter, then letters, digits or _)",
    "date": "a date YYYY-MM-DD or a month YYYY-MM",
    "code": "an ISO 3166-2 code such as UA-14",
    "claim_id": "'<report id>-<suffix>' such as R1-c3",
}


def _got(value: Any) -> str:
    kind = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            type(None): "nothing (null)"}.get(type(value))
    if kind is None:
        kind = "a number" if isinstance(value, int | float) else type(value).__name__
    shown = repr(value) if not isinstance(value, dict | list) else kind
    return f"{shown} ({kind})" if shown != kind else kind


def _schema_problem(err: jsonschema.ValidationError, lines: Lines, where: str) -> Problem:
    path: Path_ = tuple(err.absolute_path)
    v = err.validator
    schema: Any = err.schema
    instance: Any = err.instance
    value: Any = err.validator_value
    if v == "required":
        missing = re.match(r"'([^']+)'", err.message)
        name = missing.group(1) if missing else "?"
        return Problem(f"{where}:{lines.at(path)}", field_name(path + (name,)),
                       f"required field {name!r} is missing; add `{name}: ...`.")
    if v == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        name = extra[0] if extra else "?"
        return Problem(f"{where}:{lines.at(path + (name,))}", field_name(path + (name,)),
                       f"unknown field {name!r}; valid fields here are {', '.join(allowed)}. "
                       "Check the spelling or move the text into `notes`.")
    line = f"{where}:{lines.at(path)}"
    fld = field_name(path)
    if v == "type":
        want = value
        wants = [want] if isinstance(want, str) else list(want)
        hint = (" Write numbers without thousands separators or units (100000, not "
                "100,000 km²)." if "number" in wants and isinstance(instance, str) else "")
        return Problem(line, fld, f"expected {' or '.join(_JSON_TYPES.get(w, w) for w in wants)}"
                       f", got {_got(instance)}.{hint}")
    if v == "enum":
        return Problem(line, fld, f"expected one of {', '.join(map(str, value))}"
                       f"; got {_got(instance)}.")
    if v == "pattern":
        last = path[-1] if path else ""
        if last == "id" and len(path) == 3:
            hint = _PATTERN_HINTS["claim_id"]
        elif last in ("id", "date"):
            hint = _PATTERN_HINTS[str(last)]
        else:
            hint = _PATTERN_HINTS["code"]
        return Problem(line, fld, f"expected {hint}; got {_got(instance)}.")
    if v == "minItems":
        return Problem(line, fld, f"expected at least {value} item(s); "
                       "the list is empty.")
    if v == "minLength":
        return Problem(line, fld, "expected text; got an empty string.")
    if v == "maxLength":
        return Problem(line, fld, f"expected at most {value} characters, got "
                       f"{len(instance)}; shorten the paraphrase.")
    if v == "uniqueItems":
        return Problem(line, fld, "a value is listed twice; list each code once.")
    if v in ("minimum", "maximum"):
        return Problem(line, fld, f"expected a value {'>=' if v == 'minimum' else '<='} "
                       f"{value}; got {_got(instance)}.")
    return Problem(line, fld, err.message)


#: How far an area may exceed the official area of its units: sources give a unit's
#: area differently by up to about 1 % (Crimea with Sevastopol: 26,945 km² here, 26,950
#: or 27,000 in articles' tables), and a report quoting theirs is not wrong.
AREA_TOLERANCE = 1.02


@functools.lru_cache(maxsize=1)
def _unit_areas() -> dict[str, float]:
    from geo.boundaries import load_unit_table

    table = load_unit_table()
    return {str(k): float(v) for k, v in table["official_area_km2"].items()}


@functools.lru_cache(maxsize=1)
def _unit_names() -> dict[str, str]:
    from geo.boundaries import load_unit_table

    return {str(k): str(v) for k, v in load_unit_table()["name_en"].items()}


def _is_num(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _check_date(data: Mapping[str, Any], lines: Lines, where: str, today: dt.date,
                problems: list[Problem]) -> dt.date | None:
    text, prec = data.get("date"), data.get("date_precision")
    if not isinstance(text, str):
        return None
    line = f"{where}:{lines.at(('date',))}"
    if _DATE_DAY.match(text):
        form = "day"
    elif _DATE_MONTH.match(text):
        form = "month"
    else:
        return None  # the schema reported it
    try:
        date = dt.date.fromisoformat(text if form == "day" else f"{text}-01")
    except ValueError as exc:
        problems.append(Problem(line, "date", f"{text!r} is not a calendar date ({exc}); "
                                "write a real date as YYYY-MM-DD or a month as YYYY-MM."))
        return None
    if prec in ("day", "month") and prec != form:
        fix = ("write the full date YYYY-MM-DD or set `date_precision: month`" if prec == "day"
               else "write only YYYY-MM or set `date_precision: day`")
        problems.append(Problem(
            f"{where}:{lines.at(('date_precision',))}", "date_precision",
            f"date {text!r} is given to the {form} but date_precision is {prec!r}; {fix}.",
        ))
    if date > today:
        problems.append(Problem(line, "date", f"{text!r} is in the future (today is "
                                f"{today.isoformat()}); a report cannot be dated after today. "
                                "Check the year and month."))
    return date


def _check_codes(codes: Any, path: Path_, lines: Lines, where: str,
                 problems: list[Problem]) -> None:
    if not isinstance(codes, list):
        return
    areas = _unit_areas()
    for j, code in enumerate(codes):
        if isinstance(code, str) and _CODE.match(code) and code not in areas:
            sample = ", ".join(f"{c} ({_unit_names()[c]})" for c in ("UA-14", "UA-09", "UA-43",
                                                                     "RU-KRS"))
            problems.append(Problem(
                f"{where}:{lines.at(path + (j,))}", field_name(path + (j,)),
                f"unknown unit code {code!r}; expected an ISO 3166-2 code of the unit table "
                f"such as {sample}; `frontline regions` lists all {len(areas)}.",
            ))


class _Claim:
    """Problems of one claim mapping, each at its own line and field."""

    def __init__(self, c: Mapping[str, Any], i: int, lines: Lines, where: str,
                 problems: list[Problem]) -> None:
        self.c, self.i, self.lines, self.where, self.problems = c, i, lines, where, problems
        self.base: Path_ = ("claims", i)
        self.funit: Any = c.get("figure_unit")
        q_raw = c.get("qualifier")
        try:
            self.q: str | None = canonical_qualifier(q_raw) if isinstance(q_raw, str) else None
        except FrontlineError:
            self.q = None  # the schema reported it
        self.q_raw = q_raw

    def add(self, key: str | None, msg: str, *, at: str | None = None) -> None:
        path = self.base + ((key,) if key else ())
        line = self.lines.at(self.base + (at,)) if at else self.lines.at(path)
        self.problems.append(Problem(f"{self.where}:{line}", field_name(path), msg))


def _check_claim(c: Mapping[str, Any], i: int, report_id: Any, lines: Lines, where: str,
                 problems: list[Problem], *, report_end: tuple[dt.date, str] | None = None
                 ) -> None:
    claim = _Claim(c, i, lines, where, problems)
    _check_places(claim, report_id)
    _check_quantity(claim)
    _check_values(claim)
    _check_bounds(claim)
    _check_pace(claim, report_end)


def period_bounds(value: Any) -> tuple[dt.date, dt.date]:
    """The first and last day of a pace claim's ``period``: a month ``"2025-10"`` or a
    mapping ``{start: "2025-10-01", end: "2025-10-31"}`` (both days included).

    Raises
    ------
    ValueError
        With what is wrong (the field first: ``start: ...``) when it is neither.
    """
    if isinstance(value, str):
        if not _DATE_MONTH.match(value):
            raise ValueError(f"expected a month YYYY-MM (2025-10) or a mapping {{start: "
                             f"YYYY-MM-DD, end: YYYY-MM-DD}}; got {value!r}.")
        try:
            first = dt.date.fromisoformat(f"{value}-01")
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar month; write a month as YYYY-MM "
                             "(2025-10).") from None
        nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, nxt - dt.timedelta(days=1)
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a month YYYY-MM or a mapping {{start: YYYY-MM-DD, end: "
                         f"YYYY-MM-DD}}; got {_got(value)}.")
    days = []
    for key in ("start", "end"):
        text = value.get(key)
        if not isinstance(text, str) or not _DATE_DAY.match(text):
            raise ValueError(f"{key}: expected a day YYYY-MM-DD (2025-10-01); got "
                             f"{_got(text)}.")
        try:
            days.append(dt.date.fromisoformat(text))
        except ValueError as exc:
            raise ValueError(f"{key}: {text!r} is not a calendar date ({exc}); write a real "
                             "day as YYYY-MM-DD.") from None
    if days[0] > days[1]:
        raise ValueError(f"start: {days[0]} is after end {days[1]}; the period runs from "
                         "start to end, both days included: swap them.")
    return days[0], days[1]


def _check_pace(cl: _Claim, report_end: tuple[dt.date, str] | None) -> None:
    """A pace claim's side, place, figure and period; pace fields on no other kind."""
    c, add = cl.c, cl.add
    if c.get("kind") != "pace":
        for key in _PACE_FIELDS:
            if key in c:
                add(key, f"`{key}` is only for pace claims; remove it, or set `kind: pace` "
                         "for a claim about ground gained or lost over a period.")
        return
    actor = c.get("actor")
    if isinstance(actor, str) and actor not in ("russia", "ukraine"):
        add("actor", f"a pace claim states the ground a side gained or lost; expected actor "
                     f"russia or ukraine, got {actor!r}.")
    units = c.get("units")
    if isinstance(units, list) and len(units) > 1:
        add("units", f"a pace claim is about one unit or the whole country; got "
                     f"{len(units)} units ({', '.join(map(str, units))}). Write one claim per "
                     "unit, or `scope: country` for a national figure.")
    if cl.q in SHARE_QUALIFIERS:
        add("qualifier", f"a pace claim states a figure in km²; qualifier {cl.q_raw!r} is a "
                         "share of a unit. Use exact, about, more_than or less_than.")
    if cl.funit == "percent":
        add("figure_unit", "a pace claim is in km² (over the period, or a day or a week with "
                           "`per`); expected figure_unit km2, got 'percent'.")
    for key in ("low", "high", "central"):
        if key in c:
            add(key, "a pace claim is read by its qualifier (about, more_than, ...); explicit "
                     f"bounds are not used for it. Remove `{key}` and keep the report's "
                     "qualifier.")
    if "period" not in c:
        add(None, "a pace claim needs its period: `period: 2025-10` (a month) or "
                  "`period: {start: 2025-10-01, end: 2025-10-31}`.")
        return
    value = c["period"]
    if isinstance(value, Mapping) and not all(k in value for k in ("start", "end")):
        return  # the schema reported the missing day
    try:
        _first, last = period_bounds(value)
    except ValueError as exc:
        msg = str(exc)
        head, _, rest = msg.partition(": ")
        nested = head in ("start", "end")
        path: Path_ = cl.base + ("period",) + ((head,) if nested else ())
        cl.problems.append(Problem(f"{cl.where}:{cl.lines.at(path)}", field_name(path),
                                   rest if nested else msg))
        return
    if report_end is not None and last > report_end[0]:
        add("period", f"the period ends on {last}, after the report's date ({report_end[1]}); "
                      "a report states the pace of a period up to its date. Check the year "
                      "and month, or end the period by the report's date.")


def _check_places(cl: _Claim, report_id: Any) -> None:
    c, add = cl.c, cl.add
    kind = c.get("kind")
    cid = c.get("id")
    if isinstance(cid, str) and isinstance(report_id, str) and not cid.startswith(
            f"{report_id}-"):
        add("id", f"claim id {cid!r} must start with the report id, e.g. "
                  f"'{report_id}-c{cl.i + 1}'.")
    units, scope = c.get("units"), c.get("scope")
    _check_codes(units, cl.base + ("units",), cl.lines, cl.where, cl.problems)
    _check_codes(c.get("includes"), cl.base + ("includes",), cl.lines, cl.where, cl.problems)
    # (a scope other than these two is the schema's to name: geo/reports/schema.json)
    if scope == "country" and units is not None:
        add("scope", "give either `units` (a list of codes) or `scope: country`, not both.")
    elif scope == "combined" and (kind != "control_share" or not isinstance(units, list)
                                  or len(units) < 2):
        add("scope", "`scope: combined` is for a control_share of two units or more taken "
                     "together (`units: [UA-09, UA-14]`); remove it to read the share of "
                     "each unit.")
    if kind in _PLACE_KINDS and units is None and scope in (None, "combined"):
        add(None, f"a {kind} claim needs `units: [UA-14, ...]` or `scope: country`; "
                  "neither was given.")
    if c.get("includes") is not None and not (
            kind in ("controlled_area", "control_share") and scope == "country"):
        add("includes", "`includes` is only for totals (controlled_area or control_share "
                        "with scope: country).")
    if kind == "facility_held" and c.get("facility") is None:
        add(None, "a facility_held claim needs `facility: {name: ..., lon: ..., lat: ...}`.")


def _check_quantity(cl: _Claim) -> None:
    c, add, q, q_raw, funit = cl.c, cl.add, cl.q, cl.q_raw, cl.funit
    kind = c.get("kind")
    figure, low = c.get("figure"), c.get("low")
    if figure is not None and funit is None:
        add("figure_unit", "a figure needs its unit; add `figure_unit: percent` or "
                           "`figure_unit: km2`.")
    if funit is not None and figure is None and low is None and q not in SHARE_QUALIFIERS:
        add("figure", f"figure_unit is {funit!r} but no figure is given; add `figure: ...` "
                      "or remove figure_unit.")
    if q in FIGURE_QUALIFIERS and figure is None and low is None:
        add("figure", f"qualifier {q_raw!r} needs a figure; add `figure:` and `figure_unit:` "
                      "or use qualifier all, nearly_all, part, large_part, some or none.")
    if q in NO_FIGURE_QUALIFIERS and figure is not None:
        add("figure", f"qualifier {q_raw!r} takes no figure, got {figure!r}; remove the figure "
                      "or use exact, about, more_than or less_than.")
    if q in SHARE_QUALIFIERS and funit == "km2" and kind != "pace":
        add("figure_unit", f"qualifier {q_raw!r} is a share of the unit; use "
                           "`figure_unit: percent` or leave it out.")
    if kind in _QUANTITY_KINDS and q == "none":
        add("qualifier", f"a {kind} claim states a quantity; qualifier 'none' is only for "
                         "claims without one. Use exact, about, more_than, less_than"
                         + (" (a figure in km²)." if kind == "pace" else ", all or part."))
    if kind in _PERCENT_KINDS and funit == "km2":
        add("figure_unit", f"a {kind} claim is a share of the unit(s); expected "
                           "figure_unit percent, got 'km2' (use controlled_area for km²).")
    if kind == "controlled_area" and funit == "percent":
        add("figure_unit", "a controlled_area claim is in km²; expected figure_unit km2, got "
                           "'percent' (use control_share for a share).")


def _check_values(cl: _Claim) -> None:
    c, add, funit = cl.c, cl.add, cl.funit
    for key in ("figure", "low", "high", "central"):
        v: Any = c.get(key)
        if isinstance(v, float) and not math.isfinite(v):
            add(key, f"expected a finite number, got {v!r} (too large, or not a number); "
                     "give the figure as the report states it.")
            continue
        if not _is_num(v):
            continue
        if v < 0:
            what = "a share" if funit == "percent" else "an area"
            add(key, f"{what} cannot be negative, got {v!r}; expected a value >= 0.")
        elif funit == "percent" and v > 100:
            add(key, f"a share is at most 100 %, got {v!r}; expected a value in [0, 100] "
                     "(for km² set figure_unit: km2).")
    units: Any = c.get("units")
    if funit != "km2":
        return
    if isinstance(units, list) and units and all(isinstance(u, str) and u in _unit_areas()
                                                 for u in units):
        total, where = sum(_unit_areas()[u] for u in units), ", ".join(units)
    elif c.get("scope") == "country":
        total, where = sum(a for u, a in _unit_areas().items() if u.startswith("UA-")), "Ukraine"
    else:
        return
    for key in ("figure", "low", "high", "central"):
        v = c.get(key)
        if _is_num(v) and v > total * AREA_TOLERANCE:
            shown = f"{v:,.0f}" if v < 1e15 else f"{v:.3g}"
            add(key, f"{shown} km² is more than the official area of {where} "
                     f"({total:,.0f} km²); check the figure or the units.")


def _check_bounds(cl: _Claim) -> None:
    c, add = cl.c, cl.add
    figure: Any = c.get("figure")
    low: Any = c.get("low")
    high: Any = c.get("high")
    central: Any = c.get("central")
    if (low is None) != (high is None):
        add("low" if low is None else "high",
            "explicit bounds come in pairs; give both `low` and `high` or neither.",
            at="high" if low is None else "low")
    elif _is_num(low) and _is_num(high):
        if cl.funit is None:
            add("figure_unit", "explicit bounds need `figure_unit: percent` or `km2`.")
        if low > high:
            add("low", f"inverted interval: low {low!r} is above high {high!r}; "
                       "swap them so that low <= high.")
        else:
            if _is_num(central) and not low <= central <= high:
                add("central", f"central {central!r} lies outside [{low!r}, {high!r}]; "
                               "give a value between low and high.")
            if _is_num(figure) and not low <= figure <= high:
                add("figure", f"figure {figure!r} lies outside the explicit bounds "
                              f"[{low!r}, {high!r}]; the interval must contain the figure.")
    elif central is not None and low is None:
        add("central", "`central` needs explicit `low` and `high`.")


def _check_semantics(data: Mapping[str, Any], lines: Lines, where: str, today: dt.date,
                     problems: list[Problem]) -> None:
    date = _check_date(data, lines, where, today, problems)
    report_end = None
    if date is not None:  # the last day a report dated to the day or month speaks of
        text = str(data.get("date"))
        report_end = (period_bounds(text)[1] if _DATE_MONTH.match(text) else date, text)
    claims = data.get("claims")
    if not isinstance(claims, list):
        return
    seen: dict[str, int] = {}
    for i, c in enumerate(claims):
        if not isinstance(c, dict):
            continue
        cid = c.get("id")
        if isinstance(cid, str):
            if cid in seen:
                problems.append(Problem(
                    f"{where}:{lines.at(('claims', i, 'id'))}", f"claims[{i}].id",
                    f"duplicate claim id {cid!r} (also claims[{seen[cid]}]); give every claim "
                    "of a report its own id.",
                ))
            else:
                seen[cid] = i
        _check_claim(c, i, data.get("id"), lines, where, problems, report_end=report_end)


def validate(data: Mapping[str, Any], lines: Lines, where: str, today: dt.date) -> list[Problem]:
    """Every problem of a parsed report mapping: schema first, then the semantic checks.

    Problems are sorted by line, then field.
    """
    errors = sorted(_validator().iter_errors(data),
                    key=lambda e: (lines.at(tuple(e.absolute_path)), list(map(str, e.path))))
    problems = [_schema_problem(e, lines, where) for e in errors]
    _check_semantics(data, lines, where, today, problems)
    problems.sort(key=lambda p: (int(p.where.rsplit(":", 1)[1]), p.field))
    return problems
