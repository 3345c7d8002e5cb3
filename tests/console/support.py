"""What console tests share: the accounts, signing in through the browser, the page's CSRF token, and a wheel
built from a clean copy of the sources."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.sync.support import CountyServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--lang=zh-CN"]
ADMIN, VIEWER = ("张主任", "county-admin-pass"), ("李干事", "county-viewer-pass")
VIEWPORT = {"width": 1366, "height": 768}


def add_user(server: CountyServer, name: str, role: str, password: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", "user", "add", "--name", name, "--role", role,
                           "--password-stdin", "--data-dir", str(server.data_dir), *server.database],
                          input=password + "\n",
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def login(page: Page, county: CountyServer, who: tuple[str, str]) -> None:
    page.goto(county.url + "/")
    page.fill("#login-name", who[0])
    page.fill("#login-password", who[1])
    page.click("#login-submit")
    page.wait_for_url(county.url + "/")  # the overview


def csrf_of(page: Page) -> str:
    token = page.get_attribute('meta[name="csrf-token"]', "content")
    assert token
    return token


def build_wheel(tmp: Path) -> Path:
    """The wheel from a clean copy of what it is built from (a stale build/ folder could hide a missing file)."""
    src, out = tmp / "src", tmp / "dist"
    for name in ("station_app", "sync", "resources", "translations", "setup.py", "pyproject.toml", "README.md"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            src.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    built = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "wheel", "--no-deps",
                            "--no-build-isolation", "-w", str(out), str(src)], capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = out.glob("village_station-*.whl")
    return wheel


def check_page(page: Page, name: str, keep: Path | None, nav: bool = True) -> None:
    """A page fits a 1366-pixel screen, has its title and navigation and no template or traceback text; with
    ``keep`` (CONSOLE_SCREENSHOTS) a full-page PNG of it is kept for a person to look at."""
    assert page.inner_text("#page-title").strip(), name
    assert (page.locator("header nav a").count() >= 8) == nav, name
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a 1366-pixel screen"
    assert not re.search(r"\{\{|\{%|Traceback", page.content()), name
    if keep:
        page.screenshot(path=str(keep / f"{name}.png"), full_page=True)


@pytest.fixture(scope="session")
def browser() -> Browser:
    """Debian's headless Chromium, once per session (tests/console and tests/city)."""
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
