"""农产品箱贴: product and grade, lot and box, with a traceability QR and the box's Code 128."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import QR, Code128, Element, Size, Text
from ..words import DEFAULT, tr


@dataclass(frozen=True)
class BoxLabel:
    box_code: str  # lot_no-nn
    product: str
    grade: str
    box_of: str  # "3/5"
    date: str
    station: str
    trace: str  # lot, product, grade, origin village, station, date


def layout(d: BoxLabel, size: Size, lang: str = DEFAULT) -> list[Element]:
    w, h, m = size.width_mm, size.height_mm, 1.5
    qr = min(h * 0.55, w * 0.38)
    text_w = w - 2 * m - qr - 1
    return [
        Text(m, m, text_w, h * 0.2, d.product, bold=True),
        Text(m, m + h * 0.22, text_w, h * 0.14, tr(lang, "{grade}  box {box_of}", grade=d.grade, box_of=d.box_of)),
        Text(m, m + h * 0.38, text_w, h * 0.1, f"{d.station} {d.date}"),
        QR(w - m - qr, m, qr, d.trace),
        Code128(m, m + h * 0.6, w - 2 * m, h * 0.25, d.box_code),
        Text(m, m + h * 0.86, w - 2 * m, h * 0.1, d.box_code, align="center"),
    ]
