"""`writer suggest` gives the same bytes whatever its caches hold: every compiled cache empty, every one
warm, or one of them stale or damaged (writer/io/cache.py, the vocabulary, the heading index, the
reference's lines, the memo)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from writer.bank import lexicon, reference_headings
from writer.cli import app
from writer.compose import data, vocab
from writer.io import cache

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden" / "suggest"
TOPICS = ["人才", "党建", "教育", "法治", "生态环境"]
KINDS = ["heading", "pair", "set", "slogan", "opening", "closing", "aphorism"]


@pytest.fixture
def caches(tmp_path, monkeypatch):
    """Every cache folder (the bank's, the reference's, writer/data's) redirected to an empty one under
    ``tmp_path``, and the caches this process keeps in memory dropped before each call of ``cold()``."""
    monkeypatch.delenv("WRITER_BANK", raising=False)
    root = tmp_path / "caches"

    def cache_dir(folder):
        path = root / cache.blake2b(str(Path(folder).resolve()).encode("utf-8"), digest_size=8).hexdigest()
        path.mkdir(parents=True, exist_ok=True)
        return path
    monkeypatch.setattr(cache, "cache_dir", cache_dir)

    def cold() -> None:
        monkeypatch.setattr(lexicon, "_LOADED", {})
        monkeypatch.setattr(reference_headings, "_LINES", {})
        monkeypatch.setattr(data, "_LISTS", {})
        monkeypatch.setattr(data, "_KEY", [])
    cold()
    return root, cold


def _suggest(*args) -> str:
    result = runner.invoke(app, ["suggest", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _requests() -> list[list[str]]:
    return [[topic, "--kind", kind, "--json", *(["-n", "4"] if kind == "set" else [])]
            for topic in TOPICS for kind in KINDS]


def test_golden_requests_with_empty_then_warm_caches(caches):
    """Each golden request from empty caches, then again from the caches the first pass filled (the memo
    dropped, so each is computed afresh): always the golden bytes (tests/test_golden.py: the memo's)."""
    root, cold = caches
    for args in _requests():
        assert _suggest(*args) == (GOLDEN / f"{args[0]}-{args[2]}.json").read_text(encoding="utf-8"), args
    assert any(root.glob("*/topic-lexicon-vocab.marshal")) and any(root.glob("*/suggest-headings.marshal"))
    memos = list(root.glob("*/suggest-memo/*.marshal"))   # one file per remembered answer
    assert memos
    for memo in memos:
        memo.unlink()
    cold()
    for args in _requests():
        assert _suggest(*args) == (GOLDEN / f"{args[0]}-{args[2]}.json").read_text(encoding="utf-8"), args


@pytest.mark.parametrize("seed", ["3", "41"])
def test_a_new_seed_is_the_same_cold_or_warm(caches, seed):
    root, cold = caches
    args = ["人才", "--json", "--seed", seed]
    first = _suggest(*args)
    memos = list(root.glob("*/suggest-memo/*.marshal"))   # one file per remembered answer
    assert memos
    for memo in memos:
        memo.unlink()
    cold()
    assert _suggest(*args) == first
    assert _suggest("人才", "--json", "--seed", "0") == (GOLDEN / "人才-heading.json").read_text(encoding="utf-8")


def test_a_damaged_vocabulary_cache_is_ignored(caches):
    root, cold = caches
    want = _suggest("教育", "--json")
    for memo in root.glob("*/suggest-memo/*.marshal"):   # the answer itself would be served untouched
        memo.unlink()
    for path in root.glob("*/*.marshal"):
        path.write_bytes(path.read_bytes()[:-7] + b"garbage")
    cold()
    result = runner.invoke(app, ["suggest", "教育", "--json"])
    assert result.exit_code == 0 and result.stdout == want
    assert "缓存文件已损坏" in result.stderr or cache._WARNED


def test_the_vocabulary_follows_an_edited_lexicon(caches, tmp_path):
    """The compiled vocabulary is keyed by the lexicon's content: an edit is seen at once."""
    root, cold = caches
    source = lexicon.LEXICON_FILE
    copy = tmp_path / "lex" / source.name
    copy.parent.mkdir()
    shutil.copy(source, copy)
    before = vocab.vocab(lexicon.load_lexicon(copy))
    assert before == vocab._collect(lexicon.load_lexicon(copy))
    verb = sorted(w for w in before.verbs if len(w) == 2 and copy.read_text(encoding="utf-8").count(w) == 1)[0]
    copy.write_text(copy.read_text(encoding="utf-8").replace(verb, "谋划"), encoding="utf-8")
    cold()
    after = vocab.vocab(lexicon.load_lexicon(copy))
    assert verb not in after.verbs and "谋划" in after.verbs
    assert after == vocab._collect(lexicon.load_lexicon(copy))


def test_an_edited_headings_file_of_the_same_size_is_seen(tmp_path, monkeypatch):
    """A remembered heading answer depends on headings.yaml although it only read compiled caches."""
    from writer.io.paths import default_bank

    monkeypatch.delenv("WRITER_BANK", raising=False)
    bank = tmp_path / "bank"
    shutil.copytree(default_bank(), bank, ignore=shutil.ignore_patterns(".cache", "corpus", "reference"))
    args = ["人才", "--bank", str(bank), "--no-reference"]
    before = _suggest(*args)
    first = next(line.split("\t")[0] for line in before.splitlines() if "\t原文\t" in line)
    path = bank / "headings.yaml"
    changed = first[:-1] + ("强" if first[-1] != "强" else "弱")
    text = path.read_text(encoding="utf-8")
    assert text.count(first) >= 1 and len(changed.encode()) == len(first.encode())
    path.write_text(text.replace(first, changed), encoding="utf-8")
    after = _suggest(*args)
    assert f"{first}\t" in before and f"{first}\t" not in after


def test_compiled_relations_are_the_computed_ones(tmp_path):
    """Every lexicon topic's other-topic words, read from the compiled block file, equal the live
    computation; a name that adds words of its own (县医保局) and an unknown topic are computed."""
    from writer.bank.lexicon import load_lexicon
    from writer.compose.wordindex import WordIndex
    from writer.suggest import ranking

    lex = load_lexicon()
    for name in [*sorted(lex.topics), "县医保局", "人才工作", "档案"]:
        topic = lex.topic(name)
        own = topic.words()
        live = ranking._others(lex, topic, own)
        rel = ranking.relation(lex, topic)
        assert rel.words == own and rel.others == live, name
        assert rel._other.by_first == WordIndex(live).by_first, name


def test_a_damaged_relations_file_is_rebuilt(tmp_path):
    import shutil

    from writer.bank.lexicon import LEXICON_FILE, load_lexicon
    from writer.io import cache
    from writer.suggest import ranking

    copy = tmp_path / LEXICON_FILE.name   # its caches in tmp_path/.cache, not the shipped lexicon's
    shutil.copy(LEXICON_FILE, copy)
    lex = load_lexicon(copy)
    topic = lex.topic("人才")
    ranking.relation(lex, topic)
    path = cache.cache_file(tmp_path, ranking.RELATIONS_FILE)
    assert path.parent == tmp_path / ".cache" and path.exists()
    path.write_bytes(path.read_bytes()[:-50] + b"\0" * 50)   # the blocks' checksums no longer match
    assert ranking.relation(lex, topic).others == ranking._others(lex, topic, topic.words())
