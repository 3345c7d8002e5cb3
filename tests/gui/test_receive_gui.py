"""到件入库 through the real window: scanner bursts, recipients, duplicates, focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.core import journal, manifest
from station_app.ui import feedback

from .scanner import Scanner, fill, send_key, type_chinese, typed
from .support import Modals, choose, find, kind, pick_file, rows, said, the_page


def expect_manifest(conn, boss, waybills):
    rows = "".join(f"{w},,收件人{i},138{i:08d}\n" for i, w in enumerate(waybills))
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone\n" + rows).encode(),
                          source="t.csv", clerk_id=boss.id)



def test_after_login_the_receive_page_has_the_scan_field_focused(counter):
    assert find(counter, "pageTabs").currentWidget().objectName() == "receivePage"
    assert QApplication.focusWidget() is find(the_page(counter, "receivePage"), "scanInput")


def test_a_scanner_burst_stores_every_parcel_with_none_lost_or_merged(counter, conn, boss, qtbot):
    waybills = [f"SF{i:013d}" for i in range(60)]
    expect_manifest(conn, boss, waybills)
    scanner = Scanner(char_ms=2, gap_ms=50)
    scanner.scan(waybills)
    qtbot.waitUntil(lambda: scanner.done, timeout=60_000)
    stored = [r[0] for r in conn.execute("SELECT waybill FROM parcels ORDER BY received_at")]
    assert scanner.dropped == 0
    assert stored == waybills
    assert journal.count(conn, "parcel.received") == 60
    page = the_page(counter, "receivePage")
    assert rows(find(page, "receivedTable")) == 60
    assert find(page, "lastPickupCode").text() == conn.execute(
        "SELECT pickup_code FROM parcels WHERE waybill = ?", (waybills[-1],)).fetchone()[0]
    assert QApplication.focusWidget() is find(page, "scanInput")


def test_a_parcel_without_manifest_asks_for_the_phone_then_returns_to_scanning(counter, conn, qtbot):
    page = the_page(counter, "receivePage")
    typed(find(page, "scanInput"), "YT1234567890123\r")
    assert QApplication.focusWidget() is find(page, "phoneInput")
    assert "1-1-0001" in find(page, "recipientPrompt").text()
    assert kind(counter) == "warn"
    typed(find(page, "phoneInput"), "139 0000 1111\r")
    assert conn.execute("SELECT recipient_phone FROM parcels").fetchone()[0] == "13900001111"
    assert QApplication.focusWidget() is find(page, "scanInput")
    assert kind(counter) == "ok" and "139****1111" in said(counter)


def test_privacy_waybill_takes_tail_and_a_chinese_name(counter, conn):
    page = the_page(counter, "receivePage")
    typed(find(page, "scanInput"), "JD0012345678901\r")
    typed(find(page, "phoneInput"), "4321\r")
    assert QApplication.focusWidget() is find(page, "nameInput")
    type_chinese(find(page, "nameInput"), "欧阳娜娜")
    send_key(find(page, "nameInput"), "\r")
    row = conn.execute("SELECT recipient_name, phone_tail, recipient_phone FROM parcels").fetchone()
    assert tuple(row) == ("欧阳娜娜", "4321", "")
    assert QApplication.focusWidget() is find(page, "scanInput")


def test_a_bad_phone_is_refused_and_the_field_stays(counter, conn):
    page = the_page(counter, "receivePage")
    typed(find(page, "scanInput"), "YT1234567890123\r")
    typed(find(page, "phoneInput"), "12345\r")
    assert kind(counter) == "error" and "不是手机号" in said(counter)
    assert QApplication.focusWidget() is find(page, "phoneInput")
    assert conn.execute("SELECT phone_tail FROM parcels").fetchone()[0] == ""


def test_scans_landing_in_the_phone_field_are_still_received(counter, conn, qtbot):
    page = the_page(counter, "receivePage")
    scanner = Scanner()
    scanner.scan(["YT0000000000001", "YT0000000000002", "JT0000000000003"])
    qtbot.waitUntil(lambda: scanner.done, timeout=10_000)
    assert conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 3
    assert "1-1-0001" in find(page, "recipientPrompt").text()  # the first of the three waits for its phone
    fill(find(page, "phoneInput"), "13800000001")
    send_key(find(page, "phoneInput"), "\r")
    assert "1-1-0002" in find(page, "recipientPrompt").text()
    fill(find(page, "phoneInput"), "13800000002")
    send_key(find(page, "phoneInput"), "\r")
    qtbot.keyClick(find(page, "phoneInput"), Qt.Key.Key_Escape)  # skip the last one: it stays shelved without a phone
    assert QApplication.focusWidget() is find(page, "scanInput")
    phones = [r[0] for r in conn.execute("SELECT recipient_phone FROM parcels ORDER BY received_at")]
    assert phones == ["13800000001", "13800000002", ""]


def test_a_duplicate_scan_is_a_red_warning_and_changes_nothing(counter, conn, boss):
    expect_manifest(conn, boss, ["SF1234567890123"])
    page = the_page(counter, "receivePage")
    typed(find(page, "scanInput"), "SF1234567890123\r")
    before = journal.count(conn)
    fill(find(page, "phoneInput"), "13900009999")  # typed for this parcel, which is already shelved
    typed(find(page, "scanInput"), "sf1234567890123\r")
    assert find(page, "phoneInput").text() == ""  # so it cannot stick to the next parcel
    assert kind(counter) == "error" and "1-1-0001" in said(counter)
    assert feedback.last[-1] == "error"
    assert journal.count(conn) == before
    assert QApplication.focusWidget() is find(page, "scanInput")


def test_choosing_a_shelf_moves_shelving_and_focus_returns(counter, conn, boss):
    page = the_page(counter, "receivePage")
    choose(find(page, "shelfSelector"), text="2-3")
    expect_manifest(conn, boss, ["SF1234567890123"])
    typed(find(page, "scanInput"), "SF1234567890123\r")
    assert find(page, "lastPickupCode").text().startswith("2-3-")
    assert QApplication.focusWidget() is find(page, "scanInput")


def test_bags_courier_decides_an_ambiguous_number(counter, conn):
    page = the_page(counter, "receivePage")
    choose(find(page, "courierSelector"), data="STO")
    typed(find(page, "scanInput"), "4312345678901\r")
    assert conn.execute("SELECT courier FROM parcels").fetchone()[0] == "STO"


def test_manifest_import_from_the_page_reports_bad_lines(counter, conn, tmp_path, qtbot):
    bad = tmp_path / "bad.csv"
    bad.write_text("waybill,courier,recipient_name,recipient_phone\nSF1,,张三,138\n", encoding="gbk")
    answers = Modals(pick_file(bad))
    qtbot.mouseClick(find(counter, "importManifestButton"), Qt.MouseButton.LeftButton)
    assert answers.done()
    assert "第 2 行" in said(counter) and kind(counter) == "error"
    assert conn.execute("SELECT count(*) FROM manifest").fetchone()[0] == 0
    good = tmp_path / "good.csv"
    good.write_text("waybill,courier,recipient_name,recipient_phone\nSF1234567890123,顺丰,张三,13812345678\n",
                    encoding="utf-8-sig")
    answers = Modals(pick_file(good))
    qtbot.mouseClick(find(counter, "importManifestButton"), Qt.MouseButton.LeftButton)
    assert answers.done()
    assert conn.execute("SELECT count(*) FROM manifest").fetchone()[0] == 1
    assert kind(counter) == "ok"


def test_keys_f2_f3_f4_switch_pages_and_focus_their_scan_field(counter, qtbot):
    for key, page, field in ((Qt.Key.Key_F3, "pickupPage", "lookupInput"),
                             (Qt.Key.Key_F4, "stockPage", "returnScanInput"),
                             (Qt.Key.Key_F2, "receivePage", "scanInput")):
        qtbot.keyClick(QApplication.focusWidget(), key)
        assert find(counter, "pageTabs").currentWidget().objectName() == page
        assert QApplication.focusWidget().objectName() == field
