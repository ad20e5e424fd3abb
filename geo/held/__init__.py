"""Held territory: what each side holds in each unit as of a report, mapped or schematic.

Every view, command and export asks the same question -- who holds what where -- and
this module is the one place that answers it, as a :class:`HeldTerritory`: one row per
unit and side with its ground (geometry), km², share of the unit, basis and source.

``measured`` (a mapped control layer is given, :func:`measured_territory`)
    Russian-held ground is the layer's intersection with each unit (exact, as
    :mod:`geo.measure` measures it); Ukrainian-held ground in a Ukrainian unit is the
    rest of the unit. Thin ground beside the layer that the layer leaves out -- what a
    morphological opening of :data:`MISMATCH_OPENING_KM` removes, away from any front:
    where the layer's coast or border and the project's outline disagree -- belongs to
    neither side: it is the **boundary mismatch** of the two sources (rows with side
    ``mismatch``), and its share of each unit is that unit's *boundary tolerance* beside
    every verdict (:mod:`geo.verify`). Contested ground (the grey zone) is measured per
    unit beside them (``HeldTerritory.contested``). Russian units get
    Ukrainian-held ground only from features of the layer marked ``side: ukraine``;
    otherwise they fall back to the report's schematic claim (labelled so).
``schematic`` (no layer, :func:`schematic_territory`)
    Zones grown to the claimed shares (:mod:`geo.schematic`), Ukrainian-held ground is
    the rest of each unit, ground held across the border is a schematic disc.

Geometries are EPSG:4326; areas are km² (geodesic); shares percent of the unit polygon.
Buffers and bands are computed in :data:`geo.areas.EQUAL_AREA_CRS` (metres).
"""

from geo.held.measured import measured_territory
from geo.held.model import HELD_COLUMNS, HELD_SIDES, MISMATCH_OPENING_KM, HeldTerritory
from geo.held.schematic import cross_border_zone, drawn_shares, schematic_territory
from geo.held.territory import held_territory

__all__ = [
    "MISMATCH_OPENING_KM", "HELD_COLUMNS", "HELD_SIDES", "HeldTerritory", "held_territory",
    "measured_territory", "schematic_territory", "drawn_shares", "cross_border_zone",
]
