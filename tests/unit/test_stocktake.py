"""盘库: the rules of a shelf stocktake (core, no Qt): what a scan finds, what is missing, the corrections."""

from __future__ import annotations

import json

import pytest

from station_app.core import db, journal, notifications, parcels, pickup, shelving, stock, stocktake
from station_app.core.errors import StationError
from sync import ops


def on_shelf(conn, boss, shelf: int, *waybills: str, phone: str = "13812345678") -> list[parcels.Parcel]:
    shelving.set_current(conn, shelf, 1, clerk_id=boss.id)
    return [parcels.receive(conn, w, clerk_id=boss.id, phone=phone, name="张三").parcel for w in waybills]


@pytest.fixture
def shelves(conn, boss):
    shelving.configure(conn, [(1, 3, 50), (2, 3, 50), (3, 3, 50)], clerk_id=boss.id)


def test_each_scan_is_found_ok_misplaced_or_extra(conn, boss, shelves):
    here = on_shelf(conn, boss, 1, "SF1000000000001", "SF1000000000002")
    elsewhere = on_shelf(conn, boss, 2, "YT2000000000001")[0]
    gone = on_shelf(conn, boss, 1, "ZT1000000000009")[0]
    pickup.confirm(conn, [gone.id], pickup.Handover("self"), clerk_id=boss.id)
    st = stocktake.start(conn, clerk_id=boss.id)
    stocktake.choose_shelf(conn, st.id, 1, clerk_id=boss.id)

    assert stocktake.scan(conn, st.id, " sf1000000000001 ", clerk_id=boss.id).finding == "ok"
    misplaced = stocktake.scan(conn, st.id, "YT2000000000001", clerk_id=boss.id)
    assert (misplaced.finding, misplaced.recorded_shelf, misplaced.parcel_id) == ("misplaced", 2, elsewhere.id)
    picked = stocktake.scan(conn, st.id, "ZT1000000000009", clerk_id=boss.id)
    assert (picked.finding, picked.status) == ("extra", "picked_up")
    never = stocktake.scan(conn, st.id, "JT9999999999999", clerk_id=boss.id)
    assert (never.finding, never.status, never.parcel_id) == ("extra", "", None)

    assert [p.id for p in stocktake.to_find(conn, st.id, 1)] == [here[1].id]
    assert [m.parcel_id for m in stocktake.missing(conn, st.id)] == [here[1].id]  # shelf 2 is not counted yet
    assert stocktake.counts(conn, st.id) == stocktake.Counts(scanned=4, ok=1, misplaced=1, extra=2, missing=1)


def test_a_scan_is_refused_twice_garbled_or_before_a_shelf_and_changes_nothing(conn, boss, shelves):
    on_shelf(conn, boss, 1, "SF1000000000001")
    st = stocktake.start(conn, clerk_id=boss.id)
    before = journal.count(conn)
    with pytest.raises(StationError) as err:
        stocktake.scan(conn, st.id, "SF1000000000001", clerk_id=boss.id)
    assert err.value.code == "stocktake_shelf_first"
    stocktake.choose_shelf(conn, st.id, 1, clerk_id=boss.id)
    stocktake.scan(conn, st.id, "SF1000000000001", clerk_id=boss.id)
    after_one = journal.count(conn)
    assert after_one == before + 2
    for text, code in (("SF1000000000001", "stocktake_already_scanned"), ("扫描错误ABC", "scan_garbled"),
                       ("", "scan_empty")):
        with pytest.raises(StationError) as err:
            stocktake.scan(conn, st.id, text, clerk_id=boss.id)
        assert err.value.code == code
    assert journal.count(conn) == after_one
    with pytest.raises(StationError) as err:
        stocktake.choose_shelf(conn, st.id, 7, clerk_id=boss.id)
    assert err.value.code == "stocktake_shelf_unknown"
    with pytest.raises(StationError) as err:
        stocktake.start(conn, clerk_id=boss.id)
    assert err.value.code == "stocktake_open"


def test_shelf_codes_from_labels_or_typed():
    assert stocktake.shelf_from_scan("3-2") == 3
    assert stocktake.shelf_from_scan(" 12 ") == 12
    assert stocktake.shelf_from_scan("3-2-0001") is None  # a pickup code, not a shelf
    assert stocktake.shelf_from_scan("SF1000000000001") is None


def test_a_stocktake_survives_closing_the_database(conn, boss, shelves, data_dir):
    on_shelf(conn, boss, 1, "SF1000000000001", "SF1000000000002")
    st = stocktake.start(conn, clerk_id=boss.id)
    stocktake.choose_shelf(conn, st.id, 1, clerk_id=boss.id)
    stocktake.scan(conn, st.id, "SF1000000000001", clerk_id=boss.id)
    conn.close()
    again = db.open_db(data_dir)
    try:
        resumed = stocktake.current(again)
        assert resumed is not None and resumed.id == st.id and resumed.current_shelf == 1
        assert [p.waybill for p in stocktake.to_find(again, st.id, 1)] == ["SF1000000000002"]
        assert stocktake.counts(again, st.id).ok == 1
    finally:
        again.close()


def test_finishing_keeps_what_was_missing_and_writes_the_counts_op(conn, boss, shelves):
    lost = on_shelf(conn, boss, 1, "SF1000000000001", "SF1000000000002")
    on_shelf(conn, boss, 3, "SF3000000000001")  # shelf 3 is not counted: never missing
    st = stocktake.start(conn, clerk_id=boss.id)
    stocktake.choose_shelf(conn, st.id, 1, clerk_id=boss.id)
    stocktake.scan(conn, st.id, "SF1000000000002", clerk_id=boss.id)
    stocktake.scan(conn, st.id, "JT9999999999999", clerk_id=boss.id)
    done = stocktake.finish(conn, st.id, clerk_id=boss.id)
    assert [m.waybill for m in done.missing] == ["SF1000000000001"]
    assert [f.waybill for f in done.extra] == ["JT9999999999999"]
    assert stocktake.current(conn) is None
    op = conn.execute("SELECT payload FROM journal WHERE type = 'stocktake.finished'").fetchone()
    assert json.loads(op[0]) == {"stocktake_id": st.id, "shelves": [1], "scanned": 2, "missing": ["SF1000000000001"],
                                 "extra": ["JT9999999999999"], "misplaced": []}
    # a parcel found later does not rewrite the finished report
    pickup.confirm(conn, [lost[0].id], pickup.Handover("self"), clerk_id=boss.id)
    assert [m.waybill for m in stocktake.missing(conn, st.id)] == ["SF1000000000001"]
    with pytest.raises(StationError) as err:
        stocktake.scan(conn, st.id, "SF1000000000002", clerk_id=boss.id)
    assert err.value.code == "stocktake_finished"


def test_reshelving_a_misplaced_parcel_gives_a_new_code_and_a_new_text(conn, boss, shelves):
    parcel = on_shelf(conn, boss, 2, "YT2000000000001")[0]
    privacy = on_shelf(conn, boss, 2, "YT2000000000002", phone="4321")[0]
    st = stocktake.start(conn, clerk_id=boss.id)
    stocktake.choose_shelf(conn, st.id, 3, clerk_id=boss.id)
    stocktake.scan(conn, st.id, "YT2000000000001", clerk_id=boss.id)
    moved = stocktake.reshelve(conn, st.id, parcel.id, clerk_id=boss.id)
    assert (moved.shelf, moved.layer) == (3, 1) and moved.pickup_code.startswith("3-1-")
    assert moved.pickup_code != parcel.pickup_code
    texts = notifications.for_parcel(conn, parcel.id)
    assert [(t["kind"], t["state"]) for t in texts] == [("arrival", "cancelled"), ("arrival", "queued")]
    assert moved.pickup_code in texts[-1]["body"]
    op = json.loads(conn.execute("SELECT payload FROM journal WHERE type = 'parcel.reshelved'").fetchone()[0])
    assert (op["from_code"], op["pickup_code"], op["notification_id"]) == (parcel.pickup_code, moved.pickup_code,
                                                                          texts[-1]["id"])
    for pid, code in ((parcel.id, "stocktake_already_corrected"), (privacy.id, "stocktake_not_misplaced")):
        with pytest.raises(StationError) as err:
            stocktake.reshelve(conn, st.id, pid, clerk_id=boss.id)
        assert err.value.code == code
    assert stock.search(conn, moved.pickup_code)[0].id == parcel.id


def test_only_a_missing_parcel_of_a_finished_stocktake_is_marked_lost(conn, boss, shelves):
    gone, here = on_shelf(conn, boss, 1, "SF1000000000001", "SF1000000000002")
    st = stocktake.start(conn, clerk_id=boss.id)
    stocktake.choose_shelf(conn, st.id, 1, clerk_id=boss.id)
    stocktake.scan(conn, st.id, "SF1000000000002", clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        stocktake.mark_lost(conn, st.id, gone.id, clerk_id=boss.id)
    assert err.value.code == "stocktake_lost_after_finish"  # it may still turn up on another shelf
    stocktake.finish(conn, st.id, clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        stocktake.mark_lost(conn, st.id, here.id, clerk_id=boss.id)
    assert err.value.code == "stocktake_not_missing"
    lost = stocktake.mark_lost(conn, st.id, gone.id, clerk_id=boss.id, note="盘库未找到")
    assert (lost.status, lost.return_reason) == ("returned", "lost")
    assert parcels.in_stock_by_waybill(conn, "SF1000000000001") is None
    assert [t["state"] for t in notifications.for_parcel(conn, gone.id)] == ["cancelled"]
    assert [m.corrected for m in stocktake.missing(conn, st.id)] == ["lost"]
    assert conn.execute("SELECT count(*) FROM journal WHERE type = 'parcel.marked_lost'").fetchone()[0] == 1
    # found again in the next stocktake: an extra, said to be lost
    again = stocktake.start(conn, clerk_id=boss.id)
    stocktake.choose_shelf(conn, again.id, 1, clerk_id=boss.id)
    assert stocktake.scan(conn, again.id, "SF1000000000001", clerk_id=boss.id).status == "lost"


def test_scan_lookups_use_indexes(conn, boss, shelves):
    st = stocktake.start(conn, clerk_id=boss.id)
    plans = [
        ("SELECT shelf FROM stocktake_scans WHERE stocktake_id = ? AND waybill_key = ?", (st.id, "X")),
        ("SELECT 1 FROM parcels WHERE waybill_key = ? AND status = 'in_stock'", ("X",)),
        ("SELECT id FROM parcels WHERE status = 'in_stock' AND shelf = ? AND NOT EXISTS (SELECT 1 FROM "
         "stocktake_scans s WHERE s.stocktake_id = ? AND s.parcel_id = parcels.id)", (1, st.id)),
    ]
    for sql, params in plans:
        plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), (sql, plan)
        assert "stocktake_scans" not in sql or "USING" in plan, plan
    anti_join = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + plans[2][0], plans[2][1]))
    assert "parcels_shelf" in anti_join and "stocktake_scans_parcel" in anti_join, anti_join


def test_the_county_refuses_a_stocktake_op_that_does_not_match_its_declaration():
    good = {"stocktake_id": "0190a1b2-0000-7000-8000-000000000001", "shelf": 1, "waybill": "SF1000000000001",
            "finding": "ok", "parcel_id": None, "recorded_shelf": 0}
    ops.validate("stocktake.scanned", good)
    for field, value, code in (("finding", "stolen", "field_format"), ("shelf", 0, "field_range"),
                               ("recorded_shelf", -1, "field_range"), ("waybill", "x" * 65, "field_range")):
        with pytest.raises(ops.OpInvalid) as err:
            ops.validate("stocktake.scanned", {**good, field: value})
        assert err.value.code == code
    with pytest.raises(ops.OpInvalid):
        ops.validate("stocktake.finished", {"stocktake_id": good["stocktake_id"], "shelves": [1], "scanned": 1,
                                            "missing": [], "extra": [], "misplaced": [], "note": "extra field"})
