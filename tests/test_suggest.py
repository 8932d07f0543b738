"""`writer suggest`: results, labels, ranking, bad input (writer.suggest, writer.commands.suggest)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from test_heading_gen import shipped_bank, write_bank
from writer.bank.store import load_bank
from writer.cli import app
from writer.suggest import KINDS, suggest
from writer.suggest.ranking import relation, score
from writer.bank.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture
def bank_dir(tmp_path):
    return write_bank(tmp_path / "bank")


def cli(*args: str):
    return runner.invoke(app, ["suggest", *args])


def as_json(*args: str) -> list[dict]:
    res = cli(*args, "--json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


# ---------------------------------------------------------------- results

@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_answers_with_labelled_results(bank_dir, kind):
    rows = as_json("人才", "--kind", kind, "-n", "4", "--bank", str(bank_dir))
    assert rows and len(rows) <= 4
    for r in rows:
        assert set(r) >= {"text", "kind", "origin", "source", "year", "pattern", "from_heading", "score"}
        assert r["kind"] == kind and r["origin"] in ("mined", "generated", "reference")
        if r["origin"] == "reference":         # verbatim from the shipped reference, with its years
            assert r["source"] == "参考素材库" and r["first_year"] <= r["peak_year"] <= r["last_year"], r
            assert r["documents"] >= 1 and (kind == "slogan" or "{" in r["pattern"]), r
        elif r["origin"] == "mined":
            assert r["source"], r             # verbatim, with its source title
        else:
            assert r["pattern"], r            # generated, with its pattern
        if kind in ("heading", "pair", "set") and r["origin"] == "generated":
            assert r["from_heading"]


def test_plain_output_when_not_a_terminal(bank_dir):
    res = cli("人才", "-n", "3", "--bank", str(bank_dir))
    assert res.exit_code == 0
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 3 and all(line.count("\t") == 2 for line in lines)
    assert all(line.split("\t")[1] in ("原文", "生成", "参考") for line in lines)


def test_related_mined_headings_rank_first(bank_dir):
    # Mined headings on the topic come before mined headings on anything else. On the topic: a topic
    # word of three characters or more, or two of its words, in the text or its source's title (a lone
    # 法治 in 不断提升群众法治体验 from a 换届 source is not enough: writer.compose.reference.on_topic).
    from writer.compose.reference import on_topic, strong_words
    from writer.compose.wordindex import WordIndex

    lex = load_lexicon()
    rel = relation(lex, lex.topic("法治"))
    strong, index = strong_words(rel.words), WordIndex(rel.words)
    rows = as_json("法治", "-n", "30", "--bank", str(bank_dir))
    mined = [on_topic(r["text"], strong, index) or on_topic(r["source"], strong, index)
             for r in rows if r["origin"] == "mined"]
    assert mined and mined[0]
    assert mined == sorted(mined, reverse=True)


def test_absent_topic_gets_generated_headings(bank_dir):
    rows = as_json("教育", "--bank", str(bank_dir), "--no-reference")
    gen = [r for r in rows if r["origin"] == "generated"]
    assert len(gen) >= 5
    lex = load_lexicon()
    rel = relation(lex, lex.topic("教育"))
    assert all(rel.count(r["text"]) for r in gen[:5])


def test_no_source_names_or_numbers_in_generated_text(bank_dir):
    names = load_bank(bank_dir).source_names()
    for kind in ("heading", "pair", "set", "opening", "closing"):
        for r in as_json("人才", "--kind", kind, "-n", "10", "--bank", str(bank_dir)):
            if r["origin"] == "generated":
                assert not re.search(r"[0-9０-９]", r["text"]), r["text"]
                assert not any(n in r["text"] for n in names), r["text"]


def test_closings_fill_blanks_visibly(bank_dir):
    rows = as_json("法治", "--kind", "closing", "--bank", str(bank_dir))
    assert rows
    assert any("法治工作" in r["text"] for r in rows)               # the user's topic
    assert all("{" not in r["text"] for r in rows)                   # no raw slot left
    assert any("【" in r["text"] for r in rows)                      # blanks the writer fills
    assert not any("从此不同" in r["text"] for r in rows)             # the template with a number is out


def test_set_is_one_shape_with_different_verbs(bank_dir):
    rows = as_json("教育", "--kind", "set", "-n", "3", "--bank", str(bank_dir))
    assert len(rows) == 3
    assert len({r["pattern"] for r in rows}) == 1
    assert len({r["text"][:4] for r in rows}) == 3


def test_pattern_option(bank_dir):
    rows = as_json("人才", "--pattern", "…机制", "--bank", str(bank_dir))
    assert rows and all(r["text"].endswith("机制") for r in rows)
    rows = as_json("人才", "--pattern", "全面优化{N2}{N2}{N2}", "--bank", str(bank_dir))
    assert rows and all(r["pattern"] == "全面优化{N2}{N2}{N2}" for r in rows)


def test_deterministic_and_seed_dependent(bank_dir):
    a = cli("人才", "--seed", "3", "-n", "15", "--bank", str(bank_dir)).stdout
    assert a == cli("人才", "--seed", "3", "-n", "15", "--bank", str(bank_dir)).stdout
    outs = {cli("人才", "--seed", str(s), "-n", "15", "--bank", str(bank_dir)).stdout for s in range(6)}
    assert len(outs) > 1


def test_slogans_rank_this_topics_own_first(bank_dir):
    rows = as_json("人才", "--kind", "slogan", "--bank", str(bank_dir))
    mined = [r for r in rows if r["origin"] == "mined"]
    assert mined[0]["text"] == "拴心留人"          # its example speaks of 人才
    # The user's own slogan on the topic comes before anything of the reference.
    assert rows[0]["text"] == "拴心留人"
    # The rest are the topic's principles from the lexicon, labelled generated, and the reference's.
    assert all("主题词表" in r["pattern"] for r in rows if r["origin"] == "generated")
    assert all(r["source"] == "参考素材库" for r in rows if r["origin"] == "reference")
    assert "基层党建" not in [r["text"] for r in rows]   # a term, not a slogan


@pytest.mark.parametrize("text,cmp", [
    ("全面优化人才发展环境", 1),     # the topic's own words raise a result
    ("持续推进各项任务", 0),
    ("全面优化法治营商环境", -1),    # another topic's words lower it
])
def test_score_follows_the_topic(text, cmp):
    lex = load_lexicon()
    rel = relation(lex, lex.topic("人才"))
    neutral = score(rel, "持续推进各项任务")
    got = score(rel, text)
    assert (got > neutral) - (got < neutral) == cmp


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("args,code,needle", [
    (["", "-n", "3"], 2, "主题不能为空"),
    (["人才", "--kind", "banner"], 2, "不认识的类别"),
    (["人才", "-n", "0"], 2, "-n"),
    (["人才", "-n", "abc"], 2, "-n"),
    (["人才", "--seed", "x"], 2, "--seed"),
    (["人才", "--frobnicate"], 2, "不认识的选项"),
    (["人才", "--kind"], 2, "缺少值"),
    (["人才", "教育"], 2, "只能给一个主题"),
    (["人才", "--bank", "/no/such/bank"], 3, "素材库文件夹不存在"),
])
def test_bad_input_is_one_line(args, code, needle):
    res = cli(*args)
    assert res.exit_code == code, res.output
    err = res.stderr.strip()
    assert needle in err and len(err.splitlines()) == 1, err
    assert "Traceback" not in res.output


def test_corrupt_bank_names_file_and_line(bank_dir):
    path = bank_dir / "headings.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5] + " : : [broken"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = cli("人才", "--bank", str(bank_dir))
    assert res.exit_code == 3
    err = res.stderr.strip()
    assert len(err.splitlines()) == 1 and re.search(r"headings\.yaml:\d+(:\d+)?: ", err), err


def test_missing_bank_file(bank_dir):
    (bank_dir / "names.yaml").unlink()
    res = cli("人才", "--bank", str(bank_dir))
    assert res.exit_code == 3 and "names.yaml" in res.stderr


def test_library_raises_usage_errors(bank_dir):
    bank = load_bank(bank_dir)
    for kwargs in ({"topic": "  "}, {"topic": "人才", "kind": "x"}, {"topic": "人才", "n": 0}):
        with pytest.raises(Exception) as err:
            suggest(bank, **kwargs)
        assert err.value.exit_code == 2


# ---------------------------------------------------------------- shipped bank, cold start

@pytest.mark.parametrize("args", [["人才"], ["党建", "--kind", "pair"], ["教育", "--kind", "set", "-n", "4"],
                                  ["法治", "--kind", "closing"], ["生态环境", "--kind", "slogan"]])
def test_issue_commands_on_the_shipped_bank(args):
    bank = shipped_bank()
    names = bank.source_names()
    rows = as_json(*args)
    assert len(rows) >= (4 if "set" in args else 8)
    for r in rows:
        if r["origin"] == "generated":
            assert not any(n in r["text"] for n in names if len(n) >= 2), r["text"]


def test_suggest_imports_nothing_heavy():
    shipped_bank()
    cmd = [sys.executable, "-X", "importtime", "-m", "writer", "suggest", "人才"]
    subprocess.run(cmd, cwd=ROOT, capture_output=True)  # warm the caches
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-500:]
    modules = {line.split("|")[-1].strip() for line in res.stderr.splitlines() if "|" in line}
    # pydantic is not listed: typer builds its parameter validators with it (the floor bench/bench_startup.py measures)
    for heavy in ("jieba", "yaml", "docx", "jinja2", "markovify"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_slogans_for_a_topic_absent_from_the_corpus_include_its_principles():
    from writer.bank.store import load_bank
    from writer.suggest import suggest
    from writer.bank.lexicon import load_lexicon
    top = suggest(load_bank(None), "生态环境", "slogan", 10, None, 0)
    principles = {p.text for p in load_lexicon().topic("生态环境").principles}
    generated = [s for s in top if s.origin == "generated"]
    assert generated and {s.text for s in generated} <= principles
    assert all(s.pattern and "主题词表" in s.pattern for s in generated)
    assert len({s.text for s in top}) == len(top)


@pytest.mark.parametrize("kind", ["opening", "closing"])
def test_suggested_passages_do_not_stack_set_phrases(kind):
    import re as _re
    from writer.bank.store import load_bank
    from writer.compose.passages import SLOGAN_DENSITY
    from writer.suggest import suggest
    bank = load_bank(None)
    slogans = [s.text for s in bank.slogans if s.kind == "slogan"]
    for topic in ("法治", "人才", "医保"):
        for s in suggest(bank, topic, kind, 10, None, 0):
            for sentence in _re.split(r"(?<=[。！？])", s.text):
                assert sum(1 for t in slogans if t in sentence) < SLOGAN_DENSITY, sentence


# ---------------------------------------------------------------- issue 10: the small faults

def test_set_with_the_default_count_gives_the_largest_set_the_bank_fills():
    res = cli("教育", "--kind", "set")  # default -n 10: more than the shipped bank's patterns fill
    assert res.exit_code == 0, res.output
    rows = [line for line in res.stdout.splitlines() if line]
    assert 2 <= len(rows) < 10
    assert f"填出 {len(rows)} 个一组" in res.stderr and "要的是 10 个" in res.stderr
    assert "themes" not in res.stderr and "--style" not in res.stderr
    assert len({r.split("\t")[0][:2] for r in rows}) == len(rows)  # still one set: each its own verb


@pytest.mark.parametrize("kind", ["heading", "pair", "set", "slogan"])
def test_an_unknown_topic_gets_nothing_generic_and_one_line_saying_why(kind):
    res = cli("量子航天学", "--kind", kind)
    assert res.exit_code == 0 and res.stdout == ""
    [line] = res.stderr.splitlines()
    assert "主题词表里没有“量子航天学”" in line and line.startswith("writer: ")


def test_a_known_topic_without_results_says_nothing_was_found(bank_dir):
    res = cli("人才", "--kind", "set", "--pattern", "不存在的形状…再…", "--bank", str(bank_dir))
    assert res.exit_code == 2 and "--pattern" in res.stderr and "themes" not in res.stderr


def test_an_unknown_topic_still_gets_its_name_in_closing_templates():
    rows = as_json("量子航天学", "--kind", "closing", "-n", "3")
    assert rows and all("量子航天学" in r["text"] for r in rows)


def test_slogan_title_and_year_come_from_the_same_document(tmp_path):
    from writer.mining.run import mine

    docs = tmp_path / "docs"
    docs.mkdir()
    for year in (2019, 2023):
        (docs / f"{year}.txt").write_text(
            f"某局{year}年工作综述\n\n{year}年，全局上下凝心聚力、担当作为，各项工作取得新成效。\n\n"
            "强化党建引领\n\n全局干部凝心聚力，担当作为，推动工作落地见效。\n", encoding="utf-8")
    mine([docs], tmp_path / "bank")
    rows = as_json("党建", "--kind", "slogan", "--bank", str(tmp_path / "bank"))
    mined = [r for r in rows if r["origin"] == "mined" and r["source"]]
    assert mined
    for r in mined:
        assert str(r["year"]) in r["source"], r  # 《某局2019年工作综述》 2019, never 《…2019…》 2023
