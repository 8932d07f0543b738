"""The structure recovered from one 工作综述: title, lead, sections, closing."""

from __future__ import annotations

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

    def to_dict(self) -> dict:
        return asdict(self)

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
        )

    def paragraphs(self) -> list[str]:
        """Every body paragraph in reading order (lead, sections, closing)."""
        out = list(self.lead)
        def walk(sections: list[Section]) -> None:
            for s in sections:
                out.extend(s.paragraphs)
                walk(s.subsections)
        walk(self.sections)
        out.extend(self.closing)
        return out
