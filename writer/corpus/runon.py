"""A numbered heading run into its paragraph with no punctuation between them: where the heading ends.

Extraction sometimes drops the full stop after a heading (（五）营造全民创业氛围，促进民营经济加快发展
把民营经济作为振兴老工业基地的重要力量，…。). A heading is bounded, so when no stop comes within a
heading's length the heading ends after a word headings end with (data/corpus/structure.yaml's
``heading_endings``), in its first or second clause, the cut nearest to the length of a clause
before it (a heading's clauses are alike in length), and on through such words right after it; no such
word, no cut.
"""

from __future__ import annotations

from functools import lru_cache

_STRUCTURE_LISTS = ("corpus/structure.yaml", ("title_words", "closing_markers", "review_words", "review_openings",
                                              "heading_endings"))
_MIN_CLAUSE = 4   # a heading's second clause is at least this long (推进改革)
_MIN_SOLE = 8     # a heading of one clause at least this (扎实推进农业发展)
_MIN_REST = 8     # what follows the cut is a paragraph's sentence, not a clause's last characters
_CLAUSE = 10      # the clause length assumed for a heading of one clause


@lru_cache(maxsize=1)
def _endings() -> frozenset[str]:
    from writer.io.datafiles import load_word_lists

    return frozenset(load_word_lists(*_STRUCTURE_LISTS)["heading_endings"])


def split_run_on(text: str, limit: int) -> tuple[str, str] | None:
    """(heading, paragraph) of a numbered line whose heading runs on into its text, or None."""
    endings = _endings()
    sizes = {len(w) for w in endings}
    start = 0
    for index, clause in enumerate(text[:limit].split("，")[:2]):
        target = len(text[:start - 1]) if index else _CLAUSE
        cuts = [k for k in range(_MIN_CLAUSE if index else _MIN_SOLE, len(clause) + 1)
                if any(clause[k - n:k] in endings for n in sizes) and len(text) - start - k >= _MIN_REST]
        if cuts and (index or len(clause) > _CLAUSE + 6):
            k = start + min(cuts, key=lambda c: (abs(c - target), -c))
            while any(text[k:k + n] in endings for n in sizes) and len(text) - k - 2 >= _MIN_REST:
                k += 2  # 加快|发展把…: the heading goes on through a word headings end with
            return text[:k], text[k:]
        start += len(clause) + 1
    return None
