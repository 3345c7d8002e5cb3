"""Bar charts as label elements, so the same drawing goes into the PDF and onto the screen."""

from __future__ import annotations

from .elements import Box, Element, Line, Text

VALUE_MM = 3.6  # height of a value label: readable on the screen (~12 px at 110 dpi) and on paper


def bars(title: str, labels: list[str], values: list[int], x: float, y: float, w: float, h: float,
         second: list[int] | None = None) -> list[Element]:
    """Vertical bars (two series side by side when ``second`` is given), the values above each slot.

    A value label spans its whole slot, not its bar: two bars side by side are too narrow for digits that
    can be read. With two series the values are stacked, the first series on top.
    """
    series = [values] + ([second] if second else [])
    out: list[Element] = [Text(x, y, w, 6, title, bold=True)]
    top, bottom = y + 7 + VALUE_MM * len(series), y + h - 7
    peak = max(values + (second or []) + [1])
    slot = min(w / max(1, len(values)), 30.0)  # a few couriers should not make bars a hand wide
    width = slot * (0.38 if second else 0.7)
    for i, label in enumerate(labels):
        left = x + i * slot + slot * 0.12
        highest = bottom
        for j, data in enumerate(series):
            height = (bottom - top) * data[i] / peak
            highest = min(highest, bottom - height)
            if data[i]:
                out.append(Box(left + j * width, bottom - height, width * 0.95, height, grey=0.0 if j == 0 else 0.55))
        shown = [data[i] for data in series]
        if any(shown):
            for j, value in enumerate(shown):
                out.append(Text(x + i * slot, highest - VALUE_MM * (len(shown) - j) - 0.3, slot, VALUE_MM,
                                str(value), align="center", max_mm=4.0))
        out.append(Text(x + i * slot, bottom + 1, slot, 4, label, align="center"))
    out.append(Line(x, bottom, x + w, bottom, 0.3))
    return out
