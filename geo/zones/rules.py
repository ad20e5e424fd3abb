"""Which claim implies which zone: a table of rules, and the zones of one report.

Each row of :data:`ZONE_RULES` names the claim kind it reads, the condition on the claim,
the zone kind it makes and how the zone is cut from held territory
(:mod:`geo.zones.geometry`). :func:`implied_zones` applies the first matching rule to
each claim of a report and describes every zone (:mod:`geo.zones.describe`):

===========================  ================================  ==========================
claim kind                   condition                         zone(s)
===========================  ================================  ==========================
``withdraw_share``           names units                       ``withdrawal``: the target's
                                                               part of the units
``cede_units``               names units                       ``cede``: Ukraine's part
``offer_withdraw``           names units                       ``other_side_withdrawal``:
                                                               the actor's part
``recognition_demand``,      Crimea and/or Sevastopol only     ``recognition``: the whole
``other_demand``                                               units
``recognition_demand``       names other units                 ``recognition``: the held
                                                               part
``held_by_other_side``       names a unit, has a figure        ``cross_border``: the
                                                               actor's ground there
``facility_held``            has a facility                    ``facility``: a point
``security_proposal``        mentions the line of contact,     ``line_of_contact``,
                             the front line or a               ``dmz_russian_side``,
                             demilitarized zone                ``dmz_ukrainian_side``,
                                                               ``deterrence_line``
===========================  ================================  ==========================

Geometries are EPSG:4326; zones cut from schematic held territory say ``schematic``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.cities import load_cities
from geo.errors import Problem, ValidationError
from geo.held import HeldTerritory
from geo.reports import Claim, Report
from geo.zones.describe import describe_zone, zone_frame
from geo.zones.geometry import (
    demilitarized_band,
    depth_line,
    held_part,
    line_of_contact,
    withdrawal_zone,
)

__all__ = ["ZoneOptions", "ZoneRule", "ZONE_RULES", "implied_zones"]


@dataclass(frozen=True)
class ZoneOptions:
    """Parameters of the derived zones (the reports give none).

    Attributes
    ----------
    dmz_width_km : float
        Total width of a demilitarized band, half on each side of the line of contact.
    deterrence_depth_km : float
        Distance behind the line of contact of a further line on the Ukrainian side.
    end : {"central", "low", "high"}
        Which end of each claimed interval schematic held zones are grown to.
    """

    dmz_width_km: float = 20.0
    deterrence_depth_km: float = 100.0
    end: str = "central"

    def validate(self, *, names: Mapping[str, str] | None = None) -> None:
        """Raise :class:`~geo.errors.ValidationError` listing every bad parameter.

        ``names`` maps a field to the name the caller knows it by (a CLI flag).
        """
        names = dict(names or {})
        problems = []
        if not (0 < self.dmz_width_km <= 200):
            problems.append(Problem("options", names.get("dmz_width_km", "dmz_width_km"),
                                    f"expected a width in km in (0, 200]; got "
                                    f"{self.dmz_width_km!r}"))
        if not (0 < self.deterrence_depth_km <= 500):
            problems.append(Problem("options",
                                    names.get("deterrence_depth_km", "deterrence_depth_km"),
                                    f"expected a depth in km in (0, 500]; got "
                                    f"{self.deterrence_depth_km!r}"))
        if self.end not in ("central", "low", "high"):
            problems.append(Problem("options", names.get("end", "end"),
                                    f"expected 'central', 'low' or 'high'; got {self.end!r}"))
        if problems:
            raise ValidationError(problems, what="zone options")


@dataclass
class _Context:
    """What every rule needs: the report, its held territory, options, cities."""

    report: Report
    held: HeldTerritory
    units: gpd.GeoDataFrame
    options: ZoneOptions
    cities: gpd.GeoDataFrame
    rows: list[dict[str, Any]] = field(default_factory=list)
    _line: BaseGeometry | None = None

    @property
    def line(self) -> BaseGeometry:
        """The line of contact, traced once per call."""
        if self._line is None:
            self._line = line_of_contact(self.held)
        return self._line

    @property
    def basis(self) -> str:
        if self.held.schematic:
            return "schematic zones grown from the claimed shares (illustrative, not a " \
                   "mapped front)"
        return self.held.source

    def add(self, geom: BaseGeometry, kind: str, label: str, claims: Sequence[Claim],
            params: Mapping[str, Any] | None = None, *, schematic: bool | None = None,
            basis: str | None = None) -> None:
        self.rows.append(describe_zone(
            geom, self.units, kind=kind, label=label, cities=self.cities,
            schematic=self.held.schematic if schematic is None else schematic,
            basis=self.basis if basis is None else basis, report_id=self.report.id,
            claim_ids=[c.id for c in claims], params=params))

    def names(self, codes: Sequence[str]) -> str:
        names = [str(self.units.loc[c, "name_en"]) for c in codes if c in self.units.index]
        if not names:
            return ""
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]


@dataclass(frozen=True)
class ZoneRule:
    """One row of the claim-to-zone table.

    Attributes
    ----------
    claim_kinds : tuple of str
        Claim kinds the rule reads.
    condition : str
        The condition, in words (for the docs and ``frontline zones --rules``).
    zone_kinds : tuple of str
        The zone kinds it makes.
    applies : callable
        ``applies(claim, codes) -> bool``; ``codes`` are the claim's known units.
    build : callable
        ``build(context, claim, codes)`` adds the zone rows.
    """

    claim_kinds: tuple[str, ...]
    condition: str
    zone_kinds: tuple[str, ...]
    applies: Callable[[Claim, list[str]], bool]
    build: Callable[[_Context, Claim, list[str]], None]


def _is_crimea(codes: Sequence[str]) -> bool:
    return bool(codes) and set(codes) <= {"UA-43", "UA-40"}


def _mentions_line_of_contact(claim: Claim) -> bool:
    text = " ".join([claim.paraphrase, *map(str, claim.zone.values())]).lower()
    return "line of contact" in text or "front line" in text or "demilitari" in text


def _withdrawal(ctx: _Context, claim: Claim, codes: list[str]) -> None:
    side = claim.target or "ukraine"
    ctx.add(withdrawal_zone(ctx.held, codes, side=side), "withdrawal",
            f"{side.title()} withdraws from the rest of {ctx.names(codes)}", [claim])


def _cede(ctx: _Context, claim: Claim, codes: list[str]) -> None:
    ctx.add(withdrawal_zone(ctx.held, codes, side="ukraine"), "cede",
            f"Parts of {ctx.names(codes)} that Ukraine holds, to be ceded", [claim])


def _offer(ctx: _Context, claim: Claim, codes: list[str]) -> None:
    ctx.add(held_part(ctx.held, codes, side=claim.actor), "other_side_withdrawal",
            f"{claim.actor.title()} leaves its parts of {ctx.names(codes)}", [claim])


def _recognise_crimea(ctx: _Context, claim: Claim, codes: list[str]) -> None:
    whole = shapely.union_all([ctx.units.loc[c, "geometry"] for c in codes])
    ctx.add(whole, "recognition", "Crimea and Sevastopol (recognition as Russian)", [claim],
            schematic=False, basis="whole units")


def _recognise_held(ctx: _Context, claim: Claim, codes: list[str]) -> None:
    ctx.add(held_part(ctx.held, codes, side="russia"), "recognition",
            f"Held parts of {ctx.names(codes)} (recognition as Russian)", [claim])


def _cross_border(ctx: _Context, claim: Claim, codes: list[str]) -> None:
    iv = claim.interval
    assert iv is not None
    unit_km2 = float(ctx.units.loc[codes[0], "official_area_km2"])
    km2 = iv.central if claim.figure_unit == "km2" else iv.central / 100 * unit_km2
    geom = ctx.held.zone_ground(codes[:1], claim.actor)
    basis = ctx.held.basis_of(codes[0], claim.actor)
    ctx.add(geom, "cross_border",
            f"{claim.actor.title()} holds about {km2:,.0f} km² of {ctx.names(codes)}",
            [claim], {"target_km2": km2}, schematic=basis == "schematic",
            basis="schematic: a disc from the border near Sudzha clipped to the unit"
            if basis == "schematic" else ctx.held.source)


def _facility(ctx: _Context, claim: Claim, codes: list[str]) -> None:
    f = claim.facility
    assert f is not None
    ctx.add(Point(f.lon, f.lat), "facility", f.name + (f" ({f.place})" if f.place else ""),
            [claim], {"condition": f.condition, "held_by": claim.actor}, schematic=False,
            basis="facility location")


def _security(ctx: _Context, claim: Claim, codes: list[str]) -> None:
    o = ctx.options
    ru_half, ua_half = demilitarized_band(ctx.line, ctx.held, width_km=o.dmz_width_km)
    p = {"dmz_width_km": o.dmz_width_km}
    ctx.add(ctx.line, "line_of_contact", "Line of contact", [claim])
    ctx.add(ru_half, "dmz_russian_side",
            f"Demilitarized band, Russian-held half ({o.dmz_width_km / 2:g} km)", [claim], p)
    ctx.add(ua_half, "dmz_ukrainian_side",
            f"Demilitarized band, Ukrainian-held half ({o.dmz_width_km / 2:g} km)", [claim], p)
    ctx.add(depth_line(ctx.held, depth_km=o.deterrence_depth_km, line=ctx.line),
            "deterrence_line",
            f"Further line {o.deterrence_depth_km:g} km behind the line of contact", [claim],
            {"deterrence_depth_km": o.deterrence_depth_km})


#: The claim-to-zone table, in the order rules are tried (the first match wins).
ZONE_RULES: tuple[ZoneRule, ...] = (
    ZoneRule(("withdraw_share",), "names units", ("withdrawal",),
             lambda c, codes: bool(codes), _withdrawal),
    ZoneRule(("cede_units",), "names units", ("cede",), lambda c, codes: bool(codes), _cede),
    ZoneRule(("offer_withdraw",), "names units", ("other_side_withdrawal",),
             lambda c, codes: bool(codes), _offer),
    ZoneRule(("recognition_demand", "other_demand"), "Crimea and/or Sevastopol only",
             ("recognition",), lambda c, codes: _is_crimea(codes), _recognise_crimea),
    ZoneRule(("recognition_demand",), "names other units", ("recognition",),
             lambda c, codes: bool(codes), _recognise_held),
    ZoneRule(("held_by_other_side",), "names a unit and has a figure", ("cross_border",),
             lambda c, codes: bool(codes) and c.interval is not None, _cross_border),
    ZoneRule(("facility_held",), "has a facility", ("facility",),
             lambda c, codes: c.facility is not None, _facility),
    ZoneRule(("security_proposal",),
             "mentions the line of contact, the front line or a demilitarized zone",
             ("line_of_contact", "dmz_russian_side", "dmz_ukrainian_side", "deterrence_line"),
             lambda c, codes: _mentions_line_of_contact(c), _security),
)


def implied_zones(
    report: Report,
    held: HeldTerritory,
    units: gpd.GeoDataFrame,
    *,
    options: ZoneOptions | None = None,
    cities: gpd.GeoDataFrame | None = None,
    with_line_of_contact: bool = True,
) -> gpd.GeoDataFrame:
    """Every zone a report's claims imply, cut from its held territory.

    Parameters
    ----------
    report : Report
        The report whose claims are read.
    held : HeldTerritory
        Who holds what as of the report (:func:`geo.held.held_territory`).
    units : GeoDataFrame
        The unit layer.
    options : ZoneOptions, optional, keyword-only
        Band width, depth and interval end.
    cities : GeoDataFrame, optional, keyword-only
        The city layer (default :func:`geo.cities.load_cities`).
    with_line_of_contact : bool, keyword-only
        Add the line of contact even when no claim refers to it (the map draws it).

    Returns
    -------
    GeoDataFrame
        Index ``zone_id`` (``<kind>:<n>``), columns :data:`geo.zones.ZONE_COLUMNS`,
        EPSG:4326; ``attrs`` hold ``report_id`` and ``schematic``.
    """
    options = options or ZoneOptions()
    options.validate()
    ctx = _Context(report, held, units, options, cities if cities is not None else load_cities())
    for claim in report.claims:
        codes = [c for c in claim.units if c in units.index]
        rule = next((r for r in ZONE_RULES
                     if claim.kind in r.claim_kinds and r.applies(claim, codes)), None)
        if rule is not None:
            rule.build(ctx, claim, codes)
    drawn = any(r["kind"] == "line_of_contact" for r in ctx.rows)
    if with_line_of_contact and not drawn and not ctx.line.is_empty:
        ctx.add(ctx.line, "line_of_contact", "Line of contact", [])
    zones = zone_frame(ctx.rows)
    zones.attrs["report_id"] = report.id
    zones.attrs["schematic"] = held.schematic
    return zones
