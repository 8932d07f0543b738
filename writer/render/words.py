"""The small word lists of writer render (writer/data/render/words.yaml), loaded once."""

from __future__ import annotations

_WORDS = "render/words.yaml"
_KEYS = ("field_suffixes", "building_suffixes", "context_starts", "dependent_starts",
         "subjectless_starts")


def render_words(key: str) -> tuple[str, ...]:
    """One list of writer/data/render/words.yaml (its header says what each is)."""
    from writer.io.datafiles import load_word_list

    return load_word_list(_WORDS, key, _KEYS)
