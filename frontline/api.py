"""Frontline Atlas from Python: ``import frontline as fa``.

A small, stable API over the facade the CLI and the app use (:class:`geo.layerset.Atlas`
and the readers), for notebooks: one import, a few verbs, pandas and GeoPandas frames
out. The same input gives the same numbers as the ``frontline`` command of the same
name (``frontline verify R1 --control day.geojson --json`` and
``fa.verify("R1", fa.read_control("day.geojson"))``; the tests check each verb so).

* ``fa.reports()``: the reports: a DataFrame indexed by ``report_id``
* ``fa.report("R1")``: one report: its claims per unit (GeoDataFrame), findings
* ``fa.read_control(p)``: a layer of mapped control: a GeoDataFrame, one row a side
* ``fa.read_history(p)``: many days of it: a GeoDataFrame, one row a day
* ``fa.measure(layer)``: held km² and share per unit (GeoDataFrame by unit code)
* ``fa.verify(r, layer)``: each claim against a layer or a history: :class:`Verdicts`
* ``fa.zones(r)``: the zones a report implies (GeoDataFrame by zone id)
* ``fa.series(history)``: every day measured: a DataFrame indexed by date
* ``fa.change(history, d1, d2)``: the ground that changed hands: :class:`Change`
* ``fa.pace(history, units)``: weeks, months, a window's rate, where it leads: :class:`Pace`
* ``fa.extract(text)``: the claims of a news article (DataFrame)
* ``fa.ingest(paths, control=...)``: many articles, every claim checked: :class:`Ledger`
* ``fa.write_geojson(frame, path)``: a result as RFC 7946 GeoJSON with its provenance
* ``fa.write_synthetic_history(folder)``: invented daily layers, to try it all with

Conventions. Areas are km² (geodesic, on the WGS84 ellipsoid) and shares percent of
the unit's polygon (of Ukraine's official area for ``UA``); column names say so
(``controlled_km2``, ``share_pct``). Every geometry is EPSG:4326 (lon/lat degrees), so
every GeoDataFrame is ready for ``.explore()``. Dates are ``datetime64`` (a
``DatetimeIndex`` where a frame is indexed by date, so ``.resample()`` works). Units
are keyed by ISO 3166-2 code (``UA-14`` is Donetsk oblast; ``UA`` the country). Bad
input raises the :class:`geo.errors.FrontlineError` the CLI reports (a ``ValueError``).

Reports are the built-in ones and the user's saved ones (``reports_dir=`` reads
another folder instead of the built-in ones, as ``--reports-dir`` does); derived layers
are kept on disk between sessions, as the CLI keeps them.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import geopandas as gpd
import pandas as pd

from frontline.common import stale_records
from geo.errors import FrontlineError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo.classes import ClassChoice
    from geo.control import ControlLayer
    from geo.history import History
    from geo.layerset import Atlas

__all__ = [
    "reports",
    "report",
    "read_control",
    "read_history",
    "measure",
    "verify",
    "zones",
    "series",
    "change",
    "pace",
    "extract",
    "ingest",
    "write_geojson",
    "write_synthetic_history",
    "Report",
    "Verdict",
    "Verdicts",
    "Change",
    "Pace",
    "Ledger",
    "NEAR_DAYS",
]

#: How far (days) a mapped day of a history may lie from a report's date to stand for
#: it (15 more for a report dated to the month): :data:`geo.layerset.NEAR_DAYS`.
NEAR_DAYS = 7

PathLike: TypeAlias = str | Path
#: What a verb that checks claims takes: a layer (``read_control``'s frame, any
#: GeoDataFrame of held ground, a file path) or a history (``read_history``'s frame).
Control: TypeAlias = gpd.GeoDataFrame | str | Path


# ---------------------------------------------------------------- the atlas
_ATLASES: OrderedDict[tuple[str, str], Atlas] = OrderedDict()


def _atlas(reports_dir: PathLike | None) -> Atlas:
    """The atlas of the reports (the built-in ones, or ``reports_dir``'s, and the user's
    saved ones), kept while the reports stay the same; layer sets kept on disk."""
    from geo.boundaries import load_units
    from geo.layerset import Atlas
    from geo.reports import load_reports, report_paths
    from geo.store import DiskStore

    rs = load_reports(paths=report_paths(reports_dir))
    for err in rs.errors:
        warnings.warn(f"skipped an invalid report file: {err}", stacklevel=3)
    key = (str(reports_dir or ""), rs.digest)
    atlas = _ATLASES.get(key)
    if atlas is None:
        atlas = Atlas(rs, load_units(), store=DiskStore())
        _ATLASES[key] = atlas
        while len(_ATLASES) > 4:
            _ATLASES.popitem(last=False)
    _ATLASES.move_to_end(key)
    return atlas


def _day(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FrontlineError(f"{what}: expected a date YYYY-MM-DD (e.g. 2024-11-23); got "
                             f"{value!r}.") from None


def _report_id(report: str | Report, atlas: Atlas) -> str:
    rid = report.id if isinstance(report, Report) else report
    if not isinstance(rid, str):
        raise FrontlineError(f"report: expected a report id such as 'R1' (or fa.report's "
                             f"result); got {type(report).__name__}.")
    return atlas.report(rid).id  # FrontlineError naming the known ids


# ---------------------------------------------------------------- reports
def reports(*, reports_dir: PathLike | None = None) -> pd.DataFrame:
    """Every report: what ``frontline reports --json`` lists.

    Parameters
    ----------
    reports_dir : str or Path, optional, keyword-only
        A folder of report files to read instead of the built-in reports (the user's
        saved reports are read too).

    Returns
    -------
    pandas.DataFrame
        One row per report, oldest first, indexed by ``report_id``; columns ``date``
        (datetime64: the day, or the first of the month for a report dated to the
        month), ``date_text`` (as the report gives it: ``2025-10``), ``date_precision``
        (``day`` or ``month``), ``outlet``, ``claims`` (how many), ``review``
        (``reviewed``, or ``unreviewed`` for a draft) and ``title``.
    """
    rs = _atlas(reports_dir).reports
    frame = pd.DataFrame({
        "date": pd.to_datetime([r.date for r in rs]),
        "date_text": [r.date_text for r in rs],
        "date_precision": [r.date_precision for r in rs],
        "outlet": [r.outlet for r in rs],
        "claims": [len(r.claims) for r in rs],
        "review": [r.review for r in rs],
        "title": [r.title for r in rs],
    }, index=pd.Index(list(rs.ids), name="report_id"))
    return frame


#: Snapshot columns renamed so that their names carry their unit (percent).
_SHARE_NAMES = {"share_low": "share_low_pct", "share_high": "share_high_pct",
                "share_central": "share_central_pct"}


@dataclass(frozen=True)
class Report:
    """One report and its claims as of its date (:func:`report`).

    ``str(report)`` is the line ``frontline show`` starts with; ``report.explore()``
    maps the claimed shares.

    Attributes
    ----------
    id, title, outlet, context, review : str
        As the report file gives them (``review``: ``reviewed`` or ``unreviewed``).
    date : pandas.Timestamp
        Its date (the first of the month for a report dated to the month).
    date_text : str
        The date as the report gives it (``2024-11-23``, ``2025-10``).
    date_precision : str
        ``day`` or ``month``.
    claims : GeoDataFrame
        One row per unit, indexed by unit ``code``, the unit's polygon as geometry
        (EPSG:4326): the claim in force for it as of the report, its own or carried
        forward from an earlier report (``status``: ``stated``, ``carried_forward``,
        ``stale`` or ``no_claim``). ``held_by`` is the side whose share it is;
        ``share_low_pct``, ``share_high_pct``, ``share_central_pct`` the claimed
        interval (percent of the unit); ``km2_low``, ``km2_high``, ``km2_central`` the
        same in km² (of the official area); ``interval_text``, ``qualifier``,
        ``claim_text``, ``claim_id``, ``report_id`` (the report that stated it),
        ``source_outlet``, ``source_date``, ``age_days`` (at this report's date).
    findings : pandas.DataFrame
        The consistency findings that name the report: ``kind``, ``severity``,
        ``message``, ``report_ids``, ``about``, ``claim_ids``, ``numbers``.
    source : geo.reports.Report
        The report as loaded (its claims one by one, its file).
    """

    id: str
    title: str
    outlet: str
    date: pd.Timestamp
    date_text: str
    date_precision: str
    context: str
    review: str
    claims: gpd.GeoDataFrame
    findings: pd.DataFrame
    source: Any = field(repr=False)

    def __str__(self) -> str:
        return f"{self.id} ({self.date_text}, {self.outlet}): {self.title}"

    def explore(self, **kwargs: Any) -> Any:
        """The claimed units on an interactive map (:meth:`GeoDataFrame.explore`),
        coloured by the central claimed share; keyword arguments go to ``explore``."""
        shown = self.claims[self.claims["status"] != "no_claim"]
        options: dict[str, Any] = {
            "column": "share_central_pct", "cmap": "Reds", "vmin": 0, "vmax": 100,
            "tooltip": ["name_en", "held_by", "interval_text", "status", "claim_id"]}
        return shown.explore(**(options | kwargs))


def report(report_id: str, *, reports_dir: PathLike | None = None) -> Report:
    """One report with its claims per unit and its findings: ``frontline show ID --json``.

    Parameters
    ----------
    report_id : str
        The report's id (``"R1"``); :func:`reports` lists them.
    reports_dir : str or Path, optional, keyword-only
        A folder of report files to read instead of the built-in reports.

    Returns
    -------
    Report
        Its metadata, ``claims`` (a GeoDataFrame indexed by unit code) and
        ``findings`` (a DataFrame).

    Raises
    ------
    FrontlineError
        No report has this id (the message lists the known ids).
    """
    atlas = _atlas(reports_dir)
    r = atlas.report(report_id)
    snap = atlas.snapshot(r.id).rename(columns=_SHARE_NAMES)
    findings = pd.DataFrame([f.as_dict() for f in atlas.findings(r.id)],
                            columns=["kind", "severity", "message", "report_ids", "about",
                                     "claim_ids", "numbers"])
    return Report(id=r.id, title=r.title, outlet=r.outlet, date=pd.Timestamp(r.date),
                  date_text=r.date_text, date_precision=r.date_precision, context=r.context,
                  review=r.review, claims=snap, findings=findings, source=r)


# ---------------------------------------------------------------- control layers
def _class_choice(classes: str | None, mapping: Mapping[str, str] | None) -> ClassChoice | None:
    from geo.classes import ClassChoice

    if classes is None:
        if mapping:
            raise FrontlineError("mapping says what the values of a property mean; name the "
                                 "property with classes='FIELD'.")
        return None
    return ClassChoice.parse(classes, [f"{k}={v}" for k, v in (mapping or {}).items()],
                             argument="mapping")


def _layer_frame(layer: ControlLayer) -> gpd.GeoDataFrame:
    """A control layer as ``read_control`` gives it (see there)."""
    from geo.areas import geometry_area_km2

    frame = layer.frame
    frame["date"] = pd.to_datetime(frame["date"])
    frame["area_km2"] = [geometry_area_km2(g) for g in frame.geometry]
    frame["schematic"] = layer.schematic
    frame = frame.set_index("side")[["source", "date", "area_km2", "schematic", "geometry"]]
    frame.attrs = {
        "frontline": "control", "name": layer.name,
        "date": layer.date.isoformat() if layer.date else None, "schema": layer.schema,
        "notes": list(layer.notes),
        "classes": [{"class": c.label, "state": c.state, "features": c.features,
                     "km2_in_ukraine": round(c.km2, 1), "km2_total": round(c.km2_total, 1)}
                    for c in layer.classes],
    }
    return frame


def read_control(source: PathLike | bytes | gpd.GeoDataFrame, *,
                 date: dt.date | str | None = None, classes: str | None = None,
                 mapping: Mapping[str, str] | None = None, layer: str | None = None,
                 name: str | None = None) -> gpd.GeoDataFrame:
    """A layer of mapped control, read by class: what ``frontline measure`` reads.

    Parameters
    ----------
    source : str, Path, bytes or GeoDataFrame
        A layer file -- GeoJSON (also ``.geojson.gz``), KML, KMZ, a Shapefile (``.shp``
        or zipped), GeoPackage, FlatGeobuf, GeoParquet -- its bytes, or a GeoDataFrame
        of held ground (a ``side`` column, or classes the reader knows).
    date : datetime.date or str, optional, keyword-only
        For a file that holds several days: the day to read (``--date``).
    classes : str, optional, keyword-only
        The property that holds each feature's class, for a file of no known schema
        (``--classes``); known schemas (single-class daily exports, ``side``, the raw
        multi-class export, ISW's class layers) need none.
    mapping : mapping of str to str, optional, keyword-only
        With ``classes``: what each value means, ``russia``, ``ukraine``, ``contested``
        or ``out`` (``--map VALUE=STATE``).
    layer : str, optional, keyword-only
        The layer of a file that holds several (a GeoPackage).
    name : str, optional, keyword-only
        The layer's name in messages and provenance (default the file's name).

    Returns
    -------
    GeoDataFrame
        One row per side the layer maps, indexed by ``side`` (``russia``, ``ukraine``,
        ``contested`` for the grey zone), EPSG:4326; columns ``source``, ``date``
        (datetime64, NaT when the file gives none), ``area_km2`` (geodesic area of the
        ground) and ``schematic`` (zones drawn from a report's claims, not a mapped
        front). ``attrs`` holds ``name``, ``date``, ``schema`` (how the classes were
        read), ``notes`` (what was repaired or converted) and ``classes`` (each class,
        what it was read as, its features and km²). Every verb takes it back as the
        same layer.

    Raises
    ------
    ControlLayerError
        Not a layer file, no polygons, outside the region, ... (every problem listed).
    UnknownClassError
        Classes the reader cannot place; every class found is listed (give
        ``classes`` and ``mapping``).
    DatedLayerError
        The file holds several days and ``date`` picks none of them.
    """
    from geo.control import load_control
    from geo.layerset import as_control

    if isinstance(source, gpd.GeoDataFrame):
        got = as_control(source)
        assert got is not None
        return _layer_frame(got)
    return _layer_frame(load_control(source, name=name, date=_day(date, "date"),
                                     classes=_class_choice(classes, mapping), layer=layer))


# ---------------------------------------------------------------- histories
#: Histories read by :func:`read_history`, by the key in their frame's ``attrs``, with
#: the geometry object of each day in that frame: a frame whose rows still hold those
#: objects stands for those days as read (contested and Ukrainian-held ground too).
_HISTORIES: OrderedDict[str, tuple[History, dict[dt.date, BaseGeometry]]] = OrderedDict()
_KEEP_HISTORIES = 4


def _history_frame(history: History) -> gpd.GeoDataFrame:
    geoms = [d.geometry for d in history.days]
    frame = gpd.GeoDataFrame({
        "source": [d.source for d in history.days],
        "vertices": [d.n_vertices for d in history.days],
        "maps_contested": [any(st == "contested" for st, _ in d.others)
                           for d in history.days],
        "notes": ["; ".join(d.notes) for d in history.days],
    }, geometry=geoms, crs="EPSG:4326",
        index=pd.DatetimeIndex(pd.to_datetime(history.dates), name="date"))
    key = history.digest or f"history-{id(history)}"
    _HISTORIES[key] = (history, dict(zip(history.dates, geoms, strict=True)))
    _HISTORIES.move_to_end(key)
    while len(_HISTORIES) > _KEEP_HISTORIES:
        _HISTORIES.popitem(last=False)
    frame.attrs = {
        "frontline": "history", "key": key, "digest": history.digest,
        "sources": list(history.sources), "problems": [str(p) for p in history.problems],
        "notes": list(history.notes), "missing": history.gap_text(),
    }
    return frame


def read_history(inputs: PathLike | Sequence[PathLike], *, classes: str | None = None,
                 mapping: Mapping[str, str] | None = None, date_pattern: str | None = None,
                 cache: bool = True, workers: int | None = None) -> gpd.GeoDataFrame:
    """Many days of mapped control: what ``frontline series`` and ``--history`` read.

    Parameters
    ----------
    inputs : str, Path or sequence of them
        Folders of daily layers named by their date (``*_YYYYMMDD.geojson``,
        ``*_YYYY-MM-DD``, Unix time; GeoJSON, ``.geojson.gz``, KML, KMZ, GeoPackage,
        FlatGeobuf), zips of them, or a GeoJSON / GeoParquet whose features have a date.
    classes : str, optional, keyword-only
        The property that holds each feature's class (``--classes``), for files of no
        known schema.
    mapping : mapping of str to str, optional, keyword-only
        With ``classes``: what each value means (``--map VALUE=STATE``).
    date_pattern : str, optional, keyword-only
        A regular expression that finds each file's date in its name: a named group
        ``date`` (YYYYMMDD), ``epoch`` (Unix seconds) or ``year``/``month``/``day``.
    cache : bool, keyword-only
        Read and keep the parsed days in the cache folder (a second read starts at
        once).
    workers : int, optional, keyword-only
        Processes that parse the files (default the cores, up to 4).

    Returns
    -------
    GeoDataFrame
        One row per day, oldest first, indexed by ``date`` (a DatetimeIndex), the
        Russian-held ground as geometry (EPSG:4326); columns ``source`` (the file),
        ``vertices``, ``maps_contested`` (the day maps a grey zone too) and ``notes``
        (what was repaired). ``attrs`` holds ``problems`` (files or days that could not
        be used, each with why), ``notes`` and ``missing`` (the gaps between the dates,
        in words). :func:`series`, :func:`change`, :func:`pace`, :func:`verify`,
        :func:`zones` and :func:`ingest` take it, or any slice of it
        (``history.loc["2024-11"]``), as the days read; a row whose geometry was
        changed is taken as that Russian-held ground.

    Raises
    ------
    HistoryError
        No day could be read (every problem listed).
    """
    from geo.control import check_date_pattern
    from geo.history import read_history as read
    from geo.history.inputs import ReadOptions

    if date_pattern is not None:
        check_date_pattern(date_pattern, argument="date_pattern")
    paths = [inputs] if isinstance(inputs, str | Path) else list(inputs)
    history = read(paths, cache=cache, workers=workers,
                   options=ReadOptions(classes=_class_choice(classes, mapping),
                                       date_pattern=date_pattern))
    history.raise_if_empty()
    return _history_frame(history)


def _is_history(frame: object) -> bool:
    return (isinstance(frame, gpd.GeoDataFrame) and isinstance(frame.index, pd.DatetimeIndex)
            and frame.attrs.get("frontline") != "control")


def _as_history(frame: gpd.GeoDataFrame) -> History:
    """The days a history frame stands for (see :func:`read_history`)."""
    from geo.history import History, ParsedDay, ragged_arrays
    from geo.memo import digest
    from geo.repair import polygonal_valid

    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    kept = _HISTORIES.get(str(frame.attrs.get("key")))
    original, geoms = kept if kept is not None else (None, {})
    by_date = {d.date: d for d in original.days} if original is not None else {}
    days: list[ParsedDay] = []
    fresh = False
    sources = frame["source"] if "source" in frame.columns else None
    for i, (stamp, geom) in enumerate(zip(frame.index, frame.geometry, strict=True)):
        if pd.isna(stamp):
            raise FrontlineError("history: a row has no date; index the frame by date.")
        day = stamp.date()
        if geoms.get(day) is geom:
            days.append(by_date[day])
            continue
        fresh = True
        source = str(sources.iloc[i]) if sources is not None else "GeoDataFrame"
        valid = polygonal_valid(geom) if geom is not None else None
        days.append(ParsedDay(day, source, *ragged_arrays(valid)) if valid is not None
                    else ParsedDay(day, source, *ragged_arrays(_empty())))
    days.sort(key=lambda d: d.date)
    if len({d.date for d in days}) != len(days):
        raise FrontlineError("history: two rows have the same date; keep one row a day.")
    if original is not None and not fresh and len(days) == len(original.days):
        return original
    if original is not None and not fresh:
        return History(days=tuple(days), problems=original.problems,
                       sources=original.sources, notes=original.notes,
                       digest=digest(original.digest, [d.date for d in days]))
    return History(days=tuple(days), sources=("GeoDataFrame",),
                   digest=digest([(d.date, d.source, d.coords.tobytes(),
                                   d.ring_offsets.tobytes(), d.polygon_offsets.tobytes())
                                  for d in days]))


def _empty() -> BaseGeometry:
    from shapely.geometry import MultiPolygon

    return MultiPolygon()


def _history_of(value: object) -> History:
    if isinstance(value, gpd.GeoDataFrame):
        history = _as_history(value)
    else:
        from geo.history import History

        if not isinstance(value, History):
            raise FrontlineError(f"history: expected read_history's frame; got "
                                 f"{type(value).__name__}.")
        history = value
    history.raise_if_empty()
    return history


def _control_of(value: object) -> ControlLayer:
    """A control layer from what the verbs take: a frame of held ground, a path, bytes."""
    from geo.control import ControlLayer, load_control
    from geo.layerset import as_control

    if isinstance(value, ControlLayer):
        return value
    if isinstance(value, gpd.GeoDataFrame):
        got = as_control(value)
        assert got is not None
        return got
    if isinstance(value, str | Path | bytes):
        return load_control(value)
    raise FrontlineError(f"control: expected a layer (read_control's frame, a GeoDataFrame "
                         f"of held ground or a file path) or a history (read_history's "
                         f"frame); got {type(value).__name__}.")


# ---------------------------------------------------------------- measure
def measure(control: Control, *, side: str = "russia") -> gpd.GeoDataFrame:
    """Held km² and share of every unit in a control layer: ``frontline measure --json``.

    Parameters
    ----------
    control : GeoDataFrame, str or Path
        A layer: :func:`read_control`'s frame, any GeoDataFrame of held ground, or a
        layer file.
    side : {"russia", "ukraine"}, keyword-only
        Whose ground to measure.

    Returns
    -------
    GeoDataFrame
        One row per unit, indexed by unit ``code``, the unit's polygon as geometry
        (EPSG:4326); columns ``name``, ``area_km2`` (the polygon's geodesic area),
        ``controlled_km2`` and ``share_pct`` (ground held by ``side``, percent of the
        polygon), ``contested_km2`` and ``contested_pct`` (the grey zone),
        ``overhang_km2`` (in a Russian unit, the layer's thin strips past the border),
        ``official_area_km2`` and ``share_official_pct`` (percent of the official
        area). ``attrs`` holds the totals for Ukraine's 27 units
        (``total_controlled_km2``, ``total_area_km2``, ``total_share_pct``,
        ``total_contested_km2``, ``total_contested_pct``), ``outside_units_km2`` (ground
        over the sea or a neighbour's land), ``side`` and ``source``.

    Raises
    ------
    FrontlineError
        The layer does not map ``side``'s ground, or cannot be read.
    """
    if side not in ("russia", "ukraine"):
        raise FrontlineError(f"side: expected 'russia' or 'ukraine'; got {side!r}.")
    layer = _control_of(control)
    atlas = _atlas(None)
    result = atlas.measure(layer, side=side)
    table = result.table
    frame = gpd.GeoDataFrame(table, geometry=atlas.units.geometry.reindex(table.index).values,
                             crs="EPSG:4326")
    frame.index.name = "code"
    totals = result.to_dict()
    frame.attrs = {k: v for k, v in totals.items() if k != "units"}
    frame.attrs["date"] = layer.date.isoformat() if layer.date else None
    return frame


# ---------------------------------------------------------------- verify
@dataclass(frozen=True)
class Verdict:
    """One claim (in one unit) against mapped control; prints as the CLI's sentence.

    Attributes
    ----------
    verdict_id : str
        ``claim_id:code``.
    verdict : str
        ``consistent``, ``overstated``, ``understated`` or ``not checkable``.
    sentence : str
        The verdict in words, as ``frontline verify`` prints it.
    label : str
        The short form of the claims table (``overstated by 15.2 pts``).
    record : mapping
        Every column of the verdict's row in :attr:`Verdicts.table`.
    """

    verdict_id: str
    verdict: str
    sentence: str
    label: str
    record: Mapping[str, Any] = field(repr=False)

    def __str__(self) -> str:
        return f"[{self.verdict}] {self.sentence}"

    def __getitem__(self, column: str) -> Any:
        return self.record[column]


@dataclass(frozen=True)
class Verdicts:
    """Claims against mapped control (:func:`verify`); ``print()`` gives the CLI's
    sentences, a notebook shows the table.

    Attributes
    ----------
    table : GeoDataFrame
        One row per claim and unit, indexed by ``verdict_id`` (``claim_id:code``), the
        unit's polygon as geometry (EPSG:4326; the union for a claim about several
        units or the country): the columns of :data:`geo.verify.VERDICT_COLUMNS`
        (``claim_text``, ``measured_pct``, ``measured_km2``, ``verdict``,
        ``off_by_points``, ``off_by_km2``, ``tolerance_pct``, ``reading``,
        ``denominator``, ...; ``claim_low``/``claim_high``/``claim_central`` are in
        the claim's ``unit``, percent or km2), then ``sentence`` and ``label``; against
        a history also ``report_date``, ``snapshot_date`` (datetime64) and
        ``days_apart``.
    summary : dict of str to int
        How many of each verdict.
    stale : pandas.DataFrame
        Claims the report no longer carries into its checks (over 183 days old):
        ``report_id``, ``claim_report_id``, ``claim_id``, ``claim_date``, ``age_days``,
        ``units``.
    against : str
        The layer (its name and date) or the history checked against.
    warning : str or None
        Set when the layer is dated far from the report's date.
    """

    table: gpd.GeoDataFrame
    summary: dict[str, int]
    stale: pd.DataFrame
    against: str
    warning: str | None = None

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[Verdict]:
        for vid, row in zip(self.table.index, self.table.to_dict("records"), strict=True):
            yield Verdict(str(vid), str(row["verdict"]), str(row["sentence"]),
                          str(row["label"]), row)

    def __getitem__(self, key: int | str) -> Verdict:
        rows = list(self)
        if isinstance(key, int):
            return rows[key]
        for v in rows:
            if v.verdict_id == key:
                return v
        raise KeyError(key)

    def summary_text(self) -> str:
        """``3 consistent, 1 overstated, 0 understated, 2 not checkable (6 checks)``."""
        return (", ".join(f"{n} {k}" for k, n in self.summary.items())
                + f" ({len(self)} checks)")

    def __str__(self) -> str:
        lines = [f"Claims against {self.against}:"]
        if self.warning:
            lines.append(f"warning: {self.warning}")
        lines += [f"  {v}" for v in self]
        lines += [f"  {_stale_text(s)}" for s in self.stale.to_dict("records")]
        lines.append(self.summary_text())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        cols = [c for c in ("report_id", "claim_id", "name", "claim_text", "measured_pct",
                            "measured_km2", "verdict", "label") if c in self.table.columns]
        body = pd.DataFrame(self.table[cols]).to_html(float_format=lambda x: f"{x:,.1f}")
        return (f"<p><b>Claims against {html.escape(self.against)}</b>: "
                f"{html.escape(self.summary_text())}</p>" + body)

    def explore(self, **kwargs: Any) -> Any:
        """The checked units on an interactive map, coloured by verdict; keyword
        arguments go to :meth:`GeoDataFrame.explore`."""
        options: dict[str, Any] = {
            "column": "verdict", "categorical": True,
            "tooltip": ["claim_id", "name", "claim_text", "verdict", "label"]}
        frame = self.table.drop(columns=[c for c in ("snapshot_date",)
                                         if c in self.table.columns])
        return frame.explore(**(options | kwargs))


def _stale_text(s: Mapping[Any, Any]) -> str:
    """A stale claim as ``frontline verify`` prints it."""
    from geo.labels import age_text
    from geo.snapshot import STALE_AFTER_DAYS

    return (f"stale, not checked: {s['claim_id']} ({s['units']}), from "
            f"{s['claim_report_id']} ({s['claim_date']}), {age_text(s['age_days'])} before "
            f"{s['report_id']}: over {STALE_AFTER_DAYS} days old, so not taken as in force "
            f"(`frontline verify {s['claim_report_id']}` checks it at its own date)")


def _verdict_geometries(codes: Sequence[str], atlas: Atlas) -> list[BaseGeometry | None]:
    import shapely

    units = atlas.units
    done: dict[str, BaseGeometry | None] = {}
    for code in set(codes):
        parts = (list(units.index[units["country"] == "UA"]) if code == "UA"
                 else str(code).split("+"))
        geoms = [units.loc[c, "geometry"] for c in parts if c in units.index]
        done[code] = shapely.union_all(geoms) if geoms else None
    return [done[c] for c in codes]


def _verdicts(verdicts: pd.DataFrame, atlas: Atlas, stale: list[dict[str, Any]],
              against: str, warning: str | None = None) -> Verdicts:
    from geo.labels import verdict_label, verdict_sentence
    from geo.verify import summary

    records = verdicts.to_dict("records")
    table = gpd.GeoDataFrame(
        verdicts.assign(sentence=[verdict_sentence(r) for r in records],
                        label=[verdict_label(r) for r in records]),
        geometry=_verdict_geometries([str(c) for c in verdicts["code"]], atlas),
        crs="EPSG:4326")
    if "snapshot_date" in table.columns:
        table["snapshot_date"] = pd.to_datetime(table["snapshot_date"])
    table.index.name = "verdict_id"
    return Verdicts(table=table, summary=summary(verdicts),
                    stale=pd.DataFrame(stale, columns=["report_id", "claim_report_id",
                                                       "claim_id", "claim_date", "age_days",
                                                       "units"]),
                    against=against, warning=warning)


def verify(report: str | Report | None, control: Control, *, within_days: int = NEAR_DAYS,
           own: bool = False, reports_dir: PathLike | None = None) -> Verdicts:
    """Every quantitative claim of a report against mapped control:
    ``frontline verify REPORT --control FILE --json`` (or ``--history``).

    Parameters
    ----------
    report : str, Report or None
        The report (``"R1"``, or :func:`report`'s result). None, with a history: every
        claim of every report, each against the day nearest its own report
        (``--all``).
    control : GeoDataFrame, str or Path
        A layer (:func:`read_control`'s frame, a GeoDataFrame of held ground, a layer
        file), or a history (:func:`read_history`'s frame): then the report's claims
        meet the mapped day nearest its date.
    within_days : int, keyword-only
        With a history: the farthest that day may be from the report's date (15 more
        for a report dated to the month); a report with none gets ``not checkable``
        rows saying so.
    own : bool, keyword-only
        Only the report's own claims, not those it carries forward from earlier
        reports (``--own``).
    reports_dir : str or Path, optional, keyword-only
        A folder of report files to read instead of the built-in reports.

    Returns
    -------
    Verdicts
        The verdict table (a GeoDataFrame), the count of each verdict and the stale
        claims not checked; ``print()`` gives a sentence a claim.

    Raises
    ------
    FrontlineError
        An unknown report id, a layer that cannot be read, ``report=None`` without a
        history, or a negative ``within_days``.
    """
    atlas = _atlas(reports_dir)
    if within_days < 0:
        raise FrontlineError(f"within_days: expected a number of days >= 0; got "
                             f"{within_days}.")
    if _is_history(control):
        history = _history_of(control)
        ids = None if report is None else [_report_id(report, atlas)]
        carried = ids is not None and not own
        verdicts = atlas.verify_history(history, within_days=within_days, report_ids=ids,
                                        carried=carried)
        against = (f"the mapped day nearest each report's date (history of {len(history)} "
                   f"days, {history.dates[0]} to {history.dates[-1]})")
        return _verdicts(verdicts, atlas, stale_records(atlas, ids or []) if carried else [],
                         against)
    if report is None:
        raise FrontlineError("report: give a report id; every report at once (None) is "
                             "checked against a history (read_history's frame).")
    rid = _report_id(report, atlas)
    layer = _control_of(control)
    verdicts = atlas.verify(rid, layer, carried=not own)
    when = f" of {layer.date.isoformat()}" if layer.date else ""
    return _verdicts(verdicts, atlas, [] if own else stale_records(atlas, [rid]),
                     f"{layer.name}{when}", atlas.date_gap(rid, layer))


# ---------------------------------------------------------------- zones
def zones(report: str | Report, *, control: Control | None = None,
          dmz_width_km: float = 20.0, deterrence_depth_km: float = 100.0,
          end: str = "central", within_days: int = NEAR_DAYS,
          reports_dir: PathLike | None = None) -> gpd.GeoDataFrame:
    """Every zone a report implies: ``frontline zones REPORT --json``.

    Parameters
    ----------
    report : str or Report
        The report (``"R5"``).
    control : GeoDataFrame, str or Path, optional, keyword-only
        Mapped control to cut the zones from: a layer, or a history (the mapped day
        nearest the report's date, within ``within_days``). Without one (or with a
        history that has no day near), the held ground is schematic, grown from the
        claimed shares.
    dmz_width_km : float, keyword-only
        Total width of a demilitarized band along the line of contact.
    deterrence_depth_km : float, keyword-only
        Distance of a further line behind the line of contact.
    end : {"central", "low", "high"}, keyword-only
        Which end of each claimed interval schematic held zones are grown to.
    within_days : int, keyword-only
        With a history: the farthest the mapped day may be from the report's date.
    reports_dir : str or Path, optional, keyword-only
        A folder of report files to read instead of the built-in reports.

    Returns
    -------
    GeoDataFrame
        One row per zone, indexed by ``zone_id`` (``<kind>:<n>``), EPSG:4326; columns
        ``kind`` (``withdrawal``, ``cession``, ``dmz``, ...), ``label``, ``units``,
        ``area_km2`` (or ``length_km`` for a line), ``unit_shares`` (percent of each
        unit it covers), ``cities`` (GeoNames cities inside), ``city_count``,
        ``people_in_cities``, ``schematic``, ``basis``, ``report_id``, ``claim_ids``,
        ``params``. ``attrs`` holds the ``provenance`` every exported feature carries
        and the held ground's ``held_basis``, ``held_source`` and ``held_notes``;
        :func:`write_geojson` writes it as ``frontline zones --out`` does.

    Raises
    ------
    ValidationError
        A width, depth or end out of range (every problem listed).
    """
    from geo.zones import ZoneOptions

    atlas = _atlas(reports_dir)
    rid = _report_id(report, atlas)
    options = ZoneOptions(dmz_width_km=dmz_width_km, deterrence_depth_km=deterrence_depth_km,
                          end=end)
    options.validate()
    layer: ControlLayer | None = None
    if control is not None:
        if _is_history(control):
            layer = atlas.history_layer(rid, _history_of(control), within_days=within_days)
        else:
            layer = _control_of(control)
    ls = atlas.layerset(rid, control=layer, options=options)
    frame = ls.zones.copy()
    frame.attrs = {"frontline": "zones", "name": f"{rid} implied zones",
                   "provenance": ls.provenance(), "held_basis": ls.held.basis,
                   "held_source": ls.held.source, "held_notes": list(ls.held.notes)}
    return frame


def write_geojson(frame: gpd.GeoDataFrame, path: PathLike) -> Path:
    """Write a result as RFC 7946 GeoJSON (6 decimals, counter-clockwise rings), every
    feature with the provenance in ``frame.attrs`` (what :func:`zones` sets); the file
    ``frontline zones --out`` writes for the same zones.

    Parameters
    ----------
    frame : GeoDataFrame
        Any result of this API (or any GeoDataFrame with a CRS); a named index becomes
        a property.
    path : str or Path
        The file to write (atomically: a failed write leaves no partial file).

    Returns
    -------
    Path
        ``path``.
    """
    from geo.export import to_geojson
    from geo.safeio import write_atomic

    out = Path(path)
    write_atomic(out, to_geojson(frame, provenance=frame.attrs.get("provenance"),
                                 name=frame.attrs.get("name")))
    return out


# ---------------------------------------------------------------- series
def series(history: gpd.GeoDataFrame | PathLike | Sequence[PathLike], *,
           units: Sequence[str] | None = None, level: str = "unit", engine: str = "local",
           workers: int | None = None) -> pd.DataFrame:
    """Every day of a history measured per unit: ``frontline series --json -``.

    Parameters
    ----------
    history : GeoDataFrame, str, Path or sequence of them
        :func:`read_history`'s frame (or a slice of it), or what to read.
    units : sequence of str, optional, keyword-only
        Only these unit codes (``["UA-14", "UA-23"]``); the national total ``UA`` is
        kept. With ``level="raion"``: the raions of these units.
    level : {"unit", "raion"}, keyword-only
        ``unit``: the 27 first-level units and 3 Russian oblasts; ``raion``: Ukraine's
        139 second-level units, with the ``unit`` each lies in.
    engine : {"local", "dask"}, keyword-only
        ``dask`` measures on dask-geopandas (``pip install frontline-atlas[scale]``).
    workers : int, optional, keyword-only
        Processes (or partitions); default the cores, up to 4.

    Returns
    -------
    pandas.DataFrame
        One row per day and unit plus the national total (``code == "UA"``), indexed
        by ``date`` (a DatetimeIndex: ``.resample()`` works; pivot by ``code`` for one
        column a unit); columns ``code``, ``name``, ``side``, ``controlled_km2``,
        ``share_pct`` (percent of the unit's polygon), ``contested_km2``,
        ``contested_pct``, ``gained_km2``, ``lost_km2``, ``net_km2`` (since the
        previous day mapped; NaN on the first), ``days_since_previous``, ``source``
        (and ``unit`` with ``level="raion"``). ``attrs["notes"]`` lists days whose
        geometry was repaired.

    Raises
    ------
    FrontlineError
        An unknown unit code or level, or no day could be read.
    """
    from geo.boundaries import load_raions, load_units, validate_codes
    from geo.series import control_series

    if level not in ("unit", "raion"):
        raise FrontlineError(f"level: expected 'unit' or 'raion'; got {level!r}.")
    codes = None
    if units is not None:
        codes = [str(c).strip().upper() for c in units]
        validate_codes(codes, argument="units")
    if isinstance(history, gpd.GeoDataFrame):
        days = _history_of(history)
    else:
        from geo.history import read_history as read

        days = read(history if isinstance(history, Sequence) and not isinstance(history, str)
                    else [history])
        days.raise_if_empty()
    layer = load_units() if level == "unit" else load_raions()
    result = control_series(days, layer, engine=engine, workers=workers)
    table = result.table
    if level == "raion":
        parent = layer["code"].to_dict()
        table = table.assign(unit=table["code"].map(parent).fillna("UA"))
        if codes is not None:
            table = table[table["unit"].isin([*codes, "UA"])]
    elif codes is not None:
        table = table[table["code"].isin([*codes, "UA"])]
    out = table.set_index(pd.DatetimeIndex(pd.to_datetime(table["date"]), name="date"))
    out = pd.DataFrame(out.drop(columns=["date"]))
    out.attrs = {"notes": list(result.notes), "full_days": result.full_days,
                 "history_digest": result.history_digest}
    return out


# ---------------------------------------------------------------- change and pace
def _codes_of(units: str | Sequence[str] | None, argument: str) -> list[str] | None:
    """Unit codes of names as ``frontline change --units`` and ``frontline pace`` take them
    (names or codes, comma-separated too; ``UA`` or ``Ukraine``; ``all``); None for none."""
    from frontline.cmd_change import _units_arg

    if units is None:
        return None
    names = [units] if isinstance(units, str) else list(units)
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        raise FrontlineError(f"{argument}: expected unit names or codes (str), e.g. "
                             f"['Donetsk', 'UA-23']; got {bad[0]!r}.")
    return _units_arg(names, argument)


def _paths_of(history: PathLike | Sequence[PathLike]) -> list[PathLike]:
    return [history] if isinstance(history, str | Path) else list(history)


def _as_dates(values: Any) -> pd.Series:
    """Dates (``datetime.date``, None) as datetime64 (seconds: a projected day may lie past
    pandas' nanosecond range)."""
    return pd.Series(values).astype("datetime64[s]")


@dataclass(frozen=True)
class Change:
    """The ground that changed hands between two mapped days (:func:`change`): what
    ``frontline change --json`` gives, as frames. ``print()`` gives it in words.

    Attributes
    ----------
    frame : GeoDataFrame
        The polygons: one row per unit and transition that moved ground, indexed by unit
        ``code``, a MultiPolygon each (EPSG:4326); columns ``name``, ``transition``
        (``ukraine -> russia``, ``russia -> ukraine``, ``contested -> russia``, ...),
        ``from_state``, ``to_state``, ``russia`` (``gained``, ``lost``, or ``""`` for a
        grey-zone transition), ``area_km2`` (geodesic), ``parts`` (polygons),
        ``from_day`` and ``to_day`` (datetime64). ``attrs`` holds the ``provenance``
        :func:`write_geojson` writes into every feature.
    totals : pandas.DataFrame
        One row per unit asked for and ``UA`` (Ukraine's units, last), indexed by
        ``code``: ``name``, ``russia_gained_km2``, ``russia_lost_km2``, ``net_km2``
        (gained less lost: ``held_after_km2 - held_before_km2``),
        ``contested_gained_km2``, ``contested_lost_km2``, ``held_before_km2``,
        ``held_after_km2``, ``contested_before_km2``, ``contested_after_km2``.
    cities : GeoDataFrame
        Cities of the gazetteer (GeoNames, 15,000+ people) whose point changed hands,
        largest first, indexed by ``geonameid``, the point as geometry (EPSG:4326):
        ``name``, ``population``, ``code`` and ``unit`` (the unit it lies in),
        ``from_state``, ``to_state``, ``is_section`` (a district of a larger city).
    before, after : pandas.Timestamp
        The mapped days used.
    asked_before, asked_after : pandas.Timestamp
        The dates asked for.
    before_source, after_source : str
        The files of the two days.
    days : int
        Calendar days from ``before`` to ``after``.
    maps_contested : bool
        Whether either day maps a grey zone.
    notes : tuple of str
        What the reader should know (a day other than the one asked for, ...).
    source : geo.change.Change
        The change as :func:`geo.change.change_between` gives it.
    """

    frame: gpd.GeoDataFrame = field(repr=False)
    totals: pd.DataFrame = field(repr=False)
    cities: gpd.GeoDataFrame = field(repr=False)
    before: pd.Timestamp
    after: pd.Timestamp
    asked_before: pd.Timestamp
    asked_after: pd.Timestamp
    before_source: str
    after_source: str
    days: int
    maps_contested: bool
    notes: tuple[str, ...]
    source: Any = field(repr=False)

    def sentence(self, code: str = "UA") -> str:
        """One unit's change (default Ukraine's) in words: km² gained, lost and net, the
        grey zone's where mapped, the towns that changed hands.

        Parameters
        ----------
        code : str
            A unit code of :attr:`Change.totals`, or ``UA``.

        Returns
        -------
        str
            The sentence.
        """
        return str(self.source.sentence(code))

    def __str__(self) -> str:
        t = self.totals
        moved = (t["russia_gained_km2"] + t["russia_lost_km2"] + t["contested_gained_km2"]
                 + t["contested_lost_km2"]) >= 0.05
        codes = ["UA", *[c for c in t.index[moved.to_numpy()] if c != "UA"]]
        return "\n".join([*(self.sentence(c) for c in codes),
                          *(f"note: {n}" for n in self.notes)])

    def _repr_html_(self) -> str:
        import html

        body = pd.DataFrame(self.totals).to_html(float_format=lambda x: f"{x:,.1f}")
        return f"<p>{html.escape(self.sentence())}</p>" + body

    def explore(self, **kwargs: Any) -> Any:
        """The ground that changed hands on an interactive map, coloured by transition;
        keyword arguments go to :meth:`GeoDataFrame.explore`."""
        options: dict[str, Any] = {"column": "transition", "categorical": True,
                                   "tooltip": ["name", "transition", "area_km2"]}
        return self.frame.drop(columns=["from_day", "to_day"]).explore(
            **(options | kwargs))


def _change_result(got: Any) -> Change:
    """:class:`Change` of a :class:`geo.change.Change` (the frames the CLI's JSON lists)."""
    import shapely

    frame = got.frame.set_index("code")
    frame["from_day"] = _as_dates(frame["from_day"].map(dt.date.fromisoformat)).to_numpy()
    frame["to_day"] = _as_dates(frame["to_day"].map(dt.date.fromisoformat)).to_numpy()
    frame.attrs = {"frontline": "change", "name": f"change {got.before} -> {got.after}",
                   "provenance": {"source": "frontline change",
                                  "before_file": got.before_source,
                                  "after_file": got.after_source}}
    c = got.cities
    cities = gpd.GeoDataFrame(
        c.drop(columns=["lon", "lat"]).set_index("geonameid"),
        geometry=shapely.points(c["lon"].to_numpy(), c["lat"].to_numpy()) if len(c) else [],
        crs="EPSG:4326")
    return Change(frame=frame, totals=got.totals.copy(), cities=cities,
                  before=pd.Timestamp(got.before), after=pd.Timestamp(got.after),
                  asked_before=pd.Timestamp(got.asked_before),
                  asked_after=pd.Timestamp(got.asked_after),
                  before_source=got.before_source, after_source=got.after_source,
                  days=got.days, maps_contested=got.maps_contested, notes=tuple(got.notes),
                  source=got)


def change(history: gpd.GeoDataFrame | PathLike | Sequence[PathLike],
           start: dt.date | str, end: dt.date | str, *,
           units: str | Sequence[str] | None = None,
           within_days: int = NEAR_DAYS) -> Change:
    """The ground that changed hands between the mapped days nearest two dates:
    ``frontline change --history INPUT --from START --to END --json``.

    Parameters
    ----------
    history : GeoDataFrame, str, Path or sequence of them
        :func:`read_history`'s frame (or a slice of it), or what to read (folders of
        daily files, zips: as the CLI does, only the files of the two days needed are
        read where their names date them).
    start, end : datetime.date or str
        The two dates (``"2024-11-18"``), ``start`` before ``end``; the mapped day
        nearest each is used (an earlier one wins a tie) and named.
    units : str or sequence of str, optional, keyword-only
        Only these units: names or codes (``["Donetsk", "UA-23"]``); the Ukraine total
        ``UA`` is always given. Default: all of Ukraine's units.
    within_days : int, keyword-only
        The farthest a mapped day may be from a date asked for (``--within``).

    Returns
    -------
    Change
        The polygons per unit and transition (``frame``, a GeoDataFrame by unit code),
        the ``totals`` per unit and for Ukraine (km²), the ``cities`` that changed
        hands, and the days used; ``print()`` gives it in words.

    Raises
    ------
    FrontlineError
        ``start`` not before ``end``, no mapped day within ``within_days`` of a date
        (or the same day nearest both), a negative ``within_days``, an unknown unit,
        or no day could be read.
    """
    from geo.boundaries import load_units
    from geo.change import change_between, change_from_files

    first, last = _day(start, "start"), _day(end, "end")
    if first is None or last is None:
        raise FrontlineError("start and end: expected two dates YYYY-MM-DD; got None.")
    if within_days < 0:
        raise FrontlineError(f"within_days: expected a number of days >= 0; got "
                             f"{within_days}.")
    if first >= last:
        raise FrontlineError(f"start: expected a date before end ({last}); got {first}. "
                             "Swap the two dates.")
    codes = _codes_of(units, "units")
    wanted = [c for c in codes if c != "UA"] if codes is not None else None
    if isinstance(history, gpd.GeoDataFrame):
        got = change_between(_history_of(history), load_units(), first, last,
                             within_days=within_days, codes=wanted)
    else:
        got, _ = change_from_files(_paths_of(history), load_units(), first, last,
                                   within_days=within_days, codes=wanted)
    return _change_result(got)


@dataclass(frozen=True)
class Pace:
    """How fast held ground changes per unit, and where the pace leads (:func:`pace`):
    what ``frontline pace --json`` gives, as frames. ``print()`` gives where each unit's
    pace leads.

    Attributes
    ----------
    rates : pandas.DataFrame
        The window's rate, one row per unit asked for (in that order), indexed by
        ``code``: ``name``, ``window_days``, ``start`` and ``end`` (datetime64: the
        window), ``days`` (of it covered), ``gained_km2``, ``lost_km2``, ``net_km2``
        (daily gains and losses added up), ``e2e_gained_km2``, ``e2e_lost_km2`` (the
        maps of ``e2e_from_day`` and ``e2e_to_day`` compared), ``rate_km2_day`` (net a
        day), ``band_low_km2_day`` and ``band_high_km2_day`` (the 95 % band from the
        week-to-week spread; NaN under two weeks), ``weeks``, ``weekly_sd_km2``,
        ``previous_rate_km2_day`` (the window before), ``previous_days``, ``held_km2``,
        ``area_km2``, ``share_pct``; then the projection: ``target_pct``,
        ``target_km2``, ``status`` (``projected``, ``reached``, ``no projection``, ``not
        measured``), ``days_to_target``, ``days_early``, ``days_late`` and ``date``,
        ``date_early``, ``date_late`` (datetime64, at the rate and the band's ends) and
        ``projection`` (the sentence: an extrapolation, not a forecast).
    weeks, months : pandas.DataFrame
        km² per calendar week (Monday to Sunday) and month, one row per period and
        unit, indexed by the period's first day ``start`` (a DatetimeIndex: pivot by
        ``code`` for one column a unit); columns ``period``, ``end``, ``code``,
        ``name``, ``flow``, ``gained_km2``, ``lost_km2``, ``net_km2``, ``days``,
        ``complete`` (the history covers every day), ``spread_days`` (days whose
        figures were spread over a gap), ``from_day`` and ``to_day`` (the maps compared,
        end to end).
    revisions : pandas.DataFrame
        Possible map revisions (days of unusual size), largest first, indexed by
        ``date``: ``code``, ``name``, ``flow``, ``km2``, ``step_days``, ``km2_a_day``,
        ``typical_km2_a_day``, ``threshold_km2_a_day``, ``where``, ``source``, ``text``.
    window : int
        Days of the window.
    end : pandas.Timestamp
        The window's last day.
    flow : str
        The flow of ``weeks`` and ``months``: ``gross`` or ``end-to-end``.
    to_pct : float
        The share projected to (percent of the unit).
    first, last : pandas.Timestamp
        The history's first and last mapped days.
    notes : tuple of str
        What the reader should know.
    source : geo.pace.Pace
        The pace as :func:`geo.pace.pace` gives it.
    """

    rates: pd.DataFrame = field(repr=False)
    weeks: pd.DataFrame = field(repr=False)
    months: pd.DataFrame = field(repr=False)
    revisions: pd.DataFrame = field(repr=False)
    window: int
    end: pd.Timestamp
    flow: str
    to_pct: float
    first: pd.Timestamp
    last: pd.Timestamp
    notes: tuple[str, ...]
    source: Any = field(repr=False)

    def sentence(self, code: str) -> str:
        """One unit's pace and where it leads, in words.

        Parameters
        ----------
        code : str
            A unit code of :attr:`Pace.rates` (``UA`` for Ukraine).

        Returns
        -------
        str
            The sentence: the window's gross and net km², its rate, the window before,
            and the projection.
        """
        return str(self.source.sentence(code))

    def __str__(self) -> str:
        from geo.pace import window_span

        span = window_span(self.window, self.end.date(), self.last.date())
        return "\n".join([f"Where the pace of {span} leads (extrapolations of the mapped "
                          "pace, not forecasts):",
                          *(f"  {p}" for p in self.rates["projection"]),
                          *(f"note: {n}" for n in self.notes)])

    def _repr_html_(self) -> str:
        import html

        cols = ["name", "share_pct", "net_km2", "rate_km2_day", "band_low_km2_day",
                "band_high_km2_day", "previous_rate_km2_day", "date"]
        body = pd.DataFrame(self.rates[cols]).to_html(float_format=lambda x: f"{x:,.2f}")
        lines = "".join(f"<li>{html.escape(p)}</li>" for p in self.rates["projection"])
        return body + f"<ul>{lines}</ul>"


_PERIOD_DATES = ("end", "from_day", "to_day")
_RATE_DATES = ("start", "end", "e2e_from_day", "e2e_to_day", "date", "date_early",
               "date_late")


def _dated(frame: pd.DataFrame, index: str, dates: Sequence[str]) -> pd.DataFrame:
    out = frame.copy()
    for col in dates:
        out[col] = _as_dates(out[col]).to_numpy()
    out = out.set_index(pd.DatetimeIndex(_as_dates(out[index]), name=index))
    return pd.DataFrame(out.drop(columns=[index]))


def _pace_result(got: Any) -> Pace:
    """:class:`Pace` of a :class:`geo.pace.Pace` (the frames the CLI's JSON lists)."""
    rates = got.rates.copy()
    for col in _RATE_DATES:
        rates[col] = _as_dates(rates[col]).to_numpy()
    return Pace(rates=rates.set_index("code"),
                weeks=_dated(got.weeks, "start", _PERIOD_DATES),
                months=_dated(got.months, "start", _PERIOD_DATES),
                revisions=_dated(got.revisions, "date", ()),
                window=got.window, end=pd.Timestamp(got.end), flow=got.flow,
                to_pct=got.to_pct, first=pd.Timestamp(got.first),
                last=pd.Timestamp(got.last), notes=tuple(got.notes), source=got)


def _share(to: float | str | None) -> float:
    if to is None:
        return 100.0
    try:
        value = float(to.strip().rstrip("%") if isinstance(to, str) else to)
    except (TypeError, ValueError):
        value = float("nan")
    if isinstance(to, bool) or not 0 < value <= 100:
        raise FrontlineError(f"to: expected a share above 0 and at most 100 (percent, e.g. "
                             f"90 or '90%'); got {to!r}.")
    return value


def pace(history: gpd.GeoDataFrame | PathLike | Sequence[PathLike],
         units: str | Sequence[str], *, window: int = 90, end: dt.date | str | None = None,
         to: float | str | None = None, flow: str = "gross",
         workers: int | None = None) -> Pace:
    """How fast held ground changes per unit -- weeks, months, a window's rate with its
    band -- and where that pace leads: ``frontline pace UNIT... --history INPUT --json -``.

    Parameters
    ----------
    history : GeoDataFrame, str, Path or sequence of them
        :func:`read_history`'s frame (or a slice of it), or what to read.
    units : str or sequence of str
        Units: names or codes (``"Donetsk"``, ``"UA-14"``, ``"Donbas"``), ``"UA"`` or
        ``"Ukraine"`` for the country, ``"all"`` for every Ukrainian unit and the
        country.
    window : int, keyword-only
        Days of the window of the rate (at least 7: the band is made of weeks; e.g. 30,
        90, 365).
    end : datetime.date or str, optional, keyword-only
        The window's last day (default the last mapped day).
    to : float or str, optional, keyword-only
        The share of the unit to project to, in percent (``90`` or ``"90%"``); default
        100: fully held.
    flow : {"gross", "end-to-end"}, keyword-only
        The flow of the weeks and months: ``gross`` (daily gains added up) or
        ``end-to-end`` (the maps at each period's ends compared: ground that changed
        hands and back nets out).
    workers : int, optional, keyword-only
        Processes measuring the history (default the cores, up to 4).

    Returns
    -------
    Pace
        ``rates`` (the window's rate, band, previous window and projection sentence, by
        unit code), ``weeks`` and ``months`` (by period start, a DatetimeIndex),
        ``revisions``; ``print()`` gives where each unit's pace leads, ``sentence(code)``
        one unit's pace in words.

    Raises
    ------
    FrontlineError
        An unknown unit, no unit, a window under 7 days, ``end`` outside the history, a
        share out of range, an unknown flow, or no day could be read.
    """
    from geo.boundaries import load_units
    from geo.measure import UnitIndex
    from geo.pace import _check
    from geo.pace import pace as pace_of
    from geo.series import control_series, series_from_files

    _check(flow=flow, window=window)
    to_pct = _share(to)
    last = _day(end, "end")
    if workers is not None and workers < 1:
        raise FrontlineError(f"workers: expected at least 1; got {workers}.")
    codes = _codes_of(units, "units")
    if not codes:
        raise FrontlineError("units: expected at least one unit (a name or code, 'UA' or "
                             "'all'); got none.")
    layer = load_units()
    if isinstance(history, gpd.GeoDataFrame):
        days = _history_of(history)
        series = control_series(days, layer, workers=workers)
    else:
        days, series = series_from_files(_paths_of(history), layer, workers=workers)
    got = pace_of(series, codes=codes, window=window, end=last, to_pct=to_pct, flow=flow,
                  history=days, units=UnitIndex(layer))
    return _pace_result(got)


# ---------------------------------------------------------------- articles
def extract(text: str | Path, *, label: str | None = None) -> pd.DataFrame:
    """The territorial claims the rules find in an English news article:
    ``frontline extract FILE --json``.

    Parameters
    ----------
    text : str or Path
        The article's text (a ``str``), or a ``Path`` to a UTF-8 text file of it.
    label : str, optional, keyword-only
        What messages call the article (default the file's name, or ``"input"``).

    Returns
    -------
    pandas.DataFrame
        One row per claim in text order (index ``claim``, from 0); columns ``kind``,
        ``actor``, ``target``, ``region`` (an ISO 3166-2 code, or None for several),
        ``regions``, ``value``, ``unit`` (``percent`` or ``km2``), ``qualifier``,
        ``low`` and ``high`` (the interval the words allow, in ``unit``), ``span``
        (character offsets), ``sentence``, ``review`` (why a person should look),
        ``status``, ``held`` (a demand's share the other side holds there: "withdraw
        from the 20 % of Donetsk it still holds" is all of it, ``held`` 20 %) and
        ``combined`` (a share of several units taken together: "80 % of Donbas"). All
        unreviewed.

    Raises
    ------
    ArticleError
        Empty, binary, too large or non-English text.
    """
    from geo.extract import MAX_CHARS, decode_article, extract_claims

    if isinstance(text, Path):
        with open(text, "rb") as fh:
            raw = fh.read(4 * MAX_CHARS + 1)
        label = label or str(text)
        text = decode_article(raw, label=label)
    claims = extract_claims(text, label=label or "input")
    columns = ["kind", "actor", "target", "region", "regions", "value", "unit", "qualifier",
               "low", "high", "span", "sentence", "review", "status", "held", "combined"]
    frame = pd.DataFrame([c.as_dict() for c in claims], columns=columns)
    frame.index.name = "claim"
    return frame


@dataclass(frozen=True)
class Ledger:
    """Many articles, every claim checked (:func:`ingest`).

    Attributes
    ----------
    table : pandas.DataFrame
        One row per claim: the columns of :data:`geo.ledger.LEDGER_COLUMNS`
        (``article``, ``outlet``, ``date``, ``claimed``, ``measured_pct``,
        ``measured_km2``, ``verdict``, ``off_by_points``, ``map_day``,
        ``days_apart``, ...).
    outlets : pandas.DataFrame
        One row per outlet (the folder its articles are in), indexed by ``outlet``:
        ``articles``, ``claims``, ``checked``, each verdict, ``median_points_off``.
    drafts : dict of str to str
        Each article's draft report (YAML, unreviewed), by report id.
    problems : tuple of str
        Articles that could not be read or dated (not checked), each with why.
    """

    table: pd.DataFrame
    outlets: pd.DataFrame
    drafts: dict[str, str]
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{len(self.table)} claim(s) from {int(self.outlets['articles'].sum())} "
                f"dated article(s) of {len(self.outlets)} outlet(s)"
                + (f"; {len(self.problems)} problem(s)" if self.problems else ""))


def ingest(paths: PathLike | Sequence[PathLike], *, control: Control,
           within_days: int = NEAR_DAYS, today: dt.date | str | None = None) -> Ledger:
    """Many articles as unreviewed drafts, every claim checked against the mapped day
    nearest its article's date: ``frontline ingest PATH... --history DIR --json OUT``.

    Parameters
    ----------
    paths : str, Path or sequence of them
        Articles: ``.txt``, ``.md``, saved ``.html`` pages, folders or zips of them; an
        article's outlet is the folder it is in.
    control : GeoDataFrame, str or Path, keyword-only
        A history (:func:`read_history`'s frame: each article meets its nearest day) or
        one layer for every article.
    within_days : int, keyword-only
        With a history: the farthest a mapped day may be from an article's date.
    today : datetime.date or str, optional, keyword-only
        The day a yearless dateline is read against (default today).

    Returns
    -------
    Ledger
        The ledger (a row per claim), a summary per outlet, the drafts and the problems.

    Raises
    ------
    FrontlineError
        No article could be read, or a negative ``within_days``.
    """
    from geo.extract.inputs import read_articles
    from geo.ledger import ingest as ingest_articles
    from geo.ledger import ledger, outlet_summary

    if within_days < 0:
        raise FrontlineError(f"within_days: expected a number of days >= 0; got "
                             f"{within_days}.")
    names = [str(paths)] if isinstance(paths, str | Path) else [str(p) for p in paths]
    articles, problems = read_articles(names)
    if not articles:
        raise FrontlineError("no article could be read: " + "; ".join(problems) if problems
                             else "no article found; give .txt, .md or .html files, folders "
                                  "or zips of them.")
    history = layer = None
    if _is_history(control):
        history = _history_of(control)
    else:
        layer = _control_of(control)
    done = ingest_articles(articles, today=_day(today, "today") or dt.date.today())
    rows = ledger(done, _atlas(None).units, history=history, control=layer,
                  within_days=within_days)
    return Ledger(table=rows, outlets=outlet_summary(rows, done).set_index("outlet"),
                  drafts=dict(done.drafts), problems=(*problems, *done.problems))


# ---------------------------------------------------------------- sample data
def write_synthetic_history(directory: PathLike, *, start: dt.date | str = "2024-11-09",
                            days: int = 30, seed: int = 7) -> list[Path]:
    """Write a **synthetic** history -- invented layers of the shape real daily exports
    have, not mapped control -- to try the API without an archive.

    Parameters
    ----------
    directory : str or Path
        The folder to write ``synthetic_YYYYMMDD.geojson`` files into (created).
    start : datetime.date or str, keyword-only
        The first day (the default puts R1's date, 2024-11-23, inside).
    days : int, keyword-only
        Calendar days covered (two short gaps are left out, as archives have).
    seed : int, keyword-only
        The same seed gives the same layers.

    Returns
    -------
    list of Path
        The files written, oldest first.
    """
    from geo.synthetic import SyntheticSeries, write_history

    first = _day(start, "start")
    assert first is not None
    return write_history(directory, SyntheticSeries(start=first, days=days, seed=seed),
                         prefix="synthetic")
