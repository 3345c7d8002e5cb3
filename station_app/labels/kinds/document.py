"""A4 documents made of text lines: produce receipt, settlement statement, dispatch manifest for the driver.

Each line is (text, bold); a barcode heads the page when the document has a number to scan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..elements import SIZES, Code128, Element, Line, Page, Text

LINE_MM = 7.0
TOP_MM = 40.0
MARGIN_MM = 15.0


@dataclass(frozen=True)
class Document:
    title: str
    number: str  # printed as Code 128 under the title, '' for none
    lines: list[tuple[str, bool]]
    footer: list[str] = field(default_factory=list)  # signature lines on the last page
    line_barcodes: bool = False  # a Code 128 of each line's first word (the hand-over list for the driver)


def pages(doc: Document) -> list[Page]:
    a4 = SIZES["A4"]
    width = a4.width_mm - 2 * MARGIN_MM
    line_mm = LINE_MM * 1.6 if doc.line_barcodes else LINE_MM
    per_page = int((a4.height_mm - TOP_MM - 45) // line_mm)
    chunks = [doc.lines[i:i + per_page] for i in range(0, len(doc.lines), per_page)] or [[]]
    out = []
    for n, chunk in enumerate(chunks, start=1):
        elements: list[Element] = [Text(MARGIN_MM, 12, width * 0.7, 10, doc.title, bold=True),
                                   Text(MARGIN_MM + width * 0.7, 14, width * 0.3, 6, f"{n}/{len(chunks)}",
                                        align="right")]
        if doc.number:
            elements += [Code128(MARGIN_MM, 24, width * 0.5, 12, doc.number),
                         Text(MARGIN_MM + width * 0.52, 27, width * 0.48, 6, doc.number)]
        elements.append(Line(MARGIN_MM, TOP_MM - 2, MARGIN_MM + width, TOP_MM - 2))
        for i, (text, bold) in enumerate(chunk):
            y = TOP_MM + i * line_mm
            elements.append(Text(MARGIN_MM, y, width * (0.5 if doc.line_barcodes else 1), LINE_MM * 0.72, text,
                                 bold=bold, max_mm=5))
            if doc.line_barcodes and text.split():
                elements.append(Code128(MARGIN_MM + width * 0.52, y, width * 0.48, line_mm * 0.8, text.split()[0]))
        if n == len(chunks):
            y = a4.height_mm - 35
            for j, sign in enumerate(doc.footer):
                elements.append(Text(MARGIN_MM + j * width / max(1, len(doc.footer)), y, width / 2, 6, sign))
        out.append(Page(a4, elements))
    return out
