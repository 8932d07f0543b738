"""The words of the topic lexicon by role: verbs, adverbs, predicates and noun-phrase words.

Heading analysis reads a mined heading's clauses with these; passages use the
verbs to tell a policy line from a couplet.
"""

from __future__ import annotations

from typing import NamedTuple
from weakref import WeakKeyDictionary

from writer.bank.lexicon import Lexicon
from writer.compose.data import word_list


class Vocab(NamedTuple):
    verbs: frozenset
    adverbs: frozenset
    predicates: frozenset
    nouns: frozenset


_VOCABS: WeakKeyDictionary = WeakKeyDictionary()


def vocab(lex: Lexicon) -> Vocab:
    """Verbs (the heads' and the genre's lead verbs), adverbs, predicates and nouns ``lex`` knows."""
    hit = _VOCABS.get(lex)
    if hit is None:
        hit = _VOCABS[lex] = _collect(lex)
    return hit


def _collect(lex: Lexicon) -> Vocab:
    verbs = set(word_list("lead_verbs"))
    preds = set()
    nouns = set(lex.heads)
    for entry in list(lex.topics.values()) + [lex.fallback]:
        for theme in entry["themes"].values():
            for words in theme["nouns"]:
                nouns.update(w for w, _k in words if w != "@")
    for info in lex.heads.values():
        verbs.update(info.verbs)
        preds.update(p.text for p in info.predicates)
        preds.update(p.text for p in info.short)
    return Vocab(frozenset(verbs), frozenset(lex.adverbs), frozenset(preds), frozenset(nouns))
