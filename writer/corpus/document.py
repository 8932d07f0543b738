"""The structure recovered from one 工作综述: title, lead, sections, closing."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class Section:
    """One section: its heading, the second line of a two-line heading, its paragraphs."""

    heading: str
    subheading: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)


@dataclass
class Document:
    """One summary or report as `writer mine` writes it to documents.jsonl."""

    id: str
    source: str
    title: str
    subtitle: str | None = None
    date: str | None = None
    year: int | None = None
    lead: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    # Speaker and signature lines, block-quote bylines, front matter authors, reporters' bylines:
    # metadata, not text (writer.mining.bylines reads the persons they name).
    bylines: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        if not self.bylines:
            del data["bylines"]  # omitted when empty: a bank without bylines reads as before
        return data

    def jsonl_line(self) -> str:
        """The document as one line of a bank's documents.jsonl."""
        return json.dumps(self.to_dict(), ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        def section(d: dict) -> Section:
            return Section(d["heading"], d.get("subheading"), list(d.get("paragraphs", [])),
                           [section(s) for s in d.get("subsections", [])])
        return cls(
            id=data["id"], source=data["source"], title=data["title"],
            subtitle=data.get("subtitle"), date=data.get("date"), year=data.get("year"),
            lead=list(data.get("lead", [])),
            sections=[section(s) for s in data.get("sections", [])],
            closing=list(data.get("closing", [])),
            bylines=list(data.get("bylines", [])),
        )

    def all_sections(self) -> list[Section]:
        """Sections and their subsections in reading order."""
        out: list[Section] = []

        def walk(sections: list[Section]) -> None:
            for s in sections:
                out.append(s)
                walk(s.subsections)
        walk(self.sections)
        return out

    def paragraphs(self) -> list[str]:
        """Every body paragraph in reading order (lead, sections, closing)."""
        return [*self.lead, *(p for s in self.all_sections() for p in s.paragraphs), *self.closing]

    def texts(self) -> list[str]:
        """Every text of the document in reading order: title, subtitle, lead, headings and
        subheadings with their paragraphs, closing."""
        out = [self.title] + ([self.subtitle] if self.subtitle else []) + list(self.lead)
        for s in self.all_sections():
            out.append(s.heading)
            if s.subheading:
                out.append(s.subheading)
            out.extend(s.paragraphs)
        out.extend(self.closing)
        return out
