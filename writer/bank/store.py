"""The phrase bank: records, loading with a compiled cache, and the user's custom.yaml.

The bank folder layout and the record fields are the contract in
docs/bank-format.md. Loading never imports jieba; each kind is parsed from
YAML once and then read from a pickle in ``writer.io.paths.cache_dir(bank)``,
rebuilt whenever any YAML file of the bank changes (mtime or size).
Kinds load lazily on first access, so a command that only needs slogans
never pays for the headings.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from writer.errors import InputError
from writer.io.yamlfile import locate

# Bumped whenever the records or the cache layout change, so stale caches are ignored.
CACHE_FORMAT = 3

GENERATED_FILES = ("manifest.yaml", "slogans.yaml", "headings.yaml", "openings.yaml",
                   "closings.yaml", "aphorisms.yaml", "topics.yaml", "names.yaml")
DOCUMENTS_FILE = "documents.jsonl"
CUSTOM_FILE = "custom.yaml"
# What a bank folder may hold besides the generated files.
EXPECTED_EXTRAS = ("corpus", "README.md", CUSTOM_FILE, ".cache")
CUSTOM_KINDS = ("slogans", "headings", "aphorisms", "openings", "closings", "names")


class BankError(InputError):
    """The phrase bank cannot be used."""


class BankMissingError(BankError):
    """The bank folder does not exist."""


class BankFileMissingError(BankError):
    """A file the bank needs is missing from the bank folder."""


class BankYamlError(BankError):
    """A bank file is not valid YAML."""


class BankSchemaError(BankError):
    """A bank file is valid YAML but does not hold what the bank format says."""


# ---------------------------------------------------------------- records

@dataclass
class Slogan:
    """A four-character set phrase (kind ``slogan``) or topic term (kind ``term``)."""

    text: str
    kind: str = "slogan"
    count: int = 0
    docs: int = 0
    doc_ids: list[str] = field(default_factory=list)
    first_year: int | None = None
    last_year: int | None = None
    examples: list[str] = field(default_factory=list)


@dataclass
class Heading:
    """A section heading with its typed-slot pattern and shape."""

    text: str
    heading: str = ""
    subheading: str | None = None
    pattern: str = ""
    shape: str = ""
    slots: list[list[str]] = field(default_factory=list)
    doc_id: str | None = None
    source: str | None = None
    year: int | None = None
    topics: list[str] = field(default_factory=list)


@dataclass
class Passage:
    """An opening (帽子) or closing paragraph, verbatim and as a template."""

    text: str
    template: str = ""
    doc_id: str | None = None
    source: str | None = None
    year: int | None = None


@dataclass
class Aphorism:
    """A short balanced sentence that opens a section."""

    text: str
    doc_id: str | None = None
    source: str | None = None
    year: int | None = None
    heading: str | None = None


@dataclass
class Name:
    """A proper name of a source document: never to appear in generated text."""

    text: str
    kind: str = "place"
    docs: list[str] = field(default_factory=list)


RECORD_FILES = {
    "slogans": ("slogans.yaml", "slogans", Slogan),
    "headings": ("headings.yaml", "headings", Heading),
    "openings": ("openings.yaml", "openings", Passage),
    "closings": ("closings.yaml", "closings", Passage),
    "aphorisms": ("aphorisms.yaml", "aphorisms", Aphorism),
    "names": ("names.yaml", "names", Name),
}

_NULLABLE_INT = (int, type(None))
_NULLABLE_STR = (str, type(None))
# Field types checked on load: (allowed types, element type for lists).
_FIELD_TYPES: dict[type, dict[str, tuple]] = {
    Slogan: {"text": (str,), "kind": (str,), "count": (int,), "docs": (int,),
             "doc_ids": (list, str), "first_year": _NULLABLE_INT, "last_year": _NULLABLE_INT,
             "examples": (list, str)},
    Heading: {"text": (str,), "heading": (str,), "subheading": _NULLABLE_STR, "pattern": (str,),
              "shape": (str,), "slots": (list, list), "doc_id": _NULLABLE_STR,
              "source": _NULLABLE_STR, "year": _NULLABLE_INT, "topics": (list, str)},
    Passage: {"text": (str,), "template": (str,), "doc_id": _NULLABLE_STR,
              "source": _NULLABLE_STR, "year": _NULLABLE_INT},
    Aphorism: {"text": (str,), "doc_id": _NULLABLE_STR, "source": _NULLABLE_STR,
               "year": _NULLABLE_INT, "heading": _NULLABLE_STR},
    Name: {"text": (str,), "kind": (str,), "docs": (list, str)},
}
_KINDS = {Slogan: ("slogan", "term"), Name: ("place", "org", "person")}


# ---------------------------------------------------------------- YAML

def _yaml_loader():
    import yaml
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; raise BankYamlError with file:line:col on bad YAML."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankFileMissingError("素材库缺少此文件；请用 writer mine 重建素材库", path) from None
    except UnicodeDecodeError:
        raise BankYamlError("不是 UTF-8 文本", path) from None
    except OSError as exc:
        raise BankFileMissingError(f"无法读取（{exc.strerror}）", path) from None
    try:
        return yaml.load(text, Loader=_yaml_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problem = exc.problem or "格式错误"
        raise BankYamlError(f"YAML 格式错误（{problem}）", path, line, col) from None
    except yaml.YAMLError as exc:
        raise BankYamlError(f"YAML 格式错误（{exc}）", path) from None


def _schema_error(path: Path, keys: list, message: str) -> BankSchemaError:
    line, col = locate(path, keys)
    key = ".".join(str(k) for k in keys) if keys else None
    return BankSchemaError(message, path, line, col, key)


def _type_ok(value: Any, spec: tuple) -> bool:
    if spec[0] is list:
        if not isinstance(value, list):
            return False
        return all(isinstance(v, spec[1]) and not isinstance(v, bool) for v in value)
    return isinstance(value, spec) and not isinstance(value, bool)


def records_from_data(data: Any, path: Path, top: str, cls: type) -> list:
    """Validate ``data[top]`` as a list of ``cls`` records and build them."""
    if not isinstance(data, dict) or top not in data:
        raise _schema_error(path, [], f"缺少顶层键 {top}")
    items = data[top]
    if items is None:
        return []
    if not isinstance(items, list):
        raise _schema_error(path, [top], "应为列表")
    types = _FIELD_TYPES[cls]
    kinds = _KINDS.get(cls)
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise _schema_error(path, [top, i], "应为键值表")
        if "text" not in item:
            raise _schema_error(path, [top, i], "缺少 text")
        for key, value in item.items():
            spec = types.get(key)
            if spec is None:
                raise _schema_error(path, [top, i, key], "未知字段")
            if not _type_ok(value, spec):
                raise _schema_error(path, [top, i, key], "类型不对")
        if kinds and "kind" in item and item["kind"] not in kinds:
            raise _schema_error(path, [top, i, "kind"], f"kind 只能是 {'/'.join(kinds)}")
        out.append(cls(**item))
    return out


# ---------------------------------------------------------------- custom.yaml

@dataclass
class Custom:
    """The user's curation: texts to add and texts to exclude, per kind."""

    add: dict[str, list] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)


def read_custom(bank: Path) -> Custom:
    """custom.yaml of a bank (empty when absent), validated."""
    path = bank / CUSTOM_FILE
    if not path.exists():
        return Custom()
    data = read_yaml(path)
    if data is None:
        return Custom()
    if not isinstance(data, dict):
        raise _schema_error(path, [], "应为键值表（add: / exclude:）")
    custom = Custom()
    for section in data:
        if section not in ("add", "exclude"):
            raise _schema_error(path, [section], "只能有 add 和 exclude 两节")
        body = data[section] or {}
        if not isinstance(body, dict):
            raise _schema_error(path, [section], "应为键值表（slogans: [...] 等）")
        for kind, items in body.items():
            if kind not in CUSTOM_KINDS:
                raise _schema_error(path, [section, kind], f"未知类别；可用：{'、'.join(CUSTOM_KINDS)}")
            items = items or []
            if not isinstance(items, list):
                raise _schema_error(path, [section, kind], "应为列表")
            for i, item in enumerate(items):
                ok = isinstance(item, str) and item.strip()
                if section == "add" and isinstance(item, dict) and isinstance(item.get("text"), str):
                    ok = True
                if not ok:
                    raise _schema_error(path, [section, kind, i], "应为非空文字")
            getattr(custom, section)[kind] = list(items)
    return custom


def _custom_record(kind: str, item: Any, path: Path, index: int, vocab: dict) -> Any:
    """A record for one custom ``add`` entry (a text or a mapping of fields)."""
    cls = RECORD_FILES[kind][2]
    fields_ = dict(item) if isinstance(item, dict) else {"text": item.strip()}
    if "source" in _FIELD_TYPES[cls]:
        fields_.setdefault("source", "custom.yaml")
    try:
        [record] = records_from_data({"add": [fields_]}, path, "add", cls)
    except BankSchemaError as err:
        raise _schema_error(path, ["add", kind, index], err.message) from None
    if cls is Heading and not record.pattern:
        from writer.bank.patterns import heading_pattern_from_vocab
        record.heading = record.heading or record.text
        pattern, shape, slots = heading_pattern_from_vocab(record.text, vocab)
        record.pattern, record.shape, record.slots = pattern, shape, slots
    return record


def merge_custom(kind: str, records: list, custom: Custom, path: Path, vocab: dict) -> list:
    """Apply custom.yaml to one kind: drop excluded texts, append additions."""
    excluded = set(custom.exclude.get(kind, []))
    out = [r for r in records if r.text not in excluded
           and getattr(r, "heading", None) not in excluded]
    have = {r.text for r in out}
    for i, item in enumerate(custom.add.get(kind, [])):
        record = _custom_record(kind, item, path, i, vocab)
        if record.text not in have and record.text not in excluded:
            out.append(record)
            have.add(record.text)
    return out


# ---------------------------------------------------------------- the bank

def _stat_key(path: Path) -> tuple:
    try:
        st = path.stat()
    except OSError:
        return (path.name, None, None)
    return (path.name, st.st_mtime_ns, st.st_size)


class PhraseBank:
    """A bank folder: records per kind (custom.yaml merged), loaded lazily through a cache."""

    def __init__(self, path: Path, use_cache: bool = True):
        self.path = Path(path)
        self.use_cache = use_cache
        self._loaded: dict[str, Any] = {}
        self._custom: Custom | None = None
        self._cache_root: Path | None | bool = False  # False: not looked up yet
        # One key for every cache: any YAML change invalidates them all, which is
        # simple and correct (custom headings depend on topics.yaml's vocab).
        import writer
        self._key = (CACHE_FORMAT, writer.__version__,
                     tuple(_stat_key(self.path / name) for name in GENERATED_FILES + (CUSTOM_FILE,)))

    def __repr__(self) -> str:
        return f"PhraseBank({str(self.path)!r})"

    # -- cache plumbing
    def _cache_file(self, kind: str) -> Path | None:
        if not self.use_cache:
            return None
        if self._cache_root is False:
            try:
                from writer.io.paths import cache_dir
                self._cache_root = cache_dir(self.path)
            except OSError:
                self._cache_root = None
        return self._cache_root / f"{kind}.cache.pickle" if self._cache_root else None

    def _cached(self, kind: str, build, key=None):
        if kind in self._loaded:
            return self._loaded[kind]
        key = key if key is not None else self._key
        cache = self._cache_file(kind)
        value = None
        if cache is not None and cache.exists():
            try:
                with open(cache, "rb") as fh:
                    if pickle.load(fh) == key:
                        value = pickle.load(fh)
            except Exception:
                value = None  # a stale or broken cache is only a miss
        if value is None:
            value = build()
            if cache is not None:
                self._write_cache(cache, key, value)
        self._loaded[kind] = value
        return value

    @staticmethod
    def _write_cache(cache: Path, key, value) -> None:
        import tempfile
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{cache.name}.", suffix=".tmp", dir=cache.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(key, fh, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only place only costs speed

    def _custom_data(self) -> Custom:
        if self._custom is None:
            self._custom = read_custom(self.path)
        return self._custom

    def _records(self, kind: str) -> list:
        def build():
            filename, top, cls = RECORD_FILES[kind]
            path = self.path / filename
            records = records_from_data(read_yaml(path), path, top, cls)
            custom = self._custom_data()
            if custom.add.get(kind) or custom.exclude.get(kind):
                vocab = self.vocab if kind == "headings" else {}
                records = merge_custom(kind, records, custom, self.path / CUSTOM_FILE, vocab)
            return records
        return self._cached(kind, build)

    # -- kinds
    @property
    def slogans(self) -> list[Slogan]:
        return self._records("slogans")

    @property
    def headings(self) -> list[Heading]:
        return self._records("headings")

    @property
    def openings(self) -> list[Passage]:
        return self._records("openings")

    @property
    def closings(self) -> list[Passage]:
        return self._records("closings")

    @property
    def aphorisms(self) -> list[Aphorism]:
        return self._records("aphorisms")

    @property
    def names(self) -> list[Name]:
        return self._records("names")

    @property
    def heading_groups(self) -> dict[str, list[int]]:
        """headings.yaml's ``groups``: shape → indexes into the mined headings."""
        return self._headings_extra()["groups"]

    def _headings_extra(self) -> dict:
        def build():
            path = self.path / "headings.yaml"
            data = read_yaml(path)
            groups = data.get("groups", {}) if isinstance(data, dict) else {}
            if not isinstance(groups, dict) or not all(
                    isinstance(k, str) and _type_ok(v, (list, int)) for k, v in groups.items()):
                raise _schema_error(path, ["groups"], "应为 形状: [序号, ...]")
            return {"groups": groups}
        return self._cached("headings_extra", build)

    @property
    def manifest(self) -> dict:
        def build():
            path = self.path / "manifest.yaml"
            data = read_yaml(path)
            if not isinstance(data, dict):
                raise _schema_error(path, [], "应为键值表")
            for key, typ in (("sources", list), ("counts", dict)):
                if not isinstance(data.get(key), typ):
                    raise _schema_error(path, [key], "缺少或类型不对")
            return data
        return self._cached("manifest", build)

    def _topics_data(self) -> dict:
        def build():
            path = self.path / "topics.yaml"
            data = read_yaml(path)
            if not isinstance(data, dict):
                raise _schema_error(path, [], "应为键值表（topics: / vocab:）")
            topics = data.get("topics") or {}
            vocab = data.get("vocab") or {}
            if not isinstance(topics, dict):
                raise _schema_error(path, ["topics"], "应为 词: [相关词, ...]")
            for word, related in topics.items():
                if not isinstance(word, str) or not _type_ok(related, (list, str)):
                    raise _schema_error(path, ["topics", word], "应为 词: [相关词, ...]")
            if not isinstance(vocab, dict):
                raise _schema_error(path, ["vocab"], "应为 词: {pos, count}")
            for word, info in vocab.items():
                if not (isinstance(word, str) and isinstance(info, dict)
                        and isinstance(info.get("pos"), str) and isinstance(info.get("count"), int)):
                    raise _schema_error(path, ["vocab", word], "应为 {pos: 词性, count: 次数}")
            return {"topics": topics, "vocab": vocab}
        return self._cached("topics", build)

    @property
    def topics(self) -> dict[str, list[str]]:
        return self._topics_data()["topics"]

    @property
    def vocab(self) -> dict[str, dict]:
        return self._topics_data()["vocab"]

    def source_names(self) -> set[str]:
        """Every proper name of the sources (custom.yaml's added names included)."""
        return {n.text for n in self.names}

    def documents(self) -> list:
        """The mined documents (documents.jsonl), read on first call and cached."""
        from writer.corpus.document import Document

        path = self.path / DOCUMENTS_FILE
        key = (CACHE_FORMAT, _stat_key(path))

        def build():
            import json
            if not path.exists():
                raise BankFileMissingError("素材库缺少此文件；请用 writer mine 重建素材库", path)
            docs = []
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        docs.append(Document.from_dict(json.loads(line)))
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        raise BankSchemaError(f"不是有效的文档记录（{type(exc).__name__}）",
                                              path, n) from None
            return docs
        return self._cached("documents", build, key)

    def counts(self) -> dict[str, int]:
        """Number of records per kind (custom.yaml merged; slogans split by kind)."""
        slogans = self.slogans
        return {
            "slogan": sum(1 for s in slogans if s.kind == "slogan"),
            "term": sum(1 for s in slogans if s.kind == "term"),
            "heading": len(self.headings),
            "opening": len(self.openings),
            "closing": len(self.closings),
            "aphorism": len(self.aphorisms),
            "topic": len(self.topics),
            "name": len(self.names),
        }

    def load_all(self) -> "PhraseBank":
        """Load (and validate) every kind now instead of on first access."""
        for kind in RECORD_FILES:
            self._records(kind)
        self.manifest, self.topics, self.heading_groups  # noqa: B018 — for validation
        return self


def load_bank(path: str | Path | None = None, use_cache: bool = True) -> PhraseBank:
    """The bank at ``path`` (else $WRITER_BANK, else the shipped bank).

    Checks the folder and its files exist now; each kind is parsed (or read
    from the compiled cache) on first access, raising BankError subclasses
    that name the file, line and key.
    """
    from writer.io.paths import resolve_bank

    bank = resolve_bank(path)
    if not bank.exists():
        raise BankMissingError("素材库文件夹不存在", bank)
    if not bank.is_dir():
        raise BankMissingError("不是文件夹（--bank 应指向素材库文件夹）", bank)
    for name in GENERATED_FILES:
        if not (bank / name).is_file():
            raise BankFileMissingError("素材库缺少此文件；请用 writer mine 重建素材库", bank / name)
    return PhraseBank(bank, use_cache=use_cache)


def record_to_dict(record: Any) -> dict:
    """A record as the ordered mapping written to YAML (field order of the dataclass)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
