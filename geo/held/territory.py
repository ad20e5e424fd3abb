"""Held territory of a report: measured from a control layer when one is given, else schematic."""

from __future__ import annotations

from collections.abc import Collection

import geopandas as gpd

from geo.control import ControlLayer
from geo.errors import FrontlineError
from geo.held.measured import measured_territory
from geo.held.model import HeldTerritory
from geo.held.schematic import schematic_territory
from geo.measure import UnitIndex
from geo.memo import Memo

__all__ = ["held_territory"]


def held_territory(
    snap: gpd.GeoDataFrame | None,
    units: gpd.GeoDataFrame,
    *,
    control: ControlLayer | None = None,
    end: str = "central",
    index: UnitIndex | None = None,
    memo: Memo | None = None,
    codes: Collection[str] | None = None,
) -> HeldTerritory:
    """Held territory as of a snapshot: measured from ``control`` if given, else schematic.

    Parameters
    ----------
    snap : GeoDataFrame or None
        The snapshot of the report (:func:`geo.snapshot.snapshot`); may be None only
        with a control layer.
    units : GeoDataFrame
        The unit layer.
    control : ControlLayer, optional, keyword-only
        A mapped control layer; replaces the schematic zones everywhere.
    end : {"central", "low", "high"}, keyword-only
        Which end of each claimed interval schematic zones are grown to.
    index : UnitIndex, optional, keyword-only
        The units prepared for measuring.
    memo : Memo, optional, keyword-only
        Reuse derived geometry across calls.
    codes : collection of str, optional, keyword-only
        With ``control``: measure these units only (:func:`measured_territory`).
    """
    if control is not None:
        return measured_territory(control, units, snap=snap, index=index, memo=memo,
                                  codes=codes)
    if snap is None:
        raise FrontlineError("snap: a snapshot is needed to draw schematic held territory; "
                             "give the report's snapshot or a control layer.")
    return schematic_territory(snap, units, end=end, memo=memo)
