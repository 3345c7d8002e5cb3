"""Reading a county message at the counter: marked locally and journalled for the county in one transaction,
once; the station's own notes (refused feed items) are not reported as read."""

from __future__ import annotations

import json

import pytest

from station_app.core import county_messages, db


def _receive(conn, seq: int, kind: str = "instruction") -> None:
    with db.transaction(conn):
        county_messages.receive(conn, seq, kind, {"title": "防汛", "text": "今晚暴雨，包裹请放高处。"})


def _reads(conn) -> list:
    return conn.execute("SELECT entity_id, payload FROM journal WHERE type = 'message.read'").fetchall()


def test_reading_a_message_writes_one_op_with_its_seq_and_time_even_when_marked_twice(conn, boss):
    _receive(conn, 7)
    _receive(conn, 8, "announcement")
    _receive(conn, 9, "feed_refused")  # the station's own note of an item it could not enter: not reported
    assert county_messages.mark_read(conn, [7, 8, 9], clerk_id=boss.id) == 3
    assert county_messages.mark_read(conn, [7, 8, 9], clerk_id=boss.id) == 0
    reads = _reads(conn)
    assert sorted(json.loads(r["payload"])["seq"] for r in reads) == [7, 8]
    local = {r["seq"]: r["read_at"] for r in conn.execute("SELECT seq, read_at FROM county_messages WHERE seq < 9")}
    assert {json.loads(r["payload"])["seq"]: json.loads(r["payload"])["read_at"] for r in reads} == local
    assert county_messages.unread(conn) == []


def test_the_mark_and_its_op_commit_together(conn, boss):
    _receive(conn, 7)
    conn.execute("CREATE TRIGGER no_journal BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(Exception, match="disk full"):
        county_messages.mark_read(conn, [7])
    assert [r["seq"] for r in county_messages.unread(conn)] == [7]  # not marked read without its op
