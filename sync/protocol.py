"""The wire shapes and their version, shared by the station and the county server.

Every request but enrolment carries ``Authorization: Bearer <token>``; the station is whoever the token
belongs to, never what a body says. Bodies are JSON, request bodies gzip-compressed.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from typing import Any

VERSION = 1
MAX_BATCH_OPS = 500
MAX_COMPRESSED_BYTES = 2 * 1024 * 1024  # one request body as sent
MAX_BODY_BYTES = 16 * 1024 * 1024  # after decompression: refuses gzip bombs
REF_KINDS = ("couriers", "price_table", "produce_catalog", "bill_types", "announcements")
FEED_KINDS = ("manifest", "instruction", "announcement", "notification_status")
OP_RESULTS = ("applied", "duplicate", "rejected")


class ProtocolError(Exception):
    """A body that is not what the protocol says: ``code`` names what, for both ends to act on."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        super().__init__(f"{code}: {detail}" if detail else code)


def encode(body: dict[str, Any]) -> bytes:
    return gzip.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(), compresslevel=6)


def decode(raw: bytes, *, compressed: bool) -> dict[str, Any]:
    """Decompress (bounded) and parse a request body; ProtocolError on anything malformed."""
    if len(raw) > MAX_COMPRESSED_BYTES:
        raise ProtocolError("body_too_large", f"{len(raw)} bytes")
    data = raw
    if compressed:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
                data = stream.read(MAX_BODY_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise ProtocolError("body_corrupt", str(exc)) from exc
        if len(data) > MAX_BODY_BYTES:
            raise ProtocolError("body_too_large", "decompressed body over the limit")
    try:
        body = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError("body_corrupt", str(exc)) from exc
    if not isinstance(body, dict):
        raise ProtocolError("body_corrupt", "not an object")
    return body


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
        "/v1/ops": {"post": {"summary": "Upload journal ops (gzip JSON, at most 500); each answered "
                                        "applied | duplicate | rejected(code)",
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
        "/v1/reconcile": {"post": {"summary": "Compare a day's counts and op-id digest; on mismatch the "
                                              "server's op ids for that day come back",
                                   "responses": {"200": {"description": "match, or the server's ids"}}}},
    },
}
