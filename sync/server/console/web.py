"""What every console page shares: the database in a worker thread, rendering with the base layout and safe
headers, and ``page()``, the one gate every page passes (signed in, role, CSRF, refusals as a 4xx page)."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from .. import db, http_limits, storage
from ..throttle import FailureThrottle
from . import forms, masking, sessions
from .accounts import AccountError, User

CHINA = timezone(timedelta(hours=8))
NAV = [("/", "概览"), ("/figures", "指标"), ("/subsidy", "补贴"), ("/business", "分项业务"), ("/fees", "派费"),
       ("/stations", "站点"), ("/services", "便民服务"),
       ("/messages", "消息"), ("/uploads", "数据上传"), ("/releases", "版本发布"), ("/sms", "短信设置"),
       ("/users", "用户"), ("/audit", "审计日志"), ("/security", "安全日志")]
NAV.insert(4, ("/exceptions", "问题件"))  # after 分项业务 (issue 16's line)
# No script, no outside origin: every byte of a page comes from this server.
HEADERS = {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                      "script-src 'none'; form-action 'self'; frame-ancestors 'none'",
           "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store"}


class Refused(Exception):
    """A console request refused: the status and a Chinese sentence saying what is wrong and what to do."""

    def __init__(self, status: int, message: str) -> None:
        self.status, self.message = status, message
        super().__init__(message)


def local_time(value: object) -> str:
    """UTC ISO-8601 text as China time, to the minute."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def make_templates(*extra: Path) -> Jinja2Templates:
    """The console's templates, after ``extra`` folders (the city server's own pages extend the same base)."""
    folder = Path(str(resources.files("sync.server.console").joinpath("templates")))
    templates = Jinja2Templates(directory=[*extra, folder])
    templates.env.filters["local"] = local_time
    templates.env.filters["mask"] = masking.mask
    return templates


@dataclass
class Ctx:
    """One request as a page sees it: who asks, their CSRF token, and the form they sent (POST)."""

    request: Request
    user: User
    csrf: str
    form: FormData = field(default_factory=FormData)

    @property
    def address(self) -> str:
        return self.request.client.host if self.request.client else "?"


@dataclass
class Console:
    data_dir: Path
    timing: http_limits.BodyTiming
    login_free_failures: int = 10
    templates: Jinja2Templates = field(default_factory=make_templates)
    # the city server (sync/city) serves the same pages from its own store, under its own name and navigation
    connect: Callable[[Path], sqlite3.Connection] | None = None  # None: the county's storage.connect
    brand: str = "县级邮运通控制台"
    login_title: str = "县级控制台登录"
    tool: str = "county-server"
    nav: list[tuple[str, str]] = field(default_factory=lambda: NAV)
    home: tuple[str, str] = ("/stations", "回到站点列表")  # where a refusal page sends a signed-in person
    throttle: FailureThrottle = field(init=False)

    def __post_init__(self) -> None:
        self.throttle = FailureThrottle(free=self.login_free_failures)

    async def db(self, work: Callable[..., Any], *args: Any) -> Any:
        def run() -> Any:
            conn = (self.connect or storage.connect)(self.data_dir)
            try:
                return work(conn, *args)
            finally:
                conn.close()
        return await run_in_threadpool(db.retrying, run)  # a PostgreSQL conflict: the whole unit again

    def render(self, request: Request, template: str, status: int = 200, user: User | None = None, csrf: str = "",
               **values: Any) -> Response:
        context = {"user": user, "csrf": csrf, "nav": self.nav if user else [], "path": request.url.path,
                   "brand": self.brand, "tool": self.tool, "home": self.home, **values}
        response = self.templates.TemplateResponse(request, template, context, status_code=status)
        response.headers.update(HEADERS)
        return response

    def refused(self, request: Request, status: int, message: str, ctx: Ctx | None = None) -> Response:
        return self.render(request, "refused.html", status, ctx.user if ctx else None, ctx.csrf if ctx else "",
                           title="无法完成", message=message, status_code=status)

    def confirm(self, ctx: Ctx, question: str, yes: str, back: str) -> Response | None:
        """A step that cannot be undone asks once more (no script here for a dialog); None once confirmed."""
        if ctx.form.get("confirm") == "yes":
            return None
        return self.render(ctx.request, "confirm.html", user=ctx.user, csrf=ctx.csrf, title="请确认",
                           question=question, yes=yes, back=back, action=ctx.request.url.path)

    def page(self, handler: Callable[[Ctx], Awaitable[Response]], *, admin: bool = False, upload: bool = False,
             api: bool = False) -> Callable[[Request], Awaitable[Response]]:
        """Signed in, else to the login page (GET) or 401; an admin action refused to a viewer (403) before its
        body is read; every POST carries the session's CSRF token (403 without). An ``api`` endpoint answers its
        refusals as JSON ({"error": sentence}) and never redirects."""
        limits = forms.UPLOAD if upload else forms.SMALL

        async def endpoint(request: Request) -> Response:
            ctx: Ctx | None = None
            try:
                session = await self.db(sessions.find, request.cookies.get(sessions.COOKIE))
                if session is None:
                    if request.method == "GET" and not api:
                        return RedirectResponse("/login", 303)
                    raise Refused(401, "没有登录，或登录已过期，请重新登录后再操作。")
                ctx = Ctx(request, session.user, session.csrf)
                if request.method == "POST":
                    if admin and not session.user.admin:
                        await self.db(_forbidden, session.user.name, request.url.path, ctx.address)
                        raise Refused(403, "只读账户只能查看，不能做这项操作；需要时请管理员来做。")
                    ctx.form = await forms.read(request, limits, self.timing)
                    if not sessions.same_token(ctx.form.get("csrf"), session.csrf):
                        raise Refused(403, "表单校验码缺失或无效（页面可能已过期），请刷新页面后重新提交。")
                return await handler(ctx)
            except (Refused, forms.FormRefused, AccountError) as err:
                if api:
                    return JSONResponse({"error": err.message}, err.status, headers=HEADERS)
                return self.refused(request, err.status, err.message, ctx)
            except storage.Refused as err:
                return self.refused(request, err.status if 400 <= err.status < 500 else 400,
                                    f"服务器拒绝了这个操作（{err.code}）。", ctx)
            except ClientDisconnect:
                return Response(status_code=400)
            except db.UNAVAILABLE:  # a locked or full database: say so, change nothing
                return self.refused(request, 503, "县级数据库暂时忙或无法写入，请稍后再试；仍不行请联系县级 IT。", ctx)

        endpoint.admin_only = admin  # type: ignore[attr-defined]  # tests try every admin action as a viewer
        endpoint.upload = upload  # type: ignore[attr-defined]  # and know which take files (a larger cap)
        return endpoint


def _forbidden(conn: sqlite3.Connection, name: str, path: str, address: str) -> None:
    storage.security_event(conn, None, "console_forbidden", f"viewer {name} tried {path[:100]} from {address}")


def redirect(to: str) -> Response:
    response = RedirectResponse(to, 303)
    response.headers.update(HEADERS)
    return response
