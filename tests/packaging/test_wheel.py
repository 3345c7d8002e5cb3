"""The wheel built from pyproject.toml, installed into a fresh venv, passes ``station-app --self-test``.

A wheel once shipped without its reference CSVs, sounds and translations, and the built-in reference data came
back empty without a word. This builds the wheel from a clean copy of the sources (a stale build/ folder could hide
a missing file), installs it offline from a local wheelhouse and runs the installed command as county IT would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("station_app", "sync", "resources", "translations", "setup.py", "pyproject.toml", "README.md")
# the dependencies' wheels, kept between runs so that later runs install with no index at all
WHEELHOUSE = Path(platformdirs.user_cache_dir("VillageStation")) / "test-wheelhouse"


def pip(python: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([python, "-m", "pip", "--disable-pip-version-check", "-q", *args],
                          capture_output=True, text=True, timeout=600)


def build_wheel(tmp: Path) -> Path:
    src, out = tmp / "src", tmp / "dist"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    built = pip(sys.executable, "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(src))
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = out.glob("village_station-*.whl")
    return wheel


def install(venv: Path, wheel: Path) -> None:
    python = (sys.executable, "--python", str(venv / "bin" / "python"))  # our pip drives the bare venv
    offline = ("install", "--no-index", "--find-links", str(wheel.parent), "--find-links", str(WHEELHOUSE),
               str(wheel))
    done = pip(*python, *offline)
    if done.returncode != 0:  # first run on this machine, or a new dependency: fetch its wheels once
        fetched = pip(*python, "download", "-d", str(WHEELHOUSE), str(wheel))
        assert fetched.returncode == 0, fetched.stderr[-3000:]
        # a wheel pip found in a configured find-links folder is not always copied into the wheelhouse:
        # install with the index this once (later runs are offline again)
        done = pip(*python, *(arg for arg in offline if arg != "--no-index"))
    assert done.returncode == 0, done.stderr[-3000:]


def test_installed_wheel_passes_its_self_test(tmp_path: Path):
    if os.name == "nt":  # the venv layout below is POSIX; the Windows bundle is checked by its own self-test
        return
    started = time.perf_counter()
    wheel = build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("station_app/resources/reference/prohibited_items.csv", "station_app/resources/sounds/ok.wav",
                    "station_app/translations/station_zh_CN.qm", "station_app/core/migrations/0001_initial.sql"):
        assert shipped in names
    built = time.perf_counter()

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    install(venv, wheel)
    installed = time.perf_counter()

    # run from an empty folder with a clean environment, so nothing of the source tree can be found instead
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "STATION_DATA_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run([str(venv / "bin" / "station-app"), "--self-test"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    print(f"wheel built {built - started:.1f} s, venv and install {installed - built:.1f} s, "
          f"self-test {time.perf_counter() - installed:.1f} s")
    assert run.returncode == 0, run.stdout + run.stderr
    site = next((venv / "lib").glob("python3*/site-packages"))
    assert str(site / "station_app") in run.stdout  # the installed copy's own resources were used
    assert "0 failed" in run.stdout
