"""What a label is made of, in millimetres from the top-left corner."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Self


@dataclass(frozen=True)
class Size:
    name: str
    width_mm: float
    height_mm: float


SIZES: dict[str, Size] = {s.name: s for s in (
    Size("60x40", 60, 40), Size("50x30", 50, 30), Size("40x30", 40, 30), Size("100x150", 100, 150),
    Size("A4", 210, 297),
)}
STICKER_SIZES = ("60x40", "50x30", "40x30")


class _Placed:
    x: float
    y: float

    def moved(self, dx: float, dy: float) -> Self:
        return replace(self, x=self.x + dx, y=self.y + dy)  # type: ignore[type-var]


@dataclass(frozen=True)
class Text(_Placed):
    """Text fitted into its box: the largest size up to ``max_mm`` (cap height ~ box height) that fits."""

    x: float
    y: float
    w: float
    h: float
    text: str
    bold: bool = False
    align: str = "left"  # left | center | right
    max_mm: float | None = None


@dataclass(frozen=True)
class Code128(_Placed):
    """Bars filling the box's height; the renderer picks a module width that fits ``w`` (whole dots)."""

    x: float
    y: float
    w: float
    h: float
    data: str


@dataclass(frozen=True)
class QR(_Placed):
    x: float
    y: float
    size: float
    data: str


@dataclass(frozen=True)
class Line(_Placed):
    x: float
    y: float
    x2: float
    y2: float
    width: float = 0.3

    def moved(self, dx: float, dy: float) -> Line:
        return Line(self.x + dx, self.y + dy, self.x2 + dx, self.y2 + dy, self.width)


@dataclass(frozen=True)
class Box(_Placed):
    """A filled rectangle: chart bars."""

    x: float
    y: float
    w: float
    h: float
    grey: float = 0.0  # 0 black … 1 white


Element = Text | Code128 | QR | Line | Box


@dataclass(frozen=True)
class Page:
    size: Size
    elements: list[Element] = field(default_factory=list)
