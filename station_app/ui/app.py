"""Starting the GUI: display check, fonts, language, logging, the unexpected-error dialog, first run."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import paths
from ..core import db, device_settings, folder_lock, station
from ..core.errors import StationError
from . import fonts, i18n
from .messages import error_text

log = logging.getLogger("station_app")

STYLE = """
QWidget { font-size: 18px; }
QLineEdit[scan="true"] { font-size: 26px; padding: 4px 8px; border: 2px solid #1565c0; border-radius: 6px; }
QLineEdit[scan="true"]:focus { background: #fffde7; border-color: #ff8f00; }
QTabBar::tab { font-size: 18px; padding: 6px 12px; }
QTabBar::tab:selected { background: #1565c0; color: white; }
QPushButton { padding: 6px 14px; }
QPushButton[header="true"] { padding: 4px 10px; }
QLabel[heading="true"] { font-size: 20px; font-weight: bold; margin-top: 6px; }
QTableView { font-size: 17px; }
"""


def setup_logging(data_dir: Path) -> None:
    """A rotating log in the data dir. Log lines never carry phone numbers, names or ID numbers."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(folder / "station.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_excepthook() -> None:
    """Unexpected errors go to the log and a plain dialog; the app keeps running."""
    def hook(kind, value, tb) -> None:
        log.error("unexpected error", exc_info=(kind, value, tb))
        if QApplication.instance() is not None:
            QMessageBox.critical(None, QCoreApplication.translate("App", "Something went wrong"),
                                 QCoreApplication.translate(
                                     "App", "Something unexpected happened. What you saved is safe. If it happens "
                                     "again, tell county IT and send them the logs folder in the data folder."))

    sys.excepthook = hook


def no_display() -> bool:
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def create_app(data_dir: Path, language: str | None) -> QApplication:
    existing = QApplication.instance()  # tests make one app for many windows
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Village Station")
    app.setStyleSheet(STYLE)
    family = fonts.install(app)
    language = language or device_settings.load(data_dir)["language"]
    if family is None and language != "en":
        log.warning("no Chinese font: falling back to English so nothing shows as boxes")
        language = "en"
    i18n.install(app, language)
    return app


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if no_display():
        print("没有图形显示，无法打开窗口。请在桌面上运行，或先设置 DISPLAY。\n"
              "No display: run this on a desktop, or set DISPLAY (or QT_QPA_PLATFORM=offscreen).", file=sys.stderr)
        return 2
    data_dir = paths.data_dir(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(data_dir)
    app = create_app(data_dir, args.lang)
    install_excepthook()
    try:
        folder_lock.hold_app(data_dir)  # while the app runs, a restore cannot replace the database under it
        conn = db.open_db(data_dir)
    except StationError as err:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the station"), error_text(err))
        return 1
    if station.get(conn) is None:
        from .setup_wizard import SetupWizard

        if not SetupWizard(conn).exec():
            return 0
    window = open_window(conn, data_dir)
    window.showMaximized()  # the counter PC runs nothing else
    window.activateWindow()  # F-key shortcuts need the active window, also on a kiosk X session with no window manager
    app.installEventFilter(window.activityFilter)
    if args.exit_when_ready:
        QTimer.singleShot(0, lambda: (print(f"ready_ms={(time.perf_counter() - started) * 1000:.0f}"), app.quit()))
    else:
        QTimer.singleShot(0, lambda: _check_integrity(app, window, data_dir))
        QTimer.singleShot(2000, lambda: _daily_backup(app, window, data_dir))
        window.syncPanel.start()
    app.aboutToQuit.connect(window.syncPanel.shutdown)
    return app.exec()


def open_window(conn, data_dir: Path):
    from .main_window import MainWindow
    from .session import Session

    here = station.get(conn)
    assert here is not None
    session = Session(conn, data_dir, here, printer=device_settings.load_printer(data_dir))
    session.reload_couriers()
    window = MainWindow(session)
    screen = QApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen else None
    # never larger than the screen: a 1024×768 monitor without a window manager must still show every button
    window.resize(min(1280, room.width()) if room else 1280, min(800, room.height()) if room else 800)
    window.show()
    return window


def _daily_backup(app: QApplication, window, data_dir: Path) -> None:
    """One automatic copy a day (the day close takes one too), in a worker with its own connection."""
    from datetime import date

    from ..core import backups
    from .workers import run_in_thread

    stamp = f"station-daily-{date.today():%Y%m%d}"
    if any(p.name.startswith(stamp) for p in backups.folder(data_dir).glob("station-daily-*.db")):
        return

    def copy() -> str:
        conn = db.connect(data_dir / db.DB_FILENAME)
        try:
            return str(backups.take(conn, data_dir))
        finally:
            conn.close()

    worker = run_in_thread(window, copy, lambda path: log.info("daily backup %s", path))
    app.aboutToQuit.connect(lambda: worker.wait(60_000))


def _check_integrity(app: QApplication, window, data_dir: Path) -> None:
    """SQLite's quick_check on a second connection in a worker thread; the counter stays usable meanwhile."""
    from .workers import run_in_thread

    def check() -> list[str]:
        conn = db.connect(data_dir / db.DB_FILENAME)
        try:
            return db.quick_check(conn)
        finally:
            conn.close()

    def done(problems: list[str]) -> None:
        if problems:
            log.error("integrity check failed: %s", problems[:5])
            window.banner.show_message("error", QCoreApplication.translate(
                "App", "The database check found damage. Keep working only if you must, and call county IT now."))

    worker = run_in_thread(window, check, done)
    app.aboutToQuit.connect(lambda: worker.wait(30_000))  # never tear down a thread that is still reading
