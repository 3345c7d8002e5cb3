"""到件入库: the big code always shows the parcel the clerk must act on; the shelf selector follows the codes;
a privacy waybill says no text goes out."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox

from station_app.core import notifications, parcels

from .scanner import Scanner, send_key, type_chinese, typed
from .support import expect_manifest, find, kind, said, the_page


def code_of(conn, waybill):
    return conn.execute("SELECT pickup_code FROM parcels WHERE waybill = ?", (waybill,)).fetchone()[0]


def test_a_duplicate_scan_shows_the_code_of_the_parcel_in_hand(counter, conn, boss, qtbot):
    expect_manifest(conn, boss, [("SF0000000000001", "张三", "13812345678"),
                                 ("YT0000000000002", "李四", "13912345678")])
    page = the_page(counter, "receivePage")
    scanner = Scanner()
    scanner.scan(["SF0000000000001", "YT0000000000002", "SF0000000000001"])
    qtbot.waitUntil(lambda: scanner.done, timeout=10_000)
    assert kind(counter) == "error" and "已经在库" in said(counter)
    assert find(page, "lastPickupCode").text() == code_of(conn, "SF0000000000001") == "1-1-0001"
    assert "SF0000000000001" in find(page, "lastDetail").text()
    assert QApplication.focusWidget() is find(page, "scanInput")


def test_while_the_phone_prompt_waits_for_a_the_big_code_stays_on_a(counter, conn, boss, qtbot):
    expect_manifest(conn, boss, [("SF0000000000009", "张三", "13812345678")])
    page = the_page(counter, "receivePage")
    prompt, big = find(page, "recipientPrompt"), find(page, "lastPickupCode")
    scanner = Scanner()
    scanner.scan(["YT0000000000001"])  # A: not in the manifest, asks for a phone
    qtbot.waitUntil(lambda: scanner.done, timeout=10_000)
    a = code_of(conn, "YT0000000000001")
    assert QApplication.focusWidget() is find(page, "phoneInput") and a in prompt.text()
    scanner.scan(["JT0000000000002", "SF0000000000009"])  # B needs a phone too; C is in the manifest
    qtbot.waitUntil(lambda: scanner.done, timeout=10_000)
    assert a in prompt.text() and big.text() == a
    assert "YT0000000000001" in find(page, "lastDetail").text()
    assert code_of(conn, "SF0000000000009") in said(counter)  # C's code is said in the banner
    typed(find(page, "phoneInput"), "13900001111\r")  # A's phone: now B is asked for, and shown
    b = code_of(conn, "JT0000000000002")
    assert b in prompt.text() and big.text() == b
    typed(find(page, "phoneInput"), "13900002222\r")
    assert big.text() == b and QApplication.focusWidget() is find(page, "scanInput")


def test_the_shelf_selector_follows_where_codes_go_out(request, conn, boss, qtbot):
    for i in range(40):  # layer 1-1 is full (capacity 40)
        parcels.receive(conn, f"SF{i:013d}", clerk_id=boss.id, phone="13812345678")
    counter = request.getfixturevalue("counter")
    page = the_page(counter, "receivePage")
    assert find(page, "shelfSelector", QComboBox).currentText() == "1-1"
    typed(find(page, "scanInput"), "YT0000000000001\r")
    typed(find(page, "phoneInput"), "13900001111\r")
    assert code_of(conn, "YT0000000000001").startswith("1-2-")
    assert find(page, "shelfSelector", QComboBox).currentText() == "1-2"


def test_a_privacy_waybill_says_no_text_goes_out(counter, conn):
    page = the_page(counter, "receivePage")
    typed(find(page, "scanInput"), "JD0012345678901\r")
    typed(find(page, "phoneInput"), "4321\r")
    type_chinese(find(page, "nameInput"), "欧阳娜娜")
    send_key(find(page, "nameInput"), "\r")
    text = said(counter)
    assert kind(counter) == "warn" and "无完整手机号，不发短信" in text and "已排队" not in text
    assert "****4321" in text
    pid = conn.execute("SELECT id FROM parcels").fetchone()[0]
    assert notifications.for_parcel(conn, pid) == []
