"""The shipped genre.yaml is kept decoded in writer's data cache; a --templates one never is."""

from __future__ import annotations

import shutil

from writer.io import cache
from writer.io.datafiles import DATA_ROOT
from writer.render import genre, genre_file


def test_the_cached_genre_is_the_decoded_one():
    decoded = genre_file.decode_genre(genre.SHIPPED_GENRE)
    assert genre.load_genre() == decoded           # built (or read) from the cache
    assert genre.load_genre() == decoded           # read from the cache
    assert cache.cache_file(DATA_ROOT, genre._GENRE_CACHE).exists()


def test_a_templates_genre_is_read_afresh_and_not_cached(tmp_path):
    shutil.copy(genre.SHIPPED_GENRE, tmp_path / genre.GENRE_FILE)
    first = genre.load_genre(tmp_path)
    path = tmp_path / genre.GENRE_FILE
    text = path.read_text(encoding="utf-8")
    sentence = first.get("lead", "ending")[0]
    path.write_text(text.replace(sentence, sentence + "，久久为功", 1), encoding="utf-8")
    changed = genre.load_genre(tmp_path)
    assert changed.get("lead", "ending")[0] == sentence + "，久久为功"
    assert not (tmp_path / ".cache").exists()
