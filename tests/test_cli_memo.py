"""`writer outline` remembers its answers and the pools a new seed draws from (writer.io.memo.MemoFolder),
and never serves a stale one."""

from __future__ import annotations

import os
import shutil

import pytest
from typer.testing import CliRunner

import writer.outline
from writer.cli import app
from writer.commands import outline as outline_command
from writer.io import cache, memo
from writer.io.paths import default_bank

runner = CliRunner()
ARGS = ["outline", "--org", "某县人社局", "--topic", "人社"]


@pytest.fixture(autouse=True)
def steady_code(monkeypatch):
    """writer's code stamp held steady: an edit of the checkout between two runs is a miss, not what is tested."""
    monkeypatch.setattr(memo, "code_stamp", lambda name: (name, "steady"))


@pytest.fixture
def bank(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(default_bank(), folder, ignore=shutil.ignore_patterns(".cache", "corpus", "reference"))
    return folder


def _outline(bank, *args) -> str:
    result = runner.invoke(app, [*ARGS, *args, "--bank", str(bank)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _refuse_to_compute(monkeypatch) -> None:
    def computed(*args, **kwargs):
        raise AssertionError("computed again")
    monkeypatch.setattr(writer.outline, "build_outline", computed)


@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--style", "pair", "--seed", "3"],
                                   ["--sections", "3", "--themes", "就业,社保,人才"]])
def test_a_remembered_outline_is_the_computed_one(bank, extra, monkeypatch):
    first = _outline(bank, *extra)
    _refuse_to_compute(monkeypatch)
    assert _outline(bank, *extra) == first


def test_another_option_is_computed_afresh(bank, monkeypatch):
    first = _outline(bank)
    calls = []
    real = writer.outline.build_outline
    monkeypatch.setattr(writer.outline, "build_outline", lambda *a, **k: calls.append(k) or real(*a, **k))
    for extra in (["--seed", "1"], ["--period", "2024年"], ["--format", "json"], ["--style", "triple"]):
        assert _outline(bank, *extra) != first
    assert len(calls) == 4


def test_a_remembered_skeleton_is_written_like_a_computed_one(bank, tmp_path, monkeypatch):
    computed = tmp_path / "a.yaml"
    _outline(bank, "--facts-out", str(computed))
    _refuse_to_compute(monkeypatch)
    remembered = tmp_path / "b.yaml"
    _outline(bank, "--facts-out", str(remembered))
    assert remembered.read_bytes() == computed.read_bytes()
    refused = runner.invoke(app, [*ARGS, "--bank", str(bank), "--facts-out", str(remembered)])
    assert refused.exit_code != 0 and "--force" in refused.output   # the memo does not skip the check


def test_an_edit_keeping_size_and_mtime_is_seen(bank):
    before = _outline(bank)
    lines = before.splitlines()
    lead = lines[lines.index("## 导语（帽子）") + 2]
    snippet = lead[:6]                       # the opening comes verbatim from the bank's openings
    path = next(p for p in sorted(bank.glob("*.yaml")) if snippet in p.read_text(encoding="utf-8"))
    st = path.stat()
    changed = "".join(chr(ord(ch) + 1) if "\u4e00" <= ch < "\u9fff" else ch for ch in snippet)
    path.write_text(path.read_text(encoding="utf-8").replace(snippet, changed), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    after = _outline(bank)
    assert snippet in before and snippet not in after


def test_a_file_added_to_the_bank_is_a_miss(bank, monkeypatch):
    first = _outline(bank)
    (bank / "README.md").write_text("我的素材库\n", encoding="utf-8")
    calls = []
    real = writer.outline.build_outline
    monkeypatch.setattr(writer.outline, "build_outline", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert _outline(bank) == first and calls == [1]


def test_a_rebuilt_reference_is_a_miss(bank, tmp_path, monkeypatch):
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "manifest.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr("writer.io.paths.default_reference", lambda: reference)
    first = _outline(bank)
    os.utime(reference / "manifest.json", ns=(1, 1))
    calls = []
    real = writer.outline.build_outline
    monkeypatch.setattr(writer.outline, "build_outline", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert _outline(bank) == first and calls == [1]


def _memo_files(bank, name=outline_command.MEMO_FILE):
    return sorted(cache.cache_file(bank, name).glob("*" + memo.MemoFolder.SUFFIX))


def test_a_damaged_memo_is_recomputed_and_the_same(bank, capsys):
    first = _outline(bank)
    paths = _memo_files(bank) + _memo_files(bank, outline_command.POOLS_FILE)
    assert len(paths) == 2
    for path in paths:
        data = bytearray(path.read_bytes())
        data[-5] ^= 0xFF
        path.write_bytes(bytes(data))
    assert _outline(bank) == first


def test_the_memo_keeps_a_bounded_number_of_answers(bank, monkeypatch):
    monkeypatch.setattr(outline_command, "KEEP", 2)
    for seed in range(4):
        _outline(bank, "--seed", str(seed))
    kept = memo.MemoFolder(cache.cache_file(bank, outline_command.MEMO_FILE), outline_command.MEMO_FILE, 2).requests()
    assert [dict(request[-1])["seed"] for request in kept] == [2, 3]
    assert len(_memo_files(bank)) == 2


def _fresh(bank, *args) -> str:
    """The outline computed without any memo (another copy of the bank, no cache folder yet)."""
    other = bank.parent / "fresh"
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(bank, other, ignore=shutil.ignore_patterns(".cache"))
    return _outline(other, *args).replace(str(other), str(bank))


def test_a_new_seed_draws_from_the_remembered_pools(bank, monkeypatch):
    _outline(bank, "--seed", "1")
    calls = []
    real = writer.outline.theme_facts
    monkeypatch.setattr(writer.outline, "theme_facts", lambda *a, **k: calls.append(1) or real(*a, **k))
    import writer.compose.passages as passages

    monkeypatch.setattr(passages, "assembled_passages", lambda *a, **k: calls.append(2) or [])
    again = _outline(bank, "--seed", "2")
    assert calls == []
    monkeypatch.undo()
    monkeypatch.setattr(memo, "code_stamp", lambda name: (name, "steady"))
    assert again == _fresh(bank, "--seed", "2")


def test_pools_of_an_edited_bank_are_read_again(bank):
    before = _outline(bank, "--seed", "1")
    lines = before.splitlines()
    lead = lines[lines.index("## 导语（帽子）") + 2]
    snippet = lead[:6]
    path = next(p for p in sorted(bank.glob("*.yaml")) if snippet in p.read_text(encoding="utf-8"))
    st = path.stat()
    changed = "".join(chr(ord(ch) + 1) if "\u4e00" <= ch < "\u9fff" else ch for ch in snippet)
    path.write_text(path.read_text(encoding="utf-8").replace(snippet, changed), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = _outline(bank, "--seed", "1")           # the same seed: the answer is not served
    assert snippet not in after
    other = _outline(bank, "--seed", "2")           # another seed: nor are the pools
    assert other == _fresh(bank, "--seed", "2") and snippet not in other


def test_folder_times_sees_a_touch_that_keeps_the_size(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"12345")
    before = memo.folder_times(tmp_path)
    os.utime(tmp_path / "a.bin", ns=(5, 5))
    assert memo.folder_times(tmp_path) != before
    assert memo.folder_times(tmp_path / "missing") == ()
