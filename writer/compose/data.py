"""The word lists generation reads (writer/data/compose/*.yaml), compiled once into the cache.

A warm `writer suggest` must not import yaml: the lists are read through
writer.io.datafiles only when the compiled copy is missing or stale, and kept in
a marshal cache keyed by the files' content.
"""

from __future__ import annotations

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


def _compiled() -> dict[str, tuple[str, ...]]:
    # Imported here: most runs never need a word list (a warm suggest of headings does not).
    from writer.io.datafiles import DATA_ROOT, data_path, load_word_lists

    key = (_FORMAT, tuple(cache.file_stamp(data_path(name)) for name in FILES))
    path = cache.cache_file(DATA_ROOT, "compose-words.marshal")
    lists = cache.load(path, key)
    if lists is None:
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
