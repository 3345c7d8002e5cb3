"""Reference data in force: the county's latest snapshot (from sync), else the built-in default we ship."""

from __future__ import annotations

import csv
import json
import sqlite3
from typing import Any

from .. import paths


def builtin(kind: str) -> list[dict[str, str]]:
    path = paths.resource("reference", f"{kind}.csv")
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def rows(conn: sqlite3.Connection, kind: str) -> list[dict[str, Any]]:
    """The county's rows for a kind once it has sent them; until then the built-in ones."""
    row = conn.execute("SELECT body FROM reference WHERE kind = ?", (kind,)).fetchone()
    if row is not None:
        return list(json.loads(row[0])["rows"])
    return builtin(kind)
