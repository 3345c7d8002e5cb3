"""`county-server backup` and `county-server migrate`: the county database as a whole.

backup: SQLite through its online backup API (a consistent copy while the server runs), PostgreSQL through
pg_dump's custom format. Restore (README, "PostgreSQL"): stop the server; SQLite: copy the file back as
county.db in the data folder; PostgreSQL: ``pg_restore --clean --if-exists --no-owner -d URL FILE``.

migrate: an existing SQLite county (county.db in ``--from-data-dir``) copied whole into an empty PostgreSQL
database (``--database``): ledger, projections, credentials, devices and their sequences, console users and
sessions, SMS texts, everything; stations keep their tokens and sync on without enrolling again. One transaction:
on any refusal nothing is left half-copied."""

from __future__ import annotations

import argparse
import glob
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from . import db, storage

COMMANDS = ("backup", "migrate")


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser("backup", parents=[common], help="a consistent copy of the county database, while "
                            "the server runs (SQLite: a database file; PostgreSQL: pg_dump's custom format)")
    backup.add_argument("--to", required=True, metavar="FILE")
    migrate = sub.add_parser("migrate", help="copy a SQLite county (its data folder) into an empty PostgreSQL "
                             "database; stations keep their credentials")
    migrate.add_argument("--from-data-dir", required=True, metavar="DIR", help="the SQLite county's data folder")
    migrate.add_argument("--database", required=True, metavar="URL", help="postgresql://… (empty)")
    migrate.add_argument("--data-dir", default=None, help=argparse.SUPPRESS)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        if args.command == "backup":
            return backup(data_dir, Path(args.to))
        return migrate(Path(args.from_data_dir), args.database)
    except db.ERRORS as err:
        print(f"县级数据库出错，未完成操作 / the county database refused: {db.reason(err)}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"无法写入或读取文件 / cannot use the file: {err}", file=sys.stderr)
        return 1


# ----- backup --------------------------------------------------------------------------------------------------
def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: on PATH, else Debian's versioned folder (newest first)."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)),
                                       None)
    if not found:
        raise OSError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def backup(data_dir: Path, target: Path) -> int:
    url = db.database_url()
    partial = target.with_name(target.name + ".partial")  # a copy that stopped half-way never looks complete
    partial.unlink(missing_ok=True)
    if url:
        done = subprocess.run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), url],
                              capture_output=True, text=True)
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            print(f"备份失败 / pg_dump failed: {done.stderr.strip()[:300]}", file=sys.stderr)
            return 1
    else:
        if not (data_dir / db.SQLITE_FILENAME).exists():
            print(f"没有县级数据库 / no county database in {data_dir}", file=sys.stderr)
            return 1
        source = db.connect_sqlite(data_dir)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)  # the online backup API: consistent while the server keeps writing
        finally:
            copy.close()
            source.close()
    partial.replace(target)
    print(f"已备份到 / backed up to {target} ({target.stat().st_size} bytes)")
    return 0


# ----- SQLite → PostgreSQL -------------------------------------------------------------------------------------
def migrate(source_dir: Path, url: str) -> int:
    if not db.is_postgresql(url):
        print("--database 应为 postgresql://… 地址 / --database must be a postgresql:// URL", file=sys.stderr)
        return 2
    if not (source_dir / db.SQLITE_FILENAME).exists():
        print(f"没有县级数据库 / no county database in {source_dir}", file=sys.stderr)
        return 1
    storage.init(source_dir, "")  # the old file brought to today's shape first (as the server would at start)
    storage.init(source_dir, url)
    source = db.connect_sqlite(source_dir)
    target = db.connect_postgresql(url)
    try:
        copied = copy_all(source, target)
    except Refusal as err:
        print(f"未复制任何内容 / nothing copied: {err}", file=sys.stderr)
        return 1
    finally:
        source.close()
        target.close()
    for table, count in copied.items():
        print(f"{table}: {count}")
    print(f"已迁移到 PostgreSQL / migrated: {sum(copied.values())} rows in {len(copied)} tables")
    return 0


class Refusal(Exception):
    pass


def _pg_columns(target: Any) -> dict[str, dict[str, str]]:
    """table → column → data type, for the county's tables on PostgreSQL."""
    out: dict[str, dict[str, str]] = {}
    for table, column, kind in target.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = "
            "current_schema() ORDER BY table_name, ordinal_position").fetchall():
        out.setdefault(table, {})[column] = kind
    return out


def copy_all(source: sqlite3.Connection, target: Any) -> dict[str, int]:
    pg = _pg_columns(target)
    tables = [r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                           "'sqlite_%' AND name <> 'schema_migrations' ORDER BY name")]
    missing = sorted(set(tables) - set(pg))
    if missing:  # a table only SQLite has would be lost: its PostgreSQL migration is missing
        raise Refusal(f"PostgreSQL lacks the tables {', '.join(missing)} (add their migration)")
    raw = target._raw  # the psycopg connection: COPY, the fast path for millions of ledger rows
    copied: dict[str, int] = {}
    with raw.transaction():
        raw.execute("SET CONSTRAINTS ALL DEFERRED")  # stations before credentials is not the file's order
        for table in tables:
            if raw.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                raise Refusal(f"the PostgreSQL database is not empty ({table} has rows)")
            have = [r[1] for r in source.execute(f"PRAGMA table_info({table})")]
            lacking = sorted(set(have) - set(pg[table]))
            if lacking:
                raise Refusal(f"PostgreSQL's {table} lacks the columns {', '.join(lacking)}")
            columns = list(have)
            select = ", ".join(columns)
            if "rowid" in pg[table] and "rowid" not in have:  # SQLite's implicit arrival order, made explicit
                columns.append("rowid")
                select += ", rowid"
            names = ", ".join(f'"{c}"' for c in columns)
            count = 0
            with raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {select} FROM {table} ORDER BY rowid"):
                    copy.write_row(tuple(row))
                    count += 1
            copied[table] = count
        for table, shape in pg.items():  # identities continue after the copied numbers
            for column in shape:
                if raw.execute("SELECT pg_get_serial_sequence(%s, %s)", (table, column)).fetchone()[0]:
                    raw.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                                f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)")
    return copied
