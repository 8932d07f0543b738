"""The schema of `writer render`'s facts file: the dataclasses writer.io.yamlfile decodes it into.

Imported only when a facts file is decoded (parsed YAML checked field by
field): a render of facts already decoded once (writer.render.memo keeps them
as plain data) builds the plain records of writer.render.facts directly, and
neither makes these dataclasses nor imports the decoder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from writer.io.yamlfile import Length, SchemaProblem, TypeHint
from writer.render.facts import HEADING_STYLES, MAX_SECTIONS, MIN_SECTIONS

# Text a skeleton leaves where the writer still has to fill in a fact.
# (Compiled through re's own cache when a file is decoded.)
_PLACEHOLDER = r"请填写|待填写|待补充|TODO|^[.…_＿\s?？xX×]*$"


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
