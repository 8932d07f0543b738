"""Pass 1 of mining, per document: segmentation, counts, names, tagged headings, aphorism candidates.

Runs in the worker processes (``writer.mining.reading``); what it returns is
plain enough to send back to the parent. The counts are moved into
corpus-wide totals as soon as a run of documents is done (``move_counts``):
kept per document they would cost gigabytes on a large corpus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from writer.bank.patterns import split_frame_compounds
from writer.corpus.document import Document
from writer.errors import WriterError
from writer.mining import aphorisms as aph
from writer.mining import names as nm
from writer.mining import segment
from writer.mining.bylines import byline_persons
from writer.mining.spans import aligned_spans_of_text
from writer.mining.titles import TitleEntities, names_from_title, title_entities
from writer.mining.topics import content_words


@dataclass
class DocAnalysis:
    """What pass 1 learns from one document."""

    aligned: list[str] = field(default_factory=list)  # spans kept whole (with repeats), until counted
    words: list[str] = field(default_factory=list)    # words of two or more characters, until counted
    section_words: list[list[str]] = field(default_factory=list)  # one per (sub)section, walk order
    names: dict[str, str] = field(default_factory=dict)
    entities: TitleEntities = field(default_factory=TitleEntities)
    headings: list[tuple[list, list | None]] = field(default_factory=list)  # tagged heading, subheading
    lead_names: dict[str, str] = field(default_factory=dict)  # names the tagger sees in shipped texts
    evidence: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (why, the line it stands in)
    aphorisms: list[tuple[str, str | None]] = field(default_factory=list)



class _Tokens:
    """A document's tokens as segmented, all of them and those of the shipped texts apart.

    Body text is cut without jieba's HMM (a quarter faster; unknown words stay
    as single characters); titles, headings, openings and closings with it,
    since they are shipped.
    """

    def __init__(self, shipped: set[str]):
        self.shipped = shipped
        self.all: list[str] = []
        self.shipped_tokens: list[str] = []

    def take(self, text: str, hmm: bool = False) -> list[str]:
        shipped = text in self.shipped
        tokens = segment.cut(text, hmm=hmm or shipped)
        self.all.extend(tokens)
        self.all.append("\n")  # no name or phrase spans two paragraphs
        if shipped:
            self.shipped_tokens.extend(tokens)
            self.shipped_tokens.append("\n")
        return tokens

    def tagged(self, line: str) -> tuple[list[tuple[str, str]], list[str]]:
        """A heading's words and their tags: dictionary tags, and the HMM tagger's guess
        for words jieba does not know (segment.guess_tag, memoized)."""
        tag_of = segment.dictionary_tag
        words = self.take(line, hmm=True)
        return split_frame_compounds([(w, tag_of(w) or segment.guess_tag(w)) for w in words], tag_of), words


def analyse_document(doc: Document) -> DocAnalysis:
    """Segment one document and collect what the corpus-wide verdicts need."""
    a = DocAnalysis()
    a.entities = title_entities(doc.title, doc.subtitle)
    a.names.update(names_from_title(a.entities))
    why = dict.fromkeys(a.names, nm.WHY_TITLE)
    signed = byline_persons(doc.bylines)  # speaker lines, bylines, authors: the document's metadata
    a.names.update(dict.fromkeys(signed, nm.PERSON))
    why.update((name, reason) for name, (reason, _) in signed.items())
    tokens = _Tokens(set(doc.lead) | set(doc.closing))
    for p in [doc.title] + ([doc.subtitle] if doc.subtitle else []):
        tokens.take(p, hmm=True)
    for p in doc.lead:
        tokens.take(p)
    heading_tokens = _sections(doc, a, tokens)
    for p in doc.closing:
        tokens.take(p)
    # Names once per document; openings and closings become templates, so there every
    # dictionary place counts too.
    a.names.update(nm.names_from_tokens(tokens.all, evidence=why))
    a.lead_names.update(nm.names_from_tokens(tokens.shipped_tokens, inclusive=True, evidence=why))
    # Counted later, a run of documents at once, in C (Counter over lists).
    a.aligned = aligned_spans_of_text(tokens.all)
    a.words = [w for w in tokens.all if len(w) >= 2]
    # Headings become patterns: there too every dictionary place counts.
    a.lead_names.update(nm.names_from_tokens(heading_tokens, inclusive=True, evidence=why))
    a.evidence = _evidence_lines(doc, why, set(a.names) | set(a.lead_names))
    a.evidence.update((name, ev) for name, ev in signed.items() if a.names.get(name) == nm.PERSON)
    a.aphorisms = _aphorisms(doc, set(a.names) | set(a.lead_names))
    return a


def _evidence_lines(doc: Document, why: dict[str, str], names: set[str]) -> dict[str, tuple[str, str]]:
    """name → (why it is a name, the first line it stands in, clipped around it)."""
    text = "\n".join(doc.texts())
    out = {}
    for name in sorted(names):
        at = text.find(name)
        line = ""
        if at >= 0:
            begin = max(text.rfind("\n", 0, at) + 1, at - 12)
            end = text.find("\n", at)
            end = min(end if end >= 0 else len(text), at + len(name) + 12)
            line = text[begin:end]
        out[name] = (why.get(name, ""), line)
    return out


def _sections(doc: Document, a: DocAnalysis, tokens: _Tokens) -> list[str]:
    """Tag every (sub)section's heading and take its content words; returns the headings' tokens."""
    heading_tokens: list[str] = []
    for sec in doc.all_sections():
        head, head_words = tokens.tagged(sec.heading)
        sub, sub_words = tokens.tagged(sec.subheading) if sec.subheading else (None, None)
        a.headings.append((head, sub))
        heading_tokens.extend(head_words + (sub_words or []))
        words = list(head_words) + list(sub_words or [])
        for p in sec.paragraphs:
            words.extend(tokens.take(p))
        a.section_words.append(content_words(words))
    return heading_tokens


def _aphorisms(doc: Document, known: set[str]) -> list[tuple[str, str | None]]:
    """The document's balanced sentences that hold no name (the tagger's, or one known already)."""
    found = []
    for sentence, heading in aph.candidates(doc.lead, doc.sections, doc.closing):
        if aph.is_aphorism(sentence, known):
            if not nm.names_from_tagged(segment.tag(sentence), inclusive=True):
                found.append((sentence, heading))
    return found


def move_counts(an: DocAnalysis, aligned: Counter, aligned_docs: Counter, words: Counter) -> None:
    """Add a document's counts to running totals and drop them from the analysis (they cost gigabytes)."""
    aligned.update(an.aligned)        # lists: counted in C
    aligned_docs.update(set(an.aligned))
    words.update(an.words)
    an.aligned, an.words = [], []


@dataclass
class Analysed:
    """A read and analysed corpus: documents, their analyses, corpus-wide counts, unreadable inputs."""

    documents: list[Document]
    analyses: list[DocAnalysis]
    problems: list[WriterError]
    aligned: Counter       # four-character spans kept whole by segmentation: occurrences
    words: Counter
    aligned_docs: Counter  # … and the number of documents they occur in
    lines: list = field(default_factory=list)  # documents.jsonl, a line per document (or reading.SpooledLines)


def analyse_all(documents: list[Document]) -> Analysed:
    """Pass 1 over documents already in memory (tests, library callers)."""
    segment.initialize()
    aligned: Counter = Counter()
    aligned_docs: Counter = Counter()
    words: Counter = Counter()
    analyses = []
    for doc in documents:
        an = analyse_document(doc)
        move_counts(an, aligned, aligned_docs, words)
        analyses.append(an)
    return Analysed(list(documents), analyses, [], aligned, words, aligned_docs)
