"""Build the API reference of ``import frontline as fa`` from its docstrings (pdoc).

    python scripts/build_docs.py [--out docs/api]

Writes HTML pages for :mod:`frontline` and :mod:`frontline.api` (numpydoc docstrings)
into ``--out`` (default ``docs/api/``, not committed: build it). The build fails (exit
status 1, each problem listed) on any warning pdoc gives, and on a broken reference: a
docstring's ``:func:`...```, ``:class:`...```, ``:data:`...```, ``:meth:`...``` or
``:mod:`...``` naming something that cannot be imported, and a public name of
``frontline.api`` without a docstring or, for a function, without its Parameters and
Returns sections. ``tests/test_docs.py`` runs it.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
#: The modules the reference documents.
MODULES = ("frontline", "frontline.api")
#: Where names written short in docstrings are looked up (besides the module itself).
NAMESPACES = ("geopandas", "pandas", "geopandas.GeoDataFrame", "pandas.DataFrame")
_ROLE = re.compile(r":(?:func|class|data|meth|mod|attr|exc):`~?([^`<>]+?)`")


def _resolve(target: str, module: ModuleType) -> bool:
    """Whether ``target`` (``geo.layerset.Atlas``, ``Verdicts.table``,
    ``GeoDataFrame.explore``) names something that exists."""
    target = target.strip().removesuffix("()")
    parts = target.split(".")
    for i in range(len(parts), 0, -1):  # the longest importable module prefix
        try:
            obj: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        if _walk(obj, parts[i:]):
            return True
    for base in (module, *NAMESPACES):
        root: object = module if base is module else _lookup(str(base))
        if root is not None and _walk(root, parts):
            return True
    return False


def _lookup(dotted: str) -> object | None:
    head, _, attr = dotted.partition(".")
    try:
        mod: object = importlib.import_module(head)
    except ImportError:
        return None
    return mod if not attr else getattr(mod, attr, None)


def _walk(obj: object, names: list[str]) -> bool:
    for name in names:
        fields = getattr(obj, "__dataclass_fields__", {})
        if name in fields:  # a dataclass field: documented under Attributes
            return True
        if not hasattr(obj, name):
            return False
        obj = getattr(obj, name)
    return True


def _docstrings(module: ModuleType) -> Iterator[tuple[str, str]]:
    """``(qualified name, docstring)`` of the module and each public member (and the
    methods of public classes)."""
    yield module.__name__, module.__doc__ or ""
    for name in getattr(module, "__all__", []):
        obj = getattr(module, name)
        yield f"{module.__name__}.{name}", inspect.getdoc(obj) or ""
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and callable(member):
                    yield f"{module.__name__}.{name}.{attr}", inspect.getdoc(member) or ""


def check(modules: tuple[str, ...] = MODULES) -> list[str]:
    """Every broken reference and missing docstring section (see the module doc)."""
    problems = []
    for modname in modules:
        module = importlib.import_module(modname)
        for where, doc in _docstrings(module):
            for target in _ROLE.findall(doc):
                if not _resolve(target, module):
                    problems.append(f"{where}: broken reference {target!r}")
        if modname != "frontline.api":
            continue
        for name in module.__all__:
            obj = getattr(module, name)
            doc = inspect.getdoc(obj) or ""
            if not doc and not isinstance(obj, int):
                problems.append(f"{modname}.{name}: no docstring")
            if inspect.isfunction(obj):
                for section in ("Parameters\n----------", "Returns\n-------"):
                    if section not in doc:
                        problems.append(f"{modname}.{name}: no {section.splitlines()[0]} "
                                        "section")
    return problems


def build(out: Path, modules: tuple[str, ...] = MODULES) -> list[str]:
    """Write the reference into ``out``; the problems found (warnings of pdoc, broken
    references), none when it is good."""
    import pdoc
    import pdoc.render

    problems = check(modules)
    import frontline
    from frontline import api

    for name in frontline.__all__:  # the lazy names, loaded for pdoc to see (as fa.* does)
        setattr(frontline, name, getattr(api, name))
    pdoc.render.configure(docformat="numpy", show_source=False,
                          footer_text="Frontline Atlas: import frontline as fa")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.pdoc(*modules, output_directory=out)
    problems += [f"pdoc: {w.category.__name__}: {w.message}" for w in caught]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "api",
                        help="folder to write the HTML into (default docs/api)")
    args = parser.parse_args(argv)
    problems = build(args.out)
    for p in problems:
        print(f"build_docs: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"build_docs: API reference written to {args.out}/frontline.html", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
