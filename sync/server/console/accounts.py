"""County staff accounts: adding, listing, disabling, and signing in with a per-account lock-out.

Every failed sign-in counts against the account; after ``LOCK_AFTER`` in a row it is locked for ``LOCK_FOR``
(even the right password is refused meanwhile) and the lock goes to the security log. An admin enabling the
account again clears the lock. Per-address slowing is the caller's (an in-memory FailureThrottle)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .. import storage
from . import audit, passwords

ROLES = ("admin", "viewer")
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
NAME = re.compile(r"^[\w.\-@\u4e00-\u9fff]{2,40}$")


class AccountError(Exception):
    """A person's mistake, said in Chinese; ``status`` is the HTTP status the console answers with."""

    def __init__(self, message: str, status: int = 400) -> None:
        self.message, self.status = message, status
        super().__init__(message)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    @property
    def admin(self) -> bool:
        return self.role == "admin"


def add_user(conn: sqlite3.Connection, name: str, role: str, password: str, actor: str, address: str = "") -> User:
    name = name.strip()
    if not NAME.match(name):
        raise AccountError("用户名为 2–40 个字母、数字、汉字或 . - _ @，请换一个。")
    if role not in ROLES:
        raise AccountError("角色只能是 admin（管理员）或 viewer（只读）。")
    why = passwords.problem(password)
    if why:
        raise AccountError(why)
    hashed = passwords.hash_password(password)  # slow: before the transaction, not inside it
    with storage.transaction(conn):
        if conn.execute("SELECT 1 FROM console_users WHERE name = ?", (name,)).fetchone():
            raise AccountError(f"用户名 {name} 已经有了，请换一个。", 409)
        new_id = conn.execute("INSERT INTO console_users (name, role, password_hash, created_at) VALUES (?,?,?,?) "
                              "RETURNING id", (name, role, hashed, storage.now_iso())).fetchone()[0]
        audit.record(conn, actor, "user_add", f"{name} ({role})", address)
    return User(int(new_id), name, role)


def list_users(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT id, name, role, created_at, disabled_at, failures, locked_until, last_login_at "
                        "FROM console_users ORDER BY name").fetchall()


def set_disabled(conn: sqlite3.Connection, name: str, disabled: bool, actor: str, address: str = "") -> None:
    """Disable (and sign out everywhere) or enable again (clearing any lock-out)."""
    with storage.transaction(conn):
        row = conn.execute("SELECT id FROM console_users WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise AccountError(f"没有用户 {name}。", 404)
        if disabled:
            if actor == name:
                raise AccountError("不能停用自己正在使用的账户，请让另一位管理员操作。", 409)
            admins = conn.execute("SELECT count(*) FROM console_users WHERE role = 'admin' AND disabled_at IS NULL "
                                  "AND name != ?", (name,)).fetchone()[0]
            role = conn.execute("SELECT role FROM console_users WHERE id = ?", (row[0],)).fetchone()[0]
            if role == "admin" and admins == 0 and actor != "cli":
                raise AccountError("这是最后一个管理员账户，停用前请先添加另一个管理员。", 409)
            conn.execute("UPDATE console_users SET disabled_at = ? WHERE id = ?", (storage.now_iso(), row[0]))
            conn.execute("DELETE FROM console_sessions WHERE user_id = ?", (row[0],))
        else:
            conn.execute("UPDATE console_users SET disabled_at = NULL, failures = 0, locked_until = NULL "
                         "WHERE id = ?", (row[0],))
        audit.record(conn, actor, "user_disable" if disabled else "user_enable", name, address)


def sign_in(conn: sqlite3.Connection, name: str, password: str, address: str) -> User:
    """The user, or AccountError (401 wrong name or password, 403 disabled, 429 locked). Always hashes once."""
    row = conn.execute("SELECT * FROM console_users WHERE name = ?", (name[:100],)).fetchone()
    right = passwords.verify_password(password[: passwords.MAX_LENGTH + 1],
                                      row["password_hash"] if row else passwords.DUMMY_HASH)
    now = datetime.now(UTC)
    if row is not None and row["locked_until"] and row["locked_until"] > now.isoformat():
        raise AccountError("这个账户因多次密码错误已被锁定，请 15 分钟后再试，或请管理员重新启用。", 429)
    if row is None or not right:
        if row is not None:
            _count_failure(conn, row, now, address)
        raise AccountError("用户名或密码不对，请重新输入。", 401)
    if row["disabled_at"]:
        raise AccountError("这个账户已停用，请联系管理员。", 403)
    with storage.transaction(conn):
        conn.execute("UPDATE console_users SET failures = 0, locked_until = NULL, last_login_at = ? WHERE id = ?",
                     (storage.now_iso(), row["id"]))
        audit.record(conn, row["name"], "login", "", address)
    return User(row["id"], row["name"], row["role"])


def _count_failure(conn: sqlite3.Connection, row: sqlite3.Row, now: datetime, address: str) -> None:
    with storage.transaction(conn):
        failures = conn.execute("UPDATE console_users SET failures = failures + 1 WHERE id = ? RETURNING failures",
                                (row["id"],)).fetchone()[0]
        storage.security_event(conn, None, "console_login_failed", f"user {row['name']} from {address}")
        if failures >= LOCK_AFTER:
            conn.execute("UPDATE console_users SET locked_until = ?, failures = 0 WHERE id = ?",
                         ((now + LOCK_FOR).isoformat(), row["id"]))
            storage.security_event(conn, None, "console_locked",
                                   f"user {row['name']} locked after {failures} failed sign-ins, last from {address}")
