"""The county server's HTTP app (Starlette). Each request opens its own SQLite connection in a worker thread."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import protocol
from . import sms, storage

log = logging.getLogger("county")


def create_app(data_dir: Path) -> Starlette:
    storage.init(data_dir)
    gateway = sms.LogGateway(data_dir / "sms.log")

    def with_db(work: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
        def run(*args: Any) -> Any:
            conn = storage.connect(data_dir)
            try:
                return work(conn, *args)
            finally:
                conn.close()

        return lambda *args: run_in_threadpool(run, *args)

    async def guarded(request: Request, handler: Callable[[Request], Awaitable[Response]]) -> Response:
        try:
            return await handler(request)
        except storage.Refused as err:
            return JSONResponse({"error": err.code}, status_code=err.status)
        except protocol.ProtocolError as err:
            status = 413 if err.code == "body_too_large" else 400
            return JSONResponse({"error": err.code}, status_code=status)

    async def body_of(request: Request) -> dict[str, Any]:
        declared = int(request.headers.get("content-length") or 0)
        if declared > protocol.MAX_COMPRESSED_BYTES:
            raise protocol.ProtocolError("body_too_large")
        raw = b""
        async for chunk in request.stream():  # read no more than the limit, whatever the header said
            raw += chunk
            if len(raw) > protocol.MAX_COMPRESSED_BYTES:
                raise protocol.ProtocolError("body_too_large")
        # Starlette does not decompress request bodies: do it here, bounded.
        return protocol.decode(raw, encoding=request.headers.get("content-encoding"))

    async def caller_of(request: Request) -> storage.Caller:
        return await with_db(storage.authenticate)(request.headers.get("authorization"))

    async def enroll(request: Request) -> Response:
        async def handle(request: Request) -> Response:
            body = await body_of(request)
            station, name, token = await with_db(storage.enroll)(str(body.get("code", "")),
                                                                 str(body.get("device_id", "")))
            return JSONResponse({"protocol": protocol.VERSION, "station": station, "name": name, "token": token})
        return await guarded(request, handle)

    async def ops(request: Request) -> Response:
        async def handle(request: Request) -> Response:
            caller = await caller_of(request)
            body = await body_of(request)
            batch = body.get("ops")
            if not isinstance(batch, list) or len(batch) > protocol.MAX_BATCH_OPS:
                raise protocol.ProtocolError("batch_invalid")
            named = body.get("station") if isinstance(body.get("station"), str) else None
            done = await with_db(storage.apply_batch)(caller, batch, named)
            await with_db(sms.deliver_pending)(gateway)
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
            body = await body_of(request)
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

    async def openapi(_request: Request) -> Response:
        return JSONResponse(protocol.OPENAPI)

    return Starlette(routes=[
        Route("/v1/enroll", enroll, methods=["POST"]),
        Route("/v1/ops", ops, methods=["POST"]),
        Route("/v1/feed", feed, methods=["GET"]),
        Route("/v1/ref", refs, methods=["GET"]),
        Route("/v1/ref/{kind}/{version}", ref_body, methods=["GET"]),
        Route("/v1/reconcile", reconcile, methods=["POST"]),
        Route("/v1/release", release, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ])
