"""The county server's HTTP app (Starlette). Each request opens its own SQLite connection in a worker thread;
bodies are read with a deadline and decoded in bounded pools (http_limits), never on the event loop."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from .. import protocol
from . import db, http_limits, openapi, storage
from .healthz import check as health_check
from .sms import service
from .throttle import FailureThrottle

log = logging.getLogger("county")
security_log = logging.getLogger("county.security")


@dataclass(frozen=True)
class HttpSettings:
    """Limits of the HTTP side that county IT may tune (``county-server serve`` flags)."""

    body: http_limits.BodyTiming = field(default_factory=http_limits.BodyTiming)
    enrol_free_failures: int = 5  # per address, before each further attempt must wait (5 s, doubling, ≤ 15 min)


def refusal(code: str, detail: str = "", status: int | None = None, headers: dict[str, str] | None = None
            ) -> JSONResponse:
    status = status or http_limits.status_of(code)
    headers = dict(headers or {})
    if status in (408, 413):  # the rest of the body is not wanted: do not keep reading it
        headers["Connection"] = "close"
    return JSONResponse({"error": code, "detail": detail} if detail else {"error": code}, status_code=status,
                        headers=headers)


def answer_for(err: storage.Refused | protocol.ProtocolError) -> JSONResponse:
    if isinstance(err, storage.Refused):
        return refusal(err.code, status=err.status)
    return refusal(err.code, str(err).partition(": ")[2])


def create_app(data_dir: Path, settings: HttpSettings | None = None) -> Starlette:
    settings = settings or HttpSettings()
    storage.init(data_dir)
    texts = service.Worker(data_dir)  # the sender thread (sync/server/sms/service.py)
    pools = http_limits.DecodePools()
    throttle = FailureThrottle(free=settings.enrol_free_failures)

    def with_db(work: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
        def once(*args: Any) -> Any:
            conn = storage.connect(data_dir)
            try:
                return work(conn, *args)
            finally:
                conn.close()

        def run(*args: Any) -> Any:  # a PostgreSQL conflict runs the whole unit again (db.transaction)
            return db.retrying(once, *args)

        return lambda *args: run_in_threadpool(run, *args)

    async def guarded(request: Request, handler: Callable[[Request], Awaitable[Response]]) -> Response:
        try:
            return await handler(request)
        except (storage.Refused, protocol.ProtocolError) as err:
            return answer_for(err)
        except ClientDisconnect:
            return Response(status_code=400)  # nobody is listening; uvicorn drops it
        except db.Busy:  # conflicts past every retry, or no free connection: nothing was applied, send again
            return refusal("database_busy", "the county database is busy; send again later", 503,
                           {"Retry-After": "2"})
        except db.UNAVAILABLE as err:  # PostgreSQL down, SQLite locked or full: said, nothing half-written
            log.warning("database unavailable: %s", db.reason(err))
            return refusal("database_unavailable", "the county database cannot be reached; send again later",
                           503, {"Retry-After": "10"})

    async def body_of(request: Request, limits: http_limits.BodyLimits) -> dict[str, Any]:
        raw = await http_limits.read_body(request.stream(), request.headers.get("content-length"), limits,
                                          settings.body)
        # Starlette does not decompress request bodies: do it here, bounded, off the event loop.
        return await pools.decode(raw, request.headers.get("content-encoding"), limits)

    async def caller_of(request: Request) -> storage.Caller:
        return await with_db(storage.authenticate)(request.headers.get("authorization"))

    async def enroll(request: Request) -> Response:
        address = request.client.host if request.client else "?"
        wait = throttle.wait(address)
        if wait > 0:  # checked before a byte of the body is read; not logged again (the lockout was, once)
            return refusal("enrolment_throttled", "too many failed enrolments from this address",
                           headers={"Retry-After": str(int(wait) + 1)})
        try:
            body = await body_of(request, http_limits.ENROL)
            code, device_id = body.get("code"), body.get("device_id")
            if not isinstance(code, str) or not isinstance(device_id, str):
                raise protocol.ProtocolError("enrol_invalid", "code and device_id must be strings")
            station, name, token = await with_db(storage.enroll)(code, device_id)
        except (storage.Refused, protocol.ProtocolError) as err:
            failures = throttle.failed(address)
            # a security event; the code tried is never logged (a near miss would give a real one away)
            security_log.warning("enrolment refused (%s) from %s, failure %d", err.code, address, failures)
            if failures == settings.enrol_free_failures:  # from now on this address must wait
                security_log.warning("enrolment throttled: %s after %d failures", address, failures)
                await with_db(storage.security_event)(None, "enrol_throttled",
                                                      f"{address} after {failures} failed enrolments")
            return answer_for(err)
        except ClientDisconnect:
            return Response(status_code=400)
        throttle.succeeded(address)
        log.info("station %s enrolled from %s", station, address)
        return JSONResponse({"protocol": protocol.VERSION, "station": station, "name": name, "token": token})

    async def ops(request: Request) -> Response:
        async def handle(request: Request) -> Response:
            caller = await caller_of(request)
            body = await body_of(request, http_limits.OPS)
            batch = body.get("ops")
            if not isinstance(batch, list) or len(batch) > protocol.MAX_BATCH_OPS:
                raise protocol.ProtocolError("batch_invalid")
            named = body.get("station") if isinstance(body.get("station"), str) else None
            status = protocol.read_status(body)  # refused whole (400) before anything is applied
            done = await with_db(storage.apply_batch)(caller, batch, named, status)
            texts.wake()  # texts go out from the sender, never on the upload's own path
            return JSONResponse(done.answer())
        return await guarded(request, handle)

    async def feed(request: Request) -> Response:
        async def handle(request: Request) -> Response:
            caller = await caller_of(request)
            try:
                after = int(request.query_params.get("after", "0"))
                limit = int(request.query_params.get("limit", "500"))
            except ValueError as exc:
                raise protocol.ProtocolError("query_invalid") from exc
            return JSONResponse(await with_db(storage.read_feed)(caller, after, limit))
        return await guarded(request, handle)

    async def refs(request: Request) -> Response:
        async def handle(request: Request) -> Response:
            await caller_of(request)
            return JSONResponse({"refs": await with_db(storage.current_refs)()})
        return await guarded(request, handle)

    async def ref_body(request: Request) -> Response:
        async def handle(request: Request) -> Response:
            await caller_of(request)
            try:
                version = int(request.path_params["version"])
            except ValueError as exc:
                raise storage.Refused(404, "ref_unknown") from exc
            data = await with_db(storage.ref_body)(request.path_params["kind"], version)
            return Response(data, media_type="application/json")
        return await guarded(request, handle)

    async def reconcile(request: Request) -> Response:
        async def handle(request: Request) -> Response:
            caller = await caller_of(request)
            body = await body_of(request, http_limits.RECONCILE)
            day, digest = body.get("day"), body.get("digest")
            if not isinstance(day, str) or not isinstance(digest, str):
                raise protocol.ProtocolError("reconcile_invalid")
            return JSONResponse(await with_db(storage.reconcile)(caller, day, digest))
        return await guarded(request, handle)

    async def release(request: Request) -> Response:
        async def handle(request: Request) -> Response:
            await caller_of(request)
            return JSONResponse(await with_db(storage.newest_release)())
        return await guarded(request, handle)

    async def openapi_json(_request: Request) -> Response:
        return JSONResponse(document)

    routes = [
        Route("/v1/enroll", enroll, methods=["POST"]),
        Route("/v1/ops", ops, methods=["POST"]),
        Route("/v1/feed", feed, methods=["GET"]),
        Route("/v1/ref", refs, methods=["GET"]),
        Route("/v1/ref/{kind}/{version}", ref_body, methods=["GET"]),
        Route("/v1/reconcile", reconcile, methods=["POST"]),
        Route("/v1/release", release, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
    ]

    async def healthz(_request: Request) -> Response:  # for county IT's monitoring (no credentials needed)
        status, answer = await run_in_threadpool(health_check, data_dir)
        return JSONResponse(answer, status_code=status, headers={"Cache-Control": "no-store"})

    routes.append(Route("/healthz", healthz, methods=["GET"]))
    document = openapi.document(routes)  # from the routes themselves, so the two cannot drift
    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        texts.start()
        try:
            yield
        finally:
            await run_in_threadpool(texts.stop)

    app = Starlette(routes=routes, lifespan=lifespan)
    _mount_console(app, data_dir, settings)
    return app


def from_environment() -> Starlette:
    """The app of one of several server processes (``county-server serve --workers N``): spawned afresh, each
    reads its settings from the environment the parent set."""
    import os

    timing = http_limits.BodyTiming(gap=float(os.environ.get("COUNTY_BODY_TIMEOUT", "15")))
    settings = HttpSettings(body=timing, enrol_free_failures=int(os.environ.get("COUNTY_ENROL_FREE_FAILURES", "5")))
    return create_app(Path(os.environ["COUNTY_DATA_DIR"]), settings)


def _mount_console(app: Starlette, data_dir: Path, settings: HttpSettings) -> None:
    """The county console (web pages for county staff) answers every path the station API does not. It is the
    router's fallback rather than a Mount, so the API's routes (and the OpenAPI document made from them) stay
    the API's own; /v1/ paths the API does not know still get the API's plain 404."""
    from .console import console_app

    pages = console_app(data_dir, settings.body)
    api_not_found = app.router.not_found

    async def fallback(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/v1/"):
            await pages(scope, receive, send)
        else:
            await api_not_found(scope, receive, send)

    app.router.default = fallback
