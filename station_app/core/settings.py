"""Station-wide settings kept in the database (device settings live in the INI file)."""

from __future__ import annotations

import sqlite3
import string

from . import journal
from .db import transaction
from .errors import StationError

DEFAULT_SMS_TEMPLATE = (
    "【{station}】您的{courier}包裹（单号尾号{tail}）已到站，取件码 {code}，请于 {deadline} 前凭取件码领取。"
)

# The language of printed labels, receipts and reports (labels/words.py), chosen per station apart from the
# screen language of each PC: the first is the default.
DOCUMENT_LANGUAGES = ("zh_CN", "en")

# name -> (default, kind); ints are validated with their bounds.
DEFAULTS: dict[str, tuple[str, tuple[int, int] | None]] = {
    "remind_after_days": ("3", (1, 60)),
    "return_after_days": ("7", (1, 90)),
    "idle_lock_minutes": ("10", (1, 240)),
    "sms_template": (DEFAULT_SMS_TEMPLATE, None),
    "current_courier": ("", None),
    "current_shelf": ("1", (1, 99)),
    "current_layer": ("1", (1, 20)),
    "next_code_seq": ("1", (1, 9999)),
    # the station's range of consignment numbers for parcels sent without a courier's waybill
    "consignment_next": ("1", (1, 99_999_999)),
    "consignment_end": ("99999999", (1, 99_999_999)),
    "commission_permille": ("50", (0, 500)),  # the station's commission on produce sales, per mille
    "cash_float_fen": ("0", (0, 10_000_000)),  # the till's opening cash, counted into the expected cash
    "document_language": (DOCUMENT_LANGUAGES[0], None),
}

# What a supervisor may change: the settings dialog shows exactly these and `station-app set` takes only these.
# The rest are the station's own counters and marks (next pickup code, consignment numbers, the till's float …),
# moved by the core function that owns them; set by hand they would hand out a code or a number twice.
EDITABLE = ("remind_after_days", "return_after_days", "idle_lock_minutes", "sms_template", "document_language")


def check_editable(names: list[str] | tuple[str, ...] | set[str] | dict[str, str]) -> None:
    """Refuse a setting a supervisor does not change (or that does not exist), naming the ones that can be."""
    for name in names:
        if name not in EDITABLE:
            raise StationError("setting_not_editable", name, name=name, choices=", ".join(EDITABLE))


def get(conn: sqlite3.Connection, name: str) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (name,)).fetchone()
    return row[0] if row else DEFAULTS[name][0]


def get_int(conn: sqlite3.Connection, name: str) -> int:
    return int(get(conn, name))


TEMPLATE_FIELDS = {"station", "courier", "tail", "code", "deadline"}


def check_template(template: str) -> None:
    """Refuse an SMS template with unknown or malformed {fields} before it is saved."""
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise StationError("template_invalid", str(exc)) from exc
    if used - TEMPLATE_FIELDS:
        unknown = ",".join(sorted(used - TEMPLATE_FIELDS))
        raise StationError("template_unknown_field", unknown, fields=unknown)


CHOICES: dict[str, tuple[str, ...]] = {"document_language": DOCUMENT_LANGUAGES}


def validate(name: str, value: str) -> str:
    if name not in DEFAULTS:
        raise StationError("setting_unknown", name, name=name)
    if name == "sms_template":
        check_template(value)
    if name in CHOICES and value not in CHOICES[name]:
        choices = ", ".join(CHOICES[name])
        raise StationError("setting_not_a_choice", f"{name}={value!r}", name=name, value=value, choices=choices)
    bounds = DEFAULTS[name][1]
    if bounds is not None:
        low, high = bounds
        if not value.strip().isdigit() or not low <= int(value) <= high:
            raise StationError("setting_out_of_range", f"{name}={value!r}", name=name, low=low, high=high)
        value = str(int(value))
    return value


def write(conn: sqlite3.Connection, name: str, value: str) -> None:
    """Write inside the caller's transaction (the caller journals the change)."""
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (name, validate(name, value)))


def check_together(values: dict[str, str]) -> None:
    """Rules between settings, over the values as they will stand after a change."""
    remind, ret = values.get("remind_after_days"), values.get("return_after_days")
    if remind is not None and ret is not None and int(remind) >= int(ret):
        raise StationError("remind_not_before_return", f"{remind} >= {ret}", remind=int(remind), ret=int(ret))


def checked(conn: sqlite3.Connection, values: dict[str, str]) -> dict[str, str]:
    """Each value validated on its own, then the rules between settings over stored + new values."""
    clean = {name: validate(name, value) for name, value in values.items()}
    check_together({**{name: get(conn, name) for name in DEFAULTS}, **clean})
    return clean


def write_changes(conn: sqlite3.Connection, values: dict[str, str], *, clerk_id: str | None) -> list[str]:
    """Inside the caller's transaction: check, then write and journal each value that differs from the stored one.

    Returns the names that changed."""
    clean = checked(conn, values)
    changed = [name for name, value in clean.items() if get(conn, name) != value]
    for name in changed:
        write(conn, name, clean[name])
        journal.append(conn, "settings.changed", {"name": name, "value": clean[name]}, clerk_id=clerk_id)
    return changed


def change_many(conn: sqlite3.Connection, values: dict[str, str], *, clerk_id: str | None) -> list[str]:
    """A clerk's change of several settings: all or none, in one transaction."""
    checked(conn, values)  # refuse before taking the write lock
    with transaction(conn):
        return write_changes(conn, values, clerk_id=clerk_id)


def change(conn: sqlite3.Connection, name: str, value: str, *, clerk_id: str | None) -> None:
    """A clerk's change of one setting: validated (alone and with the others), written, journaled."""
    value = validate(name, value)
    checked(conn, {name: value})
    with transaction(conn):
        write(conn, name, value)
        journal.append(conn, "settings.changed", {"name": name, "value": value}, clerk_id=clerk_id)
