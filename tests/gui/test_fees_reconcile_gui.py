"""派费对账 (Shift+F8) through the real window: a month's statement for a courier, reconciled against the
courier's own file with planted differences (exactly those found), agreed and marked paid, COD remitted, and
the statement saved as PDF and .xlsx."""

from __future__ import annotations

import pymupdf
from openpyxl import load_workbook
from PySide6.QtWidgets import QLabel

from station_app.core import journal, parcels, pickup, stock
from station_app.core.clock import local_day, utc_now

from .scanner import fill
from .support import Modals, cells, choose, click, find, go, kind, pick_file, said

ZTO = [f"7312345678{n:02d}" for n in range(6)]


def a_month_with_zto(conn, boss) -> None:
    """Six ZTO parcels in, four handed over (¥0.60 each at the built-in rate), one returned (¥0.30)."""
    got = [parcels.receive(conn, w, clerk_id=boss.id, phone="13812345678", name="张三", current_courier="ZTO").parcel
           for w in ZTO]
    pickup.confirm(conn, [p.id for p in got[:4]], pickup.Handover("self"), clerk_id=boss.id)
    stock.return_to_courier(conn, ZTO[4], "refused", clerk_id=boss.id)


def test_statement_reconciles_against_the_couriers_file(counter, conn, boss, qtbot, tmp_path):
    a_month_with_zto(conn, boss)
    page = go(counter, "feesPage")
    find(page, "feesCourier").setFocus()
    choose(find(page, "feesCourier"), data="ZTO")
    summary = find(page, "statementSummary", QLabel).text()
    assert "到件入库 6 件" in summary and "派件（已出库）：4 件，¥2.40" in summary and "退件：1 件，¥0.30" in summary
    assert "应付本站派费：¥2.70" in summary

    # the courier's file (GBK, as Excel saves it): one of ours missing, one extra, one amount different
    theirs = tmp_path / "中通对账.csv"
    theirs.write_bytes(("序号,运单号,派费\n"
                        f"1,{ZTO[0]},0.60\n2,{ZTO[1]},0.60\n3,{ZTO[2].lower()},0.50\n"
                        f"4,{ZTO[4]},0.30\n5,731234567899,0.60\n").encode("gbk"))
    dialogs = Modals(pick_file(theirs))
    click(qtbot, page, "importCourierFileButton")
    assert dialogs.done()
    assert kind(counter) == "warn"
    assert sorted(cells(find(page, "reconcileTable"))) == sorted([
        ["本站有，对方无", ZTO[3], "¥0.60", "-"],
        ["对方有，本站无", "731234567899", "-", "¥0.60"],
        ["金额不符", ZTO[2], "¥0.60", "¥0.50"],
    ])
    assert "3 条一致" in find(page, "reconcileSummary", QLabel).text()

    # a file that is not a statement: refused with its line, the comparison kept
    bad = tmp_path / "bad.csv"
    bad.write_text("运单号,派费\n731234567800,六毛\n", encoding="utf-8")
    dialogs = Modals(pick_file(bad))
    click(qtbot, page, "importCourierFileButton")
    assert dialogs.done() and kind(counter) == "error" and "第 2 行" in said(counter)

    assert not find(page, "markPaidButton").isEnabled()  # paid only once agreed
    click(qtbot, page, "agreeStatementButton")
    assert kind(counter) == "ok" and journal.count(conn, "courier_statement.agreed") == 1
    agreed = journal.ops_for(conn, conn.execute("SELECT id FROM courier_statements").fetchone()[0])[0].payload
    assert (agreed["amount_fen"], agreed["theirs_fen"], agreed["differences"]) == (270, 260, 3)
    assert find(page, "paidAmount").text() == "2.70"
    fill(find(page, "paidReference"), "ZTO-TR-001")
    click(qtbot, page, "markPaidButton")
    assert kind(counter) == "ok"
    row = conn.execute("SELECT paid_fen, reference, paid_by FROM courier_statements").fetchone()
    assert tuple(row) == (270, "ZTO-TR-001", boss.id)
    assert "已付款 ¥2.70" in find(page, "statementSummary", QLabel).text()

    month = local_day(utc_now()).strftime("%Y-%m")
    pdf_path, xlsx_path = tmp_path / "st.pdf", tmp_path / "st.xlsx"
    for button, path in (("statementPdfButton", pdf_path), ("statementXlsxButton", xlsx_path)):
        dialogs = Modals(pick_file(path))
        click(qtbot, page, button)
        assert dialogs.done() and kind(counter) == "ok"
    text = "".join(p.get_text() for p in pymupdf.open(pdf_path)).replace("\n", "")
    assert "派费对账单" in text and f"月份：{month}" in text and "应付本站派费：¥2.70" in text
    assert all(w in text for w in ZTO[:5]) and ZTO[5] not in text  # the one still on the shelf earns nothing yet
    sheet = load_workbook(xlsx_path)["waybills"]
    assert sorted(r[0] for r in sheet.iter_rows(min_row=2, values_only=True)) == sorted(ZTO[:5])


def test_cod_remitted_to_the_courier_with_its_reference(counter, conn, boss, qtbot):
    from station_app.core import cod

    got = parcels.receive(conn, ZTO[0], clerk_id=boss.id, phone="13812345678", current_courier="ZTO").parcel
    cod.set_due(conn, got.id, 3_000, clerk_id=boss.id)
    cod.collect(conn, got.id, "cash", "", clerk_id=boss.id)
    page = go(counter, "feesPage")
    find(page, "feesCourier").setFocus()
    choose(find(page, "feesCourier"), data="ZTO")
    assert find(page, "codOwed", QLabel).text().endswith("¥30.00")
    fill(find(page, "remitAmount"), "40")
    fill(find(page, "remitReference"), "RCPT-9")
    click(qtbot, page, "remitCodButton")
    assert kind(counter) == "error" and "¥30.00" in said(counter)
    fill(find(page, "remitAmount"), "30")
    click(qtbot, page, "remitCodButton")
    assert kind(counter) == "ok" and find(page, "codOwed", QLabel).text().endswith("¥0.00")
    assert journal.count(conn, "cod.remitted") == 1
