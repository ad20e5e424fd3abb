"""Control layers: mapped territory held by a side, read from GeoJSON, checked and repaired.

A control layer is a GeoJSON file of territory held by one side on one day: typically a
daily export of occupied territory (one MultiPolygon, EPSG:4326, empty properties, the
obsolete ``crs`` member). :func:`load_control` reads it into a :class:`ControlLayer`:

* the side is Russia unless features say otherwise in a ``side`` (or ``held_by``,
  ``controlled_by``, ``holder``) property: ``russia``/``RU`` or ``ukraine``/``UA``;
* invalid polygons are repaired with ``make_valid`` and a note says what was repaired;
* the day is read by one rule (:func:`read_dates`, the history reader's too): the
  features' own dates win over the file name's (a disagreement is noted); a file whose
  features carry **several dates** is a history, not a layer: it is refused unless
  ``date=`` picks one day (``frontline series`` reads histories); a date-time counts
  by its calendar day; a feature with ground but no date among dated ones, or a date
  outside :func:`date_problem`'s range, is an error;
* every problem of the file is reported at once, naming the feature.

Geometries are EPSG:4326 (lon/lat degrees). Measuring is :mod:`geo.measure`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import MultiPolygon, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from geo.areas import WGS84, geometry_area_km2
from geo.classes import (
    HELD_WORDS,
    ClassChoice,
    ClassCount,
    class_counts,
    classify,
    unknown_class_error,
)
from geo.errors import ControlLayerError, DatedLayerError
from geo.memo import digest
from geo.repair import polygon_parts, polygonal_valid

__all__ = [
    "MAX_VERTICES",
    "MAX_FEATURES",
    "MAX_FILE_BYTES",
    "REGION_BOUNDS",
    "SIDES",
    "DATE_KEYS",
    "ControlLayer",
    "load_control",
    "read_features",
    "control_from_geometry",
    "date_from_name",
    "name_time",
    "check_date_pattern",
    "parse_date",
    "FIRST_DAY",
    "last_day",
    "date_problem",
    "DateReading",
    "read_dates",
]

#: Largest number of vertices accepted in one control layer.
MAX_VERTICES = 2_000_000
#: Largest number of features accepted in one control layer (a daily export has 1).
MAX_FEATURES = 20_000
#: Largest control file accepted, bytes (200 MB).
MAX_FILE_BYTES = 200_000_000
#: (west, south, east, north) of the region a control layer must overlap, degrees.
REGION_BOUNDS = (20.0, 43.0, 42.0, 53.5)
#: The sides a layer can map, in display order.
SIDES: tuple[str, ...] = ("russia", "ukraine")
#: Feature properties read as the date of a feature (first one present wins).
DATE_KEYS: tuple[str, ...] = ("date", "day", "as_of", "snapshot_date", "datetime", "timestamp")
_GEOJSON_TYPES = {
    "FeatureCollection", "Feature", "Polygon", "MultiPolygon", "GeometryCollection",
    "Point", "MultiPoint", "LineString", "MultiLineString",
}
#: The first day a layer may show (mapped control of this war starts in 2014).
FIRST_DAY = dt.date(2014, 1, 1)
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_NAME_EPOCH = re.compile(r"(?<!\d)(\d{10})(?!\d)")
#: Unix times read from names: 2001-09-09 .. 2100-01-01 (ten digits).
_EPOCH_RANGE = (1_000_000_000, 4_102_444_800)


@dataclass(frozen=True)
class ControlLayer:
    """Mapped control of one day: a (Multi)Polygon per side, EPSG:4326.

    Attributes
    ----------
    name : str
        Where it came from (a file name), for provenance.
    sides : mapping of str to MultiPolygon
        Held ground per side (``"russia"``, ``"ukraine"``); a side the layer does not
        map is absent (not empty: absent means unknown).
    notes : tuple of str
        What was repaired, converted or ignored.
    date : datetime.date or None
        The day the layer shows, if the file says (properties or name).
    digest : str
        Content digest of the geometries, the name and the date (the key of results
        derived from the layer: a layer set names its layer and date, so two days with
        the same ground are two keys).
    contested : MultiPolygon or None
        Contested ground (grey zone, unknown status, unverified claims), outside either
        side's; None where the layer maps none.
    classes : tuple of ClassCount
        What each class of the file was read as, with its features and km².
    schema : str
        The schema the classes were read by (:func:`geo.classes.classify`).
    schematic : bool
        Every feature says ``schematic: true``: zones Frontline Atlas drew from a
        report's claims (its own export), not a mapped front line.
    """

    name: str
    sides: Mapping[str, BaseGeometry]
    notes: tuple[str, ...] = ()
    date: dt.date | None = None
    digest: str = field(default="")
    contested: BaseGeometry | None = None
    classes: tuple[ClassCount, ...] = ()
    schema: str = ""
    schematic: bool = False

    def maps(self, side: str) -> bool:
        """Whether the layer maps the ground held by ``side``."""
        return side in self.sides

    def geometry(self, side: str = "russia") -> BaseGeometry:
        """Ground held by ``side`` (an empty Polygon if the layer does not map it);
        ``"contested"`` gives the contested ground."""
        if side == "contested":
            return self.contested if self.contested is not None else Polygon()
        return self.sides.get(side, Polygon())

    @property
    def frame(self) -> gpd.GeoDataFrame:
        """One row per side mapped (``"russia"``, ``"ukraine"``) and one for contested
        ground where the layer maps it (``side`` ``"contested"``): ``side``, ``source``,
        ``date`` and the geometry. Read back by :func:`load_control` it is the same layer
        (``side: contested`` is contested ground)."""
        sides = [s for s in SIDES if s in self.sides]
        geoms = [self.sides[s] for s in sides]
        if self.contested is not None and not self.contested.is_empty:
            sides.append("contested")
            geoms.append(self.contested)
        return gpd.GeoDataFrame(
            {"side": sides, "source": [self.name] * len(sides),
             "date": [self.date.isoformat() if self.date else None] * len(sides)},
            geometry=geoms, crs=WGS84)


def control_from_geometry(geom: BaseGeometry, *, name: str = "geometry",
                          side: str = "russia", date: dt.date | None = None) -> ControlLayer:
    """A :class:`ControlLayer` of one side from a shapely geometry already in EPSG:4326."""
    if side not in SIDES:
        raise ControlLayerError(f"side: expected one of {', '.join(SIDES)}; got {side!r}.")
    if isinstance(geom, Polygon | MultiPolygon) and geom.is_valid:
        merged = geom if isinstance(geom, MultiPolygon) else MultiPolygon([geom])
    else:
        polys = polygon_parts(polygonal_valid(geom))
        merged = (MultiPolygon(polygon_parts(shapely.union_all(polys))) if polys
                  else MultiPolygon())
    return ControlLayer(name=name, sides={side: merged}, date=date,
                        digest=digest(side, merged, name, date))


def date_from_name(name: str, *, pattern: str | re.Pattern[str] | None = None
                   ) -> dt.date | None:
    """The date in a file name: ``..._20241123.geojson``, ``..._2024-11-23.geojson``, a
    Unix time in seconds (``1754251105.geojson``, the day in UTC), or ``pattern``: a
    regular expression with a named group ``date`` (YYYYMMDD or YYYY-MM-DD), ``epoch``
    (Unix seconds) or ``year``, ``month`` and ``day``."""
    base = Path(name).name
    if pattern is not None:
        m = re.search(pattern, base)
        return _pattern_date(m) if m else None
    for m in _NAME_DATE.finditer(base):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    m = _NAME_EPOCH.search(base)
    return _epoch_date(int(m.group(1))) if m else None


def name_time(name: str) -> int | None:
    """The Unix time in a file name (``1754251105.geojson``), to order snapshots of a day."""
    m = _NAME_EPOCH.search(Path(name).name)
    return int(m.group(1)) if m and _epoch_date(int(m.group(1))) else None


def _epoch_date(seconds: int) -> dt.date | None:
    if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


def _pattern_date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    try:
        if groups.get("epoch"):
            return _epoch_date(int(groups["epoch"]))
        if groups.get("date"):
            return parse_date(groups["date"])
        if groups.get("year") and groups.get("month") and groups.get("day"):
            return dt.date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
    except (ValueError, OverflowError):
        return None
    return None


def check_date_pattern(pattern: str, *, argument: str = "--date-pattern") -> re.Pattern[str]:
    """``pattern`` compiled, or a clear error: it must compile and name a group ``date``,
    ``epoch`` or ``year``/``month``/``day``."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ControlLayerError(f"{argument} {pattern!r}: not a regular expression ({exc}).") \
            from None
    names = set(compiled.groupindex)
    if not ({"date"} <= names or {"epoch"} <= names or {"year", "month", "day"} <= names):
        raise ControlLayerError(
            f"{argument} {pattern!r}: expected a named group 'date' (YYYYMMDD or YYYY-MM-DD), "
            "'epoch' (Unix seconds) or 'year', 'month' and 'day', e.g. "
            "'snapshot-(?P<date>\\d{8})'.")
    return compiled


def parse_date(value: Any) -> dt.date | None:
    """A date from a property value: ``2024-11-23``, ``20241123``, an ISO date-time, or
    milliseconds since 1970 (as some exports write); None if it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 1e11:  # seconds or junk: not a date here
            return None
        try:  # milliseconds: the day in UTC
            return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):  # beyond year 9999
            return None
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def last_day() -> dt.date:
    """The last day a layer may show: a year from today (UTC)."""
    return dt.datetime.now(tz=dt.UTC).date() + dt.timedelta(days=366)


def date_problem(day: dt.date, what: str) -> str | None:
    """Why ``day`` cannot be a day of mapped control (outside :data:`FIRST_DAY` ..
    :func:`last_day`), or None; ``what`` introduces it (``"its name dates it"``)."""
    if FIRST_DAY <= day <= last_day():
        return None
    return (f"{what} {day.isoformat()}, outside the days a layer can show "
            f"({FIRST_DAY.isoformat()} to {last_day().isoformat()}: this war's maps start "
            "in 2014, and none is dated more than a year ahead); correct the date")


@dataclass(frozen=True)
class DateReading:
    """The days of one file's features, by the one rule of :func:`read_dates`.

    Attributes
    ----------
    days : dict of date to list of int
        The features (positions in the file) of each day, by date.
    key : str
        The property the dates came from (``""``: the file's name dated them).
    note : str
        Where the name and the features disagree (the features' dates are used), or "".
    problems : list of (str, str)
        ``(field, message)`` of each problem: the file cannot be read while there are any.
    """

    days: dict[dt.date, list[int]]
    key: str = ""
    note: str = ""
    problems: tuple[tuple[str, str], ...] = ()


def _listed(idx: Sequence[int], what: str = "features") -> str:
    shown = ", ".join(f"{what}[{i}]" for i in idx[:5])
    return shown + (f" and {len(idx) - 5:,} more" if len(idx) > 5 else "")


def read_dates(props: Sequence[Any], name_date: dt.date | None, *,
               ground: Sequence[bool] | None = None, need_date: bool = True) -> DateReading:
    """The days of a file's features, by one rule (single layers, uploads, histories).

    * A feature's own date (its first property of :data:`DATE_KEYS` that reads as a
      date, :func:`parse_date`) wins over the file name's date; where the two disagree
      the reading says so in ``note``.
    * A date-time counts by its calendar day as written (``2024-07-01T23:00+03:00`` is
      2024-07-01; milliseconds since 1970 by their UTC day), so snapshots of one day at
      different times are one day.
    * A file whose features carry no date takes the name's date; with neither, it has
      no date (a problem where ``need_date``: a history's day; a single layer may be
      undated, and then ``days`` is empty).
    * Where some features with ground carry a date and others none, the file is not
      read (a problem counting them): one cannot tell which day they show.
    * Every date is checked by :func:`date_problem`.

    Parameters
    ----------
    props : sequence of mapping
        Each feature's properties, in file order.
    name_date : datetime.date or None
        The date in the file's name.
    ground : sequence of bool, optional
        Which features hold ground (polygons); the others (points, lines, no geometry)
        need no date and follow the days. Default: all of them.
    need_date : bool, keyword-only
        Whether a file with no date at all is a problem.
    """
    n = len(props)
    has_ground = list(ground) if ground is not None else [True] * n
    found = {i: f for i, p in enumerate(props)
             if isinstance(p, Mapping) and (f := feature_date(p)) is not None}
    problems: list[tuple[str, str]] = []
    dated = [i for i in found if has_ground[i]]
    key = found[dated[0]][0] if dated else ""
    if not dated:  # the name dates the file
        if name_date is None:
            if need_date:
                problems.append(("", "has no date: no feature carries one (a property "
                                 f"{' or '.join(DATE_KEYS[:3])} ...) and the file name has "
                                 "none; name files *_YYYYMMDD.geojson or by Unix time, or "
                                 "give --date-pattern"))
        elif bad := date_problem(name_date, "its name dates it"):
            problems.append(("", bad))
        return DateReading({name_date: list(range(n))} if name_date and not problems
                           else {}, "", "", tuple(problems))
    out_of_range: dict[dt.date, list[int]] = {}
    by_date: dict[dt.date, list[int]] = {}
    for i in dated:
        day = found[i][1]
        if date_problem(day, "") is not None:
            out_of_range.setdefault(day, []).append(i)
        by_date.setdefault(day, []).append(i)
    for day, idx in sorted(out_of_range.items()):
        problems.append((_listed(idx), date_problem(day, f"property {key!r} dates "
                                                    f"{'it' if len(idx) == 1 else 'them'}")
                         or ""))
    undated = [i for i in range(n) if i not in found and has_ground[i]]
    if undated:
        problems.append((_listed(undated), (
            f"{len(undated):,} of {len(undated) + len(dated):,} features with ground have no "
            f"date while the others carry one (property {key!r}), so which day they show "
            "cannot be told; give every feature its date, or none (the file's name then "
            "dates them all)")))
    for i in range(n):  # points, lines, empty features: with their day, or every day
        if not has_ground[i]:
            day_i = found[i][1] if i in found else None
            for day, idx in by_date.items():
                if day_i is None or day_i == day:
                    idx.append(i)
    days = {d: sorted(by_date[d]) for d in sorted(by_date)}
    note = ""
    if name_date is not None and list(days) != [name_date]:
        shown = ", ".join(d.isoformat() for d in list(days)[:3]) + (" ..." if len(days) > 3
                                                                      else "")
        note = (f"its name dates it {name_date.isoformat()}, its features "
                + (f"{shown} (property {key!r})" if len(days) == 1
                   else f"carry {len(days)} dates, {shown} (property {key!r})")
                + ": the features' dates are used")
    return DateReading(days, key, note, tuple(problems))


# ---------------------------------------------------------------- reading
def read_bytes(source: str | Path | bytes, label: str) -> bytes:
    """The bytes of a file (size-capped) or the bytes given."""
    from geo.safeio import read_user_file, size_text

    if isinstance(source, bytes | bytearray):
        raw = bytes(source)
    else:
        raw = read_user_file(source, label=label, max_bytes=MAX_FILE_BYTES,
                             what="GeoJSON file", error=ControlLayerError)
    if len(raw) > MAX_FILE_BYTES:
        raise ControlLayerError(f"{label}: {size_text(len(raw))} is more than the "
                                f"{size_text(MAX_FILE_BYTES)} a control layer may be; "
                                "simplify or clip the layer to Ukraine first.")
    if not raw.strip():
        raise ControlLayerError(f"{label}: the file is empty; expected a GeoJSON "
                                "FeatureCollection, Feature or (Multi)Polygon.")
    return raw


def parse_json(raw: bytes, label: str) -> Any:
    """JSON text (UTF-8, BOM allowed) as Python objects, or a clear error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ControlLayerError(
            f"{label}: not GeoJSON: the content is not JSON ({exc}); expected a GeoJSON "
            "FeatureCollection, Feature or (Multi)Polygon in EPSG:4326, such as a daily "
            "export of occupied territory."
        ) from None


def features_of(doc: Any, label: str) -> list[tuple[Any, dict[str, Any]]]:
    """``(geometry, properties)`` of every feature of a GeoJSON document."""
    if not isinstance(doc, dict) or doc.get("type") not in _GEOJSON_TYPES:
        got = type(doc).__name__ if not isinstance(doc, dict) else repr(doc.get("type"))
        raise ControlLayerError(
            f"{label}: not GeoJSON: expected an object whose \"type\" is FeatureCollection, "
            f"Feature or a geometry type; got {got}."
        )
    kind = doc["type"]
    if kind == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise ControlLayerError(f"{label}: FeatureCollection without a \"features\" list.")
        return [(f.get("geometry"), f.get("properties") or {}) if isinstance(f, dict)
                else (None, {}) for f in feats]
    if kind == "Feature":
        return [(doc.get("geometry"), doc.get("properties") or {})]
    return [(doc, {})]


def feature_date(props: Mapping[str, Any]) -> tuple[str, dt.date] | None:
    """The (key, date) of a feature's date property, if it has one."""
    if not isinstance(props, Mapping):
        return None
    for key in DATE_KEYS:
        if key in props:
            d = parse_date(props[key])
            if d is not None:
                return key, d
    return None


def source_crs(doc: Any, label: str) -> CRS | None:
    """The legacy GeoJSON ``crs`` member, if it names something other than lon/lat."""
    crs = doc.get("crs") if isinstance(doc, dict) else None
    if not isinstance(crs, dict):
        return None
    props = crs.get("properties") or {}
    name = props.get("name") if isinstance(props, dict) else None
    if not name:
        return None
    try:
        parsed = CRS.from_user_input(str(name))
    except CRSError:
        raise ControlLayerError(
            f"{label}: the \"crs\" member names {name!r}, which is not a known CRS; "
            "expected EPSG:4326 lon/lat (RFC 7946) or a valid EPSG code."
        ) from None
    if parsed.equals(WGS84) or parsed.to_epsg() in (4326,) or "CRS84" in str(name):
        return None
    return parsed


# ---------------------------------------------------------------- the layer
def _holds_ground(g: Any) -> bool:
    """Whether a feature's geometry (a GeoJSON dict or shapely) may hold ground."""
    if isinstance(g, BaseGeometry):
        return not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon",
                                                  "GeometryCollection")
    return isinstance(g, dict) and g.get("type") in ("Polygon", "MultiPolygon",
                                                     "GeometryCollection")


def _pick_date(feats: list[tuple[Any, dict[str, Any]]], label: str, date: dt.date | None,
               name_date: dt.date | None
               ) -> tuple[list[tuple[Any, dict[str, Any]]], dt.date | None, str]:
    """The features of one day (:func:`read_dates`), the day and a note where the name
    and the features disagree; a history is refused without ``date``."""
    reading = read_dates([p for _, p in feats], name_date,
                         ground=[_holds_ground(g) for g, _ in feats], need_date=False)
    if reading.problems:
        shown = [f"{f}: {m}" if f else m for f, m in reading.problems]
        raise ControlLayerError(f"{label}: " + ("; ".join(shown) if len(shown) == 1
                                                else "\n  - " + "\n  - ".join(shown)))
    days = list(reading.days)
    key = reading.key or "date"
    if date is None:
        if len(days) > 1:
            raise DatedLayerError(
                f"{label}: its {len(feats)} features carry {len(days)} different dates "
                f"({days[0].isoformat()} … {days[-1].isoformat()}, property {key!r}): this is "
                "a history of mapped control, not one layer, and measuring it as one would "
                f"merge every day. Pick one day with `--date {days[-1].isoformat()}` "
                "(`frontline measure FILE --date YYYY-MM-DD`), or measure every day with "
                "`frontline series FILE`.",
                dates=days,
            )
        return feats, (days[0] if days else None), reading.note
    if date not in reading.days:
        near = sorted(days, key=lambda d: abs((d - date).days))[:3]
        hint = (f"; the nearest dates in the file are {', '.join(d.isoformat() for d in near)}"
                if near else "; neither its features nor its name carry a date")
        raise DatedLayerError(f"{label}: no feature is dated {date.isoformat()}{hint}.",
                              dates=days)
    note = reading.note if len(days) == 1 else ""
    return [feats[i] for i in reading.days[date]], date, note


def _polygon_features(feats: list[tuple[Any, dict[str, Any]]], label: str, *,
                      lonlat: bool = True
                      ) -> tuple[list[tuple[BaseGeometry, dict[str, Any]]], list[str]]:
    """The polygonal features as ``(geometry, properties)`` (3D positions made 2D), and
    notes; every malformed feature is reported together."""
    from geo.geojson_check import check_geometry

    problems: list[str] = []
    out: list[tuple[BaseGeometry, dict[str, Any]]] = []
    n_other = n_empty = vertices = 0
    if len(feats) > MAX_FEATURES:
        raise ControlLayerError(f"{label}: {len(feats):,} features; the limit is "
                                f"{MAX_FEATURES:,} so measuring cannot hang (a daily export "
                                "has one). Dissolve them into one MultiPolygon first.")
    for i, (g, props) in enumerate(feats):
        if g is None or (isinstance(g, BaseGeometry) and g.is_empty):
            n_empty += 1
            continue
        if isinstance(g, BaseGeometry):  # read through GDAL: already built
            geom = g
            vertices += int(shapely.get_num_coordinates(g))
        else:
            found, n = check_geometry(g, lonlat=lonlat, max_vertices=MAX_VERTICES - vertices)
            vertices += n
            if found:  # one entry per feature, its first problems
                problems.append(f"feature {i}: " + "; ".join(dict.fromkeys(found[:3])))
                continue
            try:
                geom = shape(g)
            except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
                problems.append(f"feature {i}: malformed {g.get('type', 'geometry')} ({exc})")
                continue
        if vertices > MAX_VERTICES:
            raise ControlLayerError(
                f"{label}: more than {MAX_VERTICES:,} vertices; the limit is {MAX_VERTICES:,} "
                "so measuring cannot hang. Simplify the layer first (e.g. `ogr2ogr -simplify "
                "0.0001`).")
        parts = polygon_parts(geom)
        if not parts:
            n_other += 1
            continue
        if shapely.has_z(geom) or not isinstance(geom, Polygon | MultiPolygon):
            geom = MultiPolygon([shapely.force_2d(q) for q in parts])
        out.append((geom, props if isinstance(props, dict) else {}))
    if problems:
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20
                                 else [])
        raise ControlLayerError(f"{label} has {len(problems)} problem"
                                f"{'s' if len(problems) != 1 else ''}:\n  - "
                                + "\n  - ".join(shown))
    notes = []
    if n_other:
        notes.append(f"left out {n_other} non-polygon geometr{'y' if n_other == 1 else 'ies'} "
                     "(points and lines hold no ground).")
    if n_empty:
        notes.append(f"left out {n_empty} feature{'s' if n_empty != 1 else ''} without a "
                     "geometry.")
    return out, notes


def _check_extent(polys: Sequence[BaseGeometry], label: str) -> None:
    minx, miny, maxx, maxy = shapely.total_bounds(list(polys))
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        raise ControlLayerError(f"{label}: coordinates are not finite numbers.")
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise ControlLayerError(
            f"{label}: coordinates reach ({minx:,.0f}, {miny:,.0f}) - ({maxx:,.0f}, "
            f"{maxy:,.0f}), outside the lon/lat range: the layer looks projected (metres) "
            "but declares no CRS. Reproject it to EPSG:4326 (e.g. `ogr2ogr -t_srs "
            "EPSG:4326`) or add its \"crs\" member."
        )
    if not box(*REGION_BOUNDS).intersects(box(minx, miny, maxx, maxy)):
        raise ControlLayerError(
            f"{label}: the polygons lie at lon {minx:.2f}..{maxx:.2f}, lat {miny:.2f}.."
            f"{maxy:.2f}, outside the region (lon {REGION_BOUNDS[0]}..{REGION_BOUNDS[2]}, "
            f"lat {REGION_BOUNDS[1]}..{REGION_BOUNDS[3]}). Check that coordinates are "
            "lon/lat in that order and that this is a layer of Ukraine."
        )


def _repair(geoms: list[BaseGeometry], whose: str, notes: list[str]) -> list[BaseGeometry]:
    repaired: list[str] = []
    fixed: list[BaseGeometry] = []
    for i, p in enumerate(geoms):
        if p.is_valid:
            fixed.append(p)
            continue
        reason = shapely.is_valid_reason(p)
        parts = polygon_parts(polygonal_valid(p))
        after = sum(geometry_area_km2(q) for q in parts)
        repaired.append(f"geometry {i}: {reason} ({after:,.1f} km² after repair)")
        fixed += parts
    if repaired:
        notes.append(f"repaired {len(repaired)} invalid polygon"
                     f"{'s' if len(repaired) != 1 else ''}{whose} with make_valid: "
                     + "; ".join(repaired[:5]) + (" ..." if len(repaired) > 5 else ""))
    return fixed


def _merge(geoms: list[BaseGeometry]) -> BaseGeometry:
    one = geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)
    parts = polygon_parts(one)
    return one if isinstance(one, MultiPolygon) else MultiPolygon(parts)


def _class_km2(geoms: Sequence[BaseGeometry]) -> tuple[list[float], list[float]]:
    """Each feature's own km² and its km² inside Ukraine's units (a feature wholly inside
    or outside the outline is not cut)."""
    from geo.boundaries import ukraine_outline

    ua = ukraine_outline()
    arr = np.asarray(geoms, dtype=object)
    own = [geometry_area_km2(g) for g in geoms]
    near = shapely.intersects(ua, shapely.box(*shapely.bounds(arr).T))
    inside = [0.0] * len(geoms)
    for i in np.flatnonzero(near):
        g = arr[i]
        if shapely.contains_properly(ua, g):
            inside[i] = own[i]
        elif shapely.intersects(ua, g):
            inside[i] = geometry_area_km2(polygonal_valid(g).intersection(ua))
    return own, inside


def read_features(source: str | Path | bytes, label: str, *, layer: str | None = None
                  ) -> tuple[list[tuple[Any, dict[str, Any]]], CRS | None]:
    """The ``(geometry, properties)`` of every feature of a layer file, and its CRS when it
    is not lon/lat: GeoJSON (also gzipped) by the fast JSON reader, every other format
    (KML, KMZ, Shapefile or its zip, GeoPackage, FlatGeobuf, GeoParquet) through GDAL
    (:mod:`geo.formats`), whose geometries come built and in EPSG:4326."""
    from geo.formats import gdal_features, is_geojson, unpack_gzip

    if isinstance(source, str | Path) and str(source).lower().endswith(".shp"):
        read_bytes(source, label)  # the same checks: a regular file, under the cap
        return gdal_features(Path(source), label, error=ControlLayerError), None
    raw = read_bytes(source, label)
    raw = unpack_gzip(raw, label, limit=MAX_FILE_BYTES, error=ControlLayerError)
    if is_geojson(raw):
        doc = parse_json(raw, label)
        return features_of(doc, label), source_crs(doc, label)
    return gdal_features(raw, label, layer=layer, error=ControlLayerError), None


def load_control(
    source: str | Path | bytes, *, name: str | None = None, date: dt.date | None = None,
    classes: ClassChoice | None = None, layer: str | None = None,
) -> ControlLayer:
    """Load a control layer: polygons of mapped control on one day, read by class.

    Parameters
    ----------
    source : str, Path or bytes
        A layer file (GeoJSON, ``.geojson.gz``, KML, KMZ, a Shapefile's ``.shp`` or
        ``.zip``, GeoPackage, FlatGeobuf, GeoParquet) or its content.
    name : str, optional, keyword-only
        Name for messages and provenance (default: the path, or ``"control layer"``).
    date : datetime.date, optional, keyword-only
        Keep only the features dated so (for a file that holds several days).
    classes : ClassChoice, optional, keyword-only
        How to read the features' classes when the file follows no known schema
        (:mod:`geo.classes`).
    layer : str, optional, keyword-only
        The layer of a file that holds several (a GeoPackage).

    Returns
    -------
    ControlLayer
        Russian- and Ukrainian-held ground in ``sides``, the grey zone in ``contested``,
        what each class was read as in ``classes``.

    Raises
    ------
    DatedLayerError
        The features carry several dates and ``date`` is not given (or matches none).
    UnknownClassError
        Polygons whose class cannot be placed; every class found is listed.
    ControlLayerError
        Not a layer file, empty, malformed features (all listed), no polygons, more than
        :data:`MAX_VERTICES` vertices, projected coordinates without a CRS, or outside
        the region.
    """
    label = name or (str(source) if not isinstance(source, bytes | bytearray)
                     else "control layer")
    from geo.formats import reprojected_from

    raw_feats, crs = read_features(source, label, layer=layer)
    was = reprojected_from(raw_feats)
    name_date = (date_from_name(str(source)) if not isinstance(source, bytes | bytearray)
                 else None)
    if name_date is None and name:
        name_date = date_from_name(name)
    feats, day, date_note = _pick_date(raw_feats, label, date, name_date)
    found, notes = _polygon_features(feats, label, lonlat=crs is None)
    if date_note:
        notes.append(f"{date_note}.")
    if was:
        notes.append(f"reprojected from {was} to EPSG:4326.")
    if not found:
        raise ControlLayerError(
            f"{label}: no polygons found ({len(feats)} features"
            f"{', only points or lines' if notes else ''}); expected Polygon or "
            "MultiPolygon features of controlled territory."
        )
    geoms = [g for g, _ in found]
    n_vertices = int(shapely.get_num_coordinates(np.asarray(geoms, dtype=object)).sum())
    if n_vertices > MAX_VERTICES:
        raise ControlLayerError(
            f"{label}: {n_vertices:,} vertices; the limit is {MAX_VERTICES:,} so measuring "
            "cannot hang. Simplify the layer first (e.g. `ogr2ogr -simplify 0.0001`)."
        )
    if crs is not None:
        geoms = list(gpd.GeoSeries(geoms, crs=crs).to_crs(WGS84))
        notes.append(f"reprojected from {crs.to_string()} to EPSG:4326.")
    _check_extent(geoms, label)
    read = classify([p for _, p in found], choice=classes)
    shown_classes = (len(set(read.labels)) > 1 or bool(read.unplaced)
                     or read.schema.startswith(("raw", "ISW", "field")))
    own, inside = _class_km2(geoms)  # what was read, per class
    counts = class_counts(read, inside, own)
    if read.unplaced:
        raise unknown_class_error(label, read, counts)
    by_state: dict[str, list[BaseGeometry]] = {}
    for g, st in zip(geoms, read.states, strict=True):
        by_state.setdefault(str(st), []).append(g)
    sides: dict[str, BaseGeometry] = {}
    for side in SIDES:
        if side not in by_state:
            continue
        whose = (f" of {HELD_WORDS[side]} ground" if len(by_state) > 1 else "")
        fixed = _repair(by_state[side], whose, notes)
        if not fixed or not polygon_parts(merged := _merge(fixed)):
            raise ControlLayerError(f"{label}: the {side} polygons have no area after repair; "
                                    "expected polygons of controlled territory.")
        if len(fixed) > 1:
            notes.append(f"merged {len(fixed)} polygons{whose} into one MultiPolygon.")
        sides[side] = merged
    # Where classes overlap, Russian-held ground wins, then contested ground, then
    # Ukrainian-held ground (the history reader keeps the same order).
    contested: BaseGeometry | None = None
    if by_state.get("contested"):
        fixed = _repair(by_state["contested"], " of contested ground", notes)
        grey = _merge(fixed) if fixed else MultiPolygon()
        if "russia" in sides:
            grey = grey.difference(sides["russia"])
        contested = MultiPolygon(polygon_parts(grey))
    if not sides and contested is None:
        raise ControlLayerError(
            f"{label}: read as {read.schema}, no polygon is held by either side or "
            "contested (every class is out of scope):\n  - "
            + "\n  - ".join(str(c) for c in counts))
    if "ukraine" in sides:
        for taken in (sides.get("russia"), contested):
            if taken is not None and not taken.is_empty:
                sides["ukraine"] = MultiPolygon(polygon_parts(
                    sides["ukraine"].difference(taken)))
    if shown_classes and not read.schema.startswith("a side"):
        notes.insert(0, f"read as {read.schema}:\n  - " + "\n  - ".join(str(c) for c in counts))
    elif "ukraine" in sides:
        notes.append("features with side 'ukraine' are Ukrainian-held ground; the rest is "
                     "Russian-held.")
    schematic = all(p.get("schematic") is True for _, p in found)
    if schematic:
        notes.insert(0, "every feature says schematic: true: zones drawn from a report's "
                        "claims (a Frontline Atlas export), not a mapped front line, so "
                        "verdicts against it test the claims against claims.")
    shown = Path(label).name if not isinstance(source, bytes | bytearray) else label
    return ControlLayer(name=shown, sides=sides, notes=tuple(notes), date=day,
                        digest=digest(sorted(sides.items()), contested, shown, day, schematic),
                        contested=contested, classes=tuple(counts), schema=read.schema,
                        schematic=schematic)
