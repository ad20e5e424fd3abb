"""The ledger of a report set: every claim of loaded reports against mapped control.

:func:`geo.ledger.ledger` checks articles read by ``frontline ingest``; this module gives
the same rows (columns :data:`geo.ledger.LEDGER_COLUMNS`) for reports already loaded --
the built-in ones and the user's saved drafts, as the app has them -- so both ledgers
read alike. Each report is checked against the mapped day of a history nearest its date
(:meth:`geo.layerset.Atlas.verify_history`), or every report against one layer
(:meth:`geo.layerset.Atlas.verify`); only its own claims, never the ones it carries
forward.

Units: ``claimed`` is the claim's interval as worded; ``measured_pct`` is percent of the
unit's polygon (of Ukraine's official area for the country), ``measured_km2`` and
``off_by_km2`` are km², ``off_by_points`` percentage points, ``days_apart`` days from the
day the report speaks of (its date, or the 15th of a report dated to the month) to the
mapped day (negative: the map is earlier).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from geo.control import ControlLayer
from geo.errors import FrontlineError
from geo.history import History
from geo.layerset import NEAR_DAYS, Atlas, report_target
from geo.ledger import LEDGER_COLUMNS, SUMMARY_COLUMNS, outlet_summary
from geo.reports import Report

__all__ = ["report_ledger", "report_summary", "date_source", "LEDGER_COLUMNS",
           "SUMMARY_COLUMNS"]


def date_source(report: Report) -> str:
    """Where a report's date comes from, for the ledger's ``date_from`` column.

    Examples
    --------
    >>> import datetime as dt
    >>> from geo.reports import Report
    >>> r = Report(id="R9", title="t", outlet="o", date=dt.date(2025, 10, 1),
    ...            date_text="2025-10", date_precision="month", context="c", claims=())
    >>> date_source(r)
    "the report's date (month)"
    """
    return f"the report's date ({report.date_precision})"


def _verdicts(atlas: Atlas, ids: Sequence[str], history: History | None,
              control: ControlLayer | None, within_days: int) -> pd.DataFrame:
    """The verdict rows of the reports ``ids`` with ``snapshot_date`` and ``days_apart``."""
    if history is not None:
        return atlas.verify_history(history, within_days=within_days, report_ids=ids)
    if control is None:
        raise FrontlineError("report_ledger: expected a history (history=) or one layer "
                             "(control=) to check the claims against; got neither. Claims "
                             "are checked only against mapped control, never against "
                             "schematic zones.")
    frames = []
    for rid in ids:
        v = atlas.verify(rid, control, carried=False)
        if not len(v):
            continue
        target, _extra = report_target(atlas.report(rid))
        v["snapshot_date"] = control.date
        v["days_apart"] = (float((control.date - target).days) if control.date is not None
                           else np.nan)
        frames.append(v)
    return pd.concat(frames) if frames else pd.DataFrame()


def report_ledger(atlas: Atlas, *, history: History | None = None,
                  control: ControlLayer | None = None, within_days: int = NEAR_DAYS,
                  report_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per claim of the reports, checked against mapped control.

    Parameters
    ----------
    atlas : Atlas
        The reports (all of them) and units; its memo keeps what was measured.
    history : History, optional, keyword-only
        Each report is checked against its day nearest the report's date (within
        ``within_days``, 15 more for a report dated to the month); a report with none
        gets ``not checkable`` rows saying so. Wins over ``control``.
    control : ControlLayer, optional, keyword-only
        One layer every report is checked against (``map_day`` its date).
    within_days : int, keyword-only
        How far a history's day may be from a report's date (days).
    report_ids : sequence of str, optional, keyword-only
        The reports to check, in this order; default every report of the atlas.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.ledger.LEDGER_COLUMNS`: ``article`` is the report's title,
        ``outlet``, ``date`` and ``report_id`` the report's, ``date_from`` says the date
        is the report's own (:func:`date_source`). Units: see the module.

    Raises
    ------
    FrontlineError
        Neither ``history`` nor ``control`` given (schematic zones are no evidence).
    """
    ids = list(report_ids) if report_ids is not None else list(atlas.reports.ids)
    for rid in ids:
        atlas.report(rid)  # an unknown id is named before any work
    v = _verdicts(atlas, ids, history, control, within_days)
    rows = []
    for r in v.to_dict("records") if len(v) else []:
        report = atlas.report(str(r["report_id"]))
        day = r.get("snapshot_date")
        rows.append({
            "article": report.title, "outlet": report.outlet, "date": report.date_text,
            "date_from": date_source(report), "report_id": report.id,
            "claim_id": r["claim_id"], "kind": r["kind"], "side": r["side"],
            "code": r["code"], "name": r["name"], "claimed": r["claim_text"],
            "measured_pct": r["measured_pct"], "measured_km2": r["measured_km2"],
            "verdict": r["verdict"], "off_by_points": r["off_by_points"],
            "off_by_km2": r["off_by_km2"],
            "map_day": day.isoformat() if isinstance(day, dt.date) else None,
            "days_apart": r.get("days_apart"), "reason": r["reason"],
        })
    return pd.DataFrame(rows, columns=list(LEDGER_COLUMNS))


def report_summary(rows: pd.DataFrame, reports: Iterable[Report]) -> pd.DataFrame:
    """Per outlet of ``reports``: reports (``articles``), claims, checked, each verdict and
    the median points off of the claims found off (:func:`geo.ledger.outlet_summary`),
    columns :data:`geo.ledger.SUMMARY_COLUMNS`."""
    return outlet_summary(rows, tuple(reports))
