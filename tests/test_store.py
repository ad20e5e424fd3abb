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
    blob = b"y" * 900  # pickled and sealed: a little under 1,000 bytes
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


class _Planted:
    """A pickle that makes a marker (a folder) when it is loaded (``__reduce__``)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.mkdir, (str(self.marker),))


def test_a_planted_pickle_is_never_executed_and_the_result_is_computed(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Someone who can write the cache folder (a shared FRONTLINE_CACHE_DIR) plants an
    entry whose unpickling would run code: it is not sealed by this user's key, so it is
    never unpickled (the marker never appears), the result is computed and the entry
    rewritten, sealed."""
    import pickle

    store = DiskStore(tmp_path / "derived")
    path = store.path("ns", ("UA-14", 1))
    path.parent.mkdir(parents=True)
    marker = tmp_path / "marker"
    planted = pickle.dumps(_Planted(marker))
    for raw in (planted,  # a bare pickle, as before entries were sealed
                store_mod.seal("another-name.pickle", planted),  # sealed for another file
                b"frontline-sealed-v1\n" + b"\0" * 32 + planted):  # a forged seal
        path.write_bytes(raw)
        caplog.clear()
        with caplog.at_level("WARNING", logger="geo.store"):
            assert store.get_or_compute("ns", ("UA-14", 1), compute=lambda: 26_517) == 26_517
        assert not marker.exists()
        assert "not sealed by this user's cache key" in caplog.text
        assert store_mod.unseal(path.name, path.read_bytes()) is not None  # rewritten
    assert store.misses == 3 and store.hits == 0
    assert DiskStore(tmp_path / "derived").get_or_compute("ns", ("UA-14", 1),
                                                           compute=lambda: 0) == 26_517
    assert pickle.loads(planted) is None and marker.exists()  # it would have run


def test_the_key_is_the_users_own_and_another_users_entry_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key lives in the user's config folder (0600 in a 0700 folder), not in the
    shared cache folder; an entry sealed with another user's key is computed again."""
    import stat

    cache = tmp_path / "shared-cache"
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(cache))
    monkeypatch.setenv("FRONTLINE_CONFIG_DIR", str(tmp_path / "alice"))
    alice = DiskStore()
    assert alice.get_or_compute("ns", 1, compute=lambda: "alice's") == "alice's"
    key = tmp_path / "alice" / "cache.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert not [p for p in cache.rglob("*") if "key" in p.name]
    monkeypatch.setenv("FRONTLINE_CONFIG_DIR", str(tmp_path / "bob"))
    assert DiskStore().get_or_compute("ns", 1, compute=lambda: "bob's") == "bob's"
    monkeypatch.setenv("FRONTLINE_CONFIG_DIR", str(tmp_path / "alice"))
    assert DiskStore().get_or_compute("ns", 1, compute=lambda: "again") == "again"
    assert (tmp_path / "bob" / "cache.key").read_bytes() != key.read_bytes()


def test_a_key_file_that_is_not_the_users_own_key_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """A key file that is a link or holds no key is left alone and not used (a key of
    this process seals this run's entries); one others could read is made 0600."""
    import stat

    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("FRONTLINE_CONFIG_DIR", str(folder))
    other = tmp_path / "other.key"
    other.write_text("00" * 32)
    (folder / "cache.key").symlink_to(other)
    with caplog.at_level("WARNING", logger="geo.store"):
        key = store_mod.cache_key()
    assert key != bytes(32) and "is not a regular file" in caplog.text
    (folder / "cache.key").unlink()
    store_mod._key_at.cache_clear()  # read once a process; a new process reads again
    (folder / "cache.key").write_text("ab" * 32)
    (folder / "cache.key").chmod(0o644)
    with caplog.at_level("WARNING", logger="geo.store"):
        assert store_mod.cache_key() == bytes.fromhex("ab" * 32)
    assert stat.S_IMODE((folder / "cache.key").stat().st_mode) == 0o600
    assert "made 0600" in caplog.text


def test_a_link_planted_at_an_entry_is_not_followed(tmp_path: Path) -> None:
    """An entry's name is a link to /dev/zero: not read (it would never end), the
    result computed; the link is not replaced (writes refuse links) and the result
    still given."""
    store = DiskStore(tmp_path)
    path = store.path("ns", 1)
    path.symlink_to("/dev/zero")
    assert store.get_or_compute("ns", 1, compute=lambda: 42) == 42
    assert path.is_symlink()
