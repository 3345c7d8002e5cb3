"""A4 reports: the day close and the daily/monthly report, with their charts drawn in."""

from __future__ import annotations

from ...core.dayclose import DayTotals
from ...core.money import kg, yuan
from ...core.reports import Report
from .. import charts
from ..elements import SIZES, Element, Line, Page, Text

MARGIN = 15.0
LINE = 7.0


def _lines(rows: list[tuple[str, bool]], top: float) -> list[Element]:
    return [Text(MARGIN, top + i * LINE, SIZES["A4"].width_mm - 2 * MARGIN, LINE * 0.72, text, bold=bold, max_mm=5)
            for i, (text, bold) in enumerate(rows)]


def _head(title: str, subtitle: str) -> list[Element]:
    width = SIZES["A4"].width_mm - 2 * MARGIN
    return [Text(MARGIN, 12, width, 10, title, bold=True), Text(MARGIN, 24, width, 6, subtitle),
            Line(MARGIN, 33, MARGIN + width, 33)]


def day_close(t: DayTotals, station: str, counted_fen: int, reason: str, names: dict[str, str]) -> list[Page]:
    """The day report printed or saved at close; every figure as the close computed it."""
    def by(d: dict[str, int], fmt=yuan) -> str:  # type: ignore[no-untyped-def]
        return "，".join(f"{names.get(k, k)} {fmt(v)}" for k, v in d.items()) or "-"

    rows = [
        ("到件 / 取件", True),
        (f"入库 {t.parcels_received} 件，出库 {t.parcels_picked_up} 件，退回 {t.parcels_returned} 件，"
         f"当前在库 {t.parcels_in_stock} 件", False),
        ("寄件", True),
        (f"收寄 {t.sendings} 件，拒收 {t.sendings_refused} 件；运费 {by(t.sending_fees_fen)}", False),
        ("农产品", True),
        (f"收货 {kg(t.produce_net_g)}，{t.produce_boxes} 箱；付给农户 {by(t.produce_payouts_fen)}", False),
        ("生活缴费", True),
        (f"按类型：{by(t.bills_fen)}", False),
        (f"按渠道（含手续费）：{by(t.bills_by_channel_fen)}；手续费 {yuan(t.bill_commission_fen)}", False),
        ("现金", True),
        (f"备用金 {yuan(t.cash_float_fen)}，应有现金 {yuan(t.expected_cash_fen)}，实点 {yuan(counted_fen)}，"
         f"差额 {yuan(counted_fen - t.expected_cash_fen)}", False),
        (f"差额原因：{reason or '-'}", False),
    ]
    elements = _head(f"日结报表 · {station}", f"营业日 {t.day}") + _lines(rows, 40)
    elements.append(Text(MARGIN, 270, 80, 6, "经办人签字："))
    elements.append(Text(MARGIN + 95, 270, 80, 6, "站长签字："))
    return [Page(SIZES["A4"], elements)]


def period(report: Report, station: str, names: dict[str, str]) -> list[Page]:
    width = SIZES["A4"].width_mm - 2 * MARGIN
    days = report.days[-31:]
    elements = _head(f"业务报表 · {station}", f"{report.start} 至 {report.end}")
    elements += charts.bars("每日件量（黑柱、上排数字：下行到件；灰柱、下排数字：上行寄件+农产品箱）",
                            [f"{d.day}" for d in days],
                            [report.down_by_day[d] for d in days], MARGIN, 38, width, 70,
                            second=[report.up_by_day[d] for d in days])
    couriers = list(report.down_by_courier)[:10]
    elements += charts.bars("下行到件按快递公司", [names.get(c, c) for c in couriers],
                            [report.down_by_courier[c] for c in couriers], MARGIN, 112, width, 55)
    rows = [
        (f"下行到件 {sum(report.down_by_day.values())} 件；上行 {sum(report.up_by_day.values())} 件"
         f"（寄件 {sum(report.up_by_courier.values())}，农产品 {report.produce_boxes} 箱）", True),
        ("上行寄件按快递公司：" + ("，".join(f"{names.get(c, c)} {n}" for c, n in report.up_by_courier.items())
                                  or "-"), False),
        ("收入：" + ("，".join(f"{ {'sending': '寄件运费', 'produce': '代销佣金', 'bills': '缴费手续费'}.get(k, k)} "
                              f"{yuan(v)}" for k, v in report.earnings_fen.items()) or "-"), False),
        ("运费按快递公司：" + ("，".join(f"{names.get(c, c)} {yuan(v)}"
                                       for c, v in report.sending_fees_by_courier_fen.items()) or "-"), False),
        (f"退回率 {report.return_rate:.1%}（{report.returned}/{report.received}）；"
         f"滞留率 {report.overdue_rate:.1%}（{report.overdue}/{report.in_stock}）", False),
    ]
    elements += _lines(rows, 172)
    return [Page(SIZES["A4"], elements)]
