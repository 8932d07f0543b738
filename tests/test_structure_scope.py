"""Where an item's scope ends and a list is one decision: an address turn (各位代表，…) after an item's
text ends it; a numbering restarted under a heading, or set otherwise than its item, is a deeper list;
a list of consecutive numbers is all headings or all text; an editor's note after a thematic break,
a signature with its date and a link to an attached file end the body. Each row also keeps the
layout the rule must leave alone (a closing after the last item, an aside inside an item)."""

from __future__ import annotations

import pytest

from tests.test_structure_corpora import outline
from writer.corpus.reader import parse_text

FRONT = "---\ntitle: 2005年政府工作报告\n---\n\n各位代表：\n\n"
REVIEW = "一、2004年工作回顾\n\n过去一年，全市经济运行稳中向好，各项事业取得新进展。\n\n" \
    + "".join(f"全市第{n}项重点工作顺利推进，取得明显成效。\n\n" for n in range(8)) \
    + "（一）实施有效调控，提高经济质量。我们积极贯彻宏观调控政策。\n\n"
TASKS = "二、2005年主要任务\n\n（一）调整优化经济结构。巩固宏观调控成果。\n\n" \
    "（二）加强政府自身建设。深化行政管理体制改革。\n\n"
CLOSING = "各位代表，新形势催人奋进，新任务光荣艰巨。让我们紧密团结，开拓进取，为全面建设小康社会而努力奋斗！\n\n"
ITEMS = "1、推进基本医疗保障进社区。规范建设社区卫生服务机构。\n\n2、改善劳动模范生活条件。按标准补齐。\n\n" \
    "3、改善环卫工人生产生活条件。建设作业休息点。\n\n"
PARTS = [[1, "2004年工作回顾"], [2, "实施有效调控，提高经济质量"], [1, "2005年主要任务"],
         [2, "调整优化经济结构"], [2, "加强政府自身建设"]]
THREE = [[2, "推进基本医疗保障进社区"], [2, "改善劳动模范生活条件"], [2, "改善环卫工人生产生活条件"]]


def _doc(body: str, markdown: bool = True):
    [doc] = parse_text(FRONT + body, "report.md" if markdown else "report.txt", markdown=markdown)
    return doc


@pytest.mark.parametrize("body, expected, closing", [
    # an address after （二）'s text ends it: the list after it is the part's, a sibling of （二）; the closing stays
    (REVIEW + TASKS + "各位代表，今年市政府将着力办好十件实事：\n\n" + ITEMS + CLOSING, PARTS + THREE, "新形势催人奋进"),
    # the address alone on its line (**各位代表！**), bold run-ins after it: the part's too
    (REVIEW + TASKS + "**各位代表！**\n\n**坚持从严治政。**严格执行各项规定。\n\n**建设廉洁政府。**深入推进廉政建设。\n\n"
     + CLOSING, PARTS + [[2, "坚持从严治政"], [2, "建设廉洁政府"]], "新形势催人奋进"),
    # an aside inside an item, its next sibling after it: the run-ins stay the item's
    (REVIEW + "二、2005年主要任务\n\n（一）调整优化经济结构。巩固宏观调控成果。\n\n各位代表，摆脱贫困只是第一步。\n\n"
     "**大力促进农民增收。**调优种植结构。\n\n（二）加强政府自身建设。深化行政管理体制改革。\n\n" + CLOSING,
     PARTS[:4] + [[3, "大力促进农民增收"], [2, "加强政府自身建设"]], "新形势催人奋进"),
    # an address that opens an item's text ends nothing (一、 / 各位代表，… / （一）)
    ("一、2004年工作回顾\n\n各位代表，过去一年，全市经济运行稳中向好。\n\n（一）实施有效调控，提高经济质量。我们积极贯彻。\n\n"
     + TASKS + CLOSING, PARTS, "新形势催人奋进"),
    # a list appended after the closing (**2005年为民实事** / 一、…): a part of its own, its list under it
    (REVIEW + TASKS + CLOSING + "**2005年为民实事**\n\n**一、改善城市交通**\n\n新开公交线路80条。\n\n"
     "**二、增加学位供给**\n\n新增学位2340个。\n\n",
     PARTS + [[1, "2005年为民实事"], [2, "改善城市交通"], [2, "增加学位供给"]], None),
])
def test_an_address_turn_ends_the_item(body, expected, closing):
    doc = _doc(body)
    assert outline(doc) == expected
    if closing:
        assert closing in "".join(doc.closing)


@pytest.mark.parametrize("body, expected", [
    # a plain 一、 list inside a bold 四、 part is its items, no siblings of the parts
    ("**一、2005年工作回顾**\n\n过去一年，经济运行稳中向好。\n\n**二、2006年工作重点**\n\n主要预期目标是：增长12%。\n\n"
     "一、突出环境建设，推动全民创业。要营造创业氛围。\n\n二、突出经济质量，加快经济发展。抓好六个方面。\n\n",
     [[1, "2005年工作回顾"], [1, "2006年工作重点"], [2, "突出环境建设，推动全民创业"], [2, "突出经济质量，加快经济发展"]]),
    # the same list, set as the parts are (all bold): siblings, a new part list
    ("**一、2005年工作回顾**\n\n过去一年，经济运行稳中向好。\n\n**二、2006年工作重点**\n\n主要预期目标是：增长12%。\n\n"
     "**三、突出环境建设，推动全民创业**\n\n要营造创业氛围。\n\n",
     [[1, "2005年工作回顾"], [1, "2006年工作重点"], [1, "突出环境建设，推动全民创业"]]),
    # a 一、 list restarted under an unnumbered heading inside 二、: under that heading
    ("**一、2005年工作回顾**\n\n过去一年，经济运行稳中向好。\n\n**二、2006年工作重点**\n\n今年全市经济增长目标为百分之八左右。\n\n"
     "**努力建设经济强市**\n\n**一、坚持科技创新引领**\n\n转变增长方式。\n\n**二、坚持改革开放带动**\n\n激发内生动力。\n\n"
     "**三、加强政府自身建设**\n\n建设服务型政府。\n\n",
     [[1, "2005年工作回顾"], [1, "2006年工作重点"], [2, "努力建设经济强市"], [3, "坚持科技创新引领"],
      [3, "坚持改革开放带动"], [3, "加强政府自身建设"]]),
    # the seed's layout: 一、 parts with （一） items and an unnumbered second part: unchanged
    (REVIEW + TASKS, PARTS),
])
def test_a_restarted_numbering_is_a_deeper_list(body, expected):
    assert outline(_doc(body)) == expected


@pytest.mark.parametrize("items, expected", [
    # short list items, some with figures, some without: all text
    ("1.新增就业12万人。\n\n2.开展第九次“春风行动”。\n\n3.开工建设105万平方米保障性住房。\n\n"
     "4.实施食品安全专项整治。\n\n5.新辟15条公交线路。\n\n", []),
    # heading phrases with their text run in: all headings, the one item without text too
    ("1.聚焦实体经济这个重点，不断厚植发展优势。实施企业培育计划。\n\n2.抓好项目建设。新开工项目120个。\n\n"
     "3.坚持科技是第一生产力，把发展转到依靠科技进步上来\n\n",
     [[3, "聚焦实体经济这个重点，不断厚植发展优势"], [3, "抓好项目建设"], [3, "坚持科技是第一生产力，把发展转到依靠科技进步上来"]]),
])
def test_a_numbered_list_is_one_decision(items, expected):
    doc = _doc("一、2009年重点工作\n\n全年工作安排如下。\n\n（一）着力改善民生。办好实事。\n\n" + items, markdown=False)
    assert outline(doc) == [[1, "2009年重点工作"], [2, "着力改善民生"], *expected]


@pytest.mark.parametrize("tail", [
    "---\n\n**政府工作报告修改10处**\n\n1．第5页第3行“增长”改为“增长8%”。\n\n",
    "---\n\n**注：文中部分经济数据为初步统计数**\n\n",
    "市十二届人大六次会议秘书处\n2005年2月24日\n\n",
    "二〇〇五年一月十日\n\n",
    "文档附件：\n- 2005年政府工作报告.doc\n",
])
def test_what_follows_the_report_ends_the_body(tail):
    doc = _doc(REVIEW + TASKS + CLOSING + tail)
    assert outline(doc) == PARTS
    assert "新形势催人奋进" in "".join(doc.closing)


def test_a_rule_before_more_of_the_report_ends_nothing():
    doc = _doc(REVIEW + "---\n\n" + TASKS + CLOSING)
    assert outline(doc) == PARTS


@pytest.mark.parametrize("last, in_closing", [
    # a task's paragraph ending a long sentence on an outlook word stays the body's
    ("要深入调研，认真做好第一次全国经济普查工作。集思广益，抓紧制定“十一五”规划和2020年远景目标、重点专项规划，为我市未来发展绘制新的美好蓝图。", False),
    ("推进学习教育常态化制度化，加强政治文化建设。严格落实工作制度，以上率下、马上就办，弘扬真抓实干、埋头苦干的时代精神，以实干推动发展，以实干赢得未来。", False),
    # a lead-in opening on the outlook, or closing on a short one, is the closing's
    ("新的一年，任务艰巨而繁重，责任重大而光荣。我们要坚定信心，迎难而上。", True),
    ("历史的经验证明，任何困难和挫折都无法阻挡我们前进的步伐。展望未来，我们充满信心。", True),
])
def test_a_closing_lead_in_looks_ahead(last, in_closing):
    doc = _doc(REVIEW + TASKS.replace("深化行政管理体制改革。", "深化行政管理体制改革。\n\n" + last) + CLOSING)
    assert "新形势催人奋进" in "".join(doc.closing)
    assert (last in doc.closing) == in_closing


def test_a_review_heading_stating_progress_gives_the_lead():
    doc = _doc("一、保持定力、勇毅前行，各项事业取得新进展新成效\n\n在建市四十周年之际，全市上下团结奋斗，经济社会发展"
               "取得新的成绩。\n\n（一）经济持续回升向好。生产总值增长5.5%。\n\n" + TASKS + CLOSING)
    assert doc.lead == ["在建市四十周年之际，全市上下团结奋斗，经济社会发展取得新的成绩。"]


@pytest.mark.parametrize("paragraph, read", [
    ("全市人民高举 邓小平理论伟大旗帜，开拓创新，团结拼搏，圆满完成了各项年度任务。全市经济总量跨上新台 阶，人均生产总值突破3000美元。",
     "全市人民高举邓小平理论伟大旗帜，开拓创新，团结拼搏，圆满完成了各项年度任务。全市经济总量跨上新台阶，人均生产总值突破3000美元。"),
    # a space inside quotation marks separates a slogan's halves and stays
    ("以庆祝建党百年为契机，开设“学百年党史 送真诚祝福”主题活动专栏，全面展示委员风采，广泛凝聚共识，取得良好效果。",
     "以庆祝建党百年为契机，开设“学百年党史 送真诚祝福”主题活动专栏，全面展示委员风采，广泛凝聚共识，取得良好效果。"),
])
def test_letter_spacing_inside_a_paragraph_is_closed_up(paragraph, read):
    doc = _doc(REVIEW.replace("过去一年，全市经济运行稳中向好，各项事业取得新进展。", paragraph) + TASKS + CLOSING)
    assert read in doc.lead + [p for s in doc.all_sections() for p in s.paragraphs]


def test_a_dated_speakers_note_in_the_front_matter_is_no_title():
    text = "---\ntitle: 2005年1月23日某省省长某某 在某省第十届人民代表大会第三次会议上作政府工作报告\n---\n\n" \
        "**政府工作报告**\n\n──2005年1月23日在某省第十届人民代表大会第三次会议上\n\n各位代表：\n\n" + REVIEW + TASKS + CLOSING
    [doc] = parse_text(text, "report.md", markdown=True)
    assert doc.title == "政府工作报告" and doc.year == 2005


def test_an_address_turn_ends_a_run_in_item_too():
    # **这五年，是…的五年。** run-ins, then 各位代表，2021年… and the year's 一是… items: the part's, not the last run-in's
    body = "**一、过去五年和2021年工作回顾**\n\n" + "".join(f"**这五年，是{w}的五年。**成效显著。\n\n" for w in ("经济跨越", "改革开放")) \
        + "各位代表，2021年是本届政府任期的收官之年，我们坚持稳中求进。\n\n**一是经济运行取得新成绩。**增长8%。\n\n" \
        + "**二是产业转型迈出新步伐。**投资增长。\n\n**二、2022年工作安排**\n\n**（一）扩大内需。**扩大有效投资。\n\n" + CLOSING
    assert outline(_doc(body)) == [[1, "过去五年和2021年工作回顾"], [2, "这五年，是经济跨越的五年"], [2, "这五年，是改革开放的五年"],
                                   [2, "经济运行取得新成绩"], [2, "产业转型迈出新步伐"], [1, "2022年工作安排"], [2, "扩大内需"]]


def test_a_first_item_run_into_its_heading_line_is_cut_out():
    body = REVIEW + "二、全面开创新局面。着重做好以下两个方面的工作。（一）优化产业结构，转变增长方式。坚持结构调整。\n\n" \
        "（二）统筹兼顾，突出重点。加快改革进程。\n\n" + CLOSING
    assert outline(_doc(body))[2:] == [[1, "全面开创新局面"], [2, "优化产业结构，转变增长方式"], [2, "统筹兼顾，突出重点"]]
