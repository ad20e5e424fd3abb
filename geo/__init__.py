"""Frontline Atlas computation: pure functions on GeoDataFrames, no UI.

Every public area in this package is in square kilometres (km²); every public
geometry is in EPSG:4326 (WGS84 lon/lat) unless a function says otherwise.
Regions are keyed by ISO 3166-2 code (``UA-14`` is Donetsk oblast).
"""

from pathlib import Path

#: Root of the committed data (boundaries, reports).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

__all__ = ["DATA_DIR"]
