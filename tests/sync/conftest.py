"""Sync tests run the real county server (`county-server serve`) on 127.0.0.1 with a free port."""

from __future__ import annotations

import pytest

from sync import client as sync_client

from . import pg
from .support import CountyServer


@pytest.fixture
def server(tmp_path):
    county = CountyServer(tmp_path / "county")
    county.start()
    yield county
    county.stop()



@pytest.fixture
def enrolled(server, conn, boss):
    """The station from the root conftest, enrolled with the running server as S001."""
    code = server.admin("station", "add", "--code", "S001", "--name", "龙雾村便民服务站").stdout.strip()
    assert sync_client.enroll(conn, server.url, code) == "S001"
    return conn



@pytest.fixture(autouse=True)
def county_database():
    """On PostgreSQL (COUNTY_TEST_DATABASE_URL): a fresh county database for each test, dropped after it."""
    if not pg.enabled():
        yield None
        return
    yield pg.begin_test()
    pg.end_test()


def pytest_collection_modifyitems(config, items):
    """Tests of SQLite's own file (an old county.db upgraded, bytes on disk) are not run on PostgreSQL, nor
    tests of PostgreSQL's own features (several server processes, the move from SQLite) on SQLite: run-tests.sh
    runs the suite on both."""
    unwanted = "sqlite_only" if pg.enabled() else "postgresql_only"
    kept = [item for item in items if item.get_closest_marker(unwanted) is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: a test of SQLite's own county.db file (not run on PostgreSQL)")
    config.addinivalue_line("markers", "postgresql_only: a test of PostgreSQL's own features (run-tests.sh runs "
                            "them with COUNTY_TEST_DATABASE_URL)")
