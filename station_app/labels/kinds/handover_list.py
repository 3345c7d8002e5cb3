"""交接单 (A4) for the driver: every item going on the run with its barcode, the items that stay behind
named as text (they are not on the bus, so nothing to scan), and signature lines."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from . import document

KIND_WORDS = {"sending": "寄件", "box": "农产品箱"}
PER_LINE = 4  # codes per line in the list of items that stay behind


@dataclass(frozen=True)
class HandoverList:
    station: str
    number: str
    route: str  # route code and mode
    leg: str  # from → to, as the bus goes with these items
    departs: str  # local date and time
    closed_at: str
    items: list[tuple[str, str]]  # (code, kind) on the bus
    missing: list[str]  # codes left for the next run


def pages(d: HandoverList) -> list[Page]:
    rows = [document.Row(f"线路：{d.route}  {d.leg}", True),
            document.Row(f"班次：{d.departs}  交接时间：{d.closed_at}"),
            document.Row(f"上车 {len(d.items)} 件：", True)]
    rows += [document.Row(f"{n}. {code}  {KIND_WORDS.get(kind, kind)}", barcode=code)
             for n, (code, kind) in enumerate(d.items, 1)]
    rows.append(document.Row(f"未上车（等下一班）：{len(d.missing)} 件" if d.missing else "未上车：无", True))
    rows += [document.Row("  ".join(d.missing[i:i + PER_LINE])) for i in range(0, len(d.missing), PER_LINE)]
    return document.pages(document.Document(f"客货邮交接单 · {d.station}", d.number, rows,
                                            ["司机签字：", "经办人签字："], subtitle=d.departs))
