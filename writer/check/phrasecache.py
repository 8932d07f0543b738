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

The phrases are stored as one text, sorted and joined by line breaks, and each check's sets
as the positions of their phrases in it (``_packed``): unmarshalling six thousand short
strings and four thousand index keys one by one, and hashing each again into every set that
holds it, cost a 5 KB draft's check more than any of its rules (about 30M instructions, now
about a quarter of that). The prefix index is kept the same way: its keys as one text, and
for each where its phrases lie in the sorted phrases (they are adjacent there).
"""

from __future__ import annotations

from typing import Callable

from writer.check.draft import PhraseScanner
from writer.io import cache

CACHE_NAME = "check-phrases.marshal"
TABLES_NAME = "check-phrase-tables.marshal"
FORMAT = 4
# Below this many characters the prefix index scans faster than unmarshalling the full tables
# would take (measured on the default bank: ~0.4 µs a character against ~0.2 µs plus ~14 ms).
PREFIX_LIMIT = 40_000


def _scan_prefix(text: str, prefix: tuple[dict, list], singles: frozenset) -> list[tuple[int, int, str]]:
    """Every occurrence (overlaps included) of the indexed phrases, as PhraseScanner.scan gives."""
    slots, ordered = prefix
    hits: list[tuple[int, int, str]] = []
    for i in [i for i in range(len(text) - 1) if text[i:i + 2] in slots]:
        start, end = slots[text[i:i + 2]]
        for p in ordered[start:end]:
            if text.startswith(p, i):
                hits.append((i, i + len(p), p))
    if singles:
        hits.extend((i, i + 1, c) for i, c in enumerate(text) if c in singles)
    return hits


def _prefix_bounds(ordered: list[str]) -> tuple[list[str], list[int], list[int]]:
    """The first two characters of the sorted phrases longer than one, each once, and where
    the phrases starting with them begin and end in ``ordered`` (they are adjacent there)."""
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, p in enumerate(ordered):
        if len(p) > 1:
            if keys and keys[-1] == p[:2]:
                ends[-1] = i + 1
            else:
                keys.append(p[:2])
                starts.append(i)
                ends.append(i + 1)
    return keys, starts, ends


class PrefixScanner(PhraseScanner):
    """A PhraseScanner read from the cache: short texts through the prefix index, long ones
    through the full scanner, read (or, when its file is gone, built) on first need."""

    def __init__(self, phrases: frozenset, prefix: dict, singles: frozenset, full: Callable[[], PhraseScanner]):
        self.phrases = phrases
        self._prefix, self._singles = prefix, singles
        self._full = full
        self._loaded: PhraseScanner | None = None

    @staticmethod
    def index(phrases) -> tuple[tuple[dict, list], frozenset]:
        """((first two characters → where the phrases starting with them lie in the sorted
        phrases, the sorted phrases), one-character phrases)."""
        ordered = sorted(phrases)
        keys, starts, ends = _prefix_bounds(ordered)
        return (dict(zip(keys, zip(starts, ends))), ordered), frozenset(p for p in ordered if len(p) == 1)

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
    stored = _unpacked(cache.load(path, key) if path is not None else None, len(checks))
    if stored is not None:
        sets, ordered, (keys, starts, ends, singles), phrases = stored
        for check, (phrases_of, within) in zip(checks, sets):
            check._phrases, check._within = phrases_of, within
        tables = cache.cache_file(root, TABLES_NAME)
        return PrefixScanner(phrases, (dict(zip(keys, zip(starts, ends))), ordered), frozenset(singles),
                             lambda: _full_scanner(tables, key, phrases))
    scanner = PhraseScanner(checker.phrase_union())
    if path is not None:
        packed = _packed([(check.phrase_set(checker.context, checker.accept), check.within_set(checker.context))
                          for check in checks], scanner.phrases)
        cache.store(cache.cache_file(root, TABLES_NAME), key, scanner.to_plain())
        if packed is not None:
            cache.store(path, key, packed)
    return scanner


def _packed(sets: list[tuple[frozenset, frozenset]], phrases: frozenset) -> tuple | None:
    """(the sorted phrases joined by line breaks, each distinct set as the positions of its
    phrases, each check's two sets as numbers of those); None when a phrase holds a line break
    or a set a phrase outside ``phrases`` (then nothing is stored)."""
    ordered = sorted(phrases)
    if any("\n" in p for p in ordered):
        return None
    position = {p: i for i, p in enumerate(ordered)}
    distinct: dict[frozenset, int] = {}
    for pair in sets:
        for x in pair:
            distinct.setdefault(x, len(distinct))
    if any(p not in position for x in distinct for p in x):
        return None
    table = []
    for x in distinct:
        inside = sorted(position[p] for p in x)
        if 2 * len(inside) > len(ordered):      # most of the phrases: kept as those it lacks
            held = set(inside)
            inside = [-1, *(i for i in range(len(ordered)) if i not in held)]
        table.append(inside)
    keys, starts, ends = _prefix_bounds(ordered)
    prefix = ("\n".join(keys), starts, ends, "".join(p for p in ordered if len(p) == 1))
    return "\n".join(ordered), len(ordered), table, [[distinct[a], distinct[b]] for a, b in sets], prefix


def _full_scanner(path, key, phrases: frozenset) -> PhraseScanner:
    """The full scanner of ``phrases``: its tables from the cache, else built again."""
    stored = cache.load(path, key)
    if PhraseScanner.plain_fits(stored) and stored[0] == phrases:
        return PhraseScanner.from_plain(stored)
    return PhraseScanner(phrases)


def _unpacked(stored, checks: int) -> tuple[list, list[str], tuple, frozenset] | None:
    """(each check's two sets, the sorted phrases, (prefix keys, their starts and ends, the
    one-character phrases), all the phrases) of what ``_packed`` stored for ``checks`` checks;
    None when it does not have that shape (a damaged or older cache: a miss).

    A set listed as the phrases it lacks (``[-1, …]``) is all the phrases less those: made in C
    from the set of all, whose hashes it reuses, rather than one phrase at a time."""
    try:
        text, count, table, pairs, (keys, starts, ends, singles) = stored
        ordered = text.split("\n") if text else []
        keys = keys.split("\n") if keys else []
        if len(ordered) != count or len(pairs) != checks or not len(keys) == len(starts) == len(ends) \
                or not isinstance(singles, str):
            return None
        whole = frozenset(ordered)
        made = [whole.difference([ordered[i] for i in positions[1:]]) if positions[:1] == [-1]
                else frozenset([ordered[i] for i in positions]) for positions in table]
        return [(made[a], made[b]) for a, b in pairs], ordered, (keys, starts, ends, singles), whole
    except (TypeError, ValueError, IndexError, AttributeError):
        return None
