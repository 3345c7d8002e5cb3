"""The county's record of each station: its 建制村, operator, services, 交邮 flag, contact and status over time.

Kept in tables of their own (schema.sql: station_records, station_status) beside ``stations``, which holds only what
enrolment needs; a database made by an older server gets the new tables at start and lists its stations with
blank records until the county fills them in."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from . import csvin, storage
from .refdata import DataError

CHINA = timezone(timedelta(hours=8))
OPERATORS = ("邮政", "供销", "快递企业", "交通", "村集体", "个人")
# The county's list of services a station may offer; a county may set its own (server_settings 'station_services',
# names separated by '|').
SERVICES = ("快递收投", "寄件", "农产品", "缴费", "政务代办", "普惠金融", "农资", "交通服务", "电商服务", "便民零售")
STATUSES = {"active": "运营", "suspended": "暂停", "closed": "关闭"}
IMPORT_COLUMNS = ("code", "name", "village", "operator", "services", "jiaoyou", "contact", "status", "since")
_STATION_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
_YES = {"1": True, "是": True, "yes": True, "y": True, "true": True, "0": False, "否": False, "no": False,
        "n": False, "false": False, "": False}


def china_today() -> str:
    return datetime.now(UTC).astimezone(CHINA).date().isoformat()


def mask_phone(phone: str) -> str:
    """138****1234 (a landline keeps its area code and last four)."""
    if not phone:
        return ""
    if "-" in phone:
        area, _, number = phone.partition("-")
        return f"{area}-****{number[-4:]}"
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 11 else "****" + phone[-4:]


def services_list(conn: sqlite3.Connection) -> tuple[str, ...]:
    row = conn.execute("SELECT value FROM server_settings WHERE key = 'station_services'").fetchone()
    return tuple(s for s in str(row[0]).split("|") if s) if row else SERVICES


@dataclass
class Record:
    code: str
    name: str
    village: str | None = None
    operator: str = ""
    services: list[str] = field(default_factory=list)
    jiaoyou: bool = False
    contact: str = ""
    status: str = "active"
    since: str = ""  # the day the status holds from (China time); today when blank


def check(conn: sqlite3.Connection, r: Record, where: str = "") -> list[str]:
    """What is wrong with a record, as sentences (Chinese / English); empty when it can be stored."""
    def say(zh: str, en: str) -> str:
        return f"{where}{zh} / {en}"

    out = []
    if not _STATION_CODE.match(r.code):
        out.append(say(f"站点编码「{r.code[:40]}」只能是 1–32 位字母、数字、点、横线或下划线",
                       f"station code {r.code[:40]!r}: 1-32 letters, digits, '.', '-' or '_'"))
    if not r.name or len(r.name) > 100 or storage.printable(r.name, 100) != r.name:
        out.append(say("站点名称不能为空、不超过 100 字、不含控制字符",
                       "name empty, too long or with control characters"))
    if r.village:
        level = conn.execute("SELECT level FROM areas WHERE code = ?", (r.village,)).fetchone()
        if level is None or level[0] != "village":
            out.append(say(f"建制村代码「{r.village[:20]}」不在已导入的区划中，请先用 area import 导入",
                           f"village {r.village[:20]!r} is not an imported 建制村 (run area import first)"))
    if r.operator and r.operator not in OPERATORS:
        out.append(say(f"运营主体「{r.operator[:20]}」应为 {'、'.join(OPERATORS)} 之一",
                       f"operator must be one of {', '.join(OPERATORS)}"))
    offered = services_list(conn)
    unknown = [s for s in r.services if s not in offered]
    if unknown:
        out.append(say(f"服务「{'、'.join(unknown)[:40]}」不在县里的服务清单中（{'、'.join(offered)}）",
                       f"services not on the county's list: {', '.join(unknown)[:40]}"))
    if r.contact and not _PHONE.match(r.contact):
        out.append(say("联系电话应为 11 位手机号或带区号的座机号", "contact must be a mobile or landline number"))
    if r.status not in STATUSES:
        out.append(say(f"状态「{r.status[:20]}」应为 active、suspended 或 closed",
                       "status must be active, suspended or closed"))
    if r.since:
        try:
            date.fromisoformat(r.since)
        except ValueError:
            out.append(say(f"日期「{r.since[:20]}」应为 YYYY-MM-DD", "since must be a date YYYY-MM-DD"))
    return out


def _store(conn: sqlite3.Connection, r: Record) -> None:
    """Inside the caller's transaction: the record, and its status from its day when that changed."""
    conn.execute("INSERT INTO station_records (code, village, operator, services, jiaoyou, contact, updated_at) "
                 "VALUES (?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET village = excluded.village, operator = "
                 "excluded.operator, services = excluded.services, jiaoyou = excluded.jiaoyou, contact = "
                 "excluded.contact, updated_at = excluded.updated_at",
                 (r.code, r.village or None, r.operator, json.dumps(r.services, ensure_ascii=False), int(r.jiaoyou),
                  r.contact, storage.now_iso()))
    conn.execute("UPDATE stations SET name = ? WHERE code = ?", (r.name, r.code))
    if (r.since or r.status != "active") and status_on(conn, r.since or china_today()).get(r.code) != r.status:
        _set_status(conn, r.code, r.status, r.since or china_today(), "")


def add(conn: sqlite3.Connection, r: Record) -> str:
    """A new station (or a new enrolment code for a known one) with its record; returns the one-time code."""
    problems = check(conn, r)
    if problems:
        raise DataError(problems)
    details = r.village or r.operator or r.services or r.contact or r.jiaoyou or r.since or r.status != "active"
    with storage.transaction(conn):
        known = conn.execute("SELECT 1 FROM station_records WHERE code = ?", (r.code,)).fetchone()
        enrolment = storage.add_station_in(conn, r.code, r.name)
        if details or not known:  # a new enrolment code alone leaves the county's record as it was
            _store(conn, r)
    return enrolment


def import_csv(conn: sqlite3.Connection, path: Path) -> list[tuple[str, str]]:
    """Add or update stations from a CSV, all or nothing; returns (code, enrolment code) for each new station."""
    rows = csvin.read(path, IMPORT_COLUMNS, ("code", "name"))
    problems: list[str] = []
    records: list[Record] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        where = f"第 {line} 行 line {line}："
        jiaoyou = _YES.get(row.get("jiaoyou", "").lower())
        if jiaoyou is None:
            problems.append(f"{where}交邮站点应填 是 或 否 / jiaoyou must be 是/否 (yes/no)")
            jiaoyou = False
        r = Record(row["code"], row["name"], row.get("village") or None, row.get("operator", ""),
                   [s.strip() for s in re.split(r"[|、;；]", row.get("services", "")) if s.strip()], jiaoyou,
                   row.get("contact", ""), row.get("status") or "active", row.get("since", ""))
        if r.code in seen:
            problems.append(f"{where}站点编码 {r.code} 与第 {seen[r.code]} 行重复 / code repeats line {seen[r.code]}")
        seen.setdefault(r.code, line)
        problems += check(conn, r, where)
        records.append(r)
    if problems:
        raise DataError(problems[:csvin.MAX_PROBLEMS])
    known = {row[0] for row in conn.execute("SELECT code FROM stations")}
    new: list[tuple[str, str]] = []
    with storage.transaction(conn):
        for r in records:
            if r.code not in known:
                new.append((r.code, storage.add_station_in(conn, r.code, r.name)))
            _store(conn, r)
    return new


def _set_status(conn: sqlite3.Connection, code: str, status: str, since: str, note: str) -> None:
    conn.execute("INSERT INTO station_status (station, status, since, note, at) VALUES (?,?,?,?,?) ON CONFLICT "
                 "(station, since) DO UPDATE SET status = excluded.status, note = excluded.note, at = excluded.at",
                 (code, status, since, storage.printable(note, 300), storage.now_iso()))


def set_status(conn: sqlite3.Connection, code: str, status: str, since: str, note: str = "") -> None:
    """A station is active, suspended or closed from a day on (its history is kept)."""
    if conn.execute("SELECT 1 FROM stations WHERE code = ?", (code,)).fetchone() is None:
        raise DataError([f"没有编码为 {code[:40]} 的站点，请先 station add / no station {code[:40]!r}"])
    problems = check(conn, Record(code, "x", status=status, since=since))
    if problems:
        raise DataError(problems)
    with storage.transaction(conn):
        _set_status(conn, code, status, since, note)


def status_on(conn: sqlite3.Connection, day: str) -> dict[str, str]:
    """Each station's status on a day: the latest change on or before it; a station never given one is active from
    the day it was added ('not_yet' before)."""
    out = {code: "active" if _china_day(created) <= day else "not_yet"
           for code, created in conn.execute("SELECT code, created_at FROM stations")}
    for code, status in conn.execute("SELECT station, status FROM station_status s WHERE since = (SELECT max(since) "
                                     "FROM station_status t WHERE t.station = s.station AND t.since <= ?)", (day,)):
        out[code] = status
    return out


def _china_day(utc: str) -> str:
    return datetime.fromisoformat(utc.replace("Z", "+00:00")).astimezone(CHINA).date().isoformat()


def listing(conn: sqlite3.Connection, day: str | None = None) -> list[dict[str, Any]]:
    """Every station with its record, area, status today and contact masked."""
    day = day or china_today()
    status = status_on(conn, day)
    since = {r[0]: r[1] for r in conn.execute("SELECT station, max(since) FROM station_status WHERE since <= ? "
                                              "GROUP BY station", (day,))}
    out = []
    for row in conn.execute(
            "SELECT s.code, s.name, r.village, v.name AS village_name, t.code AS township, t.name AS township_name, "
            "r.operator, r.services, r.jiaoyou, r.contact FROM stations s LEFT JOIN station_records r ON r.code = "
            "s.code LEFT JOIN areas v ON v.code = r.village LEFT JOIN areas t ON t.code = v.parent_code "
            "ORDER BY s.code"):
        out.append({"code": row["code"], "name": row["name"], "village": row["village"] or "",
                    "village_name": row["village_name"] or "", "township": row["township"] or "",
                    "township_name": row["township_name"] or "", "operator": row["operator"] or "",
                    "services": json.loads(row["services"] or "[]"), "jiaoyou": bool(row["jiaoyou"]),
                    "contact": mask_phone(row["contact"] or ""), "status": status.get(row["code"], "active"),
                    "status_since": since.get(row["code"], "")})
    return out
