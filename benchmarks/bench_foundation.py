"""Speed figures for the foundation: loading the boundary layer, areas, name lookups.

Run: ``.venv/bin/python benchmarks/bench_foundation.py``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _time(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs) * 1000, min(runs) * 1000


def main() -> None:
    from geo import boundaries
    from geo.areas import equal_area_km2, geodesic_area_km2
    from geo.gazetteer import Gazetteer, resolve

    # Cold load in a fresh interpreter (imports excluded): what a CLI call pays.
    code = (
        "import time; import geo.boundaries as b; t=time.perf_counter(); b.load_units(); "
        "print((time.perf_counter()-t)*1000)"
    )
    cold = [
        float(subprocess.check_output([sys.executable, "-c", code], cwd=ROOT)) for _ in range(3)
    ]
    print(f"load_units cold (fresh process): median {statistics.median(cold):.1f} ms")

    def uncached() -> None:
        boundaries._read_layer.cache_clear()
        boundaries.load_units()

    med, best = _time(uncached)
    print(f"load_units uncached (warm interpreter): median {med:.1f} ms, best {best:.1f} ms")
    med, best = _time(boundaries.load_units)
    print(f"load_units cached copy: median {med:.2f} ms")
    units = boundaries.load_units()
    med, _ = _time(lambda: geodesic_area_km2(units))
    print(
        f"geodesic_area_km2, 30 units ({units.count_coordinates().sum():,} vertices): {med:.1f} ms"
    )
    med, _ = _time(lambda: equal_area_km2(units))
    print(f"equal_area_km2 (densify + project), 30 units: {med:.1f} ms")
    med, _ = _time(lambda: Gazetteer(boundaries.load_unit_table()))
    print(f"build gazetteer: {med:.2f} ms")
    names = ["Zaporozhye", "Kiev region", "Donbas", "Донецька область", "Odessa"] * 200
    med, _ = _time(lambda: [resolve(n) for n in names])
    print(f"resolve: {med / len(names) * 1000:.1f} µs per name")
    sizes = {p.name: p.stat().st_size for p in (ROOT / "data" / "boundaries").iterdir()}
    print(
        "committed boundary data:",
        ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sorted(sizes.items())),
        f"(total {sum(sizes.values()) / 1024:.0f} KiB)",
    )


if __name__ == "__main__":
    main()
