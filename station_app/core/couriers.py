"""Couriers and recognising them from a waybill number.

Waybill formats overlap (a 13-digit 43… number can be 韵达 or 申通), so recognition ranks candidates:
a matching pattern, the prefixes learned from the clerk's confirmed choices, and the bag's "current
courier". An unknown format is never refused: it gets the current courier or ``unknown``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

UNKNOWN = "unknown"
PREFIX_LEN = 4

# Built-in defaults; the county's reference data can replace every row.
BUILTIN: list[tuple[str, str, list[str]]] = [
    ("EMS", "邮政/EMS", [r"^E[A-Z]\d{9}CN$", r"^1\d{12}$", r"^9\d{12}$"]),
    ("SF", "顺丰", [r"^SF\d{12,13}$"]),
    ("ZTO", "中通", [r"^(7[3-9]|6[2-9]|5\d)\d{10}$", r"^7[3-9]\d{12}$"]),
    ("YTO", "圆通", [r"^YT\d{13,16}$"]),
    ("YUNDA", "韵达", [r"^(43|46|31|33|34|35|36|38|39)\d{11}$"]),
    ("STO", "申通", [r"^(77|88|66|55|43|46|33|36|26|56|76)\d{11}$"]),
    ("JT", "极兔", [r"^JT\d{13}$"]),
    ("JD", "京东", [r"^JD[A-Z0-9]{11,14}$"]),
    ("DBL", "德邦", [r"^DPK\d{9,13}$"]),
]

_SCORE_PATTERN = 10
_SCORE_CURRENT = 30
_SCORE_LEARNED = 50  # times the share of confirmed choices for this prefix and length


@dataclass(frozen=True)
class Courier:
    code: str
    name: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    code: str
    score: float


def install_builtin(conn: sqlite3.Connection) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO couriers (code, name, patterns, sort) VALUES (?,?,?,?)",
        [(code, name, json.dumps(patterns), i) for i, (code, name, patterns) in enumerate(BUILTIN)],
    )


def replace_all(conn: sqlite3.Connection, rows: list[dict[str, str]]) -> None:
    """The county's courier list replaces ours, in its order; patterns come '|'-separated. Inside the caller's
    transaction (with the reference snapshot they came in)."""
    conn.execute("DELETE FROM couriers")
    conn.executemany("INSERT INTO couriers (code, name, patterns, sort) VALUES (?,?,?,?)",
                     [(r["code"], r["name"], json.dumps([p for p in r["patterns"].split("|") if p]), i)
                      for i, r in enumerate(rows)])


def all_couriers(conn: sqlite3.Connection) -> list[Courier]:
    rows = conn.execute("SELECT code, name, patterns FROM couriers ORDER BY sort, code")
    return [Courier(r["code"], r["name"], tuple(json.loads(r["patterns"]))) for r in rows]


def names(conn: sqlite3.Connection) -> dict[str, str]:
    return {c.code: c.name for c in all_couriers(conn)}


def resolve(conn: sqlite3.Connection, text: str) -> str | None:
    """A courier code from a code or a name as people write it (ZTO, zto, 中通, 中通快递)."""
    wanted = text.strip()
    if not wanted:
        return None
    for courier in all_couriers(conn):
        if wanted.upper() == courier.code.upper() or wanted in (courier.name, courier.name + "快递"):
            return courier.code
        if "/" in courier.name and wanted in courier.name.split("/"):
            return courier.code
    return None


def _compiled(conn: sqlite3.Connection) -> list[tuple[str, list[re.Pattern[str]]]]:
    return [(c.code, [re.compile(p) for p in c.patterns]) for c in all_couriers(conn)]


def rank(conn: sqlite3.Connection, waybill: str, current: str = "") -> list[Candidate]:
    """Candidate couriers for a waybill, best first; empty when nothing at all points anywhere."""
    key = waybill.strip().upper()
    scores: dict[str, float] = {}
    for code, patterns in _compiled(conn):
        if any(p.match(key) for p in patterns):
            scores[code] = _SCORE_PATTERN
    learned = conn.execute(
        "SELECT courier, hits FROM courier_prefixes WHERE prefix = ? AND length = ?",
        (key[:PREFIX_LEN], len(key)),
    ).fetchall()
    total = sum(r["hits"] for r in learned)
    for row in learned:
        scores[row["courier"]] = scores.get(row["courier"], 0) + _SCORE_LEARNED * row["hits"] / total
    if current and current in scores:
        scores[current] += _SCORE_CURRENT
    return sorted((Candidate(c, s) for c, s in scores.items()), key=lambda c: -c.score)


def recognise(conn: sqlite3.Connection, waybill: str, current: str = "") -> str:
    """The best courier for a waybill: top candidate, else the bag's current courier, else ``unknown``."""
    ranked = rank(conn, waybill, current)
    if ranked:
        return ranked[0].code
    return current or UNKNOWN


def learn(conn: sqlite3.Connection, waybill: str, courier: str) -> None:
    """Remember a confirmed choice, inside the caller's transaction."""
    if courier == UNKNOWN:
        return
    key = waybill.strip().upper()
    conn.execute(
        "INSERT INTO courier_prefixes (prefix, length, courier, hits) VALUES (?,?,?,1) "
        "ON CONFLICT(prefix, length, courier) DO UPDATE SET hits = hits + 1",
        (key[:PREFIX_LEN], len(key), courier),
    )
