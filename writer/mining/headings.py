"""Headings as patterns: each (sub)section's heading, its pattern with slots, its shape and topics.

Pass 1 tagged every heading (``writer.mining.analysis``); here, with the
corpus's names and topics known, each becomes a ``Heading`` record, and
headings are grouped by shape (most common shape first) for ``suggest``.
"""

from __future__ import annotations

from writer.bank.patterns import heading_shape, pattern_from_tokens
from writer.bank.records import Heading
from writer.corpus.document import Document, Section
from writer.mining.topics import heading_topics


def mine_headings(documents: list[Document], analyses: list, all_names: frozenset[str],
                  topics: dict[str, list[str]]) -> tuple[list[Heading], dict[str, list[int]]]:
    """The bank's headings (pass 1's ``analyses`` hold their tagged words) and their groups by shape."""
    headings: list[Heading] = []
    groups: dict[str, list[int]] = {}
    for doc, an in zip(documents, analyses):
        for sec, (head_tokens, sub_tokens), sec_words in zip(doc.all_sections(), an.headings,
                                                             an.section_words):
            headings.append(_heading(doc, sec, head_tokens, sub_tokens, all_names, sec_words, topics))
            groups.setdefault(headings[-1].shape, []).append(len(headings) - 1)
    groups = {k: groups[k] for k in sorted(groups, key=lambda s: (-len(groups[s]), s))}
    return headings, groups


def _heading(doc: Document, sec: Section, head_tokens: list, sub_tokens: list | None, names: frozenset[str],
             section_words: list[str], topics: dict[str, list[str]]) -> Heading:
    pattern, slots = pattern_from_tokens(head_tokens, names)
    if sub_tokens:
        sub_pattern, sub_slots = pattern_from_tokens(sub_tokens, names)
        pattern = f"{pattern} / {sub_pattern}"
        slots = slots + sub_slots
    text = sec.heading + (f" / {sec.subheading}" if sec.subheading else "")
    return Heading(text=text, heading=sec.heading, subheading=sec.subheading,
                   pattern=pattern, shape=heading_shape(sec.heading, sec.subheading), slots=slots,
                   doc_id=doc.id, source=doc.title, year=doc.year, topics=heading_topics(text, section_words, topics))
