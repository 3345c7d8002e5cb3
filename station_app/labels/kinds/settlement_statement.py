"""农产品代销结算单 (A4): the farmer's own statement, dated, with their name in full and every lot sold."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from . import document


@dataclass(frozen=True)
class Statement:
    station: str
    number: str
    date: str  # local date and time of the settlement
    farmer: str  # in full: the statement is the farmer's own
    phone: str  # masked
    village: str
    lines: list[tuple[str, str, str, str, str]]  # lot, product, grade, kg text, yuan text
    sales: str
    commission: str
    fees: str
    payout: str
    payout_method: str


def pages(d: Statement) -> list[Page]:
    rows = [document.Row(f"委托人：{d.farmer} {d.phone} {d.village}".strip(), True),
            document.Row(f"结算日期：{d.date}"), document.Row("已售批次：", True)]
    rows += [document.Row(f"{lot}  {product} {grade}  已售 {kg}  销售额 {fen}") for lot, product, grade, kg, fen
             in d.lines]
    rows += [document.Row(f"销售合计 {d.sales}  代销佣金 {d.commission}  费用 {d.fees}"),
             document.Row(f"应付 {d.payout}（{d.payout_method}）", True)]
    return document.pages(document.Document(f"农产品代销结算单 · {d.station}", d.number, rows,
                                            ["委托人签字：", "经办人签字："], subtitle=d.date))
