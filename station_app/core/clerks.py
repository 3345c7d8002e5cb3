"""Clerks: PIN login with a salted slow hash, roles, lock-out after repeated wrong PINs."""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import journal
from .clock import from_iso, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7

ROLES = ("clerk", "supervisor")
MAX_WRONG_PINS = 5
LOCKOUT = timedelta(seconds=60)
_ITERATIONS = 120_000  # ~60 ms on a cheap PC: slow for guessing, quick enough for a login


@dataclass(frozen=True)
class Clerk:
    id: str
    name: str
    role: str

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def hash_pin(pin: str, *, salt: bytes | None = None, iterations: int = _ITERATIONS) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    _, iterations, salt_hex, digest_hex = stored.split("$")
    candidate = hash_pin(pin, salt=bytes.fromhex(salt_hex), iterations=int(iterations))
    return hmac.compare_digest(candidate.rsplit("$", 1)[1], digest_hex)


def check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise StationError("pin_format", "PIN must be 4-8 digits")


def add_clerk(conn: sqlite3.Connection, name: str, pin: str, role: str, *, by: str | None) -> Clerk:
    with transaction(conn):
        return insert_clerk(conn, name, pin, role, by=by)


def insert_clerk(conn: sqlite3.Connection, name: str, pin: str, role: str, *, by: str | None) -> Clerk:
    """Validate and write a clerk with its op, inside the caller's transaction."""
    name = name.strip()
    if not name or len(name) > 20:
        raise StationError("clerk_name_invalid", name)
    if role not in ROLES:
        raise StationError("clerk_role_invalid", role)
    check_pin_format(pin)
    if conn.execute("SELECT 1 FROM clerks WHERE name = ?", (name,)).fetchone():
        raise StationError("clerk_exists", name, name=name)
    clerk = Clerk(uuid7(), name, role)
    conn.execute("INSERT INTO clerks (id, name, role, pin_hash, created_at) VALUES (?,?,?,?,?)",
                 (clerk.id, name, role, hash_pin(pin), to_iso(utc_now())))
    # The PIN hash stays on this device: it is a credential, not business data.
    journal.append(conn, "clerk.added", {"clerk_id": clerk.id, "name": name, "role": role},
                   clerk_id=by or clerk.id, entity_id=clerk.id)
    return clerk


def list_clerks(conn: sqlite3.Connection) -> list[Clerk]:
    rows = conn.execute("SELECT id, name, role FROM clerks WHERE active = 1 ORDER BY role DESC, name")
    return [Clerk(r["id"], r["name"], r["role"]) for r in rows]


def get_clerk(conn: sqlite3.Connection, clerk_id: str) -> Clerk:
    row = conn.execute("SELECT id, name, role FROM clerks WHERE id = ?", (clerk_id,)).fetchone()
    if row is None:
        raise StationError("clerk_unknown", clerk_id)
    return Clerk(row["id"], row["name"], row["role"])


def login(conn: sqlite3.Connection, clerk_id: str, pin: str, *, now: datetime | None = None) -> Clerk:
    """Check a PIN. Five wrong PINs in a row lock that clerk out for 60 seconds.

    Something that cannot be a PIN (a scanner read, letters, too short or long) is refused without counting:
    it is not a guess at the PIN.
    """
    check_pin_format(pin)
    now = now or utc_now()
    with transaction(conn):
        row = conn.execute("SELECT * FROM clerks WHERE id = ? AND active = 1", (clerk_id,)).fetchone()
        if row is None:
            raise StationError("clerk_unknown", clerk_id)
        if row["locked_until"] and from_iso(row["locked_until"]) > now:
            left = int((from_iso(row["locked_until"]) - now).total_seconds()) + 1
            raise StationError("pin_locked", f"{left}s", seconds=left)
        if pin_matches(pin, row["pin_hash"]):
            conn.execute("UPDATE clerks SET failed_pins = 0, locked_until = NULL WHERE id = ?", (clerk_id,))
            return Clerk(row["id"], row["name"], row["role"])
        failed = row["failed_pins"] + 1
        if failed >= MAX_WRONG_PINS:
            conn.execute("UPDATE clerks SET failed_pins = 0, locked_until = ? WHERE id = ?",
                         (to_iso(now + LOCKOUT), clerk_id))
            journal.append(conn, "clerk.locked_out", {"clerk_id": clerk_id, "seconds": LOCKOUT.seconds},
                           clerk_id=clerk_id, entity_id=clerk_id, at=to_iso(now))
        else:
            conn.execute("UPDATE clerks SET failed_pins = ? WHERE id = ?", (failed, clerk_id))
    if failed >= MAX_WRONG_PINS:
        raise StationError("pin_locked", f"{LOCKOUT.seconds}s", seconds=LOCKOUT.seconds)
    raise StationError("pin_wrong", f"{MAX_WRONG_PINS - failed} left", left=MAX_WRONG_PINS - failed)


def require_supervisor(conn: sqlite3.Connection, clerk_id: str, pin: str) -> Clerk:
    """A supervisor's approval: their PIN, under the same lock-out rules."""
    clerk = login(conn, clerk_id, pin)
    if not clerk.is_supervisor:
        raise StationError("supervisor_required", clerk.name)
    return clerk
