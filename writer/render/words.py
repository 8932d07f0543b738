"""The small word lists of writer render (writer/data/render/words.yaml), decoded once into writer's data cache."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_WORDS = "render/words.yaml"
_KEYS = ("field_suffixes", "building_suffixes", "context_starts", "dependent_starts",
         "subjectless_starts")


@lru_cache(maxsize=None)
def _lists() -> dict[str, tuple[str, ...]]:
    from writer.render.compiled import DATA_ROOT, compiled

    def build() -> dict[str, tuple[str, ...]]:
        from writer.io.datafiles import load_word_lists
        return load_word_lists(_WORDS, _KEYS)
    lists = compiled("render-words.marshal", (DATA_ROOT / _WORDS, Path(__file__)), build)
    return {key: tuple(words) for key, words in lists.items()}


def render_words(key: str) -> tuple[str, ...]:
    """One list of writer/data/render/words.yaml (its header says what each is)."""
    return _lists()[key]
