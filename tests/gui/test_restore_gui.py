"""Restore from the reports page, as the clerk does it: file dialog, confirmation, the app's own folder lock."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from station_app.core import backups, db, folder_lock, parcels, station
from sync.state import set_state

from .support import Modals, answer, click, go, kind, pick_file, pick_folder, said

TOKEN = "county-token-for-the-gui-restore-test"


@pytest.fixture
def app_folder(data_dir):
    """The folder held as the running app holds it (ui.app.run takes app.lock before opening the window)."""
    folder_lock.hold_app(data_dir)
    yield data_dir
    folder_lock.release_app(data_dir)


def with_token(conn) -> None:
    with db.transaction(conn):
        set_state(conn, "token", TOKEN)


def test_the_running_app_restores_its_own_folder(counter, conn, boss, app_folder, tmp_path, qtbot):
    with_token(conn)
    usb = tmp_path / "usb"
    usb.mkdir()
    page = go(counter, "reportsPage")
    saved = Modals(pick_folder(usb))
    click(qtbot, page, "backupUsbButton")
    assert saved.done()
    qtbot.waitUntil(lambda: kind(counter) == "ok", timeout=15_000)  # the copy runs on a worker
    (backup,) = usb.glob("station-*.db")
    assert TOKEN.encode() not in backup.read_bytes()  # the county key stays on this PC
    parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678")  # after the backup
    answers = Modals(pick_file(backup), answer(QMessageBox.StandardButton.Yes), answer(QMessageBox.StandardButton.Ok))
    click(qtbot, page, "restoreButton")
    assert answers.done(), answers.texts
    assert "已恢复" in answers.texts[-1], answers.texts
    back = db.connect(app_folder / db.DB_FILENAME)
    assert back.execute("SELECT count(*) FROM parcels").fetchone()[0] == 0  # the backup's state
    assert back.execute("SELECT value FROM sync_state WHERE key = 'token'").fetchone()[0] == TOKEN
    back.close()
    assert list(backups.folder(app_folder).glob("station-before-restore-*.db"))


def test_a_sync_still_running_stops_the_restore_and_nothing_is_lost(counter, conn, boss, app_folder, tmp_path,
                                                                    qtbot):
    backup = backups.to_file(conn, tmp_path / "usb" / "copy.db")
    parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys; from filelock import FileLock\n"
        "lock = FileLock(sys.argv[1], thread_local=False); lock.acquire(); print('held', flush=True)\n"
        "sys.stdin.read()"), str(app_folder / "sync.lock")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        page = go(counter, "reportsPage")
        answers = Modals(pick_file(backup), answer(QMessageBox.StandardButton.Yes),
                         answer(QMessageBox.StandardButton.Ok))
        click(qtbot, page, "restoreButton")
        assert answers.done(), answers.texts
        assert "正在使用" in answers.texts[-1] and "关闭" in answers.texts[-1]
    finally:
        holder.stdin.close()
        holder.wait(30)
    live = db.connect(app_folder / db.DB_FILENAME)
    assert live.execute("SELECT waybill FROM parcels").fetchall()[0][0] == "SF0000000000001"  # untouched
    live.close()


def test_another_stations_backup_is_refused_before_anything_closes(counter, conn, boss, tmp_path, qtbot):
    other = db.open_db(tmp_path / "s002")
    station.init_station(other, "S002", "别的站", "李明", "1234")
    theirs = backups.to_file(other, tmp_path / "usb" / "s002.db")
    other.close()
    page = go(counter, "reportsPage")
    answers = Modals(pick_file(theirs))
    click(qtbot, page, "restoreButton")
    assert answers.done(), answers.texts
    assert kind(counter) == "error" and "S002" in said(counter)
    assert station.get(conn).code == "S001"  # the connection is still open and the counter goes on
