"""Every endpoint fuzzed from the server's own OpenAPI (schemathesis: bodies, queries, paths, headers, valid and
invalid against the schema) against the real server process, as an enrolled station: no answer may be a 5xx.
A fixed budget (examples per endpoint, derandomised so a run is repeatable) keeps the whole file under a minute."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from sync.server import openapi
from sync.server.app import create_app

from .support import TunedServer

EXAMPLES = 200  # per endpoint and mode: ~1,800 requests in all, ~20 s here (budget: 60 s on a loaded machine)


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


# The document the server serves (the first test checks it is); loaded eagerly, as schemathesis' lazy
# from_fixture() does not work with pytest 9 (it sets Function._nodeid).
schema = schemathesis.openapi.from_dict(openapi.document())


def test_the_openapi_describes_every_route_and_every_request_body(county, tmp_path):
    document = httpx.get(county.url + "/openapi.json", trust_env=False).json()
    assert document == openapi.document()
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
