"""The genre's word lists (genre.yaml): lead frames, section frames (tagged with what they fit), closings.

The shipped file is ``writer/data/render/genre.yaml``; ``--templates DIR``
with its own genre.yaml replaces it whole. The file is decoded into the
dataclasses below (unknown keys rejected, errors at file:line:col with the
key), then every sentence is checked: only the known {slots}, and no number,
since numbers in a draft come only from the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal

from writer.errors import InputError
from writer.zh import CN_NUMERAL_RUN, SLOT, has_digit

GENRE_FILE = "genre.yaml"
SHIPPED_GENRE = Path(__file__).resolve().parents[1] / "data" / "render" / GENRE_FILE

# Which slots the genre's sentences may use.
_SLOTS = {"org", "subject", "period", "topic", "guiding", "theme", "theme_work",
          "next_year", "next_plan", "period_review", "goals", "collective", "people"}


class GenreError(InputError):
    """The genre word list (genre.yaml) is missing or malformed."""


@dataclass
class LeadLists:
    guided: list[str]
    plain: list[str]
    ending: list[str]


@dataclass(frozen=True)
class Frame:
    """A section frame and what it fits: kinds of theme (none: every kind), kinds it must never
    serve, the period (one year, several, any) and, for a link, how it relates two facts."""

    text: str
    kinds: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    period: Literal["year", "multi", "any"] = "any"
    relation: Literal["also", "builds_on"] = "also"


@dataclass
class SectionLists:
    openers: list[str | Frame]
    links: list[Frame]
    endings: list[str | Frame]


@dataclass
class ClosingLists:
    outlook_with_year: list[str]
    outlook_without_year: list[str]
    outlook_no_goals: list[str]
    fallback: list[str]
    # Added after users may have copied the file: a genre file may leave it out.
    reflection: list[str] | None = None
    next_plan: list[str] | None = None


@dataclass
class GenreFile:
    """The schema of genre.yaml."""

    lead: LeadLists
    section: SectionLists
    closing: ClosingLists
    fixed_phrases: list[str]
    reject_words: list[str]
    generic_words: list[str]


@dataclass
class Genre:
    """The lists of genre.yaml, validated."""

    lists: dict[tuple[str, str], list[str]]
    frames: dict[str, list[Frame]]
    fixed_phrases: list[str]
    reject_words: list[str]
    generic_words: list[str]
    path: str = ""

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
    (writer.io.cache, keyed by its content and this module's): every render
    reads it, and decoding it costs more than the rest of a remembered render.
    A --templates genre.yaml is decoded each time (its folder is the user's).
    """
    path = genre_path(templates)
    if path != SHIPPED_GENRE:
        return _decode_genre(path)
    from writer.io import cache
    from writer.io.datafiles import DATA_ROOT

    where = cache.cache_file(DATA_ROOT, _GENRE_CACHE)
    key = (cache.file_stamp(path), cache.file_stamp(Path(__file__)))
    plain = cache.load(where, key)
    if plain is not None:
        return _genre_from_plain(plain)
    genre = _decode_genre(path)
    cache.store(where, key, _genre_to_plain(genre))
    return genre


_GENRE_CACHE = "render-genre.marshal"


def _genre_to_plain(genre: Genre) -> tuple:
    frames = {name: [tuple(getattr(frame, f.name) for f in fields(Frame)) for frame in items]
              for name, items in genre.frames.items()}
    return (genre.lists, frames, genre.fixed_phrases, genre.reject_words, genre.generic_words, genre.path)


def _genre_from_plain(plain: tuple) -> Genre:
    lists, frames, fixed, reject, generic, path = plain
    return Genre(lists, {name: [Frame(*row) for row in rows] for name, rows in frames.items()},
                 fixed, reject, generic, path)


def _decode_genre(path: Path) -> Genre:
    from writer.io.yamlfile import decode, load_yaml

    data = load_yaml(path, GenreError, what="文体素材文件")
    decoded = decode(data, GenreFile, path, [], GenreError)
    lists: dict[tuple[str, str], list[str]] = {}
    frames = {f.name: [item if isinstance(item, Frame) else Frame(item)
                       for item in getattr(decoded.section, f.name)] for f in fields(SectionLists)}
    for name, items in frames.items():
        lists[("section", name)] = _sentences([f.text for f in items], path, ["section", name])
    for group in ("lead", "closing"):
        for f in fields(getattr(decoded, group)):
            items = getattr(getattr(decoded, group), f.name)
            if items is not None:
                lists[(group, f.name)] = _sentences(items, path, [group, f.name])
    fixed = _sentences(decoded.fixed_phrases, path, ["fixed_phrases"])
    genre = Genre(lists, frames, fixed, _sentences(decoded.reject_words, path, ["reject_words"]),
                  _sentences(decoded.generic_words, path, ["generic_words"]), str(path))
    for (group, name), items in lists.items():
        _check_sentences(items, fixed, path, [group, name])
    return genre


def _sentences(items: list[str], path: Path, keys: list) -> list[str]:
    """``items`` when it is a non-empty list of non-blank strings."""
    from writer.io.yamlfile import schema_error

    if not items:
        raise schema_error(path, keys, "应为非空的文字列表", GenreError)
    for i, item in enumerate(items):
        if not item.strip():
            raise schema_error(path, [*keys, i], "列表中应为文字", GenreError)
    return items


def _check_sentences(items: list[str], fixed: list[str], path: Path, keys: list) -> None:
    """Genre text must not smuggle in a number or an unknown slot."""
    from writer.io.yamlfile import schema_error

    for i, item in enumerate(items):
        unknown = set(SLOT.findall(item)) - _SLOTS
        if unknown:
            raise schema_error(path, [*keys, i], f"未知的槽位 {{{sorted(unknown)[0]}}}：“{item}”", GenreError)
        if has_digit(item) or stray_numerals(item, fixed):
            raise schema_error(path, [*keys, i], f"不得含数字：“{item}”", GenreError)
