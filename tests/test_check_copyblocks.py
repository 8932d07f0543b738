"""The copy index mapped from its block file (writer.check.copyblocks): the same runs as the index
built in memory, the text read a slice at a time, and damaged or crafted blocks giving answers,
never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from writer.check import copyblocks, copyindex
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


@pytest.mark.parametrize("share", [0, 10 ** 9])     # compared through the map / in a copy of the text
def test_the_mapped_index_finds_the_runs_the_built_one_does(stored, monkeypatch, share):
    monkeypatch.setattr(copyindex, "COPY_SHARE", share)
    built = CorpusIndex.build(documents())
    expected = [runs(built, norm) for norm in drafts()]
    assert all(expected) and any(len(r) > 1 for r in expected)
    mapped = stored()
    assert isinstance(mapped._view, copyblocks.MappedText)
    assert [runs(mapped, norm) for norm in drafts()] == expected
    assert mapped._view._whole is None                          # the text was never decoded whole
    assert list(mapped.hashes) == list(built.hashes) and list(mapped.locs) == list(built.locs)
    assert bytes(mapped.bitmap) == bytes(built.bitmap) and mapped.text == built.text


def test_mapped_text_answers_as_its_bytes_do(stored):
    index = stored()
    units = CorpusIndex.build(documents()).text.encode("utf-16-le")
    mapped = index._view
    assert (mapped.codec, mapped.width, len(mapped)) == ("utf-16-le", 2, len(units))
    for a, b in ((0, 10), (2000, 2034), (len(units) - 4, len(units) + 18), (-14, -2), (80, 60)):
        assert mapped[a:b] == units[a:b]
    for prefix, start in ((units[200:280], 200), (units[200:280], 202), (units[200:280], 201), (b"", len(units)),
                          (b"", len(units) + 1), (units[-6:], -6), (units[:18], -10 ** 6)):
        assert mapped.startswith(prefix, start) == units.startswith(prefix, start)
    assert mapped.copied() == units


def block_file(tmp_path) -> tuple[Path, bytearray, list[int]]:
    """The stored index's path, its bytes and where each of its four blocks starts."""
    path = tmp_path / ".cache" / copyindex.CACHE_NAME
    data = bytearray(path.read_bytes())
    stored = cache.BlockFile.open(path, index_key(tmp_path))
    starts = [len(data) - sum(stored._sizes[k:]) for k in range(4)]
    return path, data, starts


def index_key(tmp_path) -> tuple:
    return (copyindex.FORMAT_VERSION, copyindex.WINDOW, copyindex.STEP,
            (cache.content_stamp(tmp_path / "documents.jsonl"),))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10 ** 9), st.integers(0, 255)), min_size=1, max_size=40))
def test_a_damaged_or_crafted_block_gives_answers_never_a_crash(tmp_path_factory, damage):
    # The blocks are not verified (only the header is signed): whatever bytes they hold,
    # reading them through the index must neither raise nor reach beyond the file.
    tmp_path = tmp_path_factory.mktemp("crafted")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        source = tmp_path / "documents.jsonl"
        source.write_text("v1", encoding="utf-8")
        CorpusIndex.cached(tmp_path, [source], documents)
        path, data, starts = block_file(tmp_path)
        ends = starts[1:] + [len(data)]
        for block, where, value in damage:
            data[starts[block] + where % (ends[block] - starts[block])] = value
        path.write_bytes(bytes(data))
        index = CorpusIndex.cached(tmp_path, [source], lambda: pytest.fail("rebuilt"))
        for norm in drafts():
            for run in index.find_runs(norm, 20, 2):
                assert 0 <= run.start < run.end <= len(norm) and run.doc < len(index.docs)


def test_places_beyond_the_text_and_undecodable_text_give_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    docs = [(i, t, text + "𠀀") for i, t, text in documents()]      # stored as UTF-32
    source = tmp_path / "documents.jsonl"
    source.write_text("v1", encoding="utf-8")
    CorpusIndex.cached(tmp_path, [source], lambda: docs)
    path, data, starts = block_file(tmp_path)
    data[starts[1]:starts[2]] = b"\xff" * (starts[2] - starts[1])      # every place far beyond the text
    data[starts[3]:] = b"\xff" * (len(data) - starts[3])               # no code point decodes
    path.write_bytes(bytes(data))
    index = CorpusIndex.cached(tmp_path, [source], lambda: pytest.fail("rebuilt"))
    assert len(index.text) == len(CorpusIndex.build(docs).text)      # decoded with replacements
    assert [index.find_runs(norm, 20, 2) for norm in drafts()] == [[]] * len(drafts())


def test_a_file_shorter_than_its_header_says_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    source = tmp_path / "documents.jsonl"
    source.write_text("v1", encoding="utf-8")
    CorpusIndex.cached(tmp_path, [source], documents)
    path, data, _ = block_file(tmp_path)
    path.write_bytes(bytes(data[:-3]))
    built = []
    index = CorpusIndex.cached(tmp_path, [source], lambda: built.append(1) or documents())
    assert built and isinstance(index._view, str)
    assert [runs(index, norm) for norm in drafts()] == [runs(CorpusIndex.build(documents()), norm) for norm in drafts()]


@pytest.mark.parametrize("extra, codec", [("", "utf-16-le"), ("\ue000\uffee", "utf-16-le"),
                                          ("𠀀𪚥😀", "utf-32-le"), ("\ud83d\ude00 lone \udc00", "utf-32-le")])
def test_stored_text_reads_back_character_for_character(tmp_path, monkeypatch, extra, codec):
    # UTF-16 halves the text's size, but keeps character k at byte 2k only inside the Basic
    # Multilingual Plane (and would pair two lone surrogates into one character): any other
    # text is stored as UTF-32. Either way the same text comes back.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    docs = [(i, t, text + extra * (k + 1)) for k, (i, t, text) in enumerate(documents())]
    source = tmp_path / "documents.jsonl"
    source.write_text("v1", encoding="utf-8")
    CorpusIndex.cached(tmp_path, [source], lambda: docs)
    stored = CorpusIndex.cached(tmp_path, [source], lambda: pytest.fail("rebuilt"))
    assert stored._view.codec == codec
    built = CorpusIndex.build(docs)
    assert stored._view.copied() == built.text.encode(codec, "surrogatepass")
    assert stored.text == built.text and len(stored.text) == len(built.text)


@pytest.mark.parametrize("corpus_extra", ["", "𠀀"])
def test_characters_beyond_the_plane_find_the_same_runs(tmp_path, monkeypatch, corpus_extra):
    # A draft character UTF-16 would store in two units is compared as MASK against a UTF-16
    # corpus (which cannot hold it); a UTF-32 corpus compares it as it is.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    docs = [(i, t, text[:500] + corpus_extra + text[500:]) for i, t, text in documents()]
    source = tmp_path / "documents.jsonl"
    source.write_text("v1", encoding="utf-8")
    CorpusIndex.cached(tmp_path, [source], lambda: docs)
    mapped = CorpusIndex.cached(tmp_path, [source], lambda: pytest.fail("rebuilt"))
    built = CorpusIndex.build(docs)
    text = docs[2][2]
    wide = [normalise(text[470:520] + "😀" + text[1200:1260]), normalise("𠀀" + text[480:560] + "𪚥自己的话"),
            normalise(text[300:400].replace(text[350], "😀"))]
    expected = [runs(built, norm) for norm in wide]
    assert all(expected)
    assert [runs(mapped, norm) for norm in wide] == expected
