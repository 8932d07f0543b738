"""The set phrases and wording a draft has used so far, kept within what the reviewer counts.

writer check reports a set phrase used twice, four in one sentence, three
empty phrases in a sentence with nothing concrete, a worn or stale phrase, a
sentence too long, a run copied from a source. The draft is built piece by
piece (lead, openers, lead-ins, conclusions, closing); each piece of the
tool's own wording is admitted only if, counted conservatively (overlapping
occurrences too), none of that would follow. The limits and the counting are
the reviewer's (writer.check.budget); this module keeps the tally.
"""

from __future__ import annotations

import re

from writer.check.budget import ReviewBudget, ReviewLimits, clause_cutter, compared

# Characters that are never part of a set phrase: a masked slot value.
MASK = "\u3000"
_CJK_RUN = r"[\u3400-\u9fff]{4,}"
# Literals up to this long are cut into runs in Python: compiling the wide character class above
# costs a fresh render about 2 ms, more than cutting every short literal it weighs.
_SHORT = 512


class Verdicts:
    """What the reviewer's phrase sets found in each clause a draft weighed, by table: a counted
    set's (``clauses:<id>``), the banned phrases' (``clauses:banned``). The same frames, facts
    and headings recur, cut into the same clauses, in every draft of a bank: writer.render.review
    keeps the tables between runs, under the review lists' key, so a draft whose clauses were
    all weighed before never builds the phrase sets at all."""

    __slots__ = ("tables", "sizes", "where")

    def __init__(self, tables: dict | None = None):
        self.tables: dict[str, dict] = tables if tables is not None else {}
        self.sizes = {name: len(table) for name, table in self.tables.items()}
        self.where: tuple | None = None   # (cache file, key) when they are kept between drafts

    def table(self, name: str) -> dict:
        return self.tables.setdefault(name, {})

    def grown(self) -> bool:
        """Whether a clause was weighed that the tables did not hold when they were read."""
        return any(len(table) != self.sizes.get(name, 0) for name, table in self.tables.items())


class ReviewLists:
    """The reviewer's budget for a bank, and what of the bank's and genre's text it would report.

    ``copied``: bank and genre text holding a run the copy rule would report;
    ``contexts``: borrowed text → (length of its first literal part, corpus text
    before it, length of its last literal part, corpus text after it);
    ``limits``: the budget's numbers (writer.check.budget.ReviewLimits); ``verdicts``:
    what the budget's counting said of texts weighed before. The budget itself (thousands
    of phrases) is made only when a text is weighed that the verdicts do not hold: by
    ``load_budget`` when given, else it is ``budget``.
    (A plain class, not a dataclass: every render imports it, see writer.render.draft.)
    """

    __slots__ = ("_budget", "_load_budget", "copied", "contexts", "limits", "verdicts", "load_set", "_sets")

    def __init__(self, budget: ReviewBudget | None = None, copied: frozenset[str] = frozenset(),
                 contexts: dict[str, tuple[int, list[str], int, list[str]]] | None = None,
                 limits: ReviewLimits | None = None, load_budget=None, verdicts: Verdicts | None = None):
        if budget is None and load_budget is None:
            budget = ReviewBudget()
        self._budget, self._load_budget = budget, load_budget
        self.copied = copied
        self.contexts = contexts if contexts is not None else {}
        self.limits = limits if limits is not None else self.budget.limits()
        self.verdicts = verdicts if verdicts is not None else Verdicts()
        # ``load_set(k)``: the k-th counted set alone (None: the banned phrases), or None; read
        # for a few new clauses instead of the whole budget.
        self.load_set = None
        self._sets: dict = {}

    def scan(self, k: int | None, clause: str):
        """What the ``k``-th counted set (None: the banned phrases) finds in ``clause``."""
        if self._budget is None and self.load_set is not None:
            if k not in self._sets:
                self._sets[k] = self.load_set(k)
            found = self._sets[k]
            if found is not None:
                return found.find_short(clause)
        budget = self.budget
        found = budget.banned if k is None else budget.repeat if k == 0 else budget.densities[k - 1].counted
        return found.find_uncut(clause)

    @property
    def budget(self) -> ReviewBudget:
        if self._budget is None:
            self._budget = self._load_budget()
        return self._budget

    def with_contexts(self, contexts: dict) -> "ReviewLists":
        """The same lists with the corpus contexts of more borrowed text."""
        lists = ReviewLists(self._budget, self.copied, {**self.contexts, **contexts}, self.limits,
                            self._load_budget, self.verdicts)
        lists.load_set, lists._sets = self.load_set, self._sets
        return lists


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    k = 0
    while k < n and a[k] == b[k]:
        k += 1
    return k


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    k = 0
    while k < n and a[-1 - k] == b[-1 - k]:
        k += 1
    return k


def windows(literal: str) -> set[str]:
    """Four-character runs of Chinese in ``literal`` (the tool's own wording)."""
    if len(literal) <= _SHORT:
        out: set[str] = set()
        run = 0
        for end, char in enumerate(literal, 1):
            run = run + 1 if "\u3400" <= char <= "\u9fff" else 0
            if run >= 4:
                out.add(literal[end - 4:end])
        return out
    out = set()
    for run in set(re.findall(_CJK_RUN, literal)):  # a run repeated in a long fact is cut once
        out.update([run[i:i + 4] for i in range(len(run) - 3)])
    return out


class PhraseLedger:
    """The set phrases and wording a draft has used so far (see the module docstring).

    Phrases in the writer's own strings (facts, goals, given headings) are
    reserved from the start: the tool never echoes them. Beyond the
    reviewer's lists, no piece may repeat a four-character run of an earlier
    piece's wording (``echo``), a softer rule that keeps a draft from saying
    压实责任 twice.
    """

    def __init__(self, lists: ReviewLists, user_texts=()):
        self.lists = lists
        self.budget = lists.limits
        # What each counted set finds in a text, remembered (and kept between drafts, see
        # Verdicts): the same pieces are tried often. A set counted by two checks (repetition's
        # phrases are a density's) shares one table.
        verdicts, ids = lists.verdicts, self.budget.counted_ids
        self._found: list[dict[str, list[str]]] = [{} for _ in ids]
        self._found = [self._found[i] for i in ids]
        self._clauses = [verdicts.table(f"clauses:{i}") for i in ids]
        self._cuts = [clause_cutter(marks) for marks in self.budget.cut_marks]
        self._banned_clauses = verdicts.table("clauses:banned")
        self._banned_cut = clause_cutter(self.budget.banned_marks)
        # The same literals and sentences are weighed again and again (each reading of each frame):
        # what does not depend on the draft so far is worked out once per text.
        self._banned: dict[str, bool] = {}
        self._windows: dict[str, frozenset[str]] = {}
        self._exempt: list[dict[str, bool]] = [{} for _ in self.budget.densities]
        self.reserved: set[str] = set()
        self.used: set[str] = set()
        # The writer's own wording is not to be echoed either.
        self.echo: set[str] = set()
        for text in user_texts:
            if text:
                self.reserved.update(self.phrases(text))
                self.echo |= windows(text)
        self._paragraph: list[set[str]] = [set() for _ in self.budget.densities]
        # The copy rule reads runs across sentences of a paragraph: what the paragraph
        # holds so far, and how the source went on after a borrowed sentence just placed.
        self._para_text = ""
        self._open_run: tuple[int, list[str]] | None = None

    def add_contexts(self, contexts: dict) -> None:
        """Corpus contexts of more borrowed text (the generated sentence pool's)."""
        if contexts:
            self.lists = self.lists.with_contexts(contexts)

    # -- counting
    def _find(self, k: int, text: str) -> list[str]:
        found = self._found[k].get(text)
        if found is None:
            found = self._found[k][text] = self._by_clause(self._cuts[k](text), self._clauses[k], k)
        return found

    def _by_clause(self, clauses: list[str], table: dict, k: int) -> list[str]:
        """What the ``k``-th counted set finds in a text cut into ``clauses``, clause by clause
        through ``table``: a set's occurrences never cross its cuts."""
        found: list[str] = []
        for clause in clauses:
            if clause:
                hits = table.get(clause)
                if hits is None:
                    hits = table[clause] = self.lists.scan(k, clause)
                if hits:
                    found.extend(hits)
        return found

    def _banned_clause(self, clause: str) -> bool:
        found = self._banned_clauses.get(clause)
        if found is None:
            found = self._banned_clauses[clause] = bool(self.lists.scan(None, clause))
        return found

    def phrases(self, text: str) -> list[str]:
        """Occurrences of set phrases in ``text`` (none inside a fixed formula)."""
        return self._find(0, text)

    def _density_hits(self, i: int, text: str) -> set[str]:
        return set(self._find(i + 1, text))

    windows = staticmethod(windows)

    def cost(self, literal: str) -> tuple[int, int]:
        """(hard, soft) faults of adding ``literal``, the tool's own wording (slot values masked).

        Hard: a set phrase already used or reserved, used twice within, or banned;
        soft: four-character runs it shares with earlier wording.
        """
        found = self.phrases(literal)
        hard = len(found) - len(set(found))
        hard += len(set(found) & (self.used | self.reserved))
        hard += self._banned_in(literal)
        soft = len(self._windows_of(literal) & self.echo)
        return hard, soft

    def _banned_in(self, literal: str) -> bool:
        banned = self._banned.get(literal)
        if banned is None:
            banned = self._banned[literal] = any(self._banned_clause(c) for c in set(self._banned_cut(literal)) if c)
        return banned

    def _windows_of(self, literal: str) -> frozenset[str]:
        found = self._windows.get(literal)
        if found is None:
            found = self._windows[literal] = frozenset(windows(literal))
        return found

    def take(self, literal: str) -> None:
        """Record ``literal`` as used."""
        self.used.update(self.phrases(literal))
        self.echo |= self._windows_of(literal)

    # -- sentences and paragraphs
    def sentence_fits(self, sentence: str, literal: str = "", limit_length: bool = True) -> bool:
        """Whether ``sentence`` (the real text) stays within every density budget and the length
        limit, and does not run on from a borrowed sentence as its source did.

        ``literal`` is the tool's own wording in it: when the writer's text
        alone already exceeds a budget, the sentence fits only if ours adds nothing.
        """
        return self.sentence_faults(sentence, literal, limit_length) == (0, 0)

    def sentence_faults(self, sentence: str, literal: str = "",
                        limit_length: bool = True) -> tuple[int, int]:
        """(budget faults, 1 if too long): see ``sentence_fits``."""
        too_long = int(limit_length and self.budget.too_long(sentence))
        faults = int(self._runs_on(sentence))
        for i, (per_sentence, per_paragraph, _) in enumerate(self.budget.densities):
            if self._exempt_from(i, sentence):
                continue
            ours = self._density_hits(i, literal) if literal else []
            if not ours:
                continue
            hits = self._density_hits(i, sentence)
            if len(hits) >= per_sentence:
                faults += 1
            if len(self._paragraph[i] | hits) >= per_paragraph:
                faults += 1
        return faults, too_long

    def _exempt_from(self, i: int, sentence: str) -> bool:
        exempt = self._exempt[i].get(sentence)
        if exempt is None:
            exempt = self._exempt[i][sentence] = self.budget.exempt(i, sentence)
        return exempt

    def _runs_on(self, sentence: str) -> bool:
        """Whether ``sentence`` continues the borrowed sentence before it as its source did."""
        if self._open_run is None or not self.budget.copy_chars:
            return False
        length, afters = self._open_run
        start = compared(sentence)
        return any(length + _common_prefix(start, after) >= self.budget.copy_chars for after in afters)

    def borrowed_fits(self, key: str) -> bool:
        """Whether the borrowed text ``key`` (a bank sentence) may follow the paragraph so far
        without the two reading as one run of its source."""
        if key in self.lists.copied:
            return False
        context = self.lists.contexts.get(key)
        if context is None or not self._para_text or not self.budget.copy_chars:
            return True
        head, befores, _, _ = context
        return not any(head + _common_suffix(self._para_text, before) >= self.budget.copy_chars
                       for before in befores)

    def commit_sentence(self, sentence: str, borrowed: str | None = None) -> None:
        """Count ``sentence`` into the current paragraph's budgets; ``borrowed``: the bank
        text it is (so the next sentence does not continue its source)."""
        for i in range(len(self.budget.densities)):
            if not self._exempt_from(i, sentence):
                self._paragraph[i] |= self._density_hits(i, sentence)
        self._open_run = None
        context = self.lists.contexts.get(borrowed) if borrowed else None
        if context is not None:
            head, befores, tail, afters = context
            # A sentence without slots carries on whatever run led into it.
            if "{" not in borrowed and self._para_text:
                tail += max((_common_suffix(self._para_text, b) for b in befores), default=0)
            self._open_run = (tail, afters)
        self._para_text += compared(sentence)

    def new_paragraph(self) -> None:
        self._paragraph = [set() for _ in self.budget.densities]
        self._para_text = ""
        self._open_run = None

    def choose(self, options, build=lambda o: (o, o), required: bool = False,
               limit_length: bool = True, borrowed=None):
        """The first of ``options`` (already in seeded order) the draft can take, or None.

        ``build(option)`` gives (sentence, literal): the real sentence the option
        makes and the tool's own wording in it (None: the option cannot be used).
        An option the copy rule would report, with a hard fault, or making a
        sentence over budget is not taken; among the rest the first without
        echo wins, else the one with the least. ``required``: when nothing
        qualifies, the option with the fewest faults rather than None.
        ``borrowed(option)``: the bank text an option is, for the copy rule.
        """
        best = None
        fallback = None
        for option in options:
            built = self._buildable(option, build, borrowed)
            if built is None:
                continue
            sentence, literal = built
            hard, soft = self.cost(literal)
            over, too_long = self.sentence_faults(sentence, literal, limit_length)
            if required and (fallback is None or (hard + over, too_long, soft) < fallback[0]):
                fallback = ((hard + over, too_long, soft), option)
            if hard or over or too_long:
                continue
            if soft == 0:
                return option
            if best is None or soft < best[0]:
                best = (soft, option)
        if best is not None:
            return best[1]
        return fallback[1] if fallback is not None else None

    def fits(self, option, build) -> bool:
        """Whether ``option`` is one ``choose`` would take at once: buildable, no fault, no echo."""
        built = self._buildable(option, build, None)
        return built is not None and self.cost(built[1]) == (0, 0) and \
            self.sentence_faults(built[0], built[1]) == (0, 0)

    def _buildable(self, option, build, borrowed) -> tuple[str, str] | None:
        """(sentence, literal) of ``option``, or None when the copy rule or ``build`` rules it out."""
        key = borrowed(option) if borrowed is not None else None
        if key is not None and not self.borrowed_fits(key):
            return None
        if isinstance(option, str) and option in self.lists.copied:
            return None
        return build(option)
