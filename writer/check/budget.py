"""What the reviewer counts, for a writer of text that must pass it (writer render).

`writer render` keeps every draft within what `writer check` would report: a
set phrase used once, at most so many set phrases a sentence and a paragraph,
no stale or banned phrase, no sentence over the length limit, no run copied
from the bank's corpus. This is the one module through which generation asks
for those limits: ``review_budget`` reads them generically by check kind from
the loaded rules (a rule whose word list grows needs no change in render), and
``review_stamp`` says what they depend on, for a cache key. The counting that
goes with them (``PhraseSet.find``, ``DensityBudget.exempt``,
``ReviewBudget.too_long``, ``CopySource.copies``) is here too, so render never
reads a check's parameters nor re-implements how the reviewer compares text.

Render counts conservatively: a phrase occurrence overlapping another counts
too, so a sentence render admits is never one the reviewer reports.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

# Stored forms, not compiled at every render: the density rules' exemption pattern is a wide class.
from writer.check.rulecache import own_pattern
from writer.slotted import FrozenValueRecord

# Read by BankContext for the bank rules: the slogans and their document counts,
# the number of documents, the proper names, the corpus, and the user's curation.
_BANK_FILES = ("manifest.yaml", "slogans.yaml", "names.yaml", "custom.yaml", "documents.jsonl")
# No limit: a threshold of 0 in a rule file means the check does not count that unit.
_UNLIMITED = 10 ** 6
_DEFAULT_MAX_SENTENCE = 100

_CHECK_DATA = Path(__file__).resolve().parents[1] / "data" / "check"
# Bumped when what review_budget reads out of the rules changes meaning.
BUDGET_VERSION = 3


# Full-width ASCII → ASCII, as writer.check.copyindex.fold folds: a dict serves the short texts
# compared here (copyindex's 65,536-entry table, built on first use, costs a render more than
# every text it folds).
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def compared(text: str) -> str:
    """``text`` as the length and copy rules measure it: no whitespace, full-width ASCII folded."""
    return "".join(text.split()).translate(_FOLD)


# The records below are frozen value records (writer.slotted), not dataclasses: every render imports
# this module (the check's own records are made by writer.check.schema).


class PhraseSet(FrozenValueRecord):
    """Phrases the reviewer counts, and the fixed formulas inside which an occurrence does not count."""

    __slots__ = ("phrases", "within", "_scan", "_parts", "_wider", "_sizes")
    _fields = ("phrases", "within")

    def __init__(self, phrases: frozenset[str] = frozenset(), within: frozenset[str] = frozenset(),
                 parts: tuple | None = None, wider: "PhraseSet | None" = None):
        """``parts``: ``scanner_parts(phrases, within)`` when a cache kept them (not worked out again);
        ``wider``: a set of more phrases with the same formulas, whose scan this one filters."""
        object.__setattr__(self, "phrases", phrases)
        object.__setattr__(self, "within", within)
        object.__setattr__(self, "_scan", None)
        object.__setattr__(self, "_parts", parts)
        object.__setattr__(self, "_sizes", None)
        object.__setattr__(self, "_wider", wider if wider is not None and phrases <= wider.phrases
                            and within == wider.within else None)

    @property
    def _scanner(self) -> "_ClauseScanner":
        if self._scan is None:
            object.__setattr__(self, "_scan", _ClauseScanner(self.phrases, self.within, self._parts))
        return self._scan

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def find(self, text: str) -> list[str]:
        """Every occurrence in ``text`` (overlapping ones too), none inside a fixed formula.

        The occurrences are those of the text's clauses, each distinct clause's in order of
        position: callers count them, never read their order."""
        if self._wider is not None:
            # Repetition's phrases are density's and a few more, with the same formulas: an
            # occurrence of ours is one of theirs (a cut of ours never falls inside a phrase or a
            # formula), so their scan, done anyway, filtered is ours, and ours is never built.
            phrases = self.phrases
            return [p for p in self._wider.find(text) if p in phrases]
        return self._scanner.find(text)

    def occurs_in(self, text: str) -> bool:
        """Whether any phrase occurs in ``text`` (fixed formulas not considered)."""
        return self._scanner.occurs_in(text)

    def sizes(self) -> tuple:
        """The lengths of the phrases and of the formulas (what ``find_short`` tries)."""
        if self._sizes is None:
            object.__setattr__(self, "_sizes", (_lengths(self.phrases), _lengths(self.within)))
        return self._sizes

    @classmethod
    def with_sizes(cls, phrases: frozenset[str], within: frozenset[str], sizes) -> "PhraseSet":
        """A set whose ``sizes`` a cache kept (not worked out again from thousands of phrases)."""
        made = cls(phrases, within)
        object.__setattr__(made, "_sizes", (tuple(sizes[0]), tuple(sizes[1])))
        return made

    def find_short(self, text: str) -> tuple[str, ...]:
        """``find_uncut(text)`` by trying each phrase length at each place, building no index:
        for a few short texts (a clause new to a render's verdicts), where building the index of
        thousands of phrases costs more than the scan."""
        if not self.phrases:
            return ()
        sizes = self.sizes()
        hits = _tried(text, self.phrases, sizes[0])
        if hits and self.within:
            covers = _tried(text, self.within, sizes[1])
            hits = [h for h in hits if not any(a <= h[0] and h[1] <= b for a, b, _ in covers)]
        return tuple(h[2] for h in hits)

    def find_uncut(self, text: str) -> tuple[str, ...]:
        """``find(text)`` without cutting ``text`` into clauses (for a caller that cut it, at
        ``ReviewLimits.cut_marks``, and remembers each clause's occurrences)."""
        if not self.phrases:
            return ()
        if self._wider is not None:
            phrases = self.phrases
            return tuple(p for p in self._wider.find_uncut(text) if p in phrases)
        return self._scanner._clause(text)


def _lengths(phrases: frozenset[str]) -> tuple[int, ...]:
    return tuple(sorted({len(p) for p in phrases} - {0}))


def _tried(text: str, phrases: frozenset[str], lengths: tuple[int, ...]) -> list[tuple[int, int, str]]:
    """Every occurrence of ``phrases`` in ``text`` by position, then length (as _PrefixIndex.scan)."""
    end = len(text)
    return [(i, i + n, text[i:i + n]) for i in range(end) for n in lengths if i + n <= end and text[i:i + n] in phrases]


# Characters that may bound a clause: a text is cut at those of them that occur in no phrase
# and no formula of a set, so no occurrence crosses a cut and each clause is scanned once.
_CLAUSE_MARKS = " \t\n\r\u3000，。；：！？、,.;:!?（）()《》“”‘’\"'「」【】[]—…·/|-"
# Clauses remembered per phrase set: render tries the same facts in many candidate sentences.
_MAX_REMEMBERED = 100_000


class _PrefixIndex:
    """Phrases and the first characters they start with (two, or one when a phrase is that
    short): a text is scanned once, and only where it starts like a phrase are the phrases'
    lengths looked up."""

    def __init__(self, phrases: frozenset[str], parts: tuple | None = None):
        """``parts``: ``index_parts(phrases)``, kept by a cache (thousands of phrases cost a render
        milliseconds to cut into heads and lengths)."""
        self.phrases = phrases
        head, heads, lengths = parts if parts is not None else index_parts(phrases)
        self.head = head
        self.heads = frozenset(heads.split("\n")) if heads else frozenset()
        self.lengths = tuple(lengths)

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Every occurrence (overlaps included) of the phrases in ``text``, by position."""
        head, heads, phrases, end = self.head, self.heads, self.phrases, len(text)
        # A comprehension is the fastest pure-Python window scan; only the starts it keeps
        # are looked at further.
        starts = [i for i in range(end - head + 1) if text[i:i + head] in heads]
        return [(i, i + n, text[i:i + n]) for i in starts for n in self.lengths
                if i + n <= end and text[i:i + n] in phrases]


def index_parts(phrases: frozenset[str]) -> tuple[int, str, tuple[int, ...]]:
    """What a ``_PrefixIndex`` of ``phrases`` is made of, as plain data: the length of the heads
    (two, or one when a phrase is that short), the heads joined by newlines, the phrases' lengths."""
    head = min(2, min(map(len, phrases), default=1))
    return head, "\n".join(sorted({p[:head] for p in phrases})), tuple(sorted(set(map(len, phrases))))


def scanner_parts(phrases: frozenset[str], within: frozenset[str]) -> tuple:
    """What a ``_ClauseScanner`` is made of, as plain data: both prefix indexes' parts and the
    clause marks that occur in no phrase and no formula (where a text may be cut)."""
    return index_parts(phrases), index_parts(within), _marks(phrases, within)


def _marks(phrases: frozenset[str], within: frozenset[str]) -> str:
    joined = "\n".join(phrases) + "\n" + "\n".join(within)
    return "".join(sorted(m for m in set(_CLAUSE_MARKS) if m not in joined))


class _ClauseScanner:
    """``PhraseSet.find`` clause by clause, each distinct clause scanned once per process."""

    def __init__(self, phrases: frozenset[str], within: frozenset[str], parts: tuple | None = None):
        phrase_parts, within_parts, marks = parts if parts is not None else scanner_parts(phrases, within)
        self.phrases = _PrefixIndex(phrases, phrase_parts)
        self.within = _PrefixIndex(within, within_parts)
        self.cut = own_pattern(f"[{re.escape(marks)}]+").split if marks else None
        self.found: dict[str, tuple[str, ...]] = {}

    def clauses(self, text: str) -> list[str]:
        return self.cut(text) if self.cut is not None else [text]

    def _clause(self, clause: str) -> tuple[str, ...]:
        found = self.found.get(clause)
        if found is None:
            hits = self.phrases.scan(clause)
            if hits and self.within.phrases:
                covers = self.within.scan(clause)
                hits = [h for h in hits if not any(a <= h[0] and h[1] <= b for a, b, _ in covers)]
            found = tuple(h[2] for h in hits)
            if len(self.found) >= _MAX_REMEMBERED:
                self.found.clear()
            self.found[clause] = found
        return found

    def find(self, text: str) -> list[str]:
        if not self.phrases.phrases:
            return []
        found: list[str] = []
        # Counted in C first: a long text repeating its clauses costs one pass, not one lookup each.
        for clause, times in Counter(self.clauses(text)).items():
            if len(clause) >= self.phrases.head:
                hits = self._clause(clause)
                if hits:
                    found.extend(hits * times)
        return found

    def occurs_in(self, text: str) -> bool:
        if not self.phrases.phrases:
            return False
        scan = self.phrases.scan
        return any(scan(clause) for clause in set(self.clauses(text)))


_NOT_YET = object()


class DensityBudget(FrozenValueRecord):
    """A density check at warning or above: ``sentence`` distinct phrases in one sentence are
    reported, and ``paragraph`` in one paragraph; a sentence matching ``unless`` is not counted."""

    __slots__ = ("counted", "sentence", "paragraph", "unless", "_pattern")
    _fields = ("counted", "sentence", "paragraph", "unless")

    def __init__(self, counted: PhraseSet, sentence: int, paragraph: int, unless: str | None = None):
        for name, value in (("counted", counted), ("sentence", sentence), ("paragraph", paragraph),
                            ("unless", unless), ("_pattern", _NOT_YET)):
            object.__setattr__(self, name, value)

    @property
    def _unless(self) -> re.Pattern | None:
        if self._pattern is _NOT_YET:
            object.__setattr__(self, "_pattern", own_pattern(self.unless) if self.unless else None)
        return self._pattern

    def exempt(self, sentence: str) -> bool:
        """Whether the check's ``unless`` pattern lets ``sentence`` pass whatever its phrases."""
        pattern = self._unless
        return pattern is not None and pattern.search(sentence) is not None


class ReviewBudget(FrozenValueRecord):
    """What `writer check` reports at warning or above, as limits a writer can keep.

    ``repeat``: set phrases a draft may use once (slogans, idioms) and the
    formulas they do not count inside; ``banned``: phrases reported wherever
    they occur (stale formulations, worn-out bank slogans, replaced names);
    ``densities``: phrase budgets per sentence and paragraph; ``max_sentence``:
    the length limit; ``copy_chars``: the shortest run of a source the copy
    rule reports (0: no copy rule).
    """

    __slots__ = ("repeat", "banned", "densities", "max_sentence", "copy_chars")
    _fields = __slots__

    def __init__(self, repeat: PhraseSet | None = None, banned: PhraseSet | None = None,
                 densities: tuple[DensityBudget, ...] = (), max_sentence: int = _DEFAULT_MAX_SENTENCE,
                 copy_chars: int = 0):
        for name, value in (("repeat", repeat if repeat is not None else PhraseSet()),
                            ("banned", banned if banned is not None else PhraseSet()), ("densities", densities),
                            ("max_sentence", max_sentence), ("copy_chars", copy_chars)):
            object.__setattr__(self, name, value)

    def too_long(self, sentence: str) -> bool:
        """Whether the length rule reports ``sentence``."""
        # Comparing only drops whitespace and folds one character to one: never longer.
        return len(sentence) > self.max_sentence and len(compared(sentence)) > self.max_sentence

    def limits(self) -> "ReviewLimits":
        """The budget's numbers and clause marks without its phrase sets (see ReviewLimits)."""
        counted = [self.repeat] + [d.counted for d in self.densities]
        # A set counted twice (repetition's phrases are a density's) is one object: one id.
        ids = tuple(next(j for j in range(k + 1) if counted[j] is found) for k, found in enumerate(counted))
        return ReviewLimits(self.max_sentence, self.copy_chars,
                            tuple((d.sentence, d.paragraph, d.unless) for d in self.densities), ids,
                            tuple(_cut_marks(found) for found in counted), _cut_marks(self.banned))

    def to_plain(self) -> tuple:
        """The budget as plain data (for a cache); ``from_plain`` rebuilds it."""
        sets: list[str] = []

        def ref(values: frozenset[str]) -> int:
            # Phrase sets recur (a rule's phrases are another's): each is stored once.
            joined = "\n".join(sorted(values))
            if joined not in sets:
                sets.append(joined)
            return sets.index(joined)
        densities = tuple((ref(d.counted.phrases), ref(d.counted.within), d.sentence, d.paragraph, d.unless)
                          for d in self.densities)
        head = (ref(self.repeat.phrases), ref(self.repeat.within), ref(self.banned.phrases),
                densities, self.max_sentence, self.copy_chars)
        # Each scanner's heads, lengths and clause marks, worked out once for the cache.
        pairs = {(head[0], head[1]): self.repeat, (head[2], -1): self.banned}
        pairs.update(((p, w), d.counted) for (p, w, *_), d in zip(densities, self.densities))
        # (Of the sets as from_plain rebuilds them: without an empty phrase.)
        parts = tuple((pair, scanner_parts(found.phrases - {""}, found.within - {""}))
                      for pair, found in pairs.items())
        return head, _within_others(sets), parts

    @classmethod
    def from_plain(cls, data: tuple) -> "ReviewBudget":
        (repeat, within, banned, densities, max_sentence, copy_chars), stored_sets, stored = data
        sets = _sets_from_plain(stored_sets)
        parts = {tuple(pair): found for pair, found in stored}
        made: dict[tuple[int, int], PhraseSet] = {}

        def phrase_set(phrases: int, within: int) -> PhraseSet:
            # One object for a set that recurs (repetition's phrases are density's): one scan.
            if (phrases, within) not in made:
                base = stored_sets[phrases][0] if isinstance(stored_sets[phrases], (tuple, list)) else None
                wider = phrase_set(base, within) if base is not None and (base, within) in parts else None
                made[phrases, within] = PhraseSet(sets[phrases], sets[within], parts.get((phrases, within)), wider)
            return made[phrases, within]
        return cls(phrase_set(repeat, within), phrase_set(banned, -1),
                   tuple(DensityBudget(phrase_set(p, w), s, para, unless) for p, w, s, para, unless in densities),
                   max_sentence, copy_chars)


class ReviewLimits:
    """A ``ReviewBudget``'s numbers without its phrase sets, small enough to read on every render.

    The length limit, the copy rule's run, each density's (sentence, paragraph, unless); for
    each counted set (repetition's, then each density's) the index of the first one it is
    (``counted_ids``: a set counted by two checks is counted once) and the characters its
    scan may cut a text at (``cut_marks``, and ``banned_marks`` for the banned phrases): a
    phrase's occurrences in a text are those in its clauses, so what a set finds in each
    clause can be remembered and a new text made of known clauses weighed without the set.
    """

    __slots__ = ("max_sentence", "copy_chars", "densities", "counted_ids", "cut_marks", "banned_marks")

    def __init__(self, max_sentence: int, copy_chars: int, densities: tuple, counted_ids: tuple,
                 cut_marks: tuple, banned_marks: str):
        self.max_sentence, self.copy_chars = max_sentence, copy_chars
        self.densities, self.counted_ids = densities, counted_ids
        self.cut_marks, self.banned_marks = cut_marks, banned_marks

    def too_long(self, sentence: str) -> bool:
        """Whether the length rule reports ``sentence``."""
        # Comparing only drops whitespace and folds one character to one: never longer.
        return len(sentence) > self.max_sentence and len(compared(sentence)) > self.max_sentence

    def exempt(self, i: int, sentence: str) -> bool:
        """``DensityBudget.exempt`` of the ``i``-th density."""
        unless = self.densities[i][2]
        return bool(unless) and own_pattern(unless).search(sentence) is not None

    def to_plain(self) -> tuple:
        return (self.max_sentence, self.copy_chars, self.densities, self.counted_ids, self.cut_marks,
                self.banned_marks)

    @classmethod
    def from_plain(cls, data) -> "ReviewLimits":
        max_sentence, copy_chars, densities, ids, marks, banned = data
        return cls(max_sentence, copy_chars, tuple(tuple(d) for d in densities), tuple(ids), tuple(marks), banned)


def _cut_marks(found: PhraseSet) -> str:
    """The clause marks where ``found``'s scan may cut a text (as ``scanner_parts`` finds them)."""
    return _marks(found.phrases - {""}, found.within - {""})


_CUTTERS: dict[str, object] = {}


def clause_cutter(marks: str):
    """A function cutting a text at each run of ``marks`` (a set's cut marks), as its scan
    does: the text's clauses, empty ones included."""
    if not marks:
        return lambda text: [text]
    cut = _CUTTERS.get(marks)
    if cut is None:
        cut = _CUTTERS[marks] = own_pattern(f"[{re.escape(marks)}]+").split
    return cut


# A set no more than this share smaller than a larger one it lies in is stored as what it lacks.
_NARROWER = 0.1


def _within_others(sets: list[str]) -> tuple:
    """The joined phrase sets as stored: a set lying in a larger one (density's phrases are
    repetition's but a few) as (that set's index, the phrases it lacks joined), the rest as they are."""
    found = [_phrase_set(s) for s in sets]
    base: dict[int, int] = {}
    for i, mine in enumerate(found):
        wider = [j for j, other in enumerate(found)
                 if mine and mine < other and len(other) - len(mine) <= _NARROWER * len(mine)]
        if wider:
            base[i] = min(wider, key=lambda k: (len(found[k]), k))
    # A base is stored as it is: a set lying in a set lying in a third stays whole too.
    return tuple((base[i], "\n".join(sorted(found[base[i]] - found[i]))) if i in base and base[i] not in base
                 else s for i, s in enumerate(sets))


def _phrase_set(joined: str) -> frozenset[str]:
    found = frozenset(joined.split("\n"))
    return found - {""} if "" in found else found


def _sets_from_plain(stored: tuple) -> list[frozenset[str]]:
    """The phrase sets of ``_within_others``' form, and the empty set last (index -1: no formulas)."""
    sets: list = [_phrase_set(s) if isinstance(s, str) else None for s in stored]
    for i, entry in enumerate(stored):
        if sets[i] is None:
            base, lacking = entry
            sets[i] = sets[base] - _phrase_set(lacking)
    sets.append(frozenset())
    return sets


# ---------------------------------------------------------------- reading the rules

def review_budget(bank_path: str | Path) -> ReviewBudget:
    """The limits of writer check's shipped rules, with the bank at ``bank_path`` as their context
    (read by writer.check.budget_rules: only a render that rebuilds its review lists imports it)."""
    from writer.check.budget_rules import read_budget

    return read_budget(bank_path)


def review_stamp(bank_path: str | Path) -> tuple:
    """What ``review_budget`` depends on, for a cache key: the rules and word lists shipped with
    writer check (by content), the bank files its context reads, and jieba's dictionary (its
    idioms are set phrases)."""
    from writer.io.cache import run_stamp

    # run_stamp: the bank's own caches stamp the same files in this run.
    bank = tuple(run_stamp(Path(bank_path) / name) for name in _BANK_FILES)
    return (BUDGET_VERSION, _shipped_stamp(), bank)


def dictionary_stamp() -> tuple | None:
    """jieba's dictionary as a key (its idioms are set phrases): path, size and time; None without jieba."""
    from writer.check.idioms import jieba_dictionary
    from writer.io.cache import installed_stamp

    dictionary = jieba_dictionary()
    return installed_stamp(dictionary) if dictionary is not None else None


@lru_cache(maxsize=None)
def _shipped_stamp() -> tuple:
    """The stamp of what ships with writer and jieba (unchanged while a process runs)."""
    from writer.check.idioms import jieba_dictionary
    from writer.io.cache import file_stamp

    # Every rule and word list shipped with writer check (the folders writer.check.rules and
    # writer.check.wordlists read; named here so a warm render need not import the rule engine).
    data = sorted(_CHECK_DATA.glob("*/*.yaml"))
    stamps = [file_stamp(p) for p in data]
    dictionary = jieba_dictionary()
    # jieba's 5 MB dictionary belongs to an installed package: hashing it would cost every
    # render 20 ms, and any reinstall changes its size or time.
    if dictionary is not None:
        st = dictionary.stat()
        stamps.append((str(dictionary), st.st_size, st.st_mtime_ns))
    return tuple(stamps)


# ---------------------------------------------------------------- the copy rule's corpus

def copy_source(bank_path: str | Path, chars: int):
    """The corpus of the bank at ``bank_path`` for runs of ``chars`` (writer.check.budget_rules.CopySource:
    ``text``, ``separator``, ``copies(text)``); None without a corpus."""
    from writer.check.budget_rules import read_copy_source

    return read_copy_source(bank_path, chars)
