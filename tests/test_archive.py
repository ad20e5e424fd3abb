"""Archives within budgets (geo/archive.py): zips of many entries read in linear steps,
zip and gzip bombs and lying headers refused at once with memory bounded."""

from __future__ import annotations

import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from zipkit import MIB, Member, build_zip, deflated_zeros, gzip_zeros, zeros_bomb

import geo.archive as archive
from geo.errors import ArchiveError, ControlLayerError, HistoryError
from geo.history import read_history

BOX = [[37.0, 48.0], [37.5, 48.0], [37.5, 48.5], [37.0, 48.5], [37.0, 48.0]]
DAY = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
                  "properties": {}, "geometry": {"type": "Polygon",
                                                 "coordinates": [BOX]}}]}).encode()


def _peak(fn) -> tuple[object, int]:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_zip_is_opened_once_however_many_members_are_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 300 days in one zip: the central directory is read a fixed number of times (it was
    # read once per member, so n members took n² steps: 20,000 never finished)
    path = tmp_path / "days.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(300):
            zf.writestr(f"d/layer_{20230101 + (i // 28) * 100 + i % 28 + 0:08d}.geojson", DAY)
    reads = []
    real = zipfile.ZipFile._RealGetContents  # type: ignore[attr-defined]

    def counted(self: zipfile.ZipFile) -> None:
        reads.append(1)
        real(self)

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", counted)
    h = read_history(path, cache=False, workers=1)
    assert len(h) == 300 and not h.problems
    assert len(reads) <= 3  # listed once, opened once to read every member


def test_a_zip_of_more_entries_than_the_limit_is_refused_unlisted(tmp_path: Path) -> None:
    entries = [Member.of("layer_20240101.geojson", DAY)]
    aliases = [Member(f"x/{i}.geojson", entries[0].data, entries[0].crc, len(DAY))
               for i in range(archive.MAX_ENTRIES)]
    path = tmp_path / "many.zip"
    path.write_bytes(build_zip(entries, aliases=aliases))
    h = read_history(path, cache=False)
    assert not h.days
    (problem,) = h.problems
    assert "20,001 entries; the limit is 20,000" in problem.message
    with pytest.raises(HistoryError, match="Split it"):
        h.raise_if_empty()


def test_a_folder_of_more_files_than_the_limit_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.history.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_ENTRIES", 5)
    for i in range(7):
        (tmp_path / f"layer_2024010{i + 1}.geojson").write_bytes(DAY)
    h = read_history(tmp_path, cache=False)
    assert not h.days
    assert "more than 5 layer files and zip members" in h.problems[-1].message


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    # 200 members of 199 MiB of zeros (38.9 GiB) in a file of 220 kB
    path = tmp_path / "bomb.zip"
    path.write_bytes(zeros_bomb(200, 199))
    assert path.stat().st_size < 300_000
    h, peak = _peak(lambda: read_history(path, cache=False))
    assert not h.days  # type: ignore[attr-defined]
    text = " ".join(p.message for p in h.problems)  # type: ignore[attr-defined]
    assert "its 200 layer files unpack to 41.7 GB together; the limit is 4.0 GB" in text
    assert peak < 30 * MIB


def test_members_that_add_up_past_the_budget_are_refused_together(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 5 * len(DAY))
    path = tmp_path / "days.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for d in range(1, 8):
            zf.writestr(f"layer_2024010{d}.geojson", DAY)
    h = read_history(path, cache=False)
    assert not h.days
    assert "unpack to" in h.problems[-1].message and "together; the limit" in \
        h.problems[-1].message


def test_highly_packed_members_are_refused_and_the_others_read(tmp_path: Path) -> None:
    data, crc = deflated_zeros(12)
    good = Member.of("layer_20240102.geojson", DAY)
    path = tmp_path / "days.zip"
    path.write_bytes(build_zip([Member("layer_20240101.geojson", data, crc, 12 * MIB), good]))
    h = read_history(path, cache=False)
    assert [d.date.isoformat() for d in h.days] == ["2024-01-02"]
    (problem,) = h.problems
    assert problem.where == "days.zip:layer_20240101.geojson"
    assert "packed 1,011:1" in problem.message and "at most 100:1" in problem.message
    many = tmp_path / "many.zip"  # a lot of them: one line
    many.write_bytes(zeros_bomb(30, 12))
    (problem,) = read_history(many, cache=False).problems
    assert problem.message.startswith("30 of its 30 layer files are refused unread, e.g. "
                                      "many.zip:layer_20240101.geojson: packed 1,011:1")


def test_a_header_that_understates_its_member_reads_as_damaged(tmp_path: Path) -> None:
    # the directory says 1 kB at 50:1; the stream unpacks to 50 MiB of zeros
    data, crc = deflated_zeros(50)
    liar = Member("layer_20240101.geojson", data, crc, len(data) * 50)
    path = tmp_path / "liar.zip"
    path.write_bytes(build_zip([liar]))
    h, peak = _peak(lambda: read_history(path, cache=False))
    assert not h.days  # type: ignore[attr-defined]
    assert "does not match its header" in h.problems[0].message  # type: ignore[attr-defined]
    assert peak < 30 * MIB  # stopped at the declared size, not at 50 MiB


def test_gzip_bombs_are_stopped_while_unpacking(tmp_path: Path) -> None:
    from geo.control import load_control

    bomb = gzip_zeros(300)  # 300 MiB of zeros in 310 kB
    _, peak = _peak(lambda: _refused(lambda: archive.gunzip(bomb, "x")))
    assert peak < 2 * (100 * len(bomb) + MIB)  # stopped at 100:1, 31 MB, not 300 MiB
    path = tmp_path / "layer_20240101.geojson.gz"
    path.write_bytes(bomb)
    with pytest.raises(ControlLayerError, match="311.1 kB packed unpacks to more than "
                       "31.5 MB .over 100:1.*a gzip bomb"):
        load_control(path)
    h = read_history(path, cache=False)  # a history's .gz: the same bound
    assert not h.days and "gzip bomb" in h.problems[0].message


def _refused(fn) -> None:  # type: ignore[no-untyped-def]
    try:
        fn()
    except ValueError:
        return
    raise AssertionError("not refused")


def test_a_kmz_bomb_is_refused_before_gdal_unpacks_it() -> None:
    from geo.control import load_control

    data, crc = deflated_zeros(40)
    kmz = build_zip([Member("doc.kml", data, crc, 40 * MIB)])
    with pytest.raises(ControlLayerError, match="zip bomb"):
        load_control(kmz, name="map.kmz")


def test_check_zip_and_gunzip_within_budgets() -> None:
    ok = build_zip([Member.of("a.geojson", DAY)])
    assert [i.filename for i in archive.check_zip(ok, "ok.zip")] == ["a.geojson"]
    assert archive.gunzip(gzip_zeros(2), "x") == bytes(2 * MIB)  # small: any ratio
    with pytest.raises(ArchiveError, match="unpacks to more than 1.0 MB"):
        archive.gunzip(gzip_zeros(3), "x", limit=1_000_000)
    with pytest.raises(ArchiveError, match="not a readable zip"):
        archive.check_zip(b"PK\x03\x04 truncated", "bad.zip")
    with pytest.raises(ArchiveError, match="damaged gzip"):
        archive.gunzip(gzip_zeros(2)[:-20], "x")
