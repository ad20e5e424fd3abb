"""Map pages in the static files: written once, named by their content."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.pages import page_url


def test_a_page_is_written_once_under_its_content_hash(tmp_path: Path) -> None:
    import hashlib

    url = page_url("<p>day map</p>", prefix="daymap", static_dir=tmp_path)
    name = f"daymap-{hashlib.sha256(b'<p>day map</p>').hexdigest()[:20]}.html"
    assert url == f"/app/static/generated/{name}"
    path = tmp_path / "generated" / name
    assert path.read_text(encoding="utf-8") == "<p>day map</p>"
    inode = path.stat().st_ino
    # same page, same file: not written again (a write is a rename: a new inode), only
    # marked as used
    assert page_url("<p>day map</p>", prefix="daymap", static_dir=tmp_path) == url
    assert path.stat().st_ino == inode
    other = page_url("<p>another</p>", static_dir=tmp_path)
    assert other != url
    # nothing half-written is left beside them
    assert sorted(p.name for p in (tmp_path / "generated").iterdir()) == sorted(
        [name, other.rsplit("/", 1)[1]])


def test_the_pages_folder_keeps_the_pages_shown_last(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("FRONTLINE_CACHE_MAX_MB", str(3000 / 1024 / 1024))  # 3,000 bytes
    urls = [page_url(f"<p>{i}</p>" + "x" * 1000, static_dir=tmp_path) for i in range(2)]
    files = sorted((tmp_path / "generated").iterdir(), key=lambda p: urls.index(
        next(u for u in urls if u.endswith(p.name))))
    for i, f in enumerate(files):
        os.utime(f, (i + 1, i + 1))
    page_url("<p>0</p>" + "x" * 1000, static_dir=tmp_path)  # shown again: now the newest
    page_url("<p>2</p>" + "x" * 1000, static_dir=tmp_path)  # 3 pages > 3,000 bytes
    names = {p.name for p in (tmp_path / "generated").iterdir()}
    assert files[0].name in names and files[1].name not in names and len(names) == 2


def test_the_folder_is_listed_only_once_the_bytes_written_pass_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import pages

    listed: list[Path] = []
    real = pages.prune
    monkeypatch.setattr(pages, "prune", lambda folder, **kw: listed.append(folder) or real(
        folder, **kw))
    monkeypatch.setenv("FRONTLINE_CACHE_MAX_MB", str(3500 / 1024 / 1024))  # 3,500 bytes
    for i in range(3):  # ~1,010 bytes each: 3 pages fit, no pruning
        page_url(f"<p>{i}</p>" + "x" * 1000, static_dir=tmp_path)
    assert listed == []
    page_url("<p>3</p>" + "x" * 1000, static_dir=tmp_path)  # past the limit: pruned
    assert listed == [tmp_path / "generated"]
    assert len(list((tmp_path / "generated").iterdir())) <= 3
