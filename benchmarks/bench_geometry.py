"""Timings of the geometry engine (issue 4): schematic zones and `measure`. Not a test.

Run: ``.venv/bin/python benchmarks/bench_geometry.py``. Prints, per unit, the target and
achieved share and the time to grow its zone from a cold cache (raster, growth surface,
flood order, tuning) and warm (tuning only); then the same for every share end of every
built-in report; then `measure` on a control layer made of those zones.
"""

from __future__ import annotations

import json
import time

import shapely
from shapely.geometry import mapping

from geo.boundaries import load_units
from geo.control import load_control
from geo.measure import UnitIndex, measure_control
from geo.memo import Memo
from geo.schematic import schematic_zones

TYPICAL = {
    "UA-43": 100.0,
    "UA-40": 100.0,
    "UA-09": 98.0,
    "UA-14": 80.0,
    "UA-65": 70.0,
    "UA-23": 70.0,
    "UA-63": 5.0,
    "UA-48": 1.0,
}


def _per_unit(units: object) -> None:
    print(f"{'code':6} {'target':>7} {'achieved':>9} {'km2':>9} {'cold ms':>8} {'warm ms':>8}")
    total_cold = total_warm = 0.0
    held: dict[str, float] = {}
    for code, share in TYPICAL.items():
        held[code] = share
        memo = Memo()
        t0 = time.perf_counter()
        z = schematic_zones({code: share}, units, memo=memo)  # type: ignore[arg-type]
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        # warm: another share of the same unit reuses its growth order (tuning only)
        schematic_zones({code: min(share + 0.5, 100.0)}, units, memo=memo)  # type: ignore[arg-type]
        warm = time.perf_counter() - t0
        total_cold += cold
        total_warm += warm
        row = z.loc[code]
        print(
            f"{code:6} {share:7.2f} {row.share_pct:9.3f} {row.area_km2:9,.0f} "
            f"{cold * 1e3:8.0f} {warm * 1e3:8.0f}"
        )
    print(f"{'total':6} {'':7} {'':9} {'':9} {total_cold * 1e3:8.0f} {total_warm * 1e3:8.0f}")


def _reports(units: object) -> float:
    from geo.reports import load_reports
    from geo.snapshot import snapshot

    reports = load_reports()
    memo = Memo()  # as the app's atlas: growth orders shared between reports
    worst = 0.0
    print("\nbuilt-in reports: every unit, low/central/high ends")
    for rep in sorted(r.id for r in reports):
        snap = snapshot(rep, reports)
        rows = snap[
            (snap["held_by"] == "russia")
            & snap["share_central"].notna()
            & snap.index.str.startswith("UA-")
        ]
        for end in ("share_low", "share_central", "share_high"):
            shares = {str(c): float(v) for c, v in rows[end].items()}
            if not shares:
                continue
            t0 = time.perf_counter()
            z = schematic_zones(shares, units, memo=memo)  # type: ignore[arg-type]
            dt = time.perf_counter() - t0
            err = (z["share_pct"] - z["target_share_pct"]).abs()
            worst = max(worst, float(err.max()))
            parts = ", ".join(
                f"{c} {t:.1f}->{a:.2f}"
                for c, t, a in zip(z.index, z.target_share_pct, z.share_pct, strict=True)
            )
            print(f"{rep} {end:13} {dt * 1e3:6.0f} ms  {parts}")
    print(f"largest |achieved - target| over all reports: {worst:.3f} points")
    return worst


def _measure(units: object) -> None:
    zones = schematic_zones(TYPICAL, units)  # type: ignore[arg-type]
    geom = shapely.union_all(list(zones.geometry.values))
    doc = json.dumps({"type": "Feature", "properties": {}, "geometry": mapping(geom)}).encode()
    t0 = time.perf_counter()
    control = load_control(doc)
    t1 = time.perf_counter()
    result = measure_control(control, units)  # type: ignore[arg-type]
    t2 = time.perf_counter()
    index = UnitIndex(units)  # type: ignore[arg-type]
    t3 = time.perf_counter()
    measure_control(control, index)
    t4 = time.perf_counter()
    n = shapely.get_num_coordinates(control.geometry("russia"))
    print(
        f"\nmeasure: load_control {1e3 * (t1 - t0):.0f} ms, measure_control "
        f"{1e3 * (t2 - t1):.0f} ms with the unit frame ({1e3 * (t3 - t2):.0f} ms of it "
        f"preparing the units), {1e3 * (t4 - t3):.0f} ms with the units prepared "
        f"({n:,} vertices, 30 units); total "
        f"{result.total_controlled_km2:,.0f} km² = {result.total_share_pct:.2f} % of Ukraine"
    )


def main() -> None:
    units = load_units()
    _per_unit(units)
    _reports(units)
    _measure(units)


if __name__ == "__main__":
    main()
