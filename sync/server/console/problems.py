"""The import checks (refdata) speak English, one problem per line ("line 7: unknown station S9"); the console
shows them as a table of line number and a Chinese reason, so county staff can fix the file."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"^line (\d+): (.*)$", re.S)
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^unknown station (.*)$"), "站点编号 {0} 不存在（先在“站点”页添加站点）"),
    (re.compile(r"^bad waybill '?(.*?)'?$"), "运单号 {0} 格式不对（6–40 位字母、数字或 -）"),
    (re.compile(r"^bad phone$"), "收件人电话格式不对（11 位手机号，或带 * 的脱敏号码）"),
    (re.compile(r"^needs columns (.*)$"), "缺少列，文件需要这些列：{0}"),
    (re.compile(r"^missing (.*)$"), "缺少列：{0}"),
    (re.compile(r"^(\w+) must be a whole number$"), "{0} 必须是整数"),
    (re.compile(r"^(\w+) (.*) is not a valid pattern$"), "{0} 中的 {1} 不是有效的匹配规则"),
    (re.compile(r"^sold_g and sales_fen must be whole numbers.*$"),
     "sold_g（克）和 sales_fen（分）必须是整数，sold_g 大于 0"),
    (re.compile(r"^sold_g or sales_fen is beyond any real sale.*$"),
     "sold_g 或 sales_fen 大得不合理，请检查单位（克、分）"),
    (re.compile(r"^lot_no missing or too long$"), "批次号 lot_no 为空或太长"),
    (re.compile(r"^station (\S+) has no lot (\S+) in the county ledger.*$"),
     "站点 {0} 在县级台账里没有批次 {1}（请核对批次号；新批次在站点同步后才有）"),
    (re.compile(r"^lot (\S+) has only (\d+) g left to sell, not (\d+) g$"), "批次 {0} 只剩 {1} 克可售，不是 {2} 克"),
    (re.compile(r"^no rows$"), "文件里没有数据行"),
    (re.compile(r"^file is neither UTF-8 nor GBK$"), "文件编码既不是 UTF-8 也不是 GBK，请另存为 UTF-8 的 CSV"),
    (re.compile(r"^not JSON: .*$"), "不是有效的 JSON 文件"),
    (re.compile(r"^not a readable CSV: .*$"), "不是可读的 CSV 文件（可能含有空字符或引号没有闭合）"),
    (re.compile(r"^a line has more columns than the header$"), "有一行的列数比表头多，请检查逗号"),
    (re.compile(r"^JSON must be a list of objects$"), "JSON 文件必须是对象的列表"),
]


@dataclass(frozen=True)
class Problem:
    line: int | None  # the file's line (the header is line 1), or None for the whole file
    reason: str


def explain(problems: list[str]) -> list[Problem]:
    out = []
    for text in problems:
        match = _LINE.match(text)
        line, rest = (int(match.group(1)), match.group(2)) if match else (None, text)
        out.append(Problem(line, _chinese(rest)))
    return out


def _chinese(reason: str) -> str:
    for pattern, words in _REASONS:
        match = pattern.match(reason)
        if match:
            return words.format(*match.groups())
    return reason
