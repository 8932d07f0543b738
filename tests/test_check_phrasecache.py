"""The checker's cached phrase sets (writer.check.phrasecache) and content stamps (writer.io.cache).

A checker whose phrase sets and scanner come from the cache finds exactly what
one computing them finds; any file or setting they depend on changes the key.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from writer.check import phrasecache
from writer.check.context import BankContext
from writer.check.engine import Checker
from writer.check.rules import load_rules
from writer.io import cache

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ("今年以来，我们坚持以人民为中心的发展思想，凝心聚力，砥砺前行，扎实推进高质量发展。\n"
         "全年城镇新增就业1260人，城镇登记失业率控制在3.2%以内，各项工作取得明显成效。\n")


@pytest.fixture
def bank(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "bank"
    shutil.copytree(ROOT / "phrasebank", folder, ignore=shutil.ignore_patterns(".cache", "corpus", "reference"))
    return folder


def checker(bank: Path, accept=()) -> Checker:
    return Checker(list(load_rules().rules.values()), BankContext(bank), accept=set(accept))


def findings(check: Checker) -> list:
    return [f.to_dict() for f in check.check_text(DRAFT, "草稿.txt")]


def test_a_cached_checker_finds_what_a_computing_one_finds(bank, monkeypatch):
    first = checker(bank)
    expected = findings(first)
    union = first.phrase_union()
    assert (bank / ".cache" / phrasecache.CACHE_NAME).is_file()
    # The second checker never computes a phrase set: it reads them.
    monkeypatch.setattr(Checker, "phrase_union", lambda self: pytest.fail("computed, not read from the cache"))
    second = checker(bank)
    assert findings(second) == expected
    assert second._phrase_scanner().phrases == union
    for a, b in zip(first.rules, second.rules):
        for c, d in zip(a.checks, b.checks):
            assert c.phrase_set(first.context, first.accept) == d.phrase_set(second.context, second.accept)


def test_the_bank_the_accepted_phrases_and_the_parameters_are_in_the_key(bank):
    base = phrasecache.checker_key(checker(bank))
    assert base is not None
    assert phrasecache.checker_key(checker(bank, accept=["砥砺前行"])) != base
    tuned = checker(bank)
    tuned.rules[[r.id for r in tuned.rules].index("slogan-density")].tune("sentence", 7)
    assert phrasecache.checker_key(tuned) != base
    slogans = bank / "slogans.yaml"
    slogans.write_text(slogans.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert phrasecache.checker_key(checker(bank)) != base


def test_rules_reading_no_bank_neither_cache_nor_load_it(tmp_path):
    rules = [load_rules().rules["punct"]]
    check = Checker(rules, BankContext(tmp_path / "no-bank"))
    assert phrasecache.checker_key(check) is None
    assert check.check_text("全年新增就业，，1260人。", "草稿.txt")


def test_a_large_file_s_stamp_is_remembered_until_the_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "_STAMPS", [])
    big = tmp_path / "documents.jsonl"
    big.write_bytes(b"a" * cache.LARGE_FILE)
    old = os.stat(big).st_mtime_ns - 10 * cache.SETTLED_NS
    os.utime(big, ns=(old, old))
    # Just written (its change time is now): hashed, not remembered.
    stamp = cache.content_stamp(big)
    assert stamp == cache.file_stamp(big) and not cache._STAMPS[0]
    later = time.time_ns() + 2 * cache.SETTLED_NS
    monkeypatch.setattr(time, "time_ns", lambda: later)
    assert cache.content_stamp(big) == stamp and cache._STAMPS[0]
    file_stamp = cache.file_stamp
    monkeypatch.setattr(cache, "file_stamp", lambda path: pytest.fail("read again while unchanged"))
    assert cache.content_stamp(big) == stamp
    monkeypatch.setattr(cache, "file_stamp", file_stamp)
    # Same size, the old modification time put back: the change time still moved.
    big.write_bytes(b"b" * cache.LARGE_FILE)
    os.utime(big, ns=(old, old))
    assert cache.content_stamp(big) == cache.file_stamp(big) != stamp

