"""Reconciling our 派费 statement with the courier's own file of waybills (CSV, UTF-8 or GBK, or .xlsx).

Couriers send a list of waybills with the fee they pay for each, under their own Chinese headers (运单号, 派费 …).
Matched by waybill (trimmed, case-insensitive); several lines of one waybill add up. The result says what is on
ours and not theirs, on theirs and not ours, and where the amounts differ: exactly those, nothing else.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .courier_fees import Statement
from .errors import ManifestError, StationError
from .manifest import decode

MAX_ROWS = 200_000
WAYBILL_HEADERS = ("waybill", "运单号", "运单编号", "快递单号", "单号")
YUAN_HEADERS = ("amount", "fee", "派费", "金额", "费用", "结算金额", "派费(元)", "金额(元)")
FEN_HEADERS = ("amount_fen", "fee_fen", "金额(分)", "派费(分)")


@dataclass(frozen=True)
class Difference:
    waybill: str
    ours_fen: int | None  # None: not on ours
    theirs_fen: int | None  # None: not on theirs


@dataclass
class Reconciliation:
    ours_only: list[Difference] = field(default_factory=list)
    theirs_only: list[Difference] = field(default_factory=list)
    amounts_differ: list[Difference] = field(default_factory=list)
    ours_fen: int = 0
    theirs_fen: int = 0
    matched: int = 0

    @property
    def differences(self) -> int:
        return len(self.ours_only) + len(self.theirs_only) + len(self.amounts_differ)

    def all(self) -> list[Difference]:
        return self.ours_only + self.theirs_only + self.amounts_differ


def _fen(text: object, in_fen: bool) -> int:
    value = str(text).strip().replace("¥", "").replace(",", "")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(value) from None
    fen = number if in_fen else number * 100
    if fen != fen.to_integral_value() or fen < 0 or fen > 100_000_000:
        raise ValueError(value)
    return int(fen)


def _cells(path: Path) -> list[list[object]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook  # ~0.2 s: only when a courier's workbook is read
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged or renamed file
            raise StationError("courier_file_unreadable", str(exc)[:200], path=path.name) from None
        try:
            return [["" if v is None else v for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StationError("file_unreadable", str(exc), path=str(path)) from exc
    if b"\x00" in raw:
        raise StationError("courier_file_unreadable", "NUL bytes", path=path.name)
    try:
        return [list(r) for r in csv.reader(io.StringIO(decode(raw), newline=""))]
    except csv.Error as exc:
        raise StationError("courier_file_unreadable", str(exc), path=path.name) from None


def read_file(path: Path) -> dict[str, int]:
    """The courier's file as waybill key → fen; bad lines refused all together by their line numbers."""
    rows = _cells(Path(path))
    if not rows:
        raise ManifestError([(1, "empty", "")])
    header = [str(h).strip().lower().replace("（", "(").replace("）", ")") for h in rows[0]]
    waybill_col = next((header.index(h) for h in WAYBILL_HEADERS if h in header), None)
    fen_col = next((header.index(h) for h in FEN_HEADERS if h in header), None)
    yuan_col = next((header.index(h) for h in YUAN_HEADERS if h in header), None)
    amount_col = fen_col if fen_col is not None else yuan_col
    if waybill_col is None or amount_col is None:
        raise ManifestError([(1, "courier_file_header", ",".join(map(str, header))[:80])])
    theirs: dict[str, int] = {}
    problems: list[tuple[int, str, str]] = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in cells):
            continue
        waybill = str(cells[waybill_col]).strip() if waybill_col < len(cells) else ""
        amount = cells[amount_col] if amount_col < len(cells) else ""
        if not waybill:
            problems.append((number, "bad_waybill", ""))
            continue
        try:
            fen = _fen(amount, fen_col is not None)
        except ValueError:
            problems.append((number, "bad_amount", str(amount)[:40]))
            continue
        key = waybill.upper()
        theirs[key] = theirs.get(key, 0) + fen
        if number > MAX_ROWS:
            problems.append((number, "too_many_rows", str(MAX_ROWS)))
            break
    if problems:
        raise ManifestError(problems)
    return theirs


def reconcile(ours: Statement, theirs: dict[str, int]) -> Reconciliation:
    mine: dict[str, int] = {}
    shown: dict[str, str] = {}
    for line in ours.lines:
        key = line.waybill.strip().upper()
        mine[key] = mine.get(key, 0) + line.fee_fen
        shown.setdefault(key, line.waybill)
    result = Reconciliation(ours_fen=sum(mine.values()), theirs_fen=sum(theirs.values()))
    for key, fen in mine.items():
        if key not in theirs:
            result.ours_only.append(Difference(shown[key], fen, None))
        elif theirs[key] != fen:
            result.amounts_differ.append(Difference(shown[key], fen, theirs[key]))
        else:
            result.matched += 1
    result.theirs_only = [Difference(key, None, fen) for key, fen in theirs.items() if key not in mine]
    return result
