"""An 80 mm roll receipt: station, title, labelled fields, and a Code 128 of the receipt number.

Each field is printed as its label (缴费类型：, 金额：…) in a narrow column and the value beside it, so the
villager can read what each figure is. The paper is cut after the last line: the page is as long as needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Code128, Element, Line, Page, Size, Text
from ..symbols import code128_encodable

WIDTH_MM = 80.0
MARGIN_MM = 4.0
LINE_MM = 7.0
LABEL_MM = 22.0


@dataclass(frozen=True)
class Field:
    label: str  # '' for a line of text across the whole width
    value: str
    bold: bool = False


def pages(station: str, title: str, number: str, fields: list[Field], footer: list[str] | None = None
          ) -> list[Page]:
    if not code128_encodable(number):
        raise ValueError(f"not printable as Code 128: {number!r}")
    inner = WIDTH_MM - 2 * MARGIN_MM
    elements: list[Element] = [Text(MARGIN_MM, 4, inner, 7, station, bold=True, align="center"),
                               Text(MARGIN_MM, 13, inner, 6, title, align="center"),
                               Line(MARGIN_MM, 21, WIDTH_MM - MARGIN_MM, 21, 0.25)]
    y = 24.0
    for f in fields:
        if f.label:
            elements.append(Text(MARGIN_MM, y, LABEL_MM - 1, 5, f.label, max_mm=4))  # a gap before the value
            elements.append(Text(MARGIN_MM + LABEL_MM, y, inner - LABEL_MM, 5.5, f.value, bold=f.bold, max_mm=4.5))
        else:
            elements.append(Text(MARGIN_MM, y, inner, 5.5, f.value, bold=f.bold, max_mm=4.5))
        y += LINE_MM
    for line in footer or []:
        y += 3
        elements.append(Text(MARGIN_MM, y, inner, 5, line, max_mm=4))
        y += LINE_MM
    elements.append(Code128(8, y + 3, WIDTH_MM - 16, 14, number))
    elements.append(Text(MARGIN_MM, y + 18, inner, 4, number, align="center"))
    return [Page(Size("80mm", WIDTH_MM, y + 26), elements)]
