"""The county's map, its station records and its subsidy tiers through `county-server`: a bad file is refused whole
with line-numbered sentences in Chinese and English, hostile files get a clear refusal and no traceback."""

from __future__ import annotations

import csv
import json
import lzma
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import openpyxl
import pytest

from station_app.core.ids import uuid7
from sync import client as sync_client

from .support import CountyServer, new_station

AREAS = Path(__file__).parent / "data" / "county_areas.csv"
HEADER = "code,name,level,parent_code\n"


@pytest.fixture
def county(tmp_path):
    """The county server's admin commands on a data folder (no HTTP needed for them)."""
    return CountyServer(tmp_path / "county")


def refused(result, *lines: str) -> str:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "未保存任何内容" in result.stderr or "/" in result.stderr
    for line in lines:
        assert line in result.stderr, result.stderr
    return result.stderr


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(path)


def test_areas_import_with_line_numbered_errors_and_nothing_half_imported(county, tmp_path):
    bad = write(tmp_path, "areas.csv", HEADER + "500237000000,巫山县,county,\n"
                "500237101000,双龙镇,township,500237000000\n"
                "50023710120,短码村,village,500237101000\n"  # line 4: 11 digits
                "500237101202,安静村,hamlet,500237101000\n"  # line 5: unknown level
                "500237101203,西坪村,village,500237999000\n"  # line 6: no such township
                "500237101000,双龙镇,township,500237000000\n"  # line 7: twice
                "500237102201,七星村,village,500237101000\n"  # line 8: not under 双龙镇's code
                "500237101204,,village,500237101000\n")  # line 9: no name
    err = refused(county.admin("area", "import", bad), "第 4 行", "line 4", "第 5 行", "第 6 行", "第 7 行",
                  "第 8 行", "第 9 行")
    assert "12 位数字" in err and "line 8: code 500237102201 does not belong to 500237101000" in err
    assert county.query("SELECT count(*) FROM areas") == [(0,)]  # the good lines were not stored either
    good = county.admin("area", "import", str(AREAS))
    assert good.returncode == 0 and "建制村 10 个" in good.stdout
    assert county.query("SELECT level, count(*) FROM areas GROUP BY level ORDER BY level") == [
        ("county", 1), ("township", 3), ("village", 10)]
    again = county.admin("area", "import", str(AREAS))  # importing the same map again changes nothing
    assert again.returncode == 0 and county.query("SELECT count(*) FROM areas") == [(14,)]
    # a village's parent may be one imported before; a code cannot change its level
    assert county.admin("area", "import", write(tmp_path, "more.csv", HEADER + "500237101205,新村,village,"
                                                "500237101000\n")).returncode == 0
    refused(county.admin("area", "import", write(tmp_path, "lvl.csv", HEADER + "500237101000,双龙镇,village,"
                                                 "500237101000\n")), "已作为乡镇导入")


@pytest.mark.parametrize(("content", "says"), [
    (b"\x00\x01\x02PK\x03\x04binary", "空字符"),
    (b"\xff\xfe\xfa\xfb\xfc" * 10, "UTF-8"),
    ("名称,级别\n巫山县,county\n".encode(), "表头应为"),
    (HEADER.encode(), "没有数据行"),
    ((HEADER + '500237000000,"巫山县,county,\n').encode(), "line 2"),
    ((HEADER + "500237000000,巫山县,county,,extra\n").encode(), "第 2 行：应有 4 列，实有 5 列"),
    ((HEADER + "500237000000,巫山\x1b[31m县,county,\n").encode(), "控制字符"),
])
def test_hostile_area_files_get_a_clear_refusal(county, tmp_path, content, says):
    refused(county.admin("area", "import", write(tmp_path, "x.csv", content)), says)
    assert county.query("SELECT count(*) FROM areas") == [(0,)]


def test_station_records_import_add_status_and_masked_list(county, tmp_path):
    assert county.admin("area", "import", str(AREAS)).returncode == 0
    columns = "code,name,village,operator,services,jiaoyou,contact,status,since\n"
    bad = write(tmp_path, "stations.csv", columns +
                "S1,龙雾村便民服务站,500237101201,邮政,快递收投|寄件,是,13812345678,active,2026-01-05\n"
                "S2,安静村站,500237101000,供销,缴费,否,,active,\n"  # line 3: a township, not a 建制村
                "S3,西坪村站,500237101203,外包,跳舞,也许,12345,open,2026-13-01\n"  # line 4: five mistakes
                "S1,重复站,500237101204,个人,,,,,\n"  # line 5: S1 twice
                "S 4,空格站,500237101204,个人,,,,,\n")  # line 6: a code with a space
    err = refused(county.admin("station", "import", bad), "第 3 行", "不在已导入的区划中", "第 4 行",
                  "运营主体「外包」", "服务「跳舞」", "交邮站点应填", "联系电话", "状态「open」",
                  "日期「2026-13-01」", "第 5 行", "与第 2 行重复", "第 6 行")
    assert "line 4" in err
    assert county.query("SELECT count(*) FROM stations") == [(0,)]  # nothing half-imported

    good = write(tmp_path, "good.csv", columns +
                 "S1,龙雾村便民服务站,500237101201,邮政,快递收投|寄件,是,13812345678,active,2026-01-05\n"
                 "S2,安静村站,500237101202,村集体,缴费、政务代办,否,023-5681234,suspended,2026-10-01\n")
    done = county.admin("station", "import", good)
    assert done.returncode == 0, done.stderr
    codes = dict(line.split("\t") for line in done.stdout.splitlines()[1:])
    assert set(codes) == {"S1", "S2"} and all(len(c) == 19 for c in codes.values())  # one-time enrolment codes
    listed = {s["code"]: s for s in json.loads(county.admin("station", "list", "--json").stdout)}
    assert listed["S1"]["contact"] == "138****5678" and listed["S2"]["contact"] == "023-****1234"
    assert (listed["S1"]["status"], listed["S2"]["status"], listed["S2"]["status_since"]) == (
        "active", "suspended", "2026-10-01")
    assert listed["S2"]["services"] == ["缴费", "政务代办"] and listed["S1"]["jiaoyou"] is True
    assert "13812345678" not in county.admin("station", "list").stdout

    # add with a village that is not on the map: refused, no station and no enrolment code
    wrong = county.admin("station", "add", "--code", "S9", "--name", "九号站", "--village", "500237999201")
    refused(wrong, "建制村代码「500237999201」不在已导入的区划中")
    assert wrong.stdout == "" and county.query("SELECT count(*) FROM stations WHERE code = 'S9'") == [(0,)]
    # re-enrolling a known station with a new code keeps its record
    assert county.admin("station", "add", "--code", "S1", "--name", "龙雾村便民服务站").returncode == 0
    assert json.loads(county.admin("station", "list", "--json").stdout)[0]["village"] == "500237101201"
    # status changes: closed from a day on; an unknown station or status is refused
    assert county.admin("station", "status", "--code", "S1", "--status", "closed", "--since",
                        "2026-02-01").returncode == 0
    assert json.loads(county.admin("station", "list", "--json").stdout)[0]["status"] == "closed"
    refused(county.admin("station", "status", "--code", "NOPE", "--status", "closed"), "没有编码为 NOPE 的站点")


def test_subsidy_tiers_are_checked_whole(county, tmp_path):
    head = "level,from_pieces,to_pieces,mode,yuan\n"
    bad = write(tmp_path, "tiers.csv", head + "township,0,100,piece,0.10\n"
                "township,50,200,piece,0.20\n"  # line 3: overlaps line 2
                "town,0,,piece,0.1\n"  # line 4: no such level
                "village,0,,piece,0.123\n"  # line 5: below a fen
                "village,10,5,band,1\n"  # line 6: upside down
                "village,-1,,band,NaN\n")  # line 7: not a whole number of pieces
    refused(county.admin("subsidy", "tiers", "set", bad), "第 3 行", "重叠", "第 4 行", "第 5 行", "最多两位小数",
            "第 6 行", "上限应大于下限", "第 7 行")
    assert county.query("SELECT count(*) FROM subsidy_tiers") == [(0,)]
    good = write(tmp_path, "ok.csv", head + "township,0,100,piece,0.10\ntownship,100,,band,50\n")
    assert county.admin("subsidy", "tiers", "set", good).returncode == 0
    assert county.query("SELECT level, from_pieces, to_pieces, mode, fen FROM subsidy_tiers ORDER BY from_pieces") == [
        ("township", 0, 100, "piece", 10), ("township", 100, None, "band", 5000)]
    assert "50.00 元" in county.admin("subsidy", "tiers", "list").stdout


def test_figures_refuse_a_period_that_makes_no_sense(county):
    backwards = county.admin("figures", "--from", "2026-11-30", "--to", "2026-11-01")
    assert backwards.returncode == 1 and "结束日期早于开始日期" in backwards.stderr
    assert "Traceback" not in backwards.stderr
    bad_day = county.admin("figures", "--from", "2026-02-30", "--to", "2026-03-01")
    assert bad_day.returncode == 2 and "日期应为 YYYY-MM-DD" in bad_day.stderr
    too_long = county.admin("figures", "--from", "2000-01-01", "--to", "2026-01-01")
    assert too_long.returncode == 1 and "三年" in too_long.stderr
    no_brand = county.admin("figures", "--from", "2026-11-01", "--to", "2026-11-30", "--min-brands", "0")
    assert no_brand.returncode == 1 and "--min-brands" in no_brand.stderr and "Traceback" not in no_brand.stderr


@pytest.mark.sqlite_only
def test_an_older_county_database_gets_the_new_tables_and_keyed_figures(county):
    assert county.admin("station", "list").returncode == 0  # made by this server
    conn = sqlite3.connect(county.data_dir / "county.db")
    with conn:  # as the server before this change left it
        for table in ("station_status", "station_records", "subsidy_tiers", "areas"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX rollups_figure_cover")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    assert county.admin("station", "list").returncode == 0
    assert county.query("PRAGMA user_version") == [(3,)]
    assert county.query("SELECT count(*) FROM sqlite_master WHERE name IN ('areas', 'station_records', "
                        "'rollups_figure_cover')") == [(3,)]


def test_a_hostile_station_cannot_put_a_formula_in_the_countys_spreadsheets(server, tmp_path):
    """A product code is the station's own text: in the county's .xlsx and CSV it stays text, never a formula. Ops
    about things the county never saw (a pickup of no parcel, a bus run never opened) still count, unkeyed."""
    conn, _ = new_station(tmp_path, server, "S666")
    token = sync_client.state(conn, "token")
    now = datetime.now(UTC).isoformat(timespec="milliseconds")[:23] + "Z"
    lot, evil = uuid7(), '=HYPERLINK("http://evil.example/","点我")'

    def op(seq: int, kind: str, entity: str | None, payload: dict) -> dict:
        return {"op_id": uuid7(), "device_seq": seq, "type": kind, "entity_id": entity, "payload": payload,
                "created_at": now}

    batch = [op(1, "produce.taken_in", lot, {"lot_id": lot, "lot_no": "L1", "consignor_id": uuid7(),
                                             "product_code": evil, "grade": "一级", "gross_g": 10_000, "tare_g": 0,
                                             "deduction_g": 0, "net_g": 10_000, "price_fen_per_kg": 100,
                                             "boxes": ["B1"]}),
             op(2, "produce.sold", lot, {"sale_id": uuid7(), "lot_id": lot, "lot_no": "L1", "sold_g": 10_000,
                                         "sales_fen": 5_000, "source": "manual"}),
             op(3, "parcel.picked_up", "nothing", {"parcel_id": "nothing", "waybill": "W1", "handover": "self",
                                                   "proxy_name": "", "proxy_phone_tail": ""}),
             op(4, "dispatch.closed", "never-opened", {"dispatch_id": "never-opened", "scanned": ["B1"],
                                                        "missing": [], "extra": []}),
             op(5, "bill.paid", None, {"payment_id": uuid7(), "amount_fen": -1})]  # refused: the health shows it
    answer = httpx.post(server.url + "/v1/ops", content=lzma.compress(json.dumps({"ops": batch}).encode()),
                        headers={"Authorization": f"Bearer {token}", "Content-Encoding": "xz"}, timeout=60,
                        trust_env=False)
    assert answer.status_code == 200 and answer.json()["statuses"] == "aaaar", answer.text
    today = (datetime.now(UTC) + timedelta(hours=8)).date().isoformat()
    span = ("--from", today, "--to", today)
    products = json.loads(server.admin("figures", *span, "--by", "product", "--json").stdout)
    assert products["rows"][0]["key"] == evil and products["rows"][0]["figures"]["up.produce_sales_fen"] == 5_000
    routes = json.loads(server.admin("figures", *span, "--by", "route", "--json").stdout)
    assert [(r["key"], r["figures"]["bus.loaded"]) for r in routes["rows"]] == [("", 1)]
    total = json.loads(server.admin("figures", *span, "--json").stdout)["total"]
    assert (total["down.picked_up"], total["down.dwell_median_h"]) == (1, None)  # counted; no receipt, no dwell

    health = {h["station"]: h for h in json.loads(server.admin("health", "--json").stdout)}
    assert (health["S666"]["refused_ops"], health["S666"]["security_events"] >= 1) == (1, True)
    assert server.admin("figures", *span, "--by", "product", "--xlsx", str(tmp_path / "f.xlsx")).returncode == 0
    cells = [c.value for r in openpyxl.load_workbook(tmp_path / "f.xlsx").active.iter_rows() for c in r]
    assert "'" + evil in cells and evil not in cells
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in cells)
    assert server.admin("figures", *span, "--by", "product", "--csv", str(tmp_path / "f.csv")).returncode == 0
    assert not any(cell.startswith("=") for line in csv.reader((tmp_path / "f.csv").open(encoding="utf-8-sig"))
                   for cell in line)
