"""YAML with line numbers: parse a report file safely and keep where every node is.

The text is parsed with a :class:`yaml.SafeLoader` (no object construction, no
``!!python`` tags) that never guesses types the YAML 1.1 way: plain scalars are
resolved by the YAML 1.2 core schema (``017`` is 17, ``1:20`` a string, ``.inf`` and
``.nan`` strings -- the validator then asks for a number -- and only ``true``/``false``
are booleans), and dates stay strings. Before anything is built the node tree is walked
once, iteratively and within budgets: at most :data:`MAX_NODES` nodes counted through
aliases (a "billion laughs" file stops at the budget), :data:`MAX_DEPTH` levels, no
alias that contains itself, no number longer than :data:`MAX_NUMBER_CHARS`; every
value's 1-based line is kept by its path (``("claims", 2, "figure")``), and duplicate
keys, which YAML would silently collapse, are reported as problems.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from geo.errors import Problem

__all__ = ["Path_", "Lines", "field_name", "parse_yaml", "MAX_NODES", "MAX_DEPTH",
           "MAX_NUMBER_CHARS", "MAX_TEXT_CHARS"]

#: Nodes a report may hold, counted through aliases (the built-in ones hold ~250).
MAX_NODES = 20_000
#: Nesting levels a report may have (the format needs 5).
MAX_DEPTH = 20
#: Characters of a number (a figure of 15 digits is already more than any area).
MAX_NUMBER_CHARS = 32
#: Characters of a report file (the built-in ones are 1-4 kB).
MAX_TEXT_CHARS = 512 * 1024

_T = "tag:yaml.org,2002:"
# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_CORE: list[tuple[str, re.Pattern[str], str]] = [
    (_T + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    (_T + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_T + "int", re.compile(r"^[-+]?[0-9]+$"), "-+0123456789"),
    (_T + "float", re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
     "-+0123456789."),
]


class _ReportLoader(yaml.SafeLoader):
    """SafeLoader resolving plain scalars by the YAML 1.2 core schema; dates stay strings
    (they are validated with their lines)."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        return int(self.construct_scalar(node), 10)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        return float(self.construct_scalar(node))


class _FastReportLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser (5x faster: a folder of 2,000 reports reads in
    about 2 s, not 8), for text whose nesting cannot overflow the C parser's stack
    (:func:`_shallow`); anything else goes through :class:`_ReportLoader`."""

    construct_yaml_int = _ReportLoader.construct_yaml_int
    construct_yaml_float = _ReportLoader.construct_yaml_float


for _cls in (_ReportLoader, _FastReportLoader):
    _cls.yaml_implicit_resolvers = {}
    for _tag, _rx, _first in _CORE:
        for _ch in _first:
            _cls.yaml_implicit_resolvers.setdefault(_ch, []).append((_tag, _rx))
        if _first == "~nN":
            _cls.yaml_implicit_resolvers.setdefault("", []).append((_tag, _rx))
    _cls.add_constructor(_T + "int", _ReportLoader.construct_yaml_int)
    _cls.add_constructor(_T + "float", _ReportLoader.construct_yaml_float)

#: Text with more flow brackets than this, or lines indented deeper, is parsed by the
#: pure-Python loader (whose recursion limit ends a hostile nesting with a message).
_FAST_MAX_BRACKETS = 200
_FAST_MAX_INDENT = 64


def _shallow(text: str) -> bool:
    """True when ``text`` cannot nest deeply: few flow brackets, shallow indentation."""
    if text.count("[") + text.count("{") > _FAST_MAX_BRACKETS:
        return False
    return all(len(line) - len(line.lstrip(" -")) <= _FAST_MAX_INDENT
               for line in text.splitlines())

Path_ = tuple[str | int, ...]


def field_name(path: Path_) -> str:
    """``("claims", 2, "figure")`` as ``claims[2].figure``."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


class Lines:
    """Line numbers (1-based) of every node, by path; :meth:`at` falls back to the
    nearest enclosing node."""

    def __init__(self) -> None:
        self.lines: dict[Path_, int] = {}

    def at(self, path: Path_) -> int:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


class _Budget(Exception):
    """The node tree breaks a budget; the message says which."""


def _walk(root: yaml.Node, lines: Lines, problems: list[Problem], where: str) -> None:
    """Record lines and duplicate keys of every node, within the budgets."""
    count = 0
    stack: list[tuple[yaml.Node, Path_, frozenset[int]]] = [(root, (), frozenset())]
    while stack:
        node, path, above = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise _Budget(f"more than {MAX_NODES:,} values once aliases are expanded (a "
                          "report holds a few hundred); remove the aliases (&name / *name)")
        if len(path) > MAX_DEPTH:
            raise _Budget(f"nested more than {MAX_DEPTH} levels deep at "
                          f"{field_name(path[:3])}...; a report needs 5")
        if id(node) in above:
            raise _Budget(f"an alias refers to a value that contains it ({field_name(path)}); "
                          "a report cannot hold itself")
        lines.lines.setdefault(path, node.start_mark.line + 1)
        inside = above | {id(node)}
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for k, v in node.value:
                key = str(k.value)[:200]
                line = k.start_mark.line + 1
                if key in seen:
                    problems.append(Problem(
                        f"{where}:{line}", field_name(path + (key,)),
                        f"duplicate key {key!r} (first at line {seen[key]}); YAML would keep "
                        "only the last one. Remove one of them.",
                    ))
                seen[key] = line
                stack.append((v, path + (key,), inside))
        elif isinstance(node, yaml.SequenceNode):
            for n, item in enumerate(node.value):
                stack.append((item, path + (n,), inside))
        elif isinstance(node, yaml.ScalarNode) and node.tag in (_T + "int", _T + "float") \
                and len(str(node.value)) > MAX_NUMBER_CHARS:
            raise _Budget(f"{field_name(path)} is a number of {len(str(node.value)):,} "
                          f"characters; expected at most {MAX_NUMBER_CHARS}")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_yaml(text: str, where: str) -> tuple[Any, Lines, list[Problem]]:
    """Parse ``text``; return the data (or None), the line table and the problems found.

    ``where`` names the text in problem locations (``where:line``).
    """
    lines = Lines()
    problems: list[Problem] = []
    if len(text) > MAX_TEXT_CHARS:
        problems.append(Problem(f"{where}:1", "", f"{len(text):,} characters is too large for "
                                f"a report file; expected at most {MAX_TEXT_CHARS:,}."))
        return None, lines, problems
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        problems.append(Problem(f"{where}:{line}", "", f"control character "
                                f"{bad.group()!r} in the text; a report is plain text. "
                                "Remove it."))
        return None, lines, problems
    loader = (_FastReportLoader if yaml.__with_libyaml__ and _shallow(text)
              else _ReportLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(f"{where}:1", "", "the file is empty; expected a report "
                                    "mapping (id, title, outlet, date, ...)."))
            return None, lines, problems
        _walk(node, lines, problems, where)
        data = loader.construct_document(node)
    except _Budget as exc:
        problems.append(Problem(f"{where}:1", "", f"refused: {exc}."))
        return None, lines, problems
    except RecursionError:
        problems.append(Problem(f"{where}:1", "", "refused: nested too deeply to read; a "
                                "report needs 5 levels."))
        return None, lines, problems
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
