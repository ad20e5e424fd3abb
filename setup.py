"""The package list, found rather than written by hand (the rest is in pyproject.toml).

``pyproject.toml`` cannot say this: its ``packages.find`` looks only at folders on disk
and cannot see a package that ``package-dir`` maps elsewhere (pypa/setuptools#5145), and
the committed data in ``data/`` ships as ``geo.data`` (see ``geo/__init__.py``). So the
build finds here every package of ``geo``, ``layers``, ``frontline`` and ``ui`` (each
folder with an ``__init__.py``; a new sub-package ships without an edit here) and
declares ``geo.data`` and each folder of ``data/`` (``geo.data.boundaries``, ...) as
data-only packages, whose files ``package-data`` in ``pyproject.toml`` names. Nothing
else ships: not ``tests/``, ``benchmarks/``, ``scripts/`` or ``docs/``.
"""

from pathlib import Path

from setuptools import find_namespace_packages, find_packages, setup

CODE = ["geo", "geo.*", "layers", "layers.*", "frontline", "frontline.*", "ui", "ui.*"]

data = Path(__file__).resolve().parent / "data"
setup(
    packages=[
        *find_packages(where=".", include=CODE),
        "geo.data",
        *(f"geo.data.{name}" for name in find_namespace_packages(where=str(data))),
    ]
)
