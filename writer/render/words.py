"""The small word lists of writer render (writer/data/render/words.yaml), decoded once into writer's data cache."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_WORDS = "render/words.yaml"
_KEYS = ("field_suffixes", "building_suffixes", "context_starts", "dependent_starts",
         "subjectless_starts")


@lru_cache(maxsize=None)
def _lists() -> dict[str, tuple[str, ...]]:
    from writer.io.datafiles import data_path, load_word_lists
    from writer.render.compiled import compiled

    lists = compiled("render-words.marshal", (data_path(_WORDS), Path(__file__)),
                     lambda: load_word_lists(_WORDS, _KEYS))
    return {key: tuple(words) for key, words in lists.items()}


def render_words(key: str) -> tuple[str, ...]:
    """One list of writer/data/render/words.yaml (its header says what each is)."""
    return _lists()[key]
