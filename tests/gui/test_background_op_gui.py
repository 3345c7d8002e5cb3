"""Slow work off the counter's thread: the USB backup as the clerk starts it (a page op on a worker with its own
connection), its refusal said in the message area, and the one lane that runs jobs in order."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from PySide6.QtWidgets import QPushButton

from station_app.core.errors import StationError
from station_app.ui import feedback
from station_app.ui.messages import error_text
from station_app.ui.workers import Lane

from .support import Modals, click, find, go, kind, pick_folder, report_built, said


def start_usb_backup(qtbot, counter, folder) -> QPushButton:
    report_built(qtbot, go(counter, "reportsPage"))  # the month's own build is done: only the backup runs
    button = find(counter, "backupUsbButton", QPushButton)
    chosen = Modals(pick_folder(folder))
    click(qtbot, counter, "backupUsbButton")
    assert chosen.done()
    # closing the folder dialog runs the event loop, so a small copy may already have reported back (seen on CI);
    # while it has not, the counter says it is copying and offers no second backup
    if kind(counter) == "info":
        assert "U 盘" in said(counter), said(counter)
        assert not button.isEnabled()  # one backup at a time
    return button


def test_a_usb_backup_runs_on_a_worker_and_the_counter_is_not_held(qtbot, counter, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    button = start_usb_backup(qtbot, counter, usb)
    qtbot.waitUntil(lambda: kind(counter) == "ok", timeout=15_000)
    # done on a worker: had it used the counter's own connection (made on the main thread), SQLite would have
    # refused it there and the message area would say the background failure instead
    (copy,) = usb.glob("station-*.db")
    assert copy.stat().st_size > 0 and str(copy) in said(counter)
    assert button.isEnabled()


def test_a_refused_background_backup_says_why_and_the_page_keeps_working(qtbot, counter, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    for day in (date.today(), date.today() + timedelta(days=1)):  # a folder where the copy goes: cannot write
        (usb / f"station-{day:%Y%m%d}.db").mkdir()
    button = start_usb_backup(qtbot, counter, usb)
    qtbot.waitUntil(lambda: kind(counter) == "error", timeout=15_000)
    target = next(p for p in usb.iterdir() if str(p) in said(counter))
    assert said(counter) == error_text(StationError("backup_failed", path=str(target)))
    assert feedback.last[-1] == "error"
    assert button.isEnabled()
    target.rmdir()  # the clerk frees the name and tries again: the same page, the same button
    start_usb_backup(qtbot, counter, usb)
    qtbot.waitUntil(lambda: kind(counter) == "ok", timeout=15_000)
    assert target.is_file()


def test_a_lane_runs_its_jobs_one_at_a_time_in_order_off_the_main_thread(qtbot, qapp):
    owner = QPushButton()
    qtbot.addWidget(owner)
    lane = Lane(owner)
    running, most, threads, results, refused = [0], [0], set(), [], []
    guard = threading.Lock()

    def job(n: int):
        def work() -> int:
            with guard:
                running[0] += 1
                most[0] = max(most[0], running[0])
            threads.add(threading.get_ident())
            sum(range(20_000 * (n % 3)))  # some do more than others: order must not follow the work
            with guard:
                running[0] -= 1
            if n == 7:
                raise StationError("backup_failed", path="x")
            return n
        return work

    for n in range(12):
        lane.submit(job(n), results.append, refused.append)
    assert lane.wait(15_000)
    qtbot.waitUntil(lambda: len(results) + len(refused) == 12)
    assert results == [n for n in range(12) if n != 7]  # delivered in the order given
    assert [e.code for e in refused] == ["backup_failed"]
    assert most[0] == 1 and threading.get_ident() not in threads
