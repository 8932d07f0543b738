"""A draft under check: its text, paragraphs, sentences and phrase occurrences."""

from __future__ import annotations

import bisect
import gc
from collections import defaultdict
from itertools import repeat
from operator import itemgetter

from writer.check.rulecache import own_pattern
from writer.check.textmap import LineMap, Paragraph, Sentence, split_paragraphs

# Below this many phrases, str.find (C speed) beats a sampled window scan.
_FIND_LIMIT = 40
# Phrases of at least KEY + 1 characters are found by looking up KEY-character
# windows at every STEP-th position: an occurrence starting at p covers the
# sampled position p or p + 1, whose window is its first or second KEY characters.
_KEY = 3
_STEP = 2
_TITLE = own_pattern(r"《[^《》\n]{1,100}》")


def _find_all(text: str, phrases, hits: list) -> None:
    for p in phrases:
        end = len(p)
        i = text.find(p)
        while i != -1:
            hits.append((i, i + end, p))
            i = text.find(p, i + 1)


class PhraseScanner:
    """Finds every occurrence of a fixed set of phrases; its lookup tables are built once."""

    def __init__(self, phrases):
        self.phrases = frozenset(p for p in phrases if p)
        long = sorted(p for p in self.phrases if len(p) > _KEY)
        self._short: dict[int, frozenset[str]] = {}
        for length in sorted({len(p) for p in self.phrases if len(p) <= _KEY}):
            self._short[length] = frozenset(p for p in self.phrases if len(p) == length)
        self._long_find = long if len(long) < _FIND_LIMIT else []
        table: dict[str, list[tuple[int, str]]] = defaultdict(list)
        if not self._long_find:
            for p in long:
                for offset in range(_STEP):
                    table[p[offset:offset + _KEY]].append((offset, p))
        self._table = dict(table)

    def to_plain(self) -> tuple:
        """The scanner's tables as plain data for writer.io.cache (``from_plain`` reverses it)."""
        return (self.phrases, self._short, self._long_find, self._table)

    @staticmethod
    def plain_fits(data) -> bool:
        """Whether ``data`` has the shape ``to_plain`` gives."""
        return (isinstance(data, tuple) and len(data) == 4 and isinstance(data[0], frozenset)
                and isinstance(data[1], dict) and isinstance(data[2], list) and isinstance(data[3], dict))

    @classmethod
    def from_plain(cls, data) -> "PhraseScanner":
        scanner = cls.__new__(cls)
        scanner.phrases, scanner._short, scanner._long_find, scanner._table = data
        return scanner

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Every occurrence (overlaps included) as (start, end, phrase), unsorted."""
        hits: list[tuple[int, int, str]] = []
        _find_all(text, self._long_find, hits)
        table = self._table
        if table:
            # A list comprehension is the fastest pure-Python window scan (no generator
            # frames); hashing all windows at once (writer.check.windows) is no faster
            # for a 3-character key looked up in a dict.
            sampled = [q for q in range(0, len(text) - _KEY + 1, _STEP) if text[q:q + _KEY] in table]
            for q in sampled:
                for offset, p in table[text[q:q + _KEY]]:
                    start = q - offset
                    if start >= 0 and text.startswith(p, start):
                        hits.append((start, start + len(p), p))
        for length, group in self._short.items():
            if len(group) < _FIND_LIMIT:
                _find_all(text, group, hits)
            else:
                starts = [i for i in range(len(text) - length + 1) if text[i:i + length] in group]
                hits.extend((i, i + length, text[i:i + length]) for i in starts)
        return hits


class Draft:
    """The text of one file and the structures every rule reads."""

    def __init__(self, text: str, path: str = "-", markdown: bool = False):
        self.text = text
        self.path = path
        self.markdown = markdown
        # A long draft's paragraphs are many small objects without cycles: the cyclic
        # collector would walk the whole heap (a loaded bank included) for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.lines = LineMap(text)
            self.paragraphs: list[Paragraph] = split_paragraphs(text, markdown)
        finally:
            if collecting:
                gc.enable()
        self._para_starts = [p.start for p in self.paragraphs]
        self._para_ends = [p.end for p in self.paragraphs]
        self._raw: list[tuple[int, int, str]] | None = None
        self._scanned: frozenset[str] = frozenset()
        self._hits: dict[frozenset[str], list[tuple[int, int, str]]] = {}
        self._titles: list[tuple[int, int]] | None = None
        self._cache: dict = {}

    def cached(self, key, compute):
        """``compute()``, computed once per draft for ``key`` (rules asking for the same thing)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def title_spans(self) -> list[tuple[int, int]]:
        """Spans of quoted titles 《…》 (documents, policies, books) on one line."""
        if self._titles is None:
            self._titles = [m.span() for m in _TITLE.finditer(self.text)]
        return self._titles

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph holding ``offset``, or -1."""
        i = bisect.bisect_right(self._para_starts, offset) - 1
        return i if i >= 0 and offset < self._para_ends[i] else -1

    def inside_paragraphs(self, spans: list[tuple]) -> list[tuple]:
        """Those of ``spans`` (tuples starting with start, end) lying within one paragraph."""
        if not spans:
            return []
        index = list(map(bisect.bisect_right, repeat(self._para_starts), map(itemgetter(0), spans)))
        ends = self._para_ends
        return [h for h, i in zip(spans, index) if i and h[1] <= ends[i - 1]]

    def prepare_phrases(self, union: "frozenset[str] | PhraseScanner") -> None:
        """Scan once for all phrases any rule will ask about."""
        scanner = union if isinstance(union, PhraseScanner) else PhraseScanner(union)
        raw = scanner.scan(self.text)
        # Leftmost first, the longest first among those starting together (two stable sorts in C).
        raw.sort(key=itemgetter(1), reverse=True)
        raw.sort(key=itemgetter(0))
        self._raw = self.inside_paragraphs(raw)
        self._scanned = scanner.phrases
        self._hits.clear()
        self._cache.clear()

    def phrase_hits(self, phrases: frozenset[str]) -> list[tuple[int, int, str]]:
        """Occurrences of ``phrases`` inside paragraphs, leftmost-longest, not overlapping."""
        if phrases in self._hits:
            return self._hits[phrases]
        if self._raw is None or not phrases <= self._scanned:
            self.prepare_phrases(self._scanned | phrases)
        out = []
        last = -1
        for hit in self._raw:
            if hit[0] >= last and hit[2] in phrases:
                out.append(hit)
                last = hit[1]
        self._hits[phrases] = out
        return out

    def hit_sentences(self, hits: list[tuple[int, int, str]]) -> list:
        """(paragraph, sentence, [those of ``hits`` in it]) for each sentence wholly holding
        one or more of ``hits`` (sorted by start, each inside a paragraph), in reading order.

        Only the paragraphs holding a hit are split into sentences.
        """
        groups: list = []
        paragraph = None
        sentences: list[Sentence] = []
        j = 0
        current = None
        for hit in hits:
            start = hit[0]
            if paragraph is None or start >= paragraph.end:
                paragraph = self.paragraphs[bisect.bisect_right(self._para_starts, start) - 1]
                sentences = paragraph.sentences
                j = 0
            # Sentences are ordered and disjoint: the first one ending after the hit's
            # start holds it, unless the hit starts in the space between two sentences.
            while j < len(sentences) and sentences[j].end <= start:
                j += 1
            if j == len(sentences):
                continue
            sentence = sentences[j]
            if sentence.start > start or hit[1] > sentence.end:
                continue
            if sentence is not current:
                groups.append((paragraph, sentence, [hit]))
                current = sentence
            else:
                groups[-1][2].append(hit)
        return groups
