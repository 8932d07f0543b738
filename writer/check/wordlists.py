"""Word lists of the checker: phrases (空话, slogans, formulas) and substitutions (stale → current).

A word list file::

    list: empty-phrases          # the name rules refer to as ``list:empty-phrases``
    kind: phrases                # phrases | substitutions
    description: ...
    source: ...                  # where the entries come from
    entries: [高度重视, 积极推进]   # substitutions: [{old, new, date, note}]

A second file with the same ``list`` name extends the list (a user's
``extra`` file); a new name defines a new list for the user's own rules.
"""

from __future__ import annotations

import datetime
from dataclasses import field
from pathlib import Path
from typing import Any, Literal

from writer.check.schema import data_error, decode_as, filled, load_file, record
from writer.slotted import ValueRecord

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "data" / "check" / "wordlists"
ListKind = Literal["phrases", "substitutions"]


@record(repr=False, eq=False)   # a schema only: decoded into, never compared or shown
class WordListFile:
    """The schema of a word list file; ``entries`` are decoded by ``kind``."""

    name: str = field(metadata={"key": "list"})
    entries: list
    kind: ListKind = "phrases"
    description: str | None = None
    source: str | None = None


@record(repr=False, eq=False)   # a schema only: decoded into, never compared or shown
class SubstitutionEntry:
    """The schema of one entry of a substitutions list (old and new are checked after decoding)."""

    old: str | None = None
    new: str | None = None
    date: Any = None        # a YAML date (2022-12-26) or a string
    note: str | None = None


# Substitution and WordList are slotted records (writer.slotted), not dataclasses: every check
# builds them, and making a dataclass compiles its methods when the module is imported.


class Substitution(ValueRecord):
    """An outdated formulation, its replacement and when it changed."""

    __slots__ = _fields = ("old", "new", "date", "note")

    def __init__(self, old: str, new: str, date: str | None = None, note: str | None = None):
        self.old, self.new, self.date, self.note = old, new, date, note


class WordList(ValueRecord):
    """A named list of phrases or substitutions, merged from one or more files."""

    __slots__ = _fields = ("name", "kind", "description", "source", "phrases", "substitutions", "files")

    def __init__(self, name: str, kind: str, description: str = "", source: str = "",
                 phrases: list[str] | None = None, substitutions: list[Substitution] | None = None,
                 files: list[str] | None = None):
        self.name, self.kind, self.description, self.source = name, kind, description, source
        self.phrases = [] if phrases is None else phrases
        self.substitutions = [] if substitutions is None else substitutions
        self.files = [] if files is None else files


def _date_text(value: object, path: Path, keys: list) -> str | None:
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise data_error(path, keys, "应为日期（如 2022-12-26）")


def _substitution(raw: object, path: Path, keys: list) -> Substitution:
    entry = decode_as(raw, SubstitutionEntry, path, keys)
    old = filled(entry.old or "", path, [*keys, "old"], "缺少旧提法")
    new = filled(entry.new or "", path, [*keys, "new"], "缺少新提法")
    return Substitution(old, new, _date_text(entry.date, path, [*keys, "date"]), entry.note)


def parse_wordlist(data: object, path: Path) -> WordList:
    """Validate the parsed YAML of one word list file."""
    spec = decode_as(data, WordListFile, path)
    wl = WordList(filled(spec.name, path, ["list"], "缺少词表名称"), spec.kind, spec.description or "",
                  spec.source or "", files=[str(path)])
    seen: set[str] = set()
    for i, raw in enumerate(spec.entries):
        keys = ["entries", i]
        if spec.kind == "phrases":
            if not isinstance(raw, str):
                raise data_error(path, keys, "应为非空字符串")
            text = filled(raw, path, keys)
            if text not in seen:
                seen.add(text)
                wl.phrases.append(text)
            continue
        sub = _substitution(raw, path, keys)
        if sub.old not in seen:
            seen.add(sub.old)
            wl.substitutions.append(sub)
    return wl


def load_wordlist(path: Path) -> WordList:
    """Load and validate one word list file."""
    return parse_wordlist(load_file(path), path)


def merge(into: dict[str, WordList], extra: WordList) -> None:
    """Add ``extra`` to the lists by name (extending a list of the same name and kind)."""
    have = into.get(extra.name)
    if have is None:
        into[extra.name] = extra
        return
    if have.kind != extra.kind:
        raise data_error(Path(extra.files[0]), ["kind"],
                         f"词表“{extra.name}”已定义为 {have.kind}，不能以 {extra.kind} 扩充")
    known = set(have.phrases)
    have.phrases.extend(p for p in extra.phrases if p not in known)
    olds = {s.old for s in have.substitutions}
    have.substitutions.extend(s for s in extra.substitutions if s.old not in olds)
    have.files.extend(extra.files)


def shipped_wordlist_files() -> list[Path]:
    return sorted(SHIPPED_DIR.glob("*.yaml"))


def load_shipped_wordlists(sources=None) -> dict[str, WordList]:
    """The word lists shipped with writer (writer/data/check/wordlists/*.yaml); ``sources``
    (writer.check.rulecache.RuleSources) gives their parsed content when it is cached."""
    lists: dict[str, WordList] = {}
    for path in shipped_wordlist_files():
        merge(lists, parse_wordlist(sources.data(path), path) if sources is not None else load_wordlist(path))
    return lists


def wordlist_plain(wordlist: WordList) -> tuple:
    """``wordlist`` as plain data (``wordlist_from_plain`` reverses it)."""
    return (wordlist.name, wordlist.kind, wordlist.description, wordlist.source, list(wordlist.phrases),
            [(s.old, s.new, s.date, s.note) for s in wordlist.substitutions], list(wordlist.files))


def wordlist_from_plain(plain) -> WordList:
    name, kind, description, source, phrases, substitutions, files = plain
    return WordList(name, kind, description, source, list(phrases), [Substitution(*s) for s in substitutions],
                    list(files))
