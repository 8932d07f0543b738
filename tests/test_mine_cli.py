"""`writer mine` and `writer bank stats` from the command line: the shipped bank, folders, bad input, scale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from writer.bank.store import load_bank
from writer.cli import app

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "phrasebank"
SHARED = Path(__file__).parents[1].parent / "shared" / "corpora"
BANK_FILES = ("documents.jsonl", "manifest.yaml", "slogans.yaml", "headings.yaml", "openings.yaml",
              "closings.yaml", "aphorisms.yaml", "topics.yaml", "names.yaml")
runner = CliRunner()

SUMMARY = """坚持党建引领 推动人才工作高质量发展
——某县人才工作综述

2023年，全县上下凝心聚力、砥砺前行，人才工作取得新成效。

坚持党管人才

县委坚持党管人才，制定人才政策12项，引进人才300人。

优化人才服务

全县持续优化服务，拴心留人，人才发展环境不断改善。

征程万里风正劲，重任千钧再奋蹄。全县将继续守正创新，为高质量发展贡献人才力量！
"""


def rebuild_command() -> list[str]:
    """The rebuild command stamped in the shipped bank, as arguments after `writer`."""
    first = (SHIPPED / "manifest.yaml").read_text(encoding="utf-8").splitlines()[1]
    assert first.startswith("# 重建命令：writer mine ")
    return first.removeprefix("# 重建命令：writer ").split()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_shipped_bank_is_what_the_documented_command_writes(tmp_path: Path, monkeypatch, jobs: str):
    # Run the documented command in a copy of the checkout's phrasebank/ and compare byte by byte.
    work = tmp_path / "checkout"
    shutil.copytree(SHIPPED / "corpus", work / "phrasebank" / "corpus")
    monkeypatch.chdir(work)
    result = runner.invoke(app, rebuild_command() + ["--jobs", jobs, "--quiet"])
    assert result.exit_code == 0, result.output
    for name in BANK_FILES:
        assert (work / "phrasebank" / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_jobs_do_not_change_a_byte(tmp_path: Path, monkeypatch):
    # Several files, so --jobs 2 really runs workers (one file is mined in-process).
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k, place in enumerate(["甲县", "乙市", "丙区", "丁县", "戊市", "己县"]):
        (corpus / f"{k}.txt").write_text(SUMMARY.replace("某县", place).replace("2023", str(2018 + k)),
                                         encoding="utf-8")
    shutil.copy(SHIPPED / "corpus" / "summaries-2021.txt", corpus / "seed.txt")
    banks = []
    for jobs in ("1", "2"):
        work = tmp_path / f"run{jobs}"
        work.mkdir()
        monkeypatch.chdir(work)
        result = runner.invoke(app, ["mine", str(corpus), "--out", "bank", "--jobs", jobs, "--quiet"])
        assert result.exit_code == 0, result.output
        banks.append(work / "bank")
    for name in BANK_FILES:
        assert (banks[0] / name).read_bytes() == (banks[1] / name).read_bytes(), name


def test_refuses_a_folder_with_foreign_files(tmp_path: Path):
    corpus = tmp_path / "summary.txt"
    corpus.write_text(SUMMARY, encoding="utf-8")
    out = tmp_path / "bank"
    out.mkdir()
    (out / "notes.txt").write_text("我的笔记", encoding="utf-8")
    (out / "custom.yaml").write_text("add:\n  slogans: [踔厉奋发]\n", encoding="utf-8")
    result = runner.invoke(app, ["mine", str(corpus), "--out", str(out)])
    assert result.exit_code == 3
    assert "notes.txt" in result.output and "--force" in result.output
    assert not (out / "slogans.yaml").exists()
    result = runner.invoke(app, ["mine", str(corpus), "--out", str(out), "--force", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "我的笔记"
    assert (out / "custom.yaml").read_text(encoding="utf-8") == "add:\n  slogans: [踔厉奋发]\n"
    assert "踔厉奋发" in [s.text for s in load_bank(out).slogans]
    # Writing again into a bank (only bank files, custom.yaml, .cache) needs no --force.
    (out / "notes.txt").unlink()
    result = runner.invoke(app, ["mine", str(corpus), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output


def _docx(path: Path, text: str) -> None:
    import docx

    d = docx.Document()
    for para in text.split("\n\n"):
        d.add_paragraph(para.strip())
    d.save(str(path))


def test_bad_inputs_get_one_line_each_and_the_rest_is_mined(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-good.txt").write_text(SUMMARY, encoding="utf-8")
    (corpus / "b-empty.txt").write_bytes(b"")
    (corpus / "c-binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "d-gbk.txt").write_bytes(SUMMARY.replace("某县", "某区").encode("gb18030"))
    _docx(corpus / "e-word.docx", SUMMARY.replace("某县", "某市"))
    missing = tmp_path / "missing.txt"
    out = tmp_path / "bank"
    result = runner.invoke(app, ["mine", str(corpus), str(missing), "--out", str(out), "--quiet"])
    assert result.exit_code == 3
    lines = [line for line in result.output.splitlines() if line.startswith("writer: ")]
    assert len(lines) == 3, result.output
    for bad in ("b-empty.txt", "c-binary.txt", str(missing)):
        assert sum(bad in line for line in lines) == 1, (bad, lines)
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {d["source"] for d in docs} == {"corpus/a-good.txt", "corpus/d-gbk.txt", "corpus/e-word.docx"}
    assert all(d["sections"] for d in docs)
    assert "凝心聚力" in [s.text for s in load_bank(out).slogans]


@pytest.mark.parametrize("make, code", [
    (lambda p: (p / "only.pdf").write_bytes(b"%PDF-1.4"), 3),  # a folder with nothing readable
    (lambda p: (p / "empty.txt").write_bytes(b"  \n"), 3),
])
def test_nothing_readable_is_one_clear_line(tmp_path: Path, make, code: int):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make(corpus)
    result = runner.invoke(app, ["mine", str(corpus), "--out", str(tmp_path / "bank")])
    assert result.exit_code == code
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("writer: ") and "corpus" in lines[0]
    assert "Traceback" not in result.output


def test_missing_path_alone(tmp_path: Path):
    result = runner.invoke(app, ["mine", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 3
    assert result.output.strip() == f"writer: {tmp_path / 'nope.txt'}: 路径不存在"


def test_bad_jobs_is_a_usage_error(tmp_path: Path):
    corpus = tmp_path / "s.txt"
    corpus.write_text(SUMMARY, encoding="utf-8")
    result = runner.invoke(app, ["mine", str(corpus), "--out", str(tmp_path / "bank"), "--jobs", "-2"])
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_summary_line_unless_quiet_and_no_progress_bar_off_a_terminal(tmp_path: Path):
    corpus = tmp_path / "s.txt"
    corpus.write_text(SUMMARY, encoding="utf-8")
    loud = runner.invoke(app, ["mine", str(corpus), "--out", str(tmp_path / "b1")])
    assert loud.exit_code == 0
    assert loud.output.count("\n") == 1 and "1 篇文档" in loud.output  # no bar: not a terminal
    quiet = runner.invoke(app, ["mine", str(corpus), "--out", str(tmp_path / "b2"), "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_bank_stats_lists_counts_and_sources():
    result = runner.invoke(app, ["bank", "stats", "--bank", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    bank = load_bank(SHIPPED)
    assert str(bank.counts()["heading"]) in result.output
    assert "金句" in result.output and "四字格（套语）" in result.output
    for source in bank.manifest["sources"][:3]:
        assert source["id"] in result.output


def test_bank_stats_missing_bank(tmp_path: Path):
    result = runner.invoke(app, ["bank", "stats", "--bank", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert result.output.strip().startswith("writer: ") and "素材库文件夹不存在" in result.output


@pytest.mark.skipif(not (SHARED / "gov-reports-provincial").is_dir(), reason="../shared/corpora absent")
def test_provincial_sample(tmp_path: Path):
    root = SHARED / "gov-reports-provincial"
    provinces = sorted(p for p in root.iterdir() if p.is_dir())[:5]
    sample = tmp_path / "sample"
    for prov in provinces:
        reports = sorted(prov.glob("*.md"))
        for report in (reports[0], reports[-1]):  # the earliest and the latest year
            dest = sample / prov.name / report.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(report, dest)
    out = tmp_path / "bank"
    result = runner.invoke(app, ["mine", str(sample), "--out", str(out), "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    bank = load_bank(out)
    years = {s["id"]: s["year"] for s in bank.manifest["sources"]}
    assert len(years) == 10 and all(years.values())
    assert bank.slogans and bank.headings
    for s in bank.slogans:
        seen = [years[d] for d in s.doc_ids]
        assert (s.first_year, s.last_year) == (min(seen), max(seen)), s.text
    # The provinces' own names never reach a template.
    for p in bank.openings + bank.closings:
        for prov in provinces:
            assert prov.name[:2] not in p.template, (prov.name, p.template[:80])


def test_parallel_reading_matches_the_reader(tmp_path: Path):
    # writer mine reads files in its workers; it must give read_corpus's documents, ids and problems.
    from writer.mining.reading import read_and_analyse
    from writer.corpus.reader import read_corpus

    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(SUMMARY, encoding="utf-8")
    (corpus / "sub" / "a.txt").write_text(SUMMARY.replace("某县", "某区"), encoding="utf-8")
    (corpus / "b.md").write_text("---\ntitle: 某市人才工作综述\n---\n\n" + SUMMARY, encoding="utf-8")
    (corpus / "c.txt").write_bytes(b"")
    paths = [corpus, tmp_path / "missing.txt"]
    expected = read_corpus(paths)
    for jobs in (1, 2):
        got = read_and_analyse(paths, jobs=jobs)
        assert [d.to_dict() for d in got.documents] == [d.to_dict() for d in expected.documents]
        assert [str(p) for p in got.problems] == [str(p) for p in expected.problems]
