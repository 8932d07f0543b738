"""Pass 1's documents and analyses on disk between pass 1 and the later stages (issue 13).

Kept as Python objects, a corpus's documents (every paragraph) and their
analyses (every section's words, tagged headings, names) are the bulk of
mining's memory and grow with the corpus: about 9 MB per MB of corpus. Here
each document's body and each part of its analysis are marshalled (plain
data only, nothing that can run code) into an anonymous temporary file as
soon as pass 1 returns them; the parent keeps a small object per document
(``SpilledDocument``: id, source, title, year… and the record's number) and
the later stages load a part when they read it, one document at a time.
Every stage reads the documents in order, so the last record read of each
part is kept and a stage pays one load per document.

The file is created unlinked (``tempfile.TemporaryFile``): nothing is left
behind on any exit, even a kill. Reads use ``os.pread``, so forked pass-2
workers share the descriptor without sharing a file position.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from array import array
from functools import lru_cache

from writer.corpus.document import Document, Section
from writer.mining.analysis import DocAnalysis
from writer.mining.titles import TitleEntities

BODY, NAMES, WORDS, HEADINGS, APHORISMS, LINE = range(6)
_PARTS = 6
# A document's paragraphs are read and dropped again and again: C's allocator keeps the freed pages
# (and raises its threshold for giving large blocks back), so the process would keep growing by
# what it churns. Every TRIM_EVERY loads the free pages go back to the system (glibc; a few ms).
TRIM_EVERY = 64


def _trim() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        return None


class SpillFile:
    """Records of ``_PARTS`` marshalled values each, appended in order, read back by (record, part)."""

    def __init__(self, folder: str | None = None):
        try:
            self._file = tempfile.TemporaryFile(dir=folder, prefix=".writer-mine-", buffering=0)
        except OSError:  # an unwritable folder: the system's temporary folder instead
            self._file = tempfile.TemporaryFile(prefix="writer-mine-", buffering=0)
        self._fd = self._file.fileno()
        self._offsets = array("q", [0])  # part k of record i starts at _offsets[i * _PARTS + k]
        self._last: list[tuple[int, object]] = [(-1, None)] * _PARTS
        self._loads = 0

    def __len__(self) -> int:
        return (len(self._offsets) - 1) // _PARTS

    def append(self, values: tuple) -> int:
        """Store one record's parts; returns its number."""
        blobs = [marshal.dumps(v) for v in values]
        end = self._offsets[-1]
        for blob in blobs:
            end += len(blob)
            self._offsets.append(end)
        self._file.write(b"".join(blobs))
        return len(self) - 1

    def load(self, record: int, part: int, build=None):
        """Part ``part`` of record ``record``, passed through ``build`` when given (the last value
        loaded of each part is kept: stages read one document's parts several times in a row)."""
        at, value = self._last[part]
        if at == record:
            return value
        k = record * _PARTS + part
        start = self._offsets[k]
        value = marshal.loads(os.pread(self._fd, self._offsets[k + 1] - start, start))
        if build is not None:
            value = build(value)
        self._last[part] = (record, value)
        self._loads += 1
        if self._loads % TRIM_EVERY == 0:
            _trim()
        return value


def _section_data(sec: Section) -> tuple:
    return (sec.heading, sec.subheading, sec.paragraphs, [_section_data(s) for s in sec.subsections])


def _section(data: tuple) -> Section:
    heading, subheading, paragraphs, subsections = data
    return Section(heading, subheading, paragraphs, [_section(s) for s in subsections])


def _body(data: tuple) -> tuple:
    lead, sections, closing = data
    return lead, [_section(s) for s in sections], closing


def _names(data: tuple) -> tuple:
    names, lead_names, evidence, entities = data
    return names, lead_names, evidence, TitleEntities(*entities)


class SpilledDocument(Document):
    """A document whose lead, sections and closing are read from a ``SpillFile`` when asked for.

    The metadata (id, source, title, subtitle, date, year, bylines) stays in
    memory: stages look them up per document again and again.
    """

    def __init__(self, doc: Document, spill: SpillFile, record: int):  # the base's fields are properties here
        self.id, self.source, self.title, self.subtitle = doc.id, doc.source, doc.title, doc.subtitle
        self.date, self.year, self.bylines = doc.date, doc.year, doc.bylines
        self._spill, self._record = spill, record

    def _body(self) -> tuple:
        return self._spill.load(self._record, BODY, _body)

    lead = property(lambda self: self._body()[0])
    sections = property(lambda self: self._body()[1])
    closing = property(lambda self: self._body()[2])


class SpilledAnalysis(DocAnalysis):
    """A document's pass-1 analysis read from a ``SpillFile`` part by part (its counts were moved out)."""

    def __init__(self, spill: SpillFile, record: int):  # the base's fields are properties here
        self._spill, self._record = spill, record
        self.aligned, self.words = [], []

    def _names(self) -> tuple:
        return self._spill.load(self._record, NAMES, _names)

    names = property(lambda self: self._names()[0])
    lead_names = property(lambda self: self._names()[1])
    evidence = property(lambda self: self._names()[2])
    entities = property(lambda self: self._names()[3])
    section_words = property(lambda self: self._spill.load(self._record, WORDS))
    headings = property(lambda self: self._spill.load(self._record, HEADINGS))
    aphorisms = property(lambda self: self._spill.load(self._record, APHORISMS))


class SpilledLines:
    """documents.jsonl's lines as the workers rendered them, read from the ``SpillFile`` in order."""

    def __init__(self, spill: SpillFile):
        self._spill = spill

    def __len__(self) -> int:
        return len(self._spill)

    def __iter__(self):
        return (self._spill.load(i, LINE) for i in range(len(self._spill)))


def spill(spill_file: SpillFile, doc: Document, an: DocAnalysis, line: str | None
          ) -> tuple[SpilledDocument, SpilledAnalysis]:
    """Move a document and its analysis (counts already moved out) to ``spill_file``."""
    e = an.entities
    record = spill_file.append((
        (doc.lead, [_section_data(s) for s in doc.sections], doc.closing),
        (an.names, an.lead_names, an.evidence, (e.place, e.org, e.topic, e.parts)),
        an.section_words, an.headings, an.aphorisms, line))
    return SpilledDocument(doc, spill_file, record), SpilledAnalysis(spill_file, record)


class Spiller:
    """``read_and_analyse``'s ``keep``: each document and analysis moves to disk as it arrives.

    ``lines``: documents.jsonl's lines when the workers rendered every one (else empty: the
    documents render them when the bank is written).
    """

    def __init__(self, folder: str | None = None):
        self.file = SpillFile(folder)
        self._rendered = 0

    def __call__(self, doc: Document, an: DocAnalysis, line: str | None) -> tuple[SpilledDocument, SpilledAnalysis]:
        self._rendered += line is not None
        return spill(self.file, doc, an, line)

    @property
    def lines(self) -> SpilledLines | list:
        return SpilledLines(self.file) if self._rendered and self._rendered == len(self.file) else []
