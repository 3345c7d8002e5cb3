"""The county's figures in the browser, for the small county of tests/county_seed.py (ops made by real station
processes and synced to the real server): the page shows the hand-computed numbers of the figures tests, equals
`county-server figures --json` for a month, drills down county → township → village → station, and its .xlsx and
CSV downloads, the JSON API and the subsidy sheet carry the CLI's numbers."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import httpx
import openpyxl
import pytest

from sync.server.console.units import shown
from tests.county_seed import DACHANG, DUPING, LONGWU, SHUANGLONG, china_time, seed
from tests.sync.support import CountyServer

from .support import ADMIN, VIEWER, add_user, check_page, login


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One seeded county for the module (seeding takes a while); the tests below only read it, except the
    subsidy test, the only one to set tiers."""
    tmp = tmp_path_factory.mktemp("seeded")
    server = CountyServer(tmp / "county")
    server.data_dir.mkdir(parents=True)
    for (name, password), role in ((ADMIN, "admin"), (VIEWER, "viewer")):
        assert add_user(server, name, role, password).returncode == 0
    server.start()
    with china_time():
        today, week = seed(tmp, server)
    yield server, today, week
    server.stop()
    log = (tmp / "server.log").read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]


def cli(server, start, end, by: str, *out: str):
    made = server.admin("figures", "--from", str(start), "--to", str(end), "--by", by, *(out or ("--json",)))
    assert made.returncode == 0, made.stderr
    return json.loads(made.stdout) if not out else None


def cell(page, table: str, figure: str, column: int = 1) -> str:
    return page.locator(f'#{table} tr[data-figure="{figure}"] td').nth(column).inner_text().strip()


def test_the_seeded_week_on_the_page_and_a_month_equal_to_the_cli(seeded, page):
    server, today, week = seeded
    login(page, server, VIEWER)
    page.goto(server.url + "/figures")
    page.select_option("#period-kind", "custom")
    page.fill("#period-from", str(week.start))
    page.fill("#period-to", str(week.end))
    page.click("#period-submit")
    assert f"{week.start} 至 {week.end}" in page.inner_text("#period")
    # the hand-computed numbers of tests/sync/test_county_figures.py, with their units
    expected = {"down.received": "9 件", "down.picked_up": "4 件", "down.returned": "1 件",
                "down.dwell_median_h": "6 小时内", "down.dwell_p90_h": "216 小时内", "down.overdue_rate": "20.0%",
                "up.sent": "1 件", "up.produce_boxes": "3 箱", "up.produce_net_g": "18.5 公斤",
                "up.produce_sales_fen": "150.00 元", "bus.loaded": "1 件", "bus.missing": "3 件",
                "bills.paid": "2 笔", "bills.amount_fen": "173.45 元", "coverage.villages_with_station": "3 个",
                "coverage.rate": "30.0%", "coverage.cooperation_villages": "2 个", "coverage.cooperation_rate": "20.0%"}
    assert {name: cell(page, "figures-all", name) for name in expected} == expected
    assert cell(page, "figures-all", "down.received", 2) == "3 件"  # the previous 7 days
    assert cell(page, "figures-all", "down.received", 4) == "1 件"  # the same days last year

    page.select_option("#period-kind", "month")
    page.fill("#period-date", str(today))
    page.click("#period-submit")
    first = today.replace(day=1)
    assert f"{first} 至 {today}" in page.inner_text("#period")
    month = cli(server, first, today, "county")
    names = list(month["total"])
    assert page.locator("#figures-all tbody tr").count() == len(names)
    for name in names:
        row = page.locator(f'#figures-all tr[data-figure="{name}"] td').all_inner_texts()
        assert row[1:3] == [shown(name, month["total"][name]), shown(name, month["total_previous"].get(name))], name
        assert row[4] == shown(name, month["total_last_year"].get(name)), name


def test_drill_down_from_the_county_to_a_station_and_by_courier(seeded, page):
    server, _, week = seeded
    login(page, server, VIEWER)
    page.goto(server.url + f"/figures?kind=custom&from={week.start}&to={week.end}&by=township")
    rows = page.locator("#figures-rows tbody tr")
    assert [rows.nth(i).get_attribute("data-key") for i in range(rows.count())] == [SHUANGLONG, DACHANG, DUPING]
    received = '[data-figure="down.received"]'
    assert page.locator(f'#figures-rows tr[data-key="{SHUANGLONG}"] {received}').inner_text().startswith("8 件")
    page.click(f'#figures-rows tr[data-key="{SHUANGLONG}"] a.drill')
    page.wait_for_url(f"**within={SHUANGLONG}**")
    villages = page.locator("#figures-rows tbody tr")
    assert villages.count() == 4  # 双龙镇's 建制村 only
    assert page.inner_text(f"#figures-total {received}") == "8 件"
    assert page.inner_text("#figures-total th") == "双龙镇"
    page.click(f'#figures-rows tr[data-key="{LONGWU}"] a.drill')
    page.wait_for_url(f"**within={LONGWU}**")
    assert "全县 › 双龙镇 › 龙雾村" in page.inner_text("#trail")
    stations = page.locator("#figures-rows tbody tr")
    assert stations.count() == 1 and stations.first.get_attribute("data-key") == "S1"
    assert page.inner_text(f'#figures-rows tr[data-key="S1"] {received}').startswith("6 件")
    page.click("#by-courier")
    zto = page.locator(f'#figures-rows tr[data-key="ZTO"] {received}').inner_text()
    assert zto.startswith("3 件")
    page.click('#trail a:has-text("全县")')
    assert page.locator("#figures-rows tbody tr").count() == 3  # back to the townships


def _month_before(day):
    last = day.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last.replace(day=min(day.day, last.day))


def read_back(path: Path) -> list[list]:
    out = []
    for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True):
        values = list(r)
        while values and values[-1] is None:
            values.pop()
        out.append(values)
    return out


def test_the_downloads_and_the_api_carry_the_cli_numbers(seeded, page, tmp_path):
    server, _, week = seeded
    login(page, server, VIEWER)
    page.goto(server.url + f"/figures?kind=custom&from={week.start}&to={week.end}&by=township")
    with page.expect_download() as got:
        page.click("#export-xlsx")
    got.value.save_as(tmp_path / "page.xlsx")
    lines = read_back(tmp_path / "page.xlsx")
    received = next(r for r in lines if len(r) > 3 and r[1] == "双龙镇" and r[2] == "下行 到件数")
    assert received[3:5] == [8, 3]  # this period, the previous one (the figures test's hand-computed numbers)
    sales = next(r for r in lines if len(r) > 3 and r[1] == "合计" and r[2] == "农产品 销售额（元）")
    assert round(sales[3] * 100) == 15_000
    cli(server, week.start, week.end, "township", "--xlsx", str(tmp_path / "cli.xlsx"))
    assert lines == read_back(tmp_path / "cli.xlsx")  # every number, as the CLI writes it
    with page.expect_download() as got:
        page.click("#export-csv")
    got.value.save_as(tmp_path / "page.csv")
    cli(server, week.start, week.end, "township", "--csv", str(tmp_path / "cli.csv"))
    assert (tmp_path / "page.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()

    for by in ("township", "courier", "route"):
        api = page.request.get(server.url + f"/api/figures?from={week.start}&to={week.end}&by={by}")
        assert api.status == 200 and api.json() == cli(server, week.start, week.end, by), by
    bad = page.request.get(server.url + "/api/figures?from=2026-13-01&to=x")
    assert bad.status == 400 and "YYYY-MM-DD" in bad.json()["error"]
    outside = httpx.get(server.url + f"/api/figures?from={week.start}&to={week.end}", trust_env=False)
    assert outside.status_code == 401 and "登录" in outside.json()["error"]  # behind the console's login


TIERS = "level,from_pieces,to_pieces,mode,yuan\ntownship,0,2,piece,0.10\ntownship,2,3,piece,0.20\n" \
        "township,3,,band,5.00\n"


def test_the_subsidy_sheet_tiers_from_the_form_and_its_xlsx(seeded, page, tmp_path):
    server, _, week = seeded
    login(page, server, ADMIN)
    page.goto(server.url + "/subsidy")
    assert page.locator("#no-tiers").count() == 1
    page.fill("#tiers-text", "level,from_pieces,to_pieces,mode,yuan\ntownship,0,2,piece,0.10\n"
                             "township,1,3,piece,abc\nvillage,x,,band,5\n")
    page.click("#tiers-submit")
    errors = [r.split("\t") for r in page.locator("#tiers-errors tbody tr").all_inner_texts()]
    assert [e[0] for e in errors] == ["第 3 行", "第 4 行"] and "应为元" in errors[0][1]
    assert server.query("SELECT count(*) FROM subsidy_tiers") == [(0,)]
    page.fill("#tiers-text", TIERS)
    page.click("#tiers-submit")
    assert "补贴档位表已更新" in page.inner_text("#tiers-done")
    page.goto(server.url + f"/subsidy?kind=custom&from={week.start}&to={week.end}&level=township")
    amount = {r.get_attribute("data-key"): r.locator("td").last.get_attribute("data-fen")
              for r in page.locator("#sheet tbody tr").all()}
    assert amount == {f"EMS|{DACHANG}": "10", f"EMS|{SHUANGLONG}": "10", f"YTO|{SHUANGLONG}": "500",
                      f"ZTO|{SHUANGLONG}": "40"}  # as in the subsidy test of tests/sync
    assert page.inner_text("#sheet-total") == "5.60 元"
    with page.expect_download() as got:
        page.click("#subsidy-xlsx")
    got.value.save_as(tmp_path / "sheet.xlsx")
    cells = read_back(tmp_path / "sheet.xlsx")
    assert cells[0] == ["统计期间", f"{week.start} 至 {week.end}（北京时间）"]
    assert cells[3][0] == "数据截至（UTC）" and cells[3][1]
    assert cells[-1][0] == "合计" and round(cells[-1][9] * 100) == 560
    assert "修改补贴档位" in (page.goto(server.url + "/audit") and page.inner_text("#audit"))


def test_overview_business_coverage_and_stations_pages(seeded, page):
    server, today, week = seeded
    login(page, server, VIEWER)
    assert page.url == server.url + "/"
    month = cli(server, today.replace(day=1), today, "county")["total"]
    before = cli(server, *_month_before(today), "county")["total"]
    for name in ("down.received", "down.picked_up", "up.sent", "up.produce_sales_fen", "bus.loaded",
                 "bills.amount_fen"):  # the overview's own quick read gives the figures' numbers
        assert page.locator(f'#month tr[data-figure="{name}"] td').all_inner_texts()[1:3] == [
            shown(name, month[name]), shown(name, before[name])], name
    today_cli = cli(server, today, today, "county")["total"]
    assert page.inner_text('#today [data-figure="down.received"] .big') == shown("down.received",
                                                                                today_cli["down.received"])
    attention = page.inner_text("#attention")
    assert "S4" in attention and "超过一天未同步" in attention and "S1" not in attention
    assert page.locator("#trend tbody tr").count() == 30
    page.goto(server.url + f"/business?kind=custom&from={week.start}&to={week.end}")
    assert page.locator('#produce-products tr[data-key="WS-CUILI"]').inner_text().split("\t")[1:] == [
        "3 箱", "18.5 公斤", "150.00 元"]
    assert page.inner_text('#produce-villages tr[data-key="500237101201"]').startswith("龙雾村")
    assert page.locator('#routes tr[data-key="SL-LW"] td').nth(2).inner_text() == "1 件"
    assert page.locator('#bills tr[data-key="ELEC"]').inner_text().split("\t")[1:] == ["2 笔", "173.45 元"]
    asked = [page.inner_text(f'#texts tr[data-key="texts.{k}"] td.num') for k in ("parcels", "waiting_parcels")]
    assert sum(int(t.split()[0]) for t in asked) == 2  # p1 and p2 had a phone: in a text, or waiting to be merged
    page.goto(server.url + f"/coverage?kind=custom&from={week.start}&to={week.end}")
    assert page.locator(f'#coverage tr[data-key="{SHUANGLONG}"] td').all_inner_texts()[1:] == [
        "4 个", "2 个", "50.0%", "2 个", "50.0%"]
    assert "未覆盖" in page.inner_text('table.villages tr[data-key="500237102202"]')  # 红岩村: S4 suspended
    page.goto(server.url + "/stations")
    s1 = page.locator('tr[data-code="S1"]').inner_text()
    assert "双龙镇 · 龙雾村" in s1 and "邮政" in s1 and "快递收投、寄件、农产品" in s1 and "138****5678" in s1
    assert "13812345678" not in page.content()
    assert "暂停" in page.locator('tr[data-code="S4"]').inner_text()
    page.click('tr[data-code="S1"] td:nth-child(2) a')
    assert "超过一天未同步" not in page.inner_text("#health")
    assert page.inner_text("#health-refused") == "0 条"
    assert page.locator("#days tbody tr").count() >= 2  # today's ops and older ones (the parcel of 200 h ago)
    page.click(f'#days tr[data-day="{today}"] a')
    assert page.inner_text("#page-title").endswith(f"{today} 日报")


def test_every_county_page_fits_an_office_screen(seeded, page, tmp_path):
    server, _, week = seeded
    keep = Path(os.environ["CONSOLE_SCREENSHOTS"]) if os.environ.get("CONSOLE_SCREENSHOTS") else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    login(page, server, ADMIN)
    span = f"kind=custom&from={week.start}&to={week.end}"
    pages = {"overview": "/", "figures-county": f"/figures?{span}", "figures-township": f"/figures?{span}&by=township",
             "figures-village": f"/figures?{span}&by=village&within={SHUANGLONG}",
             "figures-courier": f"/figures?{span}&by=courier", "figures-year": "/figures?kind=year",
             "subsidy": f"/subsidy?{span}", "business": f"/business?{span}", "coverage": f"/coverage?{span}",
             "stations-county": "/stations", "station-page": "/stations/S1", "station-s4": "/stations/S4"}
    for name, path in pages.items():
        page.goto(server.url + path)
        check_page(page, name, keep)
    bad = tmp_path / "areas.csv"
    bad.write_text("code,name,level,parent_code\n500237000000,巫山县,county,\n12345,坏代码,township,500237000000\n",
                   encoding="utf-8")
    page.goto(server.url + "/uploads")
    page.set_input_files("#areas-file", str(bad))
    page.click("#areas-submit")
    check_page(page, "upload-area-errors", keep)
    assert page.locator("#upload-errors tbody tr").count() == 1
    assert (week.end - week.start) == timedelta(days=6)
