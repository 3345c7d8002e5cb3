"""Hostile requests to the console: every endpoint answers a 4xx with a reason (never a 5xx, never a
traceback), whatever the body, its size, its type or the path."""

from __future__ import annotations

import re

import httpx
from starlette.routing import Route

from sync.server.console import console_app

from .support import ADMIN


def signed_in(county) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=county.url, trust_env=False, timeout=30)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    assert client.post("/login", data={"csrf": token, "name": ADMIN[0], "password": ADMIN[1]}).status_code == 303
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/stations").text).group(1)
    return client, csrf


def test_every_console_post_refuses_garbage_with_a_4xx_and_a_reason(county, tmp_path):
    posts = sorted(route.path for route in console_app(tmp_path / "scratch").routes
                   if isinstance(route, Route) and "POST" in (route.methods or ()) and route.path != "/logout")
    uploads = {route.path for route in console_app(tmp_path / "scratch").routes
               if isinstance(route, Route) and getattr(route.endpoint, "upload", False)}
    client, csrf = signed_in(county)
    bodies = [
        ({"content-type": "application/json"}, b'{"csrf": "x"}', 415),
        ({"content-type": "application/x-www-form-urlencoded"}, b"csrf=" + csrf.encode() + b"&%ZZ=%%%&x", None),
        ({"content-type": "application/x-www-form-urlencoded"}, b"a=" + b"x" * 70_000, 413),
        ({"content-type": "multipart/form-data; boundary=zz"},
         b"--zz\r\nContent-Disposition: form-data\r\n\r\nx", None),
        ({"content-type": "multipart/form-data"}, b"no boundary", None),
        ({"content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip"}, b"\x1f\x8b", 415),
        ({"content-type": "application/x-www-form-urlencoded"}, b"csrf=" + csrf.encode()
         + b"&code=S1&name=" + "名" .encode() * 100 + b"&kind=\xff\xfe", None),
    ]
    try:
        for path in posts:
            url = path.replace("{code}", "S%00<script>").replace("{name}", "no%20body%3Cx%3E")
            for headers, body, status in bodies:
                answer = client.post(url, content=body, headers=headers)
                if answer.status_code == 200 and 'id="confirm-question"' in answer.text:
                    continue  # a step that cannot be undone only asked again: nothing was done
                assert 400 <= answer.status_code < 500, (path, headers, body[:60], answer.status_code)
                assert status is None or answer.status_code == status or path == "/login" \
                    or (status == 413 and path in uploads), (path, answer.status_code)
                assert "Traceback" not in answer.text
                assert re.search(r'id="(reason|login-error)"', answer.text), (path, answer.text[:300])
        huge = client.post("/uploads/manifest", content=b"x" * (9 * 1024 * 1024),
                           headers={"content-type": "multipart/form-data; boundary=zz"})
        assert huge.status_code == 413 and "提交的内容太大" in huge.text
        assert client.get("/stations").status_code == 200  # still signed in: nothing above ended the session
        for path in ("/stations/%ff/day?date=9999-99-99", "/nothing/here", "/static/../schema.sql",
                     "/users/x/disable", "/stations/S1/day", "/stations/S1", "/figures?kind=fortnight",
                     "/figures?kind=day&date=0001-01-01", "/figures?kind=custom&from=2026-05-01&to=2026-04-01",
                     "/figures?kind=custom&from=2000-01-01&to=2026-01-01", "/figures?by=planet",
                     "/figures?by=village&within=%3Cscript%3E", "/figures?by=station&within=1",
                     "/figures/export.xlsx?by=x", "/subsidy?level=planet", "/subsidy/sheet.xlsx?date=x",
                     "/business?kind=day&date=9999-12-31", "/coverage?date=2026-02-30"):
            answer = client.get(path)
            assert 400 <= answer.status_code < 500, (path, answer.status_code)
            assert "Traceback" not in answer.text and (path.startswith("/static") or 'id="reason"' in answer.text)
        for query in ("", "from=x&to=y", "from=0001-01-01&to=0001-01-02", "from=2026-01-01&to=2026-01-02&by=planet",
                      "from=2026-02-01&to=2026-01-01"):
            answer = client.get("/api/figures?" + query)
            assert answer.status_code == 400 and answer.json()["error"], query
    finally:
        client.close()
    assert county.query("SELECT count(*) FROM stations") == [(0,)]


def test_the_station_api_is_unchanged_beside_the_console(county):
    """The API's own answers: its 404 for an unknown /v1 path, 401 without credentials, the OpenAPI document."""
    assert httpx.get(county.url + "/v1/nothing", trust_env=False).text == "Not Found"
    assert httpx.get(county.url + "/v1/feed", trust_env=False).json() == {"error": "credentials_missing"}
    assert "/stations" not in httpx.get(county.url + "/openapi.json", trust_env=False).json()["paths"]
