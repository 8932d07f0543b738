"""Persons from where documents put names apart from the text: front matter authors, speaker lines,
block-quote bylines, reporters' bylines; and dictionary places that are ordinary words."""

from __future__ import annotations

import pytest

from writer.corpus.reader import parse_text
from writer.mining import names as nm
from writer.mining import segment
from writer.mining.analysis import analyse_document
from writer.mining.bylines import WHY_AUTHOR, WHY_REPORTER, WHY_SPEAKER, byline_persons

# (byline, persons it names with why)
BYLINES = [
    ("authors: 赵紫阳", {"赵紫阳": WHY_AUTHOR}),
    ("authors: 江泽民、胡锦涛", {"江泽民": WHY_AUTHOR, "胡锦涛": WHY_AUTHOR}),
    ("佛山市市长 陈云贤", {"陈云贤": WHY_SPEAKER}),
    ("上海市市长 龚 正", {"龚正": WHY_SPEAKER}),
    ("上海市市长韩正", {"韩正": WHY_SPEAKER}),
    ("（2003年2月16日 陈良宇）", {"陈良宇": WHY_SPEAKER}),
    ("吕成蹊", {"吕成蹊": WHY_SPEAKER}),
    ("市长 牙合甫·排都拉", {"牙合甫·排都拉": WHY_SPEAKER}),
    ("代市长伊力哈木·沙比尔", {"伊力哈木·沙比尔": WHY_SPEAKER}),  # read in the city bank's sample
    ("（通讯员 王荣文 报道）", {"王荣文": WHY_REPORTER}),
    ("中国义乌网9月3日讯（义乌商报记者 王婷）", {"王婷": WHY_REPORTER}),
    ("（记者 张晓明 李红）", {"张晓明": WHY_REPORTER, "李红": WHY_REPORTER}),
    # no person
    ("（一九八七年十月二十五日）", {}),
    ("东莞市人民政府市长", {}),
    ("（平川融媒）", {}),
    ("政府工作报告", {}),
    ("遵义市", {}),
    ("2025年1月14日在北京市第十六届人民代表大会第三次会议上", {}),
    ("市长 高水平", {}),
]


@pytest.mark.parametrize("line,expected", BYLINES)
def test_bylines_name_persons(line, expected):
    found = byline_persons([line])
    assert {name: why for name, (why, _) in found.items()} == expected
    assert all(ev_line == line for _, ev_line in found.values())


HUGO = """---
title: 在某某大会上的报告
authors:
  - 赵紫阳
tags:
  - 十三大
---

**沿着某某道路前进**

> （一九八七年十月二十五日）
> **赵紫阳**

同志们！

## 一、历史性成就

党的第十二次全国代表大会以来，各项工作取得新进展。
"""

CITY = """---
title: 某某市2010年政府工作报告
---

某某市市长 陈云贤

各位代表：

**一、2009年工作回顾**

过去一年，全市经济平稳增长。（通讯员 王荣文 报道）
"""


def test_the_reader_keeps_bylines_as_metadata():
    (party,) = parse_text(HUGO, "1987-报告.md", markdown=True)
    assert party.bylines[0] == "authors: 赵紫阳" and "赵紫阳" in party.bylines
    assert not any("赵紫阳" in t for t in party.texts())  # metadata, not a section or the lead
    (city,) = parse_text(CITY, "2010.md", markdown=True)
    assert "某某市市长 陈云贤" in city.bylines and "（通讯员 王荣文 报道）" in city.bylines
    assert "各位代表：" not in city.bylines
    assert city.paragraphs() == ["过去一年，全市经济平稳增长。"]


def test_a_document_without_bylines_is_written_as_before():
    (doc,) = parse_text("某某工作综述\n\n今年以来，各项工作取得新进展。\n", "a.txt")
    assert "bylines" not in doc.to_dict()
    (city,) = parse_text(CITY, "2010.md", markdown=True)
    assert type(city).from_dict(city.to_dict()).bylines == city.bylines


def test_mining_takes_the_persons_of_bylines_with_why_and_line():
    (city,) = parse_text(CITY, "2010.md", markdown=True)
    a = analyse_document(city)
    assert a.names["陈云贤"] == "person" and a.names["王荣文"] == "person"
    assert a.evidence["陈云贤"] == (WHY_SPEAKER, "某某市市长 陈云贤")
    assert a.evidence["王荣文"] == (WHY_REPORTER, "（通讯员 王荣文 报道）")


@pytest.mark.parametrize("text,place,is_place", [
    ("既是建国60周年大庆之年", "建国", False),   # tagged ns by jieba's dictionary, used as an ordinary word
    ("隆重庆祝建国50周年", "建国", False),
    ("坚持加大力度推进改革", "加大力度", False),  # a four-character phrase the dictionary tags ns
    ("走进中关村科技企业", "中关村", True),       # a rare dictionary place: a name
])
def test_a_dictionary_place_that_is_an_ordinary_word_needs_context(text, place, is_place):
    found = nm.names_from_tokens(segment.cut(text), inclusive=True)
    assert (found.get(place) == "place") is is_place, found


@pytest.mark.parametrize("text", ["开工建设高速公路，新建续建国省干线360公里", "续建国省干线公路"])
def test_a_dictionary_word_before_a_lone_suffix_needs_the_gazetteer(text):
    # 续/建国/省/干线: 建国省 is no division, so 建国 is no place (合作/市 is one: see test_names)
    found = nm.names_from_tokens(segment.cut(text), inclusive=True)
    assert "建国" not in found and "建国省" not in found, found


def test_an_ordinary_dictionary_place_before_a_place_suffix_is_a_place():
    assert "建国" in nm.names_from_tokens(["推进", "建国", "乡", "建设"], inclusive=True)
