"""Compiled caches written with marshal: keyed, atomic, and a miss on any damage.

marshal is the fastest loader for plain data (tuples, lists, dicts, strings),
which is what start-up-critical caches hold (the heading index, the lexicon).
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path


def load(path: Path | None, key):
    """The data stored at ``path`` under ``key``, or None (no file, other key, damage)."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            stored_key, data = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if isinstance(stored_key, list):
        stored_key = tuple(stored_key)
    return data if stored_key == key else None


def store(path: Path | None, key, data) -> None:
    """Write ``(key, data)`` through a temporary file; a read-only place only costs speed."""
    if path is None:
        return
    try:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            marshal.dump((key, data), fh)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
