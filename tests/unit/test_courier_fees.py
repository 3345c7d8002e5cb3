"""派费: earned per piece at the county's rate with the work, the monthly statement, reconciliation with the
courier's file (CSV in GBK or UTF-8, or .xlsx), agreed and paid as ops."""

from __future__ import annotations

import json
from datetime import date

import pytest

from station_app.core import (
    courier_fees,
    courier_reconcile,
    dayclose,
    journal,
    parcels,
    pickup,
    refdata,
    reports,
    stock,
)
from station_app.core.clock import local_day, utc_now
from station_app.core.errors import ManifestError, StationError


def _rates(conn, rows):
    with conn:
        refdata.store(conn, "courier_rates", 1, "x", json.dumps({"rows": rows}))


def test_rate_in_force_on_the_day(conn, boss):
    _rates(conn, [{"courier": "ZTO", "kind": "delivered", "fen_per_piece": 60, "valid_from": "2026-01-01",
                   "valid_to": "2026-06-30"},
                  {"courier": "ZTO", "kind": "delivered", "fen_per_piece": 70, "valid_from": "2026-07-01",
                   "valid_to": ""}])
    assert courier_fees.rate(conn, "ZTO", "delivered", date(2026, 3, 1)) == 60
    assert courier_fees.rate(conn, "ZTO", "delivered", date(2026, 8, 1)) == 70
    assert courier_fees.rate(conn, "ZTO", "returned", date(2026, 8, 1)) == 0
    assert courier_fees.rate(conn, "ZTO", "delivered", date(2025, 12, 31)) == 0


def test_built_in_rates_ship():
    kinds = {r["kind"] for r in refdata.builtin("courier_rates")}
    assert kinds == {"delivered", "returned", "sent"}


@pytest.fixture
def month_of_work(conn, boss):
    """Three ZTO parcels: two handed over, one returned; one handover undone and done again."""
    got = [parcels.receive(conn, f"7312345678{n:02d}", clerk_id=boss.id, phone="13812345678", name="张三",
                           current_courier="ZTO").parcel for n in range(3)]
    pickup.confirm(conn, [got[0].id, got[1].id], pickup.Handover("self"), clerk_id=boss.id)
    pickup.undo(conn, got[1].id, "扫错了", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    pickup.confirm(conn, [got[1].id], pickup.Handover("self"), clerk_id=boss.id)
    stock.return_to_courier(conn, got[2].waybill, stock.RETURN_REASONS[0], clerk_id=boss.id)
    return got


def test_fees_are_earned_with_the_work_and_counted_as_earnings(conn, boss, month_of_work):
    month = local_day(utc_now()).strftime("%Y-%m")
    found = courier_fees.statement(conn, "ZTO", month)
    assert found.received == 3
    assert found.pieces == {"delivered": 2, "returned": 1, "sent": 0}
    assert found.fees_fen == {"delivered": 120, "returned": 30, "sent": 0} and found.total_fen == 150
    assert journal.count(conn, "courier_fee.earned") == 4 and journal.count(conn, "courier_fee.reversed") == 1
    totals = dayclose.totals(conn, dayclose.business_day(conn))
    assert totals.earnings_fen["courier_fees"] == 150 and totals.courier_fees_fen == {"ZTO": 150}
    today = local_day(utc_now())
    assert reports.build(conn, today, today).earnings_fen["courier_fees"] == 150


def _their_csv(tmp_path, lines, encoding="gbk"):
    path = tmp_path / "zto.csv"
    path.write_bytes(("运单号,派费\n" + "".join(f"{w},{a}\n" for w, a in lines)).encode(encoding))
    return path


def test_reconciliation_finds_exactly_the_planted_differences(conn, boss, month_of_work, tmp_path):
    month = local_day(utc_now()).strftime("%Y-%m")
    ours = courier_fees.statement(conn, "ZTO", month)
    w = [p.waybill for p in month_of_work]
    theirs = courier_reconcile.read_file(_their_csv(tmp_path, [(w[0], "0.60"), (w[2].lower(), "0.50"),
                                                               ("731234567899", "0.60")]))
    result = courier_reconcile.reconcile(ours, theirs)
    assert [d.waybill for d in result.ours_only] == [w[1]]
    assert [(d.waybill, d.ours_fen, d.theirs_fen) for d in result.amounts_differ] == [(w[2], 30, 50)]
    assert [(d.waybill, d.theirs_fen) for d in result.theirs_only] == [("731234567899", 60)]
    assert result.matched == 1 and result.differences == 3


def test_courier_xlsx_and_bad_lines(conn, boss, tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["序号", "运单号", "金额(元)"])
    book.active.append([1, "731234567800", 0.6])
    book.active.append([2, "731234567801", "1.2"])
    book.save(tmp_path / "f.xlsx")
    assert courier_reconcile.read_file(tmp_path / "f.xlsx") == {"731234567800": 60, "731234567801": 120}
    with pytest.raises(ManifestError) as err:
        courier_reconcile.read_file(_their_csv(tmp_path, [("731234567800", "six"), ("", "1")], "utf-8"))
    assert [p[:2] for p in err.value.problems] == [(2, "bad_amount"), (3, "bad_waybill")]
    (tmp_path / "h.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ManifestError):
        courier_reconcile.read_file(tmp_path / "h.csv")


def test_agree_then_paid_as_ops(conn, boss, month_of_work):
    month = local_day(utc_now()).strftime("%Y-%m")
    with pytest.raises(StationError) as err:
        courier_fees.mark_paid(conn, "ZTO", month, 150, "transfer", "TR9", clerk_id=boss.id)
    assert err.value.code == "statement_not_agreed"
    courier_fees.agree(conn, "ZTO", month, 150, 0, clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        courier_fees.agree(conn, "ZTO", month, 150, 0, clerk_id=boss.id)
    assert err.value.code == "statement_already_agreed"
    with pytest.raises(StationError) as err:
        courier_fees.mark_paid(conn, "ZTO", month, 150, "transfer", "", clerk_id=boss.id)
    assert err.value.code == "reference_needed"
    courier_fees.mark_paid(conn, "ZTO", month, 150, "transfer", "TR9", clerk_id=boss.id)
    agreed = courier_fees.statement(conn, "ZTO", month).agreed
    assert agreed["paid_fen"] == 150 and agreed["reference"] == "TR9" and agreed["paid_by"] == boss.id
    assert journal.count(conn, "courier_statement.paid") == 1
    with pytest.raises(StationError) as err:
        courier_fees.statement(conn, "ZTO", "2026-13")
    assert err.value.code == "month_invalid"
