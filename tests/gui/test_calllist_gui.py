"""待电话通知 (F11) and the text status on 取件 / 库存: the clerk finds a parcel whose text failed, phones, marks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from station_app.core import db, journal, notifications, parcels

from .scanner import send_key, type_chinese, typed
from .support import click, click_row, current_page, find, go, key, kind, rows, said


def receive(conn, boss, waybill, phone="13812345678", name="张三"):
    return parcels.receive(conn, waybill, clerk_id=boss.id, phone=phone, name=name).parcel


def county_says(conn, parcel, state, reason=""):
    """What the sync client does with a notification_status feed item (tests/sync/test_text_status.py)."""
    with db.transaction(conn):
        notifications.county_status(conn, notifications.for_parcel(conn, parcel.id)[0]["id"], state, reason)


def focused() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def open_call_list(counter):
    key(counter, Qt.Key.Key_F11)
    page = current_page(counter)
    assert page.objectName() == "callListPage"
    return page


def test_the_clerk_scans_phones_and_marks_a_failed_text(counter, conn, boss, qtbot):
    failed = receive(conn, boss, "SF1234567890001")
    county_says(conn, failed, "failed", "invalid_number")
    county_says(conn, receive(conn, boss, "SF1234567890002", phone="13900001111"), "delivered")
    page = open_call_list(counter)
    table = find(page, "callTable")
    assert rows(table) == 1
    row = [table.model().index(0, c).data() for c in range(table.model().columnCount())]
    assert "SF1234567890001" in row and "张* 138****5678" in row and "短信失败：号码无效" in row
    assert "13812345678" not in " ".join(row)  # masked
    assert find(page, "callCount").text() == "共 1 件待通知"
    assert focused() == "callScanInput"

    typed(find(page, "callScanInput"), "sf1234567890001\r")  # the scanner finds its row
    assert [i.row() for i in table.selectionModel().selectedRows()] == [0]
    assert focused() == "callNoteInput" and "138****5678" in said(counter)
    type_chinese(find(page, "callNoteInput"), "本人接听，明天来取")
    send_key(find(page, "callNoteInput"), "\r")

    assert kind(counter) == "ok" and "已标记为已电话通知" in said(counter)
    assert rows(table) == 0 and find(page, "callCount").text() == "共 0 件待通知"
    assert focused() == "callScanInput" and find(page, "callNoteInput", QLineEdit).text() == ""
    op = journal.ops_for(conn, failed.id)[-1]
    assert op.type == "parcel.called"
    assert (op.payload["cause"], op.payload["note"]) == ("text_failed", "本人接听，明天来取")


def test_a_row_clicked_is_marked_by_the_button_and_a_parcel_not_listed_is_said(counter, conn, boss, qtbot):
    privacy = receive(conn, boss, "JD0012345678903", phone="4321", name="王五")
    receive(conn, boss, "SF1234567890002")  # its text is still queued: not on the list
    page = open_call_list(counter)
    table = find(page, "callTable")
    assert rows(table) == 1 and "隐私面单：只有手机尾号" in [table.model().index(0, c).data() for c in range(7)]

    typed(find(page, "callScanInput"), "SF1234567890002\r")
    assert kind(counter) == "warn" and "不在待电话通知列表中" in said(counter)
    assert focused() == "callScanInput"
    click(qtbot, page, "markCalledButton")  # nothing chosen yet
    assert kind(counter) == "warn" and rows(table) == 1

    click_row(qtbot, table, 0)
    click(qtbot, page, "markCalledButton")
    assert rows(table) == 0 and focused() == "callScanInput"
    assert [op.type for op in journal.ops_for(conn, privacy.id)] == ["parcel.received", "parcel.called"]


def test_pickup_and_stock_show_each_texts_status(counter, conn, boss, qtbot):
    county_says(conn, receive(conn, boss, "SF1234567890001"), "failed", "opted_out")
    county_says(conn, receive(conn, boss, "SF1234567890002"), "delivered")
    county_says(conn, receive(conn, boss, "SF1234567890003"), "sent")
    receive(conn, boss, "SF1234567890004")
    county_says(conn, receive(conn, boss, "SF1234567890005", phone="13900001111"), "queued", "quiet_hours")
    page = go(counter, "stockPage")
    table = find(page, "stockTable")
    header = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(table.model().columnCount())]
    texts = {table.model().index(r, header.index("运单号")).data(): table.model().index(r, header.index("短信")).data()
             for r in range(rows(table))}
    assert texts == {"SF1234567890001": "失败：已退订短信", "SF1234567890002": "已送达",
                     "SF1234567890003": "已发送", "SF1234567890004": "排队",
                     "SF1234567890005": "排队：夜间免打扰，早上发出"}

    page = go(counter, "pickupPage")
    typed(find(page, "lookupInput"), "5678\r")
    table = find(page, "pickupTable")
    header = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(table.model().columnCount())]
    assert sorted(table.model().index(r, header.index("短信")).data() for r in range(rows(table))) == [
        "失败：已退订短信", "已发送", "已送达", "排队"]
