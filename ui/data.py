"""What every view of the app shares: the reports, the atlas, units, cities, control layers.

Each is a Streamlit cached resource, so it is loaded or computed once per server and
shared by every session; the atlas memoizes every layer set by content (report, control
layer, options).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import geopandas as gpd
import orjson
import streamlit as st

from geo.control import ControlLayer, load_control
from geo.errors import FrontlineError
from geo.layerset import NEAR_DAYS, Atlas, LayerSet
from geo.reports import Report, ReportSet, load_reports, report_paths, user_reports_dir
from geo.store import DiskStore
from geo.zones import ZoneOptions
from layers.assets import draw_available, ensure_static

if TYPE_CHECKING:
    from geo.history import History
    from geo.series import ControlSeries

__all__ = ["reports_dir", "history_dir", "static_assets", "reports", "atlas", "units",
           "folder_names", "report_file", "public_text",
           "cities", "control", "ControlKey", "control_key", "export_kml", "control_for",
           "history_in_use",
           "history_series",
           "HISTORY_WITHIN_DAYS", "layerset", "exports", "report_page", "compare_page",
           "difference_page", "published_map"]

#: How far a history's day may be from a report's date to stand for it (as ``frontline
#: --within``; 15 more days for a report dated to the month).
HISTORY_WITHIN_DAYS = NEAR_DAYS

T = TypeVar("T")


def reports_dir() -> str | None:
    """The reports folder: ``FRONTLINE_REPORTS_DIR``, or None for the built-in reports."""
    return os.environ.get("FRONTLINE_REPORTS_DIR") or None


def history_dir() -> str | None:
    """A folder of daily control layers for the History view: ``FRONTLINE_HISTORY_DIR``."""
    return os.environ.get("FRONTLINE_HISTORY_DIR") or None


@st.cache_resource
def static_assets() -> bool:
    ensure_static()
    return draw_available()


#: A report folder as the app names it (never its path on the server).
READS_AS = "reports"
SAVED_AS = "saved reports"

#: What the report folders' stamp holds: per folder, its path and each report file's
#: (name, size, mtime_ns).
Stamp = tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...]


def folder_names(directory: str | None) -> dict[str, str]:
    """The report folders of ``directory`` (:func:`geo.reports.report_paths`) and the
    names the app gives them: ``reports`` (the folder read) and ``saved reports`` (the
    user's own, where New article saves)."""
    folders = report_paths(directory)
    saved = os.path.realpath(user_reports_dir())
    return {str(p): SAVED_AS if i and os.path.realpath(p) == saved else READS_AS
            for i, p in enumerate(folders)}


def report_file(report: Report | Path | None, directory: str | None) -> str:
    """A report's file (or the file ``report``) as the app names it: ``reports/R1.yaml``,
    ``saved reports/A1.yaml`` (its name alone outside the report folders)."""
    path = report.path if isinstance(report, Report) else report
    if path is None:
        return ""
    real = os.path.realpath(path.parent)
    for folder, name in folder_names(directory).items():
        if os.path.realpath(folder) == real:
            return f"{name}/{path.name}"
    return path.name


def public_text(text: object, directory: str | None = None) -> str:
    """``text`` with the server's paths replaced by what a visitor may see: a report
    folder by its name (:func:`folder_names`), the history folder by ``history``, the
    project (or the packages' folder it is installed in) by ``app``, the cache by
    ``cache``, the user's home by ``~``. For messages
    made of exception text (a history that cannot be read, a failure of the page)."""
    import geo
    from geo.store import cache_dir

    app = str(Path(geo.__file__).resolve().parent.parent)  # the checkout or site-packages

    places: dict[str, str] = {}
    for raw, name in [*folder_names(directory).items(),
                      *([(history_dir() or "", "history")] if history_dir() else []),
                      (str(cache_dir()), "cache"), (app, "app"),
                      (str(Path.home()), "~")]:
        for form in {raw, os.path.realpath(raw), os.path.abspath(raw)}:
            if len(form) > 1:  # never "/" alone
                places.setdefault(form, name)
    out = str(text)
    for form in sorted(places, key=len, reverse=True):  # the longest, most specific first
        out = re.sub(re.escape(form) + r"(?![\w.-])", places[form].replace("\\", "/"), out)
    return out


def _stamp(directory: str | None) -> Stamp:
    """The report folders and each report file's (name, size, mtime_ns): a saved, edited
    or removed report is a new key (a file edited in place changes its own time and size,
    not its folder's)."""
    out = []
    for p in report_paths(directory):
        files: list[tuple[str, int, int]] = []
        try:
            entries = sorted(os.scandir(p), key=lambda e: e.name)
        except OSError:
            entries = []
        for e in entries:
            if not e.name.endswith((".yaml", ".yml")):
                continue
            try:
                st = e.stat()  # the file a link leads to, as the loader reads it
            except OSError:
                files.append((e.name, -1, -1))
                continue
            files.append((e.name, st.st_size, st.st_mtime_ns))
        out.append((str(p), tuple(files)))
    return tuple(out)


def reports(directory: str | None) -> ReportSet:
    """The reports of the folder and the user's saved ones (read again when a report
    file is saved, edited or removed)."""
    return _reports(directory, _stamp(directory))


@st.cache_resource(max_entries=4)
def _reports(directory: str | None, stamp: Stamp) -> ReportSet:
    return load_reports(paths=[p for p, _ in stamp], names=folder_names(directory))


def atlas(directory: str | None) -> Atlas:
    """The atlas of the reports folder: every layer set is computed once and kept, in
    memory and on disk (:mod:`geo.store`), so a cold start reads it back."""
    return _atlas(directory, _stamp(directory), bool(st.session_state.get(CARRY_KEY, False)))


#: Session key of the sidebar's "carry unreviewed drafts" switch (off by default).
CARRY_KEY = "carry_unreviewed"


@st.cache_resource(max_entries=4)
def _atlas(directory: str | None, stamp: Stamp, carry_unreviewed: bool = False) -> Atlas:
    return Atlas(_reports(directory, stamp), units(), store=DiskStore(),
                 carry_unreviewed=carry_unreviewed)


@st.cache_resource
def units() -> gpd.GeoDataFrame:
    from geo.boundaries import load_units

    return load_units()


@st.cache_resource
def cities() -> gpd.GeoDataFrame:
    from geo.cities import load_cities

    return load_cities()


#: A control layer in use: file name, content, the day picked (a file of several days)
#: and the user's class choice as JSON (``{"field": ..., "map": {value: state}}``).
ControlKey = tuple[str, bytes, str | None, str | None]


@st.cache_resource(max_entries=8)
def control(data: bytes, name: str, day: str | None = None,
            classes: str | None = None) -> ControlLayer:
    choice = None
    if classes:
        from geo.classes import ClassChoice

        doc = orjson.loads(classes)
        choice = ClassChoice(str(doc["field"]), {str(k): str(v) for k, v in doc["map"].items()})
    return load_control(data, name=name, date=dt.date.fromisoformat(day) if day else None,
                        classes=choice)


def layerset(
    report_id: str,
    directory: str | None,
    control_in_use: ControlKey | None,
    dmz_km: float,
    depth_km: float,
) -> LayerSet:
    ctl = control_layer(control_in_use)
    return atlas(directory).layerset(
        report_id, control=ctl,
        options=ZoneOptions(dmz_width_km=dmz_km, deterrence_depth_km=depth_km))


@st.cache_data(max_entries=24)
def _exports(
    stamp: Stamp,
    report_id: str,
    directory: str | None,
    control: ControlKey | None,
    dmz_km: float,
    depth_km: float,
) -> tuple[list[dict[str, Any]], bytes, bytes]:
    """Per layer: name, feature count, file name and GeoJSON bytes; plus the zip and gpkg."""
    from geo.export import layers_gpkg, layers_zip, safe_layer_name, to_geojson

    layers = layerset(report_id, directory, control, dmz_km, depth_km).export_layers()
    files = [
        {
            "layer": name,
            "features": len(layer),
            "file": f"{safe_layer_name(name)}.geojson",
            "data": to_geojson(layer, name=name).encode(),
        }
        for name, layer in layers.items()
    ]
    return files, layers_zip(layers), layers_gpkg(layers)


@st.cache_data(max_entries=32, show_spinner=False)
def _report_page(
    stamp: Stamp,
    report_id: str,
    directory: str | None,
    control_in_use: ControlKey | None,
    dmz_km: float,
    depth_km: float,
    tiles: bool,
) -> str:
    """The report map of a layer set as a whole page, kept on disk with the layer set
    (:func:`layers.report_map.report_page`)."""
    from layers.report_map import report_page

    return report_page(atlas(directory), report_id, control=control_layer(control_in_use),
                       options=ZoneOptions(dmz_width_km=dmz_km, deterrence_depth_km=depth_km),
                       web_tiles=tiles)


@st.cache_data(max_entries=32, show_spinner=False)
def _compare_page(
    stamp: Stamp,
    a: str,
    b: str,
    directory: str | None,
    control_a: ControlKey | None,
    control_b: ControlKey | None,
    dmz_km: float,
    depth_km: float,
    tiles: bool,
) -> str:
    """Reports A and B side by side in one page whose maps follow each other, each with
    its own control layer (the same loaded layer, or each its day of a history)."""
    from layers.compare import compare_page as page
    from layers.map import page_html

    sets = (layerset(r, directory, c, dmz_km, depth_km)
            for r, c in ((a, control_a), (b, control_b)))
    return page_html(page(*sets, web_tiles=tiles))


@st.cache_data(max_entries=32, show_spinner=False)
def _difference_page(
    stamp: Stamp,
    a: str, b: str, directory: str | None, tiles: bool
) -> str:
    """The difference map of the claims of A and B, with its legend."""
    from layers.compare import difference_map
    from layers.map import page_html

    return page_html(difference_map(atlas(directory).compare(a, b), web_tiles=tiles))


@st.cache_data(max_entries=16, show_spinner=False)
def _published_map(
    stamp: Stamp,
    report_id: str,
    directory: str | None,
    control_in_use: ControlKey | None,
    dmz_km: float,
    depth_km: float,
    fmt: str,
) -> bytes:
    """The report's map to publish (:func:`layers.publish.render`: png, svg or html)."""
    from layers.publish import render

    ls = layerset(report_id, directory, control_in_use, dmz_km, depth_km)
    return render(ls, units(), cities(), fmt)


def _per_report_set(cached: Callable[..., T]) -> Callable[..., T]:
    """``cached(stamp, *args)`` called with the report folders' stamp of its
    ``directory`` argument: a report saved into a folder (which can change what earlier
    ids carry forward) is a new key, never served stale. Same arguments as ``cached``
    without ``stamp``."""
    at = list(inspect.signature(cached).parameters).index("directory") - 1

    @functools.wraps(cached)
    def call(*args: Any) -> T:
        return cached(_stamp(args[at]), *args)

    return call


exports = _per_report_set(_exports)
report_page = _per_report_set(_report_page)
compare_page = _per_report_set(_compare_page)
difference_page = _per_report_set(_difference_page)
published_map = _per_report_set(_published_map)


def export_kml(report_id: str, directory: str | None, control: ControlKey | None,
               dmz_km: float, depth_km: float) -> bytes:
    """Every layer of a report as one KML for Google Earth (made when its download is
    clicked: :func:`geo.export.layers_kml`)."""
    from geo.export import layers_kml

    return layers_kml(layerset(report_id, directory, control, dmz_km, depth_km).export_layers())


def control_key() -> ControlKey | None:
    """(file name, content, day, class choice) of the control layer in use, or None."""
    ctl = st.session_state.get("control")
    if not ctl:
        return None
    day = str(ctl[2]) if len(ctl) > 2 and ctl[2] else None
    classes = str(ctl[3]) if len(ctl) > 3 and ctl[3] else None
    return (str(ctl[0]), bytes(ctl[1]), day, classes)


def control_layer(key: ControlKey | None) -> ControlLayer | None:
    """The loaded control layer of ``key`` (None for none)."""
    return control(key[1], key[0], key[2], key[3]) if key else None


# ------------------------------------------------------------------ a history in use
@st.cache_resource(max_entries=2, show_spinner="Reading every day of the history…")
def _history_folder(folder: str) -> History:
    from geo.history import read_history

    history = read_history(folder)
    history.raise_if_empty()
    return history


@st.cache_resource(max_entries=2, show_spinner="Reading every day of the history…")
def _history_zip(content: bytes, name: str) -> History:
    import tempfile
    from pathlib import Path

    from geo.history import read_history

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (Path(name).name or "history.zip")
        path.write_bytes(content)
        history = read_history(path)
    history.raise_if_empty()
    return history


def history_in_use() -> History | None:
    """The history every view uses: the folder of ``FRONTLINE_HISTORY_DIR``, or the zip
    uploaded in the History view (kept in the session as ``history_zip``); None for none.
    Only read (parsed days, cached on disk by content); :func:`history_series` measures.

    Raises
    ------
    FrontlineError
        The folder or zip cannot be read, or holds no usable day (the message says why).
    """
    folder = history_dir()
    if folder:
        return _history_folder(folder)
    up = st.session_state.get("history_zip")
    if up:
        return _history_zip(bytes(up[1]), str(up[0]))
    return None


@st.cache_resource(max_entries=2, show_spinner="Measuring every day…")
def _series(_history: History, digest: str) -> ControlSeries:
    from geo.series import control_series

    return control_series(_history, units())


def history_series(history: History) -> ControlSeries:
    """Held km² and share of every unit on every day of ``history`` (measured once)."""
    return _series(history, history.digest)


@st.cache_resource(max_entries=2, show_spinner="Measuring every raion…")
def _raion_series(_history: History, digest: str) -> ControlSeries:
    from geo.boundaries import load_raions
    from geo.series import control_series

    return control_series(_history, load_raions())


def raion_series(history: History) -> ControlSeries:
    """Held km² and share of every raion on every day of ``history`` (measured once, when
    first asked for)."""
    return _raion_series(history, history.digest)


@st.cache_resource(max_entries=1, show_spinner=False)
def raion_units() -> dict[str, str]:
    """The unit (ISO 3166-2 code) each raion lies in, by raion P-code."""
    from geo.boundaries import load_raions

    return {str(k): str(v) for k, v in load_raions()["code"].items()}


@st.cache_resource(max_entries=64, show_spinner=False)
def _history_key(_history: History, digest: str, report_id: str, directory: str | None,
                 stamp: Stamp) -> ControlKey | None:
    layer = atlas(directory).history_layer(report_id, _history,
                                           within_days=HISTORY_WITHIN_DAYS)
    if layer is None:
        return None
    return (layer.name, layer.frame.to_json(drop_id=True).encode(),
            layer.date.isoformat() if layer.date else None, None)


def control_for(report_id: str) -> tuple[ControlKey | None, str]:
    """The control layer ``report_id`` is drawn and checked against, and a sentence saying
    where it comes from: the layer loaded under *Your data* when there is one, else the
    day of the history in use nearest the report's date, else none (schematic)."""
    key = control_key()
    if key is not None:
        return key, "the loaded control layer"
    try:
        history = history_in_use()
    except FrontlineError:
        return None, "no mapped control: the history in use could not be read"
    if history is None:
        return None, "no mapped control"
    directory = reports_dir()
    hkey = _history_key(history, history.digest, report_id, directory, _stamp(directory))
    if hkey is None:
        target, extra = atlas(directory).report(report_id).target
        return None, (f"no mapped control: the history in use ({history.dates[0]} to "
                      f"{history.dates[-1]}) has no day within {HISTORY_WITHIN_DAYS + extra} "
                      f"days of {report_id}'s date ({target.isoformat()}"
                      + (", the middle of the month it is dated to" if extra else "") + ")")
    return hkey, f"the history's day nearest {report_id}'s date"
