"""The schema of genre.yaml, and its decoding and checks: what a genre file must hold.

The file is decoded into the dataclasses below (unknown keys rejected, errors
at file:line:col with the key), then every sentence is checked: only the known
{slots}, and no number, since numbers in a draft come only from the facts. A
render imports this module only when it decodes a file (a ``--templates``
genre.yaml, or the shipped one whose cached copy is missing or stale); the
lists it gives are writer.render.genre's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal

from writer.render.genre import Frame, Genre, GenreError, stray_numerals
from writer.zh import SLOT, has_digit

# Which slots the genre's sentences may use.
_SLOTS = {"org", "subject", "period", "topic", "guiding", "theme", "theme_work",
          "next_year", "next_plan", "period_review", "goals", "collective", "people"}


@dataclass
class LeadLists:
    guided: list[str]
    plain: list[str]
    ending: list[str]


@dataclass(frozen=True)
class FrameEntry:
    """A section frame written as a mapping, and what it fits (see writer.render.genre.Frame)."""

    text: str
    kinds: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    period: Literal["year", "multi", "any"] = "any"
    relation: Literal["also", "builds_on"] = "also"


@dataclass
class SectionLists:
    openers: list[str | FrameEntry]
    links: list[FrameEntry]
    endings: list[str | FrameEntry]


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


def _frame(item: str | FrameEntry) -> Frame:
    if isinstance(item, FrameEntry):
        return Frame(item.text, item.kinds, item.avoid, item.period, item.relation)
    return Frame(item)


def decode_genre(path: Path) -> Genre:
    """Read, decode and check the genre file ``path``; GenreError names the file, line and key."""
    from writer.io.yamlfile import decode, load_yaml

    data = load_yaml(path, GenreError, what="文体素材文件")
    decoded = decode(data, GenreFile, path, [], GenreError)
    lists: dict[tuple[str, str], list[str]] = {}
    frames = {f.name: [_frame(item) for item in getattr(decoded.section, f.name)] for f in fields(SectionLists)}
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
