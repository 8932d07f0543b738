"""Four-character spans: the candidates segmentation keeps whole (pass 1) and every occurrence of them (pass 2).

Pass 1 takes, per document, the four-character spans that start and end on
word boundaries. Pass 2 (``scan_documents``, over runs of documents in worker
processes) counts every occurrence of the corpus's candidates with the
characters on either side, and how often each stands alone between
punctuation; ``SpanPlaces`` then finds example sentences for the spans kept.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import Counter
from dataclasses import dataclass, field

from writer.corpus.document import Document
from writer.mining.pool import Progress, add_counts, chunks, context, merge_pairs, pool_imap
from writer.mining.segment import is_cjk

# Marks that bound a phrase standing alone (list items, headings, slogans in quotes).
BOUNDARY = frozenset("，。、；：！？“”‘’（）《》〈〉【】—…·,.;:!?()\"' 　\n\x00")


def aligned_spans(tokens: list[str]) -> list[str]:
    """Four-character CJK spans made of whole tokens, in order (with repeats)."""
    out: list[str] = []
    n = len(tokens)
    lens = [len(t) for t in tokens]
    for i in range(n):
        length = lens[i]
        if length >= 4:
            if length == 4:
                out.append(tokens[i])
            continue
        j = i + 1
        while length < 4 and j < n:
            length += lens[j]
            j += 1
        if length == 4:
            out.append("".join(tokens[i:j]))
    return [span for span in out if is_cjk(span)]


_ALIGNED = re.compile(r"(?<![^|\n])(?=((?:[\u4e00-\u9fff]\|?){3}[\u4e00-\u9fff])(?:\||$))")


def aligned_spans_of_text(tokens: list[str]) -> list[str]:
    """``aligned_spans`` over a whole document's tokens at once (paragraphs separated by "\\n" tokens).

    The tokens are joined with "|" and one regular expression finds every run
    of four CJK characters that starts and ends at a "|": the same spans as
    ``aligned_spans``, found in C.
    """
    return [m.replace("|", "") for m in _ALIGNED.findall("|".join(tokens))]


@dataclass(slots=True)
class SpanStats:
    """Counts and neighbours of one candidate, as the verdict reads them."""

    count: int = 0
    standalone: int = 0
    left: str | dict = ""   # neighbouring characters (EDGE: a text's edge), or character → occurrences
    right: str | dict = ""


EDGE = "\x00"
# The array type of a span's document indexes: C int (4 bytes on every platform Python runs on).
DOC_INDEX = "i" if array("i").itemsize >= 4 else "l"


@dataclass
class SpanTable:
    """Pass 2's counts for a run of documents, small enough to send between processes cheaply.

    Per span: occurrences, occurrences between punctuation, the documents (in
    order), and the neighbouring characters on each side as one string.
    """

    counts: Counter = field(default_factory=Counter)
    standalone: Counter = field(default_factory=Counter)
    docs: dict = field(default_factory=dict)    # span → array of document indexes, in order
    left: dict = field(default_factory=dict)    # span → {neighbouring character: occurrences}
    right: dict = field(default_factory=dict)

    def merge(self, later: "SpanTable") -> None:
        """Add a later run of documents."""
        if not self.counts:
            self.__dict__.update(later.__dict__)
            return
        add_counts(self.counts, later.counts)
        add_counts(self.standalone, later.standalone)
        for mine, theirs in ((self.left, later.left), (self.right, later.right)):
            for span, chars in theirs.items():
                have = mine.get(span)
                if have is None:
                    mine[span] = chars
                else:
                    for ch, c in chars.items():
                        have[ch] = have.get(ch, 0) + c
        for span, idx in later.docs.items():
            have = self.docs.get(span)
            if have is None:
                self.docs[span] = idx
            else:
                have.extend(idx)


def count_spans(texts: list[str], candidates: frozenset[str] | set[str],
                doc_indexes: list[int] | None = None) -> SpanTable:
    """Every occurrence of the candidates in ``texts`` (one string per document)."""
    table = SpanTable()
    count_spans_into(table, texts, candidates, doc_indexes if doc_indexes is not None else range(len(texts)))
    return table


def count_spans_into(table: SpanTable, texts: list[str], candidates: frozenset[str] | set[str],
                     doc_indexes) -> None:
    """Add every occurrence of the candidates in ``texts`` (documents ``doc_indexes``, later than
    those ``table`` holds) to ``table``: the same table as counting them all at once.

    Pass 2's inner loop, written so the per-occurrence work happens in C
    (comprehensions, ``Counter``) and Python statements run once per distinct
    (span, document) or (span, neighbour) of the run, not per occurrence.
    """
    spans: list[str] = []
    lefts: list[str] = []   # each occurrence with the character before it (5 characters)
    rights: list[str] = []  # … and with the one after it: one slice per side, no pair tuples
    docs, docs_of, left, right = table.docs, table.docs.get, table.left, table.right
    for k, text in zip(doc_indexes, texts):
        # Padded with EDGE, so a text's first and last characters have neighbours too.
        padded = EDGE + text + EDGE
        hits = [i for i in range(1, len(text) - 2) if padded[i:i + 4] in candidates]
        found = [padded[i:i + 4] for i in hits]
        spans += found
        lefts += [padded[i - 1:i + 4] for i in hits]
        rights += [padded[i:i + 5] for i in hits]
        for span in dict.fromkeys(found):  # each span's documents, in order
            have = docs_of(span)
            if have is None:
                # Its neighbour tables too: keyed by this string, shared with the counts'.
                # An array of machine integers: a list's 8-byte pointers, over millions of
                # (span, document) pairs on a large corpus, held through the verdicts.
                docs[span] = array(DOC_INDEX, (k,))
                left[span] = {}
                right[span] = {}
            else:
                have.append(k)
    boundary = BOUNDARY
    table.counts.update(spans)
    table.standalone.update([s for s, left, right in zip(spans, lefts, rights)
                             if left[0] in boundary and right[4] in boundary])
    _add_neighbours(table.left, Counter(lefts), 1, 0)
    _add_neighbours(table.right, Counter(rights), 0, 4)


def _add_neighbours(side: dict[str, dict[str, int]], pairs: Counter, at: int, ch_at: int) -> None:
    """Add (span with a neighbour) → n to span → {character: n}, new entries after the old ones
    (the span is ``key[at:at + 4]``, whose table exists already, its neighbour ``key[ch_at]``).

    The characters are interned: each was sliced out of a text, a new object per
    occurrence, and the tables keep one per (span, neighbour); a few thousand
    shared ones instead save a third of pass 2's memory on a large corpus.
    """
    intern = sys.intern
    for key, n in pairs.items():
        d = side[key[at:at + 4]]
        ch = key[ch_at]
        had = d.get(ch)
        if had is None:
            d[intern(ch)] = n
        else:
            d[ch] = had + n


def sentence_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence of ``text`` holding ``text[start:end]``, clipped to ``limit`` characters (lines end sentences too)."""
    begin = max(text.rfind(m, 0, start) for m in "。！？；\n") + 1
    stops = [p + (m != "\n") for m in "。！？；\n" for p in (text.find(m, end),) if p != -1]
    stop = min(stops) if stops else len(text)
    sentence = text[begin:stop].strip()
    if len(sentence) > limit:
        # Clip around the phrase so the example still shows it in context.
        rel = start - begin
        lo = max(0, min(rel - limit // 2, len(sentence) - limit))
        sentence = ("…" if lo else "") + sentence[lo:lo + limit] + "…"
    return sentence



# ---------------------------------------------------------------- pass 2

_SCAN_DOCS: list[Document] = []
_SCAN_CANDIDATES: frozenset[str] = frozenset()


def _doc_string(doc: Document) -> str:
    """A document's texts as one string, a line each (a line break bounds every phrase)."""
    return "\n".join(doc.texts())


SCAN_BLOCK = 32  # documents counted at once: the hit lists of a whole corpus would cost gigabytes


def _scan_chunk(indexes: range) -> SpanTable:
    """Worker: pass 2 over a run of documents, counted a block of documents at a time into one
    table (the same table as counting the run at once: entries keep first-seen order)."""
    table = SpanTable()
    for start in range(indexes.start, indexes.stop, SCAN_BLOCK):
        block = range(start, min(indexes.stop, start + SCAN_BLOCK))
        count_spans_into(table, [_doc_string(_SCAN_DOCS[d]) for d in block], _SCAN_CANDIDATES, block)
    return table



def scan_documents(documents: list[Document], candidates: frozenset[str], jobs: int,
                   progress: Progress | None):
    """Pass 2: every occurrence of every candidate; yields, in document order, merged chunks."""
    global _SCAN_DOCS, _SCAN_CANDIDATES
    _SCAN_DOCS, _SCAN_CANDIDATES = documents, candidates
    try:
        # Workers find the documents and candidates in memory inherited by fork.
        if context().get_start_method() != "fork":
            jobs = 1
        # One run per process: the parent merges the runs' tables, a Python loop per entry.
        n = len(documents)
        sizes = [sum(map(len, d.paragraphs())) for d in documents]
        blocks = [range(0, n)] if jobs <= 1 else chunks(n, jobs, sizes)
        if jobs > 1:
            blocks = merge_pairs(blocks)
        yield from pool_imap(_scan_chunk, blocks, jobs, progress, "scan", n)
    finally:
        _SCAN_DOCS, _SCAN_CANDIDATES = [], frozenset()



_NO_DOCS = array(DOC_INDEX)


class SpanPlaces:
    """Which documents hold a span, and example sentences (for the spans kept only)."""

    def __init__(self, table: SpanTable, documents: list[Document]):
        self.table = table
        self.docs = documents

    def doc_indexes(self, span: str) -> array:
        return self.table.docs.get(span, _NO_DOCS)

    def text(self, d: int) -> str:
        """Document ``d``'s texts as pass 2 read them, a line each (not kept: a corpus's worth of strings)."""
        return _doc_string(self.docs[d])

    def examples(self, spans) -> dict[str, list[str]]:
        """span → one or two example sentences, from the first documents using it.

        Document by document, each document's text built once and let go: kept for
        every span's first documents, they would be a good part of the corpus again.
        """
        wanted: dict[int, list[str]] = {}
        for span in spans:
            for d in self.doc_indexes(span)[:2]:
                wanted.setdefault(d, []).append(span)
        found: dict[tuple[str, int], str] = {}
        for d in sorted(wanted):
            text = self.text(d)
            for span in wanted[d]:
                pos = text.find(span)
                found[span, d] = sentence_around(text, pos, pos + 4)
        out: dict[str, list[str]] = {}
        for span in spans:
            sentences = out[span] = []
            for d in self.doc_indexes(span)[:2]:
                if found[span, d] not in sentences:
                    sentences.append(found[span, d])
        return out
