"""Exactly-once upload over a bad link, against the real county server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta

import httpx
import pytest

from station_app.core import backups, db, journal, parcels
from station_app.core.clock import utc_now
from sync import client as sync_client
from sync import protocol

from .support import DroppingProxy


def receive_many(conn, boss, n, start=0, **kw):
    for i in range(start, start + n):
        parcels.receive(conn, f"SF{i:013d}", clerk_id=boss.id, phone="13812345678", **kw)


def ledger(server, station="S001") -> int:
    return server.query("SELECT count(*) FROM ledger WHERE station = ?", station)[0][0]


def test_full_sync_uploads_everything_once_and_the_report_adds_up(server, enrolled, boss):
    # texts go out from the county's sender: no merge window or quiet hours here, so they go at once
    assert server.admin("sms", "set", "--merge-minutes", "0", "--quiet", "off").returncode == 0
    receive_many(enrolled, boss, 12)
    report = sync_client.Syncer(enrolled).sync()
    total = journal.count(enrolled)
    assert report.applied == total and report.duplicate == report.rejected == 0
    assert ledger(server) == total and sync_client.pending_count(enrolled) == 0
    deadline = time.monotonic() + 60  # the 12 parcels for one phone go out as one text
    while server.query("SELECT count(*) FROM sms_outbox WHERE state = 'sent'")[0][0] < 12 \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    day = (utc_now() + timedelta(hours=8)).date().isoformat()
    result = server.admin("report", "station", "S001", "--date", day)
    assert '"received": 12' in result.stdout and '"in_stock": 12' in result.stdout
    assert '"notifications_sent": 12' in result.stdout
    again = sync_client.Syncer(enrolled).sync()
    assert (again.applied, again.batches) == (0, 0)
    # the county sent the texts and said so through the feed
    assert {r[0] for r in enrolled.execute("SELECT state FROM notifications")} == {"sent"}


def test_answer_lost_after_the_server_committed_is_resent_and_counted_once(server, enrolled, boss):
    receive_many(enrolled, boss, 30)
    proxy = DroppingProxy(server.port)
    drops = iter([True])
    proxy.drop = lambda line: line.startswith("POST /v1/ops") and next(drops, False)
    syncer = sync_client.Syncer(enrolled, http=sync_client.make_http(proxy.url))
    with pytest.raises(sync_client.SyncError) as err:
        syncer.sync()
    assert err.value.code == "network"
    committed = ledger(server)
    assert committed == journal.count(enrolled)  # the server did apply the batch
    assert sync_client.pending_count(enrolled) == committed  # the station could not know
    report = syncer.sync()
    assert report.duplicate == committed and report.applied == 0
    assert ledger(server) == committed and sync_client.pending_count(enrolled) == 0
    proxy.close()


def test_the_same_batch_sent_twice_at_once_is_applied_once(server, enrolled, boss):
    receive_many(enrolled, boss, 200)
    ops = [{"op_id": op.op_id, "device_seq": op.device_seq, "type": op.type, "entity_id": op.entity_id,
            "payload": op.payload, "created_at": op.created_at, "station": "S001"}
           for op in journal.pending(enrolled, limit=500)]
    token = sync_client.state(enrolled, "token")
    answers = []

    def post():
        with httpx.Client(trust_env=False) as http:
            answers.append(http.post(server.url + "/v1/ops", content=protocol.encode({"ops": ops}), timeout=60,
                                     headers={"Authorization": f"Bearer {token}", "Content-Encoding": "xz"}))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [op["op_id"] for op in ops]
    statuses = [status for a in answers for _, status, _ in protocol.read_results(a.json(), ids)]
    assert statuses.count("applied") == len(ops) and statuses.count("duplicate") == len(ops)
    assert ledger(server) == len(ops)


def test_server_killed_mid_upload_then_restarted_loses_and_halves_nothing(server, enrolled, boss, data_dir):
    receive_many(enrolled, boss, 3000)
    total = journal.count(enrolled)
    errors = []

    def upload():  # the GUI's way: a worker with its own connection
        conn = db.open_db(data_dir)
        try:
            sync_client.Syncer(conn).push(sync_client.SyncReport())
        except sync_client.SyncError as err:
            errors.append(err.code)
        finally:
            conn.close()

    worker = threading.Thread(target=upload)
    worker.start()
    deadline = time.monotonic() + 30
    while ledger(server) < 500 and time.monotonic() < deadline:
        time.sleep(0.005)
    server.kill()
    worker.join()
    done = ledger(server)
    assert errors == ["network"] and 0 < done < total
    assert done % protocol.MAX_BATCH_OPS == 0  # each batch is one transaction: only whole batches arrived
    server.start()
    report = sync_client.Syncer(enrolled).sync()
    assert ledger(server) == total and sync_client.pending_count(enrolled) == 0
    assert report.applied == total - done  # the rest, and the batches already there were acknowledged before


def test_clock_wrong_by_a_year_either_way_loses_nothing_and_keeps_the_order(server, enrolled, boss):
    now = utc_now()
    receive_many(enrolled, boss, 3, now=now + timedelta(days=366))
    receive_many(enrolled, boss, 3, start=3, now=now - timedelta(days=400))  # the clock went backwards
    receive_many(enrolled, boss, 3, start=6)
    sync_client.Syncer(enrolled).sync()
    local = [r[0] for r in enrolled.execute("SELECT op_id FROM journal ORDER BY device_seq")]
    remote = [r[0] for r in server.query("SELECT op_id FROM ledger ORDER BY device_seq")]
    assert remote == local
    # reconcile of those odd days matches too: nothing is re-sent
    report = sync_client.SyncReport()
    assert not sync_client.Syncer(enrolled).reconcile(report, days=10) and report.resent == 0


def test_reconcile_resends_what_the_county_lost(server, enrolled, boss):
    receive_many(enrolled, boss, 5)
    sync_client.Syncer(enrolled).sync()
    lost = enrolled.execute("SELECT op_id FROM journal WHERE type = 'parcel.received' LIMIT 2").fetchall()
    server.stop()  # the county restores its own older backup: two ops are gone from its ledger
    server.execute("DELETE FROM ledger WHERE op_id IN (?, ?)", lost[0][0], lost[1][0])
    server.start()
    report = sync_client.Syncer(enrolled).sync()
    assert report.resent == 2 and report.applied == 2
    assert ledger(server) == journal.count(enrolled)


def test_restored_from_an_older_backup_is_detected_nothing_lost_or_doubled(server, enrolled, boss, data_dir):
    receive_many(enrolled, boss, 5)
    sync_client.Syncer(enrolled).sync()
    backup = db.backup_copy(enrolled, data_dir / "old", "manual")
    receive_many(enrolled, boss, 5, start=5)
    sync_client.Syncer(enrolled).sync()
    before = ledger(server)
    enrolled.close()
    backups.restore(backup, data_dir)  # a backup holds no county key: the restore keeps this PC's
    restored = db.open_db(data_dir)
    parcels.receive(restored, "YT0000000000777", clerk_id=boss.id, phone="13812345678")
    report = sync_client.Syncer(restored).sync()
    assert report.restore_detected and sync_client.state(restored, "restore_detected")
    assert ledger(server) == before + 1  # the new op arrived; nothing twice
    high = server.query("SELECT max(device_seq) FROM ledger")
    parcels.receive(restored, "YT0000000000778", clerk_id=boss.id, phone="13812345678")
    newest = restored.execute("SELECT max(device_seq) FROM journal").fetchone()[0]
    assert newest > high[0][0]  # new ops are numbered after everything the county has seen
    restored.close()


def test_three_weeks_offline_ten_thousand_ops_resume_batch_by_batch(server, enrolled, boss):
    start = utc_now() - timedelta(days=21)
    with db.transaction(enrolled):
        for i in range(10_000):
            journal.append(enrolled, "parcel.flagged_damaged", {"parcel_id": f"p{i}", "note": str(i)}, clerk_id=boss.id,
                           entity_id=f"p{i}", at=(start + timedelta(minutes=3 * i)).isoformat().replace("+00:00", "Z"))
    proxy = DroppingProxy(server.port)
    count = {"n": 0}

    def every_fifth(line):
        if line.startswith("POST /v1/ops"):
            count["n"] += 1
            return count["n"] % 5 == 0
        return False

    proxy.drop = every_fifth
    syncer = sync_client.Syncer(enrolled, http=sync_client.make_http(proxy.url))
    attempts = 0
    while True:
        attempts += 1
        try:
            syncer.sync()
            break
        except sync_client.SyncError as err:
            assert err.code == "network" and attempts < 20
    assert ledger(server) == journal.count(enrolled) and sync_client.pending_count(enrolled) == 0
    assert attempts > 1  # the link did fail on the way
    proxy.close()


def test_station_killed_during_feed_apply_keeps_cursor_and_data_in_step(server, enrolled, tmp_path, data_dir):
    rows = "".join(f"S001,ZT{i:012d},中通,收件人,138{i:08d}\n" for i in range(4000))
    manifest = tmp_path / "feed.csv"
    manifest.write_text("station,waybill,courier,recipient_name,recipient_phone\n" + rows, encoding="utf-8")
    assert server.admin("manifest", "import", str(manifest)).returncode == 0
    enrolled.close()
    script = ("import sys; from pathlib import Path; from station_app.core import db; from sync import client;"
              "c = db.open_db(Path(sys.argv[1])); print('go', flush=True); "
              "client.Syncer(c).pull_feed(client.SyncReport())")
    proc = subprocess.Popen([sys.executable, "-c", script, str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "go"
    # kill as soon as the first items are committed: 4,000 one-item transactions cannot finish in the few
    # milliseconds between seeing the first row and the kill, on an idle machine or a loaded one
    watcher = sqlite3.connect(data_dir / "station.db", timeout=30)
    deadline = time.monotonic() + 120
    while watcher.execute("SELECT count(*) FROM manifest WHERE source = 'county'").fetchone()[0] == 0:
        assert proc.poll() is None and time.monotonic() < deadline, "the feed was never applied"
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    watcher.close()
    proc.wait()
    conn = db.open_db(data_dir)
    cursor = int(sync_client.state(conn, "feed_cursor", "0"))
    first_seq = server.query("SELECT min(seq) FROM feed WHERE station = 'S001'")[0][0]
    county_rows = conn.execute("SELECT count(*) FROM manifest WHERE source = 'county'").fetchone()[0]
    assert 0 < county_rows < 4000  # killed part-way
    assert county_rows == cursor - first_seq + 1  # every applied item, and only those, behind the cursor
    sync_client.Syncer(conn).pull_feed(sync_client.SyncReport())
    assert conn.execute("SELECT count(*) FROM manifest WHERE source = 'county'").fetchone()[0] == 4000
    conn.close()
