"""Reports: numbers that match the database, in the PDF, the .xlsx and the CSV."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pymupdf

from station_app.core import bills, couriers, idcheck, parcels, reports, sending, spreadsheet
from station_app.core.clock import local_day, utc_now
from station_app.labels import pdf
from station_app.labels.kinds import reports as report_pages


def busy_month(conn, boss):
    for i in range(7):
        parcels.receive(conn, f"{'SF' if i % 2 else 'YT'}{i:013d}", clerk_id=boss.id, phone="13812345678")
    parcels.receive(conn, "4312345678901", clerk_id=boss.id, phone="13812345678", current_courier="STO")
    from station_app.core import stock

    stock.return_to_courier(conn, "SF0000000000001", "refused", clerk_id=boss.id)
    sender = sending.register_sender(conn, name="张三", phone="13812345678", id_type="resident_id",
                                     id_number=idcheck.with_check_digit("50023719850615123"), clerk_id=boss.id)
    for _ in range(2):
        sending.accept(conn, sending.Parcel(sender.id, "李四", "13912345678", "广东", "广州市", "天河区", "路", "衣服",
                                            True, "ZTO", 2300), clerk_id=boss.id)
    bills.log_payment(conn, type_code="ELEC", account="1234567890", payer_name="王大妈", payer_phone="13800001111",
                      amount_fen=10_000, channel="cash", commission_fen=200, clerk_id=boss.id)


def test_report_numbers_match_the_database(conn, boss):
    busy_month(conn, boss)
    today = local_day(utc_now())
    r = reports.build(conn, *reports.month_range(today))
    assert sum(r.down_by_day.values()) == conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 8
    assert r.down_by_courier == {"SF": 3, "YTO": 4, "STO": 1}
    assert r.up_by_day[today] == 2 and r.up_by_courier == {"ZTO": 2}
    # 派费 at the built-in rates: two ZTO sent (¥1.00 each), one SF returned (¥0.50)
    assert r.earnings_fen == {"sending": 4000, "bills": 200, "courier_fees": 250}
    assert (r.returned, r.received) == (1, 8) and r.return_rate == 1 / 8

    names = couriers.names(conn)
    text = pymupdf.open(stream=pdf.render(report_pages.period(r, "站", names)), filetype="pdf")[0].get_text()
    assert "下行到件 8 件" in text and "上行 2 件" in text and "¥40.00" in text and "12.5%" in text


def test_xlsx_opens_with_openpyxl_and_holds_the_same_rows_as_csv(conn, boss, tmp_path):
    busy_month(conn, boss)
    r = reports.build(conn, *reports.month_range(date.today()))
    sheets = spreadsheet.report_sheets(r, couriers.names(conn))
    book = openpyxl.load_workbook(spreadsheet.write_xlsx(tmp_path / "r.xlsx", sheets))
    spreadsheet.write_csvs(tmp_path / "csv", sheets)
    for name, (header, rows) in sheets.items():
        xlsx_rows = [list(row) for row in book[name].iter_rows(values_only=True)]
        assert xlsx_rows[0] == list(header) and xlsx_rows[1:] == [list(row) for row in rows]
        with open(tmp_path / "csv" / f"{name}.csv", encoding="utf-8-sig") as handle:
            assert [row for row in csv.reader(handle)][1:] == [[str(v) for v in row] for row in rows]
    couriers_sheet = {row[0]: row for row in book["couriers"].iter_rows(values_only=True)}
    assert couriers_sheet["ZTO"][3:] == (2, 4000)
    text = (tmp_path / "r.xlsx").read_bytes()
    assert b"13812345678" not in text  # nothing personal in the report


def test_a_month_that_does_not_exist_is_refused_not_rolled_over():
    import pytest

    from station_app.core.errors import StationError

    assert reports.parse_month("2026-11") == date(2026, 11, 1)
    assert reports.parse_month(" 2026-1 ") == date(2026, 1, 1)
    for bad in ("2026-13", "2026-00", "2026-1x", "26-11", "", "2026-11-05"):
        with pytest.raises(StationError) as err:
            reports.parse_month(bad)
        assert err.value.code == "month_invalid"
