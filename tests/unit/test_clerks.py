"""Clerks: PINs stored as salted slow hashes, roles, lock-out after five wrong PINs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from station_app.core import clerks, journal, station
from station_app.core.clock import utc_now
from station_app.core.errors import StationError


def test_init_creates_station_with_a_supervisor_and_ops(conn, boss):
    here = station.get(conn)
    assert (here.code, here.name) == ("S001", "龙雾村便民服务站")
    assert boss.role == "supervisor"
    assert {op for (op,) in conn.execute("SELECT type FROM journal")} >= {
        "station.created", "clerk.added", "shelves.configured"}
    with pytest.raises(StationError) as err:
        station.init_station(conn, "S002", "x", "y", "1234")
    assert err.value.code == "station_exists"


def test_init_is_all_or_nothing(conn):
    with pytest.raises(StationError):
        station.init_station(conn, "S001", "站", "", "1234")  # no clerk name
    assert station.get(conn) is None
    assert journal.count(conn) == 0


def test_pin_hash_is_salted_and_slow():
    one, two = clerks.hash_pin("1234"), clerks.hash_pin("1234")
    assert one != two  # salted: the same PIN never gives the same record
    algo, iterations, salt, digest = one.split("$")
    assert algo == "pbkdf2_sha256" and int(iterations) >= 100_000
    # the record holds a salt and a digest, never the PIN: hex of 16 and 32 bytes (a hex digest may contain
    # "1234" by chance, so the PIN's absence is checked by the record's shape, not by searching it)
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert clerks.pin_matches("1234", one) and not clerks.pin_matches("1235", one)


def test_login_locks_out_for_60_seconds_after_five_wrong_pins(conn, boss):
    now = utc_now()
    for left in (4, 3, 2, 1):
        with pytest.raises(StationError) as err:
            clerks.login(conn, boss.id, "9999", now=now)
        assert err.value.code == "pin_wrong" and err.value.params["left"] == left
    with pytest.raises(StationError) as err:
        clerks.login(conn, boss.id, "9999", now=now)
    assert err.value.code == "pin_locked"
    with pytest.raises(StationError) as err:  # even the right PIN waits out the lock
        clerks.login(conn, boss.id, "1234", now=now + timedelta(seconds=30))
    assert err.value.code == "pin_locked"
    assert clerks.login(conn, boss.id, "1234", now=now + timedelta(seconds=61)).id == boss.id
    assert journal.count(conn, "clerk.locked_out") == 1


def test_supervisor_approval_needs_a_supervisor(conn, boss):
    helper = clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    with pytest.raises(StationError) as err:
        clerks.require_supervisor(conn, helper.id, "5678")
    assert err.value.code == "supervisor_required"
    assert clerks.require_supervisor(conn, boss.id, "1234").id == boss.id


@pytest.mark.parametrize("name,pin,role,code", [
    ("", "1234", "clerk", "clerk_name_invalid"),
    ("张三", "12a4", "clerk", "pin_format"),
    ("张三", "123", "clerk", "pin_format"),
    ("张三", "1234", "boss", "clerk_role_invalid"),
    ("王芳", "1234", "clerk", "clerk_exists"),
])
def test_bad_clerk_input_is_refused(conn, boss, name, pin, role, code):
    with pytest.raises(StationError) as err:
        clerks.add_clerk(conn, name, pin, role, by=boss.id)
    assert err.value.code == code


@pytest.mark.parametrize("entry", ["SF1234567890123", "123456789", "12", "1-2-0003", ""])
def test_what_cannot_be_a_pin_is_refused_without_counting_toward_the_lock_out(conn, boss, entry):
    for _ in range(clerks.MAX_WRONG_PINS + 1):
        with pytest.raises(StationError) as err:
            clerks.login(conn, boss.id, entry)
        assert err.value.code == "pin_format"
    assert clerks.login(conn, boss.id, "1234").id == boss.id
