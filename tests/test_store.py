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
