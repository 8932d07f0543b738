"""The records of heading generation: a mined heading read as tokens and clause readings, and a result.

Internal records are plain tuples (cheap to create, and marshal-able for the
compiled template cache): a token is (text, slot letter or None, length); a
clause reading is (kind "vo"/"sp", adverb, lead, noun-phrase tokens).
"""

from __future__ import annotations

from writer.slotted import ValueRecord

# What separates the clauses of a heading line (full-width and ASCII).
SEPARATORS = "，,、；;：: 　"


_HEADING_FIELDS = ("text", "lines", "pattern", "origin", "theme", "lead", "adverb")


class GeneratedHeading(ValueRecord):
    """A heading made by filling a bank pattern: its lines, the pattern and the mined heading behind it.

    A plain class with a dataclass's constructor, equality and repr (unhashable, as one): suggest's
    cold start imports it, and making a dataclass costs a millisecond.
    """

    __slots__ = _HEADING_FIELDS
    _fields = _HEADING_FIELDS

    def __init__(self, text: str, lines: list[str], pattern: str, origin: str, theme: str | None = None,
                 lead: str = "", adverb: str = ""):
        self.text = text          # one line; a pair's two lines joined with " / " (as bank headings are)
        self.lines = lines        # 1 line for single and triple (three clauses), 2 for pair
        self.pattern = pattern    # the bank pattern it came from
        self.origin = origin      # the mined heading it came from (text)
        self.theme = theme
        self.lead = lead          # the leading verb (or predicate) of its first clause
        self.adverb = adverb      # the adverb before that verb, if any


class Tok(tuple):
    """One token of a mined heading: a literal frame word or a slot with its original word."""

    __slots__ = ()

    def __new__(cls, text: str, slot: str | None = None, length: int = 0):
        return tuple.__new__(cls, (text, slot, length))

    text = property(lambda self: self[0])
    slot = property(lambda self: self[1])      # "N", "V", "A"…; None for literal text
    length = property(lambda self: self[2])


class ClauseFrame(tuple):
    """One way to read a clause: verb-object ("vo") or subject-predicate ("sp"), with its regions."""

    __slots__ = ()

    def __new__(cls, kind: str, adverb: str, lead: str, np):
        toks = tuple(Tok(*t) for t in np)
        size = sum(t[2] if t[1] is not None else len(t[0]) for t in toks)
        return tuple.__new__(cls, (kind, adverb, lead, toks, size))

    kind = property(lambda self: self[0])
    adverb = property(lambda self: self[1])    # original adverb ("" when none)
    lead = property(lambda self: self[2])      # original verb (vo) or predicate (sp)
    np = property(lambda self: self[3])        # the noun-phrase region a new noun phrase aligns to
    # How many characters a noun phrase filling ``np`` has (literals as written, slots by length):
    # a phrase of another length cannot align, so generation skips it before any lookup.
    np_length = property(lambda self: self[4])


class LineTemplate:
    """A heading line: its clauses (each with the readings found) and the separators between them."""

    __slots__ = ("clauses", "separators")

    def __init__(self, clauses: list[list[ClauseFrame]], separators: list[str]):
        self.clauses = clauses
        self.separators = separators


class HeadingTemplate:
    """A usable bank heading: its lines as templates, the pattern and the mined text.

    Read from the compiled cache, a template keeps its plain tuples and builds its
    line objects only when filled: a large bank has hundreds of templates and a
    run fills a few dozen.
    """

    __slots__ = ("_lines", "_plain", "pattern", "origin", "shape")

    def __init__(self, lines: list[LineTemplate] | None, pattern: str, origin: str, shape: str,
                 plain=None):
        self._lines = lines
        self._plain = plain
        self.pattern = pattern
        self.origin = origin
        self.shape = shape

    @property
    def lines(self) -> list[LineTemplate]:
        if self._lines is None:
            self._lines = [LineTemplate([[ClauseFrame(*f) for f in c] for c in clauses], list(seps))
                           for clauses, seps in self._plain]
        return self._lines

    @property
    def n_lines(self) -> int:
        return len(self._plain) if self._lines is None else len(self._lines)

    def n_clauses(self, line: int) -> int:
        return len(self._plain[line][0]) if self._lines is None else len(self._lines[line].clauses)

    def first_kinds(self, line: int) -> set[str]:
        """The readings (vo/sp) of a line's first clause."""
        if self._lines is None:
            return {f[0] for f in self._plain[line][0][0]}
        return {f.kind for f in self._lines[line].clauses[0]}

    def to_plain(self) -> tuple:
        """Plain tuples for the compiled cache."""
        return ([([tuple((f[0], f[1], f[2], tuple(tuple(t) for t in f[3])) for f in c)
                   for c in line.clauses], list(line.separators)) for line in self.lines],
                self.pattern, self.origin, self.shape)

    @classmethod
    def from_plain(cls, data) -> "HeadingTemplate":
        lines, pattern, origin, shape = data
        return cls(None, pattern, origin, shape, plain=lines)


def style_of(t: HeadingTemplate) -> str:
    """single (one line of one or two clauses), pair (two lines) or triple (one line of three clauses)."""
    if t.n_lines == 2:
        return "pair"
    if t.n_lines == 1 and t.n_clauses(0) == 3:
        return "triple"
    return "single"
