"""The schema of each bank file and its decoding: run only when a compiled cache is stale.

Each generated YAML file of a bank is one dataclass (those of the record files
made from ``records.RECORD_FILES``), decoded with
``writer.io.yamlfile.decode`` (unknown keys rejected, types checked, errors at
file:line:col with the key path). The results are plain data for the bank's
marshal cache: record rows, the groups of headings.yaml, the manifest, topics
and vocab as mappings, the documents as ``Document.to_dict()`` mappings.
Nothing here is imported on a warm start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, make_dataclass
from pathlib import Path
from typing import Any

from writer.bank.errors import MISSING_FILE, BankFileMissingError, BankSchemaError, BankYamlError
from writer.bank.records import RECORD_FILES
from writer.io.yamlfile import decode, load_yaml


@dataclass
class VocabEntry:
    pos: str      # jieba's part-of-speech tag
    count: int


@dataclass
class TopicsFile:
    topics: dict[str, list[str]] | None = None   # word → related words
    vocab: dict[str, VocabEntry] | None = None


@dataclass
class Source:
    id: str
    file: str
    title: str
    year: int | None = None


@dataclass
class Manifest:
    sources: list[Source]
    counts: dict[str, int]
    writer_version: str = ""
    command: str = ""
    documents_per_year: dict[int, int] = field(default_factory=dict)


def _records_file(kind: str) -> type:
    """The schema of the file of one kind of record: ``<kind>: [record]``, plus headings.yaml's groups."""
    _, top, cls = RECORD_FILES[kind]
    extra = [("groups", dict[str, list[int]], field(default_factory=dict))] if kind == "headings" else []
    return make_dataclass(f"{top.title()}File", [(top, list[cls] | None), *extra])


# kind of record → the schema of its file (slogans.yaml: SlogansFile(slogans=[Slogan…]), …)
FILE_SCHEMAS: dict[str, type] = {kind: _records_file(kind) for kind in RECORD_FILES}


def read_yaml(path: Path) -> Any:
    """Parse one bank file; BankFileMissingError or BankYamlError (file:line:col) when it cannot be."""
    if not path.is_file():
        raise BankFileMissingError(MISSING_FILE, path)
    return load_yaml(path, BankFileMissingError, BankYamlError, what="素材库文件")


def read_file(path: Path, schema: type) -> tuple[Any, Any]:
    """(parsed data, decoded schema instance) of one bank file."""
    data = read_yaml(path)
    return data, decode(data, schema, path, [], BankSchemaError)


def read_records(path: Path, kind: str) -> Any:
    """The decoded file of one kind of record (``.<kind>`` holds the records or None)."""
    return read_file(path, FILE_SCHEMAS[kind])[1]


def read_manifest(path: Path) -> dict:
    """manifest.yaml as the mapping it holds, checked against ``Manifest``."""
    data, _ = read_file(path, Manifest)
    return data


def read_topics(path: Path) -> dict:
    """topics.yaml as ``{"topics": {word: [related]}, "vocab": [[word, pos, count]…]}``.

    The vocab is cached as rows: marshal reads a thousand small mappings markedly
    slower than the rows they are rebuilt from.
    """
    _, topics = read_file(path, TopicsFile)
    vocab = [[word, info.pos, info.count] for word, info in (topics.vocab or {}).items()]
    return {"topics": topics.topics or {}, "vocab": vocab}


def read_documents(path: Path) -> list[dict]:
    """documents.jsonl as a list of ``Document.to_dict()`` mappings, each line checked."""
    from writer.corpus.document import Document

    if not path.exists():
        raise BankFileMissingError(MISSING_FILE, path)
    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                docs.append(Document.from_dict(json.loads(line)).to_dict())
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise BankSchemaError(f"不是有效的文档记录（{type(exc).__name__}）", path, n) from None
    return docs
