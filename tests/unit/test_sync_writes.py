"""The sync client changes station tables only through core functions: core's schema has one writer."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITE = re.compile(r"\b(INSERT|UPDATE|DELETE|REPLACE)\b.*\b(INTO|SET|FROM)\b|\bUPDATE\s+\w+\s+SET\b", re.I | re.S)


def sql_writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.value[:60] for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and WRITE.search(node.value)]


def test_sync_station_side_writes_no_sql_of_its_own():
    # sync/state.py keeps the sync's own bookkeeping table (sync_state); every other table belongs to core
    assert sql_writes(ROOT / "sync" / "client.py") == [] and sql_writes(ROOT / "sync" / "feed.py") == []
    found = sql_writes(ROOT / "sync" / "state.py")
    assert all("sync_state" in text for text in found), found


def test_the_guard_sees_each_kind_of_write():
    for sql in ("INSERT OR REPLACE INTO manifest (waybill_key) VALUES (?)", "UPDATE notifications SET state = ?",
                "DELETE FROM couriers", "REPLACE INTO county_messages VALUES (?)"):
        assert WRITE.search(sql), sql
    assert not WRITE.search("SELECT version FROM reference WHERE kind = ?")
