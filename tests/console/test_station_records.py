"""The county's map and station records in the browser: area and station imports as uploads (a bad file stores
nothing and shows its line errors; a good one shows the new stations' one-time codes), adding a station with its
record, and changing a station's status from its page — each change in the audit log."""

from __future__ import annotations

from tests.county_seed import AREAS

from .support import ADMIN, login

STATIONS = "code,name,village,operator,services,jiaoyou,contact,status,since\n"


def upload(page, county, what: str, path) -> None:
    page.goto(county.url + "/uploads")
    page.set_input_files(f"#{what}-file", str(path))
    page.click(f"#{what}-submit")


def test_area_and_station_imports_show_line_errors_then_import(county, page, tmp_path):
    login(page, county, ADMIN)
    bad = tmp_path / "areas.csv"
    bad.write_text("code,name,level,parent_code\n500237000000,巫山县,county,\n500237101000,双龙镇,town,500237000000\n"
                   "500237101201,龙雾村,village,500237999000\n", encoding="utf-8")
    upload(page, county, "areas", bad)
    rows = [r.split("\t") for r in page.locator("#upload-errors tbody tr").all_inner_texts()]
    assert [r[0] for r in rows] == ["第 3 行", "第 4 行"]
    assert "级别「town」应为" in rows[0][1] and "上级代码「500237999000」" in rows[1][1]
    assert county.query("SELECT count(*) FROM areas") == [(0,)]
    upload(page, county, "areas", AREAS)
    assert "乡镇 3 个、建制村 10 个" in page.inner_text("#upload-done")

    bad = tmp_path / "stations.csv"
    bad.write_text(STATIONS + "S1,龙雾村站,500237101201,邮政,快递收投|寄件,是,13812345678,active,\n"
                              "S2,安静村站,500237999999,银行,,也许,12345,,\n"
                              "S1,重复,,,,,,,\n", encoding="utf-8")
    upload(page, county, "stations", bad)
    rows = [r.split("\t") for r in page.locator("#upload-errors tbody tr").all_inner_texts()]
    assert {r[0] for r in rows} == {"第 3 行", "第 4 行"} and len(rows) == 5  # 交邮, 村, 运营主体, 电话; 重复
    assert "联系电话应为" in page.inner_text("#upload-errors") and "与第 2 行重复" in page.inner_text("#upload-errors")
    assert county.query("SELECT count(*) FROM stations") == [(0,)]
    good = tmp_path / "good.csv"
    good.write_text(STATIONS + "S1,龙雾村站,500237101201,邮政,快递收投|寄件,是,13812345678,active,\n", encoding="utf-8")
    upload(page, county, "stations", good)
    assert "新站点 1 个" in page.inner_text("#upload-done")
    assert page.locator("#new-codes tbody tr").inner_text().startswith("S1")
    page.goto(county.url + "/stations")
    row = page.locator('tr[data-code="S1"]').inner_text()
    assert "双龙镇 · 龙雾村" in row and "138****5678" in row and "快递收投、寄件" in row
    audit = page.goto(county.url + "/audit") and page.inner_text("#audit")
    assert "导入区划" in audit and "导入站点名录" in audit


def test_add_a_station_with_its_record_and_change_its_status(county, page):
    assert county.admin("area", "import", str(AREAS)).returncode == 0
    login(page, county, ADMIN)
    page.goto(county.url + "/stations")
    page.fill("#station-code", "S7")
    page.fill("#station-name", "七星村便民服务站")
    page.select_option("#station-village", "500237102201")
    page.select_option("#station-operator", "供销")
    page.check('input[name=services][value="农产品"]')
    page.check('input[name=services][value="缴费"]')
    page.check("#station-jiaoyou")
    page.fill("#station-contact", "13912345678")
    page.click("#station-add-submit")
    page.wait_for_selector("#enrol-code")
    assert county.query("SELECT village, operator, services, jiaoyou, contact FROM station_records") == [
        ("500237102201", "供销", '["农产品", "缴费"]', 1, "13912345678")]
    page.goto(county.url + "/stations")
    page.fill("#station-code", "S8")
    page.fill("#station-name", "坏电话站")
    page.fill("#station-contact", "12345")
    page.click("#station-add-submit")
    assert "联系电话应为 11 位手机号" in page.inner_text("#reason")
    assert county.query("SELECT count(*) FROM stations") == [(1,)]
    page.goto(county.url + "/stations/S7")
    assert "大昌镇 · 七星村" in page.inner_text("#record") and "139****5678" in page.inner_text("#record")
    page.select_option("#status-choice", "suspended")
    page.fill("#status-since", "2026-12-01")
    page.fill("#status-note", "装修")
    page.click("#status-submit")
    assert "站点状态已修改" in page.inner_text("#status-done")
    assert "暂停" in page.inner_text("#status-history") and "2026-12-01" in page.inner_text("#status-history")
    assert county.query("SELECT status, since, note FROM station_status") == [("suspended", "2026-12-01", "装修")]
    audit = page.goto(county.url + "/audit") and page.inner_text("#audit")
    assert "修改站点状态" in audit and "添加站点" in audit
