"""一点多能 (services register) and 到车 (the inbound run) in core, and the county's checks of their reference data."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from station_app.core import clerks, dayclose, inbound_runs, manifest, parcels, refdata, services
from station_app.core.clock import local_day, utc_now
from station_app.core.db import transaction
from station_app.core.errors import StationError
from sync.server import refdata as county_refdata


def payloads(conn, op_type: str) -> list[dict]:
    return [json.loads(r[0]) for r in conn.execute("SELECT payload FROM journal WHERE type = ? ORDER BY device_seq",
                                                   (op_type,))]


def test_the_fee_rule_rounds_half_up_to_the_fen(conn, boss):
    withdrawal = next(s for s in services.catalogue(conn) if s.code == "FIN-WD")  # 3 ‰ of the amount
    assert withdrawal.fee(50_000) == 150 and withdrawal.fee(167) == 1 and withdrawal.fee(166) == 0
    remit = next(s for s in services.catalogue(conn) if s.code == "FIN-TR")  # ¥2.00 flat
    assert remit.fee(1_000_000) == 200


def test_cash_in_and_out_follow_the_catalogue_and_the_channel(conn, boss):
    services.record(conn, service_code="AGR-BUY", villager_name="王大妈", villager_phone="13800001111",
                    business_type="种子", amount_fen=10_000, clerk_id=boss.id)  # cash: ¥100 + ¥5 fee in
    services.record(conn, service_code="AGR-BUY", villager_name="王大妈", villager_phone="13800001111",
                    business_type="种子", amount_fen=10_000, channel="wechat", clerk_id=boss.id)  # not the drawer
    services.record(conn, service_code="FIN-WD", villager_name="刘大爷", villager_phone="13700001111",
                    amount_fen=20_000, reference="B1", channel="bank_card", clerk_id=boss.id)  # ¥200 cash out
    totals = dayclose.totals(conn, local_day(utc_now()))
    assert (totals.cash_in_fen, totals.cash_out_fen) == (10_500, 20_000)
    local = payloads(conn, "service.recorded")[-1]  # 助农取款 is 'local': nothing personal leaves the station
    assert (local["villager_name"], local["villager_phone"], local["reference"]) == ("", "", "")


def test_what_the_catalogue_asks_for_is_required(conn, boss):
    def record(**kw):
        base = {"service_code": "GOV-SB", "villager_name": "李大爷", "villager_phone": "13900002222",
                "business_type": "社保卡补办", "reference": "R1", "id_type": "resident_id",
                "id_number": "500237198506151235", "clerk_id": boss.id}
        return services.record(conn, **(base | kw))

    for wrong, code in (({"service_code": "NOPE"}, "service_unknown"),
                        ({"villager_name": " "}, "villager_name_missing"),
                        ({"villager_phone": "12345"}, "phone_invalid"),
                        ({"business_type": "买彩票"}, "service_type_missing"),
                        ({"id_number": ""}, "service_id_missing"),
                        ({"id_number": "500237198506151236"}, "id_check_digit"),
                        ({"reference": ""}, "service_reference_missing")):
        with pytest.raises(StationError) as err:
            record(**wrong)
        assert err.value.code == code, wrong
    assert conn.execute("SELECT count(*) FROM service_records").fetchone()[0] == 0  # nothing half-written
    done = record()
    assert done.id_masked == "5002**********1235"
    with pytest.raises(StationError) as err:
        services.record(conn, service_code="AGR-BUY", villager_name="王", villager_phone="13800001111",
                        business_type="种子", amount_fen=0, clerk_id=boss.id)
    assert err.value.code == "money_invalid"


def test_a_void_needs_a_supervisor_and_a_reason_and_keeps_the_row(conn, boss):
    helper = clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    done = services.record(conn, service_code="TRN-TKT", villager_name="赵六", villager_phone="13600001111",
                           business_type="客车票", amount_fen=4_500, reference="T1", clerk_id=helper.id)
    for supervisor, pin, reason in ((helper.id, "5678", "错了"), (boss.id, "0000", "错了"), (boss.id, "1234", " ")):
        with pytest.raises(StationError):
            services.void(conn, done.id, reason, clerk_id=helper.id, supervisor_id=supervisor, supervisor_pin=pin)
    services.void(conn, done.id, "票价录错", clerk_id=helper.id, supervisor_id=boss.id, supervisor_pin="1234")
    with pytest.raises(StationError) as err:
        services.void(conn, done.id, "again", clerk_id=helper.id, supervisor_id=boss.id, supervisor_pin="1234")
    assert err.value.code == "service_already_voided"
    assert conn.execute("SELECT status, void_reason FROM service_records").fetchone()[:] == ("voided", "票价录错")
    assert dayclose.totals(conn, local_day(utc_now())).cash_in_fen == 0


def test_a_repeat_villager_is_found_by_phone_or_as_a_sender(conn, boss, sender):
    assert services.find_villager(conn, "13812345678").name == "张三"  # registered on F5
    services.record(conn, service_code="ECO-HELP", villager_name="王大妈", villager_phone="138 0000 1111",
                    business_type="商品上架", clerk_id=boss.id)
    found = services.find_villager(conn, "13800001111")
    assert (found.name, found.service_code, found.business_type) == ("王大妈", "ECO-HELP", "商品上架")
    assert services.find_villager(conn, "not a phone") is None


def test_a_county_catalogue_row_with_words_the_app_does_not_know_is_left_out(conn, boss):
    rows = [{"code": "X1", "name": "好的", "category": "gov", "money": "none", "fields": "", "privacy": "open"},
            {"code": "X2", "name": "坏的", "category": "gov", "money": "sideways", "fields": "", "privacy": "open"}]
    with transaction(conn):
        refdata.store(conn, "service_catalog", 2, "x", json.dumps({"rows": rows}))
    assert [s.code for s in services.catalogue(conn)] == ["X1"]


def expect(conn, boss, *rows: tuple[str, str]) -> None:
    text = "".join(f"{w},,某人,1381234{n:04d},{route}\n" for n, (w, route) in enumerate(rows))
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone,route_code\n" + text).encode(),
                          source="r.csv", clerk_id=boss.id)


def test_a_run_expects_its_route_less_what_came_before_and_one_run_at_a_time(conn, boss):
    expect(conn, boss, ("YT7000000000001", "SL-LW"), ("YT7000000000002", "SL-LW"), ("YT7000000000003", "QJ-LQ"))
    parcels.receive(conn, "YT7000000000002", clerk_id=boss.id)  # came earlier, with no run open
    now = utc_now()
    run = inbound_runs.start(conn, inbound_runs.Arrival("SL-LW", (now - timedelta(minutes=10)).astimezone(), 15),
                             plate=" 渝f12345 ", driver="张师傅", clerk_id=boss.id, now=now)
    assert (run.expected, run.plate, run.punctuality, run.late_minutes) == (["YT7000000000001"], "渝F12345",
                                                                             "on_time", 10)
    with pytest.raises(StationError) as err:
        inbound_runs.start(conn, None, route_code="QJ-LQ", plate="渝A1", driver="", clerk_id=boss.id)
    assert err.value.code == "inbound_run_open"
    closed = inbound_runs.close(conn, run.id, clerk_id=boss.id)
    assert closed.missing == ["YT7000000000001"] and closed.status == "closed"
    with pytest.raises(StationError) as err:
        inbound_runs.close(conn, run.id, clerk_id=boss.id)
    assert err.value.code == "inbound_run_closed"
    with pytest.raises(StationError) as err:
        inbound_runs.start(conn, None, route_code="QJ-LQ", plate="  ", driver="", clerk_id=boss.id)
    assert err.value.code == "inbound_plate_missing"


def test_arrivals_offer_todays_times_near_now_and_each_route_unscheduled(conn, boss):
    noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    offered = inbound_runs.arrivals(conn, noon)  # 龙雾村: SL-LW at 09:40 and 16:10 (more than 3 hours ahead)
    assert [(a.route_code, a.scheduled.strftime("%H:%M") if a.scheduled else None) for a in offered] == [
        ("SL-LW", "09:40"), ("SL-LW", None)]
    inbound_runs.start(conn, offered[0], plate="渝F1", driver="", clerk_id=boss.id, now=noon)
    assert [a.scheduled for a in inbound_runs.arrivals(conn, noon)] == [None]  # started: not offered again
    assert inbound_runs.parse_sheet("渝f12345|张师傅") == ("渝F12345", "张师傅")


def test_the_county_refuses_reference_data_the_station_could_not_read():
    with pytest.raises(county_refdata.DataError) as err:
        county_refdata.validate_ref("service_catalog", [
            {"code": "A 1", "name": "x", "category": "gov", "category_name": "政务", "fields": "id|photo",
             "money": "maybe", "fee_fen": "0", "fee_permille": "0", "fee_from": "villager", "privacy": "open"}])
    problems = " ".join(err.value.problems)
    assert "line 2: code" in problems and "money" in problems and "fields" in problems
    with pytest.raises(county_refdata.DataError) as err:
        county_refdata.validate_ref("inbound_timetable", [{"route_code": "SL-LW", "station": "x", "arrives": "9:5",
                                                           "days": "daily"}])
    assert "arrives" in err.value.problems[0]
    with pytest.raises(county_refdata.DataError):
        county_refdata.validate_manifest([{"station": "S001", "waybill": "YT7000000000001", "courier": "",
                                           "recipient_name": "x", "recipient_phone": "13812345678",
                                           "route_code": "<script>"}], {"S001"})
    assert county_refdata.manifest_item({"station": "S001", "waybill": "W1", "courier": "", "recipient_name": "x",
                                         "recipient_phone": "1", "route_code": "SL-LW"})["route_code"] == "SL-LW"
