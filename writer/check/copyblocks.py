"""The copy index kept as a block file (writer.io.cache.BlockFile), read in part by a short draft.

A bank mined from a province's reports has a copy index of some 3 million
entries and 11 million characters of text: reading, verifying and unpacking
all of it costs a 5 KB draft more than checking it. The index is stored as
blocks: its entries' hashes (sorted) KEY_BLOCK at a time, their places as many at a time
(4 bytes each; a long draft reads each half in one piece and uses it as it is, a short one
reads block b of both), the bitmap, and the corpus text TEXT_BLOCK characters at a time
(UTF-16: two bytes a Chinese character, against UTF-8's three, and decoded in half the
time; UTF-8 for a text holding a lone surrogate, which UTF-16 could pair with its
neighbour). The header holds the documents, their starts, the first hash of each entry
block (its fence) and the text's encoding.

A draft with few windows against a large index (``lazy_for``) looks each window
up in the entry blocks its fences name and reads the text blocks it compares
with, through ``BlockText``; any other draft loads the whole index (``load``).
Both give the same places in the same order, so the same runs.
"""

from __future__ import annotations

import bisect
import re

from writer.io.cache import BlockFile

KEY_BLOCK = 1024            # index entries per block (8 KB)
TEXT_BLOCK = 1 << 14        # characters of corpus text per block
BITMAP_BLOCK = 1 << 20      # bytes of bitmap per block
# A draft with fewer windows than 1/LAZY_SHARE of the index entries reads blocks as it goes.
LAZY_SHARE = 64


def to_blocks(index) -> tuple[tuple, list[bytes]]:
    """(header, blocks) of a CorpusIndex built in memory."""
    hashes, locs = index.hashes.tobytes(), index.locs.tobytes()
    step = 4 * KEY_BLOCK
    key_blocks = [hashes[a:a + step] for a in range(0, len(hashes), step)]
    key_blocks += [locs[a:a + step] for a in range(0, len(locs), step)]
    fences = [index.hashes[k] for k in range(0, len(index.hashes), KEY_BLOCK)]
    bitmap = bytes(index.bitmap)
    bitmap_blocks = [bitmap[a:a + BITMAP_BLOCK] for a in range(0, len(bitmap), BITMAP_BLOCK)]
    text = index.text
    codec = "utf-8" if re.search("[\ud800-\udfff]", text) else "utf-16-le"
    text_blocks = [text[a:a + TEXT_BLOCK].encode(codec, "surrogatepass") for a in range(0, len(text), TEXT_BLOCK)]
    head = ([list(d) for d in index.docs], list(index.starts), fences, len(index.hashes), len(key_blocks) // 2,
            len(bitmap_blocks), len(text), len(text_blocks), codec)
    return head, key_blocks + bitmap_blocks + text_blocks


class IndexBlocks:
    """The parts of a stored index, each read on first use."""

    def __init__(self, blocks: BlockFile):
        docs, starts, fences, count, key_blocks, bitmap_blocks, text_length, text_blocks, codec = blocks.head
        self.docs = [tuple(d) for d in docs]
        self.starts = list(starts)
        self.count = int(count)
        self._fences = list(fences)
        self._file = blocks
        self._key_blocks, self._bitmap_blocks = int(key_blocks), int(bitmap_blocks)
        self._text_first = 2 * self._key_blocks + self._bitmap_blocks
        self.text_length, self._text_blocks = int(text_length), int(text_blocks)
        self._codec = codec
        self._entries: dict[int, tuple[memoryview, memoryview]] = {}
        self.text = BlockText(self)

    @staticmethod
    def fits(head) -> bool:
        return isinstance(head, tuple) and len(head) == 9 and isinstance(head[2], list) and \
            head[8] in ("utf-8", "utf-16-le")

    def lazy_for(self, windows: int) -> bool:
        """Whether a draft of ``windows`` windows is better looked up block by block."""
        return windows * LAZY_SHARE < self.count

    # the whole index --------------------------------------------------------

    def load(self) -> tuple[memoryview, memoryview, bytes, str]:
        """(hashes, locs, bitmap, text), every block read and verified; the hashes and places
        are the bytes read, seen as numbers (no copy: 24 MB for a provincial bank)."""
        count = self._key_blocks
        hashes = memoryview(self._file.read(0, count - 1) if count else b"").cast("I")
        locs = memoryview(self._file.read(count, 2 * count - 1) if count else b"").cast("I")
        bitmap = self._file.read(2 * count, self._text_first - 1) if self._bitmap_blocks else b""
        text = (self._file.read(self._text_first, self._text_first + self._text_blocks - 1)
                .decode(self._codec, "surrogatepass") if self._text_blocks else "")
        return hashes, locs, bitmap, text

    # lookups ----------------------------------------------------------------

    def _block(self, b: int) -> tuple[memoryview, memoryview]:
        """(hashes, places) of entry block ``b``."""
        if b not in self._entries:
            self._entries[b] = (memoryview(self._file.read(b)).cast("I"),
                                memoryview(self._file.read(self._key_blocks + b)).cast("I"))
        return self._entries[b]

    def locs_of(self, h: int, limit: int):
        """The places of hash ``h`` in index order; None when there are more than ``limit``."""
        fences = self._fences
        first = max(0, bisect.bisect_left(fences, h) - 1)
        last = bisect.bisect_right(fences, h) - 1
        out: list[int] = []
        for b in range(first, last + 1):
            hashes, places = self._block(b)
            lo = bisect.bisect_left(hashes, h)
            out.extend(places[lo:bisect.bisect_right(hashes, h, lo)])
            if len(out) > limit:
                return None
        return out

    def text_block(self, k: int) -> str:
        return self._file.read(self._text_first + k).decode(self._codec, "surrogatepass")


class BlockText:
    """The corpus text of an IndexBlocks, read TEXT_BLOCK characters at a time: what the
    search asks of a str (length, one character, a slice, ``startswith``), the same answers."""

    def __init__(self, blocks: IndexBlocks):
        self._blocks = blocks
        self._length = blocks.text_length
        self._read: dict[int, str] = {}

    def __len__(self) -> int:
        return self._length

    def _span(self, a: int, b: int) -> str:
        if a >= b:
            return ""
        first, last = a // TEXT_BLOCK, (b - 1) // TEXT_BLOCK
        for k in range(first, last + 1):
            if k not in self._read:
                self._read[k] = self._blocks.text_block(k)
        text = self._read[first] if first == last else "".join(self._read[k] for k in range(first, last + 1))
        offset = first * TEXT_BLOCK
        return text[a - offset:b - offset]

    def __getitem__(self, key):
        if isinstance(key, slice):
            a, b, step = key.indices(self._length)
            if step != 1:
                raise ValueError("BlockText slices have step 1")
            return self._span(a, b)
        k = key + self._length if key < 0 else key
        if not 0 <= k < self._length:
            raise IndexError("BlockText index out of range")
        return self._span(k, k + 1)

    def startswith(self, prefix: str, start: int = 0) -> bool:
        """``str.startswith(prefix, start)`` of the text (a negative start counts from the end)."""
        if start < 0:
            start = max(0, start + self._length)
        if start > self._length:
            return False
        return self._span(start, min(self._length, start + len(prefix))) == prefix
