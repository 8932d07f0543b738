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
from dataclasses import dataclass, field
from pathlib import Path

from writer.check.yamlfile import CheckDataError, check_keys, expect, load_yaml_file

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "data" / "check" / "wordlists"
LIST_KINDS = ("phrases", "substitutions")


@dataclass
class Substitution:
    """An outdated formulation, its replacement and when it changed."""

    old: str
    new: str
    date: str | None = None
    note: str | None = None


@dataclass
class WordList:
    """A named list of phrases or substitutions, merged from one or more files."""

    name: str
    kind: str
    description: str = ""
    source: str = ""
    phrases: list[str] = field(default_factory=list)
    substitutions: list[Substitution] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _date_text(value: object, path: Path, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise CheckDataError("应为日期（如 2022-12-26）", path, key=key)


def parse_wordlist(data: object, path: Path) -> WordList:
    """Validate the parsed YAML of one word list file."""
    expect(data, dict, path, "list", "映射（含 list、kind、entries）")
    check_keys(data, {"list", "kind", "description", "source", "entries"}, path, "")
    name = data.get("list")
    if not isinstance(name, str) or not name.strip():
        raise CheckDataError("缺少词表名称", path, key="list")
    kind = data.get("kind", "phrases")
    if kind not in LIST_KINDS:
        raise CheckDataError(f"未知的词表类型（可用：{'、'.join(LIST_KINDS)}）", path, key="kind")
    for key in ("description", "source"):
        if data.get(key) is not None:
            expect(data[key], str, path, key, "字符串")
    entries = data.get("entries")
    if entries is None:
        raise CheckDataError("缺少词条", path, key="entries")
    expect(entries, list, path, "entries", "列表")
    wl = WordList(name.strip(), kind, data.get("description") or "", data.get("source") or "",
                  files=[str(path)])
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        key = f"entries[{i}]"
        if kind == "phrases":
            if not isinstance(entry, str) or not entry.strip():
                raise CheckDataError("应为非空字符串", path, key=key)
            text = entry.strip()
            if text not in seen:
                seen.add(text)
                wl.phrases.append(text)
            continue
        expect(entry, dict, path, key, "映射（含 old、new、date）")
        check_keys(entry, {"old", "new", "date", "note"}, path, key)
        old, new = entry.get("old"), entry.get("new")
        if not isinstance(old, str) or not old.strip():
            raise CheckDataError("缺少旧提法", path, key=f"{key}.old")
        if not isinstance(new, str) or not new.strip():
            raise CheckDataError("缺少新提法", path, key=f"{key}.new")
        note = entry.get("note")
        if note is not None:
            expect(note, str, path, f"{key}.note", "字符串")
        if old.strip() not in seen:
            seen.add(old.strip())
            wl.substitutions.append(Substitution(old.strip(), new.strip(),
                                                 _date_text(entry.get("date"), path, f"{key}.date"), note))
    return wl


def load_wordlist(path: Path) -> WordList:
    """Load and validate one word list file."""
    return parse_wordlist(load_yaml_file(path), path)


def merge(into: dict[str, WordList], extra: WordList) -> None:
    """Add ``extra`` to the lists by name (extending a list of the same name and kind)."""
    have = into.get(extra.name)
    if have is None:
        into[extra.name] = extra
        return
    if have.kind != extra.kind:
        raise CheckDataError(f"词表“{extra.name}”已定义为 {have.kind}，不能以 {extra.kind} 扩充",
                             extra.files[0], key="kind")
    known = set(have.phrases)
    have.phrases.extend(p for p in extra.phrases if p not in known)
    olds = {s.old for s in have.substitutions}
    have.substitutions.extend(s for s in extra.substitutions if s.old not in olds)
    have.files.extend(extra.files)


def load_shipped_wordlists() -> dict[str, WordList]:
    """The word lists shipped with writer (writer/data/check/wordlists/*.yaml)."""
    lists: dict[str, WordList] = {}
    for path in sorted(SHIPPED_DIR.glob("*.yaml")):
        merge(lists, load_wordlist(path))
    return lists
