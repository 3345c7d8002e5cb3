"""A CJK font for the whole app: one we ship in resources/fonts, else one the system has."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from .. import paths

log = logging.getLogger(__name__)

# Fonts known to carry Simplified Chinese, most preferred first. TrueType outlines where possible: the
# label engine needs the same file (reportlab cannot read CFF fonts such as Noto CJK).
SYSTEM_CANDIDATES = (
    "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/msyh.ttf", "C:/Windows/Fonts/simhei.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc", "/Library/Fonts/Arial Unicode.ttf",
)
SAMPLE = "到件入库取件码"


def candidates() -> list[Path]:
    shipped = sorted(p for p in paths.resource("fonts").glob("*") if p.suffix.lower() in (".ttf", ".ttc", ".otf"))
    windir = os.environ.get("WINDIR")
    system = [Path(p.replace("C:/Windows", windir)) if windir else Path(p) for p in SYSTEM_CANDIDATES]
    return shipped + system


def _has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def install(app: QApplication, point_size: int = 14) -> str | None:
    """Register a CJK font and make it the app's font; returns its family, or None if none was found."""
    for path in candidates():
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
            break
    else:  # nothing at a known path: anything fontconfig or Windows knows that covers Chinese
        family = next((f for f in QFontDatabase.families() if _has_chinese(f)), None)
    if family is None:
        log.warning("no CJK font found")
        return None
    font = QFont(family, point_size)
    app.setFont(font)
    return family
