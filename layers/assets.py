"""Local copies of the Leaflet assets, so maps draw with no internet.

folium loads Leaflet and friends from public CDNs; offline (and in CI) the map is then
blank. Streamlit serves files in ``static/`` next to ``app.py`` at ``/app/static/``
(``enableStaticServing`` in ``.streamlit/config.toml``). :func:`ensure_static` copies
Leaflet 1.9.3 from the ``xstatic-leaflet`` package there, and :func:`use_local_assets`
points a folium map at those copies instead of the CDNs.

The one plugin used, Leaflet.draw 1.0.4 (MIT, for sketching proposals on the map), is
not on PyPI; :func:`ensure_draw_plugin` takes it from the npm registry with
``npm pack`` at set-up. Without npm the app still works and says that drawing is off
(:func:`draw_available`); uploading a GeoJSON sketch does the same analysis.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # folium loads only where a map is made
    import folium
    from folium.plugins import Draw

__all__ = [
    "STATIC_DIR",
    "STATIC_URL",
    "LEAFLET_FILES",
    "DRAW_PACKAGE",
    "ensure_static",
    "ensure_draw_plugin",
    "draw_available",
    "use_local_assets",
    "use_local_draw",
]

def _static_dir() -> Path:
    """Where Streamlit serves ``/app/static`` from: ``static/`` beside the main script --
    ``app.py`` of a checkout, or ``ui/app.py`` of an installed package
    (``frontline app``); ``$FRONTLINE_STATIC_DIR`` overrides."""
    env = os.environ.get("FRONTLINE_STATIC_DIR")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parent.parent
    return root / "static" if (root / "app.py").is_file() else root / "ui" / "static"


STATIC_DIR = _static_dir()
STATIC_URL = "/app/static"
LEAFLET_FILES = ("leaflet.js", "leaflet.css")
DRAW_PACKAGE = "leaflet-draw@1.0.4"
_DRAW_FILES = ("leaflet.draw.js", "leaflet.draw.css")


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
    from geo.safeio import write_atomic

    src = _leaflet_dir()
    static_dir.mkdir(parents=True, exist_ok=True)
    for name in LEAFLET_FILES:
        target = static_dir / name
        if not target.exists() or target.stat().st_size != (src / name).stat().st_size:
            write_atomic(target, (src / name).read_bytes())  # the app may be serving it
    images = static_dir / "images"
    if not images.exists():
        images.mkdir()
        for image in sorted((src / "images").iterdir()):
            if image.is_file():
                write_atomic(images / image.name, image.read_bytes())
    return static_dir


def draw_available(static_dir: Path = STATIC_DIR) -> bool:
    """Whether the Leaflet.draw plugin's files are in ``static_dir``."""
    return all((static_dir / name).exists() for name in _DRAW_FILES)


def ensure_draw_plugin(static_dir: Path = STATIC_DIR) -> str:
    """Fetch Leaflet.draw with ``npm pack`` into ``static_dir`` unless it is there.

    Returns
    -------
    str
        What happened, one line (also when npm is missing or the fetch failed; this
        never raises, drawing is optional).
    """
    from geo.safeio import write_atomic

    if draw_available(static_dir):
        return f"{DRAW_PACKAGE}: present in {static_dir}"
    npm = shutil.which("npm")
    if npm is None:
        return f"{DRAW_PACKAGE}: npm not found, drawing on the map is off (upload still works)"
    static_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                [npm, "pack", DRAW_PACKAGE, "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            return f"{DRAW_PACKAGE}: npm pack failed ({exc}); drawing on the map is off"
        tgz = next(Path(tmp).glob("leaflet-draw-*.tgz"))
        with tarfile.open(tgz) as tar:
            for member in tar.getmembers():
                name = member.name
                if not member.isfile() or not name.startswith("package/dist/"):
                    continue
                rel = name.removeprefix("package/dist/")
                if rel in _DRAW_FILES or (
                    rel.startswith("images/spritesheet") and "/" not in rel.removeprefix("images/")
                ):
                    src = tar.extractfile(member)
                    if src is not None:
                        target = static_dir / rel
                        target.parent.mkdir(parents=True, exist_ok=True)
                        write_atomic(target, src.read())
    return f"{DRAW_PACKAGE}: installed into {static_dir}"


def use_local_draw(draw: Draw, *, base_url: str = STATIC_URL) -> Draw:
    """Point a ``folium.plugins.Draw`` control at the local Leaflet.draw copy."""
    draw.default_js = [("leaflet_draw_js", f"{base_url}/leaflet.draw.js")]
    draw.default_css = [("leaflet_draw_css", f"{base_url}/leaflet.draw.css")]
    return draw


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
    print(ensure_draw_plugin())
