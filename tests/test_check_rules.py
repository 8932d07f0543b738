"""Rule files of `writer check`: every rule's own examples, and validation of rule/word-list data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from writer.check.rules import RULE_IDS, load_rules
from writer.check.schema import CheckDataError
from writer.check.examples import run_example
from writer.check.rules import SHIPPED_RULES_DIR
from writer.check.wordlists import load_shipped_wordlists

RULES = load_rules()


def test_every_issue_rule_id_is_shipped():
    assert list(RULES.rules)[:len(RULE_IDS)] == list(RULE_IDS)
    assert {p.stem for p in SHIPPED_RULES_DIR.glob("*.yaml")} >= set(RULE_IDS)


@pytest.mark.parametrize("rule_id", sorted(RULES.rules))
def test_rule_has_examples_both_ways(rule_id):
    # proselint's examples.py: a rule without must-fire and must-not-fire examples fails.
    rule = RULES.rules[rule_id]
    assert rule.fire, f"{rule.path}: 没有应当报告的例句（examples.fire）"
    assert rule.no_fire, f"{rule.path}: 没有不应报告的例句（examples.no_fire）"
    assert rule.summary


def _examples(kind):
    for rule_id, rule in sorted(RULES.rules.items()):
        for i, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule_id, example, id=f"{rule_id}-{kind}-{i}")


@pytest.mark.parametrize("rule_id, example", list(_examples("fire")))
def test_fire_examples_fire(rule_id, example):
    rule = RULES.rules[rule_id]
    findings = run_example(rule, example.text)
    assert findings, f"{rule_id} 应报告：{example.text}"
    if example.level:
        assert any(f.level == example.level for f in findings), [f.level for f in findings]
    if example.count:
        assert len(findings) == example.count
    for f in findings:
        assert 0 <= f.start < f.end <= len(example.text)


@pytest.mark.parametrize("rule_id, example", list(_examples("no_fire")))
def test_no_fire_examples_stay_quiet(rule_id, example):
    rule = RULES.rules[rule_id]
    findings = run_example(rule, example.text)
    assert not findings, [(f.column, f.message) for f in findings]


def test_shipped_word_lists_document_their_source():
    lists = load_shipped_wordlists()
    assert {"empty-phrases", "slogans", "stale", "formulas", "plain-terms"} <= set(lists)
    for wl in lists.values():
        assert wl.source and wl.description, wl.files
    for sub in lists["stale"].substitutions:
        assert sub.date and sub.note, sub.old
    assert {"踔厉奋发", "勇毅前行", "笃行不怠", "久久为功"} <= set(lists["slogans"].phrases)
    stale = {s.old: s for s in lists["stale"].substitutions}
    assert stale["新冠肺炎"].new == "新冠病毒感染" and stale["新冠肺炎"].date == "2022-12-26"


GOOD_RULE = """\
id: my-rule
level: warning
summary: 测试规则
checks:
  - kind: existence
    words: [某某]
examples:
  fire: [某某来了]
  no_fire: [没人来]
"""


@pytest.mark.parametrize("text, key", [
    (GOOD_RULE.replace("level: warning", "level: fatal"), "level"),
    (GOOD_RULE.replace("kind: existence", "kind: exists"), "checks[0].kind"),
    (GOOD_RULE.replace("    words: [某某]", "    words: [某某]\n    colour: red"), "checks[0].colour"),
    (GOOD_RULE.replace("id: my-rule", "id: My Rule"), "id"),
    (GOOD_RULE.replace("    words: [某某]", "    phrases: [list:no-such-list]"), "checks[0].phrases[0]"),
    (GOOD_RULE.replace("    words: [某某]", "    phrases: [list:stale]"), "checks[0].phrases[0]"),
    (GOOD_RULE.replace("    words: [某某]", "    phrases: [bank:everything]"), "checks[0].phrases[0]"),
    (GOOD_RULE.replace("    words: [某某]", "    words: [某某]\n    message: 见{nothing}"), "checks[0].message"),
    (GOOD_RULE.replace("    words: [某某]", "    words: [某某]\n    escalate_share: high"), "checks[0].escalate_share"),
    (GOOD_RULE.replace("  - kind: existence\n    words: [某某]", "  - kind: pattern\n    items:\n      - match: '(未闭合'"),
     "checks[0].items[0].match"),
    (GOOD_RULE.replace("  - kind: existence\n    words: [某某]", "  - kind: pattern\n    items:\n      - match: 'x*'"),
     "checks[0].items[0].match"),
    (GOOD_RULE.replace("  - kind: existence\n    words: [某某]",
                       "  - kind: pattern\n    items:\n      - match: 'a'\n        replace: '\\2'"),
     "checks[0].items[0].replace"),
    (GOOD_RULE.replace("  - kind: existence\n    words: [某某]", "  - kind: density\n    phrases: [list:slogans]"),
     "checks[0].sentence"),
    (GOOD_RULE.replace("  - kind: existence\n    words: [某某]", "  - kind: length\n    max: 0"), "checks[0].max"),
    (GOOD_RULE.replace("  - kind: existence\n    words: [某某]", "  - kind: pairs\n    pairs: ['“']"),
     "checks[0].pairs[0]"),
    (GOOD_RULE.replace("  fire: [某某来了]", "  fire: [{txt: 某某}]"), "examples.fire[0].txt"),
    (GOOD_RULE.replace("checks:", "checks: []\nold:"), "checks"),
])
def test_bad_rule_file_names_file_and_key(tmp_path, text, key):
    path = tmp_path / "my-rule.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CheckDataError) as info:
        load_rules([path])
    message = str(info.value)
    assert str(path) in message
    assert f"“{key}”" in message or (key == "checks" and "“old”" in message), message


def test_yaml_syntax_error_names_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nlevel: [warning\n", encoding="utf-8")
    with pytest.raises(CheckDataError) as info:
        load_rules([path])
    assert str(info.value).startswith(f"{path}:")
    assert info.value.line is not None


@pytest.mark.parametrize("text, key", [
    ("list: stale\nkind: phrases\nentries: [旧说法]\n", "kind"),
    ("list: mine\nkind: lists\nentries: []\n", "kind"),
    ("list: mine\nentries: [1]\n", "entries[0]"),
    ("list: mine\nkind: substitutions\nentries: [{old: 甲}]\n", "entries[0].new"),
    ("list: mine\nkind: substitutions\nentries: [{old: 甲, new: 乙, when: 2020}]\n", "entries[0].when"),
    ("list: mine\n", "entries"),
])
def test_bad_word_list_names_file_and_key(tmp_path, text, key):
    path = tmp_path / "words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CheckDataError) as info:
        load_rules([path])
    assert str(path) in str(info.value) and f"“{key}”" in str(info.value), str(info.value)


def test_duplicate_rule_id_is_refused(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(GOOD_RULE.replace("id: my-rule", "id: punct"), encoding="utf-8")
    with pytest.raises(CheckDataError) as info:
        load_rules([path])
    assert "punct" in str(info.value)


def test_user_rule_and_word_list_extension_are_data_only(tmp_path):
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "my-rule.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (folder / "more-slogans.yaml").write_text(textwrap.dedent("""\
        list: slogans
        kind: phrases
        description: 本单位常用口号
        source: 自拟
        entries: [奋楫笃行]
        """), encoding="utf-8")
    (folder / "more-stale.yaml").write_text(textwrap.dedent("""\
        list: stale
        kind: substitutions
        entries: [{old: 旧局名, new: 新局名, date: 2024-01-01, note: 本单位通知}]
        """), encoding="utf-8")
    ruleset = load_rules([folder])
    assert "my-rule" in ruleset.rules
    assert "奋楫笃行" in ruleset.wordlists["slogans"].phrases
    assert "踔厉奋发" in ruleset.wordlists["slogans"].phrases
    mine = run_example(ruleset.rules["my-rule"], "某某来了")
    assert [f.rule for f in mine] == ["my-rule"]
    stale = run_example(ruleset.rules["stale"], "旧局名发文。")
    assert stale and "2024-01-01" in stale[0].message and "新局名" in stale[0].message


def test_shipped_files_are_the_ones_loaded():
    # One file per rule id; every shipped word list is referenced by some rule.
    referenced = set()
    for rule in RULES.rules.values():
        for check in rule.checks:
            for key in ("phrases", "except", "ignore_within", "exempt", "lists", "units", "name_suffixes",
                        "longer_words", "ordinary"):
                for source in check.params.get(key) or []:
                    if source.startswith("list:"):
                        referenced.add(source[5:])
    assert referenced == set(load_shipped_wordlists())
    for rule_id in RULE_IDS:
        assert Path(RULES.rules[rule_id].path) == SHIPPED_RULES_DIR / f"{rule_id}.yaml"
