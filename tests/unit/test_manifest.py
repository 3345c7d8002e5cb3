"""Manifest import: UTF-8 or GBK as Excel writes them; a bad file imports nothing and names each bad line."""

from __future__ import annotations

import pytest

from station_app.core import db, journal, manifest, parcels
from station_app.core.errors import ManifestError, StationError

GOOD = (
    "waybill,courier,recipient_name,recipient_phone\r\n"
    "SF1234567890123,顺丰,张三,13812345678\r\n"
    "731234567890,中通快递,李四,139 1234 5678\r\n"
    "JD0012345678901,,王五,138****4321\r\n"
    ",,,\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_good_file_in_each_encoding(conn, boss, encoding):
    assert manifest.import_bytes(conn, GOOD.encode(encoding), source="m.csv", clerk_id=boss.id) == 3
    row = manifest.find(conn, "sf1234567890123")
    assert (row.courier, row.recipient_name, row.recipient_phone) == ("SF", "张三", "13812345678")
    privacy = manifest.find(conn, "JD0012345678901")
    assert (privacy.recipient_phone, privacy.phone_tail, privacy.courier) == ("", "4321", None)
    assert manifest.find(conn, "731234567890").recipient_phone == "13912345678"
    assert journal.count(conn, "manifest.imported") == 1


def test_bad_file_imports_nothing_and_reports_every_bad_line(conn, boss):
    bad = (
        "waybill,courier,recipient_name,recipient_phone\n"
        "SF1234567890123,顺丰,张三,13812345678\n"
        "SF1,顺丰,张三,13812345678\n"
        "YT1234567890123,火星快递,李四,13812345678\n"
        "YT1234567890124,圆通,李四,1381234\n"
        "sf1234567890123,顺丰,张三,13812345678\n"
        "JD0012345678901,京东,,****4321\n"
        "DPK1234567890\n"
    )
    with pytest.raises(ManifestError) as err:
        manifest.import_bytes(conn, bad.encode("gbk"), source="bad.csv", clerk_id=boss.id)
    assert [(n, code) for n, code, _ in err.value.problems] == [
        (3, "bad_waybill"), (4, "unknown_courier"), (5, "bad_phone"), (6, "duplicate_waybill"),
        (7, "privacy_needs_name"), (8, "too_few_columns")]
    assert conn.execute("SELECT count(*) FROM manifest").fetchone()[0] == 0
    assert journal.count(conn, "manifest.imported") == 0


def test_wrong_header_and_binary_garbage(conn, boss):
    with pytest.raises(ManifestError) as err:
        manifest.import_bytes(conn, b"no,header,here\n1,2,3\n", source="x", clerk_id=boss.id)
    assert err.value.problems[0][:2] == (1, "bad_header")
    with pytest.raises(StationError) as err2:
        manifest.import_bytes(conn, bytes(range(128, 256)) * 4, source="x", clerk_id=boss.id)
    assert err2.value.code == "manifest_encoding"  # no text encoding reads it


def test_receive_takes_the_recipient_from_the_manifest(conn, boss):
    manifest.import_bytes(conn, GOOD.encode(), source="m.csv", clerk_id=boss.id)
    got = parcels.receive(conn, "sf1234567890123", clerk_id=boss.id)
    assert got.from_manifest and got.parcel.recipient_phone == "13812345678"
    assert got.parcel.waybill == "sf1234567890123"  # kept exactly as scanned
    privacy = parcels.receive(conn, "JD0012345678901", clerk_id=boss.id).parcel
    assert (privacy.recipient_name, privacy.phone_tail, privacy.recipient_phone) == ("王五", "4321", "")


def test_county_feed_rows_follow_the_import_rules(conn, boss):
    with db.transaction(conn):
        manifest.expect_from_county(conn, " sf1234567890 ", "顺丰", " 张三 ", "+86 138 1234 5678")
        manifest.expect_from_county(conn, "YT9876543210", "", "李四", "138****4321")  # privacy waybill
    found = manifest.find(conn, "SF1234567890")
    assert found is not None and found.waybill == "sf1234567890" and found.courier == "SF"
    assert (found.recipient_name, found.recipient_phone, found.phone_tail) == ("张三", "13812345678", "5678")
    private = manifest.find(conn, "yt9876543210")
    assert private is not None and (private.recipient_phone, private.phone_tail, private.courier) == ("", "4321", None)
