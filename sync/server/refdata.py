"""Validating the county's reference data and manifests before they are stored (all or nothing)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import protocol

# kind -> (required columns, integer columns, regex columns)
SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "couriers": (("code", "name", "patterns"), (), ("patterns",)),
    "price_table": (("courier", "zone", "destinations", "first_weight_g", "first_fee_fen", "step_g", "step_fee_fen",
                     "volumetric_divisor"),
                    ("first_weight_g", "first_fee_fen", "step_g", "step_fee_fen", "volumetric_divisor"), ()),
    "produce_catalog": (("product_code", "name", "unit", "grades"), (), ()),
    "bill_types": (("code", "name", "account_format"), (), ("account_format",)),
    "announcements": (("title", "body"), (), ()),
    "prohibited_items": (("level", "category", "keywords"), (), ()),
    "bus_runs": (("route_code", "mode", "from_node", "to_node", "departs", "days"), (), ()),
    "exception_deadlines": (("kind", "days"), ("days",), ()),
    "service_catalog": (("code", "name", "category", "category_name", "fields", "money", "fee_fen", "fee_permille",
                         "fee_from", "privacy"), ("fee_fen", "fee_permille"), ()),
    "inbound_timetable": (("route_code", "station", "arrives", "days"), (), ()),
    "courier_rates": (("courier", "kind", "fen_per_piece", "valid_from", "valid_to"), ("fen_per_piece",), ()),
}
RATE_KINDS = ("delivered", "returned", "sent")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# what each service_catalog column may hold (the station leaves out a row it cannot read, so refuse it here)
_SERVICE_WORDS = {"money": ("none", "in", "out"), "fee_from": ("villager", "provider"),
                  "privacy": ("open", "masked", "local")}
_SERVICE_FIELDS = {"business_type", "id", "amount", "reference"}
_CODE_WORD = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MANIFEST_COLUMNS = ("station", "waybill", "courier", "recipient_name", "recipient_phone")
MANIFEST_OPTIONAL = ("route_code",)  # the 客货邮 route bringing the parcel: the station's inbound run expects it
MANIFEST_COD = "cod_fen"  # optional: cash on delivery (到付 / 代收货款) due at pickup, in fen
_WAYBILL = re.compile(r"^[A-Za-z0-9-]{6,40}$")
_PHONE = re.compile(r"^1[3-9]\d{9}$|^[0-9*]{0,7}\*+\d{4}$|^\d{4}$")


class DataError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:20]))


def decode(raw: bytes) -> str:
    """A county file's text: UTF-8 (with or without BOM) or GBK, as Excel saves CSV on a Chinese PC."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(["文件既不是 UTF-8 也不是 GBK 编码，请另存为 CSV（UTF-8）后重试 / "
                     "the file is neither UTF-8 nor GBK"])


def read_rows(path: Path) -> list[dict[str, str]]:
    """CSV (UTF-8 or GBK) or JSON (a list of objects)."""
    raw = path.read_bytes()
    text = decode(raw)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError([f"文件不是有效的 JSON（{exc}） / not JSON: {exc}"]) from exc
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise DataError(["JSON 文件应为对象列表 / JSON must be a list of objects"])
        return [{k: "" if v is None else str(v) for k, v in r.items()} for r in data]
    return _csv_rows(text)


def _csv_rows(text: str) -> list[dict[str, str]]:
    """Rows under the header's names; a row with more cells than the header has names is refused by its line
    number (it would have to drop what it cannot name), as is a line the csv module cannot read. A shorter row
    reads its missing cells as empty, as before: the validation after says which required value is empty."""
    if "\x00" in text:
        raise DataError(["文件含有空字符，不是 CSV 文本，请另存为 CSV（UTF-8）后重试 / the file contains NUL bytes: "
                         "not a CSV text file"])
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[dict[str, str]] = []
    problems: list[str] = []
    try:
        header = [h.strip() for h in next(reader, [])]
        for cells in reader:
            if not cells:
                continue  # an empty line, as csv.DictReader skipped it
            if len(cells) > len(header):
                line = reader.line_num
                problems.append(f"第 {line} 行：应有 {len(header)} 列，实有 {len(cells)} 列（内容含逗号时请加英文引号）"
                                f" / line {line}: {len(header)} columns expected, {len(cells)} found")
                continue
            rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    except csv.Error as err:
        line = reader.line_num
        problems.append(f"第 {line} 行：无法读取（{err}） / line {line}: cannot read ({err})")
    if problems:
        raise DataError(problems[:50])
    return rows


def validate_ref(kind: str, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    if kind not in protocol.REF_KINDS:
        raise DataError([f"unknown kind {kind}; one of {', '.join(protocol.REF_KINDS)}"])
    required, integers, regexes = SHAPES[kind]
    problems, out = [], []
    if not rows:
        problems.append("no rows")
    for n, row in enumerate(rows, start=2):
        missing = [c for c in required if c not in row]
        if missing:
            problems.append(f"line {n}: missing {', '.join(missing)}")
            continue
        clean: dict[str, Any] = dict(row)
        for column in integers:
            if not row[column].isdigit():
                problems.append(f"line {n}: {column} must be a whole number")
            else:
                clean[column] = int(row[column])
        for column in regexes:
            for pattern in filter(None, row[column].split("|") if column == "patterns" else [row[column]]):
                try:
                    re.compile(pattern)
                except re.error:
                    problems.append(f"line {n}: {column} {pattern!r} is not a valid pattern")
        problems += _row_words(kind, n, row)
        if kind == "courier_rates":
            problems += _rate_problems(n, row)
        out.append(clean)
    if problems:
        raise DataError(problems)
    return out


def _row_words(kind: str, n: int, row: dict[str, str]) -> list[str]:
    """The words a kind's column must hold (a service's money rule, a timetable's times)."""
    problems = []
    if kind == "service_catalog":
        for column in ("code", "category"):
            if not _CODE_WORD.match(row[column]):
                problems.append(f"line {n}: {column} must be a short word of letters, digits, - _ .")
        for column, words in _SERVICE_WORDS.items():
            if row[column] not in words:
                problems.append(f"line {n}: {column} must be one of {', '.join(words)}")
        unknown = set(filter(None, row["fields"].split("|"))) - _SERVICE_FIELDS
        if unknown:
            problems.append(f"line {n}: fields may name only {', '.join(sorted(_SERVICE_FIELDS))}")
    elif kind == "inbound_timetable":
        if not _CODE_WORD.match(row["route_code"]):
            problems.append(f"line {n}: route_code must be a short word of letters, digits, - _ .")
        if not all(_HHMM.match(t) for t in row["arrives"].split("|")):
            problems.append(f"line {n}: arrives must be HH:MM times separated by |")
    return problems


def manifest_item(row: dict[str, str]) -> dict[str, Any]:
    """The feed item for one expected parcel: the required columns, the optional ones the row has, and cash on
    delivery (fen) when it has one."""
    item: dict[str, Any] = {k: row[k] for k in MANIFEST_COLUMNS[1:]}
    item.update({k: row[k] for k in MANIFEST_OPTIONAL if row.get(k)})
    if row.get(MANIFEST_COD):
        item[MANIFEST_COD] = int(row[MANIFEST_COD])
    return item


def _rate_problems(n: int, row: dict[str, str]) -> list[str]:
    """派费 rates: a known kind, dates as YYYY-MM-DD (valid_to may be empty), at most ¥1,000 a piece."""
    problems = []
    if row["kind"] not in RATE_KINDS:
        problems.append(f"line {n}: kind must be one of {', '.join(RATE_KINDS)}")
    for column in ("valid_from", "valid_to"):
        if row[column] and not _DAY.match(row[column]):
            problems.append(f"line {n}: {column} must be a date YYYY-MM-DD")
    if row["fen_per_piece"].isdigit() and int(row["fen_per_piece"]) > 100_000:
        problems.append(f"line {n}: fen_per_piece is beyond any real rate; check the unit (fen)")
    if row["valid_from"] and row["valid_to"] and row["valid_to"] < row["valid_from"]:
        problems.append(f"line {n}: valid_to is before valid_from")
    return problems


def validate_manifest(rows: list[dict[str, str]], stations: set[str]) -> list[dict[str, str]]:
    problems = []
    for n, row in enumerate(rows, start=2):
        if any(c not in row for c in MANIFEST_COLUMNS):
            problems.append(f"line {n}: needs columns {','.join(MANIFEST_COLUMNS)}")
        elif row["station"] not in stations:
            problems.append(f"line {n}: unknown station {row['station']}")
        elif not _WAYBILL.match(row["waybill"]):
            problems.append(f"line {n}: bad waybill {row['waybill']!r}")
        elif not _PHONE.match(row["recipient_phone"].replace(" ", "")):
            problems.append(f"line {n}: bad phone")
        elif row.get("route_code") and not _CODE_WORD.match(row["route_code"]):
            problems.append(f"line {n}: bad route_code {row['route_code'][:40]!r}")
        elif row.get("cod_fen") and not (row["cod_fen"].isdigit() and 0 < int(row["cod_fen"]) <= 10_000_000):
            problems.append(f"line {n}: cod_fen (cash on delivery, in fen) must be a whole number from 1 to "
                            "10000000, or empty")
    if not rows:
        problems.append("no rows")
    if problems:
        raise DataError(problems)
    return rows


def manifest_body(row: dict[str, str]) -> dict[str, Any]:
    """The feed item of one checked manifest row: its columns, and cash on delivery (fen) when it has one."""
    body: dict[str, Any] = {k: row[k] for k in MANIFEST_COLUMNS[1:]}
    if row.get(MANIFEST_COD):
        body[MANIFEST_COD] = int(row[MANIFEST_COD])
    return body


# A sale result within reason: up to 10 t of produce and ¥100,000,000 in one line.
_SALE_MAX_G = 10_000_000
_SALE_MAX_FEN = 10_000_000_000
_WHOLE = re.compile(r"^[0-9]{1,12}$")


def validate_sales(rows: list[dict[str, str]], stations: set[str],
                   lot_left: Callable[[str, str], int | None] | None = None) -> list[dict[str, str]]:
    """Sale results as county staff typed them. ``lot_left(station, lot_no)`` says what is left of a lot as the
    ledger knows it (None: the station never reported it); lines of one file selling one lot add up."""
    problems = []
    taken: dict[tuple[str, str], int] = {}
    for n, row in enumerate(rows, start=2):
        if any(c not in row for c in ("station", "lot_no", "sold_g", "sales_fen")):
            problems.append(f"line {n}: needs columns station,lot_no,sold_g,sales_fen")
        elif row["station"] not in stations:
            problems.append(f"line {n}: unknown station {row['station']}")
        elif not (_WHOLE.match(row["sold_g"]) and _WHOLE.match(row["sales_fen"]) and int(row["sold_g"]) > 0):
            problems.append(f"line {n}: sold_g and sales_fen must be whole numbers (grams, fen), sold_g above 0")
        elif int(row["sold_g"]) > _SALE_MAX_G or int(row["sales_fen"]) > _SALE_MAX_FEN:
            problems.append(f"line {n}: sold_g or sales_fen is beyond any real sale; check the units (g, fen)")
        elif not row["lot_no"] or len(row["lot_no"]) > 64:
            problems.append(f"line {n}: lot_no missing or too long")
        elif lot_left is not None:
            key = (row["station"], row["lot_no"])
            if key not in taken:
                left = lot_left(*key)
                if left is None:
                    problems.append(f"line {n}: station {key[0]} has no lot {key[1]} in the county ledger "
                                    "(check the lot number; a new lot arrives when the station syncs)")
                    taken[key] = -1
                    continue
                taken[key] = left
            if taken[key] < 0:
                problems.append(f"line {n}: station {key[0]} has no lot {key[1]} in the county ledger")
                continue
            sold = int(row["sold_g"])
            if sold > taken[key]:
                problems.append(f"line {n}: lot {key[1]} has only {taken[key]} g left to sell, not {sold} g")
            taken[key] -= min(sold, taken[key])
    if not rows:
        problems.append("no rows")
    if problems:
        raise DataError(problems)
    return rows
