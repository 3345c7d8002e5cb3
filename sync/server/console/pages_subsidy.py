"""The subsidy sheet: the tier table (shown to all; replaced by an admin from an uploaded CSV or the form's text,
all or nothing, line-numbered problems on the page), the sheet for a period and area level, and its .xlsx with
the period and the data's as-of time (the CLI's `subsidy sheet --xlsx`)."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import storage, subsidy, xlsx
from ..refdata import DataError
from . import audit, csvproblems, forms, periods, units
from .web import HEADERS, Console, Ctx, Refused, redirect

LEVELS = {"township": "乡镇", "village": "建制村", "county": "区县"}
MODES = {"piece": "按件（每件增量）", "band": "按档（定额）"}


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx, status: int = 200, **values: Any) -> Response:
        picked, level = _asked(ctx)
        sheet, tiers = await console.db(_read, picked, level)
        return console.render(ctx.request, "subsidy.html", status, user=ctx.user, csrf=ctx.csrf, title="补贴测算",
                              picked=picked, kinds=periods.KINDS, level=level, levels=LEVELS, modes=MODES,
                              sheet=sheet, tiers=tiers, tiers_text=_as_csv(tiers), units=units,
                              done=ctx.request.query_params.get("done") == "tiers", **values)

    async def show(ctx: Ctx) -> Response:
        return await page(ctx)

    def replace(source: str) -> Any:
        async def handler(ctx: Ctx) -> Response:
            if source == "file":
                filename, data = await forms.file_bytes(ctx.form, "file", 256 * 1024)
            else:
                filename, data = "表单", forms.text(ctx.form, "tiers", 20_000, label="档位表").encode("utf-8")
            try:
                chosen = await console.db(_replace, data, ctx.user.name, ctx.address, filename[:100])
            except DataError as err:
                return await page(ctx, 422, errors=csvproblems.explain(err.problems), filename=filename[:100],
                                  sent=data.decode("utf-8", "replace")[:20_000] if source == "form" else "")
            return redirect(f"/subsidy?done=tiers&n={chosen}")
        return handler

    async def download(ctx: Ctx) -> Response:
        picked, level = _asked(ctx)
        sheet, _ = await console.db(_read, picked, level)
        with tempfile.TemporaryDirectory(prefix="county-export-") as folder:
            path = Path(folder) / "sheet.xlsx"
            xlsx.write_sheet(sheet, path)
            body = path.read_bytes()
        name = f"subsidy-{level}-{picked.span.start}-{picked.span.end}.xlsx"
        return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    return [Route("/subsidy", console.page(show), methods=["GET"]),
            Route("/subsidy/sheet.xlsx", console.page(download), methods=["GET"]),
            Route("/subsidy/tiers", console.page(replace("form"), admin=True), methods=["POST"]),
            Route("/subsidy/tiers/upload", console.page(replace("file"), admin=True, upload=True), methods=["POST"])]


def _asked(ctx: Ctx) -> tuple[periods.Picked, str]:
    level = ctx.request.query_params.get("level") or "township"
    if level not in LEVELS:
        raise Refused(400, "区域层级应为 乡镇、建制村 或 区县，请从列表中选择。")
    return periods.pick(ctx.request.query_params, "quarter"), level


def _read(conn: sqlite3.Connection, picked: periods.Picked, level: str) -> tuple[dict[str, Any], list[subsidy.Tier]]:
    return subsidy.sheet(conn, picked.span.start, picked.span.end, level), subsidy.tiers(conn)


def _replace(conn: sqlite3.Connection, data: bytes, actor: str, address: str, filename: str) -> int:
    chosen = csvproblems.from_bytes(data, lambda path: subsidy.set_tiers(conn, path))
    with storage.transaction(conn):
        audit.record(conn, actor, "subsidy_tiers", f"{len(chosen)} tiers from {filename}", address)
    return len(chosen)


def _as_csv(tiers: list[subsidy.Tier]) -> str:
    lines = [",".join(subsidy.COLUMNS)]
    for t in tiers:
        yuan = f"{t.fen // 100}.{t.fen % 100:02d}"
        lines.append(f"{t.level},{t.from_pieces},{'' if t.to_pieces is None else t.to_pieces},{t.mode},{yuan}")
    return "\n".join(lines) + "\n"
