"""A small county (巫山县: 3 townships, 10 建制村, 4 stations) whose ops were made by the stations' own core and
pushed by `station-app`'s sync to the real county server; its figures, comparisons, coverage and subsidy sheet are
checked against numbers worked out by hand, and again after `county-server projection rebuild`."""

from __future__ import annotations

import json
from datetime import date, timedelta

import openpyxl
import pytest

from sync.server.figures import Period
from tests.county_seed import DACHANG, DUPING, LONGWU, SHUANGLONG, china_time, seed


@pytest.fixture
def county(tmp_path, server):
    """The county's ops, made at the stations; returns (today, the period of the last 7 days)."""
    with china_time():
        yield seed(tmp_path, server)


def figures_of(server, period: Period, by: str, *extra: str) -> dict:
    result = server.admin("figures", "--from", period.start.isoformat(), "--to", period.end.isoformat(), "--by", by,
                          "--json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def three_months(today: date) -> Period:
    """From the first of the month two months back to today: two whole months and some days."""
    first = today.replace(day=1)
    for _ in range(2):
        first = (first - timedelta(days=1)).replace(day=1)
    return Period(first, today)


def row(result: dict, key: str) -> dict:
    return next(r for r in result["rows"] if r["key"] == key)


def test_the_county_figures_by_hand(county, server):
    today, period = county
    by_county = figures_of(server, period, "county")
    total = by_county["total"]
    assert by_county["period"] == {"from": period.start.isoformat(), "to": today.isoformat(), "days": 7}
    # 下行: S1 received 6 in the period (p4 came 200 h ago), S2 2, S3 1; four hand-overs stand (the fifth undone)
    assert {k: total[k] for k in ("down.received", "down.picked_up", "down.returned")} == {
        "down.received": 9, "down.picked_up": 4, "down.returned": 1}
    # dwell of the four hand-overs: 2.5 h, 5.2 h, 30 h, 200 h → within 3, 6, 31, 216 h; median is the 2nd, p90 the 4th
    assert (total["down.dwell_median_h"], total["down.dwell_p90_h"]) == (6, 216)
    assert (total["down.overdue"], total["down.overdue_rate"]) == (1, 0.2)  # the 200 h one, of 5 that left
    # 上行: one ZTO sending, 3 boxes of 巫山脆李 (18.5 kg net), ¥150.00 sold
    assert total["up.sent"] == 1 and total["up.sent_by_courier.ZTO"] == 1
    assert (total["up.produce_boxes"], total["up.produce_net_g"], total["up.produce_sales_fen"]) == (3, 18_500, 15_000)
    assert total["up.produce_sales_by_product_fen.WS-CUILI"] == 15_000
    assert total["up.produce_net_by_product_g.WS-CUILI"] == 18_500
    # up + down by enterprise
    assert {k: v for k, v in total.items() if k.startswith("enterprise.total.")} == {
        "enterprise.total.EMS": 3, "enterprise.total.YTO": 3, "enterprise.total.ZTO": 4}
    # 客货邮: one run on SL-LW, one box on the bus, the other two boxes and the sending left behind
    assert (total["bus.runs"], total["bus.loaded"], total["bus.missing"]) == (1, 1, 3)
    assert (total["bus.loaded_by_route.SL-LW"], total["bus.missing_by_route.SL-LW"]) == (1, 3)
    # bills: three logged, one voided
    assert (total["bills.paid"], total["bills.voided"], total["bills.amount_fen"]) == (2, 1, 17_345)
    assert (total["bills.count_by_type.ELEC"], total["bills.amount_by_type_fen.ELEC"]) == (2, 17_345)
    assert total["texts.parcels"] + total["texts.waiting_parcels"] == 2  # p1 and p2 had a phone
    # coverage: 龙雾, 安静, 七星 have an active station of 10 建制村; 邮快合作: 龙雾 (ZTO, YTO) and 安静 (YTO)
    assert (total["coverage.villages"], total["coverage.villages_with_station"], total["coverage.rate"]) == (10, 3,
                                                                                                               0.3)
    assert (total["coverage.cooperation_villages"], total["coverage.cooperation_rate"]) == (2, 0.2)

    # beside the previous 7 days (p4 and S2's two ZTO parcels) and the same days last year (one ZTO parcel at S1)
    assert by_county["total_previous"]["down.received"] == 3
    assert by_county["total_last_year"]["down.received"] == 1
    assert by_county["period_previous"] == {"from": (period.start - timedelta(days=7)).isoformat(),
                                            "to": (period.start - timedelta(days=1)).isoformat(), "days": 7}

    township = figures_of(server, period, "township")
    assert [r["key"] for r in township["rows"]] == [SHUANGLONG, DACHANG, DUPING]
    shuanglong, dachang = row(township, SHUANGLONG)["figures"], row(township, DACHANG)["figures"]
    assert (shuanglong["down.received"], dachang["down.received"], row(township, DUPING)["figures"]["down.received"]
            ) == (8, 1, 0)
    assert row(township, SHUANGLONG)["previous"]["down.received"] == 3
    assert (shuanglong["coverage.villages"], shuanglong["coverage.villages_with_station"],
            shuanglong["coverage.cooperation_villages"]) == (4, 2, 2)
    assert (dachang["coverage.villages"], dachang["coverage.villages_with_station"],
            dachang["coverage.cooperation_villages"]) == (3, 1, 0)
    assert row(township, SHUANGLONG)["name"] == "双龙镇"

    couriers = figures_of(server, period, "courier")
    zto, ems = row(couriers, "ZTO")["figures"], row(couriers, "EMS")["figures"]
    # ZTO: 3 received (p1, p2, p7), 2 picked up after 30 h and 2.5 h, 1 sent; EMS: p4 picked up, one returned
    assert (zto["down.received"], zto["down.picked_up"], zto["down.dwell_median_h"], zto["up.sent"]) == (3, 2, 3, 1)
    assert (ems["down.received"], ems["down.picked_up"], ems["down.returned"], ems["down.overdue"]) == (3, 1, 1, 1)
    assert row(figures_of(server, period, "product"), "WS-CUILI")["figures"] == {
        "up.produce_boxes": 3, "up.produce_net_g": 18_500, "up.produce_sales_fen": 15_000}
    assert row(figures_of(server, period, "route"), "SL-LW")["figures"]["bus.loaded_per_day"] == round(1 / 7, 2)
    # a longer period: its whole months are read from the monthly sums, its odd days from the daily ones
    long = figures_of(server, three_months(today), "county")["total"]
    assert (long["down.received"], long["down.picked_up"], long["down.dwell_p90_h"], long["bus.loaded"]) == (
        13, 4, 216, 1)  # the period's 9, the previous 7 days' 3 and S3's of 40 days ago; not last year's
    # a stricter 邮快合作: two express brands besides 中国邮政
    assert figures_of(server, period, "county", "--min-brands", "2")["total"]["coverage.cooperation_villages"] == 1


def test_projection_rebuild_gives_identical_figures(county, server):
    _, period = county
    before = {by: figures_of(server, period, by) for by in ("township", "station", "courier", "product", "route")}
    before["months"] = figures_of(server, three_months(period.end), "township")
    rebuilt = server.admin("projection", "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "projected" in rebuilt.stdout
    after = {by: figures_of(server, period, by) for by in before if by != "months"}
    after["months"] = figures_of(server, three_months(period.end), "township")
    assert after == before
    assert before["station"]["rows"][0]["figures"]["down.dwell_p90_h"] == 216  # the derived keys came back too


def test_station_list_and_health(county, server):
    listed = json.loads(server.admin("station", "list", "--json").stdout)
    s1 = next(s for s in listed if s["code"] == "S1")
    assert s1 | {"status_since": ""} == {
        "code": "S1", "name": "S1 便民服务站", "village": LONGWU, "village_name": "龙雾村", "township": SHUANGLONG,
        "township_name": "双龙镇", "operator": "邮政", "services": ["快递收投", "寄件", "农产品"], "jiaoyou": True,
        "contact": "138****5678", "status": "active", "status_since": ""}
    assert next(s for s in listed if s["code"] == "S4")["status"] == "suspended"
    assert "13812345678" not in server.admin("station", "list").stdout  # masked in the table too
    today, _ = county
    health = json.loads(server.admin("health", "--json").stdout)
    by_code = {h["station"]: h for h in health}
    assert by_code["S1"]["last_sync"] and not by_code["S1"]["silent"]
    assert by_code["S4"]["silent"] and by_code["S4"]["last_sync"] is None  # enrolled, never synced
    assert by_code["S1"]["ops_missing"] == 0 and by_code["S1"]["refused_ops"] == 0


def read_back(sheet) -> list[list]:
    """The sheet's rows as values, without the empty cells a row shorter than the widest one has at its end."""
    out = []
    for r in sheet.iter_rows(values_only=True):
        values = list(r)
        while values and values[-1] is None:
            values.pop()
        out.append(values)
    return out


TIERS = "level,from_pieces,to_pieces,mode,yuan\ntownship,0,2,piece,0.10\ntownship,2,3,piece,0.20\n" \
        "township,3,,band,5.00\n"


def test_subsidy_sheet_in_xlsx(county, server, tmp_path):
    _, period = county
    (tmp_path / "tiers.csv").write_text(TIERS, encoding="utf-8")
    assert server.admin("subsidy", "tiers", "set", str(tmp_path / "tiers.csv")).returncode == 0
    out = tmp_path / "sheet.xlsx"
    made = server.admin("subsidy", "sheet", "--from", period.start.isoformat(), "--to", period.end.isoformat(),
                        "--xlsx", str(out))
    assert made.returncode == 0, made.stderr
    sheet = openpyxl.load_workbook(out).active
    cells = read_back(sheet)
    assert cells[0] == ["统计期间", f"{period.start} 至 {period.end}（北京时间）"]
    assert cells[3][0] == "数据截至（UTC）" and cells[3][1].startswith(str(date.today().year)[:2])
    header = cells.index(["快递企业", "区划代码", "区划名称", "本期业务量", "上期业务量", "增量", "档位", "方式",
                          "标准（元）", "补贴金额（元）"])
    rows = {(r[0], r[1]): r for r in cells[header + 1:-1]}
    # 双龙镇 now: ZTO 3 received + 1 sent, YTO 3, EMS 2; before: ZTO 2 (S2), EMS 1 (p4). 大昌镇: EMS 1, none before
    fen = {k: (r[3], r[4], r[5], r[6], round(r[9] * 100)) for k, r in rows.items()}
    assert fen == {("EMS", DACHANG): (1, 0, 1, "0–2", 10), ("EMS", SHUANGLONG): (2, 1, 1, "0–2", 10),
                   ("YTO", SHUANGLONG): (3, 0, 3, "3–", 500), ("ZTO", SHUANGLONG): (4, 2, 2, "2–3", 40)}
    assert cells[-1][0] == "合计" and round(cells[-1][9] * 100) == 560

    fig = tmp_path / "figures.xlsx"
    assert server.admin("figures", "--from", period.start.isoformat(), "--to", period.end.isoformat(), "--by",
                        "township", "--xlsx", str(fig)).returncode == 0
    lines = read_back(openpyxl.load_workbook(fig).active)
    received = next(r for r in lines if len(r) > 3 and r[1] == "双龙镇" and r[2] == "下行 到件数")
    assert received[3:5] == [8, 3]  # this period, the previous one
    sales = next(r for r in lines if len(r) > 3 and r[1] == "合计" and r[2] == "农产品 销售额（元）")
    assert round(sales[3] * 100) == 15_000
