"""Template sentences a slot would garble or a year would falsify (session 10, round 1 of the city bank):
two places or two plan periods under one slot, a Chinese-numeral anniversary, a sentence cut from the
one before it, a strategy or campaign named by its place, a list of honours."""

from __future__ import annotations

import pytest

from writer.mining import passages as ps
from writer.mining.templates_sentences import fragment
from writer.mining.titles import TitleEntities

SLOTS = {"江苏": "{place}", "南京": "{place}", "甘肃": "{place}", "张掖": "{place}", "上海": "{place}",
         "上海市": "{place}", "中共上海市委": "中共{place}委", "福建省委": "{place}委", "厦门市委": "{place}委",
         "浦东": "{place}", "厦门": "{place}", "福建": "{place}"}


def _kept(text: str, year: int = 2024) -> str:
    """The template of what _templated keeps of ``text``."""
    return ps._templated(text, SLOTS, TitleEntities(), year, ps.NameIndex(SLOTS), frozenset())[1]


@pytest.mark.parametrize("text,kept", [
    # must fire: two different places under {place} would both read as the user's one place
    ("过去一年在江苏和南京发展史上具有特殊意义。", ""),
    ("我们在中共中央、国务院，福建省委、省政府和厦门市委的领导下，完成了预期目标。", ""),
    ("2023年是浦东开发开放以来上海经济发展形势最复杂的一年。", ""),
    ("习近平总书记到福建、厦门考察并发表重要讲话。", ""),
    # must not fire: one place named several ways, or one place given with its province (甘肃张掖)
    ("在中共上海市委的领导下，上海经济持续向好。", "在中共{place}委的领导下，{place}经济持续向好。"),
    ("上海市各项事业取得新进展，上海人民生活持续改善。", "{place}各项事业取得新进展，{place}人民生活持续改善。"),
    ("甘肃张掖支队全体官兵同心协力，张掖各项工作稳步推进。", "{place}支队全体官兵同心协力，{place}各项工作稳步推进。"),
])
def test_two_places_under_one_slot_drop_the_sentence(text, kept):
    assert _kept(text) == kept


@pytest.mark.parametrize("text,kept", [
    # must fire: two plan periods, one {period} slot
    ("2024年是“十四五”收官、“十五五”谋划之年。", ""),
    ("回眸“十一五”，我们信心倍增；展望“十二五”，我们斗志昂扬。", ""),
    # must not fire: one period, named twice
    ("2023年是“十四五”规划的关键之年，“十四五”目标任务全面推进。",
     "{last_year}年是{period}规划的关键之年，{period}目标任务全面推进。"),
])
def test_two_plan_periods_drop_the_sentence(text, kept):
    assert _kept(text) == kept


@pytest.mark.parametrize("text,template", [
    ("2008年，是改革开放三十周年。", "{year}年，是改革开放{num}周年。"),                 # must fire
    ("以优异成绩庆祝建党一百周年。", "以优异成绩庆祝建党{num}周年。"),
    ("迎来建市第二十周年。", "迎来建市第{num}周年。"),
    ("周年庆典圆满举办。", "周年庆典圆满举办。"),                                          # must not: no count
    ("十年来，我们攻坚克难。", "十年来，我们攻坚克难。"),
])
def test_a_chinese_numeral_anniversary_is_a_number_slot(text, template):
    assert ps.replace_numbers(text, 2008) == template


@pytest.mark.parametrize("sentence,is_fragment", [
    ("的好势头，社会总供求保持基本平衡。", True),          # must fire: cut at a page break
    ("，较好地完成了各项任务。", True),                   # after a broken 。，
    ("了一批重大项目。", True),
    ("的确，发展中还存在不少困难。", False),               # must not: a word that starts with the particle
    ("得益于全市人民的共同努力，各项目标顺利完成。", False),
    ("了解群众所思所盼，是我们工作的出发点。", False),
    ("地处东南沿海，区位优势明显。", False),
    ("过去一年，全市经济稳中有进。", False),
])
def test_a_sentence_cut_from_the_one_before_it_is_a_fragment(sentence, is_fragment):
    assert fragment(sentence) is is_fragment


def test_a_fragment_leaves_the_template_and_the_rest_stays():
    text = "的好势头，社会总供求保持基本平衡。过去一年，全市上下攻坚克难，较好完成了年度目标任务。"
    assert _kept(text) == "过去一年，全市上下攻坚克难，较好完成了年度目标任务。"


@pytest.mark.parametrize("template,fact", [
    ("另一方面，{place}战略上升为国家战略。", True),                       # must fire: named by its place
    ("是实施全面振兴新突破{place}行动的首战之年。", True),
    ("{place}先后获得全国文明城市、全国卫生城市等荣誉。", True),            # a list of honours
    ("深入实施乡村振兴战略，扎实推进共同富裕。", False),                   # must not: any unit's
    ("让我们行动起来，为{place}高质量发展作出新贡献。", False),
    ("我们以优异成绩迎接党的二十大胜利召开。", False),
])
def test_a_strategy_or_campaign_named_by_its_place_or_a_list_of_honours_is_a_fact(template, fact):
    assert ps.fact_sentence(template) is fact


@pytest.mark.parametrize("template,fact", [
    ("{place}是一座英雄的城市，勤劳智慧的{place}人民创造了奇迹。", True),   # must fire: 英雄城市 with 的
    ("{place}是一座英雄城市。", True),
    ("向英雄的人民致敬，向奋斗的城市建设者致敬。", False),                   # must not: no kind of place
])
def test_a_kind_of_place_written_with_de_is_one_places(template, fact):
    assert ps.fact_sentence(template) is fact


def test_a_passage_does_not_end_leading_into_what_is_not_there():
    from writer.mining.templates_sentences import without_lead_in

    body = [("新征程已经开启。", "新征程已经开启。"), ("注释：", "注释：")]
    assert without_lead_in([body]) == [body[:1]]                                   # must fire
    listing = [("过去一年，在九个方面取得了新的进展：", "过去一年，在九个方面取得了新的进展：")]
    assert without_lead_in([body[:1], listing]) == [body[:1]]                      # a whole paragraph too
    middle = [("主要做了以下工作：", "主要做了以下工作："), ("一是稳增长。", "一是稳增长。")]
    assert without_lead_in([middle]) == [middle]                                   # must not: the list follows
