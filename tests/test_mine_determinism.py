"""Mining's speed-ups change no byte: the block cutter against jieba, pass 2 in blocks against
pass 2 at once, and the seed's bank under other hash seeds and --jobs values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.corpus.reader import read_corpus
from writer.mining import segment, spans
from writer.mining.blockcut import MAX_DEAD_ENDS, BlockCutter

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "phrasebank" / "corpus" / "summaries-2021.txt"


def _jieba():
    segment.initialize()
    import jieba

    return jieba


def _seed_texts() -> list[str]:
    return [t for doc in read_corpus([SEED]).documents for t in doc.texts()]


# Text that exercises the dictionary's words and prefixes, unknown characters, ties and ASCII runs.
_PIECES = st.sampled_from(["高质量", "发展", "质量", "凝心聚力", "聚力", "乡村振兴", "振兴", "的", "和",
                           "我县", "全面", "从严", "治党", "羚", "氹", "A", "b", "3", "5G", "a1", "x",
                           "中华人民共和国", "人民", "共和国", "市委书记", "记"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=20).map("".join))
def test_block_cutter_yields_what_jieba_yields(block):
    jieba = _jieba()
    dt = jieba.dt
    cutter = BlockCutter(dt.FREQ, dt.total)
    assert cutter(block) == list(dt._Tokenizer__cut_DAG_NO_HMM(block))
    assert cutter.with_hmm(block, jieba.finalseg.cut) == list(dt._Tokenizer__cut_DAG(block))


@pytest.mark.parametrize("hmm", [False, True])
def test_cut_equals_jieba_on_the_seed(hmm):
    jieba = _jieba()
    for text in _seed_texts():
        assert segment.cut(text, hmm=hmm) == jieba.lcut(text, HMM=hmm)


def test_pass_two_in_blocks_is_pass_two_at_once(monkeypatch):
    docs = read_corpus([SEED]).documents
    texts = ["\n".join(d.texts()) for d in docs]
    candidates = frozenset(t[i:i + 4] for t in texts for i in range(0, len(t) - 3, 7))
    whole = spans.count_spans(texts, candidates)
    monkeypatch.setattr(spans, "SCAN_BLOCK", 3)
    monkeypatch.setattr(spans, "_SCAN_DOCS", docs)
    monkeypatch.setattr(spans, "_SCAN_CANDIDATES", candidates)
    blocked = spans._scan_chunk(range(len(docs)))
    for key in ("counts", "standalone", "left", "right"):
        # Same entries in the same order (their order reaches the bank through ties).
        assert list(getattr(blocked, key).items()) == list(getattr(whole, key).items()), key
    for side in ("left", "right"):
        theirs = getattr(whole, side)
        assert all(list(v.items()) == list(theirs[k].items()) for k, v in getattr(blocked, side).items()), side
    assert blocked.docs == whole.docs  # looked up only; each span's documents in order


def test_pass_two_documents_are_packed_and_in_order():
    # Memory: each span's documents are an array of 4-byte integers (a list costs 8 bytes a
    # pointer), and they are the documents holding the span, each once, in order.
    texts = ["\n".join(d.texts()) for d in read_corpus([SEED]).documents]
    candidates = frozenset(t[i:i + 4] for t in texts for i in range(0, len(t) - 3, 11))
    table = spans.count_spans(texts, candidates)
    assert set(table.docs) == set(table.counts) and len(table.docs) > 500
    for span, found in table.docs.items():
        assert found.itemsize == 4 and list(found) == [k for k, text in enumerate(texts) if span in text]
    places = spans.SpanPlaces(table, [])
    assert list(places.doc_indexes("不在其中")) == []


def _mine_in_subprocess(corpus: Path, work: Path, jobs: str, hash_seed: str) -> Path:
    work.mkdir()
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    code = ("import sys; from writer.mining.run import mine; "
            "mine([sys.argv[1]], 'bank', force=True, jobs=int(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", code, str(corpus), jobs], cwd=work, env=env, check=True)
    return work / "bank"


def _same_folders(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_seed_bank_is_the_same_under_other_hash_seeds_and_jobs(tmp_path):
    first = _mine_in_subprocess(SEED, tmp_path / "a", "1", "0")
    _same_folders(first, _mine_in_subprocess(SEED, tmp_path / "b", "2", "12345"))



def test_pass_two_keeps_one_object_per_neighbour_character():
    # Memory: a neighbour character sliced out of the text per occurrence would be a new object
    # in every span's table; interned, equal characters are one object.
    texts = ["\n".join(d.texts()) for d in read_corpus([SEED]).documents]
    candidates = frozenset(t[i:i + 4] for t in texts for i in range(0, len(t) - 3, 5))
    table = spans.count_spans(texts, candidates)
    chars = [ch for side in (table.left, table.right) for around in side.values() for ch in around]
    assert len(chars) > 1000
    assert len({id(ch) for ch in chars}) == len(set(chars))


def test_reading_frees_the_block_memo_and_cut_is_unchanged_after(tmp_path):
    from writer.mining.reading import read_and_analyse

    text = _seed_texts()[3]
    before = segment.cut(text, hmm=False)
    assert segment._BLOCKS[False]
    cutter = segment._block_cutter()[0]
    assert cutter.trie
    read_and_analyse([SEED])
    assert not segment._BLOCKS[False] and not segment._BLOCKS[True]
    assert not cutter.trie and cutter.room == MAX_DEAD_ENDS
    assert segment.cut(text, hmm=False) == before
    assert segment.cut(text, hmm=True) == _jieba().lcut(text, HMM=True)  # the trie refills to the same words


def _examples_one_by_one(places: spans.SpanPlaces, span: str) -> list[str]:
    """The example sentences as defined: the first two documents holding the span, in order, repeats once."""
    out: list[str] = []
    for d in places.doc_indexes(span)[:2]:
        text = places.text(d)
        pos = text.find(span)
        sentence = spans.sentence_around(text, pos, pos + 4)
        if sentence not in out:
            out.append(sentence)
    return out


def test_examples_found_document_by_document_are_the_examples_one_by_one():
    docs = read_corpus([SEED]).documents
    texts = ["\n".join(d.texts()) for d in docs]
    candidates = frozenset(t[i:i + 4] for t in texts for i in range(0, len(t) - 3, 5))
    places = spans.SpanPlaces(spans.count_spans(texts, candidates), docs)
    kept = sorted(places.table.counts)[::3]
    found = places.examples(kept)
    assert list(found) == kept
    assert any(len(found[s]) == 2 for s in kept) and any(len(found[s]) == 1 for s in kept)
    assert all(found[s] == _examples_one_by_one(places, s) for s in kept)


def test_slogans_consuming_the_span_counts_are_the_slogans_keeping_them():
    from writer.mining.analysis import analyse_all
    from writer.mining.slogans import mine_slogans

    analysed = analyse_all(read_corpus([SEED]).documents)
    kept = mine_slogans(analysed.documents, analysed.aligned.copy(), analysed.aligned_docs.copy(),
                        frozenset(), 1, None, lambda stage: None)
    aligned, aligned_docs = analysed.aligned.copy(), analysed.aligned_docs.copy()
    consumed = mine_slogans(analysed.documents, aligned, aligned_docs, frozenset(), 1, None, lambda stage: None,
                            consume=True)
    assert kept and consumed == kept
    assert not aligned and not aligned_docs


def test_spooled_document_lines_read_back_as_written(monkeypatch):
    from writer.mining.reading import SpooledLines

    docs = read_corpus([SEED]).documents
    written = [d.jsonl_line() for d in docs] + ['{"text": "行\u2028分隔\\n与\\r"}\n']
    spooled = SpooledLines()
    for line in written:
        spooled.append(line)
    assert len(spooled) == len(written) and spooled._file is not None and not spooled._kept
    assert list(spooled) == written and list(spooled) == written  # read back twice, same lines
    spooled.close()
    assert len(spooled) == 0


def test_spooled_lines_go_on_in_memory_when_the_disk_is_full():
    from writer.mining.reading import SpooledLines

    spooled = SpooledLines()
    spooled.append("一\n")

    class Full:
        def __init__(self, real):
            self.real = real

        def write(self, text):
            self.real.write(text[:1])  # part of the line reaches the file, then the disk is full
            raise OSError(28, "No space left on device")

        def __iter__(self):
            return iter(self.real)

        def __getattr__(self, name):
            return getattr(self.real, name)

    spooled._file = Full(spooled._file)
    spooled.append("二\n")
    spooled.append("三\n")
    assert spooled._file is None and list(spooled) == ["一\n", "二\n", "三\n"] and len(spooled) == 3
