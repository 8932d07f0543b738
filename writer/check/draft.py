"""A draft under check: its text, paragraphs, sentences and phrase occurrences."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from writer.check.textmap import LineMap, Paragraph, Sentence, split_paragraphs

# Below this many phrases of one length, str.find (C speed) beats a
# window-by-window set lookup over the whole text.
_FIND_LIMIT = 40
_TITLE = re.compile(r"《[^《》\n]{1,100}》")


def scan_phrases(text: str, phrases: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Every occurrence (overlaps included) of every phrase, as (start, end)."""
    by_len: dict[int, set[str]] = defaultdict(set)
    for p in phrases:
        if p:
            by_len[len(p)].add(p)
    hits: list[tuple[int, int]] = []
    n = len(text)
    for length, group in by_len.items():
        if len(group) < _FIND_LIMIT:
            for p in group:
                i = text.find(p)
                while i != -1:
                    hits.append((i, i + length))
                    i = text.find(p, i + 1)
            continue
        # A list comprehension is the fastest pure-Python window scan (no generator frames).
        starts = [i for i in range(n - length + 1) if text[i:i + length] in group]
        hits.extend(zip(starts, [i + length for i in starts]))
    return hits


class Draft:
    """The text of one file and the structures every rule reads."""

    def __init__(self, text: str, path: str = "-", markdown: bool = False):
        self.text = text
        self.path = path
        self.markdown = markdown
        self.lines = LineMap(text)
        self.paragraphs: list[Paragraph] = split_paragraphs(text, markdown)
        self._para_starts = [p.start for p in self.paragraphs]
        self._raw: list[tuple[int, int]] | None = None
        self._scanned: frozenset[str] = frozenset()
        self._hits: dict[frozenset[str], list[tuple[int, int, str]]] = {}
        self._titles: list[tuple[int, int]] | None = None

    def title_spans(self) -> list[tuple[int, int]]:
        """Spans of quoted titles 《…》 (documents, policies, books) on one line."""
        if self._titles is None:
            self._titles = [m.span() for m in _TITLE.finditer(self.text)]
        return self._titles

    def sentences(self):
        """(paragraph, sentence) pairs in reading order."""
        for paragraph in self.paragraphs:
            for sentence in paragraph.sentences:
                yield paragraph, sentence

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def prepare_phrases(self, union: frozenset[str]) -> None:
        """Scan once for all phrases any rule will ask about."""
        self._raw = scan_phrases(self.text, union)
        self._scanned = union
        self._hits.clear()

    def phrase_hits(self, phrases: frozenset[str]) -> list[tuple[int, int, str]]:
        """Occurrences of ``phrases`` inside paragraphs, leftmost-longest, not overlapping."""
        if phrases in self._hits:
            return self._hits[phrases]
        if self._raw is None or not phrases <= self._scanned:
            self.prepare_phrases(self._scanned | phrases)
        text = self.text
        mine = sorted((s, -e) for s, e in self._raw if text[s:e] in phrases)
        out = []
        last = -1
        for s, neg_end in mine:
            e = -neg_end
            if s < last:
                continue
            paragraph = self.paragraph_at(s)
            if paragraph is None or e > paragraph.end:
                continue
            out.append((s, e, text[s:e]))
            last = e
        self._hits[phrases] = out
        return out

    def sentence_hits(self, hits: list[tuple[int, int, str]]):
        """(paragraph, sentence, [those of ``hits`` in the sentence]) for every sentence."""
        starts = [h[0] for h in hits]
        for paragraph, sentence in self.sentences():
            lo = bisect.bisect_left(starts, sentence.start)
            hi = bisect.bisect_left(starts, sentence.end)
            yield paragraph, sentence, [h for h in hits[lo:hi] if h[1] <= sentence.end]
