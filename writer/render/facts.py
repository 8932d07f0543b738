"""The facts file of `writer render`: its schema, and every problem of a file reported at once.

The file is YAML (UTF-8 or GB18030), decoded by the one loader
(``writer.io.yamlfile.decode_text``) into the dataclasses below: unknown keys
(with a "是不是…" hint), duplicate keys, wrong types, missing keys, values
that cannot be used and skeleton blanks left unfilled are all collected and
raised together as one ``writer.errors.ErrorGroup``, each error naming the
file, line, column and key (list positions counted from 1, as a writer counts).

Exit codes follow the README's table: a facts file that cannot be read
(missing, binary, unknown encoding) is an input error (3, raised by
writer.io.files); one that was read but whose content is wrong (bad YAML, wrong
shape, unknown key…) is a usage error (2), like an option with a bad value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from writer.errors import UsageError
from writer.io.yamlfile import Length, SchemaProblem, TypeHint, decode_text

MIN_SECTIONS = 2
MAX_SECTIONS = 8
HEADING_STYLES = ("single", "pair", "triple", "method", "contrast", "four")

# Text a skeleton leaves where the writer still has to fill in a fact.
# (Compiled through re's own cache when a file is decoded: a render of remembered facts never is.)
_PLACEHOLDER = r"请填写|待填写|待补充|TODO|^[.…_＿\s?？xX×]*$"


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


# kind of problem (writer.io.yamlfile) → the error raised for it
_ERRORS = {"syntax": FactsSyntaxError, "type": FactsTypeError, "missing": FactsMissingKeyError,
           "unknown": FactsUnknownKeyError, "duplicate": FactsDuplicateKeyError,
           "value": FactsValueError, "placeholder": FactsPlaceholderError}


# ---------------------------------------------------------------- value checks

def _clean_text(value: str) -> str | None:
    """One line of text: line breaks joined, blank → not given, a skeleton blank → error."""
    value = re.sub(r"(?<![^\S\n])[^\S\n]*\n\s*", "", value).strip()
    if value and re.search(_PLACEHOLDER, value):
        raise SchemaProblem(f"尚未填写（“{value}”）", "placeholder")
    return value or None


def _trim_fact(text: str) -> str | None:
    """A fact as a clause: without the sentence-final punctuation the weaver adds."""
    return text.rstrip("。；;，,、 ") or None


def _one_or_more(value: list | str) -> list:
    """A list of facts; one fact written without the leading dash is a list of one."""
    return value if isinstance(value, list) else [value]


def _year(value: Any) -> int:
    """A four-digit year, written as a number or as text."""
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise SchemaProblem("应为四位数的年份（如 2024）", "type")
    if not 1900 <= int(text) <= 2200:
        raise SchemaProblem(f"年份 {int(text)} 不合理", "value")
    return int(text)


Text = Annotated[str, _clean_text]
Fact = Annotated[str, _clean_text, _trim_fact]
Year = Annotated[Any, _year]


FactList = Annotated[list[Fact] | Fact, _one_or_more]


@dataclass
class SectionFacts:
    """One section: its theme, the heading if the writer gave one, its facts, and optionally how
    the work was done (``approach``, the opener's core) and the writer's own evaluation (``highlight``)."""

    theme: Text
    facts: Annotated[FactList, Length(1, None, "至少要有一条", "missing")]
    heading: Text | None = None
    approach: Fact | None = None
    highlight: Fact | None = None


@dataclass
class Outlook:
    """Facts or goals for the closing."""

    next_year: Year | None = None
    goals: FactList = field(default_factory=list)


@dataclass
class Style:
    """How headings are shaped and which seed the draft uses."""

    heading: Literal[HEADING_STYLES] = "single"
    seed: int | None = None


@dataclass
class Facts:
    """A validated facts file."""

    org: Text
    topic: Text
    period: Annotated[Text, TypeHint("如“2024年”")]
    sections: Annotated[list[SectionFacts], TypeHint("每节以“- theme: …”开头"),
                        Length(MIN_SECTIONS, MAX_SECTIONS, "应有 {low} 到 {high} 节，现有 {n} 节")]
    org_short: Text | None = None
    year: Year | None = None
    title: Text | None = None
    guiding: Text | None = None
    overview: FactList = field(default_factory=list)
    outlook: Outlook | None = None
    style: Style = field(default_factory=Style)
    path: str | None = field(default=None, metadata={"yaml": False})

    @property
    def place(self) -> str | None:
        """The place at the head of ``org`` (某县 of 某县人社局), when it has one."""
        from writer.compose.titles import org_place

        return org_place(self.org)


def parse_facts(text: str, path: str | Path = "<facts>") -> Facts:
    """Validate the YAML ``text`` of a facts file; raise ErrorGroup listing every problem."""
    facts = decode_text(text, Facts, str(path), _ERRORS, first_index=1)
    facts.path = str(path)
    return facts


def _plain(tree: Any) -> bool:
    """Whether a parsed YAML tree is data a cache can keep (no dates, no other objects)."""
    if isinstance(tree, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in tree.items())
    if isinstance(tree, list):
        return all(_plain(v) for v in tree)
    return tree is None or type(tree) in (str, int, float, bool)


def facts_from_tree(tree: Any, path: str | Path, text: str | None = None) -> Facts:
    """The facts of a parsed YAML tree, validated as ``parse_facts`` validates the file's text
    (``text``: the file's, for locating errors; without it the file is read again for them)."""
    from writer.io.yamlfile import Decoder

    decoder = Decoder(str(path), _ERRORS, text=text, collect=True, first_index=1)
    facts = decoder.decode(tree, Facts, [])
    decoder.raise_collected()
    facts.path = str(path)
    return facts


def facts_to_plain(facts: Facts) -> tuple:
    """Validated facts as plain data (what writer.render.memo keeps): ``facts_from_plain`` gives them back."""
    outlook = (facts.outlook.next_year, list(facts.outlook.goals)) if facts.outlook is not None else None
    sections = [(s.theme, list(s.facts), s.heading, s.approach, s.highlight) for s in facts.sections]
    return (facts.org, facts.topic, facts.period, sections, facts.org_short, facts.year, facts.title, facts.guiding,
            list(facts.overview), outlook, (facts.style.heading, facts.style.seed))


def facts_from_plain(plain: tuple, path: str | Path) -> Facts:
    """The facts ``facts_to_plain`` made plain, as read from ``path``: validated once already, so
    neither decoded nor checked again (and no YAML, no schema walk at a render of the same content)."""
    org, topic, period, sections, org_short, year, title, guiding, overview, outlook, style = plain
    return Facts(org, topic, period, [SectionFacts(theme, list(items), heading, approach, highlight)
                                      for theme, items, heading, approach, highlight in sections],
                 org_short, year, title, guiding, list(overview),
                 Outlook(outlook[0], list(outlook[1])) if outlook is not None else None, Style(*style), str(path))


def load_facts_tree(path: str | Path) -> tuple[Facts, Any]:
    """``load_facts``, and the parsed YAML tree when it is plain data (None otherwise): a caller may
    keep it and decode it again with ``facts_from_tree`` without parsing YAML."""
    from writer.errors import WriterError
    from writer.io.files import read_text
    from writer.io.yamlfile import parse_yaml

    text = read_text(path)
    try:
        tree = parse_yaml(text, str(path), _ERRORS)
    except WriterError:   # bad YAML or a duplicated key: parse_facts reports every problem at once
        return parse_facts(text, path), None
    return facts_from_tree(tree, path, text), tree if _plain(tree) else None


def load_facts(path: str | Path) -> Facts:
    """Read and validate a facts file (UTF-8 or GB18030).

    Raises ErrorGroup (exit 2) holding one FactsError per problem, each with
    file, line, column and key; file-level problems (missing, binary, bad
    encoding) raise the InputError (exit 3) of writer.io.files.
    """
    from writer.io.files import read_text

    return parse_facts(read_text(path), path)
