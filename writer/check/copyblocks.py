"""The copy index kept as a block file (writer.io.cache.BlockFile), mapped in memory, never read whole.

A bank mined from a province's reports has a copy index of some 3 million
entries and 12 million characters of text (57 MB): reading, verifying and
decoding all of it cost a 1 MB draft 0.2 s and a 5 KB draft far more than
checking it. The index is stored as four blocks: its entries' hashes (sorted,
4 bytes each), their places (4 bytes each), the bitmap, and the corpus text in a
fixed-width encoding (UTF-16: two bytes a character, when every character is
in the Basic Multilingual Plane and no lone surrogate is present; else UTF-32),
so that character k is at byte k * width and the search compares bytes (the
draft encoded the same way) without decoding the text. The header (signed, as every cache
file) holds the documents, their starts, the entry count, the text's length
and encoding.

The blocks are memory-mapped and not verified: a draft touches only the pages
its lookups need (bitmap bytes, a few binary-search steps, the text around
each hit). Every read is bounds-checked (the sizes are checked against the
header when opened, slices of a view never reach beyond it, text is decoded
only whole and then with replacement of what does not decode), so a damaged
or crafted block can only give wrong answers: it cannot run code or crash.
"""

from __future__ import annotations

from writer.check.rulecache import own_pattern
from writer.io.cache import BlockFile

_WIDTH = {"utf-16-le": 2, "utf-32-le": 4}
# Characters UTF-16 would not store in one unit (lone surrogates, which it could also
# pair with a neighbour, and characters beyond the Basic Multilingual Plane).
WIDE = own_pattern("[\ud800-\udfff\U00010000-\U0010ffff]")


def to_blocks(index) -> tuple[tuple, list[bytes]]:
    """(header, blocks) of a CorpusIndex built in memory."""
    text = index.text
    codec = "utf-32-le" if WIDE.search(text) else "utf-16-le"
    head = ([list(d) for d in index.docs], list(index.starts), len(index.hashes), len(text), codec)
    blocks = [index.hashes.tobytes(), index.locs.tobytes(), bytes(index.bitmap),
              text.encode(codec, "surrogatepass")]
    return head, blocks


class IndexBlocks:
    """The parts of a stored index, as views of the mapped file."""

    def __init__(self, head, views: list[memoryview]):
        docs, starts, _, _, codec = head
        self.docs = [tuple(d) for d in docs]
        self.starts = list(starts)
        hashes, locs, bitmap, text = views
        self.hashes, self.locs = hashes.cast("I"), locs.cast("I")
        self.bitmap = bitmap
        self.text = MappedText(text, codec)

    @classmethod
    def open(cls, stored: BlockFile) -> "IndexBlocks | None":
        """The index of block file ``stored``; None when its header or block sizes do not fit."""
        head = stored.head
        if not (isinstance(head, tuple) and len(head) == 5 and isinstance(head[0], list)
                and isinstance(head[1], list) and isinstance(head[2], int) and isinstance(head[3], int)
                and head[4] in _WIDTH and len(stored) == 4):
            return None
        views = stored.mapped()
        if views is None:
            return None
        count, length, width = head[2], head[3], _WIDTH[head[4]]
        hashes, locs, bitmap, text = map(len, views)
        if hashes != 4 * count or locs != 4 * count or text != width * length or bitmap < 1 or \
                bitmap & (bitmap - 1):
            return None
        return cls(head, views)


class MappedText:
    """The corpus text of a mapped index as the search compares it: in units of its fixed-width
    encoding (``width`` bytes a character), with what the search asks of a bytes object (length,
    a slice, ``startswith``), the same answers, read from the map."""

    def __init__(self, data: memoryview, codec: str):
        self._data = data
        self.codec = codec
        self.width = _WIDTH[codec]
        self._whole: str | None = None

    def __len__(self) -> int:
        return len(self._data)

    def __getitem__(self, key: slice) -> bytes:
        return bytes(self._data[key])

    def startswith(self, prefix: bytes, start: int = 0) -> bool:
        """``bytes.startswith(prefix, start)`` of the units (a negative start counts from the end)."""
        if start < 0:
            start = max(0, start + len(self._data))
        if start > len(self._data):
            return False
        return self._data[start:start + len(prefix)] == prefix

    def copied(self) -> bytes:
        """Every unit in one bytes object (compared at C speed, without a call per comparison)."""
        return bytes(self._data)

    def whole(self) -> str:
        """The whole text decoded (once): for searches the index cannot answer (short passages)."""
        if self._whole is None:
            try:
                self._whole = str(self._data, self.codec, "surrogatepass")
            except UnicodeDecodeError:      # a damaged or crafted block: wrong answers, not a crash
                self._whole = str(self._data, self.codec, "replace")
        return self._whole
