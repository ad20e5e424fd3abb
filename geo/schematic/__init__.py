"""Schematic control zones: a polygon per unit whose area is a claimed share.

One module per concept: :mod:`~geo.schematic.profiles` (front-history data),
:mod:`~geo.schematic.growth` (the growth order of a unit's cells),
:mod:`~geo.schematic.zones` (zones, bands and one-part shares from an order) and
:mod:`~geo.schematic.shares` (shares as input). Method: ``docs/schematic-method.md``.
"""

from geo.schematic.growth import holder_territory
from geo.schematic.profiles import (
    DEFAULT_HELD,
    DNIPRO_LINE,
    PROCESSING_ORDER,
    PROFILES,
    Anchor,
    GrowthProfile,
    iter_codes_in_order,
)
from geo.schematic.shares import parse_shares, validate_shares
from geo.schematic.zones import (
    DEFAULT_RESOLUTION_M,
    SHARE_TOLERANCE_PCT,
    contiguous_shares,
    schematic_band,
    schematic_zones,
)

__all__ = [
    "SHARE_TOLERANCE_PCT", "DEFAULT_RESOLUTION_M", "DEFAULT_HELD", "PROCESSING_ORDER",
    "DNIPRO_LINE", "Anchor", "GrowthProfile", "PROFILES", "iter_codes_in_order",
    "parse_shares", "validate_shares", "schematic_zones", "schematic_band",
    "contiguous_shares", "holder_territory",
]
