"""Names from where documents put them: the gazetteer on word boundaries, persons beside titles, organisations."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from writer.cli import app
from writer.mining import names as nm
from writer.mining import segment
from writer.mining.passages import holds_name, replace_names
from writer.mining.places import gazetteer_holds


def _names(text: str) -> dict[str, str]:
    return nm.names_from_tokens(segment.cut(text))


# (text, names that must be found with their kind)
MUST_FIND = [
    ("遵义市委带领全市人民攻坚克难", {"遵义": "place", "遵义市": "place", "遵义市委": "org"}),
    ("延边州和西双版纳州加强交流", {"延边州": "place", "西双版纳州": "place"}),
    ("肃南县人民政府大力推进", {"肃南县": "place", "肃南县人民政府": "org"}),
    ("合作市2021年重点工作", {"合作市": "place"}),
    ("和平区委、河西区联合开展", {"和平区": "place", "和平区委": "org", "河西区": "place"}),
    ("张掖消防支队政治工作", {"张掖": "place", "张掖消防支队": "org"}),
    ("上海市市长 应勇", {"应勇": "person"}),
    ("局长王红卫说，今年就业形势稳定", {"王红卫": "person"}),
    ("全国政协委员胡豫、吴浩出席", {"胡豫": "person", "吴浩": "person"}),
    ("会上，张庆黎同志指出", {"张庆黎": "person"}),
    ("学习宣传高瑞奎同志先进事迹", {"高瑞奎": "person"}),  # a distinctive name before 同志 and a noun
    ("我们完全拥护赵紫阳同志代表中央委员会", {"赵紫阳": "person"}),
    ("全国政协主席汪洋出席大会", {"汪洋": "person"}),
    ("号召全党向沈浩同志学习", {"沈浩": "person"}),  # 向 follows names, it starts none
]

# (text, words that must not be names)
MUST_NOT_FIND = [
    ("在省委、省政府和市委的坚强领导下", ["和市", "市委", "省委"]),
    ("坚持高水平对外开放，深化合作交流", ["高水平", "合作", "高水"]),
    ("第一书记管党治党责任", ["管党"]),
    ("秦皇岛市市长在会上讲话", ["秦皇岛"]),  # a place, not a person
    ("各族群众和平安宁，比如南部山区", ["和平", "比如", "南部"]),
    ("公安机关严厉打击", ["公安"]),
    # read in the city and Party banks' person sample: a noun after the candidate, a bare 为
    ("构建亲清政商关系、简减同志关系、严严组织关系", ["简减"]),
    ("科学技术和社会科学专家季谈会制度", ["季谈会"]),
    ("巴宜嘎拉村被习近平总书记盛赞为“民族团结进步之花”", ["盛赞"]),
    ("与美国加州大学戴维斯分校开展合作", ["戴维斯"]),
    # read in the provincial bank (session 7): a word that follows names right after the title
    ("习近平总书记向第6届中国—南亚博览会发来贺信", ["向第"]),
    ("总书记向深中通道建设者致以问候", ["向深中"]),
    ("号召全党向沈浩同志学习", ["向沈浩"]),
]


@pytest.mark.parametrize("text,expected", MUST_FIND)
def test_names_found_where_documents_put_them(text, expected):
    found = _names(text)
    for name, kind in expected.items():
        assert found.get(name) == kind, (name, found)


@pytest.mark.parametrize("text,words", MUST_NOT_FIND)
def test_ordinary_words_are_not_names(text, words):
    found = _names(text)
    for word in words:
        assert found.get(word) != "person" if word == "秦皇岛" else word not in found, (word, found)


def test_every_name_says_why():
    evidence: dict[str, str] = {}
    found = nm.names_from_tokens(segment.cut("遵义市委书记 张三丰说，上海市市长 应勇出席"), evidence=evidence)
    assert found and set(found) <= set(evidence)
    assert evidence["应勇"] == "称谓“市长”在前"
    assert evidence["遵义市委"] == "地名＋机构"


def test_a_jieba_person_tag_alone_is_no_evidence():
    # 石家庄 is tagged nr by jieba; 高潮 too: neither stands beside a title or 说.
    assert not {k for k, v in _names("石家庄发展迎来高潮").items() if v == "person"}


@pytest.mark.parametrize("text,slots,expected", [
    ("在省委、省政府和市委的坚强领导下", {"和市": "{person}"}, "在省委、省政府和市委的坚强领导下"),
    ("平川区委带领全区", {"平川": "{place}"}, "{place}委带领全区"),
    ("德宏州委书记王荣文说", {"德宏州": "{place}", "王荣文": "{person}"}, "{place}委书记{person}说"),
    ("关键节点，合作市以抢占制高点为方向", {"合作市": "{place}"}, "关键节点，{place}以抢占制高点为方向"),
    ("加强合作交流", {"合作市": "{place}", "作交": "{place}"}, "加强合作交流"),
])
def test_slots_replace_whole_words_only(text, slots, expected):
    assert replace_names(text, slots) == expected


@pytest.mark.parametrize("template,holds", [
    ("谱写遵义高质量发展新篇章", True),
    ("谱写{place}高质量发展新篇章", False),
    ("在{org}的坚强领导下，合作市以", True),
    ("深化合作交流，推动和平发展", False),
    ("新华、和平、河西三区", True),
])
def test_a_template_holding_a_division_is_caught(template, holds):
    assert holds_name(template) is holds


def test_gazetteer_holds_lists_places_only():
    assert gazetteer_holds(segment.cut("遵义市委和延边州")) == ["延边州", "遵义", "遵义市"]


def test_custom_yaml_corrects_the_name_list(tmp_path):
    import shutil

    from writer.bank.store import load_bank
    from writer.io.paths import default_bank

    bank_dir = tmp_path / "bank"
    shutil.copytree(default_bank(), bank_dir, ignore=shutil.ignore_patterns(".cache", "corpus"))
    before = load_bank(bank_dir).source_names()
    assert "张掖" in before and "某某新区" not in before
    (bank_dir / "custom.yaml").write_text("add:\n  names: [某某新区]\nexclude:\n  names: [张掖]\n", encoding="utf-8")
    after = load_bank(bank_dir).source_names()
    assert "某某新区" in after and "张掖" not in after


def test_a_listed_name_inside_a_theme_phrase_does_not_sink_a_heading_set(tmp_path):
    """A bank may list an ordinary word as a place (a city bank listed 河湖 from “河湖清”): the theme
    phrases holding it are left out, and the set is filled from the others (it used to fail whole)."""
    import shutil

    from writer.io.paths import default_bank

    bank_dir = tmp_path / "bank"
    shutil.copytree(default_bank(), bank_dir, ignore=shutil.ignore_patterns(".cache", "corpus"))
    (bank_dir / "custom.yaml").write_text("add:\n  names: [河湖, 空气]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["suggest", "生态环境", "--kind", "set", "-n", "5", "--bank", str(bank_dir)])
    assert result.exit_code == 0, result.output
    headings = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert len(headings) == 5 and not any("河湖" in h or "空气" in h for h in headings), headings
