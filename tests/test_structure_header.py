"""A report's header and lead: an abridged title line (政府工作报告（摘要）) is the title, not a section; the lead is the review's first paragraph at any depth."""

from __future__ import annotations

import pytest

from writer.corpus.reader import parse_text

PAGE = """---
title: 2030年某市政府工作报告
---

政府工作报告{note}

（2030年2月1日在某市第一届人民代表大会第一次会议上）

一、2029年工作回顾

2029年是极不平凡的一年。全市上下攻坚克难，经济社会发展取得新成效。

二、2030年重点工作

全面推进各项工作，为实现全年目标而努力奋斗。
"""


@pytest.mark.parametrize("note", ["", "（摘要）", "（节选）"])
def test_abridged_title_line_is_the_title(note):
    [doc] = parse_text(PAGE.format(note=note), "某市/2030.md", markdown=True)
    assert [s.heading for s in doc.sections] == ["2029年工作回顾", "2030年重点工作"]
    assert doc.lead == ["2029年是极不平凡的一年。全市上下攻坚克难，经济社会发展取得新成效。"]
    assert doc.subtitle == "2030年2月1日在某市第一届人民代表大会第一次会议上"


NESTED = """---
title: 2030年某市政府工作报告
---

各位代表：

一、2029年工作回顾

（一）经济运行稳中有进

2029年，全市经济运行稳中有进，主要指标好于预期。

（二）民生持续改善

{second}

二、2030年重点工作

全面推进各项工作，为实现全年目标而努力奋斗。
"""


@pytest.mark.parametrize("first, lead", [
    # the review's first paragraph, one level down, is the lead when nothing stands before the heading
    ("2029年，全市经济运行稳中有进，主要指标好于预期。", ["2029年，全市经济运行稳中有进，主要指标好于预期。"]),
    # a dash-led list item is no lead
    ("——工业生产持续快速增长，完成工业总产值926亿元。", []),
])
def test_lead_is_the_reviews_first_paragraph_at_any_depth(first, lead):
    text = NESTED.replace("2029年，全市经济运行稳中有进，主要指标好于预期。", first).format(second="城乡居民收入稳步增长，就业形势总体稳定。")
    [doc] = parse_text(text, "某市/2030.md", markdown=True)
    assert doc.lead == lead
    assert [s.heading for s in doc.all_sections()] == ["2029年工作回顾", "经济运行稳中有进", "民生持续改善", "2030年重点工作"]


def test_a_title_set_twice_in_a_row_is_one_title():
    # a page's scraper joined the title's two copies in the front matter (广州 1993–2026)
    page = PAGE.format(note="").replace("title: 2030年某市政府工作报告", "title: 2030年某市政府工作报告2030年某市政府工作报告")
    [doc] = parse_text(page, "某市/2030.md", markdown=True)
    assert doc.title == "2030年某市政府工作报告"
    assert [s.heading for s in doc.sections] == ["2029年工作回顾", "2030年重点工作"]


def test_a_bold_numbered_first_line_is_the_first_part_not_the_title():
    # **一、2004年工作回顾** opens the body (广州2005): its title words (工作, 回顾) make it no title line
    page = ("---\ntitle: 2005年某市政府工作报告\n---\n\n**一、2004年工作回顾**\n\n2004年是不平凡的一年。\n\n"
            "（一）经济增长速度与质量同步提升。\n\n全市生产总值增长15%。\n\n二、2005年主要工作任务\n\n"
            "（一）推进结构调整。\n\n加快发展先进制造业。\n\n")
    [doc] = parse_text(page, "某市/2005.md", markdown=True)
    assert doc.title == "2005年某市政府工作报告"
    outline = [(s.heading, [c.heading for c in s.subsections]) for s in doc.sections]
    assert outline == [("2004年工作回顾", ["经济增长速度与质量同步提升"]), ("2005年主要工作任务", ["推进结构调整"])]


def test_an_address_after_the_first_numbered_heading_is_inside_the_speech():
    # 西藏2003: the speech opens 各位代表，… in a paragraph; its review and 一、… come before the next 各位代表：,
    # which is no end of a header: nothing before it is skipped (or taken as bylines)
    page = ("---\ntitle: 2003年某区政府工作报告\n---\n\n（2003年1月10日 某某）\n\n各位代表，本届政府任期已满。现在，我代表区"
            "人民政府作工作报告，请予审议。\n\n**过去五年工作回顾**\n\n五年来，全区经济稳步发展。\n\n"
            "**一、国民经济保持了持续快速健康发展**\n\n全区生产总值年均增长12%。\n\n**二、社会事业全面进步**\n\n"
            "教育事业加快发展。\n\n各位代表：\n\n过去的5年，是不断解放思想的5年。\n\n**今后5年工作建议**\n\n"
            "**一、大力推进跨越式发展**\n\n加快发展特色产业。\n\n")
    [doc] = parse_text(page, "某区/2003.md", markdown=True)
    outline = [(s.heading, [c.heading for c in s.subsections]) for s in doc.sections]
    assert outline == [("过去五年工作回顾", ["国民经济保持了持续快速健康发展", "社会事业全面进步"]),
                       ("今后5年工作建议", ["大力推进跨越式发展"])]
    assert not [b for b in doc.bylines if "经济" in b or "代表" in b]
