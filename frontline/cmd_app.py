"""``frontline app``: start the Streamlit app, from a checkout or an installed package.

``frontline app [--port N] [--headless]``
    Runs ``streamlit run`` on the checkout's ``app.py``, or on ``ui/app.py`` where the
    package is installed (``pip install .``, ``pipx install .``), with the settings of
    the checkout's ``.streamlit/config.toml`` (:data:`STREAMLIT_SETTINGS`). Before the
    server starts, the built-in reports' layers are derived once if they are not kept
    yet (:func:`warm_if_cold`: ``frontline warm``, kept in the user's cache folder), so
    the first map does not wait for them. Stops with Ctrl-C. Without the app's
    libraries (Streamlit and the others of the ``app`` extra) it stops at once, saying
    ``pip install "frontline-atlas[app]"``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import os
import sys
from pathlib import Path

from frontline.cli import command
from geo.errors import FrontlineError

__all__ = ["STREAMLIT_SETTINGS", "APP_MODULES", "app_script", "missing_app_modules",
           "warm_digest", "warm_stamp", "warm_if_cold"]

#: What the checkout's ``.streamlit/config.toml`` sets (``./dev.sh app`` reads it from
#: the working folder; an installed package has none, and Streamlit would show its
#: "Deploy" button), passed as flags so both look the same; ``server.headless`` comes
#: from ``--headless``. ``tests/test_package.py`` checks the two agree.
STREAMLIT_SETTINGS: dict[str, str] = {
    "server.enableStaticServing": "true",  # map pages and Leaflet from /app/static
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "none",
}

#: The modules of the ``app`` extra (``pip install "frontline-atlas[app]"``) the app
#: imports.
APP_MODULES: tuple[str, ...] = ("streamlit", "streamlit_folium", "altair")

#: Libraries whose version changes what is kept (pickled GeoDataFrames, map pages).
_KEPT_WITH = ("geopandas", "shapely", "pyproj", "pandas", "numpy", "folium")


def missing_app_modules() -> list[str]:
    """The modules of :data:`APP_MODULES` that cannot be imported here (looked up, not
    imported: quick)."""
    missing = []
    for name in APP_MODULES:
        try:
            found = importlib.util.find_spec(name)
        except (ImportError, ValueError):  # a broken install counts as none
            found = None
        if found is None:
            missing.append(name)
    return missing


def app_script() -> Path:
    """The app's main script: ``app.py`` of a checkout, else the installed ``ui/app.py``."""
    import ui

    package = Path(ui.__file__).resolve().parent
    checkout = package.parent / "app.py"
    return checkout if checkout.is_file() else package / "app.py"


def warm_digest() -> str:
    """SHA-1 of what ``frontline warm`` derives from: the code of ``geo/`` and
    ``layers/``, the boundaries and the reports it reads (built-in and the user's), the
    Python and the versions of the libraries whose objects are kept. Reads files only
    (no geometry library is imported): quick enough for every start."""
    import geo
    import layers
    from geo import DATA_DIR
    from geo.reports import report_paths

    h = hashlib.sha1(sys.version.encode())
    for lib in _KEPT_WITH:
        try:
            h.update(f"\0{lib}={importlib.metadata.version(lib)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"\0{lib}=-".encode())
    code = [Path(geo.__file__).parent, Path(layers.__file__).parent]
    files = [p for root in code for p in sorted(root.rglob("*.py"))]
    for root in [DATA_DIR / "boundaries", *report_paths(None)]:
        files += sorted(p for p in root.rglob("*") if p.is_file())
    for path in files:
        h.update(b"\0" + str(path).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:  # gone since listed, unreadable: warm decides
            h.update(b"?")
    return h.hexdigest()


def warm_stamp(digest: str | None = None) -> Path:
    """The file that says ``frontline warm`` ran for these inputs, in the folder of the
    kept layers (so a cleared cache is a cold one; the cache's pruning skips it)."""
    from geo.store import DiskStore

    return DiskStore().folder / f".warm-{digest or warm_digest()}"


def warm_if_cold() -> bool:
    """Run ``frontline warm`` unless it ran for the same inputs (:func:`warm_digest`);
    whether it ran.

    A failure is not fatal (the app derives what it shows when it shows it): it is
    said in one line and no stamp is written, so the next start tries again.
    """
    stamp = warm_stamp()
    if stamp.exists():
        return False
    print("frontline: deriving the built-in reports' layers ahead, so the first map draws "
          "at once (frontline warm: about 10 s, less for what is kept)...", file=sys.stderr,
          flush=True)
    from frontline.cli import main

    if main(["warm"]) != 0:
        print("frontline: frontline warm failed (above); the app derives as it goes.",
              file=sys.stderr)
        return True
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError as exc:
        print(f"frontline: cannot write {stamp} ({exc.strerror}); the next start derives "
              "ahead again.", file=sys.stderr)
    return True


@command("app", "start the app in the browser (Streamlit; the built-in data, no other server)")
def _configure_app(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.set_defaults(func=_cmd_app)


def _cmd_app(args: argparse.Namespace) -> int:
    missing = missing_app_modules()
    if missing:  # before warming: the server could not start anyway
        raise FrontlineError(
            f"the app needs {', '.join(missing)}, not installed in this Python "
            f"({sys.executable}). Install the app's libraries: pip install "
            '"frontline-atlas[app]" (in a checkout: pip install -e ".[app]").')
    from layers.assets import ensure_static

    script = app_script()
    ensure_static()  # Leaflet in /app/static before the first page asks for it
    warm_if_cold()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(args.port),
           "--server.headless", "true" if args.headless else "false"]
    for name, value in STREAMLIT_SETTINGS.items():
        cmd += [f"--{name}", value]
    print(f"frontline app: http://localhost:{args.port} (from {script})", file=sys.stderr)
    sys.stderr.flush()
    os.chdir(script.parent)
    os.execv(sys.executable, cmd)  # this process becomes the server: signals reach it
    return 0  # not reached
