"""Assemble a phrase bank from documents: the order of the steps, nothing else.

Pass 1, per document (``writer.mining.reading`` over runs of files in
``jobs`` processes, ``writer.mining.analysis`` per document): reading, jieba
segmentation, word counts, the four-character spans segmentation keeps whole,
names, the tagged headings, lead and closing. Then each kind of entry has its
step, in its own module: names (``names``), slogans and terms (``slogans``:
candidates, pass 2 over the documents, verdicts), vocabulary and topics
(``topics``), headings (``headings``), openings and closings (``passages``),
aphorisms (``aphorisms``). Everything corpus-wide happens in the parent, in
document order, so the result does not depend on ``jobs`` (a test checks it
byte for byte). ``writer.mining.bankfiles`` writes the result.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from writer.bank.records import Aphorism, Heading, Name, Passage, Slogan
from writer.corpus.document import Document
from writer.mining import segment
from writer.mining.analysis import Analysed, analyse_all
from writer.mining.aphorisms import mine_aphorisms
from writer.mining.headings import mine_headings
from writer.mining.names import corpus_names, name_records
from writer.mining.passages import NameIndex, mine_passages
from writer.mining.pool import Progress
from writer.mining.slogans import LARGE_CORPUS, mine_slogans, scannable_counts
from writer.mining.topics import mine_topics, topic_words
from writer.mining.years import record_years


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


class _Stopwatch:
    """Seconds per stage, added into ``timings`` (for bench/) when it is given."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def build_bank(documents: list[Document] | Analysed, *, jobs: int = 1, command: str = "writer mine",
               progress: Progress | None = None, timings: dict[str, float] | None = None) -> BankData:
    """The bank of ``documents`` (or of an ``Analysed`` corpus from ``read_and_analyse``).

    ``timings``, when given, receives the seconds each stage took (for bench/).
    """
    clock = _Stopwatch(timings)
    segment.initialize()
    analysed = documents if isinstance(documents, Analysed) else analyse_all(documents)
    documents, analyses = analysed.documents, analysed.analyses
    large = len(documents) >= LARGE_CORPUS
    if large:
        analysed.aligned, analysed.aligned_docs = scannable_counts(analysed.aligned, analysed.aligned_docs, consume=True)
    evidence: dict[str, tuple[str, str]] = {}
    names_kind, names_docs = corpus_names(documents, analyses, evidence)
    all_names = frozenset(names_kind)
    _drop(analyses, "evidence")
    clock.lap("names")
    vocab, topics = mine_topics(analysed.words, analyses, all_names, large)
    analysed.words.clear()
    clock.lap("topics")
    slogans = mine_slogans(documents, analysed.aligned, analysed.aligned_docs, all_names, jobs, progress,
                           clock.lap, timings, topic_words(topics) if large else frozenset(), consume=True)
    # Pass 1's span counts (a few million entries on a large corpus) served the slogans only:
    # emptied before pass 2 (consume), their memory holds its tables instead of adding to the peak.
    # Headings after pass 2: their records (about 1.1 KB each, some 39,000 on the 84 MB corpora) take
    # more than the tagged words and content words they are made from (freed right after), so
    # through pass 2 the smaller of the two is held (7 MB lower on 42 MB).
    headings, groups = mine_headings(documents, analyses, all_names, topics, jobs)
    _drop(analyses, "headings", "section_words")
    clock.lap("headings")
    index = NameIndex(names_kind)
    openings, closings = mine_passages(documents, analyses, names_kind, index, jobs)
    _drop(analyses, "names", "lead_names")
    clock.lap("passages")
    aphorisms = mine_aphorisms(documents, analyses, index, frozenset(topics) if large else frozenset(),
                               topic_words(topics) if large else frozenset())
    clock.lap("aphorisms")
    bank = BankData(manifest={}, slogans=slogans, headings=headings, groups=groups,
                    openings=openings, closings=closings, aphorisms=aphorisms, topics=topics,
                    vocab=vocab, names=name_records(names_kind, names_docs, evidence))
    bank.manifest = _manifest(bank, documents, command)
    bank.manifest["documents_per_year"] = record_years(bank.slogans, documents)
    return bank


def _drop(analyses: list, *fields: str) -> None:
    """Empty per-document fields of pass 1 no later stage reads (each stage's inputs are freed
    after it, so the peak holds only what the stages still to come need)."""
    for an in analyses:
        for name in fields:
            setattr(an, name, type(getattr(an, name))())


def _manifest(bank: BankData, documents: list[Document], command: str) -> dict:
    """manifest.yaml: the version and command that built the bank, its sources, its counts."""
    import writer

    counts = {
        "document": len(documents),
        "slogan": sum(1 for s in bank.slogans if s.kind == "slogan"),
        "term": sum(1 for s in bank.slogans if s.kind == "term"),
        "heading": len(bank.headings),
        "opening": len(bank.openings),
        "closing": len(bank.closings),
        "aphorism": len(bank.aphorisms),
        "topic": len(bank.topics),
        "vocab": len(bank.vocab),
        "name": len(bank.names),
    }
    return {
        "writer_version": writer.__version__,
        "command": command,
        "sources": [{"id": d.id, "file": d.source, "title": d.title, "year": d.year} for d in documents],
        "counts": counts,
    }
