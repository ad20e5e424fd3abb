#!/usr/bin/env bash
# Frontline Atlas developer entry point.
#   ./dev.sh app    set up (first time) and start the app at http://localhost:8501
#   ./dev.sh test   set up (first time) and run the whole test suite (what CI runs)
#   ./dev.sh setup  only set up: .venv with the project, every extra (app, test, scale,
#                   build), Leaflet assets
# Set-up installs only when pyproject.toml, setup.py, this set-up or the Python changed
# (the stamp .venv/.frontline-setup), so a later start needs no network.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv
# Set-up runs again only when what it installs changed: this stamp holds a digest of the
# project's build files, this set-up and the venv's Python (see setup_digest).
STAMP=$VENV/.frontline-setup

setup_digest() {
  { cat pyproject.toml setup.py; sed -n '/^setup() {/,/^}/p' "$0"; } | "$VENV/bin/python" -c '
import hashlib, sys
print(hashlib.sha1(sys.version.encode() + sys.stdin.buffer.read()).hexdigest())'
}

installed() {
  # the stamp matches, and the venv has the project (installed, its packages found) and
  # the commands the set-up installs
  [ "$(cat "$STAMP" 2>/dev/null)" = "$(setup_digest)" ] &&
    [ -x "$VENV/bin/frontline" ] && [ -x "$VENV/bin/streamlit" ] &&
    "$VENV/bin/python" -c '
import importlib.metadata, importlib.util
importlib.metadata.version("frontline-atlas")
assert all(importlib.util.find_spec(p) for p in ("geo", "layers", "ui", "frontline"))
' 2>/dev/null
}

setup() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Frontline Atlas needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version)." >&2
    echo "Run with PYTHON=/path/to/python3.11 ./dev.sh ..." >&2
    exit 1
  fi
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  if ! installed; then
    rm -f "$STAMP"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[app,test,scale,build]"
    "$VENV/bin/python" -m layers.assets  # Leaflet into static/; Leaflet.draw if npm is here
    setup_digest >"$STAMP"
  elif [ ! -f static/leaflet.js ] || [ ! -f static/leaflet.css ]; then
    "$VENV/bin/python" -m layers.assets  # static/ was cleared
  fi
  # derived layers of the built-in reports, kept on disk: only when their inputs changed
  "$VENV/bin/python" -c 'from frontline.cmd_app import warm_if_cold; warm_if_cold()'
}

browser() {
  # The browser tests drive Debian's Chromium; install it when we can (root + apt).
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium not found and cannot be installed here: browser tests will be skipped." >&2
  fi
}

case "${1:-}" in
  setup) setup ;;
  app)
    setup
    shift
    exec "$VENV/bin/streamlit" run app.py "$@"
    ;;
  test)
    setup
    browser
    shift
    "$VENV/bin/ruff" check geo layers ui frontline app.py scripts tests benchmarks
    "$VENV/bin/mypy"
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    sed -n '2,6p' "$0"
    exit 2
    ;;
esac
