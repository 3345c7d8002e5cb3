"""The county server on either back-end (tests/sync/pg.py): /healthz, backup and restore, the SQLite county
copied into PostgreSQL with stations syncing on, four server processes taking concurrent resends exactly once,
and the two dialects' schemas agreeing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime

import httpx
import pytest

from station_app.core import db as station_db
from station_app.core import parcels
from station_app.core.ids import uuid7
from sync import client as sync_client
from sync import protocol
from sync.server import db
from sync.server.operations import pg_tool

from . import pg
from .support import CountyServer, new_station

postgresql_only = pytest.mark.postgresql_only
NOW = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def op(seq: int, op_type: str, payload: dict) -> dict:
    return {"op_id": uuid7(), "device_seq": seq, "type": op_type, "entity_id": None, "payload": payload,
            "created_at": NOW}


class SqliteServer(CountyServer):
    """A county on SQLite whatever the suite runs on (the county before it moves to PostgreSQL)."""

    @property
    def database(self) -> list[str]:
        return []

    def start(self) -> None:
        saved = os.environ.pop(db.URL_ENV, None)
        try:
            super().start()
        finally:
            if saved is not None:
                os.environ[db.URL_ENV] = saved

    def admin(self, *args: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != db.URL_ENV}
        return subprocess.run([sys.executable, "-m", "sync.server.cli", *args, "--data-dir", str(self.data_dir)],
                              capture_output=True, text=True, encoding="utf-8", timeout=60, env=env)

    def query(self, sql: str, *params) -> list[tuple]:
        conn = sqlite3.connect(self.data_dir / db.SQLITE_FILENAME)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


def receive(conn, clerk, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        parcels.receive(conn, f"SF{i:013d}", clerk_id=clerk.id, phone=f"139{i:08d}")


def test_healthz_says_the_database_is_reachable_its_migration_and_queues(server, tmp_path):
    answer = httpx.get(server.url + "/healthz", trust_env=False, timeout=10)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "ok" and body["database"] == ("postgresql" if pg.enabled() else "sqlite")
    assert body["migration"] == body["migration_expected"] >= 1
    assert body["queues"] == {"sms_outbox_queued": 0, "sms_texts_waiting": 0, "feed_items": 0}
    server.admin("station", "add", "--code", "S002", "--name", "二站")
    assert server.admin("message", "send", "--station", "all", "--text", "通知").returncode == 0
    assert httpx.get(server.url + "/healthz", trust_env=False, timeout=10).json()["queues"]["feed_items"] == 1
    # the database goes away: 503 with the reason, never a 500 or a hang
    if pg.enabled():
        name = pg.database_for(server.data_dir).rsplit("/", 1)[1]
        pg.run(pg.URL, f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        pg.run(pg.URL, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?", (name,))
    else:
        (server.data_dir / db.SQLITE_FILENAME).rename(server.data_dir / "moved.db")
        (server.data_dir / db.SQLITE_FILENAME).mkdir()  # a folder where the file was: cannot be opened
    down = httpx.get(server.url + "/healthz", trust_env=False, timeout=30)
    assert down.status_code == 503 and down.json()["status"] == "unavailable"
    assert "unreachable" in down.json()["reason"]
    if pg.enabled():
        pg.run(pg.URL, f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")


def test_a_backup_restores_to_the_same_county(server, enrolled, boss, tmp_path):
    receive(enrolled, boss, 3)
    sync_client.Syncer(enrolled).sync()
    copy = tmp_path / "county.backup"
    made = server.admin("backup", "--to", str(copy))
    assert made.returncode == 0, made.stderr
    assert copy.exists() and not copy.with_name(copy.name + ".partial").exists()
    if pg.enabled():  # the documented restore: pg_restore into an empty database
        restored = pg.database_for(tmp_path / "restored")
        pg.run(restored, "DROP SCHEMA public CASCADE")
        pg.run(restored, "CREATE SCHEMA public")
        done = subprocess.run([pg_tool("pg_restore"), "--no-owner", "-d", restored, str(copy)], capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr
        rows = pg.run(restored, "SELECT count(*) FROM ledger")
    else:  # the documented restore: the file back as county.db
        rows = sqlite3.connect(copy).execute("SELECT count(*) FROM ledger").fetchall()
    assert rows == server.query("SELECT count(*) FROM ledger") and rows[0][0] >= 3
    bad = server.admin("backup", "--to", str(tmp_path / "no" / "such" / "folder" / "x"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


@postgresql_only
def test_a_sqlite_county_moves_to_postgresql_and_its_stations_sync_on_without_enrolling(tmp_path, conn, boss):
    old = SqliteServer(tmp_path / "county-sqlite")
    old.data_dir.mkdir(parents=True)
    old.start()
    try:
        code = old.admin("station", "add", "--code", "S001", "--name", "龙雾村").stdout.strip()
        assert sync_client.enroll(conn, old.url, code) == "S001"
        receive(conn, boss, 5)
        sync_client.Syncer(conn).sync()
        assert old.admin("user", "list").returncode == 0
        before = {t: old.query(f"SELECT count(*) FROM {t}")[0][0] for t in ("ledger", "parcels", "credentials",
                                                                           "devices", "rollups", "sms_outbox")}
        high = old.query("SELECT high_seq FROM devices")
    finally:
        old.stop()
    assert before["ledger"] >= 5
    target = pg.database_for(tmp_path / "county-pg")
    moved = subprocess.run([sys.executable, "-m", "sync.server.cli", "migrate", "--from-data-dir",
                            str(old.data_dir), "--database", target], capture_output=True, text=True, timeout=120)
    assert moved.returncode == 0, moved.stderr
    again = subprocess.run([sys.executable, "-m", "sync.server.cli", "migrate", "--from-data-dir",
                            str(old.data_dir), "--database", target], capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "not empty" in again.stderr and "Traceback" not in again.stderr
    for table, count in before.items():
        assert pg.run(target, f"SELECT count(*) FROM {table}") == [(count,)], table
    assert pg.run(target, "SELECT high_seq FROM devices") == high
    new = CountyServer(tmp_path / "county-pg")
    new.data_dir.mkdir()
    (new.data_dir / "note").write_text("the SQLite data folder's other files move with county IT's copy")
    new.start()
    try:
        token = sync_client.state(conn, "token")
        with station_db.transaction(conn):  # the county's new address; the same token, no new enrolment
            sync_client.set_state(conn, "server", new.url)
            # the station sends again what the county already has (as after a lost answer): nothing twice
            conn.execute("UPDATE journal SET sync_state = 'pending'")
        receive(conn, boss, 2, start=100)
        report = sync_client.Syncer(conn).sync()
        assert sync_client.state(conn, "token") == token and report.rejected == 0
        assert report.applied == 2 and report.duplicate >= before["ledger"]
        ledger = pg.run(target, "SELECT op_id FROM ledger")
        assert len(ledger) == before["ledger"] + 2 and len(set(ledger)) == len(ledger)
        assert pg.run(target, "SELECT count(*) FROM parcels") == [(before["parcels"] + 2,)]
        assert pg.run(target, "SELECT count(*) FROM rejections") == [(0,)]
    finally:
        new.stop()


@postgresql_only
def test_four_server_processes_apply_concurrent_resends_exactly_once(tmp_path):
    url = pg.database_for(tmp_path / "county")
    county = CountyServer(tmp_path / "county")
    county.data_dir.mkdir(parents=True)
    proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--data-dir", str(county.data_dir),
                             "--port", str(county.port), "--database", url, "--workers", "4"],
                            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "server.log", "ab"))
    county.proc = proc
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(county.url + "/healthz", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        stations = [new_station(tmp_path, county, f"S20{n}") for n in range(3)]
        tokens = [sync_client.state(conn, "token") for conn, _ in stations]
        batches = {n: [[op(b * 20 + i + 1, "parcel.received", {
            "parcel_id": uuid7(), "waybill": f"SF{n}{b:03d}{i:08d}", "courier": "SF", "pickup_code": f"1-1-{i:04d}",
            "shelf": 1, "layer": 1, "from_manifest": False, "damaged": False, "damage_note": "",
            "recipient_name": "张三", "recipient_phone": "", "phone_tail": ""}) for i in range(20)] for b in range(4)]
            for n in range(3)}
        statuses: list[int] = []
        applied: Counter[str] = Counter()
        errors: list[BaseException] = []

        def push(n: int) -> None:  # each batch sent three times, by several threads at once
            try:
                with httpx.Client(trust_env=False, timeout=120) as http:
                    for batch in batches[n]:
                        answer = http.post(county.url + "/v1/ops", content=protocol.encode({"ops": batch}),
                                           headers={"Authorization": f"Bearer {tokens[n]}",
                                                    "Content-Encoding": "xz"})
                        statuses.append(answer.status_code)
                        if answer.status_code == 200:
                            for op_, status in zip(batch, answer.json()["statuses"], strict=True):
                                if status == "a":
                                    applied[op_["op_id"]] += 1
            except BaseException as exc:  # reported on the test's thread
                errors.append(exc)

        threads = [threading.Thread(target=push, args=(n,)) for n in range(3) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        assert all(s == 200 or 400 <= s < 500 or s == 503 for s in statuses), Counter(statuses)
        assert max(applied.values()) == 1  # no op answered "applied" twice
        every = {o["op_id"] for n in range(3) for b in batches[n] for o in b}
        # whatever a 503 turned away, one more send of everything lands each op exactly once
        with httpx.Client(trust_env=False, timeout=120) as http:
            for n in range(3):
                for batch in batches[n]:
                    answer = http.post(county.url + "/v1/ops", content=protocol.encode({"ops": batch}),
                                       headers={"Authorization": f"Bearer {tokens[n]}", "Content-Encoding": "xz"})
                    assert answer.status_code == 200 and set(answer.json()["statuses"]) <= {"a", "d"}
        ledger = pg.run(url, "SELECT op_id FROM ledger")
        assert len(ledger) == len(every) and {r[0] for r in ledger} == every
        assert pg.run(url, "SELECT count(*) FROM parcels") == [(len(every),)]
        assert pg.run(url, "SELECT station, high_seq FROM devices ORDER BY station") == [
            (f"S20{n}", 80) for n in range(3)]
        for conn, _ in stations:
            conn.close()
    finally:
        county.stop()
    log = (tmp_path / "server.log").read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]


@postgresql_only
def test_both_dialects_make_the_same_tables_and_columns(tmp_path):
    from sync.server import storage

    storage.init(tmp_path / "s", "")
    lite = sqlite3.connect(tmp_path / "s" / db.SQLITE_FILENAME)
    tables = [r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                         "'sqlite_%'")]
    sqlite_shape = {t: {r[1] for r in lite.execute(f"PRAGMA table_info({t})")} for t in tables}
    url = pg.database_for(tmp_path / "p")
    pg_shape: dict[str, set[str]] = {}
    for table, column in pg.run(url, "SELECT table_name, column_name FROM information_schema.columns WHERE "
                                     "table_schema = 'public'"):
        pg_shape.setdefault(table, set()).add(column)
    for columns in pg_shape.values():  # SQLite's implicit rowid is a column on PostgreSQL
        columns.discard("rowid")
    assert sqlite_shape == pg_shape
