"""The subsidy sheet: 上下行业务量 per enterprise and area, its increase over the previous period of the same length,
and what the county's tier table pays for it ("按照农村地区邮政快递上下行业务量增量分档分区域").

A tier is a band of increase [from, to) pieces for one area level, paying fen per piece of the whole increase
(``piece``) or a fixed sum (``band``); the band the increase falls in decides. No increase, no subsidy.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from . import csvin, figures, storage
from .refdata import DataError

COLUMNS = ("level", "from_pieces", "to_pieces", "mode", "yuan")
LEVELS = ("county", "township", "village")
_INT = re.compile(r"^\d{1,9}$")
_YUAN = re.compile(r"^\d{1,7}(\.\d{1,2})?$")


@dataclass(frozen=True)
class Tier:
    level: str
    from_pieces: int
    to_pieces: int | None  # None: no upper bound
    mode: str  # piece · band
    fen: int

    def holds(self, increase: int) -> bool:
        return increase >= self.from_pieces and (self.to_pieces is None or increase < self.to_pieces)

    def band(self) -> str:
        return f"{self.from_pieces}–{'' if self.to_pieces is None else self.to_pieces}"


def set_tiers(conn: sqlite3.Connection, path: Path) -> list[Tier]:
    """Replace the county's tier table with a CSV's, all or nothing."""
    tiers: list[Tier] = []
    problems: list[str] = []
    for line, row in csvin.read(path, COLUMNS, COLUMNS):
        p = problems.append
        if row["level"] not in LEVELS:
            p(csvin.problem(line, "级别应为 county、township 或 village", "level must be county, township or village"))
        if not _INT.match(row["from_pieces"]) or (row["to_pieces"] and not _INT.match(row["to_pieces"])):
            p(csvin.problem(line, "增量区间应为非负整数件数（上限可留空）",
                            "from/to must be whole pieces (to may be blank)"))
            continue
        if row["mode"] not in ("piece", "band"):
            p(csvin.problem(line, "方式应为 piece（按件）或 band（按档定额）", "mode must be piece or band"))
        try:
            fen = int(Decimal(row["yuan"]) * 100) if _YUAN.match(row["yuan"]) else None
        except InvalidOperation:
            fen = None
        if fen is None:
            p(csvin.problem(line, f"金额「{row['yuan'][:20]}」应为元，最多两位小数",
                            "yuan: a sum with at most 2 decimals"))
            continue
        low, high = int(row["from_pieces"]), int(row["to_pieces"]) if row["to_pieces"] else None
        if high is not None and high <= low:
            p(csvin.problem(line, "上限应大于下限", "to_pieces must be above from_pieces"))
            continue
        tier = Tier(row["level"], low, high, row["mode"], fen)
        for other in tiers:
            if other.level == tier.level and _overlap(other, tier):
                p(csvin.problem(line, f"与已有区间 {other.band()} 重叠", f"overlaps the band {other.band()}"))
        tiers.append(tier)
    if problems:
        raise DataError(problems[:csvin.MAX_PROBLEMS])
    with storage.transaction(conn):
        conn.execute("DELETE FROM subsidy_tiers")
        conn.executemany("INSERT INTO subsidy_tiers (level, from_pieces, to_pieces, mode, fen) VALUES (?,?,?,?,?)",
                         [(t.level, t.from_pieces, t.to_pieces, t.mode, t.fen) for t in tiers])
    return tiers


def _overlap(a: Tier, b: Tier) -> bool:
    a_hi = a.to_pieces if a.to_pieces is not None else 1 << 62
    b_hi = b.to_pieces if b.to_pieces is not None else 1 << 62
    return a.from_pieces < b_hi and b.from_pieces < a_hi


def tiers(conn: sqlite3.Connection) -> list[Tier]:
    return [Tier(*r) for r in conn.execute("SELECT level, from_pieces, to_pieces, mode, fen FROM subsidy_tiers "
                                           "ORDER BY level, from_pieces")]


def _volumes(conn: sqlite3.Connection, p: figures.Period, ctx: figures.Context,
             level: str) -> dict[tuple[str, str], int]:
    """(enterprise, area) → parcels received + sent in the period."""
    out: dict[tuple[str, str], int] = {}
    for station, s in figures.sums_by_station(conn, p).items():
        area = ctx.area_of.get(station, {}).get(level, "")
        for values in (figures.keyed(s, "parcels_received_by_courier"), figures.keyed(s, "sendings_by_courier")):
            for courier, n in values.items():
                out[(courier, area)] = out.get((courier, area), 0) + n
    return out


def sheet(conn: sqlite3.Connection, start: date, end: date, level: str = "township") -> dict[str, Any]:
    """Per enterprise and area of ``level``: volume, previous volume, increase, tier and amount (fen)."""
    if level not in LEVELS:
        raise ValueError("--level 应为 county、township 或 village / --level must be county, township or village")
    p = figures.period(start, end)
    ctx = figures.context(conn)
    now, before = _volumes(conn, p, ctx, level), _volumes(conn, p.previous(), ctx, level)
    table = [t for t in tiers(conn) if t.level == level]
    rows = []
    for courier, area in sorted(set(now) | set(before)):
        volume, previous = now.get((courier, area), 0), before.get((courier, area), 0)
        increase = volume - previous
        tier = next((t for t in table if t.holds(increase)), None) if increase > 0 else None
        amount = 0 if tier is None else tier.fen * increase if tier.mode == "piece" else tier.fen
        rows.append({"enterprise": courier, "area": area, "area_name": ctx.names.get(area, area or "未指定区划"),
                     "volume": volume, "previous": previous, "increase": increase,
                     "tier": tier.band() if tier else "", "mode": tier.mode if tier else "",
                     "rate_fen": tier.fen if tier else 0, "amount_fen": amount})
    return {"period": {"from": p.start.isoformat(), "to": p.end.isoformat()},
            "previous": {"from": p.previous().start.isoformat(), "to": p.previous().end.isoformat()},
            "level": level, "as_of": figures.as_of(conn), "rows": rows,
            "total_fen": sum(r["amount_fen"] for r in rows), "tiers_set": bool(table)}
