"""A CJK font for the whole app: one we ship in resources/fonts, else one the system has."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from .. import paths

log = logging.getLogger(__name__)


def _has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def install(app: QApplication, point_size: int = 14) -> str | None:
    """Register a CJK font and make it the app's font; returns its family, or None if none was found."""
    for path in paths.cjk_fonts():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
            break
    else:  # nothing at a known path: anything fontconfig or Windows knows that covers Chinese
        found = next((f for f in QFontDatabase.families() if _has_chinese(f)), None)
        if found is None:
            log.warning("no CJK font found")
            return None
        family = found
    font = QFont(family, point_size)
    app.setFont(font)
    return family
