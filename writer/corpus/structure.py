"""A document's body as structure: heading levels, sections and subsections, paragraphs, the closing.

Numbered headings (一、…, 第一部分…) open sections and （一）… subsections;
an unnumbered short line is a heading unless it is half of a paragraph cut at
a page break (``looks_like_fragment``), in which case the lines are rejoined.
The rhetorical paragraphs that end the last section become the closing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from writer.corpus.cleaning import is_terminated, strip_bylines
from writer.corpus.document import Section

_H1_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分[、：:\s]?)\s*(.*)$")
_H2_NUMBERED = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*(.*)$")
_DIGIT_RUN = re.compile(r"\d+(?:\.\d+)?")
_STRUCTURE_LISTS = ("corpus/structure.yaml", ("title_words", "closing_markers"))


@dataclass
class Line:
    """A non-blank line after cleaning; ``bold`` when Markdown marked the whole line."""

    text: str
    bold: bool = False
    gap: bool = False  # a blank line precedes it


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists(*_STRUCTURE_LISTS)
    return tuple(re.compile("|".join(map(re.escape, lists[key]))) for key in _STRUCTURE_LISTS[1])


def has_title_word(s: str) -> bool:
    """Whether a line holds a word titles are made of (报告, 综述, 工作…)."""
    return bool(_patterns()[0].search(s))


def is_closing_paragraph(p: str) -> bool:
    """A paragraph of the closing: outlook and appeal (展望, 让我们…), few figures."""
    return bool(_patterns()[1].search(p)) and len(_DIGIT_RUN.findall(p)) <= 4


# ---------------------------------------------------------------- lines → blocks

def looks_like_fragment(s: str, paged: bool = True) -> bool:
    """An unterminated line that is half of a paragraph cut at a page break, not a heading.

    ``paged`` text (paragraphs separated by blank lines, as PDF extractions
    are) gets the weaker tests too; in one-paragraph-per-line text a page
    break cannot cut a paragraph, so only clear signs count there.
    """
    if s.endswith("——"):
        return False
    if len(s) > 32:
        return True
    if s[-1] in "，、；：（“《—-,;(" or s.startswith(("——", "―")):
        return True
    if re.search(r"[。；！？;]", s):
        return True
    clauses = [c for c in re.split(r"[，、 ,]", s) if c]
    if clauses and len(clauses[-1]) <= 1:
        return True
    if not paged:
        return False
    if "、" in s and len(s) > 12:
        return True
    if re.search(r"\d", s) and "，" in s:
        return True
    if len(clauses) == 1 and len(s) > 18:
        return True
    return False


def _split_run_in(rest: str) -> tuple[str, str]:
    """``坚持政治引领，不折不扣贯彻落实。坚持…`` → (heading, paragraph)."""
    m = re.search(r"[。；]", rest)
    if m and m.start() <= 60:
        return rest[:m.start()], rest[m.end():].strip()
    return rest, ""


@dataclass
class _Block:
    kind: str  # "h1", "h2", "h" (unnumbered heading), "p"
    text: str
    tail: str = ""  # run-in paragraph after a numbered heading


def _blocks(lines: list[Line], paged: bool) -> list[_Block]:
    """Classify lines as headings or paragraphs, rejoining page-break fragments."""
    blocks: list[_Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        s = line.text
        m1 = _H1_NUMBERED.match(s)
        m2 = _H2_NUMBERED.match(s) if not m1 else None
        if m1 and m1.group(1):
            head, tail = _split_run_in(m1.group(1)) if is_terminated(m1.group(1)) or "。" in m1.group(1) else (m1.group(1), "")
            blocks.append(_Block("h1", head, tail))
            i += 1
            continue
        if m2 and m2.group(1):
            rest = m2.group(1)
            head, tail = _split_run_in(rest) if ("。" in rest or is_terminated(rest)) else (rest, "")
            blocks.append(_Block("h2", head, tail))
            i += 1
            continue
        if is_terminated(s) or s.endswith(("：", ":")):
            blocks.append(_Block("p", s))
            i += 1
            continue
        if (line.bold and len(s) <= 60) or not looks_like_fragment(s, paged):
            blocks.append(_Block("h", s))
            i += 1
            continue
        # A fragment: join the following lines until the paragraph is complete.
        text = s
        i += 1
        while i < n and not is_terminated(text):
            nxt = lines[i].text
            if _H1_NUMBERED.match(nxt) or _H2_NUMBERED.match(nxt) or lines[i].bold:
                break
            text += nxt
            i += 1
        blocks.append(_Block("p", text))
    return blocks


# ---------------------------------------------------------------- blocks → sections

def _finish_paragraph(text: str) -> str:
    """Bylines removed; bullets dropped."""
    s = strip_bylines(text)
    s = re.sub(r"^[★☆●○■□◆◇▲△▶►•·\-]+\s*", "", s)
    return s


class _Sections:
    """The lead and the sections being built, block by block."""

    def __init__(self):
        self.lead: list[str] = []
        self.sections: list[Section] = []
        self.current: Section | None = None
        self.pending_heading = False  # the last block was a heading with no paragraph yet

    def paragraph(self, text: str) -> None:
        text = _finish_paragraph(text)
        if not text:
            return
        target = self.current
        if target is None:
            self.lead.append(text)
        else:
            (target.subsections[-1] if target.subsections else target).paragraphs.append(text)
        self.pending_heading = False

    def heading(self, block: _Block, top: bool) -> None:
        if top:
            self.current = Section(block.text)
            self.sections.append(self.current)
        else:
            head = block.text[:-2] if block.text.endswith("——") else block.text
            if self.current is None:
                self.current = Section(head)
                self.sections.append(self.current)
            else:
                self.current.subsections.append(Section(head))
        self.pending_heading = True
        if block.tail:
            self.paragraph(block.tail)

    def second_heading_line(self, block: _Block) -> bool:
        """Take an unnumbered heading as the second line of a two-line heading, when it is one."""
        current = self.current
        if block.kind == "h" and self.pending_heading and current is not None and current.subheading is None \
                and not current.subsections and not current.paragraphs:
            current.subheading = block.text
            return True
        return False


def assemble_sections(body: list[Line]) -> tuple[list[str], list[Section]]:
    """The lead (paragraphs before the first heading) and the sections of a body's lines."""
    paged = sum(1 for line in body if line.gap) > 0.6 * max(1, len(body)) and not any(line.bold for line in body)
    built = _Sections()
    seen_numbered = False
    for block in _blocks(body, paged):
        seen_numbered = seen_numbered or block.kind == "h1"
        if block.kind == "h1" or (block.kind == "h" and not block.text.endswith("——") and not seen_numbered):
            if not built.second_heading_line(block):
                built.heading(block, top=True)
        elif block.kind in ("h2", "h"):
            built.heading(block, top=False)
        else:
            built.paragraph(block.text)
    sections = built.sections
    # Drop headings that turned out empty at the very end (e.g. a stray line).
    while sections and not sections[-1].paragraphs and not sections[-1].subsections:
        sections.pop()
    return built.lead, sections


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
    while sec.subsections and sec.subsections[-1].paragraphs:
        sec = sec.subsections[-1]
    return sec.paragraphs if sec.paragraphs else None


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
            if is_closing_paragraph(p) or (closing and len(p) <= 30 and not _DIGIT_RUN.search(p)):
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
