"""The ``pattern`` check kind: regular-expression matches, optionally with a mechanical replacement."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from writer.check.kinds.base import Check, CheckParams, checked_template, compiled_regex, fmt, param, template_fields
from writer.check.rulecache import own_pattern
from writer.check.schema import data_error, record

_GROUP_REF = own_pattern(r"\\(?:(\d+)|g<([^>]*)>)")


@dataclass
class PatternItem:
    """One expression of a pattern check, its message and its replacement (``\\1``, ``\\g<name>``)."""

    match: str
    message: str = "“{match}”"
    suggestion: str | None = None
    replace: str | None = None


@record(kw_only=True, repr=False, eq=False)
class PatternParams(CheckParams):
    items: list[PatternItem] = param()
    # Layout, not text: a match overlapping a match of this expression is not reported
    # (the space that sets a bold glossary term apart from its explanation).
    layout: str | None = param(None, check="regex")


def _checked_replace(replace: str, regex: re.Pattern, path: Path, keys: list) -> str:
    """``replace`` when every group it refers to exists in ``regex``."""
    for ref in _GROUP_REF.finditer(replace):
        number, name = ref.groups()
        ok = (number is not None and int(number) <= regex.groups) or \
             (name is not None and (name in regex.groupindex or (name.isdigit() and int(name) <= regex.groups)))
        if not ok:
            raise data_error(path, keys, f"替换式引用了不存在的分组 {ref.group()}")
    return replace


def _overlaps(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of the disjoint sorted spans (starts, ends)."""
    k = bisect.bisect_right(starts, s)
    return (k > 0 and ends[k - 1] > s) or (k < len(starts) and starts[k] < e)


class Pattern(Check):
    """Regular-expression matches; an earlier item's match wins over a later one's."""

    kind = "pattern"
    Params = PatternParams

    def setup(self):
        if not self.params["items"]:
            raise data_error(self.path, [*self.keys, "items"], "pattern 类检查需要非空的 items 列表")
        self.items = [self._item(item, [*self.keys, "items", i]) for i, item in enumerate(self.params["items"])]

    def _item(self, item: PatternItem, keys: list) -> tuple:
        regex = compiled_regex(item.match, self.path, [*keys, "match"])
        if regex.fullmatch(""):
            raise data_error(self.path, [*keys, "match"], "正则表达式不能匹配空串")
        message = checked_template(item.message, ("match",), self.path, [*keys, "message"])
        if item.suggestion is not None:
            checked_template(item.suggestion, ("match", "fix"), self.path, [*keys, "suggestion"])
        if item.replace is not None:
            _checked_replace(item.replace, regex, self.path, [*keys, "replace"])
        return regex, message, item.suggestion, item.replace

    def run(self, draft, ctx, emit, accept):
        # Each expression runs once over the whole text (one C-level pass); a match
        # counts when it lies inside one paragraph and overlaps no earlier item's match.
        text = draft.text
        claimed_starts: list[int] = []
        claimed_ends: list[int] = []
        layout = self.params["layout"]
        if layout is not None:
            # Layout spans claim their text before any item does.
            spans = [m.span() for m in layout.finditer(text) if m.end() > m.start()]
            claimed_starts, claimed_ends = [s for s, _ in spans], [e for _, e in spans]
        for item in self.items:
            matches = draft.inside_paragraphs([(m.start(), m.end(), m) for m in item[0].finditer(text)])
            if not matches:
                continue
            # Matches of one expression never overlap each other: only the
            # claims of earlier items are in the way.
            if claimed_starts:
                matches = [h for h in matches if not _overlaps(claimed_starts, claimed_ends, h[0], h[1])]
            new_claims = self._emit_matches(item, matches, emit)
            if new_claims:
                merged = sorted(list(zip(claimed_starts, claimed_ends)) + new_claims)
                claimed_starts = [c[0] for c in merged]
                claimed_ends = [c[1] for c in merged]

    @staticmethod
    def _emit_matches(item: tuple, matches: list, emit) -> list[tuple[int, int]]:
        """Report ``matches`` of one item; return the spans they claim."""
        _, message, suggestion, replace = item
        fixed = replace is None or "\\" not in replace
        # Templates without a placeholder give the same text for every match.
        constant_message = fmt(message, match="") if not template_fields(message) else None
        constant_suggestion = fmt(suggestion, match="", fix="") \
            if suggestion is None or not template_fields(suggestion) else None
        claims = []
        for s, e, m in matches:
            if s == e:
                continue
            claims.append((s, e))
            if fixed:
                fix = replace
            else:
                try:
                    fix = m.expand(replace)
                except (re.error, IndexError):
                    fix = None
            emit(s, e, constant_message if constant_message is not None else fmt(message, match=m.group()),
                 constant_suggestion if suggestion is None or constant_suggestion is not None
                 else fmt(suggestion, match=m.group(), fix=fix or ""), fix=fix)
        return claims
