"""Pickup: lookup four ways, each hand-over scanned, who took it, and a supervisor's undo."""

from __future__ import annotations

import pytest

from station_app.core import clerks, journal, notifications, parcels, pickup, settings
from station_app.core.errors import StationError


@pytest.fixture
def shelf(conn, boss):
    """Two parcels for 张三, one for 李四 sharing his phone tail, one privacy parcel."""
    got = {}
    for key, waybill, phone, name in [
        ("a1", "SF0000000000001", "13812345678", "张三"), ("a2", "YT0000000000002", "13812345678", "张三"),
        ("b1", "JT0000000000003", "13912345678", "李四"), ("p1", "JD0000000000004", "5678", "王五"),
    ]:
        got[key] = parcels.receive(conn, waybill, clerk_id=boss.id, phone=phone, name=name).parcel
    return got


def ids(found):
    return {p.id for p in found}


def test_lookup_by_code_phone_tail_and_waybill(conn, shelf):
    a = {shelf["a1"].id, shelf["a2"].id}
    assert ids(pickup.lookup(conn, shelf["a1"].pickup_code)) == a
    assert ids(pickup.lookup(conn, "138 1234 5678")) == a
    assert ids(pickup.lookup(conn, "yt0000000000002")) == a
    assert ids(pickup.lookup(conn, "5678")) == {p.id for p in shelf.values()}  # everyone with that tail
    assert ids(pickup.lookup(conn, shelf["p1"].pickup_code)) == {shelf["p1"].id}


@pytest.mark.parametrize("query,code", [
    ("", "lookup_empty"), ("9-9-9999", "code_not_found"), ("0000", "nothing_for_phone"),
    ("13700000000", "nothing_for_phone"), ("SF9999999999999", "parcel_unknown"),
])
def test_lookup_failures(conn, shelf, query, code):
    with pytest.raises(StationError) as err:
        pickup.lookup(conn, query)
    assert err.value.code == code


def test_handover_scan_refuses_someone_elses_or_unknown_parcel(conn, shelf):
    mine = pickup.lookup(conn, "13812345678")
    assert pickup.check_handover(conn, "SF0000000000001", mine).id == shelf["a1"].id
    for waybill, code in [("JT0000000000003", "not_this_recipient"), ("XX0000000000009", "parcel_unknown")]:
        with pytest.raises(StationError) as err:
            pickup.check_handover(conn, waybill, mine)
        assert err.value.code == code


def test_confirm_records_who_took_it_one_op_each(conn, boss, shelf):
    done = pickup.confirm(conn, [shelf["a1"].id, shelf["a2"].id], pickup.Handover("proxy", "张大妈", "9876"),
                          clerk_id=boss.id)
    assert all(p.status == "picked_up" and p.handover == "proxy" and p.proxy_phone_tail == "9876" for p in done)
    assert journal.count(conn, "parcel.picked_up") == 2
    # the arrival SMS not yet sent is cancelled: the parcel has left the shelf
    assert [n["state"] for n in notifications.for_parcel(conn, shelf["a1"].id)] == ["cancelled"]
    with pytest.raises(StationError) as err:  # already gone
        pickup.confirm(conn, [shelf["a1"].id], pickup.Handover(), clerk_id=boss.id)
    assert err.value.code == "parcel_not_in_stock"
    with pytest.raises(StationError) as err:  # two people's parcels in one hand-over: all or nothing
        pickup.confirm(conn, [shelf["b1"].id, shelf["a1"].id], pickup.Handover(), clerk_id=boss.id)
    assert err.value.code == "mixed_recipients"
    assert parcels.get(conn, shelf["b1"].id).status == "in_stock"
    with pytest.raises(StationError) as err:
        pickup.lookup(conn, "SF0000000000001")
    assert err.value.code == "parcel_not_in_stock"


@pytest.mark.parametrize("handover,code", [
    (pickup.Handover("proxy", "", "1234"), "proxy_needs_name"),
    (pickup.Handover("proxy", "张大妈", "12"), "tail_invalid"),
    (pickup.Handover("drone"), "handover_invalid"),
    (pickup.Handover("door", " ", "1234"), "door_needs_name"),
    (pickup.Handover("door", "李四", "123"), "tail_invalid"),
])
def test_bad_handover_details(conn, boss, shelf, handover, code):
    with pytest.raises(StationError) as err:
        pickup.confirm(conn, [shelf["b1"].id], handover, clerk_id=boss.id)
    assert err.value.code == code
    assert parcels.get(conn, shelf["b1"].id).status == "in_stock"


def test_confirm_with_nothing_scanned(conn, boss):
    with pytest.raises(StationError) as err:
        pickup.confirm(conn, [], pickup.Handover(), clerk_id=boss.id)
    assert err.value.code == "nothing_scanned"


def test_door_delivery_records_who_signed(conn, boss, shelf):
    (p,) = pickup.confirm(conn, [shelf["b1"].id], pickup.Handover("door", "李四"), clerk_id=boss.id)
    assert p.handover == "door" and p.picked_up_by == boss.id and p.proxy_name == "李四"
    assert journal.ops_for(conn, p.id)[-1].payload["proxy_name"] == "李四"


def test_a_proxys_full_mobile_keeps_only_its_last_four_digits(conn, boss, shelf):
    (p,) = pickup.confirm(conn, [shelf["b1"].id], pickup.Handover("proxy", "张大妈", "137 0000 9876"),
                          clerk_id=boss.id)
    assert p.proxy_phone_tail == "9876"
    assert "13700009876" not in str(journal.ops_for(conn, p.id)[-1].payload)


def test_people_splits_a_shared_tail_into_recipients(conn, shelf):
    people = pickup.people(pickup.lookup(conn, "5678"))
    assert sorted((p.names, p.masked_phone, len(p.parcels)) for p in people) == [
        (("张三",), "138****5678", 2), (("李四",), "139****5678", 1), (("王五",), "****5678", 1)]


def test_supervisor_undoes_a_mistaken_handover_with_a_correcting_op(conn, boss, shelf):
    helper = clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    pickup.confirm(conn, [shelf["b1"].id], pickup.Handover(), clerk_id=helper.id)
    with pytest.raises(StationError) as err:
        pickup.undo(conn, shelf["b1"].id, "交错了", clerk_id=helper.id, supervisor_id=helper.id,
                    supervisor_pin="5678")
    assert err.value.code == "supervisor_required"
    with pytest.raises(StationError):
        pickup.undo(conn, shelf["b1"].id, "交错了", clerk_id=helper.id, supervisor_id=boss.id, supervisor_pin="0000")
    back = pickup.undo(conn, shelf["b1"].id, "交错了", clerk_id=helper.id, supervisor_id=boss.id,
                       supervisor_pin="1234")
    assert back.status == "in_stock" and back.picked_up_at is None
    assert back.pickup_code == shelf["b1"].pickup_code
    ops = journal.ops_for(conn, back.id)
    assert [op.type for op in ops] == ["parcel.received", "parcel.picked_up", "parcel.pickup_undone"]
    assert ops[-1].payload["supervisor_id"] == boss.id and ops[-1].clerk_id == helper.id


def test_undo_gives_a_new_code_when_the_old_one_was_reused(conn, boss, shelf):
    pickup.confirm(conn, [shelf["b1"].id], pickup.Handover(), clerk_id=boss.id)
    settings.change(conn, "next_code_seq", shelf["b1"].pickup_code.rsplit("-", 1)[1], clerk_id=boss.id)
    reuse = parcels.receive(conn, "SF0000000000099", clerk_id=boss.id, phone="13700000000").parcel
    assert reuse.pickup_code == shelf["b1"].pickup_code
    back = pickup.undo(conn, shelf["b1"].id, "交错了", clerk_id=boss.id, supervisor_id=boss.id,
                       supervisor_pin="1234")
    assert back.pickup_code != reuse.pickup_code and back.status == "in_stock"
