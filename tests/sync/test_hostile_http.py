"""The county server against hostile clients with no credentials, and slow ones: bombs on enrolment, bodies the
JSON parser must not choke on, idle and dribbling connections, connection floods, enrolment guessing.
Everything on 127.0.0.1 against the real server process; every slow client gives up by a deadline."""

from __future__ import annotations

import gzip
import json
import lzma
import os
import socket
import time

import httpx
import pytest

from sync import client as sync_client
from sync import protocol

from .support import TunedServer

DEADLINE = 20.0  # the longest any slow client here keeps trying before the test gives up on the server


@pytest.fixture
def tuned(tmp_path):
    servers: list[TunedServer] = []

    def start(env: dict[str, str] | None = None, nofile: int | None = None) -> TunedServer:
        county = TunedServer(tmp_path / "county", env, nofile)
        county.start()
        servers.append(county)
        return county

    yield start
    for county in servers:
        county.stop()


def post(server, path, content, encoding="xz", token="", source="127.0.0.1"):
    headers = {"Content-Encoding": encoding, "Content-Type": "application/json"} if encoding else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, trust_env=False, timeout=DEADLINE) as http:
        return http.post(server.url + path, content=content, headers=headers)


def connect(server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=DEADLINE)
    sock.settimeout(0.2)
    return sock


def closed_by_server(sock: socket.socket, deadline: float) -> bytes | None:
    """Everything the server sent until it closed the connection, or None if it was still open at the deadline."""
    received = b""
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return received
        if not chunk:
            return received
        received += chunk
    return None


def dribble(sock: socket.socket, data: bytes, deadline: float) -> bytes | None:
    """Send ``data`` a byte at a time, 5 bytes a second, until the server answers and closes (its answer), or the
    deadline passes (None: the server let the slow client hang on)."""
    received = b""
    for byte in data:
        if time.monotonic() > deadline:
            return None
        try:
            sock.sendall(bytes([byte]))
        except (BrokenPipeError, ConnectionResetError):
            return received + (closed_by_server(sock, deadline) or b"")
        try:
            chunk = sock.recv(65536)  # waits 0.2 s: the pace of the dribble
        except TimeoutError:
            continue
        except ConnectionResetError:
            return received
        if not chunk:
            return received
        received += chunk
    return closed_by_server(sock, deadline)


# ----- item 9: small bodies without login, bounded JSON everywhere ---------------------------------------------
ENROL_BOMB = lzma.compress(json.dumps({"code": "0000-0000-0000-0000", "device_id": "d" * (16 * 1024 * 1024)}
                                      ).encode(), preset=9)


@pytest.mark.parametrize("body,encoding,detail", [
    (ENROL_BOMB, "xz", "after decompression"),
    (gzip.compress(json.dumps({"code": "x", "device_id": "d" * 2_000_000}).encode()), "gzip", "after decompression"),
    (json.dumps({"code": "x", "device_id": "d" * 8000}).encode(), None, "as sent"),
    (lzma.compress(os.urandom(8000)), "xz", "as sent"),
])
def test_enrolment_takes_small_bodies_only(server, body, encoding, detail):
    assert len(body) < 4096 or detail == "as sent"  # the bombs are small as sent: 2.6 kB of xz → 16 MB
    answer = post(server, "/v1/enroll", body, encoding)
    assert answer.status_code == 413
    assert answer.json()["error"] == "body_too_large" and detail in answer.json()["detail"]
    assert server.query("SELECT count(*) FROM credentials")[0][0] == 0


@pytest.mark.parametrize("encoding,trailer", [("xz", b"garbage"), ("xz", b"\0" * 8), ("gzip", b"\0\0\0\0"),
                                              ("gzip", gzip.compress(b"{}"))])
def test_a_compressed_body_with_bytes_after_its_end_is_refused(server, encoding, trailer):
    code = server.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    body = protocol.encode({"code": code, "device_id": "pc-1"}, encoding) + trailer
    answer = post(server, "/v1/enroll", body, encoding)
    assert (answer.status_code, answer.json()["error"]) == (400, "body_corrupt")
    assert "after the end" in answer.json()["detail"]
    assert server.query("SELECT count(*) FROM credentials")[0][0] == 0


# enrolment bodies (small, unauthenticated, nothing checks them further) are checked whole, here
HOSTILE_JSON = {
    "deep": (b'{"code": "x", "device_id": "d", "pad": ' + b"[" * 1000 + b"]" * 1000 + b"}", "json_too_deep"),
    "lone_surrogate": (b'{"code": "\\ud800", "device_id": "\\udc00x"}', "json_lone_surrogate"),
    "int_2_64": (b'{"code": "x", "device_id": "d", "seq": 18446744073709551616}', "json_number_too_large"),
    "int_3000_digits": (b'{"code": ' + b"9" * 3000 + b', "device_id": "d"}', "json_number_too_large"),
    "nan": (b'{"code": "x", "device_id": "d", "fee_fen": NaN}', "json_number_invalid"),
    "huge_float": (b'{"code": 1e999, "device_id": "d"}', "json_number_invalid"),
    "not_utf8": (b'{"code": "\xff\xfe", "device_id": "d"}', "body_not_utf8"),
}


# In an op batch, a bad value (NaN, a lone surrogate, 2^64) rejects its op alone (the op declarations check each
# op), and reconcile checks its two fields itself; only what cannot be parsed at all, or nests without bound,
# refuses those bodies whole.
UNPARSEABLE = {
    "deep": (b'{"ops": [], "day": "2026-01-01", "pad": ' + b"[" * 1000 + b"]" * 1000 + b"}", "json_too_deep"),
    "int_5000_digits": (b'{"ops": [{"device_seq": ' + b"9" * 5000 + b'}], "day": "2026-01-01", "digest": '
                        + b"9" * 5000 + b"}", "json_number_too_large"),
    "not_utf8": (b'{"ops": [], "day": "\xff\xfe", "digest": ""}', "body_not_utf8"),
}


@pytest.mark.parametrize("path", ["/v1/enroll", "/v1/reconcile", "/v1/ops"])
def test_hostile_json_is_a_400_with_its_reason_never_a_500(server, enrolled, path):
    token = sync_client.state(enrolled, "token")
    cases = HOSTILE_JSON if path == "/v1/enroll" else UNPARSEABLE
    for n, (kind, (raw, code)) in enumerate(cases.items()):
        for encoding, body in (("xz", lzma.compress(raw)), (None, raw)):
            # each from its own address: a refused enrolment counts against its address (see the throttle test)
            answer = post(server, path, body, encoding, token, source=f"127.0.1.{n}")
            assert answer.status_code == 400, (kind, encoding, answer.status_code, answer.text[:200])
            assert answer.json()["error"] == code and answer.json()["detail"], (kind, encoding)
    assert server.query("SELECT count(*) FROM ledger")[0][0] == 0


# ----- item 10: idle and slow connections ----------------------------------------------------------------------
FAST = {"COUNTY_HEADER_TIMEOUT": "1.5", "COUNTY_BODY_TIMEOUT": "1.5", "COUNTY_KEEP_ALIVE": "1"}


def test_a_connection_that_says_nothing_is_closed(tuned):
    server = tuned(FAST)
    silent = connect(server)
    kept_alive = connect(server)
    kept_alive.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: county\r\n\r\n")
    with silent, kept_alive:
        assert closed_by_server(silent, time.monotonic() + DEADLINE) == b""  # nothing sent: closed quietly
        answer = closed_by_server(kept_alive, time.monotonic() + DEADLINE)
        assert answer is not None and answer.startswith(b"HTTP/1.1 200")  # answered, then closed when idle


def test_a_request_head_dribbled_byte_by_byte_is_cut_off_with_408(tuned):
    server = tuned(FAST)
    head = b"POST /v1/enroll HTTP/1.1\r\nHost: county\r\n" + b"X-Padding: " + b"a" * 4000 + b"\r\n\r\n"
    with connect(server) as sock:
        answer = dribble(sock, head, time.monotonic() + DEADLINE)
    assert answer is not None, "the server let a slowloris head hang on"
    assert answer.startswith(b"HTTP/1.1 408") and b"header_timeout" in answer


@pytest.mark.parametrize("pace", ["dribbled", "stalled"])
def test_a_body_that_is_dribbled_or_stalls_is_cut_off_with_408(tuned, pace):
    server = tuned(FAST)
    body = json.dumps({"code": "x", "device_id": "d" * 2000}).encode()
    head = (b"POST /v1/enroll HTTP/1.1\r\nHost: county\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    with connect(server) as sock:
        sock.sendall(head + body[:10])
        deadline = time.monotonic() + DEADLINE
        answer = dribble(sock, body[10:], deadline) if pace == "dribbled" else closed_by_server(sock, deadline)
    assert answer is not None, "the server let a slow body hang on"
    assert answer.startswith(b"HTTP/1.1 408") and b"body_timeout" in answer


def test_a_body_the_server_refused_without_reading_cannot_keep_the_connection(tuned):
    server = tuned(FAST)
    head = (b"POST /v1/ops HTTP/1.1\r\nHost: county\r\nAuthorization: Bearer nope\r\nContent-Encoding: xz\r\n"
            b"Content-Length: 1000000\r\n\r\n")
    with connect(server) as sock:
        sock.sendall(head)
        answer = dribble(sock, b"x" * 1_000_000, time.monotonic() + DEADLINE)
    assert answer is not None, "the server kept reading a body nobody wanted, a byte at a time"
    assert answer.startswith(b"HTTP/1.1 401")


def test_an_honest_station_syncs_while_300_idle_connections_press_on_a_256_file_limit(tuned, conn, boss):
    # as on a small county PC: 256 open files at most, and the head deadline far away so that only the
    # connection cap can make room
    server = tuned({"COUNTY_HEADER_TIMEOUT": "60"}, nofile=256)
    code = server.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    sync_client.enroll(conn, server.url, code)
    from station_app.core import parcels
    parcels.receive(conn, "SF1234567890123", clerk_id=boss.id, phone="13812345678")
    idle = []
    try:
        for _ in range(300):
            idle.append(socket.create_connection(("127.0.0.1", server.port), timeout=DEADLINE))
        report = sync_client.Syncer(conn).sync()  # its own 20 s timeout: a server out of files fails it
        assert report.applied >= 1
        assert server.query("SELECT count(*) FROM ledger")[0][0] >= 1
    finally:
        for sock in idle:
            sock.close()


# ----- item 11: enrolment guessing -----------------------------------------------------------------------------
def test_failed_enrolments_are_logged_and_slowed_down_per_address(tuned):
    server = tuned()
    good = server.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    other = server.admin("station", "add", "--code", "S002", "--name", "站二").stdout.strip()
    guess = "ABCD-0000-1111-2222"
    for _ in range(5):
        answer = post(server, "/v1/enroll", protocol.encode({"code": guess, "device_id": "pc-9"}))
        assert (answer.status_code, answer.json()["error"]) == (403, "enrolment_refused")
    throttled = post(server, "/v1/enroll", protocol.encode({"code": good, "device_id": "pc-9"}))
    assert (throttled.status_code, throttled.json()["error"]) == (429, "enrolment_throttled")
    retry_after = int(throttled.headers["retry-after"])
    assert 1 <= retry_after <= 900
    # another address is not held up by this one
    elsewhere = post(server, "/v1/enroll", protocol.encode({"code": other, "device_id": "pc-2"}),
                     source="127.0.0.2")
    assert elsewhere.status_code == 200 and elsewhere.json()["station"] == "S002"
    # once the wait is over, the right code works from the first address too (waiting does not lengthen it)
    deadline = time.monotonic() + retry_after + DEADLINE
    while True:
        answer = post(server, "/v1/enroll", protocol.encode({"code": good, "device_id": "pc-1"}))
        if answer.status_code != 429 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert answer.status_code == 200 and answer.json()["station"] == "S001"
    log = server.log_path.read_text(encoding="utf-8", errors="replace")
    refused = [line for line in log.splitlines() if "enrolment refused" in line]
    assert len(refused) == 5 and all("127.0.0.1" in line for line in refused)
    assert guess not in log and good not in log and other not in log  # never a code in the log
    assert server.query("SELECT count(*) FROM security_log WHERE event = 'enrol_throttled' "
                        "AND detail LIKE '127.0.0.1%'")[0][0] == 1
