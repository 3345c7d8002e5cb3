"""The PostgreSQL back-end under test: with COUNTY_TEST_DATABASE_URL (a server where we may create databases,
e.g. the throwaway one run-tests.sh starts) every county server in tests/sync and tests/console keeps its data in
a fresh database, copied from a migrated template (CREATE DATABASE … TEMPLATE: ~0.1 s instead of migrating)."""

from __future__ import annotations

import atexit
import os
import subprocess
import uuid
from pathlib import Path

import psycopg

from sync.server import db, storage

URL = os.environ.get("COUNTY_TEST_DATABASE_URL", "").strip() or None
TEMPLATE = f"county_test_template_{os.getpid()}"  # one per test session: sessions may share a server
_databases: dict[Path, str] = {}  # a county's data folder → its database (the same after a restart)
_template_ready = False


def enabled() -> bool:
    return URL is not None


def _with_db(url: str, name: str) -> str:
    head, _, tail = url.partition("://")
    where, _, query = tail.partition("?")
    server = where.split("/", 1)[0]
    return f"{head}://{server}/{name}" + (f"?{query}" if query else "")


def _admin() -> psycopg.Connection:
    return psycopg.connect(URL, autocommit=True)


def _ensure_template() -> None:
    """Once per test session: a template migrated by this code (dropped first: the schema may have changed)."""
    global _template_ready
    if _template_ready:
        return
    with _admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    storage.init(Path("/nonexistent"), _with_db(URL, TEMPLATE))
    db.close_pools()  # no connection may stay open on a template
    atexit.register(_drop, [TEMPLATE])
    _template_ready = True


_created: list[str] = []  # dropped when the test ends
_lasting: dict[Path, str] = {}  # made for a module's county (outside any test): dropped when the session ends
_unclaimed: list[str] = []  # the test's own database (in COUNTY_DATABASE_URL), for its first county
_in_test = False


def _new() -> str:
    _ensure_template()
    name = "county_t_" + uuid.uuid4().hex[:16]
    with _admin() as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    if _in_test:
        _created.append(name)
    else:
        atexit.register(_drop, [name])
    return _with_db(URL, name)


def _drop(names: list[str]) -> None:
    with _admin() as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def begin_test() -> str:
    """A fresh database for this test, set as COUNTY_DATABASE_URL in the test process (so `county-server`
    commands and in-process storage.connect reach it) and claimed by the test's first county server."""
    global _in_test
    _in_test = True
    url = _new()
    _unclaimed[:] = [url]
    os.environ[db.URL_ENV] = url
    return url


def database_for(data_dir: Path) -> str:
    """The URL of this county's database: the test's own for its first county, a new one for any other."""
    data_dir = Path(data_dir).resolve()
    if data_dir in _lasting:
        return _lasting[data_dir]
    if not _in_test:  # a module's county, set up before the test that first needs it
        _lasting[data_dir] = _new()
        return _lasting[data_dir]
    if data_dir not in _databases:
        _databases[data_dir] = _unclaimed.pop() if _unclaimed else _new()
    return _databases[data_dir]


def end_test() -> None:
    """After each test: its databases go (the servers are stopped; FORCE ends any stray connection)."""
    global _in_test
    _in_test = False
    os.environ.pop(db.URL_ENV, None)
    db.close_pools()
    names = list(_created)
    _created.clear()
    _databases.clear()
    _unclaimed.clear()
    _drop(names)


def run(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """A statement with ``?`` placeholders on a county's database; plain tuples back (like sqlite3's)."""
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(db.pg_sql(sql), params)
        return [tuple(r) for r in cur.fetchall()] if cur.description else []


def database_bytes(data_dir: Path) -> bytes:
    """Everything the county database holds, as bytes to search: SQLite's file, or a plain pg_dump."""
    if not enabled():
        return (Path(data_dir) / db.SQLITE_FILENAME).read_bytes()
    from sync.server.operations import pg_tool

    return subprocess.run([pg_tool("pg_dump"), "--format=plain", database_for(data_dir)], capture_output=True,
                          check=True).stdout
