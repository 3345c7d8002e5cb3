"""Issue 10 at the counter: two people sharing a phone tail, scans at the lock screen, the login layout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QApplication

from station_app.core import journal, parcels
from station_app.ui import feedback

from .scanner import Scanner, type_chinese, typed


def wait_scanned(qtbot, scanner: Scanner) -> None:
    qtbot.waitUntil(lambda: scanner.done, timeout=10_000)


def two_people_ending_5678(conn, boss):
    parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678", name="张三")
    parcels.receive(conn, "YT0000000000002", clerk_id=boss.id, phone="13912345678", name="李四")
    parcels.receive(conn, "YT0000000000003", clerk_id=boss.id, phone="13912345678", name="李四")


def status(conn, waybill):
    return conn.execute("SELECT status FROM parcels WHERE waybill = ?", (waybill,)).fetchone()[0]


def handed_column(page):
    return [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]


def test_same_tail_two_people_the_clerk_picks_the_person_before_any_scan_counts(counter, conn, boss, qtbot):
    two_people_ending_5678(conn, boss)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    page = counter.pickupPage
    scanner = Scanner()
    typed(page.lookupInput, "5678\r")
    chooser = page.recipientChooser
    assert chooser.isVisible() and chooser.count() == 2
    rows = [chooser.item(i).text() for i in range(2)]
    assert "张*" in rows[0] and "138****5678" in rows[0] and "李*" in rows[1] and "139****5678" in rows[1]
    assert not any("13812345678" in r or "李四" in r for r in rows)  # masked name and phone only
    assert QApplication.focusWidget() is page.pickupScanInput

    scanner.scan(["YT0000000000002"])  # a scan before the person is picked does not count
    wait_scanned(qtbot, scanner)
    assert counter.banner.kind == "error" and "请先选择取件人" in counter.banner.text()
    assert feedback.last[-1] == "error"
    assert "✔" not in handed_column(page)

    qtbot.keyClick(page.pickupScanInput, Qt.Key.Key_Down)  # ↓ ↓ Enter: the second person, 李四
    qtbot.keyClick(page.pickupScanInput, Qt.Key.Key_Down)
    qtbot.keyClick(page.pickupScanInput, Qt.Key.Key_Return)
    assert not chooser.isVisible()
    assert "李*" in page.summary.text() and "139****5678" in page.summary.text()
    assert page.model.rowCount() == 2

    scanner.scan(["SF0000000000001"])  # 张三's parcel, fetched from the same shelf by mistake
    wait_scanned(qtbot, scanner)
    assert counter.banner.kind == "error" and "不是这位取件人" in counter.banner.text()
    assert feedback.last[-1] == "error"
    scanner.scan(["YT0000000000002"])
    wait_scanned(qtbot, scanner)
    assert counter.banner.kind == "ok"
    qtbot.keyClick(page.pickupScanInput, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: status(conn, "YT0000000000002") == "picked_up")  # the button clicks itself
    assert status(conn, "SF0000000000001") == "in_stock" and status(conn, "YT0000000000003") == "in_stock"


def test_number_key_picks_the_person_and_a_proxy_is_recorded_masked_on_screen(counter, conn, boss, qtbot):
    two_people_ending_5678(conn, boss)
    counter.show_page(counter.pickupPage)
    page = counter.pickupPage
    typed(page.lookupInput, "5678\r")
    typed(page.pickupScanInput, "1\r")  # number key + Enter: 张三
    assert "张*" in page.summary.text() and page.model.rowCount() == 1
    typed(page.pickupScanInput, "SF0000000000001\r")
    qtbot.mouseClick(page.proxyRadio, Qt.MouseButton.LeftButton)
    assert page.proxyName.isVisible() and page.proxyTail.isVisible()
    page.proxyName.setFocus()
    type_chinese(page.proxyName, "张大妈")
    typed(page.proxyTail, "13700009876")
    qtbot.mouseClick(page.confirmPickupButton, Qt.MouseButton.LeftButton)
    row = conn.execute("SELECT handover, proxy_name, proxy_phone_tail FROM parcels WHERE waybill='SF0000000000001'")
    assert tuple(row.fetchone()) == ("proxy", "张大妈", "9876")
    op = journal.ops_for(conn, parcels.latest_by_waybill(conn, "SF0000000000001").id)[-1]
    assert op.payload["handover"] == "proxy" and op.payload["proxy_name"] == "张大妈"
    assert "13700009876" not in str(op.payload)  # only the last four digits are kept
    assert counter.banner.kind == "ok" and "张*妈" in counter.banner.text() and "****9876" in counter.banner.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)  # the parcel's history says who took it, masked
    typed(counter.stockPage.search.searchInput, "SF0000000000001\r")
    history = [counter.stockPage.search.historyList.item(i).text()
               for i in range(counter.stockPage.search.historyList.count())]
    assert any("代取：张*妈 ****9876" in line for line in history)


def test_door_delivery_records_who_signed_for_it(counter, conn, boss, qtbot):
    two_people_ending_5678(conn, boss)
    counter.show_page(counter.pickupPage)
    page = counter.pickupPage
    typed(page.lookupInput, "13812345678\r")
    assert not page.recipientChooser.isVisible()  # one person: straight to scanning
    typed(page.pickupScanInput, "SF0000000000001\r")
    qtbot.mouseClick(page.doorRadio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.confirmPickupButton, Qt.MouseButton.LeftButton)
    assert counter.banner.kind == "error" and "签收人" in counter.banner.text()
    assert status(conn, "SF0000000000001") == "in_stock"
    page.proxyName.setFocus()
    type_chinese(page.proxyName, "张三")
    qtbot.mouseClick(page.confirmPickupButton, Qt.MouseButton.LeftButton)
    row = conn.execute("SELECT handover, proxy_name FROM parcels WHERE waybill='SF0000000000001'").fetchone()
    assert tuple(row) == ("door", "张三")


# ----- the lock screen ------------------------------------------------------------------------------------
def key_at(widget, char: str, ms: int) -> None:
    """One key as the window system delivers it, with its timestamp."""
    code, text = (Qt.Key.Key_Return, "\r") if char == "\r" else (Qt.Key(ord(char.upper())), char)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(ms)
        QApplication.sendEvent(widget, event)


def test_scans_at_the_lock_screen_are_not_pin_attempts(counter, conn, qtbot):
    qtbot.mouseClick(counter.lockButton, Qt.MouseButton.LeftButton)
    login = counter.loginPage
    assert counter.stack.currentIndex() == 0
    scanner = Scanner()
    scanner.scan(["SF1234567890123", "JT0000000000003", "773012345678901", "YT0000000000002", "1-2-0003",
                  "SF1234567890124"])
    wait_scanned(qtbot, scanner)
    assert "请先输入密码解锁" in login.message.text()
    for start, ms in ((1000, 2), (5000, 3)):  # an 8-digit code at scanner speed: a burst, not a PIN
        for i, ch in enumerate("12345678\r"):
            key_at(login.pinInput, ch, start + i * ms)
        assert "请先输入密码解锁" in login.message.text()
    assert tuple(conn.execute("SELECT failed_pins, locked_until FROM clerks").fetchone()) == (0, None)
    login.pinInput.setText("")
    for i, ch in enumerate("1234\r"):  # the clerk's own PIN, typed by hand
        key_at(login.pinInput, ch, 9000 + i * 180)
    assert counter.stack.currentIndex() == 1


def test_the_pin_box_takes_digits_only(window):
    pin = window.loginPage.pinInput
    typed(pin, "12a-b34567890")
    assert pin.text() == "12345678" and pin.maxLength() == 8


def test_login_after_a_wrong_pin_keeps_its_layout_at_1024x768(window, qtbot):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() <= 1100)
    login = window.loginPage
    typed(login.pinInput, "0000\r")
    assert "密码错误" in login.message.text()
    for _ in range(3):  # the layout requests the new message posts, handled as on screen
        QApplication.processEvents()

    def rect(w) -> QRect:
        return QRect(w.mapTo(login, w.rect().topLeft()), w.size())

    field, button, message = rect(login.pinInput), rect(login.loginButton), rect(login.message)
    assert not field.intersects(button) and not button.intersects(message)
    assert field.height() >= 40 and button.height() >= 40
    font = QFont(login.message.font())
    font.setPixelSize(20)
    metrics = QFontMetrics(font)
    lines = login.message.text().split("\n")
    assert len(lines) * metrics.lineSpacing() <= message.height()  # nothing cut off
    for line in lines:  # each sentence on its own line, none broken in the middle
        assert metrics.horizontalAdvance(line) <= login.message.contentsRect().width()
