"""The package as a user installs it: a wheel in a fresh virtual environment, run from
another folder, with the boundaries and reports inside it, every ``frontline`` command
working and ``frontline app`` serving.

The wheel is built from a copy of the checkout's source (git's tracked and untracked,
not ignored, files): setuptools copies an earlier ``build/lib`` into the wheel whole, so
a build in the checkout could ship a module removed since, and two builds at once would
share that folder. The fresh environment takes the wheel with ``--no-deps``; its
dependencies come from the test environment's site-packages through a ``.pth`` line (the
registry is not asked for streamlit or geopandas again; the project's own editable
install is not on that path). Every command runs with its own cache folder and no saved
reports of the user.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import site
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from frontline import cli

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("geo", "layers", "frontline", "ui")
ARTICLE = ("KYIV, Oct 18 — Russia controls more than 80% of the Donetsk region, officials "
           "said. The Kremlin demands that Ukraine withdraw from the 20% of the Donetsk region "
           "it still holds.")


def _copy_source(dest: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout
    for rel in filter(None, listed.split(b"\0")):
        src = ROOT / os.fsdecode(rel)
        if src.is_file():  # a tracked file deleted in the work tree is listed too
            (dest / os.fsdecode(rel)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / os.fsdecode(rel))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    _copy_source(tmp / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(tmp / "wheels"), str(tmp / "src")], check=True, capture_output=True,
                   timeout=600)
    (built,) = (tmp / "wheels").glob("frontline_atlas-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("package") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "frontline-deps.pth").write_text(site.getsitepackages()[0] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=600)
    return env_dir


@pytest.fixture(scope="module")
def user_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every run: no project settings of the caller, a cache folder
    of this module, no saved reports."""
    home = tmp_path_factory.mktemp("user")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("FRONTLINE_")}
    return {**env, "FRONTLINE_CACHE_DIR": str(home / "cache"),
            "FRONTLINE_USER_REPORTS": str(home / "reports")}


def _run(venv: Path, env: dict[str, str], *args: str,
         cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "frontline"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def _checkout_commands() -> list[str]:
    """Every sub-command of the checkout's ``frontline``, from its parser."""
    cli._load_plugins()
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


# ---------------------------------------------------------------- the wheel
def _package_dirs() -> list[str]:
    return sorted(p.parent.relative_to(ROOT).as_posix() for top in PACKAGES
                  for p in (ROOT / top).rglob("__init__.py") if "__pycache__" not in p.parts)


def test_the_wheel_ships_every_package_and_the_data_and_nothing_else(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = _package_dirs()
    assert "geo/extract" in packages and len(packages) >= 10
    assert [p for p in packages if f"{p}/__init__.py" not in names] == []
    modules = {p.relative_to(ROOT).as_posix() for top in PACKAGES
               for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts}
    assert sorted(modules - names) == []
    data = {f"geo/data/{p.relative_to(ROOT / 'data').as_posix()}"
            for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert "geo/data/boundaries/units.geojson" in data
    assert sorted(data - names) == []
    assert "ui/daymap-frontend/index.html" in names
    tops = {n.split("/")[0] for n in names if ".dist-info/" not in n}
    assert tops == set(PACKAGES)  # no tests/, benchmarks/, scripts/, docs/, data/


def test_the_installed_package_carries_its_code_and_data(venv: Path, tmp_path: Path) -> None:
    out = subprocess.run([str(venv / "bin" / "python"), "-c",
                          "import geo, geo.extract, layers.assets as a; print(geo.__file__); "
                          "print(geo.DATA_DIR); print(a.STATIC_DIR)"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    for path in out:
        assert path.startswith(str(venv)), out  # not the checkout
    assert (Path(out[1]) / "boundaries" / "units.geojson").is_file()


# ---------------------------------------------------------------- every command
def test_every_command_of_the_checkout_is_installed_and_answers_help(
        venv: Path, user_env: dict[str, str], tmp_path: Path) -> None:
    commands = _checkout_commands()
    assert {"extract", "verify", "measure", "zones", "export", "app"} <= set(commands)
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import argparse, frontline.cli as c; c._load_plugins(); p = c.build_parser(); "
         "print(*[n for a in p._actions if isinstance(a, argparse._SubParsersAction) "
         "for n in a.choices])"],
        cwd=tmp_path, env=user_env, capture_output=True, text=True, check=True)
    assert listed.stdout.split() == commands
    for name in commands:
        r = _run(venv, user_env, name, "--help", cwd=tmp_path)
        assert r.returncode == 0, (name, r.stderr)
        assert r.stdout.startswith(f"usage: frontline {name}"), (name, r.stdout[:200])


@pytest.fixture(scope="module")
def control(venv: Path, user_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
            ) -> Path:
    """R5's schematic zones written by the installed ``frontline schematic``: a control
    layer for the commands that measure one."""
    out = tmp_path_factory.mktemp("control") / "r5-control.geojson"
    r = _run(venv, user_env, "schematic", "R5", "--out", str(out), cwd=out.parent)
    assert r.returncode == 0, r.stderr
    features = json.loads(out.read_text())["features"]
    shares = {f["properties"]["code"]: f["properties"]["target_share_pct"] for f in features}
    assert shares["UA-14"] == 80.0 and shares["UA-40"] == 100.0
    return out


Check = Callable[[Path, dict[str, str], Path, Path], None]


def _json(r: subprocess.CompletedProcess[str]) -> object:
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _regions(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    units = _json(_run(venv, env, "regions", "--json", "--country", "UA", cwd=cwd))
    assert isinstance(units, list) and len(units) == 27
    assert {u["code"]: u["name_en"] for u in units}["UA-14"] == "Donetsk"


def _resolve(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    codes = _json(_run(venv, env, "resolve", "Zaporozhye", "Donbas", "--json", cwd=cwd))
    assert codes == {"Zaporozhye": ["UA-23"], "Donbas": ["UA-14", "UA-09"]}


def _reports(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    reports = _json(_run(venv, env, "reports", "--json", cwd=cwd))
    assert isinstance(reports, list)
    assert [x["id"] for x in reports] == ["R1", "R2", "R3", "R4", "R5"]


def _show(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    shown = _json(_run(venv, env, "show", "R1", "--json", cwd=cwd))
    assert isinstance(shown, dict)
    (donetsk,) = [u for u in shown["units"] if u["code"] == "UA-14"]
    assert donetsk["interval_text"] == "80–88 % (more than 80 %)"


def _check(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    r = _run(venv, env, "check", cwd=cwd)
    assert r.returncode == 0 and "5 report files valid" in r.stdout, r.stdout + r.stderr


def _compare(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    compared = _json(_run(venv, env, "compare", "R1", "R5", "--json", cwd=cwd))
    assert isinstance(compared, dict)
    (donetsk,) = [u for u in compared["units"] if u["code"] == "UA-14"]
    assert (donetsk["delta_share_pct"], donetsk["direction"]) == (-4.0, "down")


def _schematic(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    r = _run(venv, env, "schematic", "R1", cwd=cwd)  # to stdout
    assert r.returncode == 0, r.stderr
    shares = {f["properties"]["code"]: f["properties"]["target_share_pct"]
              for f in json.loads(r.stdout)["features"]}
    assert shares["UA-14"] == 84.0  # the central end of "more than 80 %"


def _measure(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    measured = _json(_run(venv, env, "measure", str(control), "--json", cwd=cwd))
    assert isinstance(measured, dict)
    shares = {u["code"]: u["share_pct"] for u in measured["units"]}
    assert shares["UA-14"] == pytest.approx(80.0, abs=0.1)
    assert shares["UA-40"] == pytest.approx(100.0, abs=0.1) and shares["RU-KRS"] == 0.0


def _verify(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    checked = _json(_run(venv, env, "verify", "R5", "--control", str(control), "--json",
                         cwd=cwd))
    assert isinstance(checked, dict)
    verdicts = {v["claim_id"]: v["verdict"] for v in checked["verdicts"]}
    assert set(verdicts) == {"R5-c1", "R5-c2", "R5-c3"}
    assert verdicts["R5-c3"] == "consistent"  # Ukraine holds 20 % of Donetsk: the layer's 80


def _series(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    days = cwd / "history"
    days.mkdir()
    shutil.copy(control, days / "control_20251020.geojson")
    r = _run(venv, env, "schematic", "R1", "--out", str(days / "control_20241120.geojson"),
             cwd=cwd)
    assert r.returncode == 0, r.stderr
    r = _run(venv, env, "series", str(days), "--units", "UA-14", "--json", str(cwd / "s.json"),
             cwd=cwd)
    assert r.returncode == 0, r.stderr
    rows = [x for x in json.loads((cwd / "s.json").read_text()) if x["code"] == "UA-14"]
    assert [(x["date"], round(x["share_pct"])) for x in rows] == [("2024-11-20", 84),
                                                                  ("2025-10-20", 80)]


def _zones(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    zones = _json(_run(venv, env, "zones", "R5", "--json", cwd=cwd))
    assert isinstance(zones, dict)
    (withdrawal,) = [z for z in zones["zones"] if z["zone_id"] == "withdrawal:0"]
    assert "Kramatorsk" in [c["name"] for c in withdrawal["cities"]]


def _export(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    r = _run(venv, env, "export", "R5", "--out", str(cwd / "out"), cwd=cwd)
    assert r.returncode == 0, r.stderr
    zone = json.loads((cwd / "out" / "zone_withdrawal.geojson").read_text())
    assert len(zone["features"]) == 1
    with zipfile.ZipFile(cwd / "out" / "R5-layers.zip") as z:
        assert "zone_withdrawal.geojson" in z.namelist() and len(z.namelist()) >= 8


def _render(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    r = _run(venv, env, "render", "R5", "--out", str(cwd / "r5.png"), cwd=cwd)
    assert r.returncode == 0, r.stderr
    assert (cwd / "r5.png").read_bytes()[:4] == b"\x89PNG"


def _extract(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    (cwd / "article.txt").write_text(ARTICLE, encoding="utf-8")
    claims = _json(_run(venv, env, "extract", "article.txt", "--json", cwd=cwd))
    assert isinstance(claims, dict)
    # the demand is for all of the ground (the convention); the 20 % it names is kept as
    # what Ukraine holds there, and is Ukraine's holding too
    assert [(c["kind"], c["actor"], c["region"], c["value"], c["qualifier"])
            for c in claims["claims"]] == [
        ("control_share", "RU", "UA-14", 80.0, "over"),
        ("demand_withdraw", "RU", "UA-14", None, "all"),
        ("control_share", "UA", "UA-14", 20.0, "exact")]
    assert claims["claims"][1]["held"] == {"value": 20.0, "unit": "percent",
                                           "qualifier": "exact"}


def _ingest(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    (cwd / "wire").mkdir()
    (cwd / "wire" / "a.txt").write_text("KYIV, October 20, 2025 (Wire) — Russia controls "
                                        "about 80% of the Donetsk region.", encoding="utf-8")
    (cwd / "wire" / "b.html").write_text(
        "<html><body><article><p>KYIV, October 21, 2025 — Russia holds more than 90% of "
        "the Donetsk region, officials said.</p></article></body></html>", encoding="utf-8")
    out = _json(_run(venv, env, "ingest", "wire", "--control", str(control), "--json", "-",
                     cwd=cwd))
    assert isinstance(out, dict)
    assert [(r["article"], r["verdict"]) for r in out["ledger"]] == [
        ("wire/a.txt", "consistent"), ("wire/b.html", "overstated")]
    assert out["outlets"][0]["outlet"] == "wire" and out["outlets"][0]["checked"] == 2


def _two_days(venv: Path, env: dict[str, str], cwd: Path) -> Path:
    """A history of two mapped days: R1's schematic zones (2024-11-20, Donetsk 84 %) and
    R5's (2025-10-20, 80 %)."""
    days = cwd / "history"
    days.mkdir()
    for rid, day in (("R1", "20241120"), ("R5", "20251020")):
        r = _run(venv, env, "schematic", rid, "--out", str(days / f"control_{day}.geojson"),
                 cwd=cwd)
        assert r.returncode == 0, r.stderr
    return days


def _change(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    days = _two_days(venv, env, cwd)
    out = _json(_run(venv, env, "change", "--history", str(days), "--from", "2024-11-20",
                     "--to", "2025-10-20", "--units", "UA-14", "--json", cwd=cwd))
    assert isinstance(out, dict)
    don = {t["code"]: t for t in out["totals"]}["UA-14"]
    # 84 % -> 80 % of Donetsk: 4 % of its 26,517 km², lost
    assert don["russia_gained_km2"] == 0.0
    assert don["russia_lost_km2"] == pytest.approx(0.04 * 26_517, rel=0.01)


def _pace(venv: Path, env: dict[str, str], cwd: Path, control: Path) -> None:
    days = _two_days(venv, env, cwd)
    out = _json(_run(venv, env, "pace", "UA-14", "--history", str(days), "--json", "-",
                     cwd=cwd))
    assert isinstance(out, dict)
    (rate,) = out["rates"]
    # the 334 days between the two maps share the loss evenly: none is one big day
    lost = 0.04 * 26_517
    assert rate["rate_km2_day"] == pytest.approx(-lost / 334, rel=0.01)


#: A real run of each command from the installed wheel, with its outcome checked.
RUNS: dict[str, Check] = {
    "regions": _regions, "resolve": _resolve, "reports": _reports, "show": _show,
    "check": _check, "compare": _compare, "schematic": _schematic, "measure": _measure,
    "verify": _verify, "series": _series, "zones": _zones, "export": _export,
    "render": _render, "extract": _extract, "ingest": _ingest, "change": _change,
    "pace": _pace,
}
#: Run for real by test_frontline_app_derives_ahead_and_serves_the_installed_app.
RUN_BY_THE_APP_TEST = {"app", "warm"}


def test_every_command_has_a_real_run_here() -> None:
    # a new command fails here until it gets a run in RUNS (a module it alone imports
    # might be missing from the wheel, which --help does not show)
    assert set(_checkout_commands()) == set(RUNS) | RUN_BY_THE_APP_TEST


@pytest.mark.parametrize("name", sorted(RUNS))
def test_each_command_runs_from_the_installed_wheel(
        name: str, venv: Path, user_env: dict[str, str], control: Path, tmp_path: Path) -> None:
    RUNS[name](venv, user_env, tmp_path, control)


# ---------------------------------------------------------------- the app
def test_frontline_app_passes_the_checkouts_streamlit_settings() -> None:
    from frontline.cmd_app import STREAMLIT_SETTINGS

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    flat = {f"{section}.{key}": str(value).lower() if isinstance(value, bool) else str(value)
            for section, values in config.items() for key, value in values.items()}
    assert flat.pop("server.headless") == "true"  # frontline app: --headless decides
    assert flat == STREAMLIT_SETTINGS
    assert STREAMLIT_SETTINGS["client.toolbarMode"] == "minimal"  # no "Deploy" button


def test_warm_if_cold_runs_warm_once_per_inputs(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    from frontline import cmd_app

    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FRONTLINE_USER_REPORTS", str(tmp_path / "reports"))
    calls: list[list[str]] = []

    def warm(argv: list[str]) -> int:
        calls.append(argv)
        return 0

    monkeypatch.setattr(cli, "main", warm)
    assert cmd_app.warm_if_cold() and calls == [["warm"]]
    assert not cmd_app.warm_if_cold() and len(calls) == 1  # kept: not again
    stamp = cmd_app.warm_stamp()
    assert stamp.exists() and stamp.parent == tmp_path / "cache" / "derived"
    (tmp_path / "reports").mkdir()  # a report saved from the app: its layers are new
    shutil.copy(ROOT / "data" / "reports" / "R1.yaml", tmp_path / "reports" / "A1.yaml")
    assert cmd_app.warm_stamp() != stamp
    assert cmd_app.warm_if_cold() and len(calls) == 2
    monkeypatch.setattr(cli, "main", lambda argv: 2)  # a failed warm keeps no stamp
    (tmp_path / "reports" / "A2.yaml").write_text("id: A2\n")
    assert cmd_app.warm_if_cold() and not cmd_app.warm_stamp().exists()


@pytest.mark.parametrize("missing", [("streamlit",), ("streamlit", "altair")])
def test_frontline_app_without_streamlit_says_how_to_install_at_once(
        missing: tuple[str, ...], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Without the app's libraries: exit 2 at once with the pip line (was: 19 s of
    deriving layers, then "No module named streamlit" from the server)."""
    import importlib.util

    from frontline import cmd_app

    real = importlib.util.find_spec

    def find_spec(name: str, *args: object, **kwargs: object) -> object:
        return None if name in missing else real(name, *args, **kwargs)  # type: ignore[arg-type]

    def never(*args: object) -> None:
        raise AssertionError(f"frontline app went on: {args}")

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(cmd_app, "warm_if_cold", never)
    monkeypatch.setattr(cmd_app.os, "execv", never)
    monkeypatch.setattr(cmd_app.os, "chdir", never)
    assert cmd_app.missing_app_modules() == list(missing)
    t0 = time.perf_counter()
    assert cli.main(["app", "--headless"]) == 2
    assert time.perf_counter() - t0 < 5
    cap = capsys.readouterr()
    assert not cap.out
    (line,) = cap.err.splitlines()
    assert line.startswith(f"frontline app: error: the app needs {', '.join(missing)}, ")
    assert 'pip install "frontline-atlas[app]"' in line


def test_frontline_app_derives_ahead_and_serves_the_installed_app(
        venv: Path, user_env: dict[str, str], tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_path = tmp_path / "app.log"
    log = log_path.open("w")
    proc = subprocess.Popen([str(venv / "bin" / "frontline"), "app", "--headless", "--port",
                             str(port)], cwd=tmp_path, env=user_env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 240  # the layers of five reports derived first
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, "frontline app did not start"
                time.sleep(0.3)
        with urllib.request.urlopen(url + "/app/static/leaflet.js", timeout=5) as r:
            assert r.status == 200 and b"Leaflet" in r.read(4000)
        text = log_path.read_text()
        assert "deriving the built-in reports' layers ahead" in text
        assert "frontline warm: 5 report(s) ready" in text
        stamps = list((Path(user_env["FRONTLINE_CACHE_DIR"]) / "derived").glob(".warm-*"))
        assert len(stamps) == 1
        cmdline = Path(f"/proc/{proc.pid}/cmdline")  # the server the command became
        if cmdline.exists():
            args = cmdline.read_bytes().split(b"\0")
            assert args[args.index(b"--client.toolbarMode") + 1] == b"minimal", args
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_no_source_file_holds_a_control_character() -> None:
    # a "\b" written where a raw string was not (r"\x08...") put a literal backspace into a
    # pattern of the learned reader: it never matched, and nothing said so
    root = Path(__file__).resolve().parent.parent
    bad = [f"{p.relative_to(root)}:{n}" for base in ("geo", "layers", "ui", "frontline",
                                                     "scripts", "benchmarks", "tests")
           for p in sorted((root / base).rglob("*.py"))
           for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
           if any(ord(ch) < 32 and ch != "\t" for ch in line)]
    assert bad == []
