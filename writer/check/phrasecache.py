"""The phrases a checker looks for, and the scanner's tables for them, kept in the one cache.

Every run of `writer check` asks each enabled check for its phrase set (bank
slogans and terms, jieba's idioms, word lists, the reference's faded phrases,
minus exceptions and accepted phrases), unites them and builds the scanner's
lookup tables: on the default bank some 6,000 phrases, most of a 5 KB draft's
check time. Those sets depend only on files (the rule and word-list files, the
bank's slogans, jieba's dictionary, the reference) and on the configuration
(enabled rules, their parameters, accepted phrases), so they are stored once,
keyed on all of that:

- the rules' ``sources`` (content stamps of every rule and word-list file);
- each enabled check's kind and parameters (repr: thresholds and lists included);
- the accepted phrases;
- the context's ``phrase_stamp()`` (BankContext: the bank's slogan files, jieba's
  dictionary; a context given plain data has none, and nothing is cached);
- each check's ``stamp(ctx)`` (a check reading other files says which).

A cached run sets each check's phrase sets (``_phrases``, ``_within``, the
memo ``Check.phrase_set`` keeps anyway) and restores the scanner; a miss
computes them as before and stores them. Plain data only (marshal). Only a
checker with a rule reading the bank (``bank:…`` sources) is cached, in the
bank's cache folder: rules that read no bank never load one.

The scanner's full lookup tables (some 11,000 keys on the default bank) cost
more to unmarshal than a short draft costs to scan: they are kept in a file of
their own and read only for a long text; a text shorter than PREFIX_LIMIT is
scanned through a small index of the phrases by their first two characters
(``PrefixScanner``), which finds exactly the same occurrences.
"""

from __future__ import annotations

from typing import Callable

from writer.check.draft import PhraseScanner
from writer.io import cache

CACHE_NAME = "check-phrases.marshal"
TABLES_NAME = "check-phrase-tables.marshal"
FORMAT = 2
# Below this many characters the prefix index scans faster than unmarshalling the full tables
# would take (measured on the default bank: ~0.4 µs a character against ~0.2 µs plus ~14 ms).
PREFIX_LIMIT = 40_000


def _scan_prefix(text: str, prefix: dict, singles: frozenset) -> list[tuple[int, int, str]]:
    """Every occurrence (overlaps included) of the indexed phrases, as PhraseScanner.scan gives."""
    hits: list[tuple[int, int, str]] = []
    for i in [i for i in range(len(text) - 1) if text[i:i + 2] in prefix]:
        for p in prefix[text[i:i + 2]]:
            if text.startswith(p, i):
                hits.append((i, i + len(p), p))
    if singles:
        hits.extend((i, i + 1, c) for i, c in enumerate(text) if c in singles)
    return hits


class PrefixScanner(PhraseScanner):
    """A PhraseScanner read from the cache: short texts through the prefix index, long ones
    through the full scanner, read (or, when its file is gone, built) on first need."""

    def __init__(self, phrases: frozenset, prefix: dict, singles: frozenset, full: Callable[[], PhraseScanner]):
        self.phrases = phrases
        self._prefix, self._singles = prefix, singles
        self._full = full
        self._loaded: PhraseScanner | None = None

    @staticmethod
    def index(phrases) -> tuple[dict, frozenset]:
        """(first two characters → the phrases starting with them, one-character phrases)."""
        prefix: dict[str, list[str]] = {}
        for p in sorted(phrases):
            if len(p) > 1:
                prefix.setdefault(p[:2], []).append(p)
        return {k: tuple(v) for k, v in prefix.items()}, frozenset(p for p in phrases if len(p) == 1)

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        if len(text) < PREFIX_LIMIT:
            return _scan_prefix(text, self._prefix, self._singles)
        if self._loaded is None:
            self._loaded = self._full()
        return self._loaded.scan(text)


def _checks(checker) -> list:
    return [check for rule in checker.rules for check in rule.checks]


def checker_key(checker) -> tuple | None:
    """Everything the checker's phrase sets depend on, or None when some part cannot be named."""
    from writer.io.cache import blake2b

    # Only a checker reading the bank is worth it (and only it may load the bank: a run of
    # rules that read no bank must not fail on a missing one).
    if not any(source.startswith("bank:") for check in _checks(checker) for source in check.source_names()):
        return None
    context_stamp = getattr(checker.context, "phrase_stamp", None)
    context_stamp = context_stamp() if context_stamp is not None else None
    if context_stamp is None or any(rule.sources is None for rule in checker.rules):
        return None
    checks = []
    for rule in checker.rules:
        for check in rule.checks:
            stamp = check.stamp(checker.context)
            if stamp is None:
                return None
            checks.append((rule.id, check.kind, repr(sorted(check.params.items())), stamp))
    digest = blake2b(repr((checks, sorted(checker.accept))).encode("utf-8", "surrogatepass"),
                     digest_size=16).hexdigest()
    return (FORMAT, digest, context_stamp, sorted({rule.sources for rule in checker.rules}))


def prepared_scanner(checker) -> PhraseScanner:
    """The checker's phrase scanner, its checks' phrase sets set, from the cache when current."""
    key = checker_key(checker)
    root = checker.context.cache_root() if key is not None else None
    path = cache.cache_file(root, CACHE_NAME) if root is not None else None
    checks = _checks(checker)
    stored = cache.load(path, key) if path is not None else None
    if _restore(checks, stored):
        phrases, prefix, singles = stored[1]
        tables = cache.cache_file(root, TABLES_NAME)
        return PrefixScanner(phrases, prefix, singles, lambda: _full_scanner(tables, key, phrases))
    scanner = PhraseScanner(checker.phrase_union())
    if path is not None:
        # Equal sets stored as one object (marshal then writes it once and reads it once:
        # several checks look for the same bank slogans and idioms).
        shared: dict[frozenset, frozenset] = {}
        sets = [tuple(shared.setdefault(x, x) for x in (check.phrase_set(checker.context, checker.accept),
                                                        check.within_set(checker.context)))
                for check in checks]
        cache.store(cache.cache_file(root, TABLES_NAME), key, scanner.to_plain())
        cache.store(path, key, (sets, (scanner.phrases, *PrefixScanner.index(scanner.phrases))))
    return scanner


def _full_scanner(path, key, phrases: frozenset) -> PhraseScanner:
    """The full scanner of ``phrases``: its tables from the cache, else built again."""
    stored = cache.load(path, key)
    if PhraseScanner.plain_fits(stored) and stored[0] == phrases:
        return PhraseScanner.from_plain(stored)
    return PhraseScanner(phrases)


def _fits(data) -> bool:
    """Whether ``data`` has the shape of (phrases, prefix index, one-character phrases)."""
    return (isinstance(data, tuple) and len(data) == 3 and isinstance(data[0], frozenset)
            and isinstance(data[1], dict) and isinstance(data[2], frozenset))


def _restore(checks: list, stored) -> bool:
    """Set each check's phrase sets from ``stored``; False (nothing set) when it does not fit."""
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], list)
            and len(stored[0]) == len(checks) and _fits(stored[1])):
        return False
    if not all(isinstance(s, tuple) and len(s) == 2 and all(isinstance(x, frozenset) for x in s) for s in stored[0]):
        return False
    for check, (phrases, within) in zip(checks, stored[0]):
        check._phrases, check._within = phrases, within
    return True
