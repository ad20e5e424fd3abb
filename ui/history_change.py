"""The History view's two-date map and pace: what changed hands between two mapped days,
how fast a unit's held ground moves, and where that pace leads.

*Two days*: typed (``st.date_input``, snapped to the nearest mapped day, which is said)
or slid between the mapped days; the map of the ground gained and lost between them
(:func:`geo.change.change_between`, drawn by :mod:`layers.change` on the offline
basemap), a table of units and one of towns that changed hands, the change as GeoJSON.
The two days are kept in the address (``from``, ``to``: :mod:`ui.urlstate`).

*Pace*: beneath the unit's share chart, net km² per calendar week or month with the
rolling rate over 30, 90 or 365 days (:mod:`geo.pace`), where that pace leads (worded as
an extrapolation, drawn as a dashed extension of the share line), the weeks or months
as CSV and the unit's possible map revisions.

Each result is cached by the history's digest and what was picked, so picking a day
seen before costs a lookup, and a new pair of days its change (~50 ms on 800 days) and
the page filled in (~15 ms).
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.change import Change, change_between
from geo.errors import FrontlineError
from geo.history import History
from geo.pace import Pace
from geo.series import ControlSeries
from layers.change import ChangeMapTemplate
from layers.html import escape_markdown as md
from ui import data, pages, urlstate
from ui.common import show_table

__all__ = ["two_days", "pace_panel", "snap", "unit_table", "town_table", "change_geojson",
           "FROM_KEY", "TO_KEY", "WINDOW_KEY", "PERIOD_KEY"]

#: Session keys of the two mapped days (ISO dates; in the address as ``from`` and ``to``).
FROM_KEY, TO_KEY = "history_from", "history_to"
#: The widgets: the typed dates and the range slider (its key, with a number after it).
_FROM_DATE, _TO_DATE, _SPAN = "history_from_date", "history_to_date", "history_span"
#: A note on a date moved to the nearest mapped day (or two dates swapped).
_NOTE = "history_span_note"
#: Keys of the pace's window and period.
WINDOW_KEY, PERIOD_KEY = "pace_window", "pace_period"
_WINDOWS = {"30": "30 days", "90": "90 days", "365": "year"}
_PERIODS = {"week": "weeks", "month": "months"}
#: The first day's default: this many days before the last mapped day.
DEFAULT_SPAN_DAYS = 30
#: A km² change of a unit smaller than this is left out of the table.
_SHOWN_KM2 = 0.005


def snap(dates: list[dt.date], date: dt.date) -> dt.date:
    """The mapped day of ``dates`` (sorted) nearest ``date``; an earlier one wins a tie
    (as :meth:`geo.history.History.nearest`)."""
    i = bisect.bisect_left(dates, date)
    near = [k for k in (i - 1, i) if 0 <= k < len(dates)]
    return dates[min(near, key=lambda k: (abs((dates[k] - date).days), dates[k] > date))]


def _snap_note(which: str, asked: dt.date, got: dt.date) -> str:
    n = (got - asked).days
    return (f"{which}: {asked.isoformat()} is not a mapped day; the nearest, "
            f"{got.isoformat()} ({abs(n)} day{'' if abs(n) == 1 else 's'} "
            f"{'later' if n > 0 else 'earlier'}), is used.")


def _typed(which: str, dates: list[dt.date]) -> None:
    """A date typed or picked in the calendar: the mapped day nearest it is used."""
    asked = st.session_state.get(_FROM_DATE if which == "from" else _TO_DATE)
    if not isinstance(asked, dt.date):
        return
    got = snap(dates, asked)
    st.session_state[FROM_KEY if which == "from" else TO_KEY] = got.isoformat()
    st.session_state[_NOTE] = ("" if got == asked else
                               _snap_note("From" if which == "from" else "To", asked, got))


def _slid(key: str) -> None:
    """The range slider (widget ``key``) moved: its two mapped days are used."""
    span = st.session_state.get(key)
    if isinstance(span, tuple | list) and len(span) == 2:
        st.session_state[FROM_KEY], st.session_state[TO_KEY] = str(span[0]), str(span[1])
        st.session_state[_NOTE] = ""


def _pick_days(dates: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The two days in use: linked in the address (snapped), kept from before, or the
    last mapped day and the one nearest a month before it; the earlier first."""
    notes = []
    defaults = (snap(dates, dates[-1] - dt.timedelta(days=DEFAULT_SPAN_DAYS)), dates[-1])
    picked = []
    for key, which, default in ((FROM_KEY, "From", defaults[0]), (TO_KEY, "To", defaults[1])):
        linked = urlstate.linked(key)
        if linked is not None:
            try:
                asked = dt.date.fromisoformat(linked)
            except ValueError:
                notes.append(f"link: {which.lower()}={linked!r} is not a date; left out.")
            else:
                got = snap(dates, asked)
                st.session_state[key] = got.isoformat()
                if got != asked:
                    notes.append(_snap_note(which, asked, got))
        try:
            day = dt.date.fromisoformat(str(st.session_state.get(key)))
        except ValueError:
            day = default
        if day not in dates:
            day = snap(dates, day) if dates[0] <= day <= dates[-1] else default
        st.session_state[key] = day.isoformat()
        picked.append(day)
    a, b = picked
    if a > b:
        a, b = b, a
        notes.append(f"From ({b}) was after To ({a}): the two are swapped.")
        st.session_state[FROM_KEY], st.session_state[TO_KEY] = a.isoformat(), b.isoformat()
    if notes:
        st.session_state[_NOTE] = " ".join(notes)
    # the typed dates show the days in use (set before they are drawn)
    st.session_state[_FROM_DATE], st.session_state[_TO_DATE] = a, b
    return a, b


def _span_key(a: dt.date, b: dt.date) -> str:
    """The range slider's key: a new one when the days were picked elsewhere (typed,
    linked, swapped), so the slider is drawn anew at them (a range slider takes its
    days from ``value=``, which may not be set beside a value in the session)."""
    gen = int(st.session_state.get(_SPAN + "_gen", 0))
    shown = st.session_state.get(f"{_SPAN}_{gen}")
    if shown is not None and tuple(shown) != (a.isoformat(), b.isoformat()):
        gen += 1
        st.session_state[_SPAN + "_gen"] = gen
    return f"{_SPAN}_{gen}"


@st.cache_data(max_entries=64, show_spinner=False)
def _change(_history: History, digest: str, before: str, after: str) -> Change:
    """The change between two mapped days of the history (once per pair)."""
    # the units as a frame, prepared per call (~2 ms): a prepared index kept across the
    # server's reloads of the project's modules would be of a class no longer imported
    return change_between(_history, data.units(), dt.date.fromisoformat(before),
                          dt.date.fromisoformat(after), within_days=0, cities=data.cities())


@st.cache_resource(max_entries=4, show_spinner=False)
def _template(tiles: bool, contested: bool) -> ChangeMapTemplate:
    """The change map rendered once with the days left open."""
    from layers.change import change_map_template

    return change_map_template(data.units(), contested=contested, web_tiles=tiles)


@st.cache_data(max_entries=64, show_spinner=False)
def _page(_history: History, _held: gpd.GeoDataFrame | None, digest: str, before: str,
          after: str, tiles: bool) -> str:
    """The change map's page of a pair of days (once per pair)."""
    change = _change(_history, digest, before, after)
    return _template(tiles, change.maps_contested).fill(
        change.frame, change.cities, before=before, after=after, held=_held)


def unit_table(change: Change) -> pd.DataFrame:
    """The units whose ground moved (and Ukraine), km² gained, lost and net by Russia
    (the grey zone's too where the days map one), as the view shows them."""
    t = change.totals
    moved = t[["russia_gained_km2", "russia_lost_km2", "contested_gained_km2",
               "contested_lost_km2"]].abs().sum(axis=1)
    shown = t[(moved >= _SHOWN_KM2) | (t.index == "UA")]
    out = pd.DataFrame({
        "unit": [f"{n} ({c})" if c != "UA" else "Ukraine (all units)"
                 for c, n in zip(shown.index, shown["name"], strict=True)],
        "gained km²": shown["russia_gained_km2"].astype(float).round(2).to_numpy(),
        "lost km²": shown["russia_lost_km2"].astype(float).round(2).to_numpy(),
        "net km²": shown["net_km2"].astype(float).round(2).to_numpy(),
        "held before km²": shown["held_before_km2"].astype(float).round(1).to_numpy(),
        "held after km²": shown["held_after_km2"].astype(float).round(1).to_numpy(),
    }, index=pd.Index([str(c) for c in shown.index], name="code"))
    if change.maps_contested:
        out["grey zone grew km²"] = shown["contested_gained_km2"].astype(float).round(2).to_numpy()
        out["grey zone shrank km²"] = shown["contested_lost_km2"].astype(float).round(2).to_numpy()
    return out.reset_index()


def town_table(change: Change) -> pd.DataFrame:
    """The towns that changed hands: name, people, unit, from → to."""
    c = change.cities
    return pd.DataFrame({
        "town": [f"{n} (district)" if s else str(n)
                 for n, s in zip(c["name"], c["is_section"], strict=True)],
        "population": c["population"].astype(int).to_numpy(),
        "unit": c["unit"].astype(str).to_numpy(),
        "from → to": [f"{a} → {b}" for a, b in zip(c["from_state"], c["to_state"],
                                                      strict=True)],
    })


def change_geojson(change: Change) -> str:
    """The change as RFC 7946 GeoJSON (:func:`geo.export.to_geojson`): a feature per unit
    and transition, and a point per town that changed hands, each with the two days."""
    import shapely

    from geo.export import to_geojson

    c = change.cities
    towns = gpd.GeoDataFrame(
        c.drop(columns=["lon", "lat"]).assign(
            kind="town", transition=c["from_state"] + " -> " + c["to_state"],
            from_day=change.before.isoformat(), to_day=change.after.isoformat()),
        geometry=shapely.points(c["lon"].to_numpy(), c["lat"].to_numpy()) if len(c) else [],
        crs="EPSG:4326")
    both = gpd.GeoDataFrame(pd.concat([change.frame.assign(kind="change"), towns],
                                      ignore_index=True), geometry="geometry", crs="EPSG:4326")
    return to_geojson(both, provenance={"source": "Frontline Atlas, History view",
                                        "before_file": change.before_source,
                                        "after_file": change.after_source},
                      name=f"change {change.before} -> {change.after}",
                      members={"before": change.before.isoformat(),
                               "after": change.after.isoformat(),
                               "notes": list(change.notes)})


def two_days(history: History, held: Any, tiles: bool) -> None:
    """The two-date section: the days, the map of what changed hands, the tables.

    ``held(day_text)`` gives a day's mapped layer in display geometry (the History
    view's day frames), drawn pale under the change.
    """
    st.subheader("What changed hands between two days")
    dates = list(history.dates)
    if len(dates) < 2:
        st.caption("The history has one mapped day: two are needed to see what changed.")
        return
    before, after = _pick_days(dates)
    c1, c2, c3 = st.columns([1, 1, 4])
    c1.date_input("From (type a date)", key=_FROM_DATE, min_value=dates[0],
                  max_value=dates[-1], format="YYYY-MM-DD", on_change=_typed,
                  args=("from", dates))
    c2.date_input("To (type a date)", key=_TO_DATE, min_value=dates[0], max_value=dates[-1],
                  format="YYYY-MM-DD", on_change=_typed, args=("to", dates))
    key = _span_key(before, after)
    c3.select_slider("…or slide between the mapped dates", options=[d.isoformat() for d in dates],
                     value=(before.isoformat(), after.isoformat()), key=key, on_change=_slid,
                     args=(key,))
    note = st.session_state.get(_NOTE)
    if note:
        st.caption(md(note))
    if before == after:
        st.info(f"Both dates fall on the mapped day {before}: pick two different days.")
        return
    b, a = before.isoformat(), after.isoformat()
    try:
        change = _change(history, history.digest, b, a)
    except FrontlineError as exc:
        st.error(md(data.public_text(exc, data.reports_dir())))
        return
    frame = held(a)
    page = _page(history, frame[frame["side"] == "russia"] if len(frame) else None,
                 history.digest, b, a, tiles)
    left, right = st.columns([3, 2])
    with left:
        pages.show_page(page, height=480, prefix="change")
    t = change.totals.loc["UA"]
    with right:
        st.markdown(
            f"**{b} → {a}** ({change.days} days): Russia gained "
            f"**{t['russia_gained_km2']:,.1f} km²** and lost **{t['russia_lost_km2']:,.1f} km²**"
            f" of Ukraine, net **{t['net_km2']:+,.1f} km²**"
            + (f"; the grey zone grew by {t['contested_gained_km2']:,.1f} km² and shrank by "
               f"{t['contested_lost_km2']:,.1f} km²" if change.maps_contested else "")
            + f"; {len(change.cities)} town(s) changed hands.")
        show_table(unit_table(change).drop(columns=["code"]), height=330)
        st.caption("Red on the map: ground Russia gained; blue: ground it lost (each piece "
                   "outlined, so a sliver shows); pale: held by Russia on the later day. "
                   "km² are geodesic, from the two days' geometry (not simplified). Units "
                   "where nothing moved are left out.")
    for text in change.notes:
        st.caption(md(text))
    towns = town_table(change)
    if len(towns):
        st.markdown(f"**Towns that changed hands** ({len(towns)}, largest first)")
        show_table(towns, height=300)
    else:
        st.caption("No town of the gazetteer (GeoNames, 1,000+ people) changed hands.")
    st.download_button("Download the change (GeoJSON)", lambda: change_geojson(change),
                       file_name=f"frontline-change-{b}-{a}.geojson",
                       mime="application/geo+json", key="change_geojson", on_click="ignore")


# ---------------------------------------------------------------- pace
@st.cache_data(max_entries=64, show_spinner=False)
def _pace(_series: ControlSeries, digest: str, code: str,
          window: int) -> tuple[Pace, pd.DataFrame]:
    """The unit's pace over the window ending on the last mapped day, and its daily flows."""
    from geo.pace import daily_flows, pace

    # gross flows only: the end-to-end pair of the window (the maps at its two ends
    # compared, ~40 ms) is not shown here
    return (pace(_series, codes=[code], window=window, units=data.units()),
            daily_flows(_series, codes=[code]))


@st.cache_data(max_entries=64, show_spinner=False)
def _pace_rows(_series: ControlSeries, digest: str, code: str, window: int,
               period: str) -> pd.DataFrame:
    from layers.history import pace_rows

    p, daily = _pace(_series, digest, code, window)
    return pace_rows(p.weeks if period == "week" else p.months, daily, window=window)


@st.cache_data(max_entries=64, show_spinner=False)
def _pace_spec(_series: ControlSeries, digest: str, code: str, name: str, window: int,
               period: str) -> dict[str, Any]:
    from layers.history import pace_chart

    rows = _pace_rows(_series, digest, code, window, period)
    # not validated against the Vega-Lite schema on each unit (~70 ms): the chart's spec
    # is validated by its tests (tests/test_layers_history.py)
    spec: dict[str, Any] = pace_chart(rows, name=name, period=period, window=window).to_dict(
        validate=False)
    return spec


def pace_panel(history: History, series: ControlSeries, code: str,
               name: str) -> list[dict[str, Any]]:
    """The pace of unit ``code``: window and period, bars and rolling rate, where the
    pace leads, CSV, possible map revisions. Returns the dashed extension of the share
    line (:func:`layers.history.projection_points`)."""
    from layers.history import projection_points

    if len(series.dates) < 8:
        st.caption("Pace: the history spans under a week; a rate needs more days.")
        return []
    urlstate.apply_choice(WINDOW_KEY, list(_WINDOWS), "90")
    urlstate.apply_choice(PERIOD_KEY, list(_PERIODS), "week")
    c1, c2 = st.columns([1, 1])
    window = int(c1.radio("Pace over", list(_WINDOWS), key=WINDOW_KEY, horizontal=True,
                          format_func=lambda w: f"the last {_WINDOWS[w]}"))
    period = str(c2.radio("Bars per", list(_PERIODS), key=PERIOD_KEY, horizontal=True,
                          format_func=lambda p: f"calendar {p}"))
    try:
        p, _daily = _pace(series, history.digest, code, window)
    except FrontlineError as exc:
        st.caption(md(data.public_text(exc, data.reports_dir())))
        return []
    st.vega_lite_chart(_pace_spec(series, history.digest, code, name, window, period),
                       width="stretch")
    rate = p.rates.iloc[0].to_dict()
    # drawn no further ahead than the history reaches back: the chart at most twice as wide
    span = (series.dates[-1] - series.dates[0]).days
    points = projection_points(rate, horizon=series.dates[-1] + dt.timedelta(days=span))
    st.markdown(md(str(rate["projection"])))
    prev = rate["previous_rate_km2_day"]
    st.caption(
        f"Bars: net km² Russia gained in {md(name)} per calendar {period} (red: a net gain, "
        f"blue: a net loss; pale: a {period} the history covers in part), gross: the daily "
        "gains and losses added up, a gap in the archive spread evenly over the days it "
        f"spans. Line: a whole {period} at the rate of the {window} days to its end. Over "
        f"the {int(rate['days'])} days to {md(str(rate['end']))} the history covers: "
        f"{rate['rate_km2_day']:+,.2f} km² a day"
        + (f" ({prev:+,.2f} the {window} days before)" if prev == prev else "")
        + (". Dashed on the share chart: where that pace leads (drawn as far ahead as the "
           "history reaches back)" if points else "") + ".")
    rows = _pace_rows(series, history.digest, code, window, period)
    st.download_button(f"Download the {period}ly pace (CSV)",
                       lambda: rows.to_csv(index=False, float_format="%.4f").encode(),
                       file_name=f"frontline-pace-{code}-{period}s.csv", mime="text/csv",
                       key="pace_csv", on_click="ignore")
    rev = p.revisions
    if len(rev):
        few = "; ".join(md(t) for t in rev["text"].head(3))
        st.caption(f"Possible map revisions ({len(rev)}): {few}"
                   + (f"; and {len(rev) - 3} more" if len(rev) > 3 else "") + ".")
    return points
