"""`writer render`: the draft from the facts — weaving, templates, outputs, and what must never happen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_render_support import (FACTS, SOURCE_NAMES, bank_dir, make_bank,  # noqa: F401
                                 run_render, write_facts)

from writer.bank.store import load_bank
from writer.render.facts import load_facts
from writer.render.draft import build_draft
from writer.render.templates import render_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def draft_md(facts_path, bank_path, seed=None, generate=True, templates=None) -> str:
    facts = load_facts(facts_path)
    draft = build_draft(facts, load_bank(bank_path), seed=seed, generate=generate, templates=templates)
    return render_text(draft, "md", templates)


@pytest.fixture
def facts_file(tmp_path) -> Path:
    return write_facts(tmp_path / "facts.yaml")


# ---------------------------------------------------------------- the draft

def test_facts_are_woven_into_paragraphs_not_listed(facts_file, bank_dir):
    text = draft_md(facts_file, bank_dir)
    lines = text.splitlines()
    assert lines[0].startswith("# 2024年某县") and lines[0].endswith("综述")
    headings = [l for l in lines if l.startswith("## ")]
    assert [h[3:].split("、")[0] for h in headings] == ["一", "二", "三"]
    assert headings[0] == "## 一、稳就业 保民生 就业局势总体稳定"
    # Every fact appears verbatim, inside running text, never as a list item.
    for section in FACTS["sections"]:
        for fact in section["facts"]:
            assert fact in text
    assert not any(re.match(r"\s*([-*+]|\d+\.)\s", l) for l in lines)
    # Each section is one paragraph with its facts in the given order.
    body = text.split("## 一、")[1].split("## 二、")[0]
    positions = [body.index(f) for f in FACTS["sections"][0]["facts"]]
    assert positions == sorted(positions)


def test_lead_carries_the_org_period_guiding_and_overview(facts_file, bank_dir):
    lead = draft_md(facts_file, bank_dir).split("\n\n")[1]
    assert lead.startswith("2024年，某县人力资源和社会保障局")
    assert "习近平新时代中国特色社会主义思想" in lead and "全县城镇新增就业1260人" in lead


def test_closing_takes_outlook_goals_and_never_a_blank_or_source_number(facts_file, bank_dir):
    text = draft_md(facts_file, bank_dir)
    closing = text.split("\n\n", 2)[2].rsplit("## ", 1)[1].split("\n\n", 1)[1]
    assert "2025年" in closing and "城镇新增就业1300人以上" in closing
    for seed in range(12):
        text = draft_md(facts_file, bank_dir, seed=seed, generate=False)
        assert "{" not in text and "}" not in text
        # 12 and 2021/2022 are numbers of the bank's closings, not of the facts.
        assert not re.search(r"(?<!\d)(12|2021|2022)(?!\d)", text)
        assert "回顾，" not in text and "展望，" not in text


def test_bad_bank_records_never_reach_the_draft(facts_file, bank_dir):
    for seed in range(8):
        text = draft_md(facts_file, bank_dir, seed=seed)
        assert "头等大事" not in text        # holds a source name
        assert "三年来" not in text          # holds a source's number
        for name in SOURCE_NAMES:
            assert name not in text


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_same_facts_and_seed_same_bytes(tmp_path, facts_file, bank_dir, fmt):
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    for out in (a, b):
        result = run_render([facts_file, "-o", out, "--bank", bank_dir, "--seed", "5"])
        assert result.exit_code == 0, result.stderr
    assert a.read_bytes() == b.read_bytes()


def test_different_seeds_give_different_wording(facts_file, bank_dir):
    texts = {draft_md(facts_file, bank_dir, seed=s) for s in range(6)}
    assert len(texts) > 1


def test_style_seed_is_the_default_seed(tmp_path, bank_dir):
    with_style = write_facts(tmp_path / "s.yaml", {**FACTS, "style": {"seed": 4}})
    plain = write_facts(tmp_path / "p.yaml")
    assert draft_md(with_style, bank_dir) == draft_md(plain, bank_dir, seed=4)


def test_a_fact_that_looks_like_a_template_prints_literally(tmp_path, bank_dir):
    facts = {**FACTS, "sections": [dict(FACTS["sections"][0], facts=["{{ 7*7 }}", "{% if true %}x{% endif %}"]),
                                   FACTS["sections"][1]]}
    path = write_facts(tmp_path / "f.yaml", facts)
    text = draft_md(path, bank_dir)
    assert "{{ 7*7 }}" in text and "{% if true %}x{% endif %}" in text
    assert "49" not in text


def test_plain_text_output(tmp_path, facts_file, bank_dir):
    out = tmp_path / "d.txt"
    assert run_render([facts_file, "-o", out, "--bank", bank_dir]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "#" not in text
    assert "\u3000\u3000一、稳就业 保民生 就业局势总体稳定" in text
    assert "全年城镇新增就业1260人" in text


def test_missing_headings_become_one_set(tmp_path, bank_dir):
    facts = {**FACTS, "sections": [dict(s) for s in FACTS["sections"]]}
    for s in facts["sections"]:
        s.pop("heading", None)
    path = write_facts(tmp_path / "f.yaml", facts)
    draft = build_draft(load_facts(path), load_bank(bank_dir))
    headings = [s.heading for s in draft.sections]
    assert len(set(headings)) == len(headings)
    assert all(s.heading_origin in ("generated", "lexicon") for s in draft.sections)
    assert draft.generated_headings == headings
    for s in draft.sections:
        if s.heading_origin == "lexicon":
            assert s.theme in s.heading


# ---------------------------------------------------------------- generated sentences

def test_generated_sentences_are_listed_on_stderr(tmp_path):
    # No aphorisms: the sections' openers must come from the model or the genre frames.
    bank = make_bank(tmp_path, aphorisms=[])
    facts = write_facts(tmp_path / "f.yaml")
    result = run_render([facts, "--bank", bank, "--seed", "1"])
    assert result.exit_code == 0, result.stderr
    assert "由模型生成" in result.stderr
    listed = [l.split("：", 1)[1] for l in result.stderr.splitlines() if l.startswith("  第")]
    assert listed and all(s in result.stdout for s in listed)
    # Generated, not copied: no listed sentence is a sentence of the corpus.
    corpus = "".join(p for d in load_bank(bank).documents() for p in d.paragraphs())
    assert all(s not in corpus for s in listed)


def test_no_generate_uses_bank_text_only(tmp_path):
    bank = make_bank(tmp_path, aphorisms=[])
    facts = write_facts(tmp_path / "f.yaml")
    result = run_render([facts, "--bank", bank, "--seed", "1", "--no-generate"])
    assert result.exit_code == 0, result.stderr
    assert "由模型生成" not in result.stderr
    from writer.io.cache import cache_dir
    assert not (cache_dir(bank) / "render-markov.marshal").exists()
    assert not (cache_dir(bank) / "render-sentences.marshal").exists()


# ---------------------------------------------------------------- templates

def test_templates_folder_overrides_one_template(tmp_path, facts_file, bank_dir):
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / "summary.md.j2").write_text(
        "标题：{{ title }}\n{% for s in sections %}第{{ s.number }}节 {{ s.heading }}\n{% endfor %}",
        encoding="utf-8")
    result = run_render([facts_file, "--bank", bank_dir, "--templates", custom])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("标题：2024年")
    assert "第1节 稳就业 保民生 就业局势总体稳定" in result.stdout
    # Templates not overridden still come from the shipped folder.
    out = tmp_path / "d.txt"
    assert run_render([facts_file, "-o", out, "--bank", bank_dir, "--templates", custom]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("2024年")


def test_child_template_can_override_a_block(tmp_path, facts_file, bank_dir):
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / "summary.md.j2").write_text(
        '{% extends "summary.txt.j2" %}{% block closing %}（结语从略）{% endblock %}', encoding="utf-8")
    result = run_render([facts_file, "--bank", bank_dir, "--templates", custom])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip().endswith("（结语从略）")


@pytest.mark.parametrize("body,message", [
    ("{{ title }}{{ no_such_thing }}", "未定义"),
    ("{% for s in sections %}", "语法"),
])
def test_template_errors_name_file_and_line(tmp_path, facts_file, bank_dir, body, message):
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / "summary.md.j2").write_text("第一行\n" + body + "\n", encoding="utf-8")
    result = run_render([facts_file, "--bank", bank_dir, "--templates", custom])
    assert result.exit_code == 3
    assert f"{custom / 'summary.md.j2'}:2" in result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_genre_override_is_validated(tmp_path, facts_file, bank_dir):
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / "genre.yaml").write_text("lead: {guided: [x]}\n", encoding="utf-8")
    result = run_render([facts_file, "--bank", bank_dir, "--templates", custom])
    assert result.exit_code == 3
    assert "genre.yaml" in result.stderr and "Traceback" not in result.stderr


def test_missing_templates_folder(tmp_path, facts_file, bank_dir):
    result = run_render([facts_file, "--bank", bank_dir, "--templates", tmp_path / "none"])
    assert result.exit_code == 3 and "模板文件夹不存在" in result.stderr


# ---------------------------------------------------------------- output files

def test_refuses_to_overwrite_without_force(tmp_path, facts_file, bank_dir):
    out = tmp_path / "draft.md"
    out.write_text("我的稿子", encoding="utf-8")
    result = run_render([facts_file, "-o", out, "--bank", bank_dir])
    assert result.exit_code == 3 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "我的稿子"
    result = run_render([facts_file, "-o", out, "--bank", bank_dir, "--force"])
    assert result.exit_code == 0
    assert "全年城镇新增就业1260人" in out.read_text(encoding="utf-8")


def test_output_folder_missing_writes_nothing(tmp_path, facts_file, bank_dir):
    out = tmp_path / "no" / "such" / "draft.docx"
    result = run_render([facts_file, "-o", out, "--bank", bank_dir])
    assert result.exit_code == 3 and "文件夹不存在" in result.stderr
    assert not (tmp_path / "no").exists()
    assert "Traceback" not in result.stderr


def test_unknown_output_format_is_a_usage_error(tmp_path, facts_file, bank_dir):
    result = run_render([facts_file, "-o", tmp_path / "draft.pdf", "--bank", bank_dir])
    assert result.exit_code == 2 and ".pdf" in result.stderr
    assert not (tmp_path / "draft.pdf").exists()


def test_missing_bank_is_an_input_error(facts_file, tmp_path):
    result = run_render([facts_file, "--bank", tmp_path / "nobank"])
    assert result.exit_code == 3 and "Traceback" not in result.stderr


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_render(tmp_path, path, bank_dir):
    result = run_render([path, "--bank", bank_dir])
    assert result.exit_code == 0, result.stderr
    facts = load_facts(path)
    for section in facts.sections:
        for fact in section.facts:
            assert fact in result.stdout


def test_same_output_across_processes_and_hash_seeds(tmp_path, facts_file):
    import os
    import shutil
    import subprocess
    import sys

    from writer.io.cache import cache_dir

    outputs = set()
    for hash_seed in ("1", "2"):
        bank = make_bank(tmp_path / f"b{hash_seed}")
        shutil.rmtree(cache_dir(bank), ignore_errors=True)  # cold: the model is built in this process
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        done = subprocess.run([sys.executable, "-m", "writer", "render", str(facts_file), "--bank", str(bank),
                               "--seed", "3"], capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize("args,message", [
    ([], "缺少事实文件"),
    (["a.yaml", "b.yaml"], "只能给一个事实文件"),
    (["a.yaml", "--seed", "七"], "--seed 应为整数"),
    (["a.yaml", "--bogus"], "不认识的选项"),
    (["a.yaml", "-o"], "后面缺少值"),
    (["a.yaml", "--force=yes"], "不带值"),
])
def test_bad_options_are_usage_errors(args, message):
    result = run_render(args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_option_forms(tmp_path, facts_file, bank_dir, monkeypatch):
    import writer.render.draft as draft

    seen = {}

    def fake_render_file(facts, output, **options):
        seen.update(facts=facts, output=output, **options)
        raise draft.WriterError("stop")  # nothing to print: the options are what is tested

    monkeypatch.setattr(draft, "render_file", fake_render_file)
    run_render([str(facts_file), f"-o{tmp_path / 'a.md'}", f"--bank={bank_dir}", "--seed", "-3",
                "--no-generate", "--force"])
    opts = {"facts": seen["facts"], "output": seen["output"], "force": seen["force"],
            "templates": seen["templates"], "bank": seen["bank"], "seed": seen["seed"],
            "no_generate": not seen["generate"]}
    assert opts == {"facts": str(facts_file), "output": str(tmp_path / "a.md"), "force": True,
                    "templates": None, "bank": str(bank_dir), "seed": -3, "no_generate": True}
