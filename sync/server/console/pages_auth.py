"""Signing in and out. The login form has its own CSRF token (a cookie and a hidden field that must match) since
there is no session yet. Failures count per account (accounts.py: lock-out) and per address (slowed down)."""

from __future__ import annotations

import secrets
import sqlite3

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import storage
from . import accounts, audit, forms, sessions
from .web import HEADERS, Console, Ctx, redirect


def routes(console: Console) -> list[Route]:
    async def login_form(request: Request) -> Response:
        if await console.db(sessions.find, request.cookies.get(sessions.COOKIE)):
            return redirect("/")
        return _login_page(console, request, "", 200)

    async def login(request: Request) -> Response:
        address = request.client.host if request.client else "?"
        wait = console.throttle.wait(address)
        if wait > 0:
            response = _login_page(console, request, f"这台电脑登录失败次数过多，请 {int(wait) + 1} 秒后再试。", 429)
            response.headers["Retry-After"] = str(int(wait) + 1)
            return response
        try:
            form = await forms.read(request, forms.SMALL, console.timing)
        except forms.FormRefused as err:
            return _login_page(console, request, err.message, err.status)
        if not sessions.same_token(form.get("csrf"), request.cookies.get(sessions.LOGIN_COOKIE, "")):
            return _login_page(console, request, "登录页面已过期（表单校验码无效），请重新输入后登录。", 403)
        name, password = form.get("name"), form.get("password")
        if not isinstance(name, str) or not isinstance(password, str) or not name.strip() or not password:
            return _login_page(console, request, "请输入用户名和密码。", 400)
        try:
            user = await console.db(accounts.sign_in, name.strip(), password, address)
        except accounts.AccountError as err:
            failures = console.throttle.failed(address)
            if failures == console.throttle.free:  # from now on this address must wait: logged once
                await console.db(_address_throttled, address, failures)
            return _login_page(console, request, err.message, err.status)
        console.throttle.succeeded(address)
        token, _ = await console.db(sessions.start, user)
        response = redirect("/")
        sessions.set_cookie(response, request, sessions.COOKIE, token, None)
        response.delete_cookie(sessions.LOGIN_COOKIE, path="/", httponly=True, samesite="strict",
                               secure=request.url.scheme == "https")
        return response

    async def logout(ctx: Ctx) -> Response:
        await console.db(_sign_out, ctx.request.cookies.get(sessions.COOKIE), ctx.user.name, ctx.address)
        response = redirect("/login")
        response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="strict",
                               secure=ctx.request.url.scheme == "https")
        return response

    return [Route("/login", login_form, methods=["GET"]),
            Route("/login", login, methods=["POST"]),
            Route("/logout", console.page(logout), methods=["POST"])]


def _login_page(console: Console, request: Request, error: str, status: int) -> Response:
    token = request.cookies.get(sessions.LOGIN_COOKIE, "")
    if not 20 <= len(token) <= 100:
        token = secrets.token_urlsafe(32)
    response = console.render(request, "login.html", status, title=console.login_title, error=error, login_csrf=token)
    sessions.set_cookie(response, request, sessions.LOGIN_COOKIE, token, 3600)
    response.headers.update(HEADERS)
    return response


def _address_throttled(conn: sqlite3.Connection, address: str, failures: int) -> None:
    storage.security_event(conn, None, "console_login_throttled", f"{address} after {failures} failed sign-ins")


def _sign_out(conn: sqlite3.Connection, token: str | None, name: str, address: str) -> None:
    sessions.end(conn, token)
    audit.record(conn, name, "logout", "", address)
