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

from dataclasses import field
from pathlib import Path

from writer.check.finding import Level
from writer.check.kinds import KINDS, Check
from writer.check.rulecache import own_pattern
from writer.check.schema import CheckDataError, data_error, decode_as, positive, record
from writer.check.wordlists import (WordList, load_shipped_wordlists, merge, parse_wordlist, shipped_wordlist_files,
                                    wordlist_from_plain, wordlist_plain)
from writer.slotted import ValueRecord

SHIPPED_RULES_DIR = Path(__file__).resolve().parents[1] / "data" / "check" / "rules"
# The shipped rule ids, in report order; they are part of the interface.
RULE_IDS = ("cliche", "slogan-density", "repeat", "vague", "copy", "long-sentence",
            "stale", "punct", "quote", "spacing", "number")
# Only these rules' fixes are applied by --fix: they never touch wording.
FIXABLE = frozenset({"punct", "quote", "spacing"})
_ID = own_pattern(r"^[a-z][a-z0-9-]*$")


class DuplicateRuleError(CheckDataError):
    """Two rule files define the same rule id."""


@record()   # a dataclass made when first decoded or built: a check run served by the caches builds none
class Example:
    """One example text of a rule, with what the rule must report on it (``fire`` only)."""

    text: str
    level: Level | None = None
    count: int | None = None


@record()   # a dataclass made when first decoded or built: a check run served by the caches builds none
class ExampleDocument:
    """A document of the example corpus (what the copy rule compares with)."""

    text: str = ""
    id: str | None = None
    title: str = ""


@record()   # a dataclass made when first decoded or built: a check run served by the caches builds none
class ExampleContext:
    """The bank data a rule's examples assume (see writer.check.examples)."""

    slogans: dict[str, int] = field(default_factory=dict)
    documents: int | None = None
    terms: list[str] = field(default_factory=list)
    idioms: list[str] = field(default_factory=list)
    corpus: list[ExampleDocument] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    facts: list[str] | None = None   # the strings of a facts file (rule fact)


@record(repr=False, eq=False)   # a schema only: decoded into, never compared or shown
class Examples:
    """The schema of a rule file's ``examples``: a text alone, or a text with what it must give."""

    fire: list[str | Example] = field(default_factory=list)
    no_fire: list[str | Example] = field(default_factory=list)
    context: ExampleContext = field(default_factory=ExampleContext)


@record(repr=False, eq=False)   # a schema only: decoded into, never compared or shown
class RuleFile:
    """The schema of a rule file; each of ``checks`` is decoded by its kind (writer.check.kinds)."""

    id: str
    level: Level
    checks: list[dict]
    summary: str = ""
    examples: Examples | None = None


class Rule(ValueRecord):
    """A validated rule: id, level, its checks and its examples.

    A slotted record (writer.slotted), not a dataclass. A rule rebuilt from a snapshot
    (writer.check.rulecache) keeps its examples as the snapshot stored them until they are
    first read: only the test suite reads them, and a check run then builds none of them.
    """

    __slots__ = ("id", "level", "summary", "checks", "path", "_fire", "_no_fire", "_context", "_stored", "sources")
    _fields = ("id", "level", "summary", "checks", "path", "fire", "no_fire", "context", "sources")

    def __init__(self, id: str, level: str, summary: str, checks: list[Check], path: str,
                 fire: list[Example] | None = None, no_fire: list[Example] | None = None,
                 context: ExampleContext | None = None, sources: tuple | None = None):
        self.id, self.level, self.summary, self.checks, self.path = id, level, summary, checks, path
        self._fire = [] if fire is None else fire
        self._no_fire = [] if no_fire is None else no_fire
        self._context = context
        self._stored = None
        # What identifies the files the rule was loaded with (rule and word-list files, by content);
        # None for a rule built otherwise. Caches of what the rule derives are keyed on it.
        self.sources = sources

    @classmethod
    def stored(cls, id: str, level: str, summary: str, checks: list[Check], path: str, examples: tuple) -> "Rule":
        """A rule whose examples are the plain data ``(fire, no_fire, context)`` of a snapshot."""
        rule = cls(id, level, summary, checks, path)
        rule._stored = examples
        return rule

    def _examples(self) -> None:
        if self._stored is not None:
            from writer.check.rulecache import from_plain_value

            fire, no_fire, context = self._stored
            self._fire, self._no_fire = from_plain_value(fire), from_plain_value(no_fire)
            self._context, self._stored = from_plain_value(context), None

    @property
    def fire(self) -> list[Example]:
        self._examples()
        return self._fire

    @fire.setter
    def fire(self, value: list[Example]) -> None:
        self._examples()
        self._fire = value

    @property
    def no_fire(self) -> list[Example]:
        self._examples()
        return self._no_fire

    @no_fire.setter
    def no_fire(self, value: list[Example]) -> None:
        self._examples()
        self._no_fire = value

    @property
    def context(self) -> ExampleContext:
        self._examples()
        if self._context is None:
            self._context = ExampleContext()
        return self._context

    @context.setter
    def context(self, value: ExampleContext) -> None:
        self._examples()
        self._context = value

    def tune(self, name: str, value) -> None:
        """Set threshold ``name`` on every check that has it; CheckDataError when none has."""
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


def _examples(items: list[str | Example], path: Path, keys: list) -> list[Example]:
    out = [Example(item) if isinstance(item, str) else item for item in items]
    for i, example in enumerate(out):
        if example.count is not None:
            positive(example.count, path, [*keys, i, "count"])
    return out


def _check(spec: dict, rule: RuleFile, path: Path, keys: list, wordlists: dict[str, WordList]) -> Check:
    kind = spec.get("kind")
    if kind not in KINDS:
        raise data_error(path, [*keys, "kind"], f"未知的检查类型（可用：{'、'.join(KINDS)}）")
    return KINDS[kind](rule.id, rule.level, spec, path, keys, wordlists)


def parse_rule(data, path: Path, wordlists: dict[str, WordList]) -> Rule:
    """Validate the parsed YAML of one rule file."""
    spec = decode_as(data, RuleFile, path)
    if not _ID.match(spec.id):
        raise data_error(path, ["id"], "规则 id 应由小写字母、数字和连字符组成")
    if not spec.checks:
        raise data_error(path, ["checks"], "应为非空的检查列表")
    checks = [_check(c, spec, path, ["checks", i], wordlists) for i, c in enumerate(spec.checks)]
    rule = Rule(spec.id, spec.level, spec.summary, checks, str(path))
    if spec.examples is not None:
        rule.fire = _examples(spec.examples.fire, path, ["examples", "fire"])
        rule.no_fire = _examples(spec.examples.no_fire, path, ["examples", "no_fire"])
        rule.context = spec.examples.context
    return rule


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(list(path.glob("*.yaml")) + list(path.glob("*.yml")))
    return [path]


class RuleSet(ValueRecord):
    """All rules (shipped and the user's) and the word lists they read."""

    __slots__ = _fields = ("rules", "wordlists")

    def __init__(self, rules: dict[str, Rule], wordlists: dict[str, WordList]):
        self.rules, self.wordlists = rules, wordlists

    def ids(self) -> list[str]:
        return list(self.rules)


def _user_paths(extra: list[str | Path]) -> list[Path]:
    """The YAML files of the ``extra`` paths, in order; a missing path is an error."""
    paths = []
    for entry in map(Path, extra):
        if not entry.exists():
            raise CheckDataError("extra 中的路径不存在", entry)
        paths.extend(_yaml_files(entry))
    return paths


def _user_files(paths: list[Path], wordlists: dict[str, WordList], sources) -> list[tuple[Path, dict]]:
    """The rule files among ``paths`` (parsed, not yet validated); the word lists go into ``wordlists``."""
    user_rules: list[tuple[Path, dict]] = []
    for path in paths:
        data = sources.data(path)
        if isinstance(data, dict) and "list" in data:
            merge(wordlists, parse_wordlist(data, path))
        elif isinstance(data, dict) and "id" in data:
            user_rules.append((path, data))
        else:
            raise CheckDataError("既不是规则文件（含 id）也不是词表文件（含 list）", path)
    return user_rules


def _shipped_rule_files() -> list[Path]:
    """The shipped rule files: those of RULE_IDS in that order, then any other shipped file."""
    first = [SHIPPED_RULES_DIR / f"{rule_id}.yaml" for rule_id in RULE_IDS]
    return first + [p for p in sorted(SHIPPED_RULES_DIR.glob("*.yaml")) if p.stem not in RULE_IDS]


def _shipped_rules(wordlists: dict[str, WordList], sources) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for path in _shipped_rule_files():
        if path.stem in rules:
            continue
        rule = parse_rule(sources.data(path), path, wordlists)
        if path.stem in RULE_IDS and rule.id != path.stem:
            raise data_error(path, ["id"], f"文件名应与规则 id 一致（{path.stem}）")
        rules[rule.id] = rule
    return rules


def load_rules(extra: list[str | Path] = ()) -> RuleSet:
    """The shipped rules and word lists, plus the rule/word-list files or folders in ``extra``.

    When no file (nor the code that validates them) changed since a run validated them,
    the rules are rebuilt from that run's snapshot (writer.check.rulecache) without
    parsing or decoding anything; otherwise their parsed content and compiled patterns
    come from the cache where they can, and the cache is written once all validated.
    """
    from writer.check.rulecache import RuleSources

    user_paths = _user_paths(extra)
    sources = RuleSources(shipped_wordlist_files() + _shipped_rule_files() + user_paths)
    code = _validating_code()
    ruleset = _from_snapshot(sources.snapshot(code))
    if ruleset is None:
        ruleset = _validated_rules(user_paths, sources)
        sources.save(_snapshot(ruleset))
    for rule in ruleset.rules.values():
        rule.sources = sources.key
    return ruleset


def _validated_rules(user_paths: list[Path], sources) -> RuleSet:
    """Every rule and word list parsed and validated (errors name the file, line and key)."""
    wordlists = load_shipped_wordlists(sources)
    user_rules = _user_files(user_paths, wordlists, sources)
    rules = _shipped_rules(wordlists, sources)
    for path, data in user_rules:
        rule = parse_rule(data, path, wordlists)
        if rule.id in rules:
            raise data_error(path, ["id"], f"规则 {rule.id} 已在 {rules[rule.id].path} 定义", DuplicateRuleError)
        rules[rule.id] = rule
    return RuleSet(rules, wordlists)


def _validating_code():
    """The stamps of the modules whose code shapes a validated rule (kinds, defaults, loaders)."""
    from writer.check.rulecache import code_stamp

    return code_stamp([__name__, "writer.check.wordlists", "writer.check.kinds.base",
                       *(cls.__module__ for cls in KINDS.values())])


def _snapshot(ruleset: RuleSet):
    """``ruleset`` as plain data, or None when some value cannot be stored or would not come
    back equal (then every run validates afresh, as without a snapshot)."""
    from writer.check.rulecache import Unstorable, plain_value

    try:
        plain = ([wordlist_plain(w) for w in ruleset.wordlists.values()],
                 [(r.id, r.level, r.summary, r.path, [(c.kind, c.level, plain_value(c.params), c.source_names()) for c in r.checks],
                   plain_value(r.fire), plain_value(r.no_fire), plain_value(r.context)) for r in ruleset.rules.values()])
    except Unstorable:
        return None
    again = _from_snapshot(plain)
    try:
        same = again is not None and again.wordlists == ruleset.wordlists and list(again.rules) == list(ruleset.rules) \
            and all(_same_rule(again.rules[k], rule) for k, rule in ruleset.rules.items())
    except Unstorable:      # examples that would not come back (read only when compared here)
        same = False
    return plain if same else None


def _same_rule(a: Rule, b: Rule) -> bool:
    return ((a.id, a.level, a.summary, a.path, a.fire, a.no_fire, a.context) ==
            (b.id, b.level, b.summary, b.path, b.fire, b.no_fire, b.context)
            and [(type(c), c.level, c.params, c.source_names()) for c in a.checks]
            == [(type(c), c.level, c.params, c.source_names()) for c in b.checks])


def _from_snapshot(plain) -> RuleSet | None:
    """The rule set a snapshot describes (each check's setup run again); None when it does not fit."""
    from writer.check.rulecache import Unstorable, from_plain_value

    if plain is None:
        return None
    try:
        lists, rules = plain
        wordlists = {w.name: w for w in map(wordlist_from_plain, lists)}
        out: dict[str, Rule] = {}
        for rule_id, level, summary, path, checks, fire, no_fire, context in rules:
            built = [KINDS[kind].restore(rule_id, check_level, from_plain_value(params), Path(path),
                                         ["checks", i], wordlists, sources)
                     for i, (kind, check_level, params, sources) in enumerate(checks)]
            out[rule_id] = Rule.stored(rule_id, level, summary, built, path, (fire, no_fire, context))
    except (Unstorable, TypeError, ValueError, KeyError):
        return None
    return RuleSet(out, wordlists)
