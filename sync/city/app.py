"""The city server's HTTP app: counties enrol and push rollups under /v1/; every other path is the city console.
Bodies are read with the county server's deadlines and bounded decoders (sync/server/http_limits.py)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from .. import protocol
from ..server import http_limits
from ..server.app import answer_for, refusal
from ..server.storage import Refused
from ..server.throttle import FailureThrottle
from . import store, wire

log = logging.getLogger("city")
security_log = logging.getLogger("city.security")

ENROL = http_limits.BodyLimits(sent=4 * 1024, decoded=16 * 1024, pool="anonymous")
# a county's push: whole days of rollups, gzip-compressed by the county (~60 bytes a row before, ~8 after)
PUSH = http_limits.BodyLimits(sent=8 * 1024 * 1024, decoded=64 * 1024 * 1024, pool="station", max_depth=8)


def create_app(data_dir: Path, timing: http_limits.BodyTiming | None = None, enrol_free_failures: int = 5
               ) -> Starlette:
    timing = timing or http_limits.BodyTiming()
    store.init(data_dir)
    pools = http_limits.DecodePools()
    throttle = FailureThrottle(free=enrol_free_failures)

    def with_db(work: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
        def run(*args: Any) -> Any:
            conn = store.connect(data_dir)
            try:
                return work(conn, *args)
            finally:
                conn.close()
        return lambda *args: run_in_threadpool(run, *args)

    async def body_of(request: Request, limits: http_limits.BodyLimits) -> dict[str, Any]:
        raw = await http_limits.read_body(request.stream(), request.headers.get("content-length"), limits, timing)
        return await pools.decode(raw, request.headers.get("content-encoding"), limits)

    async def enroll(request: Request) -> Response:
        address = request.client.host if request.client else "?"
        wait = throttle.wait(address)
        if wait > 0:
            return refusal("enrolment_throttled", "too many failed enrolments from this address",
                           headers={"Retry-After": str(int(wait) + 1)})
        try:
            code = (await body_of(request, ENROL)).get("code")
            if not isinstance(code, str):
                raise protocol.ProtocolError("enrol_invalid", "code must be a string")
            county, name, token = await with_db(store.enroll)(code)
        except (Refused, protocol.ProtocolError) as err:
            security_log.warning("county enrolment refused (%s) from %s, failure %d", err.code, address,
                                 throttle.failed(address))
            return answer_for(err)
        except ClientDisconnect:
            return Response(status_code=400)
        throttle.succeeded(address)
        log.info("county %s enrolled from %s", county, address)
        return JSONResponse({"protocol": wire.VERSION, "county": county, "name": name, "token": token})

    async def rollups(request: Request) -> Response:
        try:
            county = await with_db(store.authenticate)(request.headers.get("authorization"))
            push = wire.read_push(await body_of(request, PUSH), county)
            answer = await with_db(store.apply_push)(county, push)
        except (Refused, protocol.ProtocolError) as err:
            return answer_for(err)
        except ClientDisconnect:
            return Response(status_code=400)
        log.info("county %s batch %s: %d days applied, %d stale%s", county, push.batch_id, len(answer["applied"]),
                 len(answer["stale"]), " (a resend)" if answer["duplicate"] else "")
        return JSONResponse(answer)

    async def health(_request: Request) -> Response:
        return JSONResponse({"ok": True, "protocol": wire.VERSION})

    app = Starlette(routes=[Route("/v1/enroll", enroll, methods=["POST"]),
                            Route("/v1/rollups", rollups, methods=["POST"]),
                            Route("/v1/health", health, methods=["GET"])])
    from .console import console_app

    pages = console_app(data_dir, timing)
    api_not_found = app.router.not_found

    async def fallback(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/v1/"):
            await pages(scope, receive, send)
        else:
            await api_not_found(scope, receive, send)

    app.router.default = fallback
    return app
