"""The facts file of `writer render`: its schema, and every problem of a file reported at once.

The file is YAML (UTF-8 or GB18030), decoded by the one loader
(``writer.io.yamlfile.decode_text``) into the dataclasses of writer.render.facts_schema: unknown keys
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

from pathlib import Path
from typing import Any

from writer.errors import UsageError
from writer.slotted import ValueRecord

MIN_SECTIONS = 2
MAX_SECTIONS = 8
HEADING_STYLES = ("single", "pair", "triple", "method", "contrast", "four")


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


# ---------------------------------------------------------------- the facts

# Value records (writer.slotted), not dataclasses: every render builds them, and the schema's
# dataclasses (writer.render.facts_schema) are made only when a file is decoded.
class SectionFacts(ValueRecord):
    """One section: its theme, the heading if the writer gave one, its facts, and optionally how
    the work was done (``approach``, the opener's core) and the writer's own evaluation (``highlight``)."""

    __slots__ = ("theme", "facts", "heading", "approach", "highlight")
    _fields = __slots__

    def __init__(self, theme: str, facts: list[str], heading: str | None = None, approach: str | None = None,
                 highlight: str | None = None):
        self.theme, self.facts, self.heading, self.approach, self.highlight = theme, facts, heading, approach, highlight


class Outlook(ValueRecord):
    """Facts or goals for the closing."""

    __slots__ = ("next_year", "goals")
    _fields = __slots__

    def __init__(self, next_year: int | None = None, goals: list[str] | None = None):
        self.next_year = next_year
        self.goals = goals if goals is not None else []


class Style(ValueRecord):
    """How headings are shaped and which seed the draft uses."""

    __slots__ = ("heading", "seed")
    _fields = __slots__

    def __init__(self, heading: str = "single", seed: int | None = None):
        self.heading, self.seed = heading, seed


class Facts(ValueRecord):
    """A validated facts file."""

    __slots__ = ("org", "topic", "period", "sections", "org_short", "year", "title", "guiding", "overview",
                 "outlook", "style", "path")
    _fields = __slots__

    def __init__(self, org: str, topic: str, period: str, sections: list[SectionFacts], org_short: str | None = None,
                 year: int | None = None, title: str | None = None, guiding: str | None = None,
                 overview: list[str] | None = None, outlook: Outlook | None = None, style: Style | None = None,
                 path: str | None = None):
        self.org, self.topic, self.period, self.sections = org, topic, period, sections
        self.org_short, self.year, self.title, self.guiding = org_short, year, title, guiding
        self.overview = overview if overview is not None else []
        self.outlook = outlook
        self.style = style if style is not None else Style()
        self.path = path

    @property
    def place(self) -> str | None:
        """The place at the head of ``org`` (某县 of 某县人社局), when it has one."""
        from writer.compose.titles import org_place

        return org_place(self.org)


def _from_schema(decoded, path: str | Path) -> Facts:
    """The facts of a decoded schema record (writer.render.facts_schema.Facts)."""
    return facts_from_plain(facts_to_plain(decoded), path)


def parse_facts(text: str, path: str | Path = "<facts>") -> Facts:
    """Validate the YAML ``text`` of a facts file; raise ErrorGroup listing every problem."""
    from writer.io.yamlfile import decode_text
    from writer.render import facts_schema

    return _from_schema(decode_text(text, facts_schema.Facts, str(path), _ERRORS, first_index=1), path)


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
    from writer.render import facts_schema

    decoder = Decoder(str(path), _ERRORS, text=text, collect=True, first_index=1)
    facts = decoder.decode(tree, facts_schema.Facts, [])
    decoder.raise_collected()
    return _from_schema(facts, path)


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
