"""Build small report objects for tests from compact claim descriptions."""

from __future__ import annotations

import datetime as dt

import yaml

from geo.reports import Report, parse_report_text

TODAY = dt.date(2026, 1, 1)


def make_report(report_id: str, date: str, claims: list[dict[str, object]]) -> Report:
    """A validated report; claim ids are numbered ``<id>-c1``... unless given."""
    full = []
    for i, c in enumerate(claims, start=1):
        d = {"id": f"{report_id}-c{i}", "actor": "russia", "paraphrase": "test claim"}
        d.update(c)
        full.append(d)
    doc = {"id": report_id, "title": "t", "outlet": f"outlet {report_id}", "date": date,
           "date_precision": "day" if len(date) == 10 else "month", "context": "c",
           "claims": full}
    return parse_report_text(yaml.safe_dump(doc, sort_keys=False), where=report_id,
                             today=TODAY)


def share(units: list[str], qualifier: str, figure: float | None = None,
          **extra: object) -> dict[str, object]:
    """A control_share claim (percent)."""
    c: dict[str, object] = {"kind": "control_share", "units": units, "qualifier": qualifier}
    if figure is not None:
        c.update(figure=figure, figure_unit="percent")
    c.update(extra)
    return c
