"""The county's own CSV checks (areas, stations, subsidy tiers) already speak Chinese first, one problem per line
("第 7 行：… / line 7: …"); the console shows them as a table of line number and the Chinese reason."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .problems import Problem

_LINE = re.compile(r"^第 (\d+) 行(?: line \d+)?[：:]\s*(.*)$", re.S)  # station import says "第 3 行 line 3："
T = TypeVar("T")


def explain(problems: list[str]) -> list[Problem]:
    out = []
    for text in problems:
        chinese = text.split(" / ")[0]
        match = _LINE.match(chinese)
        out.append(Problem(int(match.group(1)), match.group(2)) if match else Problem(None, chinese))
    return out


def from_bytes(data: bytes, read: Callable[[Path], T]) -> T:
    """Run a CLI reader that takes a file on the uploaded bytes, from a private temporary file."""
    with tempfile.TemporaryDirectory(prefix="county-upload-") as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(data)
        return read(path)
