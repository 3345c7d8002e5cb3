"""到件入库 through the real window: scanner bursts, recipients, duplicates, focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.core import journal, manifest
from station_app.ui import feedback

from .scanner import Scanner, send_key, type_chinese, typed


def expect_manifest(conn, boss, waybills):
    rows = "".join(f"{w},,收件人{i},138{i:08d}\n" for i, w in enumerate(waybills))
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone\n" + rows).encode(),
                          source="t.csv", clerk_id=boss.id)



def test_after_login_the_receive_page_has_the_scan_field_focused(counter):
    assert counter.tabs.currentWidget().objectName() == "receivePage"
    assert QApplication.focusWidget() is counter.receivePage.scanInput


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
    page = counter.receivePage
    assert page.model.rowCount() == 60
    assert page.lastPickupCode.text() == conn.execute(
        "SELECT pickup_code FROM parcels WHERE waybill = ?", (waybills[-1],)).fetchone()[0]
    assert QApplication.focusWidget() is page.scanInput


def test_a_parcel_without_manifest_asks_for_the_phone_then_returns_to_scanning(counter, conn, qtbot):
    page = counter.receivePage
    typed(page.scanInput, "YT1234567890123\r")
    assert QApplication.focusWidget() is page.phoneInput
    assert "1-1-0001" in page.prompt.text()
    assert page.banner.kind == "warn"
    typed(page.phoneInput, "139 0000 1111\r")
    assert conn.execute("SELECT recipient_phone FROM parcels").fetchone()[0] == "13900001111"
    assert QApplication.focusWidget() is page.scanInput
    assert page.banner.kind == "ok" and "139****1111" in page.banner.text()


def test_privacy_waybill_takes_tail_and_a_chinese_name(counter, conn):
    page = counter.receivePage
    typed(page.scanInput, "JD0012345678901\r")
    typed(page.phoneInput, "4321\r")
    assert QApplication.focusWidget() is page.nameInput
    type_chinese(page.nameInput, "欧阳娜娜")
    send_key(page.nameInput, "\r")
    row = conn.execute("SELECT recipient_name, phone_tail, recipient_phone FROM parcels").fetchone()
    assert tuple(row) == ("欧阳娜娜", "4321", "")
    assert QApplication.focusWidget() is page.scanInput


def test_a_bad_phone_is_refused_and_the_field_stays(counter, conn):
    page = counter.receivePage
    typed(page.scanInput, "YT1234567890123\r")
    typed(page.phoneInput, "12345\r")
    assert page.banner.kind == "error" and "不是手机号" in page.banner.text()
    assert QApplication.focusWidget() is page.phoneInput
    assert conn.execute("SELECT phone_tail FROM parcels").fetchone()[0] == ""


def test_scans_landing_in_the_phone_field_are_still_received(counter, conn, qtbot):
    page = counter.receivePage
    scanner = Scanner()
    scanner.scan(["YT0000000000001", "YT0000000000002", "JT0000000000003"])
    qtbot.waitUntil(lambda: scanner.done, timeout=10_000)
    assert conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 3
    assert len(page.awaiting) == 3
    page.phoneInput.setText("13800000001")
    send_key(page.phoneInput, "\r")
    page.phoneInput.setText("13800000002")
    send_key(page.phoneInput, "\r")
    qtbot.keyClick(page.phoneInput, Qt.Key.Key_Escape)  # skip the last one: it stays shelved without a phone
    assert QApplication.focusWidget() is page.scanInput
    phones = [r[0] for r in conn.execute("SELECT recipient_phone FROM parcels ORDER BY received_at")]
    assert phones == ["13800000001", "13800000002", ""]


def test_a_duplicate_scan_is_a_red_warning_and_changes_nothing(counter, conn, boss):
    expect_manifest(conn, boss, ["SF1234567890123"])
    page = counter.receivePage
    typed(page.scanInput, "SF1234567890123\r")
    before = journal.count(conn)
    page.phoneInput.setText("13900009999")  # typed for this parcel, which is already shelved
    typed(page.scanInput, "sf1234567890123\r")
    assert page.phoneInput.text() == ""  # so it cannot stick to the next parcel
    assert page.banner.kind == "error" and "1-1-0001" in page.banner.text()
    assert feedback.last[-1] == "error"
    assert journal.count(conn) == before
    assert QApplication.focusWidget() is page.scanInput


def test_choosing_a_shelf_moves_shelving_and_focus_returns(counter, conn, boss):
    page = counter.receivePage
    index = page.shelfSelector.findText("2-3")
    page.shelfSelector.setCurrentIndex(index)
    page.shelfSelector.activated.emit(index)
    expect_manifest(conn, boss, ["SF1234567890123"])
    typed(page.scanInput, "SF1234567890123\r")
    assert page.lastPickupCode.text().startswith("2-3-")
    assert QApplication.focusWidget() is page.scanInput


def test_bags_courier_decides_an_ambiguous_number(counter, conn):
    page = counter.receivePage
    index = page.courierSelector.findData("STO")
    page.courierSelector.setCurrentIndex(index)
    typed(page.scanInput, "4312345678901\r")
    assert conn.execute("SELECT courier FROM parcels").fetchone()[0] == "STO"


def test_manifest_import_from_the_page_reports_bad_lines(counter, conn, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("waybill,courier,recipient_name,recipient_phone\nSF1,,张三,138\n", encoding="gbk")
    assert not counter.receivePage.import_manifest(str(bad))
    assert "第 2 行" in counter.banner.text() and counter.banner.kind == "error"
    assert conn.execute("SELECT count(*) FROM manifest").fetchone()[0] == 0
    good = tmp_path / "good.csv"
    good.write_text("waybill,courier,recipient_name,recipient_phone\nSF1234567890123,顺丰,张三,13812345678\n",
                    encoding="utf-8-sig")
    assert counter.receivePage.import_manifest(str(good))
    assert counter.banner.kind == "ok"


def test_keys_f2_f3_f4_switch_pages_and_focus_their_scan_field(counter, qtbot):
    for key, page, field in ((Qt.Key.Key_F3, "pickupPage", "lookupInput"),
                             (Qt.Key.Key_F4, "stockPage", "returnScanInput"),
                             (Qt.Key.Key_F2, "receivePage", "scanInput")):
        qtbot.keyClick(QApplication.focusWidget(), key)
        assert counter.tabs.currentWidget().objectName() == page
        assert QApplication.focusWidget().objectName() == field
