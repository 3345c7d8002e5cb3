"""Releases and staff accounts (the text settings: pages_sms.py): the rest of what the admin CLI does."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime

from starlette.responses import Response
from starlette.routing import Route

from .. import storage
from . import accounts, audit, forms
from .web import Console, Ctx, Refused, redirect

VERSION = re.compile(r"^\d{1,4}(\.\d{1,6}){0,3}$")
URL = re.compile(r"^https?://[^\s<>\"']{3,300}$")


def routes(console: Console) -> list[Route]:
    async def releases(ctx: Ctx) -> Response:
        rows = await console.db(lambda conn: conn.execute("SELECT * FROM releases ORDER BY created_at DESC")
                                .fetchall())
        newest = await console.db(storage.newest_release)
        return console.render(ctx.request, "releases.html", user=ctx.user, csrf=ctx.csrf, title="版本发布",
                              releases=rows, newest=newest.get("version", ""))

    async def publish(ctx: Ctx) -> Response:
        version = forms.text(ctx.form, "version", 40, label="版本号")
        url = forms.text(ctx.form, "url", 300, label="安装包地址")
        if not VERSION.match(version):
            raise Refused(400, "版本号写成数字和点，例如 1.4.2。")
        if not URL.match(url):
            raise Refused(400, "安装包地址要以 http:// 或 https:// 开头，例如县里内网的下载地址。")
        await console.db(_publish, version, url, ctx.user.name, ctx.address)
        return redirect("/releases")

    async def users(ctx: Ctx) -> Response:
        rows = await console.db(accounts.list_users)
        return console.render(ctx.request, "users.html", user=ctx.user, csrf=ctx.csrf, title="用户", users=rows,
                              now_hint=datetime.now(UTC).isoformat())

    async def user_add(ctx: Ctx) -> Response:
        name = forms.text(ctx.form, "name", 40, label="用户名")
        role = forms.text(ctx.form, "role", 10, label="角色")
        password = forms.text(ctx.form, "password", 200, label="密码")
        if password != forms.text(ctx.form, "password2", 200, label="确认密码"):
            raise Refused(400, "两次输入的密码不一样，请重新输入。")
        await console.db(accounts.add_user, name, role, password, ctx.user.name, ctx.address)
        return redirect("/users")

    def user_switch(disabled: bool):  # type: ignore[no-untyped-def]
        async def handler(ctx: Ctx) -> Response:
            if disabled:
                asked = console.confirm(ctx, f"确定要停用用户 {ctx.request.path_params['name'][:40]} 吗？"
                                             "停用后其所有登录立即失效。", "确定停用", "/users")
                if asked:
                    return asked
            await console.db(accounts.set_disabled, ctx.request.path_params["name"][:100], disabled,
                             ctx.user.name, ctx.address)
            return redirect("/users")
        return handler

    return [Route("/releases", console.page(releases), methods=["GET"]),
            Route("/releases/publish", console.page(publish, admin=True), methods=["POST"]),
            Route("/users", console.page(users), methods=["GET"]),
            Route("/users/add", console.page(user_add, admin=True), methods=["POST"]),
            Route("/users/{name}/disable", console.page(user_switch(True), admin=True), methods=["POST"]),
            Route("/users/{name}/enable", console.page(user_switch(False), admin=True), methods=["POST"])]


def _publish(conn: sqlite3.Connection, version: str, url: str, actor: str, address: str) -> None:
    storage.publish_release(conn, version, url)
    with storage.transaction(conn):
        audit.record(conn, actor, "release_publish", f"{version} {url}", address)

