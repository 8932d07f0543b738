"""The ``length`` check kind: a sentence longer than a limit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from writer.check.kinds.base import Check, CheckParams, fmt, param

LENGTH_FIELDS = ("length", "max")


@dataclass(kw_only=True)
class LengthParams(CheckParams):
    max: int = param(100, tunable=True, minimum=1)
    split: str = ""         # marks that also end a part (a clause) measured on its own
    message: str = param("句子长 {length} 字，超过 {max} 字", check="template", fields=LENGTH_FIELDS)
    suggestion: str | None = param(None, check="template", fields=LENGTH_FIELDS)


class Length(Check):
    """A sentence (or, with ``split``, a clause) longer than a limit."""

    kind = "length"
    Params = LengthParams

    def run(self, draft, ctx, emit, accept):
        limit = self.params["max"]
        split = self.params["split"]
        splitter = re.compile(f"[{re.escape(split)}]") if split else None
        for paragraph in draft.paragraphs:
            if len(paragraph.text) <= limit:
                continue        # none of its sentences can be longer: no need to split it
            for sentence in paragraph.sentences:
                self._check_sentence(sentence, limit, splitter, emit)

    def _check_sentence(self, sentence, limit, splitter, emit):
        parts = [(sentence.start, sentence.text)]
        if splitter:
            parts, pos = [], 0
            for m in splitter.finditer(sentence.text):
                parts.append((sentence.start + pos, sentence.text[pos:m.end()]))
                pos = m.end()
            if pos < len(sentence.text):
                parts.append((sentence.start + pos, sentence.text[pos:]))
        for start, part in parts:
            if len(part) <= limit:
                continue        # dropping whitespace only shortens it
            length = len("".join(part.split()))
            if length > limit:
                lead = len(part) - len(part.lstrip())
                emit(start + lead, start + len(part.rstrip()),
                     fmt(self.params["message"], length=length, max=limit),
                     fmt(self.params["suggestion"], length=length, max=limit))
