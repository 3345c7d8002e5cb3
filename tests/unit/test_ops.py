"""The op declarations (sync/ops.py): every op type core writes is declared, core's own payloads pass, and the
shapes a hostile station sends do not."""

from __future__ import annotations

import ast
import json
from datetime import timedelta
from pathlib import Path

import pytest

from station_app.core import (
    bills,
    calllist,
    clerks,
    cod,
    county_feed,
    county_messages,
    courier_fees,
    dayclose,
    db,
    dispatch,
    exceptions_register,
    idcheck,
    inbound_runs,
    journal,
    manifest,
    parcels,
    pickup,
    produce,
    sending,
    services,
    settings,
    shelving,
    stock,
    stocktake,
)
from station_app.core.clock import local_day, utc_now
from station_app.core.errors import StationError
from sync import ops

ROOT = Path(__file__).resolve().parents[2]


def literal_op_types() -> set[str]:
    """Every op type named where station_app calls journal.append(conn, "<type>", …)."""
    found = set()
    for path in (ROOT / "station_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "journal"):
                assert len(node.args) >= 2 and isinstance(node.args[1], ast.Constant), \
                    f"{path.name}:{node.lineno}: op type must be a literal, declared in sync/ops.py"
                found.add(node.args[1].value)
    return found


def test_every_op_type_core_writes_is_declared():
    written = literal_op_types()
    assert len(written) >= 30
    assert written - set(ops.OPS) == set()
    assert set(ops.OPS) - written == set()  # nothing declared that nobody writes


def test_ops_module_imports_nothing_of_the_station():
    """sync/ops.py and the lines declared in sync/op_lines/ import nothing of the station and no other part of
    sync (ops.py's one relative import is the op_lines package; a line module imports only sync.ops)."""
    for path in [ROOT / "sync" / "ops.py", *sorted((ROOT / "sync" / "op_lines").glob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {n for n in names if n.startswith("station_app")}, path
        relative = {(n.level, n.module) for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level}
        allowed = {(1, None)} if path.name == "ops.py" else {(2, None), (2, "ops")}
        assert relative <= allowed, (path, relative)


def a_whole_station_day(conn, boss) -> None:
    """One of every business step core knows, through core's own functions."""
    settings.change(conn, "cash_float_fen", "50000", clerk_id=boss.id)
    shelving.configure(conn, [(1, 4, 50), (2, 4, 50)], clerk_id=boss.id)
    shelving.set_current(conn, 2, 1, clerk_id=boss.id)
    helper = clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    for _ in range(5):
        with pytest.raises(StationError):
            clerks.login(conn, helper.id, "0000")
    manifest.import_bytes(conn, "waybill,courier,recipient_name,recipient_phone\r\nSF1234567890123,顺丰,张三,"
                          "13812345678\r\n".encode(), source="m.csv", clerk_id=boss.id)
    parcels.receive(conn, "SF1234567890123", clerk_id=boss.id)
    parcels.receive(conn, "YT1234567890123", clerk_id=boss.id, damaged=True, damage_note="外箱破损\n已拍照")
    privacy = parcels.receive(conn, "JD0012345678901", clerk_id=boss.id, phone="4321", name="王五")
    bare = parcels.receive(conn, "ZT1234567890123", clerk_id=boss.id).parcel
    parcels.set_recipient(conn, bare.id, "13912345678", "李四", clerk_id=boss.id)
    parcels.flag_damaged(conn, bare.id, "受潮", clerk_id=boss.id)
    parcels.change_courier(conn, bare.id, "ZTO", clerk_id=boss.id)
    got = pickup.lookup(conn, "13812345678")
    pickup.confirm(conn, [got[0].id], pickup.Handover("proxy", "赵六", "1234"), clerk_id=boss.id)
    pickup.undo(conn, got[0].id, "交错了", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    stock.remind(conn, [bare.id], clerk_id=boss.id, now=utc_now() + timedelta(days=4))
    calllist.mark_called(conn, bare.id, "本人接听，明天来取", clerk_id=boss.id)
    stock.return_to_courier(conn, privacy.parcel.waybill, "overdue", clerk_id=boss.id)
    problem = exceptions_register.register(conn, kind="damaged", raised_by="villager", description="碗碎了",
                                           waybills=[bare.waybill, "YT0000000009"], clerk_id=boss.id)
    exceptions_register.start(conn, problem.id, "已联系网点", clerk_id=boss.id)
    exceptions_register.resolve(conn, problem.id, "compensated", amount_fen=2000, clerk_id=boss.id)
    cod.set_due(conn, bare.id, 2_000, clerk_id=boss.id)  # cash on delivery: collected, waived, remitted
    cod.collect(conn, bare.id, "wechat", "WX001", clerk_id=boss.id)
    waived = parcels.receive(conn, "YT9876543210987", clerk_id=boss.id).parcel
    cod.set_due(conn, waived.id, 500, clerk_id=boss.id)
    cod.waive(conn, waived.id, "快递员同意", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    cod.remit(conn, "ZTO", 2_000, "transfer", "TR001", clerk_id=boss.id)
    counted = stocktake.start(conn, clerk_id=boss.id)  # 盘库: shelf 1 holds a parcel of shelf 2, misses another
    stocktake.choose_shelf(conn, counted.id, 1, clerk_id=boss.id)
    stocktake.scan(conn, counted.id, bare.waybill, clerk_id=boss.id)
    stocktake.choose_shelf(conn, counted.id, 2, clerk_id=boss.id)
    found = stocktake.finish(conn, counted.id, clerk_id=boss.id)
    stocktake.reshelve(conn, counted.id, bare.id, clerk_id=boss.id)
    stocktake.mark_lost(conn, counted.id, found.missing[0].parcel_id, clerk_id=boss.id)

    sender = sending.register_sender(conn, name="张三", phone="13812345678", id_type="resident_id",
                                     id_number=idcheck.with_check_digit("50023719850615123"), clerk_id=boss.id)
    sending.refuse(conn, "sender_refused_registration", clerk_id=boss.id, item="土特产")
    sending.accept(conn, sending.Parcel(sender.id, "李四", "13912345678", "广东", "广州市", "天河区", "体育西路 1 号",
                                        "衣服", True, "ZTO", 2300), clerk_id=boss.id)
    month = local_day(utc_now()).strftime("%Y-%m")  # 派费: the month's statement agreed and paid
    courier_fees.agree(conn, "ZTO", month, 0, 0, clerk_id=boss.id)
    courier_fees.mark_paid(conn, "ZTO", month, 100, "transfer", "TR002", clerk_id=boss.id)
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", village="龙雾村", payout="cash", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 500, 1_000, 3),
                          clerk_id=boss.id)
    m = dispatch.open_dispatch(conn, "SL-LW", utc_now().astimezone(), clerk_id=boss.id)
    dispatch.scan(conn, m.id, lot.boxes[0], clerk_id=boss.id)
    dispatch.close(conn, m.id, clerk_id=boss.id, accept_missing=True)
    produce.record_sale(conn, lot.lot_no, 10_000, 15_000, source="manual", clerk_id=boss.id)
    with db.transaction(conn):  # a county sale result the station cannot enter (as the sync client records it)
        county_feed.record_refusal(conn, 41, "sale_result", "sale_over_lot", "超过了批次的剩余量",
                                   {"left_g": 7_000}, {"lot_no": lot.lot_no, "sold_g": 99_000})
    with db.transaction(conn):  # a county announcement, as the sync client keeps it; the clerk reads it
        county_messages.receive(conn, 42, "announcement", {"title": "停电通知", "text": "明天停电"})
    county_messages.mark_read(conn, [42], clerk_id=boss.id)
    produce.return_unsold(conn, lot.lot_no, 1_000, clerk_id=boss.id)
    settled = produce.settle(conn, farmer, clerk_id=boss.id)
    produce.record_payout(conn, settled.id, "cash", clerk_id=boss.id)
    paid = bills.log_payment(conn, type_code="ELEC", account="1234567890", payer_name="王大妈",
                             payer_phone="13800001111", amount_fen=12_345, channel="cash", reference="T001",
                             clerk_id=boss.id)
    bills.void(conn, paid.id, "重复", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    done = services.record(conn, service_code="AGR-BUY", villager_name="王大妈", villager_phone="13800001111",
                           business_type="化肥", amount_fen=30_000, clerk_id=boss.id)
    services.void(conn, done.id, "录错了", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    manifest.import_bytes(conn, "waybill,courier,recipient_name,recipient_phone,route_code\r\nYD1234567890123,韵达,"
                          "钱七,13812345679,SL-LW\r\n".encode(), source="run.csv", clerk_id=boss.id)
    run = inbound_runs.start(conn, None, route_code="SL-LW", plate="渝F12345", driver="张师傅", clerk_id=boss.id)
    inbound_runs.close(conn, run.id, clerk_id=boss.id)  # the expected parcel did not come: one item missing
    today = local_day(utc_now())
    dayclose.set_float(conn, today, 20_000, "早上放了 200 元", clerk_id=boss.id, supervisor_id=boss.id,
                       supervisor_pin="1234")
    dayclose.close(conn, today, 0, "点错了", clerk_id=boss.id)
    dayclose.reopen(conn, today, "补录", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")


def test_core_payloads_pass_their_declarations(conn, boss):
    a_whole_station_day(conn, boss)
    rows = conn.execute("SELECT * FROM journal ORDER BY device_seq").fetchall()
    written = {r["type"] for r in rows}
    assert set(ops.OPS) - written == set()  # the day above wrote every declared type
    assert written - set(ops.OPS) == set()
    for r in rows:  # as the sync client sends it
        ops.check_op({"op_id": r["op_id"], "device_seq": r["device_seq"], "type": r["type"],
                      "entity_id": r["entity_id"], "payload": json.loads(r["payload"]), "clerk_id": r["clerk_id"],
                      "created_at": r["created_at"], "station": "S001"})


def good_fee() -> dict:
    return {"sending_id": "0190a1b2-0000-7000-8000-000000000001", "waybill": "S00100000001",
            "waybill_source": "station", "courier": "ZTO", "sender_id": "0190a1b2-0000-7000-8000-000000000002",
            "recipient_name": "李四", "recipient_phone": "13912345678", "province": "广东", "city": "广州市",
            "county": "天河区", "address": "路", "item": "衣服", "inspected": True, "weight_g": 2300,
            "chargeable_g": 2300, "fee_fen": 2000, "payment": "cash", "approved_by": None, "findings": []}


@pytest.mark.parametrize("field,value,code", [
    ("fee_fen", float("nan"), "field_type"),
    ("fee_fen", float("inf"), "field_type"),
    ("fee_fen", 20.5, "field_type"),
    ("fee_fen", 2**63 - 1, "field_range"),
    ("fee_fen", -1, "field_range"),
    ("fee_fen", "2000", "field_type"),
    ("fee_fen", True, "field_type"),
    ("weight_g", -5, "field_range"),
    ("inspected", 1, "field_type"),
    ("recipient_name", "李\ud800", "field_encoding"),
    ("recipient_name", "x" * 65, "field_range"),
    ("item", "衣服\n伪造的一行", "field_control"),
    ("recipient_phone", "138 <script>", "field_format"),
    ("findings", [[[[]]]], "field_type"),
    ("sms_body", "中奖了", "field_unknown"),
])
def test_hostile_payloads_are_refused_with_their_reason(field, value, code):
    ops.validate("sending.accepted", good_fee())
    payload = good_fee() | {field: value}
    with pytest.raises(ops.OpInvalid) as err:
        ops.validate("sending.accepted", payload)
    assert err.value.code == code and field in err.value.detail


def test_envelope_sequence_time_and_type_are_checked():
    op = {"op_id": "0190a1b2-0000-7000-8000-000000000009", "device_seq": 1, "type": "sending.accepted",
          "payload": good_fee(), "created_at": "2026-11-23T02:00:00.000Z"}
    ops.check_op(op)
    for bad in ({"device_seq": 0}, {"device_seq": 2**53}, {"device_seq": 2**63 - 1}, {"device_seq": True},
                {"created_at": "yesterday"}, {"created_at": "2026-11-23T02:00:00"}, {"op_id": "a b"},
                {"op_id": "\ud800"}, {"type": "parcel.teleported"}, {"payload": []}, {"entity_id": 5}):
        with pytest.raises(ops.OpInvalid) as err:
            ops.check_op(op | bad)
        assert err.value.detail.encode("utf-8")  # a detail is always storable text


def history_word_types() -> set[str]:
    """The op types ui/search_panel.op_words gives words for (read from the source: no Qt here)."""
    tree = ast.parse((ROOT / "station_app" / "ui" / "search_panel.py").read_text(encoding="utf-8"))
    func = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "op_words")
    words = next(n for n in ast.walk(func) if isinstance(n, ast.Dict))
    for value in words.values:  # literal, translatable words
        assert isinstance(value, ast.Call) and value.func.attr == "translate"
        assert isinstance(value.args[1], ast.Constant)
    return {k.value for k in words.keys if isinstance(k, ast.Constant)}


def test_every_declared_op_type_has_history_words():
    assert set(ops.OPS) - history_word_types() == set()


def test_every_declared_op_type_counts_somewhere_or_says_why_not():
    for op in ops.OPS.values():
        assert op.adds or op.cancels or len(op.not_counted) > 10, op.name
        assert not (op.adds and op.not_counted), op.name
    # the figures the day close and the county read are the declared ones
    assert set(dayclose.FIGURE_FIELDS) <= set(ops.FIGURES)
    assert {"cash_in_fen", "cash_out_fen", "sending_fees_fen", "bills_fen"} <= set(dayclose.FIGURE_FIELDS)


@pytest.mark.parametrize("options", [
    {"adds": (ops.Adds("no_such_figure"),)},
    {"adds": (ops.Adds(ops.SENDING_FEES, "amount_fen"),)},  # keyed, with no key
    {"adds": (ops.Adds(ops.CASH_IN, "nothing_fen"),)},  # a field it does not have
    {},  # neither counted nor saying why
])
def test_a_declaration_that_cannot_be_read_fails_at_once(options):
    with pytest.raises(ValueError):
        ops.declare("test.broken", amount_fen=ops.Fen(), **options)
    assert "test.broken" not in ops.OPS


def test_journal_append_refuses_a_payload_its_declaration_does_not_allow(conn, boss):
    before = journal.count(conn)
    for op_type, payload in (("parcel.teleported", {}), ("settings.changed", {"name": "x"}),
                             ("settings.changed", {"name": "x", "value": "1", "extra": 1}),
                             ("day.float_set", {"day": "2026-11-23", "float_fen": 1.5, "previous_fen": 0,
                                                "reason": "r", "supervisor_id": boss.id})):
        with pytest.raises(ops.OpInvalid), db.transaction(conn):
            conn.execute("INSERT INTO settings (key, value) VALUES ('half_written', '1')")
            journal.append(conn, op_type, payload, clerk_id=boss.id)
    assert journal.count(conn) == before  # nothing committed: neither the op nor the row beside it
    assert conn.execute("SELECT count(*) FROM settings WHERE key = 'half_written'").fetchone()[0] == 0


@pytest.fixture
def a_new_line():
    """A business line added later (a deposit taken): declared once, with what it means for the till."""
    declared = ops.declare("deposit.taken", parcel_id=ops.Id(), amount_fen=ops.Fen(), channel=ops.Code(),
                           adds=(ops.Adds(ops.CASH_IN, "amount_fen", when=("channel", "cash")),))
    yield declared
    del ops.OPS[declared.name]


def test_a_new_line_declared_once_reaches_the_day_close_and_the_county(a_new_line, conn, boss, tmp_path):
    with db.transaction(conn):
        for channel in ("cash", "wechat"):
            journal.append(conn, "deposit.taken", {"parcel_id": f"p-{channel}", "amount_fen": 3_000,
                                                   "channel": channel}, clerk_id=boss.id)
    totals = dayclose.totals(conn, dayclose.business_day(conn))
    assert totals.cash_in_fen == 3_000 and totals.expected_cash_fen == 3_000

    from sync.server import rollups, storage

    storage.init(tmp_path / "county")
    county = storage.connect(tmp_path / "county")
    try:
        rows = conn.execute("SELECT * FROM journal WHERE type = 'deposit.taken' ORDER BY device_seq").fetchall()
        done = storage.apply_batch(county, storage.Caller("S001", "device-1"), [
            {"op_id": r["op_id"], "device_seq": r["device_seq"], "type": r["type"], "payload": json.loads(r["payload"]),
             "created_at": r["created_at"]} for r in rows])
        assert [status for status, _ in done.results] == ["applied", "applied"]
        day = rollups.china_day(rows[0]["created_at"])
        figures, counts = rollups.figures(county, "S001", day)
    finally:
        county.close()
    assert figures.flat(ops.CASH_IN) == 3_000 and counts == {"deposit.taken": 2}
