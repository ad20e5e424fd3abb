"""The atlas and its layer sets: the one facade every CLI command and app view goes through.

:class:`Atlas` holds the reports and the unit layer and computes, once per report,
control layer and options (explicitly memoized, keyed by content), everything a view
of a report needs -- a :class:`LayerSet`:

* the snapshot of claims (:mod:`geo.snapshot`);
* the held territory (:mod:`geo.held`): measured from a control layer when one is
  given, schematic otherwise -- so a loaded layer changes every view, command and
  export the same way;
* the schematic uncertainty band (schematic only), the proposal zones
  (:mod:`geo.zones`), the consistency findings that name the report
  (:mod:`geo.consistency`) and, with a control layer, the verdict of every claim
  against it (:mod:`geo.verify`).

:meth:`LayerSet.export_layers` flattens a layer set into export-ready layers whose every
feature carries its provenance (:mod:`geo.provenance`). Geometries are EPSG:4326; areas
km².
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.cities import load_cities
from geo.compare import compare_snapshots, timeline
from geo.consistency import Finding, check_all, findings_for
from geo.control import ControlLayer
from geo.errors import FrontlineError
from geo.held import HeldTerritory, drawn_shares, held_territory
from geo.history import History
from geo.labels import verdict_label
from geo.measure import ControlMeasure, UnitIndex, measure_control
from geo.memo import Memo, digest
from geo.pace_claims import fill_pace_rows
from geo.provenance import PROVENANCE_KEYS, provenance, stamp
from geo.reports import PACE_KINDS, Claim, Report, ReportSet, find_report
from geo.schematic import schematic_band
from geo.snapshot import snapshot
from geo.store import DiskStore
from geo.verify import VERDICT_COLUMNS, verify_claims
from geo.zones import ZoneOptions, implied_zones

__all__ = ["Atlas", "LayerSet", "NEAR_DAYS", "PROVENANCE_KEYS", "report_target", "as_control"]

#: How far (days) a mapped day may lie from a report's date to stand for it; a report
#: dated to the month gets 15 more (:func:`report_target`).
NEAR_DAYS = 7

T = TypeVar("T")


@dataclass(frozen=True)
class LayerSet:
    """Everything drawn, checked and exported for one report.

    Attributes
    ----------
    report : Report
        The report.
    snapshot : GeoDataFrame
        Claims per unit (:func:`geo.snapshot.snapshot`).
    held : HeldTerritory
        Who holds what, measured or schematic.
    band : GeoDataFrame
        Schematic uncertainty band per unit (high-end zone minus low-end zone); empty
        with a control layer or when no claim is an interval.
    zones : GeoDataFrame
        Proposal zones (:func:`geo.zones.implied_zones`).
    findings : tuple of Finding
        Consistency findings that name this report.
    verdicts : pandas.DataFrame
        The report's claims against the control layer (empty without one).
    options : ZoneOptions
        The zone parameters used.
    control : ControlLayer or None
        The control layer, if any.
    """

    report: Report
    snapshot: gpd.GeoDataFrame
    held: HeldTerritory
    band: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    findings: tuple[Finding, ...]
    verdicts: pd.DataFrame
    options: ZoneOptions
    control: ControlLayer | None = None

    @property
    def schematic(self) -> bool:
        """True unless a control layer was used."""
        return self.held.schematic

    @property
    def control_name(self) -> str:
        """The control layer's name, or ``""``."""
        return self.control.name if self.control else ""

    @property
    def held_zones(self) -> gpd.GeoDataFrame:
        """Russian-held ground per Ukrainian unit (the "control zones" of the map)."""
        rows = self.held.rows("russia")
        return rows[rows.index.str.startswith("UA-")]

    def provenance(self, *, schematic: bool | None = None, basis: str = "") -> dict[str, object]:
        """The provenance properties stamped on this report's exported features."""
        return provenance(self.report, schematic=self.schematic if schematic is None
                          else schematic, basis=basis, control_layer=self.control_name)

    def export_layers(self) -> dict[str, gpd.GeoDataFrame]:
        """Export-ready layers, each feature with its provenance properties.

        Returns
        -------
        dict of str to GeoDataFrame
            ``claimed_control`` (every claimed unit with its interval, source and, with
            a control layer, its verdict), ``held_zones`` (Russian-held ground in each
            Ukrainian unit, and the boundary-mismatch strips of a mapped layer),
            ``uncertainty_band`` (schematic only), ``claim_verdicts`` (with a control
            layer), one ``zone_<kind>`` layer per kind of proposal zone, and
            ``cities_in_zones``. Empty layers are left out.
        """
        out: dict[str, gpd.GeoDataFrame] = {"claimed_control": self._claimed()}
        out["held_zones"] = self._held()
        if len(self.band):
            band = self.band.drop(columns=["low_geometry", "high_geometry"], errors="ignore")
            out["uncertainty_band"] = stamp(band, self.provenance(
                schematic=True, basis="between the low- and high-end zones"))
        if len(self.verdicts):
            out["claim_verdicts"] = self._verdicts()
        for kind, group in self.zones.groupby("kind", sort=False):
            frame = group.copy()
            frame["cities"] = [json.dumps(c, ensure_ascii=False) for c in frame["cities"]]
            frame["unit_shares"] = [json.dumps(s) for s in frame["unit_shares"]]
            frame["params"] = [json.dumps(p, default=str) for p in frame["params"]]
            frame = frame.drop(columns=["schematic", "basis", "report_id"])
            out[f"zone_{kind}"] = stamp(frame, self.provenance(
                schematic=bool(group["schematic"].iloc[0]), basis=str(group["basis"].iloc[0])))
        out["cities_in_zones"] = self._cities()
        return {k: v for k, v in out.items() if len(v)}

    def _claimed(self) -> gpd.GeoDataFrame:
        claims = self.snapshot.drop(columns=["related_claims"], errors="ignore").rename(
            columns={"report_id": "claim_report_id"})  # the report that stated the claim
        claims = claims[claims["status"] != "no_claim"].copy()
        if len(self.verdicts):
            v = self.verdicts.drop_duplicates(["claim_id", "code"]).set_index(
                ["claim_id", "code"])
            keys = list(zip(claims["claim_id"], claims.index, strict=True))
            for col in ("verdict", "measured_pct", "measured_km2", "tolerance_pct",
                        "off_by_points", "off_by_km2"):
                claims[col] = [v.loc[k, col] if k in v.index else None for k in keys]
            claims["verdict_label"] = [verdict_label(v.loc[k].to_dict()) if k in v.index
                                       else None for k in keys]
        return stamp(claims, self.provenance(
            schematic=False, basis="claims as reported; shapes are unit boundaries"))

    def _held(self) -> gpd.GeoDataFrame:
        f = self.held.frame
        keep = (f["side"] != "ukraine") & f["code"].str.startswith("UA-")
        rows = f[keep].rename(columns={"basis": "held_basis"})
        basis = rows["source"].astype(str)
        out = stamp(rows.drop(columns=["source"]), self.provenance())
        out["basis"] = basis.to_numpy()
        out["schematic"] = rows["held_basis"].eq("schematic").to_numpy()
        return out

    def _verdicts(self) -> gpd.GeoDataFrame:
        units = self.held.units
        geoms = [shapely.union_all([units.loc[c, "geometry"] for c in
                                    (self.held.units.index[units["country"] == "UA"]
                                     if code == "UA" else code.split("+"))])
                 for code in self.verdicts["code"]]
        frame = gpd.GeoDataFrame(self.verdicts[list(VERDICT_COLUMNS)].copy(), geometry=geoms,
                                 crs="EPSG:4326")
        frame["verdict_label"] = [verdict_label(r) for r in
                                  self.verdicts.to_dict("records")]
        return stamp(frame, self.provenance(schematic=False,
                                            basis=f"claims against {self.control_name}"))

    def _cities(self) -> gpd.GeoDataFrame:
        polys = [g for g in self.zones.geometry
                 if g is not None and g.geom_type.endswith("Polygon")]
        if not polys:
            return gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs="EPSG:4326"))
        cities = load_cities()
        area = shapely.union_all(polys)
        inside = cities[gpd.GeoSeries(cities["point_in_unit"], crs=cities.crs).intersects(area)]
        inside = inside.drop(columns=["point_in_unit"]).reset_index()
        return stamp(inside, self.provenance(schematic=False,
                                             basis="GeoNames cities (CC BY 4.0)"))


def _claimed_codes(claims: Sequence[tuple[Report, Claim]],
                   units: gpd.GeoDataFrame) -> list[str] | None:
    """The units ``claims`` name, or None when one is about the whole country (every
    unit is then measured)."""
    codes: set[str] = set()
    for _, claim in claims:
        if claim.kind in PACE_KINDS:  # measured over their period, not on this day
            continue
        if claim.scope == "country":
            return None
        codes.update(str(c) for c in claim.units if c in units.index)
    return sorted(codes)


def _empty_band() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name_en": [], "low_share_pct": [], "high_share_pct": [], "band_km2": []},
        geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")


def as_control(control: ControlLayer | gpd.GeoDataFrame | None) -> ControlLayer | None:
    """``control`` as a :class:`~geo.control.ControlLayer`: itself, or a GeoDataFrame of
    held ground read as a layer file of it would be (:func:`geo.control.load_control` on
    its GeoJSON: by a ``side`` column or the classes it has; reprojected to EPSG:4326;
    ``attrs["name"]`` names it). :attr:`ControlLayer.frame` reads back as the same layer.
    """
    if control is None or isinstance(control, ControlLayer):
        return control
    if not isinstance(control, gpd.GeoDataFrame):
        raise FrontlineError(f"control: expected a ControlLayer or a GeoDataFrame of held "
                             f"ground; got {type(control).__name__}.")
    from geo.control import load_control

    frame = control.reset_index() if control.index.name == "side" else control.copy()
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    for col in frame.columns:  # dates as the files write them (JSON has no dates)
        if col != frame.geometry.name and pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    name = str(control.attrs.get("name") or "GeoDataFrame")
    return load_control(frame.to_json().encode(), name=name)


def report_target(report: Report) -> tuple[dt.date, int]:
    """The day a report speaks of, and the days of slack its date precision allows:
    its day (0), or the 15th of its month (15)."""
    return report.target


class Atlas:
    """Reports and units, and every derived layer of them, computed once.

    Parameters
    ----------
    reports : ReportSet or iterable of Report
        The reports (all of them: snapshots carry claims forward).
    units : GeoDataFrame, optional
        The unit layer; default :func:`geo.boundaries.load_units`.
    memo : Memo, optional, keyword-only
        Where derived results are kept (a fresh one by default). Keys are content:
        report digests, the units' digest, control-layer digests and options.
    store : DiskStore, optional, keyword-only
        Where layer sets and the timeline are also kept between runs
        (:mod:`geo.store`; keyed by the same content and by the code's version). None
        keeps them in memory only.
    carry_unreviewed : bool, keyword-only
        Carry unreviewed drafts' claims forward into later reports' snapshots (and so
        their maps, zones, verdicts and exports), each marked "unreviewed, from <id>".
        Off by default: a draft then changes nothing but itself, and saving one
        re-derives only its own layers (every other report's keys stay the same).
    """

    def __init__(self, reports: ReportSet | Iterable[Report],
                 units: gpd.GeoDataFrame | None = None, *, memo: Memo | None = None,
                 store: DiskStore | None = None, carry_unreviewed: bool = False) -> None:
        if units is None:
            from geo.boundaries import load_units

            units = load_units()
        self.reports = reports if isinstance(reports, ReportSet) else ReportSet(
            tuple(sorted(reports, key=lambda r: r.sort_key)))
        self.units = units
        self.memo = memo if memo is not None else Memo()
        self.store = store
        self.carry_unreviewed = carry_unreviewed
        self._key = (self.reports.digest, digest(units))
        self._units_digest = self._key[1]
        self._index: UnitIndex | None = None
        self._report_keys: dict[str, tuple[object, ...]] = {}

    @property
    def index(self) -> UnitIndex:
        """The units prepared for measuring (built on first use)."""
        if self._index is None:
            self._index = UnitIndex(self.units)
        return self._index

    def report(self, report_id: str) -> Report:
        """The report ``report_id`` (:class:`FrontlineError` naming the known ids)."""
        return find_report(self.reports, report_id)

    def report_key(self, report_id: str) -> tuple[object, ...]:
        """The content key of what ``report_id``'s layers are derived from: the report,
        every reviewed report (its snapshot carries their claims; its findings pair
        them), the units, and -- with :attr:`carry_unreviewed` -- every report. An
        unreviewed draft saved or removed leaves every other report's key as it was."""
        if report_id not in self._report_keys:
            report = self.report(report_id)
            basis: tuple[object, ...]
            if self.carry_unreviewed:
                basis = ("all", self.reports.digest)
            else:
                basis = ("reviewed", tuple(f"{r.id}:{r.digest}" for r in self.reports
                                           if r.reviewed or r is report))
            self._report_keys[report_id] = (basis, self._units_digest)
        return self._report_keys[report_id]

    def snapshot(self, report_id: str, *, on: dt.date | None = None) -> gpd.GeoDataFrame:
        """The snapshot of ``report_id`` (a fresh copy); ``on``: the day it is seen from
        (a history map's day), which the claims' ages and staleness count to."""
        snap = self.memo.get_or_compute(
            "snapshot", (report_id, self.report_key(report_id), on),
            compute=lambda: snapshot(report_id, self.reports, self.units, on=on,
                                     carry_unreviewed=self.carry_unreviewed))
        out = snap.copy()
        out.attrs = dict(snap.attrs)
        return out

    def findings(self, report_id: str | None = None) -> list[Finding]:
        """Consistency findings of all reports, or those naming ``report_id``."""
        found = self.memo.get_or_compute("findings", self._key,
                                         compute=lambda: check_all(self.reports, self.units))
        return list(found) if report_id is None else findings_for(report_id, found)

    def held(self, report_id: str, *, control: ControlLayer | None = None,
             end: str = "central", codes: Sequence[str] | None = None) -> HeldTerritory:
        """Held territory as of ``report_id``: measured from ``control``, else schematic;
        with ``codes`` (and ``control``), of those units only (what checking a report's
        own claims needs, :meth:`verify_history`)."""
        only = tuple(sorted(set(codes))) if codes is not None and control else None
        key = (report_id, self.report_key(report_id), control.digest if control else None,
               end, only)
        return self.memo.get_or_compute("held", key, compute=lambda: held_territory(
            self.snapshot(report_id), self.units, control=control, end=end,
            index=self.index, memo=self.memo, codes=only))

    def layerset(self, report_id: str, *,
                 control: ControlLayer | gpd.GeoDataFrame | None = None,
                 options: ZoneOptions | None = None) -> LayerSet:
        """Every layer of ``report_id`` (computed once per report, layer and options);
        ``control`` a layer or a GeoDataFrame of held ground (:func:`as_control`)."""
        control = as_control(control)
        options = options or ZoneOptions()
        options.validate()
        key = self.layerset_key(report_id, control=control, options=options)
        return self.memo.get_or_compute("layerset", key, compute=lambda: self._kept(
            "layerset", key, lambda: self._build(report_id, control, options)))

    def layerset_key(self, report_id: str, *,
                     control: ControlLayer | gpd.GeoDataFrame | None = None,
                     options: ZoneOptions | None = None) -> tuple[object, ...]:
        """The content key of a layer set (reports, units, control layer, options): what
        a result derived from that layer set is keyed by too."""
        control = as_control(control)
        return (report_id, self.report_key(report_id), control.digest if control else None,
                options or ZoneOptions())

    def _kept(self, namespace: str, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """``compute()``, read from and kept in :attr:`store` when there is one."""
        if self.store is None:
            return compute()
        return self.store.get_or_compute(namespace, key, compute=compute)

    def _build(self, report_id: str, control: ControlLayer | None,
               options: ZoneOptions) -> LayerSet:
        report = self.report(report_id)
        snap = self.snapshot(report_id)
        held = self.held(report_id, control=control, end=options.end)
        zones = implied_zones(report, held, self.units, options=options, cities=load_cities())
        verdicts = (verify_claims(self._claims_in_force(report_id), held)
                    if control is not None else pd.DataFrame(columns=list(VERDICT_COLUMNS)))
        return LayerSet(report=report, snapshot=snap, held=held,
                        band=self._band(snap) if control is None else _empty_band(),
                        zones=zones, findings=tuple(self.findings(report_id)),
                        verdicts=verdicts, options=options, control=control)

    def _band(self, snap: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        rows = snap[(snap["held_by"] == "russia") & snap.index.isin(
            self.units.index[self.units.country == "UA"])]
        low = pd.to_numeric(rows["share_low"], errors="coerce")
        drawn_high, _ = drawn_shares(snap, self.units, end="high", memo=self.memo)
        high = pd.Series(drawn_high, dtype=float).reindex(low.index)
        keep = low.notna() & high.notna() & (high > low)
        if not keep.any():
            return _empty_band()
        return schematic_band({str(c): float(v) for c, v in low[keep].items()},
                              {str(c): float(v) for c, v in high[keep].items()},
                              self.units, memo=self.memo)

    def _claims_in_force(self, report_id: str) -> list[tuple[Report, Claim]]:
        """The report's own claims, then the earlier claims its snapshot carries forward
        (not the stale ones: :data:`geo.snapshot.STALE_AFTER_DAYS`)."""
        report = self.report(report_id)
        out = [(report, c) for c in report.claims]
        snap = self.snapshot(report_id)
        carried = snap[snap["status"] == "carried_forward"]
        seen = {c.id for c in report.claims}
        for rid, cid in zip(carried["report_id"], carried["claim_id"], strict=True):
            if cid not in seen:
                seen.add(cid)
                out.append((self.report(str(rid)), self.report(str(rid)).claim(str(cid))))
        return out

    def stale_claims(self, report_id: str) -> pd.DataFrame:
        """The claims the report's snapshot carries from earlier reports but which are older
        than :data:`geo.snapshot.STALE_AFTER_DAYS` at its date: one row per claim
        (``report_id``, ``claim_id``, ``source_date``, ``age_days``, ``units``)."""
        snap = self.snapshot(report_id)
        old = snap[(snap["status"] == "stale") & snap["carried_from"].notna()]
        if not len(old):
            return pd.DataFrame(columns=["report_id", "claim_id", "source_date", "age_days",
                                         "units"])
        return (old.reset_index().groupby(["report_id", "claim_id"], sort=False)
                .agg(source_date=("source_date", "first"), age_days=("age_days", "max"),
                     units=("name_en", ", ".join)).reset_index())

    def verify(self, report_id: str, control: ControlLayer | gpd.GeoDataFrame, *,
               carried: bool = True) -> pd.DataFrame:
        """Verdicts of the claims of ``report_id`` (and, with ``carried``, of the earlier
        claims its snapshot carries forward) against ``control`` (a layer or a
        GeoDataFrame of held ground, :func:`as_control`)."""
        control = as_control(control)
        claims = (self._claims_in_force(report_id) if carried
                  else [(self.report(report_id), c) for c in self.report(report_id).claims])
        return verify_claims(claims, self.held(report_id, control=control))

    def history_layer(self, report_id: str, history: History, *,
                      within_days: int = NEAR_DAYS) -> ControlLayer | None:
        """The mapped layer of ``history`` that stands for ``report_id``: the day nearest
        the report's date (:func:`report_target`), or None when no day lies within
        ``within_days`` (plus 15 for a report dated to the month).

        This is how a loaded history changes every view of a report -- its map, zones,
        verdicts and exports use this day as their control layer, each report its own.
        """
        report = self.report(report_id)
        target, extra = report_target(report)
        day = history.nearest(target, within_days=within_days + extra)
        if day is None:
            return None
        layer: ControlLayer = day.control()
        return layer

    def date_gap(self, report_id: str, control: ControlLayer | gpd.GeoDataFrame, *,
                 within_days: int = NEAR_DAYS) -> str | None:
        """A warning when ``control`` is dated more than ``within_days`` (15 more for a
        report dated to the month) from the report's date, so its verdicts compare the
        claims with the map of another time; None when it is near or has no date."""
        control = as_control(control)
        if control is None or control.date is None:
            return None
        report = self.report(report_id)
        target, extra = report_target(report)
        days = (control.date - target).days
        if abs(days) <= within_days + extra:
            return None
        when = f"{abs(days):,} days {'after' if days > 0 else 'before'}"
        of = (f"{target.isoformat()}, the middle of the month it is dated to" if extra
              else target.isoformat())
        return (f"{control.name} maps {control.date.isoformat()}, {when} {report.id}'s date "
                f"({of}): its verdicts compare {report.id}'s claims with the map of another "
                f"time. Load the layer of {report.id}'s date, or a history, so each report "
                "meets its nearest day.")

    def verify_history(self, history: History, *, within_days: int = NEAR_DAYS,
                       report_ids: Sequence[str] | None = None,
                       carried: bool = False) -> pd.DataFrame:
        """Each report's claims against the snapshot of ``history`` nearest its date.

        A report dated to the month is checked against the snapshot nearest the 15th,
        with the window widened by 15 days (:meth:`history_layer`). Reports with no
        snapshot within the window get ``not checkable`` rows saying so. Columns
        :data:`geo.verify.VERDICT_COLUMNS` plus ``report_date``, ``snapshot_date`` and
        ``days_apart``. A pace claim ("captured about 500 km² in October") is checked
        against the days of its period (:mod:`geo.pace_claims`): its ``snapshot_date`` is
        the map of the period's end, ``days_apart`` counted from that end.
        """
        frames = []
        for rid in report_ids or self.reports.ids:
            report = self.report(rid)
            target, extra = report_target(report)
            layer = self.history_layer(rid, history, within_days=within_days)
            claims = (self._claims_in_force(rid) if carried
                      else [(report, c) for c in report.claims])
            if layer is None or layer.date is None:
                v = verify_claims(claims, self._unmapped())  # every claim: "not checkable"
                v["reason"] = (f"no mapped snapshot within {within_days + extra} days of "
                               f"{target.isoformat()} in the history")
                v["snapshot_date"] = None
                v["days_apart"] = np.nan
            else:
                codes = _claimed_codes(claims, self.units)
                # no unit to measure on this day (only pace claims): nothing to measure
                v = verify_claims(claims, self._unmapped() if codes == [] else
                                  self.held(rid, control=layer, codes=codes))
                v["snapshot_date"] = layer.date
                v["days_apart"] = float((layer.date - target).days)
            # pace claims against the days of their own periods, not the report's day
            v = fill_pace_rows(v, claims, history, self.units, index=self.index, memo=self.memo)
            # each claim keeps its own report's date (a carried claim is not the
            # verified report's)
            v.insert(1, "report_date", [self.report(str(r)).date_text for r in v["report_id"]])
            frames.append(v)
        return pd.concat(frames) if frames else pd.DataFrame(columns=list(VERDICT_COLUMNS))

    def _unmapped(self) -> HeldTerritory:
        """No ground at all, basis ``schematic``: the claims of a report with no mapped day
        read "not checkable" without drawing its schematic zones (which take seconds)."""
        empty = gpd.GeoDataFrame({"code": [], "side": []}, geometry=[], crs="EPSG:4326")
        return HeldTerritory(frame=empty, basis="schematic", source="no mapped snapshot",
                             russia_ea=shapely.Polygon(), ukraine_ea=shapely.Polygon(),
                             units=self.units)

    def measure(self, control: ControlLayer, *, side: str = "russia") -> ControlMeasure:
        """Controlled km² and share of every unit in ``control``."""
        return measure_control(control, self.index, side=side)

    def compare(self, a: str, b: str) -> gpd.GeoDataFrame:
        """Per-unit change of the claimed share from report ``a`` to ``b``."""
        return compare_snapshots(self.snapshot(a), self.snapshot(b))

    def timeline(self) -> pd.DataFrame:
        """Every unit's claimed share as of every report (:func:`geo.compare.timeline`)."""
        return self.memo.get_or_compute("timeline", self._key, compute=lambda: self._kept(
            "timeline", self._key, lambda: timeline(self.reports, self.units)))
