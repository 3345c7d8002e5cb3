"""The settings dialog opened with its button: core's rules refuse in a sentence, the document language is chosen."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QSpinBox

from station_app.core import journal, settings

from .support import button_of, choose, find, in_dialog, set_number


def save_and_close(dialog: QDialog) -> str:
    QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    said = find(dialog, "settingsMessage", QLabel).text()
    QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    return said


def test_a_reminder_after_the_return_is_refused_in_core_words(counter, conn, qtbot):
    said = []

    def remind_late(dialog: QDialog) -> None:
        set_number(find(dialog, "remindDays", QSpinBox), 8)  # the return is after 7 days
        said.append(save_and_close(dialog))

    in_dialog(qtbot, counter, "settingsButton", remind_late)
    assert "提醒天数（8 天）必须少于退回天数（7 天）" in said[0]
    assert settings.get(conn, "remind_after_days") == "3" and journal.count(conn, "settings.changed") == 0


def test_the_document_language_is_chosen_apart_from_the_screen(counter, conn, qtbot, data_dir):
    said = []

    def english_papers(dialog: QDialog) -> None:
        selector = find(dialog, "documentLanguageSelector", QComboBox)
        assert selector.currentData() == "zh_CN" and selector.count() == len(settings.DOCUMENT_LANGUAGES)
        selector.setFocus()
        choose(selector, data="en")
        said.append(save_and_close(dialog))

    in_dialog(qtbot, counter, "settingsButton", english_papers)
    assert said == ["已保存。"]
    assert settings.get(conn, "document_language") == "en"
    changes = conn.execute("SELECT payload FROM journal WHERE type = 'settings.changed'").fetchall()
    assert [json.loads(r[0]) for r in changes] == [{"name": "document_language", "value": "en"}]  # one op only
    from station_app.core import device_settings

    assert device_settings.load(data_dir)["language"] == "zh_CN"  # the screen stays Chinese
