"""A page of elements → a 1-bit image at the printer's dpi (Pillow), for TSPL/ZPL bitmap jobs and previews."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from .elements import QR, Box, Code128, Line, Page, Text
from .fonts import font_path
from .geometry import MM_PER_INCH, place_code128, place_text
from .symbols import qr_matrix


@lru_cache(maxsize=64)
def _font(size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size_px, index=0)


def render(page: Page, dpi: int = 203, *, skip_barcodes: bool = False, grey: bool = False) -> Image.Image:
    """Black on white, mode '1' for printers; ``grey`` gives smooth greyscale for the screen.
    ``skip_barcodes`` leaves Code 128 to the printer's own command."""
    per_mm = dpi / MM_PER_INCH
    size = (round(page.size.width_mm * per_mm), round(page.size.height_mm * per_mm))
    image = Image.new("L", size, 255) if grey else Image.new("1", size, 1)
    draw = ImageDraw.Draw(image)
    for e in page.elements:
        if isinstance(e, Text):
            placed = place_text(e)
            px = max(1, round(placed.em_mm * per_mm))
            draw.text((placed.x_mm * per_mm, placed.baseline_mm * per_mm), e.text, font=_font(px), fill=0,
                      anchor="ls", stroke_width=max(1, px // 25) if e.bold else 0, stroke_fill=0)
        elif isinstance(e, Code128) and not skip_barcodes:
            bars = place_code128(e, dpi)
            for x, w in bars.bars:
                draw.rectangle((x, bars.top_dots, x + w - 1, bars.top_dots + bars.height_dots - 1), fill=0)
        elif isinstance(e, QR):
            matrix = qr_matrix(e.data)
            cell = max(1, int(e.size * per_mm) // len(matrix))  # whole dots per module
            left, top = round(e.x * per_mm), round(e.y * per_mm)
            for r, row in enumerate(matrix):
                for c, dark in enumerate(row):
                    if dark:
                        draw.rectangle((left + c * cell, top + r * cell, left + (c + 1) * cell - 1,
                                        top + (r + 1) * cell - 1), fill=0)
        elif isinstance(e, Box):
            box = (round(e.x * per_mm), round(e.y * per_mm), round((e.x + e.w) * per_mm) - 1,
                   round((e.y + e.h) * per_mm) - 1)
            if box[2] >= box[0] and box[3] >= box[1]:
                if grey:
                    draw.rectangle(box, fill=round(e.grey * 255))
                elif e.grey < 0.5:
                    draw.rectangle(box, fill=0)
                else:  # 1-bit has no grey: a light box is drawn as an outline so it still shows
                    draw.rectangle(box, outline=0, width=1)
        elif isinstance(e, Line):
            draw.line((e.x * per_mm, e.y * per_mm, e.x2 * per_mm, e.y2 * per_mm), fill=0,
                      width=max(1, round(e.width * per_mm)))
    return image
