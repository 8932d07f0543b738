"""The ``length`` check kind: a sentence too long to read, measured the way an editor reads it.

A sentence is measured clause by clause: ``split`` marks (；) end a clause
measured on its own, so a sentence of semicolon-joined items is not one long
sentence. A clause no longer than ``max`` characters is never reported (the
limit render keeps to). A longer one is reported only when it is hard to
read: a stretch of more than ``stretch`` characters without any ``pauses``
mark, or more than ``segment`` characters per pause on average, or more than
``ceiling`` characters whatever its pauses. A quoted title (《…》), each
phrase of ``units`` (fixed formulas such as 习近平新时代中国特色社会主义思想)
and each number (2025, 4876, 20.8) are read as one word when stretches and
pauses are measured: a clause of figures (由2020年3215元上升到2025年4876元)
reads as quickly as its words, not as its digits.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from writer.check.kinds.base import HAN, Check, CheckParams, fmt, param
from writer.check.rulecache import own_pattern
from writer.check.schema import record
from writer.zh import clause_spans

LENGTH_FIELDS = ("length", "max", "unit", "reason")
REASON_FIELDS = ("value", "limit")
PAUSES = "，、；：,;:（）()“”‘’「」『』【】〔〕—…|《》"
_UNIT_MARK = "\uE000"       # stands for a title or formula: one word, never a pause
_HAN = own_pattern(f"[{HAN}]")
# A number, read as one word: digits with the points between them (10.4, 1.25, ５０).
_NUMBER = own_pattern("[0-9０-９][0-9０-９.．]*")


@record(kw_only=True, repr=False, eq=False)
class LengthParams(CheckParams):
    max: int = param(100, tunable=True, minimum=1)
    split: str = ""         # marks that also end a part (a clause) measured on its own
    pauses: str = PAUSES    # marks a reader pauses at
    stretch: int = param(0, tunable=True, minimum=0)    # longest run without a pause (0: not checked)
    segment: float = param(0, tunable=True, minimum=0)  # characters per pause on average (0: not checked)
    ceiling: int = param(0, tunable=True, minimum=0)    # a clause this long always (0: not checked)
    units: list[str] | None = param(None, check="sources")
    message: str = param("句子长 {length} 字，超过 {max} 字", check="template", fields=LENGTH_FIELDS)
    suggestion: str | None = param(None, check="template", fields=LENGTH_FIELDS)
    unit_sentence: str = "本句"
    unit_clause: str = "分号隔开的这一段"
    reason_stretch: str = param("连续 {value} 字没有停顿", check="template", fields=REASON_FIELDS)
    reason_segment: str = param("平均 {value} 字才有一处停顿", check="template", fields=REASON_FIELDS)
    reason_ceiling: str = param("超过 {limit} 字", check="template", fields=REASON_FIELDS)


def reading_measure(text: str, covers: list[tuple[int, int]], pauses: str) -> tuple[int, float]:
    """(longest stretch without a pause, characters per pause segment) of ``text``.

    ``covers`` are [start, end) spans of ``text`` read as one word (titles,
    formulas), sorted and not overlapping; a number is one word too;
    whitespace is not counted.
    """
    parts, pos = [], 0
    for start, end in covers:
        if start >= pos:
            parts.append(text[pos:start])
            parts.append(_UNIT_MARK)
            pos = end
    parts.append(text[pos:])
    read = _NUMBER.sub(_UNIT_MARK, "".join("".join(parts).split()))
    segments = [piece for piece in _pause_split(pauses)(read) if piece] if pauses else [read] * bool(read)
    if not segments:
        return 0, 0.0
    return max(map(len, segments)), len(read) / len(segments)


class Length(Check):
    """A sentence (or, with ``split``, a clause) longer than a limit and hard to read."""

    kind = "length"
    Params = LengthParams

    def within_set(self, ctx) -> frozenset[str]:
        # The engine scans for these phrases with the others: the units are read as one word.
        if not hasattr(self, "_within"):
            self._within = frozenset(self.resolve(self.params.get("units"), ctx))
        return self._within

    def run(self, draft, ctx, emit, accept):
        limit = self.params["max"]
        split = self.params["split"]
        units = self.within_set(ctx)
        covers = sorted([*draft.title_spans(), *((s, e) for s, e, _ in draft.phrase_hits(units))])
        starts = [c[0] for c in covers]
        for paragraph in draft.paragraphs:
            if len(paragraph.text) <= limit:
                continue        # none of its sentences can be longer: no need to split it
            for sentence in paragraph.sentences:
                if len(sentence.text) <= limit:
                    continue    # nor can its clauses (most sentences: not split into clauses at all)
                for start, part, whole in _clauses(sentence, split):
                    self._check_clause(start, part, whole, covers, starts, emit)

    def _check_clause(self, start, part, whole, covers, starts, emit):
        limit = self.params["max"]
        if len(part) <= limit:
            return          # dropping whitespace only shortens it
        length = len("".join(part.split()))
        if length <= limit or not _HAN.search(part):
            return      # a table rule or a run of symbols is not a sentence
        reason = self._reason(start, part, length, covers, starts)
        if reason is None:
            return
        lead = len(part) - len(part.lstrip())
        values = dict(length=length, max=limit, reason=reason,
                      unit=self.params["unit_sentence"] if whole else self.params["unit_clause"])
        emit(start + lead, start + len(part.rstrip()), fmt(self.params["message"], **values),
             fmt(self.params["suggestion"], **values))

    def _reason(self, start, part, length, covers, starts) -> str | None:
        """Why the clause is hard to read, or None when it reads easily."""
        ceiling, stretch_limit, segment_limit = (self.params[k] for k in ("ceiling", "stretch", "segment"))
        if ceiling and length > ceiling:
            return fmt(self.params["reason_ceiling"], value=length, limit=ceiling)
        end = start + len(part)
        inside = covers[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        local = [(s - start, e - start) for s, e in inside if e <= end]
        stretch, segment = reading_measure(part, local, self.params["pauses"])
        if stretch_limit and stretch > stretch_limit:
            return fmt(self.params["reason_stretch"], value=stretch, limit=stretch_limit)
        if segment_limit and segment > segment_limit:
            return fmt(self.params["reason_segment"], value=round(segment), limit=segment_limit)
        if not (ceiling or stretch_limit or segment_limit):
            return ""       # a plain length limit: every clause over max
        return None


def _clauses(sentence, split: str):
    """(start, text, whether it is the whole sentence) of each clause of ``sentence``."""
    text = sentence.text
    parts = clause_spans(text, split)
    whole = len(parts) == 1
    for s, e in parts:
        yield sentence.start + s, text[s:e], whole


@lru_cache(maxsize=None)
def _pause_split(pauses: str):
    """The ``split`` of a pattern matching runs of ``pauses``: the runs of text between pauses.

    A regular expression, rebuilt from its cached form (own_pattern), not a translation table:
    ``str.translate`` needs a list indexed by code point to be fast, and building that list of
    65,536 entries cost every check that measured a long sentence some 3M instructions."""
    return own_pattern("[" + "".join(map(re.escape, pauses)) + "]+").split
