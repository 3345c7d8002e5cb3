"""Server-side sessions. The cookie carries a random token; the database keeps only its hash, the user, the
session's CSRF token and when it ends. Signing out, or an admin disabling the account, deletes the row."""

from __future__ import annotations

import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from starlette.requests import Request
from starlette.responses import Response

from .. import storage
from .accounts import User

COOKIE = "county_session"
LOGIN_COOKIE = "county_login_csrf"  # the login form's CSRF token, before there is a session (double submit)
LIFETIME = timedelta(hours=10)  # one working day; then sign in again


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


def start(conn: sqlite3.Connection, user: User) -> tuple[str, str]:
    """A new session for the user: (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with storage.transaction(conn):
        conn.execute("DELETE FROM console_sessions WHERE expires_at < ?", (now.isoformat(),))
        conn.execute("INSERT INTO console_sessions (token_hash, user_id, csrf, created_at, expires_at) "
                     "VALUES (?,?,?,?,?)", (storage.sha256(token), user.id, csrf, storage.now_iso(),
                                            (now + LIFETIME).isoformat()))
    return token, csrf


def find(conn: sqlite3.Connection, token: str | None) -> Session | None:
    if not token or len(token) > 100:
        return None
    row = conn.execute("SELECT u.id, u.name, u.role, s.csrf FROM console_sessions s JOIN console_users u "
                       "ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL",
                       (storage.sha256(token), datetime.now(UTC).isoformat())).fetchone()
    return None if row is None else Session(User(row["id"], row["name"], row["role"]), row["csrf"])


def end(conn: sqlite3.Connection, token: str | None) -> None:
    if token:
        with storage.transaction(conn):
            conn.execute("DELETE FROM console_sessions WHERE token_hash = ?", (storage.sha256(token[:100]),))


def same_token(given: object, expected: str) -> bool:
    return isinstance(given, str) and bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None) -> None:
    """HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure under TLS."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
