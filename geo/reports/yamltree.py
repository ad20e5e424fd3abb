"""YAML with line numbers: parse a report file safely and keep where every node is.

The text is parsed with a :class:`yaml.SafeLoader` (no object construction, no
``!!python`` tags) that leaves dates as strings; the node tree is walked once so that
every value's 1-based line is known by its path (``("claims", 2, "figure")``), and
duplicate keys, which YAML would silently collapse, are reported as problems.
"""

from __future__ import annotations

from typing import Any

import yaml

from geo.errors import Problem

__all__ = ["Path_", "Lines", "field_name", "parse_yaml"]

class _ReportLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings (they are validated here, with lines)."""


_ReportLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

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


def _walk(node: yaml.Node, path: Path_, lines: Lines, problems: list[Problem],
          where: str) -> None:
    lines.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for k, v in node.value:
            key = str(k.value)
            line = k.start_mark.line + 1
            if key in seen:
                problems.append(Problem(
                    f"{where}:{line}", field_name(path + (key,)),
                    f"duplicate key {key!r} (first at line {seen[key]}); YAML would keep "
                    "only the last one. Remove one of them.",
                ))
            seen[key] = line
            _walk(v, path + (key,), lines, problems, where)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, problems, where)


def parse_yaml(text: str, where: str) -> tuple[Any, Lines, list[Problem]]:
    """Parse ``text``; return the data (or None), the line table and the problems found.

    ``where`` names the text in problem locations (``where:line``).
    """
    lines = Lines()
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
