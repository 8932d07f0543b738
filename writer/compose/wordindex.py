"""Words indexed by their first character, to find them in short texts without a regex.

Compiling an alternation of hundreds of words costs more than a whole suggest
run, and a provincial bank has several thousand source names.
"""

from __future__ import annotations


class WordIndex:
    """A set of words by first character, each list longest first."""

    __slots__ = ("by_first", "_prefixes")

    def __init__(self, words=(), by_first: dict[str, list[str]] | None = None):
        # A character's words as a tuple, made on first use: one str.startswith call tests them all.
        self._prefixes: dict[str, tuple[str, ...]] = {}
        if by_first is not None:  # a compiled index (from a cache)
            self.by_first = by_first
            return
        self.by_first = {}
        for w in words:
            if w:
                self.by_first.setdefault(w[0], []).append(w)
        for lst in self.by_first.values():
            lst.sort(key=lambda w: (-len(w), w))

    def _at(self, ch: str) -> tuple[str, ...]:
        found = self._prefixes[ch] = tuple(self.by_first.get(ch, ()))
        return found

    def find(self, text: str) -> list[str]:
        """Words found left to right, each match the longest, not overlapping."""
        out = []
        prefixes = self._prefixes
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            found = prefixes.get(ch)
            if found is None:
                found = self._at(ch)
            if found and text.startswith(found, i):
                for w in found:   # longest first: the first that matches
                    if text.startswith(w, i):
                        out.append(w)
                        i += len(w)
                        break
            else:
                i += 1
        return out

    def any_in(self, text: str) -> bool:
        """Whether any of the words occurs in ``text``."""
        prefixes = self._prefixes
        for i, ch in enumerate(text):
            found = prefixes.get(ch)
            if found is None:
                found = self._at(ch)
            if found and text.startswith(found, i):
                return True
        return False
