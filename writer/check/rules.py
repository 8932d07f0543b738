"""Rule files: one YAML file per rule id, validated on load.

A rule file::

    id: long-sentence                  # lowercase, digits and hyphens
    level: warning                     # info | warning | error
    summary: 句子过长                   # one line, shown by --help and reports
    checks:                            # one or more checks of the kinds in writer.check.kinds
      - kind: length
        max: 100
    examples:                          # run by the test suite (proselint's examples.py is the model)
      context: {...}                   # optional: bank data the examples assume
      fire: [一个应当报错的例子]          # or {text: ..., level: warning, count: 2}
      no_fire: [一个不应报错的例子]

User rules and word lists come from the ``extra`` paths of .writer.yaml:
a file with ``id:`` is a rule, a file with ``list:`` a word list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from writer.check.finding import LEVELS
from writer.check.kinds import KINDS, Check
from writer.check.wordlists import (WordList, load_shipped_wordlists, merge,
                                    parse_wordlist)
from writer.check.yamlfile import CheckDataError, check_keys, expect, load_yaml_file

SHIPPED_RULES_DIR = Path(__file__).resolve().parents[1] / "data" / "check" / "rules"
# The shipped rule ids, in report order; they are part of the interface.
RULE_IDS = ("cliche", "slogan-density", "repeat", "vague", "copy", "long-sentence",
            "stale", "punct", "quote", "spacing", "number")
# Only these rules' fixes are applied by --fix: they never touch wording.
FIXABLE = frozenset({"punct", "quote", "spacing"})
RULE_KEYS = {"id", "level", "summary", "checks", "examples"}
EXAMPLE_KEYS = {"context", "fire", "no_fire"}
CONTEXT_KEYS = {"slogans", "documents", "terms", "idioms", "corpus", "names"}
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


class DuplicateRuleError(CheckDataError):
    """Two rule files define the same rule id."""


@dataclass
class Example:
    """One example text of a rule, with what the rule must report on it."""

    text: str
    level: str | None = None
    count: int | None = None


@dataclass
class Rule:
    """A validated rule: id, level, its checks and its examples."""

    id: str
    level: str
    summary: str
    checks: list[Check]
    path: str
    fire: list[Example] = field(default_factory=list)
    no_fire: list[Example] = field(default_factory=list)
    context: dict = field(default_factory=dict)

    def tune(self, name: str, value) -> None:
        """Set threshold ``name`` on every check that has it; UsageError-like CheckDataError if none."""
        if not any(check.tune(name, value) for check in self.checks):
            names = sorted({n for c in self.checks for n in c.tunables()})
            raise CheckDataError(f"规则 {self.id} 没有阈值“{name}”（可调：{'、'.join(names) or '无'}）",
                                 key=f"thresholds.{self.id}.{name}")

    def primary_threshold(self) -> str | None:
        for check in self.checks:
            names = check.tunables()
            if names:
                return names[0]
        return None


def _examples(raw, path: Path, key: str) -> list[Example]:
    expect(raw, list, path, key, "例句列表")
    out = []
    for i, item in enumerate(raw):
        k = f"{key}[{i}]"
        if isinstance(item, str):
            out.append(Example(item))
            continue
        expect(item, dict, path, k, "字符串或映射（text、level、count）")
        check_keys(item, {"text", "level", "count"}, path, k)
        text = item.get("text")
        if not isinstance(text, str):
            raise CheckDataError("缺少例句文本", path, key=f"{k}.text")
        level = item.get("level")
        if level is not None and level not in LEVELS:
            raise CheckDataError(f"级别应为 {'、'.join(LEVELS)} 之一", path, key=f"{k}.level")
        count = item.get("count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
            raise CheckDataError("应为正整数", path, key=f"{k}.count")
        out.append(Example(text, level, count))
    return out


def parse_rule(data, path: Path, wordlists: dict[str, WordList]) -> Rule:
    """Validate the parsed YAML of one rule file."""
    expect(data, dict, path, "id", "映射（含 id、level、checks）")
    check_keys(data, RULE_KEYS, path, "")
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise CheckDataError("规则 id 应由小写字母、数字和连字符组成", path, key="id")
    level = data.get("level")
    if level not in LEVELS:
        raise CheckDataError(f"级别应为 {'、'.join(LEVELS)} 之一", path, key="level")
    summary = data.get("summary", "")
    expect(summary, str, path, "summary", "字符串")
    checks_raw = data.get("checks")
    if not isinstance(checks_raw, list) or not checks_raw:
        raise CheckDataError("应为非空的检查列表", path, key="checks")
    checks = []
    for i, spec in enumerate(checks_raw):
        key = f"checks[{i}]"
        expect(spec, dict, path, key, "映射（含 kind）")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise CheckDataError(f"未知的检查类型（可用：{'、'.join(KINDS)}）", path, key=f"{key}.kind")
        checks.append(KINDS[kind](rule_id, level, spec, path, key, wordlists))
    rule = Rule(rule_id, level, summary, checks, str(path))
    examples = data.get("examples")
    if examples is not None:
        expect(examples, dict, path, "examples", "映射（含 fire、no_fire）")
        check_keys(examples, EXAMPLE_KEYS, path, "examples")
        rule.fire = _examples(examples.get("fire", []), path, "examples.fire")
        rule.no_fire = _examples(examples.get("no_fire", []), path, "examples.no_fire")
        context = examples.get("context") or {}
        expect(context, dict, path, "examples.context", "映射")
        check_keys(context, CONTEXT_KEYS, path, "examples.context")
        rule.context = context
    return rule


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(list(path.glob("*.yaml")) + list(path.glob("*.yml")))
    return [path]


@dataclass
class RuleSet:
    """All rules (shipped and the user's) and the word lists they read."""

    rules: dict[str, Rule]
    wordlists: dict[str, WordList]

    def ids(self) -> list[str]:
        return list(self.rules)


def load_rules(extra: list[str | Path] = ()) -> RuleSet:
    """The shipped rules and word lists, plus the rule/word-list files or folders in ``extra``."""
    wordlists = load_shipped_wordlists()
    user_rules: list[tuple[Path, dict]] = []
    for entry in extra:
        entry = Path(entry)
        if not entry.exists():
            raise CheckDataError("extra 中的路径不存在", entry)
        for path in _yaml_files(entry):
            data = load_yaml_file(path)
            if isinstance(data, dict) and "list" in data:
                merge(wordlists, parse_wordlist(data, path))
            elif isinstance(data, dict) and "id" in data:
                user_rules.append((path, data))
            else:
                raise CheckDataError("既不是规则文件（含 id）也不是词表文件（含 list）", path)
    rules: dict[str, Rule] = {}
    for rule_id in RULE_IDS:
        path = SHIPPED_RULES_DIR / f"{rule_id}.yaml"
        rule = parse_rule(load_yaml_file(path), path, wordlists)
        if rule.id != rule_id:
            raise CheckDataError(f"文件名应与规则 id 一致（{rule_id}）", path, key="id")
        rules[rule.id] = rule
    for path in sorted(SHIPPED_RULES_DIR.glob("*.yaml")):
        if path.stem not in rules:
            rule = parse_rule(load_yaml_file(path), path, wordlists)
            rules[rule.id] = rule
    for path, data in user_rules:
        rule = parse_rule(data, path, wordlists)
        if rule.id in rules:
            raise DuplicateRuleError(f"规则 {rule.id} 已在 {rules[rule.id].path} 定义", path, key="id")
        rules[rule.id] = rule
    return RuleSet(rules, wordlists)
