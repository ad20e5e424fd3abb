"""The control series on dask-geopandas: the same computation, on any dask cluster.

``engine="dask"`` in :func:`geo.series.control_series` lands here. The days of a history
become a dask-geopandas GeoDataFrame (one row a day: the date, the layer, and the layer
of the day before as WKB so each partition can measure its first day's change), cut
into partitions of consecutive days; every partition runs
:func:`geo.series.measure_chunk` on its days -- keyframe first, then day-to-day changes
-- so the figures equal the local engine's. With no scheduler address a local cluster
is started (threads: the work is GEOS and NumPy, which release the GIL); with
``scheduler="tcp://host:8786"`` any dask cluster runs it. Needs the ``scale`` extra:
``pip install .[scale]``.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.errors import FrontlineError
from geo.history import History, ParsedDay, paused_gc, ragged_arrays
from geo.measure import UnitIndex

__all__ = ["dask_chunks"]


def _require() -> Any:
    try:
        import dask_geopandas
    except ImportError:
        raise FrontlineError(
            "engine 'dask' needs dask-geopandas and distributed: install the scale extra "
            "(`pip install .[scale]`), or use --engine local."
        ) from None
    return dask_geopandas


def _day(date: Any, geom: Any, source: str, grey_hex: str = "") -> ParsedDay:
    coords, rings, polys = ragged_arrays(geom)
    others = (("contested", bytes.fromhex(grey_hex)),) if grey_hex else ()
    return ParsedDay(pd.Timestamp(date).date(), source, coords, rings, polys, (), others)


def _partition(frame: pd.DataFrame, units_wkb: list[str], codes: list[str],
               names: list[str], country: list[str], areas: list[float],
               keyframe_every: int) -> pd.DataFrame:
    """One partition of consecutive days: long rows (day, unit) of km² held/gained/lost."""
    from geo.increment import measure_chunk

    cols = ["day_index", "unit_index", "km2", "gained", "lost", "full", "grey"]
    if not len(frame):
        return pd.DataFrame({c: pd.Series(dtype=float) for c in cols})
    units = gpd.GeoDataFrame({"name_en": names, "country": country,
                              "geodesic_area_km2": areas},
                             geometry=shapely.from_wkb(units_wkb), crs="EPSG:4326",
                             index=pd.Index(codes, name="code"))
    index = UnitIndex(units)
    days = [_day(d, g, s, c) for d, g, s, c in zip(frame["date"], frame.geometry,
                                                    frame["source"], frame["grey_wkb"],
                                                    strict=True)]
    prev = str(frame["prev_wkb"].iloc[0] or "")
    before = _day(frame["date"].iloc[0], shapely.from_wkb(prev), "previous day") if prev else None
    with paused_gc():
        res = measure_chunk(days, index, before=before, keyframe_every=keyframe_every)
    n, u = res["km2"].shape
    return pd.DataFrame({
        "day_index": np.repeat(frame["day_index"].to_numpy(), u).astype(float),
        "unit_index": np.tile(np.arange(u), n).astype(float),
        "km2": res["km2"].ravel(), "gained": res["gained"].ravel(),
        "lost": res["lost"].ravel(), "full": np.repeat(res["full"], u).astype(float),
        "grey": res["grey"].ravel(),
    })


def dask_chunks(history: History, units: gpd.GeoDataFrame, *, partitions: int,
                scheduler: str | None = None,
                keyframe_every: int = 365) -> list[dict[str, Any]]:
    """The results of :func:`geo.series.measure_chunk` per partition, computed by dask.

    Returns one dict in the layout of the local engine (``km2``, ``gained``, ``lost``,
    ``full``, ``changed``, ``notes``, ``grey``) covering every day in order.
    """
    dask_geopandas = _require()
    from dask.distributed import Client, LocalCluster

    days = history.days
    geoms = [d.geometry for d in days]
    frame = gpd.GeoDataFrame({
        "day_index": np.arange(len(days)),
        "date": pd.to_datetime([d.date for d in days]),
        "source": [d.source for d in days],
        "prev_wkb": ["", *shapely.to_wkb(np.asarray(geoms[:-1], dtype=object), hex=True)],
        "grey_wkb": [dict(d.others).get("contested", b"").hex() for d in days],
    }, geometry=geoms, crs="EPSG:4326")
    parts = max(1, min(partitions, len(days)))
    ddf = dask_geopandas.from_geopandas(frame, npartitions=parts, sort=False)
    meta = pd.DataFrame({c: pd.Series(dtype=float)
                         for c in ["day_index", "unit_index", "km2", "gained", "lost", "full",
                                   "grey"]})
    args = (list(shapely.to_wkb(np.asarray(units.geometry.values, dtype=object), hex=True)),
            [str(c) for c in units.index], [str(n) for n in units["name_en"]],
            [str(c) for c in units["country"]],
            [float(a) for a in UnitIndex(units).area_km2], keyframe_every)
    work = ddf.map_partitions(_partition, *args, meta=meta)
    if scheduler:
        with Client(scheduler) as client:
            long = client.compute(work).result()
    else:
        with LocalCluster(n_workers=1, threads_per_worker=parts, processes=False,
                          dashboard_address=None) as cluster, Client(cluster):
            long = work.compute()
    n, u = len(days), len(units)
    long = long.sort_values(["day_index", "unit_index"])
    shape = (n, u)
    return [{
        "km2": long["km2"].to_numpy().reshape(shape),
        "gained": long["gained"].to_numpy().reshape(shape),
        "lost": long["lost"].to_numpy().reshape(shape),
        "full": long["full"].to_numpy().reshape(shape)[:, 0].astype(bool),
        "grey": long["grey"].to_numpy().reshape(shape),
        "changed": np.zeros(n, dtype=np.int64),
        "notes": [],
    }]
