"""Texts through the real county server process: `sms set` / `sms test` with a provider's SDK against a local
server that checks signatures, secrets kept out of everything, receipts back to the station, and two server
processes with four stations uploading at once never sending a text twice (counted at the local vendor)."""

from __future__ import annotations

import json
import os
import stat
import threading

import httpx

from station_app.core import parcels
from station_app.core.ids import uuid7
from sync import client as sync_client
from sync import protocol

from . import pg
from .sms_local import APP_ID, KEY_ID, SECRET, AliyunLocal, TencentLocal, VendorLocal
from .sms_support import FAST, admin, at_once, wait_for
from .support import TunedServer, new_station


def test_sms_set_and_test_through_aliyun_and_the_secret_is_nowhere_but_its_file(tmp_path):
    aliyun = AliyunLocal()
    server = TunedServer(tmp_path / "county", env=FAST)
    server.data_dir.mkdir(parents=True)
    server.start()
    outputs = []
    try:
        at_once(server)
        configured = admin(server, "sms", "set", "--gateway", "aliyun", "--endpoint", aliyun.url, "--sign-name",
                           "龙雾村便民服务站", "--template-code", "SMS_100", "--template-code-many", "SMS_200",
                           "--key-id", KEY_ID, "--secret-stdin", stdin=SECRET + "\n")
        outputs.append(configured)
        assert configured.returncode == 0, configured.stderr
        secrets_file = server.data_dir / "sms_credentials.json"
        assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
        tested = admin(server, "sms", "test", "--phone", "13812345678")
        outputs.append(tested)
        answer = json.loads(tested.stdout)
        assert (answer["gateway"], answer["status"], answer["phone"]) == ("aliyun", "sent", "138****5678")
        assert answer["provider_id"] == "000001^0" and aliyun.bad_signatures == 0
        assert aliyun.log[0]["SignName"] == "龙雾村便民服务站" and aliyun.log[0]["TemplateCode"] == "SMS_100"
        # a parcel received at a station goes out through the same provider, from the county's own template
        conn, clerk = new_station(tmp_path, server, "S001")
        parcels.receive(conn, "SF1234567890123", clerk_id=clerk.id, phone="13900001111")
        sync_client.Syncer(conn).sync()
        wait_for(lambda: aliyun.sent["13900001111"] == 1, "the pickup text at the provider")
        assert json.loads(aliyun.log[1]["TemplateParam"])["code"].startswith("1-")
        # a wrong secret: the provider refuses, the CLI says so, and the secret never shows
        outputs.append(admin(server, "sms", "set", "--key-id", KEY_ID, "--secret-stdin", stdin="wrong-one-ABC\n"))
        refused = admin(server, "sms", "test", "--phone", "13812345678")
        outputs.append(refused)
        assert refused.returncode == 1 and json.loads(refused.stdout)["reason"] == "credentials_rejected"
        os.chmod(secrets_file, 0o644)  # readable by others: refused until fixed
        too_open = admin(server, "sms", "test", "--phone", "13812345678")
        outputs.append(too_open)
        assert too_open.returncode == 1 and "chmod 600" in too_open.stderr and "Traceback" not in too_open.stderr
        os.chmod(secrets_file, 0o600)
    finally:
        server.stop()
        aliyun.close()
    for secret in (SECRET, "wrong-one-ABC"):
        for path in server.data_dir.parent.rglob("*"):
            if path.is_file() and path != secrets_file and "station" not in path.name:
                assert secret.encode() not in path.read_bytes(), path
        for done in outputs:
            assert secret not in done.stdout + done.stderr
    assert SECRET.encode() not in pg.database_bytes(server.data_dir)  # the county database, on either back-end


def test_receipts_reach_the_station_through_its_feed(tmp_path):
    tencent = TencentLocal()
    server = TunedServer(tmp_path / "county", env=FAST)
    server.data_dir.mkdir(parents=True)
    server.start()
    try:
        at_once(server)
        assert admin(server, "sms", "set", "--gateway", "tencent", "--endpoint", tencent.url, "--app-id", APP_ID,
                     "--sign-name", "龙雾村便民服务站", "--template-code", "1000", "--template-code-many", "2000",
                     "--key-id", KEY_ID, "--secret-stdin", stdin=SECRET + "\n").returncode == 0
        conn, clerk = new_station(tmp_path, server, "S001")
        first = parcels.receive(conn, "SF1234567890123", clerk_id=clerk.id, phone="13900001111").parcel
        parcels.receive(conn, "YT1234567890123", clerk_id=clerk.id, phone="13900002222")
        sync_client.Syncer(conn).sync()
        wait_for(lambda: len(tencent.log) == 2, "two texts at Tencent")
        tencent.statuses = [{
            "UserReceiveTime": "2026-11-25 09:00:05", "CountryCode": "86",
            "SubscriberNumber": s["PhoneNumberSet"][0][3:], "PhoneNumber": s["PhoneNumberSet"][0],
            "SerialNo": s["SerialNo"],
            "ReportStatus": "SUCCESS" if s["PhoneNumberSet"][0].endswith("1111") else "FAIL",
            "Description": "DELIVRD" if s["PhoneNumberSet"][0].endswith("1111") else "MK:0001",
            "SessionContext": s["SessionContext"]} for s in tencent.log]
        token = sync_client.state(conn, "token")

        def statuses() -> list[dict]:
            feed = httpx.get(server.url + "/v1/feed", params={"after": 0}, trust_env=False,
                             headers={"Authorization": f"Bearer {token}"}).json()["items"]
            return [i["body"] for i in feed if i["kind"] == "notification_status"]

        wait_for(lambda: {s["state"] for s in statuses()} >= {"delivered", "failed"}, "receipts in the feed")
        final = {s["waybill"]: s for s in statuses() if s["state"] in ("delivered", "failed")}
        assert final["SF1234567890123"]["state"] == "delivered"
        assert final["SF1234567890123"]["delivered_at"] == "2026-11-25T01:00:05.000Z"
        assert final["SF1234567890123"]["parcel_id"] == first.id
        assert (final["YT1234567890123"]["state"], final["YT1234567890123"]["reason"]) == ("failed", "not_delivered")
        sync_client.Syncer(conn).sync()  # the station applies the receipts: the pickup page shows them
        states = dict(conn.execute("SELECT state, reason FROM notifications").fetchall())
        assert states == {"delivered": "", "failed": "not_delivered"}
        assert tencent.bad_signatures == 0
        conn.close()
    finally:
        server.stop()
        tencent.close()


def test_two_server_processes_and_four_stations_uploading_at_once_send_each_text_once(tmp_path):
    vendor = VendorLocal()
    first = TunedServer(tmp_path / "county", env=FAST)
    first.data_dir.mkdir(parents=True)
    first.start()
    second = TunedServer(first.data_dir, env=FAST)  # another process over the same database: its own sender
    second.start()
    try:
        at_once(first)
        assert admin(first, "sms", "set", "--gateway", "http", "--http-url", vendor.url + "/send", "--http-params",
                     '{"phone": "mobile", "text": "content", "ref": "extno"}', "--http-success",
                     '"result": "0"').returncode == 0
        stations = []
        for n in range(4):
            conn, _ = new_station(tmp_path, first, f"S10{n}")
            stations.append((conn, sync_client.state(conn, "token")))
        per_station, batch, errors = 60, 10, []

        def upload(n: int, token: str) -> None:
            target = (first, second)[n % 2]
            try:
                with httpx.Client(trust_env=False, timeout=120) as http:
                    for start in range(0, per_station, batch):
                        ops = [{"op_id": uuid7(), "device_seq": i + 1, "type": "parcel.received", "entity_id": None,
                                "created_at": "2026-11-25T05:00:00.000Z", "payload": {
                                    "parcel_id": uuid7(), "waybill": f"SF{n}{i:012d}", "courier": "SF",
                                    "pickup_code": f"1-1-{i + 1:04d}", "shelf": 1, "layer": 1,
                                    "from_manifest": False, "damaged": False, "damage_note": "",
                                    "recipient_name": "张三", "recipient_phone": f"13{n}{i:08d}",
                                    "phone_tail": f"{i:04d}", "notification_id": uuid7()}}
                               for i in range(start, start + batch)]
                        answer = http.post(target.url + "/v1/ops", content=protocol.encode({"ops": ops}),
                                           headers={"Authorization": f"Bearer {token}", "Content-Encoding": "xz"})
                        assert answer.status_code == 200 and answer.json()["statuses"] == "a" * batch
            except BaseException as exc:  # reported on the test's thread
                errors.append(exc)

        threads = [threading.Thread(target=upload, args=(n, token)) for n, (_, token) in enumerate(stations)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        total = 4 * per_station
        wait_for(lambda: sum(vendor.sent.values()) >= total and not first.query(
            "SELECT count(*) FROM sms_texts WHERE state != 'sent'")[0][0], "every text sent")
        # nothing is left to claim once every text is 'sent': a double send would already be counted here
        assert vendor.requests == total and len(vendor.sent) == total
        assert set(vendor.sent.values()) == {1}  # each phone texted once
        assert len({r["extno"] for r in vendor.log}) == total
        for conn, _ in stations:
            conn.close()
    finally:
        second.stop()
        first.stop()
        vendor.close()
