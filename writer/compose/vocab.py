"""The words of the topic lexicon by role: verbs, adverbs, predicates and noun-phrase words.

Heading analysis reads a mined heading's clauses with these; passages use the
verbs to tell a policy line from a couplet. Collecting them builds a record for
every head of the lexicon (longer than a whole suggest run), so the sets are kept
in the cache (marshal of four frozensets) keyed by the lexicon's and the word
lists' content, and a run loads them.
"""

from __future__ import annotations

from operator import itemgetter
from pathlib import Path
from weakref import WeakKeyDictionary

from writer.bank.lexicon import Lexicon
from writer.compose.data import word_list, words_stamp
from writer.io import cache

_FORMAT = 1


class Vocab(tuple):
    """The four word sets (a tuple with named fields: a NamedTuple class costs a cold start some 0.7M
    instructions to make)."""

    __slots__ = ()
    _fields = ("verbs", "adverbs", "predicates", "nouns")

    def __new__(cls, verbs: frozenset, adverbs: frozenset, predicates: frozenset, nouns: frozenset):
        return tuple.__new__(cls, (verbs, adverbs, predicates, nouns))

    verbs = property(itemgetter(0))
    adverbs = property(itemgetter(1))
    predicates = property(itemgetter(2))
    nouns = property(itemgetter(3))


_VOCABS: WeakKeyDictionary = WeakKeyDictionary()


def vocab(lex: Lexicon) -> Vocab:
    """Verbs (the heads' and the genre's lead verbs), adverbs, predicates and nouns ``lex`` knows."""
    hit = _VOCABS.get(lex)
    if hit is None:
        hit = _VOCABS[lex] = _compiled(lex)
    return hit


def _compiled(lex: Lexicon) -> Vocab:
    """The lexicon's vocabulary from the cache beside it when both sources are unchanged, else collected
    (a lexicon not loaded from a file, with no stamp, is always collected)."""
    if lex.stamp is None:
        return _collect(lex)
    path = Path(lex.path)
    cache_path = cache.cache_file(path.parent, f"{path.stem}-vocab.marshal")
    key = (_FORMAT, lex.stamp, words_stamp())
    data = cache.load(cache_path, key)
    if isinstance(data, list) and len(data) == len(Vocab._fields):
        return Vocab(*(frozenset(part) for part in data))
    found = _collect(lex)
    cache.store(cache_path, key, list(found))
    return found


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
