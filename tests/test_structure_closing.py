"""Where a report's closing begins: after the last part's body, at the rhetorical end (fixtures/structure).

A government report's last part (加强政府自身建设) is a run of paragraphs each
opening with a run-in heading (坚持依法行政。…); its last item may end with
outlook words (开创新局面) and still be the part's body. An address inside a
paragraph (…力戒浪费。各位代表，让我们…) opens the closing; an address that
lost its first character in extraction (位代表：) is still an address.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from writer.corpus.reader import read_corpus
from writer.corpus.ends import split_closing
from writer.corpus.document import Section

FIXTURES = Path(__file__).parent / "fixtures" / "structure"


def _read(name: str):
    [doc] = read_corpus([FIXTURES / name]).documents
    return doc


def test_last_run_in_item_stays_in_the_body():
    doc = _read("closing-run-in.md")
    last = list(doc.all_sections())[-1]
    assert last.heading == "加强政府自身建设"
    assert [p[:6] for p in last.paragraphs] == ["坚持依法行政", "强化担当作为", "恪守廉洁底线"]
    # an outlook lead-in (展望未来) before the appeal is the closing's, though it opens with a short sentence
    assert [p[:8] for p in doc.closing] == ["新的征程已经开启", "实干成就事业，奋"]


def test_address_inside_a_paragraph_opens_the_closing():
    doc = _read("closing-address-run-on.md")
    assert doc.closing == ["当前我市正处于发展的关键时期，让我们在市委的坚强领导下，团结和依靠全市人民，"
                           "真抓实干，为全面建设现代化城市而努力奋斗！"]
    assert list(doc.all_sections())[-1].paragraphs[-1].endswith("力戒奢侈和浪费。")
    assert doc.lead == ["过去一年，全市经济平稳运行，民生持续改善。"]  # 位代表： is the address, not the lead


@pytest.mark.parametrize("tail, closing", [
    # a run item after a run item: body, whatever its tail says
    (["坚持依法行政。严格执行决策程序。", "恪守廉洁底线。推进廉政建设。以优良作风开创新局面。"], []),
    # the appeal itself may open with a short sentence after a run item
    (["恪守廉洁底线。推进廉政建设。", "新时代是奋斗者的时代。让我们团结奋斗，谱写新篇章！"],
     ["新时代是奋斗者的时代。让我们团结奋斗，谱写新篇章！"]),
    # not a run: the paragraph before opens with no run-in heading
    (["我们将进一步推进廉政建设，不断提高行政效能。", "恪守初心使命。展望未来，我们充满信心。"],
     ["恪守初心使命。展望未来，我们充满信心。"]),
])
def test_run_items_and_closings(tail, closing):
    sections = [Section("加强政府自身建设", paragraphs=list(tail))]
    assert split_closing([], sections) == closing
    assert sections[0].paragraphs + closing == tail


def test_address_turns():
    from writer.corpus.formulas import address_turns

    assert address_turns("力戒奢侈和浪费。各位代表，让我们团结奋斗！") == [8]
    assert address_turns("抓好安全生产。各位代表！在新的起点上，我们要再接再厉。") == [7]
    assert address_turns("请各位代表和社会各界监督。各位代表提出建议520件。") == []
    assert address_turns("同志们的辛勤付出换来了丰硕成果。") == []
