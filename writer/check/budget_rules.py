"""How writer.check.budget reads the limits out of writer check's shipped rules, check kind by check
kind, and the bank's corpus as the copy rule reads it: imported only when a render's review lists
are rebuilt (a rule file or the bank changed)."""

from __future__ import annotations

from pathlib import Path

from writer.check.budget import _DEFAULT_MAX_SENTENCE, _UNLIMITED, DensityBudget, PhraseSet, ReviewBudget


class _Collected:
    """The limits of the shipped rules, gathered check by check (one method per check kind)."""

    def __init__(self, ctx):
        from writer.check.finding import level_rank

        self.ctx = ctx
        self.rank = level_rank
        self.warning = level_rank("warning")
        self.repeat: set[str] = set()
        self.within: set[str] = set()
        self.banned: set[str] = set()
        self.densities: list[DensityBudget] = []
        self.max_sentence = _UNLIMITED
        self.copy_chars: int | None = None

    def reported(self, check) -> bool:
        return self.rank(check.level) >= self.warning

    def repetition(self, check) -> None:
        self.repeat |= check.phrase_set(self.ctx, frozenset())
        self.within |= check.within_set(self.ctx)

    def density(self, check) -> None:
        if not self.reported(check):
            return
        unless = check.params.get("unless")
        self.densities.append(DensityBudget(
            PhraseSet(check.phrase_set(self.ctx, frozenset()), check.within_set(self.ctx)),
            check.params["sentence"] or _UNLIMITED, check.params["paragraph"] or _UNLIMITED,
            unless.pattern if unless is not None else None))

    def existence(self, check) -> None:
        phrases = check.phrase_set(self.ctx, frozenset())
        if self.reported(check):
            self.banned |= phrases
            return
        share = check.params.get("escalate_share")
        # Below warning, but escalated for the phrases a share of the bank's documents use.
        if share is None or not self.ctx.doc_count or self.rank(check.params["escalate_level"]) < self.warning:
            return
        self.banned |= {p for p in phrases if self.ctx.slogans.get(p, 0) / self.ctx.doc_count >= share}

    def substitution(self, check) -> None:
        self.banned |= check.phrase_set(self.ctx, frozenset())

    def length(self, check) -> None:
        if self.reported(check):
            self.max_sentence = min(self.max_sentence, check.params["max"])

    def copy(self, check) -> None:
        if self.reported(check):
            chars = check.params["min_chars"]
            self.copy_chars = chars if self.copy_chars is None else min(self.copy_chars, chars)

    def budget(self) -> ReviewBudget:
        return ReviewBudget(
            PhraseSet(frozenset(self.repeat), frozenset(self.within)), PhraseSet(frozenset(self.banned)),
            tuple(self.densities),
            self.max_sentence if self.max_sentence < _UNLIMITED else _DEFAULT_MAX_SENTENCE,
            self.copy_chars or 0)


_KINDS = ("repetition", "density", "existence", "substitution", "length", "copy")


def read_budget(bank_path: str | Path) -> ReviewBudget:
    """The limits of writer check's shipped rules, with the bank at ``bank_path`` as their context."""
    from writer.check.context import BankContext
    from writer.check.rules import load_rules

    collected = _Collected(BankContext(bank_path))
    for rule in load_rules().rules.values():
        for check in rule.checks:
            if check.kind in _KINDS:
                getattr(collected, check.kind)(check)
    return collected.budget()


# ---------------------------------------------------------------- the copy rule's corpus

class CopySource:
    """The bank's corpus as the copy rule reads it (documents joined by ``separator``)."""

    def __init__(self, index, chars: int):
        from writer.check.copyindex import SEPARATOR

        self._index = index
        self.chars = chars
        self.separator = SEPARATOR

    @property
    def text(self) -> str:
        """The corpus text, normalised as the copy rule compares it."""
        return self._index.text

    def copies(self, text: str) -> bool:
        """Whether the copy rule would find a run of ``chars`` of ``text`` in the corpus."""
        from writer.check.copyindex import normalise

        return bool(self._index.find_runs(normalise(text), self.chars))


def read_copy_source(bank_path: str | Path, chars: int) -> CopySource | None:
    """The corpus of the bank at ``bank_path`` for runs of ``chars``; None without a corpus."""
    from writer.check.context import BankContext

    corpus = BankContext(bank_path).corpus
    if corpus is None or not len(corpus):
        return None
    return CopySource(corpus, chars)
