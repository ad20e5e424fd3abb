"""``frontline ingest``: a folder and a zip of articles (one a saved web page) against a
generated history, end to end: the ledger, the summary, the drafts, bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from frontline.cli import main
from geo.reports import load_report
from geo.synthetic import write_days

PAGE = ("<html><head><meta property='article:published_time' content='2024-07-11'></head>"
        "<body><nav>Home › World</nav><article><p>Moscow holds about 67% of the "
        "Zaporizhzhia region, analysts said on Thursday.</p></article>"
        "<aside>Read also: Russia says it holds 99% of Luhansk</aside></body></html>")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, daily_layers: list) -> Path:  # type: ignore[type-arg]
    d = tmp_path_factory.mktemp("hist")
    write_days(d, daily_layers)
    return d


def test_ingest_writes_a_ledger_and_drafts(archive: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    arts = tmp_path / "wire"
    arts.mkdir()
    (arts / "a1.txt").write_text("KYIV, July 10, 2024 (Wire) — Russia controls more than "
                                 "80% of the Donetsk region.", encoding="utf-8")
    (arts / "page.html").write_text(PAGE, encoding="utf-8")
    z = tmp_path / "daily.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("daily/b.md", "MOSCOW, July 12, 2024 — Russia holds roughly 40% of the "
                                  "Donetsk region.")
        zf.writestr("daily/notes.bin", b"\x00\x01")
    out, drafts = tmp_path / "ledger.csv", tmp_path / "drafts"
    assert main(["ingest", str(arts), str(z), "--history", str(archive), "--csv", str(out),
                 "--drafts", str(drafts), "--no-cache"]) == 0
    cap = capsys.readouterr()
    rows = pd.read_csv(out)
    assert sorted(rows["article"]) == ["daily.zip/daily/b.md", "wire/a1.txt", "wire/page.html"]
    assert dict(zip(rows["article"], rows["verdict"], strict=True)) == {
        "wire/a1.txt": "overstated", "daily.zip/daily/b.md": "understated",
        "wire/page.html": rows.set_index("article").loc["wire/page.html", "verdict"]}
    assert (rows["map_day"] == rows["date"]).all()  # each its own day
    assert "outlet" in cap.out and "wire" in cap.out and "daily" in cap.out
    assert "3 article(s), 3 dated and checked, 3 claim(s) in the ledger" in cap.err
    saved = sorted(drafts.glob("*.yaml"))
    assert len(saved) == 3 and all(load_report(p).review == "unreviewed" for p in saved)
    # JSON: the ledger and the outlets
    assert main(["ingest", str(arts), "--history", str(archive), "--json", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {o["outlet"] for o in doc["outlets"]} == {"wire"}
    assert len(doc["ledger"]) == 2


def test_ingest_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ingest", "nowhere/"])
    assert exc.value.code == 2
    assert "one of the arguments --history --control is required" in capsys.readouterr().err
    assert main(["ingest", "nowhere/", "--control", "x.geojson"]) == 2
    err = capsys.readouterr().err
    assert "nowhere/: not found" in err and ".html" in err
