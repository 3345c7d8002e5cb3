"""Uploads: reference data (the `ref import` kinds), manifests of expected parcels and produce sale results.
Each file is checked whole by the same checks as the CLI (refdata); a bad file stores nothing and its problems
are shown on the page by line number."""

from __future__ import annotations

import csv
import sqlite3
import tempfile
from pathlib import Path, PurePath
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from ... import protocol
from .. import lots, refdata, storage
from . import audit, forms, problems
from .web import Console, Ctx, Refused

MAX_FILE = 4 * 1024 * 1024
REF_LABELS = {"couriers": "快递公司", "price_table": "寄件价格表", "produce_catalog": "农产品目录",
              "bill_types": "缴费类型", "announcements": "公告", "prohibited_items": "禁寄物品",
              "bus_runs": "客货邮班次", "courier_rates": "派费标准"}
WHAT = {"ref": "参考数据", "manifest": "到件清单", "sale": "农产品销售结果", "areas": "区划", "stations": "站点名录"}


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        return _page(console, ctx)

    def upload(what: str) -> Any:
        async def handler(ctx: Ctx) -> Response:
            kind = ""
            if what == "ref":
                kind = forms.text(ctx.form, "kind", 40, label="数据类型")
                if kind not in protocol.REF_KINDS:
                    raise Refused(400, "没有这种参考数据类型，请从列表中选择。")
            filename, data = await forms.file_bytes(ctx.form, "file", MAX_FILE)
            suffix = ".json" if PurePath(filename).suffix.lower() == ".json" else ".csv"
            try:
                rows = _rows(data, suffix)
                done = await console.db(_store, what, kind, rows, ctx.user.name, ctx.address, filename[:100])
            except refdata.DataError as err:
                return _page(console, ctx, 422, what=what, kind=kind, filename=filename[:100],
                             errors=problems.explain(err.problems[:200]), more=max(0, len(err.problems) - 200))
            return _page(console, ctx, what=what, kind=kind, filename=filename[:100], done=done)
        return handler

    return [Route("/uploads", console.page(page), methods=["GET"]),
            Route("/uploads/ref", console.page(upload("ref"), admin=True, upload=True), methods=["POST"]),
            Route("/uploads/manifest", console.page(upload("manifest"), admin=True, upload=True), methods=["POST"]),
            Route("/uploads/sale", console.page(upload("sale"), admin=True, upload=True), methods=["POST"])]


def _page(console: Console, ctx: Ctx, status: int = 200, **values: Any) -> Response:
    return console.render(ctx.request, "uploads.html", status, user=ctx.user, csrf=ctx.csrf, title="数据上传",
                          ref_labels=REF_LABELS, what_labels=WHAT, **values)


def _rows(data: bytes, suffix: str) -> list[dict[str, str]]:
    """The CLI's own reader (UTF-8 or GBK CSV, or JSON), from a private temporary file."""
    with tempfile.TemporaryDirectory(prefix="county-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return refdata.read_rows(path)
        except csv.Error as exc:  # a NUL byte, an unclosed quote at the end …
            raise refdata.DataError([f"not a readable CSV: {exc}"]) from exc
        except AttributeError as exc:  # read_rows meets a line with more fields than the header (a list)
            raise refdata.DataError(["a line has more columns than the header"]) from exc


def _store(conn: sqlite3.Connection, what: str, kind: str, rows: list[dict[str, str]], actor: str, address: str,
           filename: str) -> str:
    """As the CLI's `ref import`, `manifest import` and `sale import` do; returns what was done, in Chinese."""
    if what == "ref":
        checked = refdata.validate_ref(kind, rows)
        version = storage.store_ref(conn, kind, checked)
        with storage.transaction(conn):
            audit.record(conn, actor, "ref_import", f"{kind} v{version}: {len(checked)} rows from {filename}", address)
        return f"{REF_LABELS[kind]}第 {version} 版已发布，共 {len(checked)} 行；站点下次同步时更新。"
    stations = {r[0] for r in conn.execute("SELECT code FROM stations")}
    with storage.transaction(conn):  # checked and queued in one go: no other import slips in between
        if what == "manifest":
            good = refdata.validate_manifest(rows, stations)
            for row in good:
                storage.add_feed(conn, row["station"], "manifest", refdata.manifest_item(row))
            audit.record(conn, actor, "manifest_import", f"{len(good)} rows from {filename}", address)
            return f"{len(good)} 件预到包裹已排入 {len({r['station'] for r in good})} 个站点的下行队列。"
        good = refdata.validate_sales(rows, stations, lambda station, lot_no: lots.left_g(conn, station, lot_no))
        for row in good:
            storage.add_feed(conn, row["station"], "sale_result", {
                "lot_no": row["lot_no"], "sold_g": int(row["sold_g"]), "sales_fen": int(row["sales_fen"])})
        audit.record(conn, actor, "sale_import", f"{len(good)} rows from {filename}", address)
        return f"{len(good)} 条销售结果已排入站点的下行队列。"
