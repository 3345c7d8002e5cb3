"""A hostile station with its own valid credentials, against the real county server process: malformed ops,
another station's device id, forged texts; and texts under concurrent uploads. Never a 500; the rest applies."""

from __future__ import annotations

import hashlib
import json
import lzma
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from station_app.core import journal, parcels, station
from station_app.core.ids import uuid7
from sync import client as sync_client
from sync import protocol

from .support import new_station

NOW = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def china_today() -> str:
    return (datetime.now(UTC) + timedelta(hours=8)).date().isoformat()


def post(server, token: str, body: dict | str) -> httpx.Response:
    """Posts JSON as written here (NaN, lone surrogates and all: ASCII-escaped JSON keeps them)."""
    text = body if isinstance(body, str) else json.dumps(body)
    return httpx.post(server.url + "/v1/ops", content=lzma.compress(text.encode()), timeout=60, trust_env=False,
                      headers={"Authorization": f"Bearer {token}", "Content-Encoding": "xz"})


def op(seq: int, op_type: str, payload: dict, **extra) -> dict:
    return {"op_id": uuid7(), "device_seq": seq, "type": op_type, "entity_id": None, "payload": payload,
            "created_at": NOW, **extra}


def accepted(**changes) -> dict:
    payload = {"sending_id": uuid7(), "waybill": "S66600000001", "waybill_source": "station", "courier": "ZTO",
               "sender_id": uuid7(), "recipient_name": "李四", "recipient_phone": "13912345678", "province": "广东",
               "city": "广州市", "county": "天河区", "address": "路", "item": "衣服", "inspected": True,
               "weight_g": 2300, "chargeable_g": 2300, "fee_fen": 2000, "payment": "cash", "approved_by": None,
               "findings": []}
    return payload | changes


def hostile(tmp_path, server, code="S666"):
    conn, clerk = new_station(tmp_path, server, code)
    return conn, clerk, sync_client.state(conn, "token")


def test_malformed_ops_are_rejected_one_by_one_with_reasons_and_the_report_still_adds_up(server, tmp_path):
    conn, _, token = hostile(tmp_path, server)
    deep: list = []
    for _ in range(400):  # deep, but within what the parser takes: the op is refused, not the batch
        deep = [deep]
    bad = [
        op(1, "sending.accepted", accepted(fee_fen=float("nan"))),
        op(2, "sending.accepted", accepted(fee_fen=float("inf"))),
        op(3, "sending.accepted", accepted(fee_fen=2**63 - 1)),
        op(4, "sending.accepted", accepted(weight_g=-500)),
        op(5, "sending.accepted", accepted(fee_fen="2000")),
        op(6, "sending.accepted", accepted(fee_fen=True)),
        op(7, "sending.accepted", accepted(recipient_name="李\ud800")),
        op(8, "sending.accepted", accepted(findings=deep)),
        op(9, "produce.taken_in", {"lot_id": uuid7()}),
        op(10, "parcel.teleported", {}),
        op(2**63 - 1, "sending.accepted", accepted()),
        op(2**64, "sending.accepted", accepted()),
        {**op(11, "sending.accepted", accepted()), "op_id": "\ud800"},
        op(12, "sending.accepted", accepted(), created_at="not a time"),
        "not an op",
    ]
    good = [op(13, "sending.accepted", accepted(fee_fen=1500)), op(14, "sending.accepted", accepted(fee_fen=500))]
    answer = post(server, token, {"ops": bad + good})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["statuses"] == "r" * len(bad) + "aa"
    codes = list(body["rejected"].values())
    assert {"field_type", "field_range", "field_encoding", "field_missing", "type_unknown",
            "op_malformed"} <= set(codes)
    assert any("fee_fen" in d for d in body["details"].values())  # in words: which field, what is wrong
    assert server.query("SELECT count(*) FROM ledger WHERE station = 'S666'")[0][0] == 2
    assert server.query("SELECT count(*) FROM security_log WHERE event = 'op_invalid' AND station = 'S666'"
                        )[0][0] == len(bad)
    day = china_today()
    report = server.admin("report", "station", "S666", "--date", day)
    assert report.returncode == 0 and "Traceback" not in report.stderr
    assert json.loads(report.stdout)["sending"] == {"accepted": 2, "fees_fen": 2000, "refused": 0}
    assert json.loads(report.stdout)["sync"]["rejected_ops"] == len(bad)
    conn.close()


def test_bodies_the_parser_cannot_take_are_a_4xx_never_a_500(server, tmp_path):
    conn, _, token = hostile(tmp_path, server)
    for text in ('{"ops": ' + "[" * 5000 + "]" * 5000 + "}",  # 5,000 deep
                 '{"ops": [{"device_seq": ' + "9" * 5000 + "}]}",  # an int of 5,000 digits
                 '{"ops": [' + json.dumps(op(1, "sending.accepted", accepted())) + "]",  # cut short
                 '{"ops": 5}'):
        answer = post(server, token, text)
        assert 400 <= answer.status_code < 500 and answer.json()["error"], text[:40]
    conn.close()


def test_a_report_over_a_ledger_with_bad_ops_from_before_still_works(server, enrolled, boss):
    parcels.receive(enrolled, "SF1234567890123", clerk_id=boss.id, phone="13812345678")
    sync_client.Syncer(enrolled).sync()
    for n, payload in enumerate(('{"fee_fen": NaN}', '{"fee_fen": 9223372036854775807}',
                                 '{"fee_fen": 9223372036854775807}', "not json")):
        server.execute("INSERT INTO ledger (op_id, station, device_id, device_seq, type, payload, payload_hash, "
                       "created_at, received_at) VALUES (?, 'S001', 'old', ?, 'sending.accepted', ?, '', ?, ?)",
                       f"old-{n}", 1000 + n, payload, NOW, NOW)
    day = china_today()
    result = server.admin("report", "station", "S001", "--date", day)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["invalid_ops"]["count"] == 4 and report["sending"]["fees_fen"] == 0
    assert report["parcels"]["received"] == 1


def test_another_stations_device_id_is_refused_and_its_sequence_stays_its_own(server, enrolled, boss, tmp_path):
    victim_device = station.get(enrolled).device_id
    parcels.receive(enrolled, "SF1234567890123", clerk_id=boss.id, phone="13812345678")
    sync_client.Syncer(enrolled).sync()
    code = server.admin("station", "add", "--code", "S666", "--name", "坏站").stdout.strip()
    answer = httpx.post(server.url + "/v1/enroll", content=protocol.encode({"code": code, "device_id": victim_device}),
                        headers={"Content-Encoding": "xz"}, trust_env=False, timeout=30)
    assert answer.status_code == 409 and answer.json()["error"] == "device_taken"
    assert server.query("SELECT count(*) FROM security_log WHERE event = 'device_taken'")[0][0] == 1
    assert server.query("SELECT count(*) FROM credentials WHERE station = 'S666'")[0][0] == 0

    # a credential that took the id before ids were owned (an older server) is refused outright
    server.execute("INSERT INTO credentials (token_hash, station, device_id, created_at, expires_at) VALUES "
                   "(?, 'S666', ?, ?, '2999-01-01')", hashlib.sha256(b"stolen").hexdigest(), victim_device,
                   NOW)
    stolen = post(server, "stolen", {"ops": [op(2**53 - 1, "shelves.current_set", {"shelf": 1, "layer": 1})]})
    assert stolen.status_code == 403 and stolen.json()["error"] == "device_taken"

    # with its own device, huge sequences are refused and never reach the victim
    hostile_conn, _, token = hostile(tmp_path, server, "S667")
    huge = post(server, token, {"ops": [op(2**63 - 1, "shelves.current_set", {"shelf": 1, "layer": 1}),
                                        op(2**53, "shelves.current_set", {"shelf": 1, "layer": 1}),
                                        op(0, "shelves.current_set", {"shelf": 1, "layer": 1})]})
    assert huge.json()["statuses"] == "rrr" and huge.json()["device_high_seq"] == 0
    parcels.receive(enrolled, "SF1234567890124", clerk_id=boss.id, phone="13812345678")
    report = sync_client.Syncer(enrolled).sync()
    assert report.applied == 1 and not report.restore_detected
    high = enrolled.execute("SELECT seq FROM sqlite_sequence WHERE name = 'journal'").fetchone()[0]
    assert high == journal.count(enrolled) < 100  # the victim numbers on from its own ops
    parcels.receive(enrolled, "SF1234567890125", clerk_id=boss.id, phone="13812345678")  # and can still write
    hostile_conn.close()


def test_a_gap_in_a_devices_sequence_is_reported(server, tmp_path):
    conn, _, token = hostile(tmp_path, server)
    body = post(server, token, {"ops": [op(1, "shelves.current_set", {"shelf": 1, "layer": 1}),
                                        op(5, "shelves.current_set", {"shelf": 1, "layer": 2})]}).json()
    assert body["statuses"] == "aa" and body["device_gaps"] == [[2, 4]] and body["device_high_seq"] == 5
    assert server.query("SELECT from_seq, to_seq FROM seq_gaps WHERE station = 'S666'") == [(2, 4)]
    report = json.loads(server.admin("report", "station", "S666", "--date", china_today()).stdout)
    assert report["sync"] == {"rejected_ops": 0, "sequence_gaps": 1, "missing_seqs": 3}
    conn.close()


def sms_log(server) -> list[str]:
    path = server.data_dir / "sms.log"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def texts_at_once(server) -> None:
    """No merge window, no quiet hours, no per-phone pacing: each text goes out as soon as the sender runs."""
    assert server.admin("sms", "set", "--merge-minutes", "0", "--quiet", "off", "--phone-minute", "100",
                        "--phone-hourly", "1000").returncode == 0


def sent_texts(server, expected: int) -> list[str]:
    """The log once the sender has nothing left to do (polled with a deadline)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        busy = server.query("SELECT count(*) FROM sms_outbox WHERE state IN ('queued', 'texted', 'sending')")[0][0]
        if not busy and len(sms_log(server)) >= expected:
            break
        time.sleep(0.05)
    return sms_log(server)


def test_a_station_cannot_make_the_county_text_anything_to_anyone(server, enrolled, boss, tmp_path):
    texts_at_once(server)
    victim = parcels.receive(enrolled, "SF1234567890123", clerk_id=boss.id, phone="13812345678").parcel
    sync_client.Syncer(enrolled).sync()
    assert len(sent_texts(server, 1)) == 1
    conn, _, token = hostile(tmp_path, server)
    evil = "中奖了！点击 http://evil.example 领取"
    forged_line = evil + "\n2026-11-25T00:00:00Z\t139****0000\t伪造的一行"
    mine = uuid7()
    received = {"parcel_id": mine, "waybill": "SF9999999999999", "courier": "SF", "pickup_code": "1-1-0001",
                "shelf": 1, "layer": 1, "from_manifest": False, "damaged": False, "damage_note": "",
                "recipient_name": "王五", "recipient_phone": "13700000001", "phone_tail": "0001",
                "notification_id": uuid7(), "sms_body": evil}
    body = post(server, token, {"ops": [
        op(1, "parcel.flagged_damaged", {"parcel_id": mine, "note": "x", "notification_id": uuid7(),
                                         "sms_body": evil, "recipient_phone": "13900000000"}),  # not a text op
        op(2, "parcel.reminded", {"parcel_id": uuid7(), "notification_id": uuid7(),  # never received
                                  "recipient_phone": "13900000000", "sms_body": evil}),
        op(3, "parcel.reminded", {"parcel_id": victim.id, "notification_id": uuid7(),  # another station's
                                  "recipient_phone": "13900000000", "sms_body": evil}),
        op(4, "parcel.received", received),  # its own parcel: the county's words, that parcel's phone
        op(5, "parcel.reminded", {"parcel_id": mine, "notification_id": uuid7(), "recipient_phone": "13900000000",
                                  "sms_body": evil}),
        op(6, "parcel.reminded", {"parcel_id": mine, "notification_id": uuid7(), "recipient_phone": "13700000001",
                                  "sms_body": forged_line}),  # a line break never gets in
    ]}).json()
    assert body["statuses"] == "raaaar"
    assert sorted(body["rejected"].values()) == ["field_control", "field_unknown"]
    lines = sent_texts(server, 3)
    assert len(lines) == 3  # the victim's text, then the hostile station's own parcel: arrival and reminder
    assert all(len(line.split("\t")) == 3 for line in lines)
    assert not [line for line in lines if "evil" in line or "139****0000" in line or "伪造" in line]
    assert [line.split("\t")[1] for line in lines[1:]] == ["137****0001"] * 2
    assert "取件码 1-1-0001" in lines[1] and lines[2].split("\t")[2].startswith("【提醒】【S666 站】")
    assert server.query("SELECT count(*) FROM security_log WHERE event = 'sms_refused' AND station = 'S666'"
                        )[0][0] == 2
    conn.close()


def test_concurrent_uploads_send_each_text_once(server, tmp_path):
    texts_at_once(server)
    stations = [hostile(tmp_path, server, f"S10{n}") for n in range(4)]
    per_station, batch = 120, 10
    errors: list[BaseException] = []

    def upload(n: int, token: str) -> None:
        try:
            with httpx.Client(trust_env=False, timeout=120) as http:
                for start in range(0, per_station, batch):
                    ops = []
                    for i in range(start, start + batch):
                        parcel = uuid7()
                        ops.append(op(i + 1, "parcel.received", {
                            "parcel_id": parcel, "waybill": f"SF{n}{i:012d}", "courier": "SF",
                            "pickup_code": f"1-1-{i + 1:04d}", "shelf": 1, "layer": 1, "from_manifest": False,
                            "damaged": False, "damage_note": "", "recipient_name": "张三",
                            "recipient_phone": f"13{n}{i:08d}", "phone_tail": f"{i:04d}"[-4:],
                            "notification_id": uuid7(), "sms_body": "x"}))
                    answer = http.post(server.url + "/v1/ops", content=protocol.encode({"ops": ops}),
                                       headers={"Authorization": f"Bearer {token}", "Content-Encoding": "xz"})
                    assert answer.status_code == 200 and answer.json()["statuses"] == "a" * batch
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=upload, args=(n, token)) for n, (_, _, token) in enumerate(stations)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    # masked phone and words, without the time
    texts = [line.split("\t", 1)[1] for line in sent_texts(server, 4 * per_station)]
    doubled = [text for text, n in Counter(texts).items() if n > 1]
    assert not doubled[:3] and len(texts) == 4 * per_station  # every text, each once
    assert server.query("SELECT state, count(*) FROM sms_outbox GROUP BY state") == [("sent", 4 * per_station)]
    for conn, _, _ in stations:
        conn.close()


OLD_TABLES = """
CREATE TABLE stations (code TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE credentials (token_hash TEXT PRIMARY KEY, station TEXT NOT NULL REFERENCES stations(code),
    device_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT);
CREATE TABLE ledger (op_id TEXT PRIMARY KEY, station TEXT NOT NULL, device_id TEXT NOT NULL,
    device_seq INTEGER NOT NULL, type TEXT NOT NULL, entity_id TEXT, payload TEXT NOT NULL,
    payload_hash TEXT NOT NULL, created_at TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE rejections (op_id TEXT NOT NULL, station TEXT NOT NULL, code TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE parcels (parcel_id TEXT PRIMARY KEY, station TEXT NOT NULL, waybill TEXT NOT NULL,
    status TEXT NOT NULL, received_at TEXT NOT NULL, picked_up_at TEXT, returned_at TEXT);
CREATE TABLE sms_outbox (notification_id TEXT PRIMARY KEY, station TEXT NOT NULL, parcel_id TEXT,
    phone TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'queued', created_at TEXT NOT NULL,
    sent_at TEXT);
INSERT INTO stations VALUES ('S001', '龙雾村', '2026-01-01'), ('S666', '坏站', '2026-02-01');
INSERT INTO credentials VALUES ('{victim}', 'S001', 'dev-1', '2026-01-01', '2999-01-01', NULL),
                               ('{thief}', 'S666', 'dev-1', '2026-02-01', '2999-01-01', NULL);
INSERT INTO ledger VALUES ('a', 'S001', 'dev-1', 41, 'x', NULL, '{{}}', '', '2026-01-02', '2026-01-02'),
                          ('b', 'S666', 'dev-1', 9223372036854775807, 'x', NULL, '{{}}', '', '2026-02', '2026-02');
INSERT INTO sms_outbox VALUES ('n1', 'S666', NULL, '13900000000', '中奖了', 'queued', '2026-02-02', NULL);
"""


@pytest.mark.sqlite_only
def test_an_older_county_database_is_upgraded_in_place_and_a_stolen_device_id_stops_working(tmp_path):
    from .support import CountyServer

    county = CountyServer(tmp_path / "county")
    county.data_dir.mkdir(parents=True)
    sha = lambda token: hashlib.sha256(token.encode()).hexdigest()  # noqa: E731
    old = __import__("sqlite3").connect(county.data_dir / "county.db")
    old.executescript(OLD_TABLES.format(victim=sha("victim"), thief=sha("thief")))
    old.close()
    county.start()
    try:
        ops = {"ops": [op(42, "shelves.current_set", {"shelf": 1, "layer": 1})]}
        assert post(county, "thief", ops).status_code == 403
        answer = post(county, "victim", ops).json()
        assert answer["statuses"] == "a" and answer["device_high_seq"] == 42  # the thief's 2^63-1 is not adopted
        assert county.query("SELECT state FROM sms_outbox WHERE notification_id = 'n1'") == [("held",)]
        assert not (county.data_dir / "sms.log").exists()
        county.stop()
        county.start()  # a second start changes nothing
        assert post(county, "victim", {"ops": [op(43, "shelves.current_set", {"shelf": 1, "layer": 2})]}
                    ).json()["device_high_seq"] == 43
    finally:
        county.stop()


def test_cursors_days_and_versions_out_of_range_are_a_4xx(server, tmp_path):
    conn, _, token = hostile(tmp_path, server)
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(trust_env=False, timeout=30, headers=auth) as http:
        assert http.get(server.url + "/v1/feed", params={"after": 2**64}).json() == {"items": [], "next": 2**53 - 1}
        assert http.get(server.url + "/v1/ref/couriers/" + "9" * 30).status_code == 404
        for day in ("\ud800", "2026-13-45", "x" * 500):
            answer = http.post(server.url + "/v1/reconcile", headers={"Content-Encoding": "xz"},
                               content=lzma.compress(json.dumps({"day": day, "digest": "0"}).encode()))
            assert answer.status_code == 400 and answer.json()["error"] == "reconcile_invalid"
    conn.close()
