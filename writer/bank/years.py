"""How many documents of each year used a phrase: the per-year evidence behind ``writer trend``.

A ``YearUse`` is the evidence for one string; a ``YearTable`` holds it for many
strings over one corpus. Shares, not raw counts, decide the peak, so that years
with more reports in the corpus do not weigh more. The reference bank's on-disk
index and a user's own bank both answer with these records; the trend command,
the ``dated`` check rule and suggest's years read nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from writer.slotted import FrozenValueRecord

# A year with fewer reports in the corpus than this cannot be a peak while a larger year used the string:
# one report of 1984 holding a term is 100% of that year, and says nothing about the term's heyday.
PEAK_MIN_REPORTS = 10


class YearUse(FrozenValueRecord):
    """One string's use: ``docs[year]`` of the ``totals[year]`` documents of that year held it.

    Immutable, compared by value, with a dataclass's repr: a plain class, since suggest's cold
    start imports it and making a (frozen) dataclass costs a millisecond.
    """

    __slots__ = ("text", "docs", "totals")
    _fields = __slots__

    def __init__(self, text: str, docs: Mapping[int, int], totals: Mapping[int, int]):
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "docs", docs)
        object.__setattr__(self, "totals", totals)

    def share(self, year: int) -> float:
        total = self.totals.get(year, 0)
        return self.docs.get(year, 0) / total if total else 0.0

    def shares(self) -> dict[int, float]:
        """Every year the corpus has documents for, in order, with the share using the string."""
        return {year: self.share(year) for year in sorted(self.totals)}

    @property
    def reports(self) -> int:
        return sum(self.docs.values())

    @property
    def first_year(self) -> int | None:
        used = [year for year, n in self.docs.items() if n]
        return min(used) if used else None

    @property
    def last_year(self) -> int | None:
        used = [year for year, n in self.docs.items() if n]
        return max(used) if used else None

    @property
    def peak_year(self) -> int | None:
        """The year of the highest share; the earliest such year on a tie.

        Only years of at least ``PEAK_MIN_REPORTS`` reports count when the string was used in one;
        otherwise (a small corpus) every year does.
        """
        used = sorted(year for year, n in self.docs.items() if n)
        if not used:
            return None
        solid = [year for year in used if self.totals.get(year, 0) >= PEAK_MIN_REPORTS] or used
        return max(solid, key=lambda year: (self.share(year), -year))


class YearTable:
    """Per-year document counts for many strings over one corpus (``totals``: documents per year)."""

    def __init__(self, totals: Mapping[int, int], counts: Mapping[str, Mapping[int, int]]):
        self.totals = dict(sorted(totals.items()))
        self._counts = counts

    def lookup(self, text: str) -> YearUse | None:
        docs = self._counts.get(text)
        if not docs:
            return None
        return YearUse(text, dict(sorted(docs.items())), self.totals)

    def __iter__(self) -> Iterator[YearUse]:
        for text in sorted(self._counts):
            found = self.lookup(text)
            if found is not None:
                yield found

    def __len__(self) -> int:
        return len(self._counts)


def count_by_year(years: Iterable[int | None]) -> dict[int, int]:
    """Documents per year from the years of the documents that hold a string (``None``: undated, not counted)."""
    counted: dict[int, int] = {}
    for year in years:
        if year is not None:
            counted[year] = counted.get(year, 0) + 1
    return dict(sorted(counted.items()))
