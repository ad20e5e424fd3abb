"""The package as a user installs it: a wheel in a fresh virtual environment, run from
another folder, with the boundaries and reports inside it and `frontline app` serving.

The fresh environment takes the wheel with ``--no-deps``; its dependencies come from the
test environment's site-packages through a ``.pth`` line (the registry is not asked for
streamlit or geopandas again; the project's own editable install is not on that path).
"""

from __future__ import annotations

import json
import os
import site
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("package")
    wheels = tmp / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    (wheel,) = wheels.glob("frontline_atlas-*.whl")
    env_dir = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "frontline-deps.pth").write_text(site.getsitepackages()[0] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=600)
    return env_dir


def _run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(venv / "bin" / "frontline"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_installed_package_carries_its_code_and_data(venv: Path, tmp_path: Path) -> None:
    out = subprocess.run([str(venv / "bin" / "python"), "-c",
                          "import geo, layers.assets as a; print(geo.__file__); "
                          "print(geo.DATA_DIR); print(a.STATIC_DIR)"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    for path in out:
        assert path.startswith(str(venv)), out  # not the checkout
    assert (Path(out[1]) / "boundaries" / "units.geojson").is_file()
    r = _run(venv, "reports", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert [x["id"] for x in json.loads(r.stdout)] == ["R1", "R2", "R3", "R4", "R5"]
    r = _run(venv, "render", "R5", "--out", str(tmp_path / "r5.png"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "r5.png").read_bytes()[:4] == b"\x89PNG"


def test_frontline_app_serves_the_installed_app(venv: Path, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    log = (tmp_path / "app.log").open("w")
    proc = subprocess.Popen([str(venv / "bin" / "frontline"), "app", "--headless", "--port",
                             str(port)], cwd=tmp_path, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, (tmp_path / "app.log").read_text()
                assert time.monotonic() < deadline, "frontline app did not start"
                time.sleep(0.3)
        with urllib.request.urlopen(url + "/app/static/leaflet.js", timeout=5) as r:
            assert r.status == 200 and b"Leaflet" in r.read(4000)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
