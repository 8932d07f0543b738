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
cache folder and rebuilt when the content of documents.jsonl changes; it is
read through a memory map (writer.check.copyblocks), so a draft touches only
the pages its lookups need.

Window hashes and the bitmap probe are computed for all windows of a text
at once (writer.check.windows).
"""

from __future__ import annotations

import bisect
from array import array
from itertools import accumulate, compress, islice, repeat
from operator import add, lshift, mul, or_, sub
from pathlib import Path
from typing import Callable, Iterable

from writer.check.copyblocks import WIDE, IndexBlocks, MappedText, to_blocks
from writer.check.rulecache import own_pattern
from writer.check.windows import codes_of, encoded, new_bitmap, probe, window_hash, window_hashes
from writer.io import cache
from writer.slotted import ValueRecord

WINDOW = 8
STEP = 4            # corpus sampling
DRAFT_STEP = 3      # draft sampling; coprime with STEP
MIN_GUARANTEED = WINDOW + STEP * DRAFT_STEP - 1
# A window indexed at more places than this is a stock formula, not a source.
MAX_HITS = 64
# Draft windows hashed at once (writer.check.windows): bounds the probe's memory on a long draft.
PROBE_BLOCK = 1 << 17
# A draft with more windows to look up than 1/COPY_SHARE of the mapped corpus text's units
# compares in a copy of the text (one read at C speed) rather than through the map.
COPY_SHARE = 4096
MASK = "\x00"
SEPARATOR = "\x01"
FORMAT_VERSION = 9
CACHE_NAME = "check-copy.blocks"

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULL_WIDTH = own_pattern("[\uff01-\uff5e]")
_KEEP = own_pattern(r"[^\s\x00-\x1f]+")
_ODD_CONTROL = own_pattern(r"[\x00-\x08\x0e-\x1b]")     # control characters that are not whitespace


def fold(text: str) -> str:
    """``text`` with full-width ASCII folded to ASCII (same as ``text.translate(_FOLD)``)."""
    # Chinese prose uses a handful of the 94 full-width forms (，：；（）！？): one C-speed
    # replace of each form present costs a third of translate()'s call per character.
    for form in set(_FULL_WIDTH.findall(text)):
        text = text.replace(form, chr(ord(form) - 0xFEE0))
    return text


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
            # control characters (MASK among them), split and join (C speed) keep what
            # _KEEP keeps: done once for all spans joined by MASK, then cut at it again.
            segments = "".join(MASK.join([text[a:b] for a, b in spans]).split()).split(MASK)
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


class CopyRun(ValueRecord):
    """A run of the draft [start, end) (normalised offsets) found in corpus document ``doc``.
    A slotted record (writer.slotted): a dataclass would be made at every check's import."""

    __slots__ = _fields = ("start", "end", "doc", "docs")

    def __init__(self, start: int, end: int, doc: int, docs: int):
        # docs: how many corpus documents hold the whole run
        self.start, self.end, self.doc, self.docs = start, end, doc, docs


class CorpusIndex:
    """Sampled window index of a corpus of documents; see the module docstring.

    Built in memory (``build``: the corpus text a str) or mapped from the cache's block
    file (``cached``: every part a view of the file, the text a MappedText).
    """

    def __init__(self, docs: list[tuple[str, str]], starts: list[int], hashes, locs, bitmap,
                 text: "str | MappedText"):
        self.docs = docs                # [(id, title)]
        self.starts = starts            # start offset of each document in the corpus text
        self.hashes, self.locs, self.bitmap = hashes, locs, bitmap
        self._mask = len(bitmap) * 8 - 1
        self._view = text               # what the search reads the corpus text through
        self._width = 1 if isinstance(text, str) else text.width

    @property
    def text(self) -> str:
        """The normalised corpus: documents joined by SEPARATOR."""
        return self._view if isinstance(self._view, str) else self._view.whole()

    def __len__(self) -> int:
        return len(self.docs)

    def entries(self) -> int:
        """How many windows the index holds."""
        return len(self.hashes)

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
        return cls(docs, starts, hashes, locs, bitmap, corpus)

    # caching ----------------------------------------------------------------

    @classmethod
    def cached(cls, root: Path, source_files: list[Path],
               documents: Callable[[], Iterable[tuple[str, str, str]]]) -> "CorpusIndex":
        """The index of ``source_files`` from the cache of folder ``root``, built when stale.

        ``documents`` is called (only when building) to get (id, title, text) tuples.
        The cache is a block file mapped in memory (writer.check.copyblocks): a draft
        reads the pages its lookups need, not the whole index.
        """
        key = (FORMAT_VERSION, WINDOW, STEP, tuple(cache.content_stamp(p) for p in source_files))
        path = cache.cache_file(root, CACHE_NAME)
        stored = cache.BlockFile.open(path, key)
        blocks = IndexBlocks.open(stored) if stored is not None else None
        if blocks is not None:
            return cls(blocks.docs, blocks.starts, blocks.hashes, blocks.locs, blocks.bitmap, blocks.text)
        index = cls.build(documents())
        cache.store_blocks(path, key, *to_blocks(index))
        return index

    # searching --------------------------------------------------------------

    def doc_of(self, loc: int) -> int:
        return bisect.bisect_right(self.starts, loc) - 1

    def _locs_of(self, h: int, limit: int):
        """The places of window hash ``h``, in index order; None when there are more than ``limit``."""
        index = self.hashes
        lo = bisect.bisect_left(index, h)
        if lo == len(index) or index[lo] != h:
            return ()
        if lo + limit < len(index) and index[lo + limit] == h:
            return None
        return self.locs[lo:bisect.bisect_right(index, h, lo, min(lo + limit, len(index)))]

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
        return self._holding(passage, self._units(passage), self._view, enough)

    def _holding(self, passage: str, units, corpus, enough: int | None) -> set[int]:
        """docs_holding of a long ``passage`` given in ``units`` of the corpus units ``corpus``."""
        codes = codes_of(passage)
        w = self._width
        found: set[int] = set()
        for offset in range(STEP):
            places = self._locs_of(window_hash(codes, offset, WINDOW), MAX_HITS * 4)
            if places is None:
                # Stock formula: count as held by many documents.
                return set(range(len(self.docs)))
            if places:
                # The places whose text holds the passage, and their documents, in C-speed maps.
                starts = list(filter((0).__le__, map(sub, places, repeat(offset))))
                held = compress(starts, map(corpus.startswith, repeat(units), map(mul, starts, repeat(w))))
                found.update(map(sub, map(bisect.bisect_right, repeat(self.starts), held), repeat(1)))
                if enough is not None and len(found) >= enough:
                    break
        return found

    def _units(self, norm: str):
        """``norm`` in the units the corpus text is compared in (writer.check.copyblocks): itself
        for an index built in memory, else its fixed-width encoding, characters that encoding
        would make wider (which the corpus text does not hold) read as MASK, which matches nothing."""
        if isinstance(self._view, str):
            return norm
        codec = self._view.codec
        if codec == "utf-16-le" and WIDE.search(norm):
            norm = WIDE.sub(MASK, norm)
        return encoded(norm, codec)

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
        maybe = self._probe(norm)
        if not maybe:
            return []
        corpus = self._view
        if not isinstance(corpus, str) and len(maybe) * COPY_SHARE > len(corpus):
            corpus = corpus.copied()     # many lookups: compared at C speed in one copy of the text
        return _Search(self, norm, self._units(norm), corpus, max(min_chars, WINDOW)).runs(enough_docs, maybe)


class _Search:
    """One draft's search for runs through an index. Offsets are in characters; the draft and
    the corpus text are compared in units (``width`` of them a character; see CorpusIndex._units)."""

    def __init__(self, index: CorpusIndex, norm: str, units, corpus, min_chars: int):
        self.index, self.norm, self.units, self.corpus = index, norm, units, corpus
        self.w = index._width
        self.min_chars = min_chars
        self.size = len(corpus) // self.w
        self.starts_with = corpus.startswith
        # A run of min_chars through a window reaches this many characters beyond it on one side.
        self.half = (min_chars - WINDOW + 1) // 2

    def runs(self, enough_docs: int | None, maybe: list[tuple[int, int]]) -> list[CopyRun]:
        """The runs through the draft windows ``maybe`` (see CorpusIndex.find_runs)."""
        index, w, units = self.index, self.w, self.units
        runs: list[CopyRun] = []
        floor = 0               # runs do not overlap
        # A window recurs in a long draft (set phrases, a repeated passage): its places are
        # looked up once, with the unit offsets _reaching compares at.
        known: dict[int, object] = {}
        locs_of, norm = index._locs_of, self.norm
        for j, h in maybe:
            i = j * DRAFT_STEP
            if i < floor:
                continue
            # Most probed windows are the bitmap's false positives, unindexed or stock
            # formulas: settled here from the memo, before any call per window.
            entry = known.get(h, known)
            if entry is known:
                places = locs_of(h, MAX_HITS)
                entry = known[h] = self._prepared(places) if places else None
            if entry is None or MASK in norm[i:i + WINDOW]:
                continue
            places = self._reaching(i, entry)
            if not places:
                continue
            best = self._longest(i, places, floor)
            if best and best[1] - best[0] >= self.min_chars:
                a, b, g = best
                holders = index._holding(self.norm[a:b], units[w * a:w * b], self.corpus, enough_docs)
                runs.append(CopyRun(a, b, index.doc_of(g), max(1, len(holders))))
                floor = b
        return runs

    def _prepared(self, places) -> tuple[list[int], list[int], list[int]]:
        """(``places``, the unit offsets just past each place's window, those ``half``
        characters before each place): what _reaching compares at, made once per window."""
        w, half = self.w, self.half
        places = list(places)
        return (places, list(map(mul, map(add, places, repeat(WINDOW)), repeat(w))),
                list(map(mul, map(sub, places, repeat(half)), repeat(w))))

    def _reaching(self, i: int, entry: tuple[list[int], list[int], list[int]]) -> list[int]:
        """Those of the places of ``entry`` (corpus places of the draft window at ``i``, as
        _prepared gives them) a run of ``min_chars`` through the window may pass through."""
        starts_with, units, w, half = self.starts_with, self.units, self.w, self.half
        places, after_at, before_at = entry
        # A run of min_chars through a window reaches ``half`` characters beyond it
        # on one side at least: a test made for all of a window's places at once.
        after = units[w * (i + WINDOW):w * (i + WINDOW + half)]
        if len(places) == 1:
            return places if starts_with(after, after_at[0]) or \
                (i >= half and starts_with(units[w * (i - half):w * i], before_at[0])) else []
        reach = map(starts_with, repeat(after), after_at)
        if i >= half:
            reach = map(or_, reach, map(starts_with, repeat(units[w * (i - half):w * i]), before_at))
        return list(compress(places, reach))

    def _longest(self, i: int, places, floor: int) -> tuple[int, int, int] | None:
        """The longest run (draft start, draft end, corpus start) through the window at ``i``
        among ``places``, starting at ``floor`` or later; the first wins among equals."""
        corpus, units, w, min_chars = self.corpus, self.units, self.w, self.min_chars
        n, size = len(self.norm), self.size
        starts_with = self.starts_with
        window = units[w * i:w * (i + WINDOW)]
        best, best_text = None, ""
        probes = shifts = None
        for loc in places:
            if corpus[w * loc:w * (loc + WINDOW)] != window:
                continue
            if best is not None:
                # A place holding the whole best run on its diagonal is longer
                # only if it reaches one character further (equal length: the first wins).
                a, b, g = best
                at = loc - (i - a)
                if at >= 0 and starts_with(best_text, w * at) and \
                        not (a > floor and at > 0 and corpus[w * (at - 1):w * at] == units[w * (a - 1):w * a]) and \
                        not (b < n and at + b - a < size and
                             corpus[w * (at + b - a):w * (at + b - a + 1)] == units[w * b:w * (b + 1)]):
                    continue
            # A run of min_chars through the window starts k characters before it,
            # for some k: one C-speed comparison per k before measuring anything.
            if probes is None:
                ks = range(min(min_chars - WINDOW, i - floor) + 1)
                probes = [units[w * (i - k):w * (i - k + min_chars)] for k in ks]
                shifts = [w * k for k in ks]
            if not any(map(starts_with, probes, map(sub, repeat(w * loc), shifts))):
                continue
            # The mask and the separator never match: runs stop at them by themselves.
            right = _shared_length(units, i + WINDOW, corpus, loc + WINDOW,
                                   min(n - i - WINDOW, size - loc - WINDOW), True, w)
            # What the left side must add to reach min_chars and beat the best so far;
            # one comparison tells whether it does before it is measured.
            need = max(min_chars, best[1] - best[0] + 1 if best is not None else 0) - WINDOW - right
            if need > 0 and (need > min(i - floor, loc) or
                             not starts_with(units[w * (i - need):w * i], w * (loc - need))):
                continue
            left = _shared_length(units, i, corpus, loc, min(i - floor, loc), False, w)
            a, b = i - left, i + WINDOW + right
            if best is None or b - a > best[1] - best[0]:
                best = (a, b, loc - left)
                best_text = units[w * a:w * b]
        return best


def _shared_length(a, i: int, b, j: int, limit: int, forward: bool, w: int = 1) -> int:
    """How many characters a[i:] and b[j:] share at their start (``forward``), or a[:i] and
    b[:j] at their end (at most ``limit``); ``a`` and ``b`` hold ``w`` units a character.

    Galloping: most window hits extend by a few characters only, copies by hundreds,
    so the compared size doubles while it matches and halves when it does not.
    """
    k, step = 0, 1
    while k < limit:
        size = min(step, limit - k)
        if (a[w * (i + k):w * (i + k + size)] == b[w * (j + k):w * (j + k + size)]) if forward else \
                (a[w * (i - k - size):w * (i - k)] == b[w * (j - k - size):w * (j - k)]):
            k += size
            step *= 2
        elif size == 1:
            break
        else:
            step = size >> 1
    return k
