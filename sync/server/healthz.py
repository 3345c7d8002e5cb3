"""``GET /healthz`` for county IT's monitoring: the database reachable, its migration version, queue depths.

200 with the figures while all is well; 503 with the reason when the database cannot be reached or is behind
this server's migrations. Nothing personal, no secrets: counts only."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from . import db, schema_versions, storage

REACH_TIMEOUT = 3  # seconds: a monitor must hear back even when PostgreSQL does not answer


def check(data_dir: Path) -> tuple[int, dict[str, Any]]:
    url = db.database_url()
    answer: dict[str, Any] = {"database": "postgresql" if url else "sqlite"}
    try:
        conn = _reach(data_dir, url)
    except db.ERRORS as err:
        return 503, {**answer, "status": "unavailable", "reason": f"database unreachable: {db.reason(err)}"}
    try:
        version = schema_versions.current(conn)
        wanted = schema_versions.newest(db.dialect(conn))
        queues = {
            "sms_outbox_queued": _count(conn, "SELECT count(*) FROM sms_outbox WHERE state = 'queued'"),
            "sms_texts_waiting": _count(conn, "SELECT count(*) FROM sms_texts WHERE state IN ('queued', 'sending')"),
            # the feed held for stations (each keeps its own cursor, so what one has not fetched is not known here)
            "feed_items": _count(conn, "SELECT count(*) FROM feed"),
        }
    except db.ERRORS as err:
        return 503, {**answer, "status": "unavailable", "reason": f"database refused: {db.reason(err)}"}
    finally:
        conn.close()
    answer.update({"migration": version, "migration_expected": wanted, "queues": queues})
    if version < wanted:
        return 503, {**answer, "status": "behind", "reason": "database schema older than this server"}
    return 200, {**answer, "status": "ok"}


def _reach(data_dir: Path, url: str | None) -> sqlite3.Connection:
    if not url:
        return storage.connect(data_dir)
    import psycopg

    # Not from the pool: a pooled connection may be alive while new ones are refused (and the pool waits 30 s).
    raw = psycopg.connect(url, autocommit=True, connect_timeout=REACH_TIMEOUT)
    db._configure(raw)
    return db.PgConnection(_Closing(), raw)  # type: ignore[return-value]


class _Closing:
    """The 'pool' of a connection made for one check: given back means closed."""

    def putconn(self, raw: Any) -> None:
        raw.close()


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])
