"""The fast paths of a cold `writer suggest` give what the slow ones give: the reference's results per
lexicon topic compiled in a block file (writer.suggest.reference.compiled_found), a file's content
stamp taken once per run (writer.io.cache.run_stamp), the name guard's remembered verdicts."""

from __future__ import annotations

import marshal
import os

import pytest

from writer.bank.lexicon import load_lexicon
from writer.bank.reference_headings import reference_lines
from writer.io import cache
from writer.suggest import reference
from writer.suggest.ranking import relation
from writer.suggest.records import as_row


@pytest.fixture
def blocks(tmp_path, monkeypatch):
    """The compiled results in a file of their own under ``tmp_path``."""
    path = tmp_path / reference.TOPICS_FILE
    monkeypatch.setattr(reference, "_topics_path", lambda: path)
    return path


def _live(lex, topic, rel, kind: str) -> list[tuple]:
    lines = reference_lines()
    found = (reference.reference_headings(lines, lex, topic, rel, None) if kind == "heading"
             else reference.reference_slogans(lines, topic, rel, None))
    return [as_row(s) for s in found]


@pytest.mark.parametrize("kind", ["heading", "slogan"])
def test_every_topics_compiled_results_are_the_computed_ones(blocks, kind):
    if reference_lines() is None:
        pytest.skip("no reference installed")
    lex = load_lexicon()
    for name in sorted(lex.topics):
        topic = lex.topic(name)
        rel = relation(lex, topic)
        compiled = reference.compiled_found(lex, topic, rel, kind)
        assert compiled is not None and [as_row(s) for s in compiled] == _live(lex, topic, rel, kind), name
    assert blocks.is_file()


def test_a_topic_outside_the_lexicon_or_with_words_of_its_own_is_computed(blocks):
    lex = load_lexicon()
    for name in ("档案", "县医保局"):
        topic = lex.topic(name)
        rel = relation(lex, topic)
        if topic.known and rel.words == relation(lex, lex.topic(topic.key)).words:
            continue   # the name gives the topic's own words: the compiled block applies
        assert reference.compiled_found(lex, topic, rel, "heading") is None, name


def test_a_damaged_or_foreign_block_file_is_rebuilt(blocks):
    if reference_lines() is None:
        pytest.skip("no reference installed")
    lex = load_lexicon()
    topic = lex.topic("教育")
    rel = relation(lex, topic)
    live = _live(lex, topic, rel, "heading")
    assert [as_row(s) for s in reference.compiled_found(lex, topic, rel, "heading")] == live
    blocks.write_bytes(blocks.read_bytes()[:-40] + b"\0" * 40)   # the last blocks no longer match
    assert [as_row(s) for s in reference.compiled_found(lex, topic, rel, "heading")] == live
    # A file of another key (another reference, lexicon or code) holding made-up rows is not used.
    fake = marshal.dumps((rel.words, {"heading": [], "slogan": []}))
    cache.store_blocks(blocks, ("another key",), {name: 0 for name in lex.topics}, [fake])
    assert [as_row(s) for s in reference.compiled_found(lex, topic, rel, "heading")] == live


def test_a_run_stamp_is_the_file_stamp_and_sees_every_rewrite(tmp_path, monkeypatch):
    path = tmp_path / "headings.yaml"
    path.write_text("一二三", encoding="utf-8")
    assert cache.run_stamp(path) == cache.file_stamp(path)
    path.write_text("四五六", encoding="utf-8")   # the same size, at once: hashed again
    assert cache.run_stamp(path) == cache.file_stamp(path) != cache.file_stamp(tmp_path / "none")
    monkeypatch.setattr(cache, "SETTLED_NS", -10 ** 18)   # every file counts as settled: remembered
    first = cache.run_stamp(path)
    st = path.stat()
    path.write_text("七八九", encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))   # the old size and time: the change time moved
    assert cache.run_stamp(path) == cache.file_stamp(path) != first
    assert cache.run_stamp(tmp_path / "none") == cache.file_stamp(tmp_path / "none")


def test_the_name_guard_remembers_only_what_it_found():
    from writer.compose.names import NameGuard

    guard = NameGuard(["遵义", "河湖"])
    for text in ("河湖治理", "生态环境", "遵义市", "河湖治理", "生态环境"):
        assert guard.found(text) is any(name in text for name in ("遵义", "河湖")), text


def test_the_key_names_the_reference_lines_data_files():
    from writer.bank import reference_headings

    assert reference.LINES_DATA == (reference_headings.BREAKERS_FILE, reference_headings.NAMES_FILE)
    package = reference_headings.DATA_ROOT.parent
    assert all((package / name).is_file() for name in reference._CODE)


def _rank_by_passes(items, seed: int, keys, top: int = 60):
    """The ranking as its docstring says it, pass by pass (every remaining item's value each time)."""
    import random

    rng = random.Random(seed)
    order = list(range(len(items)))
    rng.shuffle(order)
    pos = {i: p for p, i in enumerate(order)}
    idx = sorted(range(len(items)), key=lambda i: (-items[i].score, pos[i]))
    head, tail = idx[:top], idx[top:]
    used: dict[str, int] = {}
    left, out = list(head), []
    while left:
        values = [items[i].score - sum(used.get(x, 0) for x in keys(items[i])) for i in left]
        best = max(range(len(left)), key=lambda j: (values[j], -j))
        i = left.pop(best)
        items[i].score = values[best]
        for x in keys(items[i]):
            used[x] = used.get(x, 0) + 1
        out.append(items[i])
    return out + [items[i] for i in tail]


def test_the_ranking_takes_the_best_value_first_with_ties_in_seeded_order():
    """writer.suggest.ranking.rank (a heap of values kept up to date) gives what the plain pass-by-pass
    selection gives, scores included, on many random lists with shared keys and ties."""
    import random

    from writer.suggest.ranking import rank
    from writer.suggest.records import Suggestion

    draw = random.Random(7)
    for trial in range(300):
        n = draw.randrange(0, 80)
        rows = [(f"t{k}", float(draw.randrange(0, 6)), [draw.choice("abcdefg") for _ in range(draw.randrange(0, 3))])
                for k in range(n)]

        def made():
            return [Suggestion(text, "heading", "generated", score=score, parts=tuple(parts)) for text, score, parts in rows]

        def keys(s):
            return list(s.parts)
        fast, plain = rank(made(), trial, keys=keys), _rank_by_passes(made(), trial, keys)
        assert [(s.text, s.score) for s in fast] == [(s.text, s.score) for s in plain], trial
