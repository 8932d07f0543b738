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
- a fragment (writer.trend.contexts): a piece of a longer string of the
  evidence that holds nearly all of its uses (the longer one stands for
  both), a string nearly always continued by one of two words (its head is
  missing), or the lead-in of numbers; and, at the longest length the
  evidence holds, windows one character apart of a formulation too long for it
  (a term the reports put in quotation marks is no fragment: they mark it whole);
- a repeat: a formulation already listed above with a verb before it
  (推进新型工业化 after 新型工业化) or in nearly all of its uses (放管服改革
  after 放管服), or a string held by a listed one without a
  significant move of its own outside it (新型工业化 after 推进新型工业化):
  one line per formulation.
"""

from __future__ import annotations

import heapq
import re

from writer.bank.years import YearUse
from writer.trend.contexts import Contexts, is_fragment
from writer.trend.errors import TrendYearError
from writer.trend.fightin import Contrast, log_odds_z, prior_weight, row_contrasts
from writer.trend.history import Trend, with_first_reports
from writer.zh import CN_NUMERAL_CHARS, has_digit, parse_cn_numeral

DEFAULT_WINDOW = 3
POOL = 3000               # candidates kept before filtering
MIN_Z = 1.96              # below this the change could be chance (two-sided 5%): not listed
NEAR = 0.75               # "nearly the same count": the longer string has at least this share of the one that moved
FILTERS_FILE = "trend/filters.yaml"
# jieba's frequency from which a two-character word is common vocabulary (伟大 4150, 开启 399, 救治 326);
# coined terms stay below it or are missing (国货 20, 减负 61, 两重 104, 六稳 and 新质 absent).
COMMON_WORD = 300
VERB_CHARS = 2            # a verb before a formulation (推进, 加快, 坚持): at most two characters
_NUMERIC = re.compile(f"[{CN_NUMERAL_CHARS}〇年月日号届期次个项第分之点余多几倍半%．.]+")


def base_years(totals: dict[int, int], year: int, window: int) -> list[int]:
    """The years ``year`` is compared with: the ``window`` years before it with reports (0: all before)."""
    years = sorted(totals)
    if year not in totals:
        span = f"数据覆盖{years[0]}—{years[-1]}年" if years else "没有任何年份的数据"
        raise TrendYearError(f"{year}年不在数据之中（{span}）", key=str(year))
    before = [y for y in years if y < year and (not window or y >= year - window)]
    if not before:
        raise TrendYearError(f"{year}年之前没有可比的年份（数据从{years[0]}年起）", key=str(year))
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


def _windows(pool: list[Contrast], fading: bool) -> set[str]:
    """The strings of ``pool`` at the longest length the evidence holds that are one character off
    another such string with nearly the same count: both are windows of a formulation too long for it."""
    longest = max((len(c.use.text) for c in pool), default=0)
    at_longest = {c.use.text: _dominant(c, fading) for c in pool if len(c.use.text) == longest}
    dropped = set()
    for text, count in at_longest.items():
        shifted = [n for t, n in at_longest.items() if t != text and (t[1:] == text[:-1] or text[1:] == t[:-1])]
        if any(min(count, n) >= NEAR * max(count, n) for n in shifted):
            dropped.add(text)
    return dropped


def _pool(evidence, year: int, before: list[int], sign: float) -> tuple[list[Contrast], Contexts]:
    """The ``POOL`` strings that moved most in the direction ``sign``, significant ones only, and the
    contexts of every string used in the year or the years before."""
    totals = evidence.totals
    years = sorted(totals)
    seen: list[tuple[str, int, int]] = []

    def scored():
        for r in row_contrasts(evidence.rows(), years, totals, year, before):
            seen.append((r[2], r[4], r[5]))
            if sign * r[0] >= MIN_Z:
                yield r

    best = heapq.nlargest(POOL, scored(), key=lambda r: (sign * r[0], r[2]))
    focus_total, base_total = totals[year], sum(totals[y] for y in before)
    pool = [Contrast(YearUse(text, {y: k for y, k in zip(years, row) if k}, totals), y1, focus_total, y2, base_total,
                     delta, z) for z, delta, text, row, y1, y2 in best]
    return pool, Contexts(seen)


def _repeats(c: Contrast, listed: Contrast, sign: float) -> bool:
    """Whether ``c`` repeats the formulation ``listed`` above it: it holds it with a verb before it
    (推进新型工业化 after 新型工业化) or in nearly all of its uses (放管服改革 after 放管服; a word
    after it in fewer makes a formulation of its own: 数字经济 after 数字), or it is held by it and
    its uses outside it did not move (新型工业化 after 推进新型工业化: the rest of its uses, a share as
    in the years before, z below MIN_Z)."""
    text, other = c.use.text, listed.use.text
    fading = sign < 0
    if other in text:
        return ((text.endswith(other) and len(text) - len(other) <= VERB_CHARS)
                or _dominant(c, fading) >= NEAR * _dominant(listed, fading))
    if text not in other:
        return False
    rest_focus = max(c.focus_docs - listed.focus_docs, 0)
    rest_base = max(c.base_docs - listed.base_docs, 0)
    share = (c.use.reports - listed.use.reports) / max(sum(c.use.totals.values()), 1)
    _, z = log_odds_z((rest_focus, c.focus_total), (rest_base, c.base_total), max(share, 0.0),
                      prior_weight(c.use.totals))
    return sign * z < MIN_Z


def _kept(pool: list[Contrast], contexts: Contexts, fading: bool, n: int, is_formulation,
          quoted: frozenset[str]) -> list[Contrast]:
    """The first ``n`` of ``pool`` that are formulations, no fragment and no repeat of one kept before;
    a term the reports put in quotes (``quoted``) is whole by their own marking, however it goes on."""
    windows = _windows(pool, fading)
    sign = -1.0 if fading else 1.0
    kept: list[Contrast] = []
    for c in pool:
        text = c.use.text
        if (text in windows or not is_formulation(text) or any(_repeats(c, k, sign) for k in kept)
                or (text not in quoted and is_fragment(text, _dominant(c, fading), contexts, fading))):
            continue
        kept.append(c)
        if len(kept) == n:
            break
    return kept


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
    pool, contexts = _pool(evidence, year, before, sign)

    def is_formulation(text: str) -> bool:
        return not (is_numeric(text, filters["time"]) or cut_at_edge(text, filters) or text in common
                    or holds_place(text, places))

    kept = _kept(pool, contexts, fading, n, is_formulation, getattr(evidence, "quoted", frozenset()))
    return [with_first_reports(c.use.text, c.use, evidence, score=c.z) for c in kept]
