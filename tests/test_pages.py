"""Map pages in the static files: written once, named by their content."""

from __future__ import annotations

from pathlib import Path

from ui.pages import page_url


def test_a_page_is_written_once_under_its_content_hash(tmp_path: Path) -> None:
    import hashlib

    url = page_url("<p>day map</p>", prefix="daymap", static_dir=tmp_path)
    name = f"daymap-{hashlib.sha256(b'<p>day map</p>').hexdigest()[:20]}.html"
    assert url == f"/app/static/generated/{name}"
    path = tmp_path / "generated" / name
    assert path.read_text(encoding="utf-8") == "<p>day map</p>"
    mtime = path.stat().st_mtime_ns
    # same page, same file
    assert page_url("<p>day map</p>", prefix="daymap", static_dir=tmp_path) == url
    assert path.stat().st_mtime_ns == mtime
    other = page_url("<p>another</p>", static_dir=tmp_path)
    assert other != url
    # nothing half-written is left beside them
    assert sorted(p.name for p in (tmp_path / "generated").iterdir()) == sorted(
        [name, other.rsplit("/", 1)[1]])
