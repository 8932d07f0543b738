"""jieba's four-character idioms (tags ``i`` 成语 and ``l`` 习用语), without importing jieba.

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


def read_idioms(dictionary: Path) -> frozenset[str]:
    """Four-character entries of a jieba dictionary tagged i or l."""
    out = set()
    with open(dictionary, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3 and len(parts[0]) == 4 and parts[2] in ("i", "l"):
                out.add(parts[0])
    return frozenset(out)


def _cache_name(dictionary: Path) -> str:
    st = dictionary.stat()
    key = f"{dictionary.resolve()}|{st.st_size}|{st.st_mtime_ns}|v1"
    return CACHE_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16] + ".txt"


def load_idioms(cache_dir: Path | None = None) -> frozenset[str]:
    """jieba's i/l four-character idioms, through a cache file in ``cache_dir`` when given."""
    dictionary = jieba_dictionary()
    if dictionary is None:
        return frozenset()
    if cache_dir is None:
        return read_idioms(dictionary)
    cache = Path(cache_dir) / _cache_name(dictionary)
    try:
        return frozenset(cache.read_text(encoding="utf-8").split())
    except OSError:
        pass
    idioms = read_idioms(dictionary)
    try:
        tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        tmp.write_text("\n".join(sorted(idioms)) + "\n", encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass   # a read-only cache folder only costs speed
    return idioms
