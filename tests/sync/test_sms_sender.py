"""The sender over a real county database (storage.init), parcels ingested through the real ingest
(storage.apply_batch), with an injected clock: merging, quiet hours, limits, opt-out, back-off, alarms,
receipts into the station's feed."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest

from station_app.core.ids import uuid7
from sync.server import storage
from sync.server.sms import config
from sync.server.sms.gateways import HttpGateway, HttpOptions, LogGateway
from sync.server.sms.providers import AliyunGateway, ProviderOptions
from sync.server.sms.sender import run_round

from .sms_local import KEY_ID, SECRET, AliyunLocal, VendorLocal

CHINA = timezone(timedelta(hours=8))


class County:
    def __init__(self, data_dir) -> None:
        self.data_dir = data_dir
        storage.init(data_dir)
        self.conn = storage.connect(data_dir)
        storage.add_station(self.conn, "S001", "龙雾村便民服务站")
        self.caller = storage.Caller("S001", uuid7())
        self.seq = 0
        self.set(sms_quiet="off", sms_merge_minutes="10")

    def set(self, **values: str) -> None:
        config.change_settings(self.conn, values)

    def receive(self, phone: str, waybill: str, code: str) -> str:
        self.seq += 1
        nid = uuid7()
        op = {"op_id": uuid7(), "device_seq": self.seq, "type": "parcel.received", "entity_id": None,
              "created_at": storage.now_iso(), "payload": {
                  "parcel_id": uuid7(), "waybill": waybill, "courier": "SF", "pickup_code": code, "shelf": 1,
                  "layer": 1, "from_manifest": False, "damaged": False, "damage_note": "", "recipient_name": "张三",
                  "recipient_phone": phone, "phone_tail": phone[-4:], "notification_id": nid}}
        assert storage.apply_batch(self.conn, self.caller, [op]).results == [("applied", "")]
        return nid

    def statuses(self) -> list[dict]:
        feed = storage.read_feed(self.conn, self.caller, 0, 1000)["items"]
        return [item["body"] for item in feed if item["kind"] == "notification_status"]

    def texts(self) -> list[tuple]:
        return self.conn.execute("SELECT phone, state, parcels, body, reason FROM sms_texts ORDER BY created_at"
                                 ).fetchall()


@pytest.fixture
def county(tmp_path):
    c = County(tmp_path / "county")
    yield c
    c.conn.close()


def log_lines(county: County) -> list[str]:
    path = county.data_dir / "sms.log"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_parcels_for_one_phone_within_the_window_go_out_as_one_text(county):
    gateway = LogGateway(county.data_dir / "sms.log")
    start = datetime.now(UTC)
    first = county.receive("13812345678", "SF1000000000001", "1-1-0001")
    assert run_round(county.conn, gateway, start + timedelta(minutes=1)).sent == 0  # the window is still open
    others = [county.receive("13812345678", f"YT200000000000{i}", f"1-2-000{i}") for i in (2, 3)]
    county.receive("13900000000", "ZT3000000000004", "2-1-0004")
    done = run_round(county.conn, gateway, start + timedelta(minutes=11))
    assert (done.composed, done.sent) == (2, 2)
    lines = log_lines(county)
    assert len(lines) == 2
    merged = next(line for line in lines if "138****5678" in line)
    assert "您有 3 个包裹" in merged and "1-1-0001、1-2-0002、1-2-0003" in merged
    statuses = {s["notification_id"]: s for s in county.statuses()}
    for nid in [first, *others]:
        assert statuses[nid]["state"] == "sent" and statuses[nid]["parcels_in_text"] == 3
    assert statuses[first]["waybill"] == "SF1000000000001" and statuses[first]["text_id"]
    assert run_round(county.conn, gateway, start + timedelta(minutes=30)).sent == 0  # each once


def test_quiet_hours_hold_texts_until_morning(county):
    county.set(sms_quiet="21:30-08:00", sms_merge_minutes="0")
    gateway = LogGateway(county.data_dir / "sms.log")
    nid = county.receive("13812345678", "SF1000000000001", "1-1-0001")
    tomorrow = (datetime.now(CHINA) + timedelta(days=1)).date()
    evening = datetime.combine(tomorrow, datetime.min.time(), CHINA) + timedelta(hours=22)
    done = run_round(county.conn, gateway, evening)
    assert (done.composed, done.sent) == (1, 0)
    held = county.statuses()[-1]
    assert (held["notification_id"], held["state"], held["reason"]) == (nid, "queued", "quiet_hours")
    morning = datetime.combine(tomorrow + timedelta(days=1), datetime.min.time(), CHINA) + timedelta(hours=8)
    assert held["until"] == config.iso(morning)
    assert run_round(county.conn, gateway, morning - timedelta(minutes=1)).sent == 0
    assert run_round(county.conn, gateway, morning).sent == 1 and len(log_lines(county)) == 1


def test_per_phone_pacing_defers_and_daily_caps_fail_with_the_reason(county):
    county.set(sms_merge_minutes="0", sms_phone_minute="1", sms_phone_daily="2", sms_station_daily="3")
    gateway = LogGateway(county.data_dir / "sms.log")
    now = datetime.now(UTC) + timedelta(seconds=1)
    county.receive("13812345678", "SF1000000000001", "1-1-0001")
    assert run_round(county.conn, gateway, now).sent == 1
    county.receive("13812345678", "SF1000000000002", "1-1-0002")
    assert run_round(county.conn, gateway, now + timedelta(seconds=20)).sent == 0  # one a minute to a phone
    assert run_round(county.conn, gateway, now + timedelta(seconds=61)).sent == 1
    third = county.receive("13812345678", "SF1000000000003", "1-1-0003")  # the phone's third text today
    county.receive("13900000001", "SF1000000000004", "1-1-0004")  # the station's third
    fourth = county.receive("13900000002", "SF1000000000005", "1-1-0005")  # the station's fourth
    done = run_round(county.conn, gateway, now + timedelta(minutes=5))
    assert done.sent == 1 and len(log_lines(county)) == 3
    reasons = {s["notification_id"]: (s["state"], s["reason"]) for s in county.statuses() if s["state"] == "failed"}
    assert reasons == {third: ("failed", "phone_daily_limit"), fourth: ("failed", "station_daily_limit")}
    assert county.conn.execute("SELECT count(*) FROM security_log WHERE event = 'sms_refused'").fetchone()[0] == 2


def test_opted_out_phones_get_no_text_and_the_station_is_told(county):
    def optout(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sync.server.cli", "sms", "optout", *args, "--data-dir",
                               str(county.data_dir)], capture_output=True, text=True, encoding="utf-8", timeout=60)

    county.set(sms_merge_minutes="0")
    gateway = LogGateway(county.data_dir / "sms.log")
    queued = county.receive("13812345678", "SF1000000000001", "1-1-0001")  # queued before the phone opted out
    added = optout("add", "--phone", "13812345678", "--note", "短信回复TD")
    assert added.returncode == 0 and "138****5678" in added.stdout and "13812345678" not in added.stdout
    assert "138****5678" in optout("list").stdout
    refused = county.receive("13812345678", "SF1000000000002", "1-1-0002")
    assert run_round(county.conn, gateway, datetime.now(UTC) + timedelta(seconds=1)).sent == 0
    reasons = {s["notification_id"]: s["reason"] for s in county.statuses()}
    assert reasons == {refused: "opted_out", queued: "opted_out"} and not log_lines(county)
    assert optout("remove", "--phone", "13812345678").returncode == 0
    county.receive("13812345678", "SF1000000000003", "1-1-0003")
    assert run_round(county.conn, gateway, datetime.now(UTC) + timedelta(seconds=2)).sent == 1
    bad = optout("add", "--phone", "12345")
    assert bad.returncode == 1 and "手机号" in bad.stderr and "Traceback" not in bad.stderr


def test_rate_limited_texts_back_off_and_go_once_accepted(county):
    county.set(sms_merge_minutes="0")
    vendor = VendorLocal()
    try:
        gateway = HttpGateway(HttpOptions(vendor.url, names={"phone": "mobile", "text": "content"}), {})
        vendor.status_for = lambda phone: 429
        nid = county.receive("13812345678", "SF1000000000001", "1-1-0001")
        now = datetime.now(UTC) + timedelta(seconds=1)
        assert run_round(county.conn, gateway, now).retried == 1
        waits = [county.conn.execute("SELECT next_at FROM sms_texts").fetchone()[0]]
        assert run_round(county.conn, gateway, now + timedelta(seconds=10)).retried == 0  # not before its time
        assert run_round(county.conn, gateway, now + timedelta(seconds=31)).retried == 1
        waits.append(county.conn.execute("SELECT next_at FROM sms_texts").fetchone()[0])
        assert waits == [config.iso(now + timedelta(seconds=30)), config.iso(now + timedelta(seconds=91))]  # doubled
        assert vendor.requests == 2
        vendor.status_for = lambda phone: 200
        assert run_round(county.conn, gateway, now + timedelta(minutes=5)).sent == 1
        assert vendor.sent["13812345678"] == 1 and county.statuses()[-1]["notification_id"] == nid
        assert county.statuses()[-1]["state"] == "sent"
    finally:
        vendor.close()


def test_a_refused_account_raises_one_alarm_and_pauses_sending_without_a_retry_storm(county):
    county.set(sms_merge_minutes="0")
    vendor = VendorLocal(token="right-token")
    try:
        gateway = HttpGateway(HttpOptions(vendor.url, names={"phone": "mobile", "token": "apikey"}),
                              {"secret": "wrong-token-789"})
        for i in range(5):
            county.receive(f"1381234567{i}", f"SF100000000000{i}", f"1-1-000{i}")
        now = datetime.now(UTC) + timedelta(seconds=1)
        done = run_round(county.conn, gateway, now)
        assert done.alarm == "credentials_rejected" and vendor.requests == 1
        for minutes in range(1, 6):
            run_round(county.conn, gateway, now + timedelta(minutes=minutes))
        assert vendor.requests == 1  # paused: nothing more is tried
        assert [tuple(r) for r in county.conn.execute("SELECT state, count(*) FROM sms_texts GROUP BY state")] == [
            ("queued", 5)]
        alarm = county.conn.execute("SELECT reason, code, detail, cleared_at FROM sms_alarms").fetchall()
        assert [tuple(a) for a in alarm] == [("credentials_rejected", "401", '{"result": "auth"}', None)]
        assert config.setting(county.conn, "sms_paused").startswith("credentials_rejected")
        resumed = subprocess.run([sys.executable, "-m", "sync.server.cli", "sms", "set", "--resume", "--data-dir",
                                  str(county.data_dir)], capture_output=True, text=True, timeout=60)
        assert resumed.returncode == 0
        gateway = HttpGateway(HttpOptions(vendor.url, names={"phone": "mobile", "token": "apikey"}),
                              {"secret": "right-token"})
        assert run_round(county.conn, gateway, now + timedelta(minutes=10)).sent == 5
        assert county.conn.execute("SELECT cleared_at IS NOT NULL FROM sms_alarms").fetchone()[0] == 1
    finally:
        vendor.close()


def test_delivery_receipts_reach_the_station_feed(county):
    county.set(sms_merge_minutes="0", sms_gateway="aliyun")
    aliyun = AliyunLocal()
    try:
        gateway = AliyunGateway(ProviderOptions("龙雾村", "SMS_1", "SMS_2", aliyun.url),
                                {"key_id": KEY_ID, "secret": SECRET})
        delivered = county.receive("13812345678", "SF1000000000001", "1-1-0001")
        failed = county.receive("13900000000", "SF1000000000002", "1-1-0002")
        now = datetime.now(UTC) + timedelta(seconds=1)
        assert run_round(county.conn, gateway, now).sent == 2
        ids = dict(county.conn.execute("SELECT phone, provider_id FROM sms_texts").fetchall())
        aliyun.delivered = {ids["13812345678"]: (3, "DELIVERED"), ids["13900000000"]: (2, "MK:0012")}
        assert run_round(county.conn, gateway, now + timedelta(minutes=2)).receipts == 2
        last = {s["notification_id"]: s for s in county.statuses()}
        assert (last[delivered]["state"], last[delivered]["delivered_at"]) == ("delivered", "2026-11-25T01:00:05.000Z")
        assert (last[failed]["state"], last[failed]["reason"]) == ("failed", "not_delivered")
        assert last[failed]["waybill"] == "SF1000000000002"
        assert run_round(county.conn, gateway, now + timedelta(minutes=4)).receipts == 0  # settled once
        assert aliyun.bad_signatures == 0
    finally:
        aliyun.close()


@pytest.mark.sqlite_only  # SQLite's query plan (PostgreSQL plans a seq scan over a table this small anyway)
def test_the_sender_finds_its_work_through_indexes(county):
    plans = {
        "outbox": "SELECT station, phone, kind FROM sms_outbox WHERE state = 'queued' GROUP BY station, phone, kind "
                  "HAVING min(created_at) <= ? LIMIT ?",
        "texts": "SELECT text_id, phone FROM sms_texts WHERE state = 'queued' AND next_at <= ? ORDER BY next_at "
                 "LIMIT ?",
    }
    for name, sql in plans.items():
        plan = " ".join(row[3] for row in county.conn.execute("EXPLAIN QUERY PLAN " + sql, ("x", 1)))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (name, plan)
        assert json.dumps(plan)  # readable in the failure message


def test_a_text_claimed_by_a_sender_that_died_is_never_sent_again(county):
    county.set(sms_merge_minutes="0")
    gateway = LogGateway(county.data_dir / "sms.log")
    nid = county.receive("13812345678", "SF1000000000001", "1-1-0001")
    now = datetime.now(UTC) + timedelta(seconds=1)
    with storage.transaction(county.conn):  # a round that composed and claimed, then its process was killed
        from sync.server.sms.compose import compose

        compose(county.conn, now)
        county.conn.execute("UPDATE sms_texts SET state = 'sending', claimed_by = 'dead', claimed_at = ?",
                            (config.iso(now),))
    assert run_round(county.conn, gateway, now + timedelta(minutes=5)).sent == 0  # maybe still sending
    assert run_round(county.conn, gateway, now + timedelta(minutes=11)).sent == 0
    assert county.conn.execute("SELECT state FROM sms_texts").fetchone()[0] == "unknown" and not log_lines(county)
    last = county.statuses()[-1]
    assert (last["notification_id"], last["state"], last["reason"]) == (nid, "unknown", "unknown")


def test_missing_credentials_raise_one_alarm_and_nothing_is_sent(county, monkeypatch):
    from sync.server.sms import service

    for name in ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"):
        monkeypatch.delenv(name, raising=False)
    county.set(sms_merge_minutes="0", sms_gateway="aliyun")
    county.receive("13812345678", "SF1000000000001", "1-1-0001")
    worker = service.Worker(county.data_dir)
    for _ in range(3):
        assert worker.round(county.conn) is False
    alarms = county.conn.execute("SELECT reason, detail FROM sms_alarms").fetchall()
    assert len(alarms) == 1 and alarms[0][0] == "credentials_missing" and "--secret-stdin" in alarms[0][1]
    assert config.setting(county.conn, "sms_paused").startswith("credentials_missing")
