"""The reference bank shipped with writer: per-year evidence from 1,600 public government work reports.

A reference folder (``phrasebank/reference/``, built by tools/build_reference.py;
docs/bank-format.md gives the layout) holds five files:

- ``manifest.json``: the generation stamp (sources, file count, input digest,
  date, command, writer version), the threshold N, the reports per year and
  the list of reports (title, year, region) the other files point into;
- ``phrases.jsonl``: the mined entries (slogans, terms, headings in slot form),
  each with its documents per year (base64 of a byte per year) and, for
  headings, topic words (read whole, only by ``phrases``);
- ``index.bin``: every string of 2 to 12 characters used in at least N
  reports, with its reports per year: sorted strings in zlib blocks, a block
  directory at the end. Strings whose counts equal those of their one
  character longer right extension are left out; ``lookup`` gives them the
  counts of their longest such extension (the per-year maximum over the
  strings they begin, which is the same). Built with ``--first-reports``,
  each string also keeps the indexes of the reports of its first year (its
  extension's are the same reports); otherwise the lists are empty;
- ``phrases.bin``: the mined entries' reports per year and all their reports
  in index.bin's layout, so that a lookup the index misses, and the reports
  of an entry, read one block, not phrases.jsonl;
- ``quoted.txt``: the terms at least five reports put in quotation marks
  (“放管服”, “千万工程”), one a line, sorted: formulations by the reports' own
  marking (read by ``quoted``, for ``writer trend --new``). The index counts
  a quoted term inside its clause, the marks taken out (学习运用千万工程经验).

``load_report_counts`` reads the two block directories alone, for the copy
rule's question how many reports use a string. Loading a ``Reference`` reads
the manifest and the block directories only; ``lookup`` inflates
one block, ``phrases`` reads the phrase file on first use. Nothing here runs
code from the folder: JSON, zlib and fixed binary layouts only.

Long because: the one binary layout is read (whole, and for the lookup-only load) and written
here, so that its reader and writer cannot drift apart.
"""

from __future__ import annotations

import struct
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path

from writer.bank.errors import ReferenceCorruptError, ReferenceMissingError
from writer.bank.years import YearUse
from writer.slotted import FrozenValueRecord

MANIFEST_FILE = "manifest.json"
PHRASES_FILE = "phrases.jsonl"
PHRASE_INDEX_FILE = "phrases.bin"
INDEX_FILE = "index.bin"
QUOTED_FILE = "quoted.txt"
FORMAT = 1
MAGIC = b"WRITER-REFIDX\x00\x00\x01"          # 16 bytes
_HEADER = struct.Struct("<16sIIIQQ")         # magic, years, entries, blocks, directory offset, its length
_BLOCK_HEAD = struct.Struct("<II")           # entries, bytes of the strings (then counts, then first-year reports)
BLOCK_ENTRIES = 256
MAX_COUNT = 255                              # counts are single bytes: a year has fewer reports


def default_reference() -> Path:
    """The shipped reference folder (phrasebank/reference/ of the install or checkout)."""
    from writer.io.paths import data_dir

    return data_dir("phrasebank") / "reference"


def load_reference(path: Path | None = None) -> "Reference":
    """The reference at ``path`` (default: the shipped one); checks its files and reads the manifest."""
    folder = Path(path) if path is not None else default_reference()
    for name in (MANIFEST_FILE, INDEX_FILE, PHRASE_INDEX_FILE, PHRASES_FILE, QUOTED_FILE):
        if not (folder / name).is_file():
            raise ReferenceMissingError("参考素材库缺少此文件；请按 README“参考素材库”一节重建", folder / name)
    return Reference(folder)


class Reference:
    """A reference folder: the reports per year, the n-gram index, the mined phrases."""

    def __init__(self, folder: Path):
        self.path = Path(folder)
        self.manifest = _read_manifest(self.path / MANIFEST_FILE)
        self.years: list[int] = self.manifest["years"]
        self.totals: dict[int, int] = dict(zip(self.years, self.manifest["totals"]))
        self.min_reports: int = self.manifest["min_reports"]
        self.documents: list[tuple[str, int, str]] = [tuple(d) for d in self.manifest["documents"]]
        self._index = _Index(self.path / INDEX_FILE, len(self.years))
        self._phrase_index = _Index(self.path / PHRASE_INDEX_FILE, len(self.years))
        self._phrases: dict[str, dict] | None = None
        self._quoted: frozenset[str] | None = None

    def __repr__(self) -> str:
        return f"Reference({str(self.path)!r})"

    def _use(self, text: str, row: bytes | list[int]) -> YearUse:
        return YearUse(text, {y: n for y, n in zip(self.years, row) if n}, self.totals)

    # -- the n-gram index, then the mined phrases
    def lookup(self, text: str) -> YearUse | None:
        """The reports per year using ``text`` (exact string); None when the reference does not hold it."""
        row = self._index.lookup(text)
        if row is None:
            row = self._phrase_index.lookup(text, exact=True)
        return self._use(text, row) if row is not None else None

    def __iter__(self) -> Iterator[YearUse]:
        """Every string of the n-gram index, in code point order (the mined phrases are in ``phrases``)."""
        for text, row in self._index.rows():
            yield self._use(text, row)

    def __len__(self) -> int:
        return self._index.entries

    def rows(self) -> Iterator[tuple[str, bytes]]:
        """(string, its reports per year in ``years`` order) of the index: ``iter`` without the objects."""
        return self._index.rows()

    def phrases(self, kind: str) -> Iterator[YearUse]:
        """The mined entries of ``kind`` (slogan, term, heading: the heading's slot form), most used first."""
        for text, entry in self._phrase_entries().items():
            if entry[0] == kind:
                yield self._use(text, entry[1])

    def reports(self, text: str, year: int) -> list[tuple[str, int, str]]:
        """(title, year, region) of the reports of ``year`` using ``text``, where the reference keeps them
        (mined phrases: every year; other indexed strings: their first year); an empty list otherwise."""
        if self._is_phrase(text):
            ids = self._doc_ids(text)
        else:
            use = self.lookup(text)
            ids = self._index.first_reports(text) if use is not None and use.first_year == year else []
        if ids and ids[-1] >= len(self.documents):
            raise _corrupt(self.path / INDEX_FILE, f"“{text}”的报告编号")
        return [doc for doc in (self.documents[i] for i in ids) if doc[1] == year]

    def quoted(self) -> frozenset[str]:
        """The terms the reports put in quotation marks (quoted.txt), read on first use."""
        if self._quoted is None:
            path = self.path / QUOTED_FILE
            try:
                self._quoted = frozenset(path.read_text(encoding="utf-8").splitlines())
            except (OSError, UnicodeDecodeError):
                raise _corrupt(path, "无法读取") from None
        return self._quoted

    @property
    def regions(self) -> list[str]:
        """The provinces and cities of the reports, sorted."""
        return sorted({region for _, _, region in self.documents})

    def by_region(self, text: str) -> dict[str, YearUse]:
        """Region → its reports per year using ``text``: for the mined phrases only (the n-gram index
        keeps no regions); an empty mapping otherwise."""
        if not self._is_phrase(text):
            return {}
        totals: dict[str, dict[int, int]] = {}
        for _, year, region in self.documents:
            per_year = totals.setdefault(region, {})
            per_year[year] = per_year.get(year, 0) + 1
        used: dict[str, dict[int, int]] = {}
        for i in self._doc_ids(text):
            _, year, region = self.documents[i]
            per_year = used.setdefault(region, {})
            per_year[year] = per_year.get(year, 0) + 1
        return {region: YearUse(text, dict(sorted(used[region].items())), totals[region])
                for region in sorted(used)}

    def _phrase_entries(self) -> dict[str, tuple[str, bytes, dict]]:
        """text → (kind, reports per year, other fields)."""
        if self._phrases is None:
            self._phrases = _read_phrases(self.path / PHRASES_FILE, len(self.years))
        return self._phrases

    def _is_phrase(self, text: str) -> bool:
        """Whether ``text`` is a mined entry, asked of phrases.bin (one block), not phrases.jsonl."""
        return self._phrase_index.find(text, exact=True) is not None

    def _doc_ids(self, text: str) -> list[int]:
        ids = self._phrase_index.first_reports(text, exact=True)
        if ids and ids[-1] >= len(self.documents):
            raise _corrupt(self.path / PHRASE_INDEX_FILE, f"“{text}”的报告编号")
        return ids


def _corrupt(path: Path, what: str) -> ReferenceCorruptError:
    return ReferenceCorruptError(f"参考素材库文件已损坏（{what}）；请按 README“参考素材库”一节重建", path)


def _read_manifest(path: Path) -> dict:
    import json   # here, not at the top: a commonness lookup (load_report_counts) reads no JSON

    try:
        data = json.loads(path.read_bytes())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _corrupt(path, f"不是有效的 JSON：{type(exc).__name__}") from None
    keys = ("format", "years", "totals", "min_reports", "documents")
    if not isinstance(data, dict) or any(k not in data for k in keys):
        raise _corrupt(path, "缺少 " + "、".join(k for k in keys if not isinstance(data, dict) or k not in data))
    if data["format"] != FORMAT:
        raise _corrupt(path, f"格式版本 {data['format']}，本版 writer 读 {FORMAT}")
    years, totals, docs = data["years"], data["totals"], data["documents"]
    if (not all(isinstance(y, int) for y in years) or len(totals) != len(years)
            or not all(isinstance(d, list) and len(d) == 3 for d in docs)):
        raise _corrupt(path, "years/totals/documents 不一致")
    return data


def _read_phrases(path: Path, years: int) -> dict[str, tuple[str, bytes, dict]]:
    import json
    from base64 import b64decode

    entries: dict[str, tuple[str, bytes, dict]] = {}
    number = 0
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                entry = json.loads(line)
                if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in _PHRASE_KEYS):
                    raise ValueError("keys")
                text, kind, counts = (entry.pop(k) for k in _PHRASE_KEYS)
                counts = b64decode(counts, validate=True)
                if len(counts) != years:
                    raise ValueError("years")
                entries[text] = (kind, counts, entry)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _corrupt(path, f"第 {number} 行：{type(exc).__name__}") from None
    return entries


_PHRASE_KEYS = ("text", "kind", "years")


def _decode_lists(data: bytes) -> list[list[int]] | None:
    """The lists of ``_encode_lists``; None when ``data`` is not such a text."""
    numbers: list[int] = []
    value = shift = 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        numbers.append(value)
        value = shift = 0
    if shift:
        return None
    out: list[list[int]] = []
    k = 0
    while k < len(numbers):
        size = numbers[k]
        gaps = numbers[k + 1:k + 1 + size]
        if len(gaps) != size:
            return None
        last, ids = -1, []
        for gap in gaps:
            last += gap + 1
            ids.append(last)
        out.append(ids)
        k += 1 + size
    return out


def _varints(numbers: Iterable[int]) -> bytes:
    out = bytearray()
    for n in numbers:
        while n >= 0x80:
            out.append(n & 0x7F | 0x80)
            n >>= 7
        out.append(n)
    return bytes(out)


def _encode_lists(lists: list[list[int]]) -> bytes:
    """Lists of increasing numbers as varints: each list's length, then its gaps minus one."""
    flat: list[int] = []
    for ids in lists:
        flat.append(len(ids))
        flat.extend(n - last - 1 for last, n in zip([-1, *ids], ids))
    return _varints(flat)


class _Index:
    """index.bin: sorted strings with a byte per year, in zlib blocks; only the directory is read at load."""

    def __init__(self, path: Path, years: int):
        self.path = path
        self.years = years
        try:
            with open(path, "rb") as fh:
                head = fh.read(_HEADER.size)
                magic, n_years, self.entries, blocks, offset, length = _HEADER.unpack(head)
                if magic != MAGIC or n_years != years:
                    raise ValueError("magic")
                fh.seek(offset)
                directory = zlib.decompress(fh.read(length))
            keys_len = struct.unpack_from("<I", directory)[0]
            keys = directory[4:4 + keys_len].decode("utf-8").split("\n") if blocks else []
            spans = struct.unpack_from(f"<{blocks + 1}Q", directory, 4 + keys_len)
        except (OSError, ValueError, struct.error, zlib.error, UnicodeDecodeError):
            raise _corrupt(path, "索引头或目录不对") from None
        if len(keys) != blocks:
            raise _corrupt(path, "目录条数不对")
        self.first_keys = keys
        self.spans = spans
        self._blocks: dict[int, tuple[list[str], bytes]] = {}
        self._firsts: dict[int, bytes] = {}

    def block(self, number: int) -> tuple[list[str], bytes]:
        """(strings, counts) of block ``number``; counts are column-major: year j of entry i at j*len+i.
        ``self._firsts[number]`` then holds the block's first-year reports, undecoded."""
        if number in self._blocks:
            return self._blocks[number]
        start, end = self.spans[number], self.spans[number + 1]
        try:
            with open(self.path, "rb") as fh:
                fh.seek(start)
                data = zlib.decompress(fh.read(end - start))
            count, text_len = _BLOCK_HEAD.unpack_from(data)
            strings = data[8:8 + text_len].decode("utf-8").split("\n")
            end = 8 + text_len + count * self.years
            counts, firsts = data[8 + text_len:end], data[end:]
            if len(strings) != count or len(counts) != count * self.years:
                raise ValueError("size")
        except (OSError, ValueError, struct.error, zlib.error, UnicodeDecodeError):
            raise _corrupt(self.path, f"第 {number} 块") from None
        if len(self._blocks) > 64:
            self._blocks.clear()
            self._firsts.clear()
        self._blocks[number] = (strings, counts)
        self._firsts[number] = firsts
        return strings, counts

    def _row(self, number: int, i: int) -> bytes:
        strings, counts = self.block(number)
        return counts[i::len(strings)]

    def lookup(self, text: str, exact: bool = False) -> bytes | None:
        """The counts of ``text``; unless ``exact``, those of the longest stored string it begins with
        the same counts when ``text`` itself is not stored."""
        found = self.find(text, exact)
        return self._row(*found) if found else None

    def find(self, text: str, exact: bool = False) -> tuple[int, int] | None:
        """(block, position) of ``text``, else (unless ``exact``) of a stored string it begins with the
        same counts: the one with the per-year maximum of all of them, which is its right closure's."""
        if not text or not self.first_keys:
            return None
        number = max(bisect_right(self.first_keys, text) - 1, 0)
        strings, _ = self.block(number)
        i = bisect_left(strings, text)
        if i < len(strings) and strings[i] == text:
            return number, i
        return None if exact else self._closure(text, number, i)

    def _closure(self, text: str, number: int, i: int) -> tuple[int, int] | None:
        best: tuple[bytes, tuple[int, int]] | None = None
        while number < len(self.first_keys):
            strings, counts = self.block(number)
            n = len(strings)
            while i < n and strings[i].startswith(text):
                row = counts[i::n]
                if best is None or all(a >= b for a, b in zip(row, best[0])):
                    best = (row, (number, i))
                i += 1
            if i < n:
                break
            number, i = number + 1, 0
        return best[1] if best else None

    def first_reports(self, text: str, exact: bool = False) -> list[int]:
        """The report indexes kept with ``text`` (index.bin: those of its first year; phrases.bin: all);
        empty when the index lacks it."""
        found = self.find(text, exact)
        if not found:
            return []
        number, i = found
        self.block(number)
        ids = _decode_lists(self._firsts[number])
        if ids is None or len(ids) <= i:
            raise _corrupt(self.path, f"第 {number} 块的首年报告")
        return ids[i]

    def rows(self) -> Iterator[tuple[str, bytes]]:
        for number in range(len(self.first_keys)):
            strings, counts = self.block(number)
            n = len(strings)
            for i, text in enumerate(strings):
                yield text, counts[i::n]


# ---------------------------------------------------------------- writing (tools/build_reference.py)

def index_bytes(rows: Iterable[tuple[str, list[int]]], years: int, firsts: dict[str, list[int]] | None = None) -> bytes:
    """index.bin for ``rows`` (string, counts per year), which must be sorted by string; ``firsts``:
    string → the indexes of the reports of its first year (none kept for a string it lacks)."""
    blocks: list[bytes] = []
    keys: list[str] = []
    chunk: list[tuple[str, list[int], list[int]]] = []
    entries = 0
    last = None
    for text, counts in rows:
        if "\n" in text or not text or (last is not None and text <= last) or len(counts) != years:
            raise ValueError(f"index row out of order or malformed: {text!r}")
        if any(not 0 <= n <= MAX_COUNT for n in counts):
            raise ValueError(f"count out of range for {text!r}")
        last = text
        chunk.append((text, counts, sorted((firsts or {}).get(text, ()))))
        entries += 1
        if len(chunk) == BLOCK_ENTRIES:
            keys.append(chunk[0][0])
            blocks.append(_block_bytes(chunk, years))
            chunk = []
    if chunk:
        keys.append(chunk[0][0])
        blocks.append(_block_bytes(chunk, years))
    spans = [_HEADER.size]
    for block in blocks:
        spans.append(spans[-1] + len(block))
    key_bytes = "\n".join(keys).encode("utf-8")
    directory = zlib.compress(struct.pack("<I", len(key_bytes)) + key_bytes
                              + struct.pack(f"<{len(spans)}Q", *spans), 9)
    head = _HEADER.pack(MAGIC, years, entries, len(blocks), spans[-1], len(directory))
    return head + b"".join(blocks) + directory


def _block_bytes(chunk: list[tuple[str, list[int], list[int]]], years: int) -> bytes:
    text = "\n".join(t for t, _, _ in chunk).encode("utf-8")
    columns = bytes(row[j] for j in range(years) for _, row, _ in chunk)
    firsts = _encode_lists([ids for _, _, ids in chunk])
    return zlib.compress(_BLOCK_HEAD.pack(len(chunk), len(text)) + text + columns + firsts, 9)


def phrase_line(text: str, kind: str, years: list[int], extra: dict | None = None) -> str:
    """One line of phrases.jsonl: the entry, its reports per year (``years`` order), other fields."""
    import json
    from base64 import b64encode

    if any(not 0 <= n <= MAX_COUNT for n in years):
        raise ValueError(f"phrase entry malformed: {text!r}")
    entry = {"text": text, "kind": kind, "years": b64encode(bytes(years)).decode("ascii"), **(extra or {})}
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"


# ---------------------------------------------------------------- reading for a commonness lookup

class ReportCount(FrozenValueRecord):
    """How many reports of the reference use ``text`` (every year together): ``Reference.lookup``'s
    ``reports``, without the years the manifest names."""

    __slots__ = ("text", "reports")
    _fields = __slots__

    def __init__(self, text: str, reports: int):
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "reports", reports)


class ReportCounts:
    """The reference's two indexes alone, for asking how common a string is (the copy rule's
    stock wording): ``lookup(text).reports`` equals ``load_reference().lookup(text).reports``.
    Loading reads the two block directories, not the manifest's 1,600 report rows."""

    def __init__(self, folder: Path):
        self.path = Path(folder)
        years = _index_years(self.path / INDEX_FILE)
        self._index = _Index(self.path / INDEX_FILE, years)
        self._phrase_index = _Index(self.path / PHRASE_INDEX_FILE, years)
        self._memo: dict[Path, dict[int, list[str]]] = {}

    def __repr__(self) -> str:
        return f"ReportCounts({str(self.path)!r})"

    def lookup(self, text: str) -> ReportCount | None:
        # Most strings a draft asks about are in neither index: whether one holds ``text`` is
        # told by the block's strings, a quarter of its bytes, and only a hit inflates the counts.
        row = self._index.lookup(text) if self._holds(self._index, text, False) else None
        if row is None and self._holds(self._phrase_index, text, True):
            row = self._phrase_index.lookup(text, exact=True)
        return ReportCount(text, sum(row)) if row is not None else None

    def _holds(self, index: _Index, text: str, exact: bool) -> bool:
        """Whether ``index.find(text, exact)`` finds something, from the strings of one block."""
        if not text or not index.first_keys:
            return False
        number = max(bisect_right(index.first_keys, text) - 1, 0)
        strings = index._blocks[number][0] if number in index._blocks else self._strings(index, number)
        i = bisect_left(strings, text)
        if i < len(strings) and strings[i] == text:
            return True
        if exact:
            return False
        # _closure: a stored string beginning with ``text``, the next one in order if any is
        following = strings[i] if i < len(strings) else \
            index.first_keys[number + 1] if number + 1 < len(index.first_keys) else ""
        return following.startswith(text)

    def _strings(self, index: _Index, number: int) -> list[str]:
        """Block ``number``'s strings, inflating no more of it than they take."""
        memo = self._memo.setdefault(index.path, {})
        if number not in memo:
            start, end = index.spans[number], index.spans[number + 1]
            try:
                with open(index.path, "rb") as fh:
                    fh.seek(start)
                    inflate = zlib.decompressobj()
                    data = inflate.decompress(fh.read(end - start), _BLOCK_HEAD.size)
                count, text_len = _BLOCK_HEAD.unpack_from(data)
                while len(data) < _BLOCK_HEAD.size + text_len and inflate.unconsumed_tail:
                    data += inflate.decompress(inflate.unconsumed_tail, _BLOCK_HEAD.size + text_len - len(data))
                strings = data[_BLOCK_HEAD.size:_BLOCK_HEAD.size + text_len].decode("utf-8").split("\n")
                if len(strings) != count:
                    raise ValueError("size")
            except (OSError, ValueError, struct.error, zlib.error, UnicodeDecodeError):
                raise _corrupt(index.path, f"第 {number} 块") from None
            memo[number] = strings
        return memo[number]


def load_report_counts(path: Path | None = None) -> ReportCounts:
    """The reference at ``path`` (default: the shipped one) for commonness lookups: the same
    files must be there as for ``load_reference`` (ReferenceMissingError otherwise)."""
    folder = Path(path) if path is not None else default_reference()
    for name in (MANIFEST_FILE, INDEX_FILE, PHRASE_INDEX_FILE, PHRASES_FILE, QUOTED_FILE):
        if not (folder / name).is_file():
            raise ReferenceMissingError("参考素材库缺少此文件；请按 README“参考素材库”一节重建", folder / name)
    return ReportCounts(folder)


def _index_years(path: Path) -> int:
    """The number of years an index file's header gives (the manifest's, which ``_Index`` checks)."""
    try:
        with open(path, "rb") as fh:
            magic, years, *_ = _HEADER.unpack(fh.read(_HEADER.size))
    except (OSError, struct.error):
        raise _corrupt(path, "索引头或目录不对") from None
    if magic != MAGIC:
        raise _corrupt(path, "索引头或目录不对")
    return years
