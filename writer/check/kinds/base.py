"""What every check kind shares: its parameters as a typed record, and phrase lookup.

A kind declares its parameters as a dataclass (``Params``), the schema of a
``checks:`` item of a rule file: ``writer.io.yamlfile.decode`` rejects unknown
keys and checks each value's type from the annotation; what the annotation
cannot say is declared with ``param(...)`` and checked here (``minimum``, and
``check``: phrase sources, word lists, message templates, regular expressions,
non-empty strings). A check keeps the values as ``params``, a dict keyed by
the YAML names, which render reads through writer.check.budget.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from _string import formatter_parser   # what string.Formatter().parse calls; `string` compiles a pattern on import
from itertools import accumulate, repeat
from operator import itemgetter
from pathlib import Path
from typing import Callable

from writer.check.finding import Level
from writer.check.schema import data_error, decode_as, decode_field, record, record_fields
from writer.check.wordlists import WordList

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》【】〔〕…"
MACROS = {"%han%": HAN, "%punct%": re.escape(FULLWIDTH_PUNCT)}
SOURCE_PREFIXES = ("bank:slogan", "bank:term", "jieba:idioms", "jieba:all")


def expand_macros(pattern: str) -> str:
    for name, value in MACROS.items():
        pattern = pattern.replace(name, value)
    return pattern


def param(default=dataclasses.MISSING, *, key: str | None = None, tunable: bool = False,
          minimum: float | None = None, check: str | None = None, fields: tuple[str, ...] = ()):
    """A field of a kind's parameter record.

    ``key``: the YAML name when it is not a Python identifier (``except``);
    ``tunable``: .writer.yaml may set it (``thresholds``); ``minimum``: the
    least number allowed; ``check``: what the value is beyond its type
    (``sources``, ``lists``, ``template`` with placeholders ``fields``,
    ``regex``, ``strings``). No default: the parameter is required.
    """
    metadata = {"tunable": tunable, "minimum": minimum, "check": check, "fields": fields}
    if key is not None:
        metadata["key"] = key
    if isinstance(default, list):
        return dataclasses.field(default_factory=default.copy, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@record(kw_only=True, repr=False, eq=False)
class CheckParams:
    """The keys every ``checks:`` item has: its kind and, optionally, its own level."""

    kind: str
    level: Level | None = None


@record(kw_only=True, repr=False, eq=False)
class PhraseParams(CheckParams):
    """The phrase parameters of existence, repetition and density."""

    phrases: list[str] | None = param(None, check="sources")
    except_: list[str] | None = param(None, key="except", check="sources")
    ignore_within: list[str] | None = param(None, check="sources")
    words: list[str] | None = param(None, check="strings")


def template_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in formatter_parser(template) if name is not None}


def fmt(template: str | None, **values) -> str | None:
    if template is None:
        return None
    return template.format_map(values)


def checked_template(value: str, fields: tuple[str, ...], path: Path, keys: list) -> str:
    """``value`` when it is a message template using only ``fields`` as placeholders."""
    try:
        unknown = template_fields(value) - set(fields)
    except ValueError as exc:
        raise data_error(path, keys, f"消息模板有误（{exc}）") from None
    if unknown:
        allowed = "、".join("{" + f + "}" for f in fields) or "无"
        raise data_error(path, keys, f"消息模板中有未知的占位符 {{{sorted(unknown)[0]}}}（可用：{allowed}）")
    return value


def compiled_regex(value: str, path: Path, keys: list) -> re.Pattern:
    """``value`` (with %han% and %punct% expanded) compiled; ^ and $ match at line ends."""
    from writer.check.rulecache import known_pattern, remember_pattern

    if not value:
        raise data_error(path, keys, "应为正则表达式字符串")
    # ^ and $ match at line starts and ends: patterns run over the whole text.
    pattern, flags = expand_macros(value), re.MULTILINE
    known = known_pattern(pattern, flags)     # compiled and validated before (this run or the cache)
    if known is not None:
        return known
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise data_error(path, keys, f"正则表达式有误：{exc}") from None
    from writer.check.regexcost import nested_repeat

    nested = nested_repeat(compiled.pattern, re.MULTILINE)
    if nested:
        raise data_error(path, keys, f"正则表达式可能回溯失控：{nested}（内层重复改为有界的 {{m,n}}，或让每一轮以内层取不到的字符开头）")
    remember_pattern(pattern, flags, compiled)
    return compiled


def checked_sources(value: list[str], lists_only: bool, path: Path, keys: list,
                    wordlists: dict[str, WordList]) -> list[str]:
    """``value`` when each entry names a phrase source (or, ``lists_only``, a substitutions list)."""
    if not value:
        raise data_error(path, keys, "应为来源列表（如 bank:slogan、list:slogans）")
    want = "substitutions" if lists_only else "phrases"
    for i, source in enumerate(value):
        if source.startswith("list:"):
            name = source[5:]
            if name not in wordlists:
                raise data_error(path, [*keys, i],
                                 f"没有名为“{name}”的词表（已有：{'、'.join(sorted(wordlists))}）")
            if wordlists[name].kind != want:
                raise data_error(path, [*keys, i], f"词表“{name}”的类型是 {wordlists[name].kind}，此处需要 {want}")
        elif lists_only or source not in SOURCE_PREFIXES:
            allowed = "list:词表名" if lists_only else "、".join(SOURCE_PREFIXES) + "、list:词表名"
            raise data_error(path, [*keys, i], f"未知的来源（可用：{allowed}）")
    return list(value)


def checked_value(f: dataclasses.Field, value, path: Path, keys: list, wordlists: dict[str, WordList]):
    """A decoded parameter value checked against its field's ``param`` declarations."""
    minimum, check = f.metadata.get("minimum"), f.metadata.get("check")
    if value is None:
        return None
    if minimum is not None and value < minimum:
        raise data_error(path, keys, f"应不小于 {minimum:g}")
    if check == "template":
        return checked_template(value, f.metadata["fields"], path, keys)
    if check == "regex":
        return compiled_regex(value, path, keys)
    if check == "strings" and not all(value):
        raise data_error(path, keys, "应为非空字符串列表")
    if check in ("sources", "lists"):
        return checked_sources(value, check == "lists", path, keys, wordlists)
    return value


def _yaml_key(f: dataclasses.Field) -> str:
    return f.metadata.get("key", f.name)


class Check:
    """Base of the check kinds: validated parameters and a ``run`` that emits findings."""

    kind = ""
    Params: type = CheckParams

    def __init__(self, rule_id: str, level: str, spec: dict, path: Path, keys: list,
                 wordlists: dict[str, WordList]):
        self.rule_id = rule_id
        self.path = path
        self.keys = list(keys)
        self.wordlists = wordlists
        record = decode_as(spec, self.Params, path, keys)
        self.level = record.level or level
        self.params = {}
        for f in record_fields(self.Params):
            if f.name in ("kind", "level"):
                continue
            name = _yaml_key(f)
            value = getattr(record, f.name)
            self.params[name] = checked_value(f, value, path, [*keys, name], wordlists) if name in spec else value
        self.setup()

    @classmethod
    def restore(cls, rule_id: str, level: str, params: dict, path: Path, keys: list,
                wordlists: dict[str, WordList], sources: list[str]) -> "Check":
        """The check ``__init__`` made from these already validated ``params`` and its
        ``source_names()`` (a rule set's snapshot, writer.check.rulecache): nothing decoded
        again, its Params record not even made; ``setup`` runs as there."""
        check = cls.__new__(cls)
        check.rule_id, check.path, check.keys, check.wordlists = rule_id, path, list(keys), wordlists
        check.level, check.params = level, params
        check._source_names = list(sources)
        check.setup()
        return check

    def setup(self) -> None:
        """Kind-specific validation after the generic one."""

    def _tunable(self, name: str) -> dataclasses.Field | None:
        return next((f for f in record_fields(self.Params)
                     if _yaml_key(f) == name and f.metadata.get("tunable")), None)

    def tune(self, name: str, value) -> bool:
        """Set a tunable parameter (from configuration); False when this kind has none by that name."""
        f = self._tunable(name)
        if f is None:
            return False
        keys = [*self.keys, name]
        value = decode_field(value, self.Params, f.name, self.path, keys)
        self.params[name] = checked_value(f, value, self.path, keys, self.wordlists)
        return True

    def tunables(self) -> list[str]:
        return [_yaml_key(f) for f in record_fields(self.Params) if f.metadata.get("tunable")]

    def source_names(self) -> list[str]:
        """Every phrase source (``bank:slogan``, ``list:NAME``…) this check's parameters name."""
        if hasattr(self, "_source_names"):      # restored: sources are never tuned
            return list(self._source_names)
        return [source for f in record_fields(self.Params) if f.metadata.get("check") == "sources"
                for source in self.params.get(_yaml_key(f)) or []]

    def stamp(self, ctx) -> tuple | None:
        """What identifies the files beyond rule files and the context's that this check's
        phrase sets are made from: () for none; None when they cannot be named (not cached)."""
        return ()

    # phrases ------------------------------------------------------------------

    def resolve(self, sources, ctx) -> set[str]:
        out: set[str] = set()
        for source in sources or []:
            if source == "bank:slogan":
                out.update(ctx.slogans)
            elif source == "bank:term":
                out.update(ctx.terms)
            elif source == "jieba:idioms":
                out.update(ctx.idioms)
            elif source == "jieba:all":
                out.update(ctx.all_idioms)
            elif source.startswith("list:"):
                out.update(self.wordlists[source[5:]].phrases)
        return out

    def phrase_set(self, ctx, accept: frozenset[str]) -> frozenset[str]:
        """The phrases this check looks for, minus exceptions and accepted phrases."""
        if not hasattr(self, "_phrases"):
            phrases = self.resolve(self.params.get("phrases"), ctx) | set(self.params.get("words") or [])
            phrases -= self.resolve(self.params.get("except"), ctx)
            phrases -= accept
            self._phrases = frozenset(p for p in phrases if p)
        return self._phrases

    def within_set(self, ctx) -> frozenset[str]:
        """Phrases inside which an occurrence does not count (``ignore_within``)."""
        if not hasattr(self, "_within"):
            self._within = frozenset(self.resolve(self.params.get("ignore_within"), ctx))
        return self._within

    def hits(self, draft, ctx, accept) -> list[tuple[int, int, str]]:
        """This check's phrase occurrences, minus those inside a quoted title (《…》: the
        writer cites it, it is not their wording) or inside an ``ignore_within`` phrase."""
        phrases, within = self.phrase_set(ctx, accept), self.within_set(ctx)
        return draft.cached(("hits", phrases, within), lambda: self._uncovered(draft, phrases, within))

    @staticmethod
    def _uncovered(draft, phrases, within) -> list[tuple[int, int, str]]:
        hits = draft.phrase_hits(phrases)
        if not hits:
            return hits
        covers = list(draft.title_spans())
        if within:
            covers.extend(draft.phrase_hits(within))
        if not covers:
            return hits
        covers.sort()
        starts = list(map(itemgetter(0), covers))
        # Furthest end among covers[:i+1], so nested covers are handled.
        reach = list(accumulate(map(itemgetter(1), covers), max))
        index = map(bisect.bisect_right, repeat(starts), map(itemgetter(0), hits))
        return [h for h, i in zip(hits, index) if not (i and h[1] <= reach[i - 1])]

    def run(self, draft, ctx, emit: Callable, accept: frozenset[str]) -> None:
        raise NotImplementedError
