"""A document's two ends: the lead a report opens with and the closing it ends with.

A government report's lead, when only formulas stand before its first heading,
is the review's first paragraph; the closing is the rhetorical paragraphs
(展望, 让我们…) after the last item's content, taken off the end.
"""

from __future__ import annotations

import re

from writer.corpus.cleaning import is_terminated
from writer.corpus.document import Section
from writer.corpus.structure import DIGIT_RUN, is_closing_paragraph, structure_patterns
from writer.zh import split_sentences


def review_lead(sections: list[Section]) -> list[str]:
    """A report's lead when nothing but formulas stands before its first heading: the review's first paragraph.

    The paragraph is taken out of the section (it is the lead, not the review's text twice).
    """
    if not sections:
        return []
    first = sections[0]
    while not first.paragraphs and first.subsections:
        first = first.subsections[0]  # 一、2024年工作回顾 / （一）经济运行稳中有进 / its first paragraph
    if not first.paragraphs:
        return []
    paragraphs = first.paragraphs
    patterns = structure_patterns()
    review = patterns[2].search(sections[0].heading) or patterns[2].search(first.heading) \
        or patterns[3].match(paragraphs[0])
    # A dash-led line (——工业生产持续快速增长。…) is an item of a list, not a lead.
    if not review or paragraphs[0][:1] in ("—", "―", "-"):
        return []
    lead, rest = _lead_and_list_intro(paragraphs[0])
    if len(lead) < 20:
        return []
    if rest:
        paragraphs[0] = rest  # the sentence introducing the list stays before the list
    else:
        paragraphs.pop(0)
    return [lead]


def _lead_and_list_intro(paragraph: str) -> tuple[str, str]:
    """A review paragraph as (its complete sentences, the sentence after them that introduces a list).

    The first review paragraph often ends by introducing what follows (…取得显著成绩：); its
    sentences before that are the lead. ("", "") when it holds no complete sentence.
    """
    if is_terminated(paragraph):
        return paragraph, ""
    if not paragraph.endswith(("：", ":")):
        return "", ""
    cut = max(paragraph.rfind(mark) for mark in "。！？")
    while 0 <= cut < len(paragraph) - 1 and paragraph[cut + 1] in "”’）)》」』":
        cut += 1  # a quotation or bracket closing the last sentence belongs to it
    if cut < 0:
        return "", ""
    return paragraph[:cut + 1], paragraph[cut + 1:].lstrip()


# ---------------------------------------------------------------- the end: dangling text, closing

def _trim_dangling(paragraph: str) -> str:
    """Cut an unfinished last sentence (text lost at the source's end) back to its last full stop."""
    if not paragraph or is_terminated(paragraph) or paragraph.endswith(("：", ":")):
        return paragraph
    cut = max(paragraph.rfind(c) for c in "。！？")
    if cut <= 0:
        return paragraph
    end = cut + 1
    while end < len(paragraph) and paragraph[end] in "”’）》":
        end += 1
    return paragraph[:end]


def _last_paragraphs(lead: list[str], sections: list[Section]) -> list[str] | None:
    """The paragraphs the document ends with (those of its last (sub)section, or the lead)."""
    if not sections:
        return lead
    sec = sections[-1]
    while sec.subsections:  # the last heading at any depth holds the document's last paragraphs
        sec = sec.subsections[-1]
    return sec.paragraphs if sec.paragraphs else None


# The paragraphs before a closing's appeal are short: in gov-reports-city every one longer
# than this (40 of 71) was the last part's own text (加强政府自身建设: 新征程新使命对政府自身建设
# 提出了新要求。我们要……), written with the outlook words a closing uses.
CLOSING_LEAD_IN_MAX = 240


# A paragraph opening with a run-in heading: a short head (no comma) closed by a full stop, text after it.
_RUN_IN_HEAD = re.compile(r"^[^，,。；;！!？?：:“”]{2,20}。(?=\S)")


def _next_run_item(paragraph: str, before: str) -> bool:
    """Whether ``paragraph`` is the next item of the run of run-in headed paragraphs ``before`` ends
    (严守廉洁底线。深入推进… after 坚持依法行政。…): the last part's body, however much outlook its
    tail holds, unless it makes the closing's appeal (让我们…！) or opens with outlook words."""
    m = _RUN_IN_HEAD.match(paragraph)
    if not m or not _RUN_IN_HEAD.match(before) or "让我们" in paragraph or paragraph.endswith(("！", "!")):
        return False
    opening = paragraph[:m.end()] + (split_sentences(paragraph[m.end():]) or [""])[0]
    return not structure_patterns()[1].search(opening)


_APPEAL = re.compile(r"让我们(?!的)|[！!]$")
_SHORT_LAST = 20


def _opens_with_outlook(paragraph: str) -> bool:
    """Whether a paragraph reads as a closing's lead-in: it makes the appeal (让我们…！), or its first
    sentence or a short last one looks ahead (新的一年，任务艰巨而繁重。 … 展望未来，我们充满信心。),
    where a task's paragraph only ends a long sentence on an outlook word (…以实干赢得未来。)."""
    if _APPEAL.search(paragraph):
        return True
    sentences = split_sentences(paragraph) or [""]
    outlook = structure_patterns()[1]
    return bool(outlook.search(sentences[0])) or (len(sentences[-1]) <= _SHORT_LAST and bool(outlook.search(sentences[-1])))


def split_closing(lead: list[str], sections: list[Section]) -> list[str]:
    """Trim a last paragraph cut off by the source, then take the closing paragraphs off the end."""
    tail_paragraphs = _last_paragraphs(lead, sections)
    if tail_paragraphs:
        tail_paragraphs[-1] = _trim_dangling(tail_paragraphs[-1])
    closing: list[str] = []
    if tail_paragraphs and (sections or len(tail_paragraphs) > 1):
        k = len(tail_paragraphs)
        while k > 1 and len(closing) < 3:
            p = tail_paragraphs[k - 1]
            if closing and len(p) > CLOSING_LEAD_IN_MAX:
                break  # a body paragraph (the government's own tasks), not the closing's lead-in
            if _next_run_item(p, tail_paragraphs[k - 2]):
                break
            if closing and len(p) > 30 and not _opens_with_outlook(p):
                break  # the last item's text ending on an outlook word (…以实干赢得未来。): the body's
            if is_closing_paragraph(p) or (closing and len(p) <= 30 and not DIGIT_RUN.search(p)):
                closing.insert(0, p)
                k -= 1
            else:
                break
        # A short aphorism cannot be the whole closing on its own.
        while closing and not is_closing_paragraph(closing[-1]):
            closing.pop()
            k += 1
        del tail_paragraphs[k:]
    return closing
