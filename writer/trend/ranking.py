"""``writer trend --new YEAR`` / ``--fading YEAR``: the formulations that rose or fell most that year.

Every candidate of the evidence is scored by writer.trend.fightin (the year
against the ``window`` years before it); those whose change could be chance
(|z| < 1.96) are left out, and the best of the rest are kept unless they are
no formulation of their own:

- a number, year, date or span of time (a digit, or nothing but numerals,
  date units and the time words of data/trend/filters.yaml: 过去五年);
- a string that starts or ends with a function word (data/trend/filters.yaml):
  a piece cut out of a clause (的关键一年, 扩大内需和);
- a string holding a place of the gazetteer (any level, full or short form);
- a common two-character word (jieba's dictionary gives it a frequency of
  ``COMMON_WORD`` or more: 伟大, 胜利, 冲击): vocabulary, not a formulation;
- a fragment: a string inside a longer candidate that has nearly the same
  counts in the year and in the years before (most of its uses are that
  longer string's), the longer one standing for both.
"""

from __future__ import annotations

import heapq
import re

from writer.trend.errors import TrendYearError
from writer.bank.years import YearUse
from writer.trend.fightin import Contrast, row_contrasts
from writer.trend.history import Trend, with_first_reports
from writer.zh import CN_NUMERAL_CHARS, has_digit, parse_cn_numeral

DEFAULT_WINDOW = 3
POOL = 3000               # candidates kept before filtering: fragments sit next to their longer string
MIN_Z = 1.96              # below this the change could be chance (two-sided 5%): not listed
NEAR = 0.75               # "nearly the same count": the longer string has at least this share of the one that moved
FILTERS_FILE = "trend/filters.yaml"
# jieba's frequency from which a two-character word is common vocabulary (伟大 4150, 开启 399, 救治 326);
# coined terms stay below it or are missing (国货 20, 减负 61, 两重 104, 六稳 and 新质 absent).
COMMON_WORD = 300
_NUMERIC = re.compile(f"[{CN_NUMERAL_CHARS}〇年月日号届期次个项第分之点余多几倍半%．.]+")


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


def is_numeric(text: str, time_words: tuple[str, ...] = ()) -> bool:
    """A number, year, date or span of time: any digit, or only numerals, date units and ``time_words``."""
    if has_digit(text):
        return True
    if all(ch in CN_NUMERAL_CHARS for ch in text):  # 十四五 and 十三五 name plans: no well-formed number
        return parse_cn_numeral(text) is not None
    rest = text
    for word in sorted(time_words, key=len, reverse=True):
        rest = rest.replace(word, "")
    if rest == text or not rest:
        return _NUMERIC.fullmatch(text) is not None
    return _NUMERIC.fullmatch(rest) is not None


def cut_at_edge(text: str, filters: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``text`` starts or ends with a function word that no formulation starts or ends with."""
    return text[:1] in filters["start"] or text[-1:] in filters["end"]


def common_words() -> frozenset[str]:
    """The two-character words of jieba's dictionary with a frequency of ``COMMON_WORD`` or more."""
    from writer.check.idioms import jieba_dictionary

    dictionary = jieba_dictionary()
    if dictionary is None:
        return frozenset()
    found = []
    with open(dictionary, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            if len(parts[0]) == 2 and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) >= COMMON_WORD:
                found.append(parts[0])
    return frozenset(found)


def holds_place(text: str, places: frozenset[str]) -> bool:
    """Whether a substring of ``text`` (two characters or more) is a place name of ``places``."""
    size = len(text)
    return any(text[i:j] in places for i in range(size - 1) for j in range(i + 2, size + 1))


def _dominant(c: Contrast, fading: bool) -> int:
    """The count that moved: the year's reports for a rise, the years before for a fall."""
    return c.base_docs if fading else c.focus_docs


def _fragments(pool: list[Contrast], fading: bool) -> set[str]:
    """The strings of ``pool`` that are pieces of a longer one: inside a longer string of the pool
    whose count (the one that moved) is nearly theirs, or, at the longest length the evidence holds,
    one character off another such string (both are windows of a formulation too long for it)."""
    by_text = {c.use.text: c for c in pool}
    longest = max((len(text) for text in by_text), default=0)
    containers: dict[str, list[Contrast]] = {}
    for c in pool:
        text = c.use.text
        for i in range(len(text)):
            for j in range(i + 1, len(text) + 1):
                if j - i < len(text):
                    containers.setdefault(text[i:j], []).append(c)
    dropped = set()
    for c in pool:
        text, count = c.use.text, _dominant(c, fading)
        if any(_dominant(t, fading) >= NEAR * count for t in containers.get(text, ())):
            dropped.add(text)
        elif len(text) == longest:
            shifted = [t for t in by_text.values() if len(t.use.text) == longest and t is not c
                       and (t.use.text[1:] == text[:-1] or text[1:] == t.use.text[:-1])]
            if any(min(count, _dominant(t, fading)) >= NEAR * max(count, _dominant(t, fading)) for t in shifted):
                dropped.add(text)
    return dropped


def _pool(evidence, year: int, before: list[int], sign: float) -> list[Contrast]:
    """The ``POOL`` strings that moved most in the direction ``sign``, significant ones only."""
    totals = evidence.totals
    years = sorted(totals)
    scored = (r for r in row_contrasts(evidence.rows(), years, totals, year, before) if sign * r[0] >= MIN_Z)
    best = heapq.nlargest(POOL, scored, key=lambda r: (sign * r[0], r[2]))
    focus_total, base_total = totals[year], sum(totals[y] for y in before)
    return [Contrast(YearUse(text, {y: k for y, k in zip(years, row) if k}, totals), y1, focus_total, y2, base_total,
                     delta, z) for z, delta, text, row, y1, y2 in best]


def rank(evidence, year: int, fading: bool = False, n: int = 30, window: int = DEFAULT_WINDOW) -> list[Trend]:
    """The ``n`` formulations that rose (``fading``: fell) most in ``year``, best first, with their z-score."""
    from writer.bank.gazetteer import load_gazetteer
    from writer.io.datafiles import load_word_lists

    if n < 1:
        return []
    before = base_years(evidence.totals, year, window)
    sign = -1.0 if fading else 1.0
    places = load_gazetteer().free
    filters = load_word_lists(FILTERS_FILE, ("start", "end", "time"))
    common = common_words()
    pool = _pool(evidence, year, before, sign)
    dropped = _fragments(pool, fading)  # before the other filters: a year or a place may be the longer string
    kept = [c for c in pool if c.use.text not in dropped and not is_numeric(c.use.text, filters["time"])
            and not cut_at_edge(c.use.text, filters) and c.use.text not in common
            and not holds_place(c.use.text, places)][:n]
    return [with_first_reports(c.use.text, c.use, evidence, score=c.z) for c in kept]
