"""Finding runs of a draft identical to passages of a corpus (the ``copy`` rule).

Both sides are compared after dropping whitespace (PDF copies scatter
spaces) and folding full-width ASCII to ASCII. The corpus is indexed by a
32-bit hash of its 8-character windows at every 4th position of each document;
the draft looks up its windows at every 3rd position. 3 and 4 are coprime,
so within any 12 consecutive draft positions one is sampled on both sides:
every common run of 8 + 12 - 1 = 19 characters or more is found. Each hit is
verified and extended character by character.

The index (sorted hashes, their positions, a bitmap prefilter and the
normalised corpus text) is cached through writer.io.cache in the bank's
cache folder and rebuilt when the content of documents.jsonl changes.

Window hashes and the bitmap probe are computed for all windows of a text
at once (writer.check.windows).
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from itertools import accumulate, compress, islice, repeat
from operator import add, lshift, or_, sub
from pathlib import Path
from typing import Callable, Iterable

from writer.check.copyblocks import KEY_BLOCK, TEXT_BLOCK, BlockText, IndexBlocks, to_blocks
from writer.check.windows import codes_of, new_bitmap, probe, window_hash, window_hashes
from writer.io import cache
from writer.io.cache import BlockDamaged

WINDOW = 8
STEP = 4            # corpus sampling
DRAFT_STEP = 3      # draft sampling; coprime with STEP
MIN_GUARANTEED = WINDOW + STEP * DRAFT_STEP - 1
# A window indexed at more places than this is a stock formula, not a source.
MAX_HITS = 64
# Draft windows hashed at once (writer.check.windows): bounds the probe's memory on a long draft.
PROBE_BLOCK = 1 << 17
MASK = "\x00"
SEPARATOR = "\x01"
FORMAT_VERSION = 8
CACHE_NAME = "check-copy.blocks"

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_KEEP = re.compile(r"[^\s\x00-\x1f]+")
_ODD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b]")     # control characters that are not whitespace
_fold_table: list[int] | None = None


def fold(text: str) -> str:
    """``text`` with full-width ASCII folded to ASCII (same as ``text.translate(_FOLD)``)."""
    global _fold_table
    if _fold_table is None:
        # A list indexed by code point answers every lookup; a dict raises KeyError
        # for each unmapped character, which makes translate() twice as slow.
        # Characters beyond the list (above U+FFFF) raise IndexError: left as they are.
        table = list(range(0x10000))
        for c, folded in _FOLD.items():
            table[c] = folded
        _fold_table = table
    return text.translate(_fold_table)


class Normalised:
    """A text without whitespace and control characters, full-width ASCII folded.

    ``spans`` (default: the whole text) are the parts kept; the gaps between
    them become one MASK character, which matches nothing, so no run crosses
    a gap. ``offset(k)`` maps a character of the normalised text back to the
    original text.
    """

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None):
        self._source = text
        spans = list(spans) if spans is not None else [(0, len(text))]
        if _ODD_CONTROL.search(text) is None:
            # str.split() drops exactly the whitespace \s drops; without other
            # control characters, split and join (C speed) keep what _KEEP keeps.
            segments = ["".join(text[a:b].split()) for a, b in spans]
        else:
            segments = ["".join(_KEEP.findall(text, a, b)) for a, b in spans]
        # No mask before the first span that keeps anything, one before each later span.
        first = next((k for k, segment in enumerate(segments) if segment), len(segments))
        # Kept as arrays of numbers: a draft of a million lines would otherwise hold a
        # million strings and tuples here besides the text itself.
        self._span_starts = array("q", (a for a, _ in islice(spans, first, None)))
        self._span_ends = array("q", (b for _, b in islice(spans, first, None)))
        self._lengths = array("q", map(len, islice(segments, first, None)))
        self._starts = array("q", accumulate(self._lengths[:-1], lambda a, n: a + n + 1, initial=0))
        # Folding keeps every character's length and whitespace class: fold once joined.
        self.text = fold(MASK.join(islice(segments, first, None)))

    def offset(self, k: int) -> int:
        """Offset in the original text of normalised character ``k``."""
        j = max(0, bisect.bisect_right(self._starts, k) - 1)
        local = k - self._starts[j]
        start, end = self._span_starts[j], self._span_ends[j]
        if local >= self._lengths[j]:
            return end              # the mask after span j stands for the gap that follows it
        for m in _KEEP.finditer(self._source, start, end):
            size = m.end() - m.start()
            if local < size:
                return m.start() + local
            local -= size
        return end


def normalise(text: str) -> str:
    """``text`` without whitespace and control characters, full-width ASCII folded."""
    return Normalised(text).text


@dataclass
class CopyRun:
    """A run of the draft [start, end) (normalised offsets) found in corpus document ``doc``."""

    start: int
    end: int
    doc: int
    docs: int   # how many corpus documents hold the whole run


class CorpusIndex:
    """Sampled window index of a corpus of documents; see the module docstring.

    Built in memory (``build``) or read from the cache's block file
    (writer.check.copyblocks), whose parts a short draft reads only as far as it needs.
    """

    def __init__(self, docs: list[tuple[str, str]], starts: list[int], hashes: array | None,
                 locs: array | None, bitmap: bytes | bytearray | None, text: str | None = None,
                 blocks: IndexBlocks | None = None, rebuild: Callable[[], "CorpusIndex"] | None = None):
        self.docs = docs                # [(id, title)]
        self.starts = starts            # start offset of each document in the corpus text
        self._hashes, self._locs, self._bitmap, self._text = hashes, locs, bitmap, text
        self._mask = len(bitmap) * 8 - 1 if bitmap is not None else 0
        self._blocks = blocks
        self._rebuild = rebuild         # the index built from the documents, when a block is damaged
        self._lookup = self._locs_of
        self._view: "str | BlockText | None" = None

    def _load(self) -> None:
        """Every part of the index in memory (from the block file, else built afresh)."""
        if self._hashes is not None:
            return
        try:
            self._hashes, self._locs, self._bitmap, self._text = self._blocks.load()
        except BlockDamaged:
            built = self._rebuild()
            self._hashes, self._locs, self._bitmap, self._text = built.hashes, built.locs, built.bitmap, built.text
        self._mask = len(self._bitmap) * 8 - 1
        self._blocks = None

    @property
    def hashes(self) -> array:
        self._load()
        return self._hashes

    @property
    def locs(self) -> array:
        self._load()
        return self._locs

    @property
    def bitmap(self) -> bytes | bytearray:
        self._load()
        return self._bitmap

    @property
    def text(self) -> str:
        """The normalised corpus: documents joined by SEPARATOR."""
        self._load()
        return self._text

    def __len__(self) -> int:
        return len(self.docs)

    def entries(self) -> int:
        """How many windows the index holds."""
        return self._blocks.count if self._blocks is not None else len(self._hashes)

    # building ---------------------------------------------------------------

    @classmethod
    def build(cls, documents: Iterable[tuple[str, str, str]]) -> "CorpusIndex":
        """Index documents given as (id, title, text)."""
        docs, starts, pieces = [], [], []
        pos = 0
        for doc_id, title, text in documents:
            norm = normalise(text)
            docs.append((str(doc_id), str(title)))
            starts.append(pos)
            pieces.append(norm)
            pos += len(norm) + 1
        corpus = SEPARATOR.join(pieces)
        codes = codes_of(corpus)
        keys: list[int] = []
        for start, piece in zip(starts, pieces):
            count = (len(piece) - WINDOW) // STEP + 1 if len(piece) >= WINDOW else 0
            _, hashes = window_hashes(codes, start, STEP, count, WINDOW)
            keys.extend(map(or_, map(lshift, hashes, repeat(32)), range(start, start + STEP * count, STEP)))
        keys.sort()
        hashes = array("I", (k >> 32 for k in keys))
        locs = array("I", (k & 0xFFFFFFFF for k in keys))
        bitmap, _ = new_bitmap(hashes)
        return cls(docs, starts, hashes, locs, bitmap, text=corpus)

    # caching ----------------------------------------------------------------

    @classmethod
    def cached(cls, root: Path, source_files: list[Path],
               documents: Callable[[], Iterable[tuple[str, str, str]]]) -> "CorpusIndex":
        """The index of ``source_files`` from the cache of folder ``root``, built when stale.

        ``documents`` is called (only when building) to get (id, title, text) tuples.
        The cache is a block file (writer.check.copyblocks): a short draft reads
        the few blocks its windows and runs need, not the whole index.
        """
        key = (FORMAT_VERSION, WINDOW, STEP, KEY_BLOCK, TEXT_BLOCK,
               tuple(cache.content_stamp(p) for p in source_files))
        path = cache.cache_file(root, CACHE_NAME)
        stored = cache.BlockFile.open(path, key)
        if stored is not None and IndexBlocks.fits(stored.head):
            blocks = IndexBlocks(stored)
            return cls(blocks.docs, blocks.starts, None, None, None, blocks=blocks,
                       rebuild=lambda: cls.build(documents()))
        index = cls.build(documents())
        cache.store_blocks(path, key, *to_blocks(index))
        return index

    # searching --------------------------------------------------------------

    def doc_of(self, loc: int) -> int:
        return bisect.bisect_right(self.starts, loc) - 1

    def _locs_of(self, h: int, limit: int):
        """The places of window hash ``h``, in index order; None when there are more than ``limit``."""
        index = self._hashes
        lo = bisect.bisect_left(index, h)
        if lo == len(index) or index[lo] != h:
            return ()
        if lo + limit < len(index) and index[lo + limit] == h:
            return None
        return self._locs[lo:bisect.bisect_right(index, h, lo, min(lo + limit, len(index)))]

    def docs_holding(self, passage: str, enough: int | None = None) -> set[int]:
        """Documents whose text holds ``passage`` (normalised; at least MIN_GUARANTEED long);
        the search may stop once ``enough`` are found."""
        if len(passage) < MIN_GUARANTEED:
            found = set()
            pos = self.text.find(passage)
            while pos != -1:
                found.add(self.doc_of(pos))
                pos = self.text.find(passage, pos + 1)
            return found
        if self._view is None:
            self._load()
            self._lookup, self._view = self._locs_of, self._text
        codes = codes_of(passage)
        corpus = self._view
        found: set[int] = set()
        for offset in range(STEP):
            places = self._lookup(window_hash(codes, offset, WINDOW), MAX_HITS * 4)
            if places is None:
                # Stock formula: count as held by many documents.
                return set(range(len(self.docs)))
            if places:
                # The places whose text holds the passage, and their documents, in C-speed maps.
                starts = list(filter((0).__le__, map(sub, places, repeat(offset))))
                held = compress(starts, map(corpus.startswith, repeat(passage), starts))
                found.update(map(sub, map(bisect.bisect_right, repeat(self.starts), held), repeat(1)))
                if enough is not None and len(found) >= enough:
                    break
        return found

    def _probe(self, norm: str) -> list[tuple[int, int]]:
        """(number j, hash) of each draft window at j * DRAFT_STEP the bitmap may hold.

        Windows are hashed PROBE_BLOCK at a time: the bulk arithmetic holds some
        40 bytes per window, which for a 100 MB draft would be gigabytes at once.
        """
        total = (len(norm) - WINDOW) // DRAFT_STEP + 1
        out: list[tuple[int, int]] = []
        for first in range(0, total, PROBE_BLOCK):
            count = min(PROBE_BLOCK, total - first)
            start = first * DRAFT_STEP
            codes = codes_of(norm[start:start + DRAFT_STEP * (count - 1) + WINDOW])
            lanes, hashes = window_hashes(codes, 0, DRAFT_STEP, count, WINDOW)
            out.extend((first + j, hashes[j]) for j in probe(lanes, hashes, self.bitmap, self._mask))
        return out

    def find_runs(self, norm: str, min_chars: int, enough_docs: int | None = None) -> list[CopyRun]:
        """Maximal runs of ``norm`` (a normalised draft) of at least ``min_chars`` found in the corpus.

        A run's ``docs`` is exact below ``enough_docs``; from there on counting may stop
        (a caller that ignores passages shared by that many documents need not wait).
        """
        if len(norm) < WINDOW or not self.entries():
            return []
        windows = (len(norm) - WINDOW) // DRAFT_STEP + 1
        if self._blocks is not None and self._blocks.lazy_for(windows):
            try:
                return self._runs(norm, max(min_chars, WINDOW), enough_docs, self._window_list(norm, windows))
            except BlockDamaged:
                pass
            finally:
                self._lookup, self._view = self._locs_of, None
        self._load()
        self._lookup, self._view = self._locs_of, self._text
        try:
            return self._runs(norm, max(min_chars, WINDOW), enough_docs, self._probe(norm))
        finally:
            self._view = None

    def _window_list(self, norm: str, windows: int) -> list[tuple[int, int]]:
        """(number j, hash) of every draft window at j * DRAFT_STEP, and the block lookups set up:
        a short draft against a large index looks each up rather than load the bitmap."""
        _, hashes = window_hashes(codes_of(norm), 0, DRAFT_STEP, windows, WINDOW)
        self._lookup, self._view = self._blocks.locs_of, self._blocks.text
        return list(enumerate(hashes))

    def _runs(self, norm: str, min_chars: int, enough_docs: int | None, maybe: list[tuple[int, int]]) -> list[CopyRun]:
        """The runs through the draft windows ``maybe`` (see find_runs)."""
        if not maybe:
            return []
        runs: list[CopyRun] = []
        floor = 0               # runs do not overlap
        # A window recurs in a long draft (set phrases, a repeated passage): its places are
        # looked up once.
        known: dict[int, object] = {}
        for j, h in maybe:
            i = j * DRAFT_STEP
            if i < floor:
                continue
            places = self._places(norm, i, h, min_chars, known)
            if places is None:
                continue
            best = self._longest(norm, i, places, floor, min_chars)
            if best and best[1] - best[0] >= min_chars:
                a, b, g = best
                holders = self.docs_holding(norm[a:b], enough_docs)
                runs.append(CopyRun(a, b, self.doc_of(g), max(1, len(holders))))
                floor = b
        return runs

    def _places(self, norm: str, i: int, h: int, min_chars: int, known: dict):
        """Corpus places of the draft window at ``i`` (hash ``h``) a run of ``min_chars`` may
        pass through; None when the window is unindexed, masked or a stock formula.
        ``known``: the places of the hashes looked up so far."""
        places = known.get(h, known)
        if places is known:
            places = known[h] = self._lookup(h, MAX_HITS)
        if not places:
            return None         # unindexed, or more than MAX_HITS places
        if MASK in norm[i:i + WINDOW]:
            return None
        starts_with = self._view.startswith
        # A run of min_chars through a window reaches ``half`` characters beyond it
        # on one side at least: a test made for all of a window's places at once.
        half = (min_chars - WINDOW + 1) // 2
        after = norm[i + WINDOW:i + WINDOW + half]
        before = norm[i - half:i] if i >= half else None
        if len(places) == 1:
            loc = places[0]
            return [loc] if starts_with(after, loc + WINDOW) or \
                (before is not None and starts_with(before, loc - half)) else []
        reach = map(starts_with, repeat(after), map(add, places, repeat(WINDOW)))
        if before is not None:
            reach = map(or_, reach, map(starts_with, repeat(before), map(sub, places, repeat(half))))
        return compress(places, reach)

    def _longest(self, norm: str, i: int, places, floor: int, min_chars: int) -> tuple[int, int, int] | None:
        """The longest run (draft start, draft end, corpus start) through the window at ``i``
        among ``places``, starting at ``floor`` or later; the first wins among equals."""
        corpus = self._view
        n, size = len(norm), len(corpus)
        starts_with = corpus.startswith
        window = norm[i:i + WINDOW]
        best, best_text = None, ""
        probes = shifts = None
        for loc in places:
            if corpus[loc:loc + WINDOW] != window:
                continue
            if best is not None:
                # A place holding the whole best run on its diagonal is longer
                # only if it reaches one character further (equal length: the first wins).
                a, b, g = best
                at = loc - (i - a)
                if at >= 0 and starts_with(best_text, at) and \
                        not (a > floor and at > 0 and corpus[at - 1] == norm[a - 1]) and \
                        not (b < n and at + b - a < size and corpus[at + b - a] == norm[b]):
                    continue
            # A run of min_chars through the window starts k characters before it,
            # for some k: one C-speed comparison per k before measuring anything.
            if probes is None:
                shifts = range(min(min_chars - WINDOW, i - floor) + 1)
                probes = [norm[i - k:i - k + min_chars] for k in shifts]
            if not any(map(starts_with, probes, map(sub, repeat(loc), shifts))):
                continue
            # The mask and the separator never match: runs stop at them by themselves.
            right = _shared_length(norm, i + WINDOW, corpus, loc + WINDOW,
                                   min(n - i - WINDOW, size - loc - WINDOW), True)
            # What the left side must add to reach min_chars and beat the best so far;
            # one comparison tells whether it does before it is measured.
            need = max(min_chars, best[1] - best[0] + 1 if best is not None else 0) - WINDOW - right
            if need > 0 and (need > min(i - floor, loc) or not starts_with(norm[i - need:i], loc - need)):
                continue
            left = _shared_length(norm, i, corpus, loc, min(i - floor, loc), False)
            a, b = i - left, i + WINDOW + right
            if best is None or b - a > best[1] - best[0]:
                best = (a, b, loc - left)
                best_text = norm[a:b]
        return best


def _shared_length(a: str, i: int, b: str, j: int, limit: int, forward: bool) -> int:
    """How many characters a[i:] and b[j:] share at their start (``forward``), or a[:i] and
    b[:j] at their end (at most ``limit``).

    Galloping: most window hits extend by a few characters only, copies by hundreds,
    so the compared size doubles while it matches and halves when it does not.
    """
    k, step = 0, 1
    while k < limit:
        size = min(step, limit - k)
        if (a[i + k:i + k + size] == b[j + k:j + k + size]) if forward else \
                (a[i - k - size:i - k] == b[j - k - size:j - k]):
            k += size
            step *= 2
        elif size == 1:
            break
        else:
            step = size >> 1
    return k
