"""Fixtures shared by every test: a real station database in a temporary data dir."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from station_app.core import db, station
from tests.console.support import browser, page  # noqa: F401 (one Chromium per session: tests/console, tests/city)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def conn(data_dir: Path):
    connection = db.open_db(data_dir)
    yield connection
    connection.close()


@pytest.fixture
def boss(conn):
    """A station with its first clerk (a supervisor), PIN 1234."""
    _, clerk = station.init_station(conn, "S001", "龙雾村便民服务站", "王芳", "1234")
    return clerk
