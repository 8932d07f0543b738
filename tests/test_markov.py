"""The Markov model: Chinese splitting and joining, quotes kept, novelty, the cache."""

from __future__ import annotations

import random
import subprocess
import sys

import markovify
import pytest
from test_render_support import make_bank

from writer.bank.store import load_bank
from writer.io.cache import cache_dir
from writer.render.chain import ChineseText, clauses_of, split_corpus_sentences
from writer.render.markov import load_model, load_pool

QUOTED = ("坚持把稳就业作为头等大事，筑牢社会稳定的“压舱石”。"
          "深化“放管服”改革，提升服务效能！推进“一网通办”，群众办事更便捷？")


def test_sentences_split_at_chinese_terminals():
    assert split_corpus_sentences("甲乙丙丁戊。己庚辛壬癸！子丑寅卯？\n辰巳午未“申酉”。") == [
        "甲乙丙丁戊。", "己庚辛壬癸！", "子丑寅卯？", "辰巳午未“申酉”。"]


def test_words_join_without_spaces():
    text = ChineseText("坚持就业优先，推进创业带动。强化技能培训，推进稳岗扩岗。", state_size=2)
    assert all(" " not in text.word_join(s) for s in text.parsed_sentences)
    assert [text.word_join(s) for s in text.parsed_sentences] == [
        "坚持就业优先，推进创业带动。", "强化技能培训，推进稳岗扩岗。"]


def test_chinese_quotes_survive_where_markovify_drops_them():
    # markovify's own filter unidecodes “” to " and rejects the sentence.
    plain = markovify.Text("One two three. Four five six.", state_size=2)
    assert plain.test_sentence_input("推进“一网通办”，群众办事更便捷。") is False
    assert plain.test_sentence_input("推进一网通办，群众办事更便捷。") is True
    ours = ChineseText(QUOTED, state_size=2)
    joined = [ours.word_join(s) for s in ours.parsed_sentences]
    assert "坚持把稳就业作为头等大事，筑牢社会稳定的“压舱石”。" in joined
    assert sum("“" in s for s in joined) == 3


@pytest.mark.parametrize("sentence", [
    "筑牢社会稳定的“压舱石。",      # unbalanced quote
    "提升服务\"效能\"水平的举措。",  # ASCII quotes
    "肃南县全力推进就业创业工作。",  # a source name
    "短句。",                        # too short
])
def test_bad_training_sentences_are_dropped(sentence):
    text = ChineseText("坚持就业优先，推进创业带动。" + sentence, state_size=2, reject_names=["肃南"])
    assert [text.word_join(s) for s in text.parsed_sentences] == ["坚持就业优先，推进创业带动。"]


@pytest.fixture
def bank(tmp_path):
    return load_bank(make_bank(tmp_path, aphorisms=[]))


def test_candidates_are_novel_recombinations_of_corpus_clauses(bank):
    model = load_model(bank)
    corpus = [p for d in bank.documents() for p in d.paragraphs()]
    pool = model.candidates(random.Random(3), walks=3000)
    assert pool
    for sentence in pool:
        assert not any(sentence in p for p in corpus)            # new as a whole
        parts = clauses_of(sentence)
        assert len(parts) >= 2 and all(p in model.clauses for p in parts)   # grammatical pieces
        assert "".join(parts) not in "".join(corpus)


def test_candidates_depend_only_on_the_seed(bank):
    model = load_model(bank)
    assert model.candidates(random.Random(7)) == model.candidates(random.Random(7))


def test_model_is_built_once_and_cached(bank, monkeypatch):
    load_pool(bank)[0]
    files = sorted(p.name for p in cache_dir(bank.path).glob("render-*.marshal"))
    assert "render-markov.marshal" in files and "render-sentences.marshal" in files
    import writer.render.markov as markov

    def no_build(*args, **kwargs):
        raise AssertionError("rebuilt although cached")
    monkeypatch.setattr(markov, "build_model", no_build)
    assert load_model(bank) is not None
    assert load_pool(bank)[0]


def test_cache_is_keyed_by_the_bank_files(bank, monkeypatch):
    import writer.render.markov as markov

    load_model(bank)
    cached = cache_dir(bank.path) / "render-markov.marshal"
    before = cached.read_bytes()
    builds = []
    real_build = markov.build_model
    monkeypatch.setattr(markov, "build_model", lambda *a: builds.append(1) or real_build(*a))
    load_model(load_bank(bank.path))
    assert builds == []                                   # same files: the cache serves
    docs = bank.path / "documents.jsonl"
    docs.write_text(docs.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_model(load_bank(bank.path))
    assert builds == [1] and cached.read_bytes() != before   # one cache file, rebuilt and replaced
    assert len(list(cache_dir(bank.path).glob("render-markov*"))) == 1


def test_warm_render_does_not_import_jieba(tmp_path):
    bank_path = make_bank(tmp_path, aphorisms=[])
    facts = tmp_path / "facts.yaml"
    from test_render_support import write_facts
    write_facts(facts)
    code = (
        "import sys\n"
        "from writer.render.draft import render_file\n"
        f"r = render_file({str(facts)!r}, bank={str(bank_path)!r}, seed=1)\n"
        "print('jieba' in sys.modules or 'markovify' in sys.modules, len(r.draft.generated))\n"
    )
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert cold.stdout.split()[0] == "True"          # the first run builds the model
    assert warm.stdout.split() == ["False", cold.stdout.split()[1]]
    assert int(warm.stdout.split()[1]) >= 1           # and generated sentences were used


def test_pool_has_no_digit_or_source_name(tmp_path):
    from test_render_support import DOCUMENTS, SOURCE_NAMES
    # Paragraphs whose recombinations would carry a number or a name.
    docs = [dict(DOCUMENTS[0], sections=[{"heading": "就业", "paragraphs": [
        "坚持就业优先，新增就业3976人。各级各部门要全面强化就业优先，推进稳岗扩岗。"]}])]
    bank = load_bank(make_bank(tmp_path, aphorisms=[], documents=docs))
    # The chain itself does recombine the clause with the number…
    raw = load_model(bank).candidates(random.Random(0), walks=2000)
    assert any(ch.isdigit() for s in raw for ch in s)
    # …but the pool a draft draws from never holds it.
    pool = load_pool(bank)[0]
    assert pool
    assert not any(ch.isdigit() for s in pool for ch in s)
    assert not any(name in s for s in pool for name in SOURCE_NAMES)
