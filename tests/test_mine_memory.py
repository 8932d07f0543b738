"""Mining's memory savings change no result: pass 1's span counts cut to what the slogans read,
and pass 1's per-document fields freed after the last stage reading them."""

from __future__ import annotations

from pathlib import Path

from writer.corpus.document import Document, Section
from writer.corpus.reader import read_corpus
from writer.mining import build
from writer.mining.analysis import analyse_all
from writer.mining.names import corpus_names
from writer.mining.slogans import LARGE_CORPUS, mine_slogans, scannable_counts, word_lists

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "phrasebank" / "corpus" / "summaries-2021.txt"


def _thirds(doc: Document, k: int) -> Document:
    """Every third paragraph of ``doc`` (from the k-th): three such copies hold each paragraph once,
    so a span met once in the seed is met once in the larger corpus too."""
    sections = [Section(s.heading, s.subheading, s.paragraphs[k::3]) for s in doc.all_sections()]
    return Document(id=f"{doc.id}-{k}", source=f"{doc.source}-{k}", title=doc.title, year=doc.year,
                    lead=doc.lead[k::3], sections=sections, closing=doc.closing[k::3])


def _large_corpus() -> list[Document]:
    docs = [_thirds(doc, k) for k in range(3) for doc in read_corpus([SEED]).documents]
    assert len(docs) >= LARGE_CORPUS
    return docs


def test_cut_span_counts_give_the_same_slogans():
    analysed = analyse_all(_large_corpus())
    names = frozenset(corpus_names(analysed.documents, analysed.analyses)[0])
    kept, kept_docs = scannable_counts(analysed.aligned, analysed.aligned_docs)
    # The cut is real: most spans go, every shipped phrase met stays with its counts.
    assert len(kept) < len(analysed.aligned) / 2
    shipped = word_lists()["slogans"] | word_lists()["terms"]
    met = [s for s in analysed.aligned if s in shipped]
    assert met and all(kept[s] == analysed.aligned[s] and kept_docs[s] == analysed.aligned_docs[s] for s in met)
    assert all(c >= 2 and kept_docs[s] >= 2 for s, c in kept.items() if s not in shipped)

    def slogans(aligned, aligned_docs):
        return mine_slogans(analysed.documents, aligned, aligned_docs, names, 1, None, lambda stage: None)

    whole = slogans(analysed.aligned, analysed.aligned_docs)
    assert whole, "the corpus yields slogans, so the comparison means something"
    assert slogans(kept, kept_docs) == whole


def test_build_bank_frees_what_no_later_stage_reads_and_keeps_the_result():
    docs = _large_corpus()
    fresh = build.build_bank(analyse_all(docs))
    analysed = analyse_all(docs)
    assert any(an.section_words and an.headings and an.evidence for an in analysed.analyses)
    again = build.build_bank(analysed)
    assert all(not an.section_words and not an.headings and not an.evidence and not an.names
               for an in analysed.analyses)
    assert again == fresh
