#!/usr/bin/env bash
# Frontline Atlas developer entry point.
#   ./dev.sh app    set up (first time) and start the app at http://localhost:8501
#   ./dev.sh test   set up (first time) and run the whole test suite (what CI runs)
#   ./dev.sh setup  only set up: .venv with the project and its test tools, Leaflet assets
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv

setup() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Frontline Atlas needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version)." >&2
    echo "Run with PYTHON=/path/to/python3.11 ./dev.sh ..." >&2
    exit 1
  fi
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test,scale]"
  "$VENV/bin/python" -m layers.assets
  "$VENV/bin/frontline" warm  # derived layers of the built-in reports, kept on disk
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
    sed -n '2,5p' "$0"
    exit 2
    ;;
esac
