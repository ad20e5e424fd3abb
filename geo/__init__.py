"""Frontline Atlas computation: pure functions on GeoDataFrames, no UI.

Every public area in this package is in square kilometres (km²); every public
geometry is in EPSG:4326 (WGS84 lon/lat) unless a function says otherwise.
Regions are keyed by ISO 3166-2 code (``UA-14`` is Donetsk oblast).
"""

from pathlib import Path


def _data_dir() -> Path:
    """The committed data: ``data/`` of the checkout, or ``geo/data/`` where the package
    was installed from a wheel (the build maps ``data/`` there)."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    return installed if (installed / "boundaries").is_dir() else here.parent / "data"


#: Root of the committed data (boundaries, reports).
DATA_DIR = _data_dir()

__all__ = ["DATA_DIR"]
