"""Hashes of many fixed-width windows of a text at once, and a bitmap probed for all of them.

The hash of a window of code points x0…x(w-1) is sum(MULTIPLIERS[t] * xt) mod
2**32. Being linear, it is computed for every window of a text together with
big-integer arithmetic: one 64-bit lane per window, the t-th code point of
every window copied into the lanes by one strided memoryview copy, then one
multiplication and one addition per t over the whole big integer (each lane
stays below 8 * 2**32 * 2**21 < 2**64, so lanes never carry into each other).
A bitmap of the hashes a caller looks for is then probed for every window by
one gather (itemgetter) and one AND. On a 1 MB draft this costs a fraction of
a Python loop over the windows, which is what the copy rule and the phrase
scanner would otherwise pay.
"""

from __future__ import annotations

from _codecs import utf_16_le_encode, utf_32_le_encode
from array import array
from itertools import compress
from operator import itemgetter

# Odd 32-bit constants: windows differing in one character always hash differently.
MULTIPLIERS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646D, 0xFD7046C5, 0xB55A4F09)
LANE = 8                       # bytes per window in the big-integer arithmetic
_BIT = bytes(1 << (i & 7) for i in range(256))


# The fixed-width encoders themselves, which str.encode would find by importing the codec's
# module from the encodings package first (about 0.7M instructions each, at every check).
ENCODERS = {"utf-16-le": utf_16_le_encode, "utf-32-le": utf_32_le_encode}


def encoded(text: str, codec: str) -> bytes:
    """``text.encode(codec, "surrogatepass")`` for a codec of ENCODERS."""
    return ENCODERS[codec](text, "surrogatepass")[0]


def codes_of(text: str) -> memoryview:
    """The code points of ``text`` (lone surrogates included), memoryview format ``I``."""
    return memoryview(utf_32_le_encode(text, "surrogatepass")[0]).cast("I")


def lanes_of(count: int, value: int) -> int:
    """A big integer holding ``value`` in each of ``count`` 64-bit lanes."""
    return int.from_bytes(value.to_bytes(LANE, "little") * count, "little")


def window_hashes(codes: memoryview, first: int, step: int, count: int,
                  width: int = len(MULTIPLIERS)) -> tuple[int, memoryview]:
    """Hashes of the ``count`` windows of ``width`` code points starting at ``first``,
    ``first + step``, … of ``codes``: the big integer of 64-bit lanes (hash in the
    low half of each) and the hashes themselves (a view of ints)."""
    if count <= 0:
        return 0, memoryview(b"").cast("I")
    lanes = bytearray(LANE * count)
    wide = memoryview(lanes).cast("I")
    total = 0
    for t in range(width):
        # Code point t of every window into the low half of its lane (a strided copy in C).
        wide[0::2] = codes[first + t:first + t + step * (count - 1) + 1:step]
        total += MULTIPLIERS[t] * int.from_bytes(lanes, "little")
    total &= lanes_of(count, 0xFFFFFFFF)
    return total, memoryview(total.to_bytes(LANE * count, "little")).cast("I")[0::2]


def window_hash(codes, start: int = 0, width: int = len(MULTIPLIERS)) -> int:
    """The hash of one window (the same value ``window_hashes`` gives)."""
    return sum(m * c for m, c in zip(MULTIPLIERS[:width], codes[start:start + width])) & 0xFFFFFFFF


def new_bitmap(hashes, density: int = 16) -> tuple[bytes, int]:
    """A bitmap with a bit set for each of ``hashes`` (at least ``density`` bits per hash)
    and its mask: ``hash & mask`` is the bit."""
    bits = 1 << 16
    while bits < density * len(hashes):
        bits <<= 1
    bitmap = bytearray(bits // 8)
    mask = bits - 1
    for h in hashes:
        b = h & mask
        bitmap[b >> 3] |= 1 << (b & 7)
    return bytes(bitmap), mask


def probe(lanes: int, hashes: memoryview, bitmap: bytes, mask: int) -> list[int]:
    """Numbers of the windows (as given by ``window_hashes``) whose bit is set in ``bitmap``."""
    count = len(hashes)
    if count < 2:
        return [j for j, h in enumerate(hashes) if bitmap[(h & mask) >> 3] >> (h & 7) & 1]
    # Byte of the bitmap and bit in it for every window, then one gather of the bytes
    # and one AND of the bits, all on whole arrays.
    places = array("Q")
    places.frombytes(((lanes >> 3) & lanes_of(count, mask >> 3)).to_bytes(LANE * count, "little"))
    found = bytes(itemgetter(*places.tolist())(bitmap))
    bits = lanes.to_bytes(LANE * count, "little")[0::LANE].translate(_BIT)
    held = (int.from_bytes(found, "little") & int.from_bytes(bits, "little")).to_bytes(count, "little")
    return list(compress(range(count), held))
