"""The block cutter's remembered dead ends: a warm trie, a full one and a cold one cut alike, and the cap holds."""

from __future__ import annotations

from pathlib import Path

from writer.corpus.reader import read_corpus
from writer.mining import segment
from writer.mining.blockcut import BlockCutter

SEED = Path(__file__).resolve().parents[1] / "phrasebank" / "corpus" / "summaries-2021.txt"


def _blocks() -> tuple[object, list[str]]:
    segment.initialize()
    import jieba

    texts = [t for doc in read_corpus([SEED]).documents for t in doc.texts()]
    return jieba, [b for t in texts for b in jieba.re_han_default.split(t)[1::2]]


def _dead_ends(node: dict) -> int:
    return sum(1 if child is False else _dead_ends(child[1]) for child in node.values())


def test_one_cutter_over_a_corpus_cuts_every_block_as_jieba_does_with_and_without_room():
    jieba, blocks = _blocks()
    dt = jieba.dt
    warm = BlockCutter(dt.FREQ, dt.total)           # remembers every dead end it meets
    tight = BlockCutter(dt.FREQ, dt.total)
    tight.room = 50                                   # full after a few blocks: looked up again after
    for block in blocks + blocks:                     # the second round walks a warm trie
        expected = list(dt._Tokenizer__cut_DAG_NO_HMM(block))
        assert warm(block) == expected
        assert tight(block) == expected
    assert _dead_ends(tight.trie) == 50 and tight.room == 0
    assert _dead_ends(warm.trie) > 1000  # the seed has dead ends enough to fill the tight cap many times
