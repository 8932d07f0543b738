"""The review lists of a bank: the reviewer's budget and what of the borrowable text it would report.

Taken once per bank and genre file (building them reads writer check's rules,
jieba's idioms and the bank's corpus index) and cached through
writer.io.cache, keyed by the content of what they depend on: the budget's
numbers and the copy rule's lists in one file every draft reads, the budget's
phrase sets (thousands) in another, read only when a draft weighs a text that the
verdicts of earlier drafts (writer.render.ledger.Verdicts, a third file, under the
same key and the counting code's own stamp) do not hold.
"""

from __future__ import annotations

from writer.check.budget import ReviewBudget, ReviewLimits, compared, copy_source, review_budget, review_stamp
from writer.render.genre import Genre
from writer.render.ledger import MASK, ReviewLists, Verdicts
from writer.zh import SLOT, split_sentences

# Bumped when the cached review lists change shape or meaning.
REVIEW_VERSION = 7
_CACHE_NAME = "render-review.marshal"
_BUDGET_NAME = "render-budget.marshal"
_VERDICTS_NAME = "render-verdicts.marshal"
# Texts kept per verdict table, the latest weighed: a draft weighs about 150 (its frames'
# readings, its facts' sentences, heading sets), most of them the same from one draft to the next.
_MAX_VERDICTS = 2000
# Bank files whose text a draft borrows (and the copy rule vets).
_BORROWED_FILES = ("aphorisms.yaml", "closings.yaml")

# A literal part shorter than this cannot carry a copied run across a junction
# unless the tool's own wording matched the source for 14 characters or more.
_MIN_CONTEXT_PART = 6
_MAX_CONTEXTS = 40


def _occurrences(corpus: str, part: str):
    """Every place ``part`` occurs in ``corpus``, in order."""
    i = corpus.find(part)
    while i != -1:
        yield i
        i = corpus.find(part, i + 1)


def _befores(corpus: str, first: str, reach: int, separator: str) -> set[str]:
    out: set[str] = set()
    for i in _occurrences(corpus, first):
        if len(out) >= _MAX_CONTEXTS:
            break
        before = corpus[max(0, i - reach):i].rsplit(separator, 1)[-1]
        if before:
            out.add(before)
    return out


def _afters(corpus: str, last: str, reach: int, separator: str) -> set[str]:
    out: set[str] = set()
    for i in _occurrences(corpus, last):
        if len(out) >= _MAX_CONTEXTS:
            break
        after = corpus[i + len(last):i + len(last) + reach].split(separator, 1)[0]
        if after:
            out.add(after)
    return out


def corpus_contexts(corpus: str, candidates, reach: int,
                    separator: str = "\x01") -> dict[str, tuple[int, list[str], int, list[str]]]:
    """Where borrowed ``candidates`` occur in ``corpus`` (the copy rule's normalised text):
    for each, the corpus text just before its first literal part and just after its last.

    A borrowed sentence shorter than the copy rule's limit is still a copy if
    the text around it in the draft continues it as the source did (乘风破浪潮头立，
    扬帆起航正当时。站在新的…); the ledger compares the neighbours with these.
    """
    out: dict[str, tuple[int, list[str], int, list[str]]] = {}
    for raw in candidates:
        parts = [compared(p) for p in SLOT.split(raw)[::2]]
        first, last = parts[0], parts[-1]
        befores = _befores(corpus, first, reach, separator) if len(first) >= _MIN_CONTEXT_PART else set()
        afters = _afters(corpus, last, reach, separator) if len(last) >= _MIN_CONTEXT_PART else set()
        if befores or afters:
            out[raw] = (len(first), sorted(befores), len(last), sorted(afters))
    return out


def _borrowable(bank) -> set[str]:
    """The bank's text a draft may borrow: aphorisms, and the sentences of its closings."""
    out = {a.text for a in bank.aphorisms}
    for passage in bank.closings:
        out.update(split_sentences(passage.template or passage.text))
    return out


def build_review_lists(bank, genre: Genre) -> ReviewLists:
    """The budget of writer check's shipped rules for this bank, and the bank's and genre's
    text that holds a run the copy rule would report."""
    budget = review_budget(bank.path)
    source = copy_source(bank.path, budget.copy_chars) if budget.copy_chars else None
    if source is None:
        return ReviewLists(budget)
    genre_text = {t for items in genre.lists.values() for t in items}
    candidates = _borrowable(bank) | genre_text
    # A slot's value is the user's: it never matches a source, so it breaks a run.
    copied = {text for text in sorted(candidates) if source.copies(SLOT.sub(MASK, text))}
    contexts = corpus_contexts(source.text, sorted(candidates - genre_text - copied),
                               budget.copy_chars, source.separator)
    return ReviewLists(budget, frozenset(copied), contexts)


def contexts_to_plain(contexts: dict) -> tuple:
    return tuple((k, first, tuple(befores), last, tuple(afters))
                 for k, (first, befores, last, afters) in sorted(contexts.items()))


def contexts_from_plain(data) -> dict:
    return {k: (first, list(befores), last, list(afters)) for k, first, befores, last, afters in data}


def _to_plain(lists: ReviewLists) -> tuple:
    return lists.limits.to_plain(), "\n".join(sorted(lists.copied)), contexts_to_plain(lists.contexts)


def _from_plain(data, load_budget, verdicts: Verdicts) -> ReviewLists:
    limits, copied, contexts = data
    return ReviewLists(None, frozenset(copied.split("\n")) - {""}, contexts_from_plain(contexts),
                       ReviewLimits.from_plain(limits), load_budget, verdicts)


def review_key(bank, genre: Genre) -> tuple:
    """What the review lists depend on: the reviewer's rules and the bank (writer.check.budget),
    the bank text a draft borrows, and the genre file (its text is vetted too)."""
    from pathlib import Path

    from writer.io.cache import run_stamp

    borrowed = tuple(run_stamp(Path(bank.path) / name) for name in _BORROWED_FILES)
    return (REVIEW_VERSION, review_stamp(bank.path), borrowed, run_stamp(genre.path))


def load_review_lists(bank, genre: Genre) -> ReviewLists:
    """The review lists of ``bank``, from its cache, built on first use; their budget read when first needed."""
    from writer.io import cache

    path = cache.cache_file(bank.path, _CACHE_NAME)
    key = review_key(bank, genre)
    verdicts = _load_verdicts(bank, key)
    data = cache.load(path, key)
    if data is not None:
        lists = _from_plain(data, lambda: _load_budget(bank, genre, key), verdicts)
        lists.load_set = lambda k: _load_set(bank, genre, key, k)
        return lists
    lists = build_review_lists(bank, genre)
    cache.store(path, key, _to_plain(lists))
    cache.store(cache.cache_file(bank.path, _BUDGET_NAME), key, lists.budget.to_plain())
    _store_sets(bank, key, lists.budget)
    lists.verdicts = verdicts
    return lists


def _set_file(bank, k: int | None):
    from writer.io import cache

    return cache.cache_file(bank.path, f"render-set-{'banned' if k is None else k}.marshal")


def _counted_sets(budget: ReviewBudget) -> dict:
    return {None: budget.banned, 0: budget.repeat, **{i + 1: d.counted for i, d in enumerate(budget.densities)}}


def _store_sets(bank, key: tuple, budget: ReviewBudget) -> None:
    """Each counted set, and the banned phrases, in a file of its own: a draft with a clause new to
    the verdicts reads the one set it needs, not the whole budget."""
    from writer.io import cache

    for k, found in _counted_sets(budget).items():
        phrases, within = sorted(found.phrases - {""}), sorted(found.within - {""})
        cache.store(_set_file(bank, k), key, ("\n".join(phrases), "\n".join(within), found.sizes()))


def _load_set(bank, genre: Genre, key: tuple, k: int | None):
    """The ``k``-th counted set (None: the banned phrases) from its file; rebuilt with the budget."""
    from writer.check.budget import PhraseSet
    from writer.io import cache

    data = cache.load(_set_file(bank, k), key)
    if data is not None:
        phrases, within, sizes = data
        return PhraseSet.with_sizes(frozenset(phrases.split("\n") if phrases else ()),
                                    frozenset(within.split("\n") if within else ()), sizes)
    budget = _load_budget(bank, genre, key)
    _store_sets(bank, key, budget)
    return _counted_sets(budget).get(k)


def _load_budget(bank, genre: Genre, key: tuple) -> ReviewBudget:
    from writer.io import cache

    path = cache.cache_file(bank.path, _BUDGET_NAME)
    data = cache.load(path, key)
    if data is not None:
        return ReviewBudget.from_plain(data)
    budget = build_review_lists(bank, genre).budget
    cache.store(path, key, budget.to_plain())
    return budget


def _verdicts_key(key: tuple) -> tuple:
    """The review lists' key and the code that counts (a change to it changes what it says)."""
    from writer.check import budget
    from writer.io.cache import installed_stamp
    from writer.render import ledger

    return key, installed_stamp(budget.__file__), installed_stamp(ledger.__file__)


def _load_verdicts(bank, key: tuple) -> Verdicts:
    from writer.io import cache

    path = cache.cache_file(bank.path, _VERDICTS_NAME)
    full = _verdicts_key(key)
    tables = cache.load(path, full)
    verdicts = Verdicts(tables if isinstance(tables, dict) else None)
    verdicts.where = (path, full)
    return verdicts


def keep_verdicts(lists: ReviewLists) -> None:
    """Store the verdicts of ``lists`` for the next draft when this one weighed new texts."""
    from writer.io import cache

    verdicts = lists.verdicts
    if verdicts.where is None or not verdicts.grown():
        return
    tables = {name: table if len(table) <= _MAX_VERDICTS else dict(list(table.items())[-_MAX_VERDICTS:])
              for name, table in verdicts.tables.items()}
    cache.store(*verdicts.where, tables)
