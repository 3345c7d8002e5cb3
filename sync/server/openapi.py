"""The server's OpenAPI document, generated so that it cannot drift from what the server does.

Paths and methods come from the app's own routes (a route nobody described still appears, with its path
parameters); summaries and answers from ``protocol.OPENAPI``; each op type's payload schema from its declaration
in ``sync/ops.py`` (the same declaration the server checks every uploaded op against); the accepted body
encodings from ``protocol.ENCODINGS``. Every refusal is described, so a schema-driven fuzzer can reach each endpoint."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from typing import Any

from starlette.convertors import FloatConvertor, IntegerConvertor
from starlette.routing import BaseRoute, Route

from .. import ops, protocol

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

# routes the shared protocol does not describe (they are this server's own)
_OWN = {"/openapi.json": {"get": {"summary": "This document", "security": [],
                                  "responses": {"200": {"description": "OpenAPI 3.0"}}}},
        "/healthz": {"get": {"summary": "For county IT's monitoring: the database, its migration, the queues",
                             "security": [], "responses": {
                                 "200": {"description": "all is well"},
                                 "503": {"description": "the database is unreachable or behind; the reason"}}}}}


# ----- op payloads from their declarations ---------------------------------------------------------------------
def field_schema(kind: ops.Field) -> dict[str, Any]:
    """The JSON schema (OpenAPI 3.0 dialect) of one declared field. An unknown field kind is an error: the
    document must not quietly describe less than the server checks."""
    schema: dict[str, Any]
    if isinstance(kind, ops.Int):
        schema = {"type": "integer", "minimum": kind.lo, "maximum": kind.hi}
    elif isinstance(kind, ops.Bool):
        schema = {"type": "boolean"}
    elif isinstance(kind, ops.Text):
        schema = {"type": "string", "maxLength": kind.max_len}
        if kind.pattern is not None:
            schema["pattern"] = kind.pattern.pattern
    elif isinstance(kind, ops.Day):
        schema = {"type": "string", "format": "date"}
    elif isinstance(kind, ops.Timestamp):
        schema = {"type": "string", "format": "date-time", "description": "ISO-8601 with its offset"}
    elif isinstance(kind, ops.ListOf):
        schema = {"type": "array", "items": field_schema(kind.item), "maxItems": kind.max_items}
    elif isinstance(kind, ops.MapOf):
        schema = {"type": "object", "additionalProperties": field_schema(kind.value), "maxProperties": kind.max_items}
    elif isinstance(kind, ops.AnyOf):
        schema = {"anyOf": [field_schema(choice) for choice in kind.choices]}
    elif isinstance(kind, ops.Record):
        schema = object_schema(kind.fields)
    else:
        raise TypeError(f"no JSON schema for field kind {type(kind).__name__}")
    if kind.nullable:
        schema["nullable"] = True
    return schema


def object_schema(fields: Mapping[str, ops.Field]) -> dict[str, Any]:
    """Every declared field, the required ones listed, nothing else allowed (as ``ops.check_fields``)."""
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False,
                              "properties": {name: field_schema(kind) for name, kind in fields.items()}}
    required = [name for name, kind in fields.items() if not kind.optional]
    if required:
        schema["required"] = required
    return schema


def op_schemas() -> dict[str, dict[str, Any]]:
    """One schema per declared op type: the envelope (``ops.ENVELOPE``) with that type and its payload."""
    envelope = {name: kind for name, kind in ops.ENVELOPE.items() if name not in ("type", "payload")}
    schemas = {}
    for name, declared in sorted(ops.OPS.items()):
        schema = object_schema(envelope)
        schema["additionalProperties"] = True  # envelope keys not declared are ignored, never stored
        schema["required"] = sorted({*schema.get("required", []), "type", "payload"})
        schema["properties"]["type"] = {"type": "string", "enum": [name]}
        schema["properties"]["payload"] = object_schema(declared.fields)
        schemas[f"op.{name}"] = schema
    return schemas


def _bodies(op_refs: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    return {
        "/v1/enroll": {"type": "object", "required": ["code", "device_id"],
                       "properties": {"code": {"type": "string", "example": "1A2B-3C4D-5E6F-7A8B"},
                                      "device_id": {"type": "string"}}},
        "/v1/ops": {"type": "object", "required": ["ops"],
                    "properties": {"ops": {"type": "array", "maxItems": protocol.MAX_BATCH_OPS,
                                           "items": {"anyOf": op_refs}},
                                   "station": {"type": "string"}, "protocol": {"type": "integer"},
                                   protocol.APP_VERSION_FIELD: {
                                       "type": "string", "pattern": f"^{protocol.APP_VERSION.pattern}$",
                                       "maxLength": 32, "description": "the station app's version"},
                                   protocol.OPS_WAITING_FIELD: {
                                       "type": "integer", "minimum": 0, "maximum": protocol.MAX_OPS_WAITING,
                                       "description": "ops the station has not uploaded yet, after this batch"}}},
        "/v1/reconcile": {"type": "object", "required": ["day", "digest"],
                          "properties": {"day": {"type": "string", "format": "date"},
                                         "digest": {"type": "string", "description": "sha256 of the day's op ids"},
                                         "counts": {"type": "object", "additionalProperties": {"type": "integer"}}}},
    }


# ----- paths from the routes -----------------------------------------------------------------------------------
def _path_parameters(route: Route) -> list[dict[str, Any]]:
    parameters = []
    for name, convertor in route.param_convertors.items():
        kind = "integer" if isinstance(convertor, IntegerConvertor) else \
            "number" if isinstance(convertor, FloatConvertor) else "string"
        parameters.append({"name": name, "in": "path", "required": True, "schema": {"type": kind}})
    return parameters


def document(routes: Iterable[BaseRoute]) -> dict[str, Any]:
    """The document for these routes (the app's own: ``create_app(...).routes``)."""
    described = {**copy.deepcopy(protocol.OPENAPI["paths"]), **copy.deepcopy(_OWN)}
    schemas = op_schemas()
    bodies = _bodies([{"$ref": f"#/components/schemas/{name}"} for name in schemas])
    encodings = " or ".join(protocol.ENCODINGS)
    doc = {k: copy.deepcopy(v) for k, v in protocol.OPENAPI.items() if k != "paths"}
    doc["components"]["schemas"] = {"Error": _ERROR, **schemas}
    doc["paths"] = {}
    for route in routes:
        if not isinstance(route, Route):
            continue
        path = re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path)  # Starlette's {version:int} is OpenAPI's {version}
        for method in sorted((route.methods or set()) - {"HEAD"}):
            verb = method.lower()
            operation = described.get(path, {}).get(verb) or {"summary": route.name,
                                                                "responses": {"200": {"description": "done"}}}
            if "{" in path and not any(p.get("in") == "path" for p in operation.get("parameters", [])):
                operation["parameters"] = [*operation.get("parameters", []), *_path_parameters(route)]
            if path in bodies and verb == "post":
                operation["requestBody"] = {
                    "required": True,
                    "description": f"JSON, compressed ({encodings}, named in Content-Encoding) or plain",
                    "content": {"application/json": {"schema": bodies[path]}}}
            responses = operation.setdefault("responses", {})
            for status, description in _REFUSALS.items():
                if status == "401" and operation.get("security") == []:
                    continue
                if status == "429" and path != "/v1/enroll":
                    continue
                responses.setdefault(status, {"description": description,
                                              "content": {"application/json": {"schema": {
                                                  "$ref": "#/components/schemas/Error"}}}})
            doc["paths"].setdefault(path, {})[verb] = operation
    return doc
