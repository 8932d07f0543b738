"""The genre's word lists (genre.yaml): lead frames, section frames (tagged with what they fit), closings.

The shipped file is ``writer/data/render/genre.yaml``; ``--templates DIR``
with its own genre.yaml replaces it whole. The file is decoded and checked by
writer.render.genre_file (its schema); this module holds what a render reads:
the lists (``Genre``), the frames (``Frame``), and the shipped file kept decoded
in writer's data cache, so a render neither parses YAML nor makes the schema's
dataclasses.
"""

from __future__ import annotations

from pathlib import Path

from writer.errors import InputError
from writer.zh import CN_NUMERAL_RUN

GENRE_FILE = "genre.yaml"
SHIPPED_GENRE = Path(__file__).resolve().parents[1] / "data" / "render" / GENRE_FILE


class GenreError(InputError):
    """The genre word list (genre.yaml) is missing or malformed."""


class Frame(tuple):
    """A section frame and what it fits: kinds of theme (none: every kind), kinds it must never
    serve, the period (year, multi: several, any) and, for a link, how it relates two facts
    (also, builds_on). A tuple with named parts, as genre.yaml's frames are read at every render
    (the file's schema is writer.render.genre_file)."""

    __slots__ = ()

    def __new__(cls, text: str, kinds: list[str] | None = None, avoid: list[str] | None = None,
                period: str = "any", relation: str = "also"):
        return tuple.__new__(cls, (text, kinds if kinds is not None else [], avoid if avoid is not None else [],
                                   period, relation))

    text = property(lambda self: self[0])
    kinds = property(lambda self: self[1])
    avoid = property(lambda self: self[2])
    period = property(lambda self: self[3])
    relation = property(lambda self: self[4])


class Genre:
    """The lists of genre.yaml, validated (writer.render.genre_file)."""

    __slots__ = ("lists", "frames", "fixed_phrases", "reject_words", "generic_words", "path")

    def __init__(self, lists: dict[tuple[str, str], list[str]], frames: dict[str, list[Frame]],
                 fixed_phrases: list[str], reject_words: list[str], generic_words: list[str], path: str = ""):
        self.lists, self.frames = lists, frames
        self.fixed_phrases, self.reject_words, self.generic_words = fixed_phrases, reject_words, generic_words
        self.path = path

    def __eq__(self, other) -> bool:
        return isinstance(other, Genre) and _genre_to_plain(self) == _genre_to_plain(other)

    __hash__ = None

    def get(self, group: str, name: str) -> list[str]:
        return self.lists[(group, name)]

    def optional(self, group: str, name: str) -> list[str]:
        """An optional list; empty when the genre file leaves it out."""
        return self.lists.get((group, name), [])


def mask_fixed_phrases(text: str, fixed_phrases: list[str]) -> str:
    """``text`` with every fixed phrase blanked out (longest phrases first)."""
    for phrase in sorted(fixed_phrases, key=len, reverse=True):
        if phrase in text:
            text = text.replace(phrase, "\u3000" * len(phrase))
    return text


def stray_numerals(text: str, fixed_phrases: list[str]) -> list[str]:
    """Runs of Chinese numerals in ``text`` that are not part of a fixed phrase."""
    return CN_NUMERAL_RUN.findall(mask_fixed_phrases(text, fixed_phrases))


def genre_path(templates: str | Path | None) -> Path:
    """genre.yaml of ``templates`` when it has one, else the shipped one."""
    if templates is not None:
        candidate = Path(templates) / GENRE_FILE
        if candidate.is_file():
            return candidate
    return SHIPPED_GENRE


def load_genre(templates: str | Path | None = None) -> Genre:
    """Read and validate genre.yaml; GenreError names the file, line and key.

    The shipped file, once validated, is kept decoded in writer's data cache
    (writer.io.cache, keyed by its content and the modules that read it): every render
    reads it, and decoding it costs more than the rest of a remembered render.
    A --templates genre.yaml is decoded each time (its folder is the user's).
    """
    path = genre_path(templates)
    if path != SHIPPED_GENRE:
        from writer.render.genre_file import decode_genre

        return decode_genre(path)
    from writer.io import cache
    from writer.render.compiled import DATA_ROOT

    where = cache.cache_file(DATA_ROOT, _GENRE_CACHE)
    key = (cache.run_stamp(path), cache.run_stamp(Path(__file__)), cache.run_stamp(_GENRE_SCHEMA))
    plain = cache.load(where, key)
    if plain is not None:
        return _genre_from_plain(plain)
    from writer.render.genre_file import decode_genre

    genre = decode_genre(path)
    cache.store(where, key, _genre_to_plain(genre))
    return genre


_GENRE_CACHE = "render-genre.marshal"
# The module that decodes and checks the file: a change to it is a miss too.
_GENRE_SCHEMA = Path(__file__).with_name("genre_file.py")


def _genre_to_plain(genre: Genre) -> tuple:
    frames = {name: [tuple(frame) for frame in items] for name, items in genre.frames.items()}
    return (genre.lists, frames, genre.fixed_phrases, genre.reject_words, genre.generic_words, genre.path)


def _genre_from_plain(plain: tuple) -> Genre:
    lists, frames, fixed, reject, generic, path = plain
    return Genre(lists, {name: [Frame(*row) for row in rows] for name, rows in frames.items()},
                 fixed, reject, generic, path)
