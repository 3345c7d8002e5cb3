"""The county's map: its townships and 建制村 with their 12-digit 统计用区划代码, imported from CSV all or nothing."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from . import csvin, storage
from .refdata import DataError

COLUMNS = ("code", "name", "level", "parent_code")
LEVELS = ("county", "township", "village")
LEVEL_ZH = {"county": "区县", "township": "乡镇", "village": "建制村"}
_CODE = re.compile(r"^\d{12}$")
# The code's own structure: a county ends in 000000, a township in 000, a village does not; a child shares its
# parent's first 6 (county) or 9 (township) digits.
_PREFIX = {"township": 6, "village": 9}


def _shape_ok(code: str, level: str) -> bool:
    if level == "county":
        return code.endswith("000000")
    if level == "township":
        return code.endswith("000") and not code.endswith("000000")
    return not code.endswith("000")


def import_csv(conn: sqlite3.Connection, path: Path) -> dict[str, int]:
    """Check every row, then add or rename the areas in one transaction; returns how many of each level."""
    rows = csvin.read(path, COLUMNS, COLUMNS)
    problems: list[str] = []
    known = {r[0]: r[1] for r in conn.execute("SELECT code, level FROM areas")}
    seen: dict[str, int] = {}
    levels = dict(known)
    for _line, row in rows:  # the file's own codes first: a parent may come after its child
        if _CODE.match(row["code"]) and row["level"] in LEVELS:
            levels.setdefault(row["code"], row["level"])
    for line, row in rows:
        code, name, level, parent = row["code"], row["name"], row["level"], row["parent_code"]
        p = problems.append
        if not _CODE.match(code):
            p(csvin.problem(line, f"区划代码「{code[:20]}」应为 12 位数字", f"code {code[:20]!r} must be 12 digits"))
            continue
        if code in seen:
            p(csvin.problem(line, f"区划代码 {code} 与第 {seen[code]} 行重复",
                            f"code {code} repeats line {seen[code]}"))
            continue
        seen[code] = line
        if level not in LEVELS:
            p(csvin.problem(line, f"级别「{level[:20]}」应为 county、township 或 village",
                            f"level {level[:20]!r} must be county, township or village"))
            continue
        if not name or len(name) > 64 or storage.printable(name, 64) != name:
            p(csvin.problem(line, "名称不能为空、不超过 64 字、不含控制字符", "name empty, too long or with control "
                            "characters"))
        if not _shape_ok(code, level):
            p(csvin.problem(line, f"区划代码 {code} 不像{LEVEL_ZH[level]}的代码", f"code {code} is not a {level} code"))
        if known.get(code, level) != level:
            p(csvin.problem(line, f"{code} 已作为{LEVEL_ZH[known[code]]}导入，不能改为{LEVEL_ZH[level]}",
                            f"{code} is already a {known[code]}"))
        if level == "county":
            if parent:
                p(csvin.problem(line, "区县不应有上级代码", "a county has no parent_code"))
            continue
        want = LEVELS[LEVELS.index(level) - 1]
        if levels.get(parent) != want:
            p(csvin.problem(line, f"上级代码「{parent[:20]}」应是本文件或已导入的{LEVEL_ZH[want]}",
                            f"parent_code {parent[:20]!r} must be a {want} in this file or already imported"))
        elif parent[:_PREFIX[level]] != code[:_PREFIX[level]]:
            p(csvin.problem(line, f"区划代码 {code} 不属于上级 {parent}", f"code {code} does not belong to {parent}"))
    if problems:
        raise DataError(problems[:csvin.MAX_PROBLEMS])
    order = sorted(rows, key=lambda r: LEVELS.index(r[1]["level"]))  # parents before children (foreign keys)
    with storage.transaction(conn):
        for _, row in order:
            conn.execute("INSERT INTO areas (code, name, level, parent_code) VALUES (?,?,?,?) ON CONFLICT(code) DO "
                         "UPDATE SET name = excluded.name, parent_code = excluded.parent_code",
                         (row["code"], row["name"], row["level"], row["parent_code"] or None))
    return {level: sum(1 for _, r in rows if r["level"] == level) for level in LEVELS}


def village_township(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Each 建制村's (village code → (township code, county code))."""
    out: dict[str, tuple[str, str]] = {}
    for village, township, county in conn.execute(
            "SELECT v.code, t.code, coalesce(t.parent_code, '') FROM areas v JOIN areas t ON t.code = v.parent_code "
            "WHERE v.level = 'village'"):
        out[village] = (township, county)
    return out


def names(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT code, name FROM areas")}
