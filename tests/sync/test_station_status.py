"""Station health on the county: each upload says the station's app version and how many of its ops are not
uploaded yet; the county keeps it per device and its health report shows it beside the sequence gaps it sees
itself. A real station process (`station-app sync`) against the real county server; an older station that
says neither still syncs; a hostile value is a 400, never a 500, and applies nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest

from station_app import __version__
from station_app.core import db, journal, parcels
from station_app.core.clock import to_iso, utc_now
from sync import protocol
from sync.client import state


def station_sync(data_dir) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "station_app", "sync", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, encoding="utf-8", env=dict(os.environ), timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done


def health_of(server, code: str = "S001") -> dict:
    result = server.admin("health", "--json")
    assert result.returncode == 0, result.stderr
    return next(h for h in json.loads(result.stdout) if h["station"] == code)


def too_large(conn, op_id: str) -> None:
    """As the upload does with an op that cannot fit even alone."""
    with db.transaction(conn):
        journal.set_aside(conn, op_id, "op_too_large", 3_000_000, to_iso(utc_now()))


def test_the_county_hears_the_version_and_the_ops_still_waiting(server, enrolled, boss, data_dir):
    conn = enrolled
    for n in range(3):
        parcels.receive(conn, f"SF12345678901{n}", clerk_id=boss.id, phone="13812345678")
    station_sync(data_dir)
    first = health_of(server)
    assert first["app_version"] == __version__ and first["ops_not_uploaded"] == 0 and first["ops_missing"] == 0
    assert first["status_at"]

    parcels.receive(conn, "SF1234567890199", clerk_id=boss.id, phone="13812345678")
    (stuck,) = journal.pending(conn)
    too_large(conn, stuck.op_id)
    station_sync(data_dir)  # nothing to upload: the station still says how it stands
    second = health_of(server)
    assert second["ops_not_uploaded"] == 1  # the station's word: one op it cannot send
    assert second["ops_missing"] == 0  # the county's own count: no sequence gap, as nothing came after it
    assert second["status_at"] > first["status_at"]
    shown = server.admin("health").stdout
    assert f"版本 {__version__}" in shown and "站点待上传 1" in shown and "序号缺口 0" in shown


def post_ops(server, conn, body: dict) -> httpx.Response:
    return httpx.post(server.url + "/v1/ops", content=protocol.encode(body), trust_env=False, timeout=30,
                      headers={"Authorization": f"Bearer {state(conn, 'token')}", "Content-Encoding": "xz",
                               "Content-Type": "application/json"})


def old_body(conn) -> dict:
    """An upload as a station app from before this change sends it: no version, no count."""
    ops = [{"op_id": op.op_id, "device_seq": op.device_seq, "type": op.type, "entity_id": op.entity_id,
            "payload": op.payload, "clerk_id": op.clerk_id, "created_at": op.created_at}
           for op in journal.pending(conn)]
    return {"protocol": protocol.VERSION, "station": "S001", "ops": ops}


def test_an_older_station_that_says_neither_still_syncs(server, enrolled, boss):
    parcels.receive(enrolled, "SF123456789010", clerk_id=boss.id, phone="13812345678")
    body = old_body(enrolled)
    answer = post_ops(server, enrolled, body)
    assert answer.status_code == 200 and answer.json()["statuses"] == "a" * len(body["ops"])
    health = health_of(server)
    assert health["app_version"] is None and health["ops_not_uploaded"] is None and health["status_at"] is None
    assert health["last_sync"]


@pytest.mark.parametrize("field,value", [
    ("app_version", "9" * 100_000), ("app_version", "1.2.0\n"), ("app_version", "../../etc/passwd"),
    ("app_version", "版本一"), ("app_version", ""), ("app_version", 12), ("app_version", ["1.0"]),
    ("ops_waiting", -1), ("ops_waiting", 2**64), ("ops_waiting", 1.5), ("ops_waiting", True), ("ops_waiting", "3"),
    ("ops_waiting", float("nan")),
])
def test_a_hostile_status_is_refused_with_a_reason_and_applies_nothing(server, enrolled, boss, field, value):
    parcels.receive(enrolled, "SF123456789010", clerk_id=boss.id, phone="13812345678")
    body = old_body(enrolled) | {field: value}
    answer = post_ops(server, enrolled, body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "status_invalid" and field in answer.json()["detail"]
    assert server.query("SELECT count(*) FROM ledger") == [(0,)]  # the batch was not applied either
    assert health_of(server)["app_version"] is None


def test_the_county_counts_the_sequence_numbers_that_never_came(server, enrolled, boss):
    """Kept per device at ingest (the console's health page no longer reads the ledger): ops held back show as a
    gap, a resend fills it, and an op re-using a number (a station restored from an old copy) is no new number."""
    for n in range(5):
        parcels.receive(enrolled, f"SF12345678902{n}", clerk_id=boss.id, phone="13812345678")
    body = old_body(enrolled)
    held = body["ops"][1:3]
    answer = post_ops(server, enrolled, body | {"ops": [op for op in body["ops"] if op not in held]})
    assert answer.status_code == 200, answer.text
    assert health_of(server)["ops_missing"] == 2
    before = health_of(server)["last_sync"]
    assert post_ops(server, enrolled, body).status_code == 200  # all again: the two arrive, the rest are duplicates
    after = health_of(server)
    assert after["ops_missing"] == 0 and after["last_sync"] > before
    reused = dict(body["ops"][0], op_id=body["ops"][0]["op_id"][:-4] + "ffff")  # a new op, an old number
    assert post_ops(server, enrolled, {**body, "ops": [reused]}).json()["statuses"] == "a"
    assert health_of(server)["ops_missing"] == 0
    assert server.query("SELECT count(*) FROM ledger") == [(len(body["ops"]) + 1,)]
