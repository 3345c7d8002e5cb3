"""缴费凭条 (80 mm): a bill paid at the counter, every figure with its label."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from . import receipt


@dataclass(frozen=True)
class BillReceipt:
    station: str
    number: str
    bill_type: str
    account: str
    payer: str  # masked name and phone
    amount: str  # yuan text
    commission: str
    total: str
    channel: str
    reference: str
    business_day: str
    paid_at: str  # local time text


def pages(d: BillReceipt) -> list[Page]:
    fields = [receipt.Field("缴费类型：", d.bill_type, bold=True), receipt.Field("户号/号码：", d.account),
              receipt.Field("缴费人：", d.payer or "-"), receipt.Field("缴费金额：", d.amount, bold=True),
              receipt.Field("手续费：", d.commission), receipt.Field("合计收取：", d.total, bold=True),
              receipt.Field("缴费渠道：", d.channel), receipt.Field("渠道流水号：", d.reference or "-"),
              receipt.Field("营业日：", d.business_day), receipt.Field("时间：", d.paid_at)]
    return receipt.pages(d.station, "生活缴费凭条", d.number, fields, ["请核对户号与金额，妥善保存本凭条。"])
