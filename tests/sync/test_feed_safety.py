"""County feed items are applied exactly once whatever runs at the same time, and one the station cannot apply
is refused, reported and passed: against the real county server and real `station-app sync` processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from station_app.core import db, journal, produce
from station_app.core.errors import StationError
from sync import client as sync_client

ROOT = Path(__file__).resolve().parents[2]


def take_in_lot(conn, boss, net_g=10_000) -> str:
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", village="龙雾村", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "特级", net_g, 0, 0, 1_300, 1), clerk_id=boss.id)
    return lot.lot_no


def county_import(server, tmp_path, kind, header, rows):
    path = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.csv"
    path.write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return server.admin(kind, "import", str(path))


def sold_in(conn, lot_no) -> list[int]:
    return [r[0] for r in conn.execute("SELECT s.sold_g FROM sales s JOIN lots l ON l.id = s.lot_id "
                                       "WHERE l.lot_no = ?", (lot_no,))]


def county_sold(server) -> list[int]:
    return [json.loads(r[0])["sold_g"] for r in server.query(
        "SELECT payload FROM ledger WHERE type = 'produce.sold'")]


def station_cli(data_dir, *args, timeout=90) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "station_app", *args, "--data-dir", str(data_dir), "--lang",
                             "zh_CN"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env=env, cwd=ROOT)


@pytest.fixture
def sale_queued(server, enrolled, boss, tmp_path):
    """A 10,000 g lot the county knows of; 300 expected parcels, then a 5,000 g / ¥65 sale in the feed (the
    parcels make the feed long enough that two syncs started together overlap while applying it)."""
    lot_no = take_in_lot(enrolled, boss)
    sync_client.Syncer(enrolled).sync()
    rows = [f"S001,ZT{i:016d},中通,张三,13812345678" for i in range(300)]
    assert county_import(server, tmp_path, "manifest", "station,waybill,courier,recipient_name,recipient_phone",
                         rows).returncode == 0
    done = county_import(server, tmp_path, "sale", "station,lot_no,sold_g,sales_fen", [f"S001,{lot_no},5000,6500"])
    assert done.returncode == 0, done.stderr
    return lot_no


# ----- item 1: two syncs at once --------------------------------------------------------------------------------
def test_an_item_two_syncs_fetched_is_applied_once(server, enrolled, sale_queued, data_dir):
    """The slower sync comes back with items the faster one has applied meanwhile: it must skip them."""
    other = db.connect(data_dir / db.DB_FILENAME)
    slow, fast = sync_client.Syncer(enrolled), sync_client.Syncer(other)
    fetched = slow.call("GET", "/v1/feed", params={"after": 0, "limit": 500})["items"]
    fast.sync()
    assert sold_in(enrolled, sale_queued) == [5000]
    for item in fetched:
        slow.apply_feed_item(item)
    slow.sync()
    assert sold_in(enrolled, sale_queued) == [5000]
    assert county_sold(server) == [5000]
    assert enrolled.execute("SELECT count(*) FROM manifest").fetchone()[0] == 300
    other.close()


def test_two_threads_syncing_at_once_apply_the_sale_once(server, enrolled, sale_queued, data_dir):
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def run():
        conn = db.connect(data_dir / db.DB_FILENAME)
        try:
            start.wait()
            outcomes.append(sync_client.Syncer(conn).sync())
        except sync_client.SyncError as err:
            outcomes.append(err.code)
        finally:
            conn.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(isinstance(o, sync_client.SyncReport) or o == "sync_busy" for o in outcomes), outcomes
    assert any(isinstance(o, sync_client.SyncReport) for o in outcomes)
    sync_client.Syncer(enrolled).sync()  # whatever the busy one skipped goes up now
    assert sold_in(enrolled, sale_queued) == [5000]
    assert county_sold(server) == [5000]


def test_two_station_processes_syncing_at_once_apply_the_sale_once(server, enrolled, sale_queued, data_dir):
    procs = [station_cli(data_dir, "sync") for _ in range(2)]  # the day-end task meets a second one
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results  # the second waited for the first
    assert sold_in(enrolled, sale_queued) == [5000]
    assert county_sold(server) == [5000]
    assert "Traceback" not in "".join(out + err for out, err in results)


def test_station_sync_gives_up_on_a_held_lock_after_its_wait_and_says_so(server, enrolled, data_dir):
    with FileLock(data_dir / "sync.lock", thread_local=False):  # the counter's automatic sync is running
        proc = station_cli(data_dir, "sync", "--wait", "1")
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "另一个同步" in err and "Traceback" not in err, err
    assert sync_client.state(enrolled, "last_error") == ""  # the sync that holds the lock reports for itself


# ----- item 2: an item the station cannot apply -----------------------------------------------------------------
def test_county_checks_lots_at_sale_import_with_line_numbers(server, enrolled, boss, tmp_path):
    lot_no = take_in_lot(enrolled, boss)
    header = "station,lot_no,sold_g,sales_fen"
    assert county_import(server, tmp_path, "sale", header, [f"S001,{lot_no},4000,5200"]).returncode == 1  # not synced
    sync_client.Syncer(enrolled).sync()
    bad = county_import(server, tmp_path, "sale", header, [
        f"S001,{lot_no},4000,5200", "S001,S001-991231001,100,130", f"S001,{lot_no},7000,9100", f"S001,{lot_no},x,1"])
    assert bad.returncode == 1
    assert "line 3" in bad.stderr and "S001-991231001" in bad.stderr
    assert "line 4" in bad.stderr and "6000 g left" in bad.stderr  # 10,000 − the 4,000 of line 2
    assert "line 5" in bad.stderr and "line 2" not in bad.stderr
    assert server.query("SELECT count(*) FROM feed WHERE kind = 'sale_result'")[0][0] == 0  # nothing queued
    assert county_import(server, tmp_path, "sale", header, [f"S001,{lot_no},4000,5200"]).returncode == 0
    # the queued sale counts before the station has entered it, and after
    again = county_import(server, tmp_path, "sale", header, [f"S001,{lot_no},6001,7800"])
    assert again.returncode == 1 and "6000 g left" in again.stderr
    sync_client.Syncer(enrolled).sync()
    assert sold_in(enrolled, lot_no) == [4000]
    produce.return_unsold(enrolled, lot_no, 1000, clerk_id=boss.id)
    sync_client.Syncer(enrolled).sync()
    again = county_import(server, tmp_path, "sale", header, [f"S001,{lot_no},5001,7800"])
    assert again.returncode == 1 and "5000 g left" in again.stderr
    assert county_import(server, tmp_path, "sale", header, [f"S001,{lot_no},5000,6500"]).returncode == 0


def test_an_item_the_station_cannot_apply_is_refused_reported_and_passed(server, enrolled, boss, tmp_path):
    lot_no = take_in_lot(enrolled, boss)
    sync_client.Syncer(enrolled).sync()
    # the county sells 6,000 g; meanwhile the clerk typed in a 5,000 g sale that has not reached the county
    assert county_import(server, tmp_path, "sale", "station,lot_no,sold_g,sales_fen",
                         [f"S001,{lot_no},6000,7800"]).returncode == 0
    produce.record_sale(enrolled, lot_no, 5000, 6500, source="manual", clerk_id=boss.id)
    # and items from before the county checked anything: an unknown lot, a damaged body
    for body in ({"lot_no": "S001-991231001", "sold_g": 100, "sales_fen": 130},
                 {"lot_no": lot_no, "sold_g": "lots", "sales_fen": 1}):
        server.execute("INSERT INTO feed (station, kind, body, created_at) VALUES ('S001', 'sale_result', ?, "
                       "'2026-11-25T00:00:00Z')", json.dumps(body))
    assert server.admin("message", "send", "--station", "S001", "--kind", "instruction", "--text",
                        "明天班车改为 9 点").returncode == 0

    report = sync_client.Syncer(enrolled).sync()  # no exception: the feed goes on past them
    assert report.feed_refused == 3
    assert sold_in(enrolled, lot_no) == [5000]
    assert sync_client.state(enrolled, "last_error") == "feed_refused"
    refused = sync_client.feed_refusals(enrolled)
    assert [r["code"] for r in refused] == ["feed_item_malformed", "lot_unknown", "sale_exceeds_lot"]
    assert "5000 g left" in refused[2]["detail"]
    kinds = [(r["kind"], json.loads(r["body"])) for r in sync_client.unread_messages(enrolled)]
    assert [k for k, _ in kinds] == ["feed_refused"] * 3 + ["instruction"]
    assert kinds[0][1]["params"]["left_kg"] == "5.000"
    # the county hears of each refusal, with the item's seq and the reason
    told = [json.loads(r[0]) for r in server.query("SELECT payload FROM ledger WHERE type = 'feed.refused' "
                                                   "ORDER BY device_seq")]
    seqs = [r[0] for r in server.query("SELECT seq FROM feed WHERE kind = 'sale_result' ORDER BY seq")]
    assert [t["seq"] for t in told] == seqs and told[0]["code"] == "sale_exceeds_lot"
    # later items still arrive, and nothing is refused twice
    assert server.admin("message", "send", "--station", "S001", "--text", "通知").returncode == 0
    report = sync_client.Syncer(enrolled).sync()
    assert report.feed_items == 1 and report.feed_refused == 0
    assert sync_client.state(enrolled, "last_error") == ""
    # county import now sees the station's manual sale and the refusal: 5,000 g left
    assert "5000 g left" in county_import(server, tmp_path, "sale", "station,lot_no,sold_g,sales_fen",
                                          [f"S001,{lot_no},5001,1"]).stderr


def test_selling_more_than_the_lot_holds_says_how_much_is_left(conn, boss):
    lot_no = take_in_lot(conn, boss, net_g=12_345)
    produce.record_sale(conn, lot_no, 2_000, 2_600, source="manual", clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        produce.record_sale(conn, lot_no, 10_346, 1, source="manual", clerk_id=boss.id)
    assert err.value.code == "sale_exceeds_lot" and err.value.params["left_kg"] == "10.345"
    with pytest.raises(StationError) as err:
        produce.record_sale(conn, lot_no, 0, 1, source="manual", clerk_id=boss.id)
    assert err.value.code == "sale_invalid"


# ----- item 12: an op larger than the upload limit --------------------------------------------------------------
def big_manifest_op(conn, boss, rows: int) -> str:
    # the declared shape of manifest.imported (sync/ops.py): ~65 bytes of JSON per waybill
    payload = {"source": "expected.csv", "sha256": "0" * 64, "rows": rows,
               "waybills": [f"JD{i:030d}{'X' * 30}" for i in range(rows)]}
    with db.transaction(conn):
        return journal.append(conn, "manifest.imported", payload, clerk_id=boss.id)


def test_an_op_too_large_to_upload_is_set_aside_and_the_rest_go_up(server, enrolled, boss, data_dir):
    before = [big_manifest_op(enrolled, boss, 2_000) for _ in range(3)]
    huge = big_manifest_op(enrolled, boss, 300_000)  # ~20 MB of JSON: over the county's limit on its own
    after = [big_manifest_op(enrolled, boss, 120_000) for _ in range(3)]  # ~8 MB each: one batch would be too big
    proc = station_cli(data_dir, "sync")
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    assert "太大" in err and "Traceback" not in out + err
    uploaded = {r[0] for r in server.query("SELECT op_id FROM ledger")}
    assert set(before + after) <= uploaded and huge not in uploaded
    assert enrolled.execute("SELECT sync_state FROM journal WHERE op_id = ?", (huge,)).fetchone()[0] == "too_large"
    aside = sync_client.set_aside(enrolled)
    assert [r["op_id"] for r in aside] == [huge] and aside[0]["bytes"] > 16 * 1024 * 1024
    assert sync_client.pending_count(enrolled) == 0
    assert sync_client.state(enrolled, "last_error") == "op_too_large"
    again = sync_client.Syncer(enrolled).sync()  # nothing blocks the next sync
    assert again.batches == 0 and again.set_aside == 0


def test_a_hundred_thousand_long_waybills_reach_the_county_through_station_app_sync(server, enrolled, boss,
                                                                                     data_dir, tmp_path):
    """Issue 11 item 12 end to end: the import becomes ops that fit, the sync cuts batches by size, all arrive."""
    import random
    import string

    from station_app.core import manifest

    rng = random.Random(12)
    chars = string.ascii_uppercase + string.digits
    waybills = [rng.choice(string.ascii_uppercase) + "".join(rng.choices(chars, k=39)) for _ in range(100_000)]
    raw = ("waybill,courier,recipient_name,recipient_phone\n"
           + "".join(f"{w},,,138{n % 10**8:08d}\n" for n, w in enumerate(waybills))).encode()
    assert manifest.import_bytes(enrolled, raw, source="county.csv", clerk_id=boss.id) == 100_000
    proc = station_cli(data_dir, "sync")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    rows = server.query("SELECT payload FROM ledger WHERE type = 'manifest.imported'")
    arrived = [w for (payload,) in rows for w in json.loads(payload)["waybills"]]
    assert sorted(arrived) == sorted(waybills)  # every waybill once, none set aside
    assert sync_client.set_aside(enrolled) == [] and sync_client.pending_count(enrolled) == 0


# ----- item 7: the device_seq the county reports --------------------------------------------------------------
def test_an_absurd_device_seq_from_the_county_is_never_adopted(server, enrolled, boss, data_dir):
    from station_app.core import parcels

    parcels.receive(enrolled, "SF0000000000001", clerk_id=boss.id, phone="13812345678")
    sync_client.Syncer(enrolled).sync()
    sent = enrolled.execute("SELECT max(device_seq) FROM journal").fetchone()[0]
    # another station posing as this device (or a damaged county database) claims 2^63 − 1 of its ops
    server.execute("UPDATE devices SET high_seq = ?", 2**63 - 1)
    parcels.receive(enrolled, "SF0000000000002", clerk_id=boss.id, phone="13812345678")
    report = sync_client.Syncer(enrolled).sync()
    parcels.receive(enrolled, "SF0000000000003", clerk_id=boss.id, phone="13812345678")  # still writes
    newest = enrolled.execute("SELECT max(device_seq) FROM journal").fetchone()[0]
    assert newest < 2**53 and newest <= sent + 20
    assert report.seq_suspicious and sync_client.state(enrolled, "seq_suspicious")  # and the clerk is told
