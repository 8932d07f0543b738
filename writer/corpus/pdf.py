"""A PDF's text layer as the reader's text: lines rebuilt into paragraphs, page furniture dropped.

PDFium (through pypdfium2) gives each character with its box. Characters are
grouped into the page's lines; running headers, footers and page numbers are
recognised by where they stand (the outermost lines of a page) and by
repeating, digits aside, on many pages, or by holding nothing but a number.
Lines are joined into paragraphs where the layout says the paragraph goes on
(the line runs to the right edge, the next one is neither indented, nor set
apart by a wider gap, nor in another size). Paragraphs are returned separated
by blank lines, as PDF copies are, so the reader's page-break repairs (a
paragraph cut at the foot of a page is rejoined, see ``corpus/structure.py``)
apply to what the layout left open.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from writer.errors import InputError


# How many lines at the top and at the foot of a page may be page furniture.
_EDGE_LINES = 2
# Furniture repeats on at least this share of the pages (and on two at least).
_REPEAT_SHARE = 0.3
_TERMINAL = "。！？!?…；;”’）)》」』"
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")


class UnreadablePdfError(InputError):
    """A .pdf file that PDFium cannot open: damaged, not a PDF, or locked with a password."""


class NoTextLayerError(InputError):
    """A PDF whose pages hold no text (a scan): there is nothing to read without OCR."""


@dataclass
class PdfLine:
    """One line of a page: its text and box (PDF points, y grows upwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    lead: float = 0.0  # width of the line's first unit that a line cannot be broken inside

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf_text(path: str | Path) -> str:
    """The text of a PDF's pages as paragraphs separated by blank lines, as the reader takes PDF copies."""
    return "\n\n".join(pdf_paragraphs(path)) + "\n"


def pdf_paragraphs(path: str | Path) -> list[str]:
    """A PDF's paragraphs in reading order, without page furniture."""
    pages = pdf_pages(path)
    if not any(pages):
        raise NoTextLayerError("PDF 没有文字层（可能是扫描件），请先用 OCR 软件识别成文字再读", path)
    return join_paragraphs(drop_furniture(pages))


def pdf_pages(path: str | Path) -> list[list[PdfLine]]:
    """Every page's lines, in the order the page's text runs."""
    import pypdfium2 as pdfium  # loaded only for .pdf files

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        reason = "有密码保护，请先去掉密码" if "password" in str(exc).lower() else "可能已损坏，或不是 PDF"
        raise UnreadablePdfError(f"无法打开 PDF（{reason}）", path) from None
    try:
        return [_page_lines(document[k]) for k in range(len(document))]
    finally:
        document.close()


_Glyph = tuple[str, float, float, float, float]  # character, left, bottom, right, top


def _page_glyphs(page) -> list[_Glyph]:
    """The characters the page's text holds, with their boxes; PDFium's made-up spaces and line ends left out."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    glyphs = []
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        if not code or chr(code) in "\r\n" or pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
            continue
        glyphs.append((chr(code), *textpage.get_charbox(index, loose=True)))
    textpage.close()
    page.close()
    return glyphs


def _page_lines(page) -> list[PdfLine]:
    """The page's lines from top to bottom, each in left-to-right order.

    Glyphs are placed by their boxes, not by the order the file draws them
    in: a program may draw a line's Chinese and its Latin characters (digits,
    quotation marks, spaces) in separate passes.
    """
    rows: list[list[_Glyph]] = []
    for glyph in sorted(_page_glyphs(page), key=lambda g: -(g[2] + g[4])):
        middle = (glyph[2] + glyph[4]) / 2
        if rows and rows[-1][0][2] <= middle <= rows[-1][0][4]:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    return [line for line in map(_line, rows) if line is not None]


def _line(row: list[_Glyph]) -> PdfLine | None:
    """One line's glyphs, left to right, as text; a wide gap is a space where the file has none.

    Between Latin characters a gap of a quarter of the type size parts two
    words. Between Chinese characters only a gap wider than the line's usual
    one (justified lines spread their characters) is a space (标题 词组之间).
    Between Chinese and Latin the gap is the one typesetting leaves around
    Latin text (2025 年): no space.
    """
    row.sort(key=lambda g: g[1])
    size = max(g[4] - g[2] for g in row)
    gaps = [b[1] - a[3] for a, b in zip(row, row[1:])]
    usual = median(gaps) if gaps else 0.0
    text: list[str] = []
    boxes = []
    for glyph in row:
        ch = glyph[0]
        if ch.isspace():
            if text and text[-1] != " ":
                text.append(" ")
            continue
        if boxes and text[-1] != " ":
            gap = glyph[1] - boxes[-1][2]
            latin = ch.isascii() and text[-1].isascii()
            chinese = not ch.isascii() and not text[-1].isascii()
            if (latin and gap > 0.25 * size) or (chinese and gap > usual + 0.2 * size):
                text.append(" ")
        text.append(ch)
        boxes.append(glyph[1:])
    if not boxes:
        return None
    joined = "".join(text).strip()
    return PdfLine(joined, min(b[0] for b in boxes), max(b[2] for b in boxes),
                   max(b[3] for b in boxes), min(b[1] for b in boxes), lead=_lead_width(joined, boxes))


# Characters a line cannot begin with (Chinese line-breaking rules): they stay with the one before.
_NO_LINE_START = "，。、；：？！,.;:?!”’）》」』】…%‰"
# Characters a line cannot end with: they go to the next line with what follows them.
_NO_LINE_END = "“‘（《「『【(["


def _lead_width(text: str, boxes: list[tuple[float, float, float, float]]) -> float:
    """The width of what the line starts with that could not have been split from it.

    A run of Latin letters and digits (1.83, 2024) or one Chinese character,
    with the opening marks before it and the punctuation after it that may
    not begin a line. If that would have fitted
    at the end of the line before, the line before ended its paragraph.
    """
    visible = text.replace(" ", "")
    end = 0
    while end < len(visible) - 1 and visible[end] in _NO_LINE_END:  # “ （ 《 go with what follows
        end += 1
    if _ASCII_ALNUM.match(visible[end]):
        end += 1
        while end < len(visible) and (_ASCII_ALNUM.match(visible[end]) or visible[end] in ".,%"):
            end += 1
    else:
        end += 1
    while end < len(visible) and visible[end] in _NO_LINE_START:
        end += 1
    return boxes[end - 1][2] - boxes[0][0]


# ---------------------------------------------------------------- page furniture

def _furniture_key(text: str) -> str:
    """The line with digits as ``#`` and no spaces: page numbers and dates vary, the rest repeats."""
    return _DIGITS.sub("#", _SPACE.sub("", text))


def _is_bare_number(text: str) -> bool:
    """A line of nothing but a number and decoration (3, — 3 —, 3/25): a page number."""
    return bool(_DIGITS.search(text)) and not _LETTER.search(text)


def _edges(lines: list[PdfLine]) -> tuple[list[int], list[int]]:
    """Indexes of a page's top lines (outermost first) and of its foot lines (outermost first)."""
    order = sorted(range(len(lines)), key=lambda i: -lines[i].top)
    k = min(_EDGE_LINES, len(order) // 2) if len(order) > 1 else len(order)
    return order[:k], order[::-1][:k]


def drop_furniture(pages: list[list[PdfLine]]) -> list[list[PdfLine]]:
    """The pages without running headers, footers and page numbers."""
    edges = [_edges(lines) for lines in pages]
    counts: dict[tuple[int, str], int] = {}
    for lines, bands in zip(pages, edges):
        for band, indexes in enumerate(bands):
            for key in {_furniture_key(lines[i].text) for i in indexes}:
                counts[(band, key)] = counts.get((band, key), 0) + 1
    with_text = sum(1 for lines in pages if lines)
    needed = max(2, math.ceil(_REPEAT_SHARE * with_text))
    kept_pages = []
    for lines, bands in zip(pages, edges):
        dropped: set[int] = set()
        for band, indexes in enumerate(bands):
            seen: set[str] = set()
            for i in indexes:  # outermost first; the first line that is text ends the band
                key = _furniture_key(lines[i].text)
                if key in seen or not (counts[(band, key)] >= needed or _is_bare_number(lines[i].text)):
                    break
                seen.add(key)
                dropped.add(i)
        kept_pages.append([line for i, line in enumerate(lines) if i not in dropped])
    return kept_pages


# ---------------------------------------------------------------- lines → paragraphs

@dataclass
class _Layout:
    """A page's text block: left and right edges, the body's character size and line pitch."""

    left: float
    right: float
    size: float
    pitch: float


def _text_block(pages: list[list[PdfLine]]) -> tuple[float, float]:
    """The document's left edge and right edge (where full lines end: the commonest end of the longer lines)."""
    lines = [line for page in pages for line in page]
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    ends = sorted(line.x1 for line in lines)
    longer = ends[len(ends) // 2:]
    right = Counter(round(x) for x in longer).most_common(1)[0][0]
    return float(left), float(right)


def _layout(lines: list[PdfLine], block: tuple[float, float], before: _Layout | None) -> _Layout:
    """A page's text block: the document's, moved as the page's left edge is (mirrored margins)."""
    size = median(line.height for line in lines)
    steps = [a.top - b.top for a, b in zip(lines, lines[1:]) if a.top - b.top > 0.5 * size]
    pitch = median(steps) if steps else (before.pitch if before else 1.4 * size)
    left = min(line.x0 for line in lines)
    shift = left - block[0] if abs(left - block[0]) < 3 * size else 0.0
    return _Layout(block[0] + shift, block[1] + shift, size, pitch)


def _continues(prev: PdfLine, before: _Layout, line: PdfLine, layout: _Layout, new_page: bool) -> bool:
    """Whether ``line`` (on a page laid out as ``layout``) goes on with the paragraph of ``prev``."""
    if before.right - prev.x1 > line.lead + 0.5 * before.size:  # its first word would have fitted
        return False
    if line.x0 > layout.left + 0.8 * layout.size:  # an indented first line, or a centred one
        return False
    if abs(line.height - prev.height) > 0.2 * max(line.height, prev.height):
        return False
    if new_page:
        # No gap to measure across the break: a full line ending a sentence ends the paragraph.
        return prev.text[-1] not in _TERMINAL
    return prev.top - line.top <= 1.6 * layout.pitch


def _join(a: str, b: str) -> str:
    if _ASCII_ALNUM.match(a[-1]) and _ASCII_ALNUM.match(b[0]):
        return f"{a} {b}"
    return a + b


def join_paragraphs(pages: list[list[PdfLine]]) -> list[str]:
    """The pages' lines as paragraphs, across page breaks where the layout says so."""
    paragraphs: list[str] = []
    prev: tuple[PdfLine, _Layout] | None = None
    layout: _Layout | None = None
    block = _text_block(pages)
    for lines in pages:
        if not lines:
            continue
        layout = _layout(lines, block, layout)
        for k, line in enumerate(lines):
            if prev is not None and _continues(*prev, line, layout, new_page=k == 0):
                paragraphs[-1] = _join(paragraphs[-1], line.text)
            else:
                paragraphs.append(line.text)
            prev = (line, layout)
    return paragraphs
