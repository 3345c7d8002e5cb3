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


def validate(name: str, value: str) -> str:
    if name not in DEFAULTS:
        raise StationError("setting_unknown", name, name=name)
    if name == "sms_template":
        check_template(value)
    if name == "document_language" and value not in DOCUMENT_LANGUAGES:
        choices = ", ".join(DOCUMENT_LANGUAGES)
        raise StationError("setting_not_a_choice", f"{name}={value!r}", name=name, choices=choices)
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


def change(conn: sqlite3.Connection, name: str, value: str, *, clerk_id: str | None) -> None:
    """A clerk's change of a setting: validated, written, journaled."""
    value = validate(name, value)
    with transaction(conn):
        write(conn, name, value)
        journal.append(conn, "settings.changed", {"name": name, "value": value}, clerk_id=clerk_id)
