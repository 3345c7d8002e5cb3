"""The server's OpenAPI document: ``protocol.OPENAPI`` (paths and summaries, shared with the station) with every
request body and every refusal described, so a schema-driven fuzzer can reach each endpoint."""

from __future__ import annotations

import copy
from typing import Any

from .. import protocol

_ERROR = {"type": "object", "required": ["error"],
          "properties": {"error": {"type": "string", "description": "what was refused, for programs"},
                         "detail": {"type": "string", "description": "why, for people"}}}

_REFUSALS = {
    "400": "malformed body, query or JSON (too deep, lone surrogate, number out of range, trailing bytes)",
    "401": "credentials missing, unknown, expired or revoked",
    "408": "the request head or body did not arrive in time",
    "413": "body too large, as sent or after decompression",
    "429": "too many failed enrolments from this address; see Retry-After",
    "503": "too many connections; see Retry-After",
}

_OP = {"type": "object", "required": ["op_id", "device_seq", "type", "payload", "created_at"],
       "properties": {"op_id": {"type": "string", "description": "UUIDv7"},
                      "device_seq": {"type": "integer", "minimum": 1},
                      "type": {"type": "string"},
                      "entity_id": {"type": "string", "nullable": True},
                      "payload": {"type": "object"},
                      "created_at": {"type": "string", "description": "UTC ISO-8601"},
                      "station": {"type": "string"}}}

_BODIES: dict[str, dict[str, Any]] = {
    "/v1/enroll": {"type": "object", "required": ["code", "device_id"],
                   "properties": {"code": {"type": "string", "example": "1A2B-3C4D-5E6F-7A8B"},
                                  "device_id": {"type": "string"}}},
    "/v1/ops": {"type": "object", "required": ["ops"],
                "properties": {"ops": {"type": "array", "maxItems": protocol.MAX_BATCH_OPS, "items": _OP},
                               "station": {"type": "string"}}},
    "/v1/reconcile": {"type": "object", "required": ["day", "digest"],
                      "properties": {"day": {"type": "string", "format": "date"},
                                     "digest": {"type": "string", "description": "sha256 of the day's op ids"}}},
}


def document() -> dict[str, Any]:
    doc = copy.deepcopy(protocol.OPENAPI)
    doc["components"]["schemas"] = {"Error": _ERROR}
    for path, methods in doc["paths"].items():
        for method, operation in methods.items():
            if path in _BODIES and method == "post":
                operation["requestBody"] = {
                    "required": True,
                    "description": "JSON, compressed with xz or gzip (Content-Encoding) or plain",
                    "content": {"application/json": {"schema": _BODIES[path]}}}
            responses = operation.setdefault("responses", {})
            for status, description in _REFUSALS.items():
                if status == "401" and operation.get("security") == []:
                    continue
                if status == "429" and path != "/v1/enroll":
                    continue
                responses.setdefault(status, {"description": description,
                                              "content": {"application/json": {"schema": {
                                                  "$ref": "#/components/schemas/Error"}}}})
    doc["paths"]["/openapi.json"] = {"get": {"summary": "This document", "security": [],
                                             "responses": {"200": {"description": "OpenAPI 3.0"}}}}
    return doc
