"""The county's prohibited-items file, old shape or new, reaches the counter and adds to the national list."""

from __future__ import annotations

from station_app.core import prohibited
from sync import client as sync_client


def test_an_old_gbk_county_file_adds_words_and_cannot_drop_the_national_list(server, enrolled, tmp_path):
    old = tmp_path / "prohibited_items.csv"  # the shape before synonyms/exceptions, saved from Excel as GBK
    old.write_text("level,category,keywords,basis\n"
                   "prohibited,爆炸物品,炸药|雷管|导火索|烟花|爆竹|礼花,同上\n"
                   "prohibited,县定禁寄,野生菌|野山菌,县邮政管理局通知\n", encoding="gbk")
    assert server.admin("ref", "import", "prohibited_items", str(old)).returncode == 0
    assert sync_client.Syncer(enrolled).sync().refs_updated == ["prohibited_items"]
    assert [f.category for f in prohibited.check(enrolled, "野山菌两斤")] == ["县定禁寄"]
    assert [f.keyword for f in prohibited.check(enrolled, "鞭炮")] == ["鞭炮"]


def test_a_new_county_file_with_synonyms_and_exceptions(server, enrolled, tmp_path):
    new = tmp_path / "prohibited_items.csv"
    new.write_text("level,category,keywords,synonyms,exceptions,basis\n"
                   "禁寄,县定禁寄,野生菌,見手青|鸡枞,鸡枞油,县邮政管理局通知\n", encoding="utf-8")
    assert server.admin("ref", "import", "prohibited_items", str(new)).returncode == 0
    sync_client.Syncer(enrolled).sync()
    assert [f.level for f in prohibited.check(enrolled, "见手青")] == ["prohibited"]
    assert prohibited.check(enrolled, "鸡枞油") == []
