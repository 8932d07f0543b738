"""Paragraphs and sentences of a draft, as spans of the original text.

Every span is a pair of offsets into the text exactly as read (after
line-ending normalisation), so a finding maps back to a 1-based line and
column counted in characters of the original file.

A paragraph is one line in plain text and .docx (Chinese prose puts a
paragraph on one line); in Markdown consecutive lines join as Markdown
does, and front matter, fenced code and HTML comments are skipped.
A line ``<!-- writer-disable ID -->`` or ``# writer-disable ID`` turns the
named rules (all rules when no id is given) off for the next paragraph.
"""

from __future__ import annotations

import bisect
import re
from array import array
from itertools import repeat
from operator import add, sub

from writer.check.rulecache import own_pattern
from writer.slotted import ValueRecord
from writer.zh import sentence_spans

_DIRECTIVE = own_pattern(
    r"^\s*(?:<!--\s*writer-disable\b(?P<html>.*?)-->|#\s*writer-disable\b(?P<hash>.*))\s*$")
_MD_HEADING = own_pattern(r"^\s{0,3}#{1,6}(?:\s+|$)")
_MD_BLOCK = own_pattern(r"^\s{0,3}(?:[-*+]\s+|\d{1,3}[.)]\s+|>\s?|\|)")
_MD_FENCE = own_pattern(r"^\s{0,3}(```|~~~)")
_MD_RULE = own_pattern(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_HTML_COMMENT = own_pattern(r"^\s*<!--.*-->\s*$")
_ALL = "*"


class Sentence(ValueRecord):
    """A sentence: [start, end) in the original text.

    A slotted record (writer.slotted), not a dataclass: making one at import cost every check
    more than splitting a short draft into sentences."""

    __slots__ = _fields = ("start", "end", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text


class Paragraph:
    """A paragraph: [start, end) in the original text, its sentences, rules turned off."""

    __slots__ = ("start", "end", "text", "disabled", "_sentences")

    def __init__(self, start: int, end: int, text: str, disabled: frozenset[str] = frozenset()):
        self.start = start
        self.end = end
        self.text = text
        self.disabled = disabled
        self._sentences: list[Sentence] | None = None

    @property
    def sentences(self) -> list[Sentence]:
        # Split on first use: rules that never look at sentences do not pay for it.
        if self._sentences is None:
            self._sentences = split_sentences(self.text, 0, len(self.text), self.start)
        return self._sentences

    def allows(self, rule_id: str) -> bool:
        return rule_id not in self.disabled and _ALL not in self.disabled

    def __repr__(self) -> str:
        return f"Paragraph({self.start}, {self.end}, {self.text[:20]!r})"


class LineMap:
    """Maps offsets of a text to 1-based (line, column) in characters."""

    def __init__(self, text: str):
        self.text = text
        # An array of numbers: a million lines would otherwise hold a million int objects.
        self._starts = array("q", [0])
        self._starts.extend(m.end() for m in re.finditer("\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def positions(self, offsets: list[int]) -> tuple[list[int], list[int]]:
        """(lines, columns) of many offsets at once, as ``position`` gives them."""
        size = len(self.text)
        if offsets and (min(offsets) < 0 or max(offsets) > size):
            offsets = [max(0, min(o, size)) for o in offsets]
        starts = self._starts
        # map() keeps the per-offset loop in C: many findings cost little.
        lines = list(map(bisect.bisect_right, repeat(starts), offsets))
        columns = list(map(sub, offsets, map(starts.__getitem__, map(sub, lines, repeat(1)))))
        return lines, list(map(add, columns, repeat(1)))

    def line_text(self, line: int) -> str:
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        return self.text[start:end]

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _directive_ids(match: re.Match) -> frozenset[str]:
    raw = (match.group("html") if match.group("html") is not None else match.group("hash")) or ""
    ids = [part for part in re.split(r"[\s,，、]+", raw.strip()) if part]
    return frozenset(ids) if ids else frozenset({_ALL})


def split_sentences(text: str, start: int, end: int, base: int = 0) -> list[Sentence]:
    """Sentences of text[start:end], ended by 。！？!? (closing quotes stay attached);
    offsets are shifted by ``base`` (the text's own offset in the draft)."""
    return [Sentence(base + s, base + e, text[s:e]) for s, e in sentence_spans(text, start, end)]


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _plain_paragraphs(text: str) -> list[Paragraph]:
    # Plain text and .docx: every non-blank line is a paragraph (the loop of
    # split_paragraphs without its Markdown states, which long drafts pay for).
    out = []
    pending: frozenset[str] = frozenset()
    pos = 0
    for line in text.split("\n"):
        body = line.strip()
        if body:
            directive = _DIRECTIVE.match(line) if body[0] in "#<" else None
            if directive:
                pending = pending | _directive_ids(directive)
            else:
                start = pos + len(line) - len(line.lstrip())
                out.append(Paragraph(start, start + len(body), body, pending))
                pending = frozenset()
        pos += len(line) + 1
    return out


def _body_lines(text: str):
    """(offset, line) of the Markdown lines outside front matter and fenced code;
    None where a fence opens (it ends the paragraph before it)."""
    in_fence: str | None = None
    in_front = False
    for number, (offset, line) in enumerate(_lines(text)):
        if number == 0 and line.strip() == "---":
            in_front = True
            continue
        if in_front:
            if line.strip() in ("---", "..."):
                in_front = False
            continue
        fence = _MD_FENCE.match(line)
        if in_fence:
            if fence and fence.group(1) == in_fence:
                in_fence = None
            continue
        if fence:
            in_fence = fence.group(1)
            yield None
            continue
        yield offset, line


class _MarkdownParagraphs:
    """Markdown lines gathered into paragraph spans: consecutive text lines join, a blank line,
    heading, list item, quote, table row, rule or comment ends a paragraph."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[tuple[int, int, frozenset[str]]] = []
        self.pending: frozenset[str] = frozenset()     # rules a directive turns off for the next paragraph
        self.current: list[int] | None = None          # [start, end] of the open paragraph
        self.current_disabled: frozenset[str] = frozenset()

    def close(self) -> None:
        if self.current is not None:
            s, e = _strip_span(self.text, self.current[0], self.current[1])
            if e > s:
                self.spans.append((s, e, self.current_disabled))
            self.current = None

    def _open(self, start: int, end: int) -> None:
        self.current = [start, end]
        self.current_disabled = self.pending
        self.pending = frozenset()

    def add(self, offset: int, line: str) -> None:
        line_end = offset + len(line)
        directive = _DIRECTIVE.match(line) if line.lstrip()[:1] in ("#", "<") else None
        if directive:
            self.close()
            self.pending = self.pending | _directive_ids(directive)
            return
        if not line.strip() or _HTML_COMMENT.match(line) or _MD_RULE.match(line):
            self.close()
            return
        heading = _MD_HEADING.match(line)
        block = heading or _MD_BLOCK.match(line)
        if block:
            self.close()
            marker_end = offset + block.end()
            if heading:
                # A closing run of #s is Markdown syntax, not text.
                body = re.sub(r"(?<!\s)\s+#+\s*$", "", line)
                self.spans.append((*_strip_span(self.text, marker_end, offset + len(body)), self.pending))
                self.pending = frozenset()
            else:
                self._open(marker_end, line_end)
        elif self.current is None:
            self._open(offset, line_end)
        else:
            self.current[1] = line_end


def split_paragraphs(text: str, markdown: bool = False) -> list[Paragraph]:
    """Paragraphs of a draft with their sentences and disable directives; none is longer
    than MAX_PARAGRAPH characters (``cut_paragraph`` splits a longer one)."""
    if not markdown:
        return _bounded(text, _plain_paragraphs(text))
    paragraphs = _MarkdownParagraphs(text)
    for item in _body_lines(text):
        if item is None:
            paragraphs.close()
        else:
            paragraphs.add(*item)
    paragraphs.close()
    return _bounded(text, [Paragraph(s, e, text[s:e], disabled) for s, e, disabled in paragraphs.spans if e > s])


# A paragraph longer than this is checked in pieces: what a rule costs on one
# paragraph (a sentence scan, a regular expression's worst case) stays bounded
# however the text was typed (a 100 MB file on one line, no punctuation at all).
MAX_PARAGRAPH = 500_000
_PIECE_ENDS = "。！？"


def _bounded(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    if len(text) <= MAX_PARAGRAPH or all(p.end - p.start <= MAX_PARAGRAPH for p in paragraphs):
        return paragraphs
    out: list[Paragraph] = []
    for p in paragraphs:
        out.extend(cut_paragraph(text, p) if p.end - p.start > MAX_PARAGRAPH else (p,))
    return out


def cut_paragraph(text: str, p: Paragraph) -> list[Paragraph]:
    """``p`` in pieces of at most MAX_PARAGRAPH characters, each ending at a sentence end
    in its second half when there is one."""
    pieces = []
    start = p.start
    while start < p.end:
        end = min(p.end, start + MAX_PARAGRAPH)
        if end < p.end:
            cut = max(text.rfind(mark, start + MAX_PARAGRAPH // 2, end) for mark in _PIECE_ENDS)
            end = cut + 1 if cut != -1 else end
        s, e = _strip_span(text, start, end)
        if e > s:
            pieces.append(Paragraph(s, e, text[s:e], p.disabled))
        start = end
    return pieces
