"""The schema of the topic lexicon (writer/data/bank/topic-lexicon.yaml) and its compilation.

The YAML is decoded into the dataclasses below (``writer.io.yamlfile.decode``:
unknown keys rejected, types checked, errors at file:line:col with the key
path), then checked for what types cannot say (every head has a known class,
every theme noun a known head, frames hold known slots…) and compiled into
plain, marshal-able data that ``writer.bank.lexicon`` reads from its cache.
Only imported when that cache is stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from writer.bank.errors import LexiconSchemaError
from writer.bank.lexicon_notation import FALLBACK_MARK, PASSAGE_SLOTS, parse_phrase
from writer.io.yamlfile import decode, schema_error

_SLOT = re.compile(r"\{([^{}]*)[{}]")


@dataclass
class ClassEntry:
    """A class of noun-phrase heads: the verbs that take it, its predicates and short predicates."""

    verbs: list[str] | None = None
    predicates: list[str] | None = None
    short: list[str] | None = None


@dataclass
class HeadEntry:
    """A head with verbs or predicates of its own (the short form is just its class's name)."""

    cls: str | None = field(default=None, metadata={"key": "class"})
    verbs: list[str] | None = None
    predicates: list[str] | None = None


@dataclass
class ThemeEntry:
    nouns: list[str] | None = None
    facts: list[str] | None = None


@dataclass
class TopicEntry:
    themes: dict[str, ThemeEntry]
    aliases: list[str] | None = None
    related: list[str] | None = None
    principles: list[str] | None = None


@dataclass
class PassageFrames:
    opening_frames: list[str] | None = None
    closing_frames: list[str] | None = None


@dataclass
class LocalSlogans:
    verbs: list[str]
    followed_by: list[str]


@dataclass
class LexiconFile:
    classes: dict[str, ClassEntry]
    adverbs: dict[str, list[str] | None]
    heads: dict[str, Any]          # head → its class's name, or a HeadEntry mapping (see _heads)
    frames: dict[str, list[str] | None]
    topics: dict[str, TopicEntry]
    fallback: TopicEntry
    passages: PassageFrames
    local_slogans: LocalSlogans
    principle_verbs: list[str]
    place_abbreviations: list[str] | None = None


def compile_lexicon(data, path: Path) -> dict:
    """Decode and check the parsed YAML; return it as plain, marshal-able data."""
    lexicon = decode(data, LexiconFile, path, [], LexiconSchemaError)
    classes = _classes(path, lexicon.classes)
    heads = _heads(path, lexicon.heads, classes)
    verbs = _texts(path, ["principle_verbs"], lexicon.principle_verbs)
    if not verbs:
        raise _error(path, ["principle_verbs"], "至少要有一个动词")
    topics = {}
    for key, entry in lexicon.topics.items():
        topics[key] = _topic(path, ["topics", key], entry, heads, verbs)
        if len(topics[key]["themes"]) < 2:
            raise _error(path, ["topics", key, "themes"], "至少要有 2 个分节主题")
    slogans = lexicon.local_slogans
    return {
        "heads": heads,
        "adverbs": {k: _texts(path, ["adverbs", k], v) for k, v in lexicon.adverbs.items()},
        "frames": {k: _texts(path, ["frames", k], v) for k, v in lexicon.frames.items()},
        "topics": topics,
        "fallback": _topic(path, ["fallback"], lexicon.fallback, heads, verbs),
        "passages": _passages(path, lexicon.passages),
        "abbreviations": _characters(path, ["place_abbreviations"], lexicon.place_abbreviations),
        "local_slogans": {
            "verbs": _characters(path, ["local_slogans", "verbs"], slogans.verbs),
            "followed_by": _texts(path, ["local_slogans", "followed_by"], slogans.followed_by),
        },
    }


def _error(path: Path, keys: list, message: str) -> LexiconSchemaError:
    return schema_error(path, keys, message, LexiconSchemaError)


def _texts(path: Path, keys: list, values: list[str] | None) -> list[str]:
    """A list of non-blank texts, trimmed (None: empty)."""
    out = []
    for i, value in enumerate(values or []):
        if not value.strip():
            raise _error(path, [*keys, i], "应为非空文字")
        out.append(value.strip())
    return out


def _characters(path: Path, keys: list, values: list[str] | None) -> list[str]:
    """A list of single characters (a place's one-character name, a slogan's verb)."""
    out = _texts(path, keys, values)
    for i, text in enumerate(out):
        if len(text) != 1:
            raise _error(path, [*keys, i], "应为单字")
    return out


def _phrases(path: Path, keys: list, values: list[str] | None, default_kind: str | None) -> list:
    out = []
    for i, text in enumerate(_texts(path, keys, values)):
        try:
            out.append(parse_phrase(text, default_kind))
        except ValueError as exc:
            raise _error(path, [*keys, i], str(exc)) from None
    return out


def _classes(path: Path, classes: dict[str, ClassEntry]) -> dict[str, dict]:
    out = {}
    for name, entry in classes.items():
        keys = ["classes", name]
        out[name] = {
            "verbs": _texts(path, [*keys, "verbs"], entry.verbs),
            "predicates": _phrases(path, [*keys, "predicates"], entry.predicates, None),
            "short": _phrases(path, [*keys, "short"], entry.short, None),
        }
        if not out[name]["verbs"]:
            raise _error(path, [*keys, "verbs"], "至少要有一个动词")
    return out


def _heads(path: Path, heads: dict[str, Any], classes: dict[str, dict]) -> dict[str, tuple]:
    """head → (class, verbs, predicates, short predicates): a head's own lists, else its class's."""
    out = {}
    for head, entry in heads.items():
        verbs = predicates = None
        if isinstance(entry, str):
            cls = entry
        else:
            # Decoded here, not through a `str | HeadEntry` annotation: a union is tried option
            # by option, and each failed option costs an error located in the whole file.
            entry = decode(entry, HeadEntry, path, ["heads", head], LexiconSchemaError)
            cls = entry.cls
            verbs = _texts(path, ["heads", head, "verbs"], entry.verbs) or None
            predicates = _phrases(path, ["heads", head, "predicates"], entry.predicates, None) or None
        if cls not in classes:
            raise _error(path, ["heads", head], f"类“{cls}”不在 classes 中")
        c = classes[cls]
        out[head] = (cls, verbs or c["verbs"], predicates or c["predicates"], c["short"])
    return out


def _topic(path: Path, keys: list, entry: TopicEntry, heads: dict, principle_verbs: list[str]) -> dict:
    # A principle (人才优先) follows the principle verbs (坚持/突出) unless it lists its own.
    principles = [words if words[-1][0] == "@" else words + [("@", list(principle_verbs))]
                  for words in _phrases(path, [*keys, "principles"], entry.principles, "N")]
    return {
        "aliases": _texts(path, [*keys, "aliases"], entry.aliases),
        "related": _texts(path, [*keys, "related"], entry.related),
        "themes": {name: _theme(path, [*keys, "themes", name], theme, heads)
                   for name, theme in entry.themes.items()},
        "principles": principles,
    }


def _theme(path: Path, keys: list, theme: ThemeEntry, heads: dict) -> dict:
    nouns = _phrases(path, [*keys, "nouns"], theme.nouns, "N")
    for i, words in enumerate(nouns):
        head = [w for w in words if w[0] != "@"][-1][0]
        if FALLBACK_MARK not in head and head not in heads:
            raise _error(path, [*keys, "nouns", i], f"中心词“{head}”不在 heads 中")
    facts = _texts(path, [*keys, "facts"], theme.facts)
    if not nouns or not facts:
        raise _error(path, keys, "nouns 和 facts 都不能为空")
    return {"nouns": nouns, "facts": facts}


def _passages(path: Path, passages: PassageFrames) -> dict[str, list[str]]:
    out = {}
    for key in ("opening_frames", "closing_frames"):
        frames = _texts(path, ["passages", key], getattr(passages, key))
        if not frames:
            raise _error(path, ["passages", key], "至少要有一个句式")
        for i, text in enumerate(frames):
            bad = [m for m in _SLOT.findall(text) if m not in PASSAGE_SLOTS]
            if bad:
                raise _error(path, ["passages", key, i], f"不认识的槽“{{{bad[0]}}}”；可用：" +
                             "、".join("{" + s + "}" for s in PASSAGE_SLOTS))
        out[key] = frames
    return out
