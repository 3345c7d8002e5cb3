"""Bill payments and the day close: a mixed day adds up to the fen against the journal; a closed day is closed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from station_app.core import (
    bills,
    clerks,
    dayclose,
    idcheck,
    journal,
    parcels,
    pickup,
    produce,
    sending,
    settings,
)
from station_app.core.clock import local_day, utc_now
from station_app.core.errors import StationError


def pay(conn, boss, **kw):
    base = dict(type_code="ELEC", account="1234567890", payer_name="王大妈", payer_phone="13800001111",
                amount_fen=12_345, channel="cash", reference="T001", clerk_id=boss.id)
    base.update(kw)
    return bills.log_payment(conn, **base)


def test_payments_are_checked_found_again_and_voided_only_by_a_supervisor(conn, boss):
    with pytest.raises(StationError) as err:
        pay(conn, boss, account="12345")  # electricity accounts are 10 digits
    assert err.value.code == "bill_account_invalid" and "10 位" in err.value.params["hint"]
    assert pay(conn, boss, type_code="OTHER", account="任意户号").business_day == local_day(utc_now()).isoformat()
    first = pay(conn, boss)
    assert bills.find_payer(conn, "1234567890")["payer_name"] == "王大妈"
    assert bills.find_payer(conn, "13800001111")["account"] == "1234567890"
    from station_app.core import clerks

    helper = clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    with pytest.raises(StationError):
        bills.void(conn, first.id, "输错金额", clerk_id=helper.id, supervisor_id=helper.id, supervisor_pin="5678")
    bills.void(conn, first.id, "输错金额", clerk_id=helper.id, supervisor_id=boss.id, supervisor_pin="1234")
    row = conn.execute("SELECT status, void_reason FROM bill_payments WHERE id = ?", (first.id,)).fetchone()
    assert tuple(row) == ("voided", "输错金额")
    assert journal.count(conn, "bill.voided") == 1


def test_a_mixed_day_closes_with_totals_that_add_up_against_the_journal(conn, boss):
    settings.change(conn, "cash_float_fen", "50000", clerk_id=boss.id)
    for i in range(3):
        parcels.receive(conn, f"SF{i:013d}", clerk_id=boss.id, phone="13812345678")
    got = pickup.lookup(conn, "13812345678")
    pickup.confirm(conn, [got[0].id], pickup.Handover(), clerk_id=boss.id)
    sender = sending.register_sender(conn, name="张三", phone="13812345678", id_type="resident_id",
                                     id_number=idcheck.with_check_digit("50023719850615123"), clerk_id=boss.id)
    for payment in ("cash", "wechat", "cash"):
        sending.accept(conn, sending.Parcel(sender.id, "李四", "13912345678", "广东", "广州市", "天河区", "路",
                                            "衣服", True, "ZTO", 2300, payment=payment), clerk_id=boss.id)
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", payout="cash", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 500, 1_000, 3),
                          clerk_id=boss.id)
    produce.record_sale(conn, lot.lot_no, 10_000, 15_000, source="manual", clerk_id=boss.id)
    settled = produce.settle(conn, farmer, clerk_id=boss.id)
    produce.record_payout(conn, settled.id, "cash", clerk_id=boss.id)
    pay(conn, boss, commission_fen=100)
    pay(conn, boss, type_code="MOBILE", account="13912345678", amount_fen=5_000, channel="wechat")
    voided = pay(conn, boss, amount_fen=99_999)
    bills.void(conn, voided.id, "重复", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")

    today = local_day(utc_now())
    t = dayclose.totals(conn, today)
    assert (t.parcels_received, t.parcels_picked_up, t.parcels_in_stock) == (3, 1, 2)
    assert t.sendings == 3 and t.sending_fees_fen == {"cash": 4000, "wechat": 2000}
    assert (t.produce_net_g, t.produce_boxes) == (18_500, 3)
    assert t.produce_payouts_fen == {"cash": settled.payout_fen} and settled.payout_fen == 14_250
    assert t.bills_fen == {"ELEC": 12_345, "MOBILE": 5_000} and t.bills_by_channel_fen == {"cash": 12_445,
                                                                                            "wechat": 5_000}
    # the same sums straight from the journal's payloads
    ops = journal.pending(conn, limit=10_000)
    cash_fees = sum(o.payload["fee_fen"] for o in ops
                    if o.type == "sending.accepted" and o.payload["payment"] == "cash")
    voided_ids = {o.payload["payment_id"] for o in ops if o.type == "bill.voided"}
    cash_bills = sum(o.payload["amount_fen"] + o.payload["commission_fen"] for o in ops
                     if o.type == "bill.paid" and o.payload["channel"] == "cash"
                     and o.payload["payment_id"] not in voided_ids)
    paid_out = sum(o.payload["payout_fen"] for o in ops if o.type == "produce.settled")
    assert t.expected_cash_fen == 50_000 + cash_fees + cash_bills - paid_out == 52_195

    with pytest.raises(StationError) as err:
        dayclose.close(conn, today, 52_000, "", clerk_id=boss.id)
    assert err.value.code == "cash_difference_needs_reason"
    closed = dayclose.close(conn, today, 52_000, "找零少了 1.95 元", clerk_id=boss.id)
    assert closed.expected_cash_fen == 52_195

    # a closed day refuses a late entry dated for it; work goes on into the next day
    with pytest.raises(StationError) as err:
        pay(conn, boss, day=today)
    assert err.value.code == "day_closed"
    late = pay(conn, boss, amount_fen=700)
    assert late.business_day == (today + timedelta(days=1)).isoformat()
    parcels.receive(conn, "YT0000000000009", clerk_id=boss.id, phone="13812345678")
    assert dayclose.totals(conn, today).parcels_received == 3  # unchanged after closing
    assert dayclose.totals(conn, today + timedelta(days=1)).parcels_received == 1

    dayclose.reopen(conn, today, "补录漏单", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    assert pay(conn, boss, day=today, amount_fen=100).business_day == today.isoformat()


def test_the_float_is_carried_from_the_last_count_and_set_only_by_a_supervisor_with_a_reason(conn, boss):
    today = local_day(utc_now())
    assert dayclose.opening_float(conn, today) == dayclose.Float(0, "default")
    pay(conn, boss, amount_fen=10_000)
    dayclose.close(conn, today, 10_000, "", clerk_id=boss.id)
    tomorrow = today + timedelta(days=1)
    assert dayclose.opening_float(conn, tomorrow) == dayclose.Float(10_000, "carried")
    assert dayclose.totals(conn, tomorrow).expected_cash_fen == 10_000

    helper = clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    for kwargs, code in ((dict(reason="补零钱", supervisor_id=helper.id, supervisor_pin="5678"), "supervisor_required"),
                         (dict(reason=" ", supervisor_id=boss.id, supervisor_pin="1234"), "float_needs_reason"),
                         (dict(reason="x", supervisor_id=boss.id, supervisor_pin="1234", fen=-1), "float_invalid")):
        fen = kwargs.pop("fen", 30_000)
        with pytest.raises(StationError) as err:
            dayclose.set_float(conn, tomorrow, fen, clerk_id=helper.id, **kwargs)
        assert err.value.code == code
    assert journal.count(conn, "day.float_set") == 0
    with pytest.raises(StationError) as err:  # a closed day's float stays as it was
        dayclose.set_float(conn, today, 1, "x", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    assert err.value.code == "day_closed"
    dayclose.set_float(conn, tomorrow, 30_000, "补零钱", clerk_id=helper.id, supervisor_id=boss.id,
                       supervisor_pin="1234")
    (op,) = [o for o in journal.pending(conn, limit=1000) if o.type == "day.float_set"]
    assert op.payload == {"day": tomorrow.isoformat(), "float_fen": 30_000, "previous_fen": 10_000,
                          "reason": "补零钱", "supervisor_id": boss.id}
    assert dayclose.totals(conn, tomorrow).cash_float_fen == 30_000


def test_expected_cash_below_zero_is_explained_and_the_day_cannot_close_on_it(conn, boss):
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", payout="cash", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 500, 1_000, 3),
                          clerk_id=boss.id)
    produce.record_sale(conn, lot.lot_no, 10_000, 15_000, source="manual", clerk_id=boss.id)
    produce.record_payout(conn, produce.settle(conn, farmer, clerk_id=boss.id).id, "cash", clerk_id=boss.id)
    pay(conn, boss, amount_fen=5_000)
    today = local_day(utc_now())
    t = dayclose.totals(conn, today)
    assert (t.cash_float_fen, t.cash_in_fen, t.cash_out_fen, t.expected_cash_fen) == (0, 5_000, 14_250, -9_250)
    with pytest.raises(StationError) as err:
        dayclose.close(conn, today, 0, "钱箱空了", clerk_id=boss.id)
    assert err.value.code == "cash_expected_negative"
    assert err.value.params == {"short": "¥92.50", "least": "¥92.50"}
    assert today not in dayclose.closed_days(conn)
