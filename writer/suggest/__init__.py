"""`writer suggest`: headings, pairs, sets, slogans, openings, closings and aphorisms for a topic.

Every result is either ``mined`` (verbatim from the corpus, with its source
title and year) or ``generated`` (a bank pattern or template filled for the
user's topic, with the pattern and the mined text it came from).

Ranking, in one sentence: a result scores 3 points for each of the topic's
words (its name, aliases, related words and section themes in the topic
lexicon) found in its text, at most two, plus 1 if its source title, section
or theme mentions the topic, 2 if it is verbatim from the corpus, 1 if it
recurs there (a heading whose shape has parallel partners), minus 2 if its text carries another topic's words,
minus 1 for each higher-ranked generated result built from the same pattern,
theme, first line or pieces (so the list varies); ties keep the seeded order. A slogan gains a point
per further document it recurs in (at most 2) and loses 2 when it comes from
one document and its examples speak only of another topic.

Modules: records (Suggestion) · ranking (topic words, score, variety) · index (the
bank's mined headings, compiled) · headings (headings, pairs, sets) · mined (slogans,
aphorisms) · passages (openings, closings).
"""

from __future__ import annotations

from writer.errors import UsageError
from writer.suggest.records import GENERATED, MINED, Suggestion

KINDS = ("heading", "pair", "set", "slogan", "opening", "closing", "aphorism")

__all__ = ["GENERATED", "KINDS", "MINED", "CountError", "EmptyTopicError", "SuggestOptionError",
           "Suggestion", "UnknownKindError", "check_request", "suggest"]


class EmptyTopicError(UsageError):
    """The topic is empty."""


class UnknownKindError(UsageError):
    """--kind names a kind suggest does not offer."""


class CountError(UsageError):
    """-n is not a positive number."""


class SuggestOptionError(UsageError):
    """An option of `writer suggest` is unknown, lacks its value or has a value of the wrong type."""


def check_request(topic: str | None, kind: str, n: int) -> None:
    """Reject an empty topic, an unknown kind and a count below one (UsageError, exit 2)."""
    if not (topic or "").strip():
        raise EmptyTopicError("主题不能为空（例：writer suggest 人才）", key="TOPIC")
    if kind not in KINDS:
        raise UnknownKindError(f"不认识的类别“{kind}”；可用：{'、'.join(KINDS)}", key="--kind")
    if n < 1:
        raise CountError(f"-n 应为正整数，不是 {n}", key="-n")


def suggest(bank, topic: str, kind: str = "heading", n: int = 10, pattern: str | None = None,
            seed: int = 0, place: str | None = None, org: str | None = None) -> list[Suggestion]:
    """The top ``n`` suggestions of ``kind`` for ``topic`` (see the module docstring for the ranking).
    ``place``/``org``: the user's own, filled into mined headings that named a source's.

    Each kind's module is imported only when asked for: a slogan run never loads heading generation.
    """
    from writer.bank.lexicon import load_lexicon
    from writer.suggest.ranking import relation

    check_request(topic, kind, n)
    topic = topic.strip()
    place, org = (place or "").strip() or None, (org or "").strip() or None
    lex = load_lexicon()
    top = lex.topic(topic)
    rel = relation(lex, top)
    if kind in ("heading", "pair"):
        from writer.suggest.headings import headings
        items = headings(bank, top, rel, kind == "pair", n, seed, pattern, place, org)
    elif kind == "set":
        from writer.suggest.headings import heading_sets
        items = heading_sets(bank, top, n, seed, pattern)
    elif kind == "slogan":
        from writer.suggest.mined import slogans
        items = slogans(bank, rel, seed, top)
    elif kind == "aphorism":
        from writer.suggest.mined import aphorisms
        items = aphorisms(bank, rel, seed)
    else:
        from writer.compose.passages import passage_values
        from writer.suggest.passages import passages
        items = passages(bank, lex, top, rel, kind, passage_values(top), seed)
    return items[:n]
