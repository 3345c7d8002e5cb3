"""Parcels in: recipient, shelving and pickup codes, duplicates, garbled scans, damage, the SMS queue."""

from __future__ import annotations

import pytest

from station_app.core import journal, notifications, parcels, settings, shelving
from station_app.core.errors import StationError


def receive(conn, boss, waybill, **kw):
    kw.setdefault("phone", "13812345678")
    return parcels.receive(conn, waybill, clerk_id=boss.id, **kw)


def test_receive_stores_parcel_op_and_notification_together(conn, boss):
    got = receive(conn, boss, " SF1234567890123 ", name="张三")
    p = got.parcel
    assert (p.waybill, p.courier, p.status, p.pickup_code) == ("SF1234567890123", "SF", "in_stock", "1-1-0001")
    ops = journal.ops_for(conn, p.id)
    assert [op.type for op in ops] == ["parcel.received"]
    assert ops[0].payload["pickup_code"] == "1-1-0001" and ops[0].clerk_id == boss.id
    (note,) = notifications.for_parcel(conn, p.id)
    assert note["state"] == "queued" and note["phone"] == "13812345678"
    assert note["id"] == ops[0].payload["notification_id"]
    assert "龙雾村便民服务站" in note["body"] and "1-1-0001" in note["body"] and "0123" in note["body"]
    assert "顺丰" in note["body"]


def test_same_waybill_in_stock_is_refused_and_nothing_changes(conn, boss):
    receive(conn, boss, "SF1234567890123")
    before = journal.count(conn)
    with pytest.raises(StationError) as err:
        receive(conn, boss, "sf1234567890123")  # matched case-insensitively
    assert err.value.code == "already_in_stock" and err.value.params["code"] == "1-1-0001"
    assert journal.count(conn) == before
    assert conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 1


@pytest.mark.parametrize("scan,code", [("", "scan_empty"), ("   ", "scan_empty"), ("SF12", "scan_garbled"),
                                       ("顺丰123456789", "scan_garbled"), ("SF1234567890123\x00", "scan_garbled"),
                                       ("ｓｆ１２３４５６７８", "scan_garbled")])
def test_garbled_scans_are_refused(conn, boss, scan, code):
    with pytest.raises(StationError) as err:
        receive(conn, boss, scan)
    assert err.value.code == code
    assert journal.count(conn, "parcel.received") == 0


def test_phone_validation_and_privacy_waybills(conn, boss):
    with pytest.raises(StationError) as err:
        receive(conn, boss, "SF1234567890123", phone="12345678901")
    assert err.value.code == "phone_invalid"
    with pytest.raises(StationError) as err:
        receive(conn, boss, "SF1234567890123", phone="1234")
    assert err.value.code == "privacy_needs_name"
    p = receive(conn, boss, "SF1234567890123", phone="+86 138-1234-5678").parcel
    assert p.recipient_phone == "13812345678" and p.masked_phone == "138****5678"
    q = receive(conn, boss, "SF1234567890124", phone="5678", name="赵六").parcel
    assert (q.recipient_phone, q.phone_tail, q.masked_phone) == ("", "5678", "****5678")


def test_missing_recipient_shelves_the_parcel_and_waits_for_a_phone(conn, boss):
    p = receive(conn, boss, "YT1234567890123", phone="").parcel
    assert p.needs_recipient and p.status == "in_stock"
    assert notifications.for_parcel(conn, p.id) == []
    updated = parcels.set_recipient(conn, p.id, "13900001111", "", clerk_id=boss.id)
    assert updated.recipient_phone == "13900001111" and not updated.needs_recipient
    assert [n["state"] for n in notifications.for_parcel(conn, p.id)] == ["queued"]
    assert [op.type for op in journal.ops_for(conn, p.id)] == ["parcel.received", "parcel.recipient_set"]


def test_damage_needs_a_note(conn, boss):
    with pytest.raises(StationError):
        receive(conn, boss, "SF1234567890123", damaged=True)
    p = receive(conn, boss, "SF1234567890123", damaged=True, damage_note="外箱压扁").parcel
    assert p.damaged and p.damage_note == "外箱压扁"
    q = receive(conn, boss, "SF1234567890124").parcel
    assert parcels.flag_damaged(conn, q.id, "水湿", clerk_id=boss.id).damaged


def test_layer_advances_when_full_and_codes_are_unique_in_stock(conn, boss):
    shelving.configure(conn, [(1, 2, 3), (2, 1, 2)], clerk_id=boss.id)
    codes = [receive(conn, boss, f"SF{i:013d}").parcel.pickup_code for i in range(8)]
    assert [c.rsplit("-", 1)[0] for c in codes] == ["1-1"] * 3 + ["1-2"] * 3 + ["2-1"] * 2
    assert len(set(codes)) == 8
    full = receive(conn, boss, "SF9999999999999")
    assert full.shelves_full  # every slot at capacity: received anyway, and the clerk is told
    assert shelving.current(conn) == (2, 1)


def test_codes_are_reused_only_after_the_parcel_left(conn, boss):
    settings.change(conn, "next_code_seq", "9999", clerk_id=boss.id)
    a = receive(conn, boss, "SF0000000000001").parcel
    b = receive(conn, boss, "SF0000000000002").parcel
    assert (a.pickup_code, b.pickup_code) == ("1-1-9999", "1-1-0001")  # wraps around
    settings.change(conn, "next_code_seq", "9999", clerk_id=boss.id)
    c = receive(conn, boss, "SF0000000000003").parcel
    assert c.pickup_code == "1-1-0002"  # 9999 and 0001 are still on the shelf: skipped


def test_current_slot_can_be_set_and_is_checked(conn, boss):
    shelving.set_current(conn, 3, 2, clerk_id=boss.id)
    assert receive(conn, boss, "SF1234567890123").parcel.pickup_code.startswith("3-2-")
    with pytest.raises(StationError) as err:
        shelving.set_current(conn, 9, 1, clerk_id=boss.id)
    assert err.value.code == "slot_unknown"


def test_sms_template_is_checked_before_it_is_saved(conn, boss):
    with pytest.raises(StationError) as err:
        settings.change(conn, "sms_template", "取件码 {code} {phone}", clerk_id=boss.id)
    assert err.value.code == "template_unknown_field"
    settings.change(conn, "sms_template", "{station}：取件码{code}", clerk_id=boss.id)
    p = receive(conn, boss, "SF1234567890123").parcel
    assert notifications.for_parcel(conn, p.id)[0]["body"] == "龙雾村便民服务站：取件码1-1-0001"


def test_a_privacy_waybill_queues_no_text_it_could_not_send(conn, boss):
    q = receive(conn, boss, "SF1234567890124", phone="5678", name="赵六").parcel
    assert notifications.for_parcel(conn, q.id) == []
    assert "sms_body" not in journal.ops_for(conn, q.id)[0].payload
    p = receive(conn, boss, "YT1234567890123", phone="").parcel
    parcels.set_recipient(conn, p.id, "13900001111", "", clerk_id=boss.id)
    parcels.set_recipient(conn, p.id, "1111", "钱七", clerk_id=boss.id)  # corrected to a privacy waybill
    assert [n["state"] for n in notifications.for_parcel(conn, p.id)] == ["cancelled"]
    assert "notification_id" not in journal.ops_for(conn, p.id)[-1].payload
