"""A4 reports: the day close and the daily/monthly report, with their charts drawn in."""

from __future__ import annotations

from ...core.dayclose import DayTotals
from ...core.money import kg, yuan
from ...core.reports import Report
from .. import charts
from ..elements import SIZES, Element, Line, Page, Text
from ..words import DEFAULT, join, mark, tr

MARGIN = 15.0
LINE = 7.0


def _lines(rows: list[tuple[str, bool]], top: float) -> list[Element]:
    return [Text(MARGIN, top + i * LINE, SIZES["A4"].width_mm - 2 * MARGIN, LINE * 0.72, text, bold=bold, max_mm=5)
            for i, (text, bold) in enumerate(rows)]


def _head(title: str, subtitle: str) -> list[Element]:
    width = SIZES["A4"].width_mm - 2 * MARGIN
    return [Text(MARGIN, 12, width, 10, title, bold=True), Text(MARGIN, 24, width, 6, subtitle),
            Line(MARGIN, 33, MARGIN + width, 33)]


def day_close(t: DayTotals, station: str, counted_fen: int, reason: str, names: dict[str, str],
              lang: str = DEFAULT) -> list[Page]:
    """The day report printed or saved at close; every figure as the close computed it."""
    def by(d: dict[str, int], fmt=yuan) -> str:  # type: ignore[no-untyped-def]
        return join(lang, [f"{names.get(k, k)} {fmt(v)}" for k, v in d.items()])

    rows = [
        (tr(lang, "Parcels in / out"), True),
        (tr(lang, "Received {received}, picked up {picked_up}, returned {returned}, on the shelves now {in_stock}",
            received=t.parcels_received, picked_up=t.parcels_picked_up, returned=t.parcels_returned,
            in_stock=t.parcels_in_stock), False),
        (tr(lang, "Sending"), True),
        (tr(lang, "Accepted {accepted}, refused {refused}; fees {fees}", accepted=t.sendings,
            refused=t.sendings_refused, fees=by(t.sending_fees_fen)), False),
        (tr(lang, "Produce"), True),
        (tr(lang, "Taken in {net}, {boxes} boxes; paid to farmers {payouts}", net=kg(t.produce_net_g),
            boxes=t.produce_boxes, payouts=by(t.produce_payouts_fen)), False),
        (tr(lang, "Bill payments"), True),
        (tr(lang, "By type: {amounts}", amounts=by(t.bills_fen)), False),
        (tr(lang, "By channel (with commission): {amounts}; commission {commission}",
            amounts=by(t.bills_by_channel_fen), commission=yuan(t.bill_commission_fen)), False),
        (tr(lang, "Courier fees and cash on delivery"), True),
        (tr(lang, "Courier fees earned: {fees}; cash on delivery collected: {cod}", fees=by(t.courier_fees_fen),
            cod=by(t.cod_fen)), False),
        (tr(lang, "Cash"), True),
        (tr(lang, "Float {float}, expected {expected}, counted {counted}, difference {difference}",
            float=yuan(t.cash_float_fen), expected=yuan(t.expected_cash_fen), counted=yuan(counted_fen),
            difference=yuan(counted_fen - t.expected_cash_fen)), False),
        (tr(lang, "Reason for the difference: {reason}", reason=reason or "-"), False),
    ]
    elements = (_head(tr(lang, "Day close · {station}", station=station), tr(lang, "Business day {day}", day=t.day))
                + _lines(rows, 40))
    elements.append(Text(MARGIN, 270, 80, 6, tr(lang, "Clerk's signature:")))
    elements.append(Text(MARGIN + 95, 270, 80, 6, tr(lang, "Station master's signature:")))
    return [Page(SIZES["A4"], elements)]


EARNINGS = {"sending": mark("sending fees"), "produce": mark("produce commission"), "bills": mark("bill commission"),
            "services": mark("service fees"),
            "courier_fees": mark("courier fees")}


def period(report: Report, station: str, names: dict[str, str], lang: str = DEFAULT) -> list[Page]:
    width = SIZES["A4"].width_mm - 2 * MARGIN
    days = report.days[-31:]
    elements = _head(tr(lang, "Business report · {station}", station=station),
                     tr(lang, "{start} to {end}", start=report.start, end=report.end))
    elements += charts.bars(tr(lang, "Parcels a day (black bars, upper numbers: in; "
                               "grey bars, lower numbers: out, sent and produce boxes)"),
                            [f"{d.day}" for d in days], [report.down_by_day[d] for d in days], MARGIN, 38, width, 70,
                            second=[report.up_by_day[d] for d in days])
    couriers = list(report.down_by_courier)[:10]
    elements += charts.bars(tr(lang, "Parcels in by courier"), [names.get(c, c) for c in couriers],
                            [report.down_by_courier[c] for c in couriers], MARGIN, 112, width, 55)
    earned = [f"{tr(lang, EARNINGS[k]) if k in EARNINGS else k} {yuan(v)}" for k, v in report.earnings_fen.items()]
    rows = [
        (tr(lang, "In {down}; out {up} (sent {sent}, produce {boxes} boxes)", down=sum(report.down_by_day.values()),
            up=sum(report.up_by_day.values()), sent=sum(report.up_by_courier.values()), boxes=report.produce_boxes),
         True),
        (tr(lang, "Parcels sent by courier: {counts}",
            counts=join(lang, [f"{names.get(c, c)} {n}" for c, n in report.up_by_courier.items()])), False),
        (tr(lang, "Earnings: {amounts}", amounts=join(lang, earned)), False),
        (tr(lang, "Sending fees by courier: {amounts}", amounts=join(
            lang, [f"{names.get(c, c)} {yuan(v)}" for c, v in report.sending_fees_by_courier_fen.items()])), False),
        (tr(lang, "Returned {returned_rate} ({returned}/{received}); overdue {overdue_rate} ({overdue}/{in_stock})",
            returned_rate=f"{report.return_rate:.1%}", returned=report.returned, received=report.received,
            overdue_rate=f"{report.overdue_rate:.1%}", overdue=report.overdue, in_stock=report.in_stock), False),
    ]
    elements += _lines(rows, 172)
    return [Page(SIZES["A4"], elements)]
