"""Installing the translation: Simplified Chinese by default, English (the source language) selectable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from .. import paths

_installed: list[QTranslator] = []


def install(app: QCoreApplication, language: str) -> bool:
    """Load our .qm and Qt's own for ``language``; English needs none. True when ours loaded."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale("en_US"))
        return True
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    loaded = ours.load(str(paths.translation(f"station_{language}.qm")))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    from PySide6.QtCore import QLibraryInfo

    qt_own = QTranslator(app)  # Qt's own dialogs: buttons, the file dialog …; searched before ours
    if qt_own.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return loaded


def _qt_gaps() -> list[str]:
    """Qt's own strings that its qtbase_zh_CN.qm (PySide6 6.11) misses: our .ts carries them, so the file
    dialog says 查找范围 rather than "Look in". Never called; lupdate reads the literals."""
    return [
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
    ]
