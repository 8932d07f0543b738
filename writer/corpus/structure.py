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

from writer.corpus.cleaning import is_terminated
from writer.corpus.document import Section
from writer.corpus.chrome import strip_abridgement
from writer.corpus.formulas import address_length, address_turns, is_address_line, strip_formulas
from writer.corpus.paragraphs import finish_paragraph as _finish_paragraph
from writer.corpus.runon import split_run_on
from writer.corpus.levels import (NUMBERED_KINDS, RUN_IN_KINDS, is_emphasis, is_part_run_in, level, list_kind,
                                  next_heading_markers, run_in_beside)

# Numbering → the kind of heading it marks. A document's own order of kinds gives the levels.
_NUMBERING = (
    ("part", re.compile(r"^第[一二三四五六七八九十]{1,3}(?:部分|篇|章)[、：:\s]?\s*(.*)$")),
    # A numeral or bracket lost in extraction (、本届政府…, 一）结构调整…) still marks the same kind.
    ("cn", re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．]|、(?=[^、]{4}))\s*(.*)$")),
    ("pcn", re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[）)])\s*(.*)$")),
    ("ar", re.compile(r"^\d{1,2}[、．.](?!\d)\s*(.*)$")),
    ("par", re.compile(r"^[（(]\d{1,2}[）)]\s*(.*)$")),
    ("ord", re.compile(r"^[一二三四五六七八九十]{1,3}是(.*)$")),
)
_BARE_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,3}$")
_BARE_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?")  # also a bracket alone: **（**五）…
# Kinds that are headings only inside a section (a list or a bold run-in before any heading is text).
_INNER_KINDS = frozenset({"ar", "par", "ord", "bold"})
# Kinds whose run-in heading may end at a semicolon (（一）加强…；), the others only at a full stop.
_SEMICOLON_KINDS = frozenset({"part", "cn", "pcn"})
# A numbered heading line ending so is the first half of a heading set over two lines.
_HEADING_CUT = re.compile(r"[，、和与的“（]$")
DIGIT_RUN = re.compile(r"\d+(?:\.\d+)?")
_STRUCTURE_LISTS = ("corpus/structure.yaml", ("title_words", "closing_markers", "review_words", "review_openings",
                                              "heading_endings"))


@dataclass
class Line:
    """A non-blank line after cleaning, with what its Markdown said about it."""

    text: str
    bold: bool = False  # the whole line is bold (or a # heading)
    gap: bool = False  # a blank line precedes it
    quote: bool = False  # a block quote (> …): a byline or a date in a header
    level: int = 0  # the # count of a Markdown heading, 0 otherwise
    bold_lead: str = ""  # a bold run-in at the line's start (**提升能级。**正文…)
    byline: str = ""  # the byline cut from the line (（通讯员 某某 报道）): the document's metadata
    rule: bool = False  # a thematic break (---) precedes it


@lru_cache(maxsize=1)
def structure_patterns() -> tuple[re.Pattern, ...]:
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists(*_STRUCTURE_LISTS)
    words = [re.compile("|".join(map(re.escape, lists[key]))) for key in _STRUCTURE_LISTS[1][:3]]
    openings = re.compile(r"^(?:(?:19|20)\d{2}年|" + "|".join(map(re.escape, lists["review_openings"])) + ")")
    return (*words, openings)


def has_title_word(s: str) -> bool:
    """Whether a line holds a word titles are made of (报告, 综述, 工作…)."""
    return bool(structure_patterns()[0].search(s))


def is_closing_paragraph(p: str) -> bool:
    """A paragraph of the closing: outlook and appeal (展望, 让我们…), few figures."""
    return bool(structure_patterns()[1].search(p)) and len(DIGIT_RUN.findall(p)) <= 4


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


_RUN_IN_LIMIT = 60


def _split_run_in(rest: str, stops: str = "。；", limit: int = _RUN_IN_LIMIT) -> tuple[str, str]:
    """``坚持政治引领，不折不扣贯彻落实。坚持…`` → (heading, paragraph)."""
    m = re.search(f"[{stops}]", rest)
    if m and m.start() <= limit:
        return rest[:m.start()], rest[m.end():].strip()
    return rest, ""


@dataclass
class _Block:
    kind: str  # "h" (a heading) or "p"
    text: str
    tail: str = ""  # run-in paragraph after the heading
    marker: str = ""  # the kind of heading: a numbering (cn 一、, pcn （一）…), md2 (##), bold, h (unnumbered)
    line: str = ""  # a run-in heading's whole line, the paragraph it is when it turns out to be emphasis
    sentence: bool = False  # the run-in is set as a sentence (…。 …： ——…), not as a heading phrase
    first: bool = False  # numbered with its list's first number (一、 （一） 1.): a list may restart here
    styled: bool = False  # set bold (a bold line, a bold run-in or a # heading)


_NUMBER_STARTS = frozenset("第一二三四五六七八九十（(、0123456789")
_MID_SENTENCE = tuple("，、,")
_BARE_ORDINAL = re.compile(r"[一二三四五六七八九十]{1,3}是")
_STOP_INSIDE = re.compile(r"[。：:；;！？!?]")
_LEAD_IN_AFTER = re.compile(r"[^，。；：:\s]{0,3}[：:]")  # **主要预期目标**是：…


def _numbering(s: str) -> tuple[str, str] | None:
    """(kind, text after the number) for a numbered line."""
    if not s or s[0] not in _NUMBER_STARTS:
        return None  # most lines: one set lookup instead of six patterns
    for kind, pattern in _NUMBERING:
        m = pattern.match(s)
        if m and m.group(1).strip():
            return kind, m.group(1).strip()
    return None


_SPACE_RUN_ON = re.compile(r"^([^ 。；]{4,40}) (?=\S{20})")


def _numbered_block(kind: str, rest: str, marker: str) -> _Block | None:
    """A numbered line as a heading (maybe with a run-in paragraph), or None when it is a list item."""
    rest = strip_abridgement(rest)
    run_on = _SPACE_RUN_ON.match(rest) if " " in rest[:41] and len(rest) > 60 else None
    if run_on:  # 继续抓好城乡规划 按照…：the heading ends at the space
        return _Block("h", run_on.group(1), rest[run_on.end():], marker)
    if kind in _SEMICOLON_KINDS or marker.startswith("md"):
        if "。" in rest or is_terminated(rest):
            head, tail = _split_run_in(rest)
            if head == rest and len(rest) > _RUN_IN_LIMIT:  # no stop within a heading's length: run on
                head, tail = split_run_on(rest, _RUN_IN_LIMIT) or (head, tail)
            return _Block("h", head, tail, marker)
        return _Block("h", rest.rstrip("：:"), "", marker)  # **一、2006年工作回顾：**: the colon announces the part
    head, tail = _split_run_in(rest, "。", 40)
    standalone = head == rest and not is_terminated(rest) and not looks_like_fragment(rest, False)
    # 1.聚焦实体经济这个重点，不断厚植…优势。 standing alone is a heading; 1.城镇新增就业12万人。 a list item
    sentence = not tail and head != rest and rest.endswith("。") and not re.search(r"[\d；;]", head)
    if tail or standalone or sentence:
        return _Block("h", head.rstrip("：:"), tail, marker)
    return None


# The ordinal opening a heading's text, set bold with the heading (**继续办好民生实事。一是**新增…,
# **推动文化事业繁荣发展。一是实施文化惠民工程。**…)
_ORDINAL_AFTER_STOP = re.compile(r"(?<=[。：:；;])\s*(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}(?![^，、]))")
# A subject ending in the copula before its colon (**今年政府工作的总体要求是：**…, **主要预期目标**是：…), or a
# bold label ending in its colon (**主要目标：**…, **十件实事：**一是…): its text completes it, it heads nothing
_COPULA_COLON = re.compile(r"是\s*[：:]")


def _bold_run_in(line: Line) -> _Block | None:
    """A line opening with a bold phrase (**提升先进制造业发展能级。**强化…) as a run-in heading.

    A bold subject ending in 是 before its colon, or a bold label ending in its colon, is no heading: its
    text completes the sentence."""
    lead, s = line.bold_lead, line.text
    if not lead or len(lead) > 60 or not s.startswith(lead) or address_length(lead) or not strip_formulas(lead):
        return None
    ordinal = _ORDINAL_AFTER_STOP.search(lead) if "是" in lead or "第" in lead else None
    lead = lead[:ordinal.start()] if ordinal else lead
    head, tail = lead.rstrip("。：:；;"), s[len(lead):].lstrip("：: ").strip()
    lead_in = lead[-1] in "：:" or _COPULA_COLON.match(s, max(0, len(head) - 1)) or _COPULA_COLON.match(s, len(head))
    if lead_in and not _numbering(head):
        return None
    if _BARE_NUMBER.fullmatch(head) or _BARE_ORDINAL.fullmatch(head):
        return None  # **（一）**科学研判…: only the number is bold; the line is an ordinary numbered one
    if head.endswith(_MID_SENTENCE) or s[len(lead):len(lead) + 1] in _MID_SENTENCE:
        # The bold ends inside a sentence (**（一）以优化营商环境为基础，**全面深化改革。): a numbered
        # item's heading runs to its sentence's end; an unnumbered phrase so set is emphasis, not a heading.
        numbered = _numbering(s)
        return _numbered_block(*numbered, numbered[0]) if numbered and numbered[0] != "ord" else None
    numbered = _numbering(head)
    # a lead-in (…目标是：地区) or a dash-led highlight is set as a sentence, whatever its last mark
    sentence = lead[-1] in "。：:；;！？!?" or head.startswith(("—", "―")) or bool(_STOP_INSIDE.search(head)) \
        or bool(_LEAD_IN_AFTER.match(s, len(lead)))
    if numbered:
        return _Block("h", numbered[1], tail, numbered[0], s, sentence or numbered[0] == "ord")
    return _Block("h", head, tail, "bold", s, sentence)


_FIRST_NUMBER = re.compile(r"^(?:\*\*)?(?:第一(?:部分|篇|章)|一[、．]|[（(]一[）)]|一[）)]|1[、．.](?!\d)|[（(]1[）)])")


def _heading_block(line: Line) -> _Block | None:
    """A numbered, Markdown or bold run-in heading line as a block."""
    block = _any_heading_block(line)
    if block and block.marker != "bold":
        block.first = bool(_FIRST_NUMBER.match(line.text))
        block.styled = line.bold or bool(line.bold_lead)
    return block


def _any_heading_block(line: Line) -> _Block | None:
    s = line.text
    if line.level:
        if _BARE_NUMERAL.match(s):
            return _Block("h", s, "", f"md{line.level}")
        kind, rest = _numbering(s) or ("", s)
        block = _numbered_block(kind or "md", rest, f"md{line.level}")
        if block and kind in _SEMICOLON_KINDS:
            block.marker = kind  # ## 一、… ranks with the plain 一、 lines of the same list, whatever the # count
        return block
    block = _bold_run_in(line) if line.bold_lead else None
    if block:
        return block
    numbered = _numbering(s)
    if numbered and numbered[0] != "ord":
        return _numbered_block(numbered[0], numbered[1], numbered[0])
    return None


def _plain_heading(s: str) -> _Block:
    """A heading line with no number of the outline; one opening with an ordinal (一是统筹城乡发展) is an
    item of its own list, under the unnumbered part it follows, not a sibling of that part."""
    numbered = _numbering(s)
    if numbered and numbered[0] == "ord" and numbered[1]:
        return _Block("h", numbered[1], "", "ord")
    return _Block("h", s, "", "dash" if s.endswith("——") else "h")


_LIST_KINDS = frozenset({"ar", "par"})
_ITEM_NUMBER = re.compile(r"^[（(]?(\d{1,2})")


def _list_decisions(lines: list[Line]) -> dict[int, bool]:
    """Line index → whether it is a heading, for the plain items of each list of consecutive numbers
    (1.…10.): one list is one decision, headings when most of its items read as headings, else text
    (开展第九次“春风行动”。 among 4.新辟15条公交线路。 is an item like the others)."""
    runs: list[list[tuple[int, bool]]] = []
    last: dict[str, int] = {}  # kind → the number of the list's last item
    for k, line in enumerate(lines):
        numbered = _numbering(line.text) if line.text[:1] in _NUMBER_STARTS else None
        if not numbered or numbered[0] not in _LIST_KINDS or line.bold or line.level or line.bold_lead:
            if numbered or line.bold or line.level:
                last.clear()  # another heading ends the lists open above it
            continue
        kind, rest = numbered
        n = int(_ITEM_NUMBER.match(line.text).group(1))
        if last.get(kind) != n - 1 or not runs:
            runs.append([])
        last[kind] = n
        runs[-1].append((k, _numbered_block(kind, rest, kind) is not None))
    decided: dict[int, bool] = {}
    for run in runs:
        if len(run) > 1:
            headings = 2 * sum(h for _, h in run) > len(run)
            decided.update((k, headings) for k, _ in run)
    return decided


def _rejoin_heading(block: _Block, lines: list[Line], i: int) -> int:
    """Join the second half of a heading set over two lines (二、…任务和 / 二〇三五年远景目标)."""
    if block.tail or i >= len(lines):
        return i
    nxt = lines[i]
    if len(nxt.text) <= 30 and not _numbering(nxt.text) and not nxt.bold_lead \
            and len(block.text) + len(nxt.text) <= 60 and not re.search(r"[。；]", nxt.text[:-1]) \
            and (_HEADING_CUT.search(block.text) or (len(nxt.text) <= 6 and not is_terminated(nxt.text))):
        block.text += nxt.text.rstrip("。")
        return i + 1
    return i


def _blocks(lines: list[Line], paged: bool) -> list[_Block]:
    """Classify lines as headings or paragraphs, rejoining page-break fragments and split headings."""
    blocks: list[_Block] = []
    decided = _list_decisions(lines)
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        s = line.text
        heading = _heading_block(line) if decided.get(i, True) else None
        if heading is None and decided.get(i):
            kind, rest = _numbering(s)
            head, tail = _split_run_in(strip_abridgement(rest), "。", 40)
            heading = _Block("h", head.rstrip("：:"), tail, kind)
        if heading:
            blocks.append(heading)
            i = _rejoin_heading(heading, lines, i + 1)
            continue
        if is_terminated(s) or s.endswith(("：", ":")) or is_address_line(s):  # 各位代表: a turn, not a heading
            blocks.append(_Block("p", s))
            i += 1
            continue
        if (line.bold and len(s) <= 60) or not looks_like_fragment(s, paged):
            highlight = line.bold and s.startswith(("——", "――", "─"))  # **——全面完成规划目标**: set as a run-in
            blocks.append(_Block("h", s, "", "bold", s, True) if highlight else _plain_heading(s))
            i += 1
            continue
        # A fragment: join the following lines until the paragraph is complete.
        text = s
        i += 1
        while i < n and not is_terminated(text):
            nxt = lines[i]
            if nxt.bold or nxt.level or nxt.bold_lead or (_numbering(nxt.text) or ("",))[0] in _SEMICOLON_KINDS \
                    or is_address_line(nxt.text):
                break
            text += nxt.text
            i += 1
        blocks.append(_Block("p", text))
    return blocks


# ---------------------------------------------------------------- blocks → sections

class _Sections:
    """The lead and the sections being built, block by block, each heading at its level."""

    def __init__(self):
        self.lead: list[str] = []
        self.sections: list[Section] = []
        self.path: list[Section] = []  # the open section at each level, outermost first
        self.pending_heading = False  # the last block was a heading with no paragraph yet
        # Where the speaker turned to the audience inside an item's text (its depth, its paragraph count)
        self.turn: tuple[int, int] | None = None

    def paragraph(self, text: str) -> None:
        text = _finish_paragraph(text)
        # An address inside a paragraph (…力戒浪费。各位代表，让我们…) opens a new one: the
        # speaker turns from the last task to the audience, and the closing starts there.
        cuts = address_turns(text)
        for piece in [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])] if cuts else [text]:
            if self.turn is None and self.path and not self.pending_heading and address_length(piece):
                self.turn = (len(self.path), len(self.path[-1].paragraphs))
            piece = strip_formulas(piece)
            if not piece:
                continue
            (self.path[-1].paragraphs if self.path else self.lead).append(piece)
            self.pending_heading = False

    def heading(self, block: _Block, level: int) -> None:
        head = block.text[:-2] if block.text.endswith("——") else block.text
        section = Section(head)
        del self.path[level - 1:]
        (self.path[-1].subsections if self.path else self.sections).append(section)
        self.path.append(section)
        self.pending_heading = True
        self.turn = None
        if block.tail:
            self.paragraph(block.tail)

    def close_turn(self, kinds: list[str], following: str, heading_line: bool) -> None:
        """End the innermost numbered item where the speaker turned to the audience (各位代表，编制…):
        what follows, up to the next item of its kind, is the part's text, not the item's (the
        address and its paragraphs move up with it). Done when a heading follows the turn, so a
        closing (各位代表！让我们…) stays where the closing is read: after the last item. An aside
        (各位代表，摆脱绝对贫困只是第一步…) followed by more of the item and then its next sibling
        (``following``: the kind of the first numbered heading after it) ends nothing. An unnumbered
        heading line (``heading_line``) after the closing's appeal opens material appended to the report."""
        depth, start = self.turn or (0, 0)
        self.turn = None
        # the innermost numbered item below the part, else a run-in one (**这五年，是…的五年。**)
        item = next((j for j in range(len(kinds) - 1, 0, -1) if kinds[j] in NUMBERED_KINDS), len(kinds) - 1)
        if depth != len(self.path) or not item or len(kinds) != len(self.path) or following == kinds[item]:
            return
        moved = self.path[-1].paragraphs[start:]
        del self.path[-1].paragraphs[start:]
        self.path[item - 1].paragraphs.extend(moved)
        if heading_line and any(map(is_closing_paragraph, moved)):
            item = 0  # the report closed (各位代表！让我们…): what follows is appended, a part of its own
        del self.path[item:]
        del kinds[item:]

    def second_heading_line(self, block: _Block) -> bool:
        """Take an unnumbered heading as the second line of a two-line top heading, when it is one."""
        if block.marker == "h" and self.pending_heading and len(self.path) == 1:
            current = self.path[0]
            if current.subheading is None and not current.subsections and not current.paragraphs:
                current.subheading = block.text
                return True
        return False


# A bridge and the first numbered heading on one line: 重点做好以下八个方面的工作：（一）着力深化改革…
_BRIDGE_THEN_NUMBER = re.compile(r"^[^。！？]{2,40}?[：:](?=(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)\S)")


# A list's first item run into the line before it after a full stop (三、…新局面。…以下五个方面的工作。（一）优化…)
_FIRST_ITEM_RUN_IN = "。（一）"


def _split_bridges(lines: list[Line]) -> list[Line]:
    """Lines with a bridge run into the heading after it, cut in two; so is a numbered heading line holding
    its list's first item (三、…以下五个方面的工作。（一）优化…) when an item （二） opens a line of its own."""
    second = any(line.text.startswith("（二）") for line in lines)
    out: list[Line] = []
    for line in lines:
        m = _BRIDGE_THEN_NUMBER.match(line.text) if "：" in line.text or ":" in line.text else None
        heading = second and not m and (_numbering(line.text) or ("pcn",))[0] not in ("pcn", "ar", "par", "ord")
        cut = line.text.find(_FIRST_ITEM_RUN_IN) if heading else -1
        if m:
            out += [Line(m.group(0), line.bold, line.gap), Line(line.text[m.end():])]
        elif cut > 0:
            out += [Line(line.text[:cut + 1], line.bold, line.gap), Line(line.text[cut + 1:])]
        else:
            out.append(line)
    return out


def assemble_sections(body: list[Line], markdown: bool = False) -> tuple[list[str], list[Section]]:
    """The lead (paragraphs before the first heading) and the sections of a body's lines.

    Markdown separates paragraphs by blank lines by definition, so there a blank
    line is no sign of a page break cutting paragraphs (as it is in PDF text).
    """
    paged = not markdown and sum(1 for line in body if line.gap) > 0.6 * max(1, len(body)) \
        and not any(line.bold for line in body)
    built = _Sections()
    kinds: list[str] = []
    blocks = _blocks(_split_bridges(body), paged)
    # A numbered list (（1）…（10）) is the document's own headings only when it has no others.
    has_outer = any(b.kind == "h" and b.marker not in _INNER_KINDS for b in blocks)
    next_heading = next_heading_markers(blocks)
    bold_parts = False  # the document sets a part as a bold phrase run into its text
    styled: dict[str, bool] = {}  # whether the last heading of each kind was set bold
    run_ins: dict[str, bool] = {}  # whether the last heading of each kind was run into its text
    for k, block in enumerate(blocks):
        if built.turn and block.kind == "h":
            run_in = block.marker in RUN_IN_KINDS
            built.close_turn(kinds, next_heading[k] if run_in else block.marker,
                             not run_in and block.marker not in NUMBERED_KINDS)
        if is_part_run_in(block, next_heading[k], kinds, bold_parts):
            built.heading(block, level(kinds, "h"))
            bold_parts = True
        elif block.kind == "p" or (block.marker in _INNER_KINDS and not kinds
                                   and (has_outer or block.marker in RUN_IN_KINDS)) \
                or is_emphasis(block, next_heading[k], kinds):
            built.paragraph(block.text if block.kind == "p" else block.line or f"{block.text}。{block.tail}")
        elif not built.second_heading_line(block):
            kind = list_kind(block.marker, block.first, kinds, block.styled, styled)
            styled[kind] = block.styled
            run_in_beside(block, kinds, run_ins)
            run_ins[kind] = bool(block.tail)
            built.heading(block, level(kinds, kind))
    sections = built.sections
    # Drop headings that turned out empty at the very end or before the first part (a stray line, a
    # page's tagline such as 坚持发展第一要务 above the report).
    while sections and not sections[-1].paragraphs and not sections[-1].subsections:
        sections.pop()
    while len(sections) > 1 and not sections[0].paragraphs and not sections[0].subsections:
        sections.pop(0)
    return built.lead, sections
