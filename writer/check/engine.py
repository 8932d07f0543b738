"""Running rules over a draft: enabled rules, suppression, accepted phrases, ordering."""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager

from writer.check.context import CheckContext
from writer.check.draft import Draft, PhraseScanner
from writer.check.finding import Finding
from writer.check.rules import FIXABLE, Rule, RuleSet
from writer.errors import UsageError


class UnknownRuleError(UsageError):
    """A rule id given to --only/--disable or in the configuration does not exist."""


def select_rules(ruleset: RuleSet, only: list[str] = (), disable: list[str] = (),
                 where: str = "--only/--disable") -> list[Rule]:
    """The enabled rules in report order; unknown ids raise UnknownRuleError."""
    known = ruleset.ids()
    for rule_id in list(only) + list(disable):
        if rule_id not in ruleset.rules:
            raise UnknownRuleError(f"未知的规则“{rule_id}”（可用：{', '.join(known)}）", key=where)
    chosen = [r for r in known if (not only or r in only) and r not in disable]
    return [ruleset.rules[r] for r in chosen]


class Checker:
    """Checks drafts with a fixed set of rules, a context and accepted phrases."""

    def __init__(self, rules: list[Rule], context: CheckContext | None = None,
                 accept: frozenset[str] | set[str] = frozenset()):
        self.rules = list(rules)
        self.context = context if context is not None else CheckContext()
        self.accept = frozenset(a for a in accept if a)
        self._order = {rule.id: i for i, rule in enumerate(self.rules)}
        self._scanner: PhraseScanner | None = None

    def phrase_union(self) -> frozenset[str]:
        """Every phrase a check of this checker looks for (or ignores occurrences within)."""
        union: set[str] = set(self.accept)
        for rule in self.rules:
            for check in rule.checks:
                union |= check.phrase_set(self.context, self.accept)
                union |= check.within_set(self.context)
        return frozenset(union)

    def _phrase_scanner(self) -> PhraseScanner:
        # Rules cache their phrase sets on first use, so the union (and the
        # scanner's tables) stay valid for every later draft; a bank context
        # keeps both in the cache (writer.check.phrasecache).
        if self._scanner is None:
            from writer.check.phrasecache import prepared_scanner

            self._scanner = prepared_scanner(self)
        return self._scanner

    def check_draft(self, draft: Draft) -> list[Finding]:
        """Findings of every enabled rule on ``draft``, sorted by position then rule order.

        A paragraph longer than MAX_PARAGRAPH characters is checked in pieces, with a
        note on stderr naming its line.
        """
        if not draft.paragraphs:
            return []
        note_cut_paragraphs(draft)
        with _collector_paused():
            return self._check(draft)

    def _check(self, draft: Draft) -> list[Finding]:
        draft.prepare_phrases(self._phrase_scanner())
        accepted = draft.phrase_hits(self.accept) if self.accept else []
        raw: list[tuple] = []
        seen: set[tuple] = set()
        directives = any(p.disabled for p in draft.paragraphs)
        for order, rule in enumerate(self.rules):
            fixable = rule.id in FIXABLE
            for check in rule.checks:
                def emit(start, end, message, suggestion=None, fix=None, level=None,
                         _rule=rule.id, _level=check.level, _order=order, _fixable=fixable):
                    if directives:
                        paragraph = draft.paragraph_at(start)
                        if paragraph is not None and not paragraph.allows(_rule):
                            return
                    if accepted and any(a <= start and end <= b for a, b, _ in accepted):
                        return
                    key = (_rule, start, end, message)
                    if key in seen:
                        return
                    seen.add(key)
                    raw.append((start, _order, end, len(raw), _rule, level or _level, message, suggestion,
                                fix if _fixable else None))
                check.run(draft, self.context, emit, self.accept)
        # Sorting plain tuples (position, rule order, end, emission order) keeps the
        # order of the former stable sort on (start, rule order, end), at C speed.
        raw.sort()
        starts, ends = [r[0] for r in raw], [r[2] for r in raw]
        lines, columns = draft.lines.positions(starts)
        end_lines, end_columns = draft.lines.positions(ends)
        path = draft.path
        return [Finding(path, r[0], r[2], line, column, end_line, end_column, r[4], r[5], r[6], r[7], r[8])
                for r, line, column, end_line, end_column in zip(raw, lines, columns, end_lines, end_columns)]

    def check_text(self, text: str, path: str = "-", markdown: bool = False) -> list[Finding]:
        """Findings on ``text`` (the content of ``path``)."""
        with _collector_paused():
            return self.check_draft(Draft(text, path, markdown))


def note_cut_paragraphs(draft: Draft, file=None) -> int:
    """Say on stderr which lines held a paragraph too long to check in one piece; how many."""
    from writer.check.textmap import MAX_PARAGRAPH

    if len(draft.text) <= MAX_PARAGRAPH:
        return 0
    import sys

    from writer.io.sanitize import for_terminal   # only when there is something to say

    lines, _ = draft.lines.positions([p.start for p in draft.paragraphs])
    pieces = Counter(lines)
    cut = [(line, n) for line, n in pieces.items() if n > 1]
    for line, n in cut[:3]:
        print(f"writer: {for_terminal(draft.path)}:{line}: 这一段超过 {MAX_PARAGRAPH} 字，分成 {n} 段审读"
              "（跨段的句子不算长句）", file=file or sys.stderr)
    if len(cut) > 3:
        print(f"writer: {for_terminal(draft.path)}: 另有 {len(cut) - 3} 段同样分段审读", file=file or sys.stderr)
    return len(cut)


@contextmanager
def _collector_paused():
    # A long draft makes tens of thousands of small objects (hits, sentences,
    # findings) and no reference cycles; the cyclic collector would walk the
    # whole heap, loaded bank included, several times per check for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def configure_rules(ruleset: RuleSet, config=None, only: list[str] = (), disable: list[str] = (),
                    max_sentence: int | None = None) -> list[Rule]:
    """Apply configuration and command-line choices; return the enabled rules.

    Command-line ``only`` replaces the configuration's; ``disable`` adds to it.
    """
    from writer.check.schema import CheckDataError

    where = str(config.path) if config is not None and config.path else None
    if config is not None:
        for rule_id, values in config.thresholds.items():
            if rule_id not in ruleset.rules:
                raise CheckDataError(f"未知的规则“{rule_id}”", where, key=f"thresholds.{rule_id}")
            rule = ruleset.rules[rule_id]
            for name, value in values.items():
                name = name or rule.primary_threshold()
                if name is None:
                    raise CheckDataError(f"规则 {rule_id} 没有可调的阈值", where, key=f"thresholds.{rule_id}")
                try:
                    rule.tune(name, value)
                except CheckDataError as err:
                    raise CheckDataError(err.message, where, key=f"thresholds.{rule_id}") from None
        for key, ids in (("disable", config.disable), ("only", config.only)):
            for rule_id in ids:
                if rule_id not in ruleset.rules:
                    raise CheckDataError(f"未知的规则“{rule_id}”（可用：{', '.join(ruleset.ids())}）",
                                         where, key=key)
        if config.max_sentence is not None and "long-sentence" in ruleset.rules:
            ruleset.rules["long-sentence"].tune("max", config.max_sentence)
    if max_sentence is not None and "long-sentence" in ruleset.rules:
        ruleset.rules["long-sentence"].tune("max", max_sentence)
    chosen_only = list(only) or (list(config.only) if config is not None else [])
    chosen_disable = list(disable) + (list(config.disable) if config is not None else [])
    return select_rules(ruleset, chosen_only, chosen_disable)


def check_text(text: str, path: str = "-", markdown: bool = False, context: CheckContext | None = None,
               only: list[str] = (), disable: list[str] = ()) -> list[Finding]:
    """Check ``text`` with the shipped rules; bank rules see ``context`` (empty by default)."""
    from writer.check.rules import load_rules

    rules = select_rules(load_rules(), only, disable)
    return Checker(rules, context or CheckContext()).check_text(text, path, markdown)
