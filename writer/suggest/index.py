"""The bank's mined headings as `suggest` needs them, compiled once per bank into the cache.

Only headings free of digits and source names, most recurring shapes first.
Lines and rows are stored as single strings with offsets, so loading a
provincial bank's ten thousand headings costs a few milliseconds, and a topic's
words are found with bytes.find.
"""

from __future__ import annotations

from bisect import bisect_right
from weakref import WeakKeyDictionary

from writer.bank.lexicon import LEXICON_FILE, load_lexicon
from writer.compose.bankcache import bank_cache, bank_stamp
from writer.compose.names import NameGuard, NameSlots
from writer.io import cache
from writer.zh import has_digit

_FORMAT = 8
_FIELD = "\x1f"   # separates a heading's fields in the index's row blob
_INDEXES: WeakKeyDictionary = WeakKeyDictionary()


class HeadingIndex:
    """The compiled index: every usable line, and per line its row (the heading's fields)."""

    __slots__ = ("joined", "starts", "line_rows", "line_nos", "blob", "offsets", "sources",
                 "row_sources", "names_by_first", "years")

    def __init__(self, data: dict):
        # UTF-8 bytes, not str: loading skips decoding a megabyte of text, and UTF-8 lets
        # bytes.find look for an encoded word without ever matching half a character.
        self.joined = data["joined"]            # every line, b"\n"-separated
        self.starts = data["starts"]            # where each line starts in ``joined`` (bytes)
        self.line_rows = data["line_rows"]      # line → row
        self.line_nos = data["line_nos"]        # line → 0 (first line) or 1 (second line)
        self.blob = data["blob"]                # rows: fields joined with \x1f
        self.offsets = data["offsets"]          # row → start in ``blob`` (one extra at the end)
        self.sources = data["sources"]          # source titles
        self.row_sources = data["row_sources"]  # row → source number
        self.names_by_first = data["names"]     # the sources' names by first character
        self.years = data["years"]              # every mined heading's text → its year (or None)

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, k: int) -> str:
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.joined)
        return self.joined[self.starts[k]:end].decode("utf-8")

    def row(self, r: int) -> tuple:
        """(text, heading, subheading or None, pattern, shape count, source title, year or None)."""
        text, heading, sub, pattern, count, src, year = \
            self.blob[self.offsets[r]:self.offsets[r + 1]].decode("utf-8").split(_FIELD)
        return (text, heading, sub or None, pattern, int(count), self.sources[int(src)] or None,
                int(year) if year else None)

    def lines_with(self, words: list[str]) -> set[int]:
        """Indexes of the lines holding any of ``words``."""
        found: set[int] = set()
        joined = self.joined
        for word in words:
            w = word.encode("utf-8")
            at = joined.find(w)
            while at >= 0:
                found.add(bisect_right(self.starts, at) - 1)
                at = joined.find(w, at + 1)
        return found

    def guard(self) -> NameGuard:
        """The sources' names, as compiled with the index."""
        return NameGuard(by_first=self.names_by_first)


class _Builder:
    """The index's arrays, filled heading by heading."""

    def __init__(self):
        self.sources: dict[str, int] = {}
        self.rows, self.offsets, self.row_sources, self.pos = [], [], [], 0
        self.lines, self.starts, self.line_rows, self.line_nos, self.lpos = [], [], [], [], 0

    def add(self, h, shape_count: int) -> None:
        src = self.sources.setdefault(h.source or "", len(self.sources))
        row = _FIELD.join([h.text, h.heading or h.text, h.subheading or "", h.pattern,
                           str(shape_count), str(src), str(h.year or "")]).encode("utf-8")
        self.offsets.append(self.pos)
        self.row_sources.append(src)
        self.rows.append(row)
        self.pos += len(row)
        for k, line in enumerate([h.heading or h.text, h.subheading] if h.subheading else [h.text]):
            if line:
                encoded = line.encode("utf-8")
                self.starts.append(self.lpos)
                self.lines.append(encoded)
                self.line_rows.append(len(self.rows) - 1)
                self.line_nos.append(k)
                self.lpos += len(encoded) + 1

    def data(self, guard: NameGuard, years: dict) -> dict:
        return {"joined": b"\n".join(self.lines), "starts": self.starts, "line_rows": self.line_rows,
                "line_nos": bytes(self.line_nos), "blob": b"".join(self.rows),
                "offsets": self.offsets + [self.pos],
                "sources": sorted(self.sources, key=self.sources.get), "row_sources": self.row_sources,
                "names": guard.by_first, "years": years}


def _build_index(bank) -> dict:
    lex = load_lexicon()
    guard = NameGuard(bank.source_names())
    slots = NameSlots({n.text: n.kind for n in bank.names})
    shapes: dict[str, int] = {}
    for h in bank.headings:
        shapes[h.shape] = shapes.get(h.shape, 0) + 1
    built = _Builder()
    for i in sorted(range(len(bank.headings)), key=lambda i: (-shapes.get(bank.headings[i].shape, 0), i)):
        h = bank.headings[i]
        if has_digit(h.text) or lex.local_slogan(h.text) or _FIELD in h.text or "\n" in h.text or "{" in h.text:
            continue
        if guard.found(h.text):
            h = slots.heading(h)  # offered filled with the user's --place/--org, never as it is
            if h is None:
                continue
        built.add(h, shapes.get(h.shape, 0))
    # The year of each mined heading, for the generated headings that fill its pattern (the last of a
    # repeated text, as a dict built over the headings in order keeps).
    return built.data(guard, {h.text: h.year for h in bank.headings})


def heading_index(bank) -> HeadingIndex:
    """The compiled heading index of ``bank`` (rebuilt when its headings, names or the lexicon change)."""
    hit = _INDEXES.get(bank)
    if hit is not None:
        return hit
    path = bank_cache(bank, "suggest-headings.marshal")
    key = (_FORMAT, bank_stamp(bank, LEXICON_FILE)) if path is not None else None
    data = cache.load(path, key)
    if data is None:  # no cache or a stale one: build
        data = _build_index(bank)
        cache.store(path, key, data)
    index = _INDEXES[bank] = HeadingIndex(data)
    return index
