"""A government report's lead: the review's first paragraph, or its complete sentences when it ends
by introducing a list (…取得了显著成绩：), the introducing sentence staying before the list."""

from __future__ import annotations

import pytest

from writer.corpus.document import Section
from writer.corpus.ends import review_lead

LONG = "过去五年，我们坚持稳中求进工作总基调，推动经济社会发展迈上了新台阶。"


@pytest.mark.parametrize("first,lead,left", [
    # a complete paragraph is the lead, and leaves the section
    (LONG, [LONG], []),
    # a paragraph ending by introducing a list: its sentences are the lead, the introduction stays
    (LONG + "显著标志是：", [LONG], ["显著标志是："]),
    ("过去五年，我们办成了“三件大事”。" + LONG + "特别是：", ["过去五年，我们办成了“三件大事”。" + LONG], ["特别是："]),
    # a quotation closing the last sentence belongs to it
    ("我们始终牢记“发展是第一要务，稳定是第一责任”。特别是：",
     ["我们始终牢记“发展是第一要务，稳定是第一责任”。"], ["特别是："]),
    # one sentence introducing a list is no lead; the paragraph is left alone
    ("在这五年里，我们紧紧依靠全市人民，推动各项事业取得新进展：", [], ["在这五年里，我们紧紧依靠全市人民，推动各项事业取得新进展："]),
    # too short a sentence before the introduction is no lead either
    ("一年来成绩显著。主要是：", [], ["一年来成绩显著。主要是："]),
    # an unfinished paragraph that introduces nothing is no lead
    ("过去五年，我们坚持稳中求进工作总基调，推动经济社会发展", [], ["过去五年，我们坚持稳中求进工作总基调，推动经济社会发展"]),
    # a dash-led line is an item of a list
    ("——" + LONG, [], ["——" + LONG]),
])
def test_review_lead(first, lead, left):
    section = Section(heading="2023年工作回顾", paragraphs=[first, "（一）经济运行稳中有进。"])
    assert review_lead([section]) == lead
    assert section.paragraphs == left + ["（一）经济运行稳中有进。"]


def test_no_review_no_lead():
    # neither the heading nor the paragraph's opening speaks of the past: no lead
    text = "我们将坚持稳中求进工作总基调，推动经济社会发展迈上新台阶。主要是："
    section = Section(heading="今后五年的主要任务", paragraphs=[text])
    assert review_lead([section]) == []
    assert section.paragraphs == [text]
