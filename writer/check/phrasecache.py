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
"""

from __future__ import annotations

from writer.check.draft import PhraseScanner
from writer.io import cache

CACHE_NAME = "check-phrases.marshal"
FORMAT = 1


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
        return PhraseScanner.from_plain(stored[1])
    scanner = PhraseScanner(checker.phrase_union())
    if path is not None:
        sets = [(check.phrase_set(checker.context, checker.accept), check.within_set(checker.context))
                for check in checks]
        cache.store(path, key, (sets, scanner.to_plain()))
    return scanner


def _restore(checks: list, stored) -> bool:
    """Set each check's phrase sets from ``stored``; False (nothing set) when it does not fit."""
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], list)
            and len(stored[0]) == len(checks) and PhraseScanner.plain_fits(stored[1])):
        return False
    if not all(isinstance(s, tuple) and len(s) == 2 and all(isinstance(x, frozenset) for x in s) for s in stored[0]):
        return False
    for check, (phrases, within) in zip(checks, stored[0]):
        check._phrases, check._within = phrases, within
    return True
