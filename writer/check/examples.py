"""Running a rule's own examples (what tests and `writer check` rule authors rely on)."""

from __future__ import annotations

from writer.check.context import CheckContext
from writer.check.engine import Checker
from writer.check.finding import Finding
from writer.check.rules import ExampleContext, Rule


def example_context(data: ExampleContext) -> CheckContext:
    """The context described by a rule file's ``examples.context``."""
    documents = [(d.id or f"doc-{i}", d.title, d.text) for i, d in enumerate(data.corpus)]
    kwargs = dict(slogans=data.slogans, doc_count=data.documents or len(documents),
                  terms=data.terms, idioms=data.idioms, names=data.names)
    if data.facts is not None:
        from writer.check.kinds.facts import FactSheet
        kwargs["facts"] = FactSheet.from_strings(data.facts)
    if documents:
        return CheckContext.from_corpus_texts(documents, **kwargs)
    return CheckContext(**kwargs)


def run_example(rule: Rule, text: str, markdown: bool = False) -> list[Finding]:
    """Findings of ``rule`` alone on ``text``, in the rule's example context."""
    checker = Checker([rule], example_context(rule.context))
    return [f for f in checker.check_text(text, "example", markdown) if f.rule == rule.id]
