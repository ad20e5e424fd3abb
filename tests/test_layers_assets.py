"""The local Leaflet copies: the package's bytes, written whole, with ordinary permissions."""

from __future__ import annotations

from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

from layers.assets import LEAFLET_FILES, ensure_static


def test_ensure_static_copies_leaflet_whole_and_repairs_a_cut_copy(tmp_path: Path) -> None:
    src = Path(xleaflet.BASE_DIR)
    static = tmp_path / "static"
    assert ensure_static(static) == static
    for name in LEAFLET_FILES:
        assert (static / name).read_bytes() == (src / name).read_bytes(), name
    images = sorted(p.name for p in (src / "images").iterdir())
    assert images and sorted(p.name for p in (static / "images").iterdir()) == images
    for name in images:
        assert (static / "images" / name).read_bytes() == (src / "images" / name).read_bytes()
    # the mode any program would give a new file here (0o666 less the umask)
    reference = tmp_path / "reference"
    reference.write_text("x")
    want = reference.stat().st_mode & 0o777
    written = [static / n for n in LEAFLET_FILES] + [static / "images" / n for n in images]
    assert {p.stat().st_mode & 0o777 for p in written} == {want}
    # a copy cut short (an interrupted older set-up) is written again, whole
    (static / "leaflet.js").write_bytes(b"/* cut */")
    ensure_static(static)
    assert (static / "leaflet.js").read_bytes() == (src / "leaflet.js").read_bytes()
    assert not [p for p in static.rglob(".*.tmp")]  # no temporary file left
