"""The wire shapes and their version, shared by the station and the county server.

Every request but enrolment carries ``Authorization: Bearer <token>``; the station is whoever the token
belongs to, never what a body says. Bodies are JSON; request bodies are compressed with xz (LZMA), which on
journal ops is about 40% smaller than gzip (its window spans a whole batch); gzip is accepted too.

An upload is answered op by op, compactly: ``statuses`` has one letter per op in the order sent (a = applied,
d = duplicate, r = rejected, with the reason in ``rejected``), and ``first``/``last``/``count`` let the
station check the answer is for the batch it sent.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import lzma
import re
from dataclasses import dataclass
from typing import Any

VERSION = 1
MAX_BATCH_OPS = 500
MAX_COMPRESSED_BYTES = 2 * 1024 * 1024  # one request body as sent
MAX_BODY_BYTES = 16 * 1024 * 1024  # after decompression: refuses gzip bombs
REF_KINDS = ("couriers", "price_table", "produce_catalog", "bill_types", "announcements", "prohibited_items",
             "bus_runs",
             "exception_deadlines",  # 问题件: days to answer each kind (core/exceptions_register.py)
             "service_catalog", "inbound_timetable",  # 便民服务 (core/services.py), 到车 (core/inbound_runs.py)
             "courier_rates")  # 派费 per piece (core/courier_fees.py)
FEED_KINDS = ("manifest", "instruction", "announcement", "notification_status", "sale_result")
OP_RESULTS = ("applied", "duplicate", "rejected")
STATUS_LETTERS = {"applied": "a", "duplicate": "d", "rejected": "r"}
ENCODINGS = ("xz", "gzip")


# What a station says about itself with each upload (optional: an older station sends neither and still syncs).
APP_VERSION_FIELD, OPS_WAITING_FIELD = "app_version", "ops_waiting"
APP_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,31}")  # 0.1.0, 1.2.0rc1, 1.2.0+win7 …
MAX_OPS_WAITING = 2**53 - 1  # the largest integer every JSON reader keeps exactly


@dataclass(frozen=True)
class StationStatus:
    """The app version a station runs and how many of its ops are not yet uploaded (after the batch it sends);
    None: not said."""

    app_version: str | None = None
    ops_waiting: int | None = None


class ProtocolError(Exception):
    """A body that is not what the protocol says: ``code`` names what, for both ends to act on."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        super().__init__(f"{code}: {detail}" if detail else code)


def encode(body: dict[str, Any], encoding: str = "xz") -> bytes:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return lzma.compress(data, preset=6) if encoding == "xz" else gzip.compress(data, compresslevel=6)


def decode(raw: bytes, *, encoding: str | None) -> dict[str, Any]:
    """Decompress (bounded: a small bomb must not become gigabytes) and parse a request body."""
    if len(raw) > MAX_COMPRESSED_BYTES:
        raise ProtocolError("body_too_large", f"{len(raw)} bytes")
    data = raw
    try:
        if encoding == "gzip":
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
                data = stream.read(MAX_BODY_BYTES + 1)
        elif encoding == "xz":
            unpacker = lzma.LZMADecompressor()
            data = unpacker.decompress(raw, max_length=MAX_BODY_BYTES + 1)
            if len(data) <= MAX_BODY_BYTES and not unpacker.eof:
                raise ProtocolError("body_corrupt", "truncated")
        elif encoding:
            raise ProtocolError("encoding_unsupported", encoding)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        raise ProtocolError("body_corrupt", str(exc)) from exc
    if len(data) > MAX_BODY_BYTES:
        raise ProtocolError("body_too_large", "decompressed body over the limit")
    try:
        body = json.loads(data)
    except (ValueError, RecursionError) as exc:  # also a 1,000-deep nesting, an int of 5,000 digits
        raise ProtocolError("body_corrupt", type(exc).__name__) from exc
    if not isinstance(body, dict):
        raise ProtocolError("body_corrupt", "not an object")
    return body


def read_status(body: dict[str, Any]) -> StationStatus:
    """The station's status fields of an upload body; ProtocolError('status_invalid') for a value out of shape
    (a version that is not a short version word, a count that is not a whole number ≥ 0)."""
    version, waiting = body.get(APP_VERSION_FIELD), body.get(OPS_WAITING_FIELD)
    if version is not None and (not isinstance(version, str) or not APP_VERSION.fullmatch(version)):
        raise ProtocolError("status_invalid", f"{APP_VERSION_FIELD}: a version such as 1.2.0, at most 32 characters")
    if waiting is not None and (type(waiting) is not int or not 0 <= waiting <= MAX_OPS_WAITING):
        raise ProtocolError("status_invalid", f"{OPS_WAITING_FIELD}: a whole number from 0")
    return StationStatus(version, waiting)


def results_answer(op_ids: list[str], results: list[tuple[str, str]], high_seq: int, *,
                   details: dict[str, str] | None = None,
                   gaps: list[tuple[int, int]] | None = None) -> dict[str, Any]:
    """The server's compact answer to a batch: results are (status, code) in the order the ops came.

    ``details`` says in words why an op was rejected (which field, what is wrong); ``device_gaps`` lists the
    sequence ranges this device skipped, as the county saw them. Both are for people; the station acts on codes.
    """
    answer = {"count": len(op_ids), "first": op_ids[0] if op_ids else "", "last": op_ids[-1] if op_ids else "",
              "statuses": "".join(STATUS_LETTERS[status] for status, _ in results),
              "rejected": {op_ids[i]: code for i, (status, code) in enumerate(results) if status == "rejected"},
              "device_high_seq": high_seq}
    if details:
        answer["details"] = details
    if gaps:
        answer["device_gaps"] = [list(gap) for gap in gaps]
    return answer


def read_results(answer: dict[str, Any], op_ids: list[str]) -> list[tuple[str, str, str]]:
    """(op_id, status, code) for each op sent; ProtocolError if the answer is not for this batch."""
    statuses, rejected = answer.get("statuses"), answer.get("rejected")
    letters = {v: k for k, v in STATUS_LETTERS.items()}
    if (not isinstance(statuses, str) or not isinstance(rejected, dict) or answer.get("count") != len(op_ids)
            or len(statuses) != len(op_ids) or not op_ids or answer.get("first") != op_ids[0]
            or answer.get("last") != op_ids[-1] or any(ch not in letters for ch in statuses)):
        raise ProtocolError("answer_mismatch")
    return [(op_id, letters[ch], str(rejected.get(op_id, "")) if ch == "r" else "")
            for op_id, ch in zip(op_ids, statuses, strict=True)]


def payload_hash(op: dict[str, Any]) -> str:
    """What makes two ops with one op_id the same op: type, entity and payload, canonically serialised."""
    canonical = json.dumps([op["type"], op.get("entity_id"), op["payload"]], ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def op_digest(op_ids: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(op_ids)).encode()).hexdigest()


def check_op(op: Any) -> dict[str, Any]:
    """The shape of one uploaded op; ProtocolError('op_malformed') otherwise."""
    required = {"op_id": str, "device_seq": int, "type": str, "payload": dict, "created_at": str}
    if not isinstance(op, dict) or any(not isinstance(op.get(k), t) for k, t in required.items()):
        raise ProtocolError("op_malformed", str(op)[:200])
    if op.get("entity_id") is not None and not isinstance(op["entity_id"], str):
        raise ProtocolError("op_malformed", "entity_id")
    return op


OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Village Station county server", "version": str(VERSION)},
    "components": {"securitySchemes": {"station": {"type": "http", "scheme": "bearer"}}},
    "security": [{"station": []}],
    "paths": {
        "/v1/enroll": {"post": {"summary": "Trade a one-time enrolment code for station credentials",
                                "security": [], "responses": {"200": {"description": "token and station"},
                                                              "403": {"description": "code unknown or used"}}}},
        "/v1/ops": {"post": {"summary": "Upload journal ops (at most 500); each answered "
                                        "applied | duplicate | rejected(code). The station may say its app "
                                        "version and how many ops it has not uploaded yet (after this batch); "
                                        "an empty batch only says that",
                             "responses": {"200": {"description": "per-op results"},
                                           "400": {"description": "malformed or oversized body"},
                                           "401": {"description": "credentials missing, expired or revoked"}}}},
        "/v1/feed": {"get": {"summary": "The station's feed after a cursor",
                             "parameters": [{"name": "after", "in": "query", "schema": {"type": "integer"}},
                                            {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                             "responses": {"200": {"description": "items and the next cursor"}}}},
        "/v1/ref": {"get": {"summary": "Current reference data versions with sha256",
                            "responses": {"200": {"description": "kind, version, sha256, size"}}}},
        "/v1/ref/{kind}/{version}": {"get": {"summary": "One reference snapshot, whole",
                                             "parameters": [{"name": "kind", "in": "path", "required": True,
                                                             "schema": {"type": "string"}},
                                                            {"name": "version", "in": "path", "required": True,
                                                             "schema": {"type": "integer"}}],
                                             "responses": {"200": {"description": "the snapshot bytes"},
                                                           "404": {"description": "no such snapshot"}}}},
        "/v1/release": {"get": {"summary": "The newest station app version the county hosts, and where",
                                "responses": {"200": {"description": "version and url, or {} for none"}}}},
        "/v1/reconcile": {"post": {"summary": "Compare a day's counts and op-id digest; on mismatch the "
                                              "server's op ids for that day come back",
                                   "responses": {"200": {"description": "match, or the server's ids"}}}},
    },
}
