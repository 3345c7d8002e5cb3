"""一点多能 and 到车 through the real window: a service recorded with its receipt, found again by phone, voided only
by a supervisor, its cash in the day close; a bus run started on F2, scanned against its list, closed short."""

from __future__ import annotations

import json

import pymupdf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QListWidget

from station_app.core import journal, manifest
from station_app.core.device_settings import PrinterSettings

from .scanner import fill, typed
from .support import (
    Modals,
    button_of,
    choose,
    click,
    click_row,
    decode_pdf,
    find,
    go,
    kind,
    rows,
    said,
    set_printer,
    supervisor,
)


def test_record_a_service_with_its_receipt_void_it_by_supervisor_and_close_the_day(counter, conn, qtbot, tmp_path,
                                                                                    data_dir):
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    page = go(counter, "servicesPage")
    assert QApplication.focusWidget() is find(page, "villagerLookup")
    choose(find(page, "serviceSelector"), data="AGR-BUY")  # 农资代购: 5 % of the amount, paid at the counter
    assert not find(page, "serviceIdNumber").isVisible()  # this service asks for no ID
    choose(find(page, "serviceBusinessType"), text="化肥")
    fill(find(page, "villagerName"), "王大妈")
    fill(find(page, "villagerPhone"), "13800001111")
    fill(find(page, "serviceAmount"), "300")
    assert find(page, "serviceFee", QLabel).text().startswith("¥15.00")
    typed(find(page, "serviceAmount"), "\r")  # Enter on the amount records it
    assert kind(counter) == "ok" and "王*" in said(counter), said(counter)
    assert rows(find(page, "servicesTable")) == 1
    qtbot.waitUntil(lambda: any(tmp_path.glob("service-*.pdf")), timeout=10_000)
    receipt = next(tmp_path.glob("service-*.pdf"))
    assert len(decode_pdf(receipt)) == 1  # its number as a barcode
    words = pymupdf.open(receipt)[0].get_text()
    assert "农资代购" in words and "¥315.00" in words and "13800001111" not in words  # the phone masked

    typed(find(page, "villagerLookup"), "13800001111\r")  # a repeat villager by phone: a few keys
    assert find(page, "villagerName").text() == "王大妈"
    assert find(page, "serviceSelector").currentData() == "AGR-BUY"
    assert QApplication.focusWidget() is find(page, "serviceAmount")

    day = go(counter, "dayClosePage")
    assert find(day, "expectedCash").text() == "¥315.00"  # amount and fee, both in cash

    page = go(counter, "servicesPage")
    click_row(qtbot, find(page, "servicesTable"), 0)
    wrong = Modals(supervisor("9999", reason="金额录错"))
    click(qtbot, page, "voidServiceButton")
    assert wrong.done()
    assert kind(counter) == "error"  # a wrong PIN voids nothing
    assert conn.execute("SELECT status FROM service_records").fetchone()[0] == "ok"
    click_row(qtbot, find(page, "servicesTable"), 0)
    approval = Modals(supervisor("1234", reason="金额录错"))
    click(qtbot, page, "voidServiceButton")
    assert approval.done()
    assert kind(counter) == "ok"
    assert conn.execute("SELECT status FROM service_records").fetchone()[0] == "voided"
    assert journal.count(conn, "service.voided") == 1
    day = go(counter, "dayClosePage")
    assert find(day, "expectedCash").text() == "¥0.00"


def test_a_service_needing_an_id_keeps_it_masked(counter, conn, qtbot):
    page = go(counter, "servicesPage")
    choose(find(page, "serviceSelector"), data="GOV-SB")
    fill(find(page, "villagerName"), "李大爷")
    fill(find(page, "villagerPhone"), "13900002222")
    choose(find(page, "serviceBusinessType"), text="社保卡补办")
    fill(find(page, "serviceReference"), "SB2026001")
    click(qtbot, page, "recordServiceButton")
    assert kind(counter) == "error" and "证件" in said(counter)  # the catalogue asks for the ID
    fill(find(page, "serviceIdNumber"), "500237198506151235")
    click(qtbot, page, "recordServiceButton")
    assert kind(counter) == "ok", said(counter)
    stored = conn.execute("SELECT id_masked FROM service_records").fetchone()[0]
    assert stored == "5002**********1235"
    recorded = payloads(conn, "service.recorded")
    assert recorded[0]["id_masked"] == "5002**********1235"  # the catalogue's privacy class: masked
    assert recorded[0]["villager_name"] == "李*爷" and recorded[0]["villager_phone"] == "139****2222"
    assert "500237198506151235" not in str(conn.execute("SELECT payload FROM journal").fetchall())


def payloads(conn, op_type: str) -> list[dict]:
    return [json.loads(r[0]) for r in conn.execute("SELECT payload FROM journal WHERE type = ? ORDER BY device_seq",
                                                   (op_type,))]


def start_run(dialog: QDialog) -> None:
    assert dialog.objectName() == "inboundRunDialog"
    choose(find(dialog, "arrivalSelector"), text="SL-LW（时刻表外）")
    plate = find(dialog, "busPlate")
    plate.setFocus()
    fill(plate, "渝F12345")
    fill(find(dialog, "busDriver"), "张师傅")
    QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_bus_run_shows_what_is_missing_as_parcels_are_scanned_and_closes_short(counter, conn, boss, qtbot):
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone,route_code\n"
                                 "YT7000000000001,圆通,张三,13812340001,SL-LW\n"
                                 "YT7000000000002,圆通,李四,13812340002,SL-LW\n"
                                 "YT7000000000003,圆通,王五,13812340003,QJ-LQ\n").encode(),
                          source="run.csv", clerk_id=boss.id)
    page = go(counter, "receivePage")
    assert not find(page, "closeRunButton").isEnabled()
    opened = Modals(start_run)
    click(qtbot, page, "startRunButton")
    assert opened.done()
    assert kind(counter) == "ok", said(counter)
    status = find(page, "inboundRunStatus", QLabel)
    assert "SL-LW" in status.text() and "渝F12345" in status.text() and "短少 2 件" in status.text()

    typed(find(page, "scanInput"), "YT7000000000001\r")  # on the list
    assert "短少 1 件" in status.text()
    typed(find(page, "scanInput"), "ZT7000000000009\r")  # not on the list: its phone is asked
    typed(find(page, "phoneInput"), "13900001111\r")
    listed = find(page, "runMissingList", QListWidget)
    assert [listed.item(i).text() for i in range(listed.count())] == ["短少：YT7000000000002",
                                                                      "清单外：ZT7000000000009"]
    click(qtbot, page, "closeRunButton")
    assert kind(counter) == "warn" and "短少 1 件" in said(counter), said(counter)
    assert not find(page, "closeRunButton").isEnabled() and find(page, "startRunButton").isEnabled()
    assert [p["waybill"] for p in payloads(conn, "inbound.item_missing")] == ["YT7000000000002"]
    closed = payloads(conn, "inbound.closed")[0]
    assert closed["unannounced"] == ["ZT7000000000009"] and closed["punctuality"] == "unscheduled"
