"""The facts file of `writer render`: load, validate, and report every problem at once.

The file is YAML (UTF-8 or GB18030). It is composed to a node tree, not
loaded to plain values, so that every error can name the file, line and
column of the offending node. All errors of a file are collected and raised
together as one ``writer.errors.ErrorGroup``.

Exit codes follow the README's table: a facts file that cannot be read
(missing, binary, unknown encoding) is an input error (3, raised by
writer.io.files); one that was read but whose content is wrong (bad YAML, wrong
shape, unknown key…) is a usage error (2), like an option with a bad value.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from writer.errors import ErrorGroup, UsageError

MIN_SECTIONS = 2
MAX_SECTIONS = 8
HEADING_STYLES = ("single", "pair", "triple")

# Text a skeleton leaves where the writer still has to fill in a fact.
_PLACEHOLDER = re.compile(r"请填写|待填写|待补充|TODO|^[.…_＿\s?？xX×]*$")


class FactsError(UsageError):
    """The facts file was read but its content cannot be used."""


class FactsSyntaxError(FactsError):
    """The facts file is not valid YAML."""


class FactsTypeError(FactsError):
    """A value of the facts file has the wrong type (e.g. a number where text belongs)."""


class FactsMissingKeyError(FactsError):
    """A required key is absent or empty."""


class FactsUnknownKeyError(FactsError):
    """A key the facts file format does not know."""


class FactsDuplicateKeyError(FactsError):
    """The same key appears twice in one mapping."""


class FactsValueError(FactsError):
    """A value has the right type but cannot be used (count, range, choice)."""


class FactsPlaceholderError(FactsError):
    """A skeleton blank was left unfilled."""


@dataclass
class SectionFacts:
    """One section: its theme, the heading if the writer gave one, its facts."""

    theme: str
    facts: list[str]
    heading: str | None = None
    line: int | None = None


@dataclass
class Outlook:
    """Facts or goals for the closing."""

    next_year: int | None = None
    goals: list[str] = field(default_factory=list)


@dataclass
class Style:
    """How headings are shaped and which seed the draft uses."""

    heading: str = "single"
    seed: int | None = None


@dataclass
class Facts:
    """A validated facts file."""

    org: str
    topic: str
    period: str
    sections: list[SectionFacts]
    org_short: str | None = None
    year: int | None = None
    title: str | None = None
    guiding: str | None = None
    overview: list[str] = field(default_factory=list)
    outlook: Outlook | None = None
    style: Style = field(default_factory=Style)
    path: str | None = None
    source_text: str = ""

    @property
    def place(self) -> str | None:
        """The place at the head of ``org`` (某县 of 某县人社局), when it has one."""
        from writer.compose.titles import org_place

        return org_place(self.org)


# ---------------------------------------------------------------- schema

# key -> (kind, required); kinds: str, int, strlist, sections, outlook, style
TOP_KEYS = {
    "org": ("str", True),
    "org_short": ("str", False),
    "topic": ("str", True),
    "period": ("str", True),
    "year": ("int", False),
    "title": ("str", False),
    "guiding": ("str", False),
    "overview": ("strlist", False),
    "sections": ("sections", True),
    "outlook": ("outlook", False),
    "style": ("style", False),
}
SECTION_KEYS = {"theme": ("str", True), "heading": ("str", False), "facts": ("strlist", True)}
OUTLOOK_KEYS = {"next_year": ("int", False), "goals": ("strlist", False)}
STYLE_KEYS = {"heading": ("str", False), "seed": ("int", False)}

_TAG = "tag:yaml.org,2002:"
_TYPE_NAMES = {"int": "数字", "float": "数字", "bool": "是/否值", "null": "空值",
               "timestamp": "日期", "seq": "列表", "map": "键值表", "str": "文字"}


def _kind_of(node) -> str:
    import yaml
    if isinstance(node, yaml.MappingNode):
        return "map"
    if isinstance(node, yaml.SequenceNode):
        return "seq"
    tag = node.tag or ""
    return tag[len(_TAG):] if tag.startswith(_TAG) else "str"


class _Checker:
    """Walks the node tree, building values and collecting errors."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[FactsError] = []

    def error(self, cls: type, node, key: str | None, message: str) -> None:
        mark = node.start_mark if node is not None else None
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        self.errors.append(cls(message, self.path, line, col, key))

    # -- scalars
    def text(self, node, key: str, required: bool) -> str | None:
        kind = _kind_of(node)
        if kind == "null":
            if required:
                self.error(FactsMissingKeyError, node, key, "不能为空")
            return None
        if kind != "str":
            hint = ""
            if kind in ("int", "float", "bool", "timestamp"):
                hint = "；如“2024年”" if key == "period" else "；若确是文字，请加引号"
            self.error(FactsTypeError, node, key, f"应为一段文字，不是{_TYPE_NAMES.get(kind, kind)}{hint}")
            return None
        value = re.sub(r"\s*\n\s*", "", node.value).strip()
        if not value:
            if required:
                self.error(FactsMissingKeyError, node, key, "不能为空")
            return None
        if _PLACEHOLDER.search(value):
            self.error(FactsPlaceholderError, node, key, f"尚未填写（“{value}”）")
            return None
        return value

    def integer(self, node, key: str) -> int | None:
        kind = _kind_of(node)
        if kind == "null":
            return None
        raw = node.value.strip() if kind in ("int", "str") else ""
        if kind in ("int", "str") and re.fullmatch(r"\d{4}", raw):
            value = int(raw)
            if key.endswith("year") and not 1900 <= value <= 2200:
                self.error(FactsValueError, node, key, f"年份 {value} 不合理")
                return None
            return value
        if kind == "int" and key.endswith("seed"):
            for base in (10, 0):
                try:
                    return int(raw.replace("_", ""), base)
                except ValueError:
                    pass
        expected = "四位数的年份（如 2024）" if key.endswith("year") else "整数"
        self.error(FactsTypeError, node, key, f"应为{expected}")
        return None

    def text_list(self, node, key: str, required: bool) -> list[str]:
        kind = _kind_of(node)
        if kind == "null":
            if required:
                self.error(FactsMissingKeyError, node, key, "至少要有一条")
            return []
        if kind == "str":
            # A single fact written without the leading dash.
            value = self.text(node, key, required)
            return [value] if value else []
        if kind != "seq":
            self.error(FactsTypeError, node, key, f"应为列表（每行以“- ”开头），不是{_TYPE_NAMES.get(kind, kind)}")
            return []
        out = []
        for i, item in enumerate(node.value, 1):
            value = self.text(item, f"{key}[{i}]", True)
            if value:
                out.append(_trim_fact(value))
        if required and not node.value:
            self.error(FactsMissingKeyError, node, key, "至少要有一条")
        return out

    # -- mappings
    def mapping(self, node, key: str | None, schema: dict) -> dict | None:
        """The mapping's {key: value node}; reports duplicates, unknown and missing keys."""
        kind = _kind_of(node)
        if kind != "map":
            what = "键值表（键: 值）"
            self.error(FactsTypeError, node, key, f"应为{what}，不是{_TYPE_NAMES.get(kind, kind)}")
            return None
        found: dict = {}
        for knode, vnode in node.value:
            name = knode.value if _kind_of(knode) != "map" else "?"
            full = f"{key}.{name}" if key else name
            if name in found:
                self.error(FactsDuplicateKeyError, knode, full, "重复的键")
                continue
            if name not in schema:
                close = difflib.get_close_matches(name, list(schema), n=1, cutoff=0.5)
                hint = f"；是不是“{close[0]}”？" if close else f"；可用的键：{'、'.join(schema)}"
                self.error(FactsUnknownKeyError, knode, full, "未知的键" + hint)
                continue
            found[name] = vnode
        for name, (_, required) in schema.items():
            full = f"{key}.{name}" if key else name
            if required and name not in found:
                self.error(FactsMissingKeyError, node, full, "缺少必填的键")
        return found

    def value(self, node, key: str, kind: str, required: bool):
        if kind == "str":
            return self.text(node, key, required)
        if kind == "int":
            return self.integer(node, key)
        if kind == "strlist":
            return self.text_list(node, key, required)
        raise AssertionError(kind)

    def section(self, node, key: str) -> SectionFacts | None:
        found = self.mapping(node, key, SECTION_KEYS)
        if found is None:
            return None
        values = {name: self.value(found[name], f"{key}.{name}", SECTION_KEYS[name][0],
                                   SECTION_KEYS[name][1]) for name in found}
        if not values.get("theme") or not values.get("facts"):
            return None
        return SectionFacts(theme=values["theme"], facts=values["facts"],
                            heading=values.get("heading"), line=node.start_mark.line + 1)

    def sections(self, node) -> list[SectionFacts]:
        kind = _kind_of(node)
        if kind == "null":
            self.error(FactsMissingKeyError, node, "sections", "至少要有 2 节")
            return []
        if kind != "seq":
            self.error(FactsTypeError, node, "sections",
                       f"应为列表（每节以“- theme: …”开头），不是{_TYPE_NAMES.get(kind, kind)}")
            return []
        out = []
        for i, item in enumerate(node.value, 1):
            sec = self.section(item, f"sections[{i}]")
            if sec:
                out.append(sec)
        n = len(node.value)
        if not MIN_SECTIONS <= n <= MAX_SECTIONS:
            self.error(FactsValueError, node, "sections",
                       f"应有 {MIN_SECTIONS} 到 {MAX_SECTIONS} 节，现有 {n} 节")
        return out

    def outlook(self, node) -> Outlook | None:
        if _kind_of(node) == "null":
            return None
        found = self.mapping(node, "outlook", OUTLOOK_KEYS)
        if found is None:
            return None
        out = Outlook()
        if "next_year" in found:
            out.next_year = self.integer(found["next_year"], "outlook.next_year")
        if "goals" in found:
            out.goals = self.text_list(found["goals"], "outlook.goals", False)
        return out

    def style(self, node) -> Style:
        if _kind_of(node) == "null":
            return Style()
        found = self.mapping(node, "style", STYLE_KEYS)
        out = Style()
        if not found:
            return out
        if "heading" in found:
            value = self.text(found["heading"], "style.heading", False)
            if value and value not in HEADING_STYLES:
                self.error(FactsValueError, found["heading"], "style.heading",
                           f"只能是 {'/'.join(HEADING_STYLES)}")
            elif value:
                out.heading = value
        if "seed" in found:
            out.seed = self.integer(found["seed"], "style.seed")
        return out


def _trim_fact(text: str) -> str:
    """A fact as a clause: without the sentence-final punctuation the weaver adds."""
    return text.rstrip("。；;，,、 ")


def parse_facts(text: str, path: str | Path = "<facts>") -> Facts:
    """Validate the YAML ``text`` of a facts file; raise ErrorGroup listing every problem."""
    import yaml

    path = str(path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "格式错误"
        raise ErrorGroup([FactsSyntaxError(f"YAML 格式错误（{problem}）", path,
                                           mark.line + 1 if mark else None,
                                           mark.column + 1 if mark else None)]) from None
    except yaml.YAMLError as exc:
        raise ErrorGroup([FactsSyntaxError(f"YAML 格式错误（{exc}）", path)]) from None
    if root is None:
        raise ErrorGroup([FactsMissingKeyError("文件里没有内容", path)])
    check = _Checker(path)
    if _kind_of(root) != "map":
        what = "列表" if _kind_of(root) == "seq" else "一段文字"
        check.error(FactsTypeError, root, None,
                    f"事实文件应为键值表（org:、topic:、sections: …），不是{what}")
        raise ErrorGroup(check.errors)
    found = check.mapping(root, None, TOP_KEYS) or {}
    values: dict = {}
    for name, node in found.items():
        kind, required = TOP_KEYS[name]
        if kind == "sections":
            values[name] = check.sections(node)
        elif kind == "outlook":
            values[name] = check.outlook(node)
        elif kind == "style":
            values[name] = check.style(node)
        else:
            values[name] = check.value(node, name, kind, required)
    if check.errors:
        check.errors.sort(key=lambda e: (e.line or 0, e.col or 0))
        raise ErrorGroup(check.errors)
    return Facts(org=values["org"], topic=values["topic"], period=values["period"],
                 sections=values["sections"], org_short=values.get("org_short"),
                 year=values.get("year"), title=values.get("title"),
                 guiding=values.get("guiding"), overview=values.get("overview") or [],
                 outlook=values.get("outlook"), style=values.get("style") or Style(),
                 path=path, source_text=text)


def load_facts(path: str | Path) -> Facts:
    """Read and validate a facts file (UTF-8 or GB18030).

    Raises ErrorGroup (exit 2) holding one FactsError per problem, each with
    file, line, column and key; file-level problems (missing, binary, bad
    encoding) raise the InputError (exit 3) of writer.io.files.
    """
    from writer.io.files import read_text

    return parse_facts(read_text(path), path)
