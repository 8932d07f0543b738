"""Which strings rose or fell in one year against the years before: Fightin' Words over documents.

Monroe, Colaresi and Quinn (2008), "Fightin' Words: Lexical Feature Selection
and Evaluation for Identifying the Content of Political Conflict", Political
Analysis 16(4): the log-odds ratio of a word's use in two groups, smoothed by
an informative Dirichlet prior taken from the whole corpus, divided by its
standard error, so that neither rare strings (a single report) nor frequent
ones (used everywhere, with large raw differences) win by their size alone.

Here the counts are documents, as everywhere in the per-year evidence: of the
``n`` reports of a group, ``y`` used the string, ``n - y`` did not. The prior
gives the string ``a0 * p`` pseudo-reports using it and ``a0 * (1 - p)`` not,
``p`` being its share of all reports of the corpus and ``a0`` a typical
year's reports (the median), so the prior weighs like one more year. With group 1 the year and
group 2 the years before:

    delta = log((y1 + a) / (n1 - y1 + b)) - log((y2 + a) / (n2 - y2 + b))
    var   = 1/(y1 + a) + 1/(n1 - y1 + b) + 1/(y2 + a) + 1/(n2 - y2 + b)
    z     = delta / sqrt(var)

(Monroe et al.'s variance keeps only the two ``1/(y + a)`` terms, the rest
of a word count being large; with documents the "did not" cells are of the
same size as the "did", so all four cells of the 2×2 table count.)
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from writer.bank.years import YearUse

_EDGE = 1e-6


@dataclass(frozen=True)
class Contrast:
    """A string's use in the focus year against the base years, and its z-score (positive: rose)."""

    use: YearUse
    focus_docs: int
    focus_total: int
    base_docs: int
    base_total: int
    delta: float
    z: float


def log_odds_z(focus: tuple[int, int], base: tuple[int, int], share: float,
               prior: float) -> tuple[float, float]:
    """(delta, z) for ``focus`` = (docs using, docs) against ``base``, with the corpus share ``share`` as prior."""
    share = min(max(share, _EDGE), 1.0 - _EDGE)  # a string in no report, or in all: the logs stay finite
    a = prior * share
    b = prior * (1.0 - share)
    (y1, n1), (y2, n2) = focus, base
    delta = math.log((y1 + a) / (n1 - y1 + b)) - math.log((y2 + a) / (n2 - y2 + b))
    var = 1 / (y1 + a) + 1 / (n1 - y1 + b) + 1 / (y2 + a) + 1 / (n2 - y2 + b)
    return delta, delta / math.sqrt(var)


def prior_weight(totals: dict[int, int]) -> float:
    """The prior's weight in pseudo-reports: a typical year's reports (the median over the years with any),
    so that the prior counts like one more year of the corpus, whatever its size."""
    counts = [n for n in totals.values() if n]
    return float(statistics.median(counts)) if counts else 1.0


def row_contrasts(rows: Iterable[tuple[str, Sequence[int]]], years: list[int], totals: dict[int, int],
                  year: int, base_years: list[int], prior: float | None = None
                  ) -> Iterator[tuple[float, float, str, Sequence[int], int, int]]:
    """(z, delta, text, row, focus docs, base docs) of every row used in ``year`` or ``base_years``.

    ``rows``: (string, its documents per year in ``years`` order), the way the reference stores
    them, so that ranking a million strings builds no object per string. ``totals``: reports per
    year; ``prior``: the prior's weight, by default ``prior_weight(totals)``.
    """
    prior = prior_weight(totals) if prior is None else prior
    corpus = sum(totals.values())
    focus_total = totals.get(year, 0)
    base_total = sum(totals.get(y, 0) for y in base_years)
    if not corpus or not focus_total or not base_total or year not in years:
        return
    focus = years.index(year)
    base = [years.index(y) for y in base_years if y in years]
    for text, row in rows:
        y1 = row[focus]
        y2 = sum(row[i] for i in base)
        if not y1 and not y2:
            continue
        delta, z = log_odds_z((y1, focus_total), (y2, base_total), sum(row) / corpus, prior)
        yield z, delta, text, row, y1, y2


def contrasts(uses: Iterable[YearUse], totals: dict[int, int], year: int, base_years: list[int],
              prior: float | None = None) -> Iterator[Contrast]:
    """The contrast of every string used in ``year`` or ``base_years`` (see ``row_contrasts``)."""
    years = sorted(totals)
    rows = ((use, [use.docs.get(y, 0) for y in years]) for use in uses)
    focus_total = totals.get(year, 0)
    base_total = sum(totals.get(y, 0) for y in base_years)
    for z, delta, use, _, y1, y2 in row_contrasts(rows, years, totals, year, base_years, prior):
        yield Contrast(use, y1, focus_total, y2, base_total, delta, z)
