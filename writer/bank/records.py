"""The records of a phrase bank (one dataclass per kind of entry, the schema of its items) and its files.

docs/bank-format.md describes each field. ``writer mine`` builds these records
and writes them with ``record_to_dict``; loading decodes each YAML item into its
record class (``writer.io.yamlfile.decode``: unknown keys rejected, types and
``kind`` checked against the annotations below), and the compiled cache keeps
them as rows of plain values (``record_row`` / ``from_rows``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

from writer.bank.files import (CUSTOM_FILE, DOCUMENTS_FILE, EXPECTED_EXTRAS, GENERATED_FILES,  # noqa: F401
                               RECORD_FILE_NAMES)


@dataclass
class Slogan:
    """A four-character set phrase (kind ``slogan``) or topic term (kind ``term``)."""

    text: str
    kind: Literal["slogan", "term"] = "slogan"
    count: int = 0
    docs: int = 0
    doc_ids: list[str] = field(default_factory=list)
    first_year: int | None = None
    last_year: int | None = None
    examples: list[str] = field(default_factory=list)
    years: dict[int, int] = field(default_factory=dict)  # year → documents of that year using it


@dataclass
class Heading:
    """A section heading with its typed-slot pattern and shape."""

    text: str
    heading: str = ""
    subheading: str | None = None
    pattern: str = ""
    shape: str = ""
    slots: list[list[str]] = field(default_factory=list)
    doc_id: str | None = None
    source: str | None = None
    year: int | None = None
    topics: list[str] = field(default_factory=list)


@dataclass
class Passage:
    """An opening (帽子) or closing paragraph, verbatim and as a template."""

    text: str
    template: str = ""
    doc_id: str | None = None
    source: str | None = None
    year: int | None = None


@dataclass
class Aphorism:
    """A short balanced sentence that opens a section."""

    text: str
    doc_id: str | None = None
    source: str | None = None
    year: int | None = None
    heading: str | None = None


@dataclass
class Name:
    """A proper name of a source document: never to appear in generated text."""

    text: str
    kind: Literal["place", "org", "person"] = "place"
    docs: list[str] = field(default_factory=list)
    why: str = ""    # the evidence that it is a name (地名表, 称谓“市长”在前, 文档标题…)
    line: str = ""   # where that evidence stands, a few characters either side


# ---------------------------------------------------------------- the bank folder

# The folder's file names live in writer.bank.files (opening a bank needs no record class).
_CLASSES = {"slogans": Slogan, "headings": Heading, "openings": Passage, "closings": Passage,
            "aphorisms": Aphorism, "names": Name}
# kind (attribute of the bank and key of custom.yaml) → (file, top-level key, record class)
RECORD_FILES: dict[str, tuple[str, str, type]] = {
    kind: (filename, key, _CLASSES[kind]) for kind, (filename, key) in RECORD_FILE_NAMES.items()}


def field_names(cls: type) -> tuple[str, ...]:
    """The fields of a record class in declaration order (the order of a row and of the YAML)."""
    return tuple(f.name for f in fields(cls))


def record_to_dict(record: Any) -> dict:
    """A record as the ordered mapping written to YAML (field order of the dataclass)."""
    return {name: getattr(record, name) for name in field_names(type(record))}


def record_rows(records: list, cls: type) -> list[list]:
    """Records as rows of plain values (for the marshal cache), in field order."""
    names = field_names(cls)
    return [[getattr(r, name) for name in names] for r in records]


def from_rows(rows: list[list], cls: type) -> list:
    """The records of ``record_rows`` rebuilt."""
    return [cls(*row) for row in rows]
