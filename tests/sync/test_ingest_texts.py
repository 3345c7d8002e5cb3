"""Fifty stations upload parcels at the same moment while the real sender texts their recipients through a local
vendor: every text reaches the vendor exactly once, and every parcel's station hears it was sent (issue #15)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from station_app.core.ids import uuid7
from sync import protocol

from .sms_local import VendorLocal
from .sms_support import FAST, admin, at_once, wait_for
from .support import TunedServer

STATIONS, PARCELS = 50, 4


def _received(seq: int, station: int, i: int) -> dict:
    pid = uuid7()
    return {"op_id": uuid7(), "device_seq": seq, "type": "parcel.received", "entity_id": pid,
            "created_at": protocol_now(), "payload": {
                "parcel_id": pid, "waybill": f"SF{station:02d}{i:011d}", "courier": "SF",
                "pickup_code": f"1-1-{i:04d}", "shelf": 1, "layer": 1, "from_manifest": False, "damaged": False,
                "damage_note": "", "recipient_name": "张三", "recipient_phone": f"139{station:04d}{i:04d}",
                "phone_tail": f"{i:04d}", "notification_id": uuid7()}}


def protocol_now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_concurrent_uploads_text_each_recipient_once(tmp_path):
    vendor = VendorLocal()
    server = TunedServer(tmp_path / "county", env=FAST)
    server.data_dir.mkdir(parents=True)
    sheet = tmp_path / "stations.csv"
    sheet.write_text("code,name\n" + "".join(f"C{n:03d},C{n:03d} 站\n" for n in range(STATIONS)), encoding="utf-8")
    imported = admin(server, "station", "import", str(sheet))
    assert imported.returncode == 0, imported.stderr
    codes = [line.split("\t")[1] for line in imported.stdout.splitlines() if "\t" in line]
    assert len(codes) == STATIONS
    server.start()
    try:
        at_once(server)
        assert admin(server, "sms", "set", "--gateway", "http", "--http-url", vendor.url + "/send", "--http-params",
                     '{"phone": "mobile", "text": "content"}').returncode == 0
        with httpx.Client(trust_env=False, timeout=60) as http:
            tokens = [http.post(server.url + "/v1/enroll", json={"code": code, "device_id": uuid7()}).json()["token"]
                      for code in codes]
        bodies = [protocol.encode({"ops": [_received(i + 1, n, i) for i in range(PARCELS)]})
                  for n in range(STATIONS)]
        start = threading.Barrier(STATIONS)

        def upload(n: int) -> list[str]:
            with httpx.Client(trust_env=False, timeout=120) as http:
                start.wait()  # all at once
                answer = http.post(server.url + "/v1/ops", content=bodies[n],
                                   headers={"Authorization": f"Bearer {tokens[n]}", "Content-Encoding": "xz"})
                return list(answer.json()["statuses"])

        with ThreadPoolExecutor(max_workers=STATIONS) as pool:
            statuses = [s for got in pool.map(upload, range(STATIONS)) for s in got]
        assert statuses == ["a"] * (STATIONS * PARCELS)
        expected = STATIONS * PARCELS
        wait_for(lambda: server.query("SELECT count(*) FROM sms_texts WHERE state = 'sent'") == [(expected,)],
                 "every text sent", seconds=120)
        # the sender's next rounds must not send anything again
        wait_for(lambda: server.query("SELECT count(*) FROM sms_outbox WHERE state = 'sent'") == [(expected,)],
                 "every parcel's outbox row sent")
        assert vendor.requests == expected
        assert len(vendor.sent) == expected and set(vendor.sent.values()) == {1}
        told = server.query("SELECT count(*) FROM feed WHERE kind = 'notification_status' AND body LIKE "
                            "'%\"state\": \"sent\"%'")
        assert told == [(expected,)]
    finally:
        server.stop()
        vendor.close()


def test_a_text_the_vendor_took_but_answered_late_is_never_sent_again(tmp_path):
    """The vendor accepts the text and answers after the gateway stopped waiting: the county cannot know whether it
    went, so it is 'unknown' (the station is told, the clerk calls) — never queued to be sent a second time."""
    vendor = VendorLocal()
    slow = {"once": True}

    def late(phone: str) -> float:
        if slow.pop("once", False):
            return 3.0
        return 0.0

    vendor.answer_after = late
    server = TunedServer(tmp_path / "county", env={**FAST, "COUNTY_SMS_HTTP_TIMEOUT": "1"})
    server.data_dir.mkdir(parents=True)
    sheet = tmp_path / "stations.csv"
    sheet.write_text("code,name\nC001,C001 站\n", encoding="utf-8")
    imported = admin(server, "station", "import", str(sheet))
    code = next(line.split("\t")[1] for line in imported.stdout.splitlines() if "\t" in line)
    server.start()
    try:
        at_once(server)
        assert admin(server, "sms", "set", "--gateway", "http", "--http-url", vendor.url + "/send", "--http-params",
                     '{"phone": "mobile", "text": "content"}').returncode == 0
        with httpx.Client(trust_env=False, timeout=60) as http:
            token = http.post(server.url + "/v1/enroll", json={"code": code, "device_id": uuid7()}).json()["token"]
            answer = http.post(server.url + "/v1/ops", content=protocol.encode({"ops": [_received(1, 1, 1)]}),
                               headers={"Authorization": f"Bearer {token}", "Content-Encoding": "xz"})
        assert answer.json()["statuses"] == "a"
        wait_for(lambda: server.query("SELECT state FROM sms_texts") in ([("unknown",)], [("sent",)]),
                 "the text settled", seconds=90)
        assert server.query("SELECT state, reason FROM sms_texts") == [("unknown", "unknown")]
        assert vendor.requests == 1 and sum(vendor.sent.values()) == 1
        told = server.query("SELECT body FROM feed WHERE kind = 'notification_status'")
        assert len(told) == 1 and '"state": "unknown"' in told[0][0]
    finally:
        server.stop()
        vendor.close()
