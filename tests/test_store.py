"""Derived results on disk: read back, never stale, never half-written, never fatal."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

from geo import store as store_mod
from geo.layerset import Atlas
from geo.reports import load_reports
from geo.store import DiskStore, code_version


def test_a_result_is_computed_once_and_read_back(tmp_path: Path) -> None:
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        return {"km2": 26_517}

    first = DiskStore(tmp_path).get_or_compute("ns", ("UA-14", 1), compute=compute)
    again = DiskStore(tmp_path)  # a new process would start like this
    assert again.get_or_compute("ns", ("UA-14", 1), compute=compute) == first == {"km2": 26_517}
    assert len(calls) == 1 and again.hits == 1 and again.misses == 0
    assert not list(tmp_path.glob(".tmp-*"))  # nothing half-written beside the entry


def test_another_key_or_another_code_version_is_another_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = DiskStore(tmp_path)
    assert s.path("ns", 1) != s.path("ns", 2) != s.path("other", 1)
    before = s.path("ns", 1)
    monkeypatch.setattr(store_mod, "code_version", lambda: "changed")
    assert s.path("ns", 1) != before


def test_code_version_follows_the_source(tmp_path: Path) -> None:
    v = code_version()
    assert len(v) == 40 and v == code_version()


def test_an_unreadable_entry_is_computed_again(tmp_path: Path) -> None:
    s = DiskStore(tmp_path)
    s.get_or_compute("ns", 1, compute=lambda: 5)
    s.path("ns", 1).write_bytes(b"\x80\x05not a pickle")  # cut short / foreign
    assert s.get_or_compute("ns", 1, compute=lambda: 6) == 6
    assert DiskStore(tmp_path).get_or_compute("ns", 1, compute=lambda: 7) == 6  # rewritten


def test_an_unwritable_folder_still_gives_the_result(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert DiskStore(blocker / "sub").get_or_compute("ns", 1, compute=lambda: 3) == 3


def test_a_second_atlas_reads_the_layer_set_from_disk(tmp_path: Path,
                                                      units: gpd.GeoDataFrame) -> None:
    reports = load_reports()
    a = Atlas(reports, units, store=DiskStore(tmp_path))
    ls = a.layerset("R5")
    b_store = DiskStore(tmp_path)
    ls2 = Atlas(reports, units, store=b_store).layerset("R5")
    assert b_store.hits == 1 and b_store.misses == 0
    assert list(ls2.zones["kind"]) == list(ls.zones["kind"])
    assert ls2.zones["area_km2"].tolist() == ls.zones["area_km2"].tolist()
    assert ls2.snapshot.equals(ls.snapshot)
    # other options are another layer set, computed
    from geo.zones import ZoneOptions

    Atlas(reports, units, store=b_store).layerset("R5", options=ZoneOptions(dmz_width_km=10))
    assert b_store.misses == 1


def _aged(folder: Path, name: str, size: int, age_s: float) -> Path:
    """A file of ``size`` bytes last used ``age_s`` seconds ago."""
    import os
    import time

    path = folder / name
    path.write_bytes(b"x" * size)
    t = time.time() - age_s
    os.utime(path, (t, t))
    return path


def test_prune_removes_the_least_recently_used_down_to_80_percent(tmp_path: Path) -> None:
    # five files of 100 bytes, oldest first: 500 bytes against a limit of 300 -> keep at
    # most 240, i.e. the two newest
    paths = [_aged(tmp_path, f"e{i}.pickle", 100, age_s=100 - 10 * i) for i in range(5)]
    tmp = _aged(tmp_path, ".e9.pickle.abc.tmp", 100, age_s=1000)  # being written
    other = _aged(tmp_path, "notes.txt", 100, age_s=1000)  # another pattern
    removed, freed = store_mod.prune(tmp_path, pattern="*.pickle", max_bytes=300)
    assert (removed, freed) == (3, 300)
    assert [p.exists() for p in paths] == [False, False, False, True, True]
    assert tmp.exists() and other.exists()
    assert store_mod.prune(tmp_path, pattern="*.pickle", max_bytes=300) == (0, 0)


def test_prune_never_removes_the_entry_just_written(tmp_path: Path) -> None:
    old = _aged(tmp_path, "old.npz", 100, age_s=50)
    new = _aged(tmp_path, "new.npz", 400, age_s=500)  # written now, an old mtime kept
    assert store_mod.prune(tmp_path, pattern="*.npz", max_bytes=300, keep=new) == (1, 100)
    assert new.exists() and not old.exists()


def test_a_store_past_its_limit_drops_what_was_not_read_lately(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("FRONTLINE_CACHE_MAX_MB", str(2.5 / 1024))  # 2,560 bytes
    store = DiskStore(tmp_path)
    blob = b"y" * 1000  # pickled: a little over 1,000 bytes
    store.get_or_compute("blob", "a", compute=lambda: blob)
    store.get_or_compute("blob", "b", compute=lambda: blob)
    pa, pb = store.path("blob", "a"), store.path("blob", "b")
    os.utime(pa, (1, 1))
    os.utime(pb, (2, 2))
    store.get_or_compute("blob", "a", compute=lambda: b"")  # a hit: "a" is used again
    assert store.hits == 1
    store.get_or_compute("blob", "c", compute=lambda: blob)  # 3 entries > 2,560 bytes
    assert pa.exists() and not pb.exists() and store.path("blob", "c").exists()


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_a_bad_cache_limit_falls_back_to_the_default(
        value: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("FRONTLINE_CACHE_MAX_MB", value)
    assert store_mod.cache_limit_bytes() == store_mod.DEFAULT_MAX_MB * 1024 * 1024
    assert "FRONTLINE_CACHE_MAX_MB: expected a positive number" in caplog.text
