"""Every endpoint fuzzed from the server's own OpenAPI (schemathesis: bodies, queries, paths, headers, valid and
invalid against the schema) against the real server process, as an enrolled station: no answer may be a 5xx.
A fixed budget (examples per endpoint, derandomised so a run is repeatable) keeps the whole file under a minute."""

from __future__ import annotations

import tempfile
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from sync.server import openapi
from sync.server.app import create_app

from .support import TunedServer

# per endpoint and mode. On top, schemathesis' coverage phase tries the bounds of every field of every declared
# op type (the payload schemas come from sync/ops.py): ~4,300 requests to /v1/ops. ~6,000 requests in all,
# ~50 s here (it was ~25 s before the op schemas were in the document).
EXAMPLES = 200


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    # enrolment fuzzing fails by design: without room for failures the throttle would answer 429 to the rest
    server = TunedServer(tmp_path_factory.mktemp("fuzz") / "county", {"COUNTY_ENROL_FREE_FAILURES": "100000"})
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def token(county):
    code = county.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    answer = httpx.post(county.url + "/v1/enroll", json={"code": code, "device_id": "fuzz-pc"}, trust_env=False)
    return answer.json()["token"]


# The document the server serves (the first test checks it is), built from the routes of an app like the one
# under test; loaded eagerly, as schemathesis' lazy from_fixture() does not work with pytest 9 (it sets
# Function._nodeid).
with tempfile.TemporaryDirectory(prefix="fuzz-doc-") as _scratch:
    DOCUMENT = openapi.document(create_app(Path(_scratch)).routes)
schema = schemathesis.openapi.from_dict(DOCUMENT)


def test_the_openapi_describes_every_route_and_every_request_body(county, tmp_path):
    document = httpx.get(county.url + "/openapi.json", trust_env=False).json()
    assert document == DOCUMENT
    routes = {(route.path, method.lower()) for route in create_app(tmp_path).routes
              for method in route.methods - {"HEAD"}}
    described = {(path, method) for path, methods in document["paths"].items() for method in methods}
    assert routes == described
    for path, method in routes:
        operation = document["paths"][path][method]
        if method == "post":
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            assert body["type"] == "object" and body["required"], path
        if path != "/openapi.json":  # every other endpoint refuses something, and says so
            assert any(status.startswith("4") for status in operation["responses"]), (path, method)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_endpoint_answers_a_5xx(case, county, token):
    response = case.call(base_url=county.url, headers={"Authorization": f"Bearer {token}"}, timeout=20)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} " \
                                       f"{response.text[:300]}\n{case.as_curl_command()}"
