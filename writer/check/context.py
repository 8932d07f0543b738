"""What the rules know beyond the draft: the bank's slogans and corpus, jieba's idioms.

Rules never load a bank themselves: they read a ``CheckContext``. Tests
build one from plain values; the CLI builds a ``BankContext``, which loads
the bank (and the expensive indexes) only when a rule first asks.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Iterable

from writer.check.copyindex import CorpusIndex

SLOGAN_CACHE_NAME = "check-slogans.marshal"
SLOGAN_CACHE_FORMAT = 2


class CheckContext:
    """Bank-derived data given directly (tests, library callers)."""

    def __init__(self, slogans: dict[str, int] | None = None, doc_count: int = 0,
                 terms: Iterable[str] = (), idioms: Iterable[str] = (),
                 corpus: CorpusIndex | None = None, names: Iterable[str] = (),
                 all_idioms: Iterable[str] | None = None, facts=None):
        self._slogans = dict(slogans or {})
        self._doc_count = doc_count
        self._terms = frozenset(terms)
        self._idioms = frozenset(idioms)
        self._all_idioms = frozenset(all_idioms) if all_idioms is not None else self._idioms
        self._corpus = corpus
        self._names = frozenset(names)
        # The user's facts file (writer.check.kinds.facts.FactSheet) of --facts, or None.
        self.facts = facts

    @property
    def slogans(self) -> dict[str, int]:
        """Bank slogans (kind ``slogan``) → number of source documents using each."""
        return self._slogans

    @property
    def doc_count(self) -> int:
        """Number of source documents of the bank."""
        return self._doc_count

    @property
    def terms(self) -> frozenset[str]:
        """Bank topic terms (kind ``term``): vocabulary, not rhetoric."""
        return self._terms

    @property
    def idioms(self) -> frozenset[str]:
        """Four-character idioms counted as set phrases (jieba: tag i, above floor frequency)."""
        return self._idioms

    @property
    def all_idioms(self) -> frozenset[str]:
        """Every four-character jieba entry tagged i or l."""
        return self._all_idioms

    @property
    def corpus(self) -> CorpusIndex | None:
        """Index of the bank's documents for the copy rule, or None."""
        return self._corpus

    @property
    def names(self) -> frozenset[str]:
        """Proper names found in the bank's sources (places, organisations)."""
        return self._names

    def phrase_stamp(self) -> tuple | None:
        """What identifies the phrase data this context gives (slogans, terms, idioms) by the
        files it comes from; None: given as values, so phrase sets are not cached."""
        return None

    def cache_root(self) -> Path | None:
        """The folder whose cache holds data derived from this context's files, or None."""
        return None

    @classmethod
    def from_corpus_texts(cls, documents: Iterable[tuple[str, str, str]], **kwargs) -> "CheckContext":
        """A context whose corpus is the given (id, title, text) documents."""
        return cls(corpus=CorpusIndex.build(documents), **kwargs)


class BankContext(CheckContext):
    """Data of a bank folder, each part loaded on first use and cached."""

    def __init__(self, bank_path: str | Path | None):
        super().__init__()
        self._bank_arg = bank_path

    @cached_property
    def bank(self):
        from writer.bank.store import load_bank
        return load_bank(self._bank_arg)

    @cached_property
    def _cache_root(self) -> Path:
        """The folder whose cache (writer.io.cache.cache_dir) holds the derived indexes: the
        bank's own folder, named without loading the bank (a run served by the caches never does)."""
        from writer.io.paths import resolve_bank

        return resolve_bank(self._bank_arg)

    def cache_root(self) -> Path:
        return self._cache_root

    @cached_property
    def _listing(self) -> list[str] | None:
        """The names in the bank's folder; None when it cannot be listed (no such folder)."""
        import os

        try:
            return sorted(name for name in os.listdir(self._cache_root) if not name.startswith("."))
        except OSError:
            return None

    @cached_property
    def _slogan_key(self) -> tuple:
        """The bank's files the slogan data comes from, and its folder's listing: a bank missing
        one of its files then misses the cache and fails as loading it does (load_bank)."""
        import writer
        from writer.io import cache

        folder = self._cache_root
        # content_stamp: the same stamp, without rereading a large bank's slogans while unchanged.
        return (SLOGAN_CACHE_FORMAT, writer.__version__, cache.content_stamp(folder / "slogans.yaml"),
                cache.file_stamp(folder / "custom.yaml"), cache.file_stamp(folder / "manifest.yaml"), self._listing)

    def phrase_stamp(self) -> tuple | None:
        """The slogan data's key and jieba's dictionary; None when the bank folder cannot be
        listed (nothing cached: loading the bank says what is wrong)."""
        from writer.check.idioms import idioms_stamp

        if self._listing is None:
            return None
        return (self._slogan_key, idioms_stamp())

    @cached_property
    def _slogan_phrases(self) -> tuple[dict[str, int], frozenset[str], int]:
        """(slogan → documents using it, terms, documents of the bank): the only part of the
        bank's slogan records and manifest the rules read, cached apart from them, so that a
        short draft does not pay for loading a large bank's records (tens of MB with their
        examples), nor for importing the bank's modules at all."""
        from writer.io import cache

        key = self._slogan_key
        path = cache.cache_file(self._cache_root, SLOGAN_CACHE_NAME) if self._listing is not None else None
        stored = cache.load(path, key)
        if isinstance(stored, tuple) and len(stored) == 3 and isinstance(stored[0], dict) \
                and isinstance(stored[2], int):
            return stored[0], frozenset(stored[1]), stored[2]
        bank = self.bank
        slogans = {s.text: int(s.docs or 0) for s in bank.slogans if s.kind == "slogan"}
        terms = [s.text for s in bank.slogans if s.kind == "term"]
        documents = len((bank.manifest or {}).get("sources") or [])
        cache.store(path, key, (slogans, terms, documents))
        return slogans, frozenset(terms), documents

    @cached_property
    def slogans(self) -> dict[str, int]:
        return self._slogan_phrases[0]

    @cached_property
    def terms(self) -> frozenset[str]:
        return self._slogan_phrases[1]

    @cached_property
    def doc_count(self) -> int:
        return self._slogan_phrases[2]

    @cached_property
    def names(self) -> frozenset[str]:
        out = set()
        for entry in getattr(self.bank, "names", None) or []:
            text = entry.get("text") if isinstance(entry, dict) else getattr(entry, "text", None)
            if text:
                out.add(text)
        return frozenset(out)

    @cached_property
    def _jieba_sets(self) -> tuple[frozenset[str], frozenset[str]]:
        from writer.check.idioms import load_idioms
        return load_idioms(self._cache_root)

    @cached_property
    def idioms(self) -> frozenset[str]:
        return self._jieba_sets[0]

    @cached_property
    def all_idioms(self) -> frozenset[str]:
        return self._jieba_sets[1]

    @cached_property
    def corpus(self) -> CorpusIndex | None:
        def documents():
            for doc in self.bank.documents():
                yield doc.id, doc.title, "\n".join(doc.paragraphs())

        return CorpusIndex.cached(self._cache_root, [self._cache_root / "documents.jsonl"], documents)
