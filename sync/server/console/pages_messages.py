"""Messages to all or chosen stations, through the same feed as `county-server message send`, and who has read
each: a station reports the clerk's reading with a `message.read` op (kept by sync/server/message_reads.py)."""

from __future__ import annotations

import sqlite3
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import message_reads, storage
from . import audit, forms
from .pages_stations import station_rows
from .web import Console, Ctx, Refused, redirect

KINDS = {"announcement": "公告", "instruction": "工作指令"}


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        stations, sent = await console.db(lambda conn: (station_rows(conn), sent_messages(conn)))
        return console.render(ctx.request, "messages.html", user=ctx.user, csrf=ctx.csrf, title="消息",
                              stations=stations, sent=sent, kinds=KINDS,
                              notice=ctx.request.query_params.get("sent", "")[:6])

    async def send(ctx: Ctx) -> Response:
        kind = forms.text(ctx.form, "kind", 20, label="消息类型")
        if kind not in KINDS:
            raise Refused(400, "消息类型只能是公告或工作指令。")
        title = forms.text(ctx.form, "title", 100, required=False, label="标题")
        text = forms.text(ctx.form, "text", 2000, label="消息内容")
        chosen = [v for v in ctx.form.getlist("station") if isinstance(v, str)][:5000]
        everyone = ctx.form.get("all") == "all"
        count = await console.db(_send, kind, title, text, chosen, everyone, ctx.user.name, ctx.address)
        return redirect(f"/messages?sent={count}")

    return [Route("/messages", console.page(page), methods=["GET"]),
            Route("/messages/send", console.page(send, admin=True), methods=["POST"])]


def _send(conn: sqlite3.Connection, kind: str, title: str, text: str, chosen: list[str], everyone: bool,
          actor: str, address: str) -> int:
    known = [r[0] for r in conn.execute("SELECT code FROM stations ORDER BY code")]
    targets = known if everyone else sorted(set(chosen))
    if not targets:
        raise Refused(400, "请勾选至少一个站点，或勾选“发给全部站点”。")
    unknown = sorted(set(targets) - set(known))
    if unknown:
        raise Refused(400, f"没有这些站点：{', '.join(unknown[:10])}，请刷新页面后重选。")
    with storage.transaction(conn):
        message_reads.send(conn, targets, kind, title, text)
        audit.record(conn, actor, "message_send", f"{KINDS[kind]}《{title}》to {len(targets)} stations", address)
    return len(targets)


def sent_messages(conn: sqlite3.Connection, limit: int = 50) -> list[dict[str, Any]]:
    """One line per message sent (the same body at the same moment to several stations), with who read it."""
    return [m | {"kind": KINDS.get(m["kind"], m["kind"])} for m in message_reads.sent(conn, limit)]
