"""Per-year evidence for any string from a bank's documents.jsonl, by one search over its bytes.

A bank's documents.jsonl holds one ``Document.to_dict()`` per line, written by
``writer mine`` as ``json.dumps(..., ensure_ascii=False)``: its Chinese text
stands in the file as UTF-8, unescaped. UTF-8 is self-synchronising (lead and
continuation bytes differ), so the bytes of a phrase match the file's bytes
exactly where the phrase occurs in a string of the file. A phrase of
non-ASCII characters, digits, capitals and a few marks holds nothing JSON
escapes or spells its syntax with (``"``, ``\\``, controls, spaces, brackets,
the lowercase letters of keys, ``null`` and ``\\n``), so it can only match
inside a string value, never across two or in a key, and one ``find`` over
the mapped file, a bisect to the line it fell in and a jump to the next line
after a hit answer in at most one pass over the text. Hits before a line's
title (its id and source file name) or from its date to its lead (the date,
the year) do not count. A line that is not laid out the way writer writes it (escaped
characters, other key order), and every line for any other phrase, is read
through ``json`` and searched in its texts instead.

The line index (where each line starts and ends, its year, where its title,
date and lead are, which lines are read through json) costs a pass over the
file and more than the search itself; it is kept in the bank's cache
(writer/io/cache.py) under the file's size, modification time and inode, and
checked against the mapped bytes when read (each line must start and end
where it says), so a query after the first pays one search and no more. A
changed documents.jsonl (``writer mine`` writes a new file) is indexed anew.
"""

from __future__ import annotations

import bisect
import json
import mmap
import os
from pathlib import Path

from writer.bank.years import YearUse, count_by_year
from writer.trend.errors import DocumentsError, UndatedBankError

_START = b'{"id": '
_TITLE = b', "title": '
_DATE = b', "date": '
_YEAR = b', "year": '
_LEAD = b', "lead": '
LINES_CACHE = "trend-lines.marshal"
LINES_FORMAT = 1


# ASCII that JSON never spells its syntax, keys, escapes or null with: digits, capitals, a few marks.
_PLAIN_ASCII = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ%.-+/#&")


def searchable_as_bytes(phrase: str) -> bool:
    """Whether ``phrase``'s UTF-8 bytes can only match inside one string value of a JSON line."""
    return all(ord(ch) >= 128 or ch in _PLAIN_ASCII for ch in phrase)


class DocumentText:
    """The documents of one documents.jsonl: their years, titles and text, searched on demand."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            with open(self.path, "rb") as fh:
                size = fh.seek(0, 2)
                self._data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        except FileNotFoundError:
            raise DocumentsError("素材库没有 documents.jsonl，无法逐篇检索；请用 writer mine 重建素材库",
                                 self.path) from None
        except OSError as exc:
            raise DocumentsError(f"无法读取（{exc.strerror or exc}）", self.path) from None
        self.starts: list[int] = []          # line i spans data[starts[i]:ends[i]]
        self.ends: list[int] = []
        self.numbers: list[int] = []         # its line number in the file
        self.years: list[int | None] = []
        self._spans: list[tuple[int, int, int] | None] = []  # (title, date, lead) offsets; None: read via json
        self._texts: dict[int, str] = {}     # line → its texts, for the lines read via json, once read
        self._found: dict[str, list[int]] = {}  # phrase → the documents holding it, this run
        self._load_index()
        self.totals = count_by_year(self.years)
        if not self.totals:
            raise UndatedBankError("素材库的文档都没有年份，无法按年统计；请在标题或日期中写明年份后重新 writer mine",
                                   self.path)

    def _load_index(self) -> None:
        """The line index from the bank's cache when it matches this file's bytes, else built and kept."""
        from writer.io.cache import cache_file, load, store

        try:
            st = os.stat(self.path)
            key = ("trend-lines", LINES_FORMAT, st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        except OSError:
            key = None
        path = cache_file(self.path.parent, LINES_CACHE) if key else None
        stored = load(path, key) if path else None
        if stored is not None and self._restore(stored):
            return
        self.starts, self.ends, self.numbers, self.years, self._spans = [], [], [], [], []
        self._index()
        if path:
            store(path, key, [self.starts, self.ends, self.numbers, self.years, self._spans])

    def _restore(self, stored) -> bool:
        """Take a stored line index if every line of it starts and ends where the mapped bytes say."""
        try:
            starts, ends, numbers, years, spans = stored
        except (TypeError, ValueError):
            return False
        data, size = self._data, len(self._data)
        if not (len(starts) == len(ends) == len(numbers) == len(years) == len(spans)):
            return False
        for start, end, span in zip(starts, ends, spans):
            if not (0 <= start <= end <= size and (end == size or data[end:end + 1] == b"\n")
                    and (start == 0 or data[start - 1:start] == b"\n")
                    and (span is None or data[start:start + len(_START)] == _START)):
                return False
        self.starts, self.ends, self.numbers, self.years = starts, ends, numbers, years
        self._spans = [tuple(span) if span is not None else None for span in spans]
        return True

    def _index(self) -> None:
        data, pos, number = self._data, 0, 0
        size = len(data)
        escaped = self._escapes()
        while pos < size:
            end = data.find(b"\n", pos)
            end = size if end < 0 else end
            number += 1
            # A line of writer's layout starts with {"id": ; only another line is looked at whole.
            if data[pos:pos + len(_START)] == _START or data[pos:end].strip():
                self.starts.append(pos)
                self.ends.append(end)
                self.numbers.append(number)
                k = bisect.bisect_left(escaped, pos)
                self._index_line(len(self.starts) - 1, pos, end, k < len(escaped) and escaped[k] < end)
            pos = end + 1

    def _escapes(self) -> list[int]:
        """The offsets of every \\u escape (a line holding one is read through json): one memchr for \\."""
        data, found = self._data, []
        pos = data.find(b"\\")
        while pos >= 0:
            if data[pos + 1:pos + 2] == b"u":
                found.append(pos)
            pos = data.find(b"\\", pos + 2)
        return found

    def _index_line(self, i: int, start: int, end: int, escaped: bool) -> None:
        data = self._data
        title = data.find(_TITLE, start, end) if data[start:start + len(_START)] == _START else -1
        date = data.find(_DATE, title, end) if title >= 0 else -1
        year = data.find(_YEAR, date, end) if date >= 0 else -1
        lead = data.find(_LEAD, year, end) if year >= 0 else -1
        if lead < 0 or escaped:
            document = self._decoded(i, start, end)
            self._spans.append(None)
            self._texts[i] = "\n".join(document.texts())
            self.years.append(document.year)
            return
        value = bytes(data[year + len(_YEAR):lead])
        self._spans.append((title + len(_TITLE), date, lead))
        self.years.append(int(value) if value.isdigit() else None)

    def _decoded(self, i: int, start: int, end: int):
        from writer.corpus.document import Document

        try:
            return Document.from_dict(json.loads(bytes(self._data[start:end])))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DocumentsError(f"不是有效的文档记录（{type(exc).__name__}）", self.path,
                                 line=self.numbers[i]) from None

    def __len__(self) -> int:
        return len(self.starts)

    def holding(self, phrase: str) -> list[int]:
        """The indexes of the documents whose text holds ``phrase``, in file order (searched once per phrase)."""
        if phrase not in self._found:
            if searchable_as_bytes(phrase):
                found = self._byte_hits(phrase.encode("utf-8"))
                found.update(i for i, span in enumerate(self._spans) if span is None and phrase in self._text(i))
            else:
                found = {i for i in range(len(self.starts)) if phrase in self._text(i)}
            self._found[phrase] = sorted(found)
        return self._found[phrase]

    def _byte_hits(self, needle: bytes) -> set[int]:
        data, starts, spans = self._data, self.starts, self._spans
        found: set[int] = set()
        pos = data.find(needle)
        while pos >= 0:
            i = bisect.bisect_right(starts, pos) - 1
            span = spans[i] if i >= 0 else None
            if span is None:                 # before the first line, or a line searched via json
                pos = data.find(needle, pos + 1)
            elif pos < span[0]:              # in the id or the source file's name
                pos = data.find(needle, span[0])
            elif span[1] <= pos < span[2]:   # in the date
                pos = data.find(needle, span[2])
            else:
                found.add(i)
                pos = data.find(needle, self.ends[i])
        return found

    def _text(self, i: int) -> str:
        if i not in self._texts:
            self._texts[i] = "\n".join(self._decoded(i, self.starts[i], self.ends[i]).texts())
        return self._texts[i]

    def use(self, phrase: str) -> YearUse:
        """How many documents of each year hold ``phrase``."""
        docs = count_by_year(self.years[i] for i in self.holding(phrase))
        return YearUse(phrase, docs, self.totals)

    def reports(self, phrase: str, year: int) -> list[tuple[str, int, str]]:
        """(title, year, region) of the documents of ``year`` holding ``phrase`` (a user's bank has no regions)."""
        out = []
        for i in self.holding(phrase):
            if self.years[i] == year:
                out.append((self._decoded(i, self.starts[i], self.ends[i]).title, year, ""))
        return out
