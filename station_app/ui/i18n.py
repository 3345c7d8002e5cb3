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

    qt_own = QTranslator(app)  # Qt's standard buttons (OK, Cancel …)
    if qt_own.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return loaded
