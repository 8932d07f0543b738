"""`writer render` remembers its drafts (writer/render/memo.py): served again only while nothing it read changed."""

from __future__ import annotations

import os
import shutil

import pytest
from typer.testing import CliRunner

from writer.cli import app
from writer.io import cache
from writer.io.memo import MemoFolder
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


def _memo_files(bank, name=memo.MEMO_FILE):
    return sorted(cache.cache_file(bank, name).glob("*" + MemoFolder.SUFFIX))


def test_a_new_seed_writes_one_small_file_and_leaves_the_others(bank, facts, monkeypatch):
    _steady_code(monkeypatch)
    for seed in range(3):
        _render(facts, "--bank", bank, "--seed", str(seed))
    before = {path: path.stat().st_mtime_ns for path in _memo_files(bank)}
    _render(facts, "--bank", bank, "--seed", "3")
    after = _memo_files(bank)
    assert len(after) == 4 and all(path.stat().st_mtime_ns == t for path, t in before.items())
    assert max(path.stat().st_size for path in after) < 16 * 1024
    assert len(_memo_files(bank, memo.FACTS_FILE)) == 1      # one plain form for the one content


def test_the_memo_keeps_a_bounded_number_of_drafts(bank, facts, monkeypatch):
    _steady_code(monkeypatch)
    monkeypatch.setattr(memo, "KEEP", 2)
    for seed in range(4):
        _render(facts, "--bank", bank, "--seed", str(seed))
    kept = MemoFolder(cache.cache_file(bank, memo.MEMO_FILE), memo.MEMO_FILE, 2).requests()
    assert [request[3] for request in kept] == [2, 3]


def _steady_code(monkeypatch):
    """writer's code as unchanged during the test (a checkout edited meanwhile would miss anyway)."""
    import writer.io.memo

    monkeypatch.setattr(writer.io.memo, "code_stamp", lambda name: (name, "steady"))


def _no_drafting(monkeypatch):
    def refuse(*args, **options):
        raise AssertionError("drafted again although nothing changed")
    monkeypatch.setattr(draft, "render_file", refuse)


def test_a_remembered_draft_is_the_drafted_one(bank, facts, monkeypatch):
    _steady_code(monkeypatch)
    first = _render(facts, "--bank", bank)
    assert len(_memo_files(bank)) == 1 and len(_memo_files(bank, memo.FACTS_FILE)) == 1
    _no_drafting(monkeypatch)
    assert _render(facts, "--bank", bank) == first          # stdout and the notes on stderr


def test_a_remembered_docx_is_written_byte_for_byte_and_not_over_a_file_without_force(bank, facts, tmp_path,
                                                                                   monkeypatch):
    _steady_code(monkeypatch)
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


@pytest.mark.parametrize("change", ["facts", "bank file, same size and time", "seed", "template", "custom.yaml"])
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
    elif change == "custom.yaml":   # the writer's curation: a name the draft must now keep out
        (bank / "custom.yaml").write_text("add:\n  names: [某某集团]\n  aphorisms: [功崇惟志，业广惟勤。]\n",
                                          encoding="utf-8")
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
    damaged = _memo_files(bank) + _memo_files(bank, memo.FACTS_FILE)
    assert len(damaged) == 2
    for path in damaged:
        path.write_bytes(damage)
    again = _render(facts, "--bank", bank)
    assert again[0] == good[0]
    assert _render(facts, "--bank", bank, "--seed", "3")[0] == draft.render_file(str(facts), bank=str(bank),
                                                                                 seed=3).text


def test_a_draft_of_a_huge_fact_is_not_remembered(bank, facts):
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("1260人", "1260人" + "，持续推进就业服务" * 12_000, 1), encoding="utf-8")
    out, _ = _render(facts, "--bank", bank)
    assert len(out) > memo.MAX_REMEMBERED / 3       # the fact is in the draft
    assert all(path.stat().st_size < memo.MAX_REMEMBERED
               for name in (memo.MEMO_FILE, memo.FACTS_FILE) for path in _memo_files(bank, name))


def _no_yaml(monkeypatch):
    import writer.render.facts as facts_module

    _steady_code(monkeypatch)

    def refuse(path):
        raise AssertionError("parsed the facts' YAML although a draft of the same content was remembered")
    monkeypatch.setattr(facts_module, "load_facts_tree", refuse)


@pytest.mark.parametrize("other", [["--seed", "9"], ["-o", "初稿.txt"], ["--no-generate"]])
def test_the_same_facts_drafted_afresh_are_not_parsed_again(bank, facts, tmp_path, monkeypatch, other):
    _steady_code(monkeypatch)
    _render(facts, "--bank", bank)
    other = [str(tmp_path / part) if part.endswith(".txt") else part for part in other]
    expected = draft.render_file(str(facts), None if "-o" in other else None, bank=str(bank),
                                 seed=9 if "--seed" in other else None, generate="--no-generate" not in other)
    _no_yaml(monkeypatch)
    out, _ = _render(facts, "--bank", bank, *other)
    if "-o" in other:
        from writer.render.templates import render_text

        out = (tmp_path / "初稿.txt").read_text(encoding="utf-8")
        assert out == render_text(expected.draft, "txt")
    else:
        assert out == expected.text


def test_changed_facts_are_parsed(bank, facts, monkeypatch):
    _steady_code(monkeypatch)
    _render(facts, "--bank", bank)
    facts.write_text(facts.read_text(encoding="utf-8").replace("1260", "1370"), encoding="utf-8")
    _no_yaml(monkeypatch)
    result = runner.invoke(app, ["render", str(facts), "--bank", str(bank), "--seed", "9"])
    assert result.exit_code != 0 and "parsed the facts' YAML" in repr(result.exception)


def test_facts_with_an_error_are_reported_as_before(bank, facts):
    facts.write_text(facts.read_text(encoding="utf-8").replace("org:", "orgg:", 1), encoding="utf-8")
    first = runner.invoke(app, ["render", str(facts), "--bank", str(bank)])
    again = runner.invoke(app, ["render", str(facts), "--bank", str(bank), "--seed", "4"])
    assert first.exit_code == again.exit_code == 2
    assert "orgg" in first.stderr and first.stderr == again.stderr


@pytest.mark.parametrize("example", sorted(p.name for p in (__import__("pathlib").Path(__file__).resolve().parents[1]
                                                            / "examples").glob("*.yaml")))
def test_facts_decoded_from_their_tree_are_the_loaded_facts(example):
    from pathlib import Path

    from writer.render.facts import facts_from_tree, load_facts, load_facts_tree

    path = Path(__file__).resolve().parents[1] / "examples" / example
    facts, tree = load_facts_tree(path)
    assert facts == load_facts(path)
    assert tree is not None and facts_from_tree(tree, path) == facts


@pytest.mark.parametrize("example", sorted(p.name for p in (__import__("pathlib").Path(__file__).resolve().parents[1]
                                                            / "examples").glob("*.yaml")))
def test_facts_kept_as_plain_data_are_the_loaded_facts(example, tmp_path):
    import marshal
    from pathlib import Path

    from writer.render.facts import facts_from_plain, facts_to_plain, load_facts

    path = Path(__file__).resolve().parents[1] / "examples" / example
    facts = load_facts(path)
    kept = marshal.loads(marshal.dumps(facts_to_plain(facts)))   # as the memo file holds it
    assert facts_from_plain(kept, path) == facts
    assert facts_from_plain(kept, tmp_path / "copy.yaml").path == str(tmp_path / "copy.yaml")


def test_a_tree_with_a_date_is_not_kept(tmp_path):
    from writer.render.facts import load_facts_tree

    path = tmp_path / "facts.yaml"
    text = (__import__("pathlib").Path(__file__).resolve().parents[1] / EXAMPLE).read_text(encoding="utf-8")
    path.write_text(text.replace("guiding: 习近平新时代中国特色社会主义思想", "guiding: 2024-01-01"), encoding="utf-8")
    with pytest.raises(Exception):   # a date is no text: the facts are refused as before
        load_facts_tree(path)


def test_an_edited_check_rule_file_changes_the_review_lists_key(tmp_path, monkeypatch):
    """The review lists (the reviewer's budget) are served from the cache only while every rule
    and word list of writer check is as it was: one edited rule file is a miss."""
    from writer.check import budget
    from writer.io.paths import default_bank
    from writer.render.genre import load_genre
    from writer.render.review import review_key

    data = tmp_path / "check"
    shutil.copytree(budget._CHECK_DATA, data)
    monkeypatch.setattr(budget, "_CHECK_DATA", data)

    class Bank:
        path = str(default_bank())
    genre = load_genre(None)

    def key():
        budget._shipped_stamp.cache_clear()   # a new process: the stamp is taken once per run
        return review_key(Bank, genre)
    before = key()
    assert key() == before
    rule = sorted((data / "rules").glob("*.yaml"))[0]
    st = rule.stat()
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace("：", ":", 1) if "：" in text else text + "#", encoding="utf-8")
    os.utime(rule, ns=(st.st_atime_ns, st.st_mtime_ns))    # even with its old time
    assert key() != before
    budget._shipped_stamp.cache_clear()
