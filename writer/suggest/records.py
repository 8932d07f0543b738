"""One suggestion: its text, kind, where it came from (mined or generated) and its score."""

from __future__ import annotations

from writer.slotted import ValueRecord

MINED = "mined"
GENERATED = "generated"
REFERENCE = "reference"          # verbatim from the shipped reference bank (writer.bank.reference_headings)
PEAK_MIN_REPORTS = 10            # a year with fewer reports in all cannot be a result's peak (one report: 100%)


_FIELDS = ("text", "kind", "origin", "source", "year", "pattern", "from_heading", "lines", "score", "theme",
           "parts", "years")


class Suggestion(ValueRecord):
    """One result: its text, what kind it is, where it came from, and its score.

    A plain class with what ``@dataclass`` would give it (keyword or positional fields, equality
    field by field, the same repr, unhashable): a cold `writer suggest` imports it on every run,
    and making a dataclass costs a millisecond there.
    """

    __slots__ = _FIELDS
    _fields = _FIELDS   # mutable (the ranking sets ``score``), compared by value: as a dataclass

    def __init__(self, text: str, kind: str, origin: str, source: str | None = None, year: int | None = None,
                 pattern: str | None = None, from_heading: str | None = None, lines: list[str] | None = None,
                 score: float = 0.0, theme: str | None = None, parts: tuple[str, ...] = (),
                 years: tuple[int, int, int, int] | None = None):
        self.text = text
        self.kind = kind
        self.origin = origin            # "mined", "generated" or "reference"
        self.source = source            # mined: the source document's title; generated passages: the template's source
        self.year = year
        self.pattern = pattern          # generated: the pattern or template filled
        self.from_heading = from_heading  # generated headings: the mined heading behind the pattern
        self.lines = [] if lines is None else lines
        self.score = score
        self.theme = theme              # generated headings: the section theme that steered it
        self.parts = parts              # assembled passages: roles of the bank pieces used (couplet, review)
        # The years it was used: (first year, peak year, last year, documents using it), from the
        # user's bank (its source documents) or the reference (its reports); None when unknown.
        self.years = years

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "origin": self.origin,
                "source": self.source, "year": self.year, "pattern": self.pattern,
                "from_heading": self.from_heading, "lines": self.lines or [self.text],
                "theme": self.theme, "score": self.score, **years_dict(self.years)}


def as_row(s: Suggestion) -> tuple:
    """A suggestion as plain data (for writer.io.cache: the remembered answers and pools)."""
    return (s.text, s.kind, s.origin, s.source, s.year, s.pattern, s.from_heading, list(s.lines),
            s.score, s.theme, tuple(s.parts), s.years)


def from_row(row) -> Suggestion:
    """The suggestion ``as_row`` stored."""
    text, kind, origin, source, year, pattern, from_heading, lines, score, theme, parts, years = row
    return Suggestion(text, kind, origin, source, year, pattern, from_heading, list(lines), score, theme,
                      tuple(parts), tuple(years) if years is not None else None)


def years_dict(years: tuple[int, int, int, int] | None) -> dict:
    """The years of a result as JSON fields (null when unknown)."""
    first, peak, last, docs = years or (None, None, None, None)
    return {"first_year": first, "peak_year": peak, "last_year": last, "documents": docs}


def years_of(use, since: int | None = None) -> tuple[int, int, int, int] | None:
    """(first, peak, last year, documents) of a writer.bank.years.YearUse, counting only the years from
    ``since`` on; None when it was not used then. The peak is the year of the highest share among the
    years with PEAK_MIN_REPORTS documents or more (when there are any)."""
    docs = {y: n for y, n in use.docs.items() if n and (since is None or y >= since)}
    if not docs:
        return None
    solid = [y for y in docs if use.totals.get(y, 0) >= PEAK_MIN_REPORTS] or list(docs)
    peak = max(sorted(solid), key=lambda y: (use.share(y), -y))
    return min(docs), peak, max(docs), sum(docs.values())


def one_year(year: int | None, since: int | None = None) -> tuple[int, int, int, int] | None:
    """The years of a result from one dated document (a mined heading, a template)."""
    if year is None or (since is not None and year < since):
        return None
    return year, year, year, 1


def nothing_found(topic: str, label: str) -> str:
    """The one line `writer suggest` prints when it has nothing: why, and what to try instead."""
    from writer.bank.lexicon import load_lexicon

    if load_lexicon().topic(topic).known:
        return f"没有找到与“{topic}”相关的{label}。"
    return (f"主题词表里没有“{topic}”，素材库里也没有写它的{label}：没有给出不相干的通用结果；"
            f"可换一个相近的主题（如 科技、教育），或先用 writer mine 把写它的综述加进素材库。")
