"""Genre and layout leftovers the reader takes out of titles, headings, leads and closings: a speaker's
line run into the address, endnotes, a title's bracketed date and speaker, letter-spacing."""

from __future__ import annotations

import pytest

from writer.corpus.cleaning import clean_line
from writer.corpus.header import split_title_note
from writer.corpus.reader import parse_text

REVIEW = "一、2018年工作回顾\n\n2018年，全市经济运行稳中向好，各项事业取得新进展。\n\n二、2019年主要任务\n\n全力稳增长，促发展。\n"


@pytest.mark.parametrize("first, byline", [
    ("代市长 某某某各位代表：现在，我代表市人民政府向大会报告工作，请予审议。", "代市长 某某某"),
    ("某市市长 某某各位代表：", "某市市长 某某"),
])
def test_a_speakers_line_run_into_the_address_is_metadata(first, byline):
    [doc] = parse_text("2019年政府工作报告\n\n" + first + "\n\n" + REVIEW, "r.txt")
    assert doc.lead == ["2018年，全市经济运行稳中向好，各项事业取得新进展。"]
    assert byline in doc.bylines


def test_endnotes_after_the_report_are_not_headings():
    notes = "**[1] 四下基层：**宣传政策下基层，调查研究下基层。\n\n**[2] 两个责任：**属地管理责任和企业主体责任。\n"
    [doc] = parse_text("---\ntitle: 2024年政府工作报告\n---\n\n" + REVIEW + "\n**注 释**\n\n" + notes, "r.md", markdown=True)
    headings = [s.heading for s in doc.all_sections()]
    assert headings == ["2018年工作回顾", "2019年主要任务"]
    assert not any("下基层" in p for s in doc.all_sections() for p in s.paragraphs)


@pytest.mark.parametrize("given, title, date, speaker", [
    ("某市政府工作报告 （2017年1月15日 某某某）", "某市政府工作报告", "2017-01-15", "某某某"),
    ("（2019年1月9日）某市政府工作报告", "某市政府工作报告", "2019-01-09", ""),
    ("2 0 2 1 年 政府工作报告", "2021年政府工作报告", None, ""),
    ("2 0 1 6  年 政府工作报告", "2016年政府工作报告", None, ""),
    # a bracket without a full date, and spaces between words, are the title's own
    ("政府工作报告（2021年）", "政府工作报告（2021年）", None, ""),
    ("乙单位法治工作综述：守正创新 行稳致远", "乙单位法治工作综述：守正创新 行稳致远", None, ""),
    ("深圳市 2024 年政府工作报告", "深圳市2024年政府工作报告", None, ""),
])
def test_a_titles_date_and_speaker_are_metadata(given, title, date, speaker):
    assert split_title_note(given) == (title, date, speaker)


def test_the_document_keeps_the_titles_date_and_speaker():
    [doc] = parse_text("---\ntitle: 某市政府工作报告 （2017年1月15日 某某某）\n---\n\n" + REVIEW, "c/某市/2017.md", markdown=True)
    assert (doc.title, doc.date, doc.year) == ("某市政府工作报告", "2017-01-15", 2017)
    assert "某某某" in doc.bylines


@pytest.mark.parametrize("raw, clean", [
    ("注 释", "注释"),
    ("（四）坚 持统筹兼顾，推进协调发展", "（四）坚持统筹兼顾，推进协调发展"),
    ("新 的一年，任务繁重", "新的一年，任务繁重"),
    # a space after a word of two or more characters separates
    ("省长 某某某", "省长 某某某"),
    ("产业兴旺 群众美", "产业兴旺 群众美"),
])
def test_letter_spacing_is_closed_up(raw, clean):
    assert clean_line(raw) == clean


@pytest.mark.parametrize("header, subtitle, date", [
    ("2022年4月9日在某市\n\n第十六届人民代表大会第一次会议上", "2022年4月9日在某市第十六届人民代表大会第一次会议上", "2022-04-09"),
    ("——2022年4月9日在某市第十六届人民代表大会第一次会议上", "2022年4月9日在某市第十六届人民代表大会第一次会议上", "2022-04-09"),
])
def test_a_date_line_split_over_two_lines_is_the_subtitle(header, subtitle, date):
    [doc] = parse_text("2022年政府工作报告\n\n" + header + "\n\n各位代表：\n\n" + REVIEW, "r.txt")
    assert (doc.subtitle, doc.date) == (subtitle, date)
    assert [s.heading for s in doc.sections] == ["2018年工作回顾", "2019年主要任务"]


@pytest.mark.parametrize("colophon", ["市十五届人大三次会议秘书处 2014年1月6日印", "某市人民政府办公室 二〇一四年一月六日印发"])
def test_a_print_colophon_ends_the_report(colophon):
    [doc] = parse_text("2014年政府工作报告\n\n各位代表：\n\n" + REVIEW + "\n" + colophon + "\n", "r.txt")
    assert [s.heading for s in doc.all_sections()] == ["2018年工作回顾", "2019年主要任务"]
    assert not any("印" in p for p in doc.paragraphs())
