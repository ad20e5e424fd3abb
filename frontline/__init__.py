"""Frontline Atlas: territorial-control claims about the Russia-Ukraine war as map layers.

From Python, ``import frontline as fa`` (the verbs of :mod:`frontline.api`)::

    import frontline as fa

    fa.reports()                                    # the reports, a DataFrame
    r1 = fa.report("R1")                            # its claims per unit, findings
    layer = fa.read_control("day.geojson")          # mapped control, a GeoDataFrame
    fa.measure(layer)                               # km² and share per unit
    print(fa.verify("R1", layer))                   # a verdict a claim, in words
    history = fa.read_history("archive/")           # one row a day
    fa.series(history)                              # km² and share per day and unit
    fa.zones("R5", control=history)                 # the zones a report implies
    fa.change(history, "2025-09-01", "2025-10-01")  # the ground that changed hands
    print(fa.pace(history, ["Donetsk", "UA"]))      # how fast, and where it leads

Areas are km², shares percent, geometries EPSG:4326, dates datetime64. From a shell,
the same through ``frontline`` (:mod:`frontline.cli`). Importing the package is cheap:
the verbs load the geometry stack when first used.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported: `frontline --help` stays quick
if TYPE_CHECKING:
    from typing import Any

    from frontline.api import (
        NEAR_DAYS,
        Change,
        Ledger,
        Pace,
        Report,
        Verdict,
        Verdicts,
        change,
        extract,
        ingest,
        measure,
        pace,
        read_control,
        read_history,
        report,
        reports,
        series,
        verify,
        write_geojson,
        write_synthetic_history,
        zones,
    )

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


def __getattr__(name: str) -> Any:
    """The API's names, imported on first use (``frontline --help`` does not load them)."""
    if name in __all__:
        from frontline import api

        return getattr(api, name)
    if name == "__version__":
        from importlib.metadata import version

        return version("frontline-atlas")
    raise AttributeError(f"module 'frontline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
