"""Every character string used in at least N documents, with its documents per year (the reference index).

Strings are counted once per document (a document's set of strings), inside
clauses: a clause is a run of Chinese characters, ASCII letters and digits,
so no string spans punctuation; quotation marks around a term are no
punctuation here (学习运用“千万工程”经验 is one clause), so the index holds the
clause a quoted term sits in, and a string that stops at a quote is seen
to go on. ``quoted_terms`` lists what the reports themselves put in quotes. Counting is level-wise with Apriori pruning:
a string of n characters used in N documents needs its first and its last
n - 1 characters used in N documents, so level n only looks inside the
*segments* of level n - 1, the stretches of a clause whose every
(n - 1)-character string was frequent. Segments shrink fast, which is what
makes twelve levels over 80 MB of text affordable in pure Python.

``closed`` then drops each string whose counts per year equal those of a one
character longer string it begins (卫生健 → 卫生健康): the reader of the index
recovers them as the per-year maximum over the stored strings they begin.
"""

from __future__ import annotations

import re
from collections import Counter

from writer.zh import strip_quotes

_CHARS = "0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff"
CLAUSE = re.compile(f"[{_CHARS}]{{2,}}")
MAX_LENGTH = 12
# A term in quotes: an opening mark, 2 to 12 clause characters, the closing mark.
QUOTED = re.compile(f"[“「『\"]([{_CHARS}]{{2,{MAX_LENGTH}}})[”」』\"]")


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` (NFKC-normalised first: full-width digits and letters become ASCII;
    the quotation marks around terms taken out)."""
    import unicodedata

    return CLAUSE.findall(strip_quotes(unicodedata.normalize("NFKC", text)))


def quoted_terms(text: str) -> set[str]:
    """The terms ``text`` puts in quotation marks (NFKC-normalised first), 2 to 12 characters each."""
    import unicodedata

    return set(QUOTED.findall(unicodedata.normalize("NFKC", text)))


def count_strings(documents: list[tuple[int, list[str]]], min_docs: int,
                  min_length: int = 2, max_length: int = MAX_LENGTH) -> dict[str, dict[int, int]]:
    """string → {year: documents of that year holding it} for every string of ``min_length`` to
    ``max_length`` characters held by at least ``min_docs`` documents.

    ``documents`` are (year, clauses) pairs.
    """
    years = sorted({year for year, _ in documents})
    slot = {year: i for i, year in enumerate(years)}
    doc_slots = [slot[year] for year, _ in documents]
    segments = [list(set(cl)) for _, cl in documents]
    found: dict[str, dict[int, int]] = {}
    for n in range(1, max_length + 1):
        per_year = _count_level(segments, doc_slots, len(years), n)
        frequent = {}
        for text, counts in per_year.items():
            if sum(counts) >= min_docs:
                frequent[text] = counts
        if not frequent:
            break
        if n >= min_length:
            for text, counts in frequent.items():
                found[text] = {years[j]: k for j, k in enumerate(counts) if k}
        if n < max_length:
            segments = [_next_segments(segs, n, frequent) for segs in segments]
    return found


def _count_level(segments: list[list[str]], doc_slots: list[int], n_years: int, n: int) -> dict[str, list[int]]:
    """string of ``n`` characters → documents per year slot, over each document's segments."""
    by_year = [Counter() for _ in range(n_years)]
    for segs, j in zip(segments, doc_slots):
        held = {seg[i:i + n] for seg in segs for i in range(len(seg) - n + 1)}
        by_year[j].update(held)
    merged: dict[str, list[int]] = {}
    for j, counter in enumerate(by_year):
        for text, k in counter.items():
            row = merged.get(text)
            if row is None:
                row = merged[text] = [0] * n_years
            row[j] = k
    return merged


def _next_segments(segs: list[str], n: int, frequent: dict) -> list[str]:
    """The stretches of ``segs`` whose every ``n``-character string is frequent, n + 1 or more long."""
    out: set[str] = set()
    for seg in segs:
        start = None
        for i in range(len(seg) - n + 1):
            if seg[i:i + n] in frequent:
                if start is None:
                    start = i
            elif start is not None:
                if i - 1 + n - start > n:
                    out.add(seg[start:i - 1 + n])
                start = None
        if start is not None and len(seg) - start > n:
            out.add(seg[start:])
    return list(out)


def closed(counts: dict[str, dict[int, int]]) -> dict[str, dict[int, int]]:
    """``counts`` without the strings whose counts equal those of a one character longer string they begin."""
    dropped = {text[:-1] for text, years in counts.items()
               if len(text) > 2 and counts.get(text[:-1]) == years}
    return {text: years for text, years in counts.items() if text not in dropped}
