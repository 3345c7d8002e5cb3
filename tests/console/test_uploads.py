"""Uploading files through the console: a bad file stores nothing and its problems are listed by line number on
the page; a good one is queued for the stations as the CLI would."""

from __future__ import annotations

from .support import ADMIN, login

HEADER = "station,waybill,courier,recipient_name,recipient_phone\n"


def test_a_bad_manifest_shows_its_line_errors_and_stores_nothing(county, page, tmp_path):
    county.admin("station", "add", "--code", "S001", "--name", "站")
    bad = tmp_path / "manifest.csv"
    bad.write_text(HEADER + "S001,ZT1234567890,zto,王,13812345678\n"  # line 2: fine
                            "S404,ZT1234567891,zto,李,13812345679\n"  # line 3: unknown station
                            "S001,AB,zto,赵,13812345670\n"  # line 4: bad waybill
                            "S001,ZT1234567893,zto,钱,12\n", encoding="utf-8")  # line 5: bad phone
    login(page, county, ADMIN)
    page.goto(county.url + "/uploads")
    page.set_input_files("#manifest-file", str(bad))
    page.click("#manifest-submit")
    errors = page.locator("#upload-errors")
    assert "3 处问题，什么都没有导入" in errors.inner_text()
    rows = [r.split("\t") for r in errors.locator("tbody tr").all_inner_texts()]
    assert [r[0] for r in rows] == ["第 3 行", "第 4 行", "第 5 行"]
    assert "S404 不存在" in rows[0][1] and "运单号 AB 格式不对" in rows[1][1] and "电话格式不对" in rows[2][1]
    assert county.query("SELECT count(*) FROM feed") == [(0,)]
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "S001,ZT1234567890,zto,王,13812345678\n", encoding="utf-8")
    page.set_input_files("#manifest-file", str(good))
    page.click("#manifest-submit")
    assert "1 件预到包裹已排入 1 个站点" in page.inner_text("#upload-done")
    assert county.query("SELECT station, kind FROM feed") == [("S001", "manifest")]


def test_a_reference_file_with_a_bad_number_names_its_line_and_a_good_one_is_published(county, page, tmp_path):
    bad = tmp_path / "prices.csv"
    bad.write_text("courier,zone,destinations,first_weight_g,first_fee_fen,step_g,step_fee_fen,volumetric_divisor\n"
                   "zto,1,重庆,1000,800,1000,200,6000\n"
                   "zto,2,四川,1000,八元,1000,300,6000\n", encoding="utf-8")
    login(page, county, ADMIN)
    page.goto(county.url + "/uploads")
    page.select_option("#ref-kind", "price_table")
    page.set_input_files("#ref-file", str(bad))
    page.click("#ref-submit")
    rows = page.locator("#upload-errors tbody tr").all_inner_texts()
    assert rows == ["第 3 行\tfirst_fee_fen 必须是整数"]
    assert county.query("SELECT count(*) FROM reference") == [(0,)]
    bad.write_text(bad.read_text(encoding="utf-8").replace("八元", "1000"), encoding="utf-8")
    page.select_option("#ref-kind", "price_table")
    page.set_input_files("#ref-file", str(bad))
    page.click("#ref-submit")
    assert "寄件价格表第 1 版已发布，共 2 行" in page.inner_text("#upload-done")
    assert county.query("SELECT kind, version FROM reference") == [("price_table", 1)]
