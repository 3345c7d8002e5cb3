"""Bar charts as label elements, so the same drawing goes into the PDF and onto the screen."""

from __future__ import annotations

from .elements import Box, Element, Line, Text


def bars(title: str, labels: list[str], values: list[int], x: float, y: float, w: float, h: float,
         second: list[int] | None = None) -> list[Element]:
    """Vertical bars (two series side by side when ``second`` is given), the value above each bar."""
    out: list[Element] = [Text(x, y, w, 6, title, bold=True)]
    top, bottom = y + 12, y + h - 7
    peak = max(values + (second or []) + [1])
    slot = min(w / max(1, len(values)), 30.0)  # a few couriers should not make bars a hand wide
    width = slot * (0.38 if second else 0.7)
    for i, label in enumerate(labels):
        left = x + i * slot + slot * 0.12
        for j, series in enumerate([values] + ([second] if second else [])):
            height = (bottom - top) * series[i] / peak
            bx = left + j * width
            if series[i]:
                out.append(Box(bx, bottom - height, width * 0.95, height, grey=0.0 if j == 0 else 0.55))
                out.append(Text(bx, bottom - height - 4, width, 3.5, str(series[i]), align="center"))
        out.append(Text(x + i * slot, bottom + 1, slot, 4, label, align="center"))
    out.append(Line(x, bottom, x + w, bottom, 0.3))
    return out
