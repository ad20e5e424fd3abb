"""One escape path for HTML: every value interpolated into markup that reaches folium,
Leaflet or Streamlit goes through ``escape_text`` / ``escape_markdown``.

Read from the source (AST): in ``layers/`` and ``ui/``, an f-string that writes markup
(a ``<tag`` in its literal text) may interpolate only escaped values, numbers with a
format (``{x:,.0f}``), or names of trusted constants (colours, sizes, map variables);
``unsafe_allow_html`` is never used. A new sink written without the helper fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "layers").glob("*.py"), *(ROOT / "ui").glob("*.py")])
ESCAPERS = {"escape_text", "escape_markdown", "md"}
#: Names that hold no report or upload text: library code inlined into a page, the
#: colours and sizes of a style, loop counters.
TRUSTED = {"script", "css", "c", "colour", "color", "fill", "i", "n", "width", "height",
           "size", "zoom", "swatches", "rows", "x0", "pad",
           "x", "style",  # a page position from a literal table; a style dict of constants
           # layers.map.legend_box's markup, built by its callers (their f-strings are
           # checked here)
           "title_html", "body_html"}
_TAG = re.compile(r"<[a-zA-Z/!]")


def _safe(e: ast.expr, names: set[str]) -> bool:
    """``e`` evaluates to escaped text, a literal, a number or a trusted constant."""
    if isinstance(e, ast.Constant):
        return True
    if isinstance(e, ast.Name):
        return e.id in names or e.id in TRUSTED or e.id.isupper()
    if isinstance(e, ast.Attribute):
        return e.attr.isupper() or e.attr.endswith("_var") or (
            isinstance(e.value, ast.Name) and e.value.id == "this")
    if isinstance(e, ast.JoinedStr):
        return all(v.format_spec is not None or _safe(v.value, names)
                   for v in e.values if isinstance(v, ast.FormattedValue))
    if isinstance(e, ast.IfExp):
        return _safe(e.body, names) and _safe(e.orelse, names)
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
        return _safe(e.left, names) and _safe(e.right, names)
    if isinstance(e, ast.Subscript):  # a style or colour table: STYLE["fillColor"]
        return _safe(e.value, names)
    if isinstance(e, ast.Call):
        f = e.func
        if isinstance(f, ast.Name) and (f.id in ESCAPERS or f.id in ("len", "int", "float")):
            return True
        if isinstance(f, ast.Name) and (f.id == "swatch" or f.id.startswith("_") and
                                        f.id.endswith(("_html", "_swatch"))):
            return True  # module helpers that build escaped markup (checked themselves)
        if isinstance(f, ast.Attribute) and f.attr == "get":  # CONST.get(k, default)
            return _safe(f.value, names) and all(_safe(a, names) for a in e.args[1:])
        if isinstance(f, ast.Attribute) and f.attr == "join":
            return all(_safe(a.elt if isinstance(a, ast.GeneratorExp | ast.ListComp) else a,
                             names) for a in e.args)
    return False


def _safe_names(func: ast.AST) -> set[str]:
    """Names every assignment of which (in ``func``) is safe."""
    assigned: dict[str, list[ast.expr]] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node.value)
    names: set[str] = set()
    for _ in range(3):  # a name assigned from a safe name
        names |= {n for n, values in assigned.items() if all(_safe(v, names) for v in values)}
    return names


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.Module)]
    for scope in scopes:
        names = _safe_names(scope)
        body = scope.body if isinstance(scope, ast.Module) else [scope]
        for node in (n for b in body for n in ast.walk(b)):
            if isinstance(node, ast.keyword) and node.arg == "unsafe_allow_html":
                found.append(f"{path.name}:{node.value.lineno}: unsafe_allow_html")
            if not isinstance(node, ast.JoinedStr):
                continue
            literal = "".join(v.value for v in node.values
                              if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if not _TAG.search(literal):
                continue
            for v in node.values:
                if isinstance(v, ast.FormattedValue) and v.format_spec is None and \
                        not _safe(v.value, names):
                    found.append(f"{path.relative_to(ROOT)}:{v.lineno}: "
                                 f"{{{ast.unparse(v.value)}}} in markup, not escaped")
    return sorted(set(found))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_markup_interpolates_only_escaped_values(path: Path) -> None:
    assert _violations(path) == []


def test_the_check_catches_an_unescaped_sink(tmp_path: Path) -> None:
    bad = tmp_path / "bad_layer.py"
    bad.write_text('def tip(row):\n    return f"<b>{row[\'name\']}</b>"\n'
                   'def ok(row):\n    return f"<b>{escape_text(row[\'name\'])}</b>"\n')
    assert [v.split(": ", 1)[1] for v in _violations_at(bad)] == [
        "{row['name']} in markup, not escaped"]


def _violations_at(path: Path) -> list[str]:
    global ROOT  # noqa: PLW0603 - relative names for a file outside the tree
    saved, ROOT = ROOT, path.parent
    try:
        return _violations(path)
    finally:
        ROOT = saved
