"""Reference data in force: the county's latest snapshot (from sync), else the built-in default we ship."""

from __future__ import annotations

import csv
import json
import sqlite3
from typing import Any

from .. import paths
from .clock import to_iso, utc_now


class BuiltinDataMissing(RuntimeError):
    """The reference data shipped with the app is not where it should be: a broken install, not a clerk's doing.

    Never answered with an empty list: an empty prohibited list or price table would let the counter go on
    quietly wrong."""


def builtin(kind: str) -> list[dict[str, str]]:
    path = paths.resource("reference", f"{kind}.csv")
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            found = []
            for row in reader:
                if None in row:  # more cells than the header names: a damaged file, not a list with a .strip
                    raise BuiltinDataMissing(f"built-in reference data {kind!r} is damaged: line {reader.line_num} "
                                             f"has more columns than its header: {path}")
                found.append({k: (v or "").strip() for k, v in row.items()})
    except (OSError, csv.Error) as exc:
        raise BuiltinDataMissing(f"built-in reference data {kind!r} missing or unreadable: {path}") from exc
    if not found:
        raise BuiltinDataMissing(f"built-in reference data {kind!r} is empty: {path}")
    return found


def held_version(conn: sqlite3.Connection, kind: str) -> int | None:
    """The version of the county's snapshot in force for a kind, None while the built-in one is."""
    row = conn.execute("SELECT version FROM reference WHERE kind = ?", (kind,)).fetchone()
    return int(row[0]) if row else None


def store(conn: sqlite3.Connection, kind: str, version: int, digest: str, body: str) -> None:
    """Put the county's snapshot in force (inside the caller's transaction)."""
    conn.execute("INSERT OR REPLACE INTO reference (kind, version, sha256, body, applied_at) VALUES (?,?,?,?,?)",
                 (kind, version, digest, body, to_iso(utc_now())))


def rows(conn: sqlite3.Connection, kind: str) -> list[dict[str, Any]]:
    """The county's rows for a kind once it has sent them; until then the built-in ones."""
    row = conn.execute("SELECT body FROM reference WHERE kind = ?", (kind,)).fetchone()
    if row is not None:
        return list(json.loads(row[0])["rows"])
    return builtin(kind)
