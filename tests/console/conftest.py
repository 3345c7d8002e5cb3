"""Console tests: the real `county-server serve` process, and Debian's headless Chromium driven by Playwright
(never `playwright install`: the browser is /usr/bin/chromium, installed by run-tests.sh)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.sync import pg
from tests.sync.support import CountyServer

from .support import ADMIN, ARGS, CHROMIUM, VIEWER, VIEWPORT, add_user


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


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium chromium-driver (run-tests.sh does it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(15_000)  # a loaded 2-core machine: waits poll up to this, never sleep
    yield context.new_page()
    context.close()
