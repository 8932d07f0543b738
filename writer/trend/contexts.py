"""How the evidence continues a candidate: its one-character longer strings, and what they say of it.

``--new``/``--fading`` rank strings of the reference's index (every string used
in at least N reports, closed: a prefix with the counts of a longer string it
begins is not stored, its counts being that string's). A candidate's left and
right one-character extensions, with the count that moved (the year's reports
for a rise, the years before for a fall), tell a formulation from a piece:

- ``piece``: one extension holds nearly all of its uses (质生产力 → 新质生产力):
  the longer string stands for both;
- ``headless``: at most two right extensions together hold nearly all of its
  uses (实施乡村 → 实施乡村振兴 | 实施乡村建设, 以优异成绩 → …迎接 | …庆祝):
  a Chinese phrase ends in its head, and this one always goes on to another
  word; on the left a formulation is as often preceded by a verb or two
  (推进, 加快: 新型工业化), so only one dominant left extension counts;
- ``next_to_numbers``: its right extensions are mostly numbers (年均增长 →
  年均增长8: the lead-in of a statistic), or its left ones (次党代会 → 十次党代会:
  the tail of a count), not a formulation.

Document counts of different extensions may overlap (a report using both):
their sum is an upper bound, which only makes the tests stricter on pieces.
"""

from __future__ import annotations

from bisect import bisect_left

from writer.zh import CN_NUMERAL_CHARS

NEAR = 0.75          # "nearly all": the extensions hold at least this share of the candidate's count
HEAD_WORDS = 2       # at most this many right extensions holding nearly all: the head is missing
NUMBER_START = frozenset("0123456789" + CN_NUMERAL_CHARS)


class Contexts:
    """The strings of the evidence (sorted) with the year's and the years before's documents."""

    def __init__(self, rows: list[tuple[str, int, int]]):
        rows.sort()
        self.texts = [text for text, _, _ in rows]
        self.counts = [(focus, base) for _, focus, base in rows]
        self._shifted: tuple[list[str], list[int]] | None = None

    def right(self, text: str) -> dict[str, tuple[int, int]]:
        """Next character → (year's, years before's documents) of ``text`` + that character."""
        return self._extensions(text, self.texts, range(len(self.texts)), len(text))

    def left(self, text: str) -> dict[str, tuple[int, int]]:
        """Previous character → documents of that character + ``text``."""
        if self._shifted is None:
            order = sorted((t[1:], i) for i, t in enumerate(self.texts) if len(t) > 2)
            self._shifted = ([t for t, _ in order], [i for _, i in order])
        keys, where = self._shifted
        return self._extensions(text, keys, where, 0, left=True)

    def _extensions(self, text: str, keys: list[str], where, at: int, left: bool = False) -> dict:
        """Per extending character, the per-side maximum over the stored strings that begin with the
        extension: the extension's own counts (stored, or its closure's, the largest of them)."""
        found: dict[str, tuple[int, int]] = {}
        i = bisect_left(keys, text)
        while i < len(keys) and keys[i].startswith(text):
            key = keys[i]
            if left or len(key) > len(text):
                j = where[i]
                ch = self.texts[j][0] if left else key[at]
                focus, base = self.counts[j]
                seen = found.get(ch, (0, 0))
                found[ch] = (max(seen[0], focus), max(seen[1], base))
            i += 1
        return found


def _moved(counts: tuple[int, int], fading: bool) -> int:
    return counts[1] if fading else counts[0]


def piece(count: int, left: dict, right: dict, fading: bool) -> bool:
    """One extension, on either side, holds nearly all of the ``count`` that moved."""
    return any(_moved(c, fading) >= NEAR * count for side in (left, right) for c in side.values())


def headless(count: int, right: dict, fading: bool) -> bool:
    """At most ``HEAD_WORDS`` right extensions together hold nearly all of ``count``."""
    best = sorted((_moved(c, fading) for c in right.values()), reverse=True)[:HEAD_WORDS]
    return bool(count) and sum(best) >= NEAR * count


def next_to_numbers(count: int, side: dict, fading: bool) -> bool:
    """The extensions of one side that are a numeral together hold nearly all of ``count``."""
    numbers = sum(_moved(c, fading) for ch, c in side.items() if ch in NUMBER_START)
    return bool(count) and numbers >= NEAR * count


def is_fragment(text: str, count: int, contexts: Contexts, fading: bool) -> bool:
    """Whether ``text``, whose count that moved is ``count``, is a piece, headless or next to numbers."""
    right = contexts.right(text)
    if headless(count, right, fading) or next_to_numbers(count, right, fading) or piece(count, {}, right, fading):
        return True
    left = contexts.left(text)  # the left side needs a second sorted list: asked last
    return piece(count, left, {}, fading) or next_to_numbers(count, left, fading)
