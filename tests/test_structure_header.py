"""A header's title line with an abridgement note (政府工作报告（摘要）) is the title, not a section."""

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
