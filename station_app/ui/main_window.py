"""The main window: login (and idle lock) in front of the counter pages, each with its F-key.

The tabs come from the page registry (ui/page.py): every page module declares its own title, F-key and order."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import settings
from ..core.clerks import Clerk
from ..core.errors import StationError
from .login_page import LoginPage
from .page import Page, registered_pages
from .printer_dialog import PrinterDialog
from .printing import PrintService
from .session import Session
from .settings_dialog import SettingsDialog
from .sync_panel import SyncPanel
from .widgets import Banner, named

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.setWindowTitle(self.tr("Village Station — {name}").format(name=session.station.name))
        self.banner = Banner()  # the one message area every page writes to; a page change clears it
        self._printer_message = ""  # the printer failure on show, taken away when a job prints again
        self.printService = PrintService(self)
        self.printService.printed.connect(self._printed)
        self.printService.failed.connect(self._print_failed)
        self.loginPage = LoginPage(session)
        self.syncPanel = SyncPanel(session.data_dir, session.conn)
        self.tabs = named(QTabWidget(), "pageTabs")
        self.pages: list[Page] = []
        for kind in registered_pages():
            page = kind(self)
            self.pages.append(page)
            setattr(self, page.objectName(), page)  # window.receivePage … by the page's objectName
            self.tabs.addTab(page, f"{kind.title()}  {kind.key}")
            shortcut = QShortcut(QKeySequence(kind.key), self)
            shortcut.activated.connect(lambda page=page: self.show_page(page))
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setExpanding(False)
        self.who = named(QLabel(""), "clerkLabel")
        self.syncPanel.notice.connect(self.banner.show_message)
        self.settingsButton = named(QPushButton(self.tr("Settings")), "settingsButton")
        self.printerButton = named(QPushButton(self.tr("Printer")), "printerButton")
        self.lockButton = named(QPushButton(self.tr("Lock")), "lockButton")
        for button in (self.settingsButton, self.printerButton, self.lockButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("header", True)

        # one compact row: the sync status takes what is left and wraps or clips, never widening the window
        header = QHBoxLayout()
        header.setSpacing(6)
        title = named(QLabel(session.station.name), "stationTitle")
        title.setStyleSheet("font-size:20px; font-weight:bold;")
        header.addWidget(title)
        header.addWidget(self.who)
        header.addWidget(self.syncPanel, 1)
        header.addWidget(self.printerButton)
        header.addWidget(self.settingsButton)
        header.addWidget(self.lockButton)
        counter = named(QWidget(), "counter")
        column = QVBoxLayout(counter)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(4)
        column.addLayout(header)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.setObjectName("mainStack")
        self.stack.addWidget(self.loginPage)
        self.stack.addWidget(counter)
        self.setCentralWidget(self.stack)

        self.tabs.currentChanged.connect(self._page_changed)
        self.loginPage.logged_in.connect(self._on_login)
        self.lockButton.clicked.connect(lambda: self.lock(idle=False))
        self.settingsButton.clicked.connect(self._open_settings)
        self.printerButton.clicked.connect(self._open_printer)

        self.last_activity = time.monotonic()
        self.locked_idle = False  # after an idle lock the clerk comes back to the page they were on
        self.idle_timer = QTimer(self, interval=5000)
        self.idle_timer.timeout.connect(self._check_idle)
        self.idle_timer.start()
        self.activityFilter = ActivityFilter(self)  # the app installs it: every key or click anywhere counts
        self.loginPage.prepare()

    # ----- pages ------------------------------------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        """Bring a page to the front (its F-key); it refreshes once, whether or not it was in front already."""
        if self.stack.currentIndex() != 1:
            return
        if self.tabs.currentWidget() is page:
            self._page_shown()
        else:
            self.tabs.setCurrentWidget(page)  # currentChanged → _page_changed → _page_shown

    def _page_changed(self, _index: int) -> None:
        """Another page: what the last one said no longer applies there."""
        self._printer_message = ""
        self.banner.clear_message()
        self._page_shown()

    def _page_shown(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, Page) and self.stack.currentIndex() == 1:
            page.shown()

    def start_sync(self) -> bool:
        """Start a sync now (the day close asks for one); False when not joined to a county server."""
        return self.syncPanel.sync_now()

    # ----- login, lock ------------------------------------------------------------------------------------
    def _on_login(self, clerk: Clerk) -> None:
        self.session.clerk = clerk
        role = self.tr("supervisor") if clerk.is_supervisor else self.tr("clerk")
        self.who.setText(self.tr("Clerk: {name} ({role})").format(name=clerk.name, role=role))
        self.settingsButton.setVisible(clerk.is_supervisor)
        self.stack.setCurrentIndex(1)
        self.last_activity = time.monotonic()
        changed = not self.locked_idle and self.tabs.currentIndex() != 0
        if changed:
            self.tabs.setCurrentIndex(0)  # the first page, shown (once) through currentChanged
        self.locked_idle = False
        self.banner.show_message("info", self.tr("Welcome, {name}.").format(name=clerk.name))
        for notice in filter(None, (page.login_notice() for page in self.pages)):
            self.banner.show_message(*notice)  # overdue work outranks the welcome
        if not changed:
            self._page_shown()

    def lock(self, *, idle: bool) -> None:
        """Back to the PIN screen; after an idle lock the same page comes back."""
        self.locked_idle = idle
        was = self.session.clerk
        self.session.clerk = None
        self.stack.setCurrentIndex(0)
        self.loginPage.prepare(locked_by=was if idle else None)

    def note_activity(self) -> None:
        self.last_activity = time.monotonic()

    def _check_idle(self) -> None:
        if self.stack.currentIndex() != 1:
            return
        limit = settings.get_int(self.session.conn, "idle_lock_minutes") * 60
        if time.monotonic() - self.last_activity >= limit:
            self.lock(idle=True)

    def _print_failed(self, job: str, err: StationError) -> None:
        """What did not print, why, what is done anyway and how to get the paper again: in the kind's words."""
        self._printer_message = self.printService.failure_text(job, err)
        self.banner.show_message("error", self._printer_message)

    def _printed(self, _job: str, _where: str) -> None:
        """The printer works again: its failure leaves the message area (anything newer stays)."""
        if self._printer_message and self.banner.text() == self._printer_message:
            self.banner.clear_message()
        self._printer_message = ""

    def release_database(self) -> None:
        """Before a restore: nothing may hold the database open."""
        self.idle_timer.stop()
        self.syncPanel.shutdown()
        self.session.conn.close()

    def _open_printer(self) -> None:
        PrinterDialog(self.session, self.printService, self).exec()
        self._page_shown()

    def _open_settings(self) -> None:
        dialog = SettingsDialog(self.session, self)
        dialog.exec()
        for page in self.pages:
            page.settings_changed()
        self._page_shown()


class ActivityFilter(QObject):
    """Application-wide: any key or click counts as activity for the idle lock."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _ACTIVITY:
            self.window.note_activity()
        return False
