"""One station day, two readers: the station's day close and the county's day report read the same op
declarations, so they give the same figures; here both are checked against figures worked out by hand."""

from __future__ import annotations

import json
import os
import time

import pytest

from station_app.core import (
    bills,
    dayclose,
    db,
    dispatch,
    idcheck,
    journal,
    parcels,
    pickup,
    produce,
    sending,
    settings,
    stock,
)
from station_app.core.clock import local_day, to_iso, utc_now
from sync import client as sync_client
from sync import ops
from sync.server import rollups, storage


@pytest.fixture
def china_time():
    """The station PC runs on China time, as in the field: its business day is the county's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def a_station_day(conn, boss) -> None:
    settings.change(conn, "commission_permille", "100", clerk_id=boss.id)  # 10 %
    got = [parcels.receive(conn, f"SF12345678901{n}", clerk_id=boss.id, phone=f"1381234567{n}").parcel
           for n in range(3)]
    pickup.confirm(conn, [got[0].id], pickup.Handover("self"), clerk_id=boss.id)
    pickup.confirm(conn, [got[1].id], pickup.Handover("proxy", "赵六", "1234"), clerk_id=boss.id)
    pickup.undo(conn, got[1].id, "交错了", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    stock.return_to_courier(conn, got[2].waybill, "overdue", clerk_id=boss.id)

    sender = sending.register_sender(conn, name="张三", phone="13812345678", id_type="resident_id",
                                     id_number=idcheck.with_check_digit("50023719850615123"), clerk_id=boss.id)
    sending.refuse(conn, "sender_refused_registration", clerk_id=boss.id, item="土特产")
    for payment in ("cash", "wechat"):  # 2.3 kg to Guangdong by ZTO: ¥20.00 on the county's price table
        accepted = sending.accept(conn, sending.Parcel(sender.id, "李四", "13912345678", "广东", "广州市", "天河区",
                                                       "体育西路 1 号", "衣服", True, "ZTO", 2300, payment=payment),
                                  clerk_id=boss.id)
        assert accepted.quote.fee_fen == 2000

    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", village="龙雾村", payout="cash", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 500, 1_000, 3),
                          clerk_id=boss.id)
    produce.record_sale(conn, lot.lot_no, 10_000, 15_000, source="manual", clerk_id=boss.id)
    settled = produce.settle(conn, farmer, clerk_id=boss.id)
    produce.record_payout(conn, settled.id, "cash", clerk_id=boss.id)

    run = dispatch.open_dispatch(conn, "SL-LW", utc_now().astimezone(), clerk_id=boss.id)
    dispatch.scan(conn, run.id, lot.boxes[0], clerk_id=boss.id)
    dispatch.close(conn, run.id, clerk_id=boss.id, accept_missing=True)

    def bill(account: str, amount: int, channel: str, commission: int) -> bills.Payment:
        return bills.log_payment(conn, type_code="ELEC", account=account, payer_name="王大妈",
                                 payer_phone="13800001111", amount_fen=amount, channel=channel, reference="T",
                                 commission_fen=commission, clerk_id=boss.id)

    bill("1234567890", 12_345, "cash", 100)
    bill("1234567891", 5_000, "wechat", 0)
    wrong = bill("1234567892", 8_000, "cash", 50)
    bills.void(conn, wrong.id, "重复", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")


# worked out by hand from the day above
BY_HAND = {
    "parcels_received": 3, "parcels_picked_up": 1,  # two handed over, one of them undone
    "parcels_returned": 1, "sendings": 2, "sendings_refused": 1,
    "sending_fees_fen": {"cash": 2000, "wechat": 2000},
    "produce_net_g": 18_500, "produce_boxes": 3,  # 20 kg − 1 kg tare − 0.5 kg deduction, in 3 boxes
    "produce_payouts_fen": {"cash": 13_500},  # ¥150.00 sold − 10 % commission
    "bills_fen": {"ELEC": 17_345},  # the voided ¥80.00 counts for nothing
    "bills_by_channel_fen": {"cash": 12_445, "wechat": 5_000},  # with commission
    "bill_commission_fen": 100,
    "cash_in_fen": 2000 + 12_445, "cash_out_fen": 13_500,
}


def test_day_close_and_the_county_day_report_give_the_same_figures(china_time, server, enrolled, boss):
    conn = enrolled
    a_station_day(conn, boss)
    today = local_day(utc_now())
    totals = dayclose.totals(conn, today).as_dict()
    assert {name: totals[name] for name in BY_HAND} == BY_HAND
    assert totals["expected_cash_fen"] == 2000 + 12_445 - 13_500  # the float is 0 before the first close
    dayclose.close(conn, today, totals["expected_cash_fen"], "", clerk_id=boss.id)
    sync_client.Syncer(conn).sync()

    result = server.admin("report", "station", "S001", "--date", today.isoformat())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    figures = report["figures"]
    for name in dayclose.FIGURE_FIELDS:  # every figure the day close shows, the county has the same
        assert figures[name] == totals[name], name
    assert report["parcels"] | {"in_stock": 0, "notifications_sent": 0} == {
        "received": 3, "picked_up": 1, "returned": 1, "in_stock": 0, "notifications_sent": 0}
    assert report["sending"] == {"accepted": 2, "fees_fen": 4000, "refused": 1}
    assert report["bills"] == {"paid": 2, "voided": 1, "amount_fen": 17_345, "commission_fen": 100,
                               "by_type_fen": {"ELEC": 17_345}, "by_channel_fen": {"cash": 12_445, "wechat": 5_000}}
    # hand-overs: to villagers by kind (the undone one was made all the same), and the bus run: 1 box of
    # 2 sendings + 3 boxes scanned onto the bus, 4 left for the next run
    assert report["handovers"] == {"to_villagers": {"self": 1, "proxy": 1}, "bus_runs": 1, "onto_bus": 1,
                                   "left_for_next_run": 4}
    assert report["cash"] == {"in_fen": 14_445, "out_fen": 13_500}
    assert report["produce"] == {"net_g_taken_in": 18_500, "sales_fen": 15_000, "payout_fen": 13_500}
    assert report["invalid_ops"]["count"] == 0

    # an older county database is projected once from its ledger: the same figures
    county = storage.connect(server.data_dir)
    try:
        with storage.transaction(county):
            assert rollups.rebuild(county) == county.execute("SELECT count(*) FROM ledger").fetchone()[0]
        again = json.loads(server.admin("report", "station", "S001", "--date", today.isoformat()).stdout)
    finally:
        county.close()
    assert again["figures"] == figures and again["ops"] == report["ops"]


def test_every_declared_op_type_reaches_the_county_figures_or_says_why_not(china_time, server, enrolled, boss):
    """Each op type that declares a figure moves that figure in the county's rollups after a real sync."""
    conn = enrolled
    a_station_day(conn, boss)
    sync_client.Syncer(conn).sync()
    county = storage.connect(server.data_dir)
    try:
        rows = county.execute("SELECT figure, key, value FROM rollups WHERE station = 'S001'").fetchall()
        written = {r[0] for r in county.execute("SELECT DISTINCT type FROM ledger WHERE station = 'S001'")}
    finally:
        county.close()
    moved = {r[0] for r in rows if r[2]}
    counted = {r[1] for r in rows if r[0] == rollups.OPS_FIGURE}
    assert counted == written
    for name in written:
        declared = ops.OPS[name]
        if declared.not_counted:
            continue
        # a void takes its bill back: it shows in bills_voided; every other op in the figures it declares
        assert {a.figure for a in declared.adds} & moved, name


def test_a_day_spanning_the_bank_card_rename_counts_one_bank_card_line(china_time, server, enrolled, boss):
    """Migration 0007 renamed the payout method 'bank' to 'bank_card' in the station's tables; a payout journalled
    before the upgrade still says 'bank' (the journal is never rewritten). Day close and county read both as one."""
    conn = enrolled
    paid = []
    for n, before_upgrade in ((1, True), (2, False)):
        farmer = produce.add_consignor(conn, f"刘大爷{n}", f"1370000111{n}", payout="bank_card", clerk_id=boss.id)
        lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 500, 1_000, 3),
                              clerk_id=boss.id)
        produce.record_sale(conn, lot.lot_no, 10_000, 10_000 * n, source="manual", clerk_id=boss.id)
        settled = produce.settle(conn, farmer, clerk_id=boss.id)
        paid.append(settled.payout_fen)
        if before_upgrade:  # as the app wrote it before 0007
            with db.transaction(conn):
                conn.execute("UPDATE settlements SET paid_at = ?, paid_by = 'bank_card' WHERE id = ?",
                             (to_iso(utc_now()), settled.id))
                journal.append(conn, "produce.paid", {"settlement_id": settled.id, "method": "bank"},
                               clerk_id=boss.id, entity_id=settled.id)
        else:
            produce.record_payout(conn, settled.id, "bank_card", clerk_id=boss.id)
    methods = [json.loads(p)["method"] for (p,) in conn.execute(
        "SELECT payload FROM journal WHERE type = 'produce.paid' ORDER BY device_seq")]
    assert methods == ["bank", "bank_card"]  # the journal holds both words
    today = local_day(utc_now())
    assert dayclose.totals(conn, today).produce_payouts_fen == {"bank_card": sum(paid)}
    sync_client.Syncer(conn).sync()
    result = server.admin("report", "station", "S001", "--date", today.isoformat())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["figures"]["produce_payouts_fen"] == {"bank_card": sum(paid)}
