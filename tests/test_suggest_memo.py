"""`writer suggest` remembers its answers (writer/suggest/memo.py) and never serves a stale one."""

from __future__ import annotations

import marshal
import os
import shutil

import pytest
from typer.testing import CliRunner

from writer.cli import app
from writer.io import cache
from writer.io.memo import MemoFolder, code_stamp
from writer.io.paths import default_bank
from writer.suggest import memo

runner = CliRunner()


@pytest.fixture
def bank(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(default_bank(), folder, ignore=shutil.ignore_patterns(".cache", "corpus"))
    return folder


def _suggest(bank, *args) -> str:
    result = runner.invoke(app, ["suggest", *args, "--bank", str(bank)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _stored(bank, name: str) -> dict:
    """request → (dependencies, answer) of every file of the memo folder ``name``, least recent first."""
    return {stored[0][1][1]: stored[1] for stored in map(cache.read_signed, _files(bank, name))}


def _files(bank, name: str) -> list:
    folder = cache.cache_file(bank, name)
    return sorted(folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime_ns) if folder.is_dir() else []


def _memo(bank) -> dict:
    return _stored(bank, memo.MEMO_FILE)


def test_a_remembered_answer_is_the_computed_one(bank):
    first = _suggest(bank, "人才", "--json")
    assert any(request[1:3] == ("人才", "heading") for request in _memo(bank))
    assert _suggest(bank, "人才", "--json") == first
    fresh = runner.invoke(app, ["suggest", "人才", "--json", "--bank", str(bank), "--seed", "0"])
    assert fresh.stdout == first


@pytest.mark.parametrize("kind", ["heading", "pair", "set", "slogan", "opening", "closing", "aphorism"])
def test_every_kind_round_trips(bank, kind):
    args = ["教育", "--kind", kind, "--json", "-n", "4"]
    assert _suggest(bank, *args) == _suggest(bank, *args)


def test_an_edit_keeping_size_and_mtime_is_seen(bank):
    path = bank / "slogans.yaml"
    before = _suggest(bank, "人才", "--kind", "slogan", "--no-reference")   # the first line is the bank's
    first = before.splitlines()[0].split("\t")[0]
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = first[:-1] + ("强" if first[-1] != "强" else "弱")
    assert len(changed.encode()) == len(first.encode())
    path.write_text(text.replace(first, changed), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    after = _suggest(bank, "人才", "--kind", "slogan", "--no-reference")
    assert f"{first}\t" in before and f"{first}\t" not in after


def test_a_new_custom_file_is_seen(bank):
    before = _suggest(bank, "人才", "--kind", "slogan", "-n", "50")
    mined = next(line.split("\t")[0] for line in before.splitlines() if "\t原文\t" in line)
    (bank / "custom.yaml").write_text(f"exclude:\n  slogans:\n    - {mined}\n", encoding="utf-8")
    after = _suggest(bank, "人才", "--kind", "slogan", "-n", "50")
    assert f"{mined}\t" not in after


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", marshal.dumps([1, 2, 3]),
                                    marshal.dumps(((cache.FORMAT, code_stamp(memo.MEMO_FILE)), {"x": 1})),
                                    marshal.dumps(((cache.FORMAT, code_stamp(memo.MEMO_FILE)), [1]))])
def test_a_damaged_memo_is_recomputed(bank, damage):
    good = _suggest(bank, "人才", "--json")
    assert _files(bank, memo.MEMO_FILE)
    for path in _files(bank, memo.MEMO_FILE):
        path.write_bytes(damage)
    assert _suggest(bank, "人才", "--json") == good


def test_a_forged_entry_with_other_dependencies_is_not_served(bank):
    good = _suggest(bank, "人才")
    for path in _files(bank, memo.MEMO_FILE):
        key, (deps, _) = cache.read_signed(path)
        forged = ((deps[0], (("headings.yaml", ("headings.yaml", 1, "0" * 32)),)),
                  [("伪造的标题", "heading", "mined", None, None, None, None, [], 0.0, None, ())])
        cache.store(path, key[1], forged)  # signed as writer signs: only the dependencies are forged
    assert _suggest(bank, "人才") == good


def test_the_memo_keeps_a_bounded_number_of_answers(bank, monkeypatch):
    monkeypatch.setattr(memo, "KEEP", 3)
    for seed in range(6):
        _suggest(bank, "人才", "--kind", "slogan", "--seed", str(seed))
    kept = MemoFolder(cache.cache_file(bank, memo.MEMO_FILE), memo.MEMO_FILE, 3).requests()
    assert [request[7] for request in kept] == [3, 4, 5]   # (bank, topic, kind, n, pattern, place, org, seed, …)
    assert len(_files(bank, memo.MEMO_FILE)) == 3


def _pools(bank) -> dict:
    return _stored(bank, memo.POOLS_FILE)


@pytest.mark.parametrize("args", [["人才"], ["教育", "--kind", "pair", "-n", "4"], ["法治", "--kind", "slogan"],
                                  ["县医保局", "--place", "兰州"], ["档案"], ["人才", "--since", "2020"]])
def test_a_new_seed_drawn_from_remembered_pools_is_the_computed_one(bank, tmp_path, args):
    cold = tmp_path / "cold"
    shutil.copytree(bank, cold)
    _suggest(bank, *args, "--seed", "1", "--json")   # computes the pools of this request
    assert any(request[1] == args[0].strip() for request in _pools(bank))
    for seed in ("2", "3"):
        drawn = _suggest(bank, *args, "--seed", seed, "--json")
        shutil.rmtree(cold / ".cache", ignore_errors=True)   # nothing remembered: computed afresh
        assert drawn == _suggest(cold, *args, "--seed", seed, "--json")


def test_pools_of_an_edited_bank_are_not_used(bank, tmp_path):
    _suggest(bank, "人才", "--seed", "1")
    before = _suggest(bank, "人才", "--seed", "2", "-n", "50")
    mined = [line.split("\t")[0] for line in before.splitlines() if "\t原文\t" in line]
    (bank / "custom.yaml").write_text("exclude:\n  headings:\n" + "".join(f"    - {m}\n" for m in mined),
                                      encoding="utf-8")
    after = _suggest(bank, "人才", "--seed", "3", "-n", "50")
    cold = tmp_path / "cold"
    shutil.copytree(bank, cold, ignore=shutil.ignore_patterns(".cache"))
    assert after == _suggest(cold, "人才", "--seed", "3", "-n", "50")
    assert after.count("\t原文\t") < before.count("\t原文\t")


def test_forged_pools_with_other_dependencies_are_not_used(bank):
    _suggest(bank, "人才", "--seed", "1")
    forged_row = ("伪造的标题", "heading", "mined", None, None, None, None, [], 99.0, None, (), None)
    assert _files(bank, memo.POOLS_FILE)
    for path in _files(bank, memo.POOLS_FILE):
        key, (deps, kept) = cache.read_signed(path)
        forged = ((deps[0], (("headings.yaml", ("headings.yaml", 1, "0" * 32)),), deps[2]),
                  (kept[0], {"mined": [forged_row], "reference": []}))
        cache.store(path, key[1], forged)
    assert "伪造的标题" not in _suggest(bank, "人才", "--seed", "2")
