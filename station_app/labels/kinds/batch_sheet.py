"""取件码批量单 (A4): pickup stickers in a 3 × 8 grid, for stations that print after a bag is shelved."""

from __future__ import annotations

from ..elements import SIZES, Element, Page, Size
from ..words import DEFAULT
from . import pickup_sticker

COLUMNS, ROWS = 3, 8
MARGIN_MM = 4.0


def pages(stickers: list[pickup_sticker.PickupSticker], lang: str = DEFAULT) -> list[Page]:
    a4 = SIZES["A4"]
    cell_w = (a4.width_mm - 2 * MARGIN_MM) / COLUMNS
    cell_h = (a4.height_mm - 2 * MARGIN_MM) / ROWS
    cell = Size("cell", cell_w - 2, cell_h - 2)
    out: list[Page] = []
    per_page = COLUMNS * ROWS
    for start in range(0, len(stickers), per_page):
        elements: list[Element] = []
        for i, sticker in enumerate(stickers[start:start + per_page]):
            dx = MARGIN_MM + 1 + (i % COLUMNS) * cell_w
            dy = MARGIN_MM + 1 + (i // COLUMNS) * cell_h
            elements.extend(e.moved(dx, dy) for e in pickup_sticker.layout(sticker, cell, lang))
        out.append(Page(a4, elements))
    return out
