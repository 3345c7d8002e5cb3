"""The OpenAPI document is generated from the app's routes and the op declarations, so it cannot drift."""

from __future__ import annotations

import re

import pytest
from starlette.responses import Response
from starlette.routing import Route

from sync import ops, protocol
from sync.server import openapi
from sync.server.app import create_app


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    return openapi.document(create_app(tmp_path_factory.mktemp("county")).routes)


def test_every_declared_op_type_has_its_payload_schema(document):
    schemas = document["components"]["schemas"]
    items = document["paths"]["/v1/ops"]["post"]["requestBody"]["content"]["application/json"]["schema"][
        "properties"]["ops"]["items"]["anyOf"]
    assert {ref["$ref"].rsplit("/", 1)[1] for ref in items} == {f"op.{name}" for name in ops.OPS}
    for name, declared in ops.OPS.items():
        op = schemas[f"op.{name}"]
        assert op["properties"]["type"]["enum"] == [name]
        payload = op["properties"]["payload"]
        assert set(payload["properties"]) == set(declared.fields) and payload["additionalProperties"] is False
        assert set(payload.get("required", [])) == {k for k, f in declared.fields.items() if not f.optional}
    # money, weight and patterns come through as declared
    fee = schemas["op.sending.accepted"]["properties"]["payload"]["properties"]["fee_fen"]
    assert fee == {"type": "integer", "minimum": 0, "maximum": 10_000_000}
    waybill = schemas["op.parcel.received"]["properties"]["payload"]["properties"]["waybill"]
    assert waybill["maxLength"] == 64 and re.fullmatch(waybill["pattern"], "SF1234567890")


def test_a_field_kind_the_document_cannot_describe_is_an_error():
    class Strange(ops.Field):
        pass

    with pytest.raises(TypeError):
        openapi.field_schema(Strange())


def test_paths_come_from_the_routes_even_undescribed_ones():
    async def nothing(_request):
        return Response()

    routes = [Route("/v1/feed", nothing, methods=["GET"]), Route("/v1/new/{n:int}", nothing, methods=["GET"])]
    document = openapi.document(routes)
    assert set(document["paths"]) == {"/v1/feed", "/v1/new/{n}"}  # nothing described but not routed
    assert document["paths"]["/v1/feed"]["get"]["summary"] == protocol.OPENAPI["paths"]["/v1/feed"]["get"]["summary"]
    (parameter,) = document["paths"]["/v1/new/{n}"]["get"]["parameters"]
    assert parameter == {"name": "n", "in": "path", "required": True, "schema": {"type": "integer"}}


def test_the_body_encodings_are_the_ones_the_server_reads(document):
    body = document["paths"]["/v1/ops"]["post"]
    assert all(encoding in body["requestBody"]["description"] for encoding in protocol.ENCODINGS)
    assert "gzip JSON" not in body["summary"]  # the station sends xz
