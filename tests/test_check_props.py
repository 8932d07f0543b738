"""Invariants of `writer check` on arbitrary input: never a crash, positions in range, fixes idempotent."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from writer.check.context import CheckContext
from writer.check.engine import Checker, select_rules
from writer.check.fixes import fix_text
from writer.check.rules import load_rules
from writer.check.report import render_text, to_json
from writer.check.textmap import LineMap
from writer.cli import app

CONTEXT = CheckContext.from_corpus_texts(
    [("a", "甲", "全县新建改造背街小巷十二条，铺设雨污分流管网八公里，老旧小区面貌焕然一新。")],
    slogans={"凝心聚力": 3}, doc_count=4, idioms={"千方百计"})
CHECKER = Checker(select_rules(load_rules()), CONTEXT)
FIXER = Checker(select_rules(load_rules(), only=["punct", "quote", "spacing"]))

# Any code point, surrogates and control characters included.
anything = st.text(st.one_of(st.characters(), st.characters(categories=["Cs"]), st.characters(max_codepoint=0x1f)),
                   max_size=300)
# The material drafts are made of, so that rules actually fire.
draftish = st.lists(st.sampled_from(list("全年新建凝心聚力千方百计高度重视积极推进各项工作3千2025年 　,.;:?!()\"'“”‘’《》（）…，。、；：？！\n#-*")
                                    + ["新冠肺炎", "老旧小区面貌焕然一新", "<!-- writer-disable punct -->\n",
                                       "# writer-disable\n", "---\n", "```\n"]), max_size=200).map("".join)


def _check_invariants(text: str, markdown: bool) -> None:
    findings = CHECKER.check_text(text, "x", markdown)
    lines = LineMap(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert (f.line, f.column) == lines.position(f.start)
        assert (f.end_line, f.end_column) == lines.position(f.end)
        assert f.line >= 1 and f.column >= 1
    json.loads(to_json(findings))
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=False)
    render_text(findings, lambda _file, line: lines.line_text(line), console, [r for r in load_rules().rules])
    out.getvalue().encode("utf-8")   # printable: no lone surrogate reaches the output


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything, st.booleans())
def test_arbitrary_unicode_gives_a_clean_result(text, markdown):
    _check_invariants(text, markdown)


@settings(max_examples=150, deadline=None)
@given(draftish, st.booleans())
def test_draft_material_gives_a_clean_result(text, markdown):
    _check_invariants(text, markdown)


@settings(max_examples=150, deadline=None)
@given(draftish)
def test_fixes_reach_a_fixed_point(text):
    fixed, _ = fix_text(FIXER, text)
    again, applied = fix_text(FIXER, fixed)
    assert again == fixed and applied == 0
    assert not any(f.fix is not None for f in FIXER.check_text(fixed))


def test_lone_surrogates_are_escaped_in_output():
    text = "全年完成投资\ud800,同比增长。"
    findings = CHECKER.check_text(text)
    assert findings
    assert "\ud800" not in to_json(findings)


def test_empty_and_blank_input():
    assert CHECKER.check_text("") == []
    assert CHECKER.check_text("\n\n　　\n") == []


def test_very_long_line_is_checked_quickly():
    import time
    text = ("全年新建道路两条，铺设管网三公里" * 20000) + "。"
    start = time.perf_counter()
    findings = CHECKER.check_text(text)
    assert time.perf_counter() - start < 20
    assert [f.rule for f in findings if f.rule == "long-sentence"] == ["long-sentence"]


runner = CliRunner()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_cli_on_arbitrary_bytes_exits_cleanly(data):
    result = runner.invoke(app, ["check", "-", "--only", "punct,quote,spacing,number,long-sentence,vague"],
                           input=data)
    assert result.exit_code in (0, 1, 3), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 3:
        assert result.stderr.startswith("writer: -:")
