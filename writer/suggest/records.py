"""One suggestion: its text, kind, where it came from (mined or generated) and its score."""

from __future__ import annotations

from dataclasses import dataclass, field

MINED = "mined"
GENERATED = "generated"


@dataclass
class Suggestion:
    """One result: its text, what kind it is, where it came from, and its score."""

    text: str
    kind: str
    origin: str                      # "mined" or "generated"
    source: str | None = None        # mined: the source document's title; generated passages: the template's source
    year: int | None = None
    pattern: str | None = None       # generated: the pattern or template filled
    from_heading: str | None = None  # generated headings: the mined heading behind the pattern
    lines: list[str] = field(default_factory=list)
    score: float = 0.0
    theme: str | None = None         # generated headings: the section theme that steered it
    parts: tuple[str, ...] = ()      # assembled passages: roles of the bank pieces used (couplet, review)

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "origin": self.origin,
                "source": self.source, "year": self.year, "pattern": self.pattern,
                "from_heading": self.from_heading, "lines": self.lines or [self.text],
                "theme": self.theme, "score": self.score}
