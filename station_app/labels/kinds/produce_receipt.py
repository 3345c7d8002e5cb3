"""农产品收货单: what was weighed and taken in for the farmer, to compare with the statement later.

The farmer keeps it, so their own name is printed in full (only the phone is masked). On an 80 mm receipt
printer it is a roll receipt; without one it is an A4 sheet that also lists every box with its barcode.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from . import document, receipt


@dataclass(frozen=True)
class ProduceReceipt:
    station: str
    lot_no: str
    farmer: str  # the farmer's own name, in full
    phone: str  # masked
    village: str
    product: str
    grade: str
    gross: str
    tare: str
    deduction: str
    net: str
    price: str  # per kg
    value: str  # net × price, for reference: the sale decides what is paid
    boxes: list[str]  # box codes
    taken_at: str  # local date and time


def _fields(d: ProduceReceipt) -> list[receipt.Field]:
    return [receipt.Field("委托人：", f"{d.farmer} {d.phone}", bold=True), receipt.Field("村：", d.village or "-"),
            receipt.Field("收货时间：", d.taken_at), receipt.Field("批次：", d.lot_no),
            receipt.Field("品名等级：", f"{d.product} {d.grade}", bold=True), receipt.Field("毛重：", d.gross),
            receipt.Field("皮重：", d.tare), receipt.Field("扣重：", d.deduction),
            receipt.Field("净重：", d.net, bold=True), receipt.Field("收购参考价：", f"{d.price}/kg"),
            receipt.Field("参考金额：", d.value), receipt.Field("箱数：", f"{len(d.boxes)} 箱")]


def roll_pages(d: ProduceReceipt) -> list[Page]:
    return receipt.pages(d.station, "农产品收货单", d.lot_no, _fields(d),
                         ["实际结算以销售结果为准。", "委托人签字：", "经办人签字："])


def a4_pages(d: ProduceReceipt) -> list[Page]:
    rows = [document.Row(f"{f.label}{f.value}", f.bold) for f in _fields(d)]
    rows.append(document.Row("各箱箱码：", True))
    rows += [document.Row(f"第 {i}/{len(d.boxes)} 箱  {code}", barcode=code) for i, code in enumerate(d.boxes, 1)]
    rows.append(document.Row("实际结算以销售结果为准。"))
    return document.pages(document.Document(f"农产品收货单 · {d.station}", d.lot_no, rows,
                                            ["委托人签字：", "经办人签字："], subtitle=d.taken_at))
