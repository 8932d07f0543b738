"""The checker's start-up caches and plain report give exactly what the slow paths give.

- writer.check.rulecache: a rule pattern rebuilt from its stored compiled form
  is the very pattern re.compile makes (== compares pattern, flags and code);
  a warm load imports neither yaml nor the regex cost analyser; an edited user
  rule file is read again; a damaged cache is ignored and rebuilt.
- writer.check.report.print_text: the report written without Rich is byte for
  byte what Rich writes to a stream that is not a terminal.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.check import rulecache
from writer.check.finding import LEVELS, Finding
from writer.check.report import _NARROW, _WIDE_RANGES, cell_width, print_text, render_text
from writer.check.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]


def rule_patterns():
    out = []
    for rule in load_rules().rules.values():
        for check in rule.checks:
            out.extend(item[0] for item in getattr(check, "items", []))
            out.extend(v for v in check.params.values() if isinstance(v, re.Pattern))
    return out


def test_every_rule_pattern_rebuilt_from_its_form_is_the_compiled_pattern():
    patterns = rule_patterns()
    assert len(patterns) >= 20
    for compiled in patterns:
        fresh = re.compile(compiled.pattern, re.MULTILINE)
        form = rulecache.compiled_form(compiled.pattern, re.MULTILINE)
        rebuilt = rulecache.from_form(form)
        assert rebuilt == fresh and rebuilt.groupindex == fresh.groupindex and rebuilt.groups == fresh.groups
        sample = "全年新增就业3976人，，高度重视。。2025年 A股 (试点) “宣传”" * 3
        assert [m.span() for m in rebuilt.finditer(sample)] == [m.span() for m in fresh.finditer(sample)]


def test_a_form_the_engine_refuses_is_no_pattern():
    form = list(rulecache.compiled_form("[一-龥]{2}省", re.MULTILINE))
    form[2] = [99999, 1, 2]             # code the engine's validator rejects
    assert rulecache.from_form(form) is None
    assert rulecache.from_form("not a form") is None


def _run(code: str, env: dict) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


WARM = ("import sys\nfrom writer.check.rules import load_rules\nrules = load_rules(sys.argv[1:])\n"
        "print(sorted(rules.rules), 'yaml' in sys.modules, 'writer.check.regexcost' in sys.modules)\n")


def test_a_warm_load_reads_no_yaml_and_compiles_nothing(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    first = _run(WARM, env)
    second = _run(WARM, env)
    assert first.split("]")[0] == second.split("]")[0]
    assert second.strip().endswith("False False"), second


def test_an_edited_user_rule_is_read_again(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    rule = tmp_path / "mine.yaml"
    body = "id: mine\nlevel: info\nsummary: 试\nchecks:\n  - kind: pattern\n    items:\n      - match: '{}'\n"
    code = WARM.replace("print(", "print(rules.rules['mine'].checks[0].items[0][0].pattern, ")
    rule.write_text(body.format("甲[%han%]{2}"), encoding="utf-8")
    _run(code.replace("sys.argv[1:]", repr([str(rule)])), env)
    rule.write_text(body.format("乙[%han%]{3}"), encoding="utf-8")
    out = _run(code.replace("sys.argv[1:]", repr([str(rule)])), env)
    assert out.startswith("乙[") and "{3}" in out.split()[0]
    rule.write_text(body.format("(a+)+"), encoding="utf-8")
    bad = subprocess.run([sys.executable, "-c", code.replace("sys.argv[1:]", repr([str(rule)]))],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert bad.returncode != 0 and "回溯" in bad.stderr


@pytest.mark.parametrize("name", [rulecache.SNAPSHOT_NAME, rulecache.CACHE_NAME])
def test_a_damaged_rule_cache_is_ignored_and_rebuilt(tmp_path, name):
    from writer.io.datafiles import DATA_ROOT

    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    first = _run(WARM, env)
    path = DATA_ROOT / ".cache" / name
    if not path.is_file():
        pytest.skip("the package's data folder is read-only here (the cache lives elsewhere)")
    if name == rulecache.CACHE_NAME:     # read only when there is no snapshot of the rules
        (DATA_ROOT / ".cache" / rulecache.SNAPSHOT_NAME).unlink()
    path.write_bytes(path.read_bytes()[:200])
    again = _run(WARM, env)
    assert "缓存文件已损坏" in again
    assert again.split("]")[0] == first.split("]")[0]
    assert _run(WARM, env).strip().endswith("False False")


def test_cell_width_agrees_with_rich_on_every_character_it_knows():
    from rich.cells import cell_len

    known = [chr(o) for lo, hi in _WIDE_RANGES for o in range(lo, hi + 1)]
    known += [chr(o) for o in _NARROW] + [chr(o) for o in range(0x20, 0x7F)]
    assert [c for c in known if cell_width(c) != cell_len(c)] == []
    for text in ("全年“就业”…3976人（增长5%）", "é̃ combining", "😀 emoji", "\u302a mark"):
        assert cell_width(text) == cell_len(text)


@given(st.text(alphabet=st.sampled_from("a Z~\x7f·—‘’“”…中国龘、。〈】〕（５～\u302a\u0301😀é\u3000★①Ⅱ℃〇㐀豈\u2460\u24ea"), max_size=40))
def test_cell_width_agrees_with_rich_on_mixed_text(text):
    from rich.cells import cell_len

    assert cell_width(text) == cell_len(text)


def _findings(spec: list[tuple[int, int, int]]) -> list[Finding]:
    out = []
    for k, (rule, level, line) in enumerate(spec):
        out.append(Finding("草稿.txt", k, k + 2, line, 1 + k % 7, line, 3 + k % 7, f"rule-{rule}" if rule else "copy",
                           LEVELS[level], f"消息{k}“甲乙”", "建议改写" if k % 3 == 0 else None))
    return out


LINES = {1: "全年新增就业3976人，城镇登记失业率控制在3.2%以内。", 2: "高度重视😀，积极推进é̃。", 3: ""}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 2), st.sampled_from([1, 2, 3])), max_size=40))
def test_the_plain_report_is_what_rich_writes(spec):
    from rich.console import Console

    findings = _findings(spec)
    order = ["copy"] + [f"rule-{k}" for k in range(1, 13)]
    line_of = lambda file, line: LINES.get(line)   # noqa: E731
    plain = io.StringIO()
    print_text(findings, line_of, order, plain)
    rich = io.StringIO()
    render_text(findings, line_of, Console(file=rich, highlight=False, soft_wrap=True, width=80), order)
    assert plain.getvalue() == rich.getvalue()
