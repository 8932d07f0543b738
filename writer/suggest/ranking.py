"""Ranking (see writer.suggest): the topic's words and other topics' words, the score, and the
variety penalty for results built from the same pieces."""

from __future__ import annotations

import random

from writer.compose.wordindex import WordIndex
from writer.suggest.records import Suggestion


class Relation:
    """The topic's words, and every other known topic's words, for scoring."""

    __slots__ = ("words", "others", "_own", "_other")

    def __init__(self, words: list[str], others: list[str]):
        self.words = words
        self.others = others
        self._own = WordIndex(words)
        self._other = WordIndex(others)

    def count(self, text: str | None) -> int:
        """How many distinct topic words the text holds (a word inside a longer one found
        is not counted again: 人才工作 is one word, not 人才 and 人才工作)."""
        return len(set(self._own.find(text))) if text else 0

    def foreign(self, text: str) -> bool:
        return bool(text) and self._other.any_in(text)


def relation(lex, topic) -> Relation:
    """Words of ``topic`` and the words that belong only to other topics of the lexicon."""
    own = topic.words()
    own_set = set(own)
    own_index = WordIndex(own)
    own_joined = "\0".join(own)
    others: set[str] = set()
    for key, entry in lex.topics.items():
        if topic.known and key == topic.key:
            continue
        for w in [key, *entry["aliases"], *entry["related"]]:
            # Not another topic's if it holds, or is part of, one of this topic's words.
            if len(w) < 2 or w in own_set or w in own_joined or own_index.any_in(w):
                continue
            others.add(w)
    return Relation(own, sorted(others, key=lambda w: (-len(w), w)))


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
    item_keys = {i: keys(items[i]) for i in head}
    used: dict[str, int] = {}
    out: list[Suggestion] = []
    while head:
        best_k, best_v = 0, None
        for k, i in enumerate(head):
            v = items[i].score - sum(used.get(x, 0) for x in item_keys[i])
            if best_v is None or v > best_v:
                best_k, best_v = k, v
        i = head.pop(best_k)
        items[i].score = best_v
        for x in item_keys[i]:
            used[x] = used.get(x, 0) + 1
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
