"""Docs that run: ``docs/user-guide.ipynb`` executed (nbclient, a real kernel) with no
error in any output, and the API reference built from the docstrings (pdoc) with no
warning, no broken reference and every verb documented with Parameters and Returns."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "user-guide.ipynb"


def _build_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" /
                                                  "build_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _text(output: Any) -> str:
    if output["output_type"] == "stream":
        return str(output["text"])
    data = output.get("data", {})
    return str(data.get("text/plain", "")) + str(data.get("text/html", ""))


def test_the_user_guide_is_committed_without_outputs() -> None:
    doc = json.loads(GUIDE.read_text(encoding="utf-8"))
    code = [c for c in doc["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert "".join(code[0]["source"]).startswith("import frontline as fa")


def test_the_user_guide_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell runs in a fresh kernel (its synthetic history in a temporary folder
    of this test) and no output is an error."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where the guide writes its history
    # importing streamlit (the app tests before this one) sets MPLBACKEND=Agg for the whole
    # process, which a kernel started from it would inherit: no inline chart, unlike a
    # user's notebook
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(GUIDE, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=600,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    cells = [c for c in nb.cells if c.cell_type == "code"]
    errors = [(c.source, o.get("ename"), o.get("evalue")) for c in cells for o in c.outputs
              if o["output_type"] == "error"]
    assert not errors, errors
    stderr = [o["text"] for c in cells for o in c.outputs
              if o["output_type"] == "stream" and o["name"] == "stderr"]
    assert not stderr, stderr  # no warning either
    out = {c.source: "".join(_text(o) for o in c.outputs) for c in cells}

    def output(start: str) -> str:
        (text,) = [v for k, v in out.items() if k.startswith(start)]
        return text

    assert "R5" in output("import frontline as fa")
    assert output("r1 = fa.report").startswith("R1 (2024-11-23")
    assert "[overstated] R1-c4: Russia holds 80–88 % (more than 80 %) of Donetsk" in output(
        'verdicts = fa.verify("R1", layer)')
    assert "days; missing:" in output("history = fa.read_history")
    assert any("image/png" in o.get("data", {}) for c in cells for o in c.outputs
               if c.source.startswith("ax = shares"))
    assert "An extrapolation of the mapped pace, not a forecast." in output("pace = fa.pace")
    written = list(tmp_path.rglob("r1-zones.geojson"))
    assert len(written) == 1 and json.loads(written[0].read_text())["features"]
    assert "folium" in output("zones.explore")


def test_the_api_reference_builds_with_no_warning_or_broken_reference(tmp_path: Path) -> None:
    import frontline

    problems = _build_docs().build(tmp_path)
    assert problems == []
    page = (tmp_path / "frontline.html").read_text(encoding="utf-8")
    for name in frontline.__all__:
        assert f'id="{name}"' in page, name
    assert "Parameters" in page and "Returns" in page
    assert (tmp_path / "frontline" / "api.html").is_file()


def test_a_broken_reference_or_an_undocumented_verb_fails_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docmod.py").write_text(
        '"""See :func:`geo.layerset.Atlas` and :func:`geo.nowhere.thing`."""\n'
        "__all__ = ['f']\n"
        "def f():\n    'Uses :class:`GeoDataFrame.nothing_here`.'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    problems = _build_docs().check(("docmod",))
    assert problems == ["docmod: broken reference 'geo.nowhere.thing'",
                        "docmod.f: broken reference 'GeoDataFrame.nothing_here'"]
    sys.modules.pop("docmod", None)


def test_every_verb_has_parameters_and_returns() -> None:
    assert _build_docs().check(("frontline.api",)) == []
