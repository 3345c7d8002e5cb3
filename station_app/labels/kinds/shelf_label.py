"""货架标签: shelf-layer, large, with a Code 128 of it."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Code128, Element, Size, Text
from ..words import DEFAULT, tr


@dataclass(frozen=True)
class ShelfLabel:
    shelf: int
    layer: int
    station: str

    @property
    def code(self) -> str:
        return f"{self.shelf}-{self.layer}"


def layout(d: ShelfLabel, size: Size, lang: str = DEFAULT) -> list[Element]:
    w, h, m = size.width_mm, size.height_mm, 1.5
    inner = w - 2 * m
    where = tr(lang, "shelf {shelf} layer {layer}", shelf=d.shelf, layer=d.layer)
    return [
        Text(m, m, inner, h * 0.10, d.station, align="center"),
        Text(m, m + h * 0.12, inner, h * 0.38, d.code, bold=True, align="center"),
        Text(m, m + h * 0.52, inner, h * 0.10, where, align="center"),
        Code128(m + inner * 0.1, m + h * 0.65, inner * 0.8, h * 0.28, d.code),
    ]
