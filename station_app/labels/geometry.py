"""Placement both renderers share, so the PDF and the printer bitmap agree to the dot."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from .elements import Code128, Text
from .fonts import ensure_registered
from .symbols import QUIET_MODULES, code128_modules, runs

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class PlacedText:
    em_mm: float  # font size
    x_mm: float  # start of the text run
    baseline_mm: float


def place_text(t: Text) -> PlacedText:
    """The largest font size that fits the box (height and width), positioned by ``align``."""
    font = pdfmetrics.getFont(ensure_registered())
    ascent, descent = font.face.ascent / 1000, font.face.descent / 1000  # descent is negative
    unit_width = pdfmetrics.stringWidth(t.text, font.fontName, 1) or 1.0
    em = min(t.h / (ascent - descent), t.w / unit_width, t.max_mm or t.h * 2)
    width = unit_width * em
    x = {"left": t.x, "center": t.x + (t.w - width) / 2, "right": t.x + t.w - width}[t.align]
    slack = t.h - (ascent - descent) * em
    return PlacedText(em, x, t.y + slack / 2 + ascent * em)


@dataclass(frozen=True)
class PlacedBars:
    module_dots: int
    bars: list[tuple[int, int]]  # (x, width) in printer dots from the label's left edge
    top_dots: int
    height_dots: int


def place_code128(c: Code128, dpi: int) -> PlacedBars:
    """Bars on whole printer dots: the widest whole-dot module that fits, centred in the box."""
    dots_per_mm = dpi / MM_PER_INCH
    modules = code128_modules(c.data)
    box = int(c.w * dots_per_mm)
    module = max(1, box // (len(modules) + 2 * QUIET_MODULES))
    left = round(c.x * dots_per_mm) + (box - module * len(modules)) // 2
    bars = [(left + start * module, length * module) for start, length in runs(modules)]
    return PlacedBars(module, bars, round(c.y * dots_per_mm), round(c.h * dots_per_mm))
