"""jieba's four-character idioms (tags ``i`` 成语 and ``l`` 习用语), without importing jieba.

Two sets are offered. ``idioms``: entries tagged ``i`` whose frequency is
above the dictionary's floor of 3; on government prose the ``l`` entries
are mostly terms (学前教育, 自然灾害, 未成年人) and the floor-frequency
entries mostly bulk-added collocations (贯彻落实, 社会治安, 重要讲话), which
would make slogan-density and repeat report plain wording. ``all``: every
``i``/``l`` entry, for a user rule that wants them.

jieba's dictionary is a plain text file in its package; reading it directly
costs a fraction of ``import jieba`` and nothing else. The entries are
cached through writer.io.cache, so later runs load a small file instead of
parsing the 5 MB dictionary.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from writer.io import cache

CACHE_NAME = "check-idioms.marshal"
CACHE_VERSION = 3


def jieba_dictionary() -> Path | None:
    """Path of jieba's dict.txt, located without executing jieba's __init__."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


FLOOR_FREQUENCY = 3


def read_entries(dictionary: Path) -> list[tuple[str, str, int]]:
    """(word, tag, frequency) of the four-character entries of a jieba dictionary tagged i or l."""
    out = []
    with open(dictionary, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3 and len(parts[0]) == 4 and parts[2] in ("i", "l"):
                try:
                    out.append((parts[0], parts[2], int(parts[1])))
                except ValueError:
                    continue
    return out


def split_sets(entries) -> tuple[frozenset[str], frozenset[str]]:
    """(idioms, all): see the module docstring."""
    everything = frozenset(w for w, _, _ in entries)
    idioms = frozenset(w for w, tag, freq in entries if tag == "i" and freq > FLOOR_FREQUENCY)
    return idioms, everything


def idioms_stamp() -> tuple | None:
    """What identifies the sets ``load_idioms`` gives: jieba's dictionary file; None without jieba."""
    dictionary = jieba_dictionary()
    return (CACHE_VERSION, cache.installed_stamp(dictionary)) if dictionary is not None else None


def load_idioms(cache_root: Path | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(idioms, all) from jieba's dictionary, through the cache of folder ``cache_root`` when given."""
    dictionary = jieba_dictionary()
    if dictionary is None:
        return frozenset(), frozenset()
    path = cache.cache_file(cache_root, CACHE_NAME) if cache_root is not None else None
    # The dictionary belongs to an installed package: its path, size and time identify it
    # (hashing its 5 MB would cost every check 15 ms).
    key = (CACHE_VERSION, cache.installed_stamp(dictionary))
    stored = cache.load(path, key)
    if stored is not None:
        idioms, everything = stored
        return frozenset(idioms), frozenset(everything)
    idioms, everything = split_sets(read_entries(dictionary))
    cache.store(path, key, (tuple(sorted(idioms)), tuple(sorted(everything))))
    return idioms, everything
