"""The checker's cold start: what a warm run is served from gives exactly what validating gives.

- writer.check.rules.load_rules rebuilds the rules from a snapshot of an earlier
  run (writer.check.rulecache): the same rules, checks, parameters (compiled
  patterns and records included) and examples as a run that decodes every file;
  an edited word list or rule file, or changed validating code, is read afresh.
- writer.check.phrasecache.PrefixScanner (a cached checker's scanner) finds in a
  short text exactly what the full scanner finds, and in a long one reads (or
  builds) the full tables.
- writer.check.context.BankContext: a run served by the caches neither loads the
  bank nor imports the bank's modules; a bank edited between runs (custom.yaml,
  its slogans, its manifest) is seen; a bank missing a file still fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.check import phrasecache, rulecache
from writer.check.context import BankContext
from writer.check.draft import PhraseScanner
from writer.check.engine import Checker, select_rules
from writer.check.rules import _from_snapshot, _snapshot, _validated_rules, _validating_code, load_rules
from writer.check.phrasecache import PrefixScanner
from writer.check.rulecache import RuleSources
from writer.io import cache

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ("今年以来，我们坚持以人民为中心的发展思想，凝心聚力，砥砺前行，扎实推进高质量发展。\n"
         "全年城镇新增就业1260人，城镇登记失业率控制在3.2%以内，各项工作取得明显成效。\n"
         "深入开展打黑除恶专项斗争，公安消防支队圆满完成任务 ，，我们高度重视。\n")


def _fields(ruleset) -> list:
    return [(r.id, r.level, r.summary, r.path, r.fire, r.no_fire, r.context, r.sources,
             [(type(c), c.rule_id, c.level, c.path, c.keys, c.params, c.source_names(),
               sorted(set(vars(c)) - {"_source_names"})) for c in r.checks])
            for r in ruleset.rules.values()]


def test_the_snapshot_gives_the_rules_validating_gives():
    from writer.check.rules import _shipped_rule_files
    from writer.check.wordlists import shipped_wordlist_files

    sources = RuleSources(shipped_wordlist_files() + _shipped_rule_files())
    validated = _validated_rules([], sources)
    plain = _snapshot(validated)
    assert plain is not None, "the shipped rules should all be storable"
    rebuilt = _from_snapshot(plain)
    for ruleset in (validated, rebuilt):
        for rule in ruleset.rules.values():
            rule.sources = sources.key
    assert _fields(rebuilt) == _fields(validated)
    assert rebuilt.wordlists == validated.wordlists
    # Fresh objects: tuning one run's rules leaves the next run's alone.
    assert rebuilt.rules["long-sentence"].checks[0] is not validated.rules["long-sentence"].checks[0]
    assert rebuilt.rules["cliche"].checks[0].params is not validated.rules["cliche"].checks[0].params


def test_served_and_validated_rules_find_the_same():
    from writer.check.rules import _shipped_rule_files
    from writer.check.wordlists import shipped_wordlist_files

    served = load_rules()
    validated = _validated_rules([], RuleSources(shipped_wordlist_files() + _shipped_rule_files()))
    a = Checker(select_rules(served)).check_text(DRAFT, "草稿.txt")
    b = Checker(select_rules(validated)).check_text(DRAFT, "草稿.txt")
    assert [f.to_dict() for f in a] == [f.to_dict() for f in b] and a


@pytest.mark.parametrize("value", [object(), ("tuple", 1), {1: "a"}, b"bytes"])
def test_a_value_that_is_not_plain_data_is_unstorable(value):
    with pytest.raises(rulecache.Unstorable):
        rulecache.plain_value({"x": [value]})


@pytest.mark.parametrize("plain", [("dc", "os", "PathLike", {}), ("dc", "writer.check.rules", "load_rules", {}),
                                   ("re", "never compiled here [甲]", 8), ("other", 1, 2)])
def test_a_snapshot_naming_what_is_not_a_checker_record_is_refused(plain):
    with pytest.raises(rulecache.Unstorable):
        rulecache.from_plain_value([plain])


def test_the_validating_code_is_in_the_key():
    names = {Path(stamp[0]).name for stamp in _validating_code()}
    assert {"rules.py", "wordlists.py", "base.py", "phrases.py", "pattern.py", "dated.py", "facts.py"} <= names


def test_the_reference_file_dated_stamps_is_the_reference_s_phrase_file():
    from writer.bank.reference import PHRASES_FILE
    from writer.check.kinds.dated import REFERENCE_PHRASES

    assert REFERENCE_PHRASES == PHRASES_FILE


def _run(code: str, env: dict, cwd: Path = ROOT) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return done.stdout


WORDS = ("import sys\nfrom writer.check.rules import load_rules\nrules = load_rules(sys.argv[1:])\n"
         "print(sorted(rules.wordlists['mine'].phrases), rules.rules['mine'].summary)\n")


def test_an_edited_user_word_list_and_rule_are_read_again(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    words, rule = tmp_path / "words.yaml", tmp_path / "rule.yaml"
    rule_body = ("id: mine\nlevel: info\nsummary: {}\nchecks:\n  - kind: existence\n    phrases: [list:mine]\n"
                 "examples:\n  fire: [甲乙丙]\n  no_fire: [丁]\n")
    words.write_text("list: mine\nkind: phrases\nentries: [甲乙丙]\n", encoding="utf-8")
    rule.write_text(rule_body.format("第一版"), encoding="utf-8")
    code = WORDS.replace("sys.argv[1:]", repr([str(words), str(rule)]))
    assert _run(code, env).split() == ["['甲乙丙']", "第一版"]
    assert _run(code, env).split() == ["['甲乙丙']", "第一版"]       # served from the snapshot
    words.write_text("list: mine\nkind: phrases\nentries: [甲乙丙, 戊己庚]\n", encoding="utf-8")
    assert _run(code, env).split() == ["['戊己庚',", "'甲乙丙']", "第一版"]
    rule.write_text(rule_body.format("第二版"), encoding="utf-8")
    assert _run(code, env).split()[-1] == "第二版"


PROBE = ("import sys\nfrom writer.check.context import BankContext\nfrom writer.check.engine import Checker, select_rules\n"
         "from writer.check.rules import load_rules\n"
         "checker = Checker(select_rules(load_rules()), BankContext(sys.argv[1]))\n"
         "found = checker.check_text(sys.argv[2], 'draft.txt')\n"
         "print(len(found), sorted({f.rule for f in found}), sorted(m for m in sys.modules if m.startswith('writer.bank')))\n")


@pytest.fixture
def bank(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(ROOT / "phrasebank", folder, ignore=shutil.ignore_patterns(".cache", "corpus", "reference"))
    return folder


def test_a_warm_run_loads_no_bank_and_sees_every_edit(tmp_path, bank):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    code = PROBE.replace("sys.argv[1]", repr(str(bank))).replace("sys.argv[2]", repr(DRAFT))
    cold = _run(code, env)
    warm = _run(code, env)
    assert warm.split("[")[:2] == cold.split("[")[:2] and warm.rstrip().endswith("[]"), warm
    # A phrase the draft uses, accepted in custom.yaml: no longer reported.
    (bank / "custom.yaml").write_text("exclude:\n  slogans: [凝心聚力, 砥砺前行]\n", encoding="utf-8")
    edited = _run(code, env)
    assert edited != warm
    # The manifest's documents count is what slogans' shares are judged against.
    manifest = bank / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _run(code, env).split("[")[:2] == edited.split("[")[:2]


def test_a_bank_missing_a_file_fails_warm_as_cold(tmp_path, bank):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    code = PROBE.replace("sys.argv[1]", repr(str(bank))).replace("sys.argv[2]", repr(DRAFT))
    _run(code, env)
    (bank / "headings.yaml").unlink()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode != 0 and "headings.yaml" in done.stderr


def test_a_missing_bank_is_named_not_cached(tmp_path):
    context = BankContext(tmp_path / "none")
    assert context.phrase_stamp() is None


PHRASES = ["高质量发展", "发展", "以人民为中心", "人民", "凝心聚力", "甲", "砥砺前行", "前行", "行稳致远", "新增就业"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PHRASES + ["，", "我们", "。", "\n", "高质", "民为"]), max_size=60),
       st.lists(st.sampled_from(PHRASES), min_size=1, max_size=len(PHRASES), unique=True))
def test_the_prefix_scanner_finds_what_the_full_scanner_finds(pieces, phrases):
    text = "".join(pieces)
    full = PhraseScanner(phrases)
    prefix, singles = PrefixScanner.index(full.phrases)
    short = PrefixScanner(full.phrases, prefix, singles, lambda: pytest.fail("a short text needs no tables"))
    assert sorted(short.scan(text)) == sorted(full.scan(text))


def test_a_long_text_is_scanned_with_the_tables_read_or_built(tmp_path, monkeypatch):
    full = PhraseScanner(PHRASES)
    text = "以人民为中心，凝心聚力，砥砺前行，推动高质量发展，新增就业甲。" * (phrasecache.PREFIX_LIMIT // 20)
    key = ("test", 1)
    path = tmp_path / "tables.marshal"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache.store(path, key, full.to_plain())
    prefix, singles = PrefixScanner.index(full.phrases)
    for stored in (True, False):
        if not stored:
            path.unlink()       # gone: built again from the phrases
        scanner = PrefixScanner(full.phrases, prefix, singles,
                                lambda: phrasecache._full_scanner(path, key, full.phrases))
        assert sorted(scanner.scan(text)) == sorted(full.scan(text))


LAZY = ("import dataclasses, sys\nfrom writer.check.rules import load_rules\nfrom writer.check.kinds.phrases import ExistenceParams\n"
        "rules = load_rules()\nmade = dataclasses.is_dataclass(ExistenceParams)\n"
        "rules.rules['slogan-density'].tune('sentence', 7)\n"
        "print(made, rules.rules['slogan-density'].checks[0].params['sentence'], dataclasses.is_dataclass(ExistenceParams))\n")


def test_a_warm_load_makes_no_parameter_record_until_one_is_tuned(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    _run(LAZY, env)
    assert _run(LAZY, env).split() == ["False", "7", "True"]


QUIET = ("import dataclasses, io, sys\nfrom contextlib import redirect_stdout\nfrom writer.cli import app\n"
         "out = io.StringIO()\nwith redirect_stdout(out):\n    try:\n        app(['check', sys.argv[1]])\n"
         "    except SystemExit:\n        pass\n"
         "from writer.check.kinds.facts import Quantity\n"
         "print('│' in out.getvalue(), 'rich' in sys.modules, dataclasses.is_dataclass(Quantity))\n")


def test_a_warm_text_report_needs_neither_rich_nor_the_facts_records(tmp_path):
    # The summary table's box-drawing lines are measured without Rich; the facts kind's
    # records are made only when a facts file is read (rule fact is silent without one).
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code = QUIET.replace("sys.argv[1]", repr(str(draft)))
    _run(code, env)
    assert _run(code, env).split() == ["True", "False", "False"]


def test_a_pending_record_is_made_a_dataclass_by_its_first_instance():
    import dataclasses

    from writer.check.schema import record, record_fields

    @record(frozen=True)
    class Base:
        a: int

    @record(frozen=True)
    class Point(Base):
        b: int = 2

    assert not dataclasses.is_dataclass(Point)
    p = Point(1)
    assert dataclasses.is_dataclass(Point) and dataclasses.is_dataclass(Base)
    assert (p.a, p.b) == (1, 2) and p == Point(1, 2) and hash(p) == hash(Point(1)) and p != Point(1, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.a = 5
    assert [f.name for f in record_fields(Point)] == ["a", "b"]


def test_the_packed_phrase_sets_come_back_equal_and_a_bad_shape_is_a_miss():
    a, b, c = frozenset(PHRASES[:4]), frozenset(PHRASES[2:]), frozenset()
    union = a | b
    packed = phrasecache._packed([(a, c), (b, a)], union)
    sets, ordered, (keys, starts, ends, singles), whole = phrasecache._unpacked(packed, 2)
    assert sets == [(a, c), (b, a)] and ordered == sorted(union) and whole == union
    assert ((dict(zip(keys, zip(starts, ends))), ordered), frozenset(singles)) == PrefixScanner.index(union)
    assert phrasecache._packed([(a | {"外"}, c)], union) is None         # a set beyond the union
    assert phrasecache._packed([(a, c)], union | {"两\n行"}) is None      # a phrase with a line break
    for bad in (None, packed[:4], (packed[0], packed[1] + 1, *packed[2:]), ("x", 1, [[5]], [[0, 0]], packed[4])):
        assert phrasecache._unpacked(bad, 2) is None
    assert phrasecache._unpacked(packed, 3) is None
