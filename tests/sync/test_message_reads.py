"""Stations report reading the county's messages: a clerk's read at one station travels through the real county
server and shows that station read and the other not; a read of a message not sent to the station is refused."""

from __future__ import annotations

import json
import lzma

import httpx

from station_app.core import county_messages
from station_app.core.ids import uuid7
from sync import client as sync_client

from .support import new_station


def post(server, token: str, body: dict) -> httpx.Response:
    return httpx.post(server.url + "/v1/ops", content=lzma.compress(json.dumps(body).encode()), timeout=60,
                      trust_env=False, headers={"Authorization": f"Bearer {token}", "Content-Encoding": "xz"})


def op(seq: int, op_type: str, payload: dict, **extra) -> dict:
    return {"op_id": uuid7(), "device_seq": seq, "type": op_type, "entity_id": None, "payload": payload,
            "created_at": "2026-11-25T06:00:00.000Z", **extra}


def listed(server) -> list[dict]:
    answer = server.admin("message", "list", "--json")
    assert answer.returncode == 0 and "Traceback" not in answer.stderr, answer.stderr
    return json.loads(answer.stdout)


def test_a_clerks_read_reaches_the_county_for_that_station_only(server, tmp_path):
    longwu, clerk = new_station(tmp_path, server, "S001")
    shiqiao, _ = new_station(tmp_path, server, "S002")
    sent = server.admin("message", "send", "--station", "all", "--kind", "instruction", "--title", "防汛",
                        "--text", "今晚暴雨，包裹请放高处。")
    assert sent.returncode == 0, sent.stderr
    for conn in (longwu, shiqiao):
        sync_client.Syncer(conn).sync()
    [message] = county_messages.unread(longwu)
    assert county_messages.mark_read(longwu, [message["seq"]], clerk_id=clerk.id) == 1
    county_messages.mark_read(longwu, [message["seq"]], clerk_id=clerk.id)  # the clerk opens it again
    report = sync_client.Syncer(longwu).sync()
    assert (report.applied, report.rejected) == (1, 0)  # one read op, though marked twice
    read_at = longwu.execute("SELECT read_at FROM county_messages WHERE seq = ?", (message["seq"],)).fetchone()[0]

    [shown] = listed(server)
    assert (shown["title"], shown["stations"], shown["read_count"]) == ("防汛", 2, 1)
    assert shown["read"] == [{"station": "S001", "name": "S001 站", "read_at": read_at}]
    assert shown["unread"] == [{"station": "S002", "name": "S002 站"}]
    assert server.query("SELECT count(*) FROM ledger WHERE type = 'message.read'")[0][0] == 1
    human = server.admin("message", "list").stdout
    assert "已读 1/2" in human and "S002" in human

    server.execute("DELETE FROM message_reads")  # lost: the reads come back from the ledger alone
    assert listed(server)[0]["read_count"] == 0
    rebuilt = server.admin("projection", "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert listed(server) == [shown]
    longwu.close()
    shiqiao.close()


def test_a_station_reporting_a_read_of_a_message_not_sent_to_it_is_refused(server, tmp_path):
    longwu, _ = new_station(tmp_path, server, "S001")
    hostile, _ = new_station(tmp_path, server, "S666")
    server.admin("message", "send", "--station", "S001", "--title", "只发龙雾", "--text", "内部通知")
    sync_client.Syncer(longwu).sync()
    [message] = county_messages.unread(longwu)
    token = sync_client.state(hostile, "token")
    at = "2026-11-25T06:00:00.000Z"
    answer = post(server, token, {"ops": [
        op(1, "message.read", {"seq": message["seq"], "read_at": at}),  # S001's copy
        op(2, "message.read", {"seq": 999_999, "read_at": at}),  # nothing at all
        op(3, "message.read", {"seq": message["seq"], "read_at": at}, station="S001"),  # posing as S001
    ]})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["statuses"] == "rrr"
    assert list(body["rejected"].values()) == ["message_not_sent", "message_not_sent", "wrong_station"]
    assert all("not a message sent to this station" in d for d in list(body["details"].values())[:2])
    [shown] = listed(server)
    assert shown["read_count"] == 0 and shown["unread"] == [{"station": "S001", "name": "S001 站"}]
    assert server.query("SELECT count(*) FROM ledger WHERE type = 'message.read'")[0][0] == 0
    longwu.close()
    hostile.close()
