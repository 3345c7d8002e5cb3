"""Produce from intake to settlement, and the hand-over to the bus run with a missing and an extra item."""

from __future__ import annotations

from datetime import datetime

import pytest

from station_app.core import dispatch, idcheck, journal, produce, sending, settings
from station_app.core.errors import StationError


@pytest.fixture
def farmer(conn, boss):
    return produce.add_consignor(conn, "刘大爷", "13700001111", village="龙雾村", payout="wechat", clerk_id=boss.id)


def intake(farmer, **kw):
    base = dict(consignor_id=farmer, product_code="WS-CUILI", grade="特级", gross_g=52_300, tare_g=2_300,
                deduction_g=1_000, price_fen_per_kg=1_280, boxes=5)
    base.update(kw)
    return produce.Intake(**base)


def test_intake_weighs_grades_and_labels_each_box(conn, boss, farmer):
    lot = produce.take_in(conn, intake(farmer), clerk_id=boss.id)
    assert lot.net_g == 49_000 and len(lot.boxes) == 5 and lot.boxes[0] == f"{lot.lot_no}01"
    assert "巫山脆李" in lot.trace and "特级" in lot.trace and "龙雾村" in lot.trace and lot.lot_no in lot.trace
    for bad, code in ((dict(grade="超级"), "grade_unknown"), (dict(tare_g=60_000), "net_weight_not_positive"),
                      (dict(product_code="NOPE"), "product_unknown"), (dict(boxes=0), "boxes_invalid")):
        with pytest.raises(StationError) as err:
            produce.take_in(conn, intake(farmer, **bad), clerk_id=boss.id)
        assert err.value.code == code
    with pytest.raises(StationError):
        produce.add_consignor(conn, "刘大爷", "13700001111", clerk_id=boss.id)


def test_intake_dispatch_sale_settlement_adds_up_to_the_fen(conn, boss, farmer):
    settings.change(conn, "commission_permille", "55", clerk_id=boss.id)  # 5.5 %
    lot = produce.take_in(conn, intake(farmer), clerk_id=boss.id)
    second = produce.take_in(conn, intake(farmer, product_code="JJ-HUAJIAO", grade="一级", gross_g=10_500,
                                          tare_g=500, deduction_g=0, boxes=1), clerk_id=boss.id)
    run = dispatch.next_runs(conn, datetime(2026, 11, 23, 8, 0).astimezone())[0]
    m = dispatch.open_dispatch(conn, run.route_code, run.departs, clerk_id=boss.id)
    for code in lot.boxes + second.boxes:
        dispatch.scan(conn, m.id, code, clerk_id=boss.id)
    closed = dispatch.close(conn, m.id, clerk_id=boss.id)
    assert closed.missing == [] and [r[0] for r in conn.execute("SELECT DISTINCT status FROM lots")] == ["dispatched"]

    produce.record_sale(conn, lot.lot_no, 30_000, 38_333, source="manual", clerk_id=boss.id)  # partial sale
    produce.record_sale(conn, lot.lot_no, 15_000, 17_777, source="county", clerk_id=None)
    produce.return_unsold(conn, lot.lot_no, 4_000, clerk_id=boss.id)  # the rest comes back to the farmer
    with pytest.raises(StationError) as err:
        produce.record_sale(conn, lot.lot_no, 1, 1, source="manual", clerk_id=boss.id)  # nothing left to sell
    assert err.value.code == "sale_exceeds_lot"
    produce.record_sale(conn, second.lot_no, 10_000, 80_001, source="manual", clerk_id=boss.id)

    result = produce.settle(conn, farmer, fees_fen=1_500, clerk_id=boss.id)
    assert result.sales_fen == 38_333 + 17_777 + 80_001 == 136_111
    assert result.commission_fen == 7_486  # 136,111 × 5.5 % = 7,486.1 → 7,486
    assert result.payout_fen == 136_111 - 7_486 - 1_500 == 127_125
    assert result.sales_fen == result.commission_fen + result.fees_fen + result.payout_fen
    with pytest.raises(StationError) as err:
        produce.settle(conn, farmer, clerk_id=boss.id)
    assert err.value.code == "nothing_to_settle"
    produce.record_payout(conn, result.id, "wechat", clerk_id=boss.id)
    with pytest.raises(StationError):
        produce.record_payout(conn, result.id, "wechat", clerk_id=boss.id)
    types = [r[0] for r in conn.execute("SELECT type FROM journal WHERE type LIKE 'produce.%' ORDER BY device_seq")]
    assert types.count("produce.sold") == 3 and types[-2:] == ["produce.settled", "produce.paid"]


def test_handover_shows_missing_and_extra_before_closing(conn, boss, farmer):
    sender = sending.register_sender(conn, name="张三", phone="13812345678", id_type="resident_id",
                                     id_number=idcheck.with_check_digit("50023719850615123"), clerk_id=boss.id)
    parcel = sending.accept(conn, sending.Parcel(sender.id, "李四", "13912345678", "广东", "广州市", "天河区",
                                                 "体育西路", "衣服", True, "ZTO", 1200), clerk_id=boss.id)
    lot = produce.take_in(conn, intake(farmer, boxes=2), clerk_id=boss.id)
    dispatch.open_dispatch(conn, "SL-LW", datetime.now().astimezone(), clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        dispatch.open_dispatch(conn, "SL-LW", datetime.now().astimezone(), clerk_id=boss.id)
    assert err.value.code == "dispatch_already_open"
    m = dispatch.open_manifest(conn)
    assert {c for c, _ in m.expected} == {parcel.waybill, *lot.boxes}
    dispatch.scan(conn, m.id, parcel.waybill.lower(), clerk_id=boss.id)
    dispatch.scan(conn, m.id, lot.boxes[0], clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        dispatch.scan(conn, m.id, "SF9999999999999", clerk_id=boss.id)  # not on the manifest
    assert err.value.code == "not_on_manifest"
    with pytest.raises(StationError) as err:
        dispatch.scan(conn, m.id, lot.boxes[0], clerk_id=boss.id)
    assert err.value.code == "already_scanned"
    shown = dispatch.manifest(conn, m.id)
    assert shown.missing == [lot.boxes[1]] and shown.extra == ["SF9999999999999"]
    with pytest.raises(StationError) as err:
        dispatch.close(conn, m.id, clerk_id=boss.id)
    assert err.value.code == "dispatch_missing" and err.value.params["n"] == 1
    closed = dispatch.close(conn, m.id, clerk_id=boss.id, accept_missing=True)
    assert closed.status == "closed"
    sent = conn.execute("SELECT status FROM sendings WHERE waybill = ?", (parcel.waybill,)).fetchone()[0]
    assert sent == "dispatched"
    assert conn.execute("SELECT status FROM boxes WHERE code = ?", (lot.boxes[1],)).fetchone()[0] == "in_station"
    assert conn.execute("SELECT status FROM lots").fetchone()[0] == "in_station"  # one box still waits
    (op,) = [o for o in journal.ops_for(conn, m.id) if o.type == "dispatch.closed"]
    assert op.payload["missing"] == [lot.boxes[1]] and op.payload["extra"] == ["SF9999999999999"]


def test_next_runs_follow_the_timetable(conn, boss):
    monday_8 = datetime(2026, 11, 23, 8, 0).astimezone()  # a Monday
    runs = dispatch.next_runs(conn, monday_8)
    assert runs[0].departs > monday_8 and runs == sorted(runs, key=lambda r: r.departs)
    assert {r.route_code for r in runs} == {"SL-LW"}  # only the routes that name this station


def test_a_mon_sat_route_skips_sunday(tmp_path):
    """龙泉村's QJ-LQ runs mon-sat at 08:00 and 14:00: from Saturday evening the next runs are Monday's."""
    from station_app.core import db, station

    other = db.open_db(tmp_path / "lq")
    station.init_station(other, "S002", "龙泉村便民服务站", "李明", "1234")
    saturday_20 = datetime(2026, 11, 28, 20, 0).astimezone()
    assert saturday_20.weekday() == 5
    runs = dispatch.next_runs(other, saturday_20, horizon_days=2)  # Saturday, Sunday and Monday
    assert [(r.route_code, r.departs.weekday(), r.departs.strftime("%H:%M")) for r in runs] == [
        ("QJ-LQ", 0, "08:00"), ("QJ-LQ", 0, "14:00")]
    saturday_7 = saturday_20.replace(hour=7)
    assert [r.departs.weekday() for r in dispatch.next_runs(other, saturday_7, horizon_days=1)] == [5, 5]
    other.close()


def test_outgoing_runs_travel_from_the_station_and_a_closed_run_is_not_offered_again(conn, boss, farmer):
    monday_8 = datetime(2026, 11, 23, 8, 0).astimezone()
    first = dispatch.next_runs(conn, monday_8)[0]
    # the timetable's SL-LW runs 双龙镇共配中心 → 龙雾村便民服务站: this station's items ride the way back
    assert (first.route_code, first.from_node, first.to_node, first.returning) == (
        "SL-LW", "龙雾村便民服务站", "双龙镇共配中心", True)
    assert dispatch.route_leg(conn, "SL-LW") == ("客货邮融合", "龙雾村便民服务站", "双龙镇共配中心")
    lot = produce.take_in(conn, intake(farmer, boxes=1), clerk_id=boss.id)
    m = dispatch.open_dispatch(conn, first.route_code, first.departs, clerk_id=boss.id)
    dispatch.scan(conn, m.id, lot.boxes[0], clerk_id=boss.id)
    dispatch.close(conn, m.id, clerk_id=boss.id)
    after = dispatch.next_runs(conn, monday_8)
    assert (first.route_code, first.departs) not in [(r.route_code, r.departs) for r in after]
    assert after[0].departs > first.departs
    assert dispatch.last_closed(conn).id == m.id
