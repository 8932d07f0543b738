"""jieba's four-character idioms (tags ``i`` 成语 and ``l`` 习用语), without importing jieba.

Two sets are offered. ``idioms``: entries tagged ``i`` whose frequency is
above the dictionary's floor of 3; on government prose the ``l`` entries
are mostly terms (学前教育, 自然灾害, 未成年人) and the floor-frequency
entries mostly bulk-added collocations (贯彻落实, 社会治安, 重要讲话), which
would make slogan-density and repeat report plain wording. ``all``: every
``i``/``l`` entry, for a user rule that wants them.

jieba's dictionary is a plain text file in its package; reading it directly
costs a fraction of ``import jieba`` and nothing else. The result is cached
as one word per line, keyed by the dictionary's size and mtime, so later
runs read a small file instead of the 5 MB dictionary.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

CACHE_PREFIX = "check-idioms-"


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


def _cache_name(dictionary: Path) -> str:
    st = dictionary.stat()
    key = f"{dictionary.resolve()}|{st.st_size}|{st.st_mtime_ns}|v2"
    return CACHE_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16] + ".txt"


def load_idioms(cache_dir: Path | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(idioms, all) from jieba's dictionary, through a cache file in ``cache_dir`` when given."""
    dictionary = jieba_dictionary()
    if dictionary is None:
        return frozenset(), frozenset()
    if cache_dir is None:
        return split_sets(read_entries(dictionary))
    cache = Path(cache_dir) / _cache_name(dictionary)
    try:
        entries = []
        for line in cache.read_text(encoding="utf-8").splitlines():
            word, tag, freq = line.split("\t")
            entries.append((word, tag, int(freq)))
        return split_sets(entries)
    except (OSError, ValueError):
        pass
    entries = read_entries(dictionary)
    try:
        tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        tmp.write_text("".join(f"{w}\t{t}\t{f}\n" for w, t, f in sorted(entries)), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass   # a read-only cache folder only costs speed
    return split_sets(entries)
