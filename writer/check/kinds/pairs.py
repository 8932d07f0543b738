"""The ``pairs`` check kind: unpaired or crossed quotes and brackets; ASCII quotes in Chinese text."""

from __future__ import annotations

import re

from writer.check.kinds.base import HAN, Check, CheckParams, fmt, param
from writer.check.rulecache import own_pattern
from writer.check.schema import data_error, record

MARK_FIELDS = ("mark", "other")


@record(kw_only=True, repr=False, eq=False)
class PairsParams(CheckParams):
    # Bracket pairs and quote pairs are punctuation (syntax), not a word list.
    pairs: list[str] = param(["“”", "‘’", "《》", "（）"], check="strings")
    ascii: list[str] = param([], check="strings")      # an ASCII mark and the full-width pair it stands for
    message_unclosed: str = param("“{mark}”没有配对的“{other}”", check="template", fields=MARK_FIELDS)
    message_unopened: str = param("“{mark}”前面没有配对的“{other}”", check="template", fields=MARK_FIELDS)
    message_crossed: str = param("“{mark}”与“{other}”交错", check="template", fields=MARK_FIELDS)
    message_ascii: str = param("中文里用了半角“{mark}”", check="template", fields=MARK_FIELDS)


class Pairs(Check):
    """Unpaired or crossed quotes and brackets; ASCII quotes in Chinese text."""

    kind = "pairs"
    Params = PairsParams

    def setup(self):
        for key in ("pairs", "ascii"):
            for i, pair in enumerate(self.params[key]):
                want = 3 if key == "ascii" else 2
                if len(pair) != want:
                    what = "半角符号加一对全角符号（如 \"“”）" if key == "ascii" else "一对符号（如 “”）"
                    raise data_error(self.path, [*self.keys, key, i], f"应为{what}")
        self.openers = {p[0]: p[1] for p in self.params["pairs"]}
        self.closers = {p[1]: p[0] for p in self.params["pairs"]}
        self.ascii = {p[0]: p[1:] for p in self.params["ascii"]}
        self._han = own_pattern(f"[{HAN}]")
        marks = set(self.openers) | set(self.closers)
        self._marks = own_pattern("[" + re.escape("".join(sorted(marks))) + "]") if marks else None
        # Lines whose marks pair up (deleting adjacent pairs leaves nothing) need no
        # pairing, as long as no mark opens one pair and closes another.
        clear = all(self.openers.get(c, c) == c for c in self.closers)
        self._marks_lines = own_pattern("[" + re.escape("".join(sorted(marks))) + "\n]") if marks and clear else None
        self._adjacent = own_pattern("|".join(re.escape(p) for p in sorted(self.params["pairs"]))) if marks else None

    def _ascii_quotes(self, paragraph, emit):
        text, base = paragraph.text, paragraph.start
        if not self._han.search(text):
            return
        for mark, (left, right) in self.ascii.items():
            if mark not in text:
                continue
            positions = [m.start() for m in re.finditer(re.escape(mark), text)]
            if mark == "'":
                # An apostrophe of English text is not a quote.
                positions = [i for i in positions
                             if (i > 0 and self._han.match(text[i - 1])) or
                             (i + 1 < len(text) and self._han.match(text[i + 1]))]
                if not positions:
                    continue
                fixable = len(positions) == text.count(mark) and len(positions) % 2 == 0
            else:
                fixable = len(positions) % 2 == 0
            for n, i in enumerate(positions):
                fix = (left if n % 2 == 0 else right) if fixable else None
                emit(base + i, base + i + 1, fmt(self.params["message_ascii"], mark=mark, other=left + right),
                     f"改为「{fix}」" if fix else f"改为全角「{left}」或「{right}」", fix=fix)

    def run(self, draft, ctx, emit, accept):
        # Whole-text searches find the few paragraphs that hold a mark; the
        # pairing itself runs per paragraph. (Findings are sorted afterwards,
        # so ASCII quotes may be reported before the pairs.)
        text = draft.text
        paragraphs = draft.paragraphs
        if self.ascii:
            holding: set[int] = set()
            for mark in self.ascii:
                i = text.find(mark)
                while i != -1:
                    holding.add(draft.paragraph_index(i))
                    i = text.find(mark, i + 1)
            holding.discard(-1)
            for k in sorted(holding):
                self._ascii_quotes(paragraphs[k], emit)
        if self._marks is None:
            return
        if not draft.markdown and self._marks_lines is not None:
            self._pair_plain_lines(draft, emit)
            return
        marks = draft.inside_paragraphs([(m.start(), m.start() + 1, m.group()) for m in self._marks.finditer(text)])
        k = 0
        while k < len(marks):
            paragraph = paragraphs[draft.paragraph_index(marks[k][0])]
            group = []
            while k < len(marks) and marks[k][0] < paragraph.end:
                group.append(marks[k])
                k += 1
            self._pair(paragraph, group, emit)

    def _pair_plain_lines(self, draft, emit):
        # Plain text: a paragraph is a line. The marks of all lines, one line of
        # marks per line of text; pairs deleted until none is left, in C.
        text, paragraphs = draft.text, draft.paragraphs
        marks_only = "".join(self._marks_lines.findall(text))
        while True:
            reduced = self._adjacent.sub("", marks_only)
            if len(reduced) == len(marks_only):
                break
            marks_only = reduced
        for number, rest in enumerate(marks_only.split("\n")):
            if rest:
                start = draft.lines.line_start(number + 1)
                first_mark = self._marks.search(text, start, start + len(draft.lines.line_text(number + 1)))
                k = draft.paragraph_index(first_mark.start())
                if k >= 0:
                    paragraph = paragraphs[k]
                    self._pair(paragraph, [(paragraph.start + m.start(), 0, m.group())
                                           for m in self._marks.finditer(paragraph.text)], emit)

    def _pair(self, paragraph, marks, emit):
        """Report the unpaired and crossed marks of one paragraph (``marks``: its marks in order)."""
        text, base = paragraph.text, paragraph.start
        stack: list[tuple[str, int]] = []
        for at, _, c in marks:
            i = at - base
            if c in self.openers and not (c in self.closers and stack and stack[-1][0] == self.closers[c]):
                stack.append((c, i))
                continue
            opener = self.closers[c]
            if stack and stack[-1][0] == opener:
                stack.pop()
                continue
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == opener), None)
            if depth is None:
                emit(base + i, base + i + 1, fmt(self.params["message_unopened"], mark=c, other=opener))
                continue
            inner, at_inner = stack[-1]
            if self.openers[inner] in text[i + 1:]:
                # The inner mark closes later: the two pairs cross (“《”》).
                emit(base + at_inner, base + i + 1,
                     fmt(self.params["message_crossed"], mark=inner, other=opener + c))
                del stack[depth]
                continue
            for mark, j in stack[depth + 1:]:
                emit(base + j, base + j + 1,
                     fmt(self.params["message_unclosed"], mark=mark, other=self.openers[mark]))
            del stack[depth:]
        for mark, i in stack:
            emit(base + i, base + i + 1, fmt(self.params["message_unclosed"], mark=mark, other=self.openers[mark]))


