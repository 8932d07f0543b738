"""Assemble a phrase bank from documents: per-document analysis (parallel), corpus-wide verdicts.

Pass 1, per document (runs of files spread over ``jobs`` processes): reading,
jieba segmentation, word counts, the four-character spans segmentation keeps
whole, names, the tagged headings, lead and closing. Then, with the
corpus-wide candidate set known, pass 2 (runs of documents again) counts every
occurrence of the candidates with their neighbours. Everything corpus-wide
(verdicts, templates, topics) happens in the parent, in document order, so
the result does not depend on ``jobs`` (a test checks it byte for byte).
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from writer.bank.store import Aphorism, Heading, Name, Passage, Slogan
from writer.corpus.document import Document
from writer.errors import InputError, NoReadableFilesError, WriterError
from writer.mining import aphorisms as aph
from writer.mining import names as nm
from writer.mining import segment
from writer.bank.patterns import heading_shape, pattern_from_tokens, split_frame_compounds
from writer.mining.passages import NameIndex, make_template, name_slots
from writer.mining.slogans import (LARGE_CORPUS, Candidate, SpanTable, aligned_spans_of_text, count_spans, route,
                                   sentence_around, verdict, word_lists)
from writer.mining.topics import build_topics, build_vocab, content_words, heading_topics

Progress = Callable[[str, int, int], None]  # (stage, done so far, total)



@dataclass
class DocAnalysis:
    """What pass 1 learns from one document."""

    aligned: list[str] = field(default_factory=list)  # spans kept whole (with repeats), until counted
    words: list[str] = field(default_factory=list)    # words of two or more characters, until counted
    section_words: list[list[str]] = field(default_factory=list)  # one per (sub)section, walk order
    names: dict[str, str] = field(default_factory=dict)
    entities: nm.TitleEntities = field(default_factory=nm.TitleEntities)
    headings: list[tuple[list, list | None]] = field(default_factory=list)  # tagged heading, subheading
    lead_names: dict[str, str] = field(default_factory=dict)  # names the tagger sees in shipped texts
    aphorisms: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass
class BankData:
    """Everything `writer mine` writes besides documents.jsonl."""

    manifest: dict
    slogans: list[Slogan]
    headings: list[Heading]
    groups: dict[str, list[int]]
    openings: list[Passage]
    closings: list[Passage]
    aphorisms: list[Aphorism]
    topics: dict[str, list[str]]
    vocab: dict[str, dict]
    names: list[Name]


# ---------------------------------------------------------------- pass 1

def analyse_document(doc: Document) -> DocAnalysis:
    """Segment one document and collect what the corpus-wide verdicts need."""
    a = DocAnalysis()
    a.entities = nm.title_entities(doc.title, doc.subtitle)
    a.names.update(nm.names_from_title(a.entities))
    tag_of = segment.dictionary_tag

    shipped = set(doc.lead) | set(doc.closing)
    all_tokens: list[str] = []
    shipped_tokens: list[str] = []

    def take(text: str, hmm: bool = False) -> list[str]:
        # Body text without jieba's HMM (a quarter faster; unknown words stay as single
        # characters); titles, headings, openings and closings with it, since they are shipped.
        tokens = segment.cut(text, hmm=hmm or text in shipped)
        all_tokens.extend(tokens)
        all_tokens.append("\n")  # no name or phrase spans two paragraphs
        if text in shipped:
            shipped_tokens.extend(tokens)
            shipped_tokens.append("\n")
        return tokens

    for p in [doc.title] + ([doc.subtitle] if doc.subtitle else []):
        take(p, hmm=True)
    for p in doc.lead:
        take(p)
    def tagged(line: str) -> tuple[list[tuple[str, str]], list[str]]:
        # Headings become patterns: dictionary tags, and the HMM tagger's guess for words
        # jieba does not know (segment.guess_tag, memoized).
        words = take(line, hmm=True)
        return split_frame_compounds([(w, tag_of(w) or segment.guess_tag(w)) for w in words], tag_of), words

    heading_tokens: list[str] = []
    for sec in doc.all_sections():
        head, head_words = tagged(sec.heading)
        sub, sub_words = tagged(sec.subheading) if sec.subheading else (None, None)
        a.headings.append((head, sub))
        heading_tokens.extend(head_words + (sub_words or []))
        tokens = list(head_words) + list(sub_words or [])
        for p in sec.paragraphs:
            tokens.extend(take(p))
        a.section_words.append(content_words(tokens))
    for p in doc.closing:
        take(p)
    # Names once per document; openings and closings become templates, so there every
    # dictionary place counts too.
    a.names.update(nm.names_from_tokens(all_tokens))
    a.lead_names.update(nm.names_from_tokens(shipped_tokens, inclusive=True))
    # Counted later, a run of documents at once, in C (Counter over lists).
    a.aligned = aligned_spans_of_text(all_tokens)
    a.words = [w for w in all_tokens if len(w) >= 2]
    # Headings become patterns: there too every dictionary place counts.
    a.lead_names.update(nm.names_from_tokens(heading_tokens, inclusive=True))
    known = set(a.names) | set(a.lead_names)
    for sentence, heading in aph.candidates(doc.lead, doc.sections, doc.closing):
        if aph.is_aphorism(sentence, known):
            found = nm.names_from_tagged(segment.tag(sentence), inclusive=True)
            if not found:
                a.aphorisms.append((sentence, heading))
    return a


# ---------------------------------------------------------------- reading (parallel)

def _freeze_error(err: WriterError) -> tuple:
    # WriterError subclasses do not survive pickling with their path; send the parts.
    return (type(err), err.message, err.path, err.line, err.col, err.key)


def _thaw_error(parts: tuple) -> WriterError:
    cls, message, path, line, col, key = parts
    return cls(message, path, line, col, key)


def _read_file(item: tuple[Path, str]):
    """Read, structure and analyse one file: ("ok", documents, analyses) or ("error", frozen error)."""
    from writer.corpus.reader import NoDocumentError, parse_text
    from writer.io.files import read_text

    path, source = item
    try:
        text = read_text(path)
        docs = parse_text(text, source, markdown=path.suffix.lower() in (".md", ".markdown"))
    except InputError as exc:
        return ("error", _freeze_error(exc))
    if not docs:
        return ("error", _freeze_error(NoDocumentError("未能识别出任何文档内容", path)))
    from writer.mining.bankfiles import document_line

    # documents.jsonl's lines too: rendering them here spreads that work over the workers.
    return ("ok", docs, [analyse_document(d) for d in docs], [document_line(d) for d in docs])


_TOTALS: tuple[Counter, Counter, Counter] | None = None  # in-process runs count straight into these


def _read_chunk(items: list[tuple[Path, str]]):
    """A run of files: read, analysed, counted (into the parent's totals when run in-process,
    else into this run's counters, which the parent merges: once per run, not per document)."""
    results = [_read_file(item) for item in items]
    totals = _TOTALS if _TOTALS is not None else (Counter(), Counter(), Counter())
    for res in results:
        if res[0] == "ok":
            for an in res[2]:
                _move_counts(an, *totals)
    return results, (None if _TOTALS is not None else totals)


def _move_counts(an: DocAnalysis, aligned: Counter, aligned_docs: Counter, words: Counter) -> None:
    """Add a document's counts to running totals and drop them from the analysis (they cost gigabytes)."""
    aligned.update(an.aligned)        # lists: counted in C
    aligned_docs.update(set(an.aligned))
    words.update(an.words)
    an.aligned, an.words = [], []


def _context():
    # fork shares jieba's loaded dictionary with the workers; elsewhere they load their own.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _chunks(n: int, jobs: int, sizes: list[int] | None = None) -> list[range]:
    """Contiguous runs of items.

    In-process (jobs == 1): small runs, so the progress bar moves. With workers:
    ``2 * jobs`` runs of about equal total ``sizes``, because the parent merges each
    run's counts (a Python loop per entry) while the workers keep both cores busy.
    """
    if jobs <= 1:
        return [range(i, min(n, i + 16)) for i in range(0, n, 16)]
    sizes = sizes if sizes is not None else [1] * n
    runs = min(n, 2 * jobs)
    total = sum(sizes) or 1
    out: list[range] = []
    start, acc = 0, 0
    for i, size in enumerate(sizes):
        acc += size
        if len(out) < runs - 1 and acc >= total * (len(out) + 1) / runs and i + 1 < n:
            out.append(range(start, i + 1))
            start = i + 1
    out.append(range(start, n))
    return [r for r in out if len(r)]


def _pool_imap(fn, items: list, jobs: int, progress: Progress | None, stage: str, total: int | None = None):
    """fn over items, results yielded in order, in ``jobs`` processes (in this one when jobs == 1).

    A generator, so the caller merges each result as it comes and memory holds
    one chunk's statistics at a time, not the corpus's. ``total`` counts the
    underlying units for the progress bar (items are chunks of them).
    """
    total = total if total is not None else len(items)
    done = 0
    if jobs <= 1 or len(items) <= 1:
        results = map(fn, items)
        pool = None
    else:
        pool = _context().Pool(jobs)
        results = pool.imap(fn, items, chunksize=1)
    try:
        for item, res in zip(items, results):
            yield res
            done += len(item) if isinstance(item, (list, range)) else 1
            if progress:
                progress(stage, done, total)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


@dataclass
class Analysed:
    """A read and analysed corpus: documents, their analyses, corpus-wide counts, unreadable inputs."""

    documents: list[Document]
    analyses: list[DocAnalysis]
    problems: list[WriterError]
    aligned: Counter       # four-character spans kept whole by segmentation: occurrences
    words: Counter
    aligned_docs: Counter  # … and the number of documents they occur in
    lines: list[str] = field(default_factory=list)  # documents.jsonl, a line per document


def _intern_words(an: DocAnalysis) -> None:
    # Words arrive as fresh strings from the workers; one shared copy each saves memory.
    intern = sys.intern
    an.section_words = [[intern(w) for w in ws] for ws in an.section_words]


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
    lines: list[str] = []
    aligned: Counter = Counter()
    aligned_docs: Counter = Counter()
    words: Counter = Counter()
    seen: set[str] = set()
    sizes = [_file_size(path) for path, _ in files]
    chunks = [[files[i] for i in r] for r in _chunks(len(files), jobs, sizes)]
    in_process = jobs <= 1 or len(chunks) <= 1
    if in_process:
        _TOTALS = (aligned, aligned_docs, words)
    try:
        for results, counts in _pool_imap(_read_chunk, chunks, jobs, progress, "read", len(files)):
            if counts is not None:
                for total, part in zip((aligned, aligned_docs, words), counts):
                    total.update(part)
            _collect(results, documents, analyses, problems, seen, lines)
    finally:
        _TOTALS = None
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
             seen: set[str], lines: list[str]) -> None:
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
            if doc.id != base:
                from writer.mining.bankfiles import document_line
                line = document_line(doc)
            seen.add(doc.id)
            _intern_words(an)
            documents.append(doc)
            analyses.append(an)
            lines.append(line)


def analyse_all(documents: list[Document]) -> Analysed:
    """Pass 1 over documents already in memory (tests, library callers)."""
    segment.initialize()
    aligned: Counter = Counter()
    aligned_docs: Counter = Counter()
    words: Counter = Counter()
    analyses = []
    for doc in documents:
        an = analyse_document(doc)
        _move_counts(an, aligned, aligned_docs, words)
        analyses.append(an)
    return Analysed(list(documents), analyses, [], aligned, words, aligned_docs)


# ---------------------------------------------------------------- pass 2

_SCAN_DOCS: list[Document] = []
_SCAN_CANDIDATES: frozenset[str] = frozenset()


def _doc_string(doc: Document) -> str:
    """A document's texts as one string, a line each (a line break bounds every phrase)."""
    return "\n".join(doc.texts())


def _scan_chunk(indexes: range) -> SpanTable:
    """Worker: pass 2 over a run of documents."""
    return count_spans([_doc_string(_SCAN_DOCS[d]) for d in indexes], _SCAN_CANDIDATES, list(indexes))


def _merge_pairs(blocks: list[range]) -> list[range]:
    """Halve the number of runs (2 * jobs → jobs) by joining neighbours."""
    out = []
    for i in range(0, len(blocks), 2):
        pair = blocks[i:i + 2]
        out.append(range(pair[0].start, pair[-1].stop))
    return out


def scan_documents(documents: list[Document], candidates: frozenset[str], jobs: int,
                   progress: Progress | None):
    """Pass 2: every occurrence of every candidate; yields, in document order, merged chunks."""
    global _SCAN_DOCS, _SCAN_CANDIDATES
    _SCAN_DOCS, _SCAN_CANDIDATES = documents, candidates
    try:
        # Workers find the documents and candidates in memory inherited by fork.
        if _context().get_start_method() != "fork":
            jobs = 1
        # One run per process: the parent merges the runs' tables, a Python loop per entry.
        n = len(documents)
        sizes = [sum(map(len, d.paragraphs())) for d in documents]
        blocks = [range(0, n)] if jobs <= 1 else _chunks(n, jobs, sizes)
        if jobs > 1:
            blocks = _merge_pairs(blocks)
        yield from _pool_imap(_scan_chunk, blocks, jobs, progress, "scan", n)
    finally:
        _SCAN_DOCS, _SCAN_CANDIDATES = [], frozenset()


# ---------------------------------------------------------------- corpus-wide

class _Overlay(dict):
    """A document's name slots over the corpus's, without copying the corpus's every time."""

    def __init__(self, base: dict, top: dict):
        super().__init__(top)
        self.base = base

    def __missing__(self, key):
        return self.base[key]


class _SpanPlaces:
    """Which documents hold a span, and example sentences (for the spans kept only)."""

    def __init__(self, table: SpanTable, documents: list[Document]):
        self.table = table
        self.docs = documents
        self._strings: dict[int, str] = {}

    def doc_indexes(self, span: str) -> list[int]:
        return self.table.docs.get(span, [])

    def examples(self, span: str) -> list[str]:
        """One or two example sentences, from the first documents using the span."""
        out: list[str] = []
        for d in self.doc_indexes(span)[:2]:
            text = self._strings.get(d)
            if text is None:
                text = self._strings[d] = _doc_string(self.docs[d])
            pos = text.find(span)
            sentence = sentence_around(text, pos, pos + 4)
            if sentence not in out:
                out.append(sentence)
        return out


class _SpanTags:
    """A span's dictionary tags (whole, halves, three-character ends), as route() and verdict() want them."""

    def __call__(self, span: str) -> dict[str, str | None]:
        tag = segment.dictionary_tag
        return {w: tag(w) for w in (span, span[:2], span[2:], span[1:], span[:3])}


def _worth_scanning(span: str, aligned: int, aligned_docs: Counter, large: bool) -> bool:
    """Whether a span could pass a verdict, judged before pass 2 from pass 1's counts.

    On a large corpus every verdict asks for repetition across documents; spans
    that cannot meet it are not scanned (pass 2's time grows with the candidates).
    """
    if large:
        # Counts first: they rule out most spans at the cost of a lookup.
        if aligned < 2:
            return False
        docs = aligned_docs.get(span, 0)
        if docs < 2 or ((aligned < 3 or docs < 3) and segment.dictionary_tag(span) not in ("i", "l")):
            return False
    return _candidate_ok(span)


def _candidate_ok(span: str) -> bool:
    from writer.mining.slogans import _BAD_END, _BAD_START, _INSIDE
    return not (span[0] in _BAD_START or span[-1] in _BAD_END or any(ch in _INSIDE for ch in span))


def build_bank(documents: list[Document] | Analysed, *, jobs: int = 1, command: str = "writer mine",
               progress: Progress | None = None, timings: dict[str, float] | None = None) -> BankData:
    """The bank of ``documents`` (or of an ``Analysed`` corpus from ``read_and_analyse``).

    ``timings``, when given, receives the seconds each stage took (for bench/).
    """
    import time

    import writer

    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + now - clock[0]
        clock[0] = now

    segment.initialize()
    analysed = documents if isinstance(documents, Analysed) else analyse_all(documents)
    documents, analyses = analysed.documents, analysed.analyses
    n_docs = len(documents)
    large = n_docs >= LARGE_CORPUS

    # Names: every document's, corpus-wide (a template must not carry any source's name).
    names_kind: dict[str, str] = {}
    names_docs: dict[str, list[str]] = {}
    for doc, an in zip(documents, analyses):
        for name, kind in list(an.names.items()) + list(an.lead_names.items()):
            names_kind.setdefault(name, kind)
            ids = names_docs.setdefault(name, [])
            if not ids or ids[-1] != doc.id:
                ids.append(doc.id)
    all_names = frozenset(names_kind)

    lap("names")
    # Slogans: candidates → scan → verdict.
    aligned = analysed.aligned
    lists = word_lists()
    tags_of = _SpanTags()
    # Only spans whose text can still pass a verdict are scanned (pass 2's time grows with them).
    if large:
        # Counts first, in one comprehension: they rule out most of the spans cheaply.
        docs_of = analysed.aligned_docs.get
        maybe = [s for s, c in aligned.items() if c >= 2 and docs_of(s, 0) >= 2]
    else:
        maybe = list(aligned)
    routes = {s: route(s, tags_of(s), all_names, segment.dictionary_frequency)
              for s in maybe if _worth_scanning(s, aligned[s], analysed.aligned_docs, large)}
    candidates = {s for s, way in routes.items() if way is not None}
    candidates |= lists["slogans"] | lists["terms"]
    if timings is not None:
        timings["candidates"] = len(candidates)
    lap("select")
    scans = scan_documents(documents, frozenset(candidates), jobs, progress)
    table = SpanTable()
    for part in scans:  # merged as they come, in document order
        table.merge(part)
    merged = {span: Candidate(span, aligned.get(span, 0), count, table.standalone.get(span, 0),
                              len(table.docs[span]), table.left.get(span, {}), table.right.get(span, {}))
              for span, count in table.counts.items()}
    where = _SpanPlaces(table, documents)
    lap("scan")
    kinds = {span: verdict(merged[span], tags_of(span), all_names, n_docs, segment.dictionary_frequency,
                           routes.get(span, False))
             for span in sorted(merged)}
    kinds = {span: kind for span, kind in kinds.items() if kind is not None}
    slogans: list[Slogan] = []
    for span, kind in kinds.items():
        cand = merged[span]
        doc_indexes = where.doc_indexes(span)
        years = [documents[d].year for d in doc_indexes if documents[d].year is not None]
        slogans.append(Slogan(text=span, kind=kind, count=cand.count, docs=cand.docs,
                              doc_ids=[documents[d].id for d in doc_indexes],
                              first_year=min(years) if years else None,
                              last_year=max(years) if years else None,
                              examples=where.examples(span)))
    slogans.sort(key=lambda s: (s.kind != "slogan", -s.docs, -s.count, s.text))
    lap("verdicts")

    # Vocabulary and topics.
    vocab = build_vocab(analysed.words, segment.dictionary_tag, set(all_names), min_count=5 if large else 2)
    section_words = [w for an in analyses for w in an.section_words]
    topics = build_topics(vocab, section_words, max_topics=400 if large else 200,
                          min_sections=5 if large else 2)

    lap("topics")
    # Headings.
    headings: list[Heading] = []
    groups: dict[str, list[int]] = {}
    for doc, an in zip(documents, analyses):
        doc_names = all_names
        for sec, (head_tokens, sub_tokens), sec_words in zip(doc.all_sections(), an.headings,
                                                             an.section_words):
            pattern, slots = pattern_from_tokens(head_tokens, doc_names)
            if sub_tokens:
                sub_pattern, sub_slots = pattern_from_tokens(sub_tokens, doc_names)
                pattern = f"{pattern} / {sub_pattern}"
                slots = slots + sub_slots
            text = sec.heading + (f" / {sec.subheading}" if sec.subheading else "")
            shape = heading_shape(sec.heading, sec.subheading)
            headings.append(Heading(text=text, heading=sec.heading, subheading=sec.subheading,
                                    pattern=pattern, shape=shape, slots=slots, doc_id=doc.id,
                                    source=doc.title, year=doc.year,
                                    topics=heading_topics(text, sec_words, topics)))
            groups.setdefault(shape, []).append(len(headings) - 1)
    groups = {k: groups[k] for k in sorted(groups, key=lambda s: (-len(groups[s]), s))}

    lap("headings")
    # Openings and closings.
    openings: list[Passage] = []
    closings: list[Passage] = []
    global_slots = name_slots(names_kind, nm.TitleEntities())
    index = NameIndex(names_kind)
    for doc, an in zip(documents, analyses):
        # The corpus's names, with this document's own kinds and its organisation on top.
        slots = _Overlay(global_slots, name_slots({**an.names, **an.lead_names}, an.entities))
        for target, paragraphs in ((openings, doc.lead), (closings, doc.closing)):
            if not paragraphs:
                continue
            text = "\n".join(paragraphs)
            template = "\n".join(make_template(p, slots, an.entities, doc.year, index) for p in paragraphs)
            target.append(Passage(text=text, template=template, doc_id=doc.id, source=doc.title, year=doc.year))

    lap("passages")
    # Aphorisms: pass 1 kept the balanced ones; drop any holding a name found anywhere.
    aphorisms: list[Aphorism] = []
    seen: set[str] = set()
    for doc, an in zip(documents, analyses):
        for sentence, heading in an.aphorisms:
            if sentence in seen or index.find(sentence):
                continue
            seen.add(sentence)
            aphorisms.append(Aphorism(text=sentence, doc_id=doc.id, source=doc.title, year=doc.year,
                                      heading=heading))

    lap("aphorisms")
    names = [Name(text=n, kind=names_kind[n], docs=names_docs[n])
             for n in sorted(names_kind, key=lambda n: (names_kind[n], n))]
    counts = {
        "document": n_docs,
        "slogan": sum(1 for s in slogans if s.kind == "slogan"),
        "term": sum(1 for s in slogans if s.kind == "term"),
        "heading": len(headings),
        "opening": len(openings),
        "closing": len(closings),
        "aphorism": len(aphorisms),
        "topic": len(topics),
        "vocab": len(vocab),
        "name": len(names),
    }
    manifest = {
        "writer_version": writer.__version__,
        "command": command,
        "sources": [{"id": d.id, "file": d.source, "title": d.title, "year": d.year} for d in documents],
        "counts": counts,
    }
    return BankData(manifest=manifest, slogans=slogans, headings=headings, groups=groups,
                    openings=openings, closings=closings, aphorisms=aphorisms, topics=topics,
                    vocab=vocab, names=names)

