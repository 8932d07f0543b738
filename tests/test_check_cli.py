"""`writer check` command line: output formats, exit codes, options, configuration, --fix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from writer.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "check"
PLANTED = FIXTURES / "planted.txt"
PLAIN = FIXTURES / "plain.txt"
runner = CliRunner()


def make_bank(folder: Path, slogans: dict[str, int], documents: list[tuple[str, str, str]]) -> Path:
    """A minimal bank folder as `writer mine` would write it (only what check reads is filled)."""
    folder.mkdir(parents=True, exist_ok=True)

    def dump(name, data):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    dump("manifest.yaml", {"writer_version": "0", "command": "test",
                           "sources": [{"id": i, "file": "t.txt", "title": t, "year": 2021} for i, t, _ in documents],
                           "counts": {}})
    dump("slogans.yaml", {"slogans": [{"text": t, "kind": "slogan", "count": n, "docs": n} for t, n in slogans.items()]})
    dump("headings.yaml", {"headings": [], "groups": {}})
    for name in ("openings", "closings", "aphorisms", "names"):
        dump(f"{name}.yaml", {name: []})
    dump("topics.yaml", {"topics": {}, "vocab": {}})
    with open(folder / "documents.jsonl", "w", encoding="utf-8") as fh:
        for doc_id, title, text in documents:
            fh.write(json.dumps({"id": doc_id, "source": "t.txt", "title": title, "lead": [text],
                                 "sections": [], "closing": []}, ensure_ascii=False) + "\n")
    return folder


@pytest.fixture()
def bank(tmp_path):
    source = ("今年以来，全县人社系统严格落实事业单位岗位设置管理制度，对事业单位岗位设置实行动态管理，"
              "岗位聘用率达到98%。")
    return make_bank(tmp_path / "bank", {"凝心聚力": 10, "守正创新": 3},
                     [("d1", "某县人社工作综述", source), ("d2", "某区工作综述", "全区新建公园3座。")] +
                     [(f"d{i}", f"文档{i}", f"第{i}篇正文。") for i in range(3, 15)])


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    # No .writer.yaml of the developer's and no $WRITER_BANK leak into the tests.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("WRITER_BANK", raising=False)
    return work


def run(*args, input=None):
    return runner.invoke(app, ["check", *map(str, args)], input=input)


HEADER = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<level>info|warning|error) "
                    r"(?P<rule>[a-z-]+): (?P<message>.+)$", re.M)


def test_text_output_reports_every_planted_fault(bank):
    result = run(PLANTED, "--bank", bank)
    assert result.exit_code == 1, result.output
    found = {(m["rule"], int(m["line"])) for m in HEADER.finditer(result.output)}
    for fault in [("cliche", 8), ("slogan-density", 9), ("vague", 10), ("punct", 12), ("quote", 13),
                  ("spacing", 14), ("number", 15), ("stale", 16), ("copy", 19), ("repeat", 20),
                  ("long-sentence", 21)]:
        assert fault in found, fault
    assert "建议：" in result.output
    assert re.search(r"共 \d+ 处：error 4，warning 8", result.output), result.output[-400:]


def test_plain_draft_exits_zero_with_default_fail_on(bank):
    result = run(PLAIN, "--bank", bank)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output and "error" not in result.output


def test_json_output(bank):
    result = run(PLANTED, "--bank", bank, "--format", "json")
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert {r["rule"] for r in records} >= {"punct", "copy", "stale"}
    punct = next(r for r in records if r["rule"] == "punct")
    assert set(punct) == {"file", "line", "column", "end_line", "end_column", "rule", "level", "message",
                          "suggestion"}
    line = PLANTED.read_text(encoding="utf-8").split("\n")[punct["line"] - 1]
    assert line[punct["column"] - 1:punct["end_column"] - 1] == ","


@pytest.mark.parametrize("args, code", [
    (["--only", "punct"], 1),
    (["--only", "number", "--fail-on", "error"], 0),
    (["--only", "number", "--fail-on", "warning"], 1),
    (["--only", "cliche", "--fail-on", "info"], 1),
    (["--disable", "punct,quote,spacing", "--fail-on", "error"], 0),
    (["--only", "nonsense"], 2),
    (["--disable", "punct", "--disable", "nonsense"], 2),
    (["--format", "xml"], 2),
    (["--fail-on", "fatal"], 2),
    (["--in-place"], 2),
    (["--max-sentence", "0"], 2),
])
def test_exit_codes(bank, args, code):
    result = run(PLANTED, "--bank", bank, *args)
    assert result.exit_code == code, result.output


def test_max_sentence_option(bank):
    long_line = PLANTED.read_text(encoding="utf-8").split("\n")[20]
    assert run(PLANTED, "--bank", bank, "--only", "long-sentence").exit_code == 1
    assert run(PLANTED, "--bank", bank, "--only", "long-sentence", "--max-sentence", len(long_line)).exit_code == 0


def test_unreadable_inputs_exit_three_and_others_still_report(bank, tmp_path):
    missing = tmp_path / "nope.txt"
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = run(PLANTED, missing, binary, "--bank", bank, "--only", "punct")
    assert result.exit_code == 3
    assert "planted.txt:12:13: error punct" in result.stdout
    assert str(missing) in result.stderr and str(binary) in result.stderr
    assert "Traceback" not in result.output


def test_missing_bank_is_an_input_error_only_when_a_bank_rule_runs(tmp_path):
    nowhere = tmp_path / "no-bank"
    assert run(PLANTED, "--bank", nowhere, "--only", "punct").exit_code == 1
    result = run(PLANTED, "--bank", nowhere, "--only", "cliche")
    assert result.exit_code == 3 and str(nowhere) in result.stderr


def test_stdin(bank):
    result = run("-", "--bank", bank, "--only", "punct,spacing", input="全年 2025 年完成,同比增长。\n".encode())
    assert result.exit_code == 1
    assert result.stdout.startswith("-:1:3: error spacing")


def test_gb18030_and_docx_inputs(bank, tmp_path):
    gb = tmp_path / "gb.txt"
    gb.write_bytes("标题\n全年完成投资,同比增长。\n".encode("gb18030"))
    result = run(gb, "--bank", bank, "--only", "punct")
    assert f"{gb}:2:7: error punct" in result.stdout
    import docx
    document = docx.Document()
    document.add_paragraph("标题")
    document.add_paragraph("")
    document.add_paragraph("全年完成投资,同比增长。")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    result = run(path, "--bank", bank, "--only", "punct")
    assert f"{path}:3:7: error punct" in result.stdout   # line = Word paragraph number


def test_fix_writes_fixed_copy_and_never_touches_wording(bank, tmp_path):
    draft = tmp_path / "d.txt"
    original = "新冠肺炎疫情期间,我们 2025 年开展\"送岗位\"活动...\r\n全年走访3千余人次.\r\n"
    draft.write_bytes(original.encode("utf-8"))
    result = run(draft, "--bank", bank, "--fix", "--only", "punct,quote,spacing,stale,number")
    fixed = tmp_path / "d.txt.fixed"
    assert fixed.read_bytes().decode("utf-8") == (
        "新冠肺炎疫情期间，我们2025年开展“送岗位”活动……\r\n全年走访3千余人次。\r\n")
    assert draft.read_bytes().decode("utf-8") == original
    assert "已修正 7 处" in result.stderr
    # What is left is reported against the fixed file: wording faults only.
    assert {m["rule"] for m in HEADER.finditer(result.stdout)} == {"stale", "number"}
    again = run(draft, "--bank", bank, "--fix")
    assert again.exit_code == 3 and "--force" in again.stderr
    assert run(draft, "--bank", bank, "--fix", "--force", "--only", "punct").exit_code == 0


def test_fix_in_place_keeps_a_backup(bank, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_bytes("标题\n\n全年完成投资,同比增长。\n".encode("gb18030"))
    result = run(draft, "--bank", bank, "--fix", "--in-place", "--only", "punct")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d.md.bak").read_bytes().decode("gb18030") == "标题\n\n全年完成投资,同比增长。\n"
    assert draft.read_bytes().decode("gb18030") == "标题\n\n全年完成投资，同比增长。\n"


def test_fix_stdin_prints_the_fixed_text(bank):
    result = run("-", "--bank", bank, "--fix", input="全年完成投资,同比增长.".encode())
    assert result.exit_code == 0
    assert result.stdout == "全年完成投资，同比增长。"


def test_fix_refuses_docx(bank, tmp_path):
    import docx
    path = tmp_path / "d.docx"
    docx.Document().save(str(path))
    result = run(path, "--bank", bank, "--fix")
    assert result.exit_code == 2 and ".docx" in result.stderr


def test_config_file_is_found_in_a_parent_folder(bank, isolated, tmp_path):
    (isolated / "extra").mkdir()
    (isolated / "extra" / "slogans.yaml").write_text(
        "list: slogans\nkind: phrases\nentries: [岗位聘用]\n", encoding="utf-8")
    (isolated / ".writer.yaml").write_text(
        "check:\n  disable: [cliche, copy]\n  fail-on: error\n  accept: [新冠肺炎]\n"
        "  thresholds: {long-sentence: 200}\n  extra: [extra]\n", encoding="utf-8")
    sub = isolated / "a" / "b"
    sub.mkdir(parents=True)
    import os
    os.chdir(sub)
    result = run(PLANTED, "--bank", bank)
    rules = {m["rule"] for m in HEADER.finditer(result.stdout)}
    assert "cliche" not in rules and "copy" not in rules and "long-sentence" not in rules
    assert "stale" not in rules            # accepted phrase
    assert result.exit_code == 1           # fail-on error: punct errors remain
    draft = tmp_path / "x.txt"
    draft.write_text("岗位聘用，岗位聘用。\n", encoding="utf-8")
    assert "repeat" in run(draft, "--bank", bank, "--only", "repeat").stdout   # extended word list


@pytest.mark.parametrize("config, key", [
    ("check:\n  disable: [nonsense]\n", "disable"),
    ("check:\n  thresholds: {copy: {size: 3}}\n", "thresholds.copy"),
    ("check:\n  fail-on: fatal\n", "check.fail-on"),
    ("check:\n  colour: red\n", "check.colour"),
    ("check:\n  extra: [missing.yaml]\n", None),
])
def test_bad_config_is_an_input_error_naming_the_key(bank, isolated, config, key):
    (isolated / ".writer.yaml").write_text(config, encoding="utf-8")
    result = run(PLANTED, "--bank", bank)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    if key:
        assert f"“{key}”" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


def test_help_is_chinese():
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "审读工作综述草稿" in result.output and "--fail-on" in result.output


@pytest.mark.parametrize("name", ["missing.txt", "fake.docx"])
def test_an_unreadable_draft_is_not_reported_clean(tmp_path, name):
    (tmp_path / "fake.docx").write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / name)])
    assert result.exit_code == 3
    assert "未发现问题" not in result.output
    assert str(tmp_path / name) in result.output
