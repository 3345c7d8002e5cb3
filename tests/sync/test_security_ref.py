"""Credentials, other stations, bad bodies, and reference data that arrives damaged."""

from __future__ import annotations

import gzip
import json
import lzma

import httpx
import pytest

from station_app.core import couriers, journal, parcels
from sync import client as sync_client
from sync import protocol

from .support import DroppingProxy, new_station

SHARED = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "reference"


def post_ops(server, token, content, encoding="gzip"):
    return httpx.post(server.url + "/v1/ops", content=content, timeout=30, trust_env=False,
                      headers={"Authorization": f"Bearer {token}", "Content-Encoding": encoding})


@pytest.mark.parametrize("action,code", [("expire", "credentials_expired"), ("revoke", "credentials_revoked")])
def test_expired_or_revoked_credentials_are_refused_and_nothing_is_stored(server, enrolled, boss, action, code):
    parcels.receive(enrolled, "SF1234567890123", clerk_id=boss.id, phone="13812345678")
    assert server.admin("station", action, "--code", "S001").returncode == 0
    with pytest.raises(sync_client.SyncError) as err:
        sync_client.Syncer(enrolled).sync()
    assert err.value.code == code
    assert server.query("SELECT count(*) FROM ledger")[0][0] == 0
    assert sync_client.state(enrolled, "last_error") == code


def test_no_or_unknown_token(server, enrolled):
    assert httpx.get(server.url + "/v1/feed", trust_env=False).json() == {"error": "credentials_missing"}
    answer = httpx.get(server.url + "/v1/feed", headers={"Authorization": "Bearer nope"}, trust_env=False)
    assert answer.status_code == 401 and answer.json()["error"] == "credentials_unknown"


def test_an_enrolment_code_works_once(server, conn, boss):
    code = server.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    sync_client.enroll(conn, server.url, code)
    with pytest.raises(sync_client.SyncError) as err:
        sync_client.enroll(conn, server.url, code)
    assert err.value.code == "enrolment_refused"


def test_an_op_naming_another_station_is_refused_logged_and_does_not_block(server, enrolled, boss, tmp_path):
    other, _ = new_station(tmp_path, server, "S002")
    parcels.receive(enrolled, "SF1234567890123", clerk_id=boss.id, phone="13812345678")
    token = sync_client.state(enrolled, "token")
    ops = [{"op_id": op.op_id, "device_seq": op.device_seq, "type": op.type, "entity_id": op.entity_id,
            "payload": op.payload, "created_at": op.created_at, "station": "S002"}
           for op in journal.pending(enrolled)]
    ops[-1]["station"] = "S001"
    raw = post_ops(server, token, protocol.encode({"ops": ops}), "xz").json()
    answer = protocol.read_results(raw, [op["op_id"] for op in ops])
    assert [status for _, status, _ in answer] == ["rejected"] * (len(ops) - 1) + ["applied"]
    assert {code for _, _, code in answer[:-1]} == {"wrong_station"}
    assert server.query("SELECT count(*) FROM security_log WHERE event = 'op_for_other_station'")[0][0] == len(ops) - 1
    assert server.query("SELECT count(*) FROM ledger WHERE station = 'S002'")[0][0] == 0
    other.close()


def test_same_op_id_with_a_different_payload_is_a_conflict_shown_for_attention(server, enrolled, boss):
    parcels.receive(enrolled, "SF1234567890123", clerk_id=boss.id, phone="13812345678")
    sync_client.Syncer(enrolled).sync()
    row = enrolled.execute("SELECT op_id FROM journal WHERE type = 'parcel.received'").fetchone()
    enrolled.execute("UPDATE journal SET payload = json_set(payload, '$.waybill', 'XX') , sync_state = 'pending' "
                     "WHERE op_id = ?", (row[0],))
    parcels.receive(enrolled, "SF1234567890124", clerk_id=boss.id, phone="13812345678")  # the one behind it
    report = sync_client.Syncer(enrolled).sync()
    assert report.rejected == 1 and report.applied >= 1
    (attention,) = sync_client.rejections(enrolled)
    assert (attention["op_id"], attention["code"], attention["type"]) == (row[0], "conflict", "parcel.received")
    stored = server.query("SELECT payload FROM ledger WHERE op_id = ?", row[0])[0][0]
    assert json.loads(stored)["waybill"] == "SF1234567890123"  # never overwritten


@pytest.mark.parametrize("body,status,code,encoding", [
    (b"\x1f\x8b\x08\x00garbage", 400, "body_corrupt", "gzip"),
    (b"\xfd7zXZ\x00garbage", 400, "body_corrupt", "xz"),
    (lzma.compress(b"\0" * (protocol.MAX_BODY_BYTES + 10)), 413, "body_too_large", "xz"),  # an xz bomb
    (lzma.compress(json.dumps({"ops": []}).encode())[:-8], 400, "body_corrupt", "xz"),  # cut short
    (gzip.compress(b"{}"), 400, "encoding_unsupported", "br"),
    (gzip.compress(b"[1, 2"), 400, "body_corrupt", "gzip"),
    (gzip.compress(b"\0" * (protocol.MAX_BODY_BYTES + 10)), 413, "body_too_large", "gzip"),  # a gzip bomb
    (b"x" * (protocol.MAX_COMPRESSED_BYTES + 1), 413, "body_too_large", "gzip"),
    (gzip.compress(json.dumps({"ops": "not a list"}).encode()), 400, "batch_invalid", "gzip"),
])
def test_corrupt_or_oversized_bodies_are_refused_with_nothing_stored(server, enrolled, body, status, code, encoding):
    answer = post_ops(server, sync_client.state(enrolled, "token"), body, encoding)
    assert (answer.status_code, answer.json()["error"]) == (status, code)
    assert server.query("SELECT count(*) FROM ledger")[0][0] == 0


def test_reference_data_arrives_whole_and_replaces_the_couriers(server, enrolled, tmp_path):
    csv = tmp_path / "couriers.csv"
    csv.write_text("code,name,patterns\nZTO,中通快递,^7\\d{11}$\nXYZ,乡邮快递,^XY\\d{10}$\n", encoding="gbk")
    assert server.admin("ref", "import", "couriers", str(csv)).returncode == 0
    assert server.admin("ref", "import", "price_table", str(SHARED / "price_table.csv")).returncode == 0
    report = sync_client.Syncer(enrolled).sync()
    assert sorted(report.refs_updated) == ["couriers", "price_table"]
    assert couriers.names(enrolled) == {"ZTO": "中通快递", "XYZ": "乡邮快递"}
    assert couriers.recognise(enrolled, "XY1234567890") == "XYZ"


def test_a_bad_reference_file_is_refused_whole(server, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,patterns\nZTO,中通,^7(\nSF,顺丰,^SF\\d+$\n", encoding="utf-8")
    refused = server.admin("ref", "import", "couriers", str(bad))
    assert refused.returncode == 1 and "line 2" in refused.stderr
    assert server.query("SELECT count(*) FROM reference")[0][0] == 0


def test_a_snapshot_cut_off_or_with_a_wrong_hash_leaves_the_old_version_in_force(server, enrolled, tmp_path):
    first = tmp_path / "v1.csv"
    first.write_text("code,name,patterns\nSF,顺丰,^SF\\d{12}$\n", encoding="utf-8")
    server.admin("ref", "import", "couriers", str(first))
    sync_client.Syncer(enrolled).sync()
    second = tmp_path / "v2.csv"
    second.write_text("code,name,patterns\nJD,京东,^JD\\w+$\n", encoding="utf-8")
    server.admin("ref", "import", "couriers", str(second))

    proxy = DroppingProxy(server.port)
    proxy.cut = lambda line: line.startswith("GET /v1/ref/couriers/2")
    with pytest.raises(sync_client.SyncError) as err:
        sync_client.Syncer(enrolled, http=sync_client.make_http(proxy.url)).sync()
    assert err.value.code == "network"  # a body shorter than its Content-Length is a broken connection
    assert couriers.names(enrolled) == {"SF": "顺丰"}
    proxy.close()

    server.execute("UPDATE reference SET sha256 = 'f00d' WHERE version = 2")
    with pytest.raises(sync_client.SyncError) as err:
        sync_client.Syncer(enrolled).sync()
    assert err.value.code == "ref_corrupt"
    assert couriers.names(enrolled) == {"SF": "顺丰"}
    assert enrolled.execute("SELECT version FROM reference WHERE kind = 'couriers'").fetchone()[0] == 1


def test_openapi_is_served(server):
    spec = httpx.get(server.url + "/openapi.json", trust_env=False).json()
    assert spec["openapi"].startswith("3.") and "/v1/ops" in spec["paths"]


def test_sale_results_from_the_county_reach_the_lot(server, enrolled, boss, tmp_path):
    from station_app.core import produce

    farmer = produce.add_consignor(enrolled, "刘大爷", "13700001111", clerk_id=boss.id)
    lot = produce.take_in(enrolled, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 0, 1_000, 2),
                          clerk_id=boss.id)
    sync_client.Syncer(enrolled).sync()  # the county checks a sale against the lot the station reported
    results = tmp_path / "sales.csv"
    results.write_text(f"station,lot_no,sold_g,sales_fen\nS001,{lot.lot_no},12000,15600\n", encoding="utf-8")
    assert server.admin("sale", "import", str(results)).returncode == 0
    sync_client.Syncer(enrolled).sync()
    row = enrolled.execute("SELECT sold_g, sales_fen, source FROM sales").fetchone()
    assert tuple(row) == (12000, 15600, "county")
    assert produce.settle(enrolled, farmer, clerk_id=boss.id).sales_fen == 15600


def test_the_day_report_counts_the_other_business_lines(server, enrolled, boss):
    from datetime import timedelta

    from station_app.core import idcheck, produce, sending
    from station_app.core.clock import utc_now

    sender = sending.register_sender(enrolled, name="张三", phone="13812345678", id_type="resident_id",
                                     id_number=idcheck.with_check_digit("50023719850615123"), clerk_id=boss.id)
    sending.accept(enrolled, sending.Parcel(sender.id, "李四", "13912345678", "广东", "广州市", "天河区", "体育西路",
                                            "衣服", True, "ZTO", 2300), clerk_id=boss.id)
    farmer = produce.add_consignor(enrolled, "刘大爷", "13700001111", clerk_id=boss.id)
    lot = produce.take_in(enrolled, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 0, 1_000, 2),
                          clerk_id=boss.id)
    produce.record_sale(enrolled, lot.lot_no, 10_000, 12_345, source="manual", clerk_id=boss.id)
    sync_client.Syncer(enrolled).sync()
    day = (utc_now() + timedelta(hours=8)).date().isoformat()
    report = json.loads(server.admin("report", "station", "S001", "--date", day).stdout)
    assert report["sending"] == {"accepted": 1, "fees_fen": 2000, "refused": 0}
    assert report["produce"] == {"net_g_taken_in": 19_000, "sales_fen": 12_345, "payout_fen": 0}
