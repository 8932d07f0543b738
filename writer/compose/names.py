"""The name guard: no generated or borrowed text may carry a source document's proper name.

A name of one character (a place's abbreviation) is too common to guard against.
"""

from __future__ import annotations

from writer.compose.wordindex import WordIndex
from writer.zh import has_digit


class NameGuard(WordIndex):
    """The sources' names (two characters or more), found in a short text by first character."""

    __slots__ = ()

    def __init__(self, names=(), by_first: dict[str, list[str]] | None = None):
        super().__init__((n for n in names if len(n) >= 2), by_first)

    def found(self, text: str) -> bool:
        """Whether ``text`` holds one of the names."""
        return self.any_in(text)

    def __contains__(self, text: str) -> bool:
        return self.any_in(text)


def name_guard(names) -> NameGuard:
    """``names`` as a NameGuard (a guard is returned as it is; build one per run, not per text)."""
    return names if isinstance(names, NameGuard) else NameGuard(names)


def usable(text: str, names) -> bool:
    """A mined text can be shown as is: no digit and no source name (it would not be the user's)."""
    return not has_digit(text) and not name_guard(names).found(text)
