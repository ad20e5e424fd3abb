"""Map pages served as static files: the websocket carries a URL, not a map.

A folium map handed to ``st_folium`` or ``components.html`` travels over the websocket
on every rerun that draws it (0.7-0.8 MB per report view) and is rebuilt in a fresh
iframe. Here the page is written once to the app's static files under a name taken
from its SHA-256 (so a name is never stale and the browser may keep it), and shown in
an iframe pointing at it. A rerun that draws the same map sends the same short URL,
and the browser keeps the map it has. The folder is bounded like every cache
(:func:`geo.store.prune`): the least recently shown pages are removed past its limit
(the folder is listed only when the bytes written since it was last listed pass it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

import streamlit as st

from geo.safeio import write_atomic
from geo.store import cache_limit_bytes, prune, touch
from layers.assets import STATIC_DIR, STATIC_URL

__all__ = ["GENERATED", "page_url", "show_page"]

#: Sub-folder of the static files that holds the generated pages.
GENERATED = "generated"


def page_url(html: str, *, prefix: str = "map", static_dir: Path = STATIC_DIR) -> str:
    """Write ``html`` to the static files under a name from its SHA-256 and return its URL.

    Written once (the same page is the same file), through a temporary file and a
    rename, so a browser never reads half a page; written again if the folder was
    cleared.
    """
    name = f"{prefix}-{hashlib.sha256(html.encode()).hexdigest()[:20]}.html"
    folder = static_dir / GENERATED
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, html)
        _bounded(folder, path)  # the least recently shown pages go
    else:
        touch(path)
    return f"{STATIC_URL}/{GENERATED}/{name}"


#: Bytes of pages each folder held when this process last looked, plus those it wrote
#: since: the folder is listed again (and pruned) only once that passes the limit.
_held_bytes: dict[Path, int] = {}


def _bounded(folder: Path, written: Path) -> None:
    """Keep ``folder`` within the cache limit after ``written`` was added to it.

    Listing a full folder (~2,000 pages at the default limit) costs ~35 ms, a tenth of
    the History view's budget for a new two-date map; so the bytes are counted as they
    are written and the folder listed again only when the count passes the limit
    (pages other processes wrote are found then; the limit is kept to within them).
    """
    limit = cache_limit_bytes()
    try:
        size = written.stat().st_size
    except OSError:
        size = 0
    known = _held_bytes.get(folder)
    if known is not None and known + size <= limit:
        _held_bytes[folder] = known + size
        return
    total = 0
    with os.scandir(folder) as entries:
        for e in entries:
            if e.name.endswith(".html") and not e.name.startswith("."):
                with contextlib.suppress(OSError):
                    total += e.stat().st_size
    freed = prune(folder, pattern="*.html", keep=written)[1] if total > limit else 0
    _held_bytes[folder] = total - freed


def show_page(html: str, *, height: int, prefix: str = "map") -> str:
    """Show ``html`` (a whole page, e.g. a rendered folium map) in an iframe; its URL."""
    url = page_url(html, prefix=prefix)
    st.iframe(url, height=height)
    return url
