"""Pace: how fast held ground changes, per week, month and window, and where it leads.

From a control series (:func:`geo.series.control_series`: km² held, gained and lost per
mapped day and unit) this module gives, per unit and for Ukraine (``UA``):

* **daily flows** (:func:`daily_flows`): a snapshot's change since the previous one
  spread evenly over the calendar days it spans -- after a 10-day gap in the archive,
  each of the 10 days gets a tenth, so a gap is never counted as one day or one week;
* **weeks and months** (:func:`period_flows`): km² gained, lost and net per calendar week
  (Monday to Sunday) and month, in one of two **flows**: ``gross`` (the daily gains
  added up) or ``end-to-end`` (the difference of held ground between the maps at the
  period's two ends, from the geometry of those two days: ground that changed hands and
  back nets out, so gross >= end to end for gains and for losses; net is the same);
* the **rate over a window** (:func:`window_rates`) of 30, 90 or 365 days (any number)
  ending on a day: net km² a day, with a **band** from the week-to-week spread (the
  window cut into 7-day blocks from its end; the band is the rate's ``level``
  Student-t interval, were the weeks independent draws -- offensives come in waves, so
  read it as the least the uncertainty is), and the rate of the window before it;
* **where the pace leads** (:func:`project`): at the window's rate and at its band's
  ends, the date a unit would be fully held or held to a share -- an extrapolation of
  the mapped pace, worded as one, never a forecast; none where the rate is not positive;
* **possible map revisions** (:func:`revisions`): one-day changes far beyond a unit's
  usual ones (a national -115.8 km² day), with the unit and the file;
* a **pace claim checked** (:func:`check_pace_claim`): "Russia captured 500 km² in
  October" against the gross and end-to-end gains of that period, with the verdict words
  and qualifier rules of :mod:`geo.verify` and :mod:`geo.intervals`.

Areas are km² on the WGS84 ellipsoid (as the series measures them); rates are km² a
day; shares are percent of the unit's polygon, and of Ukraine's official area for
``UA`` (the series' denominators). Dates are calendar days; a day's flow is the change
from the map of the day before to the map of that day. Geometry (end-to-end flows) is
EPSG:4326, measured by :func:`geo.change.moved_km2`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import FrontlineError
from geo.history import History, ParsedDay
from geo.intervals import Interval, format_number, interval_from_claim
from geo.measure import UnitIndex
from geo.series import ControlSeries

__all__ = ["FLOWS", "PERIODS", "WINDOWS", "BAND_LEVEL", "REVISION_Z", "REVISION_MIN_KM2",
           "PRECISION_KM2", "DAILY_COLUMNS", "PERIOD_COLUMNS", "RATE_COLUMNS",
           "REVISION_COLUMNS", "Pace", "PaceVerdict", "daily_flows", "period_flows",
           "window_rates", "project", "revisions", "pace", "check_pace_claim",
           "window_words", "window_span", "duration_words", "t_quantile"]

#: The two flows: daily gains added up, or held ground compared at the period's ends.
FLOWS: tuple[str, ...] = ("gross", "end-to-end")
#: Calendar periods of :func:`period_flows`.
PERIODS: tuple[str, ...] = ("week", "month")
#: The usual windows (any positive number of days is taken).
WINDOWS: tuple[int, ...] = (30, 90, 365)
#: Confidence level of the rate's band.
BAND_LEVEL = 0.95
#: A day's change is a possible map revision when it passes the unit's median day by this
#: many robust standard deviations (1.4826 x the median absolute deviation) ...
REVISION_Z = 8.0
#: ... and is at least this large (km² in one day).
REVISION_MIN_KM2 = 20.0
#: Gaps smaller than this (km²) between a pace claim and the maps do not count: totals are
#: shown to the km²; a claimed rate (km² a day or a week) uses a tenth of it.
PRECISION_KM2 = 0.5

#: Columns of :func:`daily_flows`.
DAILY_COLUMNS: tuple[str, ...] = ("date", "code", "name", "gained_km2", "lost_km2",
                                  "net_km2", "step_days", "step_date")
#: Columns of :func:`period_flows`.
PERIOD_COLUMNS: tuple[str, ...] = (
    "period", "start", "end", "code", "name", "flow", "gained_km2", "lost_km2", "net_km2",
    "days", "complete", "spread_days", "from_day", "to_day",
)
#: Columns of :func:`window_rates` (and :attr:`Pace.rates`, with the projection's).
RATE_COLUMNS: tuple[str, ...] = (
    "code", "name", "window_days", "start", "end", "days", "gained_km2", "lost_km2",
    "net_km2", "e2e_gained_km2", "e2e_lost_km2", "e2e_from_day", "e2e_to_day",
    "rate_km2_day", "band_low_km2_day", "band_high_km2_day", "weeks", "weekly_sd_km2",
    "previous_rate_km2_day", "previous_days", "held_km2", "area_km2", "share_pct",
)
#: Columns the projection adds to :attr:`Pace.rates`.
PROJECTION_COLUMNS: tuple[str, ...] = (
    "target_pct", "target_km2", "status", "days_to_target", "days_early", "days_late",
    "date", "date_early", "date_late", "projection",
)
#: Columns of :func:`revisions`.
REVISION_COLUMNS: tuple[str, ...] = (
    "date", "code", "name", "flow", "km2", "step_days", "km2_a_day", "typical_km2_a_day",
    "threshold_km2_a_day", "where", "source", "text",
)
__all__ += ["PROJECTION_COLUMNS"]


# ---------------------------------------------------------------- daily flows
def _rows(series: ControlSeries, codes: Sequence[str] | None) -> pd.DataFrame:
    t = series.table
    if codes is None:
        return t
    known = set(pd.unique(t["code"]))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise FrontlineError(
            f"codes: expected units of the series ({', '.join(sorted(known)[:6])} ...); got "
            f"{', '.join(map(repr, unknown))}. Give ISO 3166-2 codes, or UA for Ukraine.")
    return t[t["code"].isin(list(codes)).to_numpy()]


def _days64(dates: pd.Series) -> np.ndarray:
    """A column of dates as ``datetime64[D]`` (each distinct date converted once)."""
    codes, uniq = pd.factorize(dates)
    return np.asarray(list(uniq), dtype="datetime64[D]")[codes]


def daily_flows(series: ControlSeries, *, codes: Sequence[str] | None = None) -> pd.DataFrame:
    """km² gained, lost and net per calendar day and unit, each snapshot's change spread
    evenly over the days it spans.

    Parameters
    ----------
    series : ControlSeries
        The control series.
    codes : sequence of str, optional, keyword-only
        Units (and ``UA``) to keep; default all.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DAILY_COLUMNS`: one row per day after the first mapped day up to
        the last, and unit; ``step_days`` is the number of days the snapshot's change
        was spread over (1 for a day mapped after a mapped day), ``step_date`` the
        snapshot's date. ``date`` and ``step_date`` are ``datetime64[D]``-backed
        timestamps.
    """
    return _daily_of(_rows(series, codes))


def _daily_of(t: pd.DataFrame) -> pd.DataFrame:
    """:func:`daily_flows` of the series' rows ``t``."""
    steps = t[(t["gained_km2"].notna() & (t["days_since_previous"] >= 1)).to_numpy()]
    n = steps["days_since_previous"].to_numpy(dtype=np.int64)
    rep = np.repeat(np.arange(len(steps)), n)
    back = np.arange(len(rep)) - np.repeat(np.cumsum(n) - n, n)
    day = _days64(steps["date"])
    frac = 1.0 / n[rep]
    out = pd.DataFrame({
        "date": day[rep] - back.astype("timedelta64[D]"),
        "code": steps["code"].to_numpy()[rep],
        "name": steps["name"].to_numpy()[rep],
        "gained_km2": steps["gained_km2"].to_numpy()[rep] * frac,
        "lost_km2": steps["lost_km2"].to_numpy()[rep] * frac,
        "net_km2": steps["net_km2"].to_numpy()[rep] * frac,
        "step_days": n[rep],
        "step_date": day[rep],
    })
    return out.sort_values(["date", "code"], kind="stable").reset_index(drop=True)


def _period_start(day: np.ndarray, period: str) -> np.ndarray:
    d = np.asarray(day, dtype="datetime64[D]")
    if period == "week":  # Monday: 1970-01-01 was a Thursday
        return d - ((d.astype(np.int64) + 3) % 7).astype("timedelta64[D]")
    return d.astype("datetime64[M]").astype("datetime64[D]")


def _period_end(start: np.ndarray, period: str) -> np.ndarray:
    s = np.asarray(start, dtype="datetime64[D]")
    if period == "week":
        return s + np.timedelta64(6, "D")
    return (s.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1


def period_flows(
    series: ControlSeries,
    *,
    period: str = "week",
    flow: str = "gross",
    codes: Sequence[str] | None = None,
    history: History | None = None,
    units: gpd.GeoDataFrame | UnitIndex | None = None,
    within_days: int = 3,
) -> pd.DataFrame:
    """km² gained, lost and net per calendar week (Monday to Sunday) or month, and unit.

    Parameters
    ----------
    series : ControlSeries
        The control series.
    period : {"week", "month"}, keyword-only
        The calendar period.
    flow : {"gross", "end-to-end"}, keyword-only
        ``gross``: the daily flows added up (:func:`daily_flows`: gaps spread over the
        days they span). ``end-to-end``: Russian-held ground on the map of the period's
        last day against the map of the day before its first (the mapped days nearest
        them, within ``within_days``; named in ``from_day`` and ``to_day``), measured
        from the two days' geometry (needs ``history``).
    codes : sequence of str, optional, keyword-only
        Units (and ``UA``) to keep; default all.
    history : History, optional, keyword-only
        The history the series was measured from (for ``end-to-end``).
    units : GeoDataFrame or UnitIndex, optional, keyword-only
        The units the series was measured with (for ``end-to-end``; default
        :func:`geo.boundaries.load_units`).
    within_days : int, keyword-only
        For ``end-to-end``: how far a period's end may be from a mapped day.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PERIOD_COLUMNS`, oldest period first. ``days``: the days of the
        period the series covers (the first and last periods may be partial:
        ``complete`` says whether all are); ``spread_days``: the days whose figures came
        from a snapshot after a gap.
    """
    _check(period=period, flow=flow)
    return _periods(daily_flows(series, codes=codes), series, period=period, flow=flow,
                    history=history, units=units, within_days=within_days)


def _periods(daily: pd.DataFrame, series: ControlSeries, *, period: str, flow: str,
             history: History | None, units: gpd.GeoDataFrame | UnitIndex | None,
             within_days: int) -> pd.DataFrame:
    """:func:`period_flows` of the daily flows ``daily``."""
    if not len(daily):
        return pd.DataFrame(columns=list(PERIOD_COLUMNS))
    start = _period_start(daily["date"].to_numpy(), period)
    g = daily.assign(start=start, spread=daily["step_days"] > 1).groupby(
        ["start", "code"], sort=True)
    out = g.agg(name=("name", "first"), gained_km2=("gained_km2", "sum"),
                lost_km2=("lost_km2", "sum"), net_km2=("net_km2", "sum"),
                days=("date", "size"), spread_days=("spread", "sum")).reset_index()
    s = out["start"].to_numpy(dtype="datetime64[D]")
    e = _period_end(s, period)
    out["end"] = e
    out["complete"] = out["days"].to_numpy() == (e - s).astype(np.int64) + 1
    out["period"] = period
    out["flow"] = flow
    out["from_day"] = None
    out["to_day"] = None
    if flow == "end-to-end":
        _end_to_end(out, series, history, units, within_days)
    out["start"] = pd.to_datetime(out["start"]).dt.date
    out["end"] = pd.to_datetime(out["end"]).dt.date
    return out[list(PERIOD_COLUMNS)]


def _index(units: gpd.GeoDataFrame | UnitIndex | None) -> UnitIndex:
    if isinstance(units, UnitIndex):
        return units
    if units is None:
        from geo.boundaries import load_units

        units = load_units()
    return UnitIndex(units)


def _near(history: History, dates: list[dt.date], date: dt.date, within_days: int
          ) -> ParsedDay | None:
    """:meth:`History.nearest` by bisection (``dates``: the history's, sorted)."""
    import bisect

    i = bisect.bisect_left(dates, date)
    best = min((k for k in (i - 1, i) if 0 <= k < len(dates)),
               key=lambda k: (abs((dates[k] - date).days), dates[k] > date), default=None)
    if best is None or abs((dates[best] - date).days) > within_days:
        return None
    return history.days[best]


def _e2e_pairs(history: History, index: UnitIndex, pairs: list[tuple[dt.date, dt.date]],
               within_days: int) -> dict[tuple[dt.date, dt.date], tuple[Any, ...]]:
    """For each (day before, last day) asked: the mapped days used and the km² gained and
    lost per unit end to end (with the Ukraine total last), or None for a pair with no
    mapped day near an end."""
    from geo.change import moved_km2

    out: dict[tuple[dt.date, dt.date], tuple[Any, ...]] = {}
    done: dict[tuple[dt.date, dt.date], tuple[Any, Any]] = {}
    valid: dict[dt.date, ParsedDay] = {}  # each day checked (and repaired) once
    dates = history.dates
    for a, b in pairs:
        da, db = _near(history, dates, a, within_days), _near(history, dates, b, within_days)
        if da is None or db is None or da.date >= db.date:
            out[(a, b)] = (None, None, None, None)
            continue
        key = (da.date, db.date)
        if key not in done:
            for d in (da, db):
                if d.date not in valid:
                    valid[d.date] = d.valid()
            done[key] = moved_km2(valid[da.date], valid[db.date], index, valid=True)
        gained, lost = done[key]
        ua = index.is_ukraine
        out[(a, b)] = (da.date, db.date, np.r_[gained, gained[ua].sum()],
                       np.r_[lost, lost[ua].sum()])
    return out


def _end_to_end(out: pd.DataFrame, series: ControlSeries, history: History | None,
                units: gpd.GeoDataFrame | UnitIndex | None, within_days: int) -> None:
    """Replace the gross gains of ``out`` by end-to-end ones, in place."""
    if history is None:
        raise FrontlineError("flow: 'end-to-end' compares the maps at a period's two ends, "
                             "so it needs their geometry; got no history. Pass history= "
                             "(the History the series was measured from), or use flow="
                             "'gross'.")
    index = _index(units)
    codes = [*map(str, index.codes), "UA"]
    pos = {c: i for i, c in enumerate(codes)}
    first, last = series.dates[0], series.dates[-1]
    pairs = []
    for s, e in zip(out["start"].to_numpy(dtype="datetime64[D]").tolist(),
                    out["end"].to_numpy(dtype="datetime64[D]").tolist(), strict=True):
        pairs.append((max(s - dt.timedelta(days=1), first), min(e, last)))
    uniq = _e2e_pairs(history, index, sorted(set(pairs)), within_days)
    gained, lost, frm, to = [], [], [], []
    for (a, b), code in zip(pairs, out["code"], strict=True):
        da, db, g, lo = uniq[(a, b)]
        i = pos.get(str(code))
        ok = da is not None and i is not None
        gained.append(float(g[i]) if ok else math.nan)
        lost.append(float(lo[i]) if ok else math.nan)
        frm.append(da)
        to.append(db)
    out["gained_km2"] = gained
    out["lost_km2"] = lost
    out["net_km2"] = np.asarray(gained) - np.asarray(lost)
    out["from_day"] = frm
    out["to_day"] = to


def _check(*, period: str = "week", flow: str = "gross", window: int = 90,
           level: float = BAND_LEVEL) -> None:
    if period not in PERIODS:
        raise FrontlineError(f"period: expected one of {', '.join(PERIODS)}; got {period!r}.")
    if flow not in FLOWS:
        raise FrontlineError(f"flow: expected one of {', '.join(FLOWS)}; got {flow!r}.")
    if isinstance(window, bool) or not isinstance(window, int | np.integer) or window < 7:
        raise FrontlineError(f"window: expected a whole number of days, at least 7 (a week: "
                             f"the band needs weeks; e.g. {', '.join(map(str, WINDOWS))}); "
                             f"got {window!r}.")
    if not 0 < level < 1:
        raise FrontlineError(f"level: expected a confidence level between 0 and 1 (e.g. "
                             f"0.95); got {level!r}.")


# ---------------------------------------------------------------- window rates
def _t_two_sided(t: float, df: int) -> float:
    """P(|T| <= t) for Student's t with ``df`` degrees of freedom (a whole number): the
    finite series of Abramowitz & Stegun 26.7.3-4."""
    theta = math.atan(t / math.sqrt(df))
    c2, s = math.cos(theta) ** 2, math.sin(theta)
    if df % 2:  # odd
        if df == 1:
            return 2 * theta / math.pi
        term, total = math.cos(theta), math.cos(theta)
        for k in range(3, df - 1, 2):  # cos + 2/3 cos^3 + 2*4/(3*5) cos^5 + ...
            term *= (k - 1) / k * c2
            total += term
        return 2 / math.pi * (theta + s * total)
    term, total = 1.0, 1.0
    for k in range(2, df - 1, 2):  # 1 + 1/2 cos^2 + 1*3/(2*4) cos^4 + ...
        term *= (k - 1) / k * c2
        total += term
    return s * total


def t_quantile(level: float, df: int) -> float:
    """The ``t`` with P(|T| <= t) = ``level`` for Student's t with ``df`` (>= 1) degrees
    of freedom: the half-width factor of a two-sided interval (2.18 for 95 % and 12)."""
    if df < 1 or not 0 < level < 1:
        raise FrontlineError(f"t_quantile: expected df >= 1 and 0 < level < 1; got df={df!r}, "
                             f"level={level!r}.")
    lo, hi = 0.0, 1.0
    while _t_two_sided(hi, df) < level:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        lo, hi = (mid, hi) if _t_two_sided(mid, df) < level else (lo, mid)
    return (lo + hi) / 2


def _areas(series: ControlSeries, units: gpd.GeoDataFrame | UnitIndex | None
           ) -> dict[str, float]:
    """The denominator of each code's share: km² / share x 100 where held, else the
    units' (geodesic polygon; Ukraine's official area)."""
    t = series.table
    held = t[(t["share_pct"] > 0) & (t["controlled_km2"] > 0)].drop_duplicates("code")
    out = dict(zip(held["code"], 100.0 * held["controlled_km2"] / held["share_pct"],
                   strict=True))
    missing = set(t["code"]) - set(out)
    if missing:
        index = _index(units)
        for c, a in zip(index.codes, index.area_km2, strict=True):
            out.setdefault(str(c), float(a))
        out.setdefault("UA", float(index.ukraine_area_km2))
    return out


def window_rates(
    series: ControlSeries,
    *,
    window: int = 90,
    end: dt.date | None = None,
    codes: Sequence[str] | None = None,
    history: History | None = None,
    units: gpd.GeoDataFrame | UnitIndex | None = None,
    level: float = BAND_LEVEL,
    within_days: int = 3,
) -> pd.DataFrame:
    """The rate over a window of ``window`` days ending on ``end``, per unit.

    Parameters
    ----------
    series : ControlSeries
        The control series.
    window : int, keyword-only
        Days (at least 7): the window is the days after ``end - window`` up to ``end``.
    end : datetime.date, optional, keyword-only
        The window's last day (default the last mapped day).
    codes : sequence of str, optional, keyword-only
        Units (and ``UA``); default all.
    history : History, optional, keyword-only
        With it, the window's gains and losses end to end too (``e2e_*``: the maps of
        the days nearest ``end - window`` and ``end``, within ``within_days``).
    units : GeoDataFrame or UnitIndex, optional, keyword-only
        The units the series was measured with (end to end; shares of a unit the
        series never saw held).
    level : float, keyword-only
        Confidence level of the band (:data:`BAND_LEVEL`).
    within_days : int, keyword-only
        For the end-to-end figures.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RATE_COLUMNS`, one row per code. ``gained_km2``, ``lost_km2``,
        ``net_km2``: gross over the window's days the series covers (``days``);
        ``rate_km2_day``: net a day; the band: ``rate +- t x sd / sqrt(weeks) / 7`` of the
        net of the ``weeks`` 7-day blocks counted back from ``end`` (NaN under two
        weeks); ``previous_rate_km2_day``: the same rate over the ``window`` days before
        (over ``previous_days`` covered; NaN if none); ``held_km2`` on ``end``
        (between two mapped days: as the change is spread).

    Raises
    ------
    FrontlineError
        A window under 7 days, or ``end`` outside the series' days.
    """
    _check(window=window, level=level)
    t = _rows(series, codes)
    return _rates(series, _daily_of(t), t, window=window, end=end, history=history,
                  units=units, level=level, within_days=within_days)


def _rates(series: ControlSeries, daily: pd.DataFrame, t: pd.DataFrame, *, window: int,
           end: dt.date | None, history: History | None,
           units: gpd.GeoDataFrame | UnitIndex | None, level: float,
           within_days: int) -> pd.DataFrame:
    """:func:`window_rates` of the series' rows ``t`` and their daily flows ``daily``."""
    dates = series.dates
    end = end or dates[-1]
    if not dates[0] < end <= dates[-1]:
        raise FrontlineError(
            f"end: expected a day after the first mapped day ({dates[0]}) up to the last "
            f"({dates[-1]}); got {end}. Give a day within the history.")
    day = daily["date"].to_numpy(dtype="datetime64[D]")
    e64 = np.datetime64(end, "D")
    s64 = e64 - window
    p64 = s64 - window
    held_of = {c: g["controlled_km2"].to_numpy(dtype=float)
               for c, g in t.groupby("code", sort=False)}
    areas = _areas(series, units)
    e2e: dict[str, tuple[Any, ...]] = {}
    if history is not None:
        index = _index(units)
        start_day = max(end - dt.timedelta(days=window), dates[0])
        da, db, g, lo = _e2e_pairs(history, index, [(start_day, end)], within_days)[
            (start_day, end)]
        for i, c in enumerate([*map(str, index.codes), "UA"]):
            e2e[c] = (da, db, g[i] if g is not None else math.nan,
                      lo[i] if lo is not None else math.nan)
    rows = []
    mapped = np.asarray(dates, dtype="datetime64[D]").astype(np.int64)
    for code, d in daily.groupby("code", sort=False):
        dd = day[d.index.to_numpy()]
        inside = (dd > s64) & (dd <= e64)
        w = d[inside]
        n_days = int(inside.sum())
        net = float(w["net_km2"].sum())
        rate = net / n_days if n_days else math.nan
        blocks = min(window, n_days) // 7
        back = (e64 - dd[inside]).astype(np.int64) // 7  # 0 for the last 7 days
        weekly = np.bincount(back[back < blocks], weights=w["net_km2"].to_numpy()[back < blocks],
                             minlength=blocks) if blocks else np.zeros(0)
        sd = float(np.std(weekly, ddof=1)) if blocks >= 2 else math.nan
        half = (t_quantile(level, blocks - 1) * sd / math.sqrt(blocks) / 7
                if blocks >= 2 else math.nan)
        prev = (dd > p64) & (dd <= s64)
        n_prev = int(prev.sum())
        held = float(np.interp(e64.astype(np.int64), mapped, held_of[code]))
        area = areas.get(str(code), math.nan)
        da, db, eg, el = e2e.get(str(code), (None, None, math.nan, math.nan))
        rows.append({
            "code": code, "name": d["name"].iloc[0], "window_days": window,
            "start": (s64 + 1).item(), "end": end, "days": n_days,
            "gained_km2": float(w["gained_km2"].sum()), "lost_km2": float(w["lost_km2"].sum()),
            "net_km2": net, "e2e_gained_km2": eg, "e2e_lost_km2": el,
            "e2e_from_day": da, "e2e_to_day": db, "rate_km2_day": rate,
            "band_low_km2_day": rate - half, "band_high_km2_day": rate + half,
            "weeks": blocks, "weekly_sd_km2": sd,
            "previous_rate_km2_day": (float(d["net_km2"].to_numpy()[prev].sum()) / n_prev
                                      if n_prev else math.nan),
            "previous_days": n_prev, "held_km2": held, "area_km2": area,
            "share_pct": 100.0 * held / area if area else math.nan,
        })
    return pd.DataFrame(rows, columns=list(RATE_COLUMNS))


# ---------------------------------------------------------------- projection
def window_span(window: int, end: dt.date, last: dt.date) -> str:
    """``"the last 90 days"``, ``"the last year"``, ``"the 90 days to 2025-10-15"``."""
    span = "year" if window == 365 else f"{window} days"
    return f"the last {span}" if end == last else f"the {span} to {end.isoformat()}"


def window_words(window: int, end: dt.date, last: dt.date) -> str:
    """The window as a possessive: ``"the last 90 days'"``, ``"the last year's"``."""
    return window_span(window, end, last) + ("'s" if window == 365 else "'")


def duration_words(days: float) -> str:
    """A span in the unit a reader thinks in: days up to 60, months up to 36, years."""
    if not math.isfinite(days):
        return "never"
    if days <= 60:
        n = max(1, math.ceil(days))
        return f"{n} day{'s' if n != 1 else ''}"
    months = days / 30.4375
    if months < 36:
        return f"{months:.0f} months"
    return f"{days / 365.25:.1f} years"


def _range_words(lo: float, hi: float) -> str:
    """``"14-22 months at the band's ends"``: both ends in the unit of the later one."""
    if not math.isfinite(hi):
        return (f"{duration_words(lo)} at the band's high end, none at its low end (a pace "
                "that is not positive)")
    a, b = duration_words(lo), duration_words(hi)
    ua, ub = a.split(" ", 1)[1], b.split(" ", 1)[1]
    if ua.rstrip("s") == ub.rstrip("s"):
        return f"{a.split(' ', 1)[0]}-{b} at the band's ends"
    return f"{a} to {b} at the band's ends"


def _target_words(pct: float, name: str) -> str:
    return f"all of {name}" if pct >= 100 else f"{format_number(pct, 'percent')} % of {name}"


def project(rates: pd.DataFrame, *, to_pct: float = 100.0, side: str = "russia",
            last: dt.date | None = None) -> pd.DataFrame:
    """Where each unit's window pace leads: the date it would be held to ``to_pct``.

    Parameters
    ----------
    rates : DataFrame
        :func:`window_rates`.
    to_pct : float, keyword-only
        The share (percent of the unit; of Ukraine's official area for ``UA``); 100
        for "fully held".
    side : str, keyword-only
        Whose ground the series measures (for the words).
    last : datetime.date, optional, keyword-only
        The history's last mapped day (for the words: "the last 90 days'"); default
        each row's ``end``.

    Returns
    -------
    pandas.DataFrame
        ``rates`` with :data:`PROJECTION_COLUMNS`: ``status`` is ``projected``,
        ``reached`` (already held to the share), ``no projection`` (the rate is not
        positive) or ``not measured``; ``days_*`` from ``end`` at the rate and at the
        band's high and low ends (inf where that end is not positive); ``projection``
        the sentence.
    """
    if isinstance(to_pct, bool) or not 0 < float(to_pct) <= 100:
        raise FrontlineError(f"to_pct: expected a share above 0 and at most 100 (percent); "
                             f"got {to_pct!r}.")
    out = rates.copy()
    who = {"russia": "Russia", "ukraine": "Ukraine"}.get(side, side)
    extra: list[dict[str, Any]] = []
    for r in out.to_dict("records"):
        end = r['end']
        words = window_words(int(r['window_days']), end, last or end)
        target = to_pct / 100.0 * r['area_km2']
        remaining = target - r['held_km2']
        row: dict[str, Any] = {"target_pct": float(to_pct), "target_km2": target,
                               "days_to_target": math.nan, "days_early": math.nan,
                               "days_late": math.nan, "date": None, "date_early": None,
                               "date_late": None}
        goal = _target_words(to_pct, r['name'])
        rate, lo, hi = r['rate_km2_day'], r['band_low_km2_day'], r['band_high_km2_day']
        pace = f"{rate:+,.2f} km² a day" if math.isfinite(rate) else ""
        if math.isfinite(lo) and math.isfinite(hi):
            pace += (f"; {lo:+,.2f} to {hi:+,.2f} within the week-to-week spread"
                     if hi - lo >= 0.005 else "; the same every week")
        if not math.isfinite(rate) or not math.isfinite(r['area_km2']):
            row.update(status="not measured",
                       projection=f"{r['name']}: the series does not cover "
                                  f"{window_span(int(r['window_days']), end, last or end)}.")
        elif remaining <= 0:
            row.update(status="reached", days_to_target=0.0, date=end,
                       projection=f"{r['name']}: {who} already holds {r['share_pct']:.1f} % on "
                                  f"{end}, at or past {goal}.")
        elif rate <= 0:
            row.update(status="no projection", projection=(
                f"{r['name']}: at {words} pace ({pace}) {who}'s held ground did not grow "
                f"(net {r['net_km2']:+,.1f} km² over {r['days']} days): no date can be "
                "extrapolated."))
        else:
            days = remaining / rate
            early = remaining / hi if math.isfinite(hi) and hi > 0 else math.nan
            late = (remaining / lo if lo > 0 else math.inf) if math.isfinite(lo) else math.nan
            row.update(status="projected", days_to_target=days, days_early=early,
                       days_late=late, date=_after(end, days), date_early=_after(end, early),
                       date_late=_after(end, late))
            band = ("; too few weeks for a band" if not math.isfinite(early)
                    else "" if late - early < 0.5 else f"; {_range_words(early, late)}")
            when = (f"in {duration_words(days)}, around {row['date']}" if days <= _CENTURY
                    else "in more than a century")
            row["projection"] = (
                f"{r['name']}: at {words} pace ({pace}), {who} would hold {goal} "
                f"({format_number(remaining, 'km2')} km² more) {when}{band}. An extrapolation "
                "of the mapped pace, not a forecast.")
        extra.append(row)
    add = pd.DataFrame(extra, index=out.index)
    for col in PROJECTION_COLUMNS:
        out[col] = add[col]
    return out


#: Beyond this many days an extrapolation is not given a date in words.
_CENTURY = 36_525


def _after(end: dt.date, days: float) -> dt.date | None:
    """The first whole day on which ``days`` have passed (None for never or unknown)."""
    if not math.isfinite(days):
        return None
    n = math.ceil(days - 1e-9)
    return end + dt.timedelta(days=n) if n < 3_650_000 else None


# ---------------------------------------------------------------- map revisions
def revisions(series: ControlSeries, *, codes: Sequence[str] | None = None,
              z: float = REVISION_Z, min_km2: float = REVISION_MIN_KM2) -> pd.DataFrame:
    """Days whose change is unusually large for their unit: possible map revisions.

    A snapshot's gain (or loss) a day -- its change over the days since the previous
    snapshot -- is flagged when it passes the unit's median day by ``z`` robust standard
    deviations (1.4826 x the median absolute deviation over all its snapshots) and is at
    least ``min_km2``. Such a day may be a real sudden move; it is often the map redrawn
    (an earlier line corrected): check the day's map.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REVISION_COLUMNS`, largest first. ``where``: for ``UA``, the
        units that moved most that day.
    """
    t = _rows(series, codes)
    steps = t[t["gained_km2"].notna() & (t["days_since_previous"] >= 1)]
    rows = []
    for code, s in steps.groupby("code", sort=False):
        n = s["days_since_previous"].to_numpy(dtype=float)
        for flow in ("gained", "lost"):
            per = s[f"{flow}_km2"].to_numpy(dtype=float) / n
            med = float(np.median(per))
            mad = 1.4826 * float(np.median(np.abs(per - med)))
            cut = max(med + z * mad, min_km2)
            for k in np.flatnonzero(per >= cut):
                row = s.iloc[k]
                rows.append({"date": row["date"], "code": code, "name": row["name"],
                             "flow": flow, "km2": float(row[f"{flow}_km2"]),
                             "step_days": int(n[k]), "km2_a_day": float(per[k]),
                             "typical_km2_a_day": med, "threshold_km2_a_day": cut,
                             "where": "", "source": row["source"]})
    out = pd.DataFrame(rows, columns=list(REVISION_COLUMNS))
    if not len(out):
        return out
    tt = series.table
    for i in np.flatnonzero(out["code"].to_numpy() == "UA"):
        r = out.iloc[i]
        day = tt[(tt["date"] == r['date']) & (tt["code"] != "UA")
                 & tt["code"].str.startswith("UA-")]
        top = day.nlargest(3, f"{r['flow']}_km2")
        top = top[top[f"{r['flow']}_km2"] >= 0.5]
        out.loc[out.index[int(i)], "where"] = ", ".join(
            f"{n} {v:,.1f}" for n, v in zip(top["name"], top[f"{r['flow']}_km2"], strict=True))
    out["text"] = [
        f"{r['date']}: {r['name']} {'+' if r['flow'] == 'gained' else '-'}{r['km2']:,.1f} km² "
        + ("in one day" if r['step_days'] == 1 else f"over {r['step_days']} days")
        + f" (usually {r['typical_km2_a_day']:,.1f} a day)"
        + (f", in {r['where']}" if r['where'] else "")
        + f": a possible map revision; check {r['source']}" for r in out.to_dict("records")]
    return out.sort_values("km2_a_day", ascending=False, kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- all of it
@dataclass(frozen=True)
class Pace:
    """The pace of held ground per unit (:func:`pace`).

    Attributes
    ----------
    rates : DataFrame
        :func:`window_rates` with the projection (:func:`project`), one row per code.
    weeks, months : DataFrame
        :func:`period_flows` per calendar week and month, in ``flow``.
    revisions : DataFrame
        :func:`revisions`.
    window : int
        Days of the window.
    end : datetime.date
        The window's last day.
    flow : str
        The flow of ``weeks`` and ``months`` (``gross`` or ``end-to-end``).
    to_pct : float
        The share projected to.
    first, last : datetime.date
        The history's first and last mapped days.
    notes : tuple of str
        What the reader should know.
    """

    rates: pd.DataFrame
    weeks: pd.DataFrame
    months: pd.DataFrame
    revisions: pd.DataFrame
    window: int
    end: dt.date
    flow: str
    to_pct: float
    first: dt.date
    last: dt.date
    notes: tuple[str, ...] = field(default=())

    def sentence(self, code: str) -> str:
        """One unit's pace and where it leads, in words."""
        rows = self.rates[self.rates["code"] == code]
        if not len(rows):
            raise FrontlineError(f"code: expected one of {', '.join(self.rates['code'])}; got "
                                 f"{code!r}.")
        r = rows.iloc[0]
        speed = ""
        prev = r['previous_rate_km2_day']
        if math.isfinite(prev) and math.isfinite(r['rate_km2_day']):
            speed = (f"; the {self.window} days before: {prev:+,.2f} km² a day, so "
                     + ("faster now" if r['rate_km2_day'] > prev else
                        "slower now" if r['rate_km2_day'] < prev else "the same"))
        e2e = ""
        if math.isfinite(r['e2e_gained_km2']):
            e2e = (f"; end to end {r['e2e_from_day']} -> {r['e2e_to_day']}: "
                   f"+{r['e2e_gained_km2']:,.1f} / -{r['e2e_lost_km2']:,.1f} km²")
        return (f"{r['name']}, {window_span(self.window, self.end, self.last)} "
                f"({r['start']} to {r['end']}, {r['days']} days): gross "
                f"+{r['gained_km2']:,.1f} / -{r['lost_km2']:,.1f} km², net "
                f"{r['net_km2']:+,.1f} km² ({r['rate_km2_day']:+,.2f} km² a day){e2e}{speed}. "
                f"{r['projection']}")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every table as records, and the settings."""
        import json

        def rec(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return list(json.loads(frame.to_json(orient="records", date_format="iso",
                                                 double_precision=4, default_handler=str)))

        out = {"window_days": self.window, "end": self.end.isoformat(), "flow": self.flow,
               "to_pct": self.to_pct, "first_day": self.first.isoformat(),
               "last_day": self.last.isoformat(), "notes": list(self.notes),
               "rates": rec(self.rates), "weeks": rec(self.weeks), "months": rec(self.months),
               "revisions": rec(self.revisions)}
        for key in ("rates", "weeks", "months", "revisions"):
            for r in out[key]:  # type: ignore[attr-defined]
                for k, v in r.items():
                    if isinstance(v, str) and len(v) >= 10 and v[4] == "-" and "T00:00" in v:
                        r[k] = v[:10]
        return out


def pace(
    series: ControlSeries,
    *,
    codes: Sequence[str] | None = None,
    window: int = 90,
    end: dt.date | None = None,
    to_pct: float = 100.0,
    flow: str = "gross",
    history: History | None = None,
    units: gpd.GeoDataFrame | UnitIndex | None = None,
    level: float = BAND_LEVEL,
) -> Pace:
    """Weeks, months, the window's rate, where it leads and possible map revisions.

    Parameters
    ----------
    series : ControlSeries
        The control series.
    codes : sequence of str, optional, keyword-only
        Units (and ``UA``); default all the series holds.
    window, end, level
        As for :func:`window_rates`.
    to_pct : float, keyword-only
        The share to project to (:func:`project`).
    flow : {"gross", "end-to-end"}, keyword-only
        The flow of the weeks and months (:func:`period_flows`).
    history : History, optional, keyword-only
        The history the series was measured from: end-to-end figures need its geometry.
    units : GeoDataFrame or UnitIndex, optional, keyword-only
        The units the series was measured with (default the built-in ones).
    """
    _check(flow=flow, window=window, level=level)
    index = _index(units) if history is not None else units
    t = _rows(series, codes)
    daily = _daily_of(t)  # once, for the window and the periods
    rates = _rates(series, daily, t, window=window, end=end, history=history, units=index,
                   level=level, within_days=3)
    last = series.dates[-1]
    rates = project(rates, to_pct=to_pct, side=series.side, last=last)
    if codes is not None:  # in the order asked for
        order = {c: k for k, c in enumerate(codes)}
        rates = rates.sort_values("code", key=lambda c: c.map(order), kind="stable"
                                  ).reset_index(drop=True)
    weeks, months = (_periods(daily, series, period=p, flow=flow, history=history,
                              units=index, within_days=3) for p in PERIODS)
    notes = []
    if history is None:
        notes.append("end-to-end figures need the history's geometry; only gross flows "
                     "were measured")
    return Pace(rates=rates, weeks=weeks, months=months,
                revisions=revisions(series, codes=codes), window=window,
                end=end or last, flow=flow, to_pct=float(to_pct), first=series.dates[0],
                last=last, notes=tuple(notes))


# ---------------------------------------------------------------- pace claims
#: What a pace claim states: ground gained (taken), lost, or the net change.
MEASURES: tuple[str, ...] = ("gained", "lost", "net")
#: Per what a claimed figure is: the whole period, or a rate.
PER: tuple[str, ...] = ("period", "day", "week")
__all__ += ["MEASURES", "PER"]


@dataclass(frozen=True)
class PaceVerdict:
    """A pace claim checked against the history (:func:`check_pace_claim`).

    Attributes
    ----------
    code, name : str
        The unit (``UA``: Ukraine).
    side : str
        Whose gains the claim states.
    measure : str
        ``gained``, ``lost`` or ``net`` (:data:`MEASURES`).
    per : str
        ``period``, ``day`` or ``week`` (:data:`PER`).
    claim : Interval
        The claimed figure as an interval (km², or km² a day or week), by the qualifier
        rules of :mod:`geo.intervals`.
    start, end : datetime.date
        The period, both days included.
    days : int
        Its days.
    gross_gained_km2, gross_lost_km2, net_km2 : float
        The side's daily gains and losses added up over the period, and its net.
    e2e_gained_km2, e2e_lost_km2 : float
        The side's gains and losses end to end (NaN without the history's geometry),
        between the maps of ``from_day`` and ``to_day``.
    measured_low, measured_high : float
        The measured band the claim is judged against, in the claim's unit: for gains and
        losses from the end-to-end figure to the gross one (what changed hands for good,
        up to all that moved), for net the net.
    verdict : str
        ``consistent``, ``overstated``, ``understated`` or ``not checkable`` (as in
        :mod:`geo.verify`).
    off_by_km2 : float
        The gap from the measured band to the claim's nearest bound (0 when consistent).
    slack_km2 : float
        How loose a true "more than" / "less than" is.
    reading : str
        For a consistent claim: which flow agrees (``gross``, ``end to end``, both, or
        ``between``).
    sentence : str
        The verdict in words.
    notes : tuple of str
        The mapped days used where they differ from the period's ends.
    """

    code: str
    name: str
    side: str
    measure: str
    per: str
    claim: Interval
    start: dt.date
    end: dt.date
    days: int
    gross_gained_km2: float
    gross_lost_km2: float
    net_km2: float
    e2e_gained_km2: float
    e2e_lost_km2: float
    from_day: dt.date | None
    to_day: dt.date | None
    measured_low: float
    measured_high: float
    verdict: str
    off_by_km2: float
    slack_km2: float
    reading: str
    sentence: str
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (dates as ISO text, the claim as its low/high/central and text)."""
        out: dict[str, Any] = {}
        for k, v in self.__dict__.items():
            if k == "claim":
                out.update(claim_low=v.low, claim_high=v.high, claim_central=v.central,
                           claim_text=str(v))
            elif isinstance(v, dt.date):
                out[k] = v.isoformat()
            elif isinstance(v, float):
                out[k] = None if math.isnan(v) else round(v, 4)
            elif isinstance(v, tuple):
                out[k] = list(v)
            else:
                out[k] = v
        return out


def _judge(iv: Interval, lo_m: float, hi_m: float, eps: float
           ) -> tuple[str, float, float]:
    """(verdict, off by, slack) of a claimed interval against a measured band."""
    more, less = iv.qualifier == "more_than", iv.qualifier == "less_than"
    if iv.low > hi_m + eps:
        if less:
            return "consistent", 0.0, iv.low - hi_m
        return "overstated", iv.low - hi_m, 0.0
    if iv.high < lo_m - eps:
        if more:
            return "consistent", 0.0, lo_m - iv.high
        return "understated", lo_m - iv.high, 0.0
    return "consistent", 0.0, 0.0


def check_pace_claim(
    data: ControlSeries | History,
    unit: str,
    *,
    km2: float,
    start: dt.date,
    end: dt.date,
    side: str = "russia",
    qualifier: str = "about",
    measure: str = "gained",
    per: str = "period",
    history: History | None = None,
    units: gpd.GeoDataFrame | UnitIndex | None = None,
    within_days: int = 3,
) -> PaceVerdict:
    """Check a claim about pace ("Russia captured about 500 km² in Donetsk in October";
    "advancing 20 km² a day") against a history.

    Parameters
    ----------
    data : ControlSeries or History
        The control series (gross flows; end to end as well with ``history``), or the
        history itself (measured here with ``units``).
    unit : str
        A unit code, or ``UA`` for Ukraine.
    km2 : float, keyword-only
        The claimed figure: km² over the period, or a day or a week (``per``).
    start, end : datetime.date, keyword-only
        The period, both days included (October: 2025-10-01 to 2025-10-31): from the
        map of the day before ``start`` to the map of ``end``.
    side : {"russia", "ukraine"}, keyword-only
        Whose gains the claim states (Ukraine's gains are Russia's losses).
    qualifier : str, keyword-only
        As worded: ``about``, ``more than``, ``less than``, ``exact`` and their aliases
        (:func:`geo.intervals.canonical_qualifier`).
    measure : {"gained", "lost", "net"}, keyword-only
        What the figure is: ground taken ("captured"), ground lost, or the net change.
    per : {"period", "day", "week"}, keyword-only
        The figure is a total over the period, or a rate a day or a week over it.
    history : History, optional, keyword-only
        With a series: the history it was measured from (end-to-end figures).
    units : GeoDataFrame or UnitIndex, optional, keyword-only
        The units (default the built-in ones).
    within_days : int, keyword-only
        How far the maps used end to end may lie from the day before ``start`` and from
        ``end``.

    Returns
    -------
    PaceVerdict
        ``not checkable`` when the history does not cover the period.
    """
    if side not in ("russia", "ukraine"):
        raise FrontlineError(f"side: expected 'russia' or 'ukraine'; got {side!r}.")
    if measure not in MEASURES:
        raise FrontlineError(f"measure: expected one of {', '.join(MEASURES)}; got "
                             f"{measure!r}.")
    if per not in PER:
        raise FrontlineError(f"per: expected one of {', '.join(PER)}; got {per!r}.")
    if start > end:
        raise FrontlineError(f"start: expected a day on or before end ({end}); got {start}.")
    iv = interval_from_claim(qualifier, km2, "km2")
    if iv is None:
        raise FrontlineError("qualifier: 'none' states no figure; a pace claim needs one.")
    if isinstance(data, History):
        from geo.series import control_series

        history = data
        index = _index(units)
        series = control_series(data, index.units, index=index)
    else:
        series = data
        index = _index(units) if history is not None else None  # type: ignore[assignment]
    t = series.table
    if unit not in set(t["code"]):
        raise FrontlineError(f"unit: expected a unit code of the series or UA; got {unit!r}.")
    name = str(t.loc[t["code"] == unit, "name"].iloc[0])
    days = (end - start).days + 1
    scale = {"period": 1.0, "day": 1.0 / days, "week": 7.0 / days}[per]
    first, last = series.dates[0], series.dates[-1]
    nan = math.nan
    common: dict[str, Any] = {"code": unit, "name": name, "side": side, "measure": measure,
                              "per": per, "claim": iv, "start": start, "end": end,
                              "days": days}
    if start - dt.timedelta(days=1) < first or end > last:
        return PaceVerdict(**common, gross_gained_km2=nan, gross_lost_km2=nan, net_km2=nan,
                           e2e_gained_km2=nan, e2e_lost_km2=nan, from_day=None, to_day=None,
                           measured_low=nan, measured_high=nan, verdict="not checkable",
                           off_by_km2=nan, slack_km2=nan, reading="",
                           sentence=f"{_claim_words(common)}: not checkable: the history runs "
                                    f"{first} to {last}, and the period needs the maps of "
                                    f"{start - dt.timedelta(days=1)} to {end}.")
    daily = daily_flows(series, codes=[unit])
    dd = daily["date"].to_numpy(dtype="datetime64[D]")
    inside = (dd >= np.datetime64(start, "D")) & (dd <= np.datetime64(end, "D"))
    g, lo = (float(daily.loc[inside, c].sum()) for c in ("gained_km2", "lost_km2"))
    if side == "ukraine":
        g, lo = lo, g
    eg = el = nan
    from_day = to_day = None
    notes: list[str] = []
    if history is not None and index is not None:
        a, b = start - dt.timedelta(days=1), end
        da, db, pg, pl = _e2e_pairs(history, index, [(a, b)], within_days)[(a, b)]
        if da is not None:
            i = [*map(str, index.codes), "UA"].index(unit)
            eg, el = float(pg[i]), float(pl[i])
            if side == "ukraine":
                eg, el = el, eg
            from_day, to_day = da, db
            notes += [f"end to end from the map of {da} (the period starts after {a})"
                      ] if da != a else []
            notes += [f"end to end to the map of {db} (the period ends on {b})"] if db != b else []
        else:
            notes.append(f"no mapped day within {within_days} days of {a} and {b}: gross "
                         "flows only")
    net = g - lo
    if measure == "net":
        m_lo = m_hi = net
    else:
        gross, e2e = (g, eg) if measure == "gained" else (lo, el)
        m_lo, m_hi = (min(e2e, gross), max(e2e, gross)) if math.isfinite(e2e) else (gross,
                                                                                    gross)
    m_lo, m_hi = m_lo * scale, m_hi * scale
    eps = PRECISION_KM2 if per == "period" else PRECISION_KM2 / 10
    verdict, off, slack = _judge(iv, m_lo, m_hi, eps)
    reading = ""
    if verdict == "consistent" and not slack:
        if measure == "net":
            reading = "net"
        else:
            gross_s = (g if measure == "gained" else lo) * scale
            e2e_s = ((eg if measure == "gained" else el) * scale if math.isfinite(eg)
                     else nan)
            hits = [w for w, v in (("gross", gross_s), ("end to end", e2e_s))
                    if math.isfinite(v) and iv.low - eps <= v <= iv.high + eps]
            reading = " and ".join(hits) if hits else "between end to end and gross"
    common.update(gross_gained_km2=g, gross_lost_km2=lo, net_km2=net, e2e_gained_km2=eg,
                  e2e_lost_km2=el, from_day=from_day, to_day=to_day, measured_low=m_lo,
                  measured_high=m_hi, verdict=verdict, off_by_km2=off, slack_km2=slack,
                  reading=reading, notes=tuple(notes))
    common["sentence"] = _verdict_words(common)
    return PaceVerdict(**common)


_UNIT = {"period": "km²", "day": "km² a day", "week": "km² a week"}


def _claim_words(v: dict[str, Any]) -> str:
    iv: Interval = v["claim"]
    who = "Russia" if v["side"] == "russia" else "Ukraine"
    verb = {"gained": "gained", "lost": "lost", "net": "changed its held ground by"}[
        v["measure"]]
    words = iv.qualifier_text().replace(" km²", "")
    return (f"\"{who} {verb} {words} {_UNIT[v['per']]} in {v['name']}, {v['start']} to "
            f"{v['end']}\" ({iv.range_text().replace(' km²', '')} {_UNIT[v['per']]})")


def _verdict_words(v: dict[str, Any]) -> str:
    unit = _UNIT[v["per"]]
    digits = 0 if v["per"] == "period" else 1
    f = f"{{:,.{digits}f}}"
    if v["measure"] == "net":
        shown = f"net {f.format(v['measured_low'])} {unit}"
    else:
        lo, hi = v["measured_low"], v["measured_high"]
        what = "gained" if v["measure"] == "gained" else "lost"
        noun = "gains" if v["measure"] == "gained" else "losses"
        if math.isfinite(v["e2e_gained_km2"]):
            shown = (f"{f.format(lo)} {unit} {what} end to end ({v['from_day']} -> "
                     f"{v['to_day']}) and {f.format(hi)} {unit} of daily {noun} added up")
        else:
            shown = (f"{f.format(lo)} {unit} of daily {noun} added up (end to end needs "
                     "the history's geometry)")
    head = _claim_words(v)
    if v["verdict"] == "consistent":
        how = f" ({v['reading']})" if v["reading"] else (
            f", looser than worded by {f.format(v['slack_km2'])} {unit}" if v["slack_km2"]
            else "")
        return f"{head}: consistent{how}; the maps show {shown}."
    return (f"{head}: {v['verdict']} by {f.format(v['off_by_km2'])} {unit}; the maps show "
            f"{shown}.")
