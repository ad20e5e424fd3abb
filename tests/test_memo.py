"""Explicit memo: keys are content, so equal inputs share and changed inputs never collide."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.errors import FrontlineError
from geo.memo import Memo, digest


def test_digest_follows_content_not_identity() -> None:
    a, b = box(0, 0, 1, 1), box(0, 0, 1, 1)
    assert a is not b and digest(a) == digest(b)
    assert digest(a) != digest(box(0, 0, 1, 1.000001))
    f1 = gpd.GeoDataFrame({"x": [1]}, geometry=[a], crs=4326)
    f2 = f1.copy()
    assert digest(f1) == digest(f2)
    f2.loc[0, "x"] = 2
    assert digest(f1) != digest(f2)
    assert digest({"a": 1, "b": 2}) == digest({"b": 2, "a": 1})
    assert digest((1, "1")) != digest(("1", 1))


def test_memo_reuses_and_bounds() -> None:
    memo = Memo(max_entries=2)
    calls = []

    def compute(x: int) -> int:
        calls.append(x)
        return x * x

    assert memo.get_or_compute("sq", 3, compute=lambda: compute(3)) == 9
    assert memo.get_or_compute("sq", 3, compute=lambda: compute(3)) == 9
    assert calls == [3] and (memo.hits, memo.misses) == (1, 1)
    memo.get_or_compute("sq", 4, compute=lambda: compute(4))
    memo.get_or_compute("sq", 5, compute=lambda: compute(5))  # drops 3, the oldest
    memo.get_or_compute("sq", 3, compute=lambda: compute(3))
    assert calls == [3, 4, 5, 3] and len(memo) == 2
    with pytest.raises(FrontlineError, match="max_entries"):
        Memo(max_entries=0)
