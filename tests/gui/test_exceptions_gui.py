"""问题件 through the real window: register with scanned parcels, take in hand, refusals in Chinese, resolve,
the slip printed and read back; overdue entries named at login; a damage flag offers an entry."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit, QMessageBox, QWidget

from station_app.core import exceptions_register, journal, parcels
from station_app.core.clock import utc_now
from station_app.core.device_settings import PrinterSettings

from .scanner import fill, typed
from .support import (
    Modals,
    answer,
    button_of,
    cells,
    choose,
    click,
    click_row,
    current_page,
    decode_pdf,
    find,
    go,
    key,
    kind,
    login,
    pick_file,
    said,
    set_printer,
)


def open_register(window: QWidget) -> QWidget:
    key(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    page = current_page(window)
    assert page.objectName() == "exceptionsPage"
    return page


def test_an_exception_goes_through_its_lifecycle_at_the_counter(counter, conn, boss, qtbot, tmp_path, data_dir):
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    parcel = parcels.receive(conn, "ZT7700000000001", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    page = open_register(counter)
    choose(find(page, "exceptionKind"), data="damaged")
    choose(find(page, "raisedBy"), data="villager")
    fill(find(page, "raiserName"), "张三")
    fill(find(page, "raiserPhone"), "13812345678")
    scan = find(page, "exceptionScanInput")
    scan.setFocus()
    typed(scan, parcel.waybill + "\r")
    typed(scan, "YT9999999999\r")
    assert kind(counter) == "warn" and "不在本站系统中" in said(counter)  # kept, and said so
    typed(scan, "ZT/77\r")
    assert kind(counter) == "error" and "不是运单号" in said(counter)  # a garbled scan is not listed
    fill(find(page, "exceptionDescription"), "外箱压坏，里面的碗碎了")
    photo = tmp_path / "photos" / "破损.png"
    photo.parent.mkdir()
    Image.new("RGB", (40, 30), (180, 40, 40)).save(photo)
    chosen = Modals(pick_file(photo))
    click(qtbot, page, "addPhotoButton")
    assert chosen.done() and "破损.png" in find(page, "exceptionPhotos").text()
    click(qtbot, page, "registerExceptionButton")
    assert kind(counter) == "ok" and "已登记" in said(counter), said(counter)
    [(name, digest)] = conn.execute("SELECT file_name, sha256 FROM exception_photos").fetchall()
    assert hashlib.sha256((data_dir / "exception_photos" / name).read_bytes()).hexdigest() == digest
    table = find(page, "exceptionTable")
    [row] = cells(table)
    number = row[0]
    assert row[1] == "破损" and "138****5678" in row[2] and "13812345678" not in " ".join(row)
    assert "ZT7700000000001" in row[4] and "YT9999999999" in row[4] and row[7] == "已登记"

    click_row(qtbot, table, 0)
    click(qtbot, page, "resolveExceptionButton")  # no outcome chosen
    assert kind(counter) == "error" and "请先选择处理结果" in said(counter)
    fill(find(page, "progressNote"), "已报中通网点")
    click(qtbot, page, "startExceptionButton")
    assert kind(counter) == "ok" and cells(table)[0][7] == "处理中"
    click_row(qtbot, table, 0)
    click(qtbot, page, "startExceptionButton")  # the same step twice
    assert kind(counter) == "error" and f"{number} 已在处理中" in said(counter)

    choose(find(page, "outcomeSelector"), data="rejected")
    click(qtbot, page, "resolveExceptionButton")
    assert kind(counter) == "error" and "不予受理须写明理由" in said(counter)
    choose(find(page, "outcomeSelector"), data="compensated")
    fill(find(page, "compensationYuan"), "35.50")
    click(qtbot, page, "resolveExceptionButton")
    assert kind(counter) == "ok" and cells(table)[0][7] == "已办结" and "¥35.50" in cells(table)[0][8]
    qtbot.waitUntil(lambda: any(tmp_path.glob("exception-*.pdf")), timeout=10_000)  # the slip to sign
    assert decode_pdf(next(tmp_path.glob("exception-*.pdf"))) == [number]
    click_row(qtbot, table, 0)
    click(qtbot, page, "resolveExceptionButton")
    assert kind(counter) == "error" and "已办结" in said(counter)
    assert [journal.count(conn, t) for t in ("exception.registered", "exception.started", "exception.resolved")] \
        == [1, 1, 1]


def test_overdue_entries_are_named_when_the_clerk_logs_in(window, conn, boss):
    late = exceptions_register.register(conn, kind="complaint", topic="double_charge", raised_by="villager",
                                        description="取件被收费两元", clerk_id=boss.id,
                                        now=utc_now() - timedelta(days=9))
    exceptions_register.register(conn, kind="complaint", topic="delay", raised_by="villager", description="慢",
                                 clerk_id=boss.id)  # within its 7 days: not named
    login(window)
    assert kind(window) == "warn"
    assert f"有 1 件问题件已超过答复期限：{late.number}（投诉）" in said(window) and "Shift+F3" in said(window)
    page = open_register(window)
    assert find(page, "exceptionOverdue").text() == "1 件已超期，请优先答复。"
    assert "已超期" in cells(find(page, "exceptionTable"))[0][6]


def test_flagging_a_damaged_parcel_offers_a_register_entry(counter, conn, qtbot):
    page = go(counter, "receivePage")
    scan = find(page, "scanInput")
    typed(scan, "ZT7700000000002\r")
    fill(find(page, "phoneInput"), "13812345678\r")
    click_row(qtbot, find(page, "receivedTable"), 0)

    def damage_note(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        field = dialog.findChild(QLineEdit)
        field.setFocus()
        fill(field, "外箱破损")
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    modals = Modals(damage_note, answer(QMessageBox.StandardButton.Yes))
    click(qtbot, page, "markDamagedButton")
    assert modals.done()
    register = current_page(counter)
    assert register.objectName() == "exceptionsPage"
    assert find(register, "exceptionKind").currentData() == "damaged"
    assert find(register, "exceptionDescription").text() == "外箱破损"
    click(qtbot, register, "registerExceptionButton")
    assert kind(counter) == "ok", said(counter)
    assert cells(find(register, "exceptionTable"))[0][4] == "ZT7700000000002"
