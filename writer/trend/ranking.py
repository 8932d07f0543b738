"""``writer trend --new YEAR`` / ``--fading YEAR``: the formulations that rose or fell most that year.

Every candidate of the evidence is scored by writer.trend.fightin (the year
against the ``window`` years before it); those whose change could be chance
(|z| < 1.96) are left out, and the best of the rest are kept unless they are
no formulation of their own:

- a number, year or date (a digit, or nothing but numerals and date words);
- a string holding a place of the gazetteer (any level, full or short form);
- a fragment: a string inside a longer candidate that has nearly the same
  counts in the year and in the years before (most of its uses are that
  longer string's), the longer one standing for both.
"""

from __future__ import annotations

import heapq
import re

from writer.trend.errors import TrendYearError
from writer.trend.fightin import Contrast, contrasts
from writer.trend.history import Trend, with_first_reports
from writer.zh import CN_NUMERAL_CHARS, has_digit

DEFAULT_WINDOW = 3
POOL = 3000               # candidates kept before filtering: fragments sit next to their longer string
MIN_Z = 1.96              # below this the change could be chance (two-sided 5%): not listed
NEAR = 0.8                # "nearly the same counts": the longer string has at least this share of each count
_NUMERIC = re.compile(f"[{CN_NUMERAL_CHARS}〇年月日号届期次个项第分之点余多几倍%．.]+")


def base_years(totals: dict[int, int], year: int, window: int) -> list[int]:
    """The years ``year`` is compared with: the ``window`` years before it with reports (0: all before)."""
    years = sorted(totals)
    if year not in totals:
        span = f"{years[0]}—{years[-1]}" if years else "无"
        raise TrendYearError(f"{year} 年不在数据之中（数据覆盖 {span} 年）", key=str(year))
    before = [y for y in years if y < year and (not window or y >= year - window)]
    if not before:
        raise TrendYearError(f"{year} 年之前没有可比的年份（数据从 {years[0]} 年起）", key=str(year))
    return before


def is_numeric(text: str) -> bool:
    """A number, year or date: any digit, or only numerals, date words and units."""
    return has_digit(text) or _NUMERIC.fullmatch(text) is not None


def holds_place(text: str, places: frozenset[str]) -> bool:
    """Whether a substring of ``text`` (two characters or more) is a place name of ``places``."""
    size = len(text)
    return any(text[i:j] in places for i in range(size - 1) for j in range(i + 2, size + 1))


def _fragments(pool: list[Contrast]) -> set[str]:
    """The strings of ``pool`` whose counts a longer string of the pool nearly matches."""
    containers: dict[str, list[Contrast]] = {}
    for c in pool:
        text = c.use.text
        for i in range(len(text)):
            for j in range(i + 1, len(text) + 1):
                if j - i < len(text):
                    containers.setdefault(text[i:j], []).append(c)
    dropped = set()
    for c in pool:
        for longer in containers.get(c.use.text, ()):
            if longer.focus_docs >= NEAR * c.focus_docs and longer.base_docs >= NEAR * c.base_docs:
                dropped.add(c.use.text)
                break
    return dropped


def rank(evidence, year: int, fading: bool = False, n: int = 30, window: int = DEFAULT_WINDOW) -> list[Trend]:
    """The ``n`` formulations that rose (``fading``: fell) most in ``year``, best first, with their z-score."""
    from writer.bank.gazetteer import load_gazetteer

    if n < 1:
        return []
    before = base_years(evidence.totals, year, window)
    sign = -1.0 if fading else 1.0
    places = load_gazetteer().free
    scored = (c for c in contrasts(evidence.candidates(), evidence.totals, year, before) if sign * c.z >= MIN_Z)
    pool = heapq.nlargest(POOL, (c for c in scored if not is_numeric(c.use.text)),
                          key=lambda c: (sign * c.z, c.use.text))
    pool = [c for c in pool if not holds_place(c.use.text, places)]
    dropped = _fragments(pool)
    kept = [c for c in pool if c.use.text not in dropped][:n]
    return [with_first_reports(c.use.text, c.use, evidence, score=c.z) for c in kept]
