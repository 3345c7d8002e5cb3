"""Stations: the table (code, name, area, operator, services, 交邮, status, contact masked, enrolled, last upload),
adding a station with its record (its one-time enrolment code shown large and as a Code 128 barcode, never stored
in the clear or logged), revoking and expiring credentials, and a station's day (what `county-server report
station` prints)."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import areas, stations, storage
from ..refdata import DataError
from . import audit, barcodes, forms
from .web import CHINA, Console, Ctx, Refused, redirect

WORDS = {"revoke": "吊销", "expire": "使过期"}
CONSEQUENCE = {"revoke": "站点将不能再同步，需要新的注册码重新注册。",
               "expire": "站点下次同步时会被拒绝，需要重新注册（用于测试续期流程）。"}
CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def routes(console: Console) -> list[Route]:
    async def table(ctx: Ctx) -> Response:
        rows, choices = await console.db(station_table)
        return console.render(ctx.request, "stations.html", user=ctx.user, csrf=ctx.csrf, title="站点",
                              stations=rows, notice=ctx.request.query_params.get("done", "")[:20],
                              statuses=stations.STATUSES, **choices)

    async def add(ctx: Ctx) -> Response:
        code = forms.text(ctx.form, "code", 32, label="站点编号")
        name = forms.text(ctx.form, "name", 60, label="站点名称")
        if not CODE.match(code):
            raise Refused(400, "站点编号只能是 1–32 个字母、数字、- 或 _，请改正。")
        record = stations.Record(
            code, name, forms.text(ctx.form, "village", 12, required=False) or None,
            forms.text(ctx.form, "operator", 20, required=False),
            [s for s in ctx.form.getlist("services") if isinstance(s, str)][:30], ctx.form.get("jiaoyou") == "1",
            forms.text(ctx.form, "contact", 20, required=False, label="联系电话"))
        enrolment, again = await console.db(_add, record, ctx.user.name, ctx.address)
        return console.render(ctx.request, "enrolment.html", user=ctx.user, csrf=ctx.csrf, title="站点注册码",
                              code=code, name=name, enrolment=enrolment, again=again,
                              barcode=barcodes.code128_data_uri(enrolment))

    def change(action: str) -> Any:
        async def handler(ctx: Ctx) -> Response:
            code = ctx.request.path_params["code"][:64]
            asked = console.confirm(ctx, f"确定要{WORDS[action]}站点 {code} 的凭证吗？{CONSEQUENCE[action]}",
                                    f"确定{WORDS[action]}", "/stations")
            if asked:
                return asked
            await console.db(_change, action, ctx.request.path_params["code"], ctx.user.name, ctx.address)
            return redirect(f"/stations?done={action}")
        return handler

    async def day(ctx: Ctx) -> Response:
        from ..cli import day_report  # the CLI's own report, so the page and `report station` cannot differ

        code = ctx.request.path_params["code"]
        try:
            wanted = date.fromisoformat(ctx.request.query_params.get("date", "")[:10])
        except ValueError:
            wanted = datetime.now(UTC).astimezone(CHINA).date()
        known = await console.db(lambda conn: conn.execute("SELECT name FROM stations WHERE code = ?", (code,))
                                 .fetchone())
        if known is None:
            raise Refused(404, f"没有站点 {code}，请回到站点列表核对。")
        report = await console.db(day_report, code, wanted)
        return console.render(ctx.request, "station_day.html", user=ctx.user, csrf=ctx.csrf,
                              title=f"{known[0]}（{code}）{wanted.isoformat()} 日报", code=code,
                              day=wanted.isoformat(), sections=_sections(report))

    return [Route("/stations", console.page(table), methods=["GET"]),
            Route("/stations/add", console.page(add, admin=True), methods=["POST"]),
            Route("/stations/{code}/revoke", console.page(change("revoke"), admin=True), methods=["POST"]),
            Route("/stations/{code}/expire", console.page(change("expire"), admin=True), methods=["POST"]),
            Route("/stations/{code}/day", console.page(day), methods=["GET"])]


def station_table(conn: sqlite3.Connection) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Each station's enrolment and last upload with its county record (area, operator, services, status, contact
    masked); and what the add form offers (建制村 by township, operators, the county's services)."""
    records = {r["code"]: r for r in stations.listing(conn)}
    rows = [{**dict(r), **records.get(r["code"], {})} for r in station_rows(conn)]
    names = areas.names(conn)
    villages = sorted(areas.village_township(conn).items(), key=lambda v: (v[1][0], v[0]))
    return rows, {"villages": [(code, f"{names.get(t, t)} · {names.get(code, code)}") for code, (t, _) in villages],
                  "operators": stations.OPERATORS, "services": stations.services_list(conn)}


def station_rows(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Last upload: when the newest op (by its own time, which the ledger index serves) reached the county."""
    now = datetime.now(UTC).isoformat()
    return conn.execute(
        "SELECT s.code, s.name, s.created_at, "
        "(SELECT count(*) FROM credentials c WHERE c.station = s.code AND c.revoked_at IS NULL "
        " AND c.expires_at > ?) AS live, "
        "(SELECT count(*) FROM credentials c WHERE c.station = s.code) AS ever, "
        "(SELECT count(*) FROM enrolment_codes e WHERE e.station = s.code AND e.used_at IS NULL "
        " AND e.expires_at > ?) AS waiting, "
        "(SELECT l.received_at FROM ledger l WHERE l.station = s.code ORDER BY l.created_at DESC LIMIT 1) AS last_sync "
        "FROM stations s ORDER BY s.code", (now, now)).fetchall()


def _add(conn: sqlite3.Connection, record: stations.Record, actor: str, address: str) -> tuple[str, bool]:
    again = conn.execute("SELECT 1 FROM stations WHERE code = ?", (record.code,)).fetchone() is not None
    try:
        enrolment = stations.add(conn, record)
    except DataError as err:  # the record's own checks, in Chinese first
        raise Refused(400, "；".join(p.split(" / ")[0] for p in err.problems) + "。请改正后重新提交。") from None
    with storage.transaction(conn):  # the code itself is never written to the log
        audit.record(conn, actor, "station_reenrol" if again else "station_add",
                     f"{record.code} {record.name} village={record.village or '-'}", address)
    return enrolment, again


def _change(conn: sqlite3.Connection, action: str, code: str, actor: str, address: str) -> None:
    if conn.execute("SELECT 1 FROM stations WHERE code = ?", (code[:64],)).fetchone() is None:
        raise Refused(404, f"没有站点 {code[:64]}，请回到站点列表核对。")
    changed = (storage.revoke if action == "revoke" else storage.expire)(conn, code)
    with storage.transaction(conn):
        audit.record(conn, actor, f"station_{action}", f"{code}: {changed} credentials", address)


LABELS = {"sync": "同步", "sending": "寄件", "produce": "农产品", "bills": "缴费", "parcels": "包裹",
          "handovers": "交接", "cash": "现金", "figures": "全部指标", "ops": "操作条数", "invalid_ops": "无效操作"}


def _shown(value: Any) -> Any:
    """A keyed figure ({courier: count}) as "key value" pairs, not Python's repr."""
    if isinstance(value, dict):
        return "，".join(f"{k} {v}" for k, v in value.items()) or "—"
    return value


def _sections(report: dict[str, Any]) -> list[tuple[str, list[tuple[str, Any]]]]:
    out = []
    for key, label in LABELS.items():
        value = report.get(key, {})
        if isinstance(value, dict):
            out.append((label, [(k, _shown(v)) for k, v in value.items() if not isinstance(v, list)]))
    return out
