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

Both banks: headings and slogans come from the user's bank first (its own texts on the
topic, mined), then from the shipped reference bank (writer.suggest.reference: verbatim
strings of 1,600 government work reports that fill one of their heading patterns, scored on
the same scale with their recency and spread) merged by score with the generated results;
at an equal score the user's comes first. ``reference=False`` (--no-reference): the user's
bank alone. Every result carries the years it was
used (``Suggestion.years``: first, peak and last year and how many documents), from its
source documents or the reference's reports; ``since`` keeps only what was used in or after
that year, its years counted from then on.

Modules: records (Suggestion, years) · ranking (topic words, score, variety) · index (the
bank's mined headings, compiled) · headings (headings, pairs, sets) · mined (slogans,
aphorisms) · passages (openings, closings) · reference (the reference bank's headings and
slogans) · years (each result's years, --since).
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


class SinceYearError(UsageError):
    """--since is no year the banks could have used anything in."""


FIRST_YEAR = 1900   # --since before it is no year of a work report


def check_request(topic: str | None, kind: str, n: int, since: int | None = None) -> None:
    """Reject an empty topic, an unknown kind, a count below one and a --since that is no year of the
    data (UsageError, exit 2)."""
    if not (topic or "").strip():
        raise EmptyTopicError("主题不能为空（例：writer suggest 人才）", key="TOPIC")
    if kind not in KINDS:
        raise UnknownKindError(f"不认识的类别“{kind}”；可用：{'、'.join(KINDS)}", key="--kind")
    if n < 1:
        raise CountError(f"-n 应为正整数，不是 {n}", key="-n")
    check_since(since)


def check_since(since: int | None) -> None:
    """``since`` must be a year from FIRST_YEAR to this year (checked before any bank is read)."""
    if since is None:
        return
    import time

    latest = time.localtime().tm_year
    if not FIRST_YEAR <= since <= latest:
        raise SinceYearError(f"--since 应为 {FIRST_YEAR} 到 {latest} 之间的年份，不是 {since}", key="--since")


def suggest(bank, topic: str, kind: str = "heading", n: int = 10, pattern: str | None = None,
            seed: int = 0, place: str | None = None, org: str | None = None,
            since: int | None = None, reference: bool = True, pools: dict | None = None) -> list[Suggestion]:
    """The top ``n`` suggestions of ``kind`` for ``topic`` (see the module docstring for the ranking).
    ``place``/``org``: the user's own, filled into mined headings that named a source's.
    ``since``: only what was used in or after that year. ``reference``: also the shipped reference.
    ``pools``: the parts of this request that do not depend on the seed (plain rows by name), read
    where present and filled where missing (writer.suggest.memo keeps them for the next seed).

    Each kind's module is imported only when asked for: a slogan run never loads heading generation.
    """
    from writer.bank.lexicon import load_lexicon
    from writer.suggest.ranking import relation
    from writer.suggest.years import with_years

    check_request(topic, kind, n, since)
    topic = topic.strip()
    place, org = (place or "").strip() or None, (org or "").strip() or None
    lex = load_lexicon()
    top = lex.topic(topic)
    rel = relation(lex, top)
    if kind in ("heading", "pair"):
        from writer.suggest.headings import headings
        items = headings(bank, top, rel, kind == "pair", n, seed, pattern, place, org, pools)
    elif kind == "set":
        from writer.suggest.headings import heading_sets
        items = heading_sets(bank, top, n, seed, pattern)
    elif kind == "slogan":
        from writer.suggest.mined import slogans
        items = slogans(bank, rel, seed, top, since)
    elif kind == "aphorism":
        from writer.suggest.mined import aphorisms
        items = aphorisms(bank, rel, seed)
    else:
        from writer.compose.passages import passage_values
        from writer.suggest.passages import passages
        items = passages(bank, lex, top, rel, kind, passage_values(top), seed)
    items = with_years(bank, items, since)
    if reference and kind in ("heading", "slogan") and not pattern:
        from writer.suggest.years import add_reference
        items = add_reference(items, lex, top, rel, kind, since, seed, pools)
    return items[:n]
