"""The layer set of a report: every layer a report view shows, as GeoDataFrames.

One function, :func:`build_layerset`, gathers what the app's report view, the export
and ``frontline export`` need for one report: the snapshot of claims, the held zones
(schematic from the claimed shares, or measured from a real control layer), the
uncertainty band between the low and high ends of interval claims, the proposal zones
the report implies, the cities, and the consistency findings. :meth:`LayerSet.export_layers`
flattens them into export-ready layers whose every feature carries its provenance
(report, outlet, date, schematic flag, basis). Geometries are EPSG:4326; areas km².
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.cities import load_cities
from geo.consistency import Finding, check_all, findings_for
from geo.reports import Report, find_report
from geo.schematic import schematic_band
from geo.snapshot import snapshot
from geo.zones import ZoneOptions, drawn_shares, held_zones, implied_zones

__all__ = ["LayerSet", "build_layerset", "PROVENANCE_KEYS"]

#: Properties added to every exported feature.
PROVENANCE_KEYS: tuple[str, ...] = (
    "report_id",
    "report_outlet",
    "report_date",
    "schematic",
    "basis",
    "generator",
)
_GENERATOR = "Frontline Atlas"


@dataclass
class LayerSet:
    """Everything drawn for one report.

    Attributes
    ----------
    report : Report
        The report.
    snapshot : GeoDataFrame
        Claims per unit (:func:`geo.snapshot.snapshot`).
    held : GeoDataFrame
        Russian-held zone per Ukrainian unit: schematic (grown from the central claimed
        share) or measured from ``control``.
    band : GeoDataFrame
        Schematic uncertainty band per unit (high-end zone minus low-end zone); empty
        when a control layer is used or no claim is an interval.
    zones : GeoDataFrame
        Proposal zones (:func:`geo.zones.implied_zones`).
    findings : list of Finding
        Consistency findings that name this report.
    schematic : bool
        True unless a control layer was used.
    control_name : str
        Name of the control layer, if any.
    """

    report: Report
    snapshot: gpd.GeoDataFrame
    held: gpd.GeoDataFrame
    band: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    findings: list[Finding] = field(default_factory=list)
    schematic: bool = True
    control_name: str = ""

    def provenance(self, *, schematic: bool | None = None, basis: str = "") -> dict[str, Any]:
        """The provenance properties stamped on exported features."""
        return {
            "report_id": self.report.id,
            "report_outlet": self.report.outlet,
            "report_date": self.report.date_text,
            "schematic": self.schematic if schematic is None else schematic,
            "basis": basis,
            "generator": _GENERATOR,
        }

    def export_layers(self) -> dict[str, gpd.GeoDataFrame]:
        """Export-ready layers, each feature with its provenance properties.

        Returns
        -------
        dict of str to GeoDataFrame
            ``claimed_control`` (every unit with its claimed interval and source),
            ``held_zones`` (schematic or measured), ``uncertainty_band`` (schematic
            only), one ``zone_<kind>`` layer per kind of proposal zone, and ``cities``
            inside any proposal zone. Empty layers are left out.
        """
        out: dict[str, gpd.GeoDataFrame] = {}
        claims = self.snapshot.drop(columns=["related_claims"], errors="ignore").rename(
            columns={"report_id": "claim_report_id"}  # the report that stated the claim
        )
        out["claimed_control"] = _stamp(
            claims[claims["status"] != "no_claim"],
            self.provenance(
                schematic=False, basis="claims as reported; shapes are unit boundaries"
            ),
        )
        held_basis = (
            "schematic zone grown from the claimed central share (illustrative, not a mapped front)"
            if self.schematic
            else f"measured from the control layer {self.control_name}"
        )
        out["held_zones"] = _stamp(self.held, self.provenance(basis=held_basis))
        if len(self.band):
            band = self.band.drop(columns=["low_geometry", "high_geometry"], errors="ignore")
            out["uncertainty_band"] = _stamp(
                band, self.provenance(schematic=True, basis="between the low- and high-end zones")
            )
        for kind, group in self.zones.groupby("kind", sort=False):
            frame = group.copy()
            frame["cities"] = [json.dumps(c, ensure_ascii=False) for c in frame["cities"]]
            frame["unit_shares"] = [json.dumps(s) for s in frame["unit_shares"]]
            frame["params"] = [json.dumps(p, default=str) for p in frame["params"]]
            frame = frame.drop(columns=["schematic", "basis", "report_id"])
            out[f"zone_{kind}"] = _stamp(
                frame,
                self.provenance(
                    schematic=bool(group["schematic"].iloc[0]), basis=str(group["basis"].iloc[0])
                ),
            )
        polys = [
            g for g in self.zones.geometry if g is not None and g.geom_type.endswith("Polygon")
        ]
        if polys:
            cities = load_cities()
            area = shapely.union_all(polys)
            inside = cities[gpd.GeoSeries(cities["point_in_unit"], crs=cities.crs).intersects(area)]
            inside = inside.drop(columns=["point_in_unit"]).reset_index()
            out["cities_in_zones"] = _stamp(
                inside, self.provenance(schematic=False, basis="GeoNames cities (CC BY 4.0)")
            )
        return {k: v for k, v in out.items() if len(v)}


def _stamp(frame: gpd.GeoDataFrame, provenance: dict[str, Any]) -> gpd.GeoDataFrame:
    """A copy with the provenance columns set (existing columns of the same name win)."""
    out = frame.copy()
    for key, value in provenance.items():
        if key not in out.columns:
            out[key] = value
    return out


def build_layerset(
    report_id: str,
    reports: Iterable[Report],
    units: gpd.GeoDataFrame | None = None,
    *,
    control: gpd.GeoDataFrame | BaseGeometry | None = None,
    control_name: str = "",
    options: ZoneOptions | None = None,
) -> LayerSet:
    """Build every layer of report ``report_id``.

    Parameters
    ----------
    report_id : str
        The report.
    reports : iterable of Report
        All reports (for carried-forward claims and cross-report findings).
    units : GeoDataFrame, optional
        The unit layer; default :func:`geo.boundaries.load_units`.
    control : GeoDataFrame or geometry, optional, keyword-only
        A real control layer; replaces every schematic zone.
    control_name : str, keyword-only
        Its name, for provenance.
    options : ZoneOptions, optional, keyword-only
        Proposal-zone parameters.
    """
    if units is None:
        from geo.boundaries import load_units

        units = load_units()
    reps = list(reports)
    report = find_report(reps, report_id)
    snap = snapshot(report_id, reps, units)
    options = options or ZoneOptions()
    held = held_zones(snap, units, control=control, end=options.end)
    band = _band(snap, units) if control is None else _empty_band()
    zones = implied_zones(report_id, reps, units, control=control, options=options, held=held)
    findings = findings_for(report_id, check_all(reps, units))
    return LayerSet(
        report=report,
        snapshot=snap,
        held=held,
        band=band,
        zones=zones,
        findings=findings,
        schematic=control is None,
        control_name=control_name,
    )


def _empty_band() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name_en": [], "low_share_pct": [], "high_share_pct": [], "band_km2": []},
        geometry=gpd.GeoSeries([], crs="EPSG:4326"),
        crs="EPSG:4326",
    )


def _band(snap: gpd.GeoDataFrame, units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    rows = snap[
        (snap["held_by"] == "russia") & (snap.index.isin(units.index[units.country == "UA"]))
    ]
    low = pd.to_numeric(rows["share_low"], errors="coerce")
    drawn_high, _ = drawn_shares(snap, units, end="high")  # one part, inside the interval
    high = pd.Series(drawn_high, dtype=float).reindex(low.index)
    keep = low.notna() & high.notna() & (high > low)
    if not keep.any():
        return _empty_band()
    band = schematic_band(
        {str(c): float(v) for c, v in low[keep].items()},
        {str(c): float(v) for c, v in high[keep].items()},
        units,
    )
    return band
