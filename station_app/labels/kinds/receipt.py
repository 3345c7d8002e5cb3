"""An 80 mm roll receipt: station, title, a few lines, and a Code 128 of the receipt number."""

from __future__ import annotations

from ..elements import Code128, Element, Page, Size, Text

ROLL = Size("80mm", 80, 120)


def pages(station: str, title: str, number: str, lines: list[tuple[str, bool]]) -> list[Page]:
    elements: list[Element] = [Text(4, 4, 72, 7, station, bold=True, align="center"),
                               Text(4, 13, 72, 6, title, align="center")]
    for i, (text, bold) in enumerate(lines):
        elements.append(Text(4, 24 + i * 8, 72, 6, text, bold=bold, max_mm=4.5))
    elements.append(Code128(8, 24 + len(lines) * 8 + 4, 64, 14, number))
    return [Page(ROLL, elements)]
