"""The README lists every objectName of the app (the stable interface for tests and accessibility), generated
from the running window and the dialogs its buttons open; this test fails when the list and the app differ.
Rewrite the list with STATION_WRITE_README=1."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

from station_app.ui.page import registered_pages

from .support import find, in_dialog
from .wiring import markdown, rows_for

README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- objectNames:start -->", "<!-- objectNames:end -->"
DIALOGS = ("settingsButton", "printerButton")


def test_the_readme_lists_every_objectname(counter, qtbot):
    rows = rows_for(counter)
    for opener in DIALOGS:
        def look(dialog: QWidget) -> None:
            rows.extend(rows_for(dialog))
            dialog.reject()
        in_dialog(qtbot, counter, opener, look)
    table = markdown(rows)
    assert {"scanInput", "stockViewSelector", "printerBackend", "smsTemplate"} <= {r[1] for r in rows}
    text = README.read_text(encoding="utf-8")
    if os.environ.get("STATION_WRITE_README"):
        text = re.sub(f"{START}.*?{END}", lambda _m: f"{START}\n{table}\n{END}", text, flags=re.S)
        README.write_text(text, encoding="utf-8")
    listed = re.search(f"{START}\n(.*?)\n{END}", text, re.S)
    assert listed, "README has no objectName list"
    assert listed.group(1) == table, "README's objectName list differs; run with STATION_WRITE_README=1:\n" + table
    assert find(counter, "pageTabs").count() == len(registered_pages()) >= 10  # every registered page is a tab
