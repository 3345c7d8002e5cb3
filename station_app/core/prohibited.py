"""Inspection (收寄验视): an item description checked against the prohibited and restricted lists.

Clerks type what the sender says: common names (鞭炮, 二踢脚), brand words (敌敌畏), full-width or traditional
characters, the word somewhere inside a longer description. The description and every word of the list are
brought to one form (NFKC, lower case, traditional → simplified, no spaces) and searched as substrings.
A rule's exceptions (香水柠檬 for 香水, 柴油机 for 柴油) are blanked out of the text first, so a harmless word
that happens to contain a keyword stays OK while the keyword elsewhere in the same text is still found.

A row has ``level, category, keywords`` and, optionally, ``synonyms`` and ``exceptions`` (all lists
separated by ``|``); older files with only the first three columns load as they are.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import refdata
from .textform import normalize

_LEVELS = {"prohibited": "prohibited", "禁寄": "prohibited", "禁止": "prohibited",
           "restricted": "restricted", "限寄": "restricted", "限制": "restricted"}
_MASK = "\x00"


@dataclass(frozen=True)
class Finding:
    level: str  # prohibited | restricted
    category: str
    keyword: str


@dataclass(frozen=True)
class Rule:
    level: str
    category: str
    words: tuple[tuple[str, str], ...]  # (normalised, as written in the list)
    exceptions: tuple[str, ...]  # normalised, longest first


def _split(value: Any) -> list[str]:
    return [w.strip() for w in str(value or "").split("|") if w.strip()]


def _rule(row: Mapping[str, Any]) -> Rule | None:
    # a level we do not know: a supervisor looks at it rather than nobody
    level = _LEVELS.get(str(row.get("level", "")).strip().lower(), "restricted")
    words: dict[str, str] = {}
    for word in _split(row.get("keywords")) + _split(row.get("synonyms")):
        words.setdefault(normalize(word), word)
    words.pop("", None)
    if not words:
        return None
    exceptions = sorted({normalize(w) for w in _split(row.get("exceptions"))} - {""}, key=len, reverse=True)
    return Rule(level, str(row.get("category", "")).strip(), tuple(words.items()), tuple(exceptions))


def rules(rows: Iterable[Mapping[str, Any]]) -> list[Rule]:
    return [r for r in map(_rule, rows) if r is not None]


@functools.cache
def _builtin() -> tuple[list[dict[str, str]], tuple[Rule, ...]]:
    rows = refdata.builtin("prohibited_items")
    return rows, tuple(rules(rows))


def _hit(rule: Rule, text: str) -> str | None:
    """The list's word for the first keyword in the text, once the rule's exceptions are blanked out."""
    for harmless in rule.exceptions:
        text = text.replace(harmless, _MASK * len(harmless))
    best: tuple[int, int, str] | None = None
    for word, written in rule.words:
        at = text.find(word)
        if at >= 0 and (best is None or (at, -len(word)) < best[:2]):
            best = (at, -len(word), written)
    return best[2] if best else None


def match(rule_list: Iterable[Rule], description: str) -> list[Finding]:
    """Every category the description hits, prohibited first, each category once."""
    text = normalize(description)
    found: dict[tuple[str, str], Finding] = {}
    for rule in rule_list:
        keyword = _hit(rule, text)
        if keyword is not None:
            found.setdefault((rule.level, rule.category), Finding(rule.level, rule.category, keyword))
    return sorted(found.values(), key=lambda f: f.level != "prohibited")


def check(conn: sqlite3.Connection, description: str) -> list[Finding]:
    """The built-in national list is always in force; the county's rows add to it (its own words, stricter
    levels). A county file made before the synonyms column existed therefore cannot drop 鞭炮 again."""
    builtin, builtin_rules = _builtin()
    county = [r for r in refdata.rows(conn, "prohibited_items") if r not in builtin]
    return match([*builtin_rules, *rules(county)], description)
