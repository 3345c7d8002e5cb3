"""One storage layer, two back-ends: SQLite (the embedded default, a file in the data folder) and PostgreSQL
(county IT's production store, chosen with ``--database postgresql://…`` or ``COUNTY_DATABASE_URL``).

Every module of the county server speaks to the database the same way, in SQLite's shape:
``conn.execute(sql, params)`` with ``?`` placeholders, rows readable as ``row["col"]`` and ``row[0]``, and
``transaction(conn)`` around writes. On PostgreSQL a small wrapper keeps that shape over psycopg 3: it translates
the placeholders, hands out connections from a per-process pool, and runs each transaction SERIALIZABLE (SQLite's
BEGIN IMMEDIATE is one writer at a time; serializable is the same promise with many writers, paid for with
retries: a conflict raises ``Busy`` and ``retrying`` runs the whole unit of work again).

The wrapper is typed as ``sqlite3.Connection`` for the modules that take one (see ``connect``): it implements
the part of that interface the county server uses (execute, executemany, executescript, close, the cursor's
fetchone/fetchall/rowcount/iteration)."""

from __future__ import annotations

import functools
import os
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, cast

import psycopg
import psycopg_pool

URL_ENV = "COUNTY_DATABASE_URL"
POOL_ENV = "COUNTY_DB_POOL"  # connections per server process (each uvicorn worker has its own pool)
SQLITE_FILENAME = "county.db"
RETRIES = 12

T = TypeVar("T")


class Busy(Exception):
    """The database could not do this now (a serialisation conflict, a deadlock, no free connection): the same
    work may be tried again. The HTTP side answers 503 with Retry-After once retries are used up."""


def database_url() -> str | None:
    """The PostgreSQL database this process uses, or None for SQLite in the data folder."""
    url = os.environ.get(URL_ENV, "").strip()
    return url or None


def is_postgresql(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


def dialect(conn: Any) -> str:
    return str(getattr(conn, "dialect", "sqlite"))


# ----- SQLite --------------------------------------------------------------------------------------------------
class SqliteConnection(sqlite3.Connection):
    dialect = "sqlite"


def connect_sqlite(data_dir: Path) -> sqlite3.Connection:
    data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(data_dir / SQLITE_FILENAME, isolation_level=None, timeout=30, check_same_thread=False,
                           factory=SqliteConnection)
    conn.row_factory = sqlite3.Row
    deadline = time.monotonic() + 30
    while True:  # turning a new file to WAL needs it alone: a second first connection is refused, not queued
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                conn.close()
                raise
            time.sleep(0.05)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


# ----- PostgreSQL ----------------------------------------------------------------------------------------------
_SQLITE_HINTS = re.compile(r"\s+(?:INDEXED\s+BY\s+\w+|NOT\s+INDEXED)\b", re.IGNORECASE)
# "? IS NULL": a NULL parameter has no type PostgreSQL can infer (SQLite needs none); text takes any value
_NULL_TEST = re.compile(r"(?<![\w'])\?(\s+IS\s+(?:NOT\s+)?NULL)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def pg_sql(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (and a literal ``%`` doubled), leaving quoted text alone. SQLite's
    index hints (``INDEXED BY``: its planner needs them where PostgreSQL's does not) are dropped."""
    sql = _NULL_TEST.sub(r"CAST(? AS TEXT)\1", _SQLITE_HINTS.sub("", sql))
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = ""
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class Row(tuple):  # type: ignore[type-arg]
    """A result row readable like sqlite3.Row: by position, by column name, ``keys()``, ``dict(row)``."""

    _names: tuple[str, ...]

    def __new__(cls, values: Sequence[Any], names: tuple[str, ...]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = tuple(c.name for c in cursor.description or ())
    return lambda values: Row(values, names)


_RETRYABLE_STATES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available


def _retryable(err: BaseException) -> bool:
    if isinstance(err, psycopg_pool.PoolTimeout):
        return True
    return isinstance(err, psycopg.Error) and getattr(err, "sqlstate", None) in _RETRYABLE_STATES


class PgCursor:
    """psycopg's cursor, iterable and fetchable like sqlite3's."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description else []

    def fetchmany(self, size: int = 1) -> list[Any]:
        return self._cursor.fetchmany(size) if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    @property
    def description(self) -> Any:
        return self._cursor.description


class PgConnection:
    """A pooled psycopg connection in SQLite's shape (see the module's docstring). ``close`` gives it back."""

    dialect = "postgresql"

    def __init__(self, pool: Any, raw: Any) -> None:
        self._pool, self._raw = pool, raw

    @property
    def in_transaction(self) -> bool:
        return bool(self._raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        cursor = self._raw.cursor()
        try:
            cursor.execute(pg_sql(sql), tuple(params))
        except Exception as err:
            if _retryable(err):
                raise Busy(str(err).splitlines()[0] if str(err) else type(err).__name__) from err
            raise
        return PgCursor(cursor)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PgCursor:
        cursor = self._raw.cursor()
        try:
            cursor.executemany(pg_sql(sql), [tuple(r) for r in rows])
        except Exception as err:
            if _retryable(err):
                raise Busy(str(err).splitlines()[0]) from err
            raise
        return PgCursor(cursor)

    def executescript(self, script: str) -> None:
        self._raw.execute(script)  # no parameters: psycopg sends it as one simple query

    def commit(self) -> None:  # autocommit outside transaction(): nothing to do, as with SQLite's
        pass

    def close(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            self._pool.putconn(raw)  # the pool rolls back an unfinished transaction


_pools: dict[str, Any] = {}
_pools_lock = threading.Lock()


def _configure(raw: Any) -> None:
    """Every pooled connection: SQLite-shaped rows, and whole numbers where SQLite gives them (sum() of a
    BIGINT is NUMERIC in PostgreSQL; the county's figures are integers and must not become Decimal in JSON)."""
    from psycopg.types.numeric import NumericLoader

    class WholeNumericLoader(NumericLoader):
        def load(self, data: Any) -> Any:
            value = super().load(data)
            return int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else value

    raw.adapters.register_loader("numeric", WholeNumericLoader)
    raw.row_factory = _row_factory


def pool_for(url: str) -> Any:
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            # once, directly: an unreachable server or a wrong password is said at once, in PostgreSQL's words
            # (the pool would retry in the background and report only "no free connection" after its timeout)
            psycopg.connect(url, connect_timeout=10).close()
            size = max(2, int(os.environ.get(POOL_ENV, "10") or 10))
            pool = psycopg_pool.ConnectionPool(url, min_size=1, max_size=size, kwargs={"autocommit": True},
                                  configure=_configure, timeout=30, open=True, name="county")
            _pools[url] = pool
        return pool


def close_pools() -> None:
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()


def connect_postgresql(url: str) -> sqlite3.Connection:
    pool = pool_for(url)
    try:
        raw = pool.getconn()
    except Exception as err:
        if _retryable(err):
            raise Busy("no free database connection") from err
        raise
    # Typed as sqlite3.Connection so every module keeps its annotations: see the module's docstring.
    return cast(sqlite3.Connection, PgConnection(pool, raw))


def connect(data_dir: Path, url: str | None = None) -> sqlite3.Connection:
    url = url if url is not None else database_url()
    if is_postgresql(url):
        return connect_postgresql(str(url))
    return connect_sqlite(data_dir)


# ----- transactions --------------------------------------------------------------------------------------------
@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One unit of work, all or nothing. SQLite: BEGIN IMMEDIATE (the one writer). PostgreSQL: SERIALIZABLE;
    a conflict with another transaction raises ``Busy`` (run the work again with ``retrying``)."""
    if dialect(conn) != "postgresql":
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return
    conn.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
    try:
        yield conn
    except BaseException:
        try:
            conn.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - the connection broke; the pool discards it
            pass
        raise
    conn.execute("COMMIT")  # a serialisation failure may show only here: Busy, like any other conflict


def retrying(work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` again after a ``Busy`` (a short random pause, growing), at most RETRIES times."""
    for attempt in range(RETRIES):
        try:
            return work(*args)
        except Busy:
            if attempt == RETRIES - 1:
                raise
            time.sleep(random.uniform(0, 0.01 * 2 ** min(attempt, 6)))
    raise AssertionError("unreachable")


# What a refusing database raises, on either back-end (for a sentence instead of a traceback): any error of the
# database itself, and the subset meaning "unreachable, locked or full now" (a 503, try later).
ERRORS: tuple[type[BaseException], ...] = (sqlite3.DatabaseError, psycopg.Error, psycopg_pool.PoolTimeout, Busy)
UNAVAILABLE: tuple[type[BaseException], ...] = (sqlite3.OperationalError, psycopg.OperationalError,
                                                psycopg_pool.PoolTimeout, Busy)


def reason(err: BaseException) -> str:
    """One line for a person, never a traceback (psycopg's messages carry a DETAIL and a caret on more lines)."""
    text = str(err).strip()
    return text.splitlines()[0][:300] if text else type(err).__name__
