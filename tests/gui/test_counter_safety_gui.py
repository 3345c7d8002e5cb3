"""Issue 10 at the counter: two people sharing a phone tail, scans at the lock screen, the login layout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget

from station_app.core import journal, parcels
from station_app.ui import feedback

from .scanner import Scanner, type_chinese, typed
from .support import click, column, find, go, kind, on_login_screen, rows, said


def wait_scanned(qtbot, scanner: Scanner) -> None:
    qtbot.waitUntil(lambda: scanner.done, timeout=10_000)


def two_people_ending_5678(conn, boss):
    parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678", name="张三")
    parcels.receive(conn, "YT0000000000002", clerk_id=boss.id, phone="13912345678", name="李四")
    parcels.receive(conn, "YT0000000000003", clerk_id=boss.id, phone="13912345678", name="李四")


def status(conn, waybill):
    return conn.execute("SELECT status FROM parcels WHERE waybill = ?", (waybill,)).fetchone()[0]


def handed_column(page):
    return column(find(page, "pickupTable"), 0)


def test_same_tail_two_people_the_clerk_picks_the_person_before_any_scan_counts(counter, conn, boss, qtbot):
    two_people_ending_5678(conn, boss)
    page = go(counter, "pickupPage")
    scanner = Scanner()
    typed(find(page, "lookupInput"), "5678\r")
    chooser = find(page, "recipientChooser", QListWidget)
    assert chooser.isVisible() and chooser.count() == 2
    listed = [chooser.item(i).text() for i in range(2)]
    assert "张*" in listed[0] and "138****5678" in listed[0] and "李*" in listed[1] and "139****5678" in listed[1]
    assert not any("13812345678" in r or "李四" in r for r in listed)  # masked name and phone only
    assert QApplication.focusWidget() is find(page, "pickupScanInput")

    scanner.scan(["YT0000000000002"])  # a scan before the person is picked does not count
    wait_scanned(qtbot, scanner)
    assert kind(counter) == "error" and "请先选择取件人" in said(counter)
    assert feedback.last[-1] == "error"
    assert "✔" not in handed_column(page)

    qtbot.keyClick(find(page, "pickupScanInput"), Qt.Key.Key_Down)  # ↓ ↓ Enter: the second person, 李四
    qtbot.keyClick(find(page, "pickupScanInput"), Qt.Key.Key_Down)
    qtbot.keyClick(find(page, "pickupScanInput"), Qt.Key.Key_Return)
    assert not chooser.isVisible()
    assert "李*" in find(page, "pickupSummary").text() and "139****5678" in find(page, "pickupSummary").text()
    assert rows(find(page, "pickupTable")) == 2

    scanner.scan(["SF0000000000001"])  # 张三's parcel, fetched from the same shelf by mistake
    wait_scanned(qtbot, scanner)
    assert kind(counter) == "error" and "不是这位取件人" in said(counter)
    assert feedback.last[-1] == "error"
    scanner.scan(["YT0000000000002"])
    wait_scanned(qtbot, scanner)
    assert kind(counter) == "ok"
    qtbot.keyClick(find(page, "pickupScanInput"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: status(conn, "YT0000000000002") == "picked_up")  # the button clicks itself
    assert status(conn, "SF0000000000001") == "in_stock" and status(conn, "YT0000000000003") == "in_stock"


def test_number_key_picks_the_person_and_a_proxy_is_recorded_masked_on_screen(counter, conn, boss, qtbot):
    two_people_ending_5678(conn, boss)
    page = go(counter, "pickupPage")
    typed(find(page, "lookupInput"), "5678\r")
    typed(find(page, "pickupScanInput"), "1\r")  # number key + Enter: 张三
    assert "张*" in find(page, "pickupSummary").text() and rows(find(page, "pickupTable")) == 1
    typed(find(page, "pickupScanInput"), "SF0000000000001\r")
    click(qtbot, page, "handoverProxy")
    assert find(page, "proxyName").isVisible() and find(page, "proxyTail").isVisible()
    find(page, "proxyName").setFocus()
    type_chinese(find(page, "proxyName"), "张大妈")
    typed(find(page, "proxyTail"), "13700009876")
    click(qtbot, page, "confirmPickupButton")
    row = conn.execute("SELECT handover, proxy_name, proxy_phone_tail FROM parcels WHERE waybill='SF0000000000001'")
    assert tuple(row.fetchone()) == ("proxy", "张大妈", "9876")
    op = journal.ops_for(conn, parcels.latest_by_waybill(conn, "SF0000000000001").id)[-1]
    assert op.payload["handover"] == "proxy" and op.payload["proxy_name"] == "张大妈"
    assert "13700009876" not in str(op.payload)  # only the last four digits are kept
    assert kind(counter) == "ok" and "张*妈" in said(counter) and "****9876" in said(counter)
    stock = go(counter, "stockPage")  # the parcel's history says who took it, masked
    typed(find(stock, "searchInput"), "SF0000000000001\r")
    history_list = find(stock, "historyList", QListWidget)
    history = [history_list.item(i).text() for i in range(history_list.count())]
    assert any("代取：张*妈 ****9876" in line for line in history)


def test_door_delivery_records_who_signed_for_it(counter, conn, boss, qtbot):
    two_people_ending_5678(conn, boss)
    page = go(counter, "pickupPage")
    typed(find(page, "lookupInput"), "13812345678\r")
    assert not find(page, "recipientChooser").isVisible()  # one person: straight to scanning
    typed(find(page, "pickupScanInput"), "SF0000000000001\r")
    click(qtbot, page, "handoverDoor")
    click(qtbot, page, "confirmPickupButton")
    assert kind(counter) == "error" and "签收人" in said(counter)
    assert status(conn, "SF0000000000001") == "in_stock"
    find(page, "proxyName").setFocus()
    type_chinese(find(page, "proxyName"), "张三")
    click(qtbot, page, "confirmPickupButton")
    row = conn.execute("SELECT handover, proxy_name FROM parcels WHERE waybill='SF0000000000001'").fetchone()
    assert tuple(row) == ("door", "张三")


# ----- the lock screen ------------------------------------------------------------------------------------
def key_at(widget, char: str, ms: int) -> None:
    """One key as the window system delivers it, with its timestamp."""
    code, text = (Qt.Key.Key_Return, "\r") if char == "\r" else (Qt.Key(ord(char.upper())), char)
    for type_ in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(type_, code, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(ms)
        QApplication.sendEvent(widget, event)


def test_scans_at_the_lock_screen_are_not_pin_attempts(counter, conn, qtbot):
    click(qtbot, counter, "lockButton")
    login = find(counter, "loginPage")
    assert on_login_screen(counter)
    pin, message = find(login, "pinInput", QLineEdit), find(login, "loginMessage", QLabel)
    scanner = Scanner()
    scanner.scan(["SF1234567890123", "JT0000000000003", "773012345678901", "YT0000000000002", "1-2-0003",
                  "SF1234567890124"])
    wait_scanned(qtbot, scanner)
    assert "请先输入密码解锁" in message.text()
    for start, ms in ((1000, 2), (5000, 3)):  # an 8-digit code at scanner speed: a burst, not a PIN
        for i, ch in enumerate("12345678\r"):
            key_at(pin, ch, start + i * ms)
        assert "请先输入密码解锁" in message.text()
    assert tuple(conn.execute("SELECT failed_pins, locked_until FROM clerks").fetchone()) == (0, None)
    pin.clear()
    for i, ch in enumerate("1234\r"):  # the clerk's own PIN, typed by hand
        key_at(pin, ch, 9000 + i * 180)
    assert not on_login_screen(counter)


def test_the_pin_box_takes_digits_only(window):
    pin = find(window, "pinInput", QLineEdit)
    typed(pin, "12a-b34567890")
    assert pin.text() == "12345678" and pin.maxLength() == 8


def test_login_after_a_wrong_pin_keeps_its_layout_at_1024x768(window, qtbot):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() <= 1100)
    login = find(window, "loginPage")
    pin, button, message = (find(login, name) for name in ("pinInput", "loginButton", "loginMessage"))
    typed(pin, "0000\r")
    assert "密码错误" in message.text()
    for _ in range(3):  # the layout requests the new message posts, handled as on screen
        QApplication.processEvents()

    def rect(w) -> QRect:
        return QRect(w.mapTo(login, w.rect().topLeft()), w.size())

    label = message
    field, button, message = rect(pin), rect(button), rect(message)
    assert not field.intersects(button) and not button.intersects(message)
    assert field.height() >= 40 and button.height() >= 40
    font = QFont(label.font())
    font.setPixelSize(20)
    metrics = QFontMetrics(font)
    lines = label.text().split("\n")
    assert len(lines) * metrics.lineSpacing() <= message.height()  # nothing cut off
    for line in lines:  # each sentence on its own line, none broken in the middle
        assert metrics.horizontalAdvance(line) <= label.contentsRect().width()
