"""A4 documents made of text lines: the base of the produce receipt, the settlement statement and the
driver's hand-over list.

Each line may carry a Code 128 of its own (an item's code on the hand-over list); only lines that name a
code get one, so a heading or a note in Chinese is never fed to the barcode encoder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..elements import SIZES, Code128, Element, Line, Page, Text
from ..symbols import code128_encodable

LINE_MM = 7.0
TOP_MM = 40.0
MARGIN_MM = 15.0


@dataclass(frozen=True)
class Row:
    text: str
    bold: bool = False
    barcode: str = ""  # printed beside the text as Code 128; '' for none

    def __post_init__(self) -> None:
        if self.barcode and not code128_encodable(self.barcode):
            raise ValueError(f"not printable as Code 128: {self.barcode!r}")


@dataclass(frozen=True)
class Document:
    title: str
    number: str  # printed as Code 128 under the title, '' for none
    lines: list[Row]
    footer: list[str] = field(default_factory=list)  # signature lines on the last page
    subtitle: str = ""  # beside the number: date, station

    def __post_init__(self) -> None:
        if self.number and not code128_encodable(self.number):
            raise ValueError(f"not printable as Code 128: {self.number!r}")


def pages(doc: Document) -> list[Page]:
    a4 = SIZES["A4"]
    width = a4.width_mm - 2 * MARGIN_MM
    with_codes = any(row.barcode for row in doc.lines)
    line_mm = LINE_MM * 1.6 if with_codes else LINE_MM
    per_page = int((a4.height_mm - TOP_MM - 45) // line_mm)
    chunks = [doc.lines[i:i + per_page] for i in range(0, len(doc.lines), per_page)] or [[]]
    out = []
    for n, chunk in enumerate(chunks, start=1):
        elements: list[Element] = [Text(MARGIN_MM, 12, width * 0.8, 10, doc.title, bold=True),
                                   Text(MARGIN_MM + width * 0.8, 14, width * 0.2, 6, f"{n}/{len(chunks)}",
                                        align="right")]
        if doc.number:
            elements += [Code128(MARGIN_MM, 24, width * 0.5, 12, doc.number),
                         Text(MARGIN_MM + width * 0.52, 24, width * 0.48, 5.5, doc.number)]
        if doc.subtitle:
            elements.append(Text(MARGIN_MM + (width * 0.52 if doc.number else 0), 31, width * 0.48, 5,
                                 doc.subtitle))
        elements.append(Line(MARGIN_MM, TOP_MM - 2, MARGIN_MM + width, TOP_MM - 2))
        for i, row in enumerate(chunk):
            y = TOP_MM + i * line_mm
            elements.append(Text(MARGIN_MM, y, width * (0.5 if row.barcode else 1), LINE_MM * 0.72, row.text,
                                 bold=row.bold, max_mm=5))
            if row.barcode:
                elements.append(Code128(MARGIN_MM + width * 0.52, y, width * 0.48, line_mm * 0.8, row.barcode))
        if n == len(chunks):
            y = a4.height_mm - 35
            for j, sign in enumerate(doc.footer):
                elements.append(Text(MARGIN_MM + j * width / max(1, len(doc.footer)), y, width / 2, 6, sign))
        out.append(Page(a4, elements))
    return out
