"""The word lists generation reads (writer/data/compose/*.yaml), compiled once into the cache.

A warm `writer suggest` must not import yaml: the lists are read through
writer.io.datafiles only when the compiled copy is missing or stale, and kept in
a marshal cache keyed by the files' content.
"""

from __future__ import annotations

from pathlib import Path

from writer.io import cache

# Each file and its whole set of keys (a key nobody reads is an error in the file).
FILES = {
    "compose/headings.yaml": ("lead_verbs", "section_heads"),
    "compose/outline.yaml": ("generic_heads", "lead_fillers", "fact_units", "source_bodies"),
    "compose/titles.yaml": ("place_suffixes",),
    "compose/reference.yaml": ("free_head_classes", "clause_verbs"),
}
_FORMAT = 1
_LISTS: dict[str, tuple[str, ...]] = {}
_KEY: list = []     # [the files' content stamps] once computed
# writer/data, as writer.io.datafiles.DATA_ROOT (not imported: a warm run reads no YAML, so it
# imports neither datafiles nor yamlfile)
DATA_ROOT = Path(__file__).resolve().parents[1] / "data"


def words_stamp() -> tuple:
    """The content stamps of the compose data files: a key for caches derived from their lists."""
    if not _KEY:
        _KEY.append((_FORMAT, tuple(cache.run_stamp(DATA_ROOT / name) for name in FILES)))
    return _KEY[0]


def _compiled() -> dict[str, tuple[str, ...]]:
    key = words_stamp()
    path = cache.cache_file(DATA_ROOT, "compose-words.marshal")
    lists = cache.load(path, key)
    if lists is None:
        # Imported here: only a stale or missing compiled copy reads the YAML files.
        from writer.io.datafiles import load_word_lists

        lists = {}
        for name, keys in FILES.items():
            lists.update(load_word_lists(name, keys))
        cache.store(path, key, lists)
    return {k: tuple(v) for k, v in lists.items()}


def word_list(key: str) -> tuple[str, ...]:
    """The words under ``key`` in one of the compose data files (in the file's order)."""
    if not _LISTS:
        _LISTS.update(_compiled())
    return _LISTS[key]
