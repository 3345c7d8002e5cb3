"""Console tests: the real `county-server serve` process, and Debian's headless Chromium driven by Playwright
(never `playwright install`: the browser is /usr/bin/chromium, installed by run-tests.sh)."""

from __future__ import annotations

import pytest

from tests.sync import pg
from tests.sync.support import CountyServer

from .support import ADMIN, VIEWER, add_user


@pytest.fixture(autouse=True)
def county_database():
    """On PostgreSQL (COUNTY_TEST_DATABASE_URL): a fresh county database for each test, dropped after it."""
    if not pg.enabled():
        yield None
        return
    yield pg.begin_test()
    pg.end_test()


@pytest.fixture
def county(tmp_path):
    """A running county server with one admin and one viewer."""
    server = CountyServer(tmp_path / "county")
    server.data_dir.mkdir(parents=True)
    for (name, password), role in ((ADMIN, "admin"), (VIEWER, "viewer")):
        assert add_user(server, name, role, password).returncode == 0
    server.start()
    yield server
    server.stop()
    log = (tmp_path / "server.log").read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]  # no console request may end in an unhandled error
