"""Words indexed by their first character, to find them in short texts without a regex.

Compiling an alternation of hundreds of words costs more than a whole suggest
run, and a provincial bank has several thousand source names.
"""

from __future__ import annotations


class WordIndex:
    """A set of words by first character, each list longest first."""

    __slots__ = ("by_first",)

    def __init__(self, words=(), by_first: dict[str, list[str]] | None = None):
        if by_first is not None:  # a compiled index (from a cache)
            self.by_first = by_first
            return
        self.by_first = {}
        for w in words:
            if w:
                self.by_first.setdefault(w[0], []).append(w)
        for lst in self.by_first.values():
            lst.sort(key=lambda w: (-len(w), w))

    def find(self, text: str) -> list[str]:
        """Words found left to right, each match the longest, not overlapping."""
        out = []
        i = 0
        while i < len(text):
            for w in self.by_first.get(text[i], ()):
                if text.startswith(w, i):
                    out.append(w)
                    i += len(w)
                    break
            else:
                i += 1
        return out

    def any_in(self, text: str) -> bool:
        """Whether any of the words occurs in ``text``."""
        get = self.by_first.get
        return any(text.startswith(w, i) for i, ch in enumerate(text) for w in get(ch, ()))
