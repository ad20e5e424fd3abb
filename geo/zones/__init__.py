"""Proposal zones: what a demand or a security proposal means on the ground.

One module per concept: :mod:`~geo.zones.rules` (which claim implies which zone, as a
table, and the zones of a report), :mod:`~geo.zones.geometry` (how each zone is cut from
held territory) and :mod:`~geo.zones.describe` (its km², units and cities).
"""

from geo.zones.describe import ZONE_COLUMNS, describe_zone, zone_frame, zone_records
from geo.zones.geometry import (
    MIN_LINE_KM,
    demilitarized_band,
    depth_line,
    held_part,
    line_of_contact,
    withdrawal_zone,
)
from geo.zones.rules import ZONE_RULES, ZoneOptions, ZoneRule, implied_zones

__all__ = [
    "ZONE_COLUMNS", "describe_zone", "zone_frame", "zone_records", "MIN_LINE_KM",
    "demilitarized_band", "depth_line", "held_part", "line_of_contact", "withdrawal_zone",
    "ZONE_RULES", "ZoneOptions", "ZoneRule", "implied_zones",
]
