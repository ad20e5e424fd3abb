"""Report files: news reports and their claims as validated data.

A report file (``data/reports/*.yaml``, format in ``docs/report-format.md`` and
``data/reports/schema.json``) describes one news report and the claims it states.
The package has one module per concept: :mod:`~geo.reports.model` (the data classes),
:mod:`~geo.reports.yamltree` (safe YAML with line numbers),
:mod:`~geo.reports.validate` (schema and semantic checks, every problem with
``file:line`` and field) and :mod:`~geo.reports.load` (files and folders).
"""

from geo.reports.load import (
    load_report,
    load_reports,
    parse_report_text,
    report_paths,
    save_report_text,
    user_reports_dir,
)
from geo.reports.model import (
    ACTORS,
    CLAIM_KINDS,
    CONTROL_KINDS,
    DEMAND_KINDS,
    PACE_KINDS,
    PACE_MEASURES,
    PACE_PER,
    REPORTS_DIR,
    SCHEMA_PATH,
    Claim,
    Facility,
    Report,
    ReportSet,
    find_report,
)
from geo.reports.validate import load_schema

__all__ = [
    "REPORTS_DIR", "SCHEMA_PATH", "CLAIM_KINDS", "CONTROL_KINDS", "DEMAND_KINDS", "ACTORS",
    "PACE_KINDS", "PACE_MEASURES", "PACE_PER",
    "Facility", "Claim", "Report", "ReportSet", "find_report", "load_schema",
    "load_report", "load_reports", "parse_report_text", "report_paths", "save_report_text",
    "user_reports_dir",
]
