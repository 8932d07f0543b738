"""Rule `fact` (`writer check DRAFT --facts FACTS.yaml`): the draft's numbers against the facts file."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from writer.check.kinds.facts import UnitReader
from writer.check.rules import load_rules
from writer.cli import app
from writer.zh import cn_count

runner = CliRunner()
FACTS = Path(__file__).resolve().parents[1] / "examples" / "人社工作.yaml"
UNITS = load_rules().rules["fact"].checks[0].params["units"]
READER = UnitReader(UNITS, "余多")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WRITER_BANK", raising=False)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> str:
    """The draft `writer render` writes from the example facts file."""
    out = tmp_path_factory.mktemp("render") / "初稿.md"
    result = runner.invoke(app, ["render", str(FACTS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def fact_findings(path: Path, *extra: str) -> list[dict]:
    result = runner.invoke(app, ["check", str(path), "--facts", str(FACTS), "--only", "fact", "--format", "json",
                                 "--fail-on", "error", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_rendered_draft_has_no_fact_warning(rendered, tmp_path):
    draft = tmp_path / "初稿.md"
    draft.write_text(rendered, encoding="utf-8")
    assert [f for f in fact_findings(draft) if f["level"] != "info"] == []


def _position(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# (written in the render, changed by hand, what the finding must say)
EDITS = [("1260人", "1620人", ("疑似笔误", "“1260人”", "数字颠倒")),
         ("2350万元", "2350元", ("疑似笔误", "“2350万元”", "单位不同")),
         ("386人", "9173人", ("“9173人”在事实文件中找不到",))]


def test_three_numbers_changed_by_hand_are_exactly_the_warnings(rendered, tmp_path):
    text = rendered
    for original, changed, _ in EDITS:
        assert original in text, f"render no longer writes {original}"
        text = text.replace(original, changed, 1)
    # A figure written in Chinese numerals is the same fact.
    assert "1120人" in text
    text = text.replace("1120人", "一千一百二十人", 1)
    draft = tmp_path / "改过的初稿.md"
    draft.write_text(text, encoding="utf-8")
    findings = fact_findings(draft)
    warnings = [f for f in findings if f["level"] == "warning"]
    assert len(warnings) == 3, warnings
    for (_, changed, words), finding in zip(sorted(EDITS, key=lambda e: text.index(e[1])), warnings):
        line, column = _position(text, changed)
        assert (finding["line"], finding["column"]) == (line, column)
        assert finding["end_column"] - finding["column"] == len(changed)
        for word in words:
            assert word in finding["message"], finding
    # The fact replaced by an invented figure is now unused; the transposed and the
    # re-united ones count as used (the writer meant them).
    unused = [f["message"] for f in findings if f["level"] == "info"]
    assert len(unused) == 1 and "“386人”" in unused[0]


@pytest.mark.parametrize("text, expected", [
    ("全年城镇新增就业1260人，完成目标的105%", [("1260人", (1260, "人")), ("105%", (105, "%"))]),
    ("发放贷款2350万元、0.235亿元", [("2350万元", (23500000, "元")), ("0.235亿元", (23500000, "元"))]),
    ("培训4200余人次，百分之三点二", [("4200余人次", (4200, "人次")), ("百分之三点二", (Decimal("3.2"), "%"))]),
    ("二〇二四年，一千二百六十人，两万人", [("二〇二四年", (2024, "年")), ("一千二百六十人", (1260, "人")),
                                     ("两万人", (20000, "人"))]),
    ("1,260人和3.2％", [("1,260人", (1260, "人")), ("3.2％", (Decimal("3.2"), "%"))]),
    # Words with numerals, ordinals, list markers and letters are no figures.
    ("一是坚持一网通办，三年来第二十次会议，“十四五”，5G和G20", []),
    ("1.稳就业（2）保民生", []),
    ("第20年提高", [("20年", (20, "年"))]),
])
def test_numbers_with_units(text, expected):
    got = [(q.written, (float(q.key[0]), q.key[1])) for q in READER.read(text)]
    assert got == [(w, (float(v), u)) for w, (v, u) in expected]
    for q in READER.read(text):
        assert text[q.start:q.end] == q.written


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10, max_value=10 ** 9), st.sampled_from(["人", "元", "个", "人次", "年"]))
def test_chinese_numerals_match_digits(n, unit):
    (digits,) = READER.read(f"共{n}{unit}")
    (numerals,) = READER.read(f"共{cn_count(n)}{unit}")
    assert digits.key == numerals.key


def test_without_facts_the_rule_is_silent(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("全年新增就业9999人。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft), "--only", "fact", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []


@pytest.mark.parametrize("content, words", [(None, "事实文件不存在"), ("org: [某县\n", "facts.yaml:")])
def test_bad_facts_file_is_one_line_exit_3(tmp_path, content, words):
    draft = tmp_path / "d.txt"
    draft.write_text("全年新增就业9999人。\n", encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    if content is not None:
        facts.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft), "--facts", str(facts)])
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr, result.stderr
