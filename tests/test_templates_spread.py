"""One place's positionings, campaigns and events in openings and closings (templates_spread), and
names that are no places inside a set phrase (places.join_set_phrases)."""

from __future__ import annotations

import pytest

from writer.corpus.document import Document
from writer.mining import passages as ps
from writer.mining import templates_spread as ts
from writer.mining.places import gazetteer_holds, join_set_phrases


@pytest.mark.parametrize("template,candidate", [
    # must fire: the shapes of a positioning, a campaign or a year's event
    ("深入贯彻“四个着力”要求。", "四个着力"),
    ("牢牢把握四个着力的要求。", "四个着力"),
    ("四大奋斗目标全面实现。", "四大奋斗"),
    ("{place}在新三十年起点上再出发。", "新三十年"),
    ("认真落实省委、省政府做大做强做美{place}的部署。", "做大做强做美"),
    ("加快建设生态城、高科技产业城、宜居城。", "高科技产业城"),
    ("今年是我市新的行政管理体制全面运行的第一年。", "体制全面运行"),
    ("启动实施全面振兴新突破三年攻坚行动。", "兴新突破三年攻坚行动"),
    ("努力建设全省“首善之区”。", "首善之区"),
])
def test_the_shapes_of_one_places_phrases_are_candidates(template, candidate):
    assert candidate in ts.spread_candidates(template)


@pytest.mark.parametrize("template", [
    # must not fire: 一 counts nothing, a congress is no count, a year any government names, a slot
    "开创了一个新的局面，交出了一份好的答卷。",
    "深入学习贯彻党的十六大和二十大精神。",
    "今年是本届政府履职的第一年，也是迈入新世纪的第一年。",
    "今年是{period}规划实施的第一年。",
    "加快建设“{place}之窗”。",
    "做大做强实体经济。",
    "推进生态城建设。",
])
def test_ordinary_wording_gives_no_candidate(template):
    assert ts.spread_candidates(template) == ()


def _corpus(holders: dict[str, int], sources: int = 12) -> tuple[list[Document], list[str]]:
    """One report a source; ``holders``: phrase → how many of the sources (the first ones) write it.
    The sources' folders name no division, so each is a province of its own."""
    docs, names = [], []
    for k in range(sources):
        body = ["全市上下坚持稳中求进，经济运行总体平稳。"]
        body += [f"我们落实{phrase}的要求。" for phrase, n in holders.items() if k < n]
        source = f"city/城{k:02d}"
        docs.append(Document(id=f"{source}/2024", source=f"{source}/2024.md", title="政府工作报告",
                             year=2024, lead=body))
        names.append(source)
    return docs, names


def test_a_phrase_of_few_provinces_is_one_places_and_of_many_is_not():
    # 40% of 12 provinces is 4.8: five sources make a phrase anyone's, four do not.
    docs, sources = _corpus({"四个着力": 1, "四大奋斗": 4, "两个坚持": 5})
    got = ts.specific_phrases(docs, sources, {"四个着力", "四大奋斗", "两个坚持"})
    assert got == frozenset({"四个着力", "四大奋斗"})


def test_a_phrase_the_references_reports_share_is_the_nations():
    # 三个代表 stands in most of the shipped reference's reports of its years: one source here is enough.
    docs, sources = _corpus({"三个代表": 1, "四个着力": 1})
    assert ts.specific_phrases(docs, sources, {"三个代表", "四个着力"}) == frozenset({"四个着力"})


def test_a_unit_of_few_sources_is_not_judged():
    docs, sources = _corpus({"四个着力": 1}, sources=3)
    assert ts.specific_phrases(docs, sources, {"四个着力"}) == frozenset()


def test_a_sentence_holding_one_places_phrase_leaves_the_template():
    from writer.mining.passages import _Draft, _passage

    frame = ("过去的一年，是我市发展进程中极不平凡的一年。",) * 2
    own = ("我们深入落实“四个着力”要求，取得新成效。",) * 2
    doc = Document(id="city/城00/2024", source="x", title="政府工作报告", year=2024, lead=[])
    draft = _Draft(0, "opening", [[frame, own]], frozenset())
    kept = _passage(doc, draft, frozenset(), None, ps.NameIndex([]), frozenset({"四个着力"}))
    assert kept.template == frame[1]
    assert _passage(doc, draft, frozenset(), None, ps.NameIndex([]), frozenset()).template == frame[1] + own[1]


@pytest.mark.parametrize("text,expected", [
    # must not slot: a name inside a common phrase (大庆之年, 周年大庆)
    ("既是建国60周年大庆之年，也是经受考验的一年。", "既是建国60周年大庆之年，也是经受考验的一年。"),
    ("喜迎大庆之年。", "喜迎大庆之年。"),
    # must slot: the same name standing as a place
    ("大庆市坚持稳中求进。", "{place}坚持稳中求进。"),
    ("大庆的发展之年。", "{place}的发展之年。"),
])
def test_a_name_inside_a_set_phrase_is_no_slot(text, expected):
    assert ps.replace_names(text, {"大庆": "{place}", "大庆市": "{place}"}) == expected


def test_a_name_inside_a_set_phrase_is_no_name_left():
    assert join_set_phrases(["建国", "60", "周年", "大庆", "之年"]) == ["建国", "60", "周年大庆", "之年"]
    assert gazetteer_holds(["喜迎", "大庆", "之年"]) == []
    assert gazetteer_holds(["大庆", "发展"]) == ["大庆"]
    assert not ps.holds_name("既是建国{num}周年大庆之年，也是奋力崛起的一年。")


@pytest.mark.parametrize("template,fact", [
    ("习近平总书记再次来到{place}考察，殷切寄望{place}发挥好支撑作用。", True),
    ("我们深感愧疚、痛心和自责，深刻反思、诚恳检讨。", True),
    ("{num}项奋斗目标提前一年全面实现。", True),
    ("我们来到了新的历史起点。", False),
])
def test_visits_apologies_and_early_targets_are_one_places_facts(template, fact):
    assert ps.fact_sentence(template) is fact


@pytest.mark.parametrize("template,fact", [
    # must fire: one place's inventory, honour, size, kind or region
    ("配合国家和省上实施了甲乙铁路、{place}铁路枢纽、国家石油储备基地等一批重大项目。", True),
    ("汽车、医药、食品等优势产业的拉动作用显著增强。", True),
    ("{place}荣膺全国文明城市称号。", True),
    ("是{place}迈入万亿级城市的开篇之年。", True),
    ("面对资源型经济转型发展的迫切要求。", True),
    ("加快建设国家中心城市。", True),
    ("{num}年底以来，发生了大规模迁移城市树木问题。", True),
    ("虽然我们取得了显著成绩，但也犯了严重错误。", True),
    ("认真落实中央支持{place}战略。", True),
    ("深入推进东北振兴。", True),
    # must not fire: sectors of work any unit lists
    ("科技、教育、文化、卫生、体育等各项社会事业全面发展。", False),
    ("教育、医疗、养老等民生事业持续进步。", False),
])
def test_inventories_honours_and_kinds_of_place_are_facts(template, fact):
    assert ps.fact_sentence(template) is fact
