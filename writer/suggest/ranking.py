"""Ranking (see writer.suggest): the topic's words and other topics' words, the score, and the
variety penalty for results built from the same pieces."""

from __future__ import annotations

import random

from writer.compose.wordindex import WordIndex
from writer.suggest.records import Suggestion


class Relation:
    """The topic's words, and every other known topic's words, for scoring."""

    __slots__ = ("words", "others", "_own", "_other", "_counts")

    def __init__(self, words: list[str], others: list[str], others_by_first: dict | None = None):
        self.words = words
        self.others = others
        self._own = WordIndex(words)
        self._other = WordIndex(others, by_first=others_by_first)   # compiled: WordIndex(others).by_first
        self._counts: dict[str, int] = {}   # text → count: a result's text and sources are counted again

    def count(self, text: str | None) -> int:
        """How many distinct topic words the text holds (a word inside a longer one found
        is not counted again: 人才工作 is one word, not 人才 and 人才工作)."""
        if not text:
            return 0
        found = self._counts.get(text)
        if found is None:
            found = self._counts[text] = len(set(self._own.find(text)))
        return found

    def foreign(self, text: str) -> bool:
        return bool(text) and self._other.any_in(text)


def relation(lex, topic) -> Relation:
    """Words of ``topic`` and the words that belong only to other topics of the lexicon.

    For a topic of the lexicon asked by its name (or any name that gives it the same words), the
    other topics' words come from a block file compiled once per lexicon (every topic's, one block
    each): a request reads its topic's block instead of testing the lexicon's words one by one."""
    own = topic.words()
    if topic.known:
        compiled = _compiled_others(lex, topic.key, own)
        if compiled is not None:
            return Relation(own, *compiled)
    return Relation(own, _others(lex, topic, own))


def _others(lex, topic, own: list[str]) -> list[str]:
    """The other topics' words, longest first, none of them holding or inside one of ``own``."""
    own_set = set(own)
    own_index = WordIndex(own)
    own_joined = "\0".join(own)
    others: set[str] = set()
    for key, (aliases, related) in lex.topic_words.items():
        if topic.known and key == topic.key:
            continue
        for w in [key, *aliases, *related]:
            # Not another topic's if it holds, or is part of, one of this topic's words.
            if len(w) < 2 or w in own_set or w in own_joined or own_index.any_in(w):
                continue
            others.add(w)
    return sorted(others, key=lambda w: (-len(w), w))


RELATIONS_FILE = "suggest-relations.blocks"
_RELATIONS_FORMAT = 2


def _compiled_others(lex, key: str, own: list[str]) -> tuple[list[str], dict] | None:
    """The other topics' words for the lexicon topic ``key`` when its compiled words are ``own``, and
    their WordIndex; None when the words differ (a name that adds a word of its own) or nothing can be cached."""
    import marshal

    from writer.io import cache

    if lex.stamp is None or not lex.path:
        return None
    from pathlib import Path

    path = cache.cache_file(Path(lex.path).parent, RELATIONS_FILE)
    stamp = (_RELATIONS_FORMAT, lex.stamp)
    found = cache.read_block(path, stamp, lambda head: head.get(key))
    if found is None:
        _compile_relations(lex, path, stamp)
        found = cache.read_block(path, stamp, lambda head: head.get(key))
    if found is None or found[1] is None:
        return None
    words, others, by_first = marshal.loads(found[1])
    return (others, by_first) if words == own else None


def _compile_relations(lex, path, stamp) -> None:
    """Every lexicon topic's own words and other topics' words, a block each (head: key → block)."""
    import marshal

    from writer.io import cache

    head, blocks = {}, []
    for key in sorted(lex.topics):
        topic = lex.topic(key)
        own = topic.words()
        others = _others(lex, topic, own)
        head[key] = len(blocks)
        blocks.append(marshal.dumps((own, others, WordIndex(others).by_first)))
    cache.store_blocks(path, stamp, head, blocks)


def score(rel: Relation, text: str, context: list[str | None] = (), recurs: int | bool = False,
          mined: bool = False) -> float:
    """The ranking score before the variety penalty (see writer.suggest)."""
    s = 3 * min(rel.count(text), 2)
    s += 1 if any(rel.count(c) for c in context) else 0
    s += (2 if mined else 0) + min(int(recurs), 2)
    if rel.foreign(text):
        s -= 2
    return float(s)


def rank(items: list[Suggestion], seed: int, keys=None, top: int = 60) -> list[Suggestion]:
    """Best first; ``keys(item)`` names the pattern or pieces an item is built from, and each
    reuse of one by a higher-ranked item costs a point (among the first ``top``)."""
    rng = random.Random(seed)
    order = list(range(len(items)))
    rng.shuffle(order)
    pos = {i: p for p, i in enumerate(order)}
    idx = sorted(range(len(items)), key=lambda i: (-items[i].score, pos[i]))
    if keys is None:
        return [items[i] for i in idx]
    head, tail = idx[:top], idx[top:]
    # Each pass takes the first item of the highest score less its penalty (one point per use of
    # each of its keys by items taken before). Penalties are kept per item and raised only for the
    # items sharing a key with the one taken, instead of summing every item's keys on every pass.
    scores = [items[i].score for i in head]
    penalty = [0] * len(head)
    holders: dict[str, list[int]] = {}   # key → positions in ``head`` of the items using it (once per use)
    for k, i in enumerate(head):
        for x in keys(items[i]):
            holders.setdefault(x, []).append(k)
    # The first item of the highest score less its penalty, by a heap of (−value, position): a
    # penalty only lowers a value, so an entry whose value is out of date is put back with the
    # current one, and equal values still come out in position order.
    import heapq

    queue = [(-scores[k], k) for k in range(len(head))]
    heapq.heapify(queue)
    taken = [False] * len(head)
    out: list[Suggestion] = []
    while queue:
        value, k = heapq.heappop(queue)
        if taken[k]:
            continue
        current = scores[k] - penalty[k]
        if -value != current:
            heapq.heappush(queue, (-current, k))
            continue
        taken[k] = True
        i = head[k]
        items[i].score = current
        for x in keys(items[i]):
            for j in holders[x]:
                penalty[j] += 1
        out.append(items[i])
    return out + [items[i] for i in tail]


def dedupe(items: list[Suggestion]) -> list[Suggestion]:
    """The first of each text."""
    seen: set[str] = set()
    out = []
    for s in items:
        if s.text not in seen:
            seen.add(s.text)
            out.append(s)
    return out
