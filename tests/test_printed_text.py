"""Every text writer prints passes its own mechanics check (writer check --only punct,quote,spacing).

suggest (every kind, several topics, every column of its tab-separated
lines), outline (each heading style), render (every examples/ and
tests/fixtures/drafts facts file, Markdown and plain text) and bank stats,
with the shipped bank and with a bank mined from text full of ASCII marks.
A tab-separated line is checked field by field: the tab separates columns.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from writer.cli import app

ROOT = Path(__file__).resolve().parents[1]
FACTS = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests/fixtures/drafts").glob("*.yaml"))
KINDS = ("heading", "pair", "set", "slogan", "opening", "closing", "aphorism")
TOPICS = ("人才", "党建", "教育", "医保")
runner = CliRunner()

# Mined text with ASCII marks where Chinese wants full-width ones: what reaches
# suggest and outline from such a bank must be folded at its source.
ASCII_CORPUS = """\
某县2023年人才工作综述

2023年,某县坚持人才引领发展,聚焦"引育留用"全链条,人才工作取得新成效.

一、坚持党管人才,压实工作责任

县委把人才工作摆在突出位置;建立县级领导联系专家制度(每人联系2名).凝心聚力,久久为功.

二、突出精准引才,壮大人才队伍

围绕主导产业引进急需紧缺人才86名:其中博士3名.聚天下英才而用之,引才聚才!

三、优化人才服务,营造良好环境

人才是第一资源,创新是第一动力.拴心留人,凝心聚力,让人才安心扎根.

展望未来,我们将继续凝心聚力,砥砺前行,奋力谱写人才工作新篇章!
"""


def _findings(text: str, suffix: str = ".txt") -> str:
    """The mechanics findings on ``text`` read as a ``suffix`` file ("" when it passes): Markdown's
    ``# `` is syntax, not a space before a mark."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / f"稿{suffix}"
        draft.write_text(text, encoding="utf-8")
        res = runner.invoke(app, ["check", str(draft), "--only", "punct,quote,spacing", "--fail-on", "error"])
    return "" if res.exit_code == 0 else res.output


def _fields(stdout: str) -> str:
    return "\n".join(field for line in stdout.splitlines() for field in line.split("\t"))


def _ok(res) -> str:
    assert res.exit_code == 0, res.output
    assert res.stdout.strip()
    return res.stdout


@pytest.fixture(scope="module")
def ascii_bank(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("ascii")
    (root / "综述.txt").write_text(ASCII_CORPUS, encoding="utf-8")
    res = runner.invoke(app, ["mine", str(root / "综述.txt"), "--out", str(root / "bank"), "-q"])
    assert res.exit_code == 0, res.output
    return str(root / "bank")


@pytest.mark.parametrize("bank", ["shipped", "ascii"])
def test_suggest_prints_checked_text(bank, request):
    options = ["--bank", request.getfixturevalue("ascii_bank")] if bank == "ascii" else []
    printed = []
    for topic in TOPICS:
        for kind in KINDS:
            res = runner.invoke(app, ["suggest", topic, "--kind", kind, "-n", "4", *options])
            assert res.exit_code == 0, res.output
            printed.append(_fields(res.stdout))
    assert any(printed)
    text = "\n".join(p for p in printed if p)
    assert "《" in text  # the source column is among what is checked
    assert not _findings(text), _findings(text)


@pytest.mark.parametrize("bank", ["shipped", "ascii"])
def test_outline_prints_checked_text(bank, request):
    options = ["--bank", request.getfixturevalue("ascii_bank")] if bank == "ascii" else []
    # The one-document bank has patterns for three parallel single-line headings at most.
    styles = ("single",) if bank == "ascii" else ("single", "pair", "triple")
    sections = ["--sections", "3"] if bank == "ascii" else []
    for topic in ("人才", "医保"):
        for style in styles:
            out = _ok(runner.invoke(app, ["outline", "--org", "某县人才工作领导小组办公室", "--topic", topic,
                                          "--period", "2024年", "--style", style, *sections, *options]))
            assert not _findings(out, ".md"), _findings(out, ".md")


@pytest.mark.parametrize("facts", FACTS, ids=lambda p: p.name)
def test_render_prints_checked_text(facts, tmp_path):
    markdown = _ok(runner.invoke(app, ["render", str(facts)]))
    assert not _findings(markdown, ".md"), _findings(markdown, ".md")
    target = tmp_path / "稿.txt"
    assert runner.invoke(app, ["render", str(facts), "-o", str(target)]).exit_code == 0
    plain = target.read_text(encoding="utf-8")
    assert plain.strip() and not _findings(plain), _findings(plain)


def test_bank_stats_prints_checked_text(ascii_bank):
    for options in ([], ["--bank", ascii_bank]):
        out = _ok(runner.invoke(app, ["bank", "stats", *options]))
        assert "四字格（套语）：" in out and "来源文档（" in out
        assert not _findings(out), _findings(out)


def _columns(stdout: str) -> str:
    """A terminal table's cells, one per line: two or more spaces separate its columns."""
    import re

    return "\n".join(cell for line in stdout.splitlines() for cell in re.split(r" {2,}", line.strip()) if cell)


@pytest.mark.parametrize("args", [["新质生产力", "高质量发展"], ["新质生产力"], ["营商环境", "--by", "region"],
                                  ["--new", "2024", "-n", "8"], ["--fading", "2010", "-n", "8"]],
                         ids=lambda a: " ".join(a))
def test_trend_prints_checked_text(args):
    """The sentences trend writes around its charts (the source line, each row's 首见/高峰/最近, the
    ranking's header) are Chinese prose: no space between a number and a character."""
    out = _ok(runner.invoke(app, ["trend", *args]))
    assert "年共" in out
    cells = _columns(out)
    assert not _findings(cells), _findings(cells)
