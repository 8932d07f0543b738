"""`writer render` remembers its drafts (writer/render/memo.py): served again only while nothing it read changed."""

from __future__ import annotations

import os
import shutil

import pytest
from typer.testing import CliRunner

from writer.cli import app
from writer.io import cache
from writer.io.paths import default_bank, templates_dir
from writer.render import draft, memo

runner = CliRunner()
EXAMPLE = "examples/人社工作.yaml"


@pytest.fixture
def bank(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(default_bank(), folder, ignore=shutil.ignore_patterns(".cache", "corpus"))
    return folder


@pytest.fixture
def facts(tmp_path):
    from pathlib import Path

    path = tmp_path / "facts.yaml"
    path.write_bytes((Path(__file__).resolve().parents[1] / EXAMPLE).read_bytes())
    return path


def _render(*args):
    result = runner.invoke(app, ["render", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def _no_drafting(monkeypatch):
    def refuse(*args, **options):
        raise AssertionError("drafted again although nothing changed")
    monkeypatch.setattr(draft, "render_file", refuse)


def test_a_remembered_draft_is_the_drafted_one(bank, facts, monkeypatch):
    first = _render(facts, "--bank", bank)
    assert cache.cache_file(bank, memo.MEMO_FILE).exists()
    _no_drafting(monkeypatch)
    assert _render(facts, "--bank", bank) == first          # stdout and the notes on stderr


def test_a_remembered_docx_is_written_byte_for_byte_and_not_over_a_file_without_force(bank, facts, tmp_path,
                                                                                   monkeypatch):
    out = tmp_path / "初稿.docx"
    _render(facts, "--bank", bank, "-o", out)
    written = out.read_bytes()
    out.unlink()
    _no_drafting(monkeypatch)
    _render(facts, "--bank", bank, "-o", out)
    assert out.read_bytes() == written
    refused = runner.invoke(app, ["render", str(facts), "--bank", str(bank), "-o", str(out)])
    assert refused.exit_code != 0 and "--force" in refused.stderr
    assert out.read_bytes() == written


@pytest.mark.parametrize("change", ["facts", "bank file, same size and time", "seed", "template"])
def test_a_change_is_drafted_afresh(bank, facts, tmp_path, change):
    templates = tmp_path / "tpl"
    templates.mkdir()
    shutil.copy(templates_dir() / "summary.md.j2", templates / "summary.md.j2")
    args = [facts, "--bank", bank, "--templates", templates]
    before, _ = _render(*args)
    if change == "facts":
        facts.write_text(facts.read_text(encoding="utf-8").replace("1260", "1370"), encoding="utf-8")
    elif change == "bank file, same size and time":
        path = bank / "closings.yaml"
        st = path.stat()
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("。", "；", 1), encoding="utf-8")   # same length in UTF-8
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif change == "seed":
        args += ["--seed", "7"]
    else:
        path = templates / "summary.md.j2"
        path.write_text("改过的模板\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after, _ = _render(*args)
    assert after == draft.render_file(str(facts), templates=str(templates), bank=str(bank),
                                      seed=7 if change == "seed" else None).text
    if change in ("facts", "seed", "template"):
        assert after != before


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"writer-cache\x05\n" + b"\x00" * 60])
def test_a_damaged_memo_is_drafted_afresh(bank, facts, damage):
    good = _render(facts, "--bank", bank)
    cache.cache_file(bank, memo.MEMO_FILE).write_bytes(damage)
    again = _render(facts, "--bank", bank)
    assert again[0] == good[0]


def test_a_draft_of_a_huge_fact_is_not_remembered(bank, facts):
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("1260人", "1260人" + "，持续推进就业服务" * 12_000, 1), encoding="utf-8")
    out, _ = _render(facts, "--bank", bank)
    assert len(out) > memo.MAX_REMEMBERED / 3       # the fact is in the draft
    path = cache.cache_file(bank, memo.MEMO_FILE)
    assert not path.exists() or path.stat().st_size < memo.MAX_REMEMBERED
