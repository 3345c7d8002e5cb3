"""The console's templates and style sheet ship inside the wheel (package data), so an installed county server
serves its pages with nothing from the source tree."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .support import build_wheel

ASSETS = Path(__file__).resolve().parents[2] / "sync" / "server" / "console"


def test_the_wheel_carries_every_console_template_and_asset(tmp_path):
    names = set(zipfile.ZipFile(build_wheel(tmp_path)).namelist())
    wanted = {f"sync/server/console/{p.relative_to(ASSETS).as_posix()}"
              for folder in ("templates", "static") for p in (ASSETS / folder).iterdir()}
    assert {"sync/server/console/templates/base.html", "sync/server/console/static/console.css"} <= wanted
    assert wanted <= names, sorted(wanted - names)
