"""The TrueType CJK font labels embed (DESIGN.md: the built-in STSong-Light prints as garbage via CUPS)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from .. import paths

FONT_NAME = "StationCJK"


class NoLabelFont(RuntimeError):
    pass


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The first CJK font reportlab can embed (TrueType outlines; CFF fonts such as Noto CJK are skipped)."""
    for path in paths.cjk_fonts():
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
        except (TTFError, OSError):
            continue
        return path
    raise NoLabelFont("no TrueType CJK font found: install fonts-wqy-microhei or put one in resources/fonts")


def ensure_registered() -> str:
    font_path()
    return FONT_NAME
