"""One station's page: its county record, its health over the last 30 days (last sync, last day close, ops not
yet uploaded, refused ops, security events), its pickup texts by state and cost per month, its days with activity
(each linking to the day's report), and for an admin the status change (active / suspended / closed from a day on,
audited)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import figures, stations, stocktakes, storage
from ..health import health as station_health
from ..refdata import DataError
from . import audit, forms, periods, units
from .pages_business import TEXT_HEADS, TEXT_ROWS
from .web import Console, Ctx, Refused, redirect


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        code = ctx.request.path_params["code"][:64]
        data = await console.db(station_page, code)
        return console.render(ctx.request, "station.html", user=ctx.user, csrf=ctx.csrf,
                              title=f"{data['record']['name']}（{code}）", statuses=stations.STATUSES,
                              today=periods.today(), units=units, text_rows=TEXT_ROWS, text_heads=TEXT_HEADS,
                              done=ctx.request.query_params.get("done") == "status", **data)

    async def status(ctx: Ctx) -> Response:
        code = ctx.request.path_params["code"][:64]
        chosen = forms.text(ctx.form, "status", 20, label="状态")
        since = forms.text(ctx.form, "since", 10, required=False) or periods.today().isoformat()
        note = forms.text(ctx.form, "note", 200, required=False, label="说明")
        await console.db(_set_status, code, chosen, since, note, ctx.user.name, ctx.address)
        return redirect(f"/stations/{code}?done=status")

    return [Route("/stations/{code}", console.page(page), methods=["GET"]),
            Route("/stations/{code}/status", console.page(status, admin=True), methods=["POST"])]


def station_page(conn: sqlite3.Connection, code: str) -> dict[str, Any]:
    record = next((r for r in stations.listing(conn) if r["code"] == code), None)
    if record is None:
        raise Refused(404, f"没有站点 {code}，请回到站点列表核对。")
    today = periods.today()
    (health,) = station_health(conn, today - timedelta(days=29), today, only=code)
    days = conn.execute(
        "SELECT day, sum(value) AS ops, sum(CASE WHEN key = 'day.closed' THEN value ELSE 0 END) AS closed "
        "FROM rollups WHERE station = ? AND figure = 'ops' GROUP BY day ORDER BY day DESC LIMIT 60",
        (code,)).fetchall()
    history = conn.execute("SELECT status, since, note, at FROM station_status WHERE station = ? ORDER BY since DESC",
                           (code,)).fetchall()
    return {"code": code, "record": record, "health": health, "days": days, "history": history,
            "texts": figures.texts_by_month(conn, code, today, 6),
            "stocktake": stocktakes.last_stocktake(conn, code)}


def _set_status(conn: sqlite3.Connection, code: str, status: str, since: str, note: str, actor: str,
                address: str) -> None:
    if conn.execute("SELECT 1 FROM stations WHERE code = ?", (code,)).fetchone() is None:
        raise Refused(404, f"没有站点 {code}，请回到站点列表核对。")
    try:
        stations.set_status(conn, code, status, since, note)
    except DataError as err:
        raise Refused(400, "；".join(p.split(" / ")[0] for p in err.problems) + "。请改正后重新提交。") from None
    with storage.transaction(conn):
        audit.record(conn, actor, "station_status", f"{code} {status} since {since}", address)
