"""Comparing snapshots: per-unit deltas between two reports, and a timeline of claims.

Shares are percent of a unit held by its occupier (Russia for ``UA-*`` units, Ukraine
for ``RU-*``), as in :mod:`geo.snapshot`; km² come from official unit areas. A change
counts as *significant* only when the two claimed intervals do not overlap, so rounding
and qualifiers ("more than", "about") are never read as movement of the front.
Geometries (where returned) are the units' EPSG:4326 polygons.
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.reports import Report
from geo.snapshot import snapshot

__all__ = ["compare_snapshots", "timeline", "DELTA_COLUMNS"]

#: Columns of :func:`compare_snapshots` (plus ``geometry``).
DELTA_COLUMNS: tuple[str, ...] = (
    "name_en",
    "held_by",
    "report_a",
    "report_b",
    "share_a",
    "share_b",
    "share_a_low",
    "share_a_high",
    "share_b_low",
    "share_b_high",
    "delta_share_pct",
    "delta_km2",
    "direction",
    "significant",
    "status_a",
    "status_b",
    "source_a",
    "source_b",
)


def _has(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").notna()


def compare_snapshots(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Per-unit change in claimed share from snapshot ``a`` to snapshot ``b``.

    Parameters
    ----------
    a, b : GeoDataFrame
        Snapshots from :func:`geo.snapshot.snapshot` (index ``code``).

    Returns
    -------
    GeoDataFrame
        Index ``code`` (units in either snapshot), columns :data:`DELTA_COLUMNS`:
        central shares (``share_a``, ``share_b``, percent), bounds, ``delta_share_pct``
        (b - a, points), ``delta_km2`` (b - a, km² from official areas),
        ``direction`` (``"up"``, ``"down"``, ``"unchanged"``, ``"new claim"``,
        ``"claim dropped"``, ``"stale"``, ``"no claim"``) and ``significant`` (intervals
        disjoint). A claim ``stale`` in a snapshot (older than
        :data:`geo.snapshot.STALE_AFTER_DAYS`) is not in force there: it is compared with
        nothing (``"stale"`` where ``b``'s claim is an old one, ``"new claim"`` where only
        ``a``'s is, no delta).
    """
    codes = a.index.union(b.index, sort=False)
    a = a.reindex(codes)
    b = b.reindex(codes)
    out = pd.DataFrame(index=codes)
    out.index.name = "code"
    out["name_en"] = a["name_en"].fillna(b["name_en"])
    out["held_by"] = a["held_by"].fillna(b["held_by"])
    out["report_a"] = a.attrs.get("report_id") or a["as_of"].dropna().iloc[0]
    out["report_b"] = b.attrs.get("report_id") or b["as_of"].dropna().iloc[0]
    for side, snap in (("a", a), ("b", b)):
        out[f"share_{side}"] = pd.to_numeric(snap["share_central"], errors="coerce")
        out[f"share_{side}_low"] = pd.to_numeric(snap["share_low"], errors="coerce")
        out[f"share_{side}_high"] = pd.to_numeric(snap["share_high"], errors="coerce")
        out[f"status_{side}"] = snap["status"].fillna("no_claim")
        src = snap["report_id"].astype("object")
        # a claim carried from a draft nobody reviewed is marked where it is named
        unreviewed = snap["interval_text"].astype("object").fillna("").str.contains(
            "(unreviewed, from ", regex=False)
        src = src.where(~unreviewed, src.astype(str) + " (unreviewed)")
        # an old claim only shown, not in force
        src = src.where(snap["status"] != "stale", src.astype(str) + " (stale)")
        out[f"source_{side}"] = src.where(src.notna(), None)
    out["delta_share_pct"] = (out["share_b"] - out["share_a"]).round(3)
    km2_a = pd.to_numeric(a["km2_central"], errors="coerce")
    km2_b = pd.to_numeric(b["km2_central"], errors="coerce")
    out["delta_km2"] = (km2_b - km2_a).round(1)
    # an old claim (stale) is shown with its figures but is in force in neither snapshot
    stale_a, stale_b = out["status_a"] == "stale", out["status_b"] == "stale"
    has_a = _has(out["share_a"]) & ~stale_a
    has_b = _has(out["share_b"]) & ~stale_b
    both = has_a & has_b
    out["delta_share_pct"] = out["delta_share_pct"].where(both)
    out["delta_km2"] = out["delta_km2"].where(both)
    direction = np.select(
        [
            stale_b,
            has_a & has_b & (out["delta_share_pct"] > 1e-9),
            has_a & has_b & (out["delta_share_pct"] < -1e-9),
            has_a & has_b,
            ~has_a & has_b,
            has_a & ~has_b,
        ],
        ["stale", "up", "down", "unchanged", "new claim", "claim dropped"],
        default="no claim",
    )
    out["direction"] = direction
    disjoint = (out["share_b_low"] > out["share_a_high"]) | (
        out["share_b_high"] < out["share_a_low"]
    )
    out["significant"] = (disjoint & has_a & has_b).astype(bool)
    geometry = a.geometry.where(a.geometry.notna(), b.geometry)
    return gpd.GeoDataFrame(out[list(DELTA_COLUMNS)], geometry=geometry.values, crs=a.crs or b.crs)


def timeline(reports: Iterable[Report], units: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Every unit's claimed share as of every report, long form, oldest report first.

    Returns
    -------
    pandas.DataFrame
        Columns ``report_id``, ``date`` (datetime; a month-precision date is the first of
        its month), ``date_text``, ``outlet``, ``code``, ``name_en``, ``share_low``,
        ``share_high``, ``share_central`` (percent), ``status``; one row per report and
        unit that has a claim in force (stated or carried forward, not stale) by then.
    """
    reps = sorted(reports, key=lambda r: r.sort_key)
    frames = []
    for rep in reps:
        snap = snapshot(rep.id, reps, units)
        # (a stale claim is no longer in force: not a point of the report's line)
        snap = snap[~snap["status"].isin(["no_claim", "stale"])]
        frames.append(
            pd.DataFrame(
                {
                    "report_id": rep.id,
                    "date": pd.Timestamp(rep.sort_key[0]),
                    "date_text": rep.date_text,
                    "outlet": rep.outlet,
                    "code": snap.index,
                    "name_en": snap["name_en"].to_numpy(),
                    "share_low": pd.to_numeric(snap["share_low"]).to_numpy(),
                    "share_high": pd.to_numeric(snap["share_high"]).to_numpy(),
                    "share_central": pd.to_numeric(snap["share_central"]).to_numpy(),
                    "status": snap["status"].to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
