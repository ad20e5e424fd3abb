"""Size and build time of each built-in report's map page, in-process.

Run: ``.venv/bin/python benchmarks/bench_app.py``. Prints figures; asserts nothing.
The app in a browser (first map, payload over the wire, compare) is
``bench_browser.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def payloads() -> None:
    from geo.boundaries import load_units
    from geo.cities import load_cities
    from geo.layerset import Atlas
    from geo.reports import load_reports
    from layers.map import page_html
    from layers.report_map import report_map

    units, cities, reports = load_units(), load_cities(), load_reports()
    atlas = Atlas(reports, units)
    for rid in reports.ids:
        t0 = time.perf_counter()
        ls = atlas.layerset(rid)
        t1 = time.perf_counter()
        html = page_html(report_map(ls, units, cities))
        t2 = time.perf_counter()
        print(
            f"{rid}: layer set {1000 * (t1 - t0):,.0f} ms, map HTML {1000 * (t2 - t1):,.0f} ms, "
            f"payload {len(html.encode()) / 1024:,.0f} KiB"
        )


if __name__ == "__main__":
    payloads()
