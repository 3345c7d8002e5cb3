"""Reading a county staff's CSV file: every row with its line number, and problems as line-numbered sentences in
Chinese and English. The callers check all rows first and store nothing when any problem is found."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .refdata import DataError, decode

MAX_BYTES = 20 * 1024 * 1024  # a county's map or station list is far smaller; a bigger file is a mistake
MAX_PROBLEMS = 50


def problem(line: int, zh: str, en: str) -> str:
    return f"第 {line} 行：{zh} / line {line}: {en}"


def read(path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of a UTF-8 or GBK CSV file whose header names ``columns`` (the
    ``required`` ones must be there); DataError naming every problem with the file's shape."""
    if path.stat().st_size > MAX_BYTES:
        raise DataError([f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请检查是否选错了文件 / the file is larger than "
                         f"{MAX_BYTES // 1024 // 1024} MB"])
    raw = path.read_bytes()
    text = decode(raw)
    if "\x00" in text:
        raise DataError(["文件含有空字符，不是 CSV 文本，请另存为 CSV（UTF-8）后重试 / the file contains NUL bytes: "
                         "not a CSV text file"])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as err:
        raise DataError([problem(1, f"无法读取表头（{err}）", f"cannot read the header ({err})")]) from err
    missing = [c for c in required if c not in header]
    unknown = [h for h in header if h not in columns]
    if not header or missing or unknown or len(set(header)) != len(header):
        raise DataError([problem(1, f"表头应为 {','.join(columns)}（缺少 {','.join(missing) or '无'}，"
                                    f"多出 {','.join(unknown) or '无'}）",
                                 f"the header must be {','.join(columns)} (missing {','.join(missing) or 'none'}, "
                                 f"unknown {','.join(unknown) or 'none'}, or a column twice)")])
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[str] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # blank lines are allowed
            if len(cells) != len(header):
                problems.append(problem(line, f"应有 {len(header)} 列，实有 {len(cells)} 列"
                                              "（内容含逗号时请加英文引号）",
                                        f"{len(header)} columns expected, {len(cells)} found"))
                continue
            rows.append((line, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
    except csv.Error as err:
        problems.append(problem(reader.line_num, f"无法读取（{err}）", f"cannot read ({err})"))
    if problems:
        raise DataError(problems[:MAX_PROBLEMS])
    if not rows:
        raise DataError(["文件中没有数据行 / the file has no data rows"])
    return rows
