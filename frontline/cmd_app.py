"""``frontline app``: start the Streamlit app, from a checkout or an installed package.

``frontline app [--port N] [--headless]``
    Runs ``streamlit run`` on the checkout's ``app.py``, or on ``ui/app.py`` where the
    package is installed (``pip install .``, ``pipx install .``), with static serving
    on (the map pages and Leaflet come from ``/app/static``). Stops with Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from frontline.cli import command

__all__ = ["app_script"]


def app_script() -> Path:
    """The app's main script: ``app.py`` of a checkout, else the installed ``ui/app.py``."""
    import ui

    package = Path(ui.__file__).resolve().parent
    checkout = package.parent / "app.py"
    return checkout if checkout.is_file() else package / "app.py"


@command("app", "start the app in the browser (Streamlit; the built-in data, no other server)")
def _configure_app(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.set_defaults(func=_cmd_app)


def _cmd_app(args: argparse.Namespace) -> int:
    from layers.assets import ensure_static

    script = app_script()
    ensure_static()  # Leaflet in /app/static before the first page asks for it
    cmd = [sys.executable, "-m", "streamlit", "run", str(script),
           "--server.port", str(args.port), "--server.enableStaticServing", "true",
           "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "none",
           "--server.headless", "true" if args.headless else "false"]
    print(f"frontline app: http://localhost:{args.port} (from {script})", file=sys.stderr)
    sys.stderr.flush()
    os.chdir(script.parent)
    os.execv(sys.executable, cmd)  # this process becomes the server: signals reach it
    return 0  # not reached
