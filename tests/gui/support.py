"""What GUI tests use to act as a clerk: widgets found by objectName, keys and clicks, modal dialogs answered
through their own buttons. No test reaches a widget by Python attribute or calls a page's method; the
objectNames (listed in the README) are the stable interface."""

from __future__ import annotations

import socket
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pymupdf
import zxingcpp
from PIL import Image
from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from station_app.core import device_settings, manifest
from station_app.core.device_settings import PrinterSettings

from .scanner import fill, typed

F_KEYS = {f"F{n}": getattr(Qt.Key, f"Key_F{n}") for n in range(2, 13)}
PAGE_KEYS = {"receivePage": "F2", "pickupPage": "F3", "stockPage": "F4", "sendPage": "F5", "producePage": "F6",
             "dispatchPage": "F7", "billsPage": "F8", "dayClosePage": "F9", "reportsPage": "F10",
             "callListPage": "F11", "servicesPage": "F12",
             "feesPage": "Shift+F8"}


# ----- finding ---------------------------------------------------------------------------------------------
def find(root: QWidget, name: str, cls: type = QWidget):
    """The one widget of that name under root (two of the same name under one root is a test's mistake)."""
    found = [w for w in root.findChildren(cls, name)]
    assert found, f"no {cls.__name__} named {name!r}"
    assert len(found) == 1, f"{len(found)} widgets named {name!r}: look inside the page"
    return found[0]


def the_page(window: QWidget, name: str) -> QWidget:
    return find(window, name)


def banner(window: QWidget) -> QLabel:
    return find(window, "banner", QLabel)


def said(window: QWidget) -> str:
    """What the one message area says."""
    return banner(window).text()


def kind(window: QWidget) -> str:
    """How it went (ok / warn / error / info): the colour the clerk sees."""
    return banner(window).kind


def rows(table: QTableView) -> int:
    return table.model().rowCount()


def column(table: QTableView, col: int) -> list[str]:
    model = table.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def cells(table: QTableView) -> list[list[str]]:
    """Every row as the clerk reads it: the text of each cell."""
    model = table.model()
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())] for r in range(model.rowCount())]


def on_login_screen(window: QWidget) -> bool:
    return find(window, "mainStack").currentWidget() is find(window, "loginPage")


def current_page(window: QWidget) -> QWidget:
    return find(window, "pageTabs").currentWidget()


# ----- acting ----------------------------------------------------------------------------------------------
def click(qtbot, root: QWidget, name: str, cls: type = QAbstractButton) -> None:
    widget = find(root, name, cls)
    assert widget.isVisible() and widget.isEnabled(), f"{name} cannot be clicked"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_and_wait(qtbot, root: QWidget, name: str) -> None:
    """Click a button whose work runs in a worker (it is greyed out meanwhile) and wait until it is back."""
    click(qtbot, root, name)
    qtbot.waitUntil(find(root, name, QAbstractButton).isEnabled, timeout=30_000)


def report_built(qtbot, page: QWidget) -> None:
    """The reports page builds its month on a worker ("正在生成…" meanwhile): wait until the picture is current."""
    qtbot.waitUntil(lambda: find(page, "reportStatus", QLabel).text() == ""
                    and find(page, "reportPdfButton", QAbstractButton).isEnabled(), timeout=30_000)


def tick(qtbot, box: QCheckBox) -> None:
    """The tick box sits at the left of a wide row: click it there."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def key(window: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the clerk presses it, into whatever has the focus."""
    back_from_dialog(window)
    QTest.keyClick(QApplication.focusWidget() or window, key, modifier)


def back_from_dialog(window: QWidget) -> None:
    """A closed dialog hands the keyboard back to the window, as a window manager does (offscreen Qt does not)."""
    top = window.window()
    active = QApplication.activeWindow()
    if QApplication.activeModalWidget() is None and active is not top and (active is None or not active.isVisible()):
        top.activateWindow()
        deadline = time.monotonic() + 5
        while QApplication.activeWindow() is not top and time.monotonic() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        assert QApplication.activeWindow() is top, QApplication.activeWindow()


def go(window: QWidget, page_name: str) -> QWidget:
    """The page's F-key (with Shift for some), as the clerk switches pages."""
    name = PAGE_KEYS[page_name]
    shift = Qt.KeyboardModifier.ShiftModifier if name.startswith("Shift+") else Qt.KeyboardModifier.NoModifier
    key(window, F_KEYS[name.removeprefix("Shift+")], shift)
    shown = current_page(window)
    assert shown.objectName() == page_name, shown.objectName()
    return shown


def login(window: QWidget, pin: str = "1234") -> None:
    typed(find(window, "pinInput", QLineEdit), pin + "\r")


def choose(combo: QComboBox, *, text: str | None = None, data: object = None) -> None:
    """Pick an item with the arrow keys, as from the keyboard (each step is an `activated` like a click)."""
    target = combo.findText(text) if text is not None else combo.findData(data)
    assert target >= 0, f"{combo.objectName()} has no {text if text is not None else data!r}"
    while combo.currentIndex() != target:
        before = combo.currentIndex()
        QTest.keyClick(combo, Qt.Key.Key_Down if target > before else Qt.Key.Key_Up)
        assert combo.currentIndex() != before, f"{combo.objectName()} does not move"


def set_number(spin: QAbstractSpinBox, value: float | int) -> None:
    """Select what is there and type the new number."""
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    typed(spin, str(value))
    QTest.keyClick(spin, Qt.Key.Key_Tab)  # leave the field: the value is taken


def click_row(qtbot, table: QTableView, row: int, col: int = 0) -> None:
    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def button_of(box: QWidget, role: QDialogButtonBox.ButtonRole | QDialogButtonBox.StandardButton) -> QAbstractButton:
    """A dialog's own OK / Save / Yes …: by its standard button or by its role."""
    for buttons in box.findChildren(QDialogButtonBox):
        if isinstance(role, QDialogButtonBox.StandardButton):
            found = buttons.button(role)
            if found is not None:
                return found
        else:
            for b in buttons.buttons():
                if buttons.buttonRole(b) == role:
                    return b
    raise AssertionError(f"no {role} button in {box.objectName() or type(box).__name__}")


# ----- modal dialogs ---------------------------------------------------------------------------------------
class Modals:
    """Answers the modal dialogs that open, one step per dialog, in order, polling (never a fixed wait).

    Start it before the click that opens the first dialog. A dialog opened from inside a step needs a Modals of
    its own, started in that step (Qt does not run a timer's slot again while it is still running). A dialog
    beyond the steps is rejected and recorded, and a step that fails closes its dialog, so a wrong turn fails the
    test instead of hanging it.
    """

    PATIENCE_MS = 15_000

    def __init__(self, *steps: Callable[[QWidget], None]) -> None:
        self.steps, self.seen, self.texts, self.unexpected = list(steps), None, [], []
        self.errors: list[str] = []
        self.stuck = 0
        self.window = QApplication.activeWindow()  # the keyboard goes back there when the dialogs are done
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget is self.seen and widget.isVisible():
            self.stuck += 1
            if self.stuck * self.timer.interval() > self.PATIENCE_MS:  # the step did not close it: fail, not hang
                self.errors.append(f"{widget.objectName() or type(widget).__name__} stayed open after its step")
                widget.reject()
            return
        if widget is None or widget is self.seen or not widget.isVisible():
            return
        self.seen, self.stuck = widget, 0
        if isinstance(widget, QMessageBox):
            self.texts.append(widget.text())
        if not self.steps:
            self.unexpected.append(widget.windowTitle() or widget.objectName())
            widget.reject()
            return
        step = self.steps.pop(0)
        try:
            step(widget)
        except Exception:  # noqa: BLE001 - reported by done(); the dialog must not stay open
            self.errors.append(traceback.format_exc())
            if widget.isVisible():
                widget.reject()

    def done(self) -> bool:
        self.timer.stop()
        assert not self.errors, "\n".join(self.errors)
        if self.window is not None and self.window.isVisible():
            back_from_dialog(self.window)
        return not self.steps and not self.unexpected


def answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def step(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box).__name__
        QTest.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    return step


def read_and_close(box: QWidget) -> None:
    assert isinstance(box, QMessageBox), type(box).__name__
    QTest.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)


def pick_file(path: Path | str) -> Callable[[QWidget], None]:
    """Qt's own file dialog: the name typed into its field, then its accept button."""
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog).__name__
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))  # Qt's field; typing pops its completer
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.ButtonRole.AcceptRole), Qt.MouseButton.LeftButton)
    return step


def pick_folder(path: Path | str) -> Callable[[QWidget], None]:
    """A folder chosen in Qt's dialog: opened on its parent, its name typed, then accept."""
    path = Path(path)

    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog).__name__
        dialog.setDirectory(str(path.parent))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(path.name)
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.ButtonRole.AcceptRole), Qt.MouseButton.LeftButton)
    return step


def supervisor(pin: str = "1234", reason: str | None = None) -> Callable[[QWidget], None]:
    """The supervisor's PIN (and reason) typed into the approval dialog, then OK."""
    def step(dialog: QWidget) -> None:
        assert dialog.objectName() == "supervisorDialog", dialog.objectName()
        if reason is not None:
            field = find(dialog, "undoReason", QLineEdit)
            field.setFocus()
            fill(field, reason)
        field = find(dialog, "supervisorPin", QLineEdit)
        field.setFocus()
        typed(field, pin)
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    return step


def in_dialog(qtbot, window: QWidget, opener: str, act: Callable[[QDialog], None]) -> None:
    """Click the button that opens a dialog and act in it as the clerk does (the step closes it)."""
    modals = Modals(act)
    click(qtbot, window, opener)
    assert modals.done(), (modals.unexpected, modals.steps)


# ----- printers --------------------------------------------------------------------------------------------
def set_printer(qtbot, window: QWidget, data_dir: Path, settings: PrinterSettings) -> None:
    """This PC's printer, as county IT sets it: station.ini written, then 打印机 → Save, which the counter uses."""
    device_settings.save_printer(data_dir, settings)

    def save(dialog: QDialog) -> None:
        assert dialog.objectName() == "printerDialog"
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        said_ = find(dialog, "printerMessage", QLabel).text()
        assert said_ == "已保存。", said_
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)

    in_dialog(qtbot, window, "printerButton", save)


def decode_pdf(path: Path, dpi: int = 300) -> list[str]:
    """Every barcode and QR on every page, read by a real decoder."""
    texts = []
    for pdf_page in pymupdf.open(path):
        pix = pdf_page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
        image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
        texts += [r.text for r in zxingcpp.read_barcodes(image)]
    return texts


class LabelPrinter:
    """A network label printer on 127.0.0.1: accepts connections on a port and keeps what it gets."""

    def __init__(self, port: int = 0) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.port = self.server.getsockname()[1]
        self.jobs: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                chunks = []
                while data := conn.recv(65536):
                    chunks.append(data)
                self.jobs.append(b"".join(chunks))

    def close(self) -> None:
        self.server.close()


def free_port() -> int:
    """A port nothing listens on: a printer that is switched off."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----- data set up through core (the page under test is not the one that made it) ---------------------------
def expect_manifest(conn, clerk, rows_: list[tuple[str, str, str]]) -> None:
    """(waybill, name, phone) rows on the county's expected-parcels list."""
    text = "".join(f"{w},,{name},{phone}\n" for w, name, phone in rows_)
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone\n" + text).encode(),
                          source="t.csv", clerk_id=clerk.id)
