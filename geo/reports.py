"""Report files: news reports and their claims as validated data.

A report file (``data/reports/*.yaml``, format in ``docs/report-format.md`` and
``data/reports/schema.json``) describes one news report and the claims it states.
:func:`load_report` reads one file, :func:`load_reports` a directory. Files are read,
never written.

YAML is parsed with :class:`yaml.SafeLoader` (no object construction, no
``!!python`` tags) and the node tree is kept so that every problem can be reported
with its ``file:line`` and field (``claims[2].figure``). Validation does not stop at
the first problem: every problem of a file is collected into one
:class:`~geo.errors.ReportFormatError`. Checked are:

* YAML syntax (the line of the YAML error), duplicate keys;
* the JSON Schema: required fields, types, enums, unknown fields;
* unit codes against the unit table (:func:`geo.boundaries.load_unit_table`);
* shares outside [0, 100], negative km², km² larger than the named units;
* explicit ``low``/``high`` bounds that are inverted or do not enclose the figure;
* claim ids (unique within the report, prefixed by the report id);
* the date: a real calendar date, matching ``date_precision``, not in the future;
* duplicate report ids across files (:func:`load_reports`).

Figures become :class:`~geo.intervals.Interval` by the rules of :mod:`geo.intervals`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from geo import DATA_DIR
from geo.errors import FrontlineError, Problem, ReportFormatError
from geo.intervals import (
    FIGURE_QUALIFIERS,
    NO_FIGURE_QUALIFIERS,
    Interval,
    Unit,
    canonical_qualifier,
    explicit_interval,
    interval_from_claim,
)

__all__ = [
    "REPORTS_DIR",
    "SCHEMA_PATH",
    "CLAIM_KINDS",
    "CONTROL_KINDS",
    "DEMAND_KINDS",
    "ACTORS",
    "Facility",
    "Claim",
    "Report",
    "ReportSet",
    "load_schema",
    "load_report",
    "load_reports",
    "parse_report_text",
]

#: Directory of the built-in report files.
REPORTS_DIR = DATA_DIR / "reports"
#: JSON Schema of a report file.
SCHEMA_PATH = REPORTS_DIR / "schema.json"

#: Every claim kind.
CLAIM_KINDS: tuple[str, ...] = (
    "control_share", "controlled_area", "held_by_other_side", "cede_units", "withdraw_share",
    "offer_withdraw", "facility_held", "security_proposal", "recognition_demand",
    "other_demand", "note",
)
#: Kinds that say who holds how much of a unit (they feed snapshots).
CONTROL_KINDS: tuple[str, ...] = (
    "control_share", "controlled_area", "held_by_other_side", "withdraw_share",
)
#: Kinds that are demands or offers about units.
DEMAND_KINDS: tuple[str, ...] = (
    "cede_units", "withdraw_share", "offer_withdraw", "recognition_demand", "other_demand",
)
#: Sides a claim can be about.
ACTORS: tuple[str, ...] = ("russia", "ukraine", "us", "europe", "uk", "france", "unspecified")

#: Kinds that must name units or the country.
_PLACE_KINDS = ("control_share", "controlled_area", "held_by_other_side", "cede_units",
                "withdraw_share", "offer_withdraw", "facility_held", "recognition_demand")
#: Kinds whose figure must be a share (percent).
_PERCENT_KINDS = ("control_share", "withdraw_share", "offer_withdraw", "cede_units",
                  "recognition_demand")
#: Kinds that must carry a quantity (qualifier other than ``none``).
_QUANTITY_KINDS = ("control_share", "controlled_area", "held_by_other_side", "withdraw_share")

_DATE_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_MONTH = re.compile(r"^\d{4}-\d{2}$")
_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{2,3}$")


# ------------------------------------------------------------------ data classes
@dataclass(frozen=True)
class Facility:
    """A named place a claim is about (a power plant, a dam), as a lon/lat point."""

    name: str
    lon: float
    lat: float
    place: str | None = None
    condition: str | None = None


@dataclass(frozen=True)
class Claim:
    """One claim of a report, validated.

    Attributes
    ----------
    id : str
        ``<report id>-<suffix>``, unique across reports.
    kind : str
        One of :data:`CLAIM_KINDS`.
    actor : str
        For control and area claims the side that holds; for demands, offers and
        proposals the side that makes them. One of :data:`ACTORS`.
    qualifier : str
        Canonical qualifier (:data:`geo.intervals.QUALIFIERS`).
    paraphrase : str
        The claim in the encoder's own words.
    units : tuple of str
        ISO 3166-2 codes the claim is about (empty with ``scope``).
    scope : str or None
        ``"country"`` for the whole of Ukraine.
    figure, figure_unit
        The stated number and its unit (``percent`` or ``km2``), or ``None``.
    qualifier_as_written : str
        The qualifier as spelled in the file (``roughly``).
    low, high, central : float or None
        Explicit bounds from the file, overriding the qualifier rule.
    target : str or None
        Side a demand or offer is addressed to.
    includes : tuple of str
        Units a total is said to include.
    facility : Facility or None
    zone : dict
        Free-form parameters of a security proposal.
    notes : str or None
    line : int
        Line of the claim in its file.
    """

    id: str
    kind: str
    actor: str
    qualifier: str
    paraphrase: str
    units: tuple[str, ...] = ()
    scope: str | None = None
    figure: float | None = None
    figure_unit: str | None = None
    qualifier_as_written: str = ""
    low: float | None = None
    high: float | None = None
    central: float | None = None
    target: str | None = None
    includes: tuple[str, ...] = ()
    facility: Facility | None = None
    zone: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    notes: str | None = None
    line: int = 0

    @property
    def interval(self) -> Interval | None:
        """The claim's figure as an interval (explicit bounds win over the rule)."""
        unit: Unit = "km2" if self.figure_unit == "km2" else "percent"
        if self.low is not None and self.high is not None:
            return explicit_interval(self.low, self.high, self.central, unit=unit,
                                     qualifier=self.qualifier, figure=self.figure)
        return interval_from_claim(self.qualifier, self.figure, unit)


@dataclass(frozen=True)
class Report:
    """One news report and its claims, validated.

    ``date`` is a :class:`datetime.date`; a month-precision date is the first day of
    its month (``date_text`` keeps ``"2025-10"``).
    """

    id: str
    title: str
    outlet: str
    date: dt.date
    date_text: str
    date_precision: str
    context: str
    claims: tuple[Claim, ...]
    notes: str | None = None
    path: Path | None = None

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        """Chronological order: date (first day of the month for month precision), id."""
        return (self.date, self.id)

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; :class:`FrontlineError` naming the valid ids if none."""
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise FrontlineError(
            f"report {self.id} has no claim {claim_id!r}; its claims are "
            f"{', '.join(c.id for c in self.claims)}."
        )


@dataclass(frozen=True)
class ReportSet:
    """Reports that loaded, sorted by date, and the errors of files that did not."""

    reports: tuple[Report, ...]
    errors: tuple[ReportFormatError, ...] = ()

    def __iter__(self) -> Iterator[Report]:
        return iter(self.reports)

    def __len__(self) -> int:
        return len(self.reports)

    @property
    def ok(self) -> bool:
        """``True`` when every file loaded."""
        return not self.errors

    @property
    def ids(self) -> tuple[str, ...]:
        """Report ids in date order."""
        return tuple(r.id for r in self.reports)

    def get(self, report_id: str) -> Report:
        """The report with this id; :class:`FrontlineError` naming the known ids if none."""
        return find_report(self.reports, report_id)


def find_report(reports: Iterable[Report], report_id: str) -> Report:
    """The report with id ``report_id`` among ``reports``.

    Raises
    ------
    FrontlineError
        If there is none; the message lists the known ids.
    """
    reports = list(reports)
    for r in reports:
        if r.id == report_id:
            return r
    known = ", ".join(r.id for r in sorted(reports, key=lambda r: r.sort_key)) or "(none)"
    raise FrontlineError(f"unknown report id {report_id!r}; known report ids: {known}.")


__all__ += ["find_report"]


# ------------------------------------------------------------------ YAML with lines
class _ReportLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings (they are validated here, with lines)."""


_ReportLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path_ = tuple[str | int, ...]


def _field(path: Path_) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


class _Lines:
    """Line numbers (1-based) of every node, by path."""

    def __init__(self) -> None:
        self.lines: dict[Path_, int] = {}

    def at(self, path: Path_) -> int:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def _walk(node: yaml.Node, path: Path_, lines: _Lines, problems: list[Problem],
          where: str) -> None:
    lines.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for k, v in node.value:
            key = str(k.value)
            line = k.start_mark.line + 1
            if key in seen:
                problems.append(Problem(
                    f"{where}:{line}", _field(path + (key,)),
                    f"duplicate key {key!r} (first at line {seen[key]}); YAML would keep "
                    "only the last one. Remove one of them.",
                ))
            seen[key] = line
            _walk(v, path + (key,), lines, problems, where)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, problems, where)


def _parse_yaml(text: str, where: str) -> tuple[Any, _Lines, list[Problem]]:
    lines = _Lines()
    problems: list[Problem] = []
    loader = _ReportLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(f"{where}:1", "", "the file is empty; expected a report "
                                    "mapping (id, title, outlet, date, ...)."))
            return None, lines, problems
        _walk(node, (), lines, problems, where)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        ctx = getattr(exc, "context", None)
        detail = f"{what} ({ctx})" if ctx else str(what)
        problems.append(Problem(
            f"{where}:{line}", "",
            f"malformed YAML: {detail}. Check indentation, colons and quotes near this "
            "line (quote text containing ': ' or '#').",
        ))
        return None, lines, problems
    finally:
        loader.dispose()
    return data, lines, problems


# ------------------------------------------------------------------ schema
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


def _schema_problem(err: jsonschema.ValidationError, lines: _Lines, where: str) -> Problem:
    path: Path_ = tuple(err.absolute_path)
    v = err.validator
    schema: Any = err.schema
    instance: Any = err.instance
    value: Any = err.validator_value
    if v == "required":
        missing = re.match(r"'([^']+)'", err.message)
        name = missing.group(1) if missing else "?"
        return Problem(f"{where}:{lines.at(path)}", _field(path + (name,)),
                       f"required field {name!r} is missing; add `{name}: ...`.")
    if v == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        name = extra[0] if extra else "?"
        return Problem(f"{where}:{lines.at(path + (name,))}", _field(path + (name,)),
                       f"unknown field {name!r}; valid fields here are {', '.join(allowed)}. "
                       "Check the spelling or move the text into `notes`.")
    line = f"{where}:{lines.at(path)}"
    fld = _field(path)
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


# ------------------------------------------------------------------ semantic checks
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


def _check_date(data: Mapping[str, Any], lines: _Lines, where: str, today: dt.date,
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


def _check_codes(codes: Any, path: Path_, lines: _Lines, where: str,
                 problems: list[Problem]) -> None:
    if not isinstance(codes, list):
        return
    areas = _unit_areas()
    for j, code in enumerate(codes):
        if isinstance(code, str) and _CODE.match(code) and code not in areas:
            sample = ", ".join(f"{c} ({_unit_names()[c]})" for c in ("UA-14", "UA-09", "UA-43",
                                                                     "RU-KRS"))
            problems.append(Problem(
                f"{where}:{lines.at(path + (j,))}", _field(path + (j,)),
                f"unknown unit code {code!r}; expected an ISO 3166-2 code of the unit table "
                f"such as {sample}; `frontline regions` lists all {len(areas)}.",
            ))


def _check_claim(c: Mapping[str, Any], i: int, report_id: Any, lines: _Lines, where: str,
                 problems: list[Problem]) -> None:
    base: Path_ = ("claims", i)

    def add(key: str | None, msg: str, *, at: str | None = None) -> None:
        path = base + ((key,) if key else ())
        line = lines.at(base + (at,)) if at else lines.at(path)
        problems.append(Problem(f"{where}:{line}", _field(path), msg))

    kind = c.get("kind")
    cid = c.get("id")
    if isinstance(cid, str) and isinstance(report_id, str) and not cid.startswith(
            f"{report_id}-"):
        add("id", f"claim id {cid!r} must start with the report id, e.g. '{report_id}-c{i + 1}'.")
    units, scope = c.get("units"), c.get("scope")
    _check_codes(units, base + ("units",), lines, where, problems)
    _check_codes(c.get("includes"), base + ("includes",), lines, where, problems)
    if units is not None and scope is not None:
        add("scope", "give either `units` (a list of codes) or `scope: country`, not both.")
    if kind in _PLACE_KINDS and units is None and scope is None:
        add(None, f"a {kind} claim needs `units: [UA-14, ...]` or `scope: country`; "
                  "neither was given.")
    if c.get("includes") is not None and not (
            kind in ("controlled_area", "control_share") and scope == "country"):
        add("includes", "`includes` is only for totals (controlled_area or control_share "
                        "with scope: country).")
    if kind == "facility_held" and c.get("facility") is None:
        add(None, "a facility_held claim needs `facility: {name: ..., lon: ..., lat: ...}`.")

    figure: Any = c.get("figure")
    funit: Any = c.get("figure_unit")
    low: Any = c.get("low")
    high: Any = c.get("high")
    central: Any = c.get("central")
    q_raw = c.get("qualifier")
    try:
        q: str | None = canonical_qualifier(q_raw) if isinstance(q_raw, str) else None
    except FrontlineError:
        q = None  # the schema reported it
    if figure is not None and funit is None:
        add("figure_unit", "a figure needs its unit; add `figure_unit: percent` or "
                           "`figure_unit: km2`.")
    if funit is not None and figure is None and low is None and q not in (
            "all", "part", "large_part"):
        add("figure", f"figure_unit is {funit!r} but no figure is given; add `figure: ...` "
                      "or remove figure_unit.")
    if q in FIGURE_QUALIFIERS and figure is None and low is None:
        add("figure", f"qualifier {q_raw!r} needs a figure; add `figure:` and `figure_unit:` "
                      "or use qualifier all, part, large_part or none.")
    if q in NO_FIGURE_QUALIFIERS and figure is not None:
        add("figure", f"qualifier {q_raw!r} takes no figure, got {figure!r}; remove the figure "
                      "or use exact, about, more_than or less_than.")
    if q in ("all", "part", "large_part") and funit == "km2":
        add("figure_unit", f"qualifier {q_raw!r} is a share of the unit; use "
                           "`figure_unit: percent` or leave it out.")
    if kind in _QUANTITY_KINDS and q == "none":
        add("qualifier", f"a {kind} claim states a quantity; qualifier 'none' is only for "
                         "claims without one. Use exact, about, more_than, less_than, all or part.")
    if kind in _PERCENT_KINDS and funit == "km2":
        add("figure_unit", f"a {kind} claim is a share of the unit(s); expected "
                           "figure_unit percent, got 'km2' (use controlled_area for km²).")
    if kind == "controlled_area" and funit == "percent":
        add("figure_unit", "a controlled_area claim is in km²; expected figure_unit km2, got "
                           "'percent' (use control_share for a share).")

    def check_value(key: str, v: Any) -> None:
        if not _is_num(v):
            return
        if v < 0:
            what = "a share" if funit == "percent" else "an area"
            add(key, f"{what} cannot be negative, got {v!r}; expected a value >= 0.")
        elif funit == "percent" and v > 100:
            add(key, f"a share is at most 100 %, got {v!r}; expected a value in [0, 100] "
                     "(for km² set figure_unit: km2).")

    for key, v in (("figure", figure), ("low", low), ("high", high), ("central", central)):
        check_value(key, v)
    if funit == "km2" and _is_num(figure) and isinstance(units, list) and all(
            isinstance(u, str) and u in _unit_areas() for u in units):
        total = sum(_unit_areas()[u] for u in units)
        if figure > total:
            add("figure", f"{figure:,} km² is more than the official area of "
                          f"{', '.join(units)} ({total:,.0f} km²); check the figure or the units.")

    if (low is None) != (high is None):
        add("low" if low is None else "high",
            "explicit bounds come in pairs; give both `low` and `high` or neither.",
            at="high" if low is None else "low")
    elif _is_num(low) and _is_num(high):
        if funit is None:
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


def _check_semantics(data: Mapping[str, Any], lines: _Lines, where: str, today: dt.date,
                     problems: list[Problem]) -> None:
    _check_date(data, lines, where, today, problems)
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
        _check_claim(c, i, data.get("id"), lines, where, problems)


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def _build(data: Mapping[str, Any], path: Path | None, lines: _Lines) -> Report:
    claims = []
    for i, c in enumerate(data["claims"]):
        fac = c.get("facility")
        claims.append(Claim(
            id=c["id"], kind=c["kind"], actor=c["actor"],
            qualifier=canonical_qualifier(c["qualifier"]),
            qualifier_as_written=c["qualifier"],
            paraphrase=" ".join(str(c["paraphrase"]).split()),
            units=tuple(c.get("units") or ()), scope=c.get("scope"),
            figure=_num(c.get("figure")), figure_unit=c.get("figure_unit"),
            low=_num(c.get("low")), high=_num(c.get("high")), central=_num(c.get("central")),
            target=c.get("target"), includes=tuple(c.get("includes") or ()),
            facility=None if fac is None else Facility(
                name=fac["name"], lon=float(fac["lon"]), lat=float(fac["lat"]),
                place=fac.get("place"), condition=fac.get("condition")),
            zone=dict(c.get("zone") or {}), notes=c.get("notes"),
            line=lines.at(("claims", i)),
        ))
    text = data["date"]
    date = dt.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    return Report(
        id=data["id"], title=data["title"], outlet=data["outlet"], date=date, date_text=text,
        date_precision=data["date_precision"], context=" ".join(data["context"].split()),
        claims=tuple(claims), notes=data.get("notes"), path=path,
    )


def parse_report_text(text: str, *, where: str = "<report>", path: Path | None = None,
                      today: dt.date | None = None) -> Report:
    """Validate report YAML given as text and build the :class:`Report`.

    Parameters
    ----------
    text : str
        The YAML document.
    where : str, keyword-only
        Name used in problem locations (``where:line``), normally the file path.
    path : Path, optional, keyword-only
        Stored on the report.
    today : datetime.date, optional, keyword-only
        Reference for "dates in the future"; default :func:`datetime.date.today`.

    Raises
    ------
    ReportFormatError
        Listing every problem found, each with ``where:line`` and field.
    """
    today = today or dt.date.today()
    data, lines, problems = _parse_yaml(text, where)
    if data is None and not problems:
        problems.append(Problem(f"{where}:1", "", "the document is empty (null)."))
    if problems:
        raise ReportFormatError(problems, what=where)
    if not isinstance(data, dict):
        raise ReportFormatError([Problem(
            f"{where}:{lines.at(())}", "",
            f"expected a mapping of report fields (id:, title:, ...) at the top level, got "
            f"{_got(data)}.")], what=where)
    errors = sorted(_validator().iter_errors(data),
                    key=lambda e: (lines.at(tuple(e.absolute_path)), list(map(str, e.path))))
    problems += [_schema_problem(e, lines, where) for e in errors]
    _check_semantics(data, lines, where, today, problems)
    if problems:
        problems.sort(key=lambda p: (int(p.where.rsplit(":", 1)[1]), p.field))
        raise ReportFormatError(problems, what=where)
    return _build(data, path, lines)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ReportFormatError([Problem(f"{path}:1", "", f"the file is not UTF-8 text "
                                         f"({exc.reason} at byte {exc.start}); save it as "
                                         "UTF-8.")], what=str(path)) from None


def load_report(path: str | Path, *, today: dt.date | None = None) -> Report:
    """Load and validate one report file.

    Parameters
    ----------
    path : str or Path
        A YAML report file.
    today : datetime.date, optional, keyword-only
        Reference date for the "not in the future" check.

    Returns
    -------
    Report

    Raises
    ------
    ReportFormatError
        Every problem of the file, each with ``file:line`` and field.
    FileNotFoundError
        If the file does not exist.
    """
    p = Path(path)
    return parse_report_text(_read(p), where=str(p), path=p, today=today)


def _report_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files += sorted(f for f in p.iterdir()
                            if f.suffix in (".yaml", ".yml") and f.is_file())
        elif p.exists():
            files.append(p)
        else:
            raise FrontlineError(f"report path {str(p)!r} does not exist; give a report file "
                                 "(.yaml) or a directory of them.")
    return files


def load_reports(directory: str | Path | None = None, *,
                 paths: Iterable[str | Path] | None = None,
                 today: dt.date | None = None) -> ReportSet:
    """Load every report file of a directory (or of ``paths``), keeping the good ones.

    Parameters
    ----------
    directory : str or Path, optional
        Directory of ``*.yaml`` / ``*.yml`` files; default the built-in
        ``data/reports``.
    paths : iterable of str or Path, optional, keyword-only
        Files and/or directories instead of ``directory``.
    today : datetime.date, optional, keyword-only
        Reference date for the "not in the future" check.

    Returns
    -------
    ReportSet
        The reports that validated, sorted by date, and one
        :class:`~geo.errors.ReportFormatError` per bad file. A report whose id was
        already used by an earlier file (in file order) is rejected.
    """
    files = _report_files(paths if paths is not None else [directory or REPORTS_DIR])
    reports: list[Report] = []
    errors: list[ReportFormatError] = []
    first: dict[str, Report] = {}
    for f in files:
        try:
            rep = load_report(f, today=today)
        except ReportFormatError as exc:
            errors.append(exc)
            continue
        if rep.id in first:
            text = _read(f)
            _, lines, _ = _parse_yaml(text, str(f))
            prev = first[rep.id]
            errors.append(ReportFormatError([Problem(
                f"{f}:{lines.at(('id',))}", "id",
                f"duplicate report id {rep.id!r}: already used by {prev.path}; "
                "give every report its own id.")], what=str(f)))
            continue
        first[rep.id] = rep
        reports.append(rep)
    reports.sort(key=lambda r: r.sort_key)
    return ReportSet(tuple(reports), tuple(errors))
