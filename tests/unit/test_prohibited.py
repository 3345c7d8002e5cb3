"""收寄验视: everyday item descriptions as clerks type them, against the built-in list."""

from __future__ import annotations

import json

import pytest

from station_app.core import prohibited

P, R, OK = "prohibited", "restricted", "ok"

# (what the clerk typed, expected outcome, the category expected for a finding)
TABLE = [
    # fireworks by every name a village uses
    ("鞭炮", P, "烟花爆竹"),
    ("过年放的鞭炮两挂", P, "烟花爆竹"),
    ("炮仗一箱", P, "烟花爆竹"),
    ("二踢脚", P, "烟花爆竹"),
    ("二 踢 脚 10个", P, "烟花爆竹"),
    ("窜天猴", P, "烟花爆竹"),
    ("摔炮 擦炮", P, "烟花爆竹"),
    ("婚礼用的礼花筒", P, "烟花爆竹"),
    ("冷焰火 生日蛋糕用", P, "烟花爆竹"),
    ("過年的煙花", P, "烟花爆竹"),  # traditional characters
    ("黑火药", P, "爆炸物品"),
    ("雷管", P, "爆炸物品"),
    # gases, flammables
    ("打火机", P, "压缩和液化气体"),
    ("一次性打火機20個", P, "压缩和液化气体"),
    ("防风火机", P, "压缩和液化气体"),
    ("煤气罐", P, "压缩和液化气体"),
    ("杀虫气雾剂", P, "压缩和液化气体"),
    ("发胶 摩丝", P, "压缩和液化气体"),
    ("汽油一桶", P, "易燃液体"),
    ("桐油", P, "易燃液体"),
    ("医用酒精500ml", P, "易燃液体"),
    ("天那水", P, "易燃液体"),
    ("火柴", P, "易燃固体和自燃物质"),
    ("硫磺粉", P, "易燃固体和自燃物质"),
    # pesticides by their brand words
    ("农药", P, "毒性物质"),
    ("敌敌畏", P, "毒性物质"),
    ("百草枯", P, "毒性物质"),
    ("甲胺磷", P, "毒性物质"),
    ("草甘膦除草剂", P, "毒性物质"),
    ("氧化乐果", P, "毒性物质"),
    ("老鼠药", P, "毒性物质"),
    ("水银体温计", P, "毒性物质"),
    ("高锰酸钾", P, "氧化剂和过氧化物"),
    ("双氧水", P, "氧化剂和过氧化物"),
    ("汽车蓄电池", P, "腐蚀性物质"),
    ("火碱", P, "腐蚀性物质"),
    # live animals
    ("活鸡2只", P, "活体动物"),
    ("活鸭", P, "活体动物"),
    ("鸡苗100只", P, "活体动物"),
    ("活禽", P, "活体动物"),
    # weapons, drugs, counterfeit, wildlife
    ("ＡＫ仿真槍", P, "枪支"),  # full-width letters, traditional 槍
    ("气枪铅弹", P, "枪支"),
    ("匕首", P, "管制器具"),
    ("防狼喷雾", P, "管制器具"),
    ("罂粟壳", P, "毒品和易制毒化学品"),
    ("k粉", P, "毒品和易制毒化学品"),
    ("假币", P, "非法伪造物品"),
    ("高仿名牌包", P, "侵犯知识产权和假冒伪劣物品"),
    ("象牙手镯", P, "濒危野生动物及其制品"),
    ("针孔摄像头", P, "间谍专用器材"),
    # restricted: a supervisor looks
    ("手机充电宝", R, "锂电池"),
    ("18650锂电池", R, "锂电池"),
    ("香水", R, "化妆品和香水"),
    ("自家泡的苞谷酒", R, "酒类"),
    ("白酒两瓶", R, "酒类"),
    ("江小白", R, "酒类"),
    ("感冒药", R, "药品"),
    ("盐酸二甲双胍片", R, "药品"),  # a medicine, not hydrochloric acid
    ("香烟两条", R, "烟草制品"),
    ("叶子烟", R, "烟草制品"),
    ("菜刀", R, "刀具（非管制）"),
    ("玩具枪", R, "玩具枪"),
    ("84消毒液", R, "消毒和清洁剂"),
    ("脆李树苗", R, "种子苗木"),
    ("金项链", R, "贵重物品"),
    # everyday parcels that must stay OK, many containing a listed word
    ("衣服", OK, ""),
    ("火腿", OK, ""),
    ("火锅底料", OK, ""),
    ("腊肉香肠", OK, ""),
    ("土鸡蛋", OK, ""),
    ("香水柠檬", OK, ""),  # 潼南's lemons, not perfume
    ("香水百合鲜花", OK, ""),
    ("柴油机配件", OK, ""),
    ("汽油滤芯", OK, ""),
    ("硫磺皂", OK, ""),
    ("硫酸钾肥料", OK, ""),
    ("无汞碱性电池", OK, ""),
    ("天然气灶", OK, ""),
    ("丙烯颜料", OK, ""),
    ("聚乙烯地膜", OK, ""),
    ("天津大麻花", OK, ""),
    ("黑芝麻黄豆粉", OK, ""),
    ("象牙白连衣裙", OK, ""),
    ("麝香葡萄", OK, ""),
    ("镭射贴纸", OK, ""),
    ("可乐果软糖", OK, ""),
    ("红酒杯一对", OK, ""),
    ("咖啡胶囊", OK, ""),
    ("金属火机壳", OK, ""),
    ("手机壳", OK, ""),
    ("筋膜枪", OK, ""),
    ("扫码枪", OK, ""),
    ("宠物粮", OK, ""),
    ("仔猪饲料", OK, ""),
    ("电瓶车座套", OK, ""),
    ("子弹杯", OK, ""),
    ("无酒精湿巾", OK, ""),
    ("生活物资", OK, ""),
    ("粘鼠板", OK, ""),
    ("杀虫灯", OK, ""),
    ("农药喷雾器", OK, ""),
]


@pytest.fixture(scope="module")
def builtin():
    from station_app.core import refdata

    return prohibited.rules(refdata.builtin("prohibited_items"))


def outcome(findings):
    return findings[0].level if findings else OK


def test_the_table_is_big_enough():
    assert len(TABLE) >= 60 and {o for _, o, _ in TABLE} == {P, R, OK}
    assert len({t for t, _, _ in TABLE}) == len(TABLE)


@pytest.mark.parametrize("text,expected,category", TABLE)
def test_everyday_descriptions(builtin, text, expected, category):
    findings = prohibited.match(builtin, text)
    assert outcome(findings) == expected, findings
    if category:
        assert findings[0].category == category, findings


def test_normalising_width_case_traditional_and_spaces():
    assert prohibited.normalize("ＫＦＣ 炸雞\u3000Ｋ粉") == "kfc炸鸡k粉"
    assert prohibited.normalize("鞭\u200b炮") == "鞭炮"


def test_a_harmless_word_does_not_hide_the_keyword_elsewhere(builtin):
    findings = prohibited.match(builtin, "香水柠檬五斤，另有一瓶香水")
    assert [(f.level, f.keyword) for f in findings] == [(R, "香水")]
    both = prohibited.match(builtin, "过年礼包：白酒和鞭炮")
    assert [f.level for f in both] == [P, R] and both[0].keyword == "鞭炮"


def test_the_reported_word_is_the_one_typed_first(builtin):
    (found,) = prohibited.match(builtin, "二踢脚和鞭炮")
    assert found.keyword == "二踢脚"


def test_an_older_county_file_without_synonyms_still_loads(conn, boss):
    old = [{"level": "prohibited", "category": "县定禁寄", "keywords": "野生菌|野山菌", "basis": "县局通知"},
           {"level": "restricted", "category": "烟草制品", "keywords": "香烟"}]
    conn.execute("INSERT INTO reference (kind, version, sha256, body, applied_at) VALUES (?,?,?,?,?)",
                 ("prohibited_items", 3, "x", json.dumps({"rows": old}), "2026-11-25T00:00:00Z"))
    conn.commit()
    assert [(f.level, f.category) for f in prohibited.check(conn, "野山菌")] == [(P, "县定禁寄")]
    assert [f.category for f in prohibited.check(conn, "鞭炮")] == ["烟花爆竹"]  # the national list stays
    assert [f.category for f in prohibited.check(conn, "香烟")] == ["烟草制品"]  # one finding per category


def test_county_rows_with_synonyms_exceptions_and_chinese_levels(conn, boss):
    rows = [{"level": "禁寄", "category": "县定禁寄", "keywords": "野生菌", "synonyms": "見手青|鸡枞",
             "exceptions": "鸡枞油", "basis": ""}]
    conn.execute("INSERT INTO reference (kind, version, sha256, body, applied_at) VALUES (?,?,?,?,?)",
                 ("prohibited_items", 4, "x", json.dumps({"rows": rows}), "2026-11-25T00:00:00Z"))
    conn.commit()
    assert outcome(prohibited.check(conn, "见手青一斤")) == P
    assert outcome(prohibited.check(conn, "雞樅")) == P
    assert outcome(prohibited.check(conn, "鸡枞油两瓶")) == OK
