"""The database file: pragmas, migrations with a backup first, atomic ops with their journal entries."""

from __future__ import annotations

import sqlite3

import pytest

from station_app.core import db, journal, parcels
from station_app.core.errors import StationError


def test_new_database_has_pragmas_and_latest_schema(conn):
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.schema_version(conn) == db.latest_version()
    assert db.quick_check(conn) == []


def test_migrations_run_in_order_each_atomic_with_a_backup_before_upgrading(tmp_path):
    path = tmp_path / "station.db"
    conn = db.connect(path)
    v1 = [(1, "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);")]
    assert db.apply_migrations(conn, path, v1) == [1]
    assert not (tmp_path / "backups").exists()  # nothing to protect in a brand-new file

    v2 = v1 + [(2, "CREATE TABLE b (y INTEGER);")]
    assert db.apply_migrations(conn, path, v2) == [2]
    copies = list((tmp_path / "backups").glob("station-before-v2-*.db"))
    assert len(copies) == 1
    copy = sqlite3.connect(copies[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT x FROM a").fetchall() == [(1,)]

    broken = v2 + [(3, "CREATE TABLE c (z INTEGER); INSERT INTO nowhere VALUES (1);")]
    with pytest.raises(sqlite3.OperationalError):
        db.apply_migrations(conn, path, broken)
    assert db.schema_version(conn) == 2
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'c'").fetchone() is None


def test_a_database_from_a_newer_app_is_refused(tmp_path):
    conn = db.connect(tmp_path / "station.db")
    conn.execute(f"PRAGMA user_version = {db.latest_version() + 5}")
    conn.close()
    with pytest.raises(StationError) as err:
        db.open_db(tmp_path)
    assert err.value.code == "db_too_new"


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    (tmp_path / "station.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StationError) as err:
        db.open_db(tmp_path)
    assert err.value.code == "db_unreadable"


def test_an_op_outside_a_transaction_is_a_programming_error(conn, boss):
    with pytest.raises(RuntimeError):
        journal.append(conn, "x", {}, clerk_id=boss.id)


def test_a_failed_change_leaves_neither_rows_nor_op(conn, boss):
    before = journal.count(conn)
    with pytest.raises(StationError):
        parcels.receive(conn, "SF1234567890123", clerk_id=boss.id, phone="12345")  # bad phone
    assert journal.count(conn) == before
    assert conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 0


def test_ops_have_increasing_sequence_and_unique_v7_ids(conn, boss):
    for i in range(20):
        parcels.receive(conn, f"SF{i:013d}", clerk_id=boss.id, phone="13800000000")
    ops = journal.pending(conn, limit=1000)
    seqs = [op.device_seq for op in ops]
    assert seqs == sorted(seqs)
    ids = [op.op_id for op in ops]
    assert len(set(ids)) == len(ids)
    assert all(i[14] == "7" for i in ids)  # version nibble
    assert ids == sorted(ids)  # time-ordered
    assert all(op.clerk_id for op in ops if op.type == "parcel.received")
