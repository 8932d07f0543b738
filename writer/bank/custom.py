"""The user's curation of a bank, custom.yaml: entries to add and texts to exclude, per kind.

``writer mine`` never writes custom.yaml; loading merges it into each kind
(``merge_custom``). An ``add`` item is a text or a mapping of record fields
(``{text: 踔厉奋发, kind: slogan}``); an added heading without ``pattern`` gets
one from the bank's vocab (no jieba). ``exclude`` drops records whose ``text``
(or, for headings, ``heading``) matches. Only imported when a cache is stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from writer.bank.errors import BankSchemaError
from writer.bank.records import CUSTOM_FILE, RECORD_FILES, Heading, field_names
from writer.bank.schema import read_yaml
from writer.io.yamlfile import decode, schema_error

# Texts or mappings of record fields; told apart in _added_record, not by a `str | dict`
# annotation (a union is tried option by option, each failure located in the whole file).
_Items = list[Any] | None


@dataclass
class AddSection:
    """``add:`` — per kind, texts or mappings of record fields."""

    slogans: _Items = None
    headings: _Items = None
    aphorisms: _Items = None
    openings: _Items = None
    closings: _Items = None
    names: _Items = None


@dataclass
class ExcludeSection:
    """``exclude:`` — per kind, the texts to drop."""

    slogans: list[str] | None = None
    headings: list[str] | None = None
    aphorisms: list[str] | None = None
    openings: list[str] | None = None
    closings: list[str] | None = None
    names: list[str] | None = None


@dataclass
class CustomFile:
    add: AddSection | None = None
    exclude: ExcludeSection | None = None


@dataclass
class Custom:
    """custom.yaml decoded: records to add and texts to exclude, per kind."""

    add: dict[str, list] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)


def read_custom(bank: Path) -> Custom:
    """custom.yaml of a bank (empty when absent), every entry checked and built into its record."""
    path = bank / CUSTOM_FILE
    if not path.exists():
        return Custom()
    data = read_yaml(path)
    if data is None:
        return Custom()
    decoded = decode(data, CustomFile, path, [], BankSchemaError)
    custom = Custom()
    for kind in RECORD_FILES:
        added = getattr(decoded.add, kind, None) or []
        custom.add[kind] = [_added_record(kind, item, path, ["add", kind, i])
                            for i, item in enumerate(added)]
        excluded = getattr(decoded.exclude, kind, None) or []
        for i, text in enumerate(excluded):
            if not text.strip():
                raise schema_error(path, ["exclude", kind, i], "应为非空文字", BankSchemaError)
        custom.exclude[kind] = excluded
    return custom


def _added_record(kind: str, item: Any, path: Path, keys: list) -> Any:
    """The record of one ``add`` entry; a text becomes the record's ``text``."""
    cls = RECORD_FILES[kind][2]
    if isinstance(item, str):
        if not item.strip():
            raise schema_error(path, keys, "应为非空文字", BankSchemaError)
        item = {"text": item.strip()}
    elif not isinstance(item, dict):
        raise schema_error(path, keys, "应为非空文字或记录的键值表", BankSchemaError)
    fields_ = dict(item)
    if "source" in field_names(cls):
        fields_.setdefault("source", CUSTOM_FILE)
    return decode(fields_, cls, path, keys, BankSchemaError)


def merge_custom(kind: str, records: list, custom: Custom, vocab: dict) -> list:
    """Apply custom.yaml to one kind: drop excluded texts, append additions not already there."""
    from writer.bank.patterns import heading_pattern_from_vocab

    excluded = set(custom.exclude.get(kind, []))
    out = [r for r in records if r.text not in excluded
           and getattr(r, "heading", None) not in excluded]
    have = {r.text for r in out}
    for record in custom.add.get(kind, []):
        if isinstance(record, Heading) and not record.pattern:
            pattern, shape, slots = heading_pattern_from_vocab(record.text, vocab)
            record = replace(record, heading=record.heading or record.text,
                             pattern=pattern, shape=shape, slots=slots)
        if record.text not in have and record.text not in excluded:
            out.append(record)
            have.add(record.text)
    return out
