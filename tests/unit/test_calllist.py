"""Texts' statuses from the county, and the call list (待电话通知): who is on it, the mark, its op."""

from __future__ import annotations

from datetime import timedelta

import pytest

from station_app.core import calllist, db, journal, notifications, parcels, pickup, stock
from station_app.core.clock import to_iso, utc_now
from station_app.core.errors import StationError


def receive(conn, boss, waybill, days_ago=0.0, phone="13812345678", name="张三"):
    return parcels.receive(conn, waybill, clerk_id=boss.id, phone=phone, name=name,
                           now=utc_now() - timedelta(days=days_ago)).parcel


def arrival_text(conn, parcel) -> str:
    return notifications.for_parcel(conn, parcel.id)[0]["id"]


def state_of(conn, parcel) -> tuple[str, str]:
    status = notifications.text_status(conn, [parcel.id])[parcel.id]
    return status.state, status.reason


def county_says(conn, nid, state, reason="", at=None) -> bool:
    with db.transaction(conn):  # as the sync client applies a feed item: inside its transaction
        return notifications.county_status(conn, nid, state, reason, at)


def test_a_text_goes_queued_sent_delivered_and_never_back(conn, boss):
    p = receive(conn, boss, "SF0000000000001")
    nid = arrival_text(conn, p)
    assert notifications.text_status(conn, [p.id])[p.id].state == "queued"
    assert county_says(conn, nid, "sent", at="2026-11-25T01:00:00.000Z")
    assert county_says(conn, nid, "delivered", at="2026-11-25T01:00:05Z")
    assert not county_says(conn, nid, "sent")  # a late 'sent' does not undo the receipt
    status = notifications.text_status(conn, [p.id])[p.id]
    assert (status.state, status.reason, status.at) == ("delivered", "", "2026-11-25T01:00:05.000Z")


def test_a_failure_keeps_the_countys_reason(conn, boss):
    p = receive(conn, boss, "SF0000000000001")
    nid = arrival_text(conn, p)
    assert county_says(conn, nid, "sent")
    assert county_says(conn, nid, "failed", "invalid_number")  # the receipt: never reached the phone
    assert state_of(conn, p) == ("failed", "invalid_number")
    q = receive(conn, boss, "SF0000000000002")
    assert county_says(conn, arrival_text(conn, q), "unknown")  # a send that died half-way: a failure to follow up
    assert state_of(conn, q) == ("failed", "unknown")


@pytest.mark.parametrize("state, reason, at", [("lost", "", None), ("failed", "no\nway", None),
                                               ("failed", "x" * 41, None), ("sent", "", "yesterday")])
def test_a_status_the_county_should_never_send_is_refused(conn, boss, state, reason, at):
    p = receive(conn, boss, "SF0000000000001")
    with pytest.raises(ValueError):
        county_says(conn, arrival_text(conn, p), state, reason, at)
    assert notifications.text_status(conn, [p.id])[p.id].state == "queued"  # nothing half-written


def test_unknown_and_cancelled_texts_are_left_alone(conn, boss):
    p = receive(conn, boss, "SF0000000000001")
    nid = arrival_text(conn, p)
    pickup.confirm(conn, [p.id], pickup.Handover(), clerk_id=boss.id)  # cancels the text not yet sent
    assert not county_says(conn, nid, "failed", "invalid_number")
    assert not county_says(conn, "0190000000000000000000000000", "sent")
    assert [n["state"] for n in notifications.for_parcel(conn, p.id)] == ["cancelled"]


def causes(conn, now=None) -> dict[str, tuple[str, ...]]:
    return {d.parcel.waybill: d.causes for d in calllist.due(conn, now)}


def test_the_call_list_names_each_cause(conn, boss):
    failed = receive(conn, boss, "SF0000000000001")
    county_says(conn, arrival_text(conn, failed), "failed", "invalid_number")
    opted = receive(conn, boss, "SF0000000000002", phone="13900000002")
    county_says(conn, arrival_text(conn, opted), "failed", "opted_out")
    receive(conn, boss, "JD0000000000003", phone="4321", name="王五")  # privacy waybill: tail only
    receive(conn, boss, "SF0000000000004", days_ago=4)  # due a reminder (3 days)
    receive(conn, boss, "SF0000000000005", days_ago=8)  # due for return (7 days)
    fine = receive(conn, boss, "SF0000000000006")
    county_says(conn, arrival_text(conn, fine), "delivered")
    receive(conn, boss, "SF0000000000007")  # text still queued: nothing to do yet
    gone = receive(conn, boss, "SF0000000000008")
    county_says(conn, arrival_text(conn, gone), "failed", "invalid_number")
    pickup.confirm(conn, [gone.id], pickup.Handover(), clerk_id=boss.id)  # picked up: off every list

    assert causes(conn) == {"SF0000000000001": ("text_failed",), "SF0000000000002": ("opted_out",),
                            "JD0000000000003": ("no_phone",), "SF0000000000004": ("overdue",),
                            "SF0000000000005": ("overdue",)}
    by_waybill = {d.parcel.waybill: d for d in calllist.due(conn)}
    assert by_waybill["SF0000000000001"].reason == "invalid_number"
    assert (by_waybill["SF0000000000004"].tier, by_waybill["SF0000000000005"].tier) == ("remind", "return")
    assert [d.parcel.waybill for d in calllist.due(conn)][:2] == ["SF0000000000005", "SF0000000000004"]


def test_marking_a_call_writes_one_op_and_takes_the_row_off(conn, boss):
    p = receive(conn, boss, "SF0000000000001")
    county_says(conn, arrival_text(conn, p), "failed", "invalid_number")
    before = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    done = calllist.mark_called(conn, p.id, "  本人接听，\n明天来取 ", clerk_id=boss.id)
    assert causes(conn) == {}
    op = journal.ops_for(conn, p.id)[-1]
    assert op.type == "parcel.called"
    assert op.payload == {"parcel_id": p.id, "waybill": "SF0000000000001", "cause": "text_failed",
                          "note": "本人接听， 明天来取"}
    assert [c["note"] for c in calllist.calls_for(conn, p.id)] == ["本人接听， 明天来取"]
    assert done.reminded_at is not None  # a call is a reminder: the overdue clock restarts from it
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == before + 1


def test_a_new_cause_after_the_call_brings_the_parcel_back(conn, boss):
    p = receive(conn, boss, "SF0000000000001", days_ago=1)
    county_says(conn, arrival_text(conn, p), "failed", "invalid_number", to_iso(utc_now() - timedelta(days=1)))
    calllist.mark_called(conn, p.id, "", clerk_id=boss.id, now=utc_now() - timedelta(hours=20))
    assert causes(conn) == {}
    # three days after the call the reminder tier comes round again; at seven days from arrival, return
    assert causes(conn, utc_now() + timedelta(days=3)) == {"SF0000000000001": ("overdue",)}
    assert {d.tier for d in calllist.due(conn, utc_now() + timedelta(days=6))} == {"return"}
    # and a later failed text (a reminder the clerk sent) puts it back at once
    stock.remind(conn, [p.id], clerk_id=boss.id)
    reminder = notifications.for_parcel(conn, p.id)[-1]["id"]
    assert causes(conn) == {}
    county_says(conn, reminder, "failed", "rate_limited")
    assert causes(conn) == {"SF0000000000001": ("text_failed",)}

def test_a_call_is_refused_for_a_parcel_off_the_shelf_or_a_long_note(conn, boss):
    p = receive(conn, boss, "SF0000000000001")
    with pytest.raises(StationError) as err:
        calllist.mark_called(conn, p.id, "长" * 201, clerk_id=boss.id)
    assert err.value.code == "call_note_too_long"
    pickup.confirm(conn, [p.id], pickup.Handover(), clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        calllist.mark_called(conn, p.id, "", clerk_id=boss.id)
    assert err.value.code == "parcel_not_in_stock"
    assert calllist.calls_for(conn, p.id) == []
    assert [op.type for op in journal.ops_for(conn, p.id)] == ["parcel.received", "parcel.picked_up"]


def test_find_jumps_to_a_parcel_in_stock_by_its_scan(conn, boss):
    p = receive(conn, boss, "SF0000000000001")
    assert calllist.find(conn, " sf0000000000001 ").id == p.id
    with pytest.raises(StationError) as err:
        calllist.find(conn, "SF9999999999999")
    assert err.value.code == "parcel_unknown"
