"""Explicit memoization keyed by content.

Derived layers are expensive (a schematic growth order is a raster flood; a layer set is
seconds of work), and the same request recurs: the held zones, the uncertainty band and
the checks of one report all ask for the growth order of Donetsk. Nothing in ``geo/``
keeps a hidden module-level cache; instead a caller that wants reuse creates a
:class:`Memo` and passes it down (``memo=``). Keys are built from *content*:
:func:`digest` hashes geometries by their WKB, frames by their values, reports by the
digest of their text, so two equal inputs share a result and a changed input never
hits a stale one.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.errors import FrontlineError

__all__ = ["Memo", "digest"]

T = TypeVar("T")


def _feed(h: Any, part: object) -> None:
    if part is None:
        h.update(b"\x00none")
    elif isinstance(part, BaseGeometry):
        h.update(b"\x01")
        h.update(shapely.to_wkb(part))
    elif isinstance(part, gpd.GeoDataFrame | gpd.GeoSeries):
        h.update(b"\x02")
        geoms = part.geometry if isinstance(part, gpd.GeoDataFrame) else part
        for g in shapely.to_wkb(np.asarray(geoms.values)):
            h.update(g or b"")
        h.update(repr(list(part.index)).encode())
        if isinstance(part, gpd.GeoDataFrame):
            other = part.drop(columns=part.geometry.name)
            h.update(pd.util.hash_pandas_object(other.astype(str), index=True).to_numpy().tobytes())
    elif isinstance(part, pd.DataFrame | pd.Series):
        h.update(b"\x03")
        h.update(pd.util.hash_pandas_object(part.astype(str), index=True).to_numpy().tobytes())
    elif isinstance(part, bytes | bytearray):
        h.update(b"\x04")
        h.update(bytes(part))
    elif isinstance(part, tuple | list):
        h.update(b"\x05")
        for p in part:
            _feed(h, p)
    elif isinstance(part, dict):
        h.update(b"\x06")
        for k in sorted(part, key=str):
            _feed(h, str(k))
            _feed(h, part[k])
    else:
        h.update(b"\x07")
        h.update(repr(part).encode())


def digest(*parts: object) -> str:
    """A SHA-1 hex digest of the content of ``parts``.

    Geometries are hashed by their WKB, (Geo)DataFrames by index, geometry and values,
    bytes as they are, containers element by element, anything else by ``repr``.
    """
    h = hashlib.sha1()
    for p in parts:
        _feed(h, p)
    return h.hexdigest()


class Memo:
    """A bounded, least-recently-used store of derived results, keyed by content.

    Parameters
    ----------
    max_entries : int, keyword-only
        Entries kept per namespace; the least recently used is dropped beyond it.

    Examples
    --------
    >>> memo = Memo()
    >>> memo.get_or_compute("square", 3, compute=lambda: 9)
    9
    >>> memo.hits, memo.misses
    (0, 1)
    """

    def __init__(self, *, max_entries: int = 256) -> None:
        if max_entries < 1:
            raise FrontlineError(f"max_entries: expected at least 1; got {max_entries!r}.")
        self.max_entries = max_entries
        self._store: dict[str, OrderedDict[Hashable, object]] = {}
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, namespace: str, key: Hashable, *, compute: Callable[[], T]) -> T:
        """The stored result for ``(namespace, key)``, computing and storing it if absent."""
        store = self._store.setdefault(namespace, OrderedDict())
        if key in store:
            store.move_to_end(key)
            self.hits += 1
            return store[key]  # type: ignore[return-value]
        self.misses += 1
        value = compute()
        store[key] = value
        if len(store) > self.max_entries:
            store.popitem(last=False)
        return value

    def __len__(self) -> int:
        return sum(len(s) for s in self._store.values())

    def clear(self) -> None:
        """Drop every stored result."""
        self._store.clear()


def memoized(memo: Memo | None, namespace: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``memo.get_or_compute(...)``, or just ``compute()`` when there is no memo."""
    if memo is None:
        return compute()
    return memo.get_or_compute(namespace, key, compute=compute)


__all__ += ["memoized"]
