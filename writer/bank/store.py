"""The phrase bank: a bank folder's records per kind, custom.yaml merged, loaded lazily through a cache.

The folder layout and the record fields are the contract in
docs/bank-format.md. Each kind is decoded from YAML once (``writer.bank.schema``,
``writer.bank.custom``) and then read as plain rows from the marshal cache of
``writer.io.cache``, keyed on the content of the files it comes from, so a warm
load imports neither yaml nor jieba. Kinds load on first access: a command
that only needs slogans never pays for the headings, and a run served wholly from
compiled caches (suggest's heading index, the heading templates) never imports the
record classes (writer.bank.records) at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from writer.bank.files import CUSTOM_FILE, DOCUMENTS_FILE, GENERATED_FILES, RECORD_FILE_NAMES
from writer.io import cache

if TYPE_CHECKING:
    from writer.bank.records import Aphorism, Heading, Name, Passage, Slogan
    from writer.bank.years import YearTable

# Bumped whenever the records or the layout of the cached data change.
CACHE_FORMAT = 6


class RecordKind:
    """A bank attribute holding one kind of record (``bank.slogans``…), loaded on first access."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.kind = name

    def __get__(self, bank: "PhraseBank | None", owner: type | None = None):
        if bank is None:
            return self
        return bank._records(self.kind)


class PhraseBank:
    """A bank folder: records per kind (custom.yaml merged), loaded lazily through a cache."""

    slogans: list[Slogan] = RecordKind()          # type: ignore[assignment]
    headings: list[Heading] = RecordKind()        # type: ignore[assignment]
    openings: list[Passage] = RecordKind()        # type: ignore[assignment]
    closings: list[Passage] = RecordKind()        # type: ignore[assignment]
    aphorisms: list[Aphorism] = RecordKind()      # type: ignore[assignment]
    names: list[Name] = RecordKind()              # type: ignore[assignment]

    def __init__(self, path: Path, use_cache: bool = True):
        self.path = Path(path)
        self.use_cache = use_cache
        self._loaded: dict[str, Any] = {}       # cache entry → its data, once loaded
        self._stamps: dict[str, tuple] = {}     # file name → cache.file_stamp
        self._custom = None                     # custom.Custom, read on the first stale kind
        self._cache_folder: Path | None | bool = False  # False: not looked up yet

    def __repr__(self) -> str:
        return f"PhraseBank({str(self.path)!r})"

    # -- the cache
    def _cache_path(self, entry: str) -> Path | None:
        if not self.use_cache:
            return None
        if self._cache_folder is False:
            self._cache_folder = cache.cache_dir(self.path)
        return self._cache_folder / f"bank-{entry}.marshal" if self._cache_folder else None

    def file_stamp(self, name: str) -> tuple:
        """``writer.io.cache.file_stamp`` of the bank's file ``name``, computed once per bank object."""
        if name not in self._stamps:
            self._stamps[name] = cache.run_stamp(self.path / name)
        return self._stamps[name]

    def files_read(self) -> tuple:
        """(name, ``file_stamp``) of every bank file read so far, in name order: what a result depends on."""
        return tuple(sorted(self._stamps.items()))

    def _cached(self, entry: str, files: tuple[str, ...], build) -> Any:
        """The plain data of cache ``entry`` (derived from ``files`` only): from the cache, else built."""
        if entry in self._loaded:
            return self._loaded[entry]
        import writer

        key = (CACHE_FORMAT, writer.__version__, tuple(self.file_stamp(name) for name in files))
        path = self._cache_path(entry)
        data = cache.load(path, key)
        if data is None:  # no cache, a stale or a broken one
            data = build()
            cache.store(path, key, data)
        self._loaded[entry] = data
        return data

    # -- kinds of records
    def _record_data(self, kind: str) -> dict:
        filename = RECORD_FILE_NAMES[kind][0]
        files = (filename, CUSTOM_FILE)
        if kind == "headings" and (self.path / CUSTOM_FILE).exists():
            files += ("topics.yaml",)  # custom headings are segmented with topics.yaml's vocab

        def build() -> dict:
            from writer.bank.custom import merge_custom, read_custom
            from writer.bank.records import RECORD_FILES, record_rows
            from writer.bank.schema import read_records

            decoded = read_records(self.path / filename, kind)
            if self._custom is None:
                self._custom = read_custom(self.path)
            vocab = self.vocab if kind == "headings" and self._custom.add.get(kind) else {}
            records = merge_custom(kind, getattr(decoded, kind) or [], self._custom, vocab)
            data = {"rows": record_rows(records, RECORD_FILES[kind][2])}
            if kind == "headings":
                data["groups"] = decoded.groups
            return data
        return self._cached(kind, files, build)

    def _records(self, kind: str) -> list:
        entry = f"{kind}-records"
        if entry not in self._loaded:
            from writer.bank.records import RECORD_FILES, from_rows

            self._loaded[entry] = from_rows(self._record_data(kind)["rows"], RECORD_FILES[kind][2])
        return self._loaded[entry]

    @property
    def heading_groups(self) -> dict[str, list[int]]:
        """headings.yaml's ``groups``: shape → indexes into the mined headings."""
        return self._record_data("headings")["groups"]

    # -- the other files
    @property
    def manifest(self) -> dict:
        def build() -> dict:
            from writer.bank.schema import read_manifest
            return read_manifest(self.path / "manifest.yaml")
        return self._cached("manifest", ("manifest.yaml",), build)

    def _topics_data(self) -> dict:
        def build() -> dict:
            from writer.bank.schema import read_topics
            return read_topics(self.path / "topics.yaml")
        return self._cached("topics", ("topics.yaml",), build)

    @property
    def topics(self) -> dict[str, list[str]]:
        """topics.yaml's ``topics``: word → related words."""
        return self._topics_data()["topics"]

    @property
    def vocab(self) -> dict[str, dict]:
        """topics.yaml's ``vocab``: word → ``{"pos": jieba tag, "count": n}``."""
        if "vocab" not in self._loaded:
            self._loaded["vocab"] = {word: {"pos": pos, "count": count}
                                     for word, pos, count in self._topics_data()["vocab"]}
        return self._loaded["vocab"]

    def documents(self) -> list:
        """The mined documents (documents.jsonl), read on first call and cached."""
        from writer.corpus.document import Document

        if "documents-records" not in self._loaded:
            def build() -> list[dict]:
                from writer.bank.schema import read_documents
                return read_documents(self.path / DOCUMENTS_FILE)
            rows = self._cached("documents", (DOCUMENTS_FILE,), build)
            self._loaded["documents-records"] = [Document.from_dict(d) for d in rows]
        return self._loaded["documents-records"]

    # -- summaries
    def source_names(self) -> set[str]:
        """Every proper name of the sources (custom.yaml's added names included)."""
        if "names-records" in self._loaded:
            return {n.text for n in self.names}
        # Read off the cached rows (a Name's first field is its text): a render and a heading set
        # need only the texts, and importing the record classes (dataclasses) costs a cold start more.
        return {row[0] for row in self._record_data("names")["rows"]}

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

    def year_table(self, kinds: tuple[str, ...] = ("slogan", "term")) -> YearTable:
        """The slogans and terms of ``kinds`` with their documents per year, over the manifest's
        documents per year (empty for a bank whose documents carry no years)."""
        from writer.bank.years import YearTable

        totals = self.manifest.get("documents_per_year") or {}
        return YearTable(totals, {s.text: s.years for s in self.slogans if s.kind in kinds and s.years})

    def load_all(self) -> "PhraseBank":
        """Load (and validate) every kind now instead of on first access."""
        for kind in RECORD_FILE_NAMES:
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
    if not bank.is_dir() or not all((bank / name).is_file() for name in GENERATED_FILES):
        _missing(bank)   # imported on failure only: the error classes cost a cold start 1.3M instructions
    return PhraseBank(bank, use_cache=use_cache)


def _missing(bank: Path) -> None:
    """The BankError for a bank folder that is missing, no folder, or lacks one of its files."""
    from writer.bank.errors import MISSING_FILE, BankFileMissingError, BankMissingError

    if not bank.exists():
        raise BankMissingError("素材库文件夹不存在", bank)
    if not bank.is_dir():
        raise BankMissingError("不是文件夹（--bank 应指向素材库文件夹）", bank)
    for name in GENERATED_FILES:
        if not (bank / name).is_file():
            raise BankFileMissingError(MISSING_FILE, bank / name)
