"""Stock: overdue tiers, reminders, returns to the courier, search with history, CSV export."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest

from station_app.core import export, journal, notifications, parcels, pickup, settings, stock
from station_app.core.clock import utc_now
from station_app.core.errors import StationError


def receive(conn, boss, waybill, days_ago=0, phone="13812345678", name="张三"):
    return parcels.receive(conn, waybill, clerk_id=boss.id, phone=phone, name=name,
                           now=utc_now() - timedelta(days=days_ago)).parcel


def test_overdue_tiers_follow_the_settings(conn, boss):
    fresh = receive(conn, boss, "SF0000000000001", 1)
    remind = receive(conn, boss, "SF0000000000002", 4)
    old = receive(conn, boss, "SF0000000000003", 8)
    tiers = {p.id: t for p, t in stock.overdue(conn)}
    assert tiers == {remind.id: "remind", old.id: "return"}
    assert stock.tier(conn, fresh) == ""
    settings.change(conn, "return_after_days", "10", clerk_id=boss.id)
    settings.change(conn, "remind_after_days", "5", clerk_id=boss.id)
    assert {p.id: t for p, t in stock.overdue(conn)} == {old.id: "remind"}


def test_reminders_are_queued_once_per_request_with_an_op(conn, boss):
    p = receive(conn, boss, "SF0000000000002", 4)
    waiting = parcels.receive(conn, "SF0000000000009", clerk_id=boss.id).parcel  # no phone yet
    privacy = receive(conn, boss, "SF0000000000010", 4, phone="5678", name="赵六")  # tail only: cannot be texted
    assert stock.remind(conn, [p.id, waiting.id, privacy.id], clerk_id=boss.id) == 1
    assert notifications.for_parcel(conn, privacy.id) == []
    kinds = [n["kind"] for n in notifications.for_parcel(conn, p.id)]
    assert kinds == ["arrival", "reminder"]
    assert parcels.get(conn, p.id).reminded_at is not None
    assert journal.count(conn, "parcel.reminded") == 1
    # just reminded: not due again until another remind_after_days have passed
    settings.change(conn, "remind_after_days", "2", clerk_id=boss.id)
    assert [q.id for q, _ in stock.overdue(conn)] == [privacy.id]  # still due: the clerk must phone them
    later = utc_now() + timedelta(days=2, hours=1)  # 6 days on the shelf, 2 since the reminder
    assert [t for q, t in stock.overdue(conn, later) if q.id == p.id] == ["remind"]
    assert [t for q, t in stock.overdue(conn, later + timedelta(days=1)) if q.id == p.id] == ["return"]


def test_return_to_courier_by_scan(conn, boss):
    p = receive(conn, boss, "SF0000000000003", 8)
    with pytest.raises(StationError) as err:
        stock.return_to_courier(conn, "SF0000000000003", "lost", clerk_id=boss.id)
    assert err.value.code == "return_reason_invalid"
    back = stock.return_to_courier(conn, "sf0000000000003", "overdue", clerk_id=boss.id)
    assert (back.status, back.return_reason) == ("returned", "overdue")
    assert stock.in_stock(conn) == []
    with pytest.raises(StationError) as err:
        stock.return_to_courier(conn, "SF0000000000003", "overdue", clerk_id=boss.id)
    assert err.value.code == "parcel_not_in_stock"
    with pytest.raises(StationError) as err:
        stock.return_to_courier(conn, "SF0000000000777", "overdue", clerk_id=boss.id)
    assert err.value.code == "parcel_unknown"
    assert [op.type for op in stock.history(conn, p.id)] == ["parcel.received", "parcel.returned"]
    # the same waybill can come back later as a new parcel
    again = receive(conn, boss, "SF0000000000003")
    assert again.id != p.id and again.status == "in_stock"


def test_search_finds_any_parcel_by_each_key(conn, boss):
    a = receive(conn, boss, "SF0000000000001")
    b = receive(conn, boss, "YT0000000000002", phone="13900004321", name="李四")
    pickup.confirm(conn, [b.id], pickup.Handover(), clerk_id=boss.id)
    assert [p.id for p in stock.search(conn, "yt0000000000002")] == [b.id]
    assert [p.id for p in stock.search(conn, "YT00000")] == [b.id]  # a partial waybill
    assert [p.id for p in stock.search(conn, "13900004321")] == [b.id]
    assert [p.id for p in stock.search(conn, "4321")] == [b.id]
    assert [p.id for p in stock.search(conn, a.pickup_code)] == [a.id]
    assert [p.id for p in stock.search(conn, "李")] == [b.id]
    assert stock.search(conn, "nothing-like-this") == [] and stock.search(conn, "  ") == []


def test_export_masks_phones_and_is_written_whole(conn, boss, tmp_path):
    receive(conn, boss, "SF0000000000001")
    receive(conn, boss, "JD0000000000002", phone="4321", name="王五")
    out = tmp_path / "out" / "parcels.csv"
    assert export.export_parcels(conn, out) == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["phone"] for r in rows] == ["138****5678", "****4321"]
    assert rows[0]["pickup_code"] == "1-1-0001" and rows[0]["status"] == "in_stock"
    text = out.read_text(encoding="utf-8-sig")
    assert "13812345678" not in text and "张三" not in text
    assert not list(out.parent.glob(".export-*"))


def test_export_to_an_unwritable_place_says_so(conn, boss, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StationError) as err:
        export.export_parcels(conn, blocker / "sub" / "parcels.csv")
    assert err.value.code == "export_failed"
