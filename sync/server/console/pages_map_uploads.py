"""Uploads of the county's map and station list: the same all-or-nothing checks as `county-server area import`
and `station import`, their line-numbered problems shown on the uploads page, and the one-time enrolment codes of
new stations shown once (never logged)."""

from __future__ import annotations

import sqlite3
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import areas, stations, storage
from ..refdata import DataError
from . import audit, csvproblems, forms
from .pages_uploads import MAX_FILE, _page
from .web import Console, Ctx


def routes(console: Console) -> list[Route]:
    def upload(what: str) -> Any:
        async def handler(ctx: Ctx) -> Response:
            filename, data = await forms.file_bytes(ctx.form, "file", MAX_FILE)
            try:
                done, codes = await console.db(_store, what, data, ctx.user.name, ctx.address, filename[:100])
            except DataError as err:
                return _page(console, ctx, 422, what=what, filename=filename[:100],
                             errors=csvproblems.explain(err.problems[:200]), more=max(0, len(err.problems) - 200))
            return _page(console, ctx, what=what, filename=filename[:100], done=done, codes=codes)
        return handler

    return [Route("/uploads/areas", console.page(upload("areas"), admin=True, upload=True), methods=["POST"]),
            Route("/uploads/stations", console.page(upload("stations"), admin=True, upload=True), methods=["POST"])]


def _store(conn: sqlite3.Connection, what: str, data: bytes, actor: str, address: str, filename: str
           ) -> tuple[str, list[tuple[str, str]]]:
    if what == "areas":
        counts = csvproblems.from_bytes(data, lambda path: areas.import_csv(conn, path))
        with storage.transaction(conn):
            audit.record(conn, actor, "area_import", f"{counts} from {filename}", address)
        return (f"区县 {counts['county']} 个、乡镇 {counts['township']} 个、建制村 {counts['village']} 个。", [])
    new = csvproblems.from_bytes(data, lambda path: stations.import_csv(conn, path))
    with storage.transaction(conn):  # the enrolment codes themselves are never written to the log
        audit.record(conn, actor, "station_import", f"{len(new)} new stations from {filename}", address)
    return f"新站点 {len(new)} 个，其余为资料更新。", new
