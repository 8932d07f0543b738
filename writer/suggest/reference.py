"""Headings and slogans from the shipped reference bank, for `writer suggest` (after the user's own).

Which lines are on the topic, and their recency and spread: writer.compose.reference.
Score, on suggest's scale (writer.suggest): 3 points per topic word (at most two), 2 for being
verbatim from reports, then the evidence score (recent: +1, faded: −2, used by 100
reports or more: +1), −2 if it carries another topic's words.
"""

from __future__ import annotations

from writer.compose.reference import evidence_score, strong_words, topic_headings, topic_slogans
from writer.suggest.ranking import Relation
from writer.suggest.records import REFERENCE, Suggestion, years_of

SOURCE = "参考素材库"


def _words(topic, rel: Relation) -> tuple[list[str], list[str]]:
    if not topic.known:  # no lexicon entry: only lines that name it
        return [topic.name], [topic.name]
    return rel.words, strong_words(rel.words)


def _suggestions(found, kind: str, rel: Relation, since: int | None, latest: int) -> list[Suggestion]:
    out = []
    for ref in found:
        years = years_of(ref.use, since)
        if years is None:
            continue
        s = Suggestion(ref.text, kind, REFERENCE, source=SOURCE, pattern=ref.pattern or None,
                       lines=[ref.text], years=years)
        s.score = (3 * min(rel.count(ref.text), 2) + 2 + evidence_score(ref.use, latest)
                   - (2 if rel.foreign(ref.text) else 0))
        out.append(s)
    return out


def reference_headings(lines, lex, topic, rel: Relation, since: int | None) -> list[Suggestion]:
    """The reference's headings on ``topic`` (``lines``: writer.bank.reference_headings.ReferenceLines)."""
    if lines is None:
        return []
    words, strong = _words(topic, rel)
    return _suggestions(topic_headings(lines, lex, words, strong, since), "heading", rel, since, max(lines.years))


def reference_slogans(lines, topic, rel: Relation, since: int | None) -> list[Suggestion]:
    """The reference's slogans on ``topic``."""
    if lines is None:
        return []
    words, strong = _words(topic, rel)
    return _suggestions(topic_slogans(lines, words, strong, since), "slogan", rel, since, max(lines.years))
