"""Render's shipped data files decoded once and kept as plain data in writer's data cache.

Parsing YAML (and importing yaml for it) costs a fresh render more than
several of its sections: the files under writer/data/render/ are read through
writer.io.datafiles only when their compiled copy is missing or stale, and the
plain data (marshal: lists, dicts, tuples, strings) is kept through
writer.io.cache, keyed by the content of the data file and of the module that
decodes it (a change to either is a miss).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from writer.io import cache

# writer/data, as writer.io.datafiles.DATA_ROOT (not imported: it imports the YAML decoder, which a
# render whose compiled copies are current never uses).
DATA_ROOT = Path(__file__).resolve().parents[1] / "data"


def compiled(name: str, sources: tuple[Path, ...], build: Callable[[], Any]) -> Any:
    """``build()`` (plain data), kept in writer's data cache as ``name`` while ``sources`` are unchanged."""
    where = cache.cache_file(DATA_ROOT, name)
    key = tuple(cache.file_stamp(path) for path in sources)
    data = cache.load(where, key)
    if data is None:
        data = build()
        cache.store(where, key, data)
    return data
