"""Reading a corpus for mining: the corpus reader run over runs of files in worker processes.

Each worker reads, structures and analyses its files (``writer.corpus.reader``
then pass 1, ``writer.mining.analysis``) and counts them; the parent collects
the documents in file order and makes their ids unique exactly as
``read_corpus`` does, so the result does not depend on the number of
processes.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from writer.corpus.document import Document
from writer.errors import InputError, NoReadableFilesError, WriterError
from writer.mining import segment
from writer.mining.analysis import Analysed, DocAnalysis, analyse_document, move_counts
from writer.mining.pool import Progress, add_counts, chunks, pool_imap


def _freeze_error(err: WriterError) -> tuple:
    # WriterError subclasses do not survive pickling with their path; send the parts.
    return (type(err), err.message, err.path, err.line, err.col, err.key)


def _thaw_error(parts: tuple) -> WriterError:
    cls, message, path, line, col, key = parts
    return cls(message, path, line, col, key)


def _read_file(item: tuple[Path, str]):
    """Read, structure and analyse one file: ("ok", documents, analyses) or ("error", frozen error)."""
    from writer.corpus.formats import read_file_text
    from writer.corpus.reader import NoDocumentError, parse_text

    path, source = item
    try:
        text = read_file_text(path)
        docs = parse_text(text, source, markdown=path.suffix.lower() in (".md", ".markdown"))
    except InputError as exc:
        return ("error", _freeze_error(exc))
    if not docs:
        return ("error", _freeze_error(NoDocumentError("未能识别出任何文档内容", path)))
    # documents.jsonl's lines too: rendering them here spreads that work over the workers.
    # In-process they are rendered when the file is written: kept, they would be a second
    # copy of the corpus in memory through every later stage.
    lines = [d.jsonl_line() for d in docs] if _TOTALS is None else [None] * len(docs)
    return ("ok", docs, [analyse_document(d) for d in docs], lines)


# With workers, a run of files is at most this many bytes: the parent receives a run's documents,
# analyses and counts at once (memory), and merges the last runs after the workers are done (time).
READ_RUN_BYTES = 2_000_000

_TOTALS: tuple[Counter, Counter, Counter] | None = None  # in-process runs count straight into these


def _read_chunk(items: list[tuple[Path, str]]):
    """A run of files: read, analysed, counted (into the parent's totals when run in-process,
    else into this run's counters, which the parent merges: once per run, not per document)."""
    results = [_read_file(item) for item in items]
    totals = _TOTALS if _TOTALS is not None else (Counter(), Counter(), Counter())
    for res in results:
        if res[0] == "ok":
            for an in res[2]:
                move_counts(an, *totals)
    return results, (None if _TOTALS is not None else totals)



def _intern_words(an: DocAnalysis) -> None:
    # Words arrive as fresh strings from the workers (in-process, segment.cut interned them
    # already); one shared copy each saves memory.
    intern = sys.intern
    an.section_words = [list(map(intern, ws)) for ws in an.section_words]


class SpooledLines:
    """documents.jsonl's lines as the workers rendered them, kept in an unnamed temporary file.

    In memory they would be a second copy of the corpus in the parent through every
    later stage (the peak of ``--jobs 2``); written out as they come and read back
    once, when the bank is written. Where no temporary file can be written, in memory.
    """

    def __init__(self):
        import tempfile

        self._kept: list[str] = []
        self._count = 0
        try:
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")
        except OSError:
            self._file = None

    def append(self, line: str) -> None:
        if self._file is not None:
            try:
                self._file.write(line)
                self._count += 1
                return
            except OSError:  # a full disk: the whole lines so far back into memory, the rest there
                self._kept = list(self)[:self._count]
                self._close()
        self._kept.append(line)

    def __len__(self) -> int:
        return self._count + len(self._kept)

    def __iter__(self):
        if self._file is None:
            return iter(self._kept)
        self._file.flush()
        self._file.seek(0)
        return iter(self._file)  # one line per document: JSON escapes line breaks inside

    def _close(self) -> None:
        self._file.close()
        self._file, self._count = None, 0

    def close(self) -> None:
        """Remove the temporary file (after the bank is written)."""
        if self._file is not None:
            self._close()
        self._kept = []


def read_and_analyse(paths: list[str | Path], jobs: int = 1, progress: Progress | None = None) -> Analysed:
    """Read the corpus as ``writer.corpus.reader.read_corpus`` does (same documents, ids, problems), analysing each document.

    Raises the reader's errors when nothing at all is readable.
    """
    from writer.corpus.reader import iter_files

    segment.initialize()
    files, problems = iter_files(paths)
    documents: list[Document] = []
    analyses: list[DocAnalysis] = []
    global _TOTALS
    lines: list[str] | SpooledLines = []
    aligned: Counter = Counter()
    aligned_docs: Counter = Counter()
    words: Counter = Counter()
    seen: set[str] = set()
    sizes = [_file_size(path) for path, _ in files]
    runs = [[files[i] for i in r] for r in chunks(len(files), jobs, sizes, max_size=READ_RUN_BYTES)]
    in_process = jobs <= 1 or len(runs) <= 1
    if in_process:
        _TOTALS = (aligned, aligned_docs, words)
    else:
        lines = SpooledLines()
    try:
        for results, counts in pool_imap(_read_chunk, runs, jobs, progress, "read", len(files)):
            if counts is not None:
                for total, part in zip((aligned, aligned_docs, words), counts):
                    add_counts(total, part)
            _collect(results, documents, analyses, problems, seen, lines, intern=not in_process)
    finally:
        _TOTALS = None
        # The memo of cut blocks served pass 1; freed, its memory goes to pass 2's tables.
        segment.forget_blocks()
    if not documents:
        if len(problems) == 1:
            raise problems[0]
        raise NoReadableFilesError("没有读到任何文档（" + "；".join(str(p) for p in problems) + "）")
    return Analysed(documents, analyses, problems, aligned, words, aligned_docs, lines)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _collect(results: list, documents: list[Document], analyses: list[DocAnalysis], problems: list[WriterError],
             seen: set[str], lines: list[str] | SpooledLines, intern: bool) -> None:
    """Take one run's documents (ids made unique as the reader does) and problems, in file order."""
    for res in results:
        if res[0] == "error":
            problems.append(_thaw_error(res[1]))
            continue
        for doc, an, line in zip(res[1], res[2], res[3]):
            base, n = doc.id, 2
            while doc.id in seen:
                doc.id = f"{base}~{n}"
                n += 1
            if doc.id != base and line is not None:
                line = doc.jsonl_line()
            seen.add(doc.id)
            if intern:
                _intern_words(an)
            documents.append(doc)
            analyses.append(an)
            if line is not None:
                lines.append(line)
