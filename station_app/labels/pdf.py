"""Pages of elements → PDF bytes with the CJK font embedded (reportlab)."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .elements import QR, Box, Code128, Line, Page, Text
from .fonts import ensure_registered
from .geometry import MM_PER_INCH, place_code128, place_text
from .symbols import qr_matrix


def render(pages: list[Page], *, dpi: int = 203, offset_mm: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """One PDF page per label; bars are placed on whole dots of a ``dpi`` printer."""
    font = ensure_registered()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(pages[0].size.width_mm * mm, pages[0].size.height_mm * mm), pageCompression=1)
    canvas.setTitle("Village Station labels")
    for page in pages:
        width, height = page.size.width_mm * mm, page.size.height_mm * mm
        canvas.setPageSize((width, height))
        dx, dy = offset_mm

        def y(top_mm: float, h: float = height, oy: float = dy) -> float:
            return h - (top_mm + oy) * mm  # reportlab's origin is bottom-left

        for e in page.elements:
            if isinstance(e, Text):
                placed = place_text(e)
                canvas.saveState()  # the text render mode is graphics state: keep bold from leaking on
                text = canvas.beginText((placed.x_mm + dx) * mm, y(placed.baseline_mm))
                text.setFont(font, placed.em_mm * mm)
                if e.bold:  # the CJK font has no bold face: stroke the glyphs as well as filling them
                    text.setTextRenderMode(2)
                    canvas.setLineWidth(placed.em_mm * mm * 0.04)
                text.textLine(e.text)
                canvas.drawText(text)
                canvas.restoreState()
            elif isinstance(e, Code128):
                bars = place_code128(e, dpi)
                dot = MM_PER_INCH / dpi
                for x, w in bars.bars:
                    canvas.rect((x * dot + dx) * mm, y((bars.top_dots + bars.height_dots) * dot),
                                w * dot * mm, bars.height_dots * dot * mm, stroke=0, fill=1)
            elif isinstance(e, QR):
                matrix = qr_matrix(e.data)
                cell = e.size / len(matrix)
                for r, row in enumerate(matrix):  # rectangles: ~3x faster than reportlab's QR widget
                    for c, dark in enumerate(row):
                        if dark:
                            canvas.rect((e.x + c * cell + dx) * mm, y(e.y + (r + 1) * cell), cell * mm, cell * mm,
                                        stroke=0, fill=1)
            elif isinstance(e, Box):
                canvas.setFillGray(e.grey)
                canvas.rect((e.x + dx) * mm, y(e.y + e.h), e.w * mm, e.h * mm, stroke=0, fill=1)
                canvas.setFillGray(0)
            elif isinstance(e, Line):
                canvas.setLineWidth(e.width * mm)
                canvas.line((e.x + dx) * mm, y(e.y), (e.x2 + dx) * mm, y(e.y2))
        canvas.showPage()
    canvas.save()
    return out.getvalue()
