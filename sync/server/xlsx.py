"""The figures and the subsidy sheet as .xlsx (openpyxl) and CSV files, for county staff to open in a spreadsheet.

Money is kept in fen everywhere else; here it is shown in 元 (Decimal, two places), the way a spreadsheet reads it."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from . import figures

BOLD = Font(bold=True)
# A text cell starting with one of these is run as a formula by Excel and WPS: a product code or name a station
# sent ('=HYPERLINK(…)') must stay text on the county's PC.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(line: list[Any]) -> list[Any]:
    return ["'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in line]


def _yuan(name: str, value: Any) -> Any:
    """A fen figure in 元 for the sheet; any other value as it is."""
    if isinstance(value, int) and "fen" in name:
        return Decimal(value) / 100
    return value


def _shown(name: str) -> str:
    return figures.label(name).replace("（分）", "（元）")


def figure_table(result: dict[str, Any]) -> list[list[Any]]:
    """One line per group and figure: group, figure, this period, previous period, change, last year, change."""
    lines: list[list[Any]] = [["分组代码", "分组", "指标", "本期", "上期", "环比", "去年同期", "同比"]]
    groups = [*result["rows"], {"key": "", "name": "合计", "figures": result["total"],
                                "previous": result.get("total_previous"), "last_year": result.get("total_last_year")}]
    for row in groups:
        before, year = row.get("previous") or {}, row.get("last_year") or {}
        for name, value in row["figures"].items():
            lines.append([row["key"], row["name"], _shown(name), _yuan(name, value), _yuan(name, before.get(name)),
                          figures.change(value, before.get(name)), _yuan(name, year.get(name)),
                          figures.change(value, year.get(name))])
    return lines


def _head(result: dict[str, Any]) -> list[list[Any]]:
    p = result["period"]
    return [["统计期间", f"{p['from']} 至 {p['to']}（{p.get('days', '')} 天，北京时间）"],
            ["数据截至（UTC）", result.get("as_of") or "无数据"], []]


def write_figures(result: dict[str, Any], path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "指标"
    for line in _head(result):
        sheet.append(safe(line))
    for i, line in enumerate(figure_table(result)):
        sheet.append(safe(line))
        if i == 0:
            for cell in sheet[sheet.max_row]:
                cell.font = BOLD
    sheet.column_dimensions["C"].width = 34
    book.save(path)


def write_figures_csv(result: dict[str, Any], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as out:  # with a BOM: Excel on Windows reads UTF-8
        writer = csv.writer(out)
        for line in _head(result) + figure_table(result):
            writer.writerow(safe(["" if v is None else v for v in line]))


SHEET_COLUMNS = ("快递企业", "区划代码", "区划名称", "本期业务量", "上期业务量", "增量", "档位", "方式", "标准（元）",
                 "补贴金额（元）")


def write_sheet(result: dict[str, Any], path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "补贴测算"
    p, before = result["period"], result["previous"]
    for line in (["统计期间", f"{p['from']} 至 {p['to']}（北京时间）"],
                 ["对比期间", f"{before['from']} 至 {before['to']}"],
                 ["区域层级", {"county": "区县", "township": "乡镇", "village": "建制村"}[result["level"]]],
                 ["数据截至（UTC）", result.get("as_of") or "无数据"], [], list(SHEET_COLUMNS)):
        sheet.append(safe(line))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for r in result["rows"]:
        sheet.append(safe([r["enterprise"], r["area"], r["area_name"], r["volume"], r["previous"], r["increase"],
                      r["tier"], {"piece": "按件", "band": "按档"}.get(r["mode"], ""), Decimal(r["rate_fen"]) / 100,
                      Decimal(r["amount_fen"]) / 100]))
    sheet.append(["合计", "", "", "", "", "", "", "", "", Decimal(result["total_fen"]) / 100])
    sheet.column_dimensions["C"].width = 16
    book.save(path)
