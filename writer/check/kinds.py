"""The closed set of check kinds a rule file can use, with their parameters.

| kind | finds |
|---|---|
| existence | each occurrence of a phrase from the given sources |
| substitution | an outdated formulation (word list of old → new, with dates) |
| repetition | a phrase used again in the same draft |
| density | a sentence (or paragraph) holding too many phrases of the sources |
| pattern | regular-expression matches, optionally with a mechanical replacement |
| pairs | unpaired or crossed quotes and brackets; ASCII quotes in Chinese text |
| copy | a run of characters identical to a passage of the bank's corpus |
| length | a sentence longer than a limit |

Phrase sources are ``bank:slogan``, ``bank:term``, ``jieba:idioms`` (jieba's
i-tagged idioms above its floor frequency), ``jieba:all`` (every i/l entry)
and ``list:NAME`` (a word list). Regular expressions may use ``%han%`` (Chinese
characters, for use inside ``[...]``) and ``%punct%`` (full-width punctuation).
"""

from __future__ import annotations

import bisect
import re
import string
from itertools import accumulate, repeat
from operator import itemgetter
from pathlib import Path
from typing import Callable

from writer.check.copyindex import Normalised
from writer.check.finding import LEVELS
from writer.check.wordlists import WordList
from writer.check.yamlfile import CheckDataError, check_keys

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》【】〔〕…"
MACROS = {"%han%": HAN, "%punct%": re.escape(FULLWIDTH_PUNCT)}
SOURCE_PREFIXES = ("bank:slogan", "bank:term", "jieba:idioms", "jieba:all")


def expand_macros(pattern: str) -> str:
    for name, value in MACROS.items():
        pattern = pattern.replace(name, value)
    return pattern


class Param:
    """One parameter of a check kind: its type, default and whether config may tune it."""

    def __init__(self, type_: str, default=None, required: bool = False, tunable: bool = False,
                 minimum: float | None = None, fields: tuple[str, ...] = ()):
        self.type = type_
        self.default = default
        self.required = required
        self.tunable = tunable
        self.minimum = minimum
        self.fields = fields


def _fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def validate_value(param: Param, value, path: Path, key: str, wordlists: dict[str, WordList]):
    """Check one parameter value against its declared type; return the value to use."""
    t = param.type
    if t in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (t == "int" and not isinstance(value, int)):
            raise CheckDataError("应为整数" if t == "int" else "应为数值", path, key=key)
        if param.minimum is not None and value < param.minimum:
            raise CheckDataError(f"应不小于 {param.minimum:g}", path, key=key)
        return value
    if t == "bool":
        if not isinstance(value, bool):
            raise CheckDataError("应为 true 或 false", path, key=key)
        return value
    if t == "level":
        if value not in LEVELS:
            raise CheckDataError(f"级别应为 {'、'.join(LEVELS)} 之一", path, key=key)
        return value
    if t in ("str", "template"):
        if not isinstance(value, str):
            raise CheckDataError("应为字符串", path, key=key)
        if t == "template":
            try:
                unknown = _fields_of(value) - set(param.fields)
            except ValueError as exc:
                raise CheckDataError(f"消息模板有误（{exc}）", path, key=key) from None
            if unknown:
                allowed = "、".join("{" + f + "}" for f in param.fields) or "无"
                raise CheckDataError(f"消息模板中有未知的占位符 {{{sorted(unknown)[0]}}}（可用：{allowed}）",
                                     path, key=key)
        return value
    if t == "regex":
        if not isinstance(value, str) or not value:
            raise CheckDataError("应为正则表达式字符串", path, key=key)
        try:
            # ^ and $ match at line starts and ends: patterns run over the whole text.
            return re.compile(expand_macros(value), re.MULTILINE)
        except re.error as exc:
            raise CheckDataError(f"正则表达式有误：{exc}", path, key=key) from None
    if t == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise CheckDataError("应为非空字符串列表", path, key=key)
        return list(value)
    if t in ("sources", "lists"):
        if not isinstance(value, list) or not value:
            raise CheckDataError("应为来源列表（如 bank:slogan、list:slogans）", path, key=key)
        for i, source in enumerate(value):
            k = f"{key}[{i}]"
            if not isinstance(source, str):
                raise CheckDataError("应为字符串", path, key=k)
            if source.startswith("list:"):
                name = source[5:]
                if name not in wordlists:
                    raise CheckDataError(f"没有名为“{name}”的词表（已有：{'、'.join(sorted(wordlists))}）", path, key=k)
                want = "substitutions" if t == "lists" else "phrases"
                if wordlists[name].kind != want:
                    raise CheckDataError(f"词表“{name}”的类型是 {wordlists[name].kind}，此处需要 {want}", path, key=k)
            elif t == "lists" or source not in SOURCE_PREFIXES:
                allowed = "list:词表名" if t == "lists" else "、".join(SOURCE_PREFIXES) + "、list:词表名"
                raise CheckDataError(f"未知的来源（可用：{allowed}）", path, key=k)
        return list(value)
    raise AssertionError(t)


class Check:
    """Base of the check kinds: validated parameters and an ``emit`` callback."""

    kind = ""
    PARAMS: dict[str, Param] = {}

    def __init__(self, rule_id: str, level: str, spec: dict, path: Path, key: str,
                 wordlists: dict[str, WordList]):
        self.rule_id = rule_id
        self.path = path
        self.key = key
        self.wordlists = wordlists
        allowed = set(self.PARAMS) | {"kind", "level"}
        check_keys(spec, allowed, path, key)
        self.level = validate_value(Param("level"), spec["level"], path, f"{key}.level", wordlists) \
            if "level" in spec else level
        self.params = {}
        for name, param in self.PARAMS.items():
            if name in spec:
                self.params[name] = validate_value(param, spec[name], path, f"{key}.{name}", wordlists)
            elif param.required:
                raise CheckDataError(f"{self.kind} 类检查缺少参数", path, key=f"{key}.{name}")
            else:
                self.params[name] = param.default
        self.setup()

    def setup(self) -> None:
        """Kind-specific validation after the generic one."""

    def tune(self, name: str, value) -> bool:
        """Set a tunable parameter (from configuration); False when this kind has none by that name."""
        param = self.PARAMS.get(name)
        if param is None or not param.tunable:
            return False
        self.params[name] = validate_value(param, value, self.path, f"{self.key}.{name}", self.wordlists)
        return True

    def tunables(self) -> list[str]:
        return [n for n, p in self.PARAMS.items() if p.tunable]

    # phrases ------------------------------------------------------------------

    def phrase_sources(self) -> list[str]:
        """The phrase sources this check reads (to build only what is needed)."""
        return [s for key in ("phrases", "except", "ignore_within") for s in (self.params.get(key) or [])]

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


def fmt(template: str | None, **values) -> str | None:
    if template is None:
        return None
    return template.format_map(values)


class Existence(Check):
    kind = "existence"
    PARAMS = {
        "phrases": Param("sources"),
        "except": Param("sources"),
        "ignore_within": Param("sources"),
        "words": Param("strings"),
        "message": Param("template", "“{phrase}”", fields=("phrase", "docs", "total", "share")),
        "suggestion": Param("template", fields=("phrase", "docs", "total", "share")),
        "escalate_share": Param("float", None, tunable=True, minimum=0),
        "escalate_level": Param("level", "warning"),
    }

    def setup(self):
        if not self.params["phrases"] and not self.params["words"]:
            raise CheckDataError("existence 类检查需要 phrases 或 words", self.path, key=f"{self.key}.phrases")

    def run(self, draft, ctx, emit, accept):
        phrases = self.phrase_set(ctx, accept)
        if not phrases:
            return
        total = ctx.doc_count if any(s.startswith("bank:") for s in self.params["phrases"] or []) else 0
        share_limit = self.params["escalate_share"]
        said: dict[str, tuple] = {}     # phrase → (message, suggestion, level): a phrase recurs
        for s, e, phrase in self.hits(draft, ctx, accept):
            if phrase not in said:
                docs = ctx.slogans.get(phrase, 0) if total else 0
                share = docs / total if total else 0.0
                level = self.level
                if share_limit is not None and total and share >= share_limit:
                    level = self.params["escalate_level"]
                values = dict(phrase=phrase, docs=docs, total=total, share=f"{share:.0%}")
                said[phrase] = (fmt(self.params["message"], **values), fmt(self.params["suggestion"], **values),
                                level)
            message, suggestion, level = said[phrase]
            emit(s, e, message, suggestion, level=level)


class Substitution(Check):
    kind = "substitution"
    PARAMS = {
        "lists": Param("lists", required=True),
        "message": Param("template", "“{old}”已改为“{new}”",
                         fields=("old", "new", "date", "note", "since")),
        "suggestion": Param("template", "改为“{new}”", fields=("old", "new", "date", "note", "since")),
    }

    def phrase_sources(self):
        return []

    def table(self, accept):
        if not hasattr(self, "_table"):
            table = {}
            for name in self.params["lists"]:
                for sub in self.wordlists[name[5:]].substitutions:
                    if sub.old not in accept:
                        table.setdefault(sub.old, sub)
            self._table = table
        return self._table

    def phrase_set(self, ctx, accept):
        return frozenset(self.table(accept))

    def run(self, draft, ctx, emit, accept):
        table = self.table(accept)
        text = draft.text
        for s, e, old in draft.phrase_hits(frozenset(table)):
            sub = table[old]
            # The current form may contain the old one (…局 → …管理局): leave it alone.
            around = text[max(0, s - len(sub.new)):e + len(sub.new)]
            if sub.new in around and sub.new != old and old in sub.new:
                continue
            since = f"{sub.date} 起" if sub.date else ""
            values = dict(old=old, new=sub.new, date=sub.date or "", note=sub.note or "", since=since)
            emit(s, e, fmt(self.params["message"], **values), fmt(self.params["suggestion"], **values))


class Repetition(Check):
    kind = "repetition"
    PARAMS = {
        "phrases": Param("sources", required=True),
        "except": Param("sources"),
        "ignore_within": Param("sources"),
        "words": Param("strings"),
        "window": Param("int", 0, tunable=True, minimum=0),
        "message": Param("template", "“{phrase}”重复使用", fields=("phrase", "count", "first_line", "first_column")),
        "suggestion": Param("template", fields=("phrase", "count", "first_line", "first_column")),
    }

    def run(self, draft, ctx, emit, accept):
        phrases = self.phrase_set(ctx, accept)
        if not phrases:
            return
        hits = self.hits(draft, ctx, accept)
        counts: dict[str, int] = {}
        for _, _, phrase in hits:
            counts[phrase] = counts.get(phrase, 0) + 1
        window = self.params["window"]
        previous: dict[str, int] = {}
        first: dict[str, int] = {}
        reported: set[str] = set()
        for s, e, phrase in hits:
            if phrase not in first:
                first[phrase] = previous[phrase] = s
                continue
            near = not window or s - previous[phrase] <= window
            anchor = previous[phrase] if window else first[phrase]
            previous[phrase] = s
            if not near or (not window and phrase in reported):
                continue
            reported.add(phrase)
            line, column = draft.lines.position(anchor)
            values = dict(phrase=phrase, count=counts[phrase], first_line=line, first_column=column)
            emit(s, e, fmt(self.params["message"], **values), fmt(self.params["suggestion"], **values))


class Density(Check):
    kind = "density"
    PARAMS = {
        "phrases": Param("sources", required=True),
        "except": Param("sources"),
        "ignore_within": Param("sources"),
        "words": Param("strings"),
        "sentence": Param("int", 0, tunable=True, minimum=0),
        "paragraph": Param("int", 0, tunable=True, minimum=0),
        "distinct": Param("bool", False),
        "unless": Param("regex"),
        "message": Param("template", "一句中有 {count} 个", fields=("count", "limit", "unit", "phrases")),
        "suggestion": Param("template", fields=("count", "limit", "unit", "phrases")),
    }

    def setup(self):
        if not self.params["sentence"] and not self.params["paragraph"]:
            raise CheckDataError("density 类检查需要 sentence 或 paragraph 阈值", self.path,
                                 key=f"{self.key}.sentence")

    def _items(self, hits):
        if not self.params["distinct"]:
            return hits
        seen, out = set(), []
        for h in hits:
            if h[2] not in seen:
                seen.add(h[2])
                out.append(h)
        return out

    def _emit(self, emit, items, limit, unit):
        values = dict(count=len(items), limit=limit, unit=unit, phrases="、".join(h[2] for h in items))
        emit(items[0][0], items[-1][1], fmt(self.params["message"], **values),
             fmt(self.params["suggestion"], **values))

    def run(self, draft, ctx, emit, accept):
        phrases = self.phrase_set(ctx, accept)
        if not phrases:
            return
        unless = self.params["unless"]
        per_sentence, per_paragraph = self.params["sentence"], self.params["paragraph"]
        current = None
        para_hits: list = []
        fired = False

        def flush():
            items = self._items(para_hits)
            if per_paragraph and not fired and len(items) >= per_paragraph:
                self._emit(emit, items, per_paragraph, "段")

        # Only sentences holding a phrase can fire; ``unless`` is searched only when
        # its answer matters (it is a regular expression run per sentence).
        for paragraph, sentence, hits in draft.hit_sentences(self.hits(draft, ctx, accept)):
            if paragraph is not current:
                if current is not None:
                    flush()
                current, para_hits, fired = paragraph, [], False
            items = self._items(hits)
            sentence_fires = per_sentence and len(items) >= per_sentence
            if not per_paragraph and not sentence_fires:
                continue
            if unless is not None and unless.search(sentence.text):
                continue
            para_hits.extend(hits)
            if sentence_fires:
                fired = True
                self._emit(emit, items, per_sentence, "句")
        if current is not None:
            flush()


class Pattern(Check):
    kind = "pattern"
    PARAMS: dict[str, Param] = {}
    ITEM_KEYS = {"match", "message", "suggestion", "replace"}

    def __init__(self, rule_id, level, spec, path, key, wordlists):
        items = spec.get("items")
        if not isinstance(items, list) or not items:
            raise CheckDataError("pattern 类检查需要非空的 items 列表", path, key=f"{key}.items")
        spec = {k: v for k, v in spec.items() if k != "items"}
        super().__init__(rule_id, level, spec, path, key, wordlists)
        self.items = []
        for i, item in enumerate(items):
            k = f"{key}.items[{i}]"
            if not isinstance(item, dict):
                raise CheckDataError("应为映射（含 match、message）", path, key=k)
            check_keys(item, self.ITEM_KEYS, path, k)
            if "match" not in item:
                raise CheckDataError("缺少正则表达式", path, key=f"{k}.match")
            regex = validate_value(Param("regex"), item["match"], path, f"{k}.match", wordlists)
            if regex.fullmatch(""):
                raise CheckDataError("正则表达式不能匹配空串", path, key=f"{k}.match")
            message = validate_value(Param("template", fields=("match",)), item.get("message", "“{match}”"),
                                     path, f"{k}.message", wordlists)
            suggestion = item.get("suggestion")
            if suggestion is not None:
                validate_value(Param("template", fields=("match", "fix")), suggestion, path,
                               f"{k}.suggestion", wordlists)
            replace = item.get("replace")
            if replace is not None:
                if not isinstance(replace, str):
                    raise CheckDataError("应为字符串", path, key=f"{k}.replace")
                for ref in re.finditer(r"\\(?:(\d+)|g<([^>]*)>)", replace):
                    number, name = ref.groups()
                    ok = (number is not None and int(number) <= regex.groups) or \
                         (name is not None and (name in regex.groupindex or
                                                (name.isdigit() and int(name) <= regex.groups)))
                    if not ok:
                        raise CheckDataError(f"替换式引用了不存在的分组 {ref.group()}", path, key=f"{k}.replace")
            self.items.append((regex, message, suggestion, replace))

    def run(self, draft, ctx, emit, accept):
        # Each expression runs once over the whole text (one C-level pass); a match
        # counts when it lies inside one paragraph and overlaps no earlier item's match.
        text = draft.text
        claimed_starts: list[int] = []
        claimed_ends: list[int] = []
        for regex, message, suggestion, replace in self.items:
            matches = draft.inside_paragraphs([(m.start(), m.end(), m) for m in regex.finditer(text)])
            if not matches:
                continue
            fixed = replace is None or "\\" not in replace
            # Templates without a placeholder give the same text for every match.
            constant_message = fmt(message, match="") if not _fields_of(message) else None
            constant_suggestion = fmt(suggestion, match="", fix="") \
                if suggestion is None or not _fields_of(suggestion) else None
            new_claims = []
            for s, e, m in matches:
                if s == e:
                    continue
                if claimed_starts:
                    # Matches of one expression never overlap each other: only the
                    # claims of earlier items are in the way.
                    k = bisect.bisect_right(claimed_starts, s)
                    if (k > 0 and claimed_ends[k - 1] > s) or (k < len(claimed_starts) and claimed_starts[k] < e):
                        continue
                new_claims.append((s, e))
                if fixed:
                    fix = replace
                else:
                    try:
                        fix = m.expand(replace)
                    except (re.error, IndexError):
                        fix = None
                emit(s, e, constant_message if constant_message is not None else fmt(message, match=m.group()),
                     constant_suggestion if suggestion is None or constant_suggestion is not None
                     else fmt(suggestion, match=m.group(), fix=fix or ""), fix=fix)
            if new_claims:
                merged = sorted(list(zip(claimed_starts, claimed_ends)) + new_claims)
                claimed_starts = [c[0] for c in merged]
                claimed_ends = [c[1] for c in merged]


class Pairs(Check):
    kind = "pairs"
    PARAMS = {
        "pairs": Param("strings", ["“”", "‘’", "《》", "（）"]),
        "ascii": Param("strings", []),
        "message_unclosed": Param("template", "“{mark}”没有配对的“{other}”", fields=("mark", "other")),
        "message_unopened": Param("template", "“{mark}”前面没有配对的“{other}”", fields=("mark", "other")),
        "message_crossed": Param("template", "“{mark}”与“{other}”交错", fields=("mark", "other")),
        "message_ascii": Param("template", "中文里用了半角“{mark}”", fields=("mark", "other")),
    }

    def setup(self):
        for key in ("pairs", "ascii"):
            for i, pair in enumerate(self.params[key]):
                want = 3 if key == "ascii" else 2
                if len(pair) != want:
                    what = "半角符号加一对全角符号（如 \"“”）" if key == "ascii" else "一对符号（如 “”）"
                    raise CheckDataError(f"应为{what}", self.path, key=f"{self.key}.{key}[{i}]")
        self.openers = {p[0]: p[1] for p in self.params["pairs"]}
        self.closers = {p[1]: p[0] for p in self.params["pairs"]}
        self.ascii = {p[0]: p[1:] for p in self.params["ascii"]}
        self._han = re.compile(f"[{HAN}]")
        marks = set(self.openers) | set(self.closers)
        self._marks = re.compile("[" + re.escape("".join(sorted(marks))) + "]") if marks else None
        # Lines whose marks pair up (deleting adjacent pairs leaves nothing) need no
        # pairing, as long as no mark opens one pair and closes another.
        clear = all(self.openers.get(c, c) == c for c in self.closers)
        self._marks_lines = re.compile("[" + re.escape("".join(sorted(marks))) + "\n]") if marks and clear else None
        self._adjacent = re.compile("|".join(re.escape(p) for p in sorted(self.params["pairs"]))) if marks else None

    def _ascii_quotes(self, paragraph, emit):
        text, base = paragraph.text, paragraph.start
        if not self._han.search(text):
            return
        for mark, (left, right) in self.ascii.items():
            if mark not in text:
                continue
            positions = [m.start() for m in re.finditer(re.escape(mark), text)]
            if mark == "'":
                # An apostrophe of English text is not a quote.
                positions = [i for i in positions
                             if (i > 0 and self._han.match(text[i - 1])) or
                             (i + 1 < len(text) and self._han.match(text[i + 1]))]
                if not positions:
                    continue
                fixable = len(positions) == text.count(mark) and len(positions) % 2 == 0
            else:
                fixable = len(positions) % 2 == 0
            for n, i in enumerate(positions):
                fix = (left if n % 2 == 0 else right) if fixable else None
                emit(base + i, base + i + 1, fmt(self.params["message_ascii"], mark=mark, other=left + right),
                     f"改为「{fix}」" if fix else f"改为全角「{left}」或「{right}」", fix=fix)

    def run(self, draft, ctx, emit, accept):
        # Whole-text searches find the few paragraphs that hold a mark; the
        # pairing itself runs per paragraph. (Findings are sorted afterwards,
        # so ASCII quotes may be reported before the pairs.)
        text = draft.text
        paragraphs = draft.paragraphs
        if self.ascii:
            holding: set[int] = set()
            for mark in self.ascii:
                i = text.find(mark)
                while i != -1:
                    holding.add(draft.paragraph_index(i))
                    i = text.find(mark, i + 1)
            holding.discard(-1)
            for k in sorted(holding):
                self._ascii_quotes(paragraphs[k], emit)
        if self._marks is None:
            return
        if not draft.markdown and self._marks_lines is not None:
            # Plain text: a paragraph is a line. The marks of all lines, one line of
            # marks per line of text; pairs deleted until none is left, in C.
            marks_only = "".join(self._marks_lines.findall(text))
            while True:
                reduced = self._adjacent.sub("", marks_only)
                if len(reduced) == len(marks_only):
                    break
                marks_only = reduced
            for number, rest in enumerate(marks_only.split("\n")):
                if rest:
                    start = draft.lines.line_start(number + 1)
                    first_mark = self._marks.search(text, start, start + len(draft.lines.line_text(number + 1)))
                    k = draft.paragraph_index(first_mark.start())
                    if k >= 0:
                        paragraph = paragraphs[k]
                        self._pair(paragraph, [(paragraph.start + m.start(), 0, m.group())
                                               for m in self._marks.finditer(paragraph.text)], emit)
            return
        marks = draft.inside_paragraphs([(m.start(), m.start() + 1, m.group()) for m in self._marks.finditer(text)])
        k = 0
        while k < len(marks):
            paragraph = paragraphs[draft.paragraph_index(marks[k][0])]
            group = []
            while k < len(marks) and marks[k][0] < paragraph.end:
                group.append(marks[k])
                k += 1
            self._pair(paragraph, group, emit)

    def _pair(self, paragraph, marks, emit):
        """Report the unpaired and crossed marks of one paragraph (``marks``: its marks in order)."""
        text, base = paragraph.text, paragraph.start
        stack: list[tuple[str, int]] = []
        for at, _, c in marks:
            i = at - base
            if c in self.openers and not (c in self.closers and stack and stack[-1][0] == self.closers[c]):
                stack.append((c, i))
                continue
            opener = self.closers[c]
            if stack and stack[-1][0] == opener:
                stack.pop()
                continue
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == opener), None)
            if depth is None:
                emit(base + i, base + i + 1, fmt(self.params["message_unopened"], mark=c, other=opener))
                continue
            inner, at_inner = stack[-1]
            if self.openers[inner] in text[i + 1:]:
                # The inner mark closes later: the two pairs cross (“《”》).
                emit(base + at_inner, base + i + 1,
                     fmt(self.params["message_crossed"], mark=inner, other=opener + c))
                del stack[depth]
                continue
            for mark, j in stack[depth + 1:]:
                emit(base + j, base + j + 1,
                     fmt(self.params["message_unclosed"], mark=mark, other=self.openers[mark]))
            del stack[depth:]
        for mark, i in stack:
            emit(base + i, base + i + 1, fmt(self.params["message_unclosed"], mark=mark, other=self.openers[mark]))


class Copy(Check):
    kind = "copy"
    PARAMS = {
        "min_chars": Param("int", 20, tunable=True, minimum=19),
        "common_docs": Param("int", 2, tunable=True, minimum=2),
        "exempt": Param("sources"),
        "message": Param("template", "连续 {chars} 字与《{title}》相同",
                         fields=("chars", "title", "id", "docs")),
        "suggestion": Param("template", fields=("chars", "title", "id", "docs")),
    }

    def phrase_sources(self):
        return list(self.params["exempt"] or [])

    def phrase_set(self, ctx, accept):
        if not hasattr(self, "_phrases"):
            self._phrases = frozenset(p for p in self.resolve(self.params["exempt"], ctx) | set(accept) if p)
        return self._phrases

    def run(self, draft, ctx, emit, accept):
        corpus = ctx.corpus
        if corpus is None or not len(corpus):
            return
        exempt = self.phrase_set(ctx, accept)
        holes = [(s, e) for s, e, _ in draft.phrase_hits(exempt)] if exempt else []
        # Compare only paragraphs this rule may see, with exempt phrases cut out.
        spans: list[tuple[int, int]] = []
        k = 0
        for paragraph in draft.paragraphs:
            if not paragraph.allows(self.rule_id):
                continue
            pos = paragraph.start
            while k < len(holes) and holes[k][1] <= pos:
                k += 1
            j = k
            while j < len(holes) and holes[j][0] < paragraph.end:
                if holes[j][0] > pos:
                    spans.append((pos, holes[j][0]))
                pos = max(pos, holes[j][1])
                j += 1
            if pos < paragraph.end:
                spans.append((pos, paragraph.end))
        norm = Normalised(draft.text, spans)
        for run in corpus.find_runs(norm.text, self.params["min_chars"], self.params["common_docs"]):
            if run.docs >= self.params["common_docs"]:
                continue
            doc_id, title = corpus.docs[run.doc]
            values = dict(chars=run.end - run.start, title=title, id=doc_id, docs=run.docs)
            emit(norm.offset(run.start), norm.offset(run.end - 1) + 1, fmt(self.params["message"], **values),
                 fmt(self.params["suggestion"], **values))


class Length(Check):
    kind = "length"
    PARAMS = {
        "max": Param("int", 100, tunable=True, minimum=1),
        "split": Param("str", ""),
        "message": Param("template", "句子长 {length} 字，超过 {max} 字", fields=("length", "max")),
        "suggestion": Param("template", fields=("length", "max")),
    }

    def run(self, draft, ctx, emit, accept):
        limit = self.params["max"]
        split = self.params["split"]
        splitter = re.compile(f"[{re.escape(split)}]") if split else None
        for paragraph in draft.paragraphs:
            if len(paragraph.text) <= limit:
                continue        # none of its sentences can be longer: no need to split it
            for sentence in paragraph.sentences:
                self._check_sentence(sentence, limit, splitter, emit)

    def _check_sentence(self, sentence, limit, splitter, emit):
        parts = [(sentence.start, sentence.text)]
        if splitter:
            parts, pos = [], 0
            for m in splitter.finditer(sentence.text):
                parts.append((sentence.start + pos, sentence.text[pos:m.end()]))
                pos = m.end()
            if pos < len(sentence.text):
                parts.append((sentence.start + pos, sentence.text[pos:]))
        for start, part in parts:
            if len(part) <= limit:
                continue        # dropping whitespace only shortens it
            length = len("".join(part.split()))
            if length > limit:
                lead = len(part) - len(part.lstrip())
                emit(start + lead, start + len(part.rstrip()),
                     fmt(self.params["message"], length=length, max=limit),
                     fmt(self.params["suggestion"], length=length, max=limit))


KINDS: dict[str, type[Check]] = {cls.kind: cls for cls in
                                 (Existence, Substitution, Repetition, Density, Pattern, Pairs, Copy, Length)}
