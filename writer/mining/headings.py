"""Headings as patterns: each (sub)section's heading, its pattern with slots, its shape and topics.

Pass 1 tagged every heading (``writer.mining.analysis``); here, with the
corpus's names and topics known, each becomes a ``Heading`` record, and
headings are grouped by shape (most common shape first) for ``suggest``.
"""

from __future__ import annotations

from writer.bank.patterns import heading_shape, pattern_from_tokens
from writer.bank.records import Heading
from writer.corpus.document import Document, Section
from writer.mining.pool import map_documents, shared
from writer.mining.topics import heading_topics


def mine_headings(documents: list[Document], analyses: list, all_names: frozenset[str],
                  topics: dict[str, list[str]], jobs: int = 1) -> tuple[list[Heading], dict[str, list[int]]]:
    """The bank's headings (pass 1's ``analyses`` hold their tagged words) and their groups by shape.

    Document by document in ``jobs`` processes (``pool.map_documents``), in document order.
    """
    headings: list[Heading] = []
    sizes = [len(an.headings) for an in analyses]
    for part in map_documents(_headings_of, (documents, analyses, all_names, topics), sizes, jobs):
        for d, records in part:
            # From a worker, each heading holds copies of the document's strings: its own again.
            doc = documents[d]
            for heading, sec in zip(records, doc.all_sections()):
                heading.doc_id, heading.source = doc.id, doc.title
                heading.heading, heading.subheading = sec.heading, sec.subheading
            headings.extend(records)
    groups: dict[str, list[int]] = {}
    for i, heading in enumerate(headings):
        groups.setdefault(heading.shape, []).append(i)
    groups = {k: groups[k] for k in sorted(groups, key=lambda s: (-len(groups[s]), s))}
    return headings, groups


def _headings_of(indexes: range) -> list[tuple[int, list[Heading]]]:
    """(document index, its headings: one per (sub)section) for a run of documents."""
    documents, analyses, all_names, topics = shared()
    out = []
    for d in indexes:
        doc, an = documents[d], analyses[d]
        out.append((d, [_heading(doc, sec, head_tokens, sub_tokens, all_names, sec_words, topics)
                        for sec, (head_tokens, sub_tokens), sec_words
                        in zip(doc.all_sections(), an.headings, an.section_words)]))
    return out


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
