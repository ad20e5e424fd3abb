"""Provenance: what every exported feature says about where it came from.

One builder, :func:`provenance`, makes the properties stamped on each feature of every
export (layer files, ``zones --out``, ``schematic --out``): the report it belongs to
(id, outlet, date), whether its geometry is schematic, its basis (how it was made), the
control layer it was measured from, and the generator. :func:`stamp` adds them to a
layer, keeping a feature's own value where it has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import geopandas as gpd

from geo.reports import Report

__all__ = ["PROVENANCE_KEYS", "GENERATOR", "provenance", "stamp"]

#: Properties added to every exported feature.
PROVENANCE_KEYS: tuple[str, ...] = (
    "report_id",
    "report_outlet",
    "report_date",
    "schematic",
    "basis",
    "control_layer",
    "generator",
)
#: The ``generator`` property.
GENERATOR = "Frontline Atlas"


def provenance(report: Report | None, *, schematic: bool, basis: str,
               control_layer: str = "", **extra: Any) -> dict[str, Any]:
    """The provenance properties of a feature.

    Parameters
    ----------
    report : Report or None
        The report the feature belongs to (None for a layer made from shares alone).
    schematic : bool, keyword-only
        Whether the geometry is schematic (drawn from a share, not mapped).
    basis : str, keyword-only
        How the geometry was made, in words.
    control_layer : str, keyword-only
        The control layer it was measured from, if any.
    **extra
        Further properties (``share_end``...).
    """
    out: dict[str, Any] = {
        "report_id": report.id if report else None,
        "report_outlet": report.outlet if report else None,
        "report_date": report.date_text if report else None,
        "schematic": bool(schematic),
        "basis": basis,
        "control_layer": control_layer or None,
        "generator": GENERATOR,
    }
    out.update(extra)
    return out


def stamp(frame: gpd.GeoDataFrame, props: Mapping[str, Any]) -> gpd.GeoDataFrame:
    """A copy of ``frame`` with ``props`` as columns (a column it already has wins)."""
    out = frame.copy()
    for key, value in props.items():
        if key not in out.columns:
            out[key] = value
    return out
