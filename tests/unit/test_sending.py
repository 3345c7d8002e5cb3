"""Sending: real-name registration, inspection and prohibited items, fees, waybills; all in the journal."""

from __future__ import annotations

import pytest

from station_app.core import clerks, fees, journal, sending
from station_app.core.errors import StationError

from .support import ID, parcel


def test_sender_is_checked_masked_and_found_again(conn, boss, sender):
    assert sender.masked_id == "5002**********" + ID[-4:]
    assert sending.find_sender(conn, "13812345678").id == sender.id
    assert sending.find_sender(conn, ID.lower()).id == sender.id
    again = sending.register_sender(conn, name="张三", phone="13812345678", id_type="resident_id", id_number=ID,
                                    clerk_id=boss.id)
    assert again.id == sender.id and journal.count(conn, "sender.registered") == 1
    with pytest.raises(StationError) as err:
        sending.register_sender(conn, name="王五", phone="13812345678", id_type="resident_id",
                                id_number=ID[:-1] + ("0" if ID[-1] != "0" else "1"), clerk_id=boss.id)
    assert err.value.code == "id_check_digit"


def test_company_sender_needs_a_valid_credit_code(conn, boss):
    with pytest.raises(StationError) as err:
        sending.register_sender(conn, name="赵六", phone="13812345678", id_type="resident_id", id_number=ID,
                                company_name="龙雾村合作社", credit_code="91350100M000100Y44", clerk_id=boss.id)
    assert err.value.code == "uscc_check_digit"
    company = sending.register_sender(conn, name="赵六", phone="13812345678", id_type="resident_id", id_number=ID,
                                      company_name="龙雾村合作社", credit_code="91350100M000100Y43", clerk_id=boss.id)
    assert company.kind == "company"


def test_fee_from_the_price_table_with_volumetric_weight(conn, boss):
    assert fees.quote(conn, "ZTO", "广东", 2300).fee_fen == 2000  # 10.00 + 2 steps × 5.00
    assert fees.quote(conn, "ZTO", "重庆", 1000).fee_fen == 600
    bulky = fees.quote(conn, "SF", "北京", 500, (40, 30, 30))  # 36,000 cm³ ÷ 12,000 = 3 kg
    assert (bulky.volumetric_g, bulky.chargeable_g, bulky.fee_fen) == (3000, 3000, 4000)
    with pytest.raises(StationError) as err:
        fees.quote(conn, "ZTO", "火星", 1000)
    assert err.value.code == "no_price"


def test_accept_issues_a_station_waybill_and_journals_it(conn, boss, sender):
    done = sending.accept(conn, parcel(sender), clerk_id=boss.id)
    assert done.waybill == "S00100000001" and done.waybill_source == "station" and done.quote.fee_fen == 2000
    second = sending.accept(conn, parcel(sender, waybill="ZT1234567890"), clerk_id=boss.id)
    assert second.waybill == "ZT1234567890" and second.waybill_source == "courier"
    with pytest.raises(StationError) as err:
        sending.accept(conn, parcel(sender, waybill="zt1234567890"), clerk_id=boss.id)
    assert err.value.code == "waybill_used"
    (op,) = [o for o in journal.ops_for(conn, done.id)]
    assert op.type == "sending.accepted" and op.payload["fee_fen"] == 2000 and op.payload["inspected"] is True


def test_not_inspected_is_refused(conn, boss, sender):
    with pytest.raises(StationError) as err:
        sending.accept(conn, parcel(sender, inspected=False), clerk_id=boss.id)
    assert err.value.code == "not_inspected"


def test_prohibited_item_is_refused_and_the_refusal_logged(conn, boss, sender):
    with pytest.raises(StationError) as err:
        sending.accept(conn, parcel(sender, item="过年的烟花两箱"), clerk_id=boss.id)
    assert err.value.code == "item_prohibited" and err.value.params["category"] == "烟花爆竹"
    row = conn.execute("SELECT status, refusal FROM sendings").fetchone()
    assert tuple(row) == ("refused", "prohibited_item")
    assert journal.count(conn, "sending.refused") == 1 and journal.count(conn, "sending.accepted") == 0
    with pytest.raises(StationError) as err:  # the word clerks type, in a longer description
        sending.accept(conn, parcel(sender, item="老家带的鞭炮和腊肉"), clerk_id=boss.id)
    assert err.value.params["keyword"] == "鞭炮"
    assert journal.count(conn, "sending.refused") == 2 and journal.count(conn, "sending.accepted") == 0


def test_restricted_item_needs_a_supervisor(conn, boss, sender):
    helper = clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    with pytest.raises(StationError) as err:
        sending.accept(conn, parcel(sender, item="手机和充电宝"), clerk_id=helper.id)
    assert err.value.code == "item_restricted"
    with pytest.raises(StationError) as err:
        sending.accept(conn, parcel(sender, item="手机和充电宝"), clerk_id=helper.id, supervisor_id=helper.id,
                       supervisor_pin="5678")
    assert err.value.code == "supervisor_required"
    done = sending.accept(conn, parcel(sender, item="手机和充电宝"), clerk_id=helper.id, supervisor_id=boss.id,
                          supervisor_pin="1234")
    assert done.findings[0].category == "锂电池"
    assert conn.execute("SELECT approved_by FROM sendings WHERE id = ?", (done.id,)).fetchone()[0] == boss.id


def test_sender_refusing_registration_is_logged(conn, boss):
    sending.refuse(conn, "sender_refused_registration", clerk_id=boss.id, item="土特产")
    assert journal.count(conn, "sending.refused") == 1
