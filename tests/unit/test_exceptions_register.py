"""问题件: the register's rules (an outcome to resolve, a reason to reject, no step twice), the county's deadlines,
parcels not in the system, photos by checksum, and the ops each step writes."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from PIL import Image

from station_app.core import db, parcels, refdata
from station_app.core import exceptions_register as ex
from station_app.core.clock import from_iso, utc_now
from station_app.core.errors import StationError


def ops_of(conn, entity_id):
    return [(t, json.loads(p)) for t, p in conn.execute(
        "SELECT type, payload FROM journal WHERE entity_id = ? ORDER BY device_seq", (entity_id,))]


def damaged(conn, boss, **kw):
    p = parcels.receive(conn, "ZT7700000000001", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    return ex.register(conn, kind="damaged", raised_by="villager", description="外箱压坏，里面的碗碎了",
                       raiser_name="张三", raiser_phone="13812345678", waybills=[p.waybill, "YT9999999999"],
                       clerk_id=boss.id, **kw), p


def test_the_lifecycle_writes_one_op_per_step_with_clerk_and_time(conn, boss):
    entry, parcel = damaged(conn, boss)
    assert entry.status == "registered" and entry.number.startswith("E") and entry.courier == parcel.courier
    linked = {p.waybill: p.parcel_id for p in ex.parcels_of(conn, entry.id)}
    assert linked == {parcel.waybill: parcel.id, "YT9999999999": None}  # not in the system: kept, and noted
    entry = ex.start(conn, entry.id, "已联系中通网点", clerk_id=boss.id)
    assert entry.status == "in_progress" and entry.started_by == boss.id
    entry = ex.resolve(conn, entry.id, "compensated", amount_fen=3550, clerk_id=boss.id)
    assert (entry.status, entry.outcome, entry.amount_fen, entry.resolved_by) == ("resolved", "compensated", 3550,
                                                                                  boss.id)
    steps = ops_of(conn, entry.id)
    assert [t for t, _ in steps] == ["exception.registered", "exception.started", "exception.resolved"]
    registered = steps[0][1]
    assert registered["waybills"] == [parcel.waybill] and registered["unknown_waybills"] == ["YT9999999999"]
    assert registered["raiser_phone_tail"] == "5678" and registered["raiser_name"] == "张*"
    assert "13812345678" not in json.dumps(registered)  # the full phone stays at the station
    assert steps[2][1] == {"exception_id": entry.id, "outcome": "compensated", "amount_fen": 3550, "reason": ""}
    clerks = conn.execute("SELECT clerk_id, created_at FROM journal WHERE entity_id = ?", (entry.id,)).fetchall()
    assert all(c == boss.id and at for c, at in clerks)


def test_no_resolve_without_an_outcome_and_no_reject_without_a_reason(conn, boss):
    entry, _ = damaged(conn, boss)
    for outcome, kw, code in (("", {}, "exception_needs_outcome"), ("fixed", {}, "exception_needs_outcome"),
                              ("rejected", {"reason": "  "}, "exception_reject_needs_reason"),
                              ("compensated", {"amount_fen": 0}, "exception_needs_amount")):
        with pytest.raises(StationError) as err:
            ex.resolve(conn, entry.id, outcome, clerk_id=boss.id, **kw)
        assert err.value.code == code
    assert ex.get(conn, entry.id).status == "registered" and len(ops_of(conn, entry.id)) == 1  # nothing written
    done = ex.resolve(conn, entry.id, "rejected", reason="包装完好，签收时未提出", clerk_id=boss.id)
    assert done.reason == "包装完好，签收时未提出" and done.amount_fen == 0


def test_a_step_twice_is_refused_naming_the_entry(conn, boss):
    """(The Chinese sentence itself is read on the counter's message area: tests/gui/test_exceptions_gui.py.)"""
    entry, _ = damaged(conn, boss)
    ex.start(conn, entry.id, "", clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        ex.start(conn, entry.id, "", clerk_id=boss.id)
    assert err.value.code == "exception_already_in_progress"
    assert err.value.params == {"number": entry.number}
    ex.resolve(conn, entry.id, "redelivered", clerk_id=boss.id)
    for again in (lambda: ex.resolve(conn, entry.id, "returned", clerk_id=boss.id),
                  lambda: ex.start(conn, entry.id, "", clerk_id=boss.id)):
        with pytest.raises(StationError) as err:
            again()
        assert err.value.code == "exception_already_resolved" and err.value.params == {"number": entry.number}
    assert [t for t, _ in ops_of(conn, entry.id)].count("exception.resolved") == 1
    assert ex.get(conn, entry.id).outcome == "redelivered"


def test_the_deadline_is_the_countys_days_for_the_kind_and_overdue_after_it(conn, boss):
    now = utc_now()
    complaint = ex.register(conn, kind="complaint", topic="double_charge", raised_by="villager",
                            description="取件被收了两元", clerk_id=boss.id, now=now - timedelta(days=8))
    assert complaint.deadline_days == 7  # the built-in default for complaints
    with db.transaction(conn):  # the county's reference data, as a sync stores it
        refdata.store(conn, "exception_deadlines", 1, "x", json.dumps(
            {"rows": [{"kind": "complaint", "days": 10}, {"kind": "lost", "days": 30}]}))
    later = ex.register(conn, kind="complaint", topic="attitude", raised_by="villager", description="态度差",
                        clerk_id=boss.id, now=now - timedelta(days=8))
    assert later.deadline_days == 10 and from_iso(later.deadline_at) - from_iso(later.registered_at) == \
        timedelta(days=10)
    assert [e.id for e in ex.overdue(conn, now)] == [complaint.id]  # 8 days > 7, not > 10
    ex.resolve(conn, complaint.id, "rejected", reason="未重复收费", clerk_id=boss.id)
    assert ex.overdue(conn, now) == []


def test_what_a_person_leaves_out_is_refused_and_nothing_written(conn, boss):
    cases = [({"kind": "", "raised_by": "villager", "description": "x", "waybills": ["ZT1234567"]},
              "exception_kind_missing"),
             ({"kind": "lost", "raised_by": "", "description": "x", "waybills": ["ZT1234567"]},
              "exception_raiser_missing"),
             ({"kind": "lost", "raised_by": "courier", "description": " ", "waybills": ["ZT1234567"]},
              "exception_needs_description"),
             ({"kind": "lost", "raised_by": "courier", "description": "丢了"}, "exception_needs_parcel"),
             ({"kind": "complaint", "raised_by": "villager", "description": "x"}, "exception_topic_missing"),
             ({"kind": "lost", "raised_by": "villager", "description": "x", "waybills": ["ZT 12/3"]},
              "exception_waybill_invalid"),
             ({"kind": "lost", "raised_by": "villager", "description": "x", "waybills": ["ZT1234567"],
               "raiser_phone": "12ab"}, "exception_phone_invalid")]
    for kw, code in cases:
        with pytest.raises(StationError) as err:
            ex.register(conn, clerk_id=boss.id, **kw)
        assert err.value.code == code
    assert conn.execute("SELECT count(*) FROM exceptions").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM journal WHERE type LIKE 'exception.%'").fetchone()[0] == 0


def test_photos_are_copied_by_checksum_and_only_names_travel(conn, boss, data_dir, tmp_path):
    photo = tmp_path / "破损.jpg"
    Image.new("RGB", (32, 24), (200, 30, 30)).save(photo, "JPEG")
    entry, _ = damaged(conn, boss, photos=[photo, photo], data_dir=data_dir)
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    [(name, stored)] = ex.photos_of(conn, entry.id)
    assert stored == digest and (data_dir / ex.PHOTO_DIR / name).read_bytes() == photo.read_bytes()
    assert ops_of(conn, entry.id)[0][1]["photos"] == [{"name": name, "sha256": digest}]
    text = tmp_path / "note.jpg"
    text.write_text("not a picture")
    with pytest.raises(StationError) as err:
        ex.register(conn, kind="lost", raised_by="courier", description="x", waybills=["ZT1234567"],
                    photos=[text], data_dir=data_dir, clerk_id=boss.id)
    assert err.value.code == "exception_photo_invalid"
