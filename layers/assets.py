"""Local copies of the Leaflet assets, so maps draw with no internet.

folium loads Leaflet and friends from public CDNs; offline (and in CI) the map is then
blank. Streamlit serves files in ``static/`` next to ``app.py`` at ``/app/static/``
(``enableStaticServing`` in ``.streamlit/config.toml``). :func:`ensure_static` copies
Leaflet 1.9.3 from the ``xstatic-leaflet`` package there, and :func:`use_local_assets`
points a folium map at those copies instead of the CDNs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import folium

__all__ = ["STATIC_DIR", "STATIC_URL", "ensure_static", "use_local_assets", "LEAFLET_FILES"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_URL = "/app/static"
LEAFLET_FILES = ("leaflet.js", "leaflet.css")


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xleaflet

    return Path(xleaflet.BASE_DIR)


def ensure_static(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet's script, style sheet and images into ``static_dir`` if missing.

    Returns
    -------
    Path
        ``static_dir``.
    """
    src = _leaflet_dir()
    static_dir.mkdir(parents=True, exist_ok=True)
    for name in LEAFLET_FILES:
        target = static_dir / name
        if not target.exists() or target.stat().st_size != (src / name).stat().st_size:
            shutil.copyfile(src / name, target)
    images = static_dir / "images"
    if not images.exists():
        shutil.copytree(src / "images", images)
    return static_dir


def use_local_assets(m: folium.Map, *, base_url: str = STATIC_URL) -> folium.Map:
    """Make ``m`` load Leaflet from ``base_url`` and nothing from CDNs.

    Only Leaflet itself is kept: the layers of this project use no jQuery, Bootstrap
    or awesome-markers (cities are circle markers, not icon markers).
    """
    m.default_js = [("leaflet", f"{base_url}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{base_url}/leaflet.css")]
    return m


if __name__ == "__main__":  # `python -m layers.assets`: used by the set-up command
    print(f"Leaflet assets in {ensure_static()}")
