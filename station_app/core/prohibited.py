"""Inspection (收寄验视): an item description checked against the prohibited and restricted lists."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import refdata


@dataclass(frozen=True)
class Finding:
    level: str  # prohibited | restricted
    category: str
    keyword: str


def check(conn: sqlite3.Connection, description: str) -> list[Finding]:
    """Every rule the description hits: the built-in national list and the county's own, prohibited first."""
    text = description.strip()
    rules = refdata.builtin("prohibited_items") + [
        r for r in refdata.rows(conn, "prohibited_items") if r not in refdata.builtin("prohibited_items")]
    found: list[Finding] = []
    for rule in rules:
        for keyword in filter(None, str(rule.get("keywords", "")).split("|")):
            if keyword in text:
                found.append(Finding(str(rule["level"]), str(rule["category"]), keyword))
                break
    return sorted(found, key=lambda f: f.level != "prohibited")
