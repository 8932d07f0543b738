"""The copy index read from its block file (writer.check.copyblocks): block by block for a short
draft, whole for a long one, and built afresh when a block is damaged; the same runs every way."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer.check import copyblocks
from writer.check.copyindex import CorpusIndex, normalise
from writer.io import cache

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "phrasebank" / "corpus" / "summaries-2021.txt"


def documents() -> list[tuple[str, str, str]]:
    text = SEED.read_text(encoding="utf-8")
    size = len(text) // 6
    return [(f"d{k}", f"文{k}", text[k * size:(k + 1) * size]) for k in range(6)]


def drafts() -> list[str]:
    """Drafts copying passages of the documents between words of their own."""
    docs = documents()
    out = []
    for k, (_, _, text) in enumerate(docs):
        cut = 300 + 97 * k
        out.append(normalise("我们自己的话，不与任何材料相同。" + text[cut:cut + 60 + 13 * k] + "另起一句自己的话。"
                             + text[cut + 400:cut + 430]))
    return out


def runs(index: CorpusIndex, norm: str) -> list[tuple]:
    return [(r.start, r.end, r.doc, r.docs) for r in index.find_runs(norm, 20, 2)]


@pytest.fixture
def stored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    source = tmp_path / "documents.jsonl"
    source.write_text("v1", encoding="utf-8")
    CorpusIndex.cached(tmp_path, [source], documents)
    return lambda: CorpusIndex.cached(tmp_path, [source], lambda: pytest.fail("rebuilt"))


def test_block_lookups_and_the_whole_index_find_the_same_runs(stored, monkeypatch):
    built = CorpusIndex.build(documents())
    expected = [runs(built, norm) for norm in drafts()]
    assert all(expected) and any(len(r) > 1 for r in expected)
    monkeypatch.setattr(copyblocks, "LAZY_SHARE", 0)            # every draft looked up block by block
    lazy = stored()
    assert [runs(lazy, norm) for norm in drafts()] == expected
    assert lazy._hashes is None                                 # the whole index was never read
    monkeypatch.setattr(copyblocks, "LAZY_SHARE", 10 ** 9)      # every draft against the whole index
    whole = stored()
    assert [runs(whole, norm) for norm in drafts()] == expected
    assert list(whole.hashes) == list(built.hashes) and whole.text == built.text


def test_block_text_answers_as_the_str_does(stored):
    index = stored()
    text = CorpusIndex.build(documents()).text
    blocks = index._blocks.text
    assert len(blocks) == len(text)
    for a, b in ((0, 5), (copyblocks.TEXT_BLOCK - 3, copyblocks.TEXT_BLOCK + 4), (len(text) - 2, len(text) + 9),
                 (-7, -1), (40, 30)):
        assert blocks[a:b] == text[a:b]
    for k in (0, copyblocks.TEXT_BLOCK, -1):
        assert blocks[k] == text[k]
    for prefix, start in ((text[100:140], 100), (text[100:140], 101), ("", len(text)), ("", len(text) + 1),
                          (text[-3:], -3), (text[:9], -10 ** 6)):
        assert blocks.startswith(prefix, start) == text.startswith(prefix, start)


def test_a_block_damaged_after_opening_is_reported_and_the_index_rebuilt(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "_WARNED", [])
    monkeypatch.setattr(copyblocks, "LAZY_SHARE", 0)
    source = tmp_path / "documents.jsonl"
    source.write_text("v1", encoding="utf-8")
    CorpusIndex.cached(tmp_path, [source], documents)
    index = CorpusIndex.cached(tmp_path, [source], documents)
    path = tmp_path / ".cache" / "check-copy.blocks"
    data = bytearray(path.read_bytes())
    first_text = index._blocks._file._offsets[index._blocks._text_first]
    data[first_text + 10] ^= 0xFF                                # a byte of the first text block
    path.write_bytes(bytes(data))
    expected = [runs(CorpusIndex.build(documents()), norm) for norm in drafts()]
    assert [runs(index, norm) for norm in drafts()] == expected
    assert "缓存文件已损坏" in capsys.readouterr().err


@pytest.mark.parametrize("extra, codec", [("", "utf-16-le"), ("𠀀𪚥😀", "utf-16-le"), ("\ud83d\ude00 lone \udc00", "utf-8")])
def test_stored_text_reads_back_character_for_character(tmp_path, monkeypatch, extra, codec):
    # UTF-16 halves the text's reading time, but would pair two lone surrogates into one
    # character: a text holding one is stored as UTF-8. Either way the same text comes back.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    docs = [(i, t, text + extra * (k + 1)) for k, (i, t, text) in enumerate(documents())]
    source = tmp_path / "documents.jsonl"
    source.write_text("v1", encoding="utf-8")
    CorpusIndex.cached(tmp_path, [source], lambda: docs)
    stored = CorpusIndex.cached(tmp_path, [source], lambda: pytest.fail("rebuilt"))
    blocks = stored._blocks
    assert blocks._codec == codec
    built = CorpusIndex.build(docs)
    assert "".join(blocks.text[a:a + 999] for a in range(0, len(built.text), 999)) == built.text
    assert stored.text == built.text and len(stored.text) == len(built.text)
