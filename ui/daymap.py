"""The History view's day map as a Streamlit component that stays on the page.

A ``st.iframe`` page is replaced whole on every rerun: ~370 kB sent and a fresh Leaflet
map built for each new day (0.6-1.5 s from the key press to the new layer in Chromium
on 800 days). Here the report's map page is written once to the app's static files
(named by its content, so it is never stale) and loaded by a small component
(``ui/daymap-frontend/index.html``); a new day sends only that day's layer (~30 kB)
and the page puts it in (:meth:`layers.history.DayMapTemplate.live_page`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

__all__ = ["day_map"]

_FRONTEND = Path(__file__).resolve().parent / "daymap-frontend"
_component = components.declare_component("daymap", path=str(_FRONTEND))


def day_map(url: str, day_data: dict[str, Any], *, day_text: str,
            shares: dict[str, float], height: int = 520, key: str = "history_map") -> None:
    """Show the page at ``url`` with the day ``day_text`` in it: its layer ``day_data``
    (GeoJSON) and the measured share per unit code ``shares``."""
    _component(page_url=url, day=day_data, day_text=day_text, shares=shares,
               height=height, key=key, default=None)
